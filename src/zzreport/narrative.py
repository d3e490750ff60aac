"""Prose for the notebooks, in English or Chinese, with every number formatted from the data.

Notebooks display these strings as Markdown, so a sentence can never disagree with the table
beside it: change the data and the words change with it.
"""

from __future__ import annotations

import json

import pandas as pd

from . import paths, prose, text
from .analysis import (ABOUT_TOLERANCE_PP, ABOUT_TOLERANCE_RELATIVE, BASELINE_REQUIRED_YEARS,
                       SIMILAR_BAND_PP, SIMILAR_RATIO, STRETCH_THRESHOLDS)
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
    n_pairs, n_indicators = len(pairs), pairs["indicator"].nunique()
    n_comparable = int((pairs["comparable"]).sum())
    if lang == "zh":
        return (f"报告共给出 **{len(frame)}** 项数据:2023年实绩 **{n_actual}** 项,"
                f"2024年目标 **{len(targets)}** 项(其中 {n_unquantified} 项未给出具体数值,"
                f"{n_stretch} 项为“力争”目标)。同时给出2023年实绩和2024年目标的只有 **{n_pairs}** 对"
                f"({n_indicators} 个指标),其中 {n_comparable} 对口径可比——大多数目标无法与去年直接对照。")
    return (f"The report states **{len(frame)}** figures: **{n_actual}** results for 2023 and "
            f"**{len(targets)}** targets for 2024 ({n_unquantified} of them without a number, "
            f"{n_stretch} marked as stretch targets, 力争). Only **{n_pairs}** pairs "
            f"({n_indicators} indicators) have both a 2023 result and a 2024 target, and "
            f"{n_comparable} of those pairs are like for like — most promises cannot be set against last year's result.")


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
                f"(其中“力争”目标{stretch}项)。同时有实绩和目标的有{len(theme_pairs)}对"
                f"({theme_pairs['indicator'].nunique()}个指标)。")
    return (f"The *{name}* theme states {len(part)} figures: "
            f"{int((part['status'] == 'actual').sum())} results for 2023 and {len(targets)} "
            f"targets for 2024 ({stretch} of them stretch targets, 力争). {len(theme_pairs)} "
            f"pairs ({theme_pairs['indicator'].nunique()} indicators) have both a result and a "
            "target.")


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


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

def prediction_note(check: pd.DataFrame, lang: str) -> str:
    """How well notebook 04's one explicit call, the momentum scenario, foresaw the outcomes;
    the difficulty classes are shown beside them but make no call."""
    momentum = check["momentum_right"].dropna()
    if lang == "zh":
        return (f"增长势头推算(按2023年增量)对{len(momentum)}项的判断中,{int(momentum.sum())}项正确。"
                "难度分级只说明目标比公平基准要求更多或更少,不是预测,因此只列出、不计对错。"
                "样本很少,只能作为参考。")
    return (f"The momentum scenario (at 2023's increment) called {int(momentum.sum())} of "
            f"{len(momentum)} assessable outcomes right. The difficulty classes say how much a "
            "target asks against a fair base, not whether it will be met, so they are shown "
            "beside the outcomes and not scored. With so few outcomes this is an anecdote, not "
            "a validation.")


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




# --- 02: growth targets and the ratchet ------------------------------------------------------

def growth_overview(headline: pd.DataFrame, lang: str) -> str:
    """Where the targets ask for more, or less, than 2023 delivered (targets are floors or
    approximations, not forecasts)."""
    more = headline[headline["direction"].isin(["asks_more", "raise"])]
    less = headline[headline["direction"] == "asks_less"]
    similar = headline[headline["direction"] == "similar"]
    missing = headline[headline["direction"].isin(["no_2023_result", "unquantified"])]
    band = text.number(SIMILAR_BAND_PP)
    if lang == "zh":
        return (f"在有2023年实绩可比的主要指标中,2024年目标**高于**2023年实绩的有"
                f"{text.join(_names(more, lang), lang) or '无'};**低于**2023年实绩的有"
                f"{text.join(_names(less, lang), lang) or '无'};与2023年相差不超过{band}个百分点的有"
                f"{text.join(_names(similar, lang), lang) or '无'}。目标是下限或约数,不是预测。"
                f"{text.join(_names(missing, lang), lang)}无法与2023年比较"
                "(报告未给出2023年数据或2024年目标未量化)。")
    return (f"Among the headline indicators with a 2023 result, the 2024 targets ask for **more** "
            f"than 2023 delivered in {text.join(_names(more, lang), lang) or 'none'}, for "
            f"**less** in {text.join(_names(less, lang), lang) or 'none'}, and for about the same "
            f"(within {band} point) in {text.join(_names(similar, lang), lang) or 'none'}. A "
            "target is a floor or an approximation, not a forecast. "
            f"{text.join(_names(missing, lang), lang)} cannot be compared (no 2023 result in "
            "the report, or a target without a number).")


