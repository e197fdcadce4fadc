"""Date expressions resolved against publication dates (analysis.dates).

Publication dates used here are the seeds': 003 was published on Thursday
4 September 2025, 000 and 004 on Thursday 8 January 2026; 001 and 002 are undated.
"""

import pandas as pd
import pytest

from analysis.dates import date_cue, find_dates, resolve, statement_date

THU_2025_09_04 = pd.Timestamp("2025-09-04")
THU_2026_01_08 = pd.Timestamp("2026-01-08")


def dated(text, cue, published, **kwargs):
    start = text.index(cue)
    return date_cue(text, start, start + len(cue), published, **kwargs)


def test_on_wednesday_is_the_day_before_a_thursday_publication():
    # 003: Putin's remark, article published Thursday 2025-09-04
    text = (
        "On Wednesday, he said that fighting in Ukraine would continue if no agreement "
        "is reached with Kiev."
    )
    d = dated(text, "fighting in Ukraine would continue if", THU_2025_09_04)
    assert d.first == pd.Timestamp("2025-09-03") == d.last
    assert d.precision == "day"
    assert d.basis == "text: 'On Wednesday'"


def test_thursday_in_a_thursday_article_is_that_day():
    text = (
        '"All such units and facilities will be considered legitimate military targets for '
        'the Russian Armed Forces," Zakharova said Thursday, repeating a threat previously '
        "uttered by Putin."
    )
    d = dated(text, "legitimate military targets", THU_2026_01_08, estimated=True)
    assert d.first == THU_2026_01_08
    # 004's publication date is an estimate from the catalog, and the basis says so
    assert d.basis == "text: 'Thursday' against an estimated publication date"


def test_future_weekday_is_the_next_one():
    text = "Ukraine's Western allies are due to meet in Paris on Thursday to hammer out a plan."
    assert dated(text, "due to meet", pd.Timestamp("2025-09-02")).first == THU_2025_09_04
    # published on the day itself: that day
    assert dated(text, "due to meet", THU_2025_09_04).first == THU_2025_09_04


def test_another_dates_future_word_does_not_make_a_weekday_the_next_one():
    # "later this month" is a date of its own: it says when the talks are, not that
    # "on Sunday" is ahead; the proposal was made the Sunday before Wednesday's article
    text = "Erdogan proposed on Sunday to host peace talks in Istanbul later this month."
    d = dated(text, "proposed", pd.Timestamp("2025-03-12"))
    assert (d.first, d.basis) == (pd.Timestamp("2025-03-09"), "text: 'on Sunday'")
    # the clause's own future word still does: "will host ... on Sunday"
    text = "Erdogan will host peace talks on Sunday."
    assert dated(text, "will host", pd.Timestamp("2025-03-12")).first == pd.Timestamp("2025-03-16")


def test_last_weekday_is_strictly_before():
    d = dated("Moscow warned last Thursday.", "warned", THU_2026_01_08)
    assert d.first == pd.Timestamp("2026-01-01")


def test_month_day_takes_the_publication_year():
    text = (
        "As stated by the Russian Foreign Ministry, on January 6 in Paris, the participants "
        'of the "Coalition of the Willing" signed a declaration.'
    )
    d = dated(text, "signed a declaration", THU_2026_01_08)
    assert d.first == pd.Timestamp("2026-01-06")
    assert d.basis == "text: 'January 6'"


def test_month_day_after_publication_is_last_year():
    d = dated("A summit was held on December 15.", "summit was held", THU_2026_01_08)
    assert d.first == pd.Timestamp("2025-12-15")


def test_month_day_days_ahead_is_this_year_not_a_year_ago():
    # tests/data fx2 (2031-03-04): "ready to hold talks ... in Istanbul on March 12"
    d = dated(
        "Kyiv was ready to hold talks in Istanbul on March 12.",
        "hold talks",
        pd.Timestamp("2031-03-04"),
    )
    assert d.first == pd.Timestamp("2031-03-12")
    # far ahead, a past date stays in the past: "on November 20" in a January article
    d = dated("The plan was tabled on November 20.", "tabled", THU_2026_01_08)
    assert d.first == pd.Timestamp("2025-11-20")


def test_day_range_with_en_dash():
    text = "The parties described the preliminary talks held on January 23\u201324 as constructive."
    d = dated(text, "talks held", pd.Timestamp("2026-02-01"))
    assert (d.first, d.last, d.precision) == (
        pd.Timestamp("2026-01-23"),
        pd.Timestamp("2026-01-24"),
        "days",
    )


