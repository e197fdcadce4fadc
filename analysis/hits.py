"""Lexicon hits and scare quotes: tidy tables with offsets into each article's text.

``hits(corpus)`` finds every pattern of the rhetoric dictionary in every
article, one row per hit, with the sentence it falls in and
``text[start:end] == match``. It works article by article, so a corpus can be
processed in shards. ``scare_quotes(corpus)`` finds short phrases in quotation
marks ('Kyiv regime', 'Deterrent' Forces, "axis of war"), kept apart from
quoted speech.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from . import scanning
from .frames import frame, str_values, string_column, strings_by_code
from .lexicon import Lexicon, load_lexicon
from .matcher import PhraseMatcher
from .sentences import sentence_ids
from .sentences import sentences as make_sentences

HIT_COLUMNS = ["article_id", "sentence_id", "start", "end", "category", "term", "match"]


@lru_cache(maxsize=8)
def _matcher(lexicon: Lexicon) -> PhraseMatcher:
    return PhraseMatcher(lexicon)


@lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    from .cache import compiled
    from .lexicon import DEFAULT_LEXICON

    # read and validated once per content of the file, cached on disk (issue 7)
    return compiled("lexicon", [DEFAULT_LEXICON], load_lexicon)


def resolve_lexicon(lexicon=None) -> Lexicon:
    """The default rhetoric dictionary, a loaded :class:`Lexicon`, or one read from a path."""
    if lexicon is None:
        return _default_lexicon()
    return load_lexicon(lexicon)


def matcher_for(lexicon=None) -> PhraseMatcher:
    """A (cached) fast matcher for a lexicon."""
    return _matcher(resolve_lexicon(lexicon))


def _with_sentence_ids(result: pd.DataFrame, corpus, sentences) -> pd.DataFrame:
    """Fill ``sentence_id``: the sentence each row's ``start`` falls in."""
    if sentences is None:
        sentences = make_sentences(corpus)
    result["sentence_id"] = sentence_ids(sentences, result["article_id"], result["start"])
    return result


def hits(corpus: pd.DataFrame, lexicon=None, *, sentences=None) -> pd.DataFrame:
    """Every dictionary hit in every article.

    Returns one row per hit: ``article_id``, ``sentence_id`` (the sentence
    the hit starts in), ``start``, ``end`` (offsets into ``corpus.text``),
    ``category``, ``term`` (the pattern as written in the dictionary) and
    ``match`` (``text[start:end]``). Within a category the longest match wins;
    a phrase listed in two categories is one row in each. ``lexicon`` is a
    :class:`~analysis.lexicon.Lexicon` or a path (YAML or LIWC ``.dic``);
    the suite's ``rhetoric.yaml`` by default. The category ids, in dictionary
    order, are kept in ``result.attrs["categories"]``.
    """
    lexicon = resolve_lexicon(lexicon)
    matcher = _matcher(lexicon)
    texts = str_values(corpus["text"])
    doc, start, end, entry = matcher.find_arrays(texts)
    if len(doc):
        ids = corpus["article_id"].tolist()
        where = zip(doc.tolist(), start.tolist(), end.tolist(), strict=True)
        table = pd.DataFrame(
            {
                "article_id": strings_by_code(ids, doc),
                "sentence_id": None,
                "start": start,
                "end": end,
                "category": strings_by_code([c for c, _ in matcher.entries], entry),
                "term": strings_by_code([t for _, t in matcher.entries], entry),
                "match": string_column([texts[d][s:e] for d, s, e in where]),
            }
        )
    else:
        table = frame([], HIT_COLUMNS)
    result = _with_sentence_ids(table, corpus, sentences)
    result = result.astype(
        {"article_id": str, "sentence_id": "Int64", "start": "int64", "end": "int64"}
    )
    result.attrs["categories"] = lexicon.ids
    return result


# ---------------------------------------------------------------- scare quotes

_QUOTE_RES = [
    re.compile(r"\u201c([^\u201c\u201d\n]{1,400}?)\u201d"),
    re.compile(r'"([^"\n]{1,400}?)"'),
    # single quotes: the opening one not after a letter or digit, the closing one
    # not before one, so apostrophes (Russia's, allies') are not taken for quotes
    re.compile(r"(?<![^\W_])[\u2018']([^\W_][^\n]{0,400}?)[\u2019'](?![^\W_])"),
]
_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019\-\u2010\u2011][^\W_]+)*")
_TRAILING = ",.;:!?\u2026 "
_CUES = re.compile(
    r"\b(?:said|says|say|told|tells|called|calls|call|dubbed|dubs|described|describes|"
    r"labell?ed|branded|termed|named|according to|wrote|writes|stated|added|slammed|slams|"
    r"warned|argued|noted|insisted|claimed|accused)\b",
    re.IGNORECASE,
)
SCARE_COLUMNS = [
    "article_id",
    "sentence_id",
    "start",
    "end",
    "quote_start",
    "quote_end",
    "phrase",
    "n_words",
    "nested",
    "kind",
]


def _quotations(text):
    """All quotations ``(quote_start, quote_end, inner_start, inner_end)``, by position."""
    found = []
    for rx in _QUOTE_RES:
        for m in scanning.finditer(rx, text):  # single quotes: tried only where one is
            found.append((m.start(), m.end(), m.start(1), m.end(1)))
    found.sort()
    return found


