"""The fast matcher against the plain-``re`` reference, and the matching rules on strings."""

import random
import re
import sys

import pytest

from analysis.lexicon import Lexicon, load_lexicon
from analysis.matcher import _SPACES, PhraseMatcher, ReferenceMatcher, canonical


def find(patterns, text):
    lexicon = Lexicon.from_mapping(patterns)
    fast = PhraseMatcher(lexicon).find(text)
    assert fast == ReferenceMatcher(lexicon).find(text)
    for start, end, _cat, _term in fast:
        assert text[start:end].strip() == text[start:end]
    return [(text[s:e], cat, term) for s, e, cat, term in fast]


def test_spaces_constant_is_what_re_calls_whitespace():
    # all of them are in the Basic Multilingual Plane; astral planes have none
    expected = "".join(chr(i) for i in range(0x10000) if re.match(r"\s", chr(i)))
    assert not any(re.match(r"\s", chr(i)) for i in range(0x10000, sys.maxunicode + 1, 97))
    assert expected == _SPACES


def test_wildcard_matches_one_word():
    text = "Legitimate combat targets; legitimate military targets; legitimate targets."
    assert find({"t": ["legitimate * targets"]}, text) == [
        ("Legitimate combat targets", "t", "legitimate * targets"),
        ("legitimate military targets", "t", "legitimate * targets"),
    ]


def test_prefix_glob_and_whole_words():
    text = "Escalation, escalating, de-escalate; the regimes; a regime."
    assert find({"e": ["escalat*"], "r": ["regime"]}, text) == [
        ("Escalation", "e", "escalat*"),
        ("escalating", "e", "escalat*"),
        ("escalate", "e", "escalat*"),  # after a hyphen: a hyphen is a boundary
        ("regime", "r", "regime"),
    ]


def test_hyphen_and_space_variants_and_quotes():
    text = "pseudo-peacekeeping, pseudo peacekeeping, pseudo‑peacekeeping, pseudo – peacekeeping"
    got = find({"p": ["pseudo-peacekeeping"]}, text)
    assert [g[0] for g in got] == [
        "pseudo-peacekeeping",
        "pseudo peacekeeping",
        "pseudo‑peacekeeping",
        "pseudo – peacekeeping",
    ]
    assert find({"k": ["people's republic"]}, "The People’s  Republic") == [
        ("People’s  Republic", "k", "people's republic")
    ]
    assert find({"a": ["axis of war"]}, "a genuine 'axis of\nwar'") == [
        ("axis of\nwar", "a", "axis of war")
    ]


def test_em_dash_is_not_a_hyphen():
    assert find({"p": ["heat attacks"]}, "heat — attacks") == []


def test_longest_match_wins_within_a_category_but_both_categories_count():
    text = "It was pseudo-peacekeeping, not peacekeeping."
    got = find({"labels": ["pseudo-peacekeeping", "pseudo"], "guarantees": ["peacekeeping"]}, text)
    assert got == [
        ("pseudo-peacekeeping", "labels", "pseudo-peacekeeping"),
        ("peacekeeping", "guarantees", "peacekeeping"),
        ("peacekeeping", "guarantees", "peacekeeping"),
    ]
    # the same phrase in two categories is a hit in each
    assert find({"a": ["kyiv regime"], "b": ["kyiv regime"]}, "the Kyiv regime") == [
        ("Kyiv regime", "a", "kyiv regime"),
        ("Kyiv regime", "b", "kyiv regime"),
    ]


def test_overlap_resolution_prefers_longer_then_earlier():
    text = "peace deal talks"
    assert find({"s": ["peace deal", "deal talks", "peace deal talks"]}, text) == [
        ("peace deal talks", "s", "peace deal talks")
    ]
    assert find({"s": ["peace deal", "deal talks"]}, text) == [("peace deal", "s", "peace deal")]


