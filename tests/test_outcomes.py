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

from tests.helpers import assert_caller_cannot_corrupt
from zzreport import source_text
from zzreport.data import paths
from zzreport.findings import analysis, outcomes, verdicts


def externals(
    geo: str, name_zh: str, year: int, status: str, measure: str, period: str = "year"
) -> list[dict[str, str]]:
    """The raw register's rows for one figure, read with the csv module (not the loader)."""
    with (paths.RAW_DIR / "external_figures.csv").open(encoding="utf-8", newline="") as handle:
        return [
            r
            for r in csv.DictReader(handle)
            if (r["geo"], r["name_zh"], r["year"], r["status"], r["measure"], r["period"])
            == (geo, name_zh, str(year), status, measure, period)
        ]


def external(
    geo: str, name_zh: str, year: int, status: str, measure: str, period: str = "year"
) -> dict[str, str]:
    """The raw row that leads for a figure: of the best-graded rows, the first listed (the
    register lists a figure's first source first; later rows are second sources)."""
    rows = externals(geo, name_zh, year, status, measure, period)
    assert rows, (geo, name_zh, year, status, measure)
    grades = ("official", "state_media", "mirror", "low")
    return min(rows, key=lambda r: grades.index(r["quality"]))


def stated(pattern: str) -> float:
    """The number captured by ``pattern`` in the report (exactly one match)."""
    matches = re.findall(pattern, source_text())
    assert len(matches) == 1, (pattern, matches)
    return float(matches[0])


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
    for name_zh, indicator in (
        ("固定资产投资", "fixed_asset_investment"),
        ("社会消费品零售总额", "retail_sales"),
    ):
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
    assert {
        "unemployment_rate",
        "new_urban_jobs",
        "tourist_visits",
        "elderly_care_beds",
    } <= set(waiting["indicator"])
    assert set(waiting["reason"]) <= {"none_published", "only_part_year"}


def test_part_year_figures_are_indications_not_verdicts() -> None:
    card = outcomes.scorecard()
    graduates = row(card, "graduates_retained", measure="flow")
    source = external("zhengzhou", "吸引高校毕业生等青年人才来郑留郑", 2024, "actual", "flow", "H1")
    assert graduates["result"] == "no_outcome_data" and graduates["reason"] == "only_part_year"
    target = stated(r"力争(\d+)万名大学生来郑留郑")
    assert graduates["indication_share_of_target"] == pytest.approx(
        float(source["value"]) / target * 100
    )
    assert graduates["indication_share_of_year"] == pytest.approx(6 / 12 * 100)
    construction = row(card, "construction_output", measure="growth")
    q1 = external("zhengzhou", "建筑业总产值", 2024, "actual", "growth", period="Q1")
    assert construction["indication_value"] == float(q1["value"])
    assert construction["indication_period"] == "Q1"
    assert construction["result"] == "no_outcome_data"
    # A full-year outcome, where one exists, is judged; its part-year figure is not shown.
    passengers = row(card, "airport_passengers", measure="flow")
    assert passengers["result"] in verdicts.VERDICTS and pd.isna(passengers["indication_period"])


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


def test_later_releases_are_marked_where_they_are_used() -> None:
    """README says first releases are judged: an outcome published (or, undated, citing data)
    after the first half of 2025 is marked 'later release' beside its verdict."""
    cutoff = "2025-06-30"
    with (paths.RAW_DIR / "external_figures.csv").open(encoding="utf-8", newline="") as handle:
        raw = [
            r
            for r in csv.DictReader(handle)
            if (r["geo"], r["year"], r["status"], r["period"])
            == ("zhengzhou", "2024", "actual", "year")
        ]
    late = [
        r
        for r in raw
        if r["published"] > cutoff or (not r["published"] and "data to December 2025" in r["note"])
    ]
    card = outcomes.scorecard()
    from zzreport.display import tables

    table = tables.scorecard_table(card, "en")
    used = 0
    for r in late:
        match = card[(card["source"] == r["source"]) & (card["outcome"] == float(r["value"]))]
        for _, entry in match.iterrows():
            used += 1
            assert entry["release"] == "later", r["name_zh"]
            name = table.index[card.index.get_loc(entry.name)]
            assert "later release" in table.loc[name, "Source quality"], name
    assert used >= 2  # R&D intensity and airport cargo lead their targets' verdicts
    for r in raw:
        if r["published"] and r["published"] <= cutoff:
            match = card[(card["source"] == r["source"]) & (card["outcome"] == float(r["value"]))]
            assert (match["release"] == "first").all(), r["name_zh"]
    assert outcomes.release("", "no date shown (cites data to December 2025)") == (
        "later",
        "2025-12",
    )
    assert outcomes.release("2025-02-05", "") == ("first", "2025-02-05")


