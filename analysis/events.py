"""Events: the same statement reported by several outlets (or twice in one
article) counted once.

A corpus-wide reduction over the rows of :func:`analysis.statements`. Two
statements are linked when all of these hold:

- the same act (a threat and a rejection are two events);
- the same speaker, or the same camp when both camps are known (one outlet writes
  "Zakharova said", another "the ministry stated");
- the same day: their date spans (``event_date`` .. ``date_end``) overlap; two
  undated statements are linked only inside one article, never across articles;
- both counted, or both not (a negated statement is not the same event as a
  made one);
- similar wording: cosine similarity of their sentences' TF-IDF vectors
  (scikit-learn, English stop words removed, word unigrams and bigrams,
  sublinear tf, fitted on all the statements passed in) of at least
  :data:`EVENT_SIMILARITY`.

Linked statements form events by transitivity (connected components). Event ids
are ``E001``, ``E002``, ... in order of date, article and position, so they are
stable for a given corpus; past 999 events they have more digits (``E0001``), so
that they sort in that order as text too.

Threshold: 0.25, set on the seeds. The two reports of the 8 January 2026
"legitimate targets" threat (UNN and The Moscow Times) score 0.55; Polishchuk's
"open to discussing" offer, reported and then quoted in one Sputnik article,
0.29; the closest pair that is not the same statement (two different threats by
the same camp on the same day) 0.20. The vectoriser is fitted on the statements
passed in, so scores shift a little with the corpus; ``tests/test_events.py``
checks both sides of the line on the seeds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Minimum TF-IDF cosine similarity for two statements to be one event.
EVENT_SIMILARITY = 0.25

EVENT_COLUMNS = [
    "event_id",
    "act",
    "speaker",
    "camp",
    "event_date",
    "date_end",
    "date_basis",
    "counted",
    "repeated",
    "score",
    "plover",
    "cameo",
    "n_statements",
    "n_articles",
    "article_ids",
    "outlets",
    "text",
]


def _tfidf():
    """The TF-IDF settings of every comparison (scikit-learn is imported only when needed)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(stop_words="english", ngram_range=(1, 2), sublinear_tf=True)


def _tfidf_rows(texts: pd.Series):
    """The rows of ``_tfidf().fit_transform(texts)``, one per distinct text.

    Returns ``(codes, matrix)``: row ``codes[k]`` of ``matrix`` is that of
    ``texts[k]``. The statements of one sentence share its text, and reports of one
    wire story repeat it, so there are far fewer distinct texts than statements;
    each is tokenised and weighted once. A term's document frequency counts
    statements, not distinct texts, as the vectoriser does, and scikit-learn's own
    transformer then weights each row with that idf, so every row equals the
    vectoriser's to the bit (tested). Raises ValueError, as the vectoriser does,
    when every text is stop words.
    """
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

    codes, distinct = pd.factorize(texts, sort=False)
    vectorizer = _tfidf()
    # CountVectorizer's own fit_transform on the vectoriser: its counts, in its dtype
    counts = CountVectorizer.fit_transform(vectorizer, list(distinct))
    copies = np.bincount(codes, minlength=len(distinct))
    df = np.bincount(
        counts.indices,
        weights=np.repeat(copies, np.diff(counts.indptr)),
        minlength=counts.shape[1],
    )
    # TfidfTransformer's smooth idf, in its order of operations: log((1 + n) / (1 + df)) + 1
    idf = np.full_like(df, fill_value=len(codes) + 1, dtype=np.float64)
    idf /= df + 1.0
    np.log(idf, out=idf)
    idf += 1.0
    weighting = TfidfTransformer(
        norm=vectorizer.norm,
        use_idf=vectorizer.use_idf,
        smooth_idf=vectorizer.smooth_idf,
        sublinear_tf=vectorizer.sublinear_tf,
    ).fit(counts)
    weighting.idf_ = idf
    matrix = weighting.transform(counts, copy=False)
    matrix.sort_indices()  # columns in order in each row: see _pair_scores
    return codes.astype(np.int64), matrix


