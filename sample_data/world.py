"""The simulated brand behind the sample workspace: its calendar, followers, posts and rhythms.

Kopi Senja Nusantara, a fictional coffee-and-snacks chain, runs accounts on Instagram, TikTok,
Facebook, X, LinkedIn and YouTube from 1 May 2025 to 31 October 2026 (18 months). Everything
here is drawn from seeded generators (one per platform, so changing one platform leaves the
others as they were) and depends on no clock: the snapshot date is the constant
:data:`SNAPSHOT`.

The patterns the sample is meant to show:

- Posting and engagement rhythms in Asia/Jakarta time: a lunch peak (12–13) and an evening peak
  whose hour differs by platform and drifts later month by month (Instagram 19:00 → 20:30);
  weekends shift later with a morning bump; during Ramadan the peaks move to sahur (03–04) and
  buka puasa (17–18).
- Campaigns from the Indonesian calendar (:mod:`smo_metrics.calendar`): 17 Agustus (HUT RI 80
  and 81), 11.11, Harbolnas 12.12, Ramadan and Lebaran, with more posts, ads spend and
  follower spikes.
- Instagram reels reach further and engage more than carousels and images; a few posts go
  viral, some flop.
- Followers are cumulative: each day's total is the previous total plus gained minus lost,
  and the follows attributed to posts are part of the day's gains.
- Lifetime post totals keep growing after publication (``1 − exp(−age/τ)``), so an earlier
  export of the same post shows smaller numbers than a later one.
"""

from __future__ import annotations

import datetime as dt
import math
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from smo_metrics.calendar import indonesian_holidays, shopping_days

SEED = 20261031
START = dt.date(2025, 5, 1)
END = dt.date(2026, 10, 31)
SNAPSHOT = dt.date(2026, 11, 1)  # the day every final export was downloaded
TZ = "Asia/Jakarta"
N_DAYS = (END - START).days + 1
DAYS: tuple[dt.date, ...] = tuple(START + dt.timedelta(days=i) for i in range(N_DAYS))
PAD = 120  # days of spread kept after END (contributions past END are never exported)
WARMUP = 45  # days simulated before START, so the first days already carry older posts' views

BRAND = "Kopi Senja Nusantara"
IG_HANDLE = "kopisenja.id"
IG_ACCOUNT_ID = "17841452863010427"
FB_PAGE_ID = "104578293016254"
FB_SLUG = "kopisenja.id"
TIKTOK_HANDLE = "kopisenja.id"
X_HANDLE = "kopisenja_id"
LINKEDIN_PAGE = "kopi-senja-nusantara"
ADS_ACCOUNT = "Kopi-Senja-Nusantara"
GA4_PROPERTY = "kopisenja.id - GA4"


def rng_for(name: str) -> np.random.Generator:
    """The generator of one part of the world (its own stream, fixed by :data:`SEED`)."""
    return np.random.default_rng([SEED, zlib.crc32(name.encode("utf-8"))])


# ---------------------------------------------------------------------------------------------
# calendar


@dataclass(frozen=True)
class Campaign:
    key: str  # e.g. "harbolnas_2025"; also the caption/hashtag family
    name: str  # as the team calls it
    start: dt.date
    end: dt.date

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@lru_cache(maxsize=1)
def campaigns() -> tuple[Campaign, ...]:
    """Campaign windows, derived from the Indonesian calendar (most specific first)."""
    shop = shopping_days([2025, 2026])
    hol = indonesian_holidays([2025, 2026])

    def season(event: str, year: int) -> tuple[dt.date, dt.date]:
        rows = shop.loc[shop["event"].eq(event) & shop["start"].dt.year.eq(year)]
        return rows["start"].min().date(), rows["end"].max().date()

    def day_of(frame: pd.DataFrame, event: str, year: int) -> dt.date:
        rows = frame.loc[frame["event"].eq(event) & frame["date"].dt.year.eq(year)]
        return rows["date"].min().date()

    ramadan = season("ramadan", 2026)
    lebaran = season("lebaran", 2026)
    out = []
    lebaran_start = ramadan[1] - dt.timedelta(days=9)
    out.append(Campaign("lebaran_2026", "Hampers Lebaran 2026", lebaran_start, lebaran[1] + dt.timedelta(days=2)))
    out.append(Campaign("ramadan_2026", "Ramadan Berkah 1447 H", ramadan[0], ramadan[1]))
    for year, label in ((2025, "Merdeka 80"), (2026, "Merdeka 81")):
        d = day_of(hol, "independence_day", year)
        out.append(Campaign(f"merdeka_{year}", label, d - dt.timedelta(days=9), d + dt.timedelta(days=1)))
    for year in (2025, 2026):
        d = day_of(shop, "singles_day", year)
        out.append(Campaign(f"singles_{year}", f"Promo 11.11 {year}", d - dt.timedelta(days=7), d))
        d = day_of(shop, "harbolnas", year)
        out.append(Campaign(f"harbolnas_{year}", f"Harbolnas 12.12 {year}", d.replace(day=1), d))
    return tuple(out)


def campaign_on(day: dt.date) -> Campaign | None:
    for c in campaigns():
        if c.covers(day):
            return c
    return None


