"""Every figure the suite draws: ``plot_*`` functions and the registry behind ``make figures``.

Each ``plot_*`` function takes tables (DataFrames) and a keyword-only ``ax``,
draws on it (or on a new figure), and returns the Axes. It never calls
``show()`` or ``savefig()`` and never changes global settings; notebooks opt in
to the suite's look with ``plt.style.use(analysis.STYLE_FILE)``.

``@figure(name)`` registers a builder that lays out one file in ``figures/``
from a :class:`analysis.tables.Tables`. :func:`save_figures` draws every
registered figure under the style sheet, adds a source line naming the corpus,
and writes PNG and SVG that are byte-identical when the data has not changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib.style
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .config import FIGURES_DIR, STYLE_FILE

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
UNKNOWN = "unknown"
SOURCE_COLOR = "0.35"


@dataclass(frozen=True)
class FigureSpec:
    name: str
    build: Callable  # build(tables, fig) draws on a fresh Figure
    size: tuple[float, float]
    description: str


FIGURES: dict[str, FigureSpec] = {}


def figure(name: str, *, size: tuple[float, float] = (8, 5)):
    """Register ``build(tables, fig)`` as the figure written to ``figures/<name>.png|svg``."""

    def register(build):
        if name in FIGURES:
            raise ValueError(f"figure {name!r} is registered twice")
        doc = (build.__doc__ or name).strip().splitlines()[0]
        FIGURES[name] = FigureSpec(name, build, size, doc)
        return build

    return register


def palette(n: int | None = None) -> list[str]:
    """The colour-blind-safe categorical palette (Okabe–Ito), cycled to ``n`` colours."""
    if n is None:
        return list(OKABE_ITO)
    return [OKABE_ITO[i % len(OKABE_ITO)] for i in range(n)]


def color_map(values) -> dict:
    """A stable colour for each distinct value (sorted), e.g. one per outlet."""
    distinct = sorted({str(v) for v in values})
    return dict(zip(distinct, palette(len(distinct)), strict=True))


def source_line(corpus: pd.DataFrame) -> str:
    """'Source: seeds corpus, 5 articles (2025-09-04 to 2026-01-08; 2 undated).'"""
    name = corpus.attrs.get("name", "corpus")
    dates = corpus["published"].dropna()
    span = f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "no dates"
    undated = int(corpus["published"].isna().sum())
    if undated:
        span += f"; {undated} undated"
    return f"Source: {name} corpus, {len(corpus)} articles ({span}). Made with rhetoric-evidence."


def article_labels(corpus: pd.DataFrame) -> pd.Series:
    """Short, readable labels for articles: 'id · outlet'."""

    def label(article_id: str, outlet) -> str:
        short = article_id if len(article_id) <= 10 else article_id[:8] + "…"
        return f"{short} · {outlet if isinstance(outlet, str) else UNKNOWN}"

    return pd.Series(
        [label(a, o) for a, o in zip(corpus["article_id"], corpus["outlet"], strict=True)],
        index=corpus.index,
    )


def _axes(ax, size=(8, 5)):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.figure(figsize=size).add_subplot()


# --- drawing and saving -----------------------------------------------------------------


def draw_figure(name: str, tables) -> Figure:
    """Draw the registered figure ``name`` on a new Figure, with the style and source line."""
    spec = FIGURES[name]
    with matplotlib.style.context(STYLE_FILE):
        fig = Figure(figsize=spec.size)
        spec.build(tables, fig)
        _add_source_line(fig, source_line(tables.corpus))
    return fig


def _add_source_line(fig: Figure, text: str) -> None:
    fig.text(0.01, 0.01, text, fontsize=7, color=SOURCE_COLOR, ha="left", va="bottom")
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.set(rect=(0, 0.04, 1, 0.96))


def save_figure(fig: Figure, out_dir, name: str) -> list[Path]:
    """Write ``name.png`` and ``name.svg``, without timestamps, so re-runs are byte-identical."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / f"{name}.png", out_dir / f"{name}.svg"]
    with matplotlib.style.context(STYLE_FILE):
        fig.savefig(paths[0], metadata={"Software": None})
        fig.savefig(paths[1], metadata={"Date": None})
    return paths


def save_figures(tables, out_dir=FIGURES_DIR, names=None, *, progress=None) -> list[Path]:
    """Draw and save every registered figure (or those in ``names``); return the files written."""
    names = list(FIGURES) if names is None else list(names)
    unknown = [n for n in names if n not in FIGURES]
    if unknown:
        raise KeyError(f"no figure {', '.join(unknown)}; figures are {', '.join(FIGURES)}")
    written = []
    for name in names:
        if progress:
            progress(name)
        written += save_figure(draw_figure(name, tables), out_dir, name)
    return written


