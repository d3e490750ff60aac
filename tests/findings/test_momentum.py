"""The momentum scenario."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import zzreport
from tests.findings.support import row, stated


@pytest.mark.parametrize("bad", [-0.1, 3.01, math.nan, math.inf, "1", None, True])
def test_momentum_is_validated(bad) -> None:
    with pytest.raises(ValueError, match=r"momentum must be a .*number in \[0, 3\]"):
        zzreport.momentum_scenario(bad)


def test_momentum_zero_freezes_2023() -> None:
    frame = zzreport.momentum_scenario(0)
    included = frame[frame["included"]]
    assert (included["projected_2024"] == included["value_2023"]).all()
    assert not row(frame, "vehicle_output")["meets"]


def test_momentum_repeats_the_2023_increment() -> None:
    vehicles = row(zzreport.momentum_scenario(1.0), "vehicle_output")
    level = stated(r"汽车产量(\d+)万辆")
    previous = level / (1 + stated(r"汽车产量\d+万辆,增长([\d.]+)%") / 100)
    projected = level + (level - previous)
    target = stated(r"汽车产量突破(\d+)万辆")
    assert vehicles["projected_2024"] == pytest.approx(projected)
    assert bool(vehicles["meets"]) == (projected >= target)
    assert vehicles["margin_pct"] == pytest.approx((projected / target - 1) * 100)


def test_momentum_adds_additions_to_stocks() -> None:
    labs = row(zzreport.momentum_scenario(2.0), "provincial_labs")
    assert labs["projected_2024"] == stated(r"总数达到(\d+)家") + 2 * stated(r"新增省实验室(\d+)家")
    assert pd.isna(labs["meets"])  # no target


@pytest.mark.parametrize("momentum", [0, 0.25, 0.5, 1, 1.5, 2, 2.5, 3])
def test_nev_never_exceeds_vehicles(momentum) -> None:
    frame = zzreport.momentum_scenario(momentum).set_index("indicator")
    assert (
        frame.loc["nev_output", "projected_2024"] <= frame.loc["vehicle_output", "projected_2024"]
    )


def test_rebound_series_is_left_out_with_its_reason() -> None:
    passengers = row(zzreport.momentum_scenario(), "airport_passengers")
    assert not passengers["included"] and "rebound" in passengers["exclusion"]
    assert pd.isna(passengers["meets"]) and pd.isna(passengers["projected_2024"])


def test_a_part_is_capped_at_its_whole_when_its_projection_would_exceed_it(monkeypatch) -> None:
    """A made-up case where the cap binds (today's data never makes it bind for momentum 0–3):
    vehicles flat at 40, new-energy vehicles from 10 to 35, so momentum 1 projects 60 NEVs out
    of 40 vehicles. The projection must stop at the whole."""
    from zzreport.findings import momentum

    series = momentum.backcast().copy()
    whole = series["indicator"] == "vehicle_output"
    part = series["indicator"] == "nev_output"
    series.loc[whole, ["value_2022", "value_2023"]] = [40.0, 40.0]
    series.loc[part, ["value_2022", "value_2023"]] = [10.0, 35.0]
    monkeypatch.setattr(momentum, "backcast", lambda: series)
    scenario = momentum.momentum_scenario(1.0).set_index("indicator")
    assert scenario.loc["vehicle_output", "projected_2024"] == 40.0
    assert scenario.loc["nev_output", "projected_2024"] == 40.0
    assert bool(scenario.loc["nev_output", "capped"])
    assert not bool(scenario.loc["vehicle_output", "capped"])
