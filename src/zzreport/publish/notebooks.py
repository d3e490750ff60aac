"""The notebook files: which ones there are, reading them without jsonschema's start-up cost,
and writing them so that no reader ever sees half a file.

Running them is the build's business (``execute.run_notebook``); ``make notebooks`` writes
the build's results back over the committed files (``write_back``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from zzreport.data import paths
from zzreport.publish import scratch


def notebooks_dir() -> Path:
    """The notebooks folder: ``notebooks/``, or ``$ZZREPORT_NOTEBOOKS_DIR`` when set (to build
    a report from a copy, or from your own numbered notebooks)."""
    return Path(os.environ.get("ZZREPORT_NOTEBOOKS_DIR", paths.NOTEBOOKS_DIR))


def notebook_paths(directory: Path | None = None) -> list[Path]:
    """The numbered notebooks, in reading order."""
    return sorted(p for p in (directory or notebooks_dir()).glob("[0-9][0-9]-*.ipynb"))


def skip_iri_format_checker() -> None:
    """Keep jsonschema from loading its optional ``iri`` format checker in this process.

    nbformat imports jsonschema, whose ``_format`` module imports ``rfc3987_syntax`` when it
    is installed (it is, through jupyter-events), and that module compiles an Earley grammar
    at import time: ~1.4 CPU-s in every process that reads a notebook (the command's main
    process reads each notebook's parameters; each worker renders pages). Neither nbformat
    (its schemas use no ``format``) nor papermill or nbconvert checks IRIs, so marking the
    module absent (jsonschema then skips that one checker, as it does when the package is not
    installed) changes no result. The entry points (``zzreport``, ``make notebooks``, the
    build's workers, the tests' ``tests/startup.py``) call it before nbformat is imported;
    afterwards it does nothing."""
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def write_atomically(notebook, target: Path) -> None:
    """Write next to the target (a locked scratch file, see ``scratch``), then rename over
    it: readers never see half a file, and a writer killed halfway leaves a ``.write-…``
    file that the next build removes."""
    import nbformat  # here, not at the top: see skip_iri_format_checker

    target.parent.mkdir(parents=True, exist_ok=True)
    held = scratch.make_file(target.parent, ".tmp")
    try:
        with open(held.descriptor, "w", encoding="utf-8", closefd=False) as stream:
            nbformat.write(notebook, stream)
        os.replace(held.path, target)
    except BaseException:
        held.path.unlink(missing_ok=True)
        raise
    finally:
        held.release()
