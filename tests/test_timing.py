"""Prime time: the weekday × hour grid, its interval and shrinkage, best slots, follower activity.

Dates used: 2026-03-02 is a Monday. Asia/Jakarta is UTC+7 all year (no DST), Asia/Tokyo UTC+9.
Reference values are worked by hand in the comments; t critical values come from
``scipy.stats.t.ppf`` (and are quoted to 6 digits so they can be checked in any table).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats

from smo_metrics import schema
from smo_metrics import timing as T
from smo_metrics.errors import UsageError

MONDAY = pd.Timestamp("2026-03-02")


def jakarta(text: str) -> pd.Timestamp:
    """A Jakarta wall-clock time as the UTC timestamp the canonical table stores."""
    return pd.Timestamp(text, tz="Asia/Jakarta").tz_convert("UTC")


def posts_frame(published_at: list, **cols: list) -> pd.DataFrame:
    n = len(published_at)
    at = pd.Series(pd.to_datetime(published_at, utc=True))
    base: dict = {
        "platform": ["instagram"] * n,
        "account": ["kopi"] * n,
        "post_id": [str(i) for i in range(n)],
        "published_at": at,
        "published_date": at.dt.tz_convert("Asia/Jakarta").dt.tz_localize(None).dt.normalize(),
        "time_known": [True] * n,
    }
    base.update(cols)
    return schema.conform("posts", pd.DataFrame(base))


def rate_posts(times: list, rates: list[float], **cols: list) -> pd.DataFrame:
    """Posts with reach 1000 and likes = rate × 1000 (so engagement rate by reach = rate)."""
    return posts_frame(times, likes=[round(r * 1000) for r in rates], reach=[1000] * len(rates), **cols)


def slot(grid: pd.DataFrame, weekday: int, hour: int) -> pd.Series:
    row = grid[(grid["weekday"] == weekday) & (grid["hour"] == hour)]
    assert len(row) == 1
    return row.iloc[0]


# ---------------------------------------------------------------- named fixtures (edge cases)


@pytest.fixture
def empty() -> pd.DataFrame:
    return schema.empty_frame("posts")


@pytest.fixture
def one_post() -> pd.DataFrame:
    return rate_posts([jakarta("2026-03-02 19:10")], [0.05])


@pytest.fixture
def zero_reach() -> pd.DataFrame:
    return posts_frame([jakarta("2026-03-02 19:10"), jakarta("2026-03-02 20:10")], likes=[5, 5], reach=[0, 100])


@pytest.fixture
def all_missing() -> pd.DataFrame:
    return posts_frame([jakarta("2026-03-02 19:10"), jakarta("2026-03-03 08:00")])


@pytest.fixture
def mon19_tue12() -> pd.DataFrame:
    # Mon 19:xx Jakarta: rates 0.1, 0.2, 0.3; Tue 12:xx: one post at 0.05.
    times = [jakarta(f"2026-03-02 19:{m:02d}") for m in (0, 20, 59)] + [jakarta("2026-03-03 12:30")]
    return rate_posts(times, [0.1, 0.2, 0.3, 0.05])


# ---------------------------------------------------------------- the grid


def test_grid_has_168_slots_in_order(mon19_tue12: pd.DataFrame) -> None:
    grid = T.prime_time_grid(mon19_tue12)
    assert list(grid.columns) == list(T.GRID_COLUMNS)
    assert len(grid) == 168
    assert list(zip(grid["weekday"], grid["hour"], strict=True)) == [(d, h) for d in range(7) for h in range(24)]


def test_hand_worked_mean_and_t_interval_clamped_at_zero(mon19_tue12: pd.DataFrame) -> None:
    # Mon 19:00: x = 0.1, 0.2, 0.3 -> mean 0.2, s = 0.1, se = 0.1/sqrt(3) = 0.0577350.
    # t(0.975, 2) = 4.302653 -> half-width 0.248414; 0.2 - 0.248 < 0 -> cut at 0; high 0.448414.
    assert stats.t.ppf(0.975, 2) == pytest.approx(4.302653, abs=1e-6)
    s = slot(T.prime_time_grid(mon19_tue12, prior_strength=0), 0, 19)
    assert s["posts"] == 3
    assert s["mean"] == pytest.approx(0.2)
    assert s["ci_low"] == 0.0
    assert s["ci_high"] == pytest.approx(0.2 + 4.302653 * 0.1 / 3**0.5, abs=1e-6)


def test_hand_worked_t_interval_not_clamped() -> None:
    # x = 0.10, 0.12, 0.14, 0.16: mean 0.13; deviations ±0.03, ±0.01 -> s² = (2·0.0009 + 2·0.0001)/3
    # = 0.000666667, s = 0.0258199, se = s/2 = 0.0129099; t(0.975, 3) = 3.182446 -> half 0.0410849.
    times = [jakarta(f"2026-03-02 19:{m:02d}") for m in (1, 2, 3, 4)]
    s = slot(T.prime_time_grid(rate_posts(times, [0.10, 0.12, 0.14, 0.16])), 0, 19)
    assert s["mean"] == pytest.approx(0.13)
    assert s["ci_low"] == pytest.approx(0.13 - 0.0410849, abs=1e-6)
    assert s["ci_high"] == pytest.approx(0.13 + 0.0410849, abs=1e-6)


def test_alpha_changes_the_interval() -> None:
    # 90 %: t(0.95, 3) = 2.353363 -> half = 2.353363 · 0.0129099 = 0.0303816.
    times = [jakarta(f"2026-03-02 19:{m:02d}") for m in (1, 2, 3, 4)]
    grid = T.prime_time_grid(rate_posts(times, [0.10, 0.12, 0.14, 0.16]), alpha=0.10)
    assert slot(grid, 0, 19)["ci_high"] == pytest.approx(0.13 + 0.0303816, abs=1e-6)


def test_shrinkage_by_hand_with_fixed_prior(mon19_tue12: pd.DataFrame) -> None:
    # grand mean m = (0.1 + 0.2 + 0.3 + 0.05) / 4 = 0.1625; k = 2.
    # Mon 19: (3·0.2 + 2·0.1625) / 5 = 0.925 / 5 = 0.185; Tue 12: (0.05 + 0.325) / 3 = 0.125.
    grid = T.prime_time_grid(mon19_tue12, prior_strength=2)
    assert slot(grid, 0, 19)["shrunk"] == pytest.approx(0.185)
    assert slot(grid, 1, 12)["shrunk"] == pytest.approx(0.125)
    assert grid.attrs["grand_mean"] == pytest.approx(0.1625)
    assert grid.attrs["prior_strength"] == 2 and grid.attrs["prior_estimated"] is False


def test_prior_strength_estimated_by_method_of_moments(mon19_tue12: pd.DataFrame) -> None:
    # N = 4 posts in J = 2 slots. Within: SSW = 2·0.01 = 0.02, MSW = 0.02/(4-2) = 0.01.
    # Between: SSB = 3·(0.2-0.1625)² + 1·(0.05-0.1625)² = 0.00421875 + 0.01265625 = 0.016875 = MSB.
    # n0 = (4 - (9+1)/4)/(2-1) = 1.5; τ² = (0.016875 - 0.01)/1.5 = 0.00458333; k = 0.01/τ² = 2.181818.
    # Mon 19 shrunk = (0.6 + 2.181818·0.1625)/(3 + 2.181818) = 0.954545/5.181818 = 0.184211.
    grid = T.prime_time_grid(mon19_tue12)
    assert grid.attrs["prior_strength"] == pytest.approx(2.181818, abs=1e-6)
    assert grid.attrs["prior_estimated"] is True
    assert slot(grid, 0, 19)["shrunk"] == pytest.approx(0.184211, abs=1e-6)


def test_prior_strength_clamped_when_slots_do_not_differ() -> None:
    # Two slots with the same mean (0.2): MSB = 0 < MSW -> τ² < 0 -> k = the maximum, 100.
    times = [jakarta("2026-03-02 19:00"), jakarta("2026-03-02 19:30"), jakarta("2026-03-03 08:00")]
    times.append(jakarta("2026-03-03 08:30"))
    grid = T.prime_time_grid(rate_posts(times, [0.1, 0.3, 0.1, 0.3]))
    assert grid.attrs["prior_strength"] == T.PRIOR_STRENGTH_MAX


def test_prior_strength_falls_back_when_not_estimable(one_post: pd.DataFrame) -> None:
    # One slot: no between-slot variance -> k = 5; shrunk = (0.05 + 5·0.05)/6 = 0.05.
    grid = T.prime_time_grid(one_post)
    assert grid.attrs["prior_strength"] == T.PRIOR_STRENGTH_FALLBACK
    assert slot(grid, 0, 19)["shrunk"] == pytest.approx(0.05)


def test_untested_slots_are_flagged_not_bad(mon19_tue12: pd.DataFrame) -> None:
    grid = T.prime_time_grid(mon19_tue12)
    untested = grid[grid["untested"]]
    assert len(untested) == 166
    assert (untested["posts"] == 0).all()
    assert untested["mean"].isna().all() and untested["shrunk"].isna().all()
    assert untested["ci_low"].isna().all() and untested["ci_high"].isna().all()


def test_local_day_boundary() -> None:
    # Sunday 2026-03-01 17:30 UTC is Monday 00:30 in Jakarta.
    grid = T.prime_time_grid(rate_posts([pd.Timestamp("2026-03-01 17:30", tz="UTC")], [0.1]))
    assert slot(grid, 0, 0)["posts"] == 1
    utc = T.prime_time_grid(rate_posts([pd.Timestamp("2026-03-01 17:30", tz="UTC")], [0.1]), tz="UTC")
    assert slot(utc, 6, 17)["posts"] == 1


def test_posts_without_hour_are_left_out_and_counted() -> None:
    times = [jakarta("2026-03-02 19:00"), jakarta("2026-03-02 00:00"), jakarta("2026-03-03 00:00")]
    posts = rate_posts(times, [0.1, 0.2, 0.3], time_known=[True, False, None])
    grid = T.prime_time_grid(posts)
    assert grid["posts"].sum() == 1  # only the post with a known hour
    assert grid.attrs["posts_without_hour"] == 2  # False and missing both count as "no hour"
    assert T.posts_without_hour(posts) == 2
    assert T.NO_HOUR_MESSAGE.format(n=2) == "2 posts have no posting hour (export gives dates only)."


# ---------------------------------------------------------------- named edge cases


def test_empty(empty: pd.DataFrame) -> None:
    grid = T.prime_time_grid(empty)
    assert len(grid) == 168 and grid["untested"].all()
    assert grid.attrs["grand_mean"] is None and grid.attrs["posts_without_hour"] == 0
    assert T.best_slots(grid).empty


def test_one_post(one_post: pd.DataFrame) -> None:
    s = slot(T.prime_time_grid(one_post), 0, 19)
    assert s["posts"] == 1 and s["mean"] == pytest.approx(0.05)
    assert pd.isna(s["ci_low"]) and pd.isna(s["ci_high"])  # no interval from one post


def test_zero_reach(zero_reach: pd.DataFrame) -> None:
    # Reach 0 -> the rate is missing: the post has an hour but no metric, so it is counted apart.
    grid = T.prime_time_grid(zero_reach)
    assert slot(grid, 0, 19)["untested"]
    assert slot(grid, 0, 20)["posts"] == 1 and slot(grid, 0, 20)["mean"] == pytest.approx(0.05)
    assert grid.attrs["posts_without_metric"] == 1


def test_all_missing(all_missing: pd.DataFrame) -> None:
    grid = T.prime_time_grid(all_missing)
    assert grid["untested"].all() and grid.attrs["posts_without_metric"] == 2


# ---------------------------------------------------------------- metrics and arguments


def test_count_metrics_are_per_post_values() -> None:
    times = [jakarta("2026-03-02 19:00"), jakarta("2026-03-02 19:30")]
    posts = posts_frame(times, likes=[10, 20], comments=[1, None], reach=[100, 300], impressions=[200, None])
    # reach: (100 + 300)/2 = 200; engagements: (11 + 20)/2 = 15.5; by impressions: only 11/200.
    assert slot(T.prime_time_grid(posts, metric="reach"), 0, 19)["mean"] == pytest.approx(200)
    assert slot(T.prime_time_grid(posts, metric="engagements"), 0, 19)["mean"] == pytest.approx(15.5)
    by_imp = slot(T.prime_time_grid(posts, metric="engagement_rate_by_impressions"), 0, 19)
    assert by_imp["posts"] == 1 and by_imp["mean"] == pytest.approx(0.055)
    assert slot(T.prime_time_grid(posts, metric="impressions"), 0, 19)["posts"] == 1


@pytest.mark.parametrize(
    "kwargs",
    [
        {"metric": "likes_per_follower"},
        {"tz": "Mars/Olympus"},
        {"alpha": 0},
        {"alpha": 1.5},
        {"prior_strength": -1},
    ],
)
def test_bad_arguments_are_usage_errors(one_post: pd.DataFrame, kwargs: dict) -> None:
    with pytest.raises(UsageError):
        T.prime_time_grid(one_post, **kwargs)


# ---------------------------------------------------------------- best slots


def test_best_slots_evidence_sentence() -> None:
    # Mon 19:00: 0.10, 0.12, 0.14, 0.16 -> mean 13.0 %, CI 8.9–17.1 % (see the hand-worked test).
    times = [jakarta(f"2026-03-02 19:{m:02d}") for m in (1, 2, 3, 4)] + [jakarta("2026-03-03 08:00")]
    best = T.best_slots(T.prime_time_grid(rate_posts(times, [0.10, 0.12, 0.14, 0.16, 0.02])))
    assert list(best.columns) == [
        "rank",
        "weekday",
        "hour",
        "slot",
        "posts",
        "mean",
        "ci_low",
        "ci_high",
        "shrunk",
        "evidence",
    ]
    assert best["evidence"].iloc[0] == "Mon 19:00–20:00: 4 posts, mean 13.0% (95% CI 8.9–17.1%)"
    assert best["evidence"].iloc[1] == "Tue 08:00–09:00: 1 post, mean 2.0% (one post: no interval)"
    assert list(best["rank"]) == [1, 2]  # only two tested slots: never an untested third


def test_best_slots_counts_are_written_with_thousands() -> None:
    times = [jakarta("2026-03-08 23:05"), jakarta("2026-03-08 23:45")]
    grid = T.prime_time_grid(posts_frame(times, reach=[1000, 1468]), metric="reach")
    # mean 1234; s = 329.5... : only the wording is checked here.
    assert T.best_slots(grid)["evidence"].iloc[0].startswith("Sun 23:00–24:00: 2 posts, mean 1,234 (95% CI ")


def test_best_slots_min_posts_and_n(mon19_tue12: pd.DataFrame) -> None:
    grid = T.prime_time_grid(mon19_tue12)
    assert list(T.best_slots(grid, n=1)["slot"]) == ["Mon 19:00–20:00"]
    assert list(T.best_slots(grid, min_posts=2)["slot"]) == ["Mon 19:00–20:00"]
    assert T.best_slots(grid, min_posts=4).empty
    with pytest.raises(UsageError):
        T.best_slots(grid, min_posts=0)
    with pytest.raises(UsageError):
        T.best_slots(grid, n=0)


def test_best_slots_ranks_by_shrunk_not_by_raw_mean() -> None:
    # Sat 03:00: one post at 0.30; Mon 19:00: three at 0.25; Wed/Thu 08:00: 0.10, 0.15.
    # The plain formula (cap_z=None; the fence has its own tests). k fixed at 4:
    # m = (0.30 + 0.75 + 0.10 + 0.15)/6 = 0.216667.
    # Sat 03: (0.30 + 4·0.216667)/5 = 1.166667/5 = 0.233333; Mon 19: (0.75 + 0.866667)/7 = 0.230952.
    # k = 8: Sat (0.30 + 1.733333)/9 = 0.225926; Mon (0.75 + 1.733333)/11 = 0.225758 -> Sat still,
    # k = 9: Sat (0.30 + 1.95)/10 = 0.225; Mon (0.75 + 1.95)/12 = 0.225 -> tie, more posts first;
    # beyond k = 9 the slot with three good posts leads.
    times = [jakarta("2026-03-07 03:10")] + [jakarta(f"2026-03-02 19:{m:02d}") for m in (1, 2, 3)]
    times += [jakarta("2026-03-04 08:00"), jakarta("2026-03-05 08:00")]
    posts = rate_posts(times, [0.30, 0.25, 0.25, 0.25, 0.10, 0.15])
    grid = T.prime_time_grid(posts, prior_strength=4, cap_z=None)
    assert slot(grid, 5, 3)["shrunk"] == pytest.approx(0.233333, abs=1e-6)
    assert slot(grid, 0, 19)["shrunk"] == pytest.approx(0.230952, abs=1e-6)
    assert list(T.best_slots(grid, n=1)["slot"]) == ["Sat 03:00–04:00"]
    tie = T.best_slots(T.prime_time_grid(posts, prior_strength=9, cap_z=None), n=1)
    assert list(tie["slot"]) == ["Mon 19:00–20:00"]
    many = T.prime_time_grid(posts, prior_strength=20, cap_z=None)
    assert list(T.best_slots(many, n=1)["slot"]) == ["Mon 19:00–20:00"]


@pytest.fixture
def one_viral() -> pd.DataFrame:
    # Mon 19:00: 0.10, 0.12, 0.14; Tue 08:00: 0.16; Sat 03:00: one viral post at 1.00.
    times = [jakarta(f"2026-03-02 19:{m:02d}") for m in (1, 2, 3)]
    times += [jakarta("2026-03-03 08:00"), jakarta("2026-03-07 03:00")]
    return rate_posts(times, [0.10, 0.12, 0.14, 0.16, 1.00])


def test_fence_holds_a_viral_post_for_the_shrunk_estimate(one_viral: pd.DataFrame) -> None:
    # All five: median 0.14; |x - 0.14| = 0.04, 0.02, 0, 0.02, 0.86 -> MAD 0.02;
    # fence = 0.14 + 3.5 · 0.02/0.6745 = 0.14 + 0.1037806 = 0.2437806: 1.00 counts as 0.2437806.
    # k = 2: target = (0.10 + 0.12 + 0.14 + 0.16 + 0.2437806)/5 = 0.1527561.
    # Sat 03: (0.2437806 + 2·0.1527561)/3 = 0.1830976; Mon 19: (0.36 + 0.3055122)/5 = 0.1331024.
    grid = T.prime_time_grid(one_viral, prior_strength=2)
    sat = slot(grid, 5, 3)
    assert sat["mean"] == pytest.approx(1.0)  # the raw mean is shown as it is
    assert sat["shrunk"] == pytest.approx(0.1830976, abs=1e-6)
    assert slot(grid, 0, 19)["shrunk"] == pytest.approx(0.1331024, abs=1e-6)
    assert grid.attrs["posts_capped"] == 1
    assert grid.attrs["shrink_target"] == pytest.approx(0.1527561, abs=1e-6)
    assert grid.attrs["grand_mean"] == pytest.approx(0.304)  # 1.52/5, raw


def test_without_fence_shrinkage_is_the_plain_formula(one_viral: pd.DataFrame) -> None:
    # cap_z=None: m = 1.52/5 = 0.304; Sat 03: (1.00 + 2·0.304)/3 = 0.536.
    grid = T.prime_time_grid(one_viral, prior_strength=2, cap_z=None)
    assert slot(grid, 5, 3)["shrunk"] == pytest.approx(0.536)
    assert grid.attrs["posts_capped"] == 0


def test_fence_falls_back_to_mean_absolute_deviation_when_mad_is_zero() -> None:
    # 0.1 ×5 and 1.0: median 0.1, MAD 0; mean |x - 0.1| = 0.9/6 = 0.15 -> scale 1.253314·0.15
    # = 0.1879971; fence = 0.1 + 3.5·0.1879971 = 0.7579899.
    times = [jakarta(f"2026-03-02 19:{m:02d}") for m in range(5)] + [jakarta("2026-03-07 03:00")]
    grid = T.prime_time_grid(rate_posts(times, [0.1] * 5 + [1.0]), prior_strength=0)
    assert slot(grid, 5, 3)["shrunk"] == pytest.approx(0.7579899, abs=1e-6)
    assert grid.attrs["posts_capped"] == 1


def _planted_sample() -> pd.DataFrame:
    # 200 posts of one account. Background: 185 posts, rate ~ N(0.040, 0.010²), at random slots.
    # Planted: 14 posts on Tue 19:00 Jakarta at ~ N(0.065, 0.010²).
    # One lucky post alone on Sat 03:00 at 0.200: the highest raw mean, from one post.
    rng = np.random.default_rng(20260302)
    planted, lucky = (1, 19), (5, 3)
    other = [(d, h) for d in range(7) for h in range(24) if (d, h) not in (planted, lucky)]
    picks = rng.integers(0, len(other), 185)
    slots = [other[i] for i in picks] + [planted] * 14 + [lucky]
    rates = list(np.clip(rng.normal(0.040, 0.010, 185), 0.001, None)) + list(rng.normal(0.065, 0.010, 14)) + [0.2]
    weeks = rng.integers(0, 8, 200)
    times = [
        jakarta(str(MONDAY + pd.Timedelta(days=int(7 * w + d), hours=h, minutes=int(m))))
        for (d, h), w, m in zip(slots, weeks, rng.integers(0, 60, 200), strict=True)
    ]
    return posts_frame(times, likes=[round(r * 10_000) for r in rates], reach=[10_000] * 200)


def test_planted_evening_peak_is_found_and_a_lucky_post_is_not() -> None:
    posts = _planted_sample()
    grid = T.prime_time_grid(posts)
    assert grid["posts"].sum() == 200
    raw_best = grid.sort_values("mean", ascending=False).iloc[0]
    assert (raw_best["weekday"], raw_best["hour"]) == (5, 3)  # ranking by raw mean is fooled
    best = T.best_slots(grid, n=3)
    assert best["slot"].iloc[0] == "Tue 19:00–20:00"
    assert best["evidence"].iloc[0].startswith("Tue 19:00–20:00: 14 posts, mean ")
    planted = slot(grid, 1, 19)
    lucky = slot(grid, 5, 3)
    assert lucky["shrunk"] < planted["ci_low"]  # the lucky post's estimate sits below the peak's CI
    assert "Sat 03:00–04:00" not in list(T.best_slots(grid, n=3, min_posts=2)["slot"])
    assert T.best_slots(grid, n=1, min_posts=2)["slot"].iloc[0] == "Tue 19:00–20:00"


def test_planted_peak_needs_the_fence() -> None:
    # Without the fence the one 0.200 post inflates the between-slot variance (k hits its floor,
    # 1) and its own slot: it would be recommended first. This is why the fence is the default.
    grid = T.prime_time_grid(_planted_sample(), cap_z=None)
    assert grid.attrs["prior_strength"] == T.PRIOR_STRENGTH_MIN
    assert T.best_slots(grid, n=1)["slot"].iloc[0] == "Sat 03:00–04:00"


# ---------------------------------------------------------------- grouped grids


def test_prime_time_by_platform_equals_the_grid_of_each_platform(mon19_tue12: pd.DataFrame) -> None:
    other = rate_posts([jakarta("2026-03-04 09:00"), jakarta("2026-03-04 09:30")], [0.01, 0.03])
    other["platform"] = pd.array(["facebook", "facebook"], dtype="string[pyarrow]")
    posts = pd.concat([mon19_tue12, other], ignore_index=True)
    long = T.prime_time_by(posts, by=["platform"])
    assert list(long.columns) == ["platform", *T.GRID_COLUMNS]
    assert len(long) == 2 * 168
    for name in ("facebook", "instagram"):
        part = long[long["platform"] == name].drop(columns="platform").reset_index(drop=True)
        alone = T.prime_time_grid(posts[posts["platform"] == name])
        pd.testing.assert_frame_equal(part, alone, check_exact=False)
    records = {r["platform"]: r for r in long.attrs["groups"]}
    assert records["instagram"]["prior_strength"] == pytest.approx(2.181818, abs=1e-6)
    best = T.best_slots(long, n=1)
    assert list(best["platform"]) == ["facebook", "instagram"]
    assert list(best["slot"]) == ["Wed 09:00–10:00", "Mon 19:00–20:00"]


def test_prime_time_by_month_uses_the_local_month() -> None:
    # 2026-02-28 18:00 UTC is 2026-03-01 01:00 in Jakarta: March. A date-only post keeps its
    # exported date's month (February) and counts as without hour in that month's record.
    times = [pd.Timestamp("2026-02-28 18:00", tz="UTC"), pd.Timestamp("2026-02-10 05:00", tz="UTC")]
    times.append(pd.Timestamp("2026-02-14 17:00", tz="UTC"))
    posts = rate_posts(times, [0.1, 0.2, 0.3], time_known=[True, True, False])
    long = T.prime_time_by(posts, by=["month"])
    assert sorted(long["month"].unique()) == ["2026-02", "2026-03"]
    feb = long[long["month"] == "2026-02"]
    assert feb["posts"].sum() == 1 and slot(feb, 1, 12)["posts"] == 1  # Tue 10 Feb 12:00 Jakarta
    assert long[long["month"] == "2026-03"]["posts"].sum() == 1
    records = {r["month"]: r for r in long.attrs["groups"]}
    assert records["2026-02"]["posts_without_hour"] == 1 and records["2026-03"]["posts_without_hour"] == 0
    assert long.attrs["posts_without_hour"] == 1


def test_prime_time_by_rejects_unknown_columns(one_post: pd.DataFrame) -> None:
    with pytest.raises(UsageError):
        T.prime_time_by(one_post, by=["colour"])
    with pytest.raises(UsageError):
        T.prime_time_by(one_post, by=[])


def test_prime_time_by_empty(empty: pd.DataFrame) -> None:
    long = T.prime_time_by(empty, by=["post_type"])
    assert long.empty and list(long.columns) == ["post_type", *T.GRID_COLUMNS]


# ---------------------------------------------------------------- follower activity


def activity(dates: list[str], hours: list[int], active: list[float | None]) -> pd.DataFrame:
    n = len(dates)
    return schema.conform(
        "follower_activity",
        pd.DataFrame(
            {
                "platform": ["tiktok"] * n,
                "account": [None] * n,
                "date": pd.to_datetime(dates),
                "hour": hours,
                "active_followers": active,
            }
        ),
    )


def test_activity_grid_averages_days_without_conversion() -> None:
    # Two Mondays at 20:00: (100 + 300)/2 = 200 over 2 days; Tuesday 08:00: 50 -> 0.25 of peak.
    fa = activity(["2026-03-02", "2026-03-09", "2026-03-03", "2026-03-04"], [20, 20, 8, 9], [100, 300, 50, None])
    grid = T.activity_grid(fa)
    assert list(grid.columns) == list(T.ACTIVITY_COLUMNS) and len(grid) == 168
    mon = slot(grid, 0, 20)
    assert mon["days"] == 2 and mon["active_followers"] == 200 and mon["share_of_peak"] == 1.0
    assert slot(grid, 1, 8)["share_of_peak"] == pytest.approx(0.25)
    assert slot(grid, 2, 9)["days"] == 0 and pd.isna(slot(grid, 2, 9)["active_followers"])
    assert grid["account"].iloc[0] == "(none)"  # TikTok's file does not name the account
    assert grid.attrs["rows_skipped"] == 1


def test_activity_grid_converts_from_a_stated_zone() -> None:
    # Monday 20:00 UTC is Tuesday 03:00 in Jakarta.
    grid = T.activity_grid(activity(["2026-03-02"], [20], [100]), tz="Asia/Jakarta", source_tz="UTC")
    assert slot(grid, 1, 3)["days"] == 1 and slot(grid, 0, 20)["days"] == 0


def test_activity_grid_empty() -> None:
    grid = T.activity_grid(schema.empty_frame("follower_activity"))
    assert grid.empty and list(grid.columns) == list(T.ACTIVITY_COLUMNS)


# ---------------------------------------------------------------- properties

week_minutes = st.integers(min_value=0, max_value=3 * 7 * 24 * 60 - 1)
post_strategy = st.lists(
    st.tuples(week_minutes, st.integers(0, 500), st.integers(0, 5000), st.sampled_from([True, False, None])),
    min_size=0,
    max_size=40,
)


def _random_posts(rows: list[tuple[int, int, int, bool | None]], scale: float = 1.0) -> pd.DataFrame:
    start = pd.Timestamp("2026-03-01", tz="UTC")
    times = [start + pd.Timedelta(minutes=m) for m, *_ in rows]
    return posts_frame(
        times,
        likes=[likes * scale for _, likes, _, _ in rows],
        comments=[1.0 * scale] * len(rows),
        reach=[reach * scale for _, _, reach, _ in rows],
        time_known=[known for *_, known in rows],
    )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(post_strategy)
def test_shifting_the_zone_rotates_the_heatmap(rows: list) -> None:
    # Tokyo is 2 hours ahead of Jakarta (neither has DST): slot s in Jakarta is slot s + 2 in
    # Tokyo, across day and week boundaries (Sun 23:00 -> Mon 01:00).
    posts = _random_posts(rows)
    jkt = T.prime_time_grid(posts, tz="Asia/Jakarta")
    tyo = T.prime_time_grid(posts, tz="Asia/Tokyo")
    assert np.array_equal(np.roll(jkt["posts"].to_numpy(), 2), tyo["posts"].to_numpy())
    assert np.array_equal(np.roll(jkt["untested"].to_numpy(), 2), tyo["untested"].to_numpy())
    for col in ("mean", "ci_low", "ci_high", "shrunk"):
        a = np.roll(jkt[col].to_numpy(dtype=float, na_value=np.nan), 2)
        b = tyo[col].to_numpy(dtype=float, na_value=np.nan)
        assert np.allclose(a, b, equal_nan=True, rtol=1e-9, atol=1e-12)
    assert jkt.attrs["posts_without_hour"] == tyo.attrs["posts_without_hour"]


@settings(max_examples=30, deadline=None)
@given(post_strategy)
def test_grid_total_is_posts_with_hour_and_metric(rows: list) -> None:
    # A post counts when time_known is True and its rate exists (reach > 0; engagements always
    # exist here because comments are given).
    expected = sum(1 for _, _, reach, known in rows if known is True and reach > 0)
    grid = T.prime_time_grid(_random_posts(rows))
    assert grid["posts"].sum() == expected
    assert grid.attrs["posts_without_hour"] == sum(1 for *_, known in rows if known is not True)
    assert grid.attrs["posts_without_hour"] + grid.attrs["posts_without_metric"] + expected == len(rows)


@settings(max_examples=25, deadline=None)
@given(post_strategy, st.sampled_from([0.5, 3.0, 1000.0]))
def test_scaling_reach_and_engagements_leaves_rates_unchanged(rows: list, k: float) -> None:
    base = T.prime_time_grid(_random_posts(rows))
    scaled = T.prime_time_grid(_random_posts(rows, scale=k))
    assert np.array_equal(base["posts"].to_numpy(), scaled["posts"].to_numpy())
    for col in ("mean", "ci_low", "ci_high", "shrunk"):
        a = base[col].to_numpy(dtype=float, na_value=np.nan)
        b = scaled[col].to_numpy(dtype=float, na_value=np.nan)
        assert np.allclose(a, b, equal_nan=True, rtol=1e-9, atol=1e-12)


# ---------------------------------------------------------------- words in Indonesian (page support)


def test_slot_label_in_indonesian_uses_dots_and_short_day_names() -> None:
    # Weekday 1 is Tuesday = Selasa ("Sel"); Indonesian writes times 19.00.
    assert T.slot_label(1, 19, "id") == "Sel 19.00–20.00"
    assert T.slot_label(6, 23, "id") == "Min 23.00–24.00"
    assert T.slot_label(1, 19) == "Tue 19:00–20:00"  # English unchanged
    with pytest.raises(UsageError):
        T.slot_label(1, 19, "fr")


def test_evidence_sentence_in_indonesian_hand_worked() -> None:
    # Same slot as test_hand_worked_t_interval_not_clamped: mean 0.13, half-width
    # t(0.975, 3) · s/√n = 3.182446 · 0.0129099 = 0.0410849 -> 8.9 % … 17.1 %.
    half = stats.t.ppf(0.975, 3) * (0.000666667**0.5) / 2
    text = T.evidence_sentence(0, 19, 4, 0.13, 0.13 - half, 0.13 + half, lang="id")
    assert text == "Sen 19.00–20.00: 4 postingan, rata-rata 13,0% (selang kepercayaan 95% 8,9–17,1%)"
    one = T.evidence_sentence(1, 8, 1, 0.02, None, None, lang="id")
    assert one == "Sel 08.00–09.00: 1 postingan, rata-rata 2,0% (satu postingan: tanpa selang)"


def test_evidence_sentence_counts_use_the_language_separators() -> None:
    # reach per post: 1,234 in English, 1.234 in Indonesian; a 90 % interval says so.
    en = T.evidence_sentence(6, 23, 1234, 1234.0, 1000.0, 1468.0, metric="reach", alpha=0.10)
    idn = T.evidence_sentence(6, 23, 1234, 1234.0, 1000.0, 1468.0, metric="reach", alpha=0.10, lang="id")
    assert en == "Sun 23:00–24:00: 1,234 posts, mean 1,234 (90% CI 1,000–1,468)"
    assert idn == "Min 23.00–24.00: 1.234 postingan, rata-rata 1.234 (selang kepercayaan 90% 1.000–1.468)"


def test_best_slots_in_indonesian_match_the_english_ranking() -> None:
    times = [jakarta(f"2026-03-02 19:{m:02d}") for m in (1, 2, 3, 4)] + [jakarta("2026-03-03 08:00")]
    grid = T.prime_time_grid(rate_posts(times, [0.10, 0.12, 0.14, 0.16, 0.02]))
    en, idn = T.best_slots(grid), T.best_slots(grid, lang="id")
    assert list(idn["slot"]) == ["Sen 19.00–20.00", "Sel 08.00–09.00"]
    assert idn["evidence"].iloc[0] == "Sen 19.00–20.00: 4 postingan, rata-rata 13,0% (selang kepercayaan 95% 8,9–17,1%)"
    pd.testing.assert_frame_equal(en.drop(columns=["slot", "evidence"]), idn.drop(columns=["slot", "evidence"]))


# ---------------------------------------------------------------- selection helpers


@pytest.fixture
def mixed_platforms() -> pd.DataFrame:
    # Instagram: 2 posts with an hour (Mar and Apr), TikTok: 3 posts dated only (1 in Mar, 2 in Apr),
    # one Instagram reel without a post type.
    times = [jakarta("2026-03-02 19:10"), jakarta("2026-04-06 08:00")] + [
        pd.Timestamp(d, tz="Asia/Jakarta").tz_convert("UTC") for d in ("2026-03-31", "2026-04-01", "2026-04-30")
    ]
    return rate_posts(
        times,
        [0.1, 0.2, 0.3, 0.4, 0.5],
        platform=["instagram", "instagram", "tiktok", "tiktok", "tiktok"],
        time_known=[True, True, False, False, False],
        post_type=["reel", None, "video", "video", "video"],
    )


def test_posts_without_hour_by_platform_hand_counts(mixed_platforms: pd.DataFrame) -> None:
    out = T.posts_without_hour_by(mixed_platforms)
    assert list(out.columns) == ["platform", "posts", "without_hour", "share_without_hour"]
    assert out["platform"].tolist() == ["instagram", "tiktok"]
    assert out["posts"].tolist() == [2, 3] and out["without_hour"].tolist() == [0, 3]
    assert out["share_without_hour"].tolist() == [0.0, 1.0]
    by_type = T.posts_without_hour_by(mixed_platforms, ["platform", "post_type"])
    assert by_type[["platform", "post_type"]].values.tolist() == [
        ["instagram", "(none)"],
        ["instagram", "reel"],
        ["tiktok", "video"],
    ]
    assert T.posts_without_hour_by(schema.empty_frame("posts")).empty


def test_post_months_counts_posts_and_those_with_an_hour(mixed_platforms: pd.DataFrame) -> None:
    # March: Instagram 2 Mar (hour) + TikTok 31 Mar; April: Instagram 6 Apr (hour) + TikTok 1 and 30 Apr.
    out = T.post_months(mixed_platforms)
    assert out["month"].tolist() == ["2026-03", "2026-04"]
    assert out["posts"].tolist() == [2, 3] and out["with_hour"].tolist() == [1, 1]


def test_select_posts_filters(mixed_platforms: pd.DataFrame) -> None:
    from smo_metrics.growth import Period

    assert len(T.select_posts(mixed_platforms, platform="tiktok")) == 3
    assert len(T.select_posts(mixed_platforms, post_type="(none)")) == 1
    assert len(T.select_posts(mixed_platforms, platform="instagram", post_type="reel")) == 1
    april = T.select_posts(mixed_platforms, period=Period(dt.date(2026, 4, 1), dt.date(2026, 4, 30)))
    assert sorted(april["post_id"]) == ["1", "3", "4"]
    assert sorted(T.select_posts(mixed_platforms, month="2026-03")["post_id"]) == ["0", "2"]
    assert T.select_posts(mixed_platforms) is mixed_platforms  # no filter: the same frame


@pytest.mark.parametrize(
    "end,months,start",
    [
        ((2026, 10, 31), 6, (2026, 5, 1)),  # whole months
        ((2026, 10, 28), 6, (2026, 4, 29)),
        ((2026, 8, 30), 6, (2026, 3, 1)),  # 31 Aug − 6 months = "31 Feb" -> 1 Mar
        ((2024, 3, 28), 1, (2024, 2, 29)),  # leap year
        ((2026, 12, 31), 12, (2026, 1, 1)),
        ((2026, 1, 15), 1, (2025, 12, 16)),  # across the year
    ],
)
def test_months_back(end: tuple, months: int, start: tuple) -> None:
    period = T.months_back(dt.date(*end), months)
    assert period.start == dt.date(*start) and period.end == dt.date(*end)


def test_months_back_rejects_nonsense() -> None:
    with pytest.raises(UsageError):
        T.months_back(dt.date(2026, 1, 1), 0)


def test_grid_summary_hand_counts(mon19_tue12: pd.DataFrame) -> None:
    # 4 posts in 2 slots; grand mean (0.1 + 0.2 + 0.3 + 0.05) / 4 = 0.1625.
    summary = T.grid_summary(T.prime_time_grid(mon19_tue12))
    assert summary["posts"] == 4 and summary["slots_tested"] == 2 and summary["slots_untested"] == 166
    assert summary["posts_without_hour"] == 0 and summary["posts_without_metric"] == 0
    assert summary["grand_mean"] == pytest.approx(0.1625)
    empty = T.grid_summary(T.prime_time_grid(schema.empty_frame("posts")))
    assert empty["posts"] == 0 and empty["slots_untested"] == 168 and empty["grand_mean"] is None


def test_busiest_slots_from_the_activity_grid() -> None:
    # Mon 20:00 averages (100 + 300)/2 = 200, Tue 08:00 50, Wed 21:00 120; a missing count is no slot.
    fa = activity(
        ["2026-03-02", "2026-03-09", "2026-03-03", "2026-03-04", "2026-03-05"],
        [20, 20, 8, 21, 9],
        [100, 300, 50, 120, None],
    )
    top = T.busiest_slots(T.activity_grid(fa), n=2)
    assert top[["weekday", "hour"]].values.tolist() == [[0, 20], [2, 21]]
    assert top["active_followers"].tolist() == [200, 120] and top["rank"].tolist() == [1, 2]
    assert top["share_of_peak"].tolist() == pytest.approx([1.0, 0.6])
    assert len(T.busiest_slots(T.activity_grid(fa), n=10)) == 3
    assert T.busiest_slots(T.activity_grid(schema.empty_frame("follower_activity"))).empty
