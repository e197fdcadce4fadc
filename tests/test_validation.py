"""Validation: the hand-coded sample, agreement between coders, scores, errors, the classifier."""

import math

import numpy as np
import pandas as pd
import pytest

from analysis.datafiles import DataFileError
from analysis.validation import (
    ACTS,
    SAMPLE_FILE,
    act_classifier,
    act_scores,
    coder_agreement,
    cross_validated_acts,
    disagreements,
    errors,
    load_sample,
    locate,
    parse_acts,
    predicted_acts,
    predicted_speakers,
    sample_corpus,
    speaker_accuracy,
    wilson,
)
from tests.conftest import UNN

HEADER = "id,source,article_id,text,act_a,act_b,act,speaker_a,speaker_b,speaker,note\n"


@pytest.fixture(scope="module")
def sample():
    return load_sample()


def _sample(rows):
    """A small sample from (id, text, act_a, act_b, act) rows; speakers left empty."""
    return pd.DataFrame(
        [
            {
                "id": i,
                "source": "written",
                "article_id": "",
                "text": t,
                "act_a": parse_acts(a),
                "act_b": parse_acts(b),
                "act": parse_acts(g),
                "speaker_a": "",
                "speaker_b": "",
                "speaker": "",
                "note": "",
                "line": n,
            }
            for n, (i, t, a, b, g) in enumerate(rows, start=2)
        ]
    )


# --- the sample file ------------------------------------------------------------------------------


def test_the_sample_loads_with_both_sources_and_parsed_acts(sample):
    assert len(sample) == 68
    assert sample["source"].value_counts().to_dict() == {"seeds": 46, "written": 22}
    first = sample.iloc[0]
    assert first["id"] == "s01" and first["article_id"] == UNN
    assert first["text"].startswith("The deployment of troops and military facilities")
    assert first["act"] == ("threat",)
    assert (first["speaker_a"], first["speaker_b"], first["speaker"]) == (
        "Maria Zakharova",
        "Russian Foreign Ministry",
        "Maria Zakharova",
    )
    s03 = sample.set_index("id").loc["s03"]
    assert s03["act_a"] == ("proposal", "rejection") and s03["act"] == ("rejection", "proposal")
    assert sample.set_index("id").loc["s02", "act"] == ()
    assert (
        int(sample.iloc[0]["line"])
        == 1 + sum(1 for line in SAMPLE_FILE.read_text().splitlines() if line.startswith("#")) + 1
    ), "line numbers count the comment block and the header"


def test_every_act_is_in_the_sample_and_every_disagreement_has_a_note(sample):
    for act in ACTS:
        assert sum(act in x for x in sample["act"]) >= 5, act
    table = disagreements(sample)
    assert len(table) >= 10, "the coders disagree on the hard cases"
    assert (table["note"].str.len() > 0).all(), "a disagreement without a note"


def test_seed_sentences_are_found_exactly_in_their_articles(sample, seeds):
    corpus = sample_corpus(sample, seeds=seeds)
    located = locate(sample, corpus)
    texts = dict(zip(corpus["article_id"], corpus["text"], strict=True))
    for row in located.itertuples():
        assert texts[row.doc][row.start : row.end] == row.text, row.id
    assert set(located.loc[located["source"] == "written", "doc"]) == set(
        sample.loc[sample["source"] == "written", "id"]
    )


def test_a_sentence_that_is_not_in_its_article_names_the_line(seeds):
    bad = _sample([("s1", "Not a sentence of the seeds.", "none", "none", "none")])
    bad["source"], bad["article_id"] = "seeds", UNN
    with pytest.raises(
        ValueError, match=r"sample line 2 \(s1\): the text does not occur in article 000_"
    ):
        locate(bad, sample_corpus(bad, seeds=seeds))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "w1,written,,A text.,threat,menace,threat,,,,",
            "sample.csv:4: act_b 'menace': acts are threat",
        ),
        (
            "w1,written,,A text.,none,none,none,Kremlin,,,",
            "sample.csv:4: speaker_a given for a sentence with no act",
        ),
        ("w1,written,,A text.,none|threat,none,none,,,,", "sample.csv:4: act_a 'none\\|threat'"),
        (
            "w1,press,,A text.,none,none,none,,,,",
            "sample.csv:4: source 'press' is not one of seeds, written",
        ),
        (
            "w1,seeds,,A text.,none,none,none,,,,",
            "sample.csv:4: a row from the seeds needs its article_id",
        ),
        ("w1,written,,A text.,,none,none,,,,", "sample.csv:4: act_a is empty"),
    ],
)
def test_bad_rows_are_errors_naming_file_and_line(tmp_path, row, message):
    path = tmp_path / "sample.csv"
    path.write_text("# a comment\n\n" + HEADER + row + "\n")
    with pytest.raises(DataFileError, match=message) as info:
        load_sample(path)
    assert "sample.csv" in str(info.value)


