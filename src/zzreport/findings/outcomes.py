"""Did the targets hold? The 2024 targets against published outcomes, the city's record of
setting and meeting targets, and the city's targets beside Henan's and China's.

Outcomes come only from ``load_external()``; each carries its source's quality grade, and an
indicator without an outcome stays in every table as ``no outcome data`` — never dropped,
never guessed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from zzreport.data import memo, schema
from zzreport.data.load import load_external, load_indicators
from zzreport.data.provenance import ABOUT_WORDS, CEILING_WORDS, clause_stating, decimals
from zzreport.data.units import convert, convertible
from zzreport.findings.analysis import (
    ACTUAL_YEAR,
    BASELINE_REQUIRED_YEARS,
    SIMILAR_BAND_PP,
    TARGET_YEAR,
    consumer_prices,
    geometric_mean_growth,
    momentum_scenario,
    naming,
    required_growth,
    sort_in_report_order,
)
from zzreport.findings.verdicts import VERDICTS, judge
from zzreport.findings.verdicts import margin as verdict_margin

#: Every result the scorecard gives: the verdicts (``verdicts.VERDICTS``), then why a target
#: has none. Slugs: display code translates them.
OUTCOME_RESULTS: tuple[str, ...] = (
    "met",
    "above_band",
    "missed",
    "cannot_tell",
    "sources_disagree",
    "not_assessable",
    "no_outcome_data",
)
#: Why a target is left without a verdict, or what to bear in mind about one.
REASONS: tuple[str, ...] = (
    "",
    "target_unquantified",
    "outcome_not_comparable",
    "different_counting_bases",
    "values_differ",
    "only_part_year",
    "none_published",
)
REPORT_SOURCE = "郑州市2024年政府工作报告 (正观新闻·郑州晚报)"
#: Outcome levels whose own stated growth implies a base this far (relative) from the report's
#: 2023 level get a caveat: the outlet may have attached the growth to another figure.
IMPLIED_BASE_TOLERANCE = 0.02
#: Growth stated right after a level in an outcome's quote: "62.6萬輛、同比增長112.9%".
STATED_GROWTH = re.compile(r"^[^\d]{0,12}?增[长長]\s*(\d+(?:\.\d+)?)\s*%")


def _outcomes(external: pd.DataFrame, geo: str, year: int) -> pd.DataFrame:
    rows = external[
        (external["geo"] == geo)
        & (external["year"] == year)
        & (external["period"] == "year")
        & (external["status"] == "actual")
    ]
    return rows.set_index(["indicator", "measure"])


# --- several sources for one figure ---------------------------------------------------------


def quality_rank(quality: object) -> int:
    """0 for the best grade (official) … 3 for the worst (low); the report itself is -1."""
    if quality == "primary":
        return -1
    return schema.QUALITIES.index(str(quality))


def _interval(value: float, bound: str, places: int) -> tuple[float, float]:
    low = round(value, places) if bound != "at_most" else -math.inf
    high = round(value, places) if bound != "at_least" else math.inf
    return low, high


def reconcile(rows: pd.DataFrame, unit: str) -> tuple[pd.Series | None, list[pd.Series], str]:
    """Several outcome rows for one figure: the one that leads, the others, and ``""`` when
    they agree or why they do not (``different_counting_bases``, ``values_differ``).

    Rows agree when their values, converted to ``unit`` and rounded to the decimals of the less
    precise one, are consistent (equal, or a floor at or below an exact value). The lead is an
    exact figure before a floor or ceiling, then the best-graded source. Rows whose unit cannot
    be converted to another row's (班 as the operator counts trains against "trips" as China
    Railway Container Transport counts them) are never reconciled: that is a disagreement,
    whatever the numbers.
    """
    ordered = sorted(
        (row for _, row in rows.iterrows()),
        key=lambda r: (r["bound"] != "exact", quality_rank(r["quality"])),
    )
    if len(ordered) == 1:
        return ordered[0], [], ""
    if any(not convertible(a["unit"], b["unit"]) for a in ordered for b in ordered):
        return None, ordered, "different_counting_bases"
    base = ordered[0]["unit"] if not convertible(ordered[0]["unit"], unit) else unit
    places = min(decimals(f"{row['value']:g}") for row in ordered)
    intervals = [
        _interval(convert(row["value"], row["unit"], base), str(row["bound"]), places)
        for row in ordered
    ]
    low, high = max(i[0] for i in intervals), min(i[1] for i in intervals)
    if low > high:
        return None, ordered, "values_differ"
    return ordered[0], ordered[1:], ""


def _source_label(row: pd.Series) -> str:
    return f"{row['source']} ({row['quality']})"


# --- part-year indications -------------------------------------------------------------------


def _part_year(external: pd.DataFrame) -> dict[tuple[str, str], list[dict]]:
    """Zhengzhou's part-year results of the target year, what an indication can show, by
    (indicator, measure)."""
    rows = external[
        (external["geo"] == "zhengzhou")
        & (external["year"] == TARGET_YEAR)
        & (external["status"] == "actual")
        & (external["period"] != "year")
    ]
    found: dict[tuple[str, str], list[dict]] = {}
    for row in rows.to_dict("records"):
        found.setdefault((row["indicator"], row["measure"]), []).append(row)
    return found


def _indication(part_year: dict[tuple[str, str], list[dict]], target: dict) -> dict[str, object]:
    """A part-year figure (from ``_part_year``) beside a target with no full-year outcome: for
    a flow, the share of the annual target reached against the share of the year elapsed; for
    a rate, the rate."""
    rows = part_year.get((target["indicator"], target["measure"]), [])
    if not rows or pd.isna(target["value"]):
        return {}
    row = sorted(
        rows, key=lambda r: (-schema.period_months(r["period"])[1], quality_rank(r["quality"]))
    )[0]
    first, last = schema.period_months(row["period"])
    record: dict[str, object] = {
        "indication_period": row["period"],
        "indication_value": row["value"],
        "indication_unit": row["unit"],
        "indication_quality": row["quality"],
        "indication_source": row["source"],
        "indication_share_of_year": (last - first + 1) / 12 * 100,
    }
    if target["measure"] in ("flow",) and convertible(row["unit"], target["unit"]):
        reached = convert(row["value"], row["unit"], target["unit"])
        record["indication_share_of_target"] = reached / target["value"] * 100
    return record


# --- the scorecard --------------------------------------------------------------------------


def _implied_base(row: pd.Series, report: pd.DataFrame) -> dict[str, object]:
    """For a level outcome whose quote states its growth, the 2023 base that growth implies
    against the report's 2023 level; a caveat when they differ by more than the tolerance."""
    quote = str(row["quote"])
    number = f"{row['value']:g}"
    position = quote.find(number)
    match = STATED_GROWTH.search(quote[position + len(number) :]) if position >= 0 else None
    base = report[
        (report["indicator"] == row["indicator"])
        & (report["measure"] == "flow")
        & (report["year"] == TARGET_YEAR - 1)
        & (report["status"] == "actual")
    ]
    if match is None or base.empty:
        return {}
    growth = float(match.group(1))
    implied = convert(row["value"], row["unit"], base["unit"].iloc[0]) / (1 + growth / 100)
    stated = float(base["value"].iloc[0])
    if abs(implied / stated - 1) <= IMPLIED_BASE_TOLERANCE:
        return {}
    return {
        "caveat": "implied_base_differs",
        "caveat_growth": growth,
        "caveat_implied_base": implied,
        "caveat_report_base": stated,
        "caveat_unit": base["unit"].iloc[0],
    }


