"""Words of the Overview page, and the names of target metrics (shared with Settings).

Every label, message and help text exists in English and Bahasa Indonesia. Numbers are never
written here: pages format them with :mod:`smo_metrics.i18n` and fill the ``{placeholders}``.
"""

from __future__ import annotations

from typing import Final

WORDS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "intro": "{brand}{period} · compared with {compare} · engagement rate = {definition}",
        "intro_no_compare": "{brand}{period} · no comparison · engagement rate = {definition}",
        "def_reach": "engagements ÷ reach",
        "def_impressions": "engagements ÷ impressions",
        "def_followers": "engagements ÷ followers when posted",
        "vs_previous": "vs previous",
        "vs_year_ago": "vs last year",
        "exact": "Exactly {value}.",
        "empty": "No data yet. Upload your exports on the **Data** page: the Meta Business Suite content export "
        "(Instagram, Facebook), Meta Insights (Reach, Follows), TikTok Studio (Content, Overview, "
        "FollowerHistory), the X, LinkedIn and YouTube Studio exports, and Meta or TikTok Ads Manager reports.",
        "no_data_period": "No posts or daily data between {period}. Your data runs from {first} to {last}: "
        "choose another date range in the sidebar.",
        "to_data": "Go to the Data page",
        "posts": "Posts",
        "reach_sum": "Reach (sum of per-post reach)",
        "impressions": "Impressions",
        "engagements": "Engagements",
        "engagement_rate": "Engagement rate",
        "followers": "Followers",
        "follower_change": "Net follower change",
        "followers_gained_only": "New followers (gains only)",
        "spend": "Ad spend ({currency})",
        "roas": "ROAS ({currency})",
        "help_posts": "Posts published in the period (by their publication date). Platforms: {platforms}.",
        "help_reach_sum": "Σ reach of the posts published in the period (each post's lifetime reach as of its "
        "export). A person reached by two posts counts twice, so this is not your unique reach. Counted on: "
        "{platforms}.",
        "help_impressions": "Σ impressions of the posts published in the period. Counted on: {platforms}.",
        "help_engagements": "Σ (likes + comments + shares + saves) of the posts published in the period; "
        "reactions count as likes, reposts as shares. Counted on: {platforms}.",
        "help_engagement_rate": "Σ engagements ÷ Σ {basis} over the period's posts that have both (ratio of "
        "sums; change the definition on **Settings**). Counted on: {platforms}.",
        "help_followers": "Σ follower totals on the last day of the period that has a total. Counted on: {platforms}.",
        "help_follower_change": "Followers at the end − followers at the start of the period (or the "
        "platform's own daily net change, or new − lost followers). Counted on: {platforms}.",
        "help_followers_gained_only": "Σ new followers of the platforms whose exports give no unfollows: "
        "{platforms}. Not a net change, so it is not added to the net follower change.",
        "help_spend": "Σ spend of the ads rows inside the period, in {currency}; amounts in different "
        "currencies are never added together. Ad platforms: {platforms}.",
        "help_roas": "Σ conversion value ÷ Σ ad spend in {currency}, over the ad platforms whose report has a "
        "conversion value: {platforms}.",
        "left_out": "Not in the exports of {platforms}.",
        "left_out_short": "Without {platforms}",
        "no_platform": "none",
        "basis_reach": "reach",
        "basis_impressions": "impressions",
        "basis_followers": "followers when posted",
        "points": "{value} pts",
        "target_line": "{achieved} of the {period} target ({target})",
        "target_line_sum": "{achieved} of the {period} target ({target}, {n} platform targets)",
        "status_met": "met",
        "status_missed": "missed",
        "status_ahead": "ahead of pace",
        "status_on_track": "on pace",
        "status_behind": "behind pace",
        "forecast_short": "forecast {value}",
        "followers_missing": "Follower totals are missing for {platforms}. {hints}",
        "no_ads": "No ads in this period (Meta or TikTok Ads Manager reports fill this part).",
        "no_roas": "No conversion value in the {platforms} report, so there is no ROAS. Export Ads Manager "
        "with the purchase conversion value column.",
        "no_value_platforms": "ROAS leaves out {platforms}: their report has no conversion value.",
        "beyond": "{rows} ads rows ({spend}) report a date range reaching outside this period and are left "
        "out. Export Ads Manager with a Day breakdown to count them.",
        "targets": "Targets",
        "targets_caption": "Targets whose {period_word} includes {day}, read through {day}. Set them on **Settings**.",
        "no_targets": "No target covers {day}. Add monthly or weekly targets on **Settings**.",
        "targets_hidden": "{n} targets of other platforms are hidden by the platform filter.",
        "accounts_note": "Only the chosen accounts count towards the targets.",
        "metric": "Metric",
        "platform": "Platform",
        "period": "Period",
        "target": "Target",
        "actual": "Actual so far",
        "achieved": "Achieved",
        "pace": "Pace",
        "status": "Status",
        "forecast": "Forecast at period end",
        "forecast_help": "{method}; the range is an 80 % interval.",
        "method_run_rate": "Run rate: mean per day × days in the period",
        "method_ets_weekly": "Seasonal model (ETS with a weekly pattern) fitted on the last 16 weeks",
        "forecast_toggle": "Forecast unfinished periods",
        "forecast_toggle_help": "Fits a model with a weekly pattern per target (a few seconds the first time).",
        "pace_help": "Actual ÷ where a straight line from 0 to the target would be by now (1.0 = on pace).",
        "achieved_help": "Actual so far ÷ target.",
        "all_platforms": "All platforms",
        "week_of": "week of {date}",
        "period_word_month": "month",
        "period_word_week": "week",
        "trends": "Trends",
        "trend_metric": "Metric",
        "trend_caption_day": "Per day, by publication date: each post counts on the day it was published, "
        "with its lifetime numbers.",
        "trend_caption_week": "Per week (Monday–Sunday), by publication date: each post counts in the week it "
        "was published, with its lifetime numbers. The first and last weeks may be cut by the date range.",
        "trend_follower_caption": "Net follower change per {unit}. Not drawn for {platforms}: their exports "
        "give new followers only, or nothing about followers.",
        "unit_day": "day",
        "unit_week": "week",
        "date": "Date",
        "week": "Week of",
        "trend_title": "{metric} per {unit} and platform",
        "no_trend": "Nothing to draw for this metric in this period.",
        "comparison": "Platforms side by side",
        "comparison_caption": "Per platform in {period}. Reach is the sum of per-post reach.",
        "col_platform": "Platform",
        "col_posts": "Posts",
        "col_reach": "Reach (sum)",
        "col_engagements": "Engagements",
        "col_rate": "Engagement rate",
        "col_followers": "Followers",
        "col_change": "Follower change",
        "col_growth": "Growth",
        "col_source": "Follower data",
        "source_totals": "totals",
        "source_daily net change": "daily net change",
        "source_gained - lost": "new − lost",
        "source_gains only": "new followers only",
        "source_none": "none",
        "posts_title": "Best and worst posts",
        "posts_caption": "By engagement rate ({definition}) among posts with at least {floor} {basis} "
        "({ranked} posts ranked).",
        "posts_small": "{n} posts with less {basis} are not ranked.",
        "posts_unrated": "Not ranked, no {basis} or engagements in their export: {items}.",
        "no_ranked": "No post in this period has both engagements and {basis}.",
        "top": "Top posts",
        "bottom": "Bottom posts",
        "col_date": "Date",
        "col_caption": "Caption",
        "col_denominator": "{basis}",
        "col_link": "Link",
        "open": "Open ↗",
        "no_caption": "(no caption)",
    },
    "id": {
        "intro": "{brand}{period} · dibandingkan dengan {compare} · tingkat interaksi = {definition}",
        "intro_no_compare": "{brand}{period} · tanpa pembanding · tingkat interaksi = {definition}",
        "def_reach": "interaksi ÷ jangkauan",
        "def_impressions": "interaksi ÷ tayangan",
        "def_followers": "interaksi ÷ pengikut saat diposting",
        "vs_previous": "vs sebelumnya",
        "vs_year_ago": "vs tahun lalu",
        "exact": "Tepatnya {value}.",
        "empty": "Belum ada data. Unggah ekspor Anda di halaman **Data**: ekspor konten Meta Business Suite "
        "(Instagram, Facebook), Meta Insights (Reach, Follows), TikTok Studio (Content, Overview, "
        "FollowerHistory), ekspor X, LinkedIn, dan YouTube Studio, serta laporan Meta atau TikTok Ads Manager.",
        "no_data_period": "Tidak ada postingan atau data harian antara {period}. Data Anda tercatat dari {first} "
        "sampai {last}: pilih rentang tanggal lain di sidebar.",
        "to_data": "Buka halaman Data",
        "posts": "Postingan",
        "reach_sum": "Σ jangkauan postingan",
        "impressions": "Tayangan",
        "engagements": "Interaksi",
        "engagement_rate": "Tingkat interaksi",
        "followers": "Pengikut",
        "follower_change": "Perubahan bersih pengikut",
        "followers_gained_only": "Hanya pengikut baru",
        "spend": "Biaya iklan ({currency})",
        "roas": "ROAS ({currency})",
        "help_posts": "Postingan yang terbit dalam periode ini (menurut tanggal terbit). Platform: {platforms}.",
        "help_reach_sum": "Σ jangkauan postingan yang terbit dalam periode ini (jangkauan seumur postingan "
        "saat diekspor). Orang yang dijangkau dua postingan terhitung dua kali, jadi ini bukan jangkauan unik "
        "Anda. Dihitung pada: {platforms}.",
        "help_impressions": "Σ tayangan postingan yang terbit dalam periode ini. Dihitung pada: {platforms}.",
        "help_engagements": "Σ (suka + komentar + dibagikan + disimpan) postingan yang terbit dalam periode ini; "
        "reaksi dihitung sebagai suka, repost sebagai dibagikan. Dihitung pada: {platforms}.",
        "help_engagement_rate": "Σ interaksi ÷ Σ {basis} atas postingan periode ini yang memiliki keduanya "
        "(rasio jumlah; ubah definisinya di **Pengaturan**). Dihitung pada: {platforms}.",
        "help_followers": "Σ total pengikut pada hari terakhir periode yang memiliki total. Dihitung pada: "
        "{platforms}.",
        "help_follower_change": "Pengikut di akhir − pengikut di awal periode (atau perubahan bersih harian dari "
        "platform, atau pengikut baru − pengikut hilang). Dihitung pada: {platforms}.",
        "help_followers_gained_only": "Σ pengikut baru dari platform yang ekspornya tidak memuat data berhenti "
        "mengikuti: {platforms}. Ini bukan perubahan bersih, jadi tidak ditambahkan ke perubahan bersih pengikut.",
        "help_spend": "Σ biaya baris iklan di dalam periode ini, dalam {currency}; jumlah dalam mata uang "
        "berbeda tidak pernah dijumlahkan. Platform iklan: {platforms}.",
        "help_roas": "Σ nilai konversi ÷ Σ biaya iklan dalam {currency}, atas platform iklan yang laporannya "
        "memuat nilai konversi: {platforms}.",
        "left_out": "Tidak ada di ekspor {platforms}.",
        "left_out_short": "Tanpa {platforms}",
        "no_platform": "tidak ada",
        "basis_reach": "jangkauan",
        "basis_impressions": "tayangan",
        "basis_followers": "pengikut saat diposting",
        "points": "{value} poin",
        "target_line": "{achieved} dari target {period} ({target})",
        "target_line_sum": "{achieved} dari target {period} ({target}, {n} target platform)",
        "status_met": "tercapai",
        "status_missed": "tidak tercapai",
        "status_ahead": "di atas laju",
        "status_on_track": "sesuai laju",
        "status_behind": "di bawah laju",
        "forecast_short": "perkiraan {value}",
        "followers_missing": "Total pengikut tidak tersedia untuk {platforms}. {hints}",
        "no_ads": "Tidak ada iklan dalam periode ini (laporan Meta atau TikTok Ads Manager mengisi bagian ini).",
        "no_roas": "Laporan {platforms} tidak memuat nilai konversi, jadi ROAS tidak tersedia. Ekspor Ads "
        "Manager dengan kolom nilai konversi pembelian.",
        "no_value_platforms": "ROAS tidak mencakup {platforms}: laporannya tanpa nilai konversi.",
        "beyond": "{rows} baris iklan ({spend}) melaporkan rentang tanggal yang melewati periode ini dan tidak "
        "dihitung. Ekspor Ads Manager dengan rincian Hari agar terhitung.",
        "targets": "Target",
        "targets_caption": "Target yang {period_word}nya mencakup {day}, dihitung sampai {day}. Atur di "
        "**Pengaturan**.",
        "no_targets": "Belum ada target untuk {day}. Tambahkan target bulanan atau mingguan di **Pengaturan**.",
        "targets_hidden": "{n} target platform lain disembunyikan oleh filter platform.",
        "accounts_note": "Hanya akun yang dipilih yang dihitung terhadap target.",
        "metric": "Metrik",
        "platform": "Platform",
        "period": "Periode",
        "target": "Target",
        "actual": "Realisasi sejauh ini",
        "achieved": "Tercapai",
        "pace": "Laju",
        "status": "Status",
        "forecast": "Perkiraan akhir periode",
        "forecast_help": "{method}; rentangnya interval 80 %.",
        "method_run_rate": "Laju rata-rata: rata-rata per hari × jumlah hari periode",
        "method_ets_weekly": "Model musiman (ETS dengan pola mingguan) dari 16 minggu terakhir",
        "forecast_toggle": "Perkirakan periode yang belum selesai",
        "forecast_toggle_help": "Menyesuaikan model dengan pola mingguan untuk tiap target (beberapa detik "
        "pertama kali).",
        "pace_help": "Realisasi ÷ posisi garis lurus dari 0 ke target pada hari ini (1,0 = sesuai laju).",
        "achieved_help": "Realisasi sejauh ini ÷ target.",
        "all_platforms": "Semua platform",
        "week_of": "minggu {date}",
        "period_word_month": "bulan",
        "period_word_week": "minggu",
        "trends": "Tren",
        "trend_metric": "Metrik",
        "trend_caption_day": "Per hari, menurut tanggal terbit: tiap postingan dihitung pada hari terbitnya, "
        "dengan angka seumur postingan.",
        "trend_caption_week": "Per minggu (Senin–Minggu), menurut tanggal terbit: tiap postingan dihitung pada "
        "minggu terbitnya, dengan angka seumur postingan. Minggu pertama dan terakhir bisa terpotong rentang "
        "tanggal.",
        "trend_follower_caption": "Perubahan bersih pengikut per {unit}. Tidak digambar untuk {platforms}: "
        "ekspornya hanya memuat pengikut baru, atau tidak memuat data pengikut.",
        "unit_day": "hari",
        "unit_week": "minggu",
        "date": "Tanggal",
        "week": "Minggu mulai",
        "trend_title": "{metric} per {unit} dan platform",
        "no_trend": "Tidak ada yang bisa digambar untuk metrik ini dalam periode ini.",
        "comparison": "Perbandingan platform",
        "comparison_caption": "Per platform dalam {period}. Jangkauan adalah jumlah jangkauan per postingan.",
        "col_platform": "Platform",
        "col_posts": "Postingan",
        "col_reach": "Jangkauan (jumlah)",
        "col_engagements": "Interaksi",
        "col_rate": "Tingkat interaksi",
        "col_followers": "Pengikut",
        "col_change": "Perubahan pengikut",
        "col_growth": "Pertumbuhan",
        "col_source": "Data pengikut",
        "source_totals": "total",
        "source_daily net change": "perubahan bersih harian",
        "source_gained - lost": "baru − hilang",
        "source_gains only": "hanya pengikut baru",
        "source_none": "tidak ada",
        "posts_title": "Postingan terbaik dan terlemah",
        "posts_caption": "Menurut tingkat interaksi ({definition}) di antara postingan dengan {basis} minimal "
        "{floor} ({ranked} postingan diperingkat).",
        "posts_small": "{n} postingan dengan {basis} lebih kecil tidak diperingkat.",
        "posts_unrated": "Tidak diperingkat, ekspornya tanpa {basis} atau interaksi: {items}.",
        "no_ranked": "Tidak ada postingan dalam periode ini yang memiliki interaksi dan {basis}.",
        "top": "Postingan teratas",
        "bottom": "Postingan terbawah",
        "col_date": "Tanggal",
        "col_caption": "Keterangan",
        "col_denominator": "{basis}",
        "col_link": "Tautan",
        "open": "Buka ↗",
        "no_caption": "(tanpa keterangan)",
    },
}

