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

from smo_metrics.errors import UsageError
from smo_metrics.schema import PLATFORMS

Period = Literal["week", "month"]
TargetKind = Literal["sum", "rate", "level"]
Method = Literal["run_rate", "ets_weekly", "none"]
PERIODS: Final = ("week", "month")
TARGET_KINDS: Final = ("sum", "rate", "level")
SEASON_DAYS: Final = 7  # weekly seasonality of daily social-media numbers
MAX_FIT_DAYS: Final = 371  # the ETS model sees at most the last 53 weeks (keeps fits fast)

# The kind of each metric a target is usually set on. Reach here is the sum of daily or
# per-post reach ("accumulated reach"), not the platform's de-duplicated reach of the period.
METRIC_KINDS: Final[dict[str, TargetKind]] = {
    "engagement_rate_by_reach": "rate",
    "engagement_rate_by_impressions": "rate",
    "engagement_rate_by_followers": "rate",
    "ctr": "rate",
    "roas": "rate",
    "reach": "sum",
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
        value = float(self.value)
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
