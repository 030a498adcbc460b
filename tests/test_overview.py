"""The overview of a view: headline numbers, platforms side by side, trends, best and worst posts.

A small workspace worked by hand (see ``tables`` below): one week, 2–8 March 2026 (Monday to
Sunday), compared with the week before. Every expected number is computed in the comment
next to it from the rows of the fixture.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from smo_metrics import overview as O
from smo_metrics import schema
from smo_metrics.errors import UsageError
from smo_metrics.growth import Period
from smo_metrics.summary import summarize

WEEK = Period(dt.date(2026, 3, 2), dt.date(2026, 3, 8))
BEFORE = Period(dt.date(2026, 2, 23), dt.date(2026, 3, 1))


def week_posts() -> pd.DataFrame:
    rows = [
        # platform, id, date, reach, impressions, views, likes, comments, shares, saves
        ("instagram", "p0", "2026-02-25", 800, None, None, 40, None, None, None),  # before: 40 engagements
        ("instagram", "p1", "2026-03-02", 1000, None, None, 80, 10, 5, 5),  # 100 / 1000 = 10 %
        ("instagram", "p2", "2026-03-04", 500, None, None, 20, 5, None, None),  # 25 / 500 = 5 %
        ("instagram", "p3", "2026-03-04", 50, None, None, 20, None, None, None),  # 20 / 50 = 40 %, tiny reach
        ("tiktok", "t0", "2026-02-26", None, None, 900, 100, None, None, None),  # before: 100
        ("tiktok", "t1", "2026-03-03", None, None, 3000, 300, 20, 30, None),  # 350, no reach
        ("x", "x1", "2026-03-05", None, 2000, None, 10, 2, 4, 4),  # 20 / 2000 impressions
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "platform",
            "post_id",
            "published_date",
            "reach",
            "impressions",
            "views",
            "likes",
            "comments",
            "shares",
            "saves",
        ],
    )
    frame["account"] = frame["platform"].map({"instagram": "kopi", "tiktok": "kopi", "x": "kopi_x"})
    frame["published_date"] = pd.to_datetime(frame["published_date"])
    # Instagram gives the time (19:30 WIB = 12:30 UTC); the others only the date.
    frame["published_at"] = (frame["published_date"] + pd.Timedelta(hours=12, minutes=30)).dt.tz_localize("UTC")
    frame["time_known"] = frame["platform"] == "instagram"
    frame["caption"] = [f"Caption of {i}" for i in frame["post_id"]]
    frame["permalink"] = [f"https://example.com/{i}" for i in frame["post_id"]]
    return schema.conform("posts", frame)


def week_daily() -> pd.DataFrame:
    tiktok = [("2026-02-22", 950.0, None), ("2026-03-01", 1000.0, 10.0)] + [
        ((dt.date(2026, 3, 2) + dt.timedelta(days=i)).isoformat(), 1010.0 + 10 * i, 10.0) for i in range(7)
    ]
    rows = [
        {"platform": "tiktok", "account": "kopi", "date": d, "followers": f, "followers_net": n} for d, f, n in tiktok
    ]
    for i in range(7):  # Instagram: new follows only (Meta Insights "Follows")
        rows.append(
            {
                "platform": "instagram",
                "account": "kopi",
                "date": (dt.date(2026, 2, 23) + dt.timedelta(days=i)).isoformat(),
                "followers_gained": 3.0,
            }
        )
        rows.append(
            {
                "platform": "instagram",
                "account": "kopi",
                "date": (dt.date(2026, 3, 2) + dt.timedelta(days=i)).isoformat(),
                "followers_gained": 5.0,
            }
        )
    rows += [  # X: new follows and unfollows
        {"platform": "x", "account": "kopi_x", "date": "2026-03-03", "followers_gained": 4.0, "followers_lost": 1.0},
        {"platform": "x", "account": "kopi_x", "date": "2026-03-06", "followers_gained": 2.0, "followers_lost": 3.0},
    ]
    frame = pd.DataFrame(rows)
    frame["date"] = pd.to_datetime(frame["date"])
    return schema.conform("account_daily", frame)


def week_ads() -> pd.DataFrame:
    rows = [
        # platform, level, campaign, start, end, currency, spend, conversion value
        ("meta", "ad_set", "A", "2026-02-24", "2026-02-24", "IDR", 80_000, 160_000),  # before
        ("meta", "ad_set", "A", "2026-03-03", "2026-03-03", "IDR", 100_000, 300_000),
        ("tiktok", "ad", "B", "2026-03-04", "2026-03-04", "IDR", 50_000, None),  # no conversion value
        ("meta", "ad_set", "C", "2026-03-05", "2026-03-05", "USD", 10, 25),
        ("meta", "campaign", "D", "2026-03-07", "2026-03-10", "IDR", 999, None),  # reaches past the week
    ]
    frame = pd.DataFrame(
        rows,
        columns=["platform", "level", "campaign", "date_start", "date_end", "currency", "spend", "conversion_value"],
    )
    frame["ad_set"] = frame["campaign"] + " set"
    frame["ad"] = frame["campaign"].where(frame["level"] == "ad")
    frame["date_start"] = pd.to_datetime(frame["date_start"])
    frame["date_end"] = pd.to_datetime(frame["date_end"])
    return schema.conform("ads", frame)


@pytest.fixture
def tables() -> dict[str, pd.DataFrame]:
    out = {k: schema.empty_frame(k) for k in schema.KINDS}
    out |= {"posts": week_posts(), "account_daily": week_daily(), "ads": week_ads()}
    return out


@pytest.fixture
def empty() -> dict[str, pd.DataFrame]:
    return {k: schema.empty_frame(k) for k in schema.KINDS}


# --- headline numbers -------------------------------------------------------------------------


def test_organic_numbers_by_hand(tables):
    k = O.kpis(tables, WEEK, BEFORE, "reach")
    assert (k["posts"].current, k["posts"].previous) == (5, 2)  # p1 p2 p3 t1 x1; p0 t0
    assert k["posts"].change.relative == pytest.approx(1.5)  # (5 − 2) ÷ 2
    # Σ per-post reach, Instagram only: 1000 + 500 + 50; before: 800.
    assert (k["reach_sum"].current, k["reach_sum"].previous) == (1550, 800)
    assert k["reach_sum"].platforms == ("instagram",) and k["reach_sum"].left_out == ("tiktok", "x")
    assert k["impressions"].current == 2000 and k["impressions"].platforms == ("x",)
    # 100 + 25 + 20 + 350 + 20 = 515; before 40 + 100 = 140.
    assert (k["engagements"].current, k["engagements"].previous) == (515, 140)
    # Ratio of sums over the posts with reach: (100 + 25 + 20) ÷ 1550; before 40 ÷ 800.
    assert k["engagement_rate"].current == pytest.approx(145 / 1550)
    assert k["engagement_rate"].previous == pytest.approx(0.05)
    assert k["engagement_rate"].change.absolute == pytest.approx(145 / 1550 - 0.05)


def test_engagement_rate_follows_the_basis(tables):
    k = O.kpis(tables, WEEK, None, "impressions")
    assert k["engagement_rate"].current == pytest.approx(20 / 2000)  # X only
    assert k["engagement_rate"].platforms == ("x",)
    assert k["engagement_rate"].previous is None and k["engagement_rate"].change.relative is None


def test_follower_numbers_keep_gains_only_apart(tables):
    k = O.kpis(tables, WEEK, BEFORE)
    # TikTok totals: 1070 on 8 March; before: 1000 on 1 March.
    assert (k["followers"].current, k["followers"].previous) == (1070, 1000)
    assert k["followers"].platforms == ("tiktok",) and k["followers"].left_out == ("instagram", "x")
    # Net change: TikTok 1070 − 1000 = 70, X (4 − 1) + (2 − 3) = 2 → 72; before: TikTok 1000 − 950 = 50
    # (X has no rows that week, so the comparison has TikTok only).
    assert k["follower_change"].current == 72 and k["follower_change"].previous == 50
    assert k["follower_change"].platforms == ("tiktok", "x")
    # Instagram exports new follows only: 7 × 5 = 35, before 7 × 3 = 21; never added to the net change.
    assert (k["followers_gained_only"].current, k["followers_gained_only"].previous) == (35, 21)
    assert k["followers_gained_only"].platforms == ("instagram",)


def test_same_numbers_as_the_summary(tables):
    s = summarize(tables, WEEK.start, WEEK.end)["all"]
    k = O.kpis(tables, WEEK)
    assert k["posts"].current == s["posts"]
    assert k["reach_sum"].current == s["reach"]
    assert k["impressions"].current == s["impressions"]
    assert k["engagements"].current == s["engagements"]
    assert k["engagement_rate"].current == pytest.approx(s["engagement_rate_by_reach"])
    # Instagram's new follows are no net change in either (growth.follower_growth).
    assert s["follower_net_change"] == k["follower_change"].current == 72


def test_kpis_of_an_empty_workspace(empty):
    k = O.kpis(empty, WEEK, BEFORE)
    assert k["posts"].current == 0 and k["posts"].previous == 0
    for key in ("reach_sum", "impressions", "engagements", "engagement_rate", "followers", "follower_change"):
        assert k[key].current is None and k[key].previous is None  # missing, never 0


def test_unknown_basis_is_a_usage_error(tables):
    with pytest.raises(UsageError):
        O.kpis(tables, WEEK, None, "likes")


# --- ads ----------------------------------------------------------------------------------------


def test_ads_per_currency_and_roas_over_platforms_with_a_value(tables):
    idr, usd = O.ads_totals(tables["ads"], WEEK, BEFORE)
    assert idr.currency == "IDR" and usd.currency == "USD"
    assert idr.spend == 150_000  # Meta 100 000 + TikTok 50 000; campaign D reaches past the week
    assert idr.roas == pytest.approx(3.0)  # 300 000 ÷ 100 000: TikTok has no conversion value
    assert idr.roas_platforms == ("meta",) and idr.no_value_platforms == ("tiktok",)
    assert (idr.spend_previous, idr.roas_previous) == (80_000, pytest.approx(2.0))  # 160 000 ÷ 80 000
    assert idr.spend_change.relative == pytest.approx(70_000 / 80_000)
    assert (idr.beyond_rows, idr.beyond_spend) == (1, 999)
    assert (usd.spend, usd.roas) == (10, pytest.approx(2.5))  # never added to rupiah
    assert usd.spend_previous is None


def test_no_ads(empty):
    assert O.ads_totals(empty["ads"], WEEK, BEFORE) == []


# --- platforms side by side ----------------------------------------------------------------------


def test_platform_table_by_hand(tables):
    t = O.platform_table(tables, WEEK, "reach").set_index("platform")
    assert list(t.index) == ["instagram", "tiktok", "x"]
    assert t.loc["instagram", "posts"] == 3 and t.loc["instagram", "reach_sum"] == 1550
    assert t.loc["instagram", "engagement_rate"] == pytest.approx(145 / 1550)
    assert t.loc["instagram", "follower_source"] == "gains only" and t.loc["instagram", "follower_change"] == 35
    assert pd.isna(t.loc["tiktok", "reach_sum"]) and pd.isna(t.loc["tiktok", "engagement_rate"])
    assert (t.loc["tiktok", "followers_start"], t.loc["tiktok", "followers_end"]) == (1000, 1070)
    assert t.loc["tiktok", "follower_growth_rate"] == pytest.approx(0.07)  # 70 ÷ 1000
    assert t.loc["x", "follower_source"] == "gained - lost" and t.loc["x", "follower_change"] == 2
    assert O.follower_growth_rate(O.platform_table(tables, WEEK)) == pytest.approx(0.07)


def test_platform_table_empty(empty):
    assert O.platform_table(empty, WEEK).empty
    assert O.follower_growth_rate(O.platform_table(empty, WEEK)) is None


# --- trends ---------------------------------------------------------------------------------------


def test_daily_trend_by_hand(tables):
    t = O.trend(tables, WEEK, "reach", "day").set_index(["platform", "bucket"])
    assert len(t) == 3 * 7 and (t["days"] == 1).all()
    ig_4 = t.loc[("instagram", pd.Timestamp("2026-03-04"))]
    assert (ig_4["posts"], ig_4["reach_sum"], ig_4["engagements"]) == (2, 550, 45)  # p2 + p3
    assert ig_4["engagement_rate"] == pytest.approx(45 / 550)
    ig_3 = t.loc[("instagram", pd.Timestamp("2026-03-03"))]
    assert ig_3["posts"] == 0 and ig_3["reach_sum"] == 0  # Instagram reports reach: a day without posts is 0
    assert pd.isna(ig_3["engagement_rate"])  # … but has no rate
    assert pd.isna(t.loc[("tiktok", pd.Timestamp("2026-03-03")), "reach_sum"])  # TikTok has no reach at all
    assert t.loc[("tiktok", pd.Timestamp("2026-03-05")), "follower_change"] == 10
    assert t.loc[("x", pd.Timestamp("2026-03-06")), "follower_change"] == -1  # 2 − 3
    assert pd.isna(t.loc[("instagram", pd.Timestamp("2026-03-05")), "follower_change"])  # gains only
    totals = O.trend_total(O.trend(tables, WEEK, "reach", "day"), "posts")
    assert totals.sum() == 5 and totals[pd.Timestamp("2026-03-04")] == 2


def test_weekly_trend_and_frequency(tables):
    assert O.trend_frequency(WEEK) == "day"
    assert O.trend_frequency(Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))) == "week"
    t = O.trend(tables, Period(dt.date(2026, 2, 25), dt.date(2026, 3, 8)), "reach", "week")
    ig = t[t["platform"] == "instagram"].set_index("bucket")
    # Week of 23 Feb cut to 25 Feb – 1 Mar (5 days): p0; week of 2 Mar (7 days): p1–p3.
    assert ig["days"].tolist() == [5, 7]
    assert ig["posts"].tolist() == [1, 3] and ig["reach_sum"].tolist() == [800, 1550]
    with pytest.raises(UsageError):
        O.trend_total(t, "engagement_rate")  # a rate cannot be added across platforms


def test_trend_empty(empty):
    assert O.trend(empty, WEEK).empty


# --- best and worst posts --------------------------------------------------------------------------


def test_ranked_posts_leave_out_tiny_reach_and_unrated(tables):
    posts = tables["posts"][tables["posts"]["published_date"] >= pd.Timestamp(WEEK.start)]
    r = O.ranked_posts(posts, tables["account_daily"], "reach", "Asia/Jakarta", n=1)
    # Floor = max(100, 0.1 × median(1000, 500, 50) = 50) = 100: p3 (reach 50, 40 %) is not ranked.
    assert r.min_denominator == 100 and r.ranked == 2 and r.too_small == 1
    assert r.top["post_id"].tolist() == ["p1"] and r.bottom["post_id"].tolist() == ["p2"]
    assert r.top["engagement_rate"].iloc[0] == pytest.approx(0.10)
    assert r.top["denominator"].iloc[0] == 1000 and r.top["permalink"].iloc[0] == "https://example.com/p1"
    assert r.unrated == {"tiktok": 1, "x": 1}
    # 12:30 UTC is 19:30 in Jakarta, the same day.
    assert r.top["date"].iloc[0] == dt.date(2026, 3, 2)
    everything = O.ranked_posts(posts, None, "reach", n=5, min_denominator=0)
    assert everything.top["post_id"].tolist() == ["p3", "p1", "p2"] and everything.bottom.empty


def test_local_dates_convert_known_times_only(tables):
    posts = tables["posts"]
    # 12:30 UTC on 2 March is 19:30 in Jakarta (+7) but 01:30 on 3 March in Auckland (+13 in March).
    dates = O.local_dates(posts, "Pacific/Auckland")
    assert dates[posts["post_id"] == "p1"].iloc[0] == dt.date(2026, 3, 3)
    assert dates[posts["post_id"] == "t1"].iloc[0] == dt.date(2026, 3, 3)  # date only: as exported


def test_excerpt():
    assert O.excerpt("Promo  kopi\nsusu") == "Promo kopi susu"
    assert O.excerpt(None) == "" and O.excerpt(float("nan")) == ""
    text = "Kopi susu gula aren " * 10
    cut = O.excerpt(text, 30)
    assert cut == "Kopi susu gula aren Kopi susu…" and len(cut) <= 30


def test_ranked_posts_bad_calls(tables):
    with pytest.raises(UsageError):
        O.ranked_posts(tables["posts"], None, "reach", n=0)


# --- everything, and targets on the cards ---------------------------------------------------------


def test_overview_bundles_the_parts(tables):
    ov = O.overview(tables, WEEK, BEFORE, "Asia/Jakarta", "reach", n_posts=1)
    assert ov.frequency == "day" and ov.kpis["posts"].current == 5
    assert [f.platform for f in ov.followers] == ["instagram", "tiktok", "x"]
    assert [a.currency for a in ov.ads] == ["IDR", "USD"]
    assert ov.ranked.top["post_id"].tolist() == ["p1"]


def _progress(rows: list[dict]) -> pd.DataFrame:
    base = {
        "period": "month",
        "period_start": dt.date(2026, 3, 1),
        "period_end": dt.date(2026, 3, 31),
        "kind": "sum",
        "through": dt.date(2026, 3, 8),
        "elapsed": 8 / 31,
        "forecast": None,
    }
    frame = pd.DataFrame([base | r for r in rows])
    for col in ("value", "actual", "expected", "pace", "forecast"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Float64")
    return frame


def test_card_target_single_sum_and_all():
    progress = _progress(
        [
            {
                "metric": "posts",
                "platform": "instagram",
                "value": 40,
                "actual": 12,
                "expected": 40 * 8 / 31,
                "pace": 1.1625,
            },
            {"metric": "posts", "platform": "tiktok", "value": 20, "actual": 4, "expected": 20 * 8 / 31, "pace": 0.775},
        ]
    )
    one = O.card_target(progress, "posts", ("instagram",))
    assert one["value"] == 40 and one["achieved"] == pytest.approx(0.3) and one["status"] == "ahead"
    both = O.card_target(progress, "posts", ("instagram", "tiktok"))
    # Σ targets 60, Σ actual 16: 16 ÷ 60; pace 16 ÷ (60 × 8/31) = 1.0333… → on track (within 5 %).
    assert both["value"] == 60 and both["parts"] == 2
    assert both["achieved"] == pytest.approx(16 / 60) and both["pace"] == pytest.approx(16 / (60 * 8 / 31))
    assert both["status"] == "on_track"
    assert O.card_target(progress, "posts", ("instagram", "tiktok", "x")) is None  # X has no target
    assert O.card_target(progress, "views", ("instagram",)) is None
    with_all = _progress(
        [{"metric": "posts", "platform": "all", "value": 100, "actual": 16, "expected": None, "pace": None}]
    )
    assert O.card_target(with_all, "posts", ("instagram", "tiktok"))["value"] == 100
