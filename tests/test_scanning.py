"""scanning.finditer tries a pattern only where it can start: the same matches as re."""

import random
import re

import pytest

from analysis.outlets import default_outlets
from analysis.scanning import finditer, first_characters, literal_starts


def test_literal_starts_read_from_the_pattern():
    told = re.compile(r"(?:told|said to|[Ii]n an interview with)\s+(?P<o>TASS)")
    assert literal_starts(told) == (
        frozenset({"told", "said to", "In an interview with", "in an interview with"}),
        False,
    )
    assert literal_starts(re.compile(r"(?:^|\n)[ \t]*As ")) == (frozenset({"\n"}), True)
    assert literal_starts(re.compile(r"(?:ab|c)d")) == (frozenset({"ab", "c"}), False)
    assert literal_starts(re.compile(r"(?<!a)\bb(?=a)|\bTASS")) == (frozenset({"b", "TASS"}), False)
    assert literal_starts(re.compile(r"(?i)\bTold\b")) == (frozenset({"told"}), False)
    assert literal_starts(re.compile(r"(?m)^As ")) is None  # any line start
    assert literal_starts(re.compile(r"\b(?:(?m:^)warned)\b", re.I)) is None
    for not_literal in [r"\w+", r"(?i)\u017fo", r"a?b", r"(a|)b", r"[^x]y"]:
        assert literal_starts(re.compile(not_literal)) is None, not_literal


PATTERNS = [
    r"(?:told|said to|[Ii]n an interview with)\s+(?:TASS|Sputnik)\b",
    r"[Aa]ccording to (?:[\w-]+ ){0,5}?(?>(TASS|RIA))\b",
    r"(?:^|\n)[ \t]*As (TASS|UNN) (reports|has reported)\b",
    r"\n[ \t]*(TASS|Sputnik)[ \t]*(?:\r?\n|\Z)",
    r",\s+(UNN|TASS) reports",
    r"(?:ab|a)b?",  # overlapping beginnings
    r"^ab|b",
    r"x*",  # can match empty: searched as usual
    r"(?i)\b(?:legitimate (?:\w+ ){0,2}targets?|will (?:strike|hit))\b",  # ignoring case
    r"(?i)\bsaid to (TASS)",
    r"(?m)^As (TASS|UNN) reports",  # any line start: searched as usual
    r"\b(?:(?m:^)told)\b",
    r"(?<!a)\bb(?=a)|\bTASS",  # zero-width parts before the first literal
    r"[Aa]ccording to (?:[\w-]+ ){0,5}?(?>(TASS))\b(?!,\s+this is reported)|\b(TASS) reported",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_same_matches_as_re_on_random_text(pattern):
    rx = re.compile(pattern)
    rng = random.Random(11)
    pieces = ["told", "said to", "In an interview with", "according to", "As", " ", "\n", "\t"]
    pieces += ["TASS", "Sputnik", "UNN", "RIA", "reports", ",", "ab", "a", "b", "x", "word-s"]
    pieces += ["Legitimate", "military", "TARGETS", "will", "Strike", "hit", "tass", "SAID TO"]
    pieces += ["\u017faid to", "stri\u212ae", "ı"]  # ſ and K match s and k when case is ignored
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        expected = [(m.span(), m.groups()) for m in rx.finditer(text)]
        assert [(m.span(), m.groups()) for m in finditer(rx, text)] == expected, text
        pos, endpos = sorted(rng.randint(-3, len(text) + 3) for _ in range(2))
        expected = [(m.span(), m.groups()) for m in rx.finditer(text, pos, endpos)]
        got = [(m.span(), m.groups()) for m in finditer(rx, text, pos, endpos)]
        assert got == expected, (text, pos, endpos)


def test_same_matches_as_re_for_the_outlet_cues_on_the_seeds(seeds):
    cues = [cue.pattern for cue in default_outlets().cues]
    found = 0
    for text in seeds["raw"]:
        for rx in cues:
            expected = [m.span() for m in rx.finditer(text)]
            assert [m.span() for m in finditer(rx, text)] == expected
            found += len(expected)
    assert found >= 3  # "UNN reports", "told Sputnik", the Sputnik dateline ...


def test_first_characters_read_from_the_pattern():
    assert first_characters(r"(please )?(support|donate to) us") == frozenset("psd")
    assert first_characters(r"(please )?(support|donate to) us", re.I) == frozenset("psdPSD\u017f")
    assert first_characters(r"\(?(?i:photo|image)") == frozenset("(pPiI\u0130\u0131")
    assert first_characters(r"(?i)Kyiv|[0-2]\d") == frozenset("kK\u212a012")
    assert first_characters(r"\b(?=T)(?:TASS|RIA)\b") == frozenset("TR")  # zero-width passed over
    for unknown in [r"\w+", r".x", r"[^a]", r"a?", r"(a|)", r"x*", r"(?i)\u00e9t\u00e9"]:
        assert first_characters(unknown) is None, unknown


FIRST_PATTERNS = [
    r"(please )?(support|donate to) (us|our work)[.!]?",
    r"\(?(photo|photograph|image)( credit| by|:)\s?.{0,20}",
    r"(sign up|subscribe)( for| to)?.{0,10}",
    r"(?:read more|see also)(:.{0,20})?",
    r"\bKyiv(?=\s)|[a-c]+x|(?>At)\b",
]


@pytest.mark.parametrize("flags", [0, re.I])
@pytest.mark.parametrize("pattern", FIRST_PATTERNS)
def test_first_characters_begin_every_match(pattern, flags):
    rx = re.compile(pattern, flags)
    first = first_characters(pattern, flags)
    assert first is not None
    rng = random.Random(5)
    pieces = [
        "please ",
        "Please ",
        "support",
        "SUPPORT",
        "\u017fupport",
        "donate to",
        " us",
        " our work",
    ]
    pieces += [
        "(",
        "photo",
        "\u0130mage",
        "image",
        ": ",
        " by",
        "sign up",
        "subscribe",
        " for",
        " to",
    ]
    pieces += [
        " the ",
        "newsletter",
        "read more",
        "See also",
        "Kyiv",
        "\u212ayiv",
        "abx",
        "At",
        " ",
        ".",
    ]
    matched = 0
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        if rx.match(text):
            matched += 1
            assert text[0] in first, text
    assert matched > 20
