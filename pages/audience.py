"""Audience: who follows each account, where they are, and how the following moves.

Thin page: :mod:`smo_metrics.audience` computes every number (shares, top segments with their
remainder, snapshot changes, follower timelines and summaries; growth through
:mod:`smo_metrics.growth`). Audiences are per platform and account and never added together:
the page shows one platform at a time, and the follower table puts accounts side by side.
"""

from __future__ import annotations

from typing import Any, Final

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.charts import PLATFORM_COLORS
from dashboard.charts.audience import change_bars, followers_line, gains_losses, pyramid, segment_bars
from dashboard.pages import page_title
from smo_metrics import audience as aud
from smo_metrics import i18n
from smo_metrics.growth import change
from smo_metrics.tables import select

WORDS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "intro": "Who follows each account and how the following moves. Audiences are per platform and "
        "account: their shares are never added across platforms.",
        "all_title": "Followers by account",
        "all_caption": "{dates}. Each account on its own row: follower counts of different platforms are "
        "different people counted differently, so they are not added up.",
        "c_platform": "Platform",
        "c_account": "Account",
        "c_end": "Followers at end",
        "c_net": "Net change",
        "c_rate": "Growth",
        "c_gained": "New followers",
        "c_lost": "Lost",
        "no_totals": "No follower totals in the exports of {platforms}: without a total there is no follower "
        "count or growth rate, only the daily movement they report.",
        "only_gains": "{platforms} report new followers only (no losses), so their net change is unknown.",
        "pick_platform": "Platform",
        "pick_account": "Account",
        "followers": "Followers",
        "k_end": "Followers",
        "k_end_help": "The last follower total on or before {end}.",
        "k_end_none": "The {platform} exports give no follower total.",
        "k_net": "Net change",
        "k_net_help": "Followers at the end minus followers just before the period (or the platform's "
        "daily net change, or new minus lost followers).",
        "k_gained": "New followers",
        "k_lost": "Lost followers",
        "k_not_given": "The {platform} exports do not give this number.",
        "k_rate": "Growth rate",
        "k_rate_help": "Net change ÷ followers at the start of the period.",
        "vs": "vs {period}",
        "in_period": "in the period",
        "total_title": "Follower total · {account}",
        "moves_title_gained_lost": "New and lost followers per {bucket} · {account}",
        "moves_title_gained": "New followers per {bucket} · {account}",
        "moves_title_lost": "Lost followers per {bucket} · {account}",
        "moves_title_net": "Net follower change per {bucket} · {account}",
        "bucket_D": "day",
        "bucket_W": "week",
        "bucket_M": "month",
        "date": "Date",
        "week_of": "Week of",
        "followers_axis": "Followers",
        "moves_axis": "Followers",
        "gained": "New followers",
        "lost": "Lost followers",
        "net": "Net change",
        "t_period": "Period",
        "t_value": "Followers",
        "t_series": "Series",
        "no_followers": "No follower numbers for {platform} in this period. {export}",
        "demographics": "Who they are",
        "population": "Breakdown of",
        "population_one": "Breakdown of: **{population}**",
        "as_of": "As of {date}",
        "undated": "Export date not stated",
        "age_gender": "Age and gender",
        "age": "Age",
        "gender": "Gender",
        "male": "Men",
        "female": "Women",
        "other_gender": "Not drawn in the pyramid, which has two sides.",
        "largest_band": "Largest age group",
        "share": "Share",
        "count": "Count",
        "share_axis": "Share of the audience",
        "count_axis": "People (as exported)",
        "t_age": "Age",
        "t_gender": "Gender",
        "t_share": "Share",
        "t_count": "Count",
        "t_segment": "Segment",
        "where": "Where they are",
        "city": "Top cities",
        "country": "Top countries",
        "territory": "Top territories",
        "language": "Languages",
        "professional": "Professional profile (LinkedIn)",
        "job_function": "Job functions",
        "seniority": "Seniority",
        "industry": "Industries",
        "company_size": "Company size",
        "remainder": "Other (not listed)",
        "remainder_note": "Grey bars are the rest: the platform's own “Others” row, or the share the export "
        "does not itemise (Instagram lists only its top cities).",
        "count_note": "This export gives counts; shares are of the people it lists.",
        "change": "How it changed between exports",
        "change_dim": "Breakdown",
        "change_before": "From",
        "change_after": "To",
        "change_title": "Change in share, percentage points · {before} → {after}",
        "change_axis": "Change (percentage points)",
        "t_before": "Share before",
        "t_after": "Share after",
        "t_change": "Change",
        "only_in": "Only in one export (not a change: it may have dropped out of a top list): {segments}",
        "change_none": "One export per breakdown so far. Export the same report again later to see how your "
        "audience moves.",
        "empty": "No audience data yet. Upload on the **Data** page: Meta Business Suite **Audience.csv** "
        "(Instagram, Facebook: age, gender, cities, countries), TikTok Studio **Followers/Viewers** exports "
        "(gender, territories, FollowerHistory), the LinkedIn **followers and visitors workbooks** (job "
        "function, seniority, industry, company size, location), YouTube Studio audience breakdowns, and "
        "the follower files (Meta **Follows.csv**, X account overview).",
        "none_selected": "The platforms chosen in the sidebar have no audience or follower data.",
        "exp_demo": {
            "meta": "Export **Meta Business Suite → Insights → Audience** (Audience.csv).",
            "tiktok": "Export **TikTok Studio → Analytics → Followers / Viewers** (FollowerGender, Viewers).",
            "youtube": "Export **YouTube Studio → Analytics → Audience** breakdowns (age, gender).",
            "linkedin": "LinkedIn does not export age or gender; its followers and visitors workbooks give "
            "location and professional profile.",
            "x": "X's analytics exports carry no audience breakdown.",
        },
        "exp_where": {
            "meta": "Export **Meta Business Suite → Insights → Audience** (Audience.csv: top cities and countries).",
            "tiktok": "Export **TikTok Studio → Analytics → Followers** (FollowerTopTerritories).",
            "youtube": "Export **YouTube Studio → Analytics → Audience → Geography**.",
            "linkedin": "Export the **LinkedIn followers or visitors workbook** (Location sheet).",
            "x": "X's analytics exports carry no location breakdown.",
        },
        "exp_pro": "Export **LinkedIn Page → Analytics → Followers** and **Visitors** (the workbooks' job "
        "function, seniority, industry and company size sheets).",
        "exp_followers": {
            "meta": "Export **Meta Business Suite → Insights → Follows** (Follows.csv).",
            "tiktok": "Export **TikTok Studio → Analytics → Followers** (FollowerHistory.csv).",
            "youtube": "Export **YouTube Studio** Totals or Chart data with Subscribers.",
            "linkedin": "Export the **LinkedIn followers workbook** (New followers sheet).",
            "x": "Export the **X analytics account overview**.",
        },
    },
    "id": {
        "intro": "Siapa yang mengikuti setiap akun dan bagaimana jumlah pengikut bergerak. Audiens dihitung per "
        "platform dan akun: porsinya tidak pernah dijumlahkan antarplatform.",
        "all_title": "Pengikut per akun",
        "all_caption": "{dates}. Setiap akun punya barisnya sendiri: pengikut di platform berbeda adalah orang "
        "berbeda yang dihitung dengan cara berbeda, jadi tidak dijumlahkan.",
        "c_platform": "Platform",
        "c_account": "Akun",
        "c_end": "Pengikut di akhir",
        "c_net": "Perubahan bersih",
        "c_rate": "Pertumbuhan",
        "c_gained": "Pengikut baru",
        "c_lost": "Hilang",
        "no_totals": "Ekspor {platforms} tidak memuat total pengikut: tanpa total tidak ada jumlah pengikut "
        "atau laju pertumbuhan, hanya pergerakan harian yang dilaporkan.",
        "only_gains": "{platforms} hanya melaporkan pengikut baru (tanpa yang hilang), jadi perubahan "
        "bersihnya tidak diketahui.",
        "pick_platform": "Platform",
        "pick_account": "Akun",
        "followers": "Pengikut",
        "k_end": "Pengikut",
        "k_end_help": "Total pengikut terakhir pada atau sebelum {end}.",
        "k_end_none": "Ekspor {platform} tidak memuat total pengikut.",
        "k_net": "Perubahan bersih",
        "k_net_help": "Pengikut di akhir dikurangi pengikut tepat sebelum periode (atau perubahan bersih "
        "harian dari platform, atau pengikut baru dikurangi yang hilang).",
        "k_gained": "Pengikut baru",
        "k_lost": "Pengikut hilang",
        "k_not_given": "Ekspor {platform} tidak memuat angka ini.",
        "k_rate": "Laju pertumbuhan",
        "k_rate_help": "Perubahan bersih ÷ pengikut di awal periode.",
        "vs": "vs {period}",
        "in_period": "dalam periode",
        "total_title": "Total pengikut · {account}",
        "moves_title_gained_lost": "Pengikut baru dan hilang per {bucket} · {account}",
        "moves_title_gained": "Pengikut baru per {bucket} · {account}",
        "moves_title_lost": "Pengikut hilang per {bucket} · {account}",
        "moves_title_net": "Perubahan bersih pengikut per {bucket} · {account}",
        "bucket_D": "hari",
        "bucket_W": "minggu",
        "bucket_M": "bulan",
        "date": "Tanggal",
        "week_of": "Minggu mulai",
        "followers_axis": "Pengikut",
        "moves_axis": "Pengikut",
        "gained": "Pengikut baru",
        "lost": "Pengikut hilang",
        "net": "Perubahan bersih",
        "t_period": "Periode",
        "t_value": "Pengikut",
        "t_series": "Seri",
        "no_followers": "Tidak ada angka pengikut {platform} pada periode ini. {export}",
        "demographics": "Siapa mereka",
        "population": "Rincian dari",
        "population_one": "Rincian dari: **{population}**",
        "as_of": "Per {date}",
        "undated": "Tanggal ekspor tidak disebutkan",
        "age_gender": "Usia dan gender",
        "age": "Usia",
        "gender": "Gender",
        "male": "Laki-laki",
        "female": "Perempuan",
        "other_gender": "Tidak digambar di piramida, yang hanya punya dua sisi.",
        "largest_band": "Kelompok usia terbesar",
        "share": "Porsi",
        "count": "Jumlah",
        "share_axis": "Porsi audiens",
        "count_axis": "Orang (sesuai ekspor)",
        "t_age": "Usia",
        "t_gender": "Gender",
        "t_share": "Porsi",
        "t_count": "Jumlah",
        "t_segment": "Segmen",
        "where": "Di mana mereka",
        "city": "Kota teratas",
        "country": "Negara teratas",
        "territory": "Wilayah teratas",
        "language": "Bahasa",
        "professional": "Profil profesional (LinkedIn)",
        "job_function": "Fungsi pekerjaan",
        "seniority": "Senioritas",
        "industry": "Industri",
        "company_size": "Ukuran perusahaan",
        "remainder": "Lainnya (tidak dirinci)",
        "remainder_note": "Batang abu-abu adalah sisanya: baris “Others” dari platform, atau porsi yang tidak "
        "dirinci ekspor (Instagram hanya mencantumkan kota teratas).",
        "count_note": "Ekspor ini memberi jumlah orang; porsi dihitung dari orang yang tercantum.",
        "change": "Perubahan antarekspor",
        "change_dim": "Rincian",
        "change_before": "Dari",
        "change_after": "Ke",
        "change_title": "Perubahan porsi, poin persentase · {before} → {after}",
        "change_axis": "Perubahan (poin persentase)",
        "t_before": "Porsi sebelum",
        "t_after": "Porsi sesudah",
        "t_change": "Perubahan",
        "only_in": "Hanya ada di satu ekspor (bukan perubahan: mungkin keluar dari daftar teratas): {segments}",
        "change_none": "Baru ada satu ekspor per rincian. Ekspor laporan yang sama lagi nanti untuk melihat "
        "pergerakan audiens Anda.",
        "empty": "Belum ada data audiens. Unggah di halaman **Data**: **Audience.csv** dari Meta Business Suite "
        "(Instagram, Facebook: usia, gender, kota, negara), ekspor **Followers/Viewers** TikTok Studio "
        "(gender, wilayah, FollowerHistory), **workbook followers dan visitors** LinkedIn (fungsi pekerjaan, "
        "senioritas, industri, ukuran perusahaan, lokasi), rincian audiens YouTube Studio, dan file pengikut "
        "(**Follows.csv** Meta, account overview X).",
        "none_selected": "Platform yang dipilih di sidebar tidak punya data audiens atau pengikut.",
        "exp_demo": {
            "meta": "Ekspor **Meta Business Suite → Insights → Audiens** (Audience.csv).",
            "tiktok": "Ekspor **TikTok Studio → Analitik → Pengikut / Penonton** (FollowerGender, Viewers).",
            "youtube": "Ekspor rincian **YouTube Studio → Analytics → Penonton** (usia, gender).",
            "linkedin": "LinkedIn tidak mengekspor usia atau gender; workbook followers dan visitors memberi "
            "lokasi dan profil profesional.",
            "x": "Ekspor analitik X tidak memuat rincian audiens.",
        },
        "exp_where": {
            "meta": "Ekspor **Meta Business Suite → Insights → Audiens** (Audience.csv: kota dan negara teratas).",
            "tiktok": "Ekspor **TikTok Studio → Analitik → Pengikut** (FollowerTopTerritories).",
            "youtube": "Ekspor **YouTube Studio → Analytics → Penonton → Geografi**.",
            "linkedin": "Ekspor **workbook followers atau visitors LinkedIn** (sheet Location).",
            "x": "Ekspor analitik X tidak memuat rincian lokasi.",
        },
        "exp_pro": "Ekspor **LinkedIn Page → Analytics → Followers** dan **Visitors** (sheet fungsi pekerjaan, "
        "senioritas, industri, dan ukuran perusahaan).",
        "exp_followers": {
            "meta": "Ekspor **Meta Business Suite → Insights → Follows** (Follows.csv).",
            "tiktok": "Ekspor **TikTok Studio → Analitik → Pengikut** (FollowerHistory.csv).",
            "youtube": "Ekspor **YouTube Studio** Totals atau Chart data dengan Subscribers.",
            "linkedin": "Ekspor **workbook followers LinkedIn** (sheet New followers).",
            "x": "Ekspor **account overview analitik X**.",
        },
    },
}
POPULATIONS: Final[dict[str, dict[str, str]]] = {
    "en": {"followers": "Followers", "visitors": "Page visitors", "audience": "Audience (as the platform defines it)"},
    "id": {
        "followers": "Pengikut",
        "visitors": "Pengunjung halaman",
        "audience": "Audiens (menurut definisi platform)",
    },
}
GENDERS: Final[dict[str, dict[str, str]]] = {
    "en": {"male": "Men", "female": "Women", "other": "Other", "unknown": "Unknown"},
    "id": {"male": "Laki-laki", "female": "Perempuan", "other": "Lainnya", "unknown": "Tidak diketahui"},
}
# ISO 3166 codes TikTok writes for territories (names of the ones an Indonesian account meets).
TERRITORIES: Final[dict[str, tuple[str, str]]] = {
    "ID": ("Indonesia", "Indonesia"),
    "MY": ("Malaysia", "Malaysia"),
    "SG": ("Singapore", "Singapura"),
    "PH": ("Philippines", "Filipina"),
    "TL": ("Timor-Leste", "Timor Leste"),
    "TH": ("Thailand", "Thailand"),
    "VN": ("Vietnam", "Vietnam"),
    "BN": ("Brunei", "Brunei"),
    "AU": ("Australia", "Australia"),
    "JP": ("Japan", "Jepang"),
    "KR": ("South Korea", "Korea Selatan"),
    "CN": ("China", "Tiongkok"),
    "TW": ("Taiwan", "Taiwan"),
    "HK": ("Hong Kong", "Hong Kong"),
    "IN": ("India", "India"),
    "SA": ("Saudi Arabia", "Arab Saudi"),
    "AE": ("United Arab Emirates", "Uni Emirat Arab"),
    "US": ("United States", "Amerika Serikat"),
    "GB": ("United Kingdom", "Britania Raya"),
    "NL": ("Netherlands", "Belanda"),
    "DE": ("Germany", "Jerman"),
}
PLATFORM_OTHERS: Final = {"en": "Others (as exported)", "id": "Lainnya (sesuai ekspor)"}
PLATFORM_ORDER: Final = tuple(PLATFORM_COLORS)
DEMOGRAPHIC_DIMS: Final = ("age_gender", "age", "gender")
LOCATION_DIMS: Final = ("city", "country", "territory")
PRO_DIMS: Final = ("job_function", "seniority", "industry", "company_size")
TOP_N: Final = 10


