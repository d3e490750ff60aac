"""The analysis: 2024 targets against 2023 results, the 2022 levels they imply, how hard each
target is, whether the report's figures agree with each other, and a momentum scenario.

Every function reads the validated data through ``load_indicators`` and returns a tidy
DataFrame sorted in report order: by theme (the report's eight sections, in order), then by the
position of the indicator's first row in ``data/indicators.csv`` (which follows the text).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .data import load_indicators
from .units import convert
from .verdicts import ABOUT_TOLERANCE_PP, ABOUT_TOLERANCE_RELATIVE, meets  # noqa: F401

ACTUAL_YEAR, TARGET_YEAR = 2023, 2024


#: Difficulty of a level target: the growth it requires divided by the growth realised in 2023.
STRETCH_THRESHOLDS: tuple[tuple[float, str], ...] = (
    (0.8, "easier than last year"),
    (1.25, "similar"),
    (2.0, "harder"),
    (math.inf, "much harder"),
)
#: Difficulty of a growth target (and of a level target after a year without growth): the
#: target minus the 2023 growth, in percentage points.
GAP_THRESHOLDS_PP: tuple[tuple[float, str], ...] = (
    (-1.0, "easier than last year"),
    (1.0, "similar"),
    (3.0, "harder"),
    (math.inf, "much harder"),
)
DIFFICULTY_ORDER: tuple[str, ...] = ("easier than last year", "similar", "harder", "much harder")

#: Stocks whose 2023 additions the report states, so that the 2022 level is stock − additions.
STOCK_ADDITIONS: dict[str, str] = {
    "national_key_labs": "new_national_key_labs",
    "provincial_labs": "new_provincial_labs",
}


@dataclass(frozen=True)
class PairCaveat:
    """Why a 2023 result and a 2024 target are (not) like for like, decided from the wording."""

    comparable: bool
    en: str
    zh: str


PAIR_CAVEATS: dict[str, PairCaveat] = {
    "key_projects_investment": PairCaveat(
        False,
        "Different scope: 2023 is investment in provincial and municipal key projects; 2024 is "
        "for the 3,800 planned projects, and the report does not say the lists are the same.",
        "口径不同:2023年为省市重点项目完成投资,2024年为已谋划的3800个项目,报告未说明二者相同。"),
    "new_air_routes": PairCaveat(
        False,
        "Different scope: the 2024 target counts international routes only; the 2023 result "
        "counts passenger and cargo routes without saying international.",
        "口径不同:2024年目标仅指国际客货运航线,2023年未注明国际。"),
    "new_schools": PairCaveat(
        False,
        "Different scope: 2023 counts schools built or expanded (新建、扩建); 2024 only newly "
        "built ones (新建).",
        "口径不同:2023年为新建、扩建学校,2024年仅为新建学校。"),
    "china_europe_trains": PairCaveat(
        False,
        "Not like for like: 2023 is the task of 2,800 trips that was exceeded, not the number "
        "run, and the 2024 target counts standard trains (标准列).",
        "不可直接比较:2023年为超额完成的2800班任务而非实际开行数,2024年按标准列计。"),
    "elderly_care_beds": PairCaveat(
        True,
        "2024 wording (养老托老床位) adds day-care beds to the 2023 wording (养老床位); treated "
        "as the same count.",
        "2024年表述为养老托老床位,2023年为养老床位,视为同一口径。"),
    "graduates_retained": PairCaveat(
        True, "2023 is counted in 万人, 2024 in 万名: both count people.",
        "2023年以万人计,2024年以万名计,均为人数。"),
    "one_thing_services": PairCaveat(
        True, "2023 is counted in 个, 2024 in 项: both count services.",
        "2023年以个计,2024年以项计,均为事项数。"),
}
UNQUANTIFIED = PairCaveat(False, "The 2024 target states no number.", "2024年目标未给出具体数值。")


# --- small, pure helpers (tested directly) --------------------------------------------------

def growth_pct(new: float, old: float) -> float:
    """Percentage growth from ``old`` to ``new``; NaN when the base is zero, negative or missing."""
    if pd.isna(new) or pd.isna(old) or old <= 0:
        return math.nan
    return (new / old - 1.0) * 100.0


def implied_previous(level: float, growth: float) -> float:
    """The previous year's level implied by a level and its stated growth in %.

    NaN when the growth is −100 % or less (no positive previous level is consistent with it).
    """
    if pd.isna(level) or pd.isna(growth) or growth <= -100.0:
        return math.nan
    return level / (1.0 + growth / 100.0)


def meets_target(value: float, target: float, bound: str, measure: str,
                 direction: str = "up") -> bool | None:
    """Whether an exact ``value`` meets a target of the given bound and direction; None when
    either is missing. The rules, and why, are in ``zzreport.verdicts``: a floor (``up``) is met
    at or above the target, a ceiling (``down``) at or below it, a two-sided 左右 target within
    the tolerance on either side; ``about`` adds the tolerance on the bad side."""
    return meets(value, target, bound, direction, measure)


def classify(value: float, thresholds: tuple[tuple[float, str], ...]) -> str | None:
    """The label of the first threshold ``value`` does not exceed; None for NaN."""
    if pd.isna(value):
        return None
    return next(label for limit, label in thresholds if value <= limit)


# --- data access ----------------------------------------------------------------------------

def _report_order(frame: pd.DataFrame) -> pd.Series:
    """Each indicator's first row number in the data file (the text's order)."""
    return frame.reset_index().groupby("indicator")["index"].min()


def _rows(frame: pd.DataFrame, year: int, status: str) -> pd.DataFrame:
    return frame[(frame["year"] == year) & (frame["status"] == status)]


def sort_in_report_order(result: pd.DataFrame, frame: pd.DataFrame,
                         *extra: str) -> pd.DataFrame:
    """Sort by theme, then by each indicator's first row in the data file, then ``extra``."""
    order = _report_order(frame)
    # Indicators the report does not state (external ones) sort after those it does.
    result = result.assign(_order=result["indicator"].map(order).fillna(len(order)),
                           section=result["section"].astype(frame["section"].dtype))
    keys = ["section", "_order", *extra]
    return result.sort_values(keys, kind="stable").drop(columns="_order").reset_index(drop=True)


