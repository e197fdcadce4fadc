"""Boilerplate removal: what goes, with which rule, and offsets back to raw."""

import pytest
from conftest import MOSCOW_TIMES, UNN

from analysis import DataFileError, removed_spans, to_raw
from analysis.cleaning import clean, headline, load_boilerplate


def test_removed_spans_of_the_seeds(seeds):
    removed = removed_spans(seeds)
    mt = removed[removed["article_id"] == MOSCOW_TIMES]
    assert list(mt["rule"]) == [
        "moscow-times-support",
        "photo-credit",
        "newsletter-signup",
        "moscow-times-appeal",
    ]
    credit = mt[mt["rule"] == "photo-credit"]["removed"].item()
    assert credit == "The Russian Foreign Ministry building in Moscow. Alexander Yarik / TASS\n\n"
    assert mt[mt["rule"] == "moscow-times-appeal"]["removed"].item().rstrip().endswith("Read more")
    unn = removed[removed["article_id"] == UNN]
    assert list(unn["removed"]) == [" date 2026-01-08 "]
    for row in removed.itertuples():
        raw = seeds.set_index("article_id").loc[row.article_id, "raw"]
        assert raw[row.raw_start : row.raw_end] == row.removed


def test_text_offsets_map_back_to_raw(seeds):
    removed = removed_spans(seeds)
    for row in seeds.itertuples():
        spans = [
            (r.raw_start, r.raw_end, r.rule)
            for r in removed[removed["article_id"] == row.article_id].itertuples()
        ]
        for word in ("Russia", "Zakharova", "Ukraine"):
            pos = row.text.find(word)
            if pos >= 0:
                start = to_raw(spans, pos)
                assert row.raw[start : start + len(word)] == word


def test_headline_rules():
    assert headline(
        "Russia Slams Plan for Peacekeeping Force\n\nRussia on Thursday slammed a plan."
    ) == ("Russia Slams Plan for Peacekeeping Force")
    assert (
        headline("The deployment will be considered an intervention, UNN reports.\n\nDetails")
        is None
    )
    assert headline("Details\n\nMore text.") is None  # too short to be a headline
    assert headline("One line only") is None
    title = "Russia Slams Plan for Peacekeeping Force"
    assert headline(title + " \r\n \t\r\nText.") == title  # a blank line with spaces, CRLF
    assert headline(title + "\nText right after.\n\nMore.") is None  # no blank line next
    for blank_rest in ["\n\n", "\n \u2003\n\x1c\u00a0", "\n\n\u3000"]:  # nothing after
        assert headline(title + blank_rest) is None, repr(blank_rest)
    assert headline(title + "\n\n\u3000x") == title


def test_block_rule_without_end_line_removes_only_the_start_line():
    text = "Story sentence one.\n\nSign up for our newsletter\n\nStory goes on.\n"
    cleaned = clean(text)
    assert cleaned.text == "Story sentence one.\n\nStory goes on.\n"
    assert [r for _, _, r in cleaned.removed] == ["newsletter-signup"]


def test_bad_rules_file_names_the_line(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(
        "rules:\n  - id: x\n    description: y\n    start: '(unclosed'\n", encoding="utf-8"
    )
    with pytest.raises(DataFileError, match=r"rules.yaml:2: bad regular expression"):
        load_boilerplate(path)
    path.write_text(
        "rules:\n  - id: x\n    description: y\n    start: a\n    colour: red\n", encoding="utf-8"
    )
    with pytest.raises(
        DataFileError, match=r"rules.yaml:2: boilerplate rule has unknown key\(s\) 'colour'"
    ):
        load_boilerplate(path)


def test_anchored_search_finds_what_finditer_finds():
    """Boilerplate 'contains' patterns are tried only where their anchor character occurs."""
    import random
    import re

    from analysis.cleaning import _anchor, _default_rules, _finditer

    patterns = [rule.contains for rule in _default_rules() if rule.contains is not None]
    patterns += [re.compile(p, f) for p, f in [(r"a.b", 0), (r"[xy]-z+", 0), (r"\d/\d", re.I)]]
    assert _anchor(patterns[0]) == ("/", 1)  # photo-credit: "\s/ ?(TASS|...)"
    assert _anchor(re.compile("abc", re.I)) is None  # a letter, ignoring case
    pieces = [" ", "\n", "/", "/ ", "TASS", "AP", "a", "b", "x-zz", "y-z", "1/2", "\t", "\r\n", "-"]
    rng = random.Random(3)
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        pos = rng.randint(0, len(text))
        for pattern in patterns:
            expected = [m.span() for m in pattern.finditer(text, pos)]
            assert [m.span() for m in _finditer(pattern, text, pos)] == expected, (pattern, text)


@pytest.mark.parametrize(
    "caption, rule",
    [
        ("Alexander Yarik / TASS", "photo-credit"),
        ("Sergei Bobylev/TASS", "photo-credit"),  # TASS's own style
        ("Soldiers near Pokrovsk. Reuters/Gleb Garanich", "photo-credit-agency-first"),
        ("AP / Efrem Lukatsky", "photo-credit-agency-first"),
    ],
)
def test_photo_credits_either_way_round_are_removed(caption, rule):
    raw = f"The ministry said no.\n\n{caption}\n\nThe talks go on."
    cleaned = clean(raw)
    assert cleaned.text == "The ministry said no.\n\nThe talks go on."
    ((start, end, removed_by),) = cleaned.removed
    assert removed_by == rule and raw[start:end].strip() == caption


def test_slashes_in_the_story_are_not_credits():
    raw = "The EU/NATO plan was rejected.\nA Reuters/Ipsos poll found little support.\n"
    assert clean(raw).text == raw and clean(raw).removed == []


def test_rule_lines_are_the_lines_a_start_rule_matches_whole():
    """_rule_lines skips lines by their first character; it must find every line a
    start rule matches, with the first such rule, as matching each line would."""
    import random

    from analysis.cleaning import _default_rules, _rule_lines

    rules = tuple(r for r in _default_rules() if r.start is not None)
    rng = random.Random(3)
    lines = [
        "Support the Moscow Times!",
        "  \tREAD MORE: talks",
        "\u017fupport us",
        "Photo: a",
        "x",
    ]
    lines += [
        "\u0130mage credit: AP",
        "Related",
        "Sign up for our newsletter",
        "The minister said.",
        "",
    ]
    lines += ["Please donate to our journalism today.", "Follow us on Telegram", " ", "related\r"]
    lines += ["We use cookies to improve", "(Photo by AP)", "Zakharova: no.", "  Read also: \t"]
    found = 0
    for _ in range(400):
        raw = "\n".join(rng.choice(lines) for _ in range(rng.randint(1, 12)))
        expected, start = [], 0
        for line in raw.split("\n"):
            body = line[:-1] if line.endswith("\r") else line
            first = next(
                (r for r in rules if r.start.fullmatch(line) or r.start.fullmatch(body)), None
            )
            if first is not None:
                expected.append((start, first.id))
            start += len(line) + 1
        assert [(s, r.id) for s, r in _rule_lines(raw, 0, rules)] == expected, raw
        found += len(expected)
    assert found > 500
