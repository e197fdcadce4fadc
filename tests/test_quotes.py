"""Quotes and speakers, on strings and on the hand-checked seed articles."""

import textwrap

import pandas as pd
import pytest
from conftest import DNIPRO_WARNS

import analysis
from analysis.config import SEEDS_DIR
from analysis.datafiles import DataFileError
from analysis.quotes import find_quotations, find_quotes, load_speech_cues, quotes

# ---------------------------------------------------------------- strings


def test_quotation_marks_labels_and_apostrophes():
    text = (
        'Russia\'s "Kyiv regime" and \'axis of war\' differ from "We will act now. Soon," he said.'
    )
    found = find_quotations(text)
    inner = [(text[q.open + 1 : q.close], q.label) for q in found]
    assert inner == [
        ("Kyiv regime", True),
        ("axis of war", True),
        ("We will act now. Soon,", False),
    ]


def test_typographic_marks_and_nested_single_quotes():
    text = "“They form a genuine ‘axis of war’,” Zakharova said."
    (outer, nested) = find_quotations(text)
    assert text[outer.open] == "“" and text[outer.close] == "”" and not outer.nested
    assert text[nested.open + 1 : nested.close] == "axis of war" and nested.nested
    (row,) = find_quotes(text).itertuples()
    assert row.quote == "They form a genuine ‘axis of war’"
    assert row.speaker == "Maria Zakharova" and row.mode == "direct"


@pytest.mark.parametrize(
    ("text", "speaker", "alias", "quote", "cue", "mode"),
    [
        (
            '"We are ready," said Sergey Lavrov.',
            "Sergey Lavrov",
            "Sergey Lavrov",
            "We are ready",
            "said",
            "direct",
        ),
        (
            'Lavrov said: "We are ready to talk."',
            "Sergey Lavrov",
            "Lavrov",
            "We are ready to talk.",
            "said",
            "direct",
        ),
        (
            "Peskov said that the talks would go on.",
            "Dmitry Peskov",
            "Peskov",
            "the talks would go on",
            "said",
            "reported",
        ),
        (
            "The talks will go on, according to the Kremlin.",
            "Kremlin",
            "Kremlin",
            "The talks will go on",
            "according to",
            "reported",
        ),
        (
            "As stated by Reuters, the talks will go on.",
            "Reuters",
            "Reuters",
            "the talks will go on",
            "As stated by",
            "reported",
        ),
        (
            "The talks will go on - the ministry stated.",
            "the ministry",
            "the ministry",
            "The talks will go on",
            "stated",
            "reported",
        ),
        (
            'Rubio warned that Moscow was "not serious" about peace.',
            "Marco Rubio",
            "Rubio",
            'Moscow was "not serious" about peace',
            "warned",
            "mixed",
        ),
        (
            "Allied diplomats said the plan was dead.",
            "Allied diplomats",
            "Allied diplomats",
            "the plan was dead",
            "said",
            "reported",
        ),
        # a negated cue reports no speech; the other cue of the sentence does
        (
            "The Kremlin has not responded, a spokesperson told journalists on Monday.",
            "a spokesperson",
            "a spokesperson",
            "The Kremlin has not responded",
            "told",
            "reported",
        ),
        # an outlet's closing credit is neither what was said nor its attribution
        (
            "Agriculture minister Maria Lopes threatened to resign if the deal is signed, Politico reports.",
            "Maria Lopes",
            "Maria Lopes",
            "to resign if the deal is signed",
            "threatened",
            "reported",
        ),
        (
            "Talks resumed, the ministry said, the Guardian reports.",
            "the ministry",
            "the ministry",
            "Talks resumed",
            "said",
            "reported",
        ),
    ],
)
def test_one_sentence_forms(text, speaker, alias, quote, cue, mode):
    (row,) = find_quotes(text).itertuples()
    assert (row.speaker, row.speaker_alias, row.quote, row.cue, row.mode) == (
        speaker,
        alias,
        quote,
        cue,
        mode,
    )
    assert text[row.start : row.end] == row.quote
    assert text[row.speaker_start : row.speaker_end] == row.speaker_alias
    assert text[row.cue_start : row.cue_end] == row.cue


