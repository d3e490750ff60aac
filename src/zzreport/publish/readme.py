"""The README's generated blocks: the findings, from the data, so that no number in it is
typed by hand; and the data dictionary, from ``data/datapackage.json``, the one place the
columns are described in English (Chinese: ``words.toml`` ``column_zh.*``).

``python -m zzreport.publish.readme`` (run by ``make notebooks``) rewrites the blocks between
``<!-- findings:start -->`` … ``<!-- findings:end -->`` and ``<!-- dictionary:start -->`` …
``<!-- dictionary:end -->`` in README.md; a test fails when either is not what the data gives.
"""

from __future__ import annotations

import json
import re
import sys

import pandas as pd

from zzreport.data import paths
from zzreport.display import outcome_tables
from zzreport.findings.scorecard import judged, scorecard
from zzreport.words import text
from zzreport.words.narrative import outcomes_overview

#: The README is written in English; its table shows these columns of the scorecard table,
#: headed by their ``words.toml`` labels (the same headers the notebooks show).
LANG = text.BASE_LANG
COLUMNS: tuple[str, ...] = ("target", "outcome", "result", "outcome_basis", "margin", "quality")
START, END = "<!-- findings:start -->", "<!-- findings:end -->"
BLOCK = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)


def findings() -> str:
    """The scorecard's verdicts as Markdown: a sentence of counts and a table with the grade
    of every outcome's source."""
    card = scorecard()
    shown = pd.concat([judged(card), card[card["result"] == "sources_disagree"]])
    table = outcome_tables.scorecard_table(shown, LANG)
    columns = [text.label(key, LANG) for key in COLUMNS]
    lines = [
        f"| {text.label('indicator', LANG)} | " + " | ".join(columns) + " |",
        "|---" * (len(columns) + 1) + "|",
    ]
    for name, row in table[columns].iterrows():
        cells = [str(value).replace("|", "/") for value in row]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(
        [START, "", outcomes_overview(card, LANG).replace("\n", " "), "", *lines, "", END]
    )


DICTIONARY_START, DICTIONARY_END = "<!-- dictionary:start -->", "<!-- dictionary:end -->"
DICTIONARY = re.compile(re.escape(DICTIONARY_START) + r".*?" + re.escape(DICTIONARY_END), re.S)

#: The tables of the data dictionary, in the order a reader meets them.
DICTIONARY_TABLES: tuple[str, ...] = ("indicators", "external", "places")


def _values(field: dict) -> str:
    enum = field.get("constraints", {}).get("enum")
    if enum and len(enum) <= 12:
        return ", ".join(f"`{v}`" for v in enum)
    if enum:
        return f"{len(enum)} values (see `data/datapackage.json`)"
    return str(field.get("type", ""))


def dictionary() -> str:
    """Every column of the tidy tables, from ``data/datapackage.json``: name, meaning, values."""
    package = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    lines = [DICTIONARY_START, ""]
    for name in DICTIONARY_TABLES:
        resource = resources[name]
        about = resource.get("description") or resource.get("title") or ""
        lines += [f"**`{resource.get('path', name)}`**" + (f" — {about}" if about else ""), ""]
        lines += ["| column | meaning | values |", "|---|---|---|"]
        for field in resource["schema"]["fields"]:
            meaning = str(field.get("description", "")).replace("|", "/").replace("\n", " ")
            lines.append(f"| `{field['name']}` | {meaning} | {_values(field)} |")
        lines.append("")
    return "\n".join([*lines, DICTIONARY_END])


def update(text: str) -> str:
    if not BLOCK.search(text):
        raise ValueError(f"README.md has no {START} … {END} block to fill")
    text = BLOCK.sub(lambda _: findings(), text)
    if DICTIONARY.search(text):
        text = DICTIONARY.sub(lambda _: dictionary(), text)
    return text


def main() -> int:
    readme = paths.PROJECT_ROOT / "README.md"
    current = readme.read_text(encoding="utf-8")
    updated = update(current)
    if updated != current:
        readme.write_text(updated, encoding="utf-8")
        print("README.md: generated blocks updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
