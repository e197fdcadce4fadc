"""A small explorer for JupyterLab: pick a category, an actor or an act; read the sentences.

``explore(tables)`` returns an ipywidgets box: choose what to look for (a
dictionary category, an actor, an act) and a value, and the matching sentences
are shown with the matched words highlighted, each with its article, outlet and
offsets so it can be found again. It uses whichever evidence tables the suite
has (dictionary ``hits``, actor ``mentions``, ``statements``), and works headless:
under nbval or in a script the widget is built but nothing needs a browser.

The pieces are plain functions (:func:`evidence`, :func:`matching_sentences`,
:func:`highlight`), so the same view can be printed or tested without widgets.
"""

from __future__ import annotations

import html

import pandas as pd

#: What can be explored: (label, table, value column, highlight start/end columns).
SOURCES = [
    ("category", "hits", "category", ("start", "end")),
    ("actor", "mentions", "actor", ("start", "end")),
    ("act", "statements", "act", ("cue_start", "cue_end")),
]
EVIDENCE_COLUMNS = ["kind", "value", "article_id", "sentence_id", "start", "end"]


def evidence(tables) -> pd.DataFrame:
    """Every highlightable match of the tables the suite has, in one long table.

    Columns: ``kind`` (category, actor or act), ``value`` (which one),
    ``article_id``, ``sentence_id``, and ``start``/``end`` of the words to highlight
    (for a statement, its cue), offsets into the article's ``text``.
    """
    parts = []
    for kind, name, column, (start, end) in SOURCES:
        if not hasattr(type(tables), name):  # any object with some of these tables will do
            continue
        table = getattr(tables, name)
        if not len(table):
            continue
        if start not in table.columns:
            start, end = "start", "end"
        part = pd.DataFrame(
            {
                "kind": kind,
                "value": table[column].astype(str),
                "article_id": table["article_id"].astype(str),
                "sentence_id": table["sentence_id"],
                "start": table[start].astype("int64"),
                "end": table[end].astype("int64"),
            }
        )
        parts.append(part.dropna(subset=["sentence_id"]))
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in EVIDENCE_COLUMNS})
    out = pd.concat(parts, ignore_index=True)
    out["sentence_id"] = out["sentence_id"].astype("int64")
    return out


def choices(found: pd.DataFrame) -> dict[str, list[str]]:
    """For each kind, its values, most frequent first: {'act': ['threat', ...], ...}."""
    return {
        kind: group["value"].value_counts().index.tolist()
        for kind, group in found.groupby("kind", sort=False)
    }


def matching_sentences(found: pd.DataFrame, sentences: pd.DataFrame, kind: str, value: str):
    """The sentences holding a match of ``kind`` = ``value``, with the spans to highlight.

    One row per sentence: ``article_id``, ``sentence_id``, ``start``, ``end``,
    ``text`` (from the sentences table) and ``spans``: (start, end) offsets of the
    matches relative to the sentence, sorted.
    """
    chosen = found[(found["kind"] == kind) & (found["value"] == value)]
    if not len(chosen):
        return sentences.iloc[0:0].assign(spans=[])
    spans = chosen.groupby(["article_id", "sentence_id"]).apply(
        lambda g: list(zip(g["start"], g["end"], strict=True)), include_groups=False
    )
    rows = sentences.set_index(["article_id", "sentence_id"]).loc[spans.index].reset_index()
    rows["spans"] = [
        sorted((max(s - start, 0), min(e - start, end - start)) for s, e in matches)
        for matches, start, end in zip(spans.tolist(), rows["start"], rows["end"], strict=True)
    ]
    return rows[["article_id", "sentence_id", "start", "end", "text", "spans"]]


def highlight(text: str, spans) -> str:
    """``text`` as HTML with each (start, end) span in ``<mark>``; overlapping spans merged."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out, at = [], 0
    for s, e in merged:
        out += [html.escape(text[at:s]), "<mark>", html.escape(text[s:e]), "</mark>"]
        at = e
    out.append(html.escape(text[at:]))
    return "".join(out)


def render(rows: pd.DataFrame, corpus: pd.DataFrame, *, max_rows: int = 50) -> str:
    """The matching sentences as an HTML list: highlighted text, article, outlet, offsets."""
    if not len(rows):
        return "<p><em>No sentence matches.</em></p>"
    outlets = dict(zip(corpus["article_id"], corpus["outlet"], strict=True))
    items = []
    for row in rows.head(max_rows).itertuples():
        outlet = outlets.get(row.article_id)
        where = (
            f"{html.escape(row.article_id)} · {html.escape(outlet if isinstance(outlet, str) else 'unknown')}"
            f" · sentence {row.sentence_id} · characters {row.start}–{row.end}"
        )
        items.append(
            f"<li><div>{highlight(row.text, row.spans)}</div>"
            f'<div style="color:#666;font-size:85%">{where}</div></li>'
        )
    more = len(rows) - max_rows
    tail = f"<p><em>… and {more} more sentences.</em></p>" if more > 0 else ""
    return f"<p>{len(rows)} sentence(s)</p><ol>{''.join(items)}</ol>{tail}"


def explore(tables, *, max_rows: int = 50):
    """An ipywidgets explorer of ``tables`` (:class:`analysis.Tables`): pick, then read.

    Display it in JupyterLab (it is the cell's last value). Returns the widget box.
    """
    import ipywidgets as widgets

    found = evidence(tables)
    options = choices(found)
    sentences = tables.sentences
    kinds = [k for k, *_ in SOURCES if k in options]
    kind = widgets.Dropdown(
        options=kinds, description="Look for", value=kinds[0] if kinds else None
    )
    value = widgets.Dropdown(options=options.get(kind.value, []), description="Which")
    shown = widgets.HTML()

    def update(*_):
        if kind.value is None or value.value is None:
            shown.value = "<p><em>No evidence tables with matches in this corpus.</em></p>"
            return
        rows = matching_sentences(found, sentences, kind.value, value.value)
        shown.value = render(rows, tables.corpus, max_rows=max_rows)

    def change_kind(change):
        value.options = options.get(change["new"], [])

    kind.observe(change_kind, names="value")
    value.observe(update, names="value")
    update()
    return widgets.VBox([widgets.HBox([kind, value]), shown])
