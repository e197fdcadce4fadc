"""Keyword in context: every hit with the words around it, to check each count by eye."""

from __future__ import annotations

import html

import pandas as pd

from .hits import hits as find_hits
from .hits import resolve_lexicon
from .lexicon import Lexicon

KWIC_COLUMNS = [
    "article_id",
    "sentence_id",
    "start",
    "end",
    "pre",
    "match",
    "post",
    "category",
    "term",
]


def kwic(
    corpus: pd.DataFrame,
    pattern_or_category,
    *,
    window: int = 60,
    lexicon=None,
    sentences=None,
) -> pd.DataFrame:
    """Keyword in context for a dictionary category or for patterns of your own.

    ``pattern_or_category`` is a category id of ``lexicon`` (the rhetoric
    dictionary by default), or a pattern in the dictionary syntax
    (``"legitimate * targets"``), or a list of patterns. Returns one row per
    hit: ``article_id``, ``sentence_id``, ``start``, ``end``, ``pre`` (up to
    ``window`` characters before, exactly as in the text), ``match``
    (``text[start:end]``), ``post``, ``category`` and ``term``; plus
    ``outlet`` when the corpus has it. Render it with :func:`kwic_html`.
    """
    lexicon = resolve_lexicon(lexicon)
    if isinstance(pattern_or_category, str) and pattern_or_category in lexicon:
        lexicon = lexicon.select([pattern_or_category])
    else:
        patterns = (
            [pattern_or_category]
            if isinstance(pattern_or_category, str)
            else list(pattern_or_category)
        )
        lexicon = Lexicon.from_mapping({"pattern": patterns}, name="kwic")
    found = find_hits(corpus, lexicon, sentences=sentences)
    texts = dict(zip(corpus["article_id"], corpus["text"], strict=True))
    pre, post = [], []
    for aid, start, end in zip(found["article_id"], found["start"], found["end"], strict=True):
        text = texts[aid]
        pre.append(text[max(0, start - window) : start])
        post.append(text[end : end + window])
    found["pre"] = pre
    found["post"] = post
    result = found[KWIC_COLUMNS]
    if "outlet" in corpus.columns:
        outlets = dict(zip(corpus["article_id"], corpus["outlet"], strict=True))
        result = result.assign(outlet=result["article_id"].map(outlets))
    return result.reset_index(drop=True)


class KwicHTML(str):
    """HTML text that Jupyter displays as HTML (and prints as HTML source)."""

    def _repr_html_(self) -> str:
        return str(self)


def _flat(text: str) -> str:
    return html.escape(" ".join(text.split()))


def kwic_html(kwic_table: pd.DataFrame, *, max_rows: int = 50, show: tuple = ("outlet",)) -> str:
    """A readable KWIC table: context right- and left-aligned around the highlighted match.

    Whitespace in the context is shown as single spaces; the offsets in each
    row point to the exact text. Shows at most ``max_rows`` rows and says how
    many more there are.
    """
    extra = [c for c in show if c in kwic_table.columns]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in ["article_id", "offsets", *extra])
    rows = []
    for row in kwic_table.head(max_rows).itertuples(index=False):
        cells = [
            f"<td>{html.escape(str(row.article_id))}</td>",
            f"<td>{row.start}–{row.end}</td>",
            *(f"<td>{html.escape(str(getattr(row, c)))}</td>" for c in extra),
            f'<td style="text-align:right;white-space:nowrap">{_flat(row.pre)}</td>',
            f'<td style="white-space:nowrap"><mark title="{html.escape(str(row.category))}: '
            f'{html.escape(str(row.term))}"><b>{_flat(row.match)}</b></mark></td>',
            f'<td style="text-align:left;white-space:nowrap">{_flat(row.post)}</td>',
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = len(kwic_table) - max_rows
    note = f"<p>… and {more} more rows</p>" if more > 0 else ""
    return KwicHTML(
        '<table class="kwic">'
        f"<thead><tr>{head}<th>before</th><th>match</th><th>after</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>{note}"
    )