# Where each platform's follower numbers come from, and which export would give the total.
FOLLOWER_HINTS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "instagram": 'Instagram: Meta Business Suite\'s Insights "Follows" export counts new follows per day only; '
        "none of the exports we read gives Instagram's follower total.",
        "facebook": 'Facebook: the Insights "Follows" export counts new follows only; the page total (Lifetime '
        "Total Likes) comes with the Facebook Insights page export.",
        "meta": 'Meta: the Insights "Follows" export counts new follows only.',
        "tiktok": "TikTok: TikTok Studio's FollowerHistory file gives the total.",
        "x": "X: the account overview export gives new follows and unfollows (a net change), no total.",
        "linkedin": "LinkedIn: the followers workbook gives new followers per day only.",
        "youtube": "YouTube: YouTube Studio's Totals.csv with the Subscribers metric gives the daily net change; "
        "no export gives the subscriber total.",
    },
    "id": {
        "instagram": 'Instagram: ekspor Insights "Follows" Meta Business Suite hanya menghitung pengikut baru '
        "per hari; tidak ada ekspor yang kami baca yang memuat total pengikut Instagram.",
        "facebook": 'Facebook: ekspor Insights "Follows" hanya menghitung pengikut baru; total halaman (Lifetime '
        "Total Likes) ada di ekspor halaman Facebook Insights.",
        "meta": 'Meta: ekspor Insights "Follows" hanya menghitung pengikut baru.',
        "tiktok": "TikTok: berkas FollowerHistory dari TikTok Studio memuat totalnya.",
        "x": "X: ekspor account overview memuat pengikut baru dan yang berhenti mengikuti (perubahan bersih), "
        "tanpa total.",
        "linkedin": "LinkedIn: workbook followers hanya memuat pengikut baru per hari.",
        "youtube": "YouTube: Totals.csv dari YouTube Studio dengan metrik Subscribers memuat perubahan bersih "
        "harian; tidak ada ekspor yang memuat total pelanggan.",
    },
}

