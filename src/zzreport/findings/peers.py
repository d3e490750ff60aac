"""Zhengzhou beside other places: the GDP growth targets and results of the national central
cities and of Henan's cities, judged by the project's rules, and how well each finding is
sourced.

Three rules of reading, written once here and used by the hierarchy too:

- **One target per place and year.** The report leads for Zhengzhou's own year (the primary
  source); otherwise the best-graded statement, the register's first of equals. A range target
  (a floor row and a ceiling row of one address, their notes saying ``range target``, as the
  loader pairs them) is one statement: a band, judged by ``band_verdict`` and placed, where a
  single number is needed (a rank, a premium), at its midpoint (``BAND_POINT``). Other
  statements of the same target that disagree in value or bound are kept beside it
  (``target_alternatives``), never dropped.
- **One headline result.** Among the results some source better than ``UNJUDGED_GRADE``
  states (``sources.judgeable``), the first by ``sources.RELEASE_PREFERENCE`` (a first release
  before a revision, a projection last), then by grade. A result only low-grade pages state is
  shown (``judged`` False) and never judged; the next distinct result is shown beside the
  headline (``other_result``), with its own verdict where it may be judged.
- **Sources, not rows.** A round-up article gives one row per city with the same quote and
  address; a finding's sourcing is the number of distinct addresses behind it
  (``n_sources``), the report counted as one.

No share or base rate rests on fewer than ``MIN_CASES`` places or on less than
``MIN_COVERAGE`` of a group: below either, the cases are listed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from zzreport.data import memo, schema
from zzreport.data.load import RANGE_NOTE, load_external, load_indicators
from zzreport.findings.frames import MIN_CASES, TARGET_YEAR
from zzreport.findings.sources import REPORT_SOURCE, by_release, judgeable, quality_rank
from zzreport.findings.verdicts import Verdict, judge, outcome_interval

INDICATOR = "gdp"
CITY = "zhengzhou"
#: Zhengzhou's peers: the nine national central cities, Zhengzhou among them.
PEER_GROUP = "national_central_city"
#: Henan's other prefecture-level cities (Jiyuan included).
HENAN_GROUP = "henan_prefecture"
#: The ``bound`` of a band target (a range such as 6%–6.5%): its point is the midpoint.
BAND = "range"
BAND_POINT = "midpoint"
#: A base rate for a group (how many of its members missed) needs at least this share of the
#: group's members judged, besides ``MIN_CASES`` of them: a handful of results found where
#: they happened to be cited is a list of cases, not a sample.
MIN_COVERAGE = 0.5
#: The source name the report's own rows count under (one source).
REPORT_KEY = REPORT_SOURCE


# --- reading one place's target and result -----------------------------------------------


def band_verdict(outcome: float, outcome_bound: str, low: float, high: float) -> Verdict:
    """The verdict on a band target (a range from ``low`` to ``high``) from one outcome.

    ``met`` when the outcome (a point, or a floor's or ceiling's half-line) lies wholly in the
    band, ``missed`` when wholly below it, ``above_band`` when wholly above it (a range
    overshot is not missed, as for a two-sided 左右 target), ``cannot_tell`` when it straddles
    an edge. The margin is the outcome − the band's midpoint (``BAND_POINT``)."""
    if any(pd.isna(x) for x in (outcome, low, high)):
        raise ValueError(
            f"a band verdict needs an outcome and both ends; got {outcome}, {low}–{high}"
        )
    if not low < high:
        raise ValueError(f"a band runs from a floor below its ceiling; got {low:g} to {high:g}")
    lo, hi = outcome_interval(outcome, outcome_bound)
    if lo >= low and hi <= high:
        result = "met"
    elif lo > high:
        result = "above_band"
    elif hi < low:
        result = "missed"
    else:
        result = "cannot_tell"
    margin_bound = {"at_least": "at_least", "at_most": "at_most"}.get(outcome_bound, "exact")
    return Verdict(result, outcome - (low + high) / 2, margin_bound)


def verdict_on(target: dict, outcome: float, outcome_bound: str, measure: str) -> Verdict:
    """The verdict on a target as ``lead_target`` gives it: a band by ``band_verdict``, a
    single figure by ``verdicts.judge``."""
    if target["bound"] == BAND:
        return band_verdict(outcome, outcome_bound, target["low"], target["high"])
    return judge(
        outcome, outcome_bound, target["value"], target["bound"], target["direction"], measure
    )


def _record(row: pd.Series | dict) -> dict:
    return dict(row)


