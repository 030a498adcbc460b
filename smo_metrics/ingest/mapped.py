"""Reading a CSV/XLSX nobody recognised, with a column mapping the user gives.

The Data page lets the user point each canonical column (a date, metrics, an id) at a header
of their file; the mapping can be saved and reused. Typing, rejection and unmapped columns
work exactly as for the known exports.
"""

from __future__ import annotations

import datetime as dt
import os

import pandas as pd

from smo_metrics import schema
from smo_metrics.errors import DataError, UsageError
from smo_metrics.ingest.base import Builder, FileResult, localize_to_utc
from smo_metrics.ingest.parse import DATE_FORMATS, detect_decimal

# The column a row of each kind cannot do without.
REQUIRED: dict[str, tuple[str, ...]] = {
    "posts": ("published_at",),
    "post_daily": ("post_id", "date"),
    "account_daily": ("date",),
    "audience": ("segment", "value"),
    "follower_activity": ("date", "hour"),
    "ads": ("date_start",),
    "web": ("dimension_value",),
}


def read_mapped(
    source: str | os.PathLike[str] | bytes,
    mapping: dict[str, str],
    *,
    kind: str,
    platform: str,
    account: str | None = None,
    name: str | None = None,
    tz: str = "Asia/Jakarta",
    date_format: str | None = None,
    decimal: str | None = None,
    header_row: int = 0,
) -> FileResult:
    """Read ``source`` with ``mapping`` (canonical column → header in the file).

    Parameters
    ----------
    kind, platform
        The canonical table and platform the rows belong to.
    date_format
        A ``strftime`` format for the date columns; by default every known form is tried.
    decimal
        ``"."`` or ``","``; by default decided from the values.
    header_row
        Which non-blank row holds the header (0 = the first).

    Notes
    -----
    Naive timestamps are read in ``tz``. Rows without the columns in :data:`REQUIRED` for
    the kind are rejected with their line.
    """
    from smo_metrics.ingest import open_sheets

    spec = schema.columns(kind)
    if platform not in schema.PLATFORMS:
        raise UsageError(f"unknown platform {platform!r}")
    unknown = [c for c in mapping if c not in spec]
    if unknown:
        raise UsageError(f"not columns of {kind}: {', '.join(unknown)}")
    fname, sheets = open_sheets(source, name)
    sheet = sheets[0]
    if len(sheet.head(header_row + 1)) <= header_row:
        raise DataError(f"the file has no row {header_row + 1} to use as the header.", fname)
    raw = sheet.table(header_row)
    missing = [h for h in mapping.values() if h not in raw.header]
    if missing:
        raise DataError(
            f"the mapping names columns the file does not have: {', '.join(missing)}. "
            f"The file's columns are: {', '.join(raw.header[:30])}.",
            fname,
        )
    b = Builder(raw)
    b.mapping.update(mapping)
    numeric = [c for c, t in spec.items() if t in ("float", "int") and c in mapping]
    if decimal is None:
        decimal, _ = detect_decimal([raw.series(mapping[c]) for c in numeric], getattr(sheet, "delimiter", ","))
    b.decimal = decimal
    formats = (date_format,) if date_format else DATE_FORMATS
    for col, typ in spec.items():
        if col not in mapping or col in ("platform", "account"):
            continue
        if typ in ("float", "int"):
            b.number(col)
        elif typ == "str":
            b.text(col)
        elif typ == "bool":
            b.text(col)
        elif typ in ("date", "utc"):
            d = b.dates(mapping[col], formats)
            if typ == "date":
                b.set(col, d.values.dt.normalize())
            else:
                if d.utc:
                    b.set(col, d.values.dt.tz_localize("UTC"))
                else:
                    b.set(col, localize_to_utc(d.values, tz))
                if kind == "posts" and col == "published_at":
                    local = (
                        d.values if not d.utc else d.values.dt.tz_localize("UTC").dt.tz_convert(tz).dt.tz_localize(None)
                    )
                    b.set("published_date", local.dt.normalize())
                    b.set("time_known", pd.Series(d.has_time, index=range(raw.n), dtype="boolean"))
    for col in REQUIRED.get(kind, ()):
        b.require(col, f"no {col.replace('_', ' ')}")
    if kind == "posts" and "post_id" not in mapping:
        # A post needs an identity; without an id column, the row number within the file stands in.
        b.set("post_id", pd.Series([f"{fname}#{i + 1}" for i in range(raw.n)], dtype="string"))
    if kind == "ads" and "date_end" not in mapping and "date_start" in b.out:
        b.set("date_end", b.out["date_start"])
    table = b.finish(
        kind,
        platform,
        account,
        fname,
        "mapped",
        [f"Read with a column mapping ({len(mapping)} columns)."],
        assumed_tz=tz,
    )
    _ = dt
    return FileResult(fname, [table], [])


def guess_mapping(headers: list[str], kind: str) -> dict[str, str]:
    """A first guess of the mapping for an unknown file: canonical column → header.

    A header matches a canonical column when, after :func:`~smo_metrics.ingest.aliases.normalize_header`,
    it equals the column's name (``published_at`` or ``published at``) or any spelling the known
    exports use for it (:data:`~smo_metrics.ingest.aliases.ALIASES`, every family, English and
    Indonesian). Each header is used once; ``platform`` and ``account`` are never guessed (the
    user names them). The user checks and corrects the guess before reading.
    """
    from smo_metrics.ingest.aliases import ALIASES, normalize_header

    by_norm: dict[str, str] = {}
    for h in headers:
        by_norm.setdefault(normalize_header(h), h)
    out: dict[str, str] = {}
    for canonical in schema.columns(kind):
        if canonical in ("platform", "account"):
            continue
        names = [canonical, canonical.replace("_", " ")]
        for family in ALIASES.values():
            names.extend(family.get(canonical, ()))
        for name in names:
            found = by_norm.get(normalize_header(name))
            if found is not None and found not in out.values():
                out[canonical] = found
                break
    return out
