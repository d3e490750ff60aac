"""Charts of the peers and the hierarchy (notebook 08), in the house style of ``charts``: the
title states the chart's one message and is computed from the findings' facts, the axes carry
units, the source is a caption, and Chinese labels draw with the shipped CJK font (call
``charts.use_house_style()`` first).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from zzreport.data import schema
from zzreport.display.charts import (
    NEUTRAL_COLOUR,
    RESULT_COLOUR,
    TARGET_COLOUR,
    VERDICT_COLOURS,
)
from zzreport.display.hierarchy_tables import place_name
from zzreport.findings.hierarchy import OTHERS, amplification_facts
from zzreport.findings.peers import BAND, CITY, PEER_GROUP, peer_facts
from zzreport.words import text

PANDEMIC_SHADE = "#eeeeee"


def _finish(fig: Figure, title: str, lang: str, caption: str) -> Figure:
    """The house finish (as ``charts``): the message as a left-aligned title, the source as a
    caption under the figure."""
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


def peer_title(card: pd.DataFrame, lang: str, group: str = PEER_GROUP) -> str:
    """The peer chart's message, from ``peer_facts``: where Zhengzhou's target ranked, and
    how many peers with both figures missed."""
    year = int(card["year"].iloc[0])
    facts = peer_facts(year, group=group, card=card)
    key = "hier.title_peers.top" if facts.target_rank == 1 else "hier.title_peers.rank"
    return text.phrase(
        key,
        lang,
        year=year,
        rank=facts.target_rank,
        n_targets=facts.n_targets,
        n_missed=len(facts.peers_missed),
        n_judged=len(facts.peers_judged),
    )


def peer_targets(card: pd.DataFrame, lang: str = "en", group: str = PEER_GROUP) -> Figure:
    """Dots: each central city's GDP growth target (a diamond; a range as a bar) and its
    headline result (a dot coloured by its verdict; a hollow grey dot for a result only
    low-grade pages state, shown but not judged), highest target on top. Labels carry the
    target's grade when it is not official."""
    members = [g for g, p in schema.PLACES.items() if p.group == group]
    data = card[card["geo"].isin(members)].sort_values(
        "target", ascending=True, kind="stable", na_position="first"
    )
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(data) + 2.3))
    for position, (_, row) in enumerate(data.iterrows()):
        if not pd.isna(row["target"]) and not pd.isna(row["result"]):
            ax.plot(
                [row["target"], row["result"]],
                [position, position],
                color=NEUTRAL_COLOUR,
                lw=1.5,
                alpha=0.6,
            )
        if row["bound"] == BAND:
            ax.plot(
                [row["target_low"], row["target_high"]],
                [position, position],
                color=TARGET_COLOUR,
                lw=5,
                alpha=0.5,
            )
        if not pd.isna(row["target"]):
            ax.scatter(row["target"], position, marker="D", s=60, color=TARGET_COLOUR, zorder=3)
        if pd.isna(row["result"]):
            continue
        if row["verdict"] is None or pd.isna(row["verdict"]):
            ax.scatter(
                row["result"],
                position,
                s=60,
                facecolors="none",
                edgecolors=NEUTRAL_COLOUR,
                linewidths=1.5,
                zorder=3,
            )
        else:
            ax.scatter(
                row["result"],
                position,
                s=70,
                color=VERDICT_COLOURS[str(row["verdict"])],
                edgecolors="#333333" if row["geo"] == CITY else "none",
                linewidths=1.2,
                zorder=4,
            )
    labels = [
        text.with_quality(place_name(str(row["geo"]), lang), row["target_grade"], lang)
        for _, row in data.iterrows()
    ]
    ax.set_yticks(np.arange(len(data)), labels)
    ax.set_xlabel(text.label("hier.axis_growth", lang))
    verdicts = [v for v in VERDICT_COLOURS if (data["verdict"] == v).any()]
    handles = [
        Line2D(
            [],
            [],
            marker="D",
            ls="",
            color=TARGET_COLOUR,
            label=text.label("hier.legend.target", lang),
        )
    ]
    handles += [
        Line2D(
            [],
            [],
            marker="o",
            ls="",
            color=VERDICT_COLOURS[v],
            label=text.phrase(
                "legend_geo_series",
                lang,
                geo=text.label("hier.legend.result", lang),
                series=text.label(v, lang),
            ),
        )
        for v in verdicts
    ]
    if (data["result"].notna() & ~data["judged"].astype(bool)).any():
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                markerfacecolor="none",
                markeredgecolor=NEUTRAL_COLOUR,
                label=text.label("hier.legend.unjudged", lang),
            )
        )
    # under the axis, not over the dots: inside, it hid the top rows (Zhengzhou's own result)
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.0, -0.14),
        ncol=2,
        fontsize=7.5,
        frameon=False,
    )
    return _finish(fig, peer_title(card, lang, group), lang, "hier.source_peers")


