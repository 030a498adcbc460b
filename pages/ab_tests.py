"""Placeholder while the page is being built (this session)."""

import streamlit as st

from dashboard import state

view = state.current_view()
st.title("ab_tests")
