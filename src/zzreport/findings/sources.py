"""Outcomes from the sources register: which source leads when several state a figure
(grade first), how their figures are reconciled, and how each is described (release, basis).
"""

from __future__ import annotations

import math
import re

import pandas as pd

from zzreport.data import schema
from zzreport.data.provenance import decimals
from zzreport.data.units import convert, convertible
from zzreport.findings.verdicts import margin as verdict_margin

REPORT_SOURCE = "郑州市2024年政府工作报告 (正观新闻·郑州晚报)"


def outcomes_of(external: pd.DataFrame, geo: str, year: int) -> pd.DataFrame:
    rows = external[
        (external["geo"] == geo)
        & (external["year"] == year)
        & (external["period"] == "year")
        & (external["status"] == "actual")
    ]
    return rows.set_index(["indicator", "measure"])


def quality_rank(quality: object) -> int:
    """0 for the best grade (official) … 3 for the worst (low); the report itself is -1."""
    if quality == "primary":
        return -1
    return schema.QUALITIES.index(str(quality))


def rounding_interval(value: float, bound: str, places: int) -> tuple[float, float]:
    low = round(value, places) if bound != "at_most" else -math.inf
    high = round(value, places) if bound != "at_least" else math.inf
    return low, high


def reconcile(rows: pd.DataFrame, unit: str) -> tuple[pd.Series | None, list[pd.Series], str]:
    """Several outcome rows for one figure: the one that leads, the others, and ``""`` when
    they agree or why they do not (``different_counting_bases``, ``values_differ``).

    Rows agree when their values, converted to ``unit`` and rounded to the decimals of the less
    precise one, are consistent (equal, or a floor at or below an exact value). The lead is an
    exact figure before a floor or ceiling, then the best-graded source. Rows whose unit cannot
    be converted to another row's (班 as the operator counts trains against "trips" as China
    Railway Container Transport counts them) are never reconciled: that is a disagreement,
    whatever the numbers.
    """
    ordered = sorted(
        (row for _, row in rows.iterrows()),
        key=lambda r: (r["bound"] != "exact", quality_rank(r["quality"])),
    )
    if len(ordered) == 1:
        return ordered[0], [], ""
    if any(not convertible(a["unit"], b["unit"]) for a in ordered for b in ordered):
        return None, ordered, "different_counting_bases"
    base = ordered[0]["unit"] if not convertible(ordered[0]["unit"], unit) else unit
    places = min(decimals(f"{row['value']:g}") for row in ordered)
    intervals = [
        rounding_interval(convert(row["value"], row["unit"], base), str(row["bound"]), places)
        for row in ordered
    ]
    low, high = max(i[0] for i in intervals), min(i[1] for i in intervals)
    if low > high:
        return None, ordered, "values_differ"
    return ordered[0], ordered[1:], ""


#: Which release a headline verdict rests on, best first. A first statistical release is what
#: the next year's report and its targets could see; a revision (a census, a later yearbook)
#: comes years later and is shown beside it, with its own verdict where the two disagree; a
#: projection made before the year's statistics (预计, 初步测算) is no measurement and is used
#: only when nothing else is published, and said so.
RELEASE_PREFERENCE: tuple[str, ...] = ("first", "revised", "unknown", "projection")

#: A result that only sources of this grade state (an anonymous page, a machine-spun copy) is
#: shown with its caveat but never judged: one rule for the scorecard, the record and the peers.
UNJUDGED_GRADE = "low"


def release_rank(release: object) -> int:
    """0 for a first release … 3 for a projection (``RELEASE_PREFERENCE``); a row without a
    release (a target) ranks last."""
    value = "" if pd.isna(release) else str(release)
    return (
        RELEASE_PREFERENCE.index(value) if value in RELEASE_PREFERENCE else len(RELEASE_PREFERENCE)
    )


def by_release(rows: pd.DataFrame) -> list[pd.Series]:
    """Result rows for one figure, the one a headline verdict uses first: by release
    (``RELEASE_PREFERENCE``), then grade, then the register's order (its first source first)."""
    indexed = list(enumerate(row for _, row in rows.iterrows()))
    ranked = sorted(
        indexed, key=lambda p: (release_rank(p[1]["release"]), quality_rank(p[1]["quality"]), p[0])
    )
    return [row for _, row in ranked]


def judgeable(rows: pd.DataFrame) -> bool:
    """Whether a result may be judged: some source better than ``UNJUDGED_GRADE`` states it."""
    return bool((rows["quality"].astype(str) != UNJUDGED_GRADE).any())


def source_label(row: pd.Series) -> str:
    return f"{row['source']} ({row['quality']})"


def outcome_basis(row: pd.Series) -> str:
    if str(row["derivation"]).strip():
        return "derived"
    return {"at_least": "floor", "at_most": "ceiling", "about": "approximate"}.get(
        str(row["bound"]), "stated"
    )


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


CITES_DATA_TO = re.compile(r"cites data to (" + "|".join(MONTHS) + r") (\d{4})")


def published_as_of(published: object, note: object) -> str:
    """When a source appeared: its ``published`` date, or for an undated source the last
    month of data its note says it cites (``YYYY-MM``); ``""`` when neither is known. Which
    release a figure is comes from the register's words (``release``), not from this date."""
    date = "" if pd.isna(published) else str(published).strip()
    if date:
        return date
    match = CITES_DATA_TO.search("" if pd.isna(note) else str(note))
    if match:
        return f"{match.group(2)}-{MONTHS.index(match.group(1)) + 1:02d}"
    return ""


def describe_outcome(row: pd.Series) -> dict[str, object]:
    return {
        "release": str(row["release"]),
        "release_date": published_as_of(row["published"], row["note"]),
        "outcome": row["value"],
        "outcome_unit": row["unit"],
        "outcome_bound": row["bound"],
        "outcome_basis": outcome_basis(row),
        "derivation": str(row["derivation"]),
        "quality": row["quality"],
        "source": row["source"],
        "source_url": row["source_url"],
        "outcome_note": row["note"],
    }


def alternative_source(row: pd.Series, target: float, unit: str, measure: str) -> dict[str, object]:
    """One of several disagreeing sources, with its margin on the target where its unit
    converts to the target's (NaN where it counts on another basis)."""
    comparable = convertible(row["unit"], unit)
    return {
        "value": float(row["value"]),
        "unit": str(row["unit"]),
        "bound": str(row["bound"]),
        "source": str(row["source"]),
        "quality": str(row["quality"]),
        "source_url": str(row["source_url"]),
        "note": str(row["note"]),
        "margin": (
            verdict_margin(convert(row["value"], row["unit"], unit), target, measure)
            if comparable
            else math.nan
        ),
    }
