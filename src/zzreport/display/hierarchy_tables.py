"""Tables of the peers and the hierarchy (notebook 08), headed in the reader's language: the
peer scorecard, Henan's cities' targets, the premium record and its means, the 2024 ladder and
the rest of Henan. Formatting only: every number is a finding's (``findings.peers``,
``findings.hierarchy``).
"""

from __future__ import annotations

import pandas as pd

from zzreport.data import schema
from zzreport.display.tables import headed_table
from zzreport.findings.hierarchy import LEVELS, OTHERS, AmplificationFacts
from zzreport.findings.peers import BAND, CITY, HENAN_GROUP, PEER_GROUP
from zzreport.words import prose, text


def place_name(geo: str, lang: str) -> str:
    """A place's name: China, Henan and Zhengzhou as ``words.toml`` names them, every other
    place from the register's ``places`` resource."""
    if f"geo.{geo}" in text.words():
        return text.geo(geo, lang)
    place = schema.PLACES[geo]
    return text.indicator_name({"name_en": place.name_en, "name_zh": place.name_zh}, lang)


def _rate(value: float, bound: object, lang: str) -> str:
    """A rate with the words of its bound: "7% about", "6% at least"."""
    if pd.isna(value):
        return "–"
    words = text.bound_word(bound, lang)
    return text.spaced(lang, text.percent(value, 2), words)


def target_text(row: pd.Series | dict, lang: str, prefix: str = "") -> str:
    """A target as stated: a band as its two ends, a single figure with its bound; its grade
    when not official; other statements that disagree with it after it."""
    value = row[f"{prefix}target"]
    if pd.isna(value):
        return "–"
    if row[f"{prefix}bound"] == BAND:
        shown = text.phrase(
            "hier.band",
            lang,
            low=text.percent(row[f"{prefix}target_low"], 2),
            high=text.percent(row[f"{prefix}target_high"], 2),
        )
    else:
        shown = _rate(value, row[f"{prefix}bound"], lang)
    shown = text.with_quality(shown, row[f"{prefix}target_grade"], lang)
    others = row.get(f"{prefix}target_alternatives", ()) or ()
    if len(others):
        listed = text.join(
            [text.with_quality(_rate(v, b, lang), q, lang) for v, b, q in others], lang
        )
        shown += text.phrase("hier.also", lang, others=listed)
    return shown


def result_text(row: pd.Series | dict, lang: str, prefix: str = "") -> str:
    """A result with its bound, its release, its grade when not official, and "derived"."""
    value = row[f"{prefix}result"]
    if pd.isna(value):
        return "–"
    shown = _rate(value, row[f"{prefix}result_bound"], lang)
    if row[f"{prefix}derivation"]:
        shown = text.spaced(lang, shown, text.label("derived_mark", lang))
    shown += text.phrase(
        "hier.release_mark", lang, release=release_word(row[f"{prefix}release"], lang)
    )
    return text.with_quality(shown, row[f"{prefix}grade"], lang)


def release_word(release: object, lang: str) -> str:
    return "–" if release is None or pd.isna(release) else text.label(f"release.{release}", lang)


def verdict_text(row: pd.Series | dict, lang: str) -> str:
    """The verdict, or why there is none."""
    if row["verdict"] is not None and not pd.isna(row["verdict"]):
        return text.label(str(row["verdict"]), lang)
    if row["reason"]:
        return text.label(f"hier.reason.{row['reason']}", lang)
    return "–"


def _other_text(row: pd.Series, lang: str) -> str:
    """The next distinct result: its value, release, grade, and its verdict where it may be
    judged (where two releases disagree, both verdicts are shown)."""
    if pd.isna(row["other_result"]):
        return "–"
    shown = text.with_quality(
        _rate(row["other_result"], row["other_bound"], lang)
        + text.phrase("hier.release_mark", lang, release=release_word(row["other_release"], lang)),
        row["other_grade"],
        lang,
    )
    if row["other_verdict"] is not None and not pd.isna(row["other_verdict"]):
        return text.phrase(
            "hier.other_verdict", lang, shown=shown, verdict=text.label(row["other_verdict"], lang)
        )
    return text.phrase("hier.other_unjudged", lang, shown=shown)


