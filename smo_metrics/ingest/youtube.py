"""YouTube Studio exports (CSV, often several in one zip).

``Table data.csv`` by video: ``Content,Video title,Video publish time,Duration,Views,Watch
time (hours),Subscribers,Impressions,Impressions click-through rate (%)`` → ``posts``. The line
under the header is ``Total,...``: the channel's total, not a video. It goes to ``rejected`` and a
warning compares it with the sum of the videos listed (YouTube's total also counts videos the
table leaves out, so the two need not be equal). Video ids can start with ``-`` and then carry a
leading space; ids are stripped. ``Subscribers`` (net subscribers the video brought) →
``follows``; the click-through rate stays unmapped as written (percent).

``Table data.csv`` by another first column: ``Date`` → ``account_daily``; ``Geography``,
``Viewer age``, ``Viewer gender`` → ``audience`` (``Views (%)`` / 100 as a share when the
column exists, else the view count). ``Chart data.csv`` (``Date,Content,...,Views``, one row per
video per day) → ``post_daily``. ``Totals.csv`` (``Date,<metric>``) → ``account_daily``, with
``Subscribers`` as the day's net change (``followers_net``).

Publish times are dates only (``Aug 28, 2025``; ``13-06-2025`` DD-MM after an Excel re-save;
``2025-08-28``): ``published_at`` is midnight of that date in the workspace time zone, in UTC,
``published_date`` keeps the date as written and ``time_known`` is False. The files do not name
the channel, so the account is left empty.
"""

from __future__ import annotations

import pandas as pd

from smo_metrics import schema
from smo_metrics.errors import DataError
from smo_metrics.ingest import Context
from smo_metrics.ingest.aliases import normalized_set
from smo_metrics.ingest.base import Builder, Table, localize_to_utc
from smo_metrics.ingest.parse import detect_decimal, filename_date_range, parse_dates
from smo_metrics.ingest.text import RawTable, Sheet, normalize_header

FAMILY = "youtube_table"
TOTALS = "youtube_totals"
PLATFORM = "youtube"

DATE_FORMATS = ("%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%Y-%m-%d", "%d-%m-%Y")

# First column of a Table data breakdown → audience dimension (a new UI language goes here).
BREAKDOWNS = {"geography": "country", "viewer age": "age", "viewer gender": "gender"}
# Base names of the files a Studio zip holds.
STUDIO_FILES = ("table data.csv", "chart data.csv", "totals.csv")

NO_CHANNEL = "YouTube Studio exports do not name the channel; the account is left empty."


def _views_share_headers() -> set[str]:
    """``Views (%)`` in every language the views alias knows."""
    return {f"{v} (%)" for v in normalized_set(FAMILY, "views")}


def _layout(sheet: Sheet, name: str) -> str | None:
    """Which YouTube Studio table ``sheet`` holds: videos, chart, daily, audience, other, or None."""
    head = sheet.head(2)
    if not head:
        return None
    header = [normalize_header(c) for c in head[0].cells]
    first, rest = header[0], set(header[1:])
    total_row = len(head) > 1 and str(head[1].cells[0]).strip().lower() == "total"
    ids = normalized_set(FAMILY, "post_id")
    dates = normalized_set(FAMILY, "date")
    views = normalized_set(FAMILY, "views") | _views_share_headers()
    youtube_only = (
        normalized_set(TOTALS, "watch_time_hours")
        | normalized_set(TOTALS, "followers_net")
        | {f"{w} (%)" for w in normalized_set(TOTALS, "watch_time_hours")}
    )
    totals_metrics = set().union(*(normalized_set(TOTALS, c) for c in schema.ACCOUNT_DAILY_METRICS))
    studio_file = name.rsplit("/", 1)[-1].strip().lower() in STUDIO_FILES
    if first in ids and (rest & (normalized_set(FAMILY, "caption") | views)):
        return "videos"
    if first in dates and rest & ids:
        return "chart"
    if first in dates and (total_row or rest & youtube_only or (len(header) == 2 and rest <= totals_metrics)):
        return "daily"
    if first in dates and studio_file:
        return "daily"
    if first in BREAKDOWNS and rest & views:
        return "audience"
    if (total_row or studio_file) and rest & views:
        return "other"
    return None


def detect(ctx: Context) -> bool:
    return not ctx.workbook and _layout(ctx.sheet, ctx.name) is not None


def read(ctx: Context) -> list[Table]:
    sheet = ctx.sheet
    layout = _layout(sheet, ctx.name)
    raw = sheet.table(0)
    if layout == "videos":
        return [_videos(ctx, raw)]
    if layout == "chart":
        return [_chart(ctx, raw)]
    if layout == "daily":
        return [_daily(ctx, raw)]
    if layout == "audience":
        return [_audience(ctx, raw)]
    raise DataError(
        f"this YouTube Studio table is broken down by '{raw.header[0]}', which is not read. "
        "Readable tables have 'Content' (videos), 'Date', 'Geography', 'Viewer age' or 'Viewer gender' "
        "as first column; export one of those from YouTube Studio (Advanced mode).",
        ctx.name,
    )


def _total_rows(raw: RawTable) -> pd.Series:
    """Rows whose first cell is ``Total`` (YouTube's line for the whole channel or period)."""
    first = raw.series(raw.header[0]).astype("string").str.strip().str.lower()
    return (first == "total").fillna(False).astype(bool)