def _blank(row) -> dict[str, object]:
    return {
        **naming(row),
        "unit": row.unit,
        "target": row.value,
        "bound": row.bound,
        "direction": row.direction,
        "stretch": "力争" in str(row.quote) or "力争" in str(row.note),
        "result": "no_outcome_data",
        "reason": "none_published",
        "outcome": math.nan,
        "outcome_unit": None,
        "outcome_bound": None,
        "outcome_basis": None,
        "derivation": "",
        "margin": math.nan,
        "margin_bound": None,
        "margin_unit": "pp" if row.measure in ("growth", "share") else "%",
        "quality": None,
        "source": None,
        "source_url": None,
        "outcome_note": "",
        "release": "",
        "release_date": "",
        "corroboration": "",
        "n_sources": 0,
        "alternatives": (),
        "caveat": "",
        "caveat_growth": math.nan,
        "caveat_implied_base": math.nan,
        "caveat_report_base": math.nan,
        "caveat_unit": None,
        "indication_period": None,
        "indication_value": math.nan,
        "indication_unit": None,
        "indication_quality": None,
        "indication_source": None,
        "indication_share_of_target": math.nan,
        "indication_share_of_year": math.nan,
    }


def _basis(row: pd.Series) -> str:
    if str(row["derivation"]).strip():
        return "derived"
    return {"at_least": "floor", "at_most": "ceiling", "about": "approximate"}.get(
        str(row["bound"]), "stated"
    )


@memo.on_data
def scorecard() -> pd.DataFrame:
    """Every 2024 target of the report, with a verdict wherever a usable full-year outcome is
    published, and the reason wherever there is none.

    ``result`` (slugs, see ``OUTCOME_RESULTS``): ``met``, ``above_band`` (a two-sided 左右
    target overshot), ``missed`` or ``cannot_tell`` from ``verdicts.judge`` under the target's
    bound and direction and the outcome's own bound; ``sources_disagree`` when the sources'
    figures differ (``reason``: ``values_differ`` or ``different_counting_bases``; every
    source in ``alternatives``); ``not_assessable`` when an outcome exists but the target
    states no number or counts in another unit; ``no_outcome_data`` otherwise (``reason``
    ``only_part_year`` when a part-year figure is shown as an ``indication_*``, never a
    verdict). ``outcome_basis`` says how the outcome is known: ``stated``, ``derived`` (from
    arithmetic on stated numbers, in ``derivation``), ``floor``, ``ceiling`` or
    ``approximate``. ``margin`` is outcome − target, in points for rates and in % of the
    target for levels; ``margin_bound`` is ``at_least``/``at_most`` where the outcome is a
    floor/ceiling. Several agreeing sources: the best leads, the others are in
    ``corroboration``. ``release`` says whether the outcome is a ``first`` release (what
    officials are judged on) or a ``later`` one (``release``; ``release_date``), so that a
    later figure is marked where it is used. Caveat: 2024 outcomes are preliminary, and most
    come from reposted articles (``quality``).
    """
    report, external = load_indicators(), load_external()
    targets = report[(report["year"] == TARGET_YEAR) & (report["status"] == "target")]
    city = external[
        (external["geo"] == "zhengzhou")
        & (external["year"] == TARGET_YEAR)
        & (external["period"] == "year")
        & (external["status"] == "actual")
    ]
    # Split once, not filtered once per target: the scorecard is asked for often.
    by_indicator = dict(tuple(city.groupby("indicator", observed=True, sort=False)))
    part_year = _part_year(external)
    records = []
    for row in targets.itertuples(index=False):
        record = _blank(row)
        found = by_indicator.get(row.indicator, city.iloc[0:0])
        if not pd.isna(row.value):
            found = found[found["measure"] == row.measure]
        if found.empty:
            indication = _indication(part_year, row._asdict())
            if indication:
                record.update(indication, reason="only_part_year")
            records.append(record)
            continue
        record["n_sources"] = len(found)
        if pd.isna(row.value):
            lead = sorted(
                (r for _, r in found.iterrows()), key=lambda r: quality_rank(r["quality"])
            )[0]
            record.update(_describe(lead), result="not_assessable", reason="target_unquantified")
            records.append(record)
            continue
        lead, others, disagreement = reconcile(found, row.unit)
        if lead is None:
            record.update(
                result="sources_disagree",
                reason=disagreement,
                alternatives=tuple(
                    _alternative(r, row.value, row.unit, row.measure) for r in others
                ),
            )
            records.append(record)
            continue
        record.update(_describe(lead), corroboration="; ".join(_source_label(r) for r in others))
        if not convertible(lead["unit"], row.unit):
            record.update(result="not_assessable", reason="outcome_not_comparable")
            records.append(record)
            continue
        outcome = convert(lead["value"], lead["unit"], row.unit)
        verdict = judge(
            outcome,
            str(lead["bound"]),
            row.value,
            str(row.bound),
            str(row.direction),
            str(row.measure),
        )
        record.update(
            outcome=outcome,
            outcome_unit=row.unit,
            result=verdict.result,
            reason="",
            margin=verdict.margin,
            margin_bound=verdict.margin_bound,
        )
        record.update(_implied_base(lead, report))
        records.append(record)
    result = pd.DataFrame.from_records(records)
    result["result"] = pd.Categorical(result["result"], categories=list(OUTCOME_RESULTS))
    result["quality"] = pd.Categorical(
        result["quality"], categories=external["quality"].cat.categories
    )
    return sort_in_report_order(result, report, "measure")


