"""Do the report's figures agree with each other? Identities, claims and implications checked
against the data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from zzreport.data.load import load_external, load_indicators
from zzreport.data.units import convert
from zzreport.findings.frames import ACTUAL_YEAR, TARGET_YEAR, growth_pct, implied_previous, lookup
from zzreport.findings.rd import rd_facts

#: The kinds of check, in the order tables show them. Only the first three can fail:
#: ``identity`` — arithmetic between figures the report states together (a part cannot
#: exceed its whole); ``claim`` — a claim the report makes, tested against an outside figure;
#: ``article_error`` — the newspaper's wording against the report's figures; ``implication``
#: — what the figures imply, shown without a verdict.
CHECK_KINDS: tuple[str, ...] = ("identity", "claim", "article_error", "implication")


@dataclass(frozen=True)
class Check:
    """One check between figures the report states (``holds`` is None for an implication).

    ``check`` is a slug: its name is ``check_name.<slug>`` in ``words.toml`` and its explanation the
    passage ``check_explanation`` in ``templates/prose``, both filled from ``facts`` — the numbers
    and slugs the explanation states (``tables.check_name``, ``tables.check_explanation``)."""

    check: str
    kind: str
    section: str
    expected: float
    found: float
    unit: str
    holds: bool | None
    facts: dict[str, object]

    def record(self) -> dict[str, object]:
        return dict(self.__dict__)


def _checks(frame: pd.DataFrame) -> list[Check]:
    def v(indicator: str, measure: str, status: str = "actual") -> float:
        year = ACTUAL_YEAR if status == "actual" else TARGET_YEAR
        return lookup(frame, indicator, year, status, measure)

    checks = []
    # --- identities: a part never exceeds its whole.
    for year, status in ((ACTUAL_YEAR, "actual"), (TARGET_YEAR, "target")):
        nev, cars = v("nev_output", "flow", status), v("vehicle_output", "flow", status)
        checks.append(
            Check(
                "nev_within_vehicles",
                "identity",
                "industry",
                cars,
                nev,
                "万辆",
                nev <= cars,
                {
                    "year": year,
                    "status": status,
                    "nev": nev,
                    "cars": cars,
                    "share": nev / cars * 100,
                },
            )
        )
    total, year = v("graduates_retained_two_year_total", "flow"), v("graduates_retained", "flow")
    checks.append(
        Check(
            "graduates_two_years",
            "identity",
            "stability",
            year,
            total,
            "万人",
            total >= year,
            {"total": total, "in_2023": year, "before": total - year},
        )
    )
    total, added = v("provincial_labs", "stock"), v("new_provincial_labs", "flow")
    checks.append(
        Check(
            "provincial_labs",
            "identity",
            "innovation",
            added,
            total,
            "家",
            total >= added,
            {"added": added, "total": total, "before": total - added},
        )
    )
    total, added = v("national_key_labs", "stock"), v("new_national_key_labs", "flow")
    checks.append(
        Check(
            "national_key_labs",
            "identity",
            "innovation",
            added,
            total,
            "家",
            total >= added,
            {"added": added, "total": total, "before": total - added},
        )
    )
    for key, part, whole, measure, section, unit, year in (
        (
            "little_giants_subset",
            "little_giant_enterprises",
            "specialised_smes",
            "stock",
            "industry",
            "家",
            ACTUAL_YEAR,
        ),
        (
            "industrial_projects_subset",
            "industrial_projects",
            "planned_projects",
            "flow",
            "consumption",
            "个",
            TARGET_YEAR,
        ),
    ):
        status = "actual" if year == ACTUAL_YEAR else "target"
        part_v, whole_v = v(part, measure, status), v(whole, measure, status)
        checks.append(
            Check(
                key,
                "identity",
                section,
                whole_v,
                part_v,
                unit,
                part_v <= whole_v,
                {"part": part_v, "whole": whole_v, "share": part_v / whole_v * 100},
            )
        )
    # --- the report's own claims.
    checks.extend(_claims(frame))
    # --- errors in the article: the headline gives the total as the number newly formed.
    new, stock = v("new_national_key_labs", "flow"), v("national_key_labs", "stock")
    checks.append(
        Check(
            "headline_key_labs",
            "article_error",
            "innovation",
            new,
            stock,
            "家",
            bool(stock == new),
            {"new": new, "total": stock},
        )
    )
    # --- implications: no verdict.
    base, floor, level = (
        v("industrial_investment", "flow"),
        v("industrial_investment", "growth", "target"),
        v("industrial_investment", "flow", "target"),
    )
    needed = base * (1 + floor / 100)
    checks.append(
        Check(
            "industrial_investment_binds",
            "implication",
            "consumption",
            needed,
            level,
            "亿元",
            None,
            {
                "floor": floor,
                "base": base,
                "needed": needed,
                "level": level,
                "level_growth": growth_pct(level, base),
                "binding": "level" if level > needed else "growth_floor",
            },
        )
    )
    share_2023 = v("nev_output", "flow") / v("vehicle_output", "flow") * 100
    share_2024 = v("nev_output", "flow", "target") / v("vehicle_output", "flow", "target") * 100
    checks.append(
        Check(
            "nev_share",
            "implication",
            "industry",
            share_2023,
            share_2024,
            "%",
            None,
            {"share_2023": share_2023, "share_2024": share_2024},
        )
    )
    cluster, cars = v("auto_cluster_size", "flow", "target"), v("vehicle_output", "flow", "target")
    per_vehicle = convert(cluster, "亿元", "万元") / convert(cars, "万辆", "辆")
    checks.append(
        Check(
            "auto_value_per_vehicle",
            "implication",
            "industry",
            math.nan,
            per_vehicle,
            "万元/辆",
            None,
            {
                "cluster": cluster,
                "cars": cars,
                "per_vehicle": per_vehicle,
                "volume_growth": growth_pct(cars, v("vehicle_output", "flow")),
                "value_floor": v("auto_industry_output", "growth", "target"),
            },
        )
    )
    for cluster_id, growth, name in (
        (
            "electronic_information_cluster_size",
            "electronic_information_output",
            "electronic_information",
        ),
        ("auto_cluster_size", "auto_industry_output", "automobile"),
    ):
        size, rise = v(cluster_id, "flow", "target"), v(growth, "growth", "target")
        implied = implied_previous(size, rise)
        checks.append(
            Check(
                "cluster_base",
                "implication",
                "industry",
                implied,
                math.nan,
                "亿元",
                None,
                {"cluster": name, "size": size, "rise": rise, "implied": implied},
            )
        )
    passengers, target = v("airport_passengers", "flow"), v("airport_passengers", "flow", "target")
    checks.append(
        Check(
            "airport_rebound",
            "implication",
            "opening_up",
            passengers,
            target,
            "万人次",
            None,
            {
                "growth_2023": v("airport_passengers", "growth"),
                "target": target,
                "asks": growth_pct(target, passengers),
            },
        )
    )
    leading, industry = (
        v("leading_industries_value_added", "growth"),
        v("industrial_value_added", "growth"),
    )
    share = v("leading_industries_share", "share")
    share_2022 = share * (1 + industry / 100) / (1 + leading / 100)
    checks.append(
        Check(
            "leading_share_2022",
            "implication",
            "industry",
            share_2022,
            share,
            "%",
            None,
            {"leading": leading, "industry": industry, "share": share, "share_2022": share_2022},
        )
    )
    return checks


#: The report's claim about R&D intensity (its wording, matched in the sources' quotes), and
#: the outside figure it is tested against.
RD_CLAIM = "连续两年超全国平均水平"


def _claims(frame: pd.DataFrame) -> list[Check]:
    """The report's claims that an outside figure can test. 连续两年超全国平均水平 is said of an
    intensity that is most likely 2022's (``rd.rd_facts``), so it is tested against China's
    2022 figure; the earlier of the two years has no national figure in the register."""
    external = load_external()
    facts = rd_facts()
    if (
        math.isnan(facts.china_2022)
        or math.isnan(facts.intensity_2022)
        or RD_CLAIM
        not in " ".join(
            external.loc[
                (external["geo"] == "zhengzhou") & (external["indicator"] == "rd_intensity"),
                "quote",
            ]
        )
    ):
        return []
    return [
        Check(
            "rd_claim",
            "claim",
            "stability",
            facts.china_2022,
            facts.intensity_2022,
            "%",
            bool(facts.above_china_2022),
            {
                "claim": RD_CLAIM,
                "city": facts.report_intensity,
                "city_2022": facts.intensity_2022,
                "spending": facts.spending_2022,
                "gdp": facts.gdp_2022,
                "nation": facts.china_2022,
                "grade": facts.china_2022_quality,
            },
        )
    ]


def consistency_checks() -> pd.DataFrame:
    """Checks between the report's figures, grouped by ``kind`` (``CHECK_KINDS``).

    Each row has ``check`` (a slug), ``kind``, ``expected`` (what the other figures imply),
    ``found`` (what the report says), ``holds`` and the ``facts`` its explanation states
    (``tables.check_name`` and ``tables.check_explanation`` put them in words). ``holds``
    is True or False for identities, claims and article errors, which can fail, and missing
    for implications, which cannot. Sorted by kind, then theme. Caveat: rounding in the stated
    figures can move a derived value by a few tenths.
    """
    frame = load_indicators()
    result = pd.DataFrame.from_records([c.record() for c in _checks(frame)])
    result["holds"] = result["holds"].astype("boolean")
    result["kind"] = pd.Categorical(result["kind"], categories=list(CHECK_KINDS), ordered=True)
    result["section"] = pd.Categorical(
        result["section"], categories=frame["section"].cat.categories, ordered=True
    )
    return result.sort_values(["kind", "section"], kind="stable").reset_index(drop=True)
