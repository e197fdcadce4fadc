"""Split articles into paragraphs and sentences, with offsets into ``text``.

News text pasted from the web mixes blank-line paragraphs, one-line paragraphs,
headings without a full stop ("Details", "Recall"), bullet lines and quotes that
end a sentence inside the quotation marks. The rules, in order:

1. Blank lines separate blocks. Inside a block, each line starts a new unit
   unless the text is hard-wrapped (most lines 50–100 characters), or the line
   before has no closing punctuation and this one starts in lower case.
2. A unit that opens with "- ", "• " or "1." is a bullet; a unit of at most
   20 words without closing punctuation is a heading; the first unit is the
   headline when it is the article's title.
3. Inside a unit, a sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any
   closing quotes or brackets after it) followed by space and an upper-case
   letter, a digit or an opening quote; not after an abbreviation (Dr., Jan.,
   a.m., U.S. before a name) or a single initial (V. Putin).

Rule-based on purpose: it is fast, needs no model download, and every decision
can be read here.
"""

from __future__ import annotations

import bisect
import re

import numpy as np
import pandas as pd

from .frames import string_column, strings_by_code

# Abbreviations after which a full stop does not end a sentence (lower case, no final dot).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col maj sgt capt cpt adm cmdr gov sen rep pres rev hon st jr sr
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    no nos vol fig figs pp para art sec ch cf vs etc approx est dept univ inc ltd co corp
    e.g i.e a.m p.m u.s u.k u.n e.u u.s.a ph.d
    """.split()
)
# Abbreviations only before a number ("No. 5"): elsewhere the word ends a sentence.
NUMBER_ABBREVIATIONS = frozenset({"no", "nos"})
# Words that start a new sentence even after "U.S." or "a.m.".
SENTENCE_STARTERS = frozenset(
    "The This That These Those It He She They We I In On At But And A An Its Their His Her".split()
)
SENTENCE_KINDS = ("sentence", "headline", "heading", "bullet")  # the values of ``kind``
TERMINAL = ".!?…"
CLOSERS = "'\"’”»)]"
OPENERS = "'\"‘“«(["

# Punctuation that may end a sentence, closing quotes or brackets, then the space after:
# ``([.!?…]+['"’”»)\]]*)\s+``. It is searched as two patterns, one that starts with a
# full stop and one for the rarer ! ? …, each beginning a run of punctuation (the
# lookbehind): ``re`` finds a literal first character in C several times faster than
# a set of them, and most texts have no ! ? … at all. Same matches (tested).
_DOT_CANDIDATE = re.compile(r"(\.(?<![.!?…]\.)[.!?…]*['\"’”»)\]]*)\s+")
_OTHER_CANDIDATE = re.compile(r"([!?…](?<![.!?…][!?…])[.!?…]*['\"’”»)\]]*)\s+")
_BULLET = re.compile(r"[ \t]*(?:[-–—•*▪·][ \t]+|\d{1,2}[.)][ \t]+)")
# The visible part of a line: without surrounding spaces, tabs, \\r and no-break spaces.
_VISIBLE_LINE = re.compile(r"[^\n \t\r\u00a0](?:[^\n]*[^\n \t\r\u00a0])?")
_OPENERS_AND_DASHES = OPENERS + "-–—"
# What a bullet line may start with (``_BULLET`` after its spaces and tabs; a digit is
# ``str.isdecimal``, as ``\d``): other lines are not tried against the pattern.
_BULLET_FIRST = frozenset("-–—•*▪·")
_SPACE = re.compile(r"\s").search
# A word longer than this is no abbreviation (the longest: "approx").
_LONGEST_ABBREVIATION = max(len(word) for word in ABBREVIATIONS)


def split_sentences(text: str, *, title: str | None = None) -> list[tuple[int, int, int, str]]:
    """Sentences of one text as ``(start, end, paragraph_id, kind)`` tuples."""
    out: list[tuple[int, int, int, str]] = []
    _split(text, title, out, SENTENCE_KINDS)
    return out


def _split(text: str, title: str | None, out: list, kinds: tuple) -> None:
    """Append the sentences of ``text`` to ``out`` as ``(start, end, paragraph_id,
    kinds[k])`` tuples, ``k`` the index of the kind in :data:`SENTENCE_KINDS`.

    One pass over the lines, which are joined into units (rules 1 and 2) as they come,
    and over the sentence-end candidates of the whole text (rule 3), merged with the
    units by position: far fewer Python steps than a scan per unit.
    """
    sentence, headline, heading, bullet = kinds  # in the order of SENTENCE_KINDS
    lines = [match.span() for match in _VISIBLE_LINE.finditer(text)]
    wrapped = _is_hard_wrapped(text, lines)
    candidates = _candidates(text)  # (start, end of punctuation and closers, next visible)
    n_candidates = len(candidates)
    n_lines = len(lines)
    bullet_match = _BULLET.match
    ci = li = 0
    paragraph = -1
    while li < n_lines:
        unit_start, unit_end = lines[li]
        li += 1
        first = text[unit_start]  # lines start with a visible character: [ \t]* is empty
        marker = None
        if first in _BULLET_FIRST or first.isdecimal():
            marker = bullet_match(text, unit_start)
        is_bullet = marker is not None and marker.end() < unit_end
        body_start = marker.end() if is_bullet else unit_start
        # the lines that continue this unit: none after a blank line or before a bullet;
        # in hard-wrapped text every other one, else one in lower case after a line
        # without closing punctuation
        while li < n_lines:
            start, end = lines[li]
            first = text[start]
            if not wrapped and not first.islower():
                break
            if first in _BULLET_FIRST or first.isdecimal():
                marker = bullet_match(text, start)
                if marker is not None and marker.end() < end:
                    break  # a bullet starts a unit of its own
            if text.count("\n", unit_end, start) > 1:
                break  # a blank line between
            if not wrapped and _ends_sentence(text, unit_end):
                break
            unit_end = end
            li += 1
        paragraph += 1
        if paragraph == 0 and title and text[unit_start:unit_end].strip() == title.strip():
            # the loader's headline, whatever its punctuation ("Will Europe send troops?")
            out.append((unit_start, unit_end, paragraph, headline))
            continue
        if not is_bullet and _is_heading(text, unit_start, unit_end):
            out.append((unit_start, unit_end, paragraph, heading))
            continue
        kind = bullet if is_bullet else sentence
        while ci < n_candidates and candidates[ci][0] < body_start:
            ci += 1
        sentence_start = body_start
        while ci < n_candidates:
            start, punct_end, nxt = candidates[ci]
            if start >= unit_end:
                break
            ci += 1
            if nxt >= unit_end:
                continue
            first = text[nxt]
            if first in _OPENERS_AND_DASHES:
                ends = _is_boundary(text, sentence_start, start, text[start:punct_end], nxt)
            elif not (first.isupper() or first.isdigit()):
                continue
            elif (
                punct_end - start == 1
                and (low := start - _LONGEST_ABBREVIATION - 1) > sentence_start
                and text[low] not in OPENERS
                and _SPACE(text, low, start) is None
            ):
                ends = True  # a lone full stop after a word longer than any abbreviation
            else:
                ends = _is_boundary(text, sentence_start, start, text[start:punct_end], nxt)
            if ends:
                out.append((sentence_start, punct_end, paragraph, kind))
                sentence_start = nxt
        if sentence_start < unit_end:
            out.append((sentence_start, unit_end, paragraph, kind))


def _candidates(text: str) -> list[tuple[int, int, int]]:
    """Where a sentence may end: (start, end of the punctuation and closers, first
    character after the space), by position."""
    found = [(m.start(), m.end(1), m.end()) for m in _DOT_CANDIDATE.finditer(text)]
    if "!" in text or "?" in text or "…" in text:
        found += [(m.start(), m.end(1), m.end()) for m in _OTHER_CANDIDATE.finditer(text)]
        found.sort()
    return found


_KIND_CODES = tuple(range(len(SENTENCE_KINDS)))


def sentences(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: article_id, sentence_id, paragraph_id, start, end, text, kind.

    ``corpus.text[start:end] == text`` for every row.
    """
    texts = corpus["text"].tolist()
    titles = corpus["title"].tolist() if "title" in corpus else [None] * len(corpus)
    spans: list[tuple[int, int, int, int]] = []  # of every article, one after the other
    counts = np.zeros(len(texts), dtype=np.int64)
    for doc, (text, title) in enumerate(zip(texts, titles, strict=True)):
        before = len(spans)
        _split(text, title if isinstance(title, str) else None, spans, _KIND_CODES)
        counts[doc] = len(spans) - before
    doc = np.repeat(np.arange(len(texts)), counts)
    first = np.cumsum(counts) - counts  # each article's first row
    # (start, end, paragraph, kind) of every sentence, converted in C
    values = np.array(spans, dtype=np.int64).reshape(len(spans), 4)
    starts, ends = values[:, 0].tolist(), values[:, 1].tolist()
    return pd.DataFrame(
        {
            "article_id": strings_by_code(corpus["article_id"].tolist(), doc),
            "sentence_id": np.arange(len(spans), dtype=np.int64) - first[doc],
            "paragraph_id": values[:, 2].copy(),
            "start": values[:, 0].copy(),
            "end": values[:, 1].copy(),
            "text": string_column(
                [texts[d][s:e] for d, s, e in zip(doc.tolist(), starts, ends, strict=True)]
            ),
            "kind": strings_by_code(list(SENTENCE_KINDS), values[:, 3]),
        }
    )