def similarity(texts) -> np.ndarray:
    """Pairwise TF-IDF cosine similarity of ``texts`` (the measure used to link; for
    inspection on small sets: the matrix is dense)."""
    from sklearn.metrics.pairwise import cosine_similarity

    texts = list(texts)
    if not texts:
        return np.zeros((0, 0))
    vectorizer = _tfidf()
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # only stop words
        return np.eye(len(texts))
    return cosine_similarity(matrix)


def _codes(values: pd.Series, *, strings_only: bool = False) -> np.ndarray:
    """Integer codes of ``values``; -1 for missing (and, with ``strings_only``, for
    anything that is not a string), which equals nothing, not even itself."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    codes = codes.astype(np.int64)
    if strings_only and len(uniques):
        other = np.array([not isinstance(u, str) for u in uniques])
        codes[(codes >= 0) & other[np.maximum(codes, 0)]] = -1
    return codes


def _combined(*keys: np.ndarray) -> np.ndarray:
    """One code per distinct combination of the integer ``keys`` (each >= -1),
    numbered in order of first appearance."""
    combined = np.zeros(len(keys[0]), dtype=np.int64)
    for key in keys:
        width = int(key.max()) + 2 if len(key) else 1
        combined = pd.factorize(combined * width + (key + 1), sort=False)[0].astype(np.int64)
    return combined


def _ranks(values: pd.Series) -> np.ndarray:
    """Dense ranks of ``values`` as pandas orders them (dates of any unit or time
    zone, or whatever else the column holds), missing values after all others."""
    return values.rank(method="dense", na_option="bottom").to_numpy(np.int64) - 1


def _day_numbers(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start and end of each statement's date span as ranks (ties equal, order kept),
    and whether it has a date. A missing ``date_end`` is the start."""
    first = rows["event_date"].reset_index(drop=True)
    dated = first.notna().to_numpy()
    end = rows["date_end"].reset_index(drop=True)
    last = end.where(end.notna().to_numpy(), first)
    spans = pd.concat([first[dated], last[dated]], ignore_index=True)
    ranks = _ranks(spans) if len(spans) else np.zeros(0, dtype=np.int64)
    n_dated = int(dated.sum())
    starts = np.full(len(rows), -1, dtype=np.int64)
    ends = np.full(len(rows), -1, dtype=np.int64)
    starts[dated] = ranks[:n_dated]
    ends[dated] = ranks[n_dated:]
    return starts, ends, dated


def _overlapping_pairs(group: np.ndarray, starts: np.ndarray, ends: np.ndarray, limit: int):
    """Pairs (i, j), i < j in order of start, of one ``group`` whose spans overlap
    (``starts[i] <= ends[j]`` and ``starts[j] <= ends[i]``), in batches of about
    ``limit`` pairs. ``group`` is -1 for rows that take no part."""
    taking = np.flatnonzero(group >= 0)
    if len(taking) < 2:
        return
    order = taking[np.lexsort((starts[taking], group[taking]))]
    g, first, last = group[order], starts[order], ends[order]
    width = int(max(first.max(), last.max())) + 2
    key = g * width + first  # sorted: group, then start
    # the rows after each one in its group that start no later than it ends
    reach = np.searchsorted(key, g * width + last, side="right")
    counts = np.maximum(reach - np.arange(1, len(order) + 1), 0)
    begin = 0
    while begin < len(order):
        total = np.cumsum(counts[begin:])
        stop = begin + max(1, int(np.searchsorted(total, limit, side="right")))
        n = counts[begin:stop]
        if n.sum():
            i = np.repeat(np.arange(begin, stop), n)
            offsets = np.repeat(np.cumsum(n) - n, n)
            j = i + 1 + np.arange(len(i)) - offsets
            keep = first[i] <= last[j]  # j may end before it starts
            yield order[i[keep]], order[j[keep]]
        begin = stop


