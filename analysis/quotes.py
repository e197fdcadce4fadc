"""Quotes and speakers: who is quoted or reported as saying what.

:func:`quotes` returns one row per statement attributed in the text:

- ``direct``: words inside quotation marks with an attribution next to them,
  in either order (``"...," said Grushko``; ``Zakharova said: "..."``), also
  when the quotation runs over several sentences;
- ``reported``: "X said that ...", "X warned ...", "..., according to X",
  "As stated by X, ...", "... - the ministry stated", "This was stated by X";
  the ``quote`` span is the reported content (the "that" clause, or the
  sentence without the attribution, or for "This was stated by" the previous
  sentence);
- ``mixed``: reported content that quotes some words ("said the attacks
  'clearly don't indicate ...'").

Speakers are resolved to canonical actors: names through the gazetteer,
pronouns ("he", "she", "they") and roles ("the diplomat", "the Russian
official", "the ministry") to the most recent compatible speaker of the last
three sentences, otherwise to the most recent compatible actor named outside
quotation marks. An institution can speak ("the ministry stated"). A speaker
that names no known actor ("Ukraine's allies said") is kept as raw text with
``resolved_from == "unresolved"``: a name the gazetteer lacks, with or without
a title ("ministry spokeswoman Irina Volkova told reporters": "Irina Volkova";
'"...," said John Smith, a Kremlin adviser': "John Smith"), or a role without a
name ("..., a senior Russian diplomat said"), next to the cue. Such a quotation
is never read as continuing the previous speaker; a quotation whose attribution
is not understood is left out rather than given to the previous speaker. The
object of "told" is the listener ("told reporters in Moscow"), not the content.

A quotation mark around a label ('axis of war', "Kyiv regime", 'NATO') is not
a quote: a short quotation, or a title in capitals, becomes a quote only if an
attribution stands right next to it.

The cue words are data: ``analysis/lexicons/speech_cues.yaml``. Known limits:
one reported statement per sentence (the cue with the highest priority wins);
a quotation whose speaker is named only in another paragraph is missed unless
it directly continues a quoted speaker; pronoun resolution prefers recent
speakers, which fails when a new person is introduced without speaking and
then referred to as "he".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from operator import itemgetter
from pathlib import Path

import ahocorasick_rs
import pandas as pd

from analysis.acts import fold
from analysis.config import LEXICON_DIR
from analysis.datafiles import DataFileError, check_keys, line_of, load_yaml
from analysis.frames import frame
from analysis.gazetteer import KINDS, Gazetteer
from analysis.mentions import (
    MENTION_COLUMNS,
    _mention_rows,
    default_gazetteer,
    publication_years,
)
from analysis.outlets import default_outlets
from analysis.sentences import split_sentences

QUOTE_COLUMNS = [
    "article_id",
    "sentence_id",
    "start",
    "end",
    "quote",
    "speaker",
    "speaker_start",
    "speaker_end",
    "speaker_alias",
    "resolved_from",
    "speaker_kind",
    "speaker_camp",
    "cue",
    "cue_start",
    "cue_end",
    "mode",
]
DEFAULT_CUES_FILE = LEXICON_DIR / "speech_cues.yaml"
_SPEAKER_WINDOW = 3  # sentences within which an earlier speaker is preferred for "he"

# ---------------------------------------------------------------- cue lists


@dataclass(frozen=True)
class Cue:
    form: str
    speaker: str  # "before" | "after" | "either"
    priority: int
    needs_quote: bool = False
    content: str | None = None  # None | "previous"


@dataclass(frozen=True)
class Anaphor:
    form: str
    kinds: tuple[str, ...] = ()
    gender: str | None = None
    speakers_only: bool = False
    last_speaker: bool = False


@dataclass(frozen=True)
class SpeechCues:
    cues: dict[str, Cue]  # lower-cased form -> cue
    anaphors: dict[str, Anaphor]  # lower-cased form -> anaphor
    # lower-cased words of an unlisted speaker's phrase (speaker_words in the cue file)
    titles: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()

    @cached_property
    def _matcher(self):
        forms = list(self.cues)
        return ahocorasick_rs.AhoCorasick(forms), forms

    def find_cues(self, masked: str) -> list[tuple[int, int, Cue]]:
        """Every cue form in ``masked`` on word boundaries, longest first, in text order
        (what :attr:`cue_pattern` finds; see :func:`_find_forms`)."""
        matcher, forms = self._matcher
        return [(s, e, self.cues[form]) for s, e, form in _find_forms(matcher, forms, masked)]

    @cached_property
    def anaphor_pattern(self) -> re.Pattern:
        """One regular expression for every anaphor form, longest first (what
        :meth:`find_anaphors` finds; kept as its reference)."""
        return _whole_forms(self.anaphors)

    @cached_property
    def _anaphor_matcher(self):
        forms = list(self.anaphors)
        return ahocorasick_rs.AhoCorasick(forms), forms

    def find_anaphors(self, masked: str) -> list[tuple[int, int, str]]:
        """Every anaphor form in ``masked`` as ``(start, end, form)``, as
        :attr:`anaphor_pattern` finds them (see :func:`_find_forms`)."""
        matcher, forms = self._anaphor_matcher
        return _find_forms(matcher, forms, masked)

    @cached_property
    def cue_pattern(self) -> re.Pattern:
        """One regular expression for every cue form, longest first (what
        :meth:`find_cues` finds; kept as its reference)."""
        return _whole_forms(self.cues)


def _find_forms(matcher, forms: list[str], text: str) -> list[tuple[int, int, str]]:
    """``(start, end, form)`` of the lower-case ``forms`` in ``text`` as whole words,
    the longest at each start, never overlapping: what a case-insensitive pattern of
    them (:func:`_whole_forms`) finds, from one Aho-Corasick pass (``matcher``) over
    the text folded as such a pattern sees it (:func:`analysis.acts.fold`: lower case,
    and the letters İ ı ſ K that match i, s and k, at the same offsets)."""
    found = sorted(
        (start, -(end - start), index)
        for index, start, end in matcher.find_matches_as_indexes(fold(text), overlapping=True)
        if _cue_boundary(text, start - 1) and _cue_boundary(text, end)
    )
    result, covered = [], -1
    for start, negative, index in found:
        if start >= covered:
            covered = start - negative
            result.append((start, covered, forms[index]))
    return result


def _whole_forms(forms) -> re.Pattern:
    """Any of ``forms`` as a whole word (longest first), ignoring case.

    A look-ahead for the forms' first letters comes first: most characters fail it
    at once, where they would fail every alternative in turn (the same matches,
    about a third faster on news text)."""
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    firsts = "".join(sorted({re.escape(f[0]) for f in forms}))
    return re.compile(
        rf"(?<![\w'’-])(?=[{firsts}])(?:" + alternation + r")(?![\w'’-])", re.IGNORECASE
    )


def _cue_boundary(text: str, index: int) -> bool:
    if index < 0 or index >= len(text):
        return True
    char = text[index]
    return not (char.isalnum() or char in "_'’-")


def load_speech_cues(path: str | Path = DEFAULT_CUES_FILE) -> SpeechCues:
    """Load and validate a cue file; errors name the file and line."""
    path = Path(path)
    data = load_yaml(path)
    check_keys(
        data, path, "speech cue file", required=["cues", "anaphors"], optional=["speaker_words"]
    )
    cues: dict[str, Cue] = {}
    for entry, line in _items(data, "cues", path):
        check_keys(
            entry,
            path,
            "cue",
            required=["forms", "speaker", "priority"],
            optional=["needs_quote", "content"],
        )
        speaker, priority = entry["speaker"], entry["priority"]
        if speaker not in ("before", "after", "either"):
            raise DataFileError(path, line, f"speaker must be before, after or either: {speaker!r}")
        if not isinstance(priority, int):
            raise DataFileError(path, line, f"priority must be an integer, not {priority!r}")
        content = entry.get("content")
        if content not in (None, "previous"):
            raise DataFileError(path, line, f"content must be 'previous' if given: {content!r}")
        for form in _forms(entry, path, line):
            if form.lower() in cues and cues[form.lower()].form != form:
                continue  # the same cue in another case: keep the first entry
            if form.lower() in cues:
                raise DataFileError(path, line, f"cue form {form!r} is listed twice")
            cues[form.lower()] = Cue(
                form, speaker, priority, bool(entry.get("needs_quote")), content
            )
    anaphors: dict[str, Anaphor] = {}
    for entry, line in _items(data, "anaphors", path):
        check_keys(
            entry,
            path,
            "anaphor",
            required=["forms"],
            optional=["kinds", "gender", "speakers_only", "last_speaker"],
        )
        kinds = tuple(entry.get("kinds") or ())
        bad = [k for k in kinds if k not in KINDS]
        if bad:
            raise DataFileError(path, line, f"unknown kind(s) {bad}; allowed: {', '.join(KINDS)}")
        if not kinds and not entry.get("last_speaker"):
            raise DataFileError(path, line, "an anaphor needs kinds or last_speaker: true")
        for form in _forms(entry, path, line):
            if form.lower() in anaphors:
                raise DataFileError(path, line, f"anaphor {form!r} is listed twice")
            anaphors[form.lower()] = Anaphor(
                form,
                kinds,
                entry.get("gender"),
                bool(entry.get("speakers_only")),
                bool(entry.get("last_speaker")),
            )
    titles, roles = _speaker_words(data.get("speaker_words"), path)
    return SpeechCues(cues, anaphors, titles, roles)


def _speaker_words(entry, path: Path) -> tuple[frozenset[str], frozenset[str]]:
    if entry is None:
        return frozenset(), frozenset()
    line = line_of(entry)
    check_keys(entry, path, "speaker_words", required=["titles", "roles"])
    return tuple(
        frozenset(form.lower() for form in _forms({"forms": entry[key]}, path, line))
        for key in ("titles", "roles")
    )


def _items(data, key: str, path: Path):
    items = data[key]
    if not isinstance(items, list):
        raise DataFileError(path, line_of(data), f"{key!r} must be a list")
    lines = getattr(items, "lines", [None] * len(items))
    for item, line in zip(items, lines, strict=True):
        yield item, line_of(item, line)


def _forms(entry, path: Path, line) -> list[str]:
    forms = entry["forms"]
    if not isinstance(forms, list) or not forms:
        raise DataFileError(path, line, "forms must be a non-empty list")
    for form in forms:
        if not isinstance(form, str) or not form.strip():
            raise DataFileError(path, line, f"a form must be a non-empty string, not {form!r}")
    return forms


_cached_cues: SpeechCues | None = None


def default_speech_cues() -> SpeechCues:
    global _cached_cues
    if _cached_cues is None:
        _cached_cues = load_speech_cues()
    return _cached_cues


# ---------------------------------------------------------------- quotation marks

_OPEN_DOUBLE, _CLOSE_DOUBLE = "“«„", "”»"
_DOUBLE_MARKS = re.compile('["“”«»„\n]')
_SINGLE_MARKS = re.compile("['‘’\n]")


@dataclass(frozen=True)
class Quotation:
    """A pair of quotation marks: ``open`` and ``close`` are the marks' offsets."""

    open: int
    close: int
    nested: bool
    label: bool

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close


