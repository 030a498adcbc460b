"""Charts of the A/B tests page: each arm's rate with its interval, and each variant's difference.

Builders take one small row per arm (already computed by :mod:`smo_metrics.experiments`) with
labels and tooltip texts already in the page's language, and return Altair charts. Colours
from the Okabe–Ito palette (colour-blind safe): the control in grey, variants in blue; a
difference whose interval clears zero in bluish green (better) or vermillion (worse).
"""

from __future__ import annotations

from typing import Final

import altair as alt
import pandas as pd

CONTROL_COLOR: Final = "#999999"  # Okabe–Ito grey
VARIANT_COLOR: Final = "#0072B2"  # Okabe–Ito blue
BETTER_COLOR: Final = "#009E73"  # Okabe–Ito bluish green
WORSE_COLOR: Final = "#D55E00"  # Okabe–Ito vermillion
UNCLEAR_COLOR: Final = "#56B4E9"  # Okabe–Ito sky blue


def percent_axis(lang: str, title: str, decimals: int = 1, points: bool = False) -> alt.Axis:
    """An axis of fractions shown as percentages (``1,25%``) or as signed percentage points (``+0,25``).

    Indonesian gets a decimal comma.
    """
    expr = f"format(datum.value * 100, '+.{decimals}f')" if points else f"format(datum.value, '.{decimals}%')"
    if lang == "id":
        expr = f"replace({expr}, '.', ',')"
    return alt.Axis(title=title, labelExpr=expr, grid=True)


def _height(n: int, legend: bool) -> int:
    """Streamlit fits title, axes and legend into the height too: ≈ 100 px for those (+ 60 for a legend), 50 per arm."""
    return 100 + (60 if legend else 0) + 50 * max(n, 2)


def arm_rates(
    frame: pd.DataFrame,
    *,
    lang: str,
    title: str,
    x_title: str,
    role_title: str,
    tooltip_titles: dict[str, str],
) -> alt.LayerChart:
    """One row per arm: its rate (a point) and interval (a bar), the control's rate as a dashed line.

    ``frame``: ``arm`` (label, in the order to draw), ``role`` (shown word for control or variant),
    ``is_control`` (bool), ``rate``, ``low``, ``high`` (fractions), and the tooltip texts
    ``rate_text``, ``interval_text``, ``counts_text``. ``tooltip_titles`` names those three.
    """
    order = list(frame["arm"])
    roles = list(dict.fromkeys(frame.sort_values("is_control", ascending=False)["role"]))
    colors = [CONTROL_COLOR if r == roles[0] else VARIANT_COLOR for r in roles]
    y = alt.Y("arm:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    tooltip = [
        alt.Tooltip("arm:N", title=role_title),
        alt.Tooltip("rate_text:N", title=tooltip_titles["rate"]),
        alt.Tooltip("interval_text:N", title=tooltip_titles["interval"]),
        alt.Tooltip("counts_text:N", title=tooltip_titles["counts"]),
    ]
    # No legend: the labels say which arm is A, and the dashed line marks the control's rate.
    color = alt.Color("role:N", scale=alt.Scale(domain=roles, range=colors), title=role_title, legend=None)
    base = alt.Chart(frame)
    bars = base.mark_rule(strokeWidth=6, opacity=0.45).encode(
        y=y,
        x=alt.X("low:Q", axis=percent_axis(lang, x_title, 2), scale=alt.Scale(zero=False, padding=12)),
        x2="high:Q",
        color=color,
        tooltip=tooltip,
    )
    points = base.mark_point(filled=True, size=130, opacity=1).encode(y=y, x="rate:Q", color=color, tooltip=tooltip)
    control = alt.Chart(frame[frame["is_control"]]).mark_rule(strokeDash=[4, 3], color=CONTROL_COLOR).encode(x="rate:Q")
    return (
        alt.layer(bars, control, points)
        .properties(title=title, height=_height(len(frame), legend=False))
        .configure_legend(orient="bottom")
        .configure_axis(labelFontSize=12, titleFontSize=12)
    )


def differences(
    frame: pd.DataFrame,
    *,
    lang: str,
    title: str,
    x_title: str,
    status_title: str,
    tooltip_titles: dict[str, str],
) -> alt.LayerChart:
    """One row per variant: its difference from the control (a point) and the interval (a bar), zero marked.

    ``frame``: ``arm``, ``diff``, ``low``, ``high`` (fractions: rate_b − rate_a), ``status``
    (shown word) and ``status_key`` ("better", "worse" or "unclear": the colour), and the tooltip
    texts ``diff_text``, ``interval_text``, ``p_text``.
    """
    palette = {"better": BETTER_COLOR, "worse": WORSE_COLOR, "unclear": UNCLEAR_COLOR}
    shown = frame.drop_duplicates("status_key")
    color = alt.Color(
        "status:N",
        scale=alt.Scale(domain=list(shown["status"]), range=[palette[k] for k in shown["status_key"]]),
        title=status_title,
    )
    y = alt.Y("arm:N", sort=list(frame["arm"]), title=None, axis=alt.Axis(labelLimit=260))
    tooltip = [
        alt.Tooltip("arm:N", title=" "),
        alt.Tooltip("diff_text:N", title=tooltip_titles["diff"]),
        alt.Tooltip("interval_text:N", title=tooltip_titles["interval"]),
        alt.Tooltip("p_text:N", title=tooltip_titles["p"]),
    ]
    base = alt.Chart(frame)
    bars = base.mark_rule(strokeWidth=6, opacity=0.45).encode(
        y=y,
        x=alt.X("low:Q", axis=percent_axis(lang, x_title, 2, points=True), scale=alt.Scale(padding=12)),
        x2="high:Q",
        color=color,
        tooltip=tooltip,
    )
    points = base.mark_point(filled=True, size=130, opacity=1).encode(y=y, x="diff:Q", color=color, tooltip=tooltip)
    zero = alt.Chart(pd.DataFrame({"zero": [0.0]})).mark_rule(color="#444444").encode(x="zero:Q")
    return (
        alt.layer(bars, zero, points)
        .properties(title=title, height=_height(len(frame), legend=True))
        .configure_legend(orient="bottom")
        .configure_axis(labelFontSize=12, titleFontSize=12)
    )
