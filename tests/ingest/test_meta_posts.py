"""Instagram and Facebook post exports from Meta Business Suite."""

from __future__ import annotations

import pandas as pd
import pytest

from smo_metrics.ingest import read_file
from tests.ingest._real import TODAY, real

# Reference totals: summed with Python's csv module over the data rows of each file
# (csv.reader on the BOM-stripped text, float() of every non-empty cell of the column).


def test_instagram_real_export() -> None:
    res = read_file(real("instagram/May-25-2026_Jun-21-2026_1493633672508178.csv"), today=TODAY)
    (t,) = res.tables
    assert (t.kind, t.platform, t.account) == ("posts", "instagram", "elitravelguy")
    assert t.rows == 21 and t.rejected.empty
    d = t.data
    assert d["views"].sum() == 541645
    assert d["reach"].sum() == 408151
    assert d["likes"].sum() == 31172
    assert d["shares"].sum() == 4776
    assert d["comments"].sum() == 1082
    assert d["saves"].sum() == 3255
    assert d["follows"].sum() == 525
    # One post has an empty Reach cell: missing, not zero (20 of 21 cells hold a number).
    assert d["reach"].isna().sum() == 1
    assert d["follows"].isna().sum() == 1
    # Ids stay exact text (17 digits would lose their last digits as floats).
    assert d.loc[0, "post_id"] == "17974697564884257"
    assert d["Account ID"].iloc[0] == "17841400882674637"
    # "05/26/2026 10:23" read in Asia/Jakarta (UTC+7) is 03:23 UTC.
    assert d.loc[0, "published_at"] == pd.Timestamp("2026-05-26 03:23", tz="UTC")
    assert d.loc[0, "published_date"] == pd.Timestamp("2026-05-26")
    assert bool(d.loc[0, "time_known"]) is True
    assert set(d["post_type"]) <= {"reel", "image", "carousel"}
    assert "\n" in d.loc[0, "caption"]  # multi-line caption kept whole
    assert any("Asia/Jakarta" in w for w in t.warnings)
    assert t.assumed_tz == "Asia/Jakarta"


def test_instagram_time_zone_is_the_workspace_zone() -> None:
    res = read_file(real("instagram/May-25-2026_Jun-21-2026_1493633672508178.csv"), today=TODAY, tz="UTC")
    assert res.tables[0].data.loc[0, "published_at"] == pd.Timestamp("2026-05-26 10:23", tz="UTC")


def test_facebook_real_export() -> None:
    res = read_file(real("facebook/Apr-02-2024_Jul-02-2024_665360019788100.csv"), today=TODAY)
    (t,) = res.tables
    assert (t.kind, t.platform, t.account) == ("posts", "facebook", "SUGARCANE")
    assert t.rows == 59 and t.rejected.empty
    d = t.data
    assert d["reach"].sum() == 1368159
    assert d["likes"].sum() == 57623  # Reactions
    assert d["comments"].sum() == 3083
    assert d["shares"].sum() == 4093
    assert d["platform_engagements"].sum() == 64799  # "Reactions, Comments and Shares"
    assert d["clicks"].sum() == 96281
    assert d["link_clicks"].sum() == 490
    assert d["link_clicks"].notna().sum() == 33  # 26 empty cells stay missing
    assert set(d["post_type"]) == {"link", "photo", "text", "video"}
    # Columns outside the model are kept, not dropped.
    assert "Estimated earnings (USD)" in t.unmapped_columns
    assert d["Seconds viewed"].sum() == pytest.approx(1688224.963)


HEADER_IG = (
    '"Post ID","Account ID","Account username","Account name",Description,"Duration (sec)",'
    '"Publish time",Permalink,"Post type","Data comment",Date,Reach,Likes,Shares,Follows,Comments,Saves,Views\n'
)


