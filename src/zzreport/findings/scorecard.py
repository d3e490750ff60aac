"""Were the 2024 targets met? Each target against its published outcome (from
``load_external()``), with the source's grade; a target without an outcome stays in the table
as ``no outcome data`` — never dropped, never guessed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from zzreport.data import memo, schema
from zzreport.data.load import load_external, load_indicators
from zzreport.data.units import convert, convertible
from zzreport.findings.frames import TARGET_YEAR, naming, sort_in_report_order
from zzreport.findings.sources import (
    alternative_source,
    describe_outcome,
    quality_rank,
    reconcile,
    source_label,
)
from zzreport.findings.verdicts import (
    VERDICTS,
    judge,
)

#: Every result the scorecard gives: the verdicts (``verdicts.VERDICTS``), then why a target
#: has none. Slugs: display code translates them.
OUTCOME_RESULTS: tuple[str, ...] = (
    "met",
    "above_band",
    "missed",
    "cannot_tell",
    "sources_disagree",
    "not_assessable",
    "no_outcome_data",
)


#: Why a target is left without a verdict, or what to bear in mind about one.
REASONS: tuple[str, ...] = (
    "",
    "target_unquantified",
    "outcome_not_comparable",
    "different_counting_bases",
    "values_differ",
    "only_part_year",
    "none_published",
)


#: Outcome levels whose own stated growth implies a base this far (relative) from the report's
#: 2023 level get a caveat: the outlet may have attached the growth to another figure.
IMPLIED_BASE_TOLERANCE = 0.02


#: Growth stated right after a level in an outcome's quote: "62.6萬輛、同比增長112.9%".
STATED_GROWTH = re.compile(r"^[^\d]{0,12}?增[长長]\s*(\d+(?:\.\d+)?)\s*%")


def _part_year(external: pd.DataFrame) -> dict[tuple[str, str], list[dict]]:
    """Zhengzhou's part-year results of the target year, what an indication can show, by
    (indicator, measure)."""
    rows = external[
        (external["geo"] == "zhengzhou")
        & (external["year"] == TARGET_YEAR)
        & (external["status"] == "actual")
        & (external["period"] != "year")
    ]
    found: dict[tuple[str, str], list[dict]] = {}
    for row in rows.to_dict("records"):
        found.setdefault((row["indicator"], row["measure"]), []).append(row)
    return found


def _indication(part_year: dict[tuple[str, str], list[dict]], target: dict) -> dict[str, object]:
    """A part-year figure (from ``_part_year``) beside a target with no full-year outcome: for
    a flow, the share of the annual target reached against the share of the year elapsed; for
    a rate, the rate."""
    rows = part_year.get((target["indicator"], target["measure"]), [])
    if not rows or pd.isna(target["value"]):
        return {}
    row = sorted(
        rows, key=lambda r: (-schema.period_months(r["period"])[1], quality_rank(r["quality"]))
    )[0]
    first, last = schema.period_months(row["period"])
    record: dict[str, object] = {
        "indication_period": row["period"],
        "indication_value": row["value"],
        "indication_unit": row["unit"],
        "indication_quality": row["quality"],
        "indication_source": row["source"],
        "indication_share_of_year": (last - first + 1) / 12 * 100,
    }
    if target["measure"] in ("flow",) and convertible(row["unit"], target["unit"]):
        reached = convert(row["value"], row["unit"], target["unit"])
        record["indication_share_of_target"] = reached / target["value"] * 100
    return record


def _implied_base(row: pd.Series, report: pd.DataFrame) -> dict[str, object]:
    """For a level outcome whose quote states its growth, the 2023 base that growth implies
    against the report's 2023 level; a caveat when they differ by more than the tolerance."""
    quote = str(row["quote"])
    number = f"{row['value']:g}"
    position = quote.find(number)
    match = STATED_GROWTH.search(quote[position + len(number) :]) if position >= 0 else None
    base = report[
        (report["indicator"] == row["indicator"])
        & (report["measure"] == "flow")
        & (report["year"] == TARGET_YEAR - 1)
        & (report["status"] == "actual")
    ]
    if match is None or base.empty:
        return {}
    growth = float(match.group(1))
    implied = convert(row["value"], row["unit"], base["unit"].iloc[0]) / (1 + growth / 100)
    stated = float(base["value"].iloc[0])
    if abs(implied / stated - 1) <= IMPLIED_BASE_TOLERANCE:
        return {}
    return {
        "caveat": "implied_base_differs",
        "caveat_growth": growth,
        "caveat_implied_base": implied,
        "caveat_report_base": stated,
        "caveat_unit": base["unit"].iloc[0],
    }


