"""Shared helpers for the ingest toolkit, quirk and property tests.

The real exports live beside the project, never inside it: this file is
``/work/main/tests/ingest/conftest.py``, so ``parents[0]`` is ``tests/ingest``, ``parents[1]``
``tests``, ``parents[2]`` the repository (``/work/main``) and ``parents[3]`` its parent
(``/work``), which holds ``shared/real_exports``.

:class:`CsvDoc` splits a real CSV export into the text above its header (``sep=`` line, title
line, ``#`` preamble) and its records, parsed with Python's ``csv`` module only. The property
tests mutate those records (cut rows, blank cells, reorder columns) and write them back, and
count the data records the same independent way: nothing here calls the code under test.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

REAL_EXPORTS = Path(__file__).resolve().parents[3] / "shared" / "real_exports"
TODAY = dt.date(2026, 11, 22)


def real_path(relative: str) -> Path:
    """The path of one real export, or skip the test when the shared samples are absent."""
    path = REAL_EXPORTS / relative
    if not path.exists():
        pytest.skip(f"real export {path} is not available (the shared sample files are not mounted)")
    return path


@dataclass(frozen=True)
class RealCsv:
    """One real CSV export and how to find its header independently of the readers.

    ``header_first`` is the first cell of the header record (None: the file has no header row,
    like Meta's Audience.csv, laid out in sections). ``encoding`` is how the file is stored.
    ``comments`` says whether ``#`` records are comments (GA4) rather than data.
    """

    relative: str
    family: str
    header_first: str | None
    encoding: str = "utf-8-sig"
    comments: bool = False

    @property
    def id(self) -> str:
        return self.relative.split("/", 1)[-1][:40]


REAL_CSVS: tuple[RealCsv, ...] = (
    RealCsv("facebook/Apr-02-2024_Jul-02-2024_665360019788100.csv", "facebook", "Post ID"),
    RealCsv("instagram/May-25-2026_Jun-21-2026_1493633672508178.csv", "instagram", "Post ID"),
    RealCsv("meta_ads/ISN-Medical-Ad_euro-Campaigns-Mar-11-2026-Apr-9-2026.csv", "meta_ads", "Reporting starts"),
    RealCsv("meta_ads/BlueTea---Prepaid-Ad-sets-1-Jan-2026-5-Jan-2026.csv", "meta_ads", "Reporting starts"),
    RealCsv("meta_insights/Reach.csv", "meta_insights", "Date", "utf-16"),
    RealCsv("meta_insights/Audience.csv", "meta_audience", None, "utf-16"),
    RealCsv("tiktok/Content.csv", "tiktok", "Time"),
    RealCsv("tiktok/Overview.csv", "tiktok", "Date"),
    RealCsv("tiktok/FollowerActivity.csv", "tiktok", "Date"),
    RealCsv("tiktok/FollowerHistory.csv", "tiktok", "Date"),
    RealCsv("tiktok/FollowerGender.csv", "tiktok", "Gender"),
    RealCsv("tiktok/FollowerTopTerritories.csv", "tiktok", "Top territories"),
    RealCsv("x/maurojpelle-2026-05-25-to-2026-08-22.csv", "x", "Post id"),
    RealCsv("x/tweet_activity_metrics_LisaDeBruine_20210101_20210201_en.csv", "x", "Tweet id"),
    RealCsv("youtube/Table data.csv", "youtube", "Content"),
    RealCsv("ga4/Pages_and_screens_Page_path_and_screen_class.csv", "ga4", "Page path and screen class", comments=True),
)

_NEWLINE = re.compile(r"\r\n|\r|\n")


def _blank(record: list[str]) -> bool:
    return all(c.strip() == "" for c in record)


@dataclass
class CsvDoc:
    """A delimited text split into a verbatim prefix and its records (header first, if any)."""

    prefix: str
    records: list[list[str]]
    newline: str
    quote_all: bool
    has_header: bool
    comments: bool = False
    delimiter: str = ","
    trailing_newline: bool = True

    @classmethod
    def parse(cls, text: str, spec: RealCsv) -> CsvDoc:
        m = _NEWLINE.search(text)
        newline = m.group(0) if m else "\n"
        # Physical line starts, to cut the prefix at the start of the header's line.
        starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        reader = csv.reader(io.StringIO(text, newline=""))
        line = 1
        spans: list[tuple[int, list[str]]] = []
        for rec in reader:
            spans.append((line, rec))
            line = reader.line_num + 1
        first_record = 0
        if spec.header_first is None:
            # No header row: only an Excel "sep=" line is a prefix.
            if spans and spans[0][1] and spans[0][1][0].strip().lower().startswith("sep="):
                first_record = 1
        else:
            # The header is the first record holding a cell named like the header's first column
            # (anywhere in the record: the columns may have been reordered).
            found = (i for i, (_, rec) in enumerate(spans) if any(c.strip() == spec.header_first for c in rec))
            first_record = next(found, -1)
            if first_record < 0:
                raise AssertionError(f"{spec.relative}: no record has a cell {spec.header_first!r}")
        start_line = spans[first_record][0] if first_record < len(spans) else len(starts)
        prefix = text[: starts[start_line - 1]] if first_record else ""
        records = [rec for _, rec in spans[first_record:] if not _blank(rec)]
        # TikTok Studio quotes every field: keep that style when writing the records back.
        first_line = _NEWLINE.split(text[len(prefix) :], maxsplit=1)[0]
        quote_all = bool(records) and first_line == ",".join('"' + c.replace('"', '""') + '"' for c in records[0])
        return cls(
            prefix,
            records,
            newline,
            quote_all,
            spec.header_first is not None,
            spec.comments,
            trailing_newline=text.endswith(("\n", "\r")),
        )

    @property
    def header(self) -> list[str]:
        return self.records[0] if self.has_header else []

    @property
    def data(self) -> list[list[str]]:
        return self.records[1:] if self.has_header else self.records

    def data_count(self) -> int:
        """Data records: non-blank records under the header (``#`` comment records excluded
        where the file has a ``#`` preamble)."""
        return sum(1 for r in self.data if not _blank(r) and not (self.comments and r[0].lstrip().startswith("#")))

    def _field(self, cell: str) -> str:
        special = any(ch in cell for ch in (self.delimiter, '"', "\r", "\n")) or cell != cell.strip()
        if self.quote_all or special:
            return '"' + cell.replace('"', '""') + '"'
        return cell

    def render(self, newline: str | None = None) -> str:
        """The document as text; ``newline`` replaces the record terminators (and the prefix's
        line ends), never the line breaks inside quoted cells."""
        nl = newline or self.newline
        prefix = self.prefix if newline is None else _NEWLINE.sub(nl, self.prefix)
        lines = [self.delimiter.join(self._field(c) for c in rec) for rec in self.records]
        out = prefix + nl.join(lines)
        return out + nl if self.trailing_newline else out

    def lines_above_data(self) -> int:
        """Physical lines taken by the prefix and the header record (as :meth:`render` writes them)."""
        return len(_NEWLINE.findall(self.prefix)) + (1 if self.has_header else 0)

    def with_records(self, records: list[list[str]]) -> CsvDoc:
        return CsvDoc(
            self.prefix,
            records,
            self.newline,
            self.quote_all,
            self.has_header,
            self.comments,
            self.delimiter,
            self.trailing_newline,
        )


def count_data_records(text: str, spec: RealCsv) -> int:
    """How many data records ``text`` holds, counted with the csv module alone."""
    return CsvDoc.parse(text, spec).data_count()


def physical_lines(text: str) -> list[str]:
    """``text`` cut after each CRLF, CR or LF (unlike ``str.splitlines``, which also cuts at
    U+2028 and other separators a caption may hold); each piece keeps its line end."""
    out, start = [], 0
    for m in _NEWLINE.finditer(text):
        out.append(text[start : m.end()])
        start = m.end()
    if start < len(text):
        out.append(text[start:])
    return out
