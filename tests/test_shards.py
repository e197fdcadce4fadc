"""Chunked, parallel export to Parquet shards: the same tables as one process in memory."""

import pandas as pd
import pytest

from analysis import SEEDS_DIR, TABLE_NAMES, Tables, load_corpus
from analysis.cli import main
from analysis.shards import export_shards, read_table, table_parts
from analysis.synthetic import synthetic_rows


def assert_same_tables(out, corpus):
    tables = Tables(corpus)
    for name in TABLE_NAMES:
        expected = tables[name].copy(deep=False)
        expected.attrs = {}
        pd.testing.assert_frame_equal(read_table(out, name), expected, obj=name)


def test_seeds_in_two_workers_give_the_tables_of_one_process(tmp_path, seeds):
    summary = export_shards(SEEDS_DIR, tmp_path, jobs=2, chunk_size=2, progress=False)
    assert summary.n_articles == 5 and summary.n_chunks == 3
    assert len(summary.peak_mb) >= 1  # memory measured in each worker that took a chunk
    for name in TABLE_NAMES:
        assert [p.name for p in table_parts(tmp_path, name)] == [
            "part-00000.parquet",
            "part-00001.parquet",
            "part-00002.parquet",
        ]
    assert_same_tables(tmp_path, seeds)
    report = (tmp_path / "load_report.txt").read_text()
    assert report == str(seeds.attrs["load_report"]) + "\n"
    assert summary.rows["sentences"] == len(Tables(seeds).sentences)


def test_generated_jsonl_shards_with_a_bad_row(tmp_path):
    rows = pd.DataFrame(list(synthetic_rows(n_articles=16, seed=11)))
    rows.loc[6, "text"] = ""
    rows.loc[9, "published"] = "sometime"
    rows.iloc[:11].to_json(tmp_path / "feed-0.jsonl", orient="records", lines=True)
    rows.iloc[11:].to_json(tmp_path / "feed-1.jsonl", orient="records", lines=True)
    source = str(tmp_path / "feed-*.jsonl")
    out = tmp_path / "out"
    summary = export_shards(source, out, jobs=2, chunk_size=4, progress=False)
    corpus = load_corpus(source)
    assert summary.n_articles == len(corpus) == 15
    assert_same_tables(out, corpus)
    report = (out / "load_report.txt").read_text()
    assert "feed-0.jsonl row 7: empty text in column 'text'" in report
    assert "feed-0.jsonl row 10: cannot read the date 'sometime'; left missing" in report
    assert report == str(corpus.attrs["load_report"]) + "\n"


def test_reductions_see_the_whole_table(tmp_path, monkeypatch):
    from analysis import tables

    def number_rows(table):
        return table.assign(corpus_row=range(len(table)))

    monkeypatch.setitem(tables.REDUCTIONS, "sentences", number_rows)
    export_shards(SEEDS_DIR, tmp_path, jobs=1, chunk_size=2, tables=["sentences"], progress=False)
    sentences = read_table(tmp_path, "sentences")
    assert list(sentences["corpus_row"]) == list(range(len(sentences)))
    assert len(table_parts(tmp_path, "sentences")) == 3  # written back part by part


def test_column_reductions_read_only_their_columns(tmp_path, monkeypatch):
    from analysis import tables

    seen = []

    def first_of_article(table):
        seen.append(list(table.columns))
        first = ~table["article_id"].duplicated()
        return pd.DataFrame({"first": first.to_numpy()}, index=table.index)

    reduction = tables.ColumnReduction(("article_id",), ("first",), first_of_article)
    monkeypatch.setitem(tables.REDUCTIONS, "sentences", reduction)
    export_shards(SEEDS_DIR, tmp_path, jobs=1, chunk_size=2, tables=["sentences"], progress=False)
    assert seen == [["article_id"]]
    sentences = read_table(tmp_path, "sentences")
    expected = Tables(load_corpus(SEEDS_DIR)).sentences
    assert sentences.drop(columns="first").equals(expected)
    assert sentences["first"].sum() == 5 and sentences.loc[0, "first"]
    # called on a whole table (Dask), it returns the table with the column added
    assert reduction(expected)["first"].tolist() == sentences["first"].tolist()


def test_export_command_with_jobs(tmp_path, capsys):
    code = main(
        [
            "export",
            "--corpus",
            str(SEEDS_DIR),
            "--out",
            str(tmp_path),
            "--jobs",
            "1",
            "--chunk-size",
            "4",
            "--tables",
            "articles,sentences",
            "--no-progress",
        ]
    )
    assert code == 0
    assert "5 articles" in capsys.readouterr().out
    assert len(read_table(tmp_path, "articles")) == 5
    assert not (tmp_path / "mentions").exists()
    with pytest.raises(FileNotFoundError, match="no shards"):
        read_table(tmp_path, "mentions")


def test_read_table_keeps_object_and_string_columns_apart(tmp_path):
    from analysis.shards import write_part

    first = pd.DataFrame({"event_id": pd.Series(["E001", None], dtype=object), "n": [1, 2]})
    first["name"] = pd.Series(["a", None], dtype="str")
    empty = first.iloc[:0].astype({"event_id": object, "name": object})
    write_part(first, tmp_path / "t" / "part-00000.parquet")
    write_part(empty, tmp_path / "t" / "part-00001.parquet")
    back = read_table(tmp_path, "t")
    pd.testing.assert_frame_equal(back, first)
    assert back["event_id"].tolist() == ["E001", None]


