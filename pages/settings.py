"""Settings page: the workspace's brand, time zone, currency, language and engagement-rate
definition, and its targets.

Thin: the store checks every value (:meth:`smo_metrics.store.Store.set_settings`, and
:class:`smo_metrics.targets.Target` for targets) and this page shows its message when a value is
refused: nothing is saved then. See ``docs/pages/settings.md``.
"""

from __future__ import annotations

import zoneinfo
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.pages import page_title
from dashboard.words_overview import KIND_WORDS, TARGET_DEFINITIONS, TARGET_METRICS, metric_name
from smo_metrics import engagement, i18n, targets
from smo_metrics.errors import DataError, UsageError
from smo_metrics.schema import PLATFORMS

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "intro": "Settings of this workspace: they apply to every page, the Excel report and every user of it.",
        "workspace": "Workspace",
        "brand": "Brand name",
        "brand_help": "Shown at the top of the sidebar and on reports.",
        "tz": "Time zone",
        "tz_help": "Posting hours, prime time and dates are shown in this zone (IANA names, e.g. Asia/Jakarta). "
        "Exports without a zone are read in it.",
        "currency": "Currency",
        "currency_help": "The currency of targets on money (ad spend, conversion value). Amounts in other "
        "currencies are shown apart, never converted. Type a three-letter code (ISO 4217) for one not listed.",
        "language": "Default language",
        "language_help": "The language a new visitor sees; everyone can switch with EN / ID in the sidebar.",
        "er": "Engagement rate",
        "er_help": "How the dashboard computes the engagement rate everywhere.",
        "er_reach": "By reach: engagements ÷ reach",
        "er_impressions": "By impressions: engagements ÷ impressions",
        "er_followers": "By followers: engagements ÷ followers when posted",
        "rated": "Rates the posts of {platforms}.",
        "rated_none": "No post in your data has this number yet.",
        "save": "Save settings",
        "saved": "Settings saved.",
        "not_saved": "Not saved: {error}",
        "tz_wib": "WIB",
        "tz_wita": "WITA",
        "tz_wit": "WIT",
        "targets": "Targets",
        "targets_intro": "Monthly or weekly goals. The Overview measures the period's numbers against them and "
        "says whether you are on pace. Add a row at the bottom of the table, edit a cell, or select rows and "
        "delete them; then save.",
        "sample_targets": "Targets marked **sample** came with the sample workspace and go when you remove it.",
        "metric": "Metric",
        "platform": "Platform",
        "period": "Period",
        "period_start": "Starts on",
        "value": "Target",
        "kind": "Kind",
        "origin": "Origin",
        "month": "Month",
        "week": "Week",
        "all": "All platforms",
        "value_help": "Rates as fractions: 0.05 is 5 %. Money in the workspace currency.",
        "start_help": "A month starts on the 1st; a week on any day you choose (7 days).",
        "save_targets": "Save targets",
        "targets_saved": "Targets saved: {added} added, {changed} changed, {deleted} deleted.",
        "no_changes": "Nothing to save: the table has no changes.",
        "row_error": "Row {row}: {error}",
        "targets_not_saved": "Nothing was saved. Fix these rows and save again:",
        "partly_saved": "Saving stopped: {error} The changes before it were saved.",
        "which": "Metrics that can have targets",
        "which_intro": "Each metric and what its actual counts. A total adds up the days of the period; a rate "
        "is read over the period so far; a level is the number on the last day.",
        "reach_note": "Reach itself cannot be a target: reach is not additive (a person reached by two posts, or "
        "on two days, counts twice when they are added up). Use **{name}**: the sum of per-post reach, the number "
        "the Overview shows.",
        "col_metric": "Metric",
        "col_kind": "Kind",
        "col_counts": "What it counts",
        "sample": "sample",
    },
    "id": {
        "intro": "Pengaturan workspace ini: berlaku untuk semua halaman, laporan Excel, dan semua penggunanya.",
        "workspace": "Workspace",
        "brand": "Nama merek",
        "brand_help": "Ditampilkan di bagian atas sidebar dan di laporan.",
        "tz": "Zona waktu",
        "tz_help": "Jam posting, waktu terbaik, dan tanggal ditampilkan dalam zona ini (nama IANA, mis. "
        "Asia/Jakarta). Ekspor tanpa zona dibaca dalam zona ini.",
        "currency": "Mata uang",
        "currency_help": "Mata uang target berupa uang (biaya iklan, nilai konversi). Jumlah dalam mata uang lain "
        "ditampilkan terpisah, tidak pernah dikonversi. Ketik kode tiga huruf (ISO 4217) bila tidak ada di daftar.",
        "language": "Bahasa bawaan",
        "language_help": "Bahasa yang dilihat pengunjung baru; siapa pun bisa beralih dengan EN / ID di sidebar.",
        "er": "Tingkat interaksi",
        "er_help": "Cara dasbor menghitung tingkat interaksi di semua halaman.",
        "er_reach": "Per jangkauan: interaksi ÷ jangkauan",
        "er_impressions": "Per tayangan: interaksi ÷ tayangan",
        "er_followers": "Per pengikut: interaksi ÷ pengikut saat diposting",
        "rated": "Menilai postingan {platforms}.",
        "rated_none": "Belum ada postingan di data Anda yang memiliki angka ini.",
        "save": "Simpan pengaturan",
        "saved": "Pengaturan disimpan.",
        "not_saved": "Tidak disimpan: {error}",
        "tz_wib": "WIB",
        "tz_wita": "WITA",
        "tz_wit": "WIT",
        "targets": "Target",
        "targets_intro": "Sasaran bulanan atau mingguan. Halaman Ringkasan mengukur angka periode terhadapnya dan "
        "menunjukkan apakah Anda sesuai laju. Tambahkan baris di bawah tabel, ubah sel, atau pilih baris lalu "
        "hapus; kemudian simpan.",
        "sample_targets": "Target bertanda **contoh** ikut dengan workspace contoh dan terhapus bila contohnya "
        "dihapus.",
        "metric": "Metrik",
        "platform": "Platform",
        "period": "Periode",
        "period_start": "Mulai",
        "value": "Target",
        "kind": "Jenis",
        "origin": "Asal",
        "month": "Bulan",
        "week": "Minggu",
        "all": "Semua platform",
        "value_help": "Rasio sebagai pecahan: 0,05 berarti 5 %. Uang dalam mata uang workspace.",
        "start_help": "Bulan dimulai tanggal 1; minggu dimulai pada hari yang Anda pilih (7 hari).",
        "save_targets": "Simpan target",
        "targets_saved": "Target disimpan: {added} ditambah, {changed} diubah, {deleted} dihapus.",
        "no_changes": "Tidak ada yang disimpan: tabel tidak berubah.",
        "row_error": "Baris {row}: {error}",
        "targets_not_saved": "Tidak ada yang disimpan. Perbaiki baris berikut lalu simpan lagi:",
        "partly_saved": "Penyimpanan berhenti: {error} Perubahan sebelumnya sudah disimpan.",
        "which": "Metrik yang bisa diberi target",
        "which_intro": "Setiap metrik dan apa yang dihitung realisasinya. Jumlah menjumlahkan hari-hari periode; "
        "rasio dibaca atas periode sejauh ini; posisi adalah angka pada hari terakhir.",
        "reach_note": "Jangkauan itu sendiri tidak bisa diberi target: jangkauan tidak bisa dijumlahkan (orang yang "
        "dijangkau dua postingan, atau pada dua hari, terhitung dua kali bila dijumlahkan). Gunakan **{name}**: "
        "jumlah jangkauan per postingan, angka yang ditampilkan di Ringkasan.",
        "col_metric": "Metrik",
        "col_kind": "Jenis",
        "col_counts": "Yang dihitung",
        "sample": "contoh",
    },
}