def _lookup(frame: pd.DataFrame, indicator: str, year: int, status: str, measure: str) -> float:
    match = frame[(frame["indicator"] == indicator) & (frame["year"] == year)
                  & (frame["status"] == status) & (frame["measure"] == measure)]
    if match.empty:
        raise KeyError(f"no {status} {measure} row for {indicator!r} in {year}")
    return float(match["value"].iloc[0])


# --- 1. targets against results -------------------------------------------------------------

def target_pairs() -> pd.DataFrame:
    """One row per indicator with a 2023 actual and a 2024 target of the same ``measure``.

    ``change`` is target − actual in the actual's unit (percentage points for growth and
    share); ``change_pct`` is (target / actual − 1) × 100 for flows and stocks, NaN for rates.
    ``comparable`` is False, with the reason in ``caveat``, where the wording shows the two are
    not like for like (``PAIR_CAVEATS``); a target without a number is never comparable.
    Caveat: a comparable pair still compares a plan with a result, not two results.
    """
    frame = load_indicators()
    actuals = _rows(frame, ACTUAL_YEAR, "actual")
    targets = _rows(frame, TARGET_YEAR, "target")
    pairs = actuals.merge(targets, on=["indicator", "measure"], suffixes=("_a", "_t"))
    records = []
    for row in pairs.itertuples(index=False):
        target = convert(row.value_t, row.unit_t, row.unit_a)
        caveat = UNQUANTIFIED if pd.isna(target) else PAIR_CAVEATS.get(
            row.indicator, PairCaveat(True, "", ""))
        is_level = row.measure in ("flow", "stock")
        records.append({
            "indicator": row.indicator, "section": row.section_a, "name_zh": row.name_zh_a,
            "name_en": row.name_en_a, "measure": row.measure, "unit": row.unit_a,
            "actual": row.value_a, "target": target, "bound": row.bound_t,
            "change": target - row.value_a,
            "change_pct": growth_pct(target, row.value_a) if is_level else math.nan,
            "comparable": caveat.comparable, "caveat": caveat.en, "caveat_zh": caveat.zh,
            "actual_quote": row.quote_a, "target_quote": row.quote_t,
        })
    result = pd.DataFrame.from_records(records)
    result["measure"] = result["measure"].astype(frame["measure"].dtype)
    result["bound"] = result["bound"].astype(frame["bound"].dtype)
    return sort_in_report_order(result, frame)


