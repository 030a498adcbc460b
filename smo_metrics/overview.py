"""The overview of a view: headline numbers with their change, platforms side by side, trends
and the best and worst posts. The dashboard's Overview page and the Excel report draw these.

Pure functions over the canonical tables (one frame per kind, already restricted to the chosen
platforms and accounts), a period, an optional comparison period, the workspace time zone and
the engagement-rate basis. Every number comes from the metric modules (engagement, growth,
ads, targets); this module picks and assembles them, and says which platforms each number
covers, so a page can tell the user what a number leaves out.

Notes
-----
- **Reach** here is ``reach_sum``: Σ reach of the posts published in the period (each post's
  lifetime reach as of its export). A person reached by two posts counts twice, so it is not
  the account's unique reach, and it is labelled "reach (sum of per-post reach)". It is the
  same number as ``reach`` in :func:`smo_metrics.summary.summarize`.
- **Followers** are totals only where an export gives them (TikTok FollowerHistory); the net
  change is only counted where it is known (totals, the platform's daily net change, or new
  and lost followers). Platforms that export new followers only (Meta Insights "Follows",
  LinkedIn "New followers") are reported apart as "new followers (no unfollows)": adding them
  to a net change would mix two different things.
- **Money** is never added across currencies: one :class:`AdsTotals` per currency. ROAS is
  computed over the platforms whose report has a conversion value; the others are named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

from smo_metrics import ads as ads_mod
from smo_metrics import engagement, growth
from smo_metrics.errors import UsageError
from smo_metrics.tables import between
from smo_metrics.targets import daily_follower_change, progress_status

Frequency = Literal["day", "week"]

TREND_DAILY_MAX_DAYS: Final = 45  # longer periods are drawn per ISO week (daily lines get unreadable)
MIN_DENOMINATOR: Final = 100.0  # a post needs at least this reach (or impressions, followers) to be ranked
MIN_DENOMINATOR_SHARE: Final = 0.1  # … and at least this share of the period's median
EXCERPT_CHARS: Final = 70
ORGANIC_KPIS: Final = (
    "posts",
    "reach_sum",
    "impressions",
    "engagements",
    "engagement_rate",
    "followers",
    "follower_change",
    "followers_gained_only",
)
# Which target metric a headline number is measured against (see smo_metrics.targets).
KPI_TARGET_METRICS: Final[dict[str, str]] = {
    "posts": "posts",
    "reach_sum": "reach_sum",
    "impressions": "impressions",
    "engagements": "engagements",
    "followers": "followers",
    "follower_change": "followers_net",
    "spend": "spend",
    "roas": "roas",
}
FOLLOWER_SOURCES: Final = ("totals", "daily net change", "gained - lost", "gains only", "none")
_NET_SOURCES: Final = frozenset({"totals", "daily net change", "gained - lost"})


@dataclass(frozen=True)
class Kpi:
    """One headline number in the period and in the comparison period.

    ``platforms``: the platforms whose data the number includes; ``left_out``: platforms in
    the view whose exports do not give it (named on the page). ``previous`` is computed over
    the same platforms as ``current``.
    """

    key: str
    current: float | None
    previous: float | None = None
    platforms: tuple[str, ...] = ()
    left_out: tuple[str, ...] = ()

    @property
    def change(self) -> growth.Change:
        """Period-over-period change (:func:`smo_metrics.growth.change`)."""
        return growth.change(self.current, self.previous)


@dataclass(frozen=True)
class PlatformFollowers:
    """Follower movement of one platform over a period.

    ``source``: ``totals`` (start and end totals), ``daily net change``, ``gained - lost``
    (both given), ``gains only`` (new followers without unfollows: ``net_change`` then holds the
    new followers, not a net change) or ``none``.
    """

    platform: str
    followers_start: float | None
    followers_end: float | None
    net_change: float | None
    growth_rate: float | None
    source: str


@dataclass(frozen=True)
class AdsTotals:
    """Ad spend and ROAS of one currency in the period (and the comparison period).

    ``roas_platforms``: the ad platforms ROAS is computed over (their report has a conversion
    value); ``no_value_platforms``: platforms with spend but no conversion value, left out of
    ROAS. ``beyond_rows``/``beyond_spend``: rows reporting a date range that reaches outside
    the period, left out of it (:func:`smo_metrics.ads.ads_in_period`).
    """

    currency: str
    spend: float | None
    roas: float | None
    spend_previous: float | None
    roas_previous: float | None
    platforms: tuple[str, ...]
    roas_platforms: tuple[str, ...]
    no_value_platforms: tuple[str, ...]
    beyond_rows: int = 0
    beyond_spend: float | None = None

    @property
    def spend_change(self) -> growth.Change:
        return growth.change(self.spend, self.spend_previous)

    @property
    def roas_change(self) -> growth.Change:
        return growth.change(self.roas, self.roas_previous)


@dataclass(frozen=True)
class RankedPosts:
    """The best and worst posts of a period by engagement rate.

    ``top``/``bottom`` have :data:`RANKED_COLUMNS`. ``min_denominator`` is the smallest reach
    (impressions, followers) a ranked post had to have; ``too_small`` how many rated posts fell
    below it; ``unrated`` the posts without a rate per platform (no engagements or no
    denominator in their export).
    """

    top: pd.DataFrame
    bottom: pd.DataFrame
    basis: str
    min_denominator: float | None
    ranked: int
    too_small: int
    unrated: dict[str, int] = field(default_factory=dict)


RANKED_COLUMNS: Final = (
    "platform",
    "account",
    "post_id",
    "date",
    "post_type",
    "caption",
    "permalink",
    "denominator",
    "engagements",
    "engagement_rate",
)


@dataclass(frozen=True)
class Overview:
    """Everything the overview shows for one view (see :func:`overview`)."""

    period: growth.Period
    compare: growth.Period | None
    basis: str
    kpis: dict[str, Kpi]
    ads: list[AdsTotals]
    followers: list[PlatformFollowers]
    platforms: pd.DataFrame
    trend: pd.DataFrame
    frequency: Frequency
    ranked: RankedPosts


def _check_basis(basis: str) -> str:
    if basis not in engagement.RATE_BASES:
        raise UsageError(f"unknown engagement-rate basis {basis!r}; expected one of {', '.join(engagement.RATE_BASES)}")
    return basis


def _f(value: object) -> float | None:
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return None
    return float(value)  # type: ignore[arg-type]


def _posts_in(tables: dict[str, pd.DataFrame], period: growth.Period) -> pd.DataFrame:
    return between(tables["posts"], "posts", period.start, period.end)


def _narrowed(tables: dict[str, pd.DataFrame], *periods: growth.Period | None) -> dict[str, pd.DataFrame]:
    """``tables`` with the posts cut to the span of ``periods`` once (a million posts take a
    third of a second to cut; every later cut then works on the few thousand left). The other
    tables stay whole: follower totals before a period and followers at posting look back."""
    spans = [p for p in periods if p is not None]
    start, end = min(p.start for p in spans), max(p.end for p in spans)
    return {**tables, "posts": between(tables["posts"], "posts", start, end)}


def trend_frequency(period: growth.Period) -> Frequency:
    """``day`` for periods up to :data:`TREND_DAILY_MAX_DAYS` days, else ``week``."""
    return "day" if period.days <= TREND_DAILY_MAX_DAYS else "week"


# --------------------------------------------------------------------------------------------
# platforms side by side


def platform_followers(account_daily: pd.DataFrame, period: growth.Period, platform: str) -> PlatformFollowers:
    """Follower movement of one platform (:func:`smo_metrics.growth.follower_growth`), and for a
    platform without any net change but with new followers (an export without unfollows: Meta
    Insights "Follows", LinkedIn), source ``gains only`` with Σ new followers in ``net_change``."""
    g = growth.follower_growth(account_daily, period, platform=platform)
    if g.source == "none":  # no net change; new followers alone are still worth showing, as such
        rows = between(account_daily[account_daily["platform"] == platform], "account_daily", period.start, period.end)
        gained = rows["followers_gained"].dropna()
        if len(gained):
            return PlatformFollowers(platform, None, None, float(gained.sum()), None, "gains only")
    return PlatformFollowers(platform, g.followers_start, g.followers_end, g.net_change, g.growth_rate, g.source)


def _platforms_of(tables: dict[str, pd.DataFrame], period: growth.Period) -> list[str]:
    posts = _posts_in(tables, period)
    daily = between(tables["account_daily"], "account_daily", period.start, period.end)
    found = set(posts["platform"].dropna().astype(str)) | set(daily["platform"].dropna().astype(str))
    return sorted(found)


def platform_table(tables: dict[str, pd.DataFrame], period: growth.Period, basis: str = "reach") -> pd.DataFrame:
    """One row per platform with posts or daily data in the period.

    Returns
    -------
    pandas.DataFrame
        ``platform``, ``posts``, ``reach_sum`` (Σ per-post reach), ``impressions``,
        ``engagements``, ``engagement_rate`` (ratio of sums on ``basis``), ``posts_rated``,
        ``followers_start``, ``followers_end``, ``follower_change``, ``follower_growth_rate``
        and ``follower_source`` (see :class:`PlatformFollowers`).

    Notes
    -----
    Post numbers from :func:`smo_metrics.engagement.by_group` over the posts published in the
    period; follower numbers from :func:`platform_followers`. ``follower_change`` holds new
    followers for a ``gains only`` platform (the source column says so).
    """
    basis = _check_basis(basis)
    posts = _posts_in(tables, period)
    daily = tables["account_daily"]
    by: dict[str, dict[Any, Any]] = {}
    if not posts.empty:
        by = {str(r["platform"]): r for r in engagement.by_group(posts, ["platform"], daily).to_dict("records")}
    rows = []
    for platform in _platforms_of(tables, period):
        p = by.get(platform, {})
        g = platform_followers(daily, period, platform)
        rows.append(
            {
                "platform": platform,
                "posts": int(p.get("posts", 0)),
                "reach_sum": _f(p.get("reach")),
                "impressions": _f(p.get("impressions")),
                "engagements": _f(p.get("engagements")),
                "engagement_rate": _f(p.get(engagement.RATE_NAMES[basis])),
                "posts_rated": int(p.get(f"posts_rated_by_{basis}", 0)),
                "followers_start": g.followers_start,
                "followers_end": g.followers_end,
                "follower_change": g.net_change,
                "follower_growth_rate": g.growth_rate,
                "follower_source": g.source,
            }
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "platform",
            "posts",
            "reach_sum",
            "impressions",
            "engagements",
            "engagement_rate",
            "posts_rated",
            "followers_start",
            "followers_end",
            "follower_change",
            "follower_growth_rate",
            "follower_source",
        ],
    )
    for col in ("reach_sum", "impressions", "engagements", "engagement_rate", "followers_start", "followers_end"):
        out[col] = out[col].astype("Float64")
    for col in ("follower_change", "follower_growth_rate"):
        out[col] = out[col].astype("Float64")
    return out.astype({"posts": "int64", "posts_rated": "int64"})


# --------------------------------------------------------------------------------------------
# headline numbers


def _organic_numbers(
    tables: dict[str, pd.DataFrame],
    period: growth.Period,
    basis: str,
    followers_of: dict[str, tuple[str, ...]] | None = None,
    table: pd.DataFrame | None = None,
) -> dict[str, Kpi]:
    """The organic headline numbers of one period; ``followers_of`` restricts the follower
    numbers to the given platforms (the comparison uses the current period's); ``table`` is
    the period's :func:`platform_table` when already computed."""
    posts = _posts_in(tables, period)
    if table is None:
        table = platform_table(tables, period, basis)
    s = engagement.summarize(posts, tables["account_daily"])
    with_posts = table[table["posts"] > 0]

    def covered(column: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        has = with_posts[column].notna().to_numpy(dtype=bool).copy()
        if column == "engagement_rate":
            has &= (with_posts["posts_rated"] > 0).to_numpy(dtype=bool)
        return tuple(with_posts.loc[has, "platform"]), tuple(with_posts.loc[~has, "platform"])

    rate = {"reach": s.rate_by_reach_ratio, "impressions": s.rate_by_impressions_ratio}.get(
        basis, s.rate_by_followers_ratio
    )
    out = {"posts": Kpi("posts", float(s.posts), platforms=tuple(with_posts["platform"]))}
    for key, value in (
        ("reach_sum", s.reach),
        ("impressions", s.impressions),
        ("engagements", s.engagements),
        ("engagement_rate", rate),
    ):
        pf, left = covered(key)
        out[key] = Kpi(key, _f(value), platforms=pf, left_out=left)

    everyone = tuple(table["platform"])
    source = table["follower_source"]
    parts = {
        "followers": (table[(source == "totals") & table["followers_end"].notna()], "followers_end"),
        "follower_change": (
            table[source.isin(list(_NET_SOURCES)) & table["follower_change"].notna()],
            "follower_change",
        ),
        "followers_gained_only": (table[source == "gains only"], "follower_change"),
    }
    for key, (part, column) in parts.items():
        if followers_of is not None:
            part = part[part["platform"].isin(list(followers_of[key]))]
        pf = tuple(part["platform"])
        value = float(part[column].astype(float).sum()) if pf else None
        out[key] = Kpi(key, value, platforms=pf, left_out=tuple(p for p in everyone if p not in pf))
    return out


def follower_growth_rate(table: pd.DataFrame) -> float | None:
    """Growth rate over the platforms with follower totals: Σ (end − start) ÷ Σ start.

    ``table`` is :func:`platform_table`'s output; None when no platform has both totals.
    """
    rows = table[(table["follower_source"] == "totals") & table["followers_start"].notna()]
    rows = rows[rows["followers_end"].notna()]
    start = float(rows["followers_start"].astype(float).sum())
    if rows.empty or start <= 0:
        return None
    return (float(rows["followers_end"].astype(float).sum()) - start) / start


def kpis(
    tables: dict[str, pd.DataFrame],
    period: growth.Period,
    compare: growth.Period | None = None,
    basis: str = "reach",
) -> dict[str, Kpi]:
    """The organic headline numbers of ``period``, each with its value in ``compare``.

    Keys: :data:`ORGANIC_KPIS`.

    Notes
    -----
    posts = posts published in the period; reach_sum = Σ per-post reach; impressions and
    engagements likewise Σ over the period's posts (engagements = likes + comments + shares +
    saves); engagement_rate = Σ engagements ÷ Σ denominator over the posts with both (ratio of
    sums, :func:`smo_metrics.engagement.summarize`) on ``basis``; followers = Σ follower totals
    at the period's end over the platforms with totals; follower_change = Σ net change over the
    platforms where it is known; followers_gained_only = Σ new followers of the platforms that
    export no unfollows. The comparison period's follower numbers are computed over the same
    platforms as the current ones (a follower export covering only recent months must not look
    like a jump); the post numbers over the view's platforms as they are.
    """
    basis = _check_basis(basis)
    return _kpis(_narrowed(tables, period, compare), period, compare, basis)


def _kpis(
    tables: dict[str, pd.DataFrame],
    period: growth.Period,
    compare: growth.Period | None,
    basis: str,
    table: pd.DataFrame | None = None,
) -> dict[str, Kpi]:
    current = _organic_numbers(tables, period, basis, table=table)
    if compare is None:
        return current
    before = _organic_numbers(tables, compare, basis, {k: v.platforms for k, v in current.items()})
    return {
        key: Kpi(key, kpi.current, before[key].current, kpi.platforms, kpi.left_out) for key, kpi in current.items()
    }


def _ads_period(ads: pd.DataFrame, period: growth.Period) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(per platform × currency totals, rows reaching outside the period) of the ads in ``period``."""
    inside = ads_mod.ads_in_period(ads, period.start, period.end)
    return ads_mod.ads_metrics(inside.rows, by="total"), inside.beyond


def _ads_currency(per_platform: pd.DataFrame, rows: pd.DataFrame, currency: str) -> tuple[float | None, float | None]:
    mine = per_platform[per_platform["currency"] == currency]
    if mine.empty:
        return None, None
    spend = _f(mine["spend"].sum(min_count=1))
    reporting = list(mine.loc[mine["conversion_value"].notna(), "platform"])
    if not reporting:
        return spend, None
    part = rows[(rows["platform"].isin(reporting) & (rows["currency"] == currency)).fillna(False)]
    total = ads_mod.ads_metrics(part, by="total", per_platform=False)
    return spend, _f(total["roas"].iloc[0]) if not total.empty else None


def ads_totals(ads: pd.DataFrame, period: growth.Period, compare: growth.Period | None = None) -> list[AdsTotals]:
    """Ad spend and ROAS per currency (never added across currencies), with the comparison.

    Notes
    -----
    spend = Σ spend of the ads rows inside the period (one level per campaign and no breakdown
    counted twice: :func:`smo_metrics.ads.ads_metrics`); ROAS = Σ conversion value ÷ Σ spend
    over the ad platforms whose report has a conversion value in that currency (a platform
    without one would count its spend against no value). Rows without a currency are a group
    of their own (``"(none)"``).
    """
    per_platform, beyond = _ads_period(ads, period)
    if per_platform.empty:
        return []
    rows = ads_mod.ads_in_period(ads, period.start, period.end).rows
    if compare is not None:
        prev_platform, _ = _ads_period(ads, compare)
        prev_rows = ads_mod.ads_in_period(ads, compare.start, compare.end).rows
    out = []
    for currency in sorted(per_platform["currency"].astype(str).unique()):
        rows_cur = rows.assign(currency=rows["currency"].astype(object).fillna("(none)"))
        spend, roas = _ads_currency(per_platform, rows_cur, currency)
        mine = per_platform[per_platform["currency"] == currency]
        value_pf = tuple(mine.loc[mine["conversion_value"].notna(), "platform"].astype(str))
        no_value = tuple(mine.loc[mine["conversion_value"].isna() & mine["spend"].notna(), "platform"].astype(str))
        spend_prev = roas_prev = None
        if compare is not None and not prev_platform.empty:
            prev_mine = prev_platform[prev_platform["platform"].isin(list(mine["platform"]))]
            prev_cur = prev_rows.assign(currency=prev_rows["currency"].astype(object).fillna("(none)"))
            spend_prev, _ = _ads_currency(prev_mine, prev_cur, currency)
            _, roas_prev = _ads_currency(prev_mine[prev_mine["platform"].isin(list(value_pf))], prev_cur, currency)
        far = beyond[beyond["currency"].astype(str) == currency]
        out.append(
            AdsTotals(
                currency=currency,
                spend=spend,
                roas=roas,
                spend_previous=spend_prev,
                roas_previous=roas_prev,
                platforms=tuple(mine["platform"].astype(str)),
                roas_platforms=value_pf,
                no_value_platforms=no_value,
                beyond_rows=int(far["rows"].sum()) if not far.empty else 0,
                beyond_spend=_f(far["spend"].sum(min_count=1)) if not far.empty else None,
            )
        )
    return out


# --------------------------------------------------------------------------------------------
# trends


def _bucket(dates: pd.Series, frequency: Frequency) -> pd.Series:
    day = pd.to_datetime(dates).dt.normalize()
    if frequency == "week":
        return day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    return day


def trend(
    tables: dict[str, pd.DataFrame],
    period: growth.Period,
    basis: str = "reach",
    frequency: Frequency | None = None,
) -> pd.DataFrame:
    """Per platform and day (or ISO week): the post numbers and the follower change.

    Returns
    -------
    pandas.DataFrame
        ``platform``, ``bucket`` (the day, or the week's Monday), ``days`` (days of the bucket
        inside the period: a cut week has fewer), ``posts``, ``reach_sum``, ``impressions``,
        ``engagements``, ``engagement_rate`` (ratio of sums on ``basis``) and
        ``follower_change`` (net change, :func:`smo_metrics.targets.daily_follower_change`).

    Notes
    -----
    Posts count in the bucket of their publication date, with their lifetime numbers. A
    bucket without posts has 0 posts, and 0 reach/impressions/engagements when the platform's
    posts in the period carry that number at all (else missing); its engagement rate is
    missing. Follower change is missing where only new followers are exported.
    """
    basis = _check_basis(basis)
    freq = frequency or trend_frequency(period)
    if freq not in ("day", "week"):
        raise UsageError(f"unknown frequency {freq!r}; expected 'day' or 'week'")
    posts = _posts_in(tables, period)
    platforms = _platforms_of(tables, period)
    columns = [
        "platform",
        "bucket",
        "days",
        "posts",
        "reach_sum",
        "impressions",
        "engagements",
        "engagement_rate",
        "follower_change",
    ]
    if not platforms:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in columns})
    days = pd.date_range(period.start, period.end, freq="D")
    buckets = _bucket(pd.Series(days), freq)
    span = buckets.value_counts().sort_index()
    grid = pd.MultiIndex.from_product([platforms, span.index], names=["platform", "bucket"])
    out = pd.DataFrame(index=grid)
    out["days"] = np.tile(span.to_numpy(), len(platforms))
    if not posts.empty:
        by = engagement.by_group(
            posts.assign(bucket=_bucket(posts["published_date"], freq)), ["platform", "bucket"], tables["account_daily"]
        )
        by["bucket"] = pd.to_datetime(by["bucket"])
        by = by.set_index(["platform", "bucket"])
        out["posts"] = by["posts"].reindex(grid).fillna(0).astype("int64")
        no_posts = (out["posts"] == 0).to_numpy(dtype=bool)
        for col, src in (("reach_sum", "reach"), ("impressions", "impressions"), ("engagements", "engagements")):
            values = by[src].astype("Float64").reindex(grid)
            known = by[src].notna().groupby(level="platform").any().to_dict()
            reported = np.array([bool(known.get(p, False)) for p in out.index.get_level_values("platform")])
            out[col] = values.mask(pd.Series(no_posts & reported, index=grid), 0.0)
        out["engagement_rate"] = by[engagement.RATE_NAMES[basis]].astype("Float64").reindex(grid)
    else:
        out["posts"] = 0
        for col in ("reach_sum", "impressions", "engagements", "engagement_rate"):
            out[col] = pd.Series(pd.NA, index=grid, dtype="Float64")
    daily = tables["account_daily"]
    inside = between(daily, "account_daily", period.start, period.end)
    if not inside.empty:
        net = daily_follower_change(daily).reindex(inside.index)
        change = (
            pd.DataFrame(
                {"platform": inside["platform"].astype(str), "bucket": _bucket(inside["date"], freq), "n": net}
            )
            .groupby(["platform", "bucket"])["n"]
            .sum(min_count=1)
        )
        out["follower_change"] = change.astype("Float64").reindex(grid)
    else:
        out["follower_change"] = pd.Series(pd.NA, index=grid, dtype="Float64")
    return out.reset_index()[columns]


def trend_total(trend_frame: pd.DataFrame, column: str) -> pd.Series:
    """Σ of a :func:`trend` column over the platforms, per bucket (missing when no platform has it).

    For counts and sums only (posts, reach_sum, impressions, engagements, follower_change); a
    rate cannot be added across platforms.
    """
    if column not in ("posts", "reach_sum", "impressions", "engagements", "follower_change"):
        raise UsageError(f"{column!r} cannot be added up across platforms")
    if trend_frame.empty:
        return pd.Series(dtype=float)
    values = trend_frame[column].astype("Float64").astype(float)
    return values.groupby(pd.to_datetime(trend_frame["bucket"])).sum(min_count=1).rename(column)


# --------------------------------------------------------------------------------------------
# best and worst posts


def excerpt(text: object, limit: int = EXCERPT_CHARS) -> str:
    """The caption on one line, cut at a word boundary before ``limit`` characters with "…"."""
    if text is None or pd.isna(text):  # type: ignore[call-overload]
        return ""
    flat = re.sub(r"\s+", " ", str(text)).strip()
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if flat[limit - 1] != " " and space >= limit // 2:  # the last word is cut: drop it
        cut = cut[:space]
    return cut.rstrip(" ,.;:") + "…"


def local_dates(posts: pd.DataFrame, tz: str) -> pd.Series:
    """Each post's publication date in the workspace zone ``tz``.

    Posts with a known time: ``published_at`` converted to ``tz``; posts whose export gives only
    a date (``time_known`` False): that date as the export states it.
    """
    known = posts["time_known"].fillna(False).to_numpy(dtype=bool)
    stamped = pd.to_datetime(posts["published_at"], utc=True).dt.tz_convert(tz).dt.tz_localize(None).dt.normalize()
    stated = pd.to_datetime(posts["published_date"])
    return pd.Series(np.where(known, stamped, stated), index=posts.index).astype("datetime64[ns]").dt.date


def ranked_posts(
    posts: pd.DataFrame,
    account_daily: pd.DataFrame | None,
    basis: str = "reach",
    tz: str = "Asia/Jakarta",
    n: int = 5,
    min_denominator: float | None = None,
) -> RankedPosts:
    """The ``n`` posts with the highest and the lowest engagement rate on ``basis``.

    Notes
    -----
    rate = engagements ÷ denominator per post (:func:`smo_metrics.engagement.post_rates`).
    Only posts whose denominator is at least ``min_denominator`` are ranked, by default
    max(:data:`MIN_DENOMINATOR`, :data:`MIN_DENOMINATOR_SHARE` × the median denominator of the
    rated posts): a post seen by 12 people with 6 likes (50 %) says little. Ties: more
    engagements first (top), fewer first (bottom). The bottom list leaves out the top's posts.
    """
    basis = _check_basis(basis)
    if n < 1:
        raise UsageError(f"n must be at least 1, not {n!r}")
    e = engagement.with_engagement(posts, account_daily)
    den_col = "followers_at_posting" if basis == "followers" else basis
    rate = e[engagement.RATE_NAMES[basis]].astype(float)
    den = e[den_col].astype("Float64").astype(float)
    rated = rate.notna()
    unrated = e.loc[~rated, "platform"].astype(str).value_counts().sort_index()
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in RANKED_COLUMNS})
    if not rated.any():
        return RankedPosts(empty, empty, basis, None, 0, 0, {str(k): int(v) for k, v in unrated.items()})
    floor = (
        float(min_denominator)
        if min_denominator is not None
        else max(MIN_DENOMINATOR, MIN_DENOMINATOR_SHARE * float(den[rated].median()))
    )
    ok = rated & (den >= floor)
    pool = e[ok]
    frame = pd.DataFrame(
        {
            "platform": pool["platform"].astype(str),
            "account": pool["account"].astype(object),
            "post_id": pool["post_id"].astype(str),
            "date": local_dates(pool, tz) if not pool.empty else pd.Series(dtype=object),
            "post_type": pool["post_type"].astype(object),
            "caption": pool["caption"].astype(object),
            "permalink": pool["permalink"].astype(object),
            "denominator": den[ok],
            "engagements": pool["engagements"].astype(float),
            "engagement_rate": rate[ok],
        }
    )
    top = frame.sort_values(["engagement_rate", "engagements"], ascending=[False, False], kind="stable").head(n)
    rest = frame.drop(index=top.index)
    bottom = rest.sort_values(["engagement_rate", "engagements"], ascending=[True, True], kind="stable").head(n)
    top, bottom = (part.assign(caption=part["caption"].map(excerpt)) for part in (top, bottom))
    return RankedPosts(
        top.reset_index(drop=True)[list(RANKED_COLUMNS)],
        bottom.reset_index(drop=True)[list(RANKED_COLUMNS)],
        basis,
        floor,
        int(ok.sum()),
        int((rated & ~ok).sum()),
        {str(k): int(v) for k, v in unrated.items()},
    )


# --------------------------------------------------------------------------------------------
# everything


def overview(
    tables: dict[str, pd.DataFrame],
    period: growth.Period,
    compare: growth.Period | None = None,
    tz: str = "Asia/Jakarta",
    basis: str = "reach",
    n_posts: int = 5,
) -> Overview:
    """The overview of a view: :func:`kpis`, :func:`ads_totals`, :func:`platform_table`,
    :func:`trend` and :func:`ranked_posts` for ``period`` (and ``compare``)."""
    basis = _check_basis(basis)
    cut = _narrowed(tables, period, compare)
    table = platform_table(cut, period, basis)
    followers = [
        PlatformFollowers(
            str(r["platform"]),
            _f(r["followers_start"]),
            _f(r["followers_end"]),
            _f(r["follower_change"]),
            _f(r["follower_growth_rate"]),
            str(r["follower_source"]),
        )
        for r in table.to_dict("records")
    ]
    freq = trend_frequency(period)
    return Overview(
        period=period,
        compare=compare,
        basis=basis,
        kpis=_kpis(cut, period, compare, basis, table),
        ads=ads_totals(tables["ads"], period, compare),
        followers=followers,
        platforms=table,
        trend=trend(cut, period, basis, freq),
        frequency=freq,
        ranked=ranked_posts(_posts_in(cut, period), tables["account_daily"], basis, tz, n_posts),
    )


def card_target(
    progress: pd.DataFrame, metric: str, platforms: tuple[str, ...] | list[str]
) -> dict[str, object] | None:
    """The target a headline number is measured against, from :func:`smo_metrics.targets.target_progress`.

    Parameters
    ----------
    progress
        Target progress rows (the targets of the view's last day).
    metric
        The target metric (:data:`KPI_TARGET_METRICS`).
    platforms
        The platforms of the headline number (those in the view with data).

    Returns
    -------
    dict or None
        ``value``, ``actual``, ``achieved``, ``status``
        (:func:`smo_metrics.targets.progress_status`), ``pace``, ``forecast``, ``period``,
        ``period_start``, ``period_end``, ``through``, ``elapsed``, ``kind`` and ``parts`` (how
        many targets were added up); None when no target fits.

    Notes
    -----
    A target on ``all`` fits; so does a single platform's target when the number covers that
    platform only. A ``sum`` metric with one target per platform of the number, for the same
    period, fits as the sum of them: target = Σ targets, actual = Σ actuals, achieved =
    Σ actual ÷ Σ target, pace = Σ actual ÷ Σ expected, forecast = Σ forecasts (no interval: the
    parts' intervals do not add up).
    """
    rows = progress[(progress["metric"] == metric) & progress["actual"].notna()]
    if rows.empty:
        return None
    chosen = set(platforms)
    for _, group in rows.groupby(["period", "period_start"], sort=True):
        exact = group[group["platform"] == "all"]
        if exact.empty and len(chosen) == 1:
            exact = group[group["platform"].isin(list(chosen))]
        if not exact.empty:
            return _card(exact.iloc[[0]])
        if chosen and (group["kind"] == "sum").all() and set(group["platform"]) == chosen and len(group) == len(chosen):
            return _card(group)
    return None


def _card(rows: pd.DataFrame) -> dict[str, object]:
    value = float(rows["value"].astype(float).sum())
    actual = float(rows["actual"].astype(float).sum())
    expected = rows["expected"].astype(float)
    forecast = rows["forecast"].astype(float)
    first = rows.iloc[0]
    if len(rows) == 1:
        pace = _f(first["pace"])
    else:
        pace = actual / float(expected.sum()) if expected.notna().all() and expected.sum() > 0 else None
    achieved = actual / value
    return {
        "value": value,
        "actual": actual,
        "achieved": achieved,
        "status": progress_status(achieved, pace, float(first["elapsed"])),
        "pace": pace,
        "forecast": forecast.sum() if forecast.notna().all() else None,
        "period": first["period"],
        "period_start": first["period_start"],
        "period_end": first["period_end"],
        "through": first["through"],
        "elapsed": float(first["elapsed"]),
        "parts": len(rows),
        "kind": first["kind"],
    }
