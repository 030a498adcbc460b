"""Charts of the Prime time page: the weekday × hour heatmaps (post results, followers online).

Every builder takes a tidy, already-aggregated frame of at most 168 rows per panel (one per
slot) and returns an Altair chart. Labels, tooltip texts and titles arrive formatted in the
page's language; the builders only draw. Tested slots are coloured on a sequential
colour-blind-safe scheme; **untested slots are light grey with a hatch mark** (and "not tried"
in their tooltip), so a slot nobody posted in never looks like a weak one.
"""

from __future__ import annotations

from typing import Any, Final

import altair as alt
import pandas as pd

from dashboard.charts import SEQUENTIAL_SCHEME
from smo_metrics import i18n

UNTESTED_FILL: Final = "#e3e3e3"
UNTESTED_MARK: Final = "#8a8a8a"
HATCH: Final = "╱"
BEST_OUTLINE: Final = "#d55e00"  # Okabe–Ito vermillion: the recommended slots
ACTIVITY_SCHEME: Final = "blues"  # a different scheme: followers online are not post results
CELL_HEIGHT: Final = 30
PANEL_STEP: Final = 34  # px per hour column in the small multiples (24 × 34 = 816 px)

# The heatmap frame: one row per slot.
HEATMAP_COLUMNS: Final = (
    "day_label",  # weekday name in the page language (y)
    "hour_label",  # "00" … "23" (x)
    "value",  # the colour (missing for untested)
    "tested",  # False: not tried
    "mark",  # text drawn in the cell ("1", "2", "3" for the recommended slots, else "")
)

_TIME_LOCALE: Final[dict[str, dict[str, Any]]] = {
    "en": {
        "dateTime": "%a %e %b %Y %X",
        "date": "%d/%m/%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        "shortDays": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
        "months": [i18n.month_name(m, "en") for m in range(1, 13)],
        "shortMonths": [i18n.month_name(m, "en", short=True) for m in range(1, 13)],
    },
    "id": {
        "dateTime": "%A, %e %B %Y %X",
        "date": "%d/%m/%Y",
        "time": "%H.%M.%S",
        "periods": ["AM", "PM"],
        "days": ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
        "shortDays": ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
        "months": [i18n.month_name(m, "id") for m in range(1, 13)],
        "shortMonths": [i18n.month_name(m, "id", short=True) for m in range(1, 13)],
    },
}
_NUMBER_LOCALE: Final[dict[str, dict[str, Any]]] = {
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", ""]},
    "id": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["Rp ", ""]},
}


def localized(chart: Any, lang: str) -> Any:
    """``chart`` with Vega's number and time locale of ``lang`` (``1.234,5``, month names).

    Applied last: a configured chart can no longer be layered or concatenated.
    """
    lang = i18n.check_language(lang)
    return chart.configure(locale={"number": _NUMBER_LOCALE[lang], "time": _TIME_LOCALE[lang]})


def _tooltips(tooltips: list[tuple[str, str]]) -> list[alt.Tooltip]:
    """``[(column, title), …]`` of text columns the page formatted."""
    return [alt.Tooltip(f"{col}:N", title=title) for col, title in tooltips]


def _heatmap_layers(
    frame: pd.DataFrame,
    *,
    day_order: list[str],
    hour_title: str,
    day_title: str,
    value_title: str,
    value_format: str,
    scheme: str,
    tooltips: list[tuple[str, str]],
    domain: tuple[float, float] | None,
    show_legend: bool = True,
) -> alt.LayerChart:
    """The layers of one heatmap (no data attached: the caller gives it to the layer or facet)."""
    hours = [f"{h:02d}" for h in range(24)]
    x = alt.X("hour_label:O", title=hour_title, sort=hours, axis=alt.Axis(labelAngle=0))
    y = alt.Y("day_label:O", title=day_title, sort=day_order)
    tips = _tooltips(tooltips)
    base = alt.Chart().encode(x=x, y=y, tooltip=tips)
    scale = alt.Scale(scheme=scheme, domain=list(domain) if domain else alt.Undefined, clamp=True)
    legend = alt.Legend(format=value_format, title=value_title, orient="right") if show_legend else None
    marked = "datum.mark != ''"
    # Three layers only (Altair validates every layer on each draw: five layers cost ~1 s).
    # Untested cells are their own layer: a null colour value would be dropped (or coloured
    # as the scale's low end) by Vega-Lite, and an untested slot must never look weak.
    untested = (
        base.transform_filter("!datum.tested").mark_rect(color=UNTESTED_FILL, stroke="white", strokeWidth=1).encode()
    )
    cells = (
        base.transform_filter("datum.tested")
        .mark_rect()
        .encode(
            color=alt.Color("value:Q", scale=scale, legend=legend),
            stroke=alt.condition(marked, alt.value(BEST_OUTLINE), alt.value("white")),
            strokeWidth=alt.condition(marked, alt.value(2.5), alt.value(1)),
        )
    )
    values = frame.loc[frame["tested"].astype(bool), "value"].astype(float)
    low, high = domain if domain else ((values.min(), values.max()) if len(values) else (0.0, 1.0))
    middle = (float(low) + float(high)) / 2
    text = (
        base.transform_calculate(label=f"{marked} ? datum.mark : (datum.tested ? '' : '{HATCH}')")
        .mark_text(fontSize=13, fontWeight="bold")
        .encode(
            text="label:N",
            color=alt.when(alt.datum.tested == False)  # noqa: E712 (a Vega expression, not Python)
            .then(alt.value(UNTESTED_MARK))
            .when(alt.datum.value > middle)
            .then(alt.value("black"))
            .otherwise(alt.value("white")),
        )
    )
    return alt.layer(untested, cells, text)


