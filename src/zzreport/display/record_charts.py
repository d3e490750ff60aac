"""Charts of the city's record of targets (notebook 07): the panel as small multiples, and
GDP beside Henan and China. Formatting only: counts in titles come from the facts functions."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from zzreport.display.charts import (
    GRADE_MARKERS,
    NEUTRAL_COLOUR,
    TARGET_COLOUR,
    VERDICT_COLOURS,
    _finish,
)
from zzreport.findings.record import gdp_record_facts, record_facts
from zzreport.findings.verdicts import ABOUT_TOLERANCE_PP
from zzreport.words import text

#: A target's marker by its direction: a floor points up, a ceiling down, a two-sided 左右
#: target is a bar in its band.
DIRECTION_MARKERS: dict[str, str] = {"up": "^", "down": "v", "two_sided": "_"}

#: Results by verdict: not the target's orange, so a missed result never reads as a target.
RESULT_COLOURS: dict[str, str] = {**VERDICT_COLOURS, "missed": "#b5525c"}


def _panel(ax, rows: pd.DataFrame, years: list[int], lang: str) -> None:
    for row in rows.itertuples(index=False):
        if not pd.isna(row.target):
            if row.bound == "about":  # the band a 左右 target allows
                ax.vlines(
                    row.year,
                    row.target - ABOUT_TOLERANCE_PP,
                    row.target + ABOUT_TOLERANCE_PP,
                    color=TARGET_COLOUR,
                    lw=5,
                    alpha=0.35,
                )
            ax.scatter(
                row.year,
                row.target,
                marker="_"
                if row.bound == "exact"
                else DIRECTION_MARKERS.get(str(row.direction), "_"),
                s=90,
                color=TARGET_COLOUR,
                zorder=3,
                linewidths=2,
            )
        if not pd.isna(row.actual):
            judged = isinstance(row.result, str)
            colour = RESULT_COLOURS.get(str(row.result), NEUTRAL_COLOUR)
            ax.scatter(
                row.year,
                row.actual,
                marker="o",
                s=38,
                zorder=4,
                color=colour if judged else "white",
                edgecolors=colour,
            )
        if not pd.isna(row.other_actual):  # another release of the same figure
            ax.scatter(row.year, row.other_actual, marker="x", s=28, color="#555555", zorder=4)
    ax.set_xlim(min(years) - 0.6, max(years) + 0.6)
    ax.set_xticks(years[::2])
    ax.tick_params(labelsize=8)


def record_panels(record: pd.DataFrame, lang: str = "en") -> Figure:
    """One panel per headline indicator with a verdict: each year's target (a floor points up,
    a ceiling down, a 左右 target shows its band) and result, coloured by verdict (hollow: not
    judged); a cross marks another release of the same figure."""
    facts = record_facts(record)
    shown = [indicator for indicator, *_ in facts.per_indicator]
    years = list(range(facts.first_year, facts.last_year + 1))
    columns = 4
    rows_n = math.ceil(len(shown) / columns)
    fig, axes = plt.subplots(rows_n, columns, figsize=(11, 2.6 * rows_n), squeeze=False)
    for ax, (indicator, n, _met, missed) in zip(axes.flat, facts.per_indicator, strict=False):
        rows = record[record["indicator"] == indicator]
        _panel(ax, rows, years, lang)
        ax.set_title(
            text.phrase(
                "title_record_panel",
                lang,
                name=text.short_name(rows.iloc[0], lang),
                missed=missed,
                n=n,
            ),
            fontsize=9,
        )
        ax.set_ylabel(text.label("axis_percent", lang), fontsize=8)
    for ax in list(axes.flat)[len(shown) :]:
        ax.set_visible(False)
    handles = [
        Line2D(
            [], [], ls="", marker="^", color=TARGET_COLOUR, label=text.label("legend_floor", lang)
        ),
        Line2D(
            [], [], ls="", marker="v", color=TARGET_COLOUR, label=text.label("legend_ceiling", lang)
        ),
        Line2D(
            [],
            [],
            lw=5,
            alpha=0.35,
            color=TARGET_COLOUR,
            label=text.label("legend_about_band", lang),
        ),
        *(
            Line2D([], [], ls="", marker="o", color=RESULT_COLOURS[r], label=text.label(r, lang))
            for r in ("met", "missed", "above_band")
        ),
        Line2D(
            [],
            [],
            ls="",
            marker="o",
            color="white",
            markeredgecolor=NEUTRAL_COLOUR,
            label=text.label("legend_not_judged", lang),
        ),
        Line2D(
            [],
            [],
            ls="",
            marker="x",
            color="#555555",
            label=text.label("legend_other_release", lang),
        ),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=4, fontsize=8, bbox_to_anchor=(0.5, -0.08))
    title = text.phrase(
        "title_record_panels",
        lang,
        missed=facts.missed,
        n=facts.judged,
        first=facts.first_year,
        last=facts.last_year,
    )
    fig.suptitle(title, x=0.01, ha="left", fontsize=13)
    fig.text(
        0.0,
        -0.14,
        text.label("hier.source_peers", lang),
        fontsize=7.5,
        color="#555555",
        ha="left",
        va="top",
        transform=fig.transFigure,
    )
    fig.tight_layout()
    return fig


def gdp_record(history: pd.DataFrame, lang: str = "en") -> Figure:
    """GDP growth results (solid) and targets (dashed) for China, Henan and Zhengzhou; each
    point's marker shows the grade of its source, so no external figure hides its quality."""
    colours = {"china": NEUTRAL_COLOUR, "henan": "#5a9e6f", "zhengzhou": TARGET_COLOUR}
    fig, ax = plt.subplots(figsize=(8.5, 5.0))
    handles = []
    for geo, group in history.groupby("geo", observed=True):
        colour = colours[str(geo)]
        for status, style in (("actual", "-"), ("target", "--")):
            points = group[group["status"] == status]
            (line,) = ax.plot(
                points["year"],
                points["value"],
                color=colour,
                ls=style,
                lw=2 if status == "actual" else 1.2,
                label=text.phrase(
                    "legend_geo_series",
                    lang,
                    geo=text.geo(str(geo), lang),
                    series=text.label("result_word" if status == "actual" else "target_word", lang),
                ),
            )
            handles.append(line)
            for grade, marker in GRADE_MARKERS.items():
                graded = points[points["quality"] == grade]
                ax.scatter(
                    graded["year"],
                    graded["value"],
                    marker=marker,
                    s=50,
                    zorder=3,
                    color=colour if status == "actual" else "white",
                    edgecolors=colour,
                )
    present = [g for g in GRADE_MARKERS if g in set(history["quality"]) and g != "official"]
    handles += [
        plt.Line2D(
            [], [], ls="", marker=GRADE_MARKERS[g], color="#555555", label=text.quality(g, lang)
        )
        for g in present
    ]
    ax.set_xticks(sorted(history["year"].unique()))
    ax.set_ylabel(text.label("axis_gdp_growth", lang))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7.5)
    # The count is the finding's, judged by the verdict rules: gdp_record_facts.
    facts = gdp_record_facts()
    title = text.phrase(
        "title_gdp_record",
        lang,
        short=facts.missed,
        n=len(facts.years),
        calm_short=facts.missed_outside_pandemic,
        calm_n=len(facts.years_outside_pandemic),
        pandemic=text.join([str(y) for y in facts.pandemic_years], lang),
    )
    return _finish(fig, ax, title, lang, caption="hier.source_peers")
