"""Shared fixtures: the real data and a way to write deliberately broken copies of it."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from zzreport import paths, schema


def read_rows(path: Path = paths.INDICATORS_CSV) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]], columns: list[str] | None = None) -> Path:
    columns = columns or list(schema.COLUMNS)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n",
                                extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def real_rows() -> list[dict[str, str]]:
    return read_rows()


@pytest.fixture
def broken_csv(tmp_path: Path, real_rows) -> Callable[..., Path]:
    """Write the real data with one row changed: ``broken_csv(row_index, column=value)``."""

    def make(index: int, **changes: str) -> Path:
        rows = [dict(row) for row in real_rows]
        rows[index].update(changes)
        return write_rows(tmp_path / "indicators.csv", rows)

    return make
