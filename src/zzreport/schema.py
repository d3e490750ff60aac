"""The indicators table's schema: one definition that the loader, the tests and
``data/datapackage.json`` all follow."""

from __future__ import annotations

from dataclasses import dataclass

#: The report's eight themes, in the order the article presents them.
SECTIONS: tuple[str, ...] = (
    "stability",
    "industry",
    "innovation",
    "consumption",
    "reform",
    "opening_up",
    "green",
    "livelihoods",
)
SECTION_NAMES_ZH: dict[str, str] = {
    "stability": "稳中求进",
    "industry": "现代化产业",
    "innovation": "自主创新",
    "consumption": "促进消费",
    "reform": "深化改革",
    "opening_up": "对外开放",
    "green": "绿色低碳",
    "livelihoods": "改善民生",
}
SECTION_NAMES_EN: dict[str, str] = {
    "stability": "Stability and progress",
    "industry": "Modern industry",
    "innovation": "Innovation",
    "consumption": "Consumption and investment",
    "reform": "Reform",
    "opening_up": "Opening up",
    "green": "Green and low-carbon",
    "livelihoods": "Livelihoods",
}
STATUSES: tuple[str, ...] = ("actual", "target")
MEASURES: tuple[str, ...] = ("growth", "share", "flow", "stock")
BOUNDS: tuple[str, ...] = ("exact", "about", "at_least", "at_most")
YEAR_RANGE: tuple[int, int] = (2000, 2035)
PRIMARY_KEY: tuple[str, ...] = ("indicator", "year", "status", "measure")
SLUG_PATTERN = r"^[a-z][a-z0-9_]*$"


GEOS: tuple[str, ...] = ("zhengzhou", "henan", "china")
PERIODS: tuple[str, ...] = ("year", "H1")
QUALITIES: tuple[str, ...] = ("official", "state_media", "mirror", "low")
EXTERNAL_PRIMARY_KEY: tuple[str, ...] = ("geo", "indicator", "year", "period", "status",
                                         "measure")


@dataclass(frozen=True)
class Field:
    """One column of the indicators table."""

    name: str
    type: str  # Frictionless type: string, integer, number
    title: str
    description: str
    required: bool = True
    enum: tuple[str, ...] | None = None


FIELDS: tuple[Field, ...] = (
    Field("section", "string", "Theme",
          "The report's theme the figure appears under, in the report's order "
          "(稳中求进 … 改善民生).", enum=SECTIONS),
    Field("indicator", "string", "Indicator",
          "Stable English snake_case slug of the measured thing; the same slug for the same "
          "thing in 2023 and 2024, which is how targets are paired with results."),
    Field("name_zh", "string", "Name (Chinese)", "The report's own name for the indicator."),
    Field("name_en", "string", "Name (English)", "A faithful English translation of name_zh."),
    Field("year", "integer", "Year",
          "The year the figure refers to: 2023 for results, 2024 for targets."),
    Field("status", "string", "Status",
          "actual: a result the report states for 2023; target: a 2024 plan or target.",
          enum=STATUSES),
    Field("measure", "string", "Kind of measure",
          "growth: % change on the previous year; share: a percentage of a whole, an intensity "
          "or a rate; flow: an amount during the year; stock: a level at a point in time.",
          enum=MEASURES),
    Field("value", "number", "Value",
          "The number exactly as the report states it, in `unit`. 增长N倍 (grew N-fold) is "
          "recorded as growth of N×100 %. Empty only for a target the report states without a "
          "number (then `bound` is empty too and `note` says why).", required=False),
    Field("unit", "string", "Unit",
          "The unit exactly as the report states it (e.g. %, 亿元 = 100 million yuan, "
          "万辆 = 10,000 vehicles)."),
    Field("bound", "string", "Bound",
          "How the number binds: exact; about (左右, 近); at_least (以上, 超, 突破); at_most. "
          "Empty only when `value` is empty.", required=False, enum=BOUNDS),
    Field("quote", "string", "Quote",
          "The shortest verbatim span of the report that states the figure and what it "
          "measures; always a substring of data/raw/zhengzhou-2024-report.txt."),
    Field("note", "string", "Note",
          "What a careful reader needs: scope differences, 力争 stretch targets, ambiguity.",
          required=False),
)
COLUMNS: tuple[str, ...] = tuple(field.name for field in FIELDS)


@dataclass(frozen=True)
class Table:
    """A CSV table of the data set: its fields and primary key."""

    name: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields)


INDICATORS = Table("indicators", FIELDS, PRIMARY_KEY)

_BY_NAME = {field.name: field for field in FIELDS}


def _external(name: str, **changes: object) -> Field:
    """A report field reused by the external table, with what differs there."""
    from dataclasses import replace
    return replace(_BY_NAME[name], **changes)


EXTERNAL_FIELDS: tuple[Field, ...] = (
    Field("geo", "string", "Place", "Whose figure: zhengzhou (the city), henan (the province) "
          "or china (the nation).", enum=GEOS),
    _external("section", description="The report's theme the indicator belongs to, so that "
              "external figures join the report's."),
    _external("indicator", description="The same slug as in indicators.csv for the same thing; "
              "a slug of its own for what the report does not state (e.g. consumer_prices)."),
    _external("name_zh", description="The source's own name for the indicator."),
    _external("name_en"),
    _external("year", description="The year the figure refers to."),
    Field("period", "string", "Period", "year for a full year; H1 for the first half.",
          enum=PERIODS),
    _external("status", description="actual: an outcome; target: a plan or target."),
    _external("measure"),
    _external("value", required=True, description="The number as the source states it, in "
              "`unit`; a fall (下降) is negative. A unit conversion is recorded in `note`."),
    _external("unit", description="The unit as the source states it, or as converted (see note)."),
    _external("bound", required=True, description="How the number binds: exact, about, "
              "at_least, at_most."),
    _external("quote", description="The verbatim sentence of the source that states the figure "
              "(traditional characters where the page stored them so)."),
    Field("source_url", "string", "Source address", "Where the quote was read."),
    Field("source", "string", "Source", "The publisher and, where known, the document."),
    Field("published", "string", "Published", "The date the source was published (YYYY-MM or "
          "YYYY-MM-DD); empty where the page gives none.", required=False),
    Field("quality", "string", "Source quality", "official: a government site; state_media: "
          "state or party media or a reputable outlet on its own domain; mirror: a repost of a "
          "named outlet's article elsewhere; low: an aggregator or anonymous page.",
          enum=QUALITIES),
    _external("note", description="Conversions, conflicts between sources, preliminary status."),
)
EXTERNAL = Table("external", EXTERNAL_FIELDS, EXTERNAL_PRIMARY_KEY)
