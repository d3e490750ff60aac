"""The analysis: 2024 targets against 2023 results, the 2022 levels they imply, how hard each
target is, whether the report's figures agree with each other, and a momentum scenario.

Every function reads the validated data through ``load_indicators`` and returns a tidy
DataFrame sorted in report order: by theme (the report's eight sections, in order), then by the
position of the indicator's first row in ``data/indicators.csv`` (which follows the text).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from zzreport.data import memo
from zzreport.data.load import load_external, load_indicators
from zzreport.data.units import convert
from zzreport.findings.verdicts import ABOUT_TOLERANCE_PP, ABOUT_TOLERANCE_RELATIVE, meets  # noqa: F401

ACTUAL_YEAR, TARGET_YEAR = 2023, 2024


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

#: Stocks whose 2023 additions the report states, so that the 2022 level is stock − additions.
STOCK_ADDITIONS: dict[str, str] = {
    "national_key_labs": "new_national_key_labs",
    "provincial_labs": "new_provincial_labs",
}


#: Pairs whose wording shows whether they are like for like: True when they are (a caveat
#: still worth reading), False when not. The reason is the slug's text in ``words.toml``
#: (``pair_caveat.<indicator>``), shown by ``tables.pairs_table``.
PAIR_CAVEATS: dict[str, bool] = {
    "key_projects_investment": False,
    "new_air_routes": False,
    "new_schools": False,
    "china_europe_trains": False,
    "elderly_care_beds": True,
    "graduates_retained": True,
    "one_thing_services": True,
}
#: The caveat slug of a target without a number, which is never comparable.
UNQUANTIFIED = "unquantified"


# --- small, pure helpers (tested directly) --------------------------------------------------


def growth_pct(new: float, old: float) -> float:
    """Percentage growth from ``old`` to ``new``; NaN when the base is zero, negative or missing."""
    if pd.isna(new) or pd.isna(old) or old <= 0:
        return math.nan
    return (new / old - 1.0) * 100.0


def geometric_mean_growth(rates: list[float]) -> float:
    """The average growth, in %, of a run of yearly rates in %: the geometric mean of the growth
    factors, (Π(1 + g/100))^(1/n) − 1. NaN when the run is empty or any rate is missing or at
    or below −100 %."""
    if not len(rates) or any(pd.isna(g) or g <= -100.0 for g in rates):
        return math.nan
    factor = float(np.prod([1 + g / 100 for g in rates])) ** (1 / len(rates))
    return (factor - 1) * 100


def implied_previous(level: float, growth: float) -> float:
    """The previous year's level implied by a level and its stated growth in %.

    NaN when the growth is −100 % or less (no positive previous level is consistent with it).
    """
    if pd.isna(level) or pd.isna(growth) or growth <= -100.0:
        return math.nan
    return level / (1.0 + growth / 100.0)


def meets_target(
    value: float, target: float, bound: str, measure: str, direction: str = "up"
) -> bool | None:
    """Whether an exact ``value`` meets a target of the given bound and direction; None when
    either is missing. The rules, and why, are in ``zzreport.findings.verdicts``: a floor (``up``) is met
    at or above the target, a ceiling (``down``) at or below it, a two-sided 左右 target within
    the tolerance on either side; ``about`` adds the tolerance on the bad side."""
    return meets(value, target, bound, direction, measure)


def classify(value: float, thresholds: tuple[tuple[float, str], ...]) -> str | None:
    """The label of the first threshold ``value`` does not exceed; None for NaN."""
    if pd.isna(value):
        return None
    return next(label for limit, label in thresholds if value <= limit)


# --- data access ----------------------------------------------------------------------------


def _report_order(frame: pd.DataFrame) -> dict[str, int]:
    """Each indicator's first row number in the data file (the text's order)."""
    first: dict[str, int] = {}
    for number, indicator in zip(frame.index, frame["indicator"], strict=True):
        first[indicator] = min(first.get(indicator, number), number)
    return first


def _rows(frame: pd.DataFrame, year: int, status: str) -> pd.DataFrame:
    return frame[(frame["year"] == year) & (frame["status"] == status)]


def naming(row) -> dict[str, object]:
    """The columns that name an indicator in every result table (slug, theme, names, measure),
    copied from a row of the data."""
    return {
        "indicator": row.indicator,
        "section": row.section,
        "name_zh": row.name_zh,
        "name_en": row.name_en,
        "measure": row.measure,
    }


def sort_in_report_order(result: pd.DataFrame, frame: pd.DataFrame, *extra: str) -> pd.DataFrame:
    """Sort by theme, then by each indicator's first row in the data file, then ``extra``."""
    order = _report_order(frame)
    # Indicators the report does not state (external ones) sort after those it does: after
    # its last row, not after the number of indicators (which is smaller).
    result = result.assign(
        _order=result["indicator"].map(order).fillna(max(order.values(), default=-1) + 1),
        section=result["section"].astype(frame["section"].dtype),
    )
    keys = ["section", "_order", *extra]
    return result.sort_values(keys, kind="stable").drop(columns="_order").reset_index(drop=True)


