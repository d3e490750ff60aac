"""Stopping a build: Ctrl-C (SIGINT to the whole process group), SIGINT to the main process
alone, SIGTERM to the main process. Each stops the build, prints one line, exits 130 or 143,
keeps the previous site and leaves no worker or kernel behind."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import nbformat
import psutil
import pytest

from tests.helpers import ZZREPORT, parameters_cell, write_notebook
from zzreport import paths

GUARD_SECONDS = 120  # only so that a broken build cannot hang the test run


def sleeping_notebooks(folder):
    folder.mkdir(parents=True, exist_ok=True)
    sleep = "import pathlib, time\npathlib.Path('started').touch()\ntime.sleep(600)"
    for name in ("01-sleep", "02-sleep"):
        write_notebook(
            folder / f"{name}.ipynb", [parameters_cell(), nbformat.v4.new_code_cell(sleep)]
        )
    return folder


@pytest.mark.parametrize(
    "how, signum, code",
    [
        ("group", signal.SIGINT, 130),  # Ctrl-C in a terminal
        ("main", signal.SIGINT, 130),
        ("main", signal.SIGTERM, 143),
    ],
)
def test_a_signal_stops_the_build_cleanly(tmp_path, how, signum, code) -> None:
    notebooks = sleeping_notebooks(tmp_path / "notebooks")
    out = tmp_path / "out"
    (out / "site").mkdir(parents=True)
    (out / "site" / "index.html").write_text("the previous site", encoding="utf-8")
    build = subprocess.Popen(
        [*ZZREPORT, "build", "--out", str(out), "--jobs", "2"],
        cwd=paths.PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "ZZREPORT_NOTEBOOKS_DIR": str(notebooks)},
    )
    deadline = time.monotonic() + GUARD_SECONDS
    while not (notebooks / "started").exists():
        assert build.poll() is None, build.communicate()
        assert time.monotonic() < deadline, "the notebook never started"
        time.sleep(0.2)
    processes = psutil.Process(build.pid).children(recursive=True)
    assert any("ipykernel" in " ".join(p.cmdline()) for p in processes)
    if how == "group":
        os.killpg(build.pid, signum)
    else:
        build.send_signal(signum)
    stdout, stderr = build.communicate(timeout=GUARD_SECONDS)
    assert build.returncode == code, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("interrupted") and "previous site" in lines[0], (
        stderr
    )
    _, alive = psutil.wait_procs(processes, timeout=10)
    assert not alive, [p.cmdline() for p in alive]
    assert (out / "site" / "index.html").read_text(encoding="utf-8") == "the previous site"
    assert not list(out.glob(".site-*"))
