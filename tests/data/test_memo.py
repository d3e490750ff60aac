"""zzreport.data.memo: results derived from the data, kept across a warm kernel's notebooks — off
outside warm kernels, keyed on the data files, copies out, forgotten when a notebook changes
the package — and the warm kernel's reset, which decides when to forget them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests.helpers import assert_caller_cannot_corrupt
from zzreport.data import memo, paths
from zzreport.findings.scorecard import scorecard


@pytest.fixture
def memoising(monkeypatch):
    """Memoising switched on for one test (as in a warm kernel), and nothing kept after it."""
    monkeypatch.setattr(memo, "_enabled", True)
    memo.forget()
    yield
    memo.forget()


def counting(calls: list[int]):
    @memo.on_data
    def derived(scale: float = 1.0) -> pd.DataFrame:
        calls.append(1)
        return pd.DataFrame({"value": [1.0 * scale, 2.0 * scale]})

    return derived


def test_off_unless_switched_on() -> None:
    assert not memo.enabled()  # the test process is not a warm kernel
    calls: list[int] = []
    derived = counting(calls)
    derived()
    derived()
    assert len(calls) == 2


def test_one_computation_per_arguments_and_data_version(memoising) -> None:
    calls: list[int] = []
    derived = counting(calls)
    pd.testing.assert_frame_equal(derived(), derived())
    assert len(calls) == 1
    derived(2.0)
    assert len(calls) == 2


def test_a_caller_cannot_corrupt_a_kept_result(memoising) -> None:
    assert_caller_cannot_corrupt(scorecard)


def test_an_edit_inside_a_cell_of_a_kept_result_does_not_reach_the_next_caller(memoising) -> None:
    """The scorecard's ``alternatives`` cells hold dicts: a deep copy of a frame would share
    them."""
    card = scorecard()
    holders = [i for i, cell in card["alternatives"].items() if isinstance(cell, tuple) and cell]
    assert holders, "the scorecard has no alternatives to edit"
    original = card.at[holders[0], "alternatives"][0]["value"]
    card.at[holders[0], "alternatives"][0]["value"] = -999.0
    assert scorecard().at[holders[0], "alternatives"][0]["value"] == original


def test_a_kept_result_is_what_a_fresh_computation_gives(memoising, monkeypatch) -> None:
    kept = scorecard()
    monkeypatch.setattr(memo, "_enabled", False)
    pd.testing.assert_frame_equal(kept, scorecard())


def test_an_argument_that_cannot_be_hashed_is_computed_each_time(memoising) -> None:
    calls: list[int] = []

    @memo.on_data
    def total(values: list[float]) -> float:
        calls.append(1)
        return sum(values)

    assert total([1.0, 2.0]) == total([1.0, 2.0]) == 3.0
    assert len(calls) == 2


@pytest.mark.parametrize("changed", ["INDICATORS_CSV", "EXTERNAL_CSV", "DATAPACKAGE"])
def test_a_changed_data_file_is_a_new_key(memoising, monkeypatch, tmp_path, changed) -> None:
    copy = Path(shutil.copyfile(getattr(paths, changed), tmp_path / "copy"))
    monkeypatch.setattr(paths, changed, copy)
    calls: list[int] = []
    derived = counting(calls)
    derived()
    with copy.open("a", encoding="utf-8") as handle:
        handle.write("\n")
    derived()
    assert len(calls) == 2
    os.utime(copy, ns=(0, 0))  # the same size, another time: another version too
    derived()
    assert len(calls) == 3


def test_forget_drops_results_and_kept_caches(memoising) -> None:
    calls: list[int] = []
    derived = counting(calls)
    derived()
    memo.forget()
    derived()
    assert len(calls) == 2

    from zzreport.data import load

    load.load_indicators()
    assert load._load_cached.cache_info().currsize > 0
    memo.forget()
    assert load._load_cached.cache_info().currsize == 0


# --- the warm kernel's reset ------------------------------------------------------------------


@pytest.mark.slow
def test_reset_keeps_results_unless_a_notebook_changed_the_package(tmp_path) -> None:
    """In a real warm kernel: a result survives a reset, an edit of a returned frame does not
    reach the next notebook, and a notebook that rebinds a package constant makes the reset
    forget every result (and restore the constant). And plt.ioff()/plt.ion() work although the
    kernel dropped pyplot's pre-draw hook, which the reset drops again."""
    from zzreport.findings import verdicts
    from zzreport.publish.kernels import Kernel

    kernel = Kernel(tmp_path, warm=True)
    try:
        kernel.run(
            "import zzreport.data.memo as m, zzreport.findings.scorecard as o\n"
            "assert m.enabled()\n"
            "card = o.scorecard(); card['result'] = 'edited'\n",
            60,
        )
        assert kernel.reset()
        kernel.run(
            "import zzreport.data.memo as m, zzreport.findings.scorecard as o\n"
            "assert any(m._stores), 'the results should survive the reset'\n"
            "assert (o.scorecard()['result'] != 'edited').all()\n",
            60,
        )
        assert kernel.reset()
        kernel.run("import zzreport.findings.verdicts as v\nv.ABOUT_TOLERANCE_PP = 9.0\n", 30)
        assert kernel.reset()
        kernel.run(
            "import zzreport.data.memo as m, zzreport.findings.verdicts as v\n"
            "assert not any(m._stores), 'a changed constant must empty the memo'\n"
            f"assert v.ABOUT_TOLERANCE_PP == {verdicts.ABOUT_TOLERANCE_PP!r}\n",
            30,
        )
        # The pre-draw hook the warm kernel drops: pyplot's own switches still work.
        kernel.run("import matplotlib.pyplot as plt\nwith plt.ioff():\n    pass\nplt.ion()\n", 30)
        assert kernel.reset()
        kernel.run(
            "import matplotlib.pyplot as plt\n"
            "assert plt._REPL_DISPLAYHOOK is plt._ReplDisplayHook.NONE\n",
            30,
        )
    finally:
        kernel.shutdown()
