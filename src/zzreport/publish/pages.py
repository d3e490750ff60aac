"""Rendering an executed notebook to a page of the site: nbconvert's null template, through
our ``offline`` template (``templates/offline``: prose, tables and charts, no code), in one
exporter per edition and process.

nbconvert's ``HTMLExporter`` ends each page with a BeautifulSoup pass that gives images
without one an ``alt`` text and makes code inputs and outputs focusable (``tabindex``). It
parses and re-serialises the whole page, inline images included: about 60 % of a page's
rendering time, and a third of a second more in each process for soupsieve to compile its
selectors. ``PageExporter`` leaves that pass out and makes the same three changes to the
markup the templates write (``accessible``); a test proves the two give the same document.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

from zzreport.words.text import label

#: What nbconvert writes into an image that has no ``alt`` (its HTMLExporter does the same).
NO_ALT = "No description has been provided for this image"

# The markup the lab template writes: an input wrapper is always this exact tag; an output
# is a <div> whose class list holds the token jp-OutputArea-output; an image is an <img> tag.
# Attribute names are matched after whitespace, so data-alt= is not alt=.
_INPUT_WRAPPER = '<div class="jp-Cell-inputWrapper">'
_OUTPUT_DIV = re.compile(
    r'<div\b(?=[^>]*\sclass="(?:[^"]*\s)?jp-OutputArea-output(?:\s[^"]*)?")(?![^>]*\stabindex=)'
)
_IMAGE_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\salt=)")

_EXPORTERS: dict[str, object] = {}


def accessible(page: str) -> str:
    """``page`` with what nbconvert's BeautifulSoup pass adds: ``alt`` on images that have
    none, ``tabindex="0"`` on input wrappers and outputs.

    Written for the markup our templates produce (lower-case tags, double-quoted attributes,
    no ``>`` inside an attribute value, no image inside a comment or a script; code and
    outputs reach the page escaped), where it gives nbconvert's document (a test checks
    committed notebooks). Unlike BeautifulSoup it leaves an existing ``tabindex`` as it is."""
    page = page.replace(_INPUT_WRAPPER, '<div class="jp-Cell-inputWrapper" tabindex="0">')
    page = _OUTPUT_DIV.sub('<div tabindex="0"', page)
    return _IMAGE_WITHOUT_ALT.sub(f'<img alt="{NO_ALT}"', page)


def _page_exporter_class():
    # nbconvert imported here (and below): the build's main process imports this module and
    # renders nothing; a worker imports nbconvert once, before its first page (see pool)
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class PageExporter(HTMLExporter):
        """``HTMLExporter.from_notebook_node`` (nbconvert 7) without its BeautifulSoup pass:
        the same filters, then the template, then ``accessible``."""

        def from_notebook_node(self, nb, resources=None, **kw):
            language = nb.metadata.get("language_info", {})
            lexer = language.get("pygments_lexer", language.get("name", None))
            highlight_code = self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)
            )
            resources = self._init_resources(resources)
            data_types = WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources
            )
            self.register_filter("highlight_code", highlight_code)
            self.register_filter("filter_data_type", data_types)
            page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return accessible(page), resources

    return PageExporter


def exporter(lang: str, exporter_class=None):
    """One exporter per edition and process: building one loads and compiles the templates,
    which costs more than rendering a page. Markdown cells tagged for the other edition
    (``lang-zh`` in the English edition, ``lang-en`` in the Chinese) and cells tagged
    ``notebook-only`` are removed by nbconvert's ``TagRemovePreprocessor``. ``exporter_class`` (the tests: nbconvert's own
    ``HTMLExporter``) gives a new exporter of that class instead."""
    if lang in _EXPORTERS and exporter_class is None:
        return _EXPORTERS[lang]
    from traitlets.config import Config  # (in the body: see _page_exporter_class)

    other = {"en": "zh", "zh": "en"}.get(lang, "zh")
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    # the other edition's cells, and the notebook's own how-to-rerun notes (a reader of the
    # site has the notebook one link away; the README says how to rerun it)
    config.TagRemovePreprocessor.remove_cell_tags = {f"lang-{other}", "notebook-only"}
    made = (exporter_class or _page_exporter_class())(
        config=config,
        template_name="offline",
        extra_template_basedirs=[str(Path(__file__).parent / "templates")],
    )
    if exporter_class is None:
        _EXPORTERS[lang] = made
    return made


_NUMBER = r"[+\-\u2212\u2013~]?\s*[\d.,]+\s*%?"


@cache
def _number_cell(lang: str) -> re.Pattern:
    """A table cell that holds a number alone (a count, a share, a change in points, "–"):
    right-aligned. The points unit is the edition's own (``points_value``)."""
    points = re.escape(label("points_value", lang).format(value="").strip())
    return re.compile(rf"<td>(\s*(?:{_NUMBER}(?:\s*{points})?|[\u2013\u2014-])\s*)</td>")


