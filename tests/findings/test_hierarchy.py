"""The ladder, the premiums and the rest of Henan."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tests.findings.support import external, externals, row, stated
from tests.helpers import assert_caller_cannot_corrupt
from zzreport.findings import hierarchy
from zzreport.findings.feasibility import (
    SIMILAR_BAND_PP,
)
from zzreport.findings.hierarchy import (
    gdp_history,
    premium_comparison,
    report_dates,
    rest_of_henan,
    target_ladder,
)
from zzreport.findings.hindsight import feasibility_vs_outcome
from zzreport.findings.ratchet import target_ratchet
from zzreport.findings.record import (
    record_summary,
    tolerance_sensitivity,
    track_record,
)
from zzreport.findings.scorecard import (
    scorecard,
)


def test_premiums_compare_targets_with_delivered_premiums() -> None:
    premiums = premium_comparison()
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
    real_load = hierarchy.load_external
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

    monkeypatch.setattr(hierarchy, "load_external", with_rival)
    gdp = row(premium_comparison(), "gdp", geo="china")
    expected = register + 1 if used == "rival" else register
    assert gdp["zhengzhou_target"] - gdp["target_premium"] == pytest.approx(expected)


@pytest.mark.parametrize("function", [premium_comparison, target_ladder])
def test_a_year_without_targets_is_named(function) -> None:
    with pytest.raises(ValueError, match=r"year=2023: the report sets targets for \[2024\] only"):
        function(2023)


def test_a_year_without_report_dates_has_none() -> None:
    dates = report_dates(2018)
    assert dates.empty and list(dates.columns) == ["geo", "published", "source"]


def test_no_comparison_reduces_to_target_minus_own_result(monkeypatch) -> None:
    """Move the nation's and the province's figures: every comparison must move with them,
    and none may equal the city's target − its own result."""
    base = premium_comparison()
    real_load = hierarchy.load_external

    def shifted() -> pd.DataFrame:
        frame = real_load().copy()
        others = frame["geo"].isin(["china", "henan"])
        frame.loc[others & (frame["status"] == "target"), "value"] += 0.3
        frame.loc[others & (frame["status"] == "actual"), "value"] -= 0.2
        return frame

    monkeypatch.setattr(hierarchy, "load_external", shifted)
    moved = premium_comparison()
    for column in ("target_premium", "realised_premium", "premium_change"):
        known = base[column].notna()
        assert known.any()
        assert (moved.loc[known, column] - base.loc[known, column]).abs().gt(0.05).all(), column
    own = base["zhengzhou_target"] - base["zhengzhou_previous"]
    known = base["premium_change"].notna()
    assert not (base.loc[known, "premium_change"] - own[known]).abs().lt(1e-9).any()


def test_report_dates_come_from_the_register() -> None:
    dates = report_dates().set_index("geo")["published"]
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
    ladder = target_ladder()
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
    henan = row(premium_comparison(), "gdp", geo="henan")
    assert henan["realised_base"] == "rebound_year"
    assert henan["multi_year_premium"] == pytest.approx(premium)
    assert henan["multi_year_change"] == pytest.approx(target_premium - premium)
    change = target_premium - premium
    expected = (
        "amplified"
        if change > SIMILAR_BAND_PP
        else "below_premium"
        if change < -SIMILAR_BAND_PP
        else "within_premium"
    )
    assert gdp["amplification_vs_henan"] == expected
    china = float(external("china", "国内生产总值", 2024, "target", "growth")["value"])
    henan_t = float(external("henan", "地区生产总值", 2024, "target", "growth")["value"])
    assert gdp["higher_each_level"] == (china < henan_t < stated(r"地区生产总值增长(\d+)%左右"))
    assert gdp["n_levels"] == 3
    assert gdp["henan_quality"] == "low"  # the weak source is carried, not hidden


def test_a_ceiling_is_not_higher_each_level() -> None:
    ladder = target_ladder()
    unemployment = row(ladder, "unemployment_rate")
    assert unemployment["china_target"] == unemployment["zhengzhou_target"]
    assert not unemployment["higher_each_level"]
    # Where China sets no target there are two levels, and the prose must not say "each level".
    retail = row(ladder, "retail_sales")
    assert not externals("china", "社会消费品零售总额", 2024, "target", "growth")
    assert retail["n_levels"] == 2


def test_rest_of_henan() -> None:
    rest = rest_of_henan().set_index(["kind", "year"])
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


def test_gdp_history_prefers_the_report() -> None:
    history = gdp_history()
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
        scorecard,
        track_record,
        record_summary,
        target_ladder,
        feasibility_vs_outcome,
        gdp_history,
        target_ratchet,
        premium_comparison,
        rest_of_henan,
        tolerance_sensitivity,
        report_dates,
    ],
)
def test_a_caller_cannot_corrupt_the_next_result(function) -> None:
    assert_caller_cannot_corrupt(function)
