"""Audience breakdowns: age × gender pyramid, top segments with a remainder, snapshot change.

Every expected number is worked out by hand in the comment beside it.
"""

from __future__ import annotations

import pandas as pd
import pytest

from smo_metrics.audience import (
    AGE_GENDER_COLUMNS,
    CHANGE_COLUMNS,
    OTHER_SEGMENT,
    TOP_SEGMENT_COLUMNS,
    UNDATED,
    age_band_order,
    age_gender,
    snapshot_change,
    top_segments,
)
from smo_metrics.errors import UsageError
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
