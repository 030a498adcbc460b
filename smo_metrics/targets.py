"""Targets: goals per week or month, how far along they are, and where the period will end.

Definitions (see ``docs/METRICS.md``):

- A :class:`Target` names a metric, a platform (or ``all``), a period (``week`` or ``month``)
  and a value. Its ``kind`` says how progress is read: ``sum`` for additive metrics (posts,
  spend, engagements), ``rate`` for rates (engagement rate), ``level`` for a total that is
  read at a point in time (followers).
- achieved = actual ÷ target; pace (``sum`` only) = actual ÷ (target × elapsed fraction).
- The period-end forecast is a run rate (mean per day × days in period) until there are
  ``min_history_days`` days of data, then an additive exponential-smoothing model with weekly
  seasonality, ETS(A,N,A). The result always names the method used.
- The actual of a target is read from the canonical tables by :func:`metric_actual` (and day by
  day by :func:`metric_daily`); :data:`TARGET_SOURCES` says which table each metric comes
  from and :data:`METRIC_DEFINITIONS` what exactly is counted. :func:`target_progress` puts
  target, actual, achievement, pace and forecast side by side for the targets of a day.

Reach is not a target metric. Reach is not additive (the same person reached on two days, or
by two posts, counts twice when they are added up), so a "monthly reach" target read as a sum
would be a different number from the de-duplicated reach the platforms show, under the same
name. Instead the target metric is ``reach_sum``, labelled "reach (sum of per-post reach)":
Σ reach of the posts published in the period, the same number the overview's reach card
shows. ``Target("reach", …)`` raises :class:`~smo_metrics.errors.UsageError` saying so; the
other non-additive daily metrics (:data:`smo_metrics.growth.NON_ADDITIVE`: viewers…) cannot
be ``sum`` targets either.

Dates are calendar dates (the account's local date, as in the canonical tables).
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from dataclasses import dataclass, field
from typing import Final, Literal

import numpy as np
import pandas as pd
from scipy.stats import norm
from statsmodels.tsa.holtwinters import ExponentialSmoothing

from smo_metrics.ads import ads_in_period, ads_metrics
from smo_metrics.engagement import ENGAGEMENT_PARTS, post_engagements, summarize
from smo_metrics.errors import UsageError
from smo_metrics.growth import NON_ADDITIVE, follower_growth
from smo_metrics.growth import Period as Days
from smo_metrics.schema import PLATFORMS
from smo_metrics.tables import _ADS_FOR, between

Period = Literal["week", "month"]
TargetKind = Literal["sum", "rate", "level"]
Method = Literal["run_rate", "ets_weekly", "none"]
PERIODS: Final = ("week", "month")
TARGET_KINDS: Final = ("sum", "rate", "level")
SEASON_DAYS: Final = 7  # weekly seasonality of daily social-media numbers
MAX_FIT_DAYS: Final = 371  # the ETS model sees at most the last 53 weeks (keeps fits fast)

# The kind of each metric a target can be set on (the metrics :func:`metric_actual` reads).
# ``reach_sum`` is the sum of per-post reach, not the platform's de-duplicated reach: see the
# module docstring for why ``reach`` itself is refused.
METRIC_KINDS: Final[dict[str, TargetKind]] = {
    "engagement_rate_by_reach": "rate",
    "engagement_rate_by_impressions": "rate",
    "engagement_rate_by_followers": "rate",
    "ctr": "rate",
    "roas": "rate",
    "reach_sum": "sum",
    "impressions": "sum",
    "views": "sum",
    "followers_gained": "sum",
    "followers_net": "sum",
    "posts": "sum",
    "engagements": "sum",
    "clicks": "sum",
    "link_clicks": "sum",
    "spend": "sum",
    "conversions": "sum",
    "revenue": "sum",
    "followers": "level",
}

# Where the actual of each target metric is read (see :func:`metric_actual`).
TARGET_SOURCES: Final[dict[str, str]] = {
    "posts": "posts",
    "reach_sum": "posts",
    "impressions": "posts",
    "views": "posts",
    "engagements": "posts",
    "engagement_rate_by_reach": "posts",
    "engagement_rate_by_impressions": "posts",
    "engagement_rate_by_followers": "posts",
    "followers_gained": "account_daily",
    "followers_net": "account_daily",
    "followers": "account_daily",
    "spend": "ads",
    "clicks": "ads",
    "link_clicks": "ads",
    "conversions": "ads",
    "revenue": "ads",
    "ctr": "ads",
    "roas": "ads",
}

# What the actual of each target metric counts, in words (the dashboard shows these).
METRIC_DEFINITIONS: Final[dict[str, str]] = {
    "posts": "posts published in the period",
    "reach_sum": "reach (sum of per-post reach): Σ reach of the posts published in the period; "
    "a person reached by two posts counts twice, so this is not the account's unique reach",
    "impressions": "Σ impressions of the posts published in the period",
    "views": "Σ views of the posts published in the period",
    "engagements": "Σ (likes + comments + shares + saves) of the posts published in the period",
    "engagement_rate_by_reach": "Σ engagements ÷ Σ reach of the period's posts (ratio of sums)",
    "engagement_rate_by_impressions": "Σ engagements ÷ Σ impressions of the period's posts (ratio of sums)",
    "engagement_rate_by_followers": "Σ engagements ÷ Σ followers at posting of the period's posts (ratio of sums)",
    "followers_gained": "Σ new followers per day (account daily data)",
    "followers_net": "Σ daily net follower change: the platform's net change, else new − lost followers, "
    "else the day-to-day change of the follower total",
    "followers": "follower total on the last day with a total (a level, not a sum)",
    "spend": "Σ ad spend in the workspace currency",
    "clicks": "Σ ad clicks (all clicks) of ads paid in the workspace currency",
    "link_clicks": "Σ ad link clicks of ads paid in the workspace currency",
    "conversions": "Σ ad conversions of ads paid in the workspace currency",
    "revenue": "Σ ad conversion value in the workspace currency",
    "ctr": "Σ ad link clicks ÷ Σ ad impressions (workspace currency)",
    "roas": "Σ ad conversion value ÷ Σ ad spend (workspace currency)",
}

# Ads are reported per ad platform; an organic platform's target cannot be read from them.
ADS_TARGET_PLATFORMS: Final = ("all", "meta", "tiktok")

MSG_REACH: Final = (
    "reach cannot be a target: reach is not additive (a person reached by two posts or on two days counts "
    "twice when they are added up). Set the target on reach_sum, the sum of per-post reach, which the "
    "overview shows as 'reach (sum of per-post reach)'."
)
MSG_NO_ACTUAL: Final = "No data for this period yet."
MSG_NOT_STARTED: Final = "The period has not started yet, so there is no pace to compare."
MSG_NO_DAYS: Final = "No daily values in this period yet, so there is nothing to forecast from."
MSG_FIT_FAILED: Final = "The seasonal model could not be fitted; the forecast is a straight line (run rate)."

DateLike = dt.date | str | pd.Timestamp
_EMPTY_DAILY: Final = pd.Series(dtype=float, index=pd.DatetimeIndex([]))


def _to_date(value: DateLike, name: str) -> dt.date:
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise UsageError(f"{name} must be a date, not {value!r}") from None
    if pd.isna(stamp):
        raise UsageError(f"{name} must be a date, not {value!r}")
    return stamp.date()


def period_bounds(date: DateLike, period: Period, week_start: int = 0) -> tuple[dt.date, dt.date]:
    """First and last day (inclusive) of the week or month that contains ``date``.

    Parameters
    ----------
    date
        Any day of the period.
    period
        ``"week"`` or ``"month"``.
    week_start
        First weekday of a week, 0 = Monday (ISO 8601, the default) … 6 = Sunday.

    Notes
    -----
    week: start = date − ((weekday − week_start) mod 7), end = start + 6 days.
    month: the 1st to the last day of the calendar month (28–31 days).
    """
    day = _to_date(date, "date")
    if period == "week":
        if isinstance(week_start, bool) or week_start not in range(7):
            raise UsageError(f"week_start must be 0 (Monday) … 6 (Sunday), not {week_start!r}")
        start = day - dt.timedelta(days=(day.weekday() - week_start) % 7)
        return start, start + dt.timedelta(days=6)
    if period == "month":
        start = day.replace(day=1)
        following = (start + dt.timedelta(days=32)).replace(day=1)
        return start, following - dt.timedelta(days=1)
    raise UsageError(f"unknown period {period!r}; expected one of {', '.join(PERIODS)}")


@dataclass(frozen=True)
class Target:
    """A goal for one metric over one week or month.

    ``kind`` may be left out for the metrics in :data:`METRIC_KINDS`; it must then agree with
    the table. ``period_start`` is stored as a :class:`datetime.date`; a month target must
    start on the 1st. ``value`` must be a finite number > 0.
    """

    metric: str
    period: Period
    period_start: dt.date
    value: float
    platform: str = "all"
    kind: TargetKind | None = None

    def __post_init__(self) -> None:
        if self.period not in PERIODS:
            raise UsageError(f"unknown period {self.period!r}; expected one of {', '.join(PERIODS)}")
        start = _to_date(self.period_start, "period_start")
        if self.period == "month" and start.day != 1:
            raise UsageError(f"a month target starts on the 1st, not on {start.isoformat()}")
        object.__setattr__(self, "period_start", start)
        if self.platform != "all" and self.platform not in PLATFORMS:
            raise UsageError(f"unknown platform {self.platform!r}; expected 'all' or one of {', '.join(PLATFORMS)}")
        if not isinstance(self.metric, str) or not self.metric.strip():
            raise UsageError("a target needs a metric")
        if self.metric == "reach":
            raise UsageError(MSG_REACH)
        try:
            value = float(self.value)
        except (TypeError, ValueError):
            raise UsageError(f"a target value must be a number > 0, not {self.value!r}") from None
        if not math.isfinite(value) or value <= 0:
            raise UsageError(f"a target value must be a number > 0, not {self.value!r}")
        object.__setattr__(self, "value", value)
        known = METRIC_KINDS.get(self.metric)
        kind = self.kind or known
        if kind is None:
            raise UsageError(f"give the kind ('sum', 'rate' or 'level') of the unknown metric {self.metric!r}")
        if kind not in TARGET_KINDS:
            raise UsageError(f"unknown target kind {kind!r}; expected one of {', '.join(TARGET_KINDS)}")
        if known is not None and kind != known:
            raise UsageError(f"{self.metric} is a {known!r} metric, not {kind!r}")
        if kind == "sum" and self.metric in NON_ADDITIVE:
            raise UsageError(f"{self.metric} is not additive over days or posts, so it cannot be a 'sum' target")
        object.__setattr__(self, "kind", kind)

    @property
    def period_end(self) -> dt.date:
        """Last day of the period (inclusive): start + 6 days, or the month's last day."""
        if self.period == "week":
            return self.period_start + dt.timedelta(days=6)
        return period_bounds(self.period_start, "month")[1]

    @property
    def days(self) -> int:
        """Number of days in the period (7, or 28–31)."""
        return (self.period_end - self.period_start).days + 1


