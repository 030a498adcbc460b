"""Prime time: when posts did best, by weekday and hour in the workspace time zone.

Thin page: :mod:`smo_metrics.timing` computes every number (the 7 × 24 grid with counts,
means, intervals and shrunk estimates, the recommended slots and their evidence sentences,
posts without an hour, follower activity); the page picks the filters, formats and draws.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.charts.prime_time import ACTIVITY_SCHEME, slot_heatmap, slot_heatmap_panels
from dashboard.pages import page_title
from smo_metrics import i18n, timing
from smo_metrics.growth import Period
from smo_metrics.tables import between

WORDS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "intro": "When your posts did best, by weekday and hour ({tz}). Each cell is one hour of the week; "
        "colour is the estimate adjusted for how few posts a slot has.",
        "platform": "Platform",
        "post_type": "Post type",
        "all_types": "All types",
        "metric": "Metric",
        "window": "Posts from",
        "w_range": "Sidebar date range ({dates})",
        "w_3": "Last 3 months",
        "w_6": "Last 6 months",
        "w_12": "Last 12 months",
        "w_all": "All data",
        "dates_only": "{platform} (dates only)",
        "reach": "Reach per post",
        "impressions": "Impressions per post",
        "engagements": "Engagements per post",
        "k_posts": "Posts in the grid",
        "k_posts_help": "Posts with a posting hour and a value for the metric, in {dates}.",
        "k_slots": "Slots tried",
        "k_slots_value": "{n} of 168",
        "k_slots_help": "Weekday × hour slots with at least one post. The rest are not tried, not weak.",
        "k_mean": "Average per post",
        "k_mean_help": "Mean of the metric over the posts in the grid.",
        "k_nohour": "Posts without an hour",
        "k_nohour_help": "Posts of this selection whose export gives only a date: not in the grid.",
        "heatmap": "{metric} by weekday and hour · {platform}",
        "hour": "Hour ({tz})",
        "day": "Day",
        "estimate": "Estimate",
        "t_slot": "Slot",
        "t_posts": "Posts",
        "t_mean": "Mean",
        "t_ci": "{level} interval",
        "t_estimate": "Adjusted estimate",
        "t_note": "Note",
        "not_tried": "Not tried: no posts in this slot (not the same as weak)",
        "one_post": "One post: no interval",
        "t_recommended": "Recommended slot no. {rank}",
        "recommended": "Recommended slots",
        "legend": "Grey hatched cells ({hatch}) are **not tried**: nothing was posted then, so nothing is "
        "known, good or bad. Outlined cells with a number are the recommended slots.",
        "how": "How the slots are ranked",
        "how_text": "Slots are ranked by the **adjusted estimate**: a slot's mean pulled towards the overall "
        "average ({mean}) by {k} posts' worth of weight, so a slot with one lucky post does not beat one that "
        "is good week after week. Values are held inside a robust fence first ({capped} unusually high or "
        "low posts held in). Only slots with at least three posts are recommended; the interval is a "
        "{level} Student t interval of the slot's mean.",
        "no_best": "No slot has three or more posts yet, so nothing is recommended. Post at a few different "
        "times and come back.",
        "months": "Month by month",
        "months_intro": "The same grid for each of the last months, on one colour scale: does the best time move?",
        "month_best": "**{month}**: {evidence}",
        "month_none": "**{month}**: no slot with three or more posts",
        "months_one": "Only one month has posts with an hour in this selection: nothing to compare yet.",
        "nohour_title": "Posts without a posting hour",
        "nohour_intro": "These exports give the publish date but not the time, so their posts cannot be "
        "placed in an hour of the week. They are counted here, not left out silently:",
        "nohour_line": "- **{platform}**: {n} of {total} posts",
        "nohour_none": "Every post in this selection has a posting hour.",
        "nohour_platform": "{platform} exports give dates only, so this grid is empty. The follower activity "
        "below shows when {platform} followers are online.",
        "activity": "When your TikTok followers are online",
        "activity_caption": "Average active followers per hour over {days} days ({dates}), from TikTok "
        "Studio's Follower activity. This shows when followers are **online**, not how posts performed.",
        "activity_fallback": "No follower activity inside the chosen dates; showing all the days the workspace has.",
        "activity_empty": "No follower activity yet. Export **TikTok Studio → Analytics → Followers → "
        "Follower activity** (FollowerActivity.csv) and upload it on the Data page.",
        "activity_busiest": "Busiest hours: {slots}",
        "activity_value": "Active followers",
        "t_active": "Active followers (average)",
        "t_days": "Days averaged",
        "account": "Account",
        "no_posts": "No posts yet. Upload post exports with a publish time on the **Data** page: the Meta "
        "Business Suite content export (Instagram, Facebook) or X's tweet activity export. TikTok, "
        "YouTube, LinkedIn and the newer X exports give dates only.",
        "no_posts_window": "No posts of this platform and type in the chosen dates.",
    },
    "id": {
        "intro": "Kapan postingan Anda paling berhasil, per hari dan jam ({tz}). Setiap sel adalah satu jam "
        "dalam seminggu; warna adalah perkiraan yang disesuaikan dengan sedikitnya postingan di slot itu.",
        "platform": "Platform",
        "post_type": "Jenis postingan",
        "all_types": "Semua jenis",
        "metric": "Metrik",
        "window": "Postingan dari",
        "w_range": "Rentang tanggal di sidebar ({dates})",
        "w_3": "3 bulan terakhir",
        "w_6": "6 bulan terakhir",
        "w_12": "12 bulan terakhir",
        "w_all": "Semua data",
        "dates_only": "{platform} (hanya tanggal)",
        "reach": "Jangkauan per postingan",
        "impressions": "Tayangan per postingan",
        "engagements": "Interaksi per postingan",
        "k_posts": "Postingan di grid",
        "k_posts_help": "Postingan dengan jam unggah dan nilai metrik, pada {dates}.",
        "k_slots": "Slot yang dicoba",
        "k_slots_value": "{n} dari 168",
        "k_slots_help": "Slot hari × jam dengan minimal satu postingan. Sisanya belum dicoba, bukan lemah.",
        "k_mean": "Rata-rata per postingan",
        "k_mean_help": "Rata-rata metrik atas postingan di grid.",
        "k_nohour": "Postingan tanpa jam",
        "k_nohour_help": "Postingan pilihan ini yang ekspornya hanya memberi tanggal: tidak masuk grid.",
        "heatmap": "{metric} per hari dan jam · {platform}",
        "hour": "Jam ({tz})",
        "day": "Hari",
        "estimate": "Perkiraan",
        "t_slot": "Slot",
        "t_posts": "Postingan",
        "t_mean": "Rata-rata",
        "t_ci": "Selang {level}",
        "t_estimate": "Perkiraan disesuaikan",
        "t_note": "Catatan",
        "not_tried": "Belum dicoba: tidak ada postingan di slot ini (bukan berarti lemah)",
        "one_post": "Satu postingan: tanpa selang",
        "t_recommended": "Slot yang disarankan no. {rank}",
        "recommended": "Slot yang disarankan",
        "legend": "Sel abu-abu bergaris ({hatch}) **belum dicoba**: tidak ada yang diunggah pada jam itu, "
        "jadi belum diketahui bagus atau buruk. Sel bergaris tepi dengan angka adalah slot yang disarankan.",
        "how": "Cara slot diurutkan",
        "how_text": "Slot diurutkan menurut **perkiraan disesuaikan**: rata-rata slot ditarik ke rata-rata "
        "keseluruhan ({mean}) dengan bobot setara {k} postingan, sehingga slot dengan satu postingan "
        "beruntung tidak mengalahkan slot yang bagus minggu demi minggu. Nilai lebih dulu dibatasi pagar "
        "robust ({capped} postingan yang sangat tinggi atau rendah dibatasi). Hanya slot dengan minimal tiga "
        "postingan yang disarankan; selangnya adalah selang kepercayaan t Student {level} untuk rata-rata slot.",
        "no_best": "Belum ada slot dengan tiga postingan atau lebih, jadi belum ada saran. Coba unggah pada "
        "beberapa jam berbeda lalu kembali lagi.",
        "months": "Dari bulan ke bulan",
        "months_intro": "Grid yang sama untuk beberapa bulan terakhir, dengan satu skala warna: apakah waktu "
        "terbaik bergeser?",
        "month_best": "**{month}**: {evidence}",
        "month_none": "**{month}**: belum ada slot dengan tiga postingan atau lebih",
        "months_one": "Hanya satu bulan yang punya postingan berjam pada pilihan ini: belum ada pembanding.",
        "nohour_title": "Postingan tanpa jam unggah",
        "nohour_intro": "Ekspor berikut memberi tanggal unggah tetapi tidak jamnya, sehingga postingannya "
        "tidak bisa ditempatkan pada jam tertentu. Jumlahnya dicatat di sini, tidak dibuang diam-diam:",
        "nohour_line": "- **{platform}**: {n} dari {total} postingan",
        "nohour_none": "Semua postingan pada pilihan ini punya jam unggah.",
        "nohour_platform": "Ekspor {platform} hanya memberi tanggal, jadi grid ini kosong. Aktivitas pengikut "
        "di bawah menunjukkan kapan pengikut {platform} sedang online.",
        "activity": "Kapan pengikut TikTok Anda online",
        "activity_caption": "Rata-rata pengikut aktif per jam selama {days} hari ({dates}), dari Aktivitas "
        "pengikut di TikTok Studio. Ini menunjukkan kapan pengikut **online**, bukan hasil postingan.",
        "activity_fallback": "Tidak ada aktivitas pengikut pada tanggal yang dipilih; ditampilkan semua hari "
        "yang ada di workspace.",
        "activity_empty": "Belum ada aktivitas pengikut. Ekspor **TikTok Studio → Analitik → Pengikut → "
        "Aktivitas pengikut** (FollowerActivity.csv) lalu unggah di halaman Data.",
        "activity_busiest": "Jam tersibuk: {slots}",
        "activity_value": "Pengikut aktif",
        "t_active": "Pengikut aktif (rata-rata)",
        "t_days": "Hari dirata-rata",
        "account": "Akun",
        "no_posts": "Belum ada postingan. Unggah ekspor postingan yang memuat jam unggah di halaman **Data**: "
        "ekspor konten Meta Business Suite (Instagram, Facebook) atau ekspor aktivitas tweet X. Ekspor TikTok, "
        "YouTube, LinkedIn, dan X versi baru hanya memberi tanggal.",
        "no_posts_window": "Tidak ada postingan platform dan jenis ini pada tanggal yang dipilih.",
    },
}
POST_TYPES: Final[dict[str, dict[str, str]]] = {
    "en": {
        "reel": "Reels",
        "image": "Images",
        "carousel": "Carousels",
        "photo": "Photos",
        "video": "Videos",
        "link": "Links",
        "text": "Text",
        "live": "Live",
        "story": "Stories",
        "post": "Posts",
        "article": "Articles",
        "document": "Documents",
        "(none)": "No type given",
    },
    "id": {
        "reel": "Reels",
        "image": "Gambar",
        "carousel": "Carousel",
        "photo": "Foto",
        "video": "Video",
        "link": "Tautan",
        "text": "Teks",
        "live": "Siaran langsung",
        "story": "Story",
        "post": "Postingan",
        "article": "Artikel",
        "document": "Dokumen",
        "(none)": "Tanpa jenis",
    },
}
WINDOWS: Final = ("range", "3", "6", "12", "all")
DEFAULT_WINDOW: Final = "12"
MONTH_PANELS: Final = 3
MIN_POSTS_TO_RECOMMEND: Final = 3  # two posts give a t interval with 1 df: useless (t = 12.7)
ALPHA: Final = 0.05


def metric_label(metric: str, w: dict[str, str], lang: str) -> str:
    return w[metric] if metric in ("reach", "impressions", "engagements") else i18n.label(metric, lang)


def fmt_value(value: Any, metric: str, lang: str) -> str:
    """A metric value as shown: rates as percentages, counts as whole numbers."""
    if metric in timing.RATE_METRICS:
        return i18n.percent(value, lang, 1)
    return i18n.number(value, lang, 0)


def month_label(month: str, lang: str) -> str:
    year, number = month.split("-")
    return f"{i18n.month_name(int(number), lang)} {year}"


def window_period(choice: str, view: state.View) -> Period | None:
    """The dates of a "Posts from" choice (None: all data); a month choice is handled apart."""
    if choice == "range":
        return view.period
    if choice == "all":
        return None
    return timing.months_back(view.period.end, int(choice))


# ------------------------------------------------------------------ cached library calls


@st.cache_data(max_entries=64, show_spinner=False)
def analyse(
    version: int,
    scope: tuple[tuple[str, ...], tuple[str, ...]],
    platform: str,
    post_type: str | None,
    start: dt.date | None,
    end: dt.date | None,
    month: str | None,
    metric: str,
    tz: str,
    lang: str,
    _posts: pd.DataFrame,
) -> dict[str, Any]:
    """Grid, summary and best slots of one selection (keyed on the store version and the filters)."""
    period = Period(start, end) if start is not None and end is not None else None
    chosen = timing.select_posts(_posts, tz, platform=platform, post_type=post_type, period=period, month=month)
    grid = timing.prime_time_grid(chosen, tz, metric, alpha=ALPHA)
    best = timing.best_slots(grid, n=3, min_posts=MIN_POSTS_TO_RECOMMEND, lang=lang)
    return {"grid": grid, "attrs": dict(grid.attrs), "summary": timing.grid_summary(grid), "best": best}


@st.cache_data(max_entries=32, show_spinner=False)
def analyse_months(
    version: int,
    scope: tuple[tuple[str, ...], tuple[str, ...]],
    platform: str,
    post_type: str | None,
    months: tuple[str, ...],
    metric: str,
    tz: str,
    lang: str,
    _posts: pd.DataFrame,
) -> dict[str, Any]:
    """The grid of each of ``months`` and each month's best slot."""
    chosen = timing.select_posts(_posts, tz, platform=platform, post_type=post_type)
    by = timing.prime_time_by(chosen, by=["month"], tz=tz, metric=metric, alpha=ALPHA)
    by = by[by["month"].isin(list(months))].reset_index(drop=True)
    by.attrs = {"metric": metric, "alpha": ALPHA}
    best = timing.best_slots(by, n=1, min_posts=MIN_POSTS_TO_RECOMMEND, lang=lang)
    return {"grid": by, "best": best}


