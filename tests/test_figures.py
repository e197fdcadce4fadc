"""Figures: the registry and plot functions on a given Axes, with hand-checked values.

Every registered figure is written, and written byte-identical by another process,
in tests/test_report.py (on the second test corpus, beside the report that draws them).
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from analysis import Tables, plot_article_lengths, removed_spans, source_line  # noqa: E402
from analysis.figures import plot_removed  # noqa: E402


def test_plot_functions_draw_on_the_given_axes(seeds):
    fig, ax = plt.subplots()
    assert plot_article_lengths(seeds, ax=ax) is ax
    assert ax.get_xlabel() == "words per article (after boilerplate removal)"
    assert [round(p.get_width()) for p in ax.patches] == [384, 340, 419, 300, 616]
    ax2 = plot_removed(removed_spans(seeds), seeds)
    assert ax2.get_title() == "Removed before analysis"
    plt.close("all")


def test_publication_dates_label_each_tick_with_its_year(seeds):
    """Days or months, each with its year (the seeds cross New Year), never hours;
    a corpus with no known date has no date axis to label."""
    from analysis.figures import plot_publication_dates

    def ticks(corpus):
        fig, ax = plt.subplots()
        plot_publication_dates(corpus, ax=ax)
        fig.canvas.draw()
        labels = [t.get_text() for t in ax.get_xticklabels()]
        plt.close(fig)
        return labels

    assert ticks(seeds) == ["Sep\n2025", "Oct\n2025", "Nov\n2025", "Dec\n2025", "Jan\n2026"]
    three_days = seeds.assign(
        published=pd.to_datetime(["2031-03-04", None, None, "2031-03-06", None])
    )
    assert ticks(three_days) == [f"0{d} Mar\n2031" for d in range(3, 8)]  # a day's margin
    # one day: a day either side, not the years of ticks matplotlib would widen it to
    one_day = seeds.assign(published=pd.to_datetime(["2031-03-04", None, None, None, None]))
    assert ticks(one_day) == ["03 Mar\n2031", "04 Mar\n2031", "05 Mar\n2031"]
    assert ticks(seeds.assign(published=pd.NaT)) == []


def test_every_registered_figure_draws_on_a_corpus_with_little_in_it():
    """A user's corpus may have no hits, no statements, one dated event or one article:
    every figure still draws (it used to raise, and stop `figures` and `report`)."""
    import warnings

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from analysis import load_corpus
    from analysis.figures import FIGURES, draw_figure

    texts = {
        "nothing": ["The weather was mild on Monday.", "Farmers sold apples at the market."],
        "one article, one dated threat": ["Russia threatened on Monday to cut gas to Europe."],
    }
    for what, text in texts.items():
        table = pd.DataFrame({"text": text, "date": ["2025-03-05", "2025-03-04"][: len(text)]})
        tables = Tables(load_corpus(table))
        for name in FIGURES:
            with warnings.catch_warnings():
                # a date axis widened to years of ticks ("Locator attempting to generate 1607")
                warnings.filterwarnings("error", message="Locator attempting")
                FigureCanvasAgg(draw_figure(name, tables)).draw()
        assert what == "nothing" or len(tables.statements) == 1
    plt.close("all")


def test_source_line_names_corpus_size_and_dates(seeds):
    assert source_line(seeds) == (
        "Source: seeds corpus, 5 articles (2025-09-04 to 2026-01-08; 2 undated). Made with rhetoric-evidence."
    )


# --- actor mentions and quotes (issue 4) ------------------------------------------------


def test_actor_figures_draw_hand_checked_counts(seeds):
    from analysis.figures import (
        co_mentions,
        plot_co_mentions,
        plot_mentions_by_outlet,
        plot_naming_variants,
        plot_speakers,
        plot_speakers_by_outlet,
    )

    tables = Tables(seeds)
    fig, ax = plt.subplots()
    assert plot_speakers(tables.quotes, ax=ax) is ax
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "Alexey Polishchuk"
    # Polishchuk: 6 direct quotes (he said, he noted, he argued, recalled, the
    # diplomat pointed out, explained), 0 mixed, 5 reported (told Sputnik, according
    # to the Russian official, emphasized, he said that, the official added)
    widths = [p.get_width() for p in ax.patches]
    n = len(labels)
    assert (widths[0], widths[n], widths[2 * n]) == (6, 0, 5)
    for plot in (plot_speakers_by_outlet, plot_naming_variants, plot_mentions_by_outlet):
        table = tables.quotes if plot is plot_speakers_by_outlet else tables.mentions
        fig, ax = plt.subplots()
        assert plot(table, seeds, ax=ax) is ax
    assert [t.get_text() for t in ax.get_yticklabels()][:3] == ["Ukraine", "Russia", "Kyiv"]
    # per 1,000 words: The Moscow Times names Kyiv 7 times in its 616 words
    fig, ax = plt.subplots()
    plot_mentions_by_outlet(tables.mentions, seeds, ax=ax, per_1000_words=True)
    cells = {t.get_position(): t.get_text() for t in ax.texts}
    outlets = [t.get_text() for t in ax.get_xticklabels()]
    assert cells[(outlets.index("The Moscow Times"), 2)] == f"{7 / 0.616:.1f}"
    fig, ax = plt.subplots()
    assert plot_co_mentions(tables.mentions, ax=ax) is ax
    pairs = co_mentions(tables.mentions).set_index(["actor_a", "actor_b"])["sentences"]
    # "London and Paris's discussions ..., Alexey Polishchuk, ..., told Sputnik."
    assert pairs[("Alexey Polishchuk", "London")] == 1
    assert pairs[("Maria Zakharova", "UNN")] == 1  # "..., UNN reports." in UNN's article
    # given the corpus, an article's own outlet is its byline, not a co-mention
    own = co_mentions(tables.mentions, corpus=seeds).set_index(["actor_a", "actor_b"])
    assert not {"UNN", "Censor.NET", "Sputnik"} & set(own.index.to_frame().stack())
    assert own.loc[("Alexey Polishchuk", "London"), "sentences"] == 1
    fig, ax = plt.subplots()
    plot_co_mentions(tables.mentions, corpus=seeds, ax=ax)
    labels = {t.get_text() for t in ax.texts}
    assert "Maria Zakharova" in labels and "UNN" not in labels


def test_an_outlet_naming_itself_is_not_an_actor_it_names(dnipro):
    """'..., Ukrinform reports.' in Ukrinform's own article is a byline: not counted in
    who is named by outlet, whose colour bar counts in whole mentions."""
    from analysis.figures import plot_mentions_by_outlet

    mentions = Tables(dnipro).mentions
    assert "Ukrinform" in set(mentions["actor"])
    fig, ax = plt.subplots()
    plot_mentions_by_outlet(mentions, dnipro, ax=ax)
    assert "Ukrinform" not in {t.get_text() for t in ax.get_yticklabels()}
    bar = fig.axes[-1]
    ticks = [t for t in bar.get_yticks() if bar.get_ylim()[0] <= t <= bar.get_ylim()[1]]
    assert ticks and all(float(t).is_integer() for t in ticks)
    plt.close(fig)


# --- threats and proposals (issue 5) -------------------------------------------------------


def test_statement_figures_draw_on_the_given_axes(seeds):
    from analysis import (
        plot_acts_per_month,
        plot_conflict_score,
        plot_statement_timeline,
        plot_threat_intervals,
    )

    st = Tables(seeds).statements
    fig, axes = plt.subplots(2, 2)
    assert plot_statement_timeline(st, ax=axes[0, 0]) is axes[0, 0]
    lanes = [t.get_text() for t in axes[0, 0].get_yticklabels()]
    assert lanes[0] == "Europe" and "Russia" in lanes
    notes = " ".join(t.get_text() for t in axes[0, 0].texts)
    assert "events in articles with no known date" in notes
    # three seeds have a date (000, 003, 004); the other two cannot be placed on the axis
    assert "32 dated events from 3 articles;" in notes
    # Russia's four threats of 8 January share a marker; one of them is reported by
    # UNN and The Moscow Times
    assert "×4 (one in 2 articles)" in notes

    assert plot_acts_per_month(st, ax=axes[0, 1]) is axes[0, 1]
    # threats: 1 in 2025-09, 4 in 2026-01; proposals by month
    heights = [round(p.get_height()) for p in axes[0, 1].patches]
    assert heights[:2] == [1, 4]

    assert plot_conflict_score(st, ax=axes[1, 0]) is axes[1, 0]
    assert axes[1, 0].get_ylim() == (-10.5, 10.5)

    assert plot_threat_intervals(st, ax=axes[1, 1]) is axes[1, 1]
    labels = [t.get_text() for t in axes[1, 1].get_yticklabels()]
    assert labels[0].startswith("Russia: E001 →")


# --- validating the method (issue 6) ---


def test_validation_plots_draw_scores_on_the_given_axes():
    import pandas as pd

    from analysis import plot_method_comparison, plot_precision_recall
    from analysis.validation import act_scores

    gold = pd.Series([("threat",), ("threat",), ("proposal",), ()])
    predicted = pd.Series([("threat",), (), ("proposal",), ("proposal",)])
    scores = act_scores(gold, predicted)
    fig, ax = plt.subplots()
    assert plot_precision_recall(scores, ax=ax) is ax
    # threat: precision 1/1, recall 1/2; proposal: precision 1/2, recall 1/1 (5 acts x 2 bars)
    widths = [round(p.get_width(), 2) for p in ax.patches]
    assert widths[:2] == [1.0, 0.5] and widths[5:7] == [0.5, 1.0]
    assert ax.get_yticklabels()[0].get_text() == "threat (n=2)"
    # rejection, accusation and talks: never in the sample nor predicted, so precision and
    # recall are undefined: "n/a", not an empty bar that reads as 0
    assert [t.get_text() for t in ax.texts].count("n/a") == 6
    ax2 = plot_method_comparison({"rules": scores, "other": scores})
    assert len(ax2.patches) == 2 * 6, "five acts and the macro average, two methods"
    assert (ax.get_ylabel(), ax2.get_ylabel(), ax2.get_xlabel()) == ("act", "act", "F1")


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
    assert ax.get_images()[0].get_array().shape == (8, 5)  # eight categories, five articles
    assert ax.get_images()[0].get_array()[0, 0] == 8 / 384 * 1000  # UNN's threats
    assert "hits per 1,000 words" in ax.get_title()
    by_outlet = rhetoric_frequency(seed_hits, seeds, by="outlet")
    ax = plot_categories_by_outlet(by_outlet, ax=axes[0, 1])
    assert ax.get_xlabel() == "hits per 1,000 words" and len(ax.patches) == 8 * 5
    chosen = seed_hits[seed_hits["term"].isin(["axis of war", "kyiv regime"])]
    ax = plot_dispersion(chosen, seeds, label="term", ax=axes[1, 0])
    assert ax.get_xlabel() == "position in the article (% of its text)"
    assert sum(len(c.get_offsets()) for c in ax.collections) == 4
    table = keyness(seeds, "Sputnik", unit="category", hits=seed_hits, measure="lr")
    ax = plot_keyness(table, target="Sputnik", ax=axes[1, 1])
    assert ax.get_xlabel().startswith("log-likelihood G²") and len(ax.patches) == 8
    # on five articles no category differs significantly, and the title says so
    assert (table["p"] >= 0.05).all()
    assert "no difference here is significant" in ax.get_title()
    assert "Security guarantees and deterrence" in {t.get_text() for t in ax.get_yticklabels()}
    plt.close("all")


def test_dispersion_colours_follow_the_given_order_whatever_the_corpus(seeds):
    from analysis import hits
    from analysis.figures import palette, plot_dispersion

    found = hits(seeds)
    order = ["threat_warning", "delegitimising_labels", "intervention_escalation"]
    colours = {}
    for part in (found, found[found["category"] != "threat_warning"]):
        fig, ax = plt.subplots()
        plot_dispersion(part[part["category"].isin(order)], seeds, order=order, ax=ax)
        for c in ax.collections:
            colours.setdefault(c.get_label(), set()).add(tuple(c.get_edgecolor()[0]))
        plt.close(fig)
    import matplotlib.colors as mcolors

    # the same three labels, each with one colour in both drawings, the colour of its place
    assert colours == {
        "Threats and warnings": {mcolors.to_rgba(palette(3)[0])},
        "Delegitimising labels and name-calling": {mcolors.to_rgba(palette(3)[1])},
        "Intervention and escalation framing": {mcolors.to_rgba(palette(3)[2])},
    }


def test_dispersion_of_terms_a_corpus_lacks_says_so(seeds):
    """Notebook 02 plots preset terms: on a corpus with none of them the chart says
    "no matches" (it used to raise, which stopped the report on a user's corpus)."""
    from analysis import kwic
    from analysis.figures import plot_dispersion

    terms = ["no such phrase", "axis of war"]
    chosen = pd.concat([kwic(seeds, t).assign(term=t) for t in terms], ignore_index=True)
    fig, (none, one) = plt.subplots(1, 2)
    plot_dispersion(chosen[chosen["term"] == terms[0]], seeds, label="term", ax=none)
    assert not none.collections
    assert [t.get_text() for t in none.texts] == ["no matches in this corpus"]
    plot_dispersion(chosen, seeds, label="term", ax=one)
    assert [len(c.get_offsets()) for c in one.collections] == [2]  # "axis of war", twice
    assert not one.texts
    plt.close("all")


def test_add_source_line_names_the_corpus_under_any_figure(seeds):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.figures import add_source_line, plot_outlets, source_line

    fig, ax = plt.subplots()
    plot_outlets(seeds, ax=ax)
    add_source_line(fig, seeds)
    add_source_line(fig, "Source: a hand-coded sample, 3 sentences.")
    texts = [t.get_text() for t in fig.texts]
    assert texts == [source_line(seeds), "Source: a hand-coded sample, 3 sentences."]
    assert "5 articles" in texts[0]
    plt.close(fig)


def test_every_notebook_chart_has_a_source_line():
    """Each notebook cell that draws a figure with plot_* adds the source line."""
    import json

    from analysis.config import NOTEBOOKS_DIR

    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "code" and "plt.subplots(" in source and "plot_" in source:
                assert "add_source_line(" in source, f"{path.name}: {source[:80]!r}"


def test_every_registered_figure_labels_both_axes(seeds):
    """Title, x and y label on every Axes of every figure ``make figures`` writes (the
    co-mention network has no axes to label; colour bars carry their own label)."""
    from analysis.figures import FIGURES, draw_figure

    tables = Tables(seeds)
    for name in FIGURES:
        if name == "co-mentions":
            continue
        fig = draw_figure(name, tables)
        for ax in fig.axes:
            if ax.get_label() == "<colorbar>":
                continue
            where = f"{name}: {ax.get_title(loc='left')!r}"
            assert ax.get_title(loc="left"), where
            assert ax.get_xlabel() and ax.get_ylabel(), where
