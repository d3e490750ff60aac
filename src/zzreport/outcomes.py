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

from . import schema
from .analysis import (TARGET_YEAR, growth_pct, momentum_scenario, required_growth,
                       sort_in_report_order)
from .data import load_external, load_indicators
from .provenance import decimals
from .units import convert, convertible
from .verdicts import VERDICTS, judge
from .verdicts import margin as verdict_margin

#: Every result the scorecard gives: the verdicts (``verdicts.VERDICTS``), then why a target
#: has none. Slugs: display code translates them.
OUTCOME_RESULTS: tuple[str, ...] = ("met", "above_band", "missed", "cannot_tell",
                                    "sources_disagree", "not_assessable", "no_outcome_data")
#: Why a target is left without a verdict, or what to bear in mind about one.
REASONS: tuple[str, ...] = ("", "target_unquantified", "outcome_not_comparable",
                            "different_counting_bases", "values_differ", "only_part_year",
                            "none_published")
REPORT_SOURCE = "郑州市2024年政府工作报告 (正观新闻·郑州晚报)"
#: Outcome levels whose own stated growth implies a base this far (relative) from the report's
#: 2023 level get a caveat: the outlet may have attached the growth to another figure.
IMPLIED_BASE_TOLERANCE = 0.02
#: Growth stated right after a level in an outcome's quote: "62.6萬輛、同比增長112.9%".
STATED_GROWTH = re.compile(r"^[^\d]{0,12}?增[长長]\s*(\d+(?:\.\d+)?)\s*%")


def _outcomes(external: pd.DataFrame, geo: str, year: int) -> pd.DataFrame:
    rows = external[(external["geo"] == geo) & (external["year"] == year)
                    & (external["period"] == "year") & (external["status"] == "actual")]
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
    ordered = sorted((row for _, row in rows.iterrows()),
                     key=lambda r: (r["bound"] != "exact", quality_rank(r["quality"])))
    if len(ordered) == 1:
        return ordered[0], [], ""
    if any(not convertible(a["unit"], b["unit"]) for a in ordered for b in ordered):
        return None, ordered, "different_counting_bases"
    base = ordered[0]["unit"] if not convertible(ordered[0]["unit"], unit) else unit
    places = min(decimals(f"{row['value']:g}") for row in ordered)
    intervals = [_interval(convert(row["value"], row["unit"], base), str(row["bound"]), places)
                 for row in ordered]
    low, high = max(i[0] for i in intervals), min(i[1] for i in intervals)
    if low > high:
        return None, ordered, "values_differ"
    return ordered[0], ordered[1:], ""


def _source_label(row: pd.Series) -> str:
    return f"{row['source']} ({row['quality']})"


# --- part-year indications -------------------------------------------------------------------

