"""The city's targets beside Henan's and China's: the premium record, amplification read
against it, and the 2024 ladder of targets. What Henan's shortfall came from is in
``rest_of_henan``.

Figures are read by the rules of ``findings.peers`` (one target per place and year, a range
target as a band placed at its midpoint; the headline result by release among those a source
better than low states). Dates of publication play no part: targets are anticipated at the
December economic work conferences, and Zhengzhou's 2023 report came out before Henan's, so
the order of the reports can neither rule amplification in nor out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from zzreport.data import memo
from zzreport.data.load import load_external, load_indicators
from zzreport.findings.feasibility import SIMILAR_BAND_PP
from zzreport.findings.frames import (
    MIN_CASES,
    TARGET_YEAR,
    naming,
    sort_in_report_order,
)
from zzreport.findings.peers import (
    BAND,
    BAND_POINT,
    CITY,
    gdp_panel,
    headline_result,
    lead_target,
)

#: The levels of the record, the city first, and the two it is compared with.
LEVELS: tuple[str, ...] = (CITY, "henan", "china")
OTHERS: tuple[str, ...] = ("henan", "china")
#: The panel's years: the register holds the three levels' GDP figures for these.
FIRST_YEAR, LAST_YEAR = 2019, 2025
#: The pandemic years, shown in and out of every mean as a sensitivity: 2020 (the first wave;
#: China set no growth target) and 2022 (Zhengzhou's lockdown).
PANDEMIC_YEARS: tuple[int, ...] = (2020, 2022)

#: The columns of ``peers.gdp_panel`` the record keeps for each level, prefixed by its geo.
FIGURE_COLUMNS: tuple[str, ...] = (
    "target",
    "target_low",
    "target_high",
    "bound",
    "direction",
    "target_grade",
    "result",
    "result_bound",
    "release",
    "grade",
    "judged",
    "derivation",
    "other_result",
    "other_release",
    "other_grade",
    "verdict",
)


def _difference_bound(city_bound: object, other_bound: object) -> str | None:
    """How city − other is known from how each is stated: ``exact`` for two points (an
    approximate 左右 result counts as a point, as verdicts read it), ``at_least`` when the
    city's result is a floor or the other's a ceiling, ``at_most`` the other way round, None
    when both ends are open."""

    def ends(bound: object) -> tuple[bool, bool]:  # (bounded below, bounded above)
        return (str(bound) != "at_most", str(bound) != "at_least")

    city_low, city_high = ends(city_bound)
    other_low, other_high = ends(other_bound)
    low, high = city_low and other_high, city_high and other_low
    if low and high:
        return "exact"
    if low:
        return "at_least"
    if high:
        return "at_most"
    return None


def _premiums(city: pd.Series, other: pd.Series, geo: str) -> dict[str, object]:
    """The city's premium over ``geo`` in one year, and whether it enters the means."""
    target_premium = city["target"] - other["target"]
    delivered = city["result"] - other["result"]
    bound = _difference_bound(city["result_bound"], other["result_bound"])
    reason, whose = "", ""
    for check, slug in (
        (lambda r: pd.isna(r["target"]), "no_target"),
        (lambda r: pd.isna(r["result"]), "no_result"),
        (lambda r: not r["judged"], "low_grade_only"),
    ):
        failing = [g for g, r in ((CITY, city), (geo, other)) if check(r)]
        if failing:
            reason, whose = slug, failing[0]
            break
    if not reason and bound != "exact":
        reason = "bounded_result"
        whose = CITY if str(city["result_bound"]) in ("at_least", "at_most") else geo
    return {
        f"target_premium_{geo}": target_premium,
        f"delivered_premium_{geo}": delivered,
        f"delivered_bound_{geo}": bound if not pd.isna(delivered) else None,
        f"left_out_{geo}": reason,
        f"left_out_geo_{geo}": whose,
        f"counted_{geo}": not reason,
    }


