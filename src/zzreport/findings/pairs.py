"""Which 2024 targets have a 2023 result to compare with, like for like, and the 2022 levels
the report's growth rates imply (backcasts).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from zzreport.data import memo
from zzreport.data.load import load_external, load_indicators
from zzreport.data.units import convert
from zzreport.findings.frames import (
    ACTUAL_YEAR,
    TARGET_YEAR,
    growth_pct,
    implied_previous,
    lookup,
    naming,
    rows_of,
    sort_in_report_order,
)
from zzreport.findings.rd import dated_earlier

#: Stocks whose 2023 additions the report states, so that the 2022 level is stock − additions.
STOCK_ADDITIONS: dict[str, str] = {
    "national_key_labs": "new_national_key_labs",
    "provincial_labs": "new_provincial_labs",
}

#: Counts whose category was redefined during 2023, so that no 2022 level follows from the
#: 2023 stock and what was added: national key laboratories (the report's 14, 达到14家, came
#: during the reorganisation into 全国重点实验室, while Henan counts 13 province-wide at the end
#: of 2023 in the register). ``backcast`` gives them no 2022 level (``not_established``); the
#: momentum scenario leaves them out (``feasibility.LEFT_OUT``).
REDEFINED_COUNTS: frozenset[str] = frozenset({"national_key_labs"})


#: Pairs whose wording shows whether they are like for like: True when they are (a caveat
#: still worth reading), False when not. The reason is the slug's text in ``words.toml``
#: (``pair_caveat.<indicator>``), shown by ``tables.pairs_table``.
PAIR_CAVEATS: dict[str, bool] = {
    "new_schools": False,
    "china_europe_trains": False,
    "elderly_care_beds": True,
    "graduates_retained": True,
    "one_thing_services": True,
}


#: The caveat slug of a target without a number, which is never comparable.
UNQUANTIFIED = "unquantified"


@memo.on_data
def target_pairs() -> pd.DataFrame:
    """One row per indicator with a 2023 actual and a 2024 target of the same ``measure``.

    ``change`` is target − actual in the actual's unit (percentage points for growth and
    share); ``change_pct`` is (target / actual − 1) × 100 for flows and stocks, NaN for rates.
    ``comparable`` is False, with the reason's slug in ``caveat`` (its words:
    ``pair_caveat.<slug>`` in ``words.toml``), where the wording shows the two are
    not like for like (``PAIR_CAVEATS``); a target without a number is never comparable; a
    "2023" figure that is the year before's (``rd.dated_earlier``) is not like for like either
    (caveat ``dated_2022``): its change spans two years.
    Caveat: a comparable pair still compares a plan with a result, not two results.
    """
    frame = load_indicators()
    actuals = rows_of(frame, ACTUAL_YEAR, "actual")
    targets = rows_of(frame, TARGET_YEAR, "target")
    pairs = actuals.merge(targets, on=["indicator", "measure"], suffixes=("_a", "_t"))
    earlier = dated_earlier()
    records = []
    for row in pairs.itertuples(index=False):
        target = convert(row.value_t, row.unit_t, row.unit_a)
        if pd.isna(target):
            caveat, comparable = UNQUANTIFIED, False
        else:
            caveat = row.indicator if row.indicator in PAIR_CAVEATS else ""
            comparable = PAIR_CAVEATS.get(row.indicator, True)
            if row.indicator in earlier:  # the "2023" figure is 2022's: a two-year change
                caveat, comparable = "dated_2022", False
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


@memo.on_data
def backcast() -> pd.DataFrame:
    """The 2022 level implied by each 2023 level, as a 2022 → 2023 → 2024-target series.

    Two methods, named in ``method``: ``level / (1 + growth)`` where the report states a 2023
    level and its 2023 growth, and ``stock − additions`` where it states a 2023 stock and what
    was added during 2023; a count whose category was redefined during 2023
    (``REDEFINED_COUNTS``) gets no 2022 level (``not_established``). ``value_2022`` is always
    derived (``derived`` is True), never stated.
    The 2022 level is the base on the statistics' comparable basis that the stated growth
    implies, not the level published for 2022 (levels are revised between years): where the
    register holds a published 2022 level, ``published_2022`` shows it and ``published_growth``
    the growth it would give, as a cross-check. Caveat: it inherits the rounding of the stated
    figures (83万 after +61.7% is 51.3万 ± 0.03万).
    """
    frame = load_indicators()
    actuals = rows_of(frame, ACTUAL_YEAR, "actual")
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
        elif row.indicator in REDEFINED_COUNTS:
            previous = math.nan
            method = "not_established"
            explanation = (
                f"{row.value:g} {row.unit} at the end of 2023, counted in a category redefined "
                "during 2023: no 2022 level follows."
            )
        elif row.indicator in STOCK_ADDITIONS:
            added = lookup(frame, STOCK_ADDITIONS[row.indicator], ACTUAL_YEAR, "actual", "flow")
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
    targets = rows_of(frame, TARGET_YEAR, "target").set_index(["indicator", "measure"])
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
    published = _published_levels(load_external(), ACTUAL_YEAR - 1)
    result["published_2022"] = [
        published.get((r.indicator, r.measure), math.nan) for r in result.itertuples(index=False)
    ]
    result["published_growth"] = [
        growth_pct(r.value_2023, r.published_2022) for r in result.itertuples(index=False)
    ]
    result["target_bound"] = pd.Categorical(target_bounds, categories=frame["bound"].cat.categories)
    result["target_direction"] = pd.Categorical(
        target_directions, categories=frame["direction"].cat.categories
    )
    return sort_in_report_order(result, frame)


def _published_levels(external: pd.DataFrame, year: int) -> dict[tuple[str, str], float]:
    """Zhengzhou's published levels for ``year`` in the register, from sources better than a
    low-grade page: a cross-check of the implied bases."""
    rows = external[
        (external["geo"] == "zhengzhou")
        & (external["year"] == year)
        & (external["status"] == "actual")
        & (external["period"] == "year")
        & (external["measure"].isin(["flow", "stock"]))
        & (external["quality"].astype(str) != "low")
    ]
    return {(r.indicator, str(r.measure)): float(r.value) for r in rows.itertuples(index=False)}


@dataclass(frozen=True)
class IncrementFacts:
    """The level targets with a derived 2022 base (notebook 03), by increment: ``smaller`` ask
    for a smaller increment than 2023 delivered, ``larger`` for a larger one, of ``targets``."""

    targets: int
    smaller: int
    larger: int


def increment_facts(series: pd.DataFrame | None = None) -> IncrementFacts:
    """Count ``backcast()`` (or ``series``) by the increment each target asks."""
    series = backcast() if series is None else series
    data = series[series["target_2024"].notna()]
    asked = data["target_2024"] - data["value_2023"]
    delivered = data["value_2023"] - data["value_2022"]
    return IncrementFacts(
        targets=len(data),
        smaller=int((asked < delivered).sum()),
        larger=int((asked > delivered).sum()),
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
