"""Data page: upload exports, check what each holds, import them; import history; the workspace.

Three tabs:

- **Import**: upload many files at once (CSV, TSV, XLSX, XLS, ZIP). Each is read by
  :func:`smo_metrics.ingest.read_file` and described by :func:`smo_metrics.inspect.describe_result`
  (the same facts ``python -m smo_metrics inspect`` prints) *before* anything is stored: platform,
  kind, account, rows, dates, warnings, unmapped columns and every rejected row with its line and
  reason. Exports that do not name their account (Meta Insights, YouTube Studio, TikTok Ads) ask
  for it. A file nobody recognises can be mapped by hand (:func:`smo_metrics.ingest.read_mapped`),
  and the mapping saved for the next file of that shape. Import stores each file as one import
  (:meth:`smo_metrics.store.Store.import_result`), with a progress bar.
- **History**: every import, newest first; rejected rows of one; delete imports (their rows go,
  and older values they had overridden come back).
- **Workspace**: load or remove the sample workspace; download a backup (zip of CSV files);
  restore one.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import re
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

import sample_data
from dashboard import state
from dashboard.pages import page_title
from smo_metrics import i18n, schema
from smo_metrics.errors import DataError, UsageError
from smo_metrics.ingest import FileResult, assign_account, open_sheets, read_file, read_mapped
from smo_metrics.ingest.mapped import REQUIRED, guess_mapping
from smo_metrics.inspect import describe_result
from smo_metrics.store import ImportResult, content_hash

log = logging.getLogger(__name__)

UPLOAD_TYPES = ["csv", "tsv", "txt", "xlsx", "xls", "zip"]
REJECTED_SHOWN = 1_000  # rejected rows sent to the browser per table; the count gives the full number
NOT_MAPPED = "—"

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "intro": (
            "Upload your platform exports, check what each file holds, then import them into the workspace. "
            "Nothing is stored until you press **Import**."
        ),
        "tab_import": "Import",
        "tab_history": "Import history",
        "tab_workspace": "Workspace",
        "files": "Export files",
        "exports": (
            "Upload the files you download from each platform; several at once is fine, and so is a zip:\n\n"
            "- **Instagram and Facebook**: the content (posts) export and the Insights files from Meta Business Suite\n"
            "- **TikTok**: the TikTok Studio exports (Overview, Content, Viewers, Followers)\n"
            "- **X**: the analytics export\n"
            "- **LinkedIn**: the Page analytics workbooks (content, visitors, followers)\n"
            "- **YouTube**: the YouTube Studio export (Table data, Chart data, Totals, or their zip)\n"
            "- **Ads**: Meta Ads Manager and TikTok Ads Manager reports\n"
            "- **Website**: Google Analytics 4 CSV exports"
        ),
        "platform": "Platform",
        "kind": "Kind",
        "account": "Account",
        "rows": "Rows",
        "rejected": "Rejected rows",
        "dates": "Dates",
        "source": "Source",
        "unmapped": "Columns kept but not mapped ({n})",
        "unmapped_help": "Kept in the table under their original header; no metric uses them.",
        "rejected_title": "Rejected rows ({n})",
        "rejected_help": "Rows that could not be read, with the line in the file and the reason.",
        "first_of": "First {shown} of {total}.",
        "already": "Already imported as import #{id} on {when}: importing it again changes nothing.",
        "name_account": "Whose {platform} account is {what}? The export does not say.",
        "name_account_help": "Pick an account already in the workspace or type a new name.",
        "needs_account": "Name the account of every file above to import it.",
        "import_button": "Import {n} file(s)",
        "nothing_to_import": "No file ready to import.",
        "importing": "Importing {name} ({i} of {n})…",
        "imported": "Imported: {ok} new, {dup} already there, {failed} failed.",
        "result_file": "File",
        "result_status": "Status",
        "result_id": "Import",
        "result_rows": "Rows",
        "result_message": "Message",
        "status_imported": "imported",
        "status_duplicate": "already imported",
        "status_failed": "failed",
        "unexpected": (
            "{name}: the dashboard could not read this file because of an unexpected error on our side. "
            "The details are in the server log; please report it with the platform and export it came from."
        ),
        "map_title": "Map the columns of {name} by hand",
        "map_intro": (
            "Tell us what the file holds and which of its columns is which. Columns you leave at — are kept "
            "under their own header but not used by any metric."
        ),
        "saved_mapping": "Use a saved mapping",
        "no_saved": "(none)",
        "map_kind": "The file holds",
        "map_platform": "Platform",
        "map_account": "Account (optional)",
        "header_row": "Header on row",
        "date_format": "Date format (optional, e.g. %d/%m/%Y)",
        "decimal": "Decimal mark",
        "decimal_auto": "detect",
        "model_column": "Data model column",
        "file_column": "Column in your file",
        "required": "required",
        "read_mapped": "Read with this mapping",
        "save_as": "Save this mapping as",
        "save_mapping": "Save mapping",
        "mapping_saved": "Mapping '{name}' saved: it will be offered for files with these columns.",
        "mapping_needs": "Map at least: {cols}.",
        "history_empty": "Nothing imported yet.",
        "h_id": "#",
        "h_file": "File",
        "h_when": "Imported",
        "h_by": "By",
        "h_platforms": "Platforms",
        "h_kinds": "Tables",
        "h_accounts": "Accounts",
        "h_rows": "Rows",
        "h_rejected": "Rejected",
        "h_from": "From",
        "h_to": "To",
        "h_origin": "Origin",
        "sample": "sample",
        "select_hint": "Select imports in the table to see their rejected rows or delete them.",
        "delete": "Delete {n} selected import(s)",
        "delete_confirm": "Yes, delete them",
        "delete_warning": (
            "Deleting removes exactly the rows these imports brought. Where a newer import had replaced "
            "values of an older one, the older values come back."
        ),
        "deleted": "Deleted {n} import(s).",
        "rejected_of": "Rejected rows of import #{id}",
        "no_rejected": "Import #{id} rejected no row.",
        "sample_title": "Sample workspace",
        "sample_loaded": (
            "The sample workspace of **Kopi Senja Nusantara** (a made-up brand) is loaded and labelled as sample "
            "data. Remove it when you start with your own exports: your own imports, plans and targets stay."
        ),
        "sample_not_loaded": (
            "Load the sample workspace to try the dashboard: 18 months of a made-up Indonesian coffee brand on six "
            "platforms, with ads, a content plan and targets. It is labelled as sample data and removable in one click."
        ),
        "load_sample": "Load the sample workspace",
        "remove_sample": "Remove the sample workspace",
        "sample_removed": "Removed the sample: {imports} imports, {plans} plans, {targets} targets.",
        "sample_added": "Loaded the sample workspace ({n} files).",
        "loading_sample": "Loading the sample workspace…",
        "backup_title": "Backup",
        "backup_intro": (
            "Download the whole workspace (imports, plans, targets, A/B tests, settings, column mappings) as a "
            "zip of CSV files; restore it here or with `python -m smo_metrics restore`."
        ),
        "prepare_backup": "Prepare a backup",
        "preparing": "Writing the backup…",
        "download_backup": "Download {name} ({size})",
        "restore_title": "Restore a backup",
        "restore_file": "Backup zip",
        "restore_confirm": "Replace everything in this workspace with the backup",
        "restore_button": "Restore",
        "restored": "Restored: {imports} imports ({rows} rows), {plans} plans, {targets} targets.",
        "database": "Workspace database: `{url}`",
    },
    "id": {
        "intro": (
            "Unggah ekspor platform Anda, periksa isi tiap file, lalu impor ke workspace. "
            "Tidak ada yang disimpan sebelum Anda menekan **Impor**."
        ),
        "tab_import": "Impor",
        "tab_history": "Riwayat impor",
        "tab_workspace": "Workspace",
        "files": "File ekspor",
        "exports": (
            "Unggah file yang Anda unduh dari tiap platform; beberapa sekaligus boleh, zip juga boleh:\n\n"
            "- **Instagram dan Facebook**: ekspor konten (postingan) dan file Insights dari Meta Business Suite\n"
            "- **TikTok**: ekspor TikTok Studio (Overview, Content, Viewers, Followers)\n"
            "- **X**: ekspor analitik\n"
            "- **LinkedIn**: workbook analitik Halaman (konten, pengunjung, pengikut)\n"
            "- **YouTube**: ekspor YouTube Studio (Table data, Chart data, Totals, atau zip-nya)\n"
            "- **Iklan**: laporan Meta Ads Manager dan TikTok Ads Manager\n"
            "- **Situs web**: ekspor CSV Google Analytics 4"
        ),
        "platform": "Platform",
        "kind": "Jenis",
        "account": "Akun",
        "rows": "Baris",
        "rejected": "Baris ditolak",
        "dates": "Tanggal",
        "source": "Sumber",
        "unmapped": "Kolom disimpan tetapi tidak dipetakan ({n})",
        "unmapped_help": "Disimpan di tabel dengan judul aslinya; tidak dipakai metrik mana pun.",
        "rejected_title": "Baris ditolak ({n})",
        "rejected_help": "Baris yang tidak dapat dibaca, dengan nomor baris di file dan alasannya.",
        "first_of": "{shown} pertama dari {total}.",
        "already": "Sudah diimpor sebagai impor #{id} pada {when}: mengimpor lagi tidak mengubah apa pun.",
        "name_account": "Akun {platform} siapa untuk {what}? Ekspornya tidak menyebutkan.",
        "name_account_help": "Pilih akun yang sudah ada di workspace atau ketik nama baru.",
        "needs_account": "Sebutkan akun setiap file di atas untuk mengimpornya.",
        "import_button": "Impor {n} file",
        "nothing_to_import": "Belum ada file yang siap diimpor.",
        "importing": "Mengimpor {name} ({i} dari {n})…",
        "imported": "Diimpor: {ok} baru, {dup} sudah ada, {failed} gagal.",
        "result_file": "File",
        "result_status": "Status",
        "result_id": "Impor",
        "result_rows": "Baris",
        "result_message": "Pesan",
        "status_imported": "diimpor",
        "status_duplicate": "sudah diimpor",
        "status_failed": "gagal",
        "unexpected": (
            "{name}: dasbor tidak dapat membaca file ini karena kesalahan tak terduga di pihak kami. "
            "Rinciannya ada di log server; mohon laporkan beserta platform dan jenis ekspornya."
        ),
        "map_title": "Petakan kolom {name} secara manual",
        "map_intro": (
            "Beri tahu kami isi file ini dan kolom mana yang mana. Kolom yang dibiarkan — tetap disimpan "
            "dengan judul aslinya tetapi tidak dipakai metrik mana pun."
        ),
        "saved_mapping": "Pakai pemetaan tersimpan",
        "no_saved": "(tidak ada)",
        "map_kind": "Isi file",
        "map_platform": "Platform",
        "map_account": "Akun (opsional)",
        "header_row": "Judul kolom di baris",
        "date_format": "Format tanggal (opsional, mis. %d/%m/%Y)",
        "decimal": "Tanda desimal",
        "decimal_auto": "deteksi",
        "model_column": "Kolom model data",
        "file_column": "Kolom di file Anda",
        "required": "wajib",
        "read_mapped": "Baca dengan pemetaan ini",
        "save_as": "Simpan pemetaan ini sebagai",
        "save_mapping": "Simpan pemetaan",
        "mapping_saved": "Pemetaan '{name}' disimpan: akan ditawarkan untuk file dengan kolom yang sama.",
        "mapping_needs": "Petakan minimal: {cols}.",
        "history_empty": "Belum ada yang diimpor.",
        "h_id": "#",
        "h_file": "File",
        "h_when": "Diimpor",
        "h_by": "Oleh",
        "h_platforms": "Platform",
        "h_kinds": "Tabel",
        "h_accounts": "Akun",
        "h_rows": "Baris",
        "h_rejected": "Ditolak",
        "h_from": "Dari",
        "h_to": "Sampai",
        "h_origin": "Asal",
        "sample": "contoh",
        "select_hint": "Pilih impor di tabel untuk melihat baris yang ditolak atau menghapusnya.",
        "delete": "Hapus {n} impor terpilih",
        "delete_confirm": "Ya, hapus",
        "delete_warning": (
            "Menghapus hanya membuang baris yang dibawa impor ini. Bila impor yang lebih baru menggantikan "
            "nilai impor lama, nilai lama akan kembali."
        ),
        "deleted": "{n} impor dihapus.",
        "rejected_of": "Baris ditolak dari impor #{id}",
        "no_rejected": "Impor #{id} tidak menolak baris apa pun.",
        "sample_title": "Workspace contoh",
        "sample_loaded": (
            "Workspace contoh **Kopi Senja Nusantara** (merek rekaan) sedang dimuat dan ditandai sebagai data contoh. "
            "Hapus saat Anda mulai dengan ekspor sendiri: impor, rencana, dan target Anda tetap ada."
        ),
        "sample_not_loaded": (
            "Muat workspace contoh untuk mencoba dasbor: 18 bulan data merek kopi Indonesia rekaan di enam platform, "
            "dengan iklan, rencana konten, dan target. Ditandai sebagai data contoh dan dapat dihapus sekali klik."
        ),
        "load_sample": "Muat workspace contoh",
        "remove_sample": "Hapus workspace contoh",
        "sample_removed": "Data contoh dihapus: {imports} impor, {plans} rencana, {targets} target.",
        "sample_added": "Workspace contoh dimuat ({n} file).",
        "loading_sample": "Memuat workspace contoh…",
        "backup_title": "Cadangan",
        "backup_intro": (
            "Unduh seluruh workspace (impor, rencana, target, uji A/B, pengaturan, pemetaan kolom) sebagai zip "
            "berisi file CSV; pulihkan di sini atau dengan `python -m smo_metrics restore`."
        ),
        "prepare_backup": "Siapkan cadangan",
        "preparing": "Menulis cadangan…",
        "download_backup": "Unduh {name} ({size})",
        "restore_title": "Pulihkan cadangan",
        "restore_file": "Zip cadangan",
        "restore_confirm": "Ganti semua isi workspace ini dengan cadangan",
        "restore_button": "Pulihkan",
        "restored": "Dipulihkan: {imports} impor ({rows} baris), {plans} rencana, {targets} target.",
        "database": "Database workspace: `{url}`",
    },
}

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_escape(text: str) -> str:
    """Text shown literally inside Streamlit markdown (file and column names carry ``_`` and ``*``)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