def test_every_target_left_without_a_verdict_says_why() -> None:
    card = outcomes.scorecard()
    judged = card["result"].isin(verdicts.VERDICTS)
    assert (card.loc[~judged, "reason"] != "").all()
    assert (card.loc[judged, "reason"] == "").all()


# --- track record ---------------------------------------------------------------------------


def test_gdp_record_years_and_gaps() -> None:
    record = outcomes.track_record()
    gdp = record[record["indicator"] == "gdp"].set_index("year")
    assert set(range(2019, 2026)) <= set(gdp.index)
    target_2022 = float(external("zhengzhou", "地区生产总值", 2022, "target", "growth")["value"])
    actual_2022 = float(
        externals("zhengzhou", "地区生产总值", 2022, "actual", "growth")[0]["value"]
    )
    assert gdp.loc[2022, "gap"] == pytest.approx(actual_2022 - target_2022)
    target_2020 = externals("zhengzhou", "地区生产总值", 2020, "target", "growth")
    assert gdp.loc[2020, "target"] == float(target_2020[0]["value"])
    # The report is preferred for the years it covers.
    assert gdp.loc[2023, "actual"] == stated(r"地区生产总值增长([\d.]+)%;")
    assert gdp.loc[2023, "actual_quality"] == "primary"
    assert gdp.loc[2024, "target"] == stated(r"地区生产总值增长(\d+)%左右")


def test_2023_target_list_against_results() -> None:
    record = outcomes.track_record().set_index(["indicator", "year"])
    fai_target = float(external("zhengzhou", "固定资产投资", 2023, "target", "growth")["value"])
    fai_actual = stated(r"固定资产投资增长([\d.]+)%;")
    assert record.loc[("fixed_asset_investment", 2023), "gap"] == pytest.approx(
        fai_actual - fai_target
    )
    assert record.loc[("fixed_asset_investment", 2023), "result"] == (
        "met" if fai_actual >= fai_target else "missed"
    )
    # at_least met at or above the floor
    iva_floor = float(
        external("zhengzhou", "规模以上工业增加值", 2023, "target", "growth")["value"]
    )
    assert record.loc[("industrial_value_added", 2023), "result"] == (
        "met" if stated(r"规模以上工业增加值增长([\d.]+)%;") >= iva_floor else "missed"
    )


def test_a_2023_ceiling_is_judged_as_a_ceiling() -> None:
    record = outcomes.track_record().set_index(["indicator", "year"])
    ceiling = external("zhengzhou", "居民消费价格", 2023, "target", "growth")
    assert ceiling["bound"] == "at_most" and "控制在" in ceiling["quote"]
    prices = record.loc[("consumer_prices", 2023)]
    assert prices["direction"] == "down"
    assert prices["result"] == ("met" if prices["actual"] <= float(ceiling["value"]) else "missed")


