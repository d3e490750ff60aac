"""Number formats, and the short texts readers see, in English and Chinese.

The words themselves live in ``words.toml`` beside this module, one entry per key with an
``en`` and a ``zh`` text; sentences live in ``templates/prose/{en,zh}/`` (see ``prose``). This
module only looks words up and formats numbers: it holds no word a reader sees. A key or a
language that ``words.toml`` lacks is an error naming both, never a silent fallback.
"""

from __future__ import annotations

import re
import tomllib
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from zzreport.data.units import split_unit


def _isna(value: object) -> bool:
    # pandas imported here, not at the top: the build's main process reads words through this
    # module and needs no pandas for that.
    import pandas as pd

    return bool(pd.isna(value))


WORDS_PATH = Path(__file__).with_name("words.toml")
LANGS: tuple[str, ...] = ("en", "zh")
#: The language whose text columns carry no suffix: ``caveat`` is English, ``caveat_zh`` Chinese.
BASE_LANG = "en"


class MissingWordError(KeyError):
    """A key, or a key's text in one language, that ``words.toml`` does not define."""

    def __str__(self) -> str:
        return str(self.args[0])


@cache
def words() -> dict[str, dict[str, str]]:
    """Every entry of ``words.toml`` by key. A table of tables is a namespace: ``[theme.green]``
    is the key ``theme.green``."""
    with WORDS_PATH.open("rb") as handle:
        tree = tomllib.load(handle)
    flat: dict[str, dict[str, str]] = {}

    def walk(prefix: str, table: dict) -> None:
        for name, value in table.items():
            key = f"{prefix}{name}"
            if not isinstance(value, dict):
                raise ValueError(
                    f"{WORDS_PATH.name}: {prefix.rstrip('.') or 'top level'} has "
                    f"a bare value {name!r}; every entry is a table with en and zh"
                )
            if all(isinstance(v, str) for v in value.values()):
                flat[key] = value
            elif any(isinstance(v, str) for v in value.values()):
                raise ValueError(
                    f"{WORDS_PATH.name}: [{key}] is both an entry and a namespace; "
                    "give the namespace another name"
                )
            else:
                walk(f"{key}.", value)

    walk("", tree)
    return flat


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang={lang!r} is not allowed; expected one of {', '.join(LANGS)}")
    return lang


def label(key: str, lang: str) -> str:
    """The short text for ``key`` in ``lang``; a ``MissingWordError`` naming the key and the
    language when ``words.toml`` has none."""
    check_lang(lang)
    entry = words().get(str(key))
    if entry is None:
        raise MissingWordError(f"{WORDS_PATH.name} has no entry {key!r} (asked for {lang!r})")
    if lang not in entry:
        raise MissingWordError(f"{WORDS_PATH.name} entry {key!r} has no {lang!r} text")
    return entry[lang]


def phrase(key: str, lang: str, **facts: object) -> str:
    """A short text with ``{placeholders}`` filled from ``facts`` (already formatted)."""
    return label(key, lang).format(**facts)


#: What stands between two words: typography, not vocabulary (Chinese sets none).
WORD_SPACE: dict[str, str] = {"en": " ", "zh": ""}


def spaced(lang: str, *parts: str) -> str:
    """Words side by side: a space between them in English, none in Chinese."""
    return WORD_SPACE[check_lang(lang)].join(p for p in parts if p)


def with_measures(name: str, measures: list[str], lang: str) -> str:
    """An indicator's name with the measures of its targets, where it has a rate and a level:
    "Industrial investment (level)", "Industrial investment (level and growth)"."""
    shown = join([label("measure_short." + str(m), lang) for m in measures], lang)
    return name + phrase("with_measure", lang, measure=shown)


def noted(shown: str, note: str, lang: str) -> str:
    """``shown`` with a note in the edition's brackets: "7% (two-sided)", "7%（双向）"."""
    return phrase("name_with_note", lang, name=shown, note=note)


def column(name: str, lang: str) -> str:
    """The column holding ``name`` in ``lang``: ``caveat`` in English, ``caveat_zh`` in Chinese."""
    return name if check_lang(lang) == BASE_LANG else f"{name}_{lang}"


def in_lang(row, name: str, lang: str) -> str:
    """A row's text ``name`` in ``lang`` (see ``column``)."""
    return row[column(name, lang)]


def section_name(section: str, lang: str) -> str:
    return label(f"theme.{section}", lang)


def indicator_name(row, lang: str) -> str:
    """The indicator's name in ``lang`` from a row with ``name_zh`` and ``name_en``."""
    return row[f"name_{check_lang(lang)}"]


def indicator_names(frame, lang: str) -> list[str]:
    """The names in ``lang`` of a frame's indicators, one per row, in its order."""
    return [indicator_name(row, lang) for _, row in frame.iterrows()]


def short_name(row, lang: str) -> str:
    """The indicator's name without its parenthetical gloss, for chart labels."""
    name = indicator_name(row, lang)
    return re.sub(r"\s*[((][^))]*[))]$", "", name) or name