def peer_table(card: pd.DataFrame, lang: str, group: str = PEER_GROUP) -> pd.DataFrame:
    """The group's members in one year (``peers.peer_scorecard``): target, headline result,
    verdict and gap, the other release, and the sources behind each row; members without any
    figure last, said so. Sorted by target, highest first."""
    members = [g for g, p in schema.PLACES.items() if p.group == group]
    rows_in = card[card["geo"].isin(members)].sort_values(
        "target", ascending=False, kind="stable", na_position="last"
    )
    rows = [
        {
            "hier.col.place": place_name(str(row["geo"]), lang),
            "hier.col.target": target_text(row, lang),
            "hier.col.result": result_text(row, lang),
            "hier.col.verdict": verdict_text(row, lang),
            "hier.col.gap": "–" if pd.isna(row["gap"]) else text.points(row["gap"], lang, 2),
            "hier.col.other": _other_text(row, lang),
            "hier.col.sources": text.phrase(
                "hier.sources_count", lang, sources=row["n_sources"], rows=row["n_rows"]
            ),
        }
        for _, row in rows_in.iterrows()
    ]
    for geo in members:
        if geo not in set(card["geo"]):
            rows.append(
                {
                    "hier.col.place": place_name(geo, lang),
                    "hier.col.target": "–",
                    "hier.col.result": "–",
                    "hier.col.verdict": text.label("hier.reason.no_figures", lang),
                    "hier.col.gap": "–",
                    "hier.col.other": "–",
                    "hier.col.sources": "–",
                }
            )
    return headed_table(rows, "hier.col.place", lang)


def henan_targets_table(
    frame: pd.DataFrame, lang: str, years: tuple[int, ...] = (2023, 2025)
) -> pd.DataFrame:
    """Henan's cities' GDP growth targets in ``years`` (``henan_cities.henan_targets``), the province
    first, then Zhengzhou, then the other cities by their first year's target; the sources
    behind each year's column in its header."""
    part = frame[frame["year"].isin(years)]
    cities = [g for g, p in schema.PLACES.items() if p.group == HENAN_GROUP]
    first = part[part["year"] == years[0]].set_index("geo")["target"]
    order = ["henan", CITY] + sorted(
        cities, key=lambda g: -first.get(g, float("-inf")) if not pd.isna(first.get(g)) else 1e9
    )
    by = part.set_index(["geo", "year"])
    rows = []
    for geo in order:
        record = {"hier.col.place": place_name(geo, lang)}
        for year in years:
            record[f"y{year}"] = (
                target_text(by.loc[(geo, year)], lang) if (geo, year) in by.index else "–"
            )
        rows.append(record)
    headers = {}
    for year in years:
        known = part[(part["year"] == year) & part["geo"].isin(cities) & part["target"].notna()]
        urls = {u for urls in known["target_urls"] for u in urls}
        headers[f"y{year}"] = prose.render(
            "target_in_year_header",
            lang,
            year=year,
            n=len(known),
            rows=int(known["n_target_rows"].sum()),
            sources=len(urls),
        )
    return headed_table(rows, "hier.col.place", lang, headers=headers)


def _premium(value: float, bound: object, lang: str) -> str:
    if pd.isna(value):
        return "–"
    shown = text.points(value, lang, 2)
    words = text.bound_word(bound, lang)
    return shown + (f" {words}" if words else "")


