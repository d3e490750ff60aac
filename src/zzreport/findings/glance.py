"""The report at a glance: how many figures, targets and stretch targets it states."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from zzreport.data.load import load_indicators
from zzreport.findings.pairs import target_pairs

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


@dataclass(frozen=True)
class ThemeFacts:
    """What one of the report's eight themes states (notebook 05): its figures, results and
    targets, the result–target pairs, the largest like-for-like change (``top``, an
    (indicator, measure) key, with ``top_change`` in %) and the figures that carry a note."""

    theme: str
    figures: int
    results: int
    targets: int
    stretch: int
    pairs: int
    indicators: int
    top: tuple[str, str] | None
    top_change: float | None
    noted: int


def theme_facts(frame: pd.DataFrame, pairs: pd.DataFrame, theme: str) -> ThemeFacts:
    """Count what ``theme`` states in ``frame`` (the tidy table) and ``pairs``
    (``target_pairs()``)."""
    part = frame[frame["section"] == theme]
    targets = part[part["status"] == "target"]
    theme_pairs = pairs[pairs["section"] == theme]
    changed = theme_pairs[theme_pairs["comparable"] & theme_pairs["change_pct"].notna()]
    top = changed.loc[changed["change_pct"].abs().idxmax()] if len(changed) else None
    return ThemeFacts(
        theme=theme,
        figures=len(part),
        results=int((part["status"] == "actual").sum()),
        targets=len(targets),
        stretch=int(targets["note"].str.contains(STRETCH_MARK).sum()),
        pairs=len(theme_pairs),
        indicators=int(theme_pairs["indicator"].nunique()),
        top=None if top is None else (str(top["indicator"]), str(top["measure"])),
        top_change=None if top is None else float(top["change_pct"]),
        noted=int((part["note"].str.len() > 0).sum()),
    )
