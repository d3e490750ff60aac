"""The static site's index page: what the report says, a card per notebook, the data, the
sources and how to cite. Every number on it is computed from the data."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

from . import narrative, paths, schema, text

PAGE_WORDS: dict[str, dict[str, str]] = {
    "title": {"en": "Zhengzhou's 2024 government work report, figure by figure",
              "zh": "郑州市2024年政府工作报告数据解读"},
    "notebooks": {"en": "The analysis", "zh": "分析"},
    "themes": {"en": "Each theme in depth", "zh": "分主题详解"},
    "data": {"en": "The data", "zh": "数据"},
    "dictionary": {"en": "Data dictionary", "zh": "数据字典"},
    "sources": {"en": "Sources", "zh": "资料来源"},
    "cite": {"en": "How to cite", "zh": "引用方式"},
    "open": {"en": "Read", "zh": "阅读"},
    "column": {"en": "Column", "zh": "列"},
    "meaning": {"en": "Meaning", "zh": "含义"},
    "values": {"en": "Values", "zh": "取值"},
    "downloads": {"en": "Download", "zh": "下载"},
}

CARDS: dict[str, dict[str, str]] = {
    "01-report-at-a-glance": {"en": "What does the report commit to?", "zh": "报告承诺了什么?"},
    "02-growth-targets": {"en": "Where does the city ask for faster growth, and where slower?",
                          "zh": "哪些指标要求加快,哪些计划放缓?"},
    "03-year-over-year": {"en": "How big is each change from 2023 result to 2024 target?",
                          "zh": "从2023年实绩到2024年目标,变化有多大?"},
    "04-feasibility": {"en": "How hard are the targets?", "zh": "目标难度如何?"},
    "05-theme-deep-dive": {"en": "Every figure of one theme, with its quote",
                           "zh": "某一主题的全部数据及原文"},
    "06-outcomes-2024": {"en": "Did the 2024 targets hold?", "zh": "2024年目标完成了吗?"},
    "07-target-record": {"en": "What is the city's record of meeting targets?",
                         "zh": "郑州以往的目标完成得如何?"},
}

DOWNLOADS: tuple[tuple[Path, str], ...] = (
    (paths.INDICATORS_CSV, "indicators.csv"),
    (paths.EXTERNAL_CSV, "external_figures.csv"),
    (paths.DATAPACKAGE, "datapackage.json"),
    (paths.RAW_REPORT, "zhengzhou-2024-report.txt"),
    (paths.RAW_REPORT_META, "zhengzhou-2024-report.meta.json"),
)


def _markdown_inline(markdown: str) -> str:
    """The little Markdown our prose uses (bold, code) as HTML, everything else escaped."""
    escaped = html.escape(markdown, quote=False)
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
    escaped = re.sub(r"\*(.+?)\*", r"<em>\1</em>", escaped)
    return re.sub(r"`(.+?)`", r"<code>\1</code>", escaped)


def headline(stem: str, lang: str) -> str:
    """The one figure that sums up a notebook, computed from the data."""
    import zzreport
    from . import outcomes

    if stem == "01-report-at-a-glance":
        frame = zzreport.load_indicators()
        targets = int((frame["status"] == "target").sum())
        return (f"{len(frame)} figures, {targets} of them targets" if lang == "en"
                else f"共{len(frame)}项数据,其中目标{targets}项")
    if stem == "02-growth-targets":
        gdp = zzreport.headline_targets().set_index("indicator").loc["gdp"]
        return (f"GDP: about {text.percent(gdp['target'])} after {text.percent(gdp['actual'])}"
                if lang == "en" else
                f"地区生产总值:{text.percent(gdp['target'])}左右(2023年{text.percent(gdp['actual'])})")
    if stem == "03-year-over-year":
        pairs = zzreport.target_pairs()
        levels = pairs[pairs["measure"].isin(["flow", "stock"]) & pairs["comparable"]]
        up = int((levels["change_pct"] > 0).sum())
        return (f"{up} of {len(levels)} like-for-like targets above 2023" if lang == "en"
                else f"{len(levels)}项可比目标中{up}项高于2023年")
    if stem == "04-feasibility":
        required = zzreport.required_growth()
        classed = required[required["difficulty"].isin(["easier than last year", "similar",
                                                        "harder", "much harder"])]
        easier = int((classed["difficulty"] == "easier than last year").sum())
        return (f"{easier} of {len(classed)} targets ask less than 2023 delivered" if lang == "en"
                else f"{len(classed)}项目标中{easier}项低于2023年增速")
    if stem == "06-outcomes-2024":
        facts = outcomes.scorecard_facts()
        return (f"{facts.met} of {facts.judged} judged targets met, {facts.missed} missed"
                if lang == "en" else
                f"可评判的{facts.judged}项目标中{facts.met}项达成、{facts.missed}项未达成")
    if stem == "07-target-record":
        record = outcomes.track_record()
        gdp = record[(record["indicator"] == "gdp") & record["gap"].notna()]
        short = int((gdp["gap"] < 0).sum())
        return (f"GDP below target in {short} of {len(gdp)} years" if lang == "en"
                else f"{len(gdp)}年中{short}年经济增速低于目标")
    return ""


def summary(lang: str) -> str:
    """One paragraph of findings, as HTML."""
    import zzreport
    from . import outcomes

    frame, pairs = zzreport.load_indicators(), zzreport.target_pairs()
    parts = [narrative.glance_overview(frame, pairs, lang),
             narrative.growth_overview(zzreport.headline_targets(), lang),
             narrative.outcomes_overview(outcomes.scorecard(), lang)]
    return " ".join(_markdown_inline(p) for p in parts)


def _dictionary(lang: str) -> list[dict[str, str]]:
    rows = []
    for table in (schema.INDICATORS, schema.EXTERNAL):
        for field in table.fields:
            rows.append({"table": f"{table.name}", "name": field.name,
                         "meaning": field.description,
                         "values": ", ".join(field.enum) if field.enum else field.type})
    return rows


def _sources() -> list[dict[str, str]]:
    import zzreport

    external = zzreport.load_external()
    unique = external.drop_duplicates("source_url")[["source", "source_url", "quality"]]
    return [{"source": r.source, "url": r.source_url, "quality": str(r.quality)}
            for r in unique.itertuples()]


def write_assets(folder: Path) -> None:
    """Copy the shipped font and the data downloads into ``folder``. Copies keep the bytes but
    not the times (``copyfile``), so two builds give identical sites."""
    from pylopdf_fonts_zh_cn import sans_path  # the font plots.cjk_font_path() registers

    fonts = folder / "fonts"
    fonts.mkdir(exist_ok=True)
    shutil.copyfile(sans_path(), fonts / "NotoSansSC-Regular.otf")  # SIL OFL: may be shipped
    data_dir = folder / "data"
    data_dir.mkdir(exist_ok=True)
    for source, name in DOWNLOADS:
        shutil.copyfile(source, data_dir / name)


def write_site(folder: Path, pages: list, lang: str) -> Path:
    """Write ``index.html`` and the data downloads into ``folder`` (already holding pages)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    write_assets(folder)
    meta = json.loads(paths.RAW_REPORT_META.read_text(encoding="utf-8"))
    cards, themes = [], []
    for job, page in pages:
        stem = job.notebook.stem
        if stem == "05-theme-deep-dive":
            theme = job.parameters["theme"]
            themes.append({"page": page, "name": text.section_name(theme, lang)})
            if len(themes) > 1:
                continue
        cards.append({"page": page if stem != "05-theme-deep-dive" else None,
                      "stem": stem, "question": CARDS[stem][lang],
                      "headline": headline(stem, lang)})
    environment = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates" / "site"),
                              autoescape=select_autoescape(["html"]))
    page = environment.get_template("index.html.j2").render(
        lang=lang, words={k: v[lang] for k, v in PAGE_WORDS.items()}, summary=summary(lang),
        cards=cards, themes=themes, downloads=[name for _, name in DOWNLOADS],
        dictionary=_dictionary(lang), sources=_sources(), citation=meta["citation"],
        quality=lambda grade: text.quality(grade, lang))
    index = folder / "index.html"
    index.write_text(page, encoding="utf-8")
    return index
