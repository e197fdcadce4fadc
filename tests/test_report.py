"""The report: every notebook run on a corpus, one HTML file, figures and tables beside it.

The full report runs once per session on the second test corpus (three made-up
articles, tests/data/README.md); the seeds and failures are tested on one small
notebook each, so the whole file stays around 20 seconds.
"""

import os
import re
import subprocess
import sys

import nbformat
import pandas as pd
import pytest

from analysis import FIGURES, NOTEBOOKS_DIR, SEEDS_DIR, TABLE_NAMES
from analysis.cli import main
from analysis.config import ROOT
from analysis.report import (
    INJECTED_TAG,
    ReportError,
    anchor,
    link_within_report,
    make_report,
    notebook_paths,
    parameterize,
    prepare,
)
from tests.conftest import DNIPRO_DIR, DNIPRO_PROPOSES, DNIPRO_REJECTS, DNIPRO_WARNS


@pytest.fixture(scope="session")
def dnipro_report(tmp_path_factory):
    """The full report on the second corpus, made once through the command line.

    Meanwhile `python -m analysis figures` draws the same corpus in another process
    with another hash seed, into ``figures-other/``, for the byte-identity test.
    """
    out = tmp_path_factory.mktemp("report")
    command = [sys.executable, "-m", "analysis", "figures", "--corpus", str(DNIPRO_DIR)]
    command += ["--out", str(out / "figures-other")]
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    other = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    code = main(
        ["report", "--corpus", str(DNIPRO_DIR), "--out", str(out), "--jobs", "2", "--no-progress"]
    )
    _, err = other.communicate(timeout=600)
    assert other.returncode == 0, err.decode()
    assert code == 0
    return out


def _notebook(*cells, tags=None):
    nb = nbformat.v4.new_notebook()
    for i, source in enumerate(cells):
        cell = (
            nbformat.v4.new_markdown_cell(source)
            if source.startswith("#") and not source.startswith("# NBVAL")
            else nbformat.v4.new_code_cell(source)
        )
        if tags and i in tags:
            cell.metadata["tags"] = tags[i]
        nb.cells.append(cell)
    return nb


# --- preparing notebooks (no kernel) ---------------------------------------------------


def test_parameterize_injects_corpus_after_the_parameters_cell():
    nb = _notebook(
        "# 01 · T",
        "from analysis import SEEDS_DIR",
        "CORPUS = SEEDS_DIR\nCATALOG = None",
        "print(CORPUS)",
        tags={2: ["parameters"]},
    )
    out = parameterize(nb, corpus="/data/my corpus", catalog="/data/cat.csv", name="01-t.ipynb")
    assert [c.metadata["report"]["cell"] for c in out.cells] == [1, 2, 3, 0, 4]
    injected = out.cells[3]
    assert injected.metadata["tags"] == [INJECTED_TAG]
    assert "CORPUS = '/data/my corpus'" in injected.source
    assert "CATALOG = '/data/cat.csv'" in injected.source
    assert len(nb.cells) == 4, "the original notebook is not changed"
    assert "TEXT_COLUMN" not in injected.source and "DAYFIRST" not in injected.source


def test_parameterize_passes_how_to_read_the_corpus():
    nb = _notebook(
        "CORPUS = SEEDS_DIR\nCATALOG = None\nTEXT_COLUMN = None\nDAYFIRST = False",
        tags={0: ["parameters"]},
    )
    out = parameterize(nb, corpus="feed.csv", text_column="story", dayfirst=True)
    namespace = {}
    exec(out.cells[1].source, namespace)
    assert (namespace["CORPUS"], namespace["TEXT_COLUMN"], namespace["DAYFIRST"]) == (
        "feed.csv",
        "story",
        True,
    )
    assert "CATALOG" not in namespace, "not given: the notebook's own value stands"


def test_parameterize_errors_name_the_notebook():
    with pytest.raises(
        ReportError, match=r"02-x\.ipynb: needs exactly one cell tagged 'parameters' \(found 0\)"
    ):
        parameterize(_notebook("CORPUS = 1"), corpus="c", name="02-x.ipynb")
    nb = _notebook("CORPUS = 1", tags={0: ["parameters"]})
    with pytest.raises(ReportError, match="02-x.ipynb: its parameters cell has no CATALOG"):
        parameterize(nb, corpus="c", catalog="cat.csv", name="02-x.ipynb")
    with pytest.raises(ReportError, match="02-x.ipynb: its parameters cell has no TEXT_COLUMN"):
        parameterize(nb, corpus="c", text_column="story", name="02-x.ipynb")
    with pytest.raises(ReportError, match="02-x.ipynb: its parameters cell has no DAYFIRST"):
        parameterize(nb, corpus="c", dayfirst=True, name="02-x.ipynb")


