"""The plan: which jobs a build runs (a parameter reaches only the notebooks that accept it; a
parameter that lists its values fans a notebook out), which jobs `make notebooks` runs, and
where each edition goes."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from tests.helpers import parameters_cell, write_notebook
from zzreport.data import schema
from zzreport.publish.plan import EDITIONS, committed_jobs, edition_folders, plan
from zzreport.words import text


def test_parameters_reach_only_the_notebooks_that_accept_them() -> None:
    jobs = plan("en", {"momentum": 0.5})
    with_momentum = [j.name for j in jobs if "momentum" in j.parameters]
    assert with_momentum == ["04-feasibility"]
    assert all(j.parameters["lang"] == "en" for j in jobs)
    assert len([j for j in jobs if j.name.startswith("05-")]) == len(schema.SECTIONS)


def test_a_parameter_no_notebook_accepts_is_refused() -> None:
    with pytest.raises(ValueError, match=r"unknown parameter\(s\) colour; the notebooks accept"):
        plan("en", {"colour": "red"})


def _with_parameters(path, source: str) -> None:
    write_notebook(path, [nbformat.v4.new_markdown_cell("# Colours"), parameters_cell(source)])


def test_any_parameter_that_lists_its_values_fans_out(tmp_path) -> None:
    path = tmp_path / "12-colours.ipynb"
    _with_parameters(
        path,
        'lang = "en"  # "en" or "zh"\ncolour = "blue"  # one of: red, blue\nsize = 3  # any size',
    )
    jobs = plan("zh", {}, [path])
    assert [(j.name, j.parameters) for j in jobs] == [
        ("12-colours-red", {"lang": "zh", "colour": "red"}),
        ("12-colours-blue", {"lang": "zh", "colour": "blue"}),
    ]
    assert [j.name for j in plan("en", {"colour": "red"}, [path])] == ["12-colours"]


def test_a_default_outside_its_listed_values_is_named(tmp_path) -> None:
    path = tmp_path / "13-bad.ipynb"
    _with_parameters(path, 'colour = "green"  # one of: red, blue')
    with pytest.raises(ValueError, match=r"13-bad\.ipynb: parameter colour's default 'green'"):
        plan("en", {}, [path])


def test_make_notebooks_runs_each_notebook_once_as_committed() -> None:
    """No parameter given (papermill then injects no cell) and no fan-out: the theme deep dive
    runs once, with the theme its parameters cell names."""
    jobs = committed_jobs()
    assert [(j.name, j.parameters) for j in jobs] == [(j.notebook.stem, {}) for j in jobs]
    assert len({j.notebook for j in jobs}) == len(jobs) == len({j.notebook for j in plan("en", {})})


def test_the_editions_are_the_languages_of_the_words() -> None:
    """One language list: the editions a build makes are the languages words.toml is written
    in, and every edition's folder follows from its place in that list."""
    assert EDITIONS is text.LANGS
    folders = edition_folders(Path("out"), list(reversed(EDITIONS)))
    assert folders == {EDITIONS[0]: Path("out"), **{c: Path("out") / c for c in EDITIONS[1:]}}
    assert edition_folders(Path("out"), [EDITIONS[-1]]) == {EDITIONS[-1]: Path("out")}
