"""Linking statements into events (analysis.events).

The statement rows here are written by hand with the sentences of the seeds,
as ``analysis.statements`` returns them.
"""

import pandas as pd
import pytest
from conftest import MOSCOW_TIMES, UNN

from analysis import Tables
from analysis.events import EVENT_SIMILARITY, events, link_events, similarity

UNN_TARGETS = (
    "All such units and facilities will be considered legitimate combat targets of the "
    "Russian Armed Forces."
)
MT_TARGETS = (
    '"All such units and facilities will be considered legitimate military targets for the '
    'Russian Armed Forces," Zakharova said Thursday, repeating a threat previously uttered by '
    "Putin."
)
UNN_INTERVENTION = (
    "In this regard, the Russian Foreign Ministry warns that the deployment of military units, "
    "military facilities, warehouses, and other infrastructure of Western countries on the "
    "territory of Ukraine will be qualified as foreign intervention, posing a direct threat to "
    "the security not only of Russia but also of other European countries."
)
SPUTNIK_THREAT = (
    "Any foreign military presence in Ukraine will be viewed as a threat to Russia and carries "
    "the risk of a direct military clash, Russian Foreign Ministry spokeswoman Maria Zakharova "
    "said on Wednesday."
)
POLISHCHUK_REPORTED = (
    "Commenting on the conditions for direct talks with Kiev, he said that Russia is open to "
    "discussing serious proposals that take into account modern realities."
)
POLISHCHUK_DIRECT = (
    '"The Russian side is open to discussing serious and realistic proposals that take into '
    "account modern realities and lead to eliminating the root causes of the Ukrainian crisis "
    'and achieving a truly comprehensive, fair and lasting peace," Polishchuk explained.'
)
PUTIN = (
    "On Wednesday, he said that fighting in Ukraine would continue if no agreement is reached "
    "with Kiev."
)


def st(article, text, act, speaker, camp, date, *, outlet=None, start=0, counted=True):
    day = pd.Timestamp(date) if date else pd.NaT
    return {
        "article_id": article,
        "start": start,
        "text": text,
        "act": act,
        "speaker": speaker,
        "camp": camp,
        "event_date": day,
        "date_end": day,
        "date_basis": "publication date" if date else "unknown",
        "counted": counted,
        "repeated": False,
        "score": -7.0 if act == "threat" else 4.0,
        "plover": "THREATEN" if act == "threat" else "AGREE",
        "cameo": "138" if act == "threat" else "036",
        "outlet": outlet,
    }


@pytest.fixture
def rows():
    return pd.DataFrame(
        [
            st(
                "000",
                UNN_INTERVENTION,
                "threat",
                "Russian Foreign Ministry",
                "Russia",
                "2026-01-08",
                outlet="UNN",
                start=100,
            ),
            st(
                "000",
                UNN_TARGETS,
                "threat",
                "Russian Foreign Ministry",
                "Russia",
                "2026-01-08",
                outlet="UNN",
                start=400,
            ),
            st(
                "004",
                MT_TARGETS,
                "threat",
                "Maria Zakharova",
                "Russia",
                "2026-01-08",
                outlet="The Moscow Times",
                start=900,
            ),
            st(
                "002",
                SPUTNIK_THREAT,
                "threat",
                "Maria Zakharova",
                "Russia",
                None,
                outlet="Sputnik",
                start=0,
            ),
            st(
                "002",
                POLISHCHUK_REPORTED,
                "proposal",
                "Alexey Polishchuk",
                "Russia",
                None,
                outlet="Sputnik",
                start=1500,
            ),
            st(
                "002",
                POLISHCHUK_DIRECT,
                "proposal",
                "Alexey Polishchuk",
                "Russia",
                None,
                outlet="Sputnik",
                start=1700,
            ),
            st("003", PUTIN, "threat", "Vladimir Putin", "Russia", "2025-09-03", start=1800),
        ]
    )


def test_two_outlets_one_statement(rows):
    ids = link_events(rows)
    # UNN's "the ministry stated" and The Moscow Times' "Zakharova said Thursday"
    assert ids[1] == ids[2]
    ev = events(rows.assign(event_id=ids)).set_index("event_id").loc[ids[1]]
    assert ev.n_articles == 2 and ev.n_statements == 2
    assert ev.outlets == "The Moscow Times, UNN"
    assert ev.event_date == pd.Timestamp("2026-01-08")


def test_different_threats_of_one_day_stay_apart(rows):
    ids = link_events(rows)
    assert ids[0] != ids[1]  # "qualified as foreign intervention" vs "legitimate targets"