def _pair_scores(matrix, i: np.ndarray, j: np.ndarray, batch: int = 50_000) -> np.ndarray:
    """Cosine of each pair of rows (``matrix`` rows are L2-normalised), ``batch``
    pairs at a time. Each value is the sum of the products of the two rows' shared
    columns in column order: ``(matrix @ matrix.T)[i, j]`` to the bit, whatever the
    batch, once the matrix has its columns in order in each row."""
    if not matrix.has_sorted_indices:
        matrix = matrix.sorted_indices()
    scores = np.empty(len(i), dtype=np.float64)
    ones = np.ones(matrix.shape[1])
    for at in range(0, len(i), batch):
        a, b = matrix[i[at : at + batch]], matrix[j[at : at + batch]]
        # a product with ones adds in column order (sum() would add pairwise)
        scores[at : at + batch] = a.multiply(b) @ ones
    return scores


def link_events(statements: pd.DataFrame, *, threshold: float = EVENT_SIMILARITY) -> pd.Series:
    """The ``event_id`` of each statement (a Series aligned with ``statements``).

    Only statements of one act, one ``counted`` and one voice (speaker, or camp)
    whose date spans overlap (or undated ones of one article) are compared, so the
    work grows with the statements of a voice and a day, not with the square of
    the corpus. Statements that agree on all of these and on their text are
    compared once: they score the same against every other.
    """
    n = len(statements)
    if n == 0:
        return pd.Series([], index=statements.index, dtype=object)
    rows = statements.reset_index(drop=True)
    texts = rows["text"].fillna("")
    try:  # row text[k] of the matrix is statement k's; L2-normalised: dot = cosine
        text, matrix = _tfidf_rows(texts)
    except ValueError:  # only stop words: the same text or not (a missing one is neither)
        text, matrix = _codes(rows["text"]), None
    act = _codes(rows["act"])
    counted = _codes(rows["counted"])
    speaker = _codes(rows["speaker"], strings_only=True)
    camp = _codes(rows["camp"], strings_only=True)
    starts, ends, dated = _day_numbers(rows)
    article = np.where(dated, -1, _codes(rows["article_id"]))
    takes_part = (act >= 0) & (counted >= 0) & (dated | (article >= 0))
    takes_part &= (speaker >= 0) | (camp >= 0)

    if matrix is None:
        self_score = (text >= 0).astype(np.float64)
    else:
        distinct = np.arange(matrix.shape[0])
        self_score = _pair_scores(matrix, distinct, distinct)[text]
    # Statements equal in everything compared score the same against every other, so
    # only the first of them is compared, and the others join it: if a statement is
    # linked to itself (it has words beyond stop words, and its span does not end
    # before it starts). Any other statement is compared on its own.
    joins_copies = takes_part & (self_score >= threshold) & (~dated | (starts <= ends))
    alone = np.where(joins_copies, -1, np.arange(n))
    rep = _combined(act, counted, speaker, camp, starts, ends, article, text, alone)
    rep = np.unique(rep, return_index=True)[1][rep]  # the first row with the same values
    copies = rep != np.arange(n)
    edges_i, edges_j = [rep[copies]], [np.flatnonzero(copies)]
    lead = takes_part & (rep == np.arange(n))

    # Dated statements overlap in time; undated ones share their article (one "day").
    when_start = np.where(dated, starts, 0)
    when_end = np.where(dated, ends, 0)
    when = np.where(dated, -1, article)
    for voice, other in ((camp, None), (speaker, camp)):
        member = lead & (voice >= 0)
        group = np.where(member, _combined(act, counted, voice, when), -1)
        for i, j in _overlapping_pairs(group, when_start, when_end, limit=1_000_000):
            if other is not None:  # already compared by camp
                fresh = ~((other[i] >= 0) & (other[i] == other[j]))
                i, j = i[fresh], j[fresh]
            if matrix is None:
                scores = ((text[i] == text[j]) & (text[i] >= 0)).astype(np.float64)
            else:
                scores = _pair_scores(matrix, text[i], text[j])
            passing = scores >= threshold
            edges_i.append(i[passing])
            edges_j.append(j[passing])

    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    i, j = np.concatenate(edges_i), np.concatenate(edges_j)
    graph = coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    roots = connected_components(graph, directed=False)[1]
    # Events numbered in order of their first statement by date, article, position and
    # act (missing values last; ties in table order).
    keys = [_ranks(rows[name]) for name in ("act", "start", "article_id", "event_date")]
    order = np.lexsort(keys)  # the last key sorts first
    first_seen = np.unique(roots[order], return_index=True)[1]  # per root, in root order
    number = np.empty(len(first_seen), dtype=np.int64)
    number[np.argsort(first_seen, kind="stable")] = np.arange(len(first_seen))
    width = max(3, len(str(len(first_seen))))  # E001, or E0001 past 999: ids sort as numbers
    names = np.array([f"E{k + 1:0{width}d}" for k in range(len(first_seen))], dtype=object)
    return pd.Series(names[number[roots]], index=statements.index, dtype=object)


