"""The external figures: kept verbatim, tidied without change, every value traceable."""

from __future__ import annotations

import csv
import hashlib
import json

import pandas as pd
import pytest

from zzreport import DataError, load_external, load_indicators, paths, schema
from zzreport.provenance import stated_with_conversion
from tests.conftest import write_rows

RAW = paths.RAW_DIR / "external_figures.csv"
SHARED = paths.PROJECT_ROOT.parent / "shared" / "sources" / "external_figures.csv"


def raw_rows() -> list[dict[str, str]]:
    with RAW.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def tidy_rows() -> list[dict[str, str]]:
    with paths.EXTERNAL_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_raw_copy_matches_its_checksum() -> None:
    meta = json.loads((paths.RAW_DIR / "external_figures.meta.json").read_text(encoding="utf-8"))
    assert hashlib.sha256(RAW.read_bytes()).hexdigest() == meta["sha256"]


def test_raw_copy_is_byte_identical_to_the_shared_register() -> None:
    if not SHARED.exists():
        pytest.skip(f"{SHARED} is not beside this clone (CI always has it)")
    assert RAW.read_bytes() == SHARED.read_bytes()


def test_tidy_table_changes_nothing_but_adds_indicator_and_section() -> None:
    raw, tidy = raw_rows(), tidy_rows()
    assert len(raw) == len(tidy)
    for before, after in zip(raw, tidy):
        assert {k: v for k, v in after.items() if k not in ("indicator", "section")} == before


def test_every_row_has_its_quote_and_address() -> None:
    frame = load_external()
    assert (frame["quote"].str.len() >= 5).all()
    assert frame["source_url"].str.match(r"^https?://").all()
    assert (frame["source"].str.len() > 0).all()


def test_every_value_appears_in_its_quote() -> None:
    frame = load_external()
    for row in frame.itertuples():
        assert stated_with_conversion(row.value, row.unit, row.quote, row.note), row


def test_conversions_are_noted_on_the_row() -> None:
    frame = load_external()
    from zzreport.provenance import numbers_stated
    converted = [row for row in frame.itertuples()
                 if abs(row.value) not in numbers_stated(row.quote)]
    assert converted, "the register has at least one unit conversion (825,000 tonnes)"
    for row in converted:
        assert "=" in row.note, row


def test_indicators_share_the_report_slugs() -> None:
    report = set(load_indicators()["indicator"])
    external = set(load_external()["indicator"])
    assert {"gdp", "industrial_value_added", "nev_output", "airport_cargo"} <= report & external
    assert external - report == {"consumer_prices"}


def test_typed_like_the_report_table() -> None:
    frame = load_external()
    assert list(frame.columns) == list(schema.EXTERNAL.columns)
    for column in ("geo", "quality", "period", "status", "measure", "bound"):
        assert isinstance(frame[column].dtype, pd.CategoricalDtype)


@pytest.mark.parametrize("column, value, expected", [
    ("geo", "beijing", "one of zhengzhou, henan, china"),
    ("quality", "rumour", "one of official, state_media, mirror, low"),
    ("source_url", "zhengzhou.gov.cn", "an http(s) address"),
    ("published", "Feb 2025", "YYYY-MM"),
    ("value", "7.9", "a number the quote states"),
    ("period", "Q5", "one of year, H1"),
])
def test_bad_external_rows_are_refused_with_file_line_column(tmp_path, column, value,
                                                              expected) -> None:
    rows = [dict(r) for r in tidy_rows()]
    rows[0][column] = value
    path = write_rows(tmp_path / "external.csv", rows, list(schema.EXTERNAL.columns))
    with pytest.raises(DataError) as caught:
        load_external(path)
    message = str(caught.value)
    for fragment in (str(path), "line 2", f"column {column}", repr(value), expected):
        assert fragment in message


def test_external_missing_column(tmp_path) -> None:
    columns = [c for c in schema.EXTERNAL.columns if c != "quality"]
    path = write_rows(tmp_path / "external.csv", tidy_rows(), columns)
    with pytest.raises(DataError, match="missing column\\(s\\) quality"):
        load_external(path)
