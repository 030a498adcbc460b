"""Campaigns page on the sample and on an empty workspace: numbers equal the library's,
currencies are never mixed, Indonesian labels, age/gender only when the export has it."""

from __future__ import annotations

import pandas as pd

from smo_metrics import ads as A
from smo_metrics import campaigns as C
from smo_metrics import i18n
from smo_metrics.store import open_store

PAGE = "pages/campaigns.py"
HARBOLNAS = {"range": "Custom", "from": "2025-11-01", "to": "2025-12-31"}


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _rows(view, start=None, end=None):
    return A.ads_in_period(view.tables["ads"], start or view.period.start, end or view.period.end).rows


def _app(make, lang=None, **params):
    at = make(PAGE, lang=lang)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def test_default_period_kpis_equal_the_library(sample_app):
    at = _app(sample_app)
    view = at.session_state["_view"]
    (t,) = A.ads_metrics(_rows(view), by="total", per_platform=False).to_dict("records")
    shown = _metrics(at)
    assert shown["Spend"] == i18n.money(t["spend"], "IDR", "en")
    assert shown["Impressions"] == i18n.number(t["impressions"], "en")
    assert shown["CTR (link)"] == i18n.percent(t["ctr"], "en", 2)
    assert shown["CPC"] == i18n.money(t["cpc"], "IDR", "en")
    assert shown["CPM"] == i18n.money(t["cpm"], "IDR", "en")
    # Only always-on awareness ran in October 2026: no conversions, shown as —, never 0.
    assert shown["Conversions"] == shown["CPA"] == shown["ROAS"] == "—"
    # A quiet period offers the campaigns the data has, with buttons to jump to their dates.
    assert any(e.label.startswith("Campaigns in your data outside this period") for e in at.expander)


def test_harbolnas_period_in_indonesian(sample_app):
    at = _app(sample_app, lang="id", range="Atur sendiri", **{k: v for k, v in HARBOLNAS.items() if k != "range"})
    view = at.session_state["_view"]
    assert at.title[0].value == "Kampanye"
    (t,) = A.ads_metrics(_rows(view), by="total", per_platform=False).to_dict("records")
    shown = _metrics(at)
    assert shown["Belanja iklan"] == i18n.money(t["spend"], "IDR", "id") == "Rp 173.060.547"
    assert shown["Konversi"] == i18n.number(t["conversions"], "id")
    assert shown["CPA"] == i18n.money(t["cpa"], "IDR", "id")
    assert shown["ROAS"] == i18n.number(t["roas"], "id", 2) + "×"
    assert shown["ROI"] == i18n.signed_percent(t["roi"], "id")
    assert shown["CTR (tautan)"] == i18n.percent(t["ctr"], "id", 2) and "," in shown["CTR (tautan)"]
    heads = [h.value for h in at.subheader]
    assert {"Hasil per kampanye", "Belanja dan hasil dari waktu ke waktu", "Usia dan gender"} <= set(heads)
    # The sample's ads exports have no age/gender: the page says so and names the export setting.
    assert any("tidak memuat rincian usia atau gender" in i.value for i in at.info)
    # The table by campaign is the library's, per platform, biggest spend first.
    table = next(d.value for d in at.dataframe if "Biaya per hasil" in d.value.columns)
    lib = A.ads_metrics(A.rows_for_level(_rows(view), "campaign").rows, by="campaign")
    lib = lib.sort_values("spend", ascending=False)
    assert list(table["Kampanye"]) == list(lib["campaign"])
    assert list(table["Belanja iklan"]) == [i18n.money(v, "IDR", "id") for v in lib["spend"]]
    # TikTok's report has no conversion value: said, since totals span both platforms.
    assert any("Ekspor TikTok tidak memuat" in c.value for c in at.caption)
    # Seasons on the time charts: 11.11 and Harbolnas 12.12 fall in this period.
    specs = " ".join(str(c.proto) for c in at.get("vega_lite_chart"))
    assert "Harbolnas 12.12" in specs and "Promo 11.11" in specs


