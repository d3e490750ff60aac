"""The target record of earlier years."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tests.findings.support import external, externals, stated
from zzreport.findings.frames import MIN_CASES
from zzreport.findings.record import (
    TOLERANCES_PP,
    record_summary,
    tolerance_sensitivity,
    track_record,
)


def test_gdp_record_years_and_gaps() -> None:
    record = track_record()
    gdp = record[record["indicator"] == "gdp"].set_index("year")
    assert set(range(2019, 2026)) <= set(gdp.index)
    target_2022 = float(external("zhengzhou", "地区生产总值", 2022, "target", "growth")["value"])
    actual_2022 = float(
        externals("zhengzhou", "地区生产总值", 2022, "actual", "growth")[0]["value"]
    )
    assert gdp.loc[2022, "gap"] == pytest.approx(actual_2022 - target_2022)
    target_2020 = externals("zhengzhou", "地区生产总值", 2020, "target", "growth")
    assert gdp.loc[2020, "target"] == float(target_2020[0]["value"])
    # The report is preferred for the years it covers.
    assert gdp.loc[2023, "actual"] == stated(r"地区生产总值增长([\d.]+)%;")
    assert gdp.loc[2023, "actual_quality"] == "primary"
    assert gdp.loc[2024, "target"] == stated(r"地区生产总值增长(\d+)%左右")


def test_2023_target_list_against_results() -> None:
    record = track_record().set_index(["indicator", "year"])
    fai_target = float(external("zhengzhou", "固定资产投资", 2023, "target", "growth")["value"])
    fai_actual = stated(r"固定资产投资增长([\d.]+)%;")
    assert record.loc[("fixed_asset_investment", 2023), "gap"] == pytest.approx(
        fai_actual - fai_target
    )
    assert record.loc[("fixed_asset_investment", 2023), "result"] == (
        "met" if fai_actual >= fai_target else "missed"
    )
    # at_least met at or above the floor
    iva_floor = float(
        external("zhengzhou", "规模以上工业增加值", 2023, "target", "growth")["value"]
    )
    assert record.loc[("industrial_value_added", 2023), "result"] == (
        "met" if stated(r"规模以上工业增加值增长([\d.]+)%;") >= iva_floor else "missed"
    )


def test_a_2023_ceiling_is_judged_as_a_ceiling() -> None:
    record = track_record().set_index(["indicator", "year"])
    ceiling = external("zhengzhou", "居民消费价格", 2023, "target", "growth")
    assert ceiling["bound"] == "at_most" and "控制在" in ceiling["quote"]
    prices = record.loc[("consumer_prices", 2023)]
    assert prices["direction"] == "down"
    assert prices["result"] == ("met" if prices["actual"] <= float(ceiling["value"]) else "missed")


#: The project's release preference and grade order, written out here for the oracle.
RELEASES = ("first", "revised", "unknown", "projection")
GRADES = ("official", "state_media", "mirror", "low")


def headline_row(rows: list[dict[str, str]]) -> dict[str, str] | None:
    """The raw row a headline verdict should rest on: of the rows from a source better than
    low, the first release before a revision, before an unstated release, before a projection;
    then the best grade; then the register's order."""
    usable = [r for r in rows if r["quality"] != "low"]
    if not usable:
        return None
    ranked = sorted(
        enumerate(usable),
        key=lambda p: (RELEASES.index(p[1]["release"]), GRADES.index(p[1]["quality"]), p[0]),
    )
    return ranked[0][1]


def test_the_headline_result_follows_the_release_rule_for_every_register_year() -> None:
    from tests.findings.support import external_rows

    record = track_record()
    raw = [r for r in external_rows() if r["geo"] == "zhengzhou" and r["period"] == "year"]
    checked = 0
    for row in record.itertuples(index=False):
        if row.actual_quality == "primary" or row.reason == "in_step_with_gdp":
            continue  # the report's own figure leads (tested below)
        rows = [
            r
            for r in raw
            if r["status"] == "actual"
            and r["indicator"] == row.indicator
            and r["measure"] == row.measure
            and int(r["year"]) == row.year
        ]
        if not rows:
            continue
        lead = headline_row(rows)
        if lead is None:
            assert row.reason == "low_grade_only" and pd.isna(row.result), row
        else:
            assert row.actual == float(lead["value"]) and row.actual_release == lead["release"]
        checked += 1
    assert checked >= 20


def test_every_register_target_year_is_in_the_panel() -> None:
    from tests.findings.support import external_rows

    record = track_record()
    keys = set(zip(record["indicator"], record["measure"], record["year"], strict=True))
    wanted = {
        (r["indicator"], r["measure"], int(r["year"]))
        for r in external_rows()
        if r["geo"] == "zhengzhou" and r["period"] == "year" and r["status"] == "target"
    }
    assert wanted <= keys
    assert set(record["year"]) <= set(range(2019, 2026))