@st.cache_data(max_entries=16, show_spinner=False)
def overview(version: int, scope: tuple[tuple[str, ...], tuple[str, ...]], tz: str, _posts: pd.DataFrame) -> dict:
    """Per platform: posts and posts without an hour; per platform and type: the months with posts."""
    return {
        "by_platform": timing.posts_without_hour_by(_posts, ["platform"]),
        "types": timing.posts_without_hour_by(_posts, ["platform", "post_type"]),
    }


@st.cache_data(max_entries=32, show_spinner=False)
def platform_months(
    version: int,
    scope: tuple[tuple[str, ...], tuple[str, ...]],
    platform: str,
    post_type: str | None,
    tz: str,
    _posts: pd.DataFrame,
) -> tuple[pd.DataFrame, dt.date | None, dt.date | None]:
    """The months with posts of one platform and type, and the first and last posting day."""
    chosen = timing.select_posts(_posts, tz, platform=platform, post_type=post_type)
    days = pd.to_datetime(chosen["published_date"]).dropna()
    if days.empty:
        return timing.post_months(chosen, tz), None, None
    return timing.post_months(chosen, tz), days.min().date(), days.max().date()


@st.cache_data(max_entries=32, show_spinner=False)
def hourless(
    version: int,
    scope: tuple[tuple[str, ...], tuple[str, ...]],
    start: dt.date | None,
    end: dt.date | None,
    tz: str,
    _posts: pd.DataFrame,
) -> pd.DataFrame:
    """Posts and posts without an hour per platform, in the chosen dates."""
    period = Period(start, end) if start is not None and end is not None else None
    return timing.posts_without_hour_by(timing.select_posts(_posts, tz, period=period), ["platform"])


