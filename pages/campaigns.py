"""Campaigns page: paid results by campaign, ad set or ad, over time, by audience, beside organic.

Thin: reads the view, calls :mod:`smo_metrics.ads` (the ROI family, levels, breakdowns,
reporting ranges), :mod:`smo_metrics.campaigns` (organic posts of a campaign) and
:mod:`smo_metrics.calendar` (campaign seasons), draws with :mod:`dashboard.charts.campaigns`.
Amounts are never added across currencies: every total, table and chart is per currency. See
``docs/pages/campaigns.md``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.charts import campaigns as charts
from dashboard.pages import page_title
from smo_metrics import ads as A
from smo_metrics import calendar, engagement, growth, i18n
from smo_metrics import campaigns as C
from smo_metrics.tables import between

SEASONS: Final = ("ramadan", "lebaran", "independence_day", "singles_day", "harbolnas", "year_end_sale")
LEVEL_KEYS: Final = A.LEVELS
OVER_TIME_METRICS: Final = ("conversions", "link_clicks", "impressions", "conversion_value")
CAPTION_SHOWN: Final = 120

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "intro": "{period} · paid results from Meta Ads Manager and TikTok Ads Manager exports",
        "no_ads": "No ads data yet. Upload a **Meta Ads Manager** report (Campaigns, Ad sets or Ads, with a Day "
        "breakdown) or a **TikTok Ads Manager** report on the **Data** page.",
        "no_ads_period": "No ads rows between {period}.",
        "elsewhere": "Campaigns in your data outside this period",
        "show_dates": "Show",
        "show_dates_help": "Set the date range to this campaign's dates",
        "beyond": "{n} rows of {platform} ({spend}) report {first} – {last}, reaching beyond the chosen period, so "
        "they are left out: their money cannot be split by day. Export the report with a **Day** breakdown to "
        "include them.",
        "level": "Break down by",
        "campaign": "Campaign",
        "ad_set": "Ad set",
        "ad": "Ad",
        "campaigns_filter": "Campaigns",
        "all": "All",
        "extra_cost": "Organic / staff cost ({currency})",
        "extra_cost_help": "Optional: what the campaign cost besides ad spend (content production, agency, team "
        "hours), in {currency}. It is added to spend for ROI only, shared between campaigns by spend.",
        "extra_cost_shown": "ROI counts {amount} of other cost on top of the ad spend.",
        "level_left_out": "{platform} rows are at {level} level ({spend}): they have no {wanted} to show. Export "
        "at {wanted} level in Ads Manager to see them.",
        "currency_heading": "Amounts in {currency}",
        "no_currency": "no currency stated",
        "spend": "Spend",
        "impressions": "Impressions",
        "reach_sum": "Reach (sum of rows)",
        "reach_sum_help": "Reach added up over days and ad sets: the same person reached twice counts twice.",
        "link_clicks": "Link clicks",
        "ctr": "CTR (link)",
        "ctr_help": "Link clicks ÷ impressions.",
        "cpc": "CPC",
        "cpc_help": "Spend ÷ link clicks.",
        "cpm": "CPM",
        "cpm_help": "Spend ÷ impressions × 1,000.",
        "conversions": "Conversions",
        "cpa": "CPA",
        "cpa_help": "Spend ÷ conversions.",
        "conversion_value": "Conversion value",
        "roas": "ROAS",
        "roas_help": "Conversion value ÷ spend.",
        "roi": "ROI",
        "roi_help": "(Conversion value − cost) ÷ cost; cost = spend + the other cost entered above.",
        "results": "Results",
        "result_type": "Result",
        "cost_per_result": "Cost per result",
        "platform": "Platform",
        "vs": "Changes compared with {period}.",
        "table": "Results by {level}",
        "tab_delivery": "Delivery",
        "tab_conversions": "Conversions and return",
        "over_time": "Spend and results over time",
        "spend_chart": "Spend per {freq} ({currency})",
        "metric_chart": "{metric} per {freq}",
        "metric": "Results shown",
        "day": "day",
        "week": "week",
        "month": "month",
        "date": "Date",
        "season": "Season",
        "no_metric": "No {metric} reported for these ads in this period.",
        "seasons_note": "Shaded: Indonesian campaign seasons (Ramadan, Lebaran, 17 Agustus, 11.11, 12.12, year end).",
        "multi_day": "{n} rows report more than one day and are drawn on their first day.",
        "audience": "Age and gender",
        "no_breakdown": "These ads exports have no age or gender breakdown. In Meta Ads Manager choose "
        "**Breakdown → By delivery → Age** and **Gender** before exporting; in TikTok Ads Manager add the "
        "**Age** and **Gender** dimensions to the custom report.",
        "age": "Age",
        "gender": "Gender",
        "audience_chart": "{metric} by age and gender",
        "paid_organic": "Paid and organic",
        "paid_organic_caption": "Organic posts of the same campaign beside its ads: posts published within the "
        "campaign's ad dates ± {days} days that carry one of its hashtags or were planned under its name.",
        "no_organic": "No organic post in this period matches these campaigns.",
        "organic_posts": "Organic posts",
        "organic_eng": "Organic engagements",
        "organic_rate": "Organic engagement rate",
        "post_rate": "Engagement rate",
        "dates": "Ad dates",
        "keywords": "Matched on",
        "no_keywords": "—",
        "show_posts_of": "Organic posts of",
        "matched_by": "Matched by",
        "plan": "content plan: {evidence}",
        "hashtag": "hashtag {evidence}",
        "caption": "Caption",
        "link": "Link",
        "open": "Open",
        "how_matched": "How organic posts are matched",
        "rule": "A campaign's name is split into words; generic ad words (awareness, traffic, konversi, "
        "retargeting, kreatif, promo…), years, one-letter words and the words most campaign names share (the "
        "brand's prefix) are dropped; `11.11` becomes `1111` and *ramadhan* is read as *ramadan*. A post belongs "
        "to the campaign when it was published between its first and last ad day ± {days} days and either one "
        "of its hashtags equals a word, or contains a word of 4 letters or more (`#promo1212` contains `1212`), "
        "or it was published from a content-plan entry whose campaign is that name or shares a word with it. A "
        "post can belong to several campaigns (the Meta and TikTok campaigns of one promotion), so organic "
        "numbers are never added across campaigns. A campaign whose name has no such word (*Always On | "
        "Awareness*) cannot be matched and shows —.",
        "unknown": "—",
        "mixed": "mixed result types",
        "unreported": "The {platform} export has no {metrics}: the totals above include its spend but none of "
        "these, so rates built on them (ROAS, ROI, CPA) describe the other platforms' results over all the "
        "spend. The table below is per platform.",
        "reach": "reach",
    },
    "id": {
        "intro": "{period} · hasil iklan dari ekspor Meta Ads Manager dan TikTok Ads Manager",
        "no_ads": "Belum ada data iklan. Unggah laporan **Meta Ads Manager** (Kampanye, Set iklan, atau Iklan, "
        "dengan rincian Hari) atau laporan **TikTok Ads Manager** di halaman **Data**.",
        "no_ads_period": "Tidak ada baris iklan antara {period}.",
        "elsewhere": "Kampanye dalam data Anda di luar periode ini",
        "show_dates": "Tampilkan",
        "show_dates_help": "Atur rentang tanggal ke tanggal kampanye ini",
        "beyond": "{n} baris {platform} ({spend}) melaporkan {first} – {last}, melewati periode yang dipilih, jadi "
        "tidak dihitung: biayanya tidak bisa dibagi per hari. Ekspor laporan dengan rincian **Hari** agar ikut "
        "dihitung.",
        "level": "Rinci menurut",
        "campaign": "Kampanye",
        "ad_set": "Set iklan",
        "ad": "Iklan",
        "campaigns_filter": "Kampanye",
        "all": "Semua",
        "extra_cost": "Biaya organik / tim ({currency})",
        "extra_cost_help": "Opsional: biaya kampanye di luar belanja iklan (produksi konten, agensi, jam kerja "
        "tim), dalam {currency}. Hanya ditambahkan ke biaya untuk ROI, dibagi antarkampanye sesuai belanjanya.",
        "extra_cost_shown": "ROI menghitung {amount} biaya lain di atas belanja iklan.",
        "level_left_out": "Baris {platform} berada di tingkat {level} ({spend}): tidak ada {wanted} yang bisa "
        "ditampilkan. Ekspor di tingkat {wanted} di Ads Manager untuk melihatnya.",
        "currency_heading": "Jumlah dalam {currency}",
        "no_currency": "mata uang tidak disebutkan",
        "spend": "Belanja iklan",
        "impressions": "Tayangan",
        "reach_sum": "Jangkauan (jumlah baris)",
        "reach_sum_help": "Jangkauan dijumlahkan per hari dan set iklan: orang yang sama terjangkau dua kali "
        "dihitung dua kali.",
        "link_clicks": "Klik tautan",
        "ctr": "CTR (tautan)",
        "ctr_help": "Klik tautan ÷ tayangan.",
        "cpc": "CPC",
        "cpc_help": "Belanja ÷ klik tautan.",
        "cpm": "CPM",
        "cpm_help": "Belanja ÷ tayangan × 1.000.",
        "conversions": "Konversi",
        "cpa": "CPA",
        "cpa_help": "Belanja ÷ konversi.",
        "conversion_value": "Nilai konversi",
        "roas": "ROAS",
        "roas_help": "Nilai konversi ÷ belanja.",
        "roi": "ROI",
        "roi_help": "(Nilai konversi − biaya) ÷ biaya; biaya = belanja + biaya lain yang diisi di atas.",
        "results": "Hasil",
        "result_type": "Jenis hasil",
        "cost_per_result": "Biaya per hasil",
        "platform": "Platform",
        "vs": "Perubahan dibanding {period}.",
        "table": "Hasil per {level}",
        "tab_delivery": "Penayangan",
        "tab_conversions": "Konversi dan imbal hasil",
        "over_time": "Belanja dan hasil dari waktu ke waktu",
        "spend_chart": "Belanja per {freq} ({currency})",
        "metric_chart": "{metric} per {freq}",
        "metric": "Hasil yang ditampilkan",
        "day": "hari",
        "week": "minggu",
        "month": "bulan",
        "date": "Tanggal",
        "season": "Musim",
        "no_metric": "Tidak ada {metric} yang dilaporkan untuk iklan ini pada periode ini.",
        "seasons_note": "Arsiran: musim kampanye Indonesia (Ramadan, Lebaran, 17 Agustus, 11.11, 12.12, akhir tahun).",
        "multi_day": "{n} baris melaporkan lebih dari satu hari dan digambar pada hari pertamanya.",
        "audience": "Usia dan gender",
        "no_breakdown": "Ekspor iklan ini tidak memuat rincian usia atau gender. Di Meta Ads Manager pilih "
        "**Rincian → Menurut penayangan → Usia** dan **Gender** sebelum mengekspor; di TikTok Ads Manager "
        "tambahkan dimensi **Usia** dan **Gender** ke laporan kustom.",
        "age": "Usia",
        "gender": "Gender",
        "audience_chart": "{metric} menurut usia dan gender",
        "paid_organic": "Berbayar dan organik",
        "paid_organic_caption": "Postingan organik dari kampanye yang sama di samping iklannya: postingan yang "
        "terbit dalam tanggal iklan kampanye ± {days} hari yang memakai salah satu tagarnya atau direncanakan "
        "atas namanya.",
        "no_organic": "Tidak ada postingan organik pada periode ini yang cocok dengan kampanye ini.",
        "organic_posts": "Postingan organik",
        "organic_eng": "Interaksi organik",
        "organic_rate": "Tingkat interaksi organik",
        "post_rate": "Tingkat interaksi",
        "dates": "Tanggal iklan",
        "keywords": "Dicocokkan dengan",
        "no_keywords": "—",
        "show_posts_of": "Postingan organik dari",
        "matched_by": "Cocok karena",
        "plan": "rencana konten: {evidence}",
        "hashtag": "tagar {evidence}",
        "caption": "Keterangan",
        "link": "Tautan",
        "open": "Buka",
        "how_matched": "Cara postingan organik dicocokkan",
        "rule": "Nama kampanye dipecah menjadi kata; kata iklan umum (awareness, traffic, konversi, retargeting, "
        "kreatif, promo…), tahun, kata satu huruf, dan kata yang dimiliki sebagian besar nama kampanye (awalan "
        "merek) dibuang; `11.11` menjadi `1111` dan *ramadhan* dibaca *ramadan*. Sebuah postingan termasuk "
        "kampanye bila terbit antara hari iklan pertama dan terakhirnya ± {days} hari dan salah satu tagarnya "
        "sama dengan sebuah kata, atau memuat kata yang panjangnya 4 huruf atau lebih (`#promo1212` memuat "
        "`1212`), atau diterbitkan dari rencana konten yang kampanyenya bernama sama atau berbagi kata dengannya. "
        "Satu postingan bisa termasuk beberapa kampanye (kampanye Meta dan TikTok dari satu promo), jadi angka "
        "organik tidak pernah dijumlahkan antarkampanye. Kampanye yang namanya tidak memuat kata seperti itu "
        "(*Always On | Awareness*) tidak bisa dicocokkan dan tampil —.",
        "unknown": "—",
        "mixed": "jenis hasil campuran",
        "unreported": "Ekspor {platform} tidak memuat {metrics}: total di atas memasukkan belanjanya tetapi "
        "tanpa angka-angka itu, jadi rasio yang memakainya (ROAS, ROI, CPA) menggambarkan hasil platform lain "
        "atas seluruh belanja. Tabel di bawah dirinci per platform.",
        "reach": "jangkauan",
    },
}

RESULT_TYPES: dict[str, dict[str, str]] = {
    "en": {
        "reach": "reach",
        "actions:link_click": "link clicks",
        "link_click": "link clicks",
        "actions:offsite_conversion.fb_pixel_purchase": "purchases",
        "purchase": "purchases",
        "impressions": "impressions",
        "video_view": "video views",
        "actions:video_view": "video views",
        "actions:landing_page_view": "landing page views",
        "actions:post_engagement": "post engagements",
        "actions:lead": "leads",
    },
    "id": {
        "reach": "jangkauan",
        "actions:link_click": "klik tautan",
        "link_click": "klik tautan",
        "actions:offsite_conversion.fb_pixel_purchase": "pembelian",
        "purchase": "pembelian",
        "impressions": "tayangan",
        "video_view": "tayangan video",
        "actions:video_view": "tayangan video",
        "actions:landing_page_view": "tayangan halaman landas",
        "actions:post_engagement": "interaksi postingan",
        "actions:lead": "prospek",
    },
}
GENDERS: dict[str, dict[str, str]] = {
    "en": {"male": "Men", "female": "Women", "unknown": "Unknown"},
    "id": {"male": "Pria", "female": "Wanita", "unknown": "Tidak diketahui"},
}


def result_label(kind: Any, lang: str) -> str:
    """A Meta/TikTok result type in the reader's words."""
    if kind is None or pd.isna(kind):
        return WORDS[lang]["unknown"]
    if str(kind) == A.MIXED:
        return WORDS[lang]["mixed"]
    text = str(kind)
    return RESULT_TYPES[lang].get(text, text.split(".")[-1].split(":")[-1].replace("_", " "))


