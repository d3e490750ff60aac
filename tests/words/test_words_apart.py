"""Words live in ``words.toml`` and ``templates/prose``, not in Python.

Two scans of ``src/zzreport/*.py`` (docstrings and comments aside):

- no string literal holds Chinese unless it is listed below with its reason — the report's
  own units and wording that code *parses* or *matches* (以上, 左右, 力争, 亿元 …), which are
  data, not words shown to readers;
- no comparison with ``"en"`` or ``"zh"`` outside ``text.py`` (the one place that knows a
  language's number and unit conventions), so no module branches on the language.

A new literal or branch fails here; move its words to ``words.toml`` or a template, or, if it
parses the report, add it to the allow-list with the reason.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import zzreport

PACKAGE = Path(zzreport.__file__).parent
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")

#: The report's units, as stated in the data: quantities carry them, code converts them.
UNITS = {
    "万人",
    "家",
    "个",
    "亿元",
    "万元",
    "万辆",
    "辆",
    "万元/辆",
    "万人次",
    "万亿",
    "万",
    "亿",
    "名",
    "项",
    "人",
    "元",
    "吨",
}
#: Literals that parse or match the report's wording (provenance rules, target wording).
PARSING = {
    "data/provenance.py": {
        r"(\d+(?:\.\d+)?)倍",
        "控制在",
        "以内",
        "不超过",
        "涨幅",
        "漲幅",
        "左右",
        "近",
        "[,,;;。、]",
        "20(?:23|24)年",
        "4月底",
        "“1号”",
        "世界500强",
        "“15分钟医保服务圈”",
        "3岁以下",
        # read_release: the sources' words for a projection and a first release
        "预计",
        "預計",
        "初步测算",
        "初步測算",
        "初步核算",
        r"\(初步核算\)",
    },
    # STATED_GROWTH; 力争 in a note; the counting basis an outcome must name (COUNTING_BASIS)
    "findings/scorecard.py": {r"^[^\d]{0,12}?增[长長]\s*(\d+(?:\.\d+)?)\s*%", "力争", "标准列"},
    "findings/ratchet.py": {
        "(突破|超过|超|近|控制在|达到)$",
        "^(以上|左右|以内)",
        # BOUND_WORDS: a floor's words, to find the target's own clause in a quote
        "以上",
        "突破",
        "超过",
        "超",
    },
    "findings/record.py": {"居民收入增长与经济增长同步"},
    "findings/hierarchy.py": {"政府工作报告"},
    # RD_CLAIM, matched in the sources' quotes; STRETCH_MARK, found in targets' notes
    "findings/consistency.py": {"连续两年超全国平均水平"},
    "findings/glance.py": {"力争"},
    # a rate's stated change on the year before, read from the register's quotes
    "findings/rd.py": {
        r"(?:比上年提高|比上年增加)\s*(\d+(?:\.\d+)?)\s*[个個]?百分[点點]|up (\d+(?:\.\d+)?) percentage points"
    },
    # a data-validation message for maintainers (DataError), not text for readers
    "data/load.py": {
        "a number the quote states, or a conversion recorded in note "
        "such as '825,000 tonnes = 82.5万吨'"
    },
}
#: Known words still in Python, to be moved (issue 11): each entry names its owner.
PENDING = {
    # the report's name as a source label, and notes written into the record
    "findings/sources.py": {"郑州市2024年政府工作报告 (正观新闻·郑州晚报)"},
    "findings/record.py": {"in step (同步) with GDP (", " (a floor: 突破)"},
}
LANG_BRANCHES_ALLOWED = {"words/text.py": 1}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _key(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _modules() -> list[Path]:
    paths = sorted(PACKAGE.rglob("*.py"))
    assert len(paths) > 10
    return paths


def test_no_chinese_words_in_python() -> None:
    offending = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        allowed = PARSING.get(_key(path), set()) | UNITS
        pending = PENDING.get(_key(path), set())
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docs
                and CJK.search(node.value)
                and node.value not in allowed
                and pending != "*"
                and node.value not in pending
            ):
                offending.append(f"{_key(path)}:{node.lineno}: {node.value[:50]!r}")
    assert not offending, (
        "Chinese words in Python (move them to words.toml or a template):\n" + "\n".join(offending)
    )


def test_no_module_branches_on_the_language() -> None:
    counts: dict[str, int] = {}
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and any(
                isinstance(c, ast.Constant) and c.value in ("en", "zh")
                for c in [node.left, *node.comparators]
            ):
                counts[_key(path)] = counts.get(_key(path), 0) + 1
    assert counts == LANG_BRANCHES_ALLOWED


def test_the_scan_finds_what_it_forbids() -> None:
    # the scans are not vacuous: a branch and a Chinese literal in code are seen
    source = 'def f(lang):\n    """文档"""\n    return "达成" if lang == "zh" else "met"\n'
    tree = ast.parse(source)
    literals = [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant)
        and isinstance(n.value, str)
        and id(n) not in _docstrings(tree)
        and CJK.search(n.value)
    ]
    assert literals == ["达成"]
    assert any(isinstance(n, ast.Compare) for n in ast.walk(tree))
