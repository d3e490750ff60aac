"""Every figure traces to the report, and every number of the report is in the data."""

from __future__ import annotations

import re

import pytest

from zzreport import load_indicators, source_text
from zzreport.provenance import EXCLUSIONS, number_occurrences, numbers_stated


def quote_spans(quote: str, source: str) -> list[tuple[int, int]]:
    return [(m.start(), m.start() + len(quote)) for m in re.finditer(re.escape(quote), source)]


def test_every_quote_is_a_verbatim_span_of_the_source() -> None:
    source = source_text()
    missing = [row.quote for row in load_indicators().itertuples() if row.quote not in source]
    assert missing == []


def test_every_value_is_stated_in_its_quote() -> None:
    frame = load_indicators().dropna(subset=["value"])
    wrong = [
        (row.indicator, row.value, row.quote)
        for row in frame.itertuples()
        if row.value not in numbers_stated(row.quote)
    ]
    assert wrong == []


def test_every_number_in_the_source_is_captured_where_it_stands() -> None:
    """Each occurrence of a number lies inside the quote of a row whose value equals it."""
    source = source_text()
    covering: dict[int, set[float]] = {}
    for row in load_indicators().dropna(subset=["value"]).itertuples():
        for start, end in quote_spans(row.quote, source):
            for position in range(start, end):
                covering.setdefault(position, set()).add(row.value)
    uncaptured = []
    for start, end, number in number_occurrences(source):
        fold_value = number * 100 if source[end : end + 1] == "倍" else None
        values = covering.get(start, set())
        if number not in values and fold_value not in values:
            uncaptured.append((source[max(0, start - 12) : end + 6], number))
    assert uncaptured == []


def test_the_scan_sees_the_numbers_it_should() -> None:
    # Guards the scanner itself: a regex that found nothing would make the test above vacuous.
    found = {value for _, _, value in number_occurrences(source_text())}
    assert {7.4, 2918.1, 3.5, 12.65, 89.28} <= found
    assert 2023.0 not in found  # years are dates, excluded


@pytest.mark.parametrize("exclusion", EXCLUSIONS, ids=lambda e: e.reason)
def test_each_exclusion_matches_the_source(exclusion) -> None:
    assert re.search(exclusion.pattern, source_text()), exclusion.pattern


def test_fold_growth_is_recorded_as_hundreds_of_percent() -> None:
    assert numbers_stated("增长3.5倍") == {3.5, 350.0}
    frame = load_indicators()
    fold_rows = frame[frame["quote"].str.contains("倍")]
    assert not fold_rows.empty
    for row in fold_rows.itertuples():
        multiple = float(re.search(r"(\d+(?:\.\d+)?)倍", row.quote).group(1))
        assert row.value == multiple * 100
        assert "N-fold" in row.note
