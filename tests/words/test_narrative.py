"""Every narrative template survives other data: empty lists, one against many, a target
above, equal to and below its result, each bound, missing values, a theme with no targets;
and every passage renders from the real findings in both languages.

The edge cases are rendered with hand-made facts (no notebook runs); every passage is checked
for an empty list, a dangling separator, a leftover placeholder, and for direction words that
agree with the sign of the numbers. Expected numbers are written out here, not recomputed
with the formatters under test. The last test renders each passage from the real findings,
so that renaming a fact fails a fast test.
"""

from __future__ import annotations

import dataclasses
import importlib
import re

import jinja2
import pytest

from zzreport.findings.hindsight import HindsightFacts
from zzreport.findings.record import GdpRecordFacts, RecordFacts
from zzreport.findings.scorecard import ScorecardFacts
from zzreport.words import prose, text

LANGS = ("en", "zh")


def clean(passage: str) -> str:
    """``passage`` after the checks every rendered passage must pass."""
    assert passage.strip(), "empty passage"
    assert "()" not in passage and "()" not in passage, passage
    assert not re.search(r"[,,、;;:]\s*[。.)\n]", passage), passage  # dangling separator
    assert not re.search(r":\s*\.|: *。|:。", passage), passage  # "…: ."
    assert not re.search(r"\b(None|nan|NaN)\b", passage), passage
    assert "{{" not in passage and "{%" not in passage, passage
    assert "  " not in passage.replace("\n", " ").strip() or "|" in passage, passage
    return passage


def row(name_en: str, name_zh: str, **values: object) -> dict[str, object]:
    return {"name_en": name_en, "name_zh": name_zh, **values}


GDP = row("GDP", "地区生产总值")
IVA = row("Industrial value added", "规上工业增加值")
FAI = row("Fixed-asset investment", "固定资产投资")


def rate(name: dict, actual: float, target: float, bound: object) -> dict[str, object]:
    return {
        "indicator": name["name_en"],
        "name": name,
        "actual": actual,
        "target": target,
        "bound": bound,
        "change": round(target - actual, 6),
    }


# --- growth_detail: direction words and bounds come from the data --------------------------


@pytest.mark.parametrize(
    "actual, target, en_word, zh_word",
    [(6.0, 5.0, "below", "低于"), (5.0, 6.0, "above", "高于"), (5.0, 5.0, "level with", "等于")],
)
@pytest.mark.parametrize(
    "bound, en_bound, zh_bound",
    [
        ("at_least", "at least ", "以上"),
        ("about", "about ", "左右"),
        ("exact", "", ""),
        (None, "", ""),
    ],
)
def test_growth_detail_one_target_each_sign_and_bound(
    actual, target, en_word, zh_word, bound, en_bound, zh_bound
) -> None:
    facts = {"low": rate(GDP, actual, target, bound), "high": None}
    en = clean(prose.render("growth_detail", "en", **facts))
    zh = clean(prose.render("growth_detail", "zh", **facts))
    assert f"{en_bound}{target:g}% after {actual:g}%" in en
    assert f"{en_word} the 2023 result" in en
    assert f"目标{target:g}%{zh_bound}（" in zh and f"{zh_word}2023年实绩" in zh
    opposite = {"below": "above", "above": "below", "level with": "below"}[en_word]
    assert opposite not in en


def test_growth_detail_applies_bounds_at_both_ends() -> None:
    facts = {"low": rate(IVA, 12.8, 9.0, "at_least"), "high": rate(FAI, 6.8, 8.0, "at_least")}
    zh = clean(prose.render("growth_detail", "zh", **facts))
    assert "目标9%以上" in zh and "目标8%以上" in zh
    en = clean(prose.render("growth_detail", "en", **facts))
    assert "at least 9% after 12.8% (-3.8 pp), a floor below" in en
    assert "at least 8% after 6.8% (+1.2 pp), a floor above" in en


@pytest.mark.parametrize("lang", LANGS)
def test_growth_detail_without_growth_targets(lang) -> None:
    clean(prose.render("growth_detail", lang, low=None, high=None))


# --- growth_summary: the GDP sentence follows the sign and the band ------------------------


