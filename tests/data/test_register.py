"""The external figures: kept verbatim, tidied without change, every value traceable."""

from __future__ import annotations

import csv
import hashlib
import json

import pandas as pd
import pytest

from tests.helpers import write_rows
from zzreport import DataError, load_external, load_indicators
from zzreport.data import paths, register, schema
from zzreport.data.provenance import (
    derivation_operands,
    evaluate_derivation,
    numbers_in,
    numbers_stated,
    stated_with_conversion,
)

RAW = paths.RAW_DIR / "external_figures.csv"
SHARED = paths.PROJECT_ROOT.parent / "shared" / "sources" / "external_figures.csv"


def raw_rows() -> list[dict[str, str]]:
    with RAW.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def tidy_rows() -> list[dict[str, str]]:
    with paths.EXTERNAL_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_raw_copy_matches_its_checksum() -> None:
    meta = json.loads((paths.RAW_DIR / "external_figures.meta.json").read_text(encoding="utf-8"))
    assert hashlib.sha256(RAW.read_bytes()).hexdigest() == meta["sha256"]


def test_raw_copy_is_byte_identical_to_the_shared_register() -> None:
    if not SHARED.exists():
        pytest.skip(f"{SHARED} is not beside this clone (CI always has it)")
    assert RAW.read_bytes() == SHARED.read_bytes()


def test_tidy_table_changes_nothing_but_adds_indicator_section_and_direction() -> None:
    raw, tidy = raw_rows(), tidy_rows()
    assert len(raw) == len(tidy)
    for before, after in zip(raw, tidy, strict=False):
        assert {k: v for k, v in after.items() if k not in register.ADDED_COLUMNS} == before


def test_tidy_table_is_what_the_register_command_writes() -> None:
    # `make register` regenerates it: a hand edit, or a map or rule change not re-run, fails here.
    assert paths.EXTERNAL_CSV.read_bytes() == register.expected_tidy()


def test_sidecars_carry_the_edition_checksums() -> None:
    raw_meta = json.loads((paths.RAW_DIR / "external_figures.meta.json").read_text("utf-8"))
    tidy_meta = json.loads((paths.EXTERNAL_DIR / "external_figures.meta.json").read_text("utf-8"))
    readme = (paths.RAW_DIR / "external_figures.README.md").read_bytes()
    assert raw_meta["readme_sha256"] == hashlib.sha256(readme).hexdigest()
    assert tidy_meta["derived_from_sha256"] == raw_meta["sha256"]
    if SHARED.exists():
        assert readme == (SHARED.parent / "README.md").read_bytes()


def test_a_name_without_an_indicator_stops_the_import(tmp_path) -> None:
    rows = raw_rows()
    rows[0] = {**rows[0], "name_en": "Something new"}
    with pytest.raises(register.RegisterError, match=r"line 2: .*Something new"):
        register.tidy_rows(rows, register.indicator_map(), tmp_path / "new.csv")


def test_every_row_has_its_quote_and_address() -> None:
    frame = load_external()
    assert (frame["quote"].str.len() >= 5).all()
    assert frame["source_url"].str.match(r"^https?://").all()
    assert (frame["source"].str.len() > 0).all()


def test_every_value_appears_in_its_quote_or_is_derived_from_it() -> None:
    frame = load_external()
    for row in frame.itertuples():
        if row.derivation:
            assert evaluate_derivation(row.derivation) == pytest.approx(row.value, abs=0.05)
            assert set(derivation_operands(row.derivation)) <= numbers_stated(row.quote), row
            assert "derived" in row.note  # the register says so in words too
        else:
            assert stated_with_conversion(row.value, row.unit, row.quote, row.note), row


def test_conversions_are_noted_on_the_row() -> None:
    frame = load_external()
    converted = [
        row
        for row in frame.itertuples()
        if abs(row.value) not in numbers_in(row.quote) and not row.derivation
    ]
    assert converted, "the register has at least one unit conversion (825,000 tonnes)"
    for row in converted:
        assert "=" in row.note, row


def test_indicators_share_the_report_slugs() -> None:
    report = set(load_indicators()["indicator"])
    external = set(load_external()["indicator"])
    assert {"gdp", "industrial_value_added", "nev_output", "airport_cargo"} <= report & external
    # Slugs of their own for what the report does not state, each mapped to what it measures
    # (data/external/indicator_map.csv): registered unemployment is not the surveyed rate, a
    # three-year total is not a 2024 flow, output of firms above designated size is not the
    # cluster's size, passenger routes opened or resumed are not new passenger and cargo
    # routes, producer prices are not consumer prices.
    assert external - report == {
        "consumer_prices",
        "rd_spending",
        "registered_unemployment_rate",
        "graduates_retained_cumulative",
        "electronic_information_output_above_size",
        "new_international_passenger_routes",
        "new_all_cargo_routes",
        "passenger_routes_opened_or_resumed",
        "producer_prices",
    }


def test_typed_like_the_report_table() -> None:
    frame = load_external()
    assert list(frame.columns) == list(schema.EXTERNAL.columns)
    for column in ("geo", "quality", "status", "measure", "bound", "direction"):
        assert isinstance(frame[column].dtype, pd.CategoricalDtype)


