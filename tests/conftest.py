"""Shared fixtures: the real data, deliberately broken copies of it, and real builds shared by
the site, browser, notebook and determinism tests. Importable helpers are in tests/helpers.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import CHROMIUM, FLAGS, Build, _build, read_rows, write_rows


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
    kernels runs the English and the Chinese jobs (English in OUT, Chinese in OUT/zh). In a
    fixed order: each notebook runs after the same neighbour on every run, so the comparison
    with fresh kernels (test_warm_kernels_give_the_outputs_of_fresh_kernels) gives the same
    answer every time."""
    return _build("both", "--lang", "all", "--jobs", "2", "--fixed-order")


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


# --- the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium, driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright  # (only the browser tests load it)

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make browser` installs it (make test does too)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


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
SLOW_MODULES = {"test_browser", "test_lab", "test_pool", "test_hostile_data"}
BUILD_FIXTURES = SLOW_FIXTURES - {"browser"}


#: Test files whose tests share the session's real builds: pytest-xdist (`make test` runs
#: `-n auto`) sends them to one worker, so that each build is made once; every other file is a
#: unit of its own (its module fixtures made once, a notebook's cells in one kernel). This is
#: xdist's "loadfile" with files joined into groups; its "loadgroup" would read xdist_group
#: marks, but with pytest 9.2 it silently stops grouping (pytest-xdist issue #1386).
SHARED_BUILD_FILES = frozenset(
    {
        "publish/test_browser.py",
        "publish/test_build.py",
        "publish/test_site.py",
        "test_notebooks.py",
    }
)
TESTS_DIR = Path(__file__).parent


def scheduling_group(nodeid: str) -> str:
    path = nodeid.split("::", 1)[0]
    return "real-builds" if path.removeprefix("tests/") in SHARED_BUILD_FILES else path


#: The longest units, handed out first, in this order: with two test workers, a long file
#: taken last keeps one worker busy while the other has nothing left to do, so the short
#: files come last. The session builds (two processes busy) go first; the other worker spends
#: that time on JupyterLab and the worker pool's interrupts and hung kernel, which mostly
#: wait, and only then on the cache tests' builds: two sets of builds at once slow each other
#: down.
LONG_FIRST = (
    "real-builds",
    "tests/test_lab.py",
    "tests/publish/test_pool.py",
    "tests/publish/test_cache.py",
    "tests/publish/test_hostile_data.py",
)


def start_rank(nodeid: str) -> int:
    group = scheduling_group(nodeid)
    return LONG_FIRST.index(group) if group in LONG_FIRST else len(LONG_FIRST)


class SharedBuildScheduler:
    """Registered only when pytest-xdist is loaded (its hook is unknown without it)."""

    def pytest_xdist_make_scheduler(self, config, log):
        from xdist.scheduler import LoadFileScheduling

        class SharedBuildScheduling(LoadFileScheduling):
            def _split_scope(self, nodeid: str) -> str:
                return scheduling_group(nodeid)

        # Keep the collection's order (LONG_FIRST), not xdist's default: files with the
        # most tests first, which put the many quick tests ahead of the long files.
        config.option.loadscopereorder = False
        return SharedBuildScheduling(config, log)


def pytest_configure(config) -> None:
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(SharedBuildScheduler(), "zzreport-shared-builds")


def pytest_collection_modifyitems(items) -> None:
    items.sort(key=lambda item: start_rank(item.nodeid))  # stable: files stay in one piece
    for item in items:
        module = getattr(getattr(item, "module", None), "__name__", "").rsplit(".", 1)[-1]
        used = set(getattr(item, "fixturenames", ()))
        if SLOW_FIXTURES & used or module in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
        # (A build asked for with request.getfixturevalue is not in fixturenames: such a test
        # must live in one of SHARED_BUILD_FILES, as the warm-vs-fresh test does.)
        path = Path(str(item.path))
        where = path.relative_to(TESTS_DIR).as_posix() if TESTS_DIR in path.parents else path.name
        if BUILD_FIXTURES & used and where not in SHARED_BUILD_FILES:
            raise pytest.UsageError(
                f"{item.nodeid} uses a session build; add {where} to "
                "SHARED_BUILD_FILES in tests/conftest.py, or each test worker builds it again"
            )
