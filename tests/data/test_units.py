"""Unit scale factors and conversions."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zzreport import SCALES, base_unit, convert, split_unit, to_base_units


@pytest.mark.parametrize(
    "unit, expected",
    [
        ("万亿元", (1e12, "元")),
        ("billion yuan", (1e9, "yuan")),
        ("trillion yuan", (1e12, "yuan")),
        ("million", (1e6, "")),
    ],
)
def test_longer_and_english_scales(unit, expected) -> None:
    assert split_unit(unit) == expected


def test_english_units_convert_to_the_report_units() -> None:
    assert convert(588.46, "billion yuan", "亿元") == pytest.approx(5884.6)
    assert convert(6.35, "万亿元", "亿元") == pytest.approx(63_500)
    # A bare scale word counts the indicator's own unit (16.435 million passengers).
    assert convert(16.435, "million", "万人次") == pytest.approx(1643.5)


def test_different_counting_bases_are_never_converted() -> None:
    # The operator counts China–Europe trains in 班, China Railway Container Transport in trips.
    with pytest.raises(ValueError, match="different base units"):
        convert(2052, "trips", "班")
    assert SCALES["万"] * SCALES["亿"] == SCALES["万亿"]


@pytest.mark.parametrize(
    "unit, expected",
    [
        ("万辆", (1e4, "辆")),
        ("亿元", (1e8, "元")),
        ("亿人次", (1e8, "人次")),
        ("%", (1.0, "%")),
        ("家", (1.0, "家")),
        ("万", (1.0, "万")),
    ],
)
def test_split_unit(unit, expected) -> None:
    assert split_unit(unit) == expected


def test_to_base_units() -> None:
    assert to_base_units(31.6, "万辆") == pytest.approx((316_000.0, "辆"))
    assert to_base_units(2918.1, "亿元")[0] == pytest.approx(291_810_000_000.0)


def test_counting_word_aliases() -> None:
    assert base_unit("万名") == base_unit("万人") == "人"
    assert convert(20, "万名", "万人") == 20
    assert convert(1.5, "万家", "家") == 15_000


def test_convert_refuses_different_things() -> None:
    with pytest.raises(ValueError, match="different base units"):
        convert(1, "万辆", "万吨")


def test_empty_unit_refused() -> None:
    with pytest.raises(ValueError):
        split_unit("")


@given(
    st.floats(min_value=1e-6, max_value=1e9, allow_nan=False),
    st.sampled_from(["", "万", "亿"]),
    st.sampled_from(["", "万", "亿"]),
)
def test_conversion_round_trips(value, prefix_a, prefix_b) -> None:
    there = convert(value, f"{prefix_a}元", f"{prefix_b}元")
    assert math.isclose(convert(there, f"{prefix_b}元", f"{prefix_a}元"), value, rel_tol=1e-12)