def test_the_ministry_without_an_earlier_ministry_stays_unresolved():
    (row,) = find_quotes("The talks will go on - the ministry stated.").itertuples()
    assert row.resolved_from == "unresolved"


def test_pronouns_follow_gender_and_recent_speakers():
    text = (
        "Maria Zakharova spoke after Sergey Lavrov. "
        '"Peace is far away," she said. '
        '"We are ready," he added. '
        "Vladimir Putin, however, was silent. "
        "He said later that nothing had changed."
    )
    rows = find_quotes(text)
    assert list(rows["speaker"]) == [
        "Maria Zakharova",  # she -> the only woman
        "Sergey Lavrov",  # he -> the man named before (no male speaker yet)
        "Sergey Lavrov",  # He -> the most recent male speaker, within three sentences
    ]
    assert list(rows["resolved_from"]) == ["pronoun", "pronoun", "pronoun"]


def test_labels_in_quotation_marks_are_not_quotes():
    text = (
        'Officials of the "Kyiv regime" met the "Coalition of the Willing" in Paris. '
        "The 'axis of war' was a phrase in the headlines."
    )
    assert find_quotes(text).empty


def test_cues_inside_quotations_are_ignored():
    text = '"According to world practice, peace comes first. He said so," Polishchuk explained.'
    (row,) = find_quotes(text).itertuples()
    assert row.speaker == "Alexey Polishchuk" and row.cue == "explained"
    assert row.quote == "According to world practice, peace comes first. He said so"


def test_a_continued_quotation_keeps_its_speaker():
    text = '"We are ready," Lavrov said. "The ball is in their court."'
    rows = find_quotes(text)
    assert list(rows["speaker"]) == ["Sergey Lavrov", "Sergey Lavrov"]
    assert list(rows["resolved_from"]) == ["name", "continuation"]


def test_cue_file_validation_names_file_and_line(tmp_path):
    path = tmp_path / "cues.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            cues:
              - {forms: [said], speaker: before, priority: 3}
              - {forms: [according to], speaker: behind, priority: 2}
            anaphors: []
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match=r"cues.yaml:3: speaker must be before"):
        load_speech_cues(path)


# ---------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def corpus():
    return analysis.load_corpus(SEEDS_DIR)


@pytest.fixture(scope="module")
def seed_quotes(corpus):
    return quotes(corpus)


def rows_of(seed_quotes, prefix):
    return seed_quotes[seed_quotes["article_id"].str.startswith(prefix)].reset_index(drop=True)


def test_offsets_round_trip(corpus, seed_quotes):
    texts = corpus.set_index("article_id")["text"]
    sentences = analysis.sentences(corpus).set_index(["article_id", "sentence_id"])
    for row in seed_quotes.itertuples():
        text = texts[row.article_id]
        assert text[row.start : row.end] == row.quote
        assert text[row.speaker_start : row.speaker_end] == row.speaker_alias
        assert text[row.cue_start : row.cue_end] == row.cue
        sentence = sentences.loc[(row.article_id, row.sentence_id)]
        assert sentence["start"] <= row.start < sentence["end"]
    assert set(seed_quotes["mode"]) == {"direct", "reported", "mixed"}


def check(rows, expected):
    """Speaker, the words naming them, cue, mode, and how the quote starts and ends."""
    got = [(r.speaker, r.speaker_alias, r.cue, r.mode) for r in rows.itertuples()]
    assert got == [e[:4] for e in expected]
    for row, (*_, head, tail) in zip(rows.itertuples(), expected, strict=True):
        assert row.quote.startswith(head), (row.quote, head)
        assert row.quote.endswith(tail), (row.quote, tail)


