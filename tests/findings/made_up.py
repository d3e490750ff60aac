"""Made-up registers for the findings tests: GDP growth rows where every number is known,
in the columns the findings read from ``load_external`` and ``load_indicators``."""

from __future__ import annotations

import pandas as pd


def figure(geo: str, year: int, status: str, value: float, **fields: object) -> dict:
    """One register row for a GDP growth figure, with defaults for the columns not set."""
    return {
        "geo": geo,
        "indicator": "gdp",
        "measure": "growth",
        "period": "year",
        "year": year,
        "status": status,
        "value": value,
        "unit": "%",
        "bound": "exact",
        "direction": "up" if status == "target" else "",
        "release": "first" if status == "actual" else "",
        "quality": "official",
        "source": f"source of {geo} {year} {status} {value}",
        "source_url": f"https://example.org/{geo}/{year}/{status}/{value}",
        "note": "",
        "derivation": "",
        **fields,
    }


def register(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame.from_records(list(rows))


#: A report that sets no GDP target (the made-up registers stand alone).
NO_REPORT = pd.DataFrame(
    columns=["indicator", "measure", "status", "year", "value", "bound", "direction", "note"]
)
