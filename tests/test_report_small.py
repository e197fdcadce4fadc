"""Notebooks 02 and 04 on a corpus with next to nothing in it: one article, no
dictionary hit, no statement. A user's first corpus can be this small; the notebooks
must still run to the end (they stopped at keyness, at a hit table and at the first
threat). In a file of its own, so that it runs beside the full report, not after it."""

from analysis.report import make_report


def test_notebooks_run_on_one_article_without_hits_or_statements(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "weather.txt").write_text(
        "date: 2025-03-05\n\nThe weather was mild on Monday. Farmers sold apples.\n",
        encoding="utf-8",
    )
    report = make_report(
        corpus, tmp_path / "out", notebooks=["02", "04"], figures=False, jobs=2, progress=False
    )
    assert not report.failures
    html = report.html.read_text(encoding="utf-8")
    assert "Keyness compares two groups of articles; this corpus has only one." in html
    assert "This corpus has no statement to check." in html