def growth_detail(headline: pd.DataFrame, lang: str) -> str:
    """The targets furthest below and above 2023's rates, in words."""
    known = headline[headline["measure"] == "growth"].dropna(subset=["change"])
    low, high = known.loc[known["change"].idxmin()], known.loc[known["change"].idxmax()]
    if lang == "zh":
        return (f"比2023年实绩低得最多的是{text.indicator_name(low, lang)}:2023年"
                f"{text.percent(low['actual'])},目标{text.percent(low['target'])}"
                f"{text.label(str(low['bound']), lang)}({text.points(low['change'], lang)})。"
                f"高得最多的是{text.indicator_name(high, lang)}:2023年{text.percent(high['actual'])},"
                f"目标{text.percent(high['target'])}({text.points(high['change'], lang)})。")
    return (f"The target furthest below 2023's result is {text.indicator_name(low, lang)}: "
            f"{text.label(str(low['bound']), lang)} {text.percent(low['target'])} after "
            f"{text.percent(low['actual'])} ({text.points(low['change'], lang)}), a floor that "
            f"asks for less than 2023 delivered. The furthest above is "
            f"{text.indicator_name(high, lang)}: {text.percent(high['target'])} after "
            f"{text.percent(high['actual'])} ({text.points(high['change'], lang)}).")


def ratchet_note(ratchet: pd.DataFrame, summary: pd.DataFrame, lang: str) -> str:
    """How targets moved after a miss and after an overshoot, from ``ratchet_summary``: every
    case with its n, wording changes flagged, and the pattern called asymmetric only when each
    side has ``MIN_RATCHET_CASES``."""
    from .outcomes import LOCKDOWN_YEAR, MIN_RATCHET_CASES
    s = summary.set_index("previous_outcome")
    missed, over = s.loc["missed"], s.loc["overshot"]
    rows = ratchet.set_index(["indicator", "year_from"])
    plain = "plain" if lang == "en" else "无修饰"

    def cases(row) -> str:
        parts = []
        for indicator, year_from, year_to in row["cases"]:
            entry = rows.loc[(indicator, year_from)]
            flags = []
            if entry["wording_changed"]:
                flags.append(f"{entry['previous_wording'] or plain}→{entry['new_wording'] or plain}")
            if year_from == LOCKDOWN_YEAR:
                flags.append("lockdown year" if lang == "en" else "封控年份")
            parts.append(f"{text.short_name(entry, lang)} {year_from}→{year_to} "
                         f"({text.points(entry['target_change'], lang)}"
                         + ("; " + "; ".join(flags) if flags else "") + ")")
        return text.join(parts, lang)

    def pct(value: float) -> str:
        return text.percent(value * 100, 0)

    compare = bool(missed["compare_sides"])
    if lang == "zh":
        return (f"**目标如何随上年结果调整。** 上年未达成之后({missed['n']}例:{cases(missed)}),"
                f"新目标平均变化{text.points(missed['mean_change'], lang, 2)},平均吸收上年缺口的"
                f"{pct(missed['mean_pass_through'])};其中{missed['n_wording_changed']}例措辞也变了"
                f"(目标种类不同),措辞不变的{missed['n_same_wording']}例平均吸收"
                f"{pct(missed['mean_pass_through_same_wording'])}。上年大幅超额之后"
                f"({over['n']}例:{cases(over)}),新目标吸收超额部分的"
                f"{pct(over['mean_pass_through'])}。"
                + ("两侧案例都足够,可以比较。" if compare else
                   f"每侧至少需要{MIN_RATCHET_CASES}例才能比较两侧,不能称为不对称的棘轮。")
                + f"全部{len(ratchet)}次调整中措辞变化{int(ratchet['wording_changed'].sum())}次,"
                "措辞变化即目标变化。")
    return (f"**How targets move after a miss and after an overshoot.** After a miss "
            f"({missed['n']} cases: {cases(missed)}), the new target moved by "
            f"{text.points(missed['mean_change'], lang, 2)} on average, absorbing "
            f"{pct(missed['mean_pass_through'])} of the shortfall; "
            f"{missed['n_wording_changed']} of those cases also changed the wording (a "
            f"different kind of target), and the {missed['n_same_wording']} with the same "
            f"wording absorbed {pct(missed['mean_pass_through_same_wording'])}. After an "
            f"overshoot ({over['n']} case{'s' if over['n'] != 1 else ''}: {cases(over)}), it "
            f"absorbed {pct(over['mean_pass_through'])} of the excess. "
            + ("Both sides have enough cases to compare." if compare else
               f"Comparing the two sides needs at least {MIN_RATCHET_CASES} cases on each, so "
               "this is no evidence of an asymmetric ratchet.")
            + f" The wording changed in {int(ratchet['wording_changed'].sum())} of all "
            f"{len(ratchet)} steps: a change of wording is a change of target.")


