"""The report at a glance: how many figures, targets and stretch targets it states."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from zzreport.data.load import load_indicators
from zzreport.findings.pairs import target_pairs
from zzreport.findings.verdicts import ABOUT_TOLERANCE_PP, ABOUT_TOLERANCE_RELATIVE, meets  # noqa: F401

#: The report's mark of a stretch target (力争), found in a target's note.
STRETCH_MARK = "力争"


@dataclass(frozen=True)
class GlanceFacts:
    """What the report states, counted (notebook 01): its figures, 2023 results and 2024
    targets, targets without a number or marked 力争, and the result–target pairs."""

    figures: int
    results: int
    targets: int
    unquantified: int
    stretch: int
    pairs: int
    indicators: int
    comparable: int


def glance_facts(
    frame: pd.DataFrame | None = None, pairs: pd.DataFrame | None = None
) -> GlanceFacts:
    """Count the report's figures (``frame`` defaults to ``load_indicators()``, ``pairs`` to
    ``target_pairs()``)."""
    frame = load_indicators() if frame is None else frame
    pairs = target_pairs() if pairs is None else pairs
    targets = frame[frame["status"] == "target"]
    return GlanceFacts(
        figures=len(frame),
        results=int((frame["status"] == "actual").sum()),
        targets=len(targets),
        unquantified=int(targets["value"].isna().sum()),
        stretch=int(targets["note"].str.contains(STRETCH_MARK).sum()),
        pairs=len(pairs),
        indicators=int(pairs["indicator"].nunique()),
        comparable=int(pairs["comparable"].sum()),
    )