# Names of the metrics a target can be set on (smo_metrics.targets.METRIC_KINDS).
TARGET_METRICS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "posts": "Posts",
        "reach_sum": "Reach (sum of per-post reach)",
        "impressions": "Impressions",
        "views": "Views",
        "engagements": "Engagements",
        "engagement_rate_by_reach": "Engagement rate (by reach)",
        "engagement_rate_by_impressions": "Engagement rate (by impressions)",
        "engagement_rate_by_followers": "Engagement rate (by followers)",
        "followers_gained": "New followers",
        "followers_net": "Net follower change",
        "followers": "Followers (total)",
        "spend": "Ad spend",
        "clicks": "Ad clicks",
        "link_clicks": "Ad link clicks",
        "conversions": "Conversions",
        "revenue": "Conversion value",
        "ctr": "CTR (link)",
        "roas": "ROAS",
    },
    "id": {
        "posts": "Postingan",
        "reach_sum": "Jangkauan (jumlah per postingan)",
        "impressions": "Tayangan",
        "views": "Penayangan",
        "engagements": "Interaksi",
        "engagement_rate_by_reach": "Tingkat interaksi (per jangkauan)",
        "engagement_rate_by_impressions": "Tingkat interaksi (per tayangan)",
        "engagement_rate_by_followers": "Tingkat interaksi (per pengikut)",
        "followers_gained": "Pengikut baru",
        "followers_net": "Perubahan bersih pengikut",
        "followers": "Pengikut (total)",
        "spend": "Biaya iklan",
        "clicks": "Klik iklan",
        "link_clicks": "Klik tautan iklan",
        "conversions": "Konversi",
        "revenue": "Nilai konversi",
        "ctr": "CTR (tautan)",
        "roas": "ROAS",
    },
}