def test_unn_ministry_statements(seed_quotes):
    rows = rows_of(seed_quotes, "000_")
    rfm = "Russian Foreign Ministry"
    check(
        rows,
        [
            (
                "Maria Zakharova",
                "Maria Zakharova",
                "This was stated by",
                "reported",
                "The deployment of troops and m",
                "a threat to security.",
            ),
            (
                rfm,
                "Russian Foreign Ministry",
                "As stated by",
                "mixed",
                "on January 6 in Paris, the par",
                'm a peaceful settlement."',
            ),
            (
                rfm,
                "the statement",
                "says",
                "reported",
                "It is aimed not at achieving l",
                "cessation of hostilities",
            ),
            (
                rfm,
                "The ministry",
                "added",
                "reported",
                "according to clarifications, a",
                "ns and military equipment",
            ),
            (
                rfm,
                "Russian Foreign Ministry",
                "warns",
                "reported",
                "the deployment of military uni",
                " other European countries",
            ),
            (
                rfm,
                "the ministry",
                "stated",
                "reported",
                "All such units and facilities ",
                "l and remain relevant",
            ),
            (
                rfm,
                "They",
                "added",
                "mixed",
                "a peaceful resolution of the c",
                'the right of peoples to self-determination."',
            ),
        ],
    )


def test_censor_net_grushko(seed_quotes):
    rows = rows_of(seed_quotes, "001_")
    grushko = rows[rows["speaker"] == "Alexander Grushko"]
    assert list(zip(grushko["speaker_alias"], grushko["cue"], grushko["mode"], strict=True)) == [
        ("Alexander Grushko", "said", "reported"),
        ("him", "According to", "reported"),
        ("Alexander Grushko", "said", "direct"),
        ("He", "added", "reported"),
    ]
    direct = grushko[grushko["mode"] == "direct"].iloc[0]
    assert direct["quote"] == (
        "It makes no difference whether the French corporal's uniform says 'NATO' or 'EU'. "
        "It doesn't change anything"
    )
    assert grushko.iloc[3]["quote"].startswith("according to the Kremlin, Ukraine's security")
    moscow = rows[rows["speaker"] == "Moscow"].iloc[0]
    assert moscow["resolved_from"] == "capital" and moscow["cue"] == "stated"
    ministry = rows[rows["cue"] == "emphasized"].iloc[0]
    assert ministry["speaker"] == "Russian Foreign Ministry"
    assert ministry["quote"].startswith("it makes no difference to them")


