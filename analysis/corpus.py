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

import datetime as dt
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from dateutil import parser as dateparser

from .cleaning import clean, rules_file
from .outlets import find_outlet

WORD_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’\-‐‑][^\W_]+)*")
"""A word token for lexical analysis: a run of letters or digits; internal apostrophes
and hyphens keep it whole ("Russia's", "pseudo-peacekeeping" and "2014-2022" are one
word each), and so do dotted abbreviations ("U.S.", "a.m.")."""

# A token of symbols only (a lone dash or bullet); a space before it keeps the scan fast.
_NOT_A_WORD = re.compile(r"\s[^\w\s]+(?=\s|\Z)")

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
    two tokens there). Counting by ``str.split`` keeps loading fast.
    """
    return len(text.split()) - len(_NOT_A_WORD.findall(" " + text))


def load_corpus(
    source,
    *,
    catalog=None,
    text_column: str | None = None,
    boilerplate=None,
) -> pd.DataFrame:
    """Load articles into a DataFrame, one row per article.

    ``source`` is a folder of ``.txt``/``.md`` files (a ``catalog.csv`` inside it is
    used unless ``catalog`` is given), one such file, a table file or a DataFrame
    with a text column (``text_column`` names it when the usual names do not fit).
    ``catalog`` is a CSV with ``article_id`` and any of outlet, title, published,
    published_estimated, url, notes; its values override what the text says.
    ``boilerplate`` is another rules file instead of ``lexicons/boilerplate.yaml``.

    Columns: see :data:`COLUMNS`. ``attrs["load_report"]`` is a :class:`LoadReport`,
    ``attrs["name"]`` a short name for figure source lines.
    """
    rules = rules_file(boilerplate)
    if isinstance(source, pd.DataFrame):
        name = "table"
        report = LoadReport("a DataFrame")
        records = _from_table(source, "row", report, rules, text_column)
    else:
        path = Path(source)
        if not path.exists():
            raise CorpusError(f"{path}: no such file or folder")
        name = path.stem if path.is_file() else path.resolve().name
        report = LoadReport(str(path))
        if path.is_dir():
            records = _from_folder(path, report, rules)
            if catalog is None and (path / CATALOG_NAME).exists():
                catalog = path / CATALOG_NAME
        elif path.suffix.lower() in TABLE_SUFFIXES:
            table = _read_table(path)
            records = _from_table(table, path.name, report, rules, text_column)
        else:
            records = _from_files([path], None, report, rules)
    corpus = pd.DataFrame.from_records(records, columns=COLUMNS)
    if catalog is not None:
        _apply_catalog(corpus, read_catalog(catalog), report)
    corpus["published"] = pd.to_datetime(corpus["published"]).astype("datetime64[ns]")
    corpus["n_words"] = corpus["n_words"].astype("int64")
    corpus["published_estimated"] = corpus["published_estimated"].astype(bool)
    report.n_read = len(corpus)
    corpus.attrs["load_report"] = report
    corpus.attrs["name"] = name
    return corpus


# --- files -------------------------------------------------------------------------------


def _from_folder(folder: Path, report: LoadReport, rules) -> list[dict]:
    files, shown = _folder_files(folder, report)
    return _from_files(files, folder, report, rules, shown=shown)


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
    return files, shown


def _from_files(
    paths: list[Path],
    base: Path | None,
    report: LoadReport,
    rules,
    *,
    shown: list[str] | None = None,
    seen: dict | None = None,
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
        records.append(_article(article_id, where, raw, {}, "file", report, rules))
    return records


def read_text_file(path: Path) -> tuple[str, str | None]:
    """Decode a text file; return the text and a warning if it was not plain UTF-8.

    UTF-8 (with or without a byte-order mark) is expected; cp1252, then Latin-1,
    are the fallbacks, each with a warning. Empty and binary files raise ``_Skip``.
    """
    data = path.read_bytes()
    if not data.strip():
        raise _Skip("empty file")
    if b"\x00" in data[:8192]:
        raise _Skip("binary file (contains NUL bytes), not text")
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


def _column(table: pd.DataFrame, name: str, given: str | None = None) -> str | None:
    if given is not None:
        return given
    lower = {str(c).lower(): c for c in table.columns}
    return next((lower[c] for c in TABLE_FIELDS[name] if c in lower), None)


def _from_table(table: pd.DataFrame, where: str, report, rules, text_column) -> list[dict]:
    if text_column is not None and text_column not in table.columns:
        raise CorpusError(
            f"{where}: no column {text_column!r}; columns are {', '.join(map(str, table.columns))}"
        )
    columns = {name: _column(table, name) for name in TABLE_FIELDS}
    columns["text"] = _column(table, "text", text_column)
    if columns["text"] is None:
        raise CorpusError(
            f"{where}: no text column (looked for {', '.join(TABLE_FIELDS['text'])}); "
            f"the table has columns: {', '.join(map(str, table.columns))}. "
            "Name the text column with load_corpus(..., text_column=...)."
        )
    records, seen = [], {}
    width = len(str(len(table)))
    stem = Path(where).stem
    for i, row in enumerate(table.to_dict("records"), start=1):
        label = f"{where} row {i}"
        raw = row[columns["text"]]
        if raw is None or (isinstance(raw, float) and pd.isna(raw)) or not str(raw).strip():
            report.skipped.append((label, f"empty text in column {columns['text']!r}"))
            continue
        article_id = _cell(row, columns["article_id"]) or f"{stem}-{i:0{width}d}"
        if article_id in seen:
            raise CorpusError(
                f"duplicate article id {article_id!r}: {seen[article_id]} and {label}"
            )
        seen[article_id] = label
        given = {
            name: _cell(row, columns[name]) for name in ("title", "outlet", "url", "published")
        }
        records.append(_article(article_id, label, str(raw), given, "table", report, rules))
    return records


def _cell(row: dict, column) -> str | None:
    if column is None:
        return None
    value = row.get(column)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    value = str(value).strip()
    return value or None


# --- one article -------------------------------------------------------------------------


def _article(article_id, source, raw, given, basis, report, rules) -> dict:
    """One corpus row from raw text and the metadata a table or file gave."""
    cleaned = clean(raw, rules)
    header = cleaned.metadata

    published, published_basis = None, "unknown"
    for value, value_basis in (
        (given.get("published"), basis),
        (header.get("published"), "header"),
    ):
        if value:
            published = parse_date(value)
            if published is None:
                report.warnings.append(f"{source}: cannot read the date {value!r}; left missing")
            else:
                published_basis = value_basis
                break

    outlet, outlet_basis = given.get("outlet"), basis
    if not outlet and header.get("outlet"):
        outlet, outlet_basis = header["outlet"], "header"
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


def parse_date(value) -> dt.date | None:
    """A calendar date from a header, table or catalog value, or None if unreadable.

    ISO dates (2026-01-08, 2026-01-08T10:00:00Z) are read as such; other spellings
    ("8 January 2026", "Jan 8, 2026") by dateutil. Numeric day/month orders are
    ambiguous (01/02/2026), so they are read month first, as dateutil does.
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
            return dateparser.parse(text, default=dt.datetime(1900, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


# --- catalog -----------------------------------------------------------------------------


def read_catalog(path) -> pd.DataFrame:
    """Read and validate a catalog CSV; errors name the file, line and column."""
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"{path}: catalog not found")
    try:
        catalog = pd.read_csv(path, dtype=str, keep_default_na=False, comment=None)
    except pd.errors.ParserError as exc:
        raise CorpusError(f"{path}: malformed catalog: {exc}") from None
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
        line = i + 2  # header is line 1
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


def _apply_catalog(corpus: pd.DataFrame, catalog: pd.DataFrame, report: LoadReport) -> None:
    path = catalog.attrs.get("path", "catalog")
    index = {article_id: i for i, article_id in enumerate(corpus["article_id"])}
    for row in catalog.to_dict("records"):
        article_id = row["article_id"]
        if article_id not in index:
            line = catalog.attrs["lines"][article_id]
            report.warnings.append(
                f"{path}:{line}: catalog names {article_id!r}, which is not in the corpus"
            )
            continue
        i = index[article_id]
        for name in ("title", "url"):
            if row.get(name, "").strip():
                corpus.at[i, name] = row[name].strip()
        if row.get("outlet", "").strip():
            corpus.at[i, "outlet"] = row["outlet"].strip()
            corpus.at[i, "outlet_basis"] = "catalog"
        if row.get("published", "").strip():
            date = parse_date(row["published"])
            old = corpus.at[i, "published"]
            if old is not None and not pd.isna(old) and old != date:
                report.warnings.append(
                    f"{path}: {article_id}: catalog date {date} differs from the "
                    f"{corpus.at[i, 'published_basis']} date {old}; using the catalog"
                )
            corpus.at[i, "published"] = date
            corpus.at[i, "published_basis"] = "catalog"
            estimated = row.get("published_estimated", "").strip().lower() in ("yes", "true", "1")
            corpus.at[i, "published_estimated"] = estimated