def _indication(external: pd.DataFrame, target: pd.Series) -> dict[str, object]:
    """A part-year figure beside a target with no full-year outcome: for a flow, the share of
    the annual target reached against the share of the year elapsed; for a rate, the rate."""
    rows = external[(external["geo"] == "zhengzhou") & (external["year"] == TARGET_YEAR)
                    & (external["status"] == "actual") & (external["period"] != "year")
                    & (external["indicator"] == target["indicator"])
                    & (external["measure"] == target["measure"])]
    if rows.empty or pd.isna(target["value"]):
        return {}
    row = sorted((r for _, r in rows.iterrows()),
                 key=lambda r: (-schema.period_months(r["period"])[1], quality_rank(r["quality"])))[0]
    first, last = schema.period_months(row["period"])
    record: dict[str, object] = {
        "indication_period": row["period"], "indication_value": row["value"],
        "indication_unit": row["unit"], "indication_quality": row["quality"],
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
    match = STATED_GROWTH.search(quote[position + len(number):]) if position >= 0 else None
    base = report[(report["indicator"] == row["indicator"]) & (report["measure"] == "flow")
                  & (report["year"] == TARGET_YEAR - 1) & (report["status"] == "actual")]
    if match is None or base.empty:
        return {}
    growth = float(match.group(1))
    implied = convert(row["value"], row["unit"], base["unit"].iloc[0]) / (1 + growth / 100)
    stated = float(base["value"].iloc[0])
    if abs(implied / stated - 1) <= IMPLIED_BASE_TOLERANCE:
        return {}
    return {"caveat": "implied_base_differs", "caveat_growth": growth,
            "caveat_implied_base": implied, "caveat_report_base": stated,
            "caveat_unit": base["unit"].iloc[0]}


def _blank(row) -> dict[str, object]:
    return {
        "indicator": row.indicator, "section": row.section, "name_zh": row.name_zh,
        "name_en": row.name_en, "measure": row.measure, "unit": row.unit,
        "target": row.value, "bound": row.bound, "direction": row.direction,
        "stretch": "力争" in str(row.quote) or "力争" in str(row.note),
        "result": "no_outcome_data", "reason": "none_published",
        "outcome": math.nan, "outcome_unit": None, "outcome_bound": None,
        "outcome_basis": None, "derivation": "", "margin": math.nan, "margin_bound": None,
        "margin_unit": "pp" if row.measure in ("growth", "share") else "%",
        "quality": None, "source": None, "source_url": None, "outcome_note": "",
        "corroboration": "", "n_sources": 0, "alternatives": (),
        "caveat": "", "caveat_growth": math.nan, "caveat_implied_base": math.nan,
        "caveat_report_base": math.nan, "caveat_unit": None,
        "indication_period": None, "indication_value": math.nan, "indication_unit": None,
        "indication_quality": None, "indication_source": None,
        "indication_share_of_target": math.nan, "indication_share_of_year": math.nan,
    }


def _basis(row: pd.Series) -> str:
    if str(row["derivation"]).strip():
        return "derived"
    return {"at_least": "floor", "at_most": "ceiling", "about": "approximate"}.get(
        str(row["bound"]), "stated")


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
    ``corroboration``. Caveat: 2024 outcomes are preliminary first releases — what officials
    are judged on — and most come from reposted articles (``quality``).
    """
    report, external = load_indicators(), load_external()
    targets = report[(report["year"] == TARGET_YEAR) & (report["status"] == "target")]
    city = external[(external["geo"] == "zhengzhou") & (external["year"] == TARGET_YEAR)
                    & (external["period"] == "year") & (external["status"] == "actual")]
    records = []
    for row in targets.itertuples(index=False):
        record = _blank(row)
        if pd.isna(row.value):
            found = city[city["indicator"] == row.indicator]
        else:
            found = city[(city["indicator"] == row.indicator) & (city["measure"] == row.measure)]
        if found.empty:
            indication = _indication(external, pd.Series(row._asdict()))
            if indication:
                record.update(indication, reason="only_part_year")
            records.append(record)
            continue
        record["n_sources"] = len(found)
        if pd.isna(row.value):
            lead = sorted((r for _, r in found.iterrows()),
                          key=lambda r: quality_rank(r["quality"]))[0]
            record.update(_describe(lead), result="not_assessable", reason="target_unquantified")
            records.append(record)
            continue
        lead, others, disagreement = reconcile(found, row.unit)
        if lead is None:
            record.update(result="sources_disagree", reason=disagreement,
                          alternatives=tuple(_alternative(r, row.value, row.unit, row.measure)
                                             for r in others))
            records.append(record)
            continue
        record.update(_describe(lead), corroboration="; ".join(_source_label(r) for r in others))
        if not convertible(lead["unit"], row.unit):
            record.update(result="not_assessable", reason="outcome_not_comparable")
            records.append(record)
            continue
        outcome = convert(lead["value"], lead["unit"], row.unit)
        verdict = judge(outcome, str(lead["bound"]), row.value, str(row.bound),
                        str(row.direction), str(row.measure))
        record.update(outcome=outcome, outcome_unit=row.unit, result=verdict.result, reason="",
                      margin=verdict.margin, margin_bound=verdict.margin_bound)
        record.update(_implied_base(lead, report))
        records.append(record)
    result = pd.DataFrame.from_records(records)
    result["result"] = pd.Categorical(result["result"], categories=list(OUTCOME_RESULTS))
    result["quality"] = pd.Categorical(result["quality"],
                                       categories=external["quality"].cat.categories)
    return sort_in_report_order(result, report, "measure")


def judged(card: pd.DataFrame) -> pd.DataFrame:
    """The scorecard's rows that have a verdict (met, above_band, missed, cannot_tell)."""
    return card[card["result"].isin(VERDICTS)]


def _describe(row: pd.Series) -> dict[str, object]:
    return {"outcome": row["value"], "outcome_unit": row["unit"], "outcome_bound": row["bound"],
            "outcome_basis": _basis(row), "derivation": str(row["derivation"]),
            "quality": row["quality"], "source": row["source"], "source_url": row["source_url"],
            "outcome_note": row["note"]}


def _alternative(row: pd.Series, target: float, unit: str, measure: str) -> dict[str, object]:
    """One of several disagreeing sources, with its margin on the target where its unit
    converts to the target's (NaN where it counts on another basis)."""
    comparable = convertible(row["unit"], unit)
    return {"value": float(row["value"]), "unit": str(row["unit"]), "bound": str(row["bound"]),
            "source": str(row["source"]), "quality": str(row["quality"]),
            "source_url": str(row["source_url"]), "note": str(row["note"]),
            "margin": (verdict_margin(convert(row["value"], row["unit"], unit), target, measure)
                       if comparable else math.nan)}


# --- the city's record ----------------------------------------------------------------------

def track_record() -> pd.DataFrame:
    """Zhengzhou's targets against its results, for every year and indicator the sources cover.

    One row per (indicator, measure, year) with a target or a result, for every indicator with
    a target in at least one year (rates and shares): the report supplies the
    2023 results and 2024 targets (the primary source, preferred where the two overlap), the
    external register the rest. ``gap`` is result − target in points; ``result`` follows the
    target's bound and direction (``result``: a slug of ``verdicts.VERDICTS``; an outcome
    stated 左右, such as 2022's GDP, is judged as a point). Years with a result but no published target (2020, 2021) are kept with the
    target missing. ``target_quality``/``actual_quality`` grade the source (``primary``: the
    report itself). Caveat: early results are preliminary estimates (2022 GDP was first about
    2%, later 1.0%), noted on the rows.
    """
    report, external = load_indicators(), load_external()
    city = external[(external["geo"] == "zhengzhou") & (external["period"] == "year")
                     & (external["measure"].isin(["growth", "share"]))]
    targets_from_report = report[(report["measure"].isin(["growth", "share"]))
                                 & report["value"].notna()]
    entries: dict[tuple[str, str, int], dict[str, object]] = {}

    def put(row, kind: str, source: str, quality: str | None, note: str) -> None:
        key = (row.indicator, str(row.measure), int(row.year))
        entry = entries.setdefault(key, {
            "indicator": row.indicator, "section": row.section, "name_zh": row.name_zh,
            "name_en": row.name_en, "measure": str(row.measure), "year": int(row.year),
            "target": math.nan, "bound": None, "direction": None, "target_source": None,
            "target_quality": None,
            "actual": math.nan, "actual_bound": None, "actual_source": None,
            "actual_quality": None, "note": ""})
        if kind == "target" and pd.isna(entry["target"]):
            entry.update(target=row.value, bound=row.bound, direction=row.direction,
                         target_source=source, target_quality=quality)
        elif kind == "actual" and pd.isna(entry["actual"]):
            entry.update(actual=row.value, actual_bound=row.bound, actual_source=source,
                         actual_quality=quality)
        if note:
            entry["note"] = "; ".join(filter(None, [str(entry["note"]), note]))

    for row in targets_from_report.itertuples(index=False):  # the primary source first
        put(row, str(row.status), REPORT_SOURCE, "primary", "")
    for row in city.itertuples(index=False):
        put(row, str(row.status), row.source, str(row.quality), row.note)
    with_targets = {indicator for (indicator, _, _), e in entries.items()
                    if not pd.isna(e["target"])}
    names = report.drop_duplicates("indicator").set_index("indicator")[
        ["name_zh", "name_en", "section"]]
    records = []
    for (indicator, _, _), entry in entries.items():
        if indicator not in with_targets:
            continue  # a result with no target in any year says nothing about target-setting
        if indicator in names.index:  # one name per indicator: the report's
            entry.update(name_zh=names.at[indicator, "name_zh"],
                         name_en=names.at[indicator, "name_en"],
                         section=names.at[indicator, "section"])
        has_both = not (pd.isna(entry["target"]) or pd.isna(entry["actual"]))
        entry["gap"] = entry["actual"] - entry["target"] if has_both else math.nan
        entry["result"] = (judge(entry["actual"], str(entry["actual_bound"]), entry["target"],
                                 str(entry["bound"]), str(entry["direction"]),
                                 entry["measure"]).result if has_both else None)
        records.append(entry)
    result = pd.DataFrame.from_records(records)
    return sort_in_report_order(result, report, "measure", "year")


def record_summary(before: int = TARGET_YEAR) -> pd.DataFrame:
    """Per indicator: how far results fell short of or exceeded targets in the years before
    ``before``, and what the 2024 target looks like in that light.

    ``mean_gap`` is the average of result − target (points; negative: the city undershoots);
    ``hit_rate`` the share of targets met; ``record_adjusted_2024`` the 2024 target plus the
    mean gap — what the record alone would lead one to expect. ``outcome_2024`` is the
    published result where one exists, graded by ``outcome_quality``. Caveat: a record of one or two years is thin.
    """
    record = track_record()
    rows = []
    for indicator, group in record.groupby("indicator", sort=False):
        past = group[(group["year"] < before) & group["gap"].notna()]
        now = group[group["year"] == TARGET_YEAR]
        target_2024 = float(now["target"].iloc[0]) if len(now) else math.nan
        outcome_2024 = float(now["actual"].iloc[0]) if len(now) else math.nan
        outcome_quality = now["actual_quality"].iloc[0] if len(now) else None
        mean_gap = float(past["gap"].mean()) if len(past) else math.nan
        rows.append({
            "indicator": indicator, "section": group["section"].iloc[0],
            "name_zh": group["name_zh"].iloc[0], "name_en": group["name_en"].iloc[0],
            "years": ", ".join(str(y) for y in past["year"]), "n_years": len(past),
            "mean_gap": mean_gap,
            "hit_rate": float((past["result"] == "met").mean()) if len(past) else math.nan,
            "target_2024": target_2024, "record_adjusted_2024": target_2024 + mean_gap,
            "outcome_2024": outcome_2024, "outcome_quality": outcome_quality,
        })
    result = pd.DataFrame.from_records(rows)
    return result[result["n_years"] > 0].reset_index(drop=True)


# --- China → Henan → Zhengzhou ---------------------------------------------------------------

def target_ladder(year: int = TARGET_YEAR) -> pd.DataFrame:
    """The city's rate targets beside Henan's and China's, and what happened.

    ``escalates`` is True where each level below sets a more ambitious target than the level
    above it (层层加码: higher growth; for a ceiling such as unemployment, lower), False where
    not. Each external figure carries its source grade (``*_quality``). ``target_premium`` is Zhengzhou's target minus the
    highest level with a target (China, else Henan); ``outcome_premium`` the same for results;
    ``falls_back`` is True where the city's lead in results is smaller than in targets.
    Caveat: Henan's 2024 GDP result comes from a low-quality source (see the quality columns).
    """
    report, external = load_indicators(), load_external()
    city_targets = report[(report["year"] == year) & (report["status"] == "target")
                          & report["measure"].isin(["growth", "share"]) & report["value"].notna()]
    others = external[(external["year"] == year) & (external["period"] == "year")]
    records = []
    for row in city_targets.itertuples(index=False):
        same = others[(others["indicator"] == row.indicator) & (others["measure"] == row.measure)]

        def pick(geo: str, status: str) -> tuple[float, str | None]:
            match = same[(same["geo"] == geo) & (same["status"] == status)]
            if match.empty:
                return math.nan, None
            return float(match["value"].iloc[0]), str(match["quality"].iloc[0])

        china_t, china_tq = pick("china", "target")
        henan_t, henan_tq = pick("henan", "target")
        if pd.isna(china_t) and pd.isna(henan_t):
            continue
        china_a, china_q = pick("china", "actual")
        henan_a, henan_q = pick("henan", "actual")
        city_a, city_q = pick("zhengzhou", "actual")
        ladder = [v for v in (china_t, henan_t, row.value) if not pd.isna(v)]
        sign = -1 if row.direction == "down" else 1  # a ceiling: lower is more ambitious
        escalates = all(sign * (low - high) > 0 for high, low in zip(ladder, ladder[1:]))
        top_t = china_t if not pd.isna(china_t) else henan_t
        top_a = china_a if not pd.isna(china_t) else henan_a
        target_premium = row.value - top_t
        outcome_premium = city_a - top_a
        records.append({
            "indicator": row.indicator, "section": row.section, "name_zh": row.name_zh,
            "name_en": row.name_en, "measure": row.measure,
            "china_target": china_t, "china_target_quality": china_tq,
            "henan_target": henan_t, "henan_target_quality": henan_tq,
            "zhengzhou_target": row.value,
            "escalates": escalates,
            "china_actual": china_a, "china_quality": china_q,
            "henan_actual": henan_a, "henan_quality": henan_q,
            "zhengzhou_actual": city_a, "zhengzhou_quality": city_q,
            "target_premium": target_premium, "outcome_premium": outcome_premium,
            "falls_back": (bool(sign * outcome_premium < sign * target_premium)
                           if not pd.isna(outcome_premium) else None),
        })
    result = pd.DataFrame.from_records(records)
    result["falls_back"] = result["falls_back"].astype("boolean")
    return sort_in_report_order(result, report)


# --- would the feasibility measures have predicted it? ----------------------------------------

#: Difficulty classes read as a prediction that the target would be met.
PREDICTS_MET: frozenset[str] = frozenset({"easier than last year", "similar"})


def feasibility_vs_outcome(momentum: float = 1.0) -> pd.DataFrame:
    """For each assessed target, what ``required_growth`` and ``momentum_scenario`` said in
    advance against what happened.

    ``difficulty_predicts_met`` is True for *easier* or *similar* targets; ``momentum_meets``
    is the scenario's verdict at ``momentum``; ``*_right`` says whether each matched the
    ``result``. Caveat: a handful of outcomes is an anecdote, not a validation.
    """
    card = scorecard()
    card = card[card["result"].isin(["met", "above_band", "missed"])]
    difficulty = required_growth().set_index(["indicator", "measure"])["difficulty"]
    scenario = momentum_scenario(momentum).set_index(["indicator", "measure"])["meets"]
    records = []
    for row in card.itertuples(index=False):
        key = (row.indicator, row.measure)
        cls = difficulty.get(key)
        predicted = (cls in PREDICTS_MET) if cls in (*PREDICTS_MET, "harder", "much harder") \
            else None
        meets = scenario.get(key)
        met = row.result in ("met", "above_band")  # an overshoot reached the target
        records.append({
            "indicator": row.indicator, "section": row.section, "name_zh": row.name_zh,
            "name_en": row.name_en, "measure": row.measure, "result": row.result,
            "quality": row.quality, "difficulty": cls if cls is not None else "not assessed",
            "difficulty_predicts_met": predicted,
            "difficulty_right": None if predicted is None else predicted == met,
            "momentum_meets": None if meets is None or pd.isna(meets) else bool(meets),
            "momentum_right": None if meets is None or pd.isna(meets) else bool(meets) == met,
        })
    result = pd.DataFrame.from_records(records)
    for column in ("difficulty_predicts_met", "difficulty_right", "momentum_meets",
                   "momentum_right"):
        result[column] = result[column].astype("boolean")
    return result


# --- GDP over the years, three levels of government -------------------------------------------

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
        rows.append({"geo": "zhengzhou", "year": int(row.year), "status": str(row.status),
                     "value": row.value, "bound": str(row.bound), "quality": "primary",
                     "note": row.note})
    have = {(r["geo"], r["year"], r["status"]) for r in rows}
    gdp = external[(external["indicator"] == "gdp") & (external["measure"] == "growth")
                   & (external["period"] == "year")]
    for row in gdp.itertuples(index=False):
        key = (str(row.geo), int(row.year), str(row.status))
        if key not in have:
            rows.append({"geo": key[0], "year": key[1], "status": key[2], "value": row.value,
                         "bound": str(row.bound), "quality": str(row.quality), "note": row.note})
    result = pd.DataFrame.from_records(rows)
    result["geo"] = pd.Categorical(result["geo"], categories=["china", "henan", "zhengzhou"],
                                   ordered=True)
    return result.sort_values(["geo", "year", "status"], kind="stable").reset_index(drop=True)


def national_lead() -> pd.DataFrame:
    """How far above the national pace each 2024 rate target sits, against the lead the city
    actually had in 2023.

    ``lead_2023`` = Zhengzhou's 2023 result − China's 2023 result; ``lead_asked`` = the 2024
    target − China's 2023 result (the latest national pace known when the target was set);
    ``change`` = lead_asked − lead_2023 (negative: the target asks for a smaller lead than the
    city just had). Caveat: China's 2023 figures are reported, not official releases (see
    ``china_quality``), and a national pace is only a yardstick for a city.
    """
    report, external = load_indicators(), load_external()
    actual = report[(report["year"] == TARGET_YEAR - 1) & (report["status"] == "actual")]
    target = report[(report["year"] == TARGET_YEAR) & (report["status"] == "target")]
    china = external[(external["geo"] == "china") & (external["year"] == TARGET_YEAR - 1)
                     & (external["status"] == "actual") & (external["period"] == "year")]
    records = []
    for row in target[target["measure"].isin(["growth", "share"])
                      & target["value"].notna()].itertuples(index=False):
        city = actual[(actual["indicator"] == row.indicator) & (actual["measure"] == row.measure)]
        nation = china[(china["indicator"] == row.indicator) & (china["measure"] == row.measure)]
        if city.empty or nation.empty:
            continue
        city_2023, china_2023 = float(city["value"].iloc[0]), float(nation["value"].iloc[0])
        records.append({
            "indicator": row.indicator, "section": row.section, "name_zh": row.name_zh,
            "name_en": row.name_en, "measure": row.measure, "zhengzhou_2023": city_2023,
            "china_2023": china_2023, "china_quality": str(nation["quality"].iloc[0]),
            "target_2024": row.value, "lead_2023": city_2023 - china_2023,
            "lead_asked": row.value - china_2023,
            "change": (row.value - china_2023) - (city_2023 - china_2023),
        })
    return sort_in_report_order(pd.DataFrame.from_records(records), report)


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
        return tuple(zip(card.loc[mask, "indicator"], card.loc[mask, "measure"].astype(str)))

    judged = result.isin(VERDICTS)
    derived = judged & (card["outcome_basis"] == "derived")
    return ScorecardFacts(
        targets=len(card), judged=int(judged.sum()), met=int((result == "met").sum()),
        above_band=int((result == "above_band").sum()), missed=int((result == "missed").sum()),
        cannot_tell=int((result == "cannot_tell").sum()), derived=int(derived.sum()),
        sources_disagree=int((result == "sources_disagree").sum()),
        not_assessable=int((result == "not_assessable").sum()),
        no_outcome_data=int((result == "no_outcome_data").sum()),
        indications=int(card["indication_period"].notna().sum()),
        met_indicators=keys(result == "met"), missed_indicators=keys(result == "missed"),
        derived_indicators=keys(derived), disagree_indicators=keys(result == "sources_disagree"))