def test_sputnik_polishchuk_pronouns_and_roles(seed_quotes):
    rows = rows_of(seed_quotes, "002_")
    polishchuk = "Alexey Polishchuk"
    check(
        rows,
        [
            # the headline: "Idea to Send ... Prepares Foreign Intervention: Russian Foreign Ministry"
            (
                "Russian Foreign Ministry",
                "Russian Foreign Ministry",
                ":",
                "reported",
                "Idea to Send 'Deterrent' Forces",
                "Prepares Foreign Intervention",
            ),
            (
                "Maria Zakharova",
                "Maria Zakharova",
                "said",
                "reported",
                "Any foreign military presence ",
                "f a direct military clash",
            ),
            (
                polishchuk,
                "Alexey Polishchuk",
                "told",
                "reported",
                "London and Paris's discussions",
                "ons for foreign intervention",
            ),
            (
                polishchuk,
                "he",
                "said",
                "direct",
                "The issue of peacekeeping is n",
                "r a sustainable ceasefire",
            ),
            (
                polishchuk,
                "the Russian official",
                "according to",
                "reported",
                "Kiev is rejecting the peace pr",
                "strikes on energy facilities",
            ),
            (
                polishchuk,
                "he",
                "noted",
                "direct",
                "The negotiations on the format",
                "tion for foreign intervention",
            ),
            (
                "Emmanuel Macron",
                "Emmanuel Macron",
                "said",
                "mixed",
                "a number of countries wanted t",
                ' as "deterrent forces."',
            ),
            (
                "Emmanuel Macron",
                "He",
                "said",
                "reported",
                "the UK-French initiative would",
                "r a peacekeeping force",
            ),
            (
                polishchuk,
                "Polishchuk",
                "emphasized",
                "reported",
                "A repetition of the Organizati",
                "n Ukraine is unacceptable",
            ),
            (
                polishchuk,
                "he",
                "argued",
                "direct",
                "We must also remember the nega",
                "o Ukraine in 2014-2022",
            ),
            (
                polishchuk,
                "Polishchuk",
                "recalled",
                "direct",
                "its employees were supposed to",
                "gainst Donetsk and Lugansk.",
            ),
            (
                polishchuk,
                "the diplomat",
                "pointed out",
                "direct",
                "A repeat of such pseudo-peacek",
                "er peace-guarantee flags",
            ),
            (
                polishchuk,
                "he",
                "said",
                "reported",
                "Russia is open to discussing s",
                "into account modern realities",
            ),
            (
                polishchuk,
                "Polishchuk",
                "explained",
                "direct",
                "The Russian side is open to di",
                "fair and lasting peace",
            ),
            (
                polishchuk,
                "the official",
                "added",
                "reported",
                "Meanwhile, a channel of corres",
                "eir embassies in Belarus",
            ),
        ],
    )
    assert set(rows.loc[rows["speaker_alias"] == "he", "resolved_from"]) == {"pronoun"}
    assert set(rows.loc[rows["speaker_alias"] == "the diplomat", "resolved_from"]) == {"role"}


def test_zakharova_and_putin_in_the_paris_meeting_story(seed_quotes):
    rows = rows_of(seed_quotes, "003_")
    assert list(zip(rows["speaker"], rows["speaker_alias"], rows["mode"], strict=True)) == [
        ("Moscow", "Moscow", "reported"),
        ("Maria Zakharova", "Maria Zakharova", "direct"),
        ("Maria Zakharova", "Zakharova", "reported"),
        ("Maria Zakharova", "Zakharova", "direct"),
        ("Vladimir Putin", "he", "reported"),
    ]
    assert rows.iloc[4]["quote"] == (
        "fighting in Ukraine would continue if no agreement is reached with Kiev"
    )
    # "said ..., according to Russian state news agency TASS": the speaker is Zakharova
    assert rows.iloc[1]["cue"] == "said"


def test_moscow_times_speakers_and_traps(seed_quotes):
    rows = rows_of(seed_quotes, "004_")
    by_speaker = rows.groupby("speaker")["mode"].apply(list).to_dict()
    assert by_speaker == {
        "Maria Zakharova": ["direct", "mixed", "direct"],
        "Volodymyr Zelensky": ["reported", "mixed", "mixed", "reported", "mixed"],
        "Borys Filatov": ["direct", "mixed"],
        "DTEK": ["reported"],
        "Moscow": ["reported", "reported"],
        # headline "Russia Slams ... Plan", "Russia on Thursday slammed a plan ... as
        # "dangerous" and dubbed Kyiv and its allies an "axis of war"", "Russia has
        # slammed the attempts to beef-up protections"
        "Russia": ["reported", "mixed", "reported"],
        "Kyiv": ["reported"],
        "Ukraine's allies": ["reported"],
        "European leaders and U.S. envoys": ["reported"],
    }
    filatov = rows[rows["speaker"] == "Borys Filatov"]
    assert list(filatov["speaker_alias"]) == ["Borys Filatov", "He"]
    assert filatov.iloc[0]["quote"] == "This is truly a national level emergency"
    she = rows[rows["speaker_alias"] == "She"].iloc[0]
    assert she["speaker"] == "Maria Zakharova" and she["cue"] == "called"
    unresolved = rows[rows["resolved_from"] == "unresolved"]
    assert sorted(unresolved["speaker"]) == ["European leaders and U.S. envoys", "Ukraine's allies"]
    # labels and the photo credit are not quotes
    for label in ("axis of war", "Legitimate military targets", "dangerous"):
        assert label not in set(rows["quote"])
    assert not rows["speaker"].str.contains("Yarik|TASS|Moscow Times").any()


