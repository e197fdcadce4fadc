"""The same per-article extraction on Dask: past one machine.

``dask_corpus(source)`` splits a corpus into partitions (one per JSON Lines or
Parquet shard, or ``partition_size`` text files of a folder), and each Dask
worker loads its partition with the loader's own per-article code and computes
every table with :class:`~analysis.tables.Tables`. The result holds a Dask
DataFrame per table (``corpus["sentences"]``) and the load report; computing
all of them, or writing them with :meth:`DaskCorpus.to_parquet`, loads and
processes each partition once. Corpus-level steps
(:data:`analysis.tables.REDUCTIONS`) run on their table once all partitions
are done: event linking gets only the nine columns it compares of every
statement, in one task, and sends the event ids back to the partitions.

``map_tables(articles)`` does the same over a Dask DataFrame of articles you
already have (the ``articles`` table, e.g. read back with ``dd.read_parquet``),
with ``map_partitions`` and explicit ``meta``.

Dask runs these on whatever scheduler is active: threads by default, or a
cluster after ``dask.distributed.Client("tcp://scheduler:8786")``; workers
must see the same files (a shared or cloud file system). See the README.
"""

from __future__ import annotations

import glob
import itertools
import operator
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import dask
import dask.dataframe as dd
import pandas as pd

from .corpus import (
    ChunkTask,
    CorpusError,
    CorpusReader,
    LoadReport,
    add_result,
    finish_report,
    load_chunk,
    rules_file,
)


@lru_cache(maxsize=1)
def _seed_tables() -> dict[str, pd.DataFrame]:
    """Empty tables with the columns and dtypes of a real run (on the seeds): Dask's meta."""
    from .config import SEEDS_DIR
    from .corpus import load_corpus
    from .tables import TABLE_NAMES, Tables

    tables = Tables(load_corpus(SEEDS_DIR))
    out = {}
    for name in TABLE_NAMES:
        table = tables[name].iloc[:0].copy()
        table.attrs = {}
        out[name] = table
    return out


def meta(name: str) -> pd.DataFrame:
    """The empty table (columns and dtypes) that Dask is told a partition of ``name`` is."""
    return _seed_tables()[name]


