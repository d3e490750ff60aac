"""The 2024 scorecard, against outcomes read from the raw register."""

from __future__ import annotations

import csv
import math
import re

import pandas as pd
import pytest

from tests.findings.support import external, externals, row, stated
from zzreport.data import paths
from zzreport.findings import verdicts
from zzreport.findings.scorecard import (
    IMPLIED_BASE_TOLERANCE,
    OUTCOME_RESULTS,
    scorecard,
)


def test_scorecard_keeps_every_2024_target() -> None:
    card = scorecard()
    with paths.INDICATORS_CSV.open(encoding="utf-8", newline="") as handle:
        n_targets = sum(1 for r in csv.DictReader(handle) if r["status"] == "target")
    assert len(card) == n_targets
    assert set(card["result"].astype(str)) <= set(OUTCOME_RESULTS)
    assert (card["result"] == "no_outcome_data").sum() > 0


def test_gdp_about_target_judged_two_sided() -> None:
    gdp = row(scorecard(), "gdp", measure="growth")
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
    nev = row(scorecard(), "nev_output", measure="flow")
    outcome = float(external("zhengzhou", "新能源汽车产量", 2024, "actual", "flow")["value"])
    target = stated(r"新能源汽车产量超(\d+)万辆")
    assert nev["margin"] == pytest.approx((outcome / target - 1) * 100)
    assert nev["result"] == ("met" if outcome >= target else "missed")


def test_an_exact_outcome_beats_a_floor_and_both_are_shown() -> None:
    vehicles = row(scorecard(), "vehicle_output", measure="flow")
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
    value_added = row(scorecard(), "industrial_value_added", measure="growth")
    sources = externals("zhengzhou", "规模以上工业增加值", 2024, "actual", "growth")
    assert len(sources) == 2 and len({r["value"] for r in sources}) == 1
    grades = ["official", "state_media", "mirror", "low"]
    best = min(sources, key=lambda r: grades.index(r["quality"]))
    assert value_added["source"] == best["source"] and value_added["quality"] == best["quality"]
    other = next(r for r in sources if r is not best)
    assert other["source"] in value_added["corroboration"]


def test_a_count_that_does_not_say_standard_trains_is_context_not_a_verdict() -> None:
    """The target counts standard trains (标准列); neither source says 标准列, so there is no
    verdict whether one source or two; both are shown, never reconciled."""
    trains = row(scorecard(), "china_europe_trains", measure="flow")
    sources = externals("zhengzhou", "中欧班列开行", 2024, "actual", "flow")
    assert "标准列" not in "".join(r["quote"] for r in sources)
    assert (trains["result"], trains["reason"]) == ("not_assessable", "other_counting_basis")
    assert math.isnan(trains["margin"])
    shown = {(a["value"], a["unit"], a["quality"]) for a in trains["alternatives"]}
    assert shown == {(float(r["value"]), r["unit"], r["quality"]) for r in sources}


def test_sources_that_disagree_are_never_picked_silently(monkeypatch) -> None:
    """A made-up second source for 2024 GDP growth, 1 point lower: no verdict, both shown."""
    from zzreport.findings import scorecard as module

    real = module.load_external()
    gdp = real[
        (real["geo"] == "zhengzhou")
        & (real["indicator"] == "gdp")
        & (real["year"] == 2024)
        & (real["measure"] == "growth")
        & (real["status"] == "actual")
    ]
    rival = gdp.iloc[[0]].assign(value=gdp["value"].iloc[0] - 1, source="made up")
    monkeypatch.setattr(module, "load_external", lambda: pd.concat([real, rival]))
    entry = row(module.scorecard(), "gdp", measure="growth")
    assert (entry["result"], entry["reason"]) == ("sources_disagree", "values_differ")
    assert math.isnan(entry["outcome"])
    assert {a["source"] for a in entry["alternatives"]} >= {"made up"}


def test_derived_outcomes_get_a_verdict_marked_derived() -> None:
    card = scorecard()
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
    trade = row(scorecard(), "trade_value")
    assert trade["result"] == "not_assessable" and trade["reason"] == "target_unquantified"
    assert math.isnan(trade["target"]) and math.isnan(trade["margin"])


def test_targets_without_outcomes_are_never_guessed() -> None:
    card = scorecard()
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
    card = scorecard()
    graduates = row(card, "graduates_retained", measure="flow")
    assert graduates["result"] == "no_outcome_data" and graduates["reason"] == "only_part_year"
    source = external("zhengzhou", "吸引高校毕业生等青年人才来郑留郑", 2024, "actual", "flow", "H1")
    assert graduates["indication_value"] == float(source["value"])
    # no share of the year: graduates arrive in July; and no stated growth to compare
    assert "indication_share_of_year" not in card.columns
    assert math.isnan(graduates["indication_growth"])
    # the 2022-2024 total is shown beside it as another scope, never as its outcome
    assert graduates["scope_indicator"] == "graduates_retained_cumulative"
    assert graduates["scope_period"] == "2022-2024"
    construction = row(card, "construction_output", measure="growth")
    q1 = external("zhengzhou", "建筑业总产值", 2024, "actual", "growth", period="Q1")
    assert construction["indication_value"] == float(q1["value"])
    assert construction["indication_period"] == "Q1"
    assert construction["indication_growth"] == float(q1["value"])
    assert construction["indication_needed_growth"] == stated(r"建筑业总产值增长(\d+)%以上")
    assert construction["result"] == "no_outcome_data"
    # A full-year outcome, where one exists, is judged; its part-year figure is not shown.
    passengers = row(card, "airport_passengers", measure="flow")
    assert passengers["result"] in verdicts.VERDICTS and pd.isna(passengers["indication_period"])


