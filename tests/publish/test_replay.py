"""The charts and tables kept for a notebook's page, in a real kernel: the figures the
notebook showed (not a second drawing of them), in the order it showed them, with the table
they were drawn from; and a table cell's whole DataFrame."""

from __future__ import annotations

import base64
import io

import nbformat
import pandas as pd
import pytest

from zzreport.publish import replay
from zzreport.publish.execute import run_notebook
from zzreport.publish.kernels import Kernel
from zzreport.publish.plan import Job

CELLS = [
    "import matplotlib.pyplot as plt\nimport pandas as pd\ndrawings = 0\n"
    "frame = pd.DataFrame({'x': [1, 2, 3], 'y': [2.5, 4.0, 3.25]})",
    # each drawing is numbered: a page that drew the chart again would say "drawing 2"
    "def chart(frame):\n"
    "    global drawings\n"
    "    drawings += 1\n"
    "    fig, ax = plt.subplots()\n"
    "    ax.plot(frame['x'], frame['y'])\n"
    "    ax.set_title(f'drawing {drawings}')",
    "chart(frame)",
    "plt.figure()\nplt.title('first')\nplt.figure()\nplt.title('second')",
    "frame",
    "print('no chart here')",
    # a chart that keeps the table it drew (display.CHART_TABLE) offers that, not its input
    "chart(frame)\nkept = plt.figure()\nplt.title('kept')\n"
    "kept.zz_table = pd.DataFrame({'n': [7]}, index=pd.Index(['a'], name='k'))",
]


@pytest.fixture(scope="module")
def replayed(tmp_path_factory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("replay")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    source = folder / "made-up.ipynb"
    nbformat.write(notebook, source)
    kernel = Kernel(folder, warm=False)
    try:
        target = folder / "executed.ipynb"
        assert run_notebook(Job(source, "made-up", {}), target, kernel) is None
        found = replay.collect(target, kernel, 60)
        again = replay.collect(target, kernel, 60)
    finally:
        kernel.shutdown()
    return {"first": found, "again": again}


def test_a_chart_is_the_figure_the_notebook_showed_with_its_data(replayed) -> None:
    (chart,) = replayed["first"]["2"]["charts"]
    assert chart["title"] == "drawing 1"
    expected = pd.DataFrame({"x": [1, 2, 3], "y": [2.5, 4.0, 3.25]}).to_csv(
        index=False, float_format="%.10g"
    )
    assert base64.b64decode(chart["csv"]).decode("utf-8") == expected
    assert base64.b64decode(chart["svg"]).startswith(b"<?xml")
    assert base64.b64decode(chart["png"]).startswith(b"\x89PNG")


def test_the_png_download_is_twice_as_sharp_as_the_notebooks_image(replayed, tmp_path) -> None:
    from PIL import Image  # (matplotlib's dependency)

    (chart,) = replayed["first"]["2"]["charts"]
    download = Image.open(io.BytesIO(base64.b64decode(chart["png"])))
    # the figure's default 6.4 x 4.8 in at 100 dpi, trimmed to its drawing ("tight")
    assert 1.5 * 480 < download.size[1] <= 2 * 480
    assert 1.5 * 640 < download.size[0] <= 2 * 640


def test_several_figures_of_one_cell_keep_the_order_they_were_shown_in(replayed) -> None:
    assert [c["title"] for c in replayed["first"]["3"]["charts"]] == ["first", "second"]
    assert [c["stem"] for c in replayed["first"]["3"]["charts"]] == ["3-0", "3-1"]


def test_a_table_cell_gives_its_whole_dataframe(replayed) -> None:
    table = replayed["first"]["4"]["table"]
    assert "<th>x</th>" in table and "3.25" in table
    assert set(replayed["first"]) == {"2", "3", "4", "6"}


def test_a_chart_that_kept_the_table_it_drew_offers_that_one(replayed) -> None:
    drawn, kept = replayed["first"]["6"]["charts"]
    assert kept["title"] == "kept"
    assert base64.b64decode(kept["csv"]).decode("utf-8") == "k,n\na,7\n"
    # the cell's other figure keeps nothing: its download is the table its call was given
    assert base64.b64decode(drawn["csv"]).decode("utf-8").startswith("x,y\n")


def test_the_figures_are_let_go_once_saved(replayed) -> None:
    """A second replay finds the chart cells but no figures: the kernel holds none after the
    first (a warm kernel runs many notebooks)."""
    assert replayed["again"]["2"] == {"charts": []}
    assert replayed["again"]["4"] == replayed["first"]["4"]