def colour_domain(values: pd.Series) -> tuple[float, float] | None:
    """The colour range: the 5th–95th percentile of the tested values (clamped beyond).

    One exceptional slot would otherwise take the top of the scale and leave every other
    slot the same dark colour; the tooltips keep the exact values. None for < 10 values.
    """
    values = values.dropna().astype(float)
    if len(values) < 10:
        return None
    low, high = float(values.quantile(0.05)), float(values.quantile(0.95))
    return (low, high) if high > low else None


def slot_heatmap(
    frame: pd.DataFrame,
    *,
    lang: str,
    title: str,
    day_order: list[str],
    hour_title: str,
    day_title: str,
    value_title: str,
    value_format: str,
    tooltips: list[tuple[str, str]],
    scheme: str = SEQUENTIAL_SCHEME,
) -> alt.LayerChart:
    """The weekday × hour heatmap of one grid: 168 rows of :data:`HEATMAP_COLUMNS` + tooltip texts.

    Tested slots take their colour from ``value``; untested ones are grey and hatched; slots
    with a ``mark`` (the recommended ones) get an outline and their rank.
    """
    chart = _heatmap_layers(
        frame,
        day_order=day_order,
        hour_title=hour_title,
        day_title=day_title,
        value_title=value_title,
        value_format=value_format,
        scheme=scheme,
        tooltips=tooltips,
        domain=colour_domain(frame.loc[frame["tested"].astype(bool), "value"]),
    )
    # fit-x: the width follows the page, the height is the cells' (Streamlit's default "fit"
    # squeezes the title and axes into the height and leaves 7 thin rows).
    chart = chart.properties(
        data=frame,
        title=title,
        height=CELL_HEIGHT * 7,
        width="container",
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )
    return localized(chart, lang)


def slot_heatmap_panels(
    frame: pd.DataFrame,
    *,
    lang: str,
    panel_order: list[str],
    day_order: list[str],
    hour_title: str,
    day_title: str,
    value_title: str,
    value_format: str,
    tooltips: list[tuple[str, str]],
    scheme: str = SEQUENTIAL_SCHEME,
) -> alt.FacetChart:
    """Small multiples: one heatmap per ``panel`` (e.g. month), on one shared colour scale.

    ``frame`` has a ``panel`` column (its label) and 168 rows per panel, drawn one under the
    other (a 24-hour row needs the page's width to stay readable). One faceted spec rather than
    a concatenation: Altair validates the spec on each draw, and its cost grows with the views.
    """
    domain = colour_domain(frame.loc[frame["tested"].astype(bool), "value"])
    layer = _heatmap_layers(
        frame,
        day_order=day_order,
        hour_title=hour_title,
        day_title=day_title,
        value_title=value_title,
        value_format=value_format,
        scheme=scheme,
        tooltips=tooltips,
        domain=domain,
    ).properties(width=alt.Step(PANEL_STEP), height=alt.Step(PANEL_STEP * 0.7))
    chart = layer.facet(
        data=frame,
        row=alt.Row(
            "panel:N",
            sort=panel_order,
            title=None,
            header=alt.Header(
                labelAngle=0,
                labelAlign="left",
                labelAnchor="start",
                labelOrient="top",
                labelFontWeight="bold",
                labelFontSize=13,
            ),
        ),
        spacing=14,
    )
    return localized(chart, lang)
