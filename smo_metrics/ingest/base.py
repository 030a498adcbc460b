"""What a reader produces, and the builder every reader uses to type its columns.

A reader finds the header, maps header names to canonical columns (through
:mod:`smo_metrics.ingest.aliases`), and hands the raw columns to a :class:`Builder`. The
builder types each column, collects every cell it cannot read, and finishes with a
:class:`Table`: the rows it could read, and every other row in ``rejected`` with its line
and reason. Columns nobody mapped are kept, typed as numbers when they all are.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from smo_metrics import schema
from smo_metrics.ingest.aliases import match_columns
from smo_metrics.ingest.parse import (
    DATE_FORMATS,
    MISSING_MARKERS,
    Dates,
    missing_mask,
    parse_dates,
    parse_numbers,
)
from smo_metrics.ingest.text import RawTable, Sheet

REJECTED_COLUMNS = ("line", "reason", "values")
# Canonical text columns that hold free text, where "-" or "N/A" may be what someone wrote.
FREE_TEXT = frozenset({"caption", "title"})


@dataclass
class Table:
    """One canonical table read from (part of) an export file."""

    kind: str
    platform: str
    account: str | None
    data: pd.DataFrame
    rejected: pd.DataFrame
    unmapped_columns: list[str]
    warnings: list[str]
    source: str
    reader: str
    assumed_tz: str | None = None

    @property
    def rows(self) -> int:
        return len(self.data)

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        """First and last date the table covers (None when it has no dates)."""
        col = schema.DATE_COLUMN[self.kind]
        end_col = schema.DATE_END_COLUMN.get(self.kind, col)
        if self.data.empty or col not in self.data:
            return None, None
        lo = self.data[col].min()
        hi = self.data[end_col].max()
        return (lo.date() if pd.notna(lo) else None, hi.date() if pd.notna(hi) else None)

    def totals(self) -> dict[str, float]:
        """Sum of every numeric column (missing cells skipped), for checks and summaries."""
        out: dict[str, float] = {}
        for c in self.data.columns:
            s = self.data[c]
            if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
                if c == "hour" or s.isna().all():
                    continue  # a column the export does not have has no total
                out[c] = float(s.sum(skipna=True))
        return out


@dataclass
class FileResult:
    """Everything read from one uploaded file (a zip yields the tables of every member)."""

    file: str
    tables: list[Table]
    warnings: list[str] = field(default_factory=list)

    @property
    def rejected_rows(self) -> int:
        return sum(len(t.rejected) for t in self.tables)


def empty_rejected() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "line": pd.Series(dtype="Int64"),
            "reason": pd.Series(dtype="string[pyarrow]"),
            "values": pd.Series(dtype="string[pyarrow]"),
        }
    )


class Builder:
    """Types the columns of a :class:`RawTable` into a canonical frame, collecting rejects.

    Typical use in a reader::

        b = Builder(raw, decimal=".")
        b.map_aliases("instagram_posts")       # canonical <- header, from the alias table
        b.text("post_id"); b.number("likes"); b.timestamp("published_at", formats)
        table = b.finish("posts", "instagram", account, source, reader, required=["post_id"])
    """

    def __init__(self, raw: RawTable, decimal: str = "."):
        self.raw = raw
        self.decimal = decimal
        self.n = raw.n
        self.out: dict[str, pd.Series] = {}
        self.used: set[str] = set()
        self.mapping: dict[str, str] = {}
        self._reasons: list[pd.Series] = []
        self._drop = pd.Series(False, index=range(self.n))
        self._drop_reasons: list[pd.Series] = []
        self.warnings: list[str] = []

    # -- mapping -------------------------------------------------------------------------
    def map_aliases(self, family: str) -> dict[str, str]:
        """Map canonical names to this table's headers through the alias family."""
        self.mapping.update(match_columns(self.raw.header, family))
        return self.mapping

    def header(self, canonical: str) -> str | None:
        return self.mapping.get(canonical)

    def has(self, canonical: str) -> bool:
        return canonical in self.mapping

    def raw_series(self, header: str) -> pd.Series:
        return self.raw.series(header)

    # -- typing ----------------------------------------------------------------------------
    def _source(self, canonical: str, header: str | None) -> str | None:
        h = header or self.mapping.get(canonical)
        if h is not None:
            self.used.add(h)
        return h

    def text(self, canonical: str, header: str | None = None) -> pd.Series | None:
        h = self._source(canonical, header)
        if h is None:
            return None
        s = _text_of(self.raw_series(h)).str.strip()
        s = s.mask(s.str.len() == 0)
        if canonical not in FREE_TEXT:
            # An id or a name written as "-" or "N/A" is missing (a caption "-" stays text).
            s = s.mask(s.str.lower().isin(MISSING_MARKERS))
        self.out[canonical] = s
        return s

    def number(self, canonical: str, header: str | None = None, scale: float = 1.0) -> pd.Series | None:
        h = self._source(canonical, header)
        if h is None:
            return None
        nums = parse_numbers(self.raw_series(h), self.decimal)
        values = nums.values * scale if scale != 1.0 else nums.values
        self.out[canonical] = values
        self._bad(nums.bad, h, "is not a number")
        return values

    def dates(self, header: str, formats: Sequence[str] = DATE_FORMATS) -> Dates:
        """Parse a date column; unreadable cells become rejections. Returns the :class:`Dates`."""
        self.used.add(header)
        d = parse_dates(self.raw_series(header), formats)
        self._bad(d.bad, header, "is not a date we can read")
        return d

    def breakdown(self, headers: Sequence[str]) -> None:
        """Join breakdown columns into ``breakdown`` ("Placement=feed; Country=ID").

        The columns stay in the table as well (they are not marked used).
        """
        if not headers:
            return
        parts = []
        for h in headers:
            vals = _text_of(self.raw_series(h)).str.strip()
            parts.append((h + "=" + vals).where(vals.notna() & (vals != "")))
        joined = parts[0].fillna("")
        for p in parts[1:]:
            joined = joined.str.cat(p.fillna(""), sep="; ")
        joined = joined.str.replace(r"^(; )+|(; )+$", "", regex=True).str.replace(r"(; ){2,}", "; ", regex=True)
        self.out["breakdown"] = joined.mask(joined == "")

    def set(self, canonical: str, values: Any) -> None:
        """Set a canonical column from computed values (a scalar or a series)."""
        if isinstance(values, pd.Series):
            self.out[canonical] = values.reset_index(drop=True)
        else:
            self.out[canonical] = pd.Series([values] * self.n, dtype=object)

    def _bad(self, mask: pd.Series, header: str, what: str) -> None:
        mask = mask.reset_index(drop=True).astype(bool)
        if not mask.any():
            return
        vals = _text_of(self.raw_series(header)[mask]).str.slice(0, 60)
        reason = pd.Series(pd.NA, index=range(self.n), dtype="string[pyarrow]")
        reason[mask.to_numpy()] = (f"column '{header}': '" + vals.fillna("") + f"' {what}").to_numpy()
        self._reasons.append(reason)

    def reject(self, mask: pd.Series, reason: str | pd.Series) -> None:
        """Reject the rows in ``mask`` with a reason (text, or one per row)."""
        mask = mask.reset_index(drop=True).fillna(False).astype(bool)
        if not mask.any():
            return
        if isinstance(reason, str):
            self._reasons.append(pd.Series(reason, index=mask.index, dtype="string[pyarrow]").where(mask))
        else:
            self._reasons.append(reason.reset_index(drop=True).astype("string[pyarrow]").where(mask))

    def require(self, canonical: str, reason: str) -> None:
        """Reject rows where ``canonical`` is missing."""
        s = self.out.get(canonical)
        if s is None:
            self.reject(pd.Series(True, index=range(self.n)), reason)
        else:
            self.reject(s.isna(), reason)

    # -- finishing ------------------------------------------------------------------------
    def finish(
        self,
        kind: str,
        platform: str,
        account: str | None,
        source: str,
        reader: str,
        warnings: Iterable[str] = (),
        assumed_tz: str | None = None,
        keep_unmapped: bool = True,
    ) -> Table:
        n = self.n
        frame = pd.DataFrame({k: v.reset_index(drop=True) for k, v in self.out.items()}, index=range(n))
        frame["platform"] = platform
        frame["account"] = account if account else pd.NA
        unmapped: list[str] = []
        if keep_unmapped:
            for h in self.raw.header:
                if h in self.used or h in frame.columns:
                    continue
                frame[h] = _typed_unmapped(self.raw_series(h), self.decimal, h)
                unmapped.append(h)
        # Which rows go to `rejected`, and why.
        reasons = pd.Series(pd.NA, index=range(n), dtype="string[pyarrow]")
        for extra_idx, why in self.raw.overlong.items():
            reasons.iloc[extra_idx] = why
        for r in self._reasons:
            r = r.reset_index(drop=True)
            reasons = reasons.where(reasons.isna() | r.isna(), reasons + "; " + r).fillna(r)
        bad = reasons.notna().to_numpy()
        if bad.any():
            idx = np.flatnonzero(bad)
            lines = self.raw.lines()
            line_vals = lines[idx] if len(lines) == n else idx + 2
            rejected = pd.DataFrame(
                {
                    "line": pd.array(line_vals, dtype="Int64"),
                    "reason": pd.array(reasons.iloc[idx].tolist(), dtype="string[pyarrow]"),
                    "values": pd.array(self.raw.record_text(idx), dtype="string[pyarrow]"),
                }
            )
            frame = frame.loc[~bad].reset_index(drop=True)
        else:
            rejected = empty_rejected()
        data = schema.conform(kind, frame)
        notes = [*self.warnings, *warnings]
        if n == 0:
            notes.append("The file has a header but no data rows.")
        return Table(
            kind=kind,
            platform=platform,
            account=account or None,
            data=data,
            rejected=rejected,
            unmapped_columns=unmapped,
            warnings=list(dict.fromkeys(notes)),
            source=source,
            reader=reader,
            assumed_tz=assumed_tz,
        )


