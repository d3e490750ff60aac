"""Henan's cities beside Zhengzhou: the spread of their targets and the results, listed and
never counted, against expectations read from the raw register with the csv module."""

from __future__ import annotations

import csv

import pytest

from tests.findings.support import GDP_NAMES, best_target, raw_gdp
from tests.helpers import assert_caller_cannot_corrupt
from zzreport.data import paths, schema
from zzreport.findings import peers
from zzreport.findings.henan_cities import henan_targets, henan_targets_facts

HENAN_CITIES = [g for g, p in schema.PLACES.items() if p.group == "henan_prefecture"]


@pytest.mark.parametrize("year", [2023, 2025])
def test_henan_targets_spread_with_zhengzhou_in_it(year) -> None:
    rows = {g: raw_gdp(g, year, "target") for g in HENAN_CITIES}
    known = {g: best_target(r) for g, r in rows.items() if r}
    city = best_target(raw_gdp("zhengzhou", year, "target"))
    (spread,) = [s for s in henan_targets_facts().spreads if s.year == year]
    assert spread.n_with_target == len(known) and spread.n_cities == len(HENAN_CITIES)
    assert set(spread.lacking) == set(HENAN_CITIES) - set(known)
    assert spread.zhengzhou == city
    assert (spread.n_above, spread.n_equal, spread.n_below) == (
        sum(t > city for t in known.values()),
        sum(t == city for t in known.values()),
        sum(t < city for t in known.values()),
    )
    ordered = sorted(known.values())
    middle = len(ordered) // 2
    expected_median = (
        ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    )
    assert spread.median == pytest.approx(expected_median)
    # a round-up gives one row per city: count its address once
    assert spread.n_rows == sum(len(r) for r in rows.values())
    assert spread.n_sources == len({r["source_url"] for rs in rows.values() for r in rs})
    assert spread.n_sources < spread.n_with_target


def test_henan_results_are_listed_not_counted() -> None:
    facts = henan_targets_facts()
    with (paths.RAW_DIR / "external_figures.csv").open(encoding="utf-8", newline="") as handle:
        found = {
            (r["geo"], int(r["year"]))
            for r in csv.DictReader(handle)
            if r["geo"] in HENAN_CITIES
            and r["name_zh"] in GDP_NAMES
            and r["status"] == "actual"
            and r["measure"] == "growth"
            and r["period"] == "year"
        }
    assert {(c.geo, c.year) for c in facts.results} == found
    judged = [c for c in facts.results if c.verdict]
    assert judged and all(raw_gdp(c.geo, c.year, "target") for c in judged)
    assert not facts.enough_results  # a few of seventeen cities: no base rate
    assert facts.n_judged_best < peers.MIN_COVERAGE * len(HENAN_CITIES)


def test_a_caller_cannot_corrupt_the_next_result() -> None:
    assert_caller_cannot_corrupt(henan_targets)