# --- the corpus ---------------------------------------------------------------------------


def plot_article_lengths(corpus: pd.DataFrame, *, ax=None):
    """Words per article (after boilerplate removal), coloured by outlet."""
    ax = _axes(ax)
    outlets = corpus["outlet"].fillna(UNKNOWN)
    colors = color_map(outlets)
    y = np.arange(len(corpus))
    ax.barh(y, corpus["n_words"], color=[colors[o] for o in outlets])
    ax.set_yticks(y, article_labels(corpus))
    ax.invert_yaxis()
    ax.set_xlabel("words per article (after boilerplate removal)")
    ax.set_title("Length of each article")
    ax.grid(axis="x")
    for yi, n in zip(y, corpus["n_words"], strict=True):
        ax.annotate(
            f"{n:,}", (n, yi), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8
        )
    return ax


def plot_outlets(corpus: pd.DataFrame, *, ax=None):
    """Articles per outlet; articles whose outlet could not be established count as 'unknown'."""
    ax = _axes(ax)
    counts = corpus["outlet"].fillna(UNKNOWN).value_counts().sort_index()
    colors = color_map(counts.index)
    ax.barh(counts.index, counts.values, color=[colors[o] for o in counts.index])
    ax.invert_yaxis()
    ax.set_xlabel("articles")
    ax.set_title("Articles per outlet")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="x")
    return ax


def plot_publication_dates(corpus: pd.DataFrame, *, ax=None):
    """Publication date of each article; estimated dates hollow, undated articles listed."""
    ax = _axes(ax)
    dated = corpus[corpus["published"].notna()].sort_values("published")
    labels = article_labels(dated)
    y = np.arange(len(dated))
    estimated = dated["published_estimated"].to_numpy(bool)
    ax.scatter(dated["published"][~estimated], y[~estimated], color=OKABE_ITO[0], label="stated")
    ax.scatter(
        dated["published"][estimated],
        y[estimated],
        facecolors="none",
        edgecolors=OKABE_ITO[0],
        label="estimated from the text",
    )
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.8, max(len(dated), 1) - 0.2)
    ax.invert_yaxis()
    ax.set_xlabel("publication date")
    ax.set_title("When each article was published")
    ax.grid(axis="x")
    if len(dated):
        ax.legend(loc="upper center")
    undated = corpus.loc[corpus["published"].isna()]
    if len(undated):
        names = ", ".join(article_labels(undated))
        ax.text(
            0,
            -0.3,
            f"No date established: {names}",
            transform=ax.transAxes,
            fontsize=8,
            color="0.3",
        )
    import matplotlib.dates as mdates

    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    return ax


def plot_removed(removed: pd.DataFrame, corpus: pd.DataFrame, *, ax=None):
    """Characters removed from each article's raw text, by the rule that removed them."""
    ax = _axes(ax)
    removed = removed.assign(chars=removed["raw_end"] - removed["raw_start"])
    table = (
        removed.pivot_table(index="article_id", columns="rule", values="chars", aggfunc="sum")
        .reindex(corpus["article_id"])
        .fillna(0)
    )
    y = np.arange(len(table))
    left = np.zeros(len(table))
    colors = color_map(table.columns)
    for rule in table.columns:
        ax.barh(y, table[rule], left=left, color=colors[rule], label=rule)
        left += table[rule].to_numpy()
    ax.set_yticks(y, article_labels(corpus))
    ax.invert_yaxis()
    ax.set_xlabel("characters removed from the raw text")
    ax.set_title("Removed before analysis")
    ax.grid(axis="x")
    if len(table.columns):
        ax.legend(loc="upper right", title="rule", fontsize=8)
    return ax


@figure("corpus-overview", size=(12, 7.5))
def _corpus_overview(tables, fig):
    """The corpus at a glance: lengths, outlets, dates and what cleaning removed."""
    axes = fig.subplots(2, 2)
    plot_article_lengths(tables.corpus, ax=axes[0, 0])
    plot_outlets(tables.corpus, ax=axes[0, 1])
    plot_publication_dates(tables.corpus, ax=axes[1, 0])
    plot_removed(tables.removed, tables.corpus, ax=axes[1, 1])
    fig.suptitle("The corpus", fontweight="bold", x=0.01, ha="left")


# --- rhetoric frequency (issue 3) -----------------------------------------------------------

RATE_LABEL = "hits per 1,000 words"
STATE_MEDIA = ("Sputnik", "RT", "TASS", "RIA Novosti")


