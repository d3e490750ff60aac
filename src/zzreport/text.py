"""Words and number formats in English and Chinese, for tables, charts and prose."""

from __future__ import annotations

import re

import pandas as pd

from .units import split_unit

SECTION_NAMES_ZH: dict[str, str] = {
    "stability": "稳中求进",
    "industry": "现代化产业",
    "innovation": "自主创新",
    "consumption": "促进消费",
    "reform": "深化改革",
    "opening_up": "对外开放",
    "green": "绿色低碳",
    "livelihoods": "改善民生",
}
SECTION_NAMES_EN: dict[str, str] = {
    "stability": "Stability and progress",
    "industry": "Modern industry",
    "innovation": "Innovation",
    "consumption": "Consumption and investment",
    "reform": "Reform",
    "opening_up": "Opening up",
    "green": "Green and low-carbon",
    "livelihoods": "Livelihoods",
}

#: Short labels, keyed by an identifier, in each language.
LABELS: dict[str, dict[str, str]] = {
    # table columns
    "indicator": {"en": "Indicator", "zh": "指标"},
    "section": {"en": "Theme", "zh": "主题"},
    "year": {"en": "Year", "zh": "年份"},
    "status": {"en": "Status", "zh": "类别"},
    "measure": {"en": "Measure", "zh": "指标类型"},
    "value": {"en": "Value", "zh": "数值"},
    "unit": {"en": "Unit", "zh": "单位"},
    "bound": {"en": "Bound", "zh": "约束"},
    "quote": {"en": "Quote from the report", "zh": "报告原文"},
    "note": {"en": "Note", "zh": "说明"},
    "actual": {"en": "2023 result", "zh": "2023年实绩"},
    "target": {"en": "2024 target", "zh": "2024年目标"},
    "change": {"en": "Change", "zh": "变化"},
    "change_pct": {"en": "Change (%)", "zh": "变化(%)"},
    "comparable": {"en": "Like for like", "zh": "可比"},
    "caveat": {"en": "Caveat", "zh": "注意"},
    "direction": {"en": "Direction", "zh": "方向"},
    "value_2022": {"en": "2022 (derived)", "zh": "2022年(推算)"},
    "value_2023": {"en": "2023 result", "zh": "2023年实绩"},
    "growth_2023": {"en": "2023 growth (%)", "zh": "2023年增速(%)"},
    "target_2024": {"en": "2024 target", "zh": "2024年目标"},
    "method": {"en": "Method", "zh": "方法"},
    "required_growth": {"en": "Required growth (%)", "zh": "所需增速(%)"},
    "realised_growth": {"en": "2023 growth (%)", "zh": "2023年增速(%)"},
    "realised_source": {"en": "2023 growth from", "zh": "2023年增速来源"},
    "gap_pp": {"en": "Gap (pp)", "zh": "差距(百分点)"},
    "stretch": {"en": "Stretch (×)", "zh": "难度倍数"},
    "difficulty": {"en": "Difficulty", "zh": "难度"},
    "check": {"en": "Check", "zh": "核对项"},
    "expected": {"en": "Expected", "zh": "推算值"},
    "found": {"en": "Stated", "zh": "报告值"},
    "holds": {"en": "Holds", "zh": "是否一致"},
    "explanation": {"en": "Explanation", "zh": "解释"},
    "projected_2024": {"en": "Projected 2024", "zh": "2024年推算"},
    "meets": {"en": "Meets target", "zh": "能否达标"},
    "margin_pct": {"en": "Margin (%)", "zh": "差额(%)"},
    "results": {"en": "2023 results", "zh": "2023年实绩"},
    "targets": {"en": "2024 targets", "zh": "2024年目标"},
    "total": {"en": "Total", "zh": "合计"},
    "figures": {"en": "Figures", "zh": "数据条数"},
    # vocabularies
    "growth": {"en": "growth (%)", "zh": "增速"},
    "share": {"en": "share or rate", "zh": "比重或比率"},
    "flow": {"en": "flow (amount in the year)", "zh": "流量(年内数量)"},
    "stock": {"en": "stock (level)", "zh": "存量(水平)"},
    "exact": {"en": "exact", "zh": "确数"},
    "about": {"en": "about", "zh": "左右"},
    "at_least": {"en": "at least", "zh": "以上"},
    "at_most": {"en": "at most", "zh": "以下"},
    "unquantified": {"en": "no number", "zh": "未量化"},
    "easier than last year": {"en": "easier than last year", "zh": "低于去年"},
    "similar": {"en": "similar", "zh": "与去年相当"},
    "harder": {"en": "harder", "zh": "高于去年"},
    "much harder": {"en": "much harder", "zh": "远高于去年"},
    "not comparable": {"en": "not comparable", "zh": "不可比"},
    "no 2023 growth known": {"en": "no 2023 growth known", "zh": "无2023年增速"},
    "accelerate": {"en": "faster", "zh": "加快"},
    "slow down": {"en": "slower", "zh": "放缓"},
    "hold": {"en": "about the same", "zh": "持平"},
    "raise": {"en": "higher", "zh": "提高"},
    "lower": {"en": "lower", "zh": "降低"},
    "no 2023 result": {"en": "no 2023 result", "zh": "无2023年数据"},
    "stated": {"en": "stated", "zh": "报告所述"},
    "backcast": {"en": "backcast", "zh": "推算"},
    "unknown": {"en": "unknown", "zh": "未知"},
    "yes": {"en": "yes", "zh": "是"},
    "no": {"en": "no", "zh": "否"},
    "cannot tell": {"en": "cannot tell", "zh": "无法判断"},
    "level / (1 + growth)": {"en": "level ÷ (1 + growth)", "zh": "水平÷(1+增速)"},
    "stock − additions": {"en": "stock − additions", "zh": "存量−新增"},
    # chart words
    "source": {"en": "Source: Zhengzhou 2024 government work report, as reported by 正观新闻·郑州晚报; "
                     "analysis: zzreport.",
               "zh": "资料来源:郑州市2024年政府工作报告(正观新闻·郑州晚报报道);分析:zzreport。"},
    "source_outcomes": {
        "en": "Sources: targets from Zhengzhou's 2024 government work report (正观新闻·郑州晚报); "
              "outcomes from the sources register (data/external), each graded; "
              "analysis: zzreport.",
        "zh": "资料来源:目标取自郑州市2024年政府工作报告(正观新闻·郑州晚报报道);结果取自来源登记"
              "(data/external),均注明来源质量;分析:zzreport。"},
    "percent": {"en": "%", "zh": "%"},
    # outcomes
    "met": {"en": "met", "zh": "达成"},
    "missed": {"en": "missed", "zh": "未达成"},
    "above_band": {"en": "above the band (overshot an approximate target)",
                   "zh": "高于目标区间(超出“左右”目标)"},
    "cannot_tell": {"en": "cannot tell", "zh": "无法判断"},
    "sources_disagree": {"en": "sources disagree", "zh": "来源不一致"},
    "no_outcome_data": {"en": "no outcome data", "zh": "暂无结果数据"},
    "not_assessable": {"en": "not assessable", "zh": "无法评估"},
    "outcome": {"en": "2024 outcome", "zh": "2024年结果"},
    "outcome_basis": {"en": "How the outcome is known", "zh": "结果来源方式"},
    "basis_stated": {"en": "stated", "zh": "来源直接给出"},
    "basis_derived": {"en": "derived (computed from stated figures)", "zh": "推算(由来源给出的数字计算)"},
    "basis_floor": {"en": "stated as a floor", "zh": "来源仅给出下限"},
    "basis_ceiling": {"en": "stated as a ceiling", "zh": "来源仅给出上限"},
    "basis_approximate": {"en": "stated as approximate", "zh": "来源给出约数"},
    "derived_as": {"en": "{} (derived: {})", "zh": "{}(推算:{})"},
    "versus": {"en": " vs ", "zh": " 对 "},
    "direction_up": {"en": "a floor", "zh": "下限"},
    "direction_down": {"en": "a ceiling", "zh": "上限"},
    "direction_two_sided": {"en": "two-sided", "zh": "双向"},
    "margin_shortfall_at_most": {"en": "shortfall at most {}", "zh": "差距至多{}"},
    "margin_shortfall_at_least": {"en": "shortfall at least {}", "zh": "差距至少{}"},
    "margin_excess_at_least": {"en": "excess at least {}", "zh": "超出至少{}"},
    "margin_excess_at_most": {"en": "excess at most {}", "zh": "超出至多{}"},
    "corroboration": {"en": "Also reported by", "zh": "其他一致来源"},
    "why": {"en": "Why no verdict / caveat", "zh": "未评判原因/提示"},
    "reason": {"en": "Why there is no verdict", "zh": "未评判原因"},
    "n_targets": {"en": "Targets", "zh": "目标数"},
    "examples": {"en": "For example", "zh": "例如"},
    "reason_target_unquantified": {
        "en": "The target states no number, so no outcome can meet or miss it.",
        "zh": "目标未给出具体数值,任何结果都无法据此判断达成与否。"},
    "reason_outcome_not_comparable": {
        "en": "The outcome is counted in another unit than the target.",
        "zh": "结果的计量单位与目标不同。"},
    "reason_different_counting_bases": {
        "en": "The sources count on different bases (units that do not convert), so neither is "
              "picked.",
        "zh": "各来源统计口径不同(单位无法换算),不择一而用。"},
    "reason_values_differ": {
        "en": "The sources' figures differ beyond rounding, so neither is picked.",
        "zh": "各来源数字不一致(超出舍入误差),不择一而用。"},
    "reason_only_part_year": {
        "en": "Only a part-year figure is published: an indication, not a verdict.",
        "zh": "仅有部分月份数据:只作参考,不作评判。"},
    "reason_none_published": {
        "en": "No full-year outcome is published in the sources register.",
        "zh": "来源登记中暂无全年结果数据。"},
    "caveat_implied_base_differs": {
        "en": "The source's growth of {growth} implies a 2023 base of {implied}, not the "
              "report's {stated}: the growth may belong to another figure. The verdict rests "
              "on the level.",
        "zh": "来源所称增长{growth}意味着2023年基数为{implied},而报告为{stated}:"
              "该增速可能对应另一口径。评判以总量为准。"},
    "period": {"en": "Period", "zh": "期间"},
    "axis_margin_pp": {"en": "Outcome − target (percentage points)", "zh": "结果−目标(百分点)"},
    "axis_margin_pct": {"en": "Outcome above (+) or below (−) target (%)",
                        "zh": "结果高于(+)或低于(−)目标(%)"},
    "legend_bounded": {"en": "outcome stated as a floor or ceiling (margin is a bound)",
                       "zh": "结果仅有上限或下限(差额为界限)"},
    "title_scorecard": {
        "en": "{met} of the {judged} 2024 targets with a usable outcome were met; "
              "{disagree} with disagreeing sources, {waiting} await data",
        "zh": "有可用结果的{judged}项2024年目标中{met}项达成;{disagree}项来源不一致,{waiting}项暂无数据"},
    "share_of_target": {"en": "Share of the annual target reached", "zh": "已完成全年目标比例"},
    "share_of_year": {"en": "Share of the year elapsed", "zh": "时间进度"},
    "reading": {"en": "Reading", "zh": "解读"},
    "indication_not_verdict": {"en": "indication, not a verdict", "zh": "仅供参考,不作评判"},
    "result": {"en": "Result", "zh": "结果"},
    "margin": {"en": "Margin", "zh": "差额"},
    "quality": {"en": "Source quality", "zh": "来源质量"},
    "stretch_target": {"en": "Stretch target (力争)", "zh": "力争目标"},
    "required_change": {"en": "Asked of 2024", "zh": "目标要求"},
    "actual_year": {"en": "Result", "zh": "实绩"},
    "gap": {"en": "Result − target (pp)", "zh": "实绩−目标(百分点)"},
    "years": {"en": "Years", "zh": "年份"},
    "mean_gap": {"en": "Mean gap (pp)", "zh": "平均差距(百分点)"},
    "hit_rate": {"en": "Targets met", "zh": "达标比例"},
    "record_adjusted_2024": {"en": "2024 target + mean gap", "zh": "2024年目标+平均差距"},
    "outcome_2024": {"en": "2024 outcome", "zh": "2024年结果"},
    "china_target": {"en": "China target", "zh": "全国目标"},
    "henan_target": {"en": "Henan target", "zh": "河南目标"},
    "zhengzhou_target": {"en": "Zhengzhou target", "zh": "郑州目标"},
    "escalates": {"en": "Escalates", "zh": "层层加码"},
    "china_actual": {"en": "China result", "zh": "全国实绩"},
    "henan_actual": {"en": "Henan result", "zh": "河南实绩"},
    "zhengzhou_actual": {"en": "Zhengzhou result", "zh": "郑州实绩"},
    "falls_back": {"en": "Lead shrinks", "zh": "领先幅度收窄"},
    "prediction": {"en": "Difficulty said", "zh": "难度判断"},
    "momentum_said": {"en": "Momentum said", "zh": "增长势头推算"},
    "right": {"en": "right", "zh": "正确"},
    "wrong": {"en": "wrong", "zh": "错误"},
    "met_pred": {"en": "will be met", "zh": "可达成"},
    "missed_pred": {"en": "will be missed", "zh": "难达成"},
    "target_word": {"en": "target", "zh": "目标"},
    "not assessed": {"en": "not assessed", "zh": "未评估"},
    "zhengzhou_2023": {"en": "Zhengzhou 2023", "zh": "郑州2023年"},
    "china_2023": {"en": "China 2023", "zh": "全国2023年"},
    "lead_2023": {"en": "Lead in 2023 (pp)", "zh": "2023年领先(百分点)"},
    "lead_asked": {"en": "Lead the target asks (pp)", "zh": "目标要求的领先(百分点)"},
    "source_col": {"en": "Source", "zh": "来源"},
    # directions of travel: a target is a floor or an approximation, not a forecast
    "asks_more": {"en": "asks for more than 2023 delivered", "zh": "高于2023年实绩"},
    "asks_less": {"en": "asks for less than 2023 delivered", "zh": "低于2023年实绩"},
    "no_2023_result": {"en": "no 2023 result", "zh": "无2023年数据"},
    "price_basis": {"en": "Real or nominal", "zh": "实际或名义"},
    "real": {"en": "real", "zh": "实际(可比价)"},
    "nominal": {"en": "nominal", "zh": "名义(现价)"},
    "physical": {"en": "physical", "zh": "实物量"},
    "prices_2023": {"en": "2023 consumer prices", "zh": "2023年居民消费价格"},
    "real_2023": {"en": "2023 result deflated by consumer prices (derived)",
                  "zh": "2023年实绩扣除物价(推算)"},
    # difficulty on a fair base
    "asked": {"en": "Asked for 2024", "zh": "2024年要求"},
    "against_2023": {"en": "2023 delivered", "zh": "2023年实绩"},
    "baseline_col": {"en": "Multi-year baseline (years)", "zh": "多年基准(年份)"},
    "difficulty_2023": {"en": "Against 2023", "zh": "相对2023年"},
    "classification": {"en": "On the fair base", "zh": "相对公平基准"},
    "basis": {"en": "Fair base", "zh": "基准"},
    "baseline": {"en": "multi-year baseline", "zh": "多年基准"},
    "2023_rate": {"en": "2023 rate (no baseline)", "zh": "2023年增速(无多年基准)"},
    "2023_increment": {"en": "2023 increment", "zh": "2023年增量"},
    "counted": {"en": "Counted in summaries", "zh": "计入汇总"},
    "rebound_base": {"en": "not classed: 2023 was a rebound", "zh": "不分级:2023年为反弹"},
    "against_2023_n": {"en": "Against 2023", "zh": "相对2023年"},
    "fair_base_n": {"en": "On the fair base", "zh": "相对公平基准"},
    # checks
    "kind": {"en": "Kind", "zh": "类别"},
    "identity": {"en": "identity", "zh": "恒等关系"},
    "claim": {"en": "the report's claim", "zh": "报告的说法"},
    "article_error": {"en": "error in the article", "zh": "报道错误"},
    "implication": {"en": "implication (no verdict)", "zh": "推论(不作判断)"},
    # scenario
    "increment_2023_col": {"en": "Added in 2023", "zh": "2023年增量"},
    "rule": {"en": "Rule", "zh": "规则"},
    "rebound": {"en": "left out: rebound year", "zh": "剔除:反弹年份"},
    "capped": {"en": "capped at its whole", "zh": "不超过总量"},
    # the record
    "target_any_year": {"en": "Target", "zh": "目标"},
    "actual_any_year": {"en": "Outcome", "zh": "实绩"},
    "derived_mark": {"en": "(derived)", "zh": "(推算)"},
    "met_n": {"en": "Met", "zh": "达成"},
    "missed_n": {"en": "Missed", "zh": "未达成"},
    "too_few_years": {"en": "too few years for a mean", "zh": "年份太少,不求平均"},
    # the ratchet
    "previous_target": {"en": "Previous target", "zh": "上年目标"},
    "previous_result": {"en": "Its result", "zh": "上年实绩"},
    "previous_outcome": {"en": "Previous outcome", "zh": "上年结果"},
    "overshot": {"en": "overshot", "zh": "大幅超额"},
    "new_target": {"en": "New target", "zh": "新目标"},
    "target_change": {"en": "Change in the target", "zh": "目标变化"},
    "wording_changed": {"en": "Wording changed", "zh": "措辞变化"},
    # China, Henan
    "target_premium": {"en": "Premium in the targets", "zh": "目标高出"},
    "realised_premium": {"en": "Premium delivered the year before", "zh": "上年实绩高出"},
    "premium_change": {"en": "Targets − delivered (pp)", "zh": "目标高出−实绩高出"},
    "outcome_premium": {"en": "Premium in the results", "zh": "当年实绩高出"},
    "higher_each_level": {"en": "Higher at each level", "zh": "逐级更高"},
    "amplification_vs_henan": {"en": "Net of the premium, against Henan",
                               "zh": "扣除多年差距后(相对河南)"},
    "amplification_vs_china": {"en": "Net of the premium, against China",
                               "zh": "扣除多年差距后(相对全国)"},
    "amplified": {"en": "amplified (层层加码)", "zh": "层层加码"},
    "within_premium": {"en": "within the multi-year premium", "zh": "在多年差距之内"},
    "below_premium": {"en": "below the multi-year premium", "zh": "低于多年差距"},
    "ruled_out_by_dates": {"en": "ruled out by dates", "zh": "时间顺序排除"},
    "geo_col": {"en": "Level", "zh": "层级"},
    "published": {"en": "Published", "zh": "发布日期"},
    "case": {"en": "Case", "zh": "情形"},
    "needed": {"en": "needed", "zh": "所需"},
    "achieved": {"en": "achieved", "zh": "实际"},
    "henan_growth": {"en": "Henan (%)", "zh": "河南(%)"},
    "zhengzhou_growth": {"en": "Zhengzhou (%)", "zh": "郑州(%)"},
    "zhengzhou_share": {"en": "Zhengzhou's share of Henan's GDP", "zh": "郑州占全省比重"},
    "rest_growth": {"en": "Rest of Henan (derived)", "zh": "省内其他地区(推算)"},
    "derivation_col": {"en": "Arithmetic", "zh": "算式"},
    "result_word": {"en": "result", "zh": "实绩"},
}