def _lookup(frame: pd.DataFrame, indicator: str, year: int, status: str, measure: str) -> float:
    match = frame[
        (frame["indicator"] == indicator)
        & (frame["year"] == year)
        & (frame["status"] == status)
        & (frame["measure"] == measure)
    ]
    if match.empty:
        raise KeyError(f"no {status} {measure} row for {indicator!r} in {year}")
    return float(match["value"].iloc[0])


# --- 1. targets against results -------------------------------------------------------------


@memo.on_data
def target_pairs() -> pd.DataFrame:
    """One row per indicator with a 2023 actual and a 2024 target of the same ``measure``.

    ``change`` is target − actual in the actual's unit (percentage points for growth and
    share); ``change_pct`` is (target / actual − 1) × 100 for flows and stocks, NaN for rates.
    ``comparable`` is False, with the reason's slug in ``caveat`` (its words:
    ``pair_caveat.<slug>`` in ``words.toml``), where the wording shows the two are
    not like for like (``PAIR_CAVEATS``); a target without a number is never comparable.
    Caveat: a comparable pair still compares a plan with a result, not two results.
    """
    frame = load_indicators()
    actuals = _rows(frame, ACTUAL_YEAR, "actual")
    targets = _rows(frame, TARGET_YEAR, "target")
    pairs = actuals.merge(targets, on=["indicator", "measure"], suffixes=("_a", "_t"))
    records = []
    for row in pairs.itertuples(index=False):
        target = convert(row.value_t, row.unit_t, row.unit_a)
        if pd.isna(target):
            caveat, comparable = UNQUANTIFIED, False
        else:
            caveat = row.indicator if row.indicator in PAIR_CAVEATS else ""
            comparable = PAIR_CAVEATS.get(row.indicator, True)
        is_level = row.measure in ("flow", "stock")
        records.append(
            {
                "indicator": row.indicator,
                "section": row.section_a,
                "name_zh": row.name_zh_a,
                "name_en": row.name_en_a,
                "measure": row.measure,
                "unit": row.unit_a,
                "actual": row.value_a,
                "target": target,
                "bound": row.bound_t,
                "change": target - row.value_a,
                "change_pct": growth_pct(target, row.value_a) if is_level else math.nan,
                "comparable": comparable,
                "caveat": caveat,
                "actual_quote": row.quote_a,
                "target_quote": row.quote_t,
            }
        )
    result = pd.DataFrame.from_records(records)
    result["measure"] = result["measure"].astype(frame["measure"].dtype)
    result["bound"] = result["bound"].astype(frame["bound"].dtype)
    return sort_in_report_order(result, frame)


# --- 2. the 2022 levels the report implies --------------------------------------------------


