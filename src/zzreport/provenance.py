"""Finding the numbers a piece of the report states, so that every figure can be traced."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

NUMBER = re.compile(r"\d+(?:\.\d+)?")
#: 增长N倍 means "grew N-fold": recorded as growth of N×100 %.
FOLD = re.compile(r"(\d+(?:\.\d+)?)倍")


@dataclass(frozen=True)
class Exclusion:
    """Digits in the source that are not figures, with the reason they are left out."""

    pattern: str
    reason: str


#: Digits in the source text that state no quantity. Each pattern must match the source (a test
#: checks it, so the list cannot rot), and the digits it covers are the only ones left uncaptured.
EXCLUSIONS: tuple[Exclusion, ...] = (
    Exclusion(r"20(?:23|24)年", "a year used as a date"),
    Exclusion(r"4月底", "a date (the end of April)"),
    Exclusion(r"PM2\.5|PM10", "names of pollutants"),
    Exclusion(r"“1号”", "a label (the 'No. 1' industry)"),
    Exclusion(r"“1\+1\+N”|“9\+1”", "names of governance frameworks"),
    Exclusion(r"世界500强", "the name of a ranking (Fortune Global 500)"),
    Exclusion(r"“15分钟医保服务圈”", "the name of a service network ('15-minute circle')"),
    Exclusion(r"3岁以下", "part of an indicator's definition (children under 3)"),
)


def numbers_stated(text: str) -> set[float]:
    """Every value a span of text states: its plain numbers and, for 'N倍', N×100."""
    values = {float(match) for match in NUMBER.findall(text)}
    values |= {float(match) * 100 for match in FOLD.findall(text)}
    return values


def excluded_positions(source: str) -> set[int]:
    """Character positions of the source covered by an exclusion."""
    covered: set[int] = set()
    for exclusion in EXCLUSIONS:
        for match in re.finditer(exclusion.pattern, source):
            covered.update(range(match.start(), match.end()))
    return covered


def number_occurrences(source: str) -> list[tuple[int, int, float]]:
    """Each number in the source as (start, end, value), excluded ones left out."""
    excluded = excluded_positions(source)
    return [
        (match.start(), match.end(), float(match.group()))
        for match in NUMBER.finditer(source)
        if match.start() not in excluded
    ]


#: A unit conversion recorded in a note: "825,000 tonnes = 82.5万吨".
CONVERSION = re.compile(r"([\d,]+(?:\.\d+)?)\s*[^\s=]*\s*=\s*(\d+(?:\.\d+)?)\s*(\S+)")


def stated_with_conversion(value: float, unit: str, quote: str, note: str) -> bool:
    """Whether ``value`` is stated in ``quote``: as written, as a fall (下降 0.6 → −0.6), or
    through a conversion the note records whose left side the quote states."""
    stated = numbers_stated(quote) | {float(n.replace(",", "")) for n in
                                      re.findall(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", quote)}
    if value in stated or (value < 0 and -value in stated):
        return True
    from .units import split_unit

    for left, right, right_unit in CONVERSION.findall(note):
        left_value = float(left.replace(",", ""))
        if (float(right) == value and right_unit == unit and left_value in stated
                and math.isclose(left_value, value * split_unit(unit)[0], rel_tol=1e-9)):
            return True
    return False