#: English words for the report's counting units, after the scale prefix is removed.
BASE_UNITS_EN: dict[str, str] = {
    "元": "yuan", "辆": "vehicles", "人": "people", "名": "people", "人次": "visits",
    "家": "entities", "个": "", "项": "items", "件": "items", "条": "", "吨": "tonnes",
    "亩": "mu", "平方米": "m²", "张": "beds", "所": "schools", "班": "trains (班)", "期": "rounds",
}


def label(key: str, lang: str) -> str:
    """The label for ``key`` in ``lang``; the key itself when no label is defined."""
    return LABELS.get(key, {}).get(lang, key)


def section_name(section: str, lang: str) -> str:
    return (SECTION_NAMES_ZH if lang == "zh" else SECTION_NAMES_EN)[section]


def indicator_name(row, lang: str) -> str:
    """The indicator's name in ``lang`` from a row with ``name_zh`` and ``name_en``."""
    return row["name_zh"] if lang == "zh" else row["name_en"]


def short_name(row, lang: str) -> str:
    """The indicator's name without its parenthetical gloss, for chart labels."""
    name = indicator_name(row, lang)
    return re.sub(r"\s*[((][^))]*[))]$", "", name) or name


def number(value: float, digits: int = 1) -> str:
    """A number with thousands separators and at most ``digits`` decimals (trailing zeros cut)."""
    if value is None or pd.isna(value):
        return "–"
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def percent(value: float, digits: int = 1, signed: bool = False) -> str:
    if value is None or pd.isna(value):
        return "–"
    text = number(value, digits)
    return f"{'+' if signed and value > 0 else ''}{text}%"


