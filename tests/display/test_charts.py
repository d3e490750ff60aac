"""Charts: image regression with pytest-mpl, real CJK glyphs, titles, units and captions.

Image comparisons run under ``make test`` (``--mpl``) against baselines in tests/display/baseline,
generated with ``pytest --mpl-generate-path=tests/display/baseline tests/display/test_charts.py``. Tolerance: an
RMS difference of 2 (on a 0–255 scale) absorbs anti-aliasing noise but not a moved bar or a
changed label.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path

import matplotlib
import pytest
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text

import zzreport
from zzreport.display import charts, record_charts
from zzreport.findings.hierarchy import gdp_history
from zzreport.findings.scorecard import scorecard

matplotlib.use("Agg")
MPL = {
    "style": "default",
    "tolerance": 2,
    "baseline_dir": "baseline",
    "savefig_kwargs": {"bbox_inches": "tight"},
}


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every figure a test drew: pyplot warns past twenty open figures."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@functools.cache
def chart_inputs() -> dict[str, object]:
    """What each chart is drawn from, computed once for the module: a chart only formats its
    findings, and each test gets its own copy (``draw``)."""
    frame = zzreport.load_indicators()
    return {
        "figures_per_theme": frame,
        "growth_targets": zzreport.headline_targets(),
        "change_by_indicator": zzreport.target_pairs(),
        "backcast_series": zzreport.backcast(),
        "baseline_gaps": zzreport.required_growth(),
        "momentum_margins": zzreport.momentum_scenario(),
        "theme_mix": frame,
        "scorecard_margins": scorecard(),
        "gdp_record": gdp_history(),
        "record_panels": zzreport.track_record(),
    }


MAKERS = {
    "figures_per_theme": charts.figures_per_theme,
    "growth_targets": charts.growth_targets,
    "change_by_indicator": charts.change_by_indicator,
    "backcast_series": charts.backcast_series,
    "baseline_gaps": charts.baseline_gaps,
    "momentum_margins": charts.momentum_margins,
    "theme_mix": lambda frame, lang: charts.theme_mix(frame, "innovation", lang),
    "scorecard_margins": charts.scorecard_margins,
    "gdp_record": record_charts.gdp_record,
    "record_panels": record_charts.record_panels,
}
CHARTS = list(MAKERS)


def draw(chart: str, lang: str):
    """A new figure of ``chart`` in ``lang``, in the house style."""
    charts.use_house_style()
    return MAKERS[chart](copy.deepcopy(chart_inputs()[chart]), lang)


@functools.cache
def drawn(chart: str, lang: str):
    """``draw``, once per chart and language, for the tests that only read a figure's texts
    (closed after the first test, a figure still holds them)."""
    return draw(chart, lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("chart", CHARTS)
@pytest.mark.mpl_image_compare(**MPL)
def test_chart_image(chart, lang):
    return draw(chart, lang)


def texts(figure) -> list[str]:
    return [t.get_text() for t in figure.findobj(Text) if t.get_text().strip()]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("chart", CHARTS)
def test_no_placeholder_is_left_unfilled(chart, lang) -> None:
    """A word with {placeholders} read as a label shows its braces: never on a chart."""
    shown = texts(drawn(chart, lang))
    assert [t for t in shown if "{" in t or "}" in t] == []


@pytest.mark.parametrize("chart", CHARTS)
def test_every_glyph_is_in_a_shipped_font(chart) -> None:
    """No box ever: each character of a Chinese chart is in DejaVu Sans or Noto Sans SC."""
    figure = drawn(chart, "zh")
    latin = FT2Font(matplotlib.font_manager.findfont(charts.LATIN_FAMILY)).get_charmap()
    cjk = FT2Font(charts.cjk_font_path()).get_charmap()
    missing = {
        c
        for s in texts(figure)
        for c in s
        if ord(c) not in latin and ord(c) not in cjk and not c.isspace()
    }
    assert missing == set()
    assert any("\u4e00" <= c <= "\u9fff" for s in texts(figure) for c in s)


@pytest.mark.parametrize("chart", CHARTS)
def test_title_units_and_caption(chart) -> None:
    figure = drawn(chart, "en")
    assert figure._suptitle is not None and len(figure._suptitle.get_text()) > 15
    axis_labels = [ax.get_xlabel() + ax.get_ylabel() for ax in figure.axes]
    assert all(
        ("%" in label or "count" in label or "Index" in label or "points" in label)
        for label in axis_labels
    )
    assert any(t.startswith(("Source:", "Sources:")) for t in texts(figure))


def test_chinese_font_comes_from_the_pinned_package_not_matplotlib() -> None:
    path = Path(charts.cjk_font_path())
    assert path.exists() and "pylopdf_fonts_zh_cn" in path.parts
    assert Path(matplotlib.get_data_path()) not in path.parents
    charts.use_house_style()
    assert charts.cjk_family() in matplotlib.rcParams["font.family"]


def test_rendering_chinese_emits_no_warning(recwarn) -> None:
    # pytest turns warnings into errors (pyproject), and this records any that slip through.
    figure = draw("figures_per_theme", "zh")
    figure.canvas.draw()
    assert [str(w.message) for w in recwarn] == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_count_chart_keeps_the_counts_it_plotted_for_its_download(lang) -> None:
    """The page's CSV of a count chart is what the bars show, not the 137-row data set the
    chart was given: one row per bar label, results and targets counted."""
    from zzreport.display import CHART_TABLE
    from zzreport.words import text

    frame = zzreport.load_indicators()
    every = getattr(charts.figures_per_theme(frame.copy(), lang), CHART_TABLE)
    assert len(every) == frame["section"].nunique()
    assert int(every.to_numpy().sum()) == int(frame["status"].isin(["actual", "target"]).sum())
    theme = frame["section"].iloc[0]
    one = getattr(charts.theme_mix(frame.copy(), theme, lang), CHART_TABLE)
    part = frame[frame["section"] == theme]
    assert int(one.to_numpy().sum()) == int(part["status"].isin(["actual", "target"]).sum())
    assert one.index.name == text.label("measure", lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("chart", CHARTS)
def test_no_legend_covers_a_drawn_point(chart, lang) -> None:
    """A legend may sit inside a plot only where it covers none of the plotted points (the
    peer chart's legend once hid Zhengzhou's own result)."""
    fig = draw(chart, lang)
    fig.canvas.draw()
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None:
            continue
        box = legend.get_window_extent()
        covered = [
            (x, y)
            for line in ax.get_lines()
            for x, y in ax.transData.transform(line.get_xydata())
            if box.contains(x, y)
        ]
        covered += [
            (x, y)
            for collection in ax.collections
            for x, y in collection.get_offset_transform().transform(collection.get_offsets())
            if box.contains(x, y)
        ]
        assert covered == [], f"{chart}: the legend covers {len(covered)} points"
