"""The content plan: caption limits, matching plans to posts, cadence gaps, slots and exports.

Reference values: X's weighted lengths are twitter-text's own conformance cases
(``conformance/tests/validate.yml``, WeightedTweetsWithDiscountedEmojiCounterTest, config v3);
the other lengths, matches, cadences and distances are worked out by hand in the comments.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from smo_metrics import plan
from smo_metrics.errors import UsageError

TZ = "Asia/Jakarta"  # UTC+7, no daylight saving time


# --- helpers ------------------------------------------------------------------------------------


def utc(text: str) -> pd.Timestamp:
    """A Jakarta wall-clock time as a UTC timestamp."""
    return pd.Timestamp(text).tz_localize(TZ).tz_convert("UTC")


def plans_frame(rows: list[dict]) -> pd.DataFrame:
    base = {
        "account": None,
        "post_type": None,
        "caption": None,
        "hashtags": None,
        "status": "planned",
        "campaign": None,
        "published_post_id": None,
        "notes": None,
    }
    full = [{"id": i + 1, **base, **r} for i, r in enumerate(rows)]
    frame = pd.DataFrame(full)
    frame["planned_at"] = pd.to_datetime([utc(r["planned_at"]) for r in full], utc=True)
    frame["id"] = frame["id"].astype("Int64")
    for col in ("platform", "account", "post_type", "caption", "hashtags", "status", "campaign"):
        frame[col] = frame[col].astype("string")
    frame["published_post_id"] = frame["published_post_id"].astype("string")
    frame["notes"] = frame["notes"].astype("string")
    return frame


def posts_frame(rows: list[dict]) -> pd.DataFrame:
    """Posts: ``at`` is Jakarta wall-clock time; ``time_known`` False keeps only the date."""
    out = []
    for r in rows:
        at = pd.Timestamp(r["at"])
        known = r.get("time_known", True)
        out.append(
            {
                "platform": r["platform"],
                "account": r.get("account", "acct"),
                "post_id": r["post_id"],
                # a date-only export: midnight of the local date (as the readers store it)
                "published_at": utc(r["at"]) if known else utc(at.normalize().isoformat()),
                "published_date": at.normalize(),
                "time_known": known,
                "post_type": r.get("post_type"),
                "caption": r.get("caption"),
            }
        )
    frame = pd.DataFrame(
        out,
        columns=[
            "platform",
            "account",
            "post_id",
            "published_at",
            "published_date",
            "time_known",
            "post_type",
            "caption",
        ],
    )
    frame["published_at"] = pd.to_datetime(frame["published_at"], utc=True)
    frame["published_date"] = pd.to_datetime(frame["published_date"])
    frame["time_known"] = frame["time_known"].astype("boolean")
    for col in ("platform", "account", "post_id", "post_type", "caption"):
        frame[col] = frame[col].astype("string")
    return frame


NOW = utc("2026-03-20 12:00")


# --- X weighted length (twitter-text conformance cases) ------------------------------------------

X_CASES = [
    ("Hi http://test.co", 26),
    ("http://test.co", 23),
    ("285 chars-" + "xxxxxxxxxx-" * 25, 285),
    ("285 chars- http://www.twitter.com/jack " + "xxxxxxxxxx-" * 24, 299),
    ("https://www.twitter.com/aloha " * 10, 240),
    ("\U0001f637" * 160, 320),  # 160 emoji, 2 each
    (
        "故人西辞黄鹤楼，烟花三月下扬州。孤帆远影碧空尽，唯见长江天际流。朱雀桥边野草花，乌衣巷口夕阳斜。"
        "旧时王谢堂前燕，飞入寻常百姓家。朝辞白帝彩云间，千里江陵一日还。两岸猿声啼不住，轻舟已过万重山。"
        "泪湿罗巾梦不成，夜深前殿按歌声。红颜未老恩先断，斜倚薰笼坐到明。独在异乡为异客，每逢佳节倍思亲。"
        "遥知兄弟登高处，遍插茱萸少一人。",
        320,
    ),
    ("A\u0301B", 2),  # A + combining acute: one character after NFC
    # H, cat, smiley, and a four-person family joined by zero-width joiners: 1 + 2 + 2 + 2
    ("H\U0001f431\u263a\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466", 7),
    ("\U0001f637\U0001f47e\U0001f621\U0001f525\U0001f4a9", 10),
    ("\U0001f64b\U0001f3fd\U0001f468\u200d\U0001f3a4", 4),  # skin tone and a ZWJ sequence: 2 + 2
    ("randomurlrandomurlrandomurlrandomurlrandomurlrandomurlrandomurls.com", 68),  # 64-char label: no link
    (
        "This is a tweet with general punctuation characters: "
        "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b "
        "\u2010 \u2011 \u2012 \u2013 \u2014 \u2015 \u2016  \u2017 \u2018 \u2019 \u201a \u201b \u201c \u201d "
        "\u201e \u201f \u2032 \u2033 \u2034 \u2035 \u2036 \u2037",
        110,
    ),
]


@pytest.mark.parametrize(("text", "expected"), X_CASES)
def test_x_weighted_length_matches_twitter_text_conformance(text, expected):
    assert plan.x_weighted_length(text) == expected


def test_x_length_of_indonesian_text_with_emoji_mention_and_bare_domain():
    # "Ngopi dulu " 11 + ☕️ (U+2615 U+FE0F, one emoji) 2 + " " 1 + "@kopisenja.id" 13 (a mention,
    # not a link) + " " 1 + "kopisenja.id/menu" 23 (a link) = 51
    text = "Ngopi dulu \u2615\ufe0f @kopisenja.id kopisenja.id/menu"
    assert plan.x_weighted_length(text) == 51


def test_text_length_units():
    assert plan.text_length("😀", "utf16") == 2  # a surrogate pair
    assert plan.text_length("😀", "chars") == 1
    assert plan.text_length("é", "utf8_bytes") == 2
    assert plan.text_length("", "x_weighted") == 0
    with pytest.raises(UsageError):
        plan.text_length("x", "words")


# --- hashtags and caption limits ------------------------------------------------------------------


def test_hashtags_counted_once_over_caption_and_field():
    caption = "Promo #KopiSenja hari ini! Jam 10 #2026 email a#b &#39; #ngopi"
    # #KopiSenja and #ngopi in the caption; #kopisenja again (case) and #baru in the field;
    # #2026 (digits only), a#b (inside a word) and &#39 (an entity) are not hashtags
    assert plan.hashtags_in(caption, "#kopisenja #baru") == ["kopisenja", "ngopi", "baru"]
    assert plan.hashtags_in(None, ["kopi", "#susu"]) == ["kopi", "susu"]
    assert plan.hashtags_in("", None) == []


def test_post_text_appends_only_new_hashtags():
    assert plan.post_text("Halo #kopi", "#kopi #susu") == "Halo #kopi\n\n#susu"
    assert plan.post_text("Halo", None) == "Halo"
    assert plan.post_text(None, "kopi, susu") == "#kopi #susu"


def test_x_caption_over_280_is_flagged_with_its_weighted_length():
    assert plan.check_caption("x", "a" * 280) == []
    [issue] = plan.check_caption("x", "a" * 281)
    assert (issue.code, issue.field, issue.value, issue.limit, issue.unit) == (
        "too_long",
        "caption",
        281,
        280,
        "x_weighted",
    )
    # 140 emoji weigh 280: fine; 141 weigh 282
    assert plan.check_caption("x", "😀" * 140) == []
    assert plan.check_caption("x", "😀" * 141)[0].value == 282
    # the hashtags go out with the caption: 270 + blank line (2) + "#kopi" (5) = 277
    assert [m.length for m in plan.measure_text("x", "a" * 270, "#kopi")] == [277]


def test_instagram_hashtag_and_length_limits():
    five = " ".join(f"#t{i}x" for i in range(5))
    assert plan.check_caption("instagram", "Kopi", five) == []
    [issue] = plan.check_caption("instagram", "Kopi #extra", five)
    assert (issue.code, issue.value, issue.limit) == ("too_many_hashtags", 6, 5)
    assert plan.check_caption("instagram", "a" * 2200) == []
    assert plan.check_caption("instagram", "a" * 2201)[0].value == 2201


def test_tiktok_counts_utf16_units():
    assert plan.check_caption("tiktok", "😀" * 1100) == []  # 2,200 UTF-16 units
    assert plan.check_caption("tiktok", "😀" * 1101)[0].value == 2202


def test_linkedin_and_facebook_limits():
    assert plan.check_caption("linkedin", "a" * 3000) == []
    assert plan.check_caption("linkedin", "a" * 3001)[0].limit == 3000
    assert plan.TEXT_LIMITS["facebook"][0].limit == 63206
    assert plan.check_caption("facebook", "a" * 9000) == []


def test_youtube_title_description_and_angle_brackets():
    # first line = title (100 characters), the rest = description (5,000 UTF-8 bytes)
    assert plan.check_caption("youtube", "t" * 100 + "\n" + "d" * 5000) == []
    issues = plan.check_caption("youtube", "t" * 101 + "\n" + "é" * 2501)  # 5,002 bytes
    assert [(i.field, i.value) for i in issues] == [("title", 101), ("description", 5002)]
    assert [i.code for i in plan.check_caption("youtube", "Kopi <3")] == ["angle_brackets"]
    tags = " ".join(f"#t{i}x" for i in range(61))
    assert [i.code for i in plan.check_caption("youtube", "Judul", tags)] == ["too_many_hashtags"]


def test_every_limit_names_its_source():
    for limits in plan.TEXT_LIMITS.values():
        for lim in limits:
            assert lim.source and lim.limit > 0
    assert all(h.source for h in plan.HASHTAG_LIMITS.values())


def test_captions_longer_than_the_store_keeps_are_flagged():
    issues = plan.check_caption("facebook", "a" * (plan.STORE_TEXT_LIMIT + 1))
    assert [i.code for i in issues] == ["store_limit"]


def test_platform_without_limits_only_meets_the_store_limit():
    assert plan.check_caption("google_analytics", "a" * 100_000) == [
        plan.CaptionIssue(
            "store_limit", "caption", 100_000, plan.STORE_TEXT_LIMIT, "chars", "smo_metrics.store (plans)"
        )
    ]
    assert plan.measure_text("google_analytics", "abc") == []


# --- matching -------------------------------------------------------------------------------------


def test_match_by_id_even_when_the_time_is_far_off():
    plans = plans_frame([{"planned_at": "2026-03-02 19:00", "platform": "instagram", "published_post_id": "p1"}])
    posts = posts_frame([{"platform": "instagram", "post_id": "p1", "at": "2026-03-05 08:00"}])
    m = plan.match_plans(plans, posts, TZ, now=NOW)
    assert m.loc[0, "match"] == "id" and m.loc[0, "matched_post_id"] == "p1"
    assert m.loc[0, "state"] == "published"
    # 2 March 19:00 → 5 March 08:00 = 2 days 13 hours = 3,660 minutes
    assert m.loc[0, "delay_min"] == 3660


def test_match_by_time_within_the_window_only():
    plans = plans_frame(
        [
            {"planned_at": "2026-03-02 19:00", "platform": "instagram"},  # post 1 h 45 min later
            {"planned_at": "2026-03-03 09:00", "platform": "instagram"},  # post 3 h 01 min later
        ]
    )
    posts = posts_frame(
        [
            {"platform": "instagram", "post_id": "a", "at": "2026-03-02 20:45"},
            {"platform": "instagram", "post_id": "b", "at": "2026-03-03 12:01"},
        ]
    )
    m = plan.match_plans(plans, posts, TZ, now=NOW)
    assert m["matched_post_id"].tolist()[0] == "a" and m.loc[0, "match"] == "time"
    assert m.loc[0, "delay_min"] == 105
    assert pd.isna(m.loc[1, "matched_post_id"]) and m.loc[1, "state"] == "missed"
    wider = plan.match_plans(plans, posts, TZ, now=NOW, window=pd.Timedelta(hours=4))
    assert wider["matched_post_id"].tolist() == ["a", "b"]


def test_date_only_posts_match_a_plan_on_the_same_local_day():
    # 23:30 in Jakarta on 1 March is 16:30 UTC on 1 March; 00:30 on 2 March is 17:30 UTC on 1 March
    plans = plans_frame(
        [
            {"planned_at": "2026-03-01 23:30", "platform": "tiktok"},
            {"planned_at": "2026-03-02 00:30", "platform": "tiktok"},
        ]
    )
    posts = posts_frame([{"platform": "tiktok", "post_id": "v1", "at": "2026-03-02", "time_known": False}])
    m = plan.match_plans(plans, posts, TZ, now=NOW)
    assert m["state"].tolist() == ["missed", "published"]
    assert m.loc[1, "matched_post_id"] == "v1" and pd.isna(m.loc[1, "delay_min"])


def test_one_post_fulfils_one_plan_and_the_closest_pair_wins():
    plans = plans_frame(
        [
            {"planned_at": "2026-03-02 18:00", "platform": "facebook"},  # 1 h before the post
            {"planned_at": "2026-03-02 19:30", "platform": "facebook"},  # 30 min after it
        ]
    )
    posts = posts_frame([{"platform": "facebook", "post_id": "f", "at": "2026-03-02 19:00"}])
    m = plan.match_plans(plans, posts, TZ, now=NOW)
    assert m["state"].tolist() == ["missed", "published"]  # |19:00 − 19:30| < |19:00 − 18:00|


def test_a_post_claimed_by_id_is_not_matched_again_by_time():
    plans = plans_frame(
        [
            {"planned_at": "2026-03-02 19:00", "platform": "instagram"},
            {"planned_at": "2026-03-04 10:00", "platform": "instagram", "published_post_id": "p"},
        ]
    )
    posts = posts_frame([{"platform": "instagram", "post_id": "p", "at": "2026-03-02 19:05"}])
    m = plan.match_plans(plans, posts, TZ, now=NOW)
    assert m["match"].tolist()[1] == "id"
    assert m["state"].tolist() == ["missed", "published"]


def test_two_plans_naming_the_same_post_the_earlier_keeps_it():
    plans = plans_frame(
        [
            {"planned_at": "2026-03-03 10:00", "platform": "x", "published_post_id": "t"},
            {"planned_at": "2026-03-02 10:00", "platform": "x", "published_post_id": "t", "status": "published"},
        ]
    )
    posts = posts_frame([{"platform": "x", "post_id": "t", "at": "2026-03-10 10:00"}])
    m = plan.match_plans(plans, posts, TZ, now=NOW)
    assert m["state"].tolist() == ["missed", "published"]


def test_states_cancelled_upcoming_no_data_not_found_and_platform_and_account_rules():
    plans = plans_frame(
        [
            {"planned_at": "2026-03-02 19:00", "platform": "instagram", "status": "cancelled"},
            {"planned_at": "2026-03-20 13:00", "platform": "instagram"},  # ahead of NOW (12:00)
            {"planned_at": "2026-03-18 10:00", "platform": "instagram"},  # after the data's last day
            {"planned_at": "2026-03-05 10:00", "platform": "instagram", "status": "published"},
            {"planned_at": "2026-03-06 10:00", "platform": "facebook"},  # no data for facebook
            {"planned_at": "2026-03-07 10:00", "platform": "instagram", "account": "other"},
            {"planned_at": "2026-03-20 10:00", "platform": "instagram"},  # 2 h ago, window not over
        ]
    )
    posts = posts_frame(
        [
            {"platform": "instagram", "post_id": "c", "at": "2026-03-02 19:00"},  # the cancelled slot
            {"platform": "instagram", "post_id": "o", "at": "2026-03-07 10:00", "account": "acct"},
        ]
    )
    until = {"instagram": pd.Timestamp("2026-03-15")}
    m = plan.match_plans(plans, posts, TZ, now=NOW, until=until)
    assert m["state"].tolist() == [
        "cancelled",
        "upcoming",
        "no_data",
        "not_found",
        "no_data",
        "missed",
        "upcoming",
    ]
    assert m["match"].isna().all()  # the cancelled plan never takes post c; account "other" ≠ "acct"


def test_no_data_when_the_window_runs_past_the_last_covered_day():
    # planned 23:00 on the last covered day: the post may go out after midnight (within 3 h)
    plans = plans_frame([{"planned_at": "2026-03-15 23:00", "platform": "instagram"}])
    posts = posts_frame([{"platform": "instagram", "post_id": "z", "at": "2026-03-01 10:00"}])
    m = plan.match_plans(plans, posts, TZ, now=NOW, until={"instagram": pd.Timestamp("2026-03-15")})
    assert m["state"].tolist() == ["no_data"]


def test_match_plans_edges():
    empty_plans = plans_frame([{"planned_at": "2026-03-02 19:00", "platform": "x"}]).iloc[0:0]
    posts = posts_frame([{"platform": "x", "post_id": "t", "at": "2026-03-02 19:00"}])
    assert plan.match_plans(empty_plans, posts, TZ, now=NOW).empty
    plans = plans_frame([{"planned_at": "2026-03-02 19:00", "platform": "x"}])
    m = plan.match_plans(plans, posts.iloc[0:0], TZ, now=NOW)
    assert m["state"].tolist() == ["no_data"]  # no post data at all: cannot tell
    with pytest.raises(UsageError):
        plan.match_plans(plans, posts, TZ, now=NOW, window=pd.Timedelta(hours=30))
    with pytest.raises(UsageError):
        plan.match_plans(plans, posts, "Mars/Olympus", now=NOW)


def test_select_plans_by_platform_and_account():
    plans = plans_frame(
        [
            {"planned_at": "2026-03-02 19:00", "platform": "instagram"},
            {"planned_at": "2026-03-02 19:00", "platform": "instagram", "account": "b"},
            {"planned_at": "2026-03-02 19:00", "platform": "x"},
        ]
    )
    posts = posts_frame([{"platform": "instagram", "post_id": "1", "at": "2026-03-01", "account": "a"}])
    assert plan.select_plans(plans, ["x"])["id"].tolist() == [3]
    # account a: plans without an account on a's platform; not b's, not x
    assert plan.select_plans(plans, (), ["a"], posts)["id"].tolist() == [1]
    assert len(plan.select_plans(plans)) == 3


# --- calendar items, days and summary ---------------------------------------------------------------


def _small_month():
    plans = plans_frame(
        [
            {"planned_at": "2026-03-02 19:00", "platform": "instagram", "published_post_id": "p1"},
            {"planned_at": "2026-03-03 10:00", "platform": "instagram"},  # missed
            {"planned_at": "2026-03-04 10:00", "platform": "instagram", "status": "cancelled"},
            {"planned_at": "2026-03-25 10:00", "platform": "instagram"},  # upcoming
        ]
    )
    posts = posts_frame(
        [
            {"platform": "instagram", "post_id": "p1", "at": "2026-03-02 19:20"},
            {"platform": "instagram", "post_id": "p2", "at": "2026-03-02 08:00"},  # not planned
            {"platform": "tiktok", "post_id": "v", "at": "2026-03-03", "time_known": False},
            {"platform": "instagram", "post_id": "old", "at": "2026-02-27 08:00"},
        ]
    )
    # the exports run to 19 March (the day before NOW), though the last post is on 3 March
    until = {"instagram": pd.Timestamp("2026-03-19"), "tiktok": pd.Timestamp("2026-03-19")}
    return plan.match_plans(plans, posts, TZ, now=NOW, until=until), posts


def test_calendar_items_one_row_per_post_and_unmatched_plan():
    matched, posts = _small_month()
    items = plan.calendar_items(matched, posts, TZ, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert list(items.columns) == list(plan.ITEM_COLUMNS)
    rows = list(zip(items["date"].dt.day, items["time"].fillna("-"), items["state"], items["as_planned"], strict=True))
    assert rows == [
        (2, "08:00", "published", False),
        (2, "19:20", "published", True),
        (3, "-", "published", False),  # TikTok, date only: first on its day
        (3, "10:00", "missed", False),
        (4, "10:00", "cancelled", False),
        (25, "10:00", "upcoming", False),
    ]
    assert items.loc[1, "planned_time"] == "19:00" and items.loc[1, "plan_id"] == 1
    assert items.loc[1, "hour"] == pytest.approx(19 + 20 / 60)


def test_day_summary_counts_and_events():
    matched, posts = _small_month()
    items = plan.calendar_items(matched, posts, TZ, dt.date(2026, 3, 1), dt.date(2026, 3, 7))
    events = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-03-03", "2026-03-03", "2026-03-05"]),
            "name": ["Twin date 3.3", "Ramadan", "Ramadan"],
            "kind": ["shopping_day", "season", "season"],
        }
    )
    days = plan.day_summary(items, events, dt.date(2026, 3, 1), dt.date(2026, 3, 7))
    assert len(days) == 7 and list(days.columns) == list(plan.DAY_COLUMNS)
    d2, d3 = days.iloc[1], days.iloc[2]
    assert (d2["published"], d2["as_planned"], d2["missed"]) == (2, 1, 0)
    assert (d3["published"], d3["missed"]) == (1, 1)
    assert d3["shopping"] == "Twin date 3.3" and d3["season"] == "Ramadan" and pd.isna(d3["holiday"])
    assert d3["events"] == "Twin date 3.3; Ramadan"
    assert days["cancelled"].sum() == 1


def test_plan_summary_hit_rate_by_hand():
    matched, posts = _small_month()
    s = plan.plan_summary(matched, posts, TZ, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    # posts on 2, 2, 3 March (not 27 Feb); plans: 1 published, 1 missed, 1 cancelled, 1 upcoming
    assert (s.posts, s.plans, s.published, s.missed, s.cancelled, s.upcoming) == (3, 4, 1, 1, 1, 1)
    assert s.due == 2 and s.hit_rate == 0.5  # 1 ÷ (1 + 1)
    none = plan.plan_summary(matched, posts, TZ, dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    assert none.hit_rate is None and none.posts == 0


def test_month_and_week_bounds():
    # 1 Nov 2026 is a Sunday and 30 Nov a Monday
    assert plan.month_weeks(2026, 11) == (dt.date(2026, 10, 26), dt.date(2026, 12, 6))
    assert plan.month_weeks(2026, 12) == (dt.date(2026, 11, 30), dt.date(2027, 1, 3))
    assert plan.week_of(dt.date(2026, 11, 22)) == (dt.date(2026, 11, 16), dt.date(2026, 11, 22))


# --- cadence ------------------------------------------------------------------------------------------


def _weekly_posts(platform: str, mondays: list[str], per_week: int = 1) -> list[dict]:
    return [
        {"platform": platform, "post_id": f"{platform}{m}{k}", "at": f"{m} 1{k}:00"}
        for m in mondays
        for k in range(per_week)
    ]


def test_cadence_gap_after_twelve_weeks_of_posting():
    mondays = [str((pd.Timestamp("2026-01-05") + pd.Timedelta(weeks=i)).date()) for i in range(12)]
    # one post every week 5 Jan – 23 Mar, none in the week of 30 Mar, one on 6 Apr
    posts = posts_frame(_weekly_posts("instagram", mondays) + _weekly_posts("instagram", ["2026-04-06"]))
    cad = plan.weekly_cadence(posts, TZ, dt.date(2026, 3, 23), dt.date(2026, 4, 12))
    assert cad["week_start"].dt.date.tolist() == [dt.date(2026, 3, 23), dt.date(2026, 3, 30), dt.date(2026, 4, 6)]
    assert cad["posts"].tolist() == [1, 0, 1]
    assert cad["iso_week"].tolist() == [13, 14, 15]
    # 6 Apr is the last post day, so that week is only partly covered
    assert cad["complete"].tolist() == [True, True, False]
    # week of 23 Mar: median of the 11 complete weeks before = 1; 30 Mar: 12 weeks, median 1
    assert cad["usual"].tolist() == [1.0, 1.0, 1.0]
    assert cad["gap"].tolist() == [False, True, False]


def test_cadence_no_gap_for_a_platform_that_rarely_posts_or_has_little_history():
    # posts in 3 of 12 weeks: median 0, so an empty week is not a gap
    mondays = ["2026-01-05", "2026-02-02", "2026-03-02"]
    posts = posts_frame(
        _weekly_posts("linkedin", mondays)
        + [{"platform": "linkedin", "post_id": "end", "at": "2026-04-12 10:00"}]
        + _weekly_posts("youtube", ["2026-03-16", "2026-03-23"])  # too little history: usual missing
        + [{"platform": "youtube", "post_id": "yend", "at": "2026-04-12 10:00"}]
    )
    cad = plan.weekly_cadence(posts, TZ, dt.date(2026, 3, 30), dt.date(2026, 4, 5))
    li = cad.loc[cad["platform"] == "linkedin"].iloc[0]
    assert (li["posts"], li["complete"], li["usual"], li["gap"]) == (0, True, 0.0, False)
    yt = cad.loc[cad["platform"] == "youtube"].iloc[0]
    assert pd.isna(yt["usual"]) and not yt["gap"]


def test_cadence_coverage_from_the_exports_decides_complete_weeks():
    mondays = [str((pd.Timestamp("2026-01-05") + pd.Timedelta(weeks=i)).date()) for i in range(12)]
    posts = posts_frame(_weekly_posts("x", mondays))  # last post 23 Mar
    cad = plan.weekly_cadence(posts, TZ, dt.date(2026, 3, 30), dt.date(2026, 4, 5))
    assert cad["gap"].tolist() == [False]  # by default the data ends with the last post
    cad = plan.weekly_cadence(
        posts,
        TZ,
        dt.date(2026, 3, 30),
        dt.date(2026, 4, 5),
        first_day={"x": pd.Timestamp("2026-01-01")},
        last_day={"x": pd.Timestamp("2026-04-30")},
    )
    assert cad["gap"].tolist() == [True]  # the account export runs to 30 April: a real gap
    summary = plan.cadence_by_platform(cad)
    assert summary[["weeks", "posts", "gaps"]].iloc[0].tolist() == [1, 0, 1]


def test_cadence_iso_week_across_the_year_and_empty():
    posts = posts_frame([{"platform": "x", "post_id": "1", "at": "2026-01-01 10:00"}])
    cad = plan.weekly_cadence(posts, TZ, dt.date(2026, 1, 1), dt.date(2026, 1, 1))
    # 1 Jan 2026 is a Thursday: ISO week 1 of 2026 starts on Monday 29 Dec 2025
    assert cad[["iso_year", "iso_week"]].iloc[0].tolist() == [2026, 1]
    assert cad["week_start"].iloc[0] == pd.Timestamp("2025-12-29")
    assert plan.weekly_cadence(posts.iloc[0:0], TZ, dt.date(2026, 1, 1), dt.date(2026, 1, 31)).empty
    assert plan.cadence_by_platform(
        plan.weekly_cadence(posts.iloc[0:0], TZ, dt.date(2026, 1, 1), dt.date(2026, 1, 2))
    ).empty


# --- slots ---------------------------------------------------------------------------------------------


def test_week_distance_wraps_around_the_week():
    assert plan.week_distance((6, 23), (0, 1)) == 2  # Sunday 23:00 → Monday 01:00
    assert plan.week_distance((0, 0), (3, 12)) == 84  # half a week, the farthest
    assert plan.week_distance((2, 19), (2, 19)) == 0


def _slot_posts() -> pd.DataFrame:
    """Instagram posts on three slots over ten weeks: Tue 19:00 does best, Sat 10:00 worst."""
    rows = []
    for week in range(10):
        monday = pd.Timestamp("2026-01-05") + pd.Timedelta(weeks=week)
        for day, hour, rate in ((1, 19, 0.09), (3, 12, 0.05), (5, 10, 0.02)):
            at = monday + pd.Timedelta(days=day, hours=hour)
            rows.append({"platform": "instagram", "post_id": f"{week}-{day}", "at": str(at), "rate": rate})
    frame = posts_frame(rows)
    frame["reach"] = pd.array([1000.0] * len(rows), dtype="Float64")
    frame["likes"] = pd.array([r["rate"] * 1000 + (i % 3) for i, r in enumerate(rows)], dtype="Float64")
    for col in ("comments", "shares", "saves"):
        frame[col] = pd.array([0.0] * len(rows), dtype="Float64")
    return frame


def test_slot_check_verdicts():
    posts = _slot_posts()
    grid = plan.recent_prime_time(posts, TZ)
    best = plan.slot_check(pd.Timestamp("2026-04-07 19:30"), "instagram", grid, n_best=1)
    assert (best.verdict, best.hours_from_best, best.nearest) == ("best", 0, (1, 19))
    close = plan.slot_check(pd.Timestamp("2026-04-07 21:00"), "instagram", grid, n_best=1)
    assert (close.verdict, close.hours_from_best) == ("close", 2)
    # Saturday 10:00 (tested, 10 posts) is 3 days 15 hours = 87 h after Tue 19:00, and
    # 168 − 87 = 81 h before the next Tuesday 19:00: 81 h away
    far = plan.slot_check(pd.Timestamp("2026-04-11 10:00"), "instagram", grid, n_best=1)
    assert (far.verdict, far.hours_from_best, far.posts) == ("far", 81, 10)
    assert far.mean == pytest.approx(grid.loc[(grid["weekday"] == 5) & (grid["hour"] == 10), "mean"].iloc[0])
    # Wednesday 03:00 was never used: untested, not bad
    untested = plan.slot_check(pd.Timestamp("2026-04-08 03:00"), "instagram", grid, n_best=1)
    assert (untested.verdict, untested.posts, untested.mean) == ("far_untested", 0, None)
    assert plan.slot_check(pd.Timestamp("2026-04-08 03:00"), "tiktok", grid).verdict == "no_hours"
    few = plan.slot_check(pd.Timestamp("2026-04-07 19:00"), "instagram", grid, min_posts=11)
    assert few.verdict == "no_best"


def test_slot_check_without_hours():
    posts = posts_frame([{"platform": "tiktok", "post_id": "v", "at": "2026-03-03", "time_known": False}])
    grid = plan.recent_prime_time(posts, TZ)
    assert plan.slot_check(pd.Timestamp("2026-04-08 19:00"), "tiktok", grid).verdict == "no_hours"
    empty = plan.recent_prime_time(posts.iloc[0:0], TZ)
    assert plan.slot_check(pd.Timestamp("2026-04-08 19:00"), "tiktok", empty).verdict == "no_hours"


# --- exports -------------------------------------------------------------------------------------------

HOSTILE = [
    "=1+1",
    "+SUM(A1:A9)",
    "-2+3",
    "@SUM(A1)",
    "\tTab first",
    "\rCarriage return first",
    '=HYPERLINK("http://evil.example","klik")',
    "=cmd|' /C calc'!A0",
    "＝1+1",  # full-width equals sign
]


def _export_frame() -> pd.DataFrame:
    """The small month's export, repeated to one row per hostile caption."""
    matched, _ = _small_month()
    frame = plan.plan_export_frame(matched, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    frame = frame.iloc[[i % len(frame) for i in range(len(HOSTILE))]].reset_index(drop=True)
    frame["caption"] = pd.array(HOSTILE, dtype="string")
    frame["notes"] = pd.array(["Biasa saja, kopi susu ☕"] + ["=A1"] * (len(frame) - 1), dtype="string")
    return frame


def test_plan_export_frame_columns_and_order():
    matched, _ = _small_month()
    frame = plan.plan_export_frame(matched, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert list(frame.columns) == list(plan.EXPORT_COLUMNS)
    assert frame["date"].tolist() == [dt.date(2026, 3, d) for d in (2, 3, 4, 25)]
    assert frame["time"].tolist() == ["19:00", "10:00", "10:00", "10:00"]
    assert frame["state"].tolist() == ["published", "missed", "cancelled", "upcoming"]
    assert frame["matched_post_id"].tolist()[0] == "p1"


def test_inert_text():
    for text in HOSTILE:
        assert plan.inert_text(text) == "'" + text
    assert plan.inert_text("Kopi susu = enak") == "Kopi susu = enak"
    assert plan.inert_text("") == ""


def test_csv_export_keeps_hostile_captions_as_text():
    frame = _export_frame()
    data = plan.export_csv(frame)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark for Excel
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    assert header == list(plan.EXPORT_COLUMNS)
    captions = [r[header.index("caption")] for r in body]
    assert captions == ["'" + t for t in HOSTILE]
    assert body[0][header.index("notes")] == "Biasa saja, kopi susu ☕"
    assert all(r[header.index("notes")] == "'=A1" for r in body[1:])
    assert body[0][header.index("date")] == "2026-03-02"
    for row in body:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "＝")), cell


