"""Prose for notebooks 01–07, in English or Chinese, with every number formatted from the data.

Each function computes facts — counts, lists of names, signed numbers, slugs — and renders the
passage of the same name from ``templates/prose/{en,zh}/`` (see ``prose``). The words, and the
choice of words that depends on the data, live in the templates: Python holds no sentence.
Notebooks display these strings as Markdown, so a sentence can never disagree with the table
beside it: change the data and the words change with it.
"""

from __future__ import annotations

import json

import pandas as pd

from zzreport.data import paths
from zzreport.findings.consistency import checks_facts
from zzreport.findings.feasibility import (
    BASE_YEARS,
    DIFFICULTY_ORDER,
    FAR_ABOVE_PP,
    STRETCH_THRESHOLDS,
    WIDE_BASE_YEARS,
    difficulty_facts,
)
from zzreport.findings.frames import MIN_CASES, PANDEMIC_YEARS, SIMILAR_BAND_PP
from zzreport.findings.glance import glance_facts, theme_facts
from zzreport.findings.hindsight import hindsight_facts
from zzreport.findings.momentum import scenario_facts
from zzreport.findings.pairs import like_for_like_levels, yoy_facts
from zzreport.findings.record import gdp_record_facts, record_facts
from zzreport.findings.scorecard import miss_facts
from zzreport.findings.verdicts import ABOUT_TOLERANCE_PP, ABOUT_TOLERANCE_RELATIVE, VERDICTS
from zzreport.words import prose, text


def _grade_counts(grades: pd.Series, lang: str) -> list[str]:
    """How many figures come from sources of each quality grade, most first, in words."""
    return [
        prose.render("grade_count", lang, grade=g, n=int(n))
        for g, n in grades.value_counts().items()
        if n
    ]


def _rate(row: pd.Series | None) -> dict[str, object] | None:
    """A headline rate as facts: name, result, target, its bound and the change."""
    if row is None:
        return None
    return {
        "indicator": row["indicator"],
        "name": row,
        "actual": row["actual"],
        "target": row["target"],
        "bound": row["bound"],
        "change": row["change"],
    }


def source_note(lang: str) -> str:
    """Where the figures come from, read from the raw file's provenance sidecar."""
    meta = json.loads(paths.RAW_REPORT_META.read_text(encoding="utf-8"))
    return prose.render(
        "source_note",
        lang,
        producer=meta["producer"],
        author=meta["authors"][0].split(" ")[0],
        date_note=meta["date_published_note"],
        file=meta["file"],
        sha=meta["sha256"][:12],
        size=meta["bytes"],
    )


def glance_overview(frame: pd.DataFrame, pairs: pd.DataFrame, lang: str) -> str:
    """What the report commits to, in numbers (``glance_facts``)."""
    facts = glance_facts(frame, pairs)
    return prose.render(
        "glance_overview",
        lang,
        n_figures=facts.figures,
        n_actual=facts.results,
        n_targets=facts.targets,
        n_unquantified=facts.unquantified,
        n_stretch=facts.stretch,
        n_pairs=facts.pairs,
        n_indicators=facts.indicators,
        n_comparable=facts.comparable,
    )


def glance_summary(frame: pd.DataFrame, headline: pd.DataFrame, lang: str) -> str:
    """The findings of the first notebook."""
    by_section = frame.groupby("section", observed=True).size().sort_values(ascending=False)
    gdp = headline[headline["indicator"] == "gdp"]
    return prose.render(
        "glance_summary",
        lang,
        top=str(by_section.index[0]),
        top_n=int(by_section.iloc[0]),
        gdp=_rate(gdp.iloc[0]) if len(gdp) else None,
    )