def test_reported_then_quoted_in_one_undated_article_can_link(rows):
    # Polishchuk's offer, reported then quoted: undated, but one article, one speaker.
    # Its wording is close to the line (0.29 on the seeds, 0.25 in this small set), so
    # here the rule is checked with a threshold just below it.
    sim = similarity(rows["text"])
    assert sim[4, 5] > sim[0, 1]
    ids = link_events(rows, threshold=0.2)
    assert ids[4] == ids[5]
    assert ids[1] == ids[2] and ids[0] != ids[1]


def test_undated_statements_of_different_articles_are_never_linked(rows):
    same_words = rows.iloc[[3, 3]].reset_index(drop=True)
    same_words.loc[1, "article_id"] = "other"
    ids = link_events(same_words)
    assert ids[0] != ids[1]


def test_same_words_other_day_or_other_act_or_negated_stay_apart(rows):
    pair = rows.iloc[[1, 2]].reset_index(drop=True)
    assert link_events(pair).nunique() == 1
    other_day = pair.copy()
    other_day.loc[1, ["event_date", "date_end"]] = pd.Timestamp("2026-01-09")
    assert link_events(other_day).nunique() == 2
    other_act = pair.copy()
    other_act.loc[1, "act"] = "rejection"
    assert link_events(other_act).nunique() == 2
    negated = pair.copy()
    negated.loc[1, "counted"] = False
    assert link_events(negated).nunique() == 2
    other_camp = pair.copy()
    other_camp.loc[1, ["speaker", "camp"]] = ["Volodymyr Zelensky", "Ukraine"]
    assert link_events(other_camp).nunique() == 2


def test_overlapping_date_spans_link():
    a = st("004", MT_TARGETS, "threat", "Maria Zakharova", "Russia", "2026-01-08")
    b = st("000", UNN_TARGETS, "threat", "Russian Foreign Ministry", "Russia", "2026-01-05")
    b["date_end"] = pd.Timestamp("2026-01-07")  # "earlier this week"
    assert link_events(pd.DataFrame([a, b])).nunique() == 2
    b["date_end"] = pd.Timestamp("2026-01-11")  # "this week"
    assert link_events(pd.DataFrame([a, b])).nunique() == 1


def test_ids_follow_dates(rows):
    ids = link_events(rows)
    assert ids[6] == "E001"  # Putin, 3 September 2025, the earliest
    assert ids.iloc[3] > ids[2]  # undated events come last


def test_threshold_is_between_the_pairs(rows):
    sim = similarity(rows["text"])
    assert sim[1, 2] >= EVENT_SIMILARITY > sim[0, 1]


def test_events_of_nothing():
    assert events(pd.DataFrame(columns=["event_id"])).empty
    assert link_events(pd.DataFrame(columns=["text"])).empty


# --- the seeds ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_statements(seeds):
    return Tables(seeds).statements


def test_seed_events_one_statement_two_outlets(seed_statements):
    ev = events(seed_statements)
    shared = ev[ev["n_articles"] > 1]
    # on the seeds, exactly one statement is reported by two outlets
    assert len(shared) == 1
    (row,) = shared.itertuples()
    assert (row.act, row.camp, row.event_date) == ("threat", "Russia", pd.Timestamp("2026-01-08"))
    assert row.outlets == "The Moscow Times, UNN"
    assert row.article_ids == f"{UNN}, {MOSCOW_TIMES}"
    # the day named in the text ("Thursday") wins over UNN's publication date
    assert row.date_basis.startswith("text: 'Thursday'")


def test_statements_in_no_event_are_left_out_of_the_events(seed_statements):
    """A statement table without event ids (``link=False``, or edited by hand) has
    statements in no event: they make no event of their own."""
    unlinked = seed_statements.copy()
    unlinked.loc[unlinked.index[:3], "event_id"] = None
    ev = events(unlinked)
    pd.testing.assert_frame_equal(ev, events(unlinked[unlinked["event_id"].notna()]))
    assert ev["event_id"].notna().all() and (ev["n_statements"] >= 1).all()
    assert ev["n_statements"].sum() == len(seed_statements) - 3
    assert events(unlinked.assign(event_id=None)).empty


def test_seed_threshold_sits_between_same_and_different_statements(seed_statements):
    sim = similarity(seed_statements["text"])
    idx = seed_statements.index
    targets = idx[seed_statements.text.str.contains("legitimate")]
    assert sim[targets[0], targets[1]] == pytest.approx(0.55, abs=0.03)
    same_day_threats = idx[(seed_statements.act == "threat") & (seed_statements.article_id == UNN)]
    others = [sim[i, j] for i in same_day_threats for j in same_day_threats if i < j]
    assert max(others) < EVENT_SIMILARITY <= sim[targets[0], targets[1]]


