"""Content page: which post types, hashtags, caption lengths and posting rhythms engage.

Thin: reads the view, calls :mod:`smo_metrics.content` and :mod:`smo_metrics.engagement`, draws
with :mod:`dashboard.charts.content`. The engagement rate follows the workspace definition
(``view.er_basis``): the ratio of sums (Σ engagements ÷ Σ reach) is the headline, the mean of
per-post rates is shown under its own name. See ``docs/pages/content.md``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.charts import content as charts
from dashboard.pages import page_title
from smo_metrics import content, engagement, growth, i18n
from smo_metrics.tables import between

OUTLIER_BASELINE_DAYS = 180  # an outlier is judged against the account's posts of this many days
HASHTAG_CHART_ROWS = 20
CAPTION_SHOWN = 140  # characters of a caption shown in a table (the full text is in the tooltip)

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "intro": "{period} · engagement rate = {definition} (the workspace definition, set on **Settings**)",
        "def_reach": "engagements ÷ reach",
        "def_impressions": "engagements ÷ impressions",
        "def_followers": "engagements ÷ followers when posted",
        "no_posts": "No posts yet. Upload the posts (content) exports on the **Data** page: Meta Business Suite "
        "content export (Instagram, Facebook), TikTok Studio Content, the X, LinkedIn and YouTube Studio exports.",
        "no_posts_period": "No posts between {period}. Your posts run from {first} to {last}: choose another "
        "date range in the sidebar.",
        "missing_basis": "{platforms}: their exports have no {basis}, so their engagement rate is shown as —. "
        "Change the definition on **Settings** (e.g. by followers) to rate them.",
        "basis_reach": "reach",
        "basis_impressions": "impressions",
        "basis_followers": "follower counts (upload the account's daily followers)",
        "posts": "Posts",
        "engagements": "Engagements",
        "rate": "Engagement rate",
        "rate_help": "Σ engagements ÷ Σ {basis} over the posts that have both (ratio of sums).",
        "mean_rate": "Mean per-post rate",
        "mean_rate_help": "The average of each post's own rate: every post weighs the same, so small posts count "
        "as much as big ones.",
        "vs": "vs {period}",
        "types": "Post types",
        "types_caption": "Engagement rate of each post type on each platform (ratio of sums).",
        "contrast": "On **{platform}**, {best} get **{ratio}×** the engagement rate of {worst} "
        "({best_rate} vs {worst_rate}; {best_n} and {worst_n} posts).",
        "types_chart": "Engagement rate by post type",
        "type": "Post type",
        "no_rate_types": "No post has both engagements and {basis} in this period, so there are no rates to compare.",
        "type_table": "Post types: all numbers",
        "lift_vs_platform": "vs platform",
        "hashtags": "Hashtags",
        "hashtags_caption": "How posts with each hashtag did against their own account's median post "
        "(lift = mean rate of the posts with the tag ÷ account median − 1). A tag counts once per post.",
        "min_uses": "Minimum uses",
        "min_uses_help": "Leave out tags used in fewer posts: a tag on one or two posts says more about those "
        "posts than about the tag.",
        "tag": "Hashtag",
        "uses": "Uses",
        "tag_rate": "Rate of its posts (mean)",
        "account_median": "Account median",
        "lift": "Lift",
        "accounts": "Accounts",
        "hashtag_chart": "Lift of the {n} most used hashtags",
        "no_tags": "No hashtag is used in {n} or more posts in this period.",
        "no_captions": "No captions with hashtags in this period.",
        "captions": "Caption length",
        "captions_caption": "Engagement rate by caption length (characters), per platform.",
        "band": "Caption length (characters)",
        "captions_chart": "Engagement rate by caption length",
        "no_caption_posts": "{n} posts without a caption are left out.",
        "frequency": "Posting frequency",
        "frequency_caption": "Weeks in which an account posted k times, and the mean engagement rate of those "
        "weeks. A correlation, not a cause: busy weeks are often campaign weeks.",
        "posts_in_week": "Posts in the week",
        "weekly_rate": "Mean weekly engagement rate",
        "weeks": "Weeks",
        "frequency_chart": "Engagement rate by posts per week",
        "few_weeks": "Only {n} account-weeks in this period: choose a longer date range to compare "
        "posting frequencies.",
        "outliers": "Outlier posts",
        "outliers_caption": "Posts far above (viral) or below (flop) their account's usual engagement rate: robust "
        "z-score ≥ 3.5 against the account's posts of the {days} days up to {end}.",
        "viral": "Viral posts",
        "flops": "Flops",
        "no_viral": "No viral post in this period.",
        "no_flops": "No flop in this period.",
        "date": "Date",
        "caption": "Caption",
        "link": "Link",
        "open": "Open",
        "z": "Robust z",
        "vs_median": "Account median",
        "platform": "Platform",
        "post": "Post",
        "none_type": "Unknown type",
        "rated_posts": "Rated posts",
    },
    "id": {
        "intro": "{period} · tingkat interaksi = {definition} (definisi workspace, diatur di **Pengaturan**)",
        "def_reach": "interaksi ÷ jangkauan",
        "def_impressions": "interaksi ÷ tayangan",
        "def_followers": "interaksi ÷ pengikut saat diposting",
        "no_posts": "Belum ada postingan. Unggah ekspor postingan (konten) di halaman **Data**: ekspor konten "
        "Meta Business Suite (Instagram, Facebook), TikTok Studio Content, ekspor X, LinkedIn, dan YouTube Studio.",
        "no_posts_period": "Tidak ada postingan antara {period}. Postingan Anda tercatat dari {first} sampai "
        "{last}: pilih rentang tanggal lain di sidebar.",
        "missing_basis": "{platforms}: ekspornya tidak memuat {basis}, jadi tingkat interaksinya ditampilkan —. "
        "Ubah definisinya di **Pengaturan** (mis. per pengikut) untuk menilainya.",
        "basis_reach": "jangkauan",
        "basis_impressions": "tayangan",
        "basis_followers": "jumlah pengikut (unggah data pengikut harian akun)",
        "posts": "Postingan",
        "engagements": "Interaksi",
        "rate": "Tingkat interaksi",
        "rate_help": "Σ interaksi ÷ Σ {basis} dari postingan yang memiliki keduanya (rasio jumlah).",
        "mean_rate": "Rata-rata per postingan",
        "mean_rate_help": "Rata-rata dari tingkat masing-masing postingan: setiap postingan berbobot sama, jadi "
        "postingan kecil dihitung sama dengan postingan besar.",
        "vs": "vs {period}",
        "types": "Jenis postingan",
        "types_caption": "Tingkat interaksi setiap jenis postingan di setiap platform (rasio jumlah).",
        "contrast": "Di **{platform}**, {best} mendapat tingkat interaksi **{ratio}×** dibanding {worst} "
        "({best_rate} vs {worst_rate}; {best_n} dan {worst_n} postingan).",
        "types_chart": "Tingkat interaksi per jenis postingan",
        "type": "Jenis postingan",
        "no_rate_types": "Tidak ada postingan yang memiliki interaksi dan {basis} pada periode ini, jadi tidak "
        "ada tingkat yang bisa dibandingkan.",
        "type_table": "Jenis postingan: semua angka",
        "lift_vs_platform": "vs platform",
        "hashtags": "Tagar",
        "hashtags_caption": "Kinerja postingan dengan setiap tagar dibanding postingan median akunnya sendiri "
        "(kenaikan = rata-rata tingkat postingan bertagar ÷ median akun − 1). Satu tagar dihitung sekali per postingan.",
        "min_uses": "Minimal dipakai",
        "min_uses_help": "Abaikan tagar yang dipakai di lebih sedikit postingan: tagar di satu-dua postingan lebih "
        "mencerminkan postingan itu daripada tagarnya.",
        "tag": "Tagar",
        "uses": "Dipakai",
        "tag_rate": "Tingkat postingannya (rata-rata)",
        "account_median": "Median akun",
        "lift": "Kenaikan",
        "accounts": "Akun",
        "hashtag_chart": "Kenaikan {n} tagar yang paling sering dipakai",
        "no_tags": "Tidak ada tagar yang dipakai di {n} postingan atau lebih pada periode ini.",
        "no_captions": "Tidak ada keterangan bertagar pada periode ini.",
        "captions": "Panjang keterangan",
        "captions_caption": "Tingkat interaksi menurut panjang keterangan (karakter), per platform.",
        "band": "Panjang keterangan (karakter)",
        "captions_chart": "Tingkat interaksi menurut panjang keterangan",
        "no_caption_posts": "{n} postingan tanpa keterangan tidak dihitung.",
        "frequency": "Frekuensi posting",
        "frequency_caption": "Minggu-minggu saat sebuah akun memposting k kali, dan rata-rata tingkat interaksi "
        "minggu-minggu itu. Ini korelasi, bukan sebab: minggu yang sibuk sering kali minggu kampanye.",
        "posts_in_week": "Postingan dalam seminggu",
        "weekly_rate": "Rata-rata tingkat interaksi mingguan",
        "weeks": "Minggu",
        "frequency_chart": "Tingkat interaksi menurut jumlah postingan per minggu",
        "few_weeks": "Hanya {n} minggu-akun pada periode ini: pilih rentang tanggal yang lebih panjang untuk "
        "membandingkan frekuensi posting.",
        "outliers": "Postingan pencilan",
        "outliers_caption": "Postingan yang jauh di atas (viral) atau di bawah (flop) tingkat interaksi biasa "
        "akunnya: skor-z robust ≥ 3,5 terhadap postingan akun selama {days} hari sampai {end}.",
        "viral": "Postingan viral",
        "flops": "Flop",
        "no_viral": "Tidak ada postingan viral pada periode ini.",
        "no_flops": "Tidak ada flop pada periode ini.",
        "date": "Tanggal",
        "caption": "Keterangan",
        "link": "Tautan",
        "open": "Buka",
        "z": "Skor-z robust",
        "vs_median": "Median akun",
        "platform": "Platform",
        "post": "Postingan",
        "none_type": "Jenis tidak diketahui",
        "rated_posts": "Postingan bernilai",
    },
}

# Post types (the canonical words of docs/DATA_MODEL.md), plural as a reader says them.
TYPES: dict[str, dict[str, str]] = {
    "en": {
        "reel": "Reels",
        "image": "Images",
        "carousel": "Carousels",
        "photo": "Photos",
        "video": "Videos",
        "link": "Links",
        "text": "Text posts",
        "live": "Lives",
        "story": "Stories",
        "post": "Posts",
        "article": "Articles",
        "document": "Documents",
        "short": "Shorts",
        "poll": "Polls",
    },
    "id": {
        "reel": "Reels",
        "image": "Gambar",
        "carousel": "Carousel",
        "photo": "Foto",
        "video": "Video",
        "link": "Tautan",
        "text": "Postingan teks",
        "live": "Siaran langsung",
        "story": "Story",
        "post": "Postingan",
        "article": "Artikel",
        "document": "Dokumen",
        "short": "Shorts",
        "poll": "Polling",
    },
}


def type_label(post_type: Any, lang: str) -> str:
    """A post type in the reader's words; ``(none)`` → "Unknown type"."""
    key = "" if post_type is None or pd.isna(post_type) else str(post_type)
    if key in ("", content.NO_GROUP):
        return WORDS[lang]["none_type"]
    return TYPES[lang].get(key, key.capitalize())


