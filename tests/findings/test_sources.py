"""Choosing, reconciling and describing the sources of an outcome."""

from __future__ import annotations

import csv

from tests.findings.support import external
from zzreport.data import paths
from zzreport.display import hierarchy_tables, outcome_tables
from zzreport.findings.hierarchy import (
    LEVELS,
    premium_record,
    target_ladder,
)
from zzreport.findings.record import (
    track_record,
)
from zzreport.findings.scorecard import (
    scorecard,
)
from zzreport.findings.sources import release
from zzreport.words import text


def test_later_releases_are_marked_where_they_are_used() -> None:
    """README says first releases are judged: an outcome published (or, undated, citing data)
    after the first half of 2025 is marked 'later release' beside its verdict."""
    cutoff = "2025-06-30"
    with (paths.RAW_DIR / "external_figures.csv").open(encoding="utf-8", newline="") as handle:
        raw = [
            r
            for r in csv.DictReader(handle)
            if (r["geo"], r["year"], r["status"], r["period"])
            == ("zhengzhou", "2024", "actual", "year")
        ]
    late = [
        r
        for r in raw
        if r["published"] > cutoff or (not r["published"] and "data to December 2025" in r["note"])
    ]
    card = scorecard()
    from zzreport.display import outcome_tables

    table = outcome_tables.scorecard_table(card, "en")
    used = 0
    for r in late:
        match = card[(card["source"] == r["source"]) & (card["outcome"] == float(r["value"]))]
        for _, entry in match.iterrows():
            used += 1
            assert entry["release"] == "later", r["name_zh"]
            name = table.index[card.index.get_loc(entry.name)]
            assert "later release" in table.loc[name, "Source quality"], name
    assert used >= 2  # R&D intensity and airport cargo lead their targets' verdicts
    for r in raw:
        if r["published"] and r["published"] <= cutoff:
            match = card[(card["source"] == r["source"]) & (card["outcome"] == float(r["value"]))]
            assert (match["release"] == "first").all(), r["name_zh"]
    assert release("", "no date shown (cites data to December 2025)") == (
        "later",
        "2025-12",
    )
    assert release("2025-02-05", "") == ("first", "2025-02-05")


def test_every_external_figure_carries_its_grade() -> None:
    ladder = target_ladder()
    for column in (
        "china_target",
        "henan_target",
        "china_actual",
        "henan_actual",
        "zhengzhou_actual",
    ):
        grade = (
            column.replace("_actual", "_quality")
            if column.endswith("actual")
            else f"{column}_quality"
        )
        has_value = ladder[column].notna()
        assert ladder.loc[has_value, grade].notna().all(), column
    record = premium_record()
    for geo in LEVELS:
        for value, grade in (("target", "target_grade"), ("result", "grade")):
            has_value = record[f"{geo}_{value}"].notna()
            assert record.loc[has_value, f"{geo}_{grade}"].notna().all(), (geo, value)


def test_tables_show_non_official_grades() -> None:

    def shown(grade: str) -> str:
        return f"[{text.quality(grade, 'en')}]"

    table = hierarchy_tables.ladder_table(target_ladder(), "en", with_outcomes=False)
    china = external("china", "国内生产总值", 2024, "target", "growth")["quality"]
    assert table.loc["Gross domestic product (GDP)", "China target"].endswith(shown(china))
    record = outcome_tables.record_table(track_record(), "en", "gdp")
    city = external("zhengzhou", "地区生产总值", 2024, "actual", "growth")["quality"]
    assert record.loc["Gross domestic product 2024", "Outcome"].endswith(shown(city))
