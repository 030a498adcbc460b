"""Engagement: engagements per post, engagement rates, amplification and virality.

Definitions (see ``docs/METRICS.md``):

- engagements = likes + comments + shares + saves. A missing part counts as 0 when at least
  one part is present; when all four are missing the engagements are missing.
- engagement rate by reach = engagements ÷ reach; by impressions = engagements ÷ impressions;
  by followers = engagements ÷ followers at the time of posting.
- Aggregates: the **ratio of sums** (Σ engagements ÷ Σ denominator, the default everywhere) and
  the **mean of per-post rates** (each post weighs the same), named apart so nobody confuses them.
  Both use only posts where numerator and denominator are known and the denominator is > 0.
- amplification = shares per post, and shares ÷ followers; virality = shares ÷ impressions.

All rates are fractions (0.0987, not 9.87). A rate whose denominator is 0 or missing is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from smo_metrics.errors import UsageError

ENGAGEMENT_PARTS: tuple[str, ...] = ("likes", "comments", "shares", "saves")
RateBasis = Literal["reach", "impressions", "followers"]
RATE_BASES: tuple[str, ...] = ("reach", "impressions", "followers")
RATE_NAMES: dict[str, str] = {
    "reach": "engagement_rate_by_reach",
    "impressions": "engagement_rate_by_impressions",
    "followers": "engagement_rate_by_followers",
}


def _num(frame: pd.DataFrame, col: str) -> pd.Series:
    if col in frame.columns:
        return frame[col].astype("Float64")
    return pd.Series(pd.NA, index=frame.index, dtype="Float64")


def safe_divide(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator ÷ denominator, missing where either is missing or the denominator is ≤ 0."""
    num = numerator.astype("Float64")
    den = denominator.astype("Float64")
    ok = num.notna() & den.notna() & (den > 0)
    out = (num / den.where(ok)).astype("Float64")
    return out.where(ok.fillna(False))


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """A scalar rate: missing (None) when a part is missing or the denominator is ≤ 0."""
    if numerator is None or denominator is None:
        return None
    if pd.isna(numerator) or pd.isna(denominator) or denominator <= 0:
        return None
    return float(numerator) / float(denominator)


def post_engagements(posts: pd.DataFrame) -> pd.Series:
    """Engagements of each post: likes + comments + shares + saves.

    Notes
    -----
    A missing part counts as 0 when at least one part is present (X has no saves column in
    some exports; that must not make every post's engagements missing). All four missing →
    missing. Platform-reported engagement counts (``platform_engagements``) are not used:
    each platform defines them differently.
    """
    parts = pd.concat([_num(posts, c) for c in ENGAGEMENT_PARTS], axis=1)
    any_known = parts.notna().any(axis=1)
    total = parts.fillna(0).sum(axis=1).astype("Float64")
    return total.where(any_known)


MAX_FOLLOWER_AGE_DAYS = 31


def followers_at_posting(
    posts: pd.DataFrame, account_daily: pd.DataFrame | None, max_age_days: int = MAX_FOLLOWER_AGE_DAYS
) -> pd.Series:
    """Followers of the post's account on the day it was published (or the latest day before).

    Uses ``account_daily.followers`` of the same platform and account; missing when the
    account has no follower count on or within ``max_age_days`` before the post's date (a
    count from months earlier would quietly skew the rate).
    """
    out = pd.Series(pd.NA, index=posts.index, dtype="Float64")
    if account_daily is None or account_daily.empty or "followers" not in account_daily or posts.empty:
        return out
    daily = account_daily.loc[account_daily["followers"].notna(), ["platform", "account", "date", "followers"]]
    if daily.empty:
        return out
    left = pd.DataFrame(
        {
            "_row": np.arange(len(posts)),
            "_key": _account_key(posts),
            "date": pd.to_datetime(posts["published_date"]).to_numpy(),
        }
    ).dropna(subset=["date"])
    right = pd.DataFrame(
        {
            "_key": _account_key(daily),
            "date": pd.to_datetime(daily["date"]).to_numpy(),
            "followers": daily["followers"].to_numpy(dtype=float, na_value=np.nan),
        }
    )
    merged = pd.merge_asof(
        left.sort_values("date"),
        right.sort_values("date"),
        on="date",
        by="_key",
        direction="backward",
        tolerance=pd.Timedelta(days=max_age_days),
    )
    values = np.full(len(posts), np.nan)
    values[merged["_row"].to_numpy()] = merged["followers"].to_numpy(dtype=float)
    return pd.Series(pd.array(values, dtype="Float64"), index=posts.index).where(~np.isnan(values))


def _account_key(frame: pd.DataFrame) -> np.ndarray:
    """platform + account as one plain-object key (an empty account matches an empty one)."""
    platform = frame["platform"].astype(object).fillna("").astype(str).to_numpy()
    account = frame["account"].astype(object).fillna("").astype(str).to_numpy()
    return np.char.add(np.char.add(platform.astype(str), "\x1f"), account.astype(str)).astype(object)


def post_rates(posts: pd.DataFrame, basis: RateBasis = "reach", account_daily: pd.DataFrame | None = None) -> pd.Series:
    """Engagement rate of each post on the given basis (reach, impressions or followers)."""
    if basis not in RATE_BASES:
        raise UsageError(f"unknown engagement-rate basis {basis!r}; expected one of {', '.join(RATE_BASES)}")
    eng = post_engagements(posts)
    if basis == "followers":
        den = followers_at_posting(posts, account_daily)
    else:
        den = _num(posts, basis)
    return safe_divide(eng, den)