@st.cache_data(max_entries=24, show_spinner=False)
def analyse(
    version: int,
    platforms: tuple[str, ...],
    accounts: tuple[str, ...],
    start: dt.date,
    end: dt.date,
    compare: tuple[dt.date, dt.date] | None,
    basis: str,
    tz: str,
    min_uses: int,
    _posts: pd.DataFrame,
    _daily: pd.DataFrame | None,
) -> dict[str, Any]:
    """Everything the page shows, from the library, cached on the workspace version and filters.

    The frames (``_posts``, ``_daily``) are not hashed: the key (store version + filters) says
    exactly which rows they are.
    """
    posts = between(_posts, "posts", start, end)
    # Daily follower counts only matter for the followers basis; the others skip the lookup
    # (a merge per call: 4× slower on 200k posts).
    _daily = _daily if basis == "followers" else None
    out: dict[str, Any] = {"posts_in_period": len(posts)}
    out["summary"] = engagement.summarize(posts, _daily)
    if compare is not None:
        out["previous"] = engagement.summarize(between(_posts, "posts", *compare), _daily)
    if posts.empty:
        return out
    out["lift"] = content.type_lift(posts, basis, _daily)  # type: ignore[arg-type]
    out["contrast"] = content.type_contrast(out["lift"])
    out["platform_rates"] = engagement.by_group(posts, ["platform"], _daily)
    out["hashtags"] = content.hashtags(posts, min_uses=min_uses, basis=basis, account_daily=_daily)  # type: ignore[arg-type]
    out["bands"] = content.caption_length_bands(posts, basis=basis, account_daily=_daily, by=["platform"])  # type: ignore[arg-type]
    out["frequency"] = content.frequency_vs_engagement(posts, tz, basis, _daily)  # type: ignore[arg-type]
    base_start = min(start, end - dt.timedelta(days=OUTLIER_BASELINE_DAYS - 1))
    baseline = between(_posts, "posts", base_start, end)
    flagged = content.outliers(baseline, basis=basis, account_daily=_daily)  # type: ignore[arg-type]
    in_period = between(flagged, "posts", start, end)
    out["outliers"] = in_period[in_period["outlier"].notna()]
    out["baseline_start"] = base_start
    return out


