"""Legacy Facebook Insights exports (2014-2018): cp1252, description row, AM/PM times."""

from __future__ import annotations

import pandas as pd

from smo_metrics.ingest import read_file
from tests.ingest._real import TODAY

PAGE = (
    "Date,Lifetime Total Likes,Daily New Likes,Daily Unlikes,Daily Page Engaged Users,Daily Total Reach\r\n"
    ",Lifetime: The total number of people who have liked your Page. (Unique Users),"
    "Daily: The number of new people who have liked your Page (Unique Users),"
    "Daily: Unlikes of your Page (Total Count),Daily: engaged users,Daily: reach\r\n"
    "8/24/2014,1520,12,3,40,900\r\n"
    "8/25/2014,1529,9,,35,870\r\n"
)


def test_page_level_with_description_row() -> None:
    name = "Facebook Insights Data Export - Kedai Kopi Caf\xe9 - 2014-08-26.csv"
    (t,) = read_file(PAGE.encode("cp1252"), name, today=TODAY).tables
    assert (t.kind, t.platform, t.rows) == ("account_daily", "facebook", 2)
    assert t.account == "Kedai Kopi Café"
    d = t.data
    assert list(d["date"]) == [pd.Timestamp("2014-08-24"), pd.Timestamp("2014-08-25")]
    assert list(d["followers"]) == [1520, 1529]
    assert list(d["followers_gained"]) == [12, 9]
    assert d["followers_lost"].iloc[0] == 3 and pd.isna(d["followers_lost"].iloc[1])
    assert any("description row" in w for w in t.warnings)


POSTS = (
    '"Post ID",Permalink,"Post Message",Type,Countries,Languages,Posted,"Audience Targeting",'
    '"Lifetime Post Total Reach","Lifetime Post Total Impressions","Lifetime Post Total Reach"\r\n'
    ",,,,,,,,Lifetime: reach,Lifetime: impressions,Lifetime: reach again\r\n"
    '"123_456",https://fb.com/1,"Caf\xe9 baru buka!",Photo,,,"02/19/2014 04:29:18 PM",,1000,1500,999\r\n'
    '"123_457",https://fb.com/2,"Selamat pagi",Status,,,"02/20/2014 08:00:00 AM",,500,700,498\r\n'
)


def test_post_level_cp1252_ampm_and_duplicate_metric_names() -> None:
    (t,) = read_file(
        POSTS.encode("cp1252"), "Facebook Insights Data Export (Post Level) - Kedai - 2014.csv", today=TODAY
    ).tables
    assert (t.kind, t.rows) == ("posts", 2)
    d = t.data
    assert d.loc[0, "caption"] == "Café baru buka!"
    # 04:29:18 PM in Asia/Jakarta (UTC+7) is 09:29:18 UTC.
    assert d.loc[0, "published_at"] == pd.Timestamp("2014-02-19 09:29:18", tz="UTC")
    assert list(d["reach"]) == [1000, 500]
    assert list(d["Lifetime Post Total Reach (2)"]) == [999, 498]
    assert any("Windows-1252" in w for w in t.warnings)
