"""Shared helpers for the findings: the years, growth arithmetic, and reading the tidy table
in report order (by theme, then by the indicator's first row in ``data/indicators.csv``).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

ACTUAL_YEAR, TARGET_YEAR = 2023, 2024

#: The pandemic years of the panel, shown in and out of every multi-year reading. 2022 was
#: also Zhengzhou's lockdown year (``LOCKDOWN_YEAR``).
PANDEMIC_YEARS: tuple[int, ...] = (2020, 2022)

#: The one "similar" band of the project, for rates: within this many percentage points of
#: the yardstick a target counts as asking for about the same. Why 1 point: it is twice the
#: 0.5-point tolerance the verdicts give a 左右 target (``verdicts.ABOUT_TOLERANCE_PP``), and it is
#: the size of a revision the register records (2022 GDP growth, first about 2%, later 1.0%):
#: a difference smaller than a routine revision says nothing about ambition. 02's direction of
#: travel, 04's difficulty classes and the ratchet all use it.
SIMILAR_BAND_PP = 1.0

#: The fewest cases a mean, ratio, share or "asymmetry" may rest on, everywhere in the project:
#: below it, a finding lists its cases instead. A test scans the facts functions' outputs.
MIN_CASES = 3


def growth_pct(new: float, old: float) -> float:
    """Percentage growth from ``old`` to ``new``; NaN when the base is zero, negative or missing."""
    if pd.isna(new) or pd.isna(old) or old <= 0:
        return math.nan
    return (new / old - 1.0) * 100.0


def geometric_mean_growth(rates: list[float]) -> float:
    """The average growth, in %, of a run of yearly rates in %: the geometric mean of the growth
    factors, (Π(1 + g/100))^(1/n) − 1. NaN when the run is empty or any rate is missing or at
    or below −100 %."""
    if not len(rates) or any(pd.isna(g) or g <= -100.0 for g in rates):
        return math.nan
    factor = float(np.prod([1 + g / 100 for g in rates])) ** (1 / len(rates))
    return (factor - 1) * 100


def implied_previous(level: float, growth: float) -> float:
    """The previous year's level implied by a level and its stated growth in %.

    NaN when the growth is −100 % or less (no positive previous level is consistent with it).
    """
    if pd.isna(level) or pd.isna(growth) or growth <= -100.0:
        return math.nan
    return level / (1.0 + growth / 100.0)


def classify(value: float, thresholds: tuple[tuple[float, str], ...]) -> str | None:
    """The label of the first threshold ``value`` does not exceed; None for NaN."""
    if pd.isna(value):
        return None
    return next(label for limit, label in thresholds if value <= limit)


def _report_order(frame: pd.DataFrame) -> dict[str, int]:
    """Each indicator's first row number in the data file (the text's order)."""
    first: dict[str, int] = {}
    for number, indicator in zip(frame.index, frame["indicator"], strict=True):
        first[indicator] = min(first.get(indicator, number), number)
    return first


def rows_of(frame: pd.DataFrame, year: int, status: str) -> pd.DataFrame:
    return frame[(frame["year"] == year) & (frame["status"] == status)]


def naming(row) -> dict[str, object]:
    """The columns that name an indicator in every result table (slug, theme, names, measure),
    copied from a row of the data."""
    return {
        "indicator": row.indicator,
        "section": row.section,
        "name_zh": row.name_zh,
        "name_en": row.name_en,
        "measure": row.measure,
    }


def sort_in_report_order(result: pd.DataFrame, frame: pd.DataFrame, *extra: str) -> pd.DataFrame:
    """Sort by theme, then by each indicator's first row in the data file, then ``extra``."""
    order = _report_order(frame)
    # Indicators the report does not state (external ones) sort after those it does: after
    # its last row, not after the number of indicators (which is smaller).
    result = result.assign(
        _order=result["indicator"].map(order).fillna(max(order.values(), default=-1) + 1),
        section=result["section"].astype(frame["section"].dtype),
    )
    keys = ["section", "_order", *extra]
    return result.sort_values(keys, kind="stable").drop(columns="_order").reset_index(drop=True)


def lookup(frame: pd.DataFrame, indicator: str, year: int, status: str, measure: str) -> float:
    match = frame[
        (frame["indicator"] == indicator)
        & (frame["year"] == year)
        & (frame["status"] == status)
        & (frame["measure"] == measure)
    ]
    if match.empty:
        raise KeyError(f"no {status} {measure} row for {indicator!r} in {year}")
    return float(match["value"].iloc[0])


#: The lockdown year: a target missed in it says little about how targets respond to misses.
LOCKDOWN_YEAR = ACTUAL_YEAR - 1
