"""Growth: follower change, growth rate, period-over-period change, compound weekly growth.

Definitions (see ``docs/METRICS.md``):

- net follower change over [start, end] = followers at the end − followers at the start, where
  the start is the last total known *before* the period (the closing count of the previous day)
  and the end the last known on or before ``end``. Without totals, the sum of the platform's daily
  net change (``followers_net``), else Σ gained − Σ lost, over the days in the period; the result
  names which source it used.
- growth rate = net change ÷ followers at the start (missing when the start is unknown or 0).
- period-over-period change of any number: absolute (current − previous) and relative
  ((current − previous) ÷ previous, missing when previous is 0 or missing).
- compound weekly growth = (end ÷ start) ^ (1 ÷ weeks) − 1, weeks = days ÷ 7.

Reach is not additive across days (the same person reached on Monday and Tuesday counts twice
when the days are added up). Summing ``account_daily.reach`` is labelled
``"reach (sum of daily)"`` everywhere: :data:`METRIC_LABELS`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from smo_metrics.errors import UsageError

PeriodKind = Literal["week", "month"]
Comparison = Literal["previous", "year_ago"]

# Sums over days of metrics that are not additive carry their own label.
NON_ADDITIVE = frozenset({"reach", "viewers", "new_viewers", "returning_viewers", "followers"})
METRIC_LABELS = {"reach": "reach (sum of daily)", "viewers": "viewers (sum of daily)"}


@dataclass(frozen=True)
class Period:
    """An inclusive range of calendar days."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def label(self) -> str:
        return f"{self.start:%Y-%m-%d} – {self.end:%Y-%m-%d}"


def period_of(day: dt.date, kind: PeriodKind) -> Period:
    """The ISO week (Monday–Sunday) or calendar month that contains ``day``."""
    if kind == "week":
        start = day - dt.timedelta(days=day.weekday())
        return Period(start, start + dt.timedelta(days=6))
    if kind == "month":
        start = day.replace(day=1)
        nxt = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return Period(start, nxt - dt.timedelta(days=1))
    raise UsageError(f"unknown period kind {kind!r}; expected 'week' or 'month'")


def comparison_period(period: Period, compare: Comparison = "previous") -> Period:
    """The period to compare with: the one just before (same length; the previous calendar month
    for a whole month) or the same dates a year earlier (29 February maps to 28 February)."""
    if compare == "year_ago":
        return Period(_year_back(period.start), _year_back(period.end))
    if compare != "previous":
        raise UsageError(f"unknown comparison {compare!r}; expected 'previous' or 'year_ago'")
    whole_month = period.start.day == 1 and period_of(period.start, "month").end == period.end
    if whole_month:
        return period_of(period.start - dt.timedelta(days=1), "month")
    return Period(period.start - dt.timedelta(days=period.days), period.start - dt.timedelta(days=1))


Preset = Literal["last_7", "last_28", "last_90", "this_month", "last_month", "this_quarter"]
PRESETS: tuple[Preset, ...] = ("last_7", "last_28", "last_90", "this_month", "last_month", "this_quarter")