_LABEL_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_SENTENCE_BREAK = re.compile(r"[.!?…]\s+\S")


def _looks_like_label(inner: str) -> bool:
    """A short phrase or a title in capitals, not a sentence."""
    words = _LABEL_WORD.findall(inner)
    if _SENTENCE_BREAK.search(inner):
        return False
    if len(words) <= 4:
        return True
    long_words = [w for w in words if len(w) > 3]
    return bool(long_words) and all(w[0].isupper() for w in long_words)


def find_quotations(text: str) -> list[Quotation]:
    """Pairs of double quotation marks, and of single ones, within one line each.

    A straight mark opens after a space, a line start or an opening bracket and
    closes otherwise; an apostrophe inside a word ("Russia's") is neither.
    Single-quoted phrases inside a double quotation are marked ``nested``.
    """
    doubles: list[tuple[int, int]] = []
    opened = None
    for m in _DOUBLE_MARKS.finditer(text):
        i, char = m.start(), m.group()
        if char == "\n":
            opened = None
        elif char == '"':
            before = text[i - 1] if i else " "
            if before.isspace() or before in "([{—–-‘'":
                opened = i
            elif opened is not None:
                doubles.append((opened, i))
                opened = None
        elif char in _OPEN_DOUBLE:
            opened = i
        elif opened is not None:  # a closing typographic mark
            doubles.append((opened, i))
            opened = None
    singles: list[tuple[int, int]] = []
    opened = None
    for m in _SINGLE_MARKS.finditer(text):
        i, char = m.start(), m.group()
        if char == "\n":
            opened = None
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if char in "'‘" and (before.isspace() or before in '(["“—–') and after.isalnum():
            opened = i
        elif char in "'’" and opened is not None and not after.isalnum() and before != " ":
            singles.append((opened, i))
            opened = None
    result = []
    for o, c in doubles:
        result.append(Quotation(o, c, False, _looks_like_label(text[o + 1 : c])))
    for o, c in singles:
        nested = any(do < o and c < dc for do, dc in doubles)
        if any(o < do and dc < c for do, dc in doubles):
            continue  # a stray apostrophe pair around a double quotation
        result.append(Quotation(o, c, nested, _looks_like_label(text[o + 1 : c])))
    return sorted(result, key=lambda q: q.open)


