"""Tables of what the report states, headed in the reader's language: counts, pairs, the
growth each target needs, the consistency checks and the momentum scenario. Formatting only:
every number is a finding's, computed in ``zzreport.findings``.
"""

from __future__ import annotations

import pandas as pd

from zzreport.data.provenance import decimals
from zzreport.data.schema import SECTIONS
from zzreport.findings.feasibility import DEPENDS_ON_BASE, DIFFICULTY_ORDER, WIDE_BASE_YEARS
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


def pairs_or_note(pairs: pd.DataFrame, lang: str):
    """``pairs_table``, or where there is no pair one sentence saying so: an empty table under
    its heading reads as a page that failed to load."""
    if pairs.empty:
        from IPython.display import Markdown  # (only a notebook shows this)

        return Markdown(text.label("pairs_none", lang))
    return pairs_table(pairs, lang)


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
            "published_2022": (
                "–"
                if pd.isna(row["published_2022"])
                else text.quantity(row["published_2022"], row["unit"], lang)
            ),
            "published_growth": text.percent(row["published_growth"], 1, signed=True),
        }
        for _, row in series.iterrows()
    ]
    return headed_table(rows, "indicator", lang)


def _years(years: str, lang: str) -> str:
    return text.join([y.strip() for y in years.split(",")], lang) if years else ""


def required_table(required: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Growth targets against 2023, against the base years' average and, as a sensitivity,
    against 2019–2023; level targets as the increment asked against the increment 2023
    delivered. Every class is named by the yardstick it is relative to."""
    first, last = WIDE_BASE_YEARS[0], WIDE_BASE_YEARS[-1]
    rows = []
    for _, row in required.iterrows():
        rate = row["kind"] == "rate"
        one_year = "2023_rate" if rate else "2023_increment"
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
                    else text.change_in(row["increment_required"], row["unit"], lang)
                ),
                "against_2023": (
                    text.percent(row["realised_growth"], 2)
                    if rate
                    else text.change_in(row["increment_2023"], row["unit"], lang)
                ),
                "baseline_col": (
                    text.noted(text.percent(row["baseline"], 2), row["baseline_years"], lang)
                    if rate and not pd.isna(row["baseline"])
                    else "–"
                ),
                "wide_col": (
                    text.noted(text.percent(row["baseline_wide"], 2), row["wide_years"], lang)
                    if rate and not pd.isna(row["baseline_wide"])
                    else "–"
                ),
                "difficulty_2023": text.difficulty(row["difficulty"], one_year, "", lang),
                "classification": text.difficulty(
                    row["classification"],
                    row["basis"],
                    _years(
                        row[
                            "wide_years" if row["basis"] == "both_yardsticks" else "baseline_years"
                        ],
                        lang,
                    ),
                    lang,
                ),
                "difficulty_wide": (
                    text.difficulty(
                        row["difficulty_wide"], "wide", _years(row["wide_years"], lang), lang
                    )
                    if row["difficulty_wide"]
                    else "–"
                ),
                "counted": text.yes_no(row["counted"], lang),
            }
        )
    headers = {
        key: text.phrase(key, lang, first=first, last=last)
        for key in ("wide_col", "difficulty_wide")
    }
    return headed_table(rows, "indicator", lang, headers)


def _count(value: object) -> str:
    """A count, or a dash where the class does not apply to that yardstick."""
    return "–" if pd.isna(value) else str(int(value))


def difficulty_table(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """How many targets in each class, each indicator counted once: against the base, against
    2023 alone, and against 2019–2023."""
    first, last = WIDE_BASE_YEARS[0], WIDE_BASE_YEARS[-1]
    rows = [
        {
            "difficulty": text.label(row["difficulty"], lang),
            "against_base_n": str(row["against_base"]),
            "against_2023_n": _count(row["against_2023"]),
            "against_wide_n": _count(row["against_wide"]),
        }
        for _, row in summary.iterrows()
    ]
    headers = {"against_wide_n": text.phrase("against_wide_n", lang, first=first, last=last)}
    return headed_table(rows, "difficulty", lang, headers)


def band_table(bands: pd.DataFrame, lang: str) -> pd.DataFrame:
    """How many growth targets fall in each class as the similar band widens, and how many
    depend on the base (their fallback yardsticks disagree at that band)."""
    rows = [
        {
            "band_pp": text.number(row["band_pp"], 1),
            **{label: str(int(row[label])) for label in (*DIFFICULTY_ORDER, DEPENDS_ON_BASE)},
        }
        for _, row in bands.iterrows()
    ]
    return headed_table(rows, "band_pp", lang)


def check_name(row: pd.Series, lang: str) -> str:
    """A consistency check's name (``check_name.<slug>`` in ``words.toml``, filled from its facts)."""
    facts = {key: value for key, value in row["facts"].items() if isinstance(value, (str, int))}
    if "cluster" in facts:
        facts["cluster"] = text.label(f"cluster.{facts['cluster']}", lang)
    return text.phrase(f"check_name.{row['check']}", lang, **facts)


def check_explanation(row: pd.Series, lang: str) -> str:
    """What a consistency check found, in words (``prose/*/check_explanation``)."""
    return prose.render("check_explanation", lang, check=row["check"], **row["facts"])


def checks_table(
    checks: pd.DataFrame, lang: str, kinds: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """The checks of ``kinds`` (default: all): what the figures imply, what the report states,
    and — only for the kinds that can fail — whether they agree, with the explanation."""
    rows = []
    shown = checks if kinds is None else checks[checks["kind"].isin(kinds)]
    for _, row in shown.iterrows():
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
        rule = row["exclusion"] if not row["included"] else "capped" if row["capped"] else ""
        rows.append(
            {
                "indicator": text.indicator_name(row, lang),
                "value_2023": text.quantity(row["value_2023"], row["unit"], lang),
                "increment_2023_col": text.quantity(row["increment_2023"], row["unit"], lang),
                "projected_2024": text.quantity(row["projected_2024"], row["unit"], lang),
                "target_2024": text.quantity(row["target_2024"], row["unit"], lang),
                "meets": "–" if pd.isna(row["meets"]) else text.yes_no(row["meets"], lang),
                "margin_pct": text.percent(row["margin_pct"], 1, signed=True),
                "rule": text.label(f"series_rule.{rule}", lang) if rule else "",
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
