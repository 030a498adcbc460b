"""Imports on both backends: recorded, de-duplicated, newest wins, delete restores, atomic."""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
import pytest
import sqlalchemy as sa

from smo_metrics import schema
from smo_metrics.errors import DataError
from smo_metrics.ingest import read_file
from smo_metrics.store import IMPORT_COLUMNS, TableCount, content_hash, open_store, workspace
from smo_metrics.store import db as store_db
from smo_metrics.tables import gather
from tests.store._exports import TODAY, instagram_csv, real_export_paths, tiktok_overview_csv, zip_of


def _likes(store) -> dict[str, float | None]:
    posts = store.load()["posts"]
    return {str(k): (None if pd.isna(v) else float(v)) for k, v in zip(posts["post_id"], posts["likes"], strict=True)}


def _counts(store) -> tuple[int, int]:
    with store.engine.connect() as conn:
        imports = conn.execute(sa.select(sa.func.count()).select_from(store_db.imports)).scalar_one()
        tables = conn.execute(sa.select(sa.func.count()).select_from(store_db.import_tables)).scalar_one()
    return imports, tables


def test_a_new_store_is_empty_with_every_kind(store):
    assert store.version() == 0
    assert store.is_empty()
    tables = store.load()
    assert set(tables) == set(schema.KINDS)
    for kind, frame in tables.items():
        pd.testing.assert_frame_equal(frame, schema.empty_frame(kind))
    assert list(store.imports().columns) == list(IMPORT_COLUMNS)
    assert store.imports().empty


def test_an_import_is_recorded_with_hash_tables_and_who(store):
    data = instagram_csv([("111", 50, 5), ("222", 60, 6)])
    before = dt.datetime.now(dt.UTC)
    result = store.import_file(data, "ig-may.csv", by="ayu@example.com", today=TODAY)
    after = dt.datetime.now(dt.UTC)

    assert result.status == "imported"
    assert result.error is None
    assert result.tables == (TableCount("posts", "instagram", "kopinusantara", 2),)
    row = store.imports().iloc[0]
    assert row["id"] == result.import_id
    assert row["file_name"] == "ig-may.csv"
    assert row["content_hash"] == hashlib.sha256(data).hexdigest()  # the hash of the bytes, from hashlib
    assert row["imported_by"] == "ayu@example.com"
    assert row["status"] == "imported"
    assert (row["rows"], row["rejected_rows"], row["tables"]) == (2, 0, 1)
    assert (row["platforms"], row["kinds"], row["accounts"]) == ("instagram", "posts", "kopinusantara")
    assert row["date_min"] == row["date_max"] == pd.Timestamp("2026-05-26")
    assert row["size_bytes"] == len(data)
    assert before <= row["imported_at"].to_pydatetime() <= after
    assert _likes(store) == {"111": 5.0, "222": 6.0}


def test_importing_a_path_uses_its_file_name(store, tmp_path):
    path = tmp_path / "Overview.csv"
    path.write_bytes(tiktok_overview_csv([("March 1", 5), ("March 2", 7)]))
    result = store.import_file(path, today=TODAY)
    assert result.status == "imported"
    assert result.tables == (TableCount("account_daily", "tiktok", None, 2),)
    assert store.imports()["file_name"].tolist() == ["Overview.csv"]
    views = store.load()["account_daily"].set_index("date")["views"]
    assert views.to_dict() == {pd.Timestamp("2026-03-01"): 5.0, pd.Timestamp("2026-03-02"): 7.0}


def test_reimporting_the_same_bytes_changes_nothing_and_says_so(store):
    data = instagram_csv([("111", 50, 5)])
    first = store.import_file(data, "ig.csv", today=TODAY)
    version = store.version()
    imports = store.imports()
    loaded = store.load(use_cache=False)

    again = store.import_file(data, "renamed copy.csv", today=TODAY)

    assert again.status == "duplicate"
    assert again.import_id == first.import_id
    assert again.tables == first.tables
    assert f"#{first.import_id}" in again.message and "nothing changed" in again.message
    assert store.version() == version
    pd.testing.assert_frame_equal(store.imports(), imports)
    after = store.load(use_cache=False)
    for kind in schema.KINDS:
        pd.testing.assert_frame_equal(after[kind], loaded[kind])


def test_a_file_read_once_for_preview_is_imported_from_its_result(store):
    data = instagram_csv([("111", 50, 5)])
    result = read_file(data, "ig.csv", today=TODAY)
    digest = content_hash(data)
    first = store.import_result(result, digest, "ig.csv", by="ayu")
    second = store.import_result(result, digest, "ig.csv", by="ayu")
    assert (first.status, second.status) == ("imported", "duplicate")
    assert second.import_id == first.import_id
    assert store.imports()["imported_by"].tolist() == ["ayu"]


