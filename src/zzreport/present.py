"""Tables for readers: the analysis frames with translated headers and formatted numbers.

Each function returns a small DataFrame indexed by the indicator's name in ``lang``, with
numbers formatted as text so that what a notebook shows (and nbval compares) is stable.
"""

from __future__ import annotations

import pandas as pd

from . import text
from .schema import SECTIONS


def _table(rows: list[dict[str, str]], index: str, lang: str) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows)
    if frame.empty:
        return frame
    frame = frame.set_index(index)
    frame.index.name = text.label(index, lang)
    frame.columns = [text.label(column, lang) for column in frame.columns]
    return frame


def counts_by_theme(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """How many 2023 results and 2024 targets each theme states, in report order."""
    rows = []
    for section in SECTIONS:
        part = frame[frame["section"] == section]
        rows.append({"section": text.section_name(section, lang),
                     "results": int((part["status"] == "actual").sum()),
                     "targets": int((part["status"] == "target").sum()),
                     "total": len(part)})
    rows.append({"section": text.label("total", lang),
                 "results": int((frame["status"] == "actual").sum()),
                 "targets": int((frame["status"] == "target").sum()), "total": len(frame)})
    return _table(rows, "section", lang)


def counts_by_measure(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """How many figures of each kind of measure, results against targets."""
    rows = []
    for measure in frame["measure"].cat.categories:
        part = frame[frame["measure"] == measure]
        rows.append({"measure": text.label(measure, lang),
                     "results": int((part["status"] == "actual").sum()),
                     "targets": int((part["status"] == "target").sum()), "total": len(part)})
    return _table(rows, "measure", lang)


def _bound(bound: object, lang: str) -> str:
    return text.label("unquantified", lang) if pd.isna(bound) else text.label(str(bound), lang)


def headline_table(headline: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The headline 2024 targets with their 2023 results and the direction of travel."""
    rows = [{
        "indicator": text.indicator_name(row, lang),
        "actual": text.percent(row["actual"], 2),
        "target": text.percent(row["target"], 2),
        "bound": _bound(row["bound"], lang),
        "change": text.points(row["change"], lang, 2),
        "direction": text.label(row["direction"], lang),
    } for _, row in headline.iterrows()]
    return _table(rows, "indicator", lang)


def pairs_table(pairs: pd.DataFrame, lang: str, with_caveat: bool = True) -> pd.DataFrame:
    """Paired indicators: result, target, change, and whether they are like for like."""
    rows = []
    for _, row in pairs.iterrows():
        is_level = row["measure"] in ("flow", "stock")
        record = {
            "indicator": text.indicator_name(row, lang),
            "actual": text.quantity(row["actual"], row["unit"], lang),
            "target": text.quantity(row["target"], row["unit"], lang),
            "bound": _bound(row["bound"], lang),
            "change": (text.percent(row["change_pct"], 1, signed=True) if is_level
                       else text.points(row["change"], lang, 2)),
            "comparable": text.yes_no(row["comparable"], lang),
        }
        if with_caveat:
            record["caveat"] = row["caveat_zh"] if lang == "zh" else row["caveat"]
        rows.append(record)
    return _table(rows, "indicator", lang)


def series_table(series: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The 2022 → 2023 → 2024-target series, the 2022 level marked as derived."""
    rows = [{
        "indicator": text.indicator_name(row, lang),
        "value_2022": text.quantity(row["value_2022"], row["unit"], lang),
        "value_2023": text.quantity(row["value_2023"], row["unit"], lang),
        "growth_2023": text.percent(row["growth_2023"], 1),
        "target_2024": text.quantity(row["target_2024"], row["unit"], lang),
        "method": text.label(row["method"], lang),
    } for _, row in series.iterrows()]
    return _table(rows, "indicator", lang)


def required_table(required: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Growth each target requires against 2023's, with the difficulty class."""
    rows = [{
        "indicator": text.indicator_name(row, lang) + (
            "" if row["kind"] == "level" else (" (rate)" if lang == "en" else "(增速)")),
        "required_growth": text.number(row["required_growth"], 1),
        "realised_growth": text.number(row["realised_growth"], 1),
        "realised_source": text.label(row["realised_source"], lang),
        "stretch": text.number(row["stretch"], 2),
        "difficulty": text.label(row["difficulty"], lang),
    } for _, row in required.iterrows()]
    return _table(rows, "indicator", lang)


def checks_table(checks: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The consistency checks: what the figures imply, what the report states, and whether
    they agree. Explanations are in English; the Chinese edition shows the check's name."""
    rows = []
    for _, row in checks.iterrows():
        record = {
            "check": row["check_zh"] if lang == "zh" else row["check"],
            "expected": text.number(row["expected"], 2),
            "found": text.number(row["found"], 2),
            "unit": row["unit"],
            "holds": text.yes_no(row["holds"], lang),
        }
        if lang == "en":
            record["explanation"] = row["explanation"]
        rows.append(record)
    return _table(rows, "check", lang)


def scenario_table(scenario: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The momentum projection of each indicator against its 2024 target."""
    rows = [{
        "indicator": text.indicator_name(row, lang),
        "value_2023": text.quantity(row["value_2023"], row["unit"], lang),
        "growth_2023": text.percent(row["growth_2023"], 1),
        "projected_2024": text.quantity(row["projected_2024"], row["unit"], lang),
        "target_2024": text.quantity(row["target_2024"], row["unit"], lang),
        "meets": text.yes_no(row["meets"], lang),
        "margin_pct": text.percent(row["margin_pct"], 1, signed=True),
    } for _, row in scenario.iterrows()]
    return _table(rows, "indicator", lang)


def figures_table(frame: pd.DataFrame, theme: str, lang: str) -> pd.DataFrame:
    """Every figure of one theme with its quote, in report order."""
    part = frame[frame["section"] == theme]
    rows = [{
        "indicator": text.indicator_name(row, lang),
        "year": str(row["year"]),
        "value": ("–" if pd.isna(row["value"]) else
                  f"{text.number(row['value'], 2)}{row['unit']}"),
        "bound": _bound(row["bound"], lang),
        "quote": row["quote"],
        "note": row["note"] if lang == "en" else "",
    } for _, row in part.iterrows()]
    table = _table(rows, "indicator", lang)
    if lang == "zh":
        table = table.drop(columns=text.label("note", lang))
    return table
