"""The rhetoric dictionary and its loader: syntax, validation, other formats."""

import re
import warnings

import pytest

from analysis.datafiles import DataFileError
from analysis.lexicon import (
    DEFAULT_LEXICON,
    Lexicon,
    LexiconWarning,
    load_lexicon,
    normalise_pattern,
    parse_pattern,
)

REQUIRED_IDS = {
    "threat_warning",
    "intervention_escalation",
    "delegitimising_labels",
    "russian_conditions",
    "security_guarantees",
    "settlement_negotiation",
}


def test_default_lexicon_loads_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lexicon = load_lexicon()
    assert set(lexicon.ids) >= REQUIRED_IDS
    assert sum(len(c.patterns) for c in lexicon.categories) >= 300
    for category in lexicon.categories:
        assert category.label and category.description and category.taxonomy and category.why
        assert len(category.patterns) >= 40, category.id
        # every pattern knows the line it came from, and the line holds it
        lines = DEFAULT_LEXICON.read_text(encoding="utf-8").splitlines()
        for pattern, line in zip(category.patterns, category.lines, strict=True):
            assert lines[line - 1].strip() == f"- {pattern}"


def test_default_lexicon_covers_the_issue_examples():
    lexicon = load_lexicon()
    wanted = {
        "threat_warning": ["legitimate * targets", "direct military clash", "will be regarded as"],
        "intervention_escalation": [
            "foreign intervention",
            "direct participation in the conflict",
            "militarization",
            "escalat*",
        ],
        "delegitimising_labels": ["kyiv regime", "axis of war", "pseudo-peacekeep*", "so-called"],
        "russian_conditions": ["root cause*", "demilitari*", "denazifi*", "neutral status"],
        "security_guarantees": ["security guarantee*", "deterrent force*", "monitoring mechanism"],
        "settlement_negotiation": ["ceasefire*", "peace deal*", "negotiat*", "talks"],
    }
    for cid, patterns in wanted.items():
        for pattern in patterns:
            assert pattern in lexicon[cid].patterns, (cid, pattern)


def test_parse_pattern_kinds_and_normalisation():
    assert [t.kind for t in parse_pattern("legitimate * targets")] == ["word", "any", "word"]
    assert [t.kind for t in parse_pattern("Escalat*")] == ["prefix"]
    assert normalise_pattern("Pseudo‑Peacekeeping") == "pseudo peacekeeping"
    assert normalise_pattern("  Kyiv   regime ") == "kyiv regime"
    assert normalise_pattern("people’s republic") == "people's republic"
    assert normalise_pattern("U.S. backstop") == "u.s. backstop"


@pytest.mark.parametrize(
    "bad",
    ["", "   ", "* regime", "legitimate *", "es*", "foo*bar", "(kyiv|kiev)", "peace?", "a**"],
)
def test_bad_patterns_are_rejected(bad):
    with pytest.raises(ValueError):
        parse_pattern(bad)


GOOD = """\
name: test
categories:
  - id: threat
    label: Threats
    description: d
    taxonomy: PLOVER THREATEN
    why: w
    patterns:
      - legitimate * targets
      - escalat*
"""


