"""YouTube Studio exports: the real ``Table data.csv``, and one small inline file per quirk.

Reference numbers for the real file were computed independently of the reader with Python's
``csv`` module in a throwaway script: ``rows = list(csv.reader(open(path, encoding="utf-8",
newline="")))``; ``rows[0]`` is the header, ``rows[1]`` the Total line, ``rows[2:]`` the videos;
sums are ``sum(int(r[i]))`` / ``sum(float(r[i]))`` over ``rows[2:]``. Numbers for the inline files
are worked out by hand from the bytes shown.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from smo_metrics.errors import DataError
from smo_metrics.ingest import DEFAULT_TZ, read_file
from smo_metrics.ingest.base import Table

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real_exports" / "youtube"
TODAY = dt.date(2026, 11, 22)

TABLE_HEADER = (
    b"Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,Impressions,"
    b"Impressions click-through rate (%)\n"
)


def read(data: bytes, name: str, tz: str = DEFAULT_TZ) -> Table:
    result = read_file(data, name, tz=tz, today=TODAY)
    assert len(result.tables) == 1
    return result.tables[0]


def says(table: Table, fragment: str) -> bool:
    return any(fragment.lower() in w.lower() for w in table.warnings)


# -- the real Table data.csv ----------------------------------------------------------------


def real() -> Table:
    path = REAL / "Table data.csv"
    if not path.exists():
        pytest.skip(f"real export {path} is not available (the shared sample files are not mounted)")
    result = read_file(path, today=TODAY)
    assert len(result.tables) == 1
    return result.tables[0]


def test_real_table_data_rows_and_total_line():
    t = real()
    assert (t.kind, t.platform, t.reader) == ("posts", "youtube", "youtube_table")
    # csv: 444 rows = header + Total + 442 videos, 442 distinct Content ids.
    assert t.rows == 442
    assert t.data["post_id"].is_unique
    # The Total line (file line 2) is in rejected, not in the table.
    assert list(t.rejected["line"]) == [2]
    assert t.rejected["reason"][0] == "total row: a channel total, not a video"
    assert "Total" not in set(t.data["post_id"])
    # csv: rows[1][4] = 181588 (Total views); sum(int(r[4]) for r in rows[2:]) = 153235.
    assert says(t, "The Total line gives 181,588 views; the 442 videos listed sum to 153,235")
    assert t.account is None and says(t, "do not name the channel")


def test_real_table_data_totals():
    totals = real().totals()
    # csv: sums over rows[2:] of Views, Subscribers, Impressions, Duration, Watch time (hours).
    assert totals["views"] == 153235
    assert totals["follows"] == 97
    assert totals["impressions"] == 37715
    assert totals["duration_s"] == 6193
    assert totals["watch_time_hours"] == pytest.approx(204.8174)


def test_real_ids_with_leading_space_are_stripped():
    t = real()
    # csv: 5 ids are written " -xxxxxxxxxx" (a space before the hyphen), e.g. " -i5vAKwX_bY".
    dashed = t.data.loc[t.data["post_id"].str.startswith("-"), "post_id"]
    assert len(dashed) == 5
    assert "-i5vAKwX_bY" in set(dashed)
    assert t.data["post_id"].str.fullmatch(r"[A-Za-z0-9_-]{11}").all()


def test_real_publish_dates_are_midnight_in_workspace_zone():
    t = real()
    first = t.data.iloc[0]
    # csv: rows[2] = UWQNrpakgcA, "Aug 28, 2025", 30331 views. Midnight in Asia/Jakarta (UTC+7,
    # no daylight saving) is 17:00 UTC the day before.
    assert first["post_id"] == "UWQNrpakgcA" and first["views"] == 30331
    assert first["published_date"] == pd.Timestamp("2025-08-28")
    assert first["published_at"] == pd.Timestamp("2025-08-27 17:00", tz="UTC")
    assert not t.data["time_known"].any()
    assert t.data["published_at"].notna().all()
    assert t.assumed_tz == DEFAULT_TZ
    assert says(t, "each is read as midnight in Asia/Jakarta")
    # The click-through rate stays unmapped, in percent as written (csv: rows[2][8] = 3.51).
    assert t.unmapped_columns == ["Impressions click-through rate (%)"]
    assert first["Impressions click-through rate (%)"] == pytest.approx(3.51)


# -- Table data quirks ----------------------------------------------------------------------


def table_data() -> Table:
    return read(
        TABLE_HEADER + b"Total,,,,1000,10.5,7,900,2.5\n"
        b'abcDEF12345,First,"Aug 28, 2025",30,400,4.0,3,500,3.1\n'
        b" -xyzXYZ1234,Second,13-06-2025,61,250,2.5,,300,1.2\n"
        b"QQQ1234567a,Third,2025-01-02,5,-,,1,,\n",
        "Table data.csv",
        tz="UTC",
    )


def test_total_row_rejected_and_compared():
    t = table_data()
    assert t.rows == 3
    assert list(t.rejected["line"]) == [2]
    assert t.rejected["reason"][0] == "total row: a channel total, not a video"
    # 400 + 250 (the third video's views are "-": missing) = 650, against the Total line's 1000.
    assert says(t, "The Total line gives 1,000 views; the 3 videos listed sum to 650")
    assert t.totals()["views"] == 650
    assert pd.isna(t.data["views"][2])


def test_leading_space_id_and_three_date_forms():
    t = table_data()
    assert list(t.data["post_id"]) == ["abcDEF12345", "-xyzXYZ1234", "QQQ1234567a"]
    # "Aug 28, 2025", "13-06-2025" (DD-MM from an Excel re-save) and ISO.
    assert list(t.data["published_date"]) == [
        pd.Timestamp("2025-08-28"),
        pd.Timestamp("2025-06-13"),
        pd.Timestamp("2025-01-02"),
    ]
    assert t.data["published_at"][1] == pd.Timestamp("2025-06-13", tz="UTC")
    assert list(t.data["duration_s"]) == [30, 61, 5]
    # Subscribers are the follows a video brought; an empty cell is missing, not 0.
    assert t.data["follows"][0] == 3 and pd.isna(t.data["follows"][1])
    assert list(t.data["caption"]) == ["First", "Second", "Third"]


def test_chart_data_is_post_daily():
    t = read(
        b"Date,Content,Video title,Video publish time,Duration,Views\n"
        b'2025-09-01,abcDEF12345,First,"Aug 28, 2025",30,12\n'
        b'2025-09-02, -xyzXYZ1234,Second,"Jun 13, 2025",61,5\n'
        b",abcDEF12345,First,,30,1\n",
        "Chart data.csv",
    )
    assert (t.kind, t.reader) == ("post_daily", "youtube_chart")
    assert list(t.data["post_id"]) == ["abcDEF12345", "-xyzXYZ1234"]
    assert list(t.data["date"]) == [pd.Timestamp("2025-09-01"), pd.Timestamp("2025-09-02")]
    assert list(t.data["views"]) == [12, 5]
    assert list(t.rejected["line"]) == [4] and t.rejected["reason"][0] == "no date"
    # The video's own facts repeat on every day; they stay as unmapped columns.
    assert t.unmapped_columns == ["Video title", "Video publish time", "Duration"]


def test_totals_csv_subscribers_are_net_change():
    t = read(b"Date,Subscribers\n2025-09-01,3\n2025-09-02,-1\n", "Totals.csv")
    assert (t.kind, t.reader) == ("account_daily", "youtube_totals")
    assert list(t.data["followers_net"]) == [3, -1]
    assert t.data["followers"].isna().all()


def test_table_data_by_date_is_account_daily():
    t = read(
        b"Date,Views,Watch time (hours),Subscribers\n"
        b"Total,30,1.5,2\n"
        b'"Sep 1, 2025",10,0.5,1\n'
        b'"Sep 2, 2025",20,1.0,1\n'
        b"yesterday,1,1,1\n",
        "Table data.csv",
    )
    assert t.kind == "account_daily"
    assert list(t.data["date"]) == [pd.Timestamp("2025-09-01"), pd.Timestamp("2025-09-02")]
    assert list(t.data["views"]) == [10, 20]
    assert t.totals()["watch_time_hours"] == pytest.approx(1.5)
    assert list(t.rejected["line"]) == [2, 5]
    assert t.rejected["reason"][0] == "total row: the total of the period, not a day"
    assert t.rejected["reason"][1] == "column 'Date': 'yesterday' is not a date we can read"


def test_viewer_age_shares():
    t = read(
        b"Viewer age,Views (%),Average view duration,Average percentage viewed (%),Watch time (hours) (%)\n"
        b"age18-24,60.5,0:45,40,55\n"
        b"age65-,39.5,0:30,20,45\n",
        "Table data.csv",
    )
    assert (t.kind, t.reader) == ("audience", "youtube_audience")
    assert list(t.data["segment"]) == ["18-24", "65+"]
    # Views (%) / 100: 60.5 % → 0.605.
    assert list(t.data["value"]) == [pytest.approx(0.605), pytest.approx(0.395)]
    assert set(t.data["unit"]) == {"share"} and set(t.data["dimension"]) == {"age"}
    assert set(t.data["population"]) == {"audience"}
    assert t.data["as_of"].isna().all() and says(t, "as_of is left empty")


def test_geography_counts_with_total_row_and_range_from_zip_name():
    t = read(
        b"Geography,Views,Watch time (hours),Average view duration\nTotal,100,5,0:40\nIN,70,3,0:41\nUS,20,1,0:30\n",
        "Geography 2025-08-01_2025-10-31 Chan.zip/Table data.csv",
    )
    assert list(t.data["segment"]) == ["IN", "US"]
    assert list(t.data["value"]) == [70, 20]
    assert set(t.data["unit"]) == {"count"} and set(t.data["dimension"]) == {"country"}
    assert list(t.rejected["line"]) == [2]
    assert (t.data["as_of"] == pd.Timestamp("2025-10-31")).all()


def test_viewer_gender():
    t = read(b"Viewer gender,Views (%)\nfemale,45.2\nmale,54.8\n", "Table data.csv")
    assert list(t.data["segment"]) == ["female", "male"] and set(t.data["dimension"]) == {"gender"}
    assert t.totals() == {"value": pytest.approx(1.0)}


def test_unsupported_breakdown_is_a_data_error():
    with pytest.raises(DataError, match="broken down by 'Traffic source'"):
        read_file(b"Traffic source,Views,Watch time (hours)\nTotal,100,5\nShorts feed,70,3\n", "Table data.csv")


def test_zip_of_studio_files():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(
            "Table data.csv", TABLE_HEADER + b'Total,,,,5,1,0,9,1\nabcDEF12345,First,"Aug 28, 2025",30,5,1,0,9,1\n'
        )
        zf.writestr("Totals.csv", b"Date,Views\n2025-09-01,5\n")
        zf.writestr(
            "Chart data.csv",
            b"Date,Content,Video title,Video publish time,Duration,Views\n2025-09-01,abcDEF12345,First,,30,5\n",
        )
    result = read_file(buf.getvalue(), "Content 2025-09-01_2025-09-01.zip", today=TODAY)
    assert sorted(t.kind for t in result.tables) == ["account_daily", "post_daily", "posts"]
    assert all(t.account is None for t in result.tables)