def test_record_summary_needs_enough_years() -> None:
    before = outcomes.record_summary(before=2020).set_index("indicator")
    # GDP has one judged year before 2020 (2019): too few for a mean.
    assert before.loc["gdp", "n_years"] == 1 and not before.loc["gdp", "enough"]
    assert before["mean_gap"].isna().all()
    assert "record_adjusted_2024" not in before.columns  # never an expectation
    everything = outcomes.record_summary().set_index("indicator")
    gdp_years = sorted(
        {2024}
        | {
            y
            for y in range(2015, 2030)  # 2024's target: the report
            if externals("zhengzhou", "地区生产总值", y, "target", "growth")
        }
    )
    gaps = []
    for y in gdp_years:
        target = (
            float(external("zhengzhou", "地区生产总值", y, "target", "growth")["value"])
            if y != 2024
            else stated(r"地区生产总值增长(\d+)%左右")
        )
        if y == 2023:
            result = stated(r"地区生产总值增长([\d.]+)%;")
        else:
            rows = externals("zhengzhou", "地区生产总值", y, "actual", "growth")
            if not rows:
                continue
            result = float(rows[0]["value"])
        gaps.append(result - target)
    gdp_years_judged = len(gaps)
    assert everything.loc["gdp", "n_years"] == gdp_years_judged >= outcomes.MIN_RECORD_YEARS
    assert everything.loc["gdp", "mean_gap"] == pytest.approx(sum(gaps) / len(gaps))
    # 2022, the lockdown year, carries most of the mean: it is shown with and without it.
    calm = [
        g
        for y, g in zip(
            [
                y
                for y in gdp_years
                if y == 2023 or externals("zhengzhou", "地区生产总值", y, "actual", "growth")
            ],
            gaps,
            strict=False,
        )
        if y != 2022
    ]
    assert len(calm) == len(gaps) - 1 >= outcomes.MIN_RECORD_YEARS
    assert everything.loc["gdp", "mean_gap_without_lockdown"] == pytest.approx(
        sum(calm) / len(calm)
    )
    from zzreport.words import narrative

    summary_text = narrative.record_summary_text(
        everything.reset_index(), outcomes.ratchet_summary(), "en"
    )
    assert f"{round(sum(calm) / len(calm), 2):+g} pp without the 2022 lockdown year" in summary_text


def test_income_in_step_is_shown_without_a_verdict() -> None:
    """同步 states no number: real income growth is shown beside real GDP growth, with no
    invented target, gap or tolerance, and it never counts in a record summary."""
    record = outcomes.track_record().set_index(["indicator", "year"])
    entry = record.loc[("disposable_income_per_capita", 2023)]
    prices = float(external("zhengzhou", "居民消费价格", 2023, "actual", "growth")["value"])
    income = stated(r"可支配收入增长([\d.]+)%")
    gdp = stated(r"地区生产总值增长([\d.]+)%;")
    real = ((1 + income / 100) / (1 + prices / 100) - 1) * 100
    quote = external("zhengzhou", "居民消费价格", 2023, "target", "growth")["quote"]
    assert "同步" in quote
    clause = next(c for c in re.split(r"[,,;;。]", quote) if "同步" in c)
    assert not re.search(r"\d", clause)  # the target states no number
    assert entry["actual"] == pytest.approx(real) and entry["actual_derivation"]
    assert entry["comparator"] == gdp
    assert math.isnan(entry["target"]) and math.isnan(entry["gap"])
    assert entry["result"] == "cannot_tell" and entry["reason"] == "target_unquantified"
    summary = outcomes.record_summary()
    assert "disposable_income_per_capita" not in set(summary["indicator"])
    assert (
        not outcomes.tolerance_sensitivity()["indicator"].eq("disposable_income_per_capita").any()
    )
    from zzreport.display import tables

    shown = tables.record_table(outcomes.track_record(), "en")
    cell = shown.loc["Per-capita disposable income of residents 2023", "Target"]
    assert "同步" in cell and f"{gdp:g}%" in cell and "about" not in cell


def test_tolerance_sensitivity_of_2025_gdp() -> None:
    table = outcomes.tolerance_sensitivity().set_index(["indicator", "year"])
    gdp = table.loc[("gdp", 2025)]
    target = float(external("zhengzhou", "地区生产总值", 2025, "target", "growth")["value"])
    result = float(external("zhengzhou", "地区生产总值", 2025, "actual", "growth")["value"])
    for t in outcomes.TOLERANCES_PP:
        assert gdp[f"tol_{t:g}"] == ("met" if result >= target - t else "missed"), t
    assert gdp["depends"] == (len({result >= target - t for t in outcomes.TOLERANCES_PP}) > 1)
    with pytest.raises(ValueError, match="tolerances"):
        outcomes.tolerance_sensitivity((-1,))


# --- the ratchet ----------------------------------------------------------------------------


def target_2023(name_zh: str) -> float:
    return float(external("zhengzhou", name_zh, 2023, "target", "growth")["value"])