@memo.on_data
def backcast() -> pd.DataFrame:
    """The 2022 level implied by each 2023 level, as a 2022 → 2023 → 2024-target series.

    Two methods, named in ``method``: ``level / (1 + growth)`` where the report states a 2023
    level and its 2023 growth, and ``stock − additions`` where it states a 2023 stock and what
    was added during 2023. ``value_2022`` is always derived (``derived`` is True), never stated.
    Caveat: it inherits the rounding of the stated figures (83万 after +61.7% is 51.3万 ± 0.03万).
    """
    frame = load_indicators()
    actuals = _rows(frame, ACTUAL_YEAR, "actual")
    levels = actuals[actuals["measure"].isin(["flow", "stock"])]
    growth = actuals[actuals["measure"] == "growth"].set_index("indicator")["value"]
    records = []
    for row in levels.itertuples(index=False):
        if row.indicator in growth.index:
            previous = implied_previous(row.value, growth[row.indicator])
            method = "level_over_growth"
            explanation = (
                f"{row.value:g} {row.unit} after growth of {growth[row.indicator]:g}% "
                f"implies {previous:.4g} {row.unit} in 2022."
            )
        elif row.indicator in STOCK_ADDITIONS:
            added = _lookup(frame, STOCK_ADDITIONS[row.indicator], ACTUAL_YEAR, "actual", "flow")
            previous = row.value - added
            method = "stock_minus_additions"
            explanation = (
                f"{row.value:g} {row.unit} at the end of 2023 after {added:g} added "
                f"during 2023 implies {previous:g} {row.unit} before."
            )
        else:
            continue
        records.append(
            {
                **naming(row),
                "unit": row.unit,
                "value_2022": previous,
                "value_2023": row.value,
                "growth_2023": growth_pct(row.value, previous),
                "method": method,
                "derived": True,
                "explanation": explanation,
            }
        )
    result = pd.DataFrame.from_records(records)
    targets = _rows(frame, TARGET_YEAR, "target").set_index(["indicator", "measure"])
    target_values, target_bounds, target_directions = [], [], []
    for row in result.itertuples(index=False):
        key = (row.indicator, row.measure)
        if key in targets.index:
            target = targets.loc[key]
            target_values.append(convert(target["value"], target["unit"], row.unit))
            target_bounds.append(target["bound"])
            target_directions.append(target["direction"])
        else:
            target_values.append(math.nan)
            target_bounds.append(None)
            target_directions.append(None)
    result["target_2024"] = target_values
    result["target_bound"] = pd.Categorical(target_bounds, categories=frame["bound"].cat.categories)
    result["target_direction"] = pd.Categorical(
        target_directions, categories=frame["direction"].cat.categories
    )
    return sort_in_report_order(result, frame)


# --- 3. how hard each target is -------------------------------------------------------------


def _realised_growth(frame: pd.DataFrame) -> dict[str, tuple[float, str]]:
    """2023 growth of each indicator, stated by the report or derived by ``backcast``."""
    realised = {row.indicator: (row.growth_2023, "backcast") for row in backcast().itertuples()}
    stated = _rows(frame, ACTUAL_YEAR, "actual")
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
    targets = _rows(report, TARGET_YEAR, "target")
    targets = targets[(targets["measure"] == "growth") & targets["value"].notna()]
    city = external[
        (external["geo"] == "zhengzhou")
        & (external["period"] == "year")
        & (external["status"] == "actual")
        & (external["measure"] == "growth")
        & (external["year"].isin(BASELINE_REQUIRED_YEARS))
    ]
    actual = _rows(report, ACTUAL_YEAR, "actual")
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


# --- 4. do the figures agree? ---------------------------------------------------------------

#: The kinds of check, in the order tables show them. Only the first three can fail:
#: ``identity`` — arithmetic between figures the report states together (a part cannot
#: exceed its whole); ``claim`` — a claim the report makes, tested against an outside figure;
#: ``article_error`` — the newspaper's wording against the report's figures; ``implication``
#: — what the figures imply, shown without a verdict.
CHECK_KINDS: tuple[str, ...] = ("identity", "claim", "article_error", "implication")


@dataclass(frozen=True)
class Check:
    """One check between figures the report states (``holds`` is None for an implication).

    ``check`` is a slug: its name is ``check_name.<slug>`` in ``words.toml`` and its explanation the
    passage ``check_explanation`` in ``templates/prose``, both filled from ``facts`` — the numbers
    and slugs the explanation states (``tables.check_name``, ``tables.check_explanation``)."""

    check: str
    kind: str
    section: str
    expected: float
    found: float
    unit: str
    holds: bool | None
    facts: dict[str, object]

    def record(self) -> dict[str, object]:
        return dict(self.__dict__)