@pytest.mark.parametrize(
    "actual, target, en_points, zh_words, band_en, band_zh",
    [
        (5.4, 5.0, "-0.4 pp", "低0.4个百分点", "within", "区间内"),
        (5.0, 5.4, "+0.4 pp", "高0.4个百分点", "within", "区间内"),
        (5.0, 5.0, "0 pp", "与2023年实绩持平", "within", "区间内"),
        (8.0, 5.0, "-3 pp", "低3个百分点", "outside", "区间外"),
    ],
)
def test_growth_summary_gdp_sign_and_band(
    actual, target, en_points, zh_words, band_en, band_zh
) -> None:
    facts = {
        "gdp": rate(GDP, actual, target, "about"),
        "band": 1.0,
        "cut": [],
        "raised": [],
        "no_base": [],
    }
    en = clean(prose.render("growth_summary", "en", **facts))
    zh = clean(prose.render("growth_summary", "zh", **facts))
    assert f"about {target:g}% is {en_points} against" in en and f"{band_en} the ±1-point" in en
    assert zh_words in zh and band_zh in zh
    assert "cuts none and raises none" in en and "下调的有无，上调的有无" in zh


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("no_base", [[], ["Qa"], ["Qa", "Qb", "Qc"]])
def test_growth_summary_lists(lang, no_base) -> None:
    passage = clean(
        prose.render(
            "growth_summary",
            lang,
            gdp=None,
            band=1.0,
            cut=["Qx"],
            raised=["Qy", "Qz"],
            no_base=no_base,
        )
    )
    assert ("Qa" in passage) == bool(no_base)
    if lang == "en" and no_base:
        assert ("Qa has no" in passage) == (len(no_base) == 1)


# --- lists that may be empty ---------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "failed, n_can_fail",
    [
        ([], 0),
        ([], 9),
        ([{"name": "Check one", "kind": "identity"}], 9),
        ([{"name": "Check one", "kind": "identity"}, {"name": "Check two", "kind": "claim"}], 9),
    ],
)
@pytest.mark.parametrize("missed", [[], ["Vehicle output"], ["A", "B"]])
def test_feasibility_summary(lang, failed, n_can_fail, missed) -> None:
    passage = clean(
        prose.render(
            "feasibility_summary",
            lang,
            failed=failed,
            n_can_fail=n_can_fail,
            untold=["an untold claim"] if n_can_fail else [],
            missed=missed,
        )
    )
    for check in failed:
        assert check["name"] in passage and text.label(check["kind"], lang) in passage
    if not failed and n_can_fail:
        assert f"{n_can_fail}" in passage
    assert ("an untold claim" in passage) == bool(n_can_fail)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "lists",
    [
        {"more": [], "less": [], "similar": [], "missing": []},
        {"more": ["A"], "less": ["B", "C"], "similar": [], "missing": ["D"]},
        {"more": ["A", "B", "C"], "less": [], "similar": ["E"], "missing": []},
    ],
)
def test_growth_overview(lang, lists) -> None:
    passage = clean(prose.render("growth_overview", lang, band=1.0, **lists))
    for names in lists.values():
        assert all(name in passage for name in names)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("down", [[], ["A"], ["A", "B"]])
def test_yoy_summary(lang, down) -> None:
    passage = clean(prose.render("yoy_summary", lang, down=down, n_derived=1))
    if lang == "en" and down:
        assert f"{len(down)} {'target is' if len(down) == 1 else 'targets are'} below" in passage


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "top, bottom, rise, fall",
    [(5.0, -3.0, True, True), (5.0, 1.0, True, False), (-1.0, -3.0, False, True)],
)
def test_yoy_overview_names_a_rise_or_fall_only_with_that_sign(
    lang, top, bottom, rise, fall
) -> None:
    passage = clean(
        prose.render(
            "yoy_overview",
            lang,
            n_levels=2,
            n_up=int(top > 0) + int(bottom > 0),
            n_down=int(top < 0) + int(bottom < 0),
            top={"name": GDP, "change": top},
            bottom={"name": FAI, "change": bottom},
            n_excluded=0,
        )
    )
    assert (("largest rise" in passage) if lang == "en" else ("升幅最大" in passage)) == rise
    assert (("largest fall" in passage) if lang == "en" else ("降幅最大" in passage)) == fall


