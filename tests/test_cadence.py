"""Events per period and days between events (analysis.cadence)."""

import pandas as pd
import pytest

from analysis import Tables
from analysis.cadence import cadence, intervals


def st(event_id, article, act, speaker, camp, date, *, counted=True):
    day = pd.Timestamp(date) if date else pd.NaT
    return {
        "event_id": event_id,
        "article_id": article,
        "start": 0,
        "text": event_id,
        "act": act,
        "speaker": speaker,
        "camp": camp,
        "event_date": day,
        "date_end": day,
        "date_basis": "publication date",
        "counted": counted,
        "repeated": False,
        "score": -7.0 if act == "threat" else 4.0,
        "plover": "",
        "cameo": "",
        "outlet": None,
    }


@pytest.fixture
def statements():
    # The seeds' dated threats and proposals, as events: Putin 2025-09-03; the
    # Foreign Ministry's "legitimate targets" of 2026-01-08 reported twice (E002);
    # its "foreign intervention" warning the same day; the coalition's declaration
    # of 2026-01-06; Zakharova's undated Sputnik threat; a hypothetical proposal.
    return pd.DataFrame(
        [
            st("E001", "003", "threat", "Vladimir Putin", "Russia", "2025-09-03"),
            st("E002", "000", "threat", "Russian Foreign Ministry", "Russia", "2026-01-08"),
            st("E002", "004", "threat", "Maria Zakharova", "Russia", "2026-01-08"),
            st("E003", "000", "threat", "Russian Foreign Ministry", "Russia", "2026-01-08"),
            st("E004", "000", "proposal", "Coalition of the Willing", "Europe", "2026-01-06"),
            st("E005", "002", "threat", "Maria Zakharova", "Russia", None),
            st("E006", "003", "proposal", None, None, "2025-09-04", counted=False),
        ]
    )


def test_threats_per_month_by_camp_count_events_once(statements):
    c = cadence(statements, freq="M", by="camp", acts="threat")
    assert c[
        ["period_label", "camp", "n_events", "n_statements", "n_articles"]
    ].values.tolist() == [
        ["2025-09", "Russia", 1, 1, 1],
        ["2026-01", "Russia", 2, 3, 2],  # 3 reports in 2 articles (000, 004)
    ]
    assert c.attrs["undated_events"] == 1  # Zakharova's Sputnik threat


def test_weekly_by_act(statements):
    c = cadence(statements, freq="W", by="act")
    assert c[["period", "act", "n_events"]].values.tolist() == [
        [pd.Timestamp("2025-09-01"), "threat", 1],
        [pd.Timestamp("2026-01-05"), "proposal", 1],
        [pd.Timestamp("2026-01-05"), "threat", 2],
    ]
    # the hypothetical proposal of 2025-09-04 is not counted


def test_by_speaker_names_the_speaker_of_the_best_report(statements):
    c = cadence(statements, freq="M", by="speaker", acts=["threat"])
    assert set(c["speaker"]) == {"Vladimir Putin", "Russian Foreign Ministry"}


def test_intervals_between_threats_of_a_camp(statements):
    iv = intervals(statements, by="camp")
    assert iv[["camp", "event_id", "previous_event_id", "days"]].values.tolist() == [
        ["Russia", "E002", "E001", 127],
        ["Russia", "E003", "E002", 0],
    ]


def test_intervals_by_speaker(statements):
    # E002 takes its speaker from UNN's report (article 000 sorts first): the ministry,
    # which also made E003 that day; Putin has a single dated threat, so no interval
    iv = intervals(statements, by="speaker")
    assert iv[["speaker", "event_id", "previous_event_id", "days"]].values.tolist() == [
        ["Russian Foreign Ministry", "E003", "E002", 0]
    ]


def test_bad_options(statements):
    with pytest.raises(ValueError, match="freq"):
        cadence(statements, freq="fortnight")
    with pytest.raises(ValueError, match="by"):
        cadence(statements, by="outlet")
    with pytest.raises(ValueError, match="by"):
        intervals(statements, by="act")


# --- the seeds ----------------------------------------------------------------------------


def test_seed_threats_per_month_and_interval(seeds):
    st = Tables(seeds).statements
    c = cadence(st, freq="M", by="camp", acts="threat")
    # September 2025: Putin's; January 2026: the ministry's two warnings of the 8th in UNN
    # (one of them also in The Moscow Times), the lede's, and "Moscow has repeatedly warned"
    assert c[["period_label", "camp", "n_events"]].values.tolist() == [
        ["2025-09", "Russia", 1],
        ["2026-01", "Russia", 4],
    ]
    assert c.attrs["undated_events"] == 2  # Grushko (Censor.NET) and Zakharova (Sputnik)
    iv = intervals(st, by="camp", acts="threat")
    assert iv["days"].tolist()[0] == 127  # 2025-09-03 to 2026-01-08
