"""Figures: the registry, plot functions on a given Axes, byte-identical files."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from analysis import FIGURES, Tables, plot_article_lengths, removed_spans, save_figures, source_line  # noqa: E402
from analysis.figures import plot_removed  # noqa: E402


def test_plot_functions_draw_on_the_given_axes(seeds):
    fig, ax = plt.subplots()
    assert plot_article_lengths(seeds, ax=ax) is ax
    assert ax.get_xlabel() == "words per article (after boilerplate removal)"
    assert [round(p.get_width()) for p in ax.patches] == [384, 340, 419, 300, 616]
    ax2 = plot_removed(removed_spans(seeds), seeds)
    assert ax2.get_title() == "Removed before analysis"
    plt.close("all")


def test_source_line_names_corpus_size_and_dates(seeds):
    assert source_line(seeds) == (
        "Source: seeds corpus, 5 articles (2025-09-04 to 2026-01-08; 2 undated). Made with rhetoric-evidence."
    )


def test_every_figure_is_written_twice_byte_identical(seeds, tmp_path):
    tables = Tables(seeds)
    first = save_figures(tables, tmp_path / "a")
    second = save_figures(tables, tmp_path / "b")
    assert len(first) == 2 * len(FIGURES)
    assert {p.name for p in first} >= {"corpus-overview.png", "corpus-overview.svg"}
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
