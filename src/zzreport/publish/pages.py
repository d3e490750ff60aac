"""Rendering an executed notebook to a page of the site: nbconvert's lab template, through
our ``offline`` template (``templates/offline``), in one exporter per edition and process.

nbconvert's ``HTMLExporter`` ends each page with a BeautifulSoup pass that gives images
without one an ``alt`` text and makes code inputs and outputs focusable (``tabindex``). It
parses and re-serialises the whole page, inline images included: about 60 % of a page's
rendering time, and a third of a second more in each process for soupsieve to compile its
selectors. ``PageExporter`` leaves that pass out and makes the same three changes to the
markup the templates write (``accessible``); a test proves the two give the same document.
"""

from __future__ import annotations

import re
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
    (``lang-zh`` in the English edition, ``lang-en`` in the Chinese) are removed by
    nbconvert's ``TagRemovePreprocessor``. ``exporter_class`` (the tests: nbconvert's own
    ``HTMLExporter``) gives a new exporter of that class instead."""
    if lang in _EXPORTERS and exporter_class is None:
        return _EXPORTERS[lang]
    from traitlets.config import Config  # (in the body: see _page_exporter_class)

    other = {"en": "zh", "zh": "en"}.get(lang, "zh")
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {f"lang-{other}"}
    made = (exporter_class or _page_exporter_class())(
        config=config,
        template_name="offline",
        extra_template_basedirs=[str(Path(__file__).parent / "templates")],
    )
    if exporter_class is None:
        _EXPORTERS[lang] = made
    return made


def render_html(
    executed: Path, target: Path, lang: str = "en", show_code: str | None = None
) -> None:
    """Render an executed notebook to a self-contained HTML page (images inline, no CDN).

    Code inputs are folded behind a ``<details>`` "Show code" control, labelled
    ``show_code`` (default: the words.toml entry; the build looks it up in the main process
    and hands it over with the task)."""
    import nbformat  # here, not at the top: see notebooks.skip_iri_format_checker

    if show_code is None:
        show_code = label("show_code", lang)
    resources = {"zz_show_code": show_code, "zz_lang": lang}
    body, _ = exporter(lang).from_notebook_node(
        nbformat.read(executed, as_version=4), resources=resources
    )
    target.write_text(body, encoding="utf-8")