def target_statements(rows: pd.DataFrame) -> list[dict]:
    """Each source's statement of one target, best first: a range (the floor and ceiling rows
    of one address) as one band, every other row as a single figure. Ordered by grade (the
    report, ``primary``, first), then by the register's order. Each statement: ``value`` (a
    band's midpoint), ``low``/``high`` (a band's ends, else NaN), ``bound``, ``direction``,
    ``quality``, ``source``, ``source_url``."""
    statements = []
    ends: dict[str, list[dict]] = {}
    for order, (_, row) in enumerate(rows.iterrows()):
        entry = _record(row)
        entry["_order"] = order
        if RANGE_NOTE in str(entry.get("note") or ""):
            ends.setdefault(str(entry["source_url"]), []).append(entry)
            continue
        statements.append(
            {
                "value": float(entry["value"]),
                "low": math.nan,
                "high": math.nan,
                "bound": str(entry["bound"]),
                "direction": str(entry["direction"]),
                "quality": str(entry["quality"]),
                "source": str(entry["source"]),
                "source_url": str(entry["source_url"]),
                "_order": order,
            }
        )
    for url, pair in ends.items():
        floors = [e for e in pair if e["bound"] == "at_least"]
        ceilings = [e for e in pair if e["bound"] == "at_most"]
        if len(floors) != 1 or len(ceilings) != 1:
            raise ValueError(
                f"a range target at {url} needs one floor and one ceiling row; got "
                f"{len(floors)} and {len(ceilings)}"
            )
        low, high = float(floors[0]["value"]), float(ceilings[0]["value"])
        statements.append(
            {
                "value": (low + high) / 2,
                "low": low,
                "high": high,
                "bound": BAND,
                "direction": "two_sided",
                "quality": max(
                    (str(floors[0]["quality"]), str(ceilings[0]["quality"])), key=quality_rank
                ),
                "source": str(floors[0]["source"]),
                "source_url": url,
                "_order": min(floors[0]["_order"], ceilings[0]["_order"]),
            }
        )
    statements.sort(key=lambda s: (quality_rank(s["quality"]), s["_order"]))
    return statements


def lead_target(rows: pd.DataFrame) -> dict | None:
    """The target a verdict uses (the first of ``target_statements``), with ``alternatives``:
    the other statements that disagree with it in value or bound, as (value, bound, quality)
    triples (a band's value is its midpoint). None for no rows."""
    statements = target_statements(rows)
    if not statements:
        return None
    lead = dict(statements[0])
    key = (lead["value"], lead["bound"])
    lead["alternatives"] = tuple(
        (s["value"], s["bound"], s["quality"])
        for s in statements[1:]
        if (s["value"], s["bound"]) != key
    )
    return lead


def _stating(rows: pd.DataFrame, row: pd.Series) -> pd.DataFrame:
    """The rows that state the same value with the same bound as ``row``."""
    return rows[(rows["value"] == row["value"]) & (rows["bound"].astype(str) == str(row["bound"]))]


def headline_result(rows: pd.DataFrame) -> tuple[pd.Series | None, bool, pd.Series | None]:
    """The result a headline uses, whether it may be judged, and the next distinct result.

    The headline is the first row by ``sources.by_release`` among the values some source
    better than the unjudged grade states; where only low-grade pages state any value, the
    first row by release, not judged. The other result is the first row by release whose
    value or bound differs from the headline's (None when all agree)."""
    if rows.empty:
        return None, False, None
    ranked = by_release(rows)

    def key(row: pd.Series) -> tuple[float, str]:
        return (float(row["value"]), str(row["bound"]))

    judged = [r for r in ranked if judgeable(_stating(rows, r))]
    headline = judged[0] if judged else ranked[0]
    other = next((r for r in ranked if key(r) != key(headline)), None)
    return headline, bool(judged), other


# --- the panel -----------------------------------------------------------------------------


def _gdp_rows(external: pd.DataFrame) -> pd.DataFrame:
    return external[
        (external["indicator"] == INDICATOR)
        & (external["measure"] == "growth")
        & (external["period"] == "year")
    ]


def _report_targets(report: pd.DataFrame) -> pd.DataFrame:
    """The report's own GDP growth targets, as register-like rows (grade ``primary``)."""
    own = report[
        (report["indicator"] == INDICATOR)
        & (report["measure"] == "growth")
        & (report["status"] == "target")
        & report["value"].notna()
    ]
    return pd.DataFrame(
        {
            "geo": CITY,
            "year": own["year"].astype("int64"),
            "value": own["value"],
            "bound": own["bound"].astype(str),
            "direction": own["direction"].astype(str),
            "quality": "primary",
            "source": REPORT_SOURCE,
            "source_url": REPORT_KEY,
            "note": own["note"].astype(str),
        }
    )