def elapsed_fraction(period_start: DateLike, period_end: DateLike, through: DateLike) -> float:
    """Share of the period's days that are complete when data runs ``through`` a day.

    Notes
    -----
    elapsed = (through − start + 1 day) ÷ (end − start + 1 day), clipped to [0, 1]: data through
    the first day of a 30-day month is 1/30 elapsed; through the last day, 1.
    """
    start, end, last = (
        _to_date(d, n) for d, n in ((period_start, "period_start"), (period_end, "period_end"), (through, "through"))
    )
    if end < start:
        raise UsageError(f"period_end {end} is before period_start {start}")
    fraction = ((last - start).days + 1) / ((end - start).days + 1)
    return min(1.0, max(0.0, fraction))


@dataclass(frozen=True)
class Achievement:
    """Progress towards a :class:`Target`; ``None`` where a number cannot be computed.

    ``achieved`` is actual ÷ target; ``pace`` compares the actual with ``expected_to_date``
    (1.0 on track, 0.8 a fifth behind) and exists for ``sum`` targets and for ``level``
    targets given a baseline. ``message`` is a sentence for the user when something is
    missing (no data yet, period not started).
    """

    target: Target
    actual: float | None
    elapsed_fraction: float
    achieved: float | None  # actual ÷ target
    expected_to_date: float | None  # where a straight line to the target would be by now
    pace: float | None  # actual ÷ expected_to_date: 1.0 = on track, < 1 behind
    message: str | None = None


