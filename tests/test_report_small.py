"""Notebooks 02 and 04 on a corpus with next to nothing in it: one article, no
dictionary hit, no statement. A user's first corpus can be this small; the notebooks
must still run to the end (they stopped at keyness, at a hit table and at the first
threat).

Their code cells run here, in this process, as the report prepares them (the corpus
injected after the parameters cell, exercise stubs left out): a kernel each would cost
more than the notebooks' own work on one article. The report itself, with kernels, is
tested on the second corpus in tests/test_report.py.
"""

import contextlib
import io
import os

import matplotlib
import nbformat
import pandas as pd

from analysis.config import NOTEBOOKS_DIR
from analysis.report import prepare

matplotlib.use("Agg")


def run_cells(path, corpus, namespace=None, **parameters) -> str:
    """Run the code cells of the notebook at ``path``, prepared for ``corpus`` (and
    ``parameters``, as the report passes them), in ``namespace``; return what they
    printed. A cell that raises fails the test, named."""
    nb = prepare(nbformat.read(path, as_version=4), corpus=corpus, name=path.name, **parameters)
    namespace = {} if namespace is None else namespace
    printed = io.StringIO()
    here = os.getcwd()
    os.chdir(NOTEBOOKS_DIR)  # where the kernels run
    try:
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            with contextlib.redirect_stdout(printed):
                try:
                    exec(compile(cell.source, f"{path.name} cell {i}", "exec"), namespace)
                except Exception as exc:
                    raise AssertionError(f"{path.name}, cell {i}: {cell.source[:60]!r}") from exc
    finally:
        os.chdir(here)
        import matplotlib.pyplot as plt

        plt.close("all")
    return printed.getvalue()


def test_notebooks_run_on_one_article_without_hits_or_statements(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "weather.txt").write_text(
        "date: 2025-03-05\n\nThe weather was mild on Monday. Farmers sold apples.\n",
        encoding="utf-8",
    )
    printed = run_cells(NOTEBOOKS_DIR / "02-rhetoric-frequency.ipynb", corpus)
    assert "Keyness compares two groups of articles; this corpus has only one." in printed
    printed = run_cells(NOTEBOOKS_DIR / "04-threats-and-proposals.ipynb", corpus)
    assert "This corpus has no statement to check." in printed


def test_notebook_01_reads_a_table_by_its_text_column_and_day_first_dates(tmp_path):
    """TEXT_COLUMN and DAYFIRST, as `report --text-column story --dayfirst` injects
    them, reach the notebook's load: without them this table has no text column, and
    05/03/2025 would be 3 May."""
    table = tmp_path / "feed.csv"
    pd.DataFrame(
        {
            "id": ["a", "b"],
            "story": [
                "The ministry said on Tuesday that talks would resume.",
                "Officials warned that the strikes would continue.",
            ],
            "date": ["05/03/2025", "13/03/2025"],
        }
    ).to_csv(table, index=False)
    namespace: dict = {}
    run_cells(
        NOTEBOOKS_DIR / "01-the-corpus.ipynb",
        table,
        namespace,
        text_column="story",
        dayfirst=True,
    )
    corpus = namespace["corpus"]
    assert corpus["article_id"].tolist() == ["a", "b"]
    assert corpus["text"].tolist()[1] == "Officials warned that the strikes would continue."
    assert corpus["published"].dt.strftime("%Y-%m-%d").tolist() == ["2025-03-05", "2025-03-13"]
    assert corpus.attrs["load_report"].warnings == [], "read day first: nothing ambiguous"
