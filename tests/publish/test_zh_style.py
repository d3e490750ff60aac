"""The Chinese edition is written for Chinese readers (issue 20, item 8): next to Chinese text,
punctuation is full-width (，；：？！（）), and no space stands between two Chinese characters
or after a Chinese sentence's punctuation. Checked over every ``zh`` text of ``words.toml``
every template in ``words/templates/prose/zh`` and every ``lang-zh`` markdown cell of the
notebooks; what code fills in (``{{ … }}``,
``{placeholders}``), code spans and addresses are left out of the check."""

from __future__ import annotations

import re

import nbformat
import pytest

from zzreport.data import paths
from zzreport.words import prose, text

CJK = "\u3400-\u9fff\uf900-\ufaff"
FULL = "\u3000-\u303f\uff00-\uffef“”‘’《》"
_HALF = re.compile(rf"(?<=[{CJK}{FULL}])[,;:?!]|[,;:?!](?=[{CJK}{FULL}])")
_PAIR = re.compile(r"\(([^()\n]*)\)")
_SPACE = re.compile(
    rf"(?<=[{CJK}{FULL}])[ \u00a0]+(?=[{CJK}{FULL}])|(?<=[。，；：！？、])[ \u00a0]+"
)
_FILLED = re.compile(
    r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|`[^`]*`|https?://\S+|\]\([^)]*\)|\{[a-z_]+\}", re.S
)


def problems(written: str) -> list[str]:
    """What a Chinese text gets wrong, each with a little of its context."""
    shown = _FILLED.sub(lambda m: "\0" * len(m.group(0)), written)

    def around(match: re.Match) -> str:
        return shown[max(0, match.start() - 8) : match.end() + 8].replace("\0", "…")

    found = [f"half-width {m.group(0)!r}: {around(m)}" for m in _HALF.finditer(shown)]
    for m in _PAIR.finditer(shown):
        beside = shown[max(0, m.start() - 1) : m.start()] + shown[m.end() : m.end() + 1]
        if re.search(rf"[{CJK}]", m.group(1) + beside):
            found.append(f"half-width brackets: {around(m)}")
    found += [f"stray space: {around(m)}" for m in _SPACE.finditer(shown)]
    return found


def test_the_check_finds_what_it_should() -> None:
    assert problems("目标:7%左右, 完成") and problems("思源黑体(Noto)") and problems("完成。 另有")
    assert problems("完成 目标")
    assert problems("增长{{ x }}%，完成。") == []
    assert problems("GB/T 7714格式") == [] and problems("`a: b`，完成") == []
    assert problems("见[方法](methods.html)。") == []  # a link's address is not prose
    assert problems("完成{% endif %};另有")  # beside Chinese, even after a template tag


def test_every_chinese_word_is_set_in_chinese_style() -> None:
    wrong = {
        key: problems(entry["zh"]) for key, entry in text.words().items() if problems(entry["zh"])
    }
    assert wrong == {}


@pytest.mark.parametrize("template", sorted(p.name for p in (prose.PROSE_DIR / "zh").glob("*.j2")))
def test_every_chinese_prose_template_is_set_in_chinese_style(template) -> None:
    written = (prose.PROSE_DIR / "zh" / template).read_text(encoding="utf-8")
    assert problems(written) == []


@pytest.mark.parametrize("notebook", sorted(p.name for p in paths.NOTEBOOKS_DIR.glob("*.ipynb")))
def test_every_chinese_markdown_cell_is_set_in_chinese_style(notebook) -> None:
    content = nbformat.read(paths.NOTEBOOKS_DIR / notebook, as_version=4)
    wrong = [
        problems(cell.source)
        for cell in content.cells
        if cell.cell_type == "markdown" and "lang-zh" in cell.metadata.get("tags", [])
    ]
    assert [p for p in wrong if p] == []
