"""The store's commands: import, imports, delete-import, backup, restore (stable JSON shapes)."""

from __future__ import annotations

import json

import pytest

from smo_metrics import cli
from smo_metrics.store import cli as store_cli
from smo_metrics.store import open_store
from tests.store._exports import instagram_csv, tiktok_overview_csv


def run(argv: list[str]) -> int:
    """``python -m smo_metrics ARGS``, in process."""
    return cli.main(argv)


def json_out(capsys, argv: list[str], status: int = 0):
    code = run(argv)
    out = capsys.readouterr()
    assert code == status, out.err
    return json.loads(out.out)


@pytest.fixture
def files(tmp_path):
    ig = tmp_path / "ig.csv"
    ig.write_bytes(instagram_csv([("111", 50, 5), ("222", 60, 6)]))
    ov = tmp_path / "Overview.csv"
    ov.write_bytes(tiktok_overview_csv([("March 1", 5)]))
    junk = tmp_path / "notes.csv"
    junk.write_bytes(b"hello\n")
    return ig, ov, junk


def test_import_reports_each_file_in_json(capsys, store_url, files):
    ig, ov, junk = files
    out = json_out(
        capsys, ["import", "--json", "--db", store_url, "--by", "ayu", "--today", "2026-11-22", str(ig), str(ov)]
    )
    assert out == [
        {
            "file": "ig.csv",
            "import_id": 1,
            "status": "imported",
            "tables": [{"kind": "posts", "platform": "instagram", "account": "kopinusantara", "rows": 2}],
            "error": None,
        },
        {
            "file": "Overview.csv",
            "import_id": 2,
            "status": "imported",
            "tables": [{"kind": "account_daily", "platform": "tiktok", "account": None, "rows": 1}],
            "error": None,
        },
    ]
    out = json_out(capsys, ["import", "--json", "--db", store_url, str(ig), str(junk)], status=1)
    assert [(r["file"], r["status"], r["import_id"]) for r in out] == [
        ("ig.csv", "duplicate", 1),
        ("notes.csv", "failed", None),
    ]
    assert out[1]["tables"] == [] and "notes.csv" in out[1]["error"]


def test_imports_lists_every_import_in_json(capsys, store_url, files):
    ig, ov, _ = files
    assert run(["import", "--db", store_url, "--by", "ayu", str(ig), str(ov)]) == 0
    capsys.readouterr()
    out = json_out(capsys, ["imports", "--json", "--db", store_url])
    assert [set(r) for r in out] == [
        {"id", "file_name", "imported_at", "imported_by", "status", "rows", "rejected_rows", "tables", "content_hash"}
    ] * 2
    first = out[0]
    assert (first["id"], first["file_name"], first["imported_by"], first["status"]) == (1, "ig.csv", "ayu", "imported")
    assert (first["rows"], first["rejected_rows"]) == (2, 0)
    assert first["tables"] == [
        {
            "kind": "posts",
            "platform": "instagram",
            "account": "kopinusantara",
            "rows": 2,
            "rejected_rows": 0,
            "date_min": "2026-05-26",
            "date_max": "2026-05-26",
        }
    ]
    assert first["imported_at"].endswith("+00:00")
    assert run(["imports", "--db", store_url]) == 0
    text = capsys.readouterr().out
    assert "#1" in text and "ig.csv" in text and "Overview.csv" in text


def test_delete_import_then_the_list_shrinks(capsys, store_url, files):
    ig, ov, _ = files
    run(["import", "--db", store_url, str(ig), str(ov)])
    capsys.readouterr()
    assert json_out(capsys, ["delete-import", "--json", "--db", store_url, "1"]) == {
        "deleted": 1,
        "file_name": "ig.csv",
    }
    assert [r["id"] for r in json_out(capsys, ["imports", "--json", "--db", store_url])] == [2]
    assert run(["delete-import", "--db", store_url, "1"]) == 1
    assert "no import #1" in capsys.readouterr().err


def test_backup_and_restore_from_the_command_line(capsys, store_url_factory, files, tmp_path):
    ig, ov, _ = files
    source, target = store_url_factory(), store_url_factory()
    run(["import", "--db", source, str(ig), str(ov)])
    capsys.readouterr()
    out_zip = tmp_path / "ws.zip"
    assert json_out(capsys, ["backup", "--json", "--db", source, "--out", str(out_zip)]) == {
        "file": str(out_zip),
        "imports": 2,
        "tables": 2,
        "rows": 3,
    }
    restored = json_out(capsys, ["restore", "--json", "--db", target, str(out_zip)])
    assert restored == {
        "file": str(out_zip),
        "imports": 2,
        "tables": 2,
        "rows": 3,
        "settings": 0,
        "plans": 0,
        "targets": 0,
        "ab_tests": 0,
        "mappings": 0,
    }
    a, b = open_store(source), open_store(target)
    try:
        assert a.imports().equals(b.imports())
    finally:
        a.close()
        b.close()
    # A second restore into the now full workspace is refused with a one-line message.
    assert run(["restore", "--db", target, str(out_zip)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "not empty" in err and "Traceback" not in err
    assert run(["restore", "--replace", "--db", target, str(out_zip)]) == 0


def test_a_bad_url_or_missing_backup_is_one_line_on_stderr(capsys, tmp_path, sqlite_url):
    assert run(["imports", "--db", "mysql://nobody@localhost/x"]) == 1
    assert "unsupported database" in capsys.readouterr().err
    assert run(["restore", "--db", sqlite_url, str(tmp_path / "none.zip")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_the_default_database_comes_from_the_environment(capsys, monkeypatch, tmp_path, files):
    monkeypatch.delenv("SMO_DB_URL", raising=False)
    monkeypatch.setenv("SMO_DATA_DIR", str(tmp_path / "data"))
    assert run(["import", "--json", str(files[0])]) == 0
    capsys.readouterr()
    assert (tmp_path / "data" / "workspace.db").exists()
    tables, tz = store_cli.tables_and_tz_from_db(None)
    assert tz == "Asia/Jakarta"
    assert tables["posts"]["post_id"].tolist() == ["111", "222"]


def test_summary_and_primetime_read_the_workspace_with_db(capsys, sqlite_url, files):
    files = files[:2]  # the readable ones
    assert run(["import", "--json", "--db", sqlite_url, *map(str, files)]) == 0
    capsys.readouterr()
    assert run(["summary", "--json", "--db", sqlite_url]) == 0
    from_db = json.loads(capsys.readouterr().out)
    assert run(["summary", "--json", *map(str, files)]) == 0
    from_files = json.loads(capsys.readouterr().out)
    assert from_db == from_files
    assert run(["primetime", "--json", "--db", sqlite_url]) == 0
    cells = json.loads(capsys.readouterr().out)
    assert len(cells) == 7 * 24


def test_summary_wants_files_or_db_but_not_both(capsys, sqlite_url, files):
    assert run(["summary"]) == 1
    assert "give the export files" in capsys.readouterr().err
    assert run(["summary", "--db", sqlite_url, str(files[0])]) == 1
    assert "not both" in capsys.readouterr().err
