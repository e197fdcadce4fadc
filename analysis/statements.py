"""Statements: each threat, proposal, rejection, accusation or talks in a corpus,
with who made it, against whom, and on which day.

``statements(corpus)`` works article by article (sentences, the quotes table of
:func:`analysis.quotes`, the mentions table of :func:`analysis.mentions`, the
acts of :mod:`analysis.acts`, the dates of :mod:`analysis.dates`) and then links
rows that report the same statement into events (:mod:`analysis.events`).

Who the speaker is (``speaker_basis`` says which rule decided):

- ``quote``: the cue lies inside a quote (direct or reported) of the quotes
  table: the quote's speaker. An outlet that reports it ("told Sputnik" in
  another outlet's article) is never the speaker: a quote the quotes table
  attributes to a media outlet is read as unquoted, with the outlet as
  ``reported_by``, and media outlets are skipped as subjects. (The article's own
  outlet, "..., Ukrinform reports." in Ukrinform, is no quote at all: see
  :func:`analysis.quotes`; it is the article's ``outlet``.)
- ``agent``: a passive with its agent ("was criticised by Kyiv", "will be
  considered by Russia as").
- ``subject``: the last actor named before the cue in the sentence (a possessive
  such as "Ukraine's allies" is not the subject; nor is a place or an outlet).
- For proposals and talks (acts whose ``agent`` is ``doer`` in acts.yaml), what
  one camp reports about another is the other camp's act: "As stated by the
  Russian Foreign Ministry, ... the Coalition of the Willing signed a
  declaration" is a proposal by the coalition, ``reported_by`` the ministry.
- ``participant``: talks whose sentence names no subject belong to the group the
  meeting convenes ("Thursday's meeting ... convenes the Coalition of the
  Willing"), which is then not their target.
- A proposal or talks whose subject the gazetteer cannot name takes it as written
  when it opens the clause ("Ukraine's Western allies are due to meet": basis
  ``subject``); an actor followed by an appositive that leads to the cue does the
  cue ("the Coalition of the Willing, a loose alliance ... working on a plan").
- ``context``: a threat, rejection or accusation with no speaker in its own
  sentence belongs to the speaker of the previous statement in the paragraph; a
  sentence opening with "He" or "She" to the last person who spoke in the article.
  Any act with no speaker of its own, in a backshifted modal right after reported
  speech in its paragraph, continues it ("He said that the initiative would be
  ... . The goal would be to deter Russia ..."); a proposal or talks right after a
  sentence with a proposal or talks belongs to whoever made those ("... convenes
  the Coalition ... . Proposals on the table include ...").

Dates: ``event_date`` (first day), ``date_end`` (last day), ``date_precision`` and
``date_basis`` from :func:`analysis.dates.statement_date`; an article with no known
date gives undated statements unless the text names the year. A statement is
made by the day the article reporting it was published: a later day in its
sentence ("ready to hold talks ... on March 12") dates what is proposed, not the
proposal, so it is passed over (``date_basis`` names it); only talks
(``SCHEDULED_ACTS``) keep a day after publication.

``counted`` is False for negated and hypothetical statements: they are kept and
marked, never counted as made.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from operator import itemgetter

import pandas as pd

from analysis.acts import (
    ActLexicon,
    clause_bounds,
    code_sentences,
    default_acts,
    find_repetitions,
)
from analysis.dates import statement_date
from analysis.frames import frame
from analysis.quotes import PERSON_TITLES

#: The columns of :func:`statements`, in order.
STATEMENT_COLUMNS = [
    "article_id",
    "sentence_id",
    "paragraph_id",
    "start",
    "end",
    "text",
    "act",
    "speaker",
    "camp",
    "speaker_basis",
    "reported_by",
    "target",
    "cue",
    "cue_start",
    "cue_end",
    "cues",
    "negated",
    "hypothetical",
    "repeated",
    "counted",
    "event_date",
    "date_end",
    "date_precision",
    "date_basis",
    "plover",
    "cameo",
    "cameo_label",
    "score",
    "outlet",
    "published",
    "event_id",
]

#: Sentence kinds that can carry a statement. Headlines and section headings
#: restate the body, so they are skipped.
STATEMENT_KINDS = ("sentence", "bullet")

#: Acts whose day can lie after publication: meetings are scheduled ahead. Any
#: other statement is made by the day the article reporting it was published.
SCHEDULED_ACTS = ("talks",)

_NOT_SPEAKERS = {"media outlet", "outlet", "media"}


def _camp_lookup(mentions: pd.DataFrame | None) -> dict[str, str]:
    if mentions is None or mentions.empty or "camp" not in mentions:
        return {}
    pairs = mentions.dropna(subset=["actor", "camp"])
    return pairs.groupby("actor")["camp"].agg(lambda s: s.value_counts().index[0]).to_dict()


def _is_subject_mention(row, text: str) -> bool:
    """A mention that can be a grammatical subject (not an outlet, a plain place,
    or a possessive modifier such as "Ukraine's allies")."""
    kind = str(row.get("kind", "") or "").lower()
    mtype = str(row.get("type", "") or "").lower()
    if kind in _NOT_SPEAKERS:
        return False
    if kind == "place" and mtype != "capital":
        return False
    if row.get("possessive") is True:
        return False
    alias = text[row["start"] : row["end"]]
    following = text[row["end"] : row["end"] + 3]
    return not (alias.endswith(("'s", "\u2019s")) or following.startswith(("'s", "\u2019s")))


_SUBJECT_BREAK = re.compile(
    r'[,;:()\u2013\u2014"\u201c\u201d]|\s-\s|^-\s'
    r"|\b(?:that|after|before|when|while|since|because|although|once|until)\b"
)
# Before a subject: function words, capitalised words, and the titles of a person
# named after them ("Kremlin spokesman Dmitry Peskov", "Russian Foreign Ministry
# spokeswoman Maria Zakharova": the person speaks, not the institution).
_SUBJECT_PREFIX = re.compile(
    r"^\s*(?:(?:the|a|an|and|but|also|then|now|meanwhile|however|so|"
    + "|".join(PERSON_TITLES)
    + r")\s+"
    r"|[A-Z][\w.'-]*\s+){0,6}$"
)


def _clause_initial(text: str, sentence_start: int, start: int) -> bool:
    """Whether a mention starting at ``start`` opens its clause (after at most a
    few titles or function words): "the Russian Foreign Ministry warns", not
    "deter Russia by stationing troops"."""
    left = sentence_start
    for m in _SUBJECT_BREAK.finditer(text, sentence_start, start):
        left = m.end()
    return _SUBJECT_PREFIX.match(text[left:start]) is not None


# Talks: the group a meeting convenes takes part in it ("Thursday's meeting ...
# convenes the Coalition of the Willing"): it is the speaker of the talks, not their target.
_CONVENES = re.compile(
    r"\b(?:convene[sd]?|convening|brings? together|brought together|bringing together|"
    r"gathers|gathered|assembles|assembled)\s+(?:the\s+)?$"
)
# "the Coalition of the Willing, a loose alliance of some 30 countries working on a plan":
# an appositive between an actor and the cue, which the actor does.
_APPOSITIVE = re.compile(r"^,\s+(?:a|an|the)\s+[^,;:()\"\u201c\u201d]{0,80}?\s*$")
# A subject the gazetteer cannot name, opening the cue's clause: "Ukraine's Western allies
# are due to meet", "European leaders will meet", "The parties described the talks".
_GROUP_SUBJECT = re.compile(
    r"\s*(?P<np>(?:(?:The|the)\s+)?(?:(?:[A-Z][\w.'\u2019-]*|key|main|western|other)\s+){0,4}"
    r"(?:allies|partners|leaders|governments|countries|states|members|officials|envoys|"
    r"negotiators|delegations|diplomats|ministers|nations|powers|parties|sides))(?=\s+[a-z]|\s*$)"
)
# Reported speech goes on in the next sentence with a backshifted modal ("He said that the
# initiative would be ... . The goal would be to deter Russia ...").
_BACKSHIFT = re.compile(r"\b(?:would|could|might)\b")


def _participant(text: str, sentence_start: int, mentions: list[dict]):
    """The actor a meeting convenes, or an actor whose appositive leads to the cue."""
    for m in mentions:
        if _CONVENES.search(text[max(sentence_start, m["start"] - 40) : m["start"]]):
            return m
    return None


def _appositive_doer(text: str, cue_start: int, mentions: list[dict]):
    before = [m for m in mentions if m["end"] <= cue_start]
    if before and _APPOSITIVE.match(text[before[-1]["end"] : cue_start]):
        return before[-1]
    return None


def _group_subject(text: str, sentence_start: int, cue_start: int):
    """The match of an unlisted subject that opens the cue's clause (group ``np``), or None."""
    left = sentence_start
    for m in _SUBJECT_BREAK.finditer(text, sentence_start, cue_start):
        left = m.end()
    return _GROUP_SUBJECT.match(text, left, cue_start)


