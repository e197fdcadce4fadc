"""The gazetteer file: validation with file and line, merging, matching on strings."""

import textwrap

import pytest

from analysis.datafiles import DataFileError
from analysis.gazetteer import CAMPS, KINDS, load_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def write(tmp_path, body, name="actors.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_shipped_file_loads_and_covers_the_wider_cast(gazetteer):
    # the seeds' actors and people they do not name
    for name in [
        "Maria Zakharova",
        "Alexander Grushko",
        "Alexey Polishchuk",
        "Vladimir Putin",
        "Volodymyr Zelensky",
        "Emmanuel Macron",
        "Keir Starmer",
        "Donald Trump",
        "Steve Witkoff",
        "Kirill Dmitriev",
        "Borys Filatov",
        "Russian Foreign Ministry",
        "Kremlin",
        "Coalition of the Willing",
        "OSCE",
        "NATO",
        "European Union",
        "Sergey Lavrov",
        "Dmitry Peskov",
        "Marco Rubio",
        "Mark Rutte",
        "Friedrich Merz",
        "Recep Tayyip Erdoğan",
        "Istanbul",
        "Abu Dhabi",
        "Riyadh",
        "Jeddah",
        "Geneva",
        "Anchorage",
        "Minsk",
        "TASS",
        "RIA Novosti",
        "Sputnik",
        "Interfax",
        "UNN",
        "Censor.NET",
        "The Moscow Times",
        "Reuters",
        "AFP",
    ]:
        assert name in gazetteer, name
    assert len(gazetteer) > 200
    assert {a.kind for a in gazetteer} == set(KINDS)
    assert {a.camp for a in gazetteer} == set(CAMPS)


def test_entries_carry_roles_camps_and_variants(gazetteer):
    zakharova = gazetteer["Maria Zakharova"]
    assert zakharova.camp == "Russia" and zakharova.gender == "female"
    assert zakharova.roles[0].organisation == "Russian Foreign Ministry"
    assert zakharova.roles[0].start == 2015 and zakharova.roles[0].until is None
    assert gazetteer["Kyiv"].stands_for == "Ukraine"
    assert gazetteer["Kyiv"].variant_of("Kiev") == "Kiev"
    assert gazetteer["Volodymyr Zelensky"].variant_of("Volodymyr Zelenskyy") == "Zelenskyy"
    assert gazetteer["Volodymyr Zelensky"].variant_of("Zelensky") == "Zelensky"
    assert gazetteer.adjectives["French"] == "France"
    assert gazetteer.holder("US President", 2026) == "Donald Trump"
    assert gazetteer.holder("US President", 2022) == "Joe Biden"
    assert gazetteer.holder("Russian President", 2010) == "Dmitry Medvedev"
    assert gazetteer.holder("US President", 2021) is None  # changed hands that year
    assert "Alexey Polishchuk" in gazetteer.labels["diplomat"]
    assert gazetteer.to_frame().set_index("actor").loc["Luhansk", "aliases"] == [
        "Lugansk",
        "Luhansk region",
        "Lugansk region",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # longest name first: the ministry, not Russia
        ("Russian Foreign Ministry", [("Russian Foreign Ministry", "Russian Foreign Ministry")]),
        ("the Russian Armed Forces", [("Russian Armed Forces", "Russian Armed Forces")]),
        ("Russia's Foreign Ministry", [("Russia's Foreign Ministry", "Russian Foreign Ministry")]),
        # possessive: the name ends before 's
        ("Kyiv's allies", [("Kyiv", "Kyiv")]),
        # adjectives are their own forms; hyphens are word boundaries
        ("the UK-French initiative", [("UK", "United Kingdom"), ("French", "France")]),
        ("Russian-occupied", [("Russian", "Russia")]),
        # whole words only: UN is not in UNN, Russian is not in Russians
        ("UNN reports", [("UNN", "UNN")]),
        ("ethnic Russians", []),
        # spelling variants
        (
            "Kiev and Lugansk, Dnepr",
            [("Kiev", "Kyiv"), ("Lugansk", "Luhansk"), ("Dnepr", "Dnipro")],
        ),
        ("Zelenskyy", [("Zelenskyy", "Volodymyr Zelensky")]),
        # non-ASCII names
        ("Erdoğan met Støre", [("Erdoğan", "Recep Tayyip Erdoğan"), ("Støre", "Jonas Gahr Støre")]),
    ],
)
def test_find_on_strings(gazetteer, text, expected):
    matches = gazetteer.find(text)
    assert [(m.alias, m.actor) for m in matches] == expected
    for m in matches:
        assert text[m.start : m.end] == m.alias


