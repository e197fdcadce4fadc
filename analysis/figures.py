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
UNKNOWN_COLOR = "#BBBBBB"  # missing values: light grey, never a palette colour
OTHER_COLOR = "#777777"  # merged small groups ("12 other outlets")
SOURCE_COLOR = "0.35"

# How figures grow with the corpus. A figure with one row per article (lengths, dates,
# the removed spans, rhetoric per article, dispersion) draws the corpus as a whole above
# ARTICLE_ROWS articles: a histogram, articles per month, totals per outlet. Figures by
# outlet name the TOP_OUTLETS outlets with the most articles and merge the others into
# one "N other outlets"; figures whose only key to an outlet is its colour name fewer
# (COLOUR_OUTLETS), so that no two share a colour. Each says what it merged.
ARTICLE_ROWS = 40
TOP_OUTLETS = 15
COLOUR_OUTLETS = 6
# Above this many markers, the counts written beside them ("×3", "2 articles") are
# left out (they would cover each other); the note under the axes says so.
MARKER_LABELS = 60
# Above this many months, bars per month are not labelled and only some months are named.
MONTH_LABELS = 24


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
    """A stable colour for each distinct value (sorted), e.g. one per outlet; "unknown"
    is light grey and a merged group ("12 other outlets", :func:`outlet_groups`) dark grey,
    so neither passes for one more value."""
    distinct = sorted({str(v) for v in values})
    named = [v for v in distinct if v != UNKNOWN and not _is_other(v)]
    colors = dict(zip(named, palette(len(named)), strict=True))
    colors.update({v: OTHER_COLOR for v in distinct if _is_other(v)})
    if UNKNOWN in distinct:
        colors[UNKNOWN] = UNKNOWN_COLOR
    return colors


def _grey_colors(values) -> dict:
    """The greys of :func:`color_map` for the values that get one."""
    return {v: c for v, c in color_map(values).items() if c in (OTHER_COLOR, UNKNOWN_COLOR)}


def _is_other(value: str) -> bool:
    return value.endswith(" other outlets")


def _outlet_name(value) -> str:
    """An outlet as a figure labels it: missing is "unknown", anything else its text
    (as :func:`~analysis.rhetoric_frequency` groups it)."""
    return UNKNOWN if not isinstance(value, str) and pd.isna(value) else str(value)


def outlet_groups(corpus: pd.DataFrame, *, top: int = TOP_OUTLETS) -> pd.Series:
    """Each article's outlet as the figures show it, by ``article_id``: a missing outlet
    is "unknown", and the outlets beyond the ``top`` with the most articles (ties by
    name) are merged into one "N other outlets" (never a group of one)."""
    outlets = pd.Series(
        [_outlet_name(o) for o in corpus["outlet"]],
        index=corpus["article_id"].to_numpy(),
        dtype=object,
    )
    keep, other = _largest(outlets[outlets != UNKNOWN].value_counts(), top)
    if other is None:
        return outlets
    return outlets.where(outlets.isin(keep | {UNKNOWN}), other)


def _largest(sizes: pd.Series, top: int) -> tuple[set, str | None]:
    """The ``top`` largest of ``sizes`` (outlet -> articles or words; ties by name) and
    the label of the others merged, "N other outlets"; all of them and None when that
    would merge fewer than two."""
    ranked = sorted(sizes.items(), key=lambda item: (-item[1], item[0]))
    if len(ranked) <= top + 1:
        return {name for name, _ in ranked}, None
    return {name for name, _ in ranked[:top]}, f"{len(ranked) - top} other outlets"


def outlet_order(values) -> list[str]:
    """Outlets as the figures list them: by name, then the merged group, then "unknown"."""
    distinct = sorted({str(v) for v in values})
    return sorted(distinct, key=lambda v: (v == UNKNOWN, _is_other(v), v))


#: The camps of actors.yaml, in the order legends list them.
CAMP_ORDER = ["Russia", "Ukraine", "United States", "Europe", "NATO", "International", "Other"]


def camp_colors(values=()) -> dict:
    """The colour of each camp, the same in every figure (Russia, Ukraine, ... in
    :data:`CAMP_ORDER`); an unknown camp is grey, any other value the colour of "Other"."""
    colors = dict(zip(CAMP_ORDER, palette(len(CAMP_ORDER)), strict=True))
    colors[UNKNOWN] = "#999999"
    return {**colors, **{str(v): colors["Other"] for v in values if str(v) not in colors}}


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
        add_source_line(fig, tables.corpus)
    return fig