def record_of(years: tuple[int, ...], external: pd.DataFrame, report: pd.DataFrame) -> pd.DataFrame:
    """``premium_record`` for ``years`` from the given tables (a test passes made-up ones)."""
    panel = gdp_panel(tuple(years), geos=LEVELS, external=external, report=report, complete=True)
    by = panel.set_index(["geo", "year"])
    rows = []
    for year in years:
        record: dict[str, object] = {"year": int(year), "pandemic": int(year) in PANDEMIC_YEARS}
        for geo in LEVELS:
            figures = by.loc[(geo, int(year))]
            for column in FIGURE_COLUMNS:
                record[f"{geo}_{column}"] = figures[column]
        for geo in OTHERS:
            record.update(_premiums(by.loc[(CITY, int(year))], by.loc[(geo, int(year))], geo))
        rows.append(record)
    return pd.DataFrame.from_records(rows)


@memo.on_data
def premium_record(first: int = FIRST_YEAR, last: int = LAST_YEAR) -> pd.DataFrame:
    """Zhengzhou's, Henan's and China's GDP growth targets and results, one row per year from
    ``first`` to ``last``, and the city's premium over each of the other two.

    For each level (``zhengzhou_``, ``henan_``, ``china_`` + a column of ``peers.gdp_panel``):
    the target (a range target as a band: ``target_low``/``target_high``, its ``target`` the
    midpoint, ``bound`` ``range``), its bound and grade; the headline result with its bound,
    release and grade, whether it may be judged, and the next distinct result; the verdict.
    For each of ``henan`` and ``china`` (suffix): ``target_premium_`` = the city's target −
    that level's (points; a band at its midpoint, ``BAND_POINT``); ``delivered_premium_`` =
    the city's headline result − that level's (``delivered_bound_``: ``exact``, or a bound
    where a result is a floor or ceiling); ``counted_`` is True where both premiums enter the
    means of ``amplification_facts``, else ``left_out_`` says why (``no_target``,
    ``no_result``, ``low_grade_only``, ``bounded_result``) and ``left_out_geo_`` for whom.
    ``pandemic`` marks ``PANDEMIC_YEARS``. ValueError for a span that is not within the
    register's years.
    """
    if not FIRST_YEAR <= first <= last <= LAST_YEAR:
        raise ValueError(
            f"first={first}, last={last}: the premium record covers {FIRST_YEAR}–{LAST_YEAR}; "
            "expected first ≤ last within it"
        )
    return record_of(tuple(range(first, last + 1)), load_external(), load_indicators())


@dataclass(frozen=True)
class PremiumCase:
    """One counted year of a window: the premium the targets asked and the one delivered."""

    year: int
    target_premium: float
    delivered_premium: float


@dataclass(frozen=True)
class PremiumWindow:
    """The city's premium over ``other`` across the counted years of the window, with the
    pandemic years in (``pandemic_in``) or out: the mean target premium against the mean
    delivered premium (NaN unless ``n`` reaches ``MIN_CASES``: then ``cases`` lists them),
    ``excess`` = their difference and ``reading`` (``asks_more``, ``in_line``, ``asks_less``
    by ``SIMILAR_BAND_PP``; None without means). ``n_exceeded``: the years whose target
    premium exceeded the premium delivered; ``lowest_delivered``/``highest_delivered``: how far
    the delivered premium swings (NaN without years)."""

    other: str
    pandemic_in: bool
    years: tuple[int, ...]
    n: int
    enough: bool
    target_premium: float
    delivered_premium: float
    excess: float
    reading: str | None
    cases: tuple[PremiumCase, ...]
    n_exceeded: int
    lowest_delivered: float
    highest_delivered: float


@dataclass(frozen=True)
class LeftOut:
    """A year of the window that enters no mean against ``other``, and why (``reason``, for
    ``geo``'s figure)."""

    other: str
    year: int
    reason: str
    geo: str