INDONESIAN_ZONES = {
    "Asia/Jakarta": "tz_wib",
    "Asia/Pontianak": "tz_wib",
    "Asia/Makassar": "tz_wita",
    "Asia/Jayapura": "tz_wit",
}
CURRENCIES = ("IDR", "USD", "SGD", "MYR", "EUR", "AUD", "JPY", "GBP")
TARGET_COLUMNS = ("id", "metric", "platform", "period", "period_start", "value", "kind", "origin")
EDITOR_KEY = "targets_editor"
EDITOR_HEIGHT = 440  # about twelve rows; the table scrolls

view = state.current_view()
lang = view.lang
w = WORDS[lang]
st.title(page_title("settings", lang))
st.caption(w["intro"])

for flash in ("settings_flash", "targets_flash"):
    message = st.session_state.pop(flash, None)
    if message:
        st.success(message, icon=":material/check_circle:")


@st.cache_data(max_entries=8, show_spinner=False)
def rated_platforms(version: int, _posts: pd.DataFrame, _daily: pd.DataFrame) -> dict[str, list[str]]:
    """Per engagement-rate basis, the platforms with posts it can rate (from the library)."""
    if _posts.empty:
        return {b: [] for b in engagement.RATE_BASES}
    by = engagement.by_group(_posts, ["platform"], _daily)
    return {b: sorted(by.loc[by[f"posts_rated_by_{b}"] > 0, "platform"].astype(str)) for b in engagement.RATE_BASES}


