"""Find prose wholly in the other language in a built edition's HTML (stdlib ``html.parser``).

A *block* is an element readers read as one piece of text: a paragraph, list item, table cell,
heading, caption or ``<summary>``. Its own text (nested blocks are blocks of their own) is
checked after removing what is exempt: code (``code``, ``pre``, ``kbd``, ``samp``), names and
verbatim quotes, marked ``class="name"`` / ``class="quote"`` or a ``lang`` attribute, and what
the reader does not see (``head``, ``script``, ``style``, ``svg``).

- Chinese edition: a block with Latin letters left must also have Chinese characters.
- English edition: a block with Chinese characters left must also have Latin letters.

Numbers and symbols alone (``7.4%``, ``–``) belong to both languages.

Tables of the notebooks are pandas' HTML, which carries no class per cell: a column holding the
sources' own words is marked by its header instead, one of ``VERBATIM_COLUMNS`` (``words.toml``
keys: the report's quotes and units, the wording of its targets, the sources' names).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
BLOCKS = {
    "p",
    "li",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "caption",
    "figcaption",
    "summary",
    "dt",
    "dd",
    "blockquote",
    "title",
}
EXEMPT_TAGS = {"code", "pre", "kbd", "samp", "script", "style", "svg", "math"}
EXEMPT_CLASSES = {"name", "quote"}
#: Columns whose cells are the sources' own words, by ``words.toml`` key.
VERBATIM_COLUMNS = ("quote", "unit", "source_col", "previous_target", "new_target", "register_note")
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, list[str] | None]] = []  # tag, exempt, block text
        self.found: list[tuple[str, str]] = []
        self.tables: list[dict] = []  # per open table: header texts, row cells, in thead
        self.column: list[str] = []  # the header of each cell block found (or "")

    def _exempt(self) -> bool:
        return any(exempt for _, exempt, _ in self.stack)

    def handle_starttag(self, tag, attrs) -> None:
        if tag in VOID:
            return
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        exempt = (
            tag in EXEMPT_TAGS
            or bool(classes & EXEMPT_CLASSES)
            or ("lang" in attributes and tag != "html")
        )
        if tag == "head":
            exempt = True
        if tag == "table":
            self.tables.append({"headers": [], "row": [], "thead": False, "cell": 0})
        elif self.tables and tag == "thead":
            self.tables[-1]["thead"] = True
        elif self.tables and tag == "tr":
            self.tables[-1]["cell"] = 0
        elif self.tables and tag in ("td", "th"):
            table = self.tables[-1]
            table["current"] = table["cell"]
            table["cell"] += int(attributes.get("colspan") or 1)
        self.stack.append((tag, exempt, [] if tag in BLOCKS else None))

    def handle_endtag(self, tag) -> None:
        if tag in VOID:
            return
        while self.stack:
            name, _, own = self.stack.pop()
            if own is not None:
                text = " ".join("".join(own).split())
                header = ""
                if self.tables and name in ("td", "th"):
                    table = self.tables[-1]
                    if table["thead"] and name == "th":
                        if text:  # a second header row (the index's name) keeps the first
                            table["headers"].append((table["current"], text))
                    else:
                        header = dict(table["headers"]).get(table["current"], "")
                self.found.append((name, text))
                self.column.append(header)
            if name == "thead" and self.tables:
                self.tables[-1]["thead"] = False
            if name == "table" and self.tables:
                self.tables.pop()
            if name == tag:
                break

    def handle_data(self, data) -> None:
        if self._exempt():
            return
        for _, _, own in reversed(self.stack):
            if own is not None:
                own.append(data)
                return


def blocks(page: str) -> list[tuple[str, str]]:
    """Every block's own, non-exempt text: (tag, text)."""
    parser = _Blocks()
    parser.feed(page)
    parser.close()
    return [(tag, text) for tag, text in parser.found if text]


def wrong_language(page: str, lang: str) -> list[str]:
    """The blocks of ``page`` wholly in the other language than ``lang``."""
    from zzreport.words.text import label

    parser = _Blocks()
    parser.feed(page)
    parser.close()
    verbatim = {label(key, lang) for key in VERBATIM_COLUMNS}
    wrong = []
    for (tag, text), header in zip(parser.found, parser.column, strict=False):
        if not text or header in verbatim:
            continue
        if lang == "zh" and LATIN.search(text) and not CJK.search(text):
            wrong.append(f"<{tag}> {text[:100]}")
        if lang == "en" and CJK.search(text) and not LATIN.search(text):
            wrong.append(f"<{tag}> {text[:100]}")
    return wrong


def crawl(site: Path, lang: str) -> dict[str, list[str]]:
    """Every page of a built site with its blocks in the wrong language."""
    found = {}
    for page in sorted(site.glob("*.html")):
        wrong = wrong_language(page.read_text(encoding="utf-8"), lang)
        if wrong:
            found[page.name] = wrong
    return found
