"""Rendering a page: the other edition's cells removed by nbconvert's TagRemovePreprocessor,
code folded behind a <details> control, nothing fetched from outside."""

from __future__ import annotations

import re

import nbformat
import pytest

from zzreport.build import render_html


@pytest.fixture
def bilingual(tmp_path):
    """A tiny notebook: an untagged heading, a paragraph per language, one code cell."""
    notebook = nbformat.v4.new_notebook()
    english = nbformat.v4.new_markdown_cell("An English paragraph.")
    english.metadata["tags"] = ["lang-en"]
    chinese = nbformat.v4.new_markdown_cell("一段中文。")
    chinese.metadata["tags"] = ["lang-zh"]
    code = nbformat.v4.new_code_cell("answer = 6 * 7\nanswer")
    code.outputs = [
        nbformat.v4.new_output("execute_result", {"text/plain": "42"}, execution_count=1)
    ]
    notebook.cells = [nbformat.v4.new_markdown_cell("# Both editions"), english, chinese, code]
    path = tmp_path / "bilingual.ipynb"
    nbformat.write(notebook, path)
    return path


@pytest.mark.parametrize(
    "lang, kept, dropped, control",
    [
        ("en", "An English paragraph.", "一段中文。", "Show code"),
        ("zh", "一段中文。", "An English paragraph.", "显示代码"),
    ],
)
def test_page_keeps_its_language_and_folds_code(
    bilingual, tmp_path, lang, kept, dropped, control
) -> None:
    page = tmp_path / f"{lang}.html"
    render_html(bilingual, page, lang)
    text = page.read_text(encoding="utf-8")
    assert kept in text and dropped not in text
    assert "Both editions" in text  # untagged cells stay in both
    folded = re.search(
        r'<details class="zz-code"><summary>(.*?)</summary>(.*?)</details>', text, re.S
    )
    assert folded and folded.group(1) == control
    assert "answer" in folded.group(2)  # the code is inside the fold...
    assert "42" in text.split("</details>", 1)[1]  # ...its output is not
    assert "<script" not in text.split("<body", 1)[1] or "src=" not in text


def test_rendering_twice_gives_the_same_bytes(bilingual, tmp_path) -> None:
    render_html(bilingual, tmp_path / "a.html", "en")
    render_html(bilingual, tmp_path / "b.html", "en")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