def _checks(frame: pd.DataFrame) -> list[Check]:
    def v(indicator: str, measure: str, status: str = "actual") -> float:
        year = ACTUAL_YEAR if status == "actual" else TARGET_YEAR
        return _lookup(frame, indicator, year, status, measure)

    checks = []
    # --- identities: a part never exceeds its whole.
    for year, status in ((ACTUAL_YEAR, "actual"), (TARGET_YEAR, "target")):
        nev, cars = v("nev_output", "flow", status), v("vehicle_output", "flow", status)
        checks.append(
            Check(
                "nev_within_vehicles",
                "identity",
                "industry",
                cars,
                nev,
                "万辆",
                nev <= cars,
                {
                    "year": year,
                    "status": status,
                    "nev": nev,
                    "cars": cars,
                    "share": nev / cars * 100,
                },
            )
        )
    total, year = v("graduates_retained_two_year_total", "stock"), v("graduates_retained", "flow")
    checks.append(
        Check(
            "graduates_two_years",
            "identity",
            "stability",
            year,
            total,
            "万人",
            total >= year,
            {"total": total, "in_2023": year, "before": total - year},
        )
    )
    total, added = v("provincial_labs", "stock"), v("new_provincial_labs", "flow")
    checks.append(
        Check(
            "provincial_labs",
            "identity",
            "innovation",
            added,
            total,
            "家",
            total >= added,
            {"added": added, "total": total, "before": total - added},
        )
    )
    total, added = v("national_key_labs", "stock"), v("new_national_key_labs", "flow")
    checks.append(
        Check(
            "national_key_labs",
            "identity",
            "innovation",
            added,
            total,
            "家",
            total >= added,
            {"added": added, "total": total, "before": total - added},
        )
    )
    for key, part, whole, measure, section, unit, year in (
        (
            "little_giants_subset",
            "little_giant_enterprises",
            "specialised_smes",
            "stock",
            "industry",
            "家",
            ACTUAL_YEAR,
        ),
        (
            "industrial_projects_subset",
            "industrial_projects",
            "planned_projects",
            "flow",
            "consumption",
            "个",
            TARGET_YEAR,
        ),
    ):
        status = "actual" if year == ACTUAL_YEAR else "target"
        part_v, whole_v = v(part, measure, status), v(whole, measure, status)
        checks.append(
            Check(
                key,
                "identity",
                section,
                whole_v,
                part_v,
                unit,
                part_v <= whole_v,
                {"part": part_v, "whole": whole_v, "share": part_v / whole_v * 100},
            )
        )
    # --- the report's own claims.
    checks.extend(_claims(frame))
    # --- errors in the article: the headline gives the total as the number newly formed.
    new, stock = v("new_national_key_labs", "flow"), v("national_key_labs", "stock")
    checks.append(
        Check(
            "headline_key_labs",
            "article_error",
            "innovation",
            new,
            stock,
            "家",
            bool(stock == new),
            {"new": new, "total": stock},
        )
    )
    # --- implications: no verdict.
    base, floor, level = (
        v("industrial_investment", "flow"),
        v("industrial_investment", "growth", "target"),
        v("industrial_investment", "flow", "target"),
    )
    needed = base * (1 + floor / 100)
    checks.append(
        Check(
            "industrial_investment_binds",
            "implication",
            "consumption",
            needed,
            level,
            "亿元",
            None,
            {
                "floor": floor,
                "base": base,
                "needed": needed,
                "level": level,
                "level_growth": growth_pct(level, base),
                "binding": "level" if level > needed else "growth_floor",
            },
        )
    )
    share_2023 = v("nev_output", "flow") / v("vehicle_output", "flow") * 100
    share_2024 = v("nev_output", "flow", "target") / v("vehicle_output", "flow", "target") * 100
    checks.append(
        Check(
            "nev_share",
            "implication",
            "industry",
            share_2023,
            share_2024,
            "%",
            None,
            {"share_2023": share_2023, "share_2024": share_2024},
        )
    )
    cluster, cars = v("auto_cluster_size", "flow", "target"), v("vehicle_output", "flow", "target")
    per_vehicle = convert(cluster, "亿元", "万元") / convert(cars, "万辆", "辆")
    checks.append(
        Check(
            "auto_value_per_vehicle",
            "implication",
            "industry",
            math.nan,
            per_vehicle,
            "万元/辆",
            None,
            {
                "cluster": cluster,
                "cars": cars,
                "per_vehicle": per_vehicle,
                "volume_growth": growth_pct(cars, v("vehicle_output", "flow")),
                "value_floor": v("auto_industry_output", "growth", "target"),
            },
        )
    )
    for cluster_id, growth, name in (
        (
            "electronic_information_cluster_size",
            "electronic_information_output",
            "electronic_information",
        ),
        ("auto_cluster_size", "auto_industry_output", "automobile"),
    ):
        size, rise = v(cluster_id, "flow", "target"), v(growth, "growth", "target")
        implied = implied_previous(size, rise)
        checks.append(
            Check(
                "cluster_base",
                "implication",
                "industry",
                implied,
                math.nan,
                "亿元",
                None,
                {"cluster": name, "size": size, "rise": rise, "implied": implied},
            )
        )
    passengers, target = v("airport_passengers", "flow"), v("airport_passengers", "flow", "target")
    checks.append(
        Check(
            "airport_rebound",
            "implication",
            "opening_up",
            passengers,
            target,
            "万人次",
            None,
            {
                "growth_2023": v("airport_passengers", "growth"),
                "target": target,
                "asks": growth_pct(target, passengers),
            },
        )
    )
    leading, industry = (
        v("leading_industries_value_added", "growth"),
        v("industrial_value_added", "growth"),
    )
    share = v("leading_industries_share", "share")
    share_2022 = share * (1 + industry / 100) / (1 + leading / 100)
    checks.append(
        Check(
            "leading_share_2022",
            "implication",
            "industry",
            share_2022,
            share,
            "%",
            None,
            {"leading": leading, "industry": industry, "share": share, "share_2022": share_2022},
        )
    )
    return checks