def _text_of(values: pd.Series) -> pd.Series:
    """Cells as Arrow text: text files pass through; typed spreadsheet cells are written out."""
    if isinstance(values.dtype, pd.StringDtype):
        return values.astype("string[pyarrow]")
    return values.map(_cell_text, na_action="ignore").astype("string[pyarrow]")


def _cell_text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, float):
        if np.isnan(v):
            return None
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, (dt.datetime, pd.Timestamp)):
        return v.isoformat(sep=" ")
    return str(v)


_ID_HEADER = re.compile(r"(?:^|[\s_-])(?:id|ids)$|^id(?:[\s_-]|$)", re.IGNORECASE)


def _typed_unmapped(values: pd.Series, decimal: str, header: str = "") -> pd.Series:
    """An unmapped column: numbers when every non-missing cell is one, else text.

    Identifier columns (``Page ID``) and integers beyond 2**53 stay text: a float would
    silently change their last digits.
    """
    miss = missing_mask(values)
    if miss.all() or _ID_HEADER.search(header.strip()):
        return _text_of(values).mask(miss)
    sample = values[~miss.to_numpy()].head(1000)
    if parse_numbers(sample, decimal).bad.any():
        return _text_of(values).mask(miss)  # a text column: no need to try every cell
    nums = parse_numbers(values, decimal)
    if not nums.bad.any() and not (nums.values.abs() > 2**53).any():
        return nums.values
    return _text_of(values).mask(miss)


