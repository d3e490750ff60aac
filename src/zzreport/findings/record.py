"""The city's record of setting and meeting targets in earlier years, and how the verdicts
move with the tolerance of an approximate target.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from zzreport.data import memo
from zzreport.data.load import load_external, load_indicators
from zzreport.findings.frames import (
    ACTUAL_YEAR,
    MIN_CASES,
    PANDEMIC_YEARS,
    TARGET_YEAR,
    sort_in_report_order,
)
from zzreport.findings.headline import consumer_prices
from zzreport.findings.rd import dated_earlier
from zzreport.findings.sources import (
    RELEASE_PREFERENCE,
    REPORT_SOURCE,
    UNJUDGED_GRADE,
    by_release,
    quality_rank,
)
from zzreport.findings.verdicts import judge

#: The record's years: the register's panel of Zhengzhou's targets and results.
RECORD_YEARS: tuple[int, ...] = tuple(range(2019, 2026))

#: The record's columns about its result, filled from one row of the register (or the report).
_RESULT_FIELDS = ("actual", "actual_bound", "actual_release", "actual_source", "actual_quality")


def _blank_entry(row) -> dict[str, object]:
    return {
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
        "target_quote": "",
        "actual": math.nan,
        "actual_bound": None,
        "actual_release": None,
        "actual_source": None,
        "actual_quality": None,
        "actual_derivation": "",
        "other_actual": math.nan,
        "other_bound": None,
        "other_release": None,
        "other_quality": None,
        "other_result": None,
        "releases_disagree": False,
        "comparator": math.nan,
        "comparator_label": None,
        "unclear": False,
        "reason": "",
        "note": "",
    }


def _candidates(report: pd.DataFrame, external: pd.DataFrame) -> pd.DataFrame:
    """Every Zhengzhou figure of the record's indicators as one frame: the report's own 2023
    results and 2024 targets (grade ``primary``; its results are the first release, 初步核算)
    and the register's yearly rows."""
    city = external[(external["geo"] == "zhengzhou") & (external["period"] == "year")]
    indicators = set(city.loc[city["status"] == "target", "indicator"])
    own = report[report["indicator"].isin(indicators) & report["value"].notna()].assign(
        source=REPORT_SOURCE,
        quality="primary",
        release=lambda f: f["status"].map({"actual": "first"}),
        derivation="",
        source_url="",
    )
    own["measure"] = own["measure"].astype(str)
    city = city[city["indicator"].isin(indicators)].assign(
        measure=lambda f: f["measure"].astype(str)
    )
    columns = [c for c in city.columns if c in own.columns]
    return pd.concat([own[columns], city[columns]], ignore_index=True)


def _verdict(row: pd.Series, target: dict[str, object]) -> str:
    return judge(
        float(row["value"]),
        str(row["bound"]),
        float(target["target"]),
        str(target["bound"]),
        str(target["direction"]),
        str(target["measure"]),
    ).result


def _fill(entry: dict[str, object], targets: pd.DataFrame, results: pd.DataFrame) -> None:
    """Put the leading target and the headline result, and the other release beside it."""
    if len(targets):
        lead = min((row for _, row in targets.iterrows()), key=lambda r: quality_rank(r["quality"]))
        entry.update(
            target=float(lead["value"]),
            bound=str(lead["bound"]),
            direction=str(lead["direction"]),
            target_source=str(lead["source"]),
            target_quality=str(lead["quality"]),
            target_quote=str(lead["quote"]),
        )
    if results.empty:
        return
    usable = results[results["quality"].astype(str) != UNJUDGED_GRADE]
    ordered = by_release(usable if len(usable) else results)
    head = ordered[0]
    entry.update(
        actual=float(head["value"]),
        actual_bound=str(head["bound"]),
        actual_release=str(head["release"]),
        actual_source=str(head["source"]),
        actual_quality=str(head["quality"]),
        actual_derivation=str(head["derivation"]).strip(),
    )
    notes = [str(n) for n in results["note"] if isinstance(n, str) and n.strip()]
    entry["note"] = "; ".join(dict.fromkeys(notes))
    others = [
        r
        for r in by_release(results)
        if str(r["release"]) != entry["actual_release"] and float(r["value"]) != entry["actual"]
    ]
    if others:
        other = others[0]
        entry.update(
            other_actual=float(other["value"]),
            other_bound=str(other["bound"]),
            other_release=str(other["release"]),
            other_quality=str(other["quality"]),
        )
    has_target = not pd.isna(entry["target"])
    if not len(usable):
        entry["reason"] = "low_grade_only"
    elif has_target:
        entry["result"] = _verdict(head, entry)
        if others and str(others[0]["quality"]) != UNJUDGED_GRADE:
            entry["other_result"] = _verdict(others[0], entry)
            entry["releases_disagree"] = entry["other_result"] != entry["result"]


