"""Charts of the Content page: post types, hashtags, caption length, posting frequency.

Every builder takes a small, already-aggregated frame (one row per type, tag, band or
posts-per-week value, never posts) with the labels already in the page's language, and
returns an Altair chart in the platform colours of :mod:`dashboard.charts`.
"""

from __future__ import annotations

from typing import Any, Final

import altair as alt
import pandas as pd

from dashboard.charts import platform_scale, with_platform_label
from smo_metrics import i18n

POSITIVE: Final = "#009E73"  # Okabe–Ito bluish green
NEGATIVE: Final = "#D55E00"  # Okabe–Ito vermillion

_MONTHS_SHORT = {"en": [i18n.month_name(m, "en", short=True) for m in range(1, 13)]}
_MONTHS_SHORT["id"] = [i18n.month_name(m, "id", short=True) for m in range(1, 13)]


def locale(lang: str) -> dict[str, Any]:
    """Vega's number and time locale for ``lang``: ``1.234,5`` and Indonesian month names."""
    sep = {"decimal": ",", "thousands": "."} if lang == "id" else {"decimal": ".", "thousands": ","}
    return {
        "number": {**sep, "grouping": [3], "currency": ["", ""]},
        "time": {
            "dateTime": "%a %e %b %Y %H:%M",
            "date": "%d/%m/%Y",
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": [i18n.weekday_name((d + 6) % 7, lang) for d in range(7)],
            "shortDays": [i18n.weekday_name((d + 6) % 7, lang, short=True) for d in range(7)],
            "months": [i18n.month_name(m, lang) for m in range(1, 13)],
            "shortMonths": _MONTHS_SHORT["id" if lang == "id" else "en"],
        },
    }


def bar_height(rows: int, per_row: int = 28) -> int:
    """Height of a horizontal bar chart: Streamlit fits title and axes into the height too."""
    return 110 + per_row * max(rows, 3)


def finish(chart: Any, lang: str, height: int | None = None) -> Any:
    """Apply the language's number/time locale (and a height) to a finished chart."""
    if height is not None:
        chart = chart.properties(height=height)
    return chart.configure(locale=locale(lang)).configure_view(strokeWidth=0)


def type_rates(
    frame: pd.DataFrame,
    *,
    lang: str,
    rate_title: str,
    type_title: str,
    posts_title: str,
    mean_title: str,
    title: str,
) -> alt.Chart:
    """Horizontal bars: the engagement rate of each platform × post type, in the platform colour.

    ``frame``: ``platform``, ``label`` ("Instagram · Reels"), ``type_label``, ``rate``,
    ``mean_rate``, ``posts``; one row per platform × type with a rate, in the order to draw.
    """
    data = with_platform_label(frame, lang)
    scale = platform_scale(sorted(data["platform"].astype(str).unique()), lang)
    order = list(data["label"])
    base = alt.Chart(data, title=title).encode(
        y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X("rate:Q", title=rate_title, axis=alt.Axis(format=".1%")),
    )
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        color=alt.Color("platform_label:N", scale=scale, title=i18n.label("platform", lang)),
        tooltip=[
            alt.Tooltip("platform_label:N", title=i18n.label("platform", lang)),
            alt.Tooltip("type_label:N", title=type_title),
            alt.Tooltip("rate:Q", title=rate_title, format=".2%"),
            alt.Tooltip("mean_rate:Q", title=mean_title, format=".2%"),
            alt.Tooltip("posts:Q", title=posts_title, format=",d"),
        ],
    )
    text = base.mark_text(align="left", dx=4, fontSize=11).encode(text=alt.Text("rate:Q", format=".1%"))
    return finish(alt.layer(bars, text), lang, height=bar_height(len(data)))