def frequency_for(period: growth.Period) -> str:
    """Bucket of the time charts: days up to two months, weeks up to a year, then months."""
    return "day" if period.days <= 62 else ("week" if period.days <= 366 else "month")


def _money(value: Any, currency: str, lang: str) -> str:
    return i18n.money(value, currency, lang) if currency != "(none)" else i18n.number(value, lang)


def _currency_name(currency: str, w: dict[str, str]) -> str:
    return w["no_currency"] if currency == "(none)" else currency


def set_period(start: dt.date, end: dt.date) -> None:
    """Callback of the "Show" buttons: point the sidebar's date range at a campaign's dates."""
    st.session_state["range"] = "custom"
    st.session_state["from"] = start
    st.session_state["to"] = end


@st.cache_data(max_entries=24, show_spinner=False)
def organic(
    version: int,
    platforms: tuple[str, ...],
    accounts: tuple[str, ...],
    start: dt.date,
    end: dt.date,
    campaigns: tuple[str, ...],
    basis: str,
    tz: str,
    _posts: pd.DataFrame,
    _ads: pd.DataFrame,
    _plans: pd.DataFrame,
    _daily: pd.DataFrame,
) -> dict[str, Any]:
    """Organic posts of the campaigns, cached on the workspace version and the filters."""
    posts = between(_posts, "posts", start, end)
    named = _ads[_ads["campaign"].isin(list(campaigns))] if campaigns else _ads.iloc[0:0]
    windows = C.campaign_windows(named)
    matches = C.match_posts(posts, windows, _plans, tz=tz, context_names=_ads["campaign"].dropna().unique())
    daily = _daily if basis == "followers" else None  # follower counts only for that basis
    summary = C.organic_by_campaign(posts, matches, basis, daily)  # type: ignore[arg-type]
    keywords = matches.attrs.get("keywords", {})
    shown = posts[["platform", "account", "post_id", "caption", "permalink", "post_type"]].astype("string")
    shown = shown.assign(rate=engagement.post_rates(posts, basis, daily).to_numpy())  # type: ignore[arg-type]
    detail = matches.merge(shown, on=["platform", "account", "post_id"], how="left")
    return {"windows": windows, "matches": detail, "summary": summary, "keywords": keywords}


