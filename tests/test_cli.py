"""The `zzreport` command line: running one notebook, checking and exporting the data, and
the messages a wrong command line gets. (Building is tested in tests/publish/test_build.py.)"""

from __future__ import annotations

import json
import re

import nbformat
import pandas as pd
import pytest

import zzreport as z
from tests.helpers import TEST_BUILDS, write_rows, zzreport
from zzreport.publish.notebooks import notebook_paths

NOTEBOOK_STEMS = [p.stem for p in notebook_paths()]


# --- command-line errors --------------------------------------------------------------------


def test_run_unknown_notebook_lists_the_valid_ones() -> None:
    result = zzreport("run", "99-nope")
    assert result.returncode == 2
    assert "unknown notebook '99-nope'" in result.stderr
    assert all(stem in result.stderr for stem in NOTEBOOK_STEMS)


def test_run_unknown_parameter_lists_the_notebooks_parameters() -> None:
    result = zzreport("run", "04", "-p", "colour", "red")
    assert result.returncode == 2
    assert (
        "04-feasibility has no parameter colour; its parameters are lang, momentum" in result.stderr
    )


def test_run_bad_parameter_value() -> None:
    result = zzreport("run", "04-feasibility", "-p", "momentum", "9")
    assert result.returncode == 2
    assert "parameter momentum=9 is not allowed" in result.stderr


def test_build_bad_parameter() -> None:
    result = zzreport("build", "-p", "colour", "red", "--out", str(TEST_BUILDS / "never"))
    assert result.returncode == 2 and "unknown parameter(s) colour" in result.stderr
    assert not (TEST_BUILDS / "never").exists()


def test_build_bad_option() -> None:
    result = zzreport("build", "--lang", "fr")
    assert result.returncode == 2 and "invalid choice: 'fr'" in result.stderr
    result = zzreport("build", "--lang", "en,fr")
    assert result.returncode == 2 and "invalid choice: 'fr'" in result.stderr


def test_run_executes_one_parameterised_notebook(tmp_path) -> None:
    out = tmp_path / "04-half.ipynb"
    result = zzreport("run", "04", "-p", "momentum", "0.5", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = json.dumps([c.get("outputs") for c in nbformat.read(out, as_version=4).cells])
    assert (
        "Adding 0.5\\u00d7 their 2023 increment" in text
        or "Adding 0.5× their 2023 increment" in text
    )


def test_check_summarises_valid_data() -> None:
    result = zzreport("check")
    assert result.returncode == 0
    assert re.search(r"indicators: \d+ rows, 8 sections, years 2023–2024", result.stdout)
    assert "all data files are valid" in result.stdout


def test_check_names_the_problem_in_bad_data(tmp_path, real_rows) -> None:
    rows = [dict(r) for r in real_rows]
    rows[4]["measure"] = "vibes"
    path = write_rows(tmp_path / "indicators.csv", rows)
    result = zzreport("check", "--indicators", str(path))
    assert result.returncode == 1
    assert f"{path}, line 6, column measure: 'vibes'" in result.stderr
    assert "Traceback" not in result.stderr


# --- export ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_export_round_trips(tmp_path, fmt) -> None:
    out = tmp_path / ("tables.xlsx" if fmt == "xlsx" else "tables")
    result = zzreport("export", "--format", fmt, "--out", str(out))
    assert result.returncode == 0, result.stderr
    readers = {
        "csv": lambda name: pd.read_csv(out / f"{name}.csv"),
        "parquet": lambda name: pd.read_parquet(out / f"{name}.parquet"),
        "xlsx": lambda name: pd.read_excel(out, sheet_name=name),
    }
    for name, original in (
        ("indicators", z.load_indicators()),
        ("external_figures", z.load_external()),
    ):
        back = readers[fmt](name)
        assert list(back.columns) == list(original.columns)
        assert len(back) == len(original)
        assert back["value"].equals(original["value"].astype(float)) or (
            back["value"].fillna(-1).tolist() == original["value"].fillna(-1).tolist()
        )
        assert back["quote"].tolist() == original["quote"].tolist()
    assert not list(tmp_path.rglob("*.partial"))
