"""Build the report: execute every notebook with papermill in parallel worker processes, render
each to offline HTML and write a static site with an index.

The site is written to a temporary folder and swapped in only when everything succeeded, so a
failed build leaves the previous site untouched.
"""

from __future__ import annotations

import ast
import concurrent.futures as futures
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import schema

THEME_NOTEBOOK = "05-theme-deep-dive"


class BuildError(RuntimeError):
    """A notebook failed: names the notebook, the cell and the executed copy to read."""


@dataclass(frozen=True)
class Job:
    """One notebook execution: which notebook, with which parameters, under which name."""

    notebook: Path
    name: str
    parameters: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """What a worker reports back for one job."""

    name: str
    seconds: float
    error: str | None = None


# --- parameters -----------------------------------------------------------------------------

def notebook_parameters(notebook: Path) -> dict[str, object]:
    """The parameters a notebook accepts, with their defaults, read from its cell tagged
    ``parameters`` (literal assignments only)."""
    import nbformat

    content = nbformat.read(notebook, as_version=4)
    for cell in content.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            found = {}
            for statement in ast.parse(cell.source).body:
                if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and \
                        isinstance(statement.targets[0], ast.Name):
                    found[statement.targets[0].id] = ast.literal_eval(statement.value)
            return found
    return {}


def parse_value(text: str) -> object:
    """A command-line value as papermill's ``-p`` reads it: int, float, bool or string."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    if text in ("True", "False"):
        return text == "True"
    return text


def plan(lang: str, extra: dict[str, object], notebooks: Sequence[Path] | None = None
         ) -> list[Job]:
    """Every notebook once (the theme deep dive once per theme), each given the parameters it
    accepts. Raises ValueError for a parameter that no notebook accepts."""
    notebooks = list(notebooks if notebooks is not None else all_notebooks())
    accepted = {path.stem: notebook_parameters(path) for path in notebooks}
    known = set().union(*accepted.values())
    unknown = sorted(set(extra) - known)
    if unknown:
        raise ValueError(f"unknown parameter(s) {', '.join(unknown)}; the notebooks accept "
                         f"{', '.join(sorted(known))}")
    jobs = []
    for path in notebooks:
        given = {"lang": lang, **{k: v for k, v in extra.items() if k in accepted[path.stem]}}
        if path.stem == THEME_NOTEBOOK and "theme" not in extra:
            jobs += [Job(path, f"{path.stem}-{theme}", {**given, "theme": theme})
                     for theme in schema.SECTIONS]
        else:
            jobs.append(Job(path, path.stem, given))
    return jobs


def all_notebooks() -> list[Path]:
    from .notebooks import notebook_paths

    return notebook_paths()


# --- execution ------------------------------------------------------------------------------

def _warm_up(log_dir: str) -> None:
    """Prepare a worker: import what every job needs once, not once per notebook, and send the
    kernels' own chatter (their stderr, inherited from the worker) to a log file instead of
    the console, where only the progress lines belong."""
    import nbformat  # noqa: F401
    import papermill  # noqa: F401

    log = open(Path(log_dir) / f"worker-{os.getpid()}.log", "a", encoding="utf-8")  # noqa: SIM115
    os.dup2(log.fileno(), 2)


def execute(job: Job, executed_dir: str, pages_dir: str) -> Outcome:
    """Run one job with papermill's Python API and render its page (in a worker process, so
    that rendering runs in parallel too)."""
    import papermill

    start = time.perf_counter()
    target = Path(executed_dir) / f"{job.name}.ipynb"
    try:
        papermill.execute_notebook(str(job.notebook), str(target), parameters=job.parameters,
                                   kernel_name="python3", cwd=str(job.notebook.parent),
                                   progress_bar=False)
    except papermill.PapermillExecutionError as error:
        return Outcome(job.name, time.perf_counter() - start,
                       f"{job.notebook.name} failed in cell {error.exec_count} "
                       f"({error.ename}: {error.evalue}); the executed copy with the traceback "
                       f"is {target}")
    except Exception as error:  # a kernel that died, a missing file: still name the notebook
        return Outcome(job.name, time.perf_counter() - start,
                       f"{job.notebook.name} could not be executed ({type(error).__name__}: "
                       f"{error}); see {target}")
    try:
        render_html(target, Path(pages_dir) / f"{job.name}.html")
    except Exception as error:
        return Outcome(job.name, time.perf_counter() - start,
                       f"{job.name} ran but could not be rendered to HTML "
                       f"({type(error).__name__}: {error}); the executed copy is {target}")
    return Outcome(job.name, time.perf_counter() - start)


def run_all(jobs: Sequence[Job], executed_dir: Path, pages_dir: Path, log_dir: Path,
            workers: int, report: Callable[[Outcome, int, int], None]) -> list[Outcome]:
    """Execute and render ``jobs`` on ``workers`` long-lived processes; stop at the first
    failure. The kernels' own stderr goes to ``log_dir``."""
    executed_dir.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(log_dir, ignore_errors=True)
    log_dir.mkdir(parents=True)
    done: list[Outcome] = []
    context = multiprocessing.get_context("spawn")  # no forked zmq state in the workers
    with futures.ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                     initializer=_warm_up,
                                     initargs=(str(log_dir),)) as pool:
        pending = {pool.submit(execute, job, str(executed_dir), str(pages_dir)) for job in jobs}
        while pending:
            finished, pending = futures.wait(pending, return_when=futures.FIRST_COMPLETED)
            for future in finished:
                outcome = future.result()
                done.append(outcome)
                report(outcome, len(done), len(jobs))
                if outcome.error:
                    for other in pending:
                        other.cancel()
                    raise BuildError(outcome.error)
    return done


# --- rendering ------------------------------------------------------------------------------

def render_html(executed: Path, target: Path) -> None:
    """Render an executed notebook to a self-contained HTML page (images inline, no CDN)."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="offline",
                            extra_template_basedirs=[str(Path(__file__).parent / "templates")])
    body, _ = exporter.from_notebook_node(nbformat.read(executed, as_version=4))
    target.write_text(body, encoding="utf-8")


def swap_in(new: Path, final: Path) -> None:
    """Replace ``final`` with ``new`` so that ``final`` is never half-written."""
    old = final.with_name(final.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        os.replace(final, old)
    os.replace(new, final)
    if old.exists():
        shutil.rmtree(old)


def build(out: Path, lang: str = "en", workers: int | None = None,
          extra: dict[str, object] | None = None,
          report: Callable[[Outcome, int, int], None] = lambda *_: None,
          notebooks: Sequence[Path] | None = None) -> Path:
    """Execute, render and publish; return the path of the new ``index.html``.

    ``out/executed`` receives the executed notebooks, ``out/site`` the site and
    ``out/logs`` the kernels' stderr. On failure a ``BuildError`` is raised and ``out/site`` is
    left as it was.
    """
    from .site import write_site

    jobs = plan(lang, extra or {}, notebooks)
    workers = workers or os.cpu_count() or 1
    out.mkdir(parents=True, exist_ok=True)
    executed_dir = out / "executed"
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=out))
    staging.chmod(0o755)  # mkdtemp makes it private; a published site is readable
    try:
        run_all(jobs, executed_dir, staging, out / "logs", min(workers, len(jobs)), report)
        write_site(staging, [(job, f"{job.name}.html") for job in jobs], lang)
        swap_in(staging, out / "site")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out / "site" / "index.html"
