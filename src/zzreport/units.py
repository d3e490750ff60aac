"""Units as the report writes them: a Chinese scale prefix (万, 亿) and a counting word."""

from __future__ import annotations

import math

#: Scale factors of the Chinese number prefixes the report uses.
SCALES: dict[str, float] = {"万": 1e4, "亿": 1e8}

#: Counting words the report uses interchangeably for the same thing: 名 and 人 both count
#: people; 项 and 个 both count items (services, projects). Mapped to one base word so that a
#: 2023 result in 万人 can be set against a 2024 target in 万名.
COUNT_ALIASES: dict[str, str] = {"名": "人", "项": "个"}


def split_unit(unit: str) -> tuple[float, str]:
    """Split a unit into its scale factor and base unit: ``"万辆" -> (1e4, "辆")``.

    Only a leading 万 or 亿 counts as a scale, and only when something follows it
    (``"亿元"`` is 1e8 yuan; ``"%"`` is unscaled).
    """
    if not unit:
        raise ValueError("unit must be a non-empty string")
    prefix = unit[0]
    if prefix in SCALES and len(unit) > 1:
        return SCALES[prefix], unit[1:]
    return 1.0, unit


def base_unit(unit: str) -> str:
    """The base unit with counting-word aliases resolved: ``"万名" -> "人"``."""
    base = split_unit(unit)[1]
    return COUNT_ALIASES.get(base, base)


def to_base_units(value: float, unit: str) -> tuple[float, str]:
    """Express ``value`` in base units: ``(31.6, "万辆") -> (316000.0, "辆")``."""
    scale, _ = split_unit(unit)
    return value * scale, base_unit(unit)


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert ``value`` from one unit to another of the same base (``万名`` → ``万人``).

    Raises ``ValueError`` when the two units measure different things.
    """
    if base_unit(from_unit) != base_unit(to_unit):
        raise ValueError(f"cannot convert {from_unit!r} to {to_unit!r}: different base units")
    if math.isnan(value):
        return value
    return value * split_unit(from_unit)[0] / split_unit(to_unit)[0]
