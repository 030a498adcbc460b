"""The headline numbers of a workspace for a period: what ``python -m smo_metrics summary`` prints.

Per platform and for all platforms: posts, impressions, reach, views, engagements, the three
engagement rates (ratio of sums), followers at the start and end and the growth rate; per ads
platform and currency: spend and the ROI family; and the three best prime-time slots. Rates are
fractions. Every number comes from the metric modules; this module only assembles them.

Notes
-----
``reach`` here is the sum of the posts' reach: the same person reached by two posts counts
twice, so it is not the account's unique reach (no export gives that for a period).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd

from smo_metrics import ads as ads_mod
from smo_metrics import engagement, growth, timing
from smo_metrics.ingest import DEFAULT_TZ
from smo_metrics.tables import between

ADS_FIELDS = (
    "spend",
    "impressions",
    "clicks",
    "link_clicks",
    "ctr",
    "cpc",
    "cpm",
    "conversions",
    "cpa",
    "conversion_value",
    "roas",
    "roi",
)


def _clean(v: Any) -> Any:
    if v is None:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        return v
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def _data_period(tables: dict[str, pd.DataFrame]) -> growth.Period | None:
    dates = []
    for kind, col in (("posts", "published_date"), ("account_daily", "date")):
        d = pd.to_datetime(tables[kind][col]).dropna()
        if len(d):
            dates += [d.min(), d.max()]
    if not dates:
        return None
    return growth.Period(min(dates).date(), max(dates).date())


def _organic(
    posts: pd.DataFrame, daily: pd.DataFrame, period: growth.Period | None, label: str, platforms: list[str]
) -> dict[str, Any]:
    s = engagement.summarize(posts, daily)
    row: dict[str, Any] = {
        "platform": label,
        "posts": s.posts,
        "impressions": s.impressions,
        "reach": s.reach,
        "views": float(posts["views"].sum()) if posts["views"].notna().any() else None,
        "engagements": s.engagements,
        "engagement_rate_by_reach": s.rate_by_reach_ratio,
        "engagement_rate_by_impressions": s.rate_by_impressions_ratio,
        "engagement_rate_by_followers": s.rate_by_followers_ratio,
    }
    starts, ends, nets = [], [], []
    counted: list[str] = []
    if period is not None:
        for p in platforms:
            g = growth.follower_growth(daily, period, platform=p)
            if g.followers_end is not None:
                counted.append(p)
            if g.followers_start is not None:
                starts.append(g.followers_start)
            if g.followers_end is not None:
                ends.append(g.followers_end)
            if g.net_change is not None:
                nets.append(g.net_change)
    # Totals over platforms only when every platform with follower data has them.
    complete = bool(starts) and len(starts) == len(ends) == len(nets)
    row["followers_start"] = sum(starts) if complete else None
    row["followers_end"] = sum(ends) if complete else None
    row["follower_net_change"] = sum(nets) if nets else None
    row["followers_platforms"] = counted  # platforms whose follower totals the numbers above include
    row["follower_growth_rate"] = (sum(ends) - sum(starts)) / sum(starts) if complete and sum(starts) > 0 else None
    return {k: _clean(v) for k, v in row.items()}


def summarize(
    tables: dict[str, pd.DataFrame],
    start: dt.date | None = None,
    end: dt.date | None = None,
    tz: str = DEFAULT_TZ,
) -> dict[str, Any]:
    """The summary of ``tables`` (one frame per kind, see :func:`smo_metrics.tables.gather`).

    ``start``/``end`` limit every table to the period (inclusive); without them the period is
    the span of the posts and daily data.
    """
    posts = between(tables["posts"], "posts", start, end)
    daily = tables["account_daily"]
    ads = between(tables["ads"], "ads", start, end)
    span = _data_period(tables)
    lo = start or (span.start if span else None)
    hi = end or (span.end if span else None)
    period = growth.Period(lo, hi) if lo and hi else None
    daily_in = between(daily, "account_daily", None, end)
    platforms = sorted(set(posts["platform"].dropna()) | set(daily["platform"].dropna()))
    per_platform = [
        _organic(posts[posts["platform"] == p], daily_in[daily_in["platform"] == p], period, p, [p]) for p in platforms
    ]
    overall = _organic(posts, daily_in, period, "all", platforms)
    ad_rows = ads_mod.ads_metrics(ads, by="total")
    ads_out = [
        {"platform": _clean(r["platform"]), "currency": _clean(r["currency"]), **{f: _clean(r[f]) for f in ADS_FIELDS}}
        for r in ad_rows.to_dict("records")
    ]
    slots: list[dict[str, Any]] = []
    if not posts.empty:
        grid = timing.prime_time_grid(posts, tz=tz)
        best = timing.best_slots(grid, n=3)
        slots = [{str(k): _clean(v) for k, v in r.items()} for r in best.to_dict("records")]
    return {
        "period": {
            "from": period.start.isoformat() if period else None,
            "to": period.end.isoformat() if period else None,
        },
        "tz": tz,
        "platforms": per_platform,
        "all": overall,
        "ads": ads_out,
        "prime_time": slots,
    }