def write(tmp_path, text, name="lex.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_own_format_loads(tmp_path):
    lexicon = load_lexicon(write(tmp_path, GOOD))
    assert lexicon.ids == ["threat"]
    assert lexicon["threat"].patterns == ("legitimate * targets", "escalat*")
    assert lexicon["threat"].lines == (9, 10)


@pytest.mark.parametrize(
    ("edit", "line", "message"),
    [
        (("    why: w\n", "    why: w\n    colour: red\n"), 3, "unknown key(s) 'colour'"),
        (("      - escalat*\n", "      - escalat*\n      - (bad|regex)\n"), 11, "bad word"),
        (("      - escalat*\n", "      - escalat*\n      - '* regime'\n"), 11, "bare '*'"),
        (
            (
                "    patterns:\n      - legitimate * targets\n      - escalat*\n",
                "    patterns: []\n",
            ),
            3,
            "has no patterns",
        ),
        (
            ("    patterns:\n      - legitimate * targets\n      - escalat*\n", "    patterns:\n"),
            3,
            "has no patterns",
        ),
        (("id: threat", "id: Threat-1"), 3, "lower_snake_case"),
        (("    label: Threats\n", ""), 3, "lacks 'label'"),
        (("    label: Threats\n", "    label: Threats\n    label: Again\n"), 5, "duplicate key"),
        (("      - escalat*\n", "      - escalat*\n      - 42\n"), 11, "pattern must be text"),
    ],
)
def test_validation_errors_name_file_and_line(tmp_path, edit, line, message):
    path = write(tmp_path, GOOD.replace(*edit))
    with pytest.raises(DataFileError) as info:
        load_lexicon(path)
    assert info.value.line == line
    assert message in str(info.value)
    assert str(info.value).startswith(f"{path}:{line}: ")


def test_duplicate_category_id_is_an_error(tmp_path):
    second = GOOD.split("categories:\n")[1]
    path = write(tmp_path, GOOD + second)
    with pytest.raises(DataFileError, match=re.escape(f"{path}:11: duplicate category id")):
        load_lexicon(path)


def test_duplicate_pattern_warns_with_both_lines_and_is_dropped(tmp_path):
    path = write(tmp_path, GOOD + "      - Legitimate  *  Targets\n")
    with pytest.warns(LexiconWarning, match=re.escape(f"{path}:11: duplicate pattern")) as rec:
        lexicon = load_lexicon(path)
    assert "same as line 9" in str(rec[0].message)
    assert lexicon["threat"].patterns == ("legitimate * targets", "escalat*")


def test_quanteda_yaml(tmp_path):
    path = write(
        tmp_path,
        "threat:\n  - legitimate targets\n  - warn*\nlabels:\n  regime:\n    - kyiv regime\n",
        "q.yml",
    )
    lexicon = load_lexicon(path)
    assert lexicon.ids == ["threat", "labels.regime"]
    assert lexicon["threat"].patterns == ("legitimate targets", "warn*")
    assert lexicon["labels.regime"].lines == (6,)


def test_quanteda_unsupported_glob_names_line(tmp_path):
    path = write(tmp_path, "threat:\n  - legitimate targets\n  - war?\n", "q.yml")
    with pytest.raises(DataFileError, match=re.escape(f"{path}:3: glob 'war?'")):
        load_lexicon(path)


LIWC = """%
1\tthreat
2\tlabels
%
warn*\t1
kyiv regime\t2
legitimate targets\t1\t2
"""


def test_liwc_dic(tmp_path):
    lexicon = load_lexicon(write(tmp_path, LIWC, "x.dic"))
    assert lexicon.ids == ["threat", "labels"]
    assert lexicon["threat"].patterns == ("warn*", "legitimate targets")
    assert lexicon["labels"].patterns == ("kyiv regime", "legitimate targets")
    assert lexicon["labels"].lines == (6, 7)


def test_liwc_unknown_category_names_line(tmp_path):
    path = write(tmp_path, LIWC + "junta\t9\n", "x.dic")
    with pytest.raises(DataFileError, match=re.escape(f"{path}:8: entry 'junta': unknown")):
        load_lexicon(path)


def test_with_category_and_from_mapping():
    lexicon = load_lexicon().with_category("energy", ["energy facilit*", "blackout*"])
    assert lexicon.ids[-1] == "energy"
    assert lexicon["energy"].patterns == ("energy facilit*", "blackout*")
    # a category made in Python has no file or line to name; a reused id is said
    with pytest.warns(
        LexiconWarning, match=r"^duplicate pattern 'heating' .*\(same as 'heating'\)"
    ):
        load_lexicon().with_category("energy", ["heating", "heating"])
    with pytest.warns(
        LexiconWarning, match=r"replaces the category 'threat_warning' \(\d+ patterns\)"
    ):
        replaced = load_lexicon().with_category("threat_warning", ["heating"])
    assert replaced["threat_warning"].patterns == ("heating",)
    small = Lexicon.from_mapping({"a": ["x y"], "b": ["z*z"[:1] + "zz*"]})
    assert small.ids == ["a", "b"]
    with pytest.raises(DataFileError, match="has no patterns"):
        Lexicon.from_mapping({"a": []})
