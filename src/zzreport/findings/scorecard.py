"""Were the 2024 targets met? Each target against its published outcome (from
``load_external()``), with the source's grade; a target without an outcome stays in the table
as ``no outcome data`` — never dropped, never guessed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from zzreport.data import memo, schema
from zzreport.data.load import load_external, load_indicators
from zzreport.data.units import convert, convertible
from zzreport.findings.frames import TARGET_YEAR, growth_pct, naming, sort_in_report_order
from zzreport.findings.rd import rd_facts
from zzreport.findings.sources import (
    RELEASE_PREFERENCE,
    alternative_source,
    describe_outcome,
    judgeable,
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
    "low_grade_only",
    "other_scope",
    "other_counting_basis",
)


#: Programme pools: how many projects, specialties or groups a programme organises (抓好已谋划的
#: 3800个项目, 1000个产业项目, 36个县域共建专科, 15个城市医疗集团). They are inputs the city sets
#: itself, not outcomes, and are counted apart from the outcome targets.
PROGRAMME_POOLS: frozenset[str] = frozenset(
    {
        "planned_projects",
        "industrial_projects",
        "county_cobuilt_specialties",
        "urban_medical_groups",
    }
)

#: Figures the register holds beside a target that measure something else: shown with the
#: target, never as its outcome. Electronic-information output of firms above designated size
#: is not the cluster size (集群规模) the target names; graduates retained over 2022–2024 are not
#: 2024's flow; routes opened or resumed are not new international passenger and cargo routes.
OTHER_SCOPE: dict[str, tuple[str, ...]] = {
    "electronic_information_cluster_size": ("electronic_information_output_above_size",),
    "graduates_retained": ("graduates_retained_cumulative",),
    "new_international_routes": (
        "new_international_passenger_routes",
        "new_all_cargo_routes",
        "passenger_routes_opened_or_resumed",
    ),
}

#: Targets that count in a unit an outcome must name to be judged: the China–Europe train
#: target counts standard trains (标准列); a count of 班 that does not say 标准列 is another
#: statistic, shown as context, never a verdict.
COUNTING_BASIS: dict[str, str] = {"china_europe_trains": "标准列"}

#: Rates whose routine revision is known: a verdict whose margin is no larger than it is
#: ``fragile`` (R&D intensity: the largest revision of a first release in the register, from
#: ``rd.rd_facts``).
FRAGILE_YARDSTICKS: dict[str, Callable[[], float]] = {
    "rd_intensity": lambda: rd_facts().revision_pp
}

#: Nominal targets, judged in current prices in a year of falling factory prices: a price
#: note names China's consumer and producer prices beside them.
NOMINAL: frozenset[str] = frozenset(
    {"retail_sales", "fixed_asset_investment", "industrial_investment", "budget_revenue"}
)


#: Outcome levels whose own stated growth implies a base this far (relative) from the report's
#: 2023 level get a caveat: the outlet may have attached the growth to another figure.
IMPLIED_BASE_TOLERANCE = 0.02


#: Growth stated right after a level in an outcome's quote: "62.6萬輛、同比增長112.9%".
STATED_GROWTH = re.compile(r"^[^\d]{0,12}?增[长長]\s*(\d+(?:\.\d+)?)\s*%")

#: The same in an English source: "16.435 million passengers, an increase of 11.8 percent".
STATED_GROWTH_EN = re.compile(
    r"^[^\d]{0,40}?(?:increase|growth|rise) of\s*(\d+(?:\.\d+)?)\s*(?:%|percent)"
)


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


def _stated_growth(row: dict) -> float:
    """The year-on-year growth a quote states right after the row's value; NaN if none."""
    quote, number = str(row["quote"]), f"{row['value']:g}"
    position = quote.find(number)
    after = quote[position + len(number) :] if position >= 0 else ""
    match = STATED_GROWTH.search(after) or STATED_GROWTH_EN.search(after)
    return float(match.group(1)) if match else math.nan


