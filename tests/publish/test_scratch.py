"""Scratch folders and files: locked by their maker from before they get their name; a sweep
removes those whose maker is gone (SIGKILL included) and never one a live process holds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from zzreport.publish import scratch
from zzreport.publish.notebooks import write_atomically


def test_a_sweep_spares_what_a_live_process_holds(tmp_path) -> None:
    held = scratch.make_dir(tmp_path, scratch.SITE_STAGING)
    assert held.path.name.startswith(".site-") and held.path.stat().st_mode & 0o777 == 0o755
    (held.path / "index.html").write_text("half a site", encoding="utf-8")
    assert scratch.sweep(tmp_path, (scratch.SITE_STAGING,)) == []
    assert (held.path / "index.html").exists()
    held.release()
    assert scratch.sweep(tmp_path, (scratch.SITE_STAGING,)) == [held.path]
    assert not held.path.exists()


def test_a_sweep_removes_only_its_own_kind(tmp_path) -> None:
    for name in (".site-left", "site", ".cache", "executed"):
        (tmp_path / name).mkdir()
    (tmp_path / ".write-left.tmp").write_text("half a notebook", encoding="utf-8")
    removed = scratch.sweep(tmp_path, (scratch.SITE_STAGING, scratch.WRITING))
    assert sorted(p.name for p in removed) == [".site-left", ".write-left.tmp"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "executed", "site"]


def test_a_new_entry_is_left_its_moment_to_be_locked(tmp_path) -> None:
    """``.new-…`` is the name an entry has for the instant before its maker locks it: a sweep
    leaves a young one alone and removes one a killed maker left long ago."""
    young, old = tmp_path / ".new-young", tmp_path / ".new-old"
    young.mkdir()
    old.mkdir()
    long_ago = time.time() - scratch.NEW_GRACE_SECONDS - 5
    os.utime(old, (long_ago, long_ago))
    assert scratch.sweep(tmp_path, ()) == [old]
    assert young.exists()


#: A process that makes a scratch folder, says where, and sleeps until it is killed.
HOLDER = (
    "import pathlib, sys, time\n"
    "from zzreport.publish import scratch\n"
    "held = scratch.make_dir(pathlib.Path(sys.argv[1]), '.site-')\n"
    "print(held.path, flush=True)\n"
    "time.sleep(600)\n"
)


def test_the_lock_goes_with_a_process_killed_by_sigkill(tmp_path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        left = Path(holder.stdout.readline().strip())
        assert left.parent == tmp_path
        assert scratch.sweep(tmp_path, (".site-",)) == []  # its maker is alive
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
        assert scratch.sweep(tmp_path, (".site-",)) == [left]
    finally:
        holder.kill()
        holder.communicate()


def test_writing_a_notebook_leaves_no_scratch_file(tmp_path) -> None:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    write_atomically(notebook, tmp_path / "a.ipynb")
    assert [p.name for p in tmp_path.iterdir()] == ["a.ipynb"]
    assert (tmp_path / "a.ipynb").stat().st_mode & 0o777 == 0o644
    notebook.cells[0].source = object()  # cannot be written
    with pytest.raises(TypeError):
        write_atomically(notebook, tmp_path / "b.ipynb")
    assert [p.name for p in tmp_path.iterdir()] == ["a.ipynb"]
