"""The passages of notebook 08 survive other data: a base rate given only with enough cases
(else the cases are listed), a target that does not rank first, ties, a window with too few
years, readings that disagree, two levels that are never "each level", a ceiling, a year with
no target to split. Facts are made up here; every passage must pass the same checks as the
other notebooks' (no empty list, dangling separator, leftover placeholder or double space)."""

from __future__ import annotations

import dataclasses
import math
import re

import pandas as pd
import pytest

from zzreport.findings.hierarchy import AmplificationFacts, LeftOut, PremiumCase, PremiumWindow
from zzreport.findings.peers import PeerFacts
from zzreport.words import hierarchy_narrative, prose

LANGS = ("en", "zh")


def clean(passage: str) -> str:
    assert passage.strip(), "empty passage"
    assert "()" not in passage and "()" not in passage, passage
    assert not re.search(r"[,,、;;:]\s*[。.)\n]", passage), passage
    assert not re.search(r"\b(None|nan|NaN)\b", passage), passage
    assert "{{" not in passage and "{%" not in passage, passage
    assert "  " not in passage.replace("\n", " ").strip() or "|" in passage, passage
    return passage


def peer_facts(**changes: object) -> PeerFacts:
    base = PeerFacts(
        year=2024,
        group="national_central_city",
        n_members=9,
        target=7.0,
        target_bound="about",
        target_rank=1,
        n_targets=7,
        n_tied_target=0,
        result=5.7,
        release="first",
        result_rank=1,
        n_results=6,
        n_tied_result=1,
        verdict="missed",
        gap=-1.3,
        gap_rank=2,
        n_judged=6,
        peers_judged=("beijing", "tianjin", "shanghai", "guangzhou", "chongqing"),
        peers_missed=("guangzhou",),
        peers_above_band=("tianjin",),
        n_peers=8,
        enough=True,
        share_missed=20.0,
        lacking_target=("chengdu", "xian"),
        lacking_result=("wuhan", "xian"),
        low_grade_results=("chengdu",),
        low_grade_targets=("guangzhou",),
        n_peers_graded=4,
        n_missed_graded=0,
        n_rows=20,
        n_sources=19,
        min_cases=3,
    )
    return dataclasses.replace(base, **changes)


