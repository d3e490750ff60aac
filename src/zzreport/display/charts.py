"""Charts in the house style, in English or Chinese.

``use_house_style()`` is the one call that sets the look (seaborn theme, palette, sizes) and
registers Noto Sans SC, shipped by the pinned ``pylopdf-fonts-zh-cn`` package under the SIL Open
Font License, as the fallback for Chinese glyphs. Every chart has a title that states its message
(computed from the data), units on its axes and the source in a caption; each returns its Figure.
"""

from __future__ import annotations

import math

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from zzreport.data.schema import SECTIONS
from zzreport.display import CHART_TABLE
from zzreport.findings.feasibility import DIFFICULTY_ORDER, UNCLASSED, WIDE_BASE_YEARS
from zzreport.findings.frames import SIMILAR_BAND_PP
from zzreport.findings.momentum import scenario_facts
from zzreport.findings.pairs import increment_facts, yoy_facts
from zzreport.findings.scorecard import scorecard_facts
from zzreport.words import text

RESULT_COLOUR = "#3b6ea5"
TARGET_COLOUR = "#e07b39"
NEUTRAL_COLOUR = "#9e9e9e"
DERIVED_COLOUR = "#8fb3d9"
PALETTE = [RESULT_COLOUR, TARGET_COLOUR, "#5a9e6f", "#b5525c", NEUTRAL_COLOUR]
LATIN_FAMILY = "DejaVu Sans"
FIGURE_SIZE = (8.0, 4.6)


def cjk_font_path() -> str:
    """Path of the Simplified Chinese font file shipped by the pinned dependency."""
    from pylopdf_fonts_zh_cn import sans_path

    return str(sans_path())


def cjk_family() -> str:
    """Register the Chinese font with matplotlib (once) and return its family name."""
    path = cjk_font_path()
    if not any(entry.fname == path for entry in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


def use_house_style() -> None:
    """Apply the project's look to every chart and table that follows (call once per
    notebook): tables show their notes whole, never cut with "…"."""
    pd.set_option("display.max_colwidth", None)
    sns.set_theme(style="whitegrid", palette=PALETTE, context="notebook")
    cjk = cjk_family()
    matplotlib.rcParams.update(
        {
            # DejaVu Sans draws Latin text; matplotlib falls back to Noto Sans SC for CJK glyphs.
            # Fallback works across the families listed in font.family itself (not through the
            # generic "sans-serif" alias), so both are named there.
            "font.family": [LATIN_FAMILY, cjk],
            "font.sans-serif": [LATIN_FAMILY, cjk],
            "axes.unicode_minus": False,
            "axes.titlesize": 13,
            # Noto Sans SC ships in one weight; asking for bold makes matplotlib log a warning.
            "axes.titleweight": "normal",
            "axes.titlelocation": "left",
            "axes.labelsize": 10,
            "xtick.labelsize": 9,
            "ytick.labelsize": 9,
            "legend.fontsize": 9,
            "legend.frameon": False,
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "figure.figsize": FIGURE_SIZE,
        }
    )


def _finish(
    fig: Figure,
    ax,
    title: str,
    lang: str,
    caption: str = "source",
    table: pd.DataFrame | None = None,
) -> Figure:
    if table is not None:
        setattr(fig, CHART_TABLE, table)
    # The title is the chart's message: aligned with the figure's left edge, not the axes',
    # so long category labels do not push it off the canvas.
    fig.suptitle(title, x=0.01, ha="left", fontsize=13)
    fig.text(
        0.0,
        -0.02,
        text.label(caption, lang),
        fontsize=7.5,
        color="#555555",
        ha="left",
        va="top",
        transform=fig.transFigure,
    )
    fig.tight_layout()
    return fig


def _counts_table(counts: pd.DataFrame, labels: list[str], by: str, lang: str) -> pd.DataFrame:
    """What a count chart plotted, as its download: one row per bar's label, the results and
    targets counted."""
    return pd.DataFrame(
        {
            text.label("results", lang): counts["actual"].astype(int).to_numpy(),
            text.label("targets", lang): counts["target"].astype(int).to_numpy(),
        },
        index=pd.Index(labels, name=text.label(by, lang)),
    )


def _names(frame: pd.DataFrame, lang: str) -> list[str]:
    return [text.short_name(row, lang) for _, row in frame.iterrows()]


# --- 01: what the report contains ----------------------------------------------------------


def figures_per_theme(frame: pd.DataFrame, lang: str = "en") -> Figure:
    """Stacked bars: how many 2023 results and 2024 targets each theme states."""
    counts = (
        frame.groupby(["section", "status"], observed=False)
        .size()
        .unstack("status")
        .reindex(list(SECTIONS))
        .fillna(0)
    )
    fig, ax = plt.subplots(figsize=(8, 4.2))
    labels = [text.section_name(s, lang) for s in counts.index]
    ax.barh(labels, counts["actual"], color=RESULT_COLOUR, label=text.label("results", lang))
    ax.barh(
        labels,
        counts["target"],
        left=counts["actual"],
        color=TARGET_COLOUR,
        label=text.label("targets", lang),
    )
    ax.invert_yaxis()
    ax.set_xlabel(text.label("axis_figures", lang))
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2)
    totals = counts.sum(axis=1).sort_values(ascending=False)
    top = [text.section_name(s, lang) for s in totals.index[:2]]
    title = text.phrase("title_figures_per_theme", lang, themes=text.join(top, lang))
    return _finish(fig, ax, title, lang, table=_counts_table(counts, labels, "section", lang))