# The end of a sentence: closing punctuation, any closing quotes or brackets, a space.
_SENTENCE_END = re.compile(r"[.!?\u2026][\'\"\u2019\u201d\u00bb)\]]*\s")
# After a short quotation: an attribution that makes it speech ("No," said Lavrov;
# "We will respond," Peskov said; "No!" he replied), up to the end of the clause.
_SPEECH_VERBS = (
    r"(?:said|says|say|told|tells|added|adds|stated|states|warned|warns|argued|argues|noted"
    r"|notes|insisted|insists|claimed|claims|replied|replies|asked|asks|answered|wrote|writes"
    r"|explained|stressed|emphasi[sz]ed|declared|continued|responded)\b"
)
_ATTRIBUTION_AFTER = re.compile(
    r",?\s*(?:(?!(?:which|that|who|whom|whose|and|but|or|while|as|when|where|after|before"
    r"|because|if|although|though|according)\b)[\w'\u2019.-]+\s+){0,5}?" + _SPEECH_VERBS,
    re.IGNORECASE,
)
# Before it: the reporting verb right before the quotation (Zakharova said "We refuse.").
_ATTRIBUTION_BEFORE = re.compile(r"\b" + _SPEECH_VERBS + r"(?: that)?[,:]?\s*$", re.IGNORECASE)


def _sentence_start(text, pos, lo=0):
    """Where the sentence holding ``pos`` starts (searched from ``lo`` on)."""
    cut = max(text.rfind("\n", lo, pos) + 1, lo)
    for m in _SENTENCE_END.finditer(text, cut, pos):
        cut = m.end()
    return cut


def _is_speech(text, qs, qe, inner_end):
    """A short quotation that is someone's words, not a label: introduced by a colon
    (Lavrov said: "No."), a whole sentence right after a reporting verb (she said "We
    refuse."), or closed by a comma, ! or ? and followed by one ("No," said Lavrov;
    "Never!" he replied; "We refuse", a senior diplomat said)."""
    if text[max(qs - 2, 0) : qs].rstrip().endswith(":"):
        return True
    if text[inner_end - 1 : inner_end] in (".", "!", "?") and _ATTRIBUTION_BEFORE.search(
        text, max(qs - 30, 0), qs
    ):
        return True  # a whole quoted sentence after the verb
    closed = text[inner_end - 1 : inner_end] in (",", "!", "?") or text[qe : qe + 1] == ","
    return closed and _ATTRIBUTION_AFTER.match(text, qe) is not None


def scare_quotes(
    corpus: pd.DataFrame, *, max_words: int = 4, cue_window: int = 60, sentences=None
) -> pd.DataFrame:
    """Short phrases in quotation marks: scare quotes and quoted fragments.

    The rule: a quotation (straight or curly, double or single quotes, within
    one paragraph) of at most ``max_words`` words is a *short quote*; longer
    ones are quoted speech and left to the quotes table. Each short quote is
    a row with the phrase's offsets (``start``/``end``, trailing punctuation
    left out, ``text[start:end] == phrase``) and the quotation marks'
    (``quote_start``/``quote_end``). ``nested`` is True when it sits inside a
    longer quotation (the speaker's scare quotes, not the author's). ``kind``
    is "fragment" when a reporting verb (said, called, dubbed, described ...)
    comes earlier in the same sentence within ``cue_window`` characters: the
    author is quoting someone's word ("dubbed ... an 'axis of war'"); otherwise
    "scare": the author's own distancing ('Kyiv regime', 'Deterrent' Forces).
    The two overlap in practice; read them in context. Short quoted speech
    ("No," said Lavrov; Lavrov said: "No.") is speech, not a device: it is left
    to the quotes table.
    """
    rows = []
    for aid, text in zip(corpus["article_id"], corpus["text"], strict=True):
        quotes = _quotations(text)
        # (trimming the punctuation and spaces below leaves the words as they are)
        counts = [len(_WORD_RE.findall(text, s, e)) for _, _, s, e in quotes]
        long_spans = [(q[0], q[1]) for q, n in zip(quotes, counts, strict=True) if n > max_words]
        for (qs, qe, s, e), n in zip(quotes, counts, strict=True):
            if n == 0 or n > max_words:
                continue
            inner_end = e
            while e > s and text[e - 1] in _TRAILING:
                e -= 1
            while s < e and text[s] == " ":
                s += 1
            if _is_speech(text, qs, qe, inner_end):
                continue
            nested = any(ls < qs and qe <= le for ls, le in long_spans)
            lo = _sentence_start(text, qs, max(qs - cue_window, 0))
            kind = "fragment" if _CUES.search(text, lo, qs) else "scare"
            rows.append((aid, None, s, e, qs, qe, text[s:e], n, nested, kind))
    result = _with_sentence_ids(frame(rows, SCARE_COLUMNS), corpus, sentences)
    return result.astype(
        {
            "article_id": str,
            "sentence_id": "Int64",
            "start": "int64",
            "end": "int64",
            "quote_start": "int64",
            "quote_end": "int64",
            "n_words": "int64",
            "nested": bool,
        }
    )
