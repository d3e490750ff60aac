"""Number and unit formatting for prose and tables."""

from __future__ import annotations

import math

import pytest

from zzreport.findings.consistency import CHECK_KINDS
from zzreport.findings.feasibility import DIFFICULTY_ORDER
from zzreport.findings.headline import DIRECTIONS_OF_TRAVEL
from zzreport.findings.pairs import PAIR_CAVEATS, UNQUANTIFIED
from zzreport.words import text


@pytest.mark.parametrize(
    "value, unit, lang, expected",
    [
        (2918.1, "亿元", "en", "291.81 billion yuan"),
        (2918.1, "亿元", "zh", "2,918.1亿元"),
        (22.7, "万人", "en", "227,000 people"),
        (31.6704, "万辆", "en", "316,700 vehicles"),  # derived: no finer than the source's 万
        (1.7, "亿人次", "en", "170 million person-trips"),
        (7.4, "%", "en", "7.4%"),
        (math.nan, "万辆", "en", "–"),
    ],
)
def test_quantity(value, unit, lang, expected) -> None:
    assert text.quantity(value, unit, lang) == expected


def test_points_and_percent() -> None:
    assert text.points(-3.8, "en") == "-3.8 pp"
    assert text.points(1.2, "zh") == "+1.2个百分点"
    assert text.percent(121.5189, signed=True) == "+121.5%"
    assert text.number(-0.04) == "0"


def test_join() -> None:
    assert text.join(["a", "b", "c"], "en") == "a, b and c"
    assert text.join(["甲", "乙"], "zh") == "甲和乙"
    assert text.join([], "en") == ""


def test_short_name_drops_the_gloss() -> None:
    assert (
        text.short_name({"name_en": "Gross domestic product (GDP)", "name_zh": "x"}, "en")
        == "Gross domestic product"
    )
    assert (
        text.short_name({"name_en": "x", "name_zh": "吸引留郑大学生(两年累计)"}, "zh")
        == "吸引留郑大学生"
    )


def test_every_vocabulary_value_has_both_languages() -> None:
    from zzreport.data import schema

    keys = [
        *schema.MEASURES,
        *schema.BOUNDS,
        *DIFFICULTY_ORDER,
        "not_comparable",
        "no_2023_growth_known",
        *DIRECTIONS_OF_TRAVEL,
        "level_over_growth",
        "stock_minus_additions",
        "not_assessed",
        *CHECK_KINDS,
        *(f"theme.{s}" for s in schema.SECTIONS),
        *(f"pair_caveat.{k}" for k in [*PAIR_CAVEATS, UNQUANTIFIED]),
        *(f"grade.{g}" for g in ("primary", *schema.QUALITIES)),
    ]
    for key in keys:
        for lang in text.LANGS:
            assert text.label(key, lang), (key, lang)


def test_every_entry_of_the_words_file_has_both_languages() -> None:
    entries = text.words()
    assert len(entries) > 300
    for key, entry in entries.items():
        # the data dictionary's English is datapackage.json's (tests/test_site.py checks both)
        assert set(entry) == ({"zh"} if key.startswith("column_zh.") else set(text.LANGS)), key
        # only a counting unit may have no English word (个, 条: "5 items" says nothing more)
        assert all(
            isinstance(v, str) and (v or key.startswith("unit_name.")) for v in entry.values()
        ), key


def test_a_missing_key_or_language_fails_loudly(monkeypatch) -> None:
    with pytest.raises(
        KeyError, match="words.toml has no entry 'no_such_key' \\(asked for 'en'\\)"
    ):
        text.label("no_such_key", "en")
    monkeypatch.setitem(text.words(), "half_done", {"en": "only English"})
    with pytest.raises(KeyError, match="entry 'half_done' has no 'zh' text"):
        text.label("half_done", "zh")
    assert text.label("half_done", "en") == "only English"
    with pytest.raises(ValueError, match="lang='fr' is not allowed"):
        text.label("indicator", "fr")


def test_the_words_file_ships_with_the_package() -> None:
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    data = project["tool"]["setuptools"]["package-data"]["zzreport"]
    assert "words/words.toml" in data and any(p.startswith("words/templates/prose") for p in data)


@pytest.mark.parametrize(
    "value, expected_en, expected_zh",
    [(1.5, "above", "高于"), (-0.2, "below", "低于"), (0.0, "level with", "等于")],
)
def test_sign_words_follow_the_sign(value, expected_en, expected_zh) -> None:
    assert text.sign_word(value, "than_result", "en") == expected_en
    assert text.sign_word(value, "than_result", "zh") == expected_zh


def test_sign_word_refuses_a_missing_number() -> None:
    with pytest.raises(ValueError, match="missing value"):
        text.sign_word(math.nan, "than_result", "en")


@pytest.mark.parametrize(
    "bound, en, zh",
    [
        ("at_least", "at least", "以上"),
        ("about", "about", "左右"),
        ("at_most", "at most", "以下"),
        ("exact", "", ""),
        (None, "", ""),
        (math.nan, "", ""),
    ],
)
def test_bound_words(bound, en, zh) -> None:
    assert text.bound_word(bound, "en") == en and text.bound_word(bound, "zh") == zh


def test_period_words() -> None:
    assert text.period("Q1", "en") == "first quarter" and text.period("Q1", "zh") == "一季度"
    assert (
        text.period("Jan-Jul", "en") == "January–July" and text.period("Jan-Jul", "zh") == "1—7月"
    )


@pytest.mark.parametrize(
    "value, digits, shown",
    [
        (-3.125, 2, "-3.13"),
        (2.665, 2, "2.67"),
        (2.675, 2, "2.68"),
        (-0.04, 1, "0"),
        (1234.5, 0, "1,235"),
    ],
)
def test_numbers_round_half_away_from_zero_as_printed(value, digits, shown) -> None:
    """A reader rounds 3.125 to 3.13; binary floats and round-half-even would give 3.12."""
    assert text.number(value, digits) == shown


@pytest.mark.parametrize(
    ("value", "en", "zh"),
    [
        (241.2, "+24.12 billion yuan", "+241.2亿元"),
        (-2.7, "-27,000 people", "-2.7万人"),
        (0.0, "0 people", "0万人"),
        (float("nan"), "–", "–"),
    ],
)
def test_a_change_in_a_level_carries_its_sign(value, en, zh) -> None:
    unit = "亿元" if abs(value) > 100 else "万人"
    assert text.change_in(value, unit, "en") == en
    assert text.change_in(value, unit, "zh") == zh
