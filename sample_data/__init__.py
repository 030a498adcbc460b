"""The sample workspace: 18 months of a fictional Indonesian brand, as real export files.

Kopi Senja Nusantara (a made-up coffee-and-snacks chain) on Instagram, Facebook, TikTok, X,
LinkedIn and YouTube, with Meta and TikTok ads in IDR and GA4 pages, from 1 May 2025 to
31 October 2026, plus a content plan and monthly targets. Every export is written in its
platform's own format (encodings, quoting, date forms, preambles), so it goes through the same
readers as a user's files. ``python -m sample_data.generate`` rewrites them from a fixed seed;
see ``sample_data/README.md``.

Use :func:`files` for the exports (in the order to import them: an older export of the same
posts comes before the newer one, so the newest wins), :func:`plan_path` and
:func:`targets_path` for the workspace data, and :func:`import_accounts` for the account a
user would give when importing a file that does not name one.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["WORKSPACE", "EXPORTS", "files", "plan_path", "targets_path", "import_accounts"]

WORKSPACE = Path(__file__).resolve().parent / "workspace"

_IG = "kopisenja.id"
_PAGE = "Kopi Senja Nusantara"

# (path under workspace/, the account to set at import when the file does not name one)
EXPORTS: tuple[tuple[str, str | None], ...] = (
    ("exports/instagram/May-01-2025_Jan-31-2026_17841452863010427.csv", None),
    ("exports/instagram/Jan-01-2026_Oct-31-2026_17841452863010427.csv", None),
    ("exports/facebook/May-01-2025_Oct-31-2026_104578293016254.csv", None),
    ("exports/meta_insights/Reach.csv", _IG),
    ("exports/meta_insights/Views.csv", _IG),
    ("exports/meta_insights/Follows.csv", _IG),
    ("exports/meta_insights/Visits.csv", _IG),
    ("exports/meta_insights/Interactions.csv", _IG),
    ("exports/meta_insights/Link clicks.csv", _IG),
    ("exports/meta_insights/Audience.csv", _IG),
    ("exports/meta_insights/Reach (1).csv", _PAGE),
    ("exports/meta_insights/Views (1).csv", _PAGE),
    ("exports/meta_insights/Follows (1).csv", _PAGE),
    ("exports/meta_insights/Visits (1).csv", _PAGE),
    ("exports/meta_insights/Audience (1).csv", _PAGE),
    ("exports/tiktok/tiktok_studio_2025-05-01_2025-10-31.zip", None),
    ("exports/tiktok/tiktok_studio_2025-11-01_2026-10-31.zip", None),
    ("exports/x/kopisenja_id-2025-05-01-to-2026-10-31.csv", None),
    ("exports/x/kopisenja_id-2025-05-01-to-2026-10-31-account-overview.csv", None),
    ("exports/linkedin/kopi-senja-nusantara_content_1793499248000.xlsx", None),
    ("exports/linkedin/kopi-senja-nusantara_followers_1793499401000.xlsx", None),
    ("exports/youtube/Content 2025-05-01_2026-10-31 Kopi Senja Nusantara.zip", _PAGE),
    ("exports/ads/Kopi-Senja-Nusantara-Ad-sets-May-1-2025-Dec-31-2025.csv", None),
    ("exports/ads/Kopi-Senja-Nusantara-Set-iklan-1-Jan-2026-31-Okt-2026.csv", None),
    ("exports/ads/TikTok_Ads_Kopi_Senja_Nusantara_Ad_20251101_20261031.csv", _PAGE),
    ("exports/web/Pages_and_screens_Page_path_and_screen_class.csv", None),
)
PLAN = "plan.csv"
TARGETS = "targets.csv"


def files() -> list[Path]:
    """The export files of the sample workspace, oldest export first."""
    return [WORKSPACE / rel for rel, _ in EXPORTS]


def plan_path() -> Path:
    """The content plan (``plan.csv``; columns in ``sample_data/README.md``)."""
    return WORKSPACE / PLAN


def targets_path() -> Path:
    """The monthly targets (``targets.csv``; columns in ``sample_data/README.md``)."""
    return WORKSPACE / TARGETS


def import_accounts() -> dict[Path, str]:
    """The account a user names when importing the exports that do not say whose they are.

    Meta Business Suite Insights files, YouTube Studio and TikTok Ads Manager exports carry no
    account; the readers leave it empty and ask for it at import.
    """
    return {WORKSPACE / rel: account for rel, account in EXPORTS if account is not None}
