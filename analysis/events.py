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
stable for a given corpus.

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

from analysis.statements import table_records

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


def _tfidf_matrix(texts: pd.Series):
    """``_tfidf().fit_transform(texts)``, tokenising each distinct text once.

    The statements of one sentence share its text, so many rows repeat. The
    counts of the distinct texts, repeated row for row, are the counts
    TfidfVectorizer would build (same vocabulary, same sorted columns); its own
    TfidfTransformer then weights them, so the matrix is the same to the bit.
    Raises ValueError, as the vectoriser does, when every text is stop words.
    """
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

    codes, distinct = pd.factorize(texts, sort=False)
    vectorizer = _tfidf()
    # CountVectorizer's own fit_transform on the vectoriser: its counts, in its dtype
    counts = CountVectorizer.fit_transform(vectorizer, list(distinct))[codes]
    weighting = TfidfTransformer(
        norm=vectorizer.norm,
        use_idf=vectorizer.use_idf,
        smooth_idf=vectorizer.smooth_idf,
        sublinear_tf=vectorizer.sublinear_tf,
    )
    return weighting.fit(counts).transform(counts, copy=False)


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


def _same_day(a, b) -> bool:
    if pd.isna(a["event_date"]) or pd.isna(b["event_date"]):
        return (
            pd.isna(a["event_date"])
            and pd.isna(b["event_date"])
            and a["article_id"] == b["article_id"]
        )
    a_end = a["date_end"] if pd.notna(a["date_end"]) else a["event_date"]
    b_end = b["date_end"] if pd.notna(b["date_end"]) else b["event_date"]
    return a["event_date"] <= b_end and b["event_date"] <= a_end


def _same_voice(a, b) -> bool:
    if isinstance(a["speaker"], str) and a["speaker"] == b["speaker"]:
        return True
    return isinstance(a["camp"], str) and isinstance(b["camp"], str) and a["camp"] == b["camp"]


def _blocks(rows: pd.DataFrame) -> list[list[int]]:
    """Positions of the statements that may be linked with each other: one act, and
    overlapping date spans (a sweep over start dates), or one undated article."""
    blocks: list[list[int]] = []
    for _, group in rows.groupby("act", sort=True):
        dated = group[group["event_date"].notna()]
        first = dated["event_date"]
        last = dated["date_end"].where(dated["date_end"].notna(), first)
        order = np.argsort(first.to_numpy(), kind="stable")
        positions = dated.index.to_numpy()[order]
        firsts, lasts = first.to_numpy()[order], last.to_numpy()[order]
        current: list[int] = []
        reach = None
        for pos, f, la in zip(positions, firsts, lasts, strict=True):
            if current and f > reach:
                blocks.append(current)
                current, reach = [], None
            current.append(int(pos))
            reach = la if reach is None or la > reach else reach
        if current:
            blocks.append(current)
        undated = group[group["event_date"].isna()]
        by_article: dict = {}  # in order of first appearance, as groupby(sort=False)
        for pos, article_id in zip(undated.index, undated["article_id"], strict=True):
            if not pd.isna(article_id):
                by_article.setdefault(article_id, []).append(int(pos))
        blocks.extend(by_article.values())
    return [b for b in blocks if len(b) > 1]


def _cosines(matrix, pairs: list[tuple[int, int]], batch: int = 500) -> list[float]:
    """``matrix[i] . matrix[j]`` for each pair, from one sparse product per batch of
    pairs covering up to ``batch`` rows (not one per block: thousands of tiny
    products). An entry of a product depends only on its own two rows, so the
    values are the same whichever rows share the batch."""
    scores: list[float] = []
    start = 0
    while start < len(pairs):
        at: dict[int, int] = {}  # row of the matrix -> row of the batch
        end = start
        while end < len(pairs) and len(at) < batch:
            for k in pairs[end]:
                at.setdefault(k, len(at))
            end += 1
        sub = matrix[list(at)]
        sim = (sub @ sub.T).toarray()
        scores += [sim[at[i], at[j]] for i, j in pairs[start:end]]
        start = end
    return scores


