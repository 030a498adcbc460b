"""Charts of the Audience page: the age × gender pyramid, segment bars, followers over time.

Every builder takes a small tidy frame the library already aggregated (a few dozen rows: one
per segment, or one per day/week/month) with labels and tooltip texts formatted in the page's
language, and returns an Altair chart. A chart shows one unit: shares (0–1, drawn as %) *or*
exported counts, never both on one axis; the page says which by ``unit``.
"""

from __future__ import annotations

from typing import Final

import altair as alt
import pandas as pd

from dashboard.charts import PLATFORM_COLORS
from dashboard.charts.prime_time import localized

# Okabe–Ito: distinguishable with every common colour-vision deficiency.
GENDER_COLORS: Final[dict[str, str]] = {"male": "#0072B2", "female": "#E69F00"}
GAINED_COLOR: Final = "#0072B2"
LOST_COLOR: Final = "#D55E00"
NET_COLOR: Final = "#000000"
REMAINDER_COLOR: Final = "#BBBBBB"
UP_COLOR: Final = "#0072B2"
DOWN_COLOR: Final = "#D55E00"
AUTOSIZE: Final = alt.AutoSizeParams(type="fit-x", contains="padding")


def _value_format(unit: str) -> str:
    return ".0%" if unit == "share" else ",.0f"


def _tips(tooltips: list[tuple[str, str]]) -> list[alt.Tooltip]:
    return [alt.Tooltip(f"{col}:N", title=title) for col, title in tooltips]


def pyramid(
    frame: pd.DataFrame,
    *,
    lang: str,
    title: str,
    unit: str,
    value_title: str,
    age_title: str,
    gender_title: str,
    gender_labels: dict[str, str],
    age_order: list[str],
    tooltips: list[tuple[str, str]],
) -> alt.Chart:
    """Age bands (oldest on top) × gender: male to the left, female to the right.

    ``frame``: ``age_band``, ``gender`` (``male``/``female``), ``gender_label``, ``value`` (signed:
    negative for male) and the tooltip text columns; ``unit`` ``share`` or ``count``.
    """
    fmt = _value_format(unit)
    domain = [gender_labels["male"], gender_labels["female"]]
    chart = (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            y=alt.Y("age_band:O", sort=list(reversed(age_order)), title=age_title),
            x=alt.X(
                "value:Q",
                title=value_title,
                axis=alt.Axis(labelExpr=f"format(abs(datum.value), '{fmt}')", grid=True),
            ),
            color=alt.Color(
                "gender_label:N",
                scale=alt.Scale(domain=domain, range=[GENDER_COLORS["male"], GENDER_COLORS["female"]]),
                title=gender_title,
                legend=alt.Legend(orient="top"),
            ),
            tooltip=_tips(tooltips),
        )
        .properties(height=max(28 * len(age_order), 120), width="container", autosize=AUTOSIZE)
    )
    return localized(chart, lang)


def segment_bars(
    frame: pd.DataFrame,
    *,
    lang: str,
    title: str,
    unit: str,
    value_title: str,
    platform: str,
    tooltips: list[tuple[str, str]],
) -> alt.LayerChart:
    """Horizontal bars of the top segments, largest first; remainder rows grey, last.

    ``frame``: ``label`` (segment name shown), ``value`` (share or count), ``value_text`` (the
    formatted value written at the bar's end), ``remainder`` (True for "Other"/"Others"), and
    the tooltip columns, in display order.
    """
    order = frame["label"].tolist()
    base = alt.Chart(frame).encode(
        y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=180)),
        x=alt.X("value:Q", title=value_title, axis=alt.Axis(format=_value_format(unit), tickCount=4)),
        tooltip=_tips(tooltips),
    )
    bars = base.mark_bar().encode(
        color=alt.condition(
            "datum.remainder", alt.value(REMAINDER_COLOR), alt.value(PLATFORM_COLORS.get(platform, "#333333"))
        )
    )
    text = base.mark_text(align="left", dx=4, fontSize=12).encode(text="value_text:N")
    chart = alt.layer(bars, text).properties(
        title=title, height=max(24 * len(order), 60), width="container", autosize=AUTOSIZE
    )
    return localized(chart, lang)


def followers_line(
    frame: pd.DataFrame,
    *,
    lang: str,
    title: str,
    x_title: str,
    y_title: str,
    platform: str,
    tooltips: list[tuple[str, str]],
) -> alt.Chart:
    """Follower totals over time: ``period_start`` (date), ``followers`` and tooltip texts."""
    chart = (
        alt.Chart(frame, title=title)
        .mark_line(point=alt.OverlayMarkDef(size=24), color=PLATFORM_COLORS.get(platform, "#333333"))
        .encode(
            x=alt.X("period_start:T", title=x_title),
            y=alt.Y("followers:Q", title=y_title, scale=alt.Scale(zero=False), axis=alt.Axis(format=",.0f")),
            tooltip=_tips(tooltips),
        )
        .properties(height=220, width="container", autosize=AUTOSIZE)
    )
    return localized(chart, lang)


def gains_losses(
    frame: pd.DataFrame,
    *,
    lang: str,
    title: str,
    x_title: str,
    y_title: str,
    series_labels: dict[str, str],
    tooltips: list[tuple[str, str]],
) -> alt.Chart:
    """Gains above zero, losses below (or the net change when that is all there is).

    ``frame`` is long: ``period_start``, ``series`` (``gained``/``lost``/``net``),
    ``series_label``, ``value`` (losses negative) and the tooltip texts.
    """
    present = [s for s in ("gained", "lost", "net") if s in set(frame["series"])]
    colors = {"gained": GAINED_COLOR, "lost": LOST_COLOR, "net": NET_COLOR}
    chart = (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            x=alt.X("period_start:T", title=x_title),
            y=alt.Y(
                "value:Q", title=y_title, axis=alt.Axis(format=",.0f", labelExpr="format(abs(datum.value), ',.0f')")
            ),
            color=alt.Color(
                "series_label:N",
                scale=alt.Scale(domain=[series_labels[s] for s in present], range=[colors[s] for s in present]),
                title=None,
                legend=alt.Legend(orient="top"),
            ),
            tooltip=_tips(tooltips),
        )
        .properties(height=220, width="container", autosize=AUTOSIZE)
    )
    return localized(chart, lang)


def change_bars(
    frame: pd.DataFrame,
    *,
    lang: str,
    title: str,
    value_title: str,
    tooltips: list[tuple[str, str]],
) -> alt.Chart:
    """Change in share per segment in percentage points: gains to the right, losses to the left.

    ``frame``: ``label``, ``change_pp`` and the tooltip texts, in display order.
    """
    order = frame["label"].tolist()
    chart = (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=200)),
            x=alt.X("change_pp:Q", title=value_title, axis=alt.Axis(format="+,.1f", tickCount=6)),
            color=alt.condition("datum.change_pp >= 0", alt.value(UP_COLOR), alt.value(DOWN_COLOR)),
            tooltip=_tips(tooltips),
        )
        .properties(height=max(24 * len(order), 60), width="container", autosize=AUTOSIZE)
    )
    return localized(chart, lang)
