"""Running one notebook, the one way every command runs it — the build (many per warm kernel),
``make notebooks`` (through the build's workers) and ``zzreport run`` (one, in a fresh
kernel): papermill's Python API on a kernel the caller started (``kernels.Kernel``), no save
after each cell, one cell timeout, and the one normaliser (``determinism.normalise``) before
the executed copy is written. Then, for the build, the page (its charts and tables run once
more in the same kernel for the page: ``replay``)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from zzreport.publish import replay
from zzreport.publish.determinism import normalise
from zzreport.publish.kernels import Kernel
from zzreport.publish.notebooks import write_atomically
from zzreport.publish.pages import render_html
from zzreport.publish.plan import Job, Outcome, Task, job_lang
from zzreport.publish.site import SITE_PAGES

#: The environment variable that sets the cell timeout, in seconds (600 unless set).
CELL_TIMEOUT_VARIABLE = "ZZREPORT_CELL_TIMEOUT"


def cell_timeout() -> int:
    """The longest a cell may run, in seconds: ``$ZZREPORT_CELL_TIMEOUT``, else 600. Read at
    each run, so a worker started before the variable was set still follows it."""
    return int(os.environ.get(CELL_TIMEOUT_VARIABLE, "600"))


def run_notebook(job: Job, target: Path, kernel: Kernel, committed: bool = False) -> str | None:
    """Execute ``job`` in ``kernel`` and write the executed copy, normalised, to ``target``;
    return None, or the error to show (the copy then holds the traceback). ``committed``: see
    ``determinism.normalise``."""
    import papermill  # here: a worker imports it once before its first job (see pool)

    try:
        # Saving after every cell (papermill's default) serialises and validates the whole
        # notebook, figures included, a dozen times: a third of a worker's CPU. The executed
        # copy is still written at the end, with the traceback when a cell failed.
        executed = papermill.execute_notebook(
            str(job.notebook),
            str(target),
            parameters=job.parameters,
            kernel_name="python3",
            cwd=str(job.notebook.parent),
            progress_bar=False,
            request_save_on_cell_execute=False,
            autosave_cell_every=0,
            execution_timeout=cell_timeout(),
            record_timing=False,
            km=kernel.km,
        )
    except papermill.PapermillExecutionError as error:
        return (
            f"{job.notebook.name} failed in cell {error.exec_count} "
            f"({error.ename}: {error.evalue}); the executed copy with the traceback "
            f"is {target}"
        )
    except Exception as error:  # a kernel that died, a timeout, a missing file
        return (
            f"{job.notebook.name} could not be executed ({type(error).__name__}: "
            f"{error}); see {target}"
        )
    normalise(executed, job, f"{target.parent.name}/{target.name}", committed)
    write_atomically(executed, target)
    return None


def variant_of(job: Job) -> str | None:
    """What tells a fanned job's page from its siblings (05's theme, in words), or None."""
    if not job.fanned:
        return None
    from zzreport.publish.site import variant_name  # (the site's module loads the index's)

    return variant_name(job, list(job.fanned), job_lang(job))


def execute(task: Task, kernel: Kernel) -> Outcome:
    """Run a task's job (``run_notebook``) and render its page, unless it has none."""
    job, start = task.job, time.perf_counter()
    target = Path(task.executed_dir) / f"{job.name}.ipynb"
    error = run_notebook(job, target, kernel)
    if error is None and task.pages_dir is not None:
        try:
            page = Path(task.pages_dir) / f"{job.name}.html"
            # the charts and tables again, in the kernel that ran them, in the forms a
            # reader takes away (replay); the executed copy is left as it ran
            replayed = replay.collect(target, kernel, cell_timeout())
            render_html(target, page, job_lang(job), task.show_code, replayed, variant_of(job))
        except Exception as failure:
            error = (
                f"{job.name} ran but could not be rendered to HTML "
                f"({type(failure).__name__}: {failure}); the executed copy is {target}"
            )
    return Outcome(task.label, time.perf_counter() - start, error)


def write_index(task: Task, kernel: Kernel) -> Outcome:
    """Write an edition's index page in ``kernel`` (see ``plan.Task``)."""
    start = time.perf_counter()
    code = (
        f"__import__('zzreport.publish.site', fromlist=['write_index']).write_index({task.index!r})"
    )
    try:
        kernel.run(code, cell_timeout())
    except RuntimeError as error:
        return Outcome(
            task.label,
            time.perf_counter() - start,
            f"{subject(task)} could not be written ({error}); the traceback is in the "
            "build's logs folder",
        )
    return Outcome(task.label, time.perf_counter() - start)


def subject(task: Task) -> str:
    """What an error message names first: the notebook, or the index page."""
    return f"the index page ({task.label})" if task.index is not None else task.job.notebook.name


def results(task: Task) -> dict[str, Path]:
    """What a finished task leaves, by its name in a cache entry."""
    if task.index is not None:
        return {name: Path(task.pages_dir) / name for name in SITE_PAGES}
    found = {"executed.ipynb": Path(task.executed_dir) / f"{task.job.name}.ipynb"}
    if task.pages_dir is not None:
        found["page.html"] = Path(task.pages_dir) / f"{task.job.name}.html"
    return found
