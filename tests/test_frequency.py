"""Rates per 1,000 words, by article, outlet and month, with denominators."""

import pytest
from conftest import CENSOR, NO_OUTLET, SPUTNIK, UNN

from analysis import hits, load_lexicon, rhetoric_frequency


@pytest.fixture(scope="module")
def seed_hits(seeds, seed_sentences):
    return hits(seeds, sentences=seed_sentences)


def test_by_article_every_category_with_zeros(seeds, seed_hits):
    table = rhetoric_frequency(seed_hits, seeds, by="article_id")
    assert list(table.columns) == [
        "article_id",
        "category",
        "count",
        "n_articles",
        "n_words",
        "rate",
    ]
    assert len(table) == 5 * len(load_lexicon())
    unn = table[table["article_id"] == UNN].set_index("category")
    assert unn.loc["threat_warning", "count"] == 8
    assert unn.loc["threat_warning", "n_words"] == 384
    assert unn.loc["threat_warning", "rate"] == pytest.approx(8 / 384 * 1000)
    censor = table[table["article_id"] == CENSOR].set_index("category")
    assert censor.loc["delegitimising_labels", "count"] == 0
    assert censor.loc["delegitimising_labels", "rate"] == 0
    assert table["count"].sum() == len(seed_hits)


def test_by_outlet_and_month_keep_unknowns(seeds, seed_hits):
    by_outlet = rhetoric_frequency(seed_hits, seeds, by="outlet", per=100)
    unknown = by_outlet[by_outlet["outlet"] == "unknown"]
    assert set(unknown["n_words"]) == {300}  # 003, whose outlet is not known
    by_month = rhetoric_frequency(seed_hits, seeds, by="month")
    assert list(dict.fromkeys(by_month["month"])) == ["2025-09", "2026-01", "unknown"]
    undated = by_month[by_month["month"] == "unknown"].set_index("category")
    assert undated["n_articles"].iloc[0] == 2  # Censor.NET and Sputnik have no date
    assert undated["n_words"].iloc[0] == 340 + 419
    labels = seed_hits["article_id"].isin([CENSOR, SPUTNIK]) & (
        seed_hits["category"] == "delegitimising_labels"
    )
    assert undated.loc["delegitimising_labels", "count"] == labels.sum() == 5
    sept = by_month[by_month["month"] == "2025-09"]
    assert (
        set(sept["n_words"]) == {300}
        and seeds.set_index("article_id").loc[NO_OUTLET, "n_words"] == 300
    )
    assert by_outlet["rate"].max() > 0 and by_month["count"].sum() == len(seed_hits)


def test_bad_grouping_is_an_error(seeds, seed_hits):
    with pytest.raises(ValueError, match="by must be one of"):
        rhetoric_frequency(seed_hits, seeds, by="weekday")