def render_peers(facts: PeerFacts, lang: str) -> str:
    return clean(
        prose.render(
            "peers_note",
            lang,
            facts=facts,
            missed=[hierarchy_narrative._place(g) for g in facts.peers_missed],
            above=[hierarchy_narrative._place(g) for g in facts.peers_above_band],
            judged=[hierarchy_narrative._place(g) for g in facts.peers_judged],
            lacking_target=[hierarchy_narrative._place(g) for g in facts.lacking_target],
            lacking_result=[hierarchy_narrative._place(g) for g in facts.lacking_result],
            low_results=[hierarchy_narrative._place(g) for g in facts.low_grade_results],
            low_targets=[hierarchy_narrative._place(g) for g in facts.low_grade_targets],
            other=None,
        )
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_base_rate_is_given_with_enough_cases(lang) -> None:
    passage = render_peers(peer_facts(), lang)
    assert "20%" in passage
    assert ("Guangzhou" in passage) if lang == "en" else ("广州" in passage)
    assert ("19 distinct sources" in passage) if lang == "en" else ("19个不同来源" in passage)
    # the base rate without the target only a low-quality page states
    assert ("0 of 4 peers missed" in passage) if lang == "en" else ("4个同类城市中0个" in passage)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("judged", [("shanghai",), ("shanghai", "chongqing", "chengdu")])
def test_too_few_peers_are_listed_not_counted(lang, judged) -> None:
    facts = peer_facts(
        peers_judged=judged, peers_missed=judged[:1], enough=False, share_missed=math.nan
    )
    passage = render_peers(facts, lang)
    assert "base rate of" not in passage and "未完成比例为" not in passage
    assert ("no base rate" in passage) if lang == "en" else ("不计算未完成比例" in passage)
    assert ("Shanghai" in passage) if lang == "en" else ("上海" in passage)
    if lang == "en":
        assert ("fewer than 3" in passage) == (len(judged) < 3)


@pytest.mark.parametrize("lang", LANGS)
def test_a_target_that_does_not_rank_first_is_ranked(lang) -> None:
    facts = peer_facts(target_rank=3, result_rank=4, n_tied_result=0, verdict="met", gap=0.4)
    passage = render_peers(facts, lang)
    assert ("3rd-highest" in passage) if lang == "en" else ("排第3" in passage)
    assert "height of the target" not in passage and "目标定得高" not in passage


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("enough", [True, False])
def test_headline(lang, enough) -> None:
    facts = peer_facts(enough=enough)
    passage = clean(prose.render("headline_peers", lang, **dataclasses.asdict(facts)))
    assert ("**1**" in passage) is enough


def window(other: str, pandemic_in: bool, n: int, excess: float = 1.5) -> PremiumWindow:
    cases = tuple(PremiumCase(2020 + i, 2.0, 2.0 - excess) for i in range(n))
    enough = n >= 3
    reading = ("asks_more" if excess > 1 else "in_line") if enough else None
    return PremiumWindow(
        other=other,
        pandemic_in=pandemic_in,
        years=tuple(c.year for c in cases),
        n=n,
        enough=enough,
        target_premium=2.0 if enough else math.nan,
        delivered_premium=2.0 - excess if enough else math.nan,
        excess=excess if enough else math.nan,
        reading=reading,
        cases=cases,
        n_exceeded=n,
        lowest_delivered=2.0 - excess if n else math.nan,
        highest_delivered=2.0 - excess if n else math.nan,
    )


def amplification(windows: tuple[PremiumWindow, ...], left_out=()) -> AmplificationFacts:
    return AmplificationFacts(
        first_year=2019,
        last_year=2025,
        pandemic_years=(2020, 2022),
        windows=windows,
        left_out=tuple(left_out),
        band_point="midpoint",
        band_years=(2019,),
        band_years_counted=(),
        band_pp=1.0,
        min_cases=3,
    )


def render_premiums(facts: AmplificationFacts, lang: str) -> str:
    by = {f"{w.other}_{'in' if w.pandemic_in else 'out'}": w for w in facts.windows}
    return clean(prose.render("premium_note", lang, facts=facts, by=by))


@pytest.mark.parametrize("lang", LANGS)
def test_amplification_reads_only_means_over_enough_years(lang) -> None:
    facts = amplification(
        (
            window("henan", True, 2),
            window("henan", False, 2),
            window("china", True, 5),
            window("china", False, 4),
        ),
        [LeftOut("henan", 2020, "no_target", "henan")],
    )
    passage = render_premiums(facts, lang)
    assert ("fewer than 3, so no mean" in passage) if lang == "en" else ("不计平均" in passage)
    assert (
        ("2020 (no Henan target)" in passage)
        if lang == "en"
        else ("2020年（河南省无目标）" in passage)
    )
    # dates neither rule amplification in nor out, whatever the data
    assert (
        ("say nothing about how a target was set" in passage)
        if lang == "en"
        else ("不能说明目标是如何确定的" in passage)
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("n_prior", [0, 1])
def test_the_premium_gap_is_named_a_restated_record_and_the_prior_test_is_listed(
    lang, n_prior
) -> None:
    """The means' gap is the two misses restated, whatever it is, so no window reads as
    amplification; the test against the premium delivered before is listed, below three
    cases, and says so when the record has none."""
    import dataclasses

    from zzreport.findings.hierarchy import PriorCase

    facts = amplification(
        (
            window("henan", True, 3, excess=2.5),
            window("henan", False, 3, excess=2.5),
            window("china", True, 5, excess=2.5),
            window("china", False, 4, excess=2.5),
        )
    )
    prior = (PriorCase("china", 2025, 1.0, 2024, 0.7),)[:n_prior]
    passage = render_premiums(dataclasses.replace(facts, prior=prior), lang)
    assert ("restates the target record" in passage) if lang == "en" else ("重述" in passage)
    assert "would look like" not in passage and "正是层层加码" not in passage
    if n_prior:
        assert ("too few for a mean" in passage) if lang == "en" else ("太少" in passage)
        assert "2025" in passage and "2024" in passage
    else:
        assert ("cannot be tested" in passage) if lang == "en" else ("无法检验" in passage)


@pytest.mark.parametrize("lang", LANGS)
def test_two_levels_are_never_each_level_and_a_ceiling_has_no_premium(lang) -> None:
    frame = pd.DataFrame.from_records(
        [
            {
                "indicator": "retail_sales",
                "name_en": "Retail sales",
                "name_zh": "社会消费品零售总额",
                "n_levels": 2,
                "ordering": "above_the_level_above",
            },
            {
                "indicator": "unemployment_rate",
                "name_en": "Unemployment",
                "name_zh": "城镇调查失业率",
                "n_levels": 2,
                "ordering": "ceiling",
            },
        ]
    )
    passage = clean(hierarchy_narrative.ladder_note(frame, lang))
    assert ('not "higher at each level"' in passage) if lang == "en" else ("不能说" in passage)
    assert ("no premium" in passage) if lang == "en" else ("不计算高出幅度" in passage)
    assert "all three levels" not in passage and "三级都" not in passage


@pytest.mark.parametrize("lang", LANGS)
def test_a_year_without_a_henan_target_is_not_split(lang) -> None:
    rest = pd.DataFrame.from_records(
        [
            {
                "year": 2023,
                "weight": 0.25,
                "weight_year": 2023,
                "rest_result": 3.0,
                "zhengzhou_result": 6.0,
                "henan_result": 3.75,
                "henan_target": math.nan,
                "zhengzhou_target": 7.0,
                "shortfall": math.nan,
                "city_contribution": math.nan,
                "rest_contribution": math.nan,
                "rest_needed": math.nan,
            }
        ]
    )
    passage = clean(hierarchy_narrative.rest_of_henan_note(rest, lang))
    assert "25%" in passage
    assert ("no shortfall to split" in passage) if lang == "en" else ("无法分解差距" in passage)


@pytest.mark.parametrize("lang", LANGS)
def test_the_index_card_headline_states_the_peer_facts(lang) -> None:
    """Notebook 08's card names peer_facts: each number of its headline is one of them."""
    from zzreport.data import paths
    from zzreport.findings.peers import peer_facts as real_facts
    from zzreport.publish import site

    facts = real_facts()
    line = site.headline(paths.NOTEBOOKS_DIR / "08-peers-and-hierarchy.ipynb", lang)
    missed, judged = len(facts.peers_missed), len(facts.peers_judged)
    # "1 of 5 peers missed"; "5个同类城市中1个未完成": the count of peers comes first
    tail = [missed, judged] if lang == "en" else [judged, missed]
    expected = [facts.year, facts.n_targets, *tail]
    assert [int(n) for n in re.findall(r"\d+", line)] == expected
