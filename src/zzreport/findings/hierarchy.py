"""The city's targets beside Henan's and China's: the ladder, the premiums and the rest of
Henan.
"""

from __future__ import annotations

import math

import pandas as pd

from zzreport.data import memo
from zzreport.data.load import load_external, load_indicators
from zzreport.data.units import convert
from zzreport.findings.feasibility import BASELINE_REQUIRED_YEARS, SIMILAR_BAND_PP
from zzreport.findings.frames import (
    ACTUAL_YEAR,
    TARGET_YEAR,
    geometric_mean_growth,
    naming,
    sort_in_report_order,
)
from zzreport.findings.sources import quality_rank


def report_dates(year: int = TARGET_YEAR) -> pd.DataFrame:
    """When each level's government work report for ``year`` appeared, from the register's
    ``published`` dates: China's and Henan's from their GDP-target rows, Zhengzhou's from the
    rows quoting the city's report itself (its results for the year before). One row per geo,
    earliest first. Caveat: a date is the source's, e.g. a newspaper summary's for Henan."""
    external = load_external()
    rows = []
    for geo in ("china", "henan"):
        match = external[
            (external["geo"] == geo)
            & (external["year"] == year)
            & (external["status"] == "target")
            & (external["indicator"] == "gdp")
            & (external["published"].fillna("") != "")
        ]
        if len(match):
            rows.append(
                {
                    "geo": geo,
                    "published": str(match["published"].iloc[0]),
                    "source": str(match["source"].iloc[0]),
                }
            )
    own = external[
        (external["geo"] == "zhengzhou")
        & (external["year"] == year - 1)
        & (external["status"] == "actual")
        & (external["quality"] == "official")
        & external["source"].str.contains("政府工作报告", regex=False)
    ]
    if len(own):
        rows.append(
            {
                "geo": "zhengzhou",
                "published": str(own["published"].iloc[0]),
                "source": str(own["source"].iloc[0]),
            }
        )
    return (
        pd.DataFrame.from_records(rows, columns=["geo", "published", "source"])
        .sort_values("published", kind="stable")
        .reset_index(drop=True)
    )


#: The year whose growth was a rebound from a collapse year (2022's lockdown): a premium in
#: it is no structural base (``analysis.BASELINE_REQUIRED_YEARS`` rejects it alone too).
REBOUND_YEAR = ACTUAL_YEAR


def premium_years(year: int = TARGET_YEAR) -> tuple[int, ...]:
    """The years a multi-year premium for ``year``'s targets spans: the baseline years of
    ``analysis.BASELINE_REQUIRED_YEARS``, shifted to end in the year before ``year``."""
    shift = year - 1 - BASELINE_REQUIRED_YEARS[-1]
    return tuple(y + shift for y in BASELINE_REQUIRED_YEARS)


