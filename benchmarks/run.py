"""Benchmarks, measured in one run on one machine (`make benchmark`).

- the floor: CPU and wall time of one fresh kernel that only imports the stack (pandas,
  matplotlib, seaborn, zzreport) and shuts down — what every notebook paid before warm
  kernels;
- the cold build (empty cache, `--force`): wall time and CPU seconds per notebook, counting
  every process of the build (main, workers, kernels); the same with `--fresh-kernels`;
- `make report`'s two editions from a cold cache, and a no-op rebuild (everything cached);
- each notebook's execution time in a fresh kernel (papermill), over the floor;
- load_indicators cold and warm;
- `make test` on the warm environment (skip with BENCH_SKIP_MAKE_TEST=1).

Each timing is the median of REPEATS runs (builds: of max(1, REPEATS - 1)). Results go to
benchmarks/results.md and .json.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
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
from zzreport.build import plan  # noqa: E402
from zzreport.notebooks import notebook_paths  # noqa: E402

REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
CPU_PER_NOTEBOOK_TARGET, NOOP_TARGET_S, MAKE_TEST_TARGET_S = 1.0, 2.0, 100.0
BEFORE = {"cpu_per_notebook": 2.29, "report_wall": 2 * 20.0, "make_test": 161.0}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measured(action) -> tuple[float, float]:
    """Wall seconds and CPU seconds of every (reaped) child process."""
    cpu, start = children_cpu(), time.perf_counter()
    action()
    return time.perf_counter() - start, children_cpu() - cpu


def median_pair(action, repeats: int) -> tuple[float, float]:
    runs = [measured(action) for _ in range(repeats)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def build_cmd(*args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "zzreport.cli", "build", *args],
                          capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        sys.exit(f"zzreport build {' '.join(args)} failed:\n{done.stderr}")


def floor_kernel() -> None:
    """One fresh kernel that imports the stack, then shuts down (reaped here, so its CPU
    shows in RUSAGE_CHILDREN)."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3", cwd=str(ROOT / "notebooks"),
                              extra_arguments=["--HistoryManager.hist_file=:memory:"],
                              stderr=subprocess.DEVNULL)
    try:
        reply = kc.execute_interactive("import pandas, matplotlib.pyplot, seaborn, zzreport",
                                       timeout=120, output_hook=lambda _msg: None)
        assert reply["content"]["status"] == "ok", reply["content"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def run_notebook(path: Path, out: Path) -> None:
    papermill.execute_notebook(str(path), str(out), kernel_name="python3",
                               cwd=str(path.parent), progress_bar=False)


def main() -> int:
    results: dict[str, object] = {"machine": f"{platform.processor() or platform.machine()}, "
                                             f"{os.cpu_count()} cores, Python "
                                             f"{platform.python_version()}",
                                  "repeats": REPEATS}
    jobs = len(plan("en", {}))
    build_repeats = max(1, REPEATS - 1)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        floor_wall, floor_cpu = median_pair(floor_kernel, REPEATS)
        results.update(floor_wall_s=floor_wall, floor_cpu_s=floor_cpu, jobs=jobs)
        print(f"floor: {floor_wall:.2f} s wall, {floor_cpu:.2f} CPU-s", flush=True)

        warm_wall, warm_cpu = median_pair(lambda: build_cmd("--out", str(folder / "warm"),
                                                           "--force"), build_repeats)
        fresh_wall, fresh_cpu = median_pair(lambda: build_cmd("--out", str(folder / "fresh"),
                                                             "--force", "--fresh-kernels"),
                                            build_repeats)
        results.update(build_warm_wall_s=warm_wall, build_warm_cpu_per_notebook=warm_cpu / jobs,
                       build_fresh_wall_s=fresh_wall,
                       build_fresh_cpu_per_notebook=fresh_cpu / jobs)
        print(f"cold build: warm kernels {warm_wall:.1f} s, {warm_cpu / jobs:.2f} CPU-s/notebook;"
              f" fresh kernels {fresh_wall:.1f} s, {fresh_cpu / jobs:.2f}", flush=True)

        def report(*extra: str) -> None:
            shutil.rmtree(folder / "report", ignore_errors=True)
            build_cmd("--out", str(folder / "report"), *extra)
            build_cmd("--lang", "zh", "--out", str(folder / "report" / "zh"), *extra)
        # the same with a fresh kernel per notebook: today's make report as it was before
        # warm kernels, on this machine in this run
        report_fresh_wall, _ = median_pair(lambda: report("--fresh-kernels"), build_repeats)
        report_wall, report_cpu = median_pair(report, build_repeats)
        noop_wall, noop_cpu = median_pair(lambda: build_cmd("--out", str(folder / "report")),
                                          REPEATS)
        results.update(report_wall_s=report_wall, report_cpu_s=report_cpu,
                       report_fresh_wall_s=report_fresh_wall,
                       noop_wall_s=noop_wall, noop_cpu_s=noop_cpu)
        print(f"make report (both editions, cold cache): {report_wall:.1f} s; no-op rebuild "
              f"{noop_wall:.2f} s", flush=True)

        notebooks = {}
        for path in notebook_paths():
            seconds, _ = median_pair(lambda: run_notebook(path, folder / path.name), REPEATS)
            notebooks[path.stem] = seconds
            print(f"{path.stem:<26} {seconds:5.2f} s in a fresh kernel", flush=True)
        results["notebooks_fresh_s"] = notebooks

    cold_code = ("import time, zzreport; t = time.perf_counter(); zzreport.load_indicators(); "
                 "print(time.perf_counter() - t)")
    cold = statistics.median(float(subprocess.run([sys.executable, "-c", cold_code],
                                                  capture_output=True, text=True, check=True,
                                                  cwd=ROOT).stdout) for _ in range(REPEATS))
    import zzreport

    zzreport.load_indicators()
    warm = min(timeit.repeat(zzreport.load_indicators, number=2000, repeat=3)) / 2000
    results.update(load_cold_s=cold, load_warm_s=warm)

    make_test = None
    if not os.environ.get("BENCH_SKIP_MAKE_TEST"):
        start = time.perf_counter()
        done = subprocess.run(["make", "test"], cwd=ROOT, capture_output=True, text=True)
        make_test = time.perf_counter() - start
        results.update(make_test_s=make_test, make_test_rc=done.returncode,
                       make_test_summary=next((line.strip("= ") for line in
                                                reversed(done.stdout.splitlines())
                                                if " passed" in line or " failed" in line),
                                               ""))
        print(f"make test: {make_test:.0f} s ({results['make_test_summary']})", flush=True)

    (ROOT / "benchmarks" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    per = results["build_warm_cpu_per_notebook"]

    def yes(ok: bool) -> str:
        return "yes" if ok else "no"

    lines = ["# Benchmark results", "",
             f"Machine: {results['machine']}; median of {REPEATS} runs (builds: of "
             f"{build_repeats}). CPU counts every process of the build (main, workers, "
             "kernels). Before: the figures in issue 12, same machine.", "",
             "| measure | result | before | target | met |", "|---|---|---|---|---|",
             f"| floor: one fresh kernel importing pandas, matplotlib, seaborn, zzreport | "
             f"{floor_cpu:.2f} CPU-s ({floor_wall:.2f} s wall) | | | |",
             f"| cold build ({jobs} notebooks, warm kernels, empty cache) | {per:.2f} CPU-s per "
             f"notebook ({warm_wall:.1f} s wall) | {BEFORE['cpu_per_notebook']:.2f} | "
             f"≤ {CPU_PER_NOTEBOOK_TARGET:.1f} | {yes(per <= CPU_PER_NOTEBOOK_TARGET)} |",
             f"| cold build, `--fresh-kernels` (one kernel per notebook, as before) | "
             f"{results['build_fresh_cpu_per_notebook']:.2f} CPU-s per notebook "
             f"({fresh_wall:.1f} s wall) | | | |",
             f"| `make report`, both editions, cold cache | {report_wall:.1f} s wall | "
             f"{report_fresh_wall:.1f} s with `--fresh-kernels` (this run); "
             f"{BEFORE['report_wall']:.0f} s in the issue | ≤ half | "
             f"{yes(report_wall <= report_fresh_wall / 2)} |",
             f"| no-op rebuild (everything cached) | {noop_wall:.2f} s | as long as a build | "
             f"< {NOOP_TARGET_S:.0f} s | {yes(noop_wall < NOOP_TARGET_S)} |"]
    if make_test is not None:
        lines.append(f"| `make test`, warm environment | {make_test:.0f} s "
                     f"({results['make_test_summary']}) | {BEFORE['make_test']:.0f} s | "
                     f"< {MAKE_TEST_TARGET_S:.0f} s | {yes(make_test < MAKE_TEST_TARGET_S)} |")
    for stem, seconds in notebooks.items():
        lines.append(f"| {stem}, alone in a fresh kernel (papermill) | {seconds:.2f} s | | | |")
    lines += [f"| load_indicators, cold / warm | {cold * 1000:.1f} ms / {warm * 1e6:.0f} µs | "
              "| | |", ""]
    (ROOT / "benchmarks" / "results.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