def test_every_article_is_processed_separately(corpus):
    one = quotes(corpus.iloc[[2]])
    assert set(one["article_id"]) == {corpus.iloc[2]["article_id"]}
    pd.testing.assert_frame_equal(
        one.reset_index(drop=True),
        rows_of(quotes(corpus), corpus.iloc[2]["article_id"]),
    )


def test_headline_colon_attribution_needs_a_whole_actor_after_the_colon():
    (row,) = find_quotes("Western Troops Would Be Targets: Maria Zakharova").itertuples()
    assert (row.speaker, row.cue, row.quote) == (
        "Maria Zakharova",
        ":",
        "Western Troops Would Be Targets",
    )
    assert find_quotes("Talks in two places: Istanbul and Geneva").empty


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "told" skips the addressee
        (
            "Kremlin spokesman Dmitry Peskov told reporters that the talks had stalled.",
            [("Dmitry Peskov", "told", "reported", "the talks had stalled")],
        ),
        # a colon announces a quotation in the next paragraph
        (
            'Zelensky said:\n\n"We need air defence now."',
            [("Volodymyr Zelensky", "said", "direct", "We need air defence now.")],
        ),
        (
            '"The plan is dead," Lavrov was quoted as saying by TASS.',
            [("Sergey Lavrov", "was quoted as saying", "direct", "The plan is dead")],
        ),
        (
            "TASS quoted Lavrov as saying the plan was dead.",
            [("Sergey Lavrov", "quoted", "reported", "the plan was dead")],
        ),
        # a short quoted sentence right after a quoted speaker continues them
        (
            '"We are not going anywhere," Zelensky wrote on X. "Ukraine will stand."',
            [
                ("Volodymyr Zelensky", "wrote", "direct", "We are not going anywhere"),
                ("Volodymyr Zelensky", "wrote", "direct", "Ukraine will stand."),
            ],
        ),
        # an appositive between the speaker and the verb
        (
            "Sergei Lavrov, Russia's foreign minister, said the West was lying.",
            [("Sergey Lavrov", "said", "reported", "the West was lying")],
        ),
    ],
)
def test_more_attribution_patterns(text, expected):
    rows = find_quotes(text)
    assert [(r.speaker, r.cue, r.mode, r.quote) for r in rows.itertuples()] == expected


def test_a_role_with_an_adjective_keeps_to_its_camp():
    text = 'Dmytro Kuleba met Sergey Lavrov in Antalya. "There is no deal," the Ukrainian official said.'
    (row,) = find_quotes(text).itertuples()
    # Lavrov is named last, but "the Ukrainian official" can only be Kuleba
    assert (row.speaker, row.speaker_alias, row.resolved_from) == (
        "Dmytro Kuleba",
        "the Ukrainian official",
        "role",
    )


def test_a_speaker_named_by_office_is_resolved_by_year():
    text = 'The US President said the war must end. "We will see," the Kremlin spokesman said.'
    rows = find_quotes(text, year=2026)
    assert list(
        zip(rows["speaker"], rows["speaker_alias"], rows["resolved_from"], strict=True)
    ) == [
        ("Donald Trump", "US President", "office"),
        ("Dmitry Peskov", "Kremlin spokesman", "office"),
    ]
    # in 2023 the same words name Joe Biden; without a year the office stays unresolved
    assert find_quotes(text, year=2023)["speaker"].iloc[0] == "Joe Biden"
    assert find_quotes(text)["resolved_from"].iloc[0] == "unresolved"


# ---------------------------------------------------------------- speakers the gazetteer lacks


