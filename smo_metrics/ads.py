"""Paid results: CTR, CPC, CPM, CPA, conversion rate, ROAS and ROI, by campaign, ad set, ad or day.

Definitions (see ``docs/METRICS.md``), over summed counts of the rows in a group:

- CTR (link) = link clicks ÷ impressions; CTR (all) = clicks ÷ impressions
- CPC = spend ÷ link clicks; CPM = spend ÷ impressions × 1000; CPA = spend ÷ conversions
- conversion rate = conversions ÷ link clicks
- ROAS = conversion value ÷ spend
- ROI = (conversion value − cost) ÷ cost, where cost = spend + the extra (organic/staff) cost
  the user enters for that currency, shared out to groups in proportion to their spend.

A rate whose denominator is 0 or missing is missing. **Currencies are never mixed**: every
grouping includes ``currency``, and rows without a currency form their own group. Rows of
different levels (a campaign export and an ad export of the same account) would count the same
money twice, so :func:`ads_metrics` keeps one level per campaign and reporting range (the most
detailed present, unless told otherwise: :func:`pick_level`), and rows of one entity broken
down in several ways (none, age × gender, placement) are reduced to one family by
:func:`one_breakdown`. Rows whose reporting range reaches beyond a period are left out of it and
reported (:func:`ads_in_period`). Reach summed over rows is not unique reach: it is named
``reach_sum``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smo_metrics.errors import UsageError
from smo_metrics.tables import between

LEVELS: tuple[str, ...] = ("campaign", "ad_set", "ad")
GROUPINGS: dict[str, tuple[str, ...]] = {
    "campaign": ("campaign",),
    "ad_set": ("campaign", "ad_set"),
    "ad": ("campaign", "ad_set", "ad"),
    "day": ("date_start",),
    "total": (),
}
SUMMED: tuple[str, ...] = (
    "spend",
    "impressions",
    "reach",
    "clicks",
    "link_clicks",
    "results",
    "conversions",
    "conversion_value",
    "video_views",
    "engagements",
)
RATES: tuple[str, ...] = ("ctr", "ctr_all", "cpc", "cpm", "cpa", "conversion_rate", "roas", "roi", "cost_per_result")
MIXED: str = "mixed"  # the result_type of a group whose rows count different results


def pick_level(ads: pd.DataFrame, level: str | None = None) -> tuple[pd.DataFrame, str | None]:
    """Rows of one level each, so no money is counted twice.

    Parameters
    ----------
    ads
        The canonical ``ads`` table.
    level
        ``"campaign"``, ``"ad_set"`` or ``"ad"``: only rows of that level. ``None``: for each
        platform × account × campaign × reporting range × currency, the rows of the most
        detailed level present there (a campaign export and an ad export of the same campaign
        and days describe the same money; a Meta ad-set export beside a TikTok ad export keeps
        both).

    Returns
    -------
    tuple
        The rows, and their level (``None`` when the kept rows have several levels, one per
        platform or campaign, or there are none).
    """
    if ads.empty:
        return ads, level
    if level is not None:
        if level not in LEVELS:
            raise UsageError(f"unknown ads level {level!r}; expected one of {', '.join(LEVELS)}")
        return ads[ads["level"] == level], level
    rank = ads["level"].map({lv: i for i, lv in enumerate(LEVELS)}).astype("Float64").fillna(-1).astype(float)
    keys = [k for k in ("platform", "account", "campaign", "date_start", "date_end", "currency") if k in ads.columns]
    frame = pd.DataFrame({k: ads[k].astype(object).where(ads[k].notna(), "\x00") for k in keys})
    best = rank.groupby([frame[k] for k in keys], sort=False).transform("max")
    rows = ads[(rank == best).to_numpy() & (rank >= 0).to_numpy()]
    levels = rows["level"].dropna().unique()
    return rows, (str(levels[0]) if len(levels) == 1 else None)


@dataclass(frozen=True)
class LevelRows:
    """The rows that can be shown at one level, and what had to be left out.

    ``rows``: the rows (see :func:`rows_for_level`). ``left_out``: one row per platform ×
    currency × level of the rows too coarse for the level (an ad-set export has no ads):
    ``platform``, ``currency``, ``level``, ``rows``, ``spend``.
    """

    rows: pd.DataFrame
    left_out: pd.DataFrame


def rows_for_level(ads: pd.DataFrame, level: str) -> LevelRows:
    """Rows to break down by ``level`` (campaign, ad set or ad), without counting money twice.

    Notes
    -----
    First :func:`one_breakdown` (rows for totals) and :func:`pick_level` with ``level=None``
    (the most detailed rows of each campaign and range). Rows at least as detailed as ``level`` are kept: ad rows add up to their ad set and
    campaign. Coarser rows cannot be split (a Meta export at ad-set level has no ad names), so
    they are left out of an ad breakdown and reported in ``left_out`` instead of being shown
    as one "(none)" ad.
    """
    if level not in LEVELS:
        raise UsageError(f"unknown ads level {level!r}; expected one of {', '.join(LEVELS)}")
    rows, _ = pick_level(one_breakdown(ads))
    empty = pd.DataFrame(
        {
            "platform": pd.Series(dtype="string"),
            "currency": pd.Series(dtype="string"),
            "level": pd.Series(dtype="string"),
            "rows": pd.Series(dtype="int64"),
            "spend": pd.Series(dtype="Float64"),
        }
    )
    if rows.empty:
        return LevelRows(rows, empty)
    rank = rows["level"].map({lv: i for i, lv in enumerate(LEVELS)}).astype(float)
    fine = (rank >= LEVELS.index(level)).to_numpy()
    coarse = rows[~fine]
    if coarse.empty:
        return LevelRows(rows, empty)
    keys = ["platform", "currency", "level"]
    frame = pd.DataFrame({k: coarse[k].astype(object).fillna("(none)") for k in keys})
    frame["spend"] = coarse["spend"].astype(float)
    g = frame.groupby(keys, sort=True)
    left = pd.DataFrame({"rows": g.size(), "spend": g["spend"].sum(min_count=1)}).reset_index()
    left = left.astype({"platform": "string", "currency": "string", "level": "string", "rows": "int64"})
    left["spend"] = left["spend"].astype("Float64")
    return LevelRows(rows[fine], left)


# --------------------------------------------------------------------------------------------
# breakdowns (age, gender, placement…)

ENTITY_KEYS: tuple[str, ...] = (
    "platform",
    "account",
    "level",
    "campaign",
    "ad_set",
    "ad",
    "date_start",
    "date_end",
    "currency",
)


def breakdown_family(ads: pd.DataFrame) -> pd.Series:
    """Which breakdown each row belongs to: ``""`` (none), ``"age"``, ``"gender"``,
    ``"age+gender"``, or those plus the names of the other breakdowns (``"age+Placement"``).

    ``breakdown`` holds ``"Placement=feed; Device=mobile"``: its names (before ``=``) are
    the family, never its values.
    """
    parts = pd.DataFrame(index=ads.index)
    parts["age"] = np.where(ads["age"].notna().to_numpy(dtype=bool), "age", "") if "age" in ads else ""
    parts["gender"] = np.where(ads["gender"].notna().to_numpy(dtype=bool), "gender", "") if "gender" in ads else ""
    if "breakdown" in ads and ads["breakdown"].notna().any():
        names = (
            ads["breakdown"]
            .astype("string")
            .fillna("")
            .str.replace(r"=[^;]*", "", regex=True)
            .str.replace(r"\s*;\s*", "+", regex=True)
            .str.strip()
        )
        parts["other"] = names.to_numpy(dtype=object)
    else:
        parts["other"] = ""
    joined = parts["age"] + "+" + parts["gender"] + "+" + parts["other"].astype(str)
    return joined.str.replace(r"\++", "+", regex=True).str.strip("+").astype(object)


def one_breakdown(ads: pd.DataFrame, dimension: str | None = None) -> pd.DataFrame:
    """Rows that add up to each entity's result exactly once.

    Parameters
    ----------
    ads
        The canonical ``ads`` table.
    dimension
        ``None``: rows for totals. ``"age_gender"``: rows broken down by age and/or gender.

    Returns
    -------
    pandas.DataFrame
        A subset of ``ads``.

    Notes
    -----
    The same campaign-day can come in several exports: without a breakdown, by age × gender,
    by placement. Each family of rows adds up to the same total, so summing all of them would
    count the money two or three times. For each entity (:data:`ENTITY_KEYS`: platform,
    account, level, names, reporting range, currency) one family is kept:

    - totals (``dimension=None``): the row without a breakdown when there is one; else the
      family with the fewest breakdown names (ties: alphabetical), whose rows partition it.
    - ``"age_gender"``: among the families with age or gender, the one with the fewest names
      (``age+gender`` before ``age+gender+Placement``); entities without one are left out.
    """
    if dimension not in (None, "age_gender"):
        raise UsageError(f"unknown breakdown {dimension!r}; expected None or 'age_gender'")
    if ads.empty:
        return ads
    family = breakdown_family(ads)
    if dimension == "age_gender":
        has = family.str.contains(r"(?:^|\+)(?:age|gender)(?:\+|$)", regex=True).to_numpy(dtype=bool)
        ads, family = ads[has], family[has]
        if ads.empty:
            return ads
    size = family.map(lambda f: 0 if f == "" else f.count("+") + 1)
    order = size.astype(str).str.zfill(3) + "|" + family.astype(str)
    keys = [k for k in ENTITY_KEYS if k in ads.columns]
    frame = pd.DataFrame({k: ads[k].astype(object).where(ads[k].notna(), "\x00") for k in keys})
    best = order.groupby([frame[k] for k in keys], sort=False).transform("min")
    return ads[(order == best).to_numpy()]


# --------------------------------------------------------------------------------------------
# periods


@dataclass(frozen=True)
class PeriodRows:
    """Ads rows of a period: ``rows`` inside it, and ``beyond``: rows that overlap the period
    but report a range reaching outside it (one row per platform × currency: ``platform``,
    ``currency``, ``rows``, ``spend``, ``first`` (earliest date_start), ``last`` (latest
    date_end))."""

    rows: pd.DataFrame
    beyond: pd.DataFrame


def ads_in_period(ads: pd.DataFrame, start: dt.date, end: dt.date) -> PeriodRows:
    """The rows whose whole reporting range lies in [start, end], and those that straddle it.

    Notes
    -----
    An ads row reports a range (``date_start`` – ``date_end``): one day when exported with a
    Day breakdown, the whole report range otherwise. Its money cannot be split by day, so it
    counts only when the range lies inside the period (:func:`smo_metrics.tables.between`).
    Rows that overlap the period but reach outside it are left out and summed in ``beyond``
    so the page can say so (the fix: export with a Day breakdown). Rows entirely outside the
    period are neither.
    """
    positions = between(ads.reset_index(drop=True), "ads", start, end).index.to_numpy()
    inside = np.zeros(len(ads), dtype=bool)
    inside[positions] = True  # positions, not labels: a concatenated table may repeat labels
    rows = ads[inside]
    ds = pd.to_datetime(ads["date_start"])
    de = pd.to_datetime(ads["date_end"]).fillna(ds)
    overlap = ((ds <= pd.Timestamp(end)) & (de >= pd.Timestamp(start))).fillna(False).to_numpy(dtype=bool)
    straddle = ads[overlap & ~inside]
    cols = {
        "platform": pd.Series(dtype="string"),
        "currency": pd.Series(dtype="string"),
        "rows": pd.Series(dtype="int64"),
        "spend": pd.Series(dtype="Float64"),
        "first": pd.Series(dtype="datetime64[ns]"),
        "last": pd.Series(dtype="datetime64[ns]"),
    }
    if straddle.empty:
        return PeriodRows(rows, pd.DataFrame(cols))
    frame = pd.DataFrame(
        {
            "platform": straddle["platform"].astype(object).fillna("(none)"),
            "currency": straddle["currency"].astype(object).fillna("(none)"),
            "spend": straddle["spend"].astype(float),
            "first": pd.to_datetime(straddle["date_start"]),
            "last": pd.to_datetime(straddle["date_end"]),
        }
    )
    g = frame.groupby(["platform", "currency"], sort=True)
    beyond = pd.DataFrame(
        {"rows": g.size(), "spend": g["spend"].sum(min_count=1), "first": g["first"].min(), "last": g["last"].max()}
    ).reset_index()
    beyond = beyond.astype({"platform": "string", "currency": "string", "rows": "int64"})
    beyond["spend"] = beyond["spend"].astype("Float64")
    return PeriodRows(rows, beyond)


def _div(num: pd.Series, den: pd.Series, scale: float = 1.0) -> pd.Series:
    num = num.astype("Float64")
    den = den.astype("Float64")
    ok = (num.notna() & den.notna() & (den > 0)).fillna(False)
    return (num * scale / den.where(ok)).astype("Float64").where(ok)


def ads_metrics(
    ads: pd.DataFrame,
    by: str | Sequence[str] = "campaign",
    level: str | None = None,
    extra_cost: Mapping[str, float] | None = None,
    per_platform: bool = True,
    breakdown: str | None = None,
) -> pd.DataFrame:
    """Summed counts and the ROI family per group.

    Parameters
    ----------
    ads
        The canonical ``ads`` table (any platforms).
    by
        ``"campaign"``, ``"ad_set"``, ``"ad"``, ``"day"``, ``"total"``, or a list of columns.
        ``currency`` is always added to the keys, and ``platform`` unless ``per_platform`` is
        False (one total per currency over Meta and TikTok together).
    breakdown
        ``None``: rows for totals; ``"age_gender"``: rows broken down by age/gender (group
        ``by=["age", "gender"]``). See :func:`one_breakdown`.
    level
        Which rows to use (see :func:`pick_level`).
    extra_cost
        Organic or staff cost per currency (``{"IDR": 5_000_000}``), added to spend for ROI and
        shared out to groups in proportion to their spend.

    Returns
    -------
    DataFrame
        Keys, ``rows``, the sums (``reach`` as ``reach_sum``), ``result_type``, ``extra_cost``,
        ``cost`` and the rates in :data:`RATES`. Empty input gives an empty frame with these
        columns.

    Notes
    -----
    ``results`` count what each ad set optimises for (reach, link clicks, purchases…), so a
    sum over rows with different ``result_type`` adds unlike things: ``result_type`` is the
    group's one type, ``"mixed"`` when it has several (missing when none is stated), and
    cost_per_result = spend ÷ results only when the type is not mixed.
    """
    keys = (
        list(GROUPINGS[by])
        if isinstance(by, str) and by in GROUPINGS
        else list(by if not isinstance(by, str) else [by])
    )
    front = ["platform", "currency"] if per_platform else ["currency"]
    keys = [*front, *[k for k in keys if k not in ("platform", "currency")]]
    rows, _ = pick_level(one_breakdown(ads, breakdown), level)
    cols = [
        *keys,
        "rows",
        *[("reach_sum" if c == "reach" else c) for c in SUMMED],
        "result_type",
        "extra_cost",
        "cost",
        *RATES,
    ]
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype="Float64") for c in cols})
    missing = [k for k in keys if k not in rows.columns]
    if missing:
        raise UsageError(f"cannot group ads by {', '.join(missing)}: not columns of the ads table")
    frame = pd.DataFrame({k: rows[k].astype(object).where(rows[k].notna(), None) for k in keys})
    for k in keys:
        frame[k] = frame[k].fillna("(none)") if k != "date_start" else frame[k]
    frame["rows"] = 1
    for c in SUMMED:
        frame[c] = rows[c].astype(float) if c in rows else np.nan
    rtype = rows["result_type"].astype(object) if "result_type" in rows else pd.Series(None, index=rows.index)
    frame["_rtype"] = rtype.where(rtype.notna(), None).to_numpy()
    g = frame.groupby(keys, dropna=False, sort=True)
    out = pd.DataFrame({"rows": g["rows"].sum()})
    for c in SUMMED:
        out[c] = g[c].sum(min_count=1).astype("Float64")
    n_types = g["_rtype"].nunique()
    out["result_type"] = g["_rtype"].first()
    out.loc[(n_types > 1).to_numpy(), "result_type"] = MIXED
    out["result_type"] = out["result_type"].astype("string")
    out = out.reset_index()
    # Extra cost per currency, shared by spend.
    extra = pd.Series(0.0, index=out.index, dtype="Float64")
    if extra_cost:
        spend = out["spend"].fillna(0).astype(float)
        share_den = spend.groupby(out["currency"]).transform("sum")
        for cur, amount in extra_cost.items():
            mine = (out["currency"] == cur).to_numpy()
            if not mine.any():
                continue
            den = share_den[mine]
            if (den > 0).all():
                extra[mine] = amount * spend[mine] / den
            else:  # no spend in this currency: split evenly between its groups
                extra[mine] = amount / int(mine.sum())
    out["extra_cost"] = extra
    out["cost"] = (out["spend"].fillna(0) + extra).where(out["spend"].notna() | (extra > 0))
    out["ctr"] = _div(out["link_clicks"], out["impressions"])
    out["ctr_all"] = _div(out["clicks"], out["impressions"])
    out["cpc"] = _div(out["spend"], out["link_clicks"])
    out["cpm"] = _div(out["spend"], out["impressions"], 1000.0)
    out["cpa"] = _div(out["spend"], out["conversions"])
    out["conversion_rate"] = _div(out["conversions"], out["link_clicks"])
    out["roas"] = _div(out["conversion_value"], out["spend"])
    out["roi"] = _div(out["conversion_value"] - out["cost"], out["cost"])
    out["cost_per_result"] = _div(out["spend"], out["results"]).where(out["result_type"].ne(MIXED).fillna(True))
    return out.rename(columns={"reach": "reach_sum"})[cols]


def unreported(
    ads: pd.DataFrame, columns: Sequence[str] = ("conversions", "conversion_value", "link_clicks", "reach")
) -> pd.DataFrame:
    """Metrics that a platform's rows never report (the export has no such column or it is empty).

    Returns
    -------
    pandas.DataFrame
        ``platform``, ``metric``: one row per platform × metric of ``columns`` that is missing
        in every row of that platform. A total over platforms then counts that platform's spend
        with none of the metric (e.g. ROAS over Meta and TikTok when TikTok's report has no
        conversion value): the page says so.
    """
    rows = []
    if not ads.empty:
        for platform, part in ads.groupby(ads["platform"].astype(object).fillna("(none)"), sort=True):
            for col in columns:
                if col not in part.columns or part[col].isna().all():
                    rows.append({"platform": str(platform), "metric": col})
    return pd.DataFrame(rows, columns=["platform", "metric"]).astype("string")


FREQUENCIES: dict[str, str] = {"day": "D", "week": "W", "month": "M"}


def ads_over_time(ads: pd.DataFrame, freq: str = "day", by: Sequence[str] = ()) -> pd.DataFrame:
    """:func:`ads_metrics` per day, ISO week or month (and ``by``), per platform and currency.

    Parameters
    ----------
    ads
        The canonical ``ads`` table (levels are picked as in :func:`pick_level`).
    freq
        ``"day"``, ``"week"`` (Monday–Sunday) or ``"month"``.
    by
        Extra keys, e.g. ``["campaign"]``.

    Returns
    -------
    pandas.DataFrame
        ``period_start`` (the day, the week's Monday or the month's first day) and the columns
        of :func:`ads_metrics`. ``attrs["multi_day_rows"]``: rows reporting more than one day.

    Notes
    -----
    A row counts in the bucket of its ``date_start``. Rows exported without a Day breakdown
    report a whole range and cannot be spread over days: they land on their first day, and
    ``multi_day_rows`` says how many there were.
    """
    if freq not in FREQUENCIES:
        raise UsageError(f"unknown frequency {freq!r}; expected one of {', '.join(FREQUENCIES)}")
    start = pd.to_datetime(ads["date_start"]).dt.normalize()
    if freq == "week":
        bucket = start - pd.to_timedelta(start.dt.day_of_week, unit="D")
    elif freq == "month":
        bucket = start - pd.to_timedelta(start.dt.day - 1, unit="D")
    else:
        bucket = start
    frame = ads.assign(period_start=bucket.astype("datetime64[ns]"))
    out = ads_metrics(frame, by=["period_start", *by])
    if not out.empty:
        out["period_start"] = pd.to_datetime(out["period_start"])
    spans = (pd.to_datetime(ads["date_end"]) > pd.to_datetime(ads["date_start"])).fillna(False)
    out.attrs["multi_day_rows"] = int(spans.sum())
    return out
