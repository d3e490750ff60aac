"""The raw report is kept byte for byte, with a provenance sidecar that describes it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from zzreport import source_text
from zzreport.data import paths

SHARED_SOURCE = paths.PROJECT_ROOT.parent / "shared" / "source" / "zhengzhou-2024-report.txt"
SIDECAR_KEYS = {
    "title",
    "producer",
    "authors",
    "language",
    "date_published",
    "date_published_note",
    "date_accessed",
    "citation",
    "description",
    "sha256",
    "bytes",
    "license",
    "encoding",
}


def sidecar() -> dict:
    return json.loads(paths.RAW_REPORT_META.read_text(encoding="utf-8"))


def test_sidecar_has_every_provenance_field() -> None:
    assert set(sidecar()) >= SIDECAR_KEYS
    # The date is unknown: the sidecar must say so rather than invent one.
    assert sidecar()["date_published"] is None
    assert "Unknown" in sidecar()["date_published_note"]


def test_raw_report_matches_its_recorded_checksum_and_size() -> None:
    raw = paths.RAW_REPORT.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == sidecar()["sha256"]
    assert len(raw) == sidecar()["bytes"]


def test_raw_report_is_byte_identical_to_the_shared_source() -> None:
    if not SHARED_SOURCE.exists():
        pytest.skip(f"{SHARED_SOURCE} is not beside this clone (CI always has it)")
    assert paths.RAW_REPORT.read_bytes() == SHARED_SOURCE.read_bytes()


def test_source_text_is_the_raw_report() -> None:
    assert source_text() == Path(paths.RAW_REPORT).read_text(encoding="utf-8")
    assert "郑州" in source_text()
