"""The static site's index page: what the report says, a card per notebook, the scorecard as a
chart, the data and its dictionary, the sources and how to cite.

Adding a notebook means adding one file. Its card reads the notebook itself:

- the **question** is the notebook's H1 in the edition's language (the first ``# `` heading of
  a markdown cell tagged ``lang-<lang>`` or untagged);
- the **headline** is named in the notebook's metadata::

      "zzreport": {"headline": {"facts": "zzreport.findings.scorecard:scorecard_facts",
                                "prose": "headline_scorecard"}}

  ``facts`` is the function (``module:name``, no arguments) that computes the finding and
  returns a dataclass; ``prose`` the template in ``templates/prose/{en,zh}/`` that puts its
  fields into words. A notebook without it gets a card with no headline.

A notebook the build runs once per value of a parameter (see ``params.parameter_specs``) gets
one card linking to a list of its pages, each named by the ``<parameter>.<value>`` entry of
``words.toml`` (``theme.green``). The shipped Chinese font is cut down to the characters the
site shows (``write_assets``). No number is computed here and no word is written here: the
words are in ``words.toml`` (``site.*``, ``column_zh.*``) and ``templates/prose``, the English
column descriptions in ``data/datapackage.json``.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import html
import importlib
import io
import json
import re
import shutil
import sys
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

import zzreport
from zzreport.data import paths, schema
from zzreport.publish.plan import Job
from zzreport.words import prose, text

#: ``words.toml`` entries of the index page, under ``site.``.
SITE_WORDS: tuple[str, ...] = (
    "title",
    "notebooks",
    "data",
    "dictionary",
    "sources",
    "cite",
    "cite_text",
    "open",
    "each_page",
    "table",
    "column",
    "meaning",
    "values",
    "downloads",
    "scorecard",
    "scorecard_alt",
    "source_col",
    "quality",
    "address",
)

DOWNLOADS: tuple[tuple[Path, str], ...] = (
    (paths.INDICATORS_CSV, "indicators.csv"),
    (paths.EXTERNAL_CSV, "external_figures.csv"),
    (paths.DATAPACKAGE, "datapackage.json"),
    (paths.RAW_REPORT, "zhengzhou-2024-report.txt"),
    (paths.RAW_REPORT_META, "zhengzhou-2024-report.meta.json"),
)
H1 = re.compile(r"^# +(.+?)\s*$", re.M)


def _markdown_inline(markdown: str) -> Markup:
    """The little Markdown our prose uses (bold, emphasis, code) as HTML, everything else
    escaped: the one place text becomes markup on the index, so it is marked ``Markup``
    here and the template (which escapes everything else) shows it as it is."""
    escaped = html.escape(markdown, quote=False)  # (text nodes only: quotes need none)
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
    escaped = re.sub(r"\*(.+?)\*", r"<em>\1</em>", escaped)
    return Markup(re.sub(r"`(.+?)`", r"<code>\1</code>", escaped))


def _read(notebook: Path) -> dict:
    """The notebook's JSON. Not ``nbformat.read``: the index needs only the markdown and the
    metadata, and importing nbformat imports jsonschema's IRI grammar into the kernel that
    writes the index (about 1.2 CPU-s; see ``notebooks.skip_iri_format_checker``)."""
    return json.loads(Path(notebook).read_text(encoding="utf-8"))


def _source(cell: dict) -> str:
    """A cell's source, which the file format allows as one string or a list of lines."""
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def question(notebook: Path, lang: str) -> str:
    """The notebook's H1 in ``lang``: the first ``# `` heading of a markdown cell tagged
    ``lang-<lang>``, or of an untagged one. ValueError naming the notebook when it has none."""
    text.check_lang(lang)
    for cell in _read(notebook)["cells"]:
        tags = {t for t in cell.get("metadata", {}).get("tags", []) if t.startswith("lang-")}
        if cell["cell_type"] == "markdown" and (not tags or f"lang-{lang}" in tags):
            found = H1.search(_source(cell))
            if found:
                return found.group(1)
    raise ValueError(
        f"{Path(notebook).name} has no H1 ('# ' heading) for lang={lang!r}: tag a "
        f"markdown cell lang-{lang} or leave it untagged"
    )


