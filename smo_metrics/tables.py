"""Canonical tables gathered from several files: one frame per kind, overlaps resolved.

Exports overlap (a monthly and a quarterly export share posts), and different exports describe
different columns of the same row (TikTok's Overview and FollowerHistory are both daily rows of
one account: one has views, the other followers). Gathering therefore merges, for each natural
key (:data:`smo_metrics.schema.NATURAL_KEYS`) found in several files, **column by column: the
newest non-missing value wins** (files later in the list are newer; within a file, later
tables, e.g. zip members, are newer). Rows whose key appears in one table only are kept as
they are, including keys a table repeats (a table never overrides itself).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from smo_metrics import schema
from smo_metrics.ingest import FileResult


def gather(results: Iterable[FileResult]) -> dict[str, pd.DataFrame]:
    """One canonical frame per kind (every kind present, empty when no file had it)."""
    parts: dict[str, list[pd.DataFrame]] = {k: [] for k in schema.KINDS}
    order = 0
    for res in results:
        for t in res.tables:  # each table is its own source: members of one zip merge too
            parts[t.kind].append(t.data.assign(_order=order))
            order += 1
    out: dict[str, pd.DataFrame] = {}
    for kind, frames in parts.items():
        if not frames:
            out[kind] = schema.empty_frame(kind)
            continue
        frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        if len(frames) > 1:
            frame = newest_wins(frame, kind)
        out[kind] = schema.conform(kind, frame.drop(columns="_order"))
    return out


def newest_wins(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Merge rows whose natural key appears in several tables (``_order`` = table position).

    For such a key, each column takes its value from the newest file where it is not missing.
    """
    key = list(schema.NATURAL_KEYS[kind])
    files_per_key = frame.groupby(key, dropna=False, sort=False)["_order"].transform("nunique")
    shared = (files_per_key > 1).to_numpy()
    if not shared.any():
        return frame
    keep = frame[~shared]
    merged = (
        frame[shared]
        .sort_values("_order", kind="stable")
        .groupby(key, dropna=False, sort=False, as_index=False)
        .last()  # GroupBy.last skips missing values: the newest known value of each column
    )
    return pd.concat([keep, merged[frame.columns]], ignore_index=True)


def between(frame: pd.DataFrame, kind: str, start: dt.date | None, end: dt.date | None) -> pd.DataFrame:
    """Rows of ``kind`` dated within [start, end] (inclusive; either bound optional).

    Ads rows count when their whole reporting range lies inside; GA4 rows likewise.
    """
    if start is None and end is None:
        return frame
    col = schema.DATE_COLUMN[kind]
    end_col = schema.DATE_END_COLUMN.get(kind, col)
    keep = pd.Series(True, index=frame.index)
    if start is not None:
        keep &= (pd.to_datetime(frame[col]) >= pd.Timestamp(start)).fillna(False)
    if end is not None:
        keep &= (pd.to_datetime(frame[end_col]) <= pd.Timestamp(end)).fillna(False)
    return frame[keep]