def zone_name(zone: str) -> str:
    return f"{zone} ({w[INDONESIAN_ZONES[zone]]})" if zone in INDONESIAN_ZONES else zone


# ---------------------------------------------------------------------------------------------
st.subheader(w["workspace"])
settings = view.store.settings()
zones = [z for z in ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")] + sorted(
    z for z in zoneinfo.available_timezones() if z not in ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")
)
if settings["tz"] not in zones:
    zones.insert(0, settings["tz"])
currencies = list(CURRENCIES) if settings["currency"] in CURRENCIES else [settings["currency"], *CURRENCIES]
rated = rated_platforms(view.store.version(), view.all_tables["posts"], view.all_tables["account_daily"])

with st.form("workspace_settings", border=True):
    left, right = st.columns(2)
    brand = left.text_input(w["brand"], value=settings["brand_name"], max_chars=200, help=w["brand_help"])
    language = right.selectbox(
        w["language"],
        list(i18n.LANGUAGES),
        index=list(i18n.LANGUAGES).index(settings["language"]),
        format_func=lambda code: i18n.LANGUAGES[code],
        help=w["language_help"],
    )
    tz = left.selectbox(w["tz"], zones, index=zones.index(settings["tz"]), format_func=zone_name, help=w["tz_help"])
    currency = right.selectbox(
        w["currency"],
        currencies,
        index=currencies.index(settings["currency"]),
        accept_new_options=True,
        help=w["currency_help"],
    )
    bases = list(engagement.RATE_BASES)
    er = st.radio(
        w["er"],
        bases,
        index=bases.index(settings["er_definition"]),
        format_func=lambda b: w[f"er_{b}"],
        captions=[
            w["rated"].format(platforms=", ".join(i18n.label(p, lang) for p in rated[b]))
            if rated[b]
            else w["rated_none"]
            for b in bases
        ],
        help=w["er_help"],
    )
    submitted = st.form_submit_button(w["save"], type="primary", icon=":material/save:")

if submitted:
    try:
        view.store.set_settings(
            brand_name=brand or "",
            tz=tz or "",
            currency=currency or "",
            language=language or "",
            er_definition=er or "",
        )
    except (UsageError, DataError) as exc:
        st.error(w["not_saved"].format(error=exc), icon=":material/error:")
    else:
        st.session_state["settings_flash"] = w["saved"]
        st.rerun()

# ---------------------------------------------------------------------------------------------
st.subheader(w["targets"])
st.caption(w["targets_intro"])