@pytest.mark.parametrize("lang", LANGS)
def test_yoy_overview_with_no_levels(lang) -> None:
    clean(
        prose.render(
            "yoy_overview", lang, n_levels=0, n_up=0, n_down=0, top=None, bottom=None, n_excluded=0
        )
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("n_targets, n_stretch, n_pairs", [(0, 0, 0), (1, 0, 1), (6, 2, 3)])
def test_theme_overview_with_and_without_targets(lang, n_targets, n_stretch, n_pairs) -> None:
    passage = clean(
        prose.render(
            "theme_overview",
            lang,
            theme="green",
            n_figures=4 + n_targets,
            n_actual=4,
            n_targets=n_targets,
            n_stretch=n_stretch,
            n_pairs=n_pairs,
            n_indicators=max(0, n_pairs - 1),
        )
    )
    assert ("力争" in passage) == bool(n_stretch)
    if lang == "en":
        assert f"{n_targets} {'target' if n_targets == 1 else 'targets'} for 2024" in passage


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("top", [None, {"name": GDP, "change": -4.0}])
def test_theme_summary(lang, top) -> None:
    passage = clean(prose.render("theme_summary", lang, top=top, n_noted=0))
    assert ("-4%" in passage) == (top is not None)


@pytest.mark.parametrize("n_noted", [0, 2])
def test_the_chinese_theme_summary_says_where_its_notes_are(n_noted) -> None:
    passage = clean(prose.render("theme_summary", "zh", top=None, n_noted=n_noted))
    assert ("英文版" in passage) == bool(n_noted)


def test_the_notes_are_still_english_only_as_the_chinese_summary_says() -> None:
    """The Chinese summary sends readers to the English page for the notes: true while the
    Chinese table of figures has no note column. When Chinese notes arrive, this fails, and
    the pointer in prose/zh/theme_summary.md.j2 should go."""
    import zzreport
    from zzreport.display import tables

    frame = zzreport.load_indicators()
    theme = frame.loc[frame["note"].notna(), "section"].iloc[0]
    en, zh = (tables.figures_table(frame, theme, lang) for lang in ("en", "zh"))
    assert len(zh.columns) == len(en.columns) - 1


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "n_unquantified, n_stretch, n_pairs", [(0, 0, 0), (2, 0, 5), (0, 3, 5), (2, 3, 5)]
)
def test_glance_overview(lang, n_unquantified, n_stretch, n_pairs) -> None:
    passage = clean(
        prose.render(
            "glance_overview",
            lang,
            n_figures=20,
            n_actual=10,
            n_targets=10,
            n_unquantified=n_unquantified,
            n_stretch=n_stretch,
            n_pairs=n_pairs,
            n_indicators=max(0, n_pairs - 1),
            n_comparable=n_pairs,
        )
    )
    assert ("力争" in passage) == bool(n_stretch)
    if n_pairs and lang == "en":  # pairs and indicators are counted apart (one can pair twice)
        assert f"**{n_pairs}** pairs ({n_pairs - 1} indicators)" in passage


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("gdp", [None, rate(GDP, 5.0, 6.0, "about"), rate(GDP, 5.0, 6.0, None)])
def test_glance_summary(lang, gdp) -> None:
    passage = clean(prose.render("glance_summary", lang, top="green", top_n=3, gdp=gdp))
    assert ("6%" in passage) == (gdp is not None)
    if gdp is not None and gdp["bound"] is None:
        assert "about" not in passage and "左右" not in passage


def test_glance_summary_bound_comes_from_the_data() -> None:
    assert "at least 6%" in prose.render(
        "glance_summary", "en", top="green", top_n=3, gdp=rate(GDP, 5.0, 6.0, "at_least")
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "worst",
    [
        [],
        [{"name": GDP, "margin": -1.2, "unit": "pp"}],
        [{"name": GDP, "margin": -1.2, "unit": "pp"}, {"name": FAI, "margin": -7.5, "unit": "%"}],
    ],
)
@pytest.mark.parametrize("n_missed", [0, 1, 4])
def test_outcomes_summary(lang, worst, n_missed) -> None:
    passage = clean(
        prose.render(
            "outcomes_summary",
            lang,
            n_missed=n_missed,
            n_met=3,
            stretch_missed=0,
            stretch_met=1,
            worst=worst,
            n_assessed=5,
            n_reposted=0,
            by_release=[("first", 3), ("unknown", 2)] if n_missed else [],
            n_later=n_missed,
        )
    )
    assert ("-1.2" in passage) == bool(worst)


