"""Targets: period bounds, achievement and pace, and the period-end forecast.

Expected values are worked out by hand (arithmetic in the comments) or, for the forecast's
error variance, by an independent Monte Carlo simulation of the ETS(A,N,A) equations.
"""

from __future__ import annotations

import datetime as dt
import math
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest

from smo_metrics import schema
from smo_metrics.errors import UsageError
from smo_metrics.targets import (
    MSG_NOT_STARTED,
    MSG_REACH,
    Target,
    achievement,
    daily_follower_change,
    elapsed_fraction,
    metric_actual,
    metric_daily,
    pacing_forecast,
    period_bounds,
    progress_status,
    summed_error_factor,
    target_progress,
    targets_for_day,
)
from tests.test_overview import week_ads, week_daily, week_posts

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))  # 31 days; 1 March 2026 is a Sunday
WEEKLY = np.array([100.0, 120.0, 130.0, 125.0, 110.0, 60.0, 50.0])  # Monday … Sunday


def days(start: str, n: int, values) -> pd.Series:
    return pd.Series(values, index=pd.date_range(start, periods=n, freq="D"), dtype="float64")


def weekly(start: str, end: str, noise: float = 0.0, seed: int = 0) -> pd.Series:
    index = pd.date_range(start, end, freq="D")
    values = WEEKLY[index.day_of_week] + np.random.default_rng(seed).normal(0.0, noise, len(index))
    return pd.Series(values, index=index)


# --- period_bounds / elapsed_fraction -------------------------------------------------------


def test_period_bounds_week_is_iso_monday_to_sunday():
    # Wednesday 4 March 2026 → Monday 2 March … Sunday 8 March
    assert period_bounds("2026-03-04", "week") == (dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    assert period_bounds(dt.date(2026, 3, 2), "week") == (dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    assert period_bounds(dt.date(2026, 3, 8), "week") == (dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    # weeks starting Sunday (week_start=6): Sunday 1 March … Saturday 7 March
    assert period_bounds("2026-03-04", "week", week_start=6) == (dt.date(2026, 3, 1), dt.date(2026, 3, 7))


def test_period_bounds_month():
    assert period_bounds("2026-02-14", "month") == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert period_bounds("2024-02-29", "month") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))  # leap year
    assert period_bounds("2026-12-31", "month") == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))


def test_period_bounds_bad_calls():
    with pytest.raises(UsageError):
        period_bounds("2026-03-04", "quarter")  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        period_bounds("2026-03-04", "week", week_start=7)
    with pytest.raises(UsageError):
        period_bounds("not a date", "week")


def test_elapsed_fraction():
    assert elapsed_fraction(*MARCH, "2026-03-10") == pytest.approx(10 / 31)  # 1…10 March complete
    assert elapsed_fraction(*MARCH, "2026-02-27") == 0.0
    assert elapsed_fraction(*MARCH, "2026-04-02") == 1.0


# --- Target -----------------------------------------------------------------------------------


def test_target_infers_kind_and_period_end():
    posts = Target("posts", "month", dt.date(2026, 2, 1), 20)
    assert posts.kind == "sum" and posts.period_end == dt.date(2026, 2, 28) and posts.days == 28
    rate = Target("engagement_rate_by_reach", "week", dt.date(2026, 3, 2), 0.05, platform="instagram")
    assert rate.kind == "rate" and rate.period_end == dt.date(2026, 3, 8) and rate.days == 7
    assert Target("followers", "month", dt.date(2026, 3, 1), 10_000).kind == "level"
    assert Target("saves", "week", dt.date(2026, 3, 2), 50, kind="sum").kind == "sum"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"metric": "engagement_rate_by_reach", "kind": "sum"},  # a rate cannot be summed
        {"metric": "saves"},  # unknown metric needs a kind
        {"period_start": dt.date(2026, 3, 2)},  # a month starts on the 1st
        {"value": 0},
        {"value": float("nan")},
        {"platform": "myspace"},
        {"period": "year"},
    ],
)
def test_target_rejects_bad_definitions(kwargs):
    base = {"metric": "posts", "period": "month", "period_start": dt.date(2026, 3, 1), "value": 30.0}
    with pytest.raises(UsageError):
        Target(**{**base, **kwargs})


