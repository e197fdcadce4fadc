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