def test_an_unreadable_file_fails_with_the_reason_and_writes_nothing(store):
    result = store.import_file(b"hello, this is not an export\n", "notes.csv", today=TODAY)
    assert result.status == "failed"
    assert result.import_id is None and result.tables == ()
    assert result.error and "notes.csv" in result.error
    assert store.version() == 0 and store.imports().empty


def test_a_missing_path_fails_without_a_traceback(store, tmp_path):
    result = store.import_file(tmp_path / "nope.csv")
    assert result.status == "failed"
    assert "cannot be opened" in (result.error or "")


def test_overlapping_exports_newest_wins_and_deleting_it_brings_older_values_back(store):
    # Post 222 is in both exports: 6 likes in the May export, 60 in the June one.
    may = store.import_file(instagram_csv([("111", 50, 5), ("222", 60, 6)]), "may.csv", today=TODAY)
    june = store.import_file(instagram_csv([("222", 600, 60), ("333", 70, 7)]), "june.csv", today=TODAY)
    assert _likes(store) == {"111": 5.0, "222": 60.0, "333": 7.0}
    assert len(store.load()["posts"]) == 3

    store.delete_import(june.import_id)
    assert _likes(store) == {"111": 5.0, "222": 6.0}
    store.delete_import(may.import_id)
    assert _likes(store) == {}


def test_newest_wins_column_by_column_keeping_older_known_values(store):
    store.import_file(instagram_csv([("222", 60, 6)]), "may.csv", today=TODAY)
    store.import_file(instagram_csv([("222", 600, None)]), "june.csv", today=TODAY)  # likes missing in June
    post = store.load()["posts"].iloc[0]
    assert (post["reach"], post["likes"]) == (600.0, 6.0)


def test_members_of_one_zip_merge_like_files_read_side_by_side(store):
    # Two exports in one zip share post 222: the later member wins, as when the files are read apart.
    data = zip_of(
        {
            "may.csv": instagram_csv([("111", 50, 5), ("222", 60, 6)]),
            "june.csv": instagram_csv([("222", 600, 60)]),
        }
    )
    result = store.import_file(data, "both.zip", today=TODAY)
    assert result.status == "imported"
    assert _likes(store) == {"111": 5.0, "222": 60.0}
    assert len(store.load()["posts"]) == 2
    expected = gather([read_file(data, name="both.zip", today=TODAY)])["posts"]
    got = store.load()["posts"]
    pd.testing.assert_frame_equal(
        got.sort_values("post_id", ignore_index=True), expected.sort_values("post_id", ignore_index=True)
    )


def test_newest_means_last_imported_not_the_export_date(store):
    may = instagram_csv([("222", 60, 6)])
    june = instagram_csv([("222", 600, 60)])
    first = store.import_file(may, "may.csv", today=TODAY)
    store.import_file(june, "june.csv", today=TODAY)
    store.delete_import(first.import_id)
    again = store.import_file(may, "may.csv", today=TODAY)  # the same bytes, imported last now
    assert again.status == "imported" and again.import_id > first.import_id
    assert _likes(store) == {"222": 6.0}


def test_delete_removes_exactly_what_the_import_brought(store):
    a = store.import_file(instagram_csv([("111", 50, 5), ("222", 60, 6)], bad_likes_for="222"), "a.csv", today=TODAY)
    b = store.import_file(instagram_csv([("222", 61, 7), ("444", 80, 8)]), "b.csv", today=TODAY)
    c = store.import_file(tiktok_overview_csv([("March 1", 5)]), "Overview.csv", today=TODAY)
    version = store.version()

    store.delete_import(b.import_id)

    assert store.version() == version + 1
    assert store.imports()["id"].tolist() == [a.import_id, c.import_id]
    assert _likes(store) == {"111": 5.0}  # 222 was rejected in a.csv; 444 came only with b.csv
    assert store.load()["account_daily"]["views"].tolist() == [5.0]
    assert store.rejected(a.import_id)["line"].tolist() == [3]
    assert _counts(store) == (2, 2)
    with pytest.raises(DataError, match=f"no import #{b.import_id}"):
        store.delete_import(b.import_id)
    assert store.version() == version + 1


def test_rejected_rows_are_kept_with_line_and_reason(store):
    result = store.import_file(instagram_csv([("111", 50, 5), ("222", 60, 6)], bad_likes_for="222"), "a.csv")
    rejected = store.rejected(result.import_id)
    assert list(rejected.columns) == ["seq", "kind", "platform", "account", "line", "reason", "values"]
    assert len(rejected) == 1
    row = rejected.iloc[0]
    assert (row["kind"], row["platform"], row["account"], row["line"]) == ("posts", "instagram", "kopinusantara", 3)
    assert "Likes" in row["reason"] and "lots" in row["reason"]
    assert str(row["values"]).startswith("222")
    with pytest.raises(DataError):
        store.rejected(999)