def test_ratchet_signs() -> None:
    ratchet = outcomes.target_ratchet()
    step = ratchet[ratchet["year_from"] == 2023].set_index("indicator")
    expected = {
        "fixed_asset_investment": stated(r"固定资产投资增长(\d+)%以上")
        - target_2023("固定资产投资"),
        "retail_sales": stated(r"社会消费品零售总额增长(\d+)%以上")
        - target_2023("社会消费品零售总额"),
        "industrial_value_added": stated(r"规模以上工业增加值增长(\d+)%以上")
        - target_2023("规模以上工业增加值"),
        "gdp": stated(r"地区生产总值增长(\d+)%左右") - target_2023("地区生产总值"),
    }
    assert expected == {
        "fixed_asset_investment": -7,
        "retail_sales": -4,
        "industrial_value_added": 1,
        "gdp": 0,
    }
    for indicator, change in expected.items():
        assert step.loc[indicator, "target_change"] == pytest.approx(change), indicator
    assert step.loc["fixed_asset_investment", "previous_outcome"] == "missed"
    assert step.loc["industrial_value_added", "previous_outcome"] == "overshot"
    # A change of words is a change of target: 7% became 7%左右.
    assert step.loc["gdp", "new_wording"] == "左右" and step.loc["gdp", "wording_changed"]
    assert step.loc["fixed_asset_investment", "new_wording"] == "以上"


def test_ratchet_includes_2025_where_the_register_allows() -> None:
    ratchet = outcomes.target_ratchet()
    gdp = row(ratchet, "gdp", year_from=2024)
    new = float(external("zhengzhou", "地区生产总值", 2025, "target", "growth")["value"])
    assert gdp["target_change"] == pytest.approx(new - stated(r"地区生产总值增长(\d+)%左右"))


def test_ratchet_reads_the_citys_words_not_the_first_match() -> None:
    """The 2025 quote states 6% for two cities first (洛阳、安阳为6%) and Zhengzhou's 6%左右
    later: the words must be the city's, read from its clause, as the row's bound says."""
    raw = external("zhengzhou", "地区生产总值", 2025, "target", "growth")
    city = re.search(r"郑州[^。]*?为(\d+)%(左右)?", raw["quote"])
    assert city and float(city.group(1)) == float(raw["value"])
    assert raw["quote"].find(f"{city.group(1)}%") < city.start()  # a first match that is not it
    words = city.group(2) or ""
    assert raw["bound"] == ("about" if words == "左右" else raw["bound"])
    gdp = row(outcomes.target_ratchet(), "gdp", year_from=2024)
    assert gdp["new_wording"] == words == "左右"
    assert gdp["new_bound"] == raw["bound"]
    # 2024's target is 7%左右 too: the words did not change.
    assert re.search(r"地区生产总值增长\d+%(左右)", source_text())
    assert not gdp["wording_changed"]
    assert outcomes.wording(raw["quote"], float(raw["value"]), "", "about") == "左右"
    assert outcomes.wording("洛阳为16%,郑州为6%左右", 6, "", "about") == "左右"


def test_ratchet_summary_counts_cases_and_never_overclaims() -> None:
    ratchet = outcomes.target_ratchet()
    summary = outcomes.ratchet_summary(ratchet).set_index("previous_outcome")
    missed = ratchet[ratchet["previous_outcome"] == "missed"]
    assert summary.loc["missed", "n"] == len(missed)
    assert summary.loc["missed", "mean_pass_through"] == pytest.approx(
        (missed["target_change"] / missed["previous_gap"]).mean()
    )
    same = missed[missed["previous_wording"] == missed["new_wording"]]
    assert summary.loc["missed", "n_same_wording"] == len(same) < len(missed)
    assert summary.loc["missed", "mean_pass_through_same_wording"] == pytest.approx(
        (same["target_change"] / same["previous_gap"]).mean()
    )
    assert math.isnan(summary.loc["met", "mean_pass_through"])
    # Overshoots in the raw data: a 2023 result above its 2023 target by more than the band.
    overshoots = 0
    for name in ("规模以上工业增加值", "固定资产投资", "社会消费品零售总额", "一般公共预算收入"):
        target = target_2023(name)
        result = stated(name + r"增长([\d.]+)%;")
        overshoots += result - target > analysis.SIMILAR_BAND_PP
    assert summary.loc["overshot", "n"] >= overshoots
    both = (
        summary.loc["missed", "n"] >= outcomes.MIN_RATCHET_CASES
        and summary.loc["overshot", "n"] >= outcomes.MIN_RATCHET_CASES
    )
    assert bool(summary.loc["missed", "compare_sides"]) == both
    from zzreport.words import narrative

    note = narrative.ratchet_note(ratchet, outcomes.ratchet_summary(ratchet), "en")
    assert ("asymmetric ratchet." in note and "no evidence" in note) or both
    assert f"{len(missed)} cases" in note


