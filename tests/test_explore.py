"""The explorer: evidence from whichever tables exist, matching sentences, highlights, widgets."""

import pandas as pd

from analysis.explore import choices, evidence, explore, highlight, matching_sentences, render
from tests.conftest import UNN


class _Tables:
    """Tables with a hand-built statements table (the statements contract) on the seeds."""

    def __init__(self, corpus, sentences, statements):
        self.corpus, self.sentences, self._statements = corpus, sentences, statements

    @property
    def statements(self):
        return self._statements


def _threat_statement(seeds, seed_sentences):
    text = seeds.set_index("article_id").loc[UNN, "text"]
    sentence = seed_sentences[
        (seed_sentences["article_id"] == UNN) & (seed_sentences["sentence_id"] == 8)
    ].iloc[0]
    cue = "legitimate combat targets"
    cue_start = text.index(cue)
    return pd.DataFrame(
        {
            "article_id": [UNN],
            "sentence_id": [8],
            "start": [sentence["start"]],
            "end": [sentence["end"]],
            "act": ["threat"],
            "cue_start": [cue_start],
            "cue_end": [cue_start + len(cue)],
        }
    )


def test_evidence_uses_the_tables_that_exist(seeds, seed_sentences):
    statements = _threat_statement(seeds, seed_sentences)
    found = evidence(_Tables(seeds, seed_sentences, statements))
    assert found[["kind", "value", "article_id", "sentence_id"]].values.tolist() == [
        ["act", "threat", UNN, 8]
    ]
    text = seeds.set_index("article_id").loc[UNN, "text"]
    assert text[found["start"][0] : found["end"][0]] == "legitimate combat targets"
    assert choices(found) == {"act": ["threat"]}


def test_matching_sentences_are_highlighted(seeds, seed_sentences):
    statements = _threat_statement(seeds, seed_sentences)
    found = evidence(_Tables(seeds, seed_sentences, statements))
    rows = matching_sentences(found, seed_sentences, "act", "threat")
    assert rows["text"].tolist() == [
        "All such units and facilities will be considered legitimate combat targets of the Russian Armed Forces."
    ]
    page = render(rows, seeds)
    assert "considered <mark>legitimate combat targets</mark> of the Russian" in page
    assert f"{UNN} · UNN · sentence 8" in page
    assert "No sentence matches" in render(
        matching_sentences(found, seed_sentences, "act", "talks"), seeds
    )


def test_highlight_merges_overlaps_and_escapes():
    assert highlight("a <b> c d", [(2, 5), (4, 7)]) == "a <mark>&lt;b&gt; c</mark> d"
    assert highlight("abc", []) == "abc"


def test_explore_builds_widgets_headless(seeds, seed_sentences):
    statements = _threat_statement(seeds, seed_sentences)
    box = explore(_Tables(seeds, seed_sentences, statements))
    kind, value = box.children[0].children
    assert (kind.value, value.value) == ("act", "threat")
    assert "<mark>legitimate combat targets</mark>" in box.children[1].value
    empty = explore(_Tables(seeds, seed_sentences, statements.iloc[0:0]))
    assert "No evidence tables" in empty.children[1].value
