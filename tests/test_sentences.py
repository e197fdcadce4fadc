"""Sentences: offsets round-trip; headings, bullets, abbreviations and quotes, checked on the seeds."""

from conftest import CENSOR, MOSCOW_TIMES, SPUTNIK, UNN

from analysis import split_sentences
from analysis.sentences import sentence_at


def test_every_sentence_round_trips(seeds, seed_sentences):
    texts = dict(zip(seeds["article_id"], seeds["text"], strict=True))
    for row in seed_sentences.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text
    assert list(seed_sentences.columns) == [
        "article_id",
        "sentence_id",
        "paragraph_id",
        "start",
        "end",
        "text",
        "kind",
    ]


def sents(seed_sentences, article_id):
    return seed_sentences[seed_sentences["article_id"] == article_id]


def test_unn_headings_and_lede(seed_sentences):
    unn = sents(seed_sentences, UNN)
    assert len(unn) == 13
    assert (
        unn.iloc[1]["text"]
        == "This was stated by Russian Foreign Ministry spokeswoman Maria Zakharova, UNN reports."
    )
    headings = unn[unn["kind"] == "heading"]["text"].tolist()
    assert headings == ["Details", "Recall"]
    # a quote that ends the sentence inside the quotation marks
    assert unn.iloc[3]["text"].endswith(
        '"turned out to be extremely far from a peaceful settlement."'
    )


def test_censor_headline_headings_and_bullets(seed_sentences):
    censor = sents(seed_sentences, CENSOR)
    assert censor.iloc[0]["kind"] == "headline"
    assert censor[censor["kind"] == "heading"]["text"].tolist() == [
        "The position of the Russian Foreign Ministry on peacekeeping missions",
        "Negotiations in Abu Dhabi and postponement of dates",
    ]
    bullets = censor[censor["kind"] == "bullet"]["text"].tolist()
    assert bullets[0].startswith(
        "President Volodymyr Zelenskyy previously confirmed"
    )  # marker "- " left out
    assert len(bullets) == 2


def test_sputnik_dateline_and_quotes(seed_sentences):
    sputnik = sents(seed_sentences, SPUTNIK)
    assert sputnik.iloc[2][["text", "kind"]].tolist() == ["Sputnik", "heading"]
    assert sputnik.iloc[8]["text"].endswith('as "deterrent forces."')
    assert sputnik.iloc[9]["text"].startswith("He said that the UK-French initiative")


def test_moscow_times_abbreviation_and_heading(seed_sentences):
    mt = sents(seed_sentences, MOSCOW_TIMES)
    assert mt.iloc[0]["kind"] == "headline"
    assert "'Legitimate military targets'" in mt[mt["kind"] == "heading"]["text"].tolist()
    envoys = mt[mt["text"].str.contains("U.S. envoys")]
    assert len(envoys) == 1  # "U.S." before a lower-case word does not end the sentence
    assert envoys["text"].item().endswith("when the fighting stops.")


def test_abbreviations_initials_and_starters():
    text = "Dr. Smith met Vladimir V. Putin at 10 a.m. The talks ended. Sanctions hit the U.S. Economy fell? Yes."
    got = [text[s:e] for s, e, _, _ in split_sentences(text)]
    assert got == [
        "Dr. Smith met Vladimir V. Putin at 10 a.m.",
        "The talks ended.",
        "Sanctions hit the U.S. Economy fell?",
        "Yes.",
    ]


def test_paragraphs_and_hard_wrapped_text():
    text = "First para one. Still one.\n\nSecond para.\n"
    spans = split_sentences(text)
    assert [p for _, _, p, _ in spans] == [0, 0, 1]
    wrapped = (
        "Russia's foreign ministry said on Wednesday that any deployment of\n"
        "Western troops to Ukraine would be treated as an intervention, and\n"
        "that such forces would be targets. The statement came a day after\n"
        "the coalition met in Paris to discuss security guarantees for Kyiv.\n"
    )
    got = [wrapped[s:e] for s, e, _, _ in split_sentences(wrapped)]
    assert len(got) == 2
    assert got[0].endswith("would be targets.")


def test_sentence_at():
    spans = split_sentences("One. Two. Three.")
    assert [sentence_at(spans, p) for p in (0, 4, 5, 12)] == [0, 0, 1, 2]


# --- the fast splitter gives exactly the sentences of the straightforward one -----------

TRICKY_PIECES = [
    ". ",
    ".",
    " ",
    "U.S.",
    "u.s",
    "\n",
    "\n\n",
    " \u2003",
    "\u2003\n",
    "\u00a0",
    '"',
    "- ",
    "1. ",
    "12) ",
    "Dr",
    "A",
    "a",
    "The",
    "the",
    "…",
    "?",
    "!",
    "«",
    "»",
    "(",
    ")",
    "—",
    "etc",
    "Word",
    "word",
    "x" * 30,
    "\r\n",
    "\t",
    "e.g.",
    "3",
    ";",
    ",",
    "V. ",
    "Mr. ",
    "’",
    "• ",
    "approx",
    "Ukraine",
    "“(",
    "🙂",
]


def test_same_sentences_as_the_reference_splitter_on_random_text():
    import random

    import slow_sentences

    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(TRICKY_PIECES) for _ in range(rng.randint(0, 60)))
        title = text.split("\n")[0].strip() if rng.random() < 0.3 else None
        expected = slow_sentences.split_sentences(text, title=title)
        assert split_sentences(text, title=title) == expected, repr(text)