def export_hint(kind: str, platform: str, w: dict[str, Any]) -> str:
    """Which export fills a part of the page for ``platform``."""
    hints = w[kind]
    key = "meta" if platform in ("instagram", "facebook", "meta") else platform
    return str(hints.get(key, ""))


def signed_delta(text: str) -> str:
    """A formatted change for ``st.metric``: Streamlit reads a leading ASCII ``-`` as a fall."""
    return "-" + text[1:] if text.startswith("−") else text


def share_or_count(value: Any, unit: str, lang: str) -> str:
    return i18n.percent(value, lang, 1) if unit == "share" else i18n.number(value, lang)


def segment_label(segment: Any, dimension: str, lang: str) -> str:
    text = str(segment)
    if dimension != "gender" and text.strip().lower() in aud.PLATFORM_OTHER_NAMES:
        return PLATFORM_OTHERS[lang]
    if dimension == "gender":
        return GENDERS[lang].get(text.lower(), text)
    if dimension in ("territory", "country") and text.upper() in TERRITORIES:
        return TERRITORIES[text.upper()][0 if lang == "en" else 1]
    return text


def snapshot_text(as_of: Any, w: dict[str, Any], lang: str) -> str:
    return w["undated"] if pd.isna(as_of) else w["as_of"].format(date=i18n.date(as_of, lang))


