"""Outcomes, the record and the ladder, checked against values read here from the raw files.

Expected values come from data/raw/external_figures.csv (read with the csv module, not the
loader) and from the report's text (regular expressions), and are computed independently.
"""

from __future__ import annotations

import csv
import math
import re

import pandas as pd
import pytest

from zzreport import analysis, outcomes, paths, source_text, verdicts


def externals(geo: str, name_zh: str, year: int, status: str, measure: str,
              period: str = "year") -> list[dict[str, str]]:
    """The raw register's rows for one figure, read with the csv module (not the loader)."""
    with (paths.RAW_DIR / "external_figures.csv").open(encoding="utf-8", newline="") as handle:
        return [r for r in csv.DictReader(handle)
                if (r["geo"], r["name_zh"], r["year"], r["status"], r["measure"], r["period"])
                == (geo, name_zh, str(year), status, measure, period)]


def external(geo: str, name_zh: str, year: int, status: str, measure: str,
             period: str = "year") -> dict[str, str]:
    """The one raw row for a figure that a single source gives."""
    rows = externals(geo, name_zh, year, status, measure, period)
    assert len(rows) == 1, (geo, name_zh, year, status, measure)
    return rows[0]


def stated(pattern: str) -> float:
    return float(re.findall(pattern, source_text())[0])


def row(frame: pd.DataFrame, indicator: str, **where) -> pd.Series:
    match = frame[frame["indicator"] == indicator]
    for column, value in where.items():
        match = match[match[column] == value]
    assert len(match) == 1, (indicator, where)
    return match.iloc[0]


# --- scorecard ------------------------------------------------------------------------------

def test_scorecard_keeps_every_2024_target() -> None:
    card = outcomes.scorecard()
    with paths.INDICATORS_CSV.open(encoding="utf-8", newline="") as handle:
        n_targets = sum(1 for r in csv.DictReader(handle) if r["status"] == "target")
    assert len(card) == n_targets
    assert set(card["result"].astype(str)) <= set(outcomes.OUTCOME_RESULTS)
    assert (card["result"] == "no_outcome_data").sum() > 0


def test_gdp_about_target_judged_two_sided() -> None:
    gdp = row(outcomes.scorecard(), "gdp", measure="growth")
    source = external("zhengzhou", "地区生产总值", 2024, "actual", "growth")
    outcome, target = float(source["value"]), stated(r"地区生产总值增长(\d+)%左右")
    assert gdp["outcome"] == outcome and gdp["target"] == target
    assert gdp["direction"] == "two_sided"  # 左右 with no ceiling word
    assert gdp["margin"] == pytest.approx(outcome - target) and gdp["margin_unit"] == "pp"
    within = abs(outcome - target) <= verdicts.ABOUT_TOLERANCE_PP
    expected = "met" if within else "missed" if outcome < target else "above_band"
    assert gdp["result"] == expected
    assert gdp["quality"] == source["quality"]


def test_level_target_margin_in_percent() -> None:
    nev = row(outcomes.scorecard(), "nev_output", measure="flow")
    outcome = float(external("zhengzhou", "新能源汽车产量", 2024, "actual", "flow")["value"])
    target = stated(r"新能源汽车产量超(\d+)万辆")
    assert nev["margin"] == pytest.approx((outcome / target - 1) * 100)
    assert nev["result"] == ("met" if outcome >= target else "missed")


def test_an_exact_outcome_beats_a_floor_and_both_are_shown() -> None:
    vehicles = row(outcomes.scorecard(), "vehicle_output", measure="flow")
    sources = externals("zhengzhou", "汽车产量", 2024, "actual", "flow")
    exact = [r for r in sources if r["bound"] == "exact"]
    floor = [r for r in sources if r["bound"] == "at_least"]
    assert len(exact) == 1 and len(floor) == 1  # 112万辆 and 突破110万辆
    assert vehicles["outcome"] == float(exact[0]["value"])
    assert vehicles["outcome_bound"] == "exact" and vehicles["margin_bound"] == "exact"
    assert floor[0]["source"] in vehicles["corroboration"]
    target = stated(r"突破(\d+)万辆")
    assert vehicles["result"] == ("met" if float(exact[0]["value"]) >= target else "missed")