def _indication(
    part_year: dict[tuple[str, str], list[dict]], target: dict, report: pd.DataFrame
) -> dict[str, object]:
    """A part-year figure (from ``_part_year``) beside a target with no full-year outcome.

    Not the share of the annual target reached against the share of the year elapsed: flows
    are seasonal (graduates arrive in July; airports peak at Spring Festival and in summer).
    Where the source states the same-period growth on a year before, it is set beside the
    growth the target needs over 2023's level (``indication_needed_growth``); a rate is shown
    as it is."""
    rows = part_year.get((target["indicator"], target["measure"]), [])
    if not rows or pd.isna(target["value"]):
        return {}
    row = sorted(
        rows, key=lambda r: (-schema.period_months(r["period"])[1], quality_rank(r["quality"]))
    )[0]
    record: dict[str, object] = {
        "indication_period": row["period"],
        "indication_value": row["value"],
        "indication_unit": row["unit"],
        "indication_quality": row["quality"],
        "indication_source": row["source"],
        "indication_growth": math.nan,
        "indication_needed_growth": math.nan,
    }
    if target["measure"] == "growth":
        record["indication_growth"] = float(row["value"])
        record["indication_needed_growth"] = float(target["value"])
        return record
    base = report[
        (report["indicator"] == target["indicator"])
        & (report["measure"] == target["measure"])
        & (report["year"] == TARGET_YEAR - 1)
        & (report["status"] == "actual")
    ]
    growth = _stated_growth(row)
    if not pd.isna(growth) and len(base) and convertible(base["unit"].iloc[0], target["unit"]):
        level = convert(float(base["value"].iloc[0]), base["unit"].iloc[0], target["unit"])
        record["indication_growth"] = growth
        record["indication_needed_growth"] = growth_pct(float(target["value"]), level)
    return record


def _other_scope(external: pd.DataFrame, indicator: str) -> dict[str, object]:
    """The best figure of another scope the register holds beside a target (``OTHER_SCOPE``):
    a full year before a part-year, the longest period, the best grade."""
    rows = external[
        (external["geo"] == "zhengzhou")
        & (external["indicator"].isin(OTHER_SCOPE.get(indicator, ())))
        & (external["year"] == TARGET_YEAR)
        & (external["status"] == "actual")
    ]
    if rows.empty:
        return {}
    ranked = sorted(
        (r for _, r in rows.iterrows()),
        key=lambda r: (r["period"] != "year", quality_rank(r["quality"])),
    )
    lead = ranked[0]
    return {
        "scope_indicator": str(lead["indicator"]),
        "scope_period": str(lead["period"]),
        "scope_value": float(lead["value"]),
        "scope_unit": str(lead["unit"]),
        "scope_bound": str(lead["bound"]),
        "scope_quality": str(lead["quality"]),
        "scope_source": str(lead["source"]),
    }


