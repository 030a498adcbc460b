"""Read platform exports into canonical tables: the only code that reads files.

Entry points
------------
:func:`read_file` reads one file (CSV/TSV, XLSX, XLS or a ZIP of exports), detects which
export it is, and returns a :class:`FileResult` with one :class:`Table` per canonical table
found. :func:`read_mapped` reads a file nobody recognised with a column mapping the user gives.

Anything we cannot read raises :class:`smo_metrics.errors.DataError`, with a message that
says what was found and what would have been accepted. Rows we can read go into the table;
every other data row goes into ``Table.rejected`` with its line number and the reason.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pandas as pd

from smo_metrics.errors import DataError
from smo_metrics.ingest.base import FileResult, Table
from smo_metrics.ingest.text import GridSheet, Sheet, TextSheet, decode

__all__ = ["Context", "FileResult", "Limits", "Table", "assign_account", "read_file", "read_mapped", "DEFAULT_TZ"]

DEFAULT_TZ = "Asia/Jakarta"


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile or broken file from exhausting the server."""

    max_file_bytes: int = 512 * 1024 * 1024
    max_zip_members: int = 200
    max_uncompressed_bytes: int = 1024 * 1024 * 1024
    max_compression_ratio: float = 200.0


@dataclass
class Context:
    """What a reader sees: the file name, its sheets, and the workspace settings."""

    name: str
    sheets: list[Sheet]
    tz: str = DEFAULT_TZ
    today: dt.date = field(default_factory=dt.date.today)
    warnings: list[str] = field(default_factory=list)
    workbook: bool = False

    @property
    def sheet(self) -> Sheet:
        return self.sheets[0]


def _readers() -> list[ModuleType]:
    # Order matters only where two layouts could match one file: specific ones first.
    from smo_metrics.ingest import (
        fb_legacy,
        ga4,
        linkedin,
        meta_ads,
        meta_insights,
        meta_posts,
        tiktok_ads,
        tiktok_studio,
        x,
        youtube,
    )

    return [meta_insights, ga4, linkedin, fb_legacy, meta_posts, meta_ads, tiktok_ads, x, youtube, tiktok_studio]


ACCEPTED = (
    "Accepted exports: Instagram/Facebook post exports from Meta Business Suite, Meta Business Suite "
    "Insights files (Reach, Views, Follows, Audience…), legacy Facebook Insights, X/Twitter analytics, "
    "TikTok Studio (Overview, Content, Viewers, Follower history/activity/gender/territories), "
    "TikTok Ads Manager, LinkedIn Page workbooks, YouTube Studio (Table data, Chart data, Totals or "
    "their zip), Meta Ads Manager (CSV/XLSX), Google Analytics 4 CSV."
)


def read_file(
    source: str | os.PathLike[str] | bytes,
    name: str | None = None,
    *,
    tz: str = DEFAULT_TZ,
    today: dt.date | None = None,
    limits: Limits = Limits(),
) -> FileResult:
    """Read one export file into canonical tables.

    Parameters
    ----------
    source
        A path, or the file's bytes (from an upload).
    name
        The file name as the user sees it; needed with bytes (detection and year-less dates
        use it). Defaults to the path's base name.
    tz
        IANA time zone assumed for naive timestamps (the workspace zone).
    today
        The date year-less exports are anchored to (default: today).
    limits
        Size bounds; a file beyond them raises :class:`DataError` before it is parsed.

    Returns
    -------
    FileResult
        Tables found (a zip or workbook can hold several) and file-level warnings.
    """
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
        name = name or "upload"
    else:
        path = Path(source)
        name = name or path.name
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise DataError(f"the file cannot be opened ({exc.strerror}).", name) from None
        if size > limits.max_file_bytes:
            raise DataError(_too_big(size, limits), name)
        data = path.read_bytes()
    return _read_bytes(data, name, tz, today or dt.date.today(), limits, depth=0)


def _too_big(size: int, limits: Limits) -> str:
    return (
        f"the file is {size / 1e6:.1f} MB, above the limit of {limits.max_file_bytes / 1e6:.0f} MB. "
        "Export a shorter date range, or raise the limit in the workspace settings."
    )


