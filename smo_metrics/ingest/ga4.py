"""Google Analytics 4 report downloads (CSV).

A GA4 CSV opens with ``#`` comment lines (a rule, the report name, ``# Account: ...``,
``# Property: ...``, the comparison name, ``# Start date: 20260224``, ``# End date: 20260323``),
then a header whose first column is the report's dimension (``Page path and screen class``,
``Country``, ``Date``...) followed by metrics (``Views``, ``Active users``, ``Average
engagement time per active user``, ``Event count``, ``Key events``, ``Total revenue``). One
download can hold several such tables, each after a blank line and its own ``#`` lines; every
table becomes its own ``web`` table. The property (``# Property:``) is the account; the first
column's header and values are ``dimension_name`` / ``dimension_value`` (text, as written);
``date_start`` / ``date_end`` come from the preamble, or from each row when the dimension is
``Date`` (YYYYMMDD) or ``Nth day`` (days after the start date).

GA4 exports only the *average* engagement time per active user, so the total is rebuilt:
``engagement_time_s = average engagement time per active user × active users``.

Dates are calendar days in the property's reporting time zone, which the file does not name;
they are kept as written and nothing is converted, so no zone is assumed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pandas as pd

from smo_metrics.errors import DataError
from smo_metrics.ingest import Context
from smo_metrics.ingest.aliases import ALIASES, normalized_set
from smo_metrics.ingest.base import Builder, Table
from smo_metrics.ingest.parse import detect_decimal
from smo_metrics.ingest.text import RawTable, Row, Sheet, TextSheet, normalize_header

FAMILY = "ga4"
PLATFORM = "google_analytics"
METRICS = ("views", "active_users", "event_count", "key_events", "revenue")

# Labels of the "# Label: value" preamble lines (English as seen; add other UI languages here).
PREAMBLE_KEYS: dict[str, tuple[str, ...]] = {
    "account": ("account",),
    "property": ("property",),
    "start": ("start date",),
    "end": ("end date",),
}
# Dimensions whose values date each row: calendar days (YYYYMMDD) and day offsets from the start.
DATE_DIMENSIONS = ("date",)
NTH_DAY_DIMENSIONS = ("nth day",)

_PREAMBLE = re.compile(r"^#\s*(?P<key>[^:]+?)\s*:\s*(?P<value>.*?)\s*$")


def _is_comment(row: Row) -> bool:
    return str(row.cells[0]).lstrip().startswith("#")


def _comment_text(row: Row, delimiter: str) -> str:
    # The CSV reader splits "# Property: Acme, Inc" at the comma; put the line back together.
    return delimiter.join(str(c) for c in row.cells).rstrip(delimiter).strip()


def _first_table(sheet: Sheet) -> int | None:
    """Index in ``sheet.head()`` of the first header row (the first row that is not a comment)."""
    for i, row in enumerate(sheet.head(40)):
        if not _is_comment(row):
            return i
    return None


def detect(ctx: Context) -> bool:
    if ctx.workbook or not isinstance(ctx.sheet, TextSheet):
        return False
    head = ctx.sheet.head(40)
    if not head or not _is_comment(head[0]):
        return False
    hi = _first_table(ctx.sheet)
    if hi is None:
        return False
    info = _preamble(head[:hi], ctx.sheet.delimiter)
    metrics = set().union(*(normalized_set(FAMILY, c) for c in ALIASES[FAMILY]))
    header = {normalize_header(c) for c in head[hi].cells}
    return "start" in info or "property" in info or bool(metrics & header)


def read(ctx: Context) -> list[Table]:
    sheet = ctx.sheet
    assert isinstance(sheet, TextSheet)
    hi = _first_table(sheet)
    if hi is None:
        raise DataError(
            "the file holds only '#' comment lines. Expected a GA4 report download: '#' lines, "
            "then a header row such as 'Page path and screen class,Views,Active users,...'.",
            ctx.name,
        )
    # With only one table the body needs no stop rule and takes the fast reader.
    several = _has_later_comment(sheet)
    tables: list[Table] = []
    context: dict[str, str] = {}
    start = 0
    while hi is not None:
        head = sheet.head(hi + 1)
        context = {**context, **_preamble(head[start:hi], sheet.delimiter)}
        raw = sheet.table(hi, stop=_end_of_table(_filled(head[hi])) if several else None)
        tables.append(_web_table(ctx, sheet, raw, context))
        if not several:
            break
        # The next table, if any, starts right after this one's records (head() counts the
        # same non-blank records as table()).
        start = hi + 1 + raw.n
        hi = _next_header(sheet, start)
    return tables


def _filled(row: Row) -> int:
    return sum(1 for c in row.cells if str(c).strip())


def _end_of_table(width: int) -> Callable[[Row], bool]:
    """A table ends at a ``#`` line. A data row whose first value starts with ``#`` (a page
    title, say) fills every column, so only rows with fewer cells than the header end it."""

    def stop(row: Row) -> bool:
        return _is_comment(row) and _filled(row) < width

    return stop


def _has_later_comment(sheet: TextSheet) -> bool:
    body = re.search(r"(?m)^(?!\s*#)(?=.*\S)", sheet.text)
    return body is not None and re.search(r"(?m)^\s*#", sheet.text[body.start() :]) is not None


def _next_header(sheet: Sheet, start: int) -> int | None:
    """Index of the first non-comment row at or after head row ``start`` (None at the end)."""
    want = start + 40
    while True:
        head = sheet.head(want)
        for i in range(start, len(head)):
            if not _is_comment(head[i]):
                return i
        if len(head) < want:
            return None  # only comment lines follow
        start, want = len(head), want + 40


def _preamble(rows: list[Row], delimiter: str) -> dict[str, str]:
    """The ``# Label: value`` lines we use: account, property, start and end date."""
    out: dict[str, str] = {}
    for row in rows:
        m = _PREAMBLE.match(_comment_text(row, delimiter))
        if not m:
            continue
        label = m.group("key").strip().lower()
        for key, labels in PREAMBLE_KEYS.items():
            if label in labels and m.group("value"):
                out[key] = m.group("value")
    return out


