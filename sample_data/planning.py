"""Workspace data that is not a platform export: the content plan and the monthly targets.

The plan runs from :data:`PLAN_START` to :data:`PLAN_END`. Up to the snapshot (31 October
2026) most entries were published (they carry the post's id), a few are still ``planned``
though their time has passed (not published), and some were ``cancelled``; after the snapshot
the coming weeks are ``planned``, thinning out as the horizon gets further, with 11.11 and
Harbolnas 12.12 2026 on the calendar.

Targets are set the way a team sets them: a fixed number of posts per platform, a budget
from the ads plan, and for the other metrics the median of the three months before plus 8 %
growth, plus a quarter in campaign months (so some months hit and some miss).
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from dataclasses import dataclass

import numpy as np

from sample_data import captions
from sample_data.business import AdRow, ad_sets
from sample_data.world import (
    DAYS,
    END,
    PlatformData,
    Post,
    campaign_on,
    post_times,
    rng_for,
)

PLAN_START = dt.date(2026, 9, 28)
PLAN_END = dt.date(2026, 12, 13)
PLAN_PLATFORMS = ("instagram", "tiktok", "facebook", "linkedin", "youtube")
PLAN_COLUMNS = ("planned_at", "platform", "format", "campaign", "caption", "hashtags", "status", "post_id", "notes")
TARGET_COLUMNS = ("metric", "platform", "period", "period_start", "value")

FORMATS = {
    "IG reel": "reel",
    "IG carousel": "carousel",
    "IG image": "image",
    "Photos": "photo",
    "Reels": "reel",
    "Videos": "video",
    "Links": "link",
    "Text": "text",
    "video": "video",
    "Short": "short",
    "Video": "video",
    "Image": "image",
    "Document": "document",
    "Article": "article",
}
_MISSED_NOTES = (
    "Belum tayang: menunggu approval brand manager",
    "Footage dari outlet belum masuk",
    "Tertunda: desain revisi ke-3",
    "Belum tayang: kreator belum kirim video final",
)
_CANCEL_NOTES = (
    "Dibatalkan: stok croissant pandan habis",
    "Diganti konten promo kampanye",
    "Dibatalkan: bentrok dengan berita duka nasional",
    "Dibatalkan: outlet tutup untuk renovasi",
)
_FUTURE_NOTES = ("", "", "", "Brief ke tim desain hari Senin", "Kolaborasi kreator lokal", "Perlu foto produk baru")
_RATES = {"instagram": 1.4, "tiktok": 0.9, "facebook": 0.6, "linkedin": 0.4, "youtube": 0.23}


@dataclass(frozen=True)
class PlanRow:
    planned_at: dt.datetime  # Asia/Jakarta wall time
    platform: str
    format: str
    campaign: str
    caption: str
    hashtags: str
    status: str
    post_id: str
    notes: str

    def cells(self) -> list[str]:
        return [
            self.planned_at.strftime("%Y-%m-%dT%H:%M+07:00"),
            self.platform,
            self.format,
            self.campaign,
            self.caption,
            self.hashtags,
            self.status,
            self.post_id,
            self.notes,
        ]


def _body(caption: str, tags: tuple[str, ...]) -> str:
    """The caption without its closing line of hashtags (the plan keeps them apart)."""
    if tags:
        tail = " ".join(tags)
        if caption.endswith(tail):
            return caption[: -len(tail)].rstrip()
    return caption


def _campaign_name(day: dt.date) -> str:
    c = campaign_on(day)
    return c.name if c else ""


def _draft(rng: np.random.Generator, platform: str, day: dt.date) -> tuple[str, str, str]:
    """Format, caption and hashtags of a planned post that has no published twin."""
    c = campaign_on(day)
    key = c.key if c else None
    if platform == "tiktok":
        text = captions.tiktok_title(rng, key)
        return "video", _body(text.caption, text.tags), " ".join(text.tags)
    if platform == "linkedin":
        return "image", captions.linkedin_text(rng), ""
    if platform == "youtube":
        short = rng.random() < 0.7
        return ("short" if short else "video"), captions.youtube_title(rng, short), ""
    text = captions.feed_caption(rng, key)
    fmt = str(
        rng.choice(["reel", "reel", "carousel", "image"] if platform == "instagram" else ["photo", "reel", "link"])
    )
    return fmt, _body(text.caption, text.tags), " ".join(text.tags)


def _slot(when: dt.datetime) -> dt.datetime:
    """The half-hour slot a plan uses for ``when`` (plans are made in :00 and :30 slots)."""
    return when.replace(minute=0 if when.minute < 30 else 30)


def _planned_slot(rng: np.random.Generator, published: dt.datetime) -> dt.datetime:
    """The slot a published post was planned for: the half hour at or before it, or earlier."""
    slot = _slot(published)
    if rng.random() < 0.2:
        slot -= dt.timedelta(minutes=30 * int(rng.integers(1, 4)))  # went out late
    return slot


def plan_rows(data: dict[str, PlatformData]) -> list[PlanRow]:
    rng = rng_for("plan")
    rows: list[PlanRow] = []
    for platform in PLAN_PLATFORMS:
        posts: list[Post] = [p for p in data[platform].posts if PLAN_START <= p.day <= END]
        for p in posts:
            rows.append(
                PlanRow(
                    _planned_slot(rng, p.local_time),
                    platform,
                    FORMATS[p.kind],
                    _campaign_name(p.day),
                    _body(p.caption, p.tags),
                    " ".join(p.tags),
                    "published",
                    p.post_id,
                    "",
                )
            )
        day = PLAN_START
        while day <= PLAN_END:
            rate = _RATES[platform] * (0.0 if platform == "linkedin" and day.weekday() >= 5 else 1.0)
            if day <= END:
                # planned but never published, or called off
                for when in post_times(rng, platform, day, int(rng.poisson(rate * 0.16))):
                    status, notes = (
                        ("planned", str(rng.choice(_MISSED_NOTES)))
                        if rng.random() < 0.6
                        else ("cancelled", str(rng.choice(_CANCEL_NOTES)))
                    )
                    fmt, caption, tags = _draft(rng, platform, day)
                    rows.append(
                        PlanRow(_slot(when), platform, fmt, _campaign_name(day), caption, tags, status, "", notes)
                    )
            else:
                horizon = 1.0 if day <= dt.date(2026, 11, 22) else 0.55
                if campaign_on(day):
                    horizon *= 1.6
                for when in post_times(rng, platform, day, int(rng.poisson(rate * horizon))):
                    fmt, caption, tags = _draft(rng, platform, day)
                    note = str(rng.choice(_FUTURE_NOTES))
                    rows.append(
                        PlanRow(_slot(when), platform, fmt, _campaign_name(day), caption, tags, "planned", "", note)
                    )
            day += dt.timedelta(days=1)
    rows.sort(key=lambda r: (r.planned_at, r.platform, r.post_id, r.caption))
    return rows


# ---------------------------------------------------------------------------------------------
# targets


def _nice(value: float) -> float:
    """Two significant figures (a target someone typed), whole numbers below 100."""
    if value <= 0:
        return 1.0
    if value < 100:
        return float(max(1, round(value)))
    digits = int(math.floor(math.log10(value))) - 1
    return float(round(value / 10**digits) * 10**digits)


def _month_starts() -> list[dt.date]:
    return [dt.date(2025 + (m - 1) // 12, (m - 1) % 12 + 1, 1) for m in range(5, 5 + 20)]


def _month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def monthly_actuals(data: dict[str, PlatformData], ads: list[AdRow], snapshot: dt.date) -> dict[tuple[str, str], dict]:
    """Actual values per (metric, platform) and month, as the exports show them."""
    out: dict[tuple[str, str], dict[dt.date, float]] = {}

    def add(metric: str, platform: str, month: dt.date, value: float) -> None:
        out.setdefault((metric, platform), {}).setdefault(month, 0.0)
        out[(metric, platform)][month] += value

    for platform, d in data.items():
        for p in d.posts:
            add("posts", platform, _month_of(p.day), 1.0)
        for i, day in enumerate(DAYS):
            add("followers_gained", platform, _month_of(day), float(d.gained[i]))
            add("followers_net", platform, _month_of(day), float(d.gained[i] - d.lost[i]))
    eng: dict[dt.date, list[float]] = {}
    for p in data["instagram"].posts:
        m = p.at(snapshot)
        e = eng.setdefault(_month_of(p.day), [0.0, 0.0])
        e[0] += m["likes"] + m["comments"] + m["shares"] + m["saves"]
        e[1] += m["reach"]
    out[("engagement_rate_by_reach", "instagram")] = {k: v[0] / v[1] for k, v in eng.items()}
    for p in data["tiktok"].posts:
        add("views", "tiktok", _month_of(p.day), float(p.at(snapshot)["views"]))
    for r in ads:
        if r.platform == "meta":
            add("spend", "meta", _month_of(r.day), r.spend)
    return out


TARGETS = (
    ("posts", "instagram"),
    ("posts", "tiktok"),
    ("posts", "facebook"),
    ("posts", "x"),
    ("posts", "linkedin"),
    ("posts", "youtube"),
    ("followers_gained", "instagram"),
    ("followers_net", "tiktok"),
    ("followers_gained", "linkedin"),
    ("engagement_rate_by_reach", "instagram"),
    ("views", "tiktok"),
    ("spend", "meta"),
)


# Posts a month the team commits to per platform (a quarter more in campaign months).
POST_TARGETS = {"instagram": 40, "tiktok": 24, "facebook": 18, "x": 24, "linkedin": 8, "youtube": 6}


def _budget(month: dt.date) -> float:
    """The Meta budget of a month: the ad sets' daily budgets (next year's sales 10 % up)."""
    total = 0.0
    nxt = (month + dt.timedelta(days=32)).replace(day=1)
    for a in ad_sets():
        if a.platform != "meta":
            continue
        for k in range((a.end - a.start).days + 1):
            day = a.start + dt.timedelta(days=k)
            if month <= day < nxt:
                total += a.budget
            shifted = dt.date(day.year + 1, day.month, day.day) if not (day.month == 2 and day.day == 29) else None
            if a.name.startswith(("11.11", "12.12")) and shifted and month <= shifted < nxt:
                total += a.budget * 1.1
    if month > END:
        total += 500_000 * (nxt - month).days  # the always-on ad set continues
    return total


def target_rows(data: dict[str, PlatformData], ads: list[AdRow], snapshot: dt.date) -> list[list[str]]:
    actual = monthly_actuals(data, ads, snapshot)
    months = [m for m in _month_starts() if dt.date(2026, 1, 1) <= m <= dt.date(2026, 12, 1)]
    rows = []
    for month in months:
        campaign_month = any(campaign_on(month + dt.timedelta(days=d)) for d in range(28))
        for metric, platform in TARGETS:
            if metric == "spend":
                value = _nice(_budget(month))
            elif metric == "posts":
                value = float(POST_TARGETS[platform] + (POST_TARGETS[platform] // 4 if campaign_month else 0))
            else:
                series = actual.get((metric, platform), {})
                before = [series[m] for m in sorted(series) if m < month and m <= _month_of(END)][-3:]
                base = statistics.median(before)
                if metric == "engagement_rate_by_reach":
                    value = round(base * 1.05, 3)
                else:
                    value = _nice(base * 1.08 * (1.25 if campaign_month else 1.0))
            rows.append([metric, platform, "month", month.isoformat(), _fmt_target(value)])
    return rows


def _fmt_target(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))
