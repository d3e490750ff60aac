"""Target pairs and backcasts, checked against values read from the raw files."""

from __future__ import annotations

import csv
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import zzreport
from tests.findings.support import assert_report_order, row, stated
from tests.helpers import assert_caller_cannot_corrupt
from zzreport.data import paths
from zzreport.findings.frames import growth_pct, implied_previous
from zzreport.words import text


@given(st.floats(min_value=1e-3, max_value=1e7), st.floats(min_value=1e-3, max_value=1e7))
def test_change_pct_agrees_with_change_for_any_positive_pair(actual, target) -> None:
    change = target - actual
    assert growth_pct(target, actual) == pytest.approx(change / actual * 100, rel=1e-9, abs=1e-9)


@given(st.floats(min_value=1e-3, max_value=1e7), st.floats(min_value=-99, max_value=1e4))
def test_backcast_inverts_growth(level, growth) -> None:
    previous = implied_previous(level, growth)
    assert growth_pct(level, previous) == pytest.approx(growth, rel=1e-9, abs=1e-7)


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
    assert f"**{len(pairs)}**对（{len(indicators)}个指标）" in zh


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
    assert {"new_schools", "china_europe_trains"} <= set(not_comparable["indicator"])
    # one slug names one thing: 2023's key projects and all routes are not 2024's planned
    # projects and international routes, so they are not paired at all
    assert not {"key_projects_investment", "new_air_routes"} & set(pairs["indicator"])
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
    labs = row(zzreport.backcast(), "provincial_labs")
    expected = stated(r"总数达到(\d+)家") - stated(r"新增省实验室(\d+)家")
    assert labs["value_2022"] == expected
    assert labs["method"] == "stock_minus_additions"
    assert math.isnan(labs["target_2024"])


def test_a_count_redefined_during_the_year_gets_no_2022_level() -> None:
    """National key laboratories: 14 in total and 4 newly formed, but counted during the
    reorganisation that renamed the category, so 14 − 4 is no 2022 level (04 leaves the
    series out for the same reason; 03 showed 10 and +40% before)."""
    from zzreport.findings.feasibility import LEFT_OUT
    from zzreport.findings.pairs import REDEFINED_COUNTS

    assert "national_key_labs" in REDEFINED_COUNTS
    labs = row(zzreport.backcast(), "national_key_labs")
    assert labs["method"] == "not_established"
    assert math.isnan(labs["value_2022"]) and math.isnan(labs["growth_2023"])
    assert labs["value_2023"] == stated(r"家,国家重点实验室达到(\d+)家")
    assert LEFT_OUT["national_key_labs"] == "unstable_count"


def test_backcast_is_sorted_and_all_derived() -> None:
    frame = zzreport.backcast()
    assert frame["derived"].all()
    assert_report_order(frame)


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
