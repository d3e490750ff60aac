"""How each year's target follows the previous year's result: the ratchet."""

from __future__ import annotations

import math
import re

import pandas as pd

from zzreport.data import memo
from zzreport.data.load import load_indicators
from zzreport.data.provenance import ABOUT_WORDS, CEILING_WORDS, clause_stating
from zzreport.findings.frames import LOCKDOWN_YEAR, MIN_CASES, SIMILAR_BAND_PP, sort_in_report_order
from zzreport.findings.record import IN_STEP_WORDS, track_record

#: Words around a target's number that change what it asks for.
WORDING_BEFORE = re.compile(r"(突破|超过|超|近|控制在|达到)$")


WORDING_AFTER = re.compile(r"^(以上|左右|以内)")


#: Words a target's bound implies, used to find its clause in a quote that states the same
#: number for several places or indicators (洛阳、安阳为6%,郑州…等地为6%左右: the city's is the
#: one with 左右).
BOUND_WORDS: dict[str, tuple[str, ...]] = {
    "about": ABOUT_WORDS,
    "at_least": ("以上", "突破", "超过", "超"),
    "at_most": CEILING_WORDS,
    "exact": (),
}


def wording(quote: str, value: float, name_zh: str = "", bound: str | None = None) -> str:
    """The words around a target's number in its quote (``增长8%以上`` → ``以上``; ``突破2.6%`` →
    ``突破``); empty for a plain number. The number is looked for after ``name_zh`` when the
    quote names it, and in the clause ``provenance.clause_stating`` picks with the words the
    row's ``bound`` implies (``BOUND_WORDS``), so that a quote listing several targets with the
    same number gives each its own words — not the first match."""
    quote = str(quote)
    start = quote.find(name_zh) if name_zh and name_zh in quote else 0
    clause = clause_stating(quote[start:], value, BOUND_WORDS.get(str(bound), ()))
    number = re.compile(rf"(?<![\d.]){re.escape(f'{value:g}')}%")
    match = number.search(clause)
    if match is None:
        return ""
    before = WORDING_BEFORE.search(clause[max(0, match.start() - 3) : match.start()])
    after = WORDING_AFTER.search(clause[match.end() :])
    return "…".join(
        w for w in (before.group(1) if before else "", after.group(1) if after else "") if w
    )


def bound_kind(words: str) -> str:
    """What the words around a number make of it (``BOUND_WORDS``): 以上 and 突破 are both a
    floor, so a change from one to the other is no change of target."""
    for kind, listed in BOUND_WORDS.items():
        if any(w in words for w in listed):
            return kind
    return "exact"


def _outcome_class(result: str, gap: float, direction: str) -> str:
    """``missed``, ``overshot`` (beyond the similar band on the good side, or above a 左右
    band) or ``met`` (within the band). A ceiling (``down``: 控制在…以内, 涨幅3%左右) is a
    limit, not an aim: an outcome below it is met, never overshot."""
    if result == "missed":
        return "missed"
    if direction == "down":
        return "met"
    good = gap
    if result == "above_band" or good > SIMILAR_BAND_PP:
        return "overshot"
    return "met"


