"""Campaigns: keywords of campaign names, windows, and which organic posts belong to a campaign.

Reference values are worked by hand in the comments (the rule is in smo_metrics/campaigns.py).
Asia/Jakarta is UTC+7.
"""

from __future__ import annotations

import pandas as pd
import pytest

from smo_metrics import campaigns as C
from smo_metrics import schema
from smo_metrics.errors import UsageError

# ---------------------------------------------------------------- keywords


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("KSN | Harbolnas 12.12 | A/B Kreatif", ("ksn", "harbolnas", "1212")),  # A/B: one letter each; kreatif: stop
        ("KSN | 11.11 | Konversi", ("ksn", "1111")),
        ("Ramadhan Berkah 1447H", ("ramadan", "berkah", "1447h")),  # spelling folded
        ("Merdeka 80 | Traffic 2025", ("merdeka", "80")),  # a year is not a campaign word
        ("HUT RI ke-81 (17-8)", ("hut", "ri", "ke", "81", "178")),
        ("Always On | Awareness", ()),
        ("Promo Gajian Promo", ("gajian",)),  # promo is generic; repeats once
    ],
)
def test_name_keywords(name: str, words: tuple[str, ...]) -> None:
    assert C.name_keywords(name) == words


def test_words_most_names_share_are_dropped() -> None:
    names = ["KSN | Merdeka 81", "KSN | 11.11 | Konversi", "KSN Harbolnas 12.12", "Lebaran Hampers"]
    got = C.campaign_keywords(names)
    # "ksn" is in 3 of 4 names (> half): the brand's prefix, not a campaign word.
    assert got["KSN | Merdeka 81"] == ("merdeka", "81")
    assert got["Lebaran Hampers"] == ("lebaran", "hampers")
    # With two names nothing is "common" (too few to tell).
    assert C.campaign_keywords(names[:2])["KSN | Merdeka 81"] == ("ksn", "merdeka", "81")
    assert C.campaign_keywords([]) == {}


@pytest.mark.parametrize(
    ("tag", "keyword", "expected"),
    [
        ("#promo1212", "1212", True),  # 4 characters: may sit inside
        ("#1212", "1212", True),
        ("#HarbolnasDay", "harbolnas", True),  # case-folded
        ("#ramadhan", "ramadan", True),  # spelling folded
        ("#hutri80", "80", False),  # too short to sit inside a tag
        ("#80", "80", True),  # but a whole tag is fine
        ("#hampers_lebaran", "hamperslebaran", True),  # underscore removed
        ("#kopisenja", "1212", False),
    ],
)
def test_tag_matches(tag: str, keyword: str, expected: bool) -> None:
    assert C.tag_matches(tag, keyword) is expected


# ---------------------------------------------------------------- windows


def ads(**cols: list) -> pd.DataFrame:
    n = len(cols["campaign"])
    base = {"platform": ["meta"] * n, "level": ["campaign"] * n, "currency": ["IDR"] * n}
    base.update(cols)
    for c in ("date_start", "date_end"):
        base[c] = pd.to_datetime(base[c])
    return schema.conform("ads", pd.DataFrame(base))


def test_campaign_windows() -> None:
    a = ads(
        campaign=["KSN Harbolnas 12.12", "KSN Harbolnas 12.12", "KSN | 11.11", None],
        platform=["tiktok", "tiktok", "meta", "meta"],
        date_start=["2025-12-01", "2025-12-12", "2025-11-04", "2025-11-01"],
        date_end=["2025-12-01", "2025-12-12", "2025-11-11", "2025-11-01"],
    )
    w = C.campaign_windows(a)
    assert list(w["campaign"]) == ["KSN | 11.11", "KSN Harbolnas 12.12"]  # by first day; unnamed rows left out
    h = w.set_index("campaign").loc["KSN Harbolnas 12.12"]
    assert h["first"] == pd.Timestamp("2025-12-01") and h["last"] == pd.Timestamp("2025-12-12")
    assert h["platforms"] == "tiktok" and h["currencies"] == "IDR" and h["rows"] == 2
    assert C.campaign_windows(schema.empty_frame("ads")).empty


# ---------------------------------------------------------------- matching


def posts(rows: list[tuple[str, str, str | None, float, float]]) -> pd.DataFrame:
    """(post_id, local Jakarta time, caption, likes, reach)."""
    local = pd.to_datetime([r[1] for r in rows]).tz_localize("Asia/Jakarta")
    frame = pd.DataFrame(
        {
            "platform": ["instagram"] * len(rows),
            "account": ["kopi"] * len(rows),
            "post_id": [r[0] for r in rows],
            "published_at": local.tz_convert("UTC"),
            "published_date": local.tz_localize(None).normalize(),
            "time_known": [True] * len(rows),
            "caption": [r[2] for r in rows],
            "likes": [r[3] for r in rows],
            "reach": [r[4] for r in rows],
        }
    )
    return schema.conform("posts", frame)


