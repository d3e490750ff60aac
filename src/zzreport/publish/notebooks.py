"""The notebook files: which ones there are, reading them without jsonschema's start-up cost,
and writing them so that no reader ever sees half a file.

Running them is the build's business (``execute.run_notebook``); ``make notebooks`` writes
the build's results back over the committed files (``write_back``).
"""

from __future__ import annotations

import os
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


def write_atomically(notebook, target: Path) -> None:
    """Write next to the target (a locked scratch file, see ``scratch``), then rename over
    it: readers never see half a file, and a writer killed halfway leaves a ``.write-…``
    file that the next build removes."""
    import nbformat

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
