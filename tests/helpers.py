"""Helpers the tests share: reading and writing the data, running the real command line and
real builds, and the browser's settings. Fixtures live in conftest.py; importable helpers live
here, so no test module imports from conftest.py or from another test module."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd

from zzreport.data import paths, schema


def read_rows(path: Path = paths.INDICATORS_CSV) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]], columns: list[str] | None = None) -> Path:
    columns = columns or list(schema.COLUMNS)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=columns, lineterminator="\n", extrasaction="ignore"
        )
        writer.writeheader()
        writer.writerows(rows)
    return path


ZZREPORT = [sys.executable, "-m", "zzreport.cli"]
TEST_BUILDS = paths.BUILD_DIR / "test"


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


def zzreport(
    *args: str, env: dict[str, str] | None = None, timeout: int = 600
) -> subprocess.CompletedProcess:
    """Run the real command line, as a user would."""
    return subprocess.run(
        [*ZZREPORT, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        cwd=paths.PROJECT_ROOT,
    )


def _empty(folder: Path, keep_cache: bool) -> None:
    """Remove what a build wrote into ``folder``; with ``keep_cache``, every edition's
    ``.cache`` stays (the English one in ``folder``, the others in its subfolders)."""
    for part in folder.iterdir() if folder.exists() else []:
        if keep_cache and part.name == ".cache":
            continue
        if keep_cache and (part / ".cache").is_dir():
            _empty(part, keep_cache)
        elif part.is_dir():
            shutil.rmtree(part)
        else:
            part.unlink()


def _build(
    name: str, *args: str, env: dict[str, str] | None = None, keep_cache: bool = False
) -> Build:
    """A real build from scratch: the folder is emptied (but for its cache with
    ``keep_cache``)."""
    out = TEST_BUILDS / name
    _empty(out, keep_cache)
    # Relative to the project, where the command runs, as `make report` gives it.
    result = zzreport("build", "--out", str(out.relative_to(paths.PROJECT_ROOT)), *args, env=env)
    assert result.returncode == 0, result.stderr
    return Build(out, result.stdout, result.stderr)


def parameters_cell(source: str = 'lang = "en"'):
    """A code cell tagged ``parameters``, as papermill and the build look for it."""
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = ["parameters"]
    return cell


def write_notebook(path: Path, cells: list, metadata: dict | None = None) -> Path:
    """Write a small notebook that papermill can run: ``cells`` in order, the python3
    kernelspec (papermill needs its language) and any other ``metadata``."""
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.metadata.update(metadata or {})
    nbformat.write(notebook, path)
    return path


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path in the site: two builds compare equal when
    they have the same files with the same bytes."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


SMALL_NOTEBOOKS = ("01-report-at-a-glance", "04-feasibility")


def font_characters(path) -> set[str]:
    """The characters a font file can draw (its best cmap)."""
    from fontTools.ttLib import TTFont  # (only the font tests need it)

    return {chr(code) for code in TTFont(path)["cmap"].getBestCmap()}


def small_notebooks(folder: Path) -> Path:
    """A small folder of real notebooks (ZZREPORT_NOTEBOOKS_DIR) for tests that need several
    builds: determinism, the cache."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem in SMALL_NOTEBOOKS:
        shutil.copyfile(paths.NOTEBOOKS_DIR / f"{stem}.ipynb", folder / f"{stem}.ipynb")
    return folder


def project_copy(folder: Path, notebooks: tuple[str, ...] = SMALL_NOTEBOOKS) -> Path:
    """A copy of the project (the package's source, ``data/``, the lock file, the licence the
    site ships and the named notebooks) in ``folder``, for tests that change the data: the real data is never touched.
    Run its command line with ``in_copy``: its paths are the copy's (``paths`` builds every
    path from the package's own location)."""
    root = folder / "project"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(paths.PROJECT_ROOT / "src", root / "src", ignore=ignore)
    shutil.copytree(paths.DATA_DIR, root / "data")
    for name in ("requirements.lock", "LICENSE"):
        shutil.copyfile(paths.PROJECT_ROOT / name, root / name)
    (root / "notebooks").mkdir()
    for stem in notebooks:
        shutil.copyfile(paths.NOTEBOOKS_DIR / f"{stem}.ipynb", root / "notebooks" / f"{stem}.ipynb")
    return root


def in_copy(root: Path, *command: str, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run ``python -m <command>`` on the copy ``root``: its package first on the path (the
    notebook kernels inherit it), in its folder."""
    return subprocess.run(
        [sys.executable, "-m", *command],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={
            **{k: v for k, v in os.environ.items() if k != "ZZREPORT_NOTEBOOKS_DIR"},
            "PYTHONPATH": str(root / "src"),
            "PYTHONDONTWRITEBYTECODE": "1",
        },
        cwd=root,
    )


# --- the browser: Debian's headless Chromium ------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = TEST_BUILDS / "screenshots"


def assert_caller_cannot_corrupt(function) -> None:
    """The loaders cache what they parse; a caller that edits the frame it got must not change
    what the next caller gets (a shared cached frame would)."""
    first = function()
    kept = first.copy(deep=True)
    for column in first.columns:
        first[column] = None
    pd.testing.assert_frame_equal(function(), kept)
