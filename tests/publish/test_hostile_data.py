"""A site that runs nothing from the data, tried as a hostile source page would try it.

The register's text comes from third parties' pages. In a copy of the project (the real data
is never touched): a register whose addresses hide markup is refused by `make register` and
`zzreport check`, naming the file, the line and the column; a register whose source names
carry markup and a script is brought in (valid addresses pass), both editions are built, and
Chromium, reading every page, finds that no injected script ran and no injected element
exists — and that the names are on the pages, as text.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.helpers import in_copy, project_copy

HOSTILE_SOURCE = "Outlet <b onmouseover=alert(1)>x</b><script>window.__pwned=1</script>"
HOSTILE_URL = 'https://example.com/"><script>window.__pwned=2</script>'
#: The notebooks whose pages draw on the register (06 names sources, 07 grades them).
NOTEBOOKS = ("06-outcomes-2024", "07-target-record")


def _register(root: Path, folder: Path, change) -> Path:
    """A sources register (its CSV and README, as ../shared/sources holds them) made from the
    copy's raw edition with ``change`` applied to every row."""
    raw = root / "data" / "raw"
    folder.mkdir()
    shutil.copyfile(raw / "external_figures.README.md", folder / "README.md")
    with (raw / "external_figures.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(change(dict(row)) for row in rows)
    (folder / "external_figures.csv").write_text(out.getvalue(), encoding="utf-8")
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, Path]:
    root = project_copy(tmp_path_factory.mktemp("hostile"), NOTEBOOKS)
    return root, root.parent


def test_a_hostile_address_is_refused_before_anything_is_written(hostile) -> None:
    root, scratch = hostile
    before = _files(root / "data")

    def address(row: dict) -> dict:
        return {**row, "source_url": HOSTILE_URL} if row["geo"] == "henan" else row

    result = in_copy(
        root, "zzreport.data.register", str(_register(root, scratch / "urls", address))
    )
    assert result.returncode != 0
    assert "column source_url" in result.stderr and "line " in result.stderr, result.stderr
    assert _files(root / "data") == before, "make register wrote something"

    # The loader (zzreport check) refuses the same address in a tidy table.
    tidy = root / "data" / "external" / "external_figures.csv"
    lines = tidy.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    row = next(csv.reader([lines[1]]))
    row[header.index("source_url")] = HOSTILE_URL
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(row)
    bad = scratch / "external.csv"
    bad.write_text(lines[0] + out.getvalue() + "".join(lines[2:]), encoding="utf-8")
    result = in_copy(root, "zzreport.cli", "check", "--external", str(bad))
    assert result.returncode == 1, result.stdout
    assert f"{bad}, line 2, column source_url" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def _pages(browser, site: Path) -> dict[str, dict]:
    """Every page the index links to, and the index, as Chromium finds them."""
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        index = (site / "index.html").as_uri()
        page.goto(index, wait_until="load")
        links = page.evaluate(
            "() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"
        )
        names = ["index.html"] + sorted(  # this edition's pages (the other has its own run)
            {
                h.split("#")[0]
                for h in links
                if h.split("#")[0].endswith(".html") and "/" not in h.split("#")[0]
            }
            - {"index.html"}
        )
        seen = {}
        for name in names:
            page.goto(urljoin(index, name), wait_until="load")
            seen[name] = page.evaluate(
                """() => ({
                    pwned: window.__pwned === undefined ? null : window.__pwned,
                    handlers: document.querySelectorAll('[onmouseover]').length,
                    injected: [...document.scripts].filter(s => s.text.includes('__pwned')).length,
                    text: document.body.innerText,
                })"""
            )
            seen[name]["dialogs"] = list(dialogs)
        return seen
    finally:
        page.close()


def test_hostile_source_names_are_text_in_both_editions(hostile, browser) -> None:
    root, scratch = hostile

    def named(row: dict) -> dict:
        return {**row, "source": f"{HOSTILE_SOURCE} {row['source']}"}

    result = in_copy(root, "zzreport.data.register", str(_register(root, scratch / "names", named)))
    assert result.returncode == 0, result.stderr
    check = in_copy(root, "zzreport.cli", "check")
    assert check.returncode == 0, check.stderr  # a name is text, and may hold anything
    out = scratch / "out"
    build = in_copy(
        root, "zzreport.cli", "build", "--lang", "all", "--jobs", "2", "--out", str(out)
    )
    assert build.returncode == 0, build.stderr
    for site in (out / "site", out / "zh" / "site"):
        pages = _pages(browser, site)
        assert len(pages) == len(list(site.glob("*.html")))
        for name, seen in pages.items():
            assert seen["pwned"] is None, f"{site}/{name}: the injected script ran"
            assert seen["injected"] == 0 and seen["handlers"] == 0, f"{site}/{name}"
            assert seen["dialogs"] == [], f"{site}/{name}"
        # ...and the names are there, as text, whole (the methods page lists every source)
        shown = {name for name, seen in pages.items() if HOSTILE_SOURCE in seen["text"]}
        assert {"methods.html", "06-outcomes-2024.html"} <= shown  # 07 shows grades, not names
