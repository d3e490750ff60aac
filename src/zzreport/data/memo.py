"""Memoising what the analysis derives from the data, for the build's warm kernels.

A warm kernel runs many notebooks, and several of them ask for the same derived tables (the
scorecard, the target pairs, the premium comparison...), each a fraction of a second of
pandas. ``on_data`` keeps such a result for the rest of the kernel's life.

- **Off unless switched on.** Only a warm kernel switches it on (``publish.kernels.prepare``).
  In JupyterLab, in papermill's fresh kernels and in the tests every call computes afresh,
  so a test that changes a constant sees its effect.
- **Keyed on the data.** The key is the call's arguments and the version (size, modification
  time) of every file the loaders read; a call with an argument that cannot be hashed (a
  frame) is not memoised.
- **Copies out.** Each caller gets a copy made by pickling, which copies the Python objects
  in a frame's cells too (``copy.deepcopy`` of a frame does not: the scorecard's
  ``alternatives`` are dicts), so a notebook that edits a result cannot change what the next
  caller gets.
- **Forgotten when the package changes.** The warm kernel's reset calls ``forget`` whenever a
  notebook rebound or edited any module-level name of the package (a constant a result may
  depend on), and the caches marked with ``keep`` (the loaders' parse cache) go with it. A
  result is only as fresh as the package's constants at the time it was computed: within one
  notebook, a constant rebound after a call is not seen by the next call of the same
  function. Our notebooks change no constant; the warm-vs-fresh test would show one that
  did.
"""

from __future__ import annotations

import functools
import os
import pickle
from collections.abc import Callable
from typing import TypeVar

from zzreport.data import paths

Result = TypeVar("Result")

_enabled = False
_stores: list[dict] = []
_kept: list[Callable] = []  # functools caches keyed on file versions (see keep)


def data_version() -> tuple[tuple[str, int, int], ...]:
    """Size and modification time of each file the loaders read (-1 for a missing one)."""
    files = (paths.INDICATORS_CSV, paths.EXTERNAL_CSV, paths.DATAPACKAGE, paths.RAW_REPORT)
    version = []
    for path in files:
        try:
            stat = os.stat(path)
            version.append((str(path), stat.st_size, stat.st_mtime_ns))
        except OSError:
            version.append((str(path), -1, -1))
    return tuple(version)


def on_data(function: Callable[..., Result]) -> Callable[..., Result]:
    """Memoise ``function`` (a pure function of its arguments and the data files) while
    memoising is switched on."""
    store: dict = {}
    _stores.append(store)

    @functools.wraps(function)
    def memoised(*args, **kwargs) -> Result:
        if not _enabled:
            return function(*args, **kwargs)
        key = (data_version(), args, tuple(sorted(kwargs.items())))
        try:
            kept = store[key]
        except TypeError:  # an argument that cannot be hashed: compute
            return function(*args, **kwargs)
        except KeyError:
            kept = store[key] = function(*args, **kwargs)
        return _copy(kept)

    return memoised


def keep(cached: Callable[..., Result]) -> Callable[..., Result]:
    """Mark a ``functools`` cache whose key includes the version of the file it reads and
    whose callers get copies: the warm kernel's reset keeps it (it clears every other cache
    of the package), and ``forget`` clears it."""
    _kept.append(cached)
    return cached


def kept(function: object) -> bool:
    return any(function is cached for cached in _kept)


def _copy(value: Result) -> Result:
    return pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def enable() -> None:
    """Switch memoising on for this process (a warm kernel)."""
    global _enabled
    _enabled = True


def enabled() -> bool:
    return _enabled


def forget() -> None:
    """Drop every memoised result and every kept cache."""
    for store in _stores:
        store.clear()
    for cached in _kept:
        cached.cache_clear()