def test_extra_cost_changes_roi_only(sample_app):
    at = _app(sample_app, **HARBOLNAS)
    view = at.session_state["_view"]
    at.number_input(key="cmp_extra").set_value(20_000_000).run()
    assert not at.exception
    (t,) = A.ads_metrics(_rows(view), by="total", per_platform=False, extra_cost={"IDR": 20_000_000}).to_dict("records")
    shown = _metrics(at)
    assert shown["ROI"] == i18n.signed_percent(t["roi"], "en")
    (plain,) = A.ads_metrics(_rows(view), by="total", per_platform=False).to_dict("records")
    assert shown["ROAS"] == i18n.number(plain["roas"], "en", 2) + "×"  # ROAS is on ad spend only
    assert t["roi"] < plain["roi"]
    assert any("Rp 20,000,000" in c.value for c in at.caption)


def test_ad_level_says_what_meta_cannot_show(sample_app):
    at = _app(sample_app, **HARBOLNAS)
    at.segmented_control(key="cmp_level").set_value("ad").run()
    assert not at.exception
    view = at.session_state["_view"]
    left = A.rows_for_level(_rows(view), "ad").left_out
    assert list(left["platform"]) == ["meta"]
    note = next(c.value for c in at.caption if "Meta rows are at ad set level" in c.value)
    assert i18n.money(left["spend"].iloc[0], "IDR", "en") in note
    table = next(d.value for d in at.dataframe if "Cost per result" in d.value.columns)
    assert "Ad" in table.columns and set(table["Platform"]) == {"TikTok"}


def test_organic_posts_beside_the_paid_ones(sample_app):
    at = _app(sample_app, **HARBOLNAS)
    view = at.session_state["_view"]
    found = at.session_state["_campaigns_organic"]
    posts = view.tables["posts"]
    in_period = posts[(posts["published_date"] >= "2025-11-01") & (posts["published_date"] <= "2025-12-31")]
    names = sorted(_rows(view)["campaign"].dropna().unique())
    windows = C.campaign_windows(view.tables["ads"][view.tables["ads"]["campaign"].isin(names)])
    matches = C.match_posts(
        in_period, windows, view.store.plans(), context_names=view.tables["ads"]["campaign"].dropna().unique()
    )
    expected = C.organic_by_campaign(in_period, matches).set_index("campaign")
    table = next(d.value for d in at.dataframe if "Organic posts" in d.value.columns)
    table.index = table["Campaign"].str.rsplit(" · ", n=1).str[0]  # "name · Platform"
    for name, row in expected.iterrows():
        assert table.loc[name, "Organic posts"] == i18n.number(row["posts"], "en")
        assert table.loc[name, "Organic engagement rate"] == i18n.percent(row["rate"], "en", 2)
    assert expected.loc["KSN | Harbolnas 12.12 | Retargeting", "posts"] > 10
    assert table.loc["KSN | Always On | Awareness", "Organic posts"] == "—"  # no campaign word to match on
    assert len(found["matches"]) == len(matches)


def test_show_button_jumps_to_the_campaign_dates(sample_app):
    at = _app(sample_app)
    # The buttons list the campaign dates outside October 2026, latest first: Merdeka 81 (Aug
    # 2026), Hampers Lebaran (Mar 2026), Ramadan (Feb – Mar 2026), Harbolnas (1 – 12 Dec 2025)…
    at.button(key="cmp_show_3").click().run()
    assert not at.exception
    view = at.session_state["_view"]
    assert (view.period.start.isoformat(), view.period.end.isoformat()) == ("2025-12-01", "2025-12-12")
    assert view.compare is not None  # the comparison follows the new period


