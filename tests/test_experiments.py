"""Tests of smo_metrics.experiments (arms from ads, posts and typed-in counts; running and planning).

Reference values are hand arithmetic (written out next to the assertion) or an independent
statsmodels / scipy call made here in the test, never the function's own output captured once.
The Indonesian verdicts of smo_metrics.abtest (``verdict_text``) and its per-variant split in
``compare_many`` are tested here too.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_effectsize, proportions_ztest

import sample_data
from smo_metrics import abtest, schema
from smo_metrics import experiments as ex
from smo_metrics.abtest import ProportionArm
from smo_metrics.errors import DataError, UsageError
from smo_metrics.ingest import read_file
from smo_metrics.tables import gather


# --- frames ---------------------------------------------------------------------------------------
def ads_frame(rows: list[dict]) -> pd.DataFrame:
    base = {"platform": "meta", "account": "acct", "level": "ad_set", "currency": "IDR"}
    frame = pd.DataFrame([{**base, **r} for r in rows], columns=None if rows else [*base, "date_start", "date_end"])
    for col in ("date_start", "date_end"):
        frame[col] = pd.to_datetime(frame[col])
    return schema.conform("ads", frame)


def day(campaign: str, ad_set: str, date: str, **counts: float | None) -> dict:
    return {"campaign": campaign, "ad_set": ad_set, "date_start": date, "date_end": date, **counts}


AB = "Promo | A/B Kreatif"
HAND_ADS = ads_frame(
    [
        day(AB, "Video A", "2025-12-01", impressions=1000, link_clicks=10, clicks=15, conversions=1),
        day(AB, "Video A", "2025-12-02", impressions=1200, link_clicks=14, clicks=20, conversions=2),
        day(AB, "Carousel B", "2025-12-01", impressions=1100, link_clicks=20, clicks=30, conversions=3),
        day(AB, "Carousel B", "2025-12-02", impressions=900, link_clicks=None, clicks=12, conversions=None),
        day("Always on", "Awareness", "2025-11-01", impressions=5000, link_clicks=30, clicks=40),
    ]
)


def ref(ad_set: str, campaign: str = AB) -> dict[str, str]:
    return {"platform": "meta", "account": "acct", "campaign": campaign, "ad_set": ad_set}


def posts_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame([{"platform": "instagram", "account": "brand", **r} for r in rows])
    frame["published_date"] = pd.to_datetime(frame["published_date"])
    frame["published_at"] = pd.to_datetime(frame["published_date"]).dt.tz_localize("UTC")
    return schema.conform("posts", frame)


HAND_POSTS = posts_frame(
    [
        # engagements 100 + 10 + 5 + 5 = 120 of reach 2,000
        {
            "post_id": "p1",
            "published_date": "2026-10-01",
            "reach": 2000,
            "likes": 100,
            "comments": 10,
            "shares": 5,
            "saves": 5,
        },
        # engagements 150 + 20 + 10 + 20 = 200 of reach 2,500; saves missing elsewhere counts as 0 when a part is known
        {
            "post_id": "p2",
            "published_date": "2026-10-02",
            "reach": 2500,
            "likes": 150,
            "comments": 20,
            "shares": 10,
            "saves": 20,
        },
        # viral carousel: 600 engagements from 500 people reached
        {
            "post_id": "p3",
            "published_date": "2026-10-03",
            "reach": 500,
            "likes": 400,
            "comments": 50,
            "shares": 50,
            "saves": 100,
        },
        {"post_id": "p4", "published_date": "2026-10-04", "reach": None, "likes": 10},
    ]
)


def pref(post_id: str) -> dict[str, str]:
    return {"platform": "instagram", "account": "brand", "post_id": post_id}


# --- metrics --------------------------------------------------------------------------------------
def test_metrics_per_source() -> None:
    assert ex.metrics_for("ads") == ["ctr", "ctr_all", "conversion_rate", "result_rate"]
    assert ex.metrics_for("posts") == ["ctr", "ctr_all", "engagement_rate_by_reach", "engagement_rate_by_impressions"]
    assert set(ex.metrics_for("counts")) == set(ex.METRICS)
    with pytest.raises(UsageError):
        ex.metrics_for("tweets")
    with pytest.raises(UsageError):
        ex.metric("bounce_rate")


# --- ads ------------------------------------------------------------------------------------------
def test_arms_from_ads_sum_rows_with_both_numbers() -> None:
    arms = ex.arms_from_ads(HAND_ADS, "ad_set", [ref("Video A"), ref("Carousel B")], "ctr")
    a, b = arms.arms
    # hand: A = (10 + 14) / (1000 + 1200) = 24 / 2200; B uses only 1 Dec (link clicks missing on 2 Dec): 20 / 1100
    assert (a.count, a.nobs, a.rows, a.rows_left_out) == (24, 2200, 2, 0)
    assert (b.count, b.nobs, b.rows, b.rows_left_out) == (20, 1100, 1, 1)
    assert (a.first, a.last) == (dt.date(2025, 12, 1), dt.date(2025, 12, 2))
    assert a.label == "Video A" and b.label == "Carousel B"
    assert arms.ok
    assert [(n.key, n.arm, dict(n.values)) for n in arms.notes] == [("left_out", "Carousel B", {"rows": 1})]
    assert "1 rows left out" in ex.finding_text(arms.notes[0], "ctr", "en")
    assert "1 baris tidak dipakai karena klik tautan atau tayangan kosong" in ex.finding_text(
        arms.notes[0], "ctr", "id"
    )


def test_arms_from_ads_date_window_and_all_clicks() -> None:
    arms = ex.arms_from_ads(
        HAND_ADS,
        "ad_set",
        [ref("Video A"), ref("Carousel B")],
        "ctr_all",
        start=dt.date(2025, 12, 2),
        end=dt.date(2025, 12, 2),
    )
    # hand: 2 Dec only: A 20 / 1200, B 12 / 900
    assert [(a.count, a.nobs) for a in arms.arms] == [(20, 1200), (12, 900)]


def test_ads_use_one_level_per_account_and_campaigns_sum_it() -> None:
    frame = pd.concat(
        [
            HAND_ADS,
            # the same account's campaign export: the same money again, must not be added
            ads_frame(
                [
                    {
                        "level": "campaign",
                        "campaign": AB,
                        "date_start": "2025-12-01",
                        "date_end": "2025-12-02",
                        "impressions": 4200,
                    }
                ]
            ),
            # another account with campaign rows only: kept
            ads_frame(
                [
                    {
                        "account": "other",
                        "level": "campaign",
                        "campaign": "Solo",
                        "date_start": "2025-12-01",
                        "date_end": "2025-12-01",
                        "impressions": 70,
                    }
                ]
            ),
        ],
        ignore_index=True,
    )
    rows = ex.ad_rows(frame)
    assert set(rows.loc[rows["account"] == "acct", "level"]) == {"ad_set"}
    assert set(rows.loc[rows["account"] == "other", "level"]) == {"campaign"}
    campaigns = ex.ad_entities(frame, "campaign").set_index("campaign")
    # hand: 1000 + 1200 + 1100 + 900 from the ad-set rows, not + 4200 from the campaign row
    assert campaigns.loc[AB, "impressions"] == 4200
    assert campaigns.loc["Solo", "impressions"] == 70
    assert "Solo" not in set(ex.ad_entities(frame, "ad_set")["campaign"])  # an account without ad sets has none
    assert ex.ad_entities(frame, "ad").empty


def test_ad_entities_disambiguate_equal_names() -> None:
    frame = ads_frame(
        [day("C1", "Broad", "2025-01-01", impressions=1), day("C2", "Broad", "2025-01-02", impressions=2)]
    )
    labels = set(ex.ad_entities(frame, "ad_set")["label"])
    assert labels == {"Broad · C1", "Broad · C2"}
    assert list(ex.ad_entities(ads_frame([]).iloc[0:0], "ad_set").columns)[-1] == "currency"


def test_refused_arms_say_why() -> None:
    frame = ads_frame(
        [
            day(
                "C",
                "View-through",
                "2025-12-01",
                impressions=1000,
                link_clicks=10,
                conversions=14,
                results=14,
                result_type="purchase",
            ),
            day(
                "C",
                "Normal",
                "2025-12-01",
                impressions=1000,
                link_clicks=10,
                conversions=2,
                results=500,
                result_type="reach",
            ),
        ]
    )
    arms = ex.arms_from_ads(
        frame, "ad_set", [ref("View-through", "C"), ref("Normal", "C"), ref("Gone", "C")], "conversion_rate"
    )
    assert not arms.ok
    assert [(p.key, p.arm) for p in arms.problems] == [("exceeds", "View-through"), ("not_found", "Gone")]
    text = ex.finding_text(arms.problems[0], "conversion_rate", "en")
    assert "14 conversions out of 10 link clicks" in text and "not run" in text
    assert "14 konversi dari 10 klik tautan" in ex.finding_text(arms.problems[0], "conversion_rate", "id")
    results = ex.arms_from_ads(frame, "ad_set", [ref("View-through", "C"), ref("Normal", "C")], "result_rate")
    assert {p.key for p in results.problems} == {"exceeds", "mixed_results"}
    experiment = ex.run_experiment(arms)
    assert experiment.comparisons == () and experiment.problems == arms.problems
    missing = ex.arms_from_ads(
        ads_frame([day("C", "X", "2025-12-01", impressions=5), day("C", "Y", "2025-12-01", impressions=6)]),
        "ad_set",
        [ref("X", "C"), ref("Y", "C")],
        "ctr",
    )
    assert [p.key for p in missing.problems] == ["missing", "missing"]
    assert "Ads Manager" in ex.finding_text(missing.problems[0], "ctr", "en")


def test_one_arm_or_none_is_not_a_test() -> None:
    assert [p.key for p in ex.arms_from_ads(HAND_ADS, "ad_set", [ref("Video A")], "ctr").problems] == ["need_two"]
    empty = ex.arms_from_ads(ads_frame([]).iloc[0:0], "ad_set", [], "ctr")
    assert [p.key for p in empty.problems] == ["need_two"] and empty.arms == ()
    with pytest.raises(UsageError):
        ex.arms_from_ads(HAND_ADS, "ad_set", [ref("Video A")], "engagement_rate_by_reach")
    with pytest.raises(UsageError):
        ex.arms_from_ads(HAND_ADS, "adgroup", [ref("Video A")], "ctr")


def test_suggested_tests() -> None:
    frame = ads_frame(
        [
            # marked by name, A before B although "C…" < "V…"
            day(AB, "Video A", "2025-12-01", impressions=1000),
            day(AB, "Carousel B", "2025-12-01", impressions=400),
            # even split (0.9) on the same days: a likely test
            day("Even", "One", "2025-11-01", impressions=900),
            day("Even", "Two", "2025-11-01", impressions=1000),
            # uneven split, not marked: not a test
            day("Uneven", "Big", "2025-10-01", impressions=1000),
            day("Uneven", "Small", "2025-10-01", impressions=100),
            # even, but different days: not a test
            day("Apart", "First", "2025-09-01", impressions=100),
            day("Apart", "Later", "2025-09-02", impressions=100),
        ]
    )
    found = ex.suggest_ad_tests(frame)
    assert [(s.parent, s.labels, s.marked) for s in found] == [
        (AB, ("Video A", "Carousel B"), True),
        ("Even", ("One", "Two"), False),
    ]
    assert found[0].balance == pytest.approx(0.4) and found[1].balance == pytest.approx(0.9)
    assert found[0].refs[0] == ref("Video A")
    assert ex.suggest_ad_tests(ads_frame([]).iloc[0:0]) == []


def test_daily_trials_over_recent_days() -> None:
    # hand: both arms, last 14 days of their data (1-2 Dec): (1000 + 1200 + 1100 + 900) / 2 days = 2100
    assert ex.daily_trials(HAND_ADS, "ad_set", [ref("Video A"), ref("Carousel B")], "ctr") == pytest.approx(2100)
    # link clicks per day for conversion rate: (10 + 14 + 20) / 2 days (the missing one is left out)
    assert ex.daily_trials(HAND_ADS, "ad_set", [ref("Video A"), ref("Carousel B")], "conversion_rate") == pytest.approx(
        22
    )
    # only the last day of a long run counts when days=1: 1200 + 900
    assert ex.daily_trials(HAND_ADS, "ad_set", [ref("Video A"), ref("Carousel B")], "ctr", days=1) == pytest.approx(
        2100
    )
    assert ex.daily_trials(HAND_ADS, "ad_set", [], "ctr") is None


# --- posts ----------------------------------------------------------------------------------------
def test_arms_from_posts_and_the_engagement_rule() -> None:
    arms = ex.arms_from_posts(HAND_POSTS, [pref("p1"), pref("p2")], "engagement_rate_by_reach", ["Reel", "Carousel"])
    assert [(a.label, a.count, a.nobs) for a in arms.arms] == [("Reel", 120, 2000), ("Carousel", 200, 2500)]
    assert arms.ok and [n.key for n in arms.notes] == ["engagement_not_people"]
    assert "not people" in ex.finding_text(arms.notes[0], arms.metric, "en")
    assert "bukan orang" in ex.finding_text(arms.notes[0], arms.metric, "id")
    viral = ex.arms_from_posts(HAND_POSTS, [pref("p1"), pref("p3")], "engagement_rate_by_reach")
    assert [(p.key, p.arm) for p in viral.problems] == [("exceeds", "p3")]  # 600 > 500: refused, never capped
    assert viral.arms[1].count == 600 and viral.arms[1].nobs == 500
    assert "600 engagements out of 500 reach" in ex.finding_text(viral.problems[0], viral.metric, "en")
    assert "600 interaksi dari 500 jangkauan" in ex.finding_text(viral.problems[0], viral.metric, "id")
    no_reach = ex.arms_from_posts(HAND_POSTS, [pref("p1"), pref("p4")], "engagement_rate_by_reach")
    assert [(p.key, p.arm) for p in no_reach.problems] == [("missing", "p4")]
    assert "Meta Business Suite" in ex.finding_text(no_reach.problems[0], no_reach.metric, "en")


def test_post_options_newest_first_within_dates() -> None:
    opts = ex.post_options(HAND_POSTS, dt.date(2026, 10, 2), dt.date(2026, 10, 4), limit=2)
    assert list(opts["post_id"]) == ["p4", "p3"] and opts.attrs["total"] == 3
    assert list(opts["engagements"]) == [10, 600]
    assert ex.post_options(HAND_POSTS.iloc[0:0], None, None).attrs["total"] == 0
    with_reach = ex.post_options(HAND_POSTS, None, None, metric_key="engagement_rate_by_reach")
    assert list(with_reach["post_id"]) == ["p3", "p2", "p1"]  # p4 has no reach: it could only be refused


# --- typed-in counts ------------------------------------------------------------------------------
def test_arms_from_counts_reads_what_people_type() -> None:
    arms = ex.arms_from_counts(
        [
            {"label": "A", "count": "1.234", "nobs": "50.000"},  # thousands dots, as an Indonesian would type
            {"label": "B", "count": 1300.0, "nobs": "50,000"},
            {"label": None, "count": None, "nobs": None},  # an empty editor row is skipped
            {"label": "B", "count": 7, "nobs": 100},  # a repeated label is made unique
        ],
        "ctr",
    )
    assert [(a.label, a.count, a.nobs) for a in arms.arms] == [
        ("A", 1234, 50000),
        ("B", 1300, 50000),
        ("B (2)", 7, 100),
    ]
    assert arms.ok
    bad = ex.arms_from_counts(
        [
            {"label": "blank", "count": 5, "nobs": None},
            {"label": "neg", "count": -1, "nobs": 10},
            {"label": "frac", "count": 1.5, "nobs": 10},
            {"label": "text", "count": "lots", "nobs": 10},
            {"label": "more", "count": 11, "nobs": 10},
        ]
    )
    assert [(p.key, p.arm) for p in bad.problems] == [
        ("blank", "blank"),
        ("negative", "neg"),
        ("not_whole", "frac"),
        ("not_whole", "text"),
        ("exceeds", "more"),
    ]
    assert "11 successes out of 10 trials" in ex.finding_text(bad.problems[-1], "custom", "en")


# --- running --------------------------------------------------------------------------------------
def counts(*pairs: tuple[int, int]) -> ex.ArmSet:
    return ex.arms_from_counts([{"label": chr(65 + i), "count": c, "nobs": n} for i, (c, n) in enumerate(pairs)], "ctr")


def test_two_arms_match_statsmodels_and_wilson_by_hand() -> None:
    e = ex.run_experiment(counts((200, 1000), (250, 1000)))
    (r,) = e.comparisons
    _, p = proportions_ztest([250, 200], [1000, 1000])
    low, high = confint_proportions_2indep(250, 1000, 200, 1000, method="newcomb", compare="diff")
    assert r.p_value == pytest.approx(float(p), rel=1e-12) and r.test == "z"
    assert (r.ci_low, r.ci_high) == (pytest.approx(float(low)), pytest.approx(float(high)))
    assert r.significant and e.adjustment is None and e.ci_level == pytest.approx(0.95)
    # Wilson by hand for A: p = 0.2, n = 1000, z = 1.959964
    z = sps.norm.ppf(0.975)
    centre = (0.2 + z**2 / 2000) / (1 + z**2 / 1000)
    half = z * math.sqrt(0.2 * 0.8 / 1000 + z**2 / (4 * 1000**2)) / (1 + z**2 / 1000)
    assert e.intervals[0] == (pytest.approx(centre - half), pytest.approx(centre + half))
    # equal trials, equal shares: no mismatch at all (chi-square 0 → p = 1)
    assert e.srm_p_value == pytest.approx(1.0) and not e.srm_flag


def test_three_arms_are_adjusted_like_multipletests() -> None:
    e = ex.run_experiment(counts((100, 2000), (130, 2000), (160, 2000)), method="holm")
    raw = [float(proportions_ztest([c, 100], [2000, 2000])[1]) for c in (130, 160)]
    adjusted = multipletests(raw, method="holm")[1]
    assert [r.p_value for r in e.comparisons] == [pytest.approx(p) for p in raw]
    assert [r.p_value_adjusted for r in e.comparisons] == [pytest.approx(float(p)) for p in adjusted]
    assert e.adjustment == "holm" and all(r.adjusted_over == 2 for r in e.comparisons)
    assert [r.label_b for r in e.comparisons] == ["B", "C"] and e.comparisons[0].label_a == "A"
    bh = ex.run_experiment(counts((100, 2000), (130, 2000), (160, 2000)), method="fdr_bh")
    assert [r.p_value_adjusted for r in bh.comparisons] == [
        pytest.approx(float(p)) for p in multipletests(raw, method="fdr_bh")[1]
    ]


def test_split_check_against_the_planned_shares() -> None:
    # hand: 1000 vs 1100 planned 50/50: expected 1050 each; chi2 = 2 * 50² / 1050 = 4.7619, df 1
    assert ex.srm_check([1000, 1100], [1, 1]) == pytest.approx(float(sps.chi2.sf(2 * 50**2 / 1050, 1)))
    # hand: 300 / 600 / 600 planned 20/40/40 (expected 300, 600, 600): a perfect fit
    assert ex.srm_check([300, 600, 600], [20, 40, 40]) == pytest.approx(1.0)
    e = ex.run_experiment(counts((30, 1000), (60, 2000)), shares=[1, 2])
    assert e.shares == (pytest.approx(1 / 3), pytest.approx(2 / 3)) and e.srm_p_value == pytest.approx(1.0)
    assert e.comparisons[0].expected_split == pytest.approx(1 / 3) and not e.comparisons[0].srm_flag
    broken = ex.run_experiment(counts((30, 1000), (60, 2000)))  # planned 50/50, got 1/3 vs 2/3
    assert broken.srm_flag and broken.comparisons[0].srm_flag
    assert "split between A and B is off" in broken.comparisons[0].verdict
    assert ex.srm_check([0, 0], [1, 1]) is None
    with pytest.raises(UsageError):
        ex.srm_check([1, 2], [1, 0])
    with pytest.raises(UsageError):
        ex.run_experiment(counts((1, 10), (2, 10)), shares=[1])


def test_without_a_planned_split_nothing_is_flagged() -> None:
    # organic posts: 3,000 vs 9,000 reached is no broken split, and the verdict is about the rates
    e = ex.run_experiment(counts((150, 3000), (540, 9000)), check_split=False)
    (r,) = e.comparisons
    assert e.srm_p_value is None and not e.srm_flag and not e.split_checked
    assert not r.srm_flag and r.srm_p_value is None and r.significant
    assert r.verdict.startswith("B beats A") and abtest.verdict_text(r, "en") == r.verdict
    checked = ex.run_experiment(counts((150, 3000), (540, 9000)))
    assert checked.srm_flag and checked.comparisons[0].p_value == r.p_value  # the test itself is the same
    three = ex.run_experiment(counts((0, 0), (5, 100), (9, 100)), check_split=False)
    assert not any(x.srm_flag for x in three.comparisons)
    assert all(x.verdict.startswith("No verdict yet") for x in three.comparisons)


def test_compare_many_takes_a_split_per_variant() -> None:
    control = ProportionArm(50, 1000)
    variants = {"B": ProportionArm(60, 1000), "C": ProportionArm(70, 3000)}
    many = abtest.compare_many(control, variants, expected_split={"B": 0.5, "C": 0.25})
    alone = abtest.compare_proportions(control, variants["C"], expected_split=0.25, labels=("Control", "C"))
    assert many[1].srm_p_value == pytest.approx(alone.srm_p_value) and not many[1].srm_flag
    with pytest.raises(UsageError):
        abtest.compare_many(control, variants, expected_split={"B": 0.5})


def test_invariances() -> None:
    e1 = ex.run_experiment(counts((30, 1000), (45, 1000)))
    e10 = ex.run_experiment(counts((300, 10000), (450, 10000)))
    assert [a.rate for a in e1.arms] == [a.rate for a in e10.arms]
    swapped = ex.run_experiment(counts((45, 1000), (30, 1000)))
    assert swapped.comparisons[0].lift_abs == pytest.approx(-e1.comparisons[0].lift_abs)
    assert swapped.comparisons[0].p_value == pytest.approx(e1.comparisons[0].p_value)


# --- verdicts in Bahasa Indonesia -----------------------------------------------------------------
def test_indonesian_verdicts_say_the_same_thing() -> None:
    win = abtest.compare_proportions(ProportionArm(200, 1000), ProportionArm(250, 1000))
    assert abtest.verdict_text(win, "en") == win.verdict
    assert abtest.verdict_text(win, "id").startswith("B mengungguli A: 25,00% vs 20,00%, naik +5,00 poin persentase")
    assert "(+25,00% relatif)" in abtest.verdict_text(win, "id") and "(interval 95%)" in abtest.verdict_text(win, "id")
    flat = abtest.compare_proportions(ProportionArm(200, 1000), ProportionArm(210, 1000))
    text = abtest.verdict_text(flat, "id")
    assert not flat.significant and text.startswith("Belum ada perbedaan yang signifikan")
    assert "mengungguli" not in text and "lebih buruk daripada" not in text
    n = abtest.sample_size_per_arm(0.2, 0.01)
    assert f"sekitar {n:,} percobaan per varian".replace(",", ".") in text  # 25.580 with an Indonesian dot
    few = abtest.compare_proportions(ProportionArm(1, 10), ProportionArm(4, 10))
    assert abtest.verdict_text(few, "id").startswith("Data belum cukup")
    assert few.verdict.startswith("Not enough data yet")
    empty = abtest.compare_proportions(ProportionArm(0, 0), ProportionArm(0, 0))
    assert (
        abtest.message_text(empty, "id") == "A maupun B belum punya percobaan, jadi belum ada yang bisa dibandingkan."
    )
    assert abtest.message_text(empty, "en") == empty.message
    assert abtest.message_text(win, "id") is None
    many = abtest.compare_many(ProportionArm(100, 2000), {"B": ProportionArm(130, 2000), "C": ProportionArm(160, 2000)})
    assert "disesuaikan untuk 2 perbandingan (Holm)" in abtest.verdict_text(many[0], "id")
    one_sided = abtest.compare_proportions(ProportionArm(200, 1000), ProportionArm(250, 1000), alternative="larger")
    assert "uji satu arah apakah B lebih baik daripada A" in abtest.verdict_text(one_sided, "id")
    with pytest.raises(UsageError):
        abtest.verdict_text(win, "fr")


@pytest.mark.parametrize(
    "a, b",
    [((0, 40), (0, 40)), ((3, 40), (5, 41)), ((20, 1000), (22, 1000)), ((200, 1000), (150, 1000)), ((5, 5), (4, 5))],
)
def test_english_verdict_text_is_the_verdict_and_never_claims_more(a, b) -> None:
    r = abtest.compare_proportions(ProportionArm(*a), ProportionArm(*b))
    assert abtest.verdict_text(r, "en") == r.verdict
    if not r.significant:
        assert "mengungguli" not in abtest.verdict_text(r, "id") and "beats" not in r.verdict


# --- planning -------------------------------------------------------------------------------------
def test_plan_matches_the_power_equation() -> None:
    plan = ex.plan_experiment(0.02, 0.10, daily_trials=10_000)
    # statsmodels directly: Cohen's h for 2 % → 2.2 %, solved for nobs at α 0.05, power 0.8
    h = abs(float(proportion_effectsize(0.022, 0.02)))
    n = math.ceil(float(NormalIndPower().solve_power(effect_size=h, alpha=0.05, power=0.8, ratio=1.0)))
    assert plan.n_per_arm == pytest.approx(n, abs=1) and plan.n_total == 2 * plan.n_per_arm
    assert plan.mde == pytest.approx(0.002) and plan.days == math.ceil(plan.n_total / 10_000)
    three = ex.plan_experiment(0.02, 0.10, arms=3)
    assert three.alpha_per_comparison == pytest.approx(0.025) and three.days is None
    assert three.n_per_arm == abtest.sample_size_per_arm(0.02, 0.002, alpha=0.025)
    with pytest.raises(UsageError):
        ex.plan_experiment(0.95, 0.10)  # 95 % → 104.5 % is not a rate
    with pytest.raises(UsageError):
        ex.plan_experiment(0.02, 0.10, arms=1)


# --- saved definitions ----------------------------------------------------------------------------
def test_definition_round_trip_and_build() -> None:
    d = ex.ExperimentDefinition(
        "ads",
        "ctr",
        ({"label": "Video A", "ref": ref("Video A")}, {"label": "Carousel B", "ref": ref("Carousel B")}),
        level="ad_set",
        start=dt.date(2025, 12, 1),
        end=dt.date(2025, 12, 2),
        alpha=0.01,
        shares=(0.5, 0.5),
        check_split=False,
    )
    data = d.to_json()
    assert data["start"] == "2025-12-01" and data["version"] == ex.DEFINITION_VERSION
    back = ex.ExperimentDefinition.from_json(data)
    assert back == ex.ExperimentDefinition.from_json(back.to_json())
    e = ex.run_definition(back, {"ads": HAND_ADS})
    assert [(a.count, a.nobs) for a in e.arms] == [(24, 2200), (20, 1100)] and e.alpha == 0.01
    assert not e.split_checked and e.srm_p_value is None
    typed = ex.ExperimentDefinition(
        "counts", "custom", ({"label": "A", "count": 1, "nobs": 50}, {"label": "B", "count": 9, "nobs": 50})
    )
    assert [(a.count, a.nobs) for a in ex.build_arms(ex.ExperimentDefinition.from_json(typed.to_json()), {}).arms] == [
        (1, 50),
        (9, 50),
    ]
    posts = ex.ExperimentDefinition(
        "posts", "engagement_rate_by_reach", ({"label": "x", "ref": pref("p1")}, {"label": "y", "ref": pref("p2")})
    )
    assert ex.build_arms(posts, {"posts": HAND_POSTS}).arms[1].count == 200
    assert ex.build_arms(posts, {}).problems[0].key == "not_found"  # the posts are gone: said, not raised


@pytest.mark.parametrize(
    "data",
    [
        "not a dict",
        {"source": "ads", "metric": "ctr", "level": "ad_set", "arms": [{"label": "A"}]},  # no ref
        {"source": "posts", "metric": "conversion_rate", "arms": []},  # conversions do not come from posts
        {"source": "counts", "metric": "ctr", "arms": [], "alpha": 2},
        {"source": "counts", "metric": "ctr", "arms": [], "start": "31/12/2025"},
        {"source": "counts", "metric": "ctr", "arms": [{}], "shares": [0.5, 0.5]},
        {"source": "counts", "metric": "ctr", "arms": [], "check_split": "yes"},
    ],
)
def test_bad_saved_definitions_are_data_errors(data) -> None:
    with pytest.raises(DataError):
        ex.ExperimentDefinition.from_json(data)


# --- the sample workspace ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_ads() -> pd.DataFrame:
    files = [f for f in sample_data.files() if "/ads/" in str(f).replace("\\", "/")]
    return gather([read_file(f) for f in files])["ads"]


def test_the_sample_ab_pair_is_found_and_tested(sample_ads: pd.DataFrame) -> None:
    first = ex.suggest_ad_tests(sample_ads)[0]
    assert first.marked and first.level == "ad_set" and first.labels == ("12.12 — Video A", "12.12 — Carousel B")
    arms = ex.arms_from_ads(sample_ads, first.level, first.refs, "ctr")
    rows = [sample_ads[sample_ads["ad_set"] == name] for name in first.labels]
    expected = [(int(r["link_clicks"].sum()), int(r["impressions"].sum())) for r in rows]  # 12 days each, by hand
    assert [(a.count, a.nobs) for a in arms.arms] == expected and all(a.rows == 12 for a in arms.arms)
    (r,) = ex.run_experiment(arms).comparisons
    (_, p) = proportions_ztest([expected[1][0], expected[0][0]], [expected[1][1], expected[0][1]])
    assert r.p_value == pytest.approx(float(p), rel=1e-9)
    assert r.significant and 0.011 < r.rate_a < 0.012 and 0.013 < r.rate_b < 0.0145 and not r.srm_flag
