"""Every figure traces to the report, and every number of the report is in the data."""

from __future__ import annotations

import re

import pytest

from zzreport import load_indicators, source_text
from zzreport.data.provenance import (
    EXCLUSIONS,
    is_url,
    number_occurrences,
    numbers_stated,
    read_release,
)


def quote_spans(quote: str, source: str) -> list[tuple[int, int]]:
    return [(m.start(), m.start() + len(quote)) for m in re.finditer(re.escape(quote), source)]


def test_every_quote_is_a_verbatim_span_of_the_source() -> None:
    source = source_text()
    missing = [row.quote for row in load_indicators().itertuples() if row.quote not in source]
    assert missing == []


def test_every_value_is_stated_in_its_quote() -> None:
    frame = load_indicators().dropna(subset=["value"])
    wrong = [
        (row.indicator, row.value, row.quote)
        for row in frame.itertuples()
        if row.value not in numbers_stated(row.quote)
    ]
    assert wrong == []


def test_every_number_in_the_source_is_captured_where_it_stands() -> None:
    """Each occurrence of a number lies inside the quote of a row whose value equals it."""
    source = source_text()
    covering: dict[int, set[float]] = {}
    for row in load_indicators().dropna(subset=["value"]).itertuples():
        for start, end in quote_spans(row.quote, source):
            for position in range(start, end):
                covering.setdefault(position, set()).add(row.value)
    uncaptured = []
    for start, end, number in number_occurrences(source):
        fold_value = number * 100 if source[end : end + 1] == "倍" else None
        values = covering.get(start, set())
        if number not in values and fold_value not in values:
            uncaptured.append((source[max(0, start - 12) : end + 6], number))
    assert uncaptured == []


def test_the_scan_sees_the_numbers_it_should() -> None:
    # Guards the scanner itself: a regex that found nothing would make the test above vacuous.
    found = {value for _, _, value in number_occurrences(source_text())}
    assert {7.4, 2918.1, 3.5, 12.65, 89.28} <= found
    assert 2023.0 not in found  # years are dates, excluded


@pytest.mark.parametrize("exclusion", EXCLUSIONS, ids=lambda e: e.reason)
def test_each_exclusion_matches_the_source(exclusion) -> None:
    assert re.search(exclusion.pattern, source_text()), exclusion.pattern


def test_fold_growth_is_recorded_as_hundreds_of_percent() -> None:
    assert numbers_stated("增长3.5倍") == {3.5, 350.0}
    frame = load_indicators()
    fold_rows = frame[frame["quote"].str.contains("倍")]
    assert not fold_rows.empty
    for row in fold_rows.itertuples():
        multiple = float(re.search(r"(\d+(?:\.\d+)?)倍", row.quote).group(1))
        assert row.value == multiple * 100
        assert "N-fold" in row.note


@pytest.mark.parametrize(
    "quote, note, release",
    [
        ("初步核算,地区生产总值增长7.4%", "", "first"),
        ("初步测算,2022年全市地区生产总值增长2%左右", "preliminary estimate", "projection"),
        ("2022年GDP预计增长2%左右", "second source (预计, expected)", "projection"),
        (
            "增长1.0%",
            "CONFLICT: the preliminary estimate was 2%左右; 1.0% is the later figure",
            "revised",
        ),
        ("比2022年提高15.5个百分点", "derived; CONFLICT with the preliminary −4%", "revised"),
        (
            "增长5.1%",
            "CONFLICT with the 4.7%左右 estimate; this is the statistical result",
            "first",
        ),
        ("研发投入强度1.86%", "First release (September 2023); implies a revised 1.96%", "first"),
        ("增长4.5%", "estimate (预计) in the Wuhan 2023 government work report", "projection"),
        ("增长5.7%", "the January 2025 report's estimate was also 增长5.7%", "unknown"),
        (
            "increased about 5.2 percent",
            "“about” = the estimate in the government work report",
            "projection",
        ),
        ("增长3%", "preliminary (初步核算); same sentence in copies", "first"),
        ("增长6.6%", "去年 = 2024 (article of 2025-02-13)", "unknown"),
    ],
)
def test_release_follows_the_words(quote, note, release) -> None:
    assert read_release(quote, note) == release


def test_the_registers_known_vintages_are_read() -> None:
    from zzreport import load_external

    outcomes = load_external().query("status == 'actual'")
    # 2022 GDP: projected about 2% (初步测算, 预计), later 1.0%; 2022 industrial value added:
    # 3.5% in the same 初步测算 sentence, 4.4% later.
    iva = outcomes.query(
        "geo == 'zhengzhou' and indicator == 'industrial_value_added' and year == 2022"
    )
    assert set(zip(iva["value"], iva["release"], strict=True)) == {
        (3.5, "projection"),
        (4.4, "revised"),
    }
    gdp = outcomes.query(
        "geo == 'zhengzhou' and indicator == 'gdp' and year == 2022 and measure == 'growth'"
    )
    assert set(zip(gdp["value"], gdp["release"], strict=True)) == {
        (2.0, "projection"),
        (1.0, "revised"),
    }


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://www.zhengzhou.gov.cn/2024lh/index.jhtml", True),
        ("http://jhzihao.cn/jichang/jchot/979567.html", True),
        ('https://example.com/"><script>', False),
        ("https://example.com/a b", False),
        ("javascript:alert(1)", False),
        ("https://example.com/<b>", False),
    ],
)
def test_an_address_is_a_plain_http_url(url, ok) -> None:
    assert is_url(url) is ok


@pytest.mark.parametrize(
    "quote, value, bound, name, expected",
    [
        # 以内 alone makes a ceiling: every 以内 target in today's report also says 控制在
        ("政府性债务规模3%以内", 3.0, "exact", "", "down"),
        ("政府性债务规模控制在3%", 3.0, "exact", "", "down"),
        ("新增就业3万人", 3.0, "exact", "", "up"),
        ("增长3%左右", 3.0, "about", "", "two_sided"),
        # a price rise in traditional characters caps as the simplified one does
        ("居民消費價格漲幅3%左右", 3.0, "about", "", "down"),
        # one list, two figures of 3%: the name picks the revenue clause, not the price cap
        (
            "一般公共预算收入增长3%;居民消费价格涨幅控制在3%左右",
            3.0,
            "exact",
            "一般公共预算收入",
            "up",
        ),
        (
            "一般公共预算收入增长3%;居民消费价格涨幅控制在3%左右",
            3.0,
            "about",
            "居民消费价格",
            "down",
        ),
    ],
)
def test_ceiling_words_each_make_a_ceiling(quote, value, bound, name, expected) -> None:
    from zzreport.data.provenance import read_direction

    assert read_direction(quote, value, bound, name) == expected


def test_every_report_target_points_the_way_its_wording_says() -> None:
    from zzreport.data.provenance import read_direction

    frame = load_indicators()
    targets = frame[(frame["status"] == "target") & frame["value"].notna()]
    for row in targets.itertuples(index=False):
        assert row.direction == read_direction(row.quote, row.value, row.bound, row.name_zh), row
