"""analysis.dask on a two-worker LocalCluster: the tables equal those of one process."""

import dask
import dask.dataframe as dd
import pandas as pd
import pytest
from dask.distributed import Client, LocalCluster

from analysis import SEEDS_DIR, TABLE_NAMES, Tables, load_corpus
from analysis.dask import dask_corpus, map_tables
from analysis.shards import read_table
from analysis.synthetic import synthetic_rows


@pytest.fixture(scope="module")
def client():
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def expected_tables(corpus):
    tables = Tables(corpus)
    out = {}
    for name in TABLE_NAMES:
        out[name] = tables[name].copy(deep=False)
        out[name].attrs = {}
    return out


def test_shards_on_two_workers_equal_one_process(client, tmp_path):
    rows = pd.DataFrame(list(synthetic_rows(n_articles=12, seed=5)))
    rows.loc[4, "text"] = " "
    rows.iloc[:7].to_json(tmp_path / "feed-0.jsonl", orient="records", lines=True)
    rows.iloc[7:].drop(columns="article_id").to_parquet(tmp_path / "feed-1.parquet")
    source = str(tmp_path / "feed-*")
    corpus = dask_corpus(source)
    assert corpus["sentences"].npartitions == 2  # one per shard
    computed = dask.compute(*(corpus[name] for name in TABLE_NAMES))
    expected = expected_tables(load_corpus(source))
    for name, table in zip(TABLE_NAMES, computed, strict=False):
        pd.testing.assert_frame_equal(table.reset_index(drop=True), expected[name], obj=name)
    report = corpus.report.compute()
    assert report.n_read == 11
    assert report.skipped == [("feed-0.jsonl row 5", "empty text in column 'text'")]
    assert "feed-1-1" in set(computed[0]["article_id"])  # ids numbered as load_corpus does
    # events are linked across partitions, and the statements stay in theirs
    statements = computed[TABLE_NAMES.index("statements")]
    first_feed = statements["article_id"].isin(set(rows.iloc[:7]["article_id"]))
    feeds = statements.assign(first_feed=first_feed).groupby("event_id")["first_feed"]
    assert (feeds.nunique() > 1).sum() == 1
    assert corpus["statements"].npartitions == 2


def test_folder_with_catalog_and_parquet_output(client, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for file in SEEDS_DIR.iterdir():
        (folder / file.name).write_bytes(file.read_bytes())
    (folder / "notes.docx").write_bytes(b"not an article")
    (folder / "empty.txt").write_text("")
    corpus = dask_corpus(folder, partition_size=2)
    assert corpus["articles"].npartitions == 3
    report = corpus.to_parquet(tmp_path / "out")
    loaded = load_corpus(folder)
    assert str(report) == str(loaded.attrs["load_report"])
    assert len(report.skipped) == 2  # the .docx when listing, the empty file when reading
    expected = expected_tables(loaded)
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(read_table(tmp_path / "out", name), expected[name], obj=name)


def test_shards_pass_on_dayfirst_and_the_date_warning(client, tmp_path):
    """Dates in JSON Lines shards read by the workers: the load report counts the
    ambiguous ones as load_corpus does, and dayfirst reaches the workers."""
    for i, date in enumerate(["10/03/2025", "11/03/2025"]):
        row = {"id": f"a{i}", "text": "Talks resumed.", "date": date}
        pd.DataFrame([row]).to_json(tmp_path / f"s{i}.jsonl", orient="records", lines=True)
    shards = str(tmp_path / "s*.jsonl")
    corpus = dask_corpus(shards, tables=["articles"])
    report = corpus.to_parquet(tmp_path / "out")
    assert str(report) == str(load_corpus(shards).attrs["load_report"])
    assert report.warnings[0].startswith("2 date(s) could be day or month first")
    corpus = dask_corpus(shards, tables=["articles"], dayfirst=True)
    published = corpus["articles"]["published"].compute().tolist()
    assert published == [pd.Timestamp("2025-03-10"), pd.Timestamp("2025-03-11")]


def test_map_tables_over_a_dask_frame_of_articles(client, seeds):
    articles = dd.from_pandas(seeds.copy(), npartitions=2, sort=False)
    with dask.config.set({"dataframe.convert-string": False}):
        tables = map_tables(articles, tables=["sentences", "mentions"])
        sentences, mentions = dask.compute(tables["sentences"], tables["mentions"])
    expected = expected_tables(seeds)
    pd.testing.assert_frame_equal(sentences.reset_index(drop=True), expected["sentences"])
    pd.testing.assert_frame_equal(mentions.reset_index(drop=True), expected["mentions"])


@pytest.mark.parametrize("unit", ["word", "category"])
def test_keyness_on_dask_equals_keyness_in_memory(client, unit):
    from analysis import keyness as keyness_in_memory
    from analysis.dask import keyness

    corpus = dask_corpus(SEEDS_DIR, partition_size=2)
    assert corpus["articles"].npartitions == 3
    loaded = load_corpus(SEEDS_DIR)
    hits = Tables(loaded).hits if unit == "category" else None
    target = ["UNN", "The Moscow Times"]
    expected = keyness_in_memory(loaded, target, unit=unit, measure="lr", hits=hits)
    got = keyness(corpus, target, unit=unit, measure="lr")
    pd.testing.assert_frame_equal(got, expected)


def test_to_parquet_loads_each_partition_once_and_checks_ids(tmp_path, monkeypatch):
    import analysis.dask as module
    from analysis.corpus import CorpusError

    calls = []
    real = module._partition_tables

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "_partition_tables", counted)
    with dask.config.set(scheduler="synchronous"):
        corpus = dask_corpus(SEEDS_DIR, partition_size=2, tables=["articles", "sentences"])
        corpus.to_parquet(tmp_path / "out")
        assert len(calls) == 3  # three partitions, each loaded once for every table
        rows = pd.DataFrame({"id": ["a", "b"], "text": ["One text.", "Another text."]})
        rows.to_json(tmp_path / "feed-0.jsonl", orient="records", lines=True)
        rows.to_json(tmp_path / "feed-1.jsonl", orient="records", lines=True)
        twice = dask_corpus(str(tmp_path / "feed-*.jsonl"), tables=["articles"])
        with pytest.raises(CorpusError, match="duplicate article ids: a, b"):
            twice.to_parquet(tmp_path / "dup")
        assert not (tmp_path / "dup" / "articles").exists()  # nothing half-written is left