def growth_summary(headline: pd.DataFrame, ratchet: pd.DataFrame, lang: str) -> str:
    """Findings of the growth-targets notebook, and where to go next."""
    gdp = headline[headline["indicator"] == "gdp"].iloc[0]
    no_base = headline[headline["direction"] == "no_2023_result"]
    step = ratchet[ratchet["year_from"] == 2023]
    cut = step[step["response"] == "cut"]
    raised = step[step["response"] == "raised"]
    if lang == "zh":
        return _bullets([
            f"地区生产总值目标{text.percent(gdp['target'])}左右,比2023年实绩"
            f"{text.points(gdp['change'], lang)},在±{text.number(SIMILAR_BAND_PP)}个百分点的相当区间内。",
            f"与2023年目标相比,2024年目标下调的有{text.join(_names(cut, lang), lang) or '无'},"
            f"上调的有{text.join(_names(raised, lang), lang) or '无'}。",
            f"{text.join(_names(no_base, lang), lang)}在报告中没有2023年数据,无法比较。",
            "下一步:`04-feasibility` 以多年基准评估这些目标的难度。"])
    return _bullets([
        f"The GDP target of about {text.percent(gdp['target'])} is "
        f"{text.points(gdp['change'], lang)} against the 2023 result: within the ±"
        f"{text.number(SIMILAR_BAND_PP)}-point similar band.",
        f"Against the 2023 targets, 2024 cuts {text.join(_names(cut, lang), lang) or 'none'} "
        f"and raises {text.join(_names(raised, lang), lang) or 'none'}.",
        f"{text.join(_names(no_base, lang), lang)} have no 2023 result in the report, so they "
        "cannot be compared.",
        "Next: `04-feasibility` asks how hard these targets are against a multi-year baseline."])


# --- 04: feasibility -------------------------------------------------------------------------