def test_wording() -> None:
    assert outcomes.wording("固定资产投资增长8%以上", 8) == "以上"
    assert outcomes.wording("研究与试验发展经费投入强度突破2.6%", 2.6) == "突破"
    assert outcomes.wording("生产总值增长7%,规模以上工业增加值增长8%以上", 7) == ""
    assert (
        outcomes.wording(
            "一般公共预算收入增长3%以上,居民消费价格涨幅控制在3%以内", 3, "居民消费价格"
        )
        == "控制在…以内"
    )


# --- China, Henan and the ladder ------------------------------------------------------------


def test_premiums_compare_targets_with_delivered_premiums() -> None:
    premiums = outcomes.premium_comparison()
    gdp = row(premiums, "gdp", geo="china")
    china_t = float(external("china", "国内生产总值", 2024, "target", "growth")["value"])
    china_a = float(external("china", "国内生产总值", 2023, "actual", "growth")["value"])
    city_t, city_a = stated(r"地区生产总值增长(\d+)%左右"), stated(r"地区生产总值增长([\d.]+)%;")
    assert gdp["target_premium"] == pytest.approx(city_t - china_t)
    assert gdp["realised_premium"] == pytest.approx(city_a - china_a)
    henan = row(premiums, "gdp", geo="henan")
    henan_a = float(external("henan", "地区生产总值", 2023, "actual", "growth")["value"])
    assert henan["realised_premium"] == pytest.approx(city_a - henan_a)


@pytest.mark.parametrize("quality, used", [("official", "rival"), ("low", "register")])
def test_premiums_use_the_best_graded_of_two_figures(monkeypatch, quality, used) -> None:
    """A second figure for China's 2024 GDP target, 1 pp higher: the premium uses it only
    when it is better graded than the register's (state media)."""
    real_load = outcomes.load_external
    register = float(external("china", "国内生产总值", 2024, "target", "growth")["value"])

    def with_rival() -> pd.DataFrame:
        frame = real_load()
        match = (
            (frame["geo"] == "china")
            & (frame["indicator"] == "gdp")
            & (frame["year"] == 2024)
            & (frame["status"] == "target")
        )
        rival = frame[match].assign(value=register + 1, quality=quality)
        return pd.concat([frame, rival], ignore_index=True)

    monkeypatch.setattr(outcomes, "load_external", with_rival)
    gdp = row(outcomes.premium_comparison(), "gdp", geo="china")
    expected = register + 1 if used == "rival" else register
    assert gdp["zhengzhou_target"] - gdp["target_premium"] == pytest.approx(expected)


@pytest.mark.parametrize("function", [outcomes.premium_comparison, outcomes.target_ladder])
def test_a_year_without_targets_is_named(function) -> None:
    with pytest.raises(ValueError, match=r"year=2023: the report sets targets for \[2024\] only"):
        function(2023)


def test_a_year_without_report_dates_has_none() -> None:
    dates = outcomes.report_dates(2018)
    assert dates.empty and list(dates.columns) == ["geo", "published", "source"]


def test_no_comparison_reduces_to_target_minus_own_result(monkeypatch) -> None:
    """Move the nation's and the province's figures: every comparison must move with them,
    and none may equal the city's target − its own result."""
    base = outcomes.premium_comparison()
    real_load = outcomes.load_external

    def shifted() -> pd.DataFrame:
        frame = real_load().copy()
        others = frame["geo"].isin(["china", "henan"])
        frame.loc[others & (frame["status"] == "target"), "value"] += 0.3
        frame.loc[others & (frame["status"] == "actual"), "value"] -= 0.2
        return frame

    monkeypatch.setattr(outcomes, "load_external", shifted)
    moved = outcomes.premium_comparison()
    for column in ("target_premium", "realised_premium", "premium_change"):
        known = base[column].notna()
        assert known.any()
        assert (moved.loc[known, column] - base.loc[known, column]).abs().gt(0.05).all(), column
    own = base["zhengzhou_target"] - base["zhengzhou_previous"]
    known = base["premium_change"].notna()
    assert not (base.loc[known, "premium_change"] - own[known]).abs().lt(1e-9).any()
    assert "national_lead" not in dir(outcomes)


