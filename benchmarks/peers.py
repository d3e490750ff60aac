"""Peer benchmark (`make benchmark-peers`, not part of `make test`): Jupyter Book 1.x against
`zzreport build`, the same notebooks, one run, one machine.

Jupyter Book is not a project dependency: it is installed into its own throwaway venv
(build/peers/venv). Its notebooks run on a kernelspec pointing at the project's .venv (where
pandas and zzreport live). Jupyter Book cannot inject parameters, so the book holds one copy
of each build job (the theme deep dive once per theme) with the job's parameters in a cell
after the `parameters` cell — what papermill does. Both builds execute every notebook
(`execute_notebooks: force`; `zzreport build --force`). CPU counts every process of each
build. Results are appended to benchmarks/results.md and written to benchmarks/peers.json.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from zzreport.publish.plan import plan  # noqa: E402

WORK = ROOT / "build" / "peers"
VENV = WORK / "venv"
JUPYTER_BOOK = "jupyter-book>=1,<2"
KERNEL = "zzreport-venv"
REPEATS = int(os.environ.get("BENCH_PEER_REPEATS", "1"))


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measured(command: list[str], **kwargs) -> tuple[float, float]:
    cpu, start = children_cpu(), time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, **kwargs)
    return time.perf_counter() - start, children_cpu() - cpu


def peer_venv() -> str:
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            JUPYTER_BOOK,
        ],
        check=True,
    )
    version = subprocess.run(
        [str(python), "-c", "import jupyter_book; print(jupyter_book.__version__)"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    spec = VENV / "share" / "jupyter" / "kernels" / KERNEL
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [
                    str(ROOT / ".venv" / "bin" / "python"),
                    "-m",
                    "ipykernel_launcher",
                    "-f",
                    "{connection_file}",
                ],
                "display_name": "zzreport .venv",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    return version


def book(jobs) -> Path:
    folder = WORK / "book"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for job in jobs:
        notebook = nbformat.read(job.notebook, as_version=4)
        index = next(
            i for i, c in enumerate(notebook.cells) if "parameters" in c.metadata.get("tags", [])
        )
        values = "\n".join(f"{name} = {value!r}" for name, value in job.parameters.items())
        notebook.cells.insert(index + 1, nbformat.v4.new_code_cell(values))
        notebook.metadata["kernelspec"] = {
            "name": KERNEL,
            "display_name": "zzreport .venv",
            "language": "python",
        }
        nbformat.write(notebook, folder / f"{job.name}.ipynb")
    (folder / "index.md").write_text("# zzreport peer benchmark\n", encoding="utf-8")
    (folder / "_config.yml").write_text(
        "title: zzreport peer benchmark\nonly_build_toc_files: true\n"
        "execute:\n  execute_notebooks: force\n  timeout: 600\n",
        encoding="utf-8",
    )
    chapters = "".join(f"- file: {job.name}\n" for job in jobs)
    (folder / "_toc.yml").write_text(
        f"format: jb-book\nroot: index\nchapters:\n{chapters}", encoding="utf-8"
    )
    return folder


def main() -> int:
    jobs = plan("en", {})
    version = peer_venv()
    folder = book(jobs)
    runs = {"jupyter_book": [], "zzreport": []}
    for _ in range(REPEATS):
        shutil.rmtree(folder / "_build", ignore_errors=True)
        runs["jupyter_book"].append(
            measured(
                [str(VENV / "bin" / "jupyter-book"), "build", str(folder)],
                env={**os.environ, "JUPYTER_PATH": str(VENV / "share" / "jupyter")},
            )
        )
        runs["zzreport"].append(
            measured(
                [
                    sys.executable,
                    "-m",
                    "zzreport.cli",
                    "build",
                    "--out",
                    str(WORK / "zzreport"),
                    "--force",
                ],
                cwd=ROOT,
            )
        )
    best = {name: min(values) for name, values in runs.items()}
    results = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} "
        f"cores, Python {platform.python_version()}",
        "jupyter_book_version": version,
        "notebooks": len(jobs),
        **{f"{name}_wall_s": wall for name, (wall, _) in best.items()},
        **{f"{name}_cpu_per_notebook": cpu / len(jobs) for name, (_, cpu) in best.items()},
    }
    (ROOT / "benchmarks" / "peers.json").write_text(json.dumps(results, indent=2) + "\n")
    jb_wall, jb_cpu = best["jupyter_book"]
    zz_wall, zz_cpu = best["zzreport"]
    lines = [
        "",
        "## Peer: Jupyter Book",
        "",
        f"Same {len(jobs)} notebooks, one run on one machine ({results['machine']}); "
        f"Jupyter Book {version} in its own venv, every notebook executed "
        "(`execute_notebooks: force`, one kernel per notebook, serial); zzreport "
        "`build --force` (warm kernels, one worker per core, cache bypassed).",
        "",
        "| builder | wall | CPU-s per notebook |",
        "|---|---|---|",
        f"| Jupyter Book {version} | {jb_wall:.1f} s | {jb_cpu / len(jobs):.2f} |",
        f"| zzreport build | {zz_wall:.1f} s | {zz_cpu / len(jobs):.2f} |",
        "",
    ]
    results_md = ROOT / "benchmarks" / "results.md"
    text = results_md.read_text(encoding="utf-8") if results_md.exists() else ""
    text = text.split("\n## Peer: Jupyter Book")[0].rstrip("\n") + "\n"
    results_md.write_text(text + "\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
