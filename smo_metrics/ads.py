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
money twice, so :func:`ads_metrics` works on one level at a time (the most detailed present,
unless told otherwise). Reach summed over rows is not unique reach: it is named
``reach_sum``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from smo_metrics.errors import UsageError

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
RATES: tuple[str, ...] = ("ctr", "ctr_all", "cpc", "cpm", "cpa", "conversion_rate", "roas", "roi")


def pick_level(ads: pd.DataFrame, level: str | None = None) -> tuple[pd.DataFrame, str | None]:
    """Rows of one level: ``level`` if given, else the most detailed level present."""
    if ads.empty:
        return ads, level
    present = [lv for lv in LEVELS if (ads["level"] == lv).any()]
    if level is None:
        level = present[-1] if present else None
    elif level not in LEVELS:
        raise UsageError(f"unknown ads level {level!r}; expected one of {', '.join(LEVELS)}")
    return ads[ads["level"] == level], level


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
) -> pd.DataFrame:
    """Summed counts and the ROI family per group.

    Parameters
    ----------
    ads
        The canonical ``ads`` table (any platforms).
    by
        ``"campaign"``, ``"ad_set"``, ``"ad"``, ``"day"``, ``"total"``, or a list of columns.
        ``platform`` and ``currency`` are always added to the keys.
    level
        Which rows to use (see :func:`pick_level`).
    extra_cost
        Organic or staff cost per currency (``{"IDR": 5_000_000}``), added to spend for ROI and
        shared out to groups in proportion to their spend.

    Returns
    -------
    DataFrame
        Keys, ``rows``, the sums (``reach`` as ``reach_sum``), ``extra_cost``, ``cost`` and the
        rates in :data:`RATES`. Empty input gives an empty frame with these columns.
    """
    keys = (
        list(GROUPINGS[by])
        if isinstance(by, str) and by in GROUPINGS
        else list(by if not isinstance(by, str) else [by])
    )
    keys = ["platform", "currency", *[k for k in keys if k not in ("platform", "currency")]]
    rows, _ = pick_level(ads, level)
    cols = [*keys, "rows", *[("reach_sum" if c == "reach" else c) for c in SUMMED], "extra_cost", "cost", *RATES]
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
    g = frame.groupby(keys, dropna=False, sort=True)
    out = pd.DataFrame({"rows": g["rows"].sum()})
    for c in SUMMED:
        out[c] = g[c].sum(min_count=1).astype("Float64")
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
    return out.rename(columns={"reach": "reach_sum"})[cols]