@memo.on_data
def track_record() -> pd.DataFrame:
    """Zhengzhou's targets against its results, 2019–2025 (``RECORD_YEARS``): a panel of every
    headline indicator the register holds a target for.

    One row per (indicator, measure, year) with a target or a result. The report supplies the
    2023 results and 2024 targets (grade ``primary``), the register the rest. The target is the
    best-graded one; ``bound`` and ``direction`` follow its wording. The headline result is the
    release a verdict rests on (``sources.RELEASE_PREFERENCE``: a first release, then a
    revision, a release not stated, and a projection only when nothing else is published),
    from a source better than ``sources.UNJUDGED_GRADE``: a result only a low-grade page states
    is shown with ``reason`` ``low_grade_only`` and no verdict. Where another release states
    another value (2022 GDP: about 2% projected, 1.0% later), it is shown beside it
    (``other_*``) with its own verdict (``other_result``), and ``releases_disagree`` says when
    the two verdicts differ. ``gap`` is result − target in points for rates; ``result`` is a
    slug of ``verdicts.VERDICTS`` or empty. ``actual_derivation`` holds the arithmetic of a
    derived result. ``undershot``: a price ceiling met because prices fell (met by
    undershooting, ``_undershot``). The 2023 target of income growing in step with the economy (同步) is
    judged as real income growth against real GDP growth (``_income_in_step``).
    """
    report, external = load_indicators(), load_external()
    figures = _candidates(report, external)
    figures = figures[figures["year"].isin(RECORD_YEARS)]
    records = []
    names = report.drop_duplicates("indicator").set_index("indicator")
    targeted = set(
        zip(
            figures.loc[figures["status"] == "target", "indicator"],
            figures.loc[figures["status"] == "target", "measure"],
            strict=True,
        )
    )
    for (indicator, measure, _year), group in figures.groupby(
        ["indicator", "measure", "year"], sort=False
    ):
        if (indicator, measure) not in targeted:
            continue  # a series with no target in any year says nothing about target-setting
        first = group.iloc[0]
        entry = _blank_entry(first)
        entry["result"] = None
        if indicator in names.index:  # one name per indicator: the report's
            entry.update(
                name_zh=names.at[indicator, "name_zh"],
                name_en=names.at[indicator, "name_en"],
                section=names.at[indicator, "section"],
            )
        targets = group[group["status"] == "target"]
        results = group[group["status"] == "actual"]
        # the report's own figure leads where it states one
        if (targets["quality"] == "primary").any():
            targets = targets[targets["quality"] == "primary"]
        if (results["quality"] == "primary").any():
            results = results[results["quality"] == "primary"]
        _fill(entry, targets, results)
        if pd.isna(entry["target"]) and not pd.isna(entry["actual"]):
            entry["reason"] = entry["reason"] or "no_target"
        if pd.isna(entry["actual"]) and not pd.isna(entry["target"]):
            entry["reason"] = "no_result"
        records.append(entry)
    _date_the_rd_figure(records)
    _no_verdict_on_a_restated_target(records)
    in_step = _income_in_step(report, external)
    if in_step:
        records = [
            r
            for r in records
            if (r["indicator"], r["measure"], r["year"])
            != ("disposable_income_per_capita", "growth", in_step["year"])
        ]
        records.append(in_step)
    result = pd.DataFrame.from_records(records)
    result["undershot"] = _undershot(result)
    rates = result["measure"].isin(["growth", "share"])
    result["gap"] = (result["actual"] - result["target"]).where(rates)
    result.loc[result["result"].isna(), "gap"] = math.nan
    return sort_in_report_order(result, report, "measure", "year")


def _undershot(record: pd.DataFrame) -> pd.Series:
    """A price ceiling met because prices fell (2023: −0.6% against 控制在3%以内): met by
    undershooting, a weak economy rather than a target achieved; the verdict stays met."""
    return (
        (record["result"] == "met")
        & (record["direction"] == "down")
        & (record["indicator"] == "consumer_prices")
        & (record["actual"] < 0)
    )


