"""The summary behind ``python -m smo_metrics summary``: assembled from the metric modules."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from smo_metrics import schema
from smo_metrics.ingest import read_file
from smo_metrics.summary import summarize
from smo_metrics.tables import gather
from tests.ingest._real import TODAY, real


def test_summary_of_instagram_and_tiktok_real_exports() -> None:
    files = [
        "instagram/May-25-2026_Jun-21-2026_1493633672508178.csv",
        "tiktok/FollowerHistory.csv",
        "tiktok/Overview.csv",
        "tiktok/Content.csv",
    ]
    s = summarize(gather([read_file(real(f), today=TODAY) for f in files]))
    ig = next(p for p in s["platforms"] if p["platform"] == "instagram")
    # Engagements = likes+comments+shares+saves = 31172+1082+4776+3255 = 40285 (csv sums).
    assert (ig["posts"], ig["engagements"], ig["reach"]) == (21, 40285, 408151)
    # Ratio of sums over the 20 posts with a reach: the post without reach is left out of the rate.
    assert 0 < ig["engagement_rate_by_reach"] < 1
    assert ig["engagement_rate_by_followers"] is None  # no Instagram follower data given
    tt = next(p for p in s["platforms"] if p["platform"] == "tiktok")
    # FollowerHistory: first known total 37 (2025-03-25), last 5013 (2026-02-27): growth 4976/37.
    assert (tt["followers_start"], tt["followers_end"]) == (37, 5013)
    assert tt["follower_growth_rate"] == pytest.approx(4976 / 37)
    assert s["all"]["followers_platforms"] == ["tiktok"]
    assert s["all"]["posts"] == 34 and len(s["prime_time"]) == 3  # TikTok posts have no hour


def test_ads_per_currency_and_period_filter() -> None:
    ads = schema.conform(
        "ads",
        pd.DataFrame(
            {
                "platform": ["meta", "meta", "tiktok"],
                "level": ["campaign"] * 3,
                "campaign": ["A", "B", "C"],
                "currency": ["IDR", "IDR", "IDR"],
                "spend": [100.0, 50.0, 10.0],
                "conversion_value": [300.0, 0.0, 5.0],
                "date_start": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-01-05"]),
                "date_end": pd.to_datetime(["2026-01-31", "2026-02-28", "2026-01-05"]),
            }
        ),
    )
    tables = {k: schema.empty_frame(k) for k in schema.KINDS} | {"ads": ads}
    s = summarize(tables, dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    rows = {(a["platform"], a["currency"]): a for a in s["ads"]}
    assert rows[("meta", "IDR")]["spend"] == 100 and rows[("meta", "IDR")]["roas"] == pytest.approx(3.0)
    assert rows[("tiktok", "IDR")]["roi"] == pytest.approx(-0.5)  # (5 - 10) / 10
    assert s["platforms"] == [] and s["prime_time"] == []


def test_empty_workspace() -> None:
    s = summarize({k: schema.empty_frame(k) for k in schema.KINDS})
    assert s["period"] == {"from": None, "to": None} and s["all"]["posts"] == 0 and s["ads"] == []
