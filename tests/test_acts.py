"""The acts lexicon and the sentence coder (analysis.acts)."""

import textwrap

import pytest

from analysis.acts import ACTS, acts_table, code_sentence, load_acts
from analysis.datafiles import DataFileError


@pytest.fixture(scope="module")
def lexicon():
    return load_acts()


def coded(text, lexicon):
    return {m.act: m for m in code_sentence(text, lexicon)}


def test_every_act_has_plover_cameo_and_goldstein(lexicon):
    table = acts_table(lexicon).set_index("act")
    assert list(table.index) == list(ACTS)
    assert table.loc["threat", "plover"] == "THREATEN"
    assert table.loc["threat", "score"] == -6.0
    assert table.loc["rejection", ["cameo", "score"]].tolist() == ["12", -4.0]
    assert table.loc["accusation", ["cameo", "score"]].tolist() == ["112", -2.0]
    assert table.loc["proposal", ["plover", "cameo", "score"]].tolist() == ["AGREE", "03", 4.0]
    assert table.loc["talks", "plover"] == "CONSULT"
    assert lexicon.cameo["138"] == ("Threaten to use military force", -7.0)
    assert lexicon.cameo["0334"][1] == 6.0 and lexicon.cameo["036"][1] == 4.0


# --- seed sentences, coded by hand ------------------------------------------------


def test_legitimate_targets_is_a_threat_of_military_force(lexicon):
    acts = coded(
        "All such units and facilities will be considered legitimate combat targets of the "
        "Russian Armed Forces.",
        lexicon,
    )
    assert list(acts) == ["threat"]
    assert acts["threat"].cameo == "138" and acts["threat"].score == -7.0
    assert acts["threat"].primary.text == "legitimate combat targets"


def test_conditional_continuation_of_fighting_is_a_threat_not_hypothetical(lexicon):
    acts = coded(
        "On Wednesday, he said that fighting in Ukraine would continue if no agreement is "
        "reached with Kiev.",
        lexicon,
    )
    assert list(acts) == ["threat"]
    assert acts["threat"].primary.text == "fighting in Ukraine would continue if"
    assert not acts["threat"].hypothetical and not acts["threat"].negated


def test_regarded_as_participation_is_a_threat(lexicon):
    acts = coded(
        "According to him, any military presence of the West in Ukraine is regarded as direct "
        "participation in the conflict.",
        lexicon,
    )
    assert list(acts) == ["threat"]


def test_open_to_discussing_is_a_proposal_to_negotiate(lexicon):
    acts = coded(
        "Commenting on the conditions for direct talks with Kiev, he said that Russia is open "
        "to discussing serious proposals that take into account modern realities.",
        lexicon,
    )
    assert list(acts) == ["proposal"]
    assert acts["proposal"].primary.text == "open to discussing"
    assert acts["proposal"].cameo == "036"
    # the terms cue is kept as supporting evidence
    assert [c.text for c in acts["proposal"].cues] == [
        "conditions for direct talks",
        "open to discussing",
    ]


def test_conditions_for_peace_are_terms(lexicon):
    acts = coded(
        "They also added that a peaceful resolution of the conflict is possible only on the "
        "basis of eliminating its root causes.",
        lexicon,
    )
    assert acts["proposal"].plover == "REQUEST" and acts["proposal"].cameo == "10"


def test_russian_proposals_and_continued_rejection(lexicon):
    acts = coded(
        "Russian proposals have so far boiled down to appointing the five permanent members of "
        "the UN Security Council as guarantor powers.",
        lexicon,
    )
    assert list(acts) == ["proposal"]
    acts = coded(
        "Russia continues to reject the deployment of any NATO troops to Ukraine to monitor a "
        "potential ceasefire, Zakharova said.",
        lexicon,
    )
    assert list(acts) == ["rejection"]


def test_two_acts_in_one_sentence(lexicon):
    acts = coded(
        "Russia on Thursday slammed a plan for European peacekeepers to be deployed to Ukraine "
        'as "dangerous" and dubbed Kyiv and its allies an "axis of war," dousing hopes.',
        lexicon,
    )
    assert list(acts) == ["rejection", "accusation"]
    assert acts["rejection"].cameo == "127"


