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

from .frames import str_values, string_column, strings_by_code

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

# Where a sentence may end (rule 3): punctuation, closing quotes or brackets, then space,
# ``([.!?…]+['"’”»)\]]*)\s+``; found with NumPy by :func:`_candidate_array` (the same
# matches: tested).
_BULLET = re.compile(r"[ \t]*(?:[-–—•*▪·][ \t]+|\d{1,2}[.)][ \t]+)")
_OPENERS_AND_DASHES = OPENERS + "-–—"
# What a bullet line may start with (``_BULLET`` after its spaces and tabs; a digit is
# ``str.isdecimal``, as ``\d``): other lines are not tried against the pattern.
_BULLET_FIRST = frozenset("-–—•*▪·")
# A word longer than this is no abbreviation (the longest: "approx").
_LONGEST_ABBREVIATION = max(len(word) for word in ABBREVIATIONS)


def split_sentences(text: str, *, title: str | None = None) -> list[tuple[int, int, int, str]]:
    """Sentences of one text as ``(start, end, paragraph_id, kind)`` tuples."""
    _, starts, ends, paragraphs, kinds = _split_texts(text, np.zeros(1, np.int64), [text], [title])
    names = [SENTENCE_KINDS[k] for k in kinds.tolist()]
    return list(zip(starts.tolist(), ends.tolist(), paragraphs.tolist(), names, strict=True))


