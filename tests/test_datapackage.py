"""data/datapackage.json describes the data exactly as the loader understands it."""

from __future__ import annotations

import json

import pytest

from frictionless import Package

from zzreport import paths, schema


def descriptor() -> dict:
    return json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))


def resource(name: str) -> dict:
    return next(r for r in descriptor()["resources"] if r["name"] == name)


@pytest.mark.parametrize("table", [schema.INDICATORS, schema.EXTERNAL], ids=lambda t: t.name)
def test_fields_follow_the_loader_schema(table) -> None:
    fields = resource(table.name)["schema"]["fields"]
    assert [f["name"] for f in fields] == list(table.columns)
    for described, field in zip(fields, table.fields):
        assert described["type"] == field.type
        assert described["title"] and described["description"]
        constraints = described.get("constraints", {})
        assert constraints.get("required", False) == field.required, field.name
        assert tuple(constraints.get("enum", ())) == (field.enum or ()), field.name
    assert resource(table.name)["schema"]["primaryKey"] == list(table.primary_key)


def test_year_constraints_match() -> None:
    year = next(f for f in resource("indicators")["schema"]["fields"] if f["name"] == "year")
    assert (year["constraints"]["minimum"], year["constraints"]["maximum"]) == schema.YEAR_RANGE


@pytest.mark.parametrize("name, sidecar", [
    ("report", paths.RAW_REPORT_META), ("external_raw", paths.RAW_DIR / "external_figures.meta.json")])
def test_raw_resources_carry_their_checksums(name, sidecar) -> None:
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    assert resource(name)["hash"] == f"sha256:{meta['sha256']}"
    assert resource(name)["bytes"] == meta["bytes"]


def test_package_has_source_and_licence() -> None:
    assert descriptor()["licenses"] and descriptor()["sources"]


def test_frictionless_validates_the_package() -> None:
    # The reference implementation checks types, enums, primary key uniqueness and the hash.
    report = Package(str(paths.DATAPACKAGE)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
