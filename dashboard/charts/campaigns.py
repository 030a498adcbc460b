"""Charts of the Campaigns page: spend and results over time with campaign seasons, audience.

Builders take aggregated frames (one row per platform × day/week/month, or per age × gender)
of **one currency** (the page draws one chart per currency: amounts are never mixed) with the
labels already in the page's language, and return Altair charts in the platform colours.
"""

from __future__ import annotations

from typing import Any, Final

import altair as alt
import pandas as pd

from dashboard.charts import platform_scale, with_platform_label
from dashboard.charts.content import finish
from smo_metrics import i18n

# Light, distinct fills for the season bands behind the data (Okabe–Ito hues).
SEASON_COLORS: Final = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#CC79A7", "#D55E00")
GENDER_COLORS: Final = ("#0072B2", "#CC79A7", "#999999")  # Okabe–Ito blue, reddish purple, grey


def _season_layers(seasons: pd.DataFrame, title: str) -> list[Any]:
    """A shaded band per season (``start``, ``end_excl``, ``name``), named in a legend of its own.

    Labels on the chart would collide (12.12 falls inside the year-end season); a legend does not.
    """
    if seasons.empty:
        return []
    names = list(dict.fromkeys(seasons["name"].astype(str)))
    colours = [SEASON_COLORS[i % len(SEASON_COLORS)] for i in range(len(names))]
    band = (
        alt.Chart(seasons)
        .mark_rect(opacity=0.18)
        .encode(
            x="start:T",
            x2="end_excl:T",
            color=alt.Color(
                "name:N", title=title, scale=alt.Scale(domain=names, range=colours), legend=alt.Legend(labelLimit=320)
            ),
            tooltip=[alt.Tooltip("name:N", title=title)],
        )
    )
    return [band]


def _time_axis(freq: str, title: str) -> alt.X:
    fmt = {"day": "%e %b", "week": "%e %b", "month": "%b %Y"}.get(freq, "%e %b")
    return alt.X("period_start:T", title=title, axis=alt.Axis(format=fmt, labelAngle=0))


def spend_over_time(
    frame: pd.DataFrame,
    seasons: pd.DataFrame,
    *,
    lang: str,
    currency: str,
    freq: str,
    x_title: str,
    y_title: str,
    title: str,
    season_title: str,
) -> Any:
    """Stacked bars of spend per period and platform, with campaign seasons as bands.

    ``frame``: ``platform``, ``period_start``, ``spend`` (one currency). ``seasons``:
    ``name``, ``start``, ``end_excl`` (the day after the last).
    """
    data = with_platform_label(frame, lang)
    data = data.assign(spend_text=[i18n.money(v, currency, lang) for v in data["spend"]])
    scale = platform_scale(sorted(data["platform"].astype(str).unique()), lang)
    buckets = max(1, data["period_start"].nunique())
    bars = (
        alt.Chart(data)
        .mark_bar(size=max(2, min(36, 640 // buckets)))  # a time axis has no bands: size by bucket count
        .encode(
            x=_time_axis(freq, x_title),
            # Full amounts: an SI suffix ("10M") reads as *miliar* to an Indonesian reader.
            y=alt.Y("sum(spend):Q", title=y_title, axis=alt.Axis(format=",.0f")),
            color=alt.Color("platform_label:N", scale=scale, title=i18n.label("platform", lang)),
            tooltip=[
                alt.Tooltip("platform_label:N", title=i18n.label("platform", lang)),
                alt.Tooltip("period_start:T", title=x_title, format="%e %b %Y"),
                alt.Tooltip("spend_text:N", title=y_title),
            ],
        )
    )
    chart = alt.layer(*_season_layers(seasons, season_title), bars).resolve_scale(color="independent")
    return finish(chart.properties(title=title), lang, height=300)


def metric_over_time(
    frame: pd.DataFrame,
    seasons: pd.DataFrame,
    *,
    lang: str,
    freq: str,
    x_title: str,
    y_title: str,
    title: str,
    season_title: str,
    y_format: str = ",.0f",
) -> Any:
    """Lines (one per platform) of one metric per period, with campaign seasons as bands.

    ``frame``: ``platform``, ``period_start``, ``value``; a missing value (no ads that day)
    breaks the line instead of joining the days around it.
    """
    data = with_platform_label(frame, lang)
    scale = platform_scale(sorted(data["platform"].astype(str).unique()), lang)
    lines = (
        alt.Chart(data)
        .mark_line(point=alt.OverlayMarkDef(size=25), invalid="break-paths-filter-domains")
        .encode(
            x=_time_axis(freq, x_title),
            y=alt.Y("value:Q", title=y_title, axis=alt.Axis(format=y_format)),
            color=alt.Color("platform_label:N", scale=scale, title=i18n.label("platform", lang)),
            tooltip=[
                alt.Tooltip("platform_label:N", title=i18n.label("platform", lang)),
                alt.Tooltip("period_start:T", title=x_title, format="%e %b %Y"),
                alt.Tooltip("value:Q", title=y_title, format=y_format),
            ],
        )
    )
    chart = alt.layer(*_season_layers(seasons, season_title), lines).resolve_scale(color="independent")
    return finish(chart.properties(title=title), lang, height=300)


def age_gender(
    frame: pd.DataFrame,
    *,
    lang: str,
    value_title: str,
    age_title: str,
    gender_title: str,
    title: str,
    value_format: str = ",.0f",
) -> Any:
    """Grouped bars per age band, one bar per gender. ``frame``: ``age``, ``gender_label``, ``value``."""
    genders = list(dict.fromkeys(frame["gender_label"]))
    chart = (
        alt.Chart(frame, title=title)
        .mark_bar(cornerRadiusEnd=2)
        .encode(
            x=alt.X(
                "age:N", title=age_title, sort=sorted(frame["age"].astype(str).unique()), axis=alt.Axis(labelAngle=0)
            ),
            xOffset=alt.XOffset("gender_label:N"),
            y=alt.Y("value:Q", title=value_title, axis=alt.Axis(format=value_format)),
            color=alt.Color(
                "gender_label:N",
                title=gender_title,
                scale=alt.Scale(domain=genders, range=list(GENDER_COLORS[: len(genders)]) or ["#999999"]),
            ),
            tooltip=[
                alt.Tooltip("age:N", title=age_title),
                alt.Tooltip("gender_label:N", title=gender_title),
                alt.Tooltip("value:Q", title=value_title, format=value_format),
            ],
        )
    )
    return finish(chart, lang, height=280)
