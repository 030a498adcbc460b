"""The sample workspace: reproducible byte for byte, read by the same readers as user files, and
showing the patterns it is meant to show (checked through the library, not the generator)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

import sample_data
from sample_data import generate
from smo_metrics import abtest, engagement, timing
from smo_metrics.ingest import FileResult, read_file
from smo_metrics.tables import gather
from smo_metrics.targets import Target

TODAY = dt.date(2026, 11, 22)  # after the snapshot; TikTok years come from the file names anyway
YOUTUBE_TOTAL = "total row: a channel total, not a video"


@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    return generate.build()


@pytest.fixture(scope="module")
def results() -> list[FileResult]:
    return [read_file(path, today=TODAY) for path in sample_data.files()]


@pytest.fixture(scope="module")
def tables(results: list[FileResult]) -> dict[str, pd.DataFrame]:
    return gather(results)


def _committed() -> list[str]:
    root = sample_data.WORKSPACE
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


# -- reproducibility ---------------------------------------------------------------------------


def test_regenerating_gives_the_committed_files_byte_for_byte(built: dict[str, bytes], tmp_path: Path) -> None:
    generate.write(tmp_path, built)
    assert _committed() == sorted(built)
    for rel in built:
        assert (tmp_path / rel).read_bytes() == (sample_data.WORKSPACE / rel).read_bytes(), rel


def test_check_mode_names_the_differing_files(built: dict[str, bytes], tmp_path: Path) -> None:
    generate.write(tmp_path, built)
    assert generate.differences(tmp_path, built) == []
    target = tmp_path / "targets.csv"
    target.write_bytes(target.read_bytes() + b"\n")
    (tmp_path / "stray.csv").write_text("x\n")
    assert generate.differences(tmp_path, built) == ["targets.csv", "stray.csv"]


def test_the_workspace_stays_small() -> None:
    total = sum((sample_data.WORKSPACE / rel).stat().st_size for rel in _committed())
    assert total < 3_000_000


def test_files_lists_every_export_once_in_import_order() -> None:
    paths = sample_data.files()
    assert len(set(paths)) == len(paths) == len(sample_data.EXPORTS)
    assert all(p.is_file() for p in paths)
    names = [p.name for p in paths]
    assert len(set(names)) == len(names)  # unique names: safe for a store keyed by file name
    # the earlier Instagram export comes first, so the later one wins where they overlap
    assert names[0].startswith("May-01-2025_Jan-31-2026") and names[1].startswith("Jan-01-2026_Oct-31-2026")
    assert sample_data.plan_path().is_file() and sample_data.targets_path().is_file()
    assert set(sample_data.import_accounts()) <= set(paths)


# -- every export goes through the readers ------------------------------------------------------


def test_every_export_reads_without_rejected_rows(results: list[FileResult]) -> None:
    for res in results:
        assert res.tables, res.file
        for t in res.tables:
            reasons = set(t.rejected["reason"].astype(str))
            if reasons:
                # YouTube's Total line is the channel total: the reader lists it as rejected by design.
                assert t.platform == "youtube" and reasons == {YOUTUBE_TOTAL} and len(t.rejected) == 1, res.file
            assert t.rows > 0, (res.file, t.kind)


def test_exports_give_the_expected_platforms_and_kinds(results: list[FileResult]) -> None:
    found = {(t.kind, t.platform) for res in results for t in res.tables}
    posts = {("posts", p) for p in ("instagram", "facebook", "tiktok", "x", "linkedin", "youtube")}
    daily = {("account_daily", p) for p in ("instagram", "facebook", "tiktok", "x", "linkedin", "youtube")}
    other = {
        ("audience", "meta"),
        ("audience", "tiktok"),
        ("audience", "linkedin"),
        ("follower_activity", "tiktok"),
        ("ads", "meta"),
        ("ads", "tiktok"),
        ("web", "google_analytics"),
    }
    assert found == posts | daily | other


def test_accounts_are_named_where_the_exports_name_them(tables: dict[str, pd.DataFrame]) -> None:
    posts = tables["posts"]
    accounts = {p: set(g["account"].dropna()) for p, g in posts.groupby("platform")}
    assert accounts["instagram"] == {"kopisenja.id"}
    assert accounts["tiktok"] == {"kopisenja.id"}  # from the video links, shared with the zip's other files
    assert accounts["x"] == {"kopisenja_id"}
    assert accounts["facebook"] == {"Kopi Senja Nusantara"}
    assert accounts["linkedin"] == {"kopi-senja-nusantara"}
    activity = tables["follower_activity"]
    assert set(activity["account"]) == {"kopisenja.id"}


def test_ads_are_in_rupiah(tables: dict[str, pd.DataFrame]) -> None:
    ads = tables["ads"]
    assert set(ads["platform"]) == {"meta", "tiktok"}
    assert set(ads["currency"]) == {"IDR"}
    # the Indonesian export (1.250.000; 1,44) reads as the same scale as the English one
    meta = ads[ads["platform"] == "meta"]
    daily = meta[meta["ad_set"] == "AO — Awareness Jabodetabek"].set_index("date_start")["spend"]
    assert daily.between(400_000, 520_000).all()
    assert daily.index.min() == pd.Timestamp("2025-05-01") and daily.index.max() == pd.Timestamp("2026-10-31")


# -- patterns, through the library --------------------------------------------------------------


def test_instagram_reels_engage_more_than_images(tables: dict[str, pd.DataFrame]) -> None:
    by_type = engagement.by_group(tables["posts"], ["platform", "post_type"]).set_index(["platform", "post_type"])
    rate = by_type["engagement_rate_by_reach"]
    assert rate[("instagram", "reel")] > 1.3 * rate[("instagram", "image")]
    assert rate[("instagram", "carousel")] > rate[("instagram", "image")]


def test_instagram_views_are_at_least_reach(tables: dict[str, pd.DataFrame]) -> None:
    ig = tables["posts"][tables["posts"]["platform"] == "instagram"]
    assert (ig["views"] >= ig["reach"]).all()
    assert ig["post_id"].is_unique


def test_instagram_prime_time_is_lunch_or_evening(tables: dict[str, pd.DataFrame]) -> None:
    ig = tables["posts"][tables["posts"]["platform"] == "instagram"]
    best = timing.best_slots(timing.prime_time_grid(ig), n=3)
    assert len(best) == 3
    assert all(h in (11, 12, 13) or 18 <= h <= 22 for h in best["hour"]), best["slot"].tolist()


def test_the_harbolnas_ab_test_is_clear_and_well_split(tables: dict[str, pd.DataFrame]) -> None:
    ads = tables["ads"]
    arms = []
    for name in ("12.12 — Video A", "12.12 — Carousel B"):
        rows = ads[ads["ad_set"] == name]
        assert len(rows) == 12
        arms.append(abtest.ProportionArm(int(rows["link_clicks"].sum()), int(rows["impressions"].sum())))
    result = abtest.compare_proportions(*arms)
    assert result.significant and result.rate_b > result.rate_a
    assert 0.1 < result.lift_rel < 0.4  # clear, not absurd
    assert not result.srm_flag


def test_ads_spend_peaks_in_the_harbolnas_month(tables: dict[str, pd.DataFrame]) -> None:
    ads = tables["ads"]
    monthly = ads.groupby(ads["date_start"].dt.to_period("M"))["spend"].sum()
    assert str(monthly.idxmax()) == "2025-12"
    assert monthly.max() > 1.2 * monthly.drop(monthly.idxmax()).max()


def test_followers_are_cumulative_and_jump_in_campaigns(results: list[FileResult]) -> None:
    history = pd.concat(
        [
            t.data
            for res in results
            for t in res.tables
            if t.reader == "tiktok_studio_followers" and t.kind == "account_daily"
        ]
    ).sort_values("date")
    assert len(history) == 549 and history["date"].is_unique
    steps = history["followers"].diff().iloc[1:]
    assert (steps == history["followers_net"].iloc[1:]).all()
    assert history["followers"].iloc[-1] > 5 * history["followers"].iloc[0]  # a growing TikTok account
    follows = next(t.data for res in results for t in res.tables if res.file == "Follows.csv")
    days = follows.set_index("date")["followers_gained"]
    harbolnas = days["2025-12-01":"2025-12-12"].mean()
    before = days["2025-11-13":"2025-11-30"].mean()
    assert harbolnas > 1.5 * before


def test_the_later_instagram_export_shows_grown_lifetime_totals(results: list[FileResult]) -> None:
    early, late = (results[0].tables[0].data, results[1].tables[0].data)
    both = early.merge(late, on="post_id", suffixes=("_early", "_late"))
    assert 10 < len(both) < 80  # the January 2026 overlap
    assert (both["views_late"] >= both["views_early"]).all()
    assert (both["views_late"] > both["views_early"]).any()


def test_audiences_are_concentrated_in_the_big_indonesian_cities(tables: dict[str, pd.DataFrame]) -> None:
    aud = tables["audience"]
    cities = aud[(aud["platform"] == "meta") & (aud["dimension"] == "city")]
    top = cities.sort_values("value", ascending=False).drop_duplicates("segment")["segment"].head(4)
    assert {c.split(",")[0] for c in top} == {"Jakarta", "Surabaya", "Bandung", "Medan"}
    territory = aud[(aud["platform"] == "tiktok") & (aud["dimension"] == "territory") & (aud["segment"] == "ID")]
    assert (territory["value"] > 0.9).all() and len(territory) == 2  # two snapshots


# -- plan and targets ---------------------------------------------------------------------------


def test_the_plan_mixes_published_missed_and_coming_posts(tables: dict[str, pd.DataFrame]) -> None:
    plan = pd.read_csv(sample_data.plan_path(), dtype=str, keep_default_na=False)
    assert list(plan.columns) == [
        "planned_at",
        "platform",
        "format",
        "campaign",
        "caption",
        "hashtags",
        "status",
        "post_id",
        "notes",
    ]
    at = pd.to_datetime(plan["planned_at"], format="ISO8601")
    assert str(at.dt.tz) == "UTC+07:00"
    past = at < pd.Timestamp("2026-11-01", tz="Asia/Jakarta")
    assert set(plan.loc[~past, "status"]) == {"planned"}
    assert set(plan.loc[past, "status"]) == {"published", "planned", "cancelled"}
    published = plan[plan["status"] == "published"]
    known = set(tables["posts"]["post_id"])
    assert set(published["post_id"]) <= known
    assert (plan.loc[plan["status"] != "published", "post_id"] == "").all()
    assert {"Promo 11.11 2026", "Harbolnas 12.12 2026"} <= set(plan["campaign"])


def test_targets_are_valid_monthly_targets() -> None:
    rows = pd.read_csv(sample_data.targets_path(), dtype={"value": float})
    assert list(rows.columns) == ["metric", "platform", "period", "period_start", "value"]
    targets = [
        Target(r.metric, r.period, dt.date.fromisoformat(r.period_start), r.value, r.platform)
        for r in rows.itertuples()
    ]
    assert {t.period for t in targets} == {"month"}
    assert len({(t.metric, t.platform, t.period_start) for t in targets}) == len(targets)
    months = sorted({t.period_start for t in targets})
    assert months[0] == dt.date(2026, 1, 1) and months[-1] == dt.date(2026, 12, 1)
