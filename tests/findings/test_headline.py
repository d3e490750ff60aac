"""The headline targets and their direction of travel."""

from __future__ import annotations

import pandas as pd
import pytest

import zzreport
from tests.findings.support import external_rows, stated


def test_headline_targets_show_prices_beside_nominal_rates() -> None:
    headline = zzreport.headline_targets().set_index("indicator")
    prices = next(
        float(r["value"])
        for r in external_rows()
        if r["geo"] == "zhengzhou"
        and r["name_en"].startswith("Consumer prices")
        and r["year"] == "2023"
        and r["status"] == "actual"
    )
    retail = headline.loc["retail_sales"]
    assert retail["price_basis"] == "nominal" and retail["prices_2023"] == prices
    assert retail["real_2023"] == pytest.approx(
        ((1 + stated(r"社会消费品零售总额增长([\d.]+)%;") / 100) / (1 + prices / 100) - 1) * 100
    )
    assert headline.loc["gdp", "price_basis"] == "real" and pd.isna(
        headline.loc["gdp", "prices_2023"]
    )
    assert headline.loc["industrial_value_added", "direction"] == "asks_less"
