"""A momentum scenario: what 2024 would look like if each indicator kept a multiple of its
2023 growth, and which targets that would meet.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from zzreport.data.load import load_indicators
from zzreport.findings.feasibility import LEFT_OUT
from zzreport.findings.frames import growth_pct, naming, sort_in_report_order
from zzreport.findings.pairs import backcast
from zzreport.findings.verdicts import meets

MOMENTUM_RANGE: tuple[float, float] = (0.0, 3.0)


def validate_momentum(momentum: object) -> float:
    """``momentum`` as a float, or a ValueError naming the parameter and what is allowed."""
    low, high = MOMENTUM_RANGE
    if isinstance(momentum, bool) or not isinstance(
        momentum, (int, float, np.integer, np.floating)
    ):
        raise ValueError(
            f"momentum must be a number in [{low:g}, {high:g}]; got {momentum!r} "
            f"({type(momentum).__name__})"
        )
    value = float(momentum)
    if not math.isfinite(value) or not low <= value <= high:
        raise ValueError(
            f"momentum must be a finite number in [{low:g}, {high:g}]; got {momentum!r}"
        )
    return value


#: Pairs of (part, whole) that a projection must respect: a part never exceeds its whole.
PROJECTION_CAPS: dict[str, str] = {"nev_output": "vehicle_output"}


def momentum_scenario(momentum: float = 1.0) -> pd.DataFrame:
    """Project each flow or stock with a known 2023 change to 2024 by repeating ``momentum``
    times 2023's absolute change.

    ``momentum`` is a multiple of 2023's increment, in [0, 3]: 1 adds to 2023 what 2023 added
    to 2022 (a flow repeats its absolute increment; a stock adds as many as were added in
    2023); 0 freezes the 2023 level; 2 doubles the increment. Increments, not growth rates:
    compounding a rate from a tiny base (new-energy vehicles, +350%) explodes. ``projected_2024``
    = 2023 level + momentum × (2023 level − 2022 level). Rules, each shown in ``rule``: a part
    never exceeds its whole (``PROJECTION_CAPS``: new-energy vehicles ≤ vehicles; ``capped``);
    a series in ``LEFT_OUT`` (a rebound, or a count whose category changed) is not projected
    (``included`` False, the reason's slug in ``exclusion``). ``meets`` is judged by ``verdicts.meets`` under the target's bound and
    direction; ``margin`` and ``margin_pct`` say by how much. Indicators without a target are
    kept with ``meets`` missing. Caveat: a repeated increment is a yardstick, not a forecast.
    """
    factor = validate_momentum(momentum)
    frame = load_indicators()
    series = backcast()
    projected: dict[str, float] = {}
    for row in series.itertuples(index=False):
        projected[row.indicator] = row.value_2023 + factor * (row.value_2023 - row.value_2022)
    records = []
    for row in series.itertuples(index=False):
        value = projected[row.indicator]
        whole = PROJECTION_CAPS.get(row.indicator)
        capped = whole is not None and whole in projected and value > projected[whole]
        if capped:
            value = projected[whole]
        included = row.indicator not in LEFT_OUT
        bound = row.target_bound
        meets_target = (
            meets(value, row.target_2024, bound, row.target_direction, row.measure)
            if included
            else None
        )
        records.append(
            {
                **naming(row),
                "unit": row.unit,
                "value_2022": row.value_2022,
                "value_2023": row.value_2023,
                "increment_2023": row.value_2023 - row.value_2022,
                "growth_2023": row.growth_2023,
                "momentum": factor,
                "projected_2024": value if included else math.nan,
                "capped": capped,
                "included": included,
                "exclusion": LEFT_OUT.get(row.indicator, ""),
                "target_2024": row.target_2024,
                "target_bound": bound,
                "meets": meets_target,
                "margin": value - row.target_2024 if included else math.nan,
                "margin_pct": growth_pct(value, row.target_2024) if included else math.nan,
            }
        )
    result = pd.DataFrame.from_records(records)
    result["meets"] = result["meets"].astype("boolean")
    return sort_in_report_order(result, frame)


@dataclass(frozen=True)
class ScenarioFacts:
    """What the momentum scenario says, counted once for the chart title and the prose:
    ``with_target`` projections judged against a target, ``meets`` of them meeting it, and
    ``left_out`` series the scenario leaves out (``LEFT_OUT``)."""

    momentum: float
    with_target: int
    meets: int
    left_out: int


def scenario_facts(scenario: pd.DataFrame | None = None) -> ScenarioFacts:
    """Count ``momentum_scenario()`` (or ``scenario``)."""
    scenario = momentum_scenario() if scenario is None else scenario
    judged = scenario[scenario["meets"].notna()]
    return ScenarioFacts(
        momentum=float(scenario["momentum"].iloc[0]) if len(scenario) else math.nan,
        with_target=len(judged),
        meets=int(judged["meets"].astype(bool).sum()),
        left_out=int((~scenario["included"].astype(bool)).sum()),
    )