def hashtag_lift(
    frame: pd.DataFrame, *, lang: str, lift_title: str, uses_title: str, rate_title: str, title: str
) -> alt.Chart:
    """Horizontal bars of each hashtag's lift over its account's median post (green up, orange down).

    ``frame``: ``tag``, ``lift``, ``uses``, ``rate``, ``direction`` ("up"/"down"), in order.
    """
    order = list(frame["tag"])
    chart = (
        alt.Chart(frame, title=title)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            y=alt.Y("tag:N", sort=order, title=None, axis=alt.Axis(labelLimit=200)),
            x=alt.X("lift:Q", title=lift_title, axis=alt.Axis(format="+.0%")),
            color=alt.Color(
                "direction:N", scale=alt.Scale(domain=["up", "down"], range=[POSITIVE, NEGATIVE]), legend=None
            ),
            tooltip=[
                alt.Tooltip("tag:N", title="#"),
                alt.Tooltip("uses:Q", title=uses_title, format=",d"),
                alt.Tooltip("rate:Q", title=rate_title, format=".2%"),
                alt.Tooltip("lift:Q", title=lift_title, format="+.1%"),
            ],
        )
    )
    rule = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color="#666666").encode(x="x:Q")
    return finish(alt.layer(chart, rule), lang, height=bar_height(len(frame), 24))


def caption_bands(
    frame: pd.DataFrame,
    *,
    lang: str,
    band_title: str,
    rate_title: str,
    posts_title: str,
    title: str,
    band_order: list[str],
) -> alt.Chart:
    """Grouped bars: engagement rate per caption-length band, one bar per platform.

    ``frame``: ``platform``, ``band`` (label), ``rate``, ``posts``; bands with no rated post are
    left out by the caller. ``band_order``: every band label, shortest first.
    """
    data = with_platform_label(frame, lang)
    scale = platform_scale(sorted(data["platform"].astype(str).unique()), lang)
    bands = list(band_order)
    chart = (
        alt.Chart(data, title=title)
        .mark_bar(cornerRadiusEnd=2)
        .encode(
            x=alt.X("band:N", sort=bands, title=band_title, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("platform_label:N"),
            y=alt.Y("rate:Q", title=rate_title, axis=alt.Axis(format=".0%")),
            color=alt.Color("platform_label:N", scale=scale, title=i18n.label("platform", lang)),
            tooltip=[
                alt.Tooltip("platform_label:N", title=i18n.label("platform", lang)),
                alt.Tooltip("band:N", title=band_title),
                alt.Tooltip("rate:Q", title=rate_title, format=".2%"),
                alt.Tooltip("posts:Q", title=posts_title, format=",d"),
            ],
        )
    )
    return finish(chart, lang, height=300)


def frequency(
    frame: pd.DataFrame,
    *,
    lang: str,
    x_title: str,
    rate_title: str,
    weeks_title: str,
    title: str,
) -> alt.Chart:
    """Lines per platform: mean weekly engagement rate against posts that week (weeks in the tooltip).

    ``frame``: ``platform``, ``posts_per_week``, ``rate``, ``weeks``.
    """
    data = with_platform_label(frame, lang)
    scale = platform_scale(sorted(data["platform"].astype(str).unique()), lang)
    base = alt.Chart(data, title=title).encode(
        x=alt.X("posts_per_week:Q", title=x_title, axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("rate:Q", title=rate_title, axis=alt.Axis(format=".0%")),
        color=alt.Color("platform_label:N", scale=scale, title=i18n.label("platform", lang)),
        tooltip=[
            alt.Tooltip("platform_label:N", title=i18n.label("platform", lang)),
            alt.Tooltip("posts_per_week:Q", title=x_title, format="d"),
            alt.Tooltip("rate:Q", title=rate_title, format=".2%"),
            alt.Tooltip("weeks:Q", title=weeks_title, format="d"),
        ],
    )
    lines = base.mark_line(opacity=0.6)
    points = base.mark_circle(opacity=0.9, size=70)
    return finish(alt.layer(lines, points), lang, height=320)