def judged(card: pd.DataFrame) -> pd.DataFrame:
    """The scorecard's rows that have a verdict (met, above_band, missed, cannot_tell)."""
    return card[card["result"].isin(VERDICTS)]


#: A 2024 outcome published after this date (or, undated, citing data past it) is not a first
#: release: first releases, which officials are judged on, appear in the first half of 2025.
FIRST_RELEASE_CUTOFF = f"{TARGET_YEAR + 1}-06-30"
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
CITES_DATA_TO = re.compile(r"cites data to (" + "|".join(MONTHS) + r") (\d{4})")


def release(published: object, note: object) -> tuple[str, str]:
    """Whether an outcome is a ``first`` release or a ``later`` one, and the date that says so:
    its ``published`` date against ``FIRST_RELEASE_CUTOFF``, or for an undated source the last
    month of data its note says it cites. ``("", "")`` when neither is known."""
    date = "" if pd.isna(published) else str(published).strip()
    if date:
        return ("later" if date > FIRST_RELEASE_CUTOFF else "first"), date
    match = CITES_DATA_TO.search("" if pd.isna(note) else str(note))
    if match:
        month = f"{match.group(2)}-{MONTHS.index(match.group(1)) + 1:02d}"
        return ("later" if month > FIRST_RELEASE_CUTOFF[:7] else "first"), month
    return "", ""


def _describe(row: pd.Series) -> dict[str, object]:
    kind, date = release(row["published"], row["note"])
    return {
        "release": kind,
        "release_date": date,
        "outcome": row["value"],
        "outcome_unit": row["unit"],
        "outcome_bound": row["bound"],
        "outcome_basis": _basis(row),
        "derivation": str(row["derivation"]),
        "quality": row["quality"],
        "source": row["source"],
        "source_url": row["source_url"],
        "outcome_note": row["note"],
    }


def _alternative(row: pd.Series, target: float, unit: str, measure: str) -> dict[str, object]:
    """One of several disagreeing sources, with its margin on the target where its unit
    converts to the target's (NaN where it counts on another basis)."""
    comparable = convertible(row["unit"], unit)
    return {
        "value": float(row["value"]),
        "unit": str(row["unit"]),
        "bound": str(row["bound"]),
        "source": str(row["source"]),
        "quality": str(row["quality"]),
        "source_url": str(row["source_url"]),
        "note": str(row["note"]),
        "margin": (
            verdict_margin(convert(row["value"], row["unit"], unit), target, measure)
            if comparable
            else math.nan
        ),
    }


# --- the city's record ----------------------------------------------------------------------


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
MIN_RECORD_YEARS = 3


def record_summary(before: int | None = None) -> pd.DataFrame:
    """Per indicator: how often results met targets, and by how much they differed, over the
    judged years (before ``before`` if given, else all).

    ``n_years`` and ``years`` say which years were judged; ``met``/``missed`` count verdicts;
    ``mean_gap`` (result − target, points) is given only where ``n_years`` reaches
    ``MIN_RECORD_YEARS`` (``enough``), and is a description of the past, never an expectation
    for a later year; ``mean_gap_without_lockdown`` is the same mean leaving out
    ``LOCKDOWN_YEAR`` (2022), whose single miss can carry most of it (given where the
    remaining ``n_without_lockdown`` years still reach ``MIN_RECORD_YEARS``). Caveat: results are first releases, and 2022 was a lockdown year.
    """
    record = track_record()
    rows = []
    for indicator, group in record.groupby("indicator", sort=False):
        past = group[group["gap"].notna()]
        if before is not None:
            past = past[past["year"] < before]
        enough = len(past) >= MIN_RECORD_YEARS
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
                    float(calm["gap"].mean())
                    if enough and len(calm) >= MIN_RECORD_YEARS
                    else math.nan
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