def test_agreeing_sources_the_best_graded_leads() -> None:
    value_added = row(outcomes.scorecard(), "industrial_value_added", measure="growth")
    sources = externals("zhengzhou", "规模以上工业增加值", 2024, "actual", "growth")
    assert len(sources) == 2 and len({r["value"] for r in sources}) == 1
    grades = ["official", "state_media", "mirror", "low"]
    best = min(sources, key=lambda r: grades.index(r["quality"]))
    assert value_added["source"] == best["source"] and value_added["quality"] == best["quality"]
    other = next(r for r in sources if r is not best)
    assert other["source"] in value_added["corroboration"]


def test_disagreeing_sources_are_never_picked_silently() -> None:
    trains = row(outcomes.scorecard(), "china_europe_trains", measure="flow")
    sources = externals("zhengzhou", "中欧班列开行", 2024, "actual", "flow")
    assert len(sources) == 2
    assert trains["result"] == "sources_disagree"
    assert math.isnan(trains["outcome"]) and math.isnan(trains["margin"])
    shown = {(a["value"], a["unit"], a["quality"]) for a in trains["alternatives"]}
    assert shown == {(float(r["value"]), r["unit"], r["quality"]) for r in sources}


def test_derived_outcomes_get_a_verdict_marked_derived() -> None:
    card = outcomes.scorecard()
    for name_zh, indicator in (("固定资产投资", "fixed_asset_investment"),
                               ("社会消费品零售总额", "retail_sales")):
        source = external("zhengzhou", name_zh, 2024, "actual", "growth")
        assert source["derivation"]  # the register derives it
        entry = row(card, indicator, measure="growth")
        assert entry["outcome_basis"] == "derived"
        assert entry["derivation"] == source["derivation"]
        assert entry["result"] in ("met", "missed")
        target = stated(rf"{name_zh}增长(\d+)%以上")
        assert entry["result"] == ("met" if float(source["value"]) >= target else "missed")


def test_unquantified_target_with_an_outcome_is_not_assessable() -> None:
    trade = row(outcomes.scorecard(), "trade_value")
    assert trade["result"] == "not_assessable" and trade["reason"] == "target_unquantified"
    assert math.isnan(trade["target"]) and math.isnan(trade["margin"])


def test_targets_without_outcomes_are_never_guessed() -> None:
    card = outcomes.scorecard()
    waiting = card[card["result"] == "no_outcome_data"]
    assert waiting["outcome"].isna().all() and waiting["margin"].isna().all()
    assert {"budget_revenue", "unemployment_rate", "new_urban_jobs",
            "tourist_visits", "elderly_care_beds"} <= set(waiting["indicator"])
    assert set(waiting["reason"]) <= {"none_published", "only_part_year"}


def test_part_year_figures_are_indications_not_verdicts() -> None:
    card = outcomes.scorecard()
    passengers = row(card, "airport_passengers", measure="flow")
    source = external("zhengzhou", "机场旅客吞吐量", 2024, "actual", "flow", period="Jan-Jul")
    assert passengers["result"] == "no_outcome_data" and passengers["reason"] == "only_part_year"
    target = stated(r"完成旅客吞吐量(\d+)万人次")
    reached = float(source["value"]) * 1e6 / 1e4  # million → 万
    assert passengers["indication_share_of_target"] == pytest.approx(reached / target * 100)
    assert passengers["indication_share_of_year"] == pytest.approx(7 / 12 * 100)
    revenue = row(card, "budget_revenue", measure="growth")
    q1 = external("zhengzhou", "一般公共预算收入", 2024, "actual", "growth", period="Q1")
    assert revenue["indication_value"] == float(q1["value"])
    assert revenue["indication_period"] == "Q1" and revenue["result"] == "no_outcome_data"


def test_a_growth_that_implies_another_base_is_flagged() -> None:
    nev = row(outcomes.scorecard(), "nev_output", measure="flow")
    source = external("zhengzhou", "新能源汽车产量", 2024, "actual", "flow")
    growth = float(re.search(r"增長([\d.]+)%", source["quote"]).group(1))
    implied = float(source["value"]) / (1 + growth / 100)
    base = stated(r"新能源汽车([\d.]+)万辆")
    assert nev["caveat"] == "implied_base_differs"
    assert nev["caveat_implied_base"] == pytest.approx(implied)
    assert nev["caveat_report_base"] == base
    assert abs(implied / base - 1) > outcomes.IMPLIED_BASE_TOLERANCE