def test_what_is_rejected_is_not_a_proposal(lexicon):
    acts = coded(
        "But Moscow has repeatedly warned that it would not accept any NATO members sending "
        "peacekeeping troops to Ukraine.",
        lexicon,
    )
    # and "warned" reports the refusal: no harm is announced, so no threat (sample s41)
    assert list(acts) == ["rejection"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Russia warned that it would not accept any foreign troops.", ["rejection"]),
        ("The Kremlin warned that Kyiv was preparing a provocation.", ["accusation"]),
        # harm announced: a threat, whatever else is said
        (
            "Russia warned that it would not accept foreign troops and would retaliate.",
            ["threat", "rejection"],
        ),
        ("Moscow warned London of a direct clash with NATO.", ["threat"]),
    ],
)
def test_a_warning_verb_reports_what_is_warned(lexicon, sentence, expected):
    assert list(coded(sentence, lexicon)) == expected


def test_the_content_of_an_accusation_is_not_an_act_of_the_accused(lexicon):
    acts = coded(
        "Kiev is rejecting the peace process and is even sabotaging the moratorium on strikes "
        "on energy facilities, according to the Russian official.",
        lexicon,
    )
    assert list(acts) == ["accusation"]


def test_negated_talks_are_marked(lexicon):
    acts = coded("The Ukrainian side did not participate in these talks.", lexicon)
    assert acts["talks"].negated


def test_own_negation_is_not_a_negated_act(lexicon):
    acts = coded(
        '"Russia will not discuss deeply unacceptable foreign intervention in Ukraine that '
        'undermines security," Zakharova said.',
        lexicon,
    )
    assert list(acts) == ["rejection"]
    assert not acts["rejection"].negated
    assert acts["rejection"].cameo == "125"


def test_open_question_is_hypothetical(lexicon):
    acts = coded(
        "One particularly contentious issue is whether partners would send ground troops into "
        "Ukraine.",
        lexicon,
    )
    assert acts["proposal"].hypothetical


def test_a_mention_of_a_threat_in_a_repetition_marker_is_no_act(lexicon):
    assert code_sentence("These warnings have been repeatedly voiced at the highest level.") == []
    acts = coded(
        '"X," Zakharova said Thursday, repeating a threat previously uttered by Putin.', lexicon
    )
    assert acts == {}


def test_warnings_said_to_stand_are_reissued(lexicon):
    # the UNN seed (hand-coded sample s08, agreed label threat): the ministry says its
    # warnings remain relevant, which issues them again
    acts = coded(
        "These warnings have been repeatedly voiced at the highest level and remain relevant.",
        lexicon,
    )
    assert list(acts) == ["threat"]
    assert list(coded("Our warnings remain valid.", lexicon)) == ["threat"]
    # a threat perceived is not a threat made
    assert coded("The threat from NATO remains relevant.", lexicon) == {}


def test_nouns_alone_are_not_acts(lexicon):
    # a meeting or a plan mentioned, not held, proposed or rejected
    for text in (
        "Against the backdrop of preparations for trilateral talks on the war in Ukraine.",
        "But specific details on the guarantees have not been made public.",
        "A new barrage targeted energy facilities in its Dnipropetrovsk region.",
    ):
        assert code_sentence(text, lexicon) == [], text


# --- the rules carry over to other coverage ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("The Kremlin threatened to retaliate against any strike on Russian territory.", "threat"),
        ("Medvedev warned that Western troops would become legitimate targets.", "threat"),
        ("Kyiv offered a 30-day ceasefire on energy infrastructure.", "proposal"),
        ("Germany said it was ready to contribute to a monitoring mission.", "proposal"),
        ("Washington proposed a framework for security guarantees.", "proposal"),
        ("Kyiv rejected the demand to withdraw from Donbas.", "rejection"),
        ("Moscow accused London of prolonging the war.", "accusation"),
        ("Envoys met with Ukrainian officials in Riyadh.", "talks"),
    ],
)
def test_rules_carry_over(text, act, lexicon):
    assert act in coded(text, lexicon)