# --- 2. the 2022 levels the report implies --------------------------------------------------

def backcast() -> pd.DataFrame:
    """The 2022 level implied by each 2023 level, as a 2022 → 2023 → 2024-target series.

    Two methods, named in ``method``: ``level / (1 + growth)`` where the report states a 2023
    level and its 2023 growth, and ``stock − additions`` where it states a 2023 stock and what
    was added during 2023. ``value_2022`` is always derived (``derived`` is True), never stated.
    Caveat: it inherits the rounding of the stated figures (83万 after +61.7% is 51.3万 ± 0.03万).
    """
    frame = load_indicators()
    actuals = _rows(frame, ACTUAL_YEAR, "actual")
    levels = actuals[actuals["measure"].isin(["flow", "stock"])]
    growth = actuals[actuals["measure"] == "growth"].set_index("indicator")["value"]
    records = []
    for row in levels.itertuples(index=False):
        if row.indicator in growth.index:
            previous = implied_previous(row.value, growth[row.indicator])
            method = "level / (1 + growth)"
            explanation = (f"{row.value:g} {row.unit} after growth of {growth[row.indicator]:g}% "
                           f"implies {previous:.4g} {row.unit} in 2022.")
        elif row.indicator in STOCK_ADDITIONS:
            added = _lookup(frame, STOCK_ADDITIONS[row.indicator], ACTUAL_YEAR, "actual", "flow")
            previous = row.value - added
            method = "stock − additions"
            explanation = (f"{row.value:g} {row.unit} at the end of 2023 after {added:g} added "
                           f"during 2023 implies {previous:g} {row.unit} before.")
        else:
            continue
        records.append({
            "indicator": row.indicator, "section": row.section, "name_zh": row.name_zh,
            "name_en": row.name_en, "measure": row.measure, "unit": row.unit,
            "value_2022": previous, "value_2023": row.value,
            "growth_2023": growth_pct(row.value, previous), "method": method, "derived": True,
            "explanation": explanation,
        })
    result = pd.DataFrame.from_records(records)
    targets = _rows(frame, TARGET_YEAR, "target").set_index(["indicator", "measure"])
    target_values, target_bounds, target_directions = [], [], []
    for row in result.itertuples(index=False):
        key = (row.indicator, row.measure)
        if key in targets.index:
            target = targets.loc[key]
            target_values.append(convert(target["value"], target["unit"], row.unit))
            target_bounds.append(target["bound"])
            target_directions.append(target["direction"])
        else:
            target_values.append(math.nan)
            target_bounds.append(None)
            target_directions.append(None)
    result["target_2024"] = target_values
    result["target_bound"] = pd.Categorical(target_bounds,
                                            categories=frame["bound"].cat.categories)
    result["target_direction"] = pd.Categorical(target_directions,
                                                categories=frame["direction"].cat.categories)
    return sort_in_report_order(result, frame)


# --- 3. how hard each target is -------------------------------------------------------------

def _realised_growth(frame: pd.DataFrame) -> dict[str, tuple[float, str]]:
    """2023 growth of each indicator, stated by the report or derived by ``backcast``."""
    realised = {row.indicator: (row.growth_2023, "backcast") for row in backcast().itertuples()}
    stated = _rows(frame, ACTUAL_YEAR, "actual")
    for row in stated[stated["measure"] == "growth"].itertuples():
        realised[row.indicator] = (row.value, "stated")
    return realised


