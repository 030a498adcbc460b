"""Where the workspace lives, and how SQLite is set up for two sessions at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

from smo_metrics.errors import DataError, UsageError
from smo_metrics.store import data_dir, db, open_store, resolve_url


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("SMO_DB_URL", "SMO_DATA_DIR", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_the_url_is_the_argument_then_the_environment_then_the_data_folder(clean_env, tmp_path):
    clean_env.setenv("HOME", str(tmp_path / "home"))
    assert resolve_url() == f"sqlite:///{tmp_path / 'home' / '.local' / 'share' / 'smo-dashboard' / 'workspace.db'}"
    clean_env.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_dir() == tmp_path / "xdg" / "smo-dashboard"
    clean_env.setenv("SMO_DATA_DIR", str(tmp_path / "data"))
    assert resolve_url() == f"sqlite:///{tmp_path / 'data' / 'workspace.db'}"
    clean_env.setenv("SMO_DB_URL", "postgresql://team@db.internal/smo")
    assert resolve_url() == "postgresql://team@db.internal/smo"
    assert resolve_url("sqlite:///x.db") == "sqlite:///x.db"


def test_the_default_store_creates_its_folder(clean_env, tmp_path):
    clean_env.setenv("SMO_DATA_DIR", str(tmp_path / "a" / "b"))
    store = open_store()
    try:
        assert Path(tmp_path / "a" / "b" / "workspace.db").is_file()
        assert store.backend == "sqlite"
    finally:
        store.close()


def test_postgres_urls_use_the_psycopg_driver():
    assert db.normalize_url("postgresql://u:secret@h/d").drivername == "postgresql+psycopg"
    assert db.normalize_url("postgres://u@h/d").drivername == "postgresql+psycopg"
    assert db.normalize_url("postgresql+psycopg://u@h/d").drivername == "postgresql+psycopg"
    assert "secret" not in db.safe_url("postgresql://u:secret@h/d")


@pytest.mark.parametrize("url", ["mysql://u@h/d", "not a url"])
def test_other_databases_are_refused(url):
    with pytest.raises(UsageError):
        open_store(url)


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout_and_foreign_keys(sqlite_url):
    store = open_store(sqlite_url)
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.close()


def test_an_unreachable_server_is_a_clear_error():
    with pytest.raises(DataError, match="cannot open the workspace database"):
        open_store("postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2")


def test_a_workspace_from_a_newer_dashboard_is_refused(sqlite_url):
    open_store(sqlite_url).close()
    engine = sa.create_engine(sqlite_url)
    with engine.begin() as conn:
        conn.execute(sa.update(db.meta).where(db.meta.c.key == "schema").values(value=db.SCHEMA_VERSION + 1))
    engine.dispose()
    with pytest.raises(DataError, match="newer version"):
        open_store(sqlite_url)


def test_opening_twice_keeps_the_data(store_url):
    from tests.store._exports import TODAY, instagram_csv

    first = open_store(store_url)
    first.import_file(instagram_csv([("111", 1, 1)]), "a.csv", today=TODAY)
    first.close()
    second = open_store(store_url)
    try:
        assert second.version() == 1 and len(second.imports()) == 1
    finally:
        second.close()


def test_naive_timestamps_never_reach_the_database():
    dialect = sa.create_engine("sqlite://").dialect
    with pytest.raises(UsageError, match="timezone-aware"):
        db.UTCDateTime().process_bind_param(dt.datetime(2026, 1, 1), dialect)
    jakarta = dt.timezone(dt.timedelta(hours=7))
    stored = db.UTCDateTime().process_bind_param(dt.datetime(2026, 1, 1, 7, 0, tzinfo=jakarta), dialect)
    assert stored == dt.datetime(2026, 1, 1, 0, 0)  # naive UTC in SQLite
