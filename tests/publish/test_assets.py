"""What an edition gets once its pages exist (``publish/assets.py``): the shipped font, cut down
to the characters the site can show and reused from the build's cache."""

from __future__ import annotations

import os

from pylopdf_fonts_zh_cn import sans_path

from tests.helpers import font_characters
from zzreport.data import paths
from zzreport.publish import assets
from zzreport.publish.cache import Cache


def test_the_font_is_subset_to_the_characters_the_site_shows(tmp_path) -> None:
    (tmp_path / "page.html").write_text("<p>龘 — 郑州</p>", encoding="utf-8")
    assets.write_assets(tmp_path)
    shipped = tmp_path / "fonts" / assets.FONT_FILE
    kept, full = font_characters(shipped), font_characters(sans_path())
    assert shipped.stat().st_size < 2_000_000 < 8_000_000 < os.path.getsize(sans_path())
    assert {"龘", "郑", "州", "A", "z", "%"} <= kept
    words = (paths.PROJECT_ROOT / "src/zzreport/words/words.toml").read_text(encoding="utf-8")
    assert {c for c in words if c in full and not c.isspace()} <= kept
    # a character of the font that no page and no source file of the index uses is left out
    used = set(words) | set("龘 — 郑州")
    for folder in (paths.DATA_DIR, paths.PROJECT_ROOT / "src/zzreport", paths.NOTEBOOKS_DIR):
        for path in folder.rglob("*"):
            suffixes = (".toml", ".j2", ".csv", ".json", ".txt", ".md", ".ipynb")
            if path.is_file() and path.suffix in suffixes:
                used |= set(path.read_text(encoding="utf-8"))
    unused = sorted(full - used)
    assert unused and not set(unused) & kept
    assets.write_assets(tmp_path)  # the same characters give the same bytes
    assert shipped.read_bytes() == assets._font_subset(assets._characters(tmp_path))


def test_the_font_subset_is_reused_from_the_build_cache_unless_forced(
    tmp_path, monkeypatch
) -> None:
    calls: list[frozenset[str]] = []

    def subset(characters: frozenset[str]) -> bytes:
        calls.append(characters)
        return b"font for " + str(len(characters)).encode()

    monkeypatch.setattr(assets, "_font_subset", subset)
    cache = Cache(tmp_path / "cache")
    shipped = tmp_path / "site" / "fonts" / assets.FONT_FILE
    (tmp_path / "site").mkdir()
    assets.write_assets(tmp_path / "site", cache, "inputs")
    first = shipped.read_bytes()
    assets.write_assets(tmp_path / "site", cache, "inputs")
    assert len(calls) == 1 and shipped.read_bytes() == first  # reused
    assets.write_assets(tmp_path / "site", cache, "inputs", reuse=False)
    assert len(calls) == 2  # --force: made again (and stored)
    assets.write_assets(tmp_path / "site", cache, "other inputs")
    assert len(calls) == 3  # another package or lock file: another key
    (tmp_path / "site" / "page.html").write_text("<p>龘</p>", encoding="utf-8")
    assets.write_assets(tmp_path / "site", cache, "inputs")
    assert len(calls) == 4 and "龘" in calls[-1]  # another character: another key
