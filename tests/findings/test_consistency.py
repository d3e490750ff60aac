"""The consistency checks, against figures read from the report's text."""

from __future__ import annotations

import pandas as pd
import pytest

import zzreport
from tests.findings.support import external_rows, stated
from zzreport.findings.consistency import CHECK_KINDS


def test_nev_within_vehicles_in_both_years() -> None:
    for year, nev_pattern, car_pattern in (
        (2023, r"新能源汽车([\d.]+)万辆", r"汽车产量(\d+)万辆"),
        (2024, r"新能源汽车产量超(\d+)万辆", r"汽车产量突破(\d+)万辆"),
    ):
        result = check(f"New-energy vehicles within vehicle output, {year}")
        assert result["kind"] == "identity"
        assert result["found"] == stated(nev_pattern)
        assert result["expected"] == stated(car_pattern)
        assert bool(result["holds"]) == (stated(nev_pattern) <= stated(car_pattern))


def test_industrial_investment_says_which_floor_binds() -> None:
    result = check("Industrial investment")
    base = stated(r"工业投资完成([\d.]+)亿元")
    needed = base * (1 + stated(r"工业投资增长(\d+)%以上") / 100)
    assert result["expected"] == pytest.approx(needed)
    assert result["found"] == stated(r"完成(1300)亿元")
    assert result["kind"] == "implication" and pd.isna(result["holds"])
    assert ("the level is the stricter" in result["explanation"]) == (needed < 1300)


def test_rd_claim_is_tested_as_2022s_against_chinas_2022_figure() -> None:
    """The report's "2023" 2.67% is 2022 spending over 2022 GDP, so the claim of two years
    above the national average is tested for 2022, against China's 2022 figure; a claim of
    two years resting on one gets no verdict."""
    result = check("R&D intensity above the national average")
    assert result["kind"] == "claim"

    def raw(geo: str, indicator: str, year: str) -> float:
        return next(
            float(r["value"])
            for r in external_rows()
            if (r["geo"], r["indicator"], r["year"], r["status"])
            == (geo, indicator, year, "actual")
            and r["period"] == "year"
            and (r["measure"] == "flow") == (indicator != "rd_intensity")
        )

    spending, gdp = raw("zhengzhou", "rd_spending", "2022"), raw("zhengzhou", "gdp", "2022")
    city_2022 = spending / gdp * 100
    assert round(city_2022, 2) == stated(r"研发投入强度达到(2\.\d\d)%")
    china = raw("china", "rd_intensity", "2022")
    assert result["expected"] == china and result["found"] == pytest.approx(city_2022)
    assert result["facts"]["holds_2022"] == (city_2022 > china)
    assert pd.isna(result["holds"])  # the year before has no national figure in the register
    assert not [
        r
        for r in external_rows()
        if (r["geo"], r["indicator"], r["year"]) == ("china", "rd_intensity", "2021")
    ]


def test_cluster_base_has_no_verdict() -> None:
    result = check("Electronic information cluster")
    assert result["expected"] == pytest.approx(
        stated(r"集群规模达到(7000)亿元") / (1 + stated(r"产值增长(5)%以上") / 100)
    )
    assert pd.isna(result["holds"])


def test_headline_error_is_the_articles() -> None:
    result = check("Headline")
    assert result["kind"] == "article_error"
    assert pd.notna(result["holds"]) and not result["holds"]
    assert result["expected"] == stated(r"新组建全国重点实验室(\d+)家")


def check(name: str) -> pd.Series:
    """The check whose English name starts with ``name``, with its ``explanation`` in English."""
    from zzreport.display import tables

    frame = zzreport.consistency_checks()
    names = frame.apply(lambda r: tables.check_name(r, "en"), axis=1)
    match = frame[names.str.startswith(name)]
    assert len(match) == 1, name
    found = match.iloc[0].copy()
    found["explanation"] = tables.check_explanation(found, "en")
    return found


def test_consistency_columns() -> None:
    frame = zzreport.consistency_checks()
    assert {"check", "kind", "expected", "found", "holds", "facts"} <= set(frame.columns)
    assert set(frame["kind"]) <= set(CHECK_KINDS)
    # Implications never carry a verdict; identities always do; a claim or an article error
    # does unless the figures cannot settle it (the R&D claim of two years, one testable).
    implications = frame[frame["kind"] == "implication"]
    assert implications["holds"].isna().all()
    assert frame.loc[frame["kind"] == "identity", "holds"].notna().all()
    untold = frame[(frame["kind"] != "implication") & frame["holds"].isna()]
    assert set(untold["check"]) <= {"rd_claim"}


def test_non_claims_are_no_longer_checks() -> None:
    names = " ".join(zzreport.consistency_checks()["check"])
    assert "Income" not in names and "Key-project" not in names


def test_identities_are_counted_apart_from_the_tests_that_can_show_something() -> None:
    from zzreport.findings.consistency import IDENTITIES, checks_facts

    checks = zzreport.consistency_checks()
    facts = checks_facts(checks)
    assert facts.identities == len(IDENTITIES) == int((checks["kind"] == "identity").sum())
    testable = checks[checks["kind"].isin(["claim", "article_error"])]
    tests = testable[testable["holds"].notna()]
    assert facts.tests == len(tests) and facts.tests_hold == int(tests["holds"].sum())
    assert facts.untold == len(testable) - len(tests)
    assert facts.implications == int((checks["kind"] == "implication").sum())


def test_a_made_up_part_above_its_whole_fails_its_identity() -> None:
    import pandas as pd

    from zzreport.findings.consistency import Identity, _identity

    frame = pd.DataFrame(
        {
            "indicator": ["a", "b"],
            "year": [2023, 2023],
            "status": ["actual", "actual"],
            "measure": ["flow", "flow"],
            "value": [5.0, 3.0],
            "section": ["industry", "industry"],
        }
    )
    check = _identity(
        frame, Identity("x", "industry", ("a", "flow", "actual"), ("b", "flow", "actual"), "个")
    )
    assert check.holds is False and check.facts["rest"] == -2.0
