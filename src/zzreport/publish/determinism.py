"""Reproducible executed notebooks: the one normaliser every executed notebook goes through —
the build's, ``make notebooks``' and ``zzreport run``'s — so that two runs of the same inputs
give the same bytes, on any machine."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from zzreport.data import paths
from zzreport.publish.plan import Job

#: Every executed notebook names this kernel, whatever the machine calls its own.
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
_TIMES = ("start_time", "end_time", "duration")


def injected_cell_id(job: Job) -> str:
    """A stable id for papermill's injected-parameters cell (papermill draws a random one)."""
    seed = json.dumps([job.notebook.name, job.parameters], sort_keys=True)
    return "injected-parameters-" + hashlib.sha256(seed.encode()).hexdigest()[:12]


def display_path(path: Path) -> str:
    """``path`` relative to the project when inside it, else its name: never absolute."""
    try:
        return Path(path).resolve().relative_to(paths.PROJECT_ROOT).as_posix()
    except ValueError:
        return Path(path).name


def normalise(notebook, job: Job, output_path: str, committed: bool = False) -> None:
    """Replace what differs between two runs of the same job, or between two machines, by
    values derived from the job: timings (papermill's, nbclient's), absolute paths (the input
    becomes ``display_path``, the output ``output_path``), the random id papermill gives its
    injected cell, the kernelspec's display name and the Python version in
    ``language_info`` (the cache key holds the version). Keys stay where papermill puts them.

    ``committed``: the notebook is written back over the committed file (``make notebooks``),
    so papermill's record of the run is dropped — its notebook and cell metadata (paths,
    parameters, status) and the empty ``tags`` list it gives every untagged cell: they
    describe a run in the build folder, not the file."""
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    notebook.metadata.get("language_info", {}).pop("version", None)
    meta = notebook.metadata.get("papermill")
    if meta is not None:
        for key in _TIMES:
            if key in meta:
                meta[key] = None
        meta["input_path"] = display_path(job.notebook)
        meta["output_path"] = output_path
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        timing = cell.metadata.get("papermill")
        if timing is not None:
            for key in _TIMES:
                if key in timing:
                    timing[key] = None
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = injected_cell_id(job)
        if committed:
            cell.metadata.pop("papermill", None)
            if cell.metadata.get("tags") == []:
                del cell.metadata["tags"]
    if committed:
        notebook.metadata.pop("papermill", None)
