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
site shows (``assets.write_assets``). No number is computed here and no word is written here: the
words are in ``words.toml`` (``site.*``, ``column_zh.*``) and ``templates/prose``, the English
column descriptions in ``data/datapackage.json``.
"""

from __future__ import annotations

import dataclasses
import html
import importlib
import json
import os
import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

import zzreport
from zzreport.data import paths, schema
from zzreport.publish.plan import Job, edition_folders
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

#: The data files a reader can download, each under its path in the project (``data/...``)
#: so that a page naming ``data/raw/zhengzhou-2024-report.txt`` links to the copy, with the
#: ``reader.file.*`` words that describe it (None: listed without a description).
DOWNLOADS: tuple[tuple[Path, str | None], ...] = (
    (paths.INDICATORS_CSV, "indicators"),
    (paths.EXTERNAL_CSV, "external"),
    (paths.RAW_REPORT, "report"),
    (paths.DATAPACKAGE, "datapackage"),
    (paths.RAW_REPORT_META, None),
    (paths.EXTERNAL_DIR / "external_figures.meta.json", None),
    (paths.EXTERNAL_DIR / "indicator_map.csv", None),
    (paths.RAW_DIR / "external_figures.csv", None),
    (paths.RAW_DIR / "external_figures.meta.json", None),
    (paths.RAW_DIR / "external_figures.README.md", None),
)
#: The pages the index task writes besides the notebooks' (cached together, see
#: ``execute.results``); ``ANCHORS`` is read and removed by ``assets.write_assets``.
SITE_PAGES: tuple[str, ...] = ("index.html", "methods.html", "search.html")
STYLESHEET = "site.css"
SEARCH_SCRIPT = "site.js"
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


def _markdown(markdown: str) -> Markup:
    """Paragraphs of our prose (blank-line separated) as HTML, each inline as above."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", markdown) if p.strip()]
    return Markup("\n").join(Markup("<p>%s</p>") % _markdown_inline(p) for p in parts)


def target_words(value: float, unit: str, bound: object, lang: str) -> str:
    """A target in plain words: "about 7%", "at least 8%", "7%左右" (``reader.target.*``)."""
    shown = text.quantity(value, unit, lang)
    bound = str(bound) if isinstance(bound, str) else "exact"
    key = f"reader.target.{bound}"
    return text.phrase(key if key in text.words() else "reader.target.exact", lang, value=shown)


OUTCOMES_PAGE = "06-outcomes-2024.html"


def scorecard_rows(lang: str) -> list[dict[str, object]]:
    """The judged 2024 targets, in report order, as the index's table shows them: the mark,
    the target in plain words, the outcome, the margin and the source's grade, each linking
    to its row on the outcomes page (``replay.row_anchors``, the anchors that page carries).
    Every number is the scorecard's (``zzreport.scorecard``), formatted by the display code."""
    from zzreport.display.outcome_tables import _margin
    from zzreport.publish.replay import row_anchors

    card = zzreport.judged(zzreport.scorecard())
    anchors = row_anchors(list(card["indicator"]), list(card["measure"]))
    doubled = set(card.loc[card["indicator"].duplicated(keep=False), "indicator"])
    rows = []
    for anchor, (_, row) in zip(anchors, card.iterrows(), strict=True):
        result = str(row["result"])
        outcome = text.quantity(row["outcome"], row["outcome_unit"] or row["unit"], lang)
        rows.append(
            {
                "anchor": anchor,
                "href": f"{OUTCOMES_PAGE}#{anchor}",
                "result": result,
                "mark": text.label(f"reader.mark.{result}", lang),
                "name": (
                    text.with_measures(text.indicator_name(row, lang), [row["measure"]], lang)
                    if row["indicator"] in doubled
                    else text.indicator_name(row, lang)
                ),
                "target": target_words(row["target"], row["unit"], row["bound"], lang),
                "outcome": outcome,
                "derived": row["outcome_basis"] == "derived",
                "margin": _margin(row["margin"], row["margin_unit"], lang, row["margin_bound"]),
                "grade": text.quality(row["quality"], lang),
            }
        )
    return rows


def headline_facts() -> dict[str, object]:
    """What the index's headline and standfirst say: the scorecard's counts
    (``scorecard_facts``) and GDP's target and outcome (``scorecard``)."""
    facts = zzreport.scorecard_facts()
    card = zzreport.scorecard()
    gdp = card[(card["indicator"] == "gdp") & (card["measure"] == "growth")]
    found = {f.name: getattr(facts, f.name) for f in dataclasses.fields(facts)}
    found["gdp"] = None
    if len(gdp):
        row = gdp.iloc[0]
        found["gdp"] = {
            "result": str(row["result"]),
            "target": row["target"],
            "unit": row["unit"],
            "bound": row["bound"],
            "outcome": None if row["outcome"] != row["outcome"] else row["outcome"],
        }
    return found


