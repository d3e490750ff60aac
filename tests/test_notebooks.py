"""The notebooks as a product: structure, parameters, clean committed outputs, and a Chinese
edition that runs without warnings. (Strict output comparison is nbval's job: ``make test``.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import papermill
import pytest

from zzreport.data import paths, schema
from zzreport.publish.determinism import KERNELSPEC
from zzreport.publish.notebooks import notebook_paths
from zzreport.words import text

NOTEBOOKS = notebook_paths()
EXPECTED = [
    "01-report-at-a-glance",
    "02-growth-targets",
    "03-year-over-year",
    "04-feasibility",
    "05-theme-deep-dive",
    "06-outcomes-2024",
    "07-target-record",
    "08-peers-and-hierarchy",
]


def load(path: Path):
    return nbformat.read(path, as_version=4)


def code_cells(notebook) -> list:
    return [c for c in notebook.cells if c.cell_type == "code"]


def outputs_text(notebook) -> str:
    return json.dumps([c.get("outputs", []) for c in code_cells(notebook)], ensure_ascii=False)


def test_the_numbered_notebooks_exist() -> None:
    assert [p.stem for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_skeleton(path: Path) -> None:
    notebook = load(path)
    assert notebook.cells[0].cell_type == "markdown" and notebook.cells[0].source.startswith("# ")
    for lang in ("en", "zh"):
        markdown = [
            c.source
            for c in notebook.cells
            if c.cell_type == "markdown" and f"lang-{lang}" in c.metadata.get("tags", [])
        ]
        assert sum(len(re.findall(r"^# ", m, re.M)) for m in markdown) == 1, f"one {lang} H1"
    english = [c.source for c in notebook.cells if "lang-en" in c.metadata.get("tags", [])]
    for heading in ("## Overview", "## The data and its source", "## Summary", "## References"):
        assert any(m.startswith(heading) for m in english), heading


CJK = re.compile(r"[\u4e00-\u9fff]")


def cjk_share(paragraph: str) -> float:
    """The share of CJK among the letters of a paragraph, code spans aside."""
    letters = [c for c in re.sub(r"`[^`]*`", "", paragraph) if c.isalpha()]
    return sum(bool(CJK.match(c)) for c in letters) / max(1, len(letters))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_markdown_cells_come_in_language_pairs(path: Path) -> None:
    """Every markdown cell is tagged lang-en or lang-zh, an English cell is followed by its
    Chinese partner (JupyterLab users see both), and each is written in its own language
    (an English paragraph may quote Chinese terms; it is not mostly Chinese)."""
    cells = load(path).cells
    markdown = [(i, c) for i, c in enumerate(cells) if c.cell_type == "markdown"]
    for index, cell in markdown:
        tags = {t for t in cell.metadata.get("tags", []) if t.startswith("lang-")}
        assert len(tags) == 1, f"cell {index} needs exactly one of lang-en, lang-zh"
        if tags == {"lang-en"}:
            partner = cells[index + 1]
            assert partner.cell_type == "markdown"
            assert "lang-zh" in partner.metadata.get("tags", []), f"cell {index} has no zh partner"
            levels = [re.findall(r"^#+ ", c.source, re.M) for c in (cell, partner)]
            assert levels[0] == levels[1], f"cell {index}: headings differ between languages"
        for paragraph in cell.source.split("\n\n"):
            share = cjk_share(paragraph)
            if tags == {"lang-en"}:
                assert share <= 0.5, f"cell {index}: mostly Chinese in an English cell"
            else:
                assert share > 0.5, f"cell {index}: mostly English in a Chinese cell"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_cell_follows_the_imports(path: Path) -> None:
    cells = code_cells(load(path))
    assert "import zzreport" in cells[0].source
    assert "parameters" in cells[1].metadata.get("tags", [])
    assert re.search(r'^lang = "en"', cells[1].source, re.M)
    assert "params.check(" in cells[2].source, "parameters are validated right away"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_outputs_are_clean(path: Path) -> None:
    notebook = load(path)
    assert notebook.metadata["kernelspec"] == KERNELSPEC
    for index, cell in enumerate(code_cells(notebook), start=1):
        assert cell.execution_count == index, "executed top to bottom, every cell"
        for output in cell.outputs:
            assert output.get("name") != "stderr", f"stderr in cell {index}"
            assert output.output_type != "error", f"error in cell {index}"
    text = outputs_text(notebook)
    assert "missing from font" not in text and "Warning" not in text
    assert not re.search(r"0x[0-9a-f]{8,}", text), "object addresses are volatile"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_prose_numbers_come_from_code(path: Path) -> None:
    """Markdown cells carry no typed numbers (years and notebook names aside): figures in prose
    are formatted from the data in code cells."""
    for cell in load(path).cells:
        if cell.cell_type == "markdown":
            stripped = re.sub(r"20\d\d|\b0\d-[a-z-]+", "", cell.source)
            assert not re.search(r"\d", stripped), cell.source[:80]


def test_no_analysis_logic_in_notebooks() -> None:
    """Notebooks call the package; they do not compute (no loops, no function definitions)."""
    for path in NOTEBOOKS:
        for cell in code_cells(load(path)):
            assert not re.search(r"^\s*(def |for |class |while )", cell.source, re.M), path.stem


def run(path: Path, tmp_path: Path, **parameters):
    output = tmp_path / path.name
    papermill.execute_notebook(
        str(path),
        str(output),
        parameters=parameters,
        kernel_name="python3",
        cwd=str(path.parent),
        progress_bar=False,
    )
    return load(output)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_chinese_edition_runs_clean(path: Path, build_zh) -> None:
    """The Chinese build (papermill, lang="zh") printed no warning and no missing glyph."""
    executed = sorted(build_zh.executed.glob(f"{path.stem}*.ipynb"))
    assert executed
    for copy in executed:
        text = outputs_text(load(copy))
        assert '"name": "stderr"' not in text, f"{copy.name}: no warnings or other stderr"
        assert "missing from font" not in text
        titles = re.findall(r'"text/markdown": "([^"]*)', text)
        assert titles and any(re.search(r"[\u4e00-\u9fff]{4,}", t) for t in titles), (
            "prose is in Chinese"
        )


@pytest.mark.parametrize("theme", schema.SECTIONS)
def test_theme_deep_dive_runs_for_every_theme(theme: str, build_en) -> None:
    executed = build_en.executed / f"05-theme-deep-dive-{theme}.ipynb"
    shown = outputs_text(load(executed))
    assert '"name": "stderr"' not in shown
    assert text.section_name(theme, "en") in shown


@pytest.mark.parametrize(
    "notebook, parameter, value, expected",
    [
        (
            "01-report-at-a-glance",
            "lang",
            "xx",
            "parameter lang='xx' is not allowed; expected one of 'en', 'zh'",
        ),
        ("05-theme-deep-dive", "theme", "economy", "parameter theme='economy' is not allowed"),
        (
            "04-feasibility",
            "momentum",
            5,
            "parameter momentum=5 is not allowed; expected a finite number from 0 to 3",
        ),
    ],
)
def test_bad_parameters_fail_at_the_top_with_a_clear_message(
    notebook, parameter, value, expected, tmp_path
) -> None:
    path = paths.NOTEBOOKS_DIR / f"{notebook}.ipynb"
    with pytest.raises(papermill.PapermillExecutionError) as caught:
        run(path, tmp_path, **{parameter: value})
    assert caught.value.ename == "ValueError"
    assert expected in caught.value.evalue
    # It fails in the validation cell, right after the injected parameters, not deep inside.
    failed = load(tmp_path / path.name)
    error_cells = [
        i
        for i, c in enumerate(code_cells(failed))
        if any(o.output_type == "error" for o in c.outputs)
    ]
    assert error_cells and "params.check(" in code_cells(failed)[error_cells[0]].source


@pytest.mark.slow  # a whole notebook: make test-fast leaves it out
def test_papermill_runs_a_notebook_with_a_parameter(tmp_path) -> None:
    """Readers rerun a notebook with papermill themselves: the cell tagged ``parameters`` takes
    the value, and the notebook uses it (the build runs notebooks the same way)."""
    executed = run(paths.NOTEBOOKS_DIR / "04-feasibility.ipynb", tmp_path, momentum=0.5)
    tags = [c.metadata.get("tags", []) for c in executed.cells]
    assert tags[tags.index(["parameters"]) + 1] == ["injected-parameters"]
    shown = outputs_text(executed)
    assert "Adding 0.5× their 2023 increment" in shown or "Adding 0.5\\u00d7" in shown