def achievement(
    target: Target, actual_to_date: float | None, elapsed_fraction: float, baseline: float | None = None
) -> Achievement:
    """How much of a target is achieved, and whether the period is on pace to meet it.

    Parameters
    ----------
    target
        The goal.
    actual_to_date
        The metric so far in the period: a sum for ``sum`` targets, the period's rate so far for
        ``rate`` targets, the latest total for ``level`` targets. ``None``/NaN: no data yet.
    elapsed_fraction
        Share of the period elapsed, 0–1 (see :func:`elapsed_fraction`).
    baseline
        For ``level`` targets only: the level at the start of the period; enables a pace.

    Notes
    -----
    achieved = actual ÷ target, for every kind.
    sum: expected = target × elapsed; pace = actual ÷ expected (missing while elapsed = 0).
    rate: no pace: a rate is already per unit, so the rate so far is compared with the target.
    level: pace = (actual − baseline) ÷ ((target − baseline) × elapsed), only with a baseline
    below the target; expected = baseline + (target − baseline) × elapsed.
    Higher is better is assumed: cost metrics (CPA, CPC) are not target metrics here.
    """
    if not 0.0 <= float(elapsed_fraction) <= 1.0:
        raise UsageError(f"elapsed_fraction must be between 0 and 1, not {elapsed_fraction!r}")
    elapsed = float(elapsed_fraction)
    if actual_to_date is None or pd.isna(actual_to_date):
        return Achievement(target, None, elapsed, None, None, None, MSG_NO_ACTUAL)
    actual = float(actual_to_date)
    achieved = actual / target.value
    expected: float | None = None
    if target.kind == "sum":
        expected = target.value * elapsed
    elif target.kind == "level" and baseline is not None and not pd.isna(baseline) and baseline < target.value:
        expected = baseline + (target.value - baseline) * elapsed
    if expected is None:
        return Achievement(target, actual, elapsed, achieved, None, None, None)
    if elapsed == 0.0:
        return Achievement(target, actual, elapsed, achieved, expected, None, MSG_NOT_STARTED)
    start = baseline if target.kind == "level" and baseline is not None else 0.0
    pace = (actual - start) / (expected - start)
    return Achievement(target, actual, elapsed, achieved, expected, pace, None)


@dataclass(frozen=True)
class PacingForecast:
    """Forecast of a period total from the days so far.

    ``total`` is the forecast total of the whole period (days so far included); ``lower`` and
    ``upper`` bound it with ``1 − alpha`` probability under the method's model. ``method`` is
    ``run_rate``, ``ets_weekly`` or ``none`` (nothing to forecast from; totals are ``None``).
    ``daily_forecast`` holds the forecast of each day after the last day with data (a chart
    draws it after the actual days); ``message`` says why a method was not used.
    """

    total: float | None
    lower: float | None
    upper: float | None
    method: Method
    actual_to_date: float | None
    days_observed: int  # days of the period with a value
    days_remaining: int  # days after the last day with data
    history_days: int  # days with a value before and in the period (the ETS switch counts these)
    alpha: float
    message: str | None = None
    daily_forecast: pd.Series = field(default_factory=lambda: pd.Series(dtype=float), compare=False, repr=False)


