"""The premium record, amplification read against it and the 2024 ladder:
each rule on made-up figures where every number is known, then the real cases against
expectations read from the raw register with the csv module."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tests.findings.made_up import NO_REPORT, figure, register
from tests.findings.support import externals, raw_gdp, raw_result, raw_target, row, stated
from tests.helpers import assert_caller_cannot_corrupt
from zzreport.findings import hierarchy
from zzreport.findings.feasibility import SIMILAR_BAND_PP
from zzreport.findings.frames import MIN_CASES
from zzreport.findings.hierarchy import (
    PANDEMIC_YEARS,
    amplification_facts,
    gdp_history,
    premium_record,
    record_of,
    target_ladder,
)

# --- made-up records -------------------------------------------------------------------------


def three_levels(year: int, city: tuple, henan: tuple, china: tuple, **china_fields) -> list:
    """Targets and results (first releases, official) for the three levels in one year."""
    rows = []
    for geo, (target, result) in (("zhengzhou", city), ("henan", henan), ("china", china)):
        if target is not None:
            rows.append(
                figure(geo, year, "target", target, **(china_fields if geo == "china" else {}))
            )
        if result is not None:
            rows.append(figure(geo, year, "actual", result))
    return rows


def test_a_premium_over_a_range_target_uses_the_band_midpoint() -> None:
    made_up = register(
        figure("zhengzhou", 2019, "target", 8.0, bound="about", direction="two_sided"),
        figure("zhengzhou", 2019, "actual", 7.0),
        figure("china", 2019, "target", 6.0, bound="at_least", note="range target 6%–6.5%"),
        figure(
            "china",
            2019,
            "target",
            6.5,
            bound="at_most",
            direction="down",
            note="range target 6%–6.5%",
            source_url="https://example.org/china/2019/target/6.0",
        ),
        figure("china", 2019, "actual", 6.1),
    )
    record = record_of((2019,), made_up, NO_REPORT).iloc[0]
    assert record["china_bound"] == "range"
    assert record["target_premium_china"] == pytest.approx(8.0 - (6.0 + 6.5) / 2)
    assert record["delivered_premium_china"] == pytest.approx(7.0 - 6.1)
    assert record["china_verdict"] == "met"
    assert record["counted_china"] and not record["counted_henan"]
    assert (record["left_out_henan"], record["left_out_geo_henan"]) == ("no_target", "henan")


def test_a_premium_over_a_floor_result_is_a_bound_and_enters_no_mean() -> None:
    made_up = register(
        figure("zhengzhou", 2021, "target", 7.5),
        figure("zhengzhou", 2021, "actual", 5.0),
        figure("henan", 2021, "target", 7.0),
        figure("henan", 2021, "actual", 6.0, bound="at_least"),
    )
    record = record_of((2021,), made_up, NO_REPORT).iloc[0]
    assert record["delivered_premium_henan"] == pytest.approx(-1.0)
    assert record["delivered_bound_henan"] == "at_most"  # the province grew at least 6
    assert record["left_out_henan"] == "bounded_result"


def test_a_low_grade_result_enters_no_premium_mean() -> None:
    made_up = register(
        *three_levels(2023, (7, 7.4), (6, 4.1), (5, 5.2)),
        figure("zhengzhou", 2024, "target", 7),
        figure("zhengzhou", 2024, "actual", 5.7, quality="low"),
        figure("china", 2024, "target", 5),
        figure("china", 2024, "actual", 5.0),
    )
    record = record_of((2023, 2024), made_up, NO_REPORT).set_index("year")
    assert record.loc[2023, "counted_china"]
    assert record.loc[2024, "left_out_china"] == "low_grade_only"
    assert record.loc[2024, "delivered_premium_china"] == pytest.approx(0.7)  # shown all the same


def _made_up_record(n_years: int) -> pd.DataFrame:
    """``n_years`` years from 2019 with the city's premium over China known: target premium
    2 pp, delivered 1 pp − 0.5 pp a year; 2020 and 2022 (pandemic years) delivered −3 pp."""
    rows = []
    for year in range(2019, 2019 + n_years):
        delivered = -3.0 if year in PANDEMIC_YEARS else 1.0 - 0.5 * (year - 2019)
        rows += three_levels(year, (7.0, 5.0 + delivered), (None, None), (5.0, 5.0))
    return record_of(tuple(range(2019, 2019 + n_years)), register(*rows), NO_REPORT)


def test_amplification_is_read_over_enough_years_with_the_pandemic_in_and_out() -> None:
    facts = amplification_facts(record=_made_up_record(7))
    by = {(w.other, w.pandemic_in): w for w in facts.windows}
    everything, calm = by[("china", True)], by[("china", False)]
    delivered = {2019: 1.0, 2020: -3.0, 2021: 0.0, 2022: -3.0, 2023: -1.0, 2024: -1.5, 2025: -2.0}
    assert everything.years == tuple(range(2019, 2026)) and everything.n == 7
    assert everything.target_premium == pytest.approx(2.0)
    assert everything.delivered_premium == pytest.approx(sum(delivered.values()) / 7)
    quiet = [v for y, v in delivered.items() if y not in PANDEMIC_YEARS]
    assert calm.years == (2019, 2021, 2023, 2024, 2025)
    assert calm.delivered_premium == pytest.approx(sum(quiet) / len(quiet))
    assert calm.excess == pytest.approx(2.0 - sum(quiet) / len(quiet))
    assert calm.reading == ("asks_more" if calm.excess > SIMILAR_BAND_PP else "in_line")
    henan = by[("henan", True)]
    assert henan.n == 0 and not henan.enough and math.isnan(henan.target_premium)
    assert {(x.other, x.year, x.reason) for x in facts.left_out if x.other == "henan"} == {
        ("henan", y, "no_target") for y in range(2019, 2026)
    }


@pytest.mark.parametrize("n_years, enough", [(MIN_CASES - 1, False), (MIN_CASES, True)])
def test_no_mean_premium_from_fewer_than_three_years(n_years, enough) -> None:
    (window,) = [
        w
        for w in amplification_facts(record=_made_up_record(n_years)).windows
        if w.other == "china" and w.pandemic_in
    ]
    assert window.enough is enough and window.n == n_years
    assert math.isnan(window.delivered_premium) is not enough
    assert len(window.cases) == n_years  # below the threshold the cases are listed


# --- the real record ---------------------------------------------------------------------------


def test_the_premium_record_against_the_raw_register() -> None:
    record = premium_record().set_index("year")
    assert list(record.index) == list(range(2019, 2026))
    for year in record.index:
        for other in ("henan", "china"):
            expected = raw_target("zhengzhou", year) - raw_target(other, year)
            got = record.loc[year, f"target_premium_{other}"]
            assert (math.isnan(expected) and pd.isna(got)) or got == pytest.approx(expected)
            delivered = raw_result("zhengzhou", year) - raw_result(other, year)
            if record.loc[year, f"counted_{other}"]:
                assert record.loc[year, f"delivered_premium_{other}"] == pytest.approx(delivered)
    # 2019: both range targets are placed at their midpoints
    assert record.loc[2019, "china_bound"] == record.loc[2019, "henan_bound"] == "range"
    # 2022: the revised 1.0% only a low-grade page states yields to the graded projection
    assert record.loc[2022, "zhengzhou_release"] == "projection"
    assert record.loc[2022, "zhengzhou_other_result"] == 1.0


def test_amplification_against_the_raw_register() -> None:
    facts = amplification_facts()
    for window in facts.windows:
        years = [
            y
            for y in range(2019, 2026)
            if not math.isnan(raw_target("zhengzhou", y) - raw_target(window.other, y))
            and not math.isnan(raw_result("zhengzhou", y) - raw_result(window.other, y))
            and all(r["bound"] != "at_least" for r in raw_gdp(window.other, y, "actual"))
            and (window.pandemic_in or y not in PANDEMIC_YEARS)
        ]
        assert window.years == tuple(years), window
        assert window.n >= MIN_CASES
        targets = [raw_target("zhengzhou", y) - raw_target(window.other, y) for y in years]
        delivered = [raw_result("zhengzhou", y) - raw_result(window.other, y) for y in years]
        assert window.target_premium == pytest.approx(sum(targets) / len(years))
        assert window.delivered_premium == pytest.approx(sum(delivered) / len(years))
    assert facts.band_years == (2019,) and facts.band_years_counted == ()


def test_a_span_outside_the_register_is_named() -> None:
    with pytest.raises(ValueError, match="first=2018, last=2025: the premium record covers"):
        premium_record(2018, 2025)


# --- the ladder ---------------------------------------------------------------------------------


def test_a_year_without_targets_is_named() -> None:
    with pytest.raises(ValueError, match=r"year=2023: the report sets targets for \[2024\] only"):
        target_ladder(2023)


def test_the_ladder_says_how_many_levels_set_a_target() -> None:
    ladder = target_ladder()
    gdp = row(ladder, "gdp")
    china, henan = raw_target("china", 2024), raw_target("henan", 2024)
    city = stated(r"地区生产总值增长(\d+)%左右")
    assert gdp["n_levels"] == 3 and gdp["levels"] == ("china", "henan", "zhengzhou")
    assert gdp["ordering"] == ("higher_each_level" if china < henan < city else "not_higher")
    assert gdp["target_premium"] == pytest.approx(city - china)
    # Where China sets no target there are two levels: never "higher at each level".
    retail = row(ladder, "retail_sales")
    assert not externals("china", "社会消费品零售总额", 2024, "target", "growth")
    assert retail["n_levels"] == 2 and retail["ordering"] == "above_the_level_above"
    assert retail["premium_over"] == "henan"


def test_a_ceiling_gets_no_premium() -> None:
    unemployment = row(target_ladder(), "unemployment_rate")
    assert unemployment["direction"] == "down"
    assert unemployment["ordering"] == "ceiling" and unemployment["premium_reason"] == "ceiling"
    assert pd.isna(unemployment["target_premium"]) and pd.isna(unemployment["outcome_premium"])


def test_the_ladder_uses_the_graded_henan_result() -> None:
    """Henan's 2024 growth is stated by a low-grade page and, derived, by state media: the
    graded one leads, and the premium in the results uses it."""
    gdp = row(target_ladder(), "gdp")
    assert gdp["henan_quality"] != "low"
    assert gdp["henan_actual"] == raw_result("henan", 2024)


def test_gdp_history_prefers_the_report() -> None:
    history = gdp_history()
    city_2024 = history[
        (history["geo"] == "zhengzhou")
        & (history["year"] == 2024)
        & (history["status"] == "target")
    ]
    assert len(city_2024) == 1 and city_2024["quality"].iloc[0] == "primary"
    assert list(history["geo"].cat.categories) == ["china", "henan", "zhengzhou"]


def test_the_date_rule_is_gone() -> None:
    """Publication dates cannot rule amplification in or out; nothing reads them any more."""
    for name in ("report_dates", "premium_comparison", "AMPLIFICATION"):
        assert not hasattr(hierarchy, name), name


@pytest.mark.parametrize("function", [premium_record, target_ladder, gdp_history])
def test_a_caller_cannot_corrupt_the_next_result(function) -> None:
    assert_caller_cannot_corrupt(function)


def test_the_premium_gap_is_the_two_misses_and_the_prior_test_uses_calm_years() -> None:
    """(Zt − Ct) − (Zr − Cr) = (Zt − Zr) − (Ct − Cr): the means' difference is the city's
    miss less China's over the same years; the prior test pairs a target premium with the
    premium delivered the year before, only where that year is neither a pandemic year nor
    a rebound from one."""
    from zzreport.findings.frames import PANDEMIC_YEARS
    from zzreport.findings.hierarchy import REBOUND_YEARS, amplification_facts, premium_record

    record = premium_record()
    facts = amplification_facts(record=record)
    for w in facts.windows:
        if not w.enough:
            continue
        part = record[record["year"].isin(w.years)]
        own = (part["zhengzhou_target"] - part["zhengzhou_result"]).mean()
        above = (part[f"{w.other}_target"] - part[f"{w.other}_result"]).mean()
        assert w.excess == pytest.approx(own - above)
    assert set(REBOUND_YEARS) == {y + 1 for y in PANDEMIC_YEARS}
    counted = {
        o: set(record.loc[record[f"counted_{o}"].astype(bool), "year"]) for o in ("china", "henan")
    }
    for case in facts.prior:
        assert case.prior_year == case.year - 1 and case.prior_year in counted[case.other]
        assert case.prior_year not in set(PANDEMIC_YEARS) | set(REBOUND_YEARS)
