"""Keyness of words and categories, checked against scipy and by hand; TF-IDF terms."""

import numpy as np
import pytest
from conftest import MOSCOW_TIMES, SPUTNIK, UNN
from scipy.stats import chi2_contingency

from analysis import distinctive_terms, hits, keyness
from analysis.keyness import tokens


def test_word_keyness_sputnik(seeds):
    table = keyness(seeds, "Sputnik", measure="chi2")
    row = table.set_index("feature").loc["deterrent"]
    # 'Deterrent' (headline), "sending deterrent forces", "so-called deterrent forces",
    # "as "deterrent forces."": four in Sputnik, none elsewhere ("deterrence" is another word)
    assert (row["n_target"], row["n_reference"], row["direction"]) == (4, 0, "over")
    texts = dict(zip(seeds["article_id"], seeds["text"], strict=True))
    n_t = len(tokens(texts[SPUTNIK]))
    n_r = sum(len(tokens(t)) for a, t in texts.items() if a != SPUTNIK)
    expected = chi2_contingency(np.array([[4, 0], [n_t - 4, n_r]]), correction=True)
    assert row["statistic"] == pytest.approx(expected.statistic)
    assert row["p"] == pytest.approx(expected.pvalue)
    assert table["statistic"].iloc[0] >= table["statistic"].iloc[1]


def test_category_keyness_lr_matches_scipy(seeds, seed_sentences):
    seed_hits = hits(seeds, sentences=seed_sentences)
    target = [SPUTNIK, MOSCOW_TIMES]
    table = keyness(seeds, target, unit="category", measure="lr", hits=seed_hits)
    assert len(table) == 8  # one row per category
    row = table.set_index("feature").loc["delegitimising_labels"]
    # 5 label hits in Sputnik, 6 in the Moscow Times; 1 in the rest (UNN's "Kyiv regime")
    assert (row["n_target"], row["n_reference"]) == (11, 1)
    n_t, n_r = 419 + 616, 384 + 340 + 300
    table2 = np.array([[11, 1], [n_t - 11, n_r - 1]])
    expected = chi2_contingency(table2, correction=False, lambda_="log-likelihood")
    assert row["statistic"] == pytest.approx(expected.statistic)
    assert row["direction"] == "over" and row["p"] < 0.05


def test_target_must_split_the_corpus(seeds):
    with pytest.raises(ValueError, match="some articles but not all"):
        keyness(seeds, [True] * 5)
    with pytest.raises(ValueError, match="measure"):
        keyness(seeds, "Sputnik", measure="t")


def test_distinctive_terms_by_outlet(seeds):
    terms = distinctive_terms(seeds, by="outlet", top=3)
    assert list(terms.columns) == ["group", "term", "tfidf", "rank"]
    assert set(terms["group"]) == {"Censor.NET", "Sputnik", "The Moscow Times", "UNN", "unknown"}
    sputnik = terms[terms["group"] == "Sputnik"]
    assert "polishchuk" in set(sputnik["term"])  # the Sputnik article's only speaker
    assert list(sputnik["rank"]) == [1, 2, 3]


def test_target_as_a_list_of_outlets_or_ids(seeds):
    from analysis.keyness import target_mask

    by_outlet = target_mask(seeds, ["Sputnik", "UNN"])
    assert sorted(seeds.loc[by_outlet, "article_id"]) == sorted([SPUTNIK, UNN])
    mixed = target_mask(seeds, ["Sputnik", MOSCOW_TIMES])
    assert sorted(seeds.loc[mixed, "article_id"]) == sorted([SPUTNIK, MOSCOW_TIMES])
    with pytest.raises(ValueError, match="names no outlet or article of this corpus: Sputnk"):
        target_mask(seeds, ["Sputnk", "UNN"])


def test_a_misspelt_outlet_is_named_with_the_outlets_there_are(seeds):
    with pytest.raises(ValueError, match=r"names no outlet or article of this corpus: sputnik "):
        keyness(seeds, "sputnik")  # case matters
    with pytest.raises(
        ValueError, match=r"its outlets: Censor.NET, Sputnik, The Moscow Times, UNN"
    ):
        keyness(seeds, ["UNN", "Sputnk"])
