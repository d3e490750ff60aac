"""A notebook's outputs again, for readers: right after a notebook ran, in its own kernel and
namespace, each chart and each table is kept once more in the forms a reader takes away — what
the notebook itself shows (a 1x PNG, a table cut at 50 characters a cell) is for the notebook,
not the page.

- a **chart** (a code cell whose output is an image): the figures the cell showed (kept by
  the kernel as the notebook ran: ``kernels.record_figures``; not drawn a second time), saved
  as SVG and as a 2x PNG, its title (the chart's message, for the alt text) and, as CSV, the
  table the chart drew (``display.CHART_TABLE``, where the chart counted or reshaped its
  input), else the one its function was given (the first DataFrame among the call's
  arguments);
- a **table** (a code cell that is one expression and whose result is a DataFrame): the
  expression evaluated again, its DataFrame's HTML with no cell cut short and the index's
  name in the one header row.

``collect`` runs in the build's worker (see ``execute.execute``) and sends ``replay`` to the
kernel; ``replay`` runs in the kernel (pandas and matplotlib are imported there, never in the
worker) and writes what it made into a folder, read back by ``collect`` and removed. Nothing
here changes the executed notebook: the page shows these, the download is the notebook as run.
Saved without dates or random ids (``metadata``, ``svg.hashsalt``), so two builds give the
same bytes.
"""

from __future__ import annotations

import ast
import base64
import json
import re
import shutil
import tempfile
from pathlib import Path

#: How much sharper the PNG download is than the notebook's own image.
PNG_SCALE = 2
RESULTS = "replayed.json"


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def _kinds(cell: dict) -> set[str]:
    kinds = set()
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if "image/png" in data or "image/svg+xml" in data:
            kinds.add("chart")
        elif output.get("output_type") == "execute_result" and "text/html" in data:
            kinds.add("table")
    return kinds


def _first_frame(tree: ast.Module, namespace: dict):
    """The first DataFrame among the arguments of the cell's last call: what the chart is
    drawn from (evaluated again, in the notebook's namespace: names, attributes, subscripts)."""
    import pandas as pd

    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    for call in calls[:1]:
        for argument in [*call.args, *(k.value for k in call.keywords)]:
            try:
                value = eval(compile(ast.Expression(argument), "<chart data>", "eval"), namespace)
            except Exception:
                continue
            if isinstance(value, pd.DataFrame):
                return value
    return None


def row_anchors(indicators: list[str], measures: list[str]) -> list[str]:
    """The stable anchor of each target row: its indicator's key (``gdp``), and where one
    indicator has several targets, the key and the measure (``industrial_investment-flow``).
    The index links to these (``site.scorecard_rows``), the pages carry them."""
    counts = {key: indicators.count(key) for key in indicators}
    return [
        key if counts[key] == 1 else f"{key}-{measure}"
        for key, measure in zip(indicators, measures, strict=True)
    ]


def _table_html(frame, source=None) -> str:
    """A DataFrame as HTML for readers: every cell whole, the index's name (when it has one)
    as the first column's header, so the table has one header row. A table made row for row
    from a frame of targets (``source``, with ``indicator`` and ``measure`` columns) gives
    each row its stable anchor (``row_anchors``)."""
    import pandas as pd

    shown = frame
    if frame.index.name is not None or any(frame.index.names):
        shown = frame.reset_index()
    with pd.option_context("display.max_colwidth", None):
        html = shown.to_html(index=False, border=0, classes="zz-data", na_rep="–", escape=True)
    if (
        source is not None
        and {"indicator", "measure"} <= set(source.columns)
        and len(source) == len(frame)
    ):
        ids = iter(row_anchors(list(source["indicator"]), list(source["measure"])))
        head, _, body = html.partition("<tbody>")
        # a verdict's row (a table of the scorecard, with results and outcomes) weighs more in
        # the search index: "GDP" finds the page that judges the GDP target
        weight = ' data-pagefind-weight="8"' if {"result", "outcome"} <= set(source.columns) else ""
        body = re.sub(r"<tr>", lambda _: f'<tr id="{next(ids)}"{weight}>', body)
        html = f"{head}<tbody>{body}"
    return html


