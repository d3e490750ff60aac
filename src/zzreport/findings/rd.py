"""What the report's R&D intensity refers to, and how firm a verdict on R&D can be.

The report states 2023's R&D intensity as 2.67% (全社会研发投入强度达到2.67%). The register holds
Zhengzhou's 2022 R&D spending and 2022 GDP; their ratio rounds to the same 2.67%, so the
report's figure is most likely 2022's — city R&D statistics come out well after the year,
later than a report of February 2024. The register also holds Henan's and China's intensities
with the change on the year before, from which the revision of the earlier year's first
release follows: the size of a routine revision, against which a narrow R&D verdict is fragile.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from zzreport.data.load import load_external, load_indicators
from zzreport.findings.frames import ACTUAL_YEAR

#: "比上年提高0.09个百分点" / "up 0.1 percentage points from 2023": a rate's change on the year
#: before, stated beside it.
CHANGE_ON_YEAR_BEFORE = re.compile(
    r"(?:比上年提高|比上年增加)\s*(\d+(?:\.\d+)?)\s*[个個]?百分[点點]|up (\d+(?:\.\d+)?) percentage points"
)


@dataclass(frozen=True)
class RdFacts:
    """The R&D figures behind the report's 2.67% and the 2024 verdict.

    ``report_intensity`` is what the report states for 2023; ``spending_2022`` and
    ``gdp_2022`` (亿元) give ``intensity_2022`` = spending / GDP × 100, the arithmetic that
    dates it (``matches_2022``: equal at the report's two decimals). ``china_2022`` is China's
    2022 first release, against which the claim 连续两年超全国平均水平 is tested for 2022
    (``above_china_2022``). ``revisions`` lists (place, year, first release, revised figure)
    where a later statement gives the year's figure again; ``revision_pp`` is the largest
    such revision in points, the yardstick for a fragile verdict."""

    report_intensity: float
    spending_2022: float
    gdp_2022: float
    gdp_2022_quality: str
    intensity_2022: float
    matches_2022: bool
    china_2022: float
    china_2022_quality: str
    above_china_2022: bool | None
    revisions: tuple[tuple[str, int, float, float], ...]
    revision_pp: float


def _value(external: pd.DataFrame, geo: str, indicator: str, year: int, measure: str) -> pd.Series:
    rows = external[
        (external["geo"] == geo)
        & (external["indicator"] == indicator)
        & (external["year"] == year)
        & (external["status"] == "actual")
        & (external["period"] == "year")
        & (external["measure"] == measure)
    ]
    return rows.iloc[0] if len(rows) else pd.Series(dtype=object)


def _revisions(external: pd.DataFrame) -> list[tuple[str, int, float, float]]:
    """For each place and year with a first release of its intensity, the same year's figure
    implied by the next year's statement and its stated change (2.05 − 0.09 for Henan 2022)."""
    found = []
    rates = external[
        (external["indicator"] == "rd_intensity")
        & (external["status"] == "actual")
        & (external["period"] == "year")
    ]
    for row in rates[rates["release"] == "first"].itertuples(index=False):
        later = rates[(rates["geo"] == row.geo) & (rates["year"] == row.year + 1)]
        for nxt in later.itertuples(index=False):
            match = CHANGE_ON_YEAR_BEFORE.search(str(nxt.quote))
            if match:
                change = float(match.group(1) or match.group(2))
                found.append(
                    (str(row.geo), int(row.year), float(row.value), round(nxt.value - change, 2))
                )
                break
    return found


def rd_facts() -> RdFacts:
    """The R&D arithmetic, from the report and the register."""
    frame, external = load_indicators(), load_external()
    stated = frame[
        (frame["indicator"] == "rd_intensity")
        & (frame["year"] == ACTUAL_YEAR)
        & (frame["status"] == "actual")
    ]
    report = float(stated["value"].iloc[0]) if len(stated) else math.nan
    spending = _value(external, "zhengzhou", "rd_spending", ACTUAL_YEAR - 1, "flow")
    gdp = _value(external, "zhengzhou", "gdp", ACTUAL_YEAR - 1, "flow")
    china = _value(external, "china", "rd_intensity", ACTUAL_YEAR - 1, "share")
    intensity = (
        float(spending["value"]) / float(gdp["value"]) * 100
        if len(spending) and len(gdp)
        else math.nan
    )
    revisions = _revisions(external)
    return RdFacts(
        report_intensity=report,
        spending_2022=float(spending["value"]) if len(spending) else math.nan,
        gdp_2022=float(gdp["value"]) if len(gdp) else math.nan,
        gdp_2022_quality=str(gdp["quality"]) if len(gdp) else "",
        intensity_2022=intensity,
        matches_2022=bool(round(intensity, 2) == report) if not math.isnan(intensity) else False,
        china_2022=float(china["value"]) if len(china) else math.nan,
        china_2022_quality=str(china["quality"]) if len(china) else "",
        above_china_2022=None
        if not len(china) or math.isnan(intensity)
        else intensity > float(china["value"]),
        revisions=tuple(revisions),
        revision_pp=max(
            (round(abs(revised - first), 2) for _, _, first, revised in revisions),
            default=math.nan,
        ),
    )


def dated_earlier() -> frozenset[str]:
    """Indicators whose "2023" figure in the report is the year before's: R&D intensity,
    where the arithmetic of ``rd_facts`` dates it to 2022. A change from it to the 2024
    target spans two years."""
    return frozenset({"rd_intensity"}) if rd_facts().matches_2022 else frozenset()