@pytest.mark.parametrize(
    "column, value, expected",
    [
        ("geo", "atlantis", "one of china, henan, zhengzhou, luoyang"),
        ("geo", "Beijing", "one of china, henan, zhengzhou, luoyang"),
        ("quality", "rumour", "one of official, state_media, mirror, low"),
        ("source_url", "zhengzhou.gov.cn", "an http(s) address"),
        ("source_url", 'https://example.com/"><script>x</script>', "without spaces, quotes"),
        ("source_url", "javascript:alert(1)", "an http(s) address"),
        ("period", "2024-2022", "whole years that end after they start"),
        ("period", "2020-2022", "years ending in the row's year"),
        ("published", "Feb 2025", "YYYY-MM"),
        ("value", "7.9", "a number the quote states"),
        ("period", "Q5", "a quarter (Q1–Q4)"),
        ("period", "Jul-Jan", "ends after it starts"),
        ("period", "first half", "a quarter (Q1–Q4)"),
    ],
)
def test_bad_external_rows_are_refused_with_file_line_column(
    tmp_path, column, value, expected
) -> None:
    rows = [dict(r) for r in tidy_rows()]
    rows[0][column] = value
    path = write_rows(tmp_path / "external.csv", rows, list(schema.EXTERNAL.columns))
    with pytest.raises(DataError) as caught:
        load_external(path)
    message = str(caught.value)
    for fragment in (str(path), "line 2", f"column {column}", repr(value), expected):
        assert fragment in message


def test_external_missing_column(tmp_path) -> None:
    columns = [c for c in schema.EXTERNAL.columns if c != "quality"]
    path = write_rows(tmp_path / "external.csv", tidy_rows(), columns)
    with pytest.raises(DataError, match="missing column\\(s\\) quality"):
        load_external(path)


def derived_row_index() -> int:
    return next(i for i, r in enumerate(tidy_rows()) if r["derivation"])


@pytest.mark.parametrize(
    "derivation, expected",
    [
        ("6.2 - 1.7", "arithmetic that gives value 5.3 (it gives 4.50"),  # wrong arithmetic
        ("6.2 - 0.7 - 0.2", "0.7, 0.2 not in the quote"),  # operands not stated
        ("__import__('os').getcwd()", "expected only numbers"),  # code, not arithmetic
        ("6.2 ** 0.9", "expected only numbers, + - * / and parentheses"),  # not arithmetic
        ("6.2 -", "is not arithmetic"),
    ],
)
def test_bad_derivations_are_refused_with_file_line_column(tmp_path, derivation, expected) -> None:
    rows = [dict(r) for r in tidy_rows()]
    index = derived_row_index()
    rows[index]["derivation"] = derivation
    path = write_rows(tmp_path / "external.csv", rows, list(schema.EXTERNAL.columns))
    with pytest.raises(DataError) as caught:
        load_external(path)
    message = str(caught.value)
    for fragment in (
        str(path),
        f"line {index + 2}",
        "column derivation",
        repr(derivation),
        expected,
    ):
        assert fragment in message


def test_a_derived_value_must_match_its_stated_decimals(tmp_path) -> None:
    rows = [dict(r) for r in tidy_rows()]
    index = derived_row_index()
    rows[index]["value"] = str(float(rows[index]["value"]) + 0.1)
    path = write_rows(tmp_path / "external.csv", rows, list(schema.EXTERNAL.columns))
    with pytest.raises(DataError, match=r"column derivation: .* expected arithmetic that gives"):
        load_external(path)


@pytest.mark.parametrize(
    "status, bound, direction, expected",
    [
        ("target", "at_least", "down", "up for a target bound at_least"),
        ("target", "at_most", "up", "down for a target bound at_most"),
        ("target", "about", "", "one of up, down, two_sided"),
        ("target", "about", "sideways", "one of up, down, two_sided"),
        ("actual", "exact", "up", "empty: only a target with a number has a direction"),
    ],
)
def test_bad_directions_are_refused(tmp_path, status, bound, direction, expected) -> None:
    rows = [dict(r) for r in tidy_rows()]
    index = next(i for i, r in enumerate(rows) if r["status"] == "target")
    rows[index].update(status=status, bound=bound, direction=direction)
    path = write_rows(tmp_path / "external.csv", rows, list(schema.EXTERNAL.columns))
    with pytest.raises(DataError) as caught:
        load_external(path)
    assert f"line {index + 2}, column direction" in str(caught.value)
    assert expected in str(caught.value)


def test_directions_follow_the_wording() -> None:
    """Every stored direction is what the wording says (see provenance.read_direction)."""
    from zzreport.data.provenance import read_direction

    for frame in (load_indicators(), load_external()):
        targets = frame[(frame["status"] == "target") & frame["value"].notna()]
        for row in targets.itertuples():
            assert row.direction == read_direction(row.quote, row.value, row.bound, row.name_zh), (
                row
            )
    report = load_indicators().set_index(["indicator", "year", "measure"])
    assert report.loc[("unemployment_rate", 2024, "share"), "direction"] == "down"  # 控制在…左右
    assert report.loc[("gdp", 2024, "growth"), "direction"] == "two_sided"  # 7%左右
    prices = load_external().query(
        "geo == 'china' and indicator == 'consumer_prices' and status == 'target'"
    )
    assert set(prices["direction"]) == {"down"}  # 涨幅3%左右: a price rise is capped