def events(statements: pd.DataFrame) -> pd.DataFrame:
    """One row per event: who, what, when, and how many articles and outlets report it.

    ``statements`` must carry ``event_id`` (as :func:`analysis.statements` returns
    it). The event takes the date of its best-dated statement (a day from the
    text beats a publication date), its speaker from the first statement with one.
    """
    statements = statements[statements["event_id"].notna()]  # not linked: in no event
    if statements.empty:  # the columns' own dtypes: ev[ev["counted"]] must select rows
        dtypes = {"counted": bool, "repeated": bool, "score": float, "n_statements": int}
        dtypes |= {"n_articles": int, "event_date": "datetime64[ns]", "date_end": "datetime64[ns]"}
        return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, object)) for c in EVENT_COLUMNS})
    rank = statements["date_basis"].fillna("").str.startswith("text").map({True: 0, False: 1})
    ordered = statements.assign(_rank=rank).sort_values(
        ["event_id", "_rank", "event_date", "article_id", "start"], kind="stable"
    )
    # Whole columns per event, not a Python loop over the groups (a second per
    # thousand events): the first row of each event in that order, and its aggregates.
    first = ordered.drop_duplicates("event_id", keep="first").set_index("event_id")
    groups = ordered.groupby("event_id", sort=True)
    lowest, highest = groups["score"].min(), groups["score"].max()

    def joined(column: str) -> pd.Series:
        """Each event's distinct values of ``column``, sorted, joined by ", "."""
        values = ordered[["event_id", column]].dropna()
        values = values.assign(**{column: values[column].astype(str)}).drop_duplicates()
        values = values.sort_values(["event_id", column], kind="stable")
        return values.groupby("event_id", sort=True)[column].agg(", ".join)

    index = first.index.sort_values()
    first = first.reindex(index)
    out = pd.DataFrame(
        {
            "event_id": index.to_numpy(object),
            "act": first["act"].to_numpy(object),
            "speaker": groups["speaker"].first().reindex(index).to_numpy(object),
            "camp": groups["camp"].first().reindex(index).to_numpy(object),
            "event_date": first["event_date"].to_numpy(),
            "date_end": first["date_end"].to_numpy(),
            "date_basis": first["date_basis"].to_numpy(object),
            "counted": groups["counted"].all().reindex(index).to_numpy(bool),
            "repeated": groups["repeated"].any().reindex(index).to_numpy(bool),
            "score": np.where(first["score"] < 0, lowest.reindex(index), highest.reindex(index)),
            "plover": first["plover"].to_numpy(object),
            "cameo": first["cameo"].to_numpy(object),
            "n_statements": groups.size().reindex(index).to_numpy(np.int64),
            "n_articles": groups["article_id"].nunique().reindex(index).to_numpy(np.int64),
            "article_ids": joined("article_id").reindex(index).to_numpy(object),
            "outlets": joined("outlet").reindex(index).to_numpy(object),
            "text": first["text"].to_numpy(object),
        },
        columns=EVENT_COLUMNS,
    )
    out["score"] = out["score"].astype(float)
    out["outlets"] = out["outlets"].where(out["outlets"].notna(), None)
    out["event_date"] = pd.to_datetime(out["event_date"])
    out["date_end"] = pd.to_datetime(out["date_end"])
    return out.sort_values(["event_date", "event_id"], na_position="last").reset_index(drop=True)