def yoy_overview(pairs: pd.DataFrame, lang: str) -> str:
    """How the like-for-like level targets move against 2023 (``yoy_facts``)."""
    facts = yoy_facts(pairs)
    levels = like_for_like_levels(pairs)
    top = levels.loc[levels["change_pct"].idxmax()] if len(levels) else None
    bottom = levels.loc[levels["change_pct"].idxmin()] if len(levels) else None
    return prose.render(
        "yoy_overview",
        lang,
        n_levels=facts.levels,
        n_up=facts.up,
        n_down=facts.down,
        top=None if top is None else {"name": top, "change": top["change_pct"]},
        bottom=None if bottom is None else {"name": bottom, "change": bottom["change_pct"]},
        n_excluded=facts.excluded,
    )


def theme_overview(frame: pd.DataFrame, pairs: pd.DataFrame, theme: str, lang: str) -> str:
    """What one theme states, in numbers (``theme_facts``)."""
    facts = theme_facts(frame, pairs, theme)
    return prose.render(
        "theme_overview",
        lang,
        theme=theme,
        n_figures=facts.figures,
        n_actual=facts.results,
        n_targets=facts.targets,
        n_stretch=facts.stretch,
        n_pairs=facts.pairs,
        n_indicators=facts.indicators,
    )


def yoy_summary(pairs: pd.DataFrame, series: pd.DataFrame, lang: str) -> str:
    """Findings of the year-over-year notebook."""
    levels = pairs[pairs["measure"].isin(["flow", "stock"]) & pairs["comparable"]]
    return prose.render(
        "yoy_summary",
        lang,
        down=text.indicator_names(levels[levels["change_pct"] < 0], lang),
        n_derived=len(series),
    )


def theme_summary(frame: pd.DataFrame, pairs: pd.DataFrame, theme: str, lang: str) -> str:
    """Findings of one theme's deep dive (``theme_facts``)."""
    facts = theme_facts(frame, pairs, theme)
    top = None
    if facts.top is not None:
        top = {"name": _row(pairs, facts.top), "change": facts.top_change}
    return prose.render("theme_summary", lang, top=top, n_noted=facts.noted)


def _row(frame: pd.DataFrame, key: tuple[str, str]) -> pd.Series:
    """The row of ``frame`` for an (indicator, measure) key: what a name is read from."""
    indexed = frame.assign(measure=frame["measure"].astype(str)).set_index(["indicator", "measure"])
    return indexed.loc[key]


# --- 02: growth targets and the ratchet ------------------------------------------------------


def growth_overview(headline: pd.DataFrame, lang: str) -> str:
    """Where the targets ask for more, or less, than 2023 delivered (targets are floors or
    approximations, not forecasts)."""

    def names(*directions: str) -> list[str]:
        return text.indicator_names(headline[headline["direction"].isin(directions)], lang)

    return prose.render(
        "growth_overview",
        lang,
        more=names("asks_more", "raise"),
        less=names("asks_less"),
        similar=names("similar"),
        missing=names("no_2023_result", "unquantified"),
        band=SIMILAR_BAND_PP,
    )


def growth_detail(headline: pd.DataFrame, lang: str) -> str:
    """The growth targets that ask least and most against 2023's rates, in words."""
    known = headline[headline["measure"] == "growth"].dropna(subset=["change"])
    if known.empty:
        return prose.render("growth_detail", lang, low=None, high=None)
    low, high = known.loc[known["change"].idxmin()], known.loc[known["change"].idxmax()]
    return prose.render(
        "growth_detail",
        lang,
        low=_rate(low),
        high=None if high["indicator"] == low["indicator"] else _rate(high),
    )


