"""Helpers shared by the findings tests: expected values read from the raw files, not
through the loader, and rows picked from a finding's frame."""

from __future__ import annotations

import csv
import re

import pandas as pd

from zzreport import source_text
from zzreport.data import paths, schema


def external_rows() -> list[dict[str, str]]:
    with open(paths.EXTERNAL_CSV, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def stated(pattern: str) -> float:
    """The number captured by ``pattern`` in the report (exactly one match)."""
    matches = re.findall(pattern, source_text())
    assert len(matches) == 1, (pattern, matches)
    return float(matches[0])


def row(frame: pd.DataFrame, indicator: str, **where: str) -> pd.Series:
    match = frame[frame["indicator"] == indicator]
    for column, value in where.items():
        match = match[match[column] == value]
    assert len(match) == 1, (indicator, where, len(match))
    return match.iloc[0]


def assert_report_order(frame: pd.DataFrame) -> None:
    positions = frame["section"].map({s: i for i, s in enumerate(schema.SECTIONS)}).astype(int)
    assert positions.is_monotonic_increasing


def externals(
    geo: str, name_zh: str, year: int, status: str, measure: str, period: str = "year"
) -> list[dict[str, str]]:
    """The raw register's rows for one figure, read with the csv module (not the loader)."""
    with (paths.RAW_DIR / "external_figures.csv").open(encoding="utf-8", newline="") as handle:
        return [
            r
            for r in csv.DictReader(handle)
            if (r["geo"], r["name_zh"], r["year"], r["status"], r["measure"], r["period"])
            == (geo, name_zh, str(year), status, measure, period)
        ]


def external(
    geo: str, name_zh: str, year: int, status: str, measure: str, period: str = "year"
) -> dict[str, str]:
    """The raw row that leads for a figure: of the best-graded rows, the first listed (the
    register lists a figure's first source first; later rows are second sources)."""
    rows = externals(geo, name_zh, year, status, measure, period)
    assert rows, (geo, name_zh, year, status, measure)
    grades = ("official", "state_media", "mirror", "low")
    return min(rows, key=lambda r: grades.index(r["quality"]))


def target_2023(name_zh: str) -> float:
    """Zhengzhou's 2023 growth target for ``name_zh``, from the raw register."""
    return float(external("zhengzhou", name_zh, 2023, "target", "growth")["value"])
