"""Units as the sources write them: a scale (万, 亿, 万亿, or million, billion, trillion) and a
counting word (辆, 元, 人次…), in Chinese or English."""

from __future__ import annotations

import math

#: Scale factors of the Chinese number prefixes, longest first so that 万亿 is not read as 万.
SCALES: dict[str, float] = {"万亿": 1e12, "万": 1e4, "亿": 1e8}

#: Scale words of English-language sources ("588.46 billion yuan", "16.435 million").
ENGLISH_SCALES: dict[str, float] = {"million": 1e6, "billion": 1e9, "trillion": 1e12}

#: Counting words the sources use interchangeably for the same thing: 名 and 人 both count
#: people; 项 and 个 both count items (services, projects); English "yuan" and "tonnes" are
#: 元 and 吨. Mapped to one base word so that a 2023 result in 万人 can be set against a 2024
#: target in 万名. Different counting bases (班 as an operator counts trains, "trips" as China
#: Railway Container Transport counts them) are deliberately *not* aliased: they are not
#: convertible, and a comparison between them is refused.
COUNT_ALIASES: dict[str, str] = {"名": "人", "项": "个", "yuan": "元", "tonnes": "吨"}

#: A bare scale word ("16.435 million") counts the indicator's own unit: its base is this
#: marker, which converts to any base of the same indicator (see ``convert``).
BARE_COUNT = ""


def split_unit(unit: str) -> tuple[float, str]:
    """Split a unit into its scale factor and base unit: ``"万辆" -> (1e4, "辆")``,
    ``"billion yuan" -> (1e9, "yuan")``, ``"million" -> (1e6, "")``.

    A Chinese prefix counts as a scale only when something follows it (``"亿元"`` is 1e8
    yuan; ``"%"`` is unscaled).
    """
    if not unit:
        raise ValueError("unit must be a non-empty string")
    first, _, rest = unit.partition(" ")
    if first in ENGLISH_SCALES:
        return ENGLISH_SCALES[first], rest.strip()
    for prefix, scale in SCALES.items():
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return scale, unit[len(prefix) :]
    return 1.0, unit


def base_unit(unit: str) -> str:
    """The base unit with counting-word aliases resolved: ``"万名" -> "人"``."""
    base = split_unit(unit)[1]
    return COUNT_ALIASES.get(base, base)


def to_base_units(value: float, unit: str) -> tuple[float, str]:
    """Express ``value`` in base units: ``(31.6, "万辆") -> (316000.0, "辆")``."""
    scale, _ = split_unit(unit)
    return value * scale, base_unit(unit)


def convertible(from_unit: str, to_unit: str) -> bool:
    """Whether the two units count the same thing (a bare scale word counts anything)."""
    bases = {base_unit(from_unit), base_unit(to_unit)}
    return len(bases) == 1 or (BARE_COUNT in bases and "%" not in bases)


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert ``value`` from one unit to another of the same base (``万名`` → ``万人``,
    ``billion yuan`` → ``亿元``).

    Raises ``ValueError`` when the two units measure different things or count on different
    bases (班 against trips).
    """
    if not convertible(from_unit, to_unit):
        raise ValueError(f"cannot convert {from_unit!r} to {to_unit!r}: different base units")
    if math.isnan(value):
        return value
    return value * split_unit(from_unit)[0] / split_unit(to_unit)[0]
