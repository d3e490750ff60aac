"""How hard is each growth target? The growth each target needs against its baseline, and
the difficulty classes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from zzreport.data import memo
from zzreport.data.load import load_indicators
from zzreport.findings.frames import (
    ACTUAL_YEAR,
    MIN_CASES,
    PANDEMIC_YEARS,
    SIMILAR_BAND_PP,
    TARGET_YEAR,
    classify,
    geometric_mean_growth,
    naming,
    rows_of,
    sort_in_report_order,
)
from zzreport.findings.pairs import REDEFINED_COUNTS, backcast, target_pairs
from zzreport.findings.record import track_record

#: The same band for a ratio (an increment asked against an increment delivered): within a
#: factor of 1.25 either way (0.8 to 1.25) counts as similar.
SIMILAR_RATIO = 1.25


#: Difficulty of a level target: the increment it asks for divided by the increment of 2023.
STRETCH_THRESHOLDS: tuple[tuple[float, str], ...] = (
    (1 / SIMILAR_RATIO, "below"),
    (SIMILAR_RATIO, "near"),
    (2.0, "above"),
    (math.inf, "far_above"),
)


#: Points above a yardstick from which a growth target asks "far more".
FAR_ABOVE_PP = 3.0


def gap_thresholds(band_pp: float = SIMILAR_BAND_PP) -> tuple[tuple[float, str], ...]:
    """The classes of a growth target, target minus yardstick in points: below the yardstick,
    near it (within ``band_pp``), above it, far above it (beyond ``FAR_ABOVE_PP``)."""
    return (
        (-band_pp, "below"),
        (band_pp, "near"),
        (FAR_ABOVE_PP, "above"),
        (math.inf, "far_above"),
    )


#: Difficulty of a growth target: the target minus the yardstick (2023's rate, or the
#: city's average over the base years), in percentage points.
GAP_THRESHOLDS_PP: tuple[tuple[float, str], ...] = gap_thresholds()


#: Series whose 2023 change is no yardstick for 2024, and why (a slug; the words are
#: ``series_rule.<slug>`` in ``words.toml``): a ``rebound`` from a collapse year (airport passengers,
#: +175% after 2022's travel restrictions, the report's note), or an ``unstable_count``, a
#: count whose category was redefined during the year (``pairs.REDEFINED_COUNTS``), so neither
#: its 2022 level nor a 2024 projection is established. The momentum scenario leaves them out;
#: the difficulty classes do not class a rebound.
LEFT_OUT: dict[str, str] = {
    "airport_passengers": "rebound",
    **{indicator: "unstable_count" for indicator in sorted(REDEFINED_COUNTS)},
}

#: The rebounds among them: no difficulty class.
REBOUND_SERIES: frozenset[str] = frozenset(k for k, why in LEFT_OUT.items() if why == "rebound")


#: The years before 2024 of the base, declared before looking at the outcomes: the panel's
#: years that are not pandemic years (2019, 2021 and 2023). A growth target is classed against
#: the city's average over them where at least ``MIN_CASES`` of them have a result. Else no
#: one year will do: 2023 is a rebound from 2022, so its rate is no base on its own. The
#: target is then classed only where 2023's rate and the 2019–2023 average (pandemic years
#: included) put it on the same side, in the milder of their two classes
#: (``both_yardsticks``); where they disagree, ``depends_on_base``, with no class.
BASE_YEARS: tuple[int, ...] = tuple(
    y for y in range(2019, ACTUAL_YEAR + 1) if y not in PANDEMIC_YEARS
)

#: The sensitivity: every year 2019–2023, the pandemic years included.
WIDE_BASE_YEARS: tuple[int, ...] = tuple(range(2019, ACTUAL_YEAR + 1))

#: The window of the premiums of ``hierarchy`` (two years ending in the year before a target).
BASELINE_REQUIRED_YEARS: tuple[int, ...] = (2022, 2023)

#: The classes, from asking least to asking most against the yardstick named beside them.
DIFFICULTY_ORDER: tuple[str, ...] = ("below", "near", "above", "far_above")

#: Which side of its yardstick a class is on: two yardsticks agree when their sides match.
SIDE: dict[str, int] = {"below": -1, "near": 0, "above": 1, "far_above": 1}

#: A growth target whose two fallback yardsticks disagree: no class, and the reader is told.
DEPENDS_ON_BASE = "depends_on_base"

#: A growth target with 2023's rate as its only yardstick: a rebound year is no base.
NO_FAIR_BASE = "no_fair_base"

#: The growth targets left without a class, for either reason.
UNCLASSED: tuple[str, ...] = (DEPENDS_ON_BASE, NO_FAIR_BASE)

#: The similar bands the threshold table tries, in points.
BANDS_PP: tuple[float, ...] = (0.5, 1.0, 1.5, 2.0)


def agreed_class(first: str | None, second: str | None) -> str | None:
    """The milder of two classes when both are on the same side of their yardsticks (the one
    nearer ``near``), else None: two yardsticks that disagree settle nothing."""
    if first is None or second is None or SIDE[first] != SIDE[second]:
        return None
    return min(first, second, key=DIFFICULTY_ORDER.index) if SIDE[first] > 0 else first


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
    """The city's average growth over the base years for every indicator with a 2024 growth
    target: the yardstick of its difficulty.

    The values are the record's headline results (``record.track_record``: the report for
    2023, else the release a verdict would use). ``baseline`` is the geometric mean over the
    ``BASE_YEARS`` (2019, 2021, 2023: the non-pandemic years) with a result, given only where
    at least ``MIN_CASES`` years have one; ``baseline_wide`` the same over ``WIDE_BASE_YEARS``
    (2019–2023, pandemic years included), a sensitivity. ``low_grade_years`` are years whose
    only figure is from a low-grade page: left out of every yardstick, as of every verdict. Caveat: a nominal
    rate's average includes price changes; a yardstick is not a forecast.
    """
    report = load_indicators()
    targets = rows_of(report, TARGET_YEAR, "target")
    targets = targets[(targets["measure"] == "growth") & targets["value"].notna()]
    record = track_record()
    record = record[(record["measure"] == "growth") & record["actual"].notna()]
    records = []
    for indicator in dict.fromkeys(targets["indicator"]):
        rows = record[(record["indicator"] == indicator) & record["year"].isin(WIDE_BASE_YEARS)]
        low = rows[rows["reason"] == "low_grade_only"]["year"].astype(int).tolist()
        rows = rows[rows["reason"] != "low_grade_only"]  # a low-grade page is no yardstick
        values = {int(r.year): float(r.actual) for r in rows.itertuples(index=False)}
        base = [y for y in BASE_YEARS if y in values]
        wide = [y for y in WIDE_BASE_YEARS if y in values]
        records.append(
            {
                "indicator": indicator,
                "years": tuple(sorted(values)),
                "values": tuple(values[y] for y in sorted(values)),
                "base_years": tuple(base),
                "baseline": (
                    geometric_mean_growth([values[y] for y in base])
                    if len(base) >= MIN_CASES
                    else math.nan
                ),
                "wide_years": tuple(wide),
                "baseline_wide": (
                    geometric_mean_growth([values[y] for y in wide])
                    if len(wide) >= MIN_CASES
                    else math.nan
                ),
                "low_grade_years": tuple(low),
            }
        )
    return pd.DataFrame.from_records(records)


@memo.on_data
def required_growth() -> pd.DataFrame:
    """For each target with a 2023 result, how much it asks for against a fair yardstick.

    Growth targets: ``gap_pp`` = target − 2023 growth (``difficulty``), ``gap_baseline_pp``
    = target − the city's average over the ``BASE_YEARS`` (``difficulty_baseline``; the base
    is declared before looking at outcomes: the non-pandemic years of the panel) and
    ``gap_wide_pp`` = target − its 2019–2023 average (``difficulty_wide``, a sensitivity), all
    classed by ``GAP_THRESHOLDS_PP`` (the project's one similar band, ``SIMILAR_BAND_PP``).
    Level targets (flow, stock): not growth rates, which flatter a target after a year of
    growth from a small base, but increments: ``increment_required`` = target − 2023 level
    against ``increment_2023`` = 2023 level − 2022 level (stated or derived by ``backcast``);
    ``stretch`` = their ratio, classed by ``STRETCH_THRESHOLDS``. ``classification`` is the
    class against the base and ``basis`` names the yardstick it is relative to: ``baseline``
    (the average over the base years), ``both_yardsticks`` (a growth target with fewer than
    ``MIN_CASES`` base years, classed only where 2023's rate and the 2019–2023 average agree,
    in the milder class; else ``depends_on_base``, no class, or ``no_fair_base`` where 2023's
    rate is the only yardstick) or ``2023_increment`` (a level target, where 2022 was not a
    pandemic year: 2023's increment from a pandemic year is shown, ``difficulty``, but classes
    nothing, ``no_fair_base``). A series in ``REBOUND_SERIES`` is not classed
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
        difficulty_baseline = difficulty_wide = None
        wide = float(base["baseline_wide"]) if base is not None else math.nan
        if not row.comparable:
            difficulty = classification = "not_comparable"
            basis = ""
        elif row.indicator in REBOUND_SERIES:
            difficulty = classification = "rebound_base"
            basis = ""
        elif is_rate:
            difficulty = classify(gap, GAP_THRESHOLDS_PP)
            difficulty_baseline = classify(required - baseline, GAP_THRESHOLDS_PP)
            difficulty_wide = classify(required - wide, GAP_THRESHOLDS_PP)
            if difficulty_baseline:
                classification, basis = difficulty_baseline, "baseline"
            else:
                agreed = agreed_class(difficulty, difficulty_wide)
                unclassed = DEPENDS_ON_BASE if difficulty_wide else NO_FAIR_BASE
                classification = agreed or unclassed
                basis = "both_yardsticks" if agreed else ""
        else:
            difficulty = classify(stretch, STRETCH_THRESHOLDS)
            # 2023's increment is from 2022, a pandemic year: shown, but no base to class by
            pandemic_base = ACTUAL_YEAR - 1 in PANDEMIC_YEARS
            classification = NO_FAIR_BASE if (difficulty and pandemic_base) else difficulty
            basis = "2023_increment" if difficulty and not pandemic_base else ""
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
                    ", ".join(str(y) for y in base["base_years"]) if base is not None else ""
                ),
                "baseline_low_grade_years": (
                    ", ".join(str(y) for y in base["low_grade_years"]) if base is not None else ""
                ),
                "baseline_wide": wide,
                "wide_years": ", ".join(str(y) for y in base["wide_years"])
                if base is not None
                else "",
                "gap_wide_pp": required - wide if is_rate else math.nan,
                "difficulty_wide": difficulty_wide or "",
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
    """How many targets fall in each difficulty class, counting each indicator once: against
    the base (``against_base``, ``required_growth``'s ``classification``: the base-years
    average where there is one, else where 2023's rate and the 2019–2023 average agree, else
    ``depends_on_base``), against 2023 alone (``against_2023``) and, for growth targets,
    against the 2019–2023 average (``against_wide``). The rows of ``UNCLASSED`` count only
    against the base (NA elsewhere). Caveat: "near its yardstick" is not "will be met"."""
    required = required_growth() if required is None else required
    counted = required[required["counted"]]
    rows = []
    for label in DIFFICULTY_ORDER:
        rows.append(
            {
                "difficulty": label,
                "against_base": int((counted["classification"] == label).sum()),
                "against_2023": int((counted["difficulty"] == label).sum()),
                "against_wide": int((counted["difficulty_wide"] == label).sum()),
            }
        )
    for label in UNCLASSED:
        rows.append(
            {
                "difficulty": label,
                "against_base": int((counted["classification"] == label).sum()),
                "against_2023": pd.NA,
                "against_wide": pd.NA,
            }
        )
    return pd.DataFrame.from_records(rows).astype(
        {"against_2023": "Int64", "against_wide": "Int64"}
    )