def _place_columns(geo: str) -> dict[str, str]:
    if geo not in schema.PLACES:
        raise ValueError(
            f"geo={geo!r} is not a place of the register; expected one of {', '.join(schema.PLACES)}"
        )
    place = schema.PLACES[geo]
    return {
        "geo": geo,
        "name_en": place.name_en,
        "name_zh": place.name_zh,
        "level": place.level,
        "group": place.group,
    }


def gdp_panel(
    years: tuple[int, ...],
    geos: tuple[str, ...] | None = None,
    external: pd.DataFrame | None = None,
    report: pd.DataFrame | None = None,
    complete: bool = False,
) -> pd.DataFrame:
    """GDP growth targets and results by place and year, one row per (geo, year), read by the
    module's rules (see its docstring). ``geos`` defaults to every place; with ``complete`` a
    row is given for every place and year asked, else only for those with a target or a
    result. ``external``/``report`` default to the loaders' tables (a test passes made-up
    ones).

    Columns: the place (``geo``, names, ``level``, ``group``), ``year``; the target
    (``target``: a band's midpoint; ``target_low``/``target_high``: a band's ends; ``bound``,
    ``direction``, ``target_grade``, ``target_source``, ``target_alternatives``); the headline
    result (``result``, ``result_bound``, ``release``, ``grade``, ``derivation``,
    ``result_source``, ``judged``) and the next distinct one (``other_result``,
    ``other_release``, ``other_grade``, ``other_judged``); ``verdict`` (a slug of
    ``verdicts.VERDICTS``, None without one) and ``reason`` ("" or ``no_target``,
    ``no_result``, ``low_grade_only``); ``gap`` (result − the target's point, points) and
    ``gap_bound``; ``other_verdict``; how it is sourced: ``n_target_rows``/``n_result_rows``
    (the register rows stating the place's target or result that year; the report's own row
    not counted), ``target_urls``/``result_urls`` (their distinct addresses, the report as
    one), ``n_rows``, ``source_urls`` and ``n_sources`` for both together.
    """
    external = load_external() if external is None else external
    report = load_indicators() if report is None else report
    # Plain objects: the rows are read one by one, and iterating a frame of categoricals and
    # Arrow strings interleaves its columns for every row (most of this function's time).
    rows = _gdp_rows(external).astype(object)
    own = _report_targets(report).astype(object)
    targets: dict[tuple[str, int], pd.DataFrame] = {}
    results: dict[tuple[str, int], pd.DataFrame] = {}
    for (geo, year, status), group in rows.groupby(["geo", "year", "status"], observed=True):
        (targets if status == "target" else results)[(str(geo), int(year))] = group
    for (geo, year), group in own.groupby(["geo", "year"]):
        key = (str(geo), int(year))
        targets[key] = pd.concat([group, targets.get(key, group.iloc[:0])], ignore_index=True)
    places = tuple(schema.PLACES) if geos is None else geos
    records = []
    for geo in places:
        columns = _place_columns(geo)
        for year in years:
            key = (geo, int(year))
            if not complete and key not in targets and key not in results:
                continue
            records.append(
                _entry(
                    columns,
                    int(year),
                    targets.get(key, rows.iloc[:0]),
                    results.get(key, rows.iloc[:0]),
                )
            )
    frame = pd.DataFrame.from_records(records, columns=PANEL_COLUMNS)
    frame["judged"] = frame["judged"].astype(bool)
    return frame


PANEL_COLUMNS: tuple[str, ...] = (
    "geo",
    "name_en",
    "name_zh",
    "level",
    "group",
    "year",
    "target",
    "target_low",
    "target_high",
    "bound",
    "direction",
    "target_grade",
    "target_source",
    "target_alternatives",
    "result",
    "result_bound",
    "release",
    "grade",
    "derivation",
    "result_source",
    "judged",
    "other_result",
    "other_bound",
    "other_release",
    "other_grade",
    "other_judged",
    "verdict",
    "reason",
    "gap",
    "gap_bound",
    "other_verdict",
    "n_target_rows",
    "n_result_rows",
    "n_rows",
    "target_urls",
    "result_urls",
    "source_urls",
    "n_sources",
)


