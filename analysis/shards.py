"""Corpora larger than memory: process in chunks, in parallel, into Parquet shards.

``export_shards(source, out, jobs=2)`` reads ``source`` (a folder, a table, a
glob of JSON Lines/Parquet shards) chunk by chunk with :class:`~analysis.corpus.CorpusReader`.
Each worker process loads its chunk with the loader's own per-article code,
computes every table with :class:`~analysis.tables.Tables` and writes its own
Parquet file of each, ``out/<table>/part-00000.parquet``; only a few counts per
chunk travel back to the parent, never rows. At most ``2 * jobs`` chunks are in
flight, so memory stays bounded whatever the corpus size. Corpus-level steps
(:data:`analysis.tables.REDUCTIONS`) run afterwards on the shards of their table.

The shards, read back in order with :func:`read_table`, are the tables of
``Tables(load_corpus(source))``: same rows, same order, same values (tested).
"""

from __future__ import annotations

import os
import resource
import shutil
import sys
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .corpus import CorpusReader, load_chunk

PART = "part-{:05d}.parquet"


@dataclass
class ExportSummary:
    """What :func:`export_shards` did: counts, time, and memory per worker."""

    out: Path
    n_articles: int = 0
    n_chars: int = 0
    n_chunks: int = 0
    seconds: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows written
    stage_seconds: dict[str, float] = field(default_factory=dict)  # table -> CPU s, all workers
    peak_mb: dict[int, float] = field(default_factory=dict)  # worker pid -> peak resident MB
    report: object = None  # the LoadReport

    @property
    def megabytes(self) -> float:
        return self.n_chars / 1e6

    def __str__(self) -> str:
        rate = self.megabytes / self.seconds if self.seconds else float("nan")
        lines = [
            f"{self.n_articles:,} articles ({self.megabytes:,.1f} MB of text) in "
            f"{self.n_chunks} chunk{'s' if self.n_chunks != 1 else ''}, "
            f"{self.seconds:.1f} s: {rate:.1f} MB/s",
        ]
        lines += [f"  {name}: {n:,} rows" for name, n in self.rows.items()]
        if self.peak_mb:
            lines.append(
                "peak memory per worker: "
                + ", ".join(f"{mb:,.0f} MB" for mb in sorted(self.peak_mb.values()))
            )
        return "\n".join(lines)


# --- in each worker ----------------------------------------------------------------------

_STATE: dict = {}


def _init_worker(rules, catalog, names: list[str], out: Path) -> None:
    """Per-process state: rules and catalog sent once, not with every chunk."""
    _STATE.update(rules=rules, catalog=catalog, names=names, out=out)


def _start_worker(*state) -> None:
    """:func:`_init_worker` in a worker process, which also chooses its memory pool."""
    _init_worker(*state)
    # pyarrow's default pool (mimalloc or jemalloc) gives memory freed after a chunk
    # back to the system and takes it again for the next: with it the workers spent
    # 5.6-7.9 s of system time per GB of generated text, 3.9-4.6 with the C library's
    # malloc, which keeps the memory for the next chunk.
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())


def _process(index: int, task) -> tuple:
    """Load one chunk, compute its tables, write one Parquet file of each.

    Returns only counts: (index, ChunkResult, rows per table, CPU seconds per table,
    pid, peak resident MB).
    """
    from .tables import Tables

    start = time.process_time()
    corpus, result = load_chunk(task, _STATE["rules"], _STATE["catalog"])
    seconds = {"articles": time.process_time() - start}
    tables = Tables(corpus, chunk=True)
    rows = {}
    for name in _STATE["names"]:
        start = time.process_time()
        table = tables[name]
        seconds[name] = seconds.get(name, 0.0) + time.process_time() - start
        write_part(table, _STATE["out"] / name / PART.format(index))
        rows[name] = len(table)
    return index, result, rows, seconds, os.getpid(), _peak_mb()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# Free text, different in every row: Parquet's dictionary encoding would be built only to
# be dropped again (a third of the time of writing the articles and sentences).
_FREE_TEXT = frozenset({"raw", "text", "quote", "removed", "example"})


