"""The tables of one corpus, computed once and on demand.

``Tables(corpus)`` is what the command line, the figure runner and the report
use: each table is a cached property, so a figure that needs sentences and
another that needs them too share one computation. Each extraction issue adds
its table here and to :data:`TABLE_NAMES`, which is what ``export`` writes.
"""

from __future__ import annotations

from collections.abc import Callable
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
# other articles than the row's own.
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


def _link_statements(statements: pd.DataFrame) -> pd.DataFrame:
    """Event ids over the whole corpus: one statement reported by two outlets, once."""
    from .events import link_events

    linked = statements.copy()
    if len(linked):
        linked["event_id"] = link_events(linked)
    return linked


REDUCTIONS["statements"] = _link_statements
