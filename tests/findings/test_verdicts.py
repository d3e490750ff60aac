"""Verdicts follow the wording: properties over every bound × direction × measure, and the
issue's own examples (控制在5.5%左右 at 4.0% is met, at 7.0% missed)."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from zzreport.findings.verdicts import (
    ABOUT_TOLERANCE_PP,
    ABOUT_TOLERANCE_RELATIVE,
    judge,
    meets,
    target_band,
)

BOUNDS = ("exact", "about", "at_least", "at_most")
MEASURES = ("growth", "share", "flow", "stock")
#: The directions each bound allows (the loader refuses the others).
DIRECTIONS = {
    "exact": ("up", "down"),
    "about": ("up", "down", "two_sided"),
    "at_least": ("up",),
    "at_most": ("down",),
}
COMBINATIONS = [
    (bound, direction, measure)
    for bound in BOUNDS
    for direction in DIRECTIONS[bound]
    for measure in MEASURES
]

targets = st.floats(min_value=0.1, max_value=1e4, allow_nan=False)
offsets = st.floats(min_value=-1e4, max_value=1e4, allow_nan=False)
combination = st.sampled_from(COMBINATIONS)


def tolerance_of(target: float, bound: str, measure: str) -> float:
    if bound != "about":
        return 0.0
    return (
        ABOUT_TOLERANCE_PP if measure in ("growth", "share") else target * ABOUT_TOLERANCE_RELATIVE
    )


@given(combination, targets, offsets, st.floats(min_value=0, max_value=1e4))
def test_more_of_a_good_thing_never_turns_met_into_missed(case, target, offset, step) -> None:
    bound, direction, measure = case
    assume(direction != "two_sided")  # an approximation has no better side
    better = step if direction == "up" else -step
    before = judge(target + offset, "exact", target, bound, direction, measure).result
    after = judge(target + offset + better, "exact", target, bound, direction, measure).result
    if before == "met":
        assert after == "met"
    if after == "missed":
        assert before == "missed"


@given(combination, targets)
def test_a_target_is_met_when_the_outcome_equals_it(case, target) -> None:
    bound, direction, measure = case
    assert judge(target, "exact", target, bound, direction, measure).result == "met"


@given(combination, targets, st.floats(min_value=1.0, max_value=1e3))
def test_far_on_the_bad_side_is_missed(case, target, excess) -> None:
    bound, direction, measure = case
    distance = tolerance_of(target, bound, measure) + excess
    bad_sides = {"up": (-1,), "down": (1,), "two_sided": (-1,)}[direction]
    for sign in bad_sides:
        result = judge(target + sign * distance, "exact", target, bound, direction, measure)
        assert result.result == "missed"


@given(st.sampled_from(MEASURES), targets, st.floats(min_value=1.0, max_value=1e3))
def test_an_approximation_overshot_is_above_the_band_not_missed(measure, target, excess) -> None:
    distance = tolerance_of(target, "about", measure) + excess
    verdict = judge(target + distance, "exact", target, "about", "two_sided", measure)
    assert verdict.result == "above_band"


@given(combination, targets, offsets)
def test_band_and_verdict_agree(case, target, offset) -> None:
    bound, direction, measure = case
    band = target_band(target, bound, direction, measure)
    outcome = target + offset
    inside = (band.low is None or outcome >= band.low) and (
        band.high is None or outcome <= band.high
    )
    assert (judge(outcome, "exact", target, bound, direction, measure).result == "met") == inside


@given(combination, targets, offsets)
def test_a_floor_outcome_never_proves_a_miss_of_a_floor(case, target, offset) -> None:
    bound, direction, measure = case
    assume(direction == "up")
    verdict = judge(target + offset, "at_least", target, bound, direction, measure)
    assert verdict.result in ("met", "cannot_tell")
    assert verdict.margin_bound == "at_least"  # never an exact-looking margin


@given(combination, targets, offsets)
def test_a_floor_outcome_can_prove_a_ceiling_missed_but_not_met(case, target, offset) -> None:
    bound, direction, measure = case
    assume(direction == "down")
    verdict = judge(target + offset, "at_least", target, bound, direction, measure)
    assert verdict.result in ("missed", "cannot_tell")


@pytest.mark.parametrize(
    "outcome, expected", [(4.0, "met"), (5.5, "met"), (6.0, "met"), (7.0, "missed")]
)
def test_unemployment_kept_within_about_5_5(outcome, expected) -> None:
    # 城镇调查失业率控制在5.5%左右: a ceiling; the tolerance applies on the bad side only.
    assert judge(outcome, "exact", 5.5, "about", "down", "share").result == expected


def test_floor_outcome_below_a_floor_target_cannot_tell() -> None:
    # 突破110万辆 against 突破140万辆: the outcome may be anything from 110万 up.
    verdict = judge(110, "at_least", 140, "at_least", "up", "flow")
    assert verdict.result == "cannot_tell"
    assert verdict.margin == pytest.approx((110 / 140 - 1) * 100)
    assert verdict.margin_bound == "at_least"


def test_margins_are_points_for_rates_and_percent_for_levels() -> None:
    assert judge(5.7, "exact", 7, "about", "two_sided", "growth").margin == pytest.approx(-1.3)
    assert judge(82.5, "exact", 65, "exact", "up", "flow").margin == pytest.approx(
        (82.5 / 65 - 1) * 100
    )


def test_missing_numbers_give_no_verdict() -> None:
    assert meets(math.nan, 1, "exact", "up", "flow") is None
    assert meets(1, math.nan, "exact", "up", "flow") is None
    assert meets(1, 1, None, "up", "flow") is None
    assert meets(1, 1, "exact", None, "flow") is None


def test_an_unknown_direction_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="direction 'sideways' is not one of up, down, two_sided"):
        target_band(1, "exact", "sideways", "flow")


@pytest.mark.parametrize(
    "bound, direction, value, target, measure, expected",
    [
        ("at_least", "up", 100, 100, "flow", True),  # met at equality
        ("at_least", "up", 99.99, 100, "flow", False),
        ("exact", "up", 100, 100, "flow", True),
        ("exact", "up", 101, 100, "flow", True),  # an exact level is a level to reach
        ("about", "two_sided", 98, 100, "flow", True),  # within 2 % below
        ("about", "two_sided", 97.9, 100, "flow", False),
        ("about", "two_sided", 102.1, 100, "flow", False),  # overshot the band: not "met"
        ("about", "two_sided", 6.5, 7, "growth", True),  # within 0.5 pp below
        ("about", "two_sided", 6.4, 7, "growth", False),
        ("at_most", "down", 5.5, 5.5, "share", True),
        ("at_most", "down", 5.6, 5.5, "share", False),
        # 控制在5.5%左右: a ceiling with the tolerance on the bad side only (the example)
        ("about", "down", 4.0, 5.5, "share", True),
        ("about", "down", 6.0, 5.5, "share", True),
        ("about", "down", 7.0, 5.5, "share", False),
    ],
)
def test_meets(bound, direction, value, target, measure, expected) -> None:
    assert meets(value, target, bound, direction, measure) is expected


def test_meets_missing() -> None:
    assert meets(math.nan, 1, "exact", "up", "flow") is None
    assert meets(1, math.nan, "exact", "up", "flow") is None
    assert meets(1, 1, None, "up", "flow") is None
