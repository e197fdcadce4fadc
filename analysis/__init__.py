"""Evidence of how political actors talk in the news: corpus → tables → figures.

The public API is flat: everything a notebook needs is importable from here.
"""

from .cleaning import clean, removed_spans, to_raw
from .config import FIGURES_DIR, LEXICON_DIR, NOTEBOOKS_DIR, ROOT, SEEDS_DIR, STYLE_FILE
from .corpus import WORD_RE, CorpusError, LoadReport, count_words, load_corpus, read_catalog
from .datafiles import DataFileError
from .figures import (
    FIGURES,
    draw_figure,
    palette,
    plot_article_lengths,
    plot_outlets,
    plot_publication_dates,
    plot_removed,
    save_figures,
    source_line,
)
from .frequency import rhetoric_frequency
from .hits import hits, scare_quotes
from .keyness import distinctive_terms, keyness
from .kwic import kwic, kwic_html
from .lexicon import Lexicon, LexiconWarning, load_lexicon
from .matcher import PhraseMatcher, ReferenceMatcher
from .sentences import sentences, split_sentences
from .tables import TABLE_NAMES, Tables
from .vectorizer import LexiconVectorizer

__all__ = [
    "FIGURES",
    "FIGURES_DIR",
    "LEXICON_DIR",
    "NOTEBOOKS_DIR",
    "ROOT",
    "SEEDS_DIR",
    "STYLE_FILE",
    "TABLE_NAMES",
    "WORD_RE",
    "CorpusError",
    "DataFileError",
    "LoadReport",
    "Tables",
    "clean",
    "count_words",
    "draw_figure",
    "load_corpus",
    "palette",
    "plot_article_lengths",
    "plot_outlets",
    "plot_publication_dates",
    "plot_removed",
    "read_catalog",
    "removed_spans",
    "save_figures",
    "sentences",
    "source_line",
    "split_sentences",
    "to_raw",
    # --- rhetoric frequency (issue 3) ---
    "Lexicon",
    "LexiconVectorizer",
    "LexiconWarning",
    "PhraseMatcher",
    "ReferenceMatcher",
    "distinctive_terms",
    "hits",
    "keyness",
    "kwic",
    "kwic_html",
    "load_lexicon",
    "rhetoric_frequency",
    "scare_quotes",
]
