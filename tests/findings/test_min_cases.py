"""The project's rule, scanned: no mean, ratio or share rests on fewer than MIN_CASES cases.

Every facts function and summary the notebooks show is walked (dataclasses recursively, frames
row by row). A field that averages cases must be registered below with the field that counts
them; where the average is given, the count must reach ``frames.MIN_CASES``. A new ``mean_*``
field that is not registered fails, so the rule cannot be forgotten.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable

import pandas as pd
import pytest

import zzreport
from zzreport.findings.frames import MIN_CASES

#: averaged field -> the field that counts its cases (a number, or a tuple of the cases)
AVERAGES = {
    "mean_gap": "n_years",
    "mean_gap_outside_pandemic": "n_outside_pandemic",
    "mean_change": "n",
    "mean_pass_through": "n",
    "mean_pass_through_same_wording": "n_same_wording",
    "target_premium": "n",
    "delivered_premium": "n",
    "excess": "n",
    "baseline": "base_years",
    "baseline_wide": "wide_years",
}

#: Frames and fields whose ``target_premium`` is one year's premium, not an average.
ONE_YEAR = {"premium_record", "PremiumCase", "PriorCase", "ladder"}


#: Every facts function and summary the notebooks show, by name: each test computes one.
OUTPUTS: dict[str, Callable[[], object]] = {
    "record_summary": zzreport.record_summary,
    "ratchet_summary": zzreport.ratchet_summary,
    "growth_baseline": zzreport.growth_baseline,
    "amplification_facts": zzreport.amplification_facts,
    "peer_facts": lambda: zzreport.peer_facts(2024),
    "henan_targets_facts": zzreport.henan_targets_facts,
    "record_facts": zzreport.record_facts,
    "gdp_record_facts": zzreport.gdp_record_facts,
    "difficulty_facts": zzreport.difficulty_facts,
    "scorecard_facts": zzreport.scorecard_facts,
    "miss_facts": zzreport.miss_facts,
    "hindsight_facts": zzreport.hindsight_facts,
}


def count_of(value: object) -> int:
    return len(value) if isinstance(value, (tuple, list)) else int(value)


def missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def records(name: str, value: object):
    """(where, mapping) for every dataclass and frame row reachable from ``value``."""
    if isinstance(value, pd.DataFrame):
        for i, row in value.iterrows():
            yield f"{name}[{i}]", row.to_dict()
    elif dataclasses.is_dataclass(value):
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        yield type(value).__name__, fields
        for key, item in fields.items():
            yield from records(f"{name}.{key}", item)
    elif isinstance(value, (tuple, list)):
        for i, item in enumerate(value):
            yield from records(f"{name}[{i}]", item)


@pytest.mark.parametrize("name", list(OUTPUTS))
def test_no_average_from_fewer_than_min_cases(name) -> None:
    for where, fields in records(name, OUTPUTS[name]()):
        if any(tag in where for tag in ONE_YEAR):
            continue
        for key, value in fields.items():
            if not key.startswith("mean") and key not in AVERAGES:
                continue
            assert key in AVERAGES, f"{where}.{key}: register the field that counts its cases"
            if missing(value):
                continue
            counter = AVERAGES[key]
            assert counter in fields, f"{where}.{key} has no {counter}"
            assert count_of(fields[counter]) >= MIN_CASES, (where, key, value, fields[counter])


def test_the_scan_fails_on_a_made_up_mean_of_two() -> None:
    @dataclasses.dataclass(frozen=True)
    class Thin:
        mean_gap: float
        n_years: int

    with pytest.raises(AssertionError):
        for where, fields in records("thin", Thin(mean_gap=1.0, n_years=2)):
            assert count_of(fields[AVERAGES["mean_gap"]]) >= MIN_CASES, where