@pytest.mark.parametrize(
    ("text", "speaker", "quote", "cue", "mode"),
    [
        # a title in lower case, then a name the gazetteer does not list: the name speaks
        (
            '"Any such mission will be treated as an intervention," ministry spokeswoman '
            "Irina Volkova told reporters.",
            "Irina Volkova",
            "Any such mission will be treated as an intervention",
            "told",
            "direct",
        ),
        # the verb first, the name, then an appositive that is not the speaker
        (
            '"We will not accept it," said John Smith, a Kremlin adviser.',
            "John Smith",
            "We will not accept it",
            "said",
            "direct",
        ),
        (
            "Russia will not accept it, said John Smith, a Kremlin adviser.",
            "John Smith",
            "Russia will not accept it",
            "said",
            "reported",
        ),
        # a role with no name: the whole phrase
        (
            "Russian forces will strike any foreign troops, a senior Russian diplomat said.",
            "a senior Russian diplomat",
            "Russian forces will strike any foreign troops",
            "said",
            "reported",
        ),
        (
            '"Any troops will be targets," a senior Russian diplomat said.',
            "a senior Russian diplomat",
            "Any troops will be targets",
            "said",
            "direct",
        ),
    ],
)
def test_an_unlisted_speaker_next_to_the_cue_is_kept_as_written(text, speaker, quote, cue, mode):
    # after a sentence with another speaker, which the quotation must not inherit
    first = "The Kremlin rejected the plan, Dmitry Peskov said. "
    rows = find_quotes(first + text)
    assert list(rows["speaker"]) == ["Dmitry Peskov", speaker]
    row = list(rows.itertuples())[1]
    assert (row.quote, row.cue, row.mode, row.resolved_from) == (quote, cue, mode, "unresolved")
    assert row.speaker_alias == speaker
    full = first + text
    assert full[row.start : row.end] == row.quote
    assert full[row.speaker_start : row.speaker_end] == speaker


def test_a_weekday_after_the_cue_is_not_a_speaker():
    rows = find_quotes('Peskov spoke. "Any troops will be targets," said Thursday.')
    assert "Thursday" not in set(rows["speaker"])


def test_a_quotation_with_its_own_unfound_speaker_is_no_continuation():
    # the speaker of the second quotation is not found; it must not become Lavrov's
    text = (
        '"We are ready," Lavrov said. '
        '"The ball is in their court," one person close to the talks told reporters.'
    )
    rows = find_quotes(text)
    assert list(rows["quote"]) == ["We are ready"]


@pytest.mark.parametrize(
    ("text", "quote", "mode"),
    [
        # the object of "told" is the listener, not what was said
        (
            '"We will not accept it," ministry spokeswoman Maria Zakharova told reporters '
            "in Moscow.",
            "We will not accept it",
            "direct",
        ),
        (
            "Russia will not accept it, Zakharova told reporters in Moscow on Tuesday.",
            "Russia will not accept it",
            "reported",
        ),
        ("Zakharova told reporters the plan was dead.", "the plan was dead", "reported"),
        (
            "Russia will not accept it, Zakharova told Sputnik.",
            "Russia will not accept it",
            "reported",
        ),
    ],
)
def test_the_listener_of_told_is_not_the_quote(text, quote, mode):
    (row,) = find_quotes(text).itertuples()
    assert (row.speaker, row.cue, row.quote, row.mode) == ("Maria Zakharova", "told", quote, mode)


def test_dnipro_spokeswoman_is_her_own_speaker(dnipro):
    # fx1 sentence 2: '"Any such mission ... decisive," ministry spokeswoman Irina Volkova
    # told reporters in Moscow.' Volkova is invented and not in the gazetteer.
    q = quotes(dnipro)
    (row,) = q[(q.article_id == DNIPRO_WARNS) & (q.sentence_id == 2)].itertuples()
    assert (row.speaker, row.resolved_from, row.cue, row.mode) == (
        "Irina Volkova",
        "unresolved",
        "told",
        "direct",
    )
    assert row.quote == (
        "Any such mission will be treated as an intervention, and our response will be decisive"
    )


