"""Settings, content-calendar plans, targets and A/B tests kept in the store."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from smo_metrics.errors import DataError, UsageError
from smo_metrics.store import DEFAULT_SETTINGS


def test_settings_start_at_the_defaults(store):
    assert store.settings() == {
        "tz": "Asia/Jakarta",
        "currency": "IDR",
        "language": "en",
        "brand_name": "",
        "er_definition": "reach",
        "sample_workspace": "",
    }
    assert store.setting("tz") == "Asia/Jakarta"
    assert store.is_empty()


def test_settings_are_updated_and_kept(store, store_url):
    from smo_metrics.store import open_store

    store.set_settings(tz="Asia/Makassar", currency="usd", brand_name="  Kopi Nusantara ", er_definition="impressions")
    store.set_settings(language="id")
    expected = {
        "tz": "Asia/Makassar",
        "currency": "USD",
        "language": "id",
        "brand_name": "Kopi Nusantara",
        "er_definition": "impressions",
        "sample_workspace": "",
    }
    assert store.settings() == expected
    again = open_store(store_url)  # another instance reads the same settings
    try:
        assert again.settings() == expected
    finally:
        again.close()
    assert DEFAULT_SETTINGS["tz"] == "Asia/Jakarta"  # the defaults themselves are untouched


@pytest.mark.parametrize(
    "values",
    [{"tz": "Mars/Olympus"}, {"currency": "rupiah"}, {"language": "fr"}, {"er_definition": "vibes"}, {"colour": "red"}],
)
def test_bad_settings_are_refused_and_nothing_changes(store, values):
    with pytest.raises(UsageError):
        store.set_settings(**values)
    assert store.version() == 0


def test_the_workspace_zone_is_used_for_imports(store):
    from tests.store._exports import TODAY, instagram_csv

    store.set_settings(tz="Asia/Makassar")  # UTC+8: 10:23 local is 02:23 UTC
    store.import_file(instagram_csv([("111", 1, 1)]), "a.csv", today=TODAY)
    assert store.load()["posts"]["published_at"].tolist() == [pd.Timestamp("2026-05-26 02:23", tz="UTC")]


def test_plans_are_added_listed_updated_and_deleted(store):
    # 19:00 in Jakarta (UTC+7, no daylight saving) is 12:00 UTC.
    first = store.add_plan(
        "2026-03-01 19:00",
        "instagram",
        caption="Promo Ramadan",
        hashtags=["kopi", "#ramadan", "kopi"],
        campaign="Ramadan",
    )
    second = store.add_plan(dt.datetime(2026, 2, 27, 9, 0, tzinfo=dt.UTC), "tiktok", post_type="video")
    plans = store.plans()
    assert plans["id"].tolist() == [second, first]  # ordered by time
    row = plans.iloc[1]
    assert row["planned_at"] == pd.Timestamp("2026-03-01 12:00", tz="UTC")
    assert (row["platform"], row["status"], row["hashtags"]) == ("instagram", "planned", "#kopi #ramadan")
    assert pd.isna(row["published_post_id"])
    assert str(plans["planned_at"].dtype) == "datetime64[ns, UTC]"

    store.update_plan(first, status="published", published_post_id="17974697564884257")
    updated = store.plan(first)
    assert (updated["status"], updated["published_post_id"]) == ("published", "17974697564884257")
    assert updated["updated_at"] >= updated["created_at"]

    march = store.plans(start="2026-03-01", end="2026-04-01")  # local dates, Jakarta
    assert march["id"].tolist() == [first]

    store.delete_plan(second)
    assert store.plans()["id"].tolist() == [first]
    with pytest.raises(DataError, match=f"no plan #{second}"):
        store.update_plan(second, caption="x")


def test_bad_plans_are_refused(store):
    with pytest.raises(UsageError, match="platform"):
        store.add_plan("2026-03-01 19:00", "myspace")
    with pytest.raises(UsageError, match="status"):
        store.add_plan("2026-03-01 19:00", "x", status="maybe")
    with pytest.raises(UsageError, match="date and time"):
        store.add_plan("someday", "x")
    plan = store.add_plan("2026-03-01 19:00", "x")
    with pytest.raises(UsageError, match="unknown plan field"):
        store.update_plan(plan, colour="red")
    assert len(store.plans()) == 1


def test_targets_are_added_checked_updated_and_deleted(store):
    month = store.add_target("posts", "month", "2026-03-01", 12)
    week = store.add_target("engagement_rate_by_reach", "week", dt.date(2026, 3, 2), 0.05, platform="instagram")
    targets = store.targets()
    assert targets["id"].tolist() == [month, week]
    assert targets["kind"].tolist() == ["sum", "rate"]  # from smo_metrics.targets.METRIC_KINDS
    assert targets["period_start"].tolist() == [pd.Timestamp("2026-03-01"), pd.Timestamp("2026-03-02")]
    assert targets["value"].tolist() == [12.0, 0.05]

    store.update_target(month, value=15)
    assert store.target(month)["value"] == 15.0
    with pytest.raises(UsageError, match="starts on the 1st"):
        store.update_target(month, period_start="2026-03-05")
    with pytest.raises(UsageError, match="> 0"):
        store.add_target("posts", "week", "2026-03-02", -1)
    store.delete_target(week)
    assert store.targets()["id"].tolist() == [month]


def test_ab_tests_keep_their_definition(store):
    definition = {
        "arms": [{"label": "A", "count": 120, "nobs": 4000}, {"label": "B", "post_id": "17974697564884257"}],
        "alpha": 0.05,
    }
    test_id = store.add_ab_test("Hook in first second", "ctr", definition)
    assert store.ab_test(test_id)["definition"] == definition
    frame = store.ab_tests()
    assert frame["name"].tolist() == ["Hook in first second"]
    assert frame["definition"].tolist() == [definition]

    store.update_ab_test(test_id, definition={**definition, "alpha": 0.01})
    assert store.ab_test(test_id)["definition"]["alpha"] == 0.01
    with pytest.raises(UsageError, match="label"):
        store.add_ab_test("x", "ctr", {"arms": [{"label": "A"}, {"count": 3}]})
    with pytest.raises(UsageError, match="JSON"):
        store.add_ab_test("x", "ctr", {"arms": [{"label": "A"}, {"label": "B"}], "when": dt.date(2026, 1, 1)})
    store.delete_ab_test(test_id)
    assert store.ab_tests().empty
    with pytest.raises(DataError):
        store.ab_test(test_id)


def test_column_mappings_are_saved_found_by_headers_and_replaced_by_name(store):
    first = store.save_mapping(
        "Agency report", "posts", "instagram", {"published_at": "Tanggal", "likes": "Suka"}, date_format="%d/%m/%Y"
    )
    store.save_mapping("Small", "posts", "instagram", {"published_at": "Tanggal"})
    found = store.matching_mappings(["Tanggal", "Suka", "Komentar"])
    assert list(found["name"]) == ["Agency report", "Small"]  # the one mapping more columns first
    assert found["definition"].iloc[0] == {
        "columns": {"published_at": "Tanggal", "likes": "Suka"},
        "header_row": 0,
        "date_format": "%d/%m/%Y",
        "decimal": None,
    }
    assert list(store.matching_mappings(["Date", "Likes"])["name"]) == []
    again = store.save_mapping("Agency report", "posts", "facebook", {"published_at": "Tgl"})
    assert again != first and len(store.mappings()) == 2
    assert store.mappings().set_index("name").loc["Agency report", "platform"] == "facebook"
    store.delete_mapping(again)
    assert list(store.mappings()["name"]) == ["Small"]


def test_a_mapping_with_unknown_columns_or_no_name_is_refused(store):
    with pytest.raises(UsageError, match="not columns of posts"):
        store.save_mapping("x", "posts", "instagram", {"followers_total": "F"})
    with pytest.raises(UsageError, match="needs a name"):
        store.save_mapping("  ", "posts", "instagram", {"likes": "L"})
    with pytest.raises(UsageError, match="at least one column"):
        store.save_mapping("x", "posts", "instagram", {})
    assert store.mappings().empty
