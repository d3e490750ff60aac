"""The build's worker processes: each keeps one kernel and runs task after task in it; the
main process hands the tasks out, stops at the first failure, and — whatever happens:
success, a failure, SIGINT or SIGTERM — leaves no worker or kernel behind.

Each worker sits in its own process group, so Ctrl-C reaches only the main process, which
stops the workers and their kernels itself. A notebook that fails, times out or leaves its
kernel unable to reset gets the next notebook a fresh kernel.

A main process killed with SIGKILL runs no code at all, so the workers and kernels see to
themselves: on Linux each worker asks the kernel (``prctl(PR_SET_PDEATHSIG)``) to send it
SIGKILL when the main process dies — the one way that works while the worker is blocked in a
call that can last minutes (waiting for a cell), with no thread or polling of ours — and each
notebook kernel is started with the same request about its worker (``lifeline``; ipykernel's
own watch of ``JPY_PARENT_PID`` misses a worker killed while the kernel starts). Elsewhere a
worker notices the main process gone when it next reads its pipe.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import wait
from pathlib import Path

from zzreport.publish.cache import Cache
from zzreport.publish.execute import execute, results, subject, write_index
from zzreport.publish.kernels import Kernel
from zzreport.publish.lifeline import die_with
from zzreport.publish.notebooks import skip_iri_format_checker
from zzreport.publish.pages import exporter
from zzreport.publish.plan import Outcome, Task, job_lang


class BuildError(RuntimeError):
    """A notebook failed: names the notebook, the cell and the executed copy to read."""


class Interrupted(BaseException):
    """SIGINT or SIGTERM reached the build; ``code`` is the exit status to use (130 / 143)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.code = 128 + signum


# --- a worker ---------------------------------------------------------------------------------


def _worker(conn, log_dir: str, warm: bool, parent: int, inherited: Sequence = ()) -> None:
    """A worker process: receive tasks, run them, send back outcomes.

    The kernels' stderr (inherited from the worker) goes to a log file instead of the
    console. Messages sent back: ("kernel", pid, connection file) when a kernel starts,
    ("done", Outcome) when a task ends. ``inherited``: the main process's ends of the pipes,
    which a forked worker closes (were it to keep another worker's, that worker would not see
    the main process go). ``parent``: the main process's pid (see ``lifeline.die_with``)."""
    die_with(parent)
    os.setpgrp()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker inherits the build's handler
    for connection in inherited:
        connection.close()
    log = open(Path(log_dir) / f"worker-{os.getpid()}.log", "a", encoding="utf-8")  # noqa: SIM115
    os.dup2(log.fileno(), 2)
    skip_iri_format_checker()
    import nbformat  # noqa: F401  (here, after skip_iri_format_checker; once per worker)
    import papermill  # noqa: F401

    kernel: Kernel | None = None
    try:
        while True:
            try:
                message = conn.recv()
            except EOFError:  # the main process is gone
                break
            if message is None:
                break
            task: Task = message
            job = task.job
            start = time.perf_counter()
            if kernel is not None and kernel.cwd != job.notebook.parent:
                kernel.shutdown()
                kernel = None
            if kernel is None:
                try:
                    kernel = Kernel(job.notebook.parent, warm)
                except Exception as error:
                    failed = (
                        f"{subject(task)}: the kernel did not start "
                        f"({type(error).__name__}: {error})"
                    )
                    conn.send(("done", Outcome(task.label, time.perf_counter() - start, failed)))
                    kernel = None
                    continue
                conn.send(("kernel", kernel.pid, kernel.km.connection_file))
            outcome = write_index(task, kernel) if task.index is not None else execute(task, kernel)
            outcome = Outcome(task.label, time.perf_counter() - start, outcome.error)
            if outcome.error or not warm or not kernel.reset():
                kernel.shutdown()  # the next notebook gets a fresh kernel
                kernel = None
            if not outcome.error and task.cache_dir:
                Cache(Path(task.cache_dir)).store(task.key, results(task))
            conn.send(("done", outcome))
    finally:
        if kernel is not None:
            kernel.shutdown()


# --- the main process -------------------------------------------------------------------------


