"""Prose for the notebooks, in English or Chinese, with every number formatted from the data.

Notebooks display these strings as Markdown, so a sentence can never disagree with the table
beside it: change the data and the words change with it.
"""

from __future__ import annotations

import json

import pandas as pd

from . import paths, prose, text
from .analysis import ABOUT_TOLERANCE_PP, ABOUT_TOLERANCE_RELATIVE, STRETCH_THRESHOLDS
from .verdicts import VERDICTS


def _grade_counts(grades: pd.Series, lang: str) -> str:
    """How many figures come from sources of each quality grade, in words."""
    counts = grades.value_counts()
    return text.join([f"{n} {text.quality(g, lang)}" if lang == "en" else
                      f"{text.quality(g, lang)}{n}项" for g, n in counts.items() if n], lang)


def _names(frame: pd.DataFrame, lang: str) -> list[str]:
    return [text.indicator_name(row, lang) for _, row in frame.iterrows()]


def source_note(lang: str) -> str:
    """Where the figures come from, read from the raw file's provenance sidecar."""
    meta = json.loads(paths.RAW_REPORT_META.read_text(encoding="utf-8"))
    if lang == "zh":
        return (f"**资料来源:** {meta['producer']},记者{meta['authors'][0].split(' ')[0]}。"
                f"原文未注明日期(在2024年3月5日全国政府工作报告之后)。原文逐字保存在 "
                f"`data/raw/{meta['file']}`(SHA-256 `{meta['sha256'][:12]}…`,"
                f"{meta['bytes']:,} 字节),每个数据都附有原文引文。")
    return (f"**Source:** {meta['producer']}, text: {meta['authors'][0].split(' ')[0]}. "
            f"{meta['date_published_note']} The article is kept verbatim in "
            f"`data/raw/{meta['file']}` (SHA-256 `{meta['sha256'][:12]}…`, "
            f"{meta['bytes']:,} bytes); every figure in the data set carries its quote.")


def glance_overview(frame: pd.DataFrame, pairs: pd.DataFrame, lang: str) -> str:
    """What the report commits to, in numbers."""
    n_actual = int((frame["status"] == "actual").sum())
    targets = frame[frame["status"] == "target"]
    n_unquantified = int(targets["value"].isna().sum())
    n_stretch = int(targets["note"].str.contains("力争").sum())
    n_pairs = len(pairs)
    n_comparable = int((pairs["comparable"]).sum())
    if lang == "zh":
        return (f"报告共给出 **{len(frame)}** 项数据:2023年实绩 **{n_actual}** 项,"
                f"2024年目标 **{len(targets)}** 项(其中 {n_unquantified} 项未给出具体数值,"
                f"{n_stretch} 项为“力争”目标)。只有 **{n_pairs}** 个指标同时给出2023年实绩和"
                f"2024年目标,其中 {n_comparable} 个口径可比——大多数目标无法与去年直接对照。")
    return (f"The report states **{len(frame)}** figures: **{n_actual}** results for 2023 and "
            f"**{len(targets)}** targets for 2024 ({n_unquantified} of them without a number, "
            f"{n_stretch} marked as stretch targets, 力争). Only **{n_pairs}** indicators have "
            f"both a 2023 result and a 2024 target, and {n_comparable} of those are like for "
            "like — most promises cannot be set against last year's result.")


def glance_summary(frame: pd.DataFrame, headline: pd.DataFrame, lang: str) -> str:
    """The findings of the first notebook."""
    by_section = frame.groupby("section", observed=True).size().sort_values(ascending=False)
    top = text.section_name(str(by_section.index[0]), lang)
    gdp = headline[headline["indicator"] == "gdp"].iloc[0]
    if lang == "zh":
        return (f"- 数据最多的主题是{top}({by_section.iloc[0]}项)。\n"
                f"- 地区生产总值增长目标为{text.percent(gdp['target'])}"
                f"{text.label(str(gdp['bound']), lang)},2023年实绩为{text.percent(gdp['actual'])}。\n"
                "- 下一步:`02-growth-targets` 比较主要增速目标,`03-year-over-year` 比较全部可配对指标。")
    return (f"- The theme with the most figures is {top} ({by_section.iloc[0]}).\n"
            f"- The GDP growth target is {text.label(str(gdp['bound']), lang)} "
            f"{text.percent(gdp['target'])}, after {text.percent(gdp['actual'])} in 2023.\n"
            "- Next: `02-growth-targets` compares the headline rates; `03-year-over-year` every "
            "paired indicator.")


