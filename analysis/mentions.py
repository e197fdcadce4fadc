"""Actor mentions: who is named where, under which name, in which sentence.

:func:`mentions` runs the gazetteer over each article's ``text`` and returns
one row per mention with offsets (``text[start:end] == alias``). Each mention
has a ``type``:

- ``name``: the actor's name or an alias ("Zakharova", "Kiev", "Russia's");
- ``capital``: a capital standing for its government ("Moscow said",
  "Kyiv's allies"); the city in "a summit in Paris" stays a ``name``;
- ``adjective``: "Russian strikes", "UK-French initiative" -- counted apart,
  because an adjective is not a name and outlets differ in how they use them;
- ``role``: an office named without a name ("the President of the United
  States"), resolved to whoever held it in the article's year (roles and years
  are in the gazetteer); without a date, or when the office changed hands that
  year, it is not resolved and not counted. Before or after the holder's name
  ("US President Donald Trump") the office is a title and is not counted again.

Not actors: photo credits ("Alexander Yarik / TASS") and lines that carry only
an outlet's name (Sputnik's dateline). The foundation removes them from
``text``; :func:`find_mentions` skips them anyway, so a user's own corpus with
such lines does not count the photographer or the byline.

:func:`candidate_actors` lists capitalised names the gazetteer does not know,
so a user extending the suite sees what is missing.
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from analysis.frames import frame, string_column
from analysis.gazetteer import Gazetteer, load_gazetteer
from analysis.sentences import sentence_ids

MENTION_COLUMNS = [
    "article_id",
    "sentence_id",
    "start",
    "end",
    "alias",
    "actor",
    "kind",
    "camp",
    "type",
    "stands_for",
    "possessive",
    "variant",
]

# A capital after one of these words is the city, not the government
# ("a summit in Paris", "a visit to Moscow", "flights to Kyiv").
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|around|across|inside|within|into|over|via|through"
    r"|(?:visits?|visited|trips?|travel\w*|flights?|flew|went|returned|arrived|moved) to)\s+$",
    re.IGNORECASE,
)
# A capital before one of these words names an event or a format: "the Minsk agreements".
_VENUE_AFTER = re.compile(
    r"\s+(?:agreements?|accords?|format|talks|summit|process|protocols?|declaration|peace talks)\b"
)
# "Firstname Lastname / OUTLET" or "Photo: ..." at the end of a line: a credit.
_CREDIT = re.compile(
    r"(?:(?:Photo|Photograph|Image|Credit)s?\s*:[^\n]*"
    r"|\b[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)+[ \t]+/[ \t]+[A-Z][\w.]+(?:[ \t]+[A-Z][\w.]+)*)[ \t]*$",
    re.MULTILINE,
)

_cached_default: Gazetteer | None = None


def default_gazetteer() -> Gazetteer:
    """The gazetteer from the default files, loaded once."""
    global _cached_default
    if _cached_default is None:
        from .cache import compiled
        from .gazetteer import default_files

        # read and validated once per content of the files, cached on disk (issue 7)
        _cached_default = compiled("gazetteer", default_files(), load_gazetteer)
    return _cached_default


def _skipped_spans(text: str, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Spans that are not story text: credits and lines naming only an outlet."""
    spans = [(m.start(), m.end()) for m in _CREDIT.finditer(text)] if " / " in text else []
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if 0 < len(stripped) <= 40:
            form = gazetteer.forms.get(stripped)
            if form and gazetteer[form[0]].kind == "media":
                start = position + line.index(stripped)
                spans.append((start, start + len(stripped)))
        position += len(line) + 1
    return spans


def _mention_rows(text: str, gazetteer: Gazetteer, year: int | None = None) -> list[tuple]:
    """Mentions in one text, as tuples in the order of ``MENTION_COLUMNS[2:]``."""
    skipped = _skipped_spans(text, gazetteer)
    info = gazetteer.mention_info
    rows = []
    for start, end, alias in gazetteer.find_spans(text):
        if skipped and any(s <= start < e for s, e in skipped):
            continue
        mention_type, actor, kind, camp, stands_for, variant = info[alias]
        possessive = False
        if mention_type == "name":
            after = text[end : end + 2]
            possessive = after in ("'s", "’s") or (after[:1] in ("'", "’") and alias.endswith("s"))
            if (
                stands_for
                and not _LOCATIVE.search(text[max(0, start - 20) : start])
                and not _VENUE_AFTER.match(text, end)
            ):
                mention_type = "capital"
        rows.append(
            (start, end, alias, actor, kind, camp, mention_type, stands_for, possessive, variant)
        )
    return _with_roles(text, gazetteer, year, rows, skipped)


