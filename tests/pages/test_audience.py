"""Audience page: per-platform breakdowns and follower numbers equal the library's, audiences are
never added across platforms, empty states name the exports, labels in Indonesian."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from smo_metrics import audience as aud
from smo_metrics import i18n

PAGE = "pages/audience.py"


def chart_frames(at) -> list[pd.DataFrame]:
    return [
        convert_arrow_bytes_to_pandas_df(d.data.data)
        for chart in at.get("vega_lite_chart")
        for d in chart.proto.datasets
    ]


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def resolved(view) -> pd.DataFrame:
    t = view.all_tables
    accounts = {
        p: set(t["posts"].loc[t["posts"]["platform"] == p, "account"].dropna()) for p in ("instagram", "facebook")
    }
    return aud.resolve_meta_platform(t["audience"], accounts)


def test_sample_in_indonesian_follower_table_equals_the_library(sample_app):
    at = sample_app(PAGE, lang="id")
    at.run()
    assert not at.exception
    view = at.session_state["_view"]
    assert at.title[0].value == "Audiens"
    assert {s.value for s in at.subheader} >= {"Pengikut per akun", "Pengikut", "Siapa mereka", "Di mana mereka"}
    table = at.dataframe[0].value
    summary = aud.follower_summary(view.tables["account_daily"], view.period)
    tiktok = summary[summary["platform"] == "tiktok"].iloc[0]
    row = table[table["Platform"] == "TikTok"].iloc[0]
    assert row["Pengikut di akhir"] == i18n.number(tiktok["followers_end"], "id")  # 36.815
    assert row["Pertumbuhan"] == i18n.signed_percent(tiktok["growth_rate"], "id", 1)
    instagram = table[table["Platform"] == "Instagram"].iloc[0]
    assert instagram["Perubahan bersih"] == "—"  # new followers only: the net change is not invented
    ig = summary[summary["platform"] == "instagram"].iloc[0]
    assert instagram["Pengikut baru"] == i18n.number(ig["gained"], "id")
    assert any("tidak memuat total pengikut" in c.value for c in at.caption)  # says who lacks totals


def test_instagram_pyramid_and_margins_equal_the_library(sample_app):
    at = sample_app(PAGE, lang="en")
    at.run()
    view = at.session_state["_view"]
    rows = aud.age_gender(resolved(view), platform="instagram")
    margins = aud.age_gender_margins(rows)
    shown = metrics(at)
    for m in margins.itertuples():
        label = {"female": "Women", "male": "Men"}[m.value]
        assert shown[label] == i18n.percent(m.share, "en", 1)
    pyramid = next(f for f in chart_frames(at) if "age_band" in f.columns)
    assert pyramid["value"].to_numpy() == pytest.approx(rows["signed_share"].astype(float).to_numpy())
    assert (pyramid.loc[pyramid["gender"] == "male", "value"] < 0).all()
    # Instagram's own audience only: the Facebook page's breakdown is not added in.
    assert len(pyramid) == len(rows) == 14


def test_new_followers_card_equals_growth_sum(sample_app):
    at = sample_app(PAGE, lang="en")
    at.run()
    view = at.session_state["_view"]
    daily = view.tables["account_daily"]
    ig = daily[daily["platform"] == "instagram"]
    now = aud.follower_summary(ig, view.period).iloc[0]
    before = aud.follower_summary(ig, view.compare).iloc[0]
    shown = {m.label: m for m in at.metric}
    assert shown["New followers"].value == i18n.number(now["gained"])
    relative = (now["gained"] - before["gained"]) / before["gained"]
    assert shown["New followers"].delta == i18n.signed_percent(relative, "en", 1).replace("−", "-")
    assert shown["Followers"].value == "—"  # Meta gives no follower total: none is shown


def test_tiktok_followers_and_snapshot_change(sample_app):
    at = sample_app(PAGE, lang="en")
    at.query_params["au_platform"] = "TikTok"
    at.run()
    assert not at.exception
    view = at.session_state["_view"]
    daily = view.tables["account_daily"]
    tt = aud.follower_summary(daily[daily["platform"] == "tiktok"], view.period).iloc[0]
    assert metrics(at)["Followers"] == i18n.number(tt["followers_end"])
    assert metrics(at)["Net change"] == "+" + i18n.number(tt["net_change"])
    labels = {s.label for s in at.selectbox}
    assert {"Breakdown", "From", "To"} <= labels
    change = aud.snapshot_change(resolved(view), "gender", "2025-10-31", "2026-10-31", platform="tiktok")
    frame = next(f for f in chart_frames(at) if "change_pp" in f.columns)
    assert frame["change_pp"].to_numpy() == pytest.approx(change["change_pp"].astype(float).to_numpy())
    territories = next(f for f in chart_frames(at) if "label" in f.columns and "Indonesia" in set(f["label"]))
    top = aud.top_segments(resolved(view), "territory", platform="tiktok")
    assert territories["value"].to_numpy() == pytest.approx(top["share"].astype(float).to_numpy())


def test_linkedin_professional_dimensions_in_counts(sample_app):
    at = sample_app(PAGE, lang="id")
    at.query_params["au_platform"] = "LinkedIn"
    at.run()
    assert not at.exception
    view = at.session_state["_view"]
    assert any(s.value == "Profil profesional (LinkedIn)" for s in at.subheader)
    frames = chart_frames(at)
    for dimension in ("job_function", "seniority", "industry", "company_size"):
        top = aud.top_segments(resolved(view), dimension, platform="linkedin")
        match = [f for f in frames if "count_text" in f.columns and list(f["label"]) == list(top["segment"])]
        assert match, dimension
        assert match[0]["value"].to_numpy() == pytest.approx(top["count"].astype(float).to_numpy())  # counts
    assert any("tidak mengekspor usia atau gender" in i.value for i in at.info)


def test_sidebar_instagram_keeps_meta_audience(sample_app):
    at = sample_app(PAGE, lang="en")
    at.query_params["pf"] = ["Instagram"]
    at.run()
    assert not at.exception
    assert "Women" in metrics(at)  # Meta's Audience.csv rows of the Instagram account are shown


def test_platform_without_data_names_the_export(sample_app):
    at = sample_app(PAGE, lang="en")
    at.query_params["pf"] = ["X"]
    at.run()
    assert not at.exception
    infos = " ".join(i.value for i in at.info)
    assert "no audience breakdown" in infos
    at = sample_app(PAGE, lang="en")
    at.query_params["pf"] = ["YouTube"]
    at.run()
    assert any("no audience or follower data" in i.value for i in at.info)


@pytest.mark.parametrize("lang,words", [("en", "Audience.csv"), ("id", "Audience.csv")])
def test_empty_workspace_names_the_exports(empty_app, lang, words):
    at = empty_app(PAGE, lang=lang)
    at.run()
    assert not at.exception
    infos = " ".join(i.value for i in at.info)
    assert words in infos and "LinkedIn" in infos and "TikTok Studio" in infos