@lru_cache(maxsize=1)
def ramadan_days() -> tuple[dt.date, dt.date]:
    c = next(c for c in campaigns() if c.key == "ramadan_2026")
    return c.start, c.end


def is_ramadan(day: dt.date) -> bool:
    lo, hi = ramadan_days()
    return lo <= day <= hi


def progress(day: dt.date) -> float:
    """0 on the first day of the period, 1 on the last."""
    return (day - START).days / (N_DAYS - 1)


# ---------------------------------------------------------------------------------------------
# rhythms: when each platform's audience engages (Asia/Jakarta hours)


@dataclass(frozen=True)
class Rhythm:
    lunch: float
    lunch_amp: float
    evening0: float  # evening peak hour at the start of the period
    evening_drift: float  # hours later by the end of the period
    evening_amp: float
    morning: float
    morning_amp: float
    floor: float


RHYTHMS: dict[str, Rhythm] = {
    "instagram": Rhythm(12.5, 0.60, 19.0, 1.5, 1.00, 7.5, 0.25, 0.40),
    "facebook": Rhythm(12.0, 0.85, 18.5, 1.0, 0.60, 6.5, 0.35, 0.45),
    "tiktok": Rhythm(12.5, 0.40, 20.5, 1.0, 1.10, 7.0, 0.15, 0.30),
    "x": Rhythm(12.0, 0.60, 20.0, 0.5, 0.60, 7.5, 0.70, 0.45),
    "linkedin": Rhythm(12.0, 0.70, 17.5, 0.0, 0.30, 8.5, 0.90, 0.35),
    "youtube": Rhythm(12.5, 0.30, 19.5, 0.5, 0.90, 9.0, 0.20, 0.40),
}
_HOURS = np.arange(24) + 0.5


def _bump(center: float, amp: float, sd: float) -> np.ndarray:
    d = np.abs(_HOURS - center)
    d = np.minimum(d, 24 - d)
    return amp * np.exp(-0.5 * (d / sd) ** 2)


@lru_cache(maxsize=8192)
def _hour_weights(platform: str, day: dt.date) -> tuple[float, ...]:
    r = RHYTHMS[platform]
    if is_ramadan(day):
        w = r.floor + _bump(3.8, 0.8, 0.8) + _bump(17.4, 1.1, 1.0) + _bump(20.8, 0.6, 1.2)
        return tuple(float(x) for x in w)
    weekend = day.weekday() >= 5
    evening = r.evening0 + r.evening_drift * progress(day) + (0.5 if weekend else 0.0)
    lunch_amp = r.lunch_amp * (0.6 if weekend else 1.0)
    morning = r.morning + (2.0 if weekend else 0.0)
    morning_amp = r.morning_amp * (1.5 if weekend else 1.0)
    w = r.floor + _bump(r.lunch + (0.5 if weekend else 0.0), lunch_amp, 0.9) + _bump(evening, r.evening_amp, 1.2)
    w = w + _bump(morning, morning_amp, 1.0)
    w = w * (1.0 - 0.65 * np.exp(-0.5 * ((_HOURS - 3.5) / 1.6) ** 2))  # the small hours
    return tuple(float(x) for x in w)


def hour_weights(platform: str, day: dt.date) -> np.ndarray:
    """Relative audience activity by hour (0–23) on ``day``."""
    return np.array(_hour_weights(platform, day))


def hour_effect(platform: str, day: dt.date, hour: int) -> float:
    """Engagement multiplier of posting at ``hour``: activity relative to the day's 8–22 mean."""
    w = hour_weights(platform, day)
    return float(w[hour] / w[8:23].mean())


def post_times(rng: np.random.Generator, platform: str, day: dt.date, n: int) -> list[dt.datetime]:
    """``n`` distinct posting times on ``day``: mostly near the peaks, some exploration."""
    if n <= 0:
        return []
    w = hour_weights(platform, day) ** 2
    allowed = np.zeros(24)
    allowed[6:24] = 1.0
    if is_ramadan(day):
        allowed[3:5] = 1.0
    p = w * allowed
    p = 0.85 * p / p.sum() + 0.15 * allowed / allowed.sum()
    hours = rng.choice(24, size=n, p=p)
    out: set[dt.datetime] = set()
    for h in hours:
        minute = int(rng.choice([0, 0, 0, 15, 30, 30, 45])) if rng.random() < 0.5 else int(rng.integers(0, 60))
        t = dt.datetime(day.year, day.month, day.day, int(h), minute)
        while t in out:
            t += dt.timedelta(minutes=7)
        out.add(t)
    return sorted(out)


WEEKDAY_POSTING = (1.0, 1.0, 1.05, 1.0, 1.1, 1.15, 0.65)  # Mon … Sun
WEEKDAY_ENGAGEMENT = (0.97, 0.98, 1.0, 1.0, 1.03, 1.08, 1.05)


# ---------------------------------------------------------------------------------------------
# posts and the daily account series they feed


