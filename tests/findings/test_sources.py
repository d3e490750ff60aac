"""Choosing, reconciling and describing the sources of an outcome."""

from __future__ import annotations

import calendar
import re

from tests.findings.support import external
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
from zzreport.findings.sources import published_as_of
from zzreport.words import text


def test_every_verdict_says_which_release_it_rests_on_and_when() -> None:
    """The scorecard's release is the register's (read from its words), its date the source's
    publication date, or for an undated page the month of data it cites."""
    from tests.findings.support import external_rows

    raw = [
        r
        for r in external_rows()
        if (r["geo"], r["year"], r["status"], r["period"])
        == ("zhengzhou", "2024", "actual", "year")
    ]
    card = scorecard()
    checked = 0
    for _, entry in card[card["source"].notna()].iterrows():
        rows = [
            r
            for r in raw
            if r["source"] == entry["source"] and r["indicator"] == entry["indicator"]
        ]
        if not rows:
            continue  # a level derived from a growth row of the same source
        assert entry["release"] == rows[0]["release"], entry["indicator"]
        expected = rows[0]["published"]
        cited = re.search(r"cites data to (\w+) (\d{4})", rows[0]["note"])
        if not expected and cited:
            month = calendar.month_name[:].index(cited.group(1))
            expected = f"{cited.group(2)}-{month:02d}"
        assert entry["release_date"] == expected, entry["indicator"]
        checked += 1
    assert checked >= 8


def test_an_undated_source_is_dated_by_the_data_it_cites() -> None:
    assert published_as_of("", "no date shown (cites data to December 2025)") == "2025-12"
    assert published_as_of("2025-02-05", "cites data to May 2024") == "2025-02-05"
    assert published_as_of(None, "no date shown") == ""


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
