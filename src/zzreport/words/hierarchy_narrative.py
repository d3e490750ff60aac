"""Prose of notebook 08 (the city beside Henan, China and the other cities), in English or
Chinese, with every number formatted from the data: as ``narrative`` does for 01–07, each
function gathers its finding's facts and renders the passage of the same name from
``templates/prose/{en,zh}/``. Python holds no sentence."""

from __future__ import annotations

import pandas as pd

from zzreport.data import schema
from zzreport.findings.henan_cities import henan_targets_facts
from zzreport.findings.hierarchy import amplification_facts
from zzreport.findings.peers import peer_facts
from zzreport.words import prose, text


def premium_note(record: pd.DataFrame, lang: str) -> str:
    """Amplification read only as the mean target premium against the mean premium delivered
    over the years with both, the pandemic years in and out (``amplification_facts``)."""

    facts = amplification_facts(record=record)
    return prose.render(
        "premium_note",
        lang,
        facts=facts,
        by={f"{w.other}_{'in' if w.pandemic_in else 'out'}": w for w in facts.windows},
    )


def ladder_note(ladder: pd.DataFrame, lang: str) -> str:
    """The ladder in words: which indicators have a target at three levels and which at two,
    how the city's target stands to them, and why a ceiling gets no premium."""

    def names(mask: pd.Series) -> list[str]:
        return text.indicator_names(ladder[mask], lang)

    gdp = ladder[ladder["indicator"] == "gdp"]
    return prose.render(
        "ladder_note",
        lang,
        three=names((ladder["n_levels"] == 3) & (ladder["ordering"] == "higher_each_level")),
        three_not=names((ladder["n_levels"] == 3) & (ladder["ordering"] == "not_higher")),
        two=names(ladder["ordering"] == "above_the_level_above"),
        two_not=names((ladder["n_levels"] == 2) & (ladder["ordering"] == "not_higher")),
        ceilings=names(ladder["ordering"] == "ceiling"),
        gdp=gdp.iloc[0] if len(gdp) else None,
    )


def rest_of_henan_note(rest: pd.DataFrame, lang: str) -> str:
    """What Henan's shortfall came from: Zhengzhou's and the rest's contributions, with the
    weight it uses (``rest_of_henan``)."""
    years = [row for _, row in rest.iterrows()]
    split = [row for row in years if not pd.isna(row["shortfall"])]
    return prose.render(
        "rest_of_henan_note",
        lang,
        years=years,
        split=split,
        unsplit=[int(row["year"]) for row in years if pd.isna(row["shortfall"])],
        weight_years=sorted(
            {int(row["weight_year"]) for row in years if not pd.isna(row["weight"])}
        ),
    )


def _place(geo: str) -> dict[str, str]:
    """A place's names, for the ``name`` filter: China, Henan and Zhengzhou as ``words.toml``
    names them, the others from the register's ``places``."""

    if f"geo.{geo}" in text.words():
        return {"name_en": text.geo(geo, "en"), "name_zh": text.geo(geo, "zh")}
    place = schema.PLACES[geo]
    return {"name_en": place.name_en, "name_zh": place.name_zh}


def _places(geos) -> list[dict[str, str]]:
    return [_place(g) for g in geos]


def peers_note(card: pd.DataFrame, lang: str) -> str:
    """Zhengzhou beside the other national central cities in one year: the ranks of its target
    and its result, the base rate of misses among its peers, the places lacking a figure, and
    how many sources stand behind it (``peer_facts``)."""

    year = int(card["year"].iloc[0])
    facts = peer_facts(year, card=card)
    by = card.set_index("geo")
    return prose.render(
        "peers_note",
        lang,
        facts=facts,
        missed=_places(facts.peers_missed),
        above=_places(facts.peers_above_band),
        judged=_places(facts.peers_judged),
        lacking_target=_places(facts.lacking_target),
        lacking_result=_places(facts.lacking_result),
        low_results=_places(facts.low_grade_results),
        low_targets=_places(facts.low_grade_targets),
        other=(
            None
            if pd.isna(by.at["zhengzhou", "other_result"])
            else {
                "value": by.at["zhengzhou", "other_result"],
                "release": by.at["zhengzhou", "other_release"],
            }
        ),
    )


def henan_targets_note(frame: pd.DataFrame, lang: str) -> str:
    """Henan's cities: the spread of their targets with Zhengzhou's place in it, how many
    sources give them, and the few results, listed (``henan_targets_facts``)."""

    facts = henan_targets_facts(frame=frame)
    return prose.render(
        "henan_targets_note",
        lang,
        facts=facts,
        spreads=[
            {
                "s": s,
                "lacking": _places(s.lacking),
                "top": _places(s.values[0].geos) if s.values else [],
            }
            for s in facts.spreads
        ],
        results=[{"case": c, "place": _place(c.geo)} for c in facts.results],
    )


def peers_data_note(card: pd.DataFrame, frame: pd.DataFrame, lang: str) -> str:
    """Where notebook 08's figures come from, and how well sourced its findings are: rows
    against distinct sources, the rules for the release used and for low-grade pages."""

    year = int(card["year"].iloc[0])
    return prose.render(
        "peers_data_note",
        lang,
        peers=peer_facts(year, card=card),
        henan=henan_targets_facts(frame=frame),
    )


def peers_overview(card: pd.DataFrame, record: pd.DataFrame, lang: str) -> str:
    """The notebook's two answers in brief: the base rate among the peers, and the premium
    asked against the premium delivered."""

    year = int(card["year"].iloc[0])
    facts = amplification_facts(record=record)
    return prose.render(
        "peers_overview",
        lang,
        peers=peer_facts(year, card=card),
        china=next(w for w in facts.windows if w.other == "china" and w.pandemic_in),
        henan=next(w for w in facts.windows if w.other == "henan" and w.pandemic_in),
    )


def peers_summary(
    card: pd.DataFrame, frame: pd.DataFrame, record: pd.DataFrame, rest: pd.DataFrame, lang: str
) -> str:
    """Findings of notebook 08, and where to go next."""

    year = int(card["year"].iloc[0])
    facts = amplification_facts(record=record)
    split = rest[rest["shortfall"].notna()]
    return prose.render(
        "peers_summary",
        lang,
        peers=peer_facts(year, card=card),
        henan=henan_targets_facts(frame=frame),
        windows=facts.windows,
        rest=split.iloc[-1] if len(split) else None,
    )
