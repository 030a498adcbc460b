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
from typing import Final

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


# Ads platforms and the organic platforms whose accounts they advertise.
_ADS_FOR: Final[dict[str, frozenset[str]]] = {
    "meta": frozenset({"instagram", "facebook", "meta"}),
    "tiktok": frozenset({"tiktok"}),
}


def select(
    tables: dict[str, pd.DataFrame],
    platforms: Iterable[str] = (),
    accounts: Iterable[str] = (),
) -> dict[str, pd.DataFrame]:
    """The rows of the chosen platforms and accounts in every table (empty choice = all).

    Ads rows are kept when their ads platform serves a chosen platform (Meta ads for Instagram or
    Facebook, TikTok ads for TikTok) and are not filtered by account (ad accounts are not the
    organic accounts). ``web`` rows (Google Analytics) are kept unless ``google_analytics`` is
    left out of a non-empty platform choice.
    """
    chosen = set(platforms)
    names = set(accounts)
    out: dict[str, pd.DataFrame] = {}
    for kind, frame in tables.items():
        keep = pd.Series(True, index=frame.index)
        if chosen and "platform" in frame.columns:
            if kind == "ads":
                allowed = [p for p, serves in _ADS_FOR.items() if serves & chosen]
                keep &= frame["platform"].isin(allowed).fillna(False)
            else:
                keep &= frame["platform"].isin(sorted(chosen)).fillna(False)
        if names and kind not in ("ads", "web") and "account" in frame.columns:
            keep &= frame["account"].isin(sorted(names)).fillna(False)
        out[kind] = frame if bool(keep.all()) else frame[keep]
    return out


def coverage(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """What the workspace holds: one row per (platform, kind) with ``accounts``, ``rows``,
    ``first`` and ``last`` date (naive dates as the exports state them)."""
    rows = []
    for kind, frame in tables.items():
        if frame.empty or "platform" not in frame.columns:
            continue
        start = schema.DATE_COLUMN[kind]
        end = schema.DATE_END_COLUMN.get(kind, start)
        for platform, part in frame.groupby("platform", sort=True):
            accounts: list[str] = (
                [str(a) for a in part["account"].dropna().unique()] if "account" in part.columns else []
            )
            rows.append(
                {
                    "platform": str(platform),
                    "kind": kind,
                    "accounts": ", ".join(sorted(accounts)),
                    "rows": len(part),
                    "first": pd.to_datetime(part[start]).min(),
                    "last": pd.to_datetime(part[end]).max(),
                }
            )
    return pd.DataFrame(rows, columns=["platform", "kind", "accounts", "rows", "first", "last"])