#: The report's claim about R&D intensity (its wording, matched in the sources' quotes), and
#: the outside figure it is tested against.
RD_CLAIM = "连续两年超全国平均水平"


def _claims(frame: pd.DataFrame) -> list[Check]:
    """The report's claims that an outside figure can test."""
    external = load_external()
    rd = frame[
        (frame["indicator"] == "rd_intensity")
        & (frame["year"] == ACTUAL_YEAR)
        & (frame["status"] == "actual")
    ]
    china = external[
        (external["geo"] == "china")
        & (external["indicator"] == "rd_intensity")
        & (external["year"] == ACTUAL_YEAR)
        & (external["period"] == "year")
    ]
    if (
        rd.empty
        or china.empty
        or RD_CLAIM
        not in " ".join(
            external.loc[
                (external["geo"] == "zhengzhou") & (external["indicator"] == "rd_intensity"),
                "quote",
            ]
        )
    ):
        return []
    city, nation = float(rd["value"].iloc[0]), float(china["value"].iloc[0])
    return [
        Check(
            "rd_claim",
            "claim",
            "stability",
            nation,
            city,
            "%",
            city > nation,
            {
                "claim": RD_CLAIM,
                "city": city,
                "nation": nation,
                "source": china["source"].iloc[0],
                "grade": china["quality"].iloc[0],
            },
        )
    ]


def consistency_checks() -> pd.DataFrame:
    """Checks between the report's figures, grouped by ``kind`` (``CHECK_KINDS``).

    Each row has ``check`` (a slug), ``kind``, ``expected`` (what the other figures imply),
    ``found`` (what the report says), ``holds`` and the ``facts`` its explanation states
    (``tables.check_name`` and ``tables.check_explanation`` put them in words). ``holds``
    is True or False for identities, claims and article errors, which can fail, and missing
    for implications, which cannot. Sorted by kind, then theme. Caveat: rounding in the stated
    figures can move a derived value by a few tenths.
    """
    frame = load_indicators()
    result = pd.DataFrame.from_records([c.record() for c in _checks(frame)])
    result["holds"] = result["holds"].astype("boolean")
    result["kind"] = pd.Categorical(result["kind"], categories=list(CHECK_KINDS), ordered=True)
    result["section"] = pd.Categorical(
        result["section"], categories=frame["section"].cat.categories, ordered=True
    )
    return result.sort_values(["kind", "section"], kind="stable").reset_index(drop=True)