def test_prepare_leaves_out_exercise_stubs_but_keeps_solutions():
    nb = _notebook(
        "CORPUS = 1",
        '# NBVAL_RAISES_EXCEPTION\nraise NotImplementedError("Exercise")',
        "answer = 42",
        tags={0: ["parameters"], 2: ["solution"]},
    )
    out = prepare(nb, corpus="c")
    assert [c.source for c in out.cells][-1] == "answer = 42"
    assert not any("NotImplementedError" in c.source for c in out.cells)


def test_links_between_notebooks_become_links_inside_the_report():
    text = "[02 · Rhetoric](02-rhetoric-frequency.ipynb) and [09](09-elsewhere.ipynb) and [web](https://x.org)"
    assert link_within_report(text, {"02-rhetoric-frequency"}) == (
        "[02 · Rhetoric](#nb-02-rhetoric-frequency) and 09 and [web](https://x.org)"
    ), "a notebook the report leaves out is named, not linked (the link would be broken)"


def test_notebook_paths_select_by_number_and_skip_the_guide():
    every = notebook_paths()
    assert every and all(p.parent == NOTEBOOKS_DIR for p in every)
    assert "00-start-here.ipynb" not in [p.name for p in every]
    assert [p.name for p in notebook_paths(only=["01"])] == ["01-the-corpus.ipynb"]
    with pytest.raises(ReportError, match="no notebook '99'"):
        notebook_paths(only=["99"])


# --- the full report on the second corpus --------------------------------------------------


def test_report_runs_every_notebook_on_the_given_corpus(dnipro_report):
    html = (dnipro_report / "report.html").read_text(encoding="utf-8")
    assert "<title>Report: dnipro-monitors corpus</title>" in html
    assert "Source: dnipro-monitors corpus, 3 articles (2031-03-04 to 2031-03-06)" in html
    assert "incomplete" not in html
    assert 'href="00-start-here.ipynb"' not in html, "no link to a notebook left out"
    assert "VBox(children" not in html, "the explorer widget is left out of a static page"
    for path in notebook_paths():
        assert f'id="{anchor(path)}"' in html, path.name
        assert f'href="#{anchor(path)}"' in html, f"contents link to {path.name}"
        executed = nbformat.read(dnipro_report / "notebooks" / path.name, as_version=4)
        injected = [c for c in executed.cells if INJECTED_TAG in c.metadata.get("tags", [])]
        assert len(injected) == 1 and str(DNIPRO_DIR) in injected[0].source
        code = [c for c in executed.cells if c.cell_type == "code"]
        assert all(c.execution_count for c in code), f"{path.name}: every code cell ran"
        assert not any("raise NotImplementedError" in c.source for c in code)
        assert not any(o.output_type == "error" for c in code for o in c.outputs)


def test_report_notebooks_saw_the_test_corpus_not_the_seeds(dnipro_report):
    nb = nbformat.read(dnipro_report / "notebooks" / "01-the-corpus.ipynb", as_version=4)
    printed = "".join(
        o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
    )
    assert "Loaded 3 article(s)" in printed
    html = (dnipro_report / "report.html").read_text(encoding="utf-8")
    for article_id in (DNIPRO_WARNS, DNIPRO_PROPOSES, DNIPRO_REJECTS):
        assert article_id in html
    assert "000_0cc22dba215e94ea" not in html


def test_report_writes_every_table_and_every_figure(dnipro_report, dnipro):
    for name in TABLE_NAMES:
        assert (dnipro_report / "tables" / f"{name}.csv").exists(), name
    articles = pd.read_csv(dnipro_report / "tables" / "articles.csv")
    assert list(articles["article_id"]) == [DNIPRO_WARNS, DNIPRO_PROPOSES, DNIPRO_REJECTS]
    assert list(articles["n_words"]) == [91, 68, 81]
    removed = pd.read_csv(dnipro_report / "tables" / "removed.csv")
    assert "follow-us" in set(removed["rule"])
    for name in FIGURES:
        for ext in ("png", "svg"):
            assert (dnipro_report / "figures" / f"{name}.{ext}").stat().st_size > 1000
    html = (dnipro_report / "report.html").read_text(encoding="utf-8")
    embedded = len(re.findall(r"data:image/png;base64", html))
    assert embedded >= len(FIGURES) + 1, "the notebooks' figures and the registered ones"
    assert "tables/articles.csv" in html and "3 rows" in html


