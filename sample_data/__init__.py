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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from smo_metrics.store import ImportResult, Store

__all__ = [
    "WORKSPACE",
    "EXPORTS",
    "ORIGIN",
    "files",
    "plan_path",
    "targets_path",
    "import_accounts",
    "install",
    "remove",
]

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
ORIGIN = "sample"  # the ``origin`` of every import, plan and target the sample brings
SAMPLE_BY = "sample workspace"
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


def install(store: Store) -> list[ImportResult]:
    """Load the sample workspace into ``store``: every export, the plan and the targets.

    Each file goes through the same readers and the same import as a user's upload; the
    imports, plans and targets are marked ``origin="sample"`` so :func:`remove` takes away
    exactly them. Sets the workspace setting ``sample_workspace`` to ``loaded``.
    Returns one result per export (a file already imported is ``duplicate``).
    """
    import pandas as pd

    from smo_metrics.ingest import assign_account, read_file
    from smo_metrics.store import content_hash

    accounts = import_accounts()
    tz = store.setting("tz")
    results = []
    for path in files():
        data = path.read_bytes()
        result = read_file(data, path.name, tz=tz)
        if path in accounts:
            assign_account(result, accounts[path])
        results.append(
            store.import_result(result, content_hash(data), path.name, SAMPLE_BY, size_bytes=len(data), origin=ORIGIN)
        )
    plan = pd.read_csv(plan_path(), dtype=str, keep_default_na=False)
    for row in plan.to_dict("records"):
        store.add_plan(
            row["planned_at"],
            row["platform"],
            post_type=row["format"] or None,
            caption=row["caption"] or None,
            hashtags=row["hashtags"] or None,
            status=row["status"],
            campaign=row["campaign"] or None,
            published_post_id=row["post_id"] or None,
            notes=row["notes"] or None,
            origin=ORIGIN,
        )
    for row in pd.read_csv(targets_path(), dtype=str).to_dict("records"):
        store.add_target(
            row["metric"], row["period"], row["period_start"], float(row["value"]), row["platform"], origin=ORIGIN
        )
    store.set_settings(sample_workspace="loaded", brand_name=store.setting("brand_name") or "Kopi Senja Nusantara")
    return results


def remove(store: Store) -> dict[str, Any]:
    """Remove everything the sample brought (the user's own imports, plans and targets stay).

    Sets ``sample_workspace`` to ``removed`` so the dashboard does not load it again, and clears
    the brand name when it is still the sample's.
    """
    removed = store.delete_origin(ORIGIN)
    changes = {"sample_workspace": "removed"}
    if store.setting("brand_name") == "Kopi Senja Nusantara":
        changes["brand_name"] = ""
    store.set_settings(**changes)
    return removed