def _level_from_growth(target, city: pd.DataFrame, report: pd.DataFrame) -> pd.Series | None:
    """A level target's outcome derived from its growth outcome: 2023's level (the report's)
    times one plus the 2024 growth a source states, as a register row marked derived. None
    where either is missing."""
    growth = city[(city["indicator"] == target.indicator) & (city["measure"] == "growth")]
    base = report[
        (report["indicator"] == target.indicator)
        & (report["measure"] == "flow")
        & (report["year"] == TARGET_YEAR - 1)
        & (report["status"] == "actual")
    ]
    if growth.empty or base.empty:
        return None
    lead = sorted((r for _, r in growth.iterrows()), key=lambda r: quality_rank(r["quality"]))[0]
    level, rate = float(base["value"].iloc[0]), float(lead["value"])
    derived = lead.copy()
    derived["value"] = level * (1 + rate / 100)
    derived["unit"] = base["unit"].iloc[0]
    derived["measure"] = "flow"
    derived["derivation"] = f"{level:g} × (1 + {rate:g}%)"
    return derived


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
        "kind": "pool" if row.indicator in PROGRAMME_POOLS else "outcome",
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
        "indication_growth": math.nan,
        "indication_needed_growth": math.nan,
        "scope_indicator": None,
        "scope_period": None,
        "scope_value": math.nan,
        "scope_unit": None,
        "scope_bound": None,
        "scope_quality": None,
        "scope_source": None,
        "price_note": row.indicator in NOMINAL,
        "fragile": False,
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
    ``corroboration``. ``release`` is the register's reading of the source's words
    (``projection``, ``first``, ``revised``, ``unknown``) and ``release_date`` when the source
    appeared. Programme pools (``PROGRAMME_POOLS``) are ``kind`` ``pool``, apart from the
    outcome targets. A result only a low-grade page states is ``not_assessable``
    (``low_grade_only``), shown but not judged; a figure of another scope (``OTHER_SCOPE``)
    is shown in ``scope_*``, never as the outcome; a count that does not say the target's
    counting basis (``COUNTING_BASIS``) is ``not_assessable`` (``other_counting_basis``). A
    level target with only a growth outcome gets a derived level (2023's level × (1 + growth)).
    Part-year figures are ``indication_*``: their same-period growth beside the growth the
    target needs, never the share of the year elapsed. ``price_note`` marks nominal targets.
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
        record.update(_other_scope(external, row.indicator))
        found = by_indicator.get(row.indicator, city.iloc[0:0])
        if not pd.isna(row.value):
            found = found[found["measure"] == row.measure]
            if found.empty and row.measure == "flow":
                derived = _level_from_growth(row, city, report)
                if derived is not None:
                    found = derived.to_frame().T
        if found.empty:
            indication = _indication(part_year, row._asdict(), report)
            if indication:
                record.update(indication, reason="only_part_year")
            elif record["scope_indicator"]:
                record.update(result="not_assessable", reason="other_scope")
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
        basis = COUNTING_BASIS.get(row.indicator)
        if basis and not found["quote"].astype(str).str.contains(basis, regex=False).any():
            lead = sorted(
                (r for _, r in found.iterrows()),
                key=lambda r: (not convertible(r["unit"], row.unit), quality_rank(r["quality"])),
            )[0]
            record.update(
                describe_outcome(lead),
                result="not_assessable",
                reason="other_counting_basis",
                alternatives=tuple(
                    alternative_source(r, row.value, row.unit, row.measure)
                    for _, r in found.iterrows()
                ),
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
        record.update(outcome=outcome, outcome_unit=row.unit)
        if not judgeable(found):
            record.update(result="not_assessable", reason="low_grade_only")
            records.append(record)
            continue
        verdict = judge(
            outcome,
            str(lead["bound"]),
            row.value,
            str(row.bound),
            str(row.direction),
            str(row.measure),
        )
        record.update(
            result=verdict.result,
            reason="",
            margin=verdict.margin,
            margin_bound=verdict.margin_bound,
            fragile=row.indicator in FRAGILE_YARDSTICKS
            and abs(verdict.margin) <= FRAGILE_YARDSTICKS[row.indicator](),
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
    cannot_tell); each ``*_indicators`` tuple lists (indicator, measure) keys in report order;
    ``unjudged`` gives, for each reason a target with an outcome is not judged, its keys.

    An indicator can carry two targets in one clause (工业投资增长20%以上、完成1300亿元: a rate
    and a level). They are one promise, so the headline counts indicators: ``indicators_judged``
    those with a verdict, ``indicators_met`` / ``indicators_missed`` those whose verdicts are all
    met (or above the band) / all missed, ``indicators_split`` those whose targets disagree;
    ``judged_twice`` names the indicators judged on two targets."""

    targets: int
    pools: int
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
    unjudged: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    indicators_judged: int
    indicators_met: int
    indicators_missed: int
    indicators_split: int
    judged_twice: tuple[str, ...]


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
    promises = _verdicts_by_indicator(card[judged])
    return ScorecardFacts(
        targets=len(card),
        pools=int((card["kind"] == "pool").sum()),
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
        unjudged=tuple(
            (reason, keys((result == "not_assessable") & (card["reason"] == reason)))
            for reason in REASONS
            if ((result == "not_assessable") & (card["reason"] == reason)).any()
        ),
        indicators_judged=len(promises),
        indicators_met=sum(v <= {"met", "above_band"} for v in promises.values()),
        indicators_missed=sum(v == {"missed"} for v in promises.values()),
        indicators_split=sum(
            len(v) > 1 and not v <= {"met", "above_band"} for v in promises.values()
        ),
        judged_twice=tuple(
            name
            for name, n in card.loc[judged, "indicator"].value_counts(sort=False).items()
            if n > 1
        ),
    )


def _verdicts_by_indicator(judged_rows: pd.DataFrame) -> dict[str, set[str]]:
    """The set of verdicts of each judged indicator, in report order: one promise each."""
    verdicts: dict[str, set[str]] = {}
    for indicator, result in zip(judged_rows["indicator"], judged_rows["result"], strict=True):
        verdicts.setdefault(indicator, set()).add(str(result))
    return verdicts


@dataclass(frozen=True)
class MissFacts:
    """What the judged 2024 targets' misses have in common (notebook 06), counted by indicator
    (one promise each, as the headline counts): how many missed and how many did not, how many of each were stretch targets (力争), the widest miss per kind of
    margin (``worst``: (indicator, measure, margin, margin unit), one for points and one for
    percentages, which do not compare), how many verdicts rest on reposted articles, what they
    rest on (``by_release``: (release, count)) and how many of their sources appeared after
    the first half of the following year (``later_than_first_half``)."""

    assessed: int
    missed: int
    not_missed: int
    stretch_missed: int
    stretch_not_missed: int
    worst: tuple[tuple[str, str, float, str], ...]
    reposted: int
    by_release: tuple[tuple[str, int], ...]
    later_than_first_half: int


def miss_facts(card: pd.DataFrame | None = None) -> MissFacts:
    """Count the misses of the scorecard (``card`` defaults to ``scorecard()``), one promise
    per indicator as in the headline: an indicator is missed when all its judged targets are,
    a stretch target when any of them is, and its source is its first judged row's."""
    card = scorecard() if card is None else card
    assessed = card[card["result"].isin(VERDICTS)]
    misses = assessed[assessed["result"] == "missed"]
    worst = tuple(
        (str(w["indicator"]), str(w["measure"]), float(w["margin"]), str(w["margin_unit"]))
        for w in (
            misses.loc[part["margin"].idxmin()]
            for _, part in misses.groupby("margin_unit", sort=True)
            if part["margin"].notna().any()
        )
    )
    one = (
        assessed.assign(
            missed=assessed["result"] == "missed", stretch=assessed["stretch"].astype(bool)
        )
        .groupby("indicator", sort=False, observed=True)
        .agg(
            missed=("missed", "all"),
            stretch=("stretch", "any"),
            quality=("quality", "first"),
            release=("release", "first"),
            release_date=("release_date", "first"),
        )
    )
    missed, stretch = one["missed"], one["stretch"]
    return MissFacts(
        assessed=len(one),
        missed=int(missed.sum()),
        not_missed=int((~missed).sum()),
        stretch_missed=int((stretch & missed).sum()),
        stretch_not_missed=int((stretch & ~missed).sum()),
        worst=worst,
        reposted=int((one["quality"] == "mirror").sum()),
        by_release=tuple(
            (r, int((one["release"] == r).sum()))
            for r in RELEASE_PREFERENCE
            if (one["release"] == r).any()
        ),
        later_than_first_half=int(
            (one["release_date"].astype(str) > f"{TARGET_YEAR + 1}-06-30").sum()
        ),
    )
