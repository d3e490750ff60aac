"""The headline growth targets (GDP and its peers) against 2023's results: the direction of
travel of each target, and the consumer-price deflator.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from zzreport.data import memo
from zzreport.data.load import load_external, load_indicators
from zzreport.findings.frames import (
    ACTUAL_YEAR,
    SIMILAR_BAND_PP,
    TARGET_YEAR,
    naming,
    rows_of,
    sort_in_report_order,
)
from zzreport.findings.rd import dated_earlier


def national_prices(year: int) -> tuple[float, float]:
    """China's consumer-price and producer-price changes in ``year`` (%), from the register;
    NaN for one it lacks. The backdrop of a nominal verdict."""
    external = load_external()
    rows = external[
        (external["geo"] == "china")
        & (external["year"] == year)
        & (external["status"] == "actual")
        & (external["period"] == "year")
    ].set_index("indicator")["value"]
    return (
        float(rows["consumer_prices"]) if "consumer_prices" in rows else math.nan,
        float(rows["producer_prices"]) if "producer_prices" in rows else math.nan,
    )


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
    "raise_from_2022",
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


#: Nominal series that consumer prices can deflate: retail sales are consumer spending. Not
#: fixed-asset investment (it needs an investment-price deflator, which the register lacks)
#: nor budget revenue (no price index applies).
CPI_DEFLATED: frozenset[str] = frozenset({"retail_sales"})


@memo.on_data
def headline_targets() -> pd.DataFrame:
    """The main expected targets of 2024 (the 稳中求进 theme's rates) beside their 2023 results.

    ``direction`` (``DIRECTIONS_OF_TRAVEL``): ``asks_more`` or ``asks_less`` when a growth
    target is more than ``SIMILAR_BAND_PP`` points above or below the 2023 rate, ``similar``
    within it; ``raise``, ``lower`` or ``hold`` for a share (R&D intensity); ``no_2023_result``
    when the report gives none (construction, unemployment); ``unquantified`` when the target
    has no number. ``price_basis`` says whether the rate is real or nominal; for a nominal one,
    ``prices_2023`` is 2023's consumer-price change (``consumer_prices``) and, for a series
    consumer prices can deflate (``CPI_DEFLATED``: retail sales), ``real_2023`` the 2023 result
    deflated by it, (1 + result) / (1 + prices) − 1, a derived figure; investment needs an
    investment deflator and revenue has none, so theirs stay nominal. Caveat: a target
    is a floor or an approximation (see ``bound``), not a forecast.
    """
    frame = load_indicators()
    targets = rows_of(frame, TARGET_YEAR, "target")
    targets = targets[
        (targets["section"] == "stability") & targets["measure"].isin(["growth", "share"])
    ]
    actuals = rows_of(frame, ACTUAL_YEAR, "actual").set_index(["indicator", "measure"])["value"]
    prices = consumer_prices(ACTUAL_YEAR)
    earlier = dated_earlier()
    records = []
    for row in targets.itertuples(index=False):
        actual = actuals.get((row.indicator, row.measure), math.nan)
        change = row.value - actual
        direction = _direction(row.value, actual, row.measure)
        if row.indicator in earlier and direction == "raise":
            direction = "raise_from_2022"  # the "2023" figure is 2022's: a two-year change
        nominal = row.price_basis == "nominal"
        deflatable = nominal and row.indicator in CPI_DEFLATED
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
                if deflatable
                else math.nan,
                "note": row.note,
            }
        )
    return sort_in_report_order(pd.DataFrame.from_records(records), frame)


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