def pacing_forecast(
    daily: pd.Series,
    period_start: DateLike,
    period_end: DateLike,
    min_history_days: int = 28,
    history: pd.Series | None = None,
    alpha: float = 0.2,
) -> PacingForecast:
    """Forecast where an additive metric will end the period, with an interval.

    Parameters
    ----------
    daily
        Values per day so far in the period, indexed by date (missing days allowed, no dates
        outside the period, no duplicate dates).
    period_start, period_end
        First and last day of the period (inclusive), e.g. from :func:`period_bounds`.
    min_history_days
        Days with a value (``history`` plus ``daily``) needed for the seasonal model; never
        fewer than 14 (two weekly cycles), whatever is passed.
    history
        Daily values before the period (later dates are ignored); only the last 53 weeks are used.
    alpha
        1 − coverage of the interval (0.2: an 80 % interval).

    Notes
    -----
    run_rate: total = mean per known day × days in period (missing days count as average days);
    interval = total ± z·s·√(R + R²/n), s the daily standard deviation, n known days, R days left.
    ets_weekly: ETS(A,N,A), m = 7 (statsmodels Holt-Winters), fitted on history + days so far
    (gaps filled by linear interpolation, leading days by the first value); total = known days + filled days + Σ forecasts.
    Its interval uses the variance of the summed forecast errors,
    σ² Σ_{k=1..R} (1 + Σ_{j=1..R−k} c_j)², c_j = α + γ·[j mod 7 = 0] (Hyndman et al. 2008, ch. 6),
    ignoring parameter uncertainty. If every value is ≥ 0, totals never go below the actual to
    date. A failed fit falls back to the run rate and says so in ``message``.
    """
    start, end = _to_date(period_start, "period_start"), _to_date(period_end, "period_end")
    if end < start:
        raise UsageError(f"period_end {end} is before period_start {start}")
    if not 0.0 < alpha < 1.0:
        raise UsageError(f"alpha must be between 0 and 1, not {alpha!r}")
    if isinstance(min_history_days, bool) or not isinstance(min_history_days, int) or min_history_days < 1:
        raise UsageError(f"min_history_days must be a whole number ≥ 1, not {min_history_days!r}")
    days_in_period = (end - start).days + 1
    so_far = _daily_values(daily, "daily")
    if len(so_far) and (so_far.index.min().date() < start or so_far.index.max().date() > end):
        raise UsageError(f"daily has dates outside the period {start} … {end}; pass earlier days as history")
    past = _daily_values(history if history is not None else _EMPTY_DAILY, "history")
    past = past.loc[past.index < pd.Timestamp(start)].dropna()
    past = past.loc[past.index >= pd.Timestamp(start) - pd.Timedelta(days=MAX_FIT_DAYS)]
    known = so_far.dropna()
    n_hist = len(past) + len(known)
    if known.empty:
        return PacingForecast(None, None, None, "none", None, 0, days_in_period, n_hist, alpha, MSG_NO_DAYS)
    last_day = known.index.max()
    remaining = (pd.Timestamp(end) - last_day).days
    actual = float(known.sum())
    nonnegative = bool((known >= 0).all() and (past >= 0).all())
    if n_hist >= max(min_history_days, 2 * SEASON_DAYS):
        result = _ets(pd.concat([past, known]), start, last_day, remaining, alpha, nonnegative, actual)
        if result is not None:
            total, lower, upper, path = result
            return PacingForecast(
                total, lower, upper, "ets_weekly", actual, len(known), remaining, n_hist, alpha, None, path
            )
    total, low, high, path = _run_rate(known, start, end, last_day, remaining, alpha, nonnegative, actual)
    message = MSG_FIT_FAILED if n_hist >= max(min_history_days, 2 * SEASON_DAYS) else None
    return PacingForecast(total, low, high, "run_rate", actual, len(known), remaining, n_hist, alpha, message, path)


def _daily_values(series: pd.Series, name: str) -> pd.Series:
    """Float values on a midnight DatetimeIndex, sorted; duplicates are a usage error."""
    if not isinstance(series, pd.Series):
        raise UsageError(f"{name} must be a pandas Series indexed by date")
    try:
        index = pd.DatetimeIndex(pd.to_datetime(series.index))
    except (TypeError, ValueError):
        raise UsageError(f"{name} must be indexed by dates") from None
    if index.tz is not None:
        index = index.tz_localize(None)
    values = pd.Series(pd.to_numeric(series, errors="coerce").astype(float).to_numpy(), index=index.normalize())
    if values.index.hasnans:
        raise UsageError(f"{name} has a missing date in its index")
    if values.index.has_duplicates:
        raise UsageError(f"{name} has the same date twice; give one value per day")
    return values.sort_index()


def _run_rate(
    known: pd.Series,
    start: dt.date,
    end: dt.date,
    last_day: pd.Timestamp,
    remaining: int,
    alpha: float,
    nonnegative: bool,
    actual: float,
) -> tuple[float, float | None, float | None, pd.Series]:
    days = (end - start).days + 1
    mean = float(known.mean())
    total = mean * days
    future = pd.date_range(last_day + pd.Timedelta(days=1), periods=remaining, freq="D")
    path = pd.Series(mean, index=future, dtype=float)
    n = len(known)
    if n < 2:
        return total, None, None, path
    spread = float(known.std(ddof=1)) * math.sqrt(remaining + remaining**2 / n)
    z = float(norm.ppf(1 - alpha / 2))
    lower, upper = total - z * spread, total + z * spread
    if nonnegative:
        total, lower = max(total, actual), max(lower, actual)
    return total, lower, upper, path


