"""The analysis functions, checked against values computed here from the report's own words.

Expected values are read from the raw text with regular expressions (not from the data set or
the functions under test) and computed independently.
"""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from hypothesis import given, strategies as st

import zzreport
from zzreport import analysis, schema, source_text
from zzreport.analysis import (classify, growth_pct, implied_previous, meets_target,
                               GAP_THRESHOLDS_PP, STRETCH_THRESHOLDS)


def stated(pattern: str) -> float:
    """The number captured by ``pattern`` in the report (exactly one match)."""
    matches = re.findall(pattern, source_text())
    assert len(matches) >= 1, pattern
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

def test_growth_pct_edge_cases() -> None:
    assert growth_pct(110, 100) == pytest.approx(10)
    assert math.isnan(growth_pct(5, 0))          # zero base
    assert math.isnan(growth_pct(5, -2))         # negative base
    assert math.isnan(growth_pct(5, math.nan))   # missing base
    assert math.isnan(growth_pct(math.nan, 5))


def test_implied_previous_edge_cases() -> None:
    assert implied_previous(150, 50) == pytest.approx(100)
    assert implied_previous(45, 350) == pytest.approx(10)  # 3.5-fold growth: ×4.5
    assert math.isnan(implied_previous(10, -100))
    assert math.isnan(implied_previous(math.nan, 5))


@pytest.mark.parametrize("bound, direction, value, target, measure, expected", [
    ("at_least", "up", 100, 100, "flow", True),      # met at equality
    ("at_least", "up", 99.99, 100, "flow", False),
    ("exact", "up", 100, 100, "flow", True),
    ("exact", "up", 101, 100, "flow", True),         # an exact level is a level to reach
    ("about", "two_sided", 98, 100, "flow", True),   # within 2 % below
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
])
def test_meets_target(bound, direction, value, target, measure, expected) -> None:
    assert meets_target(value, target, bound, measure, direction) is expected


def test_meets_target_missing() -> None:
    assert meets_target(math.nan, 1, "exact", "flow") is None
    assert meets_target(1, math.nan, "exact", "flow") is None
    assert meets_target(1, 1, None, "flow") is None


def test_classify_thresholds_are_inclusive_upper_limits() -> None:
    assert classify(0.8, STRETCH_THRESHOLDS) == "easier than last year"
    assert classify(0.81, STRETCH_THRESHOLDS) == "similar"
    assert classify(1.25, STRETCH_THRESHOLDS) == "similar"
    assert classify(2.0, STRETCH_THRESHOLDS) == "harder"
    assert classify(2.01, STRETCH_THRESHOLDS) == "much harder"
    assert classify(-1.0, GAP_THRESHOLDS_PP) == "easier than last year"
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

CONTRACT = ["indicator", "section", "name_zh", "name_en", "measure", "unit", "actual", "target",
            "bound", "change", "change_pct", "comparable", "caveat"]


def test_target_pairs_columns_and_order() -> None:
    pairs = zzreport.target_pairs()
    assert set(CONTRACT) <= set(pairs.columns)
    assert_report_order(pairs)
    assert not pairs.duplicated(["indicator", "measure"]).any()


def test_growth_pair_change_in_points() -> None:
    gdp = row(zzreport.target_pairs(), "gdp")
    expected = stated(r"地区生产总值增长(\d+)%左右") - stated(r"地区生产总值增长([\d.]+)%")
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
    assert {"key_projects_investment", "new_air_routes", "new_schools",
            "china_europe_trains"} <= set(not_comparable["indicator"])
    assert (not_comparable["caveat"].str.len() > 20).all()
    assert (not_comparable["caveat_zh"].str.len() > 5).all()


def test_unquantified_target_is_paired_but_never_compared() -> None:
    income = row(zzreport.target_pairs(), "disposable_income_per_capita")
    assert math.isnan(income["target"]) and math.isnan(income["change"])
    assert not income["comparable"] and "no number" in income["caveat"]


def test_share_pair() -> None:
    rd = row(zzreport.target_pairs(), "rd_intensity")
    assert rd["change"] == pytest.approx(stated(r"研发投入强度达到(2\.8)%")
                                         - stated(r"研发投入强度达到(2\.\d\d)%"))
    assert math.isnan(rd["change_pct"])


# --- backcast -------------------------------------------------------------------------------

def test_backcast_vehicle_output_2022() -> None:
    vehicles = row(zzreport.backcast(), "vehicle_output")
    expected = stated(r"汽车产量(\d+)万辆") / (1 + stated(r"汽车产量\d+万辆,增长([\d.]+)%") / 100)
    assert vehicles["value_2022"] == pytest.approx(expected)
    assert vehicles["value_2022"] == pytest.approx(51.3, abs=0.05)  # the worked example
    assert vehicles["derived"] and vehicles["method"] == "level / (1 + growth)"
    assert vehicles["target_2024"] == stated(r"汽车产量突破(\d+)万辆")


def test_backcast_n_fold_growth() -> None:
    nev = row(zzreport.backcast(), "nev_output")
    expected = stated(r"新能源汽车([\d.]+)万辆") / (1 + stated(r"增长([\d.]+)倍"))
    assert nev["value_2022"] == pytest.approx(expected)


def test_backcast_from_stock_and_additions() -> None:
    labs = row(zzreport.backcast(), "national_key_labs")
    expected = stated(r"国家重点实验室达到(\d+)家") - stated(r"新组建全国重点实验室(\d+)家")
    assert labs["value_2022"] == expected
    assert labs["method"] == "stock − additions"
    assert math.isnan(labs["target_2024"])


def test_backcast_is_sorted_and_all_derived() -> None:
    frame = zzreport.backcast()
    assert frame["derived"].all()
    assert_report_order(frame)