def test_instagram_2024_views_last_and_daily_breakdown() -> None:
    # 2024 exports put Views last; a per-day export has dates in the Date column.
    body = (
        '1,9,kopi,"Kopi",Halo,0,"06/01/2026 19:30",https://x/p/1,"IG image",,06/01/2026,10,2,0,0,1,0,15\n'
        '1,9,kopi,"Kopi",Halo,0,"06/01/2026 19:30",https://x/p/1,"IG image",,06/02/2026,5,1,0,0,0,0,7\n'
    )
    res = read_file((HEADER_IG + body).encode(), "daily.csv", today=TODAY)
    (t,) = res.tables
    assert t.kind == "post_daily"
    assert list(t.data["date"]) == [pd.Timestamp("2026-06-01"), pd.Timestamp("2026-06-02")]
    assert list(t.data["views"]) == [15, 7]
    assert "published_at" not in t.data.columns


def test_facebook_duplicate_views_and_short_row() -> None:
    # A 2025 Facebook export with two "Views" columns; the second row is short (its last
    # metrics are absent): kept, with the absent cells missing.
    text = (
        '"Post ID","Page ID","Page name",Title,Description,"Duration (secs)","Publish time",Permalink,'
        '"Post type",Date,Views,Reach,"Reactions, comments and shares",Reactions,Comments,Shares,Views\n'
        '11,5,Kedai,T,D,0,"01/02/2026 08:00",https://f/1,Photos,Lifetime,100,80,9,7,1,1,55\n'
        '12,5,Kedai,T,D,0,"01/03/2026 08:00",https://f/2,Reels,Lifetime,200,150\n'
    )
    (t,) = read_file(text.encode(), "fb.csv", today=TODAY).tables
    assert t.rows == 2 and t.rejected.empty
    assert list(t.data["views"]) == [100, 200]
    assert t.data["Views (2)"].iloc[0] == 55 and pd.isna(t.data["Views (2)"].iloc[1])
    assert pd.isna(t.data["likes"].iloc[1])
    assert list(t.data["post_type"]) == ["photo", "reel"]
    assert t.data["platform_engagements"].iloc[0] == 9


def test_post_without_id_is_rejected_with_its_line() -> None:
    body = (
        '1,9,kopi,"Kopi","a\nb",0,"06/01/2026 19:30",https://x/p/1,"IG image",,Lifetime,10,2,0,0,1,0,15\n'
        ',9,kopi,"Kopi",c,0,"06/01/2026 19:30",https://x/p/2,"IG image",,Lifetime,10,2,0,0,1,0,15\n'
        '3,9,kopi,"Kopi",c,0,"13/45/2026 19:30",https://x/p/3,"IG image",,Lifetime,10,2,0,0,1,0,15\n'
        '4,9,kopi,"Kopi",c,0,"06/01/2026 19:30",https://x/p/4,"IG image",,Lifetime,ten,2,0,0,1,0,15\n'
    )
    (t,) = read_file((HEADER_IG + body).encode(), "x.csv", today=TODAY).tables
    assert t.rows == 1
    # Line 1 is the header; the first post spans lines 2-3 (its caption has a newline).
    assert list(t.rejected["line"]) == [4, 5, 6]
    reasons = list(t.rejected["reason"])
    assert "no post id" in reasons[0]
    assert "13/45/2026 19:30" in reasons[1] and "date" in reasons[1]
    assert "'ten' is not a number" in reasons[2]


def test_indonesian_headers() -> None:
    text = (
        '"ID Postingan","Nama pengguna akun",Deskripsi,"Waktu publikasi","Jenis postingan",Tanggal,Jangkauan,Suka\n'
        '77,kopi,"Promo 12.12",12/12/2025 12:12,"IG reel",Lifetime,"1.234",56\n'
    )
    (t,) = read_file(text.encode(), "id.csv", today=TODAY).tables
    assert (t.platform, t.account, t.rows) == ("instagram", "kopi", 1)
    # Indonesian UI: numbers are id-ID, so "1.234" is one thousand two hundred thirty-four.
    assert t.data["reach"].iloc[0] == 1234
    assert t.data["likes"].iloc[0] == 56
