"""Finding the numbers a piece of the report states, so that every figure can be traced."""

from __future__ import annotations

import ast
import math
import operator
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


#: A number written with thousands separators, as English sources do: "2,052 trips".
SEPARATED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def numbers_in(text: str) -> set[float]:
    """``numbers_stated`` plus numbers written with thousands separators (2,052 → 2052)."""
    return numbers_stated(text) | {float(n.replace(",", "")) for n in SEPARATED.findall(text)}


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
    stated = numbers_in(quote)
    if value in stated or (value < 0 and -value in stated):
        return True
    from zzreport.data.units import split_unit

    for left, right, right_unit in CONVERSION.findall(note):
        left_value = float(left.replace(",", ""))
        if (
            float(right) == value
            and right_unit == unit
            and left_value in stated
            and math.isclose(left_value, value * split_unit(unit)[0], rel_tol=1e-9)
        ):
            return True
    return False


# --- derived figures -------------------------------------------------------------------------

_OPERATORS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


class DerivationError(ValueError):
    """A derivation that is not plain arithmetic on stated numbers."""


def derivation_operands(expression: str) -> list[float]:
    """The numbers a derivation uses, in order: ``"6.2 - 0.9"`` → ``[6.2, 0.9]``."""
    return [float(number) for number in NUMBER.findall(expression)]


def evaluate_derivation(expression: str) -> float:
    """The value of ``expression``: non-negative numbers joined by ``+ - * /`` and parentheses.

    Parsed with ``ast`` and walked node by node: names, calls, powers or anything else raise a
    ``DerivationError`` (never ``eval``), as does a division by zero.
    """
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError:
        raise DerivationError(f"{expression!r} is not arithmetic") from None
    return _evaluate(tree.body, expression)


def _evaluate(node: ast.AST, expression: str) -> float:
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return float(node.value)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        left, right = _evaluate(node.left, expression), _evaluate(node.right, expression)
        if isinstance(node.op, ast.Div) and right == 0:
            raise DerivationError(f"{expression!r} divides by zero")
        return _OPERATORS[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_evaluate(node.operand, expression)
    raise DerivationError(
        f"{expression!r} contains {ast.unparse(node)!r}; expected only "
        "numbers, + - * / and parentheses"
    )


def decimals(text: str) -> int:
    """How many decimals a number is written with: ``"5.3"`` → 1, ``"112"`` → 0."""
    _, _, fraction = text.strip().partition(".")
    return len(fraction)


# --- which way a target points ----------------------------------------------------------------

#: Words that make a target a ceiling: "keep within" (控制在), "within" (以内), "no more than"
#: (不超过), and a price rise (涨幅), which a target caps. English sources: "within", "below".
CEILING_WORDS: tuple[str, ...] = ("控制在", "以内", "不超过", "涨幅", "漲幅", "within", "below")
#: Words that make a target approximate: "about" (左右) and "nearly" (近).
ABOUT_WORDS: tuple[str, ...] = ("左右", "近", "around", "about")
#: Separators between the clauses of a sentence that lists several targets.
CLAUSE = re.compile(r"[,,;;。、]")


def clause_stating(quote: str, value: float, prefer: tuple[str, ...] = (), name: str = "") -> str:
    """The clause of ``quote`` that states ``value``: of the clauses that state it, the ones
    naming the figure (``name``, e.g. 一般公共预算收入) first, then the first that also has one of
    the ``prefer`` words, else the first (the whole quote when no clause states it alone). A
    list of targets states 3% for revenue and for prices: only the name tells them apart."""
    clauses = [c for c in CLAUSE.split(quote) if abs(value) in numbers_stated(c)]
    named = [c for c in clauses if name and name in c]
    clauses = named or clauses
    preferred = [c for c in clauses if any(word in c for word in prefer)]
    return (preferred or clauses or [quote])[0]


def read_direction(quote: str, value: float, bound: str, name: str = "") -> str:
    """Which way is better for a target, read from the words around its number.

    ``down`` for a ceiling (``at_most``, or ceiling words such as 控制在…左右 and a price rise
    涨幅…左右); ``up`` for a floor (``at_least``) or a plain figure to reach; ``two_sided`` for
    左右/近 without ceiling words. ``name``, the figure's name, picks its own clause where the
    quote states the same number for several figures. See the ``direction`` field of
    ``data/datapackage.json``.
    """
    if bound == "at_most":
        return "down"
    if bound == "at_least":
        return "up"
    clause = clause_stating(quote, value, ABOUT_WORDS if bound == "about" else CEILING_WORDS, name)
    if any(word in clause for word in CEILING_WORDS):
        return "down"
    if bound == "about":
        return "two_sided"
    return "up"


# --- addresses -------------------------------------------------------------------------------

#: A plain web address: http or https, then no whitespace, quotes, angle brackets or backticks —
#: the characters that would let a third party's text break out of an HTML attribute.
URL = re.compile(r"^https?://[^\s\"'<>`]+$")


def is_url(text: str) -> bool:
    """Whether ``text`` is a plain http(s) address (see ``URL``)."""
    return bool(URL.match(text))


# --- which release an outcome is ----------------------------------------------------------------

#: A note that says the row is a later figure replacing an earlier one.
REVISED_NOTE = re.compile(
    r"CONFLICT(?::| with) the preliminary|revised figure|is the later (?:full-year )?figure"
    r"|\(revised \d"
)
#: A note that says the row is a first statistical release.
FIRST_NOTE = re.compile(r"\bfirst release\b|this is the statistical result", re.I)
#: The source's own words for an estimate made before the year's statistics: 预计 (expected),
#: 初步测算 (first reckoning), in simplified or traditional characters.
PROJECTION_WORDS: tuple[str, ...] = ("预计", "預計", "初步测算", "初步測算")
#: The source's own words for a first statistical release: 初步核算 (preliminary accounting).
FIRST_WORDS: tuple[str, ...] = ("初步核算",)
#: A note whose first clause calls the row an estimate ("estimate (预计) in the 2025 report").
PROJECTION_NOTE = re.compile(r"^(?:CONFLICT: )?(?:preliminary )?estimate\b|^“about” = the estimate")
#: A note that names the statistical term of a first release.
FIRST_IN_NOTE = re.compile(r"\(初步核算\)")


def read_release(quote: str, note: str) -> str:
    """Which release of the statistics an outcome is, from its quote and note.

    In this order: the note says it is a later figure that replaced an earlier one
    (``REVISED_NOTE``) → ``revised``; the note says it is a first release or the statistical
    result (``FIRST_NOTE``) → ``first``; the quote says 预计 or 初步测算 → ``projection`` (an
    estimate made before the year's statistics), 初步核算 → ``first``; the note's first clause
    calls the figure an estimate → ``projection``; the note names 初步核算 → ``first``; else
    ``unknown``: where the words do not say, no release is guessed (not even from a date).
    """
    note = note or ""
    if REVISED_NOTE.search(note):
        return "revised"
    if FIRST_NOTE.search(note):
        return "first"
    if any(word in quote for word in PROJECTION_WORDS):
        return "projection"
    if any(word in quote for word in FIRST_WORDS):
        return "first"
    if PROJECTION_NOTE.search(note.split(";")[0].strip()):
        return "projection"
    if FIRST_IN_NOTE.search(note):
        return "first"
    return "unknown"
