"""Small export files written in the tests, in the layouts the readers know.

``instagram_csv`` writes a Meta Business Suite post export (the header of the real file in
``shared/real_exports/instagram``); ``tiktok_overview_csv`` a TikTok Studio Overview. A value of
``None`` leaves the cell empty (a missing value, not 0).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

TODAY = dt.date(2026, 11, 22)
REAL_EXPORTS = Path(__file__).resolve().parents[2].parent / "shared" / "real_exports"

INSTAGRAM_HEADER = (
    "Post ID",
    "Account ID",
    "Account username",
    "Account name",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Permalink",
    "Post type",
    "Data comment",
    "Date",
    "Views",
    "Reach",
    "Likes",
    "Shares",
    "Follows",
    "Comments",
    "Saves",
)


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def instagram_csv(
    posts: Sequence[tuple[str, int | None, int | None]],
    account: str = "kopinusantara",
    caption: str = "Kopi pagi ☕",
    bad_likes_for: str | None = None,
) -> bytes:
    """An Instagram post export: one row per ``(post_id, reach, likes)``.

    ``bad_likes_for`` names a post whose Likes cell holds text the reader must reject.
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(INSTAGRAM_HEADER)
    for post_id, reach, likes in posts:
        like_cell = "lots" if post_id == bad_likes_for else _cell(likes)
        w.writerow(
            [
                post_id,
                "17841400000000001",
                account,
                "Kopi Nusantara",
                f"{caption} {post_id}",
                "12",
                "05/26/2026 10:23",
                f"https://www.instagram.com/p/{post_id}/",
                "IG reel",
                "",
                "Lifetime",
                "1000",
                _cell(reach),
                like_cell,
                "3",
                "0",
                "4",
                "5",
            ]
        )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def tiktok_overview_csv(days: Sequence[tuple[str, int]]) -> bytes:
    """A TikTok Studio Overview export: one row per ``(day such as "March 1", video views)``."""
    lines = ['"Date","Video Views","Profile Views","Likes","Comments","Shares"']
    lines += [f'"{day}","{views}","0","1","0","0"' for day, views in days]
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


def zip_of(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def real_export_paths() -> list[Path]:
    """Every real export beside the repository (empty when ``shared/`` is absent)."""
    if not REAL_EXPORTS.is_dir():
        return []
    return sorted(p for p in REAL_EXPORTS.rglob("*") if p.is_file())