def main() -> None:
    view = state.current_view()
    lang = view.lang
    w = WORDS[lang]
    st.title(page_title("campaigns", lang))
    period = view.period
    st.caption(w["intro"].format(period=i18n.date_range(period.start, period.end, lang)))
    ads = view.tables.get("ads", pd.DataFrame())
    if ads is None or ads.empty:
        st.info(w["no_ads"], icon=":material/upload_file:")
        return

    in_period = A.ads_in_period(ads, period.start, period.end)
    for row in in_period.beyond.itertuples():
        st.warning(
            w["beyond"].format(
                n=i18n.number(row.rows, lang),
                platform=i18n.label(str(row.platform), lang),
                spend=_money(row.spend, str(row.currency), lang),
                first=i18n.date(row.first, lang),
                last=i18n.date(row.last, lang),
            ),
            icon=":material/date_range:",
        )
    rows = in_period.rows
    if rows.empty:
        st.info(w["no_ads_period"].format(period=i18n.date_range(period.start, period.end, lang)))
        elsewhere(ads, view, w, expanded=True)
        return

    names = sorted(rows["campaign"].dropna().astype(str).unique())
    if len(names) <= 1:  # a quiet period: offer the campaigns the data has, near the top
        elsewhere(ads, view, w, expanded=True)
    c1, c2, c3 = st.columns([1.2, 2, 1.2], vertical_alignment="bottom")
    level = c1.segmented_control(
        w["level"], LEVEL_KEYS, format_func=lambda k: w[k], default="campaign", key="cmp_level", required=True
    )
    level = level or "campaign"
    chosen = c2.multiselect(w["campaigns_filter"], names, placeholder=w["all"], key="cmp_campaigns")
    extra = c3.number_input(
        w["extra_cost"].format(currency=view.currency),
        min_value=0.0,
        value=0.0,
        step=500_000.0,
        format="%.0f",
        key="cmp_extra",
        help=w["extra_cost_help"].format(currency=view.currency),
    )
    if chosen:
        rows = rows[rows["campaign"].isin(chosen)]
    extra_cost = {view.currency: float(extra)} if extra else None
    if extra_cost:
        st.caption(w["extra_cost_shown"].format(amount=i18n.money(extra, view.currency, lang)))

    totals = A.ads_metrics(rows, by="total", per_platform=False, extra_cost=extra_cost)
    previous = None
    if view.compare is not None:
        before = A.ads_in_period(ads, view.compare.start, view.compare.end).rows
        if chosen:
            before = before[before["campaign"].isin(chosen)]
        previous = A.ads_metrics(before, by="total", per_platform=False, extra_cost=extra_cost)
    st.session_state["_campaigns_totals"] = totals  # for the tests: what the cards show
    level_rows = A.rows_for_level(rows, level)
    table = A.ads_metrics(level_rows.rows, by=level, extra_cost=extra_cost)
    currencies = [str(c) for c in totals["currency"]]
    for currency in currencies:
        if len(currencies) > 1:
            st.subheader(w["currency_heading"].format(currency=_currency_name(currency, w)))
        kpis(totals, previous, currency, view, w)
    gaps = A.unreported(rows) if rows["platform"].nunique() > 1 else A.unreported(rows.iloc[0:0])
    for platform, part in gaps.groupby("platform", sort=True):
        metrics = ", ".join(
            w[str(m)].lower() if str(m) in w else i18n.label(str(m), lang).lower() for m in part["metric"]
        )
        st.caption(
            ":material/info: " + w["unreported"].format(platform=i18n.label(str(platform), lang), metrics=metrics)
        )
    for row in level_rows.left_out.itertuples():
        st.caption(
            ":material/info: "
            + w["level_left_out"].format(
                platform=i18n.label(str(row.platform), lang),
                level=w[str(row.level)].lower(),
                spend=_money(row.spend, str(row.currency), lang),
                wanted=w[level].lower(),
            )
        )
    st.subheader(w["table"].format(level=w[level].lower()))
    for currency in currencies:
        level_table(table[table["currency"] == currency], level, currency, view, w)

    st.divider()
    over_time(rows, view, w, currencies)
    st.divider()
    audience(rows, view, w, currencies)
    st.divider()
    paid_and_organic(rows, view, w)
    if len(names) > 1:
        elsewhere(ads, view, w)