# ------------------------------------------------------------------ drawing


def heatmap_frame(grid: pd.DataFrame, best: pd.DataFrame, metric: str, w: dict[str, str], lang: str) -> pd.DataFrame:
    """The grid as the chart's tidy frame: labels and formatted tooltip texts (168 rows per group)."""
    rank = {(int(r.weekday), int(r.hour)): str(int(r.rank)) for r in best.itertuples()}
    rows = []
    for r in grid.itertuples():
        tested = not bool(r.untested)
        if not tested:
            ci, note = i18n.MISSING, w["not_tried"]
        elif pd.isna(r.ci_low):
            ci, note = i18n.MISSING, w["one_post"]
        else:
            ci, note = f"{fmt_value(r.ci_low, metric, lang)} – {fmt_value(r.ci_high, metric, lang)}", i18n.MISSING
        key = (int(r.weekday), int(r.hour))
        if key in rank:
            note = w["t_recommended"].format(rank=rank[key])
        rows.append(
            {
                "day_label": i18n.weekday_name(int(r.weekday), lang, short=True),
                "hour_label": f"{int(r.hour):02d}",
                "value": None if pd.isna(r.shrunk) else float(r.shrunk),
                "tested": tested,
                "mark": rank.get((int(r.weekday), int(r.hour)), ""),
                "slot": timing.slot_label(int(r.weekday), int(r.hour), lang),
                "posts_text": i18n.number(int(r.posts), lang),
                "mean_text": fmt_value(r.mean, metric, lang) if tested else i18n.MISSING,
                "ci_text": ci,
                "est_text": fmt_value(r.shrunk, metric, lang) if tested else i18n.MISSING,
                "note": note,
            }
        )
    return pd.DataFrame(rows)


