"""Build the report: plan the jobs, reuse what the cache holds, run the rest on warm kernels in
parallel workers, render each to offline HTML, and publish a static site with an index.

The parts, one job each: ``plan`` (which jobs), ``params`` (what a notebook accepts),
``cache`` (what can be reused), ``execute`` (running one notebook, the one way),
``determinism`` (the one normaliser), ``kernels`` (a kernel and its reset between notebooks),
``pool`` (the worker processes and signals), ``pages`` and ``site`` (the HTML). This module
ties them together and publishes.

The site is written to a temporary folder and swapped in only when everything succeeded, so a
failed or interrupted build leaves the previous site untouched.
"""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Callable, Sequence
from pathlib import Path

from zzreport.data import paths
from zzreport.publish import scratch
from zzreport.publish.assets import write_assets
from zzreport.publish.cache import Cache, index_key, inputs_digest, job_key
from zzreport.publish.plan import Job, Outcome, Task, edition_folders, plan
from zzreport.publish.pool import run_all
from zzreport.publish.site import SITE_PAGES, index_spec
from zzreport.words.text import label as words


def sweep(folder: Path) -> list[Path]:
    """Remove from an edition's folder what a build that was killed left behind — its site
    half-written (``.site-…``), cache entries half-stored or half-removed, notebooks
    half-written — but nothing a build running now holds (``scratch``); return what went."""
    folder.mkdir(parents=True, exist_ok=True)
    removed = scratch.sweep(folder, (scratch.SITE_STAGING,))
    removed += Cache(folder / ".cache").sweep()
    return removed + scratch.sweep(folder / "executed", (scratch.WRITING,))


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


def build(
    out: Path,
    lang: str | Sequence[str] = "en",
    workers: int | None = None,
    extra: dict[str, object] | None = None,
    report: Callable[[Outcome, int, int], None] = lambda *_: None,
    notebooks: Sequence[Path] | None = None,
    force: bool = False,
    warm: bool = True,
    fixed_order: bool = False,
    note: Callable[[str], None] = lambda _: None,
) -> Path:
    """Execute, render and publish; return the path of the new ``index.html`` (of the first
    edition when building several).

    ``lang`` is one edition or several: several share one pool of workers and warm kernels
    (the start-up costs are paid once), each edition in its own folder (``edition_folders``).
    In an edition's folder ``executed`` receives the executed notebooks, ``site`` the site,
    ``logs`` the kernels' stderr and ``.cache`` the cache (``force``: run everything, refresh
    the cache). ``warm=False`` starts a fresh kernel per notebook (the reference the warm
    kernels are tested against); ``fixed_order``: each worker runs a fixed share of the jobs
    in a fixed order (see ``pool.run_all``). ``note`` is told a line for each damaged cache
    entry found (and rebuilt). On failure a ``pool.BuildError`` is raised, on SIGINT/SIGTERM
    (when the caller turned them into ``pool.Interrupted``) that; either way every ``site`` is
    left as it was.
    """
    folders = edition_folders(out, [lang] if isinstance(lang, str) else lang)
    several = len(folders) > 1
    editions = {code: plan(code, extra or {}, notebooks) for code in folders}
    workers = workers or os.cpu_count() or 1
    inputs = inputs_digest()
    total = sum(len(jobs) for jobs in editions.values())
    for folder in folders.values():
        sweep(folder)
    held: dict[str, scratch.Held] = {}
    stagings: dict[str, Path] = {}
    try:
        tasks, reused = [], 0
        for code, folder in folders.items():
            executed_dir = folder / "executed"
            executed_dir.mkdir(exist_ok=True)
            cache = Cache(folder / ".cache", note)
            held[code] = scratch.make_dir(folder, scratch.SITE_STAGING)
            staging = stagings[code] = held[code].path
            for job in editions[code]:
                key = job_key(job, inputs, warm)
                label = f"{code}/{job.name}" if several else job.name
                entry = None if force else cache.entry(key, label)
                if entry is None:
                    tasks.append(
                        Task(
                            job,
                            label,
                            str(executed_dir),
                            str(staging),
                            str(cache.folder),
                            key,
                            words("show_code", code),
                        )
                    )
                    continue
                shutil.copyfile(entry / "executed.ipynb", executed_dir / f"{job.name}.ipynb")
                shutil.copyfile(entry / "page.html", staging / f"{job.name}.html")
                reused += 1
                report(Outcome(label, 0.0, cached=True), reused, total)

        indexes = []  # written by a worker, after the notebooks (see Task)
        for code, folder in folders.items():
            staging, jobs, cache = stagings[code], editions[code], Cache(folder / ".cache", note)
            index = index_key(jobs, inputs, code)
            entry = None if force else cache.entry(index, f"{code}/index")
            if entry is not None:  # the index task's pages: the index, methods, search
                for name in SITE_PAGES:
                    shutil.copyfile(entry / name, staging / name)
            else:
                spec = index_spec(staging, [(job, f"{job.name}.html") for job in jobs], code)
                home = jobs[0] if jobs else Job(paths.NOTEBOOKS_DIR / "index.ipynb", "index")
                indexes.append(
                    Task(
                        home,
                        f"{code}/index",
                        str(folder / "executed"),
                        str(staging),
                        str(cache.folder),
                        index,
                        index=spec,
                    )
                )
        done_notebooks = 0

        def progress(outcome: Outcome, _done: int, _total: int) -> None:
            nonlocal done_notebooks
            if outcome.name in {task.label for task in indexes}:
                return  # not a notebook: progress counts notebooks (a failure ends the build)
            done_notebooks += 1
            report(outcome, reused + done_notebooks, total)

        everything = tasks + indexes
        workers = min(workers, len(everything)) or 1
        run_all(everything, out / "logs", workers, progress, warm, fixed_order)
        for staging in stagings.values():
            write_assets(staging)
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:  # a signal between the two renames would leave no site at all
            for code, folder in folders.items():
                swap_in(stagings.pop(code), folder / "site")
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    except BaseException:
        for staging in stagings.values():
            shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        for lock in held.values():
            lock.release()
    return next(iter(folders.values())) / "site" / "index.html"