def number(value: float, digits: int = 1) -> str:
    """A number with thousands separators and at most ``digits`` decimals (trailing zeros cut),
    rounded half away from zero on the decimal the value prints as (−3.125 → −3.13, as a
    reader rounds; binary floats and Python's round-half-even would give −3.12)."""
    if value is None or _isna(value):
        return "–"
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
    text = f"{exact:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def percent(value: float, digits: int = 1, signed: bool = False) -> str:
    if value is None or _isna(value):
        return "–"
    text = number(value, digits)
    return f"{'+' if signed and value > 0 else ''}{text}%"


def points(value: float, lang: str, digits: int = 1) -> str:
    """A difference in percentage points, signed."""
    if value is None or _isna(value):
        return "–"
    sign = "+" if value > 0 else ""
    return phrase("points_value", lang, value=f"{sign}{number(value, digits)}")


def sign_word(value: float, key: str, lang: str) -> str:
    """The word for the sign of ``value``: ``{key}.above``, ``{key}.below`` or ``{key}.equal``
    from ``words.toml`` — so "above"/"below" always agree with the number."""
    if value is None or _isna(value):
        raise ValueError(f"sign_word({key!r}) was given a missing value: test for it first")
    return label(f"{key}.{'above' if value > 0 else 'below' if value < 0 else 'equal'}", lang)


def bound_word(bound: object, lang: str) -> str:
    """The word for a bound (``at_least``, ``about``, …), or "" for an exact or missing one."""
    if bound is None or _isna(bound) or str(bound) == "exact":
        return ""
    return label(str(bound), lang)


def change_in(value: float, unit: str, lang: str) -> str:
    """A change in a level, signed: "+24.12 billion yuan", "-27,000 people" (a plain
    "-27,000 people" reads as a negative amount, not as 27,000 fewer than before)."""
    shown = quantity(value, unit, lang)
    return f"+{shown}" if not _isna(value) and value > 0 else shown


def quantity(value: float, unit: str, lang: str) -> str:
    """A value with its unit: as the report writes it in Chinese, in plain words in English.

    ``quantity(2918.1, "亿元", "en") == "291.8 billion yuan"``;
    ``quantity(2918.1, "亿元", "zh") == "2,918.1亿元"``.
    """
    if value is None or _isna(value):
        return "–"
    if unit == "%":
        return percent(value, 2)
    if check_lang(lang) == "zh":
        # The report's own units; an English source's unit ("million", "trips") stays as the
        # source wrote it.
        if unit[:1].isascii():  # an English source's unit, kept as written and marked so
            return f"{number(value, 2)} {unit}{label('source_unit_mark', lang)}"
        return f"{number(value, 2)}{unit}"
    scale, base = split_unit(unit)
    # no more precise than the source: a derived 31.6704万 is 316,700, not 316,704 vehicles
    amount = round(value, 2) * scale if scale > 1 else value
    word = label(f"unit_name.{base}", lang) if f"unit_name.{base}" in words() else base
    for threshold, name in ((1e9, "billion"), (1e6, "million")):
        if abs(amount) >= threshold:
            return f"{number(amount / threshold, 2)} {label('scale.' + name, lang)} {word}".rstrip()
    return f"{number(amount, 2 if scale == 1 else 0)} {word}".rstrip()


def join(items: list[str], lang: str) -> str:
    """A readable list: "a, b and c" or "a、b和c"; "" for no items (prose refuses that)."""
    items = [str(item) for item in items]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return label("list_separator", lang).join(items[:-1]) + label("list_and", lang) + items[-1]


def difficulty(cls: str, basis: str, years: str, lang: str) -> str:
    """A difficulty class named by what it is relative to: "above its average of 2019, 2021
    and 2023", "below 2023's rate"; the bare slug's label where there is no yardstick."""
    if not basis or f"difficulty_class.{cls}" not in words():
        return label(cls, lang)
    base = phrase(f"yardstick.{basis}", lang, years=years)
    return phrase(f"difficulty_class.{cls}", lang, base=base)


def yes_no(value: object, lang: str) -> str:
    if value is None or _isna(value):
        return label("cannot_tell", lang)
    return label("yes" if value else "no", lang)


def quality(grade: object, lang: str) -> str:
    """A source-quality grade in words; empty for a missing grade."""
    if grade is None or _isna(grade):
        return ""
    return label(f"grade.{grade}", lang)


def with_quality(label_text: str, grade: object, lang: str) -> str:
    """``label_text`` with its source grade in brackets unless the source is official or the
    report itself — every external figure shows its grade when it is not official."""
    if grade is None or _isna(grade) or str(grade) in ("official", "primary"):
        return label_text
    return phrase("with_grade", lang, text=label_text, grade=quality(grade, lang))


def period(name: str, lang: str) -> str:
    """A period in words: "first quarter", "January–July" / "一季度", "1—7月"."""
    if f"period_name.{name}" in words():
        return label(f"period_name.{name}", lang)
    from zzreport.data.schema import period_kind, period_months, period_years

    if period_kind(name) == "years":
        first_year, last_year = period_years(name)
        return phrase("year_range", lang, first=first_year, last=last_year)
    first, last = period_months(name)
    return phrase(
        "month_range", lang, first=label(f"month.{first}", lang), last=label(f"month.{last}", lang)
    )


def geo(name: str, lang: str) -> str:
    return label(f"geo.{name}", lang)
