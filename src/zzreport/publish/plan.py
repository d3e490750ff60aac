"""What a build runs: a job per notebook (and per value of a parameter that lists its values),
the task that says where a job's results go, and where each edition is written."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from zzreport.publish.notebooks import notebook_paths
from zzreport.publish.params import parameter_specs
from zzreport.words.text import BASE_LANG, LANGS

#: The editions, in the order ``edition_folders`` places them: ``words.text.LANGS``.
EDITIONS: tuple[str, ...] = LANGS


@dataclass(frozen=True)
class Job:
    """One notebook execution: which notebook, with which parameters, under which name."""

    notebook: Path
    name: str
    parameters: dict[str, object] = field(default_factory=dict)
    #: the parameters this notebook is run once per value of (05: ``theme``): its pages'
    #: titles name the value
    fanned: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """What a worker reports back for one job (``cached``: reused from the cache, not run)."""

    name: str
    seconds: float
    error: str | None = None
    cached: bool = False


def progress_line(outcome: Outcome, done: int, total: int) -> str:
    """The line a command prints when a job ends: ``[ 3/16] 04-feasibility  2.1 s  ok``."""
    status = "FAILED" if outcome.error else "cached" if outcome.cached else "ok"
    return f"[{done:>2}/{total}] {outcome.name:<34} {outcome.seconds:6.1f} s  {status}"


@dataclass(frozen=True)
class Task:
    """A job with where its results go: one edition's executed/ and staging folders and cache
    (several editions can share one pool of workers). ``label`` is the name progress shows.
    ``pages_dir`` None: no page is rendered (``make notebooks`` needs the notebook only).

    A task with ``index`` (``site.index_spec``: the edition's pages and language, as JSON)
    writes that edition's ``index.html`` into ``pages_dir`` instead: it runs in a warm kernel
    too, which has pandas, matplotlib and the data loaded, so the main process needs none of
    them. ``job`` is then the edition's first job (its kernel folder)."""

    job: Job
    label: str
    executed_dir: str
    pages_dir: str | None
    cache_dir: str | None = None
    key: str | None = None
    show_code: str | None = None  # the page's "Show code" words (see pages.render_html)
    index: str | None = None


def plan(lang: str, extra: dict[str, object], notebooks: Sequence[Path] | None = None) -> list[Job]:
    """Every notebook once, each given the parameters it accepts; a notebook with a parameter
    that lists its allowed values (``one of: …``, see ``params.parameter_specs``) and is not
    given runs once per value, named ``<stem>-<value>`` (the theme deep dive once per theme).
    Raises ValueError for a parameter that no notebook accepts."""
    notebooks = list(notebooks if notebooks is not None else all_notebooks())
    specs = {path: parameter_specs(path) for path in notebooks}
    known = set().union(*specs.values())
    unknown = sorted(set(extra) - known)
    if unknown:
        raise ValueError(
            f"unknown parameter(s) {', '.join(unknown)}; the notebooks accept "
            f"{', '.join(sorted(known))}"
        )
    jobs = []
    for path in notebooks:
        given = {"lang": lang, **{k: v for k, v in extra.items() if k in specs[path]}}
        fanned = [spec for spec in specs[path].values() if spec.choices and spec.name not in given]
        for values in itertools.product(*(spec.choices for spec in fanned)):
            name = "-".join([path.stem, *values])
            jobs.append(
                Job(
                    path,
                    name,
                    {**given, **{s.name: v for s, v in zip(fanned, values, strict=False)}},
                    tuple(s.name for s in fanned),
                )
            )
    return jobs


def committed_jobs(notebooks: Sequence[Path] | None = None) -> list[Job]:
    """The committed notebooks as they are: one job each, no parameter given (papermill then
    injects no cell), under the notebook's own name: what ``make notebooks`` runs."""
    return [Job(path, path.stem, {}) for path in (notebooks or all_notebooks())]


def all_notebooks() -> list[Path]:
    return notebook_paths()


def job_lang(job: Job) -> str:
    """The job's edition: its ``lang`` parameter, else the notebooks' default language."""
    return str(job.parameters.get("lang", BASE_LANG))


def edition_folders(out: Path, langs: Sequence[str]) -> dict[str, Path]:
    """Where each edition goes when one command builds ``langs``: the first in ``EDITIONS``
    order (English when building both) in ``out`` itself, every other in ``out/<lang>`` — the
    layout ``make report`` always had (``build/site``, ``build/zh/site``), so the caches are
    the same either way."""
    langs = sorted(set(langs), key=lambda code: (EDITIONS + (code,)).index(code))
    return {lang: out if index == 0 else out / lang for index, lang in enumerate(langs)}
