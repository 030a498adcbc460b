"""LinkedIn Page exports: the content, followers and visitors workbooks (.xls or .xlsx).

One workbook yields a table per sheet it recognises, by the sheet's header row:

- Content workbook. ``Metrics`` (a description row above ``Date, Impressions (organic),
  ..., Engagement rate (total)``) → ``account_daily`` from the ``(total)`` columns. ``All posts``
  (description row, then ``Post title, Post link, Post type, ..., Created date, ...,
  Content Type``) → ``posts``: ``post_id`` is the ``urn:li:activity:N`` (or ugcPost/share urn)
  in the link, ``caption`` the post title, ``post_type`` the content type in lower case. ``Post
  type`` (Organic/Sponsored), CTR and engagement rate (fractions that can exceed 1) stay
  unmapped as given.
- Followers workbook (no description row). ``New followers`` → ``account_daily``:
  ``Total followers`` there is the day's total of *new* followers (``followers_gained``).
  Demographic sheets (``Location``, ``Job function``, ``Seniority``, ``Industry``, ``Company
  size``: ``<dimension>, Total followers``) → ``audience`` counts of the population
  "followers".
- Visitors workbook. ``Visitor metrics`` → ``account_daily`` (``views`` = Total page views
  (total), ``viewers`` = Total unique visitors (total)); the same demographic sheets with
  ``Total views`` → ``audience`` of the population "visitors".

Dates are text ``MM/DD/YYYY`` in UTC, as the content sheets' description rows say; sheets
without that row are read as UTC too, and the table says so. A post's creation date has no
time: ``published_at`` is midnight UTC and ``time_known`` False. The page is the file-name
prefix before ``_content_``, ``_followers_`` or ``_visitors_``; a 13-digit number in the name
is the export time in milliseconds (``..._1766385907708`` → 2025-12-22), used as the
demographics' ``as_of``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pandas as pd

from smo_metrics import schema
from smo_metrics.ingest import Context
from smo_metrics.ingest.aliases import normalized_set
from smo_metrics.ingest.base import Builder, Table, find_header, utc_series
from smo_metrics.ingest.text import Sheet, normalize_header

PLATFORM = "linkedin"
DATE_FORMATS = ("%m/%d/%Y", "%Y-%m-%d")

# The first header of a demographic sheet names the breakdown (the sheet's own vocabulary,
# like a sheet name; a new spelling goes here). Older exports say Function / Experience Level.
DEMOGRAPHICS = {
    "location": "city",
    "job function": "job_function",
    "function": "job_function",
    "seniority": "seniority",
    "experience level": "seniority",
    "industry": "industry",
    "company size": "company_size",
}
# The count column of a demographic sheet says whom it counts.
POPULATIONS = {"total followers": "followers", "total views": "visitors"}

_URN = re.compile(r"urn(?::|%3A)li(?::|%3A)(activity|ugcPost|share)(?::|%3A)(\d+)", re.IGNORECASE)
_ACCOUNT = re.compile(r"^(.+?)_(?:content|followers|visitors)_", re.IGNORECASE)
_EXPORT_MS = re.compile(r"(?<!\d)(\d{13})(?!\d)")


def _pairs(family_a: str, col_a: str, family_b: str, col_b: str) -> list[set[str]]:
    return [{a, b} for a in normalized_set(family_a, col_a) for b in normalized_set(family_b, col_b)]


def _signatures() -> dict[str, list[set[str]]]:
    """Header cells that identify each daily/post sheet (any one set, all of its names)."""
    return {
        "posts": _pairs("linkedin_posts", "permalink", "linkedin_posts", "published_at"),
        "metrics": _pairs("linkedin_metrics", "date", "linkedin_metrics", "impressions"),
        "visitors": _pairs("linkedin_visitors", "date", "linkedin_visitors", "views")
        + _pairs("linkedin_visitors", "date", "linkedin_visitors", "viewers"),
        "new_followers": _pairs("linkedin_new_followers", "date", "linkedin_new_followers", "followers_gained"),
    }


def _demographic_header(sheet: Sheet) -> int | None:
    """Index of a ``<dimension>, Total followers|Total views`` header row, if the sheet has one."""
    for i, row in enumerate(sheet.head(3)):
        cells = [normalize_header(c) for c in row.cells if c is not None and str(c).strip()]
        if len(cells) >= 2 and cells[0] in DEMOGRAPHICS and set(cells[1:]) & set(POPULATIONS):
            return i
    return None


def _classify(sheet: Sheet) -> tuple[str, int] | None:
    """Which LinkedIn sheet this is and the index of its header row in ``sheet.head()``."""
    for kind, sigs in _signatures().items():
        hi = find_header(sheet, sigs, within=3)
        if hi is not None:
            return kind, hi
    hi = _demographic_header(sheet)
    return ("demographic", hi) if hi is not None else None


def detect(ctx: Context) -> bool:
    return ctx.workbook and any(_classify(s) is not None for s in ctx.sheets)


def _label(sheet: Sheet) -> str:
    return sheet.name.split(" › ")[-1]


def read(ctx: Context) -> list[Table]:
    account = _account(ctx)
    exported = _export_date(ctx)
    tables: list[Table] = []
    unknown: list[str] = []
    for sheet in ctx.sheets:
        found = _classify(sheet)
        if found is None:
            if sheet.head(1):
                unknown.append(f"'{_label(sheet)}'")
            continue
        kind, hi = found
        tables.append(_READERS[kind](sheet, hi, account, exported))
    if unknown:
        ctx.warnings.append(
            f"Sheets not read (not a LinkedIn layout we know): {', '.join(unknown)}. Known sheets: "
            "Metrics, All posts, New followers, Visitor metrics and the demographic sheets "
            "(Location, Job function, Seniority, Industry, Company size)."
        )
    return tables


def _account(ctx: Context) -> str | None:
    m = _ACCOUNT.match(ctx.name.rsplit("/", 1)[-1])
    if m:
        return m.group(1).strip()
    ctx.warnings.append(
        "The file name does not name the LinkedIn page (LinkedIn names exports "
        "'<page>_content_<time>.xls', '<page>_followers_...' or '<page>_visitors_...'); the account is left empty."
    )
    return None


def _export_date(ctx: Context) -> dt.date | None:
    """The export time LinkedIn writes into the file name (milliseconds since 1970, UTC)."""
    m = _EXPORT_MS.search(ctx.name.rsplit("/", 1)[-1])
    if not m:
        return None
    day = dt.datetime.fromtimestamp(int(m.group(1)) / 1000, tz=dt.UTC).date()
    # A number that would put the export in the future is not an export time.
    return day if dt.date(2010, 1, 1) <= day <= ctx.today + dt.timedelta(days=1) else None


def _utc_stated(sheet: Sheet, hi: int) -> bool:
    """True when a description row above the header says the dates are in UTC."""
    text = " ".join(str(c) for row in sheet.head(hi) for c in row.cells if c is not None)
    return "utc" in text.lower()


def _utc_warning(sheet: Sheet, hi: int) -> list[str]:
    if _utc_stated(sheet, hi):
        return []
    return [
        "The sheet does not state a time zone; its dates are read as UTC, the zone LinkedIn states in its content exports."
    ]


def _dates(b: Builder, header: str | None, target: str) -> pd.Series | None:
    if header is None:
        b.reject(pd.Series(True, index=range(b.n)), "no date column")
        return None
    d = b.dates(header, DATE_FORMATS)
    day = d.values.dt.normalize()
    b.set(target, day)
    b.reject(d.values.isna() & ~d.bad, "no date")  # unreadable dates already have a reason
    return day


def _daily(family: str, reader: str) -> Callable[[Sheet, int, str | None, dt.date | None], Table]:
    def read_daily(sheet: Sheet, hi: int, account: str | None, exported: dt.date | None) -> Table:
        raw = sheet.table(hi)
        b = Builder(raw)
        mapping = b.map_aliases(family)
        _dates(b, mapping.get("date"), "date")
        for c in schema.ACCOUNT_DAILY_METRICS:
            if c in mapping:
                b.number(c)
        warnings = _utc_warning(sheet, hi)
        return b.finish("account_daily", PLATFORM, account, sheet.name, reader, warnings, assumed_tz="UTC")

    return read_daily


def _posts(sheet: Sheet, hi: int, account: str | None, exported: dt.date | None) -> Table:
    raw = sheet.table(hi)
    b = Builder(raw)
    mapping = b.map_aliases("linkedin_posts")
    warnings = _utc_warning(sheet, hi)
    link = b.text("permalink")
    if link is not None:
        parts = link.str.extract(_URN)
        urn = "urn:li:" + parts[0] + ":" + parts[1]
        no_urn = urn.isna() & link.notna()
        if no_urn.any():
            warnings.append(f"{int(no_urn.sum())} post links hold no urn:li id; the link itself is their post_id.")
        b.set("post_id", urn.fillna(link).astype("string"))
    b.require("post_id", "no post link")
    b.text("caption")
    for c in schema.POST_METRICS:
        if c in mapping:
            b.number(c)
    ptype = b.text("post_type")
    if ptype is not None:
        b.set("post_type", ptype.str.lower())
        b.used.discard(mapping["post_type"])  # the platform's own label stays as an unmapped column
    day = _dates(b, mapping.get("published_at"), "published_date")
    if day is not None:
        # A creation date without a time: midnight UTC, and time_known says so.
        b.set("published_at", utc_series(day))
        b.set("time_known", pd.Series(False, index=range(raw.n), dtype="boolean"))
    when = f" ({exported:%Y-%m-%d}, from the file name)" if exported else ""
    warnings.append(f"Post metrics are lifetime totals as of the export{when}.")
    return b.finish("posts", PLATFORM, account, sheet.name, "linkedin_posts", warnings, assumed_tz="UTC")


def _demographic(sheet: Sheet, hi: int, account: str | None, exported: dt.date | None) -> Table:
    raw = sheet.table(hi)
    b = Builder(raw)
    segment_h = raw.header[0]
    value_h = next(h for h in raw.header[1:] if normalize_header(h) in POPULATIONS)
    b.text("segment", segment_h)
    b.require("segment", "no segment name")
    b.number("value", value_h)
    b.set("population", POPULATIONS[normalize_header(value_h)])
    b.set("dimension", DEMOGRAPHICS[normalize_header(segment_h)])
    b.set("unit", "count")
    if exported is not None:
        b.set("as_of", pd.Series(pd.Timestamp(exported), index=range(raw.n)))
        note = (
            "The export does not say as of when these counts were taken; the export time in the "
            f"file name ({exported:%Y-%m-%d}, UTC) is used as their as_of date."
        )
    else:
        note = (
            "The export does not say as of when these counts were taken and the file name holds no "
            "export time; as_of is left empty."
        )
    return b.finish("audience", PLATFORM, account, sheet.name, "linkedin_audience", [note])


_READERS: dict[str, Callable[[Sheet, int, str | None, dt.date | None], Table]] = {
    "metrics": _daily("linkedin_metrics", "linkedin_metrics"),
    "visitors": _daily("linkedin_visitors", "linkedin_visitors"),
    "new_followers": _daily("linkedin_new_followers", "linkedin_followers"),
    "posts": _posts,
    "demographic": _demographic,
}
