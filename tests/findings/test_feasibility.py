"""Baselines, required growth and the difficulty classes."""

from __future__ import annotations

import math
import re

import pytest

import zzreport
from tests.findings.support import external_rows, row, stated
from zzreport.findings.feasibility import (
    DIFFICULTY_ORDER,
    GAP_THRESHOLDS_PP,
    SIMILAR_BAND_PP,
    STRETCH_THRESHOLDS,
    difficulty_summary,
    growth_baseline,
)
from zzreport.findings.frames import classify


def test_classify_thresholds_are_inclusive_upper_limits() -> None:
    assert classify(0.8, STRETCH_THRESHOLDS) == "easier_than_last_year"
    assert classify(0.81, STRETCH_THRESHOLDS) == "similar"
    assert classify(1.25, STRETCH_THRESHOLDS) == "similar"
    assert classify(2.0, STRETCH_THRESHOLDS) == "harder"
    assert classify(2.01, STRETCH_THRESHOLDS) == "much_harder"
    assert classify(-1.0, GAP_THRESHOLDS_PP) == "easier_than_last_year"
    assert classify(1.2, GAP_THRESHOLDS_PP) == "harder"
    assert classify(math.nan, GAP_THRESHOLDS_PP) is None


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

    baselines = growth_baseline().set_index("indicator")
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
    assert GAP_THRESHOLDS_PP[0][0] == -SIMILAR_BAND_PP
    assert GAP_THRESHOLDS_PP[1][0] == SIMILAR_BAND_PP
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
    summary = difficulty_summary(frame)
    assert summary["fair_base"].sum() == counted["classification"].isin(DIFFICULTY_ORDER).sum()


def test_rebound_series_are_not_classed() -> None:
    passengers = row(zzreport.required_growth(), "airport_passengers")
    assert passengers["classification"] == "rebound_base"


def test_required_growth_keeps_non_comparable_pairs_unclassed() -> None:
    frame = zzreport.required_growth()
    trains = row(frame, "china_europe_trains")
    assert trains["difficulty"] == "not_comparable"
    assert set(frame["difficulty"]) <= {
        *DIFFICULTY_ORDER,
        "not_comparable",
        "no_2023_growth_known",
        "rebound_base",
    }


def test_required_growth_without_last_year() -> None:
    cargo = row(zzreport.required_growth(), "airport_cargo")
    assert math.isnan(cargo["realised_growth"]) and cargo["difficulty"] == "no_2023_growth_known"