@pytest.mark.parametrize("failure", [RuntimeError("disk full"), KeyboardInterrupt()], ids=["error", "interrupt"])
def test_an_import_interrupted_mid_write_leaves_no_trace(store, monkeypatch, failure):
    store.import_file(instagram_csv([("111", 50, 5)]), "earlier.csv", today=TODAY)
    version, imports, loaded = store.version(), store.imports(), store.load(use_cache=False)
    both = zip_of(
        {
            "ig.csv": instagram_csv([("111", 51, 9), ("555", 1, 1)]),
            "Overview.csv": tiktok_overview_csv([("March 1", 5)]),
        }
    )
    real_insert = workspace._insert_table
    calls = []

    def failing_insert(conn, row):
        calls.append(row["seq"])
        if len(calls) == 2:  # the first table is already written in this transaction
            raise failure
        real_insert(conn, row)

    monkeypatch.setattr(workspace, "_insert_table", failing_insert)
    with pytest.raises(type(failure)):
        store.import_file(both, "both.zip", today=TODAY)
    assert calls == [0, 1]

    assert store.version() == version
    assert _counts(store) == (1, 1)
    pd.testing.assert_frame_equal(store.imports(), imports)
    for kind, frame in store.load(use_cache=False).items():
        pd.testing.assert_frame_equal(frame, loaded[kind])
    # The same file imports normally afterwards (its hash was not left behind).
    monkeypatch.setattr(workspace, "_insert_table", real_insert)
    assert store.import_file(both, "both.zip", today=TODAY).status == "imported"
    assert _likes(store) == {"111": 9.0, "555": 1.0}


def test_version_changes_on_every_write_and_only_then(store):
    v = store.version()

    def wrote(n: int = 1) -> None:
        nonlocal v
        assert store.version() == v + n
        v += n

    data = instagram_csv([("111", 50, 5)])
    imported = store.import_file(data, "a.csv", today=TODAY)
    wrote()
    store.import_file(data, "a.csv", today=TODAY)  # duplicate
    store.import_file(b"junk", "junk.csv", today=TODAY)  # failed
    store.load(), store.imports(), store.rejected(imported.import_id), store.settings(), store.plans()
    store.targets(), store.ab_tests(), store.is_empty()
    wrote(0)
    store.set_settings(brand_name="Kopi Nusantara")
    wrote()
    plan = store.add_plan("2026-03-01 19:00", "instagram")
    wrote()
    store.update_plan(plan, status="cancelled")
    wrote()
    store.delete_plan(plan)
    wrote()
    target = store.add_target("posts", "month", "2026-03-01", 12)
    wrote()
    store.update_target(target, value=14)
    wrote()
    store.delete_target(target)
    wrote()
    test = store.add_ab_test("Hook", "ctr", {"arms": [{"label": "A"}, {"label": "B"}]})
    wrote()
    store.update_ab_test(test, name="Hook v2")
    wrote()
    store.delete_ab_test(test)
    wrote()
    store.delete_import(imported.import_id)
    wrote()
    with pytest.raises(DataError):
        store.delete_plan(plan)  # already gone: nothing written
    wrote(0)


def test_load_is_cached_until_the_version_changes_and_callers_cannot_spoil_it(store, store_url):
    store.import_file(instagram_csv([("111", 50, 5)]), "a.csv", today=TODAY)
    first = store.load()
    first["posts"].loc[0, "likes"] = 999.0  # a caller changing its copy
    first["posts"]["extra"] = 1
    second = store.load()
    assert second["posts"]["likes"].tolist() == [5.0]
    assert "extra" not in second["posts"].columns
    # Another dashboard instance writes: this one sees it at its next load.
    other = open_store(store_url)
    try:
        other.import_file(instagram_csv([("111", 50, 6)]), "b.csv", today=TODAY)
    finally:
        other.close()
    assert _likes(store) == {"111": 6.0}


def test_unmapped_columns_and_dtypes_survive_storage(store):
    data = instagram_csv([("111", 50, 5)])
    store.import_file(data, "a.csv", today=TODAY)
    expected = read_file(data, "a.csv", today=TODAY).tables[0].data
    pd.testing.assert_frame_equal(store.load()["posts"], expected)
    assert "Account ID" in store.load()["posts"].columns


def test_load_equals_gathering_the_real_exports_in_import_order(store):
    paths = real_export_paths()
    if not paths:
        pytest.skip("../shared/real_exports is absent on this machine")
    results = [store.import_file(p, today=TODAY) for p in paths]
    assert [r.status for r in results] == ["imported"] * len(paths), [r.error for r in results]
    expected = gather(read_file(p, today=TODAY) for p in paths)
    loaded = store.load()
    for kind in schema.KINDS:
        pd.testing.assert_frame_equal(loaded[kind], expected[kind], obj=kind)