def test_undated_article_stays_undated():
    # 002 (Sputnik) has no publication date: "said on Wednesday" cannot be placed
    text = (
        "Any foreign military presence in Ukraine will be viewed as a threat to Russia and "
        "carries the risk of a direct military clash, Russian Foreign Ministry spokeswoman "
        "Maria Zakharova said on Wednesday."
    )
    d = dated(text, "risk of a direct military clash", pd.NaT)
    assert pd.isna(d.first) and pd.isna(d.last) and d.precision is None
    assert d.basis == "unknown: text says 'on Wednesday' but the publication date is unknown"
    # 001 (Censor.NET): a month and day without a year, no publication date
    d = dated("On January 31, a meeting was held there.", "meeting was held", pd.NaT)
    assert pd.isna(d.first)
    # no date at all
    d = dated("Moscow has stated its categorical disagreement.", "categorical disagreement", None)
    assert pd.isna(d.first)
    assert d.basis == "unknown: no date in the text and the publication date is unknown"


def test_explicit_year_needs_no_publication_date():
    text = "the war, launched by Moscow in February 2022, ends."
    d = dated(text, "launched", pd.NaT)
    assert (d.first, d.last, d.precision) == (
        pd.Timestamp("2022-02-01"),
        pd.Timestamp("2022-02-28"),
        "month",
    )


def test_no_date_in_text_falls_back_to_publication():
    text = "Russia continues to reject the deployment of any NATO troops, Zakharova said."
    d = dated(text, "reject", THU_2025_09_04)
    assert d.first == THU_2025_09_04 and d.basis == "publication date"
    d = dated(text, "reject", THU_2026_01_08, estimated=True)
    assert d.basis == "publication date (estimated)"


@pytest.mark.parametrize(
    ("phrase", "first", "last", "precision"),
    [
        ("earlier this week", "2026-01-05", "2026-01-07", "week"),
        ("this week", "2026-01-05", "2026-01-11", "week"),
        ("last week", "2025-12-29", "2026-01-04", "week"),
        ("last month", "2025-12-01", "2025-12-31", "month"),
        ("yesterday", "2026-01-07", "2026-01-07", "day"),
        # after publication (Thursday 8 January 2026): what talks are planned for
        ("later this week", "2026-01-08", "2026-01-11", "week"),
        ("next week", "2026-01-12", "2026-01-18", "week"),
        ("later this month", "2026-01-08", "2026-01-31", "month"),
        ("next month", "2026-02-01", "2026-02-28", "month"),
    ],
)
def test_relative_expressions(phrase, first, last, precision):
    d = dated(
        f"Leaders announced {phrase} that guarantees would include a force.",
        "announced",
        THU_2026_01_08,
    )
    assert (d.first, d.last, d.precision) == (pd.Timestamp(first), pd.Timestamp(last), precision)


def test_the_cue_clause_wins_over_nearer_dates_elsewhere():
    # "in February 2022" belongs to "launched", not to "working on a plan"
    text = (
        "Thursday's meeting, which is scheduled to begin at 10 am (0800 GMT), convenes the "
        "Coalition of the Willing, a loose alliance of some 30 countries working on a plan to "
        "secure Ukraine's sovereignty when the war, launched by Moscow in February 2022, ends."
    )
    assert dated(text, "working on a plan", THU_2025_09_04).first == THU_2025_09_04
    # two acts of one sentence, two dates
    text = (
        'Zelensky also said Thursday that a bilateral agreement was "essentially ready for '
        'finalisation" following talks between envoys in Paris this week.'
    )
    assert dated(text, "ready for", THU_2026_01_08).basis == "text: 'Thursday'"
    assert dated(text, "talks between", THU_2026_01_08).basis == "text: 'this week'"


def test_find_dates_ignores_times_and_number_ranges():
    text = "scheduled to begin at 10 am (0800 GMT); an initial 28-point plan; in 2014-2022"
    assert find_dates(text) == []


def test_resolve_reports_impossible_dates():
    (expr,) = find_dates("on February 30")
    assert pd.isna(resolve(expr, THU_2026_01_08).first)