def test_same_sentence_table_as_the_reference_on_random_corpora():
    """All texts of a corpus are split at once: no rule may see across two texts
    (a last line joined to the next text's first, a quote at one text's end looking
    into the next, a hard-wrapped text making its neighbour wrapped)."""
    import random

    import pandas as pd
    import slow_sentences

    from analysis import sentences

    rng = random.Random(11)
    wrapped = "\n".join(["x" * 60 + " word."] * 5)
    corpora = []
    for _ in range(40):
        texts, titles = [], []
        for _ in range(rng.randint(1, 30)):
            text = "".join(rng.choice(TRICKY_PIECES) for _ in range(rng.randint(0, 60)))
            text = rng.choice(["", wrapped + "\n", ""]) + text if rng.random() < 0.2 else text
            texts.append(text)
            titles.append(text.split("\n")[0].strip() if rng.random() < 0.3 else None)
        corpora.append((texts, titles))
    # a stop and an opening quote end a text (of more words than a heading): what
    # follows the quote is not the next text's capital
    words = " ".join(["word"] * 20)
    corpora.append(([f'{words} left. "', "Then", f"{words} Dr. «", "Who. (", "A"], [None] * 5))
    for texts, titles in corpora:
        corpus = pd.DataFrame(
            {"article_id": [f"a{i}" for i in range(len(texts))], "text": texts, "title": titles}
        )
        pd.testing.assert_frame_equal(sentences(corpus), slow_sentences.sentences(corpus))


def test_same_sentence_table_as_the_reference_on_seeds_and_generated_articles(seeds):
    import pandas as pd
    import slow_sentences

    from analysis import sentences
    from analysis.synthetic import generate_corpus

    for corpus in (seeds, generate_corpus(n_articles=300, seed=3)):
        pd.testing.assert_frame_equal(sentences(corpus), slow_sentences.sentences(corpus))


def test_sentence_ids_are_the_sentence_each_offset_falls_in(seeds, seed_sentences):
    import bisect

    import pandas as pd

    from analysis.sentences import sentence_ids

    # every character of every seed, against bisect on each article's own sentence starts
    article_ids, offsets, expected = [], [], []
    for aid, text in zip(seeds["article_id"], seeds["text"], strict=True):
        own = seed_sentences[seed_sentences["article_id"] == aid]
        starts, ids = own["start"].tolist(), own["sentence_id"].tolist()
        for pos in range(0, len(text), 7):
            i = bisect.bisect_right(starts, pos)
            article_ids.append(aid)
            offsets.append(pos)
            expected.append(ids[i - 1] if i else pd.NA)
    got = sentence_ids(seed_sentences.sample(frac=1, random_state=0), article_ids, offsets)
    assert list(got) == expected
    # the first character of the Sputnik article's third sentence is in sentence 2
    own = seed_sentences[seed_sentences["article_id"] == SPUTNIK]
    assert list(sentence_ids(own, [SPUTNIK], [own["start"].iloc[2]])) == [2]
    # an article with no sentences, and a position before the first sentence: missing
    first = own["start"].iloc[0]
    assert sentence_ids(own, ["elsewhere", SPUTNIK], [0, first - 1]).isna().tolist() == [
        True,
        True,
    ]
    assert len(sentence_ids(own.iloc[:0], [SPUTNIK], [5])) == 1


def test_the_title_is_the_headline_whatever_its_punctuation():
    text = "Will Europe send troops?\n\nMoscow said no. Kyiv said yes."
    spans = split_sentences(text, title="Will Europe send troops?")
    assert [(text[s:e], kind) for s, e, _, kind in spans] == [
        ("Will Europe send troops?", "headline"),
        ("Moscow said no.", "sentence"),
        ("Kyiv said yes.", "sentence"),
    ]
    # without the title, the question is a sentence like any other
    assert split_sentences(text)[0][3] == "sentence"


def test_no_is_an_abbreviation_only_before_a_number():
    def texts(text):
        return [text[s:e] for s, e, _, _ in split_sentences(text)]

    assert texts("Moscow said no. Kyiv said yes.") == ["Moscow said no.", "Kyiv said yes."]
    assert texts("Resolution No. 2202 stands. Nos. 3 and 4 do not.") == [
        "Resolution No. 2202 stands.",
        "Nos. 3 and 4 do not.",
    ]


def test_sentence_end_candidates_and_visible_lines_are_those_of_the_patterns():
    """The splitter finds them with NumPy; they are the matches of two patterns."""
    import importlib
    import random
    import re

    import numpy as np

    module = importlib.import_module("analysis.sentences")
    single = re.compile(r"([.!?…]+['\"’”»)\]]*)\s+")
    rng = random.Random(0)
    alphabet = list(".!?…a B\n\"”’)'  x.")
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(6000)]
    texts += ["It ended?! No... Yes.\u201d Then (so.) he left!\nNext"]
    texts += ["".join(rng.choice(TRICKY_PIECES) for _ in range(30)) for _ in range(1000)]
    visible = re.compile(r"[^\n \t\r\u00a0](?:[^\n]*[^\n \t\r\u00a0])?")
    for text in texts:
        chars = module._code_points(text)
        expected = [(m.start(), m.end(1), m.end()) for m in single.finditer(text)]
        assert module._candidate_array(chars).tolist() == [list(c) for c in expected], text
        starts, ends = module._visible_lines(chars, np.flatnonzero(chars == 10))
        lines = [m.span() for m in visible.finditer(text)]
        assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == lines, text
    # a character beyond 16 bits (UTF-32 code points)
    assert module._candidate_array(module._code_points("🙂 Yes. No")).tolist() == [[5, 6, 7]]
