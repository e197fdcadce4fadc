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
anchor. :class:`ReferenceMatcher` compiles each pattern into a regular
expression on the original text: slow and obviously right, it is what the
tests compare the fast matcher against.
"""

from __future__ import annotations

import bisect
import re

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
_HIGH_RUN_RE = re.compile(rb"[\x80-\xff]+")


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
        # byte offset -> char offset, for the non-ASCII characters left:
        # after the character ending at byte _high[i], _extra[i] bytes are extra
        self._high, self._extra = [], []
        if len(data) != len(text):
            extra = 0
            for m in _HIGH_RUN_RE.finditer(data):
                pos = m.start()
                for ch in m.group().decode("utf-8"):
                    n_bytes = len(ch.encode("utf-8"))
                    pos += n_bytes
                    extra += n_bytes - 1
                    self._high.append(pos)
                    self._extra.append(extra)
        # collapse runs of spaces; remember where, to map offsets back
        self._runs, self._removed = [], []
        if b"  " in data:
            pieces = data.split(b"  ")
            out, pos, removed = [pieces[0]], len(pieces[0]), 0
            last = len(pieces) - 1
            for i in range(1, last + 1):
                piece = pieces[i]
                stripped = piece.lstrip(b" ")
                removed += 2 + len(piece) - len(stripped)
                if not stripped and i < last:
                    continue  # the run goes on into the next piece
                removed -= 1  # one space stays
                out.append(b" ")
                pos += 1
                self._runs.append(pos)
                self._removed.append(removed)
                out.append(stripped)
                pos += len(stripped)
            data = b"".join(out)
        self.data = data

    def to_byte(self, c: int) -> int:
        """Offset in the uncompressed bytes of compressed offset ``c``."""
        i = bisect.bisect_right(self._runs, c)
        return c + self._removed[i - 1] if i else c

    def map(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of a span given in compressed byte offsets."""
        return self.to_char(start), self.to_char(end)

    def map_many(self, starts: list[int], ends: list[int]) -> tuple[list[int], list[int]]:
        """:meth:`map` for many spans at once (vectorised)."""
        if not self._runs and not self._high:
            return starts, ends
        out = []
        for values in (starts, ends):
            arr = np.asarray(values, dtype=np.int64)
            if self._runs:
                i = np.searchsorted(self._runs, arr, side="right")
                removed = np.concatenate([[0], self._removed])
                arr = arr + removed[i]
            if self._high:
                i = np.searchsorted(self._high, arr, side="right")
                extra = np.concatenate([[0], self._extra])
                arr = arr - extra[i]
            out.append(arr.tolist())
        return out[0], out[1]

    def to_char(self, c: int) -> int:
        """Character offset in the original text of compressed byte offset ``c``."""
        b = self.to_byte(c)
        i = bisect.bisect_right(self._high, b)
        return b - self._extra[i - 1] if i else b


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


def resolve(candidates):
    """Keep, within each category, the longest of overlapping candidates.

    ``candidates`` are ``(start, end, cat_index, entry_index)``; ties go to
    the earlier start, then the lower entry index. Returns the kept ones
    sorted by ``(start, end, cat_index)``.
    """
    # Sorted as tuples: by start, end, category (a category never keeps two equal spans,
    # so the entry index never decides). Most categories have no overlap at all: one
    # pass finds those that do, and only they are resolved.
    ordered = sorted(candidates)
    last_end: dict[int, int] = {}
    overlapping = set()
    for start, end, cat, _ in ordered:
        previous = last_end.get(cat, -1)
        if start < previous:
            overlapping.add(cat)
        elif end > previous:
            last_end[cat] = end
    if not overlapping:
        return ordered
    groups: dict[int, list] = {cat: [] for cat in overlapping}
    kept = []
    for c in ordered:
        group = groups.get(c[2])
        if group is None:
            kept.append(c)
        else:
            group.append(c)
    for group in groups.values():
        kept.extend(_resolve_group(group))
    kept.sort()
    return kept


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


class PhraseMatcher:
    """The fast matcher: Aho–Corasick over a canonical copy of each text."""

    def __init__(self, lexicon=None):
        self.lexicon = load_lexicon(lexicon)
        self._entries = []
        anchors: dict[bytes, list[_Entry]] = {}
        for i, (ci, cid, term, tokens) in enumerate(_entries(self.lexicon)):
            entry = _Entry(i, cid, ci, term, tokens)
            self._entries.append(entry)
            anchors.setdefault(_search_key(entry), []).append(entry)
        self._anchor_strings = list(anchors)
        self._anchor_entries = [tuple(anchors[a]) for a in self._anchor_strings]
        # per anchor, what to check: (kind, core length, core to compare or None,
        # regex, category index, entry index)
        self._plans = [
            tuple(
                (e.kind, len(e.core), e.core if e.compare else None, e.regex, e.cat_index, e.index)
                for e in entries
            )
            for entries in self._anchor_entries
        ]
        # anchors that are one whole pattern with nothing to check: (core length, category
        # index, entry index), the common case taken without the loop over plans
        self._simple = [
            (plan[0][1], plan[0][4], plan[0][5])
            if len(plan) == 1 and plan[0][0] == 0 and plan[0][2] is None
            else None
            for plan in self._plans
        ]
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
        """Every match before resolution, in canonical byte offsets."""
        data = canon.data
        spaced = b" " + data.translate(_SPACED) + b" "
        plans, simple = self._plans, self._simple
        matches = self.automaton.find_matches_as_indexes(spaced, overlapping=True)
        # spaced[s] is the boundary before the word, which starts at data[s]; the
        # anchors that are one whole pattern need no check (most of them)
        out = [(s, s + o[0], o[1], o[2]) for ai, s, _ in matches if (o := simple[ai])]
        append = out.append
        for ai, s, _e in matches:
            if simple[ai]:
                continue
            for kind, size, core, regex, ci, ei in plans[ai]:
                end = s + size
                if core is not None and data[s:end] != core:
                    continue
                if kind == 1:
                    # the word goes on to the next non-word byte (a space in ``spaced``)
                    end = spaced.find(b" ", end + 1) - 1
                elif kind == 2:
                    m = regex.match(data, s)
                    if m is None:
                        continue
                    end = m.end()
                append((s, end, ci, ei))
        return out

    def candidates(self, text: str):
        """Every match before resolution: ``(start, end, cat_index, entry_index)``."""
        canon = Canonical(text)
        return [(*canon.map(s, e), ci, ei) for s, e, ci, ei in self._candidates(canon)]

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """Hits in ``text`` as ``(start, end, category, term)``, sorted by position."""
        labels = self._labels
        canon = Canonical(text)
        # the map to character offsets keeps order, so resolve in byte offsets
        kept = resolve(self._candidates(canon))
        if not kept:
            return []
        starts, ends = canon.map_many([k[0] for k in kept], [k[1] for k in kept])
        return [(s, e) + labels[k[3]] for s, e, k in zip(starts, ends, kept, strict=True)]


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
