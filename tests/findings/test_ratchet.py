"""The ratchet: how a target follows the previous year's result."""

from __future__ import annotations

import math
import re

import pytest

from tests.findings.support import external, row, stated, target_2023
from zzreport import source_text
from zzreport.findings.feasibility import (
    SIMILAR_BAND_PP,
)
from zzreport.findings.frames import MIN_CASES
from zzreport.findings.ratchet import ratchet_summary, target_ratchet, wording


def test_ratchet_signs() -> None:
    ratchet = target_ratchet()
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
    ratchet = target_ratchet()
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
    gdp = row(target_ratchet(), "gdp", year_from=2024)
    assert gdp["new_wording"] == words == "左右"
    assert gdp["new_bound"] == raw["bound"]
    # 2024's target is 7%左右 too: the words did not change.
    assert re.search(r"地区生产总值增长\d+%(左右)", source_text())
    assert not gdp["wording_changed"]
    assert wording(raw["quote"], float(raw["value"]), "", "about") == "左右"
    assert wording("洛阳为16%,郑州为6%左右", 6, "", "about") == "左右"


def test_ratchet_summary_counts_cases_and_never_overclaims() -> None:
    ratchet = target_ratchet()
    summary = ratchet_summary(ratchet).set_index("previous_outcome")
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
        overshoots += result - target > SIMILAR_BAND_PP
    assert summary.loc["overshot", "n"] >= overshoots
    both = summary.loc["missed", "n"] >= MIN_CASES and summary.loc["overshot", "n"] >= MIN_CASES
    assert bool(summary.loc["missed", "compare_sides"]) == both
    from zzreport.words import narrative

    note = narrative.ratchet_note(ratchet, ratchet_summary(ratchet), "en")
    assert ("asymmetric ratchet." in note and "no evidence" in note) or both
    assert f"{len(missed)} cases" in note


def test_wording() -> None:
    assert wording("固定资产投资增长8%以上", 8) == "以上"
    assert wording("研究与试验发展经费投入强度突破2.6%", 2.6) == "突破"
    assert wording("生产总值增长7%,规模以上工业增加值增长8%以上", 7) == ""
    assert (
        wording("一般公共预算收入增长3%以上,居民消费价格涨幅控制在3%以内", 3, "居民消费价格")
        == "控制在…以内"
    )
