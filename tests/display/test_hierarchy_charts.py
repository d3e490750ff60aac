"""Notebook 08's charts: image regression with pytest-mpl (under ``--mpl``, against baselines
in tests/display/baseline, generated with ``pytest --mpl-generate-path=tests/display/baseline
tests/display/test_hierarchy_charts.py``), real CJK glyphs, units, a caption, and titles whose
numbers are the facts' they state."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import pytest
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text

import zzreport
from zzreport.display import charts, hierarchy_charts
from zzreport.words import text

matplotlib.use("Agg")
MPL = {
    "style": "default",
    "tolerance": 2,
    "baseline_dir": "baseline",
    "savefig_kwargs": {"bbox_inches": "tight"},
}


@pytest.fixture(autouse=True)
def _close_figures():
    """Each test's figures are closed after it (matplotlib warns past twenty open)."""
    yield
    plt.close("all")


def chart_makers():
    return {
        "peer_targets": lambda lang: hierarchy_charts.peer_targets(zzreport.peer_scorecard(), lang),
        "premium_gaps": lambda lang: hierarchy_charts.premium_gaps(zzreport.premium_record(), lang),
    }


CHARTS = list(chart_makers())


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("chart", CHARTS)
@pytest.mark.mpl_image_compare(**MPL)
def test_chart_image(chart, lang):
    charts.use_house_style()
    return chart_makers()[chart](lang)


def texts(figure) -> list[str]:
    return [t.get_text() for t in figure.findobj(Text) if t.get_text().strip()]


@pytest.mark.parametrize("chart", CHARTS)
def test_every_glyph_is_in_a_shipped_font(chart) -> None:
    charts.use_house_style()
    figure = chart_makers()[chart]("zh")
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
def test_units_and_caption(chart) -> None:
    charts.use_house_style()
    figure = chart_makers()[chart]("en")
    labels = [ax.get_xlabel() + ax.get_ylabel() for ax in figure.axes]
    labels.append(figure._supylabel.get_text() if figure._supylabel else "")
    assert all("%" in label or "percentage points" in label for label in labels if label)
    assert any(label for label in labels)
    assert any(t.startswith("Sources:") for t in texts(figure))


def test_the_peer_title_states_the_facts() -> None:
    charts.use_house_style()
    facts = zzreport.peer_facts()
    title = hierarchy_charts.peer_targets(zzreport.peer_scorecard(), "en")._suptitle.get_text()
    assert f"of the {facts.n_targets} central cities on record" in title
    assert f"{len(facts.peers_missed)} of {len(facts.peers_judged)} peers" in title
    assert ("highest" in title) == (facts.target_rank == 1)


def test_the_premium_title_states_the_means_it_reads() -> None:
    charts.use_house_style()
    facts = zzreport.amplification_facts()
    title = hierarchy_charts.premium_gaps(zzreport.premium_record(), "en")._suptitle.get_text()
    readings = {w.reading for w in facts.windows if w.pandemic_in}
    joint = "more than" if readings == {"asks_more"} else "against"
    for window in facts.windows:
        if window.pandemic_in:
            shown = f"{text.points(window.excess, 'en', 2)} {joint} {text.geo(window.other, 'en')}"
            assert shown in title
            assert f"({window.n} years)" in title
    assert ("missed its own GDP target by more" in title) == (readings == {"asks_more"})


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", ["peer_targets", "premium_gaps"])
def test_the_legend_covers_no_data(name, lang) -> None:
    """A legend inside the plot hid the top rows of the peer chart (Zhengzhou's own result):
    each legend sits outside every axes' plotting area."""
    charts.use_house_style()
    fig = chart_makers()[name](lang)
    fig.canvas.draw()
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    assert legends
    for legend in legends:
        box = legend.get_window_extent()
        for ax in fig.axes:
            assert not box.overlaps(ax.get_window_extent()), (name, ax.get_title())
