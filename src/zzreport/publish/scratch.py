"""The temporary folders and files a build works in, and removing the ones a killed build left.

Every scratch entry (the site being written, a cache entry being stored or removed, a notebook
being written) is locked with ``flock`` by the process that makes it, from before it gets its
scratch name until it is published or removed. The kernel drops the lock when the process
ends, however it ends — SIGKILL included, which no handler sees — so a later build tells a
leftover from work in progress by trying the lock: an entry it can lock has no live owner,
and goes. A pid file would be fooled by a reused pid, an age by a slow build; a lock is
neither. (Forked workers share the main process's lock; they die with it.)

An entry is made under a name no sweep removes at once (``.new-…``), locked, and only then
renamed to its scratch name, so a sweep never finds an unlocked entry of a live build.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

NEW = ".new-"
#: A ``.new-`` entry older than this, and unlocked, was left by a process killed in the
#: instant between making and locking it.
NEW_GRACE_SECONDS = 60

#: What a build leaves in each folder of an edition while it works, by folder.
SITE_STAGING = ".site-"
CACHE_PARTIAL, CACHE_STALE = ".partial-", ".stale-"
WRITING = ".write-"


class Held:
    """A scratch entry and the lock on it. ``release()`` once it is published or gone."""

    def __init__(self, path: Path, descriptor: int) -> None:
        self.path, self._descriptor = path, descriptor

    def release(self) -> None:
        if self._descriptor >= 0:
            os.close(self._descriptor)
            self._descriptor = -1

    @property
    def descriptor(self) -> int:
        return self._descriptor


def _lock(descriptor: int, wait: bool = True) -> bool:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def _rename(path: Path, parent: Path, prefix: str, suffix: str = "") -> Path:
    while True:
        final = parent / f"{prefix}{secrets.token_hex(6)}{suffix}"
        if not final.exists():
            os.rename(path, final)
            return final


def make_dir(parent: Path, prefix: str) -> Held:
    """A new, locked folder ``parent/<prefix><random>``, readable by all (a site is)."""
    fresh = Path(tempfile.mkdtemp(prefix=NEW, dir=parent))
    descriptor = os.open(fresh, os.O_RDONLY | os.O_DIRECTORY)
    _lock(descriptor)
    fresh.chmod(0o755)
    return Held(_rename(fresh, parent, prefix), descriptor)


def make_file(parent: Path, suffix: str) -> Held:
    """A new, locked, empty file ``parent/.write-<random><suffix>``, open for writing at
    ``Held.descriptor`` (mode 0644: the files it becomes are ordinary ones)."""
    descriptor, fresh = tempfile.mkstemp(prefix=NEW, dir=parent)
    _lock(descriptor)
    os.fchmod(descriptor, 0o644)
    return Held(_rename(Path(fresh), parent, WRITING, suffix), descriptor)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def sweep(folder: Path, prefixes: Sequence[str]) -> list[Path]:
    """Remove the entries of ``folder`` named ``<prefix>…`` for a prefix of ``prefixes`` (and
    the old enough ``.new-…`` ones) that no live process holds; return them."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in sorted(folder.iterdir()):
        if path.name.startswith(NEW):
            with contextlib.suppress(OSError):
                if time.time() - path.lstat().st_mtime < NEW_GRACE_SECONDS:
                    continue
        elif not path.name.startswith(tuple(prefixes)):
            continue
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            continue  # gone already, or published (renamed) by its owner
        try:
            if not _lock(descriptor, wait=False):
                continue  # a live build's
            if os.fstat(descriptor).st_ino != os.lstat(path).st_ino:
                continue  # renamed after we opened it (and published): not a leftover
            _remove(path)
            removed.append(path)
        except OSError:
            continue
        finally:
            os.close(descriptor)
    return removed
