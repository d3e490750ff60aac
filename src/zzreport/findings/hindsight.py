"""The momentum scenario's calls against the outcomes: was the feasibility reading right?"""

from __future__ import annotations

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
    whether it matched the ``result``. The difficulty class (``required_growth``'s
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
