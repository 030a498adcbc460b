"""TikTok Studio exports: the real sample files, and one small inline file per quirk.

Reference numbers for the real files were computed independently of the reader with Python's
``csv`` module (``csv.DictReader(open(path, encoding="utf-8-sig", newline=""))``, then ``len``,
``sum(int(cell))`` and indexing), in a throwaway script; each assertion says which.
Numbers for the inline files are worked out by hand from the bytes shown.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from smo_metrics.ingest import DEFAULT_TZ, Context, read_file, tiktok_studio
from smo_metrics.ingest.base import Table
from smo_metrics.ingest.text import TextSheet

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real_exports" / "tiktok"
TODAY = dt.date(2026, 11, 22)
BOM = b"\xef\xbb\xbf"


def real(name: str) -> Table:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"real export {path} is not available (the shared sample files are not mounted)")
    result = read_file(path, today=TODAY)
    assert len(result.tables) == 1
    return result.tables[0]


def read(data: bytes, name: str, today: dt.date = TODAY) -> Table:
    result = read_file(data, name, today=today)
    assert len(result.tables) == 1
    return result.tables[0]


def day(s: str) -> pd.Timestamp:
    return pd.Timestamp(s)


def says(table: Table, fragment: str) -> bool:
    return any(fragment.lower() in w.lower() for w in table.warnings)


# -- real files ----------------------------------------------------------------------------


def test_real_overview_runs_across_new_year():
    t = real("Overview.csv")
    assert (t.kind, t.platform, t.reader) == ("account_daily", "tiktok", "tiktok_studio_overview")
    # csv: len(rows) = 365 data rows, "February 28" .. "February 27"; today 2026-11-22 puts the
    # last day in 2026, so the run starts 2025-02-28 (365 days, 2025 is not a leap year).
    assert t.rows == 365
    assert t.rejected.empty
    assert t.date_range() == (dt.date(2025, 2, 28), dt.date(2026, 2, 27))
    dates = t.data["date"]
    assert (dates.diff().dropna() == pd.Timedelta(days=1)).all()
    # csv: rows[306] is "December 31" (9768 video views), rows[307] "January 1" (28710).
    assert dates[306] == day("2025-12-31") and t.data["views"][306] == 9768
    assert dates[307] == day("2026-01-01") and t.data["views"][307] == 28710
    # csv: sum(int(r[col])) per column; Comments holds 35 negative days (-1 .. -7), kept as written.
    assert t.totals() == {"views": 2946198, "profile_visits": 9692, "likes": 23673, "comments": 3171, "shares": 2372}
    assert t.account is None and t.data["account"].isna().all()
    assert says(t, "the file does not name the account")
    assert says(t, "2025-02-28 to 2026-02-27")
    assert t.assumed_tz == DEFAULT_TZ


def test_real_follower_history_undefined_is_missing():
    t = real("FollowerHistory.csv")
    assert t.rows == 365 and t.rejected.empty
    assert t.date_range() == (dt.date(2025, 2, 28), dt.date(2026, 2, 27))
    followers = t.data["followers"]
    # csv: 25 rows say "undefined" (February 28 .. March 24); the first count is 37 on March 25.
    assert followers.isna().sum() == 25
    assert followers[:25].isna().all() and followers[25] == 37
    assert t.data["date"][25] == day("2025-03-25")
    # csv: sum of the defined followers = 1347188; sum of the daily differences = 4976.
    assert t.totals() == {"followers": 1347188, "followers_net": 4976}
    # csv: last row "February 27","5013","3"; rows[307] "January 1","4993","-3".
    assert (t.data["date"].iloc[-1], followers.iloc[-1]) == (day("2026-02-27"), 5013)
    assert (t.data["date"][307], followers[307], t.data["followers_net"][307]) == (day("2026-01-01"), 4993, -3)


def test_real_follower_activity():
    t = real("FollowerActivity.csv")
    assert (t.kind, t.rows, len(t.rejected)) == ("follower_activity", 168, 0)  # csv: 7 days x 24 hours
    assert t.date_range() == (dt.date(2026, 2, 21), dt.date(2026, 2, 27))
    assert t.data.groupby("date")["hour"].apply(list).map(lambda h: h == list(range(24))).all()
    assert str(t.data["hour"].dtype) == "Int64"
    # csv: sum of "Active followers" = 142304; February 27 alone = 15304; the maximum 1281 is
    # February 23, hour 14.
    assert t.totals() == {"active_followers": 142304}
    assert t.data.loc[t.data["date"] == day("2026-02-27"), "active_followers"].sum() == 15304
    top = t.data.loc[t.data["active_followers"].idxmax()]
    assert (top["date"], top["hour"], top["active_followers"]) == (day("2026-02-23"), 14, 1281)


def test_real_content_posts():
    t = real("Content.csv")
    assert (t.kind, t.rows, len(t.rejected)) == ("posts", 13, 0)
    assert t.account == "haileytupy2.0"
    assert (t.data["account"] == "haileytupy2.0").all()
    # csv: sums of Total views / likes / comments / shares.
    assert t.totals() == {"views": 537161, "likes": 4063, "comments": 117, "shares": 275}
    first = t.data.iloc[0]
    assert first["post_id"] == "7527623000473079054"
    assert first["permalink"] == "https://www.tiktok.com/@haileytupy2.0/video/7527623000473079054"
    # "Time" is "February 28" -> the export date 2026-02-28; "July 16" -> 2025-07-16 (after Feb 28).
    assert first["published_date"] == day("2025-07-16")
    # Midnight in Asia/Jakarta (UTC+7) is 17:00 UTC the day before.
    assert first["published_at"] == pd.Timestamp("2025-07-15 17:00", tz="UTC")
    assert not t.data["time_known"].any()
    assert (t.data["post_type"] == "video").all()
    # csv: earliest post time "April 8" (2025), latest "February 1" (2026); two empty titles.
    assert t.date_range() == (dt.date(2025, 4, 8), dt.date(2026, 2, 1))
    assert t.data["caption"].isna().sum() == 2
    assert says(t, "2026-02-28")


def test_real_content_years_agree_with_the_video_ids():
    """A TikTok video id's top 32 bits are the upload time in Unix seconds: an independent check
    of the assumed years (the dates may differ by a day: the export shows the account's zone)."""
    t = real("Content.csv")
    uploaded = t.data["post_id"].map(lambda i: pd.Timestamp(dt.datetime.fromtimestamp(int(i) >> 32, dt.UTC).date()))
    gap = (t.data["published_date"] - uploaded).abs()
    assert (gap <= pd.Timedelta(days=1)).all()


def test_real_follower_gender():
    t = real("FollowerGender.csv")
    assert (t.kind, t.rows) == ("audience", 3)
    got = dict(zip(t.data["segment"], t.data["value"], strict=True))
    assert got == {"female": 0.59, "male": 0.41, "other": 0.0}  # the file's fractions, as written
    assert (t.data["dimension"] == "gender").all() and (t.data["unit"] == "share").all()
    assert (t.data["population"] == "followers").all()
    assert t.data["as_of"].isna().all() and says(t, "as_of is left empty")


def test_real_top_territories_keep_others():
    t = real("FollowerTopTerritories.csv")
    assert (t.rows, len(t.rejected)) == (11, 0)  # csv: 10 territories and "Others"
    others = t.data.loc[t.data["segment"] == "Others", "value"]
    assert others.tolist() == [0.211]
    assert t.data.loc[t.data["segment"] == "US", "value"].tolist() == [0.462]
    assert t.data["value"].sum() == pytest.approx(1.0)  # csv: the eleven fractions sum to 1.000
    assert (t.data["dimension"] == "territory").all()


# -- inline files: one quirk each ----------------------------------------------------------


def test_spanish_dates_and_headers_across_new_year():
    data = BOM + (
        b'"Fecha","Visualizaciones de videos","Visualizaciones del perfil","Me gusta","Comentarios","Veces compartido"\n'
        b'"30 de diciembre","10","1","2","0","0"\n'
        b'"31 de diciembre","20","2","3","1","0"\n'
        b'"1 de enero","30","3","4","0","1"\n'
        b'"2 de enero","40","4","5","0","2"'
    )
    t = read(data, "Overview.csv")
    # The run ends January 2; the latest January 2 on or before 2026-11-22 is in 2026.
    assert t.data["date"].tolist() == [day("2025-12-30"), day("2025-12-31"), day("2026-01-01"), day("2026-01-02")]
    assert t.totals() == {"views": 100, "profile_visits": 10, "likes": 14, "comments": 1, "shares": 3}


def test_portuguese_dates_in_viewers():
    data = BOM + (
        b'"Date","Total Viewers","New Viewers","Returning Viewers"\n'
        b'"30 de abril","100","60","40"\n'
        b'"1 de maio","120","70","50"\n'
        b'"2 de maio","","undefined","-"'
    )
    t = read(data, "Viewers.csv")
    assert t.reader == "tiktok_studio_viewers"
    assert t.data["date"].tolist() == [day("2026-04-30"), day("2026-05-01"), day("2026-05-02")]
    assert t.data["viewers"].tolist()[:2] == [100, 120]
    # Empty, "undefined" and "-" are missing, never 0; the row is kept.
    assert t.data.iloc[2][["viewers", "new_viewers", "returning_viewers"]].isna().all()
    assert t.totals() == {"viewers": 220, "new_viewers": 130, "returning_viewers": 90}


def test_run_after_today_goes_back_a_year():
    # today 2026-11-22: a run ending December 5 cannot be in 2026, so it is 2025.
    data = b'"Date","Followers","Difference in followers from previous day"\n"December 4","10","1"\n"December 5","12","2"\n'
    t = read(data, "FollowerHistory.csv")
    assert t.data["date"].tolist() == [day("2025-12-04"), day("2025-12-05")]


def test_file_name_range_gives_the_years():
    data = b'"Date","Followers","Difference in followers from previous day"\n"December 31","5","0"\n"January 1","6","1"\n"January 2","6","0"\n'
    t = read(data, "FollowerHistory_2023-12-01_2024-01-02.csv")
    assert t.data["date"].tolist() == [day("2023-12-31"), day("2024-01-01"), day("2024-01-02")]
    assert says(t, "file name")


def test_business_variant_with_years_nan_and_padded_header():
    data = (
        b"Date,Video views,Reached audience,Profile views,Likes,Shares,Comments,Phone number clicks ,"
        b"Leads submission,Net growth,New followers,Lost followers\n"
        b"2025/10/30,1200,800,15,90,4,7,1,0,3,5,2\n"
        b"2025/10/31,NAN,NAN,NAN,NAN,NAN,NAN,NAN,NAN,NAN,NAN,NAN\n"
        b"2025/11/01,1500,950,20,110,6,9,0,2,-1,2,3\n"
    )
    t = read(data, "overview_business.csv")
    assert (t.reader, t.rows, len(t.rejected)) == ("tiktok_studio_overview", 3, 0)
    assert t.data["date"].tolist() == [day("2025-10-30"), day("2025-10-31"), day("2025-11-01")]
    assert not says(t, "no year")
    assert t.data.iloc[1].drop(["platform", "account", "date"]).isna().all()  # NAN is missing
    assert t.unmapped_columns == ["Phone number clicks", "Leads submission"]
    # By hand: views 1200+1500, reach 800+950, net 3-1, gained 5+2, lost 2+3, phone clicks 1+0.
    totals = t.totals()
    assert (totals["views"], totals["reach"], totals["profile_visits"]) == (2700, 1750, 35)
    assert (totals["followers_net"], totals["followers_gained"], totals["followers_lost"]) == (2, 7, 5)
    assert (totals["Phone number clicks"], totals["Leads submission"]) == (1, 2)


def test_activity_hours_outside_0_23_are_rejected_with_their_line():
    data = BOM + (
        b'"Date","Hour","Active followers"\n'  # line 1
        b'"March 1","0","10"\n'  # line 2
        b'"March 1","24","11"\n'  # line 3: rejected
        b'"March 1","23","12"\n'  # line 4
        b'"March 1","-1","13"\n'  # line 5: rejected
        b'"March 1","7.5","14"\n'  # line 6: rejected
        b'"March 1","x","15"\n'  # line 7: rejected (not a number)
    )
    t = read(data, "FollowerActivity.csv")
    assert t.data["hour"].tolist() == [0, 23]
    assert t.data["active_followers"].tolist() == [10, 12]
    assert t.rejected["line"].tolist() == [3, 5, 6, 7]
    reasons = t.rejected["reason"].tolist()
    assert "'24' is not an hour of the day" in reasons[0] and "'-1'" in reasons[1] and "'7.5'" in reasons[2]
    assert "is not a number" in reasons[3]


def test_unreadable_and_impossible_days_are_rejected():
    data = BOM + (
        b'"Date","Video Views","Profile Views","Likes","Comments","Shares"\n'
        b'"February 27","1","0","0","0","0"\n'
        b'"February 28","2","0","0","0","0"\n'
        b'"February 29","3","0","0","0","0"\n'  # 2026 is not a leap year
        b'"Febtober 1","4","0","0","0","0"\n'
        b'"March 1","5","0","0","0","0"\n'
    )
    t = read(data, "Overview.csv")
    assert t.data["date"].tolist() == [day("2026-02-27"), day("2026-02-28"), day("2026-03-01")]
    assert t.data["views"].tolist() == [1, 2, 5]
    assert t.rejected["line"].tolist() == [4, 5]
    assert "'February 29' is not a day of the year assumed" in t.rejected["reason"][0]
    assert "'Febtober 1' is not a month and day" in t.rejected["reason"][1]


def test_content_year_less_dates_anchor_on_the_export_date():
    data = BOM + (
        b'"Time","Video title","Video link","Post time","Total likes","Total comments","Total shares","Total views"\n'
        b'"2 de enero","a","https://www.tiktok.com/@me.user/video/111","1 de enero","1","0","0","10"\n'
        b'"2 de enero","b","https://www.tiktok.com/@me.user/video/222","30 de diciembre","2","1","0","20"\n'
        b'"2 de enero","c","https://www.tiktok.com/@me.user/video/333","3 de enero","3","0","1","30"\n'
        b'"2 de enero","d","https://www.tiktok.com/@other/video/444","2 de enero","4","0","0","40"\n'
        b'"2 de enero","no id","https://www.tiktok.com/@me.user","2 de enero","5","0","0","50"\n'
    )
    t = read(data, "Content.csv")
    # Export date: the latest January 2 on or before 2026-11-22 = 2026-01-02. Posts on or before it:
    # January 1 -> 2026-01-01, December 30 -> 2025-12-30, January 3 -> 2025-01-03, January 2 -> 2026-01-02.
    assert t.data["post_id"].tolist() == ["111", "222", "333", "444"]
    assert t.data["published_date"].tolist() == [
        day("2026-01-01"),
        day("2025-12-30"),
        day("2025-01-03"),
        day("2026-01-02"),
    ]
    assert t.account == "me.user"  # the most common @user in the links
    assert t.rejected["line"].tolist() == [6]
    assert "no /video/<id>" in t.rejected["reason"][0]
    assert t.totals() == {"views": 100, "likes": 10, "comments": 1, "shares": 1}


def test_gender_in_percent_and_dated_by_file_name():
    data = b'"Gender","Distribution"\n"Female","59"\n"Male","40"\n"Other","1"\n'
    t = read(data, "FollowerGender_2026-01-01_2026-01-31.csv")
    assert dict(zip(t.data["segment"], t.data["value"], strict=True)) == pytest.approx(
        {"female": 0.59, "male": 0.40, "other": 0.01}
    )
    assert (t.data["as_of"] == day("2026-01-31")).all()
    assert says(t, "percent")


def test_zip_of_overview_and_content_shares_the_account():
    overview = (
        BOM + b'"Date","Video Views","Profile Views","Likes","Comments","Shares"\n"March 1","5","1","2","0","0"\n'
    )
    content = BOM + (
        b'"Time","Video title","Video link","Post time","Total likes","Total comments","Total shares","Total views"\n'
        b'"March 2","hi","https://www.tiktok.com/@shop.id/video/123","March 1","2","0","0","5"\n'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("Overview.csv", overview)
        zf.writestr("Content.csv", content)
    result = read_file(buf.getvalue(), "tiktok_export.zip", today=TODAY)
    by_kind = {t.kind: t for t in result.tables}
    assert set(by_kind) == {"account_daily", "posts"}
    assert by_kind["posts"].account == "shop.id"
    assert by_kind["account_daily"].account == "shop.id"
    assert (by_kind["account_daily"].data["account"] == "shop.id").all()
    assert by_kind["account_daily"].data["date"].tolist() == [day("2026-03-01")]


@pytest.mark.parametrize(
    "text",
    [
        "Date,Likes,Comments\n2026-01-01,1,2\n",  # a Date column and generic metrics
        "Date,Impressions,Likes,Profile visits,Video views\n2026-01-01,1,2,3,4\n",  # X account overview
        "Date,Views\n2026-01-01,5\n",  # YouTube totals
    ],
)
def test_other_platforms_are_not_taken_for_tiktok(text: str):
    ctx = Context("export.csv", [TextSheet(text, "export.csv")], today=TODAY)
    assert not tiktok_studio.detect(ctx)


def test_two_day_run_across_new_year():
    rows = "".join(f'"December 31","{h}","1"\n' for h in range(24)) + "".join(
        f'"January 1","{h}","1"\n' for h in range(24)
    )
    t = read(('"Date","Hour","Active followers"\n' + rows).encode(), "FollowerActivity.csv")
    assert t.data["date"].drop_duplicates().tolist() == [day("2025-12-31"), day("2026-01-01")]


def test_content_exported_the_day_after_the_range_in_the_zip_name() -> None:
    # A Studio download for 2025-11-01 .. 2026-10-31 made on November 1: "Time" is "November 1"
    # (2026, after the range), and a post from "December 30" belongs to 2025, not 2024.
    import io
    import zipfile

    content = (
        '\ufeff"Time","Video title","Video link","Post time","Total likes","Total comments","Total shares","Total views"\n'
        '"November 1","a","https://www.tiktok.com/@kopi/video/1","December 30","1","0","0","10"\n'
        '"November 1","b","https://www.tiktok.com/@kopi/video/2","October 30","1","0","0","10"\n'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("Content.csv", content.encode("utf-8"))
    res = read_file(buf.getvalue(), "tiktok_studio_2025-11-01_2026-10-31.zip", today=dt.date(2026, 11, 22))
    (t,) = res.tables
    assert list(t.data["published_date"]) == [pd.Timestamp("2025-12-30"), pd.Timestamp("2026-10-30")]