# --- the third edition: places, multi-year periods, releases, range targets -----------------


def test_every_place_has_a_level_and_cities_a_group() -> None:
    places = schema.PLACES
    assert set(schema.GEOS) == set(places) and len(places) == 28
    levels = {p.level for p in places.values()}
    assert levels == set(schema.LEVELS)
    for place in places.values():
        assert (place.group != "") == (place.level == "city"), place
        assert place.parent in ("", *places), place
    zhengzhou = places["zhengzhou"]
    assert zhengzhou.group == "national_central_city" and zhengzhou.parent == "henan"
    assert sum(p.group == "national_central_city" for p in places.values()) == 9
    assert sum(p.parent == "henan" for p in places.values()) == 18  # Zhengzhou and 17 more
    assert set(load_external()["geo"].astype(str)) <= set(places)


@pytest.mark.parametrize(
    "period, kind",
    [("year", "year"), ("Q1", "part_year"), ("Jan-Mar", "part_year"), ("2022-2024", "years")],
)
def test_period_kinds(period, kind) -> None:
    assert schema.period_kind(period) == kind


def test_a_multi_year_total_is_neither_a_year_nor_a_part_of_one() -> None:
    assert schema.period_years("2022-2024") == (2022, 2024)
    with pytest.raises(ValueError, match="not a period"):
        schema.period_months("2022-2024")
    total = load_external().query("period == '2022-2024'")
    assert len(total) == 1 and int(total["year"].iloc[0]) == 2024


def range_rows() -> tuple[list[dict[str, str]], int, int]:
    rows = [dict(r) for r in tidy_rows()]
    ends = [i for i, r in enumerate(rows) if "range target" in r["note"]]
    floor = next(i for i in ends if rows[i]["bound"] == "at_least")
    ceiling = next(
        i
        for i in ends
        if rows[i]["bound"] == "at_most"
        and (rows[i]["geo"], rows[i]["year"], rows[i]["source_url"])
        == (rows[floor]["geo"], rows[floor]["year"], rows[floor]["source_url"])
    )
    return rows, floor, ceiling


def test_a_range_target_without_its_other_end_is_refused(tmp_path) -> None:
    rows, floor, ceiling = range_rows()
    del rows[ceiling]
    path = write_rows(tmp_path / "external.csv", rows, list(schema.EXTERNAL.columns))
    with pytest.raises(DataError, match=rf"line {floor + 2}: one end \(at_least\) of a range"):
        load_external(path)


def test_a_range_target_must_have_its_floor_below_its_ceiling(tmp_path) -> None:
    rows, floor, ceiling = range_rows()
    rows[floor]["value"], rows[ceiling]["value"] = rows[ceiling]["value"], rows[floor]["value"]
    rows[floor]["quote"] = rows[ceiling]["quote"]  # the quote states both numbers
    path = write_rows(tmp_path / "external.csv", rows, list(schema.EXTERNAL.columns))
    with pytest.raises(DataError, match="expected the floor below the ceiling"):
        load_external(path)


@pytest.mark.parametrize(
    "status, release, expected",
    [
        ("actual", "", "column release: empty — expected one of projection, first"),
        ("actual", "final", "one of projection, first, revised, unknown"),
        ("target", "first", "empty: a target is not a release"),
    ],
)
def test_release_is_given_for_outcomes_only(tmp_path, status, release, expected) -> None:
    rows = [dict(r) for r in tidy_rows()]
    index = next(i for i, r in enumerate(rows) if r["status"] == status)
    rows[index]["release"] = release
    path = write_rows(tmp_path / "external.csv", rows, list(schema.EXTERNAL.columns))
    with pytest.raises(DataError) as caught:
        load_external(path)
    assert f"line {index + 2}" in str(caught.value) and expected in str(caught.value)


def test_the_register_refuses_a_hostile_address_before_writing(tmp_path) -> None:
    rows = raw_rows()
    rows[3] = {**rows[3], "source_url": 'https://example.com/"><script>alert(1)</script>'}
    with pytest.raises(register.RegisterError, match=r"line 5, column source_url"):
        register.tidy_rows(rows, register.indicator_map(), tmp_path / "new.csv")


def test_the_edition_is_read_from_the_readme() -> None:
    readme = (paths.RAW_DIR / "external_figures.README.md").read_text(encoding="utf-8")
    number, note = register.edition_of(readme)
    meta = json.loads((paths.RAW_DIR / "external_figures.meta.json").read_text("utf-8"))
    assert (meta["edition"], meta["edition_note"]) == (number, note)
    with pytest.raises(register.RegisterError, match="lists no edition"):
        register.edition_of("# External figures\n\nno changes here\n")