def add_source_line(fig, source) -> None:
    """Write the source line under a figure: ``source`` is a corpus (see
    :func:`source_line`) or the text itself. The notebooks call it after each chart,
    so a figure copied out of a notebook still says where its numbers come from."""
    text = source if isinstance(source, str) else source_line(source)
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
    """Words per article (after boilerplate removal): one bar per article, coloured by
    outlet, or above :data:`ARTICLE_ROWS` articles a histogram with the median."""
    ax = _axes(ax)
    if len(corpus) > ARTICLE_ROWS:
        words = corpus["n_words"].to_numpy(float)
        ax.hist(words, bins=min(30, max(10, len(corpus) // 20)), color=OKABE_ITO[0])
        median = float(np.median(words))
        ax.axvline(median, color="0.2", linewidth=1, linestyle="--")
        ax.annotate(
            f"median {median:,.0f}",
            (median, 1),
            xycoords=("data", "axes fraction"),
            xytext=(4, -4),
            textcoords="offset points",
            va="top",
            fontsize=8,
        )
        ax.set_xlabel("words per article (after boilerplate removal)")
        ax.set_ylabel("articles")
        ax.set_title(f"Length of the {len(corpus):,} articles")
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.grid(axis="y")
        return ax
    outlets = corpus["outlet"].fillna(UNKNOWN)
    colors = color_map(outlets)
    y = np.arange(len(corpus))
    ax.barh(y, corpus["n_words"], color=[colors[o] for o in outlets])
    ax.set_yticks(y, article_labels(corpus))
    ax.invert_yaxis()
    ax.set_xlabel("words per article (after boilerplate removal)")
    ax.set_ylabel("article (id · outlet)")
    ax.set_title("Length of each article")
    ax.grid(axis="x")
    for yi, n in zip(y, corpus["n_words"], strict=True):
        ax.annotate(
            f"{n:,}", (n, yi), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8
        )
    return ax


def plot_outlets(corpus: pd.DataFrame, *, ax=None, top: int = TOP_OUTLETS):
    """Articles per outlet; articles whose outlet could not be established count as
    'unknown' (grey), and the outlets beyond the ``top`` largest as one merged bar."""
    ax = _axes(ax)
    groups = outlet_groups(corpus, top=top)
    counts = groups.value_counts().reindex(outlet_order(groups))
    # each bar is named: one colour, and the greys of the merged and the unknown
    colors = {**dict.fromkeys(counts.index, OKABE_ITO[0]), **_grey_colors(counts.index)}
    ax.barh(counts.index, counts.values, color=[colors[o] for o in counts.index])
    ax.invert_yaxis()
    ax.set_xlabel("articles")
    ax.set_ylabel("outlet")
    if any(_is_other(o) for o in counts.index):
        n_outlets = len({_outlet_name(o) for o in corpus["outlet"]} - {UNKNOWN})
        ax.set_title(f"Articles per outlet ({n_outlets} outlets)")
    else:
        ax.set_title("Articles per outlet")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="x")
    return ax


def plot_publication_dates(corpus: pd.DataFrame, *, ax=None):
    """Publication date of each article (estimated dates hollow, undated articles
    listed), or above :data:`ARTICLE_ROWS` articles the articles published per month."""
    ax = _axes(ax)
    if len(corpus) > ARTICLE_ROWS:
        return _articles_per_month(corpus, ax)
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
    ax.set_ylabel("article (id · outlet)")
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
    _date_axis(ax, dated["published"])
    return ax


def _articles_per_month(corpus: pd.DataFrame, ax):
    """Articles published per month, stated and estimated dates stacked; the undated
    are counted under the axes."""
    dated = corpus[corpus["published"].notna()]
    months = pd.to_datetime(dated["published"]).dt.to_period("M")
    estimated = dated["published_estimated"].to_numpy(bool)
    span = (
        pd.period_range(months.min(), months.max(), freq="M")
        if len(months)
        else pd.PeriodIndex([], freq="M")
    )
    stated = months[~estimated].value_counts().reindex(span, fill_value=0)
    guessed = months[estimated].value_counts().reindex(span, fill_value=0)
    x = span.to_timestamp() + pd.Timedelta(days=14)  # the middle of each month
    width = 24  # days
    ax.bar(x, stated.to_numpy(), width=width, color=OKABE_ITO[0], label="stated")
    if guessed.any():
        ax.bar(
            x,
            guessed.to_numpy(),
            width=width,
            bottom=stated.to_numpy(),
            facecolor="white",
            edgecolor=OKABE_ITO[0],
            label="estimated from the text",
        )
    ax.set_xlabel("month of publication")
    ax.set_ylabel("articles")
    ax.set_title("Articles published per month")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y")
    if len(dated):
        ax.legend(loc="upper left")
    undated = len(corpus) - len(dated)
    if undated:
        _note(ax, f"No date established: {undated:,} articles (not drawn).", y=-0.25)
    _date_axis(ax, dated["published"])
    return ax


def plot_removed(removed: pd.DataFrame, corpus: pd.DataFrame, *, ax=None):
    """Characters removed from each article's raw text, by the rule that removed them;
    above :data:`ARTICLE_ROWS` articles, how many articles each rule removed text from."""
    ax = _axes(ax)
    removed = removed.assign(chars=removed["raw_end"] - removed["raw_start"])
    if len(corpus) > ARTICLE_ROWS:
        return _removed_by_rule(removed, corpus, ax)
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
    for yi, total in zip(y, left, strict=True):  # the total, or that there was none
        text = f"{int(total):,}" if total else "nothing removed"
        ax.annotate(
            text, (total, yi), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8
        )
    ax.set_xlim(0, max(float(left.max()) if len(left) else 0, 1) * 1.2)
    ax.set_yticks(y, article_labels(corpus))
    ax.invert_yaxis()
    ax.set_xlabel("characters removed from the raw text")
    ax.set_ylabel("article (id · outlet)")
    ax.set_title("Removed before analysis")
    ax.grid(axis="x")
    if len(table.columns):  # beside the bars, never over them
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), title="rule", fontsize=8)
    return ax


def _removed_by_rule(removed: pd.DataFrame, corpus: pd.DataFrame, ax):
    """Articles each boilerplate rule removed text from, with the characters removed."""
    removed = removed[removed["article_id"].isin(set(corpus["article_id"]))]
    by_rule = removed.groupby("rule").agg(
        articles=("article_id", "nunique"), chars=("chars", "sum")
    )
    by_rule = by_rule.sort_values(["articles", "chars"], ascending=False, kind="stable")
    y = np.arange(len(by_rule))
    ax.barh(y, by_rule["articles"], color=OKABE_ITO[0])
    for yi, (n, chars) in enumerate(zip(by_rule["articles"], by_rule["chars"], strict=True)):
        ax.annotate(
            f"{chars:,} characters",
            (n, yi),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.set_yticks(y, by_rule.index)
    ax.invert_yaxis()
    ax.set_xlim(0, max(int(by_rule["articles"].max()) if len(by_rule) else 0, 1) * 1.35)
    ax.set_xlabel("articles text was removed from")
    ax.set_ylabel("rule")
    touched = removed["article_id"].nunique()
    ax.set_title(f"Removed before analysis ({touched:,} of {len(corpus):,} articles)")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="x")
    if not len(by_rule):
        ax.text(0.5, 0.5, "nothing removed", ha="center", va="center", transform=ax.transAxes)
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
    categories = list(dict.fromkeys(frequency["category"]))
    if frequency["article_id"].nunique() > ARTICLE_ROWS:
        return _rhetoric_by_outlet_heatmap(frequency, corpus, categories, lexicon, ax)
    rates = frequency.pivot(index="category", columns="article_id", values="rate")
    counts = frequency.pivot(index="category", columns="article_id", values="count")
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


def _rhetoric_by_outlet_heatmap(frequency, corpus, categories, lexicon, ax):
    """:func:`plot_rhetoric_heatmap` of a corpus too large for a column per article: a
    column per outlet (:func:`outlet_groups`), the rate of all its articles together."""
    outlets = outlet_groups(corpus)
    rows = frequency[frequency["article_id"].isin(outlets.index)]  # as per article: the corpus's
    rows = rows.assign(outlet=rows["article_id"].map(outlets))
    grouped = _merged_rates(rows, ["category", "outlet"])
    order = outlet_order(grouped["outlet"])
    rates = grouped.pivot(index="category", columns="outlet", values="rate")
    rates = rates.reindex(index=categories, columns=order)
    image = ax.imshow(rates.to_numpy(float), aspect="auto")
    vmax = np.nanmax(rates.to_numpy(float)) if rates.size else 0
    for (i, j), rate in np.ndenumerate(rates.to_numpy(float)):
        color = "black" if vmax and rate > vmax * 0.6 else "white"
        text = "–" if np.isnan(rate) else f"{rate:.1f}"  # an outlet without words
        ax.text(j, i, text, ha="center", va="center", fontsize=8, color=color)
    n_articles = rows.groupby("outlet")["article_id"].nunique().reindex(order)
    labels = [f"{o} ({n:,})" for o, n in zip(order, n_articles, strict=True)]
    ax.set_xticks(np.arange(len(order)), labels, **_slanted(len(order)))
    ax.set_yticks(np.arange(len(categories)), _category_labels(categories, lexicon))
    ax.set_xlabel("outlet (articles)")
    ax.set_ylabel("rhetorical category")
    n = rows["article_id"].nunique()
    ax.set_title(f"Rhetoric per outlet ({RATE_LABEL}; {n:,} articles)")
    ax.figure.colorbar(image, ax=ax, label=RATE_LABEL, shrink=0.8)
    return ax


