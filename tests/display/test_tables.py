"""The theme page's results-against-targets section: a table, or a sentence where there is
nothing to pair (never an empty table under its heading)."""

import pandas as pd
import pytest

import zzreport
from zzreport.display import tables
from zzreport.words import text


@pytest.fixture(scope="module")
def pairs() -> pd.DataFrame:
    return zzreport.target_pairs()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_theme_without_pairs_gets_a_sentence_not_an_empty_table(pairs, lang) -> None:
    shown = tables.pairs_or_note(pairs.iloc[0:0], lang)
    assert not isinstance(shown, pd.DataFrame)
    assert shown.data == text.label("pairs_none", lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_theme_with_pairs_gets_their_table(pairs, lang) -> None:
    some = pairs[pairs["section"] == pairs["section"].iloc[0]]
    shown = tables.pairs_or_note(some, lang)
    assert isinstance(shown, pd.DataFrame) and len(shown) == len(some)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_level_target_asks_a_signed_change_not_an_amount(lang) -> None:
    """04's first table: a level's increment, asked or delivered, carries its sign, so a
    target below 2023 reads as a fall, not as a negative amount (graduates: -27,000 people
    read as a negative target)."""
    required = zzreport.required_growth()
    table = tables.required_table(required, lang)  # one row per target, in the same order
    asked = list(table[text.label("asked", lang)])
    levels = required["kind"].to_numpy() != "rate"
    for cell, value in zip(
        [a for a, level in zip(asked, levels, strict=True) if level],
        required.loc[levels, "increment_required"],
        strict=True,
    ):
        if value > 0:
            assert cell.startswith("+"), cell
        elif value < 0:
            assert cell.startswith("-"), cell
    increments = required.loc[levels, "increment_required"]
    assert (increments < 0).any() and (increments > 0).any()