# --- the ratchet: how targets move after a miss or an overshoot --------------------------------

#: Words around a target's number that change what it asks for.
WORDING_BEFORE = re.compile(r"(突破|超过|超|近|控制在|达到)$")
WORDING_AFTER = re.compile(r"^(以上|左右|以内)")


#: Words a target's bound implies, used to find its clause in a quote that states the same
#: number for several places or indicators (洛阳、安阳为6%,郑州…等地为6%左右: the city's is the
#: one with 左右).
BOUND_WORDS: dict[str, tuple[str, ...]] = {
    "about": ABOUT_WORDS,
    "at_least": ("以上", "突破", "超过", "超"),
    "at_most": CEILING_WORDS,
    "exact": (),
}


def wording(quote: str, value: float, name_zh: str = "", bound: str | None = None) -> str:
    """The words around a target's number in its quote (``增长8%以上`` → ``以上``; ``突破2.6%`` →
    ``突破``); empty for a plain number. The number is looked for after ``name_zh`` when the
    quote names it, and in the clause ``provenance.clause_stating`` picks with the words the
    row's ``bound`` implies (``BOUND_WORDS``), so that a quote listing several targets with the
    same number gives each its own words — not the first match."""
    quote = str(quote)
    start = quote.find(name_zh) if name_zh and name_zh in quote else 0
    clause = clause_stating(quote[start:], value, BOUND_WORDS.get(str(bound), ()))
    number = re.compile(rf"(?<![\d.]){re.escape(f'{value:g}')}%")
    match = number.search(clause)
    if match is None:
        return ""
    before = WORDING_BEFORE.search(clause[max(0, match.start() - 3) : match.start()])
    after = WORDING_AFTER.search(clause[match.end() :])
    return "…".join(
        w for w in (before.group(1) if before else "", after.group(1) if after else "") if w
    )


def _outcome_class(result: str, gap: float, direction: str) -> str:
    """``missed``, ``overshot`` (beyond the similar band on the good side, or above a 左右
    band) or ``met`` (within the band)."""
    if result == "missed":
        return "missed"
    good = -gap if direction == "down" else gap
    if result == "above_band" or good > SIMILAR_BAND_PP:
        return "overshot"
    return "met"


@memo.on_data
def target_ratchet() -> pd.DataFrame:
    """For every indicator with a target in two consecutive years: last year's target, its
    result and verdict, and this year's target.

    ``previous_gap`` = result − previous target (points); ``previous_outcome``: ``missed``,
    ``overshot`` (more than ``SIMILAR_BAND_PP`` beyond the target on the good side) or ``met``.
    ``target_change`` = new target − previous target; ``response``: ``cut``, ``raised`` or
    ``held``; ``pass_through`` = target_change / previous_gap (1: the new target moved by the
    whole miss or overshoot). ``previous_wording``/``new_wording`` are the words around each
    number (以上, 左右, 突破…; ``wording``): a change of words is a change of target
    (``wording_changed``). Covers 2023→2024 and, where the register has a later target,
    2024→2025. Caveat: results are first releases, and a target is a floor or an
    approximation, not a forecast.
    """
    record = track_record()
    report = load_indicators()
    names = report.drop_duplicates("indicator").set_index("indicator")["name_zh"]
    records = []
    for (indicator, measure), group in record.groupby(["indicator", "measure"], sort=False):
        by_year = group.set_index("year")
        for year in by_year.index:
            nxt = year + 1
            if nxt not in by_year.index:
                continue
            old, new = by_year.loc[year], by_year.loc[nxt]
            if (
                pd.isna(old["target"])
                or pd.isna(new["target"])
                or old["target_quote"] == IN_STEP_WORDS
            ):
                continue
            gap = old["gap"]
            result = old["result"]
            change = new["target"] - old["target"]
            name_zh = names.get(indicator, "")
            old_words = wording(old["target_quote"], old["target"], name_zh, old["bound"])
            new_words = wording(new["target_quote"], new["target"], name_zh, new["bound"])
            records.append(
                {
                    "indicator": indicator,
                    "section": old["section"],
                    "name_zh": old["name_zh"],
                    "name_en": old["name_en"],
                    "measure": measure,
                    "year_from": int(year),
                    "year_to": int(nxt),
                    "previous_target": old["target"],
                    "previous_bound": old["bound"],
                    "previous_wording": old_words,
                    "previous_result": old["actual"],
                    "previous_gap": gap,
                    "previous_verdict": result,
                    "previous_outcome": (
                        None
                        if pd.isna(gap)
                        else _outcome_class(str(result), gap, str(old["direction"]))
                    ),
                    "previous_quality": old["actual_quality"],
                    "new_target": new["target"],
                    "new_bound": new["bound"],
                    "new_wording": new_words,
                    "target_change": change,
                    "wording_changed": old_words != new_words,
                    "response": (
                        "raised" if change > 1e-9 else "cut" if change < -1e-9 else "held"
                    ),
                    "pass_through": change / gap
                    if not pd.isna(gap) and abs(gap) > 1e-9
                    else math.nan,
                }
            )
    result = pd.DataFrame.from_records(records)
    return sort_in_report_order(result, report, "year_from")


#: A side of the ratchet (after misses, after overshoots) needs at least this many cases before
#: the two sides are compared (and the pattern may be called asymmetric): with fewer, one
#: indicator's year is the whole side.
MIN_RATCHET_CASES = 3
#: The lockdown year: a target missed in it says little about how targets respond to misses.
LOCKDOWN_YEAR = ACTUAL_YEAR - 1


