"""Prose templates survive other data: empty lists, one against many, every result kind."""

from __future__ import annotations

import dataclasses
import re

import jinja2
import pytest

from zzreport.findings.scorecard import ScorecardFacts
from zzreport.words import prose

LANGS = ("en", "zh")


def facts(**changes: object) -> ScorecardFacts:
    base = dict(
        targets=10,
        judged=0,
        met=0,
        above_band=0,
        missed=0,
        cannot_tell=0,
        derived=0,
        sources_disagree=0,
        not_assessable=0,
        no_outcome_data=10,
        indications=0,
        met_indicators=(),
        missed_indicators=(),
        derived_indicators=(),
        disagree_indicators=(),
    )
    return dataclasses.replace(ScorecardFacts(**base), **changes)


def overview(lang: str, **changes: object) -> str:
    made = facts(**changes)
    names = {
        key: [f"name{i}" for i in range(n)]
        for key, n in (
            ("met", made.met),
            ("missed", made.missed),
            ("derived", made.derived),
            ("disagree", made.sources_disagree),
        )
    }
    return prose.render("outcomes_overview", lang, facts=made, grades=[], **names)


def assert_clean(passage: str) -> None:
    assert "()" not in passage and "()" not in passage
    assert not re.search(r"[,,、]\s*[。.)]", passage), passage  # a dangling separator
    assert "None" not in passage and "nan" not in passage


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "changes",
    [
        {},  # nothing judged at all
        {"judged": 1, "met": 1, "no_outcome_data": 9},  # one met
        {"judged": 3, "met": 1, "missed": 2, "no_outcome_data": 7},  # one against many
        {"judged": 2, "above_band": 1, "cannot_tell": 1, "no_outcome_data": 8},
        {
            "judged": 2,
            "missed": 2,
            "derived": 2,
            "sources_disagree": 1,
            "not_assessable": 1,
            "indications": 3,
            "no_outcome_data": 5,
        },
    ],
)
def test_outcomes_overview_edge_cases(lang, changes) -> None:
    passage = overview(lang, **changes)
    assert_clean(passage)
    made = facts(**changes)
    assert str(made.targets) in passage and str(made.no_outcome_data) in passage
    if not made.derived:
        assert "derived" not in passage and "推算" not in passage
    if not made.sources_disagree:
        assert "disagree" not in passage and "不一致" not in passage


def test_plural_follows_the_count() -> None:
    assert "1 target has an outcome" in overview("en", not_assessable=1)
    assert "2 targets have an outcome" in overview("en", not_assessable=2)


@pytest.mark.parametrize("lang", LANGS)
def test_verdict_rules_state_the_tolerances_the_code_uses(lang) -> None:
    from zzreport.findings import verdicts
    from zzreport.words import narrative

    passage = narrative.verdict_rules(lang)
    assert f"{verdicts.ABOUT_TOLERANCE_PP:g}" in passage
    assert f"{verdicts.ABOUT_TOLERANCE_RELATIVE * 100:g}%" in passage


def test_every_template_exists_in_every_language() -> None:
    names = {
        lang: sorted(p.name for p in (prose.PROSE_DIR / lang).glob("*.md.j2")) for lang in LANGS
    }
    assert names["en"] and names["en"] == names["zh"]


def test_a_missing_fact_fails_loudly() -> None:
    with pytest.raises(jinja2.UndefinedError):
        prose.render("outcomes_overview", "en", facts=facts())


def test_an_empty_list_is_never_joined() -> None:
    with pytest.raises(ValueError, match="empty list"):
        prose.environment("en").from_string("{{ [] | join }}").render()


def test_an_unknown_language_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="lang='fr' is not allowed; expected one of en, zh"):
        prose.render("outcomes_overview", "fr")
