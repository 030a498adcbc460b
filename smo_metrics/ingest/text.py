"""Bytes to text, and text to header + columns: the shared toolkit for delimited files.

The common quirks of every platform's CSV live here, not in the readers: byte-order marks,
UTF-16, Windows-1252, a leading ``sep=`` line, ``#`` preambles, short rows, duplicate and
space-padded headers, quoted multi-line captions and blank lines.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from smo_metrics.errors import DataError

csv.field_size_limit(16 * 1024 * 1024)

_NEWLINE = re.compile(r"\r\n|\r|\n")
DELIMITERS = (",", ";", "\t", "|")


@dataclass
class Decoded:
    """Text decoded from bytes, with the encoding we used and anything worth telling."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes, name: str | None = None) -> Decoded:
    """Decode an export's bytes: BOM first, then strict UTF-8, then UTF-16 without BOM,
    then Windows-1252 (old Facebook Insights). Binary content raises :class:`DataError`.

    Notes
    -----
    Windows-1252 leaves five byte values undefined; a file using them is read as Latin-1
    with a warning, so no byte is ever silently dropped.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return Decoded(_strict(data[3:], "utf-8", name), "utf-8-sig")
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        enc = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        return Decoded(_strict(data[2:], enc, name), "utf-16")
    sample = data[:4096]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        # UTF-16 without a BOM: every other byte of ASCII text is NUL.
        even = sample[0::2].count(b"\x00")
        odd = sample[1::2].count(b"\x00")
        enc = "utf-16-le" if odd > even else "utf-16-be"
        try:
            text = data.decode(enc)
            if _mostly_text(text):
                return Decoded(text, enc)
            raise UnicodeDecodeError(enc, data, 0, 1, "not text")
        except UnicodeDecodeError:
            raise DataError(
                f"this looks like a binary file, not a CSV or spreadsheet export (it has {data.count(0)} NUL bytes).",
                name,
            ) from None
    if b"\x00" in sample:
        raise DataError(
            "this looks like a binary file, not a CSV export: it contains NUL bytes. "
            "Expected a CSV/TSV text file, an Excel workbook (.xlsx/.xls) or a .zip of exports.",
            name,
        )
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        return Decoded(text, "cp1252", ["The file is not UTF-8; it was read as Windows-1252 (Western European)."])
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        return Decoded(
            text,
            "latin-1",
            ["The file is neither UTF-8 nor Windows-1252; it was read as Latin-1: check accented letters."],
        )


def _mostly_text(text: str) -> bool:
    """True when at most 1 % of the first characters are control characters (not tab/CR/LF)."""
    head = text[:4096]
    if not head:
        return False
    controls = sum(1 for ch in head if ord(ch) < 32 and ch not in "\t\r\n")
    return controls <= len(head) * 0.01


def _strict(data: bytes, enc: str, name: str | None) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        raise DataError(
            f"the file starts with a {enc.upper()} byte-order mark but byte {exc.start} is not valid "
            f"{enc.upper()}; the file is damaged or not a text export.",
            name,
        ) from None


def normalize_header(name: str) -> str:
    """The form used to compare header names: NFKC, lower case, single spaces, no padding.

    A trailing backslash (seen in Japanese X exports, ``共有された回数\\``) is dropped.
    """
    s = unicodedata.normalize("NFKC", str(name)).strip().lower()
    s = s.rstrip("\\").strip()
    return re.sub(r"\s+", " ", s)


def dedupe_headers(names: Sequence[str]) -> list[str]:
    """Strip padding and make names unique: the second ``Views`` becomes ``Views (2)``.

    Empty header cells become ``column N`` (1-based position).
    """
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(names):
        base = str(raw).strip() or f"column {i + 1}"
        key = base.lower()
        if key in seen:
            seen[key] += 1
            name = f"{base} ({seen[key]})"
            while name.lower() in seen:
                seen[key] += 1
                name = f"{base} ({seen[key]})"
        else:
            seen[key] = 1
            name = base
        seen.setdefault(name.lower(), 1)
        out.append(name)
    return out


@dataclass
class RawTable:
    """A header and its body as text columns, before any typing.

    ``columns`` maps each (deduplicated) header to a Series with one cell per record: Arrow
    strings for text files (``""`` when empty), or for spreadsheets an object Series of typed
    values (float, datetime, ...; ``None`` or ``""`` when empty). ``line_of(i)`` gives the 1-based line (or spreadsheet row) of record ``i``.
    """

    header: list[str]
    columns: dict[str, pd.Series]
    n: int
    raw_header: list[str]
    _lines: np.ndarray | None = None
    _line_finder: Callable[[], np.ndarray] | None = None
    overlong: dict[int, str] = field(default_factory=dict)  # record index -> reason
    source_rows: Callable[[np.ndarray], list[str]] | None = None

    def lines(self) -> np.ndarray:
        """Line numbers of every record (computed lazily for the fast path)."""
        if self._lines is None:
            assert self._line_finder is not None
            self._lines = self._line_finder()
        return self._lines

    def series(self, name: str) -> pd.Series:
        return self.columns[name]

    def record_text(self, idx: np.ndarray) -> list[str]:
        """The cells of the given records joined by ``|`` (for showing rejected rows)."""
        if self.source_rows is not None:
            return self.source_rows(idx)
        out = []
        for i in idx:
            cells = ["" if self.columns[h].iloc[i] is None else str(self.columns[h].iloc[i]) for h in self.header]
            out.append(" | ".join(cells)[:500])
        return out


@dataclass
class Row:
    line: int  # 1-based line (or sheet row) where the record starts
    cells: list[Any]


class Sheet:
    """One grid of cells: a CSV file's text, or one worksheet of a workbook."""

    name: str

    def head(self, n: int = 40) -> list[Row]:
        raise NotImplementedError

    def table(self, header_row: int, skip_after_header: int = 0, stop: Callable[[Row], bool] | None = None) -> RawTable:
        """Read the records below head row ``header_row`` as a :class:`RawTable`.

        ``skip_after_header`` drops that many records right under the header (description
        rows). ``stop`` ends the body at the first record for which it returns True.
        """
        raise NotImplementedError


