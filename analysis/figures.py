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