def _read_bytes(data: bytes, name: str, tz: str, today: dt.date, limits: Limits, depth: int) -> FileResult:
    if len(data) > limits.max_file_bytes:
        raise DataError(_too_big(len(data), limits), name)
    if not data.strip():
        raise DataError("the file is empty. Expected a CSV, XLSX, XLS or ZIP export with a header row.", name)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        zf = _open_zip(data, name, limits)
        names = zf.namelist()
        if "[Content_Types].xml" in names:
            return _read_workbook(data, name, tz, today, "xlsx")
        if depth > 0:
            raise DataError("a zip inside a zip is not read; unpack it and upload the files.", name)
        return _read_zip(zf, name, tz, today, limits)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _read_workbook(data, name, tz, today, "xls")
    lowered = name.lower()
    if lowered.endswith((".xlsx", ".xls", ".xlsm", ".zip")):
        raise DataError(
            f"the name ends in {Path(name).suffix} but the content is not a workbook or zip "
            "(it may be damaged or renamed).",
            name,
        )
    decoded = decode(data, name)
    if decoded.text[:512].lstrip().lower().startswith(("<!doctype html", "<html")):
        raise DataError(
            "this is a web page (HTML), not an export. Download the CSV/XLSX from the platform again.", name
        )
    sheet = TextSheet(decoded.text, name)
    ctx = Context(name, [sheet], tz, today, list(decoded.warnings))
    return _dispatch(ctx)


def _open_zip(data: bytes, name: str, limits: Limits) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError, EOFError) as exc:
        raise DataError(f"the zip/workbook container is damaged ({exc}).", name) from None
    if len(infos) > max(limits.max_zip_members, 1000):
        raise DataError(f"the archive holds {len(infos)} entries; at most {limits.max_zip_members} are read.", name)
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > limits.max_uncompressed_bytes:
        raise DataError(
            f"the archive unpacks to {total / 1e6:.0f} MB, above the limit of "
            f"{limits.max_uncompressed_bytes / 1e6:.0f} MB.",
            name,
        )
    if total > 10_000_000 and total / packed > limits.max_compression_ratio:
        raise DataError(
            f"the archive expands {total / packed:.0f}-fold ({packed} bytes to {total} bytes): "
            "refused as a possible zip bomb.",
            name,
        )
    return zf


def _read_zip(zf: zipfile.ZipFile, name: str, tz: str, today: dt.date, limits: Limits) -> FileResult:
    tables: list[Table] = []
    warnings: list[str] = []
    members = [
        i
        for i in zf.infolist()
        if not i.is_dir() and not i.filename.startswith("__MACOSX/") and not Path(i.filename).name.startswith(".")
    ]
    if len(members) > limits.max_zip_members:
        raise DataError(f"the zip holds {len(members)} files; at most {limits.max_zip_members} are read.", name)
    errors = []
    for info in members:
        inner = f"{name}/{info.filename}"
        try:
            with zf.open(info) as fh:
                data = fh.read(limits.max_file_bytes + 1)
            res = _read_bytes(data, inner, tz, today, limits, depth=1)
        except DataError as exc:
            errors.append(str(exc))
            continue
        except (
            zipfile.BadZipFile,
            OSError,
            RuntimeError,
            NotImplementedError,
            zlib.error,
            EOFError,
            ValueError,
        ) as exc:
            errors.append(f"{inner}: cannot be unpacked, the zip is damaged ({type(exc).__name__}: {exc}).")
            continue
        tables.extend(res.tables)
        warnings.extend(res.warnings)
    if not tables:
        detail = "; ".join(errors) if errors else "it holds no files"
        raise DataError(f"no export could be read from this zip: {detail}", name)
    warnings.extend(f"Skipped: {e}" for e in errors)
    _share_accounts(tables, warnings)
    return FileResult(name, tables, warnings)


def assign_account(result: FileResult, account: str, platform: str | None = None) -> FileResult:
    """Give ``account`` to the tables of ``result`` whose export does not name one.

    Meta Insights, YouTube Studio and TikTok Ads files carry no account; the user names it
    when importing. Only tables without an account (and of ``platform``, when given) change.
    """
    for t in result.tables:
        if t.account or (platform is not None and t.platform != platform):
            continue
        t.account = account
        t.data["account"] = pd.array([account] * len(t.data), dtype="string[pyarrow]")
        t.warnings.append(f"The account '{account}' was given at import.")
    return result


def _share_accounts(tables: list[Table], warnings: list[str]) -> None:
    """Files exported together from one account: give the account to those that lack it."""
    by_platform: dict[str, set[str]] = {}
    for t in tables:
        if t.account:
            by_platform.setdefault(t.platform, set()).add(t.account)
    for t in tables:
        known = by_platform.get(t.platform, set())
        if not t.account and len(known) == 1:
            acct = next(iter(known))
            t.account = acct
            t.data["account"] = pd.array([acct] * len(t.data), dtype="string[pyarrow]")
            t.warnings.append(f"The account '{acct}' was taken from another file in the same zip.")


