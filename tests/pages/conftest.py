"""AppTest fixtures for the pages: the app from ``app.py`` on the sample workspace or an empty one.

The sample workspace is built once per test session (``sample_data.install`` into a SQLite
file, about 5 s) and copied for each test, so a test may change it freely. Streamlit's caches
live in the process: every fixture clears them so each test opens its own workspace.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import sample_data
from smo_metrics.store import open_store

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
TIMEOUT = 120


@pytest.fixture(autouse=True)
def _navigation_not_pages_folder(monkeypatch):
    """Make every AppTest run go through ``app.py`` and its ``st.navigation``, as the server does.

    AppTest (Streamlit 1.67) resets ``PagesManager.uses_pages_directory`` before *each* run, so a
    fresh PagesManager sets it again (a ``pages/`` folder exists) and every rerun would start in
    the old folder-based mode: the page script alone, which :func:`dashboard.state.current_view`
    then reruns through the frame, losing a button click on the way. The server keeps the flag
    off after the first ``st.navigation`` call (and ``current_view`` switches it off when a
    server starts on a bookmarked page); this fixture does the same for AppTest.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture(scope="session")
def sample_workspace_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sample-workspace")
    store = open_store(f"sqlite:///{folder / 'workspace.db'}")
    sample_data.install(store)
    with store.engine.connect() as conn:  # fold the WAL into the main file so one file is the copy
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return folder / "workspace.db"


def _fresh_caches() -> None:
    st.cache_resource.clear()
    st.cache_data.clear()


def _app_factory(page: str | None, lang: str | None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    if lang:
        at.query_params["lang"] = lang.upper()  # the language switch shows (and binds) EN / ID
    if page:
        at.switch_page(page)
    return at


@pytest.fixture
def sample_app(sample_workspace_file, tmp_path, monkeypatch) -> Callable[..., AppTest]:
    """``sample_app("pages/overview.py", lang="id")``: an AppTest (not yet run) on a copy of the sample."""
    shutil.copy(sample_workspace_file, tmp_path / "workspace.db")
    monkeypatch.setenv("SMO_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("SMO_DB_URL", raising=False)
    _fresh_caches()
    yield lambda page=None, lang=None: _app_factory(page, lang)
    _fresh_caches()


@pytest.fixture
def empty_app(tmp_path, monkeypatch) -> Callable[..., AppTest]:
    """``empty_app("pages/overview.py")``: an AppTest on an empty workspace (sample removed)."""
    store = open_store(f"sqlite:///{tmp_path / 'workspace.db'}")
    store.set_settings(sample_workspace="removed")
    store.close()
    monkeypatch.setenv("SMO_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("SMO_DB_URL", raising=False)
    _fresh_caches()
    yield lambda page=None, lang=None: _app_factory(page, lang)
    _fresh_caches()


@pytest.fixture
def workspace_url(tmp_path) -> str:
    """The URL of the workspace the app fixtures above opened (to check what a page saved)."""
    return f"sqlite:///{tmp_path / 'workspace.db'}"