def test_xlsx_export_has_no_formula_cell():
    frame = _export_frame()
    frame.loc[0, "notes"] = "bell\x07 and null\x00 removed"
    wb = openpyxl.load_workbook(io.BytesIO(plan.export_xlsx(frame, sheet="Rencana: Maret/2026")))
    ws = wb.active
    assert ws.title == "Rencana  Maret 2026"
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert cells and all(c.data_type != "f" for c in cells)
    header = [c.value for c in ws[1]]
    assert header == list(plan.EXPORT_COLUMNS)
    col = header.index("caption") + 1
    expected = [t.replace("\r", "\n") for t in HOSTILE]  # XML line-end normalisation
    assert [ws.cell(row=i, column=col).value for i in range(2, 2 + len(HOSTILE))] == expected
    assert all(ws.cell(row=i, column=col).data_type == "s" for i in range(2, 2 + len(HOSTILE)))
    assert ws.cell(row=2, column=header.index("notes") + 1).value == "bell and null removed"
    date_cell = ws.cell(row=2, column=1)
    assert date_cell.is_date and date_cell.value.date() == frame.loc[0, "date"]
    assert ws.cell(row=2, column=header.index("plan_id") + 1).value == frame.loc[0, "plan_id"]


def test_xlsx_export_of_an_empty_frame_has_only_the_header():
    wb = openpyxl.load_workbook(io.BytesIO(plan.export_xlsx(pd.DataFrame(columns=["=bad header", "b"]))))
    ws = wb.active
    assert [c.value for c in ws[1]] == ["=bad header", "b"]
    assert ws[1][0].data_type == "s" and ws.max_row == 1
    assert plan.export_csv(pd.DataFrame(columns=["=x"])).decode("utf-8-sig").strip() == "'=x"
