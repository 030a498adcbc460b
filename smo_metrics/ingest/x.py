"""X (Twitter) analytics exports: per post (legacy and 2024+) and per day (legacy and overview).

- Legacy ``tweet_activity_metrics_<user>_<from>_<to>_<lang>.csv``: 40 columns, ``time`` with a
  ``+0000`` offset (read as UTC, exact), counts written as floats, promoted columns ``-``.
- 2024+ content export: ``Post id,Date,Post text,Post Link,...``; ``Date`` is a bare date
  (``Sat, Aug 22, 2026``), read as a date in the workspace zone with ``time_known`` False.
  Under a Japanese UI the headers are Japanese and the dates stay English.
- Legacy ``daily_tweet_activity_metrics_...`` and the account overview
  (``Date,Impressions,...,New follows,Unfollows,...,Create Post,...``, newest first)
  → ``account_daily``.

Reposts/retweets are stored as ``shares``; X's own ``Shares`` column (shares by DM or link)
is kept unmapped, as is ``engagement rate``. ``Engagements`` is X's own engagement count
(``platform_engagements``).
"""

from __future__ import annotations

import re

import pandas as pd

from smo_metrics.ingest import Context
from smo_metrics.ingest.aliases import normalized_set
from smo_metrics.ingest.base import Builder, Table, account_from_urls, find_header, localize_to_utc
from smo_metrics.ingest.parse import DATE_FORMATS, detect_decimal

_URL = r"(?:twitter|x)\.com/([A-Za-z0-9_]+)/status"
_POST_METRICS = (
    "impressions",
    "platform_engagements",
    "likes",
    "saves",
    "shares",
    "comments",
    "follows",
    "profile_visits",
    "link_clicks",
    "views",
)
_DAILY_METRICS = (
    "posts_published",
    "impressions",
    "engagements",
    "likes",
    "saves",
    "shares",
    "comments",
    "followers_gained",
    "followers_lost",
    "profile_visits",
    "link_clicks",
    "views",
)


def _post_signatures() -> list[set[str]]:
    ids = normalized_set("x_posts", "post_id")
    texts = normalized_set("x_posts", "caption")
    return [{i, t} for i in ids for t in texts]


def _daily_signatures() -> list[set[str]]:
    dates = normalized_set("x_daily", "date")
    marks = normalized_set("x_daily", "posts_published") | normalized_set("x_daily", "followers_lost")
    imps = normalized_set("x_daily", "impressions")
    return [{d, m, i} for d in dates for m in marks for i in imps]


def detect(ctx: Context) -> bool:
    if ctx.workbook:
        return False
    return (
        find_header(ctx.sheet, _post_signatures(), within=3) is not None
        or find_header(ctx.sheet, _daily_signatures(), within=3) is not None
    )


def account_from_name(name: str) -> str | None:
    """The handle in an X export's file name, when it has one."""
    base = name.rsplit("/", 1)[-1]
    m = re.match(r"(?:daily_)?tweet_activity_metrics_(.+?)_\d{8}_\d{8}", base)
    if m:
        return m.group(1)
    m = re.match(r"([A-Za-z0-9_]+)-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}", base)
    if m:
        return m.group(1)
    return None


def read(ctx: Context) -> list[Table]:
    sheet = ctx.sheet
    hi = find_header(sheet, _post_signatures(), within=3)
    if hi is not None:
        return [_read_posts(ctx, hi)]
    hi = find_header(sheet, _daily_signatures(), within=3)
    assert hi is not None
    return [_read_daily(ctx, hi)]


def _read_posts(ctx: Context, hi: int) -> Table:
    raw = ctx.sheet.table(hi)
    b = Builder(raw)
    mapping = b.map_aliases("x_posts")
    numeric = [c for c in _POST_METRICS if c in mapping]
    b.decimal, note = detect_decimal([raw.series(mapping[c]) for c in numeric], getattr(ctx.sheet, "delimiter", ","))
    warnings = [note] if note else []
    b.text("post_id")
    b.require("post_id", "no post id")
    b.text("caption")
    link = b.text("permalink")
    for c in numeric:
        b.number(c)
    b.set("post_type", "post")
    tz = ctx.tz
    if "published_at" in mapping:
        d = b.dates(mapping["published_at"], DATE_FORMATS)
        if d.utc:
            utc = d.values.dt.tz_localize("UTC")
            b.set("published_at", utc)
            if len(d.formats) > 1:
                warnings.append("Some post times carry no UTC offset while others do; those were read as UTC.")
            b.set("published_date", utc.dt.tz_convert(tz).dt.tz_localize(None).dt.normalize())
            assumed = "UTC"
        else:
            b.set("published_at", localize_to_utc(d.values, tz))
            b.set("published_date", d.values.dt.normalize())
            assumed = tz
            warnings.append(
                f"Post dates carry no time of day or zone; read as dates in {tz}, so these posts have no posting hour."
                if not d.has_time
                else f"Post times carry no time zone; read as {tz}."
            )
        b.set("time_known", pd.Series(d.has_time, index=range(raw.n), dtype="boolean"))
        b.require("published_at", "no post date")
    else:
        assumed = None
        b.reject(pd.Series(True, index=range(raw.n)), "no date column")
    account = account_from_urls(link, _URL) or account_from_name(ctx.name)
    if account is None:
        warnings.append("The file does not name the account; set it when importing.")
    return b.finish("posts", "x", account, ctx.name, "x_posts", warnings, assumed_tz=assumed)


def _read_daily(ctx: Context, hi: int) -> Table:
    raw = ctx.sheet.table(hi)
    b = Builder(raw)
    mapping = b.map_aliases("x_daily")
    numeric = [c for c in _DAILY_METRICS if c in mapping]
    b.decimal, note = detect_decimal([raw.series(mapping[c]) for c in numeric], getattr(ctx.sheet, "delimiter", ","))
    warnings = [note] if note else []
    d = b.dates(mapping["date"])
    b.set("date", d.values.dt.normalize())
    b.require("date", "no date")
    for c in numeric:
        b.number(c)
    account = account_from_name(ctx.name)
    if account is None:
        warnings.append("The file does not name the account; set it when importing.")
    return b.finish("account_daily", "x", account, ctx.name, "x_daily", warnings)
