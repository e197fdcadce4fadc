"""Keyness: words and categories one group of articles uses more (or less) than the rest.

A reduction over the whole corpus (not article by article). For each feature
(a word, or a dictionary category) a 2×2 table compares its count in the
target group with its count in the reference group, against the number of
words in each. ``measure="chi2"`` is Pearson's chi-squared with Yates'
continuity correction (as in quanteda's ``textstat_keyness``);
``measure="lr"`` is the log-likelihood ratio G² (Dunning 1993). Both have one
degree of freedom; p-values come from the chi-squared distribution. On a
corpus of five articles, read them as a ranking, not as proof.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .corpus import WORD_RE

KEYNESS_COLUMNS = [
    "feature",
    "statistic",
    "p",
    "direction",
    "n_target",
    "n_reference",
    "rate_target",
    "rate_reference",
]


def target_mask(corpus: pd.DataFrame, target) -> np.ndarray:
    """Which articles form the target group.

    ``target`` is an outlet name or article id, a list/set of them (each value is
    looked for among the outlets, then the article ids), a boolean sequence aligned
    with the corpus, or a function of the corpus returning one. A value that names
    neither is an error, so a misspelt outlet does not silently shrink the group.
    """
    if callable(target):
        target = target(corpus)
    if isinstance(target, str):
        mask = (corpus["outlet"] == target).fillna(False).to_numpy(dtype=bool)
        if not mask.any():
            mask = (corpus["article_id"] == target).to_numpy(dtype=bool)
        if not mask.any():
            raise ValueError(_unknown([target], set(corpus["outlet"].dropna())))
    elif isinstance(target, set | frozenset | list | tuple) and not all(
        isinstance(t, bool | np.bool_) for t in target
    ):
        outlets = set(corpus["outlet"].dropna())
        ids = set(corpus["article_id"])
        unknown = sorted(str(t) for t in target if t not in outlets and t not in ids)
        if unknown:
            raise ValueError(_unknown(unknown, outlets))
        mask = corpus["outlet"].isin(list(target)).fillna(False).to_numpy(dtype=bool) | corpus[
            "article_id"
        ].isin(list(target)).to_numpy(dtype=bool)
    else:
        mask = np.asarray(target, dtype=bool)
    if mask.shape != (len(corpus),):
        raise ValueError("target must select articles of this corpus")
    if not mask.any() or mask.all():
        raise ValueError("target must select some articles but not all of them")
    return mask


def _unknown(names, outlets) -> str:
    """The message for target names that match no outlet or article id."""
    known = ", ".join(sorted(map(str, outlets))[:20]) or "none"
    return (
        f"target names no outlet or article of this corpus: {', '.join(map(str, names))} "
        f"(names are matched exactly, case included; its outlets: {known})"
    )


def _statistic(a, b, n_t, n_r, measure):
    """Signed-free statistic for counts a (target), b (reference) of totals n_t, n_r."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    c, d = n_t - a, n_r - b
    n = n_t + n_r
    observed = np.stack([a, b, c, d])
    row = np.stack([a + b, a + b, c + d, c + d])
    col = np.stack([np.full_like(a, n_t), np.full_like(a, n_r)] * 2)
    expected = row * col / n
    if measure == "chi2":
        diff = np.abs(observed - expected)
        diff = np.maximum(diff - 0.5, 0.0)  # Yates' correction
        return (diff**2 / expected).sum(axis=0)
    if measure == "lr":
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
        return 2 * terms.sum(axis=0)
    raise ValueError(f"measure must be 'chi2' or 'lr', not {measure!r}")


