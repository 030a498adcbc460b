"""Writers of the TikTok Studio zips, TikTok Ads, X, LinkedIn workbooks, YouTube Studio zip and GA4 files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

from sample_data.business import LINKEDIN_DEMOGRAPHICS, TIKTOK_GENDER, TIKTOK_TERRITORIES, AdRow, ga4_pages
from sample_data.common import MONTHS, WEEKDAYS, index, mdy, mon, noise, rnd
from sample_data.formats import Cell, delimited, utf8, xlsx_bytes, zip_bytes
from sample_data.world import (
    BRAND,
    DAYS,
    END,
    GA4_PROPERTY,
    N_DAYS,
    SNAPSHOT,
    START,
    PlatformData,
    Post,
    hour_weights,
    rng_for,
    spread_into,
)

# ---------------------------------------------------------------------------------------------
# TikTok Studio


def _month_day(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}"


def _tiktok_csv(rows: Sequence[Sequence[Cell]]) -> bytes:
    return utf8(delimited(rows, quoting="all", final_newline=False), bom=True)


def tiktok_studio(tt: PlatformData, first: dt.date, last: dt.date) -> bytes:
    rng = rng_for(f"tiktok_studio_{first.isoformat()}")
    lo, hi = index(first), index(last) + 1
    days = DAYS[lo:hi]
    f = tt.followers[lo:hi]
    catalogue = f * 0.04 * rng.lognormal(0.0, 0.15, size=len(days))
    views = np.round(tt.daily["views"][lo:hi] + catalogue)
    likes = np.round(tt.daily["likes"][lo:hi] + catalogue * 0.05)
    comments = np.round(tt.daily["comments"][lo:hi] + catalogue * 0.002)
    shares = np.round(tt.daily["shares"][lo:hi] + catalogue * 0.002)
    profile = np.round(views * 0.009 * rng.lognormal(0.0, 0.1, size=len(days)) + tt.gained[lo:hi] * 2.2)
    overview: list[Sequence[Cell]] = [("Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares")]
    viewers: list[Sequence[Cell]] = [("Date", "Total Viewers", "New Viewers", "Returning Viewers")]
    history: list[Sequence[Cell]] = [("Date", "Followers", "Difference in followers from previous day")]
    for i, day in enumerate(days):
        label = _month_day(day)
        overview.append([label, int(views[i]), int(profile[i]), int(likes[i]), int(comments[i]), int(shares[i])])
        total = int(round(views[i] * 0.68))
        new = int(round(total * float(rng.uniform(0.7, 0.82))))
        viewers.append([label, total, new, total - new])
        t = lo + i
        history.append([label, int(tt.followers[t]), int(tt.gained[t] - tt.lost[t])])
    activity: list[Sequence[Cell]] = [("Date", "Hour", "Active followers")]
    for day in days[-7:]:
        w = hour_weights("tiktok", day)
        peak = tt.followers[index(day)] * 0.21
        for hour in range(24):
            active = peak * w[hour] / w.max() * float(rng.uniform(0.95, 1.05))
            activity.append([_month_day(day), hour, int(round(active))])
    exported = last + dt.timedelta(days=1)
    content: list[Sequence[Cell]] = [
        (
            "Time",
            "Video title",
            "Video link",
            "Post time",
            "Total likes",
            "Total comments",
            "Total shares",
            "Total views",
        )
    ]
    chosen = [p for p in tt.posts if first <= p.day <= last]
    chosen.sort(key=lambda p: (-p.at(exported)["views"], p.post_id))
    for p in chosen:
        m = p.at(exported)
        content.append(
            [
                _month_day(last),
                p.caption,
                p.permalink,
                _month_day(p.day),
                m["likes"],
                m["comments"],
                m["shares"],
                m["views"],
            ]
        )
    key = last.isoformat()
    gender: list[Sequence[Cell]] = [("Gender", "Distribution"), *TIKTOK_GENDER[key]]
    territories: list[Sequence[Cell]] = [("Top territories", "Distribution"), *TIKTOK_TERRITORIES[key]]
    members = [
        ("Content.csv", _tiktok_csv(content)),
        ("FollowerActivity.csv", _tiktok_csv(activity)),
        ("FollowerGender.csv", _tiktok_csv(gender)),
        ("FollowerHistory.csv", _tiktok_csv(history)),
        ("FollowerTopTerritories.csv", _tiktok_csv(territories)),
        ("Overview.csv", _tiktok_csv(overview)),
        ("Viewers.csv", _tiktok_csv(viewers)),
    ]
    return zip_bytes(members)


# ---------------------------------------------------------------------------------------------
# X


def _x_date(d: dt.date) -> str:
    return f"{WEEKDAYS[d.weekday()]}, {mon(d)} {d.day}, {d.year}"


X_POSTS_HEADER = (
    "Post id",
    "Date",
    "Post text",
    "Post Link",
    "Impressions",
    "Likes",
    "Engagements",
    "Bookmarks",
    "Shares",
    "New follows",
    "Replies",
    "Reposts",
    "Profile visits",
    "Detail Expands",
    "URL Clicks",
    "Hashtag Clicks",
    "Permalink Clicks",
)
_X_PARTS = (
    "likes",
    "saves",
    "dm_shares",
    "follows",
    "comments",
    "shares",
    "profile_visits",
    "detail_expands",
    "link_clicks",
    "hashtag_clicks",
    "permalink_clicks",
)


def x_posts(x: PlatformData) -> bytes:
    rows: list[Sequence[Cell]] = [X_POSTS_HEADER]
    for p in sorted(x.posts, key=lambda p: p.local_time, reverse=True):
        m = p.at(SNAPSHOT)
        parts = [m.get(k, 0) for k in _X_PARTS]
        likes, saves, dm, follows, replies, reposts, visits, expands, url, tags, perma = parts
        rows.append(
            [
                p.post_id,
                _x_date(p.day),
                p.caption,
                p.permalink,
                m["impressions"],
                likes,
                sum(parts),
                saves,
                dm,
                follows,
                replies,
                reposts,
                visits,
                expands,
                url,
                tags,
                perma,
            ]
        )
    return utf8(delimited(rows, quoting="minimal", final_newline=False))


def x_overview(x: PlatformData) -> bytes:
    rng = rng_for("x_overview")
    d = x.daily
    extra = x.followers * 0.05 * noise(rng, 0.2)  # profile, search and older posts
    impressions = np.round(d["impressions"] + extra)
    header = (
        "Date",
        "Impressions",
        "Likes",
        "Engagements",
        "Bookmarks",
        "Shares",
        "New follows",
        "Unfollows",
        "Replies",
        "Reposts",
        "Profile visits",
        "Create Post",
        "Video views",
        "Media views",
    )
    rows: list[Sequence[Cell]] = [header]
    for i in reversed(range(N_DAYS)):

        def v(key: str, i: int = i) -> int:
            return int(round(d[key][i])) if key in d else 0

        likes, saves, dm, replies, reposts, visits = (
            v("likes"),
            v("saves"),
            v("dm_shares"),
            v("comments"),
            v("shares"),
            v("profile_visits"),
        )
        other = v("detail_expands") + v("link_clicks") + v("hashtag_clicks") + v("permalink_clicks")
        gained = int(x.gained[i])
        engagements = likes + saves + dm + replies + reposts + visits + other + gained
        rows.append(
            [
                _x_date(DAYS[i]),
                int(impressions[i]),
                likes,
                engagements,
                saves,
                dm,
                gained,
                int(x.lost[i]),
                replies,
                reposts,
                visits,
                int(x.posts_per_day[i]),
                int(round(impressions[i] * 0.02)),
                int(round(impressions[i] * 0.05)),
            ]
        )
    return utf8(delimited(rows, quoting="minimal", final_newline=False))


# ---------------------------------------------------------------------------------------------
# LinkedIn

LI_METRICS_NOTE = (
    "Aggregated engagement metrics for your organic and sponsored posts over time. Date indicates when your "
    "posts were viewed by LinkedIn members. Data is delayed by up to 2 days. All dates and times are in UTC."
)
LI_POSTS_NOTE = (
    "Engagement metrics for individual posts. Created date indicates when your post was created. "
    "All dates and times are in UTC."
)
_LI_KEYS = ("impressions", "clicks", "likes", "comments", "shares")


def _utc_day(p: Post) -> dt.date:
    return (p.local_time - dt.timedelta(hours=7)).date()


def linkedin_content(li: PlatformData) -> bytes:
    rng = rng_for("linkedin_content")
    n = N_DAYS
    split = {s: {k: np.zeros(n) for k in _LI_KEYS} for s in ("organic", "sponsored")}
    for p in li.earlier + li.posts:
        side = "sponsored" if p.extra["paid"] == "Sponsored" else "organic"
        for k in _LI_KEYS:
            spread_into(split[side][k], index(_utc_day(p)), p.metrics[k], p.tau)
    base = li.followers * 0.03 * rng.lognormal(0.0, 0.25, size=n)
    split["organic"]["impressions"] += base
    split["organic"]["clicks"] += base * 0.02
    header = ["Date"]
    for label in ("Impressions", "Unique impressions", "Clicks", "Reactions", "Comments", "Reposts", "Engagement rate"):
        sides = ("organic",) if label == "Unique impressions" else ("organic", "sponsored", "total")
        header += [f"{label} ({s})" for s in sides]
    metrics: list[Sequence[Cell]] = [[LI_METRICS_NOTE], header]
    for i, day in enumerate(DAYS):
        vals = {s: {k: float(round(split[s][k][i])) for k in _LI_KEYS} for s in ("organic", "sponsored")}
        vals["total"] = {k: vals["organic"][k] + vals["sponsored"][k] for k in _LI_KEYS}

        def rate(s: str, vals: dict[str, dict[str, float]] = vals) -> float:
            v = vals[s]
            engaged = v["clicks"] + v["likes"] + v["comments"] + v["shares"]
            return engaged / v["impressions"] if v["impressions"] else 0.0

        row: list[Cell] = [mdy(day)]
        row += [vals[s]["impressions"] for s in ("organic", "sponsored", "total")]
        row += [float(round(vals["organic"]["impressions"] * 0.62))]
        for key in ("clicks", "likes", "comments", "shares"):
            row += [vals[s][key] for s in ("organic", "sponsored", "total")]
        row += [rate(s) for s in ("organic", "sponsored", "total")]
        metrics.append(row)
    post_header = (
        "Post title",
        "Post link",
        "Post type",
        "Campaign name",
        "Posted by",
        "Created date",
        "Campaign start date",
        "Campaign end date",
        "Audience",
        "Impressions",
        "Views",
        "Offsite Views",
        "Clicks",
        "Click through rate (CTR)",
        "Likes",
        "Comments",
        "Reposts",
        "Follows",
        "Engagement rate",
        "Content Type",
    )
    posts: list[Sequence[Cell]] = [[LI_POSTS_NOTE], post_header]
    in_range = [p for p in li.posts if START <= _utc_day(p) <= END]  # LinkedIn dates are UTC
    for p in sorted(in_range, key=lambda p: p.local_time, reverse=True):
        m = {k: float(v) for k, v in p.at(SNAPSHOT).items()}
        imp = m["impressions"]
        engaged = m["clicks"] + m["likes"] + m["comments"] + m["shares"]
        e = p.extra
        posts.append(
            [
                p.caption,
                p.permalink,
                e["paid"],
                e["campaign_name"],
                e["author"],
                mdy(_utc_day(p)),
                e["start"],
                e["end"],
                "All followers",
                imp,
                "",
                "",
                m["clicks"],
                m["clicks"] / imp if imp else 0.0,
                m["likes"],
                m["comments"],
                m["shares"],
                "",
                engaged / imp if imp else 0.0,
                p.kind,
            ]
        )
    return xlsx_bytes([("Metrics", metrics), ("All posts", posts)])


def linkedin_followers(li: PlatformData) -> bytes:
    rng = rng_for("linkedin_followers")
    sponsored = np.zeros(N_DAYS)
    for p in li.earlier + li.posts:
        if p.extra["paid"] == "Sponsored":
            spread_into(sponsored, index(p.day), p.metrics["follows"], p.tau)
    rows: list[Sequence[Cell]] = [
        ("Date", "Sponsored followers", "Organic followers", "Auto-invited followers", "Total followers")
    ]
    for i, day in enumerate(DAYS):
        total = int(li.gained[i])
        paid = min(total, int(round(sponsored[i])))
        invited = int(rng.binomial(total - paid, 0.06))
        rows.append([mdy(day), float(paid), float(total - paid - invited), float(invited), float(total)])
    sheets: list[tuple[str, Sequence[Sequence[Cell]]]] = [("New followers", rows)]
    end_followers = float(li.followers[-1])
    for dimension, segments in LINKEDIN_DEMOGRAPHICS.items():
        body: list[Sequence[Cell]] = [(dimension, "Total followers")]
        body += [[name, float(round(end_followers * share))] for name, share in segments]
        sheets.append((dimension, body))
    return xlsx_bytes(sheets)


# ---------------------------------------------------------------------------------------------
# YouTube Studio


def youtube_zip(yt: PlatformData) -> bytes:
    rng = rng_for("youtube_totals")
    header = (
        "Content",
        "Video title",
        "Video publish time",
        "Duration",
        "Views",
        "Watch time (hours)",
        "Subscribers",
        "Impressions",
        "Impressions click-through rate (%)",
    )
    shown = sorted(yt.posts, key=lambda p: (-p.at(SNAPSHOT)["views"], p.post_id))  # Studio sorts by views
    rows: list[Sequence[Cell]] = [header]
    views = watch = clicks = 0.0
    imps = 0
    for p in shown:
        m = p.at(SNAPSHOT)
        hours = rnd(p.metrics["watch_time_hours"] * p.maturity(SNAPSHOT), 4)
        ctr = float(p.extra["ctr"])
        vid = f" {p.post_id}" if p.post_id.startswith("-") else p.post_id  # as Studio writes such ids
        date = f"{mon(p.day)} {p.day.day}, {p.day.year}"
        rows.append([vid, p.caption, date, p.duration, m["views"], hours, m["follows"], m["impressions"], ctr])
        views += m["views"]
        watch += hours
        imps += m["impressions"]
        clicks += m["impressions"] * ctr
    # The channel total also counts videos from before the period, so it exceeds the sum.
    net = int(sum(yt.gained - yt.lost))
    total: list[Cell] = ["Total", None, None, None, int(views * 1.07), rnd(watch * 1.09, 3), net, int(imps * 1.05)]
    total.append(rnd(clicks / imps, 2))
    rows.insert(1, total)
    catalogue = yt.followers * 0.12 * rng.lognormal(0.0, 0.2, size=N_DAYS)
    daily = np.round(yt.daily["views"] + catalogue)
    totals: list[Sequence[Cell]] = [("Date", "Views")]
    totals += [[day.isoformat(), int(v)] for day, v in zip(DAYS, daily, strict=True)]
    members = [
        ("Table data.csv", utf8(delimited(rows, quoting="minimal"))),
        ("Totals.csv", utf8(delimited(totals, quoting="minimal"))),
    ]
    return zip_bytes(members)


# ---------------------------------------------------------------------------------------------
# GA4, plan, targets


def ga4(rows: list[AdRow]) -> bytes:
    lines = [
        "# ----------------------------------------",
        "# Pages and screens: Page path and screen class",
        f"# Account: {BRAND}",
        f"# Property: {GA4_PROPERTY}",
        "# ----------------------------------------",
        "# ",
        "# All Users",
        f"# Start date: {START:%Y%m%d}",
        f"# End date: {END:%Y%m%d}",
    ]
    table: list[Sequence[Cell]] = [
        (
            "Page path and screen class",
            "Views",
            "Active users",
            "Views per active user",
            "Average engagement time per active user",
            "Event count",
            "Key events",
            "Total revenue",
        )
    ]
    for p in ga4_pages(rows):
        revenue: Cell = int(p.revenue) if p.revenue.is_integer() else p.revenue
        table.append([p.path, p.views, p.users, p.views / p.users, p.avg_engagement_s, p.events, p.key_events, revenue])
    text = "\r\n".join(lines) + "\r\n" + delimited(table, quoting="minimal", newline="\r\n", final_newline=False)
    return utf8(text)


def tiktok_ads(rows: list[AdRow]) -> bytes:
    header = (
        "Campaign name",
        "Ad Group Name",
        "Date",
        "Ad Name",
        "Cost",
        "CPC (Destination)",
        "CPM",
        "Impression",
        "Clicks (Destination)",
        "CTR (Destination)",
        "Conversions",
        "CPA",
        "Currency",
    )
    out: list[Sequence[Cell]] = [header]
    for r in (r for r in rows if r.platform == "tiktok"):
        conv = r.purchases or 0
        out.append(
            [
                r.campaign,
                r.ad_set,
                r.day.isoformat(),
                r.ad,
                f"{r.spend:.2f}",
                f"{r.spend / r.link_clicks:.2f}" if r.link_clicks else "-",
                f"{r.spend / r.impressions * 1000:.2f}",
                r.impressions,
                r.link_clicks,
                f"{r.link_clicks / r.impressions * 100:.2f}",
                conv,
                f"{r.spend / conv:.2f}" if conv else "-",
                "IDR",
            ]
        )
    return utf8(delimited(out, quoting="minimal"), bom=True)