# --- 5. what last year's momentum would deliver ---------------------------------------------

MOMENTUM_RANGE: tuple[float, float] = (0.0, 3.0)


def validate_momentum(momentum: object) -> float:
    """``momentum`` as a float, or a ValueError naming the parameter and what is allowed."""
    low, high = MOMENTUM_RANGE
    if isinstance(momentum, bool) or not isinstance(
        momentum, (int, float, np.integer, np.floating)
    ):
        raise ValueError(
            f"momentum must be a number in [{low:g}, {high:g}]; got {momentum!r} "
            f"({type(momentum).__name__})"
        )
    value = float(momentum)
    if not math.isfinite(value) or not low <= value <= high:
        raise ValueError(
            f"momentum must be a finite number in [{low:g}, {high:g}]; got {momentum!r}"
        )
    return value


#: Pairs of (part, whole) that a projection must respect: a part never exceeds its whole.
PROJECTION_CAPS: dict[str, str] = {"nev_output": "vehicle_output"}


def momentum_scenario(momentum: float = 1.0) -> pd.DataFrame:
    """Project each flow or stock with a known 2023 change to 2024 by repeating ``momentum``
    times 2023's absolute change.

    ``momentum`` is a multiple of 2023's increment, in [0, 3]: 1 adds to 2023 what 2023 added
    to 2022 (a flow repeats its absolute increment; a stock adds as many as were added in
    2023); 0 freezes the 2023 level; 2 doubles the increment. Increments, not growth rates:
    compounding a rate from a tiny base (new-energy vehicles, +350%) explodes. ``projected_2024``
    = 2023 level + momentum × (2023 level − 2022 level). Rules, each shown in ``rule``: a part
    never exceeds its whole (``PROJECTION_CAPS``: new-energy vehicles ≤ vehicles; ``capped``);
    a rebound series (``REBOUND_SERIES``) is not projected (``included`` False, the reason in
    ``exclusion``). ``meets`` is judged by ``meets_target`` under the target's bound and
    direction; ``margin`` and ``margin_pct`` say by how much. Indicators without a target are
    kept with ``meets`` missing. Caveat: a repeated increment is a yardstick, not a forecast.
    """
    factor = validate_momentum(momentum)
    frame = load_indicators()
    series = backcast()
    projected: dict[str, float] = {}
    for row in series.itertuples(index=False):
        projected[row.indicator] = row.value_2023 + factor * (row.value_2023 - row.value_2022)
    records = []
    for row in series.itertuples(index=False):
        value = projected[row.indicator]
        whole = PROJECTION_CAPS.get(row.indicator)
        capped = whole is not None and whole in projected and value > projected[whole]
        if capped:
            value = projected[whole]
        included = row.indicator not in REBOUND_SERIES
        bound = row.target_bound
        meets = (
            meets_target(value, row.target_2024, bound, row.measure, row.target_direction)
            if included
            else None
        )
        records.append(
            {
                **naming(row),
                "unit": row.unit,
                "value_2022": row.value_2022,
                "value_2023": row.value_2023,
                "increment_2023": row.value_2023 - row.value_2022,
                "growth_2023": row.growth_2023,
                "momentum": factor,
                "projected_2024": value if included else math.nan,
                "capped": capped,
                "included": included,
                "exclusion": REBOUND_SERIES.get(row.indicator, ""),
                "target_2024": row.target_2024,
                "target_bound": bound,
                "meets": meets,
                "margin": value - row.target_2024 if included else math.nan,
                "margin_pct": growth_pct(value, row.target_2024) if included else math.nan,
            }
        )
    result = pd.DataFrame.from_records(records)
    result["meets"] = result["meets"].astype("boolean")
    return sort_in_report_order(result, frame)


