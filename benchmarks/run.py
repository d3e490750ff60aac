"""Benchmarks, measured in one run on one machine (`make benchmark`).

- the floor: a notebook that only imports pandas, matplotlib and seaborn, executed the same
  way as ours (papermill's Python API, python3 kernel);
- each notebook's execution time, and its excess over the floor;
- the full build, serial (--jobs 1) and parallel (default: one worker per core);
- load_indicators cold (first call in a fresh process) and warm (cached).

Each timing is the median of REPEATS runs. Results go to benchmarks/results.md and .json.
Targets: each notebook within 1.0 s of the floor; parallel build at most 0.65 × serial.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path

import nbformat
import papermill

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from zzreport.notebooks import notebook_paths  # noqa: E402

REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
NOTEBOOK_TARGET_S, PARALLEL_TARGET = 1.0, 0.65


def median_time(action, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_notebook(path: Path, out: Path) -> None:
    papermill.execute_notebook(str(path), str(out), kernel_name="python3",
                               cwd=str(path.parent), progress_bar=False)


def floor_notebook(folder: Path) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(
        "import pandas as pd\nimport matplotlib.pyplot as plt\nimport seaborn as sns")]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    path = folder / "00-floor.ipynb"
    nbformat.write(notebook, path)
    return path


def build_time(jobs: int | None, out: Path) -> float:
    command = [sys.executable, "-m", "zzreport.cli", "build", "--out", str(out)]
    if jobs:
        command += ["--jobs", str(jobs)]

    def build() -> None:
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    return median_time(build, repeats=max(1, REPEATS - 1))


def loader_times() -> tuple[float, float]:
    cold_code = ("import time, zzreport; t = time.perf_counter(); zzreport.load_indicators(); "
                 "print(time.perf_counter() - t)")
    cold = statistics.median(float(subprocess.run([sys.executable, "-c", cold_code],
                                                  capture_output=True, text=True, check=True,
                                                  cwd=ROOT).stdout) for _ in range(REPEATS))
    import zzreport

    zzreport.load_indicators()
    number = 2000
    warm = min(timeit.repeat(zzreport.load_indicators, number=number, repeat=3)) / number
    return cold, warm


def main() -> int:
    results: dict[str, object] = {"machine": f"{platform.processor() or platform.machine()}, "
                                             f"{os.cpu_count()} cores, Python "
                                             f"{platform.python_version()}",
                                  "repeats": REPEATS}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        floor = median_time(lambda: run_notebook(floor_notebook(folder), folder / "f.ipynb"))
        results["floor_s"] = floor
        notebooks = {}
        for path in notebook_paths():
            seconds = median_time(lambda: run_notebook(path, folder / path.name))
            notebooks[path.stem] = {"seconds": seconds, "over_floor_s": seconds - floor}
            print(f"{path.stem:<26} {seconds:5.2f} s  (+{seconds - floor:4.2f} s over floor)",
                  flush=True)
        results["notebooks"] = notebooks
        serial = build_time(1, folder / "serial")
        parallel = build_time(None, folder / "parallel")
        results.update(build_serial_s=serial, build_parallel_s=parallel,
                       parallel_ratio=parallel / serial)
    cold, warm = loader_times()
    results.update(load_cold_s=cold, load_warm_s=warm)
    (ROOT / "benchmarks" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    lines = ["# Benchmark results", "", f"Machine: {results['machine']}; median of {REPEATS} "
             "runs (builds: of one fewer).", "",
             "| measure | time | target | met |", "|---|---|---|---|",
             f"| floor notebook (imports only) | {floor:.2f} s | | |"]
    for stem, entry in notebooks.items():
        ok = entry["over_floor_s"] <= NOTEBOOK_TARGET_S
        lines.append(f"| {stem} | {entry['seconds']:.2f} s (floor +{entry['over_floor_s']:.2f} s)"
                     f" | ≤ floor + {NOTEBOOK_TARGET_S:.1f} s | {'yes' if ok else 'no'} |")
    ratio = results["parallel_ratio"]
    lines += [f"| build, serial (--jobs 1) | {serial:.1f} s | | |",
              f"| build, parallel ({os.cpu_count()} workers) | {parallel:.1f} s "
              f"(× {ratio:.2f} of serial) | ≤ × {PARALLEL_TARGET} | "
              f"{'yes' if ratio <= PARALLEL_TARGET else 'no'} |",
              f"| load_indicators, cold | {cold * 1000:.1f} ms | | |",
              f"| load_indicators, warm | {warm * 1e6:.0f} µs | | |", ""]
    (ROOT / "benchmarks" / "results.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