def difficulty_by_band(
    required: pd.DataFrame | None = None, bands: tuple[float, ...] = BANDS_PP
) -> pd.DataFrame:
    """How the growth targets' classes move with the similar band: one row per band in
    ``bands`` (points), the count of growth targets in each class against the base, and how
    many depend on the base (their two fallback yardsticks disagree at that band)."""
    required = required_growth() if required is None else required
    rates = required[required["counted"] & (required["kind"] == "rate") & required["comparable"]]
    rates = rates[~rates["indicator"].isin(REBOUND_SERIES)]
    rows = []
    for band in bands:
        thresholds = gap_thresholds(band)
        classes = [
            classify(r.gap_baseline_pp, thresholds)
            if r.basis == "baseline"
            else agreed_class(classify(r.gap_pp, thresholds), classify(r.gap_wide_pp, thresholds))
            for r in rates.itertuples(index=False)
        ]
        rows.append(
            {
                "band_pp": band,
                **{label: classes.count(label) for label in DIFFICULTY_ORDER},
                DEPENDS_ON_BASE: classes.count(None),
            }
        )
    return pd.DataFrame.from_records(rows)


@dataclass(frozen=True)
class DifficultyFacts:
    """How many targets fall in each difficulty class (notebook 04), each indicator counted
    once: ``against_base`` the finding, ``against_2023`` against 2023 alone; ``classed`` is
    the number classed against the base, ``on_baseline`` how many of them against the
    base-years average, ``on_both`` how many where 2023's rate and the 2019–2023 average
    agree (the others, level targets, against 2023's increment), ``depends_on_base`` the
    targets left unclassed (their yardsticks disagree, or the only one is 2023's, a rebound
    from a pandemic year; ``unclassed`` their slugs), ``base_years`` the declared years."""

    against_base: dict[str, int]
    against_2023: dict[str, int]
    classed: int
    on_baseline: int
    on_both: int
    depends_on_base: int
    unclassed: tuple[str, ...]
    base_years: tuple[int, ...]


def difficulty_facts(required: pd.DataFrame | None = None) -> DifficultyFacts:
    """``difficulty_summary`` as a record, keyed by the slugs of ``DIFFICULTY_ORDER``."""
    required = required_growth() if required is None else required
    summary = difficulty_summary(required).set_index("difficulty")
    base = {k: int(summary["against_base"].get(k, 0)) for k in DIFFICULTY_ORDER}
    last = {k: int(summary["against_2023"].get(k, 0)) for k in DIFFICULTY_ORDER}
    counted = required[required["counted"] & required["classification"].isin(DIFFICULTY_ORDER)]
    unclassed = required[required["counted"] & required["classification"].isin(UNCLASSED)]
    return DifficultyFacts(
        against_base=base,
        against_2023=last,
        classed=sum(base.values()),
        on_baseline=int((counted["basis"] == "baseline").sum()),
        on_both=int((counted["basis"] == "both_yardsticks").sum()),
        depends_on_base=len(unclassed),
        unclassed=tuple(unclassed["indicator"]),
        base_years=BASE_YEARS,
    )