def link_events(statements: pd.DataFrame, *, threshold: float = EVENT_SIMILARITY) -> pd.Series:
    """The ``event_id`` of each statement (a Series aligned with ``statements``).

    Only statements of one act whose date spans overlap (or undated ones of one
    article) are compared, so the work grows with the statements of a day, not
    with the square of the corpus.
    """
    n = len(statements)
    if n == 0:
        return pd.Series([], index=statements.index, dtype=object)
    rows = statements.reset_index(drop=True)
    try:
        matrix = _tfidf_matrix(rows["text"].fillna(""))  # rows L2-normalised: dot = cosine
    except ValueError:  # only stop words
        matrix = None
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    columns = ["article_id", "text", "counted", "speaker", "camp", "event_date", "date_end"]
    records = table_records(rows, columns)
    # The cheap conditions first; cosines only for the pairs that pass them.
    pairs = [
        (i, j)
        for block in _blocks(rows)
        for a_pos, i in enumerate(block)
        for j in block[a_pos + 1 :]
        if records[i]["counted"] == records[j]["counted"]
        and _same_voice(records[i], records[j])
        and _same_day(records[i], records[j])
    ]
    if matrix is None:
        scores = [float(records[i]["text"] == records[j]["text"]) for i, j in pairs]
    else:
        scores = _cosines(matrix, pairs)
    for (i, j), score in zip(pairs, scores, strict=True):
        if score >= threshold:
            parent[find(j)] = find(i)

    roots = [find(i) for i in range(n)]
    order = rows.assign(_root=roots, _date=rows["event_date"]).sort_values(
        ["_date", "article_id", "start", "act"], na_position="last", kind="stable"
    )
    names: dict[int, str] = {}
    for root in order["_root"]:
        if root not in names:
            names[root] = f"E{len(names) + 1:03d}"
    return pd.Series([names[r] for r in roots], index=statements.index, dtype=object)


def events(statements: pd.DataFrame) -> pd.DataFrame:
    """One row per event: who, what, when, and how many articles and outlets report it.

    ``statements`` must carry ``event_id`` (as :func:`analysis.statements` returns
    it). The event takes the date of its best-dated statement (a day from the
    text beats a publication date), its speaker from the first statement with one.
    """
    if statements.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in EVENT_COLUMNS})
    rank = statements["date_basis"].fillna("").str.startswith("text").map({True: 0, False: 1})
    ordered = statements.assign(_rank=rank).sort_values(
        ["event_id", "_rank", "event_date", "article_id", "start"], kind="stable"
    )
    rows = []
    for event_id, group in ordered.groupby("event_id", sort=True):
        first = group.iloc[0]
        speakers = group["speaker"].dropna()
        camps = group["camp"].dropna()
        outlets = sorted({str(o) for o in group["outlet"].dropna()})
        rows.append(
            {
                "event_id": event_id,
                "act": first["act"],
                "speaker": speakers.iloc[0] if len(speakers) else None,
                "camp": camps.iloc[0] if len(camps) else None,
                "event_date": first["event_date"],
                "date_end": first["date_end"],
                "date_basis": first["date_basis"],
                "counted": bool(group["counted"].all()),
                "repeated": bool(group["repeated"].any()),
                "score": float(
                    group["score"].min() if first["score"] < 0 else group["score"].max()
                ),
                "plover": first["plover"],
                "cameo": first["cameo"],
                "n_statements": len(group),
                "n_articles": group["article_id"].nunique(),
                "article_ids": ", ".join(sorted(group["article_id"].unique())),
                "outlets": ", ".join(outlets) if outlets else None,
                "text": first["text"],
            }
        )
    out = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    out["event_date"] = pd.to_datetime(out["event_date"])
    out["date_end"] = pd.to_datetime(out["date_end"])
    return out.sort_values(["event_date", "event_id"], na_position="last").reset_index(drop=True)