@st.cache_data(max_entries=32, show_spinner=False)
def read_upload(digest: str, name: str, tz: str, today: str, _data: bytes) -> dict[str, Any]:
    """Read one upload, cached on its content hash (the bytes themselves are not hashed).

    Returns ``{"result": FileResult | None, "error": str | None, "described": dict | None,
    "rejected": [DataFrame per table, at most REJECTED_SHOWN rows]}``.
    """
    try:
        result = read_file(_data, name, tz=tz, today=dt.date.fromisoformat(today))
    except DataError as exc:
        return {"result": None, "error": str(exc), "described": None, "rejected": []}
    return {
        "result": result,
        "error": None,
        "described": describe_result(result),
        "rejected": [t.rejected.head(REJECTED_SHOWN).reset_index(drop=True) for t in result.tables],
    }


@st.cache_data(max_entries=16, show_spinner=False)
def file_headers(digest: str, name: str, header_row: int, _data: bytes) -> list[str]:
    """The headers of an unknown file's first sheet at ``header_row`` (for mapping by hand)."""
    _, sheets = open_sheets(_data, name)
    return list(sheets[0].table(header_row).header)


def date_range_label(table: dict[str, Any], lang: str) -> str:
    lo, hi = table["date_min"], table["date_max"]
    if lo is None and hi is None:
        return i18n.MISSING
    return i18n.date_range(dt.date.fromisoformat(lo), dt.date.fromisoformat(hi), lang)


