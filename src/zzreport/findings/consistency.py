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


@dataclass(frozen=True)
class Identity:
    """A part that can never exceed its whole, both stated by the report: a sanity check of the
    extraction more than a finding (it can hardly fail). ``part`` and ``whole`` are
    (indicator, measure, status) of the report's figures for the year of ``status``."""

    check: str
    section: str
    part: tuple[str, str, str]
    whole: tuple[str, str, str]
    unit: str


#: The identities, as data: a new one is a line here and its words in the templates.
IDENTITIES: tuple[Identity, ...] = (
    Identity(
        "nev_within_vehicles",
        "industry",
        ("nev_output", "flow", "actual"),
        ("vehicle_output", "flow", "actual"),
        "万辆",
    ),
    Identity(
        "nev_within_vehicles",
        "industry",
        ("nev_output", "flow", "target"),
        ("vehicle_output", "flow", "target"),
        "万辆",
    ),
    Identity(
        "graduates_two_years",
        "stability",
        ("graduates_retained", "flow", "actual"),
        ("graduates_retained_two_year_total", "flow", "actual"),
        "万人",
    ),
    Identity(
        "provincial_labs",
        "innovation",
        ("new_provincial_labs", "flow", "actual"),
        ("provincial_labs", "stock", "actual"),
        "家",
    ),
    Identity(
        "national_key_labs",
        "innovation",
        ("new_national_key_labs", "flow", "actual"),
        ("national_key_labs", "stock", "actual"),
        "家",
    ),
    Identity(
        "little_giants_subset",
        "industry",
        ("little_giant_enterprises", "stock", "actual"),
        ("specialised_smes", "stock", "actual"),
        "家",
    ),
    Identity(
        "industrial_projects_subset",
        "consumption",
        ("industrial_projects", "flow", "target"),
        ("planned_projects", "flow", "target"),
        "个",
    ),
)


def _identity(frame: pd.DataFrame, identity: Identity) -> Check:
    def value(key: tuple[str, str, str]) -> float:
        indicator, measure, status = key
        year = ACTUAL_YEAR if status == "actual" else TARGET_YEAR
        return lookup(frame, indicator, year, status, measure)

    part, whole = value(identity.part), value(identity.whole)
    status = identity.part[2]
    return Check(
        identity.check,
        "identity",
        identity.section,
        whole,
        part,
        identity.unit,
        part <= whole,
        {
            "part": part,
            "whole": whole,
            "rest": whole - part,
            "share": part / whole * 100,
            "status": status,
            "year": ACTUAL_YEAR if status == "actual" else TARGET_YEAR,
        },
    )


def _checks(frame: pd.DataFrame) -> list[Check]:
    def v(indicator: str, measure: str, status: str = "actual") -> float:
        year = ACTUAL_YEAR if status == "actual" else TARGET_YEAR
        return lookup(frame, indicator, year, status, measure)

    checks = [_identity(frame, identity) for identity in IDENTITIES]
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
    2022 figure; the earlier of the two years has no national figure in the register, so a
    claim of two years rests on one: it gets no verdict (``holds`` None, *cannot tell*), and
    the 2022 half is stated as a fact (``holds_2022``)."""
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
            None,  # two years claimed, one testable
            {
                "holds_2022": bool(facts.above_china_2022),
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


@dataclass(frozen=True)
class ChecksFacts:
    """The checks counted by what they can show (notebook 04): ``tests`` that can fail and say
    something (the report's claims against outside figures, the article's errors) and how many
    hold; ``untold``, claims of that kind that the figures cannot settle (no verdict);
    ``identities``, sanity checks that can hardly fail, and how many hold; and
    ``implications``, which carry no verdict."""

    tests: int
    tests_hold: int
    untold: int
    identities: int
    identities_hold: int
    implications: int


def checks_facts(checks: pd.DataFrame | None = None) -> ChecksFacts:
    """Count ``consistency_checks()`` (or ``checks``) by kind."""
    checks = consistency_checks() if checks is None else checks
    testable = checks[checks["kind"].isin(["claim", "article_error"])]
    tests = testable[testable["holds"].notna()]
    identities = checks[checks["kind"] == "identity"]
    return ChecksFacts(
        tests=len(tests),
        tests_hold=int(tests["holds"].astype(bool).sum()),
        untold=int(testable["holds"].isna().sum()),
        identities=len(identities),
        identities_hold=int(identities["holds"].astype(bool).sum()),
        implications=int((checks["kind"] == "implication").sum()),
    )
