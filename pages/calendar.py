"""Calendar page: published posts and the content plan by month or week, cadence, plan editor, export.

The page draws; :mod:`smo_metrics.plan` computes: which plan each post fulfilled and the state of
every plan (:func:`~smo_metrics.plan.match_plans`), the items and days of the calendar, the
period's counts, posts per ISO week with gaps (:func:`~smo_metrics.plan.weekly_cadence`), caption
limits (:func:`~smo_metrics.plan.check_caption`), the distance of a planned slot from the best
slots (:func:`~smo_metrics.plan.slot_check`) and the CSV / Excel exports. Holidays and shopping
days come from :func:`smo_metrics.calendar.calendar_events`.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Final

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.charts import calendar as charts
from dashboard.pages import page_title
from smo_metrics import i18n, plan
from smo_metrics.calendar import calendar_events
from smo_metrics.errors import DataError, UsageError

log = logging.getLogger(__name__)

PLAN_PLATFORMS: Final = ("instagram", "facebook", "tiktok", "x", "linkedin", "youtube")
FORMATS: Final[dict[str, tuple[str, ...]]] = {
    "instagram": ("reel", "carousel", "image", "story"),
    "facebook": ("photo", "reel", "video", "link", "text"),
    "tiktok": ("video", "photo"),
    "x": ("text", "image", "video"),
    "linkedin": ("image", "text", "video", "document", "article"),
    "youtube": ("short", "video", "live"),
}
STATUSES: Final = ("planned", "published", "cancelled")
METRIC: Final = "engagement_rate_by_reach"

WORDS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "intro": "Published posts and the content plan day by day, with Indonesian holidays and shopping days. "
        "Times in {tz}.",
        "view": "View",
        "month": "Month",
        "week": "Week",
        "prev": "Previous",
        "next": "Next",
        "today": "Today",
        "go_to": "Go to date",
        "week_title": "Week {week} · {range}",
        "kpi_posts": "Posts",
        "kpi_posts_help": "Posts published on the days shown (all platforms in the filter), whether planned or not.",
        "kpi_hit": "As planned",
        "kpi_hit_help": "Plans that went out ÷ plans whose time has passed and that the data covers "
        "({published} of {due}). Upcoming, cancelled and not-yet-imported days are left out.",
        "kpi_missed": "Not published",
        "kpi_missed_help": "Plans whose time has passed, on days the imported data covers, with no matching post.",
        "kpi_upcoming": "Coming up",
        "kpi_upcoming_help": "Plans whose time is still ahead.",
        "kpi_cancelled": "Cancelled",
        "kpi_cancelled_help": "Plans marked cancelled.",
        "vs_prev_month": "vs last month",
        "vs_prev_week": "vs last week",
        "legend": "● published (as planned or not) · ○ planned · ◇ planned, data not imported yet · "
        "red ring = planned, not published · ✕ cancelled. Red day numbers: Sundays and public holidays; "
        "tinted days: red holiday, amber shopping day, green season (Ramadan, Lebaran, year-end).",
        "no_data_note": "{n} plans from {start} on cannot be checked yet: the imported exports end on {end}. "
        "Import newer exports on the **Data** page to see whether they went out.",
        "no_posts": "No posts imported yet, so the calendar shows only plans and holidays. Import the post "
        "exports on the **Data** page: Meta Business Suite content export (Instagram, Facebook), TikTok Studio "
        "Content, X analytics, LinkedIn content, YouTube Studio Content.",
        "no_plans": "No plans in the workspace yet. Add one with the editor below.",
        "missed_title": "Planned, not published ({n})",
        "missed_caption": "Plans whose time passed on a day the data covers, with no post on the same platform "
        "within {hours} hours (or on the same day for exports that give only dates).",
        "events_title": "Holidays and shopping days",
        "no_events": "No holiday or shopping day in this period.",
        "col_day": "Day",
        "col_time": "Time",
        "col_platform": "Platform",
        "col_format": "Format",
        "col_caption": "Caption",
        "col_notes": "Notes",
        "col_state": "Status",
        "col_event": "Event",
        "col_kind": "Kind",
        "kind_public_holiday": "Public holiday",
        "kind_joint_holiday": "Collective leave (cuti bersama)",
        "kind_observance": "Observance",
        "kind_shopping_day": "Shopping day",
        "kind_season": "Season",
        "estimated": " (estimated)",
        "cadence_title": "Posting cadence",
        "cadence_caption": "Posts per platform per ISO week (Monday–Sunday) in the date range of the sidebar "
        "({range}). A red cell is a gap: a week without a post on a platform that posted in at least half "
        "of its previous 12 weeks (median ≥ 1 a week). Grey: the week is not fully covered by the "
        "imported data, so it is never called a gap.",
        "cadence_empty": "No posts in this date range. Cadence needs the post exports of each platform.",
        "gaps_found": "Gaps: {list}.",
        "gap_item": "{platform} in the week of {week} (usually {usual} a week)",
        "no_gaps": "No gaps: every platform that usually posts did so every fully covered week.",
        "col_weeks": "Weeks covered",
        "col_posts": "Posts",
        "col_per_week": "Posts per week",
        "col_gaps": "Gaps",
        "editor_title": "Plan editor",
        "editor_pick": "Plan",
        "editor_new": "+ New plan",
        "editor_caption_help": "For YouTube the first line is the title, the rest the description.",
        "f_date": "Date",
        "f_time": "Time ({tz})",
        "f_platform": "Platform",
        "f_format": "Format",
        "f_caption": "Caption",
        "f_hashtags": "Hashtags",
        "f_hashtags_help": "Separated by spaces, e.g. #kopisenja #ngopi",
        "f_status": "Status",
        "f_campaign": "Campaign",
        "f_notes": "Notes",
        "status_planned": "Planned",
        "status_published": "Published",
        "status_cancelled": "Cancelled",
        "save_new": "Add to plan",
        "save_edit": "Save changes",
        "delete": "Delete plan",
        "saved": "Saved: {platform} on {when}.",
        "deleted": "Plan deleted.",
        "save_failed": "Could not save the plan: {error}",
        "length": "{field}: {length} of {limit} {unit}",
        "unit_x_weighted": "characters as X counts them (emoji and CJK count 2, links 23)",
        "unit_utf16": "characters (UTF-16 units, as TikTok counts)",
        "unit_chars": "characters",
        "unit_utf8_bytes": "bytes (UTF-8)",
        "field_caption": "Caption",
        "field_title": "Title (first line)",
        "field_description": "Description",
        "too_long": "{field} is too long for {platform}: {length} of {limit} {unit}. Source: {source}.",
        "too_many_hashtags": "{count} hashtags: {platform} takes at most {limit}. Source: {source}.",
        "angle_brackets": "YouTube does not accept < or > in titles and descriptions.",
        "note_x_caption": "X Premium accounts may post up to 25,000 characters.",
        "note_tiktok_caption": "The TikTok app itself accepts up to 4,000 characters for many accounts; 2,200 is "
        "what scheduling tools (which post through TikTok's API) can send.",
        "note_instagram_hashtags": "Until December 2025 the limit was 30.",
        "store_limit": "The workspace keeps at most {limit} characters per field ({length} given): shorten it to save.",
        "slot_no_posts": "No {platform} posts with a posting hour yet, so the slot cannot be compared with past posts.",
        "slot_no_hours": "The {platform} exports give only the date of each post, not the hour, so the best "
        "posting hour for {platform} cannot be worked out.",
        "slot_no_best": "Not enough {platform} posts in the last {weeks} weeks to name the best slots "
        "(each needs at least {min_posts} posts).",
        "slot_best": "{slot} is one of the best {platform} slots of the last {weeks} weeks ({metric}).",
        "slot_close": "{hours} h from the best slot {nearest}. Best {platform} slots of the last {weeks} weeks "
        "({metric}): {best}.",
        "slot_far": "{slot} is {hours} hours from the nearest best slot ({nearest}). Best {platform} slots of the "
        "last {weeks} weeks ({metric}): {best}. This slot: {posts} posts, mean {mean}.",
        "slot_far_untested": "No {platform} post went out on {slot} in the last {weeks} weeks: it is untested, "
        "not bad. The best tested slots ({metric}) are {best}, the nearest {hours} hours away.",
        "slot_evidence": "{slot} ({posts} posts, mean {mean})",
        "export_title": "Export the plan",
        "export_range": "Plans from – to",
        "export_csv": "Download CSV",
        "export_xlsx": "Download Excel",
        "export_count": "{n} plans in this range.",
        "export_empty": "No plans in this range.",
        "ex_date": "Date",
        "ex_time": "Time",
        "ex_platform": "Platform",
        "ex_account": "Account",
        "ex_post_type": "Format",
        "ex_caption": "Caption",
        "ex_hashtags": "Hashtags",
        "ex_status": "Status (plan)",
        "ex_state": "Status (checked against the data)",
        "ex_campaign": "Campaign",
        "ex_notes": "Notes",
        "ex_published_post_id": "Post id (given)",
        "ex_matched_post_id": "Post id (matched)",
        "ex_plan_id": "Plan id",
        "error": "This part of the page could not be drawn because of an unexpected error on our side. "
        "The details are in the server log.",
        "state_published_planned": "Published as planned",
        "state_published_unplanned": "Published (not in the plan)",
        "state_published": "Published",
        "state_upcoming": "Planned",
        "state_missed": "Planned, not published",
        "state_not_found": "Marked published, but the post is not in the data",
        "state_no_data": "Planned, data not imported yet",
        "state_cancelled": "Cancelled",
        "no_hour": "no hour in the export",
        "tt_day": "Day",
        "tt_time": "Time",
        "tt_platform": "Platform",
        "tt_format": "Format",
        "tt_state": "Status",
        "tt_planned_at": "Planned for",
        "tt_caption": "Caption",
        "tt_campaign": "Campaign",
        "tt_notes": "Notes",
        "tt_published": "Published",
        "tt_as_planned": "… as planned",
        "tt_planned": "Planned (open)",
        "tt_missed": "Planned, not published",
        "tt_events": "Holidays & events",
        "tt_week": "Week",
        "tt_posts": "Posts",
        "tt_usual": "Usual per week",
        "week_short": "W",
        "cad_gap": "Gap: no post, though this platform usually posts",
        "cad_partial": "Week not fully covered by the imported data",
        "cad_ok": "Covered by the data",
    },
    "id": {
        "intro": "Postingan yang sudah tayang dan rencana konten per hari, lengkap dengan hari libur nasional dan "
        "hari belanja. Waktu dalam {tz}.",
        "view": "Tampilan",
        "month": "Bulanan",
        "week": "Mingguan",
        "prev": "Sebelumnya",
        "next": "Berikutnya",
        "today": "Hari ini",
        "go_to": "Ke tanggal",
        "week_title": "Minggu ke-{week} · {range}",
        "kpi_posts": "Postingan",
        "kpi_posts_help": "Postingan yang tayang pada hari-hari yang ditampilkan (semua platform dalam filter), "
        "direncanakan atau tidak.",
        "kpi_hit": "Sesuai rencana",
        "kpi_hit_help": "Rencana yang tayang ÷ rencana yang waktunya sudah lewat dan tercakup data "
        "({published} dari {due}). Rencana mendatang, dibatalkan, dan hari yang datanya belum diimpor tidak "
        "dihitung.",
        "kpi_missed": "Tidak tayang",
        "kpi_missed_help": "Rencana yang waktunya sudah lewat, pada hari yang tercakup data, tanpa postingan "
        "yang cocok.",
        "kpi_upcoming": "Akan datang",
        "kpi_upcoming_help": "Rencana yang waktunya belum tiba.",
        "kpi_cancelled": "Dibatalkan",
        "kpi_cancelled_help": "Rencana berstatus dibatalkan.",
        "vs_prev_month": "vs bulan lalu",
        "vs_prev_week": "vs minggu lalu",
        "legend": "● tayang (sesuai rencana atau tidak) · ○ direncanakan · ◇ direncanakan, data belum diimpor · "
        "lingkaran merah = direncanakan, tidak tayang · ✕ dibatalkan. Tanggal merah: hari Minggu dan libur "
        "nasional; warna hari: merah libur, kuning hari belanja, hijau musim (Ramadan, Lebaran, akhir tahun).",
        "no_data_note": "{n} rencana sejak {start} belum bisa dicek: ekspor yang diimpor berakhir pada {end}. "
        "Impor ekspor terbaru di halaman **Data** untuk melihat apakah sudah tayang.",
        "no_posts": "Belum ada postingan yang diimpor, jadi kalender hanya menampilkan rencana dan hari libur. "
        "Impor ekspor postingan di halaman **Data**: ekspor konten Meta Business Suite (Instagram, Facebook), "
        "TikTok Studio Content, analitik X, konten LinkedIn, YouTube Studio Content.",
        "no_plans": "Belum ada rencana di workspace. Tambahkan lewat editor di bawah.",
        "missed_title": "Direncanakan, tidak tayang ({n})",
        "missed_caption": "Rencana yang waktunya sudah lewat pada hari yang tercakup data, tanpa postingan di "
        "platform yang sama dalam {hours} jam (atau pada hari yang sama untuk ekspor yang hanya memberi tanggal).",
        "events_title": "Hari libur dan hari belanja",
        "no_events": "Tidak ada hari libur atau hari belanja pada periode ini.",
        "col_day": "Hari",
        "col_time": "Waktu",
        "col_platform": "Platform",
        "col_format": "Format",
        "col_caption": "Keterangan",
        "col_notes": "Catatan",
        "col_state": "Status",
        "col_event": "Acara",
        "col_kind": "Jenis",
        "kind_public_holiday": "Libur nasional",
        "kind_joint_holiday": "Cuti bersama",
        "kind_observance": "Hari peringatan",
        "kind_shopping_day": "Hari belanja",
        "kind_season": "Musim",
        "estimated": " (perkiraan)",
        "cadence_title": "Ritme posting",
        "cadence_caption": "Postingan per platform per minggu ISO (Senin–Minggu) dalam rentang tanggal di "
        "sidebar ({range}). Sel merah = minggu kosong: minggu tanpa postingan di platform yang biasanya posting "
        "paling tidak separuh dari 12 minggu sebelumnya (median ≥ 1 per minggu). Abu-abu: minggu itu belum "
        "tercakup penuh oleh data yang diimpor, jadi tidak pernah dianggap kosong.",
        "cadence_empty": "Tidak ada postingan dalam rentang tanggal ini. Ritme posting memerlukan ekspor "
        "postingan tiap platform.",
        "gaps_found": "Minggu kosong: {list}.",
        "gap_item": "{platform} pada minggu {week} (biasanya {usual} per minggu)",
        "no_gaps": "Tidak ada kekosongan: setiap platform yang biasanya posting tetap posting di setiap minggu "
        "yang tercakup penuh.",
        "col_weeks": "Minggu tercakup",
        "col_posts": "Postingan",
        "col_per_week": "Postingan per minggu",
        "col_gaps": "Minggu kosong",
        "editor_title": "Editor rencana",
        "editor_pick": "Rencana",
        "editor_new": "+ Rencana baru",
        "editor_caption_help": "Untuk YouTube, baris pertama adalah judul dan sisanya deskripsi.",
        "f_date": "Tanggal",
        "f_time": "Jam ({tz})",
        "f_platform": "Platform",
        "f_format": "Format",
        "f_caption": "Keterangan",
        "f_hashtags": "Tagar",
        "f_hashtags_help": "Pisahkan dengan spasi, mis. #kopisenja #ngopi",
        "f_status": "Status",
        "f_campaign": "Kampanye",
        "f_notes": "Catatan",
        "status_planned": "Direncanakan",
        "status_published": "Tayang",
        "status_cancelled": "Dibatalkan",
        "save_new": "Tambahkan ke rencana",
        "save_edit": "Simpan perubahan",
        "delete": "Hapus rencana",
        "saved": "Tersimpan: {platform} pada {when}.",
        "deleted": "Rencana dihapus.",
        "save_failed": "Rencana tidak dapat disimpan: {error}",
        "length": "{field}: {length} dari {limit} {unit}",
        "unit_x_weighted": "karakter menurut hitungan X (emoji dan huruf CJK dihitung 2, tautan 23)",
        "unit_utf16": "karakter (unit UTF-16, cara TikTok menghitung)",
        "unit_chars": "karakter",
        "unit_utf8_bytes": "byte (UTF-8)",
        "field_caption": "Keterangan",
        "field_title": "Judul (baris pertama)",
        "field_description": "Deskripsi",
        "too_long": "{field} terlalu panjang untuk {platform}: {length} dari {limit} {unit}. Sumber: {source}.",
        "too_many_hashtags": "{count} tagar: {platform} menerima paling banyak {limit}. Sumber: {source}.",
        "angle_brackets": "YouTube tidak menerima < atau > dalam judul dan deskripsi.",
        "note_x_caption": "Akun X Premium boleh memposting hingga 25.000 karakter.",
        "note_tiktok_caption": "Aplikasi TikTok sendiri menerima hingga 4.000 karakter untuk banyak akun; 2.200 adalah "
        "batas untuk alat penjadwal (yang memposting lewat API TikTok).",
        "note_instagram_hashtags": "Sampai Desember 2025 batasnya 30.",
        "store_limit": "Workspace menyimpan paling banyak {limit} karakter per kolom ({length} diisi): "
        "persingkat agar bisa disimpan.",
        "slot_no_posts": "Belum ada postingan {platform} dengan jam tayang, jadi slot ini belum bisa "
        "dibandingkan dengan postingan sebelumnya.",
        "slot_no_hours": "Ekspor {platform} hanya memberi tanggal tiap postingan, tanpa jam, jadi jam posting "
        "terbaik untuk {platform} tidak bisa dihitung.",
        "slot_no_best": "Postingan {platform} dalam {weeks} minggu terakhir belum cukup untuk menentukan slot "
        "terbaik (masing-masing perlu paling tidak {min_posts} postingan).",
        "slot_best": "{slot} termasuk slot {platform} terbaik dalam {weeks} minggu terakhir ({metric}).",
        "slot_close": "{hours} jam dari slot terbaik {nearest}. Slot {platform} terbaik dalam {weeks} minggu "
        "terakhir ({metric}): {best}.",
        "slot_far": "{slot} berjarak {hours} jam dari slot terbaik terdekat ({nearest}). Slot {platform} "
        "terbaik dalam {weeks} minggu terakhir ({metric}): {best}. Slot ini: {posts} postingan, rata-rata {mean}.",
        "slot_far_untested": "Belum ada postingan {platform} pada {slot} dalam {weeks} minggu terakhir: slot ini "
        "belum teruji, bukan berarti buruk. Slot teruji terbaik ({metric}) adalah {best}, yang terdekat "
        "berjarak {hours} jam.",
        "slot_evidence": "{slot} ({posts} postingan, rata-rata {mean})",
        "export_title": "Ekspor rencana",
        "export_range": "Rencana dari – sampai",
        "export_csv": "Unduh CSV",
        "export_xlsx": "Unduh Excel",
        "export_count": "{n} rencana dalam rentang ini.",
        "export_empty": "Tidak ada rencana dalam rentang ini.",
        "ex_date": "Tanggal",
        "ex_time": "Jam",
        "ex_platform": "Platform",
        "ex_account": "Akun",
        "ex_post_type": "Format",
        "ex_caption": "Keterangan",
        "ex_hashtags": "Tagar",
        "ex_status": "Status (rencana)",
        "ex_state": "Status (dicek dengan data)",
        "ex_campaign": "Kampanye",
        "ex_notes": "Catatan",
        "ex_published_post_id": "ID postingan (diisi)",
        "ex_matched_post_id": "ID postingan (cocok)",
        "ex_plan_id": "ID rencana",
        "error": "Bagian halaman ini tidak dapat ditampilkan karena kesalahan tak terduga di sistem kami. "
        "Detailnya ada di log server.",
        "state_published_planned": "Tayang sesuai rencana",
        "state_published_unplanned": "Tayang (di luar rencana)",
        "state_published": "Tayang",
        "state_upcoming": "Direncanakan",
        "state_missed": "Direncanakan, tidak tayang",
        "state_not_found": "Ditandai tayang, tetapi postingan tidak ada di data",
        "state_no_data": "Direncanakan, data belum diimpor",
        "state_cancelled": "Dibatalkan",
        "no_hour": "tanpa jam di ekspor",
        "tt_day": "Hari",
        "tt_time": "Jam",
        "tt_platform": "Platform",
        "tt_format": "Format",
        "tt_state": "Status",
        "tt_planned_at": "Dijadwalkan",
        "tt_caption": "Keterangan",
        "tt_campaign": "Kampanye",
        "tt_notes": "Catatan",
        "tt_published": "Tayang",
        "tt_as_planned": "… sesuai rencana",
        "tt_planned": "Direncanakan (belum tayang)",
        "tt_missed": "Direncanakan, tidak tayang",
        "tt_events": "Hari libur & acara",
        "tt_week": "Minggu",
        "tt_posts": "Postingan",
        "tt_usual": "Biasanya per minggu",
        "week_short": "M",
        "cad_gap": "Kosong: tidak ada postingan, padahal platform ini biasanya posting",
        "cad_partial": "Minggu belum tercakup penuh oleh data yang diimpor",
        "cad_ok": "Tercakup data",
    },
}


# ---------------------------------------------------------------------------------------------
# cached computations (keyed on the store's version and the filters, never on frames)


@st.cache_data(max_entries=16, show_spinner=False)
def _matched(
    key: tuple[Any, ...], tz: str, now_minute: str, _plans: pd.DataFrame, _posts: pd.DataFrame, _until: dict[str, Any]
) -> pd.DataFrame:
    return plan.match_plans(_plans, _posts, tz, now=pd.Timestamp(now_minute), until=_until)


@st.cache_data(max_entries=16, show_spinner=False)
def _prime_time(key: tuple[Any, ...], tz: str, _posts: pd.DataFrame, _until: Any) -> pd.DataFrame:
    return plan.recent_prime_time(_posts, tz, until=_until, metric=METRIC)


# ---------------------------------------------------------------------------------------------
# small helpers


def _shift(anchor: dt.date, mode: str, step: int) -> dt.date:
    if mode == "week":
        return anchor + dt.timedelta(weeks=step)
    month = anchor.month - 1 + step
    year = anchor.year + month // 12
    return dt.date(year, month % 12 + 1, 1)


def _period(anchor: dt.date, mode: str) -> tuple[dt.date, dt.date, dt.date, dt.date]:
    """(first, last) day the counts cover and (grid_start, grid_end) the chart shows."""
    if mode == "week":
        monday, sunday = plan.week_of(anchor)
        return monday, sunday, monday, sunday
    first = anchor.replace(day=1)
    last = _shift(anchor, "month", 1) - dt.timedelta(days=1)
    grid_start, grid_end = plan.month_weeks(anchor.year, anchor.month)
    return first, last, grid_start, grid_end


def _slot_text(weekday: int, hour: int, lang: str) -> str:
    return f"{i18n.weekday_name(weekday, lang, short=True)} {hour:02d}:00–{(hour + 1) % 24:02d}:00"


def _metric_text(value: float | None, lang: str) -> str:
    return (
        i18n.percent(value, lang)
        if METRIC in ("engagement_rate_by_reach", "engagement_rate_by_impressions")
        else (i18n.number(value, lang))
    )


def _signed(value: float, lang: str, decimals: int = 0, suffix: str = "") -> str:
    """A change for st.metric: an ASCII sign first (Streamlit reads the arrow from it), then the number."""
    sign = "+" if value > 0 else ("-" if value < 0 else "")
    return f"{sign}{i18n.number(abs(value), lang, decimals)}{suffix}"


def _state_words(state_: str, w: dict[str, str]) -> str:
    return w.get(f"state_{state_}", state_)


# ---------------------------------------------------------------------------------------------
# callbacks (run before the script, so the page redraws with the new state)


def _nav(step: int) -> None:
    mode = st.session_state.get("cal_view") or "month"
    st.session_state["cal_day"] = _shift(st.session_state["cal_day"], mode, step)


def _to_today(today: dt.date) -> None:
    st.session_state["cal_day"] = today


def _editor_defaults(today: dt.date) -> dict[str, Any]:
    return {
        "ed_date": today + dt.timedelta(days=1),
        "ed_time": dt.time(19, 0),
        "ed_platform": "instagram",
        "ed_format": "reel",
        "ed_caption": "",
        "ed_hashtags": "",
        "ed_status": "planned",
        "ed_campaign": "",
        "ed_notes": "",
    }


def _load_plan(store: Any, tz: str, today: dt.date) -> None:
    pid = st.session_state.get("ed_pick")
    values = _editor_defaults(today)
    if pid:
        try:
            row = store.plan(int(pid))
        except DataError:
            st.session_state["ed_pick"] = None
        else:
            local = pd.Timestamp(row["planned_at"]).tz_convert(tz)
            platform = str(row["platform"])
            values.update(
                ed_date=local.date(),
                ed_time=local.time().replace(second=0, microsecond=0),
                ed_platform=platform if platform in PLAN_PLATFORMS else "instagram",
                ed_format=row.get("post_type") or FORMATS.get(platform, ("",))[0],
                ed_caption=row.get("caption") or "",
                ed_hashtags=row.get("hashtags") or "",
                ed_status=row.get("status") or "planned",
                ed_campaign=row.get("campaign") or "",
                ed_notes=row.get("notes") or "",
            )
    st.session_state.update(values)


def _save_plan(store: Any, tz: str, lang: str) -> None:
    w = WORDS[lang]
    ss = st.session_state
    when = dt.datetime.combine(ss["ed_date"], ss["ed_time"] or dt.time(0, 0))
    fields = {
        "planned_at": when,
        "platform": ss["ed_platform"],
        "post_type": ss.get("ed_format") or None,
        "caption": ss.get("ed_caption") or None,
        "hashtags": ss.get("ed_hashtags") or None,
        "status": ss.get("ed_status") or "planned",
        "campaign": ss.get("ed_campaign") or None,
        "notes": ss.get("ed_notes") or None,
    }
    try:
        pid = ss.get("ed_pick")
        if pid:
            store.update_plan(int(pid), tz=tz, **fields)
        else:
            ss["ed_pick_new"] = store.add_plan(fields.pop("planned_at"), fields.pop("platform"), tz=tz, **fields)
    except (UsageError, DataError) as exc:
        ss["ed_flash"] = ("error", w["save_failed"].format(error=exc))
        return
    label = f"{i18n.label(ss['ed_platform'], lang)}, {i18n.date(when, lang, with_weekday=True)} {when:%H:%M}"
    ss["ed_flash"] = ("success", w["saved"].format(platform=i18n.label(ss["ed_platform"], lang), when=label))


def _delete_plan(store: Any, lang: str, today: dt.date) -> None:
    pid = st.session_state.get("ed_pick")
    if not pid:
        return
    try:
        store.delete_plan(int(pid))
    except DataError as exc:
        st.session_state["ed_flash"] = ("error", WORDS[lang]["save_failed"].format(error=exc))
        return
    st.session_state["ed_pick"] = None
    st.session_state.update(_editor_defaults(today))
    st.session_state["ed_flash"] = ("success", WORDS[lang]["deleted"])


def _platform_changed() -> None:
    platform = st.session_state.get("ed_platform") or "instagram"
    if st.session_state.get("ed_format") not in FORMATS[platform]:
        st.session_state["ed_format"] = FORMATS[platform][0]


# ---------------------------------------------------------------------------------------------
# sections


def kpis(
    matched: pd.DataFrame,
    posts: pd.DataFrame,
    tz: str,
    first: dt.date,
    last: dt.date,
    mode: str,
    lang: str,
    covered: tuple[dt.date, dt.date] | None,
) -> plan.PlanSummary:
    """The period's cards. ``covered``: first and last day any imported export covers; a post
    count for days outside it would be an invented 0, so it shows as missing."""
    w = WORDS[lang]
    now = plan.plan_summary(matched, posts, tz, first, last)
    p_first = _shift(first, mode, -1)
    p_last = first - dt.timedelta(days=1)
    before = plan.plan_summary(matched, posts, tz, p_first, p_last)

    def has_data(a: dt.date, b: dt.date) -> bool:
        return covered is not None and a <= covered[1] and b >= covered[0]

    vs = w["vs_prev_week"] if mode == "week" else w["vs_prev_month"]
    c = st.columns(5)
    posts_delta = (
        _signed(now.posts - before.posts, lang) if has_data(first, last) and has_data(p_first, p_last) else None
    )
    c[0].metric(
        w["kpi_posts"],
        i18n.number(now.posts if has_data(first, last) else None, lang),
        delta=posts_delta,
        delta_description=vs if posts_delta else None,
        help=w["kpi_posts_help"],
        border=True,
        height="stretch",
    )
    hit_delta = None
    if now.hit_rate is not None and before.hit_rate is not None:
        hit_delta = _signed((now.hit_rate - before.hit_rate) * 100, lang, 1, " pp")
    c[1].metric(
        w["kpi_hit"],
        i18n.percent(now.hit_rate, lang, 0),
        delta=hit_delta,
        delta_description=vs if hit_delta else None,
        help=w["kpi_hit_help"].format(published=now.published, due=now.due),
        border=True,
        height="stretch",
    )
    missed = now.missed + now.not_found
    missed_before = before.missed + before.not_found
    missed_delta = _signed(missed - missed_before, lang) if now.due and before.due else None
    c[2].metric(
        w["kpi_missed"],
        i18n.number(missed if now.due or missed else None, lang),
        delta=missed_delta,
        delta_color="inverse",
        delta_description=vs if missed_delta else None,
        help=w["kpi_missed_help"],
        border=True,
        height="stretch",
    )
    c[3].metric(
        w["kpi_upcoming"], i18n.number(now.upcoming, lang), help=w["kpi_upcoming_help"], border=True, height="stretch"
    )
    c[4].metric(
        w["kpi_cancelled"],
        i18n.number(now.cancelled, lang),
        help=w["kpi_cancelled_help"],
        border=True,
        height="stretch",
    )
    return now


def item_table(items: pd.DataFrame, lang: str) -> pd.DataFrame:
    w = WORDS[lang]
    return pd.DataFrame(
        {
            w["col_day"]: [i18n.date(d, lang, with_weekday=True) for d in items["date"]],
            w["col_time"]: items["time"].fillna("—").astype(str).to_numpy(),
            w["col_platform"]: [i18n.label(str(p), lang) for p in items["platform"]],
            w["col_format"]: items["post_type"].fillna("—").astype(str).to_numpy(),
            w["col_caption"]: [charts._snippet(c, 120) for c in items["caption"]],
            w["col_notes"]: items["notes"].fillna("—").astype(str).to_numpy(),
        }
    )


def events_table(events: pd.DataFrame, lang: str) -> pd.DataFrame:
    w = WORDS[lang]
    one = events.drop_duplicates(["event", "start"]).reset_index(drop=True)
    days = [
        i18n.date(s, lang, with_weekday=True) if s == e else i18n.date_range(s.date(), e.date(), lang)
        for s, e in zip(one["start"], one["end"], strict=True)
    ]
    names = [f"{n}{w['estimated'] if bool(est) else ''}" for n, est in zip(one["name"], one["estimated"], strict=True)]
    return pd.DataFrame(
        {w["col_day"]: days, w["col_event"]: names, w["col_kind"]: [w[f"kind_{k}"] for k in one["kind"]]}
    )


def cadence_section(view: Any, posts: pd.DataFrame, w: dict[str, str]) -> None:
    lang = view.lang
    st.subheader(w["cadence_title"])
    period = view.period
    st.caption(w["cadence_caption"].format(range=i18n.date_range(period.start, period.end, lang)))
    cad = plan.weekly_cadence(
        posts,
        view.tz,
        period.start,
        period.end,
        first_day=plan.data_from(view.tables),
        last_day=plan.data_until(view.tables),
    )
    if cad.empty or int(cad["posts"].sum()) == 0 and not cad["complete"].any():
        st.info(w["cadence_empty"])
        return
    st.altair_chart(charts.cadence_heatmap(cad, lang=lang, words=w), width="stretch")
    gaps = cad.loc[cad["gap"]]
    if gaps.empty:
        st.success(w["no_gaps"], icon=":material/check_circle:")
    else:
        listed = [
            w["gap_item"].format(
                platform=i18n.label(str(r.platform), lang),
                week=i18n.date(r.week_start, lang),
                usual=i18n.number(float(r.usual), lang, 0 if float(r.usual) % 1 == 0 else 1),
            )
            for r in gaps.itertuples()
        ]
        st.warning(w["gaps_found"].format(list="; ".join(listed)), icon=":material/event_busy:")
    table = plan.cadence_by_platform(cad)
    numbers = (w["col_weeks"], w["col_posts"], w["col_per_week"], w["col_gaps"])
    st.dataframe(
        pd.DataFrame(
            {
                w["col_platform"]: [i18n.label(str(p), lang) for p in table["platform"]],
                w["col_weeks"]: [i18n.number(v, lang) for v in table["weeks"]],
                w["col_posts"]: [i18n.number(v, lang) for v in table["posts"]],
                w["col_per_week"]: [i18n.number(v, lang, 1) for v in table["per_week"]],
                w["col_gaps"]: [i18n.number(v, lang) for v in table["gaps"]],
            }
        ),
        hide_index=True,
        width=720,
        column_config={c: st.column_config.TextColumn(alignment="right") for c in numbers},
    )


def slot_message(check: plan.SlotCheck, platform: str, lang: str, w: dict[str, str], has_posts: bool) -> None:
    name = i18n.label(platform, lang)
    weeks = plan.PRIME_TIME_WEEKS
    metric = i18n.label(check.metric, lang).lower() if lang == "en" else i18n.label(check.metric, lang)
    slot = _slot_text(check.weekday, check.hour, lang)
    best = ", ".join(
        w["slot_evidence"].format(slot=_slot_text(bw, bh, lang), posts=n, mean=_metric_text(m, lang))
        for bw, bh, n, m in check.best
    )
    nearest = _slot_text(*check.nearest, lang) if check.nearest else "—"
    values = dict(
        platform=name,
        weeks=weeks,
        metric=metric,
        slot=slot,
        best=best,
        nearest=nearest,
        hours=check.hours_from_best,
        posts=check.posts,
        mean=_metric_text(check.mean, lang),
        min_posts=plan.BEST_MIN_POSTS,
    )
    icon = ":material/schedule:"
    if check.verdict == "no_hours":
        st.info(w["slot_no_hours" if has_posts else "slot_no_posts"].format(**values), icon=icon)
    elif check.verdict == "no_best":
        st.info(w["slot_no_best"].format(**values), icon=icon)
    elif check.verdict == "best":
        st.success(w["slot_best"].format(**values), icon=icon)
    elif check.verdict == "close":
        st.info(w["slot_close"].format(**values), icon=icon)
    elif check.verdict == "far":
        st.warning(w["slot_far"].format(**values), icon=icon)
    else:
        st.info(w["slot_far_untested"].format(**values), icon=icon)


def caption_messages(platform: str, caption: str, hashtags: str, lang: str, w: dict[str, str]) -> None:
    name = i18n.label(platform, lang)
    measures = plan.measure_text(platform, caption, hashtags)
    if measures:
        st.caption(
            " · ".join(
                w["length"].format(
                    field=w[f"field_{m.field}"],
                    length=i18n.number(m.length, lang),
                    limit=i18n.number(m.limit, lang),
                    unit=w[f"unit_{m.unit}"],
                )
                for m in measures
            )
        )
    for issue in plan.check_caption(platform, caption, hashtags):
        if issue.code == "too_long":
            text = w["too_long"].format(
                field=w[f"field_{issue.field}"],
                platform=name,
                length=i18n.number(issue.value, lang),
                limit=i18n.number(issue.limit, lang),
                unit=w[f"unit_{issue.unit}"],
                source=issue.source,
            )
        elif issue.code == "too_many_hashtags":
            text = w["too_many_hashtags"].format(
                count=issue.value, platform=name, limit=issue.limit, source=issue.source
            )
        elif issue.code == "angle_brackets":
            text = w["angle_brackets"]
        else:
            text = w["store_limit"].format(limit=i18n.number(issue.limit, lang), length=i18n.number(issue.value, lang))
        note = w.get(f"note_{platform}_{issue.field}", "")
        st.warning(f"{text} {note}".strip(), icon=":material/warning:")


def editor_section(view: Any, matched: pd.DataFrame, posts: pd.DataFrame, today: dt.date, w: dict[str, str]) -> None:
    lang, tz, store = view.lang, view.tz, view.store
    st.subheader(w["editor_title"])
    for key, value in _editor_defaults(today).items():
        st.session_state.setdefault(key, value)
    new_id = st.session_state.pop("ed_pick_new", None)
    if new_id is not None:
        st.session_state["ed_pick"] = new_id
    flash = st.session_state.pop("ed_flash", None)
    if flash:
        (st.success if flash[0] == "success" else st.error)(flash[1])

    shown = matched.sort_values("planned_at", ascending=False)
    labels = {
        int(r.id): f"{i18n.date(r.local_at, lang, with_weekday=True)} {r.local_at:%H:%M} · "
        f"{i18n.label(str(r.platform), lang)} · {charts._snippet(r.caption, 50)}"
        for r in shown.itertuples()
    }
    options: list[int | None] = [None, *labels]
    if st.session_state.get("ed_pick") not in options:
        st.session_state["ed_pick"] = None
    st.selectbox(
        w["editor_pick"],
        options,
        format_func=lambda pid: w["editor_new"] if pid is None else labels.get(pid, str(pid)),
        key="ed_pick",
        on_change=_load_plan,
        args=(store, tz, today),
    )
    left, right = st.columns([3, 2], gap="large")
    with left:
        c1, c2, c3, c4 = st.columns(4)
        c1.date_input(w["f_date"], key="ed_date", format="DD/MM/YYYY")
        c2.time_input(w["f_time"].format(tz=tz), key="ed_time", step=dt.timedelta(minutes=15))
        platform = c3.selectbox(
            w["f_platform"],
            PLAN_PLATFORMS,
            format_func=lambda p: i18n.label(p, lang),
            key="ed_platform",
            on_change=_platform_changed,
        )
        if st.session_state.get("ed_format") not in FORMATS[platform]:
            st.session_state["ed_format"] = FORMATS[platform][0]
        c4.selectbox(w["f_format"], FORMATS[platform], key="ed_format")
        caption = st.text_area(w["f_caption"], key="ed_caption", height=150, help=w["editor_caption_help"])
        hashtags = st.text_input(w["f_hashtags"], key="ed_hashtags", help=w["f_hashtags_help"])
        c5, c6, c7 = st.columns(3)
        c5.selectbox(w["f_status"], STATUSES, format_func=lambda s: w[f"status_{s}"], key="ed_status")
        c6.text_input(w["f_campaign"], key="ed_campaign")
        c7.text_input(w["f_notes"], key="ed_notes")
        pid = st.session_state.get("ed_pick")
        b1, b2 = st.columns([1, 1])
        b1.button(
            w["save_edit"] if pid else w["save_new"],
            type="primary",
            key="ed_save",
            icon=":material/save:",
            on_click=_save_plan,
            args=(store, tz, lang),
        )
        if pid:
            b2.button(
                w["delete"], key="ed_delete", icon=":material/delete:", on_click=_delete_plan, args=(store, lang, today)
            )
    with right:
        caption_messages(platform, caption or "", hashtags or "", lang, w)
        platform_posts = posts.loc[posts["platform"] == platform] if not posts.empty else posts
        until = plan.data_until(view.tables).get(platform)
        key = (store.version(), view.platforms, view.accounts, platform)
        grid = _prime_time(key, tz, platform_posts, until)
        when = dt.datetime.combine(st.session_state["ed_date"], st.session_state["ed_time"] or dt.time(0, 0))
        check = plan.slot_check(when, platform, grid)
        slot_message(check, platform, lang, w, has_posts=not platform_posts.empty)


def export_section(matched: pd.DataFrame, first: dt.date, last: dt.date, lang: str, w: dict[str, str]) -> None:
    st.subheader(w["export_title"])
    chosen = st.date_input(w["export_range"], value=(first, last), key="ex_range", format="DD/MM/YYYY", width=320)
    if isinstance(chosen, tuple) and len(chosen) == 2:
        start, end = chosen
    elif isinstance(chosen, tuple) and len(chosen) == 1:
        start = end = chosen[0]
    else:
        start, end = first, last
    frame = plan.plan_export_frame(matched, start, end) if not matched.empty else None
    if frame is None or frame.empty:
        st.caption(w["export_empty"])
        return
    frame = frame.assign(
        platform=[i18n.label(str(p), lang) for p in frame["platform"]],
        status=[w.get(f"status_{s}", s) for s in frame["status"]],
        state=[_state_words(str(s), w) for s in frame["state"]],
    )
    frame.columns = [w[f"ex_{c}"] for c in frame.columns]
    st.caption(w["export_count"].format(n=i18n.number(len(frame), lang)))
    name = f"plan_{start:%Y-%m-%d}_{end:%Y-%m-%d}"
    c1, c2, _ = st.columns([1, 1, 4])
    c1.download_button(
        w["export_csv"],
        plan.export_csv(frame),
        file_name=f"{name}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="ex_csv",
    )
    c2.download_button(
        w["export_xlsx"],
        plan.export_xlsx(frame, sheet=page_title("calendar", lang)),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
        key="ex_xlsx",
    )


# ---------------------------------------------------------------------------------------------
# the page


def _section(name: str, w: dict[str, str], draw: Any, *args: Any) -> None:
    """Draw one section; an unexpected error shows a message there, not a traceback."""
    try:
        draw(*args)
    except Exception:
        log.exception("Calendar page: the %s section failed", name)
        st.error(w["error"])


def calendar_section(
    view: Any, matched: pd.DataFrame, posts: pd.DataFrame, today: dt.date, now: pd.Timestamp, w: dict[str, str]
) -> tuple[dt.date, dt.date]:
    lang, tz = view.lang, view.tz
    st.session_state.setdefault("cal_day", view.period.end)
    bar = st.container(horizontal=True, vertical_alignment="bottom", gap="small")
    mode = bar.segmented_control(
        w["view"],
        ["month", "week"],
        default="month",
        format_func=lambda m: w[m],
        key="cal_view",
        bind="query-params",
        required=True,
        label_visibility="collapsed",
    )
    mode = mode or "month"
    bar.button("", icon=":material/chevron_left:", key="cal_prev", help=w["prev"], on_click=_nav, args=(-1,))
    bar.date_input(
        w["go_to"], key="cal_day", format="DD/MM/YYYY", label_visibility="collapsed", width=150, bind="query-params"
    )
    bar.button("", icon=":material/chevron_right:", key="cal_next", help=w["next"], on_click=_nav, args=(1,))
    bar.button(w["today"], key="cal_today", on_click=_to_today, args=(today,))
    anchor: dt.date = st.session_state["cal_day"]
    first, last, grid_start, grid_end = _period(anchor, mode)
    if mode == "week":
        heading = w["week_title"].format(
            week=anchor.isocalendar()[1], range=i18n.date_range(grid_start, grid_end, lang)
        )
    else:
        heading = f"{i18n.month_name(anchor.month, lang)} {anchor.year}"
    st.markdown(f"### {heading}")

    starts, ends = plan.data_from(view.tables), plan.data_until(view.tables)
    covered = (min(starts.values()).date(), max(ends.values()).date()) if starts and ends else None
    summary = kpis(matched, posts, tz, first, last, mode, lang, covered)
    items = plan.calendar_items(matched, posts, tz, grid_start, grid_end)
    events = calendar_events(grid_start, grid_end, lang)  # type: ignore[arg-type]
    days = plan.day_summary(items, events, grid_start, grid_end)
    if mode == "week":
        chart = charts.week_agenda(days, items, lang=lang, words=w, today=today)
    else:
        chart = charts.month_grid(days, items, lang=lang, words=w, month=anchor.month, today=today)
    st.altair_chart(chart, width="stretch")
    st.caption(w["legend"])

    if summary.no_data:
        until = plan.data_until(view.tables)
        waiting = matched.loc[
            matched["state"].eq("no_data") & matched["local_date"].between(pd.Timestamp(first), pd.Timestamp(last))
        ]
        ends = [until[p] for p in waiting["platform"].astype(str).unique() if p in until]
        start_day = waiting["local_date"].min()
        end_txt = i18n.date(min(ends), lang) if ends else "—"
        st.info(
            w["no_data_note"].format(n=summary.no_data, start=i18n.date(start_day, lang), end=end_txt),
            icon=":material/cloud_upload:",
        )

    in_range = items.loc[items["date"].between(pd.Timestamp(first), pd.Timestamp(last))]
    missed = in_range.loc[in_range["state"].isin(["missed", "not_found"])]
    left, right = st.columns([3, 2], gap="large") if not missed.empty else (None, st.container())
    if left is not None:
        with left:
            st.markdown(f"**:red[{w['missed_title'].format(n=len(missed))}]**")
            st.caption(w["missed_caption"].format(hours=int(plan.MATCH_WINDOW.total_seconds() // 3600)))
            st.dataframe(item_table(missed, lang), hide_index=True)
    with right:
        st.markdown(f"**{w['events_title']}**")
        ev = events.loc[events["date"].between(pd.Timestamp(first), pd.Timestamp(last))]
        if ev.empty:
            st.caption(w["no_events"])
        else:
            st.dataframe(events_table(ev, lang), hide_index=True, width="stretch" if left is not None else 720)
    return first, last


def main() -> None:
    view = state.current_view()
    lang, tz = view.lang, view.tz
    w = WORDS[lang]
    st.title(page_title("calendar", lang))
    st.caption(w["intro"].format(tz=tz))

    now = pd.Timestamp.now(tz="UTC").floor("min")
    today = now.tz_convert(tz).date()
    posts = view.tables.get("posts", pd.DataFrame())
    if posts.empty and "posts" in view.all_tables:
        posts = view.all_tables["posts"].iloc[0:0]
    plans = plan.select_plans(view.store.plans(), view.platforms, view.accounts, posts if not posts.empty else None)
    if posts.empty:
        st.info(w["no_posts"], icon=":material/info:")
    if plans.empty:
        st.info(w["no_plans"], icon=":material/edit_calendar:")
    until = plan.data_until(view.tables)
    key = (view.store.version(), view.platforms, view.accounts)
    matched = _matched(key, tz, now.isoformat(), plans, posts, until)

    first, last = view.period.start, view.period.end
    try:
        first, last = calendar_section(view, matched, posts, today, now, w)
    except Exception:
        log.exception("Calendar page: the calendar section failed")
        st.error(w["error"])
    st.divider()
    _section("cadence", w, cadence_section, view, posts, w)
    st.divider()
    _section("editor", w, editor_section, view, matched, posts, today, w)
    st.divider()
    _section("export", w, export_section, matched, first, last, lang, w)


main()
