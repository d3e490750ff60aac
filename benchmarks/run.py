"""Benchmarks, measured in one run on one machine (`make benchmark`).

- the floor: CPU and wall time of one fresh kernel that only imports the stack (pandas,
  matplotlib, seaborn, zzreport) and shuts down — what every notebook paid before warm
  kernels;
- the cold build (empty cache, `--force`): wall time and CPU seconds per notebook, counting
  every process of the build (main, workers, kernels), for the English edition alone (15
  notebooks) and for both editions in one run (`--lang all`, 30, what `make report` does);
  the English edition with `--fresh-kernels`;
- `make report` (both editions in one `--lang all` run) from a cold cache, against the two
  single-edition builds on fresh kernels that it replaced, and a no-op rebuild;
- each notebook's execution time in a fresh kernel (papermill), over the floor;
- load_indicators cold and warm;
- `make test` on the warm environment (skip with BENCH_SKIP_MAKE_TEST=1): first with the
  tests' builds and caches (build/test) removed, what CI's fresh clone pays, then again with
  the fresh-kernel references cached.

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

import papermill

ROOT = Path(__file__).resolve().parents[1]
#: The heading of the section `benchmarks/peers.py` writes into results.md.
PEER_SECTION = "## Peer: Jupyter Book"
sys.path.insert(0, str(ROOT / "src"))
from zzreport.publish.notebooks import notebook_paths  # noqa: E402
from zzreport.publish.plan import plan  # noqa: E402

REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
CPU_PER_NOTEBOOK_TARGET, NOOP_TARGET_S, MAKE_TEST_TARGET_S = 1.0, 2.0, 100.0
# The previous results.md (end of the second round on issue 12, same machine, another day:
# this machine's CPU seconds vary by ~20 % from hour to hour with its neighbours' load):
# CPU per notebook of the English cold build, make report, make test (first run / second run
# with the references cached).
BEFORE = {"cpu_per_notebook": 1.58, "report_wall": 20.6, "make_test": (221.0, 198.0)}


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
    done = subprocess.run(
        [sys.executable, "-m", "zzreport.cli", "build", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if done.returncode:
        sys.exit(f"zzreport build {' '.join(args)} failed:\n{done.stderr}")


def measured_run(command: list[str]) -> tuple[tuple[float, float], subprocess.CompletedProcess]:
    done: list[subprocess.CompletedProcess] = []
    pair = measured(
        lambda: done.append(subprocess.run(command, cwd=ROOT, capture_output=True, text=True))
    )
    return pair, done[0]


def floor_kernel() -> None:
    """One fresh kernel that imports the stack, then shuts down (reaped here, so its CPU
    shows in RUSAGE_CHILDREN)."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(
        kernel_name="python3",
        cwd=str(ROOT / "notebooks"),
        extra_arguments=["--HistoryManager.hist_file=:memory:"],
        stderr=subprocess.DEVNULL,
    )
    try:
        reply = kc.execute_interactive(
            "import pandas, matplotlib.pyplot, seaborn, zzreport",
            timeout=120,
            output_hook=lambda _msg: None,
        )
        assert reply["content"]["status"] == "ok", reply["content"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def run_notebook(path: Path, out: Path) -> None:
    papermill.execute_notebook(
        str(path), str(out), kernel_name="python3", cwd=str(path.parent), progress_bar=False
    )


def main() -> int:
    results: dict[str, object] = {
        "machine": f"{platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python "
        f"{platform.python_version()}",
        "repeats": REPEATS,
        "load_start": os.getloadavg()[0],
    }
    jobs = len(plan("en", {}))
    build_repeats = max(1, REPEATS - 1)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        floor_wall, floor_cpu = median_pair(floor_kernel, REPEATS)
        results.update(floor_wall_s=floor_wall, floor_cpu_s=floor_cpu, jobs=jobs)
        print(f"floor: {floor_wall:.2f} s wall, {floor_cpu:.2f} CPU-s", flush=True)

        warm_wall, warm_cpu = median_pair(
            lambda: build_cmd("--out", str(folder / "warm"), "--force"), build_repeats
        )
        both_wall, both_cpu = median_pair(
            lambda: build_cmd("--out", str(folder / "both"), "--lang", "all", "--force"),
            build_repeats,
        )
        fresh_wall, fresh_cpu = median_pair(
            lambda: build_cmd("--out", str(folder / "fresh"), "--force", "--fresh-kernels"),
            build_repeats,
        )
        both_jobs = jobs + len(plan("zh", {}))
        results.update(
            build_warm_wall_s=warm_wall,
            build_warm_cpu_per_notebook=warm_cpu / jobs,
            build_both_wall_s=both_wall,
            build_both_jobs=both_jobs,
            build_both_cpu_per_notebook=both_cpu / both_jobs,
            build_fresh_wall_s=fresh_wall,
            build_fresh_cpu_per_notebook=fresh_cpu / jobs,
        )
        print(
            f"cold build: warm kernels {warm_wall:.1f} s, {warm_cpu / jobs:.2f} CPU-s/notebook;"
            f" both editions {both_wall:.1f} s, {both_cpu / both_jobs:.2f}; fresh kernels "
            f"{fresh_wall:.1f} s, {fresh_cpu / jobs:.2f}",
            flush=True,
        )

        def report() -> None:  # what `make report` runs
            shutil.rmtree(folder / "report", ignore_errors=True)
            build_cmd("--lang", "all", "--out", str(folder / "report"))

        def report_before() -> None:
            # make report as it was before warm kernels, on this machine in this run: two
            # single-edition builds, a fresh kernel per notebook
            shutil.rmtree(folder / "report", ignore_errors=True)
            build_cmd("--out", str(folder / "report"), "--fresh-kernels")
            build_cmd("--lang", "zh", "--out", str(folder / "report" / "zh"), "--fresh-kernels")

        report_fresh_wall, _ = median_pair(report_before, build_repeats)
        report_wall, report_cpu = median_pair(report, build_repeats)
        noop_wall, noop_cpu = median_pair(
            lambda: build_cmd("--out", str(folder / "report")), REPEATS
        )
        results.update(
            report_wall_s=report_wall,
            report_cpu_s=report_cpu,
            report_fresh_wall_s=report_fresh_wall,
            noop_wall_s=noop_wall,
            noop_cpu_s=noop_cpu,
        )
        print(
            f"make report (both editions, cold cache): {report_wall:.1f} s; no-op rebuild "
            f"{noop_wall:.2f} s",
            flush=True,
        )

        notebooks = {}
        for path in notebook_paths():
            seconds, _ = median_pair(lambda: run_notebook(path, folder / path.name), REPEATS)
            notebooks[path.stem] = seconds
            print(f"{path.stem:<26} {seconds:5.2f} s in a fresh kernel", flush=True)
        results["notebooks_fresh_s"] = notebooks

    cold_code = (
        "import time, zzreport; t = time.perf_counter(); zzreport.load_indicators(); "
        "print(time.perf_counter() - t)"
    )
    cold = statistics.median(
        float(
            subprocess.run(
                [sys.executable, "-c", cold_code],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            ).stdout
        )
        for _ in range(REPEATS)
    )
    import zzreport

    zzreport.load_indicators()
    warm = min(timeit.repeat(zzreport.load_indicators, number=2000, repeat=3)) / 2000
    results.update(load_cold_s=cold, load_warm_s=warm)

    make_test = None
    if not os.environ.get("BENCH_SKIP_MAKE_TEST"):
        make_test = {}
        for run in ("cold", "cached"):  # the tests' builds and caches removed, then as left
            if run == "cold":
                shutil.rmtree(ROOT / "build" / "test", ignore_errors=True)
            load = os.getloadavg()[0]
            (wall, cpu), done = measured_run(["make", "test"])
            summary = next(
                (
                    line.strip("= ")
                    for line in reversed(done.stdout.splitlines())
                    if " passed" in line or " failed" in line
                ),
                "",
            )
            make_test[run] = {
                "wall_s": wall,
                "cpu_s": cpu,
                "rc": done.returncode,
                "summary": summary,
                "load_before": load,
                "load_after": os.getloadavg()[0],
            }
            print(
                f"make test ({run}): {wall:.0f} s, {cpu:.0f} CPU-s ({summary}; load "
                f"{load:.1f}-{os.getloadavg()[0]:.1f})",
                flush=True,
            )
        results["make_test"] = make_test

    (ROOT / "benchmarks" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    per = results["build_warm_cpu_per_notebook"]

    def yes(ok: bool) -> str:
        return "yes" if ok else "no"

    lines = [
        "# Benchmark results",
        "",
        f"Machine: {results['machine']}; median of {REPEATS} runs (builds: of "
        f"{build_repeats}); load average {results['load_start']:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end (the machine is shared: wall times grow "
        "with the load, CPU seconds much less). CPU counts every process of the build "
        "(main, workers, kernels). Before: the previous results.md, same machine.",
        "",
        "| measure | result | before | target | met |",
        "|---|---|---|---|---|",
        f"| floor: one fresh kernel importing pandas, matplotlib, seaborn, zzreport | "
        f"{floor_cpu:.2f} CPU-s ({floor_wall:.2f} s wall) | | | |",
        f"| cold build, English edition ({jobs} notebooks, warm kernels, empty cache) | "
        f"{per:.2f} CPU-s per notebook ({warm_wall:.1f} s wall) | "
        f"{BEFORE['cpu_per_notebook']:.2f} | ≤ {CPU_PER_NOTEBOOK_TARGET:.1f} | "
        f"{yes(per <= CPU_PER_NOTEBOOK_TARGET)} |",
        f"| cold build, both editions in one run (`--lang all`, {both_jobs} notebooks; "
        f"what `make report` runs) | {results['build_both_cpu_per_notebook']:.2f} CPU-s "
        f"per notebook ({both_wall:.1f} s wall) | | ≤ {CPU_PER_NOTEBOOK_TARGET:.1f} | "
        f"{yes(results['build_both_cpu_per_notebook'] <= CPU_PER_NOTEBOOK_TARGET)} |",
        f"| cold build, `--fresh-kernels` (one kernel per notebook, as before) | "
        f"{results['build_fresh_cpu_per_notebook']:.2f} CPU-s per notebook "
        f"({fresh_wall:.1f} s wall) | | | |",
        f"| `make report`, both editions, cold cache | {report_wall:.1f} s wall, "
        f"{report_cpu:.1f} CPU-s (× {report_wall / report_fresh_wall:.2f}) | "
        f"{report_fresh_wall:.1f} s as before warm kernels (two builds, fresh kernels, "
        f"this run); {BEFORE['report_wall']:.1f} s before this round | ≤ half | "
        f"{yes(report_wall <= report_fresh_wall / 2)} |",
        f"| no-op rebuild (everything cached) | {noop_wall:.2f} s | as long as a build | "
        f"< {NOOP_TARGET_S:.0f} s | {yes(noop_wall < NOOP_TARGET_S)} |",
    ]
    if make_test is not None:
        for run, what, before in (
            ("cold", "build/test emptied first (as in a fresh clone)", BEFORE["make_test"][0]),
            ("cached", "again, fresh-kernel references cached", BEFORE["make_test"][1]),
        ):
            m = make_test[run]
            lines.append(
                f"| `make test`, warm environment, {what} | {m['wall_s']:.0f} s, "
                f"{m['cpu_s']:.0f} CPU-s ({m['summary']}; load {m['load_before']:.1f}"
                f"–{m['load_after']:.1f}) | {before:.0f} s | "
                f"< {MAKE_TEST_TARGET_S:.0f} s | "
                f"{yes(m['wall_s'] < MAKE_TEST_TARGET_S)} |"
            )
    for stem, seconds in notebooks.items():
        lines.append(f"| {stem}, alone in a fresh kernel (papermill) | {seconds:.2f} s | | | |")
    lines += [
        f"| load_indicators, cold / warm | {cold * 1000:.1f} ms / {warm * 1e6:.0f} µs | | | |",
        "",
    ]
    results_md = ROOT / "benchmarks" / "results.md"
    # `make benchmark-peers` appends its own section; this run does not measure it, so keep it
    previous = results_md.read_text(encoding="utf-8") if results_md.exists() else ""
    peers = previous.partition(PEER_SECTION)
    kept = f"\n{PEER_SECTION}{peers[2]}" if peers[1] else ""
    results_md.write_text("\n".join(lines) + kept, encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