@memo.on_data
def premium_comparison(year: int = TARGET_YEAR) -> pd.DataFrame:
    """Zhengzhou's premium over the nation and over the province, in its targets and in its
    results, for every rate target the city shares with China or Henan.

    One row per (indicator, ``geo`` of comparison): ``target_premium`` = the city's target −
    that level's target for ``year``; ``realised_premium`` = the city's result − that level's
    result in the year before (the premium the city had just delivered); ``premium_change`` =
    target_premium − realised_premium (negative: the target asks for a smaller premium than
    the city had). For ``year`` 2024 the year before is 2023, the city's rebound from the 2022
    lockdown (``realised_base``: ``rebound_year``): a one-year premium, not a structural base.
    ``multi_year_premium`` is the premium over ``premium_years`` (``BASELINE_REQUIRED_YEARS``
    shifted to end in the year before), each side's geometric mean of growth factors, and
    ``multi_year_change`` = target_premium − multi_year_premium; both are missing unless both
    places have a result for every one of those years (the register has no 2022 result for
    Henan or China, so for 2024 they are missing). ``outcome_premium`` is the premium in
    ``year``'s results, where published.
    No column reduces to the city's target − its own result: each keeps the other level's
    figures (a test perturbs them). Caveat: the other levels' figures come from the register
    with their grades, and a premium is a yardstick, not a rule.
    """
    report, external = load_indicators(), load_external()
    city_targets = report[
        (report["year"] == year)
        & (report["status"] == "target")
        & report["measure"].isin(["growth", "share"])
        & report["value"].notna()
    ]
    if city_targets.empty:
        years = sorted(int(y) for y in report.loc[report["status"] == "target", "year"].unique())
        raise ValueError(f"year={year}: the report sets targets for {years} only")
    full = external[external["period"] == "year"]
    city_actual = report[(report["year"] == year - 1) & (report["status"] == "actual")]
    # Indexed once: figure() is asked a dozen times per target, and filtering the frames
    # for each answer was most of this function's time.
    city_first: dict[tuple, float] = {}
    for found in city_actual.itertuples(index=False):
        city_first.setdefault((found.indicator, found.measure), float(found.value))
    best: dict[tuple, tuple] = {}  # the best-graded figure; the first of equals, as listed
    for found in full.itertuples(index=False):
        key = (found.geo, found.indicator, found.measure, found.year, found.status)
        if key not in best or quality_rank(found.quality) < quality_rank(best[key][1]):
            best[key] = (float(found.value), found.quality)

    def figure(geo: str, indicator: str, measure: str, y: int, status: str):
        own = geo == "zhengzhou" and y == year - 1 and status == "actual"
        if own and (indicator, measure) in city_first:
            return city_first[(indicator, measure)], "primary"
        if (geo, indicator, measure, y, status) not in best:
            return math.nan, None
        value, quality = best[(geo, indicator, measure, y, status)]
        return value, str(quality)

    records = []
    for row in city_targets.itertuples(index=False):
        for geo in ("china", "henan"):
            other_target, other_target_q = figure(geo, row.indicator, row.measure, year, "target")
            if pd.isna(other_target):
                continue
            city_prev, _ = figure("zhengzhou", row.indicator, row.measure, year - 1, "actual")
            other_prev, other_prev_q = figure(geo, row.indicator, row.measure, year - 1, "actual")
            city_now, city_now_q = figure("zhengzhou", row.indicator, row.measure, year, "actual")
            other_now, other_now_q = figure(geo, row.indicator, row.measure, year, "actual")
            target_premium = row.value - other_target
            realised = city_prev - other_prev
            years = premium_years(year)
            city_run = [
                figure("zhengzhou", row.indicator, row.measure, y, "actual")[0] for y in years
            ]
            other_run = [figure(geo, row.indicator, row.measure, y, "actual")[0] for y in years]
            multi = (
                geometric_mean_growth(city_run) - geometric_mean_growth(other_run)
                if row.measure == "growth"
                else math.nan
            )
            records.append(
                {
                    **naming(row),
                    "geo": geo,
                    "zhengzhou_target": row.value,
                    "other_target": other_target,
                    "other_target_quality": other_target_q,
                    "zhengzhou_previous": city_prev,
                    "other_previous": other_prev,
                    "other_previous_quality": other_prev_q,
                    "target_premium": target_premium,
                    "realised_premium": realised,
                    "premium_change": target_premium - realised,
                    "realised_base": ("rebound_year" if year - 1 == REBOUND_YEAR else "one_year"),
                    "premium_years": ", ".join(str(y) for y in years),
                    "multi_year_premium": multi,
                    "multi_year_change": target_premium - multi,
                    "outcome_premium": city_now - other_now,
                    "outcome_quality": (
                        None
                        if pd.isna(city_now - other_now)
                        else max((q for q in (city_now_q, other_now_q) if q), key=quality_rank)
                    ),
                }
            )
    result = pd.DataFrame.from_records(records)
    return sort_in_report_order(result, report, "geo")


#: Amplification (层层加码) read net of the city's multi-year premium; the slugs
#: ``target_ladder`` gives for each comparison. ``cannot_tell`` where no multi-year premium
#: can be computed: a one-year premium in a rebound year is no base, and an unclear case says
#: so rather than guess.
AMPLIFICATION: tuple[str, ...] = (
    "amplified",
    "within_premium",
    "below_premium",
    "cannot_tell",
    "ruled_out_by_dates",
)


def _amplification(premium: pd.Series | None, dates: dict[str, str], geo: str) -> str:
    if dates.get(geo, "") > dates.get("zhengzhou", ""):
        return "ruled_out_by_dates"  # the other target was not yet published
    if premium is None or pd.isna(premium["multi_year_change"]):
        return "cannot_tell"
    if premium["multi_year_change"] > SIMILAR_BAND_PP:
        return "amplified"
    if premium["multi_year_change"] < -SIMILAR_BAND_PP:
        return "below_premium"
    return "within_premium"


