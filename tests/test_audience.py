"""Audience breakdowns (pyramid, top segments, snapshot change) and followers over time.

Every expected number is worked out by hand in the comment beside it.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from smo_metrics.audience import (
    AGE_GENDER_COLUMNS,
    CHANGE_COLUMNS,
    FOLLOWER_SOURCE_COLUMNS,
    FOLLOWER_SUMMARY_COLUMNS,
    FOLLOWER_TIMELINE_COLUMNS,
    MARGIN_COLUMNS,
    OTHER_SEGMENT,
    SNAPSHOT_COLUMNS,
    TOP_SEGMENT_COLUMNS,
    UNDATED,
    age_band_order,
    age_gender,
    age_gender_margins,
    follower_sources,
    follower_summary,
    follower_timeline,
    resolve_meta_platform,
    snapshot_change,
    snapshots,
    timeline_frequency,
    top_segments,
)
from smo_metrics.errors import UsageError
from smo_metrics.growth import Period
from smo_metrics.schema import conform


def audience(rows: list[tuple], platform: str = "instagram", account: str | None = "brand.id") -> pd.DataFrame:
    """Rows of (as_of, population, dimension, segment, gender, value, unit) as a canonical table."""
    cols = ["as_of", "population", "dimension", "segment", "gender", "value", "unit"]
    frame = pd.DataFrame(rows, columns=cols)
    frame.insert(0, "platform", platform)
    frame.insert(1, "account", account)
    return conform("audience", frame)


def cities(as_of: str | None, shares: dict[str, float], unit: str = "share", **kw) -> pd.DataFrame:
    return audience([(as_of, "followers", "city", k, None, v, unit) for k, v in shares.items()], **kw)


@pytest.fixture
def pyramid() -> pd.DataFrame:
    # Given out of order on purpose; shares sum to 1.00.
    return audience(
        [
            ("2026-01-31", "followers", "age_gender", "25-34", "male", 0.20, "share"),
            ("2026-01-31", "followers", "age_gender", "65+", "female", 0.05, "share"),
            ("2026-01-31", "followers", "age_gender", "18-24", "female", 0.15, "share"),
            ("2026-01-31", "followers", "age_gender", "25-34", "female", 0.30, "share"),
            ("2026-01-31", "followers", "age_gender", "13-17", "female", 0.15, "share"),
            ("2026-01-31", "followers", "age_gender", "18-24", "male", 0.10, "share"),
            ("2026-01-31", "followers", "age_gender", "65+", "male", 0.05, "share"),
        ]
    )


# --- age_gender ---------------------------------------------------------------------------


def test_age_gender_orders_bands_naturally_and_signs_male_negative(pyramid):
    out = age_gender(pyramid)
    assert tuple(out.columns) == AGE_GENDER_COLUMNS
    assert out["age_band"].tolist() == ["13-17", "18-24", "18-24", "25-34", "25-34", "65+", "65+"]
    assert out["gender"].tolist() == ["female", "male", "female", "male", "female", "male", "female"]
    assert out["share"].tolist() == pytest.approx([0.15, 0.10, 0.15, 0.20, 0.30, 0.05, 0.05])
    # pyramid value: male on the left (negative), female on the right
    assert out["signed_share"].tolist() == pytest.approx([0.15, -0.10, 0.15, -0.20, 0.30, -0.05, 0.05])
    assert out["count"].isna().all()  # exported as shares: no counts are made up
    assert out.attrs["message"] is None


def test_age_gender_converts_counts_to_shares_within_the_snapshot():
    rows = [
        ("2026-01-31", "followers", "age_gender", "18-24", "male", 30, "count"),
        ("2026-01-31", "followers", "age_gender", "18-24", "female", 50, "count"),
        ("2026-01-31", "followers", "age_gender", "25-34", "male", 20, "count"),
    ]
    out = age_gender(audience(rows))
    # total 30 + 50 + 20 = 100 → 0.30, 0.50, 0.20
    assert out["share"].tolist() == pytest.approx([0.30, 0.50, 0.20])
    assert out["count"].tolist() == [30, 50, 20]


def test_age_gender_shares_from_counts_do_not_move_when_counts_scale():
    rows = [("2026-01-31", "followers", "age_gender", "18-24", g, v, "count") for g, v in (("male", 3), ("female", 7))]
    scaled = [(*r[:5], r[5] * 1000, r[6]) for r in rows]
    assert age_gender(audience(rows))["share"].tolist() == pytest.approx(age_gender(audience(scaled))["share"].tolist())


def test_age_gender_missing_count_is_left_out_not_zero():
    rows = [
        ("2026-01-31", "followers", "age_gender", "18-24", "male", 30, "count"),
        ("2026-01-31", "followers", "age_gender", "18-24", "female", None, "count"),
        ("2026-01-31", "followers", "age_gender", "25-34", "male", 70, "count"),
    ]
    out = age_gender(audience(rows))
    # known total 30 + 70 = 100; the missing cell is not a segment of size 0
    assert out["gender"].tolist() == ["male", "male"]
    assert out["share"].tolist() == pytest.approx([0.30, 0.70])


def test_age_gender_picks_latest_dated_snapshot_over_undated():
    rows = [
        (None, "followers", "age_gender", "18-24", "male", 1.0, "share"),
        ("2026-01-01", "followers", "age_gender", "18-24", "male", 0.4, "share"),
        ("2026-01-01", "followers", "age_gender", "18-24", "female", 0.6, "share"),
        ("2026-02-01", "followers", "age_gender", "18-24", "male", 0.45, "share"),
        ("2026-02-01", "followers", "age_gender", "18-24", "female", 0.55, "share"),
    ]
    table = audience(rows)
    latest = age_gender(table)
    assert latest["as_of"].unique().tolist() == [pd.Timestamp("2026-02-01")]
    assert latest["share"].tolist() == pytest.approx([0.45, 0.55])
    assert age_gender(table, as_of="2026-01-01")["share"].tolist() == pytest.approx([0.4, 0.6])
    undated = age_gender(table, as_of=UNDATED)
    assert undated["share"].tolist() == [1.0] and undated["as_of"].isna().all()


def test_age_gender_missing_as_of_is_one_undated_snapshot():
    rows = [
        (None, "audience", "age_gender", "18-24", "male", 0.4, "share"),
        (None, "audience", "age_gender", "25-34", "female", 0.6, "share"),
    ]
    out = age_gender(audience(rows, platform="meta", account=None))
    assert len(out) == 2 and out["as_of"].isna().all() and out["account"].isna().all()


def test_age_gender_keeps_audiences_apart():
    ig = audience([("2026-01-31", "followers", "age_gender", "18-24", "male", 10, "count")], platform="instagram")
    tt = audience([("2026-01-31", "followers", "age_gender", "18-24", "male", 30, "count")], platform="tiktok")
    out = age_gender(pd.concat([ig, tt], ignore_index=True))
    # each platform's only row is 100 % of its own audience, not 10/40 and 30/40
    assert out["share"].tolist() == [1.0, 1.0]
    assert age_gender(pd.concat([ig, tt]), platform="tiktok")["platform"].tolist() == ["tiktok"]


def test_age_gender_other_gender_keeps_share_but_has_no_pyramid_side():
    rows = [
        ("2026-01-31", "followers", "age_gender", "18-24", "male", 0.5, "share"),
        ("2026-01-31", "followers", "age_gender", "18-24", "other", 0.1, "share"),
        ("2026-01-31", "followers", "age_gender", "18-24", "female", 0.4, "share"),
    ]
    out = age_gender(audience(rows))
    assert out["gender"].tolist() == ["male", "female", "other"]
    assert out["share"].tolist() == pytest.approx([0.5, 0.4, 0.1])
    assert out["signed_share"].isna().tolist() == [False, False, True]


def test_age_gender_empty_input_gives_empty_frame_with_message():
    for table in (conform("audience", pd.DataFrame()), cities("2026-01-31", {"Jakarta": 1.0})):
        out = age_gender(table)
        assert out.empty and tuple(out.columns) == AGE_GENDER_COLUMNS
        assert "no age and gender breakdown" in out.attrs["message"]


def test_age_band_order():
    bands = ["65+", "18-24", "Unknown", "13-17", "25-34", "<18", "35-44", "18-24"]
    # by first number: 13, 17.5 ("<18" just before 18), 18, 25, 35, 65; no number last
    assert age_band_order(bands) == ["13-17", "<18", "18-24", "25-34", "35-44", "65+", "Unknown"]


def test_not_an_audience_table_is_a_usage_error():
    with pytest.raises(UsageError, match="not an audience table"):
        age_gender(pd.DataFrame({"segment": ["18-24"]}))


# --- top_segments ---------------------------------------------------------------------------


def test_top_segments_adds_computed_other_remainder():
    table = cities("2026-01-31", {"Bandung": 0.15, "Jakarta": 0.30, "Medan": 0.10, "Surabaya": 0.20})
    out = top_segments(table, "city", n=2)
    assert tuple(out.columns) == TOP_SEGMENT_COLUMNS
    assert out["segment"].tolist() == ["Jakarta", "Surabaya", OTHER_SEGMENT]
    assert out["rank"].tolist()[:2] == [1, 2] and pd.isna(out["rank"].iloc[2])
    # remainder = 1 − (0.30 + 0.20) = 0.50: Bandung 0.15 + Medan 0.10 + 0.25 the export did not list
    assert out["share"].tolist() == pytest.approx([0.30, 0.20, 0.50])
    assert out["computed"].tolist() == [False, False, True]


def test_top_segments_keeps_platform_others_row_as_exported():
    table = cities("2026-01-31", {"Jakarta": 0.5, "Others": 0.3, "Bandung": 0.2})
    out = top_segments(table, "city", n=1)
    # Jakarta ranked; the platform's "Others" kept as is (not ranked, not computed);
    # computed remainder = 1 − (0.5 + 0.3) = 0.2 (Bandung, beyond the top 1)
    assert out["segment"].tolist() == ["Jakarta", "Others", OTHER_SEGMENT]
    assert out["share"].tolist() == pytest.approx([0.5, 0.3, 0.2])
    assert out["computed"].tolist() == [False, False, True]
    assert pd.isna(out["rank"].iloc[1])


def test_top_segments_no_remainder_row_when_shares_sum_to_one():
    table = cities("2026-01-31", {"Jakarta": 0.6, "Bandung": 0.4})
    assert top_segments(table, "city", n=5)["segment"].tolist() == ["Jakarta", "Bandung"]


def test_top_segments_rounding_gap_is_not_a_segment():
    # 0.333 + 0.333 + 0.3335 = 0.9995: a 0.05 pp gap from rounded percentages, below 0.1 pp
    table = cities("2026-01-31", {"A": 0.333, "B": 0.333, "C": 0.3335})
    assert OTHER_SEGMENT not in top_segments(table, "city")["segment"].tolist()


def test_top_segments_from_counts_remainder_holds_the_rest_count():
    table = cities("2026-01-31", {"Jakarta": 60, "Bandung": 30, "Medan": 10}, unit="count")
    out = top_segments(table, "city", n=1)
    # total 100: Jakarta 60/100 = 0.6; Other = Bandung + Medan = 30 + 10 = 40 → 0.4
    assert out["share"].tolist() == pytest.approx([0.6, 0.4])
    assert out["count"].tolist() == [60, 40]
    assert out["computed"].tolist() == [False, True]


def test_top_segments_one_segment():
    assert top_segments(cities("2026-01-31", {"Jakarta": 1.0}), "city")["segment"].tolist() == ["Jakarta"]
    out = top_segments(cities("2026-01-31", {"Jakarta": 0.4}), "city")
    assert out["segment"].tolist() == ["Jakarta", OTHER_SEGMENT]
    assert out["share"].tolist() == pytest.approx([0.4, 0.6])  # 1 − 0.4


def test_top_segments_ties_rank_by_name():
    out = top_segments(cities("2026-01-31", {"Medan": 0.5, "Bandung": 0.5}), "city")
    assert out["segment"].tolist() == ["Bandung", "Medan"] and out["rank"].tolist() == [1, 2]


def test_top_segments_existing_other_segment_name_is_not_reused():
    out = top_segments(cities("2026-01-31", {"Jakarta": 0.5, "Other": 0.2, "Bandung": 0.3}), "city", n=1)
    assert out["segment"].tolist() == ["Jakarta", "Other", f"{OTHER_SEGMENT} (remainder)"]


def test_top_segments_empty_and_bad_calls():
    out = top_segments(conform("audience", pd.DataFrame()), "country")
    assert out.empty and tuple(out.columns) == TOP_SEGMENT_COLUMNS
    assert "no country breakdown" in out.attrs["message"]
    with pytest.raises(UsageError):
        top_segments(cities(None, {"Jakarta": 1.0}), "age_gender")
    with pytest.raises(UsageError):
        top_segments(cities(None, {"Jakarta": 1.0}), "city", n=0)


# --- snapshot_change ------------------------------------------------------------------------


@pytest.fixture
def two_snapshots() -> pd.DataFrame:
    before = cities("2026-01-01", {"Jakarta": 0.40, "Bandung": 0.25, "Medan": 0.10})
    after = cities("2026-02-01", {"Jakarta": 0.35, "Bandung": 0.30, "Surabaya": 0.05})
    return pd.concat([before, after], ignore_index=True)


def test_snapshot_change_in_percentage_points(two_snapshots):
    out = snapshot_change(two_snapshots, "city", "2026-01-01", "2026-02-01")
    assert tuple(out.columns) == CHANGE_COLUMNS
    assert out["segment"].tolist() == ["Jakarta", "Bandung", "Surabaya", "Medan"]  # by share after
    # Jakarta (0.35 − 0.40) × 100 = −5.0 pp; Bandung (0.30 − 0.25) × 100 = +5.0 pp
    assert out["change_pp"].iloc[:2].tolist() == pytest.approx([-5.0, 5.0])
    assert out["status"].tolist() == ["both", "both", "after_only", "before_only"]
    # Present in one snapshot only: one share, no change (absence is not 0 %)
    assert out["change_pp"].iloc[2:].isna().all()
    assert pd.isna(out["share_before"].iloc[2]) and out["share_after"].iloc[2] == pytest.approx(0.05)
    assert out["share_before"].iloc[3] == pytest.approx(0.10) and pd.isna(out["share_after"].iloc[3])


def test_snapshot_change_swapping_snapshots_flips_the_sign(two_snapshots):
    forward = snapshot_change(two_snapshots, "city", "2026-01-01", "2026-02-01").set_index("segment")
    backward = snapshot_change(two_snapshots, "city", "2026-02-01", "2026-01-01").set_index("segment")
    both = ["Jakarta", "Bandung"]
    assert backward.loc[both, "change_pp"].tolist() == pytest.approx((-forward.loc[both, "change_pp"]).tolist())


def test_snapshot_change_counts_against_shares():
    before = cities("2026-01-01", {"Jakarta": 20, "Bandung": 80}, unit="count")
    after = cities("2026-02-01", {"Jakarta": 0.3, "Bandung": 0.7})
    out = snapshot_change(pd.concat([before, after]), "city", "2026-01-01", "2026-02-01").set_index("segment")
    # before 20/100 = 0.2 and 80/100 = 0.8 → +10 pp and −10 pp
    assert out.loc["Jakarta", "change_pp"] == pytest.approx(10.0)
    assert out.loc["Bandung", "change_pp"] == pytest.approx(-10.0)


def test_snapshot_change_age_gender_keys_on_band_and_gender():
    rows = [
        ("2026-01-01", "followers", "age_gender", "18-24", "male", 0.5, "share"),
        ("2026-01-01", "followers", "age_gender", "18-24", "female", 0.5, "share"),
        ("2026-02-01", "followers", "age_gender", "18-24", "male", 0.4, "share"),
        ("2026-02-01", "followers", "age_gender", "18-24", "female", 0.6, "share"),
    ]
    out = snapshot_change(audience(rows), "age_gender", "2026-01-01", "2026-02-01")
    assert out["gender"].tolist() == ["female", "male"]
    assert out["change_pp"].tolist() == pytest.approx([10.0, -10.0])  # (0.6 − 0.5) × 100, (0.4 − 0.5) × 100


def test_snapshot_change_undated_against_dated():
    table = pd.concat([cities(None, {"Jakarta": 0.5}), cities("2026-02-01", {"Jakarta": 0.55})])
    out = snapshot_change(table, "city", UNDATED, "2026-02-01")
    assert out["change_pp"].tolist() == pytest.approx([5.0]) and out["as_of_before"].isna().all()


def test_snapshot_change_missing_snapshot_gives_message(two_snapshots):
    out = snapshot_change(two_snapshots, "city", "2026-01-01", "2026-03-01")
    assert out.empty and tuple(out.columns) == CHANGE_COLUMNS
    assert "2026-01-01" in out.attrs["message"] and "2026-03-01" in out.attrs["message"]
    with pytest.raises(UsageError):
        snapshot_change(two_snapshots, "city", "2026-01-01", "2026-01-01")


# --- additions for the Audience page -----------------------------------------------------


def test_age_gender_signed_count_and_unit():
    rows = [
        ("2026-01-31", "followers", "age_gender", "18-24", "male", 30, "count"),
        ("2026-01-31", "followers", "age_gender", "18-24", "female", 50, "count"),
        ("2026-01-31", "followers", "age_gender", "25-34", "unspecified", 20, "count"),
    ]
    out = age_gender(audience(rows))
    assert out["signed_count"].tolist()[:2] == [-30, 50]  # male left, female right
    assert pd.isna(out["signed_count"].iloc[2])  # a third gender has no side
    assert out["unit"].tolist() == ["count"] * 3


def test_age_gender_share_export_has_no_counts(pyramid):
    out = age_gender(pyramid)
    assert out["signed_count"].isna().all() and set(out["unit"]) == {"share"}


def test_gender_other_is_a_gender_not_a_catch_all():
    # TikTok's FollowerGender: female 0.60, male 0.39, other 0.01: three ranked genders, no remainder.
    rows = [
        ("2026-10-31", "followers", "gender", "female", None, 0.60, "share"),
        ("2026-10-31", "followers", "gender", "male", None, 0.39, "share"),
        ("2026-10-31", "followers", "gender", "other", None, 0.01, "share"),
    ]
    out = top_segments(audience(rows, platform="tiktok"), "gender")
    assert out["segment"].tolist() == ["female", "male", "other"]
    assert out["rank"].tolist() == [1, 2, 3] and not out["computed"].any()
    assert out["unit"].tolist() == ["share"] * 3


def test_age_gender_margins_by_gender_and_band(pyramid):
    # pyramid fixture: female 0.15 + 0.15 + 0.30 + 0.05 = 0.65; male 0.10 + 0.20 + 0.05 = 0.35.
    genders = age_gender_margins(age_gender(pyramid))
    assert tuple(genders.columns) == MARGIN_COLUMNS
    assert genders["value"].tolist() == ["female", "male"]
    assert genders["share"].tolist() == pytest.approx([0.65, 0.35])
    assert genders["count"].isna().all()
    # bands: 13-17 0.15, 18-24 0.25, 25-34 0.50, 65+ 0.10 (natural order)
    bands = age_gender_margins(age_gender(pyramid), "age_band")
    assert bands["value"].tolist() == ["13-17", "18-24", "25-34", "65+"]
    assert bands["share"].tolist() == pytest.approx([0.15, 0.25, 0.50, 0.10])


def test_age_gender_margins_counts_and_bad_calls():
    rows = [
        ("2026-01-31", "followers", "age_gender", "18-24", "male", 30, "count"),
        ("2026-01-31", "followers", "age_gender", "18-24", "female", 50, "count"),
        ("2026-01-31", "followers", "age_gender", "25-34", "female", 20, "count"),
    ]
    out = age_gender_margins(age_gender(audience(rows)))
    assert out["value"].tolist() == ["female", "male"] and out["count"].tolist() == [70, 30]
    assert out["share"].tolist() == pytest.approx([0.70, 0.30])
    with pytest.raises(UsageError):
        age_gender_margins(age_gender(audience(rows)), "city")
    with pytest.raises(UsageError):
        age_gender_margins(pd.DataFrame({"x": [1]}))
    empty = age_gender_margins(age_gender(audience(rows).iloc[0:0]))
    assert empty.empty and empty.attrs["message"]


def test_snapshots_lists_each_breakdown_and_date():
    frame = pd.concat(
        [
            cities("2026-01-31", {"Jakarta": 0.5, "Bandung": 0.2}),
            cities("2026-02-28", {"Jakarta": 40, "Bandung": 10}, unit="count"),
            cities(None, {"Jakarta": 0.4}),
            audience([("2026-01-31", "followers", "city", "Medan", None, None, "share")]),  # no value: unusable
        ]
    )
    out = snapshots(frame)
    assert tuple(out.columns) == SNAPSHOT_COLUMNS
    assert out["as_of"].isna().tolist() == [True, False, False]  # undated first
    assert out["unit"].tolist() == ["share", "share", "count"]
    assert out["segments"].tolist() == [1, 2, 2]
    mixed = pd.concat([cities("2026-01-31", {"Jakarta": 0.5}), cities("2026-01-31", {"Bandung": 10}, unit="count")])
    assert snapshots(mixed)["unit"].tolist() == ["mixed"]
    assert snapshots(frame.iloc[0:0]).empty


def test_resolve_meta_platform_names_accounts_it_can_tell_apart():
    frame = pd.concat(
        [
            cities(None, {"Jakarta": 0.5}, platform="meta", account="brand.id"),
            cities(None, {"Jakarta": 0.5}, platform="meta", account="Brand Page"),
            cities(None, {"Jakarta": 0.5}, platform="meta", account="both"),
            cities(None, {"Jakarta": 0.5}, platform="meta", account="nobody"),
            cities(None, {"Jakarta": 0.5}, platform="tiktok", account="brand.id"),
        ],
        ignore_index=True,
    )
    known = {"instagram": ["brand.id", "both"], "facebook": ["Brand Page", "both"]}
    out = resolve_meta_platform(frame, known)
    assert out["platform"].tolist() == ["instagram", "facebook", "meta", "meta", "tiktok"]
    assert frame["platform"].tolist()[0] == "meta"  # the input is not changed
    assert str(out["platform"].dtype) == str(frame["platform"].dtype)
    assert resolve_meta_platform(frame, {})["platform"].tolist() == ["meta"] * 4 + ["tiktok"]


def daily(rows: list[tuple], platform: str = "x", account: str = "brand") -> pd.DataFrame:
    """Rows of (date, followers, gained, lost, net) as a canonical account_daily table."""
    frame = pd.DataFrame(rows, columns=["date", "followers", "followers_gained", "followers_lost", "followers_net"])
    frame.insert(0, "platform", platform)
    frame.insert(1, "account", account)
    return conform("account_daily", frame)


@pytest.fixture
def two_accounts() -> pd.DataFrame:
    # TikTok: totals and the platform's net change; X: gains and losses; LinkedIn: gains only.
    tiktok = daily(
        [
            ("2026-03-01", 1000, None, None, None),
            ("2026-03-02", 1010, None, None, 10),
            ("2026-03-03", 1005, None, None, -5),
            ("2026-03-09", 1030, None, None, 25),
        ],
        platform="tiktok",
    )
    x = daily(
        [
            ("2026-03-02", None, 5, 2, None),
            ("2026-03-03", None, 3, None, None),
            ("2026-03-09", None, 4, 1, None),
        ]
    )
    linkedin = daily([("2026-03-02", None, 7, None, None), ("2026-03-03", None, None, None, None)], platform="linkedin")
    return pd.concat([tiktok, x, linkedin], ignore_index=True)


def test_follower_sources_flags(two_accounts):
    out = follower_sources(two_accounts)
    assert tuple(out.columns) == FOLLOWER_SOURCE_COLUMNS
    assert out["platform"].tolist() == ["linkedin", "tiktok", "x"]
    assert out[["totals", "gained", "lost", "net"]].values.tolist() == [
        [False, True, False, False],
        [True, False, False, True],
        [False, True, True, False],
    ]
    assert out["first"].tolist()[0] == pd.Timestamp("2026-03-02")
    assert out["last"].tolist()[0] == pd.Timestamp("2026-03-02")  # 3 Mar has no value
    assert follower_sources(two_accounts.iloc[0:0]).empty


def test_follower_timeline_daily_weekly_monthly(two_accounts):
    x = two_accounts[two_accounts["platform"] == "x"]
    days = follower_timeline(x, freq="D")
    assert tuple(days.columns) == FOLLOWER_TIMELINE_COLUMNS
    # net per day: 5 − 2 = 3; 3 Mar lost unknown -> net unknown (not 3); 4 − 1 = 3.
    assert days["gained"].tolist() == [5, 3, 4]
    assert days["lost"].tolist()[0] == 2 and pd.isna(days["lost"].iloc[1])
    assert days["net"].tolist()[0] == 3 and pd.isna(days["net"].iloc[1]) and days["net"].iloc[2] == 3
    assert days["followers"].isna().all()  # X gives no totals: none are made up
    # ISO weeks: 2 Mar 2026 is a Monday; week of 2 Mar: gained 8, lost 2, net 3; week of 9 Mar: 4, 1, 3.
    weeks = follower_timeline(x, freq="W")
    assert weeks["period_start"].tolist() == [pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-09")]
    assert weeks["gained"].tolist() == [8, 4] and weeks["lost"].tolist() == [2, 1] and weeks["net"].tolist() == [3, 3]
    assert weeks["days"].tolist() == [2, 1]
    tiktok = follower_timeline(two_accounts[two_accounts["platform"] == "tiktok"], freq="M")
    # one month: last total 1030, net 10 − 5 + 25 = 30 (the platform's own net change)
    assert tiktok["followers"].tolist() == [1030] and tiktok["net"].tolist() == [30]
    assert tiktok["period_start"].tolist() == [pd.Timestamp("2026-03-01")] and tiktok["days"].tolist() == [4]


def test_follower_timeline_period_and_bad_freq(two_accounts):
    period = Period(dt.date(2026, 3, 2), dt.date(2026, 3, 3))
    out = follower_timeline(two_accounts, period)
    # accounts stay apart: linkedin, tiktok, x each with its own rows (never added up)
    assert out.groupby("platform").size().to_dict() == {"linkedin": 2, "tiktok": 2, "x": 2}
    tiktok = out[out["platform"] == "tiktok"]
    assert tiktok["followers"].tolist() == [1010, 1005]
    with pytest.raises(UsageError):
        follower_timeline(two_accounts, freq="Q")  # type: ignore[arg-type]
    assert follower_timeline(two_accounts.iloc[0:0]).empty


@pytest.mark.parametrize("days,freq", [(1, "D"), (92, "D"), (93, "W"), (731, "W"), (732, "M")])
def test_timeline_frequency(days, freq):
    start = dt.date(2025, 1, 1)
    assert timeline_frequency(Period(start, start + dt.timedelta(days=days - 1))) == freq


def test_follower_summary_side_by_side(two_accounts):
    out = follower_summary(two_accounts, Period(dt.date(2026, 3, 2), dt.date(2026, 3, 9)))
    assert tuple(out.columns) == FOLLOWER_SUMMARY_COLUMNS
    rows = {p: r for p, r in zip(out["platform"], out.to_dict("records"), strict=True)}
    # TikTok: start = last total before 2 Mar = 1000, end = 1030, net 30, rate 30/1000 = 0.03.
    tt = rows["tiktok"]
    assert (tt["followers_start"], tt["followers_end"], tt["net_change"]) == (1000, 1030, 30)
    assert tt["growth_rate"] == pytest.approx(0.03) and tt["source"] == "totals"
    assert pd.isna(tt["gained"]) and pd.isna(tt["lost"])
    # X: gained 5 + 3 + 4 = 12, lost 2 + 1 = 3; the net change counts the days stating both
    # (3 Mar states no losses): (5 − 2) + (4 − 1) = 6 (growth.follower_growth), no rate.
    assert (rows["x"]["gained"], rows["x"]["lost"], rows["x"]["net_change"]) == (12, 3, 6)
    assert pd.isna(rows["x"]["growth_rate"]) and pd.isna(rows["x"]["followers_end"])
    # LinkedIn: new followers only -> net change unknown, never "7".
    assert rows["linkedin"]["gained"] == 7 and pd.isna(rows["linkedin"]["net_change"])
    assert pd.isna(rows["linkedin"]["lost"])
    assert follower_summary(two_accounts.iloc[0:0], Period(dt.date(2026, 3, 2), dt.date(2026, 3, 9))).empty
