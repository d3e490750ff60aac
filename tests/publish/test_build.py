"""The build, through the real command line: every page and the index, both editions, warm
kernels that give a fresh kernel's outputs, and failures that keep the previous site."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from tests.helpers import (
    TEST_BUILDS,
    parameters_cell,
    site_files,
    write_notebook,
    zzreport,
)
from zzreport.data import paths, schema
from zzreport.publish.notebooks import notebook_paths

NOTEBOOK_STEMS = [p.stem for p in notebook_paths()]


# --- build ----------------------------------------------------------------------------------


def expected_pages() -> set[str]:
    """One page per notebook, the theme deep dive once per theme."""
    pages = {f"{stem}.html" for stem in NOTEBOOK_STEMS if stem != "05-theme-deep-dive"}
    return pages | {f"05-theme-deep-dive-{theme}.html" for theme in schema.SECTIONS}


SITE_PAGES = {"index.html", "methods.html", "search.html"}  # pages of the site, not notebooks


def test_build_writes_every_page_and_the_index(build_en) -> None:
    site = build_en.site
    assert {p.name for p in site.glob("*.html")} == expected_pages() | SITE_PAGES
    assert (site / "data" / "indicators.csv").read_bytes() == paths.INDICATORS_CSV.read_bytes()
    assert (site / "fonts" / "NotoSansSC-Regular.otf").exists()
    assert f"site: {(site / 'index.html').resolve()}" in build_en.stdout


def test_build_reports_progress_per_notebook(build_both) -> None:
    lines = [line for line in build_both.stdout.splitlines() if re.match(r"\[\s*\d+/\d+\]", line)]
    total = 2 * len(expected_pages())  # both editions in one run: each job once per edition
    assert len(lines) == total and all(f"/{total}]" in line for line in lines)
    names = {re.match(r"\[\s*\d+/\d+\] (\S+)", line).group(1) for line in lines}
    assert names == {
        f"{lang}/{page[: -len('.html')]}" for lang in ("en", "zh") for page in expected_pages()
    }
    assert all(re.search(r"\d+\.\d s  ok$", line) for line in lines)  # a fresh folder: no cache


def test_both_editions_go_where_single_edition_builds_put_them(build_both) -> None:
    """`--lang all`: English in OUT, Chinese in OUT/zh — where `--lang zh --out OUT/zh` puts
    it — each with its own executed notebooks, cache and site."""
    for folder in (build_both.out, build_both.out / "zh"):
        assert {p.name for p in (folder / "site").glob("*.html")} == expected_pages() | SITE_PAGES
        assert len(list((folder / "executed").glob("*.ipynb"))) == len(expected_pages())
        assert f"site: {(folder / 'site' / 'index.html').resolve()}" in build_both.stdout


def test_build_console_carries_no_kernel_noise(build_en) -> None:
    assert "IPKernelApp" not in build_en.stdout + build_en.stderr


def test_site_is_offline(build_en) -> None:
    for page in build_en.site.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', text), page.name
        assert "cdnjs" not in text and "mathjax" not in text.lower(), page.name


def test_methods_page_describes_every_column_from_the_data(build_en) -> None:
    methods = (build_en.site / "methods.html").read_text(encoding="utf-8")
    for field in schema.FIELDS:
        assert f"<code>{field.name}</code>" in methods  # the data dictionary
    assert "built-in method" not in methods  # a column named "values", not dict.values
    assert (
        "<td><code>exact</code>, <code>about</code>, <code>at_least</code>, "
        "<code>at_most</code></td>"
    ) in methods
    index = (build_en.site / "index.html").read_text(encoding="utf-8")
    assert 'href="methods.html"' in index  # reached from the index


def test_chinese_edition(build_zh) -> None:
    index = (build_zh.site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans">' in index and "郑州市2024年政府工作报告数据解读" in index
    executed = nbformat.read(build_zh.executed / "01-report-at-a-glance.ipynb", as_version=4)
    assert "报告共给出" in json.dumps(
        [c.get("outputs") for c in executed.cells], ensure_ascii=False
    )


def outputs(notebook: Path) -> list:
    content = nbformat.read(notebook, as_version=4)
    return [
        (c.cell_type, c.source, c.get("execution_count"), c.get("outputs", []))
        for c in content.cells
    ]


@pytest.mark.slow
@pytest.mark.parametrize("edition", ["en", "zh"])
def test_warm_kernels_give_the_outputs_of_fresh_kernels(request, edition) -> None:
    """Every notebook, in both languages and with every theme, run on warm kernels (many
    notebooks per kernel, reset between them) gives the outputs of a fresh kernel per
    notebook, cell for cell; and since both builds are reproducible, the same bytes. The warm
    build runs in a fixed order (``--fixed-order``), so each notebook follows the same
    neighbour on every run and this test gives the same answer every time; a neighbour that
    changes everything on purpose is test_kernels.py's."""
    warm = request.getfixturevalue(f"build_{edition}")
    fresh = request.getfixturevalue(f"build_{edition}_fresh")
    names = sorted(p.name for p in warm.executed.glob("*.ipynb"))
    assert names == sorted(p.name for p in fresh.executed.glob("*.ipynb"))
    assert len(names) == len(expected_pages())
    for name in names:
        assert outputs(warm.executed / name) == outputs(fresh.executed / name), name
        assert (warm.executed / name).read_bytes() == (fresh.executed / name).read_bytes(), name
    assert site_files(warm.site) == site_files(fresh.site)


