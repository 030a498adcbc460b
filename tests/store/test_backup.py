"""Backup to a zip of CSV files and restore: the workspace comes back equal, or not at all."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import numpy as np
import pandas as pd
import pytest

from smo_metrics import schema
from smo_metrics.errors import DataError
from smo_metrics.ingest import FileResult, Table
from smo_metrics.store import content_hash, open_store
from tests.store._exports import TODAY, instagram_csv, real_export_paths, tiktok_overview_csv

TRICKY_TEXT = ["a, b", 'say "hi"', "line1\nline2\r\nline3", "", None, '=HYPERLINK("http://evil")']


def _tricky_result() -> FileResult:
    """A posts table with every awkward value a CSV backup has to carry."""
    n = len(TRICKY_TEXT)
    frame = pd.DataFrame(
        {
            "platform": ["instagram"] * n,
            "account": ["kopi"] * n,
            "post_id": ["17974697564884257", "2", "3", "4", "5", "6"],  # 17 digits: text, never a float
            "published_at": pd.to_datetime(
                [
                    "2026-05-26 03:23:00.123456789",
                    None,
                    "1970-01-01",
                    "2026-12-31 23:59:59",
                    "2000-02-29",
                    "2026-01-01",
                ],
                format="ISO8601",
            ).tz_localize("UTC"),
            "time_known": pd.array([True, False, None, True, True, False], dtype="boolean"),
            "caption": pd.array(TRICKY_TEXT, dtype="string[pyarrow]"),
            "likes": pd.array([1.5, None, 0.1, 1e-300, -0.0, 2.0**53 + 2], dtype="Float64"),
            "Notes, extra": pd.array(
                ["+62 812", "-5", "@user", "'quoted", "\ttab", "emoji 🎉"], dtype="string[pyarrow]"
            ),
            "=danger header": pd.array([1, None, 2**62, -3, 0, 5], dtype="Int64"),
            "Ratio": pd.array([np.nan, 1 / 3, 2.5, None, 7.0, 8.0], dtype="Float64"),
        }
    )
    data = schema.conform("posts", frame)
    rejected = pd.DataFrame(
        {
            "line": pd.array([7], dtype="Int64"),
            "reason": pd.array(["column 'Likes': 'a,b\n\"c\"' is not a number"], dtype="string[pyarrow]"),
            "values": pd.array(['7 | "a,b\nc" | =1+1'], dtype="string[pyarrow]"),
        }
    )
    table = Table(
        "posts", "instagram", "kopi", data, rejected, ["Notes, extra", "=danger header", "Ratio"], [], "t.csv", "test"
    )
    return FileResult("tricky.csv", [table])


def _fill(store) -> None:
    store.import_result(_tricky_result(), content_hash(b"tricky"), "tricky.csv", by="ayu")
    gone = store.import_file(instagram_csv([("9", 1, 1)]), "deleted-later.csv", today=TODAY)
    store.import_file(
        instagram_csv([("3", 10, 42), ("8", 5, 5)], account="kopi", bad_likes_for="8"), "newer.csv", today=TODAY
    )
    store.import_file(tiktok_overview_csv([("March 1", 5)]), "Overview.csv", today=TODAY)
    store.delete_import(gone.import_id)  # a gap in the ids
    store.set_settings(tz="Asia/Makassar", brand_name='Kopi "Nusantara", Tbk', currency="usd")
    store.add_plan("2026-03-01 19:00", "instagram", caption="=SUM(A1)\nline two, with comma", hashtags="#kopi pagi")
    store.add_plan("2026-03-02 08:00", "tiktok", status="cancelled", campaign="Ramadan")
    store.add_target("posts", "month", "2026-03-01", 12)
    store.add_target("engagement_rate_by_reach", "week", "2026-03-02", 0.05, platform="instagram")
    store.add_ab_test("Hook", "ctr", {"arms": [{"label": "A", "count": 120, "nobs": 4000}, {"label": "B, new"}]})
    store.save_mapping("Agensi, laporan", "posts", "instagram", {"published_at": "Tanggal", "likes": "=Suka"})


def _snapshot(store) -> dict[str, object]:
    return {
        "load": store.load(use_cache=False),
        "imports": store.imports(),
        "rejected": {i: store.rejected(i) for i in store.imports()["id"]},
        "settings": store.settings(),
        "plans": store.plans(),
        "targets": store.targets(),
        "ab_tests": store.ab_tests(),
        "mappings": store.mappings(),
    }


def _assert_same(a: dict, b: dict) -> None:
    for kind in schema.KINDS:
        pd.testing.assert_frame_equal(b["load"][kind], a["load"][kind], obj=kind)
    for name in ("imports", "plans", "targets", "ab_tests", "mappings"):
        pd.testing.assert_frame_equal(b[name], a[name], obj=name)
    assert a["rejected"].keys() == b["rejected"].keys()
    for i in a["rejected"]:
        pd.testing.assert_frame_equal(b["rejected"][i], a["rejected"][i], obj=f"rejected of #{i}")
    assert b["settings"] == a["settings"]


def test_backup_then_restore_gives_the_same_workspace(store, store_url_factory, tmp_path):
    _fill(store)
    before = _snapshot(store)
    store.backup(tmp_path / "ws.zip")

    restored = open_store(store_url_factory())
    try:
        counts = restored.restore(tmp_path / "ws.zip")
        assert counts == {
            "imports": 3,
            "tables": 3,
            "rows": 6 + 1 + 1,
            "settings": 3,
            "plans": 2,
            "targets": 2,
            "ab_tests": 1,
            "mappings": 1,
        }
        _assert_same(before, _snapshot(restored))
        tricky = restored.load()["posts"].set_index("post_id")
        assert tricky.loc["4", "caption"] == "" and pd.isna(tricky.loc["5", "caption"])  # empty is not missing
        assert tricky.loc["3", "likes"] == 42.0  # the newer import still wins after the restore
        # New ids continue above the restored ones (ids are never reused).
        new = restored.import_file(instagram_csv([("77", 1, 1)]), "after.csv", today=TODAY)
        assert new.import_id > max(before["imports"]["id"])
        assert restored.add_plan("2026-04-01 10:00", "x") > max(before["plans"]["id"])
    finally:
        restored.close()


def test_the_backup_is_plain_csv_with_formulas_defused(store, tmp_path):
    _fill(store)
    manifest = store.backup(tmp_path / "ws.zip")
    with zipfile.ZipFile(tmp_path / "ws.zip") as zf:
        names = set(zf.namelist())
        assert {"manifest.json", "settings.csv", "plans.csv", "targets.csv", "ab_tests.csv"} <= names
        first = manifest["imports"][0]
        assert first["file_name"] == "tricky.csv"
        path = first["tables"][0]["data"]["path"]
        assert path == f"imports/{first['id']}/posts-0.csv"
        rows = list(csv.reader(io.StringIO(zf.read(path).decode("utf-8"), newline="")))
    header = rows[0]
    captions = [r[header.index("caption")] for r in rows[1:]]
    assert captions[0] == "a, b" and captions[2] == "line1\nline2\r\nline3"
    assert captions[5] == '\'=HYPERLINK("http://evil")'  # a spreadsheet shows it as text
    notes = [r[header.index("Notes, extra")] for r in rows[1:]]
    assert notes == ["'+62 812", "'-5", "'@user", "''quoted", "'\ttab", "emoji 🎉"]
    assert "'=danger header" in header
    dtypes = {c["name"]: c["dtype"] for c in first["tables"][0]["data"]["columns"]}
    assert dtypes["published_at"] == "datetime64[ns, UTC]"
    assert dtypes["likes"] == "Float64" and dtypes["=danger header"] == "Int64" and dtypes["caption"] == "string"


def test_restore_refuses_a_workspace_that_is_not_empty(store, tmp_path):
    _fill(store)
    store.backup(tmp_path / "ws.zip")
    version = store.version()
    with pytest.raises(DataError, match="not empty"):
        store.restore(tmp_path / "ws.zip")
    assert store.version() == version


def test_restore_with_replace_puts_the_backup_back(store, tmp_path):
    _fill(store)
    before = _snapshot(store)
    store.backup(tmp_path / "ws.zip")
    store.import_file(instagram_csv([("5", 1, 1000)]), "later.csv", today=TODAY)
    store.set_settings(language="id")
    store.add_target("reach_sum", "week", "2026-03-02", 500)

    store.restore(tmp_path / "ws.zip", replace=True)
    _assert_same(before, _snapshot(store))


def test_a_damaged_backup_restores_nothing(store, tmp_path):
    source = open_store(f"sqlite:///{tmp_path / 'source.db'}")
    try:
        _fill(source)
        source.backup(tmp_path / "ws.zip")
    finally:
        source.close()
    with zipfile.ZipFile(tmp_path / "ws.zip") as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members["manifest.json"])
    path = manifest["imports"][0]["tables"][0]["data"]["path"]

    def write(name: str, changed: dict[str, bytes | None]) -> str:
        out = tmp_path / name
        with zipfile.ZipFile(out, "w") as zf:
            for n, data in {**members, **changed}.items():
                if data is not None:
                    zf.writestr(n, data)
        return str(out)

    cut = members[path].decode().rsplit("\n", 2)[0] + "\n"  # the last record is gone
    wrong_type = json.loads(members["manifest.json"])
    wrong_type["imports"][0]["tables"][0]["data"]["columns"][0]["dtype"] = "Float64"  # platform is text
    cases = {
        "not a zip": (tmp_path / "junk.zip", "not a workspace backup"),
        "no manifest": (write("a.zip", {"manifest.json": None}), "no manifest.json"),
        "other format": (write("b.zip", {"manifest.json": b'{"format": "something else"}'}), "not a workspace backup"),
        "missing csv": (write("c.zip", {path: None}), "missing from the backup"),
        "cut csv": (write("d.zip", {path: cut.encode()}), "the manifest says"),
        "wrong dtype": (write("e.zip", {"manifest.json": json.dumps(wrong_type).encode()}), "does not hold Float64"),
    }
    (tmp_path / "junk.zip").write_bytes(b"PK but not really")
    for _label, (zip_path, message) in cases.items():
        with pytest.raises(DataError, match=message):
            store.restore(zip_path)
        assert store.is_empty() and store.version() == 0


def test_round_trip_of_the_real_exports(store, store_url_factory, tmp_path):
    paths = real_export_paths()
    if not paths:
        pytest.skip("../shared/real_exports is absent on this machine")
    for p in paths:
        assert store.import_file(p, today=TODAY).status == "imported"
    before = _snapshot(store)
    store.backup(tmp_path / "real.zip")
    restored = open_store(store_url_factory())
    try:
        restored.restore(tmp_path / "real.zip")
        _assert_same(before, _snapshot(restored))
    finally:
        restored.close()


def test_a_backup_restores_into_the_other_backend(store, tmp_path):
    _fill(store)
    before = _snapshot(store)
    store.backup(tmp_path / "ws.zip")
    other = open_store(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        other.restore(tmp_path / "ws.zip")
        _assert_same(before, _snapshot(other))
    finally:
        other.close()