@dataclass
class Post:
    platform: str
    post_id: str
    local_time: dt.datetime  # wall time in Asia/Jakarta
    kind: str  # the platform's own label ("IG reel", "Photos", "Short", ...)
    caption: str
    tags: tuple[str, ...]
    campaign: str | None
    metrics: dict[str, float]  # lifetime totals once fully grown
    tau: float  # days: how fast the totals grow
    duration: int = 0
    permalink: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def day(self) -> dt.date:
        return self.local_time.date()

    def maturity(self, exported: dt.date) -> float:
        age = (exported - self.day).days
        return 1.0 - math.exp(-max(age, 0) / self.tau)

    def at(self, exported: dt.date) -> dict[str, int]:
        """Lifetime totals as an export downloaded on ``exported`` shows them."""
        g = self.maturity(exported)
        return {k: int(round(v * g)) for k, v in self.metrics.items()}


def spread_shares(tau: float, days: int) -> np.ndarray:
    """Share of a post's lifetime total that arrives on day k after posting (k = 0 … days−1)."""
    k = np.arange(days + 1, dtype=float)
    cdf = 1.0 - np.exp(-k / tau)
    return np.diff(cdf)


@dataclass
class PlatformData:
    platform: str
    posts: list[Post]  # published from START to END
    earlier: list[Post]  # published in the warm-up before START (not in any export)
    followers: np.ndarray  # end-of-day totals, one per day of DAYS
    gained: np.ndarray
    lost: np.ndarray
    daily: dict[str, np.ndarray]  # post metrics spread over the days they arrived
    posts_per_day: np.ndarray


@dataclass(frozen=True)
class Spec:
    platform: str
    f0: float  # followers at the start of the warm-up
    gain_rate: float  # organic follows per follower per day (not from a post)
    churn: float  # unfollows per follower per day
    campaign_gain: float  # multiplier of organic follows during a campaign (ads, promos)
    posts_per_day: Callable[[dt.date], float]


MakePost = Callable[[np.random.Generator, dt.date, dt.datetime, float, int], Post]


def spread_into(target: np.ndarray, t: int, value: float, tau: float) -> None:
    """Add ``value`` spread from day index ``t`` on (``t`` may be negative: the days before 0 are cut)."""
    n = len(target)
    shares = spread_shares(tau, n - t)
    if t < 0:
        target[:] += value * shares[-t:]
    else:
        target[t:] += value * shares


def simulate(spec: Spec, make_post: MakePost, rng: np.random.Generator) -> PlatformData:
    """Run one platform day by day: posts (from the current followers), then the day's totals.

    gained[t] = organic follows (a share of followers, more in campaigns and on weekends)
    + follows that posts bring that day; lost[t] ~ Poisson(churn × followers);
    followers[t] = followers[t−1] + gained[t] − lost[t]. The run starts :data:`WARMUP` days
    before START; only the days from START on are kept.
    """
    days = [START + dt.timedelta(days=i - WARMUP) for i in range(WARMUP + N_DAYS)]
    n = len(days) + PAD
    daily: dict[str, np.ndarray] = {}
    posts: list[Post] = []
    followers = np.zeros(len(days))
    gained = np.zeros(len(days))
    lost = np.zeros(len(days))
    per_day = np.zeros(len(days))
    current = spec.f0
    for t, day in enumerate(days):
        count = int(rng.poisson(max(spec.posts_per_day(day), 0.0)))
        for when in post_times(rng, spec.platform, day, count):
            post = make_post(rng, day, when, current, len(posts))
            posts.append(post)
            for k, v in post.metrics.items():
                spread_into(daily.setdefault(k, np.zeros(n)), t, v, post.tau)
        per_day[t] = count
        organic = current * spec.gain_rate * (1.08 if day.weekday() >= 5 else 1.0)
        if campaign_on(day):
            organic *= spec.campaign_gain
        organic *= float(rng.lognormal(0.0, 0.18))
        from_posts = daily["follows"][t] if "follows" in daily else 0.0
        gained[t] = round(organic + from_posts)
        lost[t] = rng.poisson(current * spec.churn)
        current = current + gained[t] - lost[t]
        followers[t] = current
    keep = slice(WARMUP, WARMUP + N_DAYS)
    return PlatformData(
        spec.platform,
        [p for p in posts if p.day >= START],
        [p for p in posts if p.day < START],
        followers[keep],
        gained[keep],
        lost[keep],
        {k: v[keep] for k, v in daily.items()},
        per_day[keep],
    )


def _unique_digits(rng: np.random.Generator, prefix: str, digits: int, used: set[str]) -> str:
    while True:
        body = "".join(str(int(d)) for d in rng.integers(0, 10, size=digits))
        value = prefix + body
        if value not in used:
            used.add(value)
            return value


_SHORTCODE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"


def _shortcode(rng: np.random.Generator, first: str, length: int = 11) -> str:
    return first + "".join(_SHORTCODE[int(i)] for i in rng.integers(0, 64, size=length - 1))


def _multinomial(rng: np.random.Generator, total: float, shares: dict[str, float]) -> dict[str, float]:
    """Split an expected total into parts, each with a little noise of its own."""
    out = {}
    for k, s in shares.items():
        out[k] = total * s * float(rng.lognormal(0.0, 0.12))
    return out