def _meta_csv(currency: str, campaign: str, age_gender: bool) -> bytes:
    head = ['"Reporting starts"', '"Reporting ends"', "Day", '"Campaign name"', '"Ad set name"']
    head += ["Age", "Gender"] if age_gender else []
    head += [f'"Amount spent ({currency})"', "Impressions", "Reach", '"Link clicks"', "Purchases"]
    head += ['"Purchases conversion value"']
    rows = [
        ("18-24", "female", 100, 5000, 600, 6),
        ("18-24", "male", 50, 3000, 200, 2),
        ("25-34", "female", 200, 8000, 900, 9),
    ]
    lines = [",".join(head)]
    for i, (age, gender, spend, imps, clicks, buys) in enumerate(rows):
        cells = ["2025-12-05", "2025-12-05", "2025-12-05", f'"{campaign}"', f'"Set {i}"']
        cells += [age, gender] if age_gender else []
        cells += [str(spend), str(imps), str(imps // 2), str(clicks), str(buys), str(spend * 3)]
        lines.append(",".join(cells))
    return ("\n".join(lines) + "\n").encode()


def test_currencies_are_never_mixed_and_age_gender_is_shown(sample_app, workspace_url):
    store = open_store(workspace_url)
    ok = store.import_file(_meta_csv("USD", "KSN | Export Singapura", False), name="SG-Ad-sets-Dec-5-2025.csv")
    assert ok.status == "imported", ok.message
    ok = store.import_file(_meta_csv("IDR", "KSN | Demografi", True), name="Demo-Ad-sets-Dec-5-2025.csv")
    assert ok.status == "imported", ok.message
    store.close()
    at = _app(sample_app, **HARBOLNAS)
    heads = [h.value for h in at.subheader]
    assert "Amounts in IDR" in heads and "Amounts in USD" in heads
    view = at.session_state["_view"]
    totals = A.ads_metrics(_rows(view), by="total", per_platform=False).set_index("currency")
    spend_cards = [m.value for m in at.metric if m.label == "Spend"]
    assert spend_cards == [i18n.money(totals.loc["IDR", "spend"], "IDR", "en"), "US$ 350.00"]
    # The IDR total is the sample's Rp 173,060,547 plus the demo export's Rp 350 (100 + 50 + 200),
    # never the 350 dollars; each table (one per currency) shows one currency only.
    assert totals.loc["IDR", "spend"] == 173_060_547 + 350 and totals.loc["USD", "spend"] == 350
    tables = [d.value for d in at.dataframe if "Cost per result" in d.value.columns]
    assert len(tables) == 2
    assert tables[0]["Spend"].str.startswith("Rp").all() and tables[1]["Spend"].str.startswith("US$").all()
    # Age and gender from the export that has it: 18-24 women Rp 100, men Rp 50; 25-34 women Rp 200.
    demo = next(d.value for d in at.dataframe if "Gender" in d.value.columns)
    assert list(demo["Spend"]) == ["Rp 100", "Rp 50", "Rp 200"]
    assert list(demo["Gender"]) == ["Women", "Men", "Women"]
    assert not any("no age or gender breakdown" in i.value for i in at.info)


def test_empty_workspace(empty_app):
    for lang, text in (("en", "No ads data yet"), ("id", "Belum ada data iklan")):
        at = _app(empty_app, lang=lang)
        assert any(text in i.value for i in at.info)


def test_rows_beyond_the_period_are_reported(sample_app, workspace_url):
    # A Meta export without a Day breakdown: one row for 1 Nov – 31 Dec 2025.
    store = open_store(workspace_url)
    csv = (
        '"Reporting starts","Reporting ends","Campaign name","Ad set name","Amount spent (IDR)",Impressions\n'
        '2025-11-01,2025-12-31,"KSN | Q4 Brand","Q4 set",5000000,250000\n'
    )
    assert store.import_file(csv.encode(), name="Q4-Ad-sets-Nov-1-2025-Dec-31-2025.csv").status == "imported"
    store.close()
    at = _app(sample_app, range="Custom", **{"from": "2025-12-01", "to": "2025-12-31"})
    warning = next(w.value for w in at.warning if "reaching beyond the chosen period" in w.value)
    assert "Rp 5,000,000" in warning and "1 Nov" in warning and "Day" in warning
    view = at.session_state["_view"]
    assert "KSN | Q4 Brand" not in set(_rows(view)["campaign"])
    assert pd.notna(_metrics(at)["Spend"])