def grid_tooltips(w: dict[str, str], lang: str) -> list[tuple[str, str]]:
    level = i18n.number((1 - ALPHA) * 100, lang) + "%"
    return [
        ("slot", w["t_slot"]),
        ("posts_text", w["t_posts"]),
        ("mean_text", w["t_mean"]),
        ("ci_text", w["t_ci"].format(level=level)),
        ("est_text", w["t_estimate"]),
        ("note", w["t_note"]),
    ]


def legend_format(metric: str) -> str:
    return ".0%" if metric in timing.RATE_METRICS else ",.0f"


def draw_month_panels(view: state.View, w: dict[str, str], args: dict[str, Any], end_month: str) -> None:
    lang = view.lang
    st.subheader(w["months"])
    months = args["months_table"]
    months = months[(months["month"] <= end_month) & (months["with_hour"] > 0)]["month"].tolist()[-MONTH_PANELS:]
    if len(months) < 2:
        st.caption(w["months_one"])
        return
    st.caption(w["months_intro"])
    result = analyse_months(
        args["version"],
        args["scope"],
        args["platform"],
        args["post_type"],
        tuple(months),
        args["metric"],
        view.tz,
        lang,
        _posts=args["posts"],
    )
    grid, best = result["grid"], result["best"]
    frames = []
    for month in months:
        part = grid[grid["month"] == month]
        frames.append(
            heatmap_frame(part, best[best["month"] == month], args["metric"], w, lang).assign(
                panel=month_label(month, lang)
            )
        )
    chart = slot_heatmap_panels(
        pd.concat(frames, ignore_index=True),
        lang=lang,
        panel_order=[month_label(m, lang) for m in months],
        day_order=[i18n.weekday_name(d, lang, short=True) for d in range(7)],
        hour_title=w["hour"].format(tz=view.tz),
        day_title="",
        value_title=w["estimate"],
        value_format=legend_format(args["metric"]),
        tooltips=grid_tooltips(w, lang),
    )
    st.altair_chart(chart, width="stretch")
    for month in months:
        row = best[best["month"] == month]
        label = month_label(month, lang)
        if row.empty:
            st.markdown(w["month_none"].format(month=label))
        else:
            st.markdown(w["month_best"].format(month=label, evidence=row["evidence"].iloc[0]))


