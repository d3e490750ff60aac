"""The build's kernels: the ipykernel a worker starts and talks to (``Kernel``, in the worker),
and the kernel-side half of a warm kernel (``prepare`` and ``reset``, run inside the kernel):
import the heavy stack once, remember the state a fresh kernel has after those imports, and put
it back between notebooks.

A worker starts its kernel as nbclient starts one and hands it to papermill; with ``warm`` it
first runs ``prepare()`` in it, and before each notebook after the first, ``reset()``, which
restores everything a notebook can change that could show in a later notebook's outputs:

- IPython: the user namespace, the output cache (``_``, ``Out``), the history held in memory
  and the execution counter (``InteractiveShell.reset(new_session=True)``), the display
  formatters' registered printers;
- matplotlib: every rcParam (so seaborn's theme, which lives in rcParams, goes too), the named
  colours (``sns.set_color_codes`` changes them), open figures, the inline backend's queue;
- pandas options, numpy print options and error handling, the random generators (reseeded from
  the OS, as a fresh kernel's are), warning filters, environment, working directory, sys.path;
- zzreport: every module's globals (rebound, added or mutated builtin containers) and every
  ``functools`` cache in the package — but for the results ``zzreport.data.memo`` keeps, which
  are keyed on the data files' versions and handed out as copies, so they survive from one
  notebook to the next unless the notebook rebound a module-level name of the package or
  edited a module-level list, dict or set (then they are forgotten too). Not noticed: a
  notebook that patches a constant and puts it back itself (``mock.patch``) while calling a
  memoised function, or edits the attributes of some other module-level object; none of
  ours does, and the warm-vs-fresh test would show it.

What is not put back (and why outputs cannot depend on it): modules a notebook imported stay
imported (importing is idempotent); fonts registered with matplotlib's font manager stay
registered (``use_house_style`` registers the same font in every notebook, lookups give the
same answer); matplotlib's and pandas' internal memo caches stay warm (they memoise pure
functions). A notebook that monkey-patches a third-party module would leak; none of ours does.
"""

from __future__ import annotations

import copy
import functools
import gc
import importlib
import os
import pkgutil
import queue
import random
import sys
import time
import types
import warnings
from pathlib import Path

import zzreport
from zzreport.data import memo
from zzreport.publish.lifeline import dies_with_this_process

# The kernel-side functions below import IPython, matplotlib, seaborn, numpy and pandas in
# their bodies: the build's workers import this module too (for Kernel) and need none of them.

KERNEL_START_TIMEOUT_SECONDS = 60
RESET_TIMEOUT_SECONDS = 30

_SNAPSHOT: dict | None = None
_CONTAINERS = (dict, list, set)


_missing = object()


def _copy(value: object) -> object:
    """A deep copy where one can be made; else the object itself (its identity is restored).
    A bare ``object()`` is a sentinel, compared by identity (matplotlib's "backend not chosen
    yet"): it is kept as it is."""
    if type(value) is object:
        return value
    try:
        return copy.deepcopy(value)
    except Exception:
        return value


#: The package's modules a notebook may import: all of them but the command line and the
#: build's own machinery (a kernel imports ``publish.params`` and ``publish.site`` only).
NOT_IN_KERNELS = ("zzreport.cli", "zzreport.publish.")
IN_KERNELS = ("zzreport.publish.params", "zzreport.publish.site")


def _kernel_modules() -> list[str]:
    found = [m.name for m in pkgutil.walk_packages(zzreport.__path__, "zzreport.")]
    return [n for n in found if n in IN_KERNELS or not n.startswith(NOT_IN_KERNELS)]


def prepare() -> None:
    """Import what the notebooks import — the stack and every module of the package they may
    use, so that what a notebook changes in any of them can be put back (a module imported
    only after the snapshot would have no state to go back to) — draw and drop one figure (so
    the inline backend is set up as a notebook's first chart sets it up), then take the
    snapshot."""
    global _SNAPSHOT
    import IPython.display  # noqa: F401  (in the body: see the note at the top)
    import matplotlib.pyplot as plt
    import seaborn  # noqa: F401

    for name in zzreport.__all__:  # loaded on first use: load them now, before the snapshot
        getattr(zzreport, name)
    for name in _kernel_modules():
        importlib.import_module(name)

    plt.figure()
    plt.close("all")
    _skip_predraw()
    memo.enable()
    _SNAPSHOT = _take()
    # Move everything the imports and the snapshot made out of the collector's sight: reset()
    # runs IPython's InteractiveShell.reset, which calls gc.collect() — a full pass over every
    # object of pandas, matplotlib and seaborn, most of a reset's time — and the automatic
    # collections during a notebook get cheaper too. None of these objects is ever garbage
    # (the snapshot keeps the state alive); what a notebook makes is still collected.
    gc.collect()
    gc.freeze()