def table_label(table: dict[str, Any], lang: str) -> str:
    account = f" · {table['account']}" if table["account"] else ""
    return f"{i18n.label(table['platform'], lang)} {table['kind']}{account} ({table['source']})"


def summary_frame(described: dict[str, Any], w: dict[str, str], lang: str) -> pd.DataFrame:
    """One row per table found in the file, for display."""
    tables = described["tables"]
    rows = [
        {
            w["platform"]: i18n.label(t["platform"], lang),
            w["kind"]: t["kind"],
            w["account"]: t["account"] or i18n.MISSING,
            w["rows"]: t["rows"],
            w["rejected"]: t["rejected_rows"],
            w["dates"]: date_range_label(t, lang),
            w["source"]: t["source"],
        }
        for t in tables
    ]
    frame = pd.DataFrame(
        rows, columns=[w[k] for k in ("platform", "kind", "account", "rows", "rejected", "dates", "source")]
    )
    if all(t["source"] == described["file"] for t in tables):
        frame = frame.drop(columns=w["source"])
    return frame


def show_error(message: str) -> None:
    # A DataError's message is a sentence, then one "  - problem" line per problem.
    st.error("  \n".join(md_escape(line.strip()) for line in message.splitlines() if line.strip()))


def show_file(described: dict[str, Any], rejected: list[pd.DataFrame], w: dict[str, str], lang: str) -> None:
    """What one file holds: its tables, warnings, unmapped columns and rejected rows."""
    tables = described["tables"]
    st.dataframe(summary_frame(described, w, lang), hide_index=True)
    for warning in dict.fromkeys(x for t in tables for x in t["warnings"]):
        st.caption(f":material/info: {md_escape(warning)}")
    unmapped = [t for t in tables if t["unmapped_columns"]]
    if unmapped:
        with st.expander(w["unmapped"].format(n=sum(len(t["unmapped_columns"]) for t in unmapped))):
            st.caption(w["unmapped_help"])
            for t in unmapped:
                if len(tables) > 1:
                    st.markdown(md_escape(table_label(t, lang)))
                st.text(", ".join(t["unmapped_columns"]))
    total = sum(t["rejected_rows"] for t in tables)
    if total:
        with st.expander(w["rejected_title"].format(n=i18n.number(total, lang))):
            st.caption(w["rejected_help"])
            for t, frame in zip(tables, rejected, strict=True):
                if not t["rejected_rows"]:
                    continue
                if len(tables) > 1:
                    st.markdown(md_escape(table_label(t, lang)))
                if t["rejected_rows"] > len(frame):
                    st.caption(w["first_of"].format(shown=len(frame), total=t["rejected_rows"]))
                st.dataframe(frame, hide_index=True)