def test_report_dates_come_from_the_register() -> None:
    dates = outcomes.report_dates().set_index("geo")["published"]
    assert (
        dates["henan"] == external("henan", "地区生产总值", 2024, "target", "growth")["published"]
    )
    assert (
        dates["china"] == external("china", "国内生产总值", 2024, "target", "growth")["published"]
    )
    city = external("zhengzhou", "地区生产总值", 2023, "actual", "growth")
    assert dates["zhengzhou"] == city["published"] and "2024年2月3日" in city["source"]
    assert dates["henan"] < dates["zhengzhou"] < dates["china"]


def test_ladder_reads_amplification_net_of_the_multi_year_premium() -> None:
    """The city's target premium over Henan's is read against the premium it delivered over
    2022–2023 (each side's geometric mean), not against 2023, the rebound, alone."""
    ladder = outcomes.target_ladder()
    gdp = row(ladder, "gdp")
    assert gdp["amplification_vs_china"] == "ruled_out_by_dates"
    city_2022 = float(external("zhengzhou", "地区生产总值", 2022, "actual", "growth")["value"])
    city_2023 = stated(r"地区生产总值增长([\d.]+)%;")
    henan_2022 = float(external("henan", "地区生产总值", 2022, "actual", "growth")["value"])
    henan_2023 = float(external("henan", "地区生产总值", 2023, "actual", "growth")["value"])

    def gmean(a: float, b: float) -> float:
        return (math.sqrt((1 + a / 100) * (1 + b / 100)) - 1) * 100

    premium = gmean(city_2022, city_2023) - gmean(henan_2022, henan_2023)
    target_premium = stated(r"地区生产总值增长(\d+)%左右") - float(
        external("henan", "地区生产总值", 2024, "target", "growth")["value"]
    )
    henan = row(outcomes.premium_comparison(), "gdp", geo="henan")
    assert henan["realised_base"] == "rebound_year"
    assert henan["multi_year_premium"] == pytest.approx(premium)
    assert henan["multi_year_change"] == pytest.approx(target_premium - premium)
    change = target_premium - premium
    expected = (
        "amplified"
        if change > analysis.SIMILAR_BAND_PP
        else "below_premium"
        if change < -analysis.SIMILAR_BAND_PP
        else "within_premium"
    )
    assert gdp["amplification_vs_henan"] == expected
    china = float(external("china", "国内生产总值", 2024, "target", "growth")["value"])
    henan_t = float(external("henan", "地区生产总值", 2024, "target", "growth")["value"])
    assert gdp["higher_each_level"] == (china < henan_t < stated(r"地区生产总值增长(\d+)%左右"))
    assert gdp["n_levels"] == 3
    assert gdp["henan_quality"] == "low"  # the weak source is carried, not hidden


def test_a_ceiling_is_not_higher_each_level() -> None:
    ladder = outcomes.target_ladder()
    unemployment = row(ladder, "unemployment_rate")
    assert unemployment["china_target"] == unemployment["zhengzhou_target"]
    assert not unemployment["higher_each_level"]
    # Where China sets no target there are two levels, and the prose must not say "each level".
    retail = row(ladder, "retail_sales")
    assert not externals("china", "社会消费品零售总额", 2024, "target", "growth")
    assert retail["n_levels"] == 2


def test_rest_of_henan() -> None:
    rest = outcomes.rest_of_henan().set_index(["kind", "year"])
    city_level = float(
        external("zhengzhou", "地区生产总值", 2023, "actual", "flow")["value"]
    )  # 亿元
    henan_level = float(external("henan", "地区生产总值", 2023, "actual", "flow")["value"]) * 1e4
    share = city_level / henan_level  # trillion yuan = 10,000 亿元
    henan_t = float(external("henan", "地区生产总值", 2024, "target", "growth")["value"])
    city_t = stated(r"地区生产总值增长(\d+)%左右")
    needed = rest.loc[("needed", 2024)]
    assert needed["zhengzhou_share"] == pytest.approx(share * 100)
    assert needed["rest_growth"] == pytest.approx((henan_t - share * city_t) / (1 - share))
    henan_a = float(external("henan", "地区生产总值", 2023, "actual", "growth")["value"])
    achieved = rest.loc[("achieved", 2023)]
    assert achieved["rest_growth"] == pytest.approx(
        (henan_a - share * stated(r"地区生产总值增长([\d.]+)%;")) / (1 - share)
    )


