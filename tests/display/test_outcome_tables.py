"""The outcome tables' headers: a table whose rows come from several years names no one year
in its headers."""

import re

import pandas as pd
import pytest

import zzreport
from zzreport.display import outcome_tables
from zzreport.words import text


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


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_ratchet_says_not_judged_where_a_result_is_shown_without_a_verdict(lang) -> None:
    """Made up from the real ratchet: one row judged, one with a result but no verdict (a
    low-grade page, another year's figure), one with no result. Only the last says that
    there is no outcome data."""
    ratchet = zzreport.target_ratchet()
    judged = ratchet[ratchet["previous_outcome"].notna()].iloc[[0]]
    unjudged, missing = judged.copy(), judged.copy()
    unjudged["previous_outcome"] = None
    missing["previous_outcome"], missing["previous_result"] = None, float("nan")
    table = outcome_tables.ratchet_table(pd.concat([judged, unjudged, missing]), lang)
    shown = list(table.iloc[:, list(table.columns).index(text.label("previous_outcome", lang))])
    assert shown == [
        text.label(str(judged["previous_outcome"].iloc[0]), lang),
        text.label("not_judged_see_record", lang),
        text.label("no_outcome_data", lang),
    ]