def known_accounts(view: state.View, platform: str) -> list[str]:
    found: set[str] = set()
    for kind in ("posts", "account_daily", "audience", "follower_activity"):
        frame = view.all_tables[kind]
        found |= set(frame.loc[frame["platform"] == platform, "account"].dropna().astype(str))
    return sorted(found)


def ask_accounts(result: FileResult, digest: str, view: state.View, w: dict[str, str]) -> dict[int, str] | None:
    """Ask the account of each table the export does not name; None while one is missing."""
    answers: dict[int, str] = {}
    for i, t in enumerate(result.tables):
        if t.account:
            continue
        options = known_accounts(view, t.platform)
        question = w["name_account"].format(platform=i18n.label(t.platform, view.lang), what=md_escape(t.source))
        if options:
            chosen = st.selectbox(
                question,
                options,
                index=0 if len(options) == 1 else None,
                accept_new_options=True,
                help=w["name_account_help"],
                key=f"acct-{digest}-{i}",
            )
        else:
            chosen = st.text_input(question, key=f"acct-{digest}-{i}")
        if not chosen or not str(chosen).strip():
            return None
        answers[i] = str(chosen).strip()
    return answers


def mapping_form(data: bytes, name: str, digest: str, view: state.View, w: dict[str, str]) -> FileResult | None:
    """Map an unrecognised file's columns by hand; returns the file read with the mapping once asked."""
    store = view.store
    with st.expander(w["map_title"].format(name=md_escape(name)), expanded=False):
        st.caption(w["map_intro"])
        c1, c2, c3, c4 = st.columns(4)
        header_row = int(c4.number_input(w["header_row"], min_value=1, value=1, step=1, key=f"hr-{digest}")) - 1
        try:
            headers = file_headers(digest, name, header_row, data)
        except DataError as exc:
            show_error(str(exc))
            return None
        saved = store.matching_mappings(headers)
        saved_names = list(saved["name"])
        pick = st.selectbox(
            w["saved_mapping"],
            saved_names,
            index=0 if saved_names else None,
            placeholder=w["no_saved"],
            key=f"sm-{digest}",
        )
        preset = saved.set_index("name").loc[pick] if pick else None
        kinds = list(schema.KINDS)
        kind = c1.selectbox(
            w["map_kind"],
            kinds,
            index=kinds.index(preset["kind"]) if preset is not None else 0,
            key=f"mk-{digest}-{pick}",
        )
        platforms = list(schema.PLATFORMS)
        platform = c2.selectbox(
            w["map_platform"],
            platforms,
            index=platforms.index(preset["platform"]) if preset is not None else 0,
            format_func=lambda p: i18n.label(p, view.lang),
            key=f"mp-{digest}-{pick}",
        )
        account = c3.text_input(w["map_account"], key=f"ma-{digest}") or None
        definition = preset["definition"] if preset is not None else {}
        start = definition.get("columns") if definition else guess_mapping(headers, kind)
        required = REQUIRED[kind]
        model_columns = [c for c in schema.columns(kind) if c not in ("platform", "account")]
        grid = pd.DataFrame(
            {
                w["model_column"]: [f"{c} ({w['required']})" if c in required else c for c in model_columns],
                w["file_column"]: [(start or {}).get(c, NOT_MAPPED) for c in model_columns],
            }
        )
        edited = st.data_editor(
            grid,
            hide_index=True,
            disabled=[w["model_column"]],
            column_config={w["file_column"]: st.column_config.SelectboxColumn(options=[NOT_MAPPED, *headers])},
            key=f"grid-{digest}-{kind}-{pick}",
        )
        mapping = {
            c: str(h) for c, h in zip(model_columns, edited[w["file_column"]], strict=True) if h and h != NOT_MAPPED
        }
        d1, d2 = st.columns(2)
        date_format = d1.text_input(
            w["date_format"], value=definition.get("date_format") or "", key=f"df-{digest}-{pick}"
        )
        decimal = d2.selectbox(w["decimal"], [w["decimal_auto"], ".", ","], key=f"dm-{digest}-{pick}")
        missing = [c for c in required if c not in mapping]
        if missing:
            st.info(w["mapping_needs"].format(cols=", ".join(missing)))
        s1, s2 = st.columns([3, 1], vertical_alignment="bottom")
        save_name = s1.text_input(w["save_as"], value=pick or "", key=f"sn-{digest}")
        if s2.button(w["save_mapping"], key=f"save-{digest}", disabled=bool(missing) or not save_name.strip()):
            try:
                store.save_mapping(
                    save_name,
                    kind,
                    platform,
                    mapping,
                    header_row=header_row,
                    date_format=date_format or None,
                    decimal=None if decimal == w["decimal_auto"] else decimal,
                )
                st.success(w["mapping_saved"].format(name=save_name.strip()))
            except (UsageError, DataError) as exc:
                show_error(str(exc))
        key = f"mapped-{digest}"
        if st.button(w["read_mapped"], key=f"read-{digest}", disabled=bool(missing), type="primary"):
            try:
                st.session_state[key] = read_mapped(
                    data,
                    mapping,
                    kind=kind,
                    platform=platform,
                    account=account,
                    name=name,
                    tz=view.tz,
                    date_format=date_format or None,
                    decimal=None if decimal == w["decimal_auto"] else decimal,
                    header_row=header_row,
                )
            except (DataError, UsageError) as exc:
                st.session_state.pop(key, None)
                show_error(str(exc))
    return st.session_state.get(key)