def _group(n: int, pass_through: float, changed: int = 0) -> dict[str, object]:
    return {
        "n": n,
        "mean_change": -1.0,
        "pass_through": pass_through,
        "n_wording_changed": changed,
        "n_same_wording": n - changed,
        "pass_through_same_wording": pass_through,
        "cases": [
            {
                "name": GDP,
                "from": 2022 + i,
                "to": 2023 + i,
                "change": -1.0,
                "wording": ("", "以上") if i < changed else None,
                "lockdown": 2022 + i == 2022,
            }
            for i in range(n)
        ],
    }


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "missed, over, compare",
    [
        (None, None, False),
        (_group(1, 60), None, False),
        (None, _group(2, 20), False),
        (_group(4, 66, changed=2), _group(1, 21), False),
        (_group(3, 60), _group(3, 20), True),
    ],
)
def test_ratchet_note_never_claims_asymmetry_without_enough_cases(
    lang, missed, over, compare
) -> None:
    passage = clean(
        prose.render(
            "ratchet_note",
            lang,
            missed=missed,
            over=over,
            compare=compare,
            min_cases=3,
            n_steps=8,
            n_wording_changed=2,
        )
    )
    says_no_evidence = (
        "no evidence of an asymmetric" in passage
        if lang == "en"
        else "不能据此称为不对称" in passage
    )
    assert says_no_evidence == bool(missed and over and not compare)
    if missed and missed["n_wording_changed"]:
        assert ("以上" in passage) and (("lockdown year" in passage) or ("封控年份" in passage))


@pytest.mark.parametrize("lang", LANGS)
def gdp_facts(years: tuple[int, ...], missed: int) -> GdpRecordFacts:
    calm = tuple(y for y in years if y not in (2020, 2022))
    return GdpRecordFacts(
        years=years,
        missed=missed,
        years_outside_pandemic=calm,
        missed_outside_pandemic=min(missed, len(calm)),
        pandemic_years=(2020, 2022),
        flips=(),
    )


def panel_facts(**changes: object) -> RecordFacts:
    base = RecordFacts(
        first_year=2019,
        last_year=2025,
        indicators=2,
        judged=5,
        met=2,
        missed=3,
        judged_outside_pandemic=3,
        missed_outside_pandemic=1,
        per_indicator=(("gdp", 3, 1, 2), ("retail_sales", 2, 1, 1)),
        by_release=(("first", 4), ("projection", 1)),
        disagree=(),
        low_grade_only=(),
    )
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("years", [(), (2023,), (2021, 2022, 2023)])
def test_record_overview(lang, years) -> None:
    passage = clean(
        prose.render(
            "record_overview",
            lang,
            gdp=gdp_facts(years, min(1, len(years))),
            panel=panel_facts(judged=len(years)),
        )
    )
    assert str(len(years)) in passage if years else passage


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"disagree": (("gdp", 2022, "first", "met", "revised", "missed"),)},
        {"low_grade_only": (("gdp", 2019),), "by_release": (("first", 5),)},
    ],
)
def test_release_note(lang, changes) -> None:
    names = {"gdp": GDP, "retail_sales": GDP}
    passage = clean(prose.render("release_note", lang, panel=panel_facts(**changes), names=names))
    if "disagree" in changes:
        assert "2022" in passage
    if "low_grade_only" in changes:
        assert "2019" in passage


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "cases", [[], [{"name": GDP, "year": 2025, "actual": 5.4, "target": 6.0, "met_from": "1"}]]
)
def test_tolerance_note(lang, cases) -> None:
    clean(prose.render("tolerance_note", lang, tolerance=0.5, cases=cases))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "mean_gap, en, zh",
    [
        (-1.75, "-1.75 pp", "低1.75个百分点"),
        (0.5, "+0.5 pp", "高0.5个百分点"),
        (0.0, "0 pp", "持平"),
    ],
)
def test_record_summary_gap_sign(lang, mean_gap, en, zh) -> None:
    gdp = {
        "met": 1,
        "missed": 3,
        "years": "2022, 2023",
        "enough": True,
        "mean_gap": mean_gap,
        "mean_gap_outside_pandemic": float("nan"),
    }
    passage = clean(
        prose.render(
            "record_summary",
            lang,
            gdp=gdp,
            pass_through=None,
            others=[],
            thin=[],
            min_years=3,
            n_missed=None,
            n_missed_wording=None,
            pandemic_years=[2020, 2022],
        )
    )
    assert (en if lang == "en" else zh) in passage