def test_a_precomputed_mentions_table_gives_the_same_quotes(seeds, dnipro):
    from analysis import mentions, sentences
    from analysis.synthetic import generate_corpus

    for corpus in (seeds, dnipro, generate_corpus(n_articles=30, seed=2)):
        sents = sentences(corpus)
        expected = quotes(corpus, sentences=sents)
        assert len(expected) > 5
        got = quotes(corpus, sentences=sents, mentions=mentions(corpus, sentences=sents))
        pd.testing.assert_frame_equal(got, expected)


def test_the_articles_own_outlet_is_not_its_speaker(seeds):
    import pandas as pd

    from analysis import quotes

    same = "According to Censor.NET, Moscow rejected the plan."
    corpus = pd.DataFrame(
        {
            "article_id": ["unn", "censor"],
            "text": [same, same],
            "outlet": ["UNN", "Censor.NET"],
            "published": [pd.NaT, pd.NaT],
        }
    )
    found = quotes(corpus)
    # UNN citing Censor.NET: Censor.NET speaks; Censor.NET naming itself: nobody does
    assert list(zip(found["article_id"], found["speaker"], strict=True)) == [("unn", "Censor.NET")]
    # the seeds: Censor.NET's "According to Censor.NET, this is reported in Russian media"
    seed_quotes = quotes(seeds)
    outlets = dict(zip(seeds["article_id"], seeds["outlet"], strict=True))
    assert not (seed_quotes["speaker"] == seed_quotes["article_id"].map(outlets)).any()
    assert not seed_quotes["quote"].str.contains("reported in Russian media").any()


def test_masked_text_blanks_every_span_as_a_list_of_characters_would(seeds):
    import random

    from analysis.quotes import _masked

    rng = random.Random(8)
    for text in [*seeds["text"], "ab", ""]:
        for _ in range(20):
            spans = []
            for _ in range(rng.randint(0, 6)):
                a = rng.randint(0, len(text))
                spans.append((a, min(len(text), a + rng.randint(0, 40))))
            chars = list(text)
            for a, b in spans:
                chars[a:b] = "\x00" * (b - a)
            assert _masked(text, spans) == "".join(chars)


def test_role_pattern_matches_what_a_word_boundary_first_pattern_matches(seeds):
    import re

    from analysis.mentions import default_gazetteer
    from analysis.quotes import _role_pattern

    gazetteer = default_gazetteer()
    role = _role_pattern(tuple(gazetteer.labels), tuple(gazetteer.adjectives))
    plain = re.compile(r"\b[Tt]" + role.pattern[len(r"[Tt](?<!\w[Tt])") :])
    texts = [*seeds["text"], "The Russian diplomat; xthe diplomat, 'the diplomat", "the", ""]
    for text in texts:
        assert [(m.span(), m.groupdict()) for m in role.finditer(text)] == [
            (m.span(), m.groupdict()) for m in plain.finditer(text)
        ]


def test_separator_runs_end_where_the_last_separator_ends(seeds):
    import random

    from analysis.quotes import _SEPARATOR, _SEPARATORS

    def last_end(pattern, text):
        cut = 0
        for m in pattern.finditer(text):
            cut = m.end()
        return cut

    rng = random.Random(9)
    alphabet = ["a", "b", " ", " ", "\t", ",", ";", ":", "-", "\u2013", "\u2014", '"', "\x00"]
    texts = list(seeds["text"])
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25))) for _ in range(3000)]
    for text in texts:
        assert last_end(_SEPARATORS, text) == last_end(_SEPARATOR, text), repr(text)