def _numbers(b: Builder, raw: RawTable, mapping: dict[str, str], names: tuple[str, ...]) -> None:
    numeric = [c for c in names if c in mapping]
    b.decimal, note = detect_decimal([raw.series(mapping[c]) for c in numeric])
    if note:
        b.warnings.append(note)
    for c in numeric:
        b.number(c)


def _published(b: Builder, raw: RawTable, header: str, tz: str) -> None:
    d = b.dates(header, DATE_FORMATS)
    b.set("published_at", localize_to_utc(d.values, tz))
    b.set("published_date", d.values.dt.normalize())
    b.set("time_known", pd.Series(d.has_time, index=range(raw.n), dtype="boolean"))
    if d.has_time:
        b.warnings.append(f"Publish times carry no time zone; read as {tz} (the workspace time zone).")
    else:
        b.warnings.append(
            f"Publish times are dates only; each is read as midnight in {tz} (the workspace time zone), "
            "and published_date keeps the date as written."
        )


def _videos(ctx: Context, raw: RawTable) -> Table:
    b = Builder(raw)
    mapping = b.map_aliases(FAMILY)
    ids = b.text("post_id")
    assert ids is not None
    total = _total_rows(raw)
    b.reject(total, "total row: a channel total, not a video")
    b.require("post_id", "no video id")
    b.text("caption")
    _numbers(b, raw, mapping, ("duration_s", *schema.POST_METRICS))
    tz = None
    if "published_at" in mapping:
        tz = ctx.tz
        _published(b, raw, mapping["published_at"], tz)
    views = b.out.get("views")
    if views is not None and total.any():
        listed = ~total & ids.notna()
        b.warnings.append(
            f"The Total line gives {views[total].sum():,.0f} views; the {int(listed.sum())} videos listed "
            f"sum to {views[listed].sum():,.0f}. YouTube's total covers the whole channel, including "
            "videos the table does not list, so the two need not be equal."
        )
    return b.finish("posts", PLATFORM, None, ctx.name, "youtube_table", [NO_CHANNEL], assumed_tz=tz)


def _chart(ctx: Context, raw: RawTable) -> Table:
    b = Builder(raw)
    mapping = b.map_aliases(FAMILY)
    b.text("post_id")
    b.reject(_total_rows(raw), "total row: a channel total, not a video")
    b.require("post_id", "no video id")
    d = b.dates(mapping["date"], DATE_FORMATS)
    b.set("date", d.values.dt.normalize())
    b.reject(d.values.isna() & ~d.bad, "no date")  # unreadable dates already have a reason
    _numbers(b, raw, mapping, schema.POST_METRICS)
    # Title, publish time and duration repeat the video's facts; they stay as unmapped columns.
    return b.finish("post_daily", PLATFORM, None, ctx.name, "youtube_chart", [NO_CHANNEL])


def _daily(ctx: Context, raw: RawTable) -> Table:
    b = Builder(raw)
    mapping = b.map_aliases(TOTALS)
    header = raw.header[0]
    total = _total_rows(raw)
    b.reject(total, "total row: the total of the period, not a day")
    # Dates are parsed with the Total line left out, so that line carries one reason only.
    b.used.add(header)
    d = parse_dates(raw.series(header).mask(total.to_numpy()), DATE_FORMATS)
    shown = raw.series(header).astype("string").str.slice(0, 60).fillna("")
    b.reject(d.bad, "column '" + header + "': '" + shown + "' is not a date we can read")
    b.set("date", d.values.dt.normalize())
    b.reject(d.values.isna() & ~d.bad & ~total, "no date")
    _numbers(b, raw, mapping, schema.ACCOUNT_DAILY_METRICS)
    return b.finish("account_daily", PLATFORM, None, ctx.name, "youtube_totals", [NO_CHANNEL])


def _audience(ctx: Context, raw: RawTable) -> Table:
    b = Builder(raw)
    mapping = b.map_aliases(FAMILY)
    header = raw.header[0]
    dimension = BREAKDOWNS[normalize_header(header)]
    segment = b.text("segment", header)
    assert segment is not None
    if dimension == "age":
        # Studio writes age groups as "age18-24" and "age65-"; stored as "18-24" and "65+".
        segment = segment.str.replace(r"(?i)^age\s*", "", regex=True).str.replace(r"^(\d+)-$", r"\1+", regex=True)
        b.set("segment", segment)
    b.reject(_total_rows(raw), "total row: the whole audience, not a segment")
    b.require("segment", "no segment")
    shares = _views_share_headers()
    share_h = next((h for h in raw.header if normalize_header(h) in shares), None)
    if share_h is not None:
        b.number("value", share_h, scale=0.01)
        b.set("unit", "share")
    elif "views" in mapping:
        b.number("value", mapping["views"])
        b.set("unit", "count")
    else:
        raise DataError(
            f"the '{header}' table has no 'Views (%)' or 'Views' column; found: {', '.join(raw.header)}.",
            ctx.name,
        )
    b.set("population", "audience")
    b.set("dimension", dimension)
    warnings = [NO_CHANNEL]
    rng = filename_date_range(ctx.name)
    if rng is not None:
        b.set("as_of", pd.Series(pd.Timestamp(rng[1]), index=range(raw.n)))
        warnings.append(
            f"The breakdown covers {rng[0]:%Y-%m-%d} to {rng[1]:%Y-%m-%d} (from the file name); "
            "its end date is used as as_of."
        )
    else:
        warnings.append("The export does not say which period this breakdown covers; as_of is left empty.")
    return b.finish("audience", PLATFORM, None, ctx.name, "youtube_audience", warnings)
