"""Growth: follower change, periods, period-over-period change, compound weekly growth."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from smo_metrics import growth as G
from smo_metrics import schema
from smo_metrics.errors import UsageError

FEB = G.Period(dt.date(2026, 2, 1), dt.date(2026, 2, 28))


def daily(**cols: list) -> pd.DataFrame:
    n = len(cols["date"])
    base = {"platform": ["tiktok"] * n, "account": ["kopi"] * n}
    base.update(cols)
    base["date"] = pd.to_datetime(base["date"])
    return schema.conform("account_daily", pd.DataFrame(base))


def test_periods() -> None:
    assert G.period_of(dt.date(2026, 2, 18), "week") == G.Period(dt.date(2026, 2, 16), dt.date(2026, 2, 22))
    assert G.period_of(dt.date(2024, 2, 10), "month") == G.Period(dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    # The month before March 2026 is the whole of February (28 days), not the 31 days before.
    march = G.period_of(dt.date(2026, 3, 5), "month")
    assert G.comparison_period(march) == FEB
    week = G.period_of(dt.date(2026, 2, 18), "week")
    assert G.comparison_period(week) == G.Period(dt.date(2026, 2, 9), dt.date(2026, 2, 15))
    assert G.comparison_period(G.Period(dt.date(2024, 2, 29), dt.date(2024, 2, 29)), "year_ago").start == dt.date(
        2023, 2, 28
    )
    with pytest.raises(UsageError):
        G.period_of(dt.date(2026, 1, 1), "quarter")  # type: ignore[arg-type]


def test_change() -> None:
    c = G.change(120, 100)
    assert (c.absolute, c.relative) == (20, pytest.approx(0.2))
    assert G.change(5, 0).relative is None and G.change(None, 3).absolute is None
    assert G.change(80, -100).relative == pytest.approx(1.8)  # from -100 to 80 is +180 % of |previous|


def test_follower_growth_from_totals() -> None:
    # Closing count on Jan 31 is the start; the last count in February the end: 1100 - 1000 = 100, 10 %.
    d = daily(
        date=["2026-01-30", "2026-01-31", "2026-02-10", "2026-02-27", "2026-03-01"],
        followers=[990, 1000, 1040, 1100, 1200],
    )
    g = G.follower_growth(d, FEB)
    assert (g.followers_start, g.followers_end, g.net_change, g.source) == (1000, 1100, 100, "totals")
    assert g.growth_rate == pytest.approx(0.1)


def test_follower_growth_totals_start_inside_period() -> None:
    # TikTok's history says "undefined" before the account existed: the first total is the start.
    d = daily(date=["2026-02-05", "2026-02-20"], followers=[37, 450])
    g = G.follower_growth(d, FEB)
    assert (g.followers_start, g.followers_end, g.net_change) == (37, 450, 413)


def test_follower_growth_when_the_export_does_not_name_the_account() -> None:
    d = daily(date=["2026-01-31", "2026-02-27"], followers=[100, 130])
    d["account"] = pd.NA
    g = G.follower_growth(d, FEB)
    assert (g.followers_start, g.followers_end, g.net_change) == (100, 130, 30)


def test_follower_growth_without_totals() -> None:
    d = daily(date=["2026-02-01", "2026-02-02", "2026-03-01"], followers_net=[5, -2, 40])
    g = G.follower_growth(d, FEB)
    assert (g.net_change, g.growth_rate, g.source) == (3, None, "daily net change")
    d = daily(date=["2026-02-01", "2026-02-02"], followers_gained=[10, 4], followers_lost=[1, None])
    # Only 1 Feb states both: 10 - 1 = 9. 2 Feb's net change is unknown (gains, no stated losses).
    assert G.follower_growth(d, FEB).net_change == 9
    gains_only = daily(date=["2026-02-01", "2026-02-02"], followers_gained=[10, 4], followers_lost=[None, None])
    assert G.follower_growth(gains_only, FEB).net_change is None  # never 14 - 0
    assert G.follower_growth(daily(date=["2026-02-01"], likes=[3]), FEB).source == "none"
    assert G.follower_growth(schema.empty_frame("account_daily"), FEB).net_change is None


def test_sum_metric_and_reach_label() -> None:
    d = daily(date=["2026-02-01", "2026-02-02", "2026-03-01"], reach=[100, None, 50], views=[1, 2, 3])
    assert G.sum_metric(d, "reach", FEB) == 100
    assert G.metric_label("reach") == "reach (sum of daily)" and G.metric_label("views") == "views"
    assert G.sum_metric(d, "followers_lost", FEB) is None


def test_compound_weekly_growth() -> None:
    # 1000 -> 1210 over 14 days: (1.21) ** (7/14) - 1 = 1.1 - 1 = 0.1 per week.
    assert G.compound_weekly_growth(1000, 1210, 14) == pytest.approx(0.1)
    assert G.compound_weekly_growth(0, 10, 7) is None and G.compound_weekly_growth(None, 10, 7) is None
