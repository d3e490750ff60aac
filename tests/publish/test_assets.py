"""What an edition gets once its pages exist (``publish/assets.py``): the shipped font, cut down
to the characters the site can show."""

from __future__ import annotations

import os

from pylopdf_fonts_zh_cn import sans_path

from tests.helpers import font_characters
from zzreport.data import paths
from zzreport.publish import assets


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


def test_the_subset_keeps_the_fonts_names_licence_and_layout_features(tmp_path) -> None:
    """HarfBuzz keeps only a few names and its default layout features unless told to keep
    all: every name record of the full font (the licence is one) is in the shipped subset,
    and the GSUB features HarfBuzz would drop by default (full-width forms among them) too.
    A feature none of the site's characters takes part in goes (``hist``, ``ruby``)."""
    from fontTools.ttLib import TTFont  # (only the font tests need it)

    (tmp_path / "page.html").write_text("<p>郑州 2024</p>", encoding="utf-8")
    assets.write_assets(tmp_path)
    subset, full = TTFont(tmp_path / "fonts" / assets.FONT_FILE), TTFont(sans_path())

    def names(font) -> list[tuple]:
        return sorted((r.nameID, r.platformID, r.langID, r.toUnicode()) for r in font["name"].names)

    def features(font, table: str) -> set[str]:
        return {r.FeatureTag for r in font[table].table.FeatureList.FeatureRecord}

    assert names(subset) == names(full)
    assert any("SIL Open Font License" in record[3] for record in names(subset))
    beyond_defaults = {"aalt", "dlig", "fwid", "hwid", "pwid"}
    assert beyond_defaults <= features(subset, "GSUB") <= features(full, "GSUB")
    assert {"kern", "palt", "vpal"} <= features(subset, "GPOS")
    assert subset.getGlyphOrder()[0] == ".notdef"
    notdef = subset["CFF "].cff[0].CharStrings[".notdef"]
    notdef.decompile()
    assert len(notdef.program) > 2  # an outline, not an empty glyph