# --- 02: headline growth targets -----------------------------------------------------------


def growth_targets(headline: pd.DataFrame, lang: str = "en") -> Figure:
    """Dumbbells: each headline rate's 2023 result and 2024 target."""
    data = headline[headline["actual"].notna() & headline["target"].notna()].iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.55 * len(data) + 1.6))
    names = _names(data, lang)
    y = np.arange(len(data))
    for i, (_, row) in enumerate(data.iterrows()):
        colour = {"asks_more": TARGET_COLOUR, "asks_less": RESULT_COLOUR}.get(
            row["direction"], NEUTRAL_COLOUR
        )
        ax.plot([row["actual"], row["target"]], [i, i], color=colour, lw=2.5, alpha=0.6)
    ax.scatter(
        data["actual"], y, color=RESULT_COLOUR, s=60, zorder=3, label=text.label("actual", lang)
    )
    ax.scatter(
        data["target"],
        y,
        color=TARGET_COLOUR,
        s=60,
        zorder=3,
        marker="D",
        label=text.label("target", lang),
    )
    ax.set_yticks(y, names)
    ax.set_xlabel(text.label("axis_rate_or_share", lang))
    ax.legend(loc="lower right")
    less = int((data["direction"] == "asks_less").sum())
    more = int(data["direction"].isin(["asks_more", "raise"]).sum())
    similar = int(data["direction"].isin(["similar", "hold"]).sum())
    title = text.phrase("title_growth_targets", lang, more=more, less=less, similar=similar)
    return _finish(fig, ax, title, lang)


# --- 03: year over year --------------------------------------------------------------------


def change_by_indicator(pairs: pd.DataFrame, lang: str = "en", title: str | None = None) -> Figure:
    """Horizontal bars: % change from the 2023 result to the 2024 target, flows and stocks.

    Pairs that are not like for like are drawn grey and hatched.
    """
    data = pairs[pairs["measure"].isin(["flow", "stock"]) & pairs["change_pct"].notna()]
    data = data.sort_values("change_pct", kind="stable")
    fig, ax = plt.subplots(figsize=(8, 0.34 * len(data) + 1.6))
    colours = [
        (TARGET_COLOUR if c > 0 else RESULT_COLOUR) if ok else NEUTRAL_COLOUR
        for c, ok in zip(data["change_pct"], data["comparable"], strict=False)
    ]
    bars = ax.barh(_names(data, lang), data["change_pct"], color=colours)
    for bar, ok in zip(bars, data["comparable"], strict=False):
        if not ok:
            bar.set_hatch("///")
            bar.set_edgecolor("white")
    ax.axvline(0, color="#333333", lw=0.8)
    ax.set_xlabel(text.label("axis_change_to_target", lang))
    if title is None:  # the count is the finding's, computed once by yoy_facts
        facts = yoy_facts(pairs)
        title = text.phrase("title_change_by_indicator", lang, up=facts.up, n=facts.levels)
    return _finish(fig, ax, title, lang)


def backcast_series(series: pd.DataFrame, lang: str = "en") -> Figure:
    """Lines indexed to 2023 = 100: derived 2022, the 2023 result and the 2024 target."""
    data = series[series["target_2024"].notna()]
    fig, ax = plt.subplots(figsize=(8, 4.6))
    for _, row in data.iterrows():
        base = row["value_2023"]
        index = [row["value_2022"] / base * 100, 100.0, row["target_2024"] / base * 100]
        (line,) = ax.plot([2022, 2023], index[:2], ls="--", marker="o", alpha=0.8)
        ax.plot(
            [2023, 2024],
            index[1:],
            color=line.get_color(),
            marker="D",
            label=text.short_name(row, lang),
        )
    ax.set_xticks(
        [2022, 2023, 2024],
        [text.label(f"tick_{key}", lang) for key in ("derived_2022", "result_2023", "target_2024")],
    )
    ax.set_ylabel(text.label("axis_index_2023", lang))
    ax.legend(loc="upper left")
    facts = increment_facts(series)  # increments, not growth rates (see 04)
    title = text.phrase("title_backcast_series", lang, larger=facts.larger, n=facts.targets)
    return _finish(fig, ax, title, lang)