# A title right before or after a person's name is part of that mention, not a second one.
_BEFORE_NAME = re.compile(r"[ \t]+$")
_AFTER_NAME = re.compile(r",[ \t]+(?:the[ \t]+)?$")


def _with_roles(text, gazetteer, year, rows, skipped) -> list[dict]:
    """Add offices named without a name ("the US President") as mentions of type "role",
    resolved to the holder in ``year``; the names inside the role phrase give way."""
    roles = gazetteer.find_roles(text)
    if not roles:
        return rows
    persons = [r for r in rows if r[4] == "person" and r[6] == "name"]  # kind, type
    added = []
    for start, end, alias in roles:
        if any(s <= start < e for s, e in skipped):
            continue
        if any(p[0] >= end and _BEFORE_NAME.fullmatch(text, end, p[0]) for p in persons):
            continue  # "US President Donald Trump": a title
        if any(p[1] <= start and _AFTER_NAME.fullmatch(text, p[1], start) for p in persons):
            continue  # "Donald Trump, the US President": an apposition
        holder = gazetteer.holder(alias, year)
        if holder is None:
            continue  # no date, or no single holder that year: not resolved, not counted
        actor = gazetteer[holder]
        added.append(
            (start, end, alias, actor.name, actor.kind, actor.camp, "role", None, False, None)
        )
    if not added:
        return rows
    kept = [r for r in rows if not any(a[0] <= r[0] < a[1] for a in added)]
    return sorted(kept + added, key=lambda r: r[0])


def find_mentions(
    text: str, gazetteer: Gazetteer | None = None, *, year: int | None = None
) -> pd.DataFrame:
    """Mentions in one string: ``start``, ``end``, ``alias``, ``actor``, ``kind``, ``camp``,
    ``type``, ``stands_for``, ``possessive``, ``variant``. ``year`` (of publication)
    resolves offices named without a name ("the US President") to their holder.
    """
    rows = _mention_rows(text, gazetteer or default_gazetteer(), year)
    return pd.DataFrame(rows, columns=MENTION_COLUMNS[2:])


def publication_years(corpus: pd.DataFrame) -> list[int | None]:
    """The year each article was published (estimated dates included), or None."""
    if "published" not in corpus:
        return [None] * len(corpus)
    dates = pd.to_datetime(corpus["published"], errors="coerce")
    return [None if pd.isna(d) else int(d.year) for d in dates]


def sentences_by_article(sentences: pd.DataFrame) -> dict:
    """The sentence table split by article, in one pass (not one filter per article)."""
    return {article_id: group for article_id, group in sentences.groupby("article_id", sort=False)}


def _article_sentences(corpus: pd.DataFrame, sentences: pd.DataFrame | None) -> pd.DataFrame:
    if sentences is None:
        import analysis

        sentences = analysis.sentences(corpus)
    return sentences