def test_figures_are_byte_identical_in_another_process(dnipro_report):
    """`make figures` twice gives the same bytes: the report's figures against those
    drawn by `python -m analysis figures` in a fresh process with another hash seed
    (another order of any set or dict built from strings)."""
    here = sorted((dnipro_report / "figures").iterdir())
    assert [p.name for p in here] == sorted(f"{n}.{e}" for n in FIGURES for e in ("png", "svg"))
    for path in here:
        assert path.read_bytes().startswith(b"\x89PNG" if path.suffix == ".png" else b"<?xml")
        other = dnipro_report / "figures-other" / path.name
        assert path.read_bytes() == other.read_bytes(), path.name


# --- the seeds, and a notebook that fails ------------------------------------------------------


def test_failing_notebook_is_named_with_its_cell_and_the_report_still_written(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    broken = _notebook(
        "# 01 · Broken",
        "CORPUS = None",
        "from analysis import load_corpus\nprint(len(load_corpus(CORPUS)), 'articles')",
        "x = 1",
        "y = x / 0",
        "print('never')",
        tags={1: ["parameters"]},
    )
    nbformat.write(broken, notebooks / "01-broken.ipynb")
    with pytest.raises(ReportError) as info:
        make_report(
            SEEDS_DIR, tmp_path / "out", notebooks_dir=notebooks, figures=False, progress=False
        )
    assert (
        "01-broken.ipynb: cell 5 of 6 (starting 'y = x / 0') raised ZeroDivisionError: division by zero"
        in str(info.value)
    )
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "This report is incomplete" in html
    executed = nbformat.read(tmp_path / "out" / "notebooks" / "01-broken.ipynb", as_version=4)
    load_cell = executed.cells[3]
    assert load_cell.outputs[0]["text"] == "5 articles\n", "the seeds, through the report"
    assert not executed.cells[-1].outputs, "nothing runs after the failing cell"


def test_command_line_errors_are_messages(capsys, tmp_path):
    assert main(["report", "--corpus", "no-such-folder", "--out", str(tmp_path)]) == 2
    assert "no-such-folder: no such file or folder" in capsys.readouterr().err
    code = main(["report", "--corpus", str(SEEDS_DIR), "--out", str(tmp_path), "--notebooks", "77"])
    assert code == 1
    assert "no notebook '77'" in capsys.readouterr().err


def test_report_reads_the_corpus_and_runs_the_notebooks_with_text_column_and_dayfirst(
    tmp_path, monkeypatch, capsys
):
    """From the command line to the tables and to each notebook's injected cell (the
    kernels are left out here: notebook 01 itself is run with these parameters in
    test_report_small.py)."""
    import analysis.figures
    import analysis.report

    monkeypatch.setattr(analysis.figures, "save_figures", lambda *a, **kw: [])  # tested above
    ran = []
    monkeypatch.setattr(
        analysis.report, "execute", lambda nb, name, **kw: (ran.append(name), (nb, None))[1]
    )
    table = tmp_path / "feed.csv"
    pd.DataFrame(
        {
            "id": ["warned"],
            "story": ["Officials warned that the strikes would continue."],
            "date": ["05/03/2025"],
        }
    ).to_csv(table, index=False)
    out = tmp_path / "out"
    command = ["report", "--corpus", str(table), "--out", str(out), "--notebooks", "01,04"]
    assert main([*command, "--text-column", "story", "--dayfirst", "--no-progress"]) == 0
    assert ran == ["01-the-corpus.ipynb", "04-threats-and-proposals.ipynb"]
    articles = pd.read_csv(out / "tables" / "articles.csv")
    assert articles["published"].tolist() == ["2025-03-05"]
    for name in ran:
        nb = nbformat.read(out / "notebooks" / name, as_version=4)
        (injected,) = [c for c in nb.cells if INJECTED_TAG in c.metadata.get("tags", [])]
        assert "TEXT_COLUMN = 'story'" in injected.source and "DAYFIRST = True" in injected.source
    assert "Load report:" not in (out / "report.html").read_text(encoding="utf-8")
    # without --dayfirst the dates are ambiguous: said on stderr and on the front page
    capsys.readouterr()
    assert main([*command, "--text-column", "story", "--no-progress"]) == 0
    assert "could be day or month first" in capsys.readouterr().err
    html = (out / "report.html").read_text(encoding="utf-8")
    front = html[: html.index(f'id="{anchor("01-the-corpus.ipynb")}"')]  # before notebook 01
    assert "Load report:</strong> 0 skipped, 1 warning" in front
    assert "could be day or month first" in front


def test_html_can_leave_the_code_out():
    from analysis.report import to_html

    nb = _notebook("# 01 · T", "secret_variable = 41 + 1")
    nb.cells[1].outputs = [
        nbformat.v4.new_output("execute_result", {"text/plain": "42"}, execution_count=1)
    ]
    with_code = to_html(nb, title="T")
    without = to_html(nb, title="T", hide_code=True)
    assert "secret_variable" in with_code and "secret_variable" not in without
    assert "42" in without and "<title>T</title>" in without
