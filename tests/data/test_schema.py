"""data/datapackage.json describes the data exactly as the loader understands it."""

from __future__ import annotations

import json

import pytest
from frictionless import Package

from zzreport.data import paths, schema


def descriptor() -> dict:
    return json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))


def resource(name: str) -> dict:
    return next(r for r in descriptor()["resources"] if r["name"] == name)


def test_the_loader_reads_its_schema_from_the_descriptor() -> None:
    # One schema: zzreport.data.schema is built from data/datapackage.json, so a column added to
    # the descriptor is a column the loader expects.
    for table in (schema.INDICATORS, schema.EXTERNAL):
        fields = resource(table.name)["schema"]["fields"]
        assert table.columns == tuple(f["name"] for f in fields)


@pytest.mark.parametrize(
    "name, sidecar",
    [
        ("report", paths.RAW_REPORT_META),
        ("external_raw", paths.RAW_DIR / "external_figures.meta.json"),
    ],
)
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