def test_pair_scores_are_the_product_entries_whatever_the_batch(seeds):
    """_pair_scores multiplies pairs of rows a batch at a time; the values are those of
    one product of the whole matrix, to the bit."""
    import numpy as np

    from analysis.events import _pair_scores, _tfidf

    texts = list(Tables(seeds).sentences["text"])
    matrix = _tfidf().fit_transform(texts)
    assert not matrix.has_sorted_indices  # as the vectoriser leaves it
    whole = (matrix.sorted_indices() @ matrix.sorted_indices().T).toarray()
    pairs = [(i, j) for i in range(0, len(texts), 3) for j in range(i + 1, len(texts), 7)]
    i, j = (np.array(side) for side in zip(*pairs, strict=True))
    expected = whole[i, j]
    for batch in (2, 5, 40, 10_000):
        assert _pair_scores(matrix, i, j, batch=batch).tolist() == expected.tolist()
    assert (expected > 0).sum() > 50


def test_overlapping_pairs_are_every_pair_whose_spans_overlap():
    """Against all pairs checked one by one: random groups and spans, some of them
    ending before they start, cut into small batches."""
    import numpy as np

    from analysis.events import _overlapping_pairs

    rng = np.random.default_rng(7)
    n = 300
    group = rng.integers(-1, 6, n)
    starts = rng.integers(0, 40, n)
    ends = starts + rng.integers(-3, 6, n)
    ends[ends < 0] = 0
    found = set()
    for i, j in _overlapping_pairs(group, starts, ends, limit=50):
        assert len(i) <= 50 + n
        found |= {(min(a, b), max(a, b)) for a, b in zip(i.tolist(), j.tolist(), strict=True)}
    expected = {
        (a, b)
        for a in range(n)
        for b in range(a + 1, n)
        if group[a] >= 0 and group[a] == group[b] and starts[a] <= ends[b] and starts[b] <= ends[a]
    }
    assert found == expected and len(expected) > 400


def test_copies_of_a_statement_link_through_the_first(rows):
    """Statements equal in everything compared are scored once; each copy must still
    join the event of its first row, and copies of only stop words join nothing."""
    tripled = pd.concat([rows] * 3, ignore_index=True)
    ids = link_events(tripled)
    single = link_events(rows)
    n = len(rows)
    for k in range(n):
        assert ids[k] == ids[k + n] == ids[k + 2 * n]
    assert ids.nunique() == single.nunique()
    stop_words = rows.iloc[[1, 1]].assign(text="it is what it is")
    ids = link_events(pd.concat([rows, stop_words], ignore_index=True))
    assert ids[n] != ids[n + 1] and not {ids[n], ids[n + 1]} & set(ids[:n])


def test_tfidf_rows_are_the_vectorizers_rows(seed_statements):
    """One row per distinct text, weighted as if each statement had its own: equal to
    the vectoriser's matrix on every statement, to the bit."""
    import numpy as np

    from analysis.events import _tfidf, _tfidf_rows

    texts = pd.concat([seed_statements["text"]] * 2 + [seed_statements["text"].head(9)])
    codes, matrix = _tfidf_rows(texts)
    assert matrix.shape[0] == seed_statements["text"].nunique() < len(texts)
    expected = _tfidf().fit_transform(list(texts)).sorted_indices()
    got = matrix[codes]
    assert got.shape == expected.shape
    assert (got.indptr == expected.indptr).all() and (got.indices == expected.indices).all()
    assert np.array_equal(got.data, expected.data)


