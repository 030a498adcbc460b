"""The workspace in the session, and the filters every page shares.

:func:`workspace` opens the store once per process (``st.cache_resource``), loads the sample
workspace on the very first start, and returns the canonical tables (``Store.load`` keeps them
in memory until the store's change marker moves, so a rerun costs one ``SELECT``).

:func:`sidebar` draws the shared sidebar (data status, date range, comparison, platforms,
accounts, language) and returns a :class:`View`: the filters as plain values. Every filter is a
widget bound to the URL query parameters (``bind="query-params"``), so a manager can bookmark
or share a view, and the filters survive page switches.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass, field
from typing import Any, Final

import pandas as pd
import streamlit as st

import sample_data
from smo_metrics import i18n
from smo_metrics.errors import DataError
from smo_metrics.growth import PRESETS, Period, comparison_period, preset_period
from smo_metrics.store import Store, open_store
from smo_metrics.tables import coverage, select

log = logging.getLogger(__name__)

RANGE_CHOICES: Final = (*PRESETS, "custom")
COMPARE_CHOICES: Final = ("previous", "year_ago", "none")

WORDS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "data": "Data",
        "sample_badge": "Sample data",
        "sample_text": "You are looking at the sample workspace of **Kopi Senja Nusantara**, a made-up brand.",
        "remove_sample": "Remove sample data",
        "remove_sample_help": "Removes every sample import, plan and target. Your own data stays.",
        "last_import": "Last import",
        "no_data": "No data yet: upload your exports on the **Data** page.",
        "coverage": "Data coverage",
        "range": "Date range",
        "last_7": "Last 7 days",
        "last_28": "Last 28 days",
        "last_90": "Last 90 days",
        "this_month": "This month",
        "last_month": "Last month",
        "this_quarter": "This quarter",
        "custom": "Custom",
        "from": "From",
        "to": "To",
        "compare": "Compare with",
        "previous": "Previous period",
        "year_ago": "Same period last year",
        "none": "No comparison",
        "platforms": "Platforms",
        "accounts": "Accounts",
        "all": "All",
        "language": "Language",
        "anchored": "Your data ends on {end}: date ranges count back from that day.",
        "times_in": "Times in {tz}",
        "store_error": "The workspace database cannot be opened: {error}",
        "loading_sample": "Loading the sample workspace (first start)…",
    },
    "id": {
        "data": "Data",
        "sample_badge": "Data contoh",
        "sample_text": "Anda melihat workspace contoh **Kopi Senja Nusantara**, merek rekaan.",
        "remove_sample": "Hapus data contoh",
        "remove_sample_help": "Menghapus semua impor, rencana, dan target contoh. Data Anda sendiri tetap ada.",
        "last_import": "Impor terakhir",
        "no_data": "Belum ada data: unggah ekspor Anda di halaman **Data**.",
        "coverage": "Cakupan data",
        "range": "Rentang tanggal",
        "last_7": "7 hari terakhir",
        "last_28": "28 hari terakhir",
        "last_90": "90 hari terakhir",
        "this_month": "Bulan ini",
        "last_month": "Bulan lalu",
        "this_quarter": "Kuartal ini",
        "custom": "Atur sendiri",
        "from": "Dari",
        "to": "Sampai",
        "compare": "Bandingkan dengan",
        "previous": "Periode sebelumnya",
        "year_ago": "Periode sama tahun lalu",
        "none": "Tanpa pembanding",
        "platforms": "Platform",
        "accounts": "Akun",
        "all": "Semua",
        "language": "Bahasa",
        "anchored": "Data Anda berakhir pada {end}: rentang tanggal dihitung mundur dari hari itu.",
        "times_in": "Waktu dalam {tz}",
        "store_error": "Database workspace tidak dapat dibuka: {error}",
        "loading_sample": "Memuat workspace contoh (pertama kali dibuka)…",
    },
}


def words(lang: str) -> dict[str, str]:
    """The sidebar's words in ``lang``."""
    return WORDS[i18n.check_language(lang)]


@dataclass(frozen=True)
class View:
    """The filters of the current view, as plain values (pages read these, never the widgets).

    ``period`` is the inclusive date range in the workspace time zone; ``compare`` is the
    comparison period (``None`` for no comparison). Empty ``platforms``/``accounts`` mean all.
    ``tables`` are the workspace's canonical tables already restricted to the chosen platforms
    and accounts (all dates: pages cut periods with :func:`smo_metrics.tables.between`).
    """

    lang: str
    tz: str
    currency: str
    er_basis: str
    brand: str
    period: Period
    compare: Period | None
    compare_mode: str
    platforms: tuple[str, ...]
    accounts: tuple[str, ...]
    tables: dict[str, pd.DataFrame] = field(repr=False)
    all_tables: dict[str, pd.DataFrame] = field(repr=False)
    store: Store = field(repr=False)
    is_sample: bool = False

    def t(self, key: str) -> str:
        """A shared word (metric, platform, common noun) in the view's language."""
        return i18n.label(key, self.lang)