@dataclass(frozen=True)
class PriorCase:
    """A year's target premium over ``other`` beside the premium delivered in the year before
    it was set (``prior_year``), a year neither of the pandemic nor a rebound from one."""

    other: str
    year: int
    target_premium: float
    prior_year: int
    prior_delivered: float


@dataclass(frozen=True)
class AmplificationFacts:
    """The city's mean target premium against its mean delivered premium over
    ``first_year``–``last_year`` (``windows``: for Henan and for China, the pandemic years in
    and out), and the years that enter no mean (``left_out``). By arithmetic their difference
    is the city's shortfall against its own target less the level above's against its own,
    (Zt − Ct) − (Zr − Cr) = (Zt − Zr) − (Ct − Cr): the target record restated, no test of how
    targets are set. Such a test sets a target premium against the premium delivered before
    the target was set (``prior``), in a year neither of the pandemic nor a rebound
    (``REBOUND_YEARS``); listed, never averaged, below ``MIN_CASES``. A band target is placed
    at its midpoint (``band_point``); ``band_years`` have one, and ``band_years_counted`` of
    them enter a mean. ``band_pp`` is the band within which the two means are read as in
    line."""

    first_year: int
    last_year: int
    pandemic_years: tuple[int, ...]
    windows: tuple[PremiumWindow, ...]
    left_out: tuple[LeftOut, ...]
    band_point: str
    band_years: tuple[int, ...]
    band_years_counted: tuple[int, ...]
    band_pp: float
    min_cases: int
    prior: tuple[PriorCase, ...] = ()


#: The years after a pandemic year: a rebound from a collapse is no base.
REBOUND_YEARS: tuple[int, ...] = tuple(y + 1 for y in PANDEMIC_YEARS)


def _prior_cases(record: pd.DataFrame, other: str) -> list[PriorCase]:
    """Each counted year whose year before is counted too and is a calm year (not a pandemic
    year, not a rebound): its target premium beside that year's delivered premium."""
    counted = record[record[f"counted_{other}"].astype(bool)].set_index("year")
    calm = set(PANDEMIC_YEARS) | set(REBOUND_YEARS)
    return [
        PriorCase(
            other,
            int(year),
            float(counted.at[year, f"target_premium_{other}"]),
            int(year) - 1,
            float(counted.at[year - 1, f"delivered_premium_{other}"]),
        )
        for year in counted.index
        if year - 1 in counted.index and year - 1 not in calm
    ]


def _reading(excess: float) -> str | None:
    if pd.isna(excess):
        return None
    if excess > SIMILAR_BAND_PP:
        return "asks_more"
    if excess < -SIMILAR_BAND_PP:
        return "asks_less"
    return "in_line"


