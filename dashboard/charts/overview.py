"""Charts of the Overview page: one small trend chart per platform over the period.

The builders take the tidy, already-aggregated frame of :func:`smo_metrics.overview.trend`
(one row per platform and day or week, never posts) and return Altair charts in the fixed
platform colours of :mod:`dashboard.charts`, with numbers and dates in the page's language.
Six platforms' daily lines on one chart cross each other at every step (posts per day are
small counts), so each platform gets its own panel on the same dates, its own y axis.
"""

from __future__ import annotations

from typing import Any, Final

import altair as alt
import pandas as pd

from dashboard.charts import PLATFORM_COLORS
from smo_metrics import i18n

PANEL_HEIGHT: Final = 150


def locale(lang: str) -> dict[str, Any]:
    """Vega's number and time locale for ``lang``: ``1.234,5`` and month names in Indonesian."""
    sep = {"decimal": ",", "thousands": "."} if lang == "id" else {"decimal": ".", "thousands": ","}
    return {
        "number": {**sep, "grouping": [3], "currency": ["", ""]},
        "time": {
            "dateTime": "%a %e %b %Y %H:%M",
            "date": "%d/%m/%Y",
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": [i18n.weekday_name((d + 6) % 7, lang) for d in range(7)],  # Vega starts on Sunday
            "shortDays": [i18n.weekday_name((d + 6) % 7, lang, short=True) for d in range(7)],
            "months": [i18n.month_name(m, lang) for m in range(1, 13)],
            "shortMonths": [i18n.month_name(m, lang, short=True) for m in range(1, 13)],
        },
    }


def platform_panel(
    frame: pd.DataFrame,
    value: str,
    platform: str,
    *,
    lang: str,
    start: pd.Timestamp,
    end: pd.Timestamp,
    x_title: str,
    y_title: str,
    percent: bool = False,
) -> alt.Chart:
    """One platform's trend: ``frame`` has ``bucket`` (dates) and ``value`` for that platform.

    The x axis spans ``start``…``end`` on every panel so the panels line up; missing values
    are left out (a gap, never a 0). ``percent`` formats the values as percentages.
    """
    data = frame[["bucket", value]].dropna(subset=[value])
    data = data.assign(**{value: data[value].astype(float), "bucket": pd.to_datetime(data["bucket"])})
    fmt = ".1%" if percent else ",.0f"
    colour = PLATFORM_COLORS.get(platform, "#333333")
    base = alt.Chart(data, title=alt.TitleParams(i18n.label(platform, lang), anchor="start", fontSize=13)).encode(
        x=alt.X(
            "bucket:T",
            title=None,
            scale=alt.Scale(domain=[start.isoformat(), end.isoformat()]),
            axis=alt.Axis(format="%e %b", labelAngle=0, tickCount=4, grid=False),
        ),
        y=alt.Y(f"{value}:Q", title=None, axis=alt.Axis(format=fmt, tickCount=3)),
        tooltip=[
            alt.Tooltip("bucket:T", title=x_title, format="%e %b %Y"),
            alt.Tooltip(f"{value}:Q", title=y_title, format=fmt),
        ],
    )
    area = base.mark_area(color=colour, opacity=0.12, interpolate="linear")
    line = base.mark_line(
        color=colour, strokeWidth=2, interpolate="linear", point=alt.OverlayMarkDef(size=14, color=colour)
    )
    chart = (area + line).properties(height=PANEL_HEIGHT)
    return chart.configure(locale=locale(lang)).configure_view(strokeWidth=0)