def _skip_predraw() -> None:
    """Uninstall pyplot's ``post_execute`` hook that draws every open figure after each cell.

    With the inline backend that draw is thrown away: the inline backend's own hook
    (``flush_figures``) prints each figure again, drawing it anew, and closes it. Dropping it
    saved ~6 % of a kernel's time per notebook (an A/B of the same notebooks). The printed
    figure does not depend on it (the warm-vs-fresh test compares every output with a fresh
    kernel's, which keeps the hook). Through pyplot's own ``uninstall_repl_displayhook``, so
    that ``plt.ioff()`` and ``plt.ion()`` in a notebook still work; ``reset`` uninstalls it
    again after a notebook that reinstalled it (``plt.ion()``)."""
    import matplotlib.pyplot as plt  # (in the body: see the note at the top)

    plt.uninstall_repl_displayhook()


def _package_modules() -> dict[str, object]:
    return {
        name: module
        for name, module in sys.modules.items()
        if (name == "zzreport" or name.startswith("zzreport."))
        and module is not None
        and name not in (__name__, "zzreport.data.memo")  # memo's state is its own (see reset)
    }


def _pandas_options() -> dict[str, object]:
    """Every pandas option (``_registered_options``) but the deprecated aliases, by name."""
    import pandas as pd  # (in the body: see the note at the top)

    options = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for key in pd._config.config._registered_options:
            if key in pd._config.config._deprecated_options:
                continue
            options[key] = _copy(pd.get_option(key))
    return options


def _take() -> dict:
    import matplotlib  # (in the body: see the note at the top)
    import matplotlib.colors
    import numpy as np
    from IPython import get_ipython

    shell = get_ipython()
    modules = {}
    for name, module in _package_modules().items():
        namespace = dict(vars(module))
        containers = {
            key: _copy(value) for key, value in namespace.items() if type(value) in _CONTAINERS
        }
        modules[name] = (module, namespace, containers)
    formatters = {}
    if shell is not None:
        for mime, formatter in shell.display_formatter.formatters.items():
            formatters[mime] = (
                dict(formatter.type_printers),
                dict(formatter.deferred_printers),
                dict(formatter.singleton_printers),
                formatter.enabled,
            )
    return {
        "rc": {key: _copy(value) for key, value in dict.items(matplotlib.rcParams)},
        "colors": dict(matplotlib.colors._colors_full_map),
        "pandas": _pandas_options(),
        "numpy_print": np.get_printoptions(),
        "numpy_err": np.geterr(),
        "warnings": list(warnings.filters),
        "environ": dict(os.environ),
        "cwd": os.getcwd(),
        "path": list(sys.path),
        "modules": modules,
        "formatters": formatters,
    }


def _is_submodule(package: str, key: str, value: object) -> bool:
    """Whether ``value`` is the submodule ``package.key``: importing a submodule binds it in
    its package's namespace (``import zzreport.findings.scorecard`` gives ``zzreport.findings``
    the name ``outcomes``). That is the import system's doing, not a change a notebook made,
    and it stays (the module stays imported too)."""
    return isinstance(value, types.ModuleType) and value.__name__ == f"{package}.{key}"


def _restore_modules(saved: dict) -> bool:
    """Put every package module's globals back; True when a notebook had changed any."""
    changed = False
    for name, module in _package_modules().items():
        if name not in saved:
            continue  # a package module first imported by a notebook: nothing to restore to
        _, namespace, containers = saved[name]
        current = vars(module)
        for key in [k for k in current if k not in namespace]:
            if not _is_submodule(name, key, current[key]):
                del current[key]
                changed = True
        for key, value in namespace.items():
            if current.get(key, _missing) is not value:
                current[key] = value
                changed = True
        for key, value in containers.items():
            if current[key] != value:
                current[key] = _copy(value)
                changed = True
        for value in list(current.values()):
            if isinstance(value, functools._lru_cache_wrapper) and not memo.kept(value):
                value.cache_clear()
    return changed


# Each private name of another library that the reset touches has a test in
# tests/publish/test_kernels.py that fails when the library changes what it does.


def _restore_rc(saved: dict) -> None:
    """Every rcParam back, without validating each value again (matplotlib's
    ``RcParams._update_raw``: the values are the validated ones the snapshot read)."""
    import matplotlib  # (in the body: see the note at the top)

    matplotlib.rcParams._update_raw({key: _copy(value) for key, value in saved.items()})


