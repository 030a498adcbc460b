"""The frame: first start loads the sample, the sidebar filters, language and every page open."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.pages import PAGES
from smo_metrics.growth import Period
from smo_metrics.store import open_store


@pytest.mark.parametrize("key,path", [(k, p) for k, p, _ in PAGES])
def test_every_page_opens_on_the_sample_and_on_an_empty_workspace(sample_app, empty_app, key, path):
    for make in (sample_app, empty_app):
        at = make(path)
        at.run()
        assert not at.exception, (key, at.exception)
        assert len(at.title) >= 1


def test_first_start_with_an_empty_store_loads_the_sample_labelled(tmp_path, monkeypatch):
    from tests.pages.conftest import _app_factory, _fresh_caches

    monkeypatch.setenv("SMO_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("SMO_DB_URL", raising=False)
    _fresh_caches()
    at = _app_factory(None, None)
    at.run()
    assert not at.exception
    assert any("Sample data" in w.value for w in at.sidebar.warning)
    store = open_store(f"sqlite:///{tmp_path / 'workspace.db'}")
    assert store.setting("sample_workspace") == "loaded"
    assert len(store.load()["posts"]) > 1000
    _fresh_caches()


def test_removing_the_sample_in_one_click_empties_the_workspace(sample_app, workspace_url):
    at = sample_app()
    at.run()
    [button] = [b for b in at.sidebar.button if b.label == "Remove sample data"]
    button.click().run()
    assert not at.exception
    store = open_store(workspace_url)
    assert store.imports().empty and store.plans().empty and store.targets().empty
    assert store.setting("sample_workspace") == "removed"
    assert not any("Sample data" in w.value for w in at.sidebar.warning)
    at.run()  # and it does not come back
    assert store.imports().empty


def test_the_view_follows_the_sidebar_and_the_url(sample_app):
    at = sample_app()
    # A bound widget keeps its shown label in the URL (Streamlit's format): ?range=Last+month&…
    at.query_params["range"] = "Last month"
    at.query_params["cmp"] = "Same period last year"
    at.query_params["pf"] = ["Instagram", "TikTok"]
    at.run()
    assert not at.exception
    view = at.session_state["_view"]
    # The sample ends on 31 Oct 2026, before today: ranges count back from there.
    assert view.period == Period(dt.date(2026, 9, 1), dt.date(2026, 9, 30))
    assert view.compare == Period(dt.date(2025, 9, 1), dt.date(2025, 9, 30))
    assert view.platforms == ("instagram", "tiktok")
    assert set(view.tables["posts"]["platform"]) == {"instagram", "tiktok"}
    assert set(view.tables["ads"]["platform"]) == {"meta", "tiktok"}


def test_switching_language_changes_the_labels(sample_app):
    at = sample_app(lang="id")
    at.run()
    assert not at.exception
    assert at.session_state["_view"].lang == "id"
    assert any(s.label == "Rentang tanggal" for s in at.sidebar.selectbox)
    at = sample_app(lang="en")
    at.run()
    assert any(s.label == "Date range" for s in at.sidebar.selectbox)