def _entry(place: dict, year: int, target_rows: pd.DataFrame, result_rows: pd.DataFrame) -> dict:
    target = lead_target(target_rows)
    headline, judged, other = headline_result(result_rows)
    other_judged = other is not None and judgeable(_stating(result_rows, other))
    entry = {
        **place,
        "year": year,
        "target": math.nan,
        "target_low": math.nan,
        "target_high": math.nan,
        "bound": None,
        "direction": None,
        "target_grade": None,
        "target_source": None,
        "target_alternatives": (),
        "result": math.nan,
        "result_bound": None,
        "release": None,
        "grade": None,
        "derivation": "",
        "result_source": None,
        "judged": judged,
        "other_result": math.nan,
        "other_bound": None,
        "other_release": None,
        "other_grade": None,
        "other_judged": other_judged,
        "verdict": None,
        "reason": "",
        "gap": math.nan,
        "gap_bound": None,
        "other_verdict": None,
    }
    if target is not None:
        entry.update(
            target=target["value"],
            target_low=target["low"],
            target_high=target["high"],
            bound=target["bound"],
            direction=target["direction"],
            target_grade=target["quality"],
            target_source=target["source"],
            target_alternatives=target["alternatives"],
        )
    if headline is not None:
        entry.update(
            result=float(headline["value"]),
            result_bound=str(headline["bound"]),
            release=str(headline["release"]),
            grade=str(headline["quality"]),
            derivation="" if pd.isna(headline["derivation"]) else str(headline["derivation"]),
            result_source=str(headline["source"]),
        )
    if other is not None:
        entry.update(
            other_result=float(other["value"]),
            other_bound=str(other["bound"]),
            other_release=str(other["release"]),
            other_grade=str(other["quality"]),
        )
    if target is None:
        entry["reason"] = "no_target"
    elif headline is None:
        entry["reason"] = "no_result"
    elif not judged:
        entry["reason"] = "low_grade_only"
    else:
        verdict = verdict_on(target, entry["result"], entry["result_bound"], "growth")
        entry.update(verdict=verdict.result, gap=verdict.margin, gap_bound=verdict.margin_bound)
        if other is not None and other_judged:
            entry["other_verdict"] = verdict_on(
                target, entry["other_result"], entry["other_bound"], "growth"
            ).result
    target_urls = tuple(sorted({str(u) for u in target_rows["source_url"]}))
    result_urls = tuple(sorted({str(u) for u in result_rows["source_url"]}))
    entry["n_target_rows"] = int((target_rows["source_url"] != REPORT_KEY).sum())
    entry["n_result_rows"] = len(result_rows)
    entry["n_rows"] = entry["n_target_rows"] + entry["n_result_rows"]
    entry["target_urls"], entry["result_urls"] = target_urls, result_urls
    entry["source_urls"] = tuple(sorted(set(target_urls) | set(result_urls)))
    entry["n_sources"] = len(entry["source_urls"])
    return entry


def years_with_figures(external: pd.DataFrame) -> list[int]:
    return sorted(int(y) for y in _gdp_rows(external)["year"].unique())


@memo.on_data
def peer_scorecard(year: int = TARGET_YEAR) -> pd.DataFrame:
    """Every place with a GDP growth target or a result in ``year``, judged: the columns of
    ``gdp_panel``, one row per place, in the order of the register's places (China, Henan,
    Zhengzhou, Henan's other cities, the other national central cities).

    For 2024 the national central cities with both figures stand beside Zhengzhou; those
    lacking one are named by ``peer_facts``. ValueError naming the years the register covers
    for a year it holds no figure for."""
    external = load_external()
    years = years_with_figures(external)
    if year not in years:
        raise ValueError(
            f"year={year}: the register holds GDP growth figures for {years[0]}–{years[-1]} only"
        )
    return gdp_panel((year,), external=external)


# --- findings ------------------------------------------------------------------------------


def group_members(group: str) -> tuple[str, ...]:
    if group not in schema.GROUPS:
        raise ValueError(f"group={group!r} is not one of {', '.join(schema.GROUPS)}")
    return tuple(geo for geo, place in schema.PLACES.items() if place.group == group)


def rank_of(value: float, values: list[float], highest_first: bool = True) -> int:
    """1 + how many of ``values`` are strictly better than ``value`` (ties share a rank)."""
    return 1 + sum(bool(v > value) if highest_first else bool(v < value) for v in values)


