"""A child that dies with its parent: the kernel kills it when the parent is killed with
SIGKILL (no handler of the parent runs), also when the parent dies right after the fork."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

import psutil
import pytest

from zzreport.publish import lifeline

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's"
)

#: A parent that starts a sleeping child with the lifeline, says the child's pid, then is
#: killed by its own hand (SIGKILL: nothing of its own runs) before the child can do anything.
PARENT = textwrap.dedent(
    """
    import os, signal, subprocess, sys
    from zzreport.publish.lifeline import dies_with_this_process
    child = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(120)"],
        preexec_fn=dies_with_this_process(),
        start_new_session=True,  # as jupyter_client starts a kernel: not the parent's group
        stdout=subprocess.DEVNULL,  # (the test's pipe then closes with the parent)
        stderr=subprocess.DEVNULL,
    )
    print(child.pid, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_a_child_dies_when_its_parent_is_killed_with_sigkill() -> None:
    parent = subprocess.run(
        [sys.executable, "-c", PARENT], capture_output=True, text=True, timeout=60
    )
    assert parent.returncode == -9, parent.stderr
    child = psutil.Process(int(parent.stdout.split()[0]))
    gone, alive = psutil.wait_procs([child], timeout=10)
    for process in alive:  # (only when the test fails: leave nothing running)
        process.kill()
    assert alive == []


def test_no_lifeline_is_promised_from_a_thread_that_may_end_first() -> None:
    found = []
    worker = threading.Thread(target=lambda: found.append(lifeline.dies_with_this_process()))
    worker.start()
    worker.join()
    assert found == [None]
    assert callable(lifeline.dies_with_this_process())