_H2 = re.compile(r'<h2 id="([^"]+)">(.*?)<a class="anchor-link"', re.S)
#: A data file or folder of the project named in a page's prose (``data/raw/...``); one that a
#: template already linked (the "Take this page away" list) comes with its link, and keeps it.
_DATA_NAME = re.compile(r"(<a [^>]*>)?<code>(data/[\w./-]*)</code>")
TOC_AT_LEAST = 3  # sections: a page with fewer needs no "On this page"


#: Bold that Markdown left as asterisks: CommonMark does not close ``**…。**`` before a
#: Chinese character (the closing ``**`` follows punctuation and precedes a letter).
_LITERAL_BOLD = re.compile(r"\*\*([^*<>\n]+?)\*\*")
#: The space a line break between two Chinese sentences becomes (Chinese puts none there).
_SENTENCE_SPACE = re.compile(
    r"(?<=[\u3002\uff1b\uff01\uff1f])(?:</strong>)?[ \t\n]+(?=[\u3400-\u9fff\u201c\u300a\uff08]|<strong>)"
)
_ROW_ID = re.compile(r'<tr id="([\w-]+)"')
#: A notebook named in a page's prose (``07-target-record``): a reader gets its page's title.
_NOTEBOOK_NAME = re.compile(r"<code>(\d\d-[a-z0-9-]+)</code>")


@cache
def _notebook_titles(lang: str) -> dict[str, tuple[str, str]]:
    """Each notebook's stem → (its page, or the index's list of its pages; its question)."""
    from zzreport.publish import site
    from zzreport.publish.params import parameter_specs
    from zzreport.publish.plan import all_notebooks

    found = {}
    for notebook in all_notebooks():
        fanned = any(spec.choices for spec in parameter_specs(notebook).values())
        href = f"index.html#{notebook.stem}" if fanned else f"{notebook.stem}.html"
        found[notebook.stem] = (href, _title(site.question(notebook, lang)))
    return found


_FIRST_H1 = re.compile(r'(<h1[^>]*>)(.*?)(<a class="anchor-link")', re.S)


def _unique_row_ids(page: str) -> str:
    """A target's anchor on the first table that has it (06: the verdicts, before the full
    scorecard); later rows of the same target keep no id, so the anchor stays unique."""
    seen: set[str] = set()

    def once(match: re.Match) -> str:
        if match.group(1) in seen:
            return "<tr"
        seen.add(match.group(1))
        return match.group(0)

    return _ROW_ID.sub(once, page)


def _title(markdown: str) -> str:
    return re.sub(r"[*_`]", "", markdown).strip()


