"""The dashboard's shared Streamlit code: the workspace in the session, the sidebar filters,
page words and chart builders. Pages import it; the library (:mod:`smo_metrics`) never does."""