@dataclass(frozen=True)
class PeerFacts:
    """Zhengzhou among a group of places in one year (notebook 08 and the index card).

    ``target_rank`` of ``n_targets``: Zhengzhou's GDP growth target among the group's members
    with a target (1 = highest; ``n_tied_target`` others share its value; a band counts at its
    midpoint). ``result_rank`` of ``n_results``: its headline result among the members whose
    result may be judged. ``gap_rank`` of ``n_judged``: its shortfall among the members with a
    verdict (1 = the largest shortfall). ``peers_missed`` of ``peers_judged``: the base rate,
    Zhengzhou left out; ``share_missed`` only where ``enough`` (``MIN_CASES`` peers and
    ``MIN_COVERAGE`` of them), else NaN and the cases are listed. ``lacking_target``,
    ``lacking_result``, ``low_grade_results``: members without a target, without any result,
    and with a result only low-grade pages state (shown, not judged). ``low_grade_targets``:
    judged members whose target only a low-grade page states; ``n_missed_graded`` of
    ``n_peers_graded``: the base rate again without them (a sensitivity, shown where it
    differs). ``n_rows`` register rows (the
    report's own not counted) from ``n_sources`` distinct addresses stand behind the judged
    members' figures."""

    year: int
    group: str
    n_members: int
    target: float
    target_bound: str
    target_rank: int
    n_targets: int
    n_tied_target: int
    result: float
    release: str
    result_rank: int
    n_results: int
    n_tied_result: int
    verdict: str
    gap: float
    gap_rank: int
    n_judged: int
    peers_judged: tuple[str, ...]
    peers_missed: tuple[str, ...]
    peers_above_band: tuple[str, ...]
    n_peers: int
    enough: bool
    share_missed: float
    lacking_target: tuple[str, ...]
    lacking_result: tuple[str, ...]
    low_grade_results: tuple[str, ...]
    low_grade_targets: tuple[str, ...]
    n_peers_graded: int
    n_missed_graded: int
    n_rows: int
    n_sources: int
    min_cases: int


def peer_facts(
    year: int = TARGET_YEAR, group: str = PEER_GROUP, card: pd.DataFrame | None = None
) -> PeerFacts:
    """The findings of ``peer_scorecard(year)`` (or of ``card``) for ``group``; see
    ``PeerFacts``. ValueError where Zhengzhou has no target or no judged result that year."""
    card = peer_scorecard(year) if card is None else card
    members = group_members(group)
    mine = card[card["geo"].isin(members)].set_index("geo")
    if CITY not in mine.index or pd.isna(mine.at[CITY, "target"]):
        raise ValueError(f"year={year}: Zhengzhou has no GDP growth target in the register")
    city = mine.loc[CITY]
    if city["verdict"] is None or pd.isna(city["verdict"]):
        raise ValueError(f"year={year}: Zhengzhou's GDP result cannot be judged ({city['reason']})")
    with_target = mine[mine["target"].notna()]
    with_result = mine[mine["result"].notna() & mine["judged"]]
    judged = mine[mine["verdict"].notna()]
    peers = judged.drop(index=CITY)
    n_peers = len(members) - 1
    enough = len(peers) >= MIN_CASES and len(peers) >= MIN_COVERAGE * n_peers
    missed = peers[peers["verdict"] == "missed"]
    others = [g for g in members if g != CITY]
    urls = {u for urls in judged["source_urls"] for u in urls}
    return PeerFacts(
        year=year,
        group=group,
        n_members=len(members),
        target=float(city["target"]),
        target_bound=str(city["bound"]),
        target_rank=rank_of(city["target"], list(with_target["target"].drop(CITY))),
        n_targets=len(with_target),
        n_tied_target=int((with_target["target"].drop(CITY) == city["target"]).sum()),
        result=float(city["result"]),
        release=str(city["release"]),
        result_rank=rank_of(city["result"], list(with_result["result"].drop(CITY))),
        n_results=len(with_result),
        n_tied_result=int((with_result["result"].drop(CITY) == city["result"]).sum()),
        verdict=str(city["verdict"]),
        gap=float(city["gap"]),
        gap_rank=rank_of(city["gap"], list(peers["gap"]), highest_first=False),
        n_judged=len(judged),
        peers_judged=tuple(peers.index),
        peers_missed=tuple(missed.index),
        peers_above_band=tuple(peers[peers["verdict"] == "above_band"].index),
        n_peers=n_peers,
        enough=enough,
        share_missed=len(missed) / len(peers) * 100 if enough else math.nan,
        lacking_target=tuple(g for g in others if g not in with_target.index),
        lacking_result=tuple(
            g for g in others if g not in mine.index or pd.isna(mine.at[g, "result"])
        ),
        low_grade_results=tuple(
            g
            for g in others
            if g in mine.index and not pd.isna(mine.at[g, "result"]) and not mine.at[g, "judged"]
        ),
        low_grade_targets=tuple(peers[peers["target_grade"] == "low"].index),
        n_peers_graded=int((peers["target_grade"] != "low").sum()),
        n_missed_graded=int(
            ((peers["target_grade"] != "low") & (peers["verdict"] == "missed")).sum()
        ),
        n_rows=int(judged["n_rows"].sum()),
        n_sources=len(urls),
        min_cases=MIN_CASES,
    )
