"""Byte-exact writers for the platforms' file layouts: CSV dialects, UTF-16, XLSX and ZIP.

Every writer returns ``bytes`` and depends on nothing but its arguments, so the sample
workspace is the same, byte for byte, on every run: no clock, no locale, no dict-order or hash
dependence. The layouts imitate the real exports described in ``EXPORT_FORMATS.md``:

- Meta (content exports, Ads Manager): a field is quoted when it holds a space, comma, quote
  or line break (``"Post ID"``, ``"IG reel"``, ``Lifetime``), LF line ends, final newline.
- TikTok Studio: every field quoted, UTF-8 BOM, LF, no final newline.
- Meta Business Suite Insights: UTF-16LE with BOM, ``sep=,`` line, every field quoted.
- Indonesian (id-ID) locale: ``;`` delimiter, ``1.250.000`` thousands and ``2,14`` decimals.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence

Cell = str | int | float | None

# A fixed instant for every archive entry and workbook property (the snapshot's export time).
FIXED_ZIP_TIME = (2026, 11, 1, 9, 14, 8)
FIXED_ISO_TIME = "2026-11-01T02:14:08Z"

_NEEDS_QUOTES_META = re.compile(r'[\s,"]')
_NEEDS_QUOTES_MINIMAL = re.compile(r'[,"\r\n;]')


def cell_text(value: Cell) -> str:
    """A cell as written: empty for None, integers without ``.0``, floats as given."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def delimited(
    rows: Iterable[Sequence[Cell]],
    *,
    quoting: str = "meta",
    delimiter: str = ",",
    newline: str = "\n",
    final_newline: bool = True,
) -> str:
    """Rows (header first) as delimited text.

    ``quoting``: ``"meta"`` quotes fields with whitespace, commas, quotes or line breaks;
    ``"all"`` quotes every field (TikTok Studio, Meta Insights); ``"minimal"`` quotes only
    fields with the delimiter, a quote or a line break (X, YouTube, GA4).
    """
    lines = []
    for row in rows:
        out = []
        for value in row:
            text = cell_text(value)
            if quoting == "all":
                out.append(_quote(text))
            elif quoting == "meta":
                out.append(_quote(text) if _NEEDS_QUOTES_META.search(text) else text)
            else:
                needs = delimiter in text or '"' in text or "\n" in text or "\r" in text
                out.append(_quote(text) if needs else text)
        lines.append(delimiter.join(out))
    text = newline.join(lines)
    return text + newline if final_newline else text


def utf8(text: str, bom: bool = False) -> bytes:
    return ("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8")


def utf16le_bom(text: str) -> bytes:
    """UTF-16 little endian with its byte-order mark (Meta Business Suite Insights)."""
    return b"\xff\xfe" + text.encode("utf-16-le")


def id_int(value: float) -> str:
    """A whole number in the Indonesian convention: ``1250000`` → ``1.250.000``."""
    n = int(round(value))
    sign = "-" if n < 0 else ""
    return sign + f"{abs(n):,}".replace(",", ".")


def id_dec(value: float, places: int = 2) -> str:
    """A decimal in the Indonesian convention: ``1234.5`` → ``1.234,50``."""
    text = f"{abs(value):,.{places}f}"
    whole, _, frac = text.partition(".")
    sign = "-" if value < 0 else ""
    return sign + whole.replace(",", ".") + ("," + frac if frac else "")


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever the machine
    info.external_attr = 0o644 << 16
    return info


def zip_bytes(members: Sequence[tuple[str, bytes]], sort: bool = True) -> bytes:
    """A zip of ``members`` with fixed timestamps and attributes (sorted by name unless told)."""
    buf = io.BytesIO()
    items = sorted(members) if sort else list(members)
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in items:
            zf.writestr(_zip_info(name), data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buf.getvalue()


def xlsx_bytes(sheets: Sequence[tuple[str, Sequence[Sequence[Cell]]]]) -> bytes:
    """A workbook written by openpyxl, made reproducible.

    openpyxl stamps the save time into ``docProps/core.xml`` and the zip entries; both are
    replaced by :data:`FIXED_ISO_TIME` / :data:`FIXED_ZIP_TIME`, keeping openpyxl's entry order.
    """
    import datetime as dt

    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(list(row))
    fixed = dt.datetime(2026, 11, 1, 2, 14, 8)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "LinkedIn"
    raw = io.BytesIO()
    wb.save(raw)
    members = []
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as zf:
        for info in zf.infolist():
            data = zf.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                    lambda m: m.group(1) + FIXED_ISO_TIME + m.group(2),
                    text,
                )
                data = text.encode("utf-8")
            members.append((info.filename, data))
    return zip_bytes(members, sort=False)