def points(value: float, lang: str, digits: int = 1) -> str:
    """A difference in percentage points, signed."""
    if value is None or pd.isna(value):
        return "–"
    sign = "+" if value > 0 else ""
    unit = " pp" if lang == "en" else "个百分点"
    return f"{sign}{number(value, digits)}{unit}"


def quantity(value: float, unit: str, lang: str) -> str:
    """A value with its unit: as the report writes it in Chinese, in plain words in English.

    ``quantity(2918.1, "亿元", "en") == "291.8 billion yuan"``;
    ``quantity(2918.1, "亿元", "zh") == "2,918.1亿元"``.
    """
    if value is None or pd.isna(value):
        return "–"
    if unit == "%":
        return percent(value, 2)
    if lang == "zh":
        # An English source's unit ("million", "trips") stays as the source wrote it.
        return f"{number(value, 2)}{' ' if unit[:1].isascii() else ''}{unit}"
    scale, base = split_unit(unit)
    amount = value * scale
    word = BASE_UNITS_EN.get(base, base)
    for threshold, name in ((1e9, "billion"), (1e6, "million")):
        if abs(amount) >= threshold:
            return f"{number(amount / threshold, 2)} {name} {word}".rstrip()
    return f"{number(amount, 2)} {word}".rstrip()