def kpis(
    totals: pd.DataFrame, previous: pd.DataFrame | None, currency: str, view: state.View, w: dict[str, str]
) -> None:
    lang = view.lang
    now = totals[totals["currency"] == currency].iloc[0]
    old = None
    if previous is not None and (previous["currency"] == currency).any():
        old = previous[previous["currency"] == currency].iloc[0]
    if view.compare is not None:
        st.caption(w["vs"].format(period=i18n.date_range(view.compare.start, view.compare.end, lang)))

    def delta(col: str, better: str) -> dict[str, Any]:
        if view.compare is None:
            return {"delta": None}
        rel = growth.change(_num(now[col]), _num(old[col]) if old is not None else None).relative
        return delta_parts(rel, lang, better)

    money = lambda v: _money(v, currency, lang)  # noqa: E731
    # (key, value, which way is better, help); money cards get wider columns (long amounts).
    rows = [
        (
            [1.5, 1.5, 1, 1],
            [
                ("spend", money(now["spend"]), "none", None),
                ("conversion_value", money(now["conversion_value"]), "up", None),
                ("roas", _times(now["roas"], lang), "up", w["roas_help"]),
                ("roi", i18n.signed_percent(now["roi"], lang), "up", w["roi_help"]),
            ],
        ),
        (
            [1, 1, 1, 1],
            [
                ("impressions", i18n.number(now["impressions"], lang), "up", None),
                ("link_clicks", i18n.number(now["link_clicks"], lang), "up", None),
                ("ctr", i18n.percent(now["ctr"], lang, 2), "up", w["ctr_help"]),
                ("conversions", i18n.number(now["conversions"], lang), "up", None),
            ],
        ),
        (
            [1, 1, 1, 1],
            [
                ("cpc", money(now["cpc"]), "down", w["cpc_help"]),
                ("cpm", money(now["cpm"]), "down", w["cpm_help"]),
                ("cpa", money(now["cpa"]), "down", w["cpa_help"]),
                ("reach_sum", i18n.number(now["reach_sum"], lang), "up", w["reach_sum_help"]),
            ],
        ),
    ]
    for spec, cards in rows:
        for col, (key, value, better, help_text) in zip(st.columns(spec), cards, strict=True):
            col.metric(w[key], value, help=help_text, border=True, height="stretch", **delta(key, better))


