"""A/B tests page: compare two or more ads, posts or typed-in counts, save the test, plan the next one.

The page computes nothing itself: :mod:`smo_metrics.experiments` builds each arm's successes
and trials (and refuses numbers that are not successes out of trials), runs the test with
:mod:`smo_metrics.abtest` and plans the next one; the verdicts come from
:func:`smo_metrics.abtest.verdict_text` in the chosen language.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any, Final

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.charts import ab_tests as charts
from dashboard.pages import page_title
from smo_metrics import abtest, i18n
from smo_metrics import experiments as ex
from smo_metrics.errors import SmoError

view = state.current_view()
st.title(page_title("ab_tests", view.lang))

WORDS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "intro": (
            "Compare two or more versions of an ad or a post: which one really gets more clicks, conversions or "
            "engagement, and whether the difference is bigger than chance."
        ),
        "source": "Variants from",
        "src_ads": "Ads",
        "src_posts": "Posts",
        "src_counts": "Typed-in counts",
        "metric": "Metric",
        "m_ctr": "CTR: link clicks ÷ impressions",
        "m_ctr_all": "CTR (all): clicks ÷ impressions",
        "m_conversion_rate": "Conversion rate: conversions ÷ link clicks",
        "m_result_rate": "Result rate: results ÷ link clicks",
        "m_engagement_rate_by_reach": "Engagement rate: engagements ÷ reach",
        "m_engagement_rate_by_impressions": "Engagement rate: engagements ÷ impressions",
        "m_custom": "Other: successes ÷ trials",
        "s_ctr": "CTR",
        "s_ctr_all": "CTR (all)",
        "s_conversion_rate": "Conversion rate",
        "s_result_rate": "Result rate",
        "s_engagement_rate_by_reach": "Engagement rate",
        "s_engagement_rate_by_impressions": "Engagement rate",
        "s_custom": "Rate",
        "level": "Compare",
        "lv_campaign": "Campaigns",
        "lv_ad_set": "Ad sets",
        "lv_ad": "Ads",
        "detected": "Tests found in your ads",
        "detected_none": "Choose yourself",
        "detected_help": (
            "Ad sets or ads of one campaign that ran on the same days with a name that says A/B, or an even "
            "split of impressions."
        ),
        "marked": "A/B in the name",
        "even": "even split",
        "variants": "Variants (the first one is the control, A)",
        "placeholder": "Choose at least two",
        "dates": "Dates",
        "w_all": "Whole run",
        "w_dates": "Pick dates",
        "posts_pick": "Posts (the first one is the control, A)",
        "posts_range": (
            "Posts published in {range} (the sidebar's date range), newest first. Compare versions of the same "
            "content, e.g. one video with two captions or thumbnails."
        ),
        "posts_limited": (
            "Showing the newest {shown} of {total} posts published in {range}; narrow the date range or the "
            "platforms in the sidebar to find others."
        ),
        "posts_lifetime": "Post numbers are lifetime totals as of your latest export.",
        "reach_short": "reach",
        "impr_short": "impressions",
        "counts_help": "Type each variant's numbers. The first row is the control (A); add a row for each more variant.",
        "col_label": "Variant",
        "type_numbers": "Type each variant's {successes} and {trials} to see a result.",
        "settings": "Test settings",
        "confidence": "Confidence level",
        "question": "Question",
        "q_two-sided": "Is there any difference?",
        "q_larger": "Is each variant better than A?",
        "q_smaller": "Is each variant worse than A?",
        "adjust": "Correction for several variants",
        "adj_holm": "Holm: fewer false winners",
        "adj_fdr_bh": "Benjamini–Hochberg: more power, a few false winners",
        "check_split": "Check the traffic split",
        "check_split_help": (
            "For a real A/B test the traffic is split as planned, and an uneven split means something broke. Organic "
            "posts, or ad sets with their own budgets, have no planned split: switch this off for them."
        ),
        "split": "Planned share of traffic (%)",
        "split_help": (
            "The share of impressions or reach you planned for each variant (equal for most tests). The page "
            "checks the real split against it."
        ),
        "no_ads": (
            "There is no ads data in the workspace with the current platform filter. Upload a Meta Ads Manager or "
            "TikTok Ads Manager report on the **Data** page, or type the counts in."
        ),
        "no_level": "No {level} in the ads data: the exports only go down to {deepest}.",
        "no_posts": (
            "No posts with {successes} and {trials} were published in {range}. Widen the date range or choose other "
            "platforms in the sidebar, pick another metric, upload your content exports on the **Data** page (reach "
            "comes from the Instagram and Facebook exports of Meta Business Suite), or type the counts in."
        ),
        "posts_with": "Only posts with both {successes} and {trials} are listed.",
        "pick_two": "Pick at least two variants to see a result.",
        "refused": "The test is not run on these numbers",
        "result": "Result",
        "srm": (
            "**The traffic split is off.** The variants got {observed} of the trials where {planned} was planned; "
            "a split this uneven happens by chance with p = {p}. Something in the delivery favoured one variant "
            "(targeting, budget, a paused ad), so this is not a fair comparison."
        ),
        "srm_ok": "Traffic split as planned ({observed}; check p = {p}).",
        "srm_off": "The traffic split is not checked (no planned split; switch it on in the test settings).",
        "vs_a": "vs A",
        "pp": "pp",
        "card_diff": "Difference",
        "card_rel": "Relative lift",
        "card_p": "p-value",
        "card_chance": "Chance {b} beats {a}",
        "help_rate": "**{label}**: {count} of {nobs} {trials}. {level} interval: {low} to {high}.",
        "help_diff": "{level} interval of the difference (Newcombe): {low} to {high} percentage points.",
        "help_p": "{test}. Significant when below {alpha}.",
        "help_p_adj": "{test}, adjusted for {m} comparisons ({method}): {adjusted}. Significant when below {alpha}.",
        "help_chance": "Bayesian: the probability that {b}'s true rate is higher than {a}'s, with uniform priors.",
        "test_z": "Pooled two-proportion z-test",
        "test_fisher": "Fisher's exact test (an expected count is below 5)",
        "col_arm": "Variant",
        "col_successes": "Successes",
        "col_trials": "Trials",
        "col_rate": "Rate",
        "col_interval": "Interval",
        "col_diff": "Difference vs A",
        "col_rel": "Relative",
        "col_diff_interval": "Interval of difference (pp)",
        "col_p": "p-value",
        "col_p_adj": "Adjusted p",
        "col_chance": "Chance to beat A",
        "col_result": "Result",
        "col_rows": "Rows used",
        "col_left_out": "Rows left out",
        "col_dates": "Dates",
        "sum_head": "Compared with {a}, {n} of {m} variants differ significantly (p-values corrected for {m} comparisons, {method}).",
        "sum_better": "Better: {arms}.",
        "sum_worse": "Worse: {arms}.",
        "sum_unclear": "No significant difference yet: {arms}.",
        "sum_not_enough": "Not enough data yet: {arms}.",
        "sum_split": "Traffic split off, fix it before trusting the result: {arms}.",
        "sum_each": "The verdict for each variant",
        "r_better": "Better than A",
        "r_worse": "Worse than A",
        "r_unclear": "No clear difference",
        "r_not_enough": "Not enough data",
        "r_split": "Split problem",
        "r_control": "Control",
        "r_variant": "Variant",
        "chart_rates": "{metric} per variant, with its {level} interval",
        "chart_diff": "Difference from {a}, with its {level} interval",
        "axis_diff": "Difference in {metric} (percentage points)",
        "tt_rate": "Rate",
        "tt_interval": "Interval",
        "tt_counts": "Counts",
        "tt_diff": "Difference",
        "tt_p": "p-value",
        "status": "Compared with A",
        "details": "Counts used and how the test works",
        "method": (
            "Each rate is successes ÷ trials with a Wilson interval. The p-value comes from the pooled two-proportion "
            "z-test, or Fisher's exact test when an expected count is below 5; the interval of the difference is "
            "Newcombe's; the chance to beat A uses uniform Beta(1, 1) priors. With more than two variants each one is "
            'compared with A and the p-values are corrected for the number of comparisons. "Not enough data" '
            "means fewer than 30 trials in a variant or fewer than 5 successes or 5 failures in all."
        ),
        "save_title": "Save this test",
        "name": "Name",
        "save": "Save",
        "saved": "Saved “{name}”.",
        "save_failed": "The test could not be saved: {error}",
        "saved_tests": "Saved tests",
        "saved_pick": "Saved test",
        "saved_line": "{metric} · {source} · {n} variants · saved {date}",
        "open": "Open",
        "delete": "Delete",
        "confirm_delete": "Delete “{name}” for everyone using this workspace?",
        "deleted": "Deleted “{name}”.",
        "open_failed": "This saved test cannot be opened: {error}",
        "opened": "Opened “{name}”.",
        "planner": "Plan the next test",
        "planner_intro": "How many trials each variant needs to detect a lift you care about, and how long that takes.",
        "baseline": "Baseline rate (%)",
        "mde": "Lift to detect (% relative)",
        "power": "Power (%)",
        "power_help": "The chance of detecting the lift when it is real. 80 % is usual.",
        "arms": "Variants",
        "daily": "Trials per day",
        "daily_help": "All variants together: the impressions, reach or clicks per day the test will get, depending on the metric.",
        "daily_from_ads": "Recent traffic of the chosen ads: {n} {trials} a day over their last {days} days of data.",
        "daily_unknown": "Type the daily traffic to see how many days the test needs.",
        "plan_n": "Trials per variant",
        "plan_total": "Trials in total",
        "plan_days": "Days needed",
        "plan_caption": "To detect {base} → {target} ({mde} relative) {power} of the time at {conf} confidence{multi}.",
        "plan_multi": "; with {m} comparisons each is tested at α = {alpha}",
        "plan_bad": "These numbers cannot be planned: the baseline and the lifted rate must stay between 0 % and 100 %.",
        "current_mde": (
            "With the {n} trials per variant this test has, it could reliably detect a change from {base} to about "
            "{target} ({rel} relative)."
        ),
        "days_unit": "days",
        "bad_input": "These settings cannot be used: {error}",
    },
    "id": {
        "intro": (
            "Bandingkan dua versi atau lebih dari sebuah iklan atau postingan: mana yang benar-benar mendapat lebih "
            "banyak klik, konversi, atau interaksi, dan apakah selisihnya lebih besar daripada kebetulan."
        ),
        "source": "Varian dari",
        "src_ads": "Iklan",
        "src_posts": "Postingan",
        "src_counts": "Angka diketik",
        "metric": "Metrik",
        "m_ctr": "CTR: klik tautan ÷ tayangan",
        "m_ctr_all": "CTR (semua): klik ÷ tayangan",
        "m_conversion_rate": "Tingkat konversi: konversi ÷ klik tautan",
        "m_result_rate": "Tingkat hasil: hasil ÷ klik tautan",
        "m_engagement_rate_by_reach": "Tingkat interaksi: interaksi ÷ jangkauan",
        "m_engagement_rate_by_impressions": "Tingkat interaksi: interaksi ÷ tayangan",
        "m_custom": "Lainnya: keberhasilan ÷ percobaan",
        "s_ctr": "CTR",
        "s_ctr_all": "CTR (semua)",
        "s_conversion_rate": "Tingkat konversi",
        "s_result_rate": "Tingkat hasil",
        "s_engagement_rate_by_reach": "Tingkat interaksi",
        "s_engagement_rate_by_impressions": "Tingkat interaksi",
        "s_custom": "Rasio",
        "level": "Bandingkan",
        "lv_campaign": "Kampanye",
        "lv_ad_set": "Set iklan",
        "lv_ad": "Iklan",
        "detected": "Uji yang ditemukan di iklan Anda",
        "detected_none": "Pilih sendiri",
        "detected_help": (
            "Set iklan atau iklan dalam satu kampanye yang berjalan pada hari yang sama, dengan nama yang menyebut "
            "A/B atau tayangan yang terbagi rata."
        ),
        "marked": "A/B di nama",
        "even": "terbagi rata",
        "variants": "Varian (yang pertama adalah kontrol, A)",
        "placeholder": "Pilih minimal dua",
        "dates": "Tanggal",
        "w_all": "Seluruh masa tayang",
        "w_dates": "Pilih tanggal",
        "posts_pick": "Postingan (yang pertama adalah kontrol, A)",
        "posts_range": (
            "Postingan yang terbit {range} (rentang tanggal di sidebar), terbaru dulu. Bandingkan versi dari konten "
            "yang sama, misalnya satu video dengan dua caption atau thumbnail."
        ),
        "posts_limited": (
            "Menampilkan {shown} postingan terbaru dari {total} yang terbit {range}; persempit rentang tanggal atau "
            "platform di sidebar untuk menemukan yang lain."
        ),
        "posts_lifetime": "Angka postingan adalah total seumur hidup per ekspor terakhir Anda.",
        "reach_short": "jangkauan",
        "impr_short": "tayangan",
        "counts_help": "Ketik angka tiap varian. Baris pertama adalah kontrol (A); tambah satu baris per varian lain.",
        "col_label": "Varian",
        "type_numbers": "Ketik {successes} dan {trials} tiap varian untuk melihat hasilnya.",
        "settings": "Pengaturan uji",
        "confidence": "Tingkat kepercayaan",
        "question": "Pertanyaan",
        "q_two-sided": "Apakah ada perbedaan?",
        "q_larger": "Apakah tiap varian lebih baik daripada A?",
        "q_smaller": "Apakah tiap varian lebih buruk daripada A?",
        "adjust": "Koreksi untuk beberapa varian",
        "adj_holm": "Holm: lebih sedikit pemenang palsu",
        "adj_fdr_bh": "Benjamini–Hochberg: lebih peka, sedikit pemenang palsu",
        "check_split": "Periksa pembagian trafik",
        "check_split_help": (
            "Dalam uji A/B yang sebenarnya trafik dibagi sesuai rencana, dan pembagian yang timpang berarti ada yang "
            "rusak. Postingan organik, atau set iklan dengan anggaran sendiri, tidak punya rencana pembagian: matikan "
            "pemeriksaan ini untuk itu."
        ),
        "split": "Rencana porsi trafik (%)",
        "split_help": (
            "Porsi tayangan atau jangkauan yang Anda rencanakan untuk tiap varian (sama rata untuk kebanyakan uji). "
            "Halaman ini memeriksa pembagian sebenarnya terhadap rencana ini."
        ),
        "no_ads": (
            "Belum ada data iklan di workspace dengan filter platform saat ini. Unggah laporan Meta Ads Manager atau "
            "TikTok Ads Manager di halaman **Data**, atau ketik angkanya sendiri."
        ),
        "no_level": "Tidak ada {level} di data iklan: ekspornya hanya sampai tingkat {deepest}.",
        "no_posts": (
            "Tidak ada postingan dengan {successes} dan {trials} yang terbit {range}. Perlebar rentang tanggal atau "
            "pilih platform lain di sidebar, pilih metrik lain, unggah ekspor konten di halaman **Data** (jangkauan "
            "ada di ekspor Instagram dan Facebook dari Meta Business Suite), atau ketik angkanya sendiri."
        ),
        "posts_with": "Hanya postingan yang punya {successes} sekaligus {trials} yang ditampilkan.",
        "pick_two": "Pilih minimal dua varian untuk melihat hasilnya.",
        "refused": "Uji tidak dijalankan pada angka ini",
        "result": "Hasil",
        "srm": (
            "**Pembagian trafik tidak sesuai.** Varian mendapat {observed} dari percobaan, padahal direncanakan "
            "{planned}; pembagian setimpang ini terjadi secara kebetulan dengan p = {p}. Ada yang membuat satu varian "
            "lebih diuntungkan (penargetan, anggaran, iklan yang dijeda), jadi perbandingan ini tidak adil."
        ),
        "srm_ok": "Trafik terbagi sesuai rencana ({observed}; p pemeriksaan = {p}).",
        "srm_off": "Pembagian trafik tidak diperiksa (tanpa rencana pembagian; nyalakan di pengaturan uji).",
        "vs_a": "vs A",
        "pp": "pp",
        "card_diff": "Selisih",
        "card_rel": "Kenaikan relatif",
        "card_p": "p-value",
        "card_chance": "Peluang {b} unggul",
        "help_rate": "**{label}**: {count} dari {nobs} {trials}. Interval {level}: {low} sampai {high}.",
        "help_diff": "Interval {level} untuk selisihnya (Newcombe): {low} sampai {high} poin persentase.",
        "help_p": "{test}. Signifikan bila di bawah {alpha}.",
        "help_p_adj": "{test}, disesuaikan untuk {m} perbandingan ({method}): {adjusted}. Signifikan bila di bawah {alpha}.",
        "help_chance": "Bayesian: peluang rasio sebenarnya {b} lebih tinggi daripada {a}, dengan prior seragam.",
        "test_z": "Uji z dua proporsi (gabungan)",
        "test_fisher": "Uji eksak Fisher (ada frekuensi harapan di bawah 5)",
        "col_arm": "Varian",
        "col_successes": "Keberhasilan",
        "col_trials": "Percobaan",
        "col_rate": "Rasio",
        "col_interval": "Interval",
        "col_diff": "Selisih vs A",
        "col_rel": "Relatif",
        "col_diff_interval": "Interval selisih (pp)",
        "col_p": "p-value",
        "col_p_adj": "p disesuaikan",
        "col_chance": "Peluang mengungguli A",
        "col_result": "Hasil",
        "col_rows": "Baris dipakai",
        "col_left_out": "Baris tidak dipakai",
        "col_dates": "Tanggal",
        "sum_head": (
            "Dibanding {a}, {n} dari {m} varian berbeda secara signifikan (p-value dikoreksi untuk {m} perbandingan, "
            "{method})."
        ),
        "sum_better": "Lebih baik: {arms}.",
        "sum_worse": "Lebih buruk: {arms}.",
        "sum_unclear": "Belum ada perbedaan yang signifikan: {arms}.",
        "sum_not_enough": "Data belum cukup: {arms}.",
        "sum_split": "Pembagian trafik tidak sesuai, perbaiki dulu sebelum memercayai hasilnya: {arms}.",
        "sum_each": "Kesimpulan untuk tiap varian",
        "r_better": "Lebih baik dari A",
        "r_worse": "Lebih buruk dari A",
        "r_unclear": "Belum jelas berbeda",
        "r_not_enough": "Data belum cukup",
        "r_split": "Masalah pembagian",
        "r_control": "Kontrol",
        "r_variant": "Varian",
        "chart_rates": "{metric} per varian, dengan interval {level}",
        "chart_diff": "Selisih dari {a}, dengan interval {level}",
        "axis_diff": "Selisih {metric} (poin persentase)",
        "tt_rate": "Rasio",
        "tt_interval": "Interval",
        "tt_counts": "Jumlah",
        "tt_diff": "Selisih",
        "tt_p": "p-value",
        "status": "Dibanding A",
        "details": "Angka yang dipakai dan cara kerja uji",
        "method": (
            "Tiap rasio adalah keberhasilan ÷ percobaan dengan interval Wilson. p-value berasal dari uji z dua "
            "proporsi gabungan, atau uji eksak Fisher bila ada frekuensi harapan di bawah 5; interval selisihnya "
            "memakai metode Newcombe; peluang mengungguli A memakai prior seragam Beta(1, 1). Bila ada lebih dari dua "
            'varian, tiap varian dibandingkan dengan A dan p-value dikoreksi untuk jumlah perbandingan. "Data belum '
            'cukup" berarti kurang dari 30 percobaan di satu varian atau kurang dari 5 keberhasilan atau 5 kegagalan '
            "secara total."
        ),
        "save_title": "Simpan uji ini",
        "name": "Nama",
        "save": "Simpan",
        "saved": "“{name}” tersimpan.",
        "save_failed": "Uji tidak dapat disimpan: {error}",
        "saved_tests": "Uji tersimpan",
        "saved_pick": "Uji tersimpan",
        "saved_line": "{metric} · {source} · {n} varian · disimpan {date}",
        "open": "Buka",
        "delete": "Hapus",
        "confirm_delete": "Hapus “{name}” untuk semua pengguna workspace ini?",
        "deleted": "“{name}” dihapus.",
        "open_failed": "Uji tersimpan ini tidak dapat dibuka: {error}",
        "opened": "“{name}” dibuka.",
        "planner": "Rencanakan uji berikutnya",
        "planner_intro": (
            "Berapa percobaan yang dibutuhkan tiap varian untuk mendeteksi kenaikan yang Anda pedulikan, dan berapa "
            "lama waktunya."
        ),
        "baseline": "Rasio dasar (%)",
        "mde": "Kenaikan dideteksi (% relatif)",
        "power": "Power (%)",
        "power_help": "Peluang mendeteksi kenaikan itu bila memang nyata. Biasanya 80 %.",
        "arms": "Varian",
        "daily": "Percobaan per hari",
        "daily_help": "Semua varian bersama: tayangan, jangkauan, atau klik per hari yang akan didapat uji, tergantung metriknya.",
        "daily_from_ads": "Trafik terbaru iklan yang dipilih: {n} {trials} per hari selama {days} hari terakhir datanya.",
        "daily_unknown": "Ketik trafik harian untuk melihat berapa hari yang dibutuhkan.",
        "plan_n": "Percobaan per varian",
        "plan_total": "Total percobaan",
        "plan_days": "Hari yang dibutuhkan",
        "plan_caption": (
            "Untuk mendeteksi {base} → {target} ({mde} relatif) dengan peluang {power} pada tingkat kepercayaan {conf}"
            "{multi}."
        ),
        "plan_multi": "; dengan {m} perbandingan, tiap perbandingan diuji pada α = {alpha}",
        "plan_bad": (
            "Angka ini tidak dapat direncanakan: rasio dasar dan rasio setelah naik harus tetap di antara 0 % dan 100 %."
        ),
        "current_mde": (
            "Dengan {n} percobaan per varian yang dimiliki uji ini, uji ini dapat mendeteksi perubahan dari {base} ke "
            "sekitar {target} ({rel} relatif)."
        ),
        "days_unit": "hari",
        "bad_input": "Pengaturan ini tidak dapat dipakai: {error}",
    },
}

CONFIDENCES: Final = (0.90, 0.95, 0.99)
SOURCE_WORD: Final = {"ads": "src_ads", "posts": "src_posts", "counts": "src_counts"}
POST_CHOICES: Final = 500

w = WORDS[view.lang]
lang = view.lang


# --- formatting helpers (numbers come from the library; these only write them) ----------------------
def pct(x: float | None, decimals: int = 2) -> str:
    return i18n.percent(x, lang, decimals)


def pp(x: float | None, signed: bool = True, unit: bool = True) -> str:
    """A difference of rates in percentage points: ``+0,25 pp``."""
    if x is None or i18n.is_missing(x):
        return i18n.MISSING
    text = i18n.number(x * 100, lang, 2)
    text = "+" + text if signed and x > 0 and text.strip("0,.") else text
    return f"{text} {w['pp']}" if unit else text


def delta_text(text: str) -> str:
    """Streamlit reads a delta as negative only when it starts with an ASCII minus."""
    return "-" + text[1:] if text.startswith("−") else text


def p_text(p: float | None) -> str:
    if p is None:
        return i18n.MISSING
    if p < 0.001:
        return "< " + i18n.number(0.001, lang, 3)
    return i18n.number(p, lang, 3)


def chance_text(x: float | None) -> str:
    if x is None:
        return i18n.MISSING
    if x > 0.999:
        return "> " + i18n.percent(0.999, lang, 1)
    if x < 0.001:
        return "< " + i18n.percent(0.001, lang, 1)
    return i18n.percent(x, lang, 1)


def level_text(level: float) -> str:
    return i18n.percent(level, lang, 0)


def metric_short(key: str) -> str:
    return w[f"s_{key}"]


# --- cached look-ups: keyed on the store's change marker and the filters, never on frames ------------------
@st.cache_data(max_entries=32, show_spinner=False)
def ad_entities(version: int, platforms: tuple[str, ...], level: str, _ads: pd.DataFrame) -> pd.DataFrame:
    return ex.ad_entities(_ads, level)


@st.cache_data(max_entries=16, show_spinner=False)
def ad_suggestions(version: int, platforms: tuple[str, ...], _ads: pd.DataFrame) -> list[ex.AdTestSuggestion]:
    return ex.suggest_ad_tests(_ads)


@st.cache_data(max_entries=16, show_spinner=False)
def post_choices(
    version: int,
    platforms: tuple[str, ...],
    accounts: tuple[str, ...],
    start: dt.date,
    end: dt.date,
    metric_key: str,
    _posts: pd.DataFrame,
) -> pd.DataFrame:
    return ex.post_options(_posts, start, end, POST_CHOICES, metric_key)


version = view.store.version()
ads = view.tables.get("ads", pd.DataFrame())
posts = view.tables.get("posts", pd.DataFrame())


# --- saved tests: open and delete (callbacks run before the widgets are drawn) -------------------------------
def open_saved(test_id: int) -> None:
    """Put a saved test's definition into the widgets' state."""
    try:
        saved = view.store.ab_test(test_id)
        d = ex.ExperimentDefinition.from_json(saved["definition"])
    except SmoError as exc:
        st.session_state["ab_flash"] = ("error", w["open_failed"].format(error=exc))
        return
    ss = st.session_state
    ss["ab_source"] = d.source
    ss[f"ab_metric_{d.source}"] = d.metric
    ss["ab_alpha"] = min(CONFIDENCES, key=lambda c: abs((1 - c) - d.alpha))
    ss["ab_alt"] = d.alternative
    ss["ab_adjust"] = d.adjust
    ss[f"ab_check_{d.source}"] = d.check_split
    ss["ab_name"] = saved["name"]
    ss["ab_detected"] = None
    refs = [ex.ref_key(a.get("ref") or {}) for a in d.arms]
    if d.source == "ads":
        ss["ab_level"] = d.level
        ss[f"ab_ads_{d.level}"] = refs
        ss["ab_window"] = "dates" if d.start or d.end else "all"
        if d.start and d.end:
            ss["ab_dates"] = (d.start, d.end)
    elif d.source == "posts":
        ss["ab_posts"] = refs
    else:
        ss["ab_counts_base"] = pd.DataFrame(
            {
                "label": [str(a.get("label", "")) for a in d.arms],
                "count": [_float(a.get("count")) for a in d.arms],
                "nobs": [_float(a.get("nobs")) for a in d.arms],
            }
        )
        ss["ab_counts_gen"] = ss.get("ab_counts_gen", 0) + 1
    n = len(d.arms)
    for i in range(n):
        ss[f"ab_share_{n}_{i}"] = float(d.shares[i]) * 100 if d.shares else round(100 / n, 1)
    ss["ab_name_auto"] = ""  # the saved name is the user's: keep it when the variants show
    ss["ab_flash"] = ("success", w["opened"].format(name=saved["name"]))


def _float(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def delete_saved(test_id: int, name: str) -> None:
    try:
        view.store.delete_ab_test(test_id)
    except SmoError as exc:
        st.session_state["ab_flash"] = ("error", str(exc))
        return
    st.session_state["ab_flash"] = ("success", w["deleted"].format(name=name))


def saved_tests_box() -> None:
    saved = view.store.ab_tests()
    if saved.empty:
        return
    with st.container(border=True):
        st.markdown(f"**{w['saved_tests']}** · {len(saved)}")
        rows = {int(r["id"]): r for r in saved.to_dict("records")}

        def describe(test_id: int) -> str:
            r = rows[test_id]
            d = r["definition"] if isinstance(r["definition"], dict) else {}
            metric_key = d.get("metric")
            source = d.get("source")
            line = w["saved_line"].format(
                metric=w.get(f"s_{metric_key}", str(metric_key)),
                source=w.get(SOURCE_WORD.get(str(source), ""), str(source)),
                n=len(d.get("arms") or []),
                date=i18n.date(pd.Timestamp(r["created_at"]).tz_convert(view.tz), lang),
            )
            return f"{r['name']} · {line}"

        c1, c2, c3 = st.columns([6, 1, 1], vertical_alignment="bottom")
        chosen = c1.selectbox(w["saved_pick"], list(rows), format_func=describe, key="ab_saved_pick")
        if chosen is None:
            return
        c2.button(w["open"], on_click=open_saved, args=(chosen,), key="ab_open", icon=":material/folder_open:")
        with c3.popover(w["delete"], icon=":material/delete:"):
            st.write(w["confirm_delete"].format(name=rows[chosen]["name"]))
            st.button(
                w["delete"],
                type="primary",
                on_click=delete_saved,
                args=(chosen, str(rows[chosen]["name"])),
                key="ab_delete",
            )


# --- choosing the arms --------------------------------------------------------------------------------------
def choose_ads(metric_key: str) -> tuple[ex.ArmSet | None, ex.ExperimentDefinition | None, float | None]:
    """Ads arms: a level, the entities (a detected test first), the dates. Returns arms, definition, daily traffic."""
    if ads.empty:
        st.info(w["no_ads"], icon=":material/campaign:")
        return None, None, None
    suggestions = ad_suggestions(version, view.platforms, ads)
    ss = st.session_state
    if "ab_level" not in ss:  # first visit: start from the likeliest detected test
        ss["ab_level"] = suggestions[0].level if suggestions else "ad_set"
        if suggestions:
            ss[f"ab_ads_{suggestions[0].level}"] = [ex.ref_key(r) for r in suggestions[0].refs]
            ss["ab_detected"] = 0

    def apply_suggestion() -> None:
        i = ss.get("ab_detected")
        if i is None:
            return
        s = suggestions[i]
        ss["ab_level"] = s.level
        ss[f"ab_ads_{s.level}"] = [ex.ref_key(r) for r in s.refs]
        ss["ab_window"] = "all"

    if suggestions:
        if ss.get("ab_detected") is not None and ss["ab_detected"] >= len(suggestions):
            ss["ab_detected"] = None

        def describe(i: int | None) -> str:
            if i is None:
                return w["detected_none"]
            s = suggestions[i]
            why = w["marked"] if s.marked else w["even"]
            return f"{s.parent} · {' / '.join(s.labels)} · {i18n.date_range(s.first, s.last, lang)} · {why}"

        st.selectbox(
            w["detected"],
            [None, *range(len(suggestions))],
            format_func=describe,
            key="ab_detected",
            on_change=apply_suggestion,
            placeholder=w["detected_none"],
            help=w["detected_help"],
        )
    c1, c2, c3 = st.columns([3, 3, 4], vertical_alignment="bottom")
    level = c1.segmented_control(
        w["level"], list(ex.AD_LEVELS), format_func=lambda k: w[f"lv_{k}"], key="ab_level", required=True
    )
    level = level or "ad_set"
    ss.setdefault("ab_window", "all")
    window = c2.segmented_control(
        w["dates"], ["all", "dates"], format_func=lambda k: w[f"w_{k}"], key="ab_window", required=True
    )
    start = end = None
    if window == "dates":
        ss.setdefault("ab_dates", (view.period.start, view.period.end))
        chosen_dates = c3.date_input(w["dates"], key="ab_dates", format="DD/MM/YYYY", label_visibility="hidden")
        if isinstance(chosen_dates, tuple | list) and len(chosen_dates) == 2:
            start, end = sorted(chosen_dates)
    entities = ad_entities(version, view.platforms, level, ads)
    if entities.empty:
        present = [lv for lv in ex.AD_LEVELS if (ads["level"] == lv).any()]
        deepest = present[-1] if present else "campaign"
        st.info(w["no_level"].format(level=w[f"lv_{level}"].lower(), deepest=w[f"lv_{deepest}"].lower()))
        return None, None, None
    records = entities.to_dict("records")
    by_key = {ex.ref_key(ex.entity_ref(r, level)): r for r in records}
    key = f"ab_ads_{level}"
    if key in ss:
        ss[key] = [k for k in ss[key] if k in by_key]

    def entity_label(k: str) -> str:
        r = by_key[k]
        dates = i18n.date_range(pd.Timestamp(r["first"]).date(), pd.Timestamp(r["last"]).date(), lang)
        return f"{r['label']} · {i18n.label(str(r['platform']), lang)} · {dates}"

    picked = st.multiselect(
        w["variants"],
        list(by_key),
        format_func=entity_label,
        key=key,
        placeholder=w["placeholder"],
        max_selections=ex.MAX_ARMS,
    )
    refs = [ex.entity_ref(by_key[k], level) for k in picked]
    labels = [str(by_key[k]["label"]) for k in picked]
    arm_set = ex.arms_from_ads(ads, level, refs, metric_key, labels, start, end)
    definition = ex.ExperimentDefinition(
        "ads", metric_key, tuple({"label": lb, "ref": r} for lb, r in zip(labels, refs, strict=True)), level, start, end
    )
    return arm_set, definition, ex.daily_trials(ads, level, refs, metric_key)


def post_label(r: dict[str, Any], with_caption: bool) -> str:
    day = r.get("published_date")
    parts = [i18n.label(str(r["platform"]), lang), i18n.date(day, lang) if not i18n.is_missing(day) else "—"]
    if not i18n.is_missing(r.get("post_type")):
        parts.append(str(r["post_type"]))
    text = " · ".join(parts)
    if with_caption:
        caption = "" if i18n.is_missing(r.get("caption")) else " ".join(str(r["caption"]).split())
        if caption:
            text += " · " + (caption[:60] + "…" if len(caption) > 60 else caption)
        if not i18n.is_missing(r.get("reach")):
            text += f" ({w['reach_short']} {i18n.number(r['reach'], lang)})"
        elif not i18n.is_missing(r.get("impressions")):
            text += f" ({w['impr_short']} {i18n.number(r['impressions'], lang)})"
    return text


def choose_posts(metric_key: str) -> tuple[ex.ArmSet | None, ex.ExperimentDefinition | None, float | None]:
    rng = i18n.date_range(view.period.start, view.period.end, lang)
    options = post_choices(
        version, view.platforms, view.accounts, view.period.start, view.period.end, metric_key, posts
    )
    m = ex.metric(metric_key)
    ss = st.session_state
    records = {ex.ref_key(ex.post_ref(r)): r for r in options.to_dict("records")}
    for k in ss.get("ab_posts", []):  # a reopened test's posts may lie outside the sidebar's dates
        if k not in records and not posts.empty:
            ref = json.loads(k)
            found = posts[
                (posts["platform"] == ref.get("platform")).fillna(False)
                & (posts["account"] == ref.get("account")).fillna(False)
                & (posts["post_id"] == ref.get("post_id")).fillna(False)
            ]
            if not found.empty:
                records[k] = found.iloc[0].to_dict()
    if "ab_posts" in ss:
        ss["ab_posts"] = [k for k in ss["ab_posts"] if k in records]
    if not records:
        st.info(
            w["no_posts"].format(range=rng, successes=ex.unit(m.successes, lang), trials=ex.unit(m.trials, lang)),
            icon=":material/photo_library:",
        )
        return None, None, None
    total = int(options.attrs.get("total", len(options)))
    note = w["posts_limited"] if total > len(options) else w["posts_range"]
    picked = st.multiselect(
        w["posts_pick"],
        list(records),
        format_func=lambda k: post_label(records[k], True),
        key="ab_posts",
        placeholder=w["placeholder"],
        max_selections=ex.MAX_ARMS,
    )
    only = w["posts_with"].format(successes=ex.unit(m.successes, lang), trials=ex.unit(m.trials, lang))
    shown = note.format(shown=i18n.number(len(options), lang), total=i18n.number(total, lang), range=rng)
    st.caption(f"{shown} {only}")
    refs = [ex.post_ref(records[k]) for k in picked]
    labels = [post_label(records[k], False) for k in picked]
    arm_set = ex.arms_from_posts(posts, refs, metric_key, labels)
    definition = ex.ExperimentDefinition(
        "posts", metric_key, tuple({"label": lb, "ref": r} for lb, r in zip(labels, refs, strict=True))
    )
    return arm_set, definition, None


def choose_counts(metric_key: str) -> tuple[ex.ArmSet | None, ex.ExperimentDefinition | None, float | None]:
    m = ex.metric(metric_key)
    ss = st.session_state
    base = ss.get("ab_counts_base")
    if not isinstance(base, pd.DataFrame):
        base = pd.DataFrame({"label": ["A", "B"], "count": [None, None], "nobs": [None, None]})
    base = base.astype({"label": "string", "count": "Float64", "nobs": "Float64"})
    st.caption(w["counts_help"])
    edited = st.data_editor(
        base,
        key=f"ab_counts_{ss.get('ab_counts_gen', 0)}",
        num_rows="dynamic",
        hide_index=True,
        placeholder=i18n.MISSING,
        width="stretch",
        column_config={
            "label": st.column_config.TextColumn(w["col_label"], required=True, max_chars=80),
            "count": st.column_config.NumberColumn(
                i18n.label(m.successes, lang) if m.successes != "successes" else w["col_successes"],
                min_value=0,
                step=1,
                format="%d",
            ),
            "nobs": st.column_config.NumberColumn(
                i18n.label(m.trials, lang) if m.trials != "trials" else w["col_trials"],
                min_value=0,
                step=1,
                format="%d",
            ),
        },
    )
    rows = edited.to_dict("records") if isinstance(edited, pd.DataFrame) else []
    arm_set = ex.arms_from_counts(rows, metric_key)
    arms = tuple({"label": a.label, "count": a.count, "nobs": a.nobs} for a in arm_set.arms)
    return arm_set, ex.ExperimentDefinition("counts", metric_key, arms), None


# --- showing a result ---------------------------------------------------------------------------------------
def outcome(r: abtest.ABResult) -> str:
    """The result word for a comparison: never "better"/"worse" unless the test says significant."""
    if r.srm_flag:
        return "split"
    if not r.enough_data or r.p_value is None:
        return "not_enough"
    if r.significant and r.lift_abs is not None:
        better = r.alternative == "larger" or (r.alternative == "two-sided" and r.lift_abs > 0)
        return "better" if better else "worse"
    return "unclear"


def verdict_box(r: abtest.ABResult) -> None:
    text = abtest.verdict_text(r, lang)
    kind = outcome(r)
    if kind == "better":
        st.success(text, icon=":material/check_circle:")
    elif kind == "worse":
        st.error(text, icon=":material/trending_down:")
    elif kind in ("split", "not_enough"):
        st.warning(text, icon=":material/hourglass_empty:" if kind == "not_enough" else ":material/warning:")
    else:
        st.info(text, icon=":material/balance:")


def summary_box(e: ex.Experiment) -> None:
    """More than two arms: one summary of every comparison, the full verdicts in an expander."""
    groups: dict[str, list[str]] = {"better": [], "worse": [], "unclear": [], "not_enough": [], "split": []}
    for i, r in enumerate(e.comparisons, start=1):
        groups[outcome(r)].append(arm_name(i, r.label_b))
    method = abtest.ADJUST_METHOD_NAMES.get(e.adjustment or "holm", "")
    lines = [
        w["sum_head"].format(
            a=arm_name(0, e.arms[0].label),
            n=len(groups["better"]) + len(groups["worse"]),
            m=len(e.comparisons),
            method=method,
        )
    ]
    lines += [w[f"sum_{k}"].format(arms=", ".join(v)) for k, v in groups.items() if v]
    text = "\n".join(f"- {line}" if i else line for i, line in enumerate(lines))
    if groups["split"] or groups["not_enough"]:
        st.warning(text, icon=":material/hourglass_empty:")
    elif groups["better"] or groups["worse"]:
        st.success(text, icon=":material/check_circle:")
    else:
        st.info(text, icon=":material/balance:")
    with st.expander(w["sum_each"]):
        for r in e.comparisons:
            st.markdown("- " + abtest.verdict_text(r, lang).replace("$", "\\$"))


def show_result(e: ex.Experiment, metric_key: str) -> None:
    m = ex.metric(metric_key)
    trials_word = ex.unit(m.trials, lang)
    level = level_text(e.ci_level)
    arms = e.arms
    comps = e.comparisons
    st.subheader(w["result"])
    if e.srm_p_value is not None and e.srm_flag and len(arms) > 2:  # with two arms the verdict says it
        observed = " / ".join(
            i18n.percent(a.nobs / max(1, sum(x.nobs or 0 for x in arms)), lang, 1) for a in arms if a.nobs is not None
        )
        planned = " / ".join(i18n.percent(s, lang, 1) for s in e.shares)
        st.warning(
            w["srm"].format(observed=observed, planned=planned, p=small_p(e.srm_p_value)),
            icon=":material/call_split:",
        )
    if len(arms) == 2:
        verdict_box(comps[0])
    else:
        summary_box(e)

    # KPI cards
    if len(arms) == 2:
        r = comps[0]
        cols = st.columns(5)
        arm_cards(cols[:2], e, trials_word, level)
        cols[2].metric(
            w["card_rel"],
            i18n.signed_percent(r.lift_rel, lang, 1),
            border=True,
            help=w["help_diff"].format(
                level=level,
                low=pp(r.ci_low, unit=False),
                high=pp(r.ci_high, unit=False),
            ),
        )
        cols[3].metric(w["card_p"], p_text(r.p_value), border=True, help=p_help(r))
        cols[4].metric(
            w["card_chance"].format(a="A", b="B"),
            chance_text(r.chance_b_beats_a),
            border=True,
            help=w["help_chance"].format(a=r.label_a, b=r.label_b),
        )
    else:
        per_row = min(len(arms), 4)
        for start in range(0, len(arms), per_row):
            cols = st.columns(per_row)
            arm_cards(cols[: len(arms[start : start + per_row])], e, trials_word, level, offset=start)
        st.dataframe(comparison_table(e), hide_index=True, width="stretch")

    # charts
    left, right = st.columns(2)
    left.altair_chart(rates_chart(e, metric_key, level), width="stretch")
    right.altair_chart(diff_chart(e, metric_key, level), width="stretch")

    for f in e.notes:
        st.caption(":material/info: " + ex.finding_text(f, metric_key, lang))
    with st.expander(w["details"]):
        st.dataframe(counts_table(e, metric_key), hide_index=True, width="stretch")
        if len(arms) == 2:
            st.dataframe(comparison_table(e), hide_index=True, width="stretch")
        if e.srm_p_value is not None and not e.srm_flag:
            observed = " / ".join(
                i18n.percent((a.nobs or 0) / max(1, sum(x.nobs or 0 for x in arms)), lang, 1) for a in arms
            )
            st.caption(w["srm_ok"].format(observed=observed, p=small_p(e.srm_p_value)))
        elif not e.split_checked:
            st.caption(w["srm_off"])
        st.caption(w["method"])


def small_p(p: float) -> str:
    """A p-value that may be tiny: ``0,0123`` or ``< 0,0001``."""
    if p >= 1e-4:
        return i18n.number(p, lang, 4)
    return "< " + i18n.number(0.0001, lang, 4)


def p_help(r: abtest.ABResult) -> str:
    test = w["test_fisher"] if r.test == "fisher" else w["test_z"]
    alpha = i18n.number(r.alpha, lang, 2)
    if r.adjustment and r.adjusted_over:
        return w["help_p_adj"].format(
            test=test,
            m=r.adjusted_over,
            method=abtest.ADJUST_METHOD_NAMES[r.adjustment],
            adjusted=p_text(r.p_value_adjusted),
            alpha=alpha,
        )
    return w["help_p"].format(test=test, alpha=alpha)


def arm_cards(cols: Any, e: ex.Experiment, trials_word: str, level: str, offset: int = 0) -> None:
    for i, col in enumerate(cols):
        j = offset + i
        a = e.arms[j]
        interval = e.intervals[j]
        delta = None
        colour = "off"
        if j > 0:
            r = e.comparisons[j - 1]
            delta = delta_text(pp(r.lift_abs)) + " " + w["vs_a"]
            colour = "normal" if outcome(r) in ("better", "worse") else "off"  # grey unless significant
        col.metric(
            arm_name(j, a.label),
            pct(a.rate),
            delta=delta,
            delta_color=colour,
            border=True,
            help=w["help_rate"].format(
                label=a.label,
                count=i18n.number(a.count, lang),
                nobs=i18n.number(a.nobs, lang),
                trials=trials_word,
                level=level,
                low=pct(interval[0]) if interval else i18n.MISSING,
                high=pct(interval[1]) if interval else i18n.MISSING,
            ),
        )


def arm_name(j: int, label: str) -> str:
    """``B · Carousel`` (just ``B`` when the label is the letter itself)."""
    letter = chr(ord("A") + j) if j < 26 else str(j + 1)
    return letter if label == letter else f"{letter} · {label}"


def comparison_table(e: ex.Experiment) -> pd.DataFrame:
    rows = []
    for i, r in enumerate(e.comparisons, start=1):
        rows.append(
            {
                w["col_arm"]: arm_name(i, r.label_b),
                w["col_rate"]: pct(r.rate_b),
                w["col_diff"]: pp(r.lift_abs),
                w["col_rel"]: i18n.signed_percent(r.lift_rel, lang, 1),
                w["col_diff_interval"]: f"{pp(r.ci_low, unit=False)} … {pp(r.ci_high, unit=False)}"
                if r.ci_low is not None
                else i18n.MISSING,
                w["col_p"]: p_text(r.p_value),
                **({w["col_p_adj"]: p_text(r.p_value_adjusted)} if e.adjustment else {}),
                w["col_chance"]: chance_text(r.chance_b_beats_a),
                w["col_result"]: w[f"r_{outcome(r)}"],
            }
        )
    return pd.DataFrame(rows)


def counts_table(e: ex.Experiment, metric_key: str) -> pd.DataFrame:
    m = ex.metric(metric_key)
    succ = i18n.label(m.successes, lang) if m.successes != "successes" else w["col_successes"]
    trials = i18n.label(m.trials, lang) if m.trials != "trials" else w["col_trials"]
    rows = []
    for a, interval in zip(e.arms, e.intervals, strict=True):
        row = {
            w["col_arm"]: a.label,
            succ: i18n.number(a.count, lang),
            trials: i18n.number(a.nobs, lang),
            w["col_rate"]: pct(a.rate),
            w["col_interval"]: f"{pct(interval[0])} … {pct(interval[1])}" if interval else i18n.MISSING,
        }
        if e.arm_set.source != "counts":
            row[w["col_rows"]] = i18n.number(a.rows, lang)
            row[w["col_left_out"]] = i18n.number(a.rows_left_out, lang)
            row[w["col_dates"]] = i18n.date_range(a.first, a.last, lang) if a.first and a.last else i18n.MISSING
        rows.append(row)
    return pd.DataFrame(rows)


def rates_chart(e: ex.Experiment, metric_key: str, level: str) -> Any:
    m = ex.metric(metric_key)
    trials_word = ex.unit(m.trials, lang)
    succ_word = ex.unit(m.successes, lang)
    frame = pd.DataFrame(
        {
            "arm": [arm_name(i, a.label) for i, a in enumerate(e.arms)],
            "role": [w["r_control"] if i == 0 else w["r_variant"] for i in range(len(e.arms))],
            "is_control": [i == 0 for i in range(len(e.arms))],
            "rate": [a.rate for a in e.arms],
            "low": [iv[0] if iv else None for iv in e.intervals],
            "high": [iv[1] if iv else None for iv in e.intervals],
            "rate_text": [pct(a.rate) for a in e.arms],
            "interval_text": [f"{pct(iv[0])} … {pct(iv[1])}" if iv else i18n.MISSING for iv in e.intervals],
            "counts_text": [
                f"{i18n.number(a.count, lang)} {succ_word} / {i18n.number(a.nobs, lang)} {trials_word}" for a in e.arms
            ],
        }
    )
    return charts.arm_rates(
        frame,
        lang=lang,
        title=w["chart_rates"].format(metric=metric_short(metric_key), level=level),
        x_title=metric_short(metric_key),
        role_title=w["col_arm"],
        tooltip_titles={"rate": w["tt_rate"], "interval": w["tt_interval"], "counts": w["tt_counts"]},
    )


def diff_chart(e: ex.Experiment, metric_key: str, level: str) -> Any:
    rows = []
    for i, r in enumerate(e.comparisons, start=1):
        kind = outcome(r)
        key = kind if kind in ("better", "worse") else "unclear"
        rows.append(
            {
                "arm": arm_name(i, r.label_b),
                "diff": r.lift_abs,
                "low": r.ci_low,
                "high": r.ci_high,
                "status": w[f"r_{kind}"],
                "status_key": key,
                "diff_text": pp(r.lift_abs),
                "interval_text": f"{pp(r.ci_low)} … {pp(r.ci_high)}" if r.ci_low is not None else i18n.MISSING,
                "p_text": p_text(r.p_value_adjusted if r.adjustment else r.p_value),
            }
        )
    frame = pd.DataFrame(rows)
    return charts.differences(
        frame,
        lang=lang,
        title=w["chart_diff"].format(a=arm_name(0, e.arms[0].label), level=level),
        x_title=w["axis_diff"].format(metric=metric_short(metric_key)),
        status_title=w["status"],
        tooltip_titles={"diff": w["tt_diff"], "interval": w["tt_interval"], "p": w["tt_p"]},
    )


# --- saving -----------------------------------------------------------------------------------------------
def save_box(definition: ex.ExperimentDefinition, labels: list[str]) -> None:
    with st.container(border=True):
        st.markdown(f"**{w['save_title']}**")
        ss = st.session_state
        auto = " vs ".join(labels)[:200]
        if not ss.get("ab_name") or ss.get("ab_name") == ss.get("ab_name_auto"):
            ss["ab_name"] = auto  # follow the chosen variants until the user types a name
            ss["ab_name_auto"] = auto
        c1, c2 = st.columns([5, 1], vertical_alignment="bottom")
        name = c1.text_input(w["name"], key="ab_name", max_chars=200)
        if c2.button(
            w["save"], type="primary", icon=":material/save:", key="ab_save", disabled=not (name or "").strip()
        ):
            try:
                view.store.add_ab_test(str(name).strip(), definition.metric, definition.to_json())
            except SmoError as exc:
                st.error(w["save_failed"].format(error=exc))
            else:
                st.session_state["ab_flash"] = ("success", w["saved"].format(name=str(name).strip()))
                st.rerun()


# --- the sample-size planner ------------------------------------------------------------------------------
def planner(e: ex.Experiment | None, metric_key: str, daily: float | None, arms_count: int) -> None:
    st.subheader(w["planner"])
    st.caption(w["planner_intro"])
    m = ex.metric(metric_key)
    control_rate = e.arms[0].rate if e is not None and e.arm_set.ok else None
    base_default = round(control_rate * 100, 2) if control_rate and 0 < control_rate < 1 else 2.0
    signature = f"{metric_key}|{base_default}|{arms_count}|{round(daily or 0)}"
    c = st.columns(5, vertical_alignment="bottom")
    baseline = c[0].number_input(
        w["baseline"],
        min_value=0.01,
        max_value=99.0,
        value=base_default,
        step=0.1,
        format="%.2f",
        key=f"ab_pb_{signature}",
    )
    mde = c[1].number_input(
        w["mde"], min_value=1.0, max_value=500.0, value=10.0, step=1.0, format="%.0f", key="ab_pmde"
    )
    power = c[2].number_input(
        w["power"],
        min_value=50.0,
        max_value=99.0,
        value=80.0,
        step=5.0,
        format="%.0f",
        key="ab_ppow",
        help=w["power_help"],
    )
    arms_n = c[3].number_input(
        w["arms"], min_value=2, max_value=ex.MAX_ARMS, value=max(2, arms_count), step=1, key=f"ab_parms_{arms_count}"
    )
    daily_in = c[4].number_input(
        w["daily"],
        min_value=0.0,
        value=float(round(daily)) if daily else None,
        step=100.0,
        format="%.0f",
        key=f"ab_pdaily_{signature}",
        help=w["daily_help"],
    )
    alpha = 1 - float(st.session_state.get("ab_alpha", 0.95))
    alternative = st.session_state.get("ab_alt", "two-sided")
    try:
        plan = ex.plan_experiment(
            float(baseline) / 100,
            float(mde) / 100,
            alpha=alpha,
            power=float(power) / 100,
            arms=int(arms_n),
            daily_trials=float(daily_in) if daily_in else None,
            alternative=alternative,
        )
    except SmoError:
        st.warning(w["plan_bad"])
        return
    k = st.columns(3)
    k[0].metric(w["plan_n"], i18n.number(plan.n_per_arm, lang), border=True)
    k[1].metric(w["plan_total"], i18n.number(plan.n_total, lang), border=True)
    k[2].metric(
        w["plan_days"], f"{i18n.number(plan.days, lang)} {w['days_unit']}" if plan.days else i18n.MISSING, border=True
    )
    multi = ""
    if plan.arms > 2:
        multi = w["plan_multi"].format(m=plan.arms - 1, alpha=i18n.number(plan.alpha_per_comparison, lang, 3))
    st.caption(
        w["plan_caption"].format(
            base=pct(plan.baseline),
            target=pct(plan.baseline + plan.mde),
            mde=i18n.signed_percent(float(mde) / 100, lang, 0),
            power=i18n.percent(plan.power, lang, 0),
            conf=i18n.percent(1 - alpha, lang, 0),
            multi=multi,
        )
    )
    if daily and daily_in:
        st.caption(
            w["daily_from_ads"].format(n=i18n.number(daily, lang), trials=ex.unit(m.trials, lang), days=ex.RECENT_DAYS)
        )
    elif not daily_in:
        st.caption(w["daily_unknown"])
    if e is not None and e.arm_set.ok and control_rate and 0 < control_rate < 1:
        n_now = min(a.nobs or 0 for a in e.arms)
        if n_now > 0:
            try:
                found = abtest.minimum_detectable_effect(control_rate, n_now, alpha=alpha, power=float(power) / 100)
            except SmoError:
                found = math.nan
            if math.isfinite(found):
                st.caption(
                    w["current_mde"].format(
                        n=i18n.number(n_now, lang),
                        base=pct(control_rate),
                        target=pct(control_rate + found),
                        rel=i18n.signed_percent(found / control_rate, lang, 1),
                    )
                )


# --- the page -------------------------------------------------------------------------------------------------
st.caption(w["intro"])
flash = st.session_state.pop("ab_flash", None)
if flash:
    (st.success if flash[0] == "success" else st.error)(flash[1])
saved_tests_box()

with st.container(border=True):
    default_source = "ads" if not ads.empty else ("posts" if not posts.empty else "counts")
    c1, c2 = st.columns([2, 3])
    st.session_state.setdefault("ab_source", default_source)
    source = c1.segmented_control(
        w["source"], list(ex.SOURCES), format_func=lambda k: w[SOURCE_WORD[k]], key="ab_source", required=True
    )
    source = source or default_source
    metric_options = ex.metrics_for(source)
    if source == "posts":  # engagement first, in the workspace's own definition (Settings)
        preferred = f"engagement_rate_by_{view.er_basis}"
        metric_options.sort(key=lambda k: (k != preferred, k not in ex.ENGAGEMENT_METRICS))
    metric_key = c2.selectbox(w["metric"], metric_options, format_func=lambda k: w[f"m_{k}"], key=f"ab_metric_{source}")
    metric_key = metric_key or metric_options[0]
    chooser = {"ads": choose_ads, "posts": choose_posts, "counts": choose_counts}[source]
    arm_set, definition, daily = chooser(metric_key)

    with st.expander(w["settings"]):
        s1, s2, s3 = st.columns(3)
        st.session_state.setdefault("ab_alpha", 0.95)
        confidence = s1.segmented_control(
            w["confidence"],
            list(CONFIDENCES),
            format_func=lambda c: i18n.percent(c, lang, 0),
            key="ab_alpha",
            required=True,
        )
        alternative = s2.selectbox(
            w["question"], list(abtest.ALTERNATIVES), format_func=lambda k: w[f"q_{k}"], key="ab_alt"
        )
        n_arms = len(arm_set.arms) if arm_set is not None else 2
        method = s3.selectbox(
            w["adjust"],
            list(abtest.ADJUST_METHODS),
            format_func=lambda k: w[f"adj_{k}"],
            key="ab_adjust",
            disabled=n_arms <= 2,
        )
        shares: list[float] = []
        st.session_state.setdefault(f"ab_check_{source}", source != "posts")
        check_split = st.toggle(w["check_split"], key=f"ab_check_{source}", help=w["check_split_help"])
        if check_split and arm_set is not None and len(arm_set.arms) >= 2:
            share_cols = st.columns(min(len(arm_set.arms), 5))
            n = len(arm_set.arms)
            for i in range(n):
                st.session_state.setdefault(f"ab_share_{n}_{i}", round(100 / n, 1))
                shares.append(
                    share_cols[i % len(share_cols)].number_input(
                        f"{w['split']} · {chr(ord('A') + i)}",
                        min_value=1.0,
                        max_value=99.0,
                        step=1.0,
                        format="%.1f",
                        key=f"ab_share_{n}_{i}",
                        help=w["split_help"],
                    )
                )

experiment: ex.Experiment | None = None
if arm_set is not None and definition is not None:
    alpha = 1 - float(confidence or 0.95)
    if len(arm_set.arms) < 2:
        st.info(w["pick_two"], icon=":material/science:")
    elif arm_set.source == "counts" and all(a.problem == "blank" for a in arm_set.arms):
        m = ex.metric(metric_key)
        st.info(w["type_numbers"].format(successes=ex.unit(m.successes, lang), trials=ex.unit(m.trials, lang)))
    else:
        try:
            experiment = ex.run_experiment(
                arm_set, alpha, alternative or "two-sided", method or "holm", shares or None, bool(check_split)
            )
        except SmoError as exc:
            st.error(w["bad_input"].format(error=exc))
        if experiment is not None and experiment.problems:
            st.subheader(w["result"])
            st.error(
                f"**{w['refused']}**\n\n"
                + "\n".join(f"- {ex.finding_text(f, metric_key, lang)}" for f in experiment.problems),
                icon=":material/block:",
            )
        elif experiment is not None:
            show_result(experiment, metric_key)
            equal = len({round(s, 6) for s in shares}) <= 1
            saved_def = ex.ExperimentDefinition(
                definition.source,
                definition.metric,
                definition.arms,
                definition.level,
                definition.start,
                definition.end,
                alpha,
                str(alternative or "two-sided"),
                str(method or "holm"),
                None if equal else tuple(s / 100 for s in shares),
                bool(check_split),
            )
            save_box(saved_def, [a.label for a in arm_set.arms])

planner(experiment, metric_key, daily, len(arm_set.arms) if arm_set is not None else 2)
