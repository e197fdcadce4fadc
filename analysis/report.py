"""One-command reports: every notebook run on one corpus, in one HTML file.

``make_report(corpus, out_dir)`` (``python -m analysis report --corpus PATH --out
DIR``, ``make report CORPUS=PATH``) does, in order:

1. loads the corpus once, so a bad path or catalog fails before any notebook runs;
2. writes every table as CSV to ``DIR/tables/`` (the same files as ``export``);
3. draws every registered figure as PNG and SVG to ``DIR/figures/`` (the same
   files as ``figures``: the suite's style sheet and a source line naming the corpus);
4. runs each notebook of ``notebooks/`` with nbclient on that corpus: a cell
   tagged ``injected-parameters`` is inserted after the cell tagged
   ``parameters`` and sets ``CORPUS`` (and ``CATALOG``, ``TEXT_COLUMN`` and
   ``DAYFIRST`` when they are given), as papermill does. Exercise stubs (cells that raise ``NotImplementedError``) are
   left out; their solutions run. The executed notebooks are kept in ``DIR/notebooks/``;
5. writes ``DIR/report.html``: a front page (the corpus, its source line, the
   contents, the figure and table files), every notebook with its figures and
   tables, and the registered figures at the end. Links between notebooks
   become links inside the report. Images are embedded, so the file stands alone.

A notebook that fails does not stop the others: the report is still written,
marked incomplete at the top, and :class:`ReportError` is raised at the end
naming each notebook and cell that failed.
"""

from __future__ import annotations

import base64
import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .config import NOTEBOOKS_DIR, ROOT

PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"
NOTEBOOK_NAME_RE = re.compile(r"\d\d-[a-z0-9]+(?:-[a-z0-9]+)*\.ipynb")
_LINK_RE = re.compile(r"\[([^\]]*)\]\((\d\d-[a-z0-9-]+)\.ipynb(#[^)]*)?\)")


class ReportError(Exception):
    """The report could not be made, or one or more notebooks failed (the message says which)."""


@dataclass
class NotebookFailure:
    """Where a notebook failed: its file, the cell's position (1-based, as in the file) and the error."""

    notebook: str
    cell: int
    n_cells: int
    first_line: str
    ename: str
    evalue: str

    def __str__(self) -> str:
        return (
            f"{self.notebook}: cell {self.cell} of {self.n_cells} "
            f"(starting {self.first_line!r}) raised {self.ename}: {self.evalue}"
        )


@dataclass
class Report:
    """What :func:`make_report` wrote."""

    out_dir: Path
    html: Path
    notebooks: list[Path] = field(default_factory=list)
    figures: list[Path] = field(default_factory=list)
    tables: list[Path] = field(default_factory=list)
    failures: list[NotebookFailure] = field(default_factory=list)


# --- choosing and preparing notebooks ----------------------------------------------------