def _secret_url() -> str | None:
    """``st.secrets["db_url"]`` when a secrets file defines it (no secrets file is fine)."""
    try:
        value = st.secrets.get("db_url")
    except Exception:  # Streamlit raises when there is no secrets file at all
        return None
    return str(value) if value else None


@st.cache_resource(show_spinner=False)
def _store() -> Store:
    return open_store(_secret_url())


_SAMPLE_LOCK = threading.Lock()


def _ensure_sample(store: Store) -> None:
    """On the very first start (no import ever, sample never loaded or removed) load the sample."""
    if store.setting("sample_workspace") != "" or not store.imports().empty:
        return
    with _SAMPLE_LOCK:  # two sessions opening the first page at once load it once
        if store.setting("sample_workspace") != "" or not store.imports().empty:
            return
        with st.spinner(words("en")["loading_sample"]):
            sample_data.install(store)


def open_workspace() -> Store:
    """The session's store (one per process), with the sample loaded on first start.

    Stops the page with a clear message when the database cannot be opened.
    """
    try:
        store = _store()
        _ensure_sample(store)
    except DataError as exc:
        _store.clear()
        st.error(words("en")["store_error"].format(error=exc))
        st.stop()
    return store


def data_end(cov: pd.DataFrame) -> dt.date | None:
    """The last day any post, daily or ads row covers, from :func:`smo_metrics.tables.coverage`."""
    cov = cov[cov["kind"].isin(["posts", "account_daily", "ads"])]
    if cov.empty:
        return None
    last = cov["last"].max()
    return None if pd.isna(last) else last.date()


@dataclass(frozen=True)
class Facts:
    """What the sidebar needs to know of the whole workspace (computed once per store change)."""

    coverage: pd.DataFrame
    platforms: list[str]
    accounts: dict[str, list[str]]  # platform -> accounts with posts, daily rows or audience


@st.cache_data(max_entries=4, show_spinner=False)
def workspace_facts(url: str, version: int, _tables: dict[str, pd.DataFrame]) -> Facts:
    """Coverage, platforms and accounts of the workspace, cached on the store's change marker
    (the tables are not hashed: ``url`` and ``version`` identify them exactly)."""
    accounts: dict[str, set[str]] = {}
    for kind in ("posts", "account_daily", "audience"):
        frame = _tables[kind]
        if frame.empty:
            continue
        pairs = frame[["platform", "account"]].dropna().drop_duplicates()
        for platform, account in pairs.itertuples(index=False):
            accounts.setdefault(str(platform), set()).add(str(account))
    return Facts(
        coverage=coverage(_tables),
        platforms=_present(_tables, "platform"),
        accounts={p: sorted(a) for p, a in accounts.items()},
    )


def _query(key: str) -> str | None:
    value = st.query_params.get(key)
    return value if value else None


def current_language(store: Store) -> str:
    """The language of this run before the sidebar is drawn (for the navigation's titles)."""
    chosen = st.session_state.get("lang") or str(st.query_params.get("lang") or "").lower()
    return chosen if chosen in i18n.LANGUAGES else store.setting("language")


def current_view() -> View:
    """The view the frame (``app.py``) built for this run; pages call this first."""
    _require_frame()
    view = st.session_state.get("_view")
    if not isinstance(view, View):  # a page script run on its own: build the frame's view
        view = sidebar(open_workspace())
    return view