def test_every_target_left_without_a_verdict_says_why() -> None:
    card = outcomes.scorecard()
    judged = card["result"].isin(verdicts.VERDICTS)
    assert (card.loc[~judged, "reason"] != "").all()
    assert (card.loc[judged, "reason"] == "").all()


# --- track record ---------------------------------------------------------------------------

def test_gdp_record_years_and_gaps() -> None:
    record = outcomes.track_record()
    gdp = record[record["indicator"] == "gdp"].set_index("year")
    assert set(range(2020, 2026)) <= set(gdp.index)
    target_2022 = float(external("zhengzhou", "地区生产总值", 2022, "target", "growth")["value"])
    actual_2022 = float(external("zhengzhou", "地区生产总值", 2022, "actual", "growth")["value"])
    assert gdp.loc[2022, "gap"] == pytest.approx(actual_2022 - target_2022)
    assert math.isnan(gdp.loc[2020, "target"])  # no target published for 2020: kept, not made up
    # The report is preferred for the years it covers.
    assert gdp.loc[2023, "actual"] == stated(r"地区生产总值增长([\d.]+)%;")
    assert gdp.loc[2023, "actual_quality"] == "primary"
    assert gdp.loc[2024, "target"] == stated(r"地区生产总值增长(\d+)%左右")


def test_2023_target_list_against_results() -> None:
    record = outcomes.track_record().set_index(["indicator", "year"])
    fai_target = float(external("zhengzhou", "固定资产投资", 2023, "target", "growth")["value"])
    fai_actual = stated(r"固定资产投资增长([\d.]+)%;")
    assert record.loc[("fixed_asset_investment", 2023), "gap"] == pytest.approx(
        fai_actual - fai_target)
    assert record.loc[("fixed_asset_investment", 2023), "result"] == (
        "met" if fai_actual >= fai_target else "missed")
    # at_least met at or above the floor
    iva_floor = float(external("zhengzhou", "规模以上工业增加值", 2023, "target", "growth")["value"])
    assert record.loc[("industrial_value_added", 2023), "result"] == (
        "met" if stated(r"规模以上工业增加值增长([\d.]+)%;") >= iva_floor else "missed")


def test_a_2023_ceiling_is_judged_as_a_ceiling() -> None:
    record = outcomes.track_record().set_index(["indicator", "year"])
    ceiling = external("zhengzhou", "居民消费价格", 2023, "target", "growth")
    assert ceiling["bound"] == "at_most" and "控制在" in ceiling["quote"]
    prices = record.loc[("consumer_prices", 2023)]
    assert prices["direction"] == "down"
    assert prices["result"] == ("met" if prices["actual"] <= float(ceiling["value"]) else "missed")


def test_record_summary_mean_gap() -> None:
    summary = outcomes.record_summary().set_index("indicator")
    gaps = [float(external("zhengzhou", "地区生产总值", 2022, "actual", "growth")["value"])
            - float(external("zhengzhou", "地区生产总值", 2022, "target", "growth")["value"]),
            stated(r"地区生产总值增长([\d.]+)%;")
            - float(external("zhengzhou", "地区生产总值", 2023, "target", "growth")["value"])]
    assert summary.loc["gdp", "mean_gap"] == pytest.approx(sum(gaps) / 2)
    assert summary.loc["gdp", "record_adjusted_2024"] == pytest.approx(
        stated(r"地区生产总值增长(\d+)%左右") + sum(gaps) / 2)


# --- ladder ---------------------------------------------------------------------------------

def test_gdp_ladder_escalates_and_falls_back() -> None:
    gdp = row(outcomes.target_ladder(), "gdp")
    china = float(external("china", "国内生产总值", 2024, "target", "growth")["value"])
    henan = float(external("henan", "地区生产总值", 2024, "target", "growth")["value"])
    city = stated(r"地区生产总值增长(\d+)%左右")
    assert (gdp["china_target"], gdp["henan_target"], gdp["zhengzhou_target"]) == (
        china, henan, city)
    assert gdp["escalates"] == (china < henan < city)
    china_actual = float(external("china", "国内生产总值", 2024, "actual", "growth")["value"])
    city_actual = float(external("zhengzhou", "地区生产总值", 2024, "actual", "growth")["value"])
    assert gdp["outcome_premium"] == pytest.approx(city_actual - china_actual)
    assert gdp["falls_back"] == ((city_actual - china_actual) < (city - china))
    assert gdp["henan_quality"] == "low"  # the weak source is carried, not hidden