def feasibility_overview(required: pd.DataFrame, checks: pd.DataFrame,
                         scenario: pd.DataFrame, lang: str) -> str:
    """How hard the targets are on a fair base and against 2023, what the checks that can
    fail found, and what momentum would give."""
    from .analysis import difficulty_summary
    summary = difficulty_summary(required).set_index("difficulty")
    fair = {k: int(v) for k, v in summary["fair_base"].items()}
    last = {k: int(v) for k, v in summary["against_2023"].items()}
    can_fail = checks[checks["kind"] != "implication"]
    holds = can_fail["holds"].astype(bool)
    met = scenario[scenario["meets"].notna()]
    left_out = scenario[~scenario["included"]]
    momentum = text.number(float(scenario["momentum"].iloc[0]), 2)
    k = ("easier than last year", "similar", "harder", "much harder")
    if lang == "zh":
        return (f"每个指标只计一次。相对公平基准(增速目标用多年平均,总量目标用2023年增量),"
                f"{sum(fair.values())}项目标中{fair[k[0]]}项低于、{fair[k[1]]}项相当、"
                f"{fair[k[2]]}项高于、{fair[k[3]]}项远高于基准;若只与2023年比,则分别为"
                f"{last[k[0]]}、{last[k[1]]}、{last[k[2]]}、{last[k[3]]}项。"
                f"{len(can_fail)}项可能不成立的核对(恒等关系、报告说法、报道错误)中,"
                f"{int(holds.sum())}项成立,{int((~holds).sum())}项不成立;"
                f"另有{len(checks) - len(can_fail)}项推论不作判断。按2023年增量的{momentum}倍推算,"
                f"{len(met)}项有目标的指标中{int(met['meets'].sum())}项可达标"
                f"(剔除反弹序列{len(left_out)}项)。")
    return (f"Counting each indicator once, on a fair base (the multi-year baseline for growth "
            f"targets, 2023's increment for level targets), {fair[k[0]]} of "
            f"{sum(fair.values())} targets ask for less, {fair[k[1]]} for about the same, "
            f"{fair[k[2]]} for more and {fair[k[3]]} for much more. Against 2023 alone the "
            f"counts would be {last[k[0]]}, {last[k[1]]}, {last[k[2]]} and {last[k[3]]}. Of "
            f"{len(can_fail)} checks that could fail (identities, the report's claims, the "
            f"article's errors), {int(holds.sum())} hold and {int((~holds).sum())} "
            f"{'does' if int((~holds).sum()) == 1 else 'do'} not; "
            f"{len(checks) - len(can_fail)} more are implications, shown without a verdict. "
            f"Adding {momentum}× their 2023 increment, {int(met['meets'].sum())} of {len(met)} "
            f"indicators with a target would meet it ({len(left_out)} rebound series left out).")


def method_note(lang: str) -> str:
    """The one similar band, the baseline rule, increments, and the 'about' tolerance."""
    limits = [text.number(limit, 2) for limit, _ in STRETCH_THRESHOLDS[:-1]]
    band = text.number(SIMILAR_BAND_PP)
    years = "–".join(str(y) for y in (BASELINE_REQUIRED_YEARS[0], BASELINE_REQUIRED_YEARS[-1]))
    if lang == "zh":
        return (f"**方法:** 全项目只用一个“相当”区间:增速相差不超过±{band}个百分点(“左右”容差"
                f"{text.number(ABOUT_TOLERANCE_PP)}个百分点的两倍,也相当于2022年GDP增速的修订幅度),"
                f"增量之比在{limits[0]}至{limits[1]}之间。增速目标与多年基准比较:每个指标都用{years}年"
                f"增速的几何平均(2022年为封控年份,2023年为反弹年份);"
                f"总量目标比较所需增量与2023年增量,而不比较增速。“相当”不等于“能达成”。"
                f"“左右”目标的容差为{text.number(ABOUT_TOLERANCE_PP)}个百分点"
                f"(总量为{text.number(ABOUT_TOLERANCE_RELATIVE * 100)}%)。")
    return (f"**Method.** One *similar* band for the whole project: within ±{band} point for "
            f"rates (twice the {text.number(ABOUT_TOLERANCE_PP)}-point tolerance of a 左右 "
            f"target, and the size of the revision to 2022 GDP growth), and a ratio of "
            f"{limits[0]} to {limits[1]} for increments (`zzreport.analysis.SIMILAR_BAND_PP`, "
            f"`SIMILAR_RATIO`). Growth targets are classed against the multi-year baseline: the "
            f"geometric mean of growth over {years}, the same years for every indicator (2022 "
            f"a lockdown year, 2023 a rebound). Level targets compare the increment asked with "
            f"the increment 2023 delivered, not growth rates, which flatter a target after growth "
            f"from a small base; increments up to {limits[2]}× 2023's are *harder*, beyond that "
            f"*much harder*, and growth targets more than 3 points above their base are *much "
            f"harder*. *Similar* is not *will be met*. An *about* target counts as met within "
            f"{text.number(ABOUT_TOLERANCE_PP)} points of a rate "
            f"({text.number(ABOUT_TOLERANCE_RELATIVE * 100)}% of a level).")