def main() -> None:
    view = state.current_view()
    lang = view.lang
    w = WORDS[lang]
    st.title(page_title("content", lang))
    basis = view.er_basis
    rate_col = content.rate_name(basis)
    period = view.period
    st.caption(
        w["intro"].format(
            period=i18n.date_range(period.start, period.end, lang),
            definition=w[f"def_{basis}"],
        )
    )
    all_posts = view.tables.get("posts", pd.DataFrame())
    if all_posts is None or all_posts.empty:
        st.info(w["no_posts"], icon=":material/upload_file:")
        return

    min_uses = int(st.session_state.get("content_min_uses", 3))
    compare = (view.compare.start, view.compare.end) if view.compare else None
    result = analyse(
        view.store.version(),
        view.platforms,
        view.accounts,
        period.start,
        period.end,
        compare,
        basis,
        view.tz,
        min_uses,
        all_posts,
        view.tables.get("account_daily", pd.DataFrame()),
    )
    st.session_state["_content_result"] = result  # for the tests: what the page drew from
    if result["posts_in_period"] == 0:
        dates = pd.to_datetime(all_posts["published_date"]).dropna()
        st.info(
            w["no_posts_period"].format(
                period=i18n.date_range(period.start, period.end, lang),
                first=i18n.date(dates.min(), lang) if len(dates) else i18n.MISSING,
                last=i18n.date(dates.max(), lang) if len(dates) else i18n.MISSING,
            ),
            icon=":material/event_busy:",
        )
        return

    kpis(result, view, w)
    missing_basis_note(result, view, w)
    st.divider()
    post_types(result, view, w, rate_col)
    st.divider()
    hashtag_section(result, view, w)
    st.divider()
    caption_section(result, view, w, rate_col)
    st.divider()
    frequency_section(result, view, w, rate_col)
    st.divider()
    outlier_section(result, view, w, rate_col)


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