def _blank(row) -> dict[str, object]:
    return {
        **naming(row),
        "unit": row.unit,
        "target": row.value,
        "bound": row.bound,
        "direction": row.direction,
        "stretch": "力争" in str(row.quote) or "力争" in str(row.note),
        "result": "no_outcome_data",
        "reason": "none_published",
        "outcome": math.nan,
        "outcome_unit": None,
        "outcome_bound": None,
        "outcome_basis": None,
        "derivation": "",
        "margin": math.nan,
        "margin_bound": None,
        "margin_unit": "pp" if row.measure in ("growth", "share") else "%",
        "quality": None,
        "source": None,
        "source_url": None,
        "outcome_note": "",
        "release": "",
        "release_date": "",
        "corroboration": "",
        "n_sources": 0,
        "alternatives": (),
        "caveat": "",
        "caveat_growth": math.nan,
        "caveat_implied_base": math.nan,
        "caveat_report_base": math.nan,
        "caveat_unit": None,
        "indication_period": None,
        "indication_value": math.nan,
        "indication_unit": None,
        "indication_quality": None,
        "indication_source": None,
        "indication_share_of_target": math.nan,
        "indication_share_of_year": math.nan,
    }


@memo.on_data
def scorecard() -> pd.DataFrame:
    """Every 2024 target of the report, with a verdict wherever a usable full-year outcome is
    published, and the reason wherever there is none.

    ``result`` (slugs, see ``OUTCOME_RESULTS``): ``met``, ``above_band`` (a two-sided 左右
    target overshot), ``missed`` or ``cannot_tell`` from ``verdicts.judge`` under the target's
    bound and direction and the outcome's own bound; ``sources_disagree`` when the sources'
    figures differ (``reason``: ``values_differ`` or ``different_counting_bases``; every
    source in ``alternatives``); ``not_assessable`` when an outcome exists but the target
    states no number or counts in another unit; ``no_outcome_data`` otherwise (``reason``
    ``only_part_year`` when a part-year figure is shown as an ``indication_*``, never a
    verdict). ``outcome_basis`` says how the outcome is known: ``stated``, ``derived`` (from
    arithmetic on stated numbers, in ``derivation``), ``floor``, ``ceiling`` or
    ``approximate``. ``margin`` is outcome − target, in points for rates and in % of the
    target for levels; ``margin_bound`` is ``at_least``/``at_most`` where the outcome is a
    floor/ceiling. Several agreeing sources: the best leads, the others are in
    ``corroboration``. ``release`` says whether the outcome is a ``first`` release (what
    officials are judged on) or a ``later`` one (``release``; ``release_date``), so that a
    later figure is marked where it is used. Caveat: 2024 outcomes are preliminary, and most
    come from reposted articles (``quality``).
    """
    report, external = load_indicators(), load_external()
    targets = report[(report["year"] == TARGET_YEAR) & (report["status"] == "target")]
    city = external[
        (external["geo"] == "zhengzhou")
        & (external["year"] == TARGET_YEAR)
        & (external["period"] == "year")
        & (external["status"] == "actual")
    ]
    # Split once, not filtered once per target: the scorecard is asked for often.
    by_indicator = dict(tuple(city.groupby("indicator", observed=True, sort=False)))
    part_year = _part_year(external)
    records = []
    for row in targets.itertuples(index=False):
        record = _blank(row)
        found = by_indicator.get(row.indicator, city.iloc[0:0])
        if not pd.isna(row.value):
            found = found[found["measure"] == row.measure]
        if found.empty:
            indication = _indication(part_year, row._asdict())
            if indication:
                record.update(indication, reason="only_part_year")
            records.append(record)
            continue
        record["n_sources"] = len(found)
        if pd.isna(row.value):
            lead = sorted(
                (r for _, r in found.iterrows()), key=lambda r: quality_rank(r["quality"])
            )[0]
            record.update(
                describe_outcome(lead), result="not_assessable", reason="target_unquantified"
            )
            records.append(record)
            continue
        lead, others, disagreement = reconcile(found, row.unit)
        if lead is None:
            record.update(
                result="sources_disagree",
                reason=disagreement,
                alternatives=tuple(
                    alternative_source(r, row.value, row.unit, row.measure) for r in others
                ),
            )
            records.append(record)
            continue
        record.update(
            describe_outcome(lead), corroboration="; ".join(source_label(r) for r in others)
        )
        if not convertible(lead["unit"], row.unit):
            record.update(result="not_assessable", reason="outcome_not_comparable")
            records.append(record)
            continue
        outcome = convert(lead["value"], lead["unit"], row.unit)
        verdict = judge(
            outcome,
            str(lead["bound"]),
            row.value,
            str(row.bound),
            str(row.direction),
            str(row.measure),
        )
        record.update(
            outcome=outcome,
            outcome_unit=row.unit,
            result=verdict.result,
            reason="",
            margin=verdict.margin,
            margin_bound=verdict.margin_bound,
        )
        record.update(_implied_base(lead, report))
        records.append(record)
    result = pd.DataFrame.from_records(records)
    result["result"] = pd.Categorical(result["result"], categories=list(OUTCOME_RESULTS))
    result["quality"] = pd.Categorical(
        result["quality"], categories=external["quality"].cat.categories
    )
    return sort_in_report_order(result, report, "measure")