def import_tab(view: state.View, w: dict[str, str]) -> None:
    store, lang = view.store, view.lang
    # A new key after each import empties the uploader: what was imported is listed below instead.
    round_ = st.session_state.get("upload_round", 0)
    uploads = st.file_uploader(w["files"], type=UPLOAD_TYPES, accept_multiple_files=True, key=f"uploads-{round_}")
    if not uploads:
        st.info(w["exports"])
    imports = store.imports()
    known = dict(zip(imports["content_hash"], zip(imports["id"], imports["imported_at"], strict=True), strict=True))
    today = dt.date.today().isoformat()
    ready: list[tuple[str, bytes, FileResult, dict[int, str]]] = []
    waiting = False
    for uploaded in uploads or []:
        st.markdown(f"#### {md_escape(uploaded.name)}")
        try:
            data = uploaded.getvalue()
            digest = content_hash(data)
            if digest in known:
                import_id, when = known[digest]
                when_local = when.tz_convert(view.tz)
                st.success(w["already"].format(id=import_id, when=f"{i18n.date(when_local, lang)} {when_local:%H:%M}"))
                continue
            read = read_upload(digest, uploaded.name, view.tz, today, data)
            result: FileResult | None = read["result"]
            if result is None:
                show_error(read["error"])
                result = mapping_form(data, uploaded.name, digest, view, w)
                if result is None:
                    continue
                described, rejected = describe_result(result), [t.rejected.head(REJECTED_SHOWN) for t in result.tables]
            else:
                described, rejected = read["described"], read["rejected"]
            show_file(described, rejected, w, lang)
            accounts = ask_accounts(result, digest, view, w)
            if accounts is None:
                waiting = True
                continue
            ready.append((uploaded.name, data, result, accounts))
        except Exception:
            # The user sees which file failed; the traceback goes to the server log only.
            log.exception("Reading the upload %r failed", uploaded.name)
            st.error(w["unexpected"].format(name=md_escape(uploaded.name)))
    results = st.session_state.get("import_results")
    if not uploads:
        if results:
            show_results(results, w, lang)
        return
    st.session_state.pop("import_results", None)  # new files: the last import's outcome is history now
    if waiting:
        st.warning(w["needs_account"])
    if st.button(
        w["import_button"].format(n=len(ready)), type="primary", disabled=not ready, icon=":material/download:"
    ):
        run_import(view, ready, w)


