"""Notebook parameters are refused with a message naming the parameter, value and choices."""

from __future__ import annotations

import math

import pytest

from zzreport.data import schema
from zzreport.publish import params


def test_valid_parameters_pass_through() -> None:
    assert params.check(lang="zh", theme="green", momentum=2) == {
        "lang": "zh",
        "theme": "green",
        "momentum": 2.0,
    }


@pytest.mark.parametrize("value", ["xx", "EN", "", None, 1])
def test_bad_lang(value) -> None:
    with pytest.raises(ValueError) as caught:
        params.check(lang=value)
    assert f"lang={value!r}" in str(caught.value) and "'en', 'zh'" in str(caught.value)


def test_bad_theme_lists_the_sections() -> None:
    with pytest.raises(ValueError) as caught:
        params.check(theme="economy")
    message = str(caught.value)
    assert "theme='economy'" in message
    assert all(repr(section) in message for section in schema.SECTIONS)


@pytest.mark.parametrize("value", [-1, 3.5, math.nan, "fast", True])
def test_bad_momentum(value) -> None:
    with pytest.raises(
        ValueError, match=r"parameter momentum=.* expected a finite number from 0 to 3"
    ):
        params.check(momentum=value)


def test_unknown_parameter() -> None:
    with pytest.raises(ValueError, match=r"unknown parameter 'colour'; expected one of lang"):
        params.check(colour="red")