def in_report(path) -> bool:
    """False for a notebook whose metadata says ``"report": {"include": false}`` (00-start-here)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return bool(nb.metadata.get("report", {}).get("include", True))


def notebook_paths(directory=NOTEBOOKS_DIR, *, only=None) -> list[Path]:
    """The notebooks a report runs, in order: ``NN-name.ipynb`` files of ``directory``.

    ``only``: numbers (``"02"``), stems or file names to keep; without it, every
    notebook except those that opt out in their metadata (the start-here guide).
    """
    paths = sorted(p for p in Path(directory).glob("*.ipynb") if NOTEBOOK_NAME_RE.fullmatch(p.name))
    if only is None:
        return [p for p in paths if in_report(p)]
    chosen = []
    for w in (str(w).strip() for w in only):
        if not w:
            continue
        hits = [p for p in paths if w in (p.name, p.stem, p.name[:2])]
        if not hits:
            names = ", ".join(p.name for p in paths)
            raise ReportError(f"no notebook {w!r} in {directory}; notebooks are {names}")
        chosen += [p for p in hits if p not in chosen]
    return sorted(chosen)


def is_exercise_stub(cell) -> bool:
    """A code cell that only raises NotImplementedError for the learner to replace."""
    return cell.cell_type == "code" and "raise NotImplementedError" in cell.source


def parameterize(
    nb, *, corpus, catalog=None, text_column=None, dayfirst=False, name: str = "notebook"
):
    """A copy of ``nb`` with a cell setting ``CORPUS`` (and ``CATALOG``, ``TEXT_COLUMN``,
    ``DAYFIRST`` when given) after the ``parameters`` cell.

    Every cell of the copy records its position in the original file in
    ``metadata.report.cell`` (1-based; 0 for the injected cell), so errors can
    name the cell the user sees.
    """
    import nbformat

    nb = nbformat.from_dict(nb)  # a deep copy
    tagged = [i for i, c in enumerate(nb.cells) if PARAMETERS_TAG in c.metadata.get("tags", [])]
    if len(tagged) != 1:
        raise ReportError(
            f"{name}: needs exactly one cell tagged {PARAMETERS_TAG!r} (found {len(tagged)})"
        )
    index = tagged[0]
    values = {"CORPUS": str(corpus)}
    given = {
        "CATALOG": None if catalog is None else str(catalog),
        "TEXT_COLUMN": text_column,
        "DAYFIRST": True if dayfirst else None,
    }
    for variable, value in given.items():
        if value is None:
            continue  # the notebook's own value stands
        if not re.search(rf"^{variable}\s*=", nb.cells[index].source, re.M):
            raise ReportError(
                f"{name}: its parameters cell has no {variable}, so it cannot be passed to it"
            )
        values[variable] = value
    lines = ["# Parameters injected by `python -m analysis report`"]
    lines += [f"{variable} = {value!r}" for variable, value in values.items()]
    injected = nbformat.v4.new_code_cell("\n".join(lines))
    injected.metadata["tags"] = [INJECTED_TAG]
    injected.metadata["report"] = {"cell": 0}
    for i, cell in enumerate(nb.cells, start=1):
        cell.metadata["report"] = {"cell": i}
    nb.cells.insert(index + 1, injected)
    return nb


def prepare(nb, *, name: str = "notebook", **parameters):
    """:func:`parameterize` (``corpus``, ``catalog``, ``text_column``, ``dayfirst``),
    then leave out exercise stubs (their solutions stay)."""
    nb = parameterize(nb, name=name, **parameters)
    nb.cells = [c for c in nb.cells if not is_exercise_stub(c)]
    return nb


# --- running ---------------------------------------------------------------------------------


def kernel_env() -> dict[str, str]:
    """The environment of the notebook kernels: this one, with the project on PYTHONPATH."""
    env = dict(os.environ)
    paths = [str(ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    env.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    return env


def execute(
    nb, *, name: str, cwd=NOTEBOOKS_DIR, timeout: int = 600, kernel_name="python3", on_cell=None
):
    """Run ``nb`` (prepared) in a fresh kernel; return it with outputs and the failure, if any.

    Returns ``(nb, failure)``; ``failure`` is a :class:`NotebookFailure` or None.
    ``on_cell()`` is called after each code cell.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    current = {}

    def started(cell, cell_index):
        current["cell"] = cell

    def executed(cell, cell_index, execute_reply):
        if on_cell:
            on_cell()

    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=kernel_name,
        resources={"metadata": {"path": str(cwd)}},
        on_cell_start=started,
        on_cell_executed=executed,
    )
    n_cells = max((c.metadata.get("report", {}).get("cell", 0) for c in nb.cells), default=0)
    try:
        client.execute(env=kernel_env())
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
        cell = current.get("cell")
        first = next((ln for ln in (cell.source if cell else "").splitlines() if ln.strip()), "")
        ename = getattr(exc, "ename", type(exc).__name__)
        evalue = getattr(exc, "evalue", None) or str(exc).strip().splitlines()[-1]
        position = cell.metadata.get("report", {}).get("cell", 0) if cell else 0
        return nb, NotebookFailure(name, position, n_cells, first[:80], ename, evalue)
    except Exception as exc:  # the kernel did not start, or similar: nothing ran
        raise ReportError(f"{name}: could not run the notebook: {exc}") from exc
    return nb, None


# --- the HTML ---------------------------------------------------------------------------------


def anchor(path_or_name) -> str:
    """The id of a notebook's section in the report: 'nb-01-the-corpus'."""
    return "nb-" + Path(str(path_or_name)).stem


def _title(nb, fallback: str) -> str:
    first = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
    line = first.strip().splitlines()[0] if first.strip() else ""
    return line.lstrip("#").strip() or fallback


def link_within_report(source: str, names: set[str]) -> str:
    """Turn markdown links to other notebooks of the report into links to their sections,
    and links to notebooks the report leaves out (00-start-here) into plain text."""

    def replace(m):
        label, stem = m.group(1), m.group(2)
        return f"[{label}](#{anchor(stem)})" if stem in names else label

    return _LINK_RE.sub(replace, source)


_WIDGET = "application/vnd.jupyter.widget-view+json"


