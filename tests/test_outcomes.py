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

from zzreport import analysis, outcomes, paths, source_text


def external(geo: str, name_zh: str, year: int, status: str, measure: str) -> dict[str, str]:
    with (paths.RAW_DIR / "external_figures.csv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle)
                if (r["geo"], r["name_zh"], r["year"], r["status"], r["measure"], r["period"])
                == (geo, name_zh, str(year), status, measure, "year")]
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
    assert (card["result"] == "no outcome data").sum() > 0


def test_gdp_missed_by_points() -> None:
    gdp = row(outcomes.scorecard(), "gdp", measure="growth")
    outcome = float(external("zhengzhou", "地区生产总值", 2024, "actual", "growth")["value"])
    target = stated(r"地区生产总值增长(\d+)%左右")
    assert gdp["outcome"] == outcome and gdp["target"] == target
    assert gdp["margin"] == pytest.approx(outcome - target) and gdp["margin_unit"] == "pp"
    expected = outcome >= target - analysis.ABOUT_TOLERANCE_PP
    assert (gdp["result"] == "met") == expected
    assert gdp["quality"] == external("zhengzhou", "地区生产总值", 2024, "actual",
                                      "growth")["quality"]


def test_level_target_margin_in_percent() -> None:
    nev = row(outcomes.scorecard(), "nev_output", measure="flow")
    outcome = float(external("zhengzhou", "新能源汽车产量", 2024, "actual", "flow")["value"])
    target = stated(r"新能源汽车产量超(\d+)万辆")
    assert nev["margin"] == pytest.approx((outcome / target - 1) * 100)
    assert (nev["result"] == "met") == (outcome >= target)


def test_outcome_stated_as_a_floor_is_judged_at_the_floor() -> None:
    vehicles = row(outcomes.scorecard(), "vehicle_output", measure="flow")
    source = external("zhengzhou", "汽车产量", 2024, "actual", "flow")
    assert source["bound"] == "at_least" and vehicles["outcome_bound"] == "at_least"
    assert (vehicles["result"] == "met") == (float(source["value"]) >= stated(r"突破(\d+)万辆"))


def test_targets_without_outcomes_are_never_guessed() -> None:
    card = outcomes.scorecard()
    waiting = card[card["result"] == "no outcome data"]
    assert waiting["outcome"].isna().all() and waiting["margin"].isna().all()
    assert {"budget_revenue", "rd_intensity", "unemployment_rate", "new_urban_jobs",
            "tourist_visits", "elderly_care_beds"} <= set(waiting["indicator"])


def test_part_year_outcomes_do_not_count() -> None:
    graduates = row(outcomes.scorecard(), "graduates_retained", measure="flow")
    assert graduates["result"] == "no outcome data"  # only a first-half figure is published


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
    assert not record.loc[("fixed_asset_investment", 2023), "met"]
    # at_least met at or above the floor
    iva_floor = float(external("zhengzhou", "规模以上工业增加值", 2023, "target", "growth")["value"])
    assert record.loc[("industrial_value_added", 2023), "met"] == (
        stated(r"规模以上工业增加值增长([\d.]+)%;") >= iva_floor)


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
                entry["difficulty_predicts_met"] == (entry["result"] == "met"))


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
