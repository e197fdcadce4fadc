"""Regular expressions tried only where a match can start.

Python's ``re`` searches fast for a pattern that begins with one literal
character, but a pattern that begins with an alternation or a set
(``(?:told|said to|[Ii]n an interview with)``, ``[Aa]ccording to``) is tried
at every position whose character could start it, and in news text those are
everywhere. :func:`finditer` finds the pattern's possible starts first (its
literal beginnings, read from the pattern's parse tree, found with one
Aho-Corasick pass) and tries the pattern only there: the same matches, in the
same order, as ``pattern.finditer(text)``. A pattern that begins with one
literal string is left to ``re``, which finds that fast itself, unless it
ignores case: then ``re`` tries every position, and the beginnings are looked
for in a lower-cased copy of the text (ASCII text only; beyond ASCII, case
rules such as "ſ" for "s" are left to ``re``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import ahocorasick_rs

_MAX_STARTS = 64  # more literal beginnings than this: not worth it, search as usual


def literal_starts(pattern: re.Pattern) -> tuple[frozenset[str], bool] | None:
    """The literal strings one of which begins every match of ``pattern``, and whether
    a match may also begin at the start of the text (``^``, ``\\A``); None when the
    pattern's beginning is not literal (a class such as ``\\w``, an optional part,
    letters beyond ASCII in a pattern that ignores case, ``^`` under MULTILINE,
    where it means any line start). For a pattern that
    ignores case the strings are lower-cased.

    ``(?:told|said to|[Ii]n an interview with)\\s+`` begins with "told", "said to",
    "In an interview with" or "in an interview with"; ``(?:^|\\n)[ \\t]*As`` with
    "\\n", or at the start.
    """
    if pattern.flags & re.MULTILINE:
        return None  # "^" is then any line start, which the parse tree does not say
    try:
        from re import _constants as c
        from re import _parser

        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # another Python, whose private parser differs: search as usual
        return None

    def starts(items) -> tuple[set[str], bool] | None:
        prefixes, at_zero = {""}, False
        for op, av in items:
            if op is c.LITERAL:
                prefixes = {p + chr(av) for p in prefixes}
                continue
            if op is c.IN and len(av) <= 4 and all(o is c.LITERAL for o, _ in av):
                prefixes = {p + chr(v) for p in prefixes for _, v in av}
                continue
            if prefixes == {""} and op is c.AT and av in (c.AT_BEGINNING, c.AT_BEGINNING_STRING):
                return set(), True  # only at the start of the text
            if op in (c.ASSERT, c.ASSERT_NOT) or (
                op is c.AT and av in (c.AT_BOUNDARY, c.AT_NON_BOUNDARY)
            ):
                continue  # \b, a look-ahead or -behind: checked where the next character is
            inner = None
            if op is c.BRANCH:
                inner = [starts(branch) for branch in av[1]]
            elif op is c.SUBPATTERN and not av[1] & (re.IGNORECASE | re.MULTILINE):
                inner = [starts(av[3])]
            if inner is not None and all(x is not None for x in inner):
                longer = {p + s for p in prefixes for found, _ in inner for s in found}
                if prefixes == {""}:
                    prefixes, at_zero = longer, any(zero for _, zero in inner)
                elif len(longer) <= _MAX_STARTS and not any(zero for _, zero in inner):
                    prefixes = longer
            break  # what follows depends on how the part above matched
        if "" in prefixes or len(prefixes) > _MAX_STARTS:
            return None
        return prefixes, at_zero

    found = starts(parsed)
    if found is None:
        return None
    literals, at_zero = found
    if pattern.flags & re.IGNORECASE:
        # searched in a lower-cased copy of ASCII text (see finditer); letters beyond
        # ASCII have case rules of their own ("ſ" matches "s"): not done
        if not all(s.isascii() for s in literals):
            return None
        literals = {s.lower() for s in literals}
    return frozenset(literals), at_zero


@lru_cache(maxsize=256)
def _searcher(pattern: re.Pattern):
    found = literal_starts(pattern)
    if found is None:
        return None
    literals, at_zero = found
    ignore_case = bool(pattern.flags & re.IGNORECASE)
    if len(literals) == 1 and not at_zero and not ignore_case:
        return None  # one literal beginning: re finds that fast itself (not ignoring case)
    automaton = ahocorasick_rs.AhoCorasick(sorted(literals)) if literals else None
    return automaton, at_zero, ignore_case


def finditer(
    pattern: re.Pattern, text: str, pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match]:
    """``pattern.finditer(text, pos, endpos)``: the same matches, tried only where one
    can begin."""
    pos = min(max(pos, 0), len(text))  # as re reads them
    endpos = len(text) if endpos is None else min(max(endpos, 0), len(text))
    searcher = _searcher(pattern)
    if searcher is None:
        yield from pattern.finditer(text, pos, endpos)
        return
    automaton, at_zero, ignore_case = searcher
    candidates = {0} if at_zero and pos == 0 else set()
    if automaton is not None:
        window = text if pos == 0 and endpos == len(text) else text[pos:endpos]
        if ignore_case:
            if not window.isascii():  # case rules beyond ASCII: leave it to re
                yield from pattern.finditer(text, pos, endpos)
                return
            window = window.lower()
        found = automaton.find_matches_as_indexes(window, overlapping=True)
        candidates.update(pos + s for _, s, _ in found)
    end = pos
    for start in sorted(candidates):
        if start < end:
            continue  # inside the match before: finditer goes on from its end
        match = pattern.match(text, start, endpos)
        if match is None:
            continue
        if match.end() == start:  # empty: re's rules for those are subtle; leave it the rest
            yield from pattern.finditer(text, start, endpos)
            return
        yield match
        end = match.end()


# The characters other than A-Z and a-z that re.IGNORECASE matches to an ASCII letter:
# İ ı to i, ſ to s, the Kelvin sign to k (tests/test_acts.py checks every character)
ODD_LETTERS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_MAX_CHARACTERS = 256  # a class larger than this (or a category such as \w): any character


def first_characters(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The characters one of which begins every match of ``pattern`` (compiled with
    ``flags``); None when that cannot be told (``.``, ``\\w``, a negated class, letters
    beyond ASCII that ignore case) or when the pattern can match the empty string.

    ``(please )?(support|donate to) us`` begins with "p", "s" or "d" (and, ignoring
    case, "P", "S", "D", "ſ"). Read from the parse tree; a look-around or an anchor is
    passed over (the set may then hold characters that never begin a match, never
    lack one that does).
    """
    try:
        from re import _constants as c
        from re import _parser

        parsed = _parser.parse(pattern, flags)
    except Exception:  # another Python, or a bad pattern: cannot tell
        return None

    def cased(chars: set[str], ignore: bool) -> set[str] | None:
        if not ignore:
            return chars
        if not all(ch.isascii() for ch in chars):
            return None  # case rules beyond ASCII ("µ" and "μ"): not done
        out = set()
        for ch in chars:
            out |= {ch, ch.lower(), ch.upper()}
            out |= {odd for odd, letter in ODD_LETTERS.items() if letter == ch.lower()}
        return out

    def item(op, av, ignore) -> tuple[set[str], bool] | None:
        """(first characters, can match empty) of one parse-tree item."""
        if op is c.LITERAL:
            chars = cased({chr(av)}, ignore)
            return None if chars is None else (chars, False)
        if op is c.IN:
            chars = set()
            for o, v in av:
                if o is c.LITERAL:
                    chars.add(chr(v))
                elif o is c.RANGE and v[1] - v[0] < _MAX_CHARACTERS:
                    chars |= {chr(x) for x in range(v[0], v[1] + 1)}
                else:  # NEGATE, CATEGORY, a wide range
                    return None
            chars = cased(chars, ignore)
            return None if chars is None else (chars, False)
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return set(), True  # zero width: the next item decides
        if op is c.BRANCH:
            found = [sequence(branch, ignore) for branch in av[1]]
            if any(f is None for f in found):
                return None
            return set().union(*(f[0] for f in found)), any(f[1] for f in found)
        if op is c.SUBPATTERN:
            _, add, remove, items = av
            inner = (ignore or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
            return sequence(items, inner)
        if op is c.ATOMIC_GROUP:
            return sequence(av, ignore)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, _, items = av
            found = sequence(items, ignore)
            return None if found is None else (found[0], found[1] or low == 0)
        return None  # ANY, NOT_LITERAL, a group reference, ...

    def sequence(items, ignore) -> tuple[set[str], bool] | None:
        chars: set[str] = set()
        for op, av in items:
            found = item(op, av, ignore)
            if found is None:
                return None
            chars |= found[0]
            if not found[1]:
                return chars, False
        return chars, True

    found = sequence(parsed, bool(parsed.state.flags & re.IGNORECASE))  # with (?i) too
    if found is None or found[1] or len(found[0]) > _MAX_CHARACTERS:
        return None
    return frozenset(found[0])