# ------------------------------------------------------------------ data (cached on the store version)


@st.cache_data(max_entries=8, show_spinner=False)
def resolved_audience(version: int, _tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The audience table with Meta's rows named Instagram or Facebook where the account says which."""
    accounts: dict[str, set[str]] = {}
    for kind in ("posts", "account_daily"):
        frame = _tables[kind]
        for platform in ("instagram", "facebook"):
            names = frame.loc[frame["platform"].astype("string").eq(platform).fillna(False), "account"]
            accounts.setdefault(platform, set()).update(names.dropna().astype(str).unique())
    return aud.resolve_meta_platform(_tables["audience"], accounts)


# ------------------------------------------------------------------ sections


def draw_follower_table(view: state.View, w: dict[str, Any], daily: pd.DataFrame) -> pd.DataFrame:
    lang = view.lang
    summary = aud.follower_summary(daily, view.period)
    sources = aud.follower_sources(daily)
    st.subheader(w["all_title"])
    st.caption(w["all_caption"].format(dates=i18n.date_range(view.period.start, view.period.end, lang)))
    if summary.empty:
        return summary
    table = pd.DataFrame(
        {
            w["c_platform"]: [i18n.label(str(p), lang) for p in summary["platform"]],
            w["c_account"]: summary["account"].fillna(i18n.MISSING).astype(str),
            w["c_end"]: [i18n.number(v, lang) for v in summary["followers_end"]],
            w["c_net"]: [_signed_number(v, lang) for v in summary["net_change"]],
            w["c_rate"]: [i18n.signed_percent(v, lang, 1) for v in summary["growth_rate"]],
            w["c_gained"]: [i18n.number(v, lang) for v in summary["gained"]],
            w["c_lost"]: [i18n.number(v, lang) for v in summary["lost"]],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    has_any = sources[sources[["gained", "lost", "net"]].any(axis=1) | sources["totals"]]
    no_totals = has_any.loc[~has_any["totals"], "platform"].astype(str).unique().tolist()
    only_gains = has_any.loc[~has_any["totals"] & ~has_any["lost"] & ~has_any["net"], "platform"].astype(str)
    notes = []
    if no_totals:
        notes.append(w["no_totals"].format(platforms=_names(no_totals, lang)))
    if len(only_gains):
        notes.append(w["only_gains"].format(platforms=_names(only_gains.unique().tolist(), lang)))
    for note in notes:
        st.caption(note)
    return summary


def _names(platforms: list[str], lang: str) -> str:
    return ", ".join(i18n.label(p, lang) for p in platforms)


def _signed_number(value: Any, lang: str) -> str:
    text = i18n.number(value, lang)
    return "+" + text if not i18n.is_missing(value) and float(value) > 0 else text


def draw_followers(view: state.View, w: dict[str, Any], daily: pd.DataFrame, platform: str, account: str) -> None:
    lang = view.lang
    st.subheader(w["followers"])
    now = aud.follower_summary(daily, view.period)
    if now.empty or now[["followers_end", "net_change", "gained", "lost"]].isna().all(axis=None):
        hint = export_hint("exp_followers", platform, w)
        st.info(w["no_followers"].format(platform=i18n.label(platform, lang), export=hint), icon=":material/group:")
        return
    row = now.iloc[0]
    before = aud.follower_summary(daily, view.compare).iloc[0] if view.compare is not None else None
    vs = w["vs"].format(period=i18n.date_range(view.compare.start, view.compare.end, lang)) if view.compare else ""
    freq = aud.timeline_frequency(view.period)
    timeline = aud.follower_timeline(daily, view.period, freq)

    def delta(column: str) -> tuple[str | None, str]:
        if before is None:
            return None, ""
        moved = change(row[column], before[column]).relative
        return (signed_delta(i18n.signed_percent(moved, lang, 1)), vs) if moved is not None else (None, "")

    c1, c2, c3, c4 = st.columns(4)
    end_help = (
        w["k_end_help"].format(end=i18n.date(view.period.end, lang))
        if not pd.isna(row["followers_end"])
        else w["k_end_none"].format(platform=i18n.label(platform, lang))
    )
    net_text = _signed_number(row["net_change"], lang)
    c1.metric(
        w["k_end"],
        i18n.number(row["followers_end"], lang),
        delta=signed_delta(net_text) if not pd.isna(row["followers_end"]) and net_text != i18n.MISSING else None,
        delta_description=w["in_period"] if not pd.isna(row["followers_end"]) else None,
        help=end_help,
        border=True,
        chart_data=timeline["followers"].dropna().tolist() or None,
    )
    d, desc = delta("net_change")
    c2.metric(w["k_net"], net_text, delta=d, delta_description=desc or None, help=w["k_net_help"], border=True)
    d, desc = delta("gained")
    not_given = w["k_not_given"].format(platform=i18n.label(platform, lang))
    c3.metric(
        w["k_gained"],
        i18n.number(row["gained"], lang),
        delta=d,
        delta_description=desc or None,
        help=not_given if pd.isna(row["gained"]) else None,
        border=True,
        chart_data=timeline["gained"].dropna().tolist() or None,
        chart_type="bar",
    )
    d, desc = delta("lost")
    c4.metric(
        w["k_lost"],
        i18n.number(row["lost"], lang),
        delta=d,
        delta_description=desc or None,
        delta_color="inverse",
        help=not_given if pd.isna(row["lost"]) else None,
        border=True,
    )
    if not pd.isna(row["growth_rate"]):
        st.caption(f"{w['k_rate']}: **{i18n.signed_percent(row['growth_rate'], lang, 2)}** · {w['k_rate_help']}")
    x_title = w["date"] if freq == "D" else (w["week_of"] if freq == "W" else i18n.label("month", lang))
    period_text = [
        i18n.date(d, lang) if freq != "M" else f"{i18n.month_name(d.month, lang)} {d.year}"
        for d in timeline["period_start"]
    ]
    totals = timeline.dropna(subset=["followers"])
    if not totals.empty:
        frame = pd.DataFrame(
            {
                "period_start": totals["period_start"],
                "followers": totals["followers"].astype(float),
                "period_text": [period_text[i] for i in totals.index],
                "value_text": [i18n.number(v, lang) for v in totals["followers"]],
            }
        )
        chart = followers_line(
            frame,
            lang=lang,
            title=w["total_title"].format(account=account),
            x_title=x_title,
            y_title=w["followers_axis"],
            platform=platform,
            tooltips=[("period_text", w["t_period"]), ("value_text", w["t_value"])],
        )
        st.altair_chart(chart, width="stretch")
    long = []
    use = ["gained", "lost"] if timeline[["gained", "lost"]].notna().any(axis=None) else ["net"]
    for series in use:
        part = timeline.dropna(subset=[series])
        sign = -1.0 if series == "lost" else 1.0
        long.append(
            pd.DataFrame(
                {
                    "period_start": part["period_start"],
                    "series": series,
                    "series_label": w[series],
                    "value": part[series].astype(float) * sign,
                    "period_text": [period_text[i] for i in part.index],
                    "value_text": [i18n.number(v, lang) for v in part[series]],
                }
            )
        )
    moves = pd.concat(long, ignore_index=True) if long else pd.DataFrame()
    if not moves.empty:
        chart = gains_losses(
            moves,
            lang=lang,
            title=w[f"moves_title_{'_'.join(sorted(set(moves['series'])))}"].format(
                bucket=w[f"bucket_{freq}"], account=account
            ),
            x_title=x_title,
            y_title=w["moves_axis"],
            series_labels={s: w[s] for s in ("gained", "lost", "net")},
            tooltips=[("period_text", w["t_period"]), ("series_label", w["t_series"]), ("value_text", w["t_value"])],
        )
        st.altair_chart(chart, width="stretch")


def draw_pyramid(view: state.View, w: dict[str, Any], frame: pd.DataFrame) -> None:
    lang = view.lang
    unit = "count" if (frame["unit"] == "count").all() else "share"
    value = frame["signed_count"] if unit == "count" else frame["signed_share"]
    sided = frame[value.notna().to_numpy(dtype=bool)]
    gender_key = sided["gender"].astype(str).str.lower()
    data = pd.DataFrame(
        {
            "age_band": sided["age_band"].astype(str),
            "gender": gender_key,
            "gender_label": [GENDERS[lang][g] for g in gender_key],
            "value": value[sided.index].astype(float),
            "share_text": [i18n.percent(v, lang, 1) for v in sided["share"]],
            "count_text": [i18n.number(v, lang) for v in sided["count"]],
        }
    )
    tips = [("age_band", w["t_age"]), ("gender_label", w["t_gender"]), ("share_text", w["t_share"])]
    if unit == "count":
        tips.append(("count_text", w["t_count"]))
    chart = pyramid(
        data,
        lang=lang,
        title=f"{w['age_gender']} · {snapshot_text(frame['as_of'].iloc[0], w, lang)}",
        unit=unit,
        value_title=w["count_axis"] if unit == "count" else w["share_axis"],
        age_title=w["t_age"],
        gender_title=w["t_gender"],
        gender_labels=GENDERS[lang],
        age_order=aud.age_band_order(frame["age_band"]),
        tooltips=tips,
    )
    st.altair_chart(chart, width="stretch")


def draw_margins(view: state.View, w: dict[str, Any], frame: pd.DataFrame) -> None:
    """The pyramid's margins as cards: each gender's share, and the largest age band."""
    lang = view.lang
    genders = aud.age_gender_margins(frame, "gender")
    bands = aud.age_gender_margins(frame, "age_band")
    for row in genders.itertuples():
        label = GENDERS[lang].get(str(row.value), str(row.value))
        note = None if row.value in ("male", "female") else w["other_gender"]
        st.metric(label, i18n.percent(row.share, lang, 1), help=note, border=True)
    if not bands.empty:
        top = bands.loc[bands["share"].astype(float).idxmax()]
        st.metric(
            w["largest_band"],
            f"{top['value']} · {i18n.percent(top['share'], lang, 1)}",
            border=True,
        )


def draw_segments(view: state.View, w: dict[str, Any], top: pd.DataFrame, dimension: str, platform: str) -> None:
    lang = view.lang
    unit = "count" if (top["unit"] == "count").all() else "share"
    values = top["count"] if unit == "count" else top["share"]
    shown = top[values.notna().to_numpy(dtype=bool)]
    values = values[shown.index]
    remainder = shown["computed"].fillna(False).astype(bool) | shown["rank"].isna()
    labels = [
        w["remainder"] if bool(c) else segment_label(s, dimension, lang)
        for s, c in zip(shown["segment"], shown["computed"].fillna(False), strict=True)
    ]
    data = pd.DataFrame(
        {
            "label": labels,
            "value": values.astype(float).to_numpy(),
            "value_text": [share_or_count(v, unit, lang) for v in values],
            "remainder": remainder.to_numpy(),
            "share_text": [i18n.percent(v, lang, 1) for v in shown["share"]],
            "count_text": [i18n.number(v, lang) for v in shown["count"]],
        }
    )
    tips = [("label", w["t_segment"]), ("share_text", w["t_share"])]
    if unit == "count":
        tips.append(("count_text", w["t_count"]))
    chart = segment_bars(
        data,
        lang=lang,
        title=f"{w[dimension]} · {snapshot_text(top['as_of'].iloc[0], w, lang)}",
        unit=unit,
        value_title=w["count_axis"] if unit == "count" else w["share_axis"],
        platform=platform,
        tooltips=tips,
    )
    st.altair_chart(chart, width="stretch")


def draw_dimension_group(
    view: state.View,
    w: dict[str, Any],
    rows: pd.DataFrame,
    dims: tuple[str, ...],
    platform: str,
    columns: int,
) -> bool:
    """Bars for each of ``dims`` the rows have, ``columns`` to a row; False when none has data."""
    tops = []
    for dimension in dims:
        top = aud.top_segments(rows, dimension, n=TOP_N)
        if not top.empty:
            tops.append((dimension, top))
    if not tops:
        return False
    for start in range(0, len(tops), columns):
        cols = st.columns(columns, gap="medium")
        for col, (dimension, top) in zip(cols, tops[start : start + columns], strict=False):
            with col:
                draw_segments(view, w, top, dimension, platform)
    units = {u for _, top in tops for u in top["unit"].astype(str)}
    remainders = any(bool(top["computed"].fillna(False).any() or top["rank"].isna().any()) for _, top in tops)
    if remainders:
        st.caption(w["remainder_note"])
    if "count" in units:
        st.caption(w["count_note"])
    return True


def draw_change(view: state.View, w: dict[str, Any], rows: pd.DataFrame) -> None:
    lang = view.lang
    snaps = aud.snapshots(rows)
    dated = snaps.dropna(subset=["as_of"])
    per_dim = dated.groupby("dimension")["as_of"].nunique()
    dims = [d for d in per_dim.index.astype(str) if per_dim[d] > 1]
    st.subheader(w["change"])
    if not dims:
        st.caption(w["change_none"])
        return
    c1, c2, c3 = st.columns(3)
    dimension = c1.selectbox(w["change_dim"], dims, format_func=lambda d: w.get(d, d), key="au_change_dim")
    dates = sorted(dated.loc[dated["dimension"] == dimension, "as_of"].dt.date.unique())
    before = c2.selectbox(
        w["change_before"], dates[:-1], index=len(dates) - 2, format_func=lambda d: i18n.date(d, lang), key="au_before"
    )
    later = [d for d in dates if d > before]
    after = c3.selectbox(
        w["change_after"], later, index=len(later) - 1, format_func=lambda d: i18n.date(d, lang), key="au_after"
    )
    moved = aud.snapshot_change(rows, dimension, before, after)
    both = moved[moved["status"] == "both"]
    if not both.empty:
        labels = [
            segment_label(s, dimension, lang) + (f" · {GENDERS[lang].get(str(g), str(g))}" if not pd.isna(g) else "")
            for s, g in zip(both["segment"], both["gender"], strict=True)
        ]
        data = pd.DataFrame(
            {
                "label": labels,
                "change_pp": both["change_pp"].astype(float).to_numpy(),
                "before_text": [i18n.percent(v, lang, 1) for v in both["share_before"]],
                "after_text": [i18n.percent(v, lang, 1) for v in both["share_after"]],
                "change_text": [_signed_pp(v, lang) for v in both["change_pp"]],
            }
        )
        chart = change_bars(
            data,
            lang=lang,
            title=w["change_title"].format(before=i18n.date(before, lang), after=i18n.date(after, lang)),
            value_title=w["change_axis"],
            tooltips=[
                ("label", w["t_segment"]),
                ("before_text", w["t_before"]),
                ("after_text", w["t_after"]),
                ("change_text", w["t_change"]),
            ],
        )
        st.altair_chart(chart, width="stretch")
    single = moved[moved["status"] != "both"]
    if not single.empty:
        names = ", ".join(segment_label(s, dimension, lang) for s in single["segment"])
        st.caption(w["only_in"].format(segments=names))


def _signed_pp(value: Any, lang: str) -> str:
    text = i18n.number(value, lang, 1)
    unit = " pp" if lang == "en" else " poin"
    return ("+" + text if float(value) > 0 else text) + unit


# ------------------------------------------------------------------ the page

view = state.current_view()
st.title(page_title("audience", view.lang))
lang = view.lang
w: dict[str, Any] = WORDS[lang]
st.caption(w["intro"])

version = view.store.version()
audience = select({"audience": resolved_audience(version, view.all_tables)}, view.platforms, view.accounts)["audience"]
daily = view.tables["account_daily"]
follower_cols = [c for c in ("followers", "followers_gained", "followers_lost", "followers_net") if c in daily]
daily = daily[daily[follower_cols].notna().any(axis=1).to_numpy(dtype=bool)] if follower_cols else daily.iloc[0:0]

if audience.empty and daily.empty:
    if view.all_tables["audience"].empty and view.all_tables["account_daily"].empty:
        st.info(w["empty"], icon=":material/groups:")
    else:
        st.info(w["none_selected"], icon=":material/filter_alt:")
    st.stop()

draw_follower_table(view, w, daily)
st.divider()

present = set(audience["platform"].dropna().astype(str)) | set(daily["platform"].dropna().astype(str))
options = [p for p in PLATFORM_ORDER if p in present] + sorted(present - set(PLATFORM_ORDER))
with_breakdowns = [p for p in options if p in set(audience["platform"].dropna().astype(str))]
platform = st.segmented_control(
    w["pick_platform"],
    options,
    default=(with_breakdowns or options)[0],
    format_func=lambda p: i18n.label(p, lang),
    key="au_platform",
    required=True,
    bind="query-params",
)
platform = platform or options[0]
p_aud = audience[audience["platform"].astype("string").eq(platform).fillna(False).to_numpy(dtype=bool)]
p_daily = daily[daily["platform"].astype("string").eq(platform).fillna(False).to_numpy(dtype=bool)]
accounts = sorted(set(p_aud["account"].dropna().astype(str)) | set(p_daily["account"].dropna().astype(str)))
account = accounts[0] if accounts else i18n.MISSING
if len(accounts) > 1:
    account = st.selectbox(w["pick_account"], accounts, key="au_account")
if accounts:
    p_aud = p_aud[p_aud["account"].astype("string").eq(account).fillna(False).to_numpy(dtype=bool)]
    p_daily = p_daily[p_daily["account"].astype("string").eq(account).fillna(False).to_numpy(dtype=bool)]

draw_followers(view, w, p_daily, platform, account)

st.subheader(w["demographics"])
populations = sorted(p_aud["population"].dropna().astype(str).unique())
if len(populations) > 1:
    population = st.segmented_control(
        w["population"],
        populations,
        default=populations[0],
        format_func=lambda p: POPULATIONS[lang].get(p, p),
        key="au_population",
        required=True,
    )
    p_aud = p_aud[
        p_aud["population"].astype("string").eq(population or populations[0]).fillna(False).to_numpy(dtype=bool)
    ]
elif populations:
    st.caption(w["population_one"].format(population=POPULATIONS[lang].get(populations[0], populations[0])))

pyramid_rows = aud.age_gender(p_aud)
if not pyramid_rows.empty:
    left, right = st.columns([3, 2], gap="large")
    with left:
        draw_pyramid(view, w, pyramid_rows)
    with right:
        draw_margins(view, w, pyramid_rows)
elif not draw_dimension_group(view, w, p_aud, ("age", "gender"), platform, 2):
    st.info(f"{w['age_gender']}: {export_hint('exp_demo', platform, w)}", icon=":material/wc:")

st.subheader(w["where"])
if not draw_dimension_group(view, w, p_aud, (*LOCATION_DIMS, "language"), platform, 2):
    st.info(export_hint("exp_where", platform, w), icon=":material/location_on:")

if platform == "linkedin" or p_aud["dimension"].astype("string").isin(list(PRO_DIMS)).any():
    st.subheader(w["professional"])
    if not draw_dimension_group(view, w, p_aud, PRO_DIMS, platform, 2):
        st.info(w["exp_pro"], icon=":material/work:")

if not p_aud.empty:
    draw_change(view, w, p_aud)