def draw_without_hour(view: state.View, w: dict[str, str], table: pd.DataFrame) -> None:
    st.subheader(w["nohour_title"])
    missing = table[table["without_hour"] > 0]
    if missing.empty:
        st.caption(w["nohour_none"])
        return
    lines = [
        w["nohour_line"].format(
            platform=i18n.label(str(r.platform), view.lang),
            n=i18n.number(int(r.without_hour), view.lang),
            total=i18n.number(int(r.posts), view.lang),
        )
        for r in missing.itertuples()
    ]
    st.markdown(w["nohour_intro"] + "\n" + "\n".join(lines))


def draw_activity(view: state.View, w: dict[str, str], period: Period | None) -> None:
    lang = view.lang
    st.subheader(w["activity"])
    table = view.tables["follower_activity"]
    table = table[table["platform"].astype("string").eq("tiktok").fillna(False).to_numpy(dtype=bool)]
    if table.empty:
        st.info(w["activity_empty"], icon=":material/group:")
        return
    chosen = table if period is None else between(table, "follower_activity", period.start, period.end)
    if chosen.empty:
        st.caption(w["activity_fallback"])
        chosen = table
    grid = timing.activity_grid(chosen, tz=view.tz)
    accounts = grid["account"].drop_duplicates().tolist()
    account = accounts[0]
    if len(accounts) > 1:
        account = st.selectbox(w["account"], accounts, key="pt_activity_account")
    grid = grid[grid["account"] == account]
    days = pd.to_datetime(chosen["date"]).dropna()
    dates = i18n.date_range(days.min().date(), days.max().date(), lang)
    n_days = int(days.dt.normalize().nunique())
    frame = pd.DataFrame(
        {
            "day_label": [i18n.weekday_name(int(d), lang, short=True) for d in grid["weekday"]],
            "hour_label": [f"{int(h):02d}" for h in grid["hour"]],
            "value": grid["active_followers"].astype(float).to_numpy(),
            "tested": (grid["days"] > 0).to_numpy(),
            "mark": "",
            "slot": [
                timing.slot_label(int(d), int(h), lang) for d, h in zip(grid["weekday"], grid["hour"], strict=True)
            ],
            "active_text": [i18n.number(v, lang) for v in grid["active_followers"]],
            "days_text": [i18n.number(int(d), lang) for d in grid["days"]],
        }
    )
    chart = slot_heatmap(
        frame,
        lang=lang,
        title=f"{i18n.label('tiktok', lang)} · {account} · {dates}",
        day_order=[i18n.weekday_name(d, lang, short=True) for d in range(7)],
        hour_title=w["hour"].format(tz=view.tz),
        day_title="",
        value_title=w["activity_value"],
        value_format=",.0f",
        tooltips=[("slot", w["t_slot"]), ("active_text", w["t_active"]), ("days_text", w["t_days"])],
        scheme=ACTIVITY_SCHEME,
    )
    st.altair_chart(chart, width="stretch")
    st.caption(w["activity_caption"].format(days=i18n.number(n_days, lang), dates=dates))
    busiest = timing.busiest_slots(grid, n=3)
    if not busiest.empty:
        slots = ", ".join(
            f"{timing.slot_label(int(r.weekday), int(r.hour), lang)} ({i18n.number(r.active_followers, lang)})"
            for r in busiest.itertuples()
        )
        st.markdown(w["activity_busiest"].format(slots=slots))