def run_import(view: state.View, ready: list[tuple[str, bytes, FileResult, dict[int, str]]], w: dict[str, str]) -> None:
    """Store each ready file as one import, with a progress bar; keeps the outcome for the rerun."""
    bar = st.progress(0.0)
    outcomes: list[ImportResult] = []
    by = _who()
    for i, (name, data, result, accounts) in enumerate(ready):
        bar.progress(i / len(ready), text=w["importing"].format(name=name, i=i + 1, n=len(ready)))
        own = copy.deepcopy(result)  # the cached reading stays as read
        for index, account in accounts.items():
            table = own.tables[index]
            assign_account(FileResult(own.file, [table], []), account)
        try:
            outcomes.append(view.store.import_result(own, content_hash(data), name, by, size_bytes=len(data)))
        except DataError as exc:
            outcomes.append(ImportResult(name, "failed", error=str(exc)))
    bar.progress(1.0)
    st.session_state["import_results"] = [o.to_dict() | {"message": o.message} for o in outcomes]
    st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
    st.rerun()


def _who() -> str | None:
    """Who imports, when the app knows (Streamlit authentication); else nobody is named."""
    try:
        if st.user.is_logged_in:
            return str(st.user.get("email") or st.user.get("name") or "") or None
    except Exception:  # no authentication configured
        return None
    return None


