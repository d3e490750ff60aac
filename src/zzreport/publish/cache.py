"""The build's content-addressed cache, ``OUT/.cache``: a job's executed notebook and page (an
edition's index, the font subset) are reused when their key is unchanged.

A job's key covers the notebook file, its parameters and language, every file under
``data/``, the package's source files and templates, the lock file and the Python version.
Entries are written to a temporary folder and renamed into place, so a crash or a concurrent
build never leaves half an entry; the folder is safe to delete.

An entry checks itself: its manifest (``complete``) lists the SHA-256 of every file it holds,
and an entry whose files do not match — a disk that hiccupped, a file someone truncated — is
not reused but removed and rebuilt, with one line saying so.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from zzreport.data import paths
from zzreport.publish import scratch
from zzreport.publish.plan import Job

PACKAGE_DIR = Path(__file__).resolve().parents[1]
LOCK_FILE = paths.PROJECT_ROOT / "requirements.lock"
CACHE_FORMAT = "2"  # bump when the layout or the rendering of cache entries changes
MANIFEST = "complete"  # the entry's key and its files' SHA-256, written last


def _files_under(folder: Path, suffixes: tuple[str, ...] | None = None) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if (
            path.is_file()
            and "__pycache__" not in path.parts
            and path.suffix != ".pyc"
            and (suffixes is None or path.suffix in suffixes)
        ):
            yield path


def inputs_digest() -> str:
    """What every job depends on besides its own notebook: every file under ``data/``, every
    file of the package (modules, templates, prose), the lock file and the Python version."""
    digest = hashlib.sha256(f"zzreport-cache {CACHE_FORMAT}\n{sys.version}\n".encode())
    groups = [
        ("data", paths.DATA_DIR, list(_files_under(paths.DATA_DIR))),
        ("package", PACKAGE_DIR, list(_files_under(PACKAGE_DIR))),
        ("lock", LOCK_FILE.parent, [LOCK_FILE]),
    ]
    for label, root, files in groups:
        for path in files:
            digest.update(f"{label}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(path.read_bytes() if path.exists() else b"<missing>")
            digest.update(b"\0")
    return digest.hexdigest()


def job_key(job: Job, inputs: str, warm: bool = True) -> str:
    """The cache key of one job: the shared inputs plus the notebook's bytes, its parameters
    and its language. Results of ``--fresh-kernels`` builds (the tests' reference) are kept
    apart from the warm kernels' they are compared with."""
    digest = hashlib.sha256(inputs.encode() + (b"" if warm else b"\0fresh-kernels"))
    digest.update(job.name.encode() + b"\0")
    digest.update(Path(job.notebook).read_bytes() + b"\0")
    digest.update(json.dumps(job.parameters, sort_keys=True).encode())
    return digest.hexdigest()


def index_key(jobs: Sequence[Job], inputs: str, lang: str) -> str:
    """The cache key of an edition's index: its jobs, and the notebooks its cards read (their
    H1 and metadata)."""
    digest = hashlib.sha256(f"index\0{inputs}\0{lang}\0".encode())
    digest.update(
        json.dumps([[j.notebook.name, j.name, j.parameters] for j in jobs], sort_keys=True).encode()
    )
    for notebook in dict.fromkeys(j.notebook for j in jobs):
        digest.update(hashlib.sha256(Path(notebook).read_bytes()).digest())
    return digest.hexdigest()


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class Cache:
    """``OUT/.cache/<key>/`` holds a job's executed notebook and page (or the index, or the
    font subset) and its manifest. ``damaged``: told the line to show when an entry is found
    damaged (``rebuilt: damaged cache entry (<what>: <why>)``)."""

    def __init__(self, folder: Path, damaged: Callable[[str], None] = lambda _: None) -> None:
        self.folder = folder
        self.damaged = damaged

    def entry(self, key: str, what: str = "") -> Path | None:
        """The entry's folder when it is whole: its manifest names ``key`` and every file it
        lists has the bytes it was stored with. None when there is no entry; a damaged one
        is removed (the caller rebuilds what it held and stores it again) and reported."""
        path = self.folder / key
        if not path.exists():
            return None
        problem = self._problem(path, key)
        if problem is None:
            return path
        self.damaged(f"rebuilt: damaged cache entry ({what or key[:12]}: {problem})")
        self._remove(path)
        return None

    @staticmethod
    def _problem(path: Path, key: str) -> str | None:
        try:
            manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
            files = dict(manifest["files"])
        except (OSError, ValueError, KeyError, TypeError):
            return "its manifest is missing or unreadable"
        if manifest.get("key") != key or not files:
            return "its manifest is for another entry"
        for name, digest in files.items():
            try:
                if _sha256(path / name) != digest:
                    return f"{name} does not match its checksum"
            except OSError:
                return f"{name} is missing"
        return None

    def _remove(self, path: Path) -> None:
        """Move an entry out of the way, then delete it: a reader never sees half of one."""
        stale = scratch.make_dir(self.folder, scratch.CACHE_STALE)
        try:
            os.replace(path, stale.path / path.name)
        except OSError:
            pass  # a concurrent build removed or replaced it first
        finally:
            shutil.rmtree(stale.path, ignore_errors=True)
            stale.release()

    def store(self, key: str, files: dict[str, Path]) -> None:
        """Copy ``files`` (name in the entry → source) into a new entry, atomically; its
        manifest, written last, lists each copy's SHA-256."""
        self.folder.mkdir(parents=True, exist_ok=True)
        held = scratch.make_dir(self.folder, scratch.CACHE_PARTIAL)
        partial = held.path
        try:
            for name, source in files.items():
                shutil.copyfile(source, partial / name)
            digests = {name: _sha256(partial / name) for name in files}
            manifest = json.dumps({"key": key, "files": digests}, indent=1, sort_keys=True)
            (partial / MANIFEST).write_text(manifest, encoding="utf-8")
            final = self.folder / key
            if final.exists():  # --force, or an older entry of the same key: replace it
                self._remove(final)
            os.replace(partial, final)
        except OSError:
            pass  # a concurrent build stored the same entry first, or the disk is full: skip
        finally:
            shutil.rmtree(partial, ignore_errors=True)
            held.release()

    def sweep(self) -> list[Path]:
        """Remove what a killed build left half-stored or half-removed (see ``scratch``)."""
        return scratch.sweep(self.folder, (scratch.CACHE_PARTIAL, scratch.CACHE_STALE))