def headline_text(lang: str) -> tuple[Markup, Markup]:
    """The index's headline and standfirst (``prose/*/site_headline``, ``site_standfirst``)."""
    facts = headline_facts()
    gdp = facts["gdp"]
    if gdp is not None:
        gdp = {
            **gdp,
            "target_words": target_words(gdp["target"], gdp["unit"], gdp["bound"], lang),
            "outcome_words": None
            if gdp["outcome"] is None
            else text.quantity(gdp["outcome"], gdp["unit"], lang),
        }
    facts = {**facts, "gdp": gdp}
    return (
        _markdown_inline(prose.render("site_headline", lang, **facts)),
        _markdown_inline(prose.render("site_standfirst", lang, **facts)),
    )


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


def variant_name(job, varying: list[str], lang: str) -> str:
    """The values of ``varying`` parameters of ``job`` in words (05's theme)."""
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
                        {"page": page, "name": variant_name(job, varying, lang)}
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


@cache
def reader_words(lang: str) -> dict[str, str]:
    """The site's own words (``reader.*`` in ``words.toml``, without the prefix), and the
    site's name as ``site``."""
    found = {
        key.removeprefix("reader."): text.label(key, lang)
        for key in text.words()
        if key.startswith("reader.") and key.count(".") == 1
    }
    return {**found, "site": text.label("site.title", lang)}


def other_edition(page: str, lang: str) -> dict[str, str]:
    """The same page in the other edition: its address from this one, as ``make report``
    lays the editions out (``plan.edition_folders``: English in ``build/site``, Chinese in
    ``build/zh/site``), and its language."""
    other = next(code for code in text.LANGS if code != lang)
    root = Path("/out")
    folders = edition_folders(root, text.LANGS)
    here, there = folders[lang] / "site", folders[other] / "site" / page
    return {
        "href": Path(os.path.relpath(there, here)).as_posix(),
        "lang": text.label("site.html_lang", other),
    }


def data_as_of() -> str:
    """The latest date a data file was copied in (its sidecar's ``date_accessed``)."""
    dates = []
    for meta in sorted(paths.DATA_DIR.rglob("*.meta.json")):
        accessed = json.loads(meta.read_text(encoding="utf-8")).get("date_accessed")
        if accessed:
            dates.append(str(accessed))
    return max(dates) if dates else ""


def citation(page: str, title: str, lang: str) -> dict[str, str]:
    """What the citation box shows: title, address, version, data as of, a BibTeX entry and
    (the Chinese edition) a GB/T 7714 reference (``reader.cite_pattern``)."""
    as_of = data_as_of()
    author = text.label("reader.cite_author", lang)
    site_name = text.label("site.title", lang)
    key = "zzreport-" + re.sub(r"[^a-z0-9]+", "-", Path(page).stem.lower()).strip("-")
    bibtex = (
        f"@misc{{{key},\n"
        f"  author = {{{{{author}}}}},\n"
        f"  title = {{{{{title}}}}},\n"
        f"  howpublished = {{{site_name}}},\n"
        f"  year = {{{as_of[:4]}}},\n"
        f"  version = {{{zzreport.__version__}}},\n"
        f"  note = {{{text.label('reader.cite_data_as_of', lang)} {as_of}; {page}}}\n"
        "}"
    )
    pattern = text.label("reader.cite_pattern", lang)
    return {
        "title": title,
        "page": page,
        "version": zzreport.__version__,
        "as_of": as_of,
        "bibtex": bibtex,
        "gbt": pattern.format(
            author=author,
            title=title,
            site=site_name,
            version=zzreport.__version__,
            date=as_of,
            page=page,
        )
        if pattern
        else "",
    }


def macro(name: str):
    return getattr(environment().get_template("chrome.html.j2").module, name)


def toc_html(sections: list[tuple[str, str]], lang: str) -> str:
    """ "On this page": the page's sections, (anchor, title) pairs."""
    return str(macro("toc")(reader_words(lang), sections))


def data_href(name: str) -> str:
    """Where a page's mention of a data file or folder (``data/raw/``) links: the file's copy
    in the site, or for a folder, the list of files on the methods page."""
    if name.endswith("/") or not Path(name).suffix:
        return "methods.html#files"
    return name


def chrome(page: str, lang: str, title: str, notebook: str | None = None) -> dict[str, str]:
    """What a page has around its content: ``title`` (its heading and the site's name),
    ``header``, ``after`` (a notebook page's downloads, the citation box and the place of
    previous/next, filled by ``assets.write_assets``) and ``footer``, as HTML."""
    words = reader_words(lang)
    site_name = words["site"]
    bundle = other_edition("pagefind/", lang)
    files = [f"data/{p.relative_to(paths.DATA_DIR).as_posix()}" for p, d in DOWNLOADS if d]
    return {
        "title": title if title == site_name else f"{title} · {site_name}",
        "header": str(macro("header")(words, page, other_edition(page, lang))),
        "after": str(macro("after")(words, notebook, files, citation(page, title, lang))),
        "footer": str(macro("footer")(words)),
        "other_bundle": bundle["href"].rstrip("/") + "/",
        "other_lang": bundle["lang"],
    }


