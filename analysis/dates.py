"""When a statement was made: date expressions in a sentence, resolved against
the article's publication date.

News text dates events relative to the day it was written: "on Wednesday" in an
article published on Thursday 4 September 2025 is 3 September; "earlier this
week" is some day from that Monday to the day before. This module finds such
expressions (:func:`find_dates`), resolves one against a publication date
(:func:`resolve`), and picks the one that dates a given cue (:func:`date_cue`).

Resolution rules (documented in notebook 04 and tested in ``tests/test_dates.py``):

- a weekday ("on Wednesday", "Thursday's meeting") is the most recent such day
  on or before publication, "last Wednesday" the most recent one before it, and
  the next one on or after publication when the clause speaks of the future
  ("due to meet ... on Thursday", "next Monday");
- a month and day ("on January 6", "January 23-24", "February 4 and 5") takes the
  year that puts it on or before publication (after it, for the future), unless
  the date after publication is nearer ("on March 12" in an article of March 4 is
  the coming March 12);
- "in February 2022" is that month, "in 2022" that year, "earlier this week",
  "this week", "last week", "last month", "earlier this month", "yesterday" and
  "today" the matching span around publication, and "later this week", "later this
  month", "next week" and "next month" the span after it (the day of talks planned
  ahead; :func:`statement_date` never dates a statement after its publication);
- an expression that needs the publication date, in an article whose date is
  unknown, resolves to nothing: the statement stays undated, never guessed.

A resolved date is a span (``first``, ``last``) with a ``precision`` ("day",
"days", "week", "month", "year"); ``first`` is what timelines plot.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

import pandas as pd

from analysis.acts import clause_bounds, fold

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_DAY2 = r"(?:\s*(?:[-\u2013\u2014]|and|to|through)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d))?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d)(?!\d))?"

# Order matters: earlier patterns win where two overlap.
_PATTERNS: list[tuple[str, re.Pattern]] = [
    (
        "relative",
        re.compile(
            r"\b(?P<rel>earlier this week|later this week|this week|last week|next week|"
            r"earlier this month|later this month|this month|last month|next month|"
            r"yesterday|today)\b",
            re.IGNORECASE,
        ),
    ),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}{_DAY2}{_YEAR}")),
    ("day_month", re.compile(rf"\b{_DAY}{_DAY2}\s+{_MONTH}{_YEAR}")),
    ("month_year", re.compile(rf"\b{_MONTH}\s+(?P<year>(?:19|20)\d\d)(?!\d)")),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<which>(?i:last|this|next|on|since|by))\s+)?"
            r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s)?\b"
        ),
    ),
    ("year", re.compile(r"\b(?:in|since|until|by)\s+(?P<year>(?:19|20)\d\d)\b(?![-\u2013]\d)")),
]

# Words that put a clause in the future: a weekday or date in it is the next one.
_FUTURE = re.compile(
    r"\b(?:will|shall|due to|is to|are to|scheduled|expected|planned|plans? to|set to|"
    r"going to|next|upcoming|later this)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateExpression:
    """A date expression found in a text; offsets are into that text."""

    start: int
    end: int
    text: str
    kind: str
    groups: dict


@dataclass(frozen=True)
class ResolvedDate:
    """A date span, or NaT with the reason, and the words it came from."""

    first: pd.Timestamp
    last: pd.Timestamp
    precision: str | None
    basis: str
    expression: DateExpression | None = None


# A day or a year needs a digit, a month pattern also the first three letters of
# a month and a weekday its name (both matched case-sensitively); a relative
# expression needs one of _RELATIVE_WORDS in any case (looked up in the text
# folded as re.IGNORECASE matches it). Checking first spares most sentences
# most of the patterns.
_NEEDS_MONTH = frozenset({"month_day", "day_month", "month_year"})
_DIGIT = re.compile(r"\d")
_WEEKDAY_NAMES = tuple(day.capitalize() for day in WEEKDAYS)
_MONTH_STEMS = tuple(month[:3].capitalize() for month in MONTHS)
_RELATIVE_WORDS = ("week", "month", "yesterday", "today")


def _possible_kinds(text: str) -> set[str]:
    """The kinds of pattern that can match ``text`` (see the needs above)."""
    # (map runs the substring tests in C; this is asked of every statement)
    kinds = {"year"} if _DIGIT.search(text) is not None else set()
    if kinds and any(map(text.__contains__, _MONTH_STEMS)):
        kinds |= _NEEDS_MONTH
    if any(map(text.__contains__, _WEEKDAY_NAMES)):
        kinds.add("weekday")
    if any(map(fold(text).__contains__, _RELATIVE_WORDS)):
        kinds.add("relative")
    return kinds


def find_dates(text: str) -> list[DateExpression]:
    """Every date expression in ``text``, left to right, without overlaps."""
    found: list[DateExpression] = []
    taken: list[tuple[int, int]] = []
    kinds = _possible_kinds(text)
    if not kinds:
        return found
    for kind, regex in _PATTERNS:
        if kind not in kinds:
            continue
        for m in regex.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append(m.span())
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            found.append(DateExpression(m.start(), m.end(), m.group(), kind, groups))
    found.sort(key=lambda d: d.start)
    return found


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    for i, month in enumerate(MONTHS, start=1):
        if month.startswith(name[:3]):
            return i
    raise ValueError(f"not a month: {name!r}")


def _day(ts) -> pd.Timestamp:
    return pd.Timestamp(ts).normalize()


# Calendar steps on Timestamps (dateutil's relativedelta does the same, about 20 times
# slower on a Timestamp; tests/test_dates.py compares the two on every day of years).
def _month_end(ts: pd.Timestamp) -> pd.Timestamp:
    """The last day of the month of ``ts``."""
    return ts.replace(day=calendar.monthrange(ts.year, ts.month)[1])


def _weekday_on_or_after(ts: pd.Timestamp, target: int) -> pd.Timestamp:
    """The first day with weekday ``target`` (0 Monday) at or after ``ts``."""
    return ts + pd.Timedelta(days=(target - ts.weekday()) % 7)


def _weekday_on_or_before(ts: pd.Timestamp, target: int) -> pd.Timestamp:
    """The last day with weekday ``target`` (0 Monday) at or before ``ts``."""
    return ts - pd.Timedelta(days=(ts.weekday() - target) % 7)


def _previous_month_start(ts: pd.Timestamp) -> pd.Timestamp:
    """The first day of the month before that of ``ts``."""
    return (ts.replace(day=1) - pd.Timedelta(days=1)).replace(day=1)


def resolve(
    expression: DateExpression, published, *, future: bool = False, estimated: bool = False
) -> ResolvedDate:
    """Resolve one expression against the publication date (Timestamp or NaT)."""
    quoted = f"'{expression.text}'"
    g = expression.groups
    pub = pd.NaT if published is None or pd.isna(published) else _day(published)
    against = " against an estimated publication date" if estimated and pub is not pd.NaT else ""
    basis = f"text: {quoted}{against}"
    unknown = ResolvedDate(
        pd.NaT,
        pd.NaT,
        None,
        f"unknown: text says {quoted} but the publication date is unknown",
        expression,
    )
    kind = expression.kind

    if kind == "month_year":
        first = pd.Timestamp(int(g["year"]), _month_number(g["month"]), 1)
        last = _month_end(first)
        return ResolvedDate(first, last, "month", f"text: {quoted}", expression)
    if kind == "year":
        first = pd.Timestamp(int(g["year"]), 1, 1)
        return ResolvedDate(
            first, pd.Timestamp(int(g["year"]), 12, 31), "year", f"text: {quoted}", expression
        )
    if kind in ("month_day", "day_month"):
        month, day = _month_number(g["month"]), int(g["day"])
        day2 = int(g["day2"]) if "day2" in g else None
        if "year" in g:
            year = int(g["year"])
            basis = f"text: {quoted}"
        elif pub is pd.NaT:
            return unknown
        else:
            year = pub.year
            candidate = pd.Timestamp(year, month, min(day, 28))
            if not future and candidate > pub:
                # Last year's, unless this year's is nearer: "talks in Istanbul on
                # March 12" in an article of March 4 is eight days ahead, not a year
                # ago (a date a year old would carry its year).
                if pub - candidate.replace(year=year - 1) <= candidate - pub:
                    year -= 1
            elif future and pd.Timestamp(year, month, min(day2 or day, 28)) < pub - pd.Timedelta(
                days=180
            ):
                year += 1
        try:
            first = pd.Timestamp(year, month, day)
            last = pd.Timestamp(year, month, day2) if day2 else first
        except ValueError:
            return ResolvedDate(
                pd.NaT, pd.NaT, None, f"unknown: {quoted} is not a calendar date", expression
            )
        return ResolvedDate(first, last, "days" if day2 else "day", basis, expression)
    if pub is pd.NaT:
        return unknown
    if kind == "weekday":
        target = WEEKDAYS.index(g["weekday"].lower())
        which = (g.get("which") or "").lower()
        if which == "next" or (future and which != "last"):
            first = _weekday_on_or_after(pub, target)
        elif which == "last":
            first = _weekday_on_or_before(pub - pd.Timedelta(days=1), target)
        else:
            first = _weekday_on_or_before(pub, target)
        first = pd.Timestamp(first)
        return ResolvedDate(first, first, "day", basis, expression)
    rel = g["rel"].lower()
    monday = _weekday_on_or_before(pub, 0)
    if rel == "today":
        first = last = pub
        precision = "day"
    elif rel == "yesterday":
        first = last = pub - pd.Timedelta(days=1)
        precision = "day"
    elif rel == "earlier this week":
        first, last = monday, max(monday, pub - pd.Timedelta(days=1))
        precision = "week"
    elif rel == "later this week":
        first, last = pub, monday + pd.Timedelta(days=6)
        precision = "week"
    elif rel == "this week":
        first, last = monday, monday + pd.Timedelta(days=6)
        precision = "week"
    elif rel == "last week":
        first, last = monday - pd.Timedelta(days=7), monday - pd.Timedelta(days=1)
        precision = "week"
    elif rel == "next week":
        first, last = monday + pd.Timedelta(days=7), monday + pd.Timedelta(days=13)
        precision = "week"
    elif rel in ("this month", "earlier this month"):
        first = pub.replace(day=1)
        last = pub if rel.startswith("earlier") else _month_end(pub)
        precision = "month"
    elif rel == "later this month":
        first, last = pub, _month_end(pub)
        precision = "month"
    elif rel == "next month":
        first = _month_end(pub) + pd.Timedelta(days=1)
        last = _month_end(first)
        precision = "month"
    else:  # last month
        first = _previous_month_start(pub)
        last = _month_end(first)
        precision = "month"
    return ResolvedDate(pd.Timestamp(first), pd.Timestamp(last), precision, basis, expression)


def _publication(published, estimated: bool) -> ResolvedDate:
    if published is None or pd.isna(published):
        return ResolvedDate(
            pd.NaT, pd.NaT, None, "unknown: no date in the text and the publication date is unknown"
        )
    day = _day(published)
    basis = "publication date (estimated)" if estimated else "publication date"
    return ResolvedDate(day, day, "day", basis)


def date_cue(
    text: str, start: int, end: int, published, *, estimated: bool = False
) -> ResolvedDate:
    """The date of the statement whose cue is ``text[start:end]``.

    The date expression in the cue's clause wins (the nearest, if several); then
    the nearest one before the cue in the sentence, then the nearest after it;
    with none, the publication date (``basis`` says which, and says
    "estimated" when the publication date is an estimate).
    """
    dates = find_dates(text)
    if dates:
        left, right = clause_bounds(text, start, end)

        def distance(d):
            return d.start - end if d.start >= end else start - d.end

        in_clause = [d for d in dates if left <= d.start and d.end <= right]
        before = [d for d in dates if d.end <= start]
        after = [d for d in dates if d.start >= end]
        for pool in (in_clause, before, after):
            if pool:
                chosen = min(pool, key=distance)
                # the tense of the date's own clause: "due to meet on Thursday"; a word
                # of another date ("later this month", "next week") says nothing of it
                cl, cr = clause_bounds(text, chosen.start, chosen.end)
                future = any(
                    not any(d.start < m.end() and m.start() < d.end for d in dates)
                    for m in _FUTURE.finditer(text, cl, cr)
                )
                future = future and chosen.groups.get("which", "").lower() != "last"
                return resolve(chosen, published, future=future, estimated=estimated)
    return _publication(published, estimated)


def statement_date(
    text: str, start: int, end: int, published, *, estimated: bool = False, scheduled: bool = False
) -> ResolvedDate:
    """:func:`date_cue` for a statement, which is made on or before the day the article
    reporting it was published. A day after publication ("ready to hold talks ... on
    March 12" in an article of March 4) is the day of what is proposed or scheduled,
    not of the statement: it is passed over for the next expression that dates the
    cue, else the publication date, whose ``basis`` names the later day. With
    ``scheduled`` (talks, which can be scheduled ahead) the later day stands."""
    when = date_cue(text, start, end, published, estimated=estimated)
    if scheduled or when.expression is None or published is None or pd.isna(published):
        return when  # (most sentences name no day: the publication date stands)
    pub = _day(published)
    later = []
    while when.expression is not None and pd.notna(when.first) and when.first > pub:
        later.append(when.expression)
        # the same text with that expression blanked out: offsets stay the same
        e = when.expression
        text = text[: e.start] + " " * (e.end - e.start) + text[e.end :]
        when = date_cue(text, start, end, published, estimated=estimated)
    if later and when.expression is None:
        named = ", ".join(f"'{e.text}'" for e in later)
        return ResolvedDate(
            when.first,
            when.last,
            when.precision,
            f"{when.basis}: {named} is after publication, a day the statement is about, "
            "not the day it was made",
        )
    return when
