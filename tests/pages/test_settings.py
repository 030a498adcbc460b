"""The Settings page on the sample and an empty workspace (``streamlit.testing.v1.AppTest``).

Saved settings and targets are read back from the store the page wrote to (``workspace_url``).
The targets editor (``st.data_editor``) is driven through its session state, the way Streamlit
records a user's edits: ``{"edited_rows", "added_rows", "deleted_rows"}``.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.words_overview import TARGET_METRICS
from smo_metrics import targets
from smo_metrics.store import open_store

EDITOR = "targets_editor"


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def stored(url: str):
    store = open_store(url)
    try:
        return store.settings(), store.targets()
    finally:
        store.close()


def editor_rows(at) -> pd.DataFrame:
    """The targets in the editor's order (newest period first), as the page shows them."""
    view = at.session_state["_view"]
    frame = view.store.targets()
    return frame.sort_values(["period_start", "metric", "platform"], ascending=[False, True, True], kind="stable")


@pytest.fixture
def sample(sample_app):
    at = sample_app("pages/settings.py")
    at.run()
    assert not at.exception
    return at


def test_settings_are_saved_to_the_store(sample, workspace_url):
    at = sample
    assert [t.value for t in at.title] == ["Settings"]
    assert at.text_input[0].value == "Kopi Senja Nusantara"
    at.text_input[0].set_value("Kopi Senja Bandung")
    main = [s for s in at.main.selectbox]
    by_label = {s.label: s for s in main}
    by_label["Time zone"].set_value("Asia/Makassar")
    by_label["Currency"].set_value("USD")
    by_label["Default language"].set_value("id")
    at.radio[0].set_value("impressions")
    at.button[0].click().run()  # the form's submit button
    assert not at.exception
    settings, _ = stored(workspace_url)
    assert (settings["brand_name"], settings["tz"], settings["currency"]) == (
        "Kopi Senja Bandung",
        "Asia/Makassar",
        "USD",
    )
    assert (settings["language"], settings["er_definition"]) == ("id", "impressions")
    assert [s.value for s in at.success] == ["Settings saved."]
    assert at.session_state["_view"].tz == "Asia/Makassar"  # the rerun reads the new settings


def test_engagement_definitions_say_which_platforms_they_rate(sample):
    captions = sample.radio[0].proto.captions
    assert captions[0] == "Rates the posts of Facebook, Instagram."  # only Meta exports reach per post


def test_an_invalid_target_shows_an_error_and_saves_nothing(sample, workspace_url):
    at = sample
    _, before = stored(workspace_url)
    first = editor_rows(at).iloc[0]
    at.session_state[EDITOR] = {
        "edited_rows": {0: {"value": 0}, 1: {"value": 123}},  # row 1 refused, row 2 would be fine
        "added_rows": [
            {"metric": "posts", "platform": "x", "period": "month", "period_start": "2026-12-05", "value": 30}
        ],
        "deleted_rows": [2],
    }
    button(at, "Save targets").click().run()
    assert not at.exception
    (error,) = at.error
    assert "Nothing was saved" in error.value
    assert "Row 1: a target value must be a number > 0" in error.value
    assert "starts on the 1st" in error.value  # the added row (row 144 + 1)
    _, after = stored(workspace_url)
    pd.testing.assert_frame_equal(before, after)  # nothing saved, not even the valid edit or the delete
    assert first["value"] in after["value"].tolist()


def test_reach_cannot_be_a_target(sample, workspace_url):
    at = sample
    at.session_state[EDITOR] = {
        "edited_rows": {},
        "added_rows": [
            {"metric": "reach", "platform": "all", "period": "month", "period_start": "2026-12-01", "value": 1e6}
        ],
        "deleted_rows": [],
    }
    button(at, "Save targets").click().run()
    assert "reach_sum" in at.error[0].value
    _, after = stored(workspace_url)
    assert "reach" not in after["metric"].tolist()


def test_targets_are_added_changed_and_deleted(sample, workspace_url):
    at = sample
    rows = editor_rows(at)
    changed_id, deleted_id = int(rows.iloc[0]["id"]), int(rows.iloc[1]["id"])
    at.session_state[EDITOR] = {
        "edited_rows": {0: {"value": 55}},
        "added_rows": [
            {
                "metric": "reach_sum",
                "platform": "instagram",
                "period": "week",
                "period_start": "2026-11-02",
                "value": 90000,
            }
        ],
        "deleted_rows": [1],
    }
    button(at, "Save targets").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Targets saved: 1 added, 1 changed, 1 deleted."]
    _, after = stored(workspace_url)
    assert len(after) == len(rows)  # one added, one deleted
    assert after.set_index("id").loc[changed_id, "value"] == 55
    assert after.set_index("id").loc[changed_id, "origin"] == "sample"  # an edited sample target stays sample
    assert deleted_id not in after["id"].tolist()
    new = after[after["metric"] == "reach_sum"].iloc[0]
    assert (new["platform"], new["period"], new["kind"]) == ("instagram", "week", "sum")
    assert new["period_start"] == pd.Timestamp("2026-11-02") and new["value"] == 90000 and pd.isna(new["origin"])


def test_no_changes(sample):
    button(sample, "Save targets").click().run()
    assert [i.value for i in sample.info] == ["Nothing to save: the table has no changes."]


def test_indonesian_labels(sample_app):
    at = sample_app("pages/settings.py", lang="id")
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Pengaturan"]
    assert [s.value for s in at.subheader] == ["Workspace", "Target"]
    assert {b.label for b in at.button} >= {"Simpan pengaturan", "Simpan target"}
    assert at.radio[0].label == "Tingkat interaksi"
    assert at.main.expander[-1].label == "Metrik yang bisa diberi target"
    which = at.main.dataframe[-1].value
    assert sorted(which["metric"]) == sorted(TARGET_METRICS["id"][m] for m in targets.METRIC_KINDS)  # every one
    assert "Σ jangkauan postingan" in " ".join(which["counts"])
    at.session_state[EDITOR] = {"edited_rows": {0: {"value": -1}}, "added_rows": [], "deleted_rows": []}
    button(at, "Simpan target").click().run()
    assert at.error[0].value.startswith("Tidak ada yang disimpan")


def test_empty_workspace_adds_its_first_target(empty_app, workspace_url):
    at = empty_app("pages/settings.py")
    at.run()
    assert not at.exception
    assert at.main.expander[-1].proto.expanded  # no targets yet: the list of metrics is open
    at.session_state[EDITOR] = {
        "edited_rows": {},
        "added_rows": [{"metric": "posts", "period_start": "2026-12-01", "value": 20}],  # platform, period: defaults
        "deleted_rows": [],
    }
    button(at, "Save targets").click().run()
    assert not at.exception
    _, after = stored(workspace_url)
    assert after[["metric", "platform", "period", "value", "kind"]].to_dict("records") == [
        {"metric": "posts", "platform": "all", "period": "month", "value": 20.0, "kind": "sum"}
    ]
