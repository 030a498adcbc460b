"""Instagram and Facebook post exports from Meta Business Suite (content export, CSV).

Instagram: ``"Post ID","Account ID","Account username",...,"Publish time",...,Views,Reach,Likes,...``.
Facebook: ``"Post ID","Page ID","Page name",Title,...,Reach,"Reactions, Comments and Shares",...``
(Reactions are stored as ``likes``; the combined column as ``platform_engagements``).

``Date`` is ``Lifetime`` in a lifetime export (one row per post → ``posts``); when it holds
dates the export is per day (→ ``post_daily``). ``Publish time`` is ``MM/DD/YYYY HH:MM`` with
no zone: Meta writes it in the zone of the person exporting, so it is read in the workspace
time zone and the table says so.
"""

from __future__ import annotations

import pandas as pd

from smo_metrics.ingest import Context
from smo_metrics.ingest.aliases import normalized_set, prefers_comma_decimal
from smo_metrics.ingest.base import Builder, Table, find_header, localize_to_utc
from smo_metrics.ingest.parse import detect_decimal, filename_date_range, missing_mask

FAMILY = "meta_posts"

POST_TYPES = {
    "ig reel": "reel",
    "ig image": "image",
    "ig carousel": "carousel",
    "ig story": "story",
    "photos": "photo",
    "photo": "photo",
    "videos": "video",
    "video": "video",
    "reels": "reel",
    "reel": "reel",
    "links": "link",
    "link": "link",
    "text": "text",
    "status": "text",
    "live": "live",
    "carousel": "carousel",
    "image": "image",
}


def _signatures() -> list[set[str]]:
    ids = normalized_set(FAMILY, "post_id")
    times = normalized_set(FAMILY, "published_at")
    return [{i, t} for i in ids for t in times]


def detect(ctx: Context) -> bool:
    return not ctx.workbook and find_header(ctx.sheet, _signatures(), within=3) is not None


def read(ctx: Context) -> list[Table]:
    sheet = ctx.sheet
    hi = find_header(sheet, _signatures(), within=3)
    assert hi is not None
    raw = sheet.table(hi)
    b = Builder(raw)
    mapping = b.map_aliases(FAMILY)
    numeric = [
        c
        for c in (
            "views",
            "impressions",
            "reach",
            "likes",
            "comments",
            "shares",
            "saves",
            "follows",
            "clicks",
            "link_clicks",
            "profile_visits",
            "platform_engagements",
            "duration_s",
        )
        if c in mapping
    ]
    b.decimal, note = detect_decimal(
        [raw.series(mapping[c]) for c in numeric],
        getattr(sheet, "delimiter", ","),
        prefer="," if prefers_comma_decimal(raw.header) else None,
    )
    headers_norm = {h.strip().lower() for h in raw.header}
    platform = (
        "instagram"
        if ("account username" in headers_norm or "nama pengguna akun" in headers_norm)
        else ("facebook" if {"page id", "page name", "id halaman", "nama halaman"} & headers_norm else "meta")
    )
    b.text("post_id")
    b.require("post_id", "no post id")
    caption = b.text("caption")
    if platform == "facebook" and "title" in mapping:
        title = b.text("title")
        assert title is not None
        b.out.pop("title", None)
        b.set("caption", caption.fillna(title) if caption is not None else title)
        b.used.discard(mapping["title"])  # keep Title as an unmapped column too
    b.text("permalink")
    acct = b.text("account")
    name = b.text("account_name")
    b.out.pop("account_name", None)
    if name is not None:
        b.used.discard(mapping["account_name"])
    b.out.pop("account_id", None)
    for c in numeric:
        b.number(c)
    ptype = b.text("post_type")
    if ptype is not None:
        low = ptype.str.lower()
        b.set("post_type", low.map(POST_TYPES).astype("string[pyarrow]").fillna(low))
        b.used.discard(mapping["post_type"])  # the platform's own label stays as an unmapped column
    warnings = [note] if note else []
    tz = ctx.tz
    kind = "posts"
    if "published_at" in mapping:
        d = b.dates(mapping["published_at"])
        if d.utc:
            b.set("published_at", d.values.dt.tz_localize("UTC"))
            local = d.values.dt.tz_localize("UTC").dt.tz_convert(tz).dt.tz_localize(None)
        else:
            b.set("published_at", localize_to_utc(d.values, tz))
            local = d.values
            warnings.append(f"Publish times carry no time zone; read as {tz} (the workspace time zone).")
        b.set("published_date", local.dt.normalize())
        b.set("time_known", pd.Series(d.has_time, index=range(raw.n), dtype="boolean"))
    else:
        b.reject(pd.Series(True, index=range(raw.n)), "no publish time column")
    period_h = mapping.get("period")
    if period_h is not None:
        per = raw.series(period_h)
        lifetime = per.astype("string").str.strip().str.lower().isin(["lifetime", "seumur hidup", "livstid", "total"])
        lifetime = lifetime | missing_mask(per)
        if not lifetime.fillna(True).all():
            kind = "post_daily"
            dd = b.dates(period_h)
            b.set("date", dd.values.dt.normalize())
            b.require("date", "no date")
        else:
            b.used.add(period_h)
    account = _account(acct, name)
    if acct is not None:
        b.out.pop("account", None)
    rng = filename_date_range(ctx.name)
    if rng and kind == "posts":
        warnings.append(
            f"Lifetime totals as of the export (the file name gives the range {rng[0]:%Y-%m-%d} to {rng[1]:%Y-%m-%d})."
        )
    table = b.finish(kind, platform, account, ctx.name, f"{platform}_posts", warnings, assumed_tz=tz)
    if kind == "post_daily":
        keep = [c for c in table.data.columns if c not in ("published_at", "published_date", "time_known")]
        table.data = table.data[keep]
    return [table]


def _account(username: pd.Series | None, name: pd.Series | None) -> str | None:
    for s in (username, name):
        if s is not None:
            vals = s.dropna()
            if not vals.empty:
                return str(vals.mode().iloc[0])
    return None
