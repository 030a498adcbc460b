"""TikTok Studio exports (CSV, every field quoted, UTF-8 BOM): seven files, one layout each.

``Overview.csv`` (``"Date","Video Views","Profile Views","Likes","Comments","Shares"``),
``Viewers.csv`` (``"Date","Total Viewers","New Viewers","Returning Viewers"``) and
``FollowerHistory.csv`` (``"Date","Followers","Difference in followers from previous day"``) →
``account_daily``; ``FollowerActivity.csv`` (``"Date","Hour","Active followers"``) →
``follower_activity``; ``Content.csv`` (``"Time","Video title","Video link","Post time",...``) →
``posts``; ``FollowerGender.csv`` / ``FollowerTopTerritories.csv`` (``"Gender"|"Top territories",
"Distribution"``) → ``audience``. The business-account variant of the overview (unquoted,
``YYYY/MM/DD``, ``NAN``, ``Reached audience``, ``Net growth``...) is read by the same code.

Dates have no year (``"February 28"``, ``"8 de marzo"``, ``"1 de maio"``). A daily run gets the
latest years that end it on or before today (or the end of the range the file name gives); a
365-day file crosses a year boundary. ``Content.csv``'s ``Time`` is the export date; each post
time gets the latest year that puts it on or before that date. Only ``Content.csv`` names the
account (in its video links); the other files get none and say so.

Time zones: TikTok does not say which zone its days and hours follow. They are read as days
and hours in the workspace time zone (a ``Date (UTC)`` header says UTC, and is honoured), and
every table states the assumption.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pandas as pd

from smo_metrics.ingest import Context
from smo_metrics.ingest.aliases import normalized_set
from smo_metrics.ingest.base import Builder, Table, find_header, localize_to_utc
from smo_metrics.ingest.parse import (
    assign_years_before,
    assign_years_sequence,
    detect_decimal,
    filename_date_range,
    looks_yearless,
    missing_mask,
    parse_dates,
    parse_month_day,
    parse_numbers,
)
from smo_metrics.ingest.text import RawTable, Sheet
from smo_metrics.schema import ACCOUNT_DAILY_METRICS, POST_METRICS

PLATFORM = "tiktok"
NO_ACCOUNT = "The file does not name the account; give it when importing (files of one zip share it)."


@dataclass(frozen=True)
class Layout:
    """One TikTok Studio file: its alias family, the table it fills, the headers that identify it."""

    name: str
    family: str
    kind: str
    need: tuple[str, ...]


# Each layout is recognised by the metric headers it alone has: ``Date`` is not enough (every
# platform has one). The business overview matches "overview" (Video views + Profile views).
LAYOUTS: tuple[Layout, ...] = (
    Layout("content", "tiktok_content", "posts", ("permalink", "published_at")),
    Layout("activity", "tiktok_activity", "follower_activity", ("date", "hour", "active_followers")),
    Layout("viewers", "tiktok_viewers", "account_daily", ("date", "viewers", "new_viewers")),
    Layout("followers", "tiktok_followers", "account_daily", ("date", "followers", "followers_net")),
    Layout("overview", "tiktok_overview", "account_daily", ("date", "views", "profile_visits")),
    Layout("gender", "tiktok_followers", "audience", ("gender", "distribution")),
    Layout("territory", "tiktok_followers", "audience", ("territory", "distribution")),
)

GENDERS = {
    "female": "female",
    "male": "male",
    "other": "other",
    "others": "other",
    "femenino": "female",
    "mujer": "female",
    "feminino": "female",
    "perempuan": "female",
    "wanita": "female",
    "masculino": "male",
    "hombre": "male",
    "laki-laki": "male",
    "pria": "male",
    "otro": "other",
    "otros": "other",
    "outro": "other",
    "outros": "other",
    "lainnya": "other",
}


def _signatures(layout: Layout) -> list[set[str]]:
    return [set(combo) for combo in itertools.product(*(normalized_set(layout.family, c) for c in layout.need))]


def _find(sheet: Sheet) -> tuple[Layout, int] | None:
    for layout in LAYOUTS:
        hi = find_header(sheet, _signatures(layout), within=3)
        if hi is not None:
            return layout, hi
    return None


def detect(ctx: Context) -> bool:
    return any(_find(s) is not None for s in ctx.sheets)


def read(ctx: Context) -> list[Table]:
    tables = []
    for sheet in ctx.sheets:
        found = _find(sheet)
        if found is None:
            continue
        layout, hi = found
        raw = sheet.table(hi)
        if layout.kind == "posts":
            tables.append(_content(ctx, sheet, raw))
        elif layout.kind == "audience":
            tables.append(_audience(ctx, sheet, raw, layout))
        else:
            tables.append(_daily(ctx, sheet, raw, layout))
    return tables


def _delimiter(sheet: Sheet) -> str:
    return str(getattr(sheet, "delimiter", ","))


def _zone(header: str, tz: str) -> str:
    """``Date (UTC)`` says the zone; otherwise the workspace zone is assumed."""
    return "UTC" if "utc" in header.lower() else tz


def _day_dates(b: Builder, header: str, ctx: Context) -> tuple[pd.Series, list[str]]:
    """The calendar days of a daily file: year-less runs get years, dated files are parsed.

    Rows whose day cannot be read, or does not exist in the year assumed (``February 29`` of a
    common year), are rejected with the reason.

    Notes
    -----
    A year-less run ends on the latest date on or before ``ctx.today``, or on or before the end
    of the range the file name gives; years step back at each wrap (December → January).
    """
    values = b.raw_series(header)
    if not looks_yearless(values):
        d = b.dates(header)
        days = d.values.dt.normalize()
        b.reject(days.isna() & ~d.bad, "no date")
        return days, []
    b.used.add(header)
    month, day, bad = parse_month_day(values)
    text = values.astype("string").str.strip().str.slice(0, 60).fillna("")
    b.reject(bad, f"column '{header}': '" + text + "' is not a month and day we can read")
    rng = filename_date_range(ctx.name)
    days, note = assign_years_sequence(
        month, day, rng[1] if rng else ctx.today, anchor="the date range in the file name" if rng else None
    )
    readable = month.notna() & day.notna()
    b.reject(readable & days.isna(), f"column '{header}': '" + text + "' is not a day of the year assumed")
    b.reject(~readable & ~bad, "no date")
    return days, [note] if note else []


def _count_decimal(raw: RawTable, headers: list[str], sheet: Sheet) -> tuple[str, str | None]:
    """Counts are whole numbers, so a lone ``18.415`` can only be 18 415 (id-ID grouping)."""
    return detect_decimal([raw.series(h) for h in headers], _delimiter(sheet), prefer=",")


def _daily(ctx: Context, sheet: Sheet, raw: RawTable, layout: Layout) -> Table:
    b = Builder(raw)
    mapping = b.map_aliases(layout.family)
    metrics = ACCOUNT_DAILY_METRICS if layout.kind == "account_daily" else ("active_followers",)
    numeric = [c for c in metrics if c in mapping]
    b.decimal, dec_note = _count_decimal(raw, [mapping[c] for c in numeric], sheet)
    warnings = [dec_note] if dec_note else []
    days, notes = _day_dates(b, mapping["date"], ctx)
    warnings += notes
    b.set("date", days)
    for c in numeric:
        b.number(c)
    tz = _zone(mapping["date"], ctx.tz)
    if layout.kind == "follower_activity":
        hour_h = mapping["hour"]
        hours = b.number("hour")
        assert hours is not None
        text = raw.series(hour_h).astype("string").str.strip().str.slice(0, 20).fillna("")
        outside = hours.notna() & ~(hours.between(0, 23) & (hours % 1 == 0)).fillna(False)
        b.reject(outside, f"column '{hour_h}': '" + text + "' is not an hour of the day (0-23)")
        b.reject(missing_mask(raw.series(hour_h)), "no hour")
        warnings.append(f"Hours carry no time zone; read as hours of the day in {tz}.")
    else:
        warnings.append(f"Days carry no time zone; read as calendar days in {tz}.")
    warnings.append(NO_ACCOUNT)
    return b.finish(layout.kind, PLATFORM, None, ctx.name, f"tiktok_studio_{layout.name}", warnings, assumed_tz=tz)


def _export_date(raw: RawTable, header: str | None, anchor: pd.Timestamp) -> tuple[pd.Timestamp, str]:
    """The date Content.csv was exported (its ``Time`` column), and how it was read."""
    if header is None:
        return (
            anchor,
            f"The file does not say when it was exported; post dates are taken as on or before {anchor:%Y-%m-%d}.",
        )
    values = raw.series(header)
    if looks_yearless(values):
        month, day, _ = parse_month_day(values)
        exported = assign_years_before(month, day, anchor.date()).max()
        how = f"the latest such date on or before {anchor:%Y-%m-%d}"
    else:
        exported = parse_dates(values).values.max()
        how = "as written"
    if pd.isna(exported):
        return anchor, f"The export date cannot be read; post dates are taken as on or before {anchor:%Y-%m-%d}."
    exported = pd.Timestamp(exported).normalize()
    return exported, f"Lifetime totals as of the export on {exported:%Y-%m-%d} ({how})."


def _content(ctx: Context, sheet: Sheet, raw: RawTable) -> Table:
    b = Builder(raw)
    mapping = b.map_aliases("tiktok_content")
    numeric = [c for c in POST_METRICS if c in mapping]
    b.decimal, dec_note = _count_decimal(raw, [mapping[c] for c in numeric], sheet)
    warnings = [dec_note] if dec_note else []
    link = b.text("permalink")
    assert link is not None
    b.set("post_id", link.str.extract(r"/video/(\d+)", expand=False).astype("string"))
    b.reject(link.isna(), "no video link")
    b.reject(link.notna() & b.out["post_id"].isna(), "the video link has no /video/<id>")
    users = link.str.extract(r"/@([^/?#\s]+)", expand=False).dropna()
    account = str(users.mode().iloc[0]) if not users.empty else None
    if users.nunique() > 1:
        warnings.append(f"The video links name {users.nunique()} accounts; the most common, '{account}', is used.")
    if account is None:
        warnings.append(NO_ACCOUNT)
    b.text("caption")
    for c in numeric:
        b.number(c)
    rng = filename_date_range(ctx.name)
    anchor = pd.Timestamp(rng[1] if rng else ctx.today)
    exported_h = mapping.get("exported")
    if exported_h is not None:
        b.used.add(exported_h)
    # The export is made on or after the range the file name gives (usually the day after):
    # its year-less date is the first such date on or after the range's end.
    export_limit = anchor + pd.Timedelta(days=364) if rng else anchor
    exported, export_note = _export_date(raw, exported_h, export_limit)
    warnings.append(export_note)
    pub_h = mapping["published_at"]
    values = raw.series(pub_h)
    tz = ctx.tz
    if looks_yearless(values):
        b.used.add(pub_h)
        month, day, bad = parse_month_day(values)
        text = values.astype("string").str.strip().str.slice(0, 60).fillna("")
        b.reject(bad, f"column '{pub_h}': '" + text + "' is not a month and day we can read")
        local = assign_years_before(month, day, exported.date())
        readable = month.notna() & day.notna()
        b.reject(readable & local.isna(), f"column '{pub_h}': '" + text + "' is not a day of the year assumed")
        b.reject(~readable & ~bad, "no post time")
        has_time = False
        warnings.append(
            f"Post times have no year; each was given the latest year on or before the export date ({exported:%Y-%m-%d})."
        )
    else:
        d = b.dates(pub_h)
        local, has_time = d.values, d.has_time
        b.reject(local.isna() & ~d.bad, "no post time")
    b.set("published_at", localize_to_utc(local, tz))
    b.set("published_date", local.dt.normalize())
    b.set("time_known", pd.Series(has_time, index=range(raw.n), dtype="boolean"))
    b.set("post_type", "video")
    if has_time:
        warnings.append(f"Post times carry no time zone; read as {tz} (the workspace time zone).")
    else:
        warnings.append(f"Post times give the day only; published_at is midnight in {tz} (the workspace time zone).")
    return b.finish("posts", PLATFORM, account, ctx.name, "tiktok_studio_content", warnings, assumed_tz=tz)


def _audience(ctx: Context, sheet: Sheet, raw: RawTable, layout: Layout) -> Table:
    b = Builder(raw)
    mapping = b.map_aliases(layout.family)
    dimension = layout.name
    seg = b.text("segment", mapping[dimension])
    assert seg is not None
    if dimension == "gender":
        lower = seg.str.lower()
        b.set("segment", lower.astype(object).map(GENDERS).fillna(lower.astype(object)).astype("string[pyarrow]"))
    b.require("segment", f"no {dimension} name")
    dist_h = mapping["distribution"]
    b.decimal, dec_note = detect_decimal([raw.series(dist_h)], _delimiter(sheet))
    warnings = [dec_note] if dec_note else []
    share = b.number("value", dist_h)
    assert share is not None
    percent = parse_numbers(raw.series(dist_h), b.decimal).percent.any()
    if percent or share.sum(skipna=True) > 1.5:
        # TikTok writes fractions (0.59); a file in percent (59, or 59%) sums to about 100.
        b.set("value", share / 100)
        warnings.append("The distribution is in percent; it was divided by 100 to give shares (0-1).")
    b.set("dimension", dimension)
    b.set("population", "followers")
    b.set("unit", "share")
    rng = filename_date_range(ctx.name)
    if rng:
        b.set("as_of", pd.Series(pd.Timestamp(rng[1]), index=range(raw.n)))
    else:
        warnings.append("The file does not say on which date this breakdown was taken; as_of is left empty.")
    warnings.append(NO_ACCOUNT)
    return b.finish("audience", PLATFORM, None, ctx.name, f"tiktok_studio_{dimension}", warnings)
