"""Tables of outcomes, headed in the reader's language: the 2024 scorecard, the record, the
ratchet, the premiums and the ladder. Formatting only: every number is a finding's.
"""

from __future__ import annotations

import pandas as pd

from zzreport.data.provenance import decimals
from zzreport.display.tables import bound_words, headed_table
from zzreport.findings.frames import TARGET_YEAR
from zzreport.findings.headline import national_prices
from zzreport.findings.rd import rd_facts
from zzreport.words import text


def _margin(value: float, unit: str, lang: str, bound: object = "exact") -> str:
    """A margin as points or %, and for an outcome stated as a floor or ceiling, as the bound
    it is: "shortfall at most 21.4%" — never an exact-looking number."""
    if pd.isna(value):
        return "–"
    # two decimals for points: shares such as R&D intensity are stated to 0.01
    shown = text.points(value, lang, 2) if unit == "pp" else text.percent(value, 1, signed=True)
    if bound in ("at_least", "at_most") and not pd.isna(bound):
        magnitude = (
            text.points(abs(value), lang, 2) if unit == "pp" else text.percent(abs(value), 1)
        ).lstrip("+")
        side = "shortfall" if value < 0 else "excess"
        limit = "at_most" if (bound == "at_least") == (value < 0) else "at_least"
        return text.label(f"margin_{side}_{limit}", lang).format(magnitude)
    return shown


def _outcome(row: pd.Series, lang: str) -> str:
    """The outcome in the target's unit, with how it is known: derived (with its arithmetic),
    a floor or a ceiling; the sources' values side by side when they disagree."""
    if row["result"] == "sources_disagree":
        return text.label("versus", lang).join(
            text.with_quality(text.quantity(a["value"], a["unit"], lang), a["quality"], lang)
            for a in row["alternatives"]
        )
    if pd.isna(row["outcome"]):
        return "–"
    unit = row["outcome_unit"] or row["unit"]
    shown = text.quantity(row["outcome"], unit, lang)
    if row["outcome_basis"] == "derived":
        return text.label("derived_as", lang).format(shown, row["derivation"])
    if row["outcome_bound"] in ("at_least", "at_most"):
        return text.spaced(lang, shown, text.label(str(row["outcome_bound"]), lang))
    return shown


def _target(row: pd.Series, lang: str) -> str:
    if pd.isna(row["target"]):
        return text.label("unquantified", lang)
    shown = text.spaced(
        lang, text.quantity(row["target"], row["unit"], lang), bound_words(row["bound"], lang)
    )
    if pd.isna(row["direction"]):
        return shown
    return text.noted(shown, text.label("direction_" + str(row["direction"]), lang), lang)


def _why(row: pd.Series, lang: str) -> str:
    """What to bear in mind: why there is no verdict, or a caveat computed from the data."""
    parts = []
    if row["reason"]:
        parts.append(text.label("reason_" + row["reason"], lang))
    if isinstance(row.get("scope_indicator"), str):
        parts.append(
            text.phrase(
                "scope_figure",
                lang,
                figure=text.with_quality(
                    text.quantity(row["scope_value"], row["scope_unit"], lang),
                    row["scope_quality"],
                    lang,
                ),
                period=text.period(row["scope_period"], lang),
                scope=text.label("scope." + row["scope_indicator"], lang),
            )
        )
    if row.get("fragile"):
        facts = rd_facts()
        parts.append(
            text.phrase(
                "fragile_verdict",
                lang,
                margin=text.points(row["margin"], lang, 2),
                revision=text.points(facts.revision_pp, lang, 2).lstrip("+"),
                cases=text.join(
                    [
                        text.phrase(
                            "revision_case",
                            lang,
                            geo=text.geo(geo, lang),
                            year=year,
                            first=text.percent(first, 2),
                            revised=text.percent(revised, 2),
                        )
                        for geo, year, first, revised in facts.revisions
                    ],
                    lang,
                ),
            )
        )
    if row.get("price_note") and row["result"] in ("met", "missed", "above_band"):
        cpi, ppi = national_prices(TARGET_YEAR)
        parts.append(
            text.phrase(
                "price_note",
                lang,
                year=TARGET_YEAR,
                cpi=text.percent(cpi, 1, signed=True),
                ppi=text.percent(ppi, 1, signed=True),
            )
        )
    if row["caveat"] == "implied_base_differs":
        # shown to the precision of the report's figure it is set against
        places = decimals(text.number(row["caveat_report_base"], 6).replace(",", ""))
        parts.append(
            text.label("caveat_implied_base_differs", lang).format(
                growth=text.percent(row["caveat_growth"], 1),
                implied=text.quantity(
                    round(row["caveat_implied_base"], places), row["caveat_unit"], lang
                ),
                stated=text.quantity(row["caveat_report_base"], row["caveat_unit"], lang),
            )
        )
    return " ".join(parts)


