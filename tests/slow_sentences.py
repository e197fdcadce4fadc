"""The straightforward sentence splitter that :mod:`analysis.sentences` replaced: a test oracle.

Kept as of the foundation commit, with the two rules added since to both (the
title is the headline whatever its punctuation; "no." ends a sentence unless a
number follows), so tests can check that the faster splitter gives exactly the
same sentences. Do not use it in the package.

Original docstring: split articles into paragraphs and sentences, with offsets into ``text``.

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

import pandas as pd

# Abbreviations after which a full stop does not end a sentence (lower case, no final dot).
from analysis.sentences import NUMBER_ABBREVIATIONS  # noqa: E402

ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col maj sgt capt cpt adm cmdr gov sen rep pres rev hon st jr sr
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    no nos vol fig figs pp para art sec ch cf vs etc approx est dept univ inc ltd co corp
    e.g i.e a.m p.m u.s u.k u.n e.u u.s.a ph.d
    """.split()
)
# Words that start a new sentence even after "U.S." or "a.m.".
SENTENCE_STARTERS = frozenset(
    "The This That These Those It He She They We I In On At But And A An Its Their His Her".split()
)
TERMINAL = ".!?…"
CLOSERS = "'\"’”»)]"
OPENERS = "'\"‘“«(["

_CANDIDATE = re.compile(r"[.!?…]+['\"’”»)\]]*(?=\s)")
_BULLET = re.compile(r"[ \t]*(?:[-–—•*▪·][ \t]+|\d{1,2}[.)][ \t]+)")
_LINE = re.compile(r"[^\n]*\n?")


def split_sentences(text: str, *, title: str | None = None) -> list[tuple[int, int, int, str]]:
    """Sentences of one text as ``(start, end, paragraph_id, kind)`` tuples."""
    lines = _nonblank_lines(text)
    wrapped = _is_hard_wrapped(text, lines)
    out: list[tuple[int, int, int, str]] = []
    paragraph = -1
    for unit_start, unit_end, is_bullet in _units(text, lines, wrapped):
        paragraph += 1
        body_start = unit_start
        if is_bullet:
            body_start = _BULLET.match(text, unit_start).end()
        kind = "bullet" if is_bullet else "sentence"
        if paragraph == 0 and title and text[unit_start:unit_end].strip() == title.strip():
            out.append((unit_start, unit_end, paragraph, "headline"))
            continue
        if not is_bullet and _is_heading(text, unit_start, unit_end):
            out.append((unit_start, unit_end, paragraph, "heading"))
            continue
        for start, end in _split_unit(text, body_start, unit_end):
            out.append((start, end, paragraph, kind))
    return out


def sentences(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: article_id, sentence_id, paragraph_id, start, end, text, kind.

    ``corpus.text[start:end] == text`` for every row.
    """
    columns: dict[str, list] = {
        k: [] for k in ("article_id", "sentence_id", "paragraph_id", "start", "end", "text", "kind")
    }
    titles = corpus["title"] if "title" in corpus else [None] * len(corpus)
    for article_id, text, title in zip(corpus["article_id"], corpus["text"], titles, strict=True):
        title = title if isinstance(title, str) else None
        for i, (start, end, paragraph, kind) in enumerate(split_sentences(text, title=title)):
            columns["article_id"].append(article_id)
            columns["sentence_id"].append(i)
            columns["paragraph_id"].append(paragraph)
            columns["start"].append(start)
            columns["end"].append(end)
            columns["text"].append(text[start:end])
            columns["kind"].append(kind)
    table = pd.DataFrame(columns)
    for name in ("sentence_id", "paragraph_id", "start", "end"):
        table[name] = table[name].astype("int64")
    return table


def sentence_at(spans: list[tuple[int, int, int, str]], pos: int) -> int:
    """Index of the sentence in ``spans`` (from :func:`split_sentences`) that holds ``pos``.

    A position between two sentences belongs to the one before; before the first,
    to the first. Extraction functions use it to give each match a ``sentence_id``.
    """
    starts = [s[0] for s in spans]
    return max(bisect.bisect_right(starts, pos) - 1, 0)


# --- units -------------------------------------------------------------------------------


def _nonblank_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line with visible text, without surrounding spaces."""
    lines = []
    for match in _LINE.finditer(text):
        start, end = match.span()
        if start == end:
            break
        while start < end and text[start] in " \t\r\n\u00a0":
            start += 1
        while end > start and text[end - 1] in " \t\r\n\u00a0":
            end -= 1
        if start < end:
            lines.append((start, end))
    return lines


def _is_hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    if len(lines) < 4:
        return False
    lengths = sorted(end - start for start, end in lines)
    return lengths[-1] <= 100 and lengths[len(lengths) // 2] >= 50


def _units(text: str, lines, wrapped: bool):
    """Yield (start, end, is_bullet) for each paragraph-like unit."""
    unit_start = unit_end = None
    bullet = False
    for start, end in lines:
        is_bullet = bool(_BULLET.match(text, start)) and _BULLET.match(text, start).end() < end
        if unit_start is not None and not is_bullet and _continues(text, unit_end, start, wrapped):
            unit_end = end
            continue
        if unit_start is not None:
            yield unit_start, unit_end, bullet
        unit_start, unit_end, bullet = start, end, is_bullet
    if unit_start is not None:
        yield unit_start, unit_end, bullet


def _continues(text: str, prev_end: int, start: int, wrapped: bool) -> bool:
    """Whether the line at ``start`` continues the unit that ends at ``prev_end``."""
    blank_line_between = text.count("\n", prev_end, start) > 1
    if blank_line_between:
        return False
    if wrapped:
        return True
    return not _ends_sentence(text, prev_end) and text[start].islower()


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


def _split_unit(text: str, start: int, end: int):
    """Yield (start, end) of each sentence between ``start`` and ``end``."""
    sentence_start = start
    for match in _CANDIDATE.finditer(text, start, end):
        stop = match.end()
        nxt = _next_visible(text, stop, end)
        if nxt is None or not _is_boundary(text, sentence_start, match, nxt):
            continue
        yield sentence_start, stop
        sentence_start = nxt
    if sentence_start < end:
        yield sentence_start, end


def _next_visible(text: str, pos: int, end: int) -> int | None:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos if pos < end else None


def _is_boundary(text: str, sentence_start: int, match: re.Match, nxt: int) -> bool:
    first = text[nxt]
    if first in OPENERS or first in "-–—":
        after = _next_visible(text, nxt + 1, len(text))
        first = text[after] if after is not None else ""
    if not (first.isupper() or first.isdigit()):
        return False
    punct = match.group(0).rstrip(CLOSERS)
    if punct != ".":
        return True
    # A single full stop: is the word before it an abbreviation or an initial?
    word_end = match.start()
    word_start = word_end
    while word_start > sentence_start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:word_end].lstrip(OPENERS)
    if len(word) == 1 and word.isupper():
        return False  # an initial: "Vladimir V. Putin"
    if word.lower() in ABBREVIATIONS:
        if word.lower() in NUMBER_ABBREVIATIONS and not first.isdigit():
            return True
        if "." in word or word.lower() in ("etc", "approx", "est"):
            # U.S., a.m., etc. may end a sentence: only when a usual sentence opener follows
            next_word = text[nxt : nxt + 12].split(maxsplit=1)[0].strip(OPENERS)
            return next_word in SENTENCE_STARTERS
        return False
    return True