@pytest.mark.parametrize("lang", LANGS)
def test_record_summary_with_nothing(lang) -> None:
    passage = prose.render(
        "record_summary",
        lang,
        gdp=None,
        pass_through=None,
        others=[],
        thin=[],
        min_years=3,
        n_missed=None,
        n_missed_wording=None,
        pandemic_years=[2020, 2022],
    )
    assert passage == ""


@pytest.mark.parametrize("lang", LANGS)
def test_record_summary_names_each_indicator_with_its_group(lang) -> None:
    """Made up: two indicators with enough judged years besides GDP, one without. Each is
    named, in the bullet of its group (no "the other 3" that leaves the reader counting)."""
    passage = clean(
        prose.render(
            "record_summary",
            lang,
            gdp=None,
            pass_through=None,
            others=["Alpha", "Beta"],
            thin=["Gamma"],
            min_years=3,
            n_missed=None,
            n_missed_wording=None,
            pandemic_years=[2020, 2022],
        )
    )
    bullets = [line for line in passage.splitlines() if line.startswith("- ")]
    assert len(bullets) == 2, passage
    assert "Alpha" in bullets[0] and "Beta" in bullets[0] and "Gamma" not in bullets[0]
    assert "Gamma" in bullets[1] and "Alpha" not in bullets[1]


@pytest.mark.parametrize("lang", LANGS)
def test_the_real_record_summary_accounts_for_every_indicator(lang) -> None:
    import zzreport
    from zzreport.words import narrative

    summary = zzreport.record_summary()
    passage = narrative.record_summary_text(summary, zzreport.ratchet_summary(), lang)
    missing = [
        name
        for name in text.indicator_names(summary[summary["indicator"] != "gdp"], lang)
        if name not in passage
    ]
    assert missing == [], passage


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("grades", [[], ["3 official"]])
def test_external_note(lang, grades) -> None:
    clean(prose.render("external_note", lang, n_rows=1, n_sources=1, grades=grades))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("n_can_fail, n_fail", [(0, 0), (1, 0), (9, 1)])
def test_feasibility_overview(lang, n_can_fail, n_fail) -> None:
    classes = ["below", "near", "above", "far_above"]
    passage = clean(
        prose.render(
            "feasibility_overview",
            lang,
            classes=classes,
            base=dict.fromkeys(classes, 1),
            last=dict.fromkeys(classes, 0),
            on_baseline=1,
            on_both=0,
            unclassed=["Unclassed GDP"] if n_fail else [],
            base_years=["2019", "2021", "2023"],
            wide_first=2019,
            wide_last=2023,
            n_can_fail=n_can_fail,
            n_untold=n_fail,
            n_hold=n_can_fail - n_fail,
            n_fail=n_fail,
            n_identities=7,
            n_identities_hold=7,
            n_implications=2,
            momentum=1.0,
            n_with_target=3,
            n_meets=1,
            n_left_out=0,
        )
    )
    if lang == "en" and n_can_fail == 1:
        assert "1 test that could show something" in passage and "1 holds and 0 do not" in passage
    if lang == "en":
        assert "7 of 7 sanity checks" in passage
    assert ("Unclassed GDP" in passage) == bool(n_fail)
    if lang == "en" and n_fail:
        assert "1 target is not classed" in passage and "1 more claim" in passage


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "check, facts, en_word",
    [
        ("airport_rebound", {"growth_2023": 175.0, "target": 2600.0, "asks": 2.5}, "more"),
        ("airport_rebound", {"growth_2023": 175.0, "target": 2500.0, "asks": -1.4}, "less"),
    ],
)
def test_check_explanation_direction_follows_the_sign(lang, check, facts, en_word) -> None:
    passage = clean(prose.render("check_explanation", lang, check=check, **facts))
    if lang == "en":
        assert f"{abs(facts['asks']):g}% {en_word}" in passage
    else:
        assert ("增长" if facts["asks"] > 0 else "下降") + f"{abs(facts['asks']):g}%" in passage


