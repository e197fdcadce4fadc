"""Write the tables of one corpus to files: what ``python -m analysis export`` and the report write."""

from __future__ import annotations

from pathlib import Path

from .tables import TABLE_NAMES


def write_tables(tables, out_dir, *, names=None, format="csv", progress=None) -> list[Path]:
    """Write each table in ``names`` (default: every table) as ``<name>.csv`` or ``.parquet``.

    The columns are those of the Python API. The corpus load report is written
    beside them as ``load_report.txt``. Returns the files written, load report last.
    ``progress(name, n_rows)`` is called after each table.
    """
    if format not in ("csv", "parquet"):
        raise ValueError(f"format must be 'csv' or 'parquet', not {format!r}")
    names = list(TABLE_NAMES) if names is None else list(names)
    unknown = [n for n in names if n not in TABLE_NAMES]
    if unknown:
        raise KeyError(f"no table {', '.join(unknown)}; tables are {', '.join(TABLE_NAMES)}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names:
        table = tables[name].copy(deep=False)
        table.attrs = {}  # the load report is written on its own below
        path = out_dir / f"{name}.{format}"
        if format == "csv":
            table.to_csv(path, index=False)
        else:
            table.to_parquet(path, index=False)
        written.append(path)
        if progress:
            progress(path, len(table))
    report_path = out_dir / "load_report.txt"
    report_path.write_text(str(tables.corpus.attrs["load_report"]) + "\n", encoding="utf-8")
    written.append(report_path)
    return written
