"""Figures on a corpus larger than the seeds: what a user's own folder looks like.

Figures with a row per article draw the corpus as a whole above ``ARTICLE_ROWS``
articles, and figures by outlet merge the smallest outlets, so that nothing is
drawn over something else. The corpus here is generated (60 articles, 20 outlets,
5 without one); each test recomputes the drawn values from the tables.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis import Tables, load_corpus, rhetoric_frequency  # noqa: E402
from analysis.figures import (  # noqa: E402
    ARTICLE_ROWS,
    COLOUR_OUTLETS,
    MARKER_LABELS,
    OTHER_COLOR,
    UNKNOWN_COLOR,
    color_map,
    outlet_groups,
    plot_article_lengths,
    plot_categories_by_outlet,
    plot_dispersion,
    plot_outlets,
    plot_publication_dates,
    plot_removed,
    plot_rhetoric_heatmap,
    plot_statement_timeline,
    plot_threat_intervals,
)
from analysis.synthetic import synthetic_rows  # noqa: E402

# Outlets 00-04 have five articles each, 05-19 two each, and five articles none.
OUTLETS = [f"Outlet {i:02d}" for i in range(5) for _ in range(5)]
OUTLETS += [f"Outlet {i:02d}" for i in range(5, 20) for _ in range(2)]
OUTLETS += [None] * 5


@pytest.fixture(scope="module")
def tables():
    rows = list(synthetic_rows(n_articles=len(OUTLETS), seed=5))
    for row, outlet in zip(rows, OUTLETS, strict=True):
        row["outlet"] = outlet
    corpus = load_corpus(pd.DataFrame(rows))
    assert len(corpus) == 60 > ARTICLE_ROWS
    # as given: the loader would find an outlet in the text of some of the five
    return Tables(corpus.assign(outlet=OUTLETS))


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_outlet_groups_name_the_largest_and_merge_the_rest(tables):
    groups = outlet_groups(tables.corpus)
    # the 15 largest: 00-04 (five articles), then 05-14 of the two-article ones, by name
    named = [f"Outlet {i:02d}" for i in range(15)]
    assert groups.value_counts().to_dict() == {
        **{name: (5 if i < 5 else 2) for i, name in enumerate(named)},
        "5 other outlets": 10,
        "unknown": 5,
    }
    assert groups.index.tolist() == tables.corpus["article_id"].tolist()
    # one outlet more than the top is kept by name: never a group of one
    assert "other outlets" not in " ".join(outlet_groups(tables.corpus, top=19))
    colors = color_map(groups)
    assert colors["5 other outlets"] == OTHER_COLOR and colors["unknown"] == UNKNOWN_COLOR
    assert len({colors[name] for name in named[:8]}) == 8, "the named ones take the palette"


def test_corpus_overview_draws_the_corpus_not_each_article(tables):
    corpus, removed = tables.corpus, tables.removed
    fig, axes = plt.subplots(2, 2)
    ax = plot_article_lengths(corpus, ax=axes[0, 0])
    assert ax.get_title() == "Length of the 60 articles"
    assert sum(p.get_height() for p in ax.patches) == 60, "a histogram of all 60"
    assert ax.get_yticklabels()[0].get_text() == "0", "counts, not article labels"

    ax = plot_outlets(corpus, ax=axes[0, 1])
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [f"Outlet {i:02d}" for i in range(15)] + ["5 other outlets", "unknown"]
    assert [p.get_width() for p in ax.patches] == [5] * 5 + [2] * 10 + [10, 5]
    assert ax.get_title() == "Articles per outlet (20 outlets)"

    ax = plot_publication_dates(corpus, ax=axes[1, 0])
    dated = corpus["published"].dropna()
    months = dated.dt.to_period("M").value_counts()
    heights = [p.get_height() for p in ax.patches]
    assert sum(heights) == len(dated) and max(heights) == months.max()
    undated = len(corpus) - len(dated)
    assert undated and f"No date established: {undated} articles" in " ".join(
        t.get_text() for t in ax.texts
    )

    ax = plot_removed(removed, corpus, ax=axes[1, 1])
    per_rule = removed.groupby("rule")["article_id"].nunique()
    rules = [t.get_text() for t in ax.get_yticklabels()]
    drawn = dict(zip(rules, [p.get_width() for p in ax.patches], strict=True))
    assert drawn == per_rule.to_dict()
    touched = removed["article_id"].nunique()
    assert ax.get_title() == f"Removed before analysis ({touched} of 60 articles)"


def test_rhetoric_per_outlet_is_the_rate_of_all_its_articles_together(tables):
    corpus, hits = tables.corpus, tables.hits
    by_article = rhetoric_frequency(hits, corpus, by="article_id")
    ax = plot_rhetoric_heatmap(by_article, corpus)
    assert ax.get_title().startswith("Rhetoric per outlet")
    columns = [t.get_text() for t in ax.get_xticklabels()]
    assert columns[-2:] == ["5 other outlets (10)", "unknown (5)"]
    # by hand: the merged outlets' threat hits per 1,000 of their words
    merged = corpus[corpus["outlet"].isin([f"Outlet {i}" for i in range(15, 20)])]
    n_hits = hits[hits["article_id"].isin(merged["article_id"])]
    n_hits = (n_hits["category"] == "threat_warning").sum()
    categories = list(dict.fromkeys(by_article["category"]))
    cell = ax.images[0].get_array()[categories.index("threat_warning"), len(columns) - 2]
    assert cell == pytest.approx(1000 * n_hits / merged["n_words"].sum())


def test_categories_by_outlet_keep_few_enough_outlets_to_tell_by_colour(tables):
    corpus, hits = tables.corpus, tables.hits
    ax = plot_categories_by_outlet(rhetoric_frequency(hits, corpus, by="outlet"))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(legend) == COLOUR_OUTLETS + 2
    # 00-04 have the most words among five-article outlets, and 14 merged
    words = corpus.groupby("outlet")["n_words"].sum().sort_values(ascending=False)
    top = sorted(words.index[:COLOUR_OUTLETS])
    assert [t.split(" (")[0] for t in legend] == [*top, "14 other outlets", "unknown"]
    merged_words = words.iloc[COLOUR_OUTLETS:].sum()
    assert legend[-2] == f"14 other outlets ({merged_words:,} words)"
    assert "14 merged" in ax.get_title()
    colours = [h.get_facecolor() for h in ax.get_legend().legend_handles]
    assert len({tuple(c) for c in colours}) == len(colours), "no two outlets share a colour"


def test_dispersion_of_many_articles_is_a_share_per_tenth(tables):
    corpus, hits = tables.corpus, tables.hits
    ax = plot_dispersion(hits, corpus)
    assert ax.get_title() == "Where the matches fall in the articles (60 articles)"
    steps = [p for p in ax.patches if hasattr(p, "get_data")]
    assert steps and all(sum(p.get_data().values) == pytest.approx(100) for p in steps)
    categories = {str(t.get_text()).rsplit(" (", 1)[0] for t in ax.get_legend().get_texts()}
    assert len(categories) == hits["category"].nunique()


def test_statement_figures_of_many_events_stay_readable(tables):
    from analysis.cadence import intervals

    statements = tables.statements
    ax = plot_statement_timeline(statements)
    counts = [t for t in ax.texts if t.get_text().startswith("×")]
    notes = " ".join(t.get_text() for t in ax.texts)
    assert not counts and f"not written above {MARKER_LABELS}" in notes
    ax = plot_threat_intervals(statements)
    iv = intervals(statements, by="camp", acts="threat")
    assert len(iv) > ARTICLE_ROWS, "enough intervals for the boxes"
    assert ax.get_title() == f"Days between threats ({len(iv)} intervals)"
    labels = [t.get_text() for t in ax.get_yticklabels()]
    for camp, days in iv.groupby("camp")["days"]:
        label = f"{camp} ({len(days)}; median {np.median(days):.0f} d)"
        assert label in labels


def test_co_mention_nodes_stay_proportional_to_mentions_and_bounded(tables):
    from matplotlib.collections import PathCollection

    from analysis.figures import plot_co_mentions, without_own_outlet

    ax = plot_co_mentions(tables.mentions, corpus=tables.corpus)
    # the nodes; the camps' legend entries are empty scatters
    (nodes,) = [c for c in ax.collections if isinstance(c, PathCollection) and len(c.get_offsets())]
    drawn = np.sort(nodes.get_sizes())
    named = tables.mentions[tables.mentions["type"].isin(["name", "capital"])]
    counts = without_own_outlet(named, tables.corpus)["actor"].value_counts()
    top = counts.to_numpy()[: len(drawn)][::-1].astype(float)  # the 25 most named, ascending
    assert 1200 / top[-1] < 25, "more mentions than the seeds' 25 points² each would allow"
    assert drawn[-1] == pytest.approx(60 + 1200), "the most-named actor: the largest node"
    assert drawn == pytest.approx(60 + 1200 * top / top[-1]), "proportional to mentions"


def test_every_registered_figure_draws_many_articles_with_little_in_them():
    """Past ARTICLE_ROWS with no date, no outlet, no boilerplate, no hit and no
    statement: the corpus views draw too (and say what is missing)."""
    import warnings

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from analysis.figures import FIGURES, draw_figure

    n = ARTICLE_ROWS + 5
    table = pd.DataFrame({"text": [f"Farmers sold {i} apples at the market." for i in range(n)]})
    tables = Tables(load_corpus(table))
    assert tables.hits.empty and tables.statements.empty and tables.removed.empty
    for name in FIGURES:
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message="Locator attempting")
            FigureCanvasAgg(draw_figure(name, tables)).draw()
    fig, ax = plt.subplots()
    plot_publication_dates(tables.corpus, ax=ax)
    assert f"No date established: {n} articles" in " ".join(t.get_text() for t in ax.texts)
    ax = plot_outlets(tables.corpus)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["unknown"]


def test_outlets_as_labelled_whatever_the_table_holds(tables):
    """An outlet of another type is its text, as in rhetoric_frequency; an outlet
    named "unknown" is counted with the missing ones, and nothing merged is said."""
    corpus = tables.corpus
    ax = plot_outlets(corpus.assign(outlet=[7] * 30 + ["A"] * 30))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["7", "A"]
    assert ax.get_title() == "Articles per outlet"
    ax = plot_outlets(corpus.assign(outlet=["A"] * 20 + ["B"] * 20 + ["unknown"] * 20))
    assert ax.get_title() == "Articles per outlet"


def test_rhetoric_per_outlet_counts_only_the_articles_of_the_corpus(tables):
    corpus, hits = tables.corpus, tables.hits
    by_article = rhetoric_frequency(hits, corpus, by="article_id")
    part = corpus.iloc[5:]  # outlet 00 loses all five of its articles
    ax = plot_rhetoric_heatmap(by_article, part)
    assert ax.get_title().endswith("; 55 articles)")
    columns = [t.get_text() for t in ax.get_xticklabels()]
    assert "Outlet 00 (5)" not in columns and columns[-1] == "unknown (5)"


def test_long_labels_are_laid_out_to_be_read(tables):
    from analysis import keyness
    from analysis.figures import plot_keyness, plot_speakers_by_outlet

    ax = plot_speakers_by_outlet(tables.quotes, tables.corpus)
    assert len(ax.get_xticklabels()) == 17 and ax.get_xticklabels()[0].get_rotation() == 60
    corpus = tables.corpus
    mask = corpus["outlet"].isin(["Outlet 00", "Outlet 01", "Outlet 02"]).to_numpy()
    table = keyness(corpus, mask, unit="category", hits=tables.hits, measure="lr")
    ax = plot_keyness(table, target="Outlet 00 + Outlet 01 + Outlet 02")
    assert ax.get_title().startswith("What Outlet 00 + Outlet 01 + Outlet 02 say\nmore, and less")
    assert "\n" in ax.get_xlabel()
    ax = plot_keyness(table, target="Outlet 00")
    assert ax.get_title().startswith("What Outlet 00 says more, and less, than the rest")


def test_keyness_note_says_how_the_target_outlets_were_established():
    """A target outlet read from a phrase ("told Sputnik") may be wrong: the note says
    how many of its articles rest on one."""
    from analysis.figures import draw_figure

    texts = ["Lavrov told Sputnik the talks were a trap.", "Talks resumed in Geneva."]
    table = pd.DataFrame({"text": texts, "outlet": [None, "Reuters"]})
    fig = draw_figure("rhetoric-keyness", Tables(load_corpus(table)))
    notes = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert notes == [
        "Why Sputnik: the corpus's Russian state media, else its largest outlet (1 article "
        "of 2; the outlet of 1 found only in a phrase of the text)."
    ]
