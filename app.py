"""The dashboard's frame: page config, the shared sidebar and navigation. Run with ``./run.sh``.

The frame opens the workspace (loading the sample on the very first start), draws the sidebar
shared by every page (:func:`dashboard.state.sidebar`: data status, date range, comparison,
platforms, accounts, language — all kept in the URL) and runs the chosen page, which reads the
filters with :func:`dashboard.state.current_view`.
"""

import streamlit as st

from dashboard import state
from dashboard.pages import PAGES, page_title

st.set_page_config(page_title="SMO Dashboard", page_icon="📊", layout="wide")

store = state.open_workspace()
lang = state.current_language(store)
brand = store.setting("brand_name") or "SMO Dashboard"
st.logo("assets/logo.svg", size="large")
st.sidebar.markdown(f"### {brand}")

# Streamlit gives the default page (Overview) the address "/" (its url_path is not used), so a
# bookmarked Overview is "/?…"; every other page has its own path ("/prime_time?…").
page = st.navigation(
    [
        st.Page(path, title=page_title(key, lang), icon=icon, url_path=key, default=key == "overview")
        for key, path, icon in PAGES
    ]
)
state.sidebar(store)
page.run()