# --- validation --------------------------------------------------------------------------


def write(tmp_path, body):
    path = tmp_path / "acts.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def minimal(cue_line="      - pattern: 'warn(?:s|ed)?'", act_cameo='"13"'):
    acts = "\n".join(
        f"""  {name}:
    definition: d
    plover: THREATEN
    cameo: {act_cameo if name == "threat" else '"13"'}
    agent: voice
    cues:
{cue_line if name == "threat" else "      - pattern: 'x'"}"""
        for name in ACTS
    )
    return f"""cameo:
  "13": ["Threaten", -6.0]
acts:
{acts}
modifiers:
  negation:
    window: 4
    patterns: ["not"]
  hypothetical: ["if"]
  repetition: ["again"]
"""


def test_minimal_file_loads(tmp_path):
    lex = load_acts(write(tmp_path, minimal()))
    assert set(lex.acts) == set(ACTS)


def test_bad_regex_names_file_and_line(tmp_path):
    path = write(tmp_path, minimal(cue_line="      - pattern: 'warn(('"))
    with pytest.raises(DataFileError) as err:
        load_acts(path)
    assert err.value.line == 10
    assert str(err.value).startswith(f"{path}:10:")
    assert "regular expression" in str(err.value)


def test_unknown_cameo_code_is_an_error(tmp_path):
    with pytest.raises(DataFileError, match="not in the file's cameo table"):
        load_acts(write(tmp_path, minimal(act_cameo='"999"')))


def test_unknown_act_names_its_line(tmp_path):
    body = minimal().replace("  talks:", "  talk:")
    with pytest.raises(DataFileError, match="unknown act 'talk'") as err:
        load_acts(write(tmp_path, body))
    assert err.value.line is not None


def test_unknown_cue_key(tmp_path):
    path = write(tmp_path, minimal(cue_line="      - pattern: 'x'\n        camo: '13'"))
    with pytest.raises(DataFileError, match="unknown key"):
        load_acts(path)


def test_code_sentences_matches_code_sentence(lexicon):
    from analysis.acts import code_sentences

    parts = [
        "Kyiv offered a ceasefire.",
        "Moscow warned that it would strike.",
        "Nothing here.",
        "Zakharova said Russia will not discuss it.",
    ]
    text = " ".join(parts)
    spans = []
    for part in parts:
        start = text.index(part)
        spans.append((start, start + len(part)))
    together = code_sentences(text, spans, lexicon)
    for (s, e), acts in zip(spans, together, strict=True):
        alone = code_sentence(text[s:e], lexicon)
        assert [(a.act, a.start, a.end, a.cameo) for a in acts] == [
            (a.act, a.start, a.end, a.cameo) for a in alone
        ]
    assert [[a.act for a in acts] for acts in together] == [
        ["proposal"],
        ["threat"],
        [],
        ["rejection"],
    ]


def _slow_clause_bounds(text, start, end=None):
    """clause_bounds as first written: a scan from the start for every call."""
    from analysis.acts import _CLAUSE_BREAK

    end = start if end is None else end
    left = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, start):
        left = m.end()
    m = _CLAUSE_BREAK.search(text, end)
    return left, m.start() if m else len(text)