def feasibility_summary(checks: pd.DataFrame, scenario: pd.DataFrame, lang: str) -> str:
    """Findings of the feasibility notebook."""
    can_fail = checks[checks["kind"] != "implication"]
    failed = can_fail[~can_fail["holds"].astype(bool)]
    included = scenario[scenario["meets"].notna()]
    missed = included[~included["meets"].astype(bool)]
    names = [(row["check_zh"] if lang == "zh" else row["check"])
             + f" ({text.label(str(row['kind']), lang)})" for _, row in failed.iterrows()]
    if lang == "zh":
        return _bullets([
            f"不成立的核对项:{text.join(names, lang) or '无'}。",
            f"按当前参数推算未能达标的指标:{text.join(_names(missed, lang), lang) or '无'}。",
            "可用 papermill 修改参数 `momentum`(2023年增量的倍数,0至3)重新运行本笔记。"])
    return _bullets([
        f"Checks that do not hold: {text.join(names, lang) or 'none'}.",
        f"Targets the momentum scenario misses: {text.join(_names(missed, lang), lang) or 'none'}.",
        "Rerun with another `momentum` (a multiple of 2023's increment, 0 to 3) through papermill."])


def premium_note(premiums: pd.DataFrame, lang: str) -> str:
    """The city's premium in its targets against the premium it had just delivered."""
    known = premiums[premiums["premium_change"].notna()]
    parts = []
    for _, row in known.iterrows():
        geo = text.geo(row["geo"], lang)
        if lang == "zh":
            parts.append(f"相对{geo},{text.short_name(row, lang)}目标高出"
                         f"{text.points(row['target_premium'], lang)},上年实绩高出"
                         f"{text.points(row['realised_premium'], lang)}")
        else:
            parts.append(f"over {geo}, the {text.short_name(row, lang)} target's premium is "
                         f"{text.points(row['target_premium'], lang)} against "
                         f"{text.points(row['realised_premium'], lang)} delivered the year before")
    smaller = known[known["premium_change"] < 0]
    rebound = bool((known["realised_base"] == "rebound_year").any())
    years = str(known["premium_years"].iloc[0]) if len(known) else ""
    multi = int(known["multi_year_premium"].notna().sum())
    if lang == "zh":
        return (f"{';'.join(parts)}。{len(known)}项可比较的中有{len(smaller)}项,目标要求的高出幅度"
                "小于上年实际高出幅度。"
                + ("但上年是郑州从封控年份反弹的一年,其高出幅度只是反弹年份的差距,不是稳定的基准;"
                   if rebound else "")
                + f"可计算{years}年多年差距的比较有{multi}项(来源缺少河南和全国更早年份的实绩)。"
                "其余指标缺少上级的上年实绩,无法比较。")
    text_parts = "; ".join(parts)
    return (f"{text_parts[:1].upper()}{text_parts[1:]}. In {len(smaller)} of {len(known)} "
            "comparisons the target asks for a smaller premium than the city had just delivered"
            + (" — but that year was Zhengzhou's rebound from a lockdown year, so it is a "
               "rebound-year premium, not a base" if rebound else "")
            + f". A multi-year premium ({years}) can be computed for {multi} of them (the "
            "register lacks the other levels' earlier results). "
            "The other indicators lack the other level's result for the year before.")


# --- 07: the record ---------------------------------------------------------------------------

def record_overview(record: pd.DataFrame, summary: pd.DataFrame, ladder: pd.DataFrame,
                    lang: str) -> str:
    """How the city's targets have fared, and the ladder of targets above it."""
    gdp = record[(record["indicator"] == "gdp") & record["gap"].notna()]
    short = int((gdp["result"] == "missed").sum())
    years = text.join([str(y) for y in gdp["year"]], lang)
    top = ladder[ladder["indicator"] == "gdp"].iloc[0]
    if lang == "zh":
        return (f"在同时有目标和实绩的{len(gdp)}年({years})中,郑州经济增速有**{short}年**未达成目标"
                f"(按首次公布数据判断)。2024年目标:全国{text.percent(top['china_target'])}、"
                f"河南{text.percent(top['henan_target'])}、郑州{text.percent(top['zhengzhou_target'])};"
                f"郑州高出全国的幅度,目标为{text.points(top['target_premium'], lang)},实际结果为"
                f"{text.points(top['outcome_premium'], lang)}。")
    return (f"In {len(gdp)} years with both a GDP target and a result ({years}), Zhengzhou "
            f"missed **{short}**, judged on first releases. The 2024 targets run China "
            f"{text.percent(top['china_target'])}, Henan {text.percent(top['henan_target'])}, "
            f"Zhengzhou {text.percent(top['zhengzhou_target'])}; the city's premium over the "
            f"nation was {text.points(top['target_premium'], lang)} in the targets and "
            f"{text.points(top['outcome_premium'], lang)} in the results.")


