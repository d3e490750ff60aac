"""The tables' schema, read from ``data/datapackage.json``: the Frictionless descriptor is the
one place where columns, types, vocabularies and descriptions are written, and the loader, the
tests and the data dictionary all follow it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from zzreport.data import paths


@dataclass(frozen=True)
class Field:
    """One column of a table, as the descriptor states it."""

    name: str
    type: str  # Frictionless type: string, integer, number
    title: str
    description: str
    required: bool = True
    enum: tuple[str, ...] | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class Table:
    """A CSV table of the data set: its fields and primary key."""

    name: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields)

    def field(self, name: str) -> Field:
        return next(field for field in self.fields if field.name == name)


@cache
def _descriptor() -> dict:
    return json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))


def _table(name: str) -> Table:
    resource = next(r for r in _descriptor()["resources"] if r["name"] == name)
    fields = []
    for spec in resource["schema"]["fields"]:
        constraints = spec.get("constraints", {})
        enum = constraints.get("enum")
        fields.append(
            Field(
                spec["name"],
                spec["type"],
                spec["title"],
                spec["description"],
                bool(constraints.get("required", False)),
                tuple(enum) if enum else None,
                constraints.get("pattern"),
            )
        )
    return Table(name, tuple(fields), tuple(resource["schema"]["primaryKey"]))


INDICATORS: Table = _table("indicators")
EXTERNAL: Table = _table("external")
FIELDS: tuple[Field, ...] = INDICATORS.fields
COLUMNS: tuple[str, ...] = INDICATORS.columns
PRIMARY_KEY: tuple[str, ...] = INDICATORS.primary_key
EXTERNAL_PRIMARY_KEY: tuple[str, ...] = EXTERNAL.primary_key

#: The report's eight themes, in the order the article presents them.
SECTIONS: tuple[str, ...] = INDICATORS.field("section").enum or ()
STATUSES: tuple[str, ...] = INDICATORS.field("status").enum or ()
MEASURES: tuple[str, ...] = INDICATORS.field("measure").enum or ()
BOUNDS: tuple[str, ...] = INDICATORS.field("bound").enum or ()
DIRECTIONS: tuple[str, ...] = INDICATORS.field("direction").enum or ()
GEOS: tuple[str, ...] = EXTERNAL.field("geo").enum or ()
RELEASES: tuple[str, ...] = EXTERNAL.field("release").enum or ()
QUALITIES: tuple[str, ...] = EXTERNAL.field("quality").enum or ()
PERIOD_PATTERN: str = EXTERNAL.field("period").pattern or ""
_YEAR = next(
    f
    for r in _descriptor()["resources"]
    if r["name"] == "indicators"
    for f in r["schema"]["fields"]
    if f["name"] == "year"
)
YEAR_RANGE: tuple[int, int] = (_YEAR["constraints"]["minimum"], _YEAR["constraints"]["maximum"])
SLUG_PATTERN: str = INDICATORS.field("indicator").pattern or r"^[a-z][a-z0-9_]*$"

#: Months of the year by their three-letter English names, for periods such as ``Jan-Jul``.
MONTHS: tuple[str, ...] = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


@dataclass(frozen=True)
class Place:
    """A place of the ``places`` resource: its slug, names, level (country, province, city),
    group (for a city: national_central_city or henan_prefecture) and the place it lies in."""

    geo: str
    name_en: str
    name_zh: str
    level: str
    group: str
    parent: str


def _places() -> dict[str, Place]:
    resource = next(r for r in _descriptor()["resources"] if r["name"] == "places")
    columns = [f["name"] for f in resource["schema"]["fields"]]
    return {
        row["geo"]: Place(**{c: str(row.get(c) or "") for c in columns}) for row in resource["data"]
    }


#: Every place the external table may name, by slug, in the descriptor's order.
PLACES: dict[str, Place] = _places()
PLACES_TABLE: Table = _table("places")
LEVELS: tuple[str, ...] = PLACES_TABLE.field("level").enum or ()
GROUPS: tuple[str, ...] = PLACES_TABLE.field("group").enum or ()

#: A period of several whole years summed: ``2022-2024`` (the row's ``year`` is the last).
YEARS_PERIOD = re.compile(r"^((?:19|20)\d{2})-((?:19|20)\d{2})$")


def period_kind(period: str) -> str:
    """``year`` (the whole year), ``years`` (several whole years summed, ``2022-2024``) or
    ``part_year`` (a quarter, a half, a range of quarters or months). Only ``year`` is a
    full-year outcome; ValueError for anything that is not a period."""
    if period == "year":
        return "year"
    if YEARS_PERIOD.match(period):
        return "years"
    period_months(period)  # raises for a non-period
    return "part_year"


def period_years(period: str) -> tuple[int, int]:
    """The first and last year of a multi-year period: ``2022-2024`` → (2022, 2024).
    ValueError for another kind of period, or for one that ends before it starts."""
    match = YEARS_PERIOD.match(period)
    if match is None:
        raise ValueError(f"{period!r} is not a span of whole years such as 2022-2024")
    first, last = int(match.group(1)), int(match.group(2))
    if last <= first:
        raise ValueError(f"{period!r} does not end after it starts")
    return first, last


def period_months(period: str) -> tuple[int, int]:
    """The first and last month (1–12) a period covers: ``year`` → (1, 12), ``Q1`` → (1, 3),
    ``H2`` → (7, 12), ``Q1-Q3`` → (1, 9), ``Jan-Jul`` → (1, 7).

    Raises ``ValueError`` naming what is allowed for anything else, or for a range that ends
    before it starts.
    """
    if period == "year":
        return 1, 12
    if not re.fullmatch(PERIOD_PATTERN, period) or YEARS_PERIOD.match(period):
        raise ValueError(
            f"{period!r} is not a period; expected year, Q1–Q4, H1, H2, a range of "
            "quarters such as Q1-Q3, or of months such as Jan-Jul"
        )
    first, _, last = period.partition("-")
    start, end = _span(first)[0], _span(last or first)[1]
    if end < start:
        raise ValueError(f"{period!r} ends before it starts")
    return start, end


def _span(part: str) -> tuple[int, int]:
    if part in MONTHS:
        month = MONTHS.index(part) + 1
        return month, month
    size = 3 if part[0] == "Q" else 6
    index = int(part[1:])
    return (index - 1) * size + 1, index * size
