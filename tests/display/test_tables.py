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
