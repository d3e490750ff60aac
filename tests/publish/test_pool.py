"""The build's worker pool. A worker on its own: a notebook that hangs past the cell timeout is
reported as a failure, and the next notebook gets a fresh kernel (the hung one is gone).
Stopping a build: Ctrl-C (SIGINT to the whole process group), SIGINT to the main process
alone, SIGTERM to the main process: each stops the build, prints one line, exits 130 or 143,
keeps the previous site and leaves no worker or kernel behind."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from tests.helpers import ZZREPORT, parameters_cell, write_notebook
from zzreport.data import paths
from zzreport.publish import pool
from zzreport.publish.plan import Job, Outcome, Task

pytestmark = pytest.mark.slow  # every test here starts kernels


def notebook(folder: Path, name: str, source: str) -> Path:
    """A one-cell notebook with the H1 every published page needs for its title."""
    title = nbformat.v4.new_markdown_cell(f"# {name}")
    return write_notebook(folder / f"{name}.ipynb", [title, nbformat.v4.new_code_cell(source)])


def task(path: Path, out: Path) -> Task:
    return Task(Job(path, path.stem, {}), path.stem, str(out / "executed"), str(out / "pages"))


def receive(connection) -> tuple[list[int], Outcome]:
    """The kernels started for one task, and its outcome."""
    started = []
    while True:
        assert connection.poll(120), "the worker sent nothing for two minutes"
        message = connection.recv()
        if message[0] == "kernel":
            started.append(message[1])
        else:
            return started, message[1]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)


def command(process: psutil.Process) -> str:
    """A process's command line; "" for one that has exited (a zombie not yet reaped, or
    gone): it runs nothing, and psutil cannot read its command line."""
    try:
        return " ".join(process.cmdline())
    except (psutil.ZombieProcess, psutil.NoSuchProcess):
        return ""


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "Z"


def test_a_hung_notebook_fails_and_the_next_gets_a_fresh_kernel(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("ZZREPORT_CELL_TIMEOUT", "3")  # read by the worker at each run
    hangs = notebook(tmp_path, "hangs", "import time\ntime.sleep(600)")
    works = notebook(tmp_path, "works", "print('after the hang')")
    out = tmp_path / "out"
    for folder in ("executed", "pages", "logs"):
        (out / folder).mkdir(parents=True)
    context = multiprocessing.get_context("spawn")
    mine, theirs = context.Pipe()
    worker = context.Process(
        target=pool._worker, args=(theirs, str(out / "logs"), True, os.getpid()), daemon=True
    )
    worker.start()
    try:
        mine.send(task(hangs, out))
        first, outcome = receive(mine)
        assert len(first) == 1 and outcome.error, outcome
        assert "hangs.ipynb could not be executed" in outcome.error
        assert "Timeout" in outcome.error or "timed out" in outcome.error
        mine.send(task(works, out))
        second, outcome = receive(mine)
        assert outcome.error is None, outcome.error
        assert len(second) == 1 and second != first  # a new kernel, not the hung one
        assert not alive(first[0])
        executed = nbformat.read(out / "executed" / "works.ipynb", as_version=4)
        assert executed.cells[-1].outputs[0]["text"] == "after the hang\n"
    finally:
        mine.send(None)
        worker.join(timeout=30)
        if worker.is_alive():
            worker.kill()
    assert worker.exitcode == 0
    assert not alive(second[0])


# --- stopping a build ------------------------------------------------------------------------

GUARD_SECONDS = 120  # only so that a broken build cannot hang the test run


def sleeping_notebooks(folder):
    folder.mkdir(parents=True, exist_ok=True)
    sleep = "import pathlib, time\npathlib.Path('started').touch()\ntime.sleep(600)"
    for name in ("01-sleep", "02-sleep"):
        write_notebook(
            folder / f"{name}.ipynb", [parameters_cell(), nbformat.v4.new_code_cell(sleep)]
        )
    return folder


#: How a build is stopped: the signal, sent to the whole process group (Ctrl-C in a terminal)
#: or to the main process alone (``kill``, ``timeout``, a CI runner), and the exit code.
WAYS = {
    "ctrl-c": ("group", signal.SIGINT, 130),
    "sigint": ("main", signal.SIGINT, 130),
    "sigterm": ("main", signal.SIGTERM, 143),
}


def start_build(folder):
    """A build of two sleeping notebooks, over a previous site, in its own session."""
    notebooks = sleeping_notebooks(folder / "notebooks")
    out = folder / "out"
    (out / "site").mkdir(parents=True)
    (out / "site" / "index.html").write_text("the previous site", encoding="utf-8")
    return start(notebooks, out)


def start(notebooks: Path, out: Path, jobs: str = "2") -> subprocess.Popen:
    return subprocess.Popen(
        [*ZZREPORT, "build", "--out", str(out), "--jobs", jobs],
        cwd=paths.PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "ZZREPORT_NOTEBOOKS_DIR": str(notebooks)},
    )


@pytest.fixture(scope="module")
def running_builds(request, tmp_path_factory):
    """One build per way of stopping it that the run selected (``-k``), started together
    and left running until a notebook sleeps in each: reaching that point takes a build a
    few seconds of waiting (workers, kernels), which the builds spend at the same time."""
    selected = [
        item.callspec.params["way"]
        for item in request.session.items
        if getattr(item, "module", None) is request.module and hasattr(item, "callspec")
    ]
    builds = {}
    try:
        for way in dict.fromkeys(selected):
            builds[way] = start_build(tmp_path_factory.mktemp(way))
        for build in builds.values():
            wait_until_a_notebook_sleeps(build)
        yield builds
    finally:
        for build in builds.values():
            if build.poll() is None:  # a test failed before stopping it
                os.killpg(build.pid, signal.SIGKILL)
                build.communicate()  # reaps it and closes its pipes


def folder_of(build) -> Path:
    return Path(build.args[build.args.index("--out") + 1]).parent


def wait_until_a_notebook_sleeps(build: subprocess.Popen) -> None:
    started = folder_of(build) / "notebooks" / "started"
    deadline = time.monotonic() + GUARD_SECONDS
    while not started.exists():
        assert build.poll() is None, build.communicate()
        assert time.monotonic() < deadline, "the notebook never started"
        time.sleep(0.2)


@pytest.mark.parametrize("way", WAYS)
def test_a_signal_stops_the_build_cleanly(running_builds, way) -> None:
    how, signum, code = WAYS[way]
    build = running_builds[way]
    out = folder_of(build) / "out"
    processes = psutil.Process(build.pid).children(recursive=True)
    assert any("ipykernel" in command(p) for p in processes)
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
    assert not alive, [command(p) for p in alive]
    assert (out / "site" / "index.html").read_text(encoding="utf-8") == "the previous site"
    assert not list(out.glob(".site-*"))


@pytest.mark.parametrize("way", ["sigkill"])  # started with the others by running_builds
def test_after_a_sigkill_nothing_runs_on_and_the_next_build_cleans_up(
    running_builds, way, tmp_path
) -> None:
    """kill -9 of the main process, which runs no handler: its workers (told by the kernel,
    PR_SET_PDEATHSIG) and their notebook kernels (watching their worker) end by themselves,
    and the staging site left behind is removed by the next build in the folder — but a
    build running there now keeps its own."""
    killed = running_builds[way]
    folder = folder_of(killed)
    out, notebooks = folder / "out", folder / "notebooks"
    descendants = psutil.Process(killed.pid).children(recursive=True)
    assert sum("ipykernel" in command(p) for p in descendants) == 2
    killed.kill()
    killed.wait(timeout=GUARD_SECONDS)
    _, alive = psutil.wait_procs(descendants, timeout=20)
    survivors = [line for line in map(command, alive) if line]
    for process in alive:  # (only when the test fails: leave nothing running)
        process.kill()
    # the pipes close once every process is gone; read them before any assertion, or a
    # failure here leaves them to the garbage collector, in whichever test runs next
    killed.communicate(timeout=GUARD_SECONDS)
    assert not survivors, survivors
    left = list(out.glob(".site-*"))
    assert len(left) == 1, "a killed build leaves its staging site (it ran no handler)"

    (notebooks / "started").unlink()
    running = start(notebooks, out)  # a build in the same folder, now
    try:
        wait_until_a_notebook_sleeps(running)
        assert not left[0].exists(), "the running build removed the killed build's leftovers"
        (own,) = out.glob(".site-*")
        quick = tmp_path / "quick"
        quick.mkdir()
        write_notebook(
            quick / "01-quick.ipynb",
            [
                nbformat.v4.new_markdown_cell("# Quick"),
                parameters_cell(),
                nbformat.v4.new_code_cell("1"),
            ],
        )
        result = subprocess.run(
            [*ZZREPORT, "build", "--out", str(out), "--jobs", "1"],
            cwd=paths.PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=GUARD_SECONDS,
            env={**os.environ, "ZZREPORT_NOTEBOOKS_DIR": str(quick)},
        )
        assert result.returncode == 0, result.stderr
        assert own.exists(), "a build removed the staging site of a build running now"
        assert (out / "site" / "01-quick.html").exists()
    finally:
        running.terminate()
        running.communicate(timeout=GUARD_SECONDS)
    assert running.returncode == 143
    assert not list(out.glob(".site-*")) and not list(out.glob(".new-*"))
    assert not list((out / ".cache").glob(".*-*"))