def amplification_facts(
    first: int = FIRST_YEAR, last: int = LAST_YEAR, record: pd.DataFrame | None = None
) -> AmplificationFacts:
    """The means of ``premium_record(first, last)`` (or of ``record``); see
    ``AmplificationFacts``."""
    record = premium_record(first, last) if record is None else record
    windows, left_out = [], []
    for other in OTHERS:
        counted = record[record[f"counted_{other}"].astype(bool)]
        for pandemic_in in (True, False):
            part = counted if pandemic_in else counted[~counted["pandemic"].astype(bool)]
            n = len(part)
            enough = n >= MIN_CASES
            target = float(part[f"target_premium_{other}"].mean()) if enough else math.nan
            delivered = float(part[f"delivered_premium_{other}"].mean()) if enough else math.nan
            windows.append(
                PremiumWindow(
                    other=other,
                    pandemic_in=pandemic_in,
                    years=tuple(int(y) for y in part["year"]),
                    n=n,
                    enough=enough,
                    target_premium=target,
                    delivered_premium=delivered,
                    excess=target - delivered,
                    reading=_reading(target - delivered),
                    cases=tuple(
                        PremiumCase(
                            int(r["year"]),
                            float(r[f"target_premium_{other}"]),
                            float(r[f"delivered_premium_{other}"]),
                        )
                        for _, r in part.iterrows()
                    ),
                    n_exceeded=int(
                        (part[f"target_premium_{other}"] > part[f"delivered_premium_{other}"]).sum()
                    ),
                    lowest_delivered=float(part[f"delivered_premium_{other}"].min()),
                    highest_delivered=float(part[f"delivered_premium_{other}"].max()),
                )
            )
        for _, r in record[~record[f"counted_{other}"].astype(bool)].iterrows():
            left_out.append(
                LeftOut(
                    other,
                    int(r["year"]),
                    str(r[f"left_out_{other}"]),
                    str(r[f"left_out_geo_{other}"]),
                )
            )
    band = record[(record[[f"{geo}_bound" for geo in LEVELS]].astype(str) == BAND).any(axis=1)]
    counted_any = band[band[[f"counted_{o}" for o in OTHERS]].astype(bool).any(axis=1)]
    return AmplificationFacts(
        first_year=int(record["year"].min()),
        last_year=int(record["year"].max()),
        pandemic_years=PANDEMIC_YEARS,
        windows=tuple(windows),
        left_out=tuple(left_out),
        band_point=BAND_POINT,
        band_years=tuple(int(y) for y in band["year"]),
        band_years_counted=tuple(int(y) for y in counted_any["year"]),
        band_pp=SIMILAR_BAND_PP,
        min_cases=MIN_CASES,
        prior=tuple(case for other in OTHERS for case in _prior_cases(record, other)),
    )


# --- the ladder of one year's targets --------------------------------------------------------

#: How the city's target stands to the targets above it (``target_ladder``'s ``ordering``):
#: higher at each of three levels; above the one level that sets a target (two levels);
#: neither; or a ceiling (控制在…: a limit, not an aim — no ordering and no premium).
ORDERINGS: tuple[str, ...] = (
    "higher_each_level",
    "above_the_level_above",
    "not_higher",
    "ceiling",
)


def _ordering(values: list[float], ceiling: bool) -> str:
    if ceiling:
        return "ceiling"
    higher = all(low > high for high, low in zip(values, values[1:], strict=False))
    if not higher:
        return "not_higher"
    return "higher_each_level" if len(values) >= 3 else "above_the_level_above"


