"""Number and unit formatting for prose and tables."""

from __future__ import annotations

import math

import pytest

from zzreport import text


@pytest.mark.parametrize("value, unit, lang, expected", [
    (2918.1, "亿元", "en", "291.81 billion yuan"),
    (2918.1, "亿元", "zh", "2,918.1亿元"),
    (22.7, "万人", "en", "227,000 people"),
    (1.7, "亿人次", "en", "170 million visits"),
    (7.4, "%", "en", "7.4%"),
    (math.nan, "万辆", "en", "–"),
])
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
    assert text.short_name({"name_en": "Gross domestic product (GDP)", "name_zh": "x"}, "en") == \
        "Gross domestic product"
    assert text.short_name({"name_en": "x", "name_zh": "吸引留郑大学生(两年累计)"}, "zh") == "吸引留郑大学生"


def test_every_vocabulary_value_has_both_languages() -> None:
    from zzreport import analysis, schema
    keys = [*schema.MEASURES, *schema.BOUNDS, *analysis.DIFFICULTY_ORDER, "not comparable",
            "no 2023 growth known", "accelerate", "slow down", "hold", "raise", "lower",
            "no 2023 result", "unquantified"]
    for key in keys:
        assert set(text.LABELS[key]) == {"en", "zh"}, key


def test_no_label_key_is_defined_twice() -> None:
    # A repeated key in a dict literal silently replaces the first (it once relabelled a legend).
    import ast
    import inspect

    from zzreport import text as module

    for node in ast.walk(ast.parse(inspect.getsource(module))):
        if isinstance(node, ast.Dict):
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})