def test_duplicate_ids_name_both_lines(tmp_path):
    path = tmp_path / "sample.csv"
    path.write_text(
        HEADER + "w1,written,,A.,none,none,none,,,,\nw1,written,,B.,none,none,none,,,,\n"
    )
    with pytest.raises(DataFileError, match="sample.csv:3: id 'w1' already used on line 2"):
        load_sample(path)


# --- agreement and scores, checked by hand ----------------------------------------------------------


def test_kappa_per_act_and_on_the_main_act_by_hand():
    small = _sample(
        [
            ("1", "a", "threat", "threat", "threat"),
            ("2", "b", "threat", "none", "threat"),
            ("3", "c", "none", "none", "none"),
            ("4", "d", "proposal", "proposal", "proposal"),
        ]
    )
    table = coder_agreement(small)
    # threat yes/no: A 1100, B 1000 -> observed 0.75, expected 0.5*0.25 + 0.5*0.75 = 0.5
    assert table.loc["threat", "kappa"] == pytest.approx(0.5)
    assert table.loc["threat", ["coder_a", "coder_b"]].tolist() == [2, 1]
    # main act: observed 0.75; expected .5*.25 + .25*.5 + .25*.25 = .3125
    assert table.loc["main act (all categories)", "kappa"] == pytest.approx(0.4375 / 0.6875)
    assert math.isnan(table.loc["accusation", "kappa"]), "no one coded it: kappa undefined"


def test_precision_recall_f1_by_hand():
    gold = pd.Series([("threat",), ("threat", "rejection"), (), ("proposal",)])
    predicted = pd.Series([("threat",), ("threat",), ("threat",), ()])
    table = act_scores(gold, predicted)
    assert table.loc["threat", ["tp", "fp", "fn"]].tolist() == [2, 1, 0]
    assert table.loc["threat", "precision"] == pytest.approx(2 / 3)
    assert table.loc["threat", "recall"] == 1.0
    assert table.loc["threat", "f1"] == pytest.approx(0.8)
    assert table.loc["rejection", "recall"] == 0 and math.isnan(table.loc["rejection", "precision"])
    assert table.loc["micro average", "precision"] == pytest.approx(2 / 3)
    assert table.loc["micro average", "recall"] == pytest.approx(0.5)
    assert table.loc["micro average", "f1"] == pytest.approx(4 / 7)
    wrong = errors(
        _sample([(str(i), "t", "none", "none", "none") for i in range(4)]).assign(act=gold),
        predicted,
    )
    assert wrong[["id", "missed", "extra"]].values.tolist() == [
        ["1", "rejection", "none"],
        ["2", "none", "threat"],
        ["3", "proposal", "none"],
    ]


def test_wilson_interval():
    low, high = wilson(5, 10)
    assert (round(low, 4), round(high, 4)) == (0.2366, 0.7634)
    assert wilson(10, 10)[1] == 1.0
    assert all(np.isnan(wilson(0, 0)))


# --- matching extraction tables to the sample (the statements contract) ----------------------------


def _located_two_sentences():
    text = "Moscow warned of a clash. Kyiv proposed talks in May."
    small = _sample(
        [
            ("w1", "Moscow warned of a clash.", "threat", "threat", "threat"),
            ("w2", "Kyiv proposed talks in May.", "proposal", "proposal|talks", "proposal|talks"),
        ]
    )
    small["speaker"] = ["Russia", "Ukraine"]
    corpus = pd.DataFrame({"article_id": ["doc"], "text": [text]})
    small["source"], small["article_id"] = "seeds", "doc"
    return locate(small, corpus), text


def test_predicted_acts_from_a_statements_table():
    located, text = _located_two_sentences()
    assert located[["start", "end"]].values.tolist() == [[0, 25], [26, 53]]
    statements = pd.DataFrame(
        {
            "article_id": ["doc", "doc", "doc", "other"],
            "sentence_id": [0, 1, 1, 0],
            "start": [0, 26, 26, 0],
            "end": [25, 53, 53, 25],
            "act": ["threat", "proposal", "rejection", "accusation"],
            "speaker": ["Moscow", "Kyiv", "Kyiv", "X"],
            "counted": [True, True, False, True],
        }
    )
    acts = predicted_acts(located, statements)
    assert acts.tolist() == [("threat",), ("proposal",)], (
        "uncounted rows and other articles ignored"
    )
    assert predicted_acts(located, statements, counted_only=False).tolist()[1] == (
        "proposal",
        "rejection",
    )
    speakers = predicted_speakers(located, statements)
    assert speakers.tolist() == ["Moscow", "Kyiv"]
    accuracy = speaker_accuracy(located, speakers, acts, same_as={"Moscow": "Russia"})
    assert accuracy[["n", "correct"]].tolist() == [2, 1]