def _ets(
    series: pd.Series,
    start: dt.date,
    last_day: pd.Timestamp,
    remaining: int,
    alpha: float,
    nonnegative: bool,
    actual: float,
) -> tuple[float, float, float, pd.Series] | None:
    """Fit ETS(A,N,A) on a daily series; None when the fit fails or is not finite."""
    first = min(series.index.min(), pd.Timestamp(start))
    full = series.reindex(pd.date_range(first, last_day, freq="D")).interpolate(method="linear", limit_direction="both")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = ExponentialSmoothing(
                full.to_numpy(dtype=float),
                trend=None,
                seasonal="add",
                seasonal_periods=SEASON_DAYS,
                initialization_method="estimated",
            )
            fit = model.fit(use_brute=False)
            forecast = np.asarray(fit.forecast(remaining), dtype=float) if remaining else np.zeros(0)
    except (ValueError, np.linalg.LinAlgError, FloatingPointError):
        return None
    sigma2 = float(fit.sse) / len(full)
    smoothing = (float(fit.params["smoothing_level"]), float(fit.params["smoothing_seasonal"]))
    if not (np.isfinite(forecast).all() and math.isfinite(sigma2) and all(map(math.isfinite, smoothing))):
        return None
    in_period = full.loc[full.index >= pd.Timestamp(start)]
    total = float(in_period.sum()) + float(forecast.sum())
    spread = math.sqrt(sigma2 * summed_error_factor(smoothing[0], smoothing[1], remaining))
    z = float(norm.ppf(1 - alpha / 2))
    lower, upper = total - z * spread, total + z * spread
    if nonnegative:
        total, lower, upper = max(total, actual), max(lower, actual), max(upper, actual)
    index = pd.date_range(last_day + pd.Timedelta(days=1), periods=remaining, freq="D")
    return total, lower, upper, pd.Series(forecast, index=index)


def summed_error_factor(level_smoothing: float, seasonal_smoothing: float, horizon: int, season: int = 7) -> float:
    """Var(Σ of the next ``horizon`` forecast errors) ÷ σ² for an ETS(A,N,A) model.

    Notes
    -----
    The h-step error is e_h = ε_h + Σ_{j=1..h−1} c_j ε_{h−j}, c_j = α + γ·[j mod m = 0], so the
    sum of errors 1..H weighs ε_k by 1 + Σ_{j=1..H−k} c_j and, the ε being independent,
    factor = Σ_{k=1..H} (1 + Σ_{j=1..H−k} c_j)². H = 0 gives 0; α = γ = 0 gives H.
    """
    if horizon <= 0:
        return 0.0
    j = np.arange(1, horizon)
    c = level_smoothing + seasonal_smoothing * (j % season == 0)
    cumulative = np.concatenate([[0.0], np.cumsum(c)])  # cumulative[i] = Σ_{j=1..i} c_j
    weights = 1.0 + cumulative[horizon - np.arange(1, horizon + 1)]
    return float(np.sum(weights**2))


# --------------------------------------------------------------------------------------------
# actuals read from the canonical tables

_POST_COLUMNS: Final[dict[str, str]] = {"reach_sum": "reach", "impressions": "impressions", "views": "views"}
_ADS_COLUMNS: Final[dict[str, str]] = {
    "spend": "spend",
    "clicks": "clicks",
    "link_clicks": "link_clicks",
    "conversions": "conversions",
    "revenue": "conversion_value",
}
_RATE_BASES: Final[dict[str, str]] = {
    "engagement_rate_by_reach": "rate_by_reach_ratio",
    "engagement_rate_by_impressions": "rate_by_impressions_ratio",
    "engagement_rate_by_followers": "rate_by_followers_ratio",
}
PROGRESS_HISTORY_DAYS: Final = 112  # history a target's forecast is fitted on (see target_progress)
PROGRESS_COLUMNS: Final = (
    "id",
    "metric",
    "platform",
    "period",
    "period_start",
    "period_end",
    "value",
    "kind",
    "origin",
    "through",
    "elapsed",
    "actual",
    "achieved",
    "expected",
    "pace",
    "forecast",
    "forecast_low",
    "forecast_high",
    "method",
    "status",
    "message",
)
STATUSES: Final = ("met", "missed", "ahead", "on_track", "behind")
PACE_TOLERANCE: Final = 0.05  # within ±5 % of the straight line counts as on track


def _empty_daily(name: str) -> pd.Series:
    return pd.Series(dtype=float, index=pd.DatetimeIndex([]), name=name)


_POST_FIELDS: Final = ("platform", "account", "published_date", "reach", "impressions", "views", *ENGAGEMENT_PARTS)
_DAILY_FIELDS: Final = (
    "platform",
    "account",
    "date",
    "followers",
    "followers_gained",
    "followers_lost",
    "followers_net",
)