class TextSheet(Sheet):
    """A decoded delimited text file."""

    def __init__(self, text: str, name: str, delimiter: str | None = None):
        self.name = name
        self.text = text
        self.preamble_sep: str | None = None
        first = text[:64].split("\n", 1)[0].rstrip("\r").strip('"').lower()  # keep a tab: "sep=\t"
        m = re.fullmatch(r"sep=(.)?,?", first.lstrip(" "))
        if m:
            # Excel's hint line. Keep the line count exact: the text is not cut, the line is
            # skipped when reading.
            self.preamble_sep = m.group(1) or ","
        self.delimiter = delimiter or self.preamble_sep or sniff_delimiter(text)
        self._head: list[Row] | None = None
        self._head_complete = False

    def _records(self, start_offset: int = 0, end: int | None = None) -> Any:
        buf = io.StringIO(self.text[start_offset:end], newline="")
        return csv.reader(buf, delimiter=self.delimiter)

    def head(self, n: int = 40) -> list[Row]:
        """The first ``n`` non-blank records, parsed from a prefix of the text (cheap on big files)."""
        if self._head is not None and (len(self._head) >= n or self._head_complete):
            return self._head[:n]
        size = 1 << 16
        while True:
            end = min(len(self.text), size)
            rows = self._parse_head(n, end)
            if len(rows) > n:  # stopped early: more records follow (the last may be cut at `end`)
                rows, complete = rows[:n], False
                break
            if end >= len(self.text):
                complete = True  # every record of the file is in `rows`
                break
            size *= 4
        self._head, self._head_complete = rows, complete
        return rows[:n]

    def _parse_head(self, n: int, end: int) -> list[Row]:
        rows: list[Row] = []
        reader = self._records(0, end)
        line = 1
        try:
            for rec in reader:
                start = line
                line = reader.line_num + 1
                if start == 1 and self.preamble_sep is not None:
                    continue
                if not rec or all(c.strip() == "" for c in rec):
                    continue
                rows.append(Row(start, rec))
                if len(rows) > n:
                    break
        except csv.Error as exc:
            raise DataError(f"the text could not be split into CSV fields ({exc}).", self.name) from None
        return rows

    def _offset_of_line(self, line: int) -> int:
        """Character offset where 1-based physical ``line`` starts."""
        if line <= 1:
            return 0
        count = 1
        for m in _NEWLINE.finditer(self.text):
            count += 1
            if count == line:
                return m.end()
        return len(self.text)

    def table(self, header_row: int, skip_after_header: int = 0, stop: Callable[[Row], bool] | None = None) -> RawTable:
        head = self.head(max(40, header_row + skip_after_header + 2))
        hdr = head[header_row]
        raw_header = [str(c) for c in hdr.cells]
        header = dedupe_headers(raw_header)
        # The body starts after the header record and any description records.
        if header_row + skip_after_header + 1 < len(head):
            body_line = head[header_row + skip_after_header + 1].line
        else:
            body_line = self._line_after(head[header_row + skip_after_header].line)
        offset = self._offset_of_line(body_line)
        if stop is None:
            fast = self._fast_body(offset, body_line, header, raw_header)
            if fast is not None:
                return fast
        return self._slow_body(offset, body_line, header, raw_header, stop)

    def _line_after(self, line: int) -> int:
        reader = self._records(self._offset_of_line(line))
        try:
            next(reader)
        except StopIteration:
            return line + 1
        return line + reader.line_num

    def _fast_body(self, offset: int, body_line: int, header: list[str], raw_header: list[str]) -> RawTable | None:
        """pyarrow's multi-threaded reader when every record has exactly the header's fields."""
        import pyarrow as pa
        import pyarrow.csv as pacsv

        body = self.text[offset:]
        if re.search(r"\S", body) is None:
            return None
        invalid = []

        def on_invalid(row: Any) -> str:
            invalid.append(row)
            return "skip"

        names = [f"c{i}" for i in range(len(header))]
        try:
            tbl = pacsv.read_csv(
                io.BytesIO(body.encode("utf-8")),
                read_options=pacsv.ReadOptions(column_names=names, block_size=1 << 24),
                parse_options=pacsv.ParseOptions(
                    delimiter=self.delimiter, newlines_in_values=True, invalid_row_handler=on_invalid
                ),
                convert_options=pacsv.ConvertOptions(
                    column_types={c: pa.string() for c in names},
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                ),
            )
        except (pa.ArrowInvalid, pa.ArrowException, ValueError):
            return None
        if invalid:
            return None
        cols = {h: pd.Series(pd.arrays.ArrowStringArray(tbl.column(i))) for i, h in enumerate(header)}
        # Records whose cells are all empty are skipped, as the exact reader skips them.
        empty = np.ones(tbl.num_rows, dtype=bool)
        for c in cols.values():
            empty &= (c.str.strip() == "").to_numpy(dtype=bool, na_value=True)
        if empty.any():
            keep = ~empty
            cols = {h: c[keep].reset_index(drop=True) for h, c in cols.items()}
        n = int((~empty).sum())

        def finder() -> np.ndarray:
            lines = self._slow_body(offset, body_line, header, raw_header, None).lines()
            return lines if len(lines) == n else np.full(n, -1, dtype=np.int64)

        return RawTable(header, cols, n, raw_header, None, finder)

    def _slow_body(
        self, offset: int, body_line: int, header: list[str], raw_header: list[str], stop: Callable[[Row], bool] | None
    ) -> RawTable:
        width = len(header)
        reader = self._records(offset)
        records: list[list[str]] = []
        lines: list[int] = []
        overlong: dict[int, str] = {}
        line = body_line
        try:
            for rec in reader:
                start = line
                line = body_line + reader.line_num
                if not rec or all(c.strip() == "" for c in rec):
                    continue
                if stop is not None and stop(Row(start, rec)):
                    break
                if len(rec) > width:
                    extra = rec[width:]
                    if any(c.strip() for c in extra):
                        overlong[len(records)] = f"the row has {len(rec)} fields but the header has {width}"
                    rec = rec[:width]
                elif len(rec) < width:
                    rec = rec + [""] * (width - len(rec))  # short row: the absent cells are missing
                records.append(rec)
                lines.append(start)
        except csv.Error as exc:
            raise DataError(f"line {line}: the text could not be split into CSV fields ({exc}).", self.name) from None
        cols = {h: pd.Series([r[i] for r in records], dtype="string[pyarrow]") for i, h in enumerate(header)}
        return RawTable(header, cols, len(records), raw_header, np.array(lines, dtype=np.int64), None, overlong)


