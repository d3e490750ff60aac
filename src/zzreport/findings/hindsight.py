"""The momentum scenario's calls against the outcomes: was the feasibility reading right?"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from zzreport.data import memo
from zzreport.findings.feasibility import required_growth
from zzreport.findings.frames import naming
from zzreport.findings.momentum import momentum_scenario
from zzreport.findings.scorecard import scorecard


@memo.on_data
def feasibility_vs_outcome(momentum: float = 1.0) -> pd.DataFrame:
    """For each assessed target, what 04 said in advance beside what happened.

    Only the momentum scenario makes a call: ``momentum_meets`` is its explicit meets/misses at
    ``momentum`` (missing for a series the scenario leaves out) and ``momentum_right`` says
    whether it matched the ``result``. A level target is scored on its derived level
    outcome where the scorecard derives one (industrial investment: 2023's level × (1 + the
    stated 2024 growth)), so a call on the level is not dropped for want of a stated level. The difficulty class (``required_growth``'s
    ``classification`` for the same indicator and measure) is shown beside the outcome and never
    scored: "harder" says a target asks for more than a fair base, not that it will be missed.
    ``difficulty_counted`` is False where the class belongs to the target of an indicator that
    04's summaries do not count (an indicator with a level and a rate target is counted once).
    Caveat: a handful of outcomes is an anecdote, not a validation.
    """
    card = scorecard()
    card = card[card["result"].isin(["met", "above_band", "missed"])]
    required = required_growth().set_index(["indicator", "measure"])
    scenario = momentum_scenario(momentum).set_index(["indicator", "measure"])["meets"]
    records = []
    for row in card.itertuples(index=False):
        key = (row.indicator, row.measure)
        known = key in required.index
        call = scenario.get(key)
        met = row.result in ("met", "above_band")  # an overshoot reached the target
        records.append(
            {
                **naming(row),
                "result": row.result,
                "quality": row.quality,
                "difficulty": required.loc[key, "classification"] if known else "not_assessed",
                "difficulty_counted": bool(required.loc[key, "counted"]) if known else None,
                "momentum_meets": None if call is None or pd.isna(call) else bool(call),
                "momentum_right": None if call is None or pd.isna(call) else bool(call) == met,
            }
        )
    result = pd.DataFrame.from_records(records)
    for column in ("difficulty_counted", "momentum_meets", "momentum_right"):
        result[column] = result[column].astype("boolean")
    return result


@dataclass(frozen=True)
class HindsightFacts:
    """How the momentum scenario's calls fared (notebook 07): ``calls`` judged against an
    outcome, ``right`` of them, and the "will be met" calls apart (``meets_calls``,
    ``meets_right``), since a scenario that only calls misses in a year of misses says little;
    ``wrong_meets`` lists the (indicator, measure) keys of the "will be met" calls that were
    wrong."""

    calls: int
    right: int
    meets_calls: int
    meets_right: int
    wrong_meets: tuple[tuple[str, str], ...]


def hindsight_facts(check: pd.DataFrame | None = None) -> HindsightFacts:
    """Count ``feasibility_vs_outcome()`` (or ``check``)."""
    check = feasibility_vs_outcome() if check is None else check
    called = check[check["momentum_meets"].notna()]
    meets = called[called["momentum_meets"].astype(bool)]
    wrong = meets[~meets["momentum_right"].astype(bool)]
    return HindsightFacts(
        calls=len(called),
        right=int(called["momentum_right"].astype(bool).sum()),
        meets_calls=len(meets),
        meets_right=int(meets["momentum_right"].astype(bool).sum()),
        wrong_meets=tuple(zip(wrong["indicator"], wrong["measure"].astype(str), strict=True)),
    )