def keyness_table(counts: pd.DataFrame, n_target: int, n_reference: int, *, measure="chi2"):
    """Keyness from a table of ``feature``, ``n_target``, ``n_reference`` counts."""
    from scipy import stats  # imported here: scipy.stats costs a second at `import analysis`

    a, b = counts["n_target"].to_numpy(), counts["n_reference"].to_numpy()
    stat = _statistic(a, b, n_target, n_reference, measure)
    rate_t = a / n_target * 1000
    rate_r = b / n_reference * 1000
    out = counts.assign(
        statistic=stat,
        p=stats.chi2.sf(stat, 1),
        direction=np.where(rate_t > rate_r, "over", np.where(rate_t < rate_r, "under", "same")),
        rate_target=rate_t,
        rate_reference=rate_r,
    )
    signed = np.where(out["direction"] == "under", -out["statistic"], out["statistic"])
    order = np.lexsort((out["feature"].to_numpy(), -signed))
    result = out.iloc[order][KEYNESS_COLUMNS].reset_index(drop=True)
    result.attrs["measure"] = measure
    return result


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (:data:`analysis.WORD_RE`, the words ``n_words`` counts)."""
    return [t.lower().replace("\u2019", "'") for t in WORD_RE.findall(text)]


@dataclass
class KeynessCounts:
    """What keyness is computed from, for all or part of a corpus.

    Counts of two parts add up (``a += b``, or :func:`add_up` for many), so a
    corpus too large for memory is counted chunk by chunk, in any process, and
    :func:`keyness_from_counts` runs once on the sum: a reduction over vocabularies,
    not rows. ``n_target``/``n_reference`` are the words of each group (the
    denominators); ``names`` the outlets or article ids of a named target seen.
    """

    target: Counter = field(default_factory=Counter)
    reference: Counter = field(default_factory=Counter)
    n_target: int = 0
    n_reference: int = 0
    n_target_articles: int = 0
    n_articles: int = 0
    names: set = field(default_factory=set)
    outlets: set = field(default_factory=set)

    def __iadd__(self, other: KeynessCounts) -> KeynessCounts:
        self.target.update(other.target)  # in place: no copy of the vocabulary per chunk
        self.reference.update(other.reference)
        self.n_target += other.n_target
        self.n_reference += other.n_reference
        self.n_target_articles += other.n_target_articles
        self.n_articles += other.n_articles
        self.names |= other.names
        self.outlets |= other.outlets
        return self


def _named(target) -> list | None:
    """The names of a target given by name (an outlet or id, or a list of them)."""
    if isinstance(target, str):
        return [target]
    if isinstance(target, set | frozenset | list | tuple) and not all(
        isinstance(t, bool | np.bool_) for t in target
    ):
        return list(target)
    return None


def keyness_counts(
    corpus: pd.DataFrame,
    target,
    *,
    unit: str = "word",
    hits: pd.DataFrame | None = None,
    lexicon=None,
    stopwords=None,
    match: str = "both",
) -> KeynessCounts:
    """The counts of :func:`keyness` for the articles of ``corpus`` (all, or one chunk).

    ``target`` is a boolean sequence aligned with ``corpus``, or names: an outlet or
    article id, or a list of them, looked for among the outlets and the ids
    (``match="both"``), or only the outlets (``"outlet"``) or the ids (``"id"``).
    Whether each name was found, and whether the target splits the corpus, is
    checked on the sum (:func:`keyness_from_counts`), since a chunk may hold none of
    the target's articles.
    """
    names = _named(target)
    if names is not None:
        names = [n for n in names if not (n is None or (isinstance(n, float) and np.isnan(n)))]
        by_outlet = corpus["outlet"].isin(names).fillna(False).to_numpy(dtype=bool)
        by_id = corpus["article_id"].isin(names).fillna(False).to_numpy(dtype=bool)
        by_outlet = by_outlet & (match in ("both", "outlet"))
        by_id = by_id & (match in ("both", "id"))
        mask = by_outlet | by_id
        seen = set(corpus.loc[by_outlet, "outlet"]) | set(corpus.loc[by_id, "article_id"])
    else:
        mask = np.asarray(target, dtype=bool)
        seen = set()
        if mask.shape != (len(corpus),):
            raise ValueError("target must select articles of this corpus")
    counts = KeynessCounts(
        n_target_articles=int(mask.sum()),
        n_articles=len(corpus),
        names=seen,
        outlets=set(corpus["outlet"].dropna()),
    )
    if unit == "word":
        stop = {w.lower() for w in stopwords} if stopwords else set()
        for text, is_target in zip(corpus["text"], mask, strict=True):
            words = tokens(text)
            if is_target:
                counts.n_target += len(words)
            else:
                counts.n_reference += len(words)
            (counts.target if is_target else counts.reference).update(
                t for t in words if t not in stop
            )
    elif unit == "category":
        if hits is None:
            from .hits import hits as find_hits

            hits = find_hits(corpus, lexicon)
        counts.n_target = int(corpus.loc[mask, "n_words"].sum())
        counts.n_reference = int(corpus.loc[~mask, "n_words"].sum())
        in_target = hits["article_id"].isin(set(corpus.loc[mask, "article_id"]))
        counts.target.update(hits.loc[in_target, "category"].value_counts().to_dict())
        counts.reference.update(hits.loc[~in_target, "category"].value_counts().to_dict())
    else:
        raise ValueError(f"unit must be 'word' or 'category', not {unit!r}")
    return counts


def keyness_from_counts(
    counts: KeynessCounts,
    *,
    target=None,
    unit: str = "word",
    categories=None,
    measure: str = "chi2",
    min_count: int = 2,
) -> pd.DataFrame:
    """The table of :func:`keyness` from the (summed) counts of a whole corpus.

    Words need ``min_count`` occurrences in all; for categories, every one of
    ``categories`` (in that order) is listed, even with no hits. ``target`` (the
    one the counts were made with) is checked: a name that matches no outlet or
    article is an error, as is a target that selects no article or all of them.
    """
    names = _named(target)
    if names is not None:
        unknown = sorted(str(t) for t in names if t not in counts.names)
        if unknown:
            raise ValueError(_unknown(unknown, counts.outlets))
    if counts.n_target_articles in (0, counts.n_articles):
        raise ValueError("target must select some articles but not all of them")
    t, r = counts.target, counts.reference
    if unit == "word":
        features = sorted(f for f in set(t) | set(r) if t[f] + r[f] >= min_count)
    elif unit == "category":
        features = list(categories) if categories is not None else sorted(set(t) | set(r))
    else:
        raise ValueError(f"unit must be 'word' or 'category', not {unit!r}")
    table = pd.DataFrame(
        {
            "feature": features,
            "n_target": [int(t[f]) for f in features],
            "n_reference": [int(r[f]) for f in features],
        }
    )
    result = keyness_table(table, counts.n_target, counts.n_reference, measure=measure)
    result.attrs["unit"] = unit  # what a feature is: a word or a dictionary category
    return result


def keyness(
    corpus: pd.DataFrame,
    target,
    *,
    measure: str = "chi2",
    unit: str = "word",
    hits: pd.DataFrame | None = None,
    lexicon=None,
    min_count: int = 2,
    stopwords=None,
) -> pd.DataFrame:
    """Words (``unit="word"``) or dictionary categories (``unit="category"``)
    over- or under-used by the ``target`` articles against the rest.

    Returns ``feature``, ``statistic``, ``p``, ``direction`` ("over" or
    "under" in the target), ``n_target``, ``n_reference`` (counts),
    ``rate_target``, ``rate_reference`` (per 1,000 words), sorted from the most
    over-used to the most under-used. Words need ``min_count`` occurrences in
    all; ``stopwords`` (an iterable) are left out. Denominators: for words,
    the number of word tokens (:data:`analysis.WORD_RE`) in each group; for
    categories, ``corpus.n_words`` summed per group. For categories the counts
    are hits (computed with ``lexicon`` unless ``hits`` is given) and every
    category of the dictionary is listed, even with no hits. For a corpus in
    shards or on Dask, :func:`analysis.shards.shard_keyness` and
    :func:`analysis.dask.keyness` count chunk by chunk and give the same table for a
    target given by names.
    """
    if measure not in ("chi2", "lr"):
        raise ValueError(f"measure must be 'chi2' or 'lr', not {measure!r}")
    mask = target_mask(corpus, target)
    if unit == "category" and hits is None:
        from .hits import hits as find_hits

        hits = find_hits(corpus, lexicon)
    counts = keyness_counts(corpus, mask, unit=unit, hits=hits, stopwords=stopwords)
    categories = None
    if unit == "category":
        categories = hits.attrs.get("categories") or sorted(set(hits["category"]))
    return keyness_from_counts(
        counts, unit=unit, categories=categories, measure=measure, min_count=min_count
    )


def distinctive_terms(
    corpus: pd.DataFrame, *, by: str = "article_id", top: int = 10, **tfidf_options
) -> pd.DataFrame:
    """The terms with the highest TF-IDF weight in each group (scikit-learn).

    Articles are joined per group (``by``: "article_id", "outlet" or any
    column; missing values become "unknown"), weighted with
    :class:`sklearn.feature_extraction.text.TfidfVectorizer` (English stop
    words removed, unigrams and bigrams unless ``tfidf_options`` say
    otherwise). Returns ``group``, ``term``, ``tfidf`` and ``rank`` (1 = most
    distinctive), ``top`` rows per group.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    groups = corpus[by].astype("string").fillna("unknown").astype(str)
    docs = corpus.groupby(groups.to_numpy(), sort=True)["text"].apply("\n\n".join)
    options = {"stop_words": "english", "ngram_range": (1, 2), "sublinear_tf": True}
    options.update(tfidf_options)
    vectorizer = TfidfVectorizer(**options)
    matrix = vectorizer.fit_transform(docs.to_numpy())
    terms = vectorizer.get_feature_names_out()
    rows = []
    for i, group in enumerate(docs.index):
        weights = matrix.getrow(i).toarray().ravel()
        order = np.lexsort((terms, -weights))[:top]
        for rank, j in enumerate(order, start=1):
            if weights[j] > 0:
                rows.append((group, terms[j], float(weights[j]), rank))
    return pd.DataFrame(rows, columns=["group", "term", "tfidf", "rank"])


