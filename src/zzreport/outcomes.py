"""Did the targets hold? The 2024 targets against published outcomes, the city's record of
setting and meeting targets, and the city's targets beside Henan's and China's.

Outcomes come only from ``load_external()``; each carries its source's quality grade, and an
indicator without an outcome stays in every table as ``no outcome data`` — never dropped,
never guessed.
"""

from __future__ import annotations

import math

import pandas as pd

from .analysis import (TARGET_YEAR, growth_pct, meets_target, momentum_scenario,
                       required_growth, sort_in_report_order)
from .data import load_external, load_indicators
from .units import convert

OUTCOME_RESULTS: tuple[str, ...] = ("met", "missed", "no outcome data", "not assessable")
#: Indicators where a lower figure is the more ambitious target (a ceiling).
LOWER_IS_AMBITIOUS: frozenset[str] = frozenset({"unemployment_rate"})
REPORT_SOURCE = "郑州市2024年政府工作报告 (正观新闻·郑州晚报)"


def _outcomes(external: pd.DataFrame, geo: str, year: int) -> pd.DataFrame:
    rows = external[(external["geo"] == geo) & (external["year"] == year)
                    & (external["period"] == "year") & (external["status"] == "actual")]
    return rows.set_index(["indicator", "measure"])


# --- the scorecard --------------------------------------------------------------------------

def scorecard() -> pd.DataFrame:
    """Every 2024 target of the report with its 2024 outcome where one is published.

    ``result`` is ``met`` or ``missed`` under the target's bound (``meets_target``: at_least met
    at equality, about within the documented tolerance), ``no outcome data`` where the sources
    have none for the same indicator and measure, and ``not assessable`` where an outcome
    exists but the target states no number. ``margin`` is outcome − target in points for rates
    and (outcome / target − 1) × 100 for levels (``margin_unit``). An outcome stated as a floor
    (突破110万辆) is judged at that floor (``outcome_bound``). Only full-year outcomes count.
    Caveat: 2024 outcomes are preliminary, and most come from reposted articles (``quality``).
    """
    report, external = load_indicators(), load_external()
    targets = report[(report["year"] == TARGET_YEAR) & (report["status"] == "target")]
    outcomes = _outcomes(external, "zhengzhou", TARGET_YEAR)
    records = []
    for row in targets.itertuples(index=False):
        key = (row.indicator, row.measure)
        found = outcomes.loc[key] if key in outcomes.index else None
        record = {
            "indicator": row.indicator, "section": row.section, "name_zh": row.name_zh,
            "name_en": row.name_en, "measure": row.measure, "unit": row.unit,
            "target": row.value, "bound": row.bound, "outcome": math.nan,
            "outcome_bound": None, "result": "no outcome data", "margin": math.nan,
            "margin_unit": "pp" if row.measure in ("growth", "share") else "%",
            "quality": None, "source": None, "source_url": None, "outcome_note": "",
        }
        if found is not None:
            outcome = convert(found["value"], found["unit"], row.unit)
            record.update(outcome=outcome, outcome_bound=found["bound"],
                          quality=found["quality"], source=found["source"],
                          source_url=found["source_url"], outcome_note=found["note"])
            if pd.isna(row.value):
                record["result"] = "not assessable"
            else:
                met = meets_target(outcome, row.value, row.bound, row.measure)
                record["result"] = "met" if met else "missed"
                record["margin"] = (outcome - row.value if row.measure in ("growth", "share")
                                    else growth_pct(outcome, row.value))
        records.append(record)
    result = pd.DataFrame.from_records(records)
    result["result"] = pd.Categorical(result["result"], categories=list(OUTCOME_RESULTS))
    result["quality"] = pd.Categorical(result["quality"],
                                       categories=external["quality"].cat.categories)
    return sort_in_report_order(result, report, "measure")


# --- the city's record ----------------------------------------------------------------------

def track_record() -> pd.DataFrame:
    """Zhengzhou's targets against its results, for every year and indicator the sources cover.

    One row per (indicator, measure, year) with a target or a result, for every indicator with
    a target in at least one year (rates and shares): the report supplies the
    2023 results and 2024 targets (the primary source, preferred where the two overlap), the
    external register the rest. ``gap`` is result − target in points; ``met`` follows the
    target's bound. Years with a result but no published target (2020, 2021) are kept with the
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
            "target": math.nan, "bound": None, "target_source": None, "target_quality": None,
            "actual": math.nan, "actual_bound": None, "actual_source": None,
            "actual_quality": None, "note": ""})
        if kind == "target" and pd.isna(entry["target"]):
            entry.update(target=row.value, bound=row.bound, target_source=source,
                         target_quality=quality)
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
        entry["met"] = (meets_target(entry["actual"], entry["target"], entry["bound"],
                                     entry["measure"]) if has_both else None)
        records.append(entry)
    result = pd.DataFrame.from_records(records)
    result["met"] = result["met"].astype("boolean")
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
            "hit_rate": float(past["met"].astype(float).mean()) if len(past) else math.nan,
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
        sign = -1 if row.indicator in LOWER_IS_AMBITIOUS else 1
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
    card = card[card["result"].isin(["met", "missed"])]
    difficulty = required_growth().set_index(["indicator", "measure"])["difficulty"]
    scenario = momentum_scenario(momentum).set_index(["indicator", "measure"])["meets"]
    records = []
    for row in card.itertuples(index=False):
        key = (row.indicator, row.measure)
        cls = difficulty.get(key)
        predicted = (cls in PREDICTS_MET) if cls in (*PREDICTS_MET, "harder", "much harder") \
            else None
        meets = scenario.get(key)
        met = row.result == "met"
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
