"""Cadence: how often threats and proposals come, and how long between them.

Both functions count *events* (:func:`analysis.events.events`), so a statement
reported by two outlets counts once, and only events that were made (not
negated, not hypothetical) and have a date. How many events were left out for
lack of a date is kept in ``result.attrs["undated_events"]``, so a chart can say
so instead of hiding them.
"""

from __future__ import annotations

import pandas as pd

from analysis.events import events as _events

BY = ("speaker", "camp", "act")
FREQS = {"D": "D", "W": "W-SUN", "M": "M", "Q": "Q", "Y": "Y"}


def _dated_events(statements: pd.DataFrame, acts) -> tuple[pd.DataFrame, int]:
    ev = _events(statements)
    ev = ev[ev["counted"]]
    if acts is not None:
        acts = [acts] if isinstance(acts, str) else list(acts)
        ev = ev[ev["act"].isin(acts)]
    undated = int(ev["event_date"].isna().sum())
    return ev[ev["event_date"].notna()].copy(), undated


def cadence(
    statements: pd.DataFrame,
    *,
    freq: str = "M",
    by: str = "speaker",
    acts=None,
) -> pd.DataFrame:
    """Events per period and group.

    ``freq``: "D", "W" (weeks Monday to Sunday), "M", "Q" or "Y". ``by``:
    "speaker", "camp" or "act". ``acts``: an act or a list of acts to keep
    (default: all). Returns one row per period and group that has events:
    ``period`` (first day), ``period_label``, the ``by`` column, ``n_events``,
    ``n_statements`` (reports behind them) and ``n_articles`` (distinct articles
    reporting them). Unknown speakers
    and camps are grouped as "unknown".
    """
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    if by not in BY:
        raise ValueError(f"by must be one of {', '.join(BY)}, not {by!r}")
    ev, undated = _dated_events(statements, acts)
    columns = ["period", "period_label", by, "n_events", "n_statements", "n_articles"]
    if ev.empty:
        out = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
        out.attrs["undated_events"] = undated
        return out
    periods = ev["event_date"].dt.to_period(FREQS[freq])
    ev["period"] = periods.dt.start_time
    ev["period_label"] = periods.astype(str)
    ev[by] = ev[by].fillna("unknown")
    ev["_articles"] = ev["article_ids"].str.split(", ")
    counts = (
        ev.groupby(["period", "period_label", by], sort=True)
        .agg(
            n_events=("event_id", "nunique"),
            n_statements=("n_statements", "sum"),
            n_articles=("_articles", lambda s: len({a for ids in s for a in ids})),
        )
        .reset_index()
    )
    counts.attrs["undated_events"] = undated
    return counts[columns]


def intervals(statements: pd.DataFrame, *, by: str = "speaker", acts="threat") -> pd.DataFrame:
    """Days between successive events of the same speaker or camp.

    One row per event after the first of its group: the ``by`` column,
    ``event_id``, ``event_date``, ``previous_event_id``, ``previous_date`` and
    ``days``. ``acts`` defaults to threats; ``None`` takes every act.
    """
    if by not in ("speaker", "camp"):
        raise ValueError(f"by must be 'speaker' or 'camp', not {by!r}")
    ev, undated = _dated_events(statements, acts)
    columns = [by, "act", "event_id", "event_date", "previous_event_id", "previous_date", "days"]
    ev = ev[ev[by].notna()].sort_values([by, "event_date", "event_id"])
    ev["previous_event_id"] = ev.groupby(by)["event_id"].shift()
    ev["previous_date"] = ev.groupby(by)["event_date"].shift()
    out = ev[ev["previous_date"].notna()].copy()
    out["days"] = (out["event_date"] - out["previous_date"]).dt.days.astype("int64")
    out = out[columns].reset_index(drop=True)
    out.attrs["undated_events"] = undated
    return out