# ------------------------------------------------------------------ the page

view = state.current_view()
st.title(page_title("prime_time", view.lang))
lang = view.lang
w = WORDS[lang]
st.caption(w["intro"].format(tz=view.tz))

posts = view.tables["posts"]
version = view.store.version()
scope = (view.platforms, view.accounts)

if posts.empty:
    st.info(w["no_posts"], icon=":material/schedule:")
    draw_activity(view, w, None)
    st.stop()

info = overview(version, scope, view.tz, _posts=posts)
by_platform = info["by_platform"]
platforms = by_platform["platform"].astype(str).tolist()
with_hour = dict(zip(platforms, (by_platform["posts"] - by_platform["without_hour"]).astype(int), strict=True))
default_platform = max(platforms, key=lambda p: (with_hour[p], -platforms.index(p)))
metric_default = "engagement_rate_by_impressions" if view.er_basis == "impressions" else "engagement_rate_by_reach"

c1, c2, c3, c4 = st.columns([1.1, 1, 1.4, 1.3])
platform = c1.selectbox(
    w["platform"],
    platforms,
    index=platforms.index(default_platform),
    format_func=lambda p: i18n.label(p, lang) if with_hour[p] else w["dates_only"].format(platform=i18n.label(p, lang)),
    key="pt_platform",
    bind="query-params",
)
types = info["types"]
type_options = [None, *types.loc[types["platform"] == platform, "post_type"].astype(str).tolist()]
post_type = c2.selectbox(
    w["post_type"],
    type_options,
    format_func=lambda t: w["all_types"] if t is None else POST_TYPES[lang].get(t, t.capitalize()),
    key="pt_type",
    bind="query-params",
)
metric = c3.selectbox(
    w["metric"],
    list(timing.METRICS),
    index=list(timing.METRICS).index(metric_default),
    format_func=lambda m: metric_label(m, w, lang),
    key="pt_metric",
    bind="query-params",
)
months_table, first_day, last_day = platform_months(version, scope, platform, post_type, view.tz, _posts=posts)
month_options = list(reversed(months_table["month"].astype(str).tolist()))
range_text = i18n.date_range(view.period.start, view.period.end, lang)
window = c4.selectbox(
    w["window"],
    [*WINDOWS, *month_options],
    index=WINDOWS.index(DEFAULT_WINDOW),
    format_func=lambda c: (
        w["w_range"].format(dates=range_text)
        if c == "range"
        else (w[f"w_{c}"] if c in WINDOWS else month_label(c, lang))
    ),
    key="pt_window",
    bind="query-params",
)
month = None if window in WINDOWS else window
period = None if month else window_period(window, view)
if month:
    start = dt.date.fromisoformat(month + "-01")
    shown_period = Period(start, (pd.Timestamp(start) + pd.offsets.MonthEnd(0)).date())
