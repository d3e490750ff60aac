"""Helpers shared by the findings tests: expected values read from the raw files, not
through the loader, and rows picked from a finding's frame."""

from __future__ import annotations

import csv
import math
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


GDP_NAMES = {"地区生产总值", "国内生产总值"}


def raw_gdp(geo: str, year: int, status: str) -> list[dict[str, str]]:
    """The raw register's GDP growth rows (whole year) of ``geo`` in ``year``, read with csv."""
    with (paths.RAW_DIR / "external_figures.csv").open(encoding="utf-8", newline="") as handle:
        return [
            r
            for r in csv.DictReader(handle)
            if r["geo"] == geo
            and r["name_zh"] in GDP_NAMES
            and r["year"] == str(year)
            and r["status"] == status
            and r["measure"] == "growth"
            and r["period"] == "year"
        ]


def best_target(rows: list[dict[str, str]]) -> float:
    """The value of the best-graded of ``rows`` (the first of equals)."""
    grades = ("official", "state_media", "mirror", "low")
    return float(min(rows, key=lambda r: grades.index(r["quality"]))["value"])


GRADES = ("official", "state_media", "mirror", "low")


def raw_target(geo: str, year: int) -> float:
    """The target point: the report for its own year; a range's midpoint; else the
    best-graded row."""
    if (geo, year) == ("zhengzhou", 2024):
        return stated(r"地区生产总值增长(\d+)%左右")
    rows = raw_gdp(geo, year, "target")
    if not rows:
        return math.nan
    ends = [r for r in rows if "range target" in r["note"]]
    if ends:
        return sum(float(r["value"]) for r in ends) / len(ends)
    return float(min(rows, key=lambda r: GRADES.index(r["quality"]))["value"])


def raw_result(geo: str, year: int) -> float:
    """The result graded sources state: every row better than low agrees in the register's
    panel years, so there is one value (NaN where only low-grade pages state one)."""
    values = {float(r["value"]) for r in raw_gdp(geo, year, "actual") if r["quality"] != "low"}
    assert len(values) <= 1, (geo, year, values)
    return values.pop() if values else math.nan