@memo.on_data
def target_ladder(year: int = TARGET_YEAR) -> pd.DataFrame:
    """The city's rate targets for ``year`` beside Henan's and China's, and what happened.

    One row per rate target of the report that Henan or China also sets. ``levels`` names
    the levels with a target (``n_levels``: 3, or 2 where one level sets none);
    ``ordering`` (``ORDERINGS``) says whether the city's target is higher at each of three
    levels, above the one level above it that sets a target (two levels: never "each
    level"), or neither; a ceiling (direction down, such as unemployment 控制在5.5%左右) gets
    ``ceiling`` and no premium: a lower ceiling than the nation's is a limit, not an aim, and
    a premium of it says nothing (``premium_reason`` ``ceiling``). ``target_premium`` and
    ``outcome_premium`` compare with the highest level with a target (``premium_over``);
    the results are the headline releases (``*_release``), and a result only low-grade pages
    state is shown but enters no premium (``*_judged``). ``falls_back``: the premium in the
    results is smaller than in the targets. An ordering, not amplification: that is read
    only over several years (``amplification_facts``).
    """
    report, external = load_indicators(), load_external()
    city_targets = report[
        (report["year"] == year)
        & (report["status"] == "target")
        & report["measure"].isin(["growth", "share"])
        & report["value"].notna()
    ]
    if city_targets.empty:
        years = sorted(int(y) for y in report.loc[report["status"] == "target", "year"].unique())
        raise ValueError(f"year={year}: the report sets targets for {years} only")
    others = external[(external["year"] == year) & (external["period"] == "year")]
    groups = {
        (str(i), str(m), str(g), str(s)): group
        for (i, m, g, s), group in others.groupby(
            ["indicator", "measure", "geo", "status"], observed=True
        )
    }
    empty = others.iloc[:0]
    records = []
    for row in city_targets.itertuples(index=False):

        def rows(geo: str, status: str) -> pd.DataFrame:
            return groups.get((row.indicator, str(row.measure), geo, status), empty)

        targets = {geo: lead_target(rows(geo, "target")) for geo in ("china", "henan")}
        if all(t is None for t in targets.values()):
            continue
        record = {**naming(row), "direction": str(row.direction), "bound": str(row.bound)}
        for geo in ("china", "henan"):
            t = targets[geo]
            record[f"{geo}_target"] = math.nan if t is None else t["value"]
            record[f"{geo}_target_quality"] = None if t is None else t["quality"]
        record["zhengzhou_target"] = float(row.value)
        for geo in ("china", "henan", CITY):
            result, judged, _ = headline_result(rows(geo, "actual"))
            record[f"{geo}_actual"] = math.nan if result is None else float(result["value"])
            record[f"{geo}_quality"] = None if result is None else str(result["quality"])
            record[f"{geo}_release"] = None if result is None else str(result["release"])
            record[f"{geo}_judged"] = judged
        levels = [g for g in ("china", "henan") if targets[g] is not None] + [CITY]
        values = [record[f"{g}_target"] for g in levels]
        ceiling = str(row.direction) == "down"
        top = levels[0]
        usable = record[f"{CITY}_judged"] and record[f"{top}_judged"]
        target_premium = math.nan if ceiling else row.value - record[f"{top}_target"]
        outcome_premium = (
            record[f"{CITY}_actual"] - record[f"{top}_actual"]
            if usable and not ceiling
            else math.nan
        )
        record.update(
            levels=tuple(levels),
            n_levels=len(levels),
            ordering=_ordering(values, ceiling),
            premium_over=top,
            premium_reason="ceiling" if ceiling else "",
            target_premium=target_premium,
            outcome_premium=outcome_premium,
            falls_back=(
                bool(outcome_premium < target_premium) if not pd.isna(outcome_premium) else None
            ),
        )
        records.append(record)
    result = pd.DataFrame.from_records(records)
    result["falls_back"] = result["falls_back"].astype("boolean")
    return sort_in_report_order(result, report)


@memo.on_data
def gdp_history() -> pd.DataFrame:
    """GDP growth targets and results for Zhengzhou, Henan and China, one row per figure.

    Zhengzhou's 2023 result and 2024 target come from the report; everything else from the
    external register, with its ``quality``. Sorted by place (China, Henan, Zhengzhou), year,
    status. Caveat: the 2022 Zhengzhou result was revised from about 2% to 1.0% (see ``note``).
    """
    report, external = load_indicators(), load_external()
    rows = []
    city = report[(report["indicator"] == "gdp") & (report["measure"] == "growth")]
    for row in city.itertuples(index=False):
        rows.append(
            {
                "geo": "zhengzhou",
                "year": int(row.year),
                "status": str(row.status),
                "value": row.value,
                "bound": str(row.bound),
                "quality": "primary",
                "note": row.note,
            }
        )
    have = {(r["geo"], r["year"], r["status"]) for r in rows}
    gdp = external[
        (external["indicator"] == "gdp")
        & (external["measure"] == "growth")
        & (external["period"] == "year")
        & external["geo"].isin(["china", "henan", "zhengzhou"])
    ]
    for row in gdp.itertuples(index=False):
        key = (str(row.geo), int(row.year), str(row.status))
        if key not in have:
            rows.append(
                {
                    "geo": key[0],
                    "year": key[1],
                    "status": key[2],
                    "value": row.value,
                    "bound": str(row.bound),
                    "quality": str(row.quality),
                    "note": row.note,
                }
            )
    result = pd.DataFrame.from_records(rows)
    result["geo"] = pd.Categorical(
        result["geo"], categories=["china", "henan", "zhengzhou"], ordered=True
    )
    return result.sort_values(["geo", "year", "status"], kind="stable").reset_index(drop=True)