def required_growth() -> pd.DataFrame:
    """For each target with a 2023 result, the growth it requires against the growth of 2023.

    Level targets (flow, stock): ``required_growth`` = (target / actual − 1) × 100, against the
    2023 growth stated or backcast (``realised_source``); ``stretch`` = required / realised,
    classed by ``STRETCH_THRESHOLDS``. Growth targets: the target rate against the 2023 rate;
    ``gap_pp`` = target − realised, classed by ``GAP_THRESHOLDS_PP`` (also used for a level
    target after a year without growth). Pairs that are not comparable are kept but not
    classed. Caveat: last year's growth is a yardstick, not a forecast.
    """
    frame = load_indicators()
    pairs = target_pairs()
    pairs = pairs[pairs["measure"].isin(["flow", "stock", "growth"]) & pairs["target"].notna()]
    realised = _realised_growth(frame)
    records = []
    for row in pairs.itertuples(index=False):
        is_rate = row.measure == "growth"
        required = row.target if is_rate else row.change_pct
        last, source = ((row.actual, "stated") if is_rate
                        else realised.get(row.indicator, (math.nan, "unknown")))
        gap = required - last
        stretch = required / last if last > 0 else math.nan
        if not row.comparable:
            difficulty = "not comparable"
        elif not is_rate and last > 0:
            difficulty = classify(stretch, STRETCH_THRESHOLDS)
        else:
            difficulty = classify(gap, GAP_THRESHOLDS_PP)
        records.append({
            "indicator": row.indicator, "section": row.section, "name_zh": row.name_zh,
            "name_en": row.name_en, "measure": row.measure,
            "kind": "rate" if is_rate else "level", "unit": row.unit, "actual": row.actual,
            "target": row.target, "bound": row.bound, "required_growth": required,
            "realised_growth": last, "realised_source": source, "gap_pp": gap,
            "stretch": stretch, "difficulty": difficulty or "no 2023 growth known",
            "comparable": row.comparable, "caveat": row.caveat,
        })
    return sort_in_report_order(pd.DataFrame.from_records(records), frame, "measure")


# --- 4. do the figures agree? ---------------------------------------------------------------

#: "In step" (同步): income growth within this many percentage points of GDP growth.
IN_STEP_TOLERANCE_PP = 0.5


@dataclass(frozen=True)
class Check:
    """One arithmetic check between figures the report states together."""

    check: str
    check_zh: str
    section: str
    expected: float
    found: float
    unit: str
    holds: bool | None
    explanation: str

    def record(self) -> dict[str, object]:
        return dict(self.__dict__)


