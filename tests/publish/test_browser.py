"""The built site in a real browser: Debian's headless Chromium, driven by Playwright.

Every page reachable from the index loads with no console error, no failed request and no
request outside the site; every figure has a size; the Chinese edition shows Chinese with the
shipped font. Screenshots of each edition's index (and of the font check's pages) are kept in
build/test/screenshots.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.helpers import SCREENSHOTS


class Reader:
    """One browser tab that reads a site page after page, as a reader following its links
    would: a tab per page costs Chromium a new context each time (6.3 s against 2.5 s for the
    15 pages of an edition)."""

    def __init__(self, browser, site: Path) -> None:
        self.site, self.seen = site, {}
        self.page = browser.new_page(viewport={"width": 1200, "height": 900})
        self.page.on(
            "console", lambda m: self.note("errors", m.text) if m.type == "error" else None
        )
        self.page.on("pageerror", lambda e: self.note("errors", str(e)))
        self.page.on("requestfailed", lambda r: self.note("failed", r.url))
        self.page.on(
            "request", lambda r: None if self.inside(r.url) else self.note("outside", r.url)
        )

    def inside(self, url: str) -> bool:
        return url.startswith(self.site.as_uri()) or url.startswith("data:")

    def note(self, kind: str, what: str) -> None:
        self.seen[kind].append(what)

    def visit(self, url: str, shot: Path | None = None) -> dict:
        """Load one page and record what a careful reader's browser would notice; the page
        has loaded and its fonts are ready before the next visit starts."""
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
        return self.seen

    def close(self) -> None:
        self.page.close()


def crawl(browser, site: Path, edition: str) -> dict[str, dict]:
    reader = Reader(browser, site)
    try:
        index = (site / "index.html").as_uri()
        results = {"index.html": reader.visit(index, SCREENSHOTS / edition / "index.png")}
        local = [
            h
            for h in results["index.html"]["links"]
            if not h.startswith(("#", "http:", "https:", "mailto:"))
        ]
        assert local, "the index links to the pages"
        for href in sorted(set(local)):
            name = href.split("#")[0]
            if not name.endswith(".html"):  # a download: the browser would save it, not show it
                target = site / name
                results[name] = {"download": target.exists() and target.stat().st_size > 0}
                continue
            results[name] = reader.visit(urljoin(index, href))
        return results
    finally:
        reader.close()


@pytest.mark.parametrize("edition", ["en", "zh"])
def test_every_page_loads_clean_and_offline(browser, build_en, build_zh, edition) -> None:
    site = (build_en if edition == "en" else build_zh).site
    results = crawl(browser, site, edition)
    pages = [n for n in results if n.endswith(".html")]
    assert len(pages) == len(list(site.glob("*.html"))), "every page is linked from the index"
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
        assert page["cjk_font"] and "达成" in page["text"]
    finally:
        reader.close()