def mentions(
    corpus: pd.DataFrame,
    gazetteer: Gazetteer | None = None,
    *,
    sentences: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per actor mention in each article of ``corpus``.

    Columns: ``article_id``, ``sentence_id``, ``start``, ``end``, ``alias``
    (== ``text[start:end]``), ``actor`` (canonical), ``kind``, ``camp``, ``type``
    ("name" | "capital" | "adjective" | "role"), ``stands_for`` (for capitals),
    ``possessive`` ("Russia's"), ``variant`` (the declared spelling, e.g. "Kiev").
    ``sentences`` may be passed to reuse an already computed sentence table.
    """
    gazetteer = gazetteer or default_gazetteer()
    ids, rows = [], []
    for article_id, text, year in zip(
        corpus["article_id"], corpus["text"], publication_years(corpus), strict=True
    ):
        found = _mention_rows(text, gazetteer, year)
        ids += [article_id] * len(found)
        rows += found
    result = frame(rows, MENTION_COLUMNS[2:])
    result.insert(0, "article_id", string_column(ids))
    sentences = _article_sentences(corpus, sentences)
    result.insert(1, "sentence_id", sentence_ids(sentences, ids, result["start"]))
    return result


# ---------------------------------------------------------------- candidates

_CAPITALISED = re.compile(
    r"(?<![\w'’])(?:[A-Z][\w’'.&-]*[\w]|[A-Z])"
    r"(?:[ \t]+(?:(?:of|the|for|and|on|a|an|de|von|der|al|bin)[ \t]+)*(?:[A-Z][\w’'.&-]*[\w]|[A-Z]))*"
)
# Capitalised words that are not names: sentence openers, calendar words, titles.
_NOT_NAMES_TEXT = """
    A An The This That These Those It Its He She They We I You His Her Their Our Your
    In On At By For From To Of And But Or Nor As If When While After Before Since Until
    Meanwhile However Also Earlier Later Recall Details According Any All Such One Some
    Against Commenting Proposals Thursday's Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday January February March April May June July August September October
    November December Mr Mrs Ms Dr Sir President Prime Minister Deputy Foreign Director
    Special Representative Secretary Chancellor Read Sign Once Monthly Annual Continue
    Not Remind Dear Thank Preview Subscribers Your Our We"""
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
_TRAILING = _NOT_NAMES | {"of", "the", "and", "for", "on", "de", "von", "der", "al", "bin"}


def candidate_actors(
    corpus: pd.DataFrame,
    gazetteer: Gazetteer | None = None,
    *,
    sentences: pd.DataFrame | None = None,
    min_count: int = 1,
) -> pd.DataFrame:
    """Capitalised names in the texts that no gazetteer entry covers.

    Returns ``candidate``, ``count``, ``n_articles`` and, for the first
    occurrence, ``article_id``, ``sentence_id``, ``start``, ``end`` and the
    ``example`` sentence, most frequent first. Runs of capitalised words are
    joined ("Eastern Economic Forum", "Second CIS Department"); a possessive
    "'s" is dropped; a single word that opens a sentence, words such as months
    and titles, and headlines and headings (title case) are left out.
    """
    gazetteer = gazetteer or default_gazetteer()
    sentences = _article_sentences(corpus, sentences)
    by_article = sentences_by_article(sentences)
    counts: Counter[str] = Counter()
    articles: dict[str, set] = {}
    first: dict[str, dict] = {}
    for article_id, text in zip(corpus["article_id"], corpus["text"], strict=True):
        masked = list(text)
        known = [(m.start, m.end) for m in gazetteer.find(text)]
        for k_start, k_end in known + _skipped_spans(text, gazetteer):
            masked[k_start:k_end] = "\x00" * (k_end - k_start)
        masked = "".join(masked)
        own = by_article.get(article_id, sentences.iloc[:0])
        sentence_starts = set(own["start"])
        if "kind" in own:  # headlines and headings are in title case: every word is capitalised
            for h_start, h_end in own.loc[
                own["kind"].isin(["headline", "heading"]), ["start", "end"]
            ].itertuples(index=False):
                masked = masked[:h_start] + "\x00" * (h_end - h_start) + masked[h_end:]
        for match in _CAPITALISED.finditer(masked):
            words = [
                (start, end)
                for start, end in (w.span() for w in re.finditer(r"\S+", match.group()))
            ]
            offset = match.start()
            while words and match.group()[slice(*words[0])] in _NOT_NAMES | _TRAILING:
                words = words[1:]
            while words and match.group()[slice(*words[-1])] in _TRAILING:
                words = words[:-1]
            if not words:
                continue
            start, end = offset + words[0][0], offset + words[-1][1]
            name = re.sub(r"['’]s$", "", text[start:end]).rstrip(".")
            end = start + len(name)
            if len(words) == 1 and (len(name) < 2 or start in sentence_starts):
                continue
            counts[name] += 1
            articles.setdefault(name, set()).add(article_id)
            if name not in first:
                sentence_id = sentence_ids(own, [article_id], [start])[0]
                example = own.loc[own["sentence_id"] == sentence_id, "text"]
                first[name] = {
                    "article_id": article_id,
                    "sentence_id": sentence_id,
                    "start": start,
                    "end": end,
                    "example": example.iloc[0] if len(example) else "",
                }
    rows = [
        {"candidate": name, "count": n, "n_articles": len(articles[name]), **first[name]}
        for name, n in counts.items()
        if n >= min_count
    ]
    columns = ["candidate", "count", "n_articles", "article_id", "sentence_id", "start", "end"]
    result = pd.DataFrame(rows, columns=[*columns, "example"])
    return result.sort_values(["count", "candidate"], ascending=[False, True], ignore_index=True)
