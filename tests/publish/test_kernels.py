"""The warm kernels' reset, and each private part of another library it (or the speed layer
around it) leans on: every such touch has a test here that fails when the library changes
what it does, not only when the name disappears.

A real warm kernel, too: after a neighbour that deliberately changes everything the reset
claims to restore, the kernel looks as it did before the neighbour ran.
"""

from __future__ import annotations

import functools
import json
import re
import signal
import sys
import types
import warnings

import matplotlib
import matplotlib.colors
import pandas as pd
import pytest
import seaborn as sns
from matplotlib_inline import backend_inline

from tests.conftest import SharedBuildScheduler
from zzreport.publish import kernels
from zzreport.publish.notebooks import notebook_paths
from zzreport.words import text

# --- pandas: _registered_options, _deprecated_options ---------------------------------------


def _public_options(node, prefix: str = "") -> set[str]:
    """Every option ``pd.options`` shows, found through the public attribute tree."""
    found = set()
    for name in dir(node):
        child = getattr(node, name)
        if type(child).__name__ == "DictWrapper":
            found |= _public_options(child, f"{prefix}{name}.")
        else:
            found.add(f"{prefix}{name}")
    return found


def test_the_snapshot_holds_every_pandas_option() -> None:
    """The snapshot reads pandas' private ``_registered_options`` (less its
    ``_deprecated_options``): it must list exactly the options pandas shows in public."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        public = _public_options(pd.options)
        taken = kernels._pandas_options()
    assert set(taken) == public - set(pd._config.config._deprecated_options)
    assert taken["display.max_rows"] == pd.get_option("display.max_rows")


# --- matplotlib: _colors_full_map, RcParams._update_raw -------------------------------------


def test_named_colours_come_back_and_their_conversions_with_them() -> None:
    """``sns.set_color_codes`` redefines "b" in the private ``_colors_full_map``; matplotlib
    caches conversions in it. After the reset "b" converts as before, cache or not."""
    saved = dict(matplotlib.colors._colors_full_map)
    before = matplotlib.colors.to_rgba("b")
    try:
        sns.set_color_codes("muted")
        muted = matplotlib.colors.to_rgba("b")  # now cached under the notebook's colours
        assert muted != before, "seaborn no longer changes the named colours: drop the restore"
        kernels._restore_colours(saved)
        assert matplotlib.colors.to_rgba("b") == before
        assert dict(matplotlib.colors._colors_full_map) == saved
    finally:
        kernels._restore_colours(saved)


def test_rcparams_come_back_unvalidated_but_whole() -> None:
    """``RcParams._update_raw`` (private) puts the snapshot's values back without validating
    them again: afterwards the public view is the one before, value for value."""
    before = matplotlib.rcParams.copy()
    saved = {key: value for key, value in dict.items(matplotlib.rcParams)}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sns.set_theme(style="dark", font_scale=2)
        matplotlib.rcParams["figure.dpi"] = 33
        assert matplotlib.rcParams.copy() != before
        kernels._restore_rc(saved)
        assert matplotlib.rcParams.copy() == before
        assert matplotlib.rcParams["figure.dpi"] == before["figure.dpi"]
    finally:
        kernels._restore_rc(saved)


# --- matplotlib_inline: show._to_draw, show._draw_called ------------------------------------


def test_the_inline_backend_keeps_its_queue_where_the_reset_empties_it() -> None:
    """The reset empties ``backend_inline.show._to_draw`` and ``_draw_called``: the inline
    backend must still queue figures there and read them there after each cell."""
    saved = (backend_inline.show._to_draw, backend_inline.show._draw_called)
    try:
        backend_inline.show._to_draw = [object()]
        backend_inline.show._draw_called = True
        backend_inline.flush_figures()  # what the backend runs after each cell
        assert backend_inline.show._to_draw == [] and backend_inline.show._draw_called is False
        backend_inline.show._to_draw, backend_inline.show._draw_called = [object()], True
        kernels._empty_inline_queue()
        assert backend_inline.show._to_draw == [] and backend_inline.show._draw_called is False
    finally:
        backend_inline.show._to_draw, backend_inline.show._draw_called = saved


# --- the standard library: warnings._filters_mutated, functools._lru_cache_wrapper ---------


def _warn() -> None:
    warnings.warn("zzreport test warning", UserWarning, stacklevel=1)


def test_restored_warning_filters_take_effect_at_once() -> None:
    """A warning shown once under "default" is remembered in its module's registry; filters
    assigned back by slice (as the reset does) count only once ``_filters_mutated`` (private)
    invalidates the registries."""
    saved = list(warnings.filters)
    try:
        warnings.simplefilter("default")
        with warnings.catch_warnings(record=True) as first:
            warnings.simplefilter("default")
            _warn()
            _warn()
        assert len(first) == 1
        with warnings.catch_warnings(record=True) as seen:
            warnings.filters[:] = [("always", None, UserWarning, None, 0)]
            _warn()
            stale = len(seen)
            kernels._restore_warnings([("always", None, UserWarning, None, 0)])
            _warn()
        assert len(seen) == stale + 1
    finally:
        kernels._restore_warnings(saved)


def test_the_package_caches_are_found_by_their_type() -> None:
    """The reset finds the package's caches by the private type ``functools.cache`` and
    ``lru_cache`` give them, and empties them with ``cache_clear``."""
    text.words()
    assert isinstance(text.words, functools._lru_cache_wrapper)  # a @cache of the package
    assert text.words.cache_info().currsize == 1
    text.words.cache_clear()
    assert text.words.cache_info().currsize == 0


def test_an_imported_submodule_is_not_a_change() -> None:
    """Importing ``zzreport.findings.scorecard`` binds ``scorecard`` in ``zzreport.findings``:
    the import system's doing, which must neither count as a notebook's change (that would
    empty the memo after every notebook) nor be undone."""
    import zzreport.findings
    import zzreport.findings.scorecard

    assert kernels._is_submodule("zzreport.findings", "scorecard", zzreport.findings.scorecard)
    assert not kernels._is_submodule("zzreport.findings", "verdicts", zzreport.findings.scorecard)
    assert not kernels._is_submodule("zzreport", "outcomes", types.ModuleType("outcomes"))


# --- pytest-xdist: LoadScopeScheduling._split_scope ------------------------------------------


class _Node:
    def __init__(self, name: str) -> None:
        self.gateway = types.SimpleNamespace(id=name)
        self.sent: list[list[int]] = []

    shutting_down = False

    def send_runtest_some(self, indexes: list[int]) -> None:
        self.sent.append(indexes)

    def shutdown(self) -> None:
        pass


def test_xdist_schedules_by_our_groups() -> None:
    """tests/conftest.py overrides xdist's private ``_split_scope`` so that the files sharing
    the session builds run on one test worker: xdist must still group by it."""
    option = types.SimpleNamespace(tx=["2*popen"], loadscopereorder=True)
    config = types.SimpleNamespace(option=option, getvalue=lambda name: getattr(option, name))
    scheduler = SharedBuildScheduler().pytest_xdist_make_scheduler(config, None)
    collection = [
        "tests/publish/test_build.py::a",
        "tests/test_units.py::b",
        "tests/publish/test_site.py::c",
        "tests/test_notebooks.py::d",
        "tests/test_units.py::e",
    ]
    nodes = [_Node("gw0"), _Node("gw1")]
    for node in nodes:
        scheduler.add_node(node)
        scheduler.add_node_collection(node, collection)
    scheduler.schedule()
    sent = sorted(sorted(index for batch in node.sent for index in batch) for node in nodes)
    assert sent == [[0, 2, 3], [1, 4]]  # the session builds' files together, each other apart
    assert config.option.loadscopereorder is False  # the collection's order, not xdist's


# --- a real warm kernel after a neighbour that changes everything ---------------------------

#: What a notebook could change that a later notebook's outputs could show.
NEIGHBOUR = """
import os, sys, warnings
import matplotlib, matplotlib.colors, matplotlib.pyplot as plt
import numpy as np, pandas as pd, seaborn as sns
import zzreport.findings.verdicts as verdicts
import zzreport.publish.params as params
sns.set_theme(style="dark", font_scale=1.7)
sns.set_color_codes("muted"); matplotlib.colors.to_rgba("b")
plt.rcParams["figure.dpi"] = 33
pd.set_option("display.max_rows", 3); pd.set_option("display.precision", 1)
np.set_printoptions(precision=1); np.seterr(all="raise")
warnings.simplefilter("ignore")
os.environ["ZZREPORT_NEIGHBOUR"] = "1"; os.chdir("/"); sys.path.append("/nowhere")
get_ipython().display_formatter.formatters["text/plain"].for_type(zip, lambda *a: None)
verdicts.ABOUT_TOLERANCE_PP = 9.0
params.VALIDATORS["colour"] = print
from matplotlib_inline import backend_inline
plt.ioff(); backend_inline.show._to_draw.append(plt.figure())  # a figure left open and queued
leftover = 42
"""

#: What the next notebook would see, written to ``{out}`` as JSON.
PROBE = """
import json, os, sys, warnings
import matplotlib, matplotlib.colors, matplotlib.pyplot as plt
import numpy as np, pandas as pd
import zzreport.findings.verdicts as verdicts
import zzreport.publish.params as params
from matplotlib_inline import backend_inline
shell = get_ipython()
seen = {{
    "rc": {{k: repr(v) for k, v in sorted(matplotlib.rcParams.items())}},
    "b": matplotlib.colors.to_rgba("b"),
    "pandas": [pd.get_option("display.max_rows"), pd.get_option("display.precision")],
    "numpy": [np.get_printoptions()["precision"], np.geterr()],
    "warnings": [repr(f) for f in warnings.filters],
    "env": os.environ.get("ZZREPORT_NEIGHBOUR"), "cwd": os.getcwd(), "path": sys.path,
    "printers": len(shell.display_formatter.formatters["text/plain"].type_printers),
    "tolerance": verdicts.ABOUT_TOLERANCE_PP, "validators": sorted(params.VALIDATORS),
    "figures": plt.get_fignums(), "interactive": plt.isinteractive(),
    "queued": len(backend_inline.show._to_draw), "leftover": "leftover" in shell.user_ns,
    "count": shell.execution_count,
}}
open({out!r}, "w").write(json.dumps(seen, default=repr))
"""


@pytest.mark.slow
def test_after_a_state_changing_neighbour_the_kernel_is_as_before(tmp_path) -> None:
    kernel = kernels.Kernel(tmp_path, warm=True)
    try:
        kernel.run(PROBE.format(out=str(tmp_path / "before.json")), 60)
        assert kernel.reset()
        kernel.run(NEIGHBOUR, 60)
        kernel.run(PROBE.format(out=str(tmp_path / "changed.json")), 60)
        assert kernel.reset()
        kernel.run(PROBE.format(out=str(tmp_path / "after.json")), 60)
        # (this kernel, started here, also shows it has its lifeline: PR_GET_PDEATHSIG is 2)
        kernel.run(LIFELINE_PROBE.format(out=str(tmp_path / "lifeline.txt")), 60)
    finally:
        kernel.shutdown()
    before, changed, after = (
        json.loads((tmp_path / f"{name}.json").read_text())
        for name in ("before", "changed", "after")
    )
    assert {key for key in before if before[key] != changed[key]} == set(before) - {"count"}, (
        "the neighbour must change everything the probe looks at"
    )
    assert after == before
    if sys.platform.startswith("linux"):  # the kernel dies with the process that started it
        assert (tmp_path / "lifeline.txt").read_text() == str(int(signal.SIGKILL))


LIFELINE_PROBE = """
import ctypes
signal_number = ctypes.c_int()
ctypes.CDLL(None).prctl(2, ctypes.byref(signal_number))
open({out!r}, "w").write(str(signal_number.value))
"""


def test_every_module_a_notebook_imports_is_in_the_snapshot() -> None:
    """``prepare`` imports the package's modules before the snapshot; one a notebook imports
    that it missed would keep whatever a notebook changed in it."""
    imported = set()
    for path in notebook_paths():
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"]) if cell["cell_type"] == "code" else ""
            for package, names in re.findall(
                r"^from (zzreport[\w.]*) import ([\w, ]+)", source, re.M
            ):
                imported |= {f"{package}.{name.strip()}" for name in names.split(",")}
    assert imported and imported <= set(kernels._kernel_modules())
