"""The command line: the same API as the Python package, from the shell.

python -m analysis info PATH
python -m analysis export --corpus PATH --out DIR [--format csv|parquet] [--tables a,b]
python -m analysis export --corpus PATH --out DIR --jobs N [--chunk-size K]   (Parquet shards)
python -m analysis figures [--corpus PATH] [--out DIR] [--only a,b] [--list]
python -m analysis report --corpus PATH --out DIR [--catalog CSV] [--notebooks 01,02] [--hide-code]

Every command that reads a corpus also takes --catalog CSV, --text-column NAME and
--dayfirst, as load_corpus does.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .config import FIGURES_DIR, SEEDS_DIR
from .report import ReportError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    info = commands.add_parser("info", help="summarise a corpus and print its load report")
    info.add_argument("corpus", type=Path, help="folder, text file or table of articles")
    info.add_argument(
        "--catalog", type=Path, help="catalog CSV (default: catalog.csv in the folder)"
    )
    _reading_options(info)

    export = commands.add_parser("export", help="write the corpus tables as CSV or Parquet")
    export.add_argument(
        "--corpus",
        type=Path,
        required=True,
        help="folder, text file or table, or a quoted glob of shards ('feeds/*.parquet')",
    )
    export.add_argument("--catalog", type=Path)
    _reading_options(export)
    export.add_argument("--out", type=Path, required=True, help="folder to write the tables to")
    export.add_argument(
        "--format",
        choices=["csv", "parquet"],
        help="one file per table (default csv); in chunks, always Parquet shards",
    )
    export.add_argument("--tables", help="comma-separated table names (default: all)")
    export.add_argument(
        "--jobs",
        type=int,
        help="process in chunks with N worker processes and write Parquet shards, "
        "DIR/<table>/part-NNNNN.parquet (for corpora larger than memory)",
    )
    export.add_argument(
        "--chunk-size", type=int, help="articles per chunk with --jobs (default 500)"
    )
    export.add_argument("--no-progress", action="store_true", help="no progress bar (--jobs)")

    figures = commands.add_parser("figures", help="regenerate the registered figures (PNG and SVG)")
    figures.add_argument("--corpus", type=Path, default=SEEDS_DIR)
    figures.add_argument("--catalog", type=Path)
    _reading_options(figures)
    figures.add_argument("--out", type=Path, default=FIGURES_DIR)
    figures.add_argument("--only", help="comma-separated figure names (default: all)")
    figures.add_argument("--list", action="store_true", help="list the figures and exit")

    report = commands.add_parser(
        "report", help="run every notebook on a corpus; write one HTML report, figures and tables"
    )
    report.add_argument("--corpus", type=Path, required=True, help="folder, text file or table")
    report.add_argument("--catalog", type=Path)
    _reading_options(report)
    report.add_argument("--out", type=Path, required=True, help="folder to write the report to")
    report.add_argument("--notebooks", help="comma-separated numbers or names (default: all)")
    report.add_argument("--hide-code", action="store_true", help="leave code cells out of the HTML")
    report.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    report.add_argument(
        "--jobs", type=int, default=1, help="notebooks run at once, one kernel each (default 1)"
    )
    report.add_argument("--no-progress", action="store_true", help="no progress bar")

    args, extra = parser.parse_known_args(argv)
    if extra:
        hint = ""
        if any(Path(e).exists() for e in extra):
            hint = " (the shell expanded a glob: quote it, --corpus 'feeds/*.parquet')"
        parser.error(f"unrecognized arguments: {' '.join(extra)}{hint}")
    commands = {"info": _info, "export": _export, "figures": _figures, "report": _report}
    try:
        return commands[args.command](args)
    except BrokenPipeError:  # `info ... | head` closed the pipe: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except ReportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (ValueError, KeyError, FileNotFoundError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"error: {message}", file=sys.stderr)
        return 2


def _reading_options(command) -> None:
    """How to read a corpus, as load_corpus takes it: its text column and its dates."""
    command.add_argument(
        "--text-column", help="the table column that holds the text, if not text, body, ..."
    )
    command.add_argument(
        "--dayfirst",
        action="store_true",
        help="read numeric dates day first (10/03/2025: 10 March)",
    )


def _load(args, *, tell: bool = True):
    """The corpus of ``args``; with ``tell``, what it skipped or warned about is printed
    to stderr (a day-first source read month first must not go unseen in ``figures``)."""
    from .corpus import load_corpus

    corpus = load_corpus(
        args.corpus, catalog=args.catalog, text_column=args.text_column, dayfirst=args.dayfirst
    )
    if corpus.empty:  # a table with a header and no rows, or only empty texts
        raise ValueError(f"{args.corpus}: no articles to analyse.\n{corpus.attrs['load_report']}")
    if tell:
        tell_load_report(corpus.attrs["load_report"])
    return corpus


def tell_load_report(report) -> None:
    """Print the load report to stderr when it skipped a file or row or has a warning."""
    if report.skipped or report.warnings:
        print(report, file=sys.stderr)


def _names(option: str | None, known: list[str], what: str) -> list[str]:
    if not option:
        return list(known)
    names = [n.strip() for n in option.split(",") if n.strip()]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"unknown {what} {', '.join(unknown)}; choose from {', '.join(known)}")
    return names


def _info(args) -> int:
    from .cleaning import removed_spans

    corpus = _load(args, tell=False)  # printed in full below
    print(summary(corpus, removed_spans(corpus)))
    print()
    print(corpus.attrs["load_report"])
    return 0


def summary(corpus, removed) -> str:
    """A plain-text summary of a corpus, as ``info`` prints it."""
    dates = corpus["published"].dropna()
    undated = corpus.loc[corpus["published"].isna(), "article_id"].tolist()
    lines = [
        f"Corpus: {corpus.attrs.get('name', 'corpus')}: {len(corpus)} articles, "
        f"{corpus['n_words'].sum():,} words",
        "Published: "
        + (f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "no dates")
        + (f"; {len(undated)} undated ({_first_ids(undated)})" if undated else ""),
        "Outlets: "
        + ", ".join(  # most articles first, then by name; unknown last
            f"{k} {v}"
            for k, v in sorted(
                corpus["outlet"].fillna("unknown").value_counts().items(),
                key=lambda kv: (kv[0] == "unknown", -kv[1], kv[0]),
            )
        ),
        f"Removed before analysis: {len(removed)} spans, "
        f"{int((removed['raw_end'] - removed['raw_start']).sum()):,} characters"
        + (
            f" ({', '.join(f'{k} {v}' for k, v in removed['rule'].value_counts().items())})"
            if len(removed)
            else ""
        ),
        "",
    ]
    table = corpus[
        ["article_id", "outlet", "published", "published_basis", "n_words", "title"]
    ].copy()
    table["published"] = table["published"].dt.strftime("%Y-%m-%d").fillna("-")
    table["title"] = table["title"].fillna("").str.slice(0, 50)
    if len(table) > SUMMARY_ROWS:  # a corpus of thousands: its first articles, and how many more
        more = len(table) - SUMMARY_ROWS
        lines.append(table.head(SUMMARY_ROWS).fillna("-").to_string(index=False))
        lines.append(f"... and {more:,} more articles (every one: python -m analysis export)")
    else:
        lines.append(table.fillna("-").to_string(index=False))
    return "\n".join(lines)


SUMMARY_ROWS = 30  # articles listed by info and the report's front page


def _first_ids(ids: list[str], n: int = 10) -> str:
    """The first ``n`` ids, and how many more."""
    shown = ", ".join(ids[:n])
    return shown + (f" and {len(ids) - n:,} more" if len(ids) > n else "")


def _export(args) -> int:
    for option, value in (("--jobs", args.jobs), ("--chunk-size", args.chunk_size)):
        if value is not None and value < 1:
            raise ValueError(f"{option} must be at least 1, not {value}")
    if args.jobs is not None or args.chunk_size is not None or "*" in str(args.corpus):
        if args.format == "csv":
            raise ValueError(
                "the export in chunks (--jobs, --chunk-size or a glob) writes Parquet shards; "
                "leave out --format csv, or export without chunks"
            )
        return _export_shards(args)
    args.format = args.format or "csv"
    from .export import write_tables
    from .tables import TABLE_NAMES, Tables

    names = _names(args.tables, TABLE_NAMES, "table")
    tables = Tables(_load(args))
    written = write_tables(
        tables,
        args.out,
        names=names,
        format=args.format,
        progress=lambda path, n: print(f"wrote {path} ({n:,} rows)"),
    )
    print(f"wrote {written[-1]}")
    return 0


def _export_shards(args) -> int:
    from .shards import export_shards
    from .tables import TABLE_NAMES

    # Chunked export always writes Parquet shards (one file per table per chunk).
    summary = export_shards(
        args.corpus,
        args.out,
        jobs=args.jobs or 1,
        chunk_size=args.chunk_size or 500,
        tables=_names(args.tables, TABLE_NAMES, "table"),
        catalog=args.catalog,
        text_column=args.text_column,
        dayfirst=args.dayfirst,
        progress=not args.no_progress,
    )
    print(summary)
    tell_load_report(summary.report)
    print(f"wrote {args.out}/<table>/part-*.parquet and {args.out / 'load_report.txt'}")
    return 0


def _figures(args) -> int:
    from .figures import FIGURES, save_figures
    from .tables import Tables

    if args.list:
        for spec in FIGURES.values():
            print(f"{spec.name:28} {spec.description}")
        return 0
    names = _names(args.only, list(FIGURES), "figure")
    tables = Tables(_load(args))
    written = save_figures(tables, args.out, names, progress=lambda n: print(f"drawing {n}"))
    print(f"wrote {len(written)} files to {args.out}")
    return 0


def _report(args) -> int:
    from .report import make_report

    notebooks = args.notebooks.split(",") if args.notebooks else None
    report = make_report(
        args.corpus,
        args.out,
        catalog=args.catalog,
        text_column=args.text_column,
        dayfirst=args.dayfirst,
        notebooks=notebooks,
        timeout=args.timeout,
        hide_code=args.hide_code,
        jobs=args.jobs,
        progress=not args.no_progress,
    )
    print(
        f"wrote {report.html} ({len(report.notebooks)} notebook"
        f"{'' if len(report.notebooks) == 1 else 's'}), "
        f"{len(report.figures)} figure files and {len(report.tables)} table files"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
