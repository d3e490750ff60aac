"""The report at a glance and per theme: counts on made-up tables, where every count is known."""

from __future__ import annotations

import pandas as pd

from zzreport.findings.glance import glance_facts, theme_facts


def made_up() -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = pd.DataFrame(
        {
            "section": ["a", "a", "a", "b"],
            "status": ["actual", "target", "target", "target"],
            "value": [1.0, 2.0, None, 3.0],
            "note": ["", "力争", "scope", ""],
        }
    )
    pairs = pd.DataFrame(
        {
            "section": ["a", "a", "b"],
            "indicator": ["x", "y", "z"],
            "measure": ["flow", "growth", "flow"],
            "comparable": [True, True, False],
            "change_pct": [5.0, -8.0, 50.0],
        }
    )
    return frame, pairs


def test_theme_facts_count_one_theme_only() -> None:
    frame, pairs = made_up()
    facts = theme_facts(frame, pairs, "a")
    assert (facts.figures, facts.results, facts.targets, facts.stretch) == (3, 1, 2, 1)
    assert (facts.pairs, facts.indicators, facts.noted) == (2, 2, 2)
    # the largest change by size, of comparable pairs only (z's +50% is not like for like)
    assert facts.top == ("y", "growth") and facts.top_change == -8.0


def test_a_theme_without_pairs_has_no_top_change() -> None:
    frame, pairs = made_up()
    facts = theme_facts(frame, pairs.iloc[0:0], "b")
    assert facts.top is None and facts.top_change is None and facts.pairs == 0


def test_glance_facts_count_unquantified_and_stretch_targets() -> None:
    frame, pairs = made_up()
    facts = glance_facts(frame, pairs)
    assert (facts.figures, facts.results, facts.targets) == (4, 1, 3)
    assert (facts.unquantified, facts.stretch, facts.comparable) == (1, 1, 2)
