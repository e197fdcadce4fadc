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

import numpy as np
import pandas as pd

from analysis.frames import frame, str_values, string_column, strings_by_code
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


def _skipped_spans(
    text: str, gazetteer: Gazetteer, found=None, articles=None
) -> list[tuple[int, int]]:
    """Spans that are not story text: credits and lines naming only an outlet.

    ``found`` is ``gazetteer.span_arrays(text)``, if already at hand: a line that
    is only an outlet's name is one of the outlet's mentions, so only those are
    looked at. ``articles``, for texts joined into one, are the ``(start, end)`` of
    each: credits are looked for only in an article that has a " / " (a photo
    credit's mark), as they are in one text.
    """
    spans = []
    for lo, hi in [(0, len(text))] if articles is None else articles:
        if text.find(" / ", lo, hi) != -1:
            spans += [(m.start(), m.end()) for m in _CREDIT.finditer(text, lo, hi)]
    start, end, form = gazetteer.span_arrays(text) if found is None else found
    media = np.flatnonzero(gazetteer.mention_codes["is_media"][form])
    for s, e in zip(start[media].tolist(), end[media].tolist(), strict=True):
        line_start, line_end = text.rfind("\n", 0, s) + 1, text.find("\n", e)
        if line_end < 0:
            line_end = len(text)
        if e - s <= 40 and not text[line_start:s].strip() and not text[e:line_end].strip():
            spans.append((s, e))
    return spans


def _mention_rows(text: str, gazetteer: Gazetteer, year: int | None = None) -> list[tuple]:
    """Mentions in one text, as tuples in the order of ``MENTION_COLUMNS[2:]``."""
    columns = _decoded(_mention_codes([text], [year], gazetteer), gazetteer)
    return list(zip(*(columns[name] for name in MENTION_COLUMNS[2:]), strict=True))


MENTION_TYPES = ("name", "adjective", "capital", "role")  # the codes of column ``type``
NAME, ADJECTIVE, CAPITAL, ROLE = range(4)

# Texts are searched in groups joined by this: a line of its own that no form contains.
_SEPARATOR = "\n\x00\n"
_GROUP_CHARS = 64_000


def _mention_codes(texts: list[str], years: list, gazetteer: Gazetteer) -> dict:
    """Mentions in many texts, as NumPy arrays: ``doc`` (the index of the text),
    ``start``, ``end``, ``alias``, ``actor``, ``type`` (codes into the vocabularies
    of :attr:`Gazetteer.mention_codes` and :data:`MENTION_TYPES`), ``possessive``.

    Texts are joined in groups of about 64,000 characters, so that one
    automaton scan and NumPy do per group what would otherwise be Python work
    per mention; only capitals ("Moscow said"), patterns with punctuation and
    offices ("the US President") are checked one by one.
    """
    parts = []
    first, group, size = 0, [], 0
    for i, text in enumerate(texts):
        group.append(text)
        size += len(text) + len(_SEPARATOR)
        if size >= _GROUP_CHARS or i == len(texts) - 1:
            parts.append(_group_codes(group, years[first : i + 1], first, gazetteer))
            first, group, size = i + 1, [], 0
    names = ["doc", "start", "end", "alias", "actor", "type", "possessive"]
    if not parts:
        return {
            name: np.zeros(0, dtype=bool if name == "possessive" else np.int64) for name in names
        }
    return {name: np.concatenate([part[name] for part in parts]) for name in names}


def _vocabularies(columns: dict, gazetteer: Gazetteer) -> dict:
    """For each string column of ``MENTION_COLUMNS``: its vocabulary and the codes
    into it, from the columns of :func:`_mention_codes`."""
    codes = gazetteer.mention_codes
    per_form = np.minimum(columns["alias"], len(gazetteer.form_list))  # roles: None
    return {
        "alias": (codes["aliases"], columns["alias"]),
        "actor": (codes["actors"], columns["actor"]),
        "kind": (codes["kinds"], columns["actor"]),
        "camp": (codes["camps"], columns["actor"]),
        "type": (list(MENTION_TYPES), columns["type"]),
        "stands_for": (codes["stands_for_values"], per_form),
        "variant": (codes["variants"], per_form),
    }


def _decoded(columns: dict, gazetteer: Gazetteer) -> dict:
    """The columns of :func:`_mention_codes` as Python values, named as in ``MENTION_COLUMNS``."""
    decoded = {name: columns[name].tolist() for name in ("start", "end", "possessive")}
    for name, (vocabulary, codes) in _vocabularies(columns, gazetteer).items():
        decoded[name] = [vocabulary[i] for i in codes.tolist()]
    return decoded


