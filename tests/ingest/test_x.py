"""X (Twitter) exports: legacy tweet activity, the 2024+ content export, daily files, Japanese UI."""

from __future__ import annotations

import pandas as pd

from smo_metrics.ingest import read_file
from tests.ingest._real import TODAY, real

# Reference totals: Python's csv module over each file's data rows, float() of each cell.


def test_new_content_export() -> None:
    (t,) = read_file(real("x/maurojpelle-2026-05-25-to-2026-08-22.csv"), today=TODAY).tables
    assert (t.kind, t.platform, t.account) == ("posts", "x", "MauroJPelle")
    assert t.rows == 377 and t.rejected.empty
    d = t.data
    assert d["impressions"].sum() == 16105
    assert d["likes"].sum() == 490
    assert d["platform_engagements"].sum() == 1018
    assert d["saves"].sum() == 5  # Bookmarks
    assert d["shares"].sum() == 20  # Reposts
    assert d["comments"].sum() == 66  # Replies
    assert d["follows"].sum() == 11
    assert d["profile_visits"].sum() == 173
    assert "Shares" in t.unmapped_columns  # X's own "Shares" (DM/link) is not reposts
    # "Sat, Aug 22, 2026" is a bare date: no posting hour.
    assert d.loc[0, "published_date"] == pd.Timestamp("2026-08-22")
    assert not d["time_known"].any()
    assert t.date_range() == (pd.Timestamp("2026-05-26").date(), pd.Timestamp("2026-08-22").date())


def test_legacy_tweet_activity() -> None:
    (t,) = read_file(real("x/tweet_activity_metrics_LisaDeBruine_20210101_20210201_en.csv"), today=TODAY).tables
    assert (t.kind, t.account, t.rows) == ("posts", "LisaDeBruine", 188)
    d = t.data
    assert d["impressions"].sum() == 423290
    assert d["platform_engagements"].sum() == 15026
    assert d["shares"].sum() == 566  # retweets
    assert d["comments"].sum() == 218  # replies
    assert d["likes"].sum() == 1860
    assert d["link_clicks"].sum() == 3468
    assert d["profile_visits"].sum() == 955
    # "2021-01-30 12:56 +0000" carries its offset: exact UTC, hour known.
    assert d.loc[0, "published_at"] == pd.Timestamp("2021-01-30 12:56", tz="UTC")
    assert d["time_known"].all()
    assert t.assumed_tz == "UTC"
    # Promoted columns are all "-": kept, all missing, never zero.
    assert d["promoted impressions"].isna().all()


def test_japanese_headers_with_literal_backslash() -> None:
    text = (
        "ポストID,日付,ポスト本文,ポストのリンク,インプレッション数,いいね,エンゲージメント,ブックマーク,"
        "共有された回数\\,新しいフォロー,返信,リポスト\n"
        '42,"Mon, Jan 5, 2026",こんにちは,https://x.com/kopi_id/status/42,100,5,9,1,0,2,1,3\n'
    )
    (t,) = read_file(text.encode(), "x.csv", today=TODAY).tables
    assert (t.platform, t.account, t.rows) == ("x", "kopi_id", 1)
    row = t.data.iloc[0]
    assert (row["impressions"], row["likes"], row["shares"], row["comments"], row["saves"]) == (100, 5, 3, 1, 1)
    assert row["published_date"] == pd.Timestamp("2026-01-05")
    assert "共有された回数\\" in t.unmapped_columns


def test_account_overview_newest_first() -> None:
    text = (
        "Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,Replies,Reposts,"
        "Profile visits,Create Post,Video views,Media views\n"
        '"Sun, Aug 23, 2026",120,4,10,0,0,3,1,2,1,5,2,0,7\n'
        '"Sat, Aug 22, 2026",80,2,6,1,0,1,0,0,0,1,1,0,3\n'
    )
    (t,) = read_file(text.encode(), "account_overview_analytics.csv", today=TODAY).tables
    assert (t.kind, t.platform, t.rows) == ("account_daily", "x", 2)
    d = t.data
    assert list(d["date"]) == [pd.Timestamp("2026-08-23"), pd.Timestamp("2026-08-22")]
    assert list(d["followers_gained"]) == [3, 1] and list(d["followers_lost"]) == [1, 0]
    assert list(d["posts_published"]) == [2, 1]
    assert any("does not name the account" in w for w in t.warnings)


def test_legacy_daily() -> None:
    text = (
        '"Date","Tweets published","impressions","engagements","engagement rate","retweets","replies","likes",'
        '"user profile clicks","url clicks"\n'
        '"2021-01-01","3","1500.0","40.0","0.0266","2.0","1.0","20.0","4.0","-"\n'
    )
    (t,) = read_file(text.encode(), "daily_tweet_activity_metrics_kopi_20210101_20210201_en.csv", today=TODAY).tables
    assert (t.kind, t.account) == ("account_daily", "kopi")
    row = t.data.iloc[0]
    assert (row["posts_published"], row["impressions"], row["engagements"], row["shares"]) == (3, 1500, 40, 2)
    assert pd.isna(row["link_clicks"])  # "-" is missing