def _read_workbook(data: bytes, name: str, tz: str, today: dt.date, kind: str) -> FileResult:
    sheets = _workbook_sheets(data, name, kind)
    if not sheets or all(not s.head(1) for s in sheets):
        raise DataError("the workbook has no sheet with data.", name)
    ctx = Context(name, sheets, tz, today, [], workbook=True)
    return _dispatch(ctx)


def _workbook_sheets(data: bytes, name: str, kind: str) -> list[Sheet]:
    """The worksheets of an XLS (xlrd) or XLSX (calamine) workbook as grids of typed cells.

    Old binary .xls files are read by xlrd, in pure Python: python-calamine was seen to abort
    the whole process ("memory allocation failed") on a damaged .xls. Any failure to open a
    workbook, including a panic inside calamine (a BaseException), becomes a DataError.
    """
    try:
        if kind == "xls":
            return _xls_sheets(data, name)
        from python_calamine import CalamineWorkbook

        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return [
            GridSheet([list(r) for r in wb.get_sheet_by_name(sn).to_python(skip_empty_area=False)], f"{name} › {sn}")
            for sn in wb.sheet_names
        ]
    except DataError:
        raise
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - calamine panics derive from BaseException
        raise DataError(
            f"the {kind.upper()} workbook cannot be opened ({type(exc).__name__}: {str(exc)[:200]}).", name
        ) from None


def _xls_sheets(data: bytes, name: str) -> list[Sheet]:
    import xlrd

    book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=io.StringIO())
    sheets: list[Sheet] = []
    for sh in book.sheets():
        rows = []
        for r in range(sh.nrows):
            cells = []
            for c in sh.row(r):
                if c.ctype == xlrd.XL_CELL_DATE:
                    try:
                        cells.append(xlrd.xldate_as_datetime(c.value, book.datemode))
                    except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                        cells.append(c.value)
                elif c.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                    cells.append("")
                elif c.ctype == xlrd.XL_CELL_BOOLEAN:
                    cells.append(bool(c.value))
                else:
                    cells.append(c.value)
            rows.append(cells)
        sheets.append(GridSheet(rows, f"{name} › {sh.name}"))
    return sheets


def _dispatch(ctx: Context) -> FileResult:
    for reader in _readers():
        if reader.detect(ctx):
            tables: list[Table] = reader.read(ctx)
            for t in tables:
                t.warnings[:0] = [w for w in ctx.warnings if w not in t.warnings]
            return FileResult(ctx.name, tables, [])
    raise DataError(_unrecognised(ctx), ctx.name)


def _unrecognised(ctx: Context) -> str:
    found = []
    for s in ctx.sheets[:5]:
        head = s.head(3)
        if head:
            cells = [str(c).strip() for c in head[0].cells if c is not None and str(c).strip()][:12]
            label = f"sheet '{s.name.split(' › ')[-1]}': " if ctx.workbook else ""
            found.append(label + ", ".join(cells))
    what = "; ".join(found) if found else "no rows"
    return (
        f"this is not an export we recognise. Its first row has: {what}. {ACCEPTED} "
        "Any other CSV or XLSX can still be read by mapping its columns to the data model."
    )


def read_mapped(
    source: str | os.PathLike[str] | bytes,
    mapping: dict[str, str],
    *,
    kind: str,
    platform: str,
    account: str | None = None,
    name: str | None = None,
    tz: str = DEFAULT_TZ,
    date_format: str | None = None,
    decimal: str | None = None,
    header_row: int = 0,
) -> FileResult:
    """Read any CSV/XLSX with a column mapping the user gives (canonical column → header).

    See :func:`smo_metrics.ingest.mapped.read_mapped` for details.
    """
    from smo_metrics.ingest import mapped

    return mapped.read_mapped(
        source,
        mapping,
        kind=kind,
        platform=platform,
        account=account,
        name=name,
        tz=tz,
        date_format=date_format,
        decimal=decimal,
        header_row=header_row,
    )


def open_sheets(source: str | os.PathLike[str] | bytes, name: str | None = None) -> tuple[str, list[Sheet]]:
    """The sheets of a CSV or workbook, undetected (for mapping an unknown file by hand)."""
    if isinstance(source, (bytes, bytearray)):
        data, name = bytes(source), name or "upload"
    else:
        data, name = Path(source).read_bytes(), name or Path(source).name
    if not data.strip():
        raise DataError("the file is empty.", name)
    if data.startswith(b"PK\x03\x04"):
        return name, _workbook_sheets(data, name, "xlsx")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return name, _workbook_sheets(data, name, "xls")
    return name, [TextSheet(decode(data, name).text, name)]
