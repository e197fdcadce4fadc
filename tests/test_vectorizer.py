"""LexiconVectorizer: category counts as a scikit-learn transformer."""

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from analysis import LexiconVectorizer, hits, load_lexicon


def test_counts_equal_hits_per_category(seeds, seed_sentences):
    vectorizer = LexiconVectorizer()
    matrix = vectorizer.fit_transform(seeds["text"])
    names = list(vectorizer.get_feature_names_out())
    assert names == load_lexicon().ids
    expected = (
        hits(seeds, sentences=seed_sentences)
        .groupby(["article_id", "category"])
        .size()
        .unstack(fill_value=0)
        .reindex(index=seeds["article_id"], columns=names, fill_value=0)
    )
    assert (matrix.toarray() == expected.to_numpy()).all()
    assert matrix[0, names.index("threat_warning")] == 8


def test_rates_and_pipeline_beside_tfidf(seeds):
    rates = LexiconVectorizer(per=1000).fit_transform(seeds["text"]).toarray()
    assert rates[0, 0] == np.float64(8 / 384 * 1000)
    union = FeatureUnion([("words", TfidfVectorizer()), ("rhetoric", LexiconVectorizer())])
    model = Pipeline([("features", union), ("clf", LogisticRegression())])
    y = seeds["outlet"].isin(["Sputnik"]).to_numpy()
    model.fit(seeds["text"], y)
    names = model.named_steps["features"].get_feature_names_out()
    assert "rhetoric__threat_warning" in names
    assert model.predict(seeds["text"]).shape == (5,)