def _said_by(quote_rows, cs: int, ce: int, kinds) -> str | None:
    """The speaker of the quote whose speech cue is the act's cue (``cs``..``ce``):
    "Maria Lopes threatened to resign" -- found even when the gazetteer does not list
    them; never an outlet (it reports, it does not speak)."""
    for q in quote_rows:
        speaker = q["speaker"]
        if (
            q.get("cue_start", ce) < ce
            and cs < q.get("cue_end", cs)
            and isinstance(speaker, str)
            and kinds.get(speaker) != "media"
        ):
            return speaker
    return None


def _continued_speaker(sent, previous, quote_rows, rows, kinds, doer_act: bool):
    """The speaker a sentence without one of its own continues: the speaker of the
    reported speech in the sentence just before, in its paragraph, when this one goes
    on in a backshifted modal; for a proposal or talks, whoever made the proposal or
    held the talks of the sentence just before."""
    if previous is None or int(previous["sentence_id"]) != int(sent["sentence_id"]) - 1:
        return None
    p_start, p_end = int(previous["start"]), int(previous["end"])
    stext = str(sent.get("text") or "")
    if previous.get("paragraph_id") == sent.get("paragraph_id") and _BACKSHIFT.search(stext):
        said = [
            q["speaker"]
            for q in quote_rows
            if p_start <= q["start"] < p_end
            and isinstance(q["speaker"], str)
            and kinds.get(q["speaker"]) != "media"
        ]
        if said:
            return said[-1]
    if doer_act:
        done = [
            r["speaker"]
            for r in rows
            if r["sentence_id"] == int(previous["sentence_id"])
            and r["act"] in ("proposal", "talks")
            and r["speaker"] is not None
        ]
        if done:
            return done[-1]
    return None


