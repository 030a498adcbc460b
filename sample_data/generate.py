"""Write the sample workspace: every export in its platform's own format, the plan and targets.

Usage::

    python -m sample_data.generate            # (re)write sample_data/workspace/
    python -m sample_data.generate --out DIR  # write somewhere else
    python -m sample_data.generate --check    # exit 1, naming the files that differ

The output depends only on the seed and the constants in :mod:`sample_data.world` (no clock,
no locale), so it is the same byte for byte on every run; the committed files are checked
against a fresh run by ``tests/test_sample_data.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

import sample_data
from sample_data import meta_files, other_files
from sample_data.business import AdRow, ad_rows
from sample_data.formats import Cell, delimited, utf8
from sample_data.planning import PLAN_COLUMNS, TARGET_COLUMNS, plan_rows, target_rows
from sample_data.platforms import simulate_platform
from sample_data.world import END, SNAPSHOT, START, PlatformData

PLATFORMS = ("instagram", "facebook", "tiktok", "x", "linkedin", "youtube")
FIRST_IG_EXPORT = dt.date(2026, 2, 1)  # the day the earlier Instagram export was downloaded
TIKTOK_RANGES = ((START, dt.date(2025, 10, 31)), (dt.date(2025, 11, 1), END))


def plan_csv(data: dict[str, PlatformData]) -> bytes:
    rows: list[Sequence[Cell]] = [PLAN_COLUMNS]
    rows += [r.cells() for r in plan_rows(data)]
    return utf8(delimited(rows, quoting="minimal"))


def targets_csv(data: dict[str, PlatformData], ads: list[AdRow]) -> bytes:
    rows: list[Sequence[Cell]] = [TARGET_COLUMNS]
    rows += target_rows(data, ads, SNAPSHOT)
    return utf8(delimited(rows, quoting="minimal"))


# ---------------------------------------------------------------------------------------------


def _path(fragment: str) -> str:
    """The one export of :data:`sample_data.EXPORTS` whose path contains ``fragment``."""
    found = [rel for rel, _ in sample_data.EXPORTS if fragment in rel]
    if len(found) != 1:
        raise AssertionError(f"{fragment!r} matches {len(found)} exports in sample_data.EXPORTS")
    return found[0]


def build() -> dict[str, bytes]:
    """Every file of the workspace: relative path (POSIX) → bytes."""
    data = {p: simulate_platform(p) for p in PLATFORMS}
    ads = ad_rows()
    ig, fb, x, li = data["instagram"], data["facebook"], data["x"], data["linkedin"]
    out: dict[str, bytes] = {
        _path("May-01-2025_Jan-31-2026"): meta_files.instagram_export(
            ig.posts, START, dt.date(2026, 1, 31), FIRST_IG_EXPORT
        ),
        _path("Jan-01-2026_Oct-31-2026"): meta_files.instagram_export(ig.posts, dt.date(2026, 1, 1), END, SNAPSHOT),
        _path("facebook/"): meta_files.facebook_export(fb.posts, SNAPSHOT),
        **meta_files.meta_insights(ig, fb),
        _path("x/kopisenja_id-2025-05-01-to-2026-10-31.csv"): other_files.x_posts(x),
        _path("-account-overview.csv"): other_files.x_overview(x),
        _path("_content_"): other_files.linkedin_content(li),
        _path("_followers_"): other_files.linkedin_followers(li),
        _path("youtube/"): other_files.youtube_zip(data["youtube"]),
        _path("-Ad-sets-"): meta_files.meta_ads_english(ads, START, dt.date(2025, 12, 31)),
        _path("-Set-iklan-"): meta_files.meta_ads_indonesian(ads, dt.date(2026, 1, 1), END),
        _path("TikTok_Ads_"): other_files.tiktok_ads(ads),
        _path("Pages_and_screens"): other_files.ga4(ads),
    }
    for first, last in TIKTOK_RANGES:
        out[_path(f"tiktok_studio_{first.isoformat()}_{last.isoformat()}")] = other_files.tiktok_studio(
            data["tiktok"], first, last
        )
    names = [rel for rel, _ in sample_data.EXPORTS]
    if sorted(out) != sorted(names):
        raise AssertionError(f"generated exports differ from sample_data.EXPORTS: {sorted(set(out) ^ set(names))}")
    out[sample_data.PLAN] = plan_csv(data)
    out[sample_data.TARGETS] = targets_csv(data, ads)
    return out


def write(out_dir: Path, files: dict[str, bytes], prune: bool = False) -> list[str]:
    """Write ``files`` under ``out_dir``; with ``prune``, delete files there that are not in it."""
    written = []
    for rel, data in sorted(files.items()):
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
            written.append(rel)
    if prune:
        for path in sorted(out_dir.rglob("*")):
            if path.is_file() and path.relative_to(out_dir).as_posix() not in files:
                path.unlink()
    return written


def differences(out_dir: Path, files: dict[str, bytes]) -> list[str]:
    """Files that are missing, different or extra in ``out_dir`` compared with ``files``."""
    diff = [
        rel
        for rel, data in sorted(files.items())
        if not (out_dir / rel).is_file() or (out_dir / rel).read_bytes() != data
    ]
    if out_dir.is_dir():
        extra = [p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*") if p.is_file()]
        diff += sorted(rel for rel in extra if rel not in files)
    return diff


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sample_data.generate", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=None, help="folder to write (default: sample_data/workspace)")
    parser.add_argument("--check", action="store_true", help="compare with the files on disk instead of writing")
    args = parser.parse_args(argv)
    out_dir = args.out or sample_data.WORKSPACE
    files = build()
    if args.check:
        diff = differences(out_dir, files)
        if diff:
            print("These files differ from a fresh generation:", file=sys.stderr)
            for rel in diff:
                print(f"  {rel}", file=sys.stderr)
            return 1
        print(f"{len(files)} files match ({out_dir}).")
        return 0
    written = write(out_dir, files, prune=args.out is None)
    total = sum(len(b) for b in files.values())
    print(f"{len(files)} files, {total / 1e6:.2f} MB in {out_dir} ({len(written)} rewritten).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
