"""Legacy Facebook Insights exports (2014-2018, CSV in Windows-1252 or XLS).

Page level: ``Date,Lifetime Total Likes,Daily New Likes,Daily Unlikes,...`` (hundreds of
columns) → ``account_daily``. Post level and video posts: ``"Post ID",Permalink,"Post
Message",Type,...,Posted,...,"Lifetime Post Total Reach",...`` → ``posts``. Both put a row of
descriptions under the header, with an empty first cell: that row is recognised and
skipped (it is not data). ``Posted`` is ``02/19/2014 04:29:18 PM``; Facebook wrote it in the
Page's time zone, which the file does not state, so it is read in the workspace zone.
Pairs of columns with the same name keep the first as-is and the second as ``name (2)``.
"""

from __future__ import annotations

import re

import pandas as pd

from smo_metrics.ingest import Context
from smo_metrics.ingest.base import Builder, Table, find_header, localize_to_utc
from smo_metrics.ingest.parse import detect_decimal
from smo_metrics.ingest.text import Sheet

_PAGE = [{"date", "lifetime total likes"}, {"date", "daily new likes"}]
_POST = [{"post id", "post message", "posted"}]
_PAGE_METRICS = ("followers", "followers_gained", "followers_lost", "reach", "impressions", "engagements", "views")
_POST_METRICS = ("reach", "impressions", "clicks", "likes", "comments", "shares", "link_clicks", "views")


def _sheets(ctx: Context) -> list[tuple[Sheet, int, str]]:
    found = []
    for s in ctx.sheets:
        hi = find_header(s, _POST, within=4)
        if hi is not None:
            found.append((s, hi, "post"))
            continue
        hi = find_header(s, _PAGE, within=4)
        if hi is not None:
            found.append((s, hi, "page"))
    return found


def detect(ctx: Context) -> bool:
    return bool(_sheets(ctx))


def _description_rows(sheet: Sheet, hi: int) -> int:
    """1 when the row under the header is Facebook's description row (empty first cell)."""
    head = sheet.head(hi + 2)
    if len(head) > hi + 1:
        first = head[hi + 1].cells[0] if head[hi + 1].cells else ""
        if first is None or str(first).strip() == "":
            return 1
    return 0


def account_from_name(name: str) -> str | None:
    base = name.rsplit("/", 1)[-1]
    m = re.match(r"Facebook Insights Data Export(?: \(Post Level\))?(?: \(Video\))? - (.+?) - \d", base)
    return m.group(1) if m else None


def read(ctx: Context) -> list[Table]:
    tables = []
    for sheet, hi, level in _sheets(ctx):
        skip = _description_rows(sheet, hi)
        raw = sheet.table(hi, skip_after_header=skip)
        b = Builder(raw)
        warnings = ["The description row under the header was skipped (it is not data)."] if skip else []
        if level == "post":
            mapping = b.map_aliases("fb_legacy_post")
            numeric = [c for c in _POST_METRICS if c in mapping]
            b.decimal, note = detect_decimal([raw.series(mapping[c]) for c in numeric])
            b.text("post_id")
            b.require("post_id", "no post id")
            b.text("permalink")
            b.text("caption")
            pt = b.text("post_type")
            if pt is not None:
                b.set("post_type", pt.str.lower())
            for c in numeric:
                b.number(c)
            d = b.dates(mapping["published_at"])
            b.set("published_at", localize_to_utc(d.values, ctx.tz))
            b.set("published_date", d.values.dt.normalize())
            b.set("time_known", pd.Series(d.has_time, index=range(raw.n), dtype="boolean"))
            b.require("published_at", "no post time")
            warnings.append(f"Post times carry no time zone; read as {ctx.tz} (the workspace time zone).")
            kind = "posts"
        else:
            mapping = b.map_aliases("fb_legacy_page")
            numeric = [c for c in _PAGE_METRICS if c in mapping]
            b.decimal, note = detect_decimal([raw.series(mapping[c]) for c in numeric])
            d = b.dates(mapping["date"])
            b.set("date", d.values.dt.normalize())
            b.require("date", "no date")
            for c in numeric:
                b.number(c)
            kind = "account_daily"
        if note:
            warnings.append(note)
        account = account_from_name(ctx.name)
        if account is None:
            warnings.append("The file does not name the Page; set it when importing.")
        tables.append(
            b.finish(kind, "facebook", account, sheet.name, f"facebook_legacy_{level}", warnings, assumed_tz=ctx.tz)
        )
    return tables
