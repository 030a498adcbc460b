"""Content page on the sample and on an empty workspace: the numbers shown are the library's.

Each test reads the View the page used (``at.session_state["_view"]``), recomputes with the
library for the same filters, formats with :mod:`smo_metrics.i18n` and compares with what the
page shows.
"""

from __future__ import annotations

import pandas as pd
from streamlit.proto.Metric_pb2 import Metric as MetricProto

from smo_metrics import content, engagement, i18n
from smo_metrics.tables import between

PAGE = "pages/content.py"


def _posts(view):
    return between(view.tables["posts"], "posts", view.period.start, view.period.end)


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _frame(at, column: str) -> pd.DataFrame:
    """The first dataframe shown with ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_sample_kpis_equal_the_library(sample_app):
    at = sample_app(PAGE)
    at.run()
    assert not at.exception
    view = at.session_state["_view"]
    assert view.er_basis == "reach"
    s = engagement.summarize(_posts(view), view.tables["account_daily"])
    shown = _metrics(at)
    assert shown["Posts"] == i18n.number(s.posts, "en")
    assert shown["Engagements"] == i18n.number(s.engagements, "en")
    assert shown["Engagement rate"] == i18n.percent(s.rate_by_reach_ratio, "en", 2)
    assert shown["Mean per-post rate"] == i18n.percent(s.rate_by_reach_mean, "en", 2)
    # The ratio of sums and the mean of per-post rates are different numbers, named apart.
    assert shown["Engagement rate"] != shown["Mean per-post rate"]
    # Every comparison delta is the library's relative change, with the right arrow.
    previous = engagement.summarize(
        between(view.tables["posts"], "posts", view.compare.start, view.compare.end), view.tables["account_daily"]
    )
    posts_card = next(m for m in at.metric if m.label == "Posts")
    rel = (s.posts - previous.posts) / previous.posts
    assert posts_card.delta == i18n.signed_percent(rel, "en")
    direction = MetricProto.MetricDirection.DOWN if rel < 0 else MetricProto.MetricDirection.UP
    assert posts_card.proto.direction == direction  # set from the number: i18n writes "−", not "-"


def test_reels_beat_images_on_instagram_in_the_sample(sample_app):
    at = sample_app(PAGE)
    at.query_params["pf"] = ["Instagram"]
    at.run()
    assert not at.exception
    view = at.session_state["_view"]
    contrast = content.type_contrast(content.type_lift(_posts(view))).set_index("platform").loc["instagram"]
    assert (contrast["best_type"], contrast["worst_type"]) == ("reel", "image")
    assert contrast["ratio"] > 2  # the sample's built-in pattern: reels engage far more than images
    sentence = next(m.value for m in at.markdown if "Instagram" in m.value and "×" in m.value)
    assert f"**{i18n.number(contrast['ratio'], 'en', 1)}×**" in sentence
    assert "Reels" in sentence and "images" in sentence
    table = _frame(at, "Rated posts")
    lift = content.type_lift(_posts(view))
    assert list(table["Engagement rate"]) == [i18n.percent(v, "en", 2) for v in lift["rate"]]
    assert list(table["Mean per-post rate"]) == [i18n.percent(v, "en", 2) for v in lift["mean_rate"]]


def test_hashtag_leaderboard_and_minimum_uses(sample_app):
    at = sample_app(PAGE)
    at.run()
    view = at.session_state["_view"]
    tags = content.hashtags(_posts(view), min_uses=3)
    shown = _frame(at, "Hashtag")
    assert list(shown["Hashtag"]) == list(tags["tag"])
    assert list(shown["Uses"]) == [i18n.number(v, "en") for v in tags["uses"]]
    assert list(shown["Lift"]) == [i18n.signed_percent(v, "en") for v in tags["lift"]]
    at.number_input(key="content_min_uses").set_value(15).run()
    assert not at.exception
    fewer = _frame(at, "Hashtag")
    assert list(fewer["Hashtag"]) == list(content.hashtags(_posts(view), min_uses=15)["tag"])
    assert len(fewer) < len(shown)


def test_outliers_show_caption_and_link(sample_app):
    at = sample_app(PAGE)
    at.query_params["range"] = "Custom"
    at.query_params["from"] = "2025-05-01"
    at.query_params["to"] = "2026-10-31"
    at.run()
    assert not at.exception
    found = at.session_state["_content_result"]["outliers"]
    viral = found[found["outlier"] == "viral"]
    assert len(viral) >= 3
    table = _frame(at, "Robust z")
    assert len(table) == len(viral)
    assert table["Link"].str.startswith("https://").all()
    assert table["Caption"].str.len().gt(5).all()


def test_indonesian_labels_and_numbers(sample_app):
    at = sample_app(PAGE, lang="id")
    at.run()
    assert not at.exception
    assert at.title[0].value == "Konten"
    heads = [h.value for h in at.subheader]
    assert {"Jenis postingan", "Tagar", "Panjang keterangan", "Frekuensi posting", "Postingan pencilan"} <= set(heads)
    view = at.session_state["_view"]
    s = engagement.summarize(_posts(view), view.tables["account_daily"])
    shown = _metrics(at)
    assert shown["Tingkat interaksi"] == i18n.percent(s.rate_by_reach_ratio, "id", 2)
    assert "," in shown["Tingkat interaksi"]  # 11,85%
    assert shown["Interaksi"] == i18n.number(s.engagements, "id") and "." in shown["Interaksi"]
    assert any("tidak memuat jangkauan" in c.value for c in at.caption)  # TikTok, X… have no reach


def test_empty_workspace_names_the_exports(empty_app):
    at = empty_app(PAGE, lang="id")
    at.run()
    assert not at.exception
    assert at.title[0].value == "Konten"
    assert any("Meta Business Suite" in i.value for i in at.info)
    at = empty_app(PAGE)
    at.run()
    assert not at.exception and any("Upload the posts" in i.value for i in at.info)


def test_a_period_without_posts_says_where_the_posts_are(sample_app):
    at = sample_app(PAGE)
    at.query_params["range"] = "Custom"
    at.query_params["from"] = "2024-01-01"
    at.query_params["to"] = "2024-01-31"
    at.run()
    assert not at.exception
    assert any("No posts between" in i.value and "2025" in i.value for i in at.info)
