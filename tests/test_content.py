"""Content: post types, hashtags, caption length, posting frequency, outliers.

Reference values are worked by hand in the comments. 2026-03-02 is a Monday (ISO week 10);
Asia/Jakarta is UTC+7.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smo_metrics import content as C
from smo_metrics import schema
from smo_metrics.errors import UsageError


def posts_frame(**cols: list) -> pd.DataFrame:
    n = len(next(iter(cols.values())))
    at = pd.Series(pd.date_range("2026-03-02 03:00", periods=n, freq="h", tz="UTC"))
    base: dict = {
        "platform": ["instagram"] * n,
        "account": ["kopi"] * n,
        "post_id": [str(i) for i in range(n)],
        "published_at": at,
        "published_date": at.dt.tz_convert("Asia/Jakarta").dt.tz_localize(None).dt.normalize(),
        "time_known": [True] * n,
    }
    base.update(cols)
    return schema.conform("posts", pd.DataFrame(base))


@pytest.fixture
def empty() -> pd.DataFrame:
    return schema.empty_frame("posts")


@pytest.fixture
def one_post() -> pd.DataFrame:
    return posts_frame(caption=["#kopi pagi"], likes=[10], reach=[100])


@pytest.fixture
def zero_reach() -> pd.DataFrame:
    return posts_frame(caption=["#kopi", "#kopi"], likes=[10, 20], reach=[0, 100], post_type=["reel", "reel"])


@pytest.fixture
def all_missing() -> pd.DataFrame:
    return posts_frame(caption=[None, None], post_type=["reel", None])


# ---------------------------------------------------------------- performance by type


def test_performance_by_type_both_aggregates() -> None:
    # reel: 10/100 and 30/200 -> ratio of sums 40/300 = 0.133333, mean of rates (0.1+0.15)/2 = 0.125.
    # image: reach 0 -> no rate, but the post is counted.
    posts = posts_frame(post_type=["reel", "reel", "image"], likes=[10, 30, 5], reach=[100, 200, 0])
    out = C.performance_by_type(posts).set_index("post_type")
    assert {"platform", "posts", "engagements", "reach", C.RATE, C.MEAN_RATE} <= set(out.reset_index().columns)
    assert out.loc["reel", "posts"] == 2 and out.loc["reel", "engagements"] == 40
    assert out.loc["reel", C.RATE] == pytest.approx(40 / 300)
    assert out.loc["reel", C.MEAN_RATE] == pytest.approx(0.125)
    assert out.loc["image", "posts"] == 1 and pd.isna(out.loc["image", C.RATE])


def test_performance_by_type_edges(empty: pd.DataFrame, all_missing: pd.DataFrame) -> None:
    assert C.performance_by_type(empty).empty
    out = C.performance_by_type(all_missing).set_index("post_type")
    assert out.loc["(none)", "posts"] == 1 and pd.isna(out.loc["reel", C.RATE])


# ---------------------------------------------------------------- hashtag extraction


@pytest.mark.parametrize(
    ("caption", "tags"),
    [
        ("#kopi", ["#kopi"]),
        ("Ngopi dulu #KopiSusu", ["#kopisusu"]),  # case-folded
        ("☕#kopi pagi", ["#kopi"]),  # emoji right before
        ("#kopi☕☕ enak", ["#kopi"]),  # emoji right after ends the tag
        ("Mantap! #Kopi. #susu, #teh!", ["#kopi", "#susu", "#teh"]),  # no trailing punctuation
        ("#nasi_goreng #jalan2 #2024", ["#nasi_goreng", "#jalan2"]),  # underscore, digits; no pure number
        ("#SelamatHariRaya #MinalAidinWalFaizin", ["#selamathariraya", "#minalaidinwalfaizin"]),
        ("Cafe\u0301 #Cafe\u0301 #CAFÉ", ["#café"]),  # decomposed é = composed é after NFC
        ("#नमस्ते #ภาษาไทย #كوكو ＃全角", ["#नमस्ते", "#ภาษาไทย", "#كوكو", "#全角"]),  # marks kept
        ("#kopi#susu", ["#kopi", "#susu"]),
        ("#kopi dan #KOPI lagi #kopi", ["#kopi"]),  # once per post
        ("lihat https://toko.id/menu#promo &#39; #", []),  # link fragment, HTML entity, bare '#'
        ("", []),
    ],
)
def test_extract_hashtags(caption: str, tags: list[str]) -> None:
    out = C.extract_hashtags(pd.Series([caption]))
    assert list(out["tag"]) == tags


def test_extract_hashtags_rows_are_positions() -> None:
    out = C.extract_hashtags(pd.Series(["#a1", None, "no tag", "#b2 #a1"], index=[10, 11, 12, 13]))
    assert list(zip(out["row"], out["tag"], strict=True)) == [(0, "#a1"), (3, "#b2"), (3, "#a1")]


# ---------------------------------------------------------------- hashtag performance


@pytest.fixture
def two_accounts() -> pd.DataFrame:
    # kopi: rates 0.10 (#kopi), 0.20 (#kopi #promo), 0.05 (none), 0.15 (#promo), 0.125 (#unik)
    # teh:  rates 0.01 (#kopi), 0.03 (none), 0.02 (none)
    return posts_frame(
        account=["kopi"] * 5 + ["teh"] * 3,
        caption=["#kopi", "#Kopi #promo", "pagi", "#promo!", "#unik", "#kopi", "sore", "malam"],
        likes=[10, 20, 5, 15, 12.5, 1, 3, 2],
        reach=[100] * 8,
    )


def test_hashtag_lift_per_account_then_combined(two_accounts: pd.DataFrame) -> None:
    # kopi median of [0.05, 0.10, 0.125, 0.15, 0.20] = 0.125; teh median of [0.01, 0.02, 0.03] = 0.02.
    # #kopi: kopi mean (0.10+0.20)/2 = 0.15 -> lift 0.15/0.125 - 1 = 0.2 (2 posts);
    #        teh mean 0.01 -> lift 0.01/0.02 - 1 = -0.5 (1 post).
    #        combined: uses 3, mean rate (0.10+0.20+0.01)/3 = 0.103333,
    #        lift (2·0.2 + 1·(-0.5))/3 = -0.033333, account median (2·0.125 + 0.02)/3 = 0.09.
    # #promo: (0.20+0.15)/2 = 0.175 -> lift 0.4. #unik: 0.125 -> lift 0, one-off.
    out = C.hashtags(two_accounts).set_index("tag")
    assert list(out.index) == ["#kopi", "#promo", "#unik"]  # most uses first
    kopi = out.loc["#kopi"]
    assert kopi["uses"] == 3 and kopi["accounts"] == 2 and kopi["posts_with_rate"] == 3
    assert kopi[C.MEAN_RATE] == pytest.approx(0.31 / 3)
    assert kopi["lift"] == pytest.approx(-0.1 / 3)
    assert kopi["account_median_" + C.RATE] == pytest.approx(0.09)
    assert out.loc["#promo", "lift"] == pytest.approx(0.4)
    assert out.loc["#unik", "lift"] == pytest.approx(0.0)
    assert list(out["one_off"]) == [False, False, True]


def test_hashtags_by_account_and_min_uses(two_accounts: pd.DataFrame) -> None:
    per = C.hashtags(two_accounts, by_account=True)
    kopi = per[(per["tag"] == "#kopi")].set_index("account")
    assert kopi.loc["kopi", "lift"] == pytest.approx(0.2) and kopi.loc["teh", "lift"] == pytest.approx(-0.5)
    assert kopi.loc["teh", "one_off"]
    assert list(C.hashtags(two_accounts, min_uses=2)["tag"]) == ["#kopi", "#promo"]
    with pytest.raises(UsageError):
        C.hashtags(two_accounts, min_uses=0)


def test_hashtags_edges(empty: pd.DataFrame, one_post: pd.DataFrame, zero_reach: pd.DataFrame) -> None:
    assert C.hashtags(empty).empty and "lift" in C.hashtags(empty).columns
    # One post: its rate is the account median -> lift 0, one-off.
    one = C.hashtags(one_post).iloc[0]
    assert one["tag"] == "#kopi" and one["lift"] == pytest.approx(0.0) and one["one_off"]
    # Zero reach: the post uses the tag but has no rate; the median comes from the other post.
    z = C.hashtags(zero_reach).iloc[0]
    assert z["uses"] == 2 and z["posts_with_rate"] == 1 and z[C.MEAN_RATE] == pytest.approx(0.2)


def test_hashtags_all_missing(all_missing: pd.DataFrame) -> None:
    assert C.hashtags(all_missing).empty


def test_hashtag_lift_is_missing_when_the_account_median_is_zero() -> None:
    posts = posts_frame(caption=["#a", "b", "c"], likes=[5, 0, 0], reach=[100, 100, 100])
    assert pd.isna(C.hashtags(posts).iloc[0]["lift"])


# ---------------------------------------------------------------- caption length


def test_caption_length_bands_by_hand() -> None:
    # Lengths 0, 10, 49 | 50, 124 | 125 | — | 1000, 5000; one missing caption (left out).
    # Rates: band 0–49: likes 1, 2, 3 over reach 100 each -> 6/300 = 0.02, mean 0.02;
    # 50–124: 10/100 and 30/300 -> 40/400 = 0.1, mean (0.1 + 0.1)/2 = 0.1.
    lengths = [0, 10, 49, 50, 124, 125, 1000, 5000]
    posts = posts_frame(
        caption=["x" * n for n in lengths] + [None],
        likes=[1, 2, 3, 10, 30, 5, 1, 1, 9],
        reach=[100, 100, 100, 100, 300, 100, 0, 100, 100],
    )
    out = C.caption_length_bands(posts)
    assert list(out["band"]) == ["0–49", "50–124", "125–299", "300–999", "1000+"]
    assert list(out["posts"]) == [3, 2, 1, 0, 2]
    assert list(out["min_chars"]) == [0, 50, 125, 300, 1000]
    assert out["max_chars"].iloc[0] == 49 and pd.isna(out["max_chars"].iloc[-1])
    assert out[C.RATE].iloc[0] == pytest.approx(0.02) and out[C.MEAN_RATE].iloc[0] == pytest.approx(0.02)
    assert out[C.RATE].iloc[1] == pytest.approx(0.1)
    assert pd.isna(out[C.RATE].iloc[3])  # empty band: no rate, never 0
    assert out[C.RATE].iloc[4] == pytest.approx(0.01)  # 1000+: the 5000 post only (the other has reach 0)
    assert out.attrs["posts_without_caption"] == 1


def test_caption_length_counts_code_points() -> None:
    # "☕" is 1 code point; "👍🏽" (thumb + skin tone) is 2; "é" decomposed is 1 after NFC.
    posts = posts_frame(caption=["☕" * 49, "👍🏽" * 25, "e\u0301" * 49], likes=[1, 1, 1], reach=[10, 10, 10])
    assert list(C.caption_length_bands(posts)["posts"]) == [2, 1, 0, 0, 0]


def test_caption_length_custom_and_bad_bands() -> None:
    posts = posts_frame(caption=["abc", "x" * 20], likes=[1, 2], reach=[10, 10])
    out = C.caption_length_bands(posts, bands=(0, 10))
    assert list(out["posts"]) == [1] and out.attrs["posts_outside_bands"] == 1
    for bad in [(0,), (10, 5), (-1, 5), (0, 2.5, math.inf), (0, math.inf, 10)]:
        with pytest.raises(UsageError):
            C.caption_length_bands(posts, bands=bad)


def test_caption_length_edges(empty: pd.DataFrame, all_missing: pd.DataFrame) -> None:
    out = C.caption_length_bands(empty)
    assert list(out["posts"]) == [0] * 5 and out[C.RATE].isna().all()
    assert C.caption_length_bands(all_missing).attrs["posts_without_caption"] == 2


# ---------------------------------------------------------------- frequency


def test_frequency_vs_engagement_by_hand() -> None:
    # kopi, week 10 (Mon 2 Mar): 10/100 and 30/100 -> 40/200 = 0.2; week 11: 5/100 = 0.05.
    # teh, week 10: 10/50 = 0.2.
    # A post at Sun 8 Mar 17:30 UTC is Mon 9 Mar 00:30 in Jakarta: week 11, not 10.
    at = pd.to_datetime(
        ["2026-03-02 03:00", "2026-03-04 03:00", "2026-03-08 17:30", "2026-03-03 03:00"], utc=True
    ).to_series(index=range(4))
    posts = posts_frame(
        account=["kopi", "kopi", "kopi", "teh"],
        published_at=at,
        published_date=at.dt.tz_convert("Asia/Jakarta").dt.tz_localize(None).dt.normalize(),
        likes=[10, 30, 5, 10],
        reach=[100, 100, 100, 50],
    )
    r = C.frequency_vs_engagement(posts, tz="Asia/Jakarta")
    w = r.weekly
    assert list(w["week"]) == ["2026-W10", "2026-W11", "2026-W10"]
    assert list(w["posts"]) == [2, 1, 1]
    assert list(w[C.RATE]) == pytest.approx([0.2, 0.05, 0.2])
    assert w["week_start"].iloc[1] == pd.Timestamp("2026-03-09")
    # Summary: 1 post/week: kopi W11 0.05 and teh W10 0.2 -> mean 0.125; 2 posts/week: 0.2.
    s = r.summary.set_index("posts_per_week")
    assert s.loc[1, "weeks"] == 2 and s.loc[1, "mean_weekly_" + C.RATE] == pytest.approx(0.125)
    assert s.loc[2, "weeks"] == 1 and s.loc[2, "mean_weekly_" + C.RATE] == pytest.approx(0.2)
    # In UTC the Sunday post stays in week 10 with the other two.
    assert list(C.frequency_vs_engagement(posts, tz="UTC").weekly["posts"]) == [3, 1]


def test_frequency_iso_week_across_new_year_and_date_only_posts() -> None:
    # Fri 1 Jan 2027 is in ISO week 2026-W53 (2026 starts on a Thursday), week starting Mon 28 Dec.
    # The date-only post keeps its exported date (published_at is only a placeholder).
    posts = posts_frame(
        published_at=pd.to_datetime(["2026-12-31 20:00", "2027-01-01 00:00"], utc=True).to_series(index=[0, 1]),
        published_date=pd.to_datetime(["2027-01-01", "2027-01-01"]),
        time_known=[True, False],
        likes=[1, 1],
        reach=[10, 10],
    )
    w = C.frequency_vs_engagement(posts).weekly
    assert list(w["week"]) == ["2026-W53"] and w["week_start"].iloc[0] == pd.Timestamp("2026-12-28")
    assert w["posts"].iloc[0] == 2


def test_frequency_edges(empty: pd.DataFrame, zero_reach: pd.DataFrame) -> None:
    r = C.frequency_vs_engagement(empty)
    assert r.weekly.empty and r.summary.empty and r.posts_without_date == 0
    z = C.frequency_vs_engagement(zero_reach)
    assert z.weekly[C.RATE].iloc[0] == pytest.approx(0.2)  # 20/100: the reach-0 post is left out
    assert z.summary["weeks_with_rate"].iloc[0] == 1
    nat = pd.Series([pd.NaT], dtype="datetime64[ns, UTC]")
    no_date = posts_frame(likes=[1], reach=[10], published_at=nat, published_date=[pd.NaT])
    assert C.frequency_vs_engagement(no_date).posts_without_date == 1


# ---------------------------------------------------------------- outliers


def test_outliers_viral_by_hand() -> None:
    # x = 0.10, 0.11, 0.12, 0.13, 0.14, 0.60: median 0.125; |x - m| = .025 .015 .005 .005 .015 .475
    # -> MAD = (0.015 + 0.015)/2 = 0.015. z(0.60) = 0.6745·0.475/0.015 = 21.359167 (viral);
    # z(0.10) = 0.6745·(-0.025)/0.015 = -1.124167.
    posts = posts_frame(likes=[10, 11, 12, 13, 14, 60], reach=[100] * 6)
    out = C.outliers(posts)
    assert out["account_median"].iloc[0] == pytest.approx(0.125) and out["mad"].iloc[0] == pytest.approx(0.015)
    assert out["robust_z"].iloc[5] == pytest.approx(21.359167, abs=1e-6)
    assert out["robust_z"].iloc[0] == pytest.approx(-1.124167, abs=1e-6)
    assert list(out["outlier"].fillna("")) == ["", "", "", "", "", "viral"]


def test_outliers_flop_by_hand() -> None:
    # x = 0.10, 0.10, 0.11, 0.12, 0.12, 0.00: median (0.10 + 0.11)/2 = 0.105;
    # |x - m| = .005 .005 .005 .015 .015 .105 -> MAD = (0.005 + 0.015)/2 = 0.01;
    # z(0) = 0.6745·(-0.105)/0.01 = -7.08225 (flop).
    posts = posts_frame(likes=[10, 10, 11, 12, 12, 0], reach=[100] * 6)
    out = C.outliers(posts)
    assert out["robust_z"].iloc[5] == pytest.approx(-7.08225)
    assert out["outlier"].iloc[5] == "flop" and out["outlier"].iloc[:5].isna().all()


def test_outliers_are_within_each_account() -> None:
    # 0.30 is ordinary for "big" (rates around 0.3) and viral for "small" (around 0.1).
    posts = posts_frame(
        account=["small"] * 5 + ["big"] * 5,
        likes=[10, 11, 9, 10, 30, 30, 31, 29, 32, 28],
        reach=[100] * 10,
    )
    out = C.outliers(posts)
    assert out["outlier"].iloc[4] == "viral" and out["outlier"].iloc[5:].isna().all()


def test_outliers_mad_zero_flags_nothing() -> None:
    # 0.1, 0.1, 0.1, 0.5: median 0.1, |x - m| = 0, 0, 0, 0.4 -> MAD 0: no z, no flag.
    out = C.outliers(posts_frame(likes=[10, 10, 10, 50], reach=[100] * 4))
    assert out["robust_z"].isna().all() and out["outlier"].isna().all()


def test_outliers_edges(empty: pd.DataFrame, one_post: pd.DataFrame, zero_reach: pd.DataFrame) -> None:
    assert C.outliers(empty).empty
    one = C.outliers(one_post)
    assert one["mad"].iloc[0] == 0 and pd.isna(one["robust_z"].iloc[0]) and pd.isna(one["outlier"].iloc[0])
    z = C.outliers(zero_reach)
    assert pd.isna(z[C.RATE].iloc[0]) and pd.isna(z["robust_z"].iloc[0])
    with pytest.raises(UsageError):
        C.outliers(one_post, z=0)


def test_outliers_keep_the_index_of_posts() -> None:
    posts = posts_frame(likes=[1, 2], reach=[10, 10])
    posts.index = pd.Index([7, 3])
    assert list(C.outliers(posts).index) == [7, 3]


# ---------------------------------------------------------------- properties

rows = st.lists(
    st.tuples(
        st.integers(0, 300), st.integers(0, 3000), st.sampled_from(["a", "b"]), st.sampled_from(["#x", "#y", ""])
    ),
    min_size=1,
    max_size=30,
)


def _frame(data: list, k: float = 1.0) -> pd.DataFrame:
    return posts_frame(
        likes=[likes * k for likes, *_ in data],
        comments=[1.0 * k] * len(data),
        reach=[reach * k for _, reach, *_ in data],
        account=[acct for _, _, acct, _ in data],
        caption=[cap or None for *_, cap in data],
        post_type=["reel" if i % 2 else "image" for i in range(len(data))],
    )


def _close(a: pd.Series, b: pd.Series) -> bool:
    x, y = a.to_numpy(dtype=float, na_value=np.nan), b.to_numpy(dtype=float, na_value=np.nan)
    return bool(np.allclose(x, y, equal_nan=True, rtol=1e-9, atol=1e-12))


@settings(max_examples=25, deadline=None)
@given(rows, st.sampled_from([0.25, 7.0, 1000.0]))
def test_scaling_reach_and_engagements_leaves_content_rates_unchanged(data: list, k: float) -> None:
    base, scaled = _frame(data), _frame(data, k)
    a, b = C.performance_by_type(base), C.performance_by_type(scaled)
    assert _close(a[C.RATE], b[C.RATE]) and _close(a[C.MEAN_RATE], b[C.MEAN_RATE])
    ha, hb = C.hashtags(base), C.hashtags(scaled)
    assert list(ha["tag"]) == list(hb["tag"]) and _close(ha["lift"], hb["lift"])
    assert _close(C.outliers(base)["robust_z"], C.outliers(scaled)["robust_z"])
    ba, bb = C.caption_length_bands(base), C.caption_length_bands(scaled)
    assert _close(ba[C.RATE], bb[C.RATE])
    fa, fb = C.frequency_vs_engagement(base).weekly, C.frequency_vs_engagement(scaled).weekly
    assert _close(fa[C.RATE], fb[C.RATE])


@settings(max_examples=25, deadline=None)
@given(rows)
def test_every_post_lands_in_exactly_one_band(data: list) -> None:
    posts = _frame(data)
    out = C.caption_length_bands(posts)
    assert out["posts"].sum() + out.attrs["posts_without_caption"] == len(posts)


# ---------------------------------------------------------------- type lift and contrast


def test_type_lift_and_contrast_by_hand() -> None:
    # Instagram: reels 30/200 and 10/100 -> 40/300 = 0.133333 (mean (0.15 + 0.10)/2 = 0.125);
    # images 3/100, 5/100, 4/100 -> 12/300 = 0.04; carousel 6/100 = 0.06 (one post).
    # Platform: 58/700 = 0.082857. Reel lift 0.133333/0.082857 - 1 = 0.609195.
    posts = posts_frame(
        post_type=["reel", "reel", "image", "image", "image", "carousel"],
        likes=[30, 10, 3, 5, 4, 6],
        reach=[200, 100, 100, 100, 100, 100],
    )
    lift = C.type_lift(posts).set_index("post_type")
    assert list(lift.index) == ["reel", "carousel", "image"]  # by rate, highest first
    assert lift.loc["reel", "rate"] == pytest.approx(40 / 300)
    assert lift.loc["reel", "mean_rate"] == pytest.approx(0.125)
    assert lift.loc["reel", "platform_rate"] == pytest.approx(58 / 700)
    assert lift.loc["reel", "lift"] == pytest.approx((40 / 300) / (58 / 700) - 1)
    assert lift.loc["image", "posts_rated"] == 3
    # Contrast needs 2 rated posts per type here: carousel (1 post) is left out, so reels ÷ images
    # = 0.133333 / 0.04 = 3.333333.
    (row,) = C.type_contrast(C.type_lift(posts), min_posts=2).to_dict("records")
    assert (row["best_type"], row["worst_type"]) == ("reel", "image")
    assert row["ratio"] == pytest.approx(10 / 3)
    assert row["best_posts"] == 2 and row["worst_posts"] == 3


def test_type_lift_on_impressions_and_edges(empty: pd.DataFrame) -> None:
    # By impressions: reel 10/500 = 0.02, image 10/250 = 0.04; one type per platform -> no contrast.
    posts = posts_frame(post_type=["reel", "image"], likes=[10, 10], impressions=[500, 250])
    lift = C.type_lift(posts, basis="impressions").set_index("post_type")
    assert lift.loc["image", "rate"] == pytest.approx(0.04) and lift.loc["reel", "rate"] == pytest.approx(0.02)
    assert C.type_lift(posts)["rate"].isna().all()  # no reach: no rate by reach, never 0
    assert C.type_lift(empty).empty and C.type_contrast(C.type_lift(empty)).empty
    assert C.type_contrast(C.type_lift(posts_frame(post_type=["reel"], likes=[1], reach=[10]))).empty
    with pytest.raises(UsageError):
        C.type_lift(posts, basis="views")  # type: ignore[arg-type]


# ---------------------------------------------------------------- the workspace's basis everywhere


def test_hashtags_bands_frequency_outliers_follow_the_basis() -> None:
    # Impressions 100 each; likes 10, 20, 30 -> rates 0.1, 0.2, 0.3 (median 0.2).
    posts = posts_frame(caption=["#a x", "#a y", "#b z"], likes=[10, 20, 30], impressions=[100, 100, 100])
    tags = C.hashtags(posts, basis="impressions").set_index("tag")
    # #a: mean (0.1 + 0.2)/2 = 0.15, lift 0.15/0.2 - 1 = -0.25; #b: 0.3/0.2 - 1 = 0.5.
    assert tags.loc["#a", "mean_engagement_rate_by_impressions"] == pytest.approx(0.15)
    assert tags.loc["#a", "lift"] == pytest.approx(-0.25) and tags.loc["#b", "lift"] == pytest.approx(0.5)
    bands = C.caption_length_bands(posts, basis="impressions")
    assert bands["engagement_rate_by_impressions"].iloc[0] == pytest.approx(60 / 300)
    weekly = C.frequency_vs_engagement(posts, basis="impressions").weekly
    assert weekly["engagement_rate_by_impressions"].iloc[0] == pytest.approx(0.2)
    out = C.outliers(posts, basis="impressions")
    assert list(out["engagement_rate_by_impressions"]) == pytest.approx([0.1, 0.2, 0.3])
    assert out["account_median"].iloc[0] == pytest.approx(0.2)


def test_outliers_carry_what_a_reader_needs() -> None:
    posts = posts_frame(
        likes=[10, 11, 12, 13, 14, 60],
        reach=[100] * 6,
        caption=["a", "b", "c", "d", "e", "viral one"],
        permalink=[f"https://instagram.com/p/{i}" for i in range(6)],
        post_type=["reel"] * 6,
    )
    row = C.outliers(posts).iloc[5]
    assert row["outlier"] == "viral" and row["caption"] == "viral one"
    assert row["permalink"] == "https://instagram.com/p/5" and row["post_type"] == "reel"
    assert row["engagements"] == 60 and row["published_date"] == posts["published_date"].iloc[5]


# ---------------------------------------------------------------- per platform


def test_caption_length_bands_by_platform() -> None:
    # instagram: 10 chars, 1/10; 60 chars, 2/10. tiktok: 10 chars, 3/10.
    posts = posts_frame(
        platform=["instagram", "instagram", "tiktok"],
        caption=["x" * 10, "x" * 60, "y" * 10],
        likes=[1, 2, 3],
        reach=[10, 10, 10],
    )
    out = C.caption_length_bands(posts, by=["platform"])
    assert len(out) == 10 and list(out.columns[:2]) == ["platform", "band"]
    ig = out[out["platform"] == "instagram"].set_index("band")
    tt = out[out["platform"] == "tiktok"].set_index("band")
    assert ig.loc["0–49", C.RATE] == pytest.approx(0.1) and ig.loc["50–124", C.RATE] == pytest.approx(0.2)
    assert tt.loc["0–49", C.RATE] == pytest.approx(0.3) and tt.loc["50–124", "posts"] == 0
    assert out.attrs == {"posts_without_caption": 0, "posts_outside_bands": 0}
    empty = C.caption_length_bands(schema.empty_frame("posts"), by=["platform"])
    assert empty.empty and "platform" in empty.columns


def test_frequency_summary_per_platform() -> None:
    # Week 10: instagram 2 posts (10/100, 30/100 -> 0.2), tiktok 1 post (5/50 = 0.1).
    posts = posts_frame(platform=["instagram", "instagram", "tiktok"], likes=[10, 30, 5], reach=[100, 100, 50])
    by = C.frequency_vs_engagement(posts).by_platform.set_index("platform")
    assert by.loc["instagram", "posts_per_week"] == 2 and by.loc["tiktok", "posts_per_week"] == 1
    assert by.loc["instagram", "mean_weekly_" + C.RATE] == pytest.approx(0.2)
    assert by.loc["tiktok", "mean_weekly_" + C.RATE] == pytest.approx(0.1)