@pytest.fixture(scope="module")
def seed_shards(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed-shards")
    export_shards(SEEDS_DIR, out, jobs=1, chunk_size=2, tables=["articles", "hits"], progress=False)
    return out


@pytest.mark.parametrize(
    "target, unit, measure",
    [
        ("Sputnik", "word", "chi2"),
        (["UNN", "The Moscow Times"], "word", "lr"),
        ("Sputnik", "category", "lr"),
        (["UNN", "The Moscow Times"], "category", "chi2"),
    ],
)
def test_keyness_of_shards_equals_keyness_in_memory(seed_shards, target, unit, measure):
    """Counted one shard at a time (three shards of the seeds), added up: the table of
    keyness on the whole corpus, to the last digit."""
    from analysis import keyness
    from analysis.shards import shard_keyness

    assert len(table_parts(seed_shards, "articles")) == 3
    corpus = load_corpus(SEEDS_DIR)
    hits = Tables(corpus).hits if unit == "category" else None
    expected = keyness(corpus, target, unit=unit, measure=measure, hits=hits)
    got = shard_keyness(seed_shards, target, unit=unit, measure=measure)
    pd.testing.assert_frame_equal(got, expected)
    assert got.attrs == expected.attrs
    # 'deterrent': four times in Sputnik's article, which is in one shard only
    if target == "Sputnik" and unit == "word":
        assert got.set_index("feature").loc["deterrent", "n_target"] == 4


def test_keyness_of_shards_checks_the_target_on_the_whole_corpus(seed_shards):
    from analysis.shards import shard_keyness

    with pytest.raises(ValueError, match="names no outlet or article of this corpus: Sputnk"):
        shard_keyness(seed_shards, ["Sputnik", "Sputnk"])
    everything = ["Sputnik", "UNN", "The Moscow Times", "Censor.NET"]
    ids = list(load_corpus(SEEDS_DIR)["article_id"])
    with pytest.raises(ValueError, match="some articles but not all"):
        shard_keyness(seed_shards, everything + ids)


def test_keyness_of_shards_edge_cases(seed_shards, tmp_path):
    from analysis import keyness
    from analysis.shards import shard_keyness

    corpus = load_corpus(SEEDS_DIR)
    # stop words given as an iterator serve every shard, not only the first
    got = shard_keyness(seed_shards, "Sputnik", stopwords=iter(["the", "of"]))
    assert not {"the", "of"} & set(got["feature"])
    pd.testing.assert_frame_equal(got, keyness(corpus, "Sputnik", stopwords=["the", "of"]))
    # a mask or a function would depend on the chunk
    with pytest.raises(TypeError, match="target given by names"):
        shard_keyness(seed_shards, [True, False, False, False, False])
    with pytest.raises(ValueError, match="names no outlet or article"):
        shard_keyness(seed_shards, [None])
    # one string is an outlet if any article has it, else an id, as in memory
    rows = corpus[["article_id", "text", "title", "outlet", "published"]].copy()
    rows.loc[rows["outlet"] != "Sputnik", "article_id"] = rows["article_id"].where(
        rows.index != 0, "Sputnik"
    )
    renamed = load_corpus(rows)
    assert "Sputnik" in set(renamed["article_id"]) and "Sputnik" in set(renamed["outlet"])
    export_shards(rows, tmp_path / "renamed", jobs=1, chunk_size=2, progress=False)
    pd.testing.assert_frame_equal(
        shard_keyness(tmp_path / "renamed", "Sputnik"), keyness(renamed, "Sputnik")
    )
    # hits of other chunks than the articles' are an error, not counts in the wrong group
    export_shards(
        SEEDS_DIR, tmp_path / "mixed", jobs=1, chunk_size=3, tables=["hits"], progress=False
    )
    export_shards(
        SEEDS_DIR, tmp_path / "mixed", jobs=1, chunk_size=4, tables=["articles"], progress=False
    )
    with pytest.raises(ValueError, match="hits of articles not in the same chunk"):
        shard_keyness(tmp_path / "mixed", ["Sputnik", "UNN"], unit="category")


def test_keyness_of_shards_says_what_the_export_lacks(tmp_path):
    from analysis.shards import shard_keyness

    assert main(["export", "--corpus", str(SEEDS_DIR), "--out", str(tmp_path / "plain")]) == 0
    with pytest.raises(FileNotFoundError, match="an export without chunks: export again"):
        shard_keyness(tmp_path / "plain", "Sputnik")
    export_shards(SEEDS_DIR, tmp_path / "words", jobs=1, tables=["articles"], progress=False)
    with pytest.raises(FileNotFoundError, match="--tables articles,hits"):
        shard_keyness(tmp_path / "words", "Sputnik", unit="category")
    with pytest.raises(TypeError, match="not NoneType"):
        shard_keyness(tmp_path / "words", None)