def finish_body(page: str, lang: str) -> str:
    """What the page gets from its own content after rendering: "On this page" (the H2s)
    after the first paragraph under the H1, numbers right-aligned, and the data files named
    in its prose linked (to the copies beside the site, see ``assets.write_assets``)."""
    from zzreport.publish import site  # (site imports this module's neighbours only)

    page = _number_cell(lang).sub(lambda m: f'<td class="num">{m.group(1)}</td>', page)
    page = _unique_row_ids(page)
    page = _LITERAL_BOLD.sub(r"<strong>\1</strong>", page)
    page = _SENTENCE_SPACE.sub(lambda m: m.group(0).rstrip(" \t\n"), page)
    page = _DATA_NAME.sub(
        lambda m: (
            m.group(0)
            if m.group(1)
            else f'<a href="{site.data_href(m.group(2))}"><code>{m.group(2)}</code></a>'
        ),
        page,
    )
    titles = _notebook_titles(lang)
    page = _NOTEBOOK_NAME.sub(
        lambda m: (
            f'<a href="{titles[m.group(1)][0]}">{html.escape(titles[m.group(1)][1])}</a>'
            if m.group(1) in titles
            else m.group(0)
        ),
        page,
    )
    sections = [
        (html.unescape(anchor), html.unescape(re.sub(r"<[^>]+>", "", text)))
        for anchor, text in _H2.findall(page)
    ]
    if len(sections) >= TOC_AT_LEAST:
        toc = site.toc_html(sections, lang)
        heading = page.find("</h1>")
        paragraph = page.find("</p>", heading) if heading >= 0 else -1
        at = paragraph + len("</p>") if paragraph >= 0 else max(heading, 0)
        page = page[:at] + "\n" + toc + page[at:]
    return page


def _mark_replayed(notebook, replayed: dict[str, dict], name: str) -> None:
    """Put what ``replay`` made into the notebook (in memory only): a table's full HTML in
    place of its cut one, each chart in its image output's metadata (``zz_chart``)."""
    number = 0
    for index, cell in enumerate(notebook.cells):
        found = replayed.get(str(index), {})
        charts = list(found.get("charts", []))
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "table" in found and output.get("output_type") == "execute_result":
                data["text/html"] = found["table"]
            elif "image/png" in data:
                number += 1
                chart = charts.pop(0) if charts else {}
                output.setdefault("metadata", {})["zz_chart"] = {
                    **chart,
                    "file": f"{name}-{number}",
                }


def render_html(
    executed: Path,
    target: Path,
    lang: str = "en",
    show_code: str | None = None,
    replayed: dict[str, dict] | None = None,
    variant: str | None = None,
) -> None:
    """Render an executed notebook to a page of the site: its prose, tables and charts,
    with no code (the page links the notebook instead) and the site's header, contents,
    chart downloads, citation box and footer around them (``site.chrome``). ``replayed``:
    the charts and tables run again for readers (``replay.collect``); without it the
    notebook's own image and tables are shown. ``show_code`` is no longer shown (the build
    still hands it over). ``variant`` (05's theme, in words) goes into the page's title and
    H1, so that pages of one notebook run once per theme are told apart."""
    import nbformat  # here, not at the top: see notebooks.skip_iri_format_checker

    from zzreport.publish import site

    del show_code  # readers see no code: the notebook itself is one link away
    notebook = nbformat.read(executed, as_version=4)
    name = Path(target).stem
    _mark_replayed(notebook, replayed or {}, name)
    question = _title(site.question(executed, lang))
    heading = (
        label("page_variant", lang).format(question=question, variant=variant)
        if variant
        else question
    )
    chrome = site.chrome(f"{name}.html", lang, heading, notebook=name)
    resources = {
        "zz_lang": lang,
        "zz_html_lang": label("site.html_lang", lang),
        "zz_title": chrome["title"],
        "zz_header": chrome["header"],
        "zz_after": chrome["after"],
        "zz_footer": chrome["footer"],
        "zz_figure": lambda output: site.figure_html(output, lang, heading),
    }
    body, _ = exporter(lang).from_notebook_node(notebook, resources=resources)
    if variant:  # the first H1 is the notebook's question: it names the variant too
        body = _FIRST_H1.sub(
            lambda m: m.group(1) + html.escape(heading, quote=False) + m.group(3), body, count=1
        )
    target.write_text(finish_body(body, lang), encoding="utf-8")