def test_clause_bounds_match_a_scan_from_the_start():
    import random

    from analysis.acts import clause_bounds

    rng = random.Random(5)
    alphabet = ["a", "b", " ", " ", "-", ",", ";", ":", "(", ")", "\u2013", "\u2014", '"', "\u201c"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        for start in range(len(text) + 1):
            for end in (None, start, min(len(text), start + 2)):
                assert clause_bounds(text, start, end) == _slow_clause_bounds(text, start, end)


def test_clause_break_starts_are_every_offset_a_break_starts_at():
    import random
    import re

    from analysis.acts import _CLAUSE_BREAK, _clause_breaks

    every_start = re.compile(rf"(?=(?:{_CLAUSE_BREAK.pattern}))")  # tried at every offset
    rng = random.Random(7)
    alphabet = ["a", " ", " ", "\t", "\n", "-", "-", ",", "(", "\u2014", '"', "\u201d"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        _clause_breaks.cache_clear()
        assert _clause_breaks(text)[1] == [m.start() for m in every_start.finditer(text)], text


def test_fold_maps_every_case_insensitive_match_of_ascii_to_its_lower_case():
    import re

    from analysis.acts import fold

    ascii_letter = re.compile("[\x00-\x7f]", re.IGNORECASE)
    for code in range(0x110000):
        char = chr(code)
        assert len(fold(char)) == 1
        if ascii_letter.match(char):
            for ascii_code in range(128):
                if re.fullmatch(re.escape(chr(ascii_code)), char, re.IGNORECASE):
                    assert fold(char) == chr(ascii_code).lower(), hex(code)


def test_required_words():
    import re

    from analysis.acts import required_words

    assert required_words(r"\b(?:threaten(?:s|ed|ing)?)\b", re.I) == [{"threaten"}]
    assert required_words(r"(?:ready|willing) (?:to|for)", re.I) == [{"ready", "willing"}]
    assert required_words(r"(?:risk|danger) of war", re.I) == [{"risk", "danger"}, {" of war"}]
    assert required_words(r"(?:\w+ )+abc", re.I) == [{"abc"}]
    assert required_words(r"(?:abcd)+", re.I) == [{"abcd"}]
    assert required_words(r"(?:abc)?\w", re.I) == []
    assert required_words(r"abc|\w+", re.I) == []  # a branch that needs nothing
    assert required_words(r"abc|x", re.I) == []  # too short to be worth looking for
    assert required_words(r"[ab]cde(?=fgh)", re.I) == [{"cde"}]


def test_cue_words_never_rule_out_a_cue_that_matches(lexicon, seeds):
    from analysis.synthetic import generate_corpus

    cues = [cue for act in lexicon.acts.values() for cue in act.cues]
    texts = list(seeds["text"]) + list(generate_corpus(n_articles=40, seed=3)["text"])
    sentences = [s for text in texts for s in text.split(".")]
    # letters that re.IGNORECASE matches to ASCII ones: ı, ſ and the Kelvin sign
    odd = ["an ult\u0131matum", "\u017fabotage", "provo\u212aed", "WARNED", ""]
    searched = 0
    for sentence in sentences + odd:
        candidates = {cue.order for cue in lexicon.cue_words.candidates(sentence)}
        for cue in cues:
            if cue.regex.search(sentence):
                assert cue.order in candidates, (cue.regex.pattern, sentence)
                searched += 1
    assert searched > 500
    assert all(code_sentence(sentence, lexicon) for sentence in odd[:-1])


def test_repetition_markers_are_searched_wherever_they_can_match(lexicon, seeds):
    from analysis.acts import find_repetitions, may_match
    from analysis.synthetic import generate_corpus

    texts = list(seeds["text"]) + list(generate_corpus(n_articles=40, seed=3)["text"])
    sentences = [s for text in texts for s in text.split(".")]
    sentences += ["REPEATEDLY", "\u017fuch threats have been", "It was said once again", ""]
    found = 0
    for sentence in sentences:
        expected = list(lexicon.repetition.finditer(sentence))
        if expected:
            assert may_match(lexicon.repetition, sentence), sentence
            found += 1
        assert [m.span() for m in find_repetitions(sentence, lexicon)] == [
            m.span() for m in expected
        ]
    assert found > 20


@pytest.mark.parametrize(
    "sentence, acts",
    [
        # what a warning is against is not proposed by anyone in the sentence
        ("Moscow warned London against sending troops to Ukraine.", ["threat"]),
        ("Lavrov warned the West against any plan to send a reassurance force.", ["threat"]),
        # a plan the warning reports (without "against") is still someone's proposal
        ("Moscow warned that Paris plans to send troops.", ["threat", "proposal"]),
        ("Kyiv proposed a ceasefire, and Moscow warned against it.", ["threat", "proposal"]),
    ],
)
def test_the_object_of_a_warning_is_no_proposal(sentence, acts):
    assert [m.act for m in code_sentence(sentence)] == acts