# --- 6. the headline targets ----------------------------------------------------------------


def consumer_prices(year: int) -> float:
    """Zhengzhou's consumer-price change in ``year`` (%), from the report or, where the article
    leaves it out, the register's copy of the government's own text; NaN if neither has it."""
    frame, external = load_indicators(), load_external()
    own = frame[
        (frame["indicator"] == "consumer_prices")
        & (frame["year"] == year)
        & (frame["status"] == "actual")
        & (frame["measure"] == "growth")
    ]
    if len(own):
        return float(own["value"].iloc[0])
    rows = external[
        (external["geo"] == "zhengzhou")
        & (external["indicator"] == "consumer_prices")
        & (external["year"] == year)
        & (external["status"] == "actual")
        & (external["period"] == "year")
        & (external["measure"] == "growth")
    ]
    return float(rows["value"].iloc[0]) if len(rows) else math.nan


#: Directions of travel of a headline target against 2023. Floors and approximations are not
#: forecasts: a target below 2023's rate "asks for less than 2023 delivered", it does not plan
#: a slowdown.
DIRECTIONS_OF_TRAVEL: tuple[str, ...] = (
    "asks_more",
    "similar",
    "asks_less",
    "raise",
    "hold",
    "lower",
    "no_2023_result",
    "unquantified",
)


def _direction(target: float, actual: float, measure: str) -> str:
    if pd.isna(target):
        return "unquantified"
    if pd.isna(actual):
        return "no_2023_result"
    change = target - actual
    if measure == "share":  # a level such as R&D intensity: any move is a change of course
        return "raise" if change > 0 else "lower" if change < 0 else "hold"
    if abs(change) <= SIMILAR_BAND_PP:
        return "similar"
    return "asks_more" if change > 0 else "asks_less"


@memo.on_data
def headline_targets() -> pd.DataFrame:
    """The main expected targets of 2024 (the 稳中求进 theme's rates) beside their 2023 results.

    ``direction`` (``DIRECTIONS_OF_TRAVEL``): ``asks_more`` or ``asks_less`` when a growth
    target is more than ``SIMILAR_BAND_PP`` points above or below the 2023 rate, ``similar``
    within it; ``raise``, ``lower`` or ``hold`` for a share (R&D intensity); ``no_2023_result``
    when the report gives none (construction, unemployment); ``unquantified`` when the target
    has no number. ``price_basis`` says whether the rate is real or nominal; for a nominal one,
    ``prices_2023`` is 2023's consumer-price change (``consumer_prices``) and ``real_2023`` the 2023
    result deflated by it, (1 + result) / (1 + prices) − 1, a derived figure. Caveat: a target
    is a floor or an approximation (see ``bound``), not a forecast.
    """
    frame = load_indicators()
    targets = _rows(frame, TARGET_YEAR, "target")
    targets = targets[
        (targets["section"] == "stability") & targets["measure"].isin(["growth", "share"])
    ]
    actuals = _rows(frame, ACTUAL_YEAR, "actual").set_index(["indicator", "measure"])["value"]
    prices = consumer_prices(ACTUAL_YEAR)
    records = []
    for row in targets.itertuples(index=False):
        actual = actuals.get((row.indicator, row.measure), math.nan)
        change = row.value - actual
        direction = _direction(row.value, actual, row.measure)
        nominal = row.price_basis == "nominal"
        records.append(
            {
                **naming(row),
                "unit": row.unit,
                "actual": actual,
                "target": row.value,
                "bound": row.bound,
                "change": change,
                "direction": direction,
                "price_basis": None if pd.isna(row.price_basis) else str(row.price_basis),
                "prices_2023": prices if nominal else math.nan,
                "real_2023": ((1 + actual / 100) / (1 + prices / 100) - 1) * 100
                if nominal
                else math.nan,
                "note": row.note,
            }
        )
    return sort_in_report_order(pd.DataFrame.from_records(records), frame)


# --- the findings in numbers: one function per notebook's key figure ------------------------
# Prose, the site's cards and the README read these records; nothing recounts them.

