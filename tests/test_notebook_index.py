"""The contents and the previous/next links are generated, and kept up to date."""

import nbformat
import pytest

from analysis import NOTEBOOKS_DIR
from analysis.notebook_index import NAV_TAG, index, main, read_entry


def _write(path, title, time="10 minutes."):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"# {path.name[:2]} · {title}\n\nIntro."),
        nbformat.v4.new_markdown_cell(f"## Overview\n\n**Time:** {time}\n\n1. learn"),
        nbformat.v4.new_code_cell("CORPUS = 1"),
    ]
    nbformat.write(nb, path)


def _nav(path):
    nb = nbformat.read(path, as_version=4)
    return [(i, c.source) for i, c in enumerate(nb.cells) if NAV_TAG in c.metadata.get("tags", [])]


def test_the_suites_notebooks_are_up_to_date():
    stale = index(NOTEBOOKS_DIR, write=False)
    assert not stale, f"run `make notebooks-index`: {', '.join(p.name for p in stale)}"


def test_start_here_lists_every_notebook_with_its_time():
    nb = nbformat.read(NOTEBOOKS_DIR / "00-start-here.ipynb", as_version=4)
    table = next(c.source for c in nb.cells if "contents" in c.metadata.get("tags", []))
    assert (
        "| 01 | [The corpus: what we analyse, and what we leave out](01-the-corpus.ipynb) "
        "| 20 minutes teaching, 10 minutes exercise |" in table
    )
    for path in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))[1:]:
        assert f"]({path.name})" in table, path.name


def test_navigation_is_generated_idempotent_and_notices_a_new_notebook(tmp_path):
    _write(tmp_path / "00-start-here.ipynb", "Start here")
    _write(tmp_path / "01-first-steps.ipynb", "First steps: loading", "20 minutes.")
    assert [p.name for p in index(tmp_path)] == ["00-start-here.ipynb", "01-first-steps.ipynb"]
    assert _nav(tmp_path / "01-first-steps.ipynb") == [
        (1, "[← 00 · Start here](00-start-here.ipynb) | [Contents](00-start-here.ipynb#Contents)"),
        (4, "[← 00 · Start here](00-start-here.ipynb) | [Contents](00-start-here.ipynb#Contents)"),
    ]
    start = nbformat.read(tmp_path / "00-start-here.ipynb", as_version=4)
    assert start.cells[3].source.endswith(
        "| 01 | [First steps: loading](01-first-steps.ipynb) | 20 minutes |"
    ), "contents after the Overview"
    assert index(tmp_path) == [], "a second run changes nothing"

    _write(tmp_path / "02-next-step.ipynb", "Next step")
    assert main(["--dir", str(tmp_path), "--check"]) == 1
    assert [p.name for p in index(tmp_path)] == [
        "00-start-here.ipynb",
        "01-first-steps.ipynb",
        "02-next-step.ipynb",
    ]
    assert _nav(tmp_path / "01-first-steps.ipynb")[0][1].endswith(
        "| [02 · Next step →](02-next-step.ipynb)"
    )
    assert main(["--dir", str(tmp_path), "--check"]) == 0


def test_a_notebook_without_a_title_is_named(tmp_path):
    path = tmp_path / "03-untitled.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("Some text")]
    nbformat.write(nb, path)
    with pytest.raises(ValueError, match="03-untitled.ipynb: the first cell must be a title"):
        read_entry(path)
