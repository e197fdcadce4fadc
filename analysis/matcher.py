"""Find a lexicon's patterns in a text: a fast matcher and a plain-``re`` reference.

Both return the same hits, as ``(start, end, category, term)`` tuples sorted by
position, with ``text[start:end]`` the matched text and ``term`` the pattern as
written in the dictionary. The rules (see :mod:`analysis.lexicon` for the
pattern syntax):

- a pattern matches on whole words, case-insensitively; spaces and hyphens
  between its words match any run of whitespace and hyphens;
- within one category, overlapping matches are resolved so that the longest
  wins (ties: the earlier one, then the pattern listed first); a phrase listed
  in two categories is a hit in each.

:class:`PhraseMatcher` is the fast one. It rewrites the text into a
*canonical* copy (lower case, curly apostrophes as ``'``, every run of
whitespace and hyphens as one space, with a map back to the original
offsets), finds every pattern's literal *anchor* (the pattern itself, or its
leading literal words) in one pass with an Aho–Corasick automaton
(``ahocorasick_rs``, Rust, wheels for every platform), checks word boundaries,
and verifies the few patterns with ``*`` by a regular expression at the
anchor. It does this for groups of texts at once (:meth:`PhraseMatcher.find_arrays`),
with NumPy for the checks and the overlaps, so that little Python runs per hit.
:class:`ReferenceMatcher` compiles each pattern into a regular
expression on the original text: slow and obviously right, it is what the
tests compare the fast matcher against.
"""

from __future__ import annotations

import bisect
import re
from itertools import chain

import ahocorasick_rs
import numpy as np

from .characters import non_ascii_characters
from .lexicon import APOSTROPHES, HYPHENS, Lexicon, load_lexicon, parse_pattern

# Every character ``re`` matches with ``\s`` (checked in tests/test_matcher.py).
_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_JOINERS = frozenset(_SPACES + HYPHENS)
_OTHER = "\x01"  # stands for any non-ASCII character that is neither a letter nor a digit

# ASCII bytes: upper case to lower case, whitespace and hyphens to a space.
_TABLE = bytearray(range(256))
for _c in range(ord("A"), ord("Z") + 1):
    _TABLE[_c] = _c + 32
for _ch in _SPACES + HYPHENS:
    if _ch.isascii():
        _TABLE[ord(_ch)] = 0x20
_TABLE = bytes(_TABLE)
# Bytes that belong to a word: ASCII letters and digits, and every byte of a
# non-ASCII character (the others were replaced by _OTHER, a space or ').
_WORD = bytes(1 if (chr(b).isalnum() and b < 128) or b >= 128 else 0 for b in range(256))
_W = rb"[a-z0-9\x80-\xff]"
_TAIL_RE = re.compile(_W + rb"*")
_ANY_CANON = _W + rb"+(?:'" + _W + rb"+)*"
# For the search copy: every byte that is not part of a word becomes a space.
_SPACED = bytes(b if _WORD[b] else 0x20 for b in range(256))
_NONE = np.zeros(0, dtype=np.int64)  # no offsets to map
_ZERO = np.zeros(1, dtype=np.int64)


def _non_ascii_map(ch: str) -> str:
    """What a non-ASCII character becomes in the canonical copy (always one character)."""
    if ch in APOSTROPHES:
        return "'"
    if ch in _JOINERS:
        return " "
    if not ch.isalnum():
        return _OTHER
    low = ch.lower()
    return low if len(low) == 1 else ch