def _restore_colours(saved: dict) -> None:
    """The named colours back (``sns.set_color_codes`` redefines "b", "g", ...), through the
    mapping's own ``__setitem__`` and ``__delitem__``: they empty matplotlib's cache of
    converted colours, which ``clear()`` and ``update()`` would leave holding the notebook's."""
    import matplotlib.colors  # (in the body: see the note at the top)

    colours = matplotlib.colors._colors_full_map
    if dict(colours) == saved:
        return
    for key in [k for k in colours if k not in saved]:
        del colours[key]
    for key, value in saved.items():
        if colours.get(key, _missing) != value:
            colours[key] = value


def _empty_inline_queue() -> None:
    """Forget the figures the inline backend queued for drawing after the last cell (its own
    ``flush_figures`` resets the same two attributes)."""
    try:
        from matplotlib_inline import backend_inline  # (in the body: see the note at the top)
    except ImportError:
        return
    backend_inline.show._to_draw = []
    backend_inline.show._draw_called = False


def _restore_warnings(saved: list) -> None:
    """The warning filters back, and the per-module registries of warnings already shown
    invalidated (``warnings._filters_mutated``, what ``warnings.simplefilter`` calls): without
    it a warning shown once under the notebook's filters stays hidden under the restored."""
    warnings.filters[:] = saved
    warnings._filters_mutated()