@memo.on_data
def target_ladder(year: int = TARGET_YEAR) -> pd.DataFrame:
    """The city's rate targets beside Henan's and China's, and what happened.

    ``higher_each_level`` is True where each level below sets a more ambitious target than the
    level above it (higher growth; for a ceiling, lower) — an ordering, not yet amplification;
    ``n_levels`` says how many levels set a target (2 where China sets none).
    ``amplification_vs_henan`` / ``amplification_vs_china`` (``AMPLIFICATION``) read 层层加码
    net of the city's multi-year premium: ``amplified`` only where the city's target premium
    exceeds its ``multi_year_premium`` (``premium_comparison``) by more than
    ``SIMILAR_BAND_PP``; ``cannot_tell`` where no multi-year premium can be computed (the
    one-year premium of 2023, a rebound year, is no base); ``ruled_out_by_dates`` where the
    other level's report appeared after the city's (``report_dates``), so the city cannot
    have added to it. ``target_premium``,
    ``outcome_premium`` and ``falls_back`` compare with the highest level with a target.
    Caveat: Henan's 2024 GDP result comes from a low-quality source (see the quality columns).
    """
    report, external = load_indicators(), load_external()
    dates = dict(zip(*report_dates(year)[["geo", "published"]].T.values, strict=False))
    premiums = premium_comparison(year).set_index(["indicator", "measure", "geo"])
    city_targets = report[
        (report["year"] == year)
        & (report["status"] == "target")
        & report["measure"].isin(["growth", "share"])
        & report["value"].notna()
    ]
    others = external[(external["year"] == year) & (external["period"] == "year")]
    records = []
    first: dict[tuple, tuple[float, str]] = {}  # the first figure listed for each key
    for found in others.itertuples(index=False):
        key = (found.indicator, found.measure, found.geo, found.status)
        first.setdefault(key, (float(found.value), str(found.quality)))
    for row in city_targets.itertuples(index=False):

        def pick(geo: str, status: str) -> tuple[float, str | None]:
            return first.get((row.indicator, row.measure, geo, status), (math.nan, None))

        china_t, china_tq = pick("china", "target")
        henan_t, henan_tq = pick("henan", "target")
        if pd.isna(china_t) and pd.isna(henan_t):
            continue
        china_a, china_q = pick("china", "actual")
        henan_a, henan_q = pick("henan", "actual")
        city_a, city_q = pick("zhengzhou", "actual")
        ladder = [v for v in (china_t, henan_t, row.value) if not pd.isna(v)]
        sign = -1 if row.direction == "down" else 1  # a ceiling: lower is more ambitious
        higher = all(sign * (low - high) > 0 for high, low in zip(ladder, ladder[1:], strict=False))
        top_t = china_t if not pd.isna(china_t) else henan_t
        top_a = china_a if not pd.isna(china_t) else henan_a
        target_premium = row.value - top_t
        outcome_premium = city_a - top_a

        def premium(geo: str):
            key = (row.indicator, row.measure, geo)
            return premiums.loc[key] if key in premiums.index else None

        records.append(
            {
                **naming(row),
                "china_target": china_t,
                "china_target_quality": china_tq,
                "henan_target": henan_t,
                "henan_target_quality": henan_tq,
                "zhengzhou_target": row.value,
                "higher_each_level": higher,
                "n_levels": len(ladder),
                "amplification_vs_henan": (
                    _amplification(premium("henan"), dates, "henan")
                    if not pd.isna(henan_t)
                    else None
                ),
                "amplification_vs_china": (
                    _amplification(premium("china"), dates, "china")
                    if not pd.isna(china_t)
                    else None
                ),
                "china_actual": china_a,
                "china_quality": china_q,
                "henan_actual": henan_a,
                "henan_quality": henan_q,
                "zhengzhou_actual": city_a,
                "zhengzhou_quality": city_q,
                "target_premium": target_premium,
                "outcome_premium": outcome_premium,
                "falls_back": (
                    bool(sign * outcome_premium < sign * target_premium)
                    if not pd.isna(outcome_premium)
                    else None
                ),
            }
        )
    result = pd.DataFrame.from_records(records)
    result["falls_back"] = result["falls_back"].astype("boolean")
    return sort_in_report_order(result, report)