def growth_overview(headline: pd.DataFrame, lang: str) -> str:
    """Where the city asks for acceleration and where it plans to slow down."""
    faster = headline[headline["direction"].isin(["accelerate", "raise"])]
    slower = headline[headline["direction"] == "slow down"]
    hold = headline[headline["direction"] == "hold"]
    missing = headline[headline["direction"].isin(["no 2023 result", "unquantified"])]
    if lang == "zh":
        return (f"在有2023年实绩可比的主要指标中,郑州要求**加快或提高**的有"
                f"{text.join(_names(faster, lang), lang) or '无'};计划**放缓**的有"
                f"{text.join(_names(slower, lang), lang) or '无'};基本**持平**的有"
                f"{text.join(_names(hold, lang), lang) or '无'}。"
                f"{text.join(_names(missing, lang), lang)}无法与2023年比较"
                "(报告未给出2023年数据或2024年目标未量化)。")
    return (f"Among the headline indicators with a 2023 result, Zhengzhou asks for **more** in "
            f"{text.join(_names(faster, lang), lang) or 'none'}, plans to **slow down** in "
            f"{text.join(_names(slower, lang), lang) or 'none'}, and holds the pace in "
            f"{text.join(_names(hold, lang), lang) or 'none'}. "
            f"{text.join(_names(missing, lang), lang)} cannot be compared (no 2023 result in "
            "the report, or a target without a number).")


def growth_detail(headline: pd.DataFrame, lang: str) -> str:
    """The biggest planned slowdown and acceleration, in words."""
    known = headline[headline["measure"] == "growth"].dropna(subset=["change"])
    low, high = known.loc[known["change"].idxmin()], known.loc[known["change"].idxmax()]
    if lang == "zh":
        return (f"降幅最大的是{text.indicator_name(low, lang)}:从{text.percent(low['actual'])}"
                f"降至{text.percent(low['target'])}以上({text.points(low['change'], lang)})。"
                f"升幅最大的是{text.indicator_name(high, lang)}:从{text.percent(high['actual'])}"
                f"升至{text.percent(high['target'])}({text.points(high['change'], lang)})。")
    return (f"The largest planned slowdown is in {text.indicator_name(low, lang)}: from "
            f"{text.percent(low['actual'])} to a floor of {text.percent(low['target'])} "
            f"({text.points(low['change'], lang)}). The largest acceleration is in "
            f"{text.indicator_name(high, lang)}: from {text.percent(high['actual'])} to "
            f"{text.percent(high['target'])} ({text.points(high['change'], lang)}).")


def yoy_overview(pairs: pd.DataFrame, lang: str) -> str:
    """How the like-for-like level targets move against 2023."""
    levels = pairs[pairs["measure"].isin(["flow", "stock"]) & pairs["comparable"]]
    up, down = levels[levels["change_pct"] > 0], levels[levels["change_pct"] < 0]
    top = levels.loc[levels["change_pct"].idxmax()]
    bottom = levels.loc[levels["change_pct"].idxmin()]
    excluded = pairs[~pairs["comparable"]]
    if lang == "zh":
        return (f"{len(levels)}个可比的总量指标中,**{len(up)}**个目标高于2023年实绩,"
                f"**{len(down)}**个低于。升幅最大的是{text.indicator_name(top, lang)}"
                f"({text.percent(top['change_pct'], signed=True)}),降幅最大的是"
                f"{text.indicator_name(bottom, lang)}({text.percent(bottom['change_pct'])})。"
                f"另有{len(excluded)}对指标口径不同,单独列出并说明原因。")
    return (f"Of {len(levels)} like-for-like level targets, **{len(up)}** are above the 2023 "
            f"result and **{len(down)}** below. The largest rise is "
            f"{text.indicator_name(top, lang)} "
            f"({text.percent(top['change_pct'], signed=True)}); the largest fall "
            f"{text.indicator_name(bottom, lang)} ({text.percent(bottom['change_pct'])}). "
            f"{len(excluded)} more pairs are not like for like and are shown apart, with the "
            "reason.")


