"""The Data page: preview uploads, import them into the store, map unknown files, history, workspace."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import sample_data
from smo_metrics.store import open_store

PAGE = "pages/data.py"

# An Instagram post export from Meta Business Suite (content export, lifetime), two posts.
INSTAGRAM_CSV = b"""\
"Post ID","Account ID","Account username","Account name",Description,"Duration (sec)","Publish time",Permalink,"Post type","Data comment",Date,Views,Reach,Likes,Shares,Follows,Comments,Saves
"18034567890123456","17841400000000001","kopi.nusantara","Kopi Nusantara","Promo kopi susu gula aren",0,"01/15/2025 19:30","https://www.instagram.com/p/AAA111/","IG image",,Lifetime,1520,1204,87,5,2,9,14
"18034567890123457","17841400000000001","kopi.nusantara","Kopi Nusantara","Di balik layar roastery",32,"01/17/2025 12:05","https://www.instagram.com/reel/BBB222/","IG reel",,Lifetime,8410,6032,412,38,11,27,65
"""

UNKNOWN_CSV = b"""Tanggal,Suka,Komentar,Catatan
01/03/2026,10,2,promo
02/03/2026,12,x,
"""


@pytest.fixture
def app(empty_app) -> AppTest:
    at = empty_app(PAGE)
    at.run()
    return at


def _button(at: AppTest, label_start: str):
    found = [b for b in at.button if b.label.startswith(label_start)]
    assert found, [b.label for b in at.button]
    return found[0]


def test_data_page_opens_without_error(app):
    assert not app.exception
    assert [t.value for t in app.title] == ["Data"]
    assert len(app.file_uploader) == 2  # the exports, and a backup to restore
    assert any("TikTok Studio" in i.value for i in app.info)  # empty state: says what to upload


def test_uploading_an_instagram_export_shows_its_table_before_importing(app, workspace_url):
    app.file_uploader[0].upload("instagram_posts.csv", INSTAGRAM_CSV, "text/csv").run()
    assert not app.exception and not app.error
    summary = app.dataframe[0].value
    assert summary[["Platform", "Kind", "Account", "Rows", "Rejected rows"]].to_dict("records") == [
        {"Platform": "Instagram", "Kind": "posts", "Account": "kopi.nusantara", "Rows": 2, "Rejected rows": 0}
    ]
    assert summary["Dates"].tolist() == ["15 – 17 Jan 2025"]
    assert open_store(workspace_url).imports().empty  # nothing stored before Import


def test_import_stores_the_rows_and_a_second_upload_says_already_imported(app, workspace_url):
    app.file_uploader[0].upload("instagram_posts.csv", INSTAGRAM_CSV, "text/csv").run()
    _button(app, "Import 1 file").click().run()
    assert not app.exception
    assert any("Imported: 1 new, 0 already there, 0 failed." in s.value for s in app.success)
    store = open_store(workspace_url)
    posts = store.load()["posts"]
    assert sorted(posts["post_id"]) == ["18034567890123456", "18034567890123457"]
    assert list(store.imports()["file_name"]) == ["instagram_posts.csv"]
    assert not any(u.value for u in app.file_uploader)  # the uploader is emptied after an import
    app.file_uploader[0].upload("instagram_posts.csv", INSTAGRAM_CSV, "text/csv").run()
    assert any("Already imported as import #1" in s.value for s in app.success)


def test_an_export_without_an_account_asks_for_it_before_import(app, workspace_url):
    reach = (sample_data.WORKSPACE / "exports/meta_insights/Reach.csv").read_bytes()
    app.file_uploader[0].upload("Reach.csv", reach, "text/csv").run()
    assert not app.exception
    button = _button(app, "Import 0 file")
    assert button.disabled
    [ask] = [t for t in app.text_input if t.label.startswith("Whose")]  # no Instagram account known yet
    ask.input("kopisenja.id").run()
    _button(app, "Import 1 file").click().run()
    assert not app.exception
    daily = open_store(workspace_url).load()["account_daily"]
    assert len(daily) > 500 and set(daily["account"]) == {"kopisenja.id"}


def test_an_unreadable_file_shows_the_reason_and_can_be_mapped_by_hand(app, workspace_url):
    app.file_uploader[0].upload("laporan.csv", UNKNOWN_CSV, "text/csv").run()
    assert not app.exception
    assert "not an export we recognise" in app.error[0].value
    # The guess maps the Indonesian headers Meta uses; the date column is named by hand.
    grid = app.data_editor[0]
    frame = grid.value
    assert frame.set_index("Data model column").loc["likes", "Column in your file"] == "Suka"  # guessed
    row = int(frame.index[frame["Data model column"] == "published_at (required)"][0])
    app.session_state[grid.key] = {
        "edited_rows": {row: {"Column in your file": "Tanggal"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    [save_as] = [t for t in app.text_input if t.label == "Save this mapping as"]
    save_as.input("Agency report").run()
    _button(app, "Save mapping").click().run()
    assert not app.exception
    store = open_store(workspace_url)
    assert list(store.mappings()["name"]) == ["Agency report"]
    [account] = [t for t in app.text_input if t.label == "Account (optional)"]
    account.input("kopi.nusantara").run()
    _button(app, "Read with this mapping").click().run()
    assert not app.exception
    [summary] = [d.value for d in app.dataframe if "Rows" in d.value.columns]
    assert summary[["Rows", "Rejected rows"]].to_dict("records") == [{"Rows": 1, "Rejected rows": 1}]
    _button(app, "Import 1 file").click().run()
    posts = store.load()["posts"]
    assert len(posts) == 1 and float(posts["likes"].iloc[0]) == 10.0
    assert posts["account"].tolist() == ["kopi.nusantara"]


def test_rejected_rows_are_listed_with_line_and_reason(app):
    broken = INSTAGRAM_CSV.replace(b'"18034567890123457"', b'""', 1)
    app.file_uploader[0].upload("instagram_posts.csv", broken, "text/csv").run()
    assert not app.exception
    summary, rejected = app.dataframe[0].value, app.dataframe[1].value
    assert summary[["Rows", "Rejected rows"]].to_dict("records") == [{"Rows": 1, "Rejected rows": 1}]
    assert rejected["line"].tolist() == [3]
    assert "no post id" in rejected["reason"].iloc[0]


def test_history_lists_imports_and_deletes_the_selected_one(sample_app, workspace_url):
    at = sample_app(PAGE)
    at.run()
    assert not at.exception
    history = [d for d in at.dataframe if "Imported" in d.value.columns][0]
    assert len(history.value) == len(sample_data.files())
    assert history.value["#"].iloc[0] == len(sample_data.files())  # newest first


def test_the_workspace_tab_loads_and_removes_the_sample(app, workspace_url):
    _button(app, "Load the sample workspace").click().run()
    assert not app.exception
    store = open_store(workspace_url)
    assert len(store.imports()) == len(sample_data.files())
    _button(app, "Remove the sample workspace").click().run()
    assert not app.exception
    assert store.imports().empty and store.setting("sample_workspace") == "removed"


def test_a_backup_is_prepared_for_download(sample_app):
    at = sample_app(PAGE)
    at.run()
    _button(at, "Prepare a backup").click().run()
    assert not at.exception
    # The download button appears once the zip is written (AppTest lists it among unknown elements).
    assert any("workspace-" in str(getattr(e, "proto", "")) for e in at.get("download_button"))


def test_the_page_speaks_indonesian(empty_app):
    at = empty_app(PAGE, lang="id")
    at.run()
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Impor", "Riwayat impor", "Workspace"]