@pytest.mark.parametrize("lang", LANGS)
def test_every_consistency_check_is_explained_in_both_languages(lang) -> None:
    import zzreport
    from zzreport.display import tables

    checks = zzreport.consistency_checks()
    for _, check in checks.iterrows():
        clean(tables.check_explanation(check, lang))
        assert tables.check_name(check, lang)
    table = tables.checks_table(checks, lang)
    assert text.label("explanation", lang) in table.columns


def test_an_unknown_check_fails_loudly() -> None:
    import jinja2

    with pytest.raises(jinja2.UndefinedError):
        prose.render("check_explanation", "en", check="no_such_check")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "calls, right, meets_calls, meets_right",
    [(0, 0, 0, 0), (1, 1, 0, 0), (3, 2, 1, 0), (4, 3, 2, 1)],
)
def test_prediction_note_scores_only_explicit_calls(
    lang, calls, right, meets_calls, meets_right
) -> None:
    wrong = tuple(("x", "flow") for _ in range(meets_calls - meets_right))
    facts = HindsightFacts(
        calls=calls,
        right=right,
        meets_calls=meets_calls,
        meets_right=meets_right,
        wrong_meets=wrong,
    )
    names = [f"name{i}" for i in range(len(wrong))]
    passage = clean(prose.render("prediction_note", lang, facts=facts, wrong=names))
    assert "not scored" in passage if lang == "en" else "不计对错" in passage
    if calls and lang == "en":
        assert f"{right} of {calls}" in passage
    if meets_calls and not meets_right and lang == "en":
        assert "wrong" in passage and "name0" in passage


# --- the templates themselves (was test_prose.py) ---