# zstd at level 1: on the generated corpus's core tables, files 0.32 times the size of
# the text (snappy: 0.82) for no more CPU (11.0 ms per MB of text; snappy 11.5); every
# Parquet reader we know of (pyarrow, Spark, DuckDB, Polars) reads it.
_COMPRESSION = {"compression": "zstd", "compression_level": 1}


def write_part(table: pd.DataFrame, path: Path) -> None:
    """Write one shard of a table (without the index, without ``attrs``)."""
    table = table.copy(deep=False)
    table.attrs = {}
    path.parent.mkdir(parents=True, exist_ok=True)
    coded = [str(c) for c in table.columns if c not in _FREE_TEXT]
    table.to_parquet(path, index=False, use_dictionary=coded, **_COMPRESSION)


# --- in the parent -----------------------------------------------------------------------


def export_shards(
    source,
    out,
    *,
    jobs: int = 1,
    chunk_size: int = 500,
    tables: list[str] | None = None,
    catalog=None,
    text_column: str | None = None,
    boilerplate=None,
    dayfirst: bool = False,
    progress: bool = True,
) -> ExportSummary:
    """Write every table of ``source`` as Parquet shards under ``out``; see the module doc.

    ``jobs`` worker processes (1: all in this process) each take chunks of
    ``chunk_size`` articles. ``tables`` (default :data:`~analysis.tables.TABLE_NAMES`)
    chooses the tables; ``catalog``, ``text_column``, ``boilerplate`` and ``dayfirst``
    are those of :func:`~analysis.corpus.load_corpus`. ``out/load_report.txt`` is the load report of the whole
    corpus. Earlier shards in ``out/<table>/`` of the tables written are replaced. A progress bar (tqdm,
    on stderr) shows articles done, MB/s and the time left.
    """
    from .tables import REDUCTIONS, TABLE_NAMES

    names = list(TABLE_NAMES) if tables is None else list(tables)
    unknown = [n for n in names if n not in TABLE_NAMES]
    if unknown:
        raise KeyError(f"no table {', '.join(unknown)}; tables are {', '.join(TABLE_NAMES)}")
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, not {chunk_size}")
    reader = CorpusReader(
        source,
        chunk_size=chunk_size,
        catalog=catalog,
        text_column=text_column,
        boilerplate=boilerplate,
        dayfirst=dayfirst,
    )
    out = Path(out)
    for name in names:
        if (out / name).exists():
            shutil.rmtree(out / name)
        (out / name).mkdir(parents=True)
    summary = ExportSummary(out, rows=dict.fromkeys(names, 0))
    started = time.perf_counter()
    # Count articles when their number is known up front (folders, Parquet, DataFrames);
    # otherwise bytes of text against the size of the files, for an estimate of time left.
    by_bytes = reader.n_articles_hint is None
    if by_bytes:
        total = sum(path.stat().st_size for path in reader.table_files) or None
        bar = _progress_bar(total, progress, unit="B")
    else:
        bar = _progress_bar(reader.n_articles_hint, progress, unit=" articles")

    def collect(outcome) -> None:
        index, result, rows, seconds, pid, peak = outcome
        reader.add(result)
        summary.n_chunks += 1
        summary.n_articles += result.n_articles
        summary.n_chars += result.n_chars
        for name, n in rows.items():
            summary.rows[name] += n
        for name, s in seconds.items():
            summary.stage_seconds[name] = summary.stage_seconds.get(name, 0.0) + s
        summary.peak_mb[pid] = max(summary.peak_mb.get(pid, 0.0), peak)
        elapsed = time.perf_counter() - started
        if by_bytes:
            bar.update(result.n_chars)
            bar.set_postfix_str(f"{summary.n_articles:,} articles", refresh=False)
        else:
            bar.update(result.n_articles)
            bar.set_postfix_str(f"{summary.megabytes / elapsed:.1f} MB/s", refresh=False)

    state = (reader.rules, reader.catalog, names, out)
    try:
        if jobs == 1:
            _init_worker(*state)
            for index, task in enumerate(reader.tasks()):
                collect(_process(index, task))
        else:
            _warm_up(names)  # data files loaded once here; forked workers inherit them
            with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=state) as pool:
                # Start the workers now, while this process is small: forked later, after
                # reading a block of a table, they would carry a copy of it.
                for ready in [pool.submit(os.getpid) for _ in range(jobs)]:
                    ready.result()
                pending: deque = deque()
                for index, task in enumerate(reader.tasks()):
                    pending.append(pool.submit(_process, index, task))
                    while len(pending) >= 2 * jobs:  # bounded: read ahead at most 2 chunks a worker
                        collect(pending.popleft().result())
                while pending:
                    collect(pending.popleft().result())
        if by_bytes and bar.total:  # every file read: text is fewer bytes than its files
            bar.update(max(bar.total - bar.n, 0))
    finally:
        bar.close()
    summary.report = reader.finish()
    for name in names:
        if name in REDUCTIONS:
            if progress:  # after the bar: say what the wait is for
                print(
                    f"{name}: the corpus-wide step (e.g. events across outlets) ...",
                    file=sys.stderr,
                )
            start = time.process_time()
            reduce_shards(out, name, REDUCTIONS[name])
            summary.stage_seconds[name] += time.process_time() - start
    (out / "load_report.txt").write_text(str(summary.report) + "\n", encoding="utf-8")
    summary.seconds = time.perf_counter() - started
    return summary


