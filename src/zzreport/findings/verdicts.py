"""Verdicts that follow the wording: how a target points and how an outcome is stated decide
whether a target was met.

A target's **band** is the set of outcomes that meet it, read from its ``bound`` and
``direction`` (data, read from the wording: see ``data/datapackage.json``):

======================  =====================================================================
direction, bound        met when the outcome is …
======================  =====================================================================
up (a floor)            at or above the target (``about``: at or above target − tolerance)
down (a ceiling)        at or below the target (``about``: at or below target + tolerance)
two_sided (左右, 近)     within the tolerance on either side; above it the result is
                        ``above_band`` (the target was overshot, not missed)
======================  =====================================================================

The tolerance applies to ``about`` targets only: ``ABOUT_TOLERANCE_PP`` points for a rate and
``ABOUT_TOLERANCE_RELATIVE`` of the target for a level. Why a two-sided band, and not "at
least target − tolerance"? 左右 says "about", not "at least": an outcome well above an
approximate target shows that the target did not describe the year, which is worth saying, but
it is not a failure, so it gets its own result rather than ``missed``. Ceiling words
(控制在…左右, a price rise 涨幅…左右) make the bad side the only one that counts.

An **outcome** is an interval too: an exact (or approximate, 左右) figure is a point, a floor
(突破110万, ``at_least``) is [value, ∞) and a ceiling [−∞, value]. The verdict is ``met`` when the
whole interval lies in the band, ``missed`` when it lies wholly on the bad side, and
``cannot_tell`` when it straddles the band's edge: a floor below a floor target cannot prove a
miss, and its shortfall is known only as "at most".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: ``about`` targets (左右, 近): the tolerance in percentage points for a rate …
ABOUT_TOLERANCE_PP = 0.5
#: … and relative to the target for a level (2 %).
ABOUT_TOLERANCE_RELATIVE = 0.02

#: The results a verdict can give, in the order tables show them.
VERDICTS: tuple[str, ...] = ("met", "above_band", "missed", "cannot_tell")

RATES: frozenset[str] = frozenset({"growth", "share"})


@dataclass(frozen=True)
class Band:
    """The outcomes that meet a target: ``low`` ≤ outcome ≤ ``high`` (None: unbounded)."""

    low: float | None
    high: float | None


@dataclass(frozen=True)
class Verdict:
    """A verdict, the margin (outcome − target: points for rates, % of the target for levels)
    and how the margin is known: ``exact``, or ``at_least`` / ``at_most`` for an outcome
    stated as a floor or a ceiling."""

    result: str
    margin: float
    margin_bound: str


def tolerance(
    target: float,
    bound: str,
    measure: str,
    tolerance_pp: float = ABOUT_TOLERANCE_PP,
    tolerance_relative: float = ABOUT_TOLERANCE_RELATIVE,
) -> float:
    """How far an outcome may stray from an ``about`` target and still meet it (0 otherwise)."""
    if bound != "about":
        return 0.0
    return tolerance_pp if measure in RATES else abs(target) * tolerance_relative


def target_band(
    target: float,
    bound: str,
    direction: str,
    measure: str,
    tolerance_pp: float = ABOUT_TOLERANCE_PP,
) -> Band:
    """The band of outcomes that meet a target (see the module's table)."""
    slack = tolerance(target, bound, measure, tolerance_pp)
    if direction == "up":
        return Band(target - slack, None)
    if direction == "down":
        return Band(None, target + slack)
    if direction == "two_sided":
        return Band(target - slack, target + slack)
    raise ValueError(f"direction {direction!r} is not one of up, down, two_sided")


def outcome_interval(value: float, outcome_bound: str) -> tuple[float, float]:
    """What an outcome says the true figure is: a point, or a half-line for a floor/ceiling."""
    if outcome_bound == "at_least":
        return value, math.inf
    if outcome_bound == "at_most":
        return -math.inf, value
    return value, value


def margin(outcome: float, target: float, measure: str) -> float:
    """Outcome − target: in points for a rate, in % of the target for a level."""
    if measure in RATES:
        return outcome - target
    if target == 0:
        return math.nan
    return (outcome / target - 1.0) * 100.0


def judge(
    outcome: float,
    outcome_bound: str,
    target: float,
    bound: str,
    direction: str,
    measure: str,
    tolerance_pp: float = ABOUT_TOLERANCE_PP,
) -> Verdict:
    """The verdict on one target from one outcome (see the module's docstring)."""
    band = target_band(target, bound, direction, measure, tolerance_pp)
    low, high = outcome_interval(outcome, outcome_bound)
    below = band.low is not None and high < band.low
    above = band.high is not None and low > band.high
    inside = (band.low is None or low >= band.low) and (band.high is None or high <= band.high)
    if inside:
        result = "met"
    elif above and direction == "two_sided":
        result = "above_band"
    elif below or above:
        result = "missed"
    else:
        result = "cannot_tell"
    margin_bound = {"at_least": "at_least", "at_most": "at_most"}.get(outcome_bound, "exact")
    return Verdict(result, margin(outcome, target, measure), margin_bound)


def meets(
    outcome: float,
    target: float,
    bound: str,
    direction: str,
    measure: str,
    tolerance_pp: float = ABOUT_TOLERANCE_PP,
) -> bool | None:
    """True when an exact outcome meets the target, False when it misses it (or overshoots a
    two-sided band), None when either number is missing."""
    if any(_missing(x) for x in (outcome, target, bound, direction)):
        return None
    return (
        judge(outcome, "exact", target, str(bound), str(direction), measure, tolerance_pp).result
        == "met"
    )


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value != value
