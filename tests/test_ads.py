"""Paid results: the ROI family, levels, currencies, extra cost."""

from __future__ import annotations

import pandas as pd
import pytest

from smo_metrics import schema
from smo_metrics.ads import ads_metrics, pick_level
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
