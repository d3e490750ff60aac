"""The built site in a real browser: Debian's headless Chromium, driven by Playwright.

Every page reachable from the index loads with no console error, no failed request and no
request outside the site; every figure has a size; the Chinese edition shows Chinese with the
shipped font. Screenshots of each edition's index (and of the font check's pages) are kept in
build/test/screenshots.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.helpers import SCREENSHOTS

PHONE, DESKTOP = 390, 1280

#: What each chart on a page offers (read at desktop width).
CHARTS = """() => [...document.querySelectorAll('figure.zz-chart')].map(f => ({
    src: f.querySelector('img').getAttribute('src'),
    alt: f.querySelector('img').alt,
    loaded: f.querySelector('img').naturalWidth > 0,
    source: [...f.querySelectorAll('.zz-source')].map(p => p.innerText).join(' '),
    downloads: [...f.querySelectorAll('a[download]')].map(a => a.getAttribute('href')),
}))"""

#: What a page is like at phone width.
ON_A_PHONE = """() => ({
    wide: document.documentElement.scrollWidth,
    lang: document.documentElement.lang,
    title: document.title,
    h1: (document.querySelector('h1') || {}).innerText || '',
    nav: [...document.querySelectorAll('.zz-nav a')].map(a => a.getAttribute('href')),
    code: document.querySelectorAll('.jp-InputArea, details.zz-code, .highlight').length,
    prompts: /(In|Out)\\s*\\[\\d*\\]:/.test(document.body.innerText),
    pager: [...document.querySelectorAll('.zz-pager a')].map(a => a.getAttribute('href')),
})"""


class Reader:
    """One browser tab that reads a site page after page, as a reader following its links
    would: a tab per page costs Chromium a new context each time (6.3 s against 2.5 s for the
    15 pages of an edition). ``crawl`` reads each page once for every test of this file: what a
    desktop shows, its charts, then (the tab narrowed; the site's layout is CSS alone, no
    script reads the width) what a phone shows."""

    def __init__(self, browser, site: Path) -> None:
        self.site, self.seen = site, {}
        self.page = browser.new_page(viewport={"width": DESKTOP, "height": 900})
        self.page.on(
            "console", lambda m: self.note("errors", m.text) if m.type == "error" else None
        )
        self.page.on("pageerror", lambda e: self.note("errors", str(e)))
        self.page.on("requestfailed", lambda r: self.note("failed", r.url))
        self.page.on(
            "request", lambda r: None if self.inside(r.url) else self.note("outside", r.url)
        )

    def inside(self, url: str) -> bool:
        """The site's own files; and the other edition's search index, which the search
        page of a site opened as a file loads to search both editions."""
        zh = self.site.parent.name == "zh"
        other = (self.site.parent.parent / "site") if zh else (self.site.parent / "zh" / "site")
        return (
            url.startswith(self.site.as_uri())
            or url.startswith("data:")
            or url == (other / "search-index.js").as_uri()
        )

    def note(self, kind: str, what: str) -> None:
        self.seen[kind].append(what)

    def visit(self, url: str, shot: Path | None = None, phone: bool = False) -> dict:
        """Load one page and record what a careful reader's browser would notice (with
        ``phone``, its charts and its phone-width layout too); the page has loaded and its
        fonts are ready before the next visit starts."""
        self.seen = {"errors": [], "failed": [], "outside": []}
        page = self.page
        page.goto(url, wait_until="load")
        page.evaluate("async () => { await document.fonts.ready; }")
        self.seen["images"] = page.evaluate(
            "() => [...document.images].map(i => [i.naturalWidth, i.naturalHeight])"
        )
        self.seen["links"] = page.evaluate(
            "() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"
        )
        self.seen["text"] = page.inner_text("body")
        self.seen["cjk_font"] = page.evaluate(
            "() => document.fonts.check('16px \"Noto Sans SC\"', '郑州') && "
            "[...document.fonts].some(f => f.family.includes('Noto Sans SC') && "
            "f.status === 'loaded')"
        )
        if shot is not None:
            shot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shot), full_page=False)
        if phone:
            self.seen["charts"] = page.evaluate(CHARTS)
            page.set_viewport_size({"width": PHONE, "height": 800})
            self.seen["phone"] = page.evaluate(ON_A_PHONE)
            page.set_viewport_size({"width": DESKTOP, "height": 900})
        return self.seen

    def close(self) -> None:
        self.page.close()


def crawl(browser, site: Path, edition: str) -> dict[str, dict]:
    reader = Reader(browser, site)
    try:
        index = (site / "index.html").as_uri()
        results = {
            "index.html": reader.visit(index, SCREENSHOTS / edition / "index.png", phone=True)
        }
        local = [
            h
            for h in results["index.html"]["links"]
            # (../: the other edition; file: the citation box's own address, made absolute)
            if not h.startswith(("#", "http:", "https:", "mailto:", "../", "file:"))
        ]
        assert local, "the index links to the pages"
        for href in sorted(set(local)):
            name = href.split("#")[0]
            if not name.endswith(".html"):  # a download: the browser would save it, not show it
                target = site / name
                results[name] = {"download": target.exists() and target.stat().st_size > 0}
                continue
            results[name] = reader.visit(urljoin(index, href), phone=True)
        return results
    finally:
        reader.close()


@pytest.fixture(scope="module")
def crawled(browser, build_en, build_zh) -> Callable[[str], dict[str, dict]]:
    """``crawled(edition)``: the edition's crawl, made once for the tests that read it."""
    sites, made = {"en": build_en.site, "zh": build_zh.site}, {}

    def of(edition: str) -> dict[str, dict]:
        if edition not in made:
            made[edition] = crawl(browser, sites[edition], edition)
        return made[edition]

    return of