@pytest.fixture
def harbolnas() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    # Ads ran 1 – 12 Dec 2025; with the 7-day margin posts of 24 Nov – 19 Dec count.
    windows = C.campaign_windows(
        ads(
            campaign=["KSN | Harbolnas 12.12 | Retargeting", "KSN | 11.11 | Konversi", "KSN | Always On"],
            date_start=["2025-12-01", "2025-11-04", "2025-05-01"],
            date_end=["2025-12-12", "2025-11-11", "2026-10-31"],
        )
    )
    p = posts(
        [
            ("in", "2025-12-05 19:00", "Checkout sekarang! #Promo1212", 30, 300),  # hashtag, inside
            ("teaser", "2025-11-24 10:00", "Siap-siap #harbolnas", 10, 200),  # 7 days before: inside margin
            ("early", "2025-11-23 23:00", "Siap-siap #harbolnas", 10, 100),  # 8 days before: out
            ("late", "2025-12-20 03:00", "Terima kasih #harbolnas", 10, 100),  # 20 Dec in Jakarta: out
            ("planned", "2025-12-10 12:00", "Tanpa tagar", 5, 100),  # from the plan's label
            ("other", "2025-12-06 12:00", "#kopisenja #ngopi", 50, 100),  # no campaign word
            ("nocap", "2025-12-07 12:00", None, 1, 10),
        ]
    )
    plans = pd.DataFrame(
        {
            "platform": ["instagram", "instagram"],
            "published_post_id": ["planned", None],
            "campaign": ["Harbolnas 12.12 2025", "Harbolnas 12.12 2025"],
        }
    )
    return p, windows, plans


def test_match_posts_by_hashtag_plan_and_window(harbolnas) -> None:
    p, windows, plans = harbolnas
    m = C.match_posts(p, windows, plans)
    h = m[m["campaign"] == "KSN | Harbolnas 12.12 | Retargeting"].set_index("post_id")
    assert sorted(h.index) == ["in", "planned", "teaser"]
    assert h.loc["in", "matched_by"] == "hashtag" and h.loc["in", "evidence"] == "#promo1212"
    assert h.loc["planned", "matched_by"] == "plan" and h.loc["planned", "evidence"] == "Harbolnas 12.12 2025"
    assert h.loc["teaser", "published_date"] == pd.Timestamp("2025-11-24")
    # 11.11 ran 4 – 11 Nov (± 7 days: 28 Oct – 18 Nov): no post is in it; Always On has no words.
    assert set(m["campaign"]) == {"KSN | Harbolnas 12.12 | Retargeting"}
    assert m.attrs["keywords"]["KSN | Always On"] == ()
    assert m.attrs["keywords"]["KSN | Harbolnas 12.12 | Retargeting"] == ("harbolnas", "1212")


def test_the_window_is_counted_in_the_workspace_zone(harbolnas) -> None:
    # "late" is 20 Dec 03:00 in Jakarta but 19 Dec 20:00 in UTC: inside the window in UTC only.
    p, windows, plans = harbolnas
    utc = C.match_posts(p, windows, plans, tz="UTC")
    assert "late" in set(utc["post_id"]) and "late" not in set(C.match_posts(p, windows, plans)["post_id"])
    # No margin: the teaser (24 Nov) is out too.
    assert "teaser" not in set(C.match_posts(p, windows, plans, margin_days=0)["post_id"])
    with pytest.raises(UsageError):
        C.match_posts(p, windows, margin_days=-1)


def test_extra_keywords_and_context_names(harbolnas) -> None:
    p, windows, plans = harbolnas
    m = C.match_posts(p, windows, extra_keywords={"KSN | Harbolnas 12.12 | Retargeting": ["#ngopi"]})
    assert "other" in set(m["post_id"])
    # Context: with only one campaign in view, "ksn" would be a keyword; the account's other
    # campaign names show it is the brand's prefix.
    one = windows[windows["campaign"] == "KSN | Harbolnas 12.12 | Retargeting"]
    alone = C.match_posts(p, one).attrs["keywords"]
    assert alone["KSN | Harbolnas 12.12 | Retargeting"] == ("ksn", "harbolnas", "1212")
    ctx = C.match_posts(p, one, context_names=["KSN | Merdeka 81", "KSN Ramadan"]).attrs["keywords"]
    assert ctx["KSN | Harbolnas 12.12 | Retargeting"] == ("harbolnas", "1212")


def test_organic_by_campaign_by_hand(harbolnas) -> None:
    # Matched: in 30/300, teaser 10/200, planned 5/100 -> 45/600 = 0.075 (ratio of sums);
    # mean of per-post rates (0.1 + 0.05 + 0.05)/3 = 0.066667.
    p, windows, plans = harbolnas
    m = C.match_posts(p, windows, plans)
    (row,) = C.organic_by_campaign(p, m).to_dict("records")
    assert row["posts"] == 3 and row["engagements"] == 45 and row["reach"] == 600
    assert row["rate"] == pytest.approx(0.075) and row["mean_rate"] == pytest.approx(0.2 / 3)
    assert row["platforms"] == "instagram"


def test_matching_edges(harbolnas) -> None:
    p, windows, plans = harbolnas
    assert C.match_posts(schema.empty_frame("posts"), windows).empty
    assert C.match_posts(p, C.campaign_windows(schema.empty_frame("ads"))).empty
    no_caption = p.drop(columns="caption")
    assert C.match_posts(no_caption, windows, plans)["post_id"].tolist() == ["planned"]
    assert C.organic_by_campaign(p, C.match_posts(p.iloc[0:0], windows)).empty
