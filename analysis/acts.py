"""Speech acts in a sentence: threat, proposal, rejection, accusation, talks.

The cues are data (``analysis/lexicons/acts.yaml``): regular expressions per act,
each act mapped to a PLOVER event type and a CAMEO code with its Goldstein
score. This module reads that file (every error names the file and line) and
codes one sentence at a time, on plain strings, so it can be tested and reused
without a corpus::

    >>> lexicon = load_acts()
    >>> [m.act for m in code_sentence("Russia will not accept any NATO troops.", lexicon)]
    ['rejection']

What a match means is decided here, not in the patterns:

- one :class:`ActMatch` per act and sentence; the first cue of the act in file
  order decides its CAMEO code and score, the others are kept as evidence;
- a repetition marker ("repeating a threat previously uttered", "these warnings
  have been voiced") names earlier acts with nouns, which are not cues, so it is
  no act of its own (saying that they still stand, "... and remain relevant",
  re-issues them: that is a cue);
- a reporting verb (``reporting: true``: "warned") is not its act when what it
  reports is a refusal or an accusation and no other cue of its act announces
  harm ("Moscow warned that it would not accept ..." is a rejection);
- when a sentence accuses someone, the other acts in the accusing clause are the
  content of the accusation ("Kiev is rejecting the peace process and sabotaging
  ...") and are not coded as acts of the accused;
- a proposal or talks named after a rejection in the same clause is what is
  rejected ("will not accept NATO members sending troops"), not a proposal; so is
  one that a warning is "against" ("warned London against sending troops");
- negation in the four words before a cue marks the act ``negated``; a condition
  or open question before it marks it ``hypothetical``. Both are kept, marked.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick_rs

from analysis import scanning
from analysis.config import LEXICON_DIR
from analysis.datafiles import DataFileError, check_keys, line_of, load_yaml

ACTS_FILE = LEXICON_DIR / "acts.yaml"

#: The acts, in the order they are reported.
ACTS = ("threat", "proposal", "rejection", "accusation", "talks")

#: PLOVER event types an act or cue may name (PLOVER codebook, 2023).
PLOVER_TYPES = frozenset(
    {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    }
)

AGENTS = ("voice", "doer")

_CLAUSE_BREAK = re.compile(r'[,;:()\u2013\u2014"\u201c\u201d]|\s-\s')
# Every offset where a clause break starts, overlapping ones included, is found in
# two scans that skip ahead to a candidate character (a look-ahead for a break would
# be tried at every offset): break characters, and spaces before "- ". A dash break
# starts at a space, which is no break character, so the two lists never share an
# offset and their union, sorted, is every start.
_BREAK_CHARACTER = re.compile(r'[,;:()\u2013\u2014"\u201c\u201d]')
_DASH_BREAK_START = re.compile(r"\s(?=-\s)")
_TOKEN = re.compile(r"\w+(?:'\w+)?")
# Between a warning verb and what it warns of: "warned London against sending troops".
_WARNED_AGAINST = re.compile(r"\bagainst\b", re.IGNORECASE)


@dataclass(frozen=True)
class Cue:
    """One cue pattern of an act, with the code it gives when it decides."""

    act: str
    regex: re.Pattern
    cameo: str
    plover: str
    score: float
    order: int
    line: int
    # a reporting verb ("warned"): not the act when what it reports is another act
    reporting: bool = False


@dataclass(frozen=True)
class Act:
    """An act as defined in the lexicon."""

    name: str
    definition: str
    plover: str
    cameo: str
    score: float
    agent: str
    cues: tuple[Cue, ...]


@dataclass(frozen=True)
class ActLexicon:
    """The acts, the CAMEO table and the modifiers of one acts file."""

    path: Path
    acts: dict[str, Act]
    cameo: dict[str, tuple[str, float]]
    negation_window: int
    negation: frozenset[str]
    hypothetical: re.Pattern
    repetition: re.Pattern
    cue_words: CueWords  # the words each cue needs, to search only the cues that can match

    def cameo_label(self, code: str) -> str:
        return self.cameo[code][0]


@dataclass
class CueMatch:
    """A cue found in a text: offsets are into the text that was searched."""

    cue: Cue
    start: int
    end: int
    text: str
    negated: bool = False
    hypothetical: bool = False


@dataclass
class ActMatch:
    """One act in one sentence, decided by its first cue (``primary``)."""

    act: str
    primary: CueMatch
    cues: list[CueMatch] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.primary.start

    @property
    def end(self) -> int:
        return self.primary.end

    @property
    def negated(self) -> bool:
        return self.primary.negated

    @property
    def hypothetical(self) -> bool:
        return self.primary.hypothetical

    @property
    def cameo(self) -> str:
        return self.primary.cue.cameo

    @property
    def plover(self) -> str:
        return self.primary.cue.plover

    @property
    def score(self) -> float:
        return self.primary.cue.score


# --------------------------------------------------------------------------- cue words

# The characters other than A-Z and a-z that re.IGNORECASE matches to an ASCII letter
# (scanning.ODD_LETTERS). Replaced by that letter, ``str.lower`` maps every character
# that can match an ASCII literal to the literal's lower case, and keeps the length.
_FOLD = scanning.ODD_LETTERS


def fold(text: str) -> str:
    """``text`` lower-cased so that a case-insensitive regular expression that
    matches it contains its ASCII literals, lower-cased, at the same offsets."""
    if not text.isascii():  # (ASCII has none of the _FOLD characters: a check in C)
        # replaced one by one where they occur: most texts have none, and str.replace
        # is far faster than str.translate beyond ASCII
        for char, letter in _FOLD.items():
            if char in text:
                text = text.replace(char, letter)
    return text.lower()


def required_words(pattern: str, flags: int = 0) -> list[frozenset[str]]:
    """What every match of ``pattern`` contains: sets of lower-case ASCII strings,
    each needed once (one of its strings is in every match). An empty list when
    the pattern names no such words (then it must always be searched).

    Read from the pattern's parse tree (Python's own parser, ``re._parser``): a run
    of literal characters is needed; a group needs what its content needs; an
    alternation needs one of what each branch needs; a repeat of at least one
    what its content needs. Anything else (a class, ``\\w``, a look-ahead, an
    optional part) needs nothing. Sets with a string shorter than three
    characters are dropped: they would be found in almost any sentence.
    """
    from re import _constants as c
    from re import _parser

    def rarest(needs: list[frozenset[str]]) -> frozenset[str]:
        return max(needs, key=lambda words: (min(map(len, words)), -len(words)))

    def needs(items) -> list[frozenset[str]]:
        found, run = [], ""
        for op, av in list(items) + [(None, None)]:  # a sentinel closes the last run
            if op is c.LITERAL and av < 128:
                run += chr(av).lower()
                continue
            if run:
                found.append(frozenset([run]))
                run = ""
            if op is c.SUBPATTERN:
                found += needs(av[3])
            elif op is c.BRANCH:
                branches = [needs(branch) for branch in av[1]]
                if all(branches):  # one set per branch, the least likely by chance
                    found.append(frozenset().union(*map(rarest, branches)))
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
                found += needs(av[2])
        return [words for words in found if min(map(len, words)) >= 3]

    try:
        return needs(_parser.parse(pattern, flags))
    except Exception:  # a Python whose private parser differs: search the cue always
        return []


@dataclass(frozen=True)
class CueWords:
    """The words each cue pattern needs (:func:`required_words`), found in a text with
    one Aho-Corasick pass: a cue that lacks one of its needs cannot match, so it is
    not searched. Cues that need no word are always searched."""

    cues: tuple[Cue, ...]  # by ``order``
    matcher: ahocorasick_rs.AhoCorasick | None  # None when no cue needs a word
    cues_of_word: tuple[tuple[int, ...], ...]  # for each word, the ``order`` of its cues
    needs: dict[int, tuple[frozenset[int], ...]]  # cue order -> sets of word indices
    always: frozenset[int]

    @classmethod
    def build(cls, cues: list[Cue]) -> CueWords:
        index: dict[str, int] = {}
        cues_of_word: list[list[int]] = []
        needs = {}
        for cue in cues:
            needed = required_words(cue.regex.pattern, cue.regex.flags)
            for word in sorted({w for words in needed for w in words}):
                if word not in index:
                    index[word] = len(index)
                    cues_of_word.append([])
                cues_of_word[index[word]].append(cue.order)
            needs[cue.order] = tuple(frozenset(index[w] for w in words) for words in needed)
        if sorted(cue.order for cue in cues) != list(range(len(cues))):
            raise ValueError("cue orders must be 0, 1, 2 ...")  # as load_acts numbers them
        return cls(
            tuple(sorted(cues, key=lambda cue: cue.order)),
            ahocorasick_rs.AhoCorasick(list(index)) if index else None,
            tuple(tuple(orders) for orders in cues_of_word),
            needs,
            frozenset(order for order, need in needs.items() if not need),
        )

    def candidates(self, text: str, start: int = 0, end: int | None = None) -> list[Cue]:
        """Every cue that can match in ``text[start:end]``, in ``order``."""
        words = set()
        if self.matcher is not None:
            folded = fold(text[start:end])
            words = {
                i for i, _, _ in self.matcher.find_matches_as_indexes(folded, overlapping=True)
            }
        some = self.always.union(*(self.cues_of_word[word] for word in words))
        # a cue is searched when none of its needs is disjoint from the words found
        # (map and any run in C: this test is made for every candidate of every sentence)
        return [
            self.cues[order]
            for order in sorted(some)
            if not any(map(words.isdisjoint, self.needs[order]))
        ]


# --------------------------------------------------------------------------- loading


def _compile(pattern, path, line, what) -> re.Pattern:
    if not isinstance(pattern, str) or not pattern.strip():
        raise DataFileError(path, line, f"{what} must be a non-empty string")
    try:
        return re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)
    except re.error as exc:
        raise DataFileError(
            path, line, f"{what} is not a valid regular expression: {exc}"
        ) from None


def _code(value, cameo, path, line, what) -> str:
    if not isinstance(value, str) or value not in cameo:
        raise DataFileError(
            path, line, f'{what} {value!r} is not in the file\'s cameo table (quote codes: "036")'
        )
    return value


def _plover(value, path, line, what) -> str:
    if value not in PLOVER_TYPES:
        raise DataFileError(
            path, line, f"{what} {value!r} is not a PLOVER type ({', '.join(sorted(PLOVER_TYPES))})"
        )
    return value


def _string_list(node, path, what) -> list[tuple[str, int]]:
    if not isinstance(node, list) or not node:
        raise DataFileError(path, line_of(node), f"{what} must be a non-empty list")
    lines = getattr(node, "lines", [line_of(node)] * len(node))
    return list(zip(node, lines, strict=True))


def load_acts(path=None) -> ActLexicon:
    """Read and validate an acts file (default: the suite's ``acts.yaml``).

    Raises :class:`~analysis.datafiles.DataFileError` naming the file and line of
    the first problem: a missing key, an unknown act, a CAMEO code missing from
    the file's ``cameo`` table, a PLOVER type that does not exist, a regular
    expression that does not compile.
    """
    path = Path(path) if path is not None else ACTS_FILE
    data = load_yaml(path)
    check_keys(data, path, "the acts file", required=("cameo", "acts", "modifiers"))

    table = data["cameo"]
    if not isinstance(table, dict) or not table:
        raise DataFileError(path, line_of(table), "'cameo' must be a non-empty mapping")
    cameo: dict[str, tuple[str, float]] = {}
    for code, entry in table.items():
        line = getattr(entry, "line", line_of(table))
        if not (isinstance(code, str) and code.isdigit() and 2 <= len(code) <= 4):
            raise DataFileError(path, line, f"CAMEO code {code!r} must be 2-4 digits, quoted")
        if not (
            isinstance(entry, list)
            and len(entry) == 2
            and isinstance(entry[0], str)
            and isinstance(entry[1], int | float)
            and -10 <= entry[1] <= 10
        ):
            raise DataFileError(
                path, line, f"CAMEO code {code!r} needs [label, Goldstein value in -10..10]"
            )
        cameo[code] = (entry[0], float(entry[1]))

    acts_node = data["acts"]
    if not isinstance(acts_node, dict):
        raise DataFileError(path, line_of(acts_node), "'acts' must be a mapping")
    unknown = [name for name in acts_node if name not in ACTS]
    if unknown:
        raise DataFileError(
            path,
            line_of(acts_node[unknown[0]], line_of(acts_node)),
            f"unknown act {unknown[0]!r}; acts are {', '.join(ACTS)}",
        )
    missing = [name for name in ACTS if name not in acts_node]
    if missing:
        raise DataFileError(path, line_of(acts_node), f"acts lack {', '.join(missing)}")

    acts: dict[str, Act] = {}
    order = 0
    for name in ACTS:
        node = acts_node[name]
        what = f"act {name!r}"
        check_keys(node, path, what, required=("definition", "plover", "cameo", "agent", "cues"))
        plover = _plover(node["plover"], path, line_of(node), f"{what}: plover")
        code = _code(node["cameo"], cameo, path, line_of(node), f"{what}: cameo")
        if node["agent"] not in AGENTS:
            raise DataFileError(
                path, line_of(node), f"{what}: agent must be one of {', '.join(AGENTS)}"
            )
        cues_node = node["cues"]
        if not isinstance(cues_node, list) or not cues_node:
            raise DataFileError(path, line_of(cues_node, line_of(node)), f"{what} has no cues")
        cues = []
        for item, line in zip(cues_node, cues_node.lines, strict=True):
            check_keys(
                item,
                path,
                f"a cue of {what}",
                required=("pattern",),
                optional=("cameo", "plover", "reporting"),
            )
            if not isinstance(item.get("reporting", False), bool):
                raise DataFileError(path, line, f"{what}: reporting must be true or false")
            cue_code = _code(item.get("cameo", code), cameo, path, line, f"{what}: cue cameo")
            cue_plover = _plover(item.get("plover", plover), path, line, f"{what}: cue plover")
            regex = _compile(item["pattern"], path, line, f"{what}: pattern")
            cues.append(
                Cue(
                    name,
                    regex,
                    cue_code,
                    cue_plover,
                    cameo[cue_code][1],
                    order,
                    line,
                    bool(item.get("reporting", False)),
                )
            )
            order += 1
        acts[name] = Act(
            name,
            " ".join(str(node["definition"]).split()),
            plover,
            code,
            cameo[code][1],
            node["agent"],
            tuple(cues),
        )

    mods = data["modifiers"]
    check_keys(mods, path, "'modifiers'", required=("negation", "hypothetical", "repetition"))
    negation = mods["negation"]
    check_keys(negation, path, "'negation'", required=("window", "patterns"))
    if not isinstance(negation["window"], int) or negation["window"] < 1:
        raise DataFileError(path, line_of(negation), "negation window must be a positive integer")
    words = _string_list(negation["patterns"], path, "negation patterns")
    for word, line in words:
        if not isinstance(word, str) or not word.strip():
            raise DataFileError(path, line, "a negation word must be a non-empty string")

    def alternation(key):
        items = _string_list(mods[key], path, f"{key} patterns")
        for pattern, line in items:
            _compile(pattern, path, line, f"{key} pattern")
        return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p, _ in items) + r")\b", re.IGNORECASE)

    return ActLexicon(
        cue_words=CueWords.build([cue for act in acts.values() for cue in act.cues]),
        path=path,
        acts=acts,
        cameo=cameo,
        negation_window=negation["window"],
        negation=frozenset(w.lower() for w, _ in words),
        hypothetical=alternation("hypothetical"),
        repetition=alternation("repetition"),
    )


@lru_cache(maxsize=1)
def default_acts() -> ActLexicon:
    """The suite's acts file, read once."""
    return load_acts()


def acts_table(lexicon: ActLexicon | None = None):
    """The acts with their PLOVER type, CAMEO code, label and Goldstein score, as a DataFrame."""
    import pandas as pd

    lexicon = lexicon or default_acts()
    rows = []
    for act in lexicon.acts.values():
        rows.append(
            {
                "act": act.name,
                "plover": act.plover,
                "cameo": act.cameo,
                "cameo_label": lexicon.cameo_label(act.cameo),
                "score": act.score,
                "n_cues": len(act.cues),
                "other_codes": ", ".join(
                    sorted({c.cameo for c in act.cues if c.cameo != act.cameo})
                ),
                "definition": act.definition,
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- matching


@lru_cache(maxsize=32)
def _clause_breaks(text: str) -> tuple[list[int], list[int]]:
    """Where the clause breaks of ``text`` end, scanning from the start, and every
    offset where a break could start; computed once per text (a sentence or an
    article asks for many clauses).

    A break is one character or a dash between spaces, and neither the spaces nor
    the dash is a break character, so the scan from the start finds the same
    breaks before an offset as a scan stopping at that offset.
    """
    ends = [m.end() for m in _CLAUSE_BREAK.finditer(text)]
    starts = [m.start() for m in _BREAK_CHARACTER.finditer(text)]
    if "-" in text:
        starts = sorted(starts + [m.start() for m in _DASH_BREAK_START.finditer(text)])
    return ends, starts


def clause_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The clause around ``text[start:end]``: between commas, semicolons, colons,
    dashes, brackets or quotation marks."""
    end = start if end is None else end
    ends, starts = _clause_breaks(text)
    i = bisect_right(ends, start)  # the last break that ends at or before start
    left = ends[i - 1] if i else 0
    j = bisect_left(starts, end)  # the first break that starts at or after end
    right = starts[j] if j < len(starts) else len(text)
    return left, right


def _has_negation(tokens: list[str], negation: frozenset[str]) -> bool:
    """Whether one of ``tokens`` is a negation word or ends in "n't" (a plain loop
    that lower-cases each token once: it runs for every cue found)."""
    for token in tokens:
        lowered = token.lower()
        if lowered in negation or lowered.endswith("n't"):
            return True
    return False


def _negated(text: str, match: CueMatch, lexicon: ActLexicon) -> bool:
    if _has_negation(_TOKEN.findall(match.text), lexicon.negation):
        return False  # the cue carries its own negation ("will not accept")
    left, _ = clause_bounds(text, match.start)
    before = _TOKEN.findall(text[left : match.start])[-lexicon.negation_window :]
    return _has_negation(before, lexicon.negation)


def _hypothetical(text: str, match: CueMatch, lexicon: ActLexicon) -> bool:
    left, _ = clause_bounds(text, match.start)
    return lexicon.hypothetical.search(text, left, match.start) is not None


def repetition_markers(text: str, lexicon: ActLexicon | None = None) -> list[tuple[int, int]]:
    """Spans of the words saying that a statement repeats an earlier one."""
    lexicon = lexicon or default_acts()
    return [m.span() for m in find_repetitions(text, lexicon)]


@lru_cache(maxsize=16)
def _needed_words(regex: re.Pattern) -> tuple[frozenset[str], ...]:
    return tuple(required_words(regex.pattern, regex.flags))


def may_match(regex: re.Pattern, text: str) -> bool:
    """False when ``text`` lacks a word that every match of ``regex`` contains
    (:func:`required_words`, looked up in ``fold(text)``): then it need not be
    searched. True otherwise, or when the pattern needs no word."""
    needs = _needed_words(regex)
    if not needs:
        return True
    folded = fold(text)
    return all(any(word in folded for word in need) for need in needs)


def find_repetitions(text: str, lexicon: ActLexicon) -> list[re.Match]:
    """The repetition markers of ``text`` as matches, searched only when the text
    has the words they need (most sentences have none)."""
    if not may_match(lexicon.repetition, text):
        return []
    return list(lexicon.repetition.finditer(text))


def _cue_matches(text: str, raw, lexicon: ActLexicon) -> list[CueMatch]:
    found = []
    for cue, start, end in raw:
        match = CueMatch(cue, start, end, text[start:end])
        match.negated = _negated(text, match, lexicon)
        match.hypothetical = _hypothetical(text, match, lexicon)
        found.append(match)
    found.sort(key=lambda c: (c.start, c.cue.order))
    return found


def _raw_cues(text: str, lexicon: ActLexicon) -> list[tuple[Cue, int, int]]:
    return _raw_cues_in(text, 0, len(text), lexicon)


def _raw_cues_in(text: str, s: int, e: int, lexicon: ActLexicon) -> list[tuple[Cue, int, int]]:
    """Every cue match in ``text[s:e]`` (offsets into ``text``), in act and cue order.

    Only the cues whose words occur in the text (:class:`CueWords`) are searched.
    """
    return [
        (cue, m.start(), m.end())
        for cue in lexicon.cue_words.candidates(text, s, e)
        for m in scanning.finditer(cue.regex, text, s, e)
        if m.end() > m.start()
    ]


def find_cues(text: str, lexicon: ActLexicon | None = None) -> list[CueMatch]:
    """Every cue of every act in ``text``, with negation and hypothesis marked."""
    lexicon = lexicon or default_acts()
    return _cue_matches(text, _raw_cues(text, lexicon), lexicon)


def _decide(text: str, cues: list[CueMatch]) -> list[ActMatch]:
    bounds = {id(c): clause_bounds(text, c.start) for c in cues}  # asked for pair by pair

    def clause(c):
        return bounds[id(c)]

    accusing = {clause(c) for c in cues if c.cue.act == "accusation"}
    rejecting = [c for c in cues if c.cue.act == "rejection"]
    kept = []
    for c in cues:
        if c.cue.act != "accusation" and clause(c) in accusing:
            continue  # the content of an accusation
        if c.cue.act in ("proposal", "talks") and any(
            r.start < c.start and clause(r) == clause(c) and r.end <= c.start for r in rejecting
        ):
            continue  # the object of a rejection
        if c.cue.act in ("proposal", "talks") and any(
            w.end <= c.start
            and clause(w) == clause(c)
            and _WARNED_AGAINST.search(text, w.end, c.start)
            for w in cues
            if w.cue.act == "threat" and w.cue.reporting
        ):
            continue  # the object of a warning: "warned London against sending troops"
        kept.append(c)
    kept = _without_reported_warnings(kept)

    by_act: dict[str, list[CueMatch]] = {}
    for c in kept:
        by_act.setdefault(c.cue.act, []).append(c)
    result = []
    for act in ACTS:
        matches = by_act.get(act)
        if not matches:
            continue
        ranked = sorted(matches, key=lambda c: (c.negated or c.hypothetical, c.cue.order, c.start))
        result.append(ActMatch(act, ranked[0], sorted(matches, key=lambda c: c.start)))
    return result


def _without_reported_warnings(cues: list[CueMatch]) -> list[CueMatch]:
    """A reporting verb ("Moscow warned that it would not accept ...") is no threat
    when what follows it is a refusal or an accusation and no cue of the act
    announces harm: the refusal is what was said."""
    reporting = [c for c in cues if c.cue.reporting]
    if not reporting:
        return cues
    dropped = set()
    for r in reporting:
        own = [c for c in cues if c.cue.act == r.cue.act and not c.cue.reporting]
        reported = [
            c
            for c in cues
            if c.cue.act in ("rejection", "accusation") and c.start >= r.end and not c.negated
        ]
        if reported and not own:
            dropped.add(id(r))
    return [c for c in cues if id(c) not in dropped]


def code_sentence(text: str, lexicon: ActLexicon | None = None) -> list[ActMatch]:
    """The acts of one sentence, one :class:`ActMatch` per act (see the module doc)."""
    lexicon = lexicon or default_acts()
    return _decide(text, find_cues(text, lexicon))


def code_sentences(
    text: str, spans: list[tuple[int, int]], lexicon: ActLexicon | None = None
) -> list[list[ActMatch]]:
    """The acts of each sentence ``text[start:end]`` of one article, with offsets
    relative to the sentence, exactly as :func:`code_sentence` gives them. Sentences
    are searched in place, without copying them (see :func:`_raw_cues_in`)."""
    lexicon = lexicon or default_acts()
    result = []
    for s, e in spans:
        raw = _raw_cues_in(text, s, e, lexicon)
        if not raw:
            result.append([])
            continue
        raw = [(cue, start - s, end - s) for cue, start, end in raw]
        sentence = text[s:e]
        result.append(_decide(sentence, _cue_matches(sentence, raw, lexicon)))
    return result