def ratchet_summary(ratchet: pd.DataFrame | None = None) -> pd.DataFrame:
    """How targets moved after each kind of previous outcome: ``n``, the indicators, the mean
    ``target_change`` (points) and the mean ``pass_through`` (the share of the previous miss or
    overshoot the new target absorbed). A change of wording (a plain figure that became a floor,
    以上) changes the kind of target, so ``n_wording_changed`` counts those cases and
    ``mean_pass_through_same_wording`` (``n_same_wording``) averages only the others;
    ``n_lockdown`` counts cases whose previous year is ``LOCKDOWN_YEAR``. ``enough`` is True
    where ``n`` reaches ``MIN_RATCHET_CASES``; ``compare_sides`` (the same on every row) is
    True only when both the missed and the overshot side have enough cases — only then may the
    two be compared or the ratchet called asymmetric. Caveat: a handful of cases describes
    these reports, it is not a law."""
    ratchet = target_ratchet() if ratchet is None else ratchet
    rows = []
    for outcome in ("missed", "overshot", "met"):
        part = ratchet[ratchet["previous_outcome"] == outcome]
        same = part[~part["wording_changed"].astype(bool)]
        absorbs = outcome != "met"  # a share of a gap within the band means nothing

        def mean(frame: pd.DataFrame) -> float:
            return (
                float(frame["pass_through"].mean())
                if absorbs and frame["pass_through"].notna().any()
                else math.nan
            )

        rows.append(
            {
                "previous_outcome": outcome,
                "n": len(part),
                "cases": tuple(
                    zip(part["indicator"], part["year_from"], part["year_to"], strict=False)
                ),
                "mean_change": float(part["target_change"].mean()) if len(part) else math.nan,
                "mean_pass_through": mean(part),
                "n_wording_changed": int(part["wording_changed"].astype(bool).sum()),
                "n_same_wording": len(same),
                "mean_pass_through_same_wording": mean(same),
                "n_lockdown": int((part["year_from"] == LOCKDOWN_YEAR).sum()),
                "enough": len(part) >= MIN_RATCHET_CASES,
            }
        )
    result = pd.DataFrame.from_records(rows)
    sides = result.set_index("previous_outcome")["enough"]
    result["compare_sides"] = bool(sides["missed"] and sides["overshot"])
    return result


# --- China → Henan → Zhengzhou ---------------------------------------------------------------


def report_dates(year: int = TARGET_YEAR) -> pd.DataFrame:
    """When each level's government work report for ``year`` appeared, from the register's
    ``published`` dates: China's and Henan's from their GDP-target rows, Zhengzhou's from the
    rows quoting the city's report itself (its results for the year before). One row per geo,
    earliest first. Caveat: a date is the source's, e.g. a newspaper summary's for Henan."""
    external = load_external()
    rows = []
    for geo in ("china", "henan"):
        match = external[
            (external["geo"] == geo)
            & (external["year"] == year)
            & (external["status"] == "target")
            & (external["indicator"] == "gdp")
            & (external["published"].fillna("") != "")
        ]
        if len(match):
            rows.append(
                {
                    "geo": geo,
                    "published": str(match["published"].iloc[0]),
                    "source": str(match["source"].iloc[0]),
                }
            )
    own = external[
        (external["geo"] == "zhengzhou")
        & (external["year"] == year - 1)
        & (external["status"] == "actual")
        & (external["quality"] == "official")
        & external["source"].str.contains("政府工作报告", regex=False)
    ]
    if len(own):
        rows.append(
            {
                "geo": "zhengzhou",
                "published": str(own["published"].iloc[0]),
                "source": str(own["source"].iloc[0]),
            }
        )
    return (
        pd.DataFrame.from_records(rows, columns=["geo", "published", "source"])
        .sort_values("published", kind="stable")
        .reset_index(drop=True)
    )


#: The year whose growth was a rebound from a collapse year (2022's lockdown): a premium in
#: it is no structural base (``analysis.BASELINE_REQUIRED_YEARS`` rejects it alone too).
REBOUND_YEAR = ACTUAL_YEAR


def premium_years(year: int = TARGET_YEAR) -> tuple[int, ...]:
    """The years a multi-year premium for ``year``'s targets spans: the baseline years of
    ``analysis.BASELINE_REQUIRED_YEARS``, shifted to end in the year before ``year``."""
    shift = year - 1 - BASELINE_REQUIRED_YEARS[-1]
    return tuple(y + shift for y in BASELINE_REQUIRED_YEARS)