def feasibility_overview(required: pd.DataFrame, checks: pd.DataFrame,
                         scenario: pd.DataFrame, lang: str) -> str:
    """How hard the targets are, whether the figures agree, and what momentum would give."""
    classed = required[required["difficulty"].isin(
        ["easier than last year", "similar", "harder", "much harder"])]
    counts = classed["difficulty"].value_counts()
    holds = checks["holds"]
    met = scenario[scenario["meets"].notna()]
    momentum = text.number(float(scenario["momentum"].iloc[0]), 2)
    parts = {k: int(counts.get(k, 0)) for k in
             ("easier than last year", "similar", "harder", "much harder")}
    if lang == "zh":
        return (f"在{len(classed)}项能与2023年增速比较的目标中,{parts['easier than last year']}项"
                f"低于去年、{parts['similar']}项与去年相当、{parts['harder']}项高于去年、"
                f"{parts['much harder']}项远高于去年。{len(checks)}项算术核对中,"
                f"{int(holds.fillna(False).sum())}项一致,{int((~holds.fillna(True)).sum())}项不一致,"
                f"{int(holds.isna().sum())}项无从核对。按2023年增速的{momentum}倍推算,"
                f"{len(met)}项有目标的指标中{int(met['meets'].sum())}项可达标。")
    return (f"Of {len(classed)} targets that can be set against 2023 growth, "
            f"{parts['easier than last year']} ask for less than last year, {parts['similar']} "
            f"for about the same, {parts['harder']} for more and {parts['much harder']} for much "
            f"more. Of {len(checks)} arithmetic checks, {int(holds.fillna(False).sum())} hold, "
            f"{int((~holds.fillna(True)).sum())} do not and {int(holds.isna().sum())} cannot be "
            f"checked. Growing at {momentum}× their 2023 pace, {int(met['meets'].sum())} of "
            f"{len(met)} indicators with a target would meet it.")


def method_note(lang: str) -> str:
    """The thresholds behind the difficulty classes and the 'about' tolerance."""
    limits = [text.number(limit, 2) for limit, _ in STRETCH_THRESHOLDS[:-1]]
    if lang == "zh":
        return (f"**方法:** 难度倍数 = 所需增速 ÷ 2023年增速;≤{limits[0]}为低于去年,"
                f"≤{limits[1]}为相当,≤{limits[2]}为高于去年,更高为远高于去年。增速目标按百分点差"
                f"分级。“左右”目标在低于目标{text.number(ABOUT_TOLERANCE_RELATIVE * 100)}%"
                f"(增速{text.number(ABOUT_TOLERANCE_PP)}个百分点)以内视为达成。")
    return (f"**Method.** Stretch = growth required ÷ growth realised in 2023; up to "
            f"{limits[0]} is *easier than last year*, up to {limits[1]} *similar*, up to "
            f"{limits[2]} *harder*, above that *much harder*. Growth-rate targets are classed by "
            f"the gap in percentage points. An *about* target counts as met within "
            f"{text.number(ABOUT_TOLERANCE_RELATIVE * 100)}% below a level "
            f"({text.number(ABOUT_TOLERANCE_PP)} points below a rate).")


def theme_overview(frame: pd.DataFrame, pairs: pd.DataFrame, theme: str, lang: str) -> str:
    """What one theme states, in numbers."""
    part = frame[frame["section"] == theme]
    targets = part[part["status"] == "target"]
    theme_pairs = pairs[pairs["section"] == theme]
    stretch = int(targets["note"].str.contains("力争").sum())
    name = text.section_name(theme, lang)
    if lang == "zh":
        return (f"“{name}”主题共有{len(part)}项数据:2023年实绩"
                f"{int((part['status'] == 'actual').sum())}项,2024年目标{len(targets)}项"
                f"(其中“力争”目标{stretch}项)。同时有实绩和目标的指标{len(theme_pairs)}个。")
    return (f"The *{name}* theme states {len(part)} figures: "
            f"{int((part['status'] == 'actual').sum())} results for 2023 and {len(targets)} "
            f"targets for 2024 ({stretch} of them stretch targets, 力争). {len(theme_pairs)} "
            "indicators have both a result and a target.")


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def growth_summary(headline: pd.DataFrame, lang: str) -> str:
    """Findings of the growth-targets notebook, and where to go next."""
    gdp = headline[headline["indicator"] == "gdp"].iloc[0]
    no_base = headline[headline["direction"] == "no 2023 result"]
    if lang == "zh":
        return _bullets([
            f"地区生产总值目标{text.percent(gdp['target'])}左右,比2023年实绩低"
            f"{text.number(-gdp['change'])}个百分点。",
            f"{text.join(_names(no_base, lang), lang)}在报告中没有2023年数据,无法判断是加快还是放缓。",
            "下一步:`04-feasibility` 评估这些目标的难度。"])
    return _bullets([
        f"The GDP target of about {text.percent(gdp['target'])} is "
        f"{text.number(-gdp['change'])} points below the 2023 result.",
        f"{text.join(_names(no_base, lang), lang)} have no 2023 result in the report, so their "
        "direction cannot be judged.",
        "Next: `04-feasibility` asks how hard these targets are."])