def _doer_elsewhere(text, sent, previous, match, quote_rows, rows, kinds, usable):
    """(speaker, basis) of a proposal or talks whose sentence has no quote and no
    subject in the gazetteer: the group a meeting convenes (``participant``), an actor
    whose appositive leads to the cue (``subject``), an unlisted subject opening the
    clause, kept as written (``subject``), else the speaker the sentence continues
    (``context``)."""
    s_start = int(sent["start"])
    cs = s_start + match.start
    if match.act == "talks":
        found = _participant(text, s_start, usable)
        if found is not None:
            return found["actor"], "participant"
    found = _appositive_doer(text, cs, usable)
    if found is not None:
        return found["actor"], "subject"
    words = _group_subject(text, s_start, cs)
    if words is not None:
        return words.group("np"), "subject"
    continued = _continued_speaker(sent, previous.get(s_start), quote_rows, rows, kinds, True)
    return (continued, "context") if continued else (None, "none")


def _refers_back(markers) -> bool:
    """A repetition marker that names earlier statements ("These warnings have been
    repeatedly voiced"): it flags the acts before it in the paragraph too."""
    return any(m.group().lower().startswith(("these ", "such ", "this ")) for m in markers)


def _can_be_target(row) -> bool:
    kind = str(row.get("kind", "") or "").lower()
    mtype = str(row.get("type", "") or "").lower()
    return kind not in _NOT_SPEAKERS and not (kind == "place" and mtype != "capital")


_PRONOUN = re.compile(r"^\W*(?:He|She)\b")
_JOINED = re.compile(r"^\s*(?:(?:,|and|&)\s*)*(?:[A-Z][\w.'-]*\s+)*$")


def _coordination(mentions: list, anchor: dict, text: str) -> list[dict]:
    """The mentions coordinated with ``anchor``: "London and Paris's discussions"
    -> [London, Paris's]."""

    def joined(a, b):
        # "Kyiv and London", "Zelenskyy, British Prime Minister Keir Starmer, and ..."
        return _JOINED.match(text[a["end"] : b["start"]]) is not None

    i = next(k for k, m in enumerate(mentions) if m["start"] == anchor["start"])
    lo, hi = i, i
    while lo > 0 and joined(mentions[lo - 1], mentions[lo]):
        lo -= 1
    while hi + 1 < len(mentions) and joined(mentions[hi], mentions[hi + 1]):
        hi += 1
    return mentions[lo : hi + 1]