def test_2022_gdp_shows_the_projection_it_judges_and_the_later_figure() -> None:
    gdp = track_record().set_index(["indicator", "measure", "year"]).loc[("gdp", "growth", 2022)]
    from tests.findings.support import external_rows

    rows = [
        r
        for r in external_rows()
        if (r["geo"], r["indicator"], r["measure"], r["year"], r["status"])
        == ("zhengzhou", "gdp", "growth", "2022", "actual")
    ]
    projected = [r for r in rows if r["release"] == "projection"]
    later = [r for r in rows if r["release"] == "revised"]
    assert gdp["actual"] == float(projected[0]["value"]) and gdp["actual_release"] == "projection"
    assert gdp["other_actual"] == float(later[0]["value"]) and gdp["other_release"] == "revised"
    # the later figure comes only from a low-grade page: shown, never judged
    assert later[0]["quality"] == "low" and pd.isna(gdp["other_result"])


def made_up_register(monkeypatch, rows: list[dict[str, object]]) -> None:
    """A register of made-up Zhengzhou figures for one made-up indicator, and a report with
    nothing of it, so that track_record sees only these rows."""
    import pandas as pd

    from zzreport.findings import record as module

    real = module.load_external()
    base = {c: "" for c in real.columns}
    base.update(
        geo="zhengzhou",
        section="stability",
        indicator="made_up",
        name_zh="虚构指标",
        name_en="Made up",
        period="year",
        measure="growth",
        unit="%",
        source="made up",
        source_url="https://example.org/x",
        note="",
        derivation="",
    )
    frame = pd.DataFrame([{**base, **r} for r in rows])
    frame["measure"] = frame["measure"].astype(real["measure"].dtype)
    monkeypatch.setattr(module, "load_external", lambda: frame)


def test_a_first_release_and_a_revision_that_disagree_both_give_verdicts(monkeypatch) -> None:
    made_up_register(
        monkeypatch,
        [
            dict(
                year=2021,
                status="target",
                value=7.0,
                bound="at_least",
                direction="up",
                quality="official",
                release="",
            ),
            dict(
                year=2021,
                status="actual",
                value=6.5,
                bound="exact",
                direction="",
                quality="official",
                release="revised",
            ),
            dict(
                year=2021,
                status="actual",
                value=7.2,
                bound="exact",
                direction="",
                quality="mirror",
                release="first",
            ),
        ],
    )
    row = track_record().iloc[0]
    # the first release leads though a better-graded source gives the revision
    assert (row["actual"], row["actual_release"], row["result"]) == (7.2, "first", "met")
    assert (row["other_actual"], row["other_release"], row["other_result"]) == (
        6.5,
        "revised",
        "missed",
    )
    assert bool(row["releases_disagree"])


def test_a_result_only_a_low_grade_page_states_is_not_judged(monkeypatch) -> None:
    made_up_register(
        monkeypatch,
        [
            dict(
                year=2021,
                status="target",
                value=7.0,
                bound="at_least",
                direction="up",
                quality="official",
                release="",
            ),
            dict(
                year=2021,
                status="actual",
                value=9.0,
                bound="exact",
                direction="",
                quality="low",
                release="first",
            ),
        ],
    )
    row = track_record().iloc[0]
    assert row["actual"] == 9.0 and pd.isna(row["result"]) and row["reason"] == "low_grade_only"
    assert math.isnan(row["gap"])


def test_a_projection_is_used_only_when_nothing_else_is_published(monkeypatch) -> None:
    made_up_register(
        monkeypatch,
        [
            dict(
                year=2021,
                status="target",
                value=7.0,
                bound="at_least",
                direction="up",
                quality="official",
                release="",
            ),
            dict(
                year=2021,
                status="actual",
                value=7.5,
                bound="exact",
                direction="",
                quality="official",
                release="projection",
            ),
            dict(
                year=2021,
                status="actual",
                value=6.0,
                bound="exact",
                direction="",
                quality="mirror",
                release="unknown",
            ),
        ],
    )
    row = track_record().iloc[0]
    assert (row["actual"], row["actual_release"], row["result"]) == (6.0, "unknown", "missed")
    assert (row["other_actual"], row["other_result"]) == (7.5, "met")