def show_results(results: list[dict[str, Any]], w: dict[str, str], lang: str) -> None:
    counts = {s: sum(r["status"] == s for r in results) for s in ("imported", "duplicate", "failed")}
    text = w["imported"].format(ok=counts["imported"], dup=counts["duplicate"], failed=counts["failed"])
    (st.error if counts["failed"] else st.success)(text)
    frame = pd.DataFrame(
        {
            w["result_file"]: [r["file"] for r in results],
            w["result_status"]: [w[f"status_{r['status']}"] for r in results],
            w["result_id"]: [r["import_id"] for r in results],
            w["result_rows"]: [sum(t["rows"] for t in r["tables"]) for r in results],
            w["result_message"]: [r["error"] or r["message"] for r in results],
        }
    )
    st.dataframe(frame, hide_index=True)


def history_tab(view: state.View, w: dict[str, str]) -> None:
    store, lang = view.store, view.lang
    imports = store.imports()
    if imports.empty:
        st.info(w["history_empty"])
        return
    imports = imports.iloc[::-1].reset_index(drop=True)
    local = imports["imported_at"].dt.tz_convert(view.tz)
    shown = pd.DataFrame(
        {
            w["h_id"]: imports["id"],
            w["h_file"]: imports["file_name"],
            w["h_when"]: [f"{i18n.date(t, lang)} {t:%H:%M}" for t in local],
            w["h_by"]: imports["imported_by"].fillna(i18n.MISSING),
            w["h_platforms"]: [
                ", ".join(i18n.label(p.strip(), lang) for p in str(x).split(",") if p.strip())
                for x in imports["platforms"]
            ],
            w["h_kinds"]: imports["kinds"],
            w["h_accounts"]: imports["accounts"].fillna(""),
            w["h_rows"]: imports["rows"],
            w["h_rejected"]: imports["rejected_rows"],
            w["h_from"]: [i18n.date(d, lang) for d in imports["date_min"]],
            w["h_to"]: [i18n.date(d, lang) for d in imports["date_max"]],
            w["h_origin"]: [w["sample"] if o == sample_data.ORIGIN else "" for o in imports["origin"].fillna("")],
        }
    )
    st.caption(w["select_hint"])
    event = st.dataframe(shown, hide_index=True, on_select="rerun", selection_mode="multi-row", key="history")
    rows = list(event.selection.rows) if event is not None else []
    chosen = [int(imports["id"].iloc[r]) for r in rows]
    if not chosen:
        return
    for import_id in chosen[:3]:
        rejected = store.rejected(import_id)
        if rejected.empty:
            st.caption(w["no_rejected"].format(id=import_id))
        else:
            with st.expander(f"{w['rejected_of'].format(id=import_id)} ({i18n.number(len(rejected), lang)})"):
                st.dataframe(rejected.head(REJECTED_SHOWN), hide_index=True)
    with st.popover(w["delete"].format(n=len(chosen)), icon=":material/delete:"):
        st.warning(w["delete_warning"])
        if st.button(w["delete_confirm"], type="primary", key="delete-confirm"):
            for import_id in chosen:
                store.delete_import(import_id)
            st.session_state.pop("import_results", None)
            st.toast(w["deleted"].format(n=len(chosen)))
            st.rerun()