def _checks(frame: pd.DataFrame) -> list[Check]:
    def v(indicator: str, measure: str, status: str = "actual") -> float:
        year = ACTUAL_YEAR if status == "actual" else TARGET_YEAR
        return _lookup(frame, indicator, year, status, measure)

    checks = []
    # Industrial investment: the level target against the growth floor on the 2023 result.
    base, floor, level = (v("industrial_investment", "flow"),
                          v("industrial_investment", "growth", "target"),
                          v("industrial_investment", "flow", "target"))
    needed = base * (1 + floor / 100)
    checks.append(Check(
        "Industrial investment: level target vs growth floor", "工业投资:总量目标与增速目标",
        "consumption", needed, level, "亿元", level >= needed,
        f"{floor:g}% growth on {base:g}亿元 gives {needed:.1f}亿元; the {level:g}亿元 target "
        f"implies {growth_pct(level, base):.1f}%, so the two agree and the level is the "
        "stricter of them."))
    # New-energy vehicles' share of all vehicles, 2023 result and 2024 targets.
    share_2023 = v("nev_output", "flow") / v("vehicle_output", "flow") * 100
    share_2024 = v("nev_output", "flow", "target") / v("vehicle_output", "flow", "target") * 100
    checks.append(Check(
        "New-energy vehicles' share of vehicle output rises", "新能源汽车占汽车产量比重上升",
        "industry", share_2023, share_2024, "%", share_2024 > share_2023,
        f"New-energy vehicles were {share_2023:.1f}% of vehicle output in 2023; the 2024 "
        f"targets ({v('nev_output', 'flow', 'target'):g}万 of {v('vehicle_output', 'flow', 'target'):g}万) "
        f"make it {share_2024:.1f}%."))
    # Vehicle volume target against the automobile industry's output-value floor.
    volume_growth = growth_pct(v("vehicle_output", "flow", "target"), v("vehicle_output", "flow"))
    value_floor = v("auto_industry_output", "growth", "target")
    checks.append(Check(
        "Vehicle output target vs auto output-value growth floor", "汽车产量目标与汽车产业产值增速",
        "industry", value_floor, volume_growth, "%", volume_growth >= value_floor,
        f"Going from {v('vehicle_output', 'flow'):g}万 to {v('vehicle_output', 'flow', 'target'):g}万 "
        f"vehicles is {volume_growth:.1f}% more, in line with output value growing at least "
        f"{value_floor:g}% (if prices per vehicle hold)."))
    # Cluster targets: the 2023 base they imply (no 2023 figure in the report to check against).
    for cluster, growth, name, name_zh in (
            ("electronic_information_cluster_size", "electronic_information_output",
             "Electronic information", "电子信息"),
            ("auto_cluster_size", "auto_industry_output", "Automobile", "汽车")):
        size, rise = v(cluster, "flow", "target"), v(growth, "growth", "target")
        implied = implied_previous(size, rise)
        checks.append(Check(
            f"{name} cluster: 2023 base implied by the 2024 targets",
            f"{name_zh}集群:2024年目标隐含的2023年基数", "industry", implied, math.nan,
            "亿元", None,
            f"A cluster of {size:g}亿元 after at least {rise:g}% growth implies a 2023 size of at "
            f"most {implied:.0f}亿元. The report gives no 2023 size to check it against, and "
            "cluster size (集群规模) may not be the same measure as output value (产值)."))
    # Airport passengers: a small target after a rebound year.
    passengers, target = v("airport_passengers", "flow"), v("airport_passengers", "flow", "target")
    checks.append(Check(
        "Airport passengers: 2024 target above the 2023 result", "机场旅客:2024年目标高于2023年",
        "opening_up", passengers, target, "万人次", target > passengers,
        f"After growth of {v('airport_passengers', 'growth'):g}% in 2023 (a rebound from travel "
        f"restrictions), the target of {target:g}万人次 asks for only "
        f"{growth_pct(target, passengers):.1f}% more."))
    # Income "in step with" GDP: how 2023 measured up to the same rule.
    income, gdp = v("disposable_income_per_capita", "growth"), v("gdp", "growth")
    checks.append(Check(
        "Income grew in step with GDP in 2023", "2023年居民收入与经济增长同步",
        "stability", gdp, income, "%", abs(income - gdp) <= IN_STEP_TOLERANCE_PP,
        f"The 2024 target has income grow in step with the economy. In 2023 income grew "
        f"{income:g}% against GDP's {gdp:g}%, a gap of {gdp - income:.1f} points (in step is "
        f"taken as within {IN_STEP_TOLERANCE_PP:g} points); the GDP target of "
        f"{v('gdp', 'growth', 'target'):g}% is the implied yardstick for 2024."))
    # Graduates: the two-year total against the 2023 figure.
    total, year = v("graduates_retained_two_year_total", "stock"), v("graduates_retained", "flow")
    checks.append(Check(
        "Graduates: two-year total covers the 2023 figure", "留郑大学生:两年累计不少于2023年",
        "stability", year, total, "万人", total >= year,
        f"At least {total:g}万 over two years with {year:g}万 in 2023 implies at least "
        f"{total - year:.1f}万 in 2022. The 2024 aim of "
        f"{v('graduates_retained', 'flow', 'target'):g}万 is "
        f"{'below' if v('graduates_retained', 'flow', 'target') < year else 'at or above'} "
        "the 2023 result."))
    # National key laboratories: the headline against the body.
    new, stock = v("new_national_key_labs", "flow"), v("national_key_labs", "stock")
    checks.append(Check(
        "Headline 'newly formed national key labs: 14' matches the body",
        "标题“新组建国家重点实验室达到14家”与正文一致", "innovation", new, stock, "家",
        bool(stock == new),  # the headline gives the total as the number newly formed
        f"The body says {new:g} were newly formed and the total reached {stock:g}; the "
        f"headline's 新组建…达到{stock:g}家 conflates the two. The data set follows the body."))
    total, added = v("provincial_labs", "stock"), v("new_provincial_labs", "flow")
    checks.append(Check(
        "Provincial labs: total covers the new ones", "省实验室:总数不少于新增数",
        "innovation", added, total, "家", total >= added,
        f"{added:g} new and {total:g} in total imply {total - added:g} before 2023."))
    # Six leading industries grew faster than all industry, so their share rose.
    leading, industry = v("leading_industries_value_added", "growth"), v(
        "industrial_value_added", "growth")
    share = v("leading_industries_share", "share")
    share_2022 = share * (1 + industry / 100) / (1 + leading / 100)
    checks.append(Check(
        "Six leading industries outgrew all industry", "六大主导产业增速高于规上工业",
        "industry", industry, leading, "%", leading > industry,
        f"Growing {leading:g}% against {industry:g}% for all industry above designated size, "
        f"their {share:g}% share implies about {share_2022:.1f}% in 2022 (value-added shares, "
        "ignoring price differences)."))
    # Subsets must not exceed their wholes.
    for part, whole, part_measure, whole_measure, label, label_zh, section, unit in (
            ("little_giant_enterprises", "specialised_smes", "stock", "stock",
             "'Little giants' are a subset of specialised SMEs", "“小巨人”企业为专精特新企业的一部分",
             "industry", "家"),
            ("industrial_projects", "planned_projects", "flow", "flow",
             "1,000 industrial projects are among the 3,800 planned", "1000个产业项目属于3800个已谋划项目",
             "consumption", "个")):
        year_part = ACTUAL_YEAR if part_measure == "stock" else TARGET_YEAR
        status = "actual" if year_part == ACTUAL_YEAR else "target"
        part_v, whole_v = v(part, part_measure, status), v(whole, whole_measure, status)
        checks.append(Check(
            label, label_zh, section, whole_v, part_v, unit, part_v <= whole_v,
            f"{part_v:g} of {whole_v:g} ({part_v / whole_v * 100:.1f}%)."))
    # Key-project investment against the fixed-asset investment target.
    key_growth = growth_pct(v("key_projects_investment", "flow", "target"),
                            v("key_projects_investment", "flow"))
    fai = v("fixed_asset_investment", "growth", "target")
    checks.append(Check(
        "Key-project investment grows as fast as the investment target",
        "重点项目投资增速不低于固定资产投资目标", "consumption", fai, key_growth, "%",
        key_growth >= fai,
        f"{v('key_projects_investment', 'flow', 'target'):g}亿元 against "
        f"{v('key_projects_investment', 'flow'):g}亿元 is {key_growth:.1f}% more, "
        f"{'below' if key_growth < fai else 'at or above'} the {fai:g}% floor for all "
        "fixed-asset investment — though the two project lists may "
        "differ (see target_pairs)."))
    return checks


