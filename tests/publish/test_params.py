"""Notebook parameters: what a notebook's parameters cell accepts, command-line values, and
refusals with a message naming the parameter, value and choices."""

from __future__ import annotations

import math

import pytest

from tests.helpers import parameters_cell, write_notebook
from zzreport.data import paths, schema
from zzreport.publish import params
from zzreport.publish.params import parameter_specs, parse_value


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


@pytest.mark.parametrize("text, value", [("0.5", 0.5), ("2", 2), ("True", True), ("zh", "zh")])
def test_parse_value(text, value) -> None:
    assert parse_value(text) == value and type(parse_value(text)) is type(value)


def test_the_theme_deep_dive_lists_the_eight_themes() -> None:
    spec = parameter_specs(paths.NOTEBOOKS_DIR / "05-theme-deep-dive.ipynb")["theme"]
    assert spec.choices == schema.SECTIONS


def test_a_default_that_is_not_a_literal_is_named(tmp_path) -> None:
    path = write_notebook(tmp_path / "14-computed.ipynb", [parameters_cell("lang = str(1)")])
    with pytest.raises(ValueError, match=r"14-computed\.ipynb: parameter lang = str\(1\) is not a"):
        parameter_specs(path)
