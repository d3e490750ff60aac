"""The city's record of setting and meeting targets in earlier years, and how the verdicts
move with the tolerance of an approximate target.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from zzreport.data import memo
from zzreport.data.load import load_external, load_indicators
from zzreport.findings.frames import LOCKDOWN_YEAR, MIN_CASES, TARGET_YEAR, sort_in_report_order
from zzreport.findings.headline import consumer_prices
from zzreport.findings.sources import REPORT_SOURCE
from zzreport.findings.verdicts import judge


@memo.on_data
def track_record() -> pd.DataFrame:
    """Zhengzhou's targets against its results, for every year and indicator the sources cover.

    One row per (indicator, measure, year) with a target or a result, for every indicator with
    a target in at least one year (rates and shares): the report supplies the
    2023 results and 2024 targets (the primary source, preferred where the two overlap), the
    external register the rest. ``gap`` is result − target in points; ``result`` follows the
    target's bound and direction (``result``: a slug of ``verdicts.VERDICTS``; an outcome
    stated 左右, such as 2022's GDP, is judged as a point). Years with a result but no published target (2020, 2021) are kept with the
    target missing. ``target_quality``/``actual_quality`` grade the source (``primary``: the
    report itself). The 2023 target of income growing in step with the economy (同步, a target
    without a number in the register's quote) is shown as real income growth beside real GDP
    growth (``comparator``) with no target number, no gap and no verdict: ``result``
    ``cannot_tell``, ``unclear`` True, ``reason`` ``target_unquantified``
    (``_income_in_step``; ``actual_derivation``); record summaries leave it out. Results are
    first releases, which is what officials are judged on. Caveat: early results are
    preliminary estimates (2022 GDP was first about 2%, later 1.0%), noted on the rows.
    """
    report, external = load_indicators(), load_external()
    city = external[
        (external["geo"] == "zhengzhou")
        & (external["period"] == "year")
        & (external["measure"].isin(["growth", "share"]))
    ]
    targets_from_report = report[
        (report["measure"].isin(["growth", "share"])) & report["value"].notna()
    ]
    entries: dict[tuple[str, str, int], dict[str, object]] = {}

    def put(row, kind: str, source: str, quality: str | None, note: str) -> None:
        key = (row.indicator, str(row.measure), int(row.year))
        entry = entries.setdefault(
            key,
            {
                "indicator": row.indicator,
                "section": row.section,
                "name_zh": row.name_zh,
                "name_en": row.name_en,
                "measure": str(row.measure),
                "year": int(row.year),
                "unit": str(row.unit),
                "target": math.nan,
                "bound": None,
                "direction": None,
                "target_source": None,
                "target_quality": None,
                "actual": math.nan,
                "actual_bound": None,
                "actual_source": None,
                "actual_quality": None,
                "note": "",
                "target_quote": "",
                "actual_derivation": "",
                "comparator": math.nan,
                "comparator_label": None,
                "unclear": False,
                "reason": "",
            },
        )
        if kind == "target" and pd.isna(entry["target"]):
            entry.update(
                target=row.value,
                bound=row.bound,
                direction=row.direction,
                target_source=source,
                target_quality=quality,
                target_quote=str(row.quote),
            )
        elif kind == "actual" and pd.isna(entry["actual"]):
            entry.update(
                actual=row.value,
                actual_bound=row.bound,
                actual_source=source,
                actual_quality=quality,
            )
        if note:
            entry["note"] = "; ".join(filter(None, [str(entry["note"]), note]))

    for row in targets_from_report.itertuples(index=False):  # the primary source first
        put(row, str(row.status), REPORT_SOURCE, "primary", "")
    for row in city.itertuples(index=False):
        put(row, str(row.status), row.source, str(row.quality), row.note)
    in_step = _income_in_step(report, external)
    if in_step:
        entries[("disposable_income_per_capita", "growth", in_step["year"])] = in_step
    with_targets = {
        indicator
        for (indicator, _, _), e in entries.items()
        if not pd.isna(e["target"]) or e["unclear"]
    }
    names = report.drop_duplicates("indicator").set_index("indicator")[
        ["name_zh", "name_en", "section"]
    ]
    records = []
    for (indicator, _, _), entry in entries.items():
        if indicator not in with_targets:
            continue  # a result with no target in any year says nothing about target-setting
        if indicator in names.index:  # one name per indicator: the report's
            entry.update(
                name_zh=names.at[indicator, "name_zh"],
                name_en=names.at[indicator, "name_en"],
                section=names.at[indicator, "section"],
            )
        has_both = not (pd.isna(entry["target"]) or pd.isna(entry["actual"]))
        entry["gap"] = entry["actual"] - entry["target"] if has_both else math.nan
        entry["result"] = (
            judge(
                entry["actual"],
                str(entry["actual_bound"]),
                entry["target"],
                str(entry["bound"]),
                str(entry["direction"]),
                entry["measure"],
            ).result
            if has_both
            else "cannot_tell"
            if entry["unclear"]
            else None
        )
        records.append(entry)
    result = pd.DataFrame.from_records(records)
    return sort_in_report_order(result, report, "measure", "year")


#: The words of the 2023 target that income grow in step with the economy.
IN_STEP_WORDS = "居民收入增长与经济增长同步"


def _income_in_step(report: pd.DataFrame, external: pd.DataFrame) -> dict[str, object]:
    """The 2023 同步 target as a track-record entry without a verdict: real income growth
    (nominal income growth deflated by consumer prices, a derived figure) shown beside real GDP
    growth (``comparator``). The target states no number and no tolerance, so no gap and no
    verdict are computed (``result`` ``cannot_tell``, ``reason`` ``target_unquantified``): an
    unclear case says so. Empty when the sources lack any piece."""
    year = TARGET_YEAR - 1
    quotes = external[
        (external["geo"] == "zhengzhou")
        & (external["year"] == year)
        & (external["status"] == "target")
    ]
    quoted = quotes[quotes["quote"].str.contains(IN_STEP_WORDS, regex=False)]
    actual = report[
        (report["year"] == year) & (report["status"] == "actual") & (report["measure"] == "growth")
    ].set_index("indicator")["value"]
    prices = consumer_prices(year)
    if (
        quoted.empty
        or "disposable_income_per_capita" not in actual
        or "gdp" not in actual
        or pd.isna(prices)
    ):
        return {}
    income, gdp = float(actual["disposable_income_per_capita"]), float(actual["gdp"])
    real = ((1 + income / 100) / (1 + prices / 100) - 1) * 100
    source = quoted.iloc[0]
    return {
        "indicator": "disposable_income_per_capita",
        "section": "stability",
        "name_zh": "",
        "name_en": "",
        "measure": "growth",
        "year": year,
        "unit": "%",
        "target": math.nan,
        "bound": None,
        "direction": None,
        "target_source": str(source["source"]),
        "target_quality": str(source["quality"]),
        "target_quote": IN_STEP_WORDS,
        "actual": real,
        "actual_bound": "exact",
        "actual_source": REPORT_SOURCE,
        "actual_quality": "primary",
        "actual_derivation": f"(1 + {income:g}%) / (1 + {prices:g}%) − 1",
        "comparator": gdp,
        "comparator_label": "gdp_growth_real",
        "unclear": True,
        "reason": "target_unquantified",
        "note": (
            f"in step (同步) with GDP ({gdp:g}%, real): the target states no number, so "
            f"there is no verdict; the result is real income growth, derived from nominal "
            f"{income:g}% and consumer prices {prices:g}%"
        ),
    }


#: A record summary needs at least this many judged years: a mean of one or two years (one
#: of them the 2022 lockdown) is an anecdote, not a record.


def record_summary(before: int | None = None) -> pd.DataFrame:
    """Per indicator: how often results met targets, and by how much they differed, over the
    judged years (before ``before`` if given, else all).

    ``n_years`` and ``years`` say which years were judged; ``met``/``missed`` count verdicts;
    ``mean_gap`` (result − target, points) is given only where ``n_years`` reaches
    ``MIN_CASES`` (``enough``), and is a description of the past, never an expectation
    for a later year; ``mean_gap_without_lockdown`` is the same mean leaving out
    ``LOCKDOWN_YEAR`` (2022), whose single miss can carry most of it (given where the
    remaining ``n_without_lockdown`` years still reach ``MIN_CASES``). Caveat: results are first releases, and 2022 was a lockdown year.
    """
    record = track_record()
    rows = []
    for indicator, group in record.groupby("indicator", sort=False):
        past = group[group["gap"].notna()]
        if before is not None:
            past = past[past["year"] < before]
        enough = len(past) >= MIN_CASES
        calm = past[past["year"] != LOCKDOWN_YEAR]
        rows.append(
            {
                "indicator": indicator,
                "section": group["section"].iloc[0],
                "name_zh": group["name_zh"].iloc[0],
                "name_en": group["name_en"].iloc[0],
                "years": ", ".join(str(y) for y in past["year"]),
                "n_years": len(past),
                "met": int(past["result"].isin(["met", "above_band"]).sum()),
                "missed": int((past["result"] == "missed").sum()),
                "enough": enough,
                "mean_gap": float(past["gap"].mean()) if enough else math.nan,
                "n_without_lockdown": len(calm),
                "mean_gap_without_lockdown": (
                    float(calm["gap"].mean()) if enough and len(calm) >= MIN_CASES else math.nan
                ),
            }
        )
    result = pd.DataFrame.from_records(rows)
    return result[result["n_years"] > 0].reset_index(drop=True)


#: The 左右 tolerances the sensitivity table tries, in points.
TOLERANCES_PP: tuple[float, ...] = (0.0, 0.3, 0.5, 1.0)


def tolerance_sensitivity(tolerances: tuple[float, ...] = TOLERANCES_PP) -> pd.DataFrame:
    """Every judged 左右 (``about``) rate target of the track record, judged at each tolerance.

    One column ``tol_<t>`` per tolerance with the verdict slug; ``depends`` is True where the
    verdict changes across the tolerances (e.g. 2025 GDP, 5.4% against 6%左右). The project's
    tolerance is ``verdicts.ABOUT_TOLERANCE_PP``. Caveat: the outcomes are first releases.
    """
    if not tolerances or any((not isinstance(t, (int, float))) or t < 0 for t in tolerances):
        raise ValueError(f"tolerances must be non-negative numbers of points; got {tolerances!r}")
    record = track_record()
    about = record[(record["bound"] == "about") & record["gap"].notna()]
    rows = []
    for row in about.itertuples(index=False):
        record_row = {
            "indicator": row.indicator,
            "section": row.section,
            "name_zh": row.name_zh,
            "name_en": row.name_en,
            "year": row.year,
            "target": row.target,
            "actual": row.actual,
            "gap": row.gap,
        }
        verdicts = []
        for t in tolerances:
            verdict = judge(
                row.actual,
                str(row.actual_bound),
                row.target,
                "about",
                str(row.direction),
                row.measure,
                tolerance_pp=t,
            ).result
            record_row[f"tol_{t:g}"] = verdict
            verdicts.append(verdict)
        record_row["depends"] = len(set(verdicts)) > 1
        rows.append(record_row)
    return pd.DataFrame.from_records(rows)


@dataclass(frozen=True)
class GdpRecordFacts:
    """Zhengzhou's GDP record (notebook 07): the years with both a growth target and a result
    (``track_record``'s rows with a gap), and in how many the target was missed, judged on
    first releases."""

    years: tuple[int, ...]
    missed: int


def gdp_record_facts(record: pd.DataFrame | None = None) -> GdpRecordFacts:
    """Count the GDP years of ``track_record()`` (or of ``record``) and the misses."""
    record = track_record() if record is None else record
    gdp = record[(record["indicator"] == "gdp") & record["gap"].notna()]
    return GdpRecordFacts(
        years=tuple(int(y) for y in gdp["year"]), missed=int((gdp["result"] == "missed").sum())
    )
