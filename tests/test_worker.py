"""A build worker on its own: a notebook that hangs past the cell timeout is reported as a
failure, and the next notebook gets a fresh kernel (the hung one is gone)."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import nbformat
import pytest

from tests.helpers import write_notebook
from zzreport.publish import build
from zzreport.publish.build import Job, Task


def notebook(folder: Path, name: str, source: str) -> Path:
    return write_notebook(folder / f"{name}.ipynb", [nbformat.v4.new_code_cell(source)])


def task(path: Path, out: Path) -> Task:
    return Task(Job(path, path.stem, {}), path.stem, str(out / "executed"), str(out / "pages"))


def receive(connection) -> tuple[list[int], build.Outcome]:
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


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "Z"


@pytest.mark.slow
def test_a_hung_notebook_fails_and_the_next_gets_a_fresh_kernel(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("ZZREPORT_CELL_TIMEOUT", "3")  # read by the worker at import
    hangs = notebook(tmp_path, "hangs", "import time\ntime.sleep(600)")
    works = notebook(tmp_path, "works", "print('after the hang')")
    out = tmp_path / "out"
    for folder in ("executed", "pages", "logs"):
        (out / folder).mkdir(parents=True)
    context = multiprocessing.get_context("spawn")
    mine, theirs = context.Pipe()
    worker = context.Process(
        target=build._worker, args=(theirs, str(out / "logs"), True), daemon=True
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