# ---------------------------------------------------------------- one article

_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_FILLER_WORD = (
    r"(?:has|have|had|also|again|once|repeatedly|previously|earlier|later|further|then|already|"
    r"publicly|reportedly|recently|today|yesterday|on|this|last|week|" + _WEEKDAYS + r"|\w+ly)"
)
# Between a speaker and a cue: an appositive in commas, adverbs, "'s statement".
_LEFT_GAP = re.compile(
    r"(?:\s*,[^,\"“”\x00\n]{1,150},)?\s*"
    r"(?:['’]s\s+(?:statement|words|remarks|comments|press service|office)\s+)?"
    r"(?:" + _FILLER_WORD + r",?\s+)*",
)
_TIME = (
    r"(?:(?:on\s+)?(?:" + _WEEKDAYS + r")|(?:earlier |later )?(?:this|last) (?:week|month|year))"
)
# After a cue: "Thursday that", "on January 31 that", "earlier this week" belong to the attribution.
_LEADING_ADVERBIAL = re.compile(
    r"[\s,:]*(?:(?:" + _TIME + r"|on \w+ \d{1,2}|in a statement|in an interview)[\s,]*that\b\s*"
    r"|" + _TIME + r"[\s,]*|that\b\s*)?"
)
# After "told" or "quoted": the addressee, then "that" or "as saying" ("told reporters that").
_ADDRESSEE = re.compile(
    r"\s+(?:(?:[\w.'’-]+\s+){0,4}?that\b|(?:[\w.'’-]+\s+){0,4}?as saying\b"
    r"|(?:reporters|journalists|the press|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)(?=\s*[,.]|\s*$))\s*"
)
# The listener of "told" and where or when it was told ("told reporters in Moscow on
# Tuesday", "told Sputnik"): who heard the statement, not what was said.
_LISTENER_NOUNS = (
    r"reporters|journalists|correspondents?|the press|the media|(?:a |the )?news (?:agency|conference)"
    r"|(?:a |the )?(?:newspaper|broadcaster|briefing|forum|conference|audience|parliament)"
    r"|lawmakers|students"
)
_LISTENER = re.compile(
    r"\s*(?:(?:local|foreign|Russian|Ukrainian|Western|state|visiting)\s+)?"
    r"(?:" + _LISTENER_NOUNS + r"|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)"
    r"(?:\s*,?\s+(?:in|at|on|during|after|before|from|via|by|ahead of|late on|earlier on)\s+"
    r"[^,;:\x00\"“”\n]{1,60}?)*\s*[.!?]?\s*"
)
# "told reporters the plan was dead": the listener before content without "that".
_LISTENER_THEN_CONTENT = re.compile(r"\s+(?:" + _LISTENER_NOUNS + r")\s+(?!that\b)(?=\w)")
_PREPOSITION_THEN_THAT = re.compile(
    r"\s*(?:after|before|in|on|at|during|while|when|following)\b[^.;\n]{0,160}?\bthat\b\s*"
)
_SEPARATOR = re.compile(r"(?:,|;|:|\s[-–—]|[\"”»\x00])\s*")
# Runs of separators, each run ending where the last separator of a scan for
# _SEPARATOR ending in it ends (every NUL of a masked quotation is a separator: one
# match per run, not one per character, when only the last end is wanted).
_SEPARATORS = re.compile(rf"(?:{_SEPARATOR.pattern})+")
_NP_END = re.compile(
    r"[,;:!?\"“”\n\x00(]|\.(?=\s|$)"
    r"|\s(?:in|at|on|during|after|before|to|from|as|while|who|which|that)\s"
)
_CONNECTOR = re.compile(r"^(?:(?:But|And|So|Yet|Meanwhile|However|Still|Now),?\s+)+")
_TITLE_WORDS = 7  # words of title before a speaker's name ("Russian Foreign Ministry spokeswoman")
#: The titles of a person, in lower case, as a text puts them before the name
#: ("Kremlin spokesman Dmitry Peskov"); statements reads them too.
PERSON_TITLES = tuple(
    "spokeswoman spokesman spokesperson president minister envoy representative ambassador "
    "official director mayor chief head deputy foreign special prime secretary leader adviser "
    "advisor aide press".split()
)
# Lower-case words allowed in such a title ("Ukrainian energy company DTEK").
_TITLE_NOUNS = frozenset(
    PERSON_TITLES + tuple("company agency news state energy service of the for and 's".split())
)
# What may follow an attribution that closes a sentence ("..., Zakharova said on Wednesday.").
_TAIL = re.compile(
    r"\s*(?:[.!?]|,\s*\w+ing\b|(?:on|in|at|to|during|after|before|from|with|via|earlier|later|"
    r"this|last|late|today|yesterday|" + _WEEKDAYS + r")\b|[A-Z])"
)
# Capitalised words that are not names: a speaker phrase never ends in them.
_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december today yesterday this that it he she "
    "they we i".split()
)
# ", a Kremlin adviser." after an unlisted speaker's name, to the end of the sentence.
_APPOSITIVE = re.compile(r",\s+((?:a|an|the)\s+[^,;:.!?\x00\"“”\n]{1,80}?)\s*[.!?]?\s*$")
# Small patterns of the speaker and quotation rules, compiled once.
_WORDS_BEFORE_SPEAKER = re.compile(r"(?:[Tt]he\s+)?(?:[A-Z][\w'’.-]*\s+|[a-z]+\s+){0,6}")
_THAT = re.compile(r"\bthat\s+")
_NO_WORDS = re.compile(r"\W*")
_PUNCTUATION = re.compile(r"[\s\x00\"“”»«,.!?'’‘-]")
_GAP_AFTER_QUOTE = re.compile(r"[ \t,.!?:;—–-]*")
_COLON_GAP = re.compile(r"\s*:\s*")
_GAP_BEFORE_QUOTE = re.compile(r"\s*(?:[^\x00.\"“”\n]{0,40}?)[:,]\s*")
_THAT_OR_QUOTE = re.compile(r"\bthat\b|\x00")
_FINAL_SEPARATOR = re.compile(r"(,|\s[-–—])\s*$")
_TO_SENTENCE_END = re.compile(r"[^\x00\"“”]{0,80}[.!?]\s*")
_SPEAKER_KINDS = {"person", "organisation", "country", "media"}
# A cue after a negation reports no speech: "The Kremlin has not responded", "declined to comment".
_NEGATED_CUE = re.compile(
    r"(?:\bnot|n['’]t|\bnever|\bdeclined to|\brefused to)\s+(?:(?:yet|immediately|publicly)\s+)?$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _outlet_credit() -> re.Pattern:
    """A sentence's closing credit to an outlet: ", Politico reports." -- the outlet that
    relays the statement, not part of what was said (the outlets of ``outlets.yaml``)."""
    names = default_outlets().alternation
    return re.compile(
        rf",\s+(?:{names})\s+(?:reports|reported|writes|wrote|informs|says|said)\s*[.!?]?\s*$"
    )


# Mention types that can name a speaker, and what resolved_from then says.
_RESOLVED_FROM_TYPE = {"name": "name", "capital": "capital", "role": "office"}


@dataclass
class _Speaker:
    start: int
    end: int
    alias: str
    actor: str | None
    resolved_from: str  # name | capital | office | pronoun | role | statement | unresolved
    named: bool = True  # False for a pronoun or "the ministry" that names no one here


@dataclass
class _Candidate:
    start: int
    end: int
    actor: str | None = None  # for mentions
    anaphor: Anaphor | None = None  # for pronouns and "the statement"
    label: str | None = None  # for "the [adjective] label"
    camp: str | None = None  # camp required by the adjective in a role phrase
    kind: str = "name"  # name | capital | office | pronoun | role | statement


@lru_cache(maxsize=8)
def _role_pattern(labels: tuple[str, ...], adjectives: tuple[str, ...]) -> re.Pattern | None:
    """ "The [adjective] label" ("the Russian diplomat") for a gazetteer's labels and
    adjectives, built once per gazetteer rather than once per article."""
    if not labels:
        return None
    labels = sorted(labels, key=len, reverse=True)
    adjectives = sorted(adjectives, key=len, reverse=True)
    # "[Tt]" first, then a look-behind for the word boundary before it: a pattern that
    # opens with a character set lets the search skip ahead to a "T" or "t" (one that
    # opens with \b is tried at every character); it matches what "\b[Tt]he" matches
    return re.compile(
        r"[Tt](?<!\w[Tt])he\s+(?:(?P<adj>"
        + "|".join(map(re.escape, adjectives))
        + r")\s+)?(?P<label>(?i:"
        + "|".join(map(re.escape, labels))
        + r"))(?![\w'’-])"
    )


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every character inside one of ``spans`` (which may overlap)
    replaced by NUL, built from slices rather than a list of characters."""
    parts, at = [], 0
    for start, end in sorted(spans):
        start = max(start, at)
        if end > start:
            parts += [text[at:start], "\x00" * (end - start)]
            at = end
    parts.append(text[at:])
    return "".join(parts)


class _Article:
    """The quote finder's state for one article."""

    def __init__(self, text, sentences, gazetteer, cues, year=None, mention_rows=None):
        self.text = text
        self.gazetteer = gazetteer
        self.cues = cues
        # (sentence_id, start, end, paragraph_id), in text order
        self.sentences = sentences
        self.sentence_starts = [start for _, start, _, _ in sentences]
        self.quotations = find_quotations(text)
        top = [q for q in self.quotations if not q.nested]
        self.masked = _masked(text, [q.inner for q in top])
        self.in_quote = bytearray(len(text) + 1)
        for q in top:
            self.in_quote[q.open : q.close + 1] = b"\x01" * (q.close + 1 - q.open)
        self.mentions = [
            _Candidate(start, end, actor=actor, kind=_RESOLVED_FROM_TYPE[mention_type])
            for start, end, _alias, actor, kind, _camp, mention_type, *_ in (
                _mention_rows(text, gazetteer, year) if mention_rows is None else mention_rows
            )
            if mention_type in _RESOLVED_FROM_TYPE
            and (kind in _SPEAKER_KINDS or mention_type == "capital")
            and not self.in_quote[start]
        ]
        self.anaphors = self._find_anaphors()
        self.all_candidates = sorted(self.mentions + self.anaphors, key=lambda c: (c.start, -c.end))
        self.candidate_starts = [c.start for c in self.all_candidates]
        self.cue_matches = cues.find_cues(self.masked)
        self.cue_starts = [c[0] for c in self.cue_matches]
        self.history: list[tuple[int, str, int]] = []  # (position, actor, sentence index)
        self.used_quotations: set[int] = set()
        self.rows: list[dict] = []

    # ----- candidates
    def _find_anaphors(self) -> list[_Candidate]:
        found = []
        covered = bytearray(len(self.text) + 1)
        for m in self.mentions:
            covered[m.start : m.end] = b"\x01" * (m.end - m.start)
        for start, end, form in self.cues.find_anaphors(self.masked):
            anaphor = self.cues.anaphors[form]
            kind = "statement" if anaphor.last_speaker else "pronoun"
            found.append(_Candidate(start, end, anaphor=anaphor, kind=kind))
        role = _role_pattern(tuple(self.gazetteer.labels), tuple(self.gazetteer.adjectives))
        if role is not None:
            for m in role.finditer(self.masked):
                if any(covered[m.start() : m.end()]):
                    continue
                camp = None
                if m.group("adj"):
                    camp = self.gazetteer[self.gazetteer.adjectives[m.group("adj")]].camp
                found.append(
                    _Candidate(
                        m.start(),
                        m.end(),
                        label=m.group("label").lower(),
                        camp=camp,
                        kind="role",
                    )
                )
        return found

    def _candidates(self, start: int, end: int) -> list[_Candidate]:
        """Mentions and anaphors inside [start, end), in text order."""
        first = bisect_left(self.candidate_starts, start)
        last = bisect_left(self.candidate_starts, end)
        return [c for c in self.all_candidates[first:last] if c.end <= end]

    # ----- resolution
    def _compatible(self, actor_name: str, c: _Candidate) -> bool:
        actor = self.gazetteer.actors.get(actor_name)
        if actor is None:
            return False
        if c.anaphor is not None:
            a = c.anaphor
            if a.kinds and actor.kind not in a.kinds:
                return False
            return not (a.gender and actor.gender not in (None, a.gender))
        if c.label is not None:
            if c.label not in actor.labels:
                return False
            return c.camp is None or actor.camp == c.camp
        return True

    def _resolve(self, c: _Candidate, sentence_index: int) -> _Speaker:
        alias = self.text[c.start : c.end]
        if c.actor is not None:
            return _Speaker(c.start, c.end, alias, c.actor, c.kind)
        earlier = [h for h in self.history if h[0] < c.start]
        if c.anaphor is not None and c.anaphor.last_speaker:
            if earlier:
                return _Speaker(c.start, c.end, alias, earlier[-1][1], "statement")
            return _Speaker(c.start, c.end, alias, None, "unresolved", named=False)
        recent = [h for h in earlier if h[2] >= sentence_index - _SPEAKER_WINDOW]
        for _, actor, _ in reversed(recent):
            if self._compatible(actor, c):
                return _Speaker(c.start, c.end, alias, actor, c.kind)
        if not (c.anaphor is not None and c.anaphor.speakers_only):
            for m in reversed([m for m in self.mentions if m.end <= c.start]):
                if self._compatible(m.actor, c):
                    return _Speaker(c.start, c.end, alias, m.actor, c.kind)
        return _Speaker(c.start, c.end, alias, None, "unresolved", named=c.anaphor is None)

    # ----- speaker search around a cue
    def _speaker_before(self, cue_start: int, sentence_start: int) -> _Candidate | None:
        candidates = self._candidates(sentence_start, cue_start)
        for c in sorted(candidates, key=lambda c: -c.end):
            if (
                c.kind == "pronoun"
                and c.anaphor is not None
                and c.anaphor.form.lower()
                in (
                    "him",
                    "her",
                )
            ):
                continue
            if _LEFT_GAP.fullmatch(self.masked, c.end, cue_start):
                return c
        return None

    def _noun_phrase_after(self, position: int, sentence_end: int) -> tuple[int, int]:
        start = position
        while start < sentence_end and self.text[start].isspace():
            start += 1
        m = _NP_END.search(self.masked, start, sentence_end)
        end = m.start() if m else sentence_end
        return start, end

    def _speaker_after(self, cue_end: int, sentence_end: int):
        np_start, np_end = self._noun_phrase_after(cue_end, sentence_end)
        if np_end <= np_start:
            return None, np_end
        candidates = self._candidates(np_start, np_end)
        if not candidates:
            return None, np_end
        if candidates[0].start != np_start and not _WORDS_BEFORE_SPEAKER.fullmatch(
            self.text, np_start, candidates[0].start
        ):
            return None, np_end
        persons = [
            c
            for c in candidates
            if c.actor
            and self.gazetteer[c.actor].kind == "person"
            or (c.anaphor is not None and "person" in c.anaphor.kinds)
        ]
        chosen = persons[-1] if persons else candidates[-1]
        return chosen, np_end

    def _raw_before(self, cue_start: int, sentence_start: int) -> _Speaker | None:
        pre = self.masked[sentence_start:cue_start]
        cut = 0
        for m in _SEPARATORS.finditer(pre):
            cut = m.end()
        for m in _THAT.finditer(pre):
            cut = max(cut, m.end())
        phrase = pre[cut:]
        lead = _CONNECTOR.match(phrase)
        if lead:
            cut += lead.end()
            phrase = phrase[lead.end() :]
        phrase_stripped = phrase.rstrip()
        words = phrase_stripped.split()
        start = sentence_start + cut
        end = start + len(phrase_stripped)
        unlisted = self._unlisted_speaker(start, end)
        if unlisted is not None:
            return unlisted
        if not 2 <= len(words) <= 7 or "\x00" in phrase_stripped:
            return None
        if not (words[0][0].isupper() or words[0] in ("the",)):
            return None
        return _Speaker(start, end, self.text[start:end], None, "unresolved")

    def _unlisted_speaker(self, start: int, end: int) -> _Speaker | None:
        """The speaker named by ``text[start:end]``, a whole phrase next to a cue, when
        the gazetteer does not list it: an optional article, title words, adjectives
        and capitalised words, ending in a name ("ministry spokeswoman Irina Volkova":
        the speaker is "Irina Volkova") or in a role noun ("a senior Russian diplomat":
        the whole phrase). ``None`` when the phrase is anything else."""
        words = [
            (m.start() + start, m.end() + start)
            for m in re.finditer(r"\S+", self.masked[start:end])
        ]
        if not words or len(words) > _TITLE_WORDS + 1 or "\x00" in self.masked[start:end]:
            return None
        lowered = [self.text[a:b].lower() for a, b in words]
        first = 1 if lowered[0] in ("a", "an", "the", "one") else 0
        body = words[first:]
        if not body:
            return None
        roles = self.cues.roles | self.gazetteer.labels.keys()

        def capitalised(a, b):
            word = self.text[a:b]
            return word[0].isupper() and word.strip(".,'’").lower() not in _NOT_NAMES

        allowed = self.cues.titles | roles
        for (a, b), word in zip(body, lowered[first:], strict=True):
            bare = re.sub(r"['’]s$", "", word)
            if not (capitalised(a, b) or word in allowed or bare in allowed):
                return None
        run = len(body)
        while run > 0 and capitalised(*body[run - 1]):
            run -= 1
        if run == len(body):  # ends in a role noun: "a senior Russian diplomat"
            if lowered[-1] not in roles or len(words) < 2:
                return None
            return _Speaker(start, end, self.text[start:end], None, "unresolved")
        if run == 0:  # a name alone: "John Smith"
            if first:
                return None
            name_start = body[0][0]
        else:  # a title, then the name: "ministry spokeswoman Irina Volkova"
            if lowered[first + run - 1] not in allowed:
                return None
            name_start = body[run][0]
        return _Speaker(name_start, end, self.text[name_start:end], None, "unresolved")

    # ----- the statements of one sentence
    def process(self, index: int):
        sentence_id, s_start, s_end, paragraph = self.sentences[index]
        found = []
        first = bisect_left(self.cue_starts, s_start)
        last = bisect_left(self.cue_starts, s_end)
        for c_start, c_end, cue in self.cue_matches[first:last]:
            if cue.needs_quote and not any(s_start <= q.open < s_end for q in self.quotations):
                continue
            if _NEGATED_CUE.search(self.masked, max(s_start, c_start - 24), c_start):
                continue
            attribution = self._attribute(cue, c_start, c_end, s_start, s_end, index)
            if attribution is not None:
                found.append((cue, c_start, c_end, *attribution))
        if not found:
            if not self._headline_attribution(index):
                self._continuation(index)
            return
        direct_rows = 0
        adjacent = [self._adjacent_quotation(f[4], f[5], s_start, s_end) for f in found]
        best = max(range(len(found)), key=lambda i: (found[i][0].priority, -found[i][1]))
        if adjacent[best] is None and all(
            found[i][0].priority < found[best][0].priority for i, q in enumerate(adjacent) if q
        ):
            adjacent = [None] * len(found)  # "As stated by X, ... according to X, '...'"
        for (cue, c_start, c_end, speaker, _, _), q in zip(found, adjacent, strict=True):
            if q is None or q.open in self.used_quotations:
                continue
            self.used_quotations.add(q.open)
            q_start, q_end = _trim_quote(self.text, *q.inner)
            self._emit(index, q_start, q_end, speaker, cue, c_start, c_end, "direct")
            direct_rows += 1
        if direct_rows:
            self._continuation(index, within=True)
            return
        cue, c_start, c_end, speaker, attr_start, attr_end = max(
            found, key=lambda f: (f[0].priority, -f[1])
        )
        content = self._content(cue, c_end, speaker, attr_start, attr_end, index)
        if content is None:
            return
        start, end = content
        mode = "reported"
        inside = [q for q in self.quotations if start <= q.open and q.close < end and not q.nested]
        if len(inside) == 1 and _NO_WORDS.fullmatch(
            self.text[start : inside[0].open] + self.text[inside[0].close + 1 : end]
        ):
            mode = "direct"
            start, end = _trim_quote(self.text, *inside[0].inner)
        elif inside:
            mode = "mixed"
        for q in inside:
            self.used_quotations.add(q.open)
        self._emit(index, start, end, speaker, cue, c_start, c_end, mode)

    def _headline_attribution(self, index: int) -> bool:
        """'Plan Prepares Foreign Intervention: Russian Foreign Ministry' -- the headline
        convention of a statement followed by a colon and its speaker."""
        _, s_start, s_end, _ = self.sentences[index]
        colon = self.masked.rfind(": ", s_start, s_end)
        if colon < 0:
            return False
        tail = self.text[colon + 2 : s_end].rstrip(" .")
        whole = [
            c
            for c in self._candidates(colon + 2, s_end)
            if c.actor and c.start == colon + 2 and c.end == colon + 2 + len(tail)
        ]
        if not whole or colon - s_start < 15:
            return False
        speaker = self._resolve(whole[0], index)
        cue = Cue(":", "after", 1)
        start, end = _strip_span(self.text, s_start, colon, final_stop=False) or (0, 0)
        self._emit(index, start, end, speaker, cue, colon, colon + 1, "reported")
        return True

    def _attribute(self, cue: Cue, c_start, c_end, s_start, s_end, index):
        """(speaker, attribution start, attribution end) for one cue, or None."""
        candidate = None
        np_end = c_end
        if cue.speaker in ("before", "either"):
            candidate = self._speaker_before(c_start, s_start)
        if candidate is None and cue.speaker in ("after", "either"):
            before = _PUNCTUATION.sub("", self.masked[s_start:c_start])
            if (
                cue.speaker == "after"
                or before == ""
                or self.masked[s_start:c_start].rstrip().endswith(",")
            ):
                candidate, np_end = self._speaker_after(c_end, s_end)
                if candidate is None and cue.speaker == "after":
                    raw = self._raw_after(c_end, np_end)
                    if raw is not None:
                        return raw, c_start, raw.end
                if candidate is None and cue.speaker == "either":
                    unlisted = self._unlisted_after(c_start, c_end, np_end, s_end)
                    if unlisted is not None:
                        return unlisted
        if candidate is not None:
            speaker = self._resolve(candidate, index)
            if candidate.start < c_start:
                return speaker, self._title_start(candidate.start, s_start), c_end
            return speaker, c_start, max(np_end, candidate.end)
        if cue.speaker in ("before", "either") and cue.priority > 1:
            raw = self._raw_before(c_start, s_start)
            if raw is not None:
                return raw, self._title_start(raw.start, s_start), c_end
        return None

    def _raw_after(self, c_end, np_end) -> _Speaker | None:
        start = c_end
        while start < np_end and self.text[start].isspace():
            start += 1
        phrase = self.text[start:np_end].rstrip()
        words = phrase.split()
        if not 1 <= len(words) <= 6 or not words[0][0].isupper():
            return None
        return _Speaker(start, start + len(phrase), phrase, None, "unresolved")

    def _unlisted_after(self, c_start, c_end, np_end, s_end):
        """'"...," said John Smith, a Kremlin adviser': (speaker, start, end) of an
        unlisted speaker right after the cue, with its appositive, or None."""
        start = c_end
        while start < np_end and self.text[start].isspace():
            start += 1
        end = start + len(self.text[start:np_end].rstrip())
        speaker = self._unlisted_speaker(start, end) if end > start else None
        if speaker is None:
            return None
        appositive = _APPOSITIVE.match(self.masked, end, s_end)
        return speaker, c_start, appositive.end(1) if appositive else end

    def _title_start(self, speaker_start: int, s_start: int) -> int:
        """Where the noun phrase ending in the speaker's name starts (titles included)."""
        pre = self.masked[s_start:speaker_start]
        cut = 0
        for m in _SEPARATORS.finditer(pre):
            cut = m.end()
        words = pre[cut:].split()
        if len(words) <= _TITLE_WORDS and all(
            w[0].isupper()
            or w.lower() in _TITLE_NOUNS
            or w.lower() in self.cues.titles
            or w.lower() in self.cues.roles
            or w.endswith(("'s", "’s"))
            for w in words
        ):
            return s_start + cut
        return speaker_start

    def _adjacent_quotation(self, attr_start, attr_end, s_start, s_end) -> Quotation | None:
        for q in self.quotations:
            if q.nested or q.open in self.used_quotations:
                continue
            # (the gaps are matched in place, without slicing the text up to each quotation)
            if s_start <= q.close < attr_start and _GAP_AFTER_QUOTE.fullmatch(
                self.text, q.close + 1, attr_start
            ):
                return q
            if attr_end <= q.open and _COLON_GAP.fullmatch(self.masked, attr_end, q.open):
                return q  # 'Zelensky said:' and the quotation in the next paragraph
            if attr_end <= q.open < s_end and _GAP_BEFORE_QUOTE.fullmatch(
                self.masked, attr_end, q.open
            ):
                return q
        return None

    def _content(self, cue: Cue, c_end, speaker: _Speaker, attr_start, attr_end, index):
        sentence_id, s_start, s_end, paragraph = self.sentences[index]
        if cue.content == "previous":
            if index == 0:
                return None
            _, p_start, p_end, _ = self.sentences[index - 1]
            return _strip_span(self.text, p_start, p_end, final_stop=False)
        # an outlet's closing credit is neither what was said nor part of the attribution
        credit = _outlet_credit().search(self.masked, attr_end, s_end)
        if credit is not None:
            s_end = credit.start()
        # attribution at the end of the sentence: the content comes before it
        tail = self.masked[attr_end:s_end]
        tail_short = (
            len(tail.split()) <= 10
            and not _THAT_OR_QUOTE.search(tail)
            and (not tail.strip() or _TAIL.match(tail) is not None)
        )
        told = cue.form.lower() in ("told", "tells")
        if told and not tail_short and _LISTENER.fullmatch(tail):
            tail_short = True  # "..., Zakharova told reporters in Moscow."
        before = self.masked[s_start:attr_start]
        sep = _FINAL_SEPARATOR.search(before)
        if sep and tail_short:
            end = s_start + sep.start()
            start = s_start
            if sep.group(1).strip() in "-–—":
                start = self._unit_start(index)
            return _strip_span(self.text, start, end, final_stop=False)
        # otherwise the content follows the cue (or the speaker after it)
        position = max(c_end, speaker.end if speaker.start >= c_end else c_end)
        if cue.form.lower() in (
            "told",
            "tells",
            "quoted",
        ):  # "told reporters that", "quoted X as saying"
            m = _ADDRESSEE.match(self.masked, position)
            if (
                m
                and m.end() < s_end
                or told
                and (m := _LISTENER_THEN_CONTENT.match(self.masked, position))
            ):
                position = m.end()
        m = _PREPOSITION_THEN_THAT.match(self.masked, position)
        if m and m.end() < s_end:
            position = m.end()
        else:
            m = _LEADING_ADVERBIAL.match(self.masked, position)
            position = m.end() if m else position
        return _strip_span(self.text, position, s_end, final_stop=True)

    def _unit_start(self, index: int) -> int:
        """Start of the text a dash attribution covers: the paragraph, after the last statement."""
        _, s_start, _, paragraph = self.sentences[index]
        first = index
        while first > 0 and self.sentences[first - 1][3] == paragraph:
            first -= 1
        start = self.sentences[first][1]
        for row in self.rows:
            if row["_paragraph"] == paragraph and row["_attribution_end"] <= s_start:
                start = max(start, row["_attribution_end"])
        return start

    def _continuation(self, index: int, *, within: bool = False):
        """A quotation standing alone right after a quoted speaker's sentence continues it
        ('"...," Zelensky wrote. "Ukraine will stand."'); with ``within``, the same in
        the sentence just attributed (when the sentence splitter did not split)."""
        _, s_start, s_end, _ = self.sentences[index]
        if not self.rows:
            return
        previous = self.rows[-1]
        if within:
            if previous["_sentence_index"] != index:
                return
            start_at = previous["cue_end"]
        elif previous["_sentence_index"] != index - 1:
            return
        else:
            start_at = s_start
        for q in self.quotations:
            if q.nested or q.open in self.used_quotations or not (start_at <= q.open < s_end):
                continue
            if q.close >= s_end:
                continue
            inner = self.text[q.open + 1 : q.close].rstrip()
            ends_sentence = inner[-1:] in (".", "!", "?", "…")
            if within:
                between = self.masked[start_at : q.open]
                if not _TO_SENTENCE_END.fullmatch(between):
                    continue
                whole = not self.text[q.close + 1 : s_end].strip(" .")
            else:
                whole = not self.text[s_start : q.open].strip() and not self.text[
                    q.close + 1 : s_end
                ].strip(" .")
            if q.label and not (whole and ends_sentence):
                continue  # a label, or a heading in quotation marks
            if not within and not whole and self._has_cue(s_start, s_end):
                continue  # its own attribution, to a speaker not found: not a continuation
            self.used_quotations.add(q.open)
            start, end = _trim_quote(self.text, *q.inner)
            row = dict(previous)
            row.update(
                start=start,
                end=end,
                quote=self.text[start:end],
                mode="direct",
                resolved_from="continuation",
                sentence_id=self._sentence_id_at(start),
                _sentence_index=index,
                _attribution_end=s_end,
            )
            self.rows.append(row)
            previous = row

    def _has_cue(self, start: int, end: int) -> bool:
        """Whether a speech cue stands in ``[start, end)`` outside quotation marks."""
        return bisect_left(self.cue_starts, start) < bisect_left(self.cue_starts, end)

    def _sentence_id_at(self, offset: int):
        """The sentence the offset is in: the last one starting at or before it
        (sentences are in text order), else the first."""
        i = bisect_right(self.sentence_starts, offset)
        return self.sentences[i - 1 if i else 0][0]

    def _emit(self, index, start, end, speaker: _Speaker, cue: Cue, c_start, c_end, mode):
        if end <= start:
            return
        actor = self.gazetteer.actors.get(speaker.actor) if speaker.actor else None
        if speaker.actor:
            self.history.append((speaker.start, speaker.actor, index))
            self.history.sort()
        _, s_start, s_end, paragraph = self.sentences[index]
        self.rows.append(
            {
                "sentence_id": self._sentence_id_at(start),
                "start": start,
                "end": end,
                "quote": self.text[start:end],
                # an anaphor that names no one ("According to him", nobody before) is
                # no speaker; its words stay in speaker_alias
                "speaker": speaker.actor or (speaker.alias if speaker.named else None),
                "speaker_start": speaker.start,
                "speaker_end": speaker.end,
                "speaker_alias": speaker.alias,
                "resolved_from": speaker.resolved_from if speaker.actor else "unresolved",
                "speaker_kind": actor.kind if actor else None,
                "speaker_camp": actor.camp if actor else None,
                "cue": self.text[c_start:c_end],
                "cue_start": c_start,
                "cue_end": c_end,
                "mode": mode,
                "_sentence_index": index,
                "_paragraph": paragraph,
                "_attribution_end": s_end,
            }
        )


def _trim_quote(text: str, start: int, end: int) -> tuple[int, int]:
    """Inner span of a quotation without surrounding spaces and a trailing comma."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _strip_span(text: str, start: int, end: int, *, final_stop: bool) -> tuple[int, int] | None:
    while start < end and (text[start].isspace() or text[start] in ",:;"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if final_stop and end > start and text[end - 1] == ".":
        end -= 1
    while end > start and text[end - 1] in ",;: ":
        end -= 1
    return (start, end) if end > start else None


# ---------------------------------------------------------------- public API


def _string_sentences(text: str) -> pd.DataFrame:
    """The foundation's sentence split of one string, as a small table."""
    rows = [
        {"sentence_id": i, "start": start, "end": end, "paragraph_id": paragraph}
        for i, (start, end, paragraph, _kind) in enumerate(split_sentences(text))
    ]
    return pd.DataFrame(rows, columns=["sentence_id", "start", "end", "paragraph_id"])


def _spans(sentences: pd.DataFrame) -> list[tuple[int, int, int, int]]:
    ordered = sentences.sort_values("start")
    return list(
        zip(
            ordered["sentence_id"].astype(int).tolist(),
            ordered["start"].astype(int).tolist(),
            ordered["end"].astype(int).tolist(),
            ordered["paragraph_id"].astype(int).tolist(),
            strict=True,
        )
    )


def _spans_by_article(sentences: pd.DataFrame) -> dict:
    """:func:`_spans` of every article, in one pass over the whole table (not a
    sort and four conversions per article)."""
    columns = ["article_id", "sentence_id", "start", "end", "paragraph_id"]
    # only these columns are sorted: moving the sentences' text would cost more
    ordered = sentences[columns].sort_values(["article_id", "start"], kind="stable")
    spans: dict = {}
    for article_id, *span in zip(
        ordered["article_id"].tolist(),
        ordered["sentence_id"].astype(int).tolist(),
        ordered["start"].astype(int).tolist(),
        ordered["end"].astype(int).tolist(),
        ordered["paragraph_id"].astype(int).tolist(),
        strict=True,
    ):
        if not pd.isna(article_id):
            spans.setdefault(article_id, []).append(tuple(span))
    return spans


def _mentions_by_article(mentions: pd.DataFrame) -> dict:
    """The rows of a mentions table by article, as tuples in the order of
    ``MENTION_COLUMNS[2:]`` as :func:`analysis.mentions._mention_rows` gives them."""
    values = [mentions[c].tolist() for c in MENTION_COLUMNS[2:]]
    grouped: dict = {}
    rows = zip(*values, strict=True)  # the tuples themselves, built in C
    for article_id, row in zip(mentions["article_id"].tolist(), rows, strict=True):
        grouped.setdefault(article_id, []).append(row)
    return grouped


def _quote_rows(text, spans, gazetteer, cues, year=None, mention_rows=None) -> list[dict]:
    if not spans:
        return []
    article = _Article(text, spans, gazetteer, cues, year, mention_rows)
    for index in range(len(spans)):
        article.process(index)
    return sorted(article.rows, key=lambda r: (r["start"], r["end"]))


def find_quotes(
    text: str,
    *,
    sentences: pd.DataFrame | None = None,
    gazetteer: Gazetteer | None = None,
    cues: SpeechCues | None = None,
    year: int | None = None,
) -> pd.DataFrame:
    """Quotes in one string; ``sentences`` (``sentence_id``, ``start``, ``end``,
    ``paragraph_id``) defaults to the suite's own sentence split of ``text``;
    ``year`` resolves a speaker named by office ("the US President said")."""
    gazetteer = gazetteer or default_gazetteer()
    cues = cues or default_speech_cues()
    if sentences is None:
        sentences = _string_sentences(text)
    rows = _quote_rows(text, _spans(sentences), gazetteer, cues, year)
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS[1:])