def _no_verdict_on_a_restated_target(records: list[dict]) -> None:
    """A result stated only as the target's own bound (2022 prices: 涨幅控制在3%以内 against a
    target of 3%左右) is the government saying the target held, not a measurement: judging it
    met would be circular. The row keeps the figure, with ``reason`` ``restates_target``."""
    for entry in records:
        if (
            entry["result"] is not None
            and entry["actual_bound"] in ("at_most", "at_least")
            and entry["actual"] == entry["target"]
        ):
            entry.update(result=None, reason="restates_target")


def _date_the_rd_figure(records: list[dict]) -> None:
    """The report's 2023 R&D intensity (2.67%) is 2022's spending over 2022's GDP
    (``rd.rd_facts``): a year's R&D figure is published in the autumn after it, so a report of
    January 2024 cannot state 2023's. Where the arithmetic dates it so, the 2023 row keeps the
    figure but no verdict (``reason`` ``dated_2022``): 2023's own intensity is not in the
    register."""
    earlier = dated_earlier()
    for entry in records:
        if entry["indicator"] in earlier and entry["year"] == ACTUAL_YEAR:
            entry.update(result=None, other_result=None, reason="dated_2022")
            entry["releases_disagree"] = False


#: The words of the 2023 target that income grow in step with the economy.
IN_STEP_WORDS = "居民收入增长与经济增长同步"


def _income_in_step(report: pd.DataFrame, external: pd.DataFrame) -> dict[str, object]:
    """The 2023 同步 target judged as the words say: real income growth (nominal income growth
    deflated by consumer prices, a derived figure) against real GDP growth, as an ``about``
    target of GDP's rate, two-sided: within the project's 左右 tolerance it is in step, above it
    income outran the economy, below it income fell behind. Empty when a piece is missing."""
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
    entry = _blank_entry(
        pd.Series(
            {
                "indicator": "disposable_income_per_capita",
                "section": "stability",
                "name_zh": "",
                "name_en": "",
                "measure": "growth",
                "year": year,
                "unit": "%",
            }
        ).pipe(lambda s: type("Row", (), s.to_dict())())
    )
    names = report.drop_duplicates("indicator").set_index("indicator")
    if "disposable_income_per_capita" in names.index:
        entry.update(
            name_zh=names.at["disposable_income_per_capita", "name_zh"],
            name_en=names.at["disposable_income_per_capita", "name_en"],
        )
    entry.update(
        target=gdp,
        bound="about",
        direction="two_sided",
        target_source=str(source["source"]),
        target_quality=str(source["quality"]),
        target_quote=IN_STEP_WORDS,
        actual=real,
        actual_bound="exact",
        actual_release="first",
        actual_source=REPORT_SOURCE,
        actual_quality="primary",
        actual_derivation=f"(1 + {income:g}%) / (1 + {prices:g}%) − 1",
        comparator=gdp,
        comparator_label="gdp_growth_real",
        reason="in_step_with_gdp",
    )
    entry["result"] = judge(real, "exact", gdp, "about", "two_sided", "growth").result
    return entry


#: A record summary needs at least this many judged years: a mean of one or two years (one
#: of them the 2022 lockdown) is an anecdote, not a record.