def pages_read(crawled, edition: str) -> dict[str, dict]:
    """The crawl's pages (its downloads left out)."""
    return {n: r for n, r in crawled(edition).items() if "download" not in r}


@pytest.mark.parametrize("edition", ["en", "zh"])
def test_every_page_loads_clean_and_offline(crawled, build_en, build_zh, edition) -> None:
    site = (build_en if edition == "en" else build_zh).site
    results = crawled(edition)
    pages = [n for n in results if n.endswith(".html")]
    assert sorted(set(pages)) == sorted(p.name for p in site.glob("*.html")), "every page is linked"
    downloads = {n: r for n, r in results.items() if "download" in r}
    assert downloads and all(r["download"] for r in downloads.values()), downloads
    for name, seen in results.items():
        if name in downloads:
            continue
        assert seen["errors"] == [], name
        assert seen["failed"] == [], name
        assert seen["outside"] == [], name
        assert all(w > 0 and h > 0 for w, h in seen["images"]), name
    figures = sum(len(seen.get("images", [])) for seen in results.values())
    assert figures >= 10, "the notebook pages carry their charts"


def test_chinese_edition_shows_chinese_with_real_glyphs(browser, build_zh) -> None:
    site = build_zh.site
    reader = Reader(browser, site)
    try:
        seen = reader.visit((site / "index.html").as_uri(), SCREENSHOTS / "zh" / "index-fonts.png")
        cjk = sum(1 for c in seen["text"] if "\u4e00" <= c <= "\u9fff")
        assert cjk > 200, "the Chinese edition is written in Chinese"
        assert seen["cjk_font"], "Noto Sans SC is loaded, so no character falls back to a box"
        page = reader.visit(
            (site / "06-outcomes-2024.html").as_uri(), SCREENSHOTS / "zh" / "06-fonts.png"
        )
        assert page["cjk_font"] and "完成" in page["text"]
    finally:
        reader.close()


# --- the reader site (issue 20) ---------------------------------------------------------------


@pytest.mark.parametrize("edition", ["en", "zh"])
def test_every_page_reads_on_a_phone_with_navigation_and_no_code(
    crawled, build_en, build_zh, edition
) -> None:
    """At 390 px no page scrolls sideways (wide tables scroll in their own box); every page
    has the shared header (home, methods, search, the other edition), its title is its
    heading and the site's name, its language is the edition's, and no code shows."""
    from zzreport.words.text import label

    site = (build_en if edition == "en" else build_zh).site
    read = pages_read(crawled, edition)
    assert sorted(read) == sorted(p.name for p in site.glob("*.html"))
    for name, page in read.items():
        seen = page["phone"]
        assert seen["wide"] <= PHONE, f"{edition}/{name} scrolls sideways ({seen['wide']} px)"
        assert seen["lang"] == label("site.html_lang", edition), name
        assert seen["title"].endswith(label("site.title", edition)), name
        heading = seen["h1"].strip().rstrip("¶").strip()
        if name != "index.html":
            assert seen["title"].startswith(heading), (name, seen["title"], heading)
        assert seen["nav"][:3] == ["index.html", "methods.html", "search.html"], name
        assert seen["code"] == 0 and not seen["prompts"], f"{edition}/{name} shows code"
        if name[0].isdigit():
            pager = seen["pager"]
            assert pager and all((site / href).exists() for href in pager), name


@pytest.mark.parametrize("edition", ["en", "zh"])
def test_the_index_scorecard_links_to_each_targets_row_on_06(
    browser, build_en, build_zh, edition
) -> None:
    import zzreport

    site = (build_en if edition == "en" else build_zh).site
    reader = Reader(browser, site)
    try:
        reader.visit((site / "index.html").as_uri())
        rows = reader.page.evaluate(
            """() => [...document.querySelectorAll('.zz-scorecard-table tbody tr')].map(r => ({
                href: r.querySelector('a').getAttribute('href'), cells: r.cells.length}))"""
        )
        judged = zzreport.judged(zzreport.scorecard())
        assert len(rows) == len(judged) and all(r["cells"] == 6 for r in rows)
        for row in rows:
            reader.visit(urljoin((site / "index.html").as_uri(), row["href"]))
            anchor = row["href"].split("#")[1]
            found = reader.page.evaluate(
                "(id) => { const e = document.getElementById(id); return e && e.tagName; }", anchor
            )
            assert found == "TR", row["href"]
            assert reader.seen["outside"] == [] and reader.seen["errors"] == []
    finally:
        reader.close()


