"""Prime time: when to post, from how past posts did by weekday and hour.

Definitions (see ``docs/METRICS.md``):

- A post's **slot** is its weekday (0 = Monday … 6 = Sunday) and hour (0–23) in the workspace
  time zone ``tz`` (any IANA zone), converted from the UTC ``published_at``.
- Only posts with a known posting hour (``time_known`` True) and a known metric value count.
  Posts whose export gives only a date (TikTok, YouTube, new X, LinkedIn) have no hour: they are
  left out and **counted** (``grid.attrs["posts_without_hour"]``, message
  :data:`NO_HOUR_MESSAGE`).
- Per slot: ``posts`` (n), ``mean`` of the per-post metric, a confidence interval for that mean,
  and ``shrunk``, an empirical-Bayes estimate that pulls slots with few posts towards the
  overall mean, computed on values held inside a robust fence (median ± 3.5 · MAD ÷ 0.6745),
  so one lucky post does not make a slot "best". A slot without posts is
  ``untested``: its ``mean`` and ``shrunk`` stay missing, it is never shown as bad and never
  recommended.

Metrics are per post: the engagement rates of :mod:`smo_metrics.engagement` (each post weighs
the same here, because the interval and the shrinkage are about per-post outcomes), ``reach``,
``impressions`` or ``engagements``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd
from scipy import stats

from smo_metrics import i18n
from smo_metrics.engagement import post_engagements, post_rates
from smo_metrics.errors import UsageError
from smo_metrics.growth import Period

DEFAULT_TZ: Final = "Asia/Jakarta"
METRICS: Final = (
    "engagement_rate_by_reach",
    "engagement_rate_by_impressions",
    "reach",
    "impressions",
    "engagements",
)
RATE_METRICS: Final = frozenset({"engagement_rate_by_reach", "engagement_rate_by_impressions"})
WEEKDAY_NAMES: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
GRID_COLUMNS: Final = ("weekday", "hour", "posts", "mean", "ci_low", "ci_high", "shrunk", "untested")
ACTIVITY_COLUMNS: Final = ("platform", "account", "weekday", "hour", "days", "active_followers", "share_of_peak")

# Prior strength k (in posts) when it is estimated from the data: clamped to this range.
# k = 1: a slot's own posts already outweigh the prior from its second post on; k = 100: with
# no visible between-slot signal, every slot sits at the overall mean until it has many posts.
PRIOR_STRENGTH_MIN: Final = 1.0
PRIOR_STRENGTH_MAX: Final = 100.0
# When k cannot be estimated (fewer than two slots with posts, or no slot with two posts).
PRIOR_STRENGTH_FALLBACK: Final = 5.0

NO_HOUR_MESSAGE: Final = "{n} posts have no posting hour (export gives dates only)."
NO_GROUP: Final = "(none)"  # the group label of a missing key, as in engagement.by_group

_SLOT_KEYS: Final = ["weekday", "hour"]


# --------------------------------------------------------------------------------------------
# validation and per-post values


def _check_tz(tz: str) -> str:
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise UsageError(f"unknown time zone {tz!r}; expected an IANA name such as 'Asia/Jakarta'") from None
    return tz


def _check_metric(metric: str) -> str:
    if metric not in METRICS:
        raise UsageError(f"unknown prime-time metric {metric!r}; expected one of {', '.join(METRICS)}")
    return metric


def _check_alpha(alpha: float) -> float:
    if not (0.0 < float(alpha) < 1.0):
        raise UsageError(f"alpha must be between 0 and 1 (exclusive), got {alpha!r}")
    return float(alpha)


def _check_prior(prior_strength: float | None) -> float | None:
    if prior_strength is None:
        return None
    k = float(prior_strength)
    if not np.isfinite(k) or k < 0:
        raise UsageError(f"prior_strength must be a number ≥ 0 (or None to estimate it), got {prior_strength!r}")
    return k


def _require(frame: pd.DataFrame, cols: Sequence[str], kind: str) -> None:
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        raise UsageError(f"{kind} table lacks column(s) {', '.join(missing)}; conform it with schema.conform")


def metric_values(posts: pd.DataFrame, metric: str = "engagement_rate_by_reach") -> pd.Series:
    """The per-post value of a prime-time metric (nullable ``Float64``, missing where unknown).

    Engagement rates and engagements come from :mod:`smo_metrics.engagement`; a rate whose
    denominator is 0 or missing is missing. ``reach`` and ``impressions`` are the columns.
    """
    _check_metric(metric)
    if metric == "engagement_rate_by_reach":
        return post_rates(posts, "reach")
    if metric == "engagement_rate_by_impressions":
        return post_rates(posts, "impressions")
    if metric == "engagements":
        return post_engagements(posts)
    if metric in posts.columns:
        return posts[metric].astype("Float64")
    return pd.Series(pd.NA, index=posts.index, dtype="Float64")


def hour_known(posts: pd.DataFrame) -> pd.Series:
    """True where the post has a posting hour: ``time_known`` is True and ``published_at`` is set.

    A missing ``time_known`` counts as not known (the hour would be a guess).
    """
    _require(posts, ["published_at", "time_known"], "posts")
    known = posts["time_known"].astype("boolean").fillna(False).astype(bool)
    return known & posts["published_at"].notna()


def posts_without_hour(posts: pd.DataFrame) -> int:
    """How many posts have no posting hour (left out of every hour-based analysis)."""
    return int((~hour_known(posts)).sum())


def local_time(published_at: pd.Series, tz: str = DEFAULT_TZ) -> pd.Series:
    """``published_at`` (UTC) as wall-clock time in ``tz``; UsageError for a naive column or zone."""
    _check_tz(tz)
    return _local(published_at, tz)


def _local(published_at: pd.Series, tz: str) -> pd.Series:
    if not isinstance(published_at.dtype, pd.DatetimeTZDtype):
        raise UsageError("posts.published_at must be a time-zone-aware (UTC) timestamp column")
    return published_at.dt.tz_convert(tz)


def _group_keys(posts: pd.DataFrame, by: Sequence[str], tz: str) -> pd.DataFrame:
    """The group columns of ``posts`` as text, a missing key labelled ``(none)``.

    ``month`` is the calendar month in ``tz`` ("2026-03"): from ``published_at`` where the hour is
    known, else from the export's own ``published_date``.
    """
    out = {}
    for key in by:
        if key == "month":
            out[key] = _month(posts, tz)
        else:
            out[key] = posts[key].astype("string")
    frame = pd.DataFrame(out, index=posts.index)
    return frame.fillna(NO_GROUP).astype("string")


def _month(posts: pd.DataFrame, tz: str) -> pd.Series:
    _require(posts, ["published_at", "published_date", "time_known"], "posts")
    known = hour_known(posts)
    local = _local(posts["published_at"], tz)
    date = pd.to_datetime(posts["published_date"])
    year = local.dt.year.where(known, date.dt.year)
    month = local.dt.month.where(known, date.dt.month)
    code = (year * 100 + month).astype("Float64")
    labels = {c: f"{int(c) // 100:04d}-{int(c) % 100:02d}" for c in code.dropna().unique()}
    return code.map(labels).astype("string")


def posts_without_hour_by(posts: pd.DataFrame, by: Sequence[str] = ("platform",)) -> pd.DataFrame:
    """Per group: how many posts there are and how many have no posting hour.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns (text, a missing key as ``(none)``), ``posts``, ``without_hour``
        and ``share_without_hour`` (= without_hour ÷ posts), sorted by the keys. Empty input
        → an empty frame with these columns.

    Notes
    -----
    A post has no hour when ``time_known`` is not True (see :func:`hour_known`): TikTok,
    YouTube, LinkedIn and the 2024+ X exports give dates only.
    """
    keys = list(by)
    _require(posts, [*keys, "published_at", "time_known"], "posts")
    frame = posts[keys].astype("string").fillna(NO_GROUP)
    frame["_none"] = (~hour_known(posts)).to_numpy()
    g = frame.groupby(keys, sort=True)["_none"]
    out = pd.DataFrame({"posts": g.size().astype("int64"), "without_hour": g.sum().astype("int64")}).reset_index()
    out["share_without_hour"] = (out["without_hour"] / out["posts"]).astype("Float64")
    for key in keys:
        out[key] = out[key].astype("string")
    return out[[*keys, "posts", "without_hour", "share_without_hour"]]


def post_months(posts: pd.DataFrame, tz: str = DEFAULT_TZ) -> pd.DataFrame:
    """The calendar months (in ``tz``) that have posts: ``month`` ("2026-03"), ``posts``, ``with_hour``.

    The month of a post is as in :func:`prime_time_by` (``month``); sorted oldest first.
    """
    _check_tz(tz)
    _require(posts, ["published_at", "published_date", "time_known"], "posts")
    frame = pd.DataFrame({"month": _month(posts, tz), "_hour": hour_known(posts).to_numpy()}, index=posts.index)
    frame = frame.dropna(subset=["month"])
    g = frame.groupby("month", sort=True)["_hour"]
    out = pd.DataFrame({"posts": g.size().astype("int64"), "with_hour": g.sum().astype("int64")}).reset_index()
    out["month"] = out["month"].astype("string")
    return out


def months_back(end: dt.date, months: int) -> Period:
    """The ``months`` calendar months that end on ``end`` (inclusive): 6 months to 31 Oct → 1 May.

    Notes
    -----
    start = the day after ``end``, moved back ``months`` months. When that day does not exist
    in its month (the 31st, or 29–31 February) the start is the 1st of the following month,
    so the window is never longer than ``months`` months: 6 months to 30 Aug 2026 start on
    1 Mar 2026 (31 Aug − 6 months = "31 Feb").
    """
    if isinstance(months, bool) or int(months) < 1:
        raise UsageError(f"months must be a whole number ≥ 1, got {months!r}")
    after = end + dt.timedelta(days=1)
    year, month0 = divmod(after.year * 12 + (after.month - 1) - int(months), 12)
    first = dt.date(year, month0 + 1, 1)
    next_first = dt.date(year + (month0 + 1) // 12, (month0 + 1) % 12 + 1, 1)
    last_day = (next_first - dt.timedelta(days=1)).day
    start = first.replace(day=after.day) if after.day <= last_day else next_first
    return Period(start, end)


def select_posts(
    posts: pd.DataFrame,
    tz: str = DEFAULT_TZ,
    *,
    platform: str | None = None,
    post_type: str | None = None,
    period: Period | None = None,
    month: str | None = None,
) -> pd.DataFrame:
    """The posts of one platform, post type, date range and/or month (``None``: no filter).

    ``period`` is inclusive and compares the export's ``published_date``; ``month`` ("2026-03")
    is the month of :func:`prime_time_by`. ``post_type`` ``"(none)"`` selects posts without one.
    """
    keep = pd.Series(True, index=posts.index)
    if platform is not None:
        keep &= posts["platform"].astype("string").eq(platform).fillna(False)
    if post_type is not None:
        keep &= posts["post_type"].astype("string").fillna(NO_GROUP).eq(post_type).fillna(False)
    if period is not None:
        day = pd.to_datetime(posts["published_date"])
        keep &= ((day >= pd.Timestamp(period.start)) & (day <= pd.Timestamp(period.end))).fillna(False)
    if month is not None:
        _check_tz(tz)
        keep &= _month(posts, tz).eq(month).fillna(False)
    return posts if bool(keep.all()) else posts[keep.to_numpy(dtype=bool)]


# --------------------------------------------------------------------------------------------
# the grid


def _slot_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "weekday": np.repeat(np.arange(7, dtype="int64"), 24),
            "hour": np.tile(np.arange(24, dtype="int64"), 7),
        }
    )


def _capped(data: pd.DataFrame, keys: list[str], cap_z: float | None) -> np.ndarray:
    """Each value held inside its group's robust fence, median ± cap_z · scale.

    scale = MAD ÷ 0.6745 (so the fence is where :func:`smo_metrics.content.outliers` flags a
    post), or 1.253314 · mean |x − median| when the MAD is 0, or no fence when both are 0.
    """
    value = data["value"].to_numpy(dtype=float)
    if cap_z is None or data.empty:
        return value
    by = [data[k] for k in keys]
    med = data["value"].groupby(by, sort=False).transform("median").to_numpy(dtype=float)
    dev = pd.Series(np.abs(value - med), index=data.index)
    mad = dev.groupby(by, sort=False).transform("median").to_numpy(dtype=float)
    mean_ad = dev.groupby(by, sort=False).transform("mean").to_numpy(dtype=float)
    scale = np.where(mad > 0, mad / 0.6745, np.where(mean_ad > 0, 1.253314 * mean_ad, np.nan))
    fenced = np.clip(value, med - cap_z * scale, med + cap_z * scale)
    return np.where(np.isnan(scale), value, fenced)


def _prior_strength(slots: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per group: the raw grand mean, the shrinkage target and the estimated prior strength k.

    On the fenced values (``cmean``, ``cvar``): one-way random-effects ANOVA, method of moments
    (unbalanced). With N posts in J slots, MSW = Σ (n_j − 1) s_j² ÷ (N − J),
    MSB = Σ n_j (m_j − m)² ÷ (J − 1), n0 = (N − Σ n_j² ÷ N) ÷ (J − 1), τ² = (MSB − MSW) ÷ n0,
    k = MSW ÷ τ².
    """
    s = slots.assign(
        _raw=slots["n"] * slots["mean"],
        _sum=slots["n"] * slots["cmean"],
        _ssw=(slots["n"] - 1) * slots["cvar"].fillna(0.0),
        _n2=slots["n"] ** 2,
    )
    g = s.groupby(keys, sort=False)
    per = pd.DataFrame({"N": g["n"].sum(), "J": g["n"].size(), "SSW": g["_ssw"].sum(), "n2": g["_n2"].sum()})
    per["grand_mean"] = g["_raw"].sum() / per["N"]
    per["target"] = g["_sum"].sum() / per["N"]
    s = s.join(per["target"], on=keys)
    per["SSB"] = (s["n"] * (s["cmean"] - s["target"]) ** 2).groupby([s[k] for k in keys], sort=False).sum()
    N, J = per["N"].to_numpy(float), per["J"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        msw = np.where(N - J > 0, per["SSW"].to_numpy(float) / (N - J), np.nan)
        msb = np.where(J > 1, per["SSB"].to_numpy(float) / (J - 1), np.nan)
        n0 = np.where(J > 1, (N - per["n2"].to_numpy(float) / N) / (J - 1), np.nan)
        tau2 = (msb - msw) / n0
        k = np.where(
            np.isnan(msw) | np.isnan(tau2),
            PRIOR_STRENGTH_FALLBACK,
            np.where(tau2 <= 0, PRIOR_STRENGTH_MAX, msw / tau2),
        )
    per["k"] = np.clip(k, PRIOR_STRENGTH_MIN, PRIOR_STRENGTH_MAX)
    return per[["grand_mean", "target", "k"]]


def _grid(
    data: pd.DataFrame,
    groups: pd.DataFrame,
    keys: list[str],
    alpha: float,
    prior_strength: float | None,
    cap_z: float | None,
    upper: float = np.inf,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The 168-slot grid of every group in ``groups``; also the per-group prior.

    Interval ends are clipped to [0, ``upper``] (``upper`` = 1 for rates: a rate above 100 %
    is not a possible value, however few posts the slot has).

    ``data`` has the group keys, ``weekday``, ``hour`` and ``value`` (known values only). The
    prior frame (index: the group keys) has ``grand_mean``, ``target``, ``k``, ``capped``.
    """
    slot_keys = keys + _SLOT_KEYS
    data = data.assign(cvalue=_capped(data, keys, cap_z))
    data["_capped"] = data["cvalue"] != data["value"]
    g = data.groupby(slot_keys, sort=False)
    slots = pd.DataFrame(
        {
            "n": g["value"].size(),
            "mean": g["value"].mean(),
            "var": g["value"].var(ddof=1),
            "cmean": g["cvalue"].mean(),
            "cvar": g["cvalue"].var(ddof=1),
        }
    ).reset_index()
    if slots.empty:
        empty_index = pd.MultiIndex.from_tuples([], names=keys) if len(keys) > 1 else pd.Index([], name=keys[0])
        prior = pd.DataFrame({c: pd.Series(dtype=float) for c in ("grand_mean", "target", "k", "capped")})
        prior.index = empty_index
    else:
        prior = _prior_strength(slots, keys)
        if prior_strength is not None:
            prior["k"] = prior_strength
        prior["capped"] = data.groupby(keys, sort=False)["_capped"].sum()
        slots = slots.join(prior[["target", "k"]], on=keys)
    full = groups.merge(_slot_frame(), how="cross").merge(slots, on=slot_keys, how="left")

    def col(name: str) -> np.ndarray:
        if name not in full:
            return np.full(len(full), np.nan)
        return full[name].to_numpy(dtype=float, na_value=np.nan)

    n = full["n"].fillna(0).to_numpy(dtype="int64")
    mean, var = col("mean"), col("var")
    has_ci = n >= 2
    with np.errstate(divide="ignore", invalid="ignore"):
        tcrit = np.where(has_ci, stats.t.ppf(1.0 - alpha / 2.0, np.maximum(n - 1, 1)), np.nan)
        half = tcrit * np.sqrt(var / n)
        shrunk = np.where(n > 0, (n * col("cmean") + col("k") * col("target")) / (n + col("k")), np.nan)
    low = np.where(has_ci, np.maximum(mean - half, 0.0), np.nan)
    high = np.where(has_ci, np.minimum(mean + half, upper), np.nan)

    out = full[keys + _SLOT_KEYS].copy()
    out["posts"] = n
    for name, values in (("mean", mean), ("ci_low", low), ("ci_high", high), ("shrunk", shrunk)):
        out[name] = pd.array(values, dtype="Float64")
    out["untested"] = n == 0
    out = out.sort_values(slot_keys, kind="stable").reset_index(drop=True)
    return out, prior


def _check_cap(cap_z: float | None) -> float | None:
    if cap_z is None:
        return None
    z = float(cap_z)
    if not np.isfinite(z) or z <= 0:
        raise UsageError(f"cap_z must be a positive number (or None for no fence), got {cap_z!r}")
    return z


def _run(
    posts: pd.DataFrame,
    keys: list[str] | None,
    tz: str,
    metric: str,
    alpha: float,
    prior_strength: float | None,
    cap_z: float | None,
) -> tuple[pd.DataFrame, list[dict[str, Any]], int, int]:
    """Grid, one prior record per group, and the totals without hour / without metric."""
    _check_tz(tz)
    _check_metric(metric)
    alpha = _check_alpha(alpha)
    k_given = _check_prior(prior_strength)
    cap = _check_cap(cap_z)
    posts = posts.reset_index(drop=True)
    known = hour_known(posts)
    values = metric_values(posts, metric)
    usable = known & values.notna().to_numpy(dtype=bool)
    local = _local(posts["published_at"][usable], tz)
    data = pd.DataFrame(
        {
            "weekday": local.dt.day_of_week.astype("int64"),
            "hour": local.dt.hour.astype("int64"),
            "value": values[usable].to_numpy(dtype=float),
        },
        index=local.index,
    )
    if keys:
        group_of = _group_keys(posts, keys, tz)
    else:
        keys, group_of = ["_all"], pd.DataFrame({"_all": "all"}, index=posts.index)
    data = data.join(group_of.loc[data.index])
    groups = group_of.drop_duplicates().sort_values(keys).reset_index(drop=True)
    if groups.empty and keys == ["_all"]:
        groups = pd.DataFrame({"_all": ["all"]})
    grid, prior = _grid(data, groups, keys, alpha, k_given, cap, 1.0 if metric in RATE_METRICS else np.inf)
    grid = grid.sort_values(keys + _SLOT_KEYS, kind="stable").reset_index(drop=True)

    counts = pd.DataFrame(
        {"posts_without_hour": (~known).to_numpy(), "posts_without_metric": (known & ~usable).to_numpy()},
        index=posts.index,
    ).join(group_of)
    per = counts.groupby(keys, sort=True)[["posts_without_hour", "posts_without_metric"]].sum()
    per = groups.set_index(keys).join(per, how="left").join(prior, how="left").reset_index()
    records: list[dict[str, Any]] = []
    for row in per.to_dict("records"):
        rec: dict[str, Any] = {k: str(row[k]) for k in keys}
        rec.update(
            posts_without_hour=0 if pd.isna(row["posts_without_hour"]) else int(row["posts_without_hour"]),
            posts_without_metric=0 if pd.isna(row["posts_without_metric"]) else int(row["posts_without_metric"]),
            grand_mean=None if pd.isna(row["grand_mean"]) else float(row["grand_mean"]),
            shrink_target=None if pd.isna(row["target"]) else float(row["target"]),
            prior_strength=k_given if pd.isna(row["k"]) else float(row["k"]),
            prior_estimated=k_given is None,
            posts_capped=0 if pd.isna(row["capped"]) else int(row["capped"]),
        )
        records.append(rec)
    return grid, records, int((~known).sum()), int((known & ~usable).sum())


def prime_time_grid(
    posts: pd.DataFrame,
    tz: str = DEFAULT_TZ,
    metric: str = "engagement_rate_by_reach",
    alpha: float = 0.05,
    prior_strength: float | None = None,
    cap_z: float | None = 3.5,
) -> pd.DataFrame:
    """How posts did in each weekday × hour slot of the week: 168 rows, untested slots flagged.

    Parameters
    ----------
    posts
        A canonical ``posts`` table (one account or one platform is the meaningful scope; use
        :func:`prime_time_by` to split).
    tz
        The workspace time zone (IANA name) in which weekday and hour are read.
    metric
        ``engagement_rate_by_reach`` (default), ``engagement_rate_by_impressions``, ``reach``,
        ``impressions`` or ``engagements``, all per post.
    alpha
        1 − confidence level of the interval (0.05: 95 %).
    prior_strength
        k, the weight of the overall mean, in posts. None: estimated from the data.
    cap_z
        The robust fence for the shrunk estimate (see Notes); None: no fence, plain values.

    Returns
    -------
    pandas.DataFrame
        ``weekday`` (0 = Monday), ``hour``, ``posts``, ``mean``, ``ci_low``, ``ci_high``,
        ``shrunk``, ``untested``; sorted by weekday and hour. ``attrs``: ``posts_without_hour``,
        ``posts_without_metric`` (hour known, metric missing), ``grand_mean`` (mean of all
        counted posts), ``shrink_target`` (the same on fenced values), ``prior_strength`` (the k
        used), ``prior_estimated``, ``posts_capped``, ``tz``, ``metric``, ``alpha``, ``cap_z``.

    Notes
    -----
    ``mean`` = Σ x ÷ n over the slot's posts. Interval (n ≥ 2): mean ± t(1 − α/2, n − 1) · s ÷ √n,
    the Student t interval on the per-post values (rates too: for the few posts of one slot t
    is wider and more honest than a normal interval, and it tends to it as n grows); the lower
    end is cut at 0, every metric here being ≥ 0. n < 2: no interval (missing).

    ``shrunk`` = (n · mean_f + k · m_f) ÷ (n + k), where mean_f and m_f (the slot's and the
    overall mean) use each post's value held inside the robust fence median ± cap_z · MAD ÷
    0.6745 (the threshold of :func:`smo_metrics.content.outliers`; 1.253314 · mean absolute
    deviation when the MAD is 0). Without the fence one viral post alone in a slot outranks a
    slot that is good week after week whatever k is; with it, a viral post counts as a very
    good post. With ``cap_z=None`` (or when nothing is outside the fence) this is exactly
    (n · mean + k · grand_mean) ÷ (n + k).

    k, when not given: method of moments for the one-way random-effects model on the fenced
    values, k = MSW ÷ τ², MSW the pooled within-slot variance, τ² = (MSB − MSW) ÷ n0 the
    between-slot variance of true slot means (n0 = (N − Σ n_j² ÷ N) ÷ (J − 1)); clamped to
    [1, 100]; τ² ≤ 0 (no signal between slots) gives 100; not estimable (fewer than two slots
    with posts, or no slot with two posts) gives 5.

    Edge cases: no posts, or none with an hour → 168 untested rows, ``grand_mean`` None. One
    post → its slot has posts 1, mean = shrunk = its value, no interval. Zero reach → the rate
    is missing and the post counts in ``posts_without_metric``. All values missing → all
    untested.
    """
    grid, records, without_hour, without_metric = _run(posts, None, tz, metric, alpha, prior_strength, cap_z)
    grid = grid.drop(columns="_all")
    rec = records[0]
    grid.attrs = {
        "posts_without_hour": without_hour,
        "posts_without_metric": without_metric,
        "grand_mean": rec["grand_mean"],
        "shrink_target": rec["shrink_target"],
        "prior_strength": rec["prior_strength"],
        "prior_estimated": rec["prior_estimated"],
        "posts_capped": rec["posts_capped"],
        "tz": tz,
        "metric": metric,
        "alpha": float(alpha),
        "cap_z": cap_z,
    }
    return grid


def prime_time_by(
    posts: pd.DataFrame,
    by: Sequence[str] = ("platform",),
    tz: str = DEFAULT_TZ,
    metric: str = "engagement_rate_by_reach",
    alpha: float = 0.05,
    prior_strength: float | None = None,
    cap_z: float | None = 3.5,
) -> pd.DataFrame:
    """The prime-time grid of each group: e.g. ``by=["platform"]``, ``["post_type"]``, ``["month"]``.

    Parameters
    ----------
    posts, tz, metric, alpha, prior_strength, cap_z
        As in :func:`prime_time_grid`; the fence, k and the overall mean are per group.
    by
        Columns of ``posts``, or ``"month"``: the calendar month of the post in ``tz``
        ("2026-03"; for a post without an hour, the month of its ``published_date``).

    Returns
    -------
    pandas.DataFrame
        A long frame: the group columns first (text, a missing key as ``(none)``), then the
        168 grid rows of each group (columns as :func:`prime_time_grid`). Every group that has
        a post appears, even when none of its posts has an hour (all untested). ``attrs``:
        ``posts_without_hour`` and ``posts_without_metric`` (totals), ``groups`` (one record per
        group: its keys and the per-group attrs of :func:`prime_time_grid`), ``by``, ``tz``,
        ``metric``, ``alpha``, ``cap_z``.

    Notes
    -----
    Same formulas as :func:`prime_time_grid`, computed in one groupby over all groups: the
    grid of a group equals ``prime_time_grid`` of that group's posts. Empty ``posts`` → an
    empty frame with the columns.
    """
    keys = list(by)
    if not keys:
        raise UsageError("prime_time_by needs at least one group column")
    bad = [k for k in keys if k in GRID_COLUMNS or k == "_all" or (k != "month" and k not in posts.columns)]
    if bad:
        raise UsageError(f"cannot group prime time by {', '.join(bad)}: not a column of posts (or 'month')")
    grid, records, without_hour, without_metric = _run(posts, keys, tz, metric, alpha, prior_strength, cap_z)
    for key in keys:
        grid[key] = grid[key].astype("string")
    grid.attrs = {
        "posts_without_hour": without_hour,
        "posts_without_metric": without_metric,
        "groups": records,
        "by": keys,
        "tz": tz,
        "metric": metric,
        "alpha": float(alpha),
        "cap_z": cap_z,
    }
    return grid


def grid_summary(grid: pd.DataFrame) -> dict[str, Any]:
    """The headline numbers of one grid from :func:`prime_time_grid`.

    Returns
    -------
    dict
        ``posts`` (Σ posts over the slots: posts with an hour and the metric), ``slots_tested``
        (slots with ≥ 1 post), ``slots_untested`` (168 − tested), ``posts_without_hour``,
        ``posts_without_metric`` and ``grand_mean`` (from ``grid.attrs``; 0, 0 and None when
        the attrs are absent).
    """
    _require(grid, GRID_COLUMNS, "prime-time grid")
    tested = ~grid["untested"].astype(bool)
    return {
        "posts": int(grid["posts"].sum()),
        "slots_tested": int(tested.sum()),
        "slots_untested": int((~tested).sum()),
        "posts_without_hour": int(grid.attrs.get("posts_without_hour", 0)),
        "posts_without_metric": int(grid.attrs.get("posts_without_metric", 0)),
        "grand_mean": grid.attrs.get("grand_mean"),
    }


# --------------------------------------------------------------------------------------------
# best slots


def slot_label(weekday: int, hour: int, lang: str = "en") -> str:
    """``"Tue 19:00–20:00"`` (Indonesian ``"Sel 19.00–20.00"``): short weekday and the hour as a range."""
    language = i18n.check_language(lang)
    sep = "." if language == "id" else ":"
    day = WEEKDAY_NAMES[int(weekday)] if language == "en" else i18n.weekday_name(int(weekday), language, short=True)
    return f"{day} {int(hour):02d}{sep}00–{int(hour) + 1:02d}{sep}00"


def _fmt(value: float, rate: bool, lang: str, unit: bool = True) -> str:
    if rate:
        text = i18n.number(value * 100, lang, 1)
        return text + ("%" if unit else "")
    return i18n.number(value, lang, 0)


# The words of evidence_sentence in each language ({head} is "slot: n posts, mean x").
_EVIDENCE_WORDS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "post": "post",
        "posts": "posts",
        "mean": "mean",
        "one": "one post: no interval",
        "ci": "{level} CI {low}–{high}",
    },
    "id": {
        "post": "postingan",
        "posts": "postingan",
        "mean": "rata-rata",
        "one": "satu postingan: tanpa selang",
        "ci": "selang kepercayaan {level} {low}–{high}",
    },
}


def evidence_sentence(
    weekday: int,
    hour: int,
    posts: int,
    mean: float,
    ci_low: float | None,
    ci_high: float | None,
    metric: str = "engagement_rate_by_reach",
    alpha: float = 0.05,
    lang: str = "en",
) -> str:
    """One slot's evidence in plain words, in English (``lang="en"``) or Indonesian (``"id"``).

    ``"Tue 19:00–20:00: 12 posts, mean 6.1% (95% CI 4.8–7.4%)"``; counts are written
    ``1,234``; one post: ``"… 1 post, mean 6.1% (one post: no interval)"``. Indonesian:
    ``"Sel 19.00–20.00: 12 postingan, rata-rata 6,1% (selang kepercayaan 95% 4,8–7,4%)"``,
    counts ``1.234`` (numbers through :mod:`smo_metrics.i18n`).
    """
    language = i18n.check_language(lang)
    w = _EVIDENCE_WORDS[language]
    rate = metric in RATE_METRICS
    noun = w["post"] if posts == 1 else w["posts"]
    head = f"{slot_label(weekday, hour, language)}: {i18n.number(posts, language)} {noun}, {w['mean']} "
    head += _fmt(mean, rate, language)
    if ci_low is None or ci_high is None or pd.isna(ci_low) or pd.isna(ci_high):
        return f"{head} ({w['one']})" if posts < 2 else head
    level = i18n.number((1 - alpha) * 100, language, 0 if ((1 - alpha) * 100).is_integer() else 1) + "%"
    low, high = _fmt(ci_low, rate, language, unit=False), _fmt(ci_high, rate, language)
    return f"{head} ({w['ci'].format(level=level, low=low, high=high)})"


def best_slots(
    grid: pd.DataFrame,
    n: int = 3,
    min_posts: int = 1,
    *,
    metric: str | None = None,
    alpha: float | None = None,
    lang: str = "en",
) -> pd.DataFrame:
    """The ``n`` best tested slots by their shrunk estimate, with the evidence behind each.

    Parameters
    ----------
    grid
        From :func:`prime_time_grid`, or :func:`prime_time_by` (then the best ``n`` per group).
    n
        How many slots (per group).
    min_posts
        Only slots with at least this many posts (≥ 1: an untested slot is never recommended).
    metric, alpha
        How to word the evidence; default from ``grid.attrs`` (else the engagement rate by
        reach, 95 %).
    lang
        The language of ``slot`` and ``evidence``: ``en`` or ``id`` (see :func:`evidence_sentence`).

    Returns
    -------
    pandas.DataFrame
        Group columns (if any), ``rank`` (1 = best), ``weekday``, ``hour``, ``slot``
        ("Tue 19:00–20:00"), ``posts``, ``mean``, ``ci_low``, ``ci_high``, ``shrunk``,
        ``evidence`` (a sentence). Fewer than ``n`` rows when fewer slots qualify; none for an
        empty or all-untested grid.

    Notes
    -----
    Order: shrunk (descending), then more posts, then earlier in the week. Ranking by the
    shrunk value rather than the raw mean is what keeps a slot with one lucky post from winning.
    """
    if int(n) < 1:
        raise UsageError(f"n must be ≥ 1, got {n!r}")
    if int(min_posts) < 1:
        raise UsageError(f"min_posts must be ≥ 1 (an untested slot is never recommended), got {min_posts!r}")
    _require(grid, GRID_COLUMNS, "prime-time grid")
    lang = i18n.check_language(lang)
    metric = metric or grid.attrs.get("metric", "engagement_rate_by_reach")
    alpha = float(alpha if alpha is not None else grid.attrs.get("alpha", 0.05))
    cols = list(grid.columns)
    group_cols = cols[: cols.index("weekday")]
    ok = (grid["posts"] >= int(min_posts)) & ~grid["untested"] & grid["shrunk"].notna().to_numpy(dtype=bool)
    cand = grid.loc[ok]
    cand = cand.assign(_neg=-cand["shrunk"].astype(float), _negn=-cand["posts"])
    cand = cand.sort_values(group_cols + ["_neg", "_negn", "weekday", "hour"], kind="stable")
    if group_cols:
        cand = cand.groupby(group_cols, sort=False).head(int(n))
        rank = cand.groupby(group_cols, sort=False).cumcount() + 1
    else:
        cand = cand.head(int(n))
        rank = pd.Series(np.arange(1, len(cand) + 1), index=cand.index)
    out = cand[group_cols].copy()
    out["rank"] = rank.astype("int64")
    out["weekday"] = cand["weekday"]
    out["hour"] = cand["hour"]
    out["slot"] = pd.Series(
        [slot_label(w, h, lang) for w, h in zip(cand["weekday"], cand["hour"], strict=True)],
        index=cand.index,
        dtype="string",
    )
    for col in ("posts", "mean", "ci_low", "ci_high", "shrunk"):
        out[col] = cand[col]
    out["evidence"] = pd.Series(
        [
            evidence_sentence(w, h, p, m, lo, hi, metric, alpha, lang)
            for w, h, p, m, lo, hi in zip(
                cand["weekday"], cand["hour"], cand["posts"], cand["mean"], cand["ci_low"], cand["ci_high"], strict=True
            )
        ],
        index=cand.index,
        dtype="string",
    )
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# follower activity


def activity_grid(
    follower_activity: pd.DataFrame,
    tz: str = DEFAULT_TZ,
    source_tz: str | None = None,
) -> pd.DataFrame:
    """Active followers by weekday × hour, averaged over the days observed, per account.

    Parameters
    ----------
    follower_activity
        A canonical ``follower_activity`` table (TikTok Studio's FollowerActivity).
    tz
        The workspace time zone of the result.
    source_tz
        The zone the table's ``date`` + ``hour`` are in (the reader's ``Table.assumed_tz``).
        None or equal to ``tz``: **no conversion**, the hours are taken as already local. The
        TikTok reader reads them as workspace-zone hours (TikTok does not say), so None is right
        for tables read with the workspace zone; give ``"UTC"`` for a ``Date (UTC)`` export.

    Returns
    -------
    pandas.DataFrame
        ``platform``, ``account`` (a missing one as ``(none)``: TikTok's file does not name it),
        ``weekday`` (0 = Monday), ``hour``, ``days`` (observations averaged), ``active_followers``
        (their mean), ``share_of_peak`` (÷ the account's busiest slot); 168 rows per account,
        slots without data have days 0 and missing values. ``attrs["rows_skipped"]``: rows
        without date, hour or count (or an hour that does not exist after conversion).

    Notes
    -----
    active_followers(weekday, hour) = Σ active ÷ days, over the dates that fall on that weekday.
    Empty input → an empty frame with the columns.
    """
    _check_tz(tz)
    if source_tz is not None:
        _check_tz(source_tz)
    _require(follower_activity, ["platform", "account", "date", "hour", "active_followers"], "follower_activity")
    fa = follower_activity
    hour = fa["hour"].astype("Float64")
    value = fa["active_followers"].astype("Float64")
    in_day = hour.fillna(-1).between(0, 23)
    ok = (fa["date"].notna() & hour.notna() & value.notna() & in_day).to_numpy(dtype=bool)
    stamp = pd.to_datetime(fa["date"][ok]).dt.normalize() + pd.to_timedelta(hour[ok].to_numpy(dtype=float), unit="h")
    if source_tz is not None and source_tz != tz:
        stamp = stamp.dt.tz_localize(source_tz, ambiguous="NaT", nonexistent="NaT").dt.tz_convert(tz)
    good = stamp.notna()
    stamp = stamp[good]
    data = _group_keys(fa.loc[stamp.index], ["platform", "account"], tz)
    data["weekday"] = stamp.dt.day_of_week.astype("int64")
    data["hour"] = stamp.dt.hour.astype("int64")
    data["value"] = value[stamp.index].to_numpy(dtype=float)
    keys = ["platform", "account"]
    g = data.groupby(keys + _SLOT_KEYS, sort=False)["value"]
    slots = pd.DataFrame({"days": g.size(), "active_followers": g.mean()}).reset_index()
    groups = data[keys].drop_duplicates().sort_values(keys).reset_index(drop=True)
    full = groups.merge(_slot_frame(), how="cross").merge(slots, on=keys + _SLOT_KEYS, how="left")
    full["days"] = full["days"].fillna(0).astype("int64")
    full["active_followers"] = full["active_followers"].astype("Float64")
    peak = full.groupby(keys, sort=False)["active_followers"].transform("max")
    full["share_of_peak"] = (full["active_followers"] / peak.where(peak > 0)).astype("Float64")
    for key in keys:
        full[key] = full[key].astype("string")
    out = full[list(ACTIVITY_COLUMNS)].sort_values(keys + _SLOT_KEYS, kind="stable").reset_index(drop=True)
    out.attrs = {"rows_skipped": int(len(fa) - len(stamp)), "tz": tz, "source_tz": source_tz or tz}
    return out


def busiest_slots(activity: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The ``n`` weekday × hour slots with the most active followers, per account.

    Parameters
    ----------
    activity
        From :func:`activity_grid`.

    Returns
    -------
    pandas.DataFrame
        ``platform, account, rank, weekday, hour, active_followers, days, share_of_peak``;
        slots without data are never listed. Ties: earlier in the week first.

    Notes
    -----
    This is when followers are *online*, not how posts did: a full room is also a crowded feed.
    """
    if isinstance(n, bool) or int(n) < 1:
        raise UsageError(f"n must be ≥ 1, got {n!r}")
    _require(activity, ACTIVITY_COLUMNS, "activity grid")
    keys = ["platform", "account"]
    cand = activity.loc[activity["active_followers"].notna().to_numpy(dtype=bool)]
    cand = cand.assign(_neg=-cand["active_followers"].astype(float))
    cand = cand.sort_values([*keys, "_neg", "weekday", "hour"], kind="stable")
    top = cand.groupby(keys, sort=False).head(int(n))
    out = top[keys].copy()
    out["rank"] = (top.groupby(keys, sort=False).cumcount() + 1).astype("int64")
    for col in ("weekday", "hour", "active_followers", "days", "share_of_peak"):
        out[col] = top[col]
    return out.reset_index(drop=True)