def headline_spec(notebook: Path) -> dict[str, str] | None:
    """The notebook's ``zzreport.headline`` metadata, checked; None when it has none."""
    spec = _read(notebook).get("metadata", {}).get("zzreport", {}).get("headline")
    if spec is None:
        return None
    if (
        not isinstance(spec, dict)
        or set(spec) != {"facts", "prose"}
        or ":" not in str(spec["facts"])
    ):
        raise ValueError(
            f"{Path(notebook).name}: metadata zzreport.headline is {spec!r}; "
            'expected {"facts": "module:function", "prose": "template"}'
        )
    return {"facts": str(spec["facts"]), "prose": str(spec["prose"])}


def facts_of(notebook: Path, spec: dict[str, str]) -> dict[str, object]:
    """Call the facts function ``spec`` names and return its record's fields by name."""
    module_name, _, name = spec["facts"].partition(":")
    try:
        function = getattr(importlib.import_module(module_name), name)
    except (ImportError, AttributeError) as error:
        raise ValueError(
            f"{Path(notebook).name}: metadata zzreport.headline.facts = "
            f"{spec['facts']!r} names no function ({error})"
        ) from None
    record = function()
    if not dataclasses.is_dataclass(record):
        raise ValueError(
            f"{Path(notebook).name}: {spec['facts']} returned "
            f"{type(record).__name__}, not a dataclass record of facts"
        )
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


def headline(notebook: Path, lang: str) -> Markup:
    """The notebook's key finding in words, as HTML; empty when its metadata names none."""
    spec = headline_spec(notebook)
    if spec is None:
        return Markup("")
    return _markdown_inline(prose.render(spec["prose"], lang, **facts_of(notebook, spec)))


def summary(lang: str) -> Markup:
    """One paragraph of findings, as HTML."""
    # pandas and the findings imported here (and below): the build's main process imports
    # this module (index_spec, write_assets) and needs none of them; the kernel has them.
    from zzreport.findings.scorecard import scorecard
    from zzreport.words import narrative

    frame, pairs = zzreport.load_indicators(), zzreport.target_pairs()
    parts = [
        narrative.glance_overview(frame, pairs, lang),
        narrative.growth_overview(zzreport.headline_targets(), lang),
        narrative.outcomes_overview(scorecard(), lang),
    ]
    return Markup(" ").join(_markdown_inline(p) for p in parts)


def scorecard_chart(lang: str) -> str:
    """The 2024 scorecard (``charts.scorecard_margins``) as an inline PNG ``data:`` URI: no
    request leaves the page. The PNG carries no timestamp, so two builds give the same bytes."""
    import matplotlib  # (in the body: see summary)

    if "matplotlib.pyplot" not in sys.modules:  # a kernel keeps its own (inline) backend
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from zzreport.display import charts
    from zzreport.findings.scorecard import scorecard

    with matplotlib.rc_context():
        charts.use_house_style()
        figure = charts.scorecard_margins(scorecard(), lang)
        buffer = io.BytesIO()
        figure.savefig(
            buffer, format="png", dpi=80, bbox_inches="tight", metadata={"Software": None}
        )
        plt.close(figure)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def column_description(table: str, column: str, lang: str) -> str:
    """A column's meaning: the English is ``data/datapackage.json``'s description (the one
    English source), the Chinese ``words.toml``'s ``column_zh.<table>.<column>``."""
    described = {t.name: t for t in (schema.INDICATORS, schema.EXTERNAL)}[table].field(column)
    if text.check_lang(lang) == text.BASE_LANG:
        return described.description
    return text.label(f"column_zh.{table}.{column}", lang)