@memo.on_data
def target_ratchet() -> pd.DataFrame:
    """For every indicator with a target in two consecutive years: last year's target, its
    result and verdict, and this year's target.

    ``previous_gap`` = result − previous target (points); ``previous_outcome``: ``missed``,
    ``overshot`` (more than ``SIMILAR_BAND_PP`` beyond the target on the good side) or ``met``.
    ``target_change`` = new target − previous target; ``response``: ``cut``, ``raised`` or
    ``held``; ``pass_through`` = target_change / previous_gap (1: the new target moved by the
    whole miss or overshoot). ``previous_wording``/``new_wording`` are the words around each
    number (以上, 左右, 突破…; ``wording``): a change of the kind of bound the words make is a
    change of target (``wording_changed``; 以上 → 突破 is a floor both times). Covers 2023→2024 and, where the register has a later target,
    2024→2025. Caveat: results are first releases, and a target is a floor or an
    approximation, not a forecast.
    """
    record = track_record()
    report = load_indicators()
    names = report.drop_duplicates("indicator").set_index("indicator")["name_zh"]
    records = []
    for (indicator, measure), group in record.groupby(["indicator", "measure"], sort=False):
        by_year = group.set_index("year")
        for year in by_year.index:
            nxt = year + 1
            if nxt not in by_year.index:
                continue
            old, new = by_year.loc[year], by_year.loc[nxt]
            if (
                pd.isna(old["target"])
                or pd.isna(new["target"])
                or old["target_quote"] == IN_STEP_WORDS
            ):
                continue
            gap = old["gap"]
            result = old["result"]
            change = new["target"] - old["target"]
            name_zh = names.get(indicator, "")
            old_words = wording(old["target_quote"], old["target"], name_zh, old["bound"])
            new_words = wording(new["target_quote"], new["target"], name_zh, new["bound"])
            records.append(
                {
                    "indicator": indicator,
                    "section": old["section"],
                    "name_zh": old["name_zh"],
                    "name_en": old["name_en"],
                    "measure": measure,
                    "year_from": int(year),
                    "year_to": int(nxt),
                    "previous_target": old["target"],
                    "previous_bound": old["bound"],
                    "previous_wording": old_words,
                    "previous_result": old["actual"],
                    "previous_gap": gap,
                    "previous_verdict": result,
                    "previous_outcome": (
                        None
                        if pd.isna(gap)
                        else _outcome_class(str(result), gap, str(old["direction"]))
                    ),
                    "previous_quality": old["actual_quality"],
                    "new_target": new["target"],
                    "new_bound": new["bound"],
                    "new_wording": new_words,
                    "target_change": change,
                    "wording_changed": bound_kind(old_words) != bound_kind(new_words),
                    "response": (
                        "raised" if change > 1e-9 else "cut" if change < -1e-9 else "held"
                    ),
                    "pass_through": change / gap
                    if not pd.isna(gap) and abs(gap) > 1e-9
                    else math.nan,
                }
            )
    result = pd.DataFrame.from_records(records)
    return sort_in_report_order(result, report, "year_from")


#: A side of the ratchet (after misses, after overshoots) needs at least this many cases before
#: the two sides are compared (and the pattern may be called asymmetric): with fewer, one
#: indicator's year is the whole side.


def ratchet_summary(ratchet: pd.DataFrame | None = None) -> pd.DataFrame:
    """How targets moved after each kind of previous outcome: ``n``, the indicators, the mean
    ``target_change`` (points) and the mean ``pass_through`` (the share of the previous miss or
    overshoot the new target absorbed). A change of wording (a plain figure that became a floor,
    以上) changes the kind of target, so ``n_wording_changed`` counts those cases and
    ``mean_pass_through_same_wording`` (``n_same_wording``) averages only the others;
    ``n_lockdown`` counts cases whose previous year is ``LOCKDOWN_YEAR``. Every mean is given
    only from ``MIN_CASES`` cases or more (below, the cases are listed). ``enough`` is True
    where ``n`` reaches ``MIN_CASES``; ``compare_sides`` (the same on every row) is
    True only when both the missed and the overshot side have enough cases — only then may the
    two be compared or the ratchet called asymmetric. Caveat: a handful of cases describes
    these reports, it is not a law."""
    ratchet = target_ratchet() if ratchet is None else ratchet
    rows = []
    for outcome in ("missed", "overshot", "met"):
        part = ratchet[ratchet["previous_outcome"] == outcome]
        same = part[~part["wording_changed"].astype(bool)]
        absorbs = outcome != "met"  # a share of a gap within the band means nothing

        def mean(frame: pd.DataFrame) -> float:
            known = frame["pass_through"].dropna()
            return float(known.mean()) if absorbs and len(known) >= MIN_CASES else math.nan

        rows.append(
            {
                "previous_outcome": outcome,
                "n": len(part),
                "cases": tuple(
                    zip(part["indicator"], part["year_from"], part["year_to"], strict=False)
                ),
                "mean_change": (
                    float(part["target_change"].mean()) if len(part) >= MIN_CASES else math.nan
                ),
                "mean_pass_through": mean(part),
                "n_wording_changed": int(part["wording_changed"].astype(bool).sum()),
                "n_same_wording": len(same),
                "mean_pass_through_same_wording": mean(same),
                "n_lockdown": int((part["year_from"] == LOCKDOWN_YEAR).sum()),
                "enough": len(part) >= MIN_CASES,
            }
        )
    result = pd.DataFrame.from_records(rows)
    sides = result.set_index("previous_outcome")["enough"]
    result["compare_sides"] = bool(sides["missed"] and sides["overshot"])
    return result