def _conform(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """A partition's table with the dtypes of :func:`meta` where the two differ only
    because the partition has no values (an empty table, a column without values)."""
    expected = meta(name)
    table = table.copy(deep=False)
    table.attrs = {}
    for column, dtype in expected.dtypes.items():
        if (
            column in table
            and table[column].dtype != dtype
            and (len(table) == 0 or table[column].isna().all())
        ):
            table[column] = table[column].astype(dtype)
    return table


def _partition_tables(spec, names, boilerplate, catalog, text_column, dayfirst=False) -> dict:
    """Load one partition and compute its tables; also what it adds to the load report."""
    from .tables import Tables

    rules = rules_file(boilerplate)
    skipped, warnings = [], []
    if isinstance(spec, ChunkTask):
        task = spec
    else:  # one table file, read here, in the worker
        reader = CorpusReader(
            spec, text_column=text_column, boilerplate=boilerplate, dayfirst=dayfirst
        )
        (task,) = list(reader.tasks())
        skipped, warnings = reader.report.skipped, reader.report.warnings
    corpus, result = load_chunk(task, rules, catalog)
    result.skipped[:0] = skipped
    result.warnings[:0] = warnings
    tables = Tables(corpus, chunk=True)
    out = {name: _conform(tables[name], name) for name in names}
    out["_result"] = result
    return out


def _report(source: str, results, catalog, listing_skipped) -> LoadReport:
    """The load report of the whole corpus from its partitions', as load_corpus gives it."""
    report = LoadReport(source)
    report.skipped.extend(listing_skipped)
    matched, notes = set(), {}
    for result in results:
        add_result(report, result)
        matched |= result.catalog_matched
        notes.update(result.catalog_notes)
    finish_report(report, catalog, matched, notes)
    return report


@dataclass
class DaskCorpus:
    """Dask DataFrames of every table of a corpus, and its load report (lazy)."""

    tables: dict[str, dd.DataFrame]
    report: object  # a dask Delayed that computes to the LoadReport

    def __getitem__(self, name: str) -> dd.DataFrame:
        if name not in self.tables:
            raise KeyError(f"no table {name!r}; tables are {', '.join(self.tables)}")
        return self.tables[name]

    def duplicate_ids(self) -> list[str]:
        """Article ids that more than one partition (or row) has; computed."""
        counts = self.tables["articles"]["article_id"].value_counts(split_out=1).compute()
        return sorted(counts[counts > 1].index)

    def to_parquet(self, out) -> LoadReport:
        """Write ``out/<table>/part-NNNNN.parquet`` (one file per partition) for every
        table, and ``out/load_report.txt``: the layout of ``export --jobs``, so
        :func:`analysis.shards.read_table` reads either.

        All tables are computed in one pass, so each partition is loaded once.
        Raises :class:`~analysis.corpus.CorpusError` if two articles share an id.
        """
        from .shards import PART, write_part

        out = Path(out)
        writes = []
        for name, table in self.tables.items():
            if (out / name).exists():
                shutil.rmtree(out / name)
            for i, piece in enumerate(table.to_delayed()):
                writes.append(dask.delayed(write_part)(piece, out / name / PART.format(i)))
        duplicates = []  # found in the same pass as the writes: each partition is loaded once
        if "articles" in self.tables:
            ids = [
                dask.delayed(operator.getitem)(part, "article_id")
                for part in self.tables["articles"].to_delayed()
            ]
            duplicates = dask.delayed(_duplicates)(ids)
        *_, report, duplicates = dask.compute(*writes, self.report, duplicates)
        if duplicates:
            for name in self.tables:
                shutil.rmtree(out / name, ignore_errors=True)
            raise CorpusError(f"duplicate article ids: {', '.join(duplicates[:10])}")
        (out / "load_report.txt").write_text(str(report) + "\n", encoding="utf-8")
        return report


def _duplicates(ids: list[pd.Series]) -> list[str]:
    """The article ids that occur more than once in these pieces, sorted."""
    counts = pd.concat(ids, ignore_index=True).value_counts()
    return sorted(counts[counts > 1].index)


def dask_corpus(
    source,
    *,
    tables: list[str] | None = None,
    partition_size: int = 500,
    catalog=None,
    text_column: str | None = None,
    boilerplate=None,
    dayfirst: bool = False,
) -> DaskCorpus:
    """Every table of ``source`` as a Dask DataFrame, one partition per shard or chunk.

    ``source`` is a glob of JSON Lines/Parquet shards (one partition each, read by
    the worker; shards without an id column get the ids :func:`load_corpus` gives),
    a single table file, or a folder of text files (``partition_size`` files per
    partition). The tables equal those of ``Tables(load_corpus(source))``, with
    corpus-level steps applied (see the module doc). ``catalog``, ``text_column``,
    ``boilerplate`` and ``dayfirst`` are those of :func:`~analysis.corpus.load_corpus`.
    """
    with dask.config.set(KEEP_DTYPES):
        return _dask_corpus(
            source, tables, partition_size, catalog, text_column, boilerplate, dayfirst
        )


# Keep the tables' own dtypes: by default Dask turns text columns into Arrow strings
# with pd.NA, and the tables would no longer equal those of load_corpus.
KEEP_DTYPES = {"dataframe.convert-string": False}


def _dask_corpus(source, tables, partition_size, catalog, text_column, boilerplate, dayfirst):
    from .corpus import read_catalog
    from .tables import REDUCTIONS, TABLE_NAMES

    names = list(TABLE_NAMES) if tables is None else list(tables)
    catalog_table = None
    listing_skipped: list = []  # files a folder listing leaves out (hidden, not text)
    text = str(source)
    if any(c in text for c in "*?[") and not Path(text).exists():
        specs = sorted(Path(p) for p in glob.glob(text))
        if not specs:
            raise CorpusError(f"{text}: no files match this pattern")
        if catalog is not None:
            catalog_table = read_catalog(catalog)
    else:
        path = Path(source)
        if path.is_file():
            specs = [path]
            if catalog is not None:
                catalog_table = read_catalog(catalog)
        else:  # a folder: list it here, read the files in the workers
            reader = CorpusReader(
                path, chunk_size=partition_size, catalog=catalog, dayfirst=dayfirst
            )
            specs = list(reader.tasks())
            catalog_table = reader.catalog
            listing_skipped = reader.report.skipped
    parts = [
        dask.delayed(_partition_tables, pure=True)(
            spec, names, boilerplate, catalog_table, text_column, dayfirst
        )
        for spec in specs
    ]
    frames = {}
    for name in names:
        pieces = [dask.delayed(operator.getitem)(part, name) for part in parts]
        frame = dd.from_delayed(pieces, meta=meta(name), verify_meta=False)
        if name in REDUCTIONS:
            frame = _reduce(frame, REDUCTIONS[name], name)
        frames[name] = frame
    results = [dask.delayed(operator.getitem)(part, "_result") for part in parts]
    report = dask.delayed(_report)(text, results, catalog_table, listing_skipped)
    return DaskCorpus(frames, report)


def _tables_of(articles: pd.DataFrame, name: str) -> pd.DataFrame:
    from .tables import Tables

    return _conform(Tables(articles, chunk=True)[name], name)


def map_tables(articles: dd.DataFrame, *, tables: list[str] | None = None) -> dict:
    """Tables of a Dask DataFrame of loaded articles, by ``map_partitions``.

    ``articles`` has the columns of :func:`load_corpus` (e.g. ``dd.read_parquet`` of
    an exported ``articles`` table). Each table is computed per partition with
    explicit ``meta``; corpus-level steps as in :func:`dask_corpus`.
    """
    with dask.config.set(KEEP_DTYPES):
        return _map_tables(articles, tables)


def _map_tables(articles, tables):
    from .tables import REDUCTIONS, TABLE_NAMES

    names = [n for n in (list(TABLE_NAMES) if tables is None else tables) if n != "articles"]
    out = {"articles": articles}
    for name in names:
        frame = articles.map_partitions(_tables_of, name, meta=meta(name))
        if name in REDUCTIONS:
            frame = _reduce(frame, REDUCTIONS[name], name)
        out[name] = frame
    return out


def _reduce(frame: dd.DataFrame, reduction, name: str) -> dd.DataFrame:
    """A corpus-level step on a Dask table.

    A :class:`~analysis.tables.ColumnReduction` gets only the columns it reads, of
    every partition, in one task; its new columns go back to each partition, which
    keeps its rows, its place and its worker. Any other reduction gets the whole
    table as one partition.
    """
    from .tables import ColumnReduction

    if not isinstance(reduction, ColumnReduction):
        return frame.repartition(npartitions=1).map_partitions(reduction, meta=meta(name))
    parts = frame.to_delayed()
    reads = [dask.delayed(operator.getitem)(part, list(reduction.reads)) for part in parts]
    values = dask.delayed(_compute_in_parts, nout=len(parts))(reduction, reads)
    out = [
        dask.delayed(_with_columns)(part, values[k], reduction.writes)
        for k, part in enumerate(parts)
    ]
    return dd.from_delayed(out, meta=meta(name), verify_meta=False)


def _compute_in_parts(reduction, pieces: list[pd.DataFrame]) -> list[pd.DataFrame]:
    """``reduction.compute`` on the pieces put end to end, cut back into pieces."""
    whole = pd.concat(pieces, ignore_index=True)
    values = reduction.compute(whole)
    bounds = list(itertools.accumulate((len(piece) for piece in pieces), initial=0))
    return [values.iloc[a:b] for a, b in itertools.pairwise(bounds)]


def _with_columns(part: pd.DataFrame, values: pd.DataFrame, names) -> pd.DataFrame:
    part = part.copy()
    for name in names:
        part[name] = values[name].set_axis(part.index)  # its own dtype
    return part


def keyness(
    corpus: DaskCorpus,
    target,
    *,
    unit: str = "word",
    measure: str = "chi2",
    min_count: int = 2,
    stopwords=None,
) -> pd.DataFrame:
    """:func:`analysis.keyness` of a Dask corpus (:func:`dask_corpus`), computed.

    ``target`` is an outlet or article id, or a list of them. Each partition's
    articles (and, for categories, hits, found with the suite's dictionary) are
    counted where they are; only the counts travel, and they are added up in one
    task: a reduction over the vocabulary, not over rows. Equal to the table of one
    process (tested). Make the corpus with ``tables=["articles", "hits"]`` (or
    ``["articles"]`` for words) so that other tables are not computed for nothing.
    """
    from .keyness import (
        KeynessCounts,
        add_up,
        check_options,
        chunk_counts,
        finish_chunked,
        stop_set,
    )

    check_options(target, unit, measure)
    if unit == "category" and "hits" not in corpus.tables:
        raise ValueError(
            "category keyness needs the hits table: make the corpus with "
            "dask_corpus(source, tables=['articles', 'hits'])"
        )
    stop = stop_set(stopwords)
    articles = corpus["articles"].to_delayed()
    hits = corpus["hits"].to_delayed() if unit == "category" else [None] * len(articles)
    # One string is an outlet if any article has it, else an id (as in memory): both
    # are counted in the same pass, and the choice made on the sums.
    modes = ["outlet", "id"] if isinstance(target, str) else ["both"]
    sums = {
        mode: dask.delayed(add_up)(
            [
                dask.delayed(chunk_counts)(
                    part,
                    part_hits,
                    target,
                    unit=unit,
                    stopwords=stop,
                    match=mode,
                    where=f"partition {k}",
                )
                for k, (part, part_hits) in enumerate(zip(articles, hits, strict=True))
            ]
        )
        for mode in modes
    }
    (totals,) = dask.compute(sums)
    total = totals["outlet"] if totals.get("outlet", KeynessCounts()).names else totals[modes[-1]]
    return finish_chunked(total, target, unit=unit, measure=measure, min_count=min_count)
