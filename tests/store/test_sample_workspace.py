"""The sample workspace in the store: loaded through the same import as uploads, removable in one
click without touching the user's own data."""

from __future__ import annotations

import pandas as pd

import sample_data
from smo_metrics.ingest import assign_account, read_file
from smo_metrics.tables import gather
from tests.store._exports import TODAY, instagram_csv


def _sample_tables() -> dict[str, pd.DataFrame]:
    accounts = sample_data.import_accounts()
    results = []
    for path in sample_data.files():
        result = read_file(path)
        if path in accounts:
            assign_account(result, accounts[path])
        results.append(result)
    return gather(results)


def _sorted(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    from smo_metrics import schema

    key = [c for c in schema.NATURAL_KEYS[kind] if c in frame.columns]
    return frame.sort_values(key, ignore_index=True)


def test_install_imports_every_export_plan_and_target_marked_as_sample(store):
    results = sample_data.install(store)
    assert [r.status for r in results] == ["imported"] * len(sample_data.files())
    imports = store.imports()
    assert len(imports) == len(sample_data.files())
    assert set(imports["origin"]) == {sample_data.ORIGIN}
    assert len(store.plans()) == len(pd.read_csv(sample_data.plan_path()))
    assert len(store.targets()) == len(pd.read_csv(sample_data.targets_path()))
    assert set(store.plans()["origin"]) == {"sample"} and set(store.targets()["origin"]) == {"sample"}
    assert store.setting("sample_workspace") == "loaded"
    assert store.setting("brand_name") == "Kopi Senja Nusantara"

    # The store's tables are the files read side by side, accounts named as a user would.
    expected = _sample_tables()
    loaded = store.load()
    for kind, frame in expected.items():
        pd.testing.assert_frame_equal(_sorted(loaded[kind], kind), _sorted(frame, kind), check_like=False)
    assert loaded["posts"]["account"].notna().all()
    assert loaded["account_daily"]["account"].notna().all()


def test_installing_twice_changes_nothing(store):
    sample_data.install(store)
    version = store.version()
    posts = len(store.load()["posts"])
    again = sample_data.install(store)
    assert {r.status for r in again} == {"duplicate"}
    assert len(store.load()["posts"]) == posts
    assert store.version() > version  # plans/targets are records; the exports did not change
    # Plans and targets are added again only when someone installs twice on purpose: the app
    # installs once, when the workspace is empty.


def test_remove_takes_away_exactly_the_sample_and_keeps_the_users_data(store):
    own = store.import_file(instagram_csv([("999", 100, 10)]), "mine.csv", by="ayu", today=TODAY)
    plan = store.add_plan("2026-12-01 19:00", "instagram", caption="Promo 12.12")
    target = store.add_target("posts", "month", "2026-12-01", 30, "instagram")
    store.set_settings(brand_name="Warung Ayu")
    sample_data.install(store)
    assert store.setting("brand_name") == "Warung Ayu"  # the user's brand name is not replaced
    assert len(store.load()["posts"]) > 1000

    removed = sample_data.remove(store)
    assert removed == {
        "imports": len(sample_data.files()),
        "plans": len(pd.read_csv(sample_data.plan_path())),
        "targets": len(pd.read_csv(sample_data.targets_path())),
    }
    assert list(store.imports()["id"]) == [own.import_id]
    assert list(store.load()["posts"]["post_id"]) == ["999"]
    assert list(store.plans()["id"]) == [plan] and list(store.targets()["id"]) == [target]
    assert store.setting("sample_workspace") == "removed"
    assert store.setting("brand_name") == "Warung Ayu"


def test_remove_clears_the_samples_brand_name(store):
    sample_data.install(store)
    sample_data.remove(store)
    assert store.setting("brand_name") == ""
    assert store.load()["posts"].empty and store.plans().empty and store.targets().empty