def _article_statements(
    article: dict,
    sents: list[dict],
    quote_rows: list[dict],
    mention_rows: list[dict],
    camps: dict[str, str],
    lexicon: ActLexicon,
) -> list[dict]:
    """The statement rows of one article (``mention_rows`` sorted by ``start``)."""
    text = article["text"]
    published = article.get("published", pd.NaT)
    estimated = bool(article.get("published_estimated", False)) if pd.notna(published) else False
    rows: list[dict] = []

    def camp_of(actor):
        return camps.get(actor) if isinstance(actor, str) else None

    last_speaker: dict[int, tuple[str, str]] = {}  # paragraph -> (speaker, basis)
    last_person = None  # the last person who spoke, for "He ..." / "She ..."
    kinds = {m["actor"]: str(m.get("kind", "")) for m in mention_rows}
    mention_starts = [m["start"] for m in mention_rows]  # sorted (statements sorts them)
    sents = [s for s in sents if s.get("kind", "sentence") in STATEMENT_KINDS]
    coded = code_sentences(text, [(int(s["start"]), int(s["end"])) for s in sents], lexicon)
    previous = dict(zip((int(s["start"]) for s in sents), [None, *sents[:-1]], strict=True))
    for sent, matches in zip(sents, coded, strict=True):
        s_start, s_end = int(sent["start"]), int(sent["end"])
        stext = text[s_start:s_end]
        paragraph = int(sent.get("paragraph_id", -1))
        markers = find_repetitions(stext, lexicon)
        if markers and (not matches or _refers_back(markers)):
            # "These warnings have been repeatedly voiced": the acts before it
            for row in rows:
                if row["paragraph_id"] == paragraph:
                    row["repeated"] = True
        if not matches:
            continue
        # the mentions inside the sentence: those starting in it, found by bisection
        first, last = bisect_left(mention_starts, s_start), bisect_right(mention_starts, s_end)
        s_mentions = [m for m in mention_rows[first:last] if m["end"] <= s_end]
        for match in matches:
            cs, ce = s_start + match.start, s_start + match.end
            # voice: the quote the cue sits in
            voice = next((q for q in quote_rows if q["start"] <= cs < q["end"]), None)
            voice_name = voice["speaker"] if voice is not None else None
            if voice_name is not None and (pd.isna(voice_name) or not str(voice_name).strip()):
                voice_name = None
            said_by = None if voice is not None else _said_by(quote_rows, cs, ce, kinds)
            outlet = None
            if voice_name is not None and kinds.get(voice_name) == "media":
                # "..., Ukrinform reports": the outlet reports the statement, it does
                # not make it; the speaker is found in the sentence as if unquoted.
                outlet, voice_name = voice_name, None
            frame = (
                (int(voice["speaker_start"]), int(voice["speaker_end"]))
                if voice is not None and pd.notna(voice.get("speaker_start"))
                else (-1, -1)
            )
            usable = [
                m
                for m in s_mentions
                if _is_subject_mention(m, text) and not (frame[0] <= m["start"] < frame[1])
            ]
            # agent of a passive: "by X" inside or right after the cue
            agent = next(
                (
                    m
                    for m in usable
                    if cs <= m["start"] <= ce + 4
                    and text[max(s_start, m["start"] - 3) : m["start"]].lower() == "by "
                ),
                None,
            )
            before = [
                m for m in usable if m["end"] <= cs and _clause_initial(text, s_start, m["start"])
            ]
            # coordinated subjects: "London and Paris plan" -> London (and Paris)
            group = (
                _coordination([m for m in s_mentions if m["end"] <= cs], before[-1], text)
                if before
                else []
            )
            # the first person of the group ("US President Donald Trump"), else the first
            # named actor ("London and Paris"), not an adjective before a title
            subject = next(
                (m for m in group if str(m.get("kind", "")) == "person"),
                next(
                    (m for m in group if str(m.get("type", "")) != "adjective"),
                    group[0] if group else None,
                ),
            )
            doer = agent or subject
            act = lexicon.acts[match.act]
            reported_by = None
            if act.agent == "doer":
                if doer is not None and voice_name is not None:
                    c_doer, c_voice = camp_of(doer["actor"]), camp_of(voice_name)
                    if doer["actor"] != voice_name and (c_doer is None or c_doer != c_voice):
                        speaker, basis, reported_by = (
                            doer["actor"],
                            "agent" if doer is agent else "subject",
                            voice_name,
                        )
                    else:
                        speaker, basis = voice_name, "quote"
                elif voice_name is not None:
                    speaker, basis = voice_name, "quote"
                elif doer is not None:
                    speaker, basis = doer["actor"], "agent" if doer is agent else "subject"
                elif said_by is not None:
                    speaker, basis = said_by, "quote"
                else:
                    speaker, basis = _doer_elsewhere(
                        text, sent, previous, match, quote_rows, rows, kinds, usable
                    )
            else:
                if voice_name is not None:
                    speaker, basis = voice_name, "quote"
                elif doer is not None:
                    speaker, basis = doer["actor"], "agent" if doer is agent else "subject"
                elif said_by is not None:
                    speaker, basis = said_by, "quote"
                elif paragraph in last_speaker:
                    speaker, basis = last_speaker[paragraph][0], "context"
                elif _PRONOUN.match(stext) and last_person is not None:
                    speaker, basis = last_person, "context"  # "She called the plans ..."
                else:
                    continued = _continued_speaker(
                        sent, previous.get(s_start), quote_rows, rows, kinds, False
                    )
                    speaker, basis = (continued, "context") if continued else (None, "none")
            if basis == "subject" and doer is None and isinstance(speaker, str):
                words = _group_subject(text, s_start, cs)
                if words is not None:  # "Ukraine's Western allies": Ukraine is no target
                    frame = words.span("np")
            reported_by = reported_by or outlet
            if speaker is not None and (act.agent == "voice" or basis == "quote"):
                last_speaker[paragraph] = (speaker, basis)
            if speaker is not None and kinds.get(speaker) == "person":
                last_person = speaker

            camp = camp_of(speaker)
            # target: actors named in the cue's clause or after the cue, outside the
            # speaker's camp and the attribution frame
            c_left, _ = clause_bounds(text, cs)
            targets = []
            if match.act == "accusation" and group and subject["actor"] != speaker:
                candidates = group  # the accused: "London and Paris's discussions are ..."
            else:
                candidates = [
                    m
                    for m in s_mentions
                    if m["start"] >= max(c_left, s_start)
                    and not any(m["start"] == g["start"] for g in group)
                ]
            for m in candidates:
                if m["actor"] in (speaker, reported_by) or not _can_be_target(m):
                    continue
                if frame[0] <= m["start"] < frame[1]:
                    continue
                if camp is not None and m.get("camp") == camp:
                    continue
                if m["actor"] not in targets:
                    targets.append(m["actor"])

            # repetition: a marker in the cue's clause, or a trailing "repeating ..."
            clause = clause_bounds(stext, match.start)
            repeated = any(
                clause_bounds(stext, mk.start()) == clause
                or (
                    mk.start() >= match.end
                    and mk.group().lower().startswith(("repeat", "previously"))
                )
                for mk in markers
            )
            when = statement_date(
                stext,
                match.start,
                match.end,
                published,
                estimated=estimated,
                scheduled=match.act in SCHEDULED_ACTS,
            )
            rows.append(
                {
                    "article_id": article["article_id"],
                    "sentence_id": int(sent["sentence_id"]),
                    "paragraph_id": paragraph,
                    "start": s_start,
                    "end": s_end,
                    "text": stext,
                    "act": match.act,
                    "speaker": speaker,
                    "camp": camp,
                    "speaker_basis": basis,
                    "reported_by": reported_by,
                    "target": "; ".join(targets) if targets else None,
                    "cue": match.primary.text,
                    "cue_start": cs,
                    "cue_end": ce,
                    "cues": " | ".join(c.text for c in match.cues),
                    "negated": match.negated,
                    "hypothetical": match.hypothetical,
                    "repeated": repeated,
                    "counted": not (match.negated or match.hypothetical),
                    "event_date": when.first,
                    "date_end": when.last,
                    "date_precision": when.precision,
                    "date_basis": when.basis,
                    "plover": match.plover,
                    "cameo": match.cameo,
                    "cameo_label": lexicon.cameo_label(match.cameo),
                    "score": match.score,
                    "outlet": article.get("outlet"),
                    "published": published,
                }
            )
    return rows