# --- achievement ------------------------------------------------------------------------------


def test_achievement_of_a_sum_target_with_pace():
    target = Target("posts", "month", dt.date(2026, 3, 1), 30)
    result = achievement(target, 12, 10 / 31)
    assert result.achieved == pytest.approx(0.4)  # 12 / 30
    assert result.expected_to_date == pytest.approx(300 / 31)  # 30 × 10/31 = 9.677
    assert result.pace == pytest.approx(1.24)  # 12 / (300/31) = 372/300
    assert result.message is None


def test_achievement_of_a_rate_target_has_no_pace():
    target = Target("engagement_rate_by_reach", "month", dt.date(2026, 3, 1), 0.05)
    result = achievement(target, 0.04, 0.5)
    assert result.achieved == pytest.approx(0.8)  # 0.04 / 0.05
    assert result.pace is None and result.expected_to_date is None


def test_achievement_of_a_level_target():
    target = Target("followers", "month", dt.date(2026, 3, 1), 10_000)
    with_base = achievement(target, 9_300, 0.5, baseline=9_000)
    assert with_base.achieved == pytest.approx(0.93)  # 9300 / 10000
    assert with_base.expected_to_date == pytest.approx(9_500)  # 9000 + (10000 − 9000) × 0.5
    assert with_base.pace == pytest.approx(0.6)  # (9300 − 9000) / (9500 − 9000) = 300 / 500
    assert achievement(target, 9_300, 0.5).pace is None  # no baseline, no pace


def test_achievement_edge_cases():
    target = Target("spend", "week", dt.date(2026, 3, 2), 1_000_000)  # IDR
    missing = achievement(target, None, 0.5)
    assert missing.achieved is None and missing.message
    assert achievement(target, float("nan"), 0.5).achieved is None
    not_started = achievement(target, 0, 0.0)
    assert not_started.achieved == 0.0 and not_started.pace is None and not_started.message
    with pytest.raises(UsageError):
        achievement(target, 10, 1.5)


def test_achievement_pace_does_not_move_when_actual_and_target_scale():
    small = achievement(Target("reach_sum", "week", dt.date(2026, 3, 2), 700), 350, 3 / 7)
    large = achievement(Target("reach_sum", "week", dt.date(2026, 3, 2), 700_000), 350_000, 3 / 7)
    assert small.pace == pytest.approx(large.pace)  # both 350 / (700 × 3/7) = 350/300


# --- pacing_forecast: run rate --------------------------------------------------------------


def test_run_rate_constant_series_is_exact():
    result = pacing_forecast(days("2026-03-01", 10, 100.0), *MARCH)
    assert result.method == "run_rate"
    assert result.total == 3_100.0  # 100 per day × 31 days
    assert result.lower == result.upper == 3_100.0  # no day-to-day spread, no interval width
    assert result.actual_to_date == 1_000.0 and result.days_observed == 10 and result.days_remaining == 21