else:
    shown_period = period

result = analyse(
    version,
    scope,
    platform,
    post_type,
    period.start if period else None,
    period.end if period else None,
    month,
    metric,
    view.tz,
    lang,
    _posts=posts,
)
grid, summary, best, attrs = result["grid"], result["summary"], result["best"], result["attrs"]
if shown_period is None:
    dates_text = i18n.date_range(first_day, last_day, lang) if first_day else i18n.MISSING
else:
    dates_text = i18n.date_range(shown_period.start, shown_period.end, lang)

k1, k2, k3, k4 = st.columns(4)
k1.metric(
    w["k_posts"], i18n.number(summary["posts"], lang), help=w["k_posts_help"].format(dates=dates_text), border=True
)
k2.metric(
    w["k_slots"],
    w["k_slots_value"].format(n=i18n.number(summary["slots_tested"], lang)),
    help=w["k_slots_help"],
    border=True,
)
k3.metric(w["k_mean"], fmt_value(summary["grand_mean"], metric, lang), help=w["k_mean_help"], border=True)
k4.metric(w["k_nohour"], i18n.number(summary["posts_without_hour"], lang), help=w["k_nohour_help"], border=True)

platform_name = i18n.label(platform, lang)
if summary["posts"] == 0 and summary["posts_without_hour"] > 0:
    st.info(w["nohour_platform"].format(platform=platform_name), icon=":material/event_busy:")
elif summary["posts"] == 0:
    st.info(w["no_posts_window"], icon=":material/event_busy:")

if summary["posts"] > 0 or summary["posts_without_hour"] == 0:
    frame = heatmap_frame(grid, best, metric, w, lang)
    chart = slot_heatmap(
        frame,
        lang=lang,
        title=w["heatmap"].format(metric=metric_label(metric, w, lang), platform=platform_name) + f" · {dates_text}",
        day_order=[i18n.weekday_name(d, lang, short=True) for d in range(7)],
        hour_title=w["hour"].format(tz=view.tz),
        day_title="",
        value_title=w["estimate"],
        value_format=legend_format(metric),
        tooltips=grid_tooltips(w, lang),
    )
    st.altair_chart(chart, width="stretch")
    st.caption(w["legend"].format(hatch="╱"))

if summary["posts"] > 0:
    st.subheader(w["recommended"])
    if best.empty:
        st.info(w["no_best"])
    else:
        cols = st.columns(len(best))
        for col, row in zip(cols, best.itertuples(), strict=True):
            with col.container(border=True):
                st.markdown(f"**{int(row.rank)}. {row.slot}**")
                st.markdown(str(row.evidence))
    with st.expander(w["how"]):
        st.markdown(
            w["how_text"].format(
                mean=fmt_value(attrs["grand_mean"], metric, lang),
                k=i18n.number(attrs["prior_strength"], lang, 1),
                capped=i18n.number(attrs["posts_capped"], lang),
                level=i18n.number((1 - ALPHA) * 100, lang) + "%",
            )
        )
    end_month = month or (shown_period.end.strftime("%Y-%m") if shown_period else months_table["month"].iloc[-1])
    draw_month_panels(
        view,
        w,
        {
            "version": version,
            "scope": scope,
            "platform": platform,
            "post_type": post_type,
            "metric": metric,
            "posts": posts,
            "months_table": months_table,
        },
        str(end_month),
    )

draw_without_hour(
    view,
    w,
    hourless(
        version,
        scope,
        shown_period.start if shown_period else None,
        shown_period.end if shown_period else None,
        view.tz,
        _posts=posts,
    ),
)
draw_activity(view, w, shown_period)
