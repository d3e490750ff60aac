"""Henan's cities beside Zhengzhou: the spread of their GDP growth targets in the years the
register holds them for most cities, Zhengzhou's place in it, and the few results the register
holds, listed and never counted as a base rate (below ``MIN_CASES`` judged cities or
``MIN_COVERAGE`` of the group). Targets and results are read by ``peers``' rules: one target
per place and year, one headline result, sources counted by address."""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import median

import pandas as pd

from zzreport.data import memo
from zzreport.data.load import load_external
from zzreport.findings.frames import MIN_CASES
from zzreport.findings.peers import (
    CITY,
    HENAN_GROUP,
    MIN_COVERAGE,
    gdp_panel,
    group_members,
    years_with_figures,
)

#: The years whose targets the register holds for most of Henan's cities (all 17 in 2023, 12
#: in 2025; none in 2024).
HENAN_TARGET_YEARS: tuple[int, ...] = (2023, 2025)


@memo.on_data
def henan_targets() -> pd.DataFrame:
    """Henan's cities and the province, in every year the register holds GDP figures for: the
    columns of ``gdp_panel``, one row for every place and year (``complete``: a city without
    a target shows as one), the province first, then Zhengzhou, then the other cities."""
    geos = ("henan", CITY, *group_members(HENAN_GROUP))
    return gdp_panel(tuple(years_with_figures(load_external())), geos=geos, complete=True)


@dataclass(frozen=True)
class TargetValue:
    """One target value set by several cities in one wording (``bound``), highest first."""

    value: float
    bound: str
    geos: tuple[str, ...]


@dataclass(frozen=True)
class TargetSpread:
    """Henan's other cities' GDP growth targets in one year, and Zhengzhou's place among them:
    ``n_above``/``n_equal``/``n_below`` Zhengzhou's (a band at its midpoint), the ``lowest``,
    ``median`` and ``highest`` (NaN below ``MIN_CASES`` targets), each value with the cities
    that set it (``values``; one value in two wordings is two entries), the cities lacking
    one, the province's own target (NaN where the register has none), and the register rows
    and distinct sources behind the cities' targets."""

    year: int
    n_cities: int
    n_with_target: int
    lacking: tuple[str, ...]
    zhengzhou: float
    zhengzhou_bound: str
    n_above: int
    n_equal: int
    n_below: int
    lowest: float
    median: float
    highest: float
    values: tuple[TargetValue, ...]
    province: float
    province_bound: str
    n_rows: int
    n_sources: int


@dataclass(frozen=True)
class CityCase:
    """A result the register holds for one city and year, with its target and verdict where
    there is one (``target`` NaN and ``verdict`` "" without; ``reason`` says why)."""

    geo: str
    year: int
    target: float
    bound: str
    result: float
    verdict: str
    reason: str


@dataclass(frozen=True)
class HenanFacts:
    """Henan's cities: the spread of their targets in each year (``spreads``) and every result
    the register holds for them (``results``). The results are listed, never counted as a
    base rate: ``enough_results`` is True only for a year with ``MIN_CASES`` judged cities
    that are also ``MIN_COVERAGE`` of the group (``n_judged_best``: the most judged in any
    year)."""

    spreads: tuple[TargetSpread, ...]
    results: tuple[CityCase, ...]
    n_cities: int
    n_judged_best: int
    enough_results: bool
    min_cases: int


def _spread(part: pd.DataFrame, year: int, cities: tuple[str, ...]) -> TargetSpread:
    others = part.loc[[g for g in cities if g in part.index]]
    known = others[others["target"].notna()]
    city = part.loc[CITY] if CITY in part.index else None
    zz = math.nan if city is None else float(city["target"])
    values: dict[tuple[float, str], list[str]] = {}
    for geo, row in known.sort_values("target", ascending=False, kind="stable").iterrows():
        values.setdefault((float(row["target"]), str(row["bound"])), []).append(str(geo))
    enough = len(known) >= MIN_CASES
    urls = {u for urls in known["target_urls"] for u in urls}
    province = part.loc["henan"] if "henan" in part.index else None
    return TargetSpread(
        year=int(year),
        n_cities=len(cities),
        n_with_target=len(known),
        lacking=tuple(g for g in cities if g not in known.index),
        zhengzhou=zz,
        zhengzhou_bound="" if city is None else str(city["bound"]),
        n_above=int((known["target"] > zz).sum()),
        n_equal=int((known["target"] == zz).sum()),
        n_below=int((known["target"] < zz).sum()),
        lowest=float(known["target"].min()) if enough else math.nan,
        median=float(median(known["target"])) if enough else math.nan,
        highest=float(known["target"].max()) if enough else math.nan,
        values=tuple(TargetValue(v, b, tuple(g)) for (v, b), g in values.items()),
        province=math.nan if province is None else float(province["target"]),
        province_bound=""
        if province is None or pd.isna(province["bound"])
        else str(province["bound"]),
        n_rows=int(known["n_target_rows"].sum()),
        n_sources=len(urls),
    )


def henan_targets_facts(
    years: tuple[int, ...] = HENAN_TARGET_YEARS, frame: pd.DataFrame | None = None
) -> HenanFacts:
    """The findings of ``henan_targets()`` (or of ``frame``, rows of the same columns); see
    ``HenanFacts``. The spreads are for ``years``; the results are every city result in the
    frame, whatever its year."""
    frame = henan_targets() if frame is None else frame
    cities = group_members(HENAN_GROUP)
    spreads = tuple(
        _spread(frame[frame["year"] == year].set_index("geo"), int(year), cities) for year in years
    )
    found = frame[frame["geo"].isin(cities) & frame["result"].notna()]
    results = tuple(
        CityCase(
            geo=str(r["geo"]),
            year=int(r["year"]),
            target=float(r["target"]),
            bound="" if pd.isna(r["bound"]) else str(r["bound"]),
            result=float(r["result"]),
            verdict="" if r["verdict"] is None or pd.isna(r["verdict"]) else str(r["verdict"]),
            reason=str(r["reason"]),
        )
        for _, r in found.sort_values(["year", "geo"], kind="stable").iterrows()
    )
    judged: dict[int, int] = {}
    for case in results:
        judged[case.year] = judged.get(case.year, 0) + bool(case.verdict)
    best = max(judged.values(), default=0)
    return HenanFacts(
        spreads=spreads,
        results=results,
        n_cities=len(cities),
        n_judged_best=best,
        enough_results=any(
            n >= MIN_CASES and n >= MIN_COVERAGE * len(cities) for n in judged.values()
        ),
        min_cases=MIN_CASES,
    )
