"""Search for a site opened as a file. Pagefind loads its index with ``fetch()``, which a
page opened from disk (``file://``) may not do; a script may still be loaded. So each
edition also gets ``search-index.js``: its pages' text, cut at headings, which the search
page's script (``templates/site/site.js``) searches on the reader's computer, in both
editions, when it finds itself opened as a file."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

#: The file the search page loads when it is opened as a file (``site.js``).
OFFLINE_INDEX = "search-index.js"

_BODY = re.compile(r"<article[^>]*data-pagefind-body[^>]*>(.*?)</article>", re.S)
_IGNORED = re.compile(
    r"<(nav|div|section|aside)\b[^>]*data-pagefind-ignore[^>]*>.*?</\1>|<script.*?</script>"
    r"|<style.*?</style>|<svg.*?</svg>|<img[^>]*>",
    re.S,
)
_HEADING = re.compile(r'<h([1-3])[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).replace("¶", " ").split())


def offline_sections(page: Path) -> list[dict[str, object]]:
    """A page's searchable sections: its text cut at each heading with an id, each with the
    page's title and the heading, its address (``page.html#id``) and a weight (a section
    holding a verdict table ranks first, as in Pagefind)."""
    found = _BODY.search(page.read_text(encoding="utf-8"))
    if not found:
        return []
    body = _IGNORED.sub(" ", found.group(1))
    headings = list(_HEADING.finditer(body))
    h1 = _H1.search(body)
    title = _plain(h1.group(1)) if h1 else page.stem
    headings = [h for h in headings if h.group(1) != "1"]
    cuts = [(0, "", title)] + [(h.start(), h.group(2), _plain(h.group(3))) for h in headings]
    sections = []
    for (start, anchor, heading), end in zip(
        cuts, [c[0] for c in cuts[1:]] + [len(body)], strict=True
    ):
        part = body[start:end]
        text_ = _plain(part)
        if not text_:
            continue
        sections.append(
            {
                "href": page.name + (f"#{anchor}" if anchor else ""),
                "title": title if heading == title else f"{title} · {heading}",
                "text": text_,
                "weight": 2 if "data-pagefind-weight" in part else 0,
            }
        )
    return sections


def write_offline_index(folder: Path) -> None:
    """``search-index.js``: every page's sections as a script that adds them to
    ``window.zzSearch``, for the search page opened as a file (no fetch there)."""
    sections = [
        section
        for page in sorted(folder.glob("*.html"))
        if page.name != "search.html"
        for section in offline_sections(page)
    ]
    data = json.dumps({"sections": sections}, ensure_ascii=False, sort_keys=True)
    (folder / OFFLINE_INDEX).write_text(
        f"(window.zzSearch = window.zzSearch || []).push({data});\n", encoding="utf-8"
    )