def _day(text: str | None) -> dt.date | None:
    """A preamble date (``20260224``); None when absent or unreadable."""
    for fmt in ("%Y%m%d", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime((text or "").strip(), fmt).date()
        except ValueError:
            continue
    return None


def _web_table(ctx: Context, sheet: TextSheet, raw: RawTable, context: dict[str, str]) -> Table:
    """One GA4 table as a ``web`` table.

    Notes
    -----
    GA4 exports only the *average* engagement time per active user; the total is
    reconstructed as ``engagement_time_s = average engagement time per active user ×
    active users`` (missing when either is missing). The average stays as an unmapped
    column under its own header.
    """
    b = Builder(raw)
    mapping = b.map_aliases(FAMILY)
    numeric = [c for c in (*METRICS, "avg_engagement_time") if c in mapping]
    b.decimal, note = detect_decimal([raw.series(mapping[c]) for c in numeric], sheet.delimiter)
    warnings = [note] if note else []
    for c in METRICS:
        if c in mapping:
            b.number(c)
    avg = b.number("avg_engagement_time")
    if avg is not None:
        b.out.pop("avg_engagement_time")
        b.used.discard(mapping["avg_engagement_time"])
        users = b.out.get("active_users")
        if users is not None:
            b.set("engagement_time_s", avg * users)
    first = raw.header[0]
    dim = normalize_header(first)
    if first in mapping.values():
        # No dimension column: the table is a single total over the date range.
        dim = ""
    else:
        b.set("dimension_name", first)
        b.text("dimension_value", first)
    start, end = _day(context.get("start")), _day(context.get("end"))
    if dim in DATE_DIMENSIONS:
        d = b.dates(first, ("%Y%m%d", "%Y-%m-%d"))
        b.set("date_start", d.values.dt.normalize())
        b.set("date_end", d.values.dt.normalize())
        b.reject(d.values.isna() & ~d.bad, "no date")  # unreadable dates already have a reason
    elif dim in NTH_DAY_DIMENSIONS and start is not None:
        offset = pd.to_numeric(raw.series(first).astype("string").str.strip(), errors="coerce")
        days = pd.Timestamp(start) + pd.to_timedelta(offset, unit="D")
        b.set("date_start", days)
        b.set("date_end", days)
        b.require("date_start", f"'{first}' is not a day number")
    elif start is not None and end is not None:
        b.set("date_start", pd.Series(pd.Timestamp(start), index=range(raw.n)))
        b.set("date_end", pd.Series(pd.Timestamp(end), index=range(raw.n)))
    else:
        warnings.append("The file does not give its date range ('# Start date' / '# End date'); dates are left empty.")
    account = context.get("property")
    if not account:
        warnings.append("The file does not name the GA4 property ('# Property:' line); the account is left empty.")
    return b.finish("web", PLATFORM, account, ctx.name, "ga4", warnings)