# --- 04: feasibility -----------------------------------------------------------------------


def baseline_gaps(required: pd.DataFrame, lang: str = "en") -> Figure:
    """Dots: each growth target beside its yardsticks — 2023's rate, the average of the base
    years where there is one, and the 2019–2023 average — so that a target's class can be read
    against each. The title counts the classes the table gives, with the same band."""
    data = required[
        (required["kind"] == "rate")
        & required["comparable"]
        & required["classification"].isin([*DIFFICULTY_ORDER, *UNCLASSED])
    ].iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.6 * len(data) + 1.8))
    y = np.arange(len(data))
    for i, (_, row) in enumerate(data.iterrows()):
        known = [
            v
            for v in (row["realised_growth"], row["baseline"], row["baseline_wide"])
            if not pd.isna(v)
        ]
        ax.plot(
            [min(known + [row["target"]]), max(known + [row["target"]])],
            [i, i],
            color=NEUTRAL_COLOUR,
            lw=1.5,
            alpha=0.5,
        )
    first, last = WIDE_BASE_YEARS[0], WIDE_BASE_YEARS[-1]
    for column, colour, marker, key in (
        ("baseline_wide", NEUTRAL_COLOUR, "o", "legend_wide_mean"),
        ("baseline", "#5a9e6f", "s", "legend_baseline_mean"),
        ("realised_growth", RESULT_COLOUR, "o", "actual"),
        ("target", TARGET_COLOUR, "D", "target"),
    ):
        if data[column].isna().all():
            continue  # no dot of this kind: no legend entry either
        ax.scatter(
            data[column],
            y,
            color=colour,
            s=55,
            zorder=3,
            marker=marker,
            label=text.phrase(key, lang, first=first, last=last),
        )
    ax.set_yticks(y, _names(data, lang))
    ax.axvline(0, color="#333333", lw=0.6)
    ax.set_xlabel(text.label("axis_growth", lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    above = int(data["classification"].isin(["above", "far_above"]).sum())
    unclassed = int(data["classification"].isin(UNCLASSED).sum())
    title = text.phrase(
        "title_baseline_gaps",
        lang,
        above=above,
        n=len(data),
        unclassed=unclassed,
        band=text.number(SIMILAR_BAND_PP, 1),
    )
    return _finish(fig, ax, title, lang)


def momentum_margins(scenario: pd.DataFrame, lang: str = "en") -> Figure:
    """Bars: by how much each projection clears (or misses) its 2024 target."""
    data = scenario[scenario["meets"].notna()].sort_values("margin_pct", kind="stable")
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(data) + 1.8))
    colours = [RESULT_COLOUR if met else TARGET_COLOUR for met in data["meets"]]
    ax.barh(_names(data, lang), data["margin_pct"], color=colours)
    ax.legend(
        handles=[
            Patch(color=RESULT_COLOUR, label=text.label("legend_meets", lang)),
            Patch(color=TARGET_COLOUR, label=text.label("legend_misses", lang)),
        ],
        loc="lower right",
        bbox_to_anchor=(1.0, 1.0),
        ncol=2,
    )
    ax.axvline(0, color="#333333", lw=0.8)
    ax.set_xlabel(text.label("axis_projection_margin", lang))
    facts = scenario_facts(scenario)
    title = text.phrase(
        "title_momentum_margins",
        lang,
        momentum=text.number(facts.momentum, 2),
        met=facts.meets,
        n=facts.with_target,
    )
    return _finish(fig, ax, title, lang)


# --- 05: one theme -------------------------------------------------------------------------


def theme_mix(frame: pd.DataFrame, theme: str, lang: str = "en") -> Figure:
    """Bars: a theme's figures by kind of measure, results against targets."""
    data = frame[frame["section"] == theme]
    counts = data.groupby(["measure", "status"], observed=False).size().unstack("status").fillna(0)
    fig, ax = plt.subplots(figsize=(8, 3.6))
    labels = [text.label(m, lang) for m in counts.index]
    y = np.arange(len(counts))
    ax.barh(
        y - 0.2,
        counts["actual"],
        height=0.4,
        color=RESULT_COLOUR,
        label=text.label("results", lang),
    )
    ax.barh(
        y + 0.2,
        counts["target"],
        height=0.4,
        color=TARGET_COLOUR,
        label=text.label("targets", lang),
    )
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlabel(text.label("axis_figures", lang))
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2)
    name = text.section_name(theme, lang)
    n_actual, n_target = int(counts["actual"].sum()), int(counts["target"].sum())
    title = text.phrase("title_theme_mix", lang, theme=name, n_actual=n_actual, n_target=n_target)
    return _finish(fig, ax, title, lang, table=_counts_table(counts, labels, "measure", lang))