def quotes(
    corpus: pd.DataFrame,
    *,
    gazetteer: Gazetteer | None = None,
    cues: SpeechCues | None = None,
    sentences: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per quoted or reported statement in each article of ``corpus``.

    Columns: ``article_id``, ``sentence_id`` (where the quote starts),
    ``start``, ``end``, ``quote`` (== ``text[start:end]``), ``speaker``
    (canonical actor, or the raw words of an unresolved speaker; missing when a
    pronoun or "the ministry" names no one before it),
    ``speaker_start``/``speaker_end`` (the words in the text that name the
    speaker: a name, "he", "the diplomat"), ``speaker_alias`` (those words),
    ``resolved_from`` (name | capital | office | pronoun | role | statement |
    continuation | unresolved; "office" is "the US President", resolved by the
    article's year; "role" is "the diplomat", resolved to an earlier actor), ``speaker_kind``, ``speaker_camp``, ``cue``
    (the reporting verb or phrase) with ``cue_start``/``cue_end``, and
    ``mode`` (direct | reported | mixed).

    ``sentences`` and ``mentions`` may be passed to reuse tables already computed
    (``mentions`` as :func:`analysis.mentions` returns it for this corpus and
    gazetteer, rows in its order); otherwise they are computed here.

    The article's own outlet is never its speaker: "According to Censor.NET, this
    is reported in ..." in a Censor.NET article is the publisher naming its source,
    not a statement (another outlet's article may quote Censor.NET, of course).
    """
    if sentences is None:
        import analysis

        sentences = analysis.sentences(corpus)
    gazetteer = gazetteer or default_gazetteer()
    cues = cues or default_speech_cues()
    spans_of = _spans_by_article(sentences)
    mentions_of = None if mentions is None else _mentions_by_article(mentions)
    outlets = corpus["outlet"] if "outlet" in corpus else [None] * len(corpus)
    same_outlet = default_outlets().same
    rows = []
    for article_id, text, year, outlet in zip(
        corpus["article_id"], corpus["text"], publication_years(corpus), outlets, strict=True
    ):
        own = None if mentions_of is None else mentions_of.get(article_id, [])
        found = _quote_rows(text, spans_of.get(article_id, []), gazetteer, cues, year, own)
        for row in found:
            if same_outlet(row["speaker"], outlet):
                continue  # the publisher naming its source
            row["article_id"] = article_id
            rows.append(row)
    # as pd.DataFrame(rows, columns=QUOTE_COLUMNS), column by column
    result = frame(list(map(itemgetter(*QUOTE_COLUMNS), rows)), QUOTE_COLUMNS)
    for column in ("sentence_id", "start", "end", "speaker_start", "speaker_end"):
        result[column] = result[column].astype("int64")
    for column in ("cue_start", "cue_end"):
        result[column] = result[column].astype("int64")
    return result
