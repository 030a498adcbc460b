"""The app from its entry point, as Streamlit runs it (``streamlit.testing.v1.AppTest``)."""

import pytest
from streamlit.testing.v1 import AppTest

# An Instagram post export from Meta Business Suite (content export, lifetime), two posts.
INSTAGRAM_CSV = b"""\
"Post ID","Account ID","Account username","Account name",Description,"Duration (sec)","Publish time",Permalink,"Post type","Data comment",Date,Views,Reach,Likes,Shares,Follows,Comments,Saves
"18034567890123456","17841400000000001","kopi.nusantara","Kopi Nusantara","Promo kopi susu gula aren",0,"01/15/2025 19:30","https://www.instagram.com/p/AAA111/","IG image",,Lifetime,1520,1204,87,5,2,9,14
"18034567890123457","17841400000000001","kopi.nusantara","Kopi Nusantara","Di balik layar roastery",32,"01/17/2025 12:05","https://www.instagram.com/reel/BBB222/","IG reel",,Lifetime,8410,6032,412,38,11,27,65
"""


@pytest.fixture
def app(empty_app) -> AppTest:
    at = empty_app("pages/data.py")
    at.run()
    return at


def test_data_page_opens_without_error(app):
    assert not app.exception
    assert [t.value for t in app.title] == ["Data"]
    assert len(app.file_uploader) == 1
    # Empty state: says what to upload.
    assert any("TikTok Studio" in i.value for i in app.info)


def test_uploading_an_instagram_export_shows_its_table(app):
    app.file_uploader[0].upload("instagram_posts.csv", INSTAGRAM_CSV, "text/csv").run()
    assert not app.exception
    assert not app.error
    summary = app.dataframe[0].value
    assert summary[["Platform", "Kind", "Account", "Rows", "Rejected rows"]].to_dict("records") == [
        {"Platform": "instagram", "Kind": "posts", "Account": "kopi.nusantara", "Rows": 2, "Rejected rows": 0}
    ]
    assert summary["Dates"].tolist() == ["2025-01-15 → 2025-01-17"]


def test_unreadable_file_shows_the_reason_and_no_traceback(app):
    app.file_uploader[0].upload("notes.csv", b"hello,world\n1,2\n", "text/csv").run()
    assert not app.exception
    assert len(app.error) == 1
    assert "notes" in app.error[0].value
    assert "not an export we recognise" in app.error[0].value


def test_rejected_rows_are_listed_with_line_and_reason(app):
    # Second post has no Post ID: it is rejected (line 3 of the file), the first one is read.
    broken = INSTAGRAM_CSV.replace(b'"18034567890123457"', b'""', 1)
    app.file_uploader[0].upload("instagram_posts.csv", broken, "text/csv").run()
    assert not app.exception
    summary, rejected = app.dataframe[0].value, app.dataframe[1].value
    assert summary[["Rows", "Rejected rows"]].to_dict("records") == [{"Rows": 1, "Rejected rows": 1}]
    assert rejected["line"].tolist() == [3]
    assert "no post id" in rejected["reason"].iloc[0]