def figure_html(output, lang: str, heading: str) -> str:
    """A chart on a notebook page: the SVG ``replay`` made (crisp at any density), its
    title as the alt text, its source line as text and its downloads; without a replay (a
    page rendered on its own), the notebook's image."""
    chart = dict(output.get("metadata", {}).get("zz_chart", {}))
    if not chart.get("svg"):
        image = output["data"]["image/png"]
        return str(
            Markup(
                '<figure class="zz-chart"><img src="data:image/png;base64,%s" alt="%s"></figure>'
            )
            % (image.strip(), heading)
        )
    return str(macro("figure")(reader_words(lang), chart))


def environment() -> Environment:
    """The index's templates, every one autoescaped: text from the data (a source's name, a
    quote) is escaped wherever it lands; only what ``_markdown_inline`` marks ``Markup``
    reaches the page as markup. (``select_autoescape(["html"])`` would not match
    ``index.html.j2``, and did not: the index escaped nothing.)"""
    return Environment(
        loader=FileSystemLoader(SITE_TEMPLATES),
        autoescape=select_autoescape(("html", "html.j2"), default_for_string=True, default=True),
    )


def _sources(lang: str) -> list[dict[str, object]]:
    """Every source of a figure from outside the report: its name, address, grade, date and
    the 2024 verdicts that rest on it (the scorecard's judged rows citing that address)."""
    external = zzreport.load_external()
    card = zzreport.judged(zzreport.scorecard())
    resting: dict[str, list[str]] = {}
    for _, row in card.iterrows():
        if isinstance(row["source_url"], str):
            resting.setdefault(row["source_url"], []).append(
                f"{text.indicator_name(row, lang)}: {text.label(str(row['result']), lang)}"
            )
    unique = external.drop_duplicates("source_url")
    found = []
    for row in unique.itertuples():
        published = row.published if isinstance(row.published, str) and row.published else ""
        found.append(
            {
                "source": row.source,
                "url": row.source_url,
                "quality": text.quality(row.quality, lang),
                "published": published or text.label("date_not_stated", lang),
                "verdicts": resting.get(row.source_url, []),
            }
        )
    found.sort(key=lambda s: (not s["verdicts"], s["url"]))
    return found


def _files(lang: str) -> list[dict[str, str]]:
    return [
        {
            "href": f"data/{path.relative_to(paths.DATA_DIR).as_posix()}",
            "meaning": text.label(f"reader.file.{words}", lang) if words else "",
        }
        for path, words in DOWNLOADS
    ]


def _grades(lang: str) -> list[dict[str, str]]:
    return [
        {"grade": text.quality(grade, lang), "meaning": text.label(f"reader.grade.{grade}", lang)}
        for grade in ("primary", "official", "state_media", "mirror", "low")
    ]


def _render(template: str, folder: Path, name: str, lang: str, title: str, **values) -> Path:
    words = reader_words(lang)
    page = (
        environment()
        .get_template(template)
        .render(
            lang=lang,
            html_lang=text.label("site.html_lang", lang),
            w=words,
            words={k: text.label(f"site.{k}", lang) for k in SITE_WORDS},
            chrome=chrome(name, lang, title),
            **values,
        )
    )
    target = folder / name
    target.write_text(page, encoding="utf-8")
    return target


def write_site(folder: Path, pages: list, lang: str) -> Path:
    """Write the site's own pages into ``folder`` (already holding, or about to hold, the
    notebooks' pages; the build writes the font, the downloads and the search index with
    ``assets.write_assets``): ``index.html`` (the answer first: headline, standfirst, the 2024
    scorecard, then a card per notebook), ``methods.html`` and ``search.html``."""
    from zzreport.words import narrative  # (in the body: the main process needs none of it)

    meta = json.loads(paths.RAW_REPORT_META.read_text(encoding="utf-8"))
    found, groups = cards(pages, lang)
    headline_html, standfirst = headline_text(lang)
    site_name = text.label("site.title", lang)
    index = _render(
        "index.html.j2",
        folder,
        "index.html",
        lang,
        site_name,
        headline=headline_html,
        standfirst=standfirst,
        kicker=text.phrase("reader.kicker", lang, version=zzreport.__version__, date=data_as_of()),
        rows=scorecard_rows(lang),
        cards=found,
        groups=groups,
        citation=meta["citation"],
        cite=citation("index.html", site_name, lang),
    )
    methods_title = text.label("reader.methods", lang)
    _render(
        "methods.html.j2",
        folder,
        "methods.html",
        lang,
        methods_title,
        verdicts=_markdown(narrative.verdict_rules(lang)),
        method=_markdown(narrative.method_note(lang)),
        source_note=_markdown(narrative.source_note(lang)),
        grades=_grades(lang),
        files=_files(lang),
        dictionary=_dictionary(lang),
        sources=_sources(lang),
        citation=meta["citation"],
        cite=citation("methods.html", methods_title, lang),
    )
    search_title = text.label("reader.search", lang)
    _render(
        "search.html.j2",
        folder,
        "search.html",
        lang,
        search_title,
        cite=citation("search.html", search_title, lang),
    )
    return index