def delta_parts(rel: float | None, lang: str, better: str = "up") -> dict[str, Any]:
    """``st.metric`` arguments for a relative change: text, colour and arrow set explicitly.

    i18n writes a minus as "−" (U+2212), which Streamlit does not read as negative (it checks
    for "-"), so the arrow and colour are decided here from the number. ``better``: "up",
    "down" (a cost: lower is better) or "none" (grey).
    """
    if rel is None:
        return {"delta": None}
    arrow = "off" if rel == 0 else ("up" if rel > 0 else "down")
    good = (rel > 0) if better == "up" else (rel < 0)
    color = "gray" if rel == 0 or better == "none" else ("green" if good else "red")
    return {"delta": i18n.signed_percent(rel, lang), "delta_color": color, "delta_arrow": arrow}


def _num(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _times(value: Any, lang: str) -> str:
    """ROAS as a multiple: ``3,2×``."""
    return i18n.MISSING if value is None or pd.isna(value) else i18n.number(value, lang, 2) + "×"


def level_table(table: pd.DataFrame, level: str, currency: str, view: state.View, w: dict[str, str]) -> None:
    lang = view.lang
    if table.empty:
        return
    table = table.assign(_s=table["spend"].astype(float).fillna(-1)).sort_values("_s", ascending=False, kind="stable")
    money = lambda v: _money(v, currency, lang)  # noqa: E731
    names: dict[str, list[str]] = {w["platform"]: [i18n.label(str(p), lang) for p in table["platform"]]}
    for key in A.GROUPINGS[level]:
        names[w[key]] = [str(v) for v in table[key]]
    delivery = {
        w["spend"]: [money(v) for v in table["spend"]],
        w["impressions"]: [i18n.number(v, lang) for v in table["impressions"]],
        w["ctr"]: [i18n.percent(v, lang, 2) for v in table["ctr"]],
        w["cpc"]: [money(v) for v in table["cpc"]],
        w["cpm"]: [money(v) for v in table["cpm"]],
        w["results"]: [
            i18n.MISSING if pd.isna(n) else f"{i18n.number(n, lang)} {result_label(t, lang)}".strip()
            for n, t in zip(table["results"], table["result_type"], strict=True)
        ],
        w["cost_per_result"]: [money(v) for v in table["cost_per_result"]],
    }
    conversions = {
        w["spend"]: [money(v) for v in table["spend"]],
        w["link_clicks"]: [i18n.number(v, lang) for v in table["link_clicks"]],
        w["conversions"]: [i18n.number(v, lang) for v in table["conversions"]],
        w["cpa"]: [money(v) for v in table["cpa"]],
        w["conversion_value"]: [money(v) for v in table["conversion_value"]],
        w["roas"]: [_times(v, lang) for v in table["roas"]],
        w["roi"]: [i18n.signed_percent(v, lang) for v in table["roi"]],
    }
    config: dict[str, Any] = {w["platform"]: st.column_config.TextColumn(w["platform"], width="small")}
    for key in A.GROUPINGS[level]:
        config[w[key]] = st.column_config.TextColumn(w[key], width="medium")
    height = min(38 + 35 * len(table), 460)
    for tab, part in zip(st.tabs([w["tab_delivery"], w["tab_conversions"]]), (delivery, conversions), strict=True):
        tab.dataframe(pd.DataFrame(names | part), hide_index=True, width="stretch", height=height, column_config=config)


def seasons(period: growth.Period, lang: str) -> pd.DataFrame:
    """Campaign seasons in the period, one row each: ``name``, ``start``, ``end_excl`` (clipped)."""
    events = calendar.calendar_events(period.start, period.end, lang)  # type: ignore[arg-type]
    events = events[events["event"].isin(SEASONS)].drop_duplicates(["event", "start"])
    lo, hi = pd.Timestamp(period.start), pd.Timestamp(period.end)
    return pd.DataFrame(
        {
            "name": events["name"].astype(str).to_numpy(),
            "start": events["start"].clip(lower=lo).to_numpy(),
            "end_excl": (events["end"].clip(upper=hi) + pd.Timedelta(days=1)).to_numpy(),
        }
    )


def full_grid(frame: pd.DataFrame, period: growth.Period, freq: str) -> pd.DataFrame:
    """``frame`` with a row (value missing) for every bucket of the period without one, per
    platform, so a line breaks where no ad ran instead of joining the days around the gap."""
    if frame.empty:
        return frame
    code = {"day": "D", "week": "W-MON", "month": "MS"}[freq]
    first = pd.Timestamp(period.start)
    if freq == "week":
        first -= pd.Timedelta(days=first.weekday())
    elif freq == "month":
        first = first.replace(day=1)
    buckets = pd.date_range(first, pd.Timestamp(period.end), freq=code)
    grid = pd.MultiIndex.from_product([sorted(frame["platform"].unique()), buckets], names=["platform", "period_start"])
    return frame.set_index(["platform", "period_start"]).reindex(grid).reset_index()


def over_time(rows: pd.DataFrame, view: state.View, w: dict[str, str], currencies: list[str]) -> None:
    lang = view.lang
    st.subheader(w["over_time"])
    freq = frequency_for(view.period)
    series = A.ads_over_time(rows, freq)
    bands = seasons(view.period, lang)
    metric = st.segmented_control(
        w["metric"],
        OVER_TIME_METRICS,
        format_func=lambda k: w[k],
        default="conversions",
        key="cmp_metric",
        required=True,
    )
    metric = metric or "conversions"
    for currency in currencies:
        part = series[series["currency"] == currency]
        spend = pd.DataFrame(
            {
                "platform": part["platform"].astype(str),
                "period_start": pd.to_datetime(part["period_start"]),
                "spend": part["spend"].astype(float),
            }
        )
        st.altair_chart(
            charts.spend_over_time(
                spend,
                bands,
                lang=lang,
                currency=currency,
                freq=freq,
                x_title=w["date"],
                y_title=w["spend"],
                title=w["spend_chart"].format(freq=w[freq], currency=_currency_name(currency, w)),
                season_title=w["season"],
            ),
            width="stretch",
        )
        values = pd.DataFrame(
            {
                "platform": part["platform"].astype(str),
                "period_start": pd.to_datetime(part["period_start"]),
                "value": part[metric].astype(float),
            }
        )
        if values["value"].isna().all():
            st.caption(w["no_metric"].format(metric=w[metric].lower()))
            continue
        values = full_grid(values, view.period, freq)
        st.altair_chart(
            charts.metric_over_time(
                values,
                bands,
                lang=lang,
                freq=freq,
                x_title=w["date"],
                y_title=w[metric],
                title=w["metric_chart"].format(metric=w[metric], freq=w[freq]),
                season_title=w["season"],
            ),
            width="stretch",
        )
    notes = [w["seasons_note"]] if not bands.empty else []
    if series.attrs.get("multi_day_rows"):
        notes.append(w["multi_day"].format(n=i18n.number(series.attrs["multi_day_rows"], lang)))
    for note in notes:
        st.caption(note)


def audience(rows: pd.DataFrame, view: state.View, w: dict[str, str], currencies: list[str]) -> None:
    lang = view.lang
    st.subheader(w["audience"])
    table = A.ads_metrics(rows, by=["age", "gender"], per_platform=False, breakdown="age_gender")
    if table.empty:
        st.info(w["no_breakdown"], icon=":material/group_off:")
        return
    for currency in currencies:
        part = table[table["currency"] == currency]
        if part.empty:
            continue
        frame = pd.DataFrame(
            {
                "age": part["age"].astype(str),
                "gender_label": [GENDERS[lang].get(str(g).lower(), str(g)) for g in part["gender"]],
                "value": part["spend"].astype(float),
            }
        )
        left, right = st.columns([3, 2], gap="medium")
        left.altair_chart(
            charts.age_gender(
                frame,
                lang=lang,
                value_title=w["spend"],
                age_title=w["age"],
                gender_title=w["gender"],
                title=w["audience_chart"].format(metric=f"{w['spend']} ({_currency_name(currency, w)})"),
                value_format=",.0f",
            ),
            width="stretch",
        )
        shown = pd.DataFrame(
            {
                w["age"]: part["age"].astype(str),
                w["gender"]: frame["gender_label"].to_numpy(),
                w["spend"]: [_money(v, currency, lang) for v in part["spend"]],
                w["ctr"]: [i18n.percent(v, lang, 2) for v in part["ctr"]],
                w["conversions"]: [i18n.number(v, lang) for v in part["conversions"]],
                w["cpa"]: [_money(v, currency, lang) for v in part["cpa"]],
            }
        )
        right.dataframe(shown, hide_index=True, width="stretch")


def paid_and_organic(rows: pd.DataFrame, view: state.View, w: dict[str, str]) -> None:
    lang = view.lang
    st.subheader(w["paid_organic"])
    st.caption(w["paid_organic_caption"].format(days=C.DEFAULT_MARGIN_DAYS))
    names = tuple(sorted(rows["campaign"].dropna().astype(str).unique()))
    found = organic(
        view.store.version(),
        view.platforms,
        view.accounts,
        view.period.start,
        view.period.end,
        names,
        view.er_basis,
        view.tz,
        view.tables.get("posts", pd.DataFrame()),
        view.tables["ads"],
        view.store.plans(),
        view.tables.get("account_daily", pd.DataFrame()),
    )
    st.session_state["_campaigns_organic"] = found
    paid = A.ads_metrics(rows, by=["campaign"])
    summary = found["summary"].set_index("campaign") if len(found["summary"]) else pd.DataFrame()
    windows = found["windows"].set_index("campaign") if len(found["windows"]) else pd.DataFrame()
    paid = paid.assign(_s=paid["spend"].astype(float).fillna(-1)).sort_values("_s", ascending=False, kind="stable")
    table = pd.DataFrame(
        {
            w["campaign"]: [
                f"{c} · {i18n.label(str(p), lang)}" for c, p in zip(paid["campaign"], paid["platform"], strict=True)
            ],
            w["dates"]: [
                i18n.date_range(windows.loc[c, "first"].date(), windows.loc[c, "last"].date(), lang)
                if c in windows.index
                else i18n.MISSING
                for c in paid["campaign"]
            ],
            w["spend"]: [_money(v, str(c), lang) for v, c in zip(paid["spend"], paid["currency"], strict=True)],
            w["roas"]: [_times(v, lang) for v in paid["roas"]],
            w["organic_posts"]: [
                i18n.number(summary.loc[c, "posts"], lang)
                if c in summary.index
                else (i18n.number(0, lang) if found["keywords"].get(c) else i18n.MISSING)
                for c in paid["campaign"]
            ],
            w["organic_rate"]: [
                i18n.percent(summary.loc[c, "rate"], lang, 2) if c in summary.index else i18n.MISSING
                for c in paid["campaign"]
            ],
            w["keywords"]: [
                " ".join("#" + k for k in found["keywords"].get(c, ())) or w["no_keywords"] for c in paid["campaign"]
            ],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={w["campaign"]: st.column_config.TextColumn(w["campaign"], width="medium")},
    )
    matches: pd.DataFrame = found["matches"]
    with_posts = [c for c in paid["campaign"].astype(str).unique() if c in set(matches["campaign"])]
    if not with_posts:
        st.caption(w["no_organic"])
    else:
        campaign = st.selectbox(
            w["show_posts_of"],
            with_posts,
            format_func=lambda c: f"{c} · {i18n.number(int((matches['campaign'] == c).sum()), lang)}",
            key="cmp_posts_of",
        )
        mine = matches[matches["campaign"] == campaign].sort_values("published_date", kind="stable")
        shown = pd.DataFrame(
            {
                w["date"]: [i18n.date(d, lang) for d in mine["published_date"]],
                w["link"]: mine["permalink"].astype(object).where(mine["permalink"].notna(), None).tolist(),
                w["platform"]: [i18n.label(str(p), lang) for p in mine["platform"]],
                w["caption"]: [_short(c) for c in mine["caption"]],
                w["post_rate"]: [i18n.percent(v, lang, 2) for v in mine["rate"]],
                w["matched_by"]: [
                    w[str(b)].format(evidence=e) for b, e in zip(mine["matched_by"], mine["evidence"], strict=True)
                ],
            }
        )
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            height=min(38 + 35 * len(shown), 390),
            column_config={
                w["link"]: st.column_config.LinkColumn(w["link"], display_text=w["open"], width="small"),
                w["caption"]: st.column_config.TextColumn(w["caption"], width="medium"),
            },
        )
    with st.expander(w["how_matched"], icon=":material/help:"):
        st.markdown(w["rule"].format(days=C.DEFAULT_MARGIN_DAYS))


def elsewhere(ads: pd.DataFrame, view: state.View, w: dict[str, str], expanded: bool = False) -> None:
    """Campaigns whose ads ran outside the chosen period, grouped by their dates (the Meta and
    TikTok campaigns of one promotion share them), each group with a button to jump there."""
    lang = view.lang
    windows = C.campaign_windows(ads)
    start, end = pd.Timestamp(view.period.start), pd.Timestamp(view.period.end)
    outside = windows[(windows["last"] < start) | (windows["first"] > end)]
    if outside.empty:
        return
    groups = list(outside.sort_values("first", ascending=False).groupby(["first", "last"], sort=False))
    label = f"{w['elsewhere']} · {i18n.number(len(outside), lang)}"
    with st.expander(label, icon=":material/history:", expanded=expanded):
        cells = st.columns(2, gap="medium")
        for i, ((first, last), part) in enumerate(groups):
            with cells[i % 2].container(border=True):
                text, button = st.columns([4, 1], vertical_alignment="center")
                names = " · ".join(
                    f"{row.campaign} ({', '.join(i18n.label(p, lang) for p in str(row.platforms).split(', '))})"
                    for row in part.itertuples()
                )
                text.markdown(f"**{i18n.date_range(first.date(), last.date(), lang)}**  \n{names}")
                button.button(
                    w["show_dates"],
                    key=f"cmp_show_{i}",
                    help=w["show_dates_help"],
                    on_click=set_period,
                    args=(first.date(), last.date()),
                    width="stretch",
                )


def _short(text: Any) -> str:
    if text is None or pd.isna(text):
        return i18n.MISSING
    one_line = " ".join(str(text).split())
    return one_line if len(one_line) <= CAPTION_SHOWN else one_line[: CAPTION_SHOWN - 1] + "…"


main()
