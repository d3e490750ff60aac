"""What Henan's shortfall came from: the split on made-up figures where every number is known,
then the real case against expectations read from the raw register with the csv module."""

from __future__ import annotations

import math

import pytest

from tests.findings.made_up import NO_REPORT, figure, register
from tests.findings.support import external, raw_gdp, raw_result, raw_target
from tests.helpers import assert_caller_cannot_corrupt
from zzreport.findings.rest_of_henan import rest_of_henan, rest_of_henan_of


def test_henan_shortfall_splits_exactly_into_its_two_contributions() -> None:
    """w = 250 / 1000 = 0.25; T_h = 6, g_h = 5, g_z = 7: the rest grew (5 − 1.75) / 0.75."""
    made_up = register(
        figure("zhengzhou", 2023, "actual", 250, measure="flow", unit="亿元"),
        figure("henan", 2023, "actual", 1000, measure="flow", unit="亿元"),
        figure("zhengzhou", 2024, "actual", 999, measure="flow", unit="亿元"),
        figure("henan", 2024, "target", 6.0),
        figure("henan", 2024, "actual", 5.0),
        figure("zhengzhou", 2024, "target", 8.0),
        figure("zhengzhou", 2024, "actual", 7.0),
    )
    rest = rest_of_henan_of((2024,), made_up, NO_REPORT).iloc[0]
    assert rest["weight_year"] == 2023  # the year before's levels weigh the year's growth
    assert rest["weight"] == pytest.approx(0.25)
    assert rest["rest_result"] == pytest.approx((5.0 - 0.25 * 7.0) / 0.75)
    assert rest["city_contribution"] == pytest.approx(0.25 * (6.0 - 7.0))
    assert rest["rest_contribution"] == pytest.approx(0.75 * (6.0 - rest["rest_result"]))
    assert rest["city_contribution"] + rest["rest_contribution"] == pytest.approx(6.0 - 5.0)
    assert rest["rest_needed"] == pytest.approx((6.0 - 0.25 * 8.0) / 0.75)


def test_without_last_year_levels_the_year_weighs_itself_and_says_so() -> None:
    made_up = register(
        figure("zhengzhou", 2023, "actual", 300, measure="flow", unit="亿元"),
        figure("henan", 2023, "actual", 0.1, measure="flow", unit="万亿元"),
        figure("henan", 2023, "actual", 4.0),
        figure("zhengzhou", 2023, "actual", 7.0),
    )
    rest = rest_of_henan_of((2023,), made_up, NO_REPORT).iloc[0]
    assert rest["weight_year"] == 2023 and rest["weight"] == pytest.approx(0.3)
    assert rest["weight_basis"] == "nominal"
    assert math.isnan(rest["shortfall"])  # no Henan target: nothing to split


def test_rest_of_henan_against_the_raw_register() -> None:
    rest = rest_of_henan().set_index("year")
    assert list(rest.index) == [2023, 2024]
    city_level = float(external("zhengzhou", "地区生产总值", 2023, "actual", "flow")["value"])
    henan_level = float(external("henan", "地区生产总值", 2023, "actual", "flow")["value"])
    w = city_level / (henan_level * 1e4)  # trillion yuan = 10,000 亿元
    assert (rest["weight_year"] == 2023).all() and rest["weight"].tolist() == pytest.approx([w, w])
    for year in (2023, 2024):
        g_h, g_z = raw_result("henan", year), raw_result("zhengzhou", year)
        assert rest.loc[year, "rest_result"] == pytest.approx((g_h - w * g_z) / (1 - w))
    t_h = raw_target("henan", 2024)
    g_h, g_z = raw_result("henan", 2024), raw_result("zhengzhou", 2024)
    assert rest.loc[2024, "shortfall"] == pytest.approx(t_h - g_h)
    assert rest.loc[2024, "city_contribution"] == pytest.approx(w * (t_h - g_z))
    assert not raw_gdp("henan", 2023, "target") and math.isnan(rest.loc[2023, "shortfall"])


def test_a_caller_cannot_corrupt_the_next_result() -> None:
    assert_caller_cannot_corrupt(rest_of_henan)
