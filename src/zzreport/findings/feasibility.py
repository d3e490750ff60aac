"""How hard is each growth target? The growth each target needs against its baseline, and
the difficulty classes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from zzreport.data import memo
from zzreport.data.load import load_external, load_indicators
from zzreport.findings.frames import (
    ACTUAL_YEAR,
    TARGET_YEAR,
    classify,
    geometric_mean_growth,
    naming,
    rows_of,
    sort_in_report_order,
)
from zzreport.findings.pairs import backcast, target_pairs

#: The one "similar" band of the project, for rates: within this many percentage points of
#: the yardstick a target counts as asking for about the same. Why 1 point: it is twice the
#: 0.5-point tolerance the verdicts give a 左右 target (``verdicts.ABOUT_TOLERANCE_PP``), and it is
#: the size of a revision the register records (2022 GDP growth, first about 2%, later 1.0%):
#: a difference smaller than a routine revision says nothing about ambition. 02's direction of
#: travel, 04's difficulty classes and the ratchet all use it.
SIMILAR_BAND_PP = 1.0


#: The same band for a ratio (an increment asked against an increment delivered): within a
#: factor of 1.25 either way (0.8 to 1.25) counts as similar.
SIMILAR_RATIO = 1.25


#: Difficulty of a level target: the increment it asks for divided by the increment of 2023.
STRETCH_THRESHOLDS: tuple[tuple[float, str], ...] = (
    (1 / SIMILAR_RATIO, "easier_than_last_year"),
    (SIMILAR_RATIO, "similar"),
    (2.0, "harder"),
    (math.inf, "much_harder"),
)


#: Difficulty of a growth target: the target minus the yardstick (2023's rate, or the
#: multi-year baseline), in percentage points.
GAP_THRESHOLDS_PP: tuple[tuple[float, str], ...] = (
    (-SIMILAR_BAND_PP, "easier_than_last_year"),
    (SIMILAR_BAND_PP, "similar"),
    (3.0, "harder"),
    (math.inf, "much_harder"),
)


#: Series whose 2023 change is a rebound from a collapse year, decided from the report's
#: wording: 2023's growth or increment is no yardstick for 2024.
REBOUND_SERIES: dict[str, str] = {
    "airport_passengers": "2023 growth (+175%) is a rebound from 2022, a year of pandemic "
    "travel restrictions (the report's note).",
}


#: A multi-year baseline needs at least these years of results.
BASELINE_REQUIRED_YEARS: tuple[int, ...] = (2022, 2023)


DIFFICULTY_ORDER: tuple[str, ...] = ("easier_than_last_year", "similar", "harder", "much_harder")


def _realised_growth(frame: pd.DataFrame) -> dict[str, tuple[float, str]]:
    """2023 growth of each indicator, stated by the report or derived by ``backcast``."""
    realised = {row.indicator: (row.growth_2023, "backcast") for row in backcast().itertuples()}
    stated = rows_of(frame, ACTUAL_YEAR, "actual")
    for row in stated[stated["measure"] == "growth"].itertuples():
        realised[row.indicator] = (row.value, "stated")
    return realised


REVISED = re.compile(r"later[^;]*?(?:says|reported as)\s*\+?(-?\d+(?:\.\d+)?)%")


@memo.on_data
def growth_baseline() -> pd.DataFrame:
    """Zhengzhou's growth over the same years for every indicator with a 2024 growth target
    (``BASELINE_REQUIRED_YEARS``, 2022–2023), and its average: the multi-year baseline.

    One row per indicator: ``years`` (those used), ``values``, ``baseline`` (the geometric mean
    of the growth factors, ``geometric_mean_growth``), ``baseline_revised`` (the same with each
    later revision the register's notes state, e.g. 2022 GDP first about 2%, later 1.0: a
    sensitivity, shown beside the baseline), ``revised`` (True where a revision moved it) and
    ``note`` (the notes on preliminary figures). The baseline is missing unless every year has a
    result: 2022 was a lockdown year and 2023 a rebound, so neither alone is a fair base, and
    earlier years (2020's pandemic, 2021's floods) are left out so that every indicator is
    measured over the same years. Caveat: the figures are first releases (preliminary), and a
    nominal rate's average includes price changes.
    """
    report, external = load_indicators(), load_external()
    targets = rows_of(report, TARGET_YEAR, "target")
    targets = targets[(targets["measure"] == "growth") & targets["value"].notna()]
    city = external[
        (external["geo"] == "zhengzhou")
        & (external["period"] == "year")
        & (external["status"] == "actual")
        & (external["measure"] == "growth")
        & (external["year"].isin(BASELINE_REQUIRED_YEARS))
    ]
    actual = rows_of(report, ACTUAL_YEAR, "actual")
    records = []
    for indicator in dict.fromkeys(targets["indicator"]):
        values: dict[int, float] = {}
        revised: dict[int, float] = {}
        notes = []
        own = actual[(actual["indicator"] == indicator) & (actual["measure"] == "growth")]
        if len(own):
            values[ACTUAL_YEAR] = float(own["value"].iloc[0])  # the report: primary
        for row in city[city["indicator"] == indicator].sort_values("year").itertuples():
            values.setdefault(int(row.year), float(row.value))
            note = str(row.note or "")
            match = REVISED.search(note)
            if match:
                revised[int(row.year)] = float(match.group(1))
            if "preliminary" in note:
                notes.append(f"{row.year}: {note}")
        years = sorted(values)
        enough = all(y in values for y in BASELINE_REQUIRED_YEARS)
        mean = geometric_mean_growth([values[y] for y in years]) if enough else math.nan
        mean_revised = (
            geometric_mean_growth([revised.get(y, values[y]) for y in years])
            if enough
            else math.nan
        )
        records.append(
            {
                "indicator": indicator,
                "years": tuple(years),
                "values": tuple(values[y] for y in years),
                "baseline": mean,
                "baseline_revised": mean_revised,
                "revised": bool(enough and any(y in revised for y in years)),
                "note": "; ".join(notes),
            }
        )
    return pd.DataFrame.from_records(records)


@memo.on_data
def required_growth() -> pd.DataFrame:
    """For each target with a 2023 result, how much it asks for against a fair yardstick.

    Growth targets: ``gap_pp`` = target − 2023 growth (``difficulty``) and ``gap_baseline_pp``
    = target − the multi-year baseline of ``growth_baseline`` (``difficulty_baseline``), both
    classed by ``GAP_THRESHOLDS_PP`` (the project's one similar band, ``SIMILAR_BAND_PP``).
    Level targets (flow, stock): not growth rates, which flatter a target after a year of
    growth from a small base, but increments: ``increment_required`` = target − 2023 level
    against ``increment_2023`` = 2023 level − 2022 level (stated or derived by ``backcast``);
    ``stretch`` = their ratio, classed by ``STRETCH_THRESHOLDS``. ``classification`` is the
    class on the fairest base available and ``basis`` says which: ``baseline`` (growth target
    with a multi-year baseline), ``2023_rate`` (growth target without one) or
    ``2023_increment`` (level target). A series in ``REBOUND_SERIES`` is not classed
    (``rebound_base``); pairs that are not like for like are kept but not classed.
    ``counted`` is True on one row per indicator — for an indicator with two targets (a level
    and a rate), the one that asks for more growth — so that summaries count it once.
    ``price_basis`` says whether a rate is real or nominal. Caveat: a yardstick is not a forecast.
    """
    frame = load_indicators()
    pairs = target_pairs()
    pairs = pairs[pairs["measure"].isin(["flow", "stock", "growth"]) & pairs["target"].notna()]
    realised = _realised_growth(frame)
    previous = backcast().set_index(["indicator", "measure"])["value_2022"]
    baselines = growth_baseline().set_index("indicator")
    basis_of = (
        frame[frame["measure"] == "growth"]
        .dropna(subset=["price_basis"])
        .drop_duplicates("indicator")
        .set_index("indicator")["price_basis"]
    )
    records = []
    for row in pairs.itertuples(index=False):
        is_rate = row.measure == "growth"
        required = row.target if is_rate else row.change_pct
        last, source = (
            (row.actual, "stated")
            if is_rate
            else realised.get(row.indicator, (math.nan, "unknown"))
        )
        gap = required - last
        base = (
            baselines.loc[row.indicator] if (is_rate and row.indicator in baselines.index) else None
        )
        baseline = float(base["baseline"]) if base is not None else math.nan
        increment_required = math.nan if is_rate else row.target - row.actual
        value_2022 = previous.get((row.indicator, row.measure), math.nan)
        increment_2023 = math.nan if is_rate else row.actual - value_2022
        stretch = (
            increment_required / increment_2023 if not is_rate and increment_2023 > 0 else math.nan
        )
        difficulty_baseline = None
        if not row.comparable:
            difficulty = classification = "not_comparable"
            basis = ""
        elif row.indicator in REBOUND_SERIES:
            difficulty = classification = "rebound_base"
            basis = ""
        elif is_rate:
            difficulty = classify(gap, GAP_THRESHOLDS_PP)
            difficulty_baseline = classify(required - baseline, GAP_THRESHOLDS_PP)
            classification = difficulty_baseline or difficulty
            basis = "baseline" if difficulty_baseline else "2023_rate"
        else:
            difficulty = classify(stretch, STRETCH_THRESHOLDS)
            classification, basis = difficulty, "2023_increment" if difficulty else ""
        records.append(
            {
                **naming(row),
                "kind": "rate" if is_rate else "level",
                "unit": row.unit,
                "actual": row.actual,
                "target": row.target,
                "bound": row.bound,
                "price_basis": basis_of.get(row.indicator) if is_rate else None,
                "required_growth": required,
                "realised_growth": last,
                "realised_source": source,
                "gap_pp": gap if is_rate else math.nan,
                "baseline": baseline,
                "baseline_years": (
                    ", ".join(str(y) for y in base["years"])
                    if base is not None and not pd.isna(baseline)
                    else ""
                ),
                "baseline_revised": float(base["baseline_revised"])
                if base is not None
                else math.nan,
                "gap_baseline_revised_pp": (
                    required - float(base["baseline_revised"])
                    if is_rate and base is not None
                    else math.nan
                ),
                "difficulty_baseline_revised": (
                    classify(required - float(base["baseline_revised"]), GAP_THRESHOLDS_PP) or ""
                    if is_rate and base is not None
                    else ""
                ),
                "baseline_note": str(base["note"]) if base is not None else "",
                "gap_baseline_pp": required - baseline if is_rate else math.nan,
                "increment_required": increment_required,
                "increment_2023": increment_2023,
                "stretch": stretch,
                "difficulty": difficulty or "no_2023_growth_known",
                "difficulty_baseline": difficulty_baseline or "",
                "classification": classification or "no_2023_growth_known",
                "basis": basis,
                "comparable": row.comparable,
                "caveat": row.caveat,
            }
        )
    result = sort_in_report_order(pd.DataFrame.from_records(records), frame, "measure")
    order = result.assign(_req=result["required_growth"].fillna(-math.inf))
    keep = order.sort_values("_req", ascending=False, kind="stable").drop_duplicates("indicator")
    result["counted"] = result.index.isin(keep.index)
    return result


def difficulty_summary(required: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many targets fall in each difficulty class, counting each indicator once, against
    2023 (``against_2023``) and on the fair base (``fair_base``, ``required_growth``'s
    ``classification``). Caveat: "similar" is not "will be met"."""
    required = required_growth() if required is None else required
    counted = required[required["counted"]]
    rows = []
    for label in DIFFICULTY_ORDER:
        rows.append(
            {
                "difficulty": label,
                "against_2023": int((counted["difficulty"] == label).sum()),
                "fair_base": int((counted["classification"] == label).sum()),
            }
        )
    return pd.DataFrame.from_records(rows)


@dataclass(frozen=True)
class DifficultyFacts:
    """How many targets fall in each difficulty class (notebook 04), each indicator counted
    once: ``fair_base`` on the fair base (the finding), ``against_2023`` against 2023 alone;
    ``classed`` is the number classed on the fair base."""

    fair_base: dict[str, int]
    against_2023: dict[str, int]
    classed: int


def difficulty_facts(required: pd.DataFrame | None = None) -> DifficultyFacts:
    """``difficulty_summary`` as a record, keyed by the slugs of ``DIFFICULTY_ORDER``."""
    summary = difficulty_summary(required).set_index("difficulty")
    fair = {k: int(summary["fair_base"].get(k, 0)) for k in DIFFICULTY_ORDER}
    last = {k: int(summary["against_2023"].get(k, 0)) for k in DIFFICULTY_ORDER}
    return DifficultyFacts(fair_base=fair, against_2023=last, classed=sum(fair.values()))
