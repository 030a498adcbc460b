"""Meta Business Suite Insights: per-metric daily files and the Audience file (UTF-16)."""

from __future__ import annotations

import pandas as pd
import pytest

from smo_metrics.ingest import read_file
from tests.ingest._real import TODAY, real


def test_reach_real_file() -> None:
    # Reference: the UTF-16 text through csv.reader, rows after "Date","Primary": 28 days,
    # sum of Primary = 808076, first 2026-05-25 (14551), last 2026-06-21 (48955).
    (t,) = read_file(real("meta_insights/Reach.csv"), today=TODAY).tables
    assert (t.kind, t.platform, t.rows) == ("account_daily", "meta", 28)
    assert t.data["reach"].sum() == 808076
    assert t.data["date"].iloc[0] == pd.Timestamp("2026-05-25")
    assert t.data["reach"].iloc[-1] == 48955
    assert t.date_range() == (pd.Timestamp("2026-05-25").date(), pd.Timestamp("2026-06-21").date())


def test_audience_real_file() -> None:
    (t,) = read_file(real("meta_insights/Audience.csv"), today=TODAY).tables
    assert t.kind == "audience" and t.rows == 32  # 10 cities + 6 age bands x 2 genders + 10 countries
    d = t.data
    cities = d[d["dimension"] == "city"]
    assert cities["segment"].iloc[0] == "New York, NY"
    assert cities["value"].iloc[0] == pytest.approx(0.017)  # 1.7 %
    ag = d[d["dimension"] == "age_gender"]
    # Percentages by hand: 5.1+2.4+15.4+7.6+17.7+11.6+10.9+9.1+6.3+6.7+3.2+4 = 100.0
    assert ag["value"].sum() == pytest.approx(1.0)
    row = ag[(ag["segment"] == "25-34") & (ag["gender"] == "female")]
    assert row["value"].iloc[0] == pytest.approx(0.076)
    countries = d[d["dimension"] == "country"]
    assert countries.set_index("segment").loc["Indonesia", "value"] == pytest.approx(0.021)
    assert (d["unit"] == "share").all()


def _utf16(text: str) -> bytes:
    return b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le")


def test_instagram_follows_title_sets_platform_and_metric() -> None:
    text = 'sep=,\n"Instagram follows"\n"Date","Primary"\n"2026-05-25T00:00:00","12"\n"2026-05-26T00:00:00","7"\n'
    (t,) = read_file(_utf16(text), "Follows.csv", today=TODAY).tables
    assert (t.platform, t.rows) == ("instagram", 2)
    assert list(t.data["followers_gained"]) == [12, 7]


def test_audience_2024_variant_with_percent_signs() -> None:
    text = 'sep=,\n"Age & gender"\n"","Men","Women"\n"18-24","5.1%","2.4%"\n\n"Top cities"\n"Jakarta","Bandung"\n"30%","x"\n'
    (t,) = read_file(_utf16(text), "Audience.csv", today=TODAY).tables
    assert t.rows == 3
    assert t.data["value"].tolist() == pytest.approx([0.051, 0.024, 0.30])
    # The unreadable Bandung share is rejected with its line (line 8 of the file).
    assert list(t.rejected["line"]) == [8]
    assert "Bandung" in t.rejected["reason"].iloc[0]


def test_assign_account_names_the_tables_that_have_none() -> None:
    from smo_metrics.ingest import assign_account

    res = read_file(real("meta_insights/Reach.csv"), today=TODAY)
    assign_account(res, "kopisenja.id")
    (t,) = res.tables
    assert t.account == "kopisenja.id" and set(t.data["account"]) == {"kopisenja.id"}