def test_the_language_switch_opens_the_same_page_in_the_other_edition(
    browser, build_en, build_zh
) -> None:
    page = browser.new_page(viewport={"width": DESKTOP, "height": 800})
    try:
        for site, other in ((build_en.site, build_zh.site), (build_zh.site, build_en.site)):
            for name in ("index.html", "06-outcomes-2024.html", "methods.html"):
                page.goto((site / name).as_uri(), wait_until="load")
                page.click(".zz-switch")
                page.wait_for_load_state("load")
                assert (
                    Path(page.url.split("#")[0].replace("file://", "")).resolve()
                    == (other / name).resolve()
                )
    finally:
        page.close()


@pytest.mark.parametrize("edition", ["en", "zh"])
def test_every_chart_offers_png_svg_and_csv(crawled, build_en, build_zh, edition) -> None:
    """Every chart is an SVG (crisp at any density) with its title as alt text, its source as
    text under it, and PNG (2x), SVG and CSV downloads that are there."""
    site = (build_en if edition == "en" else build_zh).site
    charts = 0
    for name, page in pages_read(crawled, edition).items():
        for chart in page["charts"]:
            charts += 1
            assert chart["src"].endswith(".svg") and chart["loaded"], name
            assert len(chart["alt"]) > 10, name
            assert chart["source"], name
            suffixes = [href.rsplit(".", 1)[1] for href in chart["downloads"]]
            assert suffixes[:2] == ["png", "svg"], name
            for href in chart["downloads"]:
                assert (site / href).stat().st_size > 0, href
    assert charts >= 10


def test_search_finds_the_gdp_target_in_both_editions(browser, build_en, build_zh) -> None:
    """Pagefind, served as `zzreport serve` serves it (127.0.0.1 only): "GDP" and
    地区生产总值 find the outcomes page, from either edition, with no outside request."""
    import subprocess
    import sys
    import time

    server = subprocess.Popen(
        [sys.executable, "-m", "zzreport.cli", "serve", "--out", str(build_en.out), "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = server.stdout.readline()
        address = line.split("open ", 1)[1].split(" ", 1)[0].rsplit("/site/", 1)[0]
        page = browser.new_page(viewport={"width": DESKTOP, "height": 900})
        outside = []
        page.on("request", lambda r: None if r.url.startswith(address) else outside.append(r.url))
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        for edition, query in (
            ("site", "GDP"),
            ("zh/site", "地区生产总值"),
            ("site", "地区生产总值"),
        ):
            page.goto(f"{address}/{edition}/search.html?q={query}", wait_until="load")
            deadline = time.monotonic() + 20
            links = []
            while time.monotonic() < deadline and not any("06-outcomes" in x for x in links):
                page.wait_for_timeout(250)
                links = page.evaluate(
                    "() => [...document.querySelectorAll('.pagefind-ui__result-link')].map(a => a.href)"
                )
            assert any("06-outcomes-2024.html" in link for link in links), (edition, query, links)
        page.screenshot(path=str(SCREENSHOTS / "search.png"))
        assert outside == [] and errors == []
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stdout.close()


def test_search_works_in_a_site_opened_as_a_file(browser, build_both) -> None:
    """Opened from disk (file://, no fetch): search runs over the build's search-index.js of
    both editions, and finds the outcomes page for "GDP" and for 地区生产总值 from either."""
    page = browser.new_page(viewport={"width": DESKTOP, "height": 900})
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        for edition, query, other in (
            ("site", "GDP", False),
            ("zh/site", "地区生产总值", False),
            ("site", "地区生产总值", True),
        ):
            search = (build_both.out / edition / "search.html").as_uri()
            page.goto(f"{search}?q={query}", wait_until="load")
            page.wait_for_selector(".zz-result-link", timeout=10_000)
            links = page.evaluate(
                "() => [...document.querySelectorAll('.zz-result-link')].map(a => a.href)"
            )
            assert any("06-outcomes-2024.html" in link for link in links), (edition, links)
            assert any("/zh/site/" in link for link in links) == (other or edition == "zh/site")
        page.fill("input[type=search]", "no-such-word-anywhere")
        assert page.locator(".zz-result-link").count() == 0
        assert errors == []
    finally:
        page.close()


@pytest.mark.parametrize("edition", ["en", "zh"])
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_screenshots_of_the_index_and_06(browser, build_en, build_zh, edition, width) -> None:
    site = (build_en if edition == "en" else build_zh).site
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        for name in ("index", "06-outcomes-2024"):
            page.goto((site / f"{name}.html").as_uri(), wait_until="load")
            page.evaluate("async () => { await document.fonts.ready; }")
            shot = SCREENSHOTS / edition / f"{name}-{width}.png"
            shot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shot))
            assert shot.stat().st_size > 10_000
    finally:
        page.close()
