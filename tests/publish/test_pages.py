"""Rendering a page (publish/pages.py): the other edition's cells removed by nbconvert's
TagRemovePreprocessor, no code and no prompts shown, the site's header and title, nothing
fetched from outside."""

from __future__ import annotations

import html
import re

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbconvert import HTMLExporter

from zzreport.data import paths
from zzreport.publish import pages
from zzreport.publish.pages import render_html
from zzreport.words.text import label


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
    "lang, kept, dropped, html_lang",
    [
        ("en", "An English paragraph.", "一段中文。", "en"),
        ("zh", "一段中文。", "An English paragraph.", "zh-Hans"),
    ],
)
def test_page_keeps_its_language_and_shows_no_code(
    bilingual, tmp_path, lang, kept, dropped, html_lang
) -> None:
    page = tmp_path / f"{lang}.html"
    render_html(bilingual, page, lang)
    text = page.read_text(encoding="utf-8")
    assert kept in text and dropped not in text
    assert "Both editions" in text  # untagged cells stay in both
    assert "answer = 6" not in text and "<details" not in text  # no code, no toggle
    assert "In&nbsp;[" not in text and "Out[" not in text  # no prompts
    assert "42" in text  # the output is shown
    assert f'<html lang="{html_lang}">' in text
    title = html.unescape(re.search(r"<title>(.*?)</title>", text).group(1))
    assert title == f"Both editions · {label('site.title', lang)}"
    assert 'href="index.html"' in text and 'href="methods.html"' in text
    assert "<script" not in text


def test_rendering_twice_gives_the_same_bytes(bilingual, tmp_path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        render_html(bilingual, tmp_path / folder / "page.html", "en")
    assert (tmp_path / "a/page.html").read_bytes() == (tmp_path / "b/page.html").read_bytes()


# --- the page exporter: nbconvert's document without its BeautifulSoup pass ------------------


@pytest.mark.parametrize(
    "name, lang", [("01-report-at-a-glance", "en"), ("06-outcomes-2024", "zh")]
)
def test_pages_are_the_document_nbconverts_exporter_gives(name, lang) -> None:
    """Our exporter skips HTMLExporter's BeautifulSoup pass and adds its alt texts and
    tabindex itself: parsed and serialised by BeautifulSoup, as nbconvert does it, our page
    is nbconvert's, byte for byte (committed notebooks: charts, tables, prose). This is also
    the test of the one private nbconvert method ``PageExporter`` calls (``_init_resources``):
    should nbconvert change what it or ``from_notebook_node`` does, the documents differ."""
    notebook = nbformat.read(paths.NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)
    resources = {"zz_show_code": "Show code", "zz_lang": lang}
    ours, _ = pages.exporter(lang).from_notebook_node(notebook, resources=dict(resources))
    theirs, _ = pages.exporter(lang, HTMLExporter).from_notebook_node(
        notebook, resources=dict(resources)
    )
    assert ours.count("<img") >= 1 and ours.count('tabindex="0"') > 2
    assert str(BeautifulSoup(ours, features="html.parser")) == theirs


def test_accessible_adds_only_what_is_missing() -> None:
    page = (
        '<div class="jp-Cell-inputWrapper"><img src="a.png"><img alt="kept" src="b.png">'
        '<img data-alt="not an alt" src="c.png">'
        '<div class="jp-RenderedImage jp-OutputArea-output x">'
        '<div class="jp-OutputArea-output" tabindex="0"><div class="jp-OutputArea-child">'
        '<div class="jp-OutputArea-output-like"><div data-class="jp-OutputArea-output">'
    )
    assert pages.accessible(page) == (
        '<div class="jp-Cell-inputWrapper" tabindex="0">'
        f'<img alt="{pages.NO_ALT}" src="a.png"><img alt="kept" src="b.png">'
        f'<img alt="{pages.NO_ALT}" data-alt="not an alt" src="c.png">'
        '<div tabindex="0" class="jp-RenderedImage jp-OutputArea-output x">'
        '<div class="jp-OutputArea-output" tabindex="0"><div class="jp-OutputArea-child">'
        '<div class="jp-OutputArea-output-like"><div data-class="jp-OutputArea-output">'
    )
