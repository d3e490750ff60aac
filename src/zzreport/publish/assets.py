"""What an edition's site gets once its pages exist (``write_assets``): each notebook page's
charts as files, the notebook it was made from and previous/next in the index's order
(``finish_pages``); the stylesheet and script, the data downloads and the licences; the
shipped Chinese font cut down to the characters the site can show; and the search indexes, Pagefind's for a
served site and ``offline_search``'s for a site opened as a file."""

from __future__ import annotations

import base64
import html
import re
import shutil
import sys
from pathlib import Path

from zzreport.data import paths
from zzreport.publish import offline_search
from zzreport.publish.site import (
    DOWNLOADS,
    SEARCH_SCRIPT,
    SITE_TEMPLATES,
    STYLESHEET,
    macro,
    reader_words,
)
from zzreport.words import prose, text

#: Text the index can show, besides the pages: its words, templates and data.
#: What either edition can show, the other edition's prose included: search shows both.
FONT_SOURCES: tuple[Path, ...] = (
    text.WORDS_PATH,
    prose.PROSE_DIR.parent,
    paths.DATA_DIR,
    paths.NOTEBOOKS_DIR,
)
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
                if p.is_file()
                and p.suffix in (".toml", ".j2", ".csv", ".json", ".txt", ".md", ".ipynb")
            )
        )
    for path in files:
        found |= set(path.read_text(encoding="utf-8"))
    return frozenset(c for c in found if not c.isspace() or c == " ")


def _font_subset(characters: frozenset[str]) -> bytes:
    """The shipped font cut down to ``characters``: 8 MB become a few hundred kB. HarfBuzz's
    subsetter (uharfbuzz), which takes 0.02 CPU-s where fontTools' took 0.8 (a third of a
    no-op rebuild; the build then needs no cache for it). Every name record in every language
    (the licence among them), every layout feature and the .notdef outline are kept; nothing
    is dated, so the same characters give the same bytes."""
    import uharfbuzz as harfbuzz  # here: only the site's last step needs it
    from pylopdf_fonts_zh_cn import sans_path  # the font charts.cjk_font_path() registers

    wanted = harfbuzz.SubsetInput()
    wanted.unicode_set.update(sorted(map(ord, characters)))
    for kept in ("LAYOUT_FEATURE_TAG", "NAME_ID", "NAME_LANG_ID"):
        every = wanted.sets(getattr(harfbuzz.SubsetInputSets, kept))
        every.clear()  # the defaults (a few names, the common features) out, then all in
        every.invert()
    wanted.flags = harfbuzz.SubsetFlags.NOTDEF_OUTLINE
    font = harfbuzz.Face(harfbuzz.Blob.from_file_path(sans_path()))
    subset = harfbuzz.subset(font, wanted)
    if subset is None:
        raise RuntimeError(f"HarfBuzz could not subset {sans_path()}")
    return subset.blob.data


def _notebook_sources() -> dict[str, Path]:
    from zzreport.publish.notebooks import notebook_paths

    return {path.stem: path for path in notebook_paths()}


def _source_of(job_name: str, sources: dict[str, Path]) -> Path | None:
    """The notebook a job ran: its name, or the longest stem its name starts with (the theme
    deep dive runs as ``05-theme-deep-dive-green``)."""
    matching = [stem for stem in sources if job_name == stem or job_name.startswith(stem + "-")]
    return sources[max(matching, key=len)] if matching else None


_EMBEDDED = re.compile(r'data-zz-file="([\w.-]+)" (src|href)="data:[\w/+.-]+;base64,([^"]*)"')
_PAGE_LINK = re.compile(r'href="([0-9][\w.-]*\.html)"')
_HEADING = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


def _extract_charts(page: Path, charts: Path) -> str:
    """The page with its embedded chart files (``figure_html``) written into ``charts`` and
    linked from there: the page stays small, each download is a file."""

    def write(match: re.Match) -> str:
        name, attribute, data = match.groups()
        charts.mkdir(exist_ok=True)
        (charts / name).write_bytes(base64.b64decode(data))
        return f'{attribute}="charts/{name}"'

    return _EMBEDDED.sub(write, page.read_text(encoding="utf-8"))