def replay(executed: str, folder: str) -> None:
    """Save the figures the executed notebook's chart cells showed, and evaluate its table
    cells again in this kernel's namespace (the notebook's, as it ran); write the results
    into ``folder``: ``RESULTS`` maps a cell's index to its charts (files in ``folder``) or
    its table's HTML."""
    import matplotlib
    from IPython import get_ipython

    from zzreport.display import CHART_TABLE
    from zzreport.publish.kernels import forget_figures, shown_figures

    namespace = get_ipython().user_ns
    notebook = json.loads(Path(executed).read_text(encoding="utf-8"))
    folder_path, results = Path(folder), {}
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code":
            continue
        kinds, source = _kinds(cell), _source(cell)
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        if "chart" in kinds:
            given = _first_frame(tree, namespace)
            charts = []
            for figure in shown_figures(cell.get("execution_count")):
                table = getattr(figure, CHART_TABLE, given)
                stem = f"{index}-{len(charts)}"
                title = figure._suptitle.get_text() if figure._suptitle is not None else ""
                if not title:
                    title = next((ax.get_title() for ax in figure.axes if ax.get_title()), "")
                with matplotlib.rc_context({"svg.hashsalt": "zzreport", "svg.fonttype": "path"}):
                    figure.savefig(
                        folder_path / f"{stem}.svg",
                        format="svg",
                        bbox_inches="tight",
                        metadata={"Date": None, "Creator": None},
                    )
                figure.savefig(
                    folder_path / f"{stem}.png",
                    format="png",
                    dpi=figure.dpi * PNG_SCALE,
                    bbox_inches="tight",
                    metadata={"Software": None},
                )
                notes = [
                    " ".join(t.get_text().split())
                    for t in figure.texts
                    if t is not figure._suptitle and t.get_text().strip()
                ]
                chart = {"stem": stem, "title": " ".join(title.split()), "notes": notes}
                if table is not None:
                    (folder_path / f"{stem}.csv").write_text(
                        # ten significant digits: no floating-point noise (-0.40000000000000036)
                        table.to_csv(index=table.index.name is not None, float_format="%.10g"),
                        encoding="utf-8",
                    )
                    chart["csv"] = True
                charts.append(chart)
            results[str(index)] = {"charts": charts}
        elif "table" in kinds and len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr):
            import pandas as pd

            value = eval(compile(ast.Expression(tree.body[0].value), "<table>", "eval"), namespace)
            if isinstance(value, pd.DataFrame):
                results[str(index)] = {"table": _table_html(value, _first_frame(tree, namespace))}
    (folder_path / RESULTS).write_text(json.dumps(results, sort_keys=True), encoding="utf-8")
    forget_figures()


def collect(executed: Path, kernel, timeout: float) -> dict[str, dict]:
    """``replay`` in ``kernel`` (which has just run ``executed``), read back: a cell's index
    (as text) to ``{"charts": [{"title", "svg", "png", "csv"?}]}`` (the files' bytes, base64)
    or ``{"table": html}``."""
    folder = Path(tempfile.mkdtemp(prefix="zz-replay-"))
    try:
        kernel.run(
            f"__import__({__name__!r}, fromlist=['replay']).replay("
            f"{str(Path(executed).absolute())!r}, {str(folder)!r})",
            timeout,
        )
        results = json.loads((folder / RESULTS).read_text(encoding="utf-8"))
        for found in results.values():
            for chart in found.get("charts", []):
                for suffix in ("svg", "png") + (("csv",) if chart.pop("csv", False) else ()):
                    data = (folder / f"{chart['stem']}.{suffix}").read_bytes()
                    chart[suffix] = base64.b64encode(data).decode("ascii")
        return results
    finally:
        shutil.rmtree(folder, ignore_errors=True)
