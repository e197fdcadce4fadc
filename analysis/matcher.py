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

from .lexicon import APOSTROPHES, HYPHENS, Lexicon, _lower, load_lexicon, parse_pattern

# Every character ``re`` matches with ``\s`` (checked in tests/test_matcher.py).
_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_JOINERS_ALL = [c for c in _SPACES + HYPHENS if c != " "]
_JOINERS_ASCII = [c for c in _JOINERS_ALL if c.isascii()]
_TAIL_RE = re.compile(r"[^\W_]*")
_ANY_CANON = r"[^\W_]+(?:'[^\W_]+)*"


def canonical(text: str) -> tuple[str, list[int], list[int]]:
    """The canonical copy of ``text`` and the map back to original offsets.

    Returns ``(canon, comp_pos, removed)``: position ``c`` in ``canon`` is
    position ``c + removed[i]`` in ``text``, where ``i`` is the last index with
    ``comp_pos[i] <= c`` (no shift before the first run).
    """
    low = _lower(text)
    for ch in APOSTROPHES[1:]:
        if ch in low:
            low = low.replace(ch, "'")
    for ch in _JOINERS_ASCII if low.isascii() else _JOINERS_ALL:
        low = low.replace(ch, " ")
    j = low.find("  ")
    if j == -1:
        return low, [], []
    pieces, comp_pos, removed = [], [], []
    n, i, total = len(low), 0, 0
    while j != -1:
        k = j + 2
        while k < n and low[k] == " ":
            k += 1
        pieces.append(low[i : j + 1])
        total += k - j - 1
        comp_pos.append(k - total)
        removed.append(total)
        i = k
        j = low.find("  ", k)
    pieces.append(low[i:])
    return "".join(pieces), comp_pos, removed


class _Entry:
    __slots__ = ("index", "category", "cat_index", "term", "simple", "check_end", "regex")

    def __init__(self, index, category, cat_index, term, tokens):
        self.index = index
        self.category = category
        self.cat_index = cat_index
        self.term = term
        self.simple = all(t.kind == "word" for t in tokens)
        self.check_end = tokens[-1].kind == "word" and tokens[-1].text[-1].isalnum()
        self.regex = None
        if not self.simple:
            body = " ".join(_canon_token(t) for t in tokens)
            if self.check_end:
                body += r"(?![^\W_])"
            self.regex = re.compile(body)


def _canon_token(token) -> str:
    if token.kind == "any":
        return _ANY_CANON
    if token.kind == "prefix":
        return re.escape(token.text) + r"[^\W_]*"
    return re.escape(token.text)


def _anchor(tokens) -> str:
    if tokens[0].kind == "prefix":
        return tokens[0].text
    words = []
    for t in tokens:
        if t.kind != "word":
            break
        words.append(t.text)
    return " ".join(words)


def _entries(lexicon: Lexicon):
    out = []
    for ci, cat in enumerate(lexicon.categories):
        for term in cat.patterns:
            out.append((ci, cat.id, term, parse_pattern(term)))
    return out


def resolve(candidates, n_categories=None):
    """Keep, within each category, the longest of overlapping candidates.

    ``candidates`` are ``(start, end, cat_index, entry_index)``; ties go to
    the earlier start, then the lower entry index. Returns the kept ones
    sorted by ``(start, end, cat_index)``.
    """
    by_cat: dict[int, list] = {}
    for cand in candidates:
        by_cat.setdefault(cand[2], []).append(cand)
    kept = []
    for cands in by_cat.values():
        if len(cands) == 1:
            kept.extend(cands)
            continue
        cands.sort(key=lambda c: (c[0] - c[1], c[0], c[3]))
        starts: list[int] = []
        ends: list[int] = []
        for cand in cands:
            s, e = cand[0], cand[1]
            i = bisect.bisect_left(starts, e)
            if i and ends[i - 1] > s:
                continue
            starts.insert(i, s)
            ends.insert(i, e)
            kept.append(cand)
    kept.sort(key=lambda c: (c[0], c[1], c[2]))
    return kept


class PhraseMatcher:
    """The fast matcher: Aho–Corasick over a canonical copy of each text."""

    def __init__(self, lexicon=None):
        self.lexicon = load_lexicon(lexicon)
        self._entries = [
            _Entry(i, cid, ci, term, tokens)
            for i, (ci, cid, term, tokens) in enumerate(_entries(self.lexicon))
        ]
        anchors: dict[str, list[_Entry]] = {}
        for ent in self._entries:
            toks = parse_pattern(ent.term)
            anchors.setdefault(_anchor(toks), []).append(ent)
        self._anchor_strings = list(anchors)
        self._anchor_entries = [anchors[a] for a in self._anchor_strings]
        self._prefix_only = {
            id(ent) for ent in self._entries if len(parse_pattern(ent.term)) == 1 and not ent.simple
        }
        self._str_ac = None
        self._bytes_ac = None

    def _search(self, comp: str):
        if comp.isascii():
            if self._bytes_ac is None:
                self._bytes_ac = ahocorasick_rs.BytesAhoCorasick(
                    [a.encode("utf-8") for a in self._anchor_strings],
                    matchkind=ahocorasick_rs.MatchKind.Standard,
                )
            return self._bytes_ac.find_matches_as_indexes(comp.encode("ascii"), overlapping=True)
        if self._str_ac is None:
            self._str_ac = ahocorasick_rs.AhoCorasick(
                self._anchor_strings, matchkind=ahocorasick_rs.MatchKind.Standard
            )
        return self._str_ac.find_matches_as_indexes(comp, overlapping=True)

    def candidates(self, text: str):
        """Every match before resolution: ``(start, end, cat_index, entry_index)``."""
        comp, comp_pos, removed = canonical(text)
        n = len(comp)
        out = []
        anchor_entries = self._anchor_entries
        prefix_only = self._prefix_only
        for ai, s, e in self._search(comp):
            if s and comp[s - 1].isalnum():
                continue
            for ent in anchor_entries[ai]:
                if ent.simple:
                    if ent.check_end and e < n and comp[e].isalnum():
                        continue
                    end = e
                elif id(ent) in prefix_only:
                    end = _TAIL_RE.match(comp, e).end()
                else:
                    m = ent.regex.match(comp, s)
                    if m is None:
                        continue
                    end = m.end()
                out.append((s, end, ent.cat_index, ent.index))
        if comp_pos and out:
            shifted = []
            for s, end, ci, ei in out:
                i = bisect.bisect_right(comp_pos, s)
                s2 = s + (removed[i - 1] if i else 0)
                j = bisect.bisect_right(comp_pos, end - 1)
                e2 = end - 1 + (removed[j - 1] if j else 0) + 1
                shifted.append((s2, e2, ci, ei))
            out = shifted
        return out

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """Hits in ``text`` as ``(start, end, category, term)``, sorted by position."""
        entries = self._entries
        return [
            (s, e, entries[ei].category, entries[ei].term)
            for s, e, _ci, ei in resolve(self.candidates(text))
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
