"""load_indicators: typed, cached, and every kind of bad input refused with a precise message."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from tests.helpers import write_rows
from zzreport import DataError, load_indicators
from zzreport.data import paths, schema

ROW = 5  # an ordinary row (a 2023 growth figure); CSV line = ROW + 2
LINE = f"line {ROW + 2}"


def refuse(path: Path, *fragments: str) -> str:
    with pytest.raises(DataError) as caught:
        load_indicators(path)
    message = str(caught.value)
    for fragment in (str(path), *fragments):
        assert fragment in message, f"{fragment!r} not in {message!r}"
    return message


# --- the real data -------------------------------------------------------------------------


def test_types_and_categories() -> None:
    frame = load_indicators()
    assert list(frame.columns) == list(schema.COLUMNS)
    assert frame["year"].dtype == "int64"
    assert frame["value"].dtype == "float64"
    for field in schema.FIELDS:
        if field.enum:
            assert isinstance(frame[field.name].dtype, pd.CategoricalDtype)
            assert list(frame[field.name].cat.categories) == list(field.enum)
    assert frame["section"].cat.ordered


def test_no_missing_values_where_none_are_allowed() -> None:
    frame = load_indicators()
    for field in schema.FIELDS:
        if field.required:
            assert frame[field.name].notna().all(), field.name
            if frame[field.name].dtype == object or pd.api.types.is_string_dtype(frame[field.name]):
                assert (frame[field.name].astype(str).str.strip() != "").all(), field.name


def test_round_trip_matches_the_csv(real_rows) -> None:
    frame = load_indicators()
    assert len(frame) == len(real_rows)
    for row, record in zip(frame.itertuples(), real_rows, strict=False):
        assert row.indicator == record["indicator"]
        assert row.year == int(record["year"])
        if record["value"]:
            assert row.value == float(record["value"])
        else:
            assert pd.isna(row.value) and pd.isna(row.bound)


def test_unquantified_targets_are_kept_without_inventing_a_number() -> None:
    frame = load_indicators()
    unquantified = frame[frame["value"].isna()]
    assert set(unquantified["indicator"]) == {"disposable_income_per_capita", "trade_value"}
    assert (unquantified["status"] == "target").all()
    assert unquantified["bound"].isna().all()
    assert unquantified["note"].str.contains("Unquantified").all()


def test_every_section_appears_and_years_are_the_report_years() -> None:
    frame = load_indicators()
    assert set(frame["section"]) == set(schema.SECTIONS)
    assert set(zip(frame["year"], frame["status"], strict=False)) == {
        (2023, "actual"),
        (2024, "target"),
    }


def test_works_from_any_working_directory(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert len(load_indicators()) > 100


def test_cached_and_returns_independent_copies() -> None:
    first = load_indicators()
    first.loc[0, "value"] = -1.0
    second = load_indicators()
    assert second.loc[0, "value"] != -1.0


def test_cache_notices_an_edited_file(tmp_path, real_rows) -> None:
    path = write_rows(tmp_path / "indicators.csv", real_rows)
    assert len(load_indicators(path)) == len(real_rows)
    write_rows(path, real_rows[:10])
    # Make sure the modification time moves even on coarse-grained file systems.
    later = path.stat().st_mtime_ns + 1_000_000_000
    import os

    os.utime(path, ns=(later, later))
    assert len(load_indicators(path)) == 10


# --- bad input: one test per kind -----------------------------------------------------------


def test_missing_file() -> None:
    refuse(Path("/nonexistent/indicators.csv"), "cannot read")


def test_missing_column(tmp_path, real_rows) -> None:
    columns = [c for c in schema.COLUMNS if c != "unit"]
    refuse(write_rows(tmp_path / "x.csv", real_rows, columns), "line 1", "missing column(s) unit")


def test_unknown_column(tmp_path, real_rows) -> None:
    columns = [*schema.COLUMNS, "colour"]
    refuse(write_rows(tmp_path / "x.csv", real_rows, columns), "line 1", "unknown column(s) colour")


def test_value_not_a_number(broken_csv) -> None:
    refuse(broken_csv(ROW, value="7.4%"), LINE, "column value", "'7.4%'", "expected a number")


def test_value_not_finite(broken_csv) -> None:
    refuse(broken_csv(ROW, value="inf"), LINE, "column value", "finite")


@pytest.mark.parametrize("column", ["status", "measure", "bound", "section"])
def test_unknown_vocabulary_value(broken_csv, column) -> None:
    field = next(f for f in schema.FIELDS if f.name == column)
    refuse(
        broken_csv(ROW, **{column: "sometimes"}),
        LINE,
        f"column {column}",
        "'sometimes'",
        f"one of {', '.join(field.enum)}",
    )


@pytest.mark.parametrize("year", ["1999", "2036"])
def test_year_out_of_range(broken_csv, year) -> None:
    refuse(broken_csv(ROW, year=year), LINE, "column year", repr(year), "from 2000 to 2035")


def test_year_not_an_integer(broken_csv) -> None:
    refuse(broken_csv(ROW, year="2023.5"), LINE, "column year", "whole number")


@pytest.mark.parametrize("column", ["unit", "quote", "indicator", "name_en"])
def test_empty_required_text(broken_csv, column) -> None:
    refuse(broken_csv(ROW, **{column: ""}), LINE, f"column {column}", "empty")


def test_quote_not_in_source(broken_csv) -> None:
    refuse(
        broken_csv(ROW, quote="地区生产总值增长9.9%", value="9.9"),
        LINE,
        "column quote",
        "verbatim span",
    )


def test_value_not_stated_in_quote(broken_csv) -> None:
    refuse(broken_csv(ROW, value="3.2"), LINE, "column value", "a number the quote states")


def test_duplicate_key(tmp_path, real_rows) -> None:
    rows = [*real_rows, dict(real_rows[ROW])]
    message = refuse(
        write_rows(tmp_path / "x.csv", rows),
        f"line {len(rows) + 1}",
        "duplicate",
        f"first seen on line {ROW + 2}",
    )
    assert real_rows[ROW]["indicator"] in message


def test_bad_slug(broken_csv) -> None:
    refuse(broken_csv(ROW, indicator="Retail Sales"), LINE, "column indicator", "snake_case")


def test_growth_needs_percent(broken_csv) -> None:
    refuse(broken_csv(ROW, unit="亿元"), LINE, "column unit", "% for a growth rate")


def test_actual_without_value(broken_csv) -> None:
    refuse(broken_csv(ROW, value="", bound=""), LINE, "column value", "only targets")


def test_bound_without_value(broken_csv, real_rows) -> None:
    index = next(i for i, r in enumerate(real_rows) if not r["value"])
    refuse(
        broken_csv(index, bound="about"),
        f"line {index + 2}",
        "column bound",
        "because value is empty",
    )


def test_empty_file(tmp_path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    refuse(path, "empty", "header row")


def test_header_only(tmp_path) -> None:
    path = write_rows(tmp_path / "x.csv", [])
    refuse(path, "no data rows")


def test_not_utf8(tmp_path) -> None:
    path = tmp_path / "gbk.csv"
    text = paths.INDICATORS_CSV.read_text(encoding="utf-8")
    path.write_bytes(text.encode("gb18030"))
    refuse(path, "not UTF-8", "line 2")


def test_not_csv(tmp_path) -> None:
    path = tmp_path / "broken.csv"
    header = ",".join(schema.COLUMNS)
    path.write_text(f'{header}\n"stability",gdp"x,"unclosed\n', encoding="utf-8")
    refuse(path, "line 2")


def test_wrong_number_of_fields(tmp_path) -> None:
    path = tmp_path / "short.csv"
    path.write_text(",".join(schema.COLUMNS) + "\nstability,gdp\n", encoding="utf-8")
    refuse(path, "line 2", f"2 fields, expected {len(schema.COLUMNS)}")


def test_reports_every_problem_not_only_the_first(tmp_path, real_rows) -> None:
    rows = [dict(r) for r in real_rows]
    rows[1]["status"] = "hoped"
    rows[3]["measure"] = "vibes"
    message = refuse(write_rows(tmp_path / "x.csv", rows), "2 problem(s)", "line 3", "line 5")
    assert re.search(r"'hoped'.*'vibes'", message, re.S)


def test_error_is_a_value_error() -> None:
    assert issubclass(DataError, ValueError)


def test_second_call_is_fast() -> None:
    load_indicators()
    # Not a timing assertion (benchmarks measure speed): the cache must be hit, which we observe
    # through the cache's own statistics.
    from zzreport.data.load import _load_cached

    hits = _load_cached.cache_info().hits
    load_indicators()
    assert _load_cached.cache_info().hits == hits + 1
