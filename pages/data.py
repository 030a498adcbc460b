"""Data page: upload platform exports and see what each file holds.

The page reads nothing itself. :func:`smo_metrics.ingest.read_file` reads each upload and
:func:`smo_metrics.inspect.describe_result` describes it: the same dictionaries that
``python -m smo_metrics inspect --json`` prints, so the page and the CLI agree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from typing import Any

import pandas as pd
import streamlit as st

from smo_metrics.errors import DataError
from smo_metrics.ingest import DEFAULT_TZ, read_file
from smo_metrics.inspect import describe_result

log = logging.getLogger(__name__)

UPLOAD_TYPES = ["csv", "tsv", "txt", "xlsx", "xls", "zip"]

# Rejected rows sent to the browser per table; the count above the frame gives the full number.
REJECTED_SHOWN = 1_000

EXPORTS = """\
Upload the files you download from each platform; several at once is fine, and so is a zip:

- **Instagram and Facebook**: the content (posts) export and the Insights files from Meta Business Suite
- **TikTok**: the TikTok Studio exports (Overview, Content, Viewers, Followers)
- **X**: the analytics export
- **LinkedIn**: the Page analytics workbooks (content, visitors, followers)
- **YouTube**: the YouTube Studio export (Table data, Chart data, Totals, or their zip)
- **Ads**: Meta Ads Manager and TikTok Ads Manager reports
- **Website**: Google Analytics 4 CSV exports
"""

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_escape(text: str) -> str:
    """Text shown literally inside Streamlit markdown (file and column names carry ``_`` and ``*``)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


@st.cache_data(max_entries=32, show_spinner="Reading the file…")
def load_upload(digest: str, name: str, tz: str, today: str, _data: bytes) -> dict[str, Any]:
    """Read one upload and describe it as plain data, cached on the content hash.

    Parameters
    ----------
    digest
        SHA-256 of ``_data``: the cache key for the bytes, which are not hashed by Streamlit
        (the leading underscore excludes them).
    name
        The file name as uploaded; export detection and year-less dates depend on it.
    tz
        Workspace time zone for timestamps without one.
    today
        ISO date that year-less exports are anchored to; part of the key so a cached read
        does not outlive the day it was made on.
    _data
        The file's bytes.

    Returns
    -------
    dict
        The ``inspect --json`` object (``file``, ``ok``, ``error``, ``tables``) plus
        ``rejected``: one DataFrame per table (``line``, ``reason``, ``values``), at most
        ``REJECTED_SHOWN`` rows each. Plain data only: a page module's own classes cannot be
        pickled into the cache.
    """
    try:
        result = read_file(_data, name, tz=tz, today=dt.date.fromisoformat(today))
    except DataError as exc:
        return {"file": name, "ok": False, "error": str(exc), "tables": [], "rejected": []}
    described = describe_result(result)
    described["rejected"] = [t.rejected.head(REJECTED_SHOWN).reset_index(drop=True) for t in result.tables]
    return described


def date_range_label(table: dict[str, Any]) -> str:
    lo, hi = table["date_min"], table["date_max"]
    if lo is None and hi is None:
        return "—"
    if lo == hi:
        return str(lo)
    return f"{lo} → {hi}"


def table_label(table: dict[str, Any]) -> str:
    account = f" · {table['account']}" if table["account"] else ""
    return f"{table['platform']} {table['kind']}{account} ({table['source']})"


def summary_frame(described: dict[str, Any]) -> pd.DataFrame:
    """One row per table found in the file, for display."""
    tables = described["tables"]
    rows = [
        {
            "Platform": t["platform"],
            "Kind": t["kind"],
            "Account": t["account"] or "—",
            "Rows": t["rows"],
            "Rejected rows": t["rejected_rows"],
            "Dates": date_range_label(t),
            "Source": t["source"],
        }
        for t in tables
    ]
    frame = pd.DataFrame(rows, columns=["Platform", "Kind", "Account", "Rows", "Rejected rows", "Dates", "Source"])
    if all(t["source"] == described["file"] for t in tables):
        frame = frame.drop(columns="Source")
    return frame


def show_error(message: str) -> None:
    # A DataError's message is a sentence, then one "  - problem" line per problem.
    st.error("  \n".join(md_escape(line.strip()) for line in message.splitlines() if line.strip()))


def show_file(described: dict[str, Any]) -> None:
    """Draw what one file holds: its tables, warnings, unmapped columns and rejected rows."""
    st.markdown(f"#### {md_escape(described['file'])}")
    if not described["ok"]:
        show_error(described["error"])
        return
    tables = described["tables"]
    st.dataframe(summary_frame(described), hide_index=True)

    for warning in dict.fromkeys(w for t in tables for w in t["warnings"]):
        st.warning(md_escape(warning))

    unmapped = [t for t in tables if t["unmapped_columns"]]
    if unmapped:
        count = sum(len(t["unmapped_columns"]) for t in unmapped)
        with st.expander(f"Columns kept but not mapped ({count})"):
            st.caption("Kept in the table under their original header; no metric uses them.")
            for t in unmapped:
                if len(tables) > 1:
                    st.markdown(md_escape(table_label(t)))
                st.text(", ".join(t["unmapped_columns"]))

    rejected_total = sum(t["rejected_rows"] for t in tables)
    if rejected_total:
        with st.expander(f"Rejected rows ({rejected_total:,})"):
            st.caption("Rows that could not be read, with the line in the file and the reason.")
            for t, frame in zip(tables, described["rejected"], strict=True):
                if not t["rejected_rows"]:
                    continue
                if len(tables) > 1:
                    st.markdown(md_escape(table_label(t)))
                if t["rejected_rows"] > len(frame):
                    st.caption(f"First {len(frame):,} of {t['rejected_rows']:,}.")
                st.dataframe(frame, hide_index=True)


st.title("Data")
st.markdown(
    "Upload your platform exports to check them: which platform and account each file is from, "
    "how many rows were read, the dates it covers, and every row that could not be read, with the reason. "
    "Files are read for this session only; they are not saved."
)

uploads = st.file_uploader("Export files", type=UPLOAD_TYPES, accept_multiple_files=True)

if not uploads:
    st.info(EXPORTS)

today = dt.date.today().isoformat()
for uploaded in uploads or []:
    try:
        data = uploaded.getvalue()
        described = load_upload(hashlib.sha256(data).hexdigest(), uploaded.name, DEFAULT_TZ, today, data)
        show_file(described)
    except Exception:
        # The user sees which file failed; the traceback goes to the server log only.
        log.exception("Reading the upload %r failed", uploaded.name)
        st.error(
            f"{md_escape(uploaded.name)}: the dashboard could not read this file because of an unexpected "
            "error on our side. The details are in the server log; please report it together with the "
            "platform and export the file came from."
        )