def ratchet_note(ratchet: pd.DataFrame, summary: pd.DataFrame, lang: str) -> str:
    """How targets moved after a miss and after an overshoot, from ``ratchet_summary``."""
    s = summary.set_index("previous_outcome")
    rows = ratchet.set_index(["indicator", "year_from"])

    from zzreport.findings.frames import LOCKDOWN_YEAR, MIN_CASES

    def group(outcome: str) -> dict[str, object] | None:
        if outcome not in s.index or not s.loc[outcome, "n"]:
            return None
        row = s.loc[outcome]
        cases = []
        for i, y_from, y_to in row["cases"]:
            entry = rows.loc[(i, y_from)]
            cases.append(
                {
                    "name": entry,
                    "from": y_from,
                    "to": y_to,
                    "change": entry["target_change"],
                    "wording": (
                        (entry["previous_wording"] or "", entry["new_wording"] or "")
                        if entry["wording_changed"]
                        else None
                    ),
                    "lockdown": int(y_from) == LOCKDOWN_YEAR,
                }
            )
        return {
            "n": int(row["n"]),
            "mean_change": row["mean_change"],
            "pass_through": row["mean_pass_through"] * 100,
            "cases": cases,
            "n_wording_changed": int(row["n_wording_changed"]),
            "n_same_wording": int(row["n_same_wording"]),
            "pass_through_same_wording": row["mean_pass_through_same_wording"] * 100,
        }

    compare = bool(s["compare_sides"].iloc[0]) if "compare_sides" in s.columns else False
    return prose.render(
        "ratchet_note",
        lang,
        missed=group("missed"),
        over=group("overshot"),
        compare=compare,
        min_cases=MIN_CASES,
        n_steps=len(ratchet),
        n_wording_changed=int(ratchet["wording_changed"].sum()),
    )


def growth_summary(headline: pd.DataFrame, ratchet: pd.DataFrame, lang: str) -> str:
    """Findings of the growth-targets notebook, and where to go next."""
    gdp = headline[headline["indicator"] == "gdp"]
    step = ratchet[ratchet["year_from"] == 2023]
    return prose.render(
        "growth_summary",
        lang,
        gdp=_rate(gdp.iloc[0]) if len(gdp) else None,
        band=SIMILAR_BAND_PP,
        cut=text.indicator_names(step[step["response"] == "cut"], lang),
        raised=text.indicator_names(step[step["response"] == "raised"], lang),
        no_base=text.indicator_names(headline[headline["direction"] == "no_2023_result"], lang),
    )


# --- 04: feasibility -------------------------------------------------------------------------


def feasibility_overview(
    required: pd.DataFrame, checks: pd.DataFrame, scenario: pd.DataFrame, lang: str
) -> str:
    """How hard the targets are on a fair base and against 2023, what the checks that can
    fail found, and what momentum would give."""
    facts = difficulty_facts(required)
    tested = checks_facts(checks)
    scenario_counts = scenario_facts(scenario)
    return prose.render(
        "feasibility_overview",
        lang,
        classes=list(DIFFICULTY_ORDER),
        base=facts.against_base,
        last=facts.against_2023,
        on_baseline=facts.on_baseline,
        on_both=facts.on_both,
        unclassed=text.indicator_names(
            required[required["counted"] & required["indicator"].isin(facts.unclassed)], lang
        ),
        base_years=[str(y) for y in facts.base_years],
        wide_first=WIDE_BASE_YEARS[0],
        wide_last=WIDE_BASE_YEARS[-1],
        n_can_fail=tested.tests,
        n_hold=tested.tests_hold,
        n_fail=tested.tests - tested.tests_hold,
        n_untold=tested.untold,
        n_identities=tested.identities,
        n_identities_hold=tested.identities_hold,
        n_implications=tested.implications,
        momentum=scenario_counts.momentum,
        n_with_target=scenario_counts.with_target,
        n_meets=scenario_counts.meets,
        n_left_out=scenario_counts.left_out,
    )


def method_note(lang: str) -> str:
    """The one similar band, the baseline rule, increments, and the 'about' tolerance."""
    return prose.render(
        "method_note",
        lang,
        band=SIMILAR_BAND_PP,
        tolerance_pp=ABOUT_TOLERANCE_PP,
        tolerance_pct=ABOUT_TOLERANCE_RELATIVE * 100,
        limits=[limit for limit, _ in STRETCH_THRESHOLDS[:-1]],
        base_years=[str(y) for y in BASE_YEARS],
        pandemic_years=[str(y) for y in PANDEMIC_YEARS],
        wide_first=WIDE_BASE_YEARS[0],
        wide_last=WIDE_BASE_YEARS[-1],
        far_pp=FAR_ABOVE_PP,
        min_cases=MIN_CASES,
    )


