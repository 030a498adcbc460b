"""Engagement: per-post engagements, the three rate bases, both aggregate forms."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smo_metrics import engagement as E
from smo_metrics import schema
from smo_metrics.errors import UsageError


def posts_frame(**cols: list) -> pd.DataFrame:
    n = len(next(iter(cols.values())))
    base = {
        "platform": ["instagram"] * n,
        "account": ["kopi"] * n,
        "post_id": [str(i) for i in range(n)],
        "published_date": pd.date_range("2026-01-02", periods=n, freq="3D"),
    }
    base.update(cols)
    return schema.conform("posts", pd.DataFrame(base))


@pytest.fixture
def three_posts() -> pd.DataFrame:
    return posts_frame(
        likes=[10, None, None],
        comments=[2, 1, None],
        shares=[3, None, None],
        saves=[None, 4, None],
        reach=[100, 50, 0],
        impressions=[200, None, 10],
        post_type=["reel", "image", "image"],
    )


@pytest.fixture
def followers() -> pd.DataFrame:
    return schema.conform(
        "account_daily",
        pd.DataFrame(
            {
                "platform": ["instagram", "instagram", "instagram"],
                "account": ["kopi", "kopi", "other"],
                "date": pd.to_datetime(["2026-01-01", "2026-01-06", "2026-01-01"]),
                "followers": [1000, 1100, 5],
            }
        ),
    )


def test_engagements_missing_parts_count_as_zero_unless_all_missing(three_posts: pd.DataFrame) -> None:
    # 10+2+3+0 = 15; 0+1+0+4 = 5; all four missing -> missing.
    e = E.post_engagements(three_posts)
    assert e.iloc[0] == 15 and e.iloc[1] == 5 and pd.isna(e.iloc[2])


def test_followers_at_posting_takes_latest_count_on_or_before(three_posts, followers) -> None:  # type: ignore[no-untyped-def]
    # Posts on Jan 2, 5, 8: counts known on Jan 1 (1000) and Jan 6 (1100); "other" is another account.
    assert E.followers_at_posting(three_posts, followers).tolist() == [1000, 1000, 1100]


def test_follower_counts_older_than_a_month_are_not_used(three_posts: pd.DataFrame) -> None:
    old = schema.conform(
        "account_daily",
        pd.DataFrame(
            {"platform": ["instagram"], "account": ["kopi"], "date": pd.to_datetime(["2025-08-01"]), "followers": [900]}
        ),
    )
    assert E.followers_at_posting(three_posts, old).isna().all()
    assert E.followers_at_posting(three_posts, old, max_age_days=400).tolist() == [900, 900, 900]


def test_rates_per_post_and_zero_reach(three_posts, followers) -> None:  # type: ignore[no-untyped-def]
    assert E.post_rates(three_posts, "reach").tolist()[:2] == [pytest.approx(0.15), pytest.approx(0.10)]
    assert pd.isna(E.post_rates(three_posts, "reach").iloc[2])  # reach 0: no rate, not infinity
    assert pd.isna(E.post_rates(three_posts, "impressions").iloc[1])  # impressions missing
    assert E.post_rates(three_posts, "followers", followers).iloc[0] == pytest.approx(0.015)
    with pytest.raises(UsageError):
        E.post_rates(three_posts, "views")  # type: ignore[arg-type]


def test_summary_ratio_of_sums_and_mean_of_rates(three_posts, followers) -> None:  # type: ignore[no-untyped-def]
    s = E.summarize(three_posts, followers)
    assert s.posts == 3 and s.engagements == 20
    # By reach: posts 1 and 2 qualify (post 3 has reach 0): (15+5)/(100+50) = 0.1333…
    assert s.rate_by_reach_ratio == pytest.approx(20 / 150)
    # Mean of per-post rates: (0.15 + 0.10) / 2 = 0.125
    assert s.rate_by_reach_mean == pytest.approx(0.125)
    # By impressions: only post 1 has both: 15/200
    assert s.rate_by_impressions_ratio == pytest.approx(0.075)
    # By followers: (15+5)/(1000+1000)
    assert s.rate_by_followers_ratio == pytest.approx(0.01)
    # Shares known for post 1 only: 3 shares per post with known shares (missing is not 0);
    # amplification 3/1000; virality 3/200.
    assert s.shares_per_post == pytest.approx(3.0)
    assert s.posts_rated_by_reach == 2
    assert s.amplification_rate == pytest.approx(0.003)
    assert s.virality_rate == pytest.approx(0.015)


def test_by_group(three_posts: pd.DataFrame) -> None:
    g = E.by_group(three_posts, ["post_type"]).set_index("post_type")
    assert g.loc["image", "posts"] == 2 and g.loc["image", "engagements"] == 5
    assert g.loc["image", "engagement_rate_by_reach"] == pytest.approx(0.1)
    # Post 3 (reach 0) is in the image group's posts but not in its rate.
    assert g.loc["image", "posts_rated_by_reach"] == 1
    assert g.loc["reel", "engagement_rate_by_impressions"] == pytest.approx(0.075)
    assert pd.isna(g.loc["image", "engagement_rate_by_followers"])  # no follower data given


def test_named_edge_cases() -> None:
    empty = schema.empty_frame("posts")
    s = E.summarize(empty)
    assert s.posts == 0 and s.engagements is None and s.rate_by_reach_ratio is None
    assert E.by_group(empty, ["platform"]).empty
    one = posts_frame(likes=[5], reach=[50])
    assert E.summarize(one).rate_by_reach_ratio == pytest.approx(0.1)
    all_missing = posts_frame(likes=[None, None], reach=[None, None])
    s = E.summarize(all_missing)
    assert s.engagements is None and s.rate_by_reach_ratio is None and s.rate_by_reach_mean is None
    zero_reach = posts_frame(likes=[5, 5], reach=[0, 0])
    assert E.summarize(zero_reach).rate_by_reach_ratio is None


counts = st.lists(st.integers(0, 10_000), min_size=1, max_size=20)


@settings(max_examples=50, deadline=None)
@given(likes=counts, k=st.integers(1, 50))
def test_scaling_counts_leaves_rates_unchanged(likes: list[int], k: int) -> None:
    reach = [x + 1 + i for i, x in enumerate(likes)]
    a = E.summarize(posts_frame(likes=likes, reach=reach))
    b = E.summarize(posts_frame(likes=[x * k for x in likes], reach=[x * k for x in reach]))
    assert b.rate_by_reach_ratio == pytest.approx(a.rate_by_reach_ratio)
    assert b.rate_by_reach_mean == pytest.approx(a.rate_by_reach_mean)