def preset_period(preset: Preset, anchor: dt.date) -> Period:
    """The date range a dashboard preset names, counted back from ``anchor`` (the last day shown).

    ``last_N``: the N days ending on ``anchor``; ``this_month``/``this_quarter``: from the first
    day of ``anchor``'s month/quarter to ``anchor``; ``last_month``: the whole calendar month
    before ``anchor``'s.
    """
    if preset in ("last_7", "last_28", "last_90"):
        days = int(preset.split("_")[1])
        return Period(anchor - dt.timedelta(days=days - 1), anchor)
    if preset == "this_month":
        return Period(anchor.replace(day=1), anchor)
    if preset == "last_month":
        return period_of(anchor.replace(day=1) - dt.timedelta(days=1), "month")
    if preset == "this_quarter":
        return Period(dt.date(anchor.year, 3 * ((anchor.month - 1) // 3) + 1, 1), anchor)
    raise UsageError(f"unknown date preset {preset!r}; expected one of {', '.join(PRESETS)}")


def _year_back(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Change:
    """A number in two periods and how it moved."""

    current: float | None
    previous: float | None

    @property
    def absolute(self) -> float | None:
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous

    @property
    def relative(self) -> float | None:
        """(current − previous) ÷ previous; None when previous is 0 or unknown."""
        if self.current is None or self.previous is None or self.previous == 0:
            return None
        return (self.current - self.previous) / abs(self.previous)


def change(current: float | None, previous: float | None) -> Change:
    """Period-over-period change of any number (see :class:`Change`)."""
    return Change(_f(current), _f(previous))


def _f(v: float | None) -> float | None:
    return None if v is None or pd.isna(v) else float(v)


def _select(frame: pd.DataFrame, platform: str | None, account: str | None) -> pd.DataFrame:
    out = frame
    if platform is not None:
        out = out[out["platform"] == platform]
    if account is not None:
        out = out[out["account"] == account]
    return out


def _in(frame: pd.DataFrame, col: str, period: Period) -> pd.Series:
    d = pd.to_datetime(frame[col])
    return (d >= pd.Timestamp(period.start)) & (d <= pd.Timestamp(period.end))


def sum_metric(
    account_daily: pd.DataFrame,
    metric: str,
    period: Period,
    platform: str | None = None,
    account: str | None = None,
) -> float | None:
    """Σ of a daily metric over the period (missing days skipped; None when no day has it).

    For non-additive metrics (reach, viewers) this is the *sum of daily* values; label it with
    :func:`metric_label`.
    """
    rows = _select(account_daily, platform, account)
    if metric not in rows.columns:
        return None
    vals = rows.loc[_in(rows, "date", period), metric].dropna()
    return float(vals.sum()) if len(vals) else None


def metric_label(metric: str) -> str:
    """How a summed daily metric must be named (``reach`` → ``reach (sum of daily)``)."""
    return METRIC_LABELS.get(metric, metric)


@dataclass(frozen=True)
class FollowerGrowth:
    """Follower movement of one account (or all given) over a period."""

    followers_start: float | None
    followers_end: float | None
    net_change: float | None
    growth_rate: float | None
    source: str  # "totals" | "daily net change" | "gained - lost" | "none"


def follower_growth(
    account_daily: pd.DataFrame,
    period: Period,
    platform: str | None = None,
    account: str | None = None,
) -> FollowerGrowth:
    """Followers at the start and end of ``period``, the net change and the growth rate.

    Notes
    -----
    With several accounts selected, totals are summed per day over the accounts that report a
    total on that day; the start is the latest day before the period, the end the latest day
    in it. growth_rate = net_change ÷ followers_start.
    """
    rows = _select(account_daily, platform, account)
    if rows.empty:
        return FollowerGrowth(None, None, None, None, "none")
    start_ts, end_ts = pd.Timestamp(period.start), pd.Timestamp(period.end)
    has_total = rows["followers"].notna().to_numpy(dtype=bool)
    totals = rows.loc[has_total, ["platform", "account", "followers"]]
    # An unknown account (Meta Insights, TikTok daily files) is one account, not a missing key.
    totals = totals.assign(
        account=totals["account"].astype(object).fillna(""),
        date=pd.to_datetime(rows.loc[has_total, "date"]),
    )
    if not totals.empty:
        # Per account: last total before the period, and last total on or before its end.
        before = (
            totals[totals["date"] < start_ts].sort_values("date").groupby(["platform", "account"], dropna=False).last()
        )
        upto = (
            totals[totals["date"] <= end_ts].sort_values("date").groupby(["platform", "account"], dropna=False).last()
        )
        inside = totals[(totals["date"] >= start_ts) & (totals["date"] <= end_ts)]
        if not upto.empty and not inside.empty:
            end_val = float(upto["followers"].sum())
            # An account whose totals start inside the period starts at its first total there.
            first_inside = inside.sort_values("date").groupby(["platform", "account"], dropna=False).first()
            start_parts = before["followers"].reindex(upto.index)
            start_parts = start_parts.fillna(first_inside["followers"].reindex(upto.index))
            start_val = float(start_parts.sum()) if start_parts.notna().any() else None
            net = end_val - start_val if start_val is not None else None
            rate = net / start_val if (net is not None and start_val) else None
            return FollowerGrowth(start_val, end_val, net, rate, "totals")
    in_period = rows.loc[_in(rows, "date", period)]
    if "followers_net" in in_period and in_period["followers_net"].notna().any():
        return FollowerGrowth(None, None, float(in_period["followers_net"].sum()), None, "daily net change")
    if "followers_gained" in in_period and "followers_lost" in in_period:
        # Only days that state both: a day with gains but no stated losses has an unknown net
        # change (Meta Insights' Follows file has gains only), never gains − 0.
        both = in_period["followers_gained"].notna() & in_period["followers_lost"].notna()
        if both.any():
            days = in_period[both.to_numpy(dtype=bool)]
            net = float(days["followers_gained"].sum()) - float(days["followers_lost"].sum())
            return FollowerGrowth(None, None, net, None, "gained - lost")
    return FollowerGrowth(None, None, None, None, "none")


def compound_weekly_growth(start_value: float | None, end_value: float | None, days: int) -> float | None:
    """(end ÷ start) ^ (7 ÷ days) − 1; None when a value is missing, start ≤ 0 or days ≤ 0."""
    if start_value is None or end_value is None or days <= 0 or start_value <= 0 or end_value < 0:
        return None
    return float((end_value / start_value) ** (7.0 / days) - 1.0)