def check_options(target, unit: str, measure: str) -> None:
    """The checks of a chunked keyness that can be made before reading anything."""
    if measure not in ("chi2", "lr"):
        raise ValueError(f"measure must be 'chi2' or 'lr', not {measure!r}")
    if unit not in ("word", "category"):
        raise ValueError(f"unit must be 'word' or 'category', not {unit!r}")
    if _named(target) is None:
        raise TypeError(
            "keyness of a corpus in chunks needs a target given by names (an outlet or "
            f"article id, or a list of them), not {type(target).__name__}: a mask or a "
            "function would depend on the chunk"
        )


def stop_set(stopwords) -> frozenset:
    """``stopwords`` lower-cased, once (an iterator would be used up by the first chunk)."""
    return frozenset(w.lower() for w in stopwords) if stopwords else frozenset()


def chunk_counts(articles, hits, target, *, unit, stopwords, match, where="") -> KeynessCounts:
    """:func:`keyness_counts` of one chunk of an exported corpus, after checking that
    its hits are hits of its articles (the shards of two tables must be of the same
    chunks) and of the suite's dictionary (the categories listed)."""
    if hits is not None:
        stray = ~hits["article_id"].isin(set(articles["article_id"]))
        if stray.any():
            raise ValueError(
                f"{where}: hits of articles not in the same chunk of articles "
                f"({hits.loc[stray, 'article_id'].iloc[0]!r}); export both tables together"
            )
        from .hits import resolve_lexicon

        unknown = set(hits["category"]) - set(resolve_lexicon(None).ids)
        if unknown:
            raise ValueError(
                f"{where}: categories the suite's dictionary does not have: "
                f"{', '.join(sorted(map(str, unknown)))}"
            )
    return keyness_counts(articles, target, unit=unit, hits=hits, stopwords=stopwords, match=match)


def finish_chunked(total: KeynessCounts, target, *, unit, measure, min_count) -> pd.DataFrame:
    """The keyness table of counts added up over the chunks of an exported corpus."""
    categories = None
    if unit == "category":
        from .hits import resolve_lexicon

        categories = resolve_lexicon(None).ids
    return keyness_from_counts(
        total,
        target=target,
        unit=unit,
        categories=categories,
        measure=measure,
        min_count=min_count,
    )


def add_up(counts) -> KeynessCounts:
    """The sum of many :class:`KeynessCounts`, added in place (``sum()`` would copy the
    vocabulary at every step)."""
    total = KeynessCounts()
    for part in counts:
        total += part
    return total
