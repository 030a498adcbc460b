"""TikTok Ads Manager reports: CSV in both number conventions, XLSX, the three levels, currency.

Every expected number is worked out by hand from the rows written in the test.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from smo_metrics.ingest import DEFAULT_TZ, Context, read_file, tiktok_ads
from smo_metrics.ingest.base import Table
from smo_metrics.ingest.text import TextSheet, decode

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real_exports"
TODAY = dt.date(2026, 11, 22)
HEADER = (
    "Campaign name,Ad Group Name,Date,Ad Name,Cost,CPC (Destination),CPM,Impression,"
    "Clicks (Destination),CTR (Destination),Conversions,CPA,Currency"
)


def read(data: bytes, name: str) -> Table:
    result = read_file(data, name, today=TODAY)
    assert len(result.tables) == 1
    return result.tables[0]


def says(table: Table, fragment: str) -> bool:
    return any(fragment.lower() in w.lower() for w in table.warnings)


def test_ad_level_daily_rows():
    data = (
        HEADER + "\n"
        "Spring,Group A,2026-03-01,Ad 1,12.50,0.25,5.00,2500,50,2.00,3,4.17,USD\n"
        "Spring,Group A,2026-03-02,Ad 1,7.50,0.30,3.75,2000,25,1.25,-,-,USD\n"
        "Spring,Group B,2026-03-01,Ad 2,0,-,-,0,0,-,0,-,USD\n"
    ).encode()
    t = read(data, "TikTok_Ads_report.csv")
    assert (t.kind, t.platform, t.reader) == ("ads", "tiktok", "tiktok_ads")
    assert (t.data["level"] == "ad").all()
    assert t.data["ad"].tolist() == ["Ad 1", "Ad 1", "Ad 2"]
    assert t.data["ad_set"].tolist() == ["Group A", "Group A", "Group B"]
    assert (t.data["date_start"] == t.data["date_end"]).all()
    assert t.data["date_start"].tolist() == [pd.Timestamp("2026-03-01"), pd.Timestamp("2026-03-02")] + [
        pd.Timestamp("2026-03-01")
    ]
    assert (t.data["currency"] == "USD").all()
    # By hand: spend 12.50 + 7.50 + 0 = 20; impressions 2500 + 2000 + 0; link clicks 50 + 25 + 0.
    assert t.data["spend"].sum() == 20.0
    assert t.data["impressions"].sum() == 4500
    assert t.data["link_clicks"].sum() == 75
    # "-" is missing, not 0: conversions 3 + <NA> + 0.
    assert t.data["conversions"].isna().tolist() == [False, True, False]
    assert t.data["conversions"].sum() == 3
    # The rates stay as written, unmapped: the metrics library computes its own.
    assert t.unmapped_columns == ["CPC (Destination)", "CPM", "CTR (Destination)", "CPA"]
    assert t.data["CTR (Destination)"].tolist()[:2] == [2.0, 1.25]
    assert t.assumed_tz == DEFAULT_TZ
    assert t.rejected.empty


def test_semicolon_and_indonesian_numbers():
    data = (
        "\ufeff" + HEADER.replace(",", ";") + "\n"
        'Promo;Grup 1;2025-10-01;Iklan A;"18.415";"1.534,58";"2,14";"8.605";12;0,14;-;-;IDR\n'
        'Promo;Grup 1;2025-10-02;Iklan A;"1.000,5";"1.000";"3,5";"1.200";1;0,08;2;"500,25";IDR\n'
    ).encode()
    t = read(data, "laporan.csv")
    # id-ID: "18.415" = 18415, "1.000,5" = 1000.5, "8.605" = 8605, "2,14" = 2.14.
    assert t.data["spend"].tolist() == [18415.0, 1000.5]
    assert t.data["impressions"].tolist() == [8605, 1200]
    assert t.data["CPM"].tolist() == [2.14, 3.5]
    assert t.data["CPC (Destination)"].tolist() == [1534.58, 1000.0]
    assert t.data["CPA"].tolist()[1] == 500.25
    assert (t.data["currency"] == "IDR").all()


def test_ad_group_level_with_other_spellings_and_currency_in_header():
    data = (
        b"Campaign name,Ad group name,Date,Cost (IDR),Impressions,Clicks (destination),"
        b'"Cost per 1,000 people reached (IDR)",Reach,Video views at 25%\n'
        b"C1,G1,2026-01-05,150000,3000,30,75000,2000,400\n"
        b"C1,G2,2026-01-05,50000,1000,5,50000,1000,100\n"
    )
    t = read(data, "adgroups.csv")
    assert (t.data["level"] == "ad_set").all()
    assert t.data["ad"].isna().all()
    assert (t.data["currency"] == "IDR").all()  # from "Cost (IDR)": no Currency column
    assert t.data["spend"].sum() == 200000  # 150000 + 50000
    assert t.data["link_clicks"].sum() == 35  # 30 + 5
    assert t.data["reach"].sum() == 3000
    assert t.unmapped_columns == ["Cost per 1,000 people reached (IDR)", "Video views at 25%"]
    assert t.data["video_views"].isna().all()  # "Video views at 25%" is not video views


def test_campaign_level_without_dates_or_currency():
    data = "Campaign name,Cost,Impression,Clicks (Destination)\nAlpha,10,100,1\nBeta,30,300,4\nTotal of 2 campaigns,40,400,5\n"
    t = read(data.encode(), "campaigns.csv")
    assert t.data["campaign"].tolist() == ["Alpha", "Beta"]
    assert (t.data["level"] == "campaign").all()
    # Rows are kept without dates; currency is never assumed.
    assert t.data["date_start"].isna().all() and t.data["date_end"].isna().all()
    assert t.data["currency"].isna().all()
    assert says(t, "no Date column") and says(t, "does not say which currency")
    # The total line (10 + 30 = 40) would double the spend: rejected with its line.
    assert t.rejected["line"].tolist() == [4]
    assert "total row" in t.rejected["reason"][0]
    assert t.data["spend"].sum() == 40


def test_file_name_range_and_currency_without_date_column():
    data = b"Campaign name,Ad Group Name,Cost,Impression\nA,G,25,500\n"
    t = read(data, "tiktok_ads_EUR_2026-02-01_2026-02-28.csv")
    assert t.data["date_start"].tolist() == [pd.Timestamp("2026-02-01")]
    assert t.data["date_end"].tolist() == [pd.Timestamp("2026-02-28")]
    assert t.data["currency"].tolist() == ["EUR"]


def test_rows_without_a_date_or_name_are_rejected():
    data = (
        (
            HEADER + "\n"
            "S,G,2026-03-01,Ad 1,5,,,100,1,,,,USD\n"
            "S,G,,Ad 1,5,,,100,1,,,,USD\n"  # line 3: no date
            "S,G,2026-03-01,,5,,,100,1,,,,USD\n"  # line 4: no ad name
            "S,G,2026-13-45,Ad 1,5,,,100,1,,,,USD\n"  # line 5: not a date
        ).encode()
    )
    t = read(data, "ads.csv")
    assert t.rows == 1
    assert t.rejected["line"].tolist() == [3, 4, 5]
    reasons = t.rejected["reason"].tolist()
    assert reasons[0] == "no date" and reasons[1] == "no ad name" and "is not a date" in reasons[2]


def test_xlsx_report():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Report"
    ws.append(HEADER.split(","))
    ws.append(
        [
            "Launch",
            "Lookalike",
            dt.datetime(2026, 4, 1),
            "Video 1",
            1250.75,
            0.5,
            4.1,
            30500,
            2501,
            8.2,
            12,
            104.23,
            "IDR",
        ]
    )
    ws.append(
        [
            "Launch",
            "Lookalike",
            dt.datetime(2026, 4, 2),
            "Video 1",
            749.25,
            0.6,
            3.9,
            19500,
            1249,
            6.4,
            None,
            None,
            "IDR",
        ]
    )
    buf = io.BytesIO()
    wb.save(buf)
    t = read(buf.getvalue(), "tiktok_ads.xlsx")
    assert t.rows == 2 and t.rejected.empty
    assert t.data["date_start"].tolist() == [pd.Timestamp("2026-04-01"), pd.Timestamp("2026-04-02")]
    # By hand: 1250.75 + 749.25 = 2000; 30500 + 19500 = 50000; 2501 + 1249 = 3750.
    assert t.data["spend"].sum() == pytest.approx(2000.0)
    assert t.data["impressions"].sum() == 50000
    assert t.data["link_clicks"].sum() == 3750
    assert t.data["conversions"].tolist()[1] is pd.NA
    assert (t.data["currency"] == "IDR").all()
    assert (t.data["level"] == "ad").all()


def test_meta_ads_header_is_not_taken_for_tiktok():
    text = (
        '"Reporting starts","Reporting ends","Campaign name","Amount spent (EUR)",Impressions,Cost\n'
        "2026-03-11,2026-04-09,X,30.42,279002,1\n"
    )
    assert not tiktok_ads.detect(Context("meta.csv", [TextSheet(text, "meta.csv")], today=TODAY))


@pytest.mark.parametrize(
    "name",
    [
        "meta_ads/ISN-Medical-Ad_euro-Campaigns-Mar-11-2026-Apr-9-2026.csv",
        "meta_ads/BlueTea---Prepaid-Ad-sets-1-Jan-2026-5-Jan-2026.csv",
    ],
)
def test_real_meta_ads_files_are_not_taken_for_tiktok(name: str):
    path = REAL / name
    if not path.exists():
        pytest.skip(f"real export {path} is not available (the shared sample files are not mounted)")
    sheet = TextSheet(decode(path.read_bytes(), path.name).text, path.name)
    assert not tiktok_ads.detect(Context(path.name, [sheet], today=TODAY))