def blank(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def editor_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The store's targets as the editor shows them (plain objects, dates as dates)."""
    out = pd.DataFrame({c: frame[c].astype(object) if c in frame else pd.Series(dtype=object) for c in TARGET_COLUMNS})
    out["id"] = frame["id"].astype("Int64") if "id" in frame else pd.Series(dtype="Int64")
    out["period_start"] = pd.to_datetime(frame["period_start"]).dt.date if len(frame) else pd.Series(dtype=object)
    out["value"] = frame["value"].astype(float) if len(frame) else pd.Series(dtype=float)
    out["origin"] = ["" if blank(o) else (w["sample"] if o == "sample" else str(o)) for o in out["origin"]]
    return out.where(out.notna(), None).astype({"id": "Int64", "value": "float64"})


stored = view.store.targets()
# Latest periods first: the months a team is working on now are at the top.
stored = stored.sort_values(["period_start", "metric", "platform"], ascending=[False, True, True], kind="stable")
original = editor_frame(stored.reset_index(drop=True))
metrics = list(targets.METRIC_KINDS) + sorted(set(original["metric"].dropna()) - set(targets.METRIC_KINDS))
if stored["origin"].eq("sample").fillna(False).any():
    st.caption(w["sample_targets"])
edited = st.data_editor(
    original,
    key=EDITOR_KEY,
    num_rows="dynamic",
    height=min(EDITOR_HEIGHT, 35 * (len(original) + 2) + 3),  # room for a new row
    hide_index=True,
    width="stretch",
    column_order=[c for c in TARGET_COLUMNS if c != "id"],
    column_config={
        "metric": st.column_config.SelectboxColumn(
            w["metric"], options=metrics, format_func=lambda m: metric_name(str(m), lang), required=True, width="medium"
        ),
        "platform": st.column_config.SelectboxColumn(
            w["platform"],
            options=["all", *PLATFORMS],
            format_func=lambda p: w["all"] if p == "all" else i18n.label(str(p), lang),
            default="all",
            required=True,
        ),
        "period": st.column_config.SelectboxColumn(
            w["period"], options=list(targets.PERIODS), format_func=lambda p: w[str(p)], default="month", required=True
        ),
        "period_start": st.column_config.DateColumn(
            w["period_start"], format="DD/MM/YYYY", help=w["start_help"], required=True
        ),
        "value": st.column_config.NumberColumn(w["value"], help=w["value_help"], required=True, format="localized"),
        "kind": st.column_config.SelectboxColumn(
            w["kind"], options=list(targets.TARGET_KINDS), format_func=lambda k: KIND_WORDS[lang][str(k)], disabled=True
        ),
        "origin": st.column_config.TextColumn(w["origin"], disabled=True),
    },
)


def day(value: Any) -> Any:
    """A date from the editor (a date, or ISO text after an edit); other values go to the check as they are."""
    try:
        return pd.Timestamp(value).date()
    except (TypeError, ValueError):
        return value


def target_fields(row: dict[str, Any]) -> dict[str, Any]:
    """The fields of an edited row as the store takes them (kind: from the metric when known)."""
    metric = None if blank(row.get("metric")) else str(row["metric"])
    kind = None if blank(row.get("kind")) or metric in targets.METRIC_KINDS else str(row["kind"])
    return {
        "metric": metric,
        "platform": "all" if blank(row.get("platform")) else str(row["platform"]),
        "period": "month" if blank(row.get("period")) else str(row["period"]),
        "period_start": None if blank(row.get("period_start")) else day(row["period_start"]),
        "value": None if blank(row.get("value")) else row["value"],
        "kind": kind,
    }


def check(fields: dict[str, Any]) -> str | None:
    """The library's reason a target is refused, or None when it is fine."""
    if fields["metric"] is None:
        return "a target needs a metric"
    if fields["period_start"] is None:
        return "a target needs the day its period starts"
    try:
        targets.Target(**fields)
    except UsageError as exc:
        return str(exc)
    return None


if st.button(w["save_targets"], type="primary", icon=":material/save:"):
    before = {int(r["id"]): r for r in original.to_dict("records") if not blank(r["id"])}
    after_rows = edited.to_dict("records")
    kept = {int(r["id"]) for r in after_rows if not blank(r.get("id"))}
    deleted = [i for i in before if i not in kept]
    added: list[dict[str, Any]] = []
    changed: list[tuple[int, dict[str, Any]]] = []
    errors: list[str] = []
    for number, row in enumerate(after_rows, start=1):
        fields = target_fields(row)
        if blank(row.get("id")):
            problem = check(fields)
            (errors.append(w["row_error"].format(row=number, error=problem)) if problem else added.append(fields))
            continue
        old = target_fields(before[int(row["id"])])
        if fields == old:
            continue
        problem = check(fields)
        if problem:
            errors.append(w["row_error"].format(row=number, error=problem))
        else:
            changed.append((int(row["id"]), {k: v for k, v in fields.items() if k != "kind" or v is not None}))
    if errors:
        st.error(w["targets_not_saved"] + "\n\n" + "\n".join(f"- {e}" for e in errors), icon=":material/error:")
    elif not (added or changed or deleted):
        st.info(w["no_changes"])
    else:
        try:
            for target_id in deleted:
                view.store.delete_target(target_id)
            for target_id, fields in changed:
                view.store.update_target(target_id, **fields)
            for fields in added:
                view.store.add_target(**fields)
        except (UsageError, DataError) as exc:
            st.error(w["partly_saved"].format(error=exc), icon=":material/error:")
        else:
            st.session_state.pop(EDITOR_KEY, None)
            st.session_state["targets_flash"] = w["targets_saved"].format(
                added=len(added), changed=len(changed), deleted=len(deleted)
            )
            st.rerun()

with st.expander(w["which"], expanded=stored.empty):
    st.caption(w["which_intro"])
    # Post metrics first, then account (follower) metrics, then ads, as a reader meets them.
    order = [
        m for src in ("posts", "account_daily", "ads") for m in targets.METRIC_KINDS if targets.TARGET_SOURCES[m] == src
    ]
    st.dataframe(
        pd.DataFrame(
            {
                "metric": [metric_name(m, lang) for m in order],
                "kind": [KIND_WORDS[lang][targets.METRIC_KINDS[m]] for m in order],
                "counts": [TARGET_DEFINITIONS[lang][m] for m in order],
            }
        ),
        hide_index=True,
        height=35 * (len(order) + 1) + 3,
        column_config={
            "metric": st.column_config.TextColumn(w["col_metric"], width=260),
            "kind": st.column_config.TextColumn(w["col_kind"], width=80),
            "counts": st.column_config.TextColumn(w["col_counts"], width="large"),
        },
    )
    st.caption(w["reach_note"].format(name=TARGET_METRICS[lang]["reach_sum"]))