def test_user_file_is_merged(tmp_path):
    base = write(
        tmp_path,
        """\
        actors:
        - {name: Ruritania, kind: country, camp: Other, adjectives: [Ruritanian]}
        """,
    )
    extra = write(
        tmp_path,
        """\
        # a user's own actors
        actors:
        - name: Rudolf Rassendyll
          kind: person
          camp: Other
          gender: male
          aliases: [Rassendyll]
          roles: [{title: King, organisation: Ruritania, from: 1894}]
        """,
        name="actors-mine.yaml",
    )
    gazetteer = load_gazetteer([base, extra])
    assert [m.actor for m in gazetteer.find("Rassendyll of Ruritania")] == [
        "Rudolf Rassendyll",
        "Ruritania",
    ]


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (
            """\
            actors:
            - {name: A, kind: person, camp: Russia}
            - {name: B, kind: persn, camp: Russia}
            """,
            3,
            "kind 'persn' is not one of",
        ),
        (
            """\
            actors:
            - {name: A, kind: person, camp: Mars}
            """,
            2,
            "camp 'Mars' is not one of",
        ),
        (
            """\
            actors:
            - name: A
              kind: person
              camp: Russia
              alias: [B]
            """,
            2,
            "unknown key(s) 'alias'",
        ),
        (
            """\
            actors:
            - {name: Alpha, kind: person, camp: Russia, aliases: [Al]}

            - {name: Alfred, kind: person, camp: Russia, aliases: [Al]}
            """,
            4,
            "'Al' of 'Alfred' is already a form of 'Alpha'",
        ),
        (
            """\
            actors:
            - {name: Moscow, kind: place, camp: Russia, stands_for: Rusia}
            """,
            2,
            "refers to 'Rusia', which is not an actor",
        ),
        (
            """\
            actors:
            - name: A
              kind: person
              camp: Russia
              roles:
                - {title: Minister, from: 2020}
                - {title: Minister, from: 2020, until: 2019}
            """,
            7,
            "role ends (2019) before it starts (2020)",
        ),
        (
            """\
            actors:
            - {name: Kyiv, kind: place, camp: Ukraine, aliases: [Kiev], variants: [Kyjiw]}
            """,
            2,
            "variant 'Kyjiw' occurs in no alias",
        ),
        (
            """\
            actors:
            - {name: A, kind: country, camp: Russia, gender: male}
            """,
            2,
            "only for persons",
        ),
        (
            """\
            actors:
            - {name: A, kind: person, camp: Russia}
            - {name: A, kind: person, camp: Russia}
            """,
            3,
            "actor 'A' is already defined at",
        ),
        (
            """\
            actors:
            - {name: A, kind: person, camp: Russia
            """,
            3,
            "YAML syntax error",
        ),
        (
            """\
            actors:
            - name: A
              kind: person
              camp: Russia
              roles:
                - {title: President, aliases: [President of A]}
            """,
            6,
            "with aliases needs 'from'",
        ),
        (
            """\
            actors:
            - {name: Kremlin, kind: organisation, camp: Russia}
            - name: Dmitry Peskov
              kind: person
              camp: Russia
              roles: [{title: Press Secretary, from: 2012, aliases: [Kremlin]}]
            """,
            3,
            "role alias 'Kremlin' of 'Dmitry Peskov' is also a name of 'Kremlin'",
        ),
    ],
)
def test_validation_errors_name_file_and_line(tmp_path, body, line, message):
    path = write(tmp_path, body)
    with pytest.raises(DataFileError) as error:
        load_gazetteer(path)
    assert error.value.path == path
    assert error.value.line == line
    assert message in str(error.value)
    assert str(error.value).startswith(f"{path}:{line}: ")


def test_default_files_pick_up_a_users_file_next_to_actors_yaml(tmp_path):
    from analysis.gazetteer import default_files

    write(tmp_path, "actors:\n- {name: Ruritania, kind: country, camp: Other}\n")
    write(tmp_path, "actors:\n- {name: Zenda, kind: place, camp: Other}\n", name="actors-mine.yaml")
    write(tmp_path, "not: a gazetteer\n", name="other.yaml")
    files = default_files(tmp_path)
    assert [p.name for p in files] == ["actors.yaml", "actors-mine.yaml"]
    assert [a.name for a in load_gazetteer(files)] == ["Ruritania", "Zenda"]


def test_word_matcher_equals_checking_boundaries_by_hand():
    """The spaced-copy automaton finds what a scan of every pattern, with the word
    boundaries checked on each side, finds: punctuation inside patterns, non-ASCII
    letters and punctuation, underscores, overlaps."""
    from analysis.gazetteer import WordMatcher, _is_word_boundary, longest_first

    patterns = ["U.S.", "U.S", "US", "Kyiv", "Kyiv's", "Kyiv\u2019s", "Zelenskyy", "Élysée",
                "Moscow Times", "Times", "a_b", "Ukraine-Russia", "Ukraine"]  # fmt: skip
    text = (
        "The U.S. and the U.S.-led bloc; US_troops, USA. Kyiv's and Kyiv\u2019s allies, "
        "Kyivan. \u00abZelenskyy\u00bb; the \u00c9lys\u00e9e said; The Moscow Times, "
        "Times\u2014a_b, xa_b. Ukraine-Russia talks, Ukraine\u2011Russia. Élysées; "
        "the Moscow-Times, Moscow\nTimes"  # not "Moscow Times": the text must be the pattern
    )
    expected = sorted(
        (start, -len(p), i)
        for i, p in enumerate(patterns)
        for start in range(len(text))
        if text.startswith(p, start)
        and _is_word_boundary(text, start - 1)
        and _is_word_boundary(text, start + len(p))
    )
    assert sorted(WordMatcher(patterns).find(text)) == expected
    assert len(expected) > 12
    found = longest_first(*WordMatcher(patterns).find_arrays(text))
    assert all(text[s:e] == patterns[i] for s, e, i in zip(*found, strict=True))
    assert WordMatcher([]).find(text) == []
