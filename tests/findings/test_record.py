"""The target record of earlier years."""

from __future__ import annotations

import math
import re

import pytest

from tests.findings.support import external, externals, stated
from zzreport.findings.frames import MIN_CASES
from zzreport.findings.ratchet import ratchet_summary
from zzreport.findings.record import (
    TOLERANCES_PP,
    record_summary,
    tolerance_sensitivity,
    track_record,
)


def test_gdp_record_years_and_gaps() -> None:
    record = track_record()
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
    record = track_record().set_index(["indicator", "year"])
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
    record = track_record().set_index(["indicator", "year"])
    ceiling = external("zhengzhou", "居民消费价格", 2023, "target", "growth")
    assert ceiling["bound"] == "at_most" and "控制在" in ceiling["quote"]
    prices = record.loc[("consumer_prices", 2023)]
    assert prices["direction"] == "down"
    assert prices["result"] == ("met" if prices["actual"] <= float(ceiling["value"]) else "missed")


def test_record_summary_needs_enough_years() -> None:
    before = record_summary(before=2020).set_index("indicator")
    # GDP has one judged year before 2020 (2019): too few for a mean.
    assert before.loc["gdp", "n_years"] == 1 and not before.loc["gdp", "enough"]
    assert before["mean_gap"].isna().all()
    assert "record_adjusted_2024" not in before.columns  # never an expectation
    everything = record_summary().set_index("indicator")
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
    assert everything.loc["gdp", "n_years"] == gdp_years_judged >= MIN_CASES
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
    assert len(calm) == len(gaps) - 1 >= MIN_CASES
    assert everything.loc["gdp", "mean_gap_without_lockdown"] == pytest.approx(
        sum(calm) / len(calm)
    )
    from zzreport.words import narrative

    summary_text = narrative.record_summary_text(everything.reset_index(), ratchet_summary(), "en")
    assert f"{round(sum(calm) / len(calm), 2):+g} pp without the 2022 lockdown year" in summary_text


def test_income_in_step_is_shown_without_a_verdict() -> None:
    """同步 states no number: real income growth is shown beside real GDP growth, with no
    invented target, gap or tolerance, and it never counts in a record summary."""
    record = track_record().set_index(["indicator", "year"])
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
    summary = record_summary()
    assert "disposable_income_per_capita" not in set(summary["indicator"])
    assert not tolerance_sensitivity()["indicator"].eq("disposable_income_per_capita").any()
    from zzreport.display import outcome_tables

    shown = outcome_tables.record_table(track_record(), "en")
    cell = shown.loc["Per-capita disposable income of residents 2023", "Target"]
    assert "同步" in cell and f"{gdp:g}%" in cell and "about" not in cell


def test_tolerance_sensitivity_of_2025_gdp() -> None:
    table = tolerance_sensitivity().set_index(["indicator", "year"])
    gdp = table.loc[("gdp", 2025)]
    target = float(external("zhengzhou", "地区生产总值", 2025, "target", "growth")["value"])
    result = float(external("zhengzhou", "地区生产总值", 2025, "actual", "growth")["value"])
    for t in TOLERANCES_PP:
        assert gdp[f"tol_{t:g}"] == ("met" if result >= target - t else "missed"), t
    assert gdp["depends"] == (len({result >= target - t for t in TOLERANCES_PP}) > 1)
    with pytest.raises(ValueError, match="tolerances"):
        tolerance_sensitivity((-1,))