def first_release_note(record: pd.DataFrame, lang: str) -> str:
    """Verdicts are on first releases; the revisions the register records."""
    revised = record[record["note"].fillna("").str.contains("later", regex=False)]
    notes = [f"{text.short_name(r, lang)} {r['year']}: {r['note']}" for _, r in revised.iterrows()]
    if lang == "zh":
        return ("**按首次公布数据判断。** 官员按首次公布(初步核算)的数据考核,因此这里也用首次公布数。"
                f"来源记录的修订:{text.join(notes, lang) or '无'}。")
    return ("**Judged on first releases.** Officials are assessed on the first (preliminary) "
            "figures, so the verdicts use them. Revisions the register records: "
            f"{text.join(notes, lang) or 'none'}.")


def tolerance_note(sensitivity: pd.DataFrame, lang: str) -> str:
    """Which verdicts depend on the 左右 tolerance."""
    depends = sensitivity[sensitivity["depends"]]
    columns = [c for c in sensitivity.columns if c.startswith("tol_")]
    parts = []
    for _, row in depends.iterrows():
        first = next(c[4:] for c in columns if row[c] in ("met", "above_band"))
        parts.append(f"{text.short_name(row, lang)} {row['year']} ("
                     + (f"{text.percent(row['actual'], 2)}对{text.percent(row['target'])}左右,"
                        f"容差不小于{first}个百分点时达成)" if lang == "zh" else
                        f"{text.percent(row['actual'], 2)} against about "
                        f"{text.percent(row['target'])}: met from ±{first} pp)"))
    tolerance = text.number(ABOUT_TOLERANCE_PP)
    if lang == "zh":
        return (f"本项目“左右”容差为{tolerance}个百分点。随容差改变判断的有:"
                f"{text.join(parts, lang) or '无'}。")
    return (f"The project's 左右 tolerance is {tolerance} points. Verdicts that change with the "
            f"tolerance: {text.join(parts, lang) or 'none'}.")


def record_summary_text(summary: pd.DataFrame, ratchet_summary: pd.DataFrame,
                        lang: str) -> str:
    """Findings of the record notebook."""
    from .outcomes import MIN_RECORD_YEARS
    gdp = summary[summary["indicator"] == "gdp"].iloc[0]
    missed = ratchet_summary.set_index("previous_outcome").loc["missed"]
    thin = summary[~summary["enough"]]
    if lang == "zh":
        return _bullets([
            f"地区生产总值:{gdp['years']}年中达成{gdp['met']}年、未达成{gdp['missed']}年"
            + (f",实绩平均比目标{text.points(gdp['mean_gap'], lang, 2)}"
               + (f",不含2022年封控年份为{text.points(gdp['mean_gap_without_lockdown'], lang, 2)}"
                  if not pd.isna(gdp["mean_gap_without_lockdown"]) else "")
               + "(描述过去,不是预期)。" if gdp["enough"] else "。"),
            f"未达成之后({missed['n']}例,其中{missed['n_wording_changed']}例措辞也变了),"
            f"新目标平均吸收上年缺口的{text.percent(missed['mean_pass_through'] * 100, 0)}。",
            f"其余{len(thin)}个指标判断年份不足{MIN_RECORD_YEARS}年,不求平均,也不据此推测。"])
    return _bullets([
        f"GDP: met in {gdp['met']} and missed in {gdp['missed']} of the judged years "
        f"({gdp['years']})" + (f"; results averaged {text.points(gdp['mean_gap'], lang, 2)} "
                               "against target"
                               + (f" ({text.points(gdp['mean_gap_without_lockdown'], lang, 2)} "
                                  "without the 2022 lockdown year)"
                                  if not pd.isna(gdp["mean_gap_without_lockdown"]) else "")
                               + " — a description of the past, not an expectation."
                               if gdp["enough"] else "."),
        f"After a miss ({missed['n']} cases, {missed['n_wording_changed']} of them with a change "
        f"of wording), the next target absorbed on average "
        f"{text.percent(missed['mean_pass_through'] * 100, 0)} of the shortfall.",
        f"The other {len(thin)} indicators have fewer than {MIN_RECORD_YEARS} judged years: no "
        "mean is taken and nothing is projected from them."])