def scorecard_table(card: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Targets with their outcomes, how each outcome is known, the verdict, the margin, the
    grade of the outcome's source, other sources that agree, and why where there is no
    verdict."""
    rows = [
        {
            "indicator": text.indicator_name(row, lang),
            "target": _target(row, lang),
            "outcome": _outcome(row, lang),
            "result": text.label(str(row["result"]), lang),
            "outcome_basis": text.label("basis_" + row["outcome_basis"], lang)
            if isinstance(row["outcome_basis"], str)
            else "–",
            "margin": _margin(row["margin"], row["margin_unit"], lang, row["margin_bound"]),
            "quality": text.quality(row["quality"], lang)
            + (
                ""
                if not row.get("release")
                else text.phrase(
                    "release_of",
                    lang,
                    release=text.label("release." + str(row["release"]), lang),
                    date=row["release_date"] or text.label("date_not_stated", lang),
                )
            ),
            "source_col": row["source"] if isinstance(row["source"], str) else "–",
            "corroboration": row["corroboration"] or "–",
            "why": _why(row, lang) or "–",
        }
        for _, row in card.iterrows()
    ]
    return headed_table(rows, "indicator", lang)


def disagreements_table(card: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every source of each figure the sources disagree on, or count on another basis than the
    target's (China–Europe trains: 班 and trips, neither 标准列): value, unit, source, grade and
    its own note — shown side by side, none picked."""
    rows = []
    several = card["reason"].isin(
        ["values_differ", "different_counting_bases", "other_counting_basis"]
    )
    for _, row in card[several].iterrows():
        for alternative in row["alternatives"]:
            rows.append(
                {
                    "indicator": text.indicator_name(row, lang),
                    "target": _target(row, lang),
                    "value": text.quantity(alternative["value"], alternative["unit"], lang),
                    "source_col": alternative["source"],
                    "quality": text.quality(alternative["quality"], lang),
                    "register_note": alternative["note"],
                }
            )
    return headed_table(rows, "indicator", lang)


def indications_table(card: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Part-year figures beside targets that have no full-year outcome, read by the growth on
    the same period a year before against the growth the target needs: an indication, never
    a verdict, and never the share of the year elapsed (flows are seasonal)."""
    rows = []
    for _, row in card[card["indication_period"].notna()].iterrows():
        rows.append(
            {
                "indicator": text.indicator_name(row, lang),
                "target": _target(row, lang),
                "period": text.period(row["indication_period"], lang),
                "value": text.with_quality(
                    text.quantity(row["indication_value"], row["indication_unit"], lang),
                    row["indication_quality"],
                    lang,
                ),
                "same_period_growth": (
                    "–"
                    if pd.isna(row["indication_growth"])
                    else text.percent(row["indication_growth"], 1, signed=True)
                ),
                "growth_needed": (
                    "–"
                    if pd.isna(row["indication_needed_growth"])
                    else text.percent(row["indication_needed_growth"], 1, signed=True)
                ),
                "reading": text.label("indication_not_verdict", lang),
            }
        )
    return headed_table(rows, "indicator", lang)


def unjudged_table(card: pd.DataFrame, lang: str) -> pd.DataFrame:
    """How many targets have no verdict, by reason."""
    unjudged = card[card["reason"] != ""]
    counts = unjudged.groupby("reason", sort=False).size()
    rows = [
        {
            "reason": text.label("reason_" + reason, lang),
            "n_targets": int(count),
            "examples": text.join(
                [
                    text.short_name(r, lang)
                    for _, r in unjudged[unjudged["reason"] == reason].head(3).iterrows()
                ],
                lang,
            ),
        }
        for reason, count in counts.items()
    ]
    return headed_table(rows, "reason", lang)


def misses_table(
    card: pd.DataFrame, pairs: pd.DataFrame, frame: pd.DataFrame, lang: str
) -> pd.DataFrame:
    """The judged targets side by side: stretch or not, how the outcome is known, and what
    they asked of 2024."""
    assessed = card[card["result"].isin(["met", "above_band", "missed", "cannot_tell"])]
    change = pairs.set_index(["indicator", "measure"])
    rows = []
    for _, row in assessed.iterrows():
        key = (row["indicator"], row["measure"])
        asked = change.loc[key] if key in change.index else None
        if asked is None:
            required = "–"
        elif row["measure"] in ("flow", "stock"):
            required = text.percent(asked["change_pct"], 1, signed=True)
        else:
            # shares such as R&D intensity are stated to 0.01: two decimals, as elsewhere
            required = text.points(asked["change"], lang, 2 if row["measure"] == "share" else 1)
        rows.append(
            {
                "indicator": text.indicator_name(row, lang),
                "result": text.label(str(row["result"]), lang),
                "outcome_basis": text.label("basis_" + row["outcome_basis"], lang),
                "stretch_target": text.yes_no(row["stretch"], lang),
                "required_change": required,
                "quality": text.quality(row["quality"], lang),
            }
        )
    return headed_table(rows, "indicator", lang)


def _record_target(row: pd.Series, lang: str) -> str:
    if pd.isna(row["target"]):
        return "–"
    if row["reason"] == "in_step_with_gdp":  # 同步: GDP's rate is the target
        shown = text.phrase("in_step_target", lang, gdp=text.percent(row["target"], 2))
    else:
        shown = text.quantity(row["target"], row["unit"], lang)
        if not pd.isna(row["bound"]):
            shown = text.spaced(lang, shown, bound_words(row["bound"], lang))
    return text.with_quality(shown, row["target_quality"], lang)


def _record_result(row: pd.Series, lang: str) -> str:
    if pd.isna(row["actual"]):
        return "–"
    shown = text.quantity(row["actual"], row["unit"], lang)
    if row["actual_derivation"]:
        shown = text.spaced(lang, shown, text.label("derived_mark", lang))
    shown += " · " + text.label("release." + str(row["actual_release"]), lang)
    return text.with_quality(shown, row["actual_quality"], lang)


def _record_other(row: pd.Series, lang: str) -> str:
    if pd.isna(row["other_actual"]):
        return "–"
    shown = text.quantity(row["other_actual"], row["unit"], lang)
    shown += " · " + text.label("release." + str(row["other_release"]), lang)
    verdict = row["other_result"]
    shown += " → " + (
        text.label(verdict, lang) if isinstance(verdict, str) else text.label("not_judged", lang)
    )
    return text.with_quality(shown, row["other_quality"], lang)


def record_table(record: pd.DataFrame, lang: str, indicator: str | None = None) -> pd.DataFrame:
    """Targets against results by year: the headline result with its release and grade, the
    verdict (or why there is none), and another release of the figure with its own verdict."""
    if indicator is not None:
        record = record[record["indicator"] == indicator]
    rows = [
        {
            "indicator": text.phrase(
                "name_year", lang, name=text.short_name(row, lang), year=row["year"]
            ),
            "target_any_year": _record_target(row, lang),
            "actual_any_year": _record_result(row, lang),
            "gap": text.points(row["gap"], lang, 2),
            "result": (
                text.label("met_by_undershooting" if row["undershot"] else row["result"], lang)
                if isinstance(row["result"], str)
                else text.label("no_verdict." + (row["reason"] or "no_result"), lang)
            ),
            "other_release": _record_other(row, lang),
        }
        for _, row in record.iterrows()
    ]
    return headed_table(rows, "indicator", lang)


def record_summary_table(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each indicator's judged years and verdicts, in and out of the pandemic years; the mean
    gap only where enough years are judged."""
    rows = [
        {
            "indicator": text.indicator_name(row, lang),
            "years": row["years"],
            "met_n": str(row["met"]),
            "missed_n": str(row["missed"]),
            "missed_outside_pandemic": text.phrase(
                "k_of_n", lang, k=row["missed_outside_pandemic"], n=row["n_outside_pandemic"]
            ),
            "mean_gap": (
                text.points(row["mean_gap"], lang, 2)
                if not pd.isna(row["mean_gap"])
                else text.label("too_few_years", lang)
            ),
            "mean_gap_outside_pandemic": (
                text.points(row["mean_gap_outside_pandemic"], lang, 2)
                if not pd.isna(row["mean_gap_outside_pandemic"])
                else text.label("too_few_years", lang)
            ),
        }
        for _, row in summary.iterrows()
    ]
    return headed_table(rows, "indicator", lang)


def _previous_outcome_key(row) -> str:
    """The ratchet's verdict on last year's target; a result shown beside it but not judged
    (a low-grade page, another year's figure, the target's own bound) is "not judged", its
    reason in the record's table, never "no outcome data"."""
    if not pd.isna(row["previous_outcome"]):
        return str(row["previous_outcome"])
    return "no_outcome_data" if pd.isna(row["previous_result"]) else "not_judged_see_record"


def ratchet_table(ratchet: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Last year's target, result and verdict, and this year's target, with their wording."""

    def target(value, bound, words, unit="%"):
        return text.percent(value, 2) + (f" {words}" if words else "")

    rows = [
        {
            "indicator": f"{text.short_name(row, lang)} {row['year_from']}→{row['year_to']}",
            "previous_target": target(
                row["previous_target"], row["previous_bound"], row["previous_wording"]
            ),
            "previous_result": text.with_quality(
                text.percent(row["previous_result"], 2), row["previous_quality"], lang
            ),
            "previous_outcome": text.label(_previous_outcome_key(row), lang),
            "new_target": target(row["new_target"], row["new_bound"], row["new_wording"]),
            "target_change": text.points(row["target_change"], lang, 2),
            "wording_changed": text.yes_no(row["wording_changed"], lang),
        }
        for _, row in ratchet.iterrows()
    ]
    return headed_table(rows, "indicator", lang)


def tolerance_table(sensitivity: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Verdicts on the 左右 targets at each tolerance."""
    rows = []
    for _, row in sensitivity.iterrows():
        record = {
            "indicator": text.phrase(
                "name_year", lang, name=text.short_name(row, lang), year=row["year"]
            ),
            "target_any_year": text.percent(row["target"], 2),
            "actual_any_year": text.percent(row["actual"], 2),
        }
        for column in [c for c in sensitivity.columns if c.startswith("tol_")]:
            record[column] = text.label(str(row[column]), lang)
        rows.append(record)
    return headed_table(
        rows,
        "indicator",
        lang,
        headers={
            c: text.phrase("tolerance_col", lang, tolerance=c[4:])
            for c in sensitivity.columns
            if c.startswith("tol_")
        },
    )


def prediction_table(check: pd.DataFrame, lang: str) -> pd.DataFrame:
    """What 04 said in advance beside what happened: the momentum scenario's call, scored, and
    the difficulty class, shown but not scored (it is no forecast)."""

    def verdict(predicted, right) -> str:
        if pd.isna(predicted):
            return "–"
        said = text.label("met_pred" if predicted else "missed_pred", lang)
        return text.noted(said, text.label("right" if right else "wrong", lang), lang)

    rows = [
        {
            "indicator": text.indicator_name(row, lang),
            "result": text.label(str(row["result"]), lang),
            "difficulty": text.label(str(row["difficulty"]), lang)
            + (
                ""
                if pd.isna(row["difficulty_counted"]) or bool(row["difficulty_counted"])
                else text.label("not_counted_suffix", lang)
            ),
            "momentum_said": verdict(row["momentum_meets"], row["momentum_right"]),
            "quality": text.quality(row["quality"], lang),
        }
        for _, row in check.iterrows()
    ]
    return headed_table(rows, "indicator", lang)