def _require_frame() -> None:
    """Rerun through ``app.py`` when Streamlit ran this page script without it.

    Streamlit (1.67) starts in its old folder-based multipage mode when a ``pages/`` folder
    sits next to the main script, until the first ``st.navigation`` call switches it off for
    the process. A server whose first request is a bookmarked page (``/prime_time``) would then
    run page scripts alone, without the frame, for every session. The flag is only set in that
    mode, so seeing it here means the frame did not run: switch it off and rerun once.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def sidebar(store: Store) -> View:
    """Draw the shared sidebar and return the view it selects."""
    settings = store.settings()
    all_tables = store.load()
    facts = workspace_facts(store.url, store.version(), all_tables)
    lang_default = settings["language"]
    with st.sidebar:
        lang = st.segmented_control(
            "🌐",
            list(i18n.LANGUAGES),
            default=lang_default,
            format_func=str.upper,  # also the URL's form: ?lang=ID
            key="lang",
            bind="query-params",
            label_visibility="collapsed",
            required=True,
        )
        lang = lang or lang_default
        w = words(lang)
        is_sample = settings["sample_workspace"] == "loaded" and _has_sample(store)
        _status(store, facts, w, lang, is_sample)

        today = dt.datetime.now(tz=_zone(settings["tz"])).date()
        end_of_data = data_end(facts.coverage)
        anchor = min(today, end_of_data) if end_of_data else today
        choice = st.selectbox(
            w["range"],
            RANGE_CHOICES,
            index=RANGE_CHOICES.index("last_28"),
            format_func=lambda k: w[k],
            key="range",
            bind="query-params",
        )
        if choice == "custom":
            default = preset_period("last_28", anchor)
            c1, c2 = st.columns(2)
            start = c1.date_input(w["from"], value=default.start, key="from", bind="query-params", format="DD/MM/YYYY")
            end = c2.date_input(w["to"], value=default.end, key="to", bind="query-params", format="DD/MM/YYYY")
            start, end = (start, end) if start <= end else (end, start)
            period = Period(start, end)
        else:
            period = preset_period(choice, anchor)
            if anchor < today:
                st.caption(w["anchored"].format(end=i18n.date(anchor, lang)))
        st.caption(f"{i18n.date_range(period.start, period.end, lang)} · {w['times_in'].format(tz=settings['tz'])}")
        mode = st.selectbox(w["compare"], COMPARE_CHOICES, format_func=lambda k: w[k], key="cmp", bind="query-params")
        compare = None if mode == "none" else comparison_period(period, mode)
        if compare is not None:
            st.caption(i18n.date_range(compare.start, compare.end, lang))

        platforms = st.multiselect(
            w["platforms"],
            facts.platforms,
            format_func=lambda p: i18n.label(p, lang),
            placeholder=w["all"],
            key="pf",
            bind="query-params",
        )
        accounts = st.multiselect(
            w["accounts"],
            sorted({a for p, names in facts.accounts.items() if not platforms or p in platforms for a in names}),
            placeholder=w["all"],
            key="acct",
            bind="query-params",
        )
    tables = select(all_tables, platforms, accounts)
    view = View(
        lang=lang,
        tz=settings["tz"],
        currency=settings["currency"],
        er_basis=settings["er_definition"],
        brand=settings["brand_name"],
        period=period,
        compare=compare,
        compare_mode=mode,
        platforms=tuple(platforms),
        accounts=tuple(accounts),
        tables=tables,
        all_tables=all_tables,
        store=store,
        is_sample=is_sample,
    )
    st.session_state["_view"] = view
    return view


def _zone(tz: str) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(tz)


def _present(tables: dict[str, pd.DataFrame], column: str) -> list[str]:
    found: set[str] = set()
    for frame in tables.values():
        if column in frame.columns and not frame.empty:
            found |= set(frame[column].dropna().astype(str).unique())
    return sorted(found)


def _has_sample(store: Store) -> bool:
    imports = store.imports()
    return bool((imports["origin"] == sample_data.ORIGIN).any())


def _status(store: Store, facts: Facts, w: dict[str, str], lang: str, is_sample: bool) -> None:
    """Data status: sample or real, the last import, and coverage per platform."""
    imports = store.imports()
    if is_sample:
        st.warning(f"**{w['sample_badge']}** · {w['sample_text']}", icon=":material/science:")
        if st.button(w["remove_sample"], help=w["remove_sample_help"], icon=":material/delete:"):
            sample_data.remove(store)
            st.rerun()
    if imports.empty:
        st.info(w["no_data"])
        return
    last = imports.iloc[-1]
    when = last["imported_at"].tz_convert(store.setting("tz"))
    st.caption(f"{w['last_import']}: {i18n.date(when, lang)} {when:%H:%M} · {last['file_name']}")
    cov = facts.coverage.dropna(subset=["first", "last"])
    if cov.empty:
        return
    with st.expander(w["coverage"]):
        span = (
            cov.groupby("platform")
            .agg(first=("first", "min"), last=("last", "max"))
            .reset_index()
            .assign(
                platform=lambda f: f["platform"].map(lambda p: i18n.label(p, lang)),
                dates=lambda f: [
                    i18n.date_range(a.date(), b.date(), lang) for a, b in zip(f["first"], f["last"], strict=True)
                ],
            )
        )
        for row in span.itertuples():
            st.caption(f"**{row.platform}** · {row.dates}")
