"""Keyword in context on the seeds."""

from conftest import MOSCOW_TIMES, UNN

from analysis import kwic, kwic_html


def test_kwic_of_a_pattern(seeds, seed_sentences):
    rows = kwic(seeds, "legitimate * targets", window=30, sentences=seed_sentences)
    texts = dict(zip(seeds["article_id"], seeds["text"], strict=True))
    assert list(rows["article_id"]) == [UNN, MOSCOW_TIMES, MOSCOW_TIMES]
    assert list(rows["outlet"]) == ["UNN", "The Moscow Times", "The Moscow Times"]
    for row in rows.itertuples(index=False):
        text = texts[row.article_id]
        assert text[row.start : row.end] == row.match
        assert text[row.start - len(row.pre) : row.start] == row.pre
        assert text[row.end : row.end + len(row.post)] == row.post
        assert len(row.pre) == 30
    assert rows["pre"].iloc[0].endswith("facilities will be considered ")
    assert rows["post"].iloc[2].startswith(" for the Russian Armed Forces")


def test_kwic_of_a_category_and_html(seeds, seed_sentences):
    rows = kwic(seeds, "delegitimising_labels", sentences=seed_sentences)
    assert set(rows["category"]) == {"delegitimising_labels"}
    assert (rows["match"] == "axis of war").sum() == 2
    html = kwic_html(rows, max_rows=3)
    assert html._repr_html_() == str(html)
    assert html.count("<mark") == 3 and "more rows" in html
    assert "<b>Kyiv regime</b></mark>" in kwic_html(rows)


def test_kwic_escapes_html(seeds, seed_sentences):
    corpus = seeds.head(1).assign(text="<b>the Kyiv regime</b> & co")
    html = kwic_html(kwic(corpus, "kyiv regime", sentences=seed_sentences.head(0)))
    assert "&lt;b&gt;the" in html and "&amp; co" in html
