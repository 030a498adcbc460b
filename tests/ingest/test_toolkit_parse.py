"""The typing toolkit (``smo_metrics.ingest.parse``): numbers, dates, year-less dates, file names.

One small test per quirk seen in real exports (see EXPORT_FORMATS.md, "General quirks").
Expected values are worked out by hand; the comment beside each says how.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from smo_metrics.ingest.parse import (
    assign_years_before,
    assign_years_sequence,
    detect_decimal,
    filename_date_range,
    looks_yearless,
    parse_dates,
    parse_month_day,
    parse_numbers,
)
from tests.ingest.conftest import TODAY


def text(*values: str | None) -> pd.Series:
    """A column as the text reader gives it (Arrow strings)."""
    return pd.Series(list(values), dtype="string[pyarrow]")


def ts(value: str) -> pd.Timestamp:
    return pd.Timestamp(value)


# -- missing markers -------------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["", "-", "--", "N/A", "n/a", "undefined", "NAN", "nan", " - ", "  "])
def test_missing_markers_are_missing_not_zero(marker):
    n = parse_numbers(text(marker, "5"))
    assert pd.isna(n.values.iloc[0])  # missing, and in particular not 0
    assert n.values.iloc[1] == 5
    assert not n.bad.any()  # a missing cell is not an unreadable one


@pytest.mark.parametrize("marker", ["", "-", "--", "N/A", "undefined", "NAN"])
def test_missing_markers_in_date_columns_are_missing_not_bad(marker):
    d = parse_dates(text(marker, "2025/10/31"))
    assert pd.isna(d.values.iloc[0])
    assert d.values.iloc[1] == ts("2025-10-31")
    assert not d.bad.any()


# -- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "decimal", "expected", "percent"),
    [
        ("89.0", ".", 89.0, False),  # X writes counts as floats
        ("0.0186", ".", 0.0186, False),  # a rate as a fraction
        ("1.68", ".", 1.68, False),  # a percentage without its sign
        ("4.5%", ".", 4.5, True),  # the number is kept as written; the flag says it had %
        ("-4.5%", ".", -4.5, True),
        ("1,234", ".", 1234.0, False),  # en-US thousands separator
        ("1,234,567.8", ".", 1234567.8, False),
        ("$1,234.50", ".", 1234.5, False),
        ("(12)", ".", -12.0, False),  # accounting negative
        ("(1,234)", ".", -1234.0, False),
        (" 12 ", ".", 12.0, False),  # padding is not part of the number
        ("1.234,5", ",", 1234.5, False),  # id-ID: '.' groups thousands, ',' marks decimals
        ("18.415", ",", 18415.0, False),  # id-ID thousands: eighteen thousand four hundred fifteen
        ("2,14", ",", 2.14, False),  # id-ID decimal
        ("Rp 1.250.000", ",", 1250000.0, False),  # currency word, then 1 250 000
        ("Rp1.250.000", ",", 1250000.0, False),
        ("IDR 1.250.000,50", ",", 1250000.5, False),
        ("-Rp 1.000", ",", -1000.0, False),
        ("(12)", ",", -12.0, False),
        ("0,5%", ",", 0.5, True),
    ],
)
def test_parse_numbers(cell, decimal, expected, percent):
    n = parse_numbers(text(cell), decimal)
    assert n.values.iloc[0] == pytest.approx(expected)
    assert not n.bad.iloc[0]
    assert bool(n.percent.iloc[0]) is percent


@pytest.mark.parametrize(
    ("cell", "decimal"),
    [
        ("1,23", "."),  # a comma that does not group three digits
        ("1.250.000", "."),  # id-ID grouping read in the en-US convention
        ("12.5.6", "."),
        ("1.23", ","),  # in id-ID a dot must group exactly three digits
        ("abc", "."),
        ("inf", "."),  # not a count anyone exported
        ("(12", "."),
    ],
)
def test_unreadable_numbers_are_bad_not_guessed(cell, decimal):
    n = parse_numbers(text(cell), decimal)
    assert pd.isna(n.values.iloc[0])
    assert n.bad.iloc[0]


@pytest.mark.parametrize("cell", ["١٢", "１２", "𝟭𝟮"], ids=["arabic-indic", "full-width", "math-bold"])
def test_non_ascii_digits_never_raise(cell):
    n = parse_numbers(text(cell, "5"))
    assert n.values.iloc[0] == 12 or n.bad.iloc[0]  # either reading is defensible; raising is not
    assert n.values.iloc[1] == 5


def test_typed_spreadsheet_cells_pass_through():
    # A workbook column: numbers already typed, a None, a number stored as text, a word.
    n = parse_numbers(pd.Series([1, 2.5, None, "3", "x"], dtype=object))
    assert n.values.iloc[:2].tolist() == [1.0, 2.5]
    assert pd.isna(n.values.iloc[2])
    assert n.values.iloc[3] == 3.0
    assert n.bad.tolist() == [False, False, False, False, True]


# -- detect_decimal --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "delimiter", "prefer", "expected", "why"),
    [
        (["2,14"], ",", None, ",", "a comma before two digits can only be a decimal comma"),
        (["1.234.567"], ",", None, ",", "two dot groups: dots group thousands"),
        (["1.234,5"], ",", None, ",", "dot groups then a decimal comma"),
        (["0.0186"], ",", None, ".", "a dot before four digits is a decimal point"),
        (["89.0"], ",", None, ".", "a dot before one digit is a decimal point"),
        (["1,234,567"], ",", None, ".", "two comma groups: commas group thousands"),
        (["1,234.5"], ",", None, ".", "comma groups then a decimal point"),
        (["Rp 1.250.000"], ",", None, ",", "the currency word is ignored: 1.250.000 has two dot groups"),
        (["18.415", "2,14"], ",", None, ",", "one comma-decimal cell, no dot evidence"),
        (["1.5", "2,14", "3,25"], ",", None, ",", "two comma cells outvote one dot cell"),
        (["18.415"], ",", None, ".", "18.415 says nothing; ',' delimiter: the default '.'"),
        (["1,234"], ",", None, ".", "1,234 says nothing either"),
        (["18.415"], ";", None, ",", "no evidence, ';' delimiter: comma decimal"),
        (["18.415"], ",", ",", ",", "no evidence: the reader's preference decides"),
        (["18.415"], ";", ".", ".", "the preference beats the ';' tie-break"),
        (["2,14"], ",", ".", ",", "evidence beats the preference"),
        (["-", "N/A", ""], ",", None, ".", "no digits at all: the default"),
    ],
)
def test_detect_decimal(cells, delimiter, prefer, expected, why):
    mark, note = detect_decimal([text(*cells)], delimiter, prefer)
    assert mark == expected, why


def test_detect_decimal_says_when_only_the_delimiter_decided():
    mark, note = detect_decimal([text("18.415")], ";")
    assert mark == ","
    assert note is not None and "';'" in note
    assert detect_decimal([text("2,14")], ";") == (",", None)  # evidence: nothing to explain


# -- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected", "has_time", "source"),
    [
        ("05/26/2026 10:23", "2026-05-26 10:23", True, "Meta, MM/DD"),
        ("02/19/2014 04:29:18 PM", "2014-02-19 16:29:18", True, "legacy Facebook: 4 PM is 16h"),
        ("02/19/2014 12:05:00 AM", "2014-02-19 00:05:00", True, "12 AM is hour 0"),
        ("Sat, Aug 22, 2026", "2026-08-22", False, "new X"),
        ("Sep 27, 2024", "2024-09-27", False, "YouTube"),
        ("2026-05-25T00:00:00", "2026-05-25", True, "Meta Insights"),
        ("2025/10/31", "2025-10-31", False, "TikTok business"),
        ("13-06-2025", "2025-06-13", False, "YouTube re-saved in Excel, DD-MM (13 cannot be a month)"),
        ("20260224", "2026-02-24", False, "GA4 preamble"),
        ("8/24/2014", "2014-08-24", False, "legacy Facebook page level, no zero padding"),
    ],
)
def test_parse_dates_every_form_seen(cell, expected, has_time, source):
    d = parse_dates(text(cell, cell))
    assert d.values.tolist() == [ts(expected)] * 2, source
    assert not d.bad.any()
    assert d.utc is False
    assert d.has_time is has_time


@pytest.mark.parametrize(
    ("cell", "expected_utc"),
    [
        ("2021-08-31 19:53 +0000", "2021-08-31 19:53"),  # legacy X: already UTC
        ("2021-08-31 19:53 +0700", "2021-08-31 12:53"),  # 19:53 at UTC+7 is 12:53 UTC
    ],
)
def test_parse_dates_with_an_offset_are_converted_to_utc(cell, expected_utc):
    d = parse_dates(text(cell))
    assert d.utc is True
    assert d.values.iloc[0] == ts(expected_utc)
    assert d.has_time is True


@pytest.mark.parametrize(
    "cell",
    [
        "31-02-2025",
        "29-02-2025",
        "2025-02-29",
        "02/30/2025",
        "20250231",
        "2025-04-31 10:00",
        "2025-13-01",
        "2025-01-05 junk",
    ],
)
def test_impossible_dates_are_bad_not_rolled_over(cell):
    # 31 February 2025 would roll over to 3 March; 2025 is not a leap year; April has 30 days.
    d = parse_dates(text(cell))
    assert pd.isna(d.values.iloc[0])
    assert d.bad.iloc[0]


def test_impossible_date_in_a_column_of_good_ones():
    # The format comes from the good cells (DD-MM-YYYY); the impossible one is still bad.
    d = parse_dates(text("30-01-2025", "31-02-2025", "01-03-2025"))
    assert d.values.iloc[0] == ts("2025-01-30")
    assert pd.isna(d.values.iloc[1])
    assert d.values.iloc[2] == ts("2025-03-01")  # a real 1 March is not mistaken for a rollover
    assert d.bad.tolist() == [False, True, False]


def test_real_early_days_of_a_month_stay_valid():
    # Days 1-3 are re-checked strictly (a rollover lands there): real ones must survive.
    cells = ["01-03-2024", "02-03-2024", "03-03-2024", "29-02-2024", "04-03-2024"]
    d = parse_dates(text(*cells))
    assert d.values.tolist() == [ts(x) for x in ("2024-03-01", "2024-03-02", "2024-03-03", "2024-02-29", "2024-03-04")]
    assert not d.bad.any()


def test_month_first_wins_ties_and_day_first_wins_on_evidence():
    # 05/06/2026 fits MM/DD and DD/MM: Meta's MM/DD is listed first and wins.
    assert parse_dates(text("05/06/2026")).values.iloc[0] == ts("2026-05-06")
    # 13/06/2026 only fits DD/MM, which then reads both cells (2 > 1): 5 June.
    d = parse_dates(text("13/06/2026", "05/06/2026"))
    assert d.values.tolist() == [ts("2026-06-13"), ts("2026-06-05")]


def test_typed_spreadsheet_dates_pass_through():
    d = parse_dates(pd.Series([dt.datetime(2026, 1, 2, 3, 4), None, "2026-01-03"], dtype=object))
    assert d.values.iloc[0] == ts("2026-01-02 03:04")
    assert pd.isna(d.values.iloc[1])
    assert d.values.iloc[2] == ts("2026-01-03")
    assert not d.bad.any()


@pytest.mark.parametrize("cell", ["9999-12-31", "0001-01-01", "12/31/9999"])
def test_out_of_range_dates_are_bad_not_an_exception(cell):
    d = parse_dates(text("2026-01-01", cell))
    assert d.values.iloc[0] == ts("2026-01-01")
    assert d.bad.tolist() == [False, True]


# -- year-less dates (TikTok Studio) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "month", "day"),
    [
        ("February 28", 2, 28),
        ("8 de marzo", 3, 8),  # Spanish
        ("1 de maio", 5, 1),  # Portuguese
        ("2月28日", 2, 28),  # Japanese
        ("Feb 29", 2, 29),  # possible in a leap year: the year decides later
        ("Sept. 5", 9, 5),
        ("5 Mei", 5, 5),  # Indonesian
    ],
)
def test_parse_month_day(cell, month, day):
    m, d, bad = parse_month_day(text(cell))
    assert (m.iloc[0], d.iloc[0]) == (month, day)
    assert not bad.iloc[0]


@pytest.mark.parametrize("cell", ["February 30", "April 31", "Smarch 3", "13 de marzo de"])
def test_parse_month_day_bad(cell):
    m, d, bad = parse_month_day(text(cell))
    assert pd.isna(m.iloc[0]) and pd.isna(d.iloc[0])
    assert bad.iloc[0]


def test_parse_month_day_missing_is_not_bad():
    _, _, bad = parse_month_day(text("", "-", None))
    assert not bad.any()


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["February 28", "March 1"], True),
        (["-", "February 28", "8 de marzo"], True),
        (["Sep 27, 2024"], False),  # has a year
        (["2025/10/31"], False),
        (["20260224"], False),
        (["hello", "world"], False),
    ],
)
def test_looks_yearless(cells, expected):
    assert looks_yearless(text(*cells)) is expected


def month_day_of(dates: pd.DatetimeIndex) -> tuple[pd.Series, pd.Series]:
    """Write dates the TikTok way ("February 28") and read them back as month and day."""
    m, d, bad = parse_month_day(text(*[f"{x:%B} {x.day}" for x in dates]))
    assert not bad.any()
    return m, d


def test_year_less_run_of_365_days_crosses_new_year():
    # 2025-02-28 .. 2026-02-27 is 365 days. The last day, February 27, is on or before
    # today's month-day (November 22), so it is 2026; the run wraps once (December 31 ->
    # January 1), so everything before the wrap is 2025.
    days = pd.date_range("2025-02-28", "2026-02-27", freq="D")
    assert len(days) == 365
    m, d = month_day_of(days)
    got, note = assign_years_sequence(m, d, TODAY)
    assert got.tolist() == list(days)
    assert "2025-02-28 to 2026-02-27" in note


def test_year_less_descending_run():
    # The same 365 days newest first (X's overview order): the direction with the shorter span
    # (364 one-day steps backwards, not 364 almost-year steps forwards) is descending.
    days = pd.date_range("2025-02-28", "2026-02-27", freq="D")[::-1]
    m, d = month_day_of(days)
    got, _ = assign_years_sequence(m, d, TODAY)
    assert got.tolist() == list(days)


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        # Ascending: day-of-year 365 then 1, a wrap; January 1 <= November 22, so 2026.
        (["December 31", "January 1"], ["2025-12-31", "2026-01-01"]),
        # Descending: the latest (January 1) comes first.
        (["January 1", "December 31"], ["2026-01-01", "2025-12-31"]),
        # December 1 is after November 22: the latest such day on or before today is in 2025.
        (["November 30", "December 1"], ["2025-11-30", "2025-12-01"]),
        # The run ends on today itself.
        (["November 21", "November 22"], ["2026-11-21", "2026-11-22"]),
    ],
)
def test_year_less_short_runs(cells, expected):
    m, d, _ = parse_month_day(text(*cells))
    got, _ = assign_years_sequence(m, d, TODAY)
    assert got.tolist() == [ts(x) for x in expected]


def test_year_less_february_29_of_a_common_year_is_missing():
    # The run ends in 2026 (March 1 <= November 22); 2026 has no February 29, so that day is
    # NaT (the reader rejects it with a reason), and its neighbours keep their dates.
    m, d, _ = parse_month_day(text("February 28", "February 29", "March 1"))
    got, _ = assign_years_sequence(m, d, TODAY)
    assert got.iloc[0] == ts("2026-02-28")
    assert pd.isna(got.iloc[1])
    assert got.iloc[2] == ts("2026-03-01")


def test_year_less_february_29_of_a_leap_year():
    m, d, _ = parse_month_day(text("February 28", "February 29", "March 1"))
    got, _ = assign_years_sequence(m, d, dt.date(2024, 11, 22))
    assert got.tolist() == [ts("2024-02-28"), ts("2024-02-29"), ts("2024-03-01")]


def test_year_less_run_with_an_end_year_and_a_missing_day():
    m, d, _ = parse_month_day(text("December 30", "", "January 2"))
    got, note = assign_years_sequence(m, d, TODAY, end_year=2021, anchor="the file name")
    # The missing middle cell stays NaT and does not break the run: Dec 30 2020, Jan 2 2021.
    assert got.iloc[0] == ts("2020-12-30")
    assert pd.isna(got.iloc[1])
    assert got.iloc[2] == ts("2021-01-02")
    assert "the file name" in note


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("December 5", "2025-12-05"),  # after November 22: last year
        ("November 22", "2026-11-22"),  # the anchor day itself
        ("January 3", "2026-01-03"),
    ],
)
def test_assign_years_before(cell, expected):
    m, d, _ = parse_month_day(text(cell))
    assert assign_years_before(m, d, TODAY).iloc[0] == ts(expected)


def test_assign_years_before_february_29_goes_back_to_a_leap_year():
    m, d, _ = parse_month_day(text("February 29"))
    assert assign_years_before(m, d, TODAY).iloc[0] == ts("2024-02-29")


# -- file names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("May-25-2026_Jun-21-2026_1493633672508178.csv", ("2026-05-25", "2026-06-21")),  # Meta posts
        ("maurojpelle-2026-05-25-to-2026-08-22.csv", ("2026-05-25", "2026-08-22")),  # X
        ("tweet_activity_metrics_LisaDeBruine_20210101_20210201_en.csv", ("2021-01-01", "2021-02-01")),  # legacy X
        ("ISN-Medical-Ad_euro-Campaigns-Mar-11-2026-Apr-9-2026.csv", ("2026-03-11", "2026-04-09")),  # Meta Ads
        ("BlueTea---Prepaid-Ad-sets-1-Jan-2026-5-Jan-2026.csv", ("2026-01-01", "2026-01-05")),  # Meta Ads
        ("September-1-2026_September-30-2026_1.csv", ("2026-09-01", "2026-09-30")),  # full month names
        ("exports.zip/May-25-2026_Jun-21-2026_1.csv", ("2026-05-25", "2026-06-21")),  # inside a zip
        ("user2024-2026-05-25-to-2026-08-22.csv", ("2026-05-25", "2026-08-22")),  # digits in the handle
    ],
)
def test_filename_date_range(name, expected):
    start, end = expected
    assert filename_date_range(name) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


@pytest.mark.parametrize(
    "name",
    [
        "Overview.csv",
        "Jun-21-2026_May-25-2026_1.csv",  # the range runs backwards
        "Feb-30-2026_Mar-02-2026_1.csv",  # no 30 February
        "tweet_activity_metrics_u_20211301_20211401_en.csv",  # month 13
    ],
)
def test_filename_without_a_valid_range(name):
    assert filename_date_range(name) is None