def feasibility_summary(checks: pd.DataFrame, scenario: pd.DataFrame, lang: str) -> str:
    """Findings of the feasibility notebook."""
    from zzreport.display.tables import check_name

    verdicts = checks[checks["kind"] != "implication"]
    can_fail = verdicts[verdicts["holds"].notna()]
    failed = can_fail[~can_fail["holds"].astype(bool)]
    included = scenario[scenario["meets"].notna()]
    return prose.render(
        "feasibility_summary",
        lang,
        n_can_fail=len(can_fail),
        failed=[
            {"name": check_name(row, lang), "kind": str(row["kind"])}
            for _, row in failed.iterrows()
        ],
        untold=[check_name(row, lang) for _, row in verdicts[verdicts["holds"].isna()].iterrows()],
        missed=text.indicator_names(included[~included["meets"].astype(bool)], lang),
    )


# --- 06: outcomes ---------------------------------------------------------------------------


def _names_of(card: pd.DataFrame, keys: tuple[tuple[str, str], ...], lang: str) -> list[str]:
    """Names for (indicator, measure) keys; an indicator with two targets (a rate and a level)
    is named with its measure, or with both ("Industrial investment (level and growth)") when
    both keys are listed, so a list never names one thing twice."""
    indexed = card.set_index(["indicator", "measure"])
    twice = card["indicator"].duplicated(keep=False)
    doubled = set(card.loc[twice, "indicator"])
    measures: dict[str, list[str]] = {}
    for indicator, measure in keys:
        measures.setdefault(indicator, []).append(measure)
    names = []
    for indicator, listed in measures.items():
        name = text.indicator_name(indexed.loc[(indicator, listed[0])], lang)
        names.append(text.with_measures(name, listed, lang) if indicator in doubled else name)
    return names


def verdict_rules(lang: str) -> str:
    """How a verdict is reached, with the tolerances the code uses (``prose/*/verdict_rules``)."""
    return prose.render(
        "verdict_rules",
        lang,
        tolerance_pp=ABOUT_TOLERANCE_PP,
        tolerance_pct=ABOUT_TOLERANCE_RELATIVE * 100,
    )


def outcomes_overview(card: pd.DataFrame, lang: str) -> str:
    """Did the 2024 targets hold, as far as outcomes are published? (``prose/*/outcomes_overview``)"""
    from zzreport.findings.scorecard import scorecard_facts

    facts = scorecard_facts(card)
    card = card.assign(measure=card["measure"].astype(str))
    judged = card["result"].isin(VERDICTS)
    return prose.render(
        "outcomes_overview",
        lang,
        facts=facts,
        met=_names_of(card, facts.met_indicators, lang),
        missed=_names_of(card, facts.missed_indicators, lang),
        derived=_names_of(card, facts.derived_indicators, lang),
        disagree=_names_of(card, facts.disagree_indicators, lang),
        unjudged=[(reason, _names_of(card, keys, lang)) for reason, keys in facts.unjudged],
        twice=text.indicator_names(
            card[judged].drop_duplicates("indicator").query("indicator in @facts.judged_twice"),
            lang,
        ),
        # one promise, one source: counted by indicator, as the lead and the summary count
        grades=_grade_counts(card[judged].drop_duplicates("indicator")["quality"], lang),
    )