def _static_outputs(outputs) -> list:
    """Outputs without interactive widgets: a static page cannot show them (it would
    print 'VBox(children=...)'); their notebooks say what they do."""
    return [o for o in outputs if _WIDGET not in o.get("data", {})]


def _front_page(corpus, *, corpus_path, sections, failures, figures, tables, rows, out_dir) -> str:
    from .cleaning import removed_spans
    from .cli import summary  # the text `python -m analysis info` prints
    from .figures import source_line

    lines = [f"# Report: {corpus.attrs.get('name', 'corpus')} corpus", ""]
    if failures:
        lines += [
            '<div style="border:2px solid #D55E00;padding:0.5em 1em">',
            "",
            "**This report is incomplete.** These notebooks failed; their sections stop at the "
            "failing cell:",
            "",
            *[f"- {html.escape(str(f))}" for f in failures],
            "",
            "</div>",
            "",
        ]
    lines += [
        f"Made with `python -m analysis report` from `{corpus_path}`.",
        "",
        f"*{source_line(corpus)}*",
        "",
        "```text",
        summary(corpus, removed_spans(corpus)),
        "```",
        "",
    ]
    load = corpus.attrs.get("load_report")
    if load is not None and (load.skipped or load.warnings):
        lines += [
            f"**Load report:** {len(load.skipped)} skipped, {len(load.warnings)} warning"
            f"{'' if len(load.warnings) == 1 else 's'}; check them before reading on.",
            "",
            "```text",
            str(load),
            "```",
            "",
        ]
    lines += [
        "## Contents",
        "",
    ]
    lines += [f"1. [{html.escape(title)}](#{anchor(stem)})" for stem, title in sections]
    lines += ["1. [Figures for the report](#report-figures)", "", "## Files", ""]
    lines.append(
        "Beside this file: every table as CSV (the same columns as the Python API) and every "
        "figure as PNG and SVG."
    )
    lines.append("")
    lines.append("| file | what |")
    lines.append("|---|---|")
    for path in tables:
        rel = path.relative_to(out_dir).as_posix()
        what = f"{rows[path]:,} rows" if path in rows else "the corpus load report"
        lines.append(f"| [`{rel}`]({rel}) | {what} |")
    for path in figures:
        if path.suffix == ".png":
            rel = path.relative_to(out_dir).as_posix()
            lines.append(f"| [`{rel}`]({rel}), `.svg` | figure |")
    return "\n".join(lines)


def _figures_section(figures) -> str:
    from .figures import FIGURES

    parts = ['<a id="report-figures"></a>', "", "# Figures for the report", ""]
    parts.append(
        "The registered figures, as written to `figures/` (PNG shown; SVG beside it), "
        "each with the suite's style and a source line."
    )
    for path in figures:
        if path.suffix != ".png":
            continue
        spec = FIGURES.get(path.stem)
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        parts += [
            "",
            f"### `{path.stem}`",
            "",
            html.escape(spec.description) if spec else "",
            "",
            f'<img src="data:image/png;base64,{data}" alt="{html.escape(path.stem)}" '
            'style="max-width:100%">',
        ]
    return "\n".join(parts)


def combine(executed, *, front_page: str, figures_section: str):
    """One notebook of the front page, every executed notebook (with anchors) and the figures."""
    import nbformat

    names = {Path(name).stem for name, _ in executed}
    combined = nbformat.v4.new_notebook()
    combined.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    combined.cells.append(nbformat.v4.new_markdown_cell(front_page))
    for number, (name, nb) in enumerate(executed, start=1):
        combined.cells.append(nbformat.v4.new_markdown_cell(f'<a id="{anchor(name)}"></a>'))
        for cell in nb.cells:
            cell = nbformat.from_dict(cell)
            if "id" in cell:  # ids are unique per notebook; make them unique in the report
                cell.id = f"n{number}-{cell.id}"[:64]
            if cell.cell_type == "markdown":
                cell.source = link_within_report(cell.source, names)
            elif cell.cell_type == "code":
                cell.outputs = _static_outputs(cell.outputs)
            combined.cells.append(cell)
    combined.cells.append(nbformat.v4.new_markdown_cell(figures_section))
    return combined


