"""The Overview page on the sample and an empty workspace (``streamlit.testing.v1.AppTest``).

Every number on a card is checked against :func:`smo_metrics.overview.overview` for the view the
page used (``at.session_state["_view"]``), formatted with :mod:`smo_metrics.i18n`.
"""

from __future__ import annotations

import datetime as dt

from smo_metrics import i18n, overview, targets


def cards(at) -> dict[str, object]:
    return {m.label: m for m in at.metric}


def library(at) -> overview.Overview:
    view = at.session_state["_view"]
    return overview.overview(view.tables, view.period, view.compare, view.tz, view.er_basis)


def test_sample_cards_equal_the_library(sample_app):
    at = sample_app("pages/overview.py")
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Overview"]
    view = at.session_state["_view"]
    assert view.period.days == 28 and view.compare is not None  # the default view: last 28 days vs before
    ov = library(at)
    k = ov.kpis
    shown = cards(at)
    assert shown["Posts"].value == i18n.number(k["posts"].current, "en")
    assert shown["Reach (sum of per-post reach)"].value == i18n.number(k["reach_sum"].current, "en")
    assert shown["Impressions"].value == i18n.number(k["impressions"].current, "en")
    assert shown["Engagements"].value == i18n.number(k["engagements"].current, "en")
    assert shown["Engagement rate"].value == i18n.percent(k["engagement_rate"].current, "en", 2)
    assert shown["Followers"].value == i18n.number(k["followers"].current, "en")
    assert shown["Net follower change"].value == i18n.number(k["follower_change"].current, "en")
    assert shown["New followers (gains only)"].value == i18n.number(k["followers_gained_only"].current, "en")
    # Deltas: the change against the previous 28 days, by the library.
    assert shown["Posts"].proto.delta == i18n.signed_percent(k["posts"].change.relative, "en")
    # Ad spend: rupiah only (the sample's one currency), short on the card and exact in the help.
    (idr,) = ov.ads
    assert idr.currency == "IDR"
    assert i18n.money(idr.spend, "IDR", "en") in shown["Ad spend (IDR)"].proto.help
    assert shown["Ad spend (IDR)"].value.startswith("Rp ")
    assert shown["ROAS (IDR)"].value == (i18n.MISSING if idr.roas is None else i18n.number(idr.roas, "en", 2))


def test_sample_says_what_reach_and_followers_leave_out(sample_app):
    at = sample_app("pages/overview.py")
    at.run()
    shown = cards(at)
    assert "counts twice" in shown["Reach (sum of per-post reach)"].proto.help  # not unique reach
    captions = " ".join(c.value for c in at.caption)
    # Instagram and Facebook export new follows only: totals missing, and which export gives them.
    assert "Follower totals are missing for" in captions and "Facebook Insights page export" in captions
    assert "Instagram" in shown["New followers (gains only)"].proto.help


def test_targets_of_the_month_are_measured(sample_app):
    at = sample_app("pages/overview.py")
    at.run()
    view = at.session_state["_view"]
    rows = targets.targets_for_day(view.store.targets(), view.period.end, view.platforms)
    progress = targets.target_progress(view.tables, rows, view.period.end, view.currency, forecast=False)
    table = at.dataframe[0].value
    assert len(table) == len(progress) > 0
    assert table["achieved"].tolist() == [round(a * 100) for a in progress["achieved"].astype(float)]
    # Posts: every platform has a monthly target, so the card shows their sum.
    posts = overview.card_target(progress, "posts", library(at).kpis["posts"].platforms)
    texts = [p.proto.text for p in at.get("progress")]
    assert any(t.startswith(i18n.percent(posts["achieved"], "en", 0) + " of the October 2026 target") for t in texts)


def test_indonesian_labels_and_numbers(sample_app):
    at = sample_app("pages/overview.py", lang="id")
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Ringkasan"]
    k = library(at).kpis
    shown = cards(at)
    assert shown["Postingan"].value == i18n.number(k["posts"].current, "id")
    assert shown["Σ jangkauan postingan"].value == i18n.number(k["reach_sum"].current, "id")  # 650.852
    assert "." in shown["Σ jangkauan postingan"].value
    assert shown["Tingkat interaksi"].value == i18n.percent(k["engagement_rate"].current, "id", 2)  # 11,85%
    assert shown["Biaya iklan (IDR)"].value.endswith(" jt")
    headers = [s.value for s in at.subheader]
    assert headers == ["Target", "Tren", "Perbandingan platform", "Postingan terbaik dan terlemah"]
    assert list(at.dataframe[1].value.columns) == [
        "platform",
        "posts",
        "reach",
        "engagements",
        "rate",
        "followers",
        "change",
        "growth",
        "source",
    ]
    assert "hanya pengikut baru" in at.dataframe[1].value["source"].tolist()


def test_filters_instagram_last_month(sample_app):
    at = sample_app("pages/overview.py")
    at.query_params["range"] = "Last month"
    at.query_params["pf"] = ["Instagram"]
    at.query_params["cmp"] = "No comparison"
    at.run()
    assert not at.exception
    view = at.session_state["_view"]
    assert view.platforms == ("instagram",) and view.compare is None
    assert (view.period.start, view.period.end) == (dt.date(2026, 9, 1), dt.date(2026, 9, 30))
    k = library(at).kpis
    shown = cards(at)
    assert shown["Posts"].value == i18n.number(k["posts"].current, "en")
    assert not shown["Posts"].proto.delta  # no comparison, no delta
    # Instagram's own September target for posts, and Meta's spend target.
    texts = [p.proto.text for p in at.get("progress")]
    assert any("of the September 2026 target" in t for t in texts)
    table = at.dataframe[1].value
    assert table["platform"].tolist() == ["Instagram"]


def test_unfinished_month_shows_forecasts(sample_app):
    at = sample_app("pages/overview.py")
    at.query_params["range"] = "Custom"
    at.query_params["from"] = "2026-10-01"
    at.query_params["to"] = "2026-10-15"
    at.query_params["pf"] = ["TikTok"]
    at.run()
    assert not at.exception
    assert at.session_state["_view"].period.end == dt.date(2026, 10, 15)
    assert [t.label for t in at.toggle] == ["Forecast unfinished periods"]
    table = at.dataframe[0].value
    assert "forecast" in table.columns and (table["forecast"] != i18n.MISSING).any()
    at.toggle[0].set_value(False).run()
    assert "forecast" not in at.dataframe[0].value.columns


def test_period_without_data(sample_app):
    at = sample_app("pages/overview.py")
    at.query_params["range"] = "Custom"
    at.query_params["from"] = "2024-01-01"
    at.query_params["to"] = "2024-01-31"
    at.run()
    assert not at.exception
    assert not at.metric
    assert any("choose another date range" in i.value for i in at.info)


def test_empty_workspace_names_the_exports(empty_app):
    at = empty_app("pages/overview.py", lang="id")
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Ringkasan"]
    assert not at.metric
    message = " ".join(i.value for i in at.info)
    assert "Meta Business Suite" in message and "TikTok Studio" in message