# --- required_growth ------------------------------------------------------------------------

def test_required_growth_level_target() -> None:
    vehicles = row(zzreport.required_growth(), "vehicle_output")
    required = (stated(r"汽车产量突破(\d+)万辆") / stated(r"汽车产量(\d+)万辆") - 1) * 100
    realised = stated(r"汽车产量\d+万辆,增长([\d.]+)%")
    assert vehicles["required_growth"] == pytest.approx(required)
    assert vehicles["realised_growth"] == realised
    assert vehicles["stretch"] == pytest.approx(required / realised)
    assert vehicles["difficulty"] == classify(required / realised, STRETCH_THRESHOLDS)


def test_required_growth_rate_target_in_points() -> None:
    fai = row(zzreport.required_growth(), "fixed_asset_investment")
    gap = stated(r"固定资产投资增长(\d+)%以上") - stated(r"固定资产投资增长([\d.]+)%;")
    assert fai["kind"] == "rate"
    assert fai["gap_pp"] == pytest.approx(gap)
    assert fai["difficulty"] == classify(gap, GAP_THRESHOLDS_PP) == "harder"


def test_required_growth_keeps_non_comparable_pairs_unclassed() -> None:
    frame = zzreport.required_growth()
    routes = row(frame, "new_air_routes")
    assert routes["difficulty"] == "not comparable"
    assert set(frame["difficulty"]) <= {*analysis.DIFFICULTY_ORDER, "not comparable",
                                         "no 2023 growth known"}


def test_required_growth_without_last_year() -> None:
    cargo = row(zzreport.required_growth(), "airport_cargo")
    assert math.isnan(cargo["realised_growth"]) and cargo["difficulty"] == "no 2023 growth known"


# --- consistency_checks ---------------------------------------------------------------------

def check(name: str) -> pd.Series:
    frame = zzreport.consistency_checks()
    match = frame[frame["check"].str.startswith(name)]
    assert len(match) == 1, name
    return match.iloc[0]


def test_consistency_columns() -> None:
    frame = zzreport.consistency_checks()
    assert {"check", "expected", "found", "holds", "explanation"} <= set(frame.columns)
    assert len(frame) >= 10
    assert_report_order(frame)


def test_industrial_investment_floor_and_level_agree() -> None:
    result = check("Industrial investment")
    base = stated(r"工业投资完成([\d.]+)亿元")
    assert result["expected"] == pytest.approx(base * (1 + stated(r"工业投资增长(\d+)%以上") / 100))
    assert result["found"] == stated(r"完成(1300)亿元")
    assert result["holds"]


def test_nev_share_rises() -> None:
    result = check("New-energy vehicles' share")
    assert result["expected"] == pytest.approx(
        stated(r"新能源汽车([\d.]+)万辆") / stated(r"汽车产量(\d+)万辆") * 100)
    assert result["found"] == pytest.approx(
        stated(r"新能源汽车产量超(\d+)万辆") / stated(r"汽车产量突破(\d+)万辆") * 100)
    assert result["holds"]


def test_cluster_base_cannot_be_checked() -> None:
    result = check("Electronic information cluster")
    assert result["expected"] == pytest.approx(
        stated(r"集群规模达到(7000)亿元") / (1 + stated(r"产值增长(5)%以上") / 100))
    assert pd.isna(result["holds"])


def test_headline_contradiction_is_flagged() -> None:
    result = check("Headline")
    assert pd.notna(result["holds"]) and not result["holds"]
    assert result["expected"] == stated(r"新组建全国重点实验室(\d+)家")


def test_income_in_step_rule() -> None:
    result = check("Income grew in step")
    income, gdp = stated(r"可支配收入增长([\d.]+)%"), stated(r"地区生产总值增长([\d.]+)%;")
    assert bool(result["holds"]) == (abs(income - gdp) <= analysis.IN_STEP_TOLERANCE_PP)


# --- momentum_scenario ----------------------------------------------------------------------

@pytest.mark.parametrize("bad", [-0.1, 3.01, math.nan, math.inf, "1", None, True])
def test_momentum_is_validated(bad) -> None:
    with pytest.raises(ValueError, match=r"momentum must be a .*number in \[0, 3\]"):
        zzreport.momentum_scenario(bad)


def test_momentum_zero_freezes_2023() -> None:
    frame = zzreport.momentum_scenario(0)
    assert (frame["projected_2024"] == frame["value_2023"]).all()
    vehicles = row(frame, "vehicle_output")
    assert not vehicles["meets"]


def test_momentum_one_repeats_2023() -> None:
    vehicles = row(zzreport.momentum_scenario(1.0), "vehicle_output")
    projected = stated(r"汽车产量(\d+)万辆") * (1 + stated(r"汽车产量\d+万辆,增长([\d.]+)%") / 100)
    target = stated(r"汽车产量突破(\d+)万辆")
    assert vehicles["projected_2024"] == pytest.approx(projected)
    assert bool(vehicles["meets"]) == (projected >= target)
    assert vehicles["margin_pct"] == pytest.approx((projected / target - 1) * 100)


def test_momentum_keeps_indicators_without_targets() -> None:
    labs = row(zzreport.momentum_scenario(), "provincial_labs")
    assert pd.isna(labs["meets"])


# --- contract -------------------------------------------------------------------------------

@pytest.mark.parametrize("function", [zzreport.target_pairs, zzreport.backcast,
                                      zzreport.required_growth, zzreport.consistency_checks,
                                      zzreport.momentum_scenario])
def test_deterministic_and_documented(function) -> None:
    pd.testing.assert_frame_equal(function(), function())
    assert function.__doc__ and "Caveat" in function.__doc__