def outcomes_summary(card: pd.DataFrame, frame: pd.DataFrame, lang: str) -> str:
    """What the misses have in common (``miss_facts``)."""
    facts = miss_facts(card)
    return prose.render(
        "outcomes_summary",
        lang,
        n_missed=facts.missed,
        n_met=facts.not_missed,
        stretch_missed=facts.stretch_missed,
        stretch_met=facts.stretch_not_missed,
        worst=[
            {"name": _row(card, (i, m)), "margin": margin, "unit": unit}
            for i, m, margin, unit in facts.worst
        ],
        n_assessed=facts.assessed,
        n_reposted=facts.reposted,
        by_release=list(facts.by_release),
        n_later=facts.later_than_first_half,
    )


# --- 07: the record -------------------------------------------------------------------------


def prediction_note(check: pd.DataFrame, lang: str) -> str:
    """How well notebook 04's one explicit call, the momentum scenario, foresaw the outcomes
    (``hindsight_facts``); the difficulty classes are shown beside them but make no call."""
    facts = hindsight_facts(check)
    return prose.render(
        "prediction_note",
        lang,
        facts=facts,
        wrong=_names_of(
            check.assign(measure=check["measure"].astype(str)), facts.wrong_meets, lang
        ),
    )


def external_note(external: pd.DataFrame, lang: str) -> str:
    """Where the figures from outside the report come from, with their grades."""
    return prose.render(
        "external_note",
        lang,
        n_rows=len(external),
        n_sources=int(external["source_url"].nunique()),
        grades=_grade_counts(external["quality"], lang),
    )


def _names_by_slug(frame: pd.DataFrame) -> dict[str, pd.Series]:
    """Each indicator's first row, by slug: what a passage names an indicator from."""
    return {str(r["indicator"]): r for _, r in frame.drop_duplicates("indicator").iterrows()}


def record_overview(record: pd.DataFrame, lang: str) -> str:
    """How the city's targets have fared: GDP (``gdp_record_facts``) and the whole panel
    (``record_facts``)."""
    return prose.render(
        "record_overview", lang, gdp=gdp_record_facts(record), panel=record_facts(record)
    )


def release_note(record: pd.DataFrame, lang: str) -> str:
    """Which release each verdict rests on, why, and where two releases disagree
    (``record_facts``)."""
    return prose.render(
        "release_note", lang, panel=record_facts(record), names=_names_by_slug(record)
    )


def tolerance_note(sensitivity: pd.DataFrame, lang: str) -> str:
    """Which verdicts depend on the 左右 tolerance."""
    columns = [c for c in sensitivity.columns if c.startswith("tol_")]
    cases = [
        {
            "name": row,
            "year": row["year"],
            "actual": row["actual"],
            "target": row["target"],
            "met_from": next(c[4:] for c in columns if row[c] in ("met", "above_band")),
        }
        for _, row in sensitivity[sensitivity["depends"]].iterrows()
    ]
    return prose.render("tolerance_note", lang, tolerance=ABOUT_TOLERANCE_PP, cases=cases)


def record_summary_text(summary: pd.DataFrame, ratchet_summary: pd.DataFrame, lang: str) -> str:
    """Findings of the record notebook."""
    from zzreport.findings.frames import MIN_CASES, PANDEMIC_YEARS

    gdp = summary[summary["indicator"] == "gdp"]
    s = ratchet_summary.set_index("previous_outcome")
    missed = s.loc["missed"] if "missed" in s.index and s.loc["missed", "n"] else None
    return prose.render(
        "record_summary",
        lang,
        gdp=gdp.iloc[0] if len(gdp) else None,
        pass_through=None if missed is None else missed["mean_pass_through"] * 100,
        n_missed=None if missed is None else int(missed["n"]),
        n_missed_wording=None if missed is None else int(missed["n_wording_changed"]),
        # every other indicator by name, in two groups: no "the other 3" that leaves a reader
        # counting which ones are meant
        others=text.indicator_names(
            summary[summary["enough"] & (summary["indicator"] != "gdp")], lang
        ),
        thin=text.indicator_names(summary[~summary["enough"]], lang),
        min_years=MIN_CASES,
        pandemic_years=list(PANDEMIC_YEARS),
    )
