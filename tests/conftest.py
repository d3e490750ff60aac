"""Shared fixtures: the real data and a way to write deliberately broken copies of it."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from zzreport import paths, schema


def read_rows(path: Path = paths.INDICATORS_CSV) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]], columns: list[str] | None = None) -> Path:
    columns = columns or list(schema.COLUMNS)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n",
                                extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def real_rows() -> list[dict[str, str]]:
    return read_rows()


@pytest.fixture
def broken_csv(tmp_path: Path, real_rows) -> Callable[..., Path]:
    """Write the real data with one row changed: ``broken_csv(row_index, column=value)``."""

    def make(index: int, **changes: str) -> Path:
        rows = [dict(row) for row in real_rows]
        rows[index].update(changes)
        return write_rows(tmp_path / "indicators.csv", rows)

    return make


# --- real builds, shared by the site, browser, notebook and determinism tests ---------------

import os
import subprocess
import sys
from dataclasses import dataclass

from zzreport import paths as _paths

ZZREPORT = [sys.executable, "-m", "zzreport.cli"]
TEST_BUILDS = _paths.BUILD_DIR / "test"


@dataclass(frozen=True)
class Build:
    out: Path
    stdout: str
    stderr: str

    @property
    def site(self) -> Path:
        return self.out / "site"

    @property
    def executed(self) -> Path:
        return self.out / "executed"


def zzreport(*args: str, env: dict[str, str] | None = None, timeout: int = 600
             ) -> subprocess.CompletedProcess:
    """Run the real command line, as a user would."""
    return subprocess.run([*ZZREPORT, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, cwd=_paths.PROJECT_ROOT)


def _build(name: str, *args: str) -> Build:
    out = TEST_BUILDS / name
    result = zzreport("build", "--out", str(out), *args)
    assert result.returncode == 0, result.stderr
    return Build(out, result.stdout, result.stderr)


@pytest.fixture(scope="session")
def build_en() -> Build:
    return _build("en", "--jobs", "2")


@pytest.fixture(scope="session")
def build_zh() -> Build:
    return _build("zh", "--lang", "zh", "--jobs", "2")


@pytest.fixture(scope="session")
def build_en_serial() -> Build:
    return _build("en-serial", "--jobs", "1")
