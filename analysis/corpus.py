"""Load a corpus of news articles: one row per article, nothing guessed, nothing lost.

``load_corpus`` reads a folder of ``.txt``/``.md`` files, a single file, a table
(CSV, TSV, JSON Lines, JSON, Parquet) or a DataFrame. Every article keeps its
``raw`` text exactly as decoded; ``text`` is ``raw`` minus a metadata header and
boilerplate (see :mod:`analysis.cleaning`), and every later offset points into
``text``. Metadata comes from, in order of preference: the catalog, the table's
own columns, the text's header; the outlet may also come from a phrase in the
text (:mod:`analysis.outlets`). Each value records its basis. Dates are never
guessed: a date nobody states stays missing.

Files that cannot be read are skipped and reported, never dropped silently:
``corpus.attrs["load_report"]`` lists them with the reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import glob
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from dateutil import parser as dateparser

from .characters import non_ascii_characters
from .cleaning import clean, forget_cleaned, rules_file
from .frames import arrow_string_column, frame, remember_values
from .outlets import default_outlets, find_outlet

WORD_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’\-‐‑][^\W_]+)*")
"""A word token for lexical analysis: a run of letters or digits; internal apostrophes
and hyphens keep it whole ("Russia's", "pseudo-peacekeeping" and "2014-2022" are one
word each), and so do dotted abbreviations ("U.S.", "a.m.")."""

# For counting words, each ASCII character as a token sees it: whitespace is " ", a
# letter, digit or "_" is "w"; the others (_SYMBOLS) are deleted, so that a token of
# symbols only (a lone dash or bullet) vanishes. A byte table, applied in C.
_SHAPES = bytes(
    0x20 if chr(b).isspace() else 0x77 if chr(b).isalnum() or b == 0x5F else b for b in range(128)
) + bytes(128)  # (a table has 256 entries; the text is ASCII by then)
_SYMBOLS = bytes(b for b in range(128) if not (chr(b).isspace() or chr(b).isalnum() or b == 0x5F))

TEXT_FILE_SUFFIXES = (".txt", ".md")
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".parquet")
CATALOG_NAME = "catalog.csv"
CATALOG_COLUMNS = (
    "article_id",
    "outlet",
    "title",
    "published",
    "published_estimated",
    "url",
    "notes",
)

# Column names a table may use for each field, in order of preference.
TABLE_FIELDS = {
    "text": ("text", "body", "content", "article", "full_text", "maintext"),
    "article_id": ("article_id", "id", "doc_id", "document_id"),
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "publisher", "media", "site", "source_name"),
    "published": ("published", "date", "published_at", "pub_date", "publish_date", "datetime"),
    "url": ("url", "link"),
}

COLUMNS = [
    "article_id",
    "source",
    "title",
    "outlet",
    "outlet_basis",
    "published",
    "published_basis",
    "published_estimated",
    "url",
    "n_words",
    "text",
    "raw",
]


class CorpusError(ValueError):
    """Input that cannot be loaded; the message names the file, line or column."""


@dataclass
class LoadReport:
    """What ``load_corpus`` read, skipped and warned about."""

    source: str
    n_read: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    warnings: list[str] = field(default_factory=list)
    # numeric dates that could be day or month first, and those that can only be day
    # first (13/03/2025): (source, value, date read), summed up in one warning
    ambiguous_dates: list[tuple[str, str, dt.date]] = field(default_factory=list)
    day_first_dates: list[tuple[str, str, dt.date]] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [f"Loaded {self.n_read} article(s) from {self.source}."]
        if self.skipped:
            lines.append(f"Skipped {len(self.skipped)}:")
            lines += [f"  - {where}: {why}" for where, why in self.skipped]
        if self.warnings:
            lines.append(f"Warnings ({len(self.warnings)}):")
            lines += [f"  - {w}" for w in self.warnings]
        return "\n".join(lines)


class _Skip(Exception):
    """A file or row that is reported and left out."""


def count_words(text: str) -> int:
    """Number of words in ``text``: whitespace-separated tokens with a letter or digit.

    This is how word processors count, less lone dashes and symbols (" - the ministry
    stated" has three words). It is the denominator of every rate per 1,000 words, and
    it agrees with :data:`WORD_RE` except for joined forms ("U.S.-led" is one word here,
    two tokens there). Counted on the text's shape (see ``_SHAPES``), in C: with the
    symbols deleted, a word is where a letter or digit follows a space.
    """
    if not text.isascii():
        for char in non_ascii_characters(text):
            shape = " " if char.isspace() else "a" if char.isalnum() else ""  # as in ASCII
            text = text.replace(char, shape)
    return (b" " + text.encode("ascii").translate(_SHAPES, _SYMBOLS)).count(b" w")


def load_corpus(
    source,
    *,
    catalog=None,
    text_column: str | None = None,
    boilerplate=None,
    dayfirst: bool = False,
) -> pd.DataFrame:
    """Load articles into a DataFrame, one row per article.

    ``source`` is a folder of ``.txt``/``.md`` files (a ``catalog.csv`` inside it is
    used unless ``catalog`` is given), one such file, a table file, a glob of table
    files (``"shards/*.parquet"``, read in sorted order) or a DataFrame with a text
    column (``text_column`` names it when the usual names do not fit).
    ``catalog`` is a CSV with ``article_id`` and any of outlet, title, published,
    published_estimated, url, notes; its values override what the text says.
    ``catalog=False`` reads no catalog, even the folder's own: what the texts alone say.
    ``boilerplate`` is another rules file instead of ``lexicons/boilerplate.yaml``.
    ``dayfirst=True`` reads numeric dates day first (10/03/2025 is 10 March); by
    default they are read month first, and the load report counts the ambiguous ones.

    Columns: see :data:`COLUMNS`. ``attrs["load_report"]`` is a :class:`LoadReport`,
    ``attrs["name"]`` a short name for figure source lines. For corpora larger than
    memory, :func:`iter_corpus` yields the same rows in chunks.
    """
    reader = CorpusReader(
        source, catalog=catalog, text_column=text_column, boilerplate=boilerplate, dayfirst=dayfirst
    )
    chunks = []
    for task in reader.tasks():
        chunk, result = load_chunk(task, reader.rules, reader.catalog)
        reader.add(result)
        chunks.append(chunk)
    reader.finish()
    corpus = chunks[0] if len(chunks) == 1 else _concat(chunks)
    corpus.attrs["load_report"] = reader.report
    corpus.attrs["name"] = reader.name
    return corpus


def iter_corpus(
    source,
    *,
    chunk_size: int = 1000,
    catalog=None,
    text_column: str | None = None,
    boilerplate=None,
    dayfirst: bool = False,
):
    """Yield the corpus of ``source`` in chunks of at most ``chunk_size`` articles.

    The chunks, concatenated, are the rows :func:`load_corpus` returns, in the same
    order and with the same values; only one chunk (and, for a table, one block of
    its rows) is in memory at a time. Every chunk's ``attrs["load_report"]`` is the
    same :class:`LoadReport`, complete once the iterator is exhausted (the catalog's
    warnings come last, as in :func:`load_corpus`). Duplicate ids raise
    :class:`CorpusError` when the second one is reached. A table without an id column
    is read twice (once to count its rows, which number the generated ids).
    """
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
    for task in reader.tasks():
        chunk, result = load_chunk(task, reader.rules, reader.catalog)
        reader.add(result)
        chunk.attrs["load_report"] = reader.report
        chunk.attrs["name"] = reader.name
        yield chunk
    reader.finish()


def _concat(chunks: list[pd.DataFrame]) -> pd.DataFrame:
    """One frame from chunks, with the dtypes one frame built from all rows would have.

    A chunk where a text column has no values has it as ``object``; concatenated
    with chunks that have values, that would leave ``object`` where the rows, built
    at once, give ``str``.
    """
    corpus = pd.concat(chunks, ignore_index=True)
    corpus.attrs = {}
    for name in corpus.columns:
        column = corpus[name]
        if column.dtype == object and pd.api.types.infer_dtype(column, skipna=True) == "string":
            corpus[name] = column.astype("str")
    return corpus


# --- reading a source in chunks ----------------------------------------------------------


@dataclass
class ChunkTask:
    """One chunk of articles to load, small enough to send to another process.

    Either ``files``, (path, shown as) pairs of text files to read, or ``rows``,
    (article_id, source label, raw text, metadata given by the table) already read
    (a :class:`TableRows`, or a list of such tuples).
    """

    files: list[tuple[Path, str]] = field(default_factory=list)
    rows: TableRows | list[tuple[str, str, str, dict]] = field(default_factory=list)
    dayfirst: bool = False  # numeric dates day first (10/03/2025: 10 March)

    def __len__(self) -> int:
        return len(self.files) or len(self.rows)


_METADATA = ("title", "outlet", "url", "published")


@dataclass
class TableRows:
    """The rows of one block of a table that have text, as columns.

    A Parquet block's columns stay pyarrow arrays, so a worker process receives its
    chunk's texts as a few buffers rather than one pickled string per row (a third
    of the reading process's time), and turns them into Python strings itself.
    Iterating gives (article_id, source label, raw text, metadata given) per row.
    """

    where: str  # the table's name, for labels such as "feed.parquet row 12"
    numbers: list[int]  # each row's number in the table, from 1
    ids: list[str]
    columns: dict  # field ("text", "title", ...) -> pyarrow array or list, or None

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self):
        n = len(self.ids)
        values = {
            name: [None] * n if column is None else _as_list(column)
            for name, column in self.columns.items()
        }
        texts = values["text"]
        for k, (number, article_id) in enumerate(zip(self.numbers, self.ids, strict=True)):
            given = {name: _cell(values[name][k]) for name in _METADATA}
            yield article_id, f"{self.where} row {number}", str(texts[k]), given

    def arrow_texts(self):
        """The texts as one pyarrow large-string array, or None when they are a list
        (or of another type)."""
        texts = self.columns["text"]
        if isinstance(texts, list):
            return None
        import pyarrow as pa

        if pa.types.is_string(texts.type):
            return texts.cast(pa.large_string())
        return texts if pa.types.is_large_string(texts.type) else None


def _as_list(column) -> list:
    return column if isinstance(column, list) else column.to_pylist()


@dataclass
class ChunkResult:
    """What loading one chunk adds to the load report (no per-article data)."""

    n_articles: int
    n_chars: int
    skipped: list[tuple[str, str]]
    warnings: list[str]
    catalog_matched: set[str]
    catalog_notes: dict[int, str]  # catalog row -> warning
    ambiguous_dates: list[tuple[str, str, dt.date]] = field(default_factory=list)
    day_first_dates: list[tuple[str, str, dt.date]] = field(default_factory=list)


class CorpusReader:
    """How one source is read: its chunks, the shared load report and the catalog.

    ``tasks()`` yields :class:`ChunkTask` objects in corpus order; :func:`load_chunk`
    turns one into rows (in any process); ``add()`` folds each chunk's result into
    :attr:`report` and ``finish()`` adds what only the whole corpus can tell (catalog
    ids that no article has). Listing, ids and duplicates are checked here, in the
    reading process, so that a chunk never needs to know about the others.
    ``chunk_size=None`` reads the source as one chunk.
    """

    def __init__(
        self,
        source,
        *,
        chunk_size: int | None = None,
        catalog=None,
        text_column: str | None = None,
        boilerplate=None,
        dayfirst: bool = False,
    ):
        self.source = source
        self.chunk_size = chunk_size
        self.dayfirst = dayfirst
        self.text_column = text_column
        self.boilerplate = boilerplate
        self.rules = rules_file(boilerplate)
        self.n_articles_hint: int | None = None  # articles to expect, when known up front
        self._done = False
        self._files: list[Path] = []
        self._shown: list[str] = []
        self._tables: list[Path] = []
        if isinstance(source, pd.DataFrame):
            self.name = "table"
            self.report = LoadReport("a DataFrame")
            self.n_articles_hint = len(source)
        else:
            text = str(source)
            if any(c in text for c in "*?[") and not Path(text).exists():
                self._tables = sorted(Path(p) for p in glob.glob(text))
                if not self._tables:
                    raise CorpusError(f"{text}: no files match this pattern")
                wrong = [p for p in self._tables if p.suffix.lower() not in TABLE_SUFFIXES]
                if wrong:
                    raise CorpusError(
                        f"{wrong[0]}: a pattern must match table files "
                        f"({', '.join(TABLE_SUFFIXES)}), not {wrong[0].suffix or 'folders'}"
                    )
                self.name = Path(text).parent.resolve().name or "corpus"
                self.report = LoadReport(text)
            else:
                path = Path(source)
                if not path.exists():
                    where = "" if path.is_absolute() else f" (relative to {Path.cwd()})"
                    raise CorpusError(f"{path}: no such file or folder{where}")
                self.name = path.stem if path.is_file() else path.resolve().name
                self.report = LoadReport(str(path))
                if path.is_dir():
                    self._files, self._shown = _folder_files(path, self.report)
                    _check_duplicate_stems(self._files)
                    self.n_articles_hint = len(self._files)
                    if catalog is None and (path / CATALOG_NAME).exists():
                        catalog = path / CATALOG_NAME
                elif path.suffix.lower() in TABLE_SUFFIXES:
                    self._tables = [path]
                else:
                    self._files, self._shown = [path], [path.name]
        self.catalog = read_catalog(catalog) if catalog not in (None, False) else None
        self._catalog_matched: set[str] = set()
        self._catalog_notes: dict[int, str] = {}
        self._seen: dict[str, str] = {}
        if self._tables:
            counts = [_parquet_rows(path) for path in self._tables]
            if None not in counts:
                self.n_articles_hint = sum(counts)

    @property
    def table_files(self) -> list[Path]:
        """The table files this source reads (none for a folder or a DataFrame)."""
        return list(self._tables)

    def tasks(self):
        """Chunks of the corpus, in order (at least one, maybe empty)."""
        size = self.chunk_size or 2**62
        n_tasks = 0
        if isinstance(self.source, pd.DataFrame):
            for task in self._row_tasks(_slices(self.source, size), "row", len(self.source)):
                n_tasks += 1
                yield task
        elif self._tables:
            for path in self._tables:
                if self.chunk_size is None:
                    blocks, n_rows = iter([_read_table(path)]), None
                else:
                    blocks, n_rows = _table_blocks(path, size), _parquet_rows(path)
                for task in self._row_tasks(blocks, path.name, n_rows, path=path):
                    n_tasks += 1
                    yield task
        else:
            pairs = list(zip(self._files, self._shown, strict=True))
            for start in range(0, len(pairs), size):
                n_tasks += 1
                yield ChunkTask(files=pairs[start : start + size], dayfirst=self.dayfirst)
        if n_tasks == 0:  # nothing to read (every file skipped, or an empty table)
            yield ChunkTask(dayfirst=self.dayfirst)

    def _row_tasks(self, blocks, where: str, n_rows: int | None, *, path: Path | None = None):
        """Tasks of table rows; ids, empty texts and duplicates are settled here."""
        stem = Path(where).stem
        first_row = 1
        columns = None
        width: list[int] = []  # generated ids are zero-padded to the width of the row count

        def id_width(block) -> int:
            if not width:
                rows = n_rows
                if rows is None:  # a table read in parts: count its rows first
                    rows = len(block) if self.chunk_size is None else _count_rows(path)
                width.append(len(str(rows)))
            return width[0]

        for block in blocks:
            if columns is None:
                columns = _table_columns(block, where, self.text_column)
                if columns["article_id"] is None:
                    used = set(columns.values())
                    unused = [str(c) for c in _names(block) if c not in used]
                    self.report.warnings.append(
                        f"{where if path is not None else 'the DataFrame'}: no id column (looked for "
                        f"{', '.join(TABLE_FIELDS['article_id'])}): ids are made from row "
                        f"numbers ({stem}-{1:0{id_width(block)}d}, {stem}-{2:0{id_width(block)}d}, ...)"
                        + (f"; columns not read: {', '.join(unused)}" if unused else "")
                    )
            rows = _table_rows(
                block, where, stem, id_width, first_row, columns, self.report, self._seen
            )
            first_row += len(block)
            yield ChunkTask(rows=rows, dayfirst=self.dayfirst)

    def add(self, result: ChunkResult) -> None:
        """Fold one loaded chunk's result into the report (in corpus order)."""
        add_result(self.report, result)
        self._catalog_matched |= result.catalog_matched
        self._catalog_notes.update(result.catalog_notes)

    def finish(self) -> LoadReport:
        """Add the warnings only the whole corpus can give; idempotent."""
        if not self._done:
            finish_report(self.report, self.catalog, self._catalog_matched, self._catalog_notes)
        self._done = True
        return self.report


def add_result(report: LoadReport, result: ChunkResult) -> None:
    """Fold one chunk's result into ``report`` (chunks in corpus order)."""
    report.n_read += result.n_articles
    report.skipped.extend(result.skipped)
    report.warnings.extend(result.warnings)
    report.ambiguous_dates.extend(result.ambiguous_dates)
    report.day_first_dates.extend(result.day_first_dates)


def finish_report(report: LoadReport, catalog, matched: set[str], notes: dict[int, str]) -> None:
    """Add what only the whole corpus can tell: one warning on dates that could be day
    or month first, then the catalog's warnings, in catalog order."""
    ambiguous, day_first = report.ambiguous_dates, report.day_first_dates
    if ambiguous:
        source, value, date = ambiguous[0]
        warning = (
            f"{len(ambiguous)} date(s) could be day or month first and were read month "
            f"first, as in the US: the first, {value!r} ({source}), as {date:%Y-%m-%d}"
        )
        if day_first:
            source, value, date = day_first[0]
            warning += (
                f"; but {len(day_first)} other(s) can only be day first, such as {value!r}"
                f" ({source}), so the source probably writes the day first"
            )
        report.warnings.append(
            warning + ". If they are day first, load with dayfirst=True (--dayfirst on "
            "the command line, DAYFIRST = True in a notebook), or write them as YYYY-MM-DD"
        )
    if catalog is not None:
        path = catalog.attrs.get("path", "catalog")
        for i, article_id in enumerate(catalog["article_id"]):
            if article_id not in matched:
                line = catalog.attrs["lines"][article_id]
                report.warnings.append(
                    f"{path}:{line}: catalog names {article_id!r}, which is not in the corpus"
                )
            elif i in notes:
                report.warnings.append(notes[i])


def load_chunk(task: ChunkTask, rules, catalog=None) -> tuple[pd.DataFrame, ChunkResult]:
    """The corpus rows of one chunk and what they add to the load report."""
    forget_cleaned()  # only this chunk's cleaning is worth remembering (for ``removed``)
    report = LoadReport("chunk")
    if task.files:
        records = _from_files(
            [path for path, _ in task.files],
            None,
            report,
            rules,
            shown=[shown for _, shown in task.files],
            dayfirst=task.dayfirst,
        )
    else:
        records = [
            _article(article_id, label, raw, given, "table", report, rules, task.dayfirst)
            for article_id, label, raw, given in task.rows
        ]
    # raw from a Parquet block is already a pyarrow column: used as it is, not rebuilt
    # from its Python strings (a copy of every text)
    raw = task.rows.arrow_texts() if isinstance(task.rows, TableRows) else None
    names = COLUMNS if raw is None else [name for name in COLUMNS if name != "raw"]
    corpus = frame([tuple(r[name] for name in names) for r in records], names)
    if raw is not None:
        corpus.insert(COLUMNS.index("raw"), "raw", arrow_string_column(raw))
    matched, notes = set(), {}
    if catalog is not None:
        matched, notes = _apply_catalog(corpus, catalog, task.dayfirst, report)
    corpus["published"] = pd.to_datetime(corpus["published"]).astype("datetime64[ns]")
    corpus["n_words"] = corpus["n_words"].astype("int64")
    corpus["published_estimated"] = corpus["published_estimated"].astype(bool)
    for name in ("text", "raw"):  # the tables read them next: the strings are at hand
        remember_values(corpus[name], [r[name] for r in records])
    n_chars = sum(len(r["raw"]) for r in records)
    return corpus, ChunkResult(
        len(corpus),
        n_chars,
        report.skipped,
        report.warnings,
        matched,
        notes,
        report.ambiguous_dates,
        report.day_first_dates,
    )


def _slices(table: pd.DataFrame, size: int):
    for start in range(0, len(table), size):
        yield table.iloc[start : start + size]


# --- files -------------------------------------------------------------------------------


def _folder_files(folder: Path, report: LoadReport) -> tuple[list[Path], list[str]]:
    """The article files of a folder, sorted, and how each is shown in ``source``.

    Hidden files, tables and other files are reported as skipped. Raises
    :class:`CorpusError` when the folder has nothing to read.
    """
    files, shown = [], []
    prefix = folder.resolve().name  # resolved once: resolving every file is slow
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            report.skipped.append((str(path), "hidden file"))
        elif path.name == CATALOG_NAME:
            continue  # metadata, read by the catalog step
        elif path.suffix.lower() in TEXT_FILE_SUFFIXES:
            files.append(path)
            shown.append(f"{prefix}/{relative.as_posix()}" if prefix else relative.as_posix())
        elif path.suffix.lower() in TABLE_SUFFIXES:
            report.skipped.append(
                (
                    str(path),
                    "a table in a folder of articles; load it on its own: load_corpus(path)",
                )
            )
        else:
            report.skipped.append((str(path), f"not a {'/'.join(TEXT_FILE_SUFFIXES)} file"))
    if not files and not report.skipped:
        raise CorpusError(f"{folder}: no .txt or .md files in this folder")
    tables = [Path(p) for p, _ in report.skipped if Path(p).suffix.lower() in TABLE_SUFFIXES]
    if not files and tables:
        pattern = f"{folder}/*{tables[0].suffix}"
        raise CorpusError(
            f"{folder}: no .txt or .md files, but tables ({tables[0].name}, ...): read them "
            f"as shards with a glob, load_corpus('{pattern}') or --corpus '{pattern}'"
        )
    return files, shown


def _check_duplicate_stems(paths: list[Path]) -> None:
    """Raise, as reading them in order would, if two readable files share an article id."""
    by_stem: dict[str, list[Path]] = {}
    for path in paths:
        by_stem.setdefault(path.stem, []).append(path)
    clashes = {p for same in by_stem.values() if len(same) > 1 for p in same}
    if not clashes:
        return
    seen: dict[str, Path] = {}
    for path in paths:
        if path not in clashes:
            continue
        try:
            read_text_file(path)
        except _Skip:
            continue  # skipped files take no id
        if path.stem in seen:
            raise CorpusError(
                f"duplicate article id {path.stem!r}: {seen[path.stem]} and {path}; "
                "rename one of the files"
            )
        seen[path.stem] = path


def _from_files(
    paths: list[Path],
    base: Path | None,
    report: LoadReport,
    rules,
    *,
    shown: list[str] | None = None,
    seen: dict | None = None,
    dayfirst: bool = False,
) -> list[dict]:
    """Articles from text files; ``source`` is shown relative to the folder ``base``.

    ``shown`` gives each file's ``source`` when the caller has it already; ``seen``
    (article id -> path) carries duplicate detection across calls.
    """
    records = []
    seen = {} if seen is None else seen
    if shown is None:
        prefix = base.resolve().name if base else None
        shown = [
            (Path(prefix) / path.relative_to(base)).as_posix() if base else path.name
            for path in paths
        ]
    for path, where in zip(paths, shown, strict=True):
        try:
            raw, warning = read_text_file(path)
        except _Skip as reason:
            report.skipped.append((str(path), str(reason)))
            continue
        if warning:
            report.warnings.append(f"{path}: {warning}")
        article_id = path.stem
        if article_id in seen:
            raise CorpusError(
                f"duplicate article id {article_id!r}: {seen[article_id]} and {path}; "
                "rename one of the files"
            )
        seen[article_id] = path
        records.append(_article(article_id, where, raw, {}, "file", report, rules, dayfirst))
    return records


def read_text_file(path: Path) -> tuple[str, str | None]:
    """Decode a text file; return the text and a warning if it was not plain UTF-8.

    UTF-8 (with or without a byte-order mark) is expected; cp1252, then Latin-1,
    are the fallbacks, each with a warning. Empty and binary files raise ``_Skip``:
    binary is a NUL byte, or more than 2 % control characters once decoded (an
    image or archive decodes as Latin-1, but not as text anyone wrote).
    """
    data = path.read_bytes()
    if not data.strip():
        raise _Skip("empty file")
    if b"\x00" in data[:8192]:
        raise _Skip("binary file (contains NUL bytes), not text")
    text, warning = _decode(data)
    sample = text[:8192]
    controls = count_control_characters(sample)
    if controls > 0.02 * len(sample):
        raise _Skip(
            f"binary file ({controls} control characters in its first {len(sample)}), not text"
        )
    return text, warning


# Control characters no text file has (tab, newlines and form feed are allowed).
_CONTROL_CHARACTERS = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_C0_BYTES = bytes([*range(0x01, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_NOT_C0_BYTES = bytes(b for b in range(256) if b not in _C0_BYTES)
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")  # U+0080..U+009F in UTF-8


def count_control_characters(text: str) -> int:
    """How many characters of ``text`` :data:`_CONTROL_CHARACTERS` matches, counted on
    the UTF-8 bytes (C0 controls are single bytes there; C1 controls, \\xc2 and a
    byte from 0x80 to 0x9f), which is several times faster than ``findall``."""
    data = text.encode("utf-8", "surrogatepass")
    return len(data.translate(None, _NOT_C0_BYTES)) + len(_C1_UTF8.findall(data))


def _decode(data: bytes) -> tuple[str, str | None]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 with a byte-order mark (BOM)"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start}"
    try:
        return data.decode("cp1252"), f"not UTF-8 ({where}); decoded as Windows-1252 (cp1252)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), f"not UTF-8 ({where}); decoded as Latin-1"


# --- tables ------------------------------------------------------------------------------


def _read_table(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".tsv"):
            return pd.read_csv(
                path, sep="\t" if suffix == ".tsv" else ",", dtype=str, keep_default_na=False
            )
        if suffix in (".jsonl", ".ndjson"):
            return pd.read_json(path, lines=True, dtype=False)
        if suffix == ".json":
            return pd.read_json(path, dtype=False)
        return pd.read_parquet(path)
    except (ValueError, pd.errors.ParserError, OSError) as exc:
        raise CorpusError(f"{path}: cannot read this table: {exc}") from None


def _names(block) -> list:
    """The column names of a block of a table (a DataFrame or a pyarrow record batch)."""
    return list(block.columns) if isinstance(block, pd.DataFrame) else block.schema.names


def _values(block, column) -> list:
    """One column of a block as a Python list."""
    return _as_list(_column_values(block, column))


def _column(table, name: str, given: str | None = None) -> str | None:
    if given is not None:
        return given
    lower = {str(c).lower(): c for c in _names(table)}
    return next((lower[c] for c in TABLE_FIELDS[name] if c in lower), None)


def _table_columns(table, where: str, text_column) -> dict:
    """The table's column for each field; an error if it has no text column."""
    if text_column is not None and text_column not in _names(table):
        raise CorpusError(
            f"{where}: no column {text_column!r}; columns are {', '.join(map(str, _names(table)))}"
        )
    if not _names(table):
        raise CorpusError(f"{where}: the table is empty: no columns and no rows")
    columns = {name: _column(table, name) for name in TABLE_FIELDS}
    columns["text"] = _column(table, "text", text_column)
    if columns["text"] is None:
        raise CorpusError(
            f"{where}: no text column (looked for {', '.join(TABLE_FIELDS['text'])}); "
            f"the table has columns: {', '.join(map(str, _names(table)))}. "
            "Name the text column with load_corpus(..., text_column=...) or, on the command "
            "line, --text-column (info, export, figures, report); TEXT_COLUMN in a "
            "notebook; or rename it to 'text'."
        )
    return columns


def _table_rows(table, where, stem, id_width, first_row, columns, report, seen) -> TableRows:
    """The rows of a block that have text (:class:`TableRows`); empty ones reported.

    ``id_width(table)`` gives the zero-padding of generated ids (asked only when one is needed).
    """
    n = len(table)
    texts, heads = _text_values(table, columns["text"])
    given_ids = _values(table, columns["article_id"]) if columns["article_id"] else [None] * n
    keep, numbers, ids = [], [], []
    for j, head in enumerate(heads):
        i = first_row + j
        label = f"{where} row {i}"
        if _cell(head) is None and (
            not isinstance(head, str) or len(head) < _HEAD or _cell(_value(texts, j)) is None
        ):
            report.skipped.append((label, f"empty text in column {columns['text']!r}"))
            continue
        article_id = _cell(given_ids[j]) or f"{stem}-{i:0{id_width(table)}d}"
        if article_id in seen:
            raise CorpusError(
                f"duplicate article id {article_id!r}: {seen[article_id]} and {label}"
            )
        seen[article_id] = label
        keep.append(j)
        numbers.append(i)
        ids.append(article_id)
    picked = {"text": _take(texts, keep, n)}
    for name in _METADATA:
        column = columns[name]
        picked[name] = None if column is None else _take(_column_values(table, column), keep, n)
    return TableRows(where, numbers, ids, picked)


_HEAD = 64  # characters of each text the reading process looks at to tell blank ones


def _text_values(table, column) -> tuple:
    """A block's text column, and per row a value to tell blank texts by.

    A pyarrow string column stays an array, told blank by its first ``_HEAD``
    characters (a longer head of spaces is checked whole); other columns become lists.
    """
    if not isinstance(table, pd.DataFrame):
        import pyarrow as pa
        import pyarrow.compute as pc

        texts = table.column(column)
        if pa.types.is_string(texts.type) or pa.types.is_large_string(texts.type):
            return texts, pc.utf8_slice_codeunits(texts, 0, _HEAD).to_pylist()
    values = _values(table, column)
    return values, values


def _column_values(table, column):
    """A block's column as it is sent on: a pyarrow array, or a list."""
    return table[column].tolist() if isinstance(table, pd.DataFrame) else table.column(column)


def _value(column, j: int):
    return column[j] if isinstance(column, list) else column[j].as_py()


def _take(column, keep: list[int], n: int):
    """The rows ``keep`` of a column (a list or a pyarrow array)."""
    if len(keep) == n:
        return column
    if isinstance(column, list):
        return [column[j] for j in keep]
    import pyarrow as pa

    return column.take(pa.array(keep, type=pa.int64()))


def _table_blocks(path: Path, size: int):
    """The rows of a table file in blocks of ``size``, read lazily: DataFrames, or
    pyarrow record batches for Parquet (see :func:`_names`, :func:`_values`)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            # record batches as they are: their columns become Python lists in C
            yield from pq.ParquetFile(path).iter_batches(batch_size=size)
        elif suffix in (".csv", ".tsv"):
            yield from pd.read_csv(
                path,
                sep="\t" if suffix == ".tsv" else ",",
                dtype=str,
                keep_default_na=False,
                chunksize=size,
            )
        elif suffix in (".jsonl", ".ndjson"):
            with pd.read_json(path, lines=True, dtype=False, chunksize=size) as reader:
                yield from reader
        else:  # a JSON array cannot be read in parts
            yield from _slices(_read_table(path), size)
    except (ValueError, pd.errors.ParserError, OSError) as exc:
        raise CorpusError(f"{path}: cannot read this table: {exc}") from None


def _parquet_rows(path: Path) -> int | None:
    """Rows of a Parquet file from its footer (None for other tables)."""
    if path.suffix.lower() != ".parquet":
        return None
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path).metadata.num_rows
    except (OSError, ValueError) as exc:
        raise CorpusError(f"{path}: cannot read this table: {exc}") from None


def _count_rows(path: Path) -> int:
    return sum(len(block) for block in _table_blocks(path, 10_000))


def _cell(value) -> str | None:
    """A table cell as stripped text, or None when it is missing or blank."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    value = str(value).strip()
    return value or None


# --- one article -------------------------------------------------------------------------


def _article(article_id, source, raw, given, basis, report, rules, dayfirst=False) -> dict:
    """One corpus row from raw text and the metadata a table or file gave."""
    cleaned = clean(raw, rules)
    header = cleaned.metadata

    published, published_basis = None, "unknown"
    for value, value_basis in (
        (given.get("published"), basis),
        (header.get("published"), "header"),
    ):
        if value:
            published = parse_date(value, dayfirst=dayfirst)
            if published is None:
                report.warnings.append(f"{source}: cannot read the date {value!r}; left missing")
            else:
                published_basis = value_basis
                if not dayfirst:  # else the user said how to read them
                    _note_numeric_date(report, source, value, published)
                break

    outlet, outlet_basis = given.get("outlet"), basis
    if not outlet and header.get("outlet"):
        outlet, outlet_basis = header["outlet"], "header"
    if outlet:  # "Kyiv Independent" and "The Kyiv Independent" are one outlet
        outlet = default_outlets().canonical(outlet)
    if not outlet and cleaned.outlets:
        outlet, rule = cleaned.outlets[0]
        outlet_basis = f"boilerplate: {rule}"
    if not outlet:
        found = find_outlet(cleaned.text)
        outlet, outlet_basis = found if found else (None, "unknown")

    return {
        "article_id": str(article_id),
        "source": source,
        "title": given.get("title") or cleaned.title,
        "outlet": outlet,
        "outlet_basis": outlet_basis,
        "published": published,
        "published_basis": published_basis,
        "published_estimated": False,
        "url": given.get("url") or header.get("url"),
        "n_words": count_words(cleaned.text),
        "text": cleaned.text,
        "raw": raw,
    }


# 03/04/2025, 3.4.25, 03-04-2025: day and month both 12 or less, and not equal
_NUMERIC_DATE = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](?:\d{4}|\d{2})\b")


def numeric_date_order(value) -> str | None:
    """How a numeric date reads: "either" when day first and month first give two
    different days ("03/04/2025"), "day first" when the first number can only be a day
    ("13/03/2025"), else None (not such a date, or the same day either way).
    :func:`parse_date` reads "either" month first."""
    m = _NUMERIC_DATE.match(value) if isinstance(value, str) else None
    if not m:
        return None
    a, b = int(m.group(1)), int(m.group(2))
    if not 1 <= b <= 12:
        return None
    if a != b and 1 <= a <= 12:
        return "either"
    return "day first" if 12 < a <= 31 else None


def _note_numeric_date(report: LoadReport, source: str, value, date) -> None:
    """Keep a numeric date read month first for the load report's one warning."""
    order = numeric_date_order(value)
    if order == "either":
        report.ambiguous_dates.append((source, str(value).strip(), date))
    elif order == "day first":
        report.day_first_dates.append((source, str(value).strip(), date))


def parse_date(value, *, dayfirst: bool = False) -> dt.date | None:
    """A calendar date from a header, table or catalog value, or None if unreadable.

    ISO dates (2026-01-08, 2026-01-08T10:00:00Z) are read as such; other spellings
    ("8 January 2026", "Jan 8, 2026") by dateutil. Numeric day/month orders are
    ambiguous (01/02/2026), so they are read month first, as dateutil does, and
    :func:`load_corpus` warns about them (:func:`numeric_date_order`), unless
    ``dayfirst`` says the day comes first.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            default = dt.datetime(1900, 1, 1)
            return dateparser.parse(text, default=default, dayfirst=dayfirst).date()
    except (ValueError, OverflowError):
        return None


# --- catalog -----------------------------------------------------------------------------


def _read_catalog_lines(path: Path) -> tuple[list[str], list[list[str]], list[int]]:
    """The header, the records and the line each record starts on (a quoted field may
    span lines; blank lines are skipped). A short record is padded with empty fields;
    a long one, or a quote left open, is an error naming the line."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle, strict=True)
            header = [name.strip() for name in next(reader, [])]
            if not header:
                raise CorpusError(f"{path}: the catalog is empty")
            duplicated = sorted({name for name in header if header.count(name) > 1})
            if duplicated:
                raise CorpusError(f"{path}:1: column(s) named twice: {', '.join(duplicated)}")
            records, starts = [], []
            end = reader.line_num
            for record in reader:
                start, end = end + 1, reader.line_num
                if not any(field.strip() for field in record):
                    continue
                if len(record) > len(header):
                    raise CorpusError(
                        f"{path}:{start}: malformed catalog: {len(record)} fields, "
                        f"the header has {len(header)}"
                    )
                records.append(record + [""] * (len(header) - len(record)))
                starts.append(start)
    except csv.Error as exc:
        raise CorpusError(f"{path}:{reader.line_num}: malformed catalog: {exc}") from None
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: the catalog is not UTF-8 text ({exc.reason})") from None
    return header, records, starts


def read_catalog(path) -> pd.DataFrame:
    """Read and validate a catalog CSV; errors name the file, line and column."""
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"{path}: catalog not found")
    header, records, record_lines = _read_catalog_lines(path)
    catalog = pd.DataFrame(records, columns=header, dtype=str)
    unknown = [c for c in catalog.columns if c not in CATALOG_COLUMNS]
    if "article_id" not in catalog.columns:
        raise CorpusError(f"{path}: the catalog needs an 'article_id' column")
    if unknown:
        raise CorpusError(
            f"{path}: unknown catalog column(s) {', '.join(unknown)}; "
            f"allowed: {', '.join(CATALOG_COLUMNS)}"
        )
    lines = {}
    for i, row in catalog.iterrows():
        line = record_lines[i]
        article_id = row["article_id"].strip()
        if not article_id:
            raise CorpusError(f"{path}:{line}: empty article_id")
        if article_id in lines:
            raise CorpusError(
                f"{path}:{line}: article_id {article_id!r} already on line {lines[article_id]}"
            )
        lines[article_id] = line
        if row.get("published", "").strip() and parse_date(row["published"]) is None:
            raise CorpusError(f"{path}:{line}: cannot read the date {row['published']!r}")
        flag = row.get("published_estimated", "").strip().lower()
        if flag not in ("", "yes", "no", "true", "false", "1", "0"):
            raise CorpusError(f"{path}:{line}: published_estimated must be yes or no, not {flag!r}")
    catalog["article_id"] = catalog["article_id"].str.strip()
    catalog.attrs["path"] = str(path)
    catalog.attrs["lines"] = lines
    return catalog


def _apply_catalog(
    corpus: pd.DataFrame, catalog: pd.DataFrame, dayfirst: bool = False, report=None
) -> tuple[set[str], dict[int, str]]:
    """Apply the catalog to the rows it names; return those ids and warnings by catalog row.

    The caller reports catalog ids that no article has once the whole corpus is read.
    """
    path = catalog.attrs.get("path", "catalog")
    index = {article_id: i for i, article_id in enumerate(corpus["article_id"])}
    matched: set[str] = set()
    notes: dict[int, str] = {}
    for number, row in enumerate(catalog.to_dict("records")):
        article_id = row["article_id"]
        if article_id not in index:
            continue
        matched.add(article_id)
        i = index[article_id]
        for name in ("title", "url"):
            if row.get(name, "").strip():
                corpus.at[i, name] = row[name].strip()
        if row.get("outlet", "").strip():
            corpus.at[i, "outlet"] = default_outlets().canonical(row["outlet"].strip())
            corpus.at[i, "outlet_basis"] = "catalog"
        if row.get("published", "").strip():
            date = parse_date(row["published"], dayfirst=dayfirst)
            if report is not None and not dayfirst:
                _note_numeric_date(
                    report, f"{path}:{catalog.attrs['lines'][article_id]}", row["published"], date
                )
            old = corpus.at[i, "published"]
            if old is not None and not pd.isna(old) and old != date:
                notes[number] = (
                    f"{path}: {article_id}: catalog date {date} differs from the "
                    f"{corpus.at[i, 'published_basis']} date {old}; using the catalog"
                )
            corpus.at[i, "published"] = date
            corpus.at[i, "published_basis"] = "catalog"
            estimated = row.get("published_estimated", "").strip().lower() in ("yes", "true", "1")
            corpus.at[i, "published_estimated"] = estimated
    return matched, notes