def with_engagement(posts: pd.DataFrame, account_daily: pd.DataFrame | None = None) -> pd.DataFrame:
    """``posts`` plus ``engagements``, ``followers_at_posting`` and the three per-post rates."""
    out = posts.copy()
    out["engagements"] = post_engagements(posts)
    out["followers_at_posting"] = followers_at_posting(posts, account_daily)
    out[RATE_NAMES["reach"]] = safe_divide(out["engagements"], _num(posts, "reach"))
    out[RATE_NAMES["impressions"]] = safe_divide(out["engagements"], _num(posts, "impressions"))
    out[RATE_NAMES["followers"]] = safe_divide(out["engagements"], out["followers_at_posting"])
    return out


@dataclass(frozen=True)
class EngagementSummary:
    """Engagement of a set of posts, with both aggregate forms of each rate.

    ``*_ratio`` is Σ engagements ÷ Σ denominator over posts where both are known;
    ``*_mean`` is the mean of the per-post rates. ``None`` where no post has the data.
    """

    posts: int
    posts_rated_by_reach: int  # posts with engagements and reach > 0: the ones the reach rates use
    engagements: float | None
    reach: float | None
    impressions: float | None
    rate_by_reach_ratio: float | None
    rate_by_reach_mean: float | None
    rate_by_impressions_ratio: float | None
    rate_by_impressions_mean: float | None
    rate_by_followers_ratio: float | None
    rate_by_followers_mean: float | None
    shares_per_post: float | None  # mean shares over the posts whose shares are known
    amplification_rate: float | None  # Σ shares ÷ Σ followers at posting
    virality_rate: float | None  # Σ shares ÷ Σ impressions


def _ratio_of_sums(num: pd.Series, den: pd.Series) -> float | None:
    ok = num.notna() & den.notna() & (den > 0)
    ok = ok.fillna(False)
    if not ok.any():
        return None
    return float(num[ok].sum()) / float(den[ok].sum())


def _mean(values: pd.Series) -> float | None:
    v = values.dropna()
    return float(v.mean()) if len(v) else None


def _sum(values: pd.Series) -> float | None:
    v = values.dropna()
    return float(v.sum()) if len(v) else None


def summarize(posts: pd.DataFrame, account_daily: pd.DataFrame | None = None) -> EngagementSummary:
    """Engagement of all ``posts`` together (see :class:`EngagementSummary`)."""
    e = with_engagement(posts, account_daily)
    eng = e["engagements"]
    reach, imps, fol = _num(e, "reach"), _num(e, "impressions"), e["followers_at_posting"]
    shares = _num(e, "shares")
    n = len(e)
    return EngagementSummary(
        posts=n,
        posts_rated_by_reach=int(e[RATE_NAMES["reach"]].notna().sum()),
        engagements=_sum(eng),
        reach=_sum(reach),
        impressions=_sum(imps),
        rate_by_reach_ratio=_ratio_of_sums(eng, reach),
        rate_by_reach_mean=_mean(e[RATE_NAMES["reach"]]),
        rate_by_impressions_ratio=_ratio_of_sums(eng, imps),
        rate_by_impressions_mean=_mean(e[RATE_NAMES["impressions"]]),
        rate_by_followers_ratio=_ratio_of_sums(eng, fol),
        rate_by_followers_mean=_mean(e[RATE_NAMES["followers"]]),
        shares_per_post=_mean(shares),
        amplification_rate=_ratio_of_sums(shares, fol),
        virality_rate=_ratio_of_sums(shares, imps),
    )


def by_group(posts: pd.DataFrame, by: Sequence[str], account_daily: pd.DataFrame | None = None) -> pd.DataFrame:
    """Engagement per group (e.g. ``by=["platform"]`` or ``["platform", "post_type"]``).

    Columns: the group keys, ``posts``, ``engagements``, ``reach``, ``impressions`` (sums over
    all posts of the group), and for each basis ``engagement_rate_by_<basis>`` (ratio of sums),
    ``mean_engagement_rate_by_<basis>`` (mean of per-post rates) and ``posts_rated_by_<basis>``
    (how many posts the two rates use: those with engagements and a denominator > 0; a post
    with reach 0 or no reach counts in ``reach`` but not in the rate). Vectorised: one groupby.
    """
    e = with_engagement(posts, account_daily)
    keys = list(by)
    frame = pd.DataFrame({k: e[k].astype(object).fillna("(none)") for k in keys})
    frame["posts"] = 1
    frame["engagements"] = e["engagements"].astype(float)
    for basis, den in (
        ("reach", _num(e, "reach")),
        ("impressions", _num(e, "impressions")),
        ("followers", e["followers_at_posting"]),
    ):
        ok = (e["engagements"].notna() & den.notna() & (den > 0)).fillna(False)
        frame[f"_num_{basis}"] = e["engagements"].astype(float).where(ok)
        frame[f"_den_{basis}"] = den.astype(float).where(ok)
        frame[f"_rate_{basis}"] = e[RATE_NAMES[basis]].astype(float)
    frame["reach"] = _num(e, "reach").astype(float)
    frame["impressions"] = _num(e, "impressions").astype(float)
    g = frame.groupby(keys, dropna=False, sort=True)
    out = pd.DataFrame({"posts": g["posts"].sum()})
    for col in ("engagements", "reach", "impressions"):
        out[col] = g[col].sum(min_count=1)
    for basis in RATE_BASES:
        num = g[f"_num_{basis}"].sum(min_count=1)
        den = g[f"_den_{basis}"].sum(min_count=1)
        out[RATE_NAMES[basis]] = (num / den.where(den > 0)).astype("Float64")
        out[f"mean_{RATE_NAMES[basis]}"] = g[f"_rate_{basis}"].mean().astype("Float64")
        out[f"posts_rated_by_{basis}"] = g[f"_rate_{basis}"].count()
    return out.reset_index()
