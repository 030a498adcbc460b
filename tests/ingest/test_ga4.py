"""Google Analytics 4 CSV downloads: the real sample, and one small inline file per quirk.

Reference numbers for the real file were computed independently of the reader with Python's
``csv`` module in a throwaway script: ``rows = list(csv.reader(open(path, newline="")))``;
``rows[:9]`` are the ``#`` lines, ``rows[9]`` the header, ``rows[10:]`` the data; sums are
``sum(int(r[i]))`` over ``rows[10:]``, and the engagement total is
``sum(float(r[4]) * int(r[2]))`` (average per active user × active users). Numbers for the
inline files are worked out by hand from the bytes shown.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from smo_metrics.errors import DataError
from smo_metrics.ingest import read_file
from smo_metrics.ingest.base import FileResult, Table

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real_exports" / "ga4"
TODAY = dt.date(2026, 11, 22)

PREAMBLE = (
    b"# ----------------------------------------\r\n"
    b"# Pages and screens: Page title and screen class\r\n"
    b"# Account: Acme\r\n"
    b"# Property: Acme, Inc - GA4\r\n"
    b"# ----------------------------------------\r\n"
    b"# \r\n"
    b"# All Users\r\n"
    b"# Start date: 20260301\r\n"
    b"# End date: 20260307\r\n"
)
HEADER = (
    b"Page title and screen class,Views,Active users,Views per active user,"
    b"Average engagement time per active user,Event count,Key events,Total revenue\r\n"
)


def read(data: bytes, name: str = "ga4.csv") -> FileResult:
    return read_file(data, name, today=TODAY)


def only(data: bytes) -> Table:
    result = read(data)
    assert len(result.tables) == 1
    return result.tables[0]


def says(table: Table, fragment: str) -> bool:
    return any(fragment.lower() in w.lower() for w in table.warnings)


# -- the real file ----------------------------------------------------------------------------


def real() -> Table:
    path = REAL / "Pages_and_screens_Page_path_and_screen_class.csv"
    if not path.exists():
        pytest.skip(f"real export {path} is not available (the shared sample files are not mounted)")
    result = read_file(path, today=TODAY)
    assert len(result.tables) == 1
    return result.tables[0]


def test_real_pages_and_screens():
    t = real()
    assert (t.kind, t.platform, t.reader) == ("web", "google_analytics", "ga4")
    # csv: 66 lines (the last has no line end, so `wc -l` says 65) = 9 '#' lines + header + 56 rows.
    assert t.rows == 56
    assert t.rejected.empty
    # csv: rows[3] is "# Property: Plan Your Recovery - GA4".
    assert t.account == "Plan Your Recovery - GA4"
    assert set(t.data["dimension_name"]) == {"Page path and screen class"}
    # csv: rows[7], rows[8] are "# Start date: 20260224" and "# End date: 20260323".
    assert t.date_range() == (dt.date(2026, 2, 24), dt.date(2026, 3, 23))
    assert (t.data["date_start"] == pd.Timestamp("2026-02-24")).all()
    assert (t.data["date_end"] == pd.Timestamp("2026-03-23")).all()
    # No zone is assumed: dates are the property's calendar days, kept as written.
    assert t.assumed_tz is None


def test_real_totals_and_engagement_time():
    t = real()
    totals = t.totals()
    # csv: sums over rows[10:] of Views (779), Active users (516), Event count (1946),
    # Key events (0), Total revenue (0).
    assert totals["views"] == 779
    assert totals["active_users"] == 516
    assert totals["event_count"] == 1946
    assert totals["key_events"] == 0
    assert totals["revenue"] == 0
    # csv: sum(float(r[4]) * int(r[2])) = 8789.0 seconds.
    assert totals["engagement_time_s"] == pytest.approx(8789.0)
    # csv: rows[10] = "/", 221 views, 154 users, 12.35064935064935 s → 1902 s (154 × 12.3506...).
    first = t.data.iloc[0]
    assert first["dimension_value"] == "/"
    assert (first["views"], first["active_users"]) == (221, 154)
    assert first["engagement_time_s"] == pytest.approx(1902.0)
    # The average itself stays as an unmapped column, as do views per active user.
    assert t.unmapped_columns == ["Views per active user", "Average engagement time per active user"]


# -- quirks -------------------------------------------------------------------------------------


def test_property_with_comma_and_hash_in_a_value():
    t = only(PREAMBLE + HEADER + b"Home,100,40,2.5,12.5,300,2,$10.50\r\n#1 guide to recovery,10,4,2.5,30,20,0,0\r\n")
    # The CSV reader splits "# Property: Acme, Inc - GA4" at its comma; the name is whole again.
    assert t.account == "Acme, Inc - GA4"
    # A page title starting with '#' fills every column: it is data, not a comment line.
    assert list(t.data["dimension_value"]) == ["Home", "#1 guide to recovery"]
    # 40 users × 12.5 s = 500 s; 4 × 30 s = 120 s.
    assert list(t.data["engagement_time_s"]) == [500, 120]
    assert list(t.data["revenue"]) == [10.5, 0]


def test_several_tables_in_one_file():
    result = read(
        PREAMBLE + HEADER + b"Home,100,40,2.5,12.5,300,2,0\r\n"
        b"\r\n"
        b"# ----------------------------------------\r\n"
        b"# Nth day\r\n"
        b"# ----------------------------------------\r\n"
        b"Nth day,Views,Active users\r\n"
        b"0000,5,2\r\n"
        b"0006,7,3\r\n"
        b"xx,1,1\r\n"
        b"\r\n"
        b"# Start date: 20260305\r\n"
        b"# End date: 20260306\r\n"
        b"Date,Views\r\n"
        b"20260305,4\r\n"
        b"20261301,3\r\n"
    )
    assert len(result.tables) == 3
    pages, nth, daily = result.tables
    assert pages.rows == 1 and pages.data["views"][0] == 100
    # Every table keeps the property named at the top.
    assert {t.account for t in result.tables} == {"Acme, Inc - GA4"}
    # Nth day counts days from the start date 2026-03-01: day 0 → 03-01, day 6 → 03-07.
    assert list(nth.data["dimension_value"]) == ["0000", "0006"]
    assert list(nth.data["date_start"]) == [pd.Timestamp("2026-03-01"), pd.Timestamp("2026-03-07")]
    assert list(nth.data["date_end"]) == list(nth.data["date_start"])
    # "xx" is on file line 19 (9 '#' lines, header 10, "Home" 11, blank 12, '#' lines 13-15,
    # header 16, "0000" 17, "0006" 18) and is not a day number.
    assert list(nth.rejected["line"]) == [19]
    assert nth.rejected["reason"][0] == "'Nth day' is not a day number"
    # A Date table dates each row from its YYYYMMDD value; month 13 goes to rejected (blank 20,
    # '#' lines 21-22, header 23, "20260305" 24, "20261301" 25).
    assert list(daily.data["date_start"]) == [pd.Timestamp("2026-03-05")]
    assert list(daily.data["dimension_value"]) == ["20260305"]
    assert list(daily.rejected["line"]) == [25]
    assert daily.rejected["reason"][0] == "column 'Date': '20261301' is not a date we can read"


def test_missing_values_are_not_zero():
    t = only(PREAMBLE + HEADER + b"Home,100,,,12.5,300,,\r\n")
    assert t.data["views"][0] == 100
    assert pd.isna(t.data["active_users"][0])
    # Without active users the total engagement time cannot be rebuilt.
    assert pd.isna(t.data["engagement_time_s"][0])
    assert pd.isna(t.data["key_events"][0]) and pd.isna(t.data["revenue"][0])


def test_no_date_range_or_property_is_said():
    t = only(b"# Pages and screens\n" + HEADER.replace(b"\r\n", b"\n") + b"Home,1,1,1,1,1,0,0\n")
    assert t.account is None
    assert t.data["date_start"].isna().all()
    assert says(t, "does not give its date range")
    assert says(t, "does not name the GA4 property")


def test_only_comment_lines_is_not_read():
    with pytest.raises(DataError, match="not an export we recognise"):
        read(PREAMBLE)
