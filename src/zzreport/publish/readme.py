"""The README's findings, generated from the data so that no number in it is typed by hand.

``python -m zzreport.publish.readme`` (run by ``make notebooks``) rewrites the block between
``<!-- findings:start -->`` and ``<!-- findings:end -->`` in README.md; a test fails when the
block is not what the data gives today.
"""

from __future__ import annotations

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


def update(text: str) -> str:
    if not BLOCK.search(text):
        raise ValueError(f"README.md has no {START} … {END} block to fill")
    return BLOCK.sub(lambda _: findings(), text)


def main() -> int:
    readme = paths.PROJECT_ROOT / "README.md"
    current = readme.read_text(encoding="utf-8")
    updated = update(current)
    if updated != current:
        readme.write_text(updated, encoding="utf-8")
        print("README.md: findings updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
