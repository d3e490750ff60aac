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
import shutil
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


def _build(name: str, *args: str, env: dict[str, str] | None = None,
           keep_cache: bool = False) -> Build:
    """A real build from scratch: the folder is emptied (but for its cache with
    ``keep_cache``)."""
    out = TEST_BUILDS / name
    for part in (out.iterdir() if out.exists() else []):
        if not (keep_cache and part.name == ".cache"):
            shutil.rmtree(part) if part.is_dir() else part.unlink()
    result = zzreport("build", "--out", str(out), *args, env=env)
    assert result.returncode == 0, result.stderr
    return Build(out, result.stdout, result.stderr)


@pytest.fixture(scope="session")
def build_both() -> Build:
    """Both editions in one run, as `make report` builds them: one pool of workers and warm
    kernels runs the English and the Chinese jobs (English in OUT, Chinese in OUT/zh)."""
    return _build("both", "--lang", "all", "--jobs", "2")


@pytest.fixture(scope="session")
def build_en(build_both) -> Build:
    return build_both


@pytest.fixture(scope="session")
def build_zh(build_both) -> Build:
    return Build(build_both.out / "zh", build_both.stdout, build_both.stderr)


@pytest.fixture(scope="session")
def build_fresh() -> Build:
    """The reference for the warm kernels: one fresh kernel per notebook, both editions. Its
    results are cached across test runs under their content key (notebook, parameters, data,
    package source, lock file, Python): while none of these changes, a fresh-kernel run would
    give the same bytes (test_serial_and_parallel_builds_are_byte_identical), so only the warm
    builds, which are under test, run every time."""
    return _build("fresh", "--lang", "all", "--jobs", "2", "--fresh-kernels", keep_cache=True)


@pytest.fixture(scope="session")
def build_en_fresh(build_fresh) -> Build:
    return build_fresh


@pytest.fixture(scope="session")
def build_zh_fresh(build_fresh) -> Build:
    return Build(build_fresh.out / "zh", build_fresh.stdout, build_fresh.stderr)


SMALL_NOTEBOOKS = ("01-report-at-a-glance", "04-feasibility")


def small_notebooks(folder: Path) -> Path:
    """A small folder of real notebooks (ZZREPORT_NOTEBOOKS_DIR) for tests that need several
    builds: determinism, the cache."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem in SMALL_NOTEBOOKS:
        shutil.copyfile(_paths.NOTEBOOKS_DIR / f"{stem}.ipynb", folder / f"{stem}.ipynb")
    return folder


# --- the `slow` marker: `make test-fast` runs everything else -------------------------------

SLOW_FIXTURES = {"build_both", "build_en", "build_zh", "build_fresh", "build_en_fresh",
                 "build_zh_fresh", "browser"}
SLOW_MODULES = {"test_browser", "test_lab", "test_interrupt"}


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        module = getattr(getattr(item, "module", None), "__name__", "").rsplit(".", 1)[-1]
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or module in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