@memo.on_data
def rest_of_henan(year: int = TARGET_YEAR) -> pd.DataFrame:
    """The growth the rest of Henan (the province without Zhengzhou) would need for Henan to
    meet its ``year`` GDP target if Zhengzhou met its own, against what the rest of Henan
    achieved.

    With Zhengzhou's share ``s`` of Henan's GDP (the city's level over the province's, both
    from the register, converted with ``units.convert``), Henan's growth ≈ s × Zhengzhou's +
    (1 − s) × the rest's, so the rest's = (Henan's − s × Zhengzhou's) / (1 − s). Rows:
    ``needed`` (the targets of ``year``, with the shares of ``year`` − 1) and ``achieved`` in
    ``year`` − 1 and ``year`` (each year with its own shares). Every figure is derived, shown
    with its ``derivation``. Caveat: exact weights are the previous year's shares at constant
    prices; the current-year nominal shares used here are an approximation, and Henan's 2024
    figures come from a low-quality source (``quality``).
    """
    report, external = load_indicators(), load_external()
    full = external[(external["period"] == "year") & (external["indicator"] == "gdp")]

    def get(geo: str, y: int, status: str, measure: str):
        if geo == "zhengzhou" and measure == "growth":
            own = report[
                (report["indicator"] == "gdp")
                & (report["year"] == y)
                & (report["status"] == status)
                & (report["measure"] == "growth")
            ]
            if len(own):
                return float(own["value"].iloc[0]), "primary", "", "exact"
        match = full[
            (full["geo"] == geo)
            & (full["year"] == y)
            & (full["status"] == status)
            & (full["measure"] == measure)
        ]
        if match.empty:
            return math.nan, None, "", ""
        r = match.iloc[0]
        return float(r["value"]), str(r["quality"]), str(r["unit"]), str(r["bound"])

    def share(y: int):
        city, cq, cu, _ = get("zhengzhou", y, "actual", "flow")
        prov, pq, pu, pb = get("henan", y, "actual", "flow")
        if pd.isna(city) or pd.isna(prov):
            return math.nan, None, {}
        value = convert(city, cu, "亿元") / convert(prov, pu, "亿元")
        worst = max((q for q in (cq, pq) if q), key=quality_rank)
        return (
            value,
            worst,
            {
                "share_city": city,
                "share_city_unit": cu,
                "share_province": prov,
                "share_province_unit": pu,
                "share_province_floor": pb == "at_least",
            },
        )

    rows = []
    for kind, y, status in (
        ("needed", year, "target"),
        ("achieved", year - 1, "actual"),
        ("achieved", year, "actual"),
    ):
        s_year = year - 1 if kind == "needed" else y
        s, s_quality, s_facts = share(s_year)
        henan, hq, _, _ = get("henan", y, status, "growth")
        city, zq, _, _ = get("zhengzhou", y, status, "growth")
        rest = (henan - s * city) / (1 - s) if not pd.isna(s) else math.nan
        grades = [q for q in (s_quality, hq, zq) if q]
        rows.append(
            {
                "kind": kind,
                "year": y,
                "henan_growth": henan,
                "zhengzhou_growth": city,
                "zhengzhou_share": s * 100,
                "rest_growth": rest,
                "quality": max(grades, key=quality_rank) if grades else None,
                "derivation": f"({henan:g} − {s:.4f} × {city:g}) / (1 − {s:.4f})",
                "share_year": s_year,
                **{
                    "share_city": math.nan,
                    "share_city_unit": "",
                    "share_province": math.nan,
                    "share_province_unit": "",
                    "share_province_floor": False,
                    **s_facts,
                },
            }
        )
    return pd.DataFrame.from_records(rows)


@memo.on_data
def gdp_history() -> pd.DataFrame:
    """GDP growth targets and results for Zhengzhou, Henan and China, one row per figure.

    Zhengzhou's 2023 result and 2024 target come from the report; everything else from the
    external register, with its ``quality``. Sorted by place (China, Henan, Zhengzhou), year,
    status. Caveat: the 2022 Zhengzhou result was revised from about 2% to 1.0% (see ``note``).
    """
    report, external = load_indicators(), load_external()
    rows = []
    city = report[(report["indicator"] == "gdp") & (report["measure"] == "growth")]
    for row in city.itertuples(index=False):
        rows.append(
            {
                "geo": "zhengzhou",
                "year": int(row.year),
                "status": str(row.status),
                "value": row.value,
                "bound": str(row.bound),
                "quality": "primary",
                "note": row.note,
            }
        )
    have = {(r["geo"], r["year"], r["status"]) for r in rows}
    gdp = external[
        (external["indicator"] == "gdp")
        & (external["measure"] == "growth")
        & (external["period"] == "year")
        & external["geo"].isin(["china", "henan", "zhengzhou"])
    ]
    for row in gdp.itertuples(index=False):
        key = (str(row.geo), int(row.year), str(row.status))
        if key not in have:
            rows.append(
                {
                    "geo": key[0],
                    "year": key[1],
                    "status": key[2],
                    "value": row.value,
                    "bound": str(row.bound),
                    "quality": str(row.quality),
                    "note": row.note,
                }
            )
    result = pd.DataFrame.from_records(rows)
    result["geo"] = pd.Categorical(
        result["geo"], categories=["china", "henan", "zhengzhou"], ordered=True
    )
    return result.sort_values(["geo", "year", "status"], kind="stable").reset_index(drop=True)