def _dictionary(lang: str) -> list[dict[str, object]]:
    rows = []
    for table in (schema.INDICATORS, schema.EXTERNAL):
        for field in table.fields:
            rows.append(
                {
                    "table": table.name,
                    "name": field.name,
                    "meaning": _markdown_inline(column_description(table.name, field.name, lang)),
                    "enum": list(field.enum or ()),
                    "type": text.label(f"site.type.{field.type}", lang),
                }
            )
    return rows


def _sources() -> list[dict[str, str]]:
    external = zzreport.load_external()
    unique = external.drop_duplicates("source_url")[["source", "source_url", "quality"]]
    return [
        {"source": r.source, "url": r.source_url, "quality": str(r.quality)}
        for r in unique.itertuples()
    ]


#: Text the index can show, besides the pages: its words, templates and data.
FONT_SOURCES: tuple[Path, ...] = (text.WORDS_PATH, prose.PROSE_DIR.parent, paths.DATA_DIR)
FONT_FILE = "NotoSansSC-Regular.otf"


def _characters(folder: Path) -> frozenset[str]:
    """Every character the site can show: the pages already in ``folder``, and every file the
    index is written from (``FONT_SOURCES``), plus printable ASCII."""
    found = set(map(chr, range(0x20, 0x7F)))
    files = sorted(folder.glob("*.html"))
    for source in FONT_SOURCES:
        files += (
            [source]
            if source.is_file()
            else sorted(
                p
                for p in source.rglob("*")
                if p.is_file() and p.suffix in (".toml", ".j2", ".csv", ".json", ".txt", ".md")
            )
        )
    for path in files:
        found |= set(path.read_text(encoding="utf-8"))
    return frozenset(c for c in found if not c.isspace() or c == " ")


@cache
def _font_subset(characters: frozenset[str]) -> bytes:
    """The shipped font cut down to ``characters`` (fontTools, a dependency of matplotlib):
    8 MB become a few hundred kB. Names, licence and layout features are kept; the timestamp
    is not recalculated, so the same characters give the same bytes. Nor are the bounding
    boxes: the full font's (font-wide, a little larger than the subset needs, which changes no
    glyph) are kept, which halves the time the subset takes."""
    from fontTools import subset  # here: only a build whose characters changed makes a subset
    from fontTools.ttLib import TTFont
    from pylopdf_fonts_zh_cn import sans_path  # the font charts.cjk_font_path() registers

    options = subset.Options()
    options.layout_features, options.name_IDs, options.name_languages = ["*"], ["*"], ["*"]
    options.notdef_outline = True
    font = TTFont(sans_path(), recalcTimestamp=False, recalcBBoxes=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(characters)))
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def font_key(characters: frozenset[str], inputs: str) -> str:
    """The cache key of a subset: the characters and ``inputs`` (the build's digest of the
    package source and the lock file, which pin this code, fontTools and the font)."""
    seed = "font-subset\0" + inputs + "\0" + "".join(sorted(characters))
    return hashlib.sha256(seed.encode()).hexdigest()


def write_assets(folder: Path, cache=None, inputs: str = "", reuse: bool = True) -> None:
    """Write the shipped font, subset to the characters the site shows, and copy the data
    downloads into ``folder``. Copies keep the bytes but not the times (``copyfile``), so two
    builds give identical sites. With ``cache`` (a ``cache.Cache``) the subset is reused from,
    or stored in, the build's cache under ``font_key`` (``reuse=False``, as ``--force``: only
    stored)."""
    fonts = folder / "fonts"
    fonts.mkdir(exist_ok=True)
    target = fonts / FONT_FILE  # SIL OFL: may be shipped
    characters = _characters(folder)
    key = font_key(characters, inputs)
    entry = cache.entry(key, "font subset") if cache is not None and reuse else None
    if entry is not None:
        shutil.copyfile(entry / FONT_FILE, target)
    else:
        target.write_bytes(_font_subset(characters))
        if cache is not None:
            cache.store(key, {FONT_FILE: target})
    data_dir = folder / "data"
    data_dir.mkdir(exist_ok=True)
    for source, name in DOWNLOADS:
        shutil.copyfile(source, data_dir / name)