def consistency_checks() -> pd.DataFrame:
    """Arithmetic checks between figures the report states together.

    Each row has ``check``, ``expected`` (what the other figures imply), ``found`` (what the
    report says), ``holds`` (True, False, or missing where the report gives nothing to check
    against) and an ``explanation`` computed from the data. Sorted by theme, then as listed.
    Caveat: rounding in the stated figures can move a derived value by a few tenths.
    """
    frame = load_indicators()
    result = pd.DataFrame.from_records([c.record() for c in _checks(frame)])
    result["holds"] = result["holds"].astype("boolean")
    result["section"] = pd.Categorical(result["section"],
                                       categories=frame["section"].cat.categories, ordered=True)
    return result.sort_values("section", kind="stable").reset_index(drop=True)


# --- 5. what last year's momentum would deliver ---------------------------------------------

MOMENTUM_RANGE: tuple[float, float] = (0.0, 3.0)


def validate_momentum(momentum: object) -> float:
    """``momentum`` as a float, or a ValueError naming the parameter and what is allowed."""
    low, high = MOMENTUM_RANGE
    if isinstance(momentum, bool) or not isinstance(momentum, (int, float, np.integer,
                                                               np.floating)):
        raise ValueError(f"momentum must be a number in [{low:g}, {high:g}]; got {momentum!r} "
                         f"({type(momentum).__name__})")
    value = float(momentum)
    if not math.isfinite(value) or not low <= value <= high:
        raise ValueError(f"momentum must be a finite number in [{low:g}, {high:g}]; got {momentum!r}")
    return value


