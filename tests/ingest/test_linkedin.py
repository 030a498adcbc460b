"""LinkedIn Page workbooks: the real content export, and small workbooks built here per quirk.

Reference numbers for the real file were computed independently of the reader with ``xlrd``
in a throwaway script: ``wb = xlrd.open_workbook(path)``, ``sh = wb.sheet_by_name(...)``,
``sh.nrows``, and ``sum(sh.cell_value(r, i) for r in range(2, sh.nrows))`` for column ``i``
(found with ``sh.row_values(1).index(header)``; rows 0 and 1 are the description and header).
Numbers for the built workbooks are worked out by hand from the cells written.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import Workbook

from smo_metrics.errors import DataError
from smo_metrics.ingest import read_file
from smo_metrics.ingest.base import FileResult, Table

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real_exports" / "linkedin"
TODAY = dt.date(2026, 11, 22)
# 1766385907708 ms after 1970-01-01 UTC is 2025-12-22 06:45:07 UTC.
STAMP = "1766385907708"
EXPORTED = pd.Timestamp("2025-12-22")

UTC_NOTE = "Engagement metrics for individual posts. All dates and times are in UTC."


def real() -> FileResult:
    path = REAL / "shorthills-ai_content_1766385907708 1.xls"
    if not path.exists():
        pytest.skip(f"real export {path} is not available (the shared sample files are not mounted)")
    return read_file(path, today=TODAY)


def workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    wb = Workbook()
    assert wb.active is not None
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def read(sheets: dict[str, list[list[Any]]], name: str) -> FileResult:
    return read_file(workbook(sheets), name, today=TODAY)


def by_sheet(result: FileResult, sheet: str) -> Table:
    found = [t for t in result.tables if t.source.endswith(f" › {sheet}")]
    assert len(found) == 1, [t.source for t in result.tables]
    return found[0]


def says(table: Table, fragment: str) -> bool:
    return any(fragment.lower() in w.lower() for w in table.warnings)


# -- the real content workbook --------------------------------------------------------------


def test_real_content_workbook_gives_daily_metrics_and_posts():
    result = real()
    assert sorted(t.kind for t in result.tables) == ["account_daily", "posts"]
    for t in result.tables:
        assert (t.platform, t.account, t.assumed_tz) == ("linkedin", "shorthills-ai", "UTC")
        assert t.rejected.empty


def test_real_metrics_sheet():
    t = by_sheet(real(), "Metrics")
    assert (t.kind, t.reader) == ("account_daily", "linkedin_metrics")
    # xlrd: Metrics has nrows 367 = description + header + 365 days, 12/21/2024 .. 12/20/2025.
    assert t.rows == 365
    assert t.date_range() == (dt.date(2024, 12, 21), dt.date(2025, 12, 20))
    totals = t.totals()
    # xlrd: column sums over rows 2..366 of Impressions/Clicks/Reactions/Comments/Reposts (total).
    assert totals["impressions"] == 508103
    assert totals["clicks"] == 154740
    assert totals["likes"] == 8530
    assert totals["comments"] == 329
    assert totals["shares"] == 55
    # The description row says "All dates and times are in UTC": nothing was assumed.
    assert not says(t, "does not state a time zone")
    # Rates and the organic/sponsored split stay as unmapped columns, as given.
    assert "Engagement rate (total)" in t.unmapped_columns
    assert "Impressions (organic)" in t.unmapped_columns
    # xlrd: row 2 is 12/21/2024 with Engagement rate (total) 0.2799325463743676.
    assert t.data["Engagement rate (total)"][0] == pytest.approx(0.2799325463743676)


def test_real_all_posts_sheet():
    t = by_sheet(real(), "All posts")
    assert (t.kind, t.reader) == ("posts", "linkedin_posts")
    # xlrd: All posts has nrows 170 = description + header + 168 posts, 168 distinct links.
    assert t.rows == 168
    assert t.data["post_id"].is_unique
    assert t.data["post_id"].str.fullmatch(r"urn:li:activity:\d+").all()
    # xlrd: row 2's link ends in urn:li:activity:7407682070921207808, Created date 12/19/2025.
    first = t.data.iloc[0]
    assert first["post_id"] == "urn:li:activity:7407682070921207808"
    assert first["published_at"] == pd.Timestamp("2025-12-19", tz="UTC")
    assert first["published_date"] == pd.Timestamp("2025-12-19")
    assert not t.data["time_known"].any()
    assert first["caption"].startswith("Stories travel further when the work connects.")
    # xlrd: earliest and latest Created date are 12/24/2024 and 12/19/2025.
    assert t.date_range() == (dt.date(2024, 12, 24), dt.date(2025, 12, 19))
    totals = t.totals()
    # xlrd: sums of Impressions, Clicks, Likes, Comments, Reposts over rows 2..169; Views has
    # 157 empty cells (missing, not 0) and the other 11 sum to 12730.
    assert totals["impressions"] == 416917
    assert totals["clicks"] == 149766
    assert totals["likes"] == 8352
    assert totals["comments"] == 330
    assert totals["shares"] == 287
    assert totals["views"] == 12730
    assert t.data["views"].isna().sum() == 157
    assert t.data["follows"].isna().all()
    # xlrd: Content Type is "Video" in 11 rows and empty in 157.
    assert (t.data["post_type"] == "video").sum() == 11
    assert t.data["post_type"].isna().sum() == 157
    # Post type (Organic/Sponsored) and the rates stay unmapped, as given.
    assert set(t.data["Post type"]) == {"Organic"}
    assert t.data["Click through rate (CTR)"][0] == pytest.approx(1.8744113445281982)
    assert says(t, "lifetime totals as of the export (2025-12-22")


# -- content workbook quirks ----------------------------------------------------------------

POST_HEADER = [
    "Post title",
    "Post link",
    "Post type",
    "Campaign name",
    "Posted by",
    "Created date",
    "Impressions",
    "Views",
    "Clicks",
    "Click through rate (CTR)",
    "Likes",
    "Comments",
    "Reposts",
    "Follows",
    "Engagement rate",
    "Content Type",
]


def post(title: str, link: str | None, kind: str, created: str, content: str, impressions: int) -> list[Any]:
    return [title, link, kind, "", "Ann", created, impressions, "", 5, 1.25, 3, 1, 0, "", 2.5, content]


def content_workbook() -> FileResult:
    return read(
        {
            "Metrics": [
                ["Aggregated engagement metrics. All dates and times are in UTC."],
                ["Date", "Impressions (organic)", "Impressions (total)", "Clicks (total)", "Reactions (total)"],
                ["12/30/2025", 90, 100, 7, 2],
                ["12/31/2025", 45, 50, "", 1],
                ["", 1, 1, 1, 1],
                ["31/12/2025", 1, 1, 1, 1],
            ],
            "All posts": [
                [UTC_NOTE],
                POST_HEADER,
                post(
                    "Hello",
                    "https://www.linkedin.com/feed/update/urn:li:activity:111",
                    "Organic",
                    "12/19/2025",
                    "Video",
                    100,
                ),
                post(
                    "Promo",
                    "https://www.linkedin.com/feed/update/urn:li:ugcPost:222/",
                    "Sponsored",
                    "12/20/2025",
                    "Image",
                    50,
                ),
                post(
                    "Enc",
                    "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A333",
                    "Organic",
                    "12/21/2025",
                    "",
                    20,
                ),
                post("Article", "https://www.linkedin.com/pulse/our-year-acme", "Organic", "12/22/2025", "Article", 10),
                post("No link", None, "Organic", "12/23/2025", "Text", 5),
            ],
        },
        f"acme-corp_content_{STAMP}.xlsx",
    )


def test_description_row_above_header_is_not_data():
    t = by_sheet(content_workbook(), "Metrics")
    # Rows 3 and 4 are days; row 5 has no date, row 6 is DD/MM (not LinkedIn's MM/DD).
    assert t.rows == 2
    assert list(t.data["date"]) == [pd.Timestamp("2025-12-30"), pd.Timestamp("2025-12-31")]
    assert list(t.data["impressions"]) == [100, 50]
    # An empty Clicks cell is missing, not 0.
    assert t.data["clicks"][0] == 7 and pd.isna(t.data["clicks"][1])
    assert list(t.rejected["line"]) == [5, 6]
    assert t.rejected["reason"][0] == "no date"
    assert "'31/12/2025' is not a date we can read" in t.rejected["reason"][1]
    assert (t.account, t.assumed_tz) == ("acme-corp", "UTC")
    assert not says(t, "does not state a time zone")


def test_exports_before_the_repost_rename_say_shares():
    result = read(
        {
            "Metrics": [
                ["Date", "Impressions (total)", "Shares (total)"],
                ["03/01/2023", 10, 2],
            ]
        },
        "acme-corp_content_old.xlsx",
    )
    t = by_sheet(result, "Metrics")
    assert list(t.data["shares"]) == [2]


def test_post_ids_from_activity_ugcpost_and_encoded_urns():
    t = by_sheet(content_workbook(), "All posts")
    assert t.rows == 4
    assert list(t.data["post_id"]) == [
        "urn:li:activity:111",
        "urn:li:ugcPost:222",
        "urn:li:share:333",
        "https://www.linkedin.com/pulse/our-year-acme",  # no urn: the link is the id
    ]
    assert says(t, "1 post links hold no urn:li id")
    # The row without a link cannot be identified (sheet row 7).
    assert list(t.rejected["line"]) == [7]
    assert t.rejected["reason"][0] == "no post link"
    assert list(t.data["caption"]) == ["Hello", "Promo", "Enc", "Article"]


def test_post_dates_types_and_unmapped_columns():
    t = by_sheet(content_workbook(), "All posts")
    assert list(t.data["published_at"]) == [
        pd.Timestamp("2025-12-19", tz="UTC"),
        pd.Timestamp("2025-12-20", tz="UTC"),
        pd.Timestamp("2025-12-21", tz="UTC"),
        pd.Timestamp("2025-12-22", tz="UTC"),
    ]
    assert list(t.data["published_date"]) == [pd.Timestamp(f"2025-12-{d}") for d in (19, 20, 21, 22)]
    assert not t.data["time_known"].any()
    assert t.data["post_type"].tolist()[:2] == ["video", "image"]
    assert pd.isna(t.data["post_type"][2]) and t.data["post_type"][3] == "article"
    assert list(t.data["Post type"]) == ["Organic", "Sponsored", "Organic", "Organic"]
    # Rates stay as written: 1.25 and 2.5 (fractions above 1), not rescaled.
    assert (t.data["Click through rate (CTR)"] == 1.25).all()
    assert (t.data["Engagement rate"] == 2.5).all()
    assert t.data["views"].isna().all() and t.data["follows"].isna().all()
    assert t.totals()["impressions"] == 100 + 50 + 20 + 10


# -- followers workbook ---------------------------------------------------------------------


def followers_workbook(name: str = f"acme-corp_followers_{STAMP}.xlsx") -> FileResult:
    return read(
        {
            "New followers": [
                ["Date", "Sponsored followers", "Organic followers", "Auto-invited followers", "Total followers"],
                ["12/01/2025", 0, 3, 1, 4],
                ["12/02/2025", 1, 2, 0, 3],
                ["12/03/2025", "", "", "", ""],
            ],
            "Location": [
                ["Location", "Total followers"],
                ["Noida, Uttar Pradesh, India", 120],
                ["Bengaluru, Karnataka, India", 80],
            ],
            "Seniority": [["Seniority", "Total followers"], ["Senior", 50], ["Entry", 30], ["", 9]],
            "Job function": [["Function", "Total followers"], ["Engineering", 70]],
            "Notes": [["Exported by Ann for the Q4 review"]],
        },
        name,
    )


def test_new_followers_are_followers_gained():
    result = followers_workbook()
    t = by_sheet(result, "New followers")
    assert (t.kind, t.reader, t.account) == ("account_daily", "linkedin_followers", "acme-corp")
    # "Total followers" on this sheet is the day's new followers: 4 and 3; an empty day is missing.
    assert t.data["followers_gained"].tolist()[:2] == [4, 3]
    assert pd.isna(t.data["followers_gained"][2])
    assert t.data["followers"].isna().all()
    assert "Organic followers" in t.unmapped_columns
    # No description row states the zone: UTC is assumed and said.
    assert t.assumed_tz == "UTC"
    assert says(t, "does not state a time zone; its dates are read as UTC")


def test_demographic_sheets_are_audience_counts_as_of_export_time():
    result = followers_workbook()
    loc = by_sheet(result, "Location")
    assert (loc.kind, loc.reader) == ("audience", "linkedin_audience")
    assert list(loc.data["segment"]) == ["Noida, Uttar Pradesh, India", "Bengaluru, Karnataka, India"]
    assert list(loc.data["value"]) == [120, 80]
    assert set(loc.data["dimension"]) == {"city"}
    assert set(loc.data["population"]) == {"followers"}
    assert set(loc.data["unit"]) == {"count"}
    assert loc.data["gender"].isna().all()
    assert (loc.data["as_of"] == EXPORTED).all()
    assert says(loc, "export time in the file name (2025-12-22, UTC) is used as their as_of")
    sen = by_sheet(result, "Seniority")
    assert list(sen.data["segment"]) == ["Senior", "Entry"] and set(sen.data["dimension"]) == {"seniority"}
    # A count without a segment name goes to rejected (sheet row 4).
    assert list(sen.rejected["line"]) == [4] and sen.rejected["reason"][0] == "no segment name"
    # The older header "Function" is the job function breakdown.
    job = by_sheet(result, "Job function")
    assert set(job.data["dimension"]) == {"job_function"} and job.data["value"].tolist() == [70]


def test_unknown_sheet_is_named_in_a_warning():
    result = followers_workbook()
    assert len(result.tables) == 4
    for t in result.tables:
        assert says(t, "Sheets not read (not a LinkedIn layout we know): 'Notes'")


def test_no_export_time_in_name_leaves_as_of_empty():
    loc = by_sheet(followers_workbook("acme-corp_followers_export.xlsx"), "Location")
    assert loc.data["as_of"].isna().all()
    assert says(loc, "file name holds no export time; as_of is left empty")


def test_file_name_without_page_leaves_account_empty():
    t = by_sheet(followers_workbook("followers.xlsx"), "New followers")
    assert t.account is None and t.data["account"].isna().all()
    assert says(t, "does not name the LinkedIn page")


# -- visitors workbook ----------------------------------------------------------------------


def test_visitors_workbook():
    result = read(
        {
            "Visitor metrics": [
                [
                    "Date",
                    "Overview page views (desktop)",
                    "Overview page views (mobile)",
                    "Overview page views (total)",
                    "Total page views (desktop)",
                    "Total page views (mobile)",
                    "Total page views (total)",
                    "Total unique visitors (desktop)",
                    "Total unique visitors (mobile)",
                    "Total unique visitors (total)",
                ],
                ["11/30/2025", 3, 4, 7, 10, 5, 15, 4, 2, 6],
                ["12/01/2025", 1, 1, 2, 2, 1, 3, 1, 1, 2],
            ],
            "Industry": [
                ["Industry", "Total views"],
                ["IT Services and IT Consulting", 40],
                ["Software Development", 25],
            ],
            "Company size": [["Company size", "Total views"], ["51-200", 12]],
        },
        f"acme-corp_visitors_{STAMP}.xls",
    )
    daily = by_sheet(result, "Visitor metrics")
    assert (daily.kind, daily.reader) == ("account_daily", "linkedin_visitors")
    assert list(daily.data["views"]) == [15, 3]
    assert list(daily.data["viewers"]) == [6, 2]
    assert list(daily.data["date"]) == [pd.Timestamp("2025-11-30"), pd.Timestamp("2025-12-01")]
    ind = by_sheet(result, "Industry")
    assert set(ind.data["population"]) == {"visitors"} and set(ind.data["dimension"]) == {"industry"}
    assert ind.totals() == {"value": 65}
    size = by_sheet(result, "Company size")
    assert set(size.data["dimension"]) == {"company_size"} and list(size.data["segment"]) == ["51-200"]


def test_workbook_without_linkedin_sheets_is_not_read():
    with pytest.raises(DataError, match="not an export we recognise"):
        read({"Sheet1": [["Name", "Score"], ["a", 1]]}, f"acme-corp_content_{STAMP}.xlsx")