def judged(card: pd.DataFrame) -> pd.DataFrame:
    """The scorecard's rows that have a verdict (met, above_band, missed, cannot_tell)."""
    return card[card["result"].isin(VERDICTS)]


@dataclass(frozen=True)
class ScorecardFacts:
    """What the scorecard says, counted once: prose, chart titles, site cards and the README
    all read these numbers from here. ``judged`` counts verdicts (met, above_band, missed,
    cannot_tell); each ``*_indicators`` tuple lists (indicator, measure) keys in report order."""

    targets: int
    judged: int
    met: int
    above_band: int
    missed: int
    cannot_tell: int
    derived: int
    sources_disagree: int
    not_assessable: int
    no_outcome_data: int
    indications: int
    met_indicators: tuple[tuple[str, str], ...]
    missed_indicators: tuple[tuple[str, str], ...]
    derived_indicators: tuple[tuple[str, str], ...]
    disagree_indicators: tuple[tuple[str, str], ...]


def scorecard_facts(card: pd.DataFrame | None = None) -> ScorecardFacts:
    """Count the scorecard's results (``card`` defaults to ``scorecard()``)."""
    card = scorecard() if card is None else card
    result = card["result"].astype(str)

    def keys(mask: pd.Series) -> tuple[tuple[str, str], ...]:
        return tuple(
            zip(card.loc[mask, "indicator"], card.loc[mask, "measure"].astype(str), strict=False)
        )

    judged = result.isin(VERDICTS)
    derived = judged & (card["outcome_basis"] == "derived")
    return ScorecardFacts(
        targets=len(card),
        judged=int(judged.sum()),
        met=int((result == "met").sum()),
        above_band=int((result == "above_band").sum()),
        missed=int((result == "missed").sum()),
        cannot_tell=int((result == "cannot_tell").sum()),
        derived=int(derived.sum()),
        sources_disagree=int((result == "sources_disagree").sum()),
        not_assessable=int((result == "not_assessable").sum()),
        no_outcome_data=int((result == "no_outcome_data").sum()),
        indications=int(card["indication_period"].notna().sum()),
        met_indicators=keys(result == "met"),
        missed_indicators=keys(result == "missed"),
        derived_indicators=keys(derived),
        disagree_indicators=keys(result == "sources_disagree"),
    )


@dataclass(frozen=True)
class MissFacts:
    """What the judged 2024 targets' misses have in common (notebook 06): how many missed and
    how many did not, how many of each were stretch targets (力争), the widest miss per kind of
    margin (``worst``: (indicator, measure, margin, margin unit), one for points and one for
    percentages, which do not compare), and how many verdicts rest on reposted articles."""

    assessed: int
    missed: int
    not_missed: int
    stretch_missed: int
    stretch_not_missed: int
    worst: tuple[tuple[str, str, float, str], ...]
    reposted: int


def miss_facts(card: pd.DataFrame | None = None) -> MissFacts:
    """Count the misses of the scorecard (``card`` defaults to ``scorecard()``)."""
    card = scorecard() if card is None else card
    assessed = card[card["result"].isin(VERDICTS)]
    stretch = assessed["stretch"].astype(bool)
    missed = assessed["result"] == "missed"
    misses = assessed[missed]
    worst = tuple(
        (str(w["indicator"]), str(w["measure"]), float(w["margin"]), str(w["margin_unit"]))
        for w in (
            misses.loc[part["margin"].idxmin()]
            for _, part in misses.groupby("margin_unit", sort=True)
            if part["margin"].notna().any()
        )
    )
    return MissFacts(
        assessed=len(assessed),
        missed=int(missed.sum()),
        not_missed=int((~missed).sum()),
        stretch_missed=int((stretch & missed).sum()),
        stretch_not_missed=int((stretch & ~missed).sum()),
        worst=worst,
        reposted=int((assessed["quality"] == "mirror").sum()),
    )
