"""The momentum scenario's calls against the outcomes."""

from __future__ import annotations

import pandas as pd

from zzreport.findings.feasibility import (
    required_growth,
)
from zzreport.findings.hindsight import feasibility_vs_outcome
from zzreport.findings.momentum import momentum_scenario
from zzreport.findings.scorecard import (
    scorecard,
)


def test_feasibility_vs_outcome_scores_only_explicit_calls() -> None:
    check = feasibility_vs_outcome().set_index(["indicator", "measure"])
    card = scorecard().set_index(["indicator", "measure"])
    required = required_growth().set_index(["indicator", "measure"])
    scenario = momentum_scenario(1.0).set_index(["indicator", "measure"])["meets"]
    assert not {"difficulty_predicts_met", "difficulty_right"} & set(check.columns)
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


def test_the_level_call_is_scored_on_the_derived_level_and_named_when_wrong() -> None:
    """Industrial investment's level target has no stated level outcome; the scorecard derives
    one from the stated growth, so the scenario's level call is scored, not dropped."""
    from zzreport.findings.hindsight import hindsight_facts

    check = feasibility_vs_outcome()
    card = scorecard().set_index(["indicator", "measure"])
    level = ("industrial_investment", "flow")
    assert card.loc[level, "outcome_basis"] == "derived"
    entry = check.set_index(["indicator", "measure"]).loc[level]
    assert not pd.isna(entry["momentum_meets"])
    facts = hindsight_facts(check)
    called = check[check["momentum_meets"].notna()]
    assert facts.calls == len(called) and facts.right == int(called["momentum_right"].sum())
    meets = called[called["momentum_meets"].astype(bool)]
    assert facts.meets_calls == len(meets)
    assert set(facts.wrong_meets) == {
        (r.indicator, str(r.measure)) for r in meets.itertuples() if not r.momentum_right
    }