def test_offsets_survive_collapsed_whitespace():
    text = "A\n\n\nlegitimate   military\t targets  and  the   Kyiv\u00a0\u00a0regime."
    got = find({"t": ["legitimate * targets"], "l": ["kyiv regime"]}, text)
    assert got == [
        ("legitimate   military\t targets", "t", "legitimate * targets"),
        ("Kyiv\u00a0\u00a0regime", "l", "kyiv regime"),
    ]


def test_canonical_keeps_a_map_to_the_original():
    text = "A  b\n\n-Ç’s —    x"
    canon = canonical(text)
    assert canon.data == "a b ç's \x01 x".encode()
    for char_pos, char in enumerate(text):
        if char.isalnum():
            byte_pos = canon.data.index(char.lower().encode())
            assert canon.to_char(byte_pos) == char_pos


def _generated_text(seed: int, n_words: int = 3000) -> str:
    """Words drawn from the dictionary and filler, with messy separators and case."""
    rng = random.Random(seed)
    lexicon = load_lexicon()
    words = []
    for cat in lexicon.categories:
        for pattern in cat.patterns:
            for w in re.split(r"[\s\-]+", pattern):
                words.append(w.replace("*", rng.choice(["", "ion", "ed", "s", "ing"])) or "war")
    words += [
        "the",
        "a",
        "of",
        "Kyiv's",
        "Russia’s",
        "İstanbul",
        "Straße",
        "naïve",
        "peace",
        "2014-2022",
        "U.S.",
        "x_y",
    ]
    seps = [" "] * 30 + [
        "  ",
        "\n",
        "\n\n",
        "-",
        "\u2011",
        " – ",
        " — ",
        ", ",
        ". ",
        "'",
        "’",
        "“",
        "”",
        '"',
        "\u00a0",
        "_",
        "(",
        ")",
    ]
    out = []
    for _ in range(n_words):
        w = rng.choice(words)
        w = rng.choice([w, w, w.capitalize(), w.upper()])
        out.append(w)
        out.append(rng.choice(seps))
    return "".join(out)


@pytest.mark.parametrize("seed", [1, 2])
def test_fast_equals_reference_on_generated_text(seed):
    text = _generated_text(seed)
    lexicon = load_lexicon().with_category(
        "extra", ["legitimate * * targets", "kyiv's", "u.s. backstop", "peace deal*", "war"]
    )
    fast = PhraseMatcher(lexicon).find(text)
    assert len(fast) > 300
    assert fast == ReferenceMatcher(lexicon).find(text)
    for start, end, _cat, _term in fast:
        assert text[start:end] == text[start:end].strip()


def test_many_texts_at_once_equal_one_by_one():
    """find_arrays joins texts into groups; no hit may cross from one text to the next."""
    lexicon = load_lexicon().with_category(
        "extra", ["legitimate * * targets", "kyiv's", "u.s. backstop", "peace deal*", "kyiv regime"]
    )
    rng = random.Random(3)
    whole = _generated_text(3, n_words=4000)
    cuts = sorted(rng.sample(range(1, len(whole)), 60))
    texts = [whole[a:b] for a, b in zip([0, *cuts], [*cuts, len(whole)], strict=True)]
    # phrases that would match if the texts ran into each other
    texts += [
        "the Kyiv",
        "regime said",
        "",
        "legitimate",
        "combat targets",
        "peace\x00deal",
        "U.S.",
    ]
    matcher = PhraseMatcher(lexicon)
    matcher.BATCH_CHARS = 500  # many groups, so that texts fall on both sides of a cut
    reference = ReferenceMatcher(lexicon)
    doc, start, end, entry = matcher.find_arrays(texts)
    got = [[] for _ in texts]
    for d, s, e, k in zip(doc.tolist(), start.tolist(), end.tolist(), entry.tolist(), strict=True):
        got[d].append((s, e, *matcher.entries[k]))
    assert got == [reference.find(t) for t in texts]
    assert sum(map(len, got)) > 100
    # "the Kyiv" + "regime said" is not "Kyiv regime"; the NUL is not a joint either
    assert got[-7:-1] == [[], [], [], [], [], [(6, 10, "settlement_negotiation", "deal")]]
    assert PhraseMatcher(lexicon).find_arrays([])[0].tolist() == []
