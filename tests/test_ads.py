"""Paid results: the ROI family, levels, currencies, extra cost."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from smo_metrics import schema
from smo_metrics.ads import (
    MIXED,
    ads_in_period,
    ads_metrics,
    ads_over_time,
    breakdown_family,
    one_breakdown,
    pick_level,
    rows_for_level,
    unreported,
)
from smo_metrics.errors import UsageError
from smo_metrics.ingest import read_file
from tests.ingest._real import TODAY, real


def ads(**cols: list) -> pd.DataFrame:
    n = len(cols["campaign"])
    base = {
        "platform": ["meta"] * n,
        "level": ["campaign"] * n,
        "currency": ["IDR"] * n,
        "date_start": pd.to_datetime(["2025-12-12"] * n),
        "date_end": pd.to_datetime(["2025-12-12"] * n),
    }
    base.update(cols)
    return schema.conform("ads", pd.DataFrame(base))


def test_hand_worked_campaign() -> None:
    # Two rows of one campaign: spend 600,000 + 400,000 = 1,000,000 IDR; impressions 150,000 + 50,000;
    # link clicks 1,500 + 500 = 2,000; conversions 40 + 10 = 50; value 3,000,000 + 1,000,000.
    a = ads(
        campaign=["12.12", "12.12"],
        spend=[600_000, 400_000],
        impressions=[150_000, 50_000],
        link_clicks=[1500, 500],
        clicks=[3000, 1000],
        conversions=[40, 10],
        conversion_value=[3_000_000, 1_000_000],
    )
    (row,) = ads_metrics(a).to_dict("records")
    assert row["ctr"] == pytest.approx(2000 / 200_000)  # 1 %
    assert row["ctr_all"] == pytest.approx(4000 / 200_000)
    assert row["cpc"] == pytest.approx(500)  # 1,000,000 / 2,000
    assert row["cpm"] == pytest.approx(5000)  # 1,000,000 / 200,000 x 1000
    assert row["cpa"] == pytest.approx(20_000)  # 1,000,000 / 50
    assert row["conversion_rate"] == pytest.approx(0.025)  # 50 / 2,000
    assert row["roas"] == pytest.approx(4.0)  # 4,000,000 / 1,000,000
    assert row["roi"] == pytest.approx(3.0)  # (4,000,000 - 1,000,000) / 1,000,000


def test_extra_cost_is_shared_by_spend_and_currencies_never_mix() -> None:
    a = ads(
        campaign=["A", "B", "C"],
        currency=["IDR", "IDR", "USD"],
        spend=[750_000, 250_000, 100],
        conversion_value=[3_000_000, 0, 300],
    )
    out = ads_metrics(a, extra_cost={"IDR": 1_000_000}).set_index("campaign")
    assert list(ads_metrics(a, by="total")["currency"]) == ["IDR", "USD"]  # one total per currency
    # A gets 75 % of the 1,000,000 IDR staff cost: cost 1,500,000; ROI (3,000,000 - 1,500,000) / 1,500,000 = 1.
    assert out.loc["A", "extra_cost"] == pytest.approx(750_000)
    assert out.loc["A", "roi"] == pytest.approx(1.0)
    assert out.loc["B", "roi"] == pytest.approx(-1.0)  # (0 - 500,000) / 500,000
    assert out.loc["C", "extra_cost"] == 0 and out.loc["C", "roi"] == pytest.approx(2.0)  # USD untouched


def test_zero_and_missing_denominators() -> None:
    a = ads(campaign=["A"], spend=[0], impressions=[0], link_clicks=[None])
    (row,) = ads_metrics(a).to_dict("records")
    assert all(pd.isna(row[c]) for c in ("ctr", "cpc", "cpm", "roas", "roi"))


def test_levels_are_not_mixed() -> None:
    a = pd.concat([ads(campaign=["A"], spend=[100]), ads(campaign=["A"], ad=["x"], level=["ad"], spend=[100])])
    rows, level = pick_level(a)
    assert level == "ad" and len(rows) == 1
    assert ads_metrics(a, by="total")["spend"].tolist() == [100]  # not 200
    assert ads_metrics(a, by="total", level="campaign")["spend"].tolist() == [100]
    with pytest.raises(UsageError):
        ads_metrics(a, level="adset")


def test_empty_input() -> None:
    out = ads_metrics(schema.empty_frame("ads"))
    assert out.empty and {"roas", "roi", "cpm", "currency"} <= set(out.columns)


def test_matches_metas_own_roas_and_cpm_on_the_real_export() -> None:
    # Meta exports its own per-row "Purchase ROAS" and CPM. Rows are unique per ad set, day and
    # audience segment except where two ad sets share a name (the export has no campaign
    # column); the 121 unique rows are one group each, so our ROAS and CPM must equal Meta's
    # (Meta rounds them to 6 decimals, hence a relative tolerance).
    (t,) = read_file(real("meta_ads/BlueTea---Prepaid-Ad-sets-1-Jan-2026-5-Jan-2026.csv"), today=TODAY).tables
    keys = ["ad_set", "date_start", "breakdown"]
    unique = t.data[~t.data.duplicated(keys, keep=False)]
    assert len(unique) == 121
    out = ads_metrics(unique, by=keys).merge(unique, on=keys, suffixes=("", "_src"))
    assert len(out) == 121
    has = out["Purchase ROAS (return on ad spend)"].notna() & out["roas"].notna()
    assert has.sum() > 50
    assert out.loc[has, "roas"].to_numpy(dtype=float) == pytest.approx(
        out.loc[has, "Purchase ROAS (return on ad spend)"].to_numpy(dtype=float), rel=1e-6
    )
    cpm = out["CPM (cost per 1,000 impressions) (INR)"].notna() & out["cpm"].notna()
    assert cpm.sum() > 50
    assert out.loc[cpm, "cpm"].to_numpy(dtype=float) == pytest.approx(
        # Meta computes CPM from its unrounded spend; the exported spend is rounded to 6 decimals,
        # which moves the CPM of a row with a tiny spend (0.04 INR) by up to 6e-6 relative.
        out.loc[cpm, "CPM (cost per 1,000 impressions) (INR)"].to_numpy(dtype=float),
        rel=1e-5,
    )


# ---------------------------------------------------------------- the ROI family, by hand


def test_roi_family_by_hand_with_and_without_extra_cost() -> None:
    # Spend Rp 2,500,000; impressions 125,000; link clicks 1,250; conversions 40; value Rp 10,000,000.
    # CTR 1,250/125,000 = 1 %; CPC 2,500,000/1,250 = 2,000; CPM 2,500,000/125,000 x 1,000 = 20,000;
    # CPA 2,500,000/40 = 62,500; ROAS 10,000,000/2,500,000 = 4; ROI (10,000,000 - 2,500,000)/2,500,000 = 3.
    # With Rp 2,500,000 of staff cost: cost 5,000,000, ROI (10,000,000 - 5,000,000)/5,000,000 = 1;
    # ROAS stays 4 (it is on ad spend only).
    a = ads(
        campaign=["Lebaran"],
        spend=[2_500_000],
        impressions=[125_000],
        link_clicks=[1_250],
        conversions=[40],
        conversion_value=[10_000_000],
    )
    (row,) = ads_metrics(a).to_dict("records")
    assert row["ctr"] == pytest.approx(0.01)
    assert row["cpc"] == pytest.approx(2_000)
    assert row["cpm"] == pytest.approx(20_000)
    assert row["cpa"] == pytest.approx(62_500)
    assert row["roas"] == pytest.approx(4.0)
    assert row["roi"] == pytest.approx(3.0) and row["cost"] == pytest.approx(2_500_000)
    (extra,) = ads_metrics(a, extra_cost={"IDR": 2_500_000}).to_dict("records")
    assert extra["roi"] == pytest.approx(1.0) and extra["roas"] == pytest.approx(4.0)
    assert extra["cost"] == pytest.approx(5_000_000) and extra["extra_cost"] == pytest.approx(2_500_000)
    # An extra cost in another currency leaves IDR alone.
    (usd,) = ads_metrics(a, extra_cost={"USD": 100}).to_dict("records")
    assert usd["roi"] == pytest.approx(3.0)


def test_one_total_per_currency_across_platforms() -> None:
    # Meta Rp 100 + TikTok Rp 50 = Rp 150; the USD row is its own total.
    a = pd.concat(
        [
            ads(campaign=["A"], spend=[100]),
            ads(campaign=["B"], spend=[50], platform=["tiktok"], level=["ad"], ad=["b1"]),
            ads(campaign=["C"], spend=[10], currency=["USD"]),
        ]
    )
    out = ads_metrics(a, by="total", per_platform=False).set_index("currency")
    assert "platform" not in out.columns
    assert out.loc["IDR", "spend"] == 150 and out.loc["USD", "spend"] == 10


def test_most_detailed_level_per_campaign_keeps_both_platforms() -> None:
    # Meta exports ad sets, TikTok ads: both are the most detailed rows of their campaigns.
    # A campaign row of "A" on the same day as A's ad-set rows is the same money: dropped.
    # "C" only has a campaign row: kept.
    a = pd.concat(
        [
            ads(campaign=["A"], spend=[300]),
            ads(campaign=["A", "A"], ad_set=["a1", "a2"], level=["ad_set"] * 2, spend=[100, 200]),
            ads(campaign=["B"], ad_set=["b"], ad=["b1"], level=["ad"], platform=["tiktok"], spend=[50]),
            ads(campaign=["C"], spend=[70]),
        ]
    )
    rows, level = pick_level(a)
    assert level is None and len(rows) == 4
    by = ads_metrics(a).set_index("campaign")
    assert by.loc["A", "spend"] == 300 and by.loc["B", "spend"] == 50 and by.loc["C", "spend"] == 70
    # Ads: Meta's ad-set rows and the campaign row of C have no ads: left out and reported.
    lv = rows_for_level(a, "ad")
    assert list(lv.rows["campaign"]) == ["B"]
    left = lv.left_out.set_index("level")
    assert set(left["platform"]) == {"meta"}
    assert left.loc["ad_set", "rows"] == 2 and left.loc["ad_set", "spend"] == 300
    assert left.loc["campaign", "rows"] == 1 and left.loc["campaign", "spend"] == 70
    assert rows_for_level(a, "campaign").left_out.empty
    with pytest.raises(UsageError):
        rows_for_level(a, "adset")


def test_breakdown_rows_are_not_added_to_the_total() -> None:
    # One campaign-day exported plain (Rp 100) and by age x gender (60 + 40): the total is 100.
    a = pd.concat(
        [
            ads(campaign=["A"], spend=[100], conversions=[10]),
            ads(
                campaign=["A", "A"],
                age=["18-24", "25-34"],
                gender=["female", "male"],
                spend=[60, 40],
                conversions=[4, 6],
            ),
        ]
    )
    assert ads_metrics(a, by="total")["spend"].tolist() == [100]
    ag = ads_metrics(a, by=["age", "gender"], breakdown="age_gender").set_index("age")
    assert ag.loc["18-24", "spend"] == 60 and ag.loc["25-34", "cpa"] == pytest.approx(40 / 6)
    # Only breakdown rows (no plain row): they add up to the total.
    assert ads_metrics(a.iloc[1:], by="total")["spend"].tolist() == [100]
    # No age/gender rows at all: the breakdown is empty (the page says the export lacks it).
    assert ads_metrics(a.iloc[:1], by=["age", "gender"], breakdown="age_gender").empty
    # Age x gender and placement exports of the same day: one family for totals (age+gender,
    # the fewer breakdown names), never both.
    placement = ads(campaign=["A", "A"], breakdown=["Placement=feed", "Placement=reels"], spend=[70, 30])
    both = pd.concat([a.iloc[1:], placement])
    assert ads_metrics(both, by="total")["spend"].tolist() == [100]
    assert list(breakdown_family(both)) == ["age+gender", "age+gender", "Placement", "Placement"]
    with pytest.raises(UsageError):
        one_breakdown(a, "placement")


def test_rows_reaching_beyond_the_period_are_left_out_and_reported() -> None:
    # Daily rows on 1 and 15 Dec, and one row for the whole of December (no Day breakdown).
    a = pd.concat(
        [
            ads(
                campaign=["A", "A"],
                spend=[10, 20],
                date_start=pd.to_datetime(["2025-12-01", "2025-12-15"]),
                date_end=pd.to_datetime(["2025-12-01", "2025-12-15"]),
            ),
            ads(
                campaign=["B"],
                spend=[300],
                date_start=pd.to_datetime(["2025-12-01"]),
                date_end=pd.to_datetime(["2025-12-31"]),
            ),
            ads(
                campaign=["C"],
                spend=[5],
                date_start=pd.to_datetime(["2026-02-01"]),
                date_end=pd.to_datetime(["2026-02-01"]),
            ),
        ]
    )
    got = ads_in_period(a, dt.date(2025, 12, 1), dt.date(2025, 12, 15))
    assert sorted(got.rows["spend"].tolist()) == [10, 20]
    (b,) = got.beyond.to_dict("records")
    assert b["rows"] == 1 and b["spend"] == 300 and b["last"] == pd.Timestamp("2025-12-31")
    assert ads_in_period(a, dt.date(2025, 12, 1), dt.date(2025, 12, 31)).beyond.empty


def test_result_types_are_not_mixed() -> None:
    # Reach results 1,000 for Rp 500 -> Rp 0.5 per result; a group with reach and link clicks
    # is "mixed": its results are summed but no cost per result is given.
    a = ads(
        campaign=["A", "B", "B"],
        spend=[500, 100, 100],
        results=[1000, 1000, 10],
        result_type=["reach", "reach", "actions:link_click"],
    )
    out = ads_metrics(a).set_index("campaign")
    assert out.loc["A", "result_type"] == "reach" and out.loc["A", "cost_per_result"] == pytest.approx(0.5)
    assert out.loc["B", "result_type"] == MIXED and pd.isna(out.loc["B", "cost_per_result"])


def test_over_time_weeks_and_unreported_metrics() -> None:
    # Mon 1 Dec, Sun 7 Dec -> week of 1 Dec (Rp 30); Mon 8 Dec -> week of 8 Dec (Rp 5).
    days = pd.to_datetime(["2025-12-01", "2025-12-07", "2025-12-08"])
    a = ads(campaign=["A"] * 3, spend=[10, 20, 5], date_start=days, date_end=days)
    w = ads_over_time(a, "week")
    assert list(w["period_start"]) == [pd.Timestamp("2025-12-01"), pd.Timestamp("2025-12-08")]
    assert list(w["spend"]) == [30, 5] and w.attrs["multi_day_rows"] == 0
    m = ads_over_time(a, "month")
    assert list(m["spend"]) == [35] and m["period_start"].iloc[0] == pd.Timestamp("2025-12-01")
    with pytest.raises(UsageError):
        ads_over_time(a, "quarter")
    gaps = unreported(a)
    assert set(gaps["metric"]) == {"conversions", "conversion_value", "link_clicks", "reach"}
    assert unreported(schema.empty_frame("ads")).empty