def yoy_summary(pairs: pd.DataFrame, series: pd.DataFrame, lang: str) -> str:
    """Findings of the year-over-year notebook."""
    levels = pairs[pairs["measure"].isin(["flow", "stock"]) & pairs["comparable"]]
    down = levels[levels["change_pct"] < 0]
    derived = len(series)
    if lang == "zh":
        return _bullets([
            f"低于2023年实绩的目标有{len(down)}个:{text.join(_names(down, lang), lang)}。",
            f"报告数据可推算出{derived}个指标的2022年水平(标注为推算值)。",
            "下一步:`04-feasibility` 将所需增速与2023年增速对照。"])
    return _bullets([
        f"{len(down)} targets are below the 2023 result: {text.join(_names(down, lang), lang)}.",
        f"The report's own figures give a derived 2022 level for {derived} indicators.",
        "Next: `04-feasibility` sets the growth each target requires against 2023's."])


def feasibility_summary(checks: pd.DataFrame, scenario: pd.DataFrame, lang: str) -> str:
    """Findings of the feasibility notebook."""
    failed = checks[~checks["holds"].fillna(True)]  # missing (cannot be checked) is not failed
    missed = scenario[~scenario["meets"].fillna(True)]
    names = [row["check_zh"] if lang == "zh" else row["check"] for _, row in failed.iterrows()]
    if lang == "zh":
        return _bullets([
            f"不一致的核对项:{text.join(names, lang)}。",
            f"按当前参数推算未能达标的指标:{text.join(_names(missed, lang), lang) or '无'}。",
            "可用 papermill 修改参数 `momentum` 重新运行本笔记。"])
    return _bullets([
        f"Checks that do not hold: {text.join(names, lang)}.",
        f"Targets the momentum scenario misses: {text.join(_names(missed, lang), lang) or 'none'}.",
        "Rerun with another `momentum` through papermill to test a slower or faster year."])


def theme_summary(frame: pd.DataFrame, pairs: pd.DataFrame, theme: str, lang: str) -> str:
    """Findings of one theme's deep dive."""
    part = frame[frame["section"] == theme]
    noted = part[part["note"].str.len() > 0]
    theme_pairs = pairs[(pairs["section"] == theme) & pairs["comparable"]
                        & pairs["change_pct"].notna()]
    lines = []
    if len(theme_pairs):
        top = theme_pairs.loc[theme_pairs["change_pct"].abs().idxmax()]
        lines.append(
            (f"变化最大的可比指标是{text.indicator_name(top, lang)}"
             f"({text.percent(top['change_pct'], signed=True)})。") if lang == "zh" else
            (f"The largest like-for-like change is in {text.indicator_name(top, lang)} "
             f"({text.percent(top['change_pct'], signed=True)})."))
    lines.append(f"{len(noted)}项数据附有说明(口径、力争目标或歧义)。" if lang == "zh" else
                 f"{len(noted)} figures carry a note (scope, stretch target or ambiguity).")
    lines.append("对其他主题运行本笔记:设置参数 `theme`。" if lang == "zh" else
                 "Run this notebook for another theme by setting the `theme` parameter.")
    return _bullets(lines)


# --- 06: outcomes ---------------------------------------------------------------------------

def _names_of(card: pd.DataFrame, keys: tuple[tuple[str, str], ...], lang: str) -> list[str]:
    indexed = card.set_index(["indicator", "measure"])
    return [text.indicator_name(indexed.loc[key], lang) for key in keys]


def _grade_list(grades: pd.Series, lang: str) -> list[str]:
    counts = grades.value_counts()
    return [f"{n} {text.quality(g, lang)}" if lang == "en" else f"{text.quality(g, lang)}{n}项"
            for g, n in counts.items() if n]


def verdict_rules(lang: str) -> str:
    """How a verdict is reached, with the tolerances the code uses (``prose/*/verdict_rules``)."""
    return prose.render("verdict_rules", lang, tolerance_pp=ABOUT_TOLERANCE_PP,
                        tolerance_pct=ABOUT_TOLERANCE_RELATIVE * 100)


