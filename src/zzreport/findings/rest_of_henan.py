"""What Henan's shortfall against its GDP growth target came from: Zhengzhou, or the rest of
the province. The rest's growth is derived from the province's and the city's, weighted by the
city's share of the province's nominal GDP in the year before (or the same year where the
register lacks the earlier levels), and named as derived."""

from __future__ import annotations

import math

import pandas as pd

from zzreport.data import memo
from zzreport.data.load import load_external, load_indicators
from zzreport.data.units import convert
from zzreport.findings.frames import ACTUAL_YEAR, TARGET_YEAR
from zzreport.findings.peers import CITY, INDICATOR, gdp_panel
from zzreport.findings.sources import judgeable, quality_rank

#: The years whose shortfall ``rest_of_henan`` decomposes.
REST_YEARS: tuple[int, ...] = (ACTUAL_YEAR, TARGET_YEAR)


def _levels(external: pd.DataFrame) -> dict[tuple[str, int], pd.Series]:
    """The GDP level (nominal, current prices) that may weigh each place-year: the
    best-graded exact figure, where a source better than low states it."""
    rows = external[
        (external["indicator"] == INDICATOR)
        & (external["measure"] == "flow")
        & (external["period"] == "year")
        & (external["status"] == "actual")
    ]
    levels = {}
    for (geo, year), group in rows.groupby(["geo", "year"], observed=True):
        usable = group[(group["bound"].astype(str) == "exact")]
        if usable.empty or not judgeable(usable):
            continue
        usable = usable[usable["quality"].astype(str) != "low"]
        best = min((r for _, r in usable.iterrows()), key=lambda r: quality_rank(r["quality"]))
        levels[(str(geo), int(year))] = best
    return levels


def rest_of_henan_of(
    years: tuple[int, ...], external: pd.DataFrame, report: pd.DataFrame
) -> pd.DataFrame:
    """``rest_of_henan`` for ``years`` from the given tables (a test passes made-up ones)."""
    panel = gdp_panel(
        tuple(years), geos=(CITY, "henan"), external=external, report=report, complete=True
    )
    by = panel.set_index(["geo", "year"])
    levels = _levels(external)
    rows = []
    for year in years:
        city, henan = by.loc[(CITY, int(year))], by.loc[("henan", int(year))]
        weight_year = next(
            (
                y
                for y in (int(year) - 1, int(year))
                if (CITY, y) in levels and ("henan", y) in levels
            ),
            None,
        )
        record: dict[str, object] = {
            "year": int(year),
            "weight_year": weight_year,
            "weight_basis": "nominal",
        }
        if weight_year is None:
            w = math.nan
            record.update(
                city_level=math.nan,
                city_level_unit="",
                city_level_grade=None,
                province_level=math.nan,
                province_level_unit="",
                province_level_grade=None,
            )
        else:
            c, p = levels[(CITY, weight_year)], levels[("henan", weight_year)]
            w = convert(float(c["value"]), str(c["unit"]), "亿元") / convert(
                float(p["value"]), str(p["unit"]), "亿元"
            )
            record.update(
                city_level=float(c["value"]),
                city_level_unit=str(c["unit"]),
                city_level_grade=str(c["quality"]),
                province_level=float(p["value"]),
                province_level_unit=str(p["unit"]),
                province_level_grade=str(p["quality"]),
            )
        t_h, g_h = henan["target"], henan["result"] if henan["judged"] else math.nan
        t_z, g_z = city["target"], city["result"] if city["judged"] else math.nan
        rest = (g_h - w * g_z) / (1 - w)
        for geo, figures in ((CITY, city), ("henan", henan)):
            for column in (
                "target",
                "bound",
                "target_grade",
                "result",
                "release",
                "grade",
                "derivation",
                "verdict",
            ):
                record[f"{geo}_{column}"] = figures[column]
        record.update(
            weight=w,
            rest_result=rest,
            rest_needed=(t_h - w * t_z) / (1 - w),
            shortfall=t_h - g_h,
            city_contribution=w * (t_h - g_z),
            rest_contribution=(1 - w) * (t_h - rest),
        )
        grades = [
            str(g)
            for g in (
                record["city_level_grade"],
                record["province_level_grade"],
                henan["grade"],
                city["grade"],
            )
            if g is not None and not pd.isna(g)
        ]
        record["grade"] = max(grades, key=quality_rank) if grades else None
        rows.append(record)
    return pd.DataFrame.from_records(rows)


@memo.on_data
def rest_of_henan(years: tuple[int, ...] = REST_YEARS) -> pd.DataFrame:
    """What Henan's shortfall against its GDP target came from: Zhengzhou, or the rest of the
    province. One row per year of ``years``.

    With Zhengzhou's weight ``w`` in Henan's GDP, Henan's growth is g_h = w·g_z +
    (1 − w)·g_rest, so the rest's growth is g_rest = (g_h − w·g_z) / (1 − w) (derived) and
    Henan's shortfall splits exactly into the two contributions
    T_h − g_h = w·(T_h − g_z) + (1 − w)·(T_h − g_rest) (``shortfall``,
    ``city_contribution``, ``rest_contribution``; positive: short of Henan's target).
    ``rest_needed`` is the rest's growth Henan's target needed had Zhengzhou met its own.
    The weight is the city's GDP level over the province's, both nominal (current prices),
    from the register: the previous year's levels, which weigh a year's growth, where both
    are stated by a source better than low, else the year's own (``weight_year``,
    ``weight_basis``, the levels with their units and grades). The results are the headline
    releases of ``peers.gdp_panel``; a result only low-grade pages state is not used (NaN).
    Without a Henan target for a year (the register has none for 2023) there is no shortfall
    to split. Caveat: the exact weight is the previous year's share at constant prices, and
    the province's level is rounded (5.91 trillion), so the split is approximate.
    """
    return rest_of_henan_of(tuple(years), load_external(), load_indicators())
