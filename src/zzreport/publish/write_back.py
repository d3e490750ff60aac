"""``make notebooks``: run the committed notebooks as the build runs them, and write the results
back over the committed files.

``python -m zzreport.publish.write_back`` plans one job per notebook with no parameter given
(``plan.committed_jobs``: papermill then injects no cell, so the file keeps its own cells),
runs them on the build's warm workers (``pool.run_all``), keeps them in the build's cache
(``build/notebooks/.cache``: a second run with nothing changed runs nothing), and writes each
executed notebook, through the one normaliser with ``committed=True``, over its committed
file — only when its bytes differ. The commit then holds exactly what the build executes,
papermill's record of the run aside.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from zzreport.data import paths
from zzreport.publish import scratch
from zzreport.publish.build import sweep
from zzreport.publish.cache import Cache, inputs_digest, job_key
from zzreport.publish.determinism import normalise
from zzreport.publish.notebooks import notebook_paths, skip_iri_format_checker, write_atomically
from zzreport.publish.plan import Outcome, Task, committed_jobs, progress_line
from zzreport.publish.pool import BuildError, run_all

OUT = paths.BUILD_DIR / "notebooks"


def write_back(
    notebooks: Sequence[Path] | None = None,
    out: Path = OUT,
    workers: int | None = None,
    report: Callable[[Outcome, int, int], None] = lambda *_: None,
    note: Callable[[str], None] = lambda _: None,
) -> list[Path]:
    """Execute ``notebooks`` (default: every committed notebook) as the build does and write
    each back over itself; return the notebooks whose bytes changed. ``note``: as the
    build's (a damaged cache entry)."""
    import nbformat  # here, after the caller's skip_iri_format_checker

    jobs = committed_jobs(notebooks)
    for folder in dict.fromkeys(job.notebook.parent for job in jobs):  # see scratch
        scratch.sweep(folder, (scratch.WRITING,))
    sweep(out)
    inputs = inputs_digest()
    executed = out / "executed"
    cache = Cache(out / ".cache", note)
    tasks, reused = [], 0
    for job in jobs:
        key = job_key(job, inputs)
        entry = cache.entry(key, job.name)
        if entry is None:
            tasks.append(Task(job, job.name, str(executed), None, str(cache.folder), key))
            continue
        executed.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(entry / "executed.ipynb", executed / f"{job.name}.ipynb")
        reused += 1
        report(Outcome(job.name, 0.0, cached=True), reused, len(jobs))

    def progress(outcome: Outcome, done: int, _total: int) -> None:
        report(outcome, reused + done, len(jobs))

    workers = workers or os.cpu_count() or 1
    run_all(tasks, out / "logs", min(workers, len(tasks)) or 1, progress)
    changed = []
    for job in jobs:
        notebook = nbformat.read(executed / f"{job.name}.ipynb", as_version=4)
        normalise(notebook, job, job.notebook.name, committed=True)
        text = nbformat.writes(notebook)
        if text.rstrip("\n") + "\n" != job.notebook.read_text(encoding="utf-8"):
            write_atomically(notebook, job.notebook)
            changed.append(job.notebook)
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m zzreport.publish.write_back", description=__doc__
    )
    parser.add_argument(
        "--jobs", type=int, default=None, help="parallel workers (default: one per core)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=OUT,
        help=f"where the executed notebooks and their cache go (default: {OUT})",
    )
    args = parser.parse_args(argv)
    skip_iri_format_checker()
    notebooks = notebook_paths()
    if not notebooks:
        print("no notebooks to execute")
        return 0

    def report(outcome: Outcome, done: int, total: int) -> None:
        print(progress_line(outcome, done, total), flush=True)

    try:
        changed = write_back(notebooks, args.out, args.jobs, report, note=print)
    except BuildError as error:
        print(f"make notebooks failed: {error}", file=sys.stderr)
        print("the committed notebooks are unchanged", file=sys.stderr)
        return 1
    for path in changed:
        print(f"wrote {path.name}")
    print(f"{len(changed)} of {len(notebooks)} notebooks changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
