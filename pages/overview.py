"""Overview page: the numbers a manager opens first, for the sidebar's period and platforms.

Thin: reads the view, calls :func:`smo_metrics.overview.overview` (headline numbers with their
change, platforms side by side, trends, best and worst posts) and
:func:`smo_metrics.targets.target_progress` (targets of the period's last day), formats with
:mod:`smo_metrics.i18n` and draws with :mod:`dashboard.charts.overview`. See
``docs/pages/overview.md``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.charts import overview as charts
from dashboard.pages import page_title
from dashboard.words_overview import FOLLOWER_HINTS, WORDS, metric_name
from smo_metrics import growth, i18n, overview, targets
from smo_metrics.tables import coverage

view = state.current_view()
lang = view.lang
w = WORDS[lang]
st.title(page_title("overview", lang))

DELTA_MODES = {
    "posts": "relative",
    "reach_sum": "relative",
    "impressions": "relative",
    "engagements": "relative",
    "engagement_rate": "points",
    "followers": "relative",
    "follower_change": "absolute",
    "followers_gained_only": "relative",
    "spend": "relative",
    "roas": "absolute",
}
ORGANIC_CARDS = (
    "posts",
    "reach_sum",
    "impressions",
    "engagements",
    "engagement_rate",
    "followers",
    "follower_change",
    "followers_gained_only",
)
# Amounts from a million up are shown short on the cards (the exact amount is in the help).
SHORT_SCALES: dict[str, tuple[tuple[float, str], ...]] = {
    "en": ((1e12, "T"), (1e9, "B"), (1e6, "M")),
    "id": ((1e12, " T"), (1e9, " M"), (1e6, " jt")),
}
ROW_PX = 35  # st.dataframe row height: tables are given the height of all their rows
TREND_METRICS = ("posts", "reach_sum", "impressions", "engagements", "engagement_rate", "follower_change")


@st.cache_data(max_entries=24, show_spinner=False)
def compute(
    version: int,
    platforms: tuple[str, ...],
    accounts: tuple[str, ...],
    period: growth.Period,
    compare: growth.Period | None,
    tz: str,
    basis: str,
    _tables: dict[str, pd.DataFrame],
) -> overview.Overview:
    """The library's overview, cached on the workspace version and the filters (the tables are
    not hashed: the key says exactly which rows they are)."""
    return overview.overview(_tables, period, compare, tz, basis)


@st.cache_data(max_entries=24, show_spinner=False)
def target_rows(
    version: int,
    platforms: tuple[str, ...],
    accounts: tuple[str, ...],
    day: dt.date,
    currency: str,
    forecast: bool,
    _tables: dict[str, pd.DataFrame],
    _targets: pd.DataFrame,
) -> pd.DataFrame:
    """Progress of the targets that cover ``day`` (cached like :func:`compute`)."""
    return targets.target_progress(_tables, _targets, day, currency, forecast=forecast)


# ---------------------------------------------------------------------------------------------
# formatting (numbers in the view's language; no arithmetic beyond ×100 for display)


def names(platforms: tuple[str, ...] | list[str]) -> str:
    return ", ".join(i18n.label(p, lang) for p in platforms) if platforms else w["no_platform"]


def signed(value: float, decimals: int = 0) -> str:
    text = i18n.number(value, lang, decimals)
    return text if text.startswith("−") or value == 0 else "+" + text


def fmt(key: str, value: float | None, currency: str | None = None) -> str:
    if key == "engagement_rate":
        return i18n.percent(value, lang, 2)
    if key == "spend":
        return i18n.money(value, currency or view.currency, lang)
    if key == "roas":
        return i18n.number(value, lang, 2)
    return i18n.number(value, lang)


def short_money(value: float | None, currency: str) -> str:
    """``Rp 13.2M`` (English) or ``Rp 13,2 jt`` (Indonesian: ribu, juta, miliar, triliun)."""
    if value is None:
        return i18n.MISSING
    for size, suffix in SHORT_SCALES[lang]:
        if abs(value) >= size:
            return i18n.money(value / size, currency, lang, decimals=1) + suffix
    return i18n.money(value, currency, lang)


def delta(key: str, change: growth.Change) -> dict[str, Any]:
    """st.metric's delta arguments: the text in the view's language, and colour/arrow by its sign."""
    mode = DELTA_MODES[key]
    if mode == "relative":
        amount, text = change.relative, i18n.signed_percent(change.relative, lang)
    elif mode == "points":
        amount = None if change.absolute is None else change.absolute * 100
        text = None if amount is None else w["points"].format(value=signed(amount, 1))
    else:
        amount = change.absolute
        text = None if amount is None else signed(amount, 2 if key == "roas" else 0)
    if amount is None or view.compare is None:
        return {}
    neutral = key == "spend"  # more spend is neither good nor bad
    if amount == 0:
        colour, arrow = "gray", "off"
    else:
        colour = "gray" if neutral else ("green" if amount > 0 else "red")
        arrow = "up" if amount > 0 else "down"
    return {
        "delta": text,
        "delta_color": colour,
        "delta_arrow": arrow,
        "delta_description": w["vs_year_ago"] if view.compare_mode == "year_ago" else w["vs_previous"],
    }


def period_name(row: dict[str, Any]) -> str:
    start = pd.Timestamp(row["period_start"]).date()
    if row["period"] == "month":
        return f"{i18n.month_name(start.month, lang)} {start.year}"
    return w["week_of"].format(date=i18n.date(start, lang))


def target_value(metric: str, value: Any, short: bool = False) -> str:
    kind = targets.METRIC_KINDS.get(metric)
    if metric in ("spend", "revenue"):
        if short and not pd.isna(value):
            return short_money(float(value), view.currency)
        return i18n.money(value, view.currency, lang)
    if kind == "rate" and metric != "roas":
        return i18n.percent(value, lang, 2)
    if metric == "roas":
        return i18n.number(value, lang, 2)
    return i18n.number(value, lang)


def status_word(status: Any) -> str:
    return "" if status is None or pd.isna(status) else w[f"status_{status}"]


# ---------------------------------------------------------------------------------------------
# the page

tables = view.tables
if all(tables[k].empty for k in ("posts", "account_daily", "ads")):
    st.info(w["empty"], icon=":material/upload_file:")
    st.page_link("pages/data.py", label=w["to_data"], icon=":material/upload_file:")
    st.stop()

version = view.store.version()
key = (version, view.platforms, view.accounts)
data = compute(*key, view.period, view.compare, view.tz, view.er_basis, tables)
basis_word = w[f"basis_{view.er_basis}"]
definition = w[f"def_{view.er_basis}"]
period_text = i18n.date_range(view.period.start, view.period.end, lang)
brand = f"**{view.brand}** · " if view.brand else ""
if view.compare is not None:
    st.caption(
        w["intro"].format(
            brand=brand,
            period=period_text,
            compare=i18n.date_range(view.compare.start, view.compare.end, lang),
            definition=definition,
        )
    )
else:
    st.caption(w["intro_no_compare"].format(brand=brand, period=period_text, definition=definition))

if data.platforms.empty and not data.ads:
    cov = coverage(tables).dropna(subset=["first", "last"])
    first = cov["first"].min() if not cov.empty else None
    last = cov["last"].max() if not cov.empty else None
    st.info(
        w["no_data_period"].format(period=period_text, first=i18n.date(first, lang), last=i18n.date(last, lang)),
        icon=":material/event_busy:",
    )
    st.stop()

# Targets of the period's last day (also measured on the cards).
all_targets = view.store.targets()
relevant = targets.targets_for_day(all_targets, view.period.end, view.platforms)
unfinished = bool(len(relevant)) and bool(
    ((relevant["kind"] == "sum") & (relevant["period_end"] > view.period.end)).any()
)
forecast_on = bool(st.session_state.get("ov_forecast", True)) and unfinished
progress = (
    target_rows(*key, view.period.end, view.currency, forecast_on, tables, relevant)
    if not relevant.empty
    else pd.DataFrame(columns=list(targets.PROGRESS_COLUMNS))
)


def target_caption(metric: str, platforms: tuple[str, ...]) -> tuple[float, str] | None:
    found = overview.card_target(progress, metric, platforms)
    if found is None:
        return None
    line = w["target_line_sum"] if int(found["parts"]) > 1 else w["target_line"]  # type: ignore[call-overload]
    text = line.format(
        achieved=i18n.percent(found["achieved"], lang, 0),
        period=period_name(found),
        target=target_value(metric, found["value"]),
        n=found["parts"],
    )
    if found["status"]:
        text += f" · {status_word(found['status'])}"
    if found.get("forecast") is not None:
        text += " · " + w["forecast_short"].format(value=target_value(metric, found["forecast"]))
    return min(1.0, max(0.0, float(found["achieved"]))), text  # type: ignore[arg-type]


def card(
    column: Any,
    key_: str,
    label: str,
    value: str,
    help_text: str,
    change: growth.Change,
    *,
    target_metric: str | None = None,
    platforms: tuple[str, ...] = (),
    spark: pd.Series | None = None,
    note: str | None = None,
) -> None:
    with column.container(border=True, height="stretch"):
        chart = spark.dropna().tolist() if spark is not None and spark.notna().sum() >= 3 else None
        st.metric(label, value, help=help_text, chart_data=chart, chart_type="area", **delta(key_, change))
        shown = target_caption(target_metric, platforms) if target_metric else None
        if shown is not None:
            st.progress(shown[0], text=shown[1])
        if note:
            st.caption(note)


def help_for(kpi: overview.Kpi, **extra: str) -> str:
    text = w[f"help_{kpi.key}"].format(platforms=names(kpi.platforms), **extra)
    if kpi.left_out:
        text += " " + w["left_out"].format(platforms=names(kpi.left_out))
    return text


k = data.kpis
spark = {c: overview.trend_total(data.trend, c) for c in ("posts", "reach_sum", "impressions", "engagements")}
COLUMNS = 4
grid = st.columns(COLUMNS) + st.columns(COLUMNS)
for col, name in zip(grid, ORGANIC_CARDS, strict=False):
    kpi = k[name]
    note = None
    if name in ("followers", "follower_change", "followers_gained_only"):
        note = names(kpi.platforms) if kpi.platforms else None
    elif kpi.left_out and kpi.current is not None:
        note = w["left_out_short"].format(platforms=names(kpi.left_out))
    elif kpi.left_out:  # nothing to show: say why
        note = w["left_out"].format(platforms=names(kpi.left_out))
    card(
        col,
        name,
        w[name],
        fmt(name, kpi.current),
        help_for(kpi, basis=basis_word),
        kpi.change,
        target_metric=f"engagement_rate_by_{view.er_basis}"
        if name == "engagement_rate"
        else overview.KPI_TARGET_METRICS.get(name),
        platforms=kpi.platforms,
        spark=spark.get(name),
        note=note,
    )

paid = st.columns([1, 1, 2])
note_area = paid[2]
if not data.ads:
    with paid[0].container(border=True, height="stretch"):
        st.metric(w["spend"].format(currency=view.currency), i18n.MISSING)
        st.caption(w["no_ads"])
for i, totals in enumerate(data.ads):
    cols = paid if i == 0 else st.columns([1, 1, 2])
    cur = totals.currency
    card(
        cols[0],
        "spend",
        w["spend"].format(currency=cur),
        short_money(totals.spend, cur),
        w["help_spend"].format(currency=cur, platforms=names(totals.platforms))
        + " "
        + w["exact"].format(value=i18n.money(totals.spend, cur, lang)),
        totals.spend_change,
        target_metric="spend" if cur == view.currency else None,
        platforms=totals.platforms,
        note=w["beyond"].format(rows=totals.beyond_rows, spend=i18n.money(totals.beyond_spend, cur, lang))
        if totals.beyond_rows
        else None,
    )
    if totals.roas is None:
        roas_note = w["no_roas"].format(platforms=names(totals.platforms))
    elif totals.no_value_platforms:
        roas_note = w["no_value_platforms"].format(platforms=names(totals.no_value_platforms))
    else:
        roas_note = None
    card(
        cols[1],
        "roas",
        w["roas"].format(currency=cur),
        fmt("roas", totals.roas),
        w["help_roas"].format(currency=cur, platforms=names(totals.roas_platforms)),
        totals.roas_change,
        target_metric="roas" if cur == view.currency else None,
        platforms=totals.platforms,
        note=roas_note,
    )

# What the follower cards leave out, and which export would fill it.
no_totals = [p for p in k["followers"].left_out]
if no_totals:
    hints = " ".join(FOLLOWER_HINTS[lang][p] for p in no_totals if p in FOLLOWER_HINTS[lang])
    with note_area:
        st.caption(":material/info: " + w["followers_missing"].format(platforms=names(no_totals), hints=hints))

# ---------------------------------------------------------------------------------------------
st.subheader(w["targets"])
day_text = i18n.date(view.period.end, lang)
if relevant.empty:
    st.caption(w["no_targets"].format(day=day_text))
else:
    head, toggle = st.columns([3, 1])
    periods = sorted(set(relevant["period"]))
    head.caption(
        w["targets_caption"].format(period_word="/".join(w[f"period_word_{p}"] for p in periods), day=day_text)
    )
    if unfinished:
        toggle.toggle(w["forecast_toggle"], value=True, key="ov_forecast", help=w["forecast_toggle_help"])
    rows = []
    for r in progress.to_dict("records"):
        interval = ""
        metric = str(r["metric"])
        if not pd.isna(r["forecast_low"]) and not pd.isna(r["forecast_high"]):
            low, high = (target_value(metric, r[c], short=True) for c in ("forecast_low", "forecast_high"))
            interval = f" ({low} – {high})"
        rows.append(
            {
                "metric": metric_name(str(r["metric"]), lang),
                "platform": w["all_platforms"] if r["platform"] == "all" else i18n.label(str(r["platform"]), lang),
                "period": period_name(r),
                "target": target_value(str(r["metric"]), r["value"]),
                "actual": target_value(str(r["metric"]), r["actual"]),
                "achieved": None if pd.isna(r["achieved"]) else round(float(r["achieved"]) * 100),
                "pace": i18n.number(r["pace"], lang, 2),
                "status": status_word(r["status"]) or (r["message"] or ""),
                "forecast": (target_value(metric, r["forecast"], short=True) + interval)
                if not pd.isna(r["forecast"])
                else i18n.MISSING,
            }
        )
    table = pd.DataFrame(rows)
    if not forecast_on:
        table = table.drop(columns=["forecast"])
    if table["period"].nunique() == 1:  # the caption names the period already
        table = table.drop(columns=["period"])
    methods = sorted(set(progress["method"].dropna().astype(str)))
    st.dataframe(
        table,
        hide_index=True,
        height=ROW_PX * (len(table) + 1) + 3,
        column_config={
            "metric": st.column_config.TextColumn(w["metric"], width=190),
            "platform": st.column_config.TextColumn(w["platform"], width=90),
            "period": st.column_config.TextColumn(w["period"], width=120),
            "target": st.column_config.TextColumn(w["target"], alignment="right", width=110),
            "actual": st.column_config.TextColumn(w["actual"], alignment="right", width=110),
            "achieved": st.column_config.ProgressColumn(
                w["achieved"], format="%d%%", min_value=0, max_value=100, help=w["achieved_help"], width=120
            ),
            "pace": st.column_config.TextColumn(w["pace"], help=w["pace_help"], alignment="right", width=60),
            "status": st.column_config.TextColumn(w["status"], width=110),
            "forecast": st.column_config.TextColumn(
                w["forecast"],
                help=w["forecast_help"].format(
                    method="; ".join(w[f"method_{m}"] for m in methods if f"method_{m}" in w)
                )
                if methods
                else None,
                width=200,
            ),
        },
    )
    hidden = len(targets.targets_for_day(all_targets, view.period.end)) - len(relevant)
    if view.platforms and hidden > 0:
        st.caption(w["targets_hidden"].format(n=hidden))
    if view.accounts:
        st.caption(w["accounts_note"])

# ---------------------------------------------------------------------------------------------
st.subheader(w["trends"])
unit = w[f"unit_{data.frequency}"]
offered = [m for m in TREND_METRICS if data.trend[m].notna().any()] if not data.trend.empty else []
if not offered:
    st.caption(w["no_trend"])
else:
    chosen = (
        st.segmented_control(
            w["trend_metric"],
            offered,
            default=offered[0],
            format_func=lambda m: w[m],
            key="ov_trend",
            label_visibility="collapsed",
        )
        or offered[0]
    )
    label = w[chosen]
    st.markdown(f"**{w['trend_title'].format(metric=label, unit=unit)}**")
    drawn = [p for p in data.platforms["platform"] if data.trend.loc[data.trend["platform"] == p, chosen].notna().any()]
    first_bucket = pd.Timestamp(data.trend["bucket"].min())
    last_bucket = pd.Timestamp(data.trend["bucket"].max())
    panels = st.columns(3)
    for i, platform in enumerate(drawn):
        if i and i % 3 == 0:
            panels = st.columns(3)
        panel = charts.platform_panel(
            data.trend[data.trend["platform"] == platform],
            chosen,
            platform,
            lang=lang,
            start=first_bucket,
            end=last_bucket,
            x_title=w["date"] if data.frequency == "day" else w["week"],
            y_title=label,
            percent=chosen == "engagement_rate",
        )
        panels[i % 3].altair_chart(panel, width="stretch")
    st.caption(w[f"trend_caption_{data.frequency}"])
    if chosen == "follower_change":
        silent = [f.platform for f in data.followers if f.source in ("gains only", "none")]
        if silent:
            st.caption(w["trend_follower_caption"].format(unit=unit, platforms=names(silent)))

# ---------------------------------------------------------------------------------------------
st.subheader(w["comparison"])
st.caption(w["comparison_caption"].format(period=period_text))
pt = data.platforms
comparison = pd.DataFrame(
    {
        "platform": [i18n.label(p, lang) for p in pt["platform"]],
        "posts": [i18n.number(v, lang) for v in pt["posts"]],
        "reach": [i18n.number(v, lang) for v in pt["reach_sum"]],
        "engagements": [i18n.number(v, lang) for v in pt["engagements"]],
        "rate": [i18n.percent(v, lang, 2) for v in pt["engagement_rate"]],
        "followers": [i18n.number(v, lang) for v in pt["followers_end"]],
        "change": [i18n.MISSING if pd.isna(v) else signed(float(v)) for v in pt["follower_change"]],
        "growth": [i18n.signed_percent(v, lang, 1) for v in pt["follower_growth_rate"]],
        "source": [w[f"source_{s}"] for s in pt["follower_source"]],
    }
)
st.dataframe(
    comparison,
    hide_index=True,
    column_config={
        "platform": st.column_config.TextColumn(w["col_platform"]),
        "posts": st.column_config.TextColumn(w["col_posts"], alignment="right"),
        "reach": st.column_config.TextColumn(w["col_reach"], alignment="right"),
        "engagements": st.column_config.TextColumn(w["col_engagements"], alignment="right"),
        "rate": st.column_config.TextColumn(w["col_rate"], help=definition, alignment="right"),
        "followers": st.column_config.TextColumn(w["col_followers"], alignment="right"),
        "change": st.column_config.TextColumn(w["col_change"], alignment="right"),
        "growth": st.column_config.TextColumn(w["col_growth"], alignment="right"),
        "source": st.column_config.TextColumn(w["col_source"]),
    },
)

# ---------------------------------------------------------------------------------------------
st.subheader(w["posts_title"])
ranked = data.ranked
den_label = basis_word.capitalize()
if ranked.ranked == 0:
    st.caption(w["no_ranked"].format(basis=basis_word))
else:
    st.caption(
        w["posts_caption"].format(
            definition=definition,
            floor=i18n.number(ranked.min_denominator, lang),
            basis=basis_word,
            ranked=i18n.number(ranked.ranked, lang),
        )
    )

    def posts_table(frame: pd.DataFrame) -> None:
        shown = pd.DataFrame(
            {
                "caption": [c or w["no_caption"] for c in frame["caption"]],
                "platform": [i18n.label(p, lang) for p in frame["platform"]],
                "date": [i18n.date(d, lang) for d in frame["date"]],
                "denominator": [i18n.number(v, lang) for v in frame["denominator"]],
                "engagements": [i18n.number(v, lang) for v in frame["engagements"]],
                "rate": [i18n.percent(v, lang, 2) for v in frame["engagement_rate"]],
                "link": [None if pd.isna(u) else str(u) for u in frame["permalink"]],
            }
        )
        st.dataframe(
            shown,
            hide_index=True,
            column_config={
                "caption": st.column_config.TextColumn(w["col_caption"], width="large"),
                "platform": st.column_config.TextColumn(w["col_platform"]),
                "date": st.column_config.TextColumn(w["col_date"]),
                "denominator": st.column_config.TextColumn(
                    w["col_denominator"].format(basis=den_label), alignment="right"
                ),
                "engagements": st.column_config.TextColumn(w["col_engagements"], alignment="right"),
                "rate": st.column_config.TextColumn(w["col_rate"], alignment="right"),
                "link": st.column_config.LinkColumn(w["col_link"], display_text=w["open"]),
            },
        )

    top_tab, bottom_tab = st.tabs([w["top"], w["bottom"]])
    with top_tab:
        posts_table(ranked.top)
    with bottom_tab:
        posts_table(ranked.bottom)
    notes = []
    if ranked.too_small:
        notes.append(w["posts_small"].format(n=i18n.number(ranked.too_small, lang), basis=basis_word))
    if ranked.unrated:
        items = ", ".join(f"{i18n.label(p, lang)} {i18n.number(n, lang)}" for p, n in ranked.unrated.items())
        notes.append(w["posts_unrated"].format(basis=basis_word, items=items))
    if notes:
        st.caption(" ".join(notes))