def test_a_statement_is_not_made_after_publication():
    # published Tuesday 4 March 2031; the talks are scheduled for the coming March 12
    published = pd.Timestamp("2031-03-04")
    text = "The ministry said Kyiv was ready to hold talks in Istanbul on March 12."
    cue = text.index("ready to")
    proposal = statement_date(text, cue, cue + len("ready to"), published)
    assert proposal.first == proposal.last == published
    assert proposal.basis == (
        "publication date: 'March 12' is after publication, a day the statement is about, "
        "not the day it was made"
    )
    talks = statement_date(text, cue, cue + 8, published, scheduled=True)
    assert talks.first == pd.Timestamp("2031-03-12") and talks.basis == "text: 'March 12'"
    # another expression that dates the statement is used instead
    text = "On Monday, the ministry said Kyiv was ready to hold talks in Istanbul on March 12."
    cue = text.index("ready to")
    proposal = statement_date(text, cue, cue + 8, published)
    assert proposal.first == pd.Timestamp("2031-03-03") and proposal.basis == "text: 'On Monday'"
    # an undated article stays undated; a day before publication is kept
    assert pd.isna(statement_date(text, cue, cue + 8, pd.NaT).first)
    text = "The ministry said on March 2 that Kyiv was ready to talk."
    cue = text.index("ready to")
    assert statement_date(text, cue, cue + 8, published).first == pd.Timestamp("2031-03-02")


def test_talks_next_week_are_next_week_but_a_warning_of_next_week_was_made_before():
    published = THU_2026_01_08
    text = "Russian and Ukrainian delegations will hold talks in Geneva next week."
    cue = text.index("hold talks")
    talks = statement_date(text, cue, cue + 10, published, scheduled=True)
    assert (talks.first, talks.last, talks.precision) == (
        pd.Timestamp("2026-01-12"),
        pd.Timestamp("2026-01-18"),
        "week",
    )
    assert talks.basis == "text: 'next week'"
    text = "Moscow warned that it would respond next month if troops were deployed."
    cue = text.index("warned")
    threat = statement_date(text, cue, cue + 6, published)
    assert threat.first == threat.last == published
    assert threat.basis == (
        "publication date: 'next month' is after publication, a day the statement is "
        "about, not the day it was made"
    )


def _all_patterns(text):
    """find_dates without its digit and "day" checks: every pattern on every text."""
    from analysis.dates import _PATTERNS, DateExpression

    found, taken = [], []
    for kind, regex in _PATTERNS:
        for m in regex.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append(m.span())
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            found.append(DateExpression(m.start(), m.end(), m.group(), kind, groups))
    return sorted(found, key=lambda d: d.start)


def test_find_dates_checks_skip_only_patterns_that_cannot_match(seed_sentences):
    texts = list(seed_sentences["text"]) + [
        "on Monday",
        "MONDAY and monday",
        "last week, on March \uff15",
        "in 2022",
        "February 4 and 5, 2025",
        "earlier THIS MONTH",
        "",
    ]
    assert sum(len(find_dates(t)) for t in texts) > 20
    for text in texts:
        assert find_dates(text) == _all_patterns(text), text


def test_find_dates_skips_only_patterns_that_cannot_match(seed_sentences):
    from analysis.synthetic import generate_corpus

    texts = list(seed_sentences["text"]) + list(generate_corpus(n_articles=20, seed=4)["text"])
    # re.IGNORECASE matches the Kelvin sign to k and the long s to s
    texts += ["earlier this wee\u212a", "ye\u017fterday", "TODAY", "Sept. 3", "3 Sep 2025", ""]
    for text in texts:
        assert find_dates(text) == _all_patterns(text), text


def test_calendar_steps_are_those_of_relativedelta():
    """The Timestamp helpers give what dateutil's relativedelta gives, on every day of
    2023-2025 (a leap year included), with a time zone too."""
    import pandas as pd
    from dateutil.relativedelta import relativedelta, weekday

    from analysis import dates

    days = list(pd.date_range("2023-01-01", "2025-12-31", freq="D"))
    days += list(pd.date_range("2024-02-20", "2024-03-10", freq="D", tz="Europe/Kyiv"))
    for day in days:
        assert dates._month_end(day) == day + relativedelta(day=31)
        assert dates._previous_month_start(day) == day + relativedelta(months=-1, day=1)
        for target in range(7):
            assert dates._weekday_on_or_after(day, target) == day + relativedelta(
                weekday=weekday(target)(+1)
            )
            assert dates._weekday_on_or_before(day, target) == day + relativedelta(
                weekday=weekday(target)(-1)
            )
