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


# --- rhetoric frequency (issue 3) ---


def test_rhetoric_plots_draw_on_the_given_axes(seeds):
    from analysis import hits, keyness, rhetoric_frequency
    from analysis.figures import (
        plot_categories_by_outlet,
        plot_dispersion,
        plot_keyness,
        plot_rhetoric_heatmap,
    )

    seed_hits = hits(seeds)
    fig, axes = plt.subplots(2, 2)
    by_article = rhetoric_frequency(seed_hits, seeds, by="article_id")
    ax = plot_rhetoric_heatmap(by_article, seeds, ax=axes[0, 0])
    assert ax is axes[0, 0]
    assert ax.get_images()[0].get_array().shape == (7, 5)
    assert ax.get_images()[0].get_array()[0, 0] == 8 / 384 * 1000  # UNN's threats
    assert "hits per 1,000 words" in ax.get_title()
    by_outlet = rhetoric_frequency(seed_hits, seeds, by="outlet")
    ax = plot_categories_by_outlet(by_outlet, ax=axes[0, 1])
    assert ax.get_xlabel() == "hits per 1,000 words" and len(ax.patches) == 7 * 5
    chosen = seed_hits[seed_hits["term"].isin(["axis of war", "kyiv regime"])]
    ax = plot_dispersion(chosen, seeds, label="term", ax=axes[1, 0])
    assert ax.get_xlabel() == "position in the article (% of its text)"
    assert sum(len(c.get_offsets()) for c in ax.collections) == 4
    table = keyness(seeds, "Sputnik", unit="category", hits=seed_hits, measure="lr")
    ax = plot_keyness(table, target="Sputnik", ax=axes[1, 1])
    assert ax.get_xlabel().startswith("log-likelihood G²") and len(ax.patches) == 7
    plt.close("all")