def _page_titles(folder: Path, names: list[str]) -> dict[str, str]:
    titles = {}
    for name in names:
        found = _HEADING.search((folder / name).read_text(encoding="utf-8"))
        if found:
            titles[name] = html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip("¶ ")
    return titles


def finish_pages(folder: Path) -> None:
    """What a notebook page can only get once every page exists: its charts as files, the
    notebook it was made from (as run, and as committed) and previous/next, in the index's
    order. Run by ``write_assets`` on every build, cached pages included."""
    index = folder / "index.html"
    lang = (
        next(
            (
                code
                for code in text.LANGS
                if f'<html lang="{text.label("site.html_lang", code)}"'
                in index.read_text(encoding="utf-8")[:200]
            ),
            text.BASE_LANG,
        )
        if index.exists()
        else text.BASE_LANG
    )
    order = list(
        dict.fromkeys(
            name
            for name in _PAGE_LINK.findall(
                index.read_text(encoding="utf-8") if index.exists() else ""
            )
            if (folder / name).exists()
        )
    )
    order += sorted(p.name for p in folder.glob("[0-9]*.html") if p.name not in order)
    titles = _page_titles(folder, order)
    executed, sources = folder.parent / "executed", _notebook_sources()
    (folder / "notebooks").mkdir(exist_ok=True)
    (folder / "source").mkdir(exist_ok=True)
    pager = macro("pager")
    words = reader_words(lang)
    for position, name in enumerate(order):
        page = folder / name
        stem = Path(name).stem
        body = _extract_charts(page, folder / "charts")
        neighbours = [
            {"href": order[i], "title": titles.get(order[i], order[i])}
            if 0 <= i < len(order)
            else None
            for i in (position - 1, position + 1)
        ]
        body = body.replace(
            '<nav class="zz-pager" data-zz-pager data-pagefind-ignore="all"></nav>',
            str(pager(words, *neighbours)),
            1,
        )
        page.write_text(body, encoding="utf-8")
        if (executed / f"{stem}.ipynb").exists():
            shutil.copyfile(executed / f"{stem}.ipynb", folder / "notebooks" / f"{stem}.ipynb")
        source = _source_of(stem, sources)
        if source is not None:
            shutil.copyfile(source, folder / "source" / f"{stem}.ipynb")


def _font_licence() -> Path | None:
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        files = distribution("pylopdf-fonts-zh-cn").files or []
    except PackageNotFoundError:
        return None
    found = [f for f in files if f.name.upper().startswith(("LICENSE", "OFL"))]
    return Path(found[0].locate()) if found else None


def write_search_index(folder: Path) -> None:
    """Pagefind's index of the edition's pages (``pagefind/``): static files the search page
    loads; no server of its own, but it needs the site served (``zzreport serve``); a site
    opened as a file searches ``offline_search``'s index instead."""
    import subprocess

    command = [sys.executable, "-m", "pagefind", "--site", str(folder), "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not (folder / "pagefind" / "pagefind-entry.json").exists():
        raise RuntimeError(f"pagefind could not index {folder}: {result.stderr or result.stdout}")


def write_assets(folder: Path) -> None:
    """Finish an edition's site in ``folder``: the notebook pages' charts, notebooks and
    previous/next (``finish_pages``), the stylesheet and script, the data downloads under
    their project paths, the licences, the shipped font subset to the characters the site
    shows, and the search index. Copies keep the bytes but not the times (``copyfile``), so
    two builds give identical sites."""
    finish_pages(folder)
    assets = folder / "assets"
    assets.mkdir(exist_ok=True)
    for name in (STYLESHEET, SEARCH_SCRIPT):
        shutil.copyfile(SITE_TEMPLATES / name, assets / name)
    for source, _ in DOWNLOADS:
        target = folder / "data" / source.relative_to(paths.DATA_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    fonts = folder / "fonts"
    fonts.mkdir(exist_ok=True)
    shutil.copyfile(paths.PROJECT_ROOT / "LICENSE", folder / "LICENSE.txt")
    licence = _font_licence()
    if licence is not None:
        shutil.copyfile(licence, fonts / "OFL.txt")
    # SIL OFL: may be shipped
    (fonts / FONT_FILE).write_bytes(_font_subset(_characters(folder)))
    if (folder / "index.html").exists():  # a site, not a folder of loose pages
        write_search_index(folder)
        offline_search.write_offline_index(folder)
