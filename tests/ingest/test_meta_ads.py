"""Meta Ads Manager exports: any level, any currency, Indonesian headers and numbers, XLSX."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from smo_metrics.ingest import read_file
from tests.ingest._real import TODAY, real


def test_ad_sets_inr_real_file() -> None:
    # Reference: csv module sums over the 229 data rows.
    (t,) = read_file(real("meta_ads/BlueTea---Prepaid-Ad-sets-1-Jan-2026-5-Jan-2026.csv"), today=TODAY).tables
    assert (t.kind, t.platform, t.account, t.rows) == ("ads", "meta", "BlueTea---Prepaid", 229)
    d = t.data
    assert set(d["level"]) == {"ad_set"} and set(d["currency"]) == {"INR"}
    assert d["spend"].sum() == pytest.approx(1734408.185834)
    assert d["impressions"].sum() == 11666160
    assert d["reach"].sum() == 8917799
    assert d["results"].sum() == 3184
    assert d["conversions"].sum() == 3184  # Purchases
    assert d["conversion_value"].sum() == pytest.approx(3798159.06)
    assert t.date_range() == (pd.Timestamp("2026-01-01").date(), pd.Timestamp("2026-01-05").date())
    # Rows differ by the "Audience segments" breakdown: kept as a column and in the breakdown key.
    assert set(d["breakdown"]) == {
        f"Audience segments={v}" for v in ("prospecting", "existing", "unknown", "uncategorized")
    }
    assert "Audience segments" in t.unmapped_columns
    # "Using campaign budget" makes the budget column text; it is kept as such.
    assert "Ad set budget" in t.unmapped_columns


def test_campaigns_eur_real_file() -> None:
    (t,) = read_file(real("meta_ads/ISN-Medical-Ad_euro-Campaigns-Mar-11-2026-Apr-9-2026.csv"), today=TODAY).tables
    assert (t.rows, set(t.data["level"]), set(t.data["currency"])) == (2, {"campaign"}, {"EUR"})
    assert t.data["spend"].sum() == pytest.approx(33.65)
    assert t.data["impressions"].sum() == 297644
    assert list(t.data["result_type"]) == ["actions:link_click", "actions:omni_landing_page_view"]


INDONESIAN = (
    '"Awal pelaporan";"Akhir pelaporan";"Nama kampanye";"Nama set iklan";"Nama iklan";"Jumlah yang dibelanjakan (IDR)";'
    '"Impresi";"Jangkauan";"Hasil";"Indikator hasil";"Klik tautan";"CTR (Rasio Klik Tayang Tautan)";"Usia";"Jenis kelamin"\n'
    '2025-12-12;2025-12-12;"Harbolnas 12.12";"Jakarta 18-34";"Video A";"1.250.000";"18.415";"12.001";"37";'
    '"actions:link_click";"412";"2,24";"18-24";"female"\n'
    '2025-12-12;2025-12-12;"Harbolnas 12.12";"Jakarta 18-34";"Video B";"980.500,50";"9.001";"8.000";"12";'
    '"actions:link_click";"150";"1,67";"18-24";"male"\n'
    ';;;;;"2.230.500,50";"27.416";"19.500";"49";;"562";;;\n'
)


def test_indonesian_headers_semicolons_and_id_numbers() -> None:
    (t,) = read_file(
        INDONESIAN.encode("utf-8-sig"), "Kopi-Nusantara-Ads-Dec-12-2025-Dec-12-2025.csv", today=TODAY
    ).tables
    assert (t.level if hasattr(t, "level") else None) is None
    d = t.data
    assert (t.rows, set(d["level"]), set(d["currency"]), t.account) == (2, {"ad"}, {"IDR"}, "Kopi-Nusantara")
    assert list(d["spend"]) == [1250000, 980500.5]  # id-ID: "." thousands, "," decimals
    assert list(d["impressions"]) == [18415, 9001]
    assert list(d["link_clicks"]) == [412, 150]
    assert list(d["age"]) == ["18-24", "18-24"] and list(d["gender"]) == ["female", "male"]
    assert d["CTR (Rasio Klik Tayang Tautan)"].tolist() == pytest.approx([2.24, 1.67])
    # The nameless total row is not counted as an ad; it is listed with its line.
    assert list(t.rejected["line"]) == [4]
    assert "summary row" in t.rejected["reason"].iloc[0]


def test_xlsx_export_with_day_breakdown() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(
        [
            "Campaign name",
            "Day",
            "Amount spent (USD)",
            "Impressions",
            "Link clicks",
            "Reporting starts",
            "Reporting ends",
        ]
    )
    ws.append(["Ramadan", "2026-03-01", 12.5, 1000, 20, "2026-03-01", "2026-03-31"])
    ws.append(["Ramadan", "2026-03-02", 7.25, 800, 11, "2026-03-01", "2026-03-31"])
    buf = io.BytesIO()
    wb.save(buf)
    (t,) = read_file(buf.getvalue(), "ads.xlsx", today=TODAY).tables
    d = t.data
    assert (t.rows, set(d["currency"]), set(d["level"])) == (2, {"USD"}, {"campaign"})
    assert list(d["date_start"]) == [pd.Timestamp("2026-03-01"), pd.Timestamp("2026-03-02")]
    assert list(d["date_end"]) == list(d["date_start"])  # per-day rows
    assert d["spend"].sum() == pytest.approx(19.75)


def test_no_currency_anywhere_is_left_missing() -> None:
    text = '"Reporting starts","Reporting ends","Campaign name",Impressions\n2026-01-01,2026-01-31,A,10\n'
    (t,) = read_file(text.encode(), "a.csv", today=TODAY).tables
    assert t.data["currency"].isna().all()
    assert any("currency" in w for w in t.warnings)