def to_html(nb, *, title: str = "Report", hide_code: bool = False) -> str:
    """The notebook as one HTML page, images embedded (nbconvert's template links MathJax
    and require.js on a CDN; the page reads the same without them)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        exclude_input=hide_code,
        exclude_input_prompt=hide_code,
        exclude_output_prompt=hide_code,
    )
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    return body


# --- the whole report ---------------------------------------------------------------------------


def make_report(
    corpus_path,
    out_dir,
    *,
    catalog=None,
    text_column: str | None = None,
    dayfirst: bool = False,
    notebooks=None,
    notebooks_dir=NOTEBOOKS_DIR,
    timeout: int = 600,
    hide_code: bool = False,
    figures: bool = True,
    jobs: int = 1,
    progress: bool = True,
) -> Report:
    """Run the notebooks on ``corpus_path`` and write the report to ``out_dir`` (see the module doc).

    ``text_column`` and ``dayfirst`` are passed to :func:`~analysis.load_corpus`, here
    and in every notebook. ``notebooks``: numbers or names of the notebooks to run
    (default: all).
    ``jobs``: notebooks run at once, each in its own kernel (2 halves the time on two
    free cores). ``figures=False`` leaves out the registered figures (PNG/SVG and their section).
    Raises :class:`ReportError` (after writing everything it could) when a notebook fails.
    """
    import nbformat
    from tqdm.auto import tqdm

    from .corpus import load_corpus
    from .export import write_tables
    from .figures import save_figures
    from .tables import Tables

    corpus_path = Path(corpus_path).resolve()
    catalog = Path(catalog).resolve() if catalog is not None else None
    out_dir = Path(out_dir)
    paths = notebook_paths(notebooks_dir, only=notebooks)
    if not paths:
        raise ReportError(f"no notebooks (NN-name.ipynb) in {notebooks_dir}")

    corpus = load_corpus(corpus_path, catalog=catalog, text_column=text_column, dayfirst=dayfirst)
    tables = Tables(corpus)
    report = Report(out_dir=out_dir, html=out_dir / "report.html")
    print(f"{corpus.attrs.get('name', 'corpus')}: {len(corpus)} articles; writing to {out_dir}")
    from .cli import tell_load_report

    tell_load_report(corpus.attrs["load_report"])  # also on the front page
    rows = {}
    report.tables = write_tables(
        tables, out_dir / "tables", progress=lambda path, n: rows.__setitem__(path, n)
    )
    report.figures = save_figures(tables, out_dir / "figures") if figures else []

    prepared = []
    for path in paths:
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception as exc:
            raise ReportError(f"{path.name}: not a readable notebook: {exc}") from exc
        prepared.append(
            (
                path.name,
                prepare(
                    nb,
                    corpus=corpus_path,
                    catalog=catalog,
                    text_column=text_column,
                    dayfirst=dayfirst,
                    name=path.name,
                ),
            )
        )

    n_code = sum(c.cell_type == "code" for _, nb in prepared for c in nb.cells)
    executed = []
    (out_dir / "notebooks").mkdir(parents=True, exist_ok=True)
    with tqdm(total=n_code, unit="cell", disable=not progress, desc="notebooks") as bar:

        def run(item):
            name, nb = item
            done = [0]

            def on_cell():
                done[0] += 1
                bar.update(1)

            nb, failure = execute(
                nb, name=name, cwd=notebooks_dir, timeout=timeout, on_cell=on_cell
            )
            if failure:
                bar.update(sum(c.cell_type == "code" for c in nb.cells) - done[0])
            return name, nb, failure

        if jobs > 1 and len(prepared) > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=jobs) as pool:
                results = list(pool.map(run, prepared))  # in notebook order
        else:
            results = [run(item) for item in prepared]

    for name, nb, failure in results:
        if failure:
            report.failures.append(failure)
        saved = out_dir / "notebooks" / name
        nbformat.write(nb, saved)
        report.notebooks.append(saved)
        executed.append((name, nb))

    sections = [(Path(name).stem, _title(nb, name)) for name, nb in executed]
    front = _front_page(
        corpus,
        corpus_path=corpus_path,
        sections=sections,
        failures=report.failures,
        figures=report.figures,
        tables=report.tables,
        rows=rows,
        out_dir=out_dir,
    )
    combined = combine(executed, front_page=front, figures_section=_figures_section(report.figures))
    title = f"Report: {corpus.attrs.get('name', 'corpus')} corpus"
    report.html.write_text(to_html(combined, title=title, hide_code=hide_code), encoding="utf-8")
    if report.failures:
        failed = "\n".join(f"  {f}" for f in report.failures)
        error = ReportError(
            f"{len(report.failures)} notebook(s) failed:\n{failed}\n"
            f"The report was written without their later cells: {report.html}"
        )
        error.report = report
        raise error
    return report