def _category_labels(categories, lexicon=None) -> list[str]:
    if lexicon is None:
        from .hits import resolve_lexicon

        lexicon = resolve_lexicon()
    return [lexicon[c].label if c in lexicon else c for c in categories]


def plot_rhetoric_heatmap(frequency: pd.DataFrame, corpus: pd.DataFrame, *, lexicon=None, ax=None):
    """Categories × articles: hits per 1,000 words, each cell annotated with rate and count.

    ``frequency`` is ``rhetoric_frequency(hits, corpus, by="article_id")``.
    """
    ax = _axes(ax, size=(9, 5))
    rates = frequency.pivot(index="category", columns="article_id", values="rate")
    counts = frequency.pivot(index="category", columns="article_id", values="count")
    categories = list(dict.fromkeys(frequency["category"]))
    articles = [a for a in corpus["article_id"] if a in rates.columns]
    rates = rates.reindex(index=categories, columns=articles)
    counts = counts.reindex(index=categories, columns=articles)
    image = ax.imshow(rates.to_numpy(float), aspect="auto")
    vmax = np.nanmax(rates.to_numpy(float)) if rates.size else 0
    for i in range(rates.shape[0]):
        for j in range(rates.shape[1]):
            rate, count = rates.iat[i, j], counts.iat[i, j]
            ax.text(
                j,
                i,
                f"{rate:.1f}\n({count})",
                ha="center",
                va="center",
                fontsize=8,
                color="black" if vmax and rate > vmax * 0.6 else "white",
            )
    labels = article_labels(corpus.set_index("article_id").loc[articles].reset_index())
    ax.set_xticks(np.arange(len(articles)), labels, rotation=30, ha="right")
    ax.set_yticks(np.arange(len(categories)), _category_labels(categories, lexicon))
    ax.set_xlabel("article (id · outlet)")
    ax.set_ylabel("rhetorical category")
    ax.set_title(f"Rhetoric per article ({RATE_LABEL}; hit count in brackets)")
    ax.figure.colorbar(image, ax=ax, label=RATE_LABEL, shrink=0.8)
    return ax