def ladder_note(ladder: pd.DataFrame, dates: pd.DataFrame, lang: str) -> str:
    """The ladder in words: the order of publication, and amplification only net of a
    multi-year premium (``cannot_tell`` without one)."""
    order = text.join([f"{text.geo(r['geo'], lang)} ({r['published']})"
                       for _, r in dates.iterrows()], lang)
    higher = ladder[ladder["higher_each_level"].fillna(False)]
    three, two = higher[higher["n_levels"] == 3], higher[higher["n_levels"] == 2]
    amplified = ladder[(ladder["amplification_vs_henan"] == "amplified")
                       | (ladder["amplification_vs_china"] == "amplified")]
    unclear = ladder[(ladder["amplification_vs_henan"] == "cannot_tell")
                     | (ladder["amplification_vs_china"] == "cannot_tell")]
    gdp = ladder[ladder["indicator"] == "gdp"].iloc[0]
    if lang == "zh":
        return (f"三份报告的发布顺序:{order}。郑州的报告早于全国报告,不可能在尚未公布的全国目标上加码。"
                f"三级目标逐级更高的有{text.join(_names(three, lang), lang) or '无'};"
                f"只有两级(全国未定目标)、郑州高于河南的有{text.join(_names(two, lang), lang) or '无'}。"
                f"是否加码要扣除郑州多年高出的幅度,而来源只有2023年(反弹年份)的差距,"
                f"{len(unclear)}项无法判断;属于加码的有{text.join(_names(amplified, lang), lang) or '无'}"
                f"(地区生产总值相对河南:{text.label(str(gdp['amplification_vs_henan']), lang)})。")
    return (f"The three reports appeared in this order: {order}. Zhengzhou's came before "
            f"China's, so it cannot have added to a national target not yet published. Targets "
            f"are higher at each of three levels for {text.join(_names(three, lang), lang) or 'none'}"
            f"; Zhengzhou's is above Henan's, with no national target, for "
            f"{text.join(_names(two, lang), lang) or 'none'}. Amplification (层层加码) would have "
            f"to be read net of the city's multi-year premium, and the register gives only "
            f"2023's, a rebound year: it cannot be told for {len(unclear)} indicators, and is "
            f"found for {text.join(_names(amplified, lang), lang) or 'no indicator'} (GDP against "
            f"Henan: {text.label(str(gdp['amplification_vs_henan']), lang)}).")


def rest_of_henan_note(rest: pd.DataFrame, lang: str) -> str:
    """What Henan's target asks of the province outside Zhengzhou."""
    needed = rest[rest["kind"] == "needed"].iloc[0]
    before = rest[(rest["kind"] == "achieved") & (rest["year"] == needed["year"] - 1)].iloc[0]
    if lang == "zh":
        return (f"郑州占河南GDP的{text.percent(needed['zhengzhou_share'], 1)}(推算)。若郑州增长"
                f"{text.percent(needed['zhengzhou_growth'])}、河南增长{text.percent(needed['henan_growth'])},"
                f"省内其他地区需增长约{text.percent(needed['rest_growth'], 1)};"
                f"{before['year']}年其他地区实际约为{text.percent(before['rest_growth'], 1)}(推算)。")
    return (f"Zhengzhou is {text.percent(needed['zhengzhou_share'], 1)} of Henan's GDP (derived). "
            f"If the city grew {text.percent(needed['zhengzhou_growth'])} and Henan "
            f"{text.percent(needed['henan_growth'])}, the rest of Henan would need about "
            f"{text.percent(needed['rest_growth'], 1)}; in {before['year']} it achieved about "
            f"{text.percent(before['rest_growth'], 1)} (derived; the arithmetic is in the table).")
