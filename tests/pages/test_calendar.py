"""The Calendar page through the app (AppTest): sample and empty workspaces, editor, languages."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from smo_metrics import i18n, plan
from smo_metrics.store import open_store

PAGE = "pages/calendar.py"


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _month_of(at) -> dt.date:
    return at.session_state["cal_day"]


def test_sample_month_numbers_equal_the_library(sample_app):
    at = sample_app(PAGE)
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Calendar"]
    view = at.session_state["_view"]
    day = _month_of(at)
    assert day == view.period.end  # the calendar opens on the month the sidebar's range ends in
    first = day.replace(day=1)
    last = (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).date()
    posts = view.tables["posts"]
    matched = plan.match_plans(view.store.plans(), posts, view.tz, until=plan.data_until(view.tables))
    s = plan.plan_summary(matched, posts, view.tz, first, last)
    shown = _metrics(at)
    assert shown["Posts"] == i18n.number(s.posts, "en")
    assert shown["As planned"] == i18n.percent(s.hit_rate, "en", 0)
    assert shown["Not published"] == i18n.number(s.missed + s.not_found, "en")
    assert shown["Cancelled"] == i18n.number(s.cancelled, "en")
    assert s.posts > 50 and s.missed > 0  # the sample's October has posts and missed plans
    # the missed plans are listed by name
    assert any("Planned, not published" in m.value for m in at.markdown)
    # cadence: the sample has a YouTube gap in the last 28 days
    assert any("Gaps:" in w.value and "YouTube" in w.value for w in at.warning)


def test_indonesian_labels(sample_app):
    at = sample_app(PAGE, lang="id")
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Kalender"]
    labels = [m.label for m in at.metric]
    assert labels == ["Postingan", "Sesuai rencana", "Tidak tayang", "Akan datang", "Dibatalkan"]
    subheaders = [h.value for h in at.subheader]
    assert subheaders == ["Ritme posting", "Editor rencana", "Ekspor rencana"]
    assert "Oktober" in " ".join(m.value for m in at.markdown)
    assert at.button(key="ed_save").label == "Tambahkan ke rencana"
    # percentages with a decimal comma
    assert "," in at.metric[1].value or at.metric[1].value.endswith("%")


def test_week_view_and_navigation(sample_app):
    at = sample_app(PAGE)
    at.query_params["cal_view"] = "Week"
    at.query_params["cal_day"] = "2026-11-11"
    at.run()
    assert not at.exception
    assert any(m.value.startswith("### Week 46") for m in at.markdown)
    # the week after the data ends: the plans cannot be checked yet, and the page says so
    assert any("cannot be checked yet" in i.value for i in at.info)
    at.button(key="cal_next").click().run()
    assert not at.exception
    assert at.session_state["cal_day"] == dt.date(2026, 11, 18)
    assert any(m.value.startswith("### Week 47") for m in at.markdown)


def test_adding_a_plan_saves_it_to_the_workspace(sample_app, workspace_url):
    at = sample_app(PAGE)
    at.run()
    at.date_input(key="ed_date").set_value(dt.date(2026, 12, 3))
    at.time_input(key="ed_time").set_value(dt.time(19, 30))
    at.selectbox(key="ed_platform").set_value("tiktok")
    at.run()
    at.text_area(key="ed_caption").input("Kopi susu gula aren baru! Cobain ya")
    at.text_input(key="ed_hashtags").input("#kopisenja #ngopi")
    at.text_input(key="ed_campaign").input("Harbolnas 12.12 2026")
    at.run()
    at.button(key="ed_save").click().run()
    assert not at.exception
    assert any("Saved" in s.value for s in at.success)
    plans = open_store(workspace_url).plans()
    mine = plans.loc[plans["caption"] == "Kopi susu gula aren baru! Cobain ya"]
    assert len(mine) == 1
    row = mine.iloc[0]
    assert row["platform"] == "tiktok" and row["post_type"] == "video" and row["status"] == "planned"
    assert row["hashtags"] == "#kopisenja #ngopi" and row["campaign"] == "Harbolnas 12.12 2026"
    # 19:30 in Jakarta (UTC+7) is 12:30 UTC
    assert row["planned_at"] == pd.Timestamp("2026-12-03 12:30", tz="UTC")
    assert row["origin"] is pd.NA or pd.isna(row["origin"])
    # the editor now edits the new plan; changing and saving updates it in place
    assert at.session_state["ed_pick"] == int(row["id"])
    at.selectbox(key="ed_status").set_value("cancelled")
    at.button(key="ed_save").click().run()
    assert open_store(workspace_url).plan(int(row["id"]))["status"] == "cancelled"
    at.button(key="ed_delete").click().run()
    assert not at.exception
    assert int(row["id"]) not in set(open_store(workspace_url).plans()["id"].tolist())


def test_editing_an_existing_plan_loads_its_fields(sample_app):
    at = sample_app(PAGE)
    at.run()
    plans = at.session_state["_view"].store.plans()
    target = plans.loc[plans["caption"].notna()].iloc[0]
    at.selectbox(key="ed_pick").set_value(int(target["id"])).run()
    assert not at.exception
    assert at.text_area(key="ed_caption").value == target["caption"]
    assert at.selectbox(key="ed_platform").value == target["platform"]


def test_over_long_x_caption_shows_a_warning(sample_app):
    at = sample_app(PAGE)
    at.run()
    at.selectbox(key="ed_platform").set_value("x").run()
    at.text_area(key="ed_caption").input("Kopi susu " * 30).run()  # 300 characters
    assert not at.exception
    texts = [w.value for w in at.warning]
    assert any("too long for X" in t and "300 of 280" in t for t in texts)
    # the editor still shows how long it is as X counts it
    assert any("300 of 280" in c.value for c in at.caption)


def test_too_many_instagram_hashtags_and_prime_time_advice(sample_app):
    at = sample_app(PAGE, lang="id")
    at.run()
    at.selectbox(key="ed_platform").set_value("instagram").run()
    at.text_input(key="ed_hashtags").input(" ".join(f"#tag{i}x" for i in range(8))).run()
    assert any("8 tagar" in w.value for w in at.warning)
    # 03:00 on a Wednesday: no Instagram post went out then, so it is called untested, not bad
    at.date_input(key="ed_date").set_value(dt.date(2026, 12, 2))
    at.time_input(key="ed_time").set_value(dt.time(3, 0)).run()
    assert any("belum teruji" in i.value for i in at.info)


def test_empty_workspace(empty_app, workspace_url):
    at = empty_app(PAGE)
    at.run()
    assert not at.exception
    infos = " ".join(i.value for i in at.info)
    assert "No posts imported yet" in infos and "No plans" in infos
    assert all(m.value in ("—", "0") for m in at.metric)
    at.text_area(key="ed_caption").input("Rencana pertama").run()
    at.button(key="ed_save").click().run()
    assert not at.exception
    assert open_store(workspace_url).plans()["caption"].tolist() == ["Rencana pertama"]


def test_empty_workspace_in_indonesian(empty_app):
    at = empty_app(PAGE, lang="id")
    at.run()
    assert not at.exception
    assert any("Belum ada postingan" in i.value for i in at.info)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_platform_filter_narrows_plans_and_posts(sample_app, lang):
    at = sample_app(PAGE, lang=lang)
    at.query_params["pf"] = ["Instagram"]
    at.run()
    assert not at.exception
    view = at.session_state["_view"]
    assert view.platforms == ("instagram",)
    day = _month_of(at)
    first = day.replace(day=1)
    last = (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).date()
    posts = view.tables["posts"]
    plans = plan.select_plans(view.store.plans(), view.platforms, view.accounts, posts)
    s = plan.plan_summary(
        plan.match_plans(plans, posts, view.tz, until=plan.data_until(view.tables)), posts, view.tz, first, last
    )
    assert at.metric[0].value == i18n.number(s.posts, lang)