def premium_record_table(record: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The three levels' GDP growth targets and results by year (``premium_record``), each
    with its bound, release and grade."""
    rows = []
    for _, row in record.iterrows():
        entry = {"year": _year(row, lang)}
        for geo in LEVELS:
            entry[f"{geo}_target"] = target_text(row, lang, prefix=f"{geo}_")
        for geo in LEVELS:
            entry[f"{geo}_actual"] = result_text(row, lang, prefix=f"{geo}_")
        rows.append(entry)
    return headed_table(
        rows,
        "year",
        lang,
        headers={
            f"{geo}_actual": text.phrase("hier.col.result_of", lang, geo=text.geo(geo, lang))
            for geo in LEVELS
        }
        | {
            f"{geo}_target": text.phrase("hier.col.target_of", lang, geo=text.geo(geo, lang))
            for geo in LEVELS
        },
    )


def _year(row: pd.Series, lang: str) -> str:
    return str(row["year"]) + (text.label("hier.pandemic_mark", lang) if row["pandemic"] else "")


def premium_table(record: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Zhengzhou's premium over Henan and over China by year: in the targets and in the
    results (headline releases), and whether the year enters the means, or why not."""
    rows = []
    for _, row in record.iterrows():
        entry = {"year": _year(row, lang)}
        for geo in OTHERS:
            entry[f"target_{geo}"] = _premium(row[f"target_premium_{geo}"], "exact", lang)
            entry[f"delivered_{geo}"] = _premium(
                row[f"delivered_premium_{geo}"], row[f"delivered_bound_{geo}"], lang
            )
            entry[f"counted_{geo}"] = (
                text.label("yes", lang)
                if row[f"counted_{geo}"]
                else text.phrase(
                    f"hier.left_out.{row[f'left_out_{geo}']}",
                    lang,
                    geo=text.geo(row[f"left_out_geo_{geo}"], lang),
                )
            )
        rows.append(entry)
    headers = {}
    for geo in OTHERS:
        name = text.geo(geo, lang)
        headers[f"target_{geo}"] = text.phrase("hier.col.target_premium", lang, geo=name)
        headers[f"delivered_{geo}"] = text.phrase("hier.col.delivered_premium", lang, geo=name)
        headers[f"counted_{geo}"] = text.phrase("hier.col.counted", lang, geo=name)
    return headed_table(rows, "year", lang, headers=headers)


def amplification_table(facts: AmplificationFacts, lang: str) -> pd.DataFrame:
    """The mean target premium against the mean delivered premium, over Henan and over China,
    with the pandemic years in and out; below ``MIN_CASES`` years, the cases instead."""
    rows = []
    for window in facts.windows:
        cases = (
            text.join(
                [
                    text.phrase(
                        "hier.case",
                        lang,
                        year=c.year,
                        target=text.points(c.target_premium, lang, 2),
                        delivered=text.points(c.delivered_premium, lang, 2),
                    )
                    for c in window.cases
                ],
                lang,
            )
            or "–"
        )
        rows.append(
            {
                "hier.col.window": text.phrase(
                    "hier.window",
                    lang,
                    geo=text.geo(window.other, lang),
                    pandemic=text.label(
                        "hier.pandemic.in" if window.pandemic_in else "hier.pandemic.out", lang
                    ),
                ),
                "hier.col.years": text.join([str(y) for y in window.years], lang) or "–",
                "hier.col.mean_target_premium": text.points(window.target_premium, lang, 2)
                if window.enough
                else text.phrase("hier.too_few", lang, n=facts.min_cases),
                "hier.col.mean_delivered_premium": text.points(window.delivered_premium, lang, 2)
                if window.enough
                else cases,
                "hier.col.excess": text.points(window.excess, lang, 2) if window.enough else "–",
                "hier.col.reading": text.label(f"hier.reading.{window.reading}", lang)
                if window.reading
                else "–",
            }
        )
    return headed_table(rows, "hier.col.window", lang)


def ladder_table(ladder: pd.DataFrame, lang: str, with_outcomes: bool = True) -> pd.DataFrame:
    """China → Henan → Zhengzhou targets for one year: which levels set one, how the city's
    stands to them, the premium (none for a ceiling), and with outcomes the results and the
    premium in them."""
    rows = []
    for _, row in ladder.iterrows():
        record = {
            "indicator": text.indicator_name(row, lang),
            "china_target": _graded(row["china_target"], row["china_target_quality"], lang),
            "henan_target": _graded(row["henan_target"], row["henan_target_quality"], lang),
            "zhengzhou_target": text.percent(row["zhengzhou_target"], 2),
            "hier.col.levels": text.phrase(
                "hier.levels",
                lang,
                n=row["n_levels"],
                names=text.join([text.geo(g, lang) for g in row["levels"]], lang),
            ),
            "hier.col.ordering": text.label(f"hier.ordering.{row['ordering']}", lang),
            "target_premium": (
                text.label("hier.no_premium_ceiling", lang)
                if row["premium_reason"] == "ceiling"
                else text.phrase(
                    "hier.premium_over",
                    lang,
                    premium=text.points(row["target_premium"], lang, 2),
                    geo=text.geo(row["premium_over"], lang),
                )
            ),
        }
        if with_outcomes:
            for geo in ("china", "henan", "zhengzhou"):
                record[f"{geo}_actual"] = _graded(row[f"{geo}_actual"], row[f"{geo}_quality"], lang)
            record["outcome_premium"] = (
                "–"
                if pd.isna(row["outcome_premium"])
                else text.points(row["outcome_premium"], lang, 2)
            )
            record["falls_back"] = (
                "–" if pd.isna(row["falls_back"]) else text.yes_no(row["falls_back"], lang)
            )
        rows.append(record)
    return headed_table(rows, "indicator", lang)


def _graded(value: float, grade: object, lang: str) -> str:
    """A percentage with its source grade (unless official), or a dash."""
    return "–" if pd.isna(value) else text.with_quality(text.percent(value, 2), grade, lang)


def rest_of_henan_table(rest: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Henan's shortfall against its GDP target split into Zhengzhou's and the rest's
    contributions, by year, with the weight (whose levels, nominal) and the arithmetic."""
    rows = []
    for _, row in rest.iterrows():
        w = row["weight"]
        rows.append(
            {
                "year": str(row["year"]),
                "henan_target": target_text(row, lang, prefix="henan_")
                if not pd.isna(row["henan_target"])
                else text.label("hier.no_henan_target", lang),
                "henan_actual": _graded(row["henan_result"], row["henan_grade"], lang),
                "zhengzhou_actual": _graded(row["zhengzhou_result"], row["zhengzhou_grade"], lang),
                "hier.col.weight": text.phrase(
                    "hier.weight",
                    lang,
                    share=text.percent(w * 100, 1),
                    year=row["weight_year"],
                    city=text.quantity(row["city_level"], row["city_level_unit"], lang),
                    province=text.quantity(row["province_level"], row["province_level_unit"], lang),
                ),
                "hier.col.rest_result": text.with_quality(
                    text.percent(row["rest_result"], 2), row["grade"], lang
                ),
                "hier.col.shortfall": "–"
                if pd.isna(row["shortfall"])
                else text.points(row["shortfall"], lang, 2),
                "hier.col.city_contribution": "–"
                if pd.isna(row["city_contribution"])
                else text.points(row["city_contribution"], lang, 2),
                "hier.col.rest_contribution": "–"
                if pd.isna(row["rest_contribution"])
                else text.points(row["rest_contribution"], lang, 2),
                "derivation_col": _arithmetic(row, lang),
            }
        )
    return headed_table(
        rows,
        "year",
        lang,
        headers={
            "henan_target": text.label("hier.col.henan_target", lang),
            "henan_actual": text.label("hier.col.henan_result", lang),
            "zhengzhou_actual": text.label("hier.col.zhengzhou_result", lang),
        },
    )


def _arithmetic(row: pd.Series, lang: str) -> str:
    """The derivation in numbers: the rest's growth, and the split where there is a target."""
    w, g_h, g_z = row["weight"], row["henan_result"], row["zhengzhou_result"]
    rest = text.label("hier.arithmetic_rest", lang)
    shown = f"{rest} = ({g_h:g} − {w:.4f} × {g_z:g}) / (1 − {w:.4f}) = {row['rest_result']:.2f}"
    if not pd.isna(row["shortfall"]):
        t_h = row["henan_target"]
        shown += (
            f"; {t_h:g} − {g_h:g} = {w:.4f} × ({t_h:g} − {g_z:g})"
            f" + {1 - w:.4f} × ({t_h:g} − {row['rest_result']:.2f})"
        )
    return shown