def _of_platform(frame: pd.DataFrame, platform: str, fields: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The rows of ``platform`` (all rows for ``all``), narrowed to ``fields`` first (wide tables copy slowly)."""
    if fields is not None:
        frame = frame[[c for c in fields if c in frame.columns]]
    if platform == "all":
        return frame
    return frame[(frame["platform"] == platform).fillna(False).to_numpy(dtype=bool)]


def _floats(values: pd.Series) -> pd.Series:
    return pd.Series(pd.to_numeric(values, errors="coerce").to_numpy(dtype=float, na_value=np.nan), index=values.index)


def _post_values(posts: pd.DataFrame, metric: str) -> pd.Series:
    if metric == "posts":
        return pd.Series(1.0, index=posts.index)
    if metric == "engagements":
        return _floats(post_engagements(posts))
    return _floats(posts[_POST_COLUMNS[metric]])


def _post_metric_known(posts: pd.DataFrame, metric: str) -> bool:
    """Whether any post of ``posts`` has the metric (cheap: no per-post arithmetic)."""
    if metric == "posts":
        return not posts.empty
    if metric == "engagements":
        return any(bool(posts[c].notna().any()) for c in ENGAGEMENT_PARTS if c in posts.columns)
    return bool(posts[_POST_COLUMNS[metric]].notna().any())


def daily_follower_change(account_daily: pd.DataFrame) -> pd.Series:
    """Net follower change of each ``account_daily`` row (aligned with its index; NaN when unknown).

    Notes
    -----
    In order of preference: the platform's own net change (``followers_net``: TikTok
    "Difference in followers", YouTube "Subscribers"); else followers gained − followers lost
    when the export gives both (X); else the change of the follower total from the account's
    previous day (only when that day is the day before). New followers alone (Meta Insights
    "Follows", LinkedIn "New followers") are not a net change: those rows stay NaN.
    """
    if account_daily.empty:
        return pd.Series(dtype=float, index=account_daily.index)
    net = _floats(account_daily["followers_net"])
    gained_lost = _floats(account_daily["followers_gained"]) - _floats(account_daily["followers_lost"])
    net = net.fillna(gained_lost)
    frame = pd.DataFrame(
        {
            "key": account_daily["platform"].astype(object).fillna("").astype(str)
            + "\x1f"
            + account_daily["account"].astype(object).fillna("").astype(str),
            "date": pd.to_datetime(account_daily["date"]),
            "total": _floats(account_daily["followers"]),
        },
        index=account_daily.index,
    ).sort_values(["key", "date"], kind="stable")
    grouped = frame.groupby("key", sort=False)
    consecutive = (frame["date"] - grouped["date"].shift(1)) == pd.Timedelta(days=1)
    change = (frame["total"] - grouped["total"].shift(1)).where(consecutive)
    return net.fillna(change.reindex(account_daily.index))


def metric_daily(
    tables: dict[str, pd.DataFrame],
    metric: str,
    platform: str,
    start: DateLike,
    end: DateLike,
    currency: str | None = None,
) -> pd.Series:
    """Daily values of a ``sum`` target metric over [start, end], indexed by date.

    Parameters
    ----------
    tables
        Canonical tables (one frame per kind).
    metric
        A ``sum`` metric of :data:`METRIC_KINDS`.
    platform
        ``"all"`` or a platform; ads metrics take ``all``, ``meta`` or ``tiktok``.
    start, end
        First and last day (inclusive).
    currency
        For ads metrics: only ads paid in this currency count (required for them).

    Returns
    -------
    pandas.Series
        Float values on a midnight DatetimeIndex; empty when the tables have no data for it.

    Notes
    -----
    Post metrics (:data:`TARGET_SOURCES` ``posts``) are summed by publication date; a day
    without posts counts 0 (from the platform's first post on, and only when its posts carry
    the metric at all). Account metrics come from ``account_daily`` (net follower change as in
    :func:`daily_follower_change`) and ads metrics from the ``ads`` rows of the period
    (:func:`smo_metrics.ads.ads_in_period`, one level per campaign), by ``date_start``; days
    without a value are absent, not 0.
    """

    if METRIC_KINDS.get(metric) != "sum":
        raise UsageError(f"{metric!r} is not a 'sum' metric; daily values exist only for sums")
    first, last = _to_date(start, "start"), _to_date(end, "end")
    if last < first:
        return _empty_daily(metric)
    source = TARGET_SOURCES[metric]
    if source == "posts":
        every = _of_platform(tables["posts"], platform, _POST_FIELDS)
        if every.empty or not _post_metric_known(every, metric):
            return _empty_daily(metric)
        begin = max(first, pd.Timestamp(every["published_date"].min()).date())
        if last < begin:
            return _empty_daily(metric)
        rows = between(every, "posts", begin, last)
        values = _post_values(rows, metric).groupby(pd.to_datetime(rows["published_date"])).sum()
        days = pd.date_range(begin, last, freq="D")
        return values.reindex(days, fill_value=0.0).astype(float).rename(metric)
    if source == "account_daily":
        every = _of_platform(tables["account_daily"], platform, _DAILY_FIELDS)
        rows = between(every, "account_daily", first, last)
        if rows.empty:
            return _empty_daily(metric)
        if metric == "followers_net":  # the day before the range gives the first day's change of totals
            values = daily_follower_change(every).reindex(rows.index)
        else:
            values = _floats(rows[metric])
        out = values.groupby(pd.to_datetime(rows["date"])).sum(min_count=1).dropna()
        out.index = pd.DatetimeIndex(out.index)
        return out.astype(float).rename(metric)
    if platform not in ADS_TARGET_PLATFORMS:
        return _empty_daily(metric)
    if currency is None:
        raise UsageError(f"{metric!r} is an ads metric: give the currency its target is in")
    rows = ads_in_period(_of_platform(tables["ads"], platform), first, last).rows
    per_day = ads_metrics(rows, by="day", per_platform=False)
    per_day = per_day[(per_day["currency"] == currency).fillna(False).to_numpy(dtype=bool)]
    if per_day.empty:
        return _empty_daily(metric)
    out = pd.Series(
        _floats(per_day[_ADS_COLUMNS[metric]]).to_numpy(), index=pd.DatetimeIndex(pd.to_datetime(per_day["date_start"]))
    )
    return out.dropna().groupby(level=0).sum().rename(metric)


def follower_levels(
    tables: dict[str, pd.DataFrame], platform: str, start: DateLike, through: DateLike
) -> tuple[float | None, float | None]:
    """Followers at the start (the last total before ``start``) and on ``through``, summed over accounts.

    See :func:`smo_metrics.growth.follower_growth`; ``(None, None)`` without follower totals.
    """
    first, last = _to_date(start, "start"), _to_date(through, "through")
    if last < first:
        return None, None
    g = follower_growth(tables["account_daily"], Days(first, last), platform=None if platform == "all" else platform)
    if g.source != "totals":
        return None, None
    return g.followers_start, g.followers_end


def metric_actual(
    tables: dict[str, pd.DataFrame],
    metric: str,
    platform: str,
    start: DateLike,
    through: DateLike,
    currency: str | None = None,
) -> float | None:
    """The value of a target metric from ``start`` through ``through`` (see :data:`METRIC_DEFINITIONS`).

    Notes
    -----
    sum: Σ :func:`metric_daily`; rate: engagement rate as a ratio of sums over the posts
    published in the range (:func:`smo_metrics.engagement.summarize`), CTR = Σ link clicks ÷
    Σ impressions and ROAS = Σ conversion value ÷ Σ spend over the range's ads in ``currency``
    (:func:`smo_metrics.ads.ads_metrics`); level: the follower total on ``through``
    (:func:`follower_levels`). None when the tables hold no data for it, or the metric is not
    one of :data:`METRIC_KINDS` (a user-defined metric has no source).
    """

    kind = METRIC_KINDS.get(metric)
    if kind is None:
        return None
    first, last = _to_date(start, "start"), _to_date(through, "through")
    if kind == "sum":
        daily = metric_daily(tables, metric, platform, first, last, currency)
        return float(daily.sum()) if len(daily) else None
    if kind == "level":
        return follower_levels(tables, platform, first, last)[1]
    if metric in _RATE_BASES:
        posts = between(_of_platform(tables["posts"], platform, _POST_FIELDS), "posts", first, last)
        value = getattr(summarize(posts, tables["account_daily"]), _RATE_BASES[metric])
        return None if value is None else float(value)
    if platform not in ADS_TARGET_PLATFORMS:
        return None
    if currency is None:
        raise UsageError(f"{metric!r} is an ads metric: give the currency its target is in")
    rows = ads_in_period(_of_platform(tables["ads"], platform), first, last).rows
    total = ads_metrics(rows, by="total", per_platform=False)
    total = total[(total["currency"] == currency).fillna(False).to_numpy(dtype=bool)]
    if total.empty or pd.isna(total[metric].iloc[0]):
        return None
    return float(total[metric].iloc[0])


def progress_status(
    achieved: float | None, pace: float | None, elapsed: float, tolerance: float = PACE_TOLERANCE
) -> str | None:
    """One word for a target's progress: ``met``/``missed`` once the period is over, else
    ``ahead``/``on_track``/``behind``; None without an actual.

    Notes
    -----
    Over (elapsed = 1): met when achieved ≥ 1. Running: the pace (``sum`` and ``level``
    targets with a pace), else the achievement so far (``rate`` targets: the rate so far
    against the target), compared with 1 ± ``tolerance``.
    """
    if achieved is None or pd.isna(achieved):
        return None
    if elapsed >= 1.0:
        return "met" if achieved >= 1.0 else "missed"
    ratio = achieved if pace is None or pd.isna(pace) else pace
    if ratio > 1.0 + tolerance:
        return "ahead"
    if ratio < 1.0 - tolerance:
        return "behind"
    return "on_track"


def targets_for_day(targets: pd.DataFrame, day: DateLike, platforms: tuple[str, ...] | list[str] = ()) -> pd.DataFrame:
    """The targets whose week or month contains ``day`` and that fit the chosen platforms.

    Parameters
    ----------
    targets
        The store's targets (``Store.targets()``: metric, platform, period, period_start, …).
    day
        Usually the last day of the dashboard's date range.
    platforms
        The platforms chosen in the dashboard (empty: all). With a choice, ``all`` targets are
        left out (their actual would only cover the chosen platforms), and the targets of the
        ads platforms (``meta``, ``tiktok``) count when they serve a chosen platform.

    Returns
    -------
    pandas.DataFrame
        The matching rows of ``targets`` plus ``period_end`` (the last day of each target's period).
    """
    if targets.empty:
        return targets
    when = pd.Timestamp(_to_date(day, "day"))
    start = pd.to_datetime(targets["period_start"])
    month_end = start + pd.offsets.MonthEnd(0)
    end = start.where(targets["period"] != "month", month_end).where(
        targets["period"] == "month", start + pd.Timedelta(days=6)
    )
    keep = ((start <= when) & (end >= when)).fillna(False)
    chosen = set(platforms)
    if chosen:
        serve = (
            targets["platform"]
            .map(lambda p: p in chosen or (p in _ADS_FOR and bool(_ADS_FOR[p] & chosen)))
            .astype(bool)
        )
        keep &= serve
    mask = keep.to_numpy(dtype=bool)
    return targets[mask].assign(period_end=end[mask].dt.date)


def target_progress(
    tables: dict[str, pd.DataFrame],
    targets: pd.DataFrame,
    day: DateLike,
    currency: str,
    forecast: bool = True,
    min_history_days: int = 28,
    alpha: float = 0.2,
    history_days: int = PROGRESS_HISTORY_DAYS,
) -> pd.DataFrame:
    """Target, actual to date, achievement, pace and period-end forecast of each target.

    Parameters
    ----------
    tables
        Canonical tables (already restricted to the chosen platforms/accounts, if any).
    targets
        Target rows (``Store.targets()``, or a selection such as :func:`targets_for_day`).
    day
        The day progress is read on: each target's actual runs from its period start through
        ``min(day, period end)``.
    currency
        The workspace currency: money targets (spend, revenue, ROAS…) count only ads paid in it.
    forecast
        Whether to forecast unfinished ``sum`` periods (:func:`pacing_forecast`).
    min_history_days, alpha
        Passed to :func:`pacing_forecast`.
    history_days
        Days before the period given to the forecast as history (default 16 weeks: sixteen
        weekly cycles estimate the weekly pattern well, and the fit takes about 0.2 s instead of
        0.5 s with a year, measured on the sample; a year back also reaches into last year's
        campaign season).

    Returns
    -------
    pandas.DataFrame
        :data:`PROGRESS_COLUMNS`: the target's fields, ``through`` (last day counted),
        ``elapsed`` (0–1), ``actual``, ``achieved`` (actual ÷ target), ``expected`` and ``pace``
        (:func:`achievement`), ``forecast``/``forecast_low``/``forecast_high``/``method``
        (unfinished sum periods only) and ``message`` (why a number is missing).

    Notes
    -----
    A target the library cannot read (a stored ``reach`` target from before ``reach_sum``)
    keeps its row with the reason in ``message``.
    """
    rows: list[dict[str, object]] = []
    as_of = _to_date(day, "day")
    for rec in targets.to_dict("records"):
        base: dict[str, object] = {c: rec.get(c) for c in ("id", "metric", "platform", "period", "value", "kind")}
        base["origin"] = rec.get("origin")
        base["period_start"] = pd.Timestamp(rec["period_start"]).date()
        try:
            target = Target(
                metric=str(rec["metric"]),
                period=rec["period"],
                period_start=rec["period_start"],
                value=rec["value"],
                platform=str(rec["platform"]),
                kind=None if pd.isna(rec.get("kind")) else rec.get("kind"),
            )
        except UsageError as exc:
            rows.append(base | {"message": str(exc)})
            continue
        start, end = target.period_start, target.period_end
        base["period_end"] = end
        if as_of < start:
            rows.append(base | {"elapsed": 0.0, "message": MSG_NOT_STARTED})
            continue
        through = min(as_of, end)
        elapsed = elapsed_fraction(start, end, through)
        actual = metric_actual(tables, target.metric, target.platform, start, through, currency)
        baseline = follower_levels(tables, target.platform, start, through)[0] if target.kind == "level" else None
        got = achievement(target, actual, elapsed, baseline)
        row = base | {
            "through": through,
            "elapsed": elapsed,
            "actual": got.actual,
            "achieved": got.achieved,
            "expected": got.expected_to_date,
            "pace": got.pace,
            "status": progress_status(got.achieved, got.pace, elapsed),
            "message": got.message,
        }
        if forecast and target.kind == "sum" and elapsed < 1.0 and actual is not None:
            daily = metric_daily(tables, target.metric, target.platform, start, through, currency)
            history = metric_daily(
                tables,
                target.metric,
                target.platform,
                start - dt.timedelta(days=history_days),
                start - dt.timedelta(days=1),
                currency,
            )
            fc = pacing_forecast(daily, start, end, min_history_days=min_history_days, history=history, alpha=alpha)
            row |= {
                "forecast": fc.total,
                "forecast_low": fc.lower,
                "forecast_high": fc.upper,
                "method": fc.method,
                "message": row["message"] or fc.message,
            }
        rows.append(row)
    out = pd.DataFrame(rows, columns=list(PROGRESS_COLUMNS))
    for col in (
        "elapsed",
        "actual",
        "achieved",
        "expected",
        "pace",
        "forecast",
        "forecast_low",
        "forecast_high",
        "value",
    ):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("Float64")
    return out
