"""The shared frame helpers: growth arithmetic and report order."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import zzreport
from zzreport.findings.frames import growth_pct, implied_previous, sort_in_report_order


def test_indicators_the_report_does_not_state_sort_after_its_last_row() -> None:
    """Within a theme, the report's indicators keep the text's order and one it does not
    state (an external indicator) comes after all of them, even the last rows'."""
    frame = zzreport.load_indicators()
    last = frame.iloc[-1]
    earlier = frame[
        (frame["section"] == last["section"]) & (frame["indicator"] != last["indicator"])
    ]
    first = earlier.iloc[0]
    result = pd.DataFrame(
        {
            "indicator": ["not_in_the_report", last["indicator"], first["indicator"]],
            "section": [last["section"]] * 3,
        }
    )
    ordered = sort_in_report_order(result, frame)
    assert list(ordered["indicator"]) == [
        first["indicator"],
        last["indicator"],
        "not_in_the_report",
    ]


def test_growth_pct_edge_cases() -> None:
    assert growth_pct(110, 100) == pytest.approx(10)
    assert math.isnan(growth_pct(5, 0))  # zero base
    assert math.isnan(growth_pct(5, -2))  # negative base
    assert math.isnan(growth_pct(5, math.nan))  # missing base
    assert math.isnan(growth_pct(math.nan, 5))


def test_implied_previous_edge_cases() -> None:
    assert implied_previous(150, 50) == pytest.approx(100)
    assert implied_previous(45, 350) == pytest.approx(10)  # 3.5-fold growth: ×4.5
    assert math.isnan(implied_previous(10, -100))
    assert math.isnan(implied_previous(math.nan, 5))