def _variant_name(job, varying: list[str], lang: str) -> str:
    return text.join([text.label(f"{name}.{job.parameters[name]}", lang) for name in varying], lang)


def cards(pages: list, lang: str) -> tuple[list[dict], list[dict]]:
    """One card per notebook, in build order, and one list of pages per notebook that runs
    once per value of a parameter (``pages``: (job, page file) pairs)."""
    by_notebook: dict[Path, list] = {}
    for job, page in pages:
        by_notebook.setdefault(job.notebook, []).append((job, page))
    found, groups = [], []
    for notebook, runs in by_notebook.items():
        card = {
            "stem": notebook.stem,
            "question": question(notebook, lang),
            "headline": headline(notebook, lang),
            "page": None,
            "anchor": None,
        }
        if len(runs) == 1:
            card["page"] = runs[0][1]
        else:
            varying = [
                name
                for name in runs[0][0].parameters
                if len({str(job.parameters.get(name)) for job, _ in runs}) > 1
            ]
            card["anchor"] = notebook.stem
            groups.append(
                {
                    "anchor": notebook.stem,
                    "question": card["question"],
                    "pages": [
                        {"page": page, "name": _variant_name(job, varying, lang)}
                        for job, page in runs
                    ],
                }
            )
        found.append(card)
    return found, groups


def index_spec(folder: Path, pages: list, lang: str) -> str:
    """What ``write_index`` needs, as JSON: the build sends it to a kernel (``pages``: (job,
    page file) pairs). Its paths are absolute: the kernel's working directory is the
    notebooks' folder, not the command's (`make report` passes a relative --out, and
    ``ZZREPORT_NOTEBOOKS_DIR`` may be relative too)."""
    return json.dumps(
        {
            "folder": str(Path(folder).absolute()),
            "lang": lang,
            "pages": [
                [str(Path(job.notebook).absolute()), job.name, job.parameters, page]
                for job, page in pages
            ],
        },
        sort_keys=True,
    )


def write_index(spec: str) -> Path:
    """``write_site`` from an ``index_spec``."""
    given = json.loads(spec)
    pages = [(Job(Path(path), name, params), page) for path, name, params, page in given["pages"]]
    return write_site(Path(given["folder"]), pages, given["lang"])


SITE_TEMPLATES = Path(__file__).parent / "templates" / "site"


def environment() -> Environment:
    """The index's templates, every one autoescaped: text from the data (a source's name, a
    quote) is escaped wherever it lands; only what ``_markdown_inline`` marks ``Markup``
    reaches the page as markup. (``select_autoescape(["html"])`` would not match
    ``index.html.j2``, and did not: the index escaped nothing.)"""
    return Environment(
        loader=FileSystemLoader(SITE_TEMPLATES),
        autoescape=select_autoescape(("html", "html.j2"), default_for_string=True, default=True),
    )


def write_site(folder: Path, pages: list, lang: str) -> Path:
    """Write ``index.html`` into ``folder`` (already holding the pages; the build writes the
    font and the downloads with ``write_assets``)."""
    meta = json.loads(paths.RAW_REPORT_META.read_text(encoding="utf-8"))
    found, groups = cards(pages, lang)
    page = (
        environment()
        .get_template("index.html.j2")
        .render(
            lang=lang,
            html_lang=text.label("site.html_lang", lang),
            words={k: text.label(f"site.{k}", lang) for k in SITE_WORDS},
            summary=summary(lang),
            cards=found,
            groups=groups,
            downloads=[name for _, name in DOWNLOADS],
            dictionary=_dictionary(lang),
            sources=_sources(),
            citation=meta["citation"],
            chart=scorecard_chart(lang),
            quality=lambda grade: text.quality(grade, lang),
        )
    )
    index = folder / "index.html"
    index.write_text(page, encoding="utf-8")
    return index
