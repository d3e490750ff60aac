"""`make notebooks` (``python -m zzreport.publish.write_back``): the committed notebooks are
what the build executes — run one whose outputs were cleared, and it gets back the committed
file, byte for byte. (Its cache is the build's: tests/publish/test_cache.py.)"""

from __future__ import annotations

import os
import subprocess
import sys

import nbformat
import pytest

from zzreport.data import paths

pytestmark = pytest.mark.slow  # starts a kernel

NOTEBOOK = "03-year-over-year.ipynb"


def write_back(notebooks, out) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zzreport.publish.write_back", "--jobs", "1", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=paths.PROJECT_ROOT,
        env={**os.environ, "ZZREPORT_NOTEBOOKS_DIR": str(notebooks)},
    )


def test_make_notebooks_writes_back_exactly_the_committed_bytes(tmp_path) -> None:
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    cleared = nbformat.read(paths.NOTEBOOKS_DIR / NOTEBOOK, as_version=4)
    for cell in cleared.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(cleared, notebooks / NOTEBOOK)
    first = write_back(notebooks, tmp_path / "out")
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[-1] == "1 of 1 notebooks changed"
    assert (notebooks / NOTEBOOK).read_bytes() == (paths.NOTEBOOKS_DIR / NOTEBOOK).read_bytes()
    assert [p.name for p in notebooks.iterdir()] == [NOTEBOOK]  # no scratch file left