def test_whole_forms_match_what_the_plain_alternation_matches(seeds):
    import re

    from analysis.quotes import _whole_forms, default_speech_cues

    cues = default_speech_cues()
    for forms in (cues.anaphors, cues.cues):
        alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        plain = re.compile(r"(?<![\w'’-])(?:" + alternation + r")(?![\w'’-])", re.IGNORECASE)
        fast = _whole_forms(forms)
        texts = [*seeds["text"], "\u017fhe HE \u0130t \u0131t. SAID, \u212aremlin", ""]
        for text in texts:
            assert [m.span() for m in fast.finditer(text)] == [
                m.span() for m in plain.finditer(text)
            ]


def test_a_pronoun_that_names_no_one_is_no_speaker():
    """'According to him' with nobody before: the words are kept (speaker_alias, with
    offsets), but "him" is not a speaker, so two such statements in two articles are
    not one voice."""
    text = (
        "According to him, any military presence of the West in Ukraine is regarded as "
        "direct participation in the conflict."
    )
    (row,) = find_quotes(text).itertuples()
    assert (row.speaker_alias, row.resolved_from) == ("him", "unresolved")
    assert pd.isna(row.speaker)
    assert text[row.speaker_start : row.speaker_end] == "him"
    corpus = analysis.load_corpus(
        pd.DataFrame(
            {"article_id": ["a", "b"], "text": [text, text], "published": ["2026-01-08"] * 2}
        )
    )
    statements = analysis.Tables(corpus).statements
    assert len(statements) == 2 and statements["speaker"].isna().all()
    assert statements["event_id"].nunique() == 2  # no voice: not linked


def test_anaphors_and_cues_found_in_one_pass_are_those_of_the_patterns():
    """find_anaphors and find_cues (Aho-Corasick) find what anaphor_pattern and
    cue_pattern (re, IGNORECASE) find, at word boundaries, longest first, with letters
    that match ASCII ones ignoring case."""
    import random

    from analysis.acts import fold
    from analysis.quotes import default_speech_cues
    from analysis.synthetic import generate_corpus

    cues = default_speech_cues()
    pieces = [
        *cues.anaphors,
        *random.Random(4).sample(sorted(cues.cues), 20),  # some cue forms
        "SAID",
        "\u017faid",
        "to\u212a",
        "THE STATEMENT",
        "ſhe",
        "\u0130t",
        "\u212a",
        "Hers",
        "x",
        " ",
        "-",
        "'",
        "’",
        "_",
        "é",
        "É",
        "the statements",
        "\n",
        "tHe",
        "s",
    ]
    rng = random.Random(11)
    texts = list(generate_corpus(n_articles=30, seed=2)["text"])
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    n_anaphors = n_cues = 0
    for text in texts:
        expected = [
            (m.start(), m.end(), fold(m.group())) for m in cues.anaphor_pattern.finditer(text)
        ]
        assert cues.find_anaphors(text) == expected, text
        n_anaphors += len(expected)
        expected = [
            (m.start(), m.end(), cues.cues[fold(m.group())])
            for m in cues.cue_pattern.finditer(text)
        ]
        assert cues.find_cues(text) == expected, text
        n_cues += len(expected)
    assert n_anaphors > 300 and n_cues > 300, (n_anaphors, n_cues)


def test_an_outlet_named_otherwise_by_the_gazetteer_is_still_not_its_own_speaker():
    """The gazetteer's actor is "Kyiv Independent", the outlet "The Kyiv Independent":
    its closing "..., the Kyiv Independent reports." is the publisher, not a speaker."""
    text = "The talks will resume next week, the Kyiv Independent reports."
    corpus = analysis.load_corpus(pd.DataFrame({"id": ["k"], "text": [text]}))
    assert corpus.loc[0, "outlet"] == "The Kyiv Independent"
    assert "Kyiv Independent" not in set(quotes(corpus)["speaker"])
    other = corpus.assign(outlet="Reuters")  # another outlet citing it: a source
    assert "Kyiv Independent" in set(quotes(other)["speaker"])