def test_record_summary_counts_years_and_gives_means_only_from_enough_cases() -> None:
    record = track_record()
    summary = record_summary().set_index("indicator")
    for indicator, group in record[record["result"].notna()].groupby("indicator"):
        entry = summary.loc[indicator]
        assert entry["n_years"] == len(group)
        assert entry["met"] + entry["missed"] + entry["cannot_tell"] == len(group)
        calm = group[~group["year"].isin([2020, 2022])]
        assert entry["n_outside_pandemic"] == len(calm)
        gaps = group["gap"].dropna()
        if len(gaps) >= MIN_CASES:
            assert entry["mean_gap"] == pytest.approx(gaps.mean())
        else:
            assert math.isnan(entry["mean_gap"])
        calm_gaps = calm["gap"].dropna()
        if len(calm_gaps) < MIN_CASES:
            assert math.isnan(entry["mean_gap_outside_pandemic"])
    assert (summary["n_years"] >= 1).all()


def test_income_in_step_is_judged_against_gdp_with_the_project_tolerance() -> None:
    record = track_record()
    income = record[
        (record["indicator"] == "disposable_income_per_capita") & (record["year"] == 2023)
    ].iloc[0]
    nominal = stated(r"居民人均可支配收入增长([\d.]+)%")
    from tests.findings.support import external

    prices = float(external("zhengzhou", "居民消费价格", 2023, "actual", "growth")["value"])
    gdp = stated(r"地区生产总值增长([\d.]+)%;")
    real = ((1 + nominal / 100) / (1 + prices / 100) - 1) * 100
    assert income["actual"] == pytest.approx(real) and income["target"] == gdp
    assert (income["bound"], income["direction"]) == ("about", "two_sided")
    assert income["result"] == ("met" if abs(real - gdp) <= 0.5 else "missed")


def test_tolerance_sensitivity_of_2025_gdp() -> None:
    table = tolerance_sensitivity().set_index(["indicator", "year"])
    gdp = table.loc[("gdp", 2025)]
    target = float(external("zhengzhou", "地区生产总值", 2025, "target", "growth")["value"])
    result = float(external("zhengzhou", "地区生产总值", 2025, "actual", "growth")["value"])
    for t in TOLERANCES_PP:
        assert gdp[f"tol_{t:g}"] == ("met" if result >= target - t else "missed"), t
    assert gdp["depends"] == (len({result >= target - t for t in TOLERANCES_PP}) > 1)
    with pytest.raises(ValueError, match="tolerances"):
        tolerance_sensitivity((-1,))


def test_a_result_that_restates_the_target_gets_no_verdict() -> None:
    """2022 prices: the only result is 涨幅控制在3%以内, the target's own bound, a claim that
    the target held rather than a measurement."""
    record = track_record()
    bounded = record[record["actual_bound"].isin(["at_most", "at_least"])]
    restated = bounded[bounded["actual"] == bounded["target"]]
    assert len(restated) and (restated["reason"] == "restates_target").all()
    assert restated["result"].isna().all()
    prices = record[(record["indicator"] == "consumer_prices") & (record["year"] == 2022)].iloc[0]
    assert prices["reason"] == "restates_target"
    raw = externals("zhengzhou", "居民消费价格", 2022, "actual", "growth")
    assert "控制在3%以内" in " ".join(r["quote"] for r in raw)


def test_the_reports_rd_figure_is_not_2023s_verdict() -> None:
    """The report's 2.67% is 2022's spending over 2022's GDP (rd_facts): the 2023 row keeps
    it, with no verdict."""
    from zzreport.findings.rd import rd_facts

    assert rd_facts().matches_2022
    record = track_record()
    rd = record[(record["indicator"] == "rd_intensity") & (record["year"] == 2023)].iloc[0]
    assert rd["actual"] == rd_facts().report_intensity
    assert rd["reason"] == "dated_2022" and pd.isna(rd["result"])


def test_a_price_ceiling_met_because_prices_fell_is_met_by_undershooting() -> None:
    record = track_record()
    undershot = record[record["undershot"]]
    assert len(undershot) and (undershot["result"] == "met").all()
    assert (undershot["actual"] < 0).all() and (undershot["direction"] == "down").all()
    rising = record[(record["indicator"] == "consumer_prices") & (record["actual"] >= 0)]
    assert not rising["undershot"].any()  # a positive rate under the ceiling is plainly met


def test_the_panel_counts_misses_outside_the_pandemic_years_too() -> None:
    from zzreport.findings.frames import PANDEMIC_YEARS
    from zzreport.findings.record import record_facts

    record = track_record()
    facts = record_facts(record)
    calm = record[record["result"].notna() & ~record["year"].isin(PANDEMIC_YEARS)]
    assert facts.judged_outside_pandemic == len(calm) < facts.judged
    assert facts.missed_outside_pandemic == int((calm["result"] == "missed").sum())