def join(items: list[str], lang: str) -> str:
    """A readable list: "a, b and c" or "a、b和c"."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if lang == "zh":
        return "、".join(items[:-1]) + "和" + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


def yes_no(value: object, lang: str) -> str:
    if value is None or pd.isna(value):
        return label("cannot tell", lang)
    return label("yes" if value else "no", lang)



#: Quality grades as shown to readers; "primary" is the report itself.
QUALITY_LABELS: dict[str, dict[str, str]] = {
    "primary": {"en": "the report", "zh": "报告原文"},
    "official": {"en": "official", "zh": "官方"},
    "state_media": {"en": "state media", "zh": "官方媒体"},
    "mirror": {"en": "repost", "zh": "转载"},
    "low": {"en": "low quality", "zh": "低质量来源"},
}
GEO_NAMES: dict[str, dict[str, str]] = {
    "china": {"en": "China", "zh": "全国"},
    "henan": {"en": "Henan", "zh": "河南省"},
    "zhengzhou": {"en": "Zhengzhou", "zh": "郑州市"},
}


def quality(grade: object, lang: str) -> str:
    """A source-quality grade in words; empty for a missing grade."""
    if grade is None or pd.isna(grade):
        return ""
    return QUALITY_LABELS[str(grade)][lang]


def with_quality(label_text: str, grade: object, lang: str) -> str:
    """``label_text`` with its source grade in brackets unless the source is official or the
    report itself — every external figure shows its grade when it is not official."""
    if grade is None or pd.isna(grade) or str(grade) in ("official", "primary"):
        return label_text
    return f"{label_text} [{quality(grade, lang)}]"


#: Part-year periods as readers see them.
PERIOD_NAMES: dict[str, dict[str, str]] = {
    "year": {"en": "the whole year", "zh": "全年"},
    "Q1": {"en": "first quarter", "zh": "一季度"},
    "H1": {"en": "first half", "zh": "上半年"},
    "Q1-Q3": {"en": "first three quarters", "zh": "前三季度"},
}
MONTH_NAMES_EN: tuple[str, ...] = ("January", "February", "March", "April", "May", "June",
                                   "July", "August", "September", "October", "November",
                                   "December")


def period(name: str, lang: str) -> str:
    """A period in words: "first quarter", "January–July" / "一季度", "1—7月"."""
    if name in PERIOD_NAMES:
        return PERIOD_NAMES[name][lang]
    from .schema import period_months

    first, last = period_months(name)
    if lang == "zh":
        return f"{first}—{last}月"
    return f"{MONTH_NAMES_EN[first - 1]}–{MONTH_NAMES_EN[last - 1]}"


def geo(name: str, lang: str) -> str:
    return GEO_NAMES[name][lang]