def plot_categories_by_outlet(frequency: pd.DataFrame, *, lexicon=None, ax=None):
    """One group of bars per category, one bar per outlet: hits per 1,000 words.

    ``frequency`` is ``rhetoric_frequency(hits, corpus, by="outlet")``; the
    legend gives each outlet's words, so small denominators are visible.
    """
    ax = _axes(ax, size=(9, 5))
    categories = list(dict.fromkeys(frequency["category"]))
    outlets = list(dict.fromkeys(frequency["outlet"]))
    colors = color_map(outlets)
    height = 0.8 / max(len(outlets), 1)
    y = np.arange(len(categories))
    for k, outlet in enumerate(outlets):
        rows = frequency[frequency["outlet"] == outlet].set_index("category").reindex(categories)
        n_words = int(rows["n_words"].iloc[0]) if len(rows) else 0
        ax.barh(
            y + (k - (len(outlets) - 1) / 2) * height,
            rows["rate"].fillna(0),
            height=height,
            color=colors[str(outlet)],
            label=f"{outlet} ({n_words:,} words)",
        )
    ax.set_yticks(y, _category_labels(categories, lexicon))
    ax.invert_yaxis()
    ax.set_xlabel(RATE_LABEL)
    ax.set_ylabel("rhetorical category")
    ax.set_title("Rhetorical categories by outlet")
    ax.grid(axis="x")
    ax.legend(title="outlet", loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax


def plot_dispersion(matches: pd.DataFrame, corpus: pd.DataFrame, *, label="category", ax=None):
    """Where in each article the matches fall (an "x-ray" / lexical dispersion plot).

    ``matches`` is any table with ``article_id``, ``start`` and a ``label``
    column: hits (coloured by category), or KWIC rows of chosen terms. The x
    axis is the position in the article's text, as a percentage of its length.
    """
    ax = _axes(ax, size=(9, 4))
    articles = list(corpus["article_id"])
    lengths = dict(zip(corpus["article_id"], corpus["text"].str.len(), strict=True))
    values = list(dict.fromkeys(matches[label])) if len(matches) else []
    colors = dict(zip(values, palette(len(values)), strict=True))
    row = {a: i for i, a in enumerate(articles)}
    offsets = np.linspace(-0.25, 0.25, max(len(values), 1))
    for value, offset in zip(values, offsets, strict=True):
        part = matches[matches[label] == value]
        x = [
            100 * s / max(lengths[a], 1)
            for a, s in zip(part["article_id"], part["start"], strict=True)
        ]
        y = [row[a] + offset for a in part["article_id"]]
        ax.scatter(x, y, marker="|", s=120, linewidths=1.8, color=colors[value], label=str(value))
    ax.set_yticks(np.arange(len(articles)), article_labels(corpus))
    ax.set_ylim(len(articles) - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.set_xlabel("position in the article (% of its text)")
    ax.set_ylabel("article (id · outlet)")
    ax.set_title("Where the matches fall in each article")
    ax.grid(axis="x")
    if values:
        ax.legend(title=label, loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax


def plot_keyness(table: pd.DataFrame, *, top: int = 10, target: str = "target", ax=None):
    """The most over- and under-used features of a target group (signed keyness statistic).

    ``table`` is a result of :func:`analysis.keyness`; bars to the right are
    over-used in ``target``, to the left under-used; hatched bars have p ≥ 0.05.
    """
    ax = _axes(ax, size=(8, 5))
    over = table[table["direction"] == "over"].head(top)
    under = table[table["direction"] == "under"].sort_values("statistic", ascending=False)
    shown = pd.concat([over, under.head(top).iloc[::-1]])
    signed = np.where(shown["direction"] == "under", -shown["statistic"], shown["statistic"])
    y = np.arange(len(shown))
    colors = [OKABE_ITO[0] if d == "over" else OKABE_ITO[1] for d in shown["direction"]]
    bars = ax.barh(y, signed, color=colors)
    for bar, p in zip(bars, shown["p"], strict=True):
        if p >= 0.05:
            bar.set_hatch("///")
            bar.set_alpha(0.6)
    ax.set_yticks(y, shown["feature"])
    ax.invert_yaxis()
    ax.axvline(0, color="0.3", linewidth=0.8)
    measure = {"chi2": "chi-squared", "lr": "log-likelihood G²"}.get(
        table.attrs.get("measure"), "keyness statistic"
    )
    ax.set_xlabel(f"{measure} (signed; > 0: more frequent in {target}); hatched: p ≥ 0.05")
    ax.set_title(f"What {target} says more, and less, than the rest")
    ax.grid(axis="x")
    return ax


def keyness_target(corpus: pd.DataFrame) -> tuple[np.ndarray, str]:
    """The default target for the keyness figure: Russian state media, else the largest outlet."""
    outlets = corpus["outlet"]
    state = outlets.isin(STATE_MEDIA).to_numpy(bool)
    if state.any() and not state.all():
        names = sorted(set(outlets[state]))
        return state, " + ".join(names)
    counts = outlets.dropna().value_counts()
    if len(counts):
        name = str(counts.index[0])
        mask = (outlets == name).fillna(False).to_numpy(bool)
        if not mask.all():
            return mask, name
    mask = np.zeros(len(corpus), bool)
    mask[0] = True
    return mask, str(corpus["article_id"].iloc[0])


@figure("rhetoric-heatmap", size=(10, 5.5))
def _rhetoric_heatmap(tables, fig):
    """Rhetorical categories × articles, hits per 1,000 words."""
    from .frequency import rhetoric_frequency

    frequency = rhetoric_frequency(tables.hits, tables.corpus, by="article_id")
    plot_rhetoric_heatmap(frequency, tables.corpus, ax=fig.add_subplot())


@figure("rhetoric-by-outlet", size=(9, 6))
def _rhetoric_by_outlet(tables, fig):
    """Rhetorical categories by outlet, hits per 1,000 words."""
    from .frequency import rhetoric_frequency

    frequency = rhetoric_frequency(tables.hits, tables.corpus, by="outlet")
    plot_categories_by_outlet(frequency, ax=fig.add_subplot())


@figure("rhetoric-dispersion", size=(10, 4.5))
def _rhetoric_dispersion(tables, fig):
    """Where threat, label and intervention hits fall in each article."""
    chosen = ["threat_warning", "delegitimising_labels", "intervention_escalation"]
    hits = tables.hits
    if not set(chosen) & set(hits["category"]):
        chosen = list(hits["category"].value_counts().index[:3])
    plot_dispersion(hits[hits["category"].isin(chosen)], tables.corpus, ax=fig.add_subplot())


@figure("rhetoric-keyness", size=(8, 5))
def _rhetoric_keyness(tables, fig):
    """Keyness of rhetorical categories: Russian state media (or the largest outlet) vs the rest."""
    from .keyness import keyness

    mask, name = keyness_target(tables.corpus)
    table = keyness(tables.corpus, mask, unit="category", hits=tables.hits, measure="lr")
    plot_keyness(table, target=name, ax=fig.add_subplot())
