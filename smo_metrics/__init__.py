"""smo_metrics: read social-media exports and compute the numbers an SMO reports.

The library never imports Streamlit; the dashboard (``app.py``, ``pages/``), the Excel
report and the command line all call it, so they show the same numbers.
"""

__version__ = "0.1.0"