def outcomes_overview(card: pd.DataFrame, lang: str) -> str:
    """Did the 2024 targets hold, as far as outcomes are published? (``prose/*/outcomes_overview``)"""
    from .outcomes import scorecard_facts

    facts = scorecard_facts(card)
    card = card.assign(measure=card["measure"].astype(str))
    judged = card["result"].isin(VERDICTS)
    return prose.render(
        "outcomes_overview", lang, facts=facts,
        met=_names_of(card, facts.met_indicators, lang),
        missed=_names_of(card, facts.missed_indicators, lang),
        derived=_names_of(card, facts.derived_indicators, lang),
        disagree=_names_of(card, facts.disagree_indicators, lang),
        grades=_grade_list(card.loc[judged, "quality"], lang))


def outcomes_summary(card: pd.DataFrame, frame: pd.DataFrame, lang: str) -> str:
    """What the misses have in common, from the data."""
    assessed = card[card["result"].isin(VERDICTS)]
    stretch = assessed["stretch"].astype(bool)
    missed = assessed["result"] == "missed"
    n_missed, n_met = int(missed.sum()), int((~missed).sum())
    stretch_missed, stretch_met = int((stretch & missed).sum()), int((stretch & ~missed).sum())
    # Points and percentages do not compare: the widest miss is found per kind of margin.
    worst = [assessed.loc[part["margin"].idxmin()]
             for _, part in assessed.groupby("margin_unit", sort=True) if part["margin"].notna().any()]

    def shown(row: pd.Series) -> str:
        return (text.points(row["margin"], lang) if row["margin_unit"] == "pp"
                else text.percent(row["margin"], 1))
    reposted = int((assessed["quality"] == "mirror").sum())
    if lang == "zh":
        return _bullets([
            f"{n_missed}项未达成的目标中有{stretch_missed}项是“力争”目标;{n_met}项达成的目标中有"
            f"{stretch_met}项。",
            "差距最大的是" + text.join([f"{text.indicator_name(w, lang)}({shown(w)})" for w in worst],
                                   lang) + "(增速与总量分别计)。",
            f"所有结果均为初步数据;{len(assessed)}项中{reposted}项来自转载文章,见来源质量一栏。",
            "下一步:`07-target-record` 将这些结果放到郑州历年目标与实绩的记录中。"])
    return _bullets([
        f"{stretch_missed} of the {n_missed} missed targets were stretch targets (力争), against "
        f"{stretch_met} of the {n_met} met.",
        "The widest misses are " + text.join([f"{text.indicator_name(w, lang)} ({shown(w)})"
                                              for w in worst], lang)
        + " (rates in points and levels in % do not compare, so one of each).",
        f"All outcomes are preliminary; {reposted} of {len(assessed)} come from reposted "
        "articles (see the quality column).",
        "Next: `07-target-record` sets these results in the city's record of targets and results."])


# --- 07: the record -------------------------------------------------------------------------

def record_overview(record: pd.DataFrame, summary: pd.DataFrame, ladder: pd.DataFrame,
                    lang: str) -> str:
    """How the city's targets have fared, and the ladder of targets above it."""
    gdp = record[(record["indicator"] == "gdp") & record["gap"].notna()]
    short = int((gdp["gap"] < 0).sum())
    mean_gap = float(gdp["gap"].mean())
    gdp_ladder = ladder[ladder["indicator"] == "gdp"].iloc[0]
    if lang == "zh":
        return (f"{text.join([str(y) for y in gdp['year']], lang)}年中,郑州有**{short}年**"
                f"经济增速低于目标,平均差距{text.points(mean_gap, lang, 2)}。2024年目标逐级加码:"
                f"全国{text.percent(gdp_ladder['china_target'])}、河南"
                f"{text.percent(gdp_ladder['henan_target'])}、郑州"
                f"{text.percent(gdp_ladder['zhengzhou_target'])};郑州相对全国的领先幅度,目标为"
                f"{text.points(gdp_ladder['target_premium'], lang)},实际结果为"
                f"{text.points(gdp_ladder['outcome_premium'], lang)}。")
    return (f"In {len(gdp)} years with both a GDP target and a result "
            f"({text.join([str(y) for y in gdp['year']], lang)}), Zhengzhou fell short **{short} "
            f"times**; results averaged {text.points(mean_gap, lang, 2)} against target. The 2024 "
            f"targets run China {text.percent(gdp_ladder['china_target'])}, Henan "
            f"{text.percent(gdp_ladder['henan_target'])}, Zhengzhou "
            f"{text.percent(gdp_ladder['zhengzhou_target'])}; the city's lead over the nation was "
            f"{text.points(gdp_ladder['target_premium'], lang)} in the targets and "
            f"{text.points(gdp_ladder['outcome_premium'], lang)} in the results.")