def _group_codes(texts, years, first_doc, gazetteer) -> dict:
    joined = _SEPARATOR.join(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    offsets = np.cumsum(lengths + len(_SEPARATOR)) - lengths - len(_SEPARATOR)
    (start, end, form), roles = gazetteer.name_and_role_spans(joined)
    # not story text: credits and outlet-only lines (the same rules as in one text)
    articles = list(zip(offsets.tolist(), (offsets + lengths).tolist(), strict=True))
    skipped = sorted(_skipped_spans(joined, gazetteer, (start, end, form), articles))
    if skipped:
        span_start = np.array([a for a, _ in skipped], dtype=np.int64)
        reach = np.maximum.accumulate(np.array([b for _, b in skipped], dtype=np.int64))
        i = np.searchsorted(span_start, start, side="right") - 1
        inside = (i >= 0) & (start < reach[np.maximum(i, 0)])
        start, end, form = start[~inside], end[~inside], form[~inside]
    doc = np.searchsorted(offsets, start, side="right") - 1
    info = gazetteer.mention_codes
    mention_type = info["type"][form]  # NAME or ADJECTIVE
    # possessive: "Russia's", "Zelensky’s"; "allies'" when the name ends in s
    chars = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    named = np.flatnonzero(mention_type == NAME)
    after = chars[np.minimum(end[named], len(chars) - 1)]
    after_next = chars[np.minimum(end[named] + 1, len(chars) - 1)]
    apostrophe = ((after == 0x27) | (after == 0x2019)) & (end[named] < len(chars))
    possessive = np.zeros(len(start), dtype=bool)
    possessive[named] = apostrophe & (
        ((after_next == 0x73) & (end[named] + 1 < len(chars))) | info["ends_in_s"][form[named]]
    )
    # a capital standing for its government, unless it is where something happens
    capital = named[info["stands_for"][form[named]]]
    for i, s, e, d in zip(
        capital.tolist(),
        start[capital].tolist(),
        end[capital].tolist(),
        doc[capital].tolist(),
        strict=True,
    ):
        lo = max(int(offsets[d]), s - 20)
        if not _LOCATIVE.search(joined[lo:s]) and not _VENUE_AFTER.match(joined, e):
            mention_type[i] = CAPITAL
    columns = {
        "doc": doc,
        "start": start,
        "end": end,
        "alias": form,
        "actor": info["actor"][form],
        "type": mention_type,
        "possessive": possessive,
    }
    columns = _with_role_codes(joined, roles, years, offsets, gazetteer, columns, skipped)
    columns["doc"] = columns["doc"] + first_doc
    columns["start"] = columns["start"] - offsets[columns["doc"] - first_doc]
    columns["end"] = columns["end"] - offsets[columns["doc"] - first_doc]
    return columns


# A title right before or after a person's name is part of that mention, not a second one.
_BEFORE_NAME = re.compile(r"[ \t]+$")
_AFTER_NAME = re.compile(r",[ \t]+(?:the[ \t]+)?$")


def _with_role_codes(joined, roles, years, offsets, gazetteer, columns, skipped) -> dict:
    """Add offices named without a name ("the US President") as mentions of type "role",
    resolved to the holder in the article's year; the names inside the role phrase give
    way. Before or after a person's name ("US President Donald Trump", "Donald Trump,
    the US President") the office is a title and is not counted."""
    if not len(roles[0]):
        return columns
    info = gazetteer.mention_codes
    n_forms = len(gazetteer.form_list)
    aliases = gazetteer.role_list
    person = np.flatnonzero(info["is_person"][columns["actor"]] & (columns["type"] == NAME))
    person_start, person_end = columns["start"][person], columns["end"][person]
    added = []
    for start, end, index in zip(*(column.tolist() for column in roles), strict=True):
        if any(s <= start < e for s, e in skipped):
            continue
        # only the nearest name on each side can be next to the office
        after = np.searchsorted(person_start, end)
        if after < len(person) and _BEFORE_NAME.fullmatch(joined, end, person_start[after]):
            continue  # "US President Donald Trump": a title
        before = np.searchsorted(person_end, start, side="right") - 1
        if before >= 0 and _AFTER_NAME.fullmatch(joined, person_end[before], start):
            continue  # "Donald Trump, the US President": an apposition
        doc = int(np.searchsorted(offsets, start, side="right") - 1)
        holder = gazetteer.holder(aliases[index], years[doc])
        if holder is None:
            continue  # no date, or no single holder that year: not resolved, not counted
        added.append((doc, start, end, n_forms + index, info["actor_index"][holder]))
    if not added:
        return columns
    role_columns = {
        name: np.array([a[k] for a in added], dtype=np.int64)
        for k, name in enumerate(["doc", "start", "end", "alias", "actor"])
    }
    role_columns["type"] = np.full(len(added), ROLE, dtype=np.int64)
    role_columns["possessive"] = np.zeros(len(added), dtype=bool)
    i = np.searchsorted(role_columns["start"], columns["start"], side="right") - 1
    inside = (i >= 0) & (columns["start"] < role_columns["end"][np.maximum(i, 0)])
    merged = {
        name: np.concatenate([values[~inside], role_columns[name]])
        for name, values in columns.items()
    }
    order = np.argsort(merged["start"], kind="stable")
    return {name: values[order] for name, values in merged.items()}


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
    columns = _mention_codes(str_values(corpus["text"]), publication_years(corpus), gazetteer)
    ids = corpus["article_id"].tolist()
    if not len(columns["doc"]):
        result = frame([], MENTION_COLUMNS[2:])
        result.insert(0, "article_id", string_column([]))
    else:
        strings = {
            name: strings_by_code(vocabulary, codes)
            for name, (vocabulary, codes) in _vocabularies(columns, gazetteer).items()
        }
        numbers = {name: columns[name] for name in ("start", "end", "possessive")}
        result = pd.DataFrame(
            {"article_id": strings_by_code(ids, columns["doc"]), **numbers, **strings},
            columns=["article_id", *MENTION_COLUMNS[2:]],
        )
    sentences = _article_sentences(corpus, sentences)
    article_ids = np.asarray(ids, dtype=object)[columns["doc"]]
    result.insert(1, "sentence_id", sentence_ids(sentences, article_ids, result["start"]))
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