def _merged_rates(frequency: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Rows of a :func:`~analysis.rhetoric_frequency` table merged by ``keys``: counts
    and words summed, so the rate is that of all the merged articles together (not an
    average of their rates). Words are counted once per article or outlet and category."""
    return (
        frequency.groupby(keys, sort=False)
        .agg(count=("count", "sum"), n_words=("n_words", "sum"))
        .reset_index()
        .assign(rate=lambda t: 1000 * t["count"] / t["n_words"].where(t["n_words"] > 0))
    )


def plot_categories_by_outlet(frequency: pd.DataFrame, *, lexicon=None, ax=None):
    """One group of bars per category, one bar per outlet: hits per 1,000 words.

    ``frequency`` is ``rhetoric_frequency(hits, corpus, by="outlet")``; the
    legend gives each outlet's words, so small denominators are visible.
    """
    ax = _axes(ax, size=(9, 5))
    categories = list(dict.fromkeys(frequency["category"]))
    frequency, merged = _fewer_outlets(frequency, COLOUR_OUTLETS)
    outlets = list(dict.fromkeys(frequency["outlet"]))
    if merged:
        outlets = outlet_order(outlets)
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
    title = "Rhetorical categories by outlet"
    if merged:
        title += f"\n(the {COLOUR_OUTLETS} outlets with the most words; {merged} merged)"
    ax.set_title(title)
    ax.grid(axis="x")
    ax.legend(title="outlet", loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax


def _fewer_outlets(frequency: pd.DataFrame, top: int) -> tuple[pd.DataFrame, int]:
    """A :func:`~analysis.rhetoric_frequency` table by outlet with the outlets beyond the
    ``top`` with the most words merged into "N other outlets" (missing ones stay
    "unknown"); and N (0: nothing merged)."""
    outlet = frequency["outlet"].map(_outlet_name)
    words = frequency.assign(outlet=outlet).groupby("outlet")["n_words"].max()
    named = words.drop(UNKNOWN, errors="ignore")
    keep, other = _largest(named, top)
    if other is None:
        return frequency, 0
    frequency = frequency.assign(outlet=outlet.where(outlet.isin(keep | {UNKNOWN}), other))
    return _merged_rates(frequency, ["outlet", "category"]), len(named) - top


def plot_dispersion(
    matches: pd.DataFrame, corpus: pd.DataFrame, *, label="category", order=None, ax=None
):
    """Where in each article the matches fall (an "x-ray" / lexical dispersion plot).

    ``matches`` is any table with ``article_id``, ``start`` and a ``label``
    column: hits (coloured by category, named by the dictionary's labels), or KWIC
    rows of chosen terms. The x axis is the position in the article's text, as a
    percentage of its length. Colours follow ``order`` (default: the values
    sorted), so a value keeps its colour from one corpus to another.
    """
    ax = _axes(ax, size=(9, 4))
    articles = list(corpus["article_id"])
    lengths = dict(zip(corpus["article_id"], corpus["text"].str.len(), strict=True))
    present = set(matches[label]) if len(matches) else set()
    order = sorted(present, key=str) if order is None else list(order)
    order += sorted(present - set(order), key=str)
    colors = dict(zip(order, palette(len(order)), strict=False))
    values = [v for v in order if v in present]
    names = dict(
        zip(values, _category_labels(values) if label == "category" else values, strict=True)
    )
    if len(articles) > ARTICLE_ROWS:
        return _dispersion_of_corpus(matches, lengths, label, values, names, colors, ax)
    row = {a: i for i, a in enumerate(articles)}
    offsets = np.linspace(-0.25, 0.25, max(len(values), 1))[: len(values)]
    for value, offset in zip(values, offsets, strict=True):
        part = matches[matches[label] == value]
        x = _positions(part, lengths)
        y = [row[a] + offset for a in part["article_id"]]
        ax.scatter(
            x, y, marker="|", s=120, linewidths=1.8, color=colors[value], label=str(names[value])
        )
    ax.set_yticks(np.arange(len(articles)), article_labels(corpus))
    ax.set_ylim(len(articles) - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.set_xlabel("position in the article (% of its text)")
    ax.set_ylabel("article (id · outlet)")
    ax.set_title("Where the matches fall in each article")
    ax.grid(axis="x")
    if values:
        title = "dictionary category" if label == "category" else label
        ax.legend(title=title, loc="upper left", bbox_to_anchor=(1.01, 1))
    else:  # say so, rather than an empty frame that looks like a drawing error
        ax.text(50, (len(articles) - 1) / 2, "no matches in this corpus", ha="center", va="center")
    return ax


def _positions(matches: pd.DataFrame, lengths: dict) -> list[float]:
    """Where each match starts, as a percentage of its article's text."""
    return [
        100 * s / max(lengths[a], 1)
        for a, s in zip(matches["article_id"], matches["start"], strict=True)
    ]


def _dispersion_of_corpus(matches, lengths, label, values, names, colors, ax):
    """:func:`plot_dispersion` of a corpus too large for a row per article: for each
    value, the share of its matches in each tenth of the articles' texts."""
    edges = np.linspace(0, 100, 11)
    for value in values:
        part = matches[matches["article_id"].isin(lengths.keys()) & (matches[label] == value)]
        x = _positions(part, lengths)
        counts, _ = np.histogram(np.clip(x, 0, 100), bins=edges)
        share = 100 * counts / max(counts.sum(), 1)
        ax.stairs(
            share, edges, color=colors[value], linewidth=2, label=f"{names[value]} ({len(x):,})"
        )
    ax.set_xlim(0, 100)
    ax.set_ylim(bottom=0)
    ax.set_xticks(edges)
    ax.set_xlabel("position in the article (% of its text)")
    ax.set_ylabel("matches in each tenth (% of the value's matches)")
    ax.set_title(f"Where the matches fall in the articles ({len(lengths):,} articles)")
    ax.grid(axis="y")
    if values:
        title = "dictionary category" if label == "category" else label
        ax.legend(title=f"{title} (matches)", loc="upper left", bbox_to_anchor=(1.01, 1))
    else:
        ax.text(50, 0.5, "no matches in this corpus", ha="center", va="center")
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
    features = list(shown["feature"])
    if table.attrs.get("unit") == "category":  # the dictionary's labels, as in the heatmap
        features = _category_labels(features)
    ax.set_yticks(y, features)
    ax.invert_yaxis()
    ax.axvline(0, color="0.3", linewidth=0.8)
    measure = {"chi2": "chi-squared", "lr": "log-likelihood G²"}.get(
        table.attrs.get("measure"), "keyness statistic"
    )
    # two lines: a group of outlets ("RIA Novosti + Sputnik + TASS") runs off one
    ax.set_xlabel(f"{measure}, signed: > 0 more frequent in {target}\nhatched: p ≥ 0.05")
    ax.set_ylabel(
        {"word": "word", "category": "dictionary category"}.get(table.attrs.get("unit"), "feature")
    )
    verb = "say" if " + " in target else "says"  # "TASS + Sputnik say"
    title = f"What {target} {verb} more, and less, than the rest"
    if len(title) > 56:
        title = f"What {target} {verb}\nmore, and less, than the rest"
    if len(shown) and (shown["p"] >= 0.05).all():
        title += "\n(no difference here is significant: p ≥ 0.05 for every one)"
    ax.set_title(title)
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
    plot_dispersion(
        hits[hits["category"].isin(chosen)], tables.corpus, order=chosen, ax=fig.add_subplot()
    )


@figure("rhetoric-keyness", size=(8, 5))
def _rhetoric_keyness(tables, fig):
    """Keyness of rhetorical categories: Russian state media (or the largest outlet) vs the rest."""
    from .keyness import keyness

    mask, name = keyness_target(tables.corpus)
    if mask.all() or not mask.any():  # one article, or one outlet: nothing to compare with
        ax = fig.add_subplot()
        ax.text(
            0.5,
            0.5,
            "keyness needs two groups of articles to compare",
            ha="center",
            transform=ax.transAxes,
            color="0.3",
        )
        ax.set_axis_off()
        ax.set_title("Keyness of rhetorical categories")
        return
    table = keyness(tables.corpus, mask, unit="category", hits=tables.hits, measure="lr")
    ax = plot_keyness(table, target=name, ax=fig.add_subplot())
    note = f"Why {name}: the corpus's Russian state media, else its largest outlet"
    n = int(mask.sum())
    note += f" ({n} article{'' if n == 1 else 's'} of {len(mask)}"
    if "outlet_basis" in tables.corpus:  # an outlet read from a phrase may be wrong
        basis = tables.corpus["outlet_basis"].fillna("").astype(str)[mask]
        guessed = int(basis.str.startswith("text").sum())
        if guessed:
            note += f"; the outlet of {guessed} found only in a phrase of the text"
    _note(ax, note + ").", y=-0.2)


# --- actor mentions and quotes (issue 4) ------------------------------------------------

MODE_ORDER = ["direct", "mixed", "reported"]


def _with_outlet(table: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """``table`` with each row's outlet as the figures show it (:func:`outlet_groups`)."""
    outlets = outlet_groups(corpus)
    return table.assign(outlet=table["article_id"].map(outlets).fillna(UNKNOWN))


def _by_outlet(counts: pd.DataFrame) -> pd.DataFrame:
    """A crosstab's outlet columns in :func:`outlet_order`."""
    return counts.reindex(columns=outlet_order(counts.columns))


def _slanted(n_labels: int) -> dict:
    """Tick label options for ``n_labels`` names side by side: slanted, and steeper
    past eight, where names at 30 degrees run into each other."""
    return {"rotation": 30 if n_labels <= 8 else 60, "ha": "right", "rotation_mode": "anchor"}


def _count_heatmap(counts: pd.DataFrame, ax, *, colorbar_label: str, decimals: int = 0):
    """Draw a table of counts as a heatmap with the count in each non-empty cell."""
    if counts.empty:  # say so, rather than a blank frame (and matplotlib's warnings)
        ax.text(0.5, 0.5, "nothing to count in this corpus", ha="center", transform=ax.transAxes)
        ax.set_xticks([])
        ax.set_yticks([])
        return ax
    values = counts.to_numpy(dtype=float)
    image = ax.imshow(values, aspect="auto", vmin=0, vmax=max(values.max(initial=0), 1))
    ax.set_xticks(np.arange(counts.shape[1]), counts.columns, **_slanted(counts.shape[1]))
    ax.set_yticks(np.arange(counts.shape[0]), counts.index)
    ax.spines[:].set_visible(False)
    threshold = values.max(initial=0) * 0.6
    for (i, j), value in np.ndenumerate(values):
        if value:
            color = "black" if value > threshold else "white"
            ax.text(
                j, i, f"{value:.{decimals}f}", ha="center", va="center", fontsize=8, color=color
            )
    bar = ax.figure.colorbar(image, ax=ax, label=colorbar_label, shrink=0.8)
    if decimals == 0:  # counts: whole-number ticks, not 0.25 of a mention
        from matplotlib.ticker import MaxNLocator

        bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return ax


def plot_mentions_by_outlet(
    mentions: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    ax=None,
    top: int = 20,
    types=("name", "capital"),
    per_1000_words: bool = False,
):
    """Mentions of the ``top`` most-mentioned actors in each outlet (heatmap).

    ``types`` selects the mention types counted; by default names and capitals,
    not adjectives ("Russian strikes" is not a mention of Russia by name). With
    ``per_1000_words``, each outlet's counts are divided by the words of its
    articles (``corpus.n_words``), so long and short articles compare fairly. An
    article's own outlet naming itself ("..., UNN reports.") is not counted
    (:func:`without_own_outlet`).
    """
    ax = _axes(ax, (9, 7))
    rows = without_own_outlet(mentions[mentions["type"].isin(types)], corpus)
    rows = _with_outlet(rows, corpus)
    counts = _by_outlet(pd.crosstab(rows["actor"], rows["outlet"]))
    order = counts.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]
    counts = counts.loc[order]
    unit = "mentions"
    if per_1000_words:
        words = _with_outlet(corpus[["article_id", "n_words"]], corpus).groupby("outlet")["n_words"]
        counts = counts.div(words.sum().reindex(counts.columns) / 1000, axis=1)
        unit = "mentions per 1,000 words"
    _count_heatmap(counts, ax, colorbar_label=unit, decimals=1 if per_1000_words else 0)
    ax.set_xlabel("outlet")
    ax.set_ylabel("actor")
    ax.set_title(f"Who is named, by outlet (top {len(counts)} actors; {', '.join(types)})")
    return ax


def plot_speakers(quotes: pd.DataFrame, *, ax=None, top: int = 15):
    """Quotes per speaker, split into direct, mixed and reported speech."""
    ax = _axes(ax)
    counts = pd.crosstab(quotes["speaker"], quotes["mode"]).reindex(columns=MODE_ORDER)
    counts = counts.fillna(0)
    counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]]
    y = np.arange(len(counts))
    left = np.zeros(len(counts))
    for mode, color in zip(MODE_ORDER, palette(len(MODE_ORDER)), strict=True):
        ax.barh(y, counts[mode], left=left, color=color, label=mode)
        left += counts[mode].to_numpy()
    ax.set_yticks(y, counts.index)
    ax.invert_yaxis()
    ax.set_xlabel("quoted or reported statements")
    ax.set_ylabel("speaker")
    ax.set_title("Who speaks")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="x")
    ax.legend(title="speech", loc="lower right")
    return ax


