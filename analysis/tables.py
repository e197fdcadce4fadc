"""The tables of one corpus, computed once and on demand.

``Tables(corpus)`` is what the command line, the figure runner and the report
use: each table is a cached property, so a figure that needs sentences and
another that needs them too share one computation. Each extraction issue adds
its table here and to :data:`TABLE_NAMES`, which is what ``export`` writes.
"""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from .cleaning import removed_spans
from .sentences import sentences

TABLE_NAMES = ["articles", "removed", "sentences"]

# --- rhetoric frequency (issue 3) ---
TABLE_NAMES += ["hits", "scare_quotes"]


class Tables:
    """Lazily computed tables of one corpus (``Tables(load_corpus(path))``)."""

    def __init__(self, corpus: pd.DataFrame):
        self.corpus = corpus

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