#: The report's mark of a stretch target (力争), found in a target's note.
STRETCH_MARK = "力争"


@dataclass(frozen=True)
class GlanceFacts:
    """What the report states, counted (notebook 01): its figures, 2023 results and 2024
    targets, targets without a number or marked 力争, and the result–target pairs."""

    figures: int
    results: int
    targets: int
    unquantified: int
    stretch: int
    pairs: int
    indicators: int
    comparable: int


def glance_facts(
    frame: pd.DataFrame | None = None, pairs: pd.DataFrame | None = None
) -> GlanceFacts:
    """Count the report's figures (``frame`` defaults to ``load_indicators()``, ``pairs`` to
    ``target_pairs()``)."""
    frame = load_indicators() if frame is None else frame
    pairs = target_pairs() if pairs is None else pairs
    targets = frame[frame["status"] == "target"]
    return GlanceFacts(
        figures=len(frame),
        results=int((frame["status"] == "actual").sum()),
        targets=len(targets),
        unquantified=int(targets["value"].isna().sum()),
        stretch=int(targets["note"].str.contains(STRETCH_MARK).sum()),
        pairs=len(pairs),
        indicators=int(pairs["indicator"].nunique()),
        comparable=int(pairs["comparable"].sum()),
    )


@dataclass(frozen=True)
class GdpTargetFacts:
    """The 2024 GDP growth target beside the 2023 result (notebook 02), in %."""

    target: float
    actual: float
    bound: str
    direction: str


def gdp_target_facts(headline: pd.DataFrame | None = None) -> GdpTargetFacts:
    """The GDP row of ``headline_targets()`` (or of ``headline``)."""
    headline = headline_targets() if headline is None else headline
    gdp = headline[(headline["indicator"] == "gdp") & (headline["measure"] == "growth")]
    if len(gdp) != 1:
        raise ValueError(f"headline_targets() has {len(gdp)} GDP growth rows; expected one")
    row = gdp.iloc[0]
    return GdpTargetFacts(
        target=float(row["target"]),
        actual=float(row["actual"]),
        bound=str(row["bound"]),
        direction=str(row["direction"]),
    )


@dataclass(frozen=True)
class YoyFacts:
    """How the like-for-like level targets (flows and stocks with a known change) move against
    2023 (notebook 03); ``excluded`` counts the pairs that are not like for like."""

    levels: int
    up: int
    down: int
    excluded: int


def like_for_like_levels(pairs: pd.DataFrame) -> pd.DataFrame:
    """The pairs of flows and stocks that are like for like and have a change."""
    return pairs[
        pairs["measure"].isin(["flow", "stock"]) & pairs["comparable"] & pairs["change_pct"].notna()
    ]


def yoy_facts(pairs: pd.DataFrame | None = None) -> YoyFacts:
    """Count the like-for-like level targets above and below 2023 (``pairs`` defaults to
    ``target_pairs()``)."""
    pairs = target_pairs() if pairs is None else pairs
    levels = like_for_like_levels(pairs)
    return YoyFacts(
        levels=len(levels),
        up=int((levels["change_pct"] > 0).sum()),
        down=int((levels["change_pct"] < 0).sum()),
        excluded=int((~pairs["comparable"]).sum()),
    )


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


@dataclass(frozen=True)
class ScenarioFacts:
    """What the momentum scenario says, counted once for the chart title and the prose:
    ``with_target`` projections judged against a target, ``meets`` of them meeting it, and
    ``left_out`` series the scenario leaves out (rebounds)."""

    momentum: float
    with_target: int
    meets: int
    left_out: int


def scenario_facts(scenario: pd.DataFrame | None = None) -> ScenarioFacts:
    """Count ``momentum_scenario()`` (or ``scenario``)."""
    scenario = momentum_scenario() if scenario is None else scenario
    judged = scenario[scenario["meets"].notna()]
    return ScenarioFacts(
        momentum=float(scenario["momentum"].iloc[0]) if len(scenario) else math.nan,
        with_target=len(judged),
        meets=int(judged["meets"].astype(bool).sum()),
        left_out=int((~scenario["included"].astype(bool)).sum()),
    )