def find_header(sheet: Sheet, need: Sequence[Iterable[str]], within: int = 30) -> int | None:
    """Index (in ``sheet.head()``) of the first row whose cells contain one of the alias sets.

    ``need`` is a list of alternatives; each alternative is a set of normalized header
    names that must all be present in the row.
    """
    from smo_metrics.ingest.text import normalize_header

    alts = [{normalize_header(x) for x in alt} for alt in need]
    for i, row in enumerate(sheet.head(within)):
        cells = {normalize_header(c) for c in row.cells if c is not None and str(c).strip()}
        if any(alt <= cells for alt in alts):
            return i
    return None


def head_cells(sheet: Sheet, i: int) -> list[str]:
    """Normalized header cells of head row ``i``."""
    from smo_metrics.ingest.text import normalize_header

    return [normalize_header(c) if c is not None else "" for c in sheet.head(i + 1)[i].cells]


def is_missing_text(v: Any) -> bool:
    return v is None or str(v).strip().lower() in MISSING_MARKERS


def localize_to_utc(local: pd.Series, tz: str) -> pd.Series:
    """Wall-clock times in ``tz`` to UTC (ambiguous DST hours read as standard time)."""
    s = pd.Series(local, dtype="datetime64[ns]")
    aware = s.dt.tz_localize(tz, ambiguous=np.zeros(len(s), dtype=bool), nonexistent="shift_forward")
    return aware.dt.tz_convert("UTC")


def utc_series(naive_utc: pd.Series) -> pd.Series:
    return pd.Series(naive_utc, dtype="datetime64[ns]").dt.tz_localize("UTC")


def table_from_frame(
    kind: str,
    platform: str,
    account: str | None,
    frame: pd.DataFrame,
    rejected: Sequence[tuple[int, str, str]],
    source: str,
    reader: str,
    warnings: Iterable[str] = (),
    assumed_tz: str | None = None,
) -> Table:
    """A :class:`Table` from a frame a reader assembled itself (small, oddly laid-out files).

    ``rejected`` holds ``(line, reason, values)`` for every data row not in ``frame``.
    """
    frame = frame.copy()
    frame["platform"] = platform
    frame["account"] = account if account else pd.NA
    rej = (
        pd.DataFrame(
            {
                "line": pd.array([r[0] for r in rejected], dtype="Int64"),
                "reason": pd.array([r[1] for r in rejected], dtype="string[pyarrow]"),
                "values": pd.array([r[2][:500] for r in rejected], dtype="string[pyarrow]"),
            }
        )
        if rejected
        else empty_rejected()
    )
    data = schema.conform(kind, frame)
    return Table(
        kind=kind,
        platform=platform,
        account=account or None,
        data=data,
        rejected=rej,
        unmapped_columns=schema.unmapped_columns(kind, data),
        warnings=list(dict.fromkeys(warnings)),
        source=source,
        reader=reader,
        assumed_tz=assumed_tz,
    )


def account_from_urls(urls: pd.Series | None, pattern: str) -> str | None:
    """The most common account handle found in a column of links (``x.com/<handle>/status``)."""
    if urls is None:
        return None
    found = urls.astype("string").str.extract(pattern, expand=False).dropna()
    if found.empty:
        return None
    return str(found.mode().iloc[0])