def test_predicted_acts_from_dictionary_hits_with_a_mapping():
    located, _ = _located_two_sentences()
    hits = pd.DataFrame(
        {
            "article_id": ["doc", "doc", "doc"],
            "start": [7, 19, 31],
            "end": [13, 24, 39],
            "category": ["threat_language", "war_words", "settlement"],
        }
    )
    mapping = {"threat_language": "threat", "settlement": "proposal"}
    assert predicted_acts(located, hits, column="category", mapping=mapping).tolist() == [
        ("threat",),
        ("proposal",),
    ]


# --- the classifier -------------------------------------------------------------------------------------


def test_classifier_is_a_pipeline_and_cross_validation_is_reproducible(sample):
    model = act_classifier()
    assert [name for name, _ in model.steps] == ["features", "classify"]
    first = cross_validated_acts(sample["text"], sample["act"], folds=4)
    again = cross_validated_acts(sample["text"], sample["act"], folds=4)
    assert first.tolist() == again.tolist()
    assert all(set(x) <= set(ACTS) for x in first)


def test_classifier_learns_a_separable_toy_task():
    texts = pd.Series(
        [f"they warn of strikes {i}" for i in range(10)]
        + [f"they propose a plan {i}" for i in range(10)]
    )
    labels = pd.Series([("threat",)] * 10 + [("proposal",)] * 10)
    predicted = cross_validated_acts(texts, labels, folds=5)
    scores = act_scores(labels, predicted)
    assert scores.loc["threat", "f1"] == 1.0 and scores.loc["proposal", "f1"] == 1.0


# --- the real statements table on the sample (issue 5's rules) ------------------------------------


@pytest.fixture(scope="module")
def rules_on_sample(sample, seeds):
    from analysis import Tables

    corpus = sample_corpus(sample, seeds=seeds)
    located = locate(sample, corpus)
    statements = Tables(corpus).statements
    return located, statements, predicted_acts(located, statements)


def test_rules_on_the_sample_hand_checked_sentences(sample, rules_on_sample):
    located, statements, rules = rules_on_sample
    by_id = dict(zip(sample["id"], rules, strict=True))
    # s07: "All such units and facilities will be considered legitimate combat targets ..."
    assert by_id["s07"] == ("threat",)
    # w03: "Kyiv did not reject the idea of a ceasefire ...": negated, so no act is counted
    assert by_id["w03"] == ()
    wrong = errors(sample, rules).set_index("id")
    # w10: "an ultimatum that no Ukrainian could accept" is a rejection; "ultimatum" is a threat cue
    assert "threat" in wrong.loc["w10", "extra"].split("|")
    assert "s07" not in wrong.index
    speakers = predicted_speakers(located, statements)
    assert dict(zip(sample["id"], speakers, strict=True))["s07"] == "Russian Foreign Ministry"


def test_dictionary_acts_map_categories_of_the_rhetoric_dictionary_to_acts():
    import re

    from analysis import LEXICON_DIR
    from analysis.validation import DICTIONARY_ACTS

    assert set(DICTIONARY_ACTS.values()) <= set(ACTS)
    path = LEXICON_DIR / "rhetoric.yaml"
    if not path.exists():
        pytest.skip("the rhetoric dictionary (issue 3) is not in this version")
    ids = re.findall(r"^\s*- id: (\S+)", path.read_text(encoding="utf-8"), re.M)
    assert set(DICTIONARY_ACTS) <= set(ids)


def test_an_act_never_predicted_scores_zero_and_counts_in_the_macro_average():
    """F1 is 0, not missing, for an act coded by hand that the method never gives;
    the macro average counts it (skipping it made a method look better than it is)."""
    import pandas as pd

    from analysis import act_scores

    gold = pd.Series([("threat",), ("threat",), ("rejection",), ()])
    predicted = pd.Series([("threat",), ("threat",), (), ()])
    table = act_scores(gold, predicted, acts=("threat", "rejection", "talks"))
    assert table.loc["threat", "f1"] == 1.0
    assert table.loc["rejection", "f1"] == 0.0 and pd.isna(table.loc["rejection", "precision"])
    assert pd.isna(table.loc["talks", "f1"])  # neither coded nor predicted: no score
    assert table.loc["macro average", "f1"] == 0.5  # threat 1 and rejection 0; talks left out
    assert table.loc["macro average", "precision"] == 0.5  # rejection's undefined one as 0