# The columns the rules read (a missing one reads as its default, as before): only
# these are turned into records, not the articles' raw text or the quotes' words.
_ARTICLE_FIELDS = ("text", "published", "published_estimated", "outlet")
_SENTENCE_FIELDS = ("sentence_id", "paragraph_id", "start", "end", "text", "kind")
_QUOTE_FIELDS = ("start", "end", "speaker", "speaker_start", "speaker_end", "cue_start", "cue_end")
_MENTION_FIELDS = ("start", "end", "actor", "kind", "type", "camp", "possessive")


def table_records(table: pd.DataFrame, columns=None) -> list[dict]:
    """The rows of ``table`` as dicts, the same values as ``table.to_dict("records")``
    but built from whole columns (``tolist``), which is several times faster; with
    ``columns``, only those of them that the table has."""
    names = table.columns if columns is None else [c for c in columns if c in table.columns]
    columns = {name: table[name].tolist() for name in names}
    return [
        dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)
    ]


def _empty_like(columns) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def statements(
    corpus: pd.DataFrame,
    *,
    quotes: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    lexicon: ActLexicon | None = None,
    link: bool = True,
    threshold: float | None = None,
) -> pd.DataFrame:
    """One row per act per sentence of ``corpus`` (see the module doc for the rules).

    Precomputed ``sentences``, ``quotes`` and ``mentions`` tables can be passed
    (:class:`analysis.tables.Tables` does); otherwise they are computed with
    :func:`analysis.sentences`, :func:`analysis.quotes` and :func:`analysis.mentions`.
    With ``link`` (the default) rows reporting the same statement share an
    ``event_id`` (:func:`analysis.events.link_events`, cosine ``threshold``).
    ``corpus.text[start:end] == text`` and ``corpus.text[cue_start:cue_end] == cue``.
    """
    import analysis

    lexicon = lexicon or default_acts()
    if sentences is None:
        sentences = analysis.sentences(corpus)
    if quotes is None:
        quotes = analysis.quotes(corpus)
    if mentions is None:
        mentions = analysis.mentions(corpus)
    camps = _camp_lookup(mentions)

    def records_by_article(table: pd.DataFrame, columns, *, by_start=False):
        """The records of ``table`` by article (sorted by ``start`` with ``by_start``);
        the columns are chosen before sorting, so unused text columns are not moved."""
        table = table[[c for c in ["article_id", *columns] if c in table.columns]]
        if by_start:
            table = table.sort_values(["article_id", "start"])
        grouped: dict[str, list[dict]] = {}
        for record in table_records(table):
            grouped.setdefault(record["article_id"], []).append(record)
        return grouped

    by_article = records_by_article(sentences, _SENTENCE_FIELDS, by_start=True)
    q_by = records_by_article(quotes, _QUOTE_FIELDS)
    m_by = records_by_article(mentions, _MENTION_FIELDS, by_start=True)
    rows: list[dict] = []
    for article in table_records(corpus, ["article_id", *_ARTICLE_FIELDS]):
        aid = article["article_id"]
        if aid not in by_article:
            continue
        rows.extend(
            _article_statements(
                article, by_article[aid], q_by.get(aid, []), m_by.get(aid, []), camps, lexicon
            )
        )
    if not rows:
        out = _empty_like(STATEMENT_COLUMNS)
    else:
        columns = list(rows[0])
        out = frame(list(map(itemgetter(*columns), rows)), columns)  # as pd.DataFrame(rows)
        out["event_id"] = None
        out = out[STATEMENT_COLUMNS]
    for col in ("event_date", "date_end", "published"):
        out[col] = pd.to_datetime(out[col])
    for col in ("negated", "hypothetical", "repeated", "counted"):
        out[col] = out[col].astype(bool)
    for col in ("sentence_id", "paragraph_id", "start", "end", "cue_start", "cue_end"):
        out[col] = out[col].astype("int64")
    out["score"] = out["score"].astype(float)
    if link and len(out):
        from analysis.events import link_events

        kwargs = {} if threshold is None else {"threshold": threshold}
        out["event_id"] = link_events(out, **kwargs)
    return out.reset_index(drop=True)