def _worker_context(tasks: Sequence[Task]):
    """How to start the workers: forked from this process where that is safe (Linux, no other
    thread), after importing papermill and nbconvert and rendering one small page per edition
    here (for the editions that have pages to render; an index task renders none), so that
    each worker starts with all of that done — the imports and the first render (which
    compiles the templates and imports markdown and highlighting) are most of a worker's
    fixed cost, ~1.4 CPU-s each. Elsewhere, spawned (each worker imports on its
    own). No zmq context exists here: kernels are started by the workers only."""
    if sys.platform != "linux" or threading.active_count() > 1:
        return multiprocessing.get_context("spawn")
    skip_iri_format_checker()
    # imported here, not at the top: the command imports this module for every build, cached
    # or not; only a build that starts workers pays for these
    import nbformat
    import papermill  # noqa: F401

    sample = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# *a*"), nbformat.v4.new_code_cell("1")]
    )
    rendered = (task for task in tasks if task.index is None and task.pages_dir is not None)
    for lang in dict.fromkeys(job_lang(task.job) for task in rendered):
        exporter(lang).from_notebook_node(sample, resources={"zz_show_code": "", "zz_lang": lang})
    sys.stdout.flush()  # a buffer copied into a worker would be written twice
    sys.stderr.flush()
    return multiprocessing.get_context("fork")


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def run_all(
    tasks: Sequence[Task],
    log_dir: Path,
    workers: int,
    report: Callable[[Outcome, int, int], None],
    warm: bool = True,
    fixed_order: bool = False,
) -> list[Outcome]:
    """Execute and render ``tasks`` on ``workers`` long-lived processes; stop at the first
    failure. Each result is stored in its task's cache. Whatever happens — success, a failure,
    an interruption — no worker or kernel outlives this call.

    A worker that is done takes the next task (the fastest way through). ``fixed_order``:
    worker ``k`` runs tasks ``k``, ``k + workers``, ... in that order instead, so that each
    notebook follows the same neighbour in the same kernel on every run — what the warm
    kernels' tests compare with fresh kernels (a state leak then shows on every run or on
    none); slower when the notebooks differ in length."""
    for task in tasks:
        Path(task.executed_dir).mkdir(parents=True, exist_ok=True)
    shutil.rmtree(log_dir, ignore_errors=True)
    log_dir.mkdir(parents=True)
    done: list[Outcome] = []
    if not tasks:
        return done
    context = _worker_context(tasks)
    processes, connections, kernels = [], [], {}
    shared = list(tasks)
    own = [list(tasks[k::workers]) for k in range(workers)] if fixed_order else None
    busy: dict[int, Task] = {}
    clean = False

    def give(index: int) -> None:
        queue = own[index] if own is not None else shared
        if queue:
            task = queue.pop(0)
            busy[index] = task
            connections[index].send(task)

    try:
        for _ in range(workers):
            mine, theirs = context.Pipe()
            inherited = [*connections, mine] if context.get_start_method() == "fork" else []
            process = context.Process(
                target=_worker,
                args=(theirs, str(log_dir), warm, os.getpid(), inherited),
                daemon=True,
            )
            process.start()
            theirs.close()
            processes.append(process)
            connections.append(mine)
        for index in range(workers):
            give(index)
        while busy:
            ready = wait([connections[i] for i in busy] + [processes[i].sentinel for i in busy])
            for index in list(busy):
                if connections[index] not in ready and processes[index].sentinel not in ready:
                    continue
                try:
                    message = connections[index].recv()
                except (EOFError, OSError):
                    task = busy.pop(index)
                    raise BuildError(
                        f"{subject(task)}: the worker running {task.label} "
                        f"died (exit code {processes[index].exitcode}); see "
                        f"{log_dir}"
                    ) from None
                if message[0] == "kernel":
                    kernels[index] = message[1:]
                    continue
                outcome = message[1]
                busy.pop(index)
                if outcome.error:
                    kernels.pop(index, None)
                done.append(outcome)
                report(outcome, len(done), len(tasks))
                if outcome.error:
                    raise BuildError(outcome.error)
                give(index)
        clean = True
    finally:
        _stop(processes, connections, kernels, graceful=clean)
    return done


def _stop(processes, connections, kernels, graceful: bool) -> None:
    """End the workers and their kernels. After success each worker shuts its kernel down
    itself; after a failure or an interruption the kernels' process groups and the workers
    are killed at once (a worker may be busy in a cell that would take minutes)."""
    if graceful:
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.send(None)
        for process in processes:
            process.join(timeout=10)
    for pid, connection_file in kernels.values():
        _kill_group(pid)
        Path(connection_file).unlink(missing_ok=True)
    for process in processes:
        if process.is_alive():
            _kill_group(process.pid)  # the worker leads its own group (os.setpgrp)
            process.join(timeout=5)
    for connection in connections:
        connection.close()
