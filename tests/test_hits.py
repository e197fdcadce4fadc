"""Dictionary hits and scare quotes on the seeds: hand-checked counts and exact offsets."""

import pytest
from conftest import CENSOR, MOSCOW_TIMES, NO_OUTLET, SPUTNIK, UNN

from analysis import PhraseMatcher, ReferenceMatcher, hits, load_lexicon, scare_quotes


@pytest.fixture(scope="module")
def seed_hits(seeds, seed_sentences):
    return hits(seeds, sentences=seed_sentences)


@pytest.fixture(scope="module")
def texts(seeds):
    return dict(zip(seeds["article_id"], seeds["text"], strict=True))


def found(seed_hits, article_id, **where):
    rows = seed_hits[seed_hits["article_id"] == article_id]
    for column, value in where.items():
        rows = rows[rows[column] == value]
    return rows


def test_columns_and_offsets_round_trip(seed_hits, texts, seed_sentences):
    assert list(seed_hits.columns) == [
        "article_id",
        "sentence_id",
        "start",
        "end",
        "category",
        "term",
        "match",
    ]
    assert len(seed_hits) > 150
    sentences = seed_sentences.set_index(["article_id", "sentence_id"])
    for row in seed_hits.itertuples(index=False):
        assert texts[row.article_id][row.start : row.end] == row.match
        sentence = sentences.loc[(row.article_id, row.sentence_id)]
        assert sentence["start"] <= row.start < sentence["end"]
    assert seed_hits.attrs["categories"] == load_lexicon().ids


def test_axis_of_war_twice_in_the_moscow_times(seed_hits, texts):
    text = texts[MOSCOW_TIMES]
    assert "Support The Moscow Times" not in text and "Dear readers" not in text
    rows = found(seed_hits, MOSCOW_TIMES, term="axis of war")
    assert list(rows["match"]) == ["axis of war", "axis of war"]
    assert set(rows["category"]) == {"delegitimising_labels"}
    # once in the reporter's sentence ("an "axis of war,""), once in Zakharova's quote
    first, second = rows["start"]
    assert text[first - 1] == '"' and text[second - 1] == "'"
    assert text[second - 40 : second].endswith("together form a genuine '")
    assert found(seed_hits, MOSCOW_TIMES, match="refuse").empty  # donation appeal is gone


def test_pseudo_peacekeeping_twice_in_sputnik_and_also_counts_as_peacekeeping(seed_hits, texts):
    rows = found(seed_hits, SPUTNIK, category="delegitimising_labels", term="pseudo-peacekeep*")
    assert list(rows["match"]) == ["pseudo-peacekeeping", "pseudo-peacekeeping"]
    guarantees = found(seed_hits, SPUTNIK, category="security_guarantees", term="peacekeep*")
    # "The issue of peacekeeping", "deploying peacekeepers" and the two inside
    # "pseudo-peacekeeping" ("peacekeeping force" is its own, longer pattern)
    assert list(guarantees["match"]) == ["peacekeeping", "peacekeepers"] + ["peacekeeping"] * 2
    assert list(guarantees["start"]) == [
        texts[SPUTNIK].index("peacekeeping is not"),
        texts[SPUTNIK].index("peacekeepers is"),
        rows["start"].iloc[0] + len("pseudo-"),
        rows["start"].iloc[1] + len("pseudo-"),
    ]


def test_kyiv_regime_in_two_articles(seed_hits):
    rows = seed_hits[seed_hits["term"] == "kyiv regime"]
    assert sorted(rows["article_id"]) == [UNN, MOSCOW_TIMES]
    assert list(rows["match"]) == ["Kyiv regime", "Kyiv regime"]


def test_legitimate_targets_wildcard(seed_hits, seed_sentences):
    rows = seed_hits[seed_hits["term"] == "legitimate * targets"]
    assert list(zip(rows["article_id"], rows["match"], strict=True)) == [
        (UNN, "legitimate combat targets"),
        (MOSCOW_TIMES, "Legitimate military targets"),
        (MOSCOW_TIMES, "legitimate military targets"),
    ]
    heading = seed_sentences.set_index(["article_id", "sentence_id"]).loc[
        (MOSCOW_TIMES, rows["sentence_id"].iloc[1]), "kind"
    ]
    assert heading == "heading"
    assert set(rows["category"]) == {"threat_warning"}


