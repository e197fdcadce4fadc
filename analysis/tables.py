"""The tables of one corpus, computed once and on demand.

``Tables(corpus)`` is what the command line, the figure runner and the report
use: each table is a cached property, so a figure that needs sentences and
another that needs them too share one computation. Each extraction issue adds
its table here and to :data:`TABLE_NAMES`, which is what ``export`` writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from .cleaning import removed_spans
from .sentences import sentences

TABLE_NAMES = ["articles", "removed", "sentences"]

# --- rhetoric frequency (issue 3) ---
TABLE_NAMES += ["hits", "scare_quotes"]
# Corpus-level steps (issue 7): a table computed chunk by chunk (analysis.shards,
# analysis.dask) is passed whole to its reduction afterwards, which returns the same
# rows in the same order with corpus-wide columns recomputed (e.g. events linked
# across outlets). Register one here when a table has a column that depends on
# other articles than the row's own; a ColumnReduction says which columns it reads,
# so the shards are read only in those.
REDUCTIONS: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {}
# Actor mentions and quotes (issue 4).
TABLE_NAMES += ["mentions", "quotes"]

# --- issue 5: threats and proposals
TABLE_NAMES += ["statements"]


class Tables:
    """Lazily computed tables of one corpus (``Tables(load_corpus(path))``)."""

    def __init__(self, corpus: pd.DataFrame, *, chunk: bool = False):
        self.corpus = corpus
        # A chunk of a larger corpus (analysis.shards, analysis.dask): corpus-level steps
        # are left to REDUCTIONS, run once on the whole table.
        self.chunk = chunk

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in TABLE_NAMES:
            raise KeyError(f"no table {name!r}; tables are {', '.join(TABLE_NAMES)}")
        return getattr(self, name)

    @property
    def articles(self) -> pd.DataFrame:
        return self.corpus

    @cached_property
    def removed(self) -> pd.DataFrame:
        return removed_spans(self.corpus)

    @cached_property
    def sentences(self) -> pd.DataFrame:
        return sentences(self.corpus)

    # --- rhetoric frequency (issue 3) ---
    @cached_property
    def hits(self) -> pd.DataFrame:
        """Every rhetoric-dictionary hit, with offsets (see :func:`analysis.hits`)."""
        from .hits import hits

        return hits(self.corpus, sentences=self.sentences)

    @cached_property
    def scare_quotes(self) -> pd.DataFrame:
        """Short phrases in quotation marks (see :func:`analysis.scare_quotes`)."""
        from .hits import scare_quotes

        return scare_quotes(self.corpus, sentences=self.sentences)

    # --- actor mentions and quotes (issue 4) ---------------------------------------------

    @cached_property
    def mentions(self) -> pd.DataFrame:
        from .mentions import mentions

        return mentions(self.corpus, sentences=self.sentences)

    @cached_property
    def quotes(self) -> pd.DataFrame:
        from .quotes import quotes

        # the mentions table already holds what quotes would find again
        return quotes(self.corpus, sentences=self.sentences, mentions=self.mentions)

    # --- issue 5: threats and proposals -------------------------------------------------

    @cached_property
    def statements(self) -> pd.DataFrame:
        """Threats, proposals, rejections, accusations and talks, linked into events."""
        from .statements import statements

        return statements(
            self.corpus,
            sentences=self.sentences,
            quotes=self.quotes,
            mentions=self.mentions,
            link=not self.chunk,  # linked across the whole corpus by REDUCTIONS (issue 7)
        )


# --- issue 7: corpus-level steps after chunked runs ---------------------------------------


@dataclass(frozen=True)
class ColumnReduction:
    """A corpus-level step that needs only some columns of the table.

    ``compute(table[reads])`` returns a DataFrame of the columns ``writes``, row for
    row. Called on a whole table, it returns the table with those columns replaced;
    :func:`analysis.shards.reduce_shards` reads only ``reads`` from the shards and
    writes the new columns back part by part.
    """

    reads: tuple[str, ...]
    writes: tuple[str, ...]
    compute: Callable[[pd.DataFrame], pd.DataFrame]

    def __call__(self, table: pd.DataFrame) -> pd.DataFrame:
        out = table.copy()
        values = self.compute(table[list(self.reads)])
        for name in self.writes:
            out[name] = values[name].set_axis(out.index)  # its own dtype
        return out


def _event_ids(statements: pd.DataFrame) -> pd.DataFrame:
    """Event ids over the whole corpus: one statement reported by two outlets, once."""
    from .events import link_events

    return link_events(statements).to_frame("event_id")  # an object column, as in one run


REDUCTIONS["statements"] = ColumnReduction(
    reads=("article_id", "start", "act", "text", "counted", "speaker", "camp")
    + ("event_date", "date_end"),
    writes=("event_id",),
    compute=_event_ids,
)