def test_run_rate_with_a_missing_day_and_interval_by_hand():
    daily = days("2026-03-02", 3, [10.0, np.nan, 30.0])
    result = pacing_forecast(daily, dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    # mean of known days (10 + 30)/2 = 20 → 20 × 7 days = 140; the missing day counts as average
    assert result.total == pytest.approx(140.0)
    assert result.actual_to_date == 40.0 and result.days_observed == 2 and result.days_remaining == 4
    # s = sd(10, 30) = 14.142; R = 4 days left, n = 2: spread = s × √(4 + 16/2) = 48.990
    # z(0.90) = 1.2816 → ± 62.78
    half = math.sqrt(200.0) * math.sqrt(12.0) * NormalDist().inv_cdf(0.9)
    assert result.lower == pytest.approx(140.0 - half) and result.upper == pytest.approx(140.0 + half)


def test_run_rate_one_day_has_no_interval_and_no_days_no_forecast():
    one = pacing_forecast(days("2026-03-01", 1, 50.0), *MARCH)
    assert one.total == pytest.approx(1_550.0) and one.lower is None and one.upper is None  # 50 × 31
    none = pacing_forecast(days("2026-03-01", 0, []), *MARCH)
    assert none.method == "none" and none.total is None and none.message


def test_run_rate_lower_bound_never_below_actual_for_counts():
    result = pacing_forecast(days("2026-03-02", 3, [0.0, 0.0, 90.0]), dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    assert result.lower is not None and result.lower >= result.actual_to_date == 90.0


def test_pacing_forecast_bad_calls():
    with pytest.raises(UsageError, match="outside the period"):
        pacing_forecast(days("2026-02-27", 5, 1.0), *MARCH)
    duplicated = pd.Series([1.0, 2.0], index=pd.to_datetime(["2026-03-01", "2026-03-01"]))
    with pytest.raises(UsageError, match="same date twice"):
        pacing_forecast(duplicated, *MARCH)
    with pytest.raises(UsageError):
        pacing_forecast(days("2026-03-01", 3, 1.0), dt.date(2026, 3, 31), dt.date(2026, 3, 1))


# --- pacing_forecast: seasonal model and the switch ----------------------------------------


def test_ets_recovers_a_weekly_pattern():
    history = weekly("2026-01-05", "2026-02-28", noise=3.0, seed=1)
    daily = weekly("2026-03-01", "2026-03-10", noise=3.0, seed=2)
    result = pacing_forecast(daily, *MARCH, history=history)
    assert result.method == "ets_weekly" and result.history_days == 55 + 10
    # true expected total of March 2026: the Monday…Sunday pattern over its 31 days
    true_total = WEEKLY[pd.date_range(*MARCH).day_of_week].sum()  # = 3050
    assert true_total == 3_050.0
    assert result.total == pytest.approx(true_total, rel=0.02)
    assert result.lower < result.total < result.upper
    assert result.lower < true_total < result.upper
    # deterministic: same input, same numbers
    again = pacing_forecast(daily, *MARCH, history=history)
    assert (again.total, again.lower, again.upper) == (result.total, result.lower, result.upper)


def test_ets_constant_series_is_exact():
    history = days("2026-02-01", 28, 100.0)
    result = pacing_forecast(days("2026-03-01", 10, 100.0), *MARCH, history=history)
    assert result.method == "ets_weekly"
    assert result.total == pytest.approx(3_100.0)  # 100 × 31


def test_method_switches_at_min_history_days():
    daily = weekly("2026-03-01", "2026-03-10")  # 10 days in the period
    short = weekly("2026-02-12", "2026-02-28")  # 17 days: 17 + 10 = 27 < 28
    enough = weekly("2026-02-11", "2026-02-28")  # 18 days: 18 + 10 = 28
    below = pacing_forecast(daily, *MARCH, history=short)
    at = pacing_forecast(daily, *MARCH, history=enough)
    assert (below.method, below.history_days) == ("run_rate", 27)
    assert (at.method, at.history_days) == ("ets_weekly", 28)
    assert pacing_forecast(daily, *MARCH, history=enough, min_history_days=29).method == "run_rate"
    # the seasonal model never runs on fewer than two weeks, whatever min_history_days says
    assert pacing_forecast(daily, *MARCH, min_history_days=5).method == "run_rate"


def test_history_inside_the_period_is_ignored():
    daily = days("2026-03-01", 10, 100.0)
    history = days("2026-03-01", 31, 5.0)  # overlaps the period: not history
    result = pacing_forecast(daily, *MARCH, history=history)
    assert result.method == "run_rate" and result.history_days == 10


# --- the summed forecast-error variance ----------------------------------------------------


def test_summed_error_factor_by_hand():
    assert summed_error_factor(0.0, 0.0, 5) == 5.0  # independent errors: H
    assert summed_error_factor(0.3, 0.0, 1) == 1.0
    # H = 2, α = 0.3: ε1 weighs 1 + c1 = 1.3, ε2 weighs 1 → 1.69 + 1 = 2.69
    assert summed_error_factor(0.3, 0.0, 2) == pytest.approx(2.69)
    # H = 8, α = 0, γ = 0.5: only c7 = 0.5 ≠ 0, reached by ε1 alone → 1.5² + 7 × 1² = 9.25
    assert summed_error_factor(0.0, 0.5, 8) == pytest.approx(9.25)
    assert summed_error_factor(0.3, 0.2, 0) == 0.0


def test_summed_error_factor_matches_simulation():
    # Simulate ETS(A,N,A): y = l + s[t−7] + ε; l += α ε; s[t] = s[t−7] + γ ε; σ = 1.
    alpha, gamma, horizon, paths = 0.3, 0.2, 12, 40_000
    rng = np.random.default_rng(7)
    level = np.zeros(paths)
    seasons = [np.zeros(paths) for _ in range(7)]
    total_error = np.zeros(paths)
    for h in range(horizon):
        eps = rng.normal(size=paths)
        point = 0.0  # the forecast from the starting state (level 0, seasons 0)
        y = level + seasons[h % 7] + eps
        total_error += y - point
        level = level + alpha * eps
        seasons[h % 7] = seasons[h % 7] + gamma * eps
    assert total_error.var() == pytest.approx(summed_error_factor(alpha, gamma, horizon), rel=0.03)


# --- reach is not a target metric -------------------------------------------------------------


def test_reach_is_refused_and_reach_sum_is_a_sum():
    with pytest.raises(UsageError, match="reach_sum"):
        Target("reach", "month", dt.date(2026, 3, 1), 10_000)
    with pytest.raises(UsageError, match="reach_sum"):
        Target("reach", "month", dt.date(2026, 3, 1), 10_000, kind="sum")
    assert Target("reach_sum", "month", dt.date(2026, 3, 1), 10_000).kind == "sum"
    with pytest.raises(UsageError, match="not additive"):
        Target("viewers", "week", dt.date(2026, 3, 2), 500, kind="sum")  # also non-additive over days
    assert Target("followers", "month", dt.date(2026, 3, 1), 5_000).kind == "level"  # a level is fine


@pytest.mark.parametrize("value", ["lots", None, "", float("inf")])
def test_target_value_must_be_a_number(value):
    with pytest.raises(UsageError, match="number > 0"):
        Target("posts", "month", dt.date(2026, 3, 1), value)


def test_target_needs_a_metric():
    with pytest.raises(UsageError, match="needs a metric"):
        Target("", "month", dt.date(2026, 3, 1), 5)


# --- actuals read from the tables (the week of 2–8 March 2026 in tests/test_overview.py) -------


@pytest.fixture
def tables() -> dict[str, pd.DataFrame]:
    out = {k: schema.empty_frame(k) for k in schema.KINDS}
    return out | {"posts": week_posts(), "account_daily": week_daily(), "ads": week_ads()}


def test_metric_daily_posts_count_zero_days_from_the_first_post(tables):
    s = metric_daily(tables, "posts", "instagram", "2026-03-01", "2026-03-08")
    # Instagram posts: 2 Mar p1, 4 Mar p2 + p3; every other day 0 (its first post, p0, was 25 Feb).
    assert s.index[0] == pd.Timestamp("2026-03-01") and len(s) == 8
    assert s.tolist() == [0, 1, 0, 2, 0, 0, 0, 0]
    early = metric_daily(tables, "posts", "instagram", "2026-02-20", "2026-02-26")
    assert early.index[0] == pd.Timestamp("2026-02-25") and early.tolist() == [1, 0]  # no zeros before any data
    assert metric_daily(tables, "reach_sum", "instagram", "2026-03-01", "2026-03-08").sum() == 1550
    assert metric_daily(tables, "reach_sum", "tiktok", "2026-03-01", "2026-03-08").empty  # TikTok has no reach
    assert metric_daily(tables, "engagements", "all", "2026-03-02", "2026-03-08").sum() == 515
    assert metric_daily(tables, "posts", "youtube", "2026-03-01", "2026-03-08").empty
    with pytest.raises(UsageError, match="sum"):
        metric_daily(tables, "engagement_rate_by_reach", "all", "2026-03-01", "2026-03-08")


def test_metric_daily_account_and_ads(tables):
    net = metric_daily(tables, "followers_net", "all", "2026-03-02", "2026-03-08")
    # TikTok +10 every day; X +3 on 3 March (4 − 1) and −1 on 6 March (2 − 3); Instagram: gains only.
    assert net[pd.Timestamp("2026-03-03")] == 13 and net[pd.Timestamp("2026-03-06")] == 9 and net.sum() == 72
    assert metric_daily(tables, "followers_gained", "instagram", "2026-03-02", "2026-03-08").sum() == 35
    spend = metric_daily(tables, "spend", "all", "2026-03-02", "2026-03-08", currency="IDR")
    assert spend.to_dict() == {pd.Timestamp("2026-03-03"): 100_000, pd.Timestamp("2026-03-04"): 50_000}
    assert metric_daily(tables, "spend", "instagram", "2026-03-02", "2026-03-08", currency="IDR").empty
    with pytest.raises(UsageError, match="currency"):
        metric_daily(tables, "spend", "all", "2026-03-02", "2026-03-08")


def test_daily_follower_change_order_of_sources():
    frame = schema.conform(
        "account_daily",
        pd.DataFrame(
            {
                "platform": ["tiktok", "x", "facebook", "facebook", "facebook", "instagram"],
                "account": ["a", "b", "c", "c", "c", "d"],
                "date": pd.to_datetime(
                    ["2026-03-02", "2026-03-02", "2026-03-01", "2026-03-02", "2026-03-04", "2026-03-02"]
                ),
                "followers": [None, None, 100, 103, 110, None],
                "followers_net": [7, None, None, None, None, None],
                "followers_gained": [None, 4, None, None, None, 5],
                "followers_lost": [None, 1, None, None, None, None],
            }
        ),
    )
    change = daily_follower_change(frame)
    # net given 7; 4 − 1 = 3; totals: first day unknown, 103 − 100 = 3, a gap (2 days) unknown; gains only unknown.
    assert change.iloc[0] == 7 and change.iloc[1] == 3
    assert pd.isna(change.iloc[2]) and change.iloc[3] == 3 and pd.isna(change.iloc[4]) and pd.isna(change.iloc[5])


def test_metric_actual_by_hand(tables):
    week = ("2026-03-02", "2026-03-08")
    assert metric_actual(tables, "posts", "all", *week) == 5
    assert metric_actual(tables, "followers_net", "tiktok", *week) == 70
    assert metric_actual(tables, "followers", "tiktok", "2026-03-02", "2026-03-05") == 1040  # total on 5 March
    assert metric_actual(tables, "followers", "instagram", *week) is None  # no totals
    assert metric_actual(tables, "engagement_rate_by_reach", "instagram", *week) == pytest.approx(145 / 1550)
    assert metric_actual(tables, "spend", "all", *week, currency="IDR") == 150_000
    assert metric_actual(tables, "roas", "meta", *week, currency="IDR") == pytest.approx(3.0)
    assert metric_actual(tables, "roas", "meta", *week, currency="USD") == pytest.approx(2.5)
    assert metric_actual(tables, "spend", "instagram", *week, currency="IDR") is None  # ads are per ad platform
    assert metric_actual(tables, "saves_per_post", "all", *week) is None  # a user-defined metric has no source
    empty = {k: schema.empty_frame(k) for k in schema.KINDS}
    assert metric_actual(empty, "posts", "all", *week) is None
    assert metric_actual(empty, "engagement_rate_by_reach", "all", *week) is None


def _targets(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    frame.insert(0, "id", range(1, len(frame) + 1))
    frame["period_start"] = pd.to_datetime(frame["period_start"])
    frame["origin"] = None
    return frame


def test_target_progress_by_hand(tables):
    targets = _targets(
        [
            {
                "metric": "posts",
                "platform": "instagram",
                "period": "week",
                "period_start": "2026-03-02",
                "value": 6,
                "kind": "sum",
            },
            {
                "metric": "engagement_rate_by_reach",
                "platform": "instagram",
                "period": "month",
                "period_start": "2026-03-01",
                "value": 0.1,
                "kind": "rate",
            },
            {
                "metric": "followers",
                "platform": "tiktok",
                "period": "week",
                "period_start": "2026-03-02",
                "value": 1100,
                "kind": "level",
            },
            {
                "metric": "reach",
                "platform": "all",
                "period": "week",
                "period_start": "2026-03-02",
                "value": 9,
                "kind": "sum",
            },
            {
                "metric": "posts",
                "platform": "all",
                "period": "week",
                "period_start": "2026-03-09",
                "value": 9,
                "kind": "sum",
            },
        ]
    )
    p = target_progress(tables, targets, "2026-03-04", "IDR").set_index("id")
    # Posts, week of 2 March read on Wednesday 4 March: 3 of 7 days, 1 + 0 + 2 = 3 posts.
    assert p.loc[1, "elapsed"] == pytest.approx(3 / 7) and p.loc[1, "actual"] == 3
    assert p.loc[1, "achieved"] == pytest.approx(0.5)  # 3 ÷ 6
    assert p.loc[1, "pace"] == pytest.approx(3 / (6 * 3 / 7))  # 1.1667: ahead
    assert p.loc[1, "status"] == "ahead"
    # Forecast: 8 days of history + period (< 28): run rate, 1 post a day × 7 days.
    assert p.loc[1, "method"] == "run_rate" and p.loc[1, "forecast"] == pytest.approx(7.0)
    # Rate: (100 + 25 + 20) ÷ (1000 + 500 + 50) so far in March, against 10 %: no pace, behind.
    assert p.loc[2, "actual"] == pytest.approx(145 / 1550) and pd.isna(p.loc[2, "pace"])
    assert p.loc[2, "status"] == "behind" and pd.isna(p.loc[2, "forecast"])
    # Level: 1030 on 4 March from 1000 before the week; expected 1000 + 100 × 3/7; pace 30 ÷ (300/7) = 0.7.
    assert p.loc[3, "actual"] == 1030 and p.loc[3, "pace"] == pytest.approx(0.7)
    # A stored reach target (from before reach_sum) keeps its row and says why.
    assert p.loc[4, "message"] == MSG_REACH and pd.isna(p.loc[4, "actual"])
    assert p.loc[5, "message"] == MSG_NOT_STARTED and p.loc[5, "elapsed"] == 0
    done = target_progress(tables, targets.iloc[[0]], "2026-03-31", "IDR", forecast=True)
    # Read after the week: all 7 days, still 3 posts (none after 4 March) of 6: missed.
    assert done.loc[0, "elapsed"] == 1 and done.loc[0, "actual"] == 3 and done.loc[0, "status"] == "missed"
    assert pd.isna(done.loc[0, "forecast"])  # a finished period needs no forecast


def test_targets_for_day_and_platforms():
    targets = _targets(
        [
            {
                "metric": "posts",
                "platform": "instagram",
                "period": "month",
                "period_start": "2026-03-01",
                "value": 40,
                "kind": "sum",
            },
            {
                "metric": "posts",
                "platform": "all",
                "period": "month",
                "period_start": "2026-03-01",
                "value": 90,
                "kind": "sum",
            },
            {
                "metric": "spend",
                "platform": "meta",
                "period": "month",
                "period_start": "2026-03-01",
                "value": 1e6,
                "kind": "sum",
            },
            {
                "metric": "posts",
                "platform": "tiktok",
                "period": "week",
                "period_start": "2026-03-02",
                "value": 5,
                "kind": "sum",
            },
            {
                "metric": "posts",
                "platform": "tiktok",
                "period": "month",
                "period_start": "2026-04-01",
                "value": 5,
                "kind": "sum",
            },
        ]
    )
    day = dt.date(2026, 3, 8)
    every = targets_for_day(targets, day)
    assert every["id"].tolist() == [1, 2, 3, 4]
    assert every["period_end"].tolist() == [dt.date(2026, 3, 31)] * 3 + [dt.date(2026, 3, 8)]
    assert targets_for_day(targets, dt.date(2026, 3, 9))["id"].tolist() == [1, 2, 3]  # the week is over
    # Instagram chosen: its own target and Meta's ads target; not "all" (it covers more than Instagram).
    assert targets_for_day(targets, day, ("instagram",))["id"].tolist() == [1, 3]
    assert targets_for_day(targets, day, ("tiktok",))["id"].tolist() == [4]


def test_progress_status():
    assert progress_status(None, None, 0.5) is None
    assert progress_status(1.0, None, 1.0) == "met" and progress_status(0.99, 2.0, 1.0) == "missed"
    assert progress_status(0.4, 1.06, 0.4) == "ahead"
    assert progress_status(0.4, 1.04, 0.4) == "on_track" and progress_status(0.4, 0.96, 0.4) == "on_track"
    assert progress_status(0.4, 0.94, 0.4) == "behind"
    assert progress_status(0.97, None, 0.5) == "on_track"  # a rate: the rate so far against the target