def _rate_attr(summary: engagement.EngagementSummary | None, basis: str, kind: str) -> float | None:
    if summary is None:
        return None
    value = getattr(summary, f"rate_by_{basis}_{kind}")
    return None if value is None else float(value)


def kpis(result: dict[str, Any], view: state.View, w: dict[str, str]) -> None:
    lang, basis = view.lang, view.er_basis
    now: engagement.EngagementSummary = result["summary"]
    prev: engagement.EngagementSummary | None = result.get("previous")
    vs = w["vs"].format(period=i18n.date_range(view.compare.start, view.compare.end, lang)) if view.compare else None

    def delta(cur: float | None, old: float | None) -> dict[str, Any]:
        if prev is None:
            return {"delta": None}
        return delta_parts(growth.change(cur, old).relative, lang) | {"delta_description": vs}

    cards = [
        (w["posts"], i18n.number(now.posts, lang), delta(now.posts, prev.posts if prev else None), None),
        (
            w["engagements"],
            i18n.number(now.engagements, lang),
            delta(now.engagements, prev.engagements if prev else None),
            None,
        ),
        (
            w["rate"],
            i18n.percent(_rate_attr(now, basis, "ratio"), lang, 2),
            delta(_rate_attr(now, basis, "ratio"), _rate_attr(prev, basis, "ratio")),
            w["rate_help"].format(basis=w[f"basis_{basis}"].split(" (")[0]),
        ),
        (
            w["mean_rate"],
            i18n.percent(_rate_attr(now, basis, "mean"), lang, 2),
            delta(_rate_attr(now, basis, "mean"), _rate_attr(prev, basis, "mean")),
            w["mean_rate_help"],
        ),
    ]
    for col, (label, value, change, help_text) in zip(st.columns(4), cards, strict=True):
        col.metric(label, value, help=help_text, border=True, **change)


