"""Execute the project's notebooks reproducibly.

``python -m zzreport.publish.notebooks execute --in-place`` re-executes the committed notebooks (what
``make notebooks`` runs; ``zzreport build`` executes parameterised copies instead). Outputs are
deterministic: no timing metadata, the kernelspec
normalised to ``python3``, and each file written atomically (a failed run never leaves a
half-written notebook).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from zzreport.data import paths

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
CELL_TIMEOUT_SECONDS = 600


def notebooks_dir() -> Path:
    """The notebooks folder: ``notebooks/``, or ``$ZZREPORT_NOTEBOOKS_DIR`` when set (to build
    a report from a copy, or from your own numbered notebooks)."""
    return Path(os.environ.get("ZZREPORT_NOTEBOOKS_DIR", paths.NOTEBOOKS_DIR))


def notebook_paths(directory: Path | None = None) -> list[Path]:
    """The numbered notebooks, in reading order."""
    return sorted(p for p in (directory or notebooks_dir()).glob("[0-9][0-9]-*.ipynb"))


def normalise(notebook) -> None:
    """Strip what differs between machines or runs, so outputs compare exactly."""
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    notebook.metadata.pop("papermill", None)
    notebook.metadata.get("language_info", {}).pop("version", None)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)


def write_atomically(notebook, target: Path) -> None:
    """Write next to the target, then rename over it: readers never see half a file."""
    import nbformat

    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".ipynb.tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            nbformat.write(notebook, stream)
        os.chmod(temporary, 0o644)  # mkstemp creates 0600; notebooks are ordinary files
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def execute_in_place(notebook: Path) -> None:
    """Re-execute one committed notebook and overwrite it with its fresh outputs."""
    import nbformat
    from nbclient import NotebookClient

    executed = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        executed,
        kernel_name="python3",
        timeout=CELL_TIMEOUT_SECONDS,
        record_timing=False,
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    client.execute()
    normalise(executed)
    write_atomically(executed, notebook)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m zzreport.publish.notebooks", description=__doc__
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("execute", help="execute every notebook")
    run.add_argument(
        "--in-place",
        action="store_true",
        required=True,
        help="overwrite the committed notebooks with fresh outputs",
    )
    parser.parse_args(argv)
    from zzreport.publish.build import skip_iri_format_checker

    skip_iri_format_checker()
    notebooks = notebook_paths()
    if not notebooks:
        print(f"no notebooks in {paths.NOTEBOOKS_DIR}")
        return 0
    for notebook in notebooks:
        print(f"executing {notebook.name}", flush=True)
        execute_in_place(notebook)
    return 0


if __name__ == "__main__":
    sys.exit(main())