def prediction_note(check: pd.DataFrame, lang: str) -> str:
    """How well the feasibility measures of notebook 04 foresaw the outcomes."""
    difficulty = check["difficulty_right"].dropna()
    momentum = check["momentum_right"].dropna()
    if lang == "zh":
        return (f"难度分级对{len(difficulty)}项可核对目标的判断中,{int(difficulty.sum())}项正确;"
                f"增长势头推算(按2023年增速)对{len(momentum)}项的判断中,{int(momentum.sum())}项正确。"
                "样本很少,只能作为参考。")
    return (f"The difficulty classes called {int(difficulty.sum())} of {len(difficulty)} "
            f"assessable outcomes right; the momentum scenario (at 2023's pace) "
            f"{int(momentum.sum())} of {len(momentum)}. With so few outcomes this is an anecdote, "
            "not a validation.")


def record_summary_text(summary: pd.DataFrame, lang: str) -> str:
    """Findings of the record notebook."""
    gdp = summary[summary["indicator"] == "gdp"].iloc[0]
    under = summary[summary["mean_gap"] < 0]
    if lang == "zh":
        return _bullets([
            f"按2024年以前的记录({gdp['years']}年),地区生产总值目标{text.percent(gdp['target_2024'])}"
            f"加上平均差距约为{text.percent(gdp['record_adjusted_2024'], 2)},实际结果为"
            f"{text.percent(gdp['outcome_2024'])}。",
            f"2024年以前曾低于目标的指标:{text.join(_names(under, lang), lang)}。",
            "记录只有一两年,结论有限;来源质量见各表。"])
    return _bullets([
        f"On the record before 2024 ({gdp['years']}), the GDP target of "
        f"{text.percent(gdp['target_2024'])} plus the average gap gives about "
        f"{text.percent(gdp['record_adjusted_2024'], 2)}; the outcome was "
        f"{text.percent(gdp['outcome_2024'])}.",
        f"Indicators that fell short of target before 2024: {text.join(_names(under, lang), lang)}.",
        "A record of one or two years is thin; the tables give every source's grade."])


def ladder_note(ladder: pd.DataFrame, lang: str) -> str:
    """The target ladder in words, for the growth-targets notebook."""
    escalating = ladder[ladder["escalates"].fillna(False)]
    if lang == "zh":
        return (f"与河南省、全国目标相比,郑州在{text.join(_names(escalating, lang), lang)}上"
                "设定了更高的目标,呈现逐级加码。")
    return (f"Against Henan's and China's targets, Zhengzhou sets higher ones for "
            f"{text.join(_names(escalating, lang), lang)}: the targets escalate down the ladder "
            "(层层加码).")


def external_note(external: pd.DataFrame, lang: str) -> str:
    """Where the figures from outside the report come from, with their grades."""
    grade_text = _grade_counts(external["quality"], lang)
    sources = external["source_url"].nunique()
    if lang == "zh":
        return (f"**报告以外的数据:** `data/external/external_figures.csv` 共{len(external)}项,"
                f"来自{sources}个网页,每项附原文句子、网址和来源质量评级({grade_text})。"
                "2024年及以后的结果均为初步核算数。")
    return (f"**Figures from outside the report:** {len(external)} rows in "
            f"`data/external/external_figures.csv`, from {sources} pages, each with its verbatim "
            f"sentence, address and a source-quality grade ({grade_text}). Outcomes for 2024 and "
            "later are preliminary.")


def national_lead_note(lead: pd.DataFrame, lang: str) -> str:
    """Whether the targets ask for a larger or smaller lead over the nation than 2023 gave."""
    smaller = lead[lead["change"] < 0]
    larger = lead[lead["change"] > 0]
    if lang == "zh":
        return (f"以全国2023年实绩为参照,{text.join(_names(smaller, lang), lang) or '无'}的2024年目标"
                f"要求的领先幅度小于郑州2023年的实际领先;"
                f"{text.join(_names(larger, lang), lang) or '无'}则要求更大的领先。")
    return (f"Measured against the national pace of 2023, the targets for "
            f"{text.join(_names(smaller, lang), lang) or 'no indicator'} ask for a smaller lead "
            f"than Zhengzhou actually had in 2023; those for "
            f"{text.join(_names(larger, lang), lang) or 'no indicator'} ask for a larger one.")
