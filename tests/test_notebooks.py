"""Every notebook follows the teaching skeleton (the notebooks themselves run under nbval).

Title; Overview with numbered objectives and a time; Prerequisites; a cell tagged
``parameters``; exercises as stubs that raise NotImplementedError, each followed by
a solution; Summary and What's next; outputs stripped so diffs stay readable.
"""

import re

import nbformat
import pytest

from analysis import NOTEBOOKS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_name_and_skeleton(path):
    assert re.fullmatch(r"\d\d-[a-z0-9]+(-[a-z0-9]+)*\.ipynb", path.name)
    nb = nbformat.read(path, as_version=4)
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    number = path.name[:2]
    assert markdown[0].startswith(f"# {number} · "), "first cell: '# NN · Title'"
    text = "\n".join(markdown)
    for heading in ("## Overview", "## Prerequisites", "## Summary", "## What's next"):
        assert heading in text, f"missing {heading!r}"
    overview = next(m for m in markdown if m.startswith("## Overview"))
    assert "**Time:**" in overview and re.search(r"^1\. ", overview, re.M), (
        "Overview needs a time and numbered objectives"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_parameters_cell(path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    assert re.search(r"^CORPUS = ", tagged[0].source, re.M), "the parameters cell sets CORPUS"
    # how to read the corpus, which `report --text-column/--dayfirst` sets
    for variable in ("TEXT_COLUMN", "DAYFIRST"):
        assert re.search(rf"^{variable} = ", tagged[0].source, re.M), f"no {variable}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_corpus_is_loaded_with_the_parameters(path):
    """A load that ignored TEXT_COLUMN or DAYFIRST would read another corpus than
    the parameters cell (and the report) say."""
    nb = nbformat.read(path, as_version=4)
    calls = [
        m.group(0)
        for c in nb.cells
        if c.cell_type == "code"
        for m in re.finditer(r"load_corpus\([^)]*\)", c.source)
    ]
    assert calls, "the notebook loads its corpus"
    for call in calls:
        assert "text_column=TEXT_COLUMN" in call and "dayfirst=DAYFIRST" in call, call


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_exercise_stub_has_a_solution(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    stubs = [i for i, c in enumerate(code) if "raise NotImplementedError" in c.source]
    if path.name != "00-start-here.ipynb":
        assert stubs, "every teaching notebook has at least one exercise"
    for i in stubs:
        # the tag JupyterLab's Run All and nbval both honour: the error is expected
        assert "raises-exception" in code[i].metadata.get("tags", []), (
            f"exercise stub {i} must be tagged 'raises-exception'"
        )
        assert i + 1 < len(code) and "solution" in code[i + 1].metadata.get("tags", []), (
            f"exercise stub {i} is not followed by a code cell tagged 'solution'"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_are_stripped(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, (
                "strip outputs before committing"
            )
