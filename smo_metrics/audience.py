"""Audience: who follows or watches an account, from the canonical ``audience`` table.

Definitions (see ``docs/METRICS.md``):

- A **snapshot** is one breakdown of one audience: the rows of one ``platform``, ``account`` and
  ``population`` (followers, visitors, audience) taken ``as_of`` one date. Rows whose ``as_of``
  is missing (many exports do not say) form one *undated* snapshot per audience. "Latest" means
  the latest dated snapshot; the undated one is used only when an audience has no dated one.
- **share** = the row's share as exported (unit ``share``), or count ÷ Σ counts of the snapshot
  (unit ``count``). Rows with a missing value or an unknown unit are left out, never read as 0.
- Audiences (platform, account, population) are never mixed: every function works per audience.

Followers over time (from ``account_daily``) live here too: :func:`follower_sources` (which
numbers each account's exports give), :func:`follower_timeline` (per day, week or month) and
:func:`follower_summary` (every account side by side, never summed).

Nothing is invented: no default demographics, no filling of segments an export does not list.
An empty result is an empty frame with the documented columns and a sentence for the user in
``frame.attrs["message"]`` (``None`` when the frame has rows).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

from smo_metrics.errors import UsageError
from smo_metrics.growth import Period, follower_growth, sum_metric
from smo_metrics.schema import AUDIENCE_DIMENSIONS

UNDATED: Final = "undated"  # as_of value selecting the snapshot whose as_of is missing
OTHER_SEGMENT: Final = "Other"  # name of the computed remainder row of top_segments
REMAINDER_TOLERANCE: Final = 0.001  # a remainder below 0.1 pp is rounding, not a segment
# Segment names a platform uses for its own catch-all row (kept as exported, never ranked).
PLATFORM_OTHER_NAMES: Final = frozenset({"other", "others", "lainnya", "lain-lain", "yang lain"})
GROUP_COLUMNS: Final = ("platform", "account", "population")
SEGMENT_DIMENSIONS: Final = tuple(d for d in AUDIENCE_DIMENSIONS if d != "age_gender")

MSG_NO_AGE_GENDER: Final = "There is no age and gender breakdown in the data for this selection."
MSG_NO_DIMENSION: Final = "There is no {dimension} breakdown in the data for this selection."
MSG_NO_PAIR: Final = "No audience has a {dimension} breakdown on both {before} and {after}."

AsOf = dt.date | str | pd.Timestamp | None

_AUDIENCE_COLUMNS: Final = (
    "platform",
    "account",
    "as_of",
    "population",
    "dimension",
    "segment",
    "gender",
    "value",
    "unit",
)
_TYPES: Final[dict[str, Any]] = {  # Any: pandas-stubs types astype by literal dtype names
    "platform": "string[pyarrow]",
    "account": "string[pyarrow]",
    "population": "string[pyarrow]",
    "dimension": "string[pyarrow]",
    "as_of": "datetime64[ns]",
    "as_of_before": "datetime64[ns]",
    "as_of_after": "datetime64[ns]",
    "age_band": "string[pyarrow]",
    "segment": "string[pyarrow]",
    "gender": "string[pyarrow]",
    "status": "string[pyarrow]",
    "share": "Float64",
    "signed_share": "Float64",
    "count": "Float64",
    "share_before": "Float64",
    "share_after": "Float64",
    "change_pp": "Float64",
    "rank": "Int64",
    "computed": "boolean",
    "signed_count": "Float64",
    "unit": "string[pyarrow]",
    "segments": "Int64",
    "by": "string[pyarrow]",
    "value": "string[pyarrow]",
}
AGE_GENDER_COLUMNS: Final = (
    "platform",
    "account",
    "population",
    "as_of",
    "age_band",
    "gender",
    "share",
    "signed_share",
    "count",
    "signed_count",
    "unit",
)
TOP_SEGMENT_COLUMNS: Final = (
    "platform",
    "account",
    "population",
    "as_of",
    "dimension",
    "rank",
    "segment",
    "share",
    "count",
    "computed",
    "unit",
)
CHANGE_COLUMNS: Final = (
    "platform",
    "account",
    "population",
    "dimension",
    "segment",
    "gender",
    "as_of_before",
    "as_of_after",
    "share_before",
    "share_after",
    "change_pp",
    "status",
)


def age_band_order(bands: Iterable[object]) -> list[str]:
    """Age bands in their natural order: ``13-17``, ``18-24``, …, ``65+``, unparseable last.

    Notes
    -----
    A band sorts by the first number in it (``"18-24"`` → 18, ``"65+"`` → 65); a band that starts
    with ``<``, "under" or "di bawah" sorts just before its number (``"<18"`` before ``"18-24"``).
    Bands without a number (``"Unknown"``) come last, alphabetically. Duplicates are dropped.
    """
    unique = {str(b) for b in bands if not pd.isna(b)}  # type: ignore[call-overload]
    return sorted(unique, key=_age_key)


def _age_key(band: str) -> tuple[int, float, str]:
    text = band.strip().lower()
    found = re.search(r"\d+", text)
    if found is None:
        return (1, 0.0, text)
    low = float(found.group())
    if text.startswith(("<", "under", "below", "di bawah", "kurang dari")):
        low -= 0.5
    return (0, low, text)


def age_gender(
    audience: pd.DataFrame,
    platform: str | None = None,
    account: str | None = None,
    as_of: AsOf = None,
    population: str | None = None,
) -> pd.DataFrame:
    """Age band × gender shares of the latest (or the ``as_of``) snapshot, ready for a pyramid.

    Parameters
    ----------
    audience
        The canonical ``audience`` table; only ``dimension == "age_gender"`` rows are used.
    platform, account, population
        Keep only these (``None``: all). Each audience is still reported separately.
    as_of
        A date, :data:`UNDATED` for the snapshot without a date, or ``None`` for the latest.

    Returns
    -------
    pandas.DataFrame
        ``platform, account, population, as_of, age_band, gender, share, signed_share, count,
        signed_count, unit``, one row per band and gender, bands in natural order (:func:`age_band_order`), then
        male, female, other genders. Empty (with ``attrs["message"]``) when nothing matches.

    Notes
    -----
    share = exported share, or count ÷ Σ counts of the snapshot; ``count`` is the exported count
    (missing for share exports). signed_share = −share for ``male``, +share for ``female`` and
    missing for any other gender (a two-sided pyramid has no side for it; it keeps its share).
    signed_count is the same for ``count`` (missing for share exports). ``unit`` is the
    exported unit (``share`` or ``count``): draw one of the two, never both on one axis.
    Separate ``age`` and ``gender`` breakdowns cannot be crossed and are not used here.
    """
    rows = _select(audience, "age_gender", platform, account, population)
    rows = _with_shares(_pick_snapshot(rows, as_of))
    if rows.empty:
        return _finish(pd.DataFrame(), AGE_GENDER_COLUMNS, MSG_NO_AGE_GENDER)
    gender = rows["gender"].astype(object)
    gender_lower = gender.where(gender.notna(), "").astype(str).str.lower()
    sign = np.select([gender_lower == "male", gender_lower == "female"], [-1.0, 1.0], np.nan)
    out = rows.assign(age_band=rows["segment"], signed_share=rows["share"] * sign, signed_count=rows["count"] * sign)
    order = {band: i for i, band in enumerate(age_band_order(out["age_band"]))}
    out["_band"] = out["age_band"].map(order)
    out["_gender"] = np.select([gender_lower == "male", gender_lower == "female"], [0, 1], 2)
    out["_gname"] = gender_lower
    out = out.sort_values(["_g", "_band", "_gender", "_gname"], kind="stable")
    return _finish(out, AGE_GENDER_COLUMNS, None)


MARGIN_COLUMNS: Final = ("platform", "account", "population", "as_of", "by", "value", "share", "count")


def age_gender_margins(pyramid: pd.DataFrame, by: str = "gender") -> pd.DataFrame:
    """Totals of an :func:`age_gender` frame per gender or per age band (the pyramid's margins).

    Parameters
    ----------
    pyramid
        From :func:`age_gender` (one snapshot per audience).
    by
        ``gender`` (women, men, other across every age band) or ``age_band`` (both genders).

    Returns
    -------
    pandas.DataFrame
        ``platform, account, population, as_of, by, value, share, count`` per audience and
        value, largest share first (age bands: in natural order).

    Notes
    -----
    share = Σ share over the rows of that gender (or band); count = Σ count (missing for share
    exports). A margin of a top-N export is a margin of what it lists.
    """
    if by not in ("gender", "age_band"):
        raise UsageError(f"by must be 'gender' or 'age_band', not {by!r}")
    missing = [c for c in AGE_GENDER_COLUMNS[:9] if c not in pyramid.columns]
    if missing:
        raise UsageError(f"not an age_gender() frame: missing column(s) {', '.join(missing)}")
    if pyramid.empty:
        return _finish(pd.DataFrame(), MARGIN_COLUMNS, MSG_NO_AGE_GENDER)
    keys = list(GROUP_COLUMNS)
    frame = pyramid.assign(
        **{k: _text_key(pyramid[k]) for k in keys},
        _as_of=pyramid["as_of"].fillna(pd.Timestamp.min),
        _by=_text_key(pyramid[by]).str.lower() if by == "gender" else _text_key(pyramid[by]),
        _share=pyramid["share"].astype(float),
        _count=pyramid["count"].astype(float),
    )
    g = frame.groupby([*keys, "_as_of", "_by"], sort=False)
    out = pd.DataFrame(
        {"share": g["_share"].sum(min_count=1), "count": g["_count"].sum(min_count=1), "as_of": g["as_of"].first()}
    ).reset_index()
    out["by"] = by
    out["value"] = out["_by"]
    if by == "age_band":
        order = {band: i for i, band in enumerate(age_band_order(out["value"]))}
        out = out.assign(_o=out["value"].map(order)).sort_values([*keys, "_as_of", "_o"], kind="stable")
    else:
        out = out.sort_values([*keys, "_as_of", "share", "value"], ascending=[True] * 4 + [False, True])
    for k in keys:
        out[k] = out[k].replace("", np.nan)
    return _finish(out, MARGIN_COLUMNS, None)


def top_segments(
    audience: pd.DataFrame,
    dimension: str,
    n: int = 10,
    platform: str | None = None,
    account: str | None = None,
    as_of: AsOf = None,
    population: str | None = None,
) -> pd.DataFrame:
    """The ``n`` largest segments of a breakdown, plus the remainder as an "Other" row.

    Parameters
    ----------
    dimension
        ``city``, ``country``, ``territory``, ``language``, ``job_function``, ``seniority``,
        ``industry``, ``company_size`` (also ``age`` and ``gender``; ``age_gender`` has its own
        function, :func:`age_gender`).
    n
        How many segments to rank (≥ 1). Other arguments as in :func:`age_gender`.

    Returns
    -------
    pandas.DataFrame
        ``platform, account, population, as_of, dimension, rank, segment, share, count,
        computed, unit`` per audience: ranks 1…n by share (ties by name), then the platform's own
        catch-all row (``Others``/``Lainnya``: kept as exported, rank missing), then the
        computed :data:`OTHER_SEGMENT` row (``computed`` True) when a remainder is left.

    Notes
    -----
    remainder = 1 − Σ shares shown (top n + the platform's catch-all row); the row is added when
    remainder > 0.001 (rounded percentages in exports leave smaller gaps). It holds segments
    beyond the top n *and* any the export did not list (Instagram lists only its top cities).
    From counts, shares sum to 1, so the remainder is exactly the segments beyond the top n
    and its ``count`` is their sum. When the snapshot already has a segment named "Other",
    the computed row is named "Other (remainder)".
    """
    if dimension not in SEGMENT_DIMENSIONS:
        raise UsageError(f"unknown segment dimension {dimension!r}; expected one of {', '.join(SEGMENT_DIMENSIONS)}")
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise UsageError(f"n must be a whole number ≥ 1, not {n!r}")
    rows = _with_shares(_pick_snapshot(_select(audience, dimension, platform, account, population), as_of))
    if rows.empty:
        return _finish(pd.DataFrame(), TOP_SEGMENT_COLUMNS, MSG_NO_DIMENSION.format(dimension=dimension))
    name = rows["segment"].astype(object).where(rows["segment"].notna(), "").astype(str)
    # For gender, "other" is a gender the platform reports (TikTok: female, male, other), not a
    # catch-all row: it is ranked like any segment.
    own_other = name.str.strip().str.lower().isin(PLATFORM_OTHER_NAMES).to_numpy() & (dimension != "gender")
    ranked = rows.loc[~own_other].sort_values(["_g", "share", "segment"], ascending=[True, False, True], kind="stable")
    ranked = ranked.assign(rank=ranked.groupby("_g", sort=False).cumcount() + 1)
    top = ranked.loc[ranked["rank"] <= n]
    own = rows.loc[own_other].assign(rank=np.nan).sort_values(["_g", "segment"], kind="stable")
    shown = pd.concat([top, own])
    shown_share = shown.groupby("_g")["share"].sum()
    rest_count = ranked.loc[ranked["rank"] > n].groupby("_g")["count"].sum(min_count=1)
    first = rows.groupby("_g", sort=False).first()
    remainder = 1.0 - shown_share.reindex(first.index)
    has_other = name.str.lower().eq(OTHER_SEGMENT.lower()).groupby(rows["_g"].to_numpy()).any().reindex(first.index)
    others = first.loc[remainder > REMAINDER_TOLERANCE].reset_index()
    others = others.assign(
        rank=np.nan,
        segment=np.where(has_other.loc[others["_g"]].to_numpy(), f"{OTHER_SEGMENT} (remainder)", OTHER_SEGMENT),
        share=remainder.loc[others["_g"]].to_numpy(),
        count=rest_count.reindex(others["_g"]).to_numpy(),
        computed=True,
    )
    parts = [top.assign(_part=0, computed=False), own.assign(_part=1, computed=False), others.assign(_part=2)]
    out = pd.concat([p for p in parts if not p.empty]).sort_values(["_g", "_part", "rank"], kind="stable")
    return _finish(out, TOP_SEGMENT_COLUMNS, None)


def snapshot_change(
    audience: pd.DataFrame,
    dimension: str,
    before: AsOf,
    after: AsOf,
    platform: str | None = None,
    account: str | None = None,
    population: str | None = None,
) -> pd.DataFrame:
    """How each segment's share moved between two snapshots, in percentage points.

    Parameters
    ----------
    dimension
        Any audience dimension; for ``age_gender`` a segment is an age band *and* a gender.
    before, after
        The two snapshot dates (:data:`UNDATED` selects the undated snapshot). Must differ.

    Returns
    -------
    pandas.DataFrame
        ``platform, account, population, dimension, segment, gender, as_of_before,
        as_of_after, share_before, share_after, change_pp, status``, per audience that has both
        snapshots, largest ``share_after`` first. Empty (with ``attrs["message"]``) otherwise.

    Notes
    -----
    change_pp = (share_after − share_before) × 100. ``status`` is ``both``, ``before_only`` or
    ``after_only``. A segment in only one snapshot keeps its one share and has no change: its
    absence from the other is not a share of 0 (top-N lists drop small segments).
    """
    if dimension not in AUDIENCE_DIMENSIONS:
        raise UsageError(f"unknown audience dimension {dimension!r}; expected one of {', '.join(AUDIENCE_DIMENSIONS)}")
    b_date, a_date = _as_of_value(before), _as_of_value(after)
    if b_date is None or a_date is None:
        raise UsageError("before and after must both be given (a date, or 'undated')")
    if (pd.isna(b_date) and pd.isna(a_date)) or b_date == a_date:
        raise UsageError(f"before and after are the same snapshot ({before!r})")
    rows = _select(audience, dimension, platform, account, population)
    message = MSG_NO_PAIR.format(dimension=dimension, before=_label(b_date), after=_label(a_date))
    snap_b, snap_a = _with_shares(_pick_snapshot(rows, before)), _with_shares(_pick_snapshot(rows, after))
    both_groups = set(snap_b["_g"]) & set(snap_a["_g"])
    if not both_groups:
        return _finish(pd.DataFrame(), CHANGE_COLUMNS, message)
    keys = ["_g", "_seg", "_gen"]
    frames = []
    for snap in (snap_b, snap_a):
        snap = snap.loc[snap["_g"].isin(both_groups)]
        frames.append(snap.assign(_seg=_text_key(snap["segment"]), _gen=_text_key(snap["gender"])))
    merged = frames[0].merge(frames[1], on=keys, how="outer", suffixes=("_before", "_after"), indicator=True)
    status = merged["_merge"].astype(str).map({"both": "both", "left_only": "before_only", "right_only": "after_only"})
    out = pd.DataFrame({"_g": merged["_g"], "dimension": dimension, "status": status})
    for col in ("platform", "account", "population", "segment", "gender"):
        out[col] = merged[f"{col}_before"].where(merged[f"{col}_before"].notna(), merged[f"{col}_after"])
    out["as_of_before"] = pd.NaT if pd.isna(b_date) else b_date
    out["as_of_after"] = pd.NaT if pd.isna(a_date) else a_date
    out["share_before"] = merged["share_before"]
    out["share_after"] = merged["share_after"]
    out["change_pp"] = (merged["share_after"] - merged["share_before"]) * 100.0
    out = out.sort_values(["_g", "share_after", "share_before"], ascending=[True, False, False], na_position="last")
    return _finish(out, CHANGE_COLUMNS, None)


SNAPSHOT_COLUMNS: Final = ("platform", "account", "population", "dimension", "as_of", "unit", "segments")


def snapshots(
    audience: pd.DataFrame,
    platform: str | None = None,
    account: str | None = None,
    population: str | None = None,
) -> pd.DataFrame:
    """Which breakdowns exist: one row per audience, dimension and snapshot date.

    Returns
    -------
    pandas.DataFrame
        ``platform, account, population, dimension, as_of, unit, segments``: ``as_of`` missing
        for the undated snapshot; ``unit`` ``share``, ``count`` or ``mixed`` (a snapshot holding
        both cannot be drawn on one axis); ``segments`` the usable rows (value known, unit share
        or count). Sorted by audience, dimension, then date (undated first).
    """
    rows = _with_shares(_select(audience, None, platform, account, population))
    if rows.empty:
        return _finish(
            pd.DataFrame(), SNAPSHOT_COLUMNS, "There is no audience breakdown in the data for this selection."
        )
    rows = rows.assign(_d=_text_key(rows["dimension"]), _t=rows["as_of"].fillna(pd.Timestamp.min))
    g = rows.groupby(["_g", "_d", "_t"], sort=True)
    out = g.first()
    units = g["unit"].nunique()
    out["unit"] = np.where(units > 1, "mixed", out["unit"])
    out["segments"] = g.size()
    out = out.reset_index().sort_values(["_g", "_d", "_t"], kind="stable")
    return _finish(out, SNAPSHOT_COLUMNS, None)


def resolve_meta_platform(audience: pd.DataFrame, accounts_by_platform: Mapping[str, Iterable[object]]) -> pd.DataFrame:
    """``audience`` with Meta Business Suite rows (platform ``meta``) named ``instagram`` or ``facebook``.

    Meta's ``Audience.csv`` does not say whether it describes an Instagram account or a
    Facebook Page. A ``meta`` row becomes ``instagram`` (or ``facebook``) when its account name
    is an account of that platform in ``accounts_by_platform`` (e.g. from the posts and daily
    tables) and not of the other; otherwise it stays ``meta``. Nothing else changes.
    """
    names = {p: {str(a) for a in accounts_by_platform.get(p, ()) if not pd.isna(a)} for p in ("instagram", "facebook")}  # type: ignore[call-overload]
    if audience.empty or "platform" not in audience.columns:
        return audience
    is_meta = _equals(audience["platform"], "meta")
    if not is_meta.any():
        return audience
    account = _text_key(audience["account"])
    on_ig = account.isin(names["instagram"]).to_numpy(dtype=bool)
    on_fb = account.isin(names["facebook"]).to_numpy(dtype=bool)
    platform = audience["platform"].astype(object).copy()
    platform[is_meta & on_ig & ~on_fb] = "instagram"
    platform[is_meta & on_fb & ~on_ig] = "facebook"
    out = audience.copy()
    out["platform"] = platform.astype(audience["platform"].dtype)
    return out


# --------------------------------------------------------------------------------------------
# followers over time (account_daily)

FollowerFrequency = Literal["D", "W", "M"]
FOLLOWER_SOURCE_COLUMNS: Final = ("platform", "account", "totals", "gained", "lost", "net", "first", "last")
FOLLOWER_TIMELINE_COLUMNS: Final = ("platform", "account", "period_start", "days", "followers", "gained", "lost", "net")
FOLLOWER_SUMMARY_COLUMNS: Final = (
    "platform",
    "account",
    "followers_start",
    "followers_end",
    "net_change",
    "growth_rate",
    "gained",
    "lost",
    "source",
)
_FOLLOWER_FIELDS: Final = {
    "totals": "followers",
    "gained": "followers_gained",
    "lost": "followers_lost",
    "net": "followers_net",
}


def _daily(account_daily: pd.DataFrame) -> pd.DataFrame:
    """The follower columns as floats (absent columns all-missing), account ``(none)`` kept as NA."""
    data = pd.DataFrame(
        {
            "platform": account_daily["platform"].astype(object),
            "account": account_daily["account"].astype(object),
            "date": pd.to_datetime(account_daily["date"]).astype("datetime64[ns]"),
        },
        index=account_daily.index,
    )
    for col in _FOLLOWER_FIELDS.values():
        values = account_daily[col] if col in account_daily.columns else pd.Series(np.nan, index=account_daily.index)
        data[col] = values.astype("Float64").astype(float)
    data["_a"] = _text_key(data["account"])
    return data.dropna(subset=["date"])


def follower_sources(account_daily: pd.DataFrame) -> pd.DataFrame:
    """Which follower numbers each account's exports give: totals, gained, lost, net change.

    Returns
    -------
    pandas.DataFrame
        ``platform, account, totals, gained, lost, net`` (True when at least one day has the
        value), ``first``, ``last`` (the dates with any of them), one row per account that has
        a daily row. Sorted by platform and account.

    Notes
    -----
    In practice: TikTok gives totals and the daily difference; X gains and losses; LinkedIn
    and Meta (Instagram, Facebook "Follows") new followers only; YouTube subscribers gained and
    lost in ``Totals.csv``/``Chart data.csv``. Without totals a growth *rate* cannot be computed.
    """
    data = _daily(account_daily)
    if data.empty:
        return _finish_plain(pd.DataFrame(), FOLLOWER_SOURCE_COLUMNS)
    flags = {name: data[col].notna() for name, col in _FOLLOWER_FIELDS.items()}
    frame = pd.DataFrame(flags).assign(platform=data["platform"], _a=data["_a"], account=data["account"])
    frame["_any_date"] = data["date"].where(pd.DataFrame(flags).any(axis=1))
    g = frame.groupby(["platform", "_a"], sort=True)
    out = g[list(_FOLLOWER_FIELDS)].any()
    out["account"] = g["account"].first()
    out["first"] = g["_any_date"].min()
    out["last"] = g["_any_date"].max()
    return _finish_plain(out.reset_index(), FOLLOWER_SOURCE_COLUMNS)


def timeline_frequency(period: Period) -> FollowerFrequency:
    """``D`` (days) up to 92 days, ``W`` (ISO weeks) up to 2 years, else ``M`` (months)."""
    if period.days <= 92:
        return "D"
    return "W" if period.days <= 731 else "M"


def follower_timeline(
    account_daily: pd.DataFrame,
    period: Period | None = None,
    freq: FollowerFrequency = "D",
) -> pd.DataFrame:
    """Followers, gains, losses and net change per day, ISO week or month, per account.

    Parameters
    ----------
    account_daily
        The canonical ``account_daily`` table (or part of it).
    period
        Keep days in this inclusive range (None: all).
    freq
        ``D``, ``W`` (weeks from Monday) or ``M`` (calendar months).

    Returns
    -------
    pandas.DataFrame
        ``platform, account, period_start, days, followers, gained, lost, net`` with one row
        per account and period that has a daily row; ``days`` the daily rows in it.

    Notes
    -----
    followers = the last known total in the period (end of its last day with one). gained, lost
    = Σ of the daily values (missing when no day has one; never 0 for unknown). net per day =
    the platform's own net change when given, else gained − lost when both are given, else
    missing; the period's net = Σ over its days (missing when none is known). Accounts are
    never added together: summing totals of different platforms mixes audiences.
    """
    if freq not in ("D", "W", "M"):
        raise UsageError(f"freq must be 'D', 'W' or 'M', not {freq!r}")
    data = _daily(account_daily)
    if period is not None:
        data = data[(data["date"] >= pd.Timestamp(period.start)) & (data["date"] <= pd.Timestamp(period.end))]
    if data.empty:
        return _finish_plain(pd.DataFrame(), FOLLOWER_TIMELINE_COLUMNS)
    day = data["date"].dt.normalize()
    if freq == "W":
        start = day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    elif freq == "M":
        start = day - pd.to_timedelta(day.dt.day - 1, unit="D")
    else:
        start = day
    net = data["followers_net"].where(data["followers_net"].notna(), data["followers_gained"] - data["followers_lost"])
    data = data.assign(period_start=start, _net=net).sort_values("date", kind="stable")
    g = data.groupby(["platform", "_a", "period_start"], sort=True)
    out = pd.DataFrame(
        {
            "account": g["account"].first(),
            "days": g.size(),
            "followers": g["followers"].last(),  # GroupBy.last skips missing: the last known total
            "gained": g["followers_gained"].sum(min_count=1),
            "lost": g["followers_lost"].sum(min_count=1),
            "net": g["_net"].sum(min_count=1),
        }
    ).reset_index()
    return _finish_plain(out, FOLLOWER_TIMELINE_COLUMNS)


def follower_summary(account_daily: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Follower movement of every account over ``period``, side by side (never summed).

    Returns
    -------
    pandas.DataFrame
        ``platform, account, followers_start, followers_end, net_change, growth_rate, gained,
        lost, source``, one row per account with a daily row (sorted by platform, account).

    Notes
    -----
    followers_start, followers_end, net_change, growth_rate and source as
    :func:`smo_metrics.growth.follower_growth` of the account alone (growth_rate = net_change ÷
    followers_start; missing without totals); gained, lost = Σ of the daily values in the period
    (:func:`smo_metrics.growth.sum_metric`; missing when no day has one). When only new
    followers are known (no totals, no net change, no losses: LinkedIn, Meta) net_change is
    missing: gains alone are not a net change.
    """
    data = _daily(account_daily)
    if data.empty:
        return _finish_plain(pd.DataFrame(), FOLLOWER_SUMMARY_COLUMNS)
    records = []
    for (platform, _key), rows in data.groupby(["platform", "_a"], sort=True):
        result = follower_growth(rows, period)
        lost = sum_metric(rows, "followers_lost", period)
        net = result.net_change
        if result.source == "gained - lost" and lost is None:
            net = None  # growth.follower_growth reads missing losses as 0; new followers are not net
        records.append(
            {
                "platform": platform,
                "account": rows["account"].iloc[0],
                "followers_start": result.followers_start,
                "followers_end": result.followers_end,
                "net_change": net,
                "growth_rate": result.growth_rate,
                "gained": sum_metric(rows, "followers_gained", period),
                "lost": lost,
                "source": result.source,
            }
        )
    return _finish_plain(pd.DataFrame.from_records(records), FOLLOWER_SUMMARY_COLUMNS)


_PLAIN_TYPES: Final[dict[str, Any]] = {
    "platform": "string[pyarrow]",
    "account": "string[pyarrow]",
    "source": "string[pyarrow]",
    "period_start": "datetime64[ns]",
    "first": "datetime64[ns]",
    "last": "datetime64[ns]",
    "days": "Int64",
    "totals": "boolean",
    "gained": "Float64",
    "lost": "Float64",
    "net": "Float64",
    "followers": "Float64",
    "followers_start": "Float64",
    "followers_end": "Float64",
    "net_change": "Float64",
    "growth_rate": "Float64",
}


def _finish_plain(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Exactly ``columns`` typed for the follower frames (``gained``… boolean in the sources)."""
    bools = {"totals", "gained", "lost", "net"} if columns == FOLLOWER_SOURCE_COLUMNS else set()
    data = {}
    for c in columns:
        col = frame[c] if c in frame.columns else pd.Series(dtype=object)
        data[c] = col.astype("boolean" if c in bools else _PLAIN_TYPES[c])
    return pd.DataFrame(data).reset_index(drop=True)


def _label(value: pd.Timestamp | float) -> str:
    return UNDATED if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _text_key(series: pd.Series) -> pd.Series:
    """A plain-text join key: missing becomes ``""`` (pandas does not join on <NA>)."""
    return series.astype(object).where(series.notna(), "").astype(str)


def _as_of_value(as_of: AsOf) -> pd.Timestamp | float | None:
    """``None`` → None (latest); :data:`UNDATED` → NaN; anything else → a midnight Timestamp."""
    if as_of is None:
        return None
    if isinstance(as_of, str) and as_of.strip().lower() == UNDATED:
        return np.nan
    try:
        stamp = pd.Timestamp(as_of)
    except (TypeError, ValueError):
        raise UsageError(f"as_of must be a date, {UNDATED!r} or None, not {as_of!r}") from None
    if pd.isna(stamp):
        return np.nan
    if stamp.tzinfo is not None:
        stamp = stamp.tz_localize(None)
    return stamp.normalize()


def _select(
    audience: pd.DataFrame, dimension: str | None, platform: str | None, account: str | None, population: str | None
) -> pd.DataFrame:
    """Rows of one dimension and the filters, with an audience key ``_g`` and numbers as floats."""
    missing = [c for c in _AUDIENCE_COLUMNS if c not in audience.columns]
    if missing:
        raise UsageError(
            f"not an audience table: missing column(s) {', '.join(missing)}; "
            "build it with smo_metrics.schema.conform('audience', frame)"
        )
    keep = np.ones(len(audience), dtype=bool) if dimension is None else _equals(audience["dimension"], dimension)
    for col, wanted in (("platform", platform), ("account", account), ("population", population)):
        if wanted is not None:
            keep = keep & _equals(audience[col], wanted)
    rows = audience.loc[keep, list(_AUDIENCE_COLUMNS)].reset_index(drop=True)
    rows["as_of"] = pd.to_datetime(rows["as_of"]).astype("datetime64[ns]")
    rows["value"] = rows["value"].astype("Float64").astype(float)
    keys = [_text_key(rows[c]) for c in GROUP_COLUMNS]
    rows["_g"] = keys[0] + "\x1f" + keys[1] + "\x1f" + keys[2]
    return rows


def _equals(series: pd.Series, value: str) -> np.ndarray:
    return series.astype(object).eq(value).fillna(False).to_numpy(dtype=bool)


def _pick_snapshot(rows: pd.DataFrame, as_of: AsOf) -> pd.DataFrame:
    """Keep, per audience, the rows of one snapshot: ``as_of``, or the latest dated, else undated."""
    wanted = _as_of_value(as_of)
    if rows.empty:
        return rows
    if wanted is None:
        latest = rows.groupby("_g")["as_of"].transform("max")
        keep = (rows["as_of"] == latest) | (rows["as_of"].isna() & latest.isna())
    elif pd.isna(wanted):
        keep = rows["as_of"].isna()
    else:
        keep = rows["as_of"] == wanted
    return rows.loc[keep.to_numpy(dtype=bool)]


def _with_shares(rows: pd.DataFrame) -> pd.DataFrame:
    """Add ``share`` and ``count``; drop rows with a missing value or a unit other than share/count."""
    unit = rows["unit"].astype(object).where(rows["unit"].notna(), "").astype(str).str.lower()
    is_count = (unit == "count").to_numpy()
    usable = (is_count | (unit == "share").to_numpy()) & rows["value"].notna().to_numpy()
    rows, is_count = rows.loc[usable], is_count[usable]
    counts = rows["value"].where(is_count)
    total = counts.groupby(rows["_g"]).transform("sum")
    from_counts = counts / total.where(total > 0)
    return rows.assign(
        share=np.where(is_count, from_counts, rows["value"]), count=counts, unit=np.where(is_count, "count", "share")
    ).loc[lambda f: f["share"].notna()]


def _finish(frame: pd.DataFrame, columns: tuple[str, ...], message: str | None) -> pd.DataFrame:
    """Exactly ``columns`` with their dtypes, a fresh index and ``attrs["message"]``."""
    out = pd.DataFrame(
        {c: (frame[c] if c in frame.columns else pd.Series(dtype=object)).astype(_TYPES[c]) for c in columns}
    )
    out = out.reset_index(drop=True)
    out.attrs["message"] = message
    return out