def momentum_scenario(momentum: float = 1.0) -> pd.DataFrame:
    """Project each flow or stock with known 2023 growth to 2024 at ``momentum`` × that growth.

    ``projected`` = 2023 level × (1 + momentum × growth_2023 / 100); ``meets`` says whether that
    meets the 2024 target under its bound (``meets_target``), ``margin`` and ``margin_pct`` by
    how much. ``momentum`` = 1 repeats 2023; 0 freezes the 2023 level. Indicators without a
    target are kept with ``meets`` missing. Caveat: 2023 growth includes one-off rebounds
    (airport passengers +175%), so momentum 1 flatters those targets.
    """
    factor = validate_momentum(momentum)
    frame = load_indicators()
    series = backcast()
    records = []
    for row in series.itertuples(index=False):
        projected = row.value_2023 * (1 + factor * row.growth_2023 / 100)
        bound = row.target_bound
        records.append({
            "indicator": row.indicator, "section": row.section, "name_zh": row.name_zh,
            "name_en": row.name_en, "measure": row.measure, "unit": row.unit,
            "value_2023": row.value_2023, "growth_2023": row.growth_2023, "momentum": factor,
            "projected_2024": projected, "target_2024": row.target_2024, "target_bound": bound,
            "meets": meets_target(projected, row.target_2024, bound, row.measure,
                                  row.target_direction),
            "margin": projected - row.target_2024,
            "margin_pct": growth_pct(projected, row.target_2024),
        })
    result = pd.DataFrame.from_records(records)
    result["meets"] = result["meets"].astype("boolean")
    return sort_in_report_order(result, frame)


# --- 6. the headline targets ----------------------------------------------------------------

#: A growth target within this many points of the 2023 rate counts as holding the pace.
HOLD_TOLERANCE_PP = 0.3


def _direction(target: float, actual: float, measure: str) -> str:
    if pd.isna(target):
        return "unquantified"
    if pd.isna(actual):
        return "no 2023 result"
    change = target - actual
    if measure == "share":  # a level such as R&D intensity: any move is a change of course
        return "raise" if change > 0 else "lower" if change < 0 else "hold"
    if abs(change) <= HOLD_TOLERANCE_PP:
        return "hold"
    return "accelerate" if change > 0 else "slow down"


def headline_targets() -> pd.DataFrame:
    """The main expected targets of 2024 (the 稳中求进 theme's rates) beside their 2023 results.

    ``direction`` is ``accelerate`` or ``slow down`` when a growth target is more than
    ``HOLD_TOLERANCE_PP`` points above or below the 2023 rate and ``hold`` within it; ``raise``,
    ``lower`` or ``hold`` for a share (R&D intensity); ``no 2023 result`` when the report gives
    none (construction, unemployment); ``unquantified`` when the target has no number. Caveat: a target is a floor or an approximation (see ``bound``), not a forecast.
    """
    frame = load_indicators()
    targets = _rows(frame, TARGET_YEAR, "target")
    targets = targets[(targets["section"] == "stability")
                      & targets["measure"].isin(["growth", "share"])]
    actuals = _rows(frame, ACTUAL_YEAR, "actual").set_index(["indicator", "measure"])["value"]
    records = []
    for row in targets.itertuples(index=False):
        actual = actuals.get((row.indicator, row.measure), math.nan)
        change = row.value - actual
        direction = _direction(row.value, actual, row.measure)
        records.append({
            "indicator": row.indicator, "section": row.section, "name_zh": row.name_zh,
            "name_en": row.name_en, "measure": row.measure, "unit": row.unit,
            "actual": actual, "target": row.value, "bound": row.bound, "change": change,
            "direction": direction, "note": row.note,
        })
    return sort_in_report_order(pd.DataFrame.from_records(records), frame)
