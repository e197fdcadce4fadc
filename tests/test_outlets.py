"""Outlets named by the text: publishers, not cited agencies."""

from analysis.outlets import find_outlet


def test_publisher_phrases():
    assert find_outlet("Zakharova said this, UNN reports.")[0] == "UNN"
    assert (
        find_outlet("According to Censor.NET, this is reported in Russian media.")[0]
        == "Censor.NET"
    )
    assert find_outlet("Polishchuk told Sputnik.")[0] == "Sputnik"
    assert find_outlet("As Ukrinform reports, the talks ended.")[0] == "Ukrinform"


def test_cited_sources_are_not_publishers():
    assert find_outlet("Zakharova said, according to Russian state news agency TASS.") is None
    assert find_outlet("Reuters could not verify the claim.") is None
    assert find_outlet("He spoke to reporters, AP said.") is None


def test_an_interview_given_to_a_cited_agency_does_not_make_it_the_publisher():
    # the weakest cue, tried last: a dateline or a lede's closing phrase wins
    assert find_outlet("Peskov told TASS.\nInterfax\n")[0] == "Interfax"
    assert find_outlet("Peskov told TASS, UNN reports.")[0] == "UNN"
    # an outlet the article cites is not its publisher, whichever cue names it
    assert find_outlet("Peskov told TASS. TASS reported that the talks ended.") is None
    assert find_outlet("Lavrov told RIA Novosti, according to Russian agency RIA Novosti.") is None
    assert find_outlet("Polishchuk told Sputnik.")[0] == "Sputnik"


def test_citations_are_validated(tmp_path):
    import pytest

    from analysis.datafiles import DataFileError
    from analysis.outlets import load_outlets

    path = tmp_path / "outlets.yaml"
    path.write_text(
        "outlets:\n  - name: UNN\ncues:\n  - id: c\n    pattern: '({outlet}) reports'\n"
        "citations:\n  - 'cited by UNN'\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match=r"outlets.yaml:7: citation 1 has no \(\{outlet\}\)"):
        load_outlets(path)


def test_an_outlet_may_take_the_inside_a_sentence():
    assert find_outlet("Talks resumed, the BBC reports.")[0] == "BBC"
    assert find_outlet("Talks resumed, the Guardian reports.")[0] == "The Guardian"
    assert find_outlet("Talks resumed, the Kyiv Independent reports.")[0] == "The Kyiv Independent"


def test_the_gazetteers_name_of_an_outlet_is_the_same_outlet():
    from analysis.outlets import default_outlets

    same = default_outlets().same
    assert same("Kyiv Independent", "The Kyiv Independent")  # gazetteer, outlet list
    assert same("Associated Press", "AP")
    assert not same("Reuters", "AP") and not same("UNN", None)


def test_agencies_that_share_a_name_stay_apart():
    """Interfax (Moscow) and Interfax-Ukraine (Kyiv), RBC and RBC-Ukraine, Novaya
    Gazeta and Novaya Gazeta Europe: other newsrooms, other camps; one alias of the
    other would merge them in every by-outlet table."""
    import pandas as pd

    from analysis import load_corpus, mentions
    from analysis.outlets import default_outlets

    canonical = default_outlets().canonical
    for a, b in [("Interfax", "Interfax-Ukraine"), ("RBC", "RBC-Ukraine")]:
        assert canonical(a) == a and canonical(b) == b
    assert canonical("Novaya Gazeta") != canonical("Novaya Gazeta Europe")
    assert find_outlet("Zakharova said this, RBC-Ukraine reports.")[0] == "RBC-Ukraine"
    text = "Zakharova told Interfax-Ukraine that Kyiv must refuse, RBC-Ukraine reports."
    corpus = load_corpus(pd.DataFrame({"text": [text]}))
    assert corpus["outlet"].tolist() == ["RBC-Ukraine"]
    found = mentions(corpus)
    rows = list(zip(found["actor"], found["camp"], found["start"], found["end"], strict=True))
    assert rows == [
        ("Maria Zakharova", "Russia", 0, 9),
        ("Interfax-Ukraine", "Ukraine", 15, 31),  # not Interfax and Ukraine
        ("Kyiv", "Ukraine", 37, 41),
        ("RBC-Ukraine", "Ukraine", 55, 66),
    ]
    assert text[15:31] == "Interfax-Ukraine" and text[55:66] == "RBC-Ukraine"
