"""The organic side of the sample: one simulated account per platform.

Each platform has a posting rate (per day, more in campaigns) and a post model that turns the
followers of the day, the posting hour and the format into lifetime totals. The engine in
:mod:`sample_data.world` runs them day by day and keeps the followers cumulative.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from sample_data import captions
from sample_data.world import (
    FB_SLUG,
    TIKTOK_HANDLE,
    WEEKDAY_ENGAGEMENT,
    WEEKDAY_POSTING,
    X_HANDLE,
    PlatformData,
    Post,
    Spec,
    _multinomial,
    _shortcode,
    _unique_digits,
    campaign_on,
    hour_effect,
    progress,
    rng_for,
    simulate,
)

JAKARTA_OFFSET = dt.timedelta(hours=7)
BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def _utc_ms(local: dt.datetime) -> int:
    utc = (local - JAKARTA_OFFSET).replace(tzinfo=dt.UTC)
    return int(utc.timestamp() * 1000)


def _campaign_key(day: dt.date) -> str | None:
    c = campaign_on(day)
    return c.key if c else None


def _viral_or_flop(rng: np.random.Generator, p_viral: float, p_flop: float) -> str:
    u = rng.random()
    if u < p_viral:
        return "viral"
    if u < p_viral + p_flop:
        return "flop"
    return ""


# ---------------------------------------------------------------------------------------------
# Instagram

IG_TYPES = {"IG reel": "reel", "IG carousel": "carousel", "IG image": "image"}
_IG_REACH = {"reel": 0.40, "carousel": 0.22, "image": 0.16}
_IG_RATE = {"reel": 0.068, "carousel": 0.056, "image": 0.034}
_IG_VIEWS = {"reel": (1.6, 2.4), "carousel": (1.9, 2.8), "image": (1.15, 1.5)}
_IG_SPLIT = {
    "reel": {"likes": 0.74, "comments": 0.05, "shares": 0.12, "saves": 0.09},
    "carousel": {"likes": 0.66, "comments": 0.05, "shares": 0.08, "saves": 0.21},
    "image": {"likes": 0.82, "comments": 0.06, "shares": 0.05, "saves": 0.07},
}
_IG_TAU = {"reel": 5.0, "carousel": 2.5, "image": 2.0}


def _ig_rate(day: dt.date) -> float:
    base = 0.95 + 0.5 * progress(day)
    return base * WEEKDAY_POSTING[day.weekday()] * (1.8 if campaign_on(day) else 1.0)


def _instagram_post(
    rng: np.random.Generator, day: dt.date, when: dt.datetime, followers: float, i: int, used: set[str]
) -> Post:
    campaign = _campaign_key(day)
    p_reel = 0.38 + 0.2 * progress(day)
    u = rng.random()
    kind = "IG reel" if u < p_reel else ("IG carousel" if u < p_reel + 0.30 else "IG image")
    typ = IG_TYPES[kind]
    he = hour_effect("instagram", day, when.hour)
    reach = followers * _IG_REACH[typ] * float(rng.lognormal(0.0, 0.42)) * he**0.3 * (1.2 if campaign else 1.0)
    rate = _IG_RATE[typ] * he**0.6 * WEEKDAY_ENGAGEMENT[day.weekday()] * float(rng.lognormal(0.0, 0.2))
    if campaign:
        rate *= 1.08
    fate = _viral_or_flop(rng, 0.014 if typ == "reel" else 0.006, 0.04)
    if fate == "viral":
        reach *= float(rng.uniform(8.0, 22.0))
        rate *= float(rng.uniform(2.8, 3.6))  # shared and saved far more than usual
    elif fate == "flop":
        reach *= 0.3
        rate *= 0.3
    lo, hi = _IG_VIEWS[typ]
    views = reach * float(rng.uniform(lo, hi))
    parts = _multinomial(rng, reach * rate, _IG_SPLIT[typ])
    follows = reach * 0.0011 * (2.5 if fate == "viral" else 1.0) * float(rng.lognormal(0.0, 0.3))
    text = captions.feed_caption(rng, campaign)
    post_id = _unique_digits(rng, "18", 15, used)
    code = _shortcode(rng, "D" if day.year == 2026 else "C")
    link = f"https://www.instagram.com/{'reel' if typ == 'reel' else 'p'}/{code}/"
    return Post(
        platform="instagram",
        post_id=post_id,
        local_time=when,
        kind=kind,
        caption=text.caption,
        tags=text.tags,
        campaign=campaign,
        metrics={"views": views, "reach": reach, **parts, "follows": follows},
        tau=_IG_TAU[typ],
        duration=int(rng.integers(7, 76)) if typ == "reel" else 0,
        permalink=link,
        extra={"fate": fate},
    )


# ---------------------------------------------------------------------------------------------
# Facebook

FB_KINDS = (("Photos", 0.42), ("Reels", 0.22), ("Videos", 0.10), ("Links", 0.18), ("Text", 0.08))
_FB_REACH = {"Photos": 0.11, "Reels": 0.30, "Videos": 0.17, "Links": 0.07, "Text": 0.05}
_FB_RATE = {"Photos": 0.045, "Reels": 0.05, "Videos": 0.035, "Links": 0.02, "Text": 0.03}


def _fb_rate(day: dt.date) -> float:
    base = 0.5 + 0.15 * progress(day)
    return base * (0.7 if day.weekday() == 6 else 1.0) * (1.5 if campaign_on(day) else 1.0)


def _facebook_post(
    rng: np.random.Generator, day: dt.date, when: dt.datetime, followers: float, i: int, used: set[str]
) -> Post:
    campaign = _campaign_key(day)
    names = [k for k, _ in FB_KINDS]
    kind = str(rng.choice(names, p=[p for _, p in FB_KINDS]))
    he = hour_effect("facebook", day, when.hour)
    reach = followers * _FB_REACH[kind] * float(rng.lognormal(0.0, 0.5)) * he**0.3 * (1.3 if campaign else 1.0)
    fate = _viral_or_flop(rng, 0.01, 0.04)
    rate = _FB_RATE[kind] * he**0.5 * float(rng.lognormal(0.0, 0.25))
    if fate == "viral":
        reach *= float(rng.uniform(5.0, 15.0))
        rate *= float(rng.uniform(1.8, 2.6))
    elif fate == "flop":
        reach *= 0.4
        rate *= 0.5
    views = reach * float(rng.uniform(1.8, 2.6) if kind in ("Reels", "Videos") else rng.uniform(1.2, 1.6))
    parts = _multinomial(rng, reach * rate, {"likes": 0.82, "comments": 0.10, "shares": 0.08})
    link_clicks = reach * 0.022 * float(rng.lognormal(0.0, 0.3)) if kind == "Links" else 0.0
    other = reach * 0.05 * float(rng.lognormal(0.0, 0.3))
    text = captions.feed_caption(rng, campaign, long=True)
    caption = text.caption
    if kind == "Links":
        caption += "\n\nPesan sekarang: https://kopisenja.id/order"
    post_id = _unique_digits(rng, "1", 15, used)
    path = {"Reels": "reel", "Videos": "videos"}.get(kind, "posts")
    metrics = {"views": views, "reach": reach, **parts, "other_clicks": other, "follows": reach * 0.0006}
    if kind == "Links":
        metrics["link_clicks"] = link_clicks
    return Post(
        platform="facebook",
        post_id=post_id,
        local_time=when,
        kind=kind,
        caption=caption,
        tags=text.tags,
        campaign=campaign,
        metrics=metrics,
        tau=3.0 if kind in ("Reels", "Videos") else 1.5,
        duration=int(rng.integers(10, 90)) if kind in ("Reels", "Videos") else 0,
        permalink=f"https://www.facebook.com/{FB_SLUG}/{path}/{post_id}/",
        extra={"fate": fate},
    )


# ---------------------------------------------------------------------------------------------
# TikTok


def _tt_rate(day: dt.date) -> float:
    return (0.55 + 0.4 * progress(day)) * (1.6 if campaign_on(day) else 1.0) * (1.1 if day.weekday() >= 5 else 1.0)


def _tiktok_post(
    rng: np.random.Generator, day: dt.date, when: dt.datetime, followers: float, i: int, used: set[str]
) -> Post:
    campaign = _campaign_key(day)
    he = hour_effect("tiktok", day, when.hour)
    views = followers * 1.1 * float(rng.lognormal(0.0, 0.8)) * he**0.4 * (1.2 if campaign else 1.0)
    fate = _viral_or_flop(rng, 0.03, 0.05)
    if fate == "viral":
        views *= float(rng.uniform(10.0, 30.0))
    elif fate == "flop":
        views *= 0.15
    likes = views * 0.065 * float(rng.lognormal(0.0, 0.25))
    comments = views * 0.004 * float(rng.lognormal(0.0, 0.35))
    shares = views * 0.0045 * float(rng.lognormal(0.0, 0.4)) * (1.5 if campaign else 1.0)
    follows = views * 0.0008 * (2.5 if fate == "viral" else 1.0)
    text = captions.tiktok_title(rng, campaign)
    seconds = _utc_ms(when) // 1000
    while True:
        vid = str((seconds << 32) | int(rng.integers(0, 2**32)))
        if vid not in used:
            used.add(vid)
            break
    return Post(
        platform="tiktok",
        post_id=vid,
        local_time=when,
        kind="video",
        caption=text.caption,
        tags=text.tags,
        campaign=campaign,
        metrics={"views": views, "likes": likes, "comments": comments, "shares": shares, "follows": follows},
        tau=3.0,
        duration=int(rng.integers(9, 95)),
        permalink=f"https://www.tiktok.com/@{TIKTOK_HANDLE}/video/{vid}",
        extra={"fate": fate},
    )


# ---------------------------------------------------------------------------------------------
# X

_X_EPOCH_MS = 1288834974657


def _x_rate(day: dt.date) -> float:
    return 0.8 * (0.6 if day.weekday() >= 5 else 1.0) * (1.5 if campaign_on(day) else 1.0)


def _x_post(
    rng: np.random.Generator, day: dt.date, when: dt.datetime, followers: float, i: int, used: set[str]
) -> Post:
    campaign = _campaign_key(day)
    text, reply = captions.x_text(rng, campaign)
    he = hour_effect("x", day, when.hour)
    impressions = followers * 0.45 * float(rng.lognormal(0.0, 0.6)) * he**0.3 * (0.25 if reply else 1.0)
    fate = _viral_or_flop(rng, 0.01, 0.0)
    if fate == "viral":
        impressions *= float(rng.uniform(10.0, 30.0))
    e = impressions * 0.028 * float(rng.lognormal(0.0, 0.3))
    has_link = "https://" in text
    has_tag = "#" in text
    split = {
        "likes": 0.40,
        "comments": 0.08,
        "shares": 0.10,  # reposts
        "saves": 0.05,  # bookmarks
        "dm_shares": 0.02,
        "profile_visits": 0.08,
        "detail_expands": 0.17,
        "permalink_clicks": 0.01,
    }
    if has_link:
        split["link_clicks"] = 0.07
    if has_tag:
        split["hashtag_clicks"] = 0.03
    parts = _multinomial(rng, e, split)
    ms = _utc_ms(when)
    while True:
        pid = str(((ms - _X_EPOCH_MS) << 22) | int(rng.integers(0, 2**22)))
        if pid not in used:
            used.add(pid)
            break
    return Post(
        platform="x",
        post_id=pid,
        local_time=when,
        kind="reply" if reply else "post",
        caption=text,
        tags=tuple(w for w in text.split() if w.startswith("#")),
        campaign=campaign,
        metrics={"impressions": impressions, **parts, "follows": impressions * 0.0006},
        tau=1.0,
        permalink=f"https://x.com/{X_HANDLE}/status/{pid}",
        extra={"fate": fate},
    )


# ---------------------------------------------------------------------------------------------
# LinkedIn

LI_TYPES = (("Image", 0.45), ("Video", 0.15), ("Text", 0.15), ("Document", 0.10), ("Article", 0.15))


def _li_rate(day: dt.date) -> float:
    return 0.0 if day.weekday() >= 5 else 0.42


def _linkedin_post(
    rng: np.random.Generator, day: dt.date, when: dt.datetime, followers: float, i: int, used: set[str]
) -> Post:
    text = captions.linkedin_text(rng)
    kind = str(rng.choice([k for k, _ in LI_TYPES], p=[p for _, p in LI_TYPES]))
    hiring = "#lowongankerja" in text or "#hiring" in text
    impressions = followers * 0.9 * float(rng.lognormal(0.0, 0.5)) * (1.6 if hiring else 1.0)
    sponsored = hiring and rng.random() < 0.5
    extra = {"paid": "Organic", "campaign_name": "", "start": "", "end": "", "author": ""}
    extra["author"] = str(rng.choice(captions.LINKEDIN_AUTHORS))
    if sponsored:
        impressions *= 3.0
        end = day + dt.timedelta(days=14)
        extra.update(
            paid="Sponsored",
            campaign_name=f"Rekrutmen {BULAN[day.month - 1]} {day.year}",
            start=f"{day.month:02d}/{day.day:02d}/{day.year}",
            end=f"{end.month:02d}/{end.day:02d}/{end.year}",
        )
    metrics = {
        "impressions": impressions,
        "clicks": impressions * 0.045 * float(rng.lognormal(0.0, 0.35)),
        "likes": impressions * 0.028 * float(rng.lognormal(0.0, 0.3)),
        "comments": impressions * 0.003 * float(rng.lognormal(0.0, 0.5)),
        "shares": impressions * 0.002 * float(rng.lognormal(0.0, 0.5)),
        "follows": impressions * 0.0010,
    }
    ms = _utc_ms(when)
    while True:
        activity = str((ms << 22) | int(rng.integers(0, 2**22)))
        if activity not in used:
            used.add(activity)
            break
    return Post(
        platform="linkedin",
        post_id=f"urn:li:activity:{activity}",
        local_time=when,
        kind=kind,
        caption=text,
        tags=tuple(w for w in text.split() if w.startswith("#")),
        campaign=None,
        metrics=metrics,
        tau=2.0,
        permalink=f"https://www.linkedin.com/feed/update/urn:li:activity:{activity}",
        extra=extra,
    )


# ---------------------------------------------------------------------------------------------
# YouTube


def _yt_rate(day: dt.date) -> float:
    return 0.23 * (1.3 if campaign_on(day) else 1.0)


def _youtube_post(
    rng: np.random.Generator, day: dt.date, when: dt.datetime, followers: float, i: int, used: set[str]
) -> Post:
    short = rng.random() < 0.7
    scale = (followers / 2900.0) ** 0.8
    fate = _viral_or_flop(rng, 0.03 if short else 0.0, 0.0)
    if short:
        views = 2200.0 * scale * float(rng.lognormal(0.0, 0.9))
        if fate == "viral":
            views *= float(rng.uniform(10.0, 30.0))
        duration = int(rng.integers(15, 60))
        watch = views * duration * 0.75 / 3600.0
        impressions = views * float(rng.uniform(0.01, 0.05))
        ctr = float(rng.uniform(2.0, 6.5))
        subs = views * 0.0012
    else:
        views = 1400.0 * scale * float(rng.lognormal(0.0, 0.6))
        duration = int(rng.integers(240, 900))
        watch = views * duration * 0.35 / 3600.0
        ctr = float(rng.uniform(3.5, 8.5))
        impressions = views * 0.55 / (ctr / 100.0)
        subs = views * 0.004
    title = captions.youtube_title(rng, short)
    while True:
        vid = _shortcode(rng, "-" if i == 7 else _SHORT_FIRST[int(rng.integers(0, len(_SHORT_FIRST)))])
        if vid not in used:
            used.add(vid)
            break
    return Post(
        platform="youtube",
        post_id=vid,
        local_time=when,
        kind="Short" if short else "Video",
        caption=title,
        tags=tuple(w for w in title.split() if w.startswith("#")),
        campaign=_campaign_key(day),
        metrics={"views": views, "watch_time_hours": watch, "impressions": impressions, "follows": subs},
        tau=4.0 if short else 18.0,
        duration=duration,
        permalink=f"https://www.youtube.com/{'shorts/' if short else 'watch?v='}{vid}",
        extra={"ctr": f"{ctr:.2f}", "fate": fate},
    )


_SHORT_FIRST = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"


# ---------------------------------------------------------------------------------------------

SPECS = {
    "instagram": (Spec("instagram", 18_400, 0.0011, 0.0004, 2.6, _ig_rate), _instagram_post),
    "facebook": (Spec("facebook", 11_800, 0.00035, 0.00022, 2.0, _fb_rate), _facebook_post),
    "tiktok": (Spec("tiktok", 4_200, 0.0016, 0.0006, 2.5, _tt_rate), _tiktok_post),
    "x": (Spec("x", 2_150, 0.0009, 0.0004, 1.8, _x_rate), _x_post),
    "linkedin": (Spec("linkedin", 1_320, 0.0007, 0.00005, 1.0, _li_rate), _linkedin_post),
    "youtube": (Spec("youtube", 2_900, 0.0011, 0.0003, 1.6, _yt_rate), _youtube_post),
}


def simulate_platform(platform: str) -> PlatformData:
    """The account of ``platform`` over the whole period (deterministic)."""
    spec, make = SPECS[platform]
    used: set[str] = set()  # ids already given, so every post id is unique

    def make_post(rng: np.random.Generator, day: dt.date, when: dt.datetime, followers: float, i: int) -> Post:
        return make(rng, day, when, followers, i, used)

    return simulate(spec, make_post, rng_for(platform))
