"""The analysis functions, checked against values computed here from the report's own words.

Expected values are read from the raw text with regular expressions (not from the data set or
the functions under test) and computed independently.
"""

from __future__ import annotations

import csv
import math
import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import zzreport
from tests.helpers import assert_caller_cannot_corrupt
from zzreport import source_text
from zzreport.data import paths, schema
from zzreport.findings import analysis
from zzreport.findings.analysis import (
    GAP_THRESHOLDS_PP,
    STRETCH_THRESHOLDS,
    classify,
    growth_pct,
    implied_previous,
    meets_target,
)
from zzreport.words import text


def external_rows() -> list[dict[str, str]]:
    with open(paths.EXTERNAL_CSV, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def stated(pattern: str) -> float:
    """The number captured by ``pattern`` in the report (exactly one match)."""
    matches = re.findall(pattern, source_text())
    assert len(matches) == 1, (pattern, matches)
    return float(matches[0])


def row(frame: pd.DataFrame, indicator: str, **where: str) -> pd.Series:
    match = frame[frame["indicator"] == indicator]
    for column, value in where.items():
        match = match[match[column] == value]
    assert len(match) == 1, (indicator, where, len(match))
    return match.iloc[0]


def assert_report_order(frame: pd.DataFrame) -> None:
    positions = frame["section"].map({s: i for i, s in enumerate(schema.SECTIONS)}).astype(int)
    assert positions.is_monotonic_increasing


# --- helpers --------------------------------------------------------------------------------


def test_indicators_the_report_does_not_state_sort_after_its_last_row() -> None:
    """Within a theme, the report's indicators keep the text's order and one it does not
    state (an external indicator) comes after all of them, even the last rows'."""
    frame = zzreport.load_indicators()
    last = frame.iloc[-1]
    earlier = frame[
        (frame["section"] == last["section"]) & (frame["indicator"] != last["indicator"])
    ]
    first = earlier.iloc[0]
    result = pd.DataFrame(
        {
            "indicator": ["not_in_the_report", last["indicator"], first["indicator"]],
            "section": [last["section"]] * 3,
        }
    )
    ordered = analysis.sort_in_report_order(result, frame)
    assert list(ordered["indicator"]) == [
        first["indicator"],
        last["indicator"],
        "not_in_the_report",
    ]


def test_growth_pct_edge_cases() -> None:
    assert growth_pct(110, 100) == pytest.approx(10)
    assert math.isnan(growth_pct(5, 0))  # zero base
    assert math.isnan(growth_pct(5, -2))  # negative base
    assert math.isnan(growth_pct(5, math.nan))  # missing base
    assert math.isnan(growth_pct(math.nan, 5))


def test_implied_previous_edge_cases() -> None:
    assert implied_previous(150, 50) == pytest.approx(100)
    assert implied_previous(45, 350) == pytest.approx(10)  # 3.5-fold growth: ×4.5
    assert math.isnan(implied_previous(10, -100))
    assert math.isnan(implied_previous(math.nan, 5))


@pytest.mark.parametrize(
    "bound, direction, value, target, measure, expected",
    [
        ("at_least", "up", 100, 100, "flow", True),  # met at equality
        ("at_least", "up", 99.99, 100, "flow", False),
        ("exact", "up", 100, 100, "flow", True),
        ("exact", "up", 101, 100, "flow", True),  # an exact level is a level to reach
        ("about", "two_sided", 98, 100, "flow", True),  # within 2 % below
        ("about", "two_sided", 97.9, 100, "flow", False),
        ("about", "two_sided", 102.1, 100, "flow", False),  # overshot the band: not "met"
        ("about", "two_sided", 6.5, 7, "growth", True),  # within 0.5 pp below
        ("about", "two_sided", 6.4, 7, "growth", False),
        ("at_most", "down", 5.5, 5.5, "share", True),
        ("at_most", "down", 5.6, 5.5, "share", False),
        # 控制在5.5%左右: a ceiling with the tolerance on the bad side only (the example)
        ("about", "down", 4.0, 5.5, "share", True),
        ("about", "down", 6.0, 5.5, "share", True),
        ("about", "down", 7.0, 5.5, "share", False),
    ],
)
def test_meets_target(bound, direction, value, target, measure, expected) -> None:
    assert meets_target(value, target, bound, measure, direction) is expected


def test_meets_target_missing() -> None:
    assert meets_target(math.nan, 1, "exact", "flow") is None
    assert meets_target(1, math.nan, "exact", "flow") is None
    assert meets_target(1, 1, None, "flow") is None


def test_classify_thresholds_are_inclusive_upper_limits() -> None:
    assert classify(0.8, STRETCH_THRESHOLDS) == "easier_than_last_year"
    assert classify(0.81, STRETCH_THRESHOLDS) == "similar"
    assert classify(1.25, STRETCH_THRESHOLDS) == "similar"
    assert classify(2.0, STRETCH_THRESHOLDS) == "harder"
    assert classify(2.01, STRETCH_THRESHOLDS) == "much_harder"
    assert classify(-1.0, GAP_THRESHOLDS_PP) == "easier_than_last_year"
    assert classify(1.2, GAP_THRESHOLDS_PP) == "harder"
    assert classify(math.nan, GAP_THRESHOLDS_PP) is None


@given(st.floats(min_value=1e-3, max_value=1e7), st.floats(min_value=1e-3, max_value=1e7))
def test_change_pct_agrees_with_change_for_any_positive_pair(actual, target) -> None:
    change = target - actual
    assert growth_pct(target, actual) == pytest.approx(change / actual * 100, rel=1e-9, abs=1e-9)


@given(st.floats(min_value=1e-3, max_value=1e7), st.floats(min_value=-99, max_value=1e4))
def test_backcast_inverts_growth(level, growth) -> None:
    previous = implied_previous(level, growth)
    assert growth_pct(level, previous) == pytest.approx(growth, rel=1e-9, abs=1e-7)


# --- target_pairs ---------------------------------------------------------------------------

CONTRACT = [
    "indicator",
    "section",
    "name_zh",
    "name_en",
    "measure",
    "unit",
    "actual",
    "target",
    "bound",
    "change",
    "change_pct",
    "comparable",
    "caveat",
]


def test_target_pairs_columns_and_order() -> None:
    pairs = zzreport.target_pairs()
    assert set(CONTRACT) <= set(pairs.columns)
    assert_report_order(pairs)
    assert not pairs.duplicated(["indicator", "measure"]).any()


def test_pairs_and_indicators_are_counted_apart() -> None:
    """An indicator with two targets (a level and a rate) makes two pairs: the overview must
    count pairs and indicators separately (26 pairs were once called 26 indicators)."""
    with open(paths.INDICATORS_CSV, encoding="utf-8", newline="") as f:
        raw = list(csv.DictReader(f))
    actual = {
        (r["indicator"], r["measure"])
        for r in raw
        if (r["year"], r["status"]) == ("2023", "actual")
    }
    target = {
        (r["indicator"], r["measure"])
        for r in raw
        if (r["year"], r["status"]) == ("2024", "target")
    }
    pairs = actual & target
    indicators = {indicator for indicator, _ in pairs}
    assert len(indicators) < len(pairs)  # the case this test is about
    from zzreport.words import narrative

    text = narrative.glance_overview(zzreport.load_indicators(), zzreport.target_pairs(), "en")
    assert f"**{len(pairs)}** pairs ({len(indicators)} indicators)" in text
    zh = narrative.glance_overview(zzreport.load_indicators(), zzreport.target_pairs(), "zh")
    assert f"**{len(pairs)}** 对({len(indicators)} 个指标)" in zh


def test_growth_pair_change_in_points() -> None:
    gdp = row(zzreport.target_pairs(), "gdp")
    expected = stated(r"地区生产总值增长(\d+)%左右") - stated(r"地区生产总值增长(\d+\.\d)%")
    assert gdp["change"] == pytest.approx(expected)
    assert math.isnan(gdp["change_pct"])
    assert gdp["bound"] == "about"


def test_flow_pair_change_and_percent() -> None:
    vehicles = row(zzreport.target_pairs(), "vehicle_output")
    actual, target = stated(r"汽车产量(\d+)万辆"), stated(r"汽车产量突破(\d+)万辆")
    assert vehicles["change"] == pytest.approx(target - actual)
    assert vehicles["change_pct"] == pytest.approx((target / actual - 1) * 100)
    assert vehicles["bound"] == "at_least"


def test_pairs_across_counting_words() -> None:
    graduates = row(zzreport.target_pairs(), "graduates_retained")
    assert graduates["actual"] == stated(r"吸引留郑大学生([\d.]+)万人")
    assert graduates["target"] == stated(r"力争(\d+)万名大学生")
    assert graduates["unit"] == "万人" and graduates["comparable"]


def test_non_comparable_pairs_say_why() -> None:
    pairs = zzreport.target_pairs()
    not_comparable = pairs[~pairs["comparable"]]
    assert {
        "key_projects_investment",
        "new_air_routes",
        "new_schools",
        "china_europe_trains",
    } <= set(not_comparable["indicator"])
    for slug in not_comparable["caveat"]:
        assert len(text.label(f"pair_caveat.{slug}", "en")) > 20
        assert len(text.label(f"pair_caveat.{slug}", "zh")) > 5


def test_unquantified_target_is_paired_but_never_compared() -> None:
    income = row(zzreport.target_pairs(), "disposable_income_per_capita")
    assert math.isnan(income["target"]) and math.isnan(income["change"])
    assert not income["comparable"] and income["caveat"] == "unquantified"
    assert "no number" in text.label("pair_caveat.unquantified", "en")


def test_share_pair() -> None:
    rd = row(zzreport.target_pairs(), "rd_intensity")
    assert rd["change"] == pytest.approx(
        stated(r"研发投入强度达到(2\.8)%") - stated(r"研发投入强度达到(2\.\d\d)%")
    )
    assert math.isnan(rd["change_pct"])


# --- backcast -------------------------------------------------------------------------------


def test_backcast_vehicle_output_2022() -> None:
    vehicles = row(zzreport.backcast(), "vehicle_output")
    expected = stated(r"汽车产量(\d+)万辆") / (1 + stated(r"汽车产量\d+万辆,增长([\d.]+)%") / 100)
    assert vehicles["value_2022"] == pytest.approx(expected)
    assert vehicles["value_2022"] == pytest.approx(51.3, abs=0.05)  # the worked example
    assert vehicles["derived"] and vehicles["method"] == "level_over_growth"
    assert vehicles["target_2024"] == stated(r"汽车产量突破(\d+)万辆")


def test_backcast_n_fold_growth() -> None:
    nev = row(zzreport.backcast(), "nev_output")
    expected = stated(r"新能源汽车([\d.]+)万辆") / (1 + stated(r"增长([\d.]+)倍"))
    assert nev["value_2022"] == pytest.approx(expected)


def test_backcast_from_stock_and_additions() -> None:
    labs = row(zzreport.backcast(), "national_key_labs")
    expected = stated(r"家,国家重点实验室达到(\d+)家") - stated(r"新组建全国重点实验室(\d+)家")
    assert labs["value_2022"] == expected
    assert labs["method"] == "stock_minus_additions"
    assert math.isnan(labs["target_2024"])


def test_backcast_is_sorted_and_all_derived() -> None:
    frame = zzreport.backcast()
    assert frame["derived"].all()
    assert_report_order(frame)


# --- required_growth ------------------------------------------------------------------------


def test_required_growth_level_target_compares_increments() -> None:
    nev = row(zzreport.required_growth(), "nev_output")
    level, target = stated(r"新能源汽车(\d+\.\d)万辆"), stated(r"新能源汽车产量超(\d+)万辆")
    growth = stated(r"新能源汽车[\d.]+万辆,增长([\d.]+)倍") * 100
    added_2023 = level - level / (1 + growth / 100)
    assert nev["increment_required"] == pytest.approx(target - level)
    assert nev["increment_2023"] == pytest.approx(added_2023)
    assert nev["stretch"] == pytest.approx((target - level) / added_2023)
    # 38.4万 asked against about 24.6万 added: harder, though the growth rate (121.5% against
    # 350%) would have called it easier.
    assert (target / level - 1) * 100 < growth
    assert nev["classification"] == nev["difficulty"] == "harder"
    assert nev["basis"] == "2023_increment"


def test_required_growth_rate_target_in_points() -> None:
    fai = row(zzreport.required_growth(), "fixed_asset_investment")
    gap = stated(r"固定资产投资增长(\d+)%以上") - stated(r"固定资产投资增长([\d.]+)%;")
    assert fai["kind"] == "rate"
    assert fai["gap_pp"] == pytest.approx(gap)
    assert fai["difficulty"] == classify(gap, GAP_THRESHOLDS_PP) == "harder"


def test_required_growth_against_a_multi_year_baseline() -> None:
    frame = zzreport.required_growth()
    retail = row(frame, "retail_sales")
    by_year = {
        int(r["year"]): float(r["value"])
        for r in external_rows()
        if r["geo"] == "zhengzhou"
        and r["name_en"].startswith("Retail")
        and r["status"] == "actual"
        and r["measure"] == "growth"
        and r["period"] == "year"
        and int(r["year"]) == 2022
    }
    by_year[2023] = stated(r"社会消费品零售总额增长([\d.]+)%;")  # 2023: the report, primary
    past = [by_year[2022], by_year[2023]]  # 2022 (a lockdown year) and 2023
    baseline = (math.sqrt((1 + past[0] / 100) * (1 + past[1] / 100)) - 1) * 100
    target = stated(r"社会消费品零售总额增长(\d+)%以上")
    assert retail["baseline"] == pytest.approx(baseline)
    assert retail["gap_baseline_pp"] == pytest.approx(target - baseline)
    assert retail["classification"] == classify(target - baseline, GAP_THRESHOLDS_PP)
    assert retail["basis"] == "baseline"
    # Against 2023 alone it looks similar; against 2022–23 it is harder than that.
    assert retail["difficulty"] == "similar" and retail["classification"] != "similar"


def test_every_baseline_uses_the_same_years_and_shows_the_revision() -> None:
    """GDP once averaged 2020–2023 (pandemic, floods) while the others used 2022–2023; every
    baseline now spans the same two years, and the revised 2022 GDP is a shown sensitivity."""
    rows = external_rows()

    def city(name: str, year: int) -> dict[str, str]:
        match = [
            r
            for r in rows
            if (r["geo"], r["name_zh"], r["year"], r["status"], r["measure"], r["period"])
            == ("zhengzhou", name, str(year), "actual", "growth", "year")
        ]
        assert match, (name, year)
        return match[0]  # the first listed: the register lists a figure's first source first

    assert any(
        r["name_zh"] == "地区生产总值" and r["year"] == "2020" and r["geo"] == "zhengzhou"
        for r in rows
    )  # an earlier year exists and must not be used
    first = float(city("地区生产总值", 2022)["value"])
    revision = re.search(r"says\s*\+?(-?[\d.]+)%", city("地区生产总值", 2022)["note"])
    assert revision, "the register's note on 2022 GDP should state the later figure"
    latest = stated(r"地区生产总值增长([\d.]+)%;")

    def gmean(a: float, b: float) -> float:
        return (math.sqrt((1 + a / 100) * (1 + b / 100)) - 1) * 100

    baselines = analysis.growth_baseline().set_index("indicator")
    known = baselines[baselines["baseline"].notna()]
    assert all(tuple(y) == (2022, 2023) for y in known["years"])
    assert baselines.loc["gdp", "baseline"] == pytest.approx(gmean(first, latest))
    assert baselines.loc["gdp", "baseline_revised"] == pytest.approx(
        gmean(float(revision.group(1)), latest)
    )
    table = __import__("zzreport.display.tables", fromlist=["x"]).required_table(
        zzreport.required_growth(), "en"
    )
    cell = table.loc["Gross domestic product (GDP) (rate)", "Multi-year baseline (years)"]
    assert f"{gmean(float(revision.group(1)), latest):.2f}%" in cell


def test_one_similar_band_for_the_project() -> None:
    assert GAP_THRESHOLDS_PP[0][0] == -analysis.SIMILAR_BAND_PP
    assert GAP_THRESHOLDS_PP[1][0] == analysis.SIMILAR_BAND_PP
    headline = zzreport.headline_targets().set_index("indicator")
    required = zzreport.required_growth()
    rates = required[required["kind"] == "rate"].set_index("indicator")
    for indicator in set(headline.index) & set(rates.index):
        direction = headline.loc[indicator, "direction"]
        difficulty = rates.loc[indicator, "difficulty"]
        assert (direction == "similar") == (difficulty == "similar"), indicator


def test_an_indicator_with_two_targets_is_counted_once() -> None:
    frame = zzreport.required_growth()
    counted = frame[frame["counted"]]
    assert counted["indicator"].is_unique
    investment = frame[frame["indicator"] == "industrial_investment"]
    assert len(investment) == 2 and investment["counted"].sum() == 1
    kept = investment[investment["counted"]].iloc[0]
    assert kept["required_growth"] == investment["required_growth"].max()
    summary = analysis.difficulty_summary(frame)
    assert (
        summary["fair_base"].sum()
        == counted["classification"].isin(analysis.DIFFICULTY_ORDER).sum()
    )


def test_rebound_series_are_not_classed() -> None:
    passengers = row(zzreport.required_growth(), "airport_passengers")
    assert passengers["classification"] == "rebound_base"


def test_required_growth_keeps_non_comparable_pairs_unclassed() -> None:
    frame = zzreport.required_growth()
    routes = row(frame, "new_air_routes")
    assert routes["difficulty"] == "not_comparable"
    assert set(frame["difficulty"]) <= {
        *analysis.DIFFICULTY_ORDER,
        "not_comparable",
        "no_2023_growth_known",
        "rebound_base",
    }


def test_required_growth_without_last_year() -> None:
    cargo = row(zzreport.required_growth(), "airport_cargo")
    assert math.isnan(cargo["realised_growth"]) and cargo["difficulty"] == "no_2023_growth_known"


# --- consistency_checks ---------------------------------------------------------------------


def check(name: str) -> pd.Series:
    """The check whose English name starts with ``name``, with its ``explanation`` in English."""
    from zzreport.display import tables

    frame = zzreport.consistency_checks()
    names = frame.apply(lambda r: tables.check_name(r, "en"), axis=1)
    match = frame[names.str.startswith(name)]
    assert len(match) == 1, name
    found = match.iloc[0].copy()
    found["explanation"] = tables.check_explanation(found, "en")
    return found


def test_consistency_columns() -> None:
    frame = zzreport.consistency_checks()
    assert {"check", "kind", "expected", "found", "holds", "facts"} <= set(frame.columns)
    assert set(frame["kind"]) <= set(analysis.CHECK_KINDS)
    # Only checks that can fail carry a verdict.
    implications = frame[frame["kind"] == "implication"]
    assert implications["holds"].isna().all()
    assert frame.loc[frame["kind"] != "implication", "holds"].notna().all()


def test_nev_within_vehicles_in_both_years() -> None:
    for year, nev_pattern, car_pattern in (
        (2023, r"新能源汽车([\d.]+)万辆", r"汽车产量(\d+)万辆"),
        (2024, r"新能源汽车产量超(\d+)万辆", r"汽车产量突破(\d+)万辆"),
    ):
        result = check(f"New-energy vehicles within vehicle output, {year}")
        assert result["kind"] == "identity"
        assert result["found"] == stated(nev_pattern)
        assert result["expected"] == stated(car_pattern)
        assert bool(result["holds"]) == (stated(nev_pattern) <= stated(car_pattern))


def test_industrial_investment_says_which_floor_binds() -> None:
    result = check("Industrial investment")
    base = stated(r"工业投资完成([\d.]+)亿元")
    needed = base * (1 + stated(r"工业投资增长(\d+)%以上") / 100)
    assert result["expected"] == pytest.approx(needed)
    assert result["found"] == stated(r"完成(1300)亿元")
    assert result["kind"] == "implication" and pd.isna(result["holds"])
    assert ("the level is the stricter" in result["explanation"]) == (needed < 1300)


def test_rd_claim_against_the_national_figure() -> None:
    result = check("R&D intensity above the national average")
    assert result["kind"] == "claim"
    china = next(
        float(r["value"])
        for r in external_rows()
        if r["geo"] == "china" and r["year"] == "2023" and r["name_en"].startswith("R&D")
    )
    city = stated(r"研发投入强度达到(2\.\d\d)%")
    assert result["expected"] == china and result["found"] == city
    assert bool(result["holds"]) == (city > china)


def test_cluster_base_has_no_verdict() -> None:
    result = check("Electronic information cluster")
    assert result["expected"] == pytest.approx(
        stated(r"集群规模达到(7000)亿元") / (1 + stated(r"产值增长(5)%以上") / 100)
    )
    assert pd.isna(result["holds"])


def test_headline_error_is_the_articles() -> None:
    result = check("Headline")
    assert result["kind"] == "article_error"
    assert pd.notna(result["holds"]) and not result["holds"]
    assert result["expected"] == stated(r"新组建全国重点实验室(\d+)家")


def test_non_claims_are_no_longer_checks() -> None:
    names = " ".join(zzreport.consistency_checks()["check"])
    assert "Income" not in names and "Key-project" not in names


# --- momentum_scenario ----------------------------------------------------------------------


@pytest.mark.parametrize("bad", [-0.1, 3.01, math.nan, math.inf, "1", None, True])
def test_momentum_is_validated(bad) -> None:
    with pytest.raises(ValueError, match=r"momentum must be a .*number in \[0, 3\]"):
        zzreport.momentum_scenario(bad)


def test_momentum_zero_freezes_2023() -> None:
    frame = zzreport.momentum_scenario(0)
    included = frame[frame["included"]]
    assert (included["projected_2024"] == included["value_2023"]).all()
    assert not row(frame, "vehicle_output")["meets"]


def test_momentum_repeats_the_2023_increment() -> None:
    vehicles = row(zzreport.momentum_scenario(1.0), "vehicle_output")
    level = stated(r"汽车产量(\d+)万辆")
    previous = level / (1 + stated(r"汽车产量\d+万辆,增长([\d.]+)%") / 100)
    projected = level + (level - previous)
    target = stated(r"汽车产量突破(\d+)万辆")
    assert vehicles["projected_2024"] == pytest.approx(projected)
    assert bool(vehicles["meets"]) == (projected >= target)
    assert vehicles["margin_pct"] == pytest.approx((projected / target - 1) * 100)


def test_momentum_adds_additions_to_stocks() -> None:
    labs = row(zzreport.momentum_scenario(2.0), "provincial_labs")
    assert labs["projected_2024"] == stated(r"总数达到(\d+)家") + 2 * stated(r"新增省实验室(\d+)家")
    assert pd.isna(labs["meets"])  # no target


@pytest.mark.parametrize("momentum", [0, 0.25, 0.5, 1, 1.5, 2, 2.5, 3])
def test_nev_never_exceeds_vehicles(momentum) -> None:
    frame = zzreport.momentum_scenario(momentum).set_index("indicator")
    assert (
        frame.loc["nev_output", "projected_2024"] <= frame.loc["vehicle_output", "projected_2024"]
    )


def test_rebound_series_is_left_out_with_its_reason() -> None:
    passengers = row(zzreport.momentum_scenario(), "airport_passengers")
    assert not passengers["included"] and "rebound" in passengers["exclusion"]
    assert pd.isna(passengers["meets"]) and pd.isna(passengers["projected_2024"])


def test_headline_targets_show_prices_beside_nominal_rates() -> None:
    headline = zzreport.headline_targets().set_index("indicator")
    prices = next(
        float(r["value"])
        for r in external_rows()
        if r["geo"] == "zhengzhou"
        and r["name_en"].startswith("Consumer prices")
        and r["year"] == "2023"
        and r["status"] == "actual"
    )
    retail = headline.loc["retail_sales"]
    assert retail["price_basis"] == "nominal" and retail["prices_2023"] == prices
    assert retail["real_2023"] == pytest.approx(
        ((1 + stated(r"社会消费品零售总额增长([\d.]+)%;") / 100) / (1 + prices / 100) - 1) * 100
    )
    assert headline.loc["gdp", "price_basis"] == "real" and pd.isna(
        headline.loc["gdp", "prices_2023"]
    )
    assert headline.loc["industrial_value_added", "direction"] == "asks_less"


# --- contract -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "function",
    [
        zzreport.target_pairs,
        zzreport.backcast,
        zzreport.required_growth,
        zzreport.consistency_checks,
        zzreport.momentum_scenario,
    ],
)
def test_a_caller_cannot_corrupt_the_next_result(function) -> None:
    assert_caller_cannot_corrupt(function)


def test_derived_2022_levels_are_no_more_precise_than_their_inputs() -> None:
    from zzreport.display import tables

    level = stated(r"汽车产量([\d.]+)万辆,增长")
    growth = stated(r"汽车产量[\d.]+万辆,增长([\d.]+)%")
    places = len(str(level).rstrip("0").rstrip(".").partition(".")[2])
    expected = round(level / (1 + growth / 100), places) * 1e4  # vehicles
    table = tables.series_table(zzreport.backcast(), "en")
    cell = table.loc["Vehicle output"].iloc[0]
    assert cell == f"{expected:,.0f} vehicles", cell