# --- 06: outcomes ---------------------------------------------------------------------------

#: Colours of the verdicts in the scorecard chart.
VERDICT_COLOURS: dict[str, str] = {
    "met": RESULT_COLOUR,
    "missed": TARGET_COLOUR,
    "above_band": "#5a9e6f",
    "cannot_tell": NEUTRAL_COLOUR,
}
DERIVED_HATCH = "///"
BOUNDED_HATCH = "..."


def scorecard_margins(card: pd.DataFrame, lang: str = "en") -> Figure:
    """Bars: by how much each judged 2024 target was met or missed — rates in points on the
    left, levels in % on the right. A derived outcome's bar is hatched ///, an outcome stated as
    a floor or ceiling is dotted and its margin is only a bound, and where sources disagree each
    source's margin is a hollow diamond with no bar (no verdict). Labels carry the source grade
    when it is not official."""
    facts = scorecard_facts(card)
    shown = card[card["result"].isin([*VERDICT_COLOURS, "sources_disagree"])]
    panels = [(shown[shown["margin_unit"] == unit], unit) for unit in ("pp", "%")]
    panels = [(data, unit) for data, unit in panels if len(data)]
    fig, axes = plt.subplots(
        len(panels),
        1,
        figsize=(9, 0.42 * len(shown) + 1.6 * len(panels)),
        squeeze=False,
        height_ratios=[len(data) for data, _ in panels],
    )
    for ax, (data, unit) in zip(axes[:, 0], panels, strict=False):
        data = data.assign(_order=data["margin"].fillna(-math.inf)).sort_values(
            "_order", kind="stable"
        )
        for position, (_, row) in enumerate(data.iterrows()):
            if row["result"] == "sources_disagree":
                margins = [a["margin"] for a in row["alternatives"] if not pd.isna(a["margin"])]
                ax.scatter(
                    margins,
                    [position] * len(margins),
                    marker="D",
                    s=60,
                    facecolors="none",
                    edgecolors=NEUTRAL_COLOUR,
                    linewidths=1.5,
                    zorder=3,
                )
                continue
            hatch = (
                DERIVED_HATCH
                if row["outcome_basis"] == "derived"
                else BOUNDED_HATCH
                if row["margin_bound"] in ("at_least", "at_most")
                else None
            )
            ax.barh(
                position,
                row["margin"],
                color=VERDICT_COLOURS[str(row["result"])],
                hatch=hatch,
                edgecolor="white" if hatch else None,
            )
        ax.set_yticks(range(len(data)), [_scorecard_label(row, lang) for _, row in data.iterrows()])
        ax.axvline(0, color="#333333", lw=0.8)
        ax.set_xlabel(text.label("axis_margin_pp" if unit == "pp" else "axis_margin_pct", lang))
    handles = [
        Patch(color=VERDICT_COLOURS[r], label=text.label(r, lang))
        for r in VERDICT_COLOURS
        if (shown["result"] == r).any()
    ]
    if facts.derived:
        handles.append(
            Patch(
                facecolor="white",
                edgecolor="#333333",
                hatch=DERIVED_HATCH,
                label=text.label("basis_derived", lang),
            )
        )
    if shown["margin_bound"].isin(["at_least", "at_most"]).any():
        handles.append(
            Patch(
                facecolor="white",
                edgecolor="#333333",
                hatch=BOUNDED_HATCH,
                label=text.label("legend_bounded", lang),
            )
        )
    if facts.sources_disagree:
        handles.append(
            Line2D(
                [],
                [],
                marker="D",
                linestyle="none",
                markerfacecolor="none",
                markeredgecolor=NEUTRAL_COLOUR,
                label=text.label("sources_disagree", lang),
            )
        )
    axes[0][0].legend(
        handles=handles,
        loc="lower right",
        bbox_to_anchor=(1.0, 1.0),
        ncol=min(3, len(handles)),
        fontsize=8,
    )
    title = text.phrase(
        "title_scorecard",
        lang,
        met=facts.indicators_met,
        judged=facts.indicators_judged,
        unjudged=facts.targets - facts.judged,
        targets=facts.targets,
    )
    return _finish(fig, axes[0][0], title, lang, caption="source_outcomes")


def _scorecard_label(row: pd.Series, lang: str) -> str:
    if row["result"] == "sources_disagree":
        return text.phrase(
            "name_with_note",
            lang,
            name=text.short_name(row, lang),
            note=text.label("sources_disagree", lang),
        )
    return text.with_quality(text.short_name(row, lang), row["quality"], lang)


# --- 07: the record -------------------------------------------------------------------------

GRADE_MARKERS: dict[str, str] = {
    "primary": "o",
    "official": "o",
    "state_media": "s",
    "mirror": "^",
    "low": "X",
}
