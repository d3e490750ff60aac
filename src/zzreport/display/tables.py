"""Tables of what the report states, headed in the reader's language: counts, pairs, the
growth each target needs, the consistency checks and the momentum scenario. Formatting only:
every number is a finding's, computed in ``zzreport.findings``.
"""

from __future__ import annotations

import pandas as pd

from zzreport.data.provenance import decimals
from zzreport.data.schema import SECTIONS
from zzreport.words import prose, text


def headed_table(
    rows: list[dict[str, str]], index: str, lang: str, headers: dict[str, str] | None = None
) -> pd.DataFrame:
    """Rows as a table headed in ``lang``: each column's label from ``words.toml``, or from
    ``headers`` for a header computed from the data."""
    frame = pd.DataFrame.from_records(rows)
    if frame.empty:
        return frame
    frame = frame.set_index(index)
    frame.index.name = text.label(index, lang)
    headers = headers or {}
    frame.columns = [headers[c] if c in headers else text.label(c, lang) for c in frame.columns]
    return frame


def counts_by_theme(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """How many 2023 results and 2024 targets each theme states, in report order."""
    rows = []
    for section in SECTIONS:
        part = frame[frame["section"] == section]
        rows.append(
            {
                "section": text.section_name(section, lang),
                "results": int((part["status"] == "actual").sum()),
                "targets": int((part["status"] == "target").sum()),
                "total": len(part),
            }
        )
    rows.append(
        {
            "section": text.label("total", lang),
            "results": int((frame["status"] == "actual").sum()),
            "targets": int((frame["status"] == "target").sum()),
            "total": len(frame),
        }
    )
    return headed_table(rows, "section", lang)


def counts_by_measure(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """How many figures of each kind of measure, results against targets."""
    rows = []
    for measure in frame["measure"].cat.categories:
        part = frame[frame["measure"] == measure]
        rows.append(
            {
                "measure": text.label(measure, lang),
                "results": int((part["status"] == "actual").sum()),
                "targets": int((part["status"] == "target").sum()),
                "total": len(part),
            }
        )
    return headed_table(rows, "measure", lang)


def bound_words(bound: object, lang: str) -> str:
    return text.label("unquantified", lang) if pd.isna(bound) else text.label(str(bound), lang)


def headline_table(headline: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The headline 2024 targets with their 2023 results, the direction of travel, and for a
    nominal rate the 2023 consumer-price change and the 2023 result deflated by it."""
    rows = [
        {
            "indicator": text.indicator_name(row, lang),
            "actual": text.percent(row["actual"], 2),
            "target": text.percent(row["target"], 2),
            "bound": bound_words(row["bound"], lang),
            "change": text.points(row["change"], lang, 2),
            "direction": text.label(row["direction"], lang),
            "price_basis": "–"
            if pd.isna(row["price_basis"])
            else text.label(row["price_basis"], lang),
            "prices_2023": text.percent(row["prices_2023"], 2),
            "real_2023": text.percent(row["real_2023"], 2),
        }
        for _, row in headline.iterrows()
    ]
    return headed_table(rows, "indicator", lang)


def pairs_table(pairs: pd.DataFrame, lang: str, with_caveat: bool = True) -> pd.DataFrame:
    """Paired indicators: result, target, change, and whether they are like for like."""
    rows = []
    for _, row in pairs.iterrows():
        is_level = row["measure"] in ("flow", "stock")
        record = {
            "indicator": text.indicator_name(row, lang),
            "actual": text.quantity(row["actual"], row["unit"], lang),
            "target": text.quantity(row["target"], row["unit"], lang),
            "bound": bound_words(row["bound"], lang),
            "change": (
                text.percent(row["change_pct"], 1, signed=True)
                if is_level
                else text.points(row["change"], lang, 2)
            ),
            "comparable": text.yes_no(row["comparable"], lang),
        }
        if with_caveat:
            record["caveat"] = (
                text.label(f"pair_caveat.{row['caveat']}", lang) if row["caveat"] else ""
            )
        rows.append(record)
    return headed_table(rows, "indicator", lang)


def series_table(series: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The 2022 → 2023 → 2024-target series, the 2022 level marked as derived."""
    rows = [
        {
            "indicator": text.indicator_name(row, lang),
            # derived: no more precise than the stated 2023 level it comes from
            "value_2022": text.quantity(
                round(row["value_2022"], decimals(f"{row['value_2023']:g}")), row["unit"], lang
            ),
            "value_2023": text.quantity(row["value_2023"], row["unit"], lang),
            "growth_2023": text.percent(row["growth_2023"], 1),
            "target_2024": text.quantity(row["target_2024"], row["unit"], lang),
            "method": text.label(row["method"], lang),
        }
        for _, row in series.iterrows()
    ]
    return headed_table(rows, "indicator", lang)


def _revised_baseline(row: pd.Series, lang: str) -> str:
    """The baseline with the register's later revisions, where they move it (a sensitivity)."""
    if pd.isna(row["baseline_revised"]) or abs(row["baseline_revised"] - row["baseline"]) < 1e-9:
        return ""
    value = text.percent(row["baseline_revised"], 2)
    cls = text.label(row["difficulty_baseline_revised"], lang)
    return text.phrase("with_revisions", lang, value=value, cls=cls)


def required_table(required: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Growth targets against 2023 and against the multi-year baseline; level targets as the
    increment asked against the increment 2023 delivered; the class on the fair base."""
    rows = []
    for _, row in required.iterrows():
        rate = row["kind"] == "rate"
        rows.append(
            {
                "indicator": (
                    text.phrase("rate_of", lang, name=text.indicator_name(row, lang))
                    if rate
                    else text.indicator_name(row, lang)
                ),
                "asked": (
                    text.percent(row["target"], 2)
                    if rate
                    else text.quantity(row["increment_required"], row["unit"], lang)
                ),
                "against_2023": (
                    text.percent(row["realised_growth"], 2)
                    if rate
                    else text.quantity(row["increment_2023"], row["unit"], lang)
                ),
                "baseline_col": (
                    f"{text.percent(row['baseline'], 2)} ({row['baseline_years']})"
                    + _revised_baseline(row, lang)
                    if rate and not pd.isna(row["baseline"])
                    else "–"
                ),
                "difficulty_2023": text.label(row["difficulty"], lang),
                "classification": text.label(row["classification"], lang),
                "basis": text.label(row["basis"], lang) if row["basis"] else "–",
                "counted": text.yes_no(row["counted"], lang),
            }
        )
    return headed_table(rows, "indicator", lang)


def difficulty_table(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """How many targets in each class, against 2023 and on the fair base, each counted once."""
    rows = [
        {
            "difficulty": text.label(row["difficulty"], lang),
            "against_2023_n": str(row["against_2023"]),
            "fair_base_n": str(row["fair_base"]),
        }
        for _, row in summary.iterrows()
    ]
    return headed_table(rows, "difficulty", lang)


def check_name(row: pd.Series, lang: str) -> str:
    """A consistency check's name (``check_name.<slug>`` in ``words.toml``, filled from its facts)."""
    facts = {key: value for key, value in row["facts"].items() if isinstance(value, (str, int))}
    if "cluster" in facts:
        facts["cluster"] = text.label(f"cluster.{facts['cluster']}", lang)
    return text.phrase(f"check_name.{row['check']}", lang, **facts)


def check_explanation(row: pd.Series, lang: str) -> str:
    """What a consistency check found, in words (``prose/*/check_explanation``)."""
    return prose.render("check_explanation", lang, check=row["check"], **row["facts"])


def checks_table(checks: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The checks by kind: what the figures imply, what the report states, and — only for the
    kinds that can fail — whether they agree, with the explanation."""
    rows = []
    for _, row in checks.iterrows():
        record = {
            "check": check_name(row, lang),
            "kind": text.label(str(row["kind"]), lang),
            "expected": text.number(row["expected"], 2),
            "found": text.number(row["found"], 2),
            "unit": row["unit"],
            "holds": ("–" if row["kind"] == "implication" else text.yes_no(row["holds"], lang)),
        }
        record["explanation"] = check_explanation(row, lang)
        rows.append(record)
    return headed_table(rows, "check", lang)


def scenario_table(scenario: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The momentum projection of each indicator against its 2024 target, with the rule that
    capped or left out a series."""
    rows = []
    for _, row in scenario.iterrows():
        rule = "rebound" if not row["included"] else "capped" if row["capped"] else ""
        rows.append(
            {
                "indicator": text.indicator_name(row, lang),
                "value_2023": text.quantity(row["value_2023"], row["unit"], lang),
                "increment_2023_col": text.quantity(row["increment_2023"], row["unit"], lang),
                "projected_2024": text.quantity(row["projected_2024"], row["unit"], lang),
                "target_2024": text.quantity(row["target_2024"], row["unit"], lang),
                "meets": "–" if pd.isna(row["meets"]) else text.yes_no(row["meets"], lang),
                "margin_pct": text.percent(row["margin_pct"], 1, signed=True),
                "rule": text.label(rule, lang) if rule else "",
            }
        )
    return headed_table(rows, "indicator", lang)


def figures_table(frame: pd.DataFrame, theme: str, lang: str) -> pd.DataFrame:
    """Every figure of one theme with its quote, in report order."""
    part = frame[frame["section"] == theme]
    rows = [
        {
            "indicator": text.indicator_name(row, lang),
            "year": str(row["year"]),
            "value": text.quantity(row["value"], row["unit"], lang),
            "bound": bound_words(row["bound"], lang),
            "quote": row["quote"],
            # The notes are written in English only: a column the data lacks in ``lang`` is left out.
            **(
                {"note": text.in_lang(row, "note", lang)}
                if text.column("note", lang) in row
                else {}
            ),
        }
        for _, row in part.iterrows()
    ]
    return headed_table(rows, "indicator", lang)
