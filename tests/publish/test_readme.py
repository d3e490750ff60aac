"""The README's findings block (``python -m zzreport.publish.readme``, run by `make notebooks`):
what the data gives today, and refused loudly when the README has no block to fill."""

from __future__ import annotations

import pytest

from zzreport.data import paths
from zzreport.findings.scorecard import scorecard_facts
from zzreport.publish import readme


def test_readme_findings_are_what_the_data_gives() -> None:
    text = (paths.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.update(text) == text, "README findings are stale: run make notebooks"
    facts = scorecard_facts()
    block = readme.BLOCK.search(text).group(0)
    # the lead counts indicators (one promise each) when one indicator has two judged targets
    met, missed = (
        (facts.indicators_met, facts.indicators_missed)
        if facts.judged_twice
        else (facts.met, facts.missed)
    )
    assert f"**{met} met**" in block and f"**{missed} missed**" in block
    assert block.count("\n| ") == facts.judged + facts.sources_disagree + 1  # + header


def test_a_readme_without_the_block_is_refused() -> None:
    with pytest.raises(ValueError, match="README.md has no <!-- findings:start -->"):
        readme.update("# A README\n\nno findings here\n")


def test_only_the_block_is_rewritten() -> None:
    stale = f"before\n{readme.START}\nold numbers\n{readme.END}\nafter\n"
    updated = readme.update(stale)
    assert updated.startswith("before\n" + readme.START) and updated.endswith(
        readme.END + "\nafter\n"
    )
    assert "old numbers" not in updated and readme.update(updated) == updated


def test_the_data_dictionary_is_datapackage_json() -> None:
    """The README's column descriptions are generated from data/datapackage.json: one place
    per language, no untested third copy."""
    import json

    text = (paths.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.DICTIONARY.search(text).group(0)
    assert block == readme.dictionary()
    package = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if resource["name"] in readme.DICTIONARY_TABLES:
            for field in resource["schema"]["fields"]:
                assert f"| `{field['name']}` |" in block, (resource["name"], field["name"])