def premium_title(record: pd.DataFrame, lang: str) -> str:
    """The premium chart's message, from ``amplification_facts`` (pandemic years in)."""
    facts = amplification_facts(record=record)
    windows = {w.other: w for w in facts.windows if w.pandemic_in}
    every = all(w.enough and w.reading == "asks_more" for w in windows.values())
    return text.phrase(
        "hier.title_premiums.asks_more" if every else "hier.title_premiums.mixed",
        lang,
        **{
            other: text.points(w.excess, lang, 2) if w.enough else "–"
            for other, w in windows.items()
        },
        **{f"n_{other}": w.n for other, w in windows.items()},
    )


def premium_gaps(record: pd.DataFrame, lang: str = "en") -> Figure:
    """By year, Zhengzhou's premium over China (top) and over Henan (bottom): in the targets
    (diamonds) and delivered (dots), joined by a line; hollow markers for years that enter no
    mean, pandemic years shaded."""
    fig, axes = plt.subplots(len(OTHERS), 1, figsize=(8, 6.2), sharex=True)
    years = record["year"].astype(int)
    for ax, other in zip(axes, ("china", "henan"), strict=True):
        for year in record.loc[record["pandemic"].astype(bool), "year"]:
            ax.axvspan(int(year) - 0.45, int(year) + 0.45, color=PANDEMIC_SHADE, zorder=0)
        counted = record[f"counted_{other}"].astype(bool)
        target = record[f"target_premium_{other}"]
        delivered = record[f"delivered_premium_{other}"]
        for year, t, d in zip(years, target, delivered, strict=True):
            if not (pd.isna(t) or pd.isna(d)):
                ax.plot([year, year], [t, d], color=NEUTRAL_COLOUR, lw=1.2, alpha=0.7)
        for values, marker, colour in (
            (target, "D", TARGET_COLOUR),
            (delivered, "o", RESULT_COLOUR),
        ):
            shown = values.notna()
            ax.scatter(
                years[shown & counted],
                values[shown & counted],
                marker=marker,
                s=55,
                color=colour,
                zorder=3,
            )
            ax.scatter(
                years[shown & ~counted],
                values[shown & ~counted],
                marker=marker,
                s=55,
                facecolors="white",
                edgecolors=colour,
                linewidths=1.4,
                zorder=3,
            )
        ax.axhline(0, color="#333333", lw=0.8)
        ax.set_title(text.phrase("hier.panel", lang, geo=text.geo(other, lang)), fontsize=10)
    fig.supylabel(text.label("hier.axis_premium", lang), fontsize=9)
    axes[-1].set_xticks(sorted(set(years)))
    handles = [
        Line2D(
            [],
            [],
            marker="D",
            ls="",
            color=TARGET_COLOUR,
            label=text.label("hier.legend.target_premium", lang),
        ),
        Line2D(
            [],
            [],
            marker="o",
            ls="",
            color=RESULT_COLOUR,
            label=text.label("hier.legend.delivered_premium", lang),
        ),
        Line2D(
            [],
            [],
            marker="o",
            ls="",
            markerfacecolor="white",
            markeredgecolor="#555555",
            label=text.label("hier.legend.not_counted", lang),
        ),
        plt.Rectangle(
            (0, 0), 1, 1, color=PANDEMIC_SHADE, label=text.label("hier.legend.pandemic", lang)
        ),
    ]
    axes[0].legend(
        handles=handles, loc="lower right", bbox_to_anchor=(1.0, 1.12), ncol=4, fontsize=7.5
    )
    return _finish(fig, premium_title(record, lang), lang, "hier.source_peers")