def facts(**changes: object) -> ScorecardFacts:
    base = dict(
        targets=10,
        pools=0,
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
        unjudged=(),
        indicators_judged=0,
        indicators_met=0,
        indicators_missed=0,
        indicators_split=0,
        judged_twice=(),
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
    unjudged = [(reason, [f"name{i}" for i in range(len(keys))]) for reason, keys in made.unjudged]
    twice = [f"twice{i}" for i in range(len(made.judged_twice))]
    return prose.render(
        "outcomes_overview", lang, facts=made, grades=[], unjudged=unjudged, twice=twice, **names
    )


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
            "unjudged": (("target_unquantified", (("x", "growth"),)),),
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
    one = (("low_grade_only", (("a", "growth"),)),)
    two = (("other_scope", (("a", "flow"), ("b", "flow"))),)
    assert "1 target has an outcome" in overview("en", not_assessable=1, unjudged=one)
    assert "2 targets have an outcome" in overview("en", not_assessable=2, unjudged=two)
    assert "programme pools" in overview("en", pools=2)
    assert "programme pool" not in overview("en", pools=0)
    twice = overview("en", judged=3, indicators_judged=2, indicators_missed=2, judged_twice=("a",))
    assert "twice0 sets a growth and a level target" in twice and "on 2 indicators" in twice
    assert "sets a growth" not in overview("en", judged=2, indicators_judged=2)


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


# --- every passage from the real findings -----------------------------------------------------


def _real_passages(lang: str) -> dict[str, str]:
    """Each narrative passage rendered from the findings the notebooks use, so that a fact
    renamed in a findings module, or a template asking for a fact no longer given, fails here
    and not first in a notebook run."""
    import zzreport
    from zzreport.words import hierarchy_narrative, narrative

    frame, pairs, headline = (
        zzreport.load_indicators(),
        zzreport.target_pairs(),
        zzreport.headline_targets(),
    )
    card, record, summary = zzreport.scorecard(), zzreport.track_record(), zzreport.record_summary()
    ratchet, ratchet_summary = zzreport.target_ratchet(), zzreport.ratchet_summary()
    ladder = zzreport.target_ladder()
    peers, henan = zzreport.peer_scorecard(), zzreport.henan_targets()
    premiums, rest = zzreport.premium_record(), zzreport.rest_of_henan()
    checks, scenario = zzreport.consistency_checks(), zzreport.momentum_scenario(1.0)
    theme = str(frame["section"].iloc[0])
    return {
        "source_note": narrative.source_note(lang),
        "glance_overview": narrative.glance_overview(frame, pairs, lang),
        "glance_summary": narrative.glance_summary(frame, headline, lang),
        "yoy_overview": narrative.yoy_overview(pairs, lang),
        "yoy_summary": narrative.yoy_summary(pairs, zzreport.backcast(), lang),
        "theme_overview": narrative.theme_overview(frame, pairs, theme, lang),
        "theme_summary": narrative.theme_summary(frame, pairs, theme, lang),
        "verdict_rules": narrative.verdict_rules(lang),
        "outcomes_overview": narrative.outcomes_overview(card, lang),
        "outcomes_summary": narrative.outcomes_summary(card, frame, lang),
        "prediction_note": narrative.prediction_note(zzreport.feasibility_vs_outcome(), lang),
        "external_note": narrative.external_note(zzreport.load_external(), lang),
        "growth_overview": narrative.growth_overview(headline, lang),
        "growth_detail": narrative.growth_detail(headline, lang),
        "ratchet_note": narrative.ratchet_note(ratchet, ratchet_summary, lang),
        "growth_summary": narrative.growth_summary(headline, ratchet, lang),
        "feasibility_overview": narrative.feasibility_overview(
            zzreport.required_growth(), checks, scenario, lang
        ),
        "method_note": narrative.method_note(lang),
        "feasibility_summary": narrative.feasibility_summary(checks, scenario, lang),
        "premium_note": hierarchy_narrative.premium_note(premiums, lang),
        "record_overview": narrative.record_overview(record, lang),
        "release_note": narrative.release_note(record, lang),
        "tolerance_note": narrative.tolerance_note(zzreport.tolerance_sensitivity(), lang),
        "record_summary": narrative.record_summary_text(summary, ratchet_summary, lang),
        "ladder_note": hierarchy_narrative.ladder_note(ladder, lang),
        "rest_of_henan_note": hierarchy_narrative.rest_of_henan_note(rest, lang),
        "peers_note": hierarchy_narrative.peers_note(peers, lang),
        "henan_targets_note": hierarchy_narrative.henan_targets_note(henan, lang),
        "peers_data_note": hierarchy_narrative.peers_data_note(peers, henan, lang),
        "peers_overview": hierarchy_narrative.peers_overview(peers, premiums, lang),
        "peers_summary": hierarchy_narrative.peers_summary(peers, henan, premiums, rest, lang),
    }


@pytest.mark.parametrize("lang", LANGS)
def test_every_passage_renders_from_the_real_findings(lang) -> None:
    passages = _real_passages(lang)
    public = {
        name
        for module in ("narrative", "hierarchy_narrative")
        for name in dir(importlib.import_module(f"zzreport.words.{module}"))
        if not name.startswith("_") and name.endswith(("_note", "_overview", "_summary", "_detail"))
    }
    # every passage the notebooks can call is rendered here (record_summary_text as record_summary)
    assert public - {"record_summary_text"} <= set(passages), public - set(passages)
    for name, passage in passages.items():
        assert passage.strip(), name
        # real prose may say "financial" or "None of": look for the words alone
        assert not re.search(r"\b(None|nan|NaN)\b|\{\{|\}\}", passage), (name, passage)


@pytest.mark.parametrize(
    ("n", "rows", "sources", "en"),
    [
        (12, 12, 1, "2025 target (12 cities; 12 rows from 1 source)"),
        (1, 2, 3, "2025 target (1 city; 2 rows from 3 sources)"),
    ],
)
def test_a_target_column_header_counts_in_the_right_number(n, rows, sources, en) -> None:
    """The peers' column header once read "12 rows from 1 sources"."""
    facts = {"year": 2025, "n": n, "rows": rows, "sources": sources}
    assert prose.render("target_in_year_header", "en", **facts) == en
    zh = prose.render("target_in_year_header", "zh", **facts)
    assert zh == f"2025年目标（{n}个城市；{sources}个来源的{rows}行）"
