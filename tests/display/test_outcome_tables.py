"""The outcome tables' headers: a table whose rows come from several years names no one year
in its headers."""

import re

import pytest

import zzreport
from zzreport.display import outcome_tables


@pytest.fixture(scope="module")
def sensitivity():
    return zzreport.tolerance_sensitivity()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_tolerance_table_over_several_years_names_no_year_in_its_headers(
    sensitivity, lang
) -> None:
    assert sensitivity["year"].nunique() > 1  # the case this test is about
    table = outcome_tables.tolerance_table(sensitivity, lang)
    years = [header for header in table.columns if re.search(r"20\d\d", header)]
    assert years == [], f"headers of a table over {sorted(sensitivity['year'].unique())}"
