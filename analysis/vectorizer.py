"""LexiconVectorizer: dictionary category counts as a scikit-learn transformer."""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin


class LexiconVectorizer(TransformerMixin, BaseEstimator):
    """Turn documents (strings) into counts of each dictionary category.

    Drops into a :class:`~sklearn.pipeline.Pipeline` or
    :class:`~sklearn.pipeline.FeatureUnion` beside ``TfidfVectorizer``::

        FeatureUnion([("words", TfidfVectorizer()), ("rhetoric", LexiconVectorizer())])

    ``lexicon``: a :class:`~analysis.lexicon.Lexicon`, a path, or None for
    the suite's rhetoric dictionary. ``per``: None for raw counts, or a number
    of words (e.g. 1000) for rates. Matching is the same as :func:`analysis.hits`.
    """

    def __init__(self, lexicon=None, *, per=None):
        self.lexicon = lexicon
        self.per = per

    def fit(self, X, y=None):
        from .hits import resolve_lexicon

        self.lexicon_ = resolve_lexicon(self.lexicon)
        self.categories_ = np.array(self.lexicon_.ids, dtype=object)
        return self

    def transform(self, X):
        from sklearn.utils.validation import check_is_fitted

        from .corpus import count_words
        from .hits import matcher_for

        check_is_fitted(self, "categories_")
        if isinstance(X, str):
            raise ValueError("LexiconVectorizer expects an iterable of documents, not one string")
        matcher = matcher_for(self.lexicon_)
        column = {c: i for i, c in enumerate(self.categories_)}
        rows, cols, values = [], [], []
        n_docs = 0
        for i, doc in enumerate(X):
            n_docs += 1
            counts = {}
            for _s, _e, category, _term in matcher.find(doc):
                counts[column[category]] = counts.get(column[category], 0) + 1
            scale = 1.0
            if self.per:
                n = count_words(doc)
                scale = self.per / n if n else 0.0
            for j, n_hits in counts.items():
                rows.append(i)
                cols.append(j)
                values.append(n_hits * scale)
        shape = (n_docs, len(self.categories_))
        return sparse.csr_matrix((values, (rows, cols)), shape=shape, dtype=float)

    def get_feature_names_out(self, input_features=None):
        from sklearn.utils.validation import check_is_fitted

        check_is_fitted(self, "categories_")
        return np.array([f"{c}" for c in self.categories_], dtype=object)