def test_executed_notebooks_keep_papermills_cells_and_metadata(build_en) -> None:
    executed = nbformat.read(build_en.executed / "04-feasibility.ipynb", as_version=4)
    tags = [c.metadata.get("tags", []) for c in executed.cells]
    parameters = tags.index(["parameters"])
    assert tags[parameters + 1] == ["injected-parameters"]
    assert 'lang = "en"' in executed.cells[parameters + 1].source
    meta = executed.metadata.papermill
    assert meta.parameters == {"lang": "en"}
    assert meta.input_path == "notebooks/04-feasibility.ipynb"
    assert meta.output_path == "executed/04-feasibility.ipynb"
    assert {"start_time", "end_time", "duration", "exception", "version"} <= set(meta)
    assert all("papermill" in c.metadata for c in executed.cells)


# --- failures leave the previous site intact ------------------------------------------------


def broken_notebooks(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(paths.NOTEBOOKS_DIR / "01-report-at-a-glance.ipynb", folder)
    write_notebook(
        folder / "02-broken.ipynb", [parameters_cell(), nbformat.v4.new_code_cell("1 / 0")]
    )
    return folder


@pytest.mark.slow
def test_failing_notebook_stops_the_build_and_keeps_the_previous_site() -> None:
    out = TEST_BUILDS / "failing"
    shutil.rmtree(out, ignore_errors=True)
    previous = out / "site"
    previous.mkdir(parents=True)
    (previous / "index.html").write_text("the previous site", encoding="utf-8")
    notebooks = broken_notebooks(out / "notebooks")
    result = zzreport(
        "build", "--out", str(out), "--jobs", "2", env={"ZZREPORT_NOTEBOOKS_DIR": str(notebooks)}
    )
    assert result.returncode == 1
    assert "02-broken.ipynb failed in cell" in result.stderr
    assert "ZeroDivisionError" in result.stderr
    assert str(out / "executed" / "02-broken.ipynb") in result.stderr
    assert (previous / "index.html").read_text(encoding="utf-8") == "the previous site"
    executed = nbformat.read(out / "executed" / "02-broken.ipynb", as_version=4)
    assert any(o.output_type == "error" for c in executed.cells for o in c.get("outputs", []))
    assert not list(out.glob(".site-*")), "no half-written site left behind"


@pytest.mark.slow
def test_an_index_that_cannot_be_written_fails_the_build_naming_the_notebook(tmp_path) -> None:
    """The index page is written in a worker's kernel: a notebook whose metadata names a
    facts function that does not exist fails the build with its name, and the previous site
    stays."""
    out = tmp_path / "out"
    (out / "site").mkdir(parents=True)
    (out / "site" / "index.html").write_text("the previous site", encoding="utf-8")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    headline = {"facts": "zzreport.findings.scorecard:no_such_facts", "prose": "headline_scorecard"}
    write_notebook(
        notebooks / "08-bad-headline.ipynb",
        [nbformat.v4.new_markdown_cell("# A question"), parameters_cell()],
        {"zzreport": {"headline": headline}},
    )
    result = zzreport(
        "build", "--out", str(out), "--jobs", "1", env={"ZZREPORT_NOTEBOOKS_DIR": str(notebooks)}
    )
    assert result.returncode == 1, result.stdout
    message = result.stderr.strip().splitlines()
    assert message[0].startswith("build failed: the index page (en/index) could not be written")
    assert "08-bad-headline.ipynb" in message[0] and "no_such_facts" in message[0]
    assert "Traceback" not in result.stderr and "/index" not in result.stdout
    logs = "".join(p.read_text(encoding="utf-8") for p in (out / "logs").glob("*.log"))
    assert "no_such_facts" in logs and "Traceback" in logs  # where the message points
    assert (out / "site" / "index.html").read_text(encoding="utf-8") == "the previous site"
    assert not list(out.glob(".site-*")), "no half-written site left behind"