def test_a_part_year_flow_is_read_by_its_growth_against_the_growth_needed(monkeypatch) -> None:
    """Made up: passengers with no full-year figure, January-July up 11.8% on a year before;
    the target needs target / 2023 level − 1, computed here from the report's own text."""
    from zzreport.findings import scorecard as module

    real = module.load_external()
    full_year = (
        (real["indicator"] == "airport_passengers")
        & (real["year"] == 2024)
        & (real["period"] == "year")
    )
    monkeypatch.setattr(module, "load_external", lambda: real[~full_year])
    entry = row(module.scorecard(), "airport_passengers", measure="flow")
    part = external("zhengzhou", "机场旅客吞吐量", 2024, "actual", "flow", "Jan-Jul")
    assert entry["indication_period"] == "Jan-Jul" and entry["reason"] == "only_part_year"
    growth = float(re.search(r"([\d.]+) percent", part["quote"]).group(1))
    assert entry["indication_growth"] == growth
    target = stated(r"旅客吞吐量(?:达到)?(\d+)万人次")
    base = stated(r"旅客吞吐量(\d+\.\d+)万人次")
    assert entry["indication_needed_growth"] == pytest.approx((target / base - 1) * 100)


def test_a_growth_that_implies_another_base_is_flagged() -> None:
    nev = row(scorecard(), "nev_output", measure="flow")
    source = external("zhengzhou", "新能源汽车产量", 2024, "actual", "flow")
    growth = float(re.search(r"增長([\d.]+)%", source["quote"]).group(1))
    implied = float(source["value"]) / (1 + growth / 100)
    base = stated(r"新能源汽车([\d.]+)万辆")
    assert nev["caveat"] == "implied_base_differs"
    assert nev["caveat_implied_base"] == pytest.approx(implied)
    assert nev["caveat_report_base"] == base
    assert abs(implied / base - 1) > IMPLIED_BASE_TOLERANCE


def test_every_target_left_without_a_verdict_says_why() -> None:
    card = scorecard()
    judged = card["result"].isin(verdicts.VERDICTS)
    assert (card.loc[~judged, "reason"] != "").all()
    assert (card.loc[judged, "reason"] == "").all()


def test_miss_facts_on_a_made_up_card() -> None:
    """Misses and their widest margin per kind (points and percentages never compared)."""
    from zzreport.findings.scorecard import miss_facts

    card = pd.DataFrame(
        {
            "indicator": ["a", "b", "c", "d", "e"],
            "measure": ["growth", "growth", "flow", "flow", "flow"],
            "result": ["missed", "missed", "missed", "met", "no_outcome_data"],
            "stretch": [True, False, False, True, True],
            "margin": [-0.5, -2.0, -10.0, 3.0, None],
            "margin_unit": ["pp", "pp", "%", "%", None],
            "quality": ["official", "mirror", "official", "official", None],
            "release": ["first", "unknown", "first", "revised", ""],
            "release_date": ["2025-02-05", "2025-03-28", "2025-12", "2025-07-01", ""],
        }
    )
    facts = miss_facts(card)
    assert (facts.assessed, facts.missed, facts.not_missed) == (4, 3, 1)
    assert (facts.stretch_missed, facts.stretch_not_missed, facts.reposted) == (1, 1, 1)
    assert facts.worst == (("c", "flow", -10.0, "%"), ("b", "growth", -2.0, "pp"))
    assert facts.by_release == (("first", 2), ("revised", 1), ("unknown", 1))
    assert facts.later_than_first_half == 2  # December and July 2025


def test_two_targets_of_one_indicator_are_one_promise_in_the_headline() -> None:
    """A made-up card: indicator a judged on a rate (missed) and a level (missed), b met, c
    split (met on one target, missed on the other): rows count 4 verdicts, the headline's
    indicators 3 — one met, one missed, one split."""
    from zzreport.findings.scorecard import scorecard_facts

    card = scorecard().head(0)
    made = pd.DataFrame(
        {
            "indicator": ["a", "a", "b", "c", "c", "d"],
            "measure": ["growth", "flow", "growth", "growth", "flow", "growth"],
            "result": ["missed", "missed", "met", "met", "missed", "no_outcome_data"],
            "kind": ["outcome"] * 6,
            "outcome_basis": ["stated"] * 6,
            "reason": [""] * 6,
            "indication_period": [None] * 6,
        }
    )
    facts = scorecard_facts(pd.concat([card, made], ignore_index=True))
    assert (facts.judged, facts.met, facts.missed) == (5, 2, 3)
    assert (facts.indicators_judged, facts.indicators_met) == (3, 1)
    assert (facts.indicators_missed, facts.indicators_split) == (1, 1)
    assert facts.judged_twice == ("a", "c")


def test_the_real_headline_counts_industrial_investment_once() -> None:
    from zzreport.findings.scorecard import scorecard_facts

    card = scorecard()
    judged = card[card["result"].isin(verdicts.VERDICTS)]
    facts = scorecard_facts(card)
    assert facts.indicators_judged == judged["indicator"].nunique() < facts.judged
    assert "industrial_investment" in facts.judged_twice