# What each target metric counts (smo_metrics.targets.METRIC_DEFINITIONS, in both languages).
TARGET_DEFINITIONS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "posts": "posts published in the period",
        "reach_sum": "Σ reach of the posts published in the period; a person reached by two posts counts twice "
        "(not unique reach)",
        "impressions": "Σ impressions of the posts published in the period",
        "views": "Σ views of the posts published in the period",
        "engagements": "Σ (likes + comments + shares + saves) of the posts published in the period",
        "engagement_rate_by_reach": "Σ engagements ÷ Σ reach of the period's posts",
        "engagement_rate_by_impressions": "Σ engagements ÷ Σ impressions of the period's posts",
        "engagement_rate_by_followers": "Σ engagements ÷ Σ followers at posting of the period's posts",
        "followers_gained": "Σ new followers per day",
        "followers_net": "Σ daily net follower change (net change, new − lost, or change of the total)",
        "followers": "follower total on the last day with a total",
        "spend": "Σ ad spend in the workspace currency",
        "clicks": "Σ ad clicks (all) in the workspace currency's ads",
        "link_clicks": "Σ ad link clicks in the workspace currency's ads",
        "conversions": "Σ ad conversions in the workspace currency's ads",
        "revenue": "Σ ad conversion value in the workspace currency",
        "ctr": "Σ ad link clicks ÷ Σ ad impressions",
        "roas": "Σ ad conversion value ÷ Σ ad spend",
    },
    "id": {
        "posts": "postingan yang terbit dalam periode",
        "reach_sum": "Σ jangkauan postingan yang terbit dalam periode; orang yang dijangkau dua postingan "
        "terhitung dua kali (bukan jangkauan unik)",
        "impressions": "Σ tayangan postingan yang terbit dalam periode",
        "views": "Σ penayangan postingan yang terbit dalam periode",
        "engagements": "Σ (suka + komentar + dibagikan + disimpan) postingan yang terbit dalam periode",
        "engagement_rate_by_reach": "Σ interaksi ÷ Σ jangkauan postingan periode itu",
        "engagement_rate_by_impressions": "Σ interaksi ÷ Σ tayangan postingan periode itu",
        "engagement_rate_by_followers": "Σ interaksi ÷ Σ pengikut saat diposting dari postingan periode itu",
        "followers_gained": "Σ pengikut baru per hari",
        "followers_net": "Σ perubahan bersih pengikut harian (perubahan bersih, baru − hilang, atau selisih total)",
        "followers": "total pengikut pada hari terakhir yang memiliki total",
        "spend": "Σ biaya iklan dalam mata uang workspace",
        "clicks": "Σ klik iklan (semua) dari iklan dalam mata uang workspace",
        "link_clicks": "Σ klik tautan iklan dari iklan dalam mata uang workspace",
        "conversions": "Σ konversi iklan dari iklan dalam mata uang workspace",
        "revenue": "Σ nilai konversi iklan dalam mata uang workspace",
        "ctr": "Σ klik tautan iklan ÷ Σ tayangan iklan",
        "roas": "Σ nilai konversi iklan ÷ Σ biaya iklan",
    },
}

KIND_WORDS: Final[dict[str, dict[str, str]]] = {
    "en": {"sum": "total", "rate": "rate", "level": "level"},
    "id": {"sum": "jumlah", "rate": "rasio", "level": "posisi"},
}


def metric_name(metric: str, lang: str) -> str:
    """A target metric's name in ``lang`` (the metric's key when it is a user-defined one)."""
    return TARGET_METRICS[lang].get(metric, metric)
