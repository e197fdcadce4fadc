"""load_corpus on the seeds (values checked by hand) and on bad input."""

import datetime as dt
import json
import re

import pandas as pd
import pytest
from conftest import CENSOR, MOSCOW_TIMES, NO_OUTLET, SPUTNIK, UNN, article

from analysis import SEEDS_DIR, CorpusError, count_words, iter_corpus, load_corpus
from analysis.corpus import COLUMNS


def test_seeds_have_five_articles_with_the_documented_columns(seeds):
    assert list(seeds.columns) == COLUMNS
    assert list(seeds["article_id"]) == [UNN, CENSOR, SPUTNIK, NO_OUTLET, MOSCOW_TIMES]


def test_raw_is_the_file_exactly(seeds):
    for row in seeds.itertuples():
        assert row.raw == (SEEDS_DIR / f"{row.article_id}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("article_id", "title", "outlet", "published", "basis", "estimated"),
    [
        (UNN, None, "UNN", dt.date(2026, 1, 8), "catalog", False),
        (
            CENSOR,
            "Russian Foreign Ministry has spoken out against Western military presence in Ukraine",
            "Censor.NET",
            None,
            "unknown",
            False,
        ),
        (
            SPUTNIK,
            "Idea to Send 'Deterrent' Forces to Ukraine Prepares Foreign Intervention: "
            "Russian Foreign Ministry",
            "Sputnik",
            None,
            "unknown",
            False,
        ),
        (NO_OUTLET, None, None, dt.date(2025, 9, 4), "catalog", False),
        (
            MOSCOW_TIMES,
            "Russia Slams Ukrainian-European Plan for Peacekeeping Force",
            "The Moscow Times",
            dt.date(2026, 1, 8),
            "catalog",
            True,
        ),
    ],
)
def test_seed_metadata_matches_a_careful_reading(
    seeds, article_id, title, outlet, published, basis, estimated
):
    row = article(seeds, article_id)
    assert (row["title"] if isinstance(row["title"], str) else None) == title
    assert (row["outlet"] if isinstance(row["outlet"], str) else None) == outlet
    assert (None if pd.isna(row["published"]) else row["published"].date()) == published
    assert row["published_basis"] == basis
    assert row["published_estimated"] == estimated