def plot_speakers_by_outlet(quotes: pd.DataFrame, corpus: pd.DataFrame, *, ax=None, top: int = 15):
    """Statements per speaker in each outlet (heatmap)."""
    ax = _axes(ax)
    rows = _with_outlet(quotes, corpus)
    counts = _by_outlet(pd.crosstab(rows["speaker"], rows["outlet"]))
    counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]]
    _count_heatmap(counts, ax, colorbar_label="statements")
    ax.set_xlabel("outlet")
    ax.set_ylabel("speaker")
    ax.set_title("Who speaks, by outlet")
    return ax


def without_own_outlet(mentions: pd.DataFrame, corpus: pd.DataFrame | None) -> pd.DataFrame:
    """``mentions`` less those of each article's own outlet ("..., UNN reports." in a
    UNN article, "told Sputnik" in Sputnik's): a byline, not an actor appearing with
    the others. Other outlets an article names (TASS cited by another) stay."""
    if corpus is None or mentions.empty:
        return mentions
    from .outlets import default_outlets

    canonical = default_outlets().canonical  # the gazetteer's "Kyiv Independent" is "The ..."
    outlets = {
        a: canonical(o)
        for a, o in zip(corpus["article_id"], corpus["outlet"], strict=True)
        if isinstance(o, str)
    }
    media = (mentions["kind"] == "media").to_numpy()
    actors = {a: canonical(a) for a in set(mentions["actor"][media])}
    own = mentions["actor"].map(actors).to_numpy() == mentions["article_id"].map(outlets).to_numpy()
    return mentions[~(media & own)]