def sentences(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: article_id, sentence_id, paragraph_id, start, end, text, kind.

    ``corpus.text[start:end] == text`` for every row.
    """
    texts = str_values(corpus["text"])
    titles = corpus["title"].tolist() if "title" in corpus else [None] * len(texts)
    joined, bases = _SEPARATOR.join(texts), _bases(texts)
    doc, starts, ends, paragraphs, kinds = _split_texts(joined, bases, texts, titles)
    counts = np.bincount(doc, minlength=len(texts))
    first = np.cumsum(counts) - counts  # each article's first row
    return pd.DataFrame(
        {
            "article_id": strings_by_code(corpus["article_id"].tolist(), doc),
            "sentence_id": np.arange(len(doc), dtype=np.int64) - first[doc],
            "paragraph_id": paragraphs,
            "start": starts - bases[doc],
            "end": ends - bases[doc],
            "text": string_column(
                [joined[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
            ),
            "kind": strings_by_code(list(SENTENCE_KINDS), kinds),
        }
    )


# --- all texts at once -------------------------------------------------------------------
#
# The texts are joined with a blank line between them, so no unit runs from one into the
# next, and every rule is applied to arrays of positions in that one string (its
# characters as an array of code points, :func:`_code_points`): where lines and
# sentence-end candidates are, which lines join into units, which units are headings or
# bullets and which candidates end a sentence are NumPy operations on those characters. Only the rare cases that need a look at the words
# (a bullet marker, a heading's word count, a full stop after a short word that may be
# an abbreviation, a candidate followed by an opening quote) are decided in Python, by
# the same functions as always. tests/slow_sentences.py is the straightforward splitter
# these rules replace; the tests check that both give the same sentences.

_SEPARATOR = "\n\n"
_SENTENCE, _HEADLINE, _HEADING, _BULLET_KIND = range(len(SENTENCE_KINDS))


def _bases(texts: list[str]) -> np.ndarray:
    """Where each text starts in ``_SEPARATOR.join(texts)``."""
    steps = np.fromiter(map(len, texts), np.int64, len(texts)) + len(_SEPARATOR)
    return np.cumsum(steps) - steps


def _split_texts(big: str, bases: np.ndarray, texts: list, titles: list) -> tuple:
    """(doc, start, end, paragraph_id, kind code) of every sentence of ``texts``, in order;
    ``big`` is ``_SEPARATOR.join(texts)``, ``bases`` where each text starts in it, and
    ``start`` and ``end`` are offsets into ``big``; ``titles[doc]`` is a text's headline
    (anything but a str is no title)."""
    chars = _code_points(big)
    newlines = np.flatnonzero(chars == 10)
    line_start, line_end = _visible_lines(chars, newlines)
    if not len(line_start):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty, empty
    line_doc = np.searchsorted(bases, line_start, side="right") - 1

    # rule 2, bullets: a marker and text after it on the line
    marker_end = line_start.copy()
    is_bullet = np.zeros(len(line_start), dtype=bool)
    for i in np.flatnonzero(_BULLET_FIRST_CHAR(chars[line_start])).tolist():
        marker = _BULLET.match(big, int(line_start[i]))
        if marker is not None and marker.end() < line_end[i]:
            is_bullet[i], marker_end[i] = True, marker.end()

    # rule 1: a line joins the unit before when it is in the same text, with no blank
    # line between; in hard-wrapped text unless it is a bullet, else when it starts in
    # lower case after a line without closing punctuation
    ends_sentence = _ends_sentence_at(chars, line_end)
    single_break = (
        np.searchsorted(newlines, line_start[1:]) - np.searchsorted(newlines, line_end[:-1]) <= 1
    )
    wrapped = _hard_wrapped(line_doc, line_end - line_start, len(texts))[line_doc[1:]]
    joins = (
        (line_doc[1:] == line_doc[:-1])
        & single_break
        & np.where(wrapped, ~is_bullet[1:], _LOWER(chars[line_start[1:]]) & ~ends_sentence[:-1])
    )
    first_line = np.flatnonzero(np.concatenate([[True], ~joins]))
    last_line = np.append(first_line[1:] - 1, len(line_start) - 1)
    unit_start, unit_end = line_start[first_line], line_end[last_line]
    unit_doc = line_doc[first_line]
    unit_bullet = is_bullet[first_line]
    body_start = np.where(unit_bullet, marker_end[first_line], unit_start)
    paragraph = np.arange(len(first_line)) - np.searchsorted(unit_doc, unit_doc)

    # rule 2: the headline (the text's title), headings, bullets
    kind = np.where(unit_bullet, _BULLET_KIND, _SENTENCE)
    for u in np.flatnonzero(paragraph == 0).tolist():
        title = titles[unit_doc[u]]
        if (
            isinstance(title, str)
            and title
            and (big[unit_start[u] : unit_end[u]].strip() == title.strip())
        ):
            kind[u] = _HEADLINE
    unpunctuated = (kind == _SENTENCE) & ~ends_sentence[last_line]
    unpunctuated &= ~_COMMA_OR_SEMICOLON(chars[unit_end - 1])
    for u in np.flatnonzero(unpunctuated).tolist():
        if len(big[unit_start[u] : unit_end[u]].split()) <= 20:
            kind[u] = _HEADING

    # rule 3: sentence ends inside the body of a sentence or bullet unit
    found = _candidate_array(chars)
    unit = np.searchsorted(unit_start, found[:, 0], side="right") - 1
    known = np.maximum(unit, 0)
    inside = (
        (unit >= 0)
        & ((kind[known] == _SENTENCE) | (kind[known] == _BULLET_KIND))
        & (found[:, 0] >= body_start[known])
        & (found[:, 2] < unit_end[known])
    )
    found, unit = found[inside], unit[inside]
    ends = _sentence_ends(texts, bases, chars, found, body_start[unit], unit_doc[unit])
    found, unit = found[ends], unit[ends]

    # a sentence from each unit's body start or sentence end to the next end or unit end
    in_sentences = np.flatnonzero((kind == _SENTENCE) | (kind == _BULLET_KIND))
    whole = np.flatnonzero((kind == _HEADLINE) | (kind == _HEADING))
    starts = np.sort(np.concatenate([body_start[in_sentences], found[:, 2], unit_start[whole]]))
    stops = np.sort(np.concatenate([found[:, 1], unit_end[in_sentences], unit_end[whole]]))
    unit = np.searchsorted(unit_start, starts, side="right") - 1
    doc = unit_doc[unit]
    return doc, starts, stops, paragraph[unit], kind[unit]


def _sentence_ends(texts, bases, chars, found, sentence_start, doc) -> np.ndarray:
    """Whether each candidate ``(start, end of punctuation, next visible)`` ends a
    sentence (rule 3, as :func:`_is_boundary` decides it), on arrays: the next visible
    character (after an opening quote or dash, the one after that, in the same text)
    must be upper case or a digit; then ``!``, ``?``, ``…`` or several stops end a
    sentence, and so does a single full stop unless the word before it is an initial
    or an abbreviation. A word that may be an abbreviation (or holds other than ASCII)
    is left to :func:`_is_boundary` on the text itself."""
    start, punct_end, nxt = found.T
    opener = _OPENER_OR_DASH(chars[nxt])
    first = nxt.copy()
    first[opener] = _step_over(chars, nxt[opener] + 1, _SPACE_CHAR)
    text_end = bases[doc] + np.fromiter(map(len, texts), np.int64, len(texts))[doc]
    capital = first < text_end
    capital[capital] = _UPPER_OR_DIGIT(chars[first[capital]])
    one_stop = (chars[start] == 46) & ~_TERMINAL(chars[start + 1])  # space follows a candidate
    # the word before the stop: from the nearest space before it (a sentence starts after
    # a space, so the word never reaches back past the sentence's start)
    space_back = np.zeros(len(start), dtype=np.int64)  # 0: no space in reach
    for back in range(_LONGEST_ABBREVIATION + 1, 0, -1):
        at = start - back
        space = at >= bases[doc]
        space[space] = _SPACE_CHAR(chars[at[space]])
        space_back[space] = back
    word_start = start - space_back + 1
    for _ in range(_LONGEST_ABBREVIATION):  # without opening quotes or brackets
        word_start += (word_start < start) & _OPENER(chars[np.minimum(word_start, start)])
    length = start - word_start
    # a word longer than any abbreviation: no space in reach, and no opening quote first
    low = start - (_LONGEST_ABBREVIATION + 1)
    long_word = (space_back == 0) & (low >= bases[doc])
    long_word[long_word] = ~_OPENER(chars[low[long_word]])
    short_word = space_back > 0
    initial = short_word & (length == 1) & _UPPER(chars[np.minimum(word_start, start)])
    key, ascii_word = _word_keys(chars, word_start, length)
    plain_word = short_word & ascii_word & ~np.isin(key, _ABBREVIATION_KEYS)
    ends = capital & (~one_stop | long_word | (plain_word & ~initial))
    for i in np.flatnonzero(capital & one_stop & ~long_word & ~plain_word & ~initial).tolist():
        d, base = int(doc[i]), int(bases[doc[i]])
        s, p, n = int(start[i]) - base, int(punct_end[i]) - base, int(nxt[i]) - base
        ends[i] = _is_boundary(texts[d], int(sentence_start[i]) - base, s, texts[d][s:p], n)
    return ends


def _word_key(word: str) -> int:
    """A number for an ASCII word of at most :data:`_LONGEST_ABBREVIATION` characters."""
    key = 1
    for char in word:
        key = key * 128 + ord(char)
    return key


def _word_keys(chars: np.ndarray, word_start: np.ndarray, length: np.ndarray):
    """(:func:`_word_key` of each word in lower case, whether it is all ASCII), for words
    of at most :data:`_LONGEST_ABBREVIATION` characters (longer ones get no key)."""
    key = np.ones(len(word_start), dtype=np.int64)
    ascii_word = length <= _LONGEST_ABBREVIATION
    for k in range(_LONGEST_ABBREVIATION):
        within = k < length
        code = chars[np.minimum(word_start + k, len(chars) - 1)].astype(np.int64)
        ascii_word &= ~within | (code < 128)
        code += 32 * ((code >= 65) & (code <= 90))  # A-Z in lower case
        key = np.where(within, key * 128 + code, key)
    return key, ascii_word


_ABBREVIATION_KEYS = np.array(sorted(_word_key(word) for word in ABBREVIATIONS), dtype=np.int64)


def _code_points(text: str) -> np.ndarray:
    """The characters of ``text`` as integers, one per character: bytes for ASCII, 16
    bits when no character needs more (UTF-16 without surrogate pairs), else 32."""
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    encoded = text.encode("utf-16-le")
    if len(encoded) == 2 * len(text):
        return np.frombuffer(encoded, dtype=np.uint16)
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


_BLANK = (32, 9, 13, 0xA0)  # what a visible line is stripped of (and \n, which ends it)


def _visible_lines(chars: np.ndarray, newlines: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(start, end) of the visible part of every line that has one (without spaces,
    tabs, \\r and no-break spaces at either end), from the newlines, by stepping over
    blanks at both ends."""
    start = np.concatenate([[0], newlines + 1])
    end = np.append(newlines, len(chars))
    for step, edge in ((1, start), (-1, end)):
        # move each line's edge over blanks, the lines still moving fewer at every step
        moving = np.flatnonzero(start < end)
        while len(moving):
            at = edge[moving] if step == 1 else edge[moving] - 1
            code = chars[at]
            blank = (code == 32) | (code == 9) | (code == 13) | (code == 0xA0)
            moving = moving[blank]
            edge[moving] += step
            moving = moving[start[moving] < end[moving]]
    visible = start < end
    return start[visible], end[visible]


def _candidate_array(chars: np.ndarray) -> np.ndarray:
    """Where a sentence may end, one row per candidate: (start, end of the punctuation
    and closers, first character after the space). Every run of ``.!?…``, then closing
    quotes or brackets, then at least one space: the matches of
    ``([.!?…]+['"’”»)\\]]*)\\s+``, found with NumPy."""
    n = len(chars)
    terminal = chars == 46
    for code in (33, 63, 0x2026):
        if code <= np.iinfo(chars.dtype).max:
            terminal |= chars == code
    at = np.flatnonzero(terminal)
    first = at[(at == 0) | ~terminal[np.maximum(at - 1, 0)]]  # where a run starts
    last = at[(at == n - 1) | ~terminal[np.minimum(at + 1, n - 1)]] + 1  # where it ends
    end = _step_over(chars, last, _CLOSER)
    spaced = end < n
    spaced[spaced] = _SPACE_CHAR(chars[end[spaced]])
    first, end = first[spaced], end[spaced]
    return np.stack([first, end, _step_over(chars, end, _SPACE_CHAR)], axis=1)


def _step_over(chars: np.ndarray, pos: np.ndarray, test) -> np.ndarray:
    """Each position moved forward past the characters for which ``test`` holds."""
    pos = pos.copy()
    moving = np.flatnonzero(pos < len(chars))
    while len(moving):
        moving = moving[test(chars[pos[moving]])]
        pos[moving] += 1
        moving = moving[pos[moving] < len(chars)]
    return pos


def _char_test(test):
    """``test`` (a function of one character) applied to an array of code points: from a
    table for ASCII, once per distinct character for the rest."""
    table = np.array([bool(test(chr(i))) for i in range(128)] + [False], dtype=bool)

    def apply(codes: np.ndarray) -> np.ndarray:
        codes = np.asarray(codes)
        out = table[np.minimum(codes, 128)]
        high = codes > 127
        if high.any():
            distinct, where = np.unique(codes[high], return_inverse=True)
            out[high] = np.array([bool(test(chr(c))) for c in distinct.tolist()])[where]
        return out

    return apply


_LOWER = _char_test(str.islower)
_UPPER = _char_test(str.isupper)
_UPPER_OR_DIGIT = _char_test(lambda c: c.isupper() or c.isdigit())
_SPACE_CHAR = _char_test(str.isspace)  # as ``\s`` in a str pattern
_CLOSER = _char_test(lambda c: c in CLOSERS)
_TERMINAL = _char_test(lambda c: c in TERMINAL)
_OPENER = _char_test(lambda c: c in OPENERS)
_OPENER_OR_DASH = _char_test(lambda c: c in _OPENERS_AND_DASHES)
_COMMA_OR_SEMICOLON = _char_test(lambda c: c in ",;")
_BULLET_FIRST_CHAR = _char_test(lambda c: c in _BULLET_FIRST or c.isdecimal())


def _ends_sentence_at(chars: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """For each end offset: the text before it ends in ``.!?…``, perhaps followed by
    closing quotes or brackets."""
    last = ends - 1
    while True:
        more = last >= 0
        more[more] = _CLOSER(chars[last[more]])
        if not more.any():
            break
        last[more] -= 1
    return (last >= 0) & _TERMINAL(chars[np.maximum(last, 0)])


def _hard_wrapped(line_doc: np.ndarray, lengths: np.ndarray, n_docs: int) -> np.ndarray:
    """Per text: at least 4 lines, none longer than 100 characters, the median (the
    middle of the sorted lengths) at least 50."""
    counts = np.bincount(line_doc, minlength=n_docs)
    ordered = lengths[np.lexsort((lengths, line_doc))]
    first = np.cumsum(counts) - counts
    wrapped = counts >= 4
    middle = ordered[first[wrapped] + counts[wrapped] // 2]
    longest = ordered[first[wrapped] + counts[wrapped] - 1]
    wrapped[wrapped] = (longest <= 100) & (middle >= 50)
    return wrapped


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