def test_without_catalog_metadata_comes_from_the_text(tmp_path):
    for path in SEEDS_DIR.glob("*.txt"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    corpus = load_corpus(tmp_path).set_index("article_id")
    assert corpus.loc[UNN, "outlet"] == "UNN"
    assert corpus.loc[UNN, "outlet_basis"] == "text: ', UNN reports.' (outlet-reports)"
    assert corpus.loc[CENSOR, "outlet"] == "Censor.NET"
    assert corpus.loc[SPUTNIK, "outlet"] == "Sputnik"
    assert (
        corpus.loc[SPUTNIK, "outlet_basis"] == "text: 'Sputnik' (dateline-line)"
    )  # before 'told Sputnik'
    assert corpus.loc[MOSCOW_TIMES, "outlet"] == "The Moscow Times"
    assert corpus.loc[MOSCOW_TIMES, "outlet_basis"] == "boilerplate: moscow-times-support"
    # TASS is cited in 003 and credited under the photo in 004: neither is the publisher.
    assert pd.isna(corpus.loc[NO_OUTLET, "outlet"])
    # Dates only from the ' date ' line; nothing guessed for the others.
    assert corpus.loc[UNN, "published"] == pd.Timestamp("2026-01-08")
    assert corpus.loc[UNN, "published_basis"] == "header"
    assert corpus.loc[NO_OUTLET, "published"] == pd.Timestamp("2025-09-04")
    assert corpus[["published"]].isna().sum().item() == 3


def test_text_drops_the_date_line_appeal_and_photo_credit(seeds):
    unn = article(seeds, UNN)
    assert unn["text"].startswith("The deployment of troops")
    mt = article(seeds, MOSCOW_TIMES)["text"]
    assert mt.startswith("Russia Slams Ukrainian-European Plan for Peacekeeping Force\n")
    for gone in (
        "Support The Moscow Times",
        "Alexander Yarik",
        "TASS",
        "Dear readers",
        "newsletter",
        "Read more",
    ):
        assert gone not in mt
    assert mt.rstrip().endswith(
        "It is not one of the five Ukrainian regions that Moscow claims to have annexed."
    )
    assert (
        mt.count("axis of war") == 2
    )  # the lede and Zakharova's quote; nothing of the appeal left


def test_headline_is_kept_as_the_first_paragraph(seeds):
    for article_id in (CENSOR, SPUTNIK, MOSCOW_TIMES):
        row = article(seeds, article_id)
        assert row["text"].startswith(row["title"] + "\n")


def test_word_counts(seeds):
    assert count_words("Russia's pseudo-peacekeeping, 2014-2022 — and U.S. envoys.") == 6
    assert article(seeds, UNN)["n_words"] == count_words(article(seeds, UNN)["text"])
    assert article(seeds, UNN)["n_words"] == 384
    # the two bullet markers "- " of 001 and the two lone dashes "—" of 004 are not words
    assert article(seeds, CENSOR)["n_words"] == 340
    assert article(seeds, MOSCOW_TIMES)["n_words"] == 616


def test_load_report_lists_skipped_files(tmp_path):
    (tmp_path / "a.txt").write_text("Moscow said on Monday it rejects the plan.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    # a binary file without NUL bytes decodes as Latin-1, full of control characters
    # (8 + 1 + 18 + 33 = 60 of every 255 bytes: 01-08, 0b, 0e-1f, 7f-9f)
    (tmp_path / "archive.txt").write_bytes(bytes(range(1, 256)) * 4)
    corpus = load_corpus(tmp_path)
    assert list(corpus["article_id"]) == ["a"]
    skipped = dict((p.split("/")[-1], why) for p, why in corpus.attrs["load_report"].skipped)
    assert skipped == {
        "empty.txt": "empty file",
        "notes.pdf": "not a .txt/.md file",
        "picture.txt": "binary file (contains NUL bytes), not text",
        "archive.txt": "binary file (240 control characters in its first 1020), not text",
    }
    assert "Skipped 4" in str(corpus.attrs["load_report"])


def test_encodings_are_decoded_with_a_warning(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffKyiv’s allies met.".encode())
    (tmp_path / "cp1252.txt").write_bytes("Kyiv’s allies met in Paris – again.".encode("cp1252"))
    corpus = load_corpus(tmp_path).set_index("article_id")
    assert corpus.loc["bom", "raw"] == "Kyiv’s allies met."
    assert corpus.loc["cp1252", "raw"] == "Kyiv’s allies met in Paris – again."
    warnings = corpus.attrs["load_report"].warnings
    assert any("bom.txt" in w and "byte-order mark" in w for w in warnings)
    assert any("cp1252.txt" in w and "Windows-1252" in w for w in warnings)


def test_missing_path_is_an_error(monkeypatch, tmp_path):
    # a relative path names the folder it was looked for in: a notebook's kernel runs
    # in notebooks/, so "tests/data/..." is not found there
    monkeypatch.chdir(tmp_path)
    message = f"no-such-folder: no such file or folder (relative to {tmp_path})"
    with pytest.raises(CorpusError, match=re.escape(message)):
        load_corpus("no-such-folder")


def test_duplicate_ids_name_both_sources(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "b" / "x.md").write_text("Two.", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"duplicate article id 'x': .*a/x.txt and .*b/x.md"):
        load_corpus(tmp_path)


def test_header_lines_give_metadata(tmp_path):
    path = tmp_path / "story.md"
    path.write_text(
        "Title: Lavrov rejects peacekeepers\nDate: 12 March 2025\nSource: TASS\nURL: https://example.org/a\n\n"
        "Lavrov said on Tuesday that Russia rejects any peacekeepers.\n",
        encoding="utf-8",
    )
    row = load_corpus(path).iloc[0]
    assert row["title"] == "Lavrov rejects peacekeepers"
    assert row["published"] == pd.Timestamp("2025-03-12")
    assert row["published_basis"] == "header"
    assert (row["outlet"], row["outlet_basis"]) == ("TASS", "header")
    assert row["url"] == "https://example.org/a"
    assert row["text"] == "Lavrov said on Tuesday that Russia rejects any peacekeepers.\n"


def test_tables_csv_jsonl_parquet(tmp_path):
    rows = [
        {
            "id": "a1",
            "headline": "Kremlin warns",
            "body": "The Kremlin warned on Monday.",
            "date": "2025-03-03",
            "outlet": "RIA",
        },
        {
            "id": "a2",
            "headline": "",
            "body": "Kyiv said it was ready.",
            "date": "not a date",
            "outlet": "",
        },
        {"id": "a3", "headline": "", "body": "  ", "date": "", "outlet": ""},
    ]
    table = pd.DataFrame(rows)
    table.to_csv(tmp_path / "t.csv", index=False)
    (tmp_path / "t.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    table.to_parquet(tmp_path / "t.parquet")
    for name in ("t.csv", "t.jsonl", "t.parquet"):
        corpus = load_corpus(tmp_path / name)
        assert list(corpus["article_id"]) == ["a1", "a2"], name
        assert corpus.loc[0, "title"] == "Kremlin warns"
        assert corpus.loc[0, "published"] == pd.Timestamp("2025-03-03")
        assert corpus.loc[0, "published_basis"] == "table"
        assert pd.isna(corpus.loc[1, "published"])
        report = corpus.attrs["load_report"]
        assert report.skipped == [(f"{name} row 3", "empty text in column 'body'")]
        assert any("row 2" in w and "'not a date'" in w for w in report.warnings)


def test_outlet_names_from_a_table_header_or_text_are_one_outlet(tmp_path):
    """Kyiv Independent (a table), The Kyiv Independent (a header) and "..., the Kyiv
    Independent reports." (the text) are one outlet, not three bars in a chart."""
    (tmp_path / "a.txt").write_text("Outlet: Kyiv Independent\n\nTalks resumed.\n", "utf-8")
    (tmp_path / "b.txt").write_text("Talks resumed, the Kyiv Independent reports.\n", "utf-8")
    (tmp_path / "c.txt").write_text("Source: the guardian\n\nTalks resumed.\n", "utf-8")
    corpus = load_corpus(tmp_path).set_index("article_id")
    assert list(corpus["outlet"]) == [
        "The Kyiv Independent",
        "The Kyiv Independent",
        "The Guardian",
    ]
    assert list(corpus["outlet_basis"])[:2] == [
        "header",
        "text: ', the Kyiv Independent reports.' (outlet-reports)",
    ]
    table = pd.DataFrame({"id": ["x"], "text": ["Talks resumed."], "outlet": ["Moscow Times"]})
    assert load_corpus(table).loc[0, "outlet"] == "The Moscow Times"
    # a name the outlet list does not know stays as written
    table = pd.DataFrame({"id": ["x"], "text": ["Talks resumed."], "outlet": ["Dnipro Daily"]})
    assert load_corpus(table).loc[0, "outlet"] == "Dnipro Daily"


def test_a_table_without_an_id_column_says_how_ids_are_made(tmp_path):
    table = pd.DataFrame({"story_id": ["s1", "s2"], "body": ["One.", "Two."], "lang": ["en"] * 2})
    table.to_csv(tmp_path / "feed.csv", index=False)
    corpus = load_corpus(tmp_path / "feed.csv")
    assert list(corpus["article_id"]) == ["feed-1", "feed-2"]
    assert corpus.attrs["load_report"].warnings == [
        "feed.csv: no id column (looked for article_id, id, doc_id, document_id): ids are "
        "made from row numbers (feed-1, feed-2, ...); columns not read: story_id, lang"
    ]
    # the ids as they are made: zero-padded to the width of the row count
    pd.concat([table] * 6).to_csv(tmp_path / "feed.csv", index=False)
    corpus = load_corpus(tmp_path / "feed.csv")
    assert list(corpus["article_id"][:2]) == ["feed-01", "feed-02"]
    assert "(feed-01, feed-02, ...)" in corpus.attrs["load_report"].warnings[0]
    table.rename(columns={"story_id": "id"}).to_csv(tmp_path / "feed.csv", index=False)
    assert load_corpus(tmp_path / "feed.csv").attrs["load_report"].warnings == []


def test_dates_that_could_be_day_or_month_first_are_reported(tmp_path):
    """10/03/2025 is read month first (3 October), as dateutil does; the load report
    says so once for the corpus, and says when other dates show the day comes first."""
    table = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "text": ["One.", "Two.", "Three."],
            "date": ["10/03/2025", "2025-03-10", "3/3/2025"],
        }
    )
    table.to_csv(tmp_path / "t.csv", index=False)
    corpus = load_corpus(tmp_path / "t.csv")
    assert list(corpus["published"].dt.strftime("%Y-%m-%d")) == [
        "2025-10-03",
        "2025-03-10",
        "2025-03-03",
    ]
    assert corpus.attrs["load_report"].warnings == [
        "1 date(s) could be day or month first and were read month first, as in the US: "
        "the first, '10/03/2025' (t.csv row 1), as 2025-10-03. If they are day first, "
        "load with dayfirst=True (--dayfirst on the command line, DAYFIRST = True in a notebook), "
        "or write them as YYYY-MM-DD"
    ]
    table["date"] = ["10/03/2025", "11/03/2025", "13/03/2025"]
    table.to_csv(tmp_path / "t.csv", index=False)
    chunks = list(iter_corpus(tmp_path / "t.csv", chunk_size=1))
    (warning,) = chunks[-1].attrs["load_report"].warnings
    assert warning.startswith("2 date(s) could be day or month first")
    assert "but 1 other(s) can only be day first, such as '13/03/2025' (t.csv row 3)" in warning
    # told that the day comes first: 10 March, and nothing to report
    corpus = load_corpus(tmp_path / "t.csv", dayfirst=True)
    assert list(corpus["published"].dt.strftime("%m-%d")) == ["03-10", "03-11", "03-13"]
    assert corpus.attrs["load_report"].warnings == []
    chunks = list(iter_corpus(tmp_path / "t.csv", chunk_size=2, dayfirst=True))
    assert pd.concat(chunks)["published"].tolist() == corpus["published"].tolist()
    # a catalog's dates too, named by the catalog's line
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text("Talks resumed.\n", encoding="utf-8")
    (folder / "catalog.csv").write_text("article_id,published\na,05/04/2025\n", encoding="utf-8")
    (warning,) = load_corpus(folder).attrs["load_report"].warnings
    assert f"'05/04/2025' ({folder / 'catalog.csv'}:2), as 2025-05-04" in warning
    assert load_corpus(folder, dayfirst=True).loc[0, "published"] == pd.Timestamp("2025-04-05")


def test_an_empty_table_says_it_is_empty(tmp_path):
    (tmp_path / "e.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"e.jsonl: the table is empty: no columns and no rows"):
        load_corpus(tmp_path / "e.jsonl")


def test_table_without_text_column_lists_its_columns(tmp_path):
    pd.DataFrame({"id": [1], "headline": ["x"]}).to_csv(tmp_path / "t.csv", index=False)
    with pytest.raises(
        CorpusError, match=r"t.csv: no text column .*the table has columns: id, headline"
    ):
        load_corpus(tmp_path / "t.csv")


def test_dataframe_source_and_duplicate_rows():
    corpus = load_corpus(pd.DataFrame({"text": ["One.", "Two."]}))
    assert list(corpus["article_id"]) == ["row-1", "row-2"]
    with pytest.raises(CorpusError, match="duplicate article id 'x': row row 1 and row row 2"):
        load_corpus(pd.DataFrame({"id": ["x", "x"], "text": ["One.", "Two."]}))


def test_malformed_catalog_names_the_line(tmp_path):
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "catalog.csv").write_text(
        "article_id,published\na,2025-01-01\na,2025-01-02\n", encoding="utf-8"
    )
    with pytest.raises(CorpusError, match=r"catalog.csv:3: article_id 'a' already on line 2"):
        load_corpus(tmp_path)
    (tmp_path / "catalog.csv").write_text(
        "article_id,published\na,yesterday-ish\n", encoding="utf-8"
    )
    with pytest.raises(CorpusError, match=r"catalog.csv:2: cannot read the date 'yesterday-ish'"):
        load_corpus(tmp_path)
    (tmp_path / "catalog.csv").write_text("article_id,publisher\na,X\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="unknown catalog column"):
        load_corpus(tmp_path)
    (tmp_path / "catalog.csv").write_text('article_id,title\na,"x\nb,y,z\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="malformed catalog"):
        load_corpus(tmp_path)


# --- iter_corpus: the same rows in chunks ------------------------------------------------


def _missing_as_none(table: pd.DataFrame) -> pd.DataFrame:
    """Missing text values as None: a column that is empty in one chunk has object dtype."""
    table = table.copy()
    for name in table.columns:
        if table[name].dtype == object or pd.api.types.is_string_dtype(table[name]):
            table[name] = table[name].astype(object).where(table[name].notna(), None)
    return table


def assert_same_rows(chunks, corpus):
    joined = pd.concat(chunks, ignore_index=True)
    pd.testing.assert_frame_equal(
        _missing_as_none(joined), _missing_as_none(corpus), check_dtype=False
    )


def test_iter_corpus_chunks_are_the_loaded_corpus_with_catalog_and_report(seeds, tmp_path):

    for file in SEEDS_DIR.iterdir():
        (tmp_path / file.name).write_bytes(file.read_bytes())
    (tmp_path / "empty.txt").write_text("  \n")
    with (tmp_path / "catalog.csv").open("a") as catalog:
        catalog.write("not-here,,,,,,\n")
    corpus = load_corpus(tmp_path)
    chunks = list(iter_corpus(tmp_path, chunk_size=2))
    assert [len(c) for c in chunks] == [2, 2, 1]  # the empty file is skipped in the last chunk
    assert_same_rows(chunks, corpus)
    assert_same_rows(chunks, seeds.assign(source=corpus["source"]))
    report = chunks[0].attrs["load_report"]
    assert str(report) == str(corpus.attrs["load_report"])
    assert report.n_read == 5
    assert report.skipped == [(str(tmp_path / "empty.txt"), "empty file")]
    assert report.warnings[-1].endswith("catalog names 'not-here', which is not in the corpus")


def test_iter_corpus_numbers_table_rows_like_load_corpus(tmp_path):

    texts = {i: f"Article number {i}." for i in range(1, 15)}
    texts[3] = " "
    texts[7] = " " * 100 + "A late start."  # spaces longer than the head a reader looks at
    texts[9] = "\u00a0\u2003 " * 40  # blank beyond ASCII, longer than that head
    texts[11] = None
    rows = [
        {"text": texts[i], "title": f"Title {i}", "published": f"2025-01-{i:02d}"}
        for i in range(1, 15)
    ]
    for suffix, write in (
        (".jsonl", lambda t, p: t.to_json(p, orient="records", lines=True)),
        (".parquet", lambda t, p: t.to_parquet(p, index=False)),
    ):
        path = tmp_path / f"feed{suffix}"
        write(pd.DataFrame(rows), path)
        corpus = load_corpus(path)
        chunks = list(iter_corpus(path, chunk_size=5))
        assert [len(c) for c in chunks] == [4, 4, 3]
        assert_same_rows(chunks, corpus)
        assert list(corpus["article_id"][:3]) == ["feed-01", "feed-02", "feed-04"]
        late = corpus.set_index("article_id").loc["feed-07"]
        assert (late["raw"], late["title"], late["source"]) == (
            texts[7],
            "Title 7",
            f"feed{suffix} row 7",
        )
        assert late["published"] == pd.Timestamp("2025-01-07")
        assert chunks[0].attrs["load_report"].skipped == [
            (f"feed{suffix} row {i}", "empty text in column 'text'") for i in (3, 9, 11)
        ]


def test_iter_corpus_glob_of_shards_and_duplicates_across_them(tmp_path):

    pd.DataFrame({"id": ["a", "b"], "text": ["One.", "Two."]}).to_json(
        tmp_path / "part-0.jsonl", orient="records", lines=True
    )
    pd.DataFrame({"id": ["c"], "text": ["Three."]}).to_parquet(tmp_path / "part-1.parquet")
    corpus = load_corpus(tmp_path / "part-*")
    assert list(corpus["article_id"]) == ["a", "b", "c"]
    assert list(corpus["source"]) == [
        "part-0.jsonl row 1",
        "part-0.jsonl row 2",
        "part-1.parquet row 1",
    ]
    assert_same_rows(list(iter_corpus(str(tmp_path / "part-*"), chunk_size=1)), corpus)
    pd.DataFrame({"id": ["b"], "text": ["Again."]}).to_parquet(tmp_path / "part-2.parquet")
    with pytest.raises(
        CorpusError, match="duplicate article id 'b': part-0.jsonl row 2 and part-2"
    ):
        list(iter_corpus(tmp_path / "part-*", chunk_size=1))
    with pytest.raises(CorpusError, match="no files match"):
        load_corpus(tmp_path / "nothing-*.jsonl")


def test_iter_corpus_on_a_dataframe_and_bad_chunk_size():

    table = pd.DataFrame({"text": ["One. Two.", "", "Three.", "Four."], "outlet": ["UNN"] * 4})
    corpus = load_corpus(table)
    chunks = list(iter_corpus(table, chunk_size=2))
    assert [list(c["article_id"]) for c in chunks] == [["row-1"], ["row-3", "row-4"]]
    assert_same_rows(chunks, corpus)
    assert chunks[-1].attrs["load_report"].skipped == [("row row 2", "empty text in column 'text'")]
    missing = pd.DataFrame({"text": pd.array(["One.", pd.NA], dtype="string")})
    assert list(load_corpus(missing)["raw"]) == ["One."]  # not an article "<NA>"
    with pytest.raises(ValueError, match="chunk_size"):
        next(iter_corpus(table, chunk_size=0))


def test_count_words_equals_its_definition_on_random_text():
    """Whitespace-separated tokens with a letter or digit, whatever the whitespace."""
    import random
    import re

    from analysis.corpus import count_words

    rng = random.Random(7)
    alphabet = list("ab9_-—–•/&.,'’“”é Д") + [" ", "  ", "\n", "\t", "\xa0", "\u2009", "\x1c"]
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        expected = sum(1 for token in text.split() if re.search(r"[^\W_]|_", token))
        assert count_words(text) == expected, repr(text)
    assert count_words(" - the ministry stated") == 3


def test_catalog_errors_name_the_line_a_record_starts_on(tmp_path):
    catalog = tmp_path / "catalog.csv"
    catalog.write_text(
        'article_id,notes\na,"a note\nover two lines"\n\nb,x\na,again\n', encoding="utf-8"
    )
    with pytest.raises(CorpusError, match=r"catalog.csv:6: article_id 'a' already on line 2"):
        load_corpus(SEEDS_DIR, catalog=catalog)
    catalog.write_text("article_id,notes\na,x\nb,y,z\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"catalog.csv:3: malformed catalog: 3 fields"):
        load_corpus(SEEDS_DIR, catalog=catalog)
    catalog.write_bytes("article_id,notes\na,caf\xe9\n".encode("cp1252"))
    with pytest.raises(CorpusError, match=r"catalog.csv: the catalog is not UTF-8"):
        load_corpus(SEEDS_DIR, catalog=catalog)


def test_catalog_false_reads_the_texts_alone(tmp_path):
    for path in SEEDS_DIR.glob("*.txt"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    alone = load_corpus(SEEDS_DIR, catalog=False)
    copied = load_corpus(tmp_path)  # the same files without their catalog
    columns = ["article_id", "outlet", "outlet_basis", "published", "published_basis", "title"]
    pd.testing.assert_frame_equal(alone[columns], copied[columns])
    assert alone.set_index("article_id").loc[UNN, "outlet_basis"].endswith("(outlet-reports)")


def test_control_characters_counted_as_the_pattern_counts_them():
    import random

    from analysis.corpus import _CONTROL_CHARACTERS, count_control_characters

    rng = random.Random(3)
    alphabet = ["a", " ", "\t", "\n", "\x0c", "\r", "\x01", "\x08", "\x0b", "\x1f", "\x7f"]
    alphabet += ["\x80", "\x9f", "\xa0", "\xc2", "é", "’", "\u0100", "\U0001f600", "\ud800"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert count_control_characters(text) == len(_CONTROL_CHARACTERS.findall(text)), text


def test_folder_files_in_path_order(tmp_path):
    """Files are sorted by their path parts, as ``sorted`` sorts ``Path`` objects."""
    from analysis.corpus import LoadReport, _folder_files

    for name in ["b.txt", "a-b.txt", "a.txt", "a/z.txt", "a/b/c.txt", "a-c/x.txt", "B.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Some text.", encoding="utf-8")
    files, _ = _folder_files(tmp_path, LoadReport(str(tmp_path)))
    assert files == sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert [p.relative_to(tmp_path).as_posix() for p in files][:3] == [
        "B.txt",
        "a/b/c.txt",
        "a/z.txt",
    ]


def test_a_folder_of_tables_says_to_use_a_glob(tmp_path):
    """A folder holding only Parquet shards is no corpus of text files: an error that
    names the glob to use, not an empty corpus."""
    pd.DataFrame({"text": ["One article."]}).to_parquet(tmp_path / "part-00000.parquet")
    with pytest.raises(CorpusError, match=r"load_corpus\('.*/\*\.parquet'\)"):
        load_corpus(tmp_path)
    corpus = load_corpus(str(tmp_path / "*.parquet"))
    assert corpus["text"].tolist() == ["One article."]