class Canonical:
    """The canonical copy of a text as UTF-8 bytes, and the way back to ``str`` offsets.

    Lower case, apostrophe variants as ``'``, every run of whitespace and
    hyphens as one space, every other non-ASCII non-alphanumeric character as
    ``\x01``. ``to_char(i)`` maps a byte offset in ``data`` back to the
    character offset in the original text.
    """

    __slots__ = ("data", "_runs", "_removed", "_high", "_extra")

    def __init__(self, text: str):
        if not text.isascii():
            for ch in non_ascii_characters(text):
                mapped = _non_ascii_map(ch)
                if mapped != ch:
                    text = text.replace(ch, mapped)
        data = text.encode("utf-8").translate(_TABLE)
        # byte offset -> char offset, for the non-ASCII characters left: at and after
        # byte _high[i - 1] (the end of a character), _extra[i] bytes are extra
        self._high, self._extra = _NONE, _ZERO
        if len(data) != len(text):
            continuation = np.append((np.frombuffer(data, np.uint8) & 0xC0) == 0x80, False)
            self._high = np.flatnonzero(continuation[:-1] & ~continuation[1:]) + 1
            self._extra = np.append(0, np.cumsum(continuation)[self._high - 1])
        # collapse runs of spaces; at and after compressed offset _runs[i - 1],
        # _removed[i] bytes were removed before
        self._runs, self._removed = _NONE, _ZERO
        if b"  " in data:
            codes = np.frombuffer(data, np.uint8)
            space = codes == 0x20
            dropped = np.zeros(len(codes) + 1, dtype=bool)  # a space after a space
            dropped[1:-1] = space[1:] & space[:-1]
            data = codes[~dropped[:-1]].tobytes()
            after = np.flatnonzero(dropped[:-1] & ~dropped[1:]) + 1  # where a run ends
            removed = np.cumsum(dropped)[after - 1]
            self._runs, self._removed = after - removed, np.append(0, removed)
        self.data = data

    def to_byte(self, c: int) -> int:
        """Offset in the uncompressed bytes of compressed offset ``c``."""
        return c + int(self._removed[np.searchsorted(self._runs, c, side="right")])

    def map_arrays(self, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Character offsets of spans given in compressed byte offsets (NumPy arrays;
        :meth:`to_char` for one offset)."""
        out = []
        for arr in (starts, ends):
            if len(self._runs):
                arr = arr + self._removed[np.searchsorted(self._runs, arr, side="right")]
            if len(self._high):
                arr = arr - self._extra[np.searchsorted(self._high, arr, side="right")]
            out.append(arr)
        return out[0], out[1]

    def to_char(self, c: int) -> int:
        """Character offset in the original text of compressed byte offset ``c``."""
        b = self.to_byte(c)
        return b - int(self._extra[np.searchsorted(self._high, b, side="right")])


def canonical(text: str) -> Canonical:
    """The canonical copy of ``text`` (see :class:`Canonical`)."""
    return Canonical(text)


class _Entry:
    __slots__ = (
        "index",
        "category",
        "cat_index",
        "term",
        "kind",
        "check_end",
        "regex",
        "core",
        "core_open",
        "compare",
    )

    def __init__(self, index, category, cat_index, term, tokens):
        self.index = index
        self.category = category
        self.cat_index = cat_index
        self.term = term
        last = tokens[-1]
        self.check_end = last.kind == "word" and last.text[-1].isalnum()
        self.regex = None
        # the literal start of the pattern, as in the canonical bytes
        self.core = _anchor(tokens)
        # does the anchor end in a prefix stem (so the word may go on)?
        self.core_open = any(t.kind == "prefix" for t in tokens[: _anchor_length(tokens)])
        # compare it with the text when the spaced copy may hide a difference
        self.compare = b" " in self.core or self.core != self.core.translate(_SPACED)
        if all(t.kind == "word" for t in tokens):
            self.kind = 0  # the anchor is the whole pattern
        elif all(t.kind == "word" for t in tokens[:-1]):
            self.kind = 1  # words, then a prefix glob: extend to the end of the word
        else:
            self.kind = 2  # verify with a regular expression at the anchor
            body = b" ".join(_canon_token(t) for t in tokens)
            if self.check_end:
                body += rb"(?!" + _W + rb")"
            self.regex = re.compile(body)


def _canon_token(token) -> bytes:
    if token.kind == "any":
        return _ANY_CANON
    text = re.escape(token.text.encode("utf-8"))
    if token.kind == "prefix":
        return text + _W + rb"*"
    return text


def _anchor_length(tokens) -> int:
    """How many tokens the anchor covers."""
    n = 0
    for t in tokens:
        if t.kind == "any":
            break
        n += 1
        if t.kind == "prefix":
            break
    return n


def _anchor(tokens) -> bytes:
    """The literal start of a pattern: its leading words, and the stem of a prefix
    glob right after them (``security guarantee*`` -> ``security guarantee``)."""
    return " ".join(t.text for t in tokens[: _anchor_length(tokens)]).encode("utf-8")


def _entries(lexicon: Lexicon):
    out = []
    for ci, cat in enumerate(lexicon.categories):
        for term in cat.patterns:
            out.append((ci, cat.id, term, parse_pattern(term)))
    return out


def _resolve_group(cands):
    cands.sort(key=lambda c: (c[0] - c[1], c[0], c[3]))
    starts: list[int] = []
    ends: list[int] = []
    kept = []
    for cand in cands:
        s, e = cand[0], cand[1]
        i = bisect.bisect_left(starts, e)
        if i and ends[i - 1] > s:
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        kept.append(cand)
    return kept


def resolve_arrays(start, end, cat, entry):
    """Keep, within each category, the longest of overlapping candidates.

    The candidates are NumPy arrays of their ``start``, ``end``, category
    index and entry index; ties go to the earlier start, then the lower entry
    index. Returns the kept ones, sorted by ``(start, end, category)``.
    Candidates that overlap none of their category (most of them) are kept
    at once, pairs that overlap are decided at once too; only clusters of
    three or more are resolved one by one.
    """
    n = len(start)
    if n == 0:
        return start, end, cat, entry
    # by category, then start (how ties are ordered does not matter: candidates
    # with the same start overlap, so they fall into one cluster; every candidate is
    # at least one character long, since no anchor is empty)
    span = int(end.max()) + 1
    order = np.argsort(cat * span + start, kind="stable")
    s, e, c = start[order], end[order], cat[order]
    # within a category, the furthest end so far (categories never mix: c * span)
    reach = np.maximum.accumulate(c * span + e)
    opens = np.ones(n, dtype=bool)  # does a candidate start a new cluster?
    opens[1:] = (c[1:] != c[:-1]) | (c[1:] * span + s[1:] >= reach[:-1])
    cluster = np.cumsum(opens) - 1
    size = np.bincount(cluster)[cluster]
    keep = size == 1
    # pairs (most clusters): one of the two wins, by length, start, entry index
    first = np.flatnonzero(opens & (size == 2))
    if len(first):
        second = first + 1
        length_a, length_b = e[first] - s[first], e[second] - s[second]
        entry_a, entry_b = entry[order[first]], entry[order[second]]
        a_wins = (length_a > length_b) | (
            (length_a == length_b)
            & ((s[first] < s[second]) | ((s[first] == s[second]) & (entry_a < entry_b)))
        )
        keep[first[a_wins]] = True
        keep[second[~a_wins]] = True
    crowded = np.flatnonzero(size > 2)
    if len(crowded):
        rows = zip(
            s[crowded].tolist(),
            e[crowded].tolist(),
            c[crowded].tolist(),
            entry[order[crowded]].tolist(),
            crowded.tolist(),
            strict=True,
        )
        groups: dict[int, list] = {}
        for row, k in zip(rows, cluster[crowded].tolist(), strict=True):
            groups.setdefault(k, []).append(row)
        for group in groups.values():
            for kept in _resolve_group(group):
                keep[kept[4]] = True
    kept = order[keep]
    kept = kept[np.lexsort((cat[kept], end[kept], start[kept]))]
    return start[kept], end[kept], cat[kept], entry[kept]


def _search_key(entry: _Entry) -> bytes:
    """The bytes searched for: the spaced core between the word boundaries it needs.

    The search runs on a copy of the canonical text in which every byte that is
    not part of a word is a space, padded with a space at each end. A leading
    space checks the start boundary; a trailing one the end boundary (patterns
    of literal words), or the joint after the leading words (patterns with
    ``*`` after them). A prefix glob's stem has no trailing space.
    """
    key = b" " + entry.core.translate(_SPACED)
    if entry.core_open:
        return key
    if entry.kind == 0:
        return key + b" " if entry.check_end else key
    return key + b" "


def match_slots(matches, first: np.ndarray, count: np.ndarray):
    """The automaton's matches ``(pattern, start, end)`` as NumPy arrays ``slot`` and
    ``start``, one row per entry behind each pattern: the entries of pattern ``k`` are
    the slots ``first[k]`` to ``first[k] + count[k] - 1`` (usually one)."""
    found = np.fromiter(chain.from_iterable(matches), dtype=np.int64, count=3 * len(matches))
    pattern, start = found[0::3], found[1::3]
    n = count[pattern]
    if (n == 1).all():
        return first[pattern], start
    row = np.repeat(np.arange(len(pattern)), n)
    slot = first[pattern][row] + (np.arange(len(row)) - (np.cumsum(n) - n)[row])
    return slot, start[row]


class PhraseMatcher:
    """The fast matcher: Aho–Corasick over a canonical copy of a batch of texts.

    Texts are matched in groups of about ``BATCH_CHARS`` characters, joined by
    ``SEPARATOR``: one canonical copy, one automaton scan and one vectorised
    pass (NumPy) over the candidates of the whole group, so that little Python
    runs per text or per hit. The separator is neither a word character nor
    whitespace nor a hyphen, so no match starts, ends or runs across it.
    """

    BATCH_CHARS = 64_000
    SEPARATOR = "\x00"

    def __init__(self, lexicon=None):
        self.lexicon = load_lexicon(lexicon)
        self._entries = []
        anchors: dict[bytes, list[_Entry]] = {}
        for i, (ci, cid, term, tokens) in enumerate(_entries(self.lexicon)):
            entry = _Entry(i, cid, ci, term, tokens)
            self._entries.append(entry)
            anchors.setdefault(_search_key(entry), []).append(entry)
        self._anchor_strings = list(anchors)
        # The entries of every anchor, one after the other ("slots"): an automaton
        # match of anchor ``a`` is a candidate for slots first[a] .. first[a] + count[a] - 1.
        slots = [e for key in self._anchor_strings for e in anchors[key]]
        counts = [len(anchors[key]) for key in self._anchor_strings]
        self._count = np.array(counts, dtype=np.int64)
        self._first = np.concatenate([[0], np.cumsum(self._count)[:-1]]).astype(np.int64)
        self._slot_size = np.array([len(e.core) for e in slots], dtype=np.int64)
        self._slot_cat = np.array([e.cat_index for e in slots], dtype=np.int64)
        self._slot_entry = np.array([e.index for e in slots], dtype=np.int64)
        self._slot_prefix = np.array([e.kind == 1 for e in slots], dtype=bool)
        # a core of words and spaces is in the text unless punctuation hides between
        # its words ("security, guarantees"): checked on the whole group at once
        self._slot_hidden = np.array(
            [e.compare and e.kind != 2 and e.core == e.core.translate(_SPACED) for e in slots],
            dtype=bool,
        )
        # the rest (a core with punctuation: "u.s.", a ``*`` inside) are checked one by one
        self._slot_python = np.array(
            [e.kind == 2 or (e.compare and e.core != e.core.translate(_SPACED)) for e in slots],
            dtype=bool,
        )
        self._slot_plan = [(e.kind, len(e.core), e.core, e.regex) for e in slots]
        self._labels = [(e.category, e.term) for e in self._entries]  # what find() returns
        self._automaton = None

    @property
    def automaton(self):
        if self._automaton is None:
            self._automaton = ahocorasick_rs.BytesAhoCorasick(
                self._anchor_strings, matchkind=ahocorasick_rs.MatchKind.Standard
            )
        return self._automaton

    def _candidates(self, canon: Canonical):
        """Every match before resolution, in canonical byte offsets: arrays
        ``start``, ``end``, ``cat_index``, ``entry_index``."""
        data = canon.data
        spaced = b" " + data.translate(_SPACED) + b" "
        matches = self.automaton.find_matches_as_indexes(spaced, overlapping=True)
        # spaced[s] is the boundary before the word, which starts at data[s]
        slot, start = match_slots(matches, self._first, self._count)
        end = start + self._slot_size[slot]
        keep = np.ones(len(slot), dtype=bool)
        hidden = self._slot_hidden[slot]
        if hidden.any():
            codes = np.frombuffer(data, dtype=np.uint8)
            differs = np.frombuffer(spaced, dtype=np.uint8)[1:-1] != codes
            n_hidden = np.concatenate([[0], np.cumsum(differs)])
            keep &= ~hidden | (n_hidden[end] == n_hidden[start])
        prefix = self._slot_prefix[slot]
        if prefix.any():
            # the word goes on to the next byte that is not part of a word
            breaks = np.flatnonzero(np.frombuffer(spaced, dtype=np.uint8)[1:] == 0x20)
            end[prefix] = breaks[np.searchsorted(breaks, end[prefix])]
        python = np.flatnonzero(self._slot_python[slot])
        plans = self._slot_plan
        for i in python.tolist():
            kind, size, core, regex = plans[slot[i]]
            s = int(start[i])
            if data[s : s + size] != core:
                keep[i] = False
            elif kind == 2:
                m = regex.match(data, s)
                if m is None:
                    keep[i] = False
                else:
                    end[i] = m.end()
        slot = slot[keep]
        return start[keep], end[keep], self._slot_cat[slot], self._slot_entry[slot]

    def find_arrays(self, texts):
        """The hits of many texts at once, as NumPy arrays ``(text_index, start, end,
        entry_index)``, sorted by text, then as :meth:`find` sorts them. The
        entry index points into :attr:`entries` (category, term)."""
        parts = [self._find_group(group, first) for first, group in self.groups(texts)]
        if not parts:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty, empty
        return tuple(np.concatenate(columns) for columns in zip(*parts, strict=True))

    def groups(self, texts):
        """``(index of the first text, texts)`` of each group of about ``BATCH_CHARS``."""
        group, size = [], 0
        for i, text in enumerate(texts):
            group.append(text)
            size += len(text) + 1
            if size >= self.BATCH_CHARS:
                yield i + 1 - len(group), group
                group, size = [], 0
        if group:
            yield len(texts) - len(group), group

    def _find_group(self, texts, first_index):
        joined = self.SEPARATOR.join(texts)
        canon = Canonical(joined)
        start, end, cat, entry = resolve_arrays(*self._candidates(canon))
        start, end = canon.map_arrays(start, end)
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1
        offsets = np.cumsum(lengths) - lengths
        doc = np.searchsorted(offsets, start, side="right") - 1
        return doc + first_index, start - offsets[doc], end - offsets[doc], entry

    @property
    def entries(self) -> list[tuple[str, str]]:
        """``(category, term)`` of every entry index."""
        return self._labels

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """Hits in ``text`` as ``(start, end, category, term)``, sorted by position."""
        labels = self._labels
        _doc, start, end, entry = self.find_arrays([text])
        return [
            (s, e) + labels[k]
            for s, e, k in zip(start.tolist(), end.tolist(), entry.tolist(), strict=True)
        ]


def _reference_token(token) -> str:
    apos = "[" + re.escape(APOSTROPHES) + "]"
    if token.kind == "any":
        return rf"[^\W_]+(?:{apos}[^\W_]+)*"
    word = "".join(apos if c == "'" else re.escape(c) for c in token.text)
    if token.kind == "prefix":
        return word + r"[^\W_]*"
    return word


class ReferenceMatcher:
    """The reference: one regular expression per pattern on the original text."""

    def __init__(self, lexicon=None):
        self.lexicon = load_lexicon(lexicon)
        joint = r"[\s" + re.escape(HYPHENS) + r"]+"
        self._compiled = []
        for ei, (ci, cid, term, tokens) in enumerate(_entries(self.lexicon)):
            body = joint.join(_reference_token(t) for t in tokens)
            last = tokens[-1]
            if last.kind == "word" and last.text[-1].isalnum():
                body += r"(?![^\W_])"
            rx = re.compile(r"(?=((?<![^\W_])" + body + "))", re.IGNORECASE)
            self._compiled.append((ei, ci, cid, term, rx))

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """Hits in ``text`` as ``(start, end, category, term)``, sorted by position."""
        cands = []
        for ei, ci, _cid, _term, rx in self._compiled:
            for m in rx.finditer(text):
                cands.append((m.start(1), m.end(1), ci, ei))
        # Longest first; keep a candidate unless it overlaps a kept one of its category.
        cands.sort(key=lambda c: (c[0] - c[1], c[0], c[3]))
        kept = []
        for c in cands:
            if not any(k[2] == c[2] and k[0] < c[1] and c[0] < k[1] for k in kept):
                kept.append(c)
        kept.sort(key=lambda c: (c[0], c[1], c[2]))
        info = {ei: (cid, term) for ei, _ci, cid, term, _rx in self._compiled}
        return [(s, e, *info[ei]) for s, e, _ci, ei in kept]
