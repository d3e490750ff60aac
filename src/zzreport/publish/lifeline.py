"""A child process that dies with its parent, however the parent dies: on Linux the kernel
sends it SIGKILL (``prctl(PR_SET_PDEATHSIG)``); elsewhere nothing is set up here.

Used twice: each build worker dies with the main process (``pool``), and each notebook
kernel with the worker that started it (``kernels``). ipykernel watches its parent as well,
but only if that parent is still the one it was told of (``JPY_PARENT_PID``) when its watcher
thread starts: a worker killed while its kernel was starting left a kernel that waited for
pid 1 to adopt it, which under a subreaper never happens (a kernel that outlived a
``kill -9`` of the build by more than 20 s, once in about twenty runs of the pool tests).
"""

from __future__ import annotations

import ctypes
import functools
import os
import signal
import sys
import threading
from collections.abc import Callable

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
# Looked up once, in the parent: a forked child of a threaded process should call no loader.
_PRCTL = ctypes.CDLL(None, use_errno=True).prctl if sys.platform.startswith("linux") else None


def die_with(parent: int) -> None:
    """Have this process killed when ``parent`` dies, and exit now if it already has (its
    parent is no longer ``parent``: it died before the request was made)."""
    if _PRCTL is not None and _PRCTL(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent:
        os._exit(1)


def dies_with_this_process() -> Callable[[], None] | None:
    """A ``preexec_fn`` for ``subprocess.Popen``: the child dies with this process. None
    where that cannot be promised: off Linux, and outside the main thread (the signal follows
    the thread that forked, so a child started from a short-lived thread would die with it)."""
    if _PRCTL is None or threading.current_thread() is not threading.main_thread():
        return None
    return functools.partial(die_with, os.getpid())
