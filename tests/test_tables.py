"""Gathering tables from several files: newest file wins per natural key."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from smo_metrics import schema
from smo_metrics.ingest import FileResult
from smo_metrics.ingest.base import Table, empty_rejected
from smo_metrics.tables import between, gather


def result(kind: str, rows: dict) -> FileResult:
    data = schema.conform(kind, pd.DataFrame(rows))
    t = Table(kind, "instagram", "kopi", data, empty_rejected(), [], [], "f.csv", "test")
    return FileResult("f.csv", [t])


def posts(ids: list[str], likes: list[float]) -> FileResult:
    n = len(ids)
    return result(
        "posts",
        {
            "platform": ["instagram"] * n,
            "account": ["kopi"] * n,
            "post_id": ids,
            "likes": likes,
            "published_date": pd.to_datetime(["2026-01-05"] * n),
        },
    )


def test_newest_file_wins_and_nothing_else_is_lost() -> None:
    # March export (1, 2) then a quarterly export (2, 3): post 2 takes the later file's value.
    g = gather([posts(["1", "2"], [10, 20]), posts(["2", "3"], [25, 30])])["posts"]
    assert sorted(zip(g["post_id"], g["likes"], strict=True)) == [("1", 10), ("2", 25), ("3", 30)]


def test_files_describing_different_columns_of_one_row_are_merged() -> None:
    # TikTok Overview (views) and FollowerHistory (followers) for the same day of one account.
    def day(col: str, value: float) -> FileResult:
        return result(
            "account_daily",
            {"platform": ["tiktok"], "account": [None], "date": pd.to_datetime(["2026-02-01"]), col: [value]},
        )

    g = gather([day("followers", 5013), day("views", 18237), day("followers", 5020)])["account_daily"]
    assert len(g) == 1
    assert (g.loc[0, "followers"], g.loc[0, "views"]) == (5020, 18237)  # newest known value per column


def test_repeated_keys_within_one_file_are_kept() -> None:
    g = gather([posts(["1", "1"], [10, 11])])["posts"]
    assert len(g) == 2


def test_every_kind_present_and_between() -> None:
    g = gather([posts(["1"], [1])])
    assert set(g) == set(schema.KINDS) and g["ads"].empty
    p = g["posts"]
    assert len(between(p, "posts", dt.date(2026, 1, 5), dt.date(2026, 1, 5))) == 1
    assert len(between(p, "posts", dt.date(2026, 1, 6), None)) == 0
    ads = schema.conform(
        "ads",
        pd.DataFrame(
            {
                "date_start": pd.to_datetime(["2026-01-01", "2026-01-20"]),
                "date_end": pd.to_datetime(["2026-01-31", "2026-01-20"]),
            }
        ),
    )
    # Only rows whose whole reporting range lies inside count.
    assert len(between(ads, "ads", dt.date(2026, 1, 10), dt.date(2026, 1, 31))) == 1


def test_tables_of_one_zip_merge_too() -> None:
    # TikTok Overview and FollowerHistory arrive as two members of one zip: one FileResult.
    def day(col: str, value: float) -> Table:
        data = schema.conform(
            "account_daily",
            pd.DataFrame(
                {"platform": ["tiktok"], "account": [None], "date": pd.to_datetime(["2026-02-01"]), col: [value]}
            ),
        )
        return Table("account_daily", "tiktok", None, data, empty_rejected(), [], [], "z.zip", "test")

    g = gather([FileResult("z.zip", [day("views", 10), day("followers", 500)])])["account_daily"]
    assert len(g) == 1 and (g.loc[0, "views"], g.loc[0, "followers"]) == (10, 500)
