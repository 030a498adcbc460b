"""Charts of the Calendar page: the month grid, the week agenda and the weekly cadence.

Each builder takes frames the library already made (:func:`smo_metrics.plan.day_summary`,
:func:`smo_metrics.plan.calendar_items` of the days shown, :func:`smo_metrics.plan.weekly_cadence`)
and only lays them out: one cell per day, one dot per post or plan in the platform's fixed colour.
Words come in ``words`` (the page's dictionary in the chosen language).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final

import altair as alt
import pandas as pd

from dashboard.charts import PLATFORM_COLORS, platform_scale, with_platform_label
from smo_metrics import i18n

SHORT: Final[dict[str, str]] = {
    "instagram": "IG",
    "facebook": "FB",
    "tiktok": "TT",
    "x": "X",
    "linkedin": "LI",
    "youtube": "YT",
}
MISSED_COLOR: Final = "#D62728"
HOLIDAY_FILL: Final = "#FDECEC"
SHOPPING_FILL: Final = "#FFF4DB"
SEASON_FILL: Final = "#F3F7EC"
OUTSIDE_FILL: Final = "#F4F4F6"
DAY_FILL: Final = "#FFFFFF"
GRID_STROKE: Final = "#DADCE3"
TEXT_COLOR: Final = "#31333F"
MUTED: Final = "#8A8D99"
RED_TEXT: Final = "#C62828"

DOTS_PER_ROW: Final = 6
DOT_ROWS: Final = 3
CELL_HEIGHT: Final = 118  # pixels per week row in the month view
ITEM_HEIGHT: Final = 24  # pixels per line in the week agenda


def _snippet(text: Any, n: int = 90) -> str:
    if text is None or pd.isna(text):
        return "—"
    one = " ".join(str(text).split())
    return one if len(one) <= n else one[: n - 1] + "…"


def _state_label(items: pd.DataFrame, words: Mapping[str, str]) -> pd.Series:
    def label(state: str, planned: Any) -> str:
        if state == "published":
            return words["state_published_planned"] if planned is True else words["state_published_unplanned"]
        return words[f"state_{state}"]

    return pd.Series(
        [label(str(s), p) for s, p in zip(items["state"], items["as_planned"].astype(object), strict=True)],
        index=items.index,
    )


def _item_tooltip_frame(items: pd.DataFrame, lang: str, words: Mapping[str, str]) -> pd.DataFrame:
    """Items with the text columns the tooltips show."""
    out = with_platform_label(items, lang)
    out["day_label"] = [i18n.date(d, lang, with_weekday=True) for d in out["date"]]
    out["time_label"] = out["time"].fillna(words["no_hour"]).astype(str)
    out["type_label"] = out["post_type"].fillna("—").astype(str)
    out["state_label"] = _state_label(out, words)
    out["caption_short"] = [_snippet(c) for c in out["caption"]]
    planned = out["planned_time"].fillna("—").astype(str)
    out["plan_label"] = planned.where(out["as_planned"].fillna(False).astype(bool) | out["source"].eq("plan"), "—")
    out["campaign_label"] = out["campaign"].fillna("—").astype(str)
    out["notes_label"] = [_snippet(n, 70) for n in out["notes"]]
    out["short"] = out["platform"].map(lambda p: SHORT.get(str(p), str(p)[:2].upper()))
    return out


def _item_tooltips(words: Mapping[str, str]) -> list[alt.Tooltip]:
    return [
        alt.Tooltip("day_label:N", title=words["tt_day"]),
        alt.Tooltip("time_label:N", title=words["tt_time"]),
        alt.Tooltip("platform_label:N", title=words["tt_platform"]),
        alt.Tooltip("type_label:N", title=words["tt_format"]),
        alt.Tooltip("state_label:N", title=words["tt_state"]),
        alt.Tooltip("plan_label:N", title=words["tt_planned_at"]),
        alt.Tooltip("caption_short:N", title=words["tt_caption"]),
        alt.Tooltip("campaign_label:N", title=words["tt_campaign"]),
        alt.Tooltip("notes_label:N", title=words["tt_notes"]),
    ]


def _cell_fill(days: pd.DataFrame) -> pd.Series:
    fill = pd.Series(DAY_FILL, index=days.index)
    fill = fill.mask(days["season"].notna(), SEASON_FILL)
    fill = fill.mask(days["shopping"].notna(), SHOPPING_FILL)
    fill = fill.mask(days["holiday"].notna(), HOLIDAY_FILL)
    return fill.mask(~days["in_range"], OUTSIDE_FILL)


def _event_line(days: pd.DataFrame) -> pd.Series:
    """Holidays and shopping days of each day; a season only on its first day shown and on
    Mondays (the tint carries it through the other days)."""
    parts = []
    previous = None
    for day, h, s, season in zip(days["date"], days["holiday"], days["shopping"], days["season"], strict=True):
        season = None if season is None or pd.isna(season) else str(season)
        show_season = season if season and (season != previous or day.weekday() == 0) else None
        previous = season
        names = [str(x) for x in (h, s, show_season) if x is not None and not pd.isna(x)]
        parts.append(" · ".join(names))
    return pd.Series(parts, index=days.index)


def _legend_layer(items: pd.DataFrame, x: alt.X, y: alt.Y, color: alt.Color) -> alt.Chart:
    """An invisible layer of filled circles, first, so the platform legend shows filled symbols
    whatever states the shown items have (a legend takes its symbols from the first layer)."""
    return alt.Chart(items).mark_circle(opacity=0, size=1).encode(x=x, y=y, color=color)


def month_grid(
    days: pd.DataFrame,
    items: pd.DataFrame,
    *,
    lang: str,
    words: Mapping[str, str],
    month: int,
    today: dt.date | None = None,
) -> alt.LayerChart:
    """The month as a grid: weekday columns (Monday first) × week rows, one dot per post or plan.

    Parameters
    ----------
    days
        :func:`smo_metrics.plan.day_summary` of whole weeks around the month (Monday before the
        1st to the Sunday after the last day).
    items
        :func:`smo_metrics.plan.calendar_items` of the same days.
    month
        The month shown; days of other months are greyed.
    today
        Outlined when it is on the grid.

    Notes
    -----
    Filled dots are published posts, hollow dots planned ones (a diamond when the data does not
    reach that day yet), a red ring marks a plan whose time passed without a post, a faint dot a
    cancelled plan. Public holidays and cuti bersama tint the day red (and its number, as on
    Indonesian wall calendars, like Sundays), shopping days amber, seasons green.
    """
    d = days.copy()
    first = d["date"].min()
    d["col"] = d["date"].dt.day_of_week.astype(int)
    d["row"] = ((d["date"] - first).dt.days // 7).astype(int)
    d["in_range"] = d["date"].dt.month == month
    d["fill"] = _cell_fill(d)
    d["x"], d["x2"] = d["col"].astype(float), d["col"] + 1.0
    d["y"], d["y2"] = d["row"].astype(float), d["row"] + 1.0
    d["num"] = d["date"].dt.day.astype(str)
    d["num_color"] = [
        RED_TEXT if (h is not None and not pd.isna(h)) or c == 6 else (TEXT_COLOR if r else MUTED)
        for h, c, r in zip(d["holiday"], d["col"], d["in_range"], strict=True)
    ]
    d["event_line"] = _event_line(d)
    d["day_label"] = [i18n.date(x, lang, with_weekday=True) for x in d["date"]]
    d["events_label"] = d["events"].fillna("—").astype(str)
    d["planned_all"] = d["upcoming"] + d["no_data"]
    d["tx"], d["ty"] = d["col"] + 0.06, d["row"] + 0.17
    d["ex"], d["ey"] = d["col"] + 0.06, d["row"] + 0.9
    d["today"] = d["date"].dt.date == today if today else False
    n_rows = int(d["row"].max()) + 1

    x = alt.X("x:Q", scale=alt.Scale(domain=[0, 7], nice=False, padding=0), axis=None)
    y_scale = alt.Scale(domain=[-0.42, n_rows], nice=False, reverse=True, padding=0)
    y = alt.Y("y:Q", scale=y_scale, axis=None)
    cell_tooltip = [
        alt.Tooltip("day_label:N", title=words["tt_day"]),
        alt.Tooltip("published:Q", title=words["tt_published"]),
        alt.Tooltip("as_planned:Q", title=words["tt_as_planned"]),
        alt.Tooltip("planned_all:Q", title=words["tt_planned"]),
        alt.Tooltip("missed:Q", title=words["tt_missed"]),
        alt.Tooltip("events_label:N", title=words["tt_events"]),
    ]
    base = alt.Chart(d)
    cells = base.mark_rect(stroke=GRID_STROKE, strokeWidth=1).encode(
        x=x, x2="x2:Q", y=y, y2="y2:Q", fill=alt.Fill("fill:N", scale=None), tooltip=cell_tooltip
    )
    today_box = (
        base.transform_filter(alt.datum.today)
        .mark_rect(fill=None, stroke="#1F4E9E", strokeWidth=2.5)
        .encode(x=x, x2="x2:Q", y=y, y2="y2:Q")
    )
    numbers = base.mark_text(align="left", baseline="middle", fontSize=13, fontWeight="bold").encode(
        x=alt.X("tx:Q", scale=alt.Scale(domain=[0, 7], nice=False, padding=0), axis=None),
        y=alt.Y("ty:Q", scale=y_scale, axis=None),
        text="num:N",
        color=alt.Color("num_color:N", scale=None),
    )
    event_text = base.mark_text(align="left", baseline="middle", fontSize=10, limit=118, color=RED_TEXT).encode(
        x=alt.X("ex:Q", scale=alt.Scale(domain=[0, 7], nice=False, padding=0), axis=None),
        y=alt.Y("ey:Q", scale=y_scale, axis=None),
        text="event_line:N",
        tooltip=cell_tooltip,
    )
    header = pd.DataFrame(
        {
            "hx": [c + 0.5 for c in range(7)],
            "hy": [-0.21] * 7,
            "name": [i18n.weekday_name(c, lang, short=True) for c in range(7)],
            "hc": [TEXT_COLOR] * 6 + [RED_TEXT],
        }
    )
    heads = (
        alt.Chart(header)
        .mark_text(fontSize=12, fontWeight="bold", baseline="middle")
        .encode(
            x=alt.X("hx:Q", scale=alt.Scale(domain=[0, 7], nice=False, padding=0), axis=None),
            y=alt.Y("hy:Q", scale=y_scale, axis=None),
            text="name:N",
            color=alt.Color("hc:N", scale=None),
        )
    )
    layers: list[Any] = [cells, today_box, numbers, event_text, heads]

    if not items.empty:
        it = _item_tooltip_frame(items, lang, words)
        first_ts = pd.Timestamp(first)
        it["k"] = it.groupby("date").cumcount()
        shown = DOTS_PER_ROW * DOT_ROWS
        over = it.loc[it["k"] >= shown - 1].groupby("date").size()
        it = it.loc[(it["k"] < shown - 1) | it["date"].map(lambda x: over.get(x, 0) <= 1)]
        col = it["date"].dt.day_of_week.astype(int)
        row = ((it["date"] - first_ts).dt.days // 7).astype(int)
        it["px"] = col + 0.1 + (it["k"] % DOTS_PER_ROW) * 0.155
        it["py"] = row + 0.38 + (it["k"] // DOTS_PER_ROW) * 0.17
        platforms = sorted(it["platform"].dropna().astype(str).unique())
        scale = platform_scale(platforms, lang)
        px = alt.X("px:Q", scale=alt.Scale(domain=[0, 7], nice=False, padding=0), axis=None)
        py = alt.Y("py:Q", scale=y_scale, axis=None)
        color = alt.Color(
            "platform_label:N",
            scale=scale,
            title=words["tt_platform"],
            legend=alt.Legend(orient="top", direction="horizontal", symbolType="circle", symbolOpacity=1, title=None),
        )
        tips = _item_tooltips(words)
        layers.append(_legend_layer(it, px, py, color))
        pub = it.loc[it["state"] == "published"]
        plan_open = it.loc[it["state"].isin(["upcoming", "missed", "not_found"])]
        waiting = it.loc[it["state"] == "no_data"]
        cancelled = it.loc[it["state"] == "cancelled"]
        missed = it.loc[it["state"].isin(["missed", "not_found"])]
        if not missed.empty:
            layers.append(
                alt.Chart(missed)
                .mark_point(shape="circle", size=300, stroke=MISSED_COLOR, strokeWidth=2.2, filled=False)
                .encode(x=px, y=py, tooltip=tips)
            )
        if not pub.empty:
            layers.append(
                alt.Chart(pub)
                .mark_circle(size=120, opacity=1, stroke="white", strokeWidth=0.8)
                .encode(x=px, y=py, color=color, tooltip=tips)
            )
        if not plan_open.empty:
            layers.append(
                alt.Chart(plan_open)
                .mark_point(shape="circle", size=105, filled=False, strokeWidth=2.4, fill="white")
                .encode(x=px, y=py, color=color, tooltip=tips)
            )
        if not waiting.empty:
            layers.append(
                alt.Chart(waiting)
                .mark_point(shape="diamond", size=115, filled=False, strokeWidth=2.2, fill="white")
                .encode(x=px, y=py, color=color, tooltip=tips)
            )
        if not cancelled.empty:
            layers.append(
                alt.Chart(cancelled)
                .mark_point(shape="cross", size=70, filled=True, opacity=0.45, color=MUTED)
                .encode(x=px, y=py, tooltip=tips)
            )
        if len(over):
            more = pd.DataFrame({"date": list(over.index), "n": list(over.to_numpy())})
            more = more.loc[more["n"] > 1]
            if not more.empty:
                mcol = more["date"].dt.day_of_week.astype(int)
                mrow = ((more["date"] - first_ts).dt.days // 7).astype(int)
                more["mx"] = mcol + 0.1 + (DOTS_PER_ROW - 1) * 0.155
                more["my"] = mrow + 0.38 + (DOT_ROWS - 1) * 0.17
                more["label"] = "+" + more["n"].astype(str)
                layers.append(
                    alt.Chart(more)
                    .mark_text(fontSize=10, fontWeight="bold", color=MUTED)
                    .encode(
                        x=alt.X("mx:Q", scale=alt.Scale(domain=[0, 7], nice=False, padding=0), axis=None),
                        y=alt.Y("my:Q", scale=y_scale, axis=None),
                        text="label:N",
                    )
                )
    return (
        alt.layer(*layers)
        .properties(width="container", height=CELL_HEIGHT * n_rows + 34)
        .configure_view(stroke=None)
        .configure_legend(labelFontSize=12, symbolSize=110, padding=4)
    )


def week_agenda(
    days: pd.DataFrame,
    items: pd.DataFrame,
    *,
    lang: str,
    words: Mapping[str, str],
    today: dt.date | None = None,
) -> alt.LayerChart:
    """The week as seven columns, each a list of the day's posts and plans in time order.

    Each line: a dot in the platform's colour (filled: published; hollow: planned; diamond: the
    data does not reach that day; red ring: planned but not published; grey cross: cancelled),
    then the time (``—`` when the export gives only the date), the platform's short name and
    the format. The header names the day and its holidays and shopping days.
    """
    d = days.copy().reset_index(drop=True)
    d["col"] = d["date"].dt.day_of_week.astype(int)
    d["in_range"] = True
    d["fill"] = _cell_fill(d)
    d["title"] = [f"{i18n.weekday_name(x.weekday(), lang, short=True)} {x.day}" for x in d["date"]]
    d["title_color"] = [
        RED_TEXT if (h is not None and not pd.isna(h)) or c == 6 else TEXT_COLOR
        for h, c in zip(d["holiday"], d["col"], strict=True)
    ]
    d["event_line"] = _event_line(d)
    d["today"] = d["date"].dt.date == today if today else False
    per_day = items.groupby("date").size() if not items.empty else pd.Series(dtype=int)
    n_lines = max(6, int(per_day.max()) if len(per_day) else 0)
    top = 2.2  # header lines
    d["x"], d["x2"] = d["col"].astype(float), d["col"] + 1.0
    d["y"], d["y2"] = 0.0, top + n_lines + 0.4
    d["tx"], d["ty"] = d["col"] + 0.06, 0.55
    d["ex"], d["ey"] = d["col"] + 0.06, 1.45
    xs = alt.Scale(domain=[0, 7], nice=False, padding=0)
    ys = alt.Scale(domain=[0, top + n_lines + 0.4], nice=False, reverse=True, padding=0)
    base = alt.Chart(d)
    layers: list[Any] = [
        base.mark_rect(stroke=GRID_STROKE).encode(
            x=alt.X("x:Q", scale=xs, axis=None),
            x2="x2:Q",
            y=alt.Y("y:Q", scale=ys, axis=None),
            y2="y2:Q",
            fill=alt.Fill("fill:N", scale=None),
        ),
        base.transform_filter(alt.datum.today)
        .mark_rect(fill=None, stroke="#1F4E9E", strokeWidth=2.5)
        .encode(x=alt.X("x:Q", scale=xs, axis=None), x2="x2:Q", y=alt.Y("y:Q", scale=ys, axis=None), y2="y2:Q"),
        base.mark_text(align="left", fontSize=14, fontWeight="bold").encode(
            x=alt.X("tx:Q", scale=xs, axis=None),
            y=alt.Y("ty:Q", scale=ys, axis=None),
            text="title:N",
            color=alt.Color("title_color:N", scale=None),
        ),
        base.mark_text(align="left", fontSize=10, color=RED_TEXT, limit=125).encode(
            x=alt.X("ex:Q", scale=xs, axis=None), y=alt.Y("ey:Q", scale=ys, axis=None), text="event_line:N"
        ),
    ]
    if not items.empty:
        it = _item_tooltip_frame(items, lang, words)
        it["k"] = it.groupby("date").cumcount()
        it["col"] = it["date"].dt.day_of_week.astype(int)
        it["px"] = it["col"] + 0.08
        it["lx"] = it["col"] + 0.14
        it["py"] = top + it["k"] + 0.5
        it["line"] = [
            f"{t if isinstance(t, str) else '—'}  {s}  {f if isinstance(f, str) else ''}".rstrip()
            for t, s, f in zip(it["time"].astype(object), it["short"], it["post_type"].astype(object), strict=True)
        ]
        it["line_color"] = it["state"].map(
            lambda s: MISSED_COLOR if s in ("missed", "not_found") else (MUTED if s == "cancelled" else TEXT_COLOR)
        )
        scale = platform_scale(sorted(it["platform"].dropna().astype(str).unique()), lang)
        color = alt.Color(
            "platform_label:N",
            scale=scale,
            legend=alt.Legend(orient="top", direction="horizontal", symbolType="circle", symbolOpacity=1, title=None),
        )
        px = alt.X("px:Q", scale=xs, axis=None)
        py = alt.Y("py:Q", scale=ys, axis=None)
        tips = _item_tooltips(words)
        layers.append(_legend_layer(it, px, py, color))
        groups = {
            "missed": it.loc[it["state"].isin(["missed", "not_found"])],
            "published": it.loc[it["state"] == "published"],
            "open": it.loc[it["state"].isin(["upcoming", "missed", "not_found"])],
            "waiting": it.loc[it["state"] == "no_data"],
            "cancelled": it.loc[it["state"] == "cancelled"],
        }
        if not groups["missed"].empty:
            layers.append(
                alt.Chart(groups["missed"])
                .mark_point(size=260, stroke=MISSED_COLOR, strokeWidth=2.2, filled=False)
                .encode(x=px, y=py, tooltip=tips)
            )
        if not groups["published"].empty:
            layers.append(
                alt.Chart(groups["published"])
                .mark_circle(size=110, opacity=1)
                .encode(x=px, y=py, color=color, tooltip=tips)
            )
        if not groups["open"].empty:
            layers.append(
                alt.Chart(groups["open"])
                .mark_point(size=95, filled=False, strokeWidth=2.4, fill="white")
                .encode(x=px, y=py, color=color, tooltip=tips)
            )
        if not groups["waiting"].empty:
            layers.append(
                alt.Chart(groups["waiting"])
                .mark_point(shape="diamond", size=105, filled=False, strokeWidth=2.2, fill="white")
                .encode(x=px, y=py, color=color, tooltip=tips)
            )
        if not groups["cancelled"].empty:
            layers.append(
                alt.Chart(groups["cancelled"])
                .mark_point(shape="cross", size=70, filled=True, opacity=0.45, color=MUTED)
                .encode(x=px, y=py, tooltip=tips)
            )
        layers.append(
            alt.Chart(it)
            .mark_text(align="left", baseline="middle", fontSize=11, limit=125)
            .encode(
                x=alt.X("lx:Q", scale=xs, axis=None),
                y=py,
                text="line:N",
                color=alt.Color("line_color:N", scale=None),
                tooltip=tips,
            )
        )
    height = int((top + n_lines + 0.4) * ITEM_HEIGHT) + 10
    return (
        alt.layer(*layers)
        .properties(width="container", height=height)
        .configure_view(stroke=None)
        .configure_legend(labelFontSize=12, symbolSize=110, padding=4)
    )


def cadence_heatmap(cadence: pd.DataFrame, *, lang: str, words: Mapping[str, str]) -> alt.LayerChart:
    """Posts per platform per ISO week: one cell per week, gaps outlined in red.

    ``cadence`` is :func:`smo_metrics.plan.weekly_cadence`. Darker = more posts; a week the
    data only partly covers is hatched grey and never a gap; a gap (no post in a week on a
    platform that usually posts) has a red outline and a "!" mark.
    """
    c = with_platform_label(cadence, lang)
    c["week_label"] = [
        f"{words['week_short']}{w} · {s.day} {i18n.month_name(s.month, lang, short=True)}"
        for w, s in zip(c["iso_week"], c["week_start"], strict=True)
    ]
    c["range_label"] = [i18n.date_range(s.date(), (s + pd.Timedelta(days=6)).date(), lang) for s in c["week_start"]]
    c["usual_label"] = [
        "—" if pd.isna(u) else i18n.number(float(u), lang, 1 if float(u) % 1 else 0) for u in c["usual"]
    ]
    c["status_label"] = [
        words["cad_gap"] if g else (words["cad_partial"] if not ok else words["cad_ok"])
        for g, ok in zip(c["gap"], c["complete"], strict=True)
    ]
    c["posts_text"] = [str(int(p)) if ok or p else "·" for p, ok in zip(c["posts"], c["complete"], strict=True)]
    c["value"] = c["posts"].where(c["complete"] | (c["posts"] > 0)).astype(float)
    order = [i18n.label(p, lang) for p in PLATFORM_COLORS if p in set(c["platform"].astype(str))]
    order += [p for p in c["platform_label"].unique() if p not in order]
    weeks = list(dict.fromkeys(c.sort_values("week_start")["week_label"]))
    x = alt.X(
        "week_label:O",
        sort=weeks,
        title=None,
        axis=alt.Axis(
            labelAngle=0 if len(weeks) <= 12 else -40,
            labelAlign="center" if len(weeks) <= 12 else "left",
            labelFontSize=11,
            labelLimit=110,
            orient="top",
            ticks=False,
            domain=False,
        ),
    )
    y = alt.Y("platform_label:N", sort=order, title=None, axis=alt.Axis(labelFontSize=12, ticks=False, domain=False))
    tips = [
        alt.Tooltip("platform_label:N", title=words["tt_platform"]),
        alt.Tooltip("range_label:N", title=words["tt_week"]),
        alt.Tooltip("posts:Q", title=words["tt_posts"]),
        alt.Tooltip("usual_label:N", title=words["tt_usual"]),
        alt.Tooltip("status_label:N", title=words["tt_state"]),
    ]
    top = max(1.0, float(c["posts"].max()) if len(c) else 1.0)
    base = alt.Chart(c)
    cells = base.mark_rect(stroke="white", strokeWidth=2, cornerRadius=3).encode(
        x=x,
        y=y,
        color=alt.Color(
            "value:Q",
            scale=alt.Scale(scheme="blues", domain=[0, top], domainMin=0),
            title=words["tt_posts"],
            legend=alt.Legend(orient="right", gradientLength=120),
        ),
        tooltip=tips,
    )
    partial = (
        base.transform_filter(~alt.datum.complete & (alt.datum.posts == 0))
        .mark_rect(fill=OUTSIDE_FILL, stroke="white", strokeWidth=2, cornerRadius=3)
        .encode(x=x, y=y, tooltip=tips)
    )
    gaps = (
        base.transform_filter(alt.datum.gap)
        .mark_rect(fill="#FFF1F0", stroke=MISSED_COLOR, strokeWidth=2.2, cornerRadius=3)
        .encode(x=x, y=y, tooltip=tips)
    )
    text = (
        base.transform_filter(~alt.datum.gap)
        .mark_text(fontSize=11)
        .encode(
            x=x,
            y=y,
            text="posts_text:N",
            color=alt.condition(f"datum.value > {top * 0.55}", alt.value("white"), alt.value(TEXT_COLOR)),
            tooltip=tips,
        )
    )
    gap_text = (
        base.transform_filter(alt.datum.gap)
        .mark_text(fontSize=12, fontWeight="bold", color=MISSED_COLOR)
        .encode(x=x, y=y, text=alt.value("0 !"), tooltip=tips)
    )
    n_platforms = max(1, len(order))
    return (
        alt.layer(cells, partial, gaps, text, gap_text)
        .properties(width="container", height=36 * n_platforms)
        .configure_view(stroke=None)
    )