@memo.on_data
def premium_comparison(year: int = TARGET_YEAR) -> pd.DataFrame:
    """Zhengzhou's premium over the nation and over the province, in its targets and in its
    results, for every rate target the city shares with China or Henan.

    One row per (indicator, ``geo`` of comparison): ``target_premium`` = the city's target −
    that level's target for ``year``; ``realised_premium`` = the city's result − that level's
    result in the year before (the premium the city had just delivered); ``premium_change`` =
    target_premium − realised_premium (negative: the target asks for a smaller premium than
    the city had). For ``year`` 2024 the year before is 2023, the city's rebound from the 2022
    lockdown (``realised_base``: ``rebound_year``): a one-year premium, not a structural base.
    ``multi_year_premium`` is the premium over ``premium_years`` (``BASELINE_REQUIRED_YEARS``
    shifted to end in the year before), each side's geometric mean of growth factors, and
    ``multi_year_change`` = target_premium − multi_year_premium; both are missing unless both
    places have a result for every one of those years (the register has no 2022 result for
    Henan or China, so for 2024 they are missing). ``outcome_premium`` is the premium in
    ``year``'s results, where published.
    No column reduces to the city's target − its own result: each keeps the other level's
    figures (a test perturbs them). Caveat: the other levels' figures come from the register
    with their grades, and a premium is a yardstick, not a rule.
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
    full = external[external["period"] == "year"]
    city_actual = report[(report["year"] == year - 1) & (report["status"] == "actual")]
    # Indexed once: figure() is asked a dozen times per target, and filtering the frames
    # for each answer was most of this function's time.
    city_first: dict[tuple, float] = {}
    for found in city_actual.itertuples(index=False):
        city_first.setdefault((found.indicator, found.measure), float(found.value))
    best: dict[tuple, tuple] = {}  # the best-graded figure; the first of equals, as listed
    for found in full.itertuples(index=False):
        key = (found.geo, found.indicator, found.measure, found.year, found.status)
        if key not in best or quality_rank(found.quality) < quality_rank(best[key][1]):
            best[key] = (float(found.value), found.quality)

    def figure(geo: str, indicator: str, measure: str, y: int, status: str):
        own = geo == "zhengzhou" and y == year - 1 and status == "actual"
        if own and (indicator, measure) in city_first:
            return city_first[(indicator, measure)], "primary"
        if (geo, indicator, measure, y, status) not in best:
            return math.nan, None
        value, quality = best[(geo, indicator, measure, y, status)]
        return value, str(quality)

    records = []
    for row in city_targets.itertuples(index=False):
        for geo in ("china", "henan"):
            other_target, other_target_q = figure(geo, row.indicator, row.measure, year, "target")
            if pd.isna(other_target):
                continue
            city_prev, _ = figure("zhengzhou", row.indicator, row.measure, year - 1, "actual")
            other_prev, other_prev_q = figure(geo, row.indicator, row.measure, year - 1, "actual")
            city_now, city_now_q = figure("zhengzhou", row.indicator, row.measure, year, "actual")
            other_now, other_now_q = figure(geo, row.indicator, row.measure, year, "actual")
            target_premium = row.value - other_target
            realised = city_prev - other_prev
            years = premium_years(year)
            city_run = [
                figure("zhengzhou", row.indicator, row.measure, y, "actual")[0] for y in years
            ]
            other_run = [figure(geo, row.indicator, row.measure, y, "actual")[0] for y in years]
            multi = (
                geometric_mean_growth(city_run) - geometric_mean_growth(other_run)
                if row.measure == "growth"
                else math.nan
            )
            records.append(
                {
                    **naming(row),
                    "geo": geo,
                    "zhengzhou_target": row.value,
                    "other_target": other_target,
                    "other_target_quality": other_target_q,
                    "zhengzhou_previous": city_prev,
                    "other_previous": other_prev,
                    "other_previous_quality": other_prev_q,
                    "target_premium": target_premium,
                    "realised_premium": realised,
                    "premium_change": target_premium - realised,
                    "realised_base": ("rebound_year" if year - 1 == REBOUND_YEAR else "one_year"),
                    "premium_years": ", ".join(str(y) for y in years),
                    "multi_year_premium": multi,
                    "multi_year_change": target_premium - multi,
                    "outcome_premium": city_now - other_now,
                    "outcome_quality": (
                        None
                        if pd.isna(city_now - other_now)
                        else max((q for q in (city_now_q, other_now_q) if q), key=quality_rank)
                    ),
                }
            )
    result = pd.DataFrame.from_records(records)
    return sort_in_report_order(result, report, "geo")


#: Amplification (层层加码) read net of the city's multi-year premium; the slugs
#: ``target_ladder`` gives for each comparison. ``cannot_tell`` where no multi-year premium
#: can be computed: a one-year premium in a rebound year is no base, and an unclear case says
#: so rather than guess.
AMPLIFICATION: tuple[str, ...] = (
    "amplified",
    "within_premium",
    "below_premium",
    "cannot_tell",
    "ruled_out_by_dates",
)


def _amplification(premium: pd.Series | None, dates: dict[str, str], geo: str) -> str:
    if dates.get(geo, "") > dates.get("zhengzhou", ""):
        return "ruled_out_by_dates"  # the other target was not yet published
    if premium is None or pd.isna(premium["multi_year_change"]):
        return "cannot_tell"
    if premium["multi_year_change"] > SIMILAR_BAND_PP:
        return "amplified"
    if premium["multi_year_change"] < -SIMILAR_BAND_PP:
        return "below_premium"
    return "within_premium"


@memo.on_data
def target_ladder(year: int = TARGET_YEAR) -> pd.DataFrame:
    """The city's rate targets beside Henan's and China's, and what happened.

    ``higher_each_level`` is True where each level below sets a more ambitious target than the
    level above it (higher growth; for a ceiling, lower) — an ordering, not yet amplification;
    ``n_levels`` says how many levels set a target (2 where China sets none).
    ``amplification_vs_henan`` / ``amplification_vs_china`` (``AMPLIFICATION``) read 层层加码
    net of the city's multi-year premium: ``amplified`` only where the city's target premium
    exceeds its ``multi_year_premium`` (``premium_comparison``) by more than
    ``SIMILAR_BAND_PP``; ``cannot_tell`` where no multi-year premium can be computed (the
    one-year premium of 2023, a rebound year, is no base); ``ruled_out_by_dates`` where the
    other level's report appeared after the city's (``report_dates``), so the city cannot
    have added to it. ``target_premium``,
    ``outcome_premium`` and ``falls_back`` compare with the highest level with a target.
    Caveat: Henan's 2024 GDP result comes from a low-quality source (see the quality columns).
    """
    report, external = load_indicators(), load_external()
    dates = dict(zip(*report_dates(year)[["geo", "published"]].T.values, strict=False))
    premiums = premium_comparison(year).set_index(["indicator", "measure", "geo"])
    city_targets = report[
        (report["year"] == year)
        & (report["status"] == "target")
        & report["measure"].isin(["growth", "share"])
        & report["value"].notna()
    ]
    others = external[(external["year"] == year) & (external["period"] == "year")]
    records = []
    first: dict[tuple, tuple[float, str]] = {}  # the first figure listed for each key
    for found in others.itertuples(index=False):
        key = (found.indicator, found.measure, found.geo, found.status)
        first.setdefault(key, (float(found.value), str(found.quality)))
    for row in city_targets.itertuples(index=False):

        def pick(geo: str, status: str) -> tuple[float, str | None]:
            return first.get((row.indicator, row.measure, geo, status), (math.nan, None))

        china_t, china_tq = pick("china", "target")
        henan_t, henan_tq = pick("henan", "target")
        if pd.isna(china_t) and pd.isna(henan_t):
            continue
        china_a, china_q = pick("china", "actual")
        henan_a, henan_q = pick("henan", "actual")
        city_a, city_q = pick("zhengzhou", "actual")
        ladder = [v for v in (china_t, henan_t, row.value) if not pd.isna(v)]
        sign = -1 if row.direction == "down" else 1  # a ceiling: lower is more ambitious
        higher = all(sign * (low - high) > 0 for high, low in zip(ladder, ladder[1:], strict=False))
        top_t = china_t if not pd.isna(china_t) else henan_t
        top_a = china_a if not pd.isna(china_t) else henan_a
        target_premium = row.value - top_t
        outcome_premium = city_a - top_a

        def premium(geo: str):
            key = (row.indicator, row.measure, geo)
            return premiums.loc[key] if key in premiums.index else None

        records.append(
            {
                **naming(row),
                "china_target": china_t,
                "china_target_quality": china_tq,
                "henan_target": henan_t,
                "henan_target_quality": henan_tq,
                "zhengzhou_target": row.value,
                "higher_each_level": higher,
                "n_levels": len(ladder),
                "amplification_vs_henan": (
                    _amplification(premium("henan"), dates, "henan")
                    if not pd.isna(henan_t)
                    else None
                ),
                "amplification_vs_china": (
                    _amplification(premium("china"), dates, "china")
                    if not pd.isna(china_t)
                    else None
                ),
                "china_actual": china_a,
                "china_quality": china_q,
                "henan_actual": henan_a,
                "henan_quality": henan_q,
                "zhengzhou_actual": city_a,
                "zhengzhou_quality": city_q,
                "target_premium": target_premium,
                "outcome_premium": outcome_premium,
                "falls_back": (
                    bool(sign * outcome_premium < sign * target_premium)
                    if not pd.isna(outcome_premium)
                    else None
                ),
            }
        )
    result = pd.DataFrame.from_records(records)
    result["falls_back"] = result["falls_back"].astype("boolean")
    return sort_in_report_order(result, report)


@memo.on_data
def rest_of_henan(year: int = TARGET_YEAR) -> pd.DataFrame:
    """The growth the rest of Henan (the province without Zhengzhou) would need for Henan to
    meet its ``year`` GDP target if Zhengzhou met its own, against what the rest of Henan
    achieved.

    With Zhengzhou's share ``s`` of Henan's GDP (the city's level over the province's, both
    from the register, converted with ``units.convert``), Henan's growth ≈ s × Zhengzhou's +
    (1 − s) × the rest's, so the rest's = (Henan's − s × Zhengzhou's) / (1 − s). Rows:
    ``needed`` (the targets of ``year``, with the shares of ``year`` − 1) and ``achieved`` in
    ``year`` − 1 and ``year`` (each year with its own shares). Every figure is derived, shown
    with its ``derivation``. Caveat: exact weights are the previous year's shares at constant
    prices; the current-year nominal shares used here are an approximation, and Henan's 2024
    figures come from a low-quality source (``quality``).
    """
    report, external = load_indicators(), load_external()
    full = external[(external["period"] == "year") & (external["indicator"] == "gdp")]

    def get(geo: str, y: int, status: str, measure: str):
        if geo == "zhengzhou" and measure == "growth":
            own = report[
                (report["indicator"] == "gdp")
                & (report["year"] == y)
                & (report["status"] == status)
                & (report["measure"] == "growth")
            ]
            if len(own):
                return float(own["value"].iloc[0]), "primary", "", "exact"
        match = full[
            (full["geo"] == geo)
            & (full["year"] == y)
            & (full["status"] == status)
            & (full["measure"] == measure)
        ]
        if match.empty:
            return math.nan, None, "", ""
        r = match.iloc[0]
        return float(r["value"]), str(r["quality"]), str(r["unit"]), str(r["bound"])

    def share(y: int):
        city, cq, cu, _ = get("zhengzhou", y, "actual", "flow")
        prov, pq, pu, pb = get("henan", y, "actual", "flow")
        if pd.isna(city) or pd.isna(prov):
            return math.nan, None, {}
        value = convert(city, cu, "亿元") / convert(prov, pu, "亿元")
        worst = max((q for q in (cq, pq) if q), key=quality_rank)
        return (
            value,
            worst,
            {
                "share_city": city,
                "share_city_unit": cu,
                "share_province": prov,
                "share_province_unit": pu,
                "share_province_floor": pb == "at_least",
            },
        )

    rows = []
    for kind, y, status in (
        ("needed", year, "target"),
        ("achieved", year - 1, "actual"),
        ("achieved", year, "actual"),
    ):
        s_year = year - 1 if kind == "needed" else y
        s, s_quality, s_facts = share(s_year)
        henan, hq, _, _ = get("henan", y, status, "growth")
        city, zq, _, _ = get("zhengzhou", y, status, "growth")
        rest = (henan - s * city) / (1 - s) if not pd.isna(s) else math.nan
        grades = [q for q in (s_quality, hq, zq) if q]
        rows.append(
            {
                "kind": kind,
                "year": y,
                "henan_growth": henan,
                "zhengzhou_growth": city,
                "zhengzhou_share": s * 100,
                "rest_growth": rest,
                "quality": max(grades, key=quality_rank) if grades else None,
                "derivation": f"({henan:g} − {s:.4f} × {city:g}) / (1 − {s:.4f})",
                "share_year": s_year,
                **{
                    "share_city": math.nan,
                    "share_city_unit": "",
                    "share_province": math.nan,
                    "share_province_unit": "",
                    "share_province_floor": False,
                    **s_facts,
                },
            }
        )
    return pd.DataFrame.from_records(rows)


# --- would the feasibility measures have predicted it? ----------------------------------------


@memo.on_data
def feasibility_vs_outcome(momentum: float = 1.0) -> pd.DataFrame:
    """For each assessed target, what 04 said in advance beside what happened.

    Only the momentum scenario makes a call: ``momentum_meets`` is its explicit meets/misses at
    ``momentum`` (missing for a series the scenario leaves out) and ``momentum_right`` says
    whether it matched the ``result``. The difficulty class (``required_growth``'s
    ``classification`` for the same indicator and measure) is shown beside the outcome and never
    scored: "harder" says a target asks for more than a fair base, not that it will be missed.
    ``difficulty_counted`` is False where the class belongs to the target of an indicator that
    04's summaries do not count (an indicator with a level and a rate target is counted once).
    Caveat: a handful of outcomes is an anecdote, not a validation.
    """
    card = scorecard()
    card = card[card["result"].isin(["met", "above_band", "missed"])]
    required = required_growth().set_index(["indicator", "measure"])
    scenario = momentum_scenario(momentum).set_index(["indicator", "measure"])["meets"]
    records = []
    for row in card.itertuples(index=False):
        key = (row.indicator, row.measure)
        known = key in required.index
        call = scenario.get(key)
        met = row.result in ("met", "above_band")  # an overshoot reached the target
        records.append(
            {
                **naming(row),
                "result": row.result,
                "quality": row.quality,
                "difficulty": required.loc[key, "classification"] if known else "not_assessed",
                "difficulty_counted": bool(required.loc[key, "counted"]) if known else None,
                "momentum_meets": None if call is None or pd.isna(call) else bool(call),
                "momentum_right": None if call is None or pd.isna(call) else bool(call) == met,
            }
        )
    result = pd.DataFrame.from_records(records)
    for column in ("difficulty_counted", "momentum_meets", "momentum_right"):
        result[column] = result[column].astype("boolean")
    return result


# --- GDP over the years, three levels of government -------------------------------------------


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


# --- the scorecard in numbers: one place for every count a reader sees ----------------------


@dataclass(frozen=True)
class ScorecardFacts:
    """What the scorecard says, counted once: prose, chart titles, site cards and the README
    all read these numbers from here. ``judged`` counts verdicts (met, above_band, missed,
    cannot_tell); each ``*_indicators`` tuple lists (indicator, measure) keys in report order."""

    targets: int
    judged: int
    met: int
    above_band: int
    missed: int
    cannot_tell: int
    derived: int
    sources_disagree: int
    not_assessable: int
    no_outcome_data: int
    indications: int
    met_indicators: tuple[tuple[str, str], ...]
    missed_indicators: tuple[tuple[str, str], ...]
    derived_indicators: tuple[tuple[str, str], ...]
    disagree_indicators: tuple[tuple[str, str], ...]


def scorecard_facts(card: pd.DataFrame | None = None) -> ScorecardFacts:
    """Count the scorecard's results (``card`` defaults to ``scorecard()``)."""
    card = scorecard() if card is None else card
    result = card["result"].astype(str)

    def keys(mask: pd.Series) -> tuple[tuple[str, str], ...]:
        return tuple(
            zip(card.loc[mask, "indicator"], card.loc[mask, "measure"].astype(str), strict=False)
        )

    judged = result.isin(VERDICTS)
    derived = judged & (card["outcome_basis"] == "derived")
    return ScorecardFacts(
        targets=len(card),
        judged=int(judged.sum()),
        met=int((result == "met").sum()),
        above_band=int((result == "above_band").sum()),
        missed=int((result == "missed").sum()),
        cannot_tell=int((result == "cannot_tell").sum()),
        derived=int(derived.sum()),
        sources_disagree=int((result == "sources_disagree").sum()),
        not_assessable=int((result == "not_assessable").sum()),
        no_outcome_data=int((result == "no_outcome_data").sum()),
        indications=int(card["indication_period"].notna().sum()),
        met_indicators=keys(result == "met"),
        missed_indicators=keys(result == "missed"),
        derived_indicators=keys(derived),
        disagree_indicators=keys(result == "sources_disagree"),
    )


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