def record_summary(before: int | None = None) -> pd.DataFrame:
    """Per indicator: how often results met targets over the judged years of the panel (before
    ``before`` if given, else all), with the number of years behind each count.

    ``years`` and ``n_years`` say which years were judged (headline verdicts); ``met`` counts
    met and above-band verdicts, ``missed`` misses, ``cannot_tell`` the rest; the same counts
    leave out the pandemic years (``frames.PANDEMIC_YEARS``) in ``*_outside_pandemic``.
    ``mean_gap`` (result − target, points, rates only) is given only where ``n_years`` reaches
    ``frames.MIN_CASES`` (``enough``), and ``mean_gap_outside_pandemic`` only where those years
    do: it describes the past, never an expectation. ``releases_disagree`` counts the years in
    which another release gives another verdict.
    """
    record = track_record()
    rows = []
    for indicator, group in record.groupby("indicator", sort=False):
        past = group[group["result"].notna()]
        if before is not None:
            past = past[past["year"] < before]
        calm = past[~past["year"].isin(PANDEMIC_YEARS)]
        enough = len(past) >= MIN_CASES
        gaps, calm_gaps = past["gap"].dropna(), calm["gap"].dropna()
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
                "cannot_tell": int((past["result"] == "cannot_tell").sum()),
                "n_outside_pandemic": len(calm),
                "missed_outside_pandemic": int((calm["result"] == "missed").sum()),
                "releases_disagree": int(past["releases_disagree"].astype(bool).sum()),
                "enough": enough,
                "mean_gap": float(gaps.mean()) if len(gaps) >= MIN_CASES else math.nan,
                "mean_gap_outside_pandemic": (
                    float(calm_gaps.mean()) if len(calm_gaps) >= MIN_CASES else math.nan
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
    """Zhengzhou's GDP record (notebook 07): the years with a headline verdict, the misses, the
    same outside the pandemic years (``frames.PANDEMIC_YEARS``), and the judged years whose
    verdict changes across the tolerances of ``tolerance_sensitivity`` (``flips``)."""

    years: tuple[int, ...]
    missed: int
    years_outside_pandemic: tuple[int, ...]
    missed_outside_pandemic: int
    pandemic_years: tuple[int, ...]
    flips: tuple[int, ...]


def gdp_record_facts(record: pd.DataFrame | None = None) -> GdpRecordFacts:
    """Count the GDP years of ``track_record()`` (or of ``record``) and the misses."""
    record = track_record() if record is None else record
    gdp = record[
        (record["indicator"] == "gdp") & (record["measure"] == "growth") & record["result"].notna()
    ]
    calm = gdp[~gdp["year"].isin(PANDEMIC_YEARS)]
    sensitivity = tolerance_sensitivity()
    flips = sensitivity[(sensitivity["indicator"] == "gdp") & sensitivity["depends"]]
    return GdpRecordFacts(
        years=tuple(int(y) for y in gdp["year"]),
        missed=int((gdp["result"] == "missed").sum()),
        years_outside_pandemic=tuple(int(y) for y in calm["year"]),
        missed_outside_pandemic=int((calm["result"] == "missed").sum()),
        pandemic_years=PANDEMIC_YEARS,
        flips=tuple(int(y) for y in flips["year"]),
    )


@dataclass(frozen=True)
class RecordFacts:
    """The whole panel (notebook 07), counted once for its prose and chart titles.

    ``per_indicator`` holds (indicator, judged years, met, missed) in report order; ``judged``,
    ``met`` and ``missed`` count indicator-years with a headline verdict; ``by_release``
    (release, count) says what those verdicts rest on; ``disagree`` lists (indicator, year,
    release, verdict, other release, other verdict) where two releases give two verdicts;
    ``low_grade_only`` lists (indicator, year) shown without a verdict.
    ``judged_outside_pandemic``/``missed_outside_pandemic``: the same counts without the
    pandemic years (``PANDEMIC_YEARS``), which hold many of the misses."""

    first_year: int
    last_year: int
    indicators: int
    judged: int
    met: int
    missed: int
    judged_outside_pandemic: int
    missed_outside_pandemic: int
    per_indicator: tuple[tuple[str, int, int, int], ...]
    by_release: tuple[tuple[str, int], ...]
    disagree: tuple[tuple[str, int, str, str, str, str], ...]
    low_grade_only: tuple[tuple[str, int], ...]


def record_facts(record: pd.DataFrame | None = None) -> RecordFacts:
    """Count ``track_record()`` (or ``record``)."""
    record = track_record() if record is None else record
    judged = record[record["result"].notna()]
    per = tuple(
        (
            str(indicator),
            len(group),
            int(group["result"].isin(["met", "above_band"]).sum()),
            int((group["result"] == "missed").sum()),
        )
        for indicator, group in judged.groupby("indicator", sort=False)
    )
    releases = judged["actual_release"].astype(str).value_counts()
    in_pandemic = judged["year"].isin(PANDEMIC_YEARS)
    disagree = record[record["releases_disagree"].astype(bool)]
    low = record[record["reason"] == "low_grade_only"]
    return RecordFacts(
        first_year=int(record["year"].min()),
        last_year=int(record["year"].max()),
        indicators=len(per),
        judged=len(judged),
        met=int(judged["result"].isin(["met", "above_band"]).sum()),
        missed=int((judged["result"] == "missed").sum()),
        judged_outside_pandemic=int((~in_pandemic).sum()),
        missed_outside_pandemic=int(((judged["result"] == "missed") & ~in_pandemic).sum()),
        per_indicator=per,
        by_release=tuple((r, int(releases[r])) for r in RELEASE_PREFERENCE if r in releases.index),
        disagree=tuple(
            (
                str(r.indicator),
                int(r.year),
                str(r.actual_release),
                str(r.result),
                str(r.other_release),
                str(r.other_result),
            )
            for r in disagree.itertuples(index=False)
        ),
        low_grade_only=tuple((str(r.indicator), int(r.year)) for r in low.itertuples(index=False)),
    )