# --- predictions ----------------------------------------------------------------------------


def test_feasibility_vs_outcome_scores_only_explicit_calls() -> None:
    check = outcomes.feasibility_vs_outcome().set_index(["indicator", "measure"])
    card = outcomes.scorecard().set_index(["indicator", "measure"])
    required = analysis.required_growth().set_index(["indicator", "measure"])
    scenario = analysis.momentum_scenario(1.0).set_index(["indicator", "measure"])["meets"]
    assert not {"difficulty_predicts_met", "difficulty_right"} & set(check.columns)
    assert not hasattr(outcomes, "PREDICTS_MISSED")
    for key, entry in check.iterrows():
        assert entry["result"] == card.loc[key, "result"]
        # the class of the same target (indicator and measure), with its counted flag
        if key in required.index:
            assert entry["difficulty"] == required.loc[key, "classification"]
            assert bool(entry["difficulty_counted"]) == bool(required.loc[key, "counted"])
        call = scenario.get(key)
        if call is None or pd.isna(call):
            assert pd.isna(entry["momentum_right"])
        else:
            assert entry["momentum_right"] == (
                bool(call) == (entry["result"] in ("met", "above_band"))
            )
    # industrial investment: the rate's class, which 04 does not count (the level asks more)
    rate = ("industrial_investment", "growth")
    if rate in check.index:
        assert not check.loc[rate, "difficulty_counted"]


def test_gdp_history_prefers_the_report() -> None:
    history = outcomes.gdp_history()
    city_2024 = history[
        (history["geo"] == "zhengzhou")
        & (history["year"] == 2024)
        & (history["status"] == "target")
    ]
    assert len(city_2024) == 1 and city_2024["quality"].iloc[0] == "primary"
    assert list(history["geo"].cat.categories) == ["china", "henan", "zhengzhou"]


@pytest.mark.parametrize(
    "function",
    [
        outcomes.scorecard,
        outcomes.track_record,
        outcomes.record_summary,
        outcomes.target_ladder,
        outcomes.feasibility_vs_outcome,
        outcomes.gdp_history,
        outcomes.target_ratchet,
        outcomes.premium_comparison,
        outcomes.rest_of_henan,
        outcomes.tolerance_sensitivity,
        outcomes.report_dates,
    ],
)
def test_a_caller_cannot_corrupt_the_next_result(function) -> None:
    assert_caller_cannot_corrupt(function)


def test_every_external_figure_carries_its_grade() -> None:
    ladder = outcomes.target_ladder()
    for column in (
        "china_target",
        "henan_target",
        "china_actual",
        "henan_actual",
        "zhengzhou_actual",
    ):
        grade = (
            column.replace("_actual", "_quality")
            if column.endswith("actual")
            else f"{column}_quality"
        )
        has_value = ladder[column].notna()
        assert ladder.loc[has_value, grade].notna().all(), column
    premiums = outcomes.premium_comparison()
    assert premiums.loc[premiums["other_target"].notna(), "other_target_quality"].notna().all()


def test_tables_show_non_official_grades() -> None:
    from zzreport.display import tables
    from zzreport.words import text

    def shown(grade: str) -> str:
        return f"[{text.quality(grade, 'en')}]"

    table = tables.ladder_table(outcomes.target_ladder(), "en", with_outcomes=False)
    china = external("china", "国内生产总值", 2024, "target", "growth")["quality"]
    assert table.loc["Gross domestic product (GDP)", "China target"].endswith(shown(china))
    record = tables.record_table(outcomes.track_record(), "en", "gdp")
    city = external("zhengzhou", "地区生产总值", 2024, "actual", "growth")["quality"]
    assert record.loc["Gross domestic product 2024", "Outcome"].endswith(shown(city))
