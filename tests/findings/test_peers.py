"""Zhengzhou beside its peers: band targets, the headline result, counting sources, and the
base rate's thresholds — each rule on a made-up register where every number is known, then
the real cases against expectations read from the raw register with the csv module."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tests.findings.made_up import NO_REPORT, figure, register
from tests.findings.support import best_target, raw_gdp, stated
from tests.helpers import assert_caller_cannot_corrupt
from zzreport.data import schema
from zzreport.findings import peers
from zzreport.findings.frames import MIN_CASES
from zzreport.findings.peers import (
    band_verdict,
    gdp_panel,
    peer_facts,
    peer_scorecard,
    rank_of,
)


def one(frame: pd.DataFrame, geo: str, year: int | None = None) -> pd.Series:
    match = frame[frame["geo"] == geo]
    if year is not None:
        match = match[match["year"] == year]
    assert len(match) == 1, (geo, year, len(match))
    return match.iloc[0]


# --- the band ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "outcome, bound, expected",
    [
        (6.2, "exact", "met"),
        (6.0, "exact", "met"),  # the floor is in the band
        (6.5, "exact", "met"),  # and so is the ceiling
        (5.9, "exact", "missed"),
        (6.6, "exact", "above_band"),  # a range overshot is not missed
        (6.0, "at_least", "cannot_tell"),  # [6, ∞) straddles the ceiling
        (6.7, "at_least", "above_band"),
        (5.8, "at_most", "missed"),
        (6.3, "at_most", "cannot_tell"),  # (−∞, 6.3] straddles the floor
    ],
)
def test_a_band_is_judged_as_one_target(outcome, bound, expected) -> None:
    verdict = band_verdict(outcome, bound, 6.0, 6.5)
    assert verdict.result == expected
    assert verdict.margin == pytest.approx(outcome - 6.25)  # against the midpoint


@pytest.mark.parametrize("low, high", [(6.5, 6.0), (6.0, 6.0), (math.nan, 6.5)])
def test_a_band_that_is_no_band_is_refused(low, high) -> None:
    with pytest.raises(ValueError, match="band"):
        band_verdict(6.2, "exact", low, high)


def test_a_range_target_is_read_as_one_band_at_its_midpoint() -> None:
    made_up = register(
        figure("china", 2019, "target", 6, bound="at_least", note="range target 6%–6.5%"),
        figure(
            "china",
            2019,
            "target",
            6.5,
            bound="at_most",
            direction="down",
            note="range target 6%–6.5%",
            source_url="https://example.org/china/2019/target/6",
        ),
        figure("china", 2019, "actual", 6.6),
    )
    row = one(gdp_panel((2019,), external=made_up, report=NO_REPORT), "china")
    assert (row["target_low"], row["target_high"], row["target"]) == (6, 6.5, 6.25)
    assert row["bound"] == peers.BAND
    assert row["verdict"] == "above_band"  # above the ceiling of the range, not a miss
    assert row["gap"] == pytest.approx(6.6 - 6.25)
    assert row["target_alternatives"] == ()  # the two ends are one statement, not a conflict


def test_the_report_leads_for_its_own_target() -> None:
    made_up = register(
        figure("zhengzhou", 2024, "target", 8, quality="official"),
        figure("zhengzhou", 2024, "actual", 7.6),
    )
    report = pd.DataFrame.from_records(
        [
            {
                "indicator": "gdp",
                "measure": "growth",
                "status": "target",
                "year": 2024,
                "value": 7.0,
                "bound": "about",
                "direction": "two_sided",
                "note": "",
            }
        ]
    )
    row = one(gdp_panel((2024,), external=made_up, report=report), "zhengzhou")
    assert (row["target"], row["target_grade"]) == (7.0, "primary")
    assert row["target_alternatives"] == ((8.0, "exact", "official"),)  # kept, not dropped
    assert row["verdict"] == "above_band"
    # the report and the register's row are two sources; the report's row is not a register row
    assert (len(row["target_urls"]), row["n_target_rows"]) == (2, 1)


# --- the headline result -------------------------------------------------------------------------


def test_a_result_only_a_low_grade_page_states_is_shown_never_judged() -> None:
    made_up = register(
        figure("beijing", 2024, "target", 5),
        figure("beijing", 2024, "actual", 4.0, quality="low", release="unknown"),
    )
    row = one(gdp_panel((2024,), external=made_up, report=NO_REPORT), "beijing")
    assert row["result"] == 4.0 and not row["judged"]
    assert row["verdict"] is None and row["reason"] == "low_grade_only"
    assert math.isnan(row["gap"])


def test_the_first_release_leads_and_the_projection_is_shown_beside_it() -> None:
    made_up = register(
        figure("tianjin", 2024, "target", 4.5, bound="about", direction="two_sided"),
        figure("tianjin", 2024, "actual", 4.7, bound="about", release="projection"),
        figure("tianjin", 2024, "actual", 5.1, release="first", quality="mirror"),
    )
    row = one(gdp_panel((2024,), external=made_up, report=NO_REPORT), "tianjin")
    assert (row["result"], row["release"]) == (5.1, "first")
    assert row["verdict"] == "above_band"  # 5.1 > 4.5 + 0.5
    assert (row["other_result"], row["other_release"], row["other_verdict"]) == (
        4.7,
        "projection",
        "met",
    )


def test_a_revision_only_a_low_grade_page_states_yields_to_a_graded_projection() -> None:
    made_up = register(
        figure("zhengzhou", 2022, "target", 7.5),
        figure("zhengzhou", 2022, "actual", 1.0, release="revised", quality="low"),
        figure(
            "zhengzhou", 2022, "actual", 2.0, bound="about", release="projection", quality="mirror"
        ),
    )
    row = one(gdp_panel((2022,), external=made_up, report=NO_REPORT), "zhengzhou")
    assert (row["result"], row["release"], row["judged"]) == (2.0, "projection", True)
    assert (row["other_result"], row["other_release"], row["other_judged"]) == (
        1.0,
        "revised",
        False,
    )
    assert row["other_verdict"] is None  # shown, never judged


# --- counting sources, not rows --------------------------------------------------------------


def _round_up() -> pd.DataFrame:
    """Nine central cities' targets, eight of them from one round-up article (one address),
    and their results from one source each; Zhengzhou misses, and so do ``missed`` peers."""
    roundup = "https://example.org/round-up"
    rows = []
    for i, geo in enumerate(g for g, p in schema.PLACES.items() if p.group == peers.PEER_GROUP):
        target = 7.0 if geo == "zhengzhou" else 5.0 + i * 0.1
        rows.append(figure(geo, 2024, "target", target, source_url=roundup, quality="mirror"))
        rows.append(figure(geo, 2024, "actual", target + (-1 if i % 2 else 0.2)))
    return register(*rows)


def test_a_round_up_article_counts_as_one_source() -> None:
    card = gdp_panel((2024,), external=_round_up(), report=NO_REPORT)
    facts = peer_facts(2024, card=card)
    assert facts.n_rows == 18  # nine targets and nine results
    assert facts.n_sources == 1 + 9  # the round-up, and each city's result source
    assert facts.target_rank == 1 and facts.n_targets == 9


@pytest.mark.parametrize(
    "n_judged, enough",
    [
        (MIN_CASES - 1, False),  # below the fewest cases: list them
        (MIN_CASES, False),  # three of eight peers: below half the group
        (4, True),  # four of eight: half the group, and at least three
        (8, True),
    ],
)
def test_a_base_rate_needs_enough_cases_and_enough_of_the_group(n_judged, enough) -> None:
    made_up = _round_up()
    peers_ = [
        g for g, p in schema.PLACES.items() if p.group == peers.PEER_GROUP and g != "zhengzhou"
    ]
    unjudged = peers_[n_judged:]
    made_up = made_up[~(made_up["geo"].isin(unjudged) & (made_up["status"] == "actual"))]
    facts = peer_facts(2024, card=gdp_panel((2024,), external=made_up, report=NO_REPORT))
    assert len(facts.peers_judged) == n_judged
    assert facts.enough is enough
    assert set(facts.lacking_result) == set(unjudged)
    if enough:
        assert facts.share_missed == pytest.approx(len(facts.peers_missed) / n_judged * 100)
    else:
        assert math.isnan(facts.share_missed)


def test_ties_share_a_rank() -> None:
    assert rank_of(5.7, [5.7, 5.2, 6.0]) == 2
    assert rank_of(-1.3, [-2.9, -0.3, 0.2], highest_first=False) == 2


def test_zhengzhou_without_a_target_is_named() -> None:
    made_up = register(figure("beijing", 2024, "target", 5), figure("beijing", 2024, "actual", 5))
    with pytest.raises(ValueError, match="year=2024: Zhengzhou has no GDP growth target"):
        peer_facts(2024, card=gdp_panel((2024,), external=made_up, report=NO_REPORT))


def test_a_year_without_figures_is_named() -> None:
    with pytest.raises(ValueError, match=r"year=2010: the register holds GDP growth figures for"):
        peer_scorecard(2010)


def test_an_unknown_group_is_named() -> None:
    with pytest.raises(ValueError, match="group='capitals' is not one of"):
        peer_facts(2024, group="capitals")


# --- the real cases, against the raw register ----------------------------------------------------


def best_grade(rows: list[dict[str, str]]) -> str:
    grades = ("official", "state_media", "mirror", "low")
    return min((r["quality"] for r in rows), key=grades.index)


def graded_results(rows: list[dict[str, str]]) -> set[float]:
    return {float(r["value"]) for r in rows if r["quality"] != "low"}


CENTRAL = [g for g, p in schema.PLACES.items() if p.group == "national_central_city"]


def test_2024_zhengzhou_beside_the_central_cities_with_both_figures() -> None:
    city_target = stated(r"地区生产总值增长(\d+)%左右")
    peers_ = [g for g in CENTRAL if g != "zhengzhou"]
    targets = {
        g: best_target(raw_gdp(g, 2024, "target")) for g in peers_ if raw_gdp(g, 2024, "target")
    }
    results = {g: graded_results(raw_gdp(g, 2024, "actual")) for g in CENTRAL}
    both = {g for g in peers_ if g in targets and results[g]}
    facts = peer_facts()
    assert set(facts.peers_judged) == both
    assert facts.n_targets == 1 + len(targets)
    assert facts.target_rank == 1 + sum(t > city_target for t in targets.values())
    (city_result,) = results["zhengzhou"]
    assert facts.result == city_result and facts.verdict == "missed"
    assert facts.gap == pytest.approx(city_result - city_target)
    assert set(facts.lacking_target) == {g for g in peers_ if not raw_gdp(g, 2024, "target")}
    assert set(facts.lacking_result) == {g for g in peers_ if not raw_gdp(g, 2024, "actual")}
    assert set(facts.low_grade_results) == {
        g for g in peers_ if raw_gdp(g, 2024, "actual") and not results[g]
    }
    card = peer_scorecard().set_index("geo")
    assert set(card.index) >= {"zhengzhou", *both}


def test_2024_base_rate_counts_the_peers_that_missed() -> None:
    """A peer missed where every graded result misses its target by the target's own words
    (a floor: below it; 左右: more than half a point below)."""

    def misses(target_row: dict[str, str], result: float) -> bool:
        slack = 0.5 if target_row["bound"] == "about" else 0.0
        return result < float(target_row["value"]) - slack

    grades = ("official", "state_media", "mirror", "low")
    missed = set()
    for geo in peer_facts().peers_judged:
        target_row = min(raw_gdp(geo, 2024, "target"), key=lambda r: grades.index(r["quality"]))
        if all(misses(target_row, r) for r in graded_results(raw_gdp(geo, 2024, "actual"))):
            missed.add(geo)
    facts = peer_facts()
    assert set(facts.peers_missed) == missed
    low = {g for g in facts.peers_judged if best_grade(raw_gdp(g, 2024, "target")) == "low"}
    assert facts.n_peers_graded == len(facts.peers_judged) - len(low)
    assert facts.n_missed_graded == len(missed - low)
    assert facts.enough and facts.share_missed == pytest.approx(
        len(missed) / len(facts.peers_judged) * 100
    )


def test_2024_tianjin_is_judged_on_its_first_release_with_the_projection_beside_it() -> None:
    rows = raw_gdp("tianjin", 2024, "actual")
    projected = [r for r in rows if "预计" in r["quote"]]
    released = [r for r in rows if r not in projected]
    assert len(projected) == len(released) == 1
    row = peer_scorecard().set_index("geo").loc["tianjin"]
    assert row["result"] == float(released[0]["value"]) and row["release"] == "first"
    assert row["other_result"] == float(projected[0]["value"])


def test_2024_peer_sources_are_counted_not_rows() -> None:
    facts = peer_facts()
    urls, rows = {"report"}, 0
    for geo in ("zhengzhou", *facts.peers_judged):
        for status in ("target", "actual"):
            found = raw_gdp(geo, 2024, status)
            rows += len(found)
            urls |= {r["source_url"] for r in found}
    assert (facts.n_rows, facts.n_sources) == (rows, len(urls))


def test_a_caller_cannot_corrupt_the_next_result() -> None:
    assert_caller_cannot_corrupt(peer_scorecard)