def _warm_up(names: list[str]) -> None:
    """Compute every table on a one-sentence corpus, so dictionaries and gazetteers
    are loaded (and cached, :mod:`analysis.cache`) before worker processes start."""
    from .corpus import load_corpus
    from .tables import Tables

    tables = Tables(load_corpus(pd.DataFrame({"article_id": ["warm-up"], "text": ["Warm-up."]})))
    for name in names:
        tables[name]


def _progress_bar(total: int | None, enabled: bool, *, unit: str):
    from tqdm.auto import tqdm

    scale = {"unit_scale": True, "unit_divisor": 1000} if unit == "B" else {}
    return tqdm(total=total, unit=unit, disable=not enabled, smoothing=0.1, **scale)


def table_parts(out, name: str) -> list[Path]:
    """The shard files of one table, in corpus order."""
    return sorted((Path(out) / name).glob("part-*.parquet"))


def read_table(out, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """One table from its shards, as one DataFrame (the table must fit in memory);
    with ``columns``, only those.

    Shards whose columns are all missing have no type of their own; they take the
    type the other shards agree on, as one DataFrame built from all rows would.
    """
    parts = table_parts(out, name)
    if not parts:
        raise FileNotFoundError(f"{Path(out) / name}: no shards (part-*.parquet) here")
    return _read_parts(parts, columns)


def _read_parts(
    parts: list[Path], columns: list[str] | None = None, *, shared_strings: bool = False
) -> pd.DataFrame:
    """The parts end to end. With ``shared_strings``, text columns are read as
    dictionaries, so a value that repeats (an act, a speaker, the text of a sentence
    with several statements) is one Python string however many rows have it; they
    come back as object columns of strings, missing values as NaN."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    dictionary: list[str] = []
    if shared_strings:  # the text columns of the first part that has them typed
        for path in parts:
            dictionary = [
                field.name
                for field in pq.read_schema(path)
                if pa.types.is_string(field.type) or pa.types.is_large_string(field.type)
            ]
            if dictionary:
                break
    pieces = [
        pq.read_table(path, columns=columns, read_dictionary=dictionary or None) for path in parts
    ]
    table = pa.concat_tables(pieces, promote_options="permissive")
    frame = table.to_pandas()
    for name in dictionary:
        if name in frame and isinstance(frame[name].dtype, pd.CategoricalDtype):
            frame[name] = frame[name].astype(object)
    for name in _object_columns(pieces):
        if name in frame and frame[name].dtype != object:
            # written from Python strings in an object column: give back just that
            frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
    return frame


def _object_columns(pieces) -> list[str]:
    """Columns that were object (not str) columns in every shard that has rows."""
    found: dict[str, set[str]] = {}
    with_rows = [piece for piece in pieces if piece.num_rows] or pieces
    for piece in with_rows:
        metadata = piece.schema.pandas_metadata or {}
        for column in metadata.get("columns", []):
            found.setdefault(column["name"], set()).add(column["numpy_type"])
    return [name for name, types in found.items() if types == {"object"}]


def reduce_shards(out, name: str, reduction) -> None:
    """Apply a corpus-level step to a table's shards and write them back, part by part.

    ``reduction(table)`` gets the whole table and returns the same rows in the same
    order (with columns changed or added), e.g. event ids linked across outlets. A
    :class:`~analysis.tables.ColumnReduction` gets only the columns it reads, and
    only the columns it writes are replaced in each part.
    """
    import pyarrow.parquet as pq

    from .tables import ColumnReduction

    parts = table_parts(out, name)
    if not parts:
        raise FileNotFoundError(f"{Path(out) / name}: no shards (part-*.parquet) here")
    if isinstance(reduction, ColumnReduction):
        whole = _read_parts(parts, list(reduction.reads), shared_strings=True)
        reduced = reduction.compute(whole)
    else:
        whole = read_table(out, name)
        reduced = reduction(whole)
    if len(reduced) != len(whole):
        raise ValueError(f"the reduction of {name!r} changed the number of rows")
    del whole
    start = 0
    for path in parts:
        n = pq.ParquetFile(path).metadata.num_rows
        piece = reduced.iloc[start : start + n].reset_index(drop=True)
        if isinstance(reduction, ColumnReduction):
            table = _read_parts([path])
            for column in reduction.writes:
                table[column] = piece[column]  # its own dtype (index reset like the part's)
            piece = table
        write_part(piece, path)
        start += n


def shard_keyness(
    out,
    target,
    *,
    unit: str = "word",
    measure: str = "chi2",
    min_count: int = 2,
    stopwords=None,
) -> pd.DataFrame:
    """:func:`analysis.keyness` of a corpus exported in shards (``export --jobs`` or
    :func:`export_shards`), read one shard at a time.

    ``target`` is an outlet or article id, or a list of them (a mask or a function
    would depend on the chunk). Words are counted in the ``articles`` shards (their
    text), categories in the ``hits`` shards of the same chunks (exported with the
    suite's dictionary); only the counts are added up, so memory holds one shard
    and the vocabulary, never the corpus. The table equals ``keyness(load_corpus(
    source), target, ...)`` (tested).
    """
    from .keyness import KeynessCounts, check_options, chunk_counts, finish_chunked, stop_set

    check_options(target, unit, measure)
    stop = stop_set(stopwords)
    articles = table_parts(out, "articles")
    if not articles:
        plain = [p.name for p in Path(out).glob("articles.*")]
        hint = (
            f" ({plain[0]} is an export without chunks: export again with --jobs, or use "
            "keyness(load_corpus(source)))"
            if plain
            else ""
        )
        raise FileNotFoundError(f"{Path(out) / 'articles'}: no shards (part-*.parquet){hint}")
    hits = table_parts(out, "hits") if unit == "category" else []
    if unit == "category" and not hits:
        raise FileNotFoundError(
            f"{Path(out) / 'hits'}: no shards; category keyness counts the hits: export "
            "them with the articles (--tables articles,hits)"
        )
    if unit == "category" and [p.name for p in hits] != [p.name for p in articles]:
        raise FileNotFoundError(f"{Path(out) / 'hits'}: not one shard for each of articles")
    match = "both"
    if isinstance(target, str):  # as in memory: an outlet if any article has it, else an id
        found = any(target in set(_read_parts([path], ["outlet"])["outlet"]) for path in articles)
        match = "outlet" if found else "id"
    columns = ["article_id", "outlet", "text" if unit == "word" else "n_words"]
    total = KeynessCounts()
    for k, path in enumerate(articles):
        part_hits = _read_parts([hits[k]], ["article_id", "category"]) if hits else None
        total += chunk_counts(
            _read_parts([path], columns),
            part_hits,
            target,
            unit=unit,
            stopwords=stop,
            match=match,
            where=str(hits[k]) if hits else str(path),
        )
    return finish_chunked(total, target, unit=unit, measure=measure, min_count=min_count)