def reset() -> str:
    """Put the kernel back to the snapshot; returns "ok" (the build checks the reply)."""
    import matplotlib.pyplot as plt  # (in the body: see the note at the top)
    import numpy as np
    import pandas as pd
    from IPython import get_ipython

    if _SNAPSHOT is None:
        raise RuntimeError("zzreport.publish.kernels.reset() called before prepare()")
    saved = _SNAPSHOT
    shell = get_ipython()
    if shell is not None:
        shell.reset(new_session=True)
        for mime, (types_, deferred, singletons, enabled) in saved["formatters"].items():
            formatter = shell.display_formatter.formatters.get(mime)
            if formatter is None:
                continue
            formatter.type_printers.clear()
            formatter.type_printers.update(types_)
            formatter.deferred_printers.clear()
            formatter.deferred_printers.update(deferred)
            formatter.singleton_printers.clear()
            formatter.singleton_printers.update(singletons)
            formatter.enabled = enabled
    plt.close("all")
    forget_figures()
    _empty_inline_queue()
    _restore_rc(saved["rc"])
    _restore_colours(saved["colors"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for key, value in saved["pandas"].items():
            if pd.get_option(key) != value:
                pd.set_option(key, _copy(value))
    np.set_printoptions(**saved["numpy_print"])
    np.seterr(**saved["numpy_err"])
    np.random.seed()
    random.seed()
    _restore_warnings(saved["warnings"])
    for key in [k for k in os.environ if k not in saved["environ"]]:
        del os.environ[key]
    os.environ.update(saved["environ"])
    os.chdir(saved["cwd"])
    sys.path[:] = saved["path"]
    _skip_predraw()
    if _restore_modules(saved["modules"]):
        memo.forget()  # a result may have been computed under the notebook's changes
    return "ok"


# --- the figures a notebook showed, kept for its page ----------------------------------------

#: The figures each cell left open when it finished — the ones the inline backend then shows
#: and closes — by the cell's execution count (the one the executed notebook records; nbclient
#: sends no cell ids), in the order it shows them. ``replay`` saves these for the page (the
#: chart the notebook drew, not a second drawing of it); ``reset`` forgets them.
_SHOWN: dict[int, list] = {}
_CELL: dict[str, object] = {"running": False, "open": []}


def start(warm: bool) -> None:
    """What a build's kernel runs first: ``prepare`` (a warm kernel), then ``record_figures``."""
    if warm:
        prepare()
    record_figures()


def record_figures() -> None:
    """Keep, in this kernel, the figures each cell of a notebook shows (``shown_figures``).
    Run once when a build's kernel starts, warm or fresh; a second call changes nothing."""
    from IPython import get_ipython  # (in the body: see the note at the top)

    events = get_ipython().events
    if _keep_open_figures in events.callbacks["post_execute"]:
        return
    events.register("pre_run_cell", _cell_starts)
    events.register("post_run_cell", _cell_ends)
    # Before the inline backend's own post_execute hook (flush_figures), which shows every
    # open figure and closes it: inserted first, as no public call can (a notebook's
    # `%matplotlib inline` re-registers that hook at the end, behind this one).
    events.callbacks["post_execute"].insert(0, _keep_open_figures)


def _cell_starts(info) -> None:
    """A notebook's cell (the build's own requests are silent and fire neither this nor
    ``_cell_ends``; ``post_execute`` fires for them too)."""
    _CELL.update(running=True, open=[])


def _keep_open_figures() -> None:
    """The figures open as a notebook's cell ends, as the inline backend finds them
    (``Gcf``, private, as matplotlib_inline reads it: same figures, same order)."""
    from matplotlib._pylab_helpers import Gcf  # (in the body: see the note at the top)

    if _CELL["running"]:
        _CELL["open"] = [manager.canvas.figure for manager in Gcf.get_all_fig_managers()]


def _cell_ends(result) -> None:
    kept = {id(figure) for figures in _SHOWN.values() for figure in figures}
    made = [figure for figure in _CELL["open"] if id(figure) not in kept]
    if made and result.execution_count is not None:
        _SHOWN[result.execution_count] = made
    _CELL.update(running=False, open=[])


def shown_figures(execution_count: int | None) -> list:
    """The figures the cell numbered ``execution_count`` showed, in the notebook this kernel
    ran last."""
    return list(_SHOWN.get(execution_count, [])) if execution_count is not None else []


def forget_figures() -> None:
    _SHOWN.clear()
    _CELL.update(running=False, open=[])


# --- the worker's side: starting a kernel and talking to it -----------------------------------


def _kernel_manager_class():
    """An AsyncKernelManager (the kind nbclient creates) whose ``client()`` always returns the
    same client. nbclient, given a running kernel, still asks the manager for a new client per
    notebook and never closes it; sharing one keeps a worker at one client per kernel."""
    # jupyter_client imported here: the kernel imports this module for reset() and needs none
    from jupyter_client import AsyncKernelManager

    class SharedClientKernelManager(AsyncKernelManager):
        _shared = None

        def client(self, **kwargs):
            if self._shared is None:
                shared = super().client(**kwargs)
                shared.start_channels()
                shared.stop_all = shared.stop_channels
                # nbclient starts the channels of every client it gets; ours already run
                shared.start_channels = lambda *args, **kwargs: None
                self._shared = shared
            return self._shared

    return SharedClientKernelManager


class Kernel:
    """One ipykernel this worker starts and owns. ``warm``: the stack is imported and
    ``reset()`` restores the post-import state between notebooks.

    The kernel is started as nbclient starts one (python3, history in memory, the notebook's
    folder as working directory). nbclient talks to it through the manager's one shared
    client; the build's own silent requests (prepare, reset) go through a second, blocking
    client."""

    def __init__(self, cwd: Path, warm: bool) -> None:
        from jupyter_client.blocking import BlockingKernelClient  # see _kernel_manager_class
        from jupyter_core.utils import run_sync

        self.cwd, self.warm = cwd, warm
        self.km = _kernel_manager_class()(kernel_name="python3")
        # the kernel dies with this process, even if this process is killed while it starts
        lifeline = dies_with_this_process()
        run_sync(self.km.start_kernel)(
            cwd=str(cwd),
            extra_arguments=["--HistoryManager.hist_file=:memory:"],
            **({"preexec_fn": lifeline} if lifeline else {}),
        )
        self.control = BlockingKernelClient()
        self.control.load_connection_info(self.km.get_connection_info())
        self.control.start_channels(hb=False)  # liveness comes from the manager (process)
        self.control.wait_for_ready(timeout=KERNEL_START_TIMEOUT_SECONDS)
        self.run(
            f"__import__({__name__!r}, fromlist=['start']).start(warm={warm!r})",
            KERNEL_START_TIMEOUT_SECONDS,
        )

    @property
    def pid(self) -> int:
        return self.km.provisioner.pid

    def run(self, code: str, timeout: float) -> None:
        """Run ``code`` silently (no counter, no history, nothing in the user namespace
        unless the code puts it there); raise RuntimeError unless it succeeded."""
        control = self.control
        while control.iopub_channel.msg_ready():  # what the notebook's client left behind
            control.get_iopub_msg(timeout=0)
        msg_id = control.execute(code, silent=True, store_history=False)
        deadline = time.monotonic() + timeout
        while True:
            try:
                reply = control.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise RuntimeError(f"no reply within {timeout} s") from None
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        content = reply["content"]
        if content.get("status") != "ok":
            # The traceback goes to this process's stderr: a worker's is its log file.
            print("\n".join(content.get("traceback", [])), file=sys.stderr, flush=True)
            raise RuntimeError(f"{content.get('ename')}: {content.get('evalue')}")

    def reset(self) -> bool:
        """Restore the snapshot; False when the kernel cannot (dead, hung, broken)."""
        from jupyter_core.utils import run_sync  # see _kernel_manager_class

        try:
            if not run_sync(self.km.is_alive)():
                return False
            self.run(f"__import__({__name__!r}, fromlist=['reset']).reset()", RESET_TIMEOUT_SECONDS)
            return True
        except Exception:
            return False

    def shutdown(self) -> None:
        from jupyter_core.utils import run_sync  # see _kernel_manager_class

        try:
            self.control.stop_channels()
            if self.km._shared is not None:
                self.km._shared.stop_all()
        finally:
            run_sync(self.km.shutdown_kernel)(now=True)
