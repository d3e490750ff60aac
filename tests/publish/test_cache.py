"""The build's content-addressed cache: what its key covers, what a rebuild reruns, and that
entries are complete or absent."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from tests.helpers import SMALL_NOTEBOOKS, Build, site_files, small_notebooks, zzreport
from zzreport.data import paths
from zzreport.publish import cache as cache_module
from zzreport.publish.cache import Cache, inputs_digest, job_key
from zzreport.publish.plan import Job

# --- the key --------------------------------------------------------------------------------


@pytest.fixture
def sources(tmp_path, monkeypatch):
    """Copies of data/, the package and the lock file that the key is computed from."""
    data = shutil.copytree(paths.DATA_DIR, tmp_path / "data")
    package = shutil.copytree(
        cache_module.PACKAGE_DIR,
        tmp_path / "zzreport",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    lock = shutil.copyfile(cache_module.LOCK_FILE, tmp_path / "requirements.lock")
    monkeypatch.setattr(paths, "DATA_DIR", data)
    monkeypatch.setattr(cache_module, "PACKAGE_DIR", package)
    monkeypatch.setattr(cache_module, "LOCK_FILE", lock)
    notebook = shutil.copyfile(
        paths.NOTEBOOKS_DIR / "04-feasibility.ipynb", tmp_path / "04-feasibility.ipynb"
    )
    return {"data": data, "package": package, "lock": lock, "notebook": notebook}


def key_of(sources, **parameters) -> str:
    job = Job(sources["notebook"], "04-feasibility", {"lang": "en", **parameters})
    return job_key(job, inputs_digest())


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def test_touching_only_the_time_of_a_file_keeps_the_key(sources) -> None:
    before = key_of(sources)
    (sources["data"] / "indicators.csv").touch()
    assert key_of(sources) == before


@pytest.mark.parametrize(
    "changed",
    [
        "indicators.csv",
        "external/external_figures.csv",
        "datapackage.json",
        "raw/zhengzhou-2024-report.meta.json",
    ],
)
def test_a_data_file_changes_the_key(sources, changed) -> None:
    before = key_of(sources)
    append(sources["data"] / changed, "\n")
    assert key_of(sources) != before


def test_a_new_data_file_changes_the_key(sources) -> None:
    before = key_of(sources)
    (sources["data"] / "external" / "more.csv").write_text("a,b\n", encoding="utf-8")
    assert key_of(sources) != before


@pytest.mark.parametrize(
    "changed", ["findings/analysis.py", "words/text.py", "publish/templates/offline/index.html.j2"]
)
def test_a_module_or_template_changes_the_key(sources, changed) -> None:
    before = key_of(sources)
    append(sources["package"] / changed, "\n# changed\n")
    assert key_of(sources) != before


def test_the_lock_file_changes_the_key(sources) -> None:
    before = key_of(sources)
    append(sources["lock"], "extra==1.0\n")
    assert key_of(sources) != before


def test_the_notebook_changes_the_key(sources) -> None:
    before = key_of(sources)
    content = json.loads(sources["notebook"].read_text(encoding="utf-8"))
    content["cells"].append(
        {"cell_type": "markdown", "id": "added", "metadata": {}, "source": "One more sentence."}
    )
    sources["notebook"].write_text(json.dumps(content), encoding="utf-8")
    assert key_of(sources) != before


def test_a_parameter_or_the_language_changes_the_key(sources) -> None:
    assert len({key_of(sources), key_of(sources, momentum=0.5), key_of(sources, lang="zh")}) == 3


def test_fresh_kernel_results_are_kept_apart(sources) -> None:
    job = Job(sources["notebook"], "04-feasibility", {"lang": "en"})
    inputs = inputs_digest()
    assert job_key(job, inputs, warm=True) != job_key(job, inputs, warm=False)


def test_the_python_version_is_part_of_the_key(sources, monkeypatch) -> None:
    before = key_of(sources)
    monkeypatch.setattr(cache_module.sys, "version", "3.99.0 (imaginary)")
    assert key_of(sources) != before


# --- entries --------------------------------------------------------------------------------


def test_an_entry_exists_only_once_complete(tmp_path) -> None:
    cache = Cache(tmp_path / "cache")
    page = tmp_path / "page.html"
    page.write_text("<p>page</p>", encoding="utf-8")
    (tmp_path / "cache" / "abc").mkdir(parents=True)  # what a crash mid-copy could leave
    assert cache.entry("abc") is None
    cache.store("abc", {"page.html": page})
    assert (cache.entry("abc") / "page.html").read_text(encoding="utf-8") == "<p>page</p>"
    assert not list((tmp_path / "cache").glob(".partial-*"))


@pytest.fixture
def stored(tmp_path) -> tuple[Cache, list[str]]:
    """An entry of two files in a cache whose damage reports are collected."""
    reported: list[str] = []
    cache = Cache(tmp_path / "cache", reported.append)
    (tmp_path / "page.html").write_text("<p>" + "page " * 200 + "</p>", encoding="utf-8")
    (tmp_path / "executed.ipynb").write_text('{"cells": []}', encoding="utf-8")
    files = {name: tmp_path / name for name in ("page.html", "executed.ipynb")}
    cache.store("abc", files)
    return cache, reported


@pytest.mark.parametrize(
    "damage, why",
    [
        (lambda entry: os.truncate(entry / "page.html", 500), "page.html does not match"),
        (lambda entry: (entry / "executed.ipynb").write_bytes(b""), "executed.ipynb does not"),
        (lambda entry: (entry / "page.html").unlink(), "page.html is missing"),
        (lambda entry: (entry / "complete").write_text("{", encoding="utf-8"), "manifest is"),
    ],
    ids=["truncated page", "emptied notebook", "missing page", "broken manifest"],
)
def test_a_damaged_entry_is_not_reused_but_reported_and_removed(stored, damage, why) -> None:
    cache, reported = stored
    entry = cache.entry("abc", "en/04-feasibility")
    assert entry is not None and reported == []
    damage(entry)
    assert cache.entry("abc", "en/04-feasibility") is None
    assert len(reported) == 1 and reported[0].startswith(
        "rebuilt: damaged cache entry (en/04-feasibility: "
    )
    assert why in reported[0]
    assert not entry.exists() and not list(cache.folder.glob(".stale-*"))
    assert cache.entry("abc") is None and len(reported) == 1  # gone now, not damaged again


# --- rebuilds through the command line ------------------------------------------------------


@pytest.fixture(scope="module")
def small_builds(tmp_path_factory) -> tuple[Path, dict[str, Build]]:
    """A small folder of real notebooks (``small_notebooks``) built on one worker ("1"),
    then with ``--force`` on two ("2"), in a copy of the first build's folder: its cache
    holds every result, so the second build shows that ``--force`` ignores a valid cache.
    The determinism test compares the two; the cache test continues from a copy of the
    second. The first is given its notebooks folder relative to where the command runs, the
    second absolute: the bytes must not depend on it."""
    folder = tmp_path_factory.mktemp("small-builds")
    notebooks = small_notebooks(folder / "notebooks")
    given = {"1": os.path.relpath(notebooks, paths.PROJECT_ROOT), "2": str(notebooks)}
    builds = {}
    for jobs in ("1", "2"):
        out = folder / f"jobs-{jobs}"
        if jobs == "2":
            shutil.copytree(folder / "jobs-1", out)
        result = zzreport(
            "build",
            "--out",
            str(out),
            "--jobs",
            jobs,
            "--force",
            env={"ZZREPORT_NOTEBOOKS_DIR": given[jobs]},
        )
        assert result.returncode == 0, result.stderr
        builds[jobs] = Build(out, result.stdout, result.stderr)
    return notebooks, builds


def statuses(stdout: str) -> dict[str, str]:
    return {
        m.group(1): m.group(2)
        for m in re.finditer(r"^\[\s*\d+/\d+\] (\S+)\s+[\d.]+ s  (\w+)$", stdout, re.M)
    }


@pytest.mark.slow
def test_serial_and_parallel_builds_are_byte_identical(small_builds) -> None:
    """Two builds of the same inputs, cache bypassed, one worker against two: the executed
    notebooks and every file of the site have the same bytes (no random ids, timings or
    absolute paths)."""
    _, builds = small_builds
    serial, parallel = builds["1"].out, builds["2"].out
    for jobs in ("1", "2"):  # both ran every notebook (the second over the first's cache)
        assert set(statuses(builds[jobs].stdout).values()) == {"ok"}, builds[jobs].stdout
    executed = sorted(p.name for p in (serial / "executed").glob("*.ipynb"))
    assert executed == sorted(f"{stem}.ipynb" for stem in SMALL_NOTEBOOKS)
    for name in executed:
        assert (serial / "executed" / name).read_bytes() == (
            parallel / "executed" / name
        ).read_bytes(), name
    assert site_files(serial / "site") == site_files(parallel / "site")
    injected = [
        c
        for c in nbformat.read(serial / "executed" / executed[0], as_version=4).cells
        if "injected-parameters" in c.metadata.get("tags", [])
    ]
    assert len(injected) == 1 and injected[0].id.startswith("injected-parameters-")


@pytest.mark.slow
def test_rebuild_reuses_what_did_not_change(small_builds, tmp_path) -> None:
    """From a first build (a copy of ``small_builds``' two-worker build, cache included), each
    rebuild reruns exactly what a change reaches. The rebuilds use one worker: a kernel
    fewer to start for the two or three jobs each reruns."""
    shared, builds = small_builds
    notebooks = Path(shutil.copytree(shared, tmp_path / "notebooks"))
    out = Path(shutil.copytree(builds["2"].out, tmp_path / "out"))
    env = {"ZZREPORT_NOTEBOOKS_DIR": str(notebooks)}

    def run(*args: str) -> dict[str, str]:
        result = zzreport("build", "--out", str(out), "--jobs", "1", *args, env=env)
        assert result.returncode == 0, result.stderr
        return statuses(result.stdout)

    # --force ignored the first build's cache, which held both results
    assert statuses(builds["2"].stdout) == {"01-report-at-a-glance": "ok", "04-feasibility": "ok"}
    first_page = (out / "site" / "04-feasibility.html").read_bytes()
    assert run() == {"01-report-at-a-glance": "cached", "04-feasibility": "cached"}
    assert (out / "site" / "04-feasibility.html").read_bytes() == first_page
    assert (out / "site" / "index.html").exists()

    # a parameter reaches 04 only: only 04 reruns
    assert run("-p", "momentum", "0.5") == {
        "01-report-at-a-glance": "cached",
        "04-feasibility": "ok",
    }
    # a changed notebook reruns, the other is reused
    notebook = notebooks / "01-report-at-a-glance.ipynb"
    content = json.loads(notebook.read_text(encoding="utf-8"))
    content["cells"].append(
        {"cell_type": "markdown", "id": "added", "metadata": {}, "source": "One more sentence."}
    )
    notebook.write_text(json.dumps(content), encoding="utf-8")
    assert run() == {"01-report-at-a-glance": "ok", "04-feasibility": "cached"}
    assert "One more sentence." in (out / "site" / "01-report-at-a-glance.html").read_text(
        encoding="utf-8"
    )
    # deleting the cache is safe: everything runs again
    shutil.rmtree(out / ".cache")
    assert run() == {"01-report-at-a-glance": "ok", "04-feasibility": "ok"}


@pytest.mark.slow
def test_a_damaged_cache_entry_is_rebuilt_and_the_published_page_is_whole(
    small_builds, tmp_path
) -> None:
    """A disk that hiccupped, tried: one cached page truncated to 500 bytes, another entry's
    executed notebook emptied. The next build reruns both, says so, and publishes the pages
    the first build published, byte for byte."""
    shared, builds = small_builds
    notebooks = Path(shutil.copytree(shared, tmp_path / "notebooks"))
    out = Path(shutil.copytree(builds["2"].out, tmp_path / "out"))
    inputs = inputs_digest()
    entries = {
        stem: out
        / ".cache"
        / job_key(Job(notebooks / f"{stem}.ipynb", stem, {"lang": "en"}), inputs)
        for stem in SMALL_NOTEBOOKS
    }
    assert all(entry.is_dir() for entry in entries.values())
    os.truncate(entries["04-feasibility"] / "page.html", 500)
    (entries["01-report-at-a-glance"] / "executed.ipynb").write_bytes(b"")
    result = zzreport(
        "build", "--out", str(out), "--jobs", "1", env={"ZZREPORT_NOTEBOOKS_DIR": str(notebooks)}
    )
    assert result.returncode == 0, result.stderr
    damaged = [line for line in result.stdout.splitlines() if line.startswith("rebuilt:")]
    assert sorted(damaged) == [
        "rebuilt: damaged cache entry (01-report-at-a-glance: executed.ipynb does not match "
        "its checksum)",
        "rebuilt: damaged cache entry (04-feasibility: page.html does not match its checksum)",
    ]
    assert statuses(result.stdout) == {"01-report-at-a-glance": "ok", "04-feasibility": "ok"}
    assert site_files(out / "site") == site_files(builds["2"].out / "site")
    for stem in SMALL_NOTEBOOKS:
        executed = f"executed/{stem}.ipynb"
        assert (out / executed).read_bytes() == (builds["2"].out / executed).read_bytes()