def workspace_tab(view: state.View, w: dict[str, str]) -> None:
    store = view.store
    st.subheader(w["sample_title"])
    if view.is_sample:
        st.markdown(w["sample_loaded"])
        if st.button(w["remove_sample"], icon=":material/delete:", key="remove-sample"):
            removed = sample_data.remove(store)
            st.toast(w["sample_removed"].format(**removed))
            st.rerun()
    else:
        st.markdown(w["sample_not_loaded"])
        if st.button(w["load_sample"], icon=":material/science:", key="load-sample"):
            with st.spinner(w["loading_sample"]):
                results = sample_data.install(store)
            st.toast(w["sample_added"].format(n=len(results)))
            st.rerun()

    st.subheader(w["backup_title"])
    st.markdown(w["backup_intro"])
    version = store.version()
    ready = st.session_state.get("backup")
    if st.button(w["prepare_backup"], icon=":material/inventory_2:", key="prepare-backup"):
        with st.spinner(w["preparing"]), tempfile.TemporaryDirectory() as tmp:
            name = f"workspace-{dt.date.today().isoformat()}.zip"
            path = Path(tmp) / name
            store.backup(path)
            ready = {"version": version, "name": name, "data": path.read_bytes()}
            st.session_state["backup"] = ready
    if ready and ready["version"] == version:
        size = f"{i18n.number(len(ready['data']) / 1_048_576, view.lang, 1)} MB"
        st.download_button(
            w["download_backup"].format(name=ready["name"], size=size),
            ready["data"],
            file_name=ready["name"],
            mime="application/zip",
            icon=":material/download:",
        )

    st.subheader(w["restore_title"])
    backup_file = st.file_uploader(w["restore_file"], type=["zip"], key="restore-file")
    confirm = st.checkbox(w["restore_confirm"], key="restore-confirm")
    if st.button(w["restore_button"], disabled=not (backup_file and confirm), key="restore"):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "backup.zip"
            path.write_bytes(backup_file.getvalue())
            try:
                counts = store.restore(path, replace=True)
            except DataError as exc:
                show_error(str(exc))
            else:
                st.session_state.pop("backup", None)
                st.toast(w["restored"].format(**counts))
                st.rerun()
    from smo_metrics.store.db import safe_url

    st.caption(w["database"].format(url=safe_url(store.url)))


view = state.current_view()
w = WORDS[view.lang]
st.title(page_title("data", view.lang))
st.markdown(w["intro"])
tab_import, tab_history, tab_workspace = st.tabs([w["tab_import"], w["tab_history"], w["tab_workspace"]])
with tab_import:
    import_tab(view, w)
with tab_history:
    history_tab(view, w)
with tab_workspace:
    workspace_tab(view, w)
