"""Prime time page: the numbers shown are the library's for the same filters, untested slots are
flagged (never coloured), posts without an hour are counted, and every label is in Indonesian."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from smo_metrics import i18n, timing

PAGE = "pages/prime_time.py"


def chart_frames(at) -> list[pd.DataFrame]:
    """The data of every Altair chart on the page (one dataset each)."""
    frames = []
    for chart in at.get("vega_lite_chart"):
        for dataset in chart.proto.datasets:
            frames.append(convert_arrow_bytes_to_pandas_df(dataset.data.data))
    return frames


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def library(view, platform: str = "instagram", metric: str = "engagement_rate_by_reach", **filters):
    """The grid and best slots the page should show: the default window is the 12 months to the range's end."""
    if "period" not in filters and "month" not in filters:
        filters["period"] = timing.months_back(view.period.end, 12)
    chosen = timing.select_posts(view.tables["posts"], view.tz, platform=platform, **filters)
    grid = timing.prime_time_grid(chosen, view.tz, metric)
    return grid, timing.best_slots(grid, n=3, min_posts=3, lang=view.lang)


def test_sample_in_indonesian_shows_the_library_numbers(sample_app):
    at = sample_app(PAGE, lang="id")
    at.run()
    assert not at.exception
    view = at.session_state["_view"]
    assert at.title[0].value == "Waktu terbaik"
    assert {s.label for s in at.selectbox} >= {"Platform", "Jenis postingan", "Metrik", "Postingan dari"}
    grid, best = library(view)
    summary = timing.grid_summary(grid)
    shown = metrics(at)
    assert shown["Postingan di grid"] == i18n.number(summary["posts"], "id")
    assert shown["Slot yang dicoba"] == f"{summary['slots_tested']} dari 168"
    assert shown["Rata-rata per postingan"] == i18n.percent(summary["grand_mean"], "id", 1)
    assert summary["posts"] > 300  # the sample's Instagram year: a believable grid
    texts = [m.value for m in at.markdown]
    assert len(best) == 3
    for row in best.itertuples():
        assert row.evidence in texts  # the evidence in words, in Indonesian
        assert "postingan, rata-rata" in row.evidence and "selang kepercayaan 95%" in row.evidence


def test_untested_slots_are_flagged_not_coloured(sample_app):
    at = sample_app(PAGE, lang="id")
    at.run()
    view = at.session_state["_view"]
    grid, best = library(view)
    heat = chart_frames(at)[0]
    assert len(heat) == 168
    untested = heat[~heat["tested"].astype(bool)]
    assert len(untested) == int(grid["untested"].sum()) > 0
    assert untested["value"].isna().all()  # no colour value: drawn grey and hatched
    assert untested["note"].str.startswith("Belum dicoba").all()
    tested = heat[heat["tested"].astype(bool)]
    expected = grid.loc[~grid["untested"], "shrunk"].astype(float).to_numpy()
    assert tested["value"].to_numpy() == pytest.approx(expected)
    assert sorted(heat.loc[heat["mark"] != "", "slot"]) == sorted(best["slot"])  # recommended, outlined


def test_tooltips_carry_counts_and_intervals(sample_app):
    at = sample_app(PAGE, lang="en")
    at.run()
    view = at.session_state["_view"]
    grid, _ = library(view)
    heat = chart_frames(at)[0]
    row = grid.loc[grid["posts"].idxmax()]
    cell = heat[heat["slot"] == timing.slot_label(int(row["weekday"]), int(row["hour"]))].iloc[0]
    assert cell["posts_text"] == i18n.number(int(row["posts"]))
    assert cell["ci_text"] == f"{i18n.percent(row['ci_low'])} – {i18n.percent(row['ci_high'])}"
    assert cell["mean_text"] == i18n.percent(row["mean"])


def test_metric_post_type_and_month_filters(sample_app):
    at = sample_app(PAGE, lang="en")
    at.query_params["pt_metric"] = "Reach per post"
    at.query_params["pt_type"] = "Reels"
    at.query_params["pt_window"] = "September 2026"
    at.run()
    assert not at.exception
    view = at.session_state["_view"]
    grid, best = library(view, metric="reach", post_type="reel", month="2026-09")
    summary = timing.grid_summary(grid)
    shown = metrics(at)
    assert shown["Posts in the grid"] == i18n.number(summary["posts"])
    assert shown["Average per post"] == i18n.number(summary["grand_mean"])
    texts = [m.value for m in at.markdown]
    assert all(evidence in texts for evidence in best["evidence"])


def test_month_by_month_panels_match_the_library(sample_app):
    at = sample_app(PAGE, lang="en")
    at.run()
    view = at.session_state["_view"]
    panels = chart_frames(at)[1]
    assert sorted(panels["panel"].unique()) == ["August 2026", "October 2026", "September 2026"]
    chosen = timing.select_posts(view.tables["posts"], view.tz, platform="instagram")
    by = timing.prime_time_by(chosen, by=["month"], tz=view.tz)
    october = by[by["month"] == "2026-10"]
    shown = panels[panels["panel"] == "October 2026"]
    assert int((~shown["tested"].astype(bool)).sum()) == int(october["untested"].sum())
    best = timing.best_slots(october.reset_index(drop=True), n=1, min_posts=3)
    assert any(best["evidence"].iloc[0] in m.value for m in at.markdown)


def test_dates_only_platform_is_counted_and_explained(sample_app):
    at = sample_app(PAGE, lang="en")
    at.query_params["pt_platform"] = "TikTok (dates only)"
    at.run()
    assert not at.exception
    view = at.session_state["_view"]
    chosen = timing.select_posts(
        view.tables["posts"], view.tz, platform="tiktok", period=timing.months_back(view.period.end, 12)
    )
    assert metrics(at)["Posts without an hour"] == i18n.number(timing.posts_without_hour(chosen))
    assert any("give dates only" in i.value for i in at.info)
    lines = "\n".join(m.value for m in at.markdown)
    counts = timing.posts_without_hour_by(
        timing.select_posts(view.tables["posts"], view.tz, period=timing.months_back(view.period.end, 12))
    )
    for row in counts[counts["without_hour"] > 0].itertuples():
        assert f"**{i18n.label(row.platform)}**: {i18n.number(row.without_hour)} of {i18n.number(row.posts)}" in lines


def test_follower_activity_is_its_own_heatmap_labelled_as_online(sample_app):
    at = sample_app(PAGE, lang="id")
    at.run()
    view = at.session_state["_view"]
    assert any(s.value == "Kapan pengikut TikTok Anda online" for s in at.subheader)
    assert any("bukan hasil postingan" in c.value for c in at.caption)
    activity = chart_frames(at)[-1]
    fa = view.tables["follower_activity"]
    window = timing.months_back(view.period.end, 12)
    fa = fa[(fa["date"] >= pd.Timestamp(window.start)) & (fa["date"] <= pd.Timestamp(window.end))]
    grid = timing.activity_grid(fa, tz=view.tz)
    assert activity["value"].to_numpy() == pytest.approx(grid["active_followers"].astype(float).to_numpy(), nan_ok=True)
    top = timing.busiest_slots(grid, n=1).iloc[0]
    label = timing.slot_label(int(top["weekday"]), int(top["hour"]), "id")
    assert any(m.value.startswith(f"Jam tersibuk: {label}") for m in at.markdown)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_empty_workspace_names_the_exports(empty_app, lang):
    at = empty_app(PAGE, lang=lang)
    at.run()
    assert not at.exception
    infos = " ".join(i.value for i in at.info)
    assert "Meta Business Suite" in infos and "FollowerActivity.csv" in infos