class GridSheet(Sheet):
    """A worksheet already read into rows of typed cells (from calamine/xlrd)."""

    def __init__(self, rows: list[list[Any]], name: str):
        self.name = name
        self.rows = rows

    def _nonblank(self) -> list[Row]:
        out = []
        for i, r in enumerate(self.rows):
            if any(c is not None and str(c).strip() != "" for c in r):
                out.append(Row(i + 1, list(r)))
        return out

    def head(self, n: int = 40) -> list[Row]:
        out = []
        for i, r in enumerate(self.rows):
            if any(c is not None and str(c).strip() != "" for c in r):
                out.append(Row(i + 1, list(r)))
                if len(out) >= n:
                    break
        return out

    def table(self, header_row: int, skip_after_header: int = 0, stop: Callable[[Row], bool] | None = None) -> RawTable:
        rows = self._nonblank()
        hdr = rows[header_row]
        last = max((i for i, c in enumerate(hdr.cells) if c is not None and str(c).strip() != ""), default=-1)
        raw_header = [str(c) if c is not None else "" for c in hdr.cells[: last + 1]]
        header = dedupe_headers(raw_header)
        width = len(header)
        body: list[list[Any]] = []
        lines: list[int] = []
        overlong: dict[int, str] = {}
        for r in rows[header_row + 1 + skip_after_header :]:
            if stop is not None and stop(r):
                break
            cells = r.cells
            if len(cells) > width:
                if any(c is not None and str(c).strip() != "" for c in cells[width:]):
                    overlong[len(body)] = f"the row has values beyond the {width} header columns"
                cells = cells[:width]
            elif len(cells) < width:
                cells = cells + [None] * (width - len(cells))
            body.append(cells)
            lines.append(r.line)
        if body:
            arr = np.empty((len(body), width), dtype=object)
            for i, cells in enumerate(body):
                arr[i, :] = cells
            cols = {h: pd.Series(arr[:, i], dtype=object) for i, h in enumerate(header)}
        else:
            cols = {h: pd.Series([], dtype=object) for h in header}
        return RawTable(header, cols, len(body), raw_header, np.array(lines, dtype=np.int64), None, overlong)


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter that splits the first lines into the most consistent field counts."""
    lines = _NEWLINE.split(text[:20000])
    while lines and (lines[0].startswith("#") or not lines[0].strip()):
        lines.pop(0)  # a leading '#' preamble (GA4); '#' lines later may be inside captions
    lines = [ln for ln in lines[:30] if ln.strip()]
    if not lines:
        return ","
    best, best_score = ",", -1.0
    for d in DELIMITERS:
        counts = []
        try:
            for rec in csv.reader(io.StringIO("\n".join(lines[:15]), newline=""), delimiter=d):
                counts.append(len(rec))
        except csv.Error:
            continue
        if not counts:
            continue
        common = max(set(counts), key=counts.count)
        if common < 2:
            continue
        score = counts.count(common) / len(counts) * 10 + min(common, 50) / 50
        if score > best_score:
            best, best_score = d, score
    return best