def sentence_ids(sentences: pd.DataFrame, article_ids, offsets) -> pd.arrays.IntegerArray:
    """The ``sentence_id`` each offset falls in: the last sentence of that article that
    starts at or before it (missing before the first sentence, or where the article has
    no sentences). Vectorised, for every row of an extracted table at once."""
    known = pd.Index(sentences["article_id"].unique())
    shift = np.int64(1) << 40  # offsets are below 2**40: (article, start) as one key
    keys = known.get_indexer(sentences["article_id"]) * shift + sentences["start"].to_numpy(
        dtype=np.int64
    )
    order = np.argsort(keys, kind="stable")
    keys, ids = keys[order], sentences["sentence_id"].to_numpy(dtype=np.int64)[order]
    article = known.get_indexer(pd.Index(article_ids, dtype=object))
    wanted = article * shift + np.asarray(offsets, dtype=np.int64)
    pos = np.searchsorted(keys, wanted, side="right") - 1
    found = (article >= 0) & (pos >= 0)
    found[found] = keys[pos[found]] // shift == article[found]
    values = np.zeros(len(wanted), dtype=np.int64)
    values[found] = ids[pos[found]]
    return pd.arrays.IntegerArray(values, ~found)


def sentence_at(spans: list[tuple[int, int, int, str]], pos: int) -> int:
    """Index of the sentence in ``spans`` (from :func:`split_sentences`) that holds ``pos``.

    A position between two sentences belongs to the one before; before the first,
    to the first. Extraction functions use it to give each match a ``sentence_id``.
    """
    starts = [s[0] for s in spans]
    return max(bisect.bisect_right(starts, pos) - 1, 0)


