"""Evidence of how political actors talk in the news: corpus → tables → figures.

The public API is flat: everything a notebook needs is importable from here.
"""

from .cleaning import clean, removed_spans, to_raw
from .config import FIGURES_DIR, LEXICON_DIR, NOTEBOOKS_DIR, ROOT, SEEDS_DIR, STYLE_FILE
from .corpus import (
    WORD_RE,
    CorpusError,
    LoadReport,
    count_words,
    iter_corpus,
    load_corpus,
    read_catalog,
)
from .datafiles import DataFileError
from .figures import (
    FIGURES,
    add_source_line,
    co_mentions,
    draw_figure,
    palette,
    plot_article_lengths,
    plot_co_mentions,
    plot_mentions_by_outlet,
    plot_naming_variants,
    plot_outlets,
    plot_publication_dates,
    plot_removed,
    plot_speakers,
    plot_speakers_by_outlet,
    save_figures,
    source_line,
)
from .frequency import rhetoric_frequency
from .gazetteer import Actor, Gazetteer, load_gazetteer
from .hits import hits, scare_quotes
from .keyness import distinctive_terms, keyness
from .kwic import kwic, kwic_html
from .lexicon import Lexicon, LexiconWarning, load_lexicon
from .matcher import PhraseMatcher, ReferenceMatcher
from .mentions import candidate_actors, find_mentions, mentions
from .quotes import find_quotations, find_quotes, load_speech_cues, quotes
from .sentences import sentences, split_sentences
from .tables import TABLE_NAMES, Tables

# isort: split
# --- issue 5: threats and proposals
from .acts import ACTS, acts_table, code_sentence, load_acts
from .cadence import cadence, intervals
from .dates import date_cue, find_dates
from .events import EVENT_SIMILARITY, events, link_events
from .figures import (
    plot_acts_per_month,
    plot_conflict_score,
    plot_statement_timeline,
    plot_threat_intervals,
)
from .statements import STATEMENT_COLUMNS, statements

# isort: split
# --- workshop and report (issue 6) ---
from .explore import explore
from .figures import plot_method_comparison, plot_precision_recall
from .report import ReportError, make_report
from .validation import (
    SAMPLE_FILE,
    act_classifier,
    act_scores,
    coder_agreement,
    cross_validated_acts,
    disagreements,
    load_sample,
    locate,
    predicted_acts,
    predicted_speakers,
    sample_corpus,
    speaker_accuracy,
    speaker_errors,
)

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
    "iter_corpus",
    "load_corpus",
    "palette",
    "plot_article_lengths",
    "plot_outlets",
    "plot_publication_dates",
    "plot_method_comparison",
    "plot_precision_recall",
    "plot_removed",
    "read_catalog",
    "removed_spans",
    "save_figures",
    "sentences",
    "source_line",
    "add_source_line",
    "split_sentences",
    "to_raw",
    # actor mentions and quotes (issue 4)
    "Actor",
    "Gazetteer",
    "candidate_actors",
    "find_mentions",
    "find_quotations",
    "find_quotes",
    "load_gazetteer",
    "load_speech_cues",
    "mentions",
    "quotes",
    "co_mentions",
    "plot_co_mentions",
    "plot_mentions_by_outlet",
    "plot_naming_variants",
    "plot_speakers",
    "plot_speakers_by_outlet",
    # issue 5: threats and proposals
    "ACTS",
    "EVENT_SIMILARITY",
    "STATEMENT_COLUMNS",
    "acts_table",
    "cadence",
    "code_sentence",
    "date_cue",
    "events",
    "find_dates",
    "intervals",
    "link_events",
    "load_acts",
    "plot_acts_per_month",
    "plot_conflict_score",
    "plot_statement_timeline",
    "plot_threat_intervals",
    "statements",
    # workshop and report (issue 6)
    "ReportError",
    "SAMPLE_FILE",
    "act_classifier",
    "act_scores",
    "coder_agreement",
    "cross_validated_acts",
    "disagreements",
    "explore",
    "load_sample",
    "locate",
    "make_report",
    "predicted_acts",
    "predicted_speakers",
    "sample_corpus",
    "speaker_accuracy",
    "speaker_errors",
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


def __getattr__(name: str):
    # LexiconVectorizer needs scikit-learn and scipy, a second to import: loaded when first used.
    if name == "LexiconVectorizer":
        from .vectorizer import LexiconVectorizer

        return LexiconVectorizer
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