def missing_basis_note(result: dict[str, Any], view: state.View, w: dict[str, str]) -> None:
    per = result["platform_rates"]
    rated = per[f"posts_rated_by_{view.er_basis}"]
    missing = per.loc[rated == 0, "platform"].astype(str).tolist()
    if missing:
        names = ", ".join(i18n.label(p, view.lang) for p in missing)
        st.caption(":material/info: " + w["missing_basis"].format(platforms=names, basis=w[f"basis_{view.er_basis}"]))


def post_types(result: dict[str, Any], view: state.View, w: dict[str, str], rate_col: str) -> None:
    lang = view.lang
    st.subheader(w["types"])
    st.caption(w["types_caption"])
    lift: pd.DataFrame = result["lift"]
    for row in result["contrast"].itertuples():
        st.markdown(
            ":material/insights: "
            + w["contrast"].format(
                platform=i18n.label(row.platform, lang),
                best=type_label(row.best_type, lang),
                worst=type_label(row.worst_type, lang).lower(),
                ratio=i18n.number(row.ratio, lang, 1),
                best_rate=i18n.percent(row.best_rate, lang),
                worst_rate=i18n.percent(row.worst_rate, lang),
                best_n=i18n.number(row.best_posts, lang),
                worst_n=i18n.number(row.worst_posts, lang),
            )
        )
    rated = lift[lift["rate"].notna()]
    if rated.empty:
        st.info(w["no_rate_types"].format(basis=w[f"basis_{view.er_basis}"]))
    else:
        frame = pd.DataFrame(
            {
                "platform": rated["platform"].astype(str),
                "type_label": [type_label(t, lang) for t in rated["post_type"]],
                "rate": rated["rate"].astype(float),
                "mean_rate": rated["mean_rate"].astype(float),
                "posts": rated["posts"].astype(int),
            }
        )
        frame["label"] = [
            f"{i18n.label(p, lang)} · {t}" for p, t in zip(frame["platform"], frame["type_label"], strict=True)
        ]
        chart = charts.type_rates(
            frame,
            lang=lang,
            rate_title=w["rate"],
            type_title=w["type"],
            posts_title=w["posts"],
            mean_title=w["mean_rate"],
            title=w["types_chart"],
        )
        st.altair_chart(chart, width="stretch")
    with st.expander(w["type_table"]):
        table = pd.DataFrame(
            {
                w["platform"]: [i18n.label(p, lang) for p in lift["platform"]],
                w["type"]: [type_label(t, lang) for t in lift["post_type"]],
                w["posts"]: [i18n.number(v, lang) for v in lift["posts"]],
                w["rated_posts"]: [i18n.number(v, lang) for v in lift["posts_rated"]],
                w["engagements"]: [i18n.number(v, lang) for v in lift["engagements"]],
                w["rate"]: [i18n.percent(v, lang, 2) for v in lift["rate"]],
                w["mean_rate"]: [i18n.percent(v, lang, 2) for v in lift["mean_rate"]],
                w["lift_vs_platform"]: [i18n.signed_percent(v, lang) for v in lift["lift"]],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch")


def hashtag_section(result: dict[str, Any], view: state.View, w: dict[str, str]) -> None:
    lang = view.lang
    head, control = st.columns([3, 1], vertical_alignment="bottom")
    head.subheader(w["hashtags"])
    control.number_input(
        w["min_uses"], min_value=1, max_value=1000, value=3, step=1, key="content_min_uses", help=w["min_uses_help"]
    )
    st.caption(w["hashtags_caption"])
    tags: pd.DataFrame = result["hashtags"]
    min_uses = int(st.session_state.get("content_min_uses", 3))
    if tags.empty:
        st.info(w["no_tags"].format(n=i18n.number(min_uses, lang)))
        return
    mean_col = next(c for c in tags.columns if c.startswith("mean_"))
    median_col = next(c for c in tags.columns if c.startswith("account_median_"))
    left, right = st.columns([11, 9], gap="medium")
    with left:
        table = pd.DataFrame(
            {
                w["tag"]: tags["tag"].astype(str),
                w["uses"]: [i18n.number(v, lang) for v in tags["uses"]],
                w["lift"]: [i18n.signed_percent(v, lang) for v in tags["lift"]],
                w["tag_rate"]: [i18n.percent(v, lang, 2) for v in tags[mean_col]],
                w["account_median"]: [i18n.percent(v, lang, 2) for v in tags[median_col]],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch", height=min(38 + 35 * len(table), 560))
    with right:
        top = tags[tags["lift"].notna()].head(HASHTAG_CHART_ROWS)
        if not top.empty:
            top = top.sort_values("lift", ascending=False, kind="stable")
            frame = pd.DataFrame(
                {
                    "tag": top["tag"].astype(str),
                    "lift": top["lift"].astype(float),
                    "uses": top["uses"].astype(int),
                    "rate": top[mean_col].astype(float),
                    "direction": ["up" if v >= 0 else "down" for v in top["lift"].astype(float)],
                }
            )
            chart = charts.hashtag_lift(
                frame,
                lang=lang,
                lift_title=w["lift"],
                uses_title=w["uses"],
                rate_title=w["tag_rate"],
                title=w["hashtag_chart"].format(n=len(frame)),
            )
            st.altair_chart(chart, width="stretch")


def caption_section(result: dict[str, Any], view: state.View, w: dict[str, str], rate_col: str) -> None:
    lang = view.lang
    st.subheader(w["captions"])
    st.caption(w["captions_caption"])
    bands: pd.DataFrame = result["bands"]
    rated = bands[bands[rate_col].notna()]
    if rated.empty:
        st.info(w["no_rate_types"].format(basis=w[f"basis_{view.er_basis}"]))
    else:
        frame = pd.DataFrame(
            {
                "platform": rated["platform"].astype(str),
                "band": rated["band"].astype(str),
                "rate": rated[rate_col].astype(float),
                "posts": rated["posts"].astype(int),
            }
        )
        chart = charts.caption_bands(
            frame,
            lang=lang,
            band_title=w["band"],
            rate_title=w["rate"],
            posts_title=w["posts"],
            title=w["captions_chart"],
            band_order=list(dict.fromkeys(bands["band"].astype(str))),
        )
        st.altair_chart(chart, width="stretch")
    missing = int(bands.attrs.get("posts_without_caption", 0))
    if missing:
        st.caption(w["no_caption_posts"].format(n=i18n.number(missing, lang)))


def frequency_section(result: dict[str, Any], view: state.View, w: dict[str, str], rate_col: str) -> None:
    lang = view.lang
    st.subheader(w["frequency"])
    st.caption(w["frequency_caption"])
    freq: content.FrequencyResult = result["frequency"]
    by_platform = freq.by_platform
    col = "mean_weekly_" + rate_col
    rated = by_platform[by_platform[col].notna()] if len(by_platform) else by_platform
    if rated.empty:
        st.info(w["no_rate_types"].format(basis=w[f"basis_{view.er_basis}"]))
        return
    frame = pd.DataFrame(
        {
            "platform": rated["platform"].astype(str),
            "posts_per_week": rated["posts_per_week"].astype(int),
            "rate": rated[col].astype(float),
            "weeks": rated["weeks_with_rate"].astype(int),
        }
    )
    chart = charts.frequency(
        frame,
        lang=lang,
        x_title=w["posts_in_week"],
        rate_title=w["weekly_rate"],
        weeks_title=w["weeks"],
        title=w["frequency_chart"],
    )
    st.altair_chart(chart, width="stretch")
    weeks = int(rated["weeks_with_rate"].sum())
    if weeks < 12:
        st.caption(":material/info: " + w["few_weeks"].format(n=i18n.number(weeks, lang)))


def outlier_section(result: dict[str, Any], view: state.View, w: dict[str, str], rate_col: str) -> None:
    lang = view.lang
    st.subheader(w["outliers"])
    st.caption(
        w["outliers_caption"].format(
            days=i18n.number((view.period.end - result["baseline_start"]).days + 1, lang),
            end=i18n.date(view.period.end, lang),
        )
    )
    found: pd.DataFrame = result["outliers"]
    for kind, title, empty in (("viral", w["viral"], w["no_viral"]), ("flop", w["flops"], w["no_flops"])):
        rows = found[found["outlier"] == kind]
        rows = rows.sort_values("robust_z", ascending=(kind == "flop"), kind="stable")
        st.markdown(f"**{title}** · {i18n.number(len(rows), lang)}")
        if rows.empty:
            st.caption(empty)
            continue
        table = pd.DataFrame(
            {
                w["date"]: [i18n.date(d, lang) for d in rows["published_date"]],
                w["link"]: rows["permalink"].astype(object).where(rows["permalink"].notna(), None).tolist(),
                w["post"]: [
                    f"{i18n.label(p, lang)} · {type_label(t, lang)}"
                    for p, t in zip(rows["platform"], rows["post_type"], strict=True)
                ],
                w["caption"]: [_short(c) for c in rows["caption"]],
                w["rate"]: [i18n.percent(v, lang, 2) for v in rows[rate_col]],
                w["vs_median"]: [i18n.percent(v, lang, 2) for v in rows["account_median"]],
                w["z"]: [i18n.number(v, lang, 1) for v in rows["robust_z"]],
            }
        )
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={
                w["link"]: st.column_config.LinkColumn(w["link"], display_text=w["open"], width="small"),
                w["caption"]: st.column_config.TextColumn(w["caption"], width="large"),
            },
        )


def _short(text: Any) -> str:
    if text is None or pd.isna(text):
        return i18n.MISSING
    one_line = " ".join(str(text).split())
    return one_line if len(one_line) <= CAPTION_SHOWN else one_line[: CAPTION_SHOWN - 1] + "…"


main()