def co_mentions(
    mentions: pd.DataFrame, *, types=("name", "capital"), corpus: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Pairs of actors named in the same sentence: ``actor_a``, ``actor_b``, ``sentences``.

    Given the ``corpus``, an article naming its own outlet is not a co-mention
    (:func:`without_own_outlet`)."""
    rows = without_own_outlet(mentions[mentions["type"].isin(types)], corpus)
    pairs: dict[tuple[str, str], int] = {}
    for _, group in rows.groupby(["article_id", "sentence_id"], sort=True):
        actors = sorted(set(group["actor"]))
        for i, a in enumerate(actors):
            for b in actors[i + 1 :]:
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
    table = pd.DataFrame(
        [(a, b, n) for (a, b), n in pairs.items()], columns=["actor_a", "actor_b", "sentences"]
    )
    return table.sort_values(
        ["sentences", "actor_a", "actor_b"], ascending=[False, True, True], ignore_index=True
    )


def plot_co_mentions(
    mentions: pd.DataFrame,
    *,
    corpus: pd.DataFrame | None = None,
    ax=None,
    top: int = 25,
    min_sentences: int = 1,
    seed: int = 0,
):
    """Actors named in the same sentence: a network, node size = mentions, colour = camp.

    Only the ``top`` most-named actors (names and capitals) are drawn, and only
    those that share a sentence with another of them at least ``min_sentences`` times.
    Given the ``corpus``, an article's own outlet naming itself is left out
    (:func:`without_own_outlet`).
    """
    import networkx as nx

    ax = _axes(ax, (9, 8))
    rows = without_own_outlet(mentions[mentions["type"].isin(("name", "capital"))], corpus)
    sizes = rows["actor"].value_counts()
    keep = set(sizes.sort_values(ascending=False, kind="stable").index[:top])
    edges = co_mentions(rows)
    edges = edges[
        edges["actor_a"].isin(keep)
        & edges["actor_b"].isin(keep)
        & (edges["sentences"] >= min_sentences)
    ]
    graph = nx.Graph()
    for a, b, n in edges.itertuples(index=False):
        graph.add_edge(a, b, weight=n)
    graph = nx.relabel_nodes(graph, {n: n for n in sorted(graph.nodes)})  # stable order
    camps = rows.drop_duplicates("actor").set_index("actor")["camp"]
    colors = camp_colors()
    if len(graph) == 0:
        ax.text(
            0.5, 0.5, "no two actors named in one sentence", ha="center", transform=ax.transAxes
        )
        ax.set_axis_off()
        return ax
    # Kamada-Kawai spreads a dense graph better than a spring layout; both are deterministic here.
    try:
        position = nx.kamada_kawai_layout(graph, weight=None)
    except ImportError:  # needs scipy
        position = nx.spring_layout(graph, seed=seed)
    # The layout is an optimisation whose last digits differ from one CPU or BLAS to
    # another; rounded (to a thousandth of the drawing's width, invisible), the figure
    # is the same file on most machines, not only on the one that drew it.
    position = {node: np.round(xy, 3) for node, xy in position.items()}
    heaviest = max(graph.edges[e]["weight"] for e in graph.edges)
    widths = [0.4 + 4 * graph.edges[e]["weight"] / heaviest for e in graph.edges]
    scale = min(25.0, 1200 / max((sizes[n] for n in graph.nodes), default=1))
    nx.draw_networkx_edges(graph, position, ax=ax, width=widths, edge_color="0.7")
    nodes = list(graph.nodes)
    nx.draw_networkx_nodes(
        graph,
        position,
        nodelist=nodes,
        ax=ax,
        # 25 points² per mention, the largest node at most 60 + 1,200 (a large corpus
        # would otherwise draw nodes over the whole network)
        node_size=[60 + scale * sizes[n] for n in nodes],
        node_color=[colors.get(camps.get(n), colors["Other"]) for n in nodes],
    )
    # labels above their node, on a light box, so neither hides the other
    above = {node: (xy[0], xy[1] + 0.045) for node, xy in position.items()}
    nx.draw_networkx_labels(
        graph,
        above,
        ax=ax,
        font_size=8,
        bbox={
            "boxstyle": "round,pad=0.15",
            "facecolor": "white",
            "edgecolor": "none",
            "alpha": 0.7,
        },
    )
    for camp in CAMP_ORDER:
        if camp in set(camps.reindex(nodes)):
            ax.scatter([], [], color=colors[camp], label=camp)
    ax.legend(title="camp", loc="lower left", fontsize=8)
    alone = sorted(keep - set(nodes))
    ax.set_title(
        f"Who appears with whom: the {len(keep)} most-named actors\n"
        "node size = mentions; line width = sentences naming both"
    )
    if alone:
        shown = ", ".join(alone[:5]) + (f" and {len(alone) - 5} more" if len(alone) > 5 else "")
        _note(ax, f"Never named in a sentence with another of them, not drawn: {shown}.", y=0.0)
    ax.set_axis_off()
    return ax


def plot_naming_variants(mentions: pd.DataFrame, corpus: pd.DataFrame, *, ax=None):
    """Which spelling each outlet uses (Kyiv or Kiev, Zelensky or Zelenskyy), as counts."""
    ax = _axes(ax)
    rows = _with_outlet(mentions[mentions["variant"].notna()], corpus)
    spelled = rows.groupby("actor")["variant"].nunique()
    rows = rows[rows["actor"].isin(spelled[spelled > 1].index)]
    if rows.empty:
        rows = _with_outlet(mentions[mentions["variant"].notna()], corpus)
    label = rows["actor"] + ": " + rows["variant"]
    counts = _by_outlet(pd.crosstab(label, rows["outlet"]))
    _count_heatmap(counts, ax, colorbar_label="mentions")
    ax.set_xlabel("outlet")
    ax.set_ylabel("actor: spelling used")
    ax.set_title("Naming variants by outlet")
    return ax


@figure("actor-mentions", size=(10, 8))
def _actor_mentions(tables, fig):
    """Who is named, by outlet: mentions of the most-named actors."""
    plot_mentions_by_outlet(tables.mentions, tables.corpus, ax=fig.add_subplot())


@figure("who-speaks", size=(13, 6))
def _who_speaks(tables, fig):
    """Who speaks: statements per speaker, by kind of speech and by outlet."""
    left, right = fig.subplots(1, 2)
    plot_speakers(tables.quotes, ax=left)
    plot_speakers_by_outlet(tables.quotes, tables.corpus, ax=right)


@figure("co-mentions", size=(10, 9))
def _co_mentions(tables, fig):
    """Who appears with whom: actors named in the same sentence."""
    plot_co_mentions(tables.mentions, corpus=tables.corpus, ax=fig.add_subplot())


@figure("naming-variants", size=(8, 5))
def _naming_variants(tables, fig):
    """Naming variants by outlet: Kyiv or Kiev, Zelensky or Zelenskyy."""
    plot_naming_variants(tables.mentions, tables.corpus, ax=fig.add_subplot())


# --- threats and proposals: statements, events, cadence (issue 5) ----------------------

#: Colour and marker of each act, the same in every figure.
ACT_STYLE = {
    "threat": (OKABE_ITO[5], "X"),
    "proposal": (OKABE_ITO[2], "o"),
    "rejection": (OKABE_ITO[3], "s"),
    "accusation": (OKABE_ITO[1], "^"),
    "talks": (OKABE_ITO[0], "D"),
}


def _counted_events(statements: pd.DataFrame, acts=None) -> pd.DataFrame:
    from .events import events

    ev = events(statements)
    ev = ev[ev["counted"]]
    if acts is not None:
        ev = ev[ev["act"].isin([acts] if isinstance(acts, str) else list(acts))]
    return ev


def _from_text(basis: pd.Series) -> np.ndarray:
    return basis.fillna("").str.startswith("text").to_numpy(bool)


def _date_axis(ax, dates: pd.Series) -> None:
    """Ticks for days: on days or months, never hours, each with its year (a span
    across New Year otherwise labels "Sep" without one), few enough not to collide;
    none when no date is known."""
    import matplotlib.dates as mdates

    dates = pd.to_datetime(pd.Series(dates)).dropna()
    days = (dates.max() - dates.min()).days if len(dates) else 0
    if not len(dates):
        ax.set_xticks([])
    elif days <= 62:
        # a margin of days around them: matplotlib would widen one day to years of ticks
        pad = pd.Timedelta(days=max(1, round(days * 0.08)))
        ax.set_xlim(dates.min() - pad, dates.max() + pad)
        ax.xaxis.set_major_locator(mdates.DayLocator(interval=max(1, -(-(days + 2) // 6))))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b\n%Y"))
    else:
        locator = mdates.AutoDateLocator(minticks=3, maxticks=7)
        formats = ["%Y", "%b\n%Y", "%d %b\n%Y", "%d %b\n%Y", "%d %b\n%Y", "%d %b\n%Y"]
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(
            mdates.ConciseDateFormatter(
                locator, formats=formats, zero_formats=formats, show_offset=False
            )
        )


def _note(ax, text: str, *, y: float = -0.22) -> None:
    ax.text(0, y, text, transform=ax.transAxes, fontsize=8, color="0.3", va="top", wrap=True)


def plot_statement_timeline(statements: pd.DataFrame, *, by: str = "camp", acts=None, ax=None):
    """One lane per camp (or speaker), one marker per event, shaped and coloured by act.

    Filled markers: the day is named in the text ("on Wednesday"); hollow: the
    article's publication date stands in. A line shows a span ("earlier this
    week"). A number beside a marker counts the articles reporting that event.
    Negated and hypothetical statements are left out; undated events are
    counted in a note under the axes, never placed on a guessed day.
    """
    from matplotlib.lines import Line2D

    ax = _axes(ax, size=(10, 5))
    ev = _counted_events(statements, acts)
    undated = ev[ev["event_date"].isna()]
    ev = ev[ev["event_date"].notna()].copy()
    ev[by] = ev[by].fillna(UNKNOWN)
    lanes = sorted(ev[by].unique(), key=lambda v: (v == UNKNOWN, v))
    y_of = {lane: i for i, lane in enumerate(lanes)}
    order = [a for a in ACT_STYLE if a in set(ev["act"])]
    offsets = {a: (i - (len(order) - 1) / 2) * 0.12 for i, a in enumerate(order)}
    labels = []
    for act in order:
        color, marker = ACT_STYLE[act]
        # events of one lane, act and day share a marker: "×4" says how many; it is
        # filled when the text names the day of at least one of them
        sub = ev[ev["act"] == act]
        sub = sub.assign(_text=_from_text(sub["date_basis"]), _shared=sub["n_articles"] > 1)
        sub = (
            sub.groupby([by, "event_date"], sort=True)
            .agg(
                n=("event_id", "size"),
                n_articles=("n_articles", "max"),
                n_shared=("_shared", "sum"),
                date_end=("date_end", "max"),
                _text=("_text", "any"),
            )
            .reset_index()
        )
        y = sub[by].map(y_of).to_numpy(float) + offsets[act]
        text = sub["_text"].to_numpy(bool)
        spans = (sub["date_end"].notna() & (sub["date_end"] > sub["event_date"])).to_numpy()
        for (_, row), yi in zip(sub[spans].iterrows(), y[spans], strict=True):
            ax.plot([row["event_date"], row["date_end"]], [yi, yi], color=color, lw=2, alpha=0.6)
        ax.scatter(sub["event_date"][text], y[text], marker=marker, color=color, s=70, zorder=3)
        ax.scatter(
            sub["event_date"][~text],
            y[~text],
            marker=marker,
            facecolors="white",
            edgecolors=color,
            linewidths=1.5,
            s=70,
            zorder=3,
        )
        for (_, row), yi in zip(sub.iterrows(), y, strict=True):
            label = f"×{row['n']}" if row["n"] > 1 else ""
            if row["n"] == 1 and row["n_articles"] > 1:
                label = f"{row['n_articles']} articles"
            elif row["n_shared"] == 1:
                label += f" (one in {row['n_articles']} articles)"
            elif row["n_shared"] > 1:
                label += f" ({row['n_shared']} in several articles)"
            if label:
                labels.append((label, row["event_date"], yi))
    # written once every point is drawn: near the right edge, to the left of the point
    import matplotlib.dates as mdates

    low, high = ax.get_xlim()
    n_markers = len(ev.drop_duplicates([by, "act", "event_date"]))
    for label, date, yi in labels if n_markers <= MARKER_LABELS else []:
        right = mdates.date2num(date) > low + 0.85 * (high - low)
        ax.annotate(
            label,
            (date, yi),
            xytext=(-6 if right else 6, 4),
            textcoords="offset points",
            ha="right" if right else "left",
            fontsize=8,
        )
    ax.set_yticks(range(len(lanes)), lanes)
    ax.set_ylim(-0.6, max(len(lanes), 1) - 0.4)
    ax.invert_yaxis()
    ax.set_xlabel("day the statement was made (talks: the day they are held)")
    ax.set_ylabel(by)
    ax.set_title("Threats, proposals and what surrounds them, over time")
    ax.grid(axis="x")
    _date_axis(ax, pd.concat([ev["event_date"], ev["date_end"]]))
    handles = [
        Line2D([], [], ls="", marker=ACT_STYLE[a][1], color=ACT_STYLE[a][0], label=a) for a in order
    ] + [
        Line2D([], [], ls="", marker="o", color="0.3", label="day named in the text"),
        Line2D([], [], ls="", marker="o", mfc="white", mec="0.3", label="publication date"),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    articles = {a for ids in ev["article_ids"].dropna() for a in str(ids).split(", ")}
    if n_markers <= MARKER_LABELS:
        note = (
            f"{len(ev)} dated events from {len(articles)} articles; ×n: n events of one act on"
            " one day (filled if the text names the day of one of them); 'k articles': one"
            " event reported by k; a line: a span of days."
        )
    else:
        note = (
            f"{len(ev):,} dated events from {len(articles):,} articles as {n_markers:,} markers,"
            " one per lane, act and day (filled if the text names the day of one of them);"
            f" a line: a span of days. Counts per marker not written above {MARKER_LABELS}."
        )
    if len(undated):
        note += f" Not shown: {len(undated)} events in articles with no known date."
    _note(ax, note, y=-0.21)
    return ax


def plot_acts_per_month(statements: pd.DataFrame, *, acts=("threat", "proposal"), ax=None):
    """Events per month for each act (a statement reported twice counts once),
    labelled with the number of articles behind each bar."""
    from .cadence import cadence

    ax = _axes(ax)
    counts = cadence(statements, freq="M", by="act", acts=list(acts))
    months = sorted(counts["period_label"].unique())
    x = np.arange(len(months))
    width = 0.8 / max(len(acts), 1)
    for i, act in enumerate(acts):
        sub = counts[counts["act"] == act].set_index("period_label").reindex(months)
        n = sub["n_events"].fillna(0).to_numpy()
        bars = ax.bar(
            x + (i - (len(acts) - 1) / 2) * width, n, width, color=ACT_STYLE[act][0], label=act
        )
        for bar, articles in zip(bars, sub["n_articles"].fillna(0), strict=True):
            if bar.get_height() and len(months) <= MONTH_LABELS:
                ax.annotate(
                    f"{int(articles)} art.",
                    (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    xytext=(0, 2),
                    textcoords="offset points",
                    ha="center",
                    fontsize=7,
                )
    step = 1 if len(months) <= MONTH_LABELS else -(-len(months) // 12)  # about 12 names
    ax.set_xticks(
        x[::step],
        months[::step],
        rotation=30 if step > 1 else 0,
        ha="right" if step > 1 else "center",
    )
    ax.set_ylabel("events (statements made, counted once)")
    ax.set_xlabel("month the statement was made")
    ax.set_title("Threats and proposals per month")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y")
    if len(months):
        ax.legend(loc="upper left")
    notes = []
    if len(months) > MONTH_LABELS:
        notes.append(f"One month in {step} of {len(months)} named; bars not labelled.")
    undated = counts.attrs.get("undated_events", 0)
    if undated:
        notes.append(f"Not counted: {undated} threats and proposals with no known date.")
    if notes:
        _note(ax, " ".join(notes), y=-0.16 if step == 1 else -0.3)  # below slanted months
    return ax


def plot_conflict_score(statements: pd.DataFrame, *, by: str = "camp", ax=None):
    """The Goldstein conflict–cooperation score of each event over time, by camp.

    -10 is the most conflictual act (CAMEO/Goldstein 1992), +10 the most
    cooperative; hollow markers are dated by the publication date only.
    """
    ax = _axes(ax)
    ev = _counted_events(statements)
    ev = ev[ev["event_date"].notna()].copy()
    ev[by] = ev[by].fillna(UNKNOWN)
    from matplotlib.lines import Line2D

    colors = camp_colors(ev[by]) if by == "camp" else color_map(ev[by])
    groups = sorted(set(ev[by]))
    # camps that share a day and a score sit side by side, a third of a point apart
    dodge = {g: (i - (len(groups) - 1) / 2) * 0.35 for i, g in enumerate(groups)}
    n_markers = len(ev.drop_duplicates([by, "event_date", "score"]))
    labelled = n_markers <= MARKER_LABELS
    for group, sub in ev.groupby(by, sort=True):
        # events of one day and score share a marker ("×3"), filled if the text names
        # the day of one of them, as large as the most reported of them
        sub = (
            sub.assign(_text=_from_text(sub["date_basis"]))
            .groupby(["event_date", "score"], sort=True)
            .agg(n=("event_id", "size"), n_articles=("n_articles", "max"), _text=("_text", "any"))
            .reset_index()
        )
        text = sub["_text"].to_numpy(bool)
        sizes = 30 + 20 * (sub["n_articles"].to_numpy() - 1)
        sub["score"] = sub["score"] + dodge[group]
        ax.scatter(
            sub["event_date"][text],
            sub["score"][text],
            color=colors[group],
            s=sizes[text],
            zorder=3,
        )
        ax.scatter(
            sub["event_date"][~text],
            sub["score"][~text],
            facecolors="white",
            edgecolors=colors[group],
            s=sizes[~text],
            zorder=3,
        )
        for date, score, n in zip(sub["event_date"], sub["score"], sub["n"], strict=True):
            if n > 1 and labelled:
                ax.annotate(
                    f"×{n}", (date, score), xytext=(5, 3), textcoords="offset points", fontsize=7
                )
    present = set(ev[by])  # the legend lists only the camps that have events
    order = [g for g in CAMP_ORDER + [UNKNOWN] if g in present] if by == "camp" else []
    order += sorted(present - set(order))
    handles = [Line2D([], [], ls="", marker="o", color=colors[g], label=g) for g in order]
    ax.axhline(0, color="0.5", lw=0.8)
    ax.set_ylim(-10.5, 10.5)
    ax.set_ylabel("Goldstein score (−10 conflict … +10 cooperation)")
    ax.set_xlabel("day the statement was made (talks: the day they are held)")
    ax.set_title("Conflict and cooperation in every act")
    ax.grid(axis="y")
    _date_axis(ax, ev["event_date"])
    if len(ev):
        # beside the axes, not over the points
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, title=by)
    counts = (
        "×n: n events of one day and score"
        if labelled
        else f"{n_markers:,} markers, their counts not written above {MARKER_LABELS}"
    )
    _note(
        ax,
        f"{len(ev):,} dated events of every act; {counts}; larger markers: reported by more"
        " articles; hollow: dated by the publication date; camps sharing a day and score are"
        " drawn a little apart.",
        y=-0.3,
    )
    return ax


def plot_threat_intervals(statements: pd.DataFrame, *, by: str = "camp", ax=None):
    """Days between successive threats of the same camp (or speaker)."""
    from .cadence import intervals

    ax = _axes(ax)
    iv = intervals(statements, by=by, acts="threat")
    if iv.empty:
        ax.text(
            0.5,
            0.5,
            "Fewer than two dated threats per " + by,
            ha="center",
            va="center",
            transform=ax.transAxes,
            color="0.3",
        )
        ax.set_axis_off()
        ax.set_title("Days between threats")
        return ax
    if len(iv) > ARTICLE_ROWS:
        return _interval_distributions(iv, by, ax)
    labels = [
        f"{g}: {p} → {e}"
        for g, p, e in zip(iv[by], iv["previous_event_id"], iv["event_id"], strict=True)
    ]
    colors = color_map(iv[by])
    y = np.arange(len(iv))
    ax.barh(y, iv["days"], color=[colors[g] for g in iv[by]])
    for yi, (days, date) in enumerate(zip(iv["days"], iv["event_date"], strict=True)):
        ax.annotate(
            f"{days} d (to {date:%Y-%m-%d})" if days else f"same day ({date:%Y-%m-%d})",
            (days, yi),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.set_xlim(0, max(7, iv["days"].max() * 1.25))
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlabel("days since the previous threat of the same " + by)
    ax.set_ylabel(f"{by}: from event → to event")
    ax.set_title("Days between threats")
    ax.grid(axis="x")
    return ax


def _interval_distributions(iv: pd.DataFrame, by: str, ax):
    """:func:`plot_threat_intervals` with too many intervals for a bar each: per camp
    (or speaker), a box of its intervals in days (median, quartiles, 1.5 IQR whiskers,
    outliers as points), labelled with how many intervals and the median."""
    groups = sorted(set(iv[by]), key=lambda g: (g == UNKNOWN, str(g)))
    data = [iv.loc[iv[by] == g, "days"].to_numpy(float) for g in groups]
    colors = camp_colors(groups) if by == "camp" else color_map(groups)
    import inspect

    # "orientation" since matplotlib 3.10, which deprecates "vert"
    sideways = (
        {"orientation": "horizontal"}
        if "orientation" in inspect.signature(ax.boxplot).parameters
        else {"vert": False}
    )
    boxes = ax.boxplot(
        data,
        **sideways,
        patch_artist=True,
        widths=0.6,
        medianprops={"color": "black"},
        flierprops={"marker": ".", "markersize": 4, "markeredgecolor": "0.4"},
    )
    for patch, group in zip(boxes["boxes"], groups, strict=True):
        patch.set_facecolor(colors[group])
        patch.set_alpha(0.8)
    labels = [
        f"{g} ({len(d):,}; median {np.median(d):.0f} d)" for g, d in zip(groups, data, strict=True)
    ]
    ax.set_yticks(np.arange(1, len(groups) + 1), labels)
    ax.invert_yaxis()
    ax.set_xlim(left=0)
    ax.set_xlabel("days since the previous threat of the same " + by)
    ax.set_ylabel(f"{by} (intervals; median)")
    ax.set_title(f"Days between threats ({len(iv):,} intervals)")
    ax.grid(axis="x")
    return ax


@figure("statements-timeline", size=(11, 5.5))
def _statements_timeline(tables, fig):
    """Threats, proposals, rejections, accusations and talks on a timeline, one lane per camp."""
    plot_statement_timeline(tables.statements, by="camp", ax=fig.add_subplot())


@figure("statements-cadence", size=(13, 8))
def _statements_cadence(tables, fig):
    """Threats and proposals per month, the conflict-cooperation score, days between threats."""
    axes = fig.subplot_mosaic([["month", "score"], ["intervals", "intervals"]])
    plot_acts_per_month(tables.statements, ax=axes["month"])
    plot_conflict_score(tables.statements, ax=axes["score"])
    plot_threat_intervals(tables.statements, ax=axes["intervals"])
    fig.suptitle("The cadence of threats and proposals", fontweight="bold", x=0.01, ha="left")


# --- validating the method (issue 6) -------------------------------------------------------


def _mark_undefined(ax, positions, values) -> None:
    """Write "n/a" where a score is undefined (no prediction, no example), so an
    empty bar is not read as 0."""
    for yi, value in zip(positions, values, strict=True):
        if np.isnan(value):
            ax.text(0.01, yi, "n/a", va="center", fontsize=7, color="0.3")


def plot_precision_recall(scores: pd.DataFrame, *, title: str = "The rules", ax=None):
    """Precision and recall per act of one method, with Wilson 95% intervals as error bars.

    ``scores``: a table of :func:`analysis.validation.act_scores`. Where the method
    never predicted an act, its precision is undefined and marked "n/a"; the sample
    size of each act is in its label.
    """
    ax = _axes(ax)
    acts = [a for a in scores.index if not str(a).endswith("average")]
    table = scores.loc[acts]
    y = np.arange(len(acts))
    height = 0.38
    for offset, metric, color in (
        (-height / 2, "precision", OKABE_ITO[0]),
        (height / 2, "recall", OKABE_ITO[1]),
    ):
        values = table[metric].astype(float).to_numpy()
        low = values - table[f"{metric}_low"].astype(float).to_numpy()
        high = table[f"{metric}_high"].astype(float).to_numpy() - values
        ax.barh(
            y + offset,
            np.nan_to_num(values),
            height=height,
            color=color,
            label=metric,
            xerr=np.vstack([np.nan_to_num(low), np.nan_to_num(high)]),
            error_kw={"elinewidth": 0.8, "capsize": 2, "ecolor": "0.3"},
        )
        _mark_undefined(ax, y + offset, values)
    labels = [f"{a} (n={int(n)})" for a, n in zip(acts, table["support"], strict=True)]
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.05)
    ax.set_xlabel("share (bars: 95% Wilson interval)")
    ax.set_ylabel("act")
    ax.set_title(f"{title}: precision and recall per act")
    ax.grid(axis="x")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def plot_method_comparison(scores: dict, *, metric: str = "f1", ax=None):
    """One metric (F1 by default) per act for several methods, side by side.

    ``scores``: {method name: table of :func:`analysis.validation.act_scores`}.
    """
    ax = _axes(ax)
    names = list(scores)
    acts = [a for a in next(iter(scores.values())).index if a != "micro average"]
    y = np.arange(len(acts))
    height = 0.8 / max(len(names), 1)
    for i, (name, color) in enumerate(zip(names, palette(len(names)), strict=True)):
        values = scores[name].reindex(acts)[metric].astype(float).to_numpy()
        ax.barh(
            y - 0.4 + height * (i + 0.5),
            np.nan_to_num(values),
            height=height,
            color=color,
            label=name,
        )
        _mark_undefined(ax, y - 0.4 + height * (i + 0.5), values)
    ax.set_yticks(y, acts)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.05)
    ax.set_xlabel(metric.upper() if metric == "f1" else metric)
    ax.set_ylabel("act")
    ax.set_title(f"{metric.upper() if metric == 'f1' else metric.capitalize()} per act, by method")
    ax.grid(axis="x")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    return ax