# --- units -------------------------------------------------------------------------------


def _is_hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    if len(lines) < 4:
        return False
    lengths = sorted(end - start for start, end in lines)
    return lengths[-1] <= 100 and lengths[len(lengths) // 2] >= 50


def _ends_sentence(text: str, end: int) -> bool:
    i = end - 1
    while i >= 0 and text[i] in CLOSERS:
        i -= 1
    return i >= 0 and text[i] in TERMINAL


def _is_heading(text: str, start: int, end: int) -> bool:
    if _ends_sentence(text, end) or text[end - 1] in ",;":
        return False
    return len(text[start:end].split()) <= 20


# --- sentences inside a unit -------------------------------------------------------------


def _next_visible(text: str, pos: int, end: int) -> int | None:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos if pos < end else None


def _is_boundary(text: str, sentence_start: int, start: int, punct: str, nxt: int) -> bool:
    """Whether the candidate at ``start`` (punctuation and closers ``punct``, then space,
    then ``text[nxt]``) ends a sentence."""
    first = text[nxt]
    if first in _OPENERS_AND_DASHES:
        after = _next_visible(text, nxt + 1, len(text))
        first = text[after] if after is not None else ""
    if not (first.isupper() or first.isdigit()):
        return False
    punct = punct.rstrip(CLOSERS)
    if punct != ".":
        return True
    # A single full stop: is the word before it an abbreviation or an initial?
    word = _word_before(text, sentence_start, start).lstrip(OPENERS)
    if len(word) == 1 and word.isupper():
        return False  # an initial: "Vladimir V. Putin"
    lower = word.lower()
    if lower in ABBREVIATIONS:
        if lower in NUMBER_ABBREVIATIONS and not first.isdigit():
            return True  # "she said no. Kyiv ...", not "No. 5"
        if "." in word or lower in ("etc", "approx", "est"):
            # U.S., a.m., etc. may end a sentence: only when a usual sentence opener follows
            next_word = text[nxt : nxt + 12].split(maxsplit=1)[0].strip(OPENERS)
            return next_word in SENTENCE_STARTERS
        return False
    return True


def _word_before(text: str, sentence_start: int, word_end: int) -> str:
    """The run of non-space characters that ends at ``word_end``, not before ``sentence_start``."""
    low = max(word_end - 24, sentence_start)
    chunk = text[low:word_end]
    if not chunk or chunk[-1].isspace():
        return ""
    word = chunk.rsplit(None, 1)[-1]
    if len(word) < len(chunk) or low == sentence_start:
        return word
    word_start = low  # a word longer than the chunk: walk back to its start
    while word_start > sentence_start and not text[word_start - 1].isspace():
        word_start -= 1
    return text[word_start:word_end]
