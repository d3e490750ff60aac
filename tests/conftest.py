"""Shared fixtures: the real data, deliberately broken copies of it, and real builds shared by
the site, browser, notebook and determinism tests. Importable helpers are in tests/helpers.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import Build, _build, read_rows, write_rows


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


# --- real builds ------------------------------------------------------------------------------


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


# --- the `slow` marker: `make test-fast` runs everything else -------------------------------

SLOW_FIXTURES = {
    "build_both",
    "build_en",
    "build_zh",
    "build_fresh",
    "build_en_fresh",
    "build_zh_fresh",
    "browser",
}
SLOW_MODULES = {"test_browser", "test_lab", "test_interrupt"}


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        module = getattr(getattr(item, "module", None), "__name__", "").rsplit(".", 1)[-1]
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or module in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
