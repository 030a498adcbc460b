"""The dashboard's frame: page config and navigation. Run with ``./run.sh``."""

import streamlit as st

st.set_page_config(page_title="SMO Dashboard", page_icon="📊", layout="wide")

page = st.navigation(
    [
        st.Page("pages/data.py", title="Data", icon=":material/upload_file:", default=True),
    ]
)
page.run()