def test_a_ceiling_escalates_downward() -> None:
    unemployment = row(outcomes.target_ladder(), "unemployment_rate")
    # Equal ceilings (5.5% and 5.5%) are not escalation in either direction.
    assert unemployment["china_target"] == unemployment["zhengzhou_target"]
    assert not unemployment["escalates"]


# --- predictions ----------------------------------------------------------------------------

def test_feasibility_vs_outcome() -> None:
    check = outcomes.feasibility_vs_outcome().set_index(["indicator", "measure"])
    card = outcomes.scorecard().set_index(["indicator", "measure"])
    difficulty = analysis.required_growth().set_index(["indicator", "measure"])["difficulty"]
    for key, entry in check.iterrows():
        assert entry["result"] == card.loc[key, "result"]
        if not pd.isna(entry["difficulty_predicts_met"]):
            assert entry["difficulty_predicts_met"] == (
                difficulty[key] in ("easier than last year", "similar"))
            assert entry["difficulty_right"] == (
                entry["difficulty_predicts_met"] == (entry["result"] in ("met", "above_band")))


def test_gdp_history_prefers_the_report() -> None:
    history = outcomes.gdp_history()
    city_2024 = history[(history["geo"] == "zhengzhou") & (history["year"] == 2024)
                        & (history["status"] == "target")]
    assert len(city_2024) == 1 and city_2024["quality"].iloc[0] == "primary"
    assert list(history["geo"].cat.categories) == ["china", "henan", "zhengzhou"]


@pytest.mark.parametrize("function", [outcomes.scorecard, outcomes.track_record,
                                      outcomes.record_summary, outcomes.target_ladder,
                                      outcomes.feasibility_vs_outcome, outcomes.gdp_history])
def test_deterministic_and_documented(function) -> None:
    pd.testing.assert_frame_equal(function(), function())
    assert function.__doc__ and "Caveat" in function.__doc__


def test_every_external_figure_carries_its_grade() -> None:
    ladder = outcomes.target_ladder()
    for column in ("china_target", "henan_target", "china_actual", "henan_actual",
                   "zhengzhou_actual"):
        grade = column.replace("_actual", "_quality") if column.endswith("actual") \
            else f"{column}_quality"
        has_value = ladder[column].notna()
        assert ladder.loc[has_value, grade].notna().all(), column
    summary = outcomes.record_summary()
    has_outcome = summary["outcome_2024"].notna()
    assert summary.loc[has_outcome, "outcome_quality"].notna().all()


def test_tables_show_non_official_grades() -> None:
    from zzreport import present, text

    def shown(grade: str) -> str:
        return f"[{text.quality(grade, 'en')}]"

    table = present.ladder_table(outcomes.target_ladder(), "en", with_outcomes=False)
    china = external("china", "国内生产总值", 2024, "target", "growth")["quality"]
    assert table.loc["Gross domestic product (GDP)", "China target"].endswith(shown(china))
    summary = present.record_summary_table(outcomes.record_summary(), "en")
    city = external("zhengzhou", "地区生产总值", 2024, "actual", "growth")["quality"]
    assert summary.loc["Gross domestic product (GDP)", "2024 outcome"].endswith(shown(city))


def test_national_lead() -> None:
    lead = outcomes.national_lead().set_index("indicator")
    china = float(external("china", "国内生产总值", 2023, "actual", "growth")["value"])
    city = stated(r"地区生产总值增长([\d.]+)%;")
    target = stated(r"地区生产总值增长(\d+)%左右")
    assert lead.loc["gdp", "lead_2023"] == pytest.approx(city - china)
    assert lead.loc["gdp", "lead_asked"] == pytest.approx(target - china)
    assert lead.loc["gdp", "change"] == pytest.approx(target - city)
    assert "budget_revenue" not in lead.index  # no national 2023 figure in the sources


def test_readme_findings_are_what_the_data_gives() -> None:
    # The README's scorecard is generated (python -m zzreport.readme, run by make notebooks).
    from zzreport import readme

    text = (paths.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.update(text) == text, "README findings are stale: run make notebooks"
    facts = outcomes.scorecard_facts()
    block = readme.BLOCK.search(text).group(0)
    assert f"**{facts.met} met**" in block and f"**{facts.missed} missed**" in block
    assert block.count("\n| ") == facts.judged + facts.sources_disagree + 1  # + header
