"""Loading and validating the data set. Every problem becomes a ``DataError`` that names the
file, the CSV line, the column, the bad value and what was expected."""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

import pandas as pd

from zzreport.data import memo, paths, schema
from zzreport.data.provenance import (
    DerivationError,
    decimals,
    derivation_operands,
    evaluate_derivation,
    is_url,
    numbers_in,
    numbers_stated,
    stated_with_conversion,
)

MAX_REPORTED_PROBLEMS = 20
DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")

Row = dict[str, str]
Problem = Callable[[str, str], str]


class DataError(ValueError):
    """Invalid data: the message names the file, line, column, value and what was expected."""


def source_text() -> str:
    """The raw report, exactly as received (UTF-8)."""
    return _read_source(str(paths.RAW_REPORT))


@lru_cache(maxsize=4)
def _read_source(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def load_indicators(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Read ``data/indicators.csv`` (or ``path``), validate it and return typed columns.

    Vocabularies (section, status, measure, bound) are categoricals, ``year`` is an integer and
    ``value`` a float (NaN only for targets the report states without a number). The file is
    parsed once per process and cached by path, size and modification time; each call returns
    a copy, so callers may modify what they get.
    """
    return _load(path, paths.INDICATORS_CSV, "indicators")


def load_external(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Read ``data/external/external_figures.csv`` (or ``path``): figures from outside the report.

    Same validation, types and caching as ``load_indicators``, with the columns ``geo``,
    ``period``, ``source_url``, ``source``, ``published`` and ``quality`` besides. Every value
    must be stated in its quote (a fall as a negative number; a unit conversion recorded in the
    note as ``"825,000 tonnes = 82.5万吨"``).
    """
    return _load(path, paths.EXTERNAL_CSV, "external")


def _load(path: str | os.PathLike[str] | None, default: Path, table: str) -> pd.DataFrame:
    resolved = Path(path if path is not None else default).resolve()
    try:
        stat = resolved.stat()
    except OSError as error:
        raise DataError(f"{resolved}: cannot read the file ({error.strerror})") from None
    return _load_cached(str(resolved), stat.st_size, stat.st_mtime_ns, table).copy()


@memo.keep  # keyed on the file's size and time; _load hands out copies
@lru_cache(maxsize=8)
def _load_cached(path: str, size: int, mtime_ns: int, table: str) -> pd.DataFrame:
    spec, checks = TABLES[table]
    rows = _parse(Path(path), spec)
    problems = list(_validate(Path(path), rows, spec, checks))
    if table == "external":
        problems += list(_check_ranges(Path(path), rows))
    if problems:
        shown = problems[:MAX_REPORTED_PROBLEMS]
        more = len(problems) - len(shown)
        suffix = f"\n… and {more} more" if more else ""
        raise DataError(f"{len(problems)} problem(s) in the data:\n" + "\n".join(shown) + suffix)
    return _to_frame(rows, spec)


def _parse(path: Path, spec: schema.Table) -> list[Row]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(
            f"{path}, line {line}: the file is not UTF-8 (byte {error.start} cannot be decoded); "
            "expected a UTF-8 CSV file"
        ) from None
    if not text.strip():
        raise DataError(
            f"{path}: the file is empty; expected a header row with the columns "
            f"{', '.join(spec.columns)}"
        )
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
        _check_header(path, header, spec)
        rows = []
        for fields in reader:
            if not any(field.strip() for field in fields):
                continue
            if len(fields) != len(header):
                raise DataError(
                    f"{path}, line {reader.line_num}: {len(fields)} fields, expected "
                    f"{len(header)} ({', '.join(header)})"
                )
            record = dict(zip(header, fields, strict=False))
            record["_line"] = str(reader.line_num)
            rows.append(record)
    except csv.Error as error:
        raise DataError(f"{path}, line {reader.line_num}: not valid CSV ({error})") from None
    if not rows:
        raise DataError(f"{path}: the file has a header but no data rows")
    return rows


def _check_header(path: Path, header: list[str], spec: schema.Table) -> None:
    missing = [column for column in spec.columns if column not in header]
    unknown = [column for column in header if column not in spec.columns]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            parts.append(f"unknown column(s) {', '.join(unknown)}")
        raise DataError(
            f"{path}, line 1: {'; '.join(parts)}; expected exactly the columns "
            f"{', '.join(spec.columns)}"
        )
    if len(set(header)) != len(header):
        raise DataError(f"{path}, line 1: a column name is repeated in the header")


RowCheck = Callable[[Row, Problem, str], Iterable[str]]


def _validate(
    path: Path, rows: list[Row], spec: schema.Table, checks: tuple[RowCheck, ...]
) -> Iterable[str]:
    seen: dict[tuple[str, ...], str] = {}
    vocabularies = {field.name: field.enum for field in spec.fields if field.enum}
    for row in rows:
        where = f"{path}, line {row['_line']}"

        def problem(column: str, expected: str) -> str:
            return f"{where}, column {column}: {row[column]!r} — expected {expected}"

        for field in spec.fields:
            if field.required and not row[field.name].strip():
                yield f"{where}, column {field.name}: empty — expected a value"
        for column, allowed in vocabularies.items():
            if row[column] and row[column] not in allowed:
                yield problem(column, f"one of {', '.join(allowed)}")
        if row["indicator"] and not re.match(schema.SLUG_PATTERN, row["indicator"]):
            yield problem("indicator", "a snake_case slug such as gdp or vehicle_output")
        yield from _check_direction(row, problem)
        yield from _check_year(row, problem)
        for check in checks:
            yield from check(row, problem, where)
        key = tuple(row[column] for column in spec.primary_key)
        if key in seen:
            yield (
                f"{where}: duplicate ({', '.join(spec.primary_key)}) = {key}, "
                f"first seen on line {seen[key]}; expected each combination once"
            )
        else:
            seen[key] = row["_line"]


def _check_year(row: Row, problem: Problem) -> Iterable[str]:
    low, high = schema.YEAR_RANGE
    try:
        year = int(row["year"])
    except ValueError:
        if row["year"].strip():
            yield problem("year", "a whole number such as 2024")
        return
    if not low <= year <= high:
        yield problem("year", f"a year from {low} to {high}")


def _number(row: Row, problem: Problem) -> tuple[float | None, list[str]]:
    """The row's value as a float, or the problems that prevent it."""
    try:
        value = float(row["value"].strip())
    except ValueError:
        return None, [problem("value", "a number such as 7.4 (no units or thousands separators)")]
    if not math.isfinite(value):
        return None, [problem("value", "a finite number")]
    return value, []


def _check_report_value(row: Row, problem: Problem, where: str) -> Iterable[str]:
    """A report figure: a number stated in its quote, or an unquantified target."""
    value_text, bound = row["value"].strip(), row["bound"].strip()
    if not value_text:
        if bound:
            yield problem("bound", "empty, because value is empty (a target without a number)")
        if row["status"] == "actual":
            yield f"{where}, column value: empty — expected a number (only targets may lack one)"
        if not row["note"].strip():
            yield f"{where}, column note: empty — expected a note saying why value is empty"
        return
    value, problems = _number(row, problem)
    yield from problems
    if value is None:
        return
    if not bound:
        yield f"{where}, column bound: empty — expected one of {', '.join(schema.BOUNDS)}"
    if row["measure"] == "growth" and row["unit"] != "%":
        yield problem("unit", "% for a growth rate")
    if row["quote"] and value not in numbers_stated(row["quote"]):
        yield problem("value", f"a number the quote states ({row['quote']!r})")


#: The only direction each one-sided bound allows.
BOUND_DIRECTIONS: dict[str, str] = {"at_least": "up", "at_most": "down"}


def _check_direction(row: Row, problem: Problem) -> Iterable[str]:
    """A target with a number says which way is better; nothing else does."""
    direction, bound = row["direction"].strip(), row["bound"].strip()
    if row["status"] != "target" or not row["value"].strip():
        if direction:
            yield problem("direction", "empty: only a target with a number has a direction")
        return
    if not direction:
        yield problem(
            "direction",
            f"one of {', '.join(schema.DIRECTIONS)} for a target "
            "(which way is better, read from its wording)",
        )
    elif bound in BOUND_DIRECTIONS and direction != BOUND_DIRECTIONS[bound]:
        yield problem("direction", f"{BOUND_DIRECTIONS[bound]} for a target bound {bound}")


def _check_report_quote(row: Row, problem: Problem, where: str) -> Iterable[str]:
    if row["quote"] and row["quote"] not in source_text():
        yield problem("quote", f"a verbatim span of {paths.RAW_REPORT.name}")


def _check_external_value(row: Row, problem: Problem, where: str) -> Iterable[str]:
    if not row["value"].strip():
        return  # reported as an empty required field
    value, problems = _number(row, problem)
    yield from problems
    if value is None:
        return
    if row["measure"] == "growth" and row["unit"] != "%":
        yield problem("unit", "% for a growth rate")
    if row["derivation"].strip():
        yield from _check_derivation(row, value, problem)
    elif row["quote"] and not stated_with_conversion(value, row["unit"], row["quote"], row["note"]):
        yield problem(
            "value",
            "a number the quote states, or a conversion recorded in note "
            "such as '825,000 tonnes = 82.5万吨'",
        )


def _check_derivation(row: Row, value: float, problem: Problem) -> Iterable[str]:
    """A derived value: arithmetic on numbers the quote states that gives ``value`` to the
    decimals it is written with."""
    expression = row["derivation"].strip()
    stated = numbers_in(row["quote"])
    missing = [
        f"{operand:g}" for operand in derivation_operands(expression) if operand not in stated
    ]
    if missing:
        yield problem(
            "derivation",
            f"arithmetic on numbers the quote states; {', '.join(missing)} not in the quote",
        )
        return
    try:
        result = evaluate_derivation(expression)
    except DerivationError as error:
        yield problem("derivation", f"arithmetic on stated numbers ({error})")
        return
    places = decimals(row["value"])
    if round(result, places) != round(value, places):
        yield problem(
            "derivation",
            f"arithmetic that gives value {row['value']} (it gives {result:.{places + 2}f})",
        )


def _check_period(row: Row, problem: Problem, where: str) -> Iterable[str]:
    try:
        kind = schema.period_kind(row["period"])
    except ValueError:
        if row["period"].strip():
            yield problem(
                "period",
                "year, a quarter (Q1–Q4), a half (H1, H2), a range such as Q1-Q3 or "
                "Jan-Jul that ends after it starts, or whole years such as 2022-2024",
            )
        return
    if kind != "years":
        return
    try:
        first, last = schema.period_years(row["period"])
    except ValueError:
        yield problem("period", "whole years that end after they start, such as 2022-2024")
        return
    if row["year"].strip() and str(last) != row["year"].strip():
        yield problem(
            "period", f"years ending in the row's year {row['year']} ({first}-{row['year']})"
        )


def _check_external_source(row: Row, problem: Problem, where: str) -> Iterable[str]:
    if row["source_url"] and not is_url(row["source_url"]):
        yield problem("source_url", "an http(s) address without spaces, quotes or angle brackets")
    if row["published"] and not DATE.match(row["published"]):
        yield problem("published", "a date as YYYY-MM or YYYY-MM-DD, or empty")


def _check_release(row: Row, problem: Problem, where: str) -> Iterable[str]:
    """An outcome says which release it is; a target says none."""
    release = row["release"].strip()
    if row["status"] == "actual" and not release:
        yield f"{where}, column release: empty — expected one of {', '.join(schema.RELEASES)}"
    elif row["status"] == "target" and release:
        yield problem("release", "empty: a target is not a release of statistics")


#: The words of the register's note that mark one end of a range target (7%–7.5%).
RANGE_NOTE = "range target"


def _check_ranges(path: Path, rows: list[Row]) -> Iterable[str]:
    """Each end of a range target (a floor row and a ceiling row of one figure, their notes
    saying ``range target``) has its other end: same place, indicator, year, period, measure
    and address, the opposite bound, and the floor below the ceiling."""

    def key(row: Row) -> tuple[str, ...]:
        return tuple(
            row[c] for c in ("geo", "indicator", "year", "period", "measure", "source_url")
        )

    ends = [r for r in rows if r["status"] == "target" and RANGE_NOTE in r["note"]]
    for row in ends:
        where = f"{path}, line {row['_line']}"
        if row["bound"] not in ("at_least", "at_most"):
            yield (
                f"{where}, column bound: {row['bound']!r} — expected at_least or at_most for "
                "one end of a range target"
            )
            continue
        other = "at_most" if row["bound"] == "at_least" else "at_least"
        partners = [r for r in ends if key(r) == key(row) and r["bound"] == other]
        if len(partners) != 1:
            yield (
                f"{where}: one end ({row['bound']}) of a range target with "
                f"{len(partners)} other ends; expected exactly one {other} row with the same "
                "geo, indicator, year, period, measure and source_url"
            )
            continue
        floor, ceiling = (row, partners[0]) if other == "at_most" else (partners[0], row)
        try:
            low, high = float(floor["value"]), float(ceiling["value"])
        except ValueError:
            continue  # reported as a bad value
        if low >= high:
            yield (
                f"{where}, column value: a range target from {floor['value']} to "
                f"{ceiling['value']} — expected the floor below the ceiling"
            )


TABLES: dict[str, tuple[schema.Table, tuple[RowCheck, ...]]] = {
    "indicators": (schema.INDICATORS, (_check_report_value, _check_report_quote)),
    "external": (
        schema.EXTERNAL,
        (_check_external_value, _check_external_source, _check_period, _check_release),
    ),
}


def _to_frame(rows: list[Row], spec: schema.Table) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=list(spec.columns))
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = pd.to_numeric(frame["value"].replace("", None), errors="raise").astype(
        "float64"
    )
    for field in spec.fields:
        if field.enum:
            values = frame[field.name].replace("", None)
            frame[field.name] = pd.Categorical(
                values, categories=list(field.enum), ordered=field.name == "section"
            )
    return frame