def _reference_link(rows: pd.DataFrame, threshold: float) -> list[str]:
    """The rules of the module doc, pair by pair (quadratic: for small tables)."""
    from analysis.events import _tfidf

    rows = rows.reset_index(drop=True)
    matrix = _tfidf().fit_transform(list(rows["text"].fillna(""))).sorted_indices()
    score = (matrix @ matrix.T).toarray()
    parent = list(range(len(rows)))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    def span(r):
        end = r.date_end if pd.notna(r.date_end) else r.event_date
        return r.event_date, end

    records = list(rows.itertuples())
    for i, a in enumerate(records):
        for j in range(i + 1, len(records)):
            b = records[j]
            if a.act != b.act or a.counted != b.counted:
                continue
            same_speaker = isinstance(a.speaker, str) and a.speaker == b.speaker
            same_camp = isinstance(a.camp, str) and isinstance(b.camp, str) and a.camp == b.camp
            if not (same_speaker or same_camp):
                continue
            if pd.isna(a.event_date) or pd.isna(b.event_date):
                both_undated = pd.isna(a.event_date) and pd.isna(b.event_date)
                if not (both_undated and a.article_id == b.article_id):
                    continue
            else:
                (a0, a1), (b0, b1) = span(a), span(b)
                if not (a0 <= b1 and b0 <= a1):
                    continue
            if score[i, j] >= threshold:
                parent[find(j)] = find(i)
    roots = [find(i) for i in range(len(rows))]
    order = rows.assign(_root=roots).sort_values(
        ["event_date", "article_id", "start", "act"], na_position="last", kind="stable"
    )
    names: dict[int, str] = {}
    for root in order["_root"]:
        names.setdefault(root, f"E{len(names) + 1:03d}")
    return [names[r] for r in roots]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_link_events_follows_the_rules_pair_by_pair(seed_statements, seed):
    """Against the rules applied to every pair: the seeds' statements three times
    over, shuffled, with speakers, camps, dates, spans, articles and negation
    changed at random (copies, undated rows, spans that end before they start)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    rows = pd.concat([seed_statements] * 3, ignore_index=True)
    rows = rows.sample(frac=1, random_state=seed).reset_index(drop=True)
    n = len(rows)

    def some(p):
        return rng.random(n) < p

    rows.loc[some(0.2), "speaker"] = None
    rows.loc[some(0.2), "camp"] = None
    rows.loc[some(0.1), "camp"] = "Ukraine"
    rows.loc[some(0.1), "counted"] = False
    rows.loc[some(0.1), "event_date"] = pd.NaT
    shift = some(0.2)
    rows.loc[shift, "event_date"] = rows.loc[shift, "event_date"] + pd.Timedelta(days=1)
    spread = some(0.2)
    days = pd.to_timedelta(rng.integers(-2, 6, n), unit="D")[spread]
    rows.loc[spread, "date_end"] = rows.loc[spread, "event_date"] + days
    rows.loc[some(0.05), "article_id"] = None
    rows.loc[some(0.05), "text"] = "it is what it is"
    rows.index = rows.index * 2 + 5  # ids align with the rows whatever their index
    for threshold in (EVENT_SIMILARITY, 0.1, 0.6):
        ids = link_events(rows, threshold=threshold)
        assert list(ids.index) == list(rows.index)
        assert ids.tolist() == _reference_link(rows, threshold)
    assert ids.nunique() < n  # some statements are linked


def test_codes_of_values_that_are_not_strings():
    from analysis.events import _codes

    values = pd.Series(["a", 3, None, "a", float("nan"), "b"], dtype=object)
    assert _codes(values, strings_only=True).tolist() == [0, -1, -1, 0, -1, 2]
    assert _codes(values).tolist() == [0, 1, -1, 0, -1, 2]


def test_copies_whose_span_ends_before_it_starts_still_link_to_others():
    """Two identical statements whose span runs backwards ("January 9 - 8") are not
    the same day as each other, but each overlaps a third: all three are one event."""
    base = st("a", MT_TARGETS, "threat", "Maria Zakharova", "Russia", "2026-01-09")
    backwards = {**base, "date_end": pd.Timestamp("2026-01-08")}
    third = {**base, "article_id": "c", "event_date": pd.Timestamp("2026-01-08")}
    third["date_end"] = pd.Timestamp("2026-01-10")
    rows = pd.DataFrame([backwards, {**backwards, "article_id": "b"}, third])
    assert link_events(rows).tolist() == ["E001"] * 3
    assert link_events(rows).tolist() == _reference_link(rows, EVENT_SIMILARITY)
    assert link_events(rows.iloc[:2]).nunique() == 2  # not the same day as each other


def test_missing_texts_are_not_the_same_text():
    pair = pd.DataFrame([st("a", None, "threat", "Maria Zakharova", "Russia", "2026-01-08")] * 2)
    assert link_events(pair).nunique() == 2
    stop_words = pair.assign(text="it is")
    assert link_events(stop_words).nunique() == 1  # equal texts of stop words only


def test_ids_sort_as_text_past_999_events():
    rows = pd.DataFrame(
        [
            st(f"a{k}", f"Statement number {k} about topic {k}.", "threat", "X", None, None)
            for k in range(1200)
        ]
    )
    ids = link_events(rows)
    assert ids.nunique() == 1200 and ids[0] == "E0001"
    assert sorted(ids) == [f"E{k:04d}" for k in range(1, 1201)]
    assert link_events(rows.head(5)).tolist()[0] == "E001"
