"""Altair chart builders: small typed functions over tidy, already-aggregated frames.

They never receive raw rows (Streamlit sends every row of a chart's data to the browser): the
library aggregates, the page passes the result here. Colours: one fixed colour per platform
(:data:`PLATFORM_COLORS`, the Okabe–Ito palette, readable with colour-vision deficiencies) on
every chart, so Instagram is the same colour on every page. Page-specific builders live in
``dashboard/charts/<page>.py``.
"""

from __future__ import annotations

from typing import Final

import altair as alt
import pandas as pd

from smo_metrics import i18n

# Okabe & Ito (2008) colour-blind-safe palette, one colour per platform.
PLATFORM_COLORS: Final[dict[str, str]] = {
    "instagram": "#CC79A7",
    "facebook": "#0072B2",
    "tiktok": "#000000",
    "x": "#999999",
    "linkedin": "#56B4E9",
    "youtube": "#D55E00",
    "meta": "#009E73",
    "google_analytics": "#E69F00",
}
SEQUENTIAL_SCHEME: Final = "viridis"  # perceptually uniform, colour-blind safe
DIVERGING_SCHEME: Final = "blueorange"


def platform_scale(platforms: list[str], lang: str) -> alt.Scale:
    """A colour scale over platform *labels* in ``lang`` with each platform's fixed colour."""
    known = [p for p in PLATFORM_COLORS if p in set(platforms)] + [p for p in platforms if p not in PLATFORM_COLORS]
    return alt.Scale(
        domain=[i18n.label(p, lang) for p in known],
        range=[PLATFORM_COLORS.get(p, "#333333") for p in known],
    )


def with_platform_label(frame: pd.DataFrame, lang: str, column: str = "platform") -> pd.DataFrame:
    """``frame`` with a ``platform_label`` column (the platform's name in ``lang``)."""
    return frame.assign(platform_label=frame[column].astype(str).map(lambda p: i18n.label(p, lang)))


def line_by_platform(
    frame: pd.DataFrame,
    x: str,
    y: str,
    *,
    lang: str,
    x_title: str,
    y_title: str,
    title: str,
    y_format: str = ",.0f",
) -> alt.Chart:
    """One line per platform: ``frame`` has ``platform``, ``x`` (dates) and ``y`` (already aggregated)."""
    data = with_platform_label(frame, lang)
    scale = platform_scale(sorted(data["platform"].astype(str).unique()), lang)
    return (
        alt.Chart(data, title=title)
        .mark_line(point=alt.OverlayMarkDef(size=30))
        .encode(
            x=alt.X(f"{x}:T", title=x_title),
            y=alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(format=y_format)),
            color=alt.Color("platform_label:N", scale=scale, title=i18n.label("platform", lang)),
            tooltip=[
                alt.Tooltip("platform_label:N", title=i18n.label("platform", lang)),
                alt.Tooltip(f"{x}:T", title=x_title),
                alt.Tooltip(f"{y}:Q", title=y_title, format=y_format),
            ],
        )
    )