def test_hand_counted_categories(seed_hits):
    def terms(article_id, category):
        return list(found(seed_hits, article_id, category=category)["match"])

    # UNN: the ministry's warning, read sentence by sentence
    assert terms(UNN, "threat_warning") == [
        "considered by Russia as",  # longer than "will be considered" at the same place
        "threat to security",
        "warns",
        "will be qualified as",
        "posing a direct threat",
        "will be considered",
        "legitimate combat targets",
        "warnings",
    ]
    assert terms(UNN, "russian_conditions") == [
        "root causes",
        "neutral non-aligned status",
        "demilitarization",
        "denazification",
        "ethnic Russians",
        "Russian-speaking citizens",
        "national minorities",
        "recognition of modern territorial realities",
        "right of peoples to self-determination",
    ]
    assert [m.lower() for m in terms(SPUTNIK, "intervention_escalation")].count(
        "foreign intervention"
    ) == 4
    assert terms(NO_OUTLET, "rejection")[:4] == [
        "difficult to get on board",
        "reject",
        "will not discuss",
        "deeply unacceptable",
    ]
    assert found(seed_hits, CENSOR, category="delegitimising_labels").empty
    # the Moscow Times names the occupation and the annexation in its own voice:
    # "the Russian-occupied Zaporizhzhia nuclear power plant", "claims to have annexed"
    assert terms(MOSCOW_TIMES, "war_naming") == ["Russian-occupied", "annexed"]
    assert found(seed_hits, SPUTNIK, category="war_naming").empty
    assert seed_hits.groupby("article_id").size().to_dict() == {
        UNN: 42,
        CENSOR: 28,
        SPUTNIK: 45,
        NO_OUTLET: 25,
        MOSCOW_TIMES: 51,
    }


def test_fast_matcher_equals_re_reference_on_the_seeds(texts):
    fast, reference = PhraseMatcher(), ReferenceMatcher()
    for text in texts.values():
        assert fast.find(text) == reference.find(text)


def test_a_user_dictionary_from_a_path(seeds, seed_sentences, tmp_path):
    path = tmp_path / "mine.yml"
    path.write_text("labels:\n  - kyiv regime\n  - so-called\n", encoding="utf-8")
    rows = hits(seeds, path, sentences=seed_sentences)
    assert list(rows["match"]) == ["Kyiv regime", "so-called", "so-called", "Kyiv regime"]
    assert rows.attrs["categories"] == ["labels"]


def test_scare_quotes(seeds, seed_sentences, texts):
    quotes = scare_quotes(seeds, sentences=seed_sentences)
    for row in quotes.itertuples(index=False):
        assert texts[row.article_id][row.start : row.end] == row.phrase
        assert row.quote_start < row.start < row.end < row.quote_end
    by = {(r.article_id, r.phrase): r for r in quotes.itertuples(index=False)}
    # the author's own distance: UNN's "Kyiv regime," and Sputnik's headline 'Deterrent'
    assert by[(UNN, "Kyiv regime")].kind == "scare"
    assert by[(SPUTNIK, "Deterrent")].kind == "scare"
    assert not by[(UNN, "Kyiv regime")].nested
    # the speaker's scare quotes inside a long quotation
    nested = quotes[quotes["nested"]]
    assert set(zip(nested["article_id"], nested["phrase"], strict=True)) == {
        (MOSCOW_TIMES, "axis of war"),
        (SPUTNIK, "coalition of the willing"),
        (CENSOR, "NATO"),
        (CENSOR, "EU"),
    }
    # "dubbed Kyiv and its allies an "axis of war"": a quoted fragment, not the author's label
    first_axis = quotes[
        (quotes["article_id"] == MOSCOW_TIMES) & (quotes["phrase"] == "axis of war")
    ]
    assert list(first_axis["kind"]) == ["fragment", "scare"]
    assert list(first_axis["nested"]) == [False, True]
    # quoted speech (more than four words) is not here; nor is the removed donation appeal
    assert not quotes["phrase"].str.contains("peacekeeping is not on the agenda").any()
    assert "undesirable" not in set(quotes["phrase"])
    assert (quotes["n_words"] <= 4).all()
    assert len(quotes) == 16


def test_articles_without_text_or_hits(seeds):
    corpus = seeds.head(2).assign(text=["", "Nothing to see here."])
    rows = hits(corpus)
    assert rows.empty and list(rows.columns)[:4] == ["article_id", "sentence_id", "start", "end"]
    from analysis import rhetoric_frequency

    table = rhetoric_frequency(rows, corpus.assign(n_words=[0, 4]), by="article_id")
    assert len(table) == 2 * len(load_lexicon()) and table["count"].sum() == 0
    assert (table["rate"] == 0).all()


def test_short_quoted_speech_is_not_a_scare_quote():
    import pandas as pd

    texts = {
        "after": "\"We will respond,\" Peskov said. The 'Kyiv regime' is no partner.",
        "verb-first": '"No," said Lavrov.',
        "colon": 'Lavrov said: "No." Then he left.',
        "exclamation": '"Never!" he replied.',
        "whole-sentence": "Zakharova said \"We refuse.\" The 'Kyiv regime' again.",
        "comma-outside": '"We refuse", a senior Russian diplomat said.',
        "label": 'He called it the "axis of war," which, according to the ministry, is true.',
        "reported-label": 'Moscow said the so-called "peacekeepers" would be targets.',
    }
    corpus = pd.DataFrame({"article_id": list(texts), "text": list(texts.values())})
    found = scare_quotes(corpus)
    assert list(zip(found["article_id"], found["phrase"], found["kind"], strict=True)) == [
        ("after", "Kyiv regime", "scare"),  # the earlier sentence's "said" is not its cue
        ("whole-sentence", "Kyiv regime", "scare"),
        ("label", "axis of war", "fragment"),
        ("reported-label", "peacekeepers", "fragment"),
    ]
