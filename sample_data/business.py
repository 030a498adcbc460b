"""The paid and web side of the sample: Meta and TikTok ads in IDR, GA4 pages, audiences.

Ads run as an always-on awareness ad set on Meta plus one campaign per calendar moment
(17 Agustus, 11.11, Harbolnas 12.12, Ramadan, Lebaran). Harbolnas 12.12 2025 on Meta is an
A/B test of two creatives with equal budgets: each day's impressions are split between them at
random (Binomial, p = ½), so the split passes a sample-ratio check, and the carousel's link
click-through rate (1.38 %) beats the video's (1.15 %) by a clear but ordinary margin.
Costs per 1,000 impressions rise in the shopping season (November, December) and in Ramadan,
so December 2025 is the month of highest spend.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from sample_data.world import END, START, campaigns, is_ramadan, progress, rng_for


@dataclass(frozen=True)
class AdSet:
    platform: str  # "meta" or "tiktok"
    campaign: str
    name: str  # ad set (Meta) or ad group (TikTok)
    start: dt.date
    end: dt.date
    budget: float  # IDR per day (per ad on TikTok)
    cpm: float  # IDR per 1,000 impressions, before the season
    ctr: float  # link clicks per impression
    objective: str  # awareness | traffic | conversions
    cvr: float = 0.0  # purchases per link click
    aov: float = 0.0  # IDR per purchase
    ads: tuple[str, ...] = ()  # TikTok ad names
    pair: str | None = None  # A/B test group


@dataclass
class AdRow:
    platform: str
    campaign: str
    ad_set: str
    ad: str | None
    day: dt.date
    objective: str
    spend: float
    impressions: int
    reach: int
    clicks_all: int
    link_clicks: int
    purchases: int | None
    value: float | None
    active_at_end: bool


def _window(key: str) -> tuple[dt.date, dt.date]:
    c = next(c for c in campaigns() if c.key == key)
    return c.start, c.end


def ad_sets() -> list[AdSet]:
    m80, m81 = _window("merdeka_2025"), _window("merdeka_2026")
    s11, h12 = _window("singles_2025"), _window("harbolnas_2025")
    ram, leb = _window("ramadan_2026"), _window("lebaran_2026")
    ao = "KSN | Always On | Awareness"
    out = [
        AdSet("meta", ao, "AO — Awareness Jabodetabek", START, END, 480_000, 14_500, 0.0062, "awareness"),
        AdSet(
            "meta", "KSN | Merdeka 80 | Traffic", "Merdeka 80 — Reels 17%", *m80, 1_200_000, 16_000, 0.0125, "traffic"
        ),
        AdSet(
            "meta", "KSN | Merdeka 80 | Traffic", "Merdeka 80 — Retargeting IG", *m80, 700_000, 21_000, 0.016, "traffic"
        ),
        AdSet(
            "meta",
            "KSN | 11.11 | Konversi",
            "11.11 — Voucher App",
            *s11,
            1_500_000,
            17_000,
            0.012,
            "conversions",
            0.03,
            62_000,
        ),
        AdSet(
            "meta",
            "KSN | 11.11 | Konversi",
            "11.11 — Lookalike Pembeli",
            *s11,
            1_000_000,
            15_000,
            0.010,
            "conversions",
            0.025,
            58_000,
        ),
        AdSet(
            "meta",
            "KSN | Harbolnas 12.12 | A/B Kreatif",
            "12.12 — Video A",
            *h12,
            3_000_000,
            18_000,
            0.0115,
            "conversions",
            0.034,
            71_000,
            pair="harbolnas",
        ),
        AdSet(
            "meta",
            "KSN | Harbolnas 12.12 | A/B Kreatif",
            "12.12 — Carousel B",
            *h12,
            3_000_000,
            18_000,
            0.0138,
            "conversions",
            0.034,
            71_000,
            pair="harbolnas",
        ),
        AdSet(
            "meta",
            "KSN | Harbolnas 12.12 | Retargeting",
            "12.12 — Retargeting Keranjang",
            *h12,
            1_800_000,
            24_000,
            0.019,
            "conversions",
            0.06,
            76_000,
        ),
        AdSet(
            "meta", "KSN | Ramadan Berkah 1447H", "Ramadan — Bukber Jakarta", *ram, 900_000, 15_000, 0.011, "traffic"
        ),
        AdSet(
            "meta", "KSN | Ramadan Berkah 1447H", "Ramadan — Sahur Surabaya", *ram, 600_000, 13_000, 0.010, "traffic"
        ),
        AdSet(
            "meta",
            "KSN | Ramadan Berkah 1447H",
            "Ramadan — Ngabuburit Bandung",
            *ram,
            600_000,
            13_500,
            0.0105,
            "traffic",
        ),
        AdSet(
            "meta",
            "KSN | Hampers Lebaran 2026",
            "Lebaran — Hampers Nasional",
            *leb,
            1_300_000,
            17_500,
            0.0105,
            "conversions",
            0.018,
            385_000,
        ),
        AdSet(
            "meta",
            "KSN | Hampers Lebaran 2026",
            "Lebaran — Retargeting Keranjang",
            *leb,
            700_000,
            23_000,
            0.017,
            "conversions",
            0.04,
            365_000,
        ),
        AdSet("meta", "KSN | Merdeka 81 | Traffic", "Merdeka 81 — Reels", *m81, 1_100_000, 16_500, 0.0128, "traffic"),
        AdSet(
            "meta", "KSN | Merdeka 81 | Traffic", "Merdeka 81 — Carousel", *m81, 1_100_000, 16_500, 0.0119, "traffic"
        ),
        AdSet(
            "tiktok",
            "KSN 11.11 Konversi",
            "11.11 Broad 18-34",
            *s11,
            600_000,
            10_500,
            0.011,
            "conversions",
            0.022,
            55_000,
            ads=("11.11 UGC Barista", "11.11 Promo Voucher"),
        ),
        AdSet(
            "tiktok",
            "KSN Harbolnas 12.12",
            "12.12 Broad Jabodetabek",
            *h12,
            700_000,
            12_000,
            0.0125,
            "conversions",
            0.024,
            68_000,
            ads=("12.12 BOGO Video", "12.12 Countdown", "12.12 Creator Collab"),
        ),
        AdSet(
            "tiktok",
            "KSN Ramadan Sahur",
            "Ramadan Sahur 02-04",
            *ram,
            500_000,
            9_500,
            0.0105,
            "conversions",
            0.018,
            49_000,
            ads=("Sahur Vlog Barista", "Takjil Gratis"),
        ),
        AdSet(
            "tiktok",
            "KSN Merdeka 81",
            "Merdeka Broad",
            *m81,
            450_000,
            9_000,
            0.012,
            "traffic",
            ads=("Lomba 17an", "Diskon 17%"),
        ),
    ]
    return out


def _season(day: dt.date) -> float:
    """Auction pressure: shopping season and Ramadan cost more per 1,000 impressions."""
    f = 1.0 + 0.10 * progress(day)
    if day.month == 12 and day.day <= 12:
        f *= 1.35
    elif day.month == 11:
        f *= 1.15
    elif is_ramadan(day):
        f *= 1.2
    elif day.month == 8:
        f *= 1.1
    return f


def _days(a: AdSet) -> list[dt.date]:
    return [a.start + dt.timedelta(days=i) for i in range((a.end - a.start).days + 1)]


def _row(
    rng: np.random.Generator, a: AdSet, ad: str | None, day: dt.date, k: int, spend: float, impressions: int, ctr: float
) -> AdRow:
    freq = 1.5 + float(rng.uniform(-0.08, 0.08)) if a.objective == "awareness" else min(1.18 + 0.07 * k, 2.6)
    link = int(rng.binomial(impressions, min(ctr, 0.5)))
    clicks_all = link + int(rng.binomial(impressions, 0.006))
    purchases = value = None
    if a.objective == "conversions":
        purchases = int(rng.binomial(link, a.cvr))
        value = float(round(purchases * a.aov * float(rng.lognormal(0.0, 0.08))))
    return AdRow(
        a.platform,
        a.campaign,
        a.name,
        ad,
        day,
        a.objective,
        float(round(spend)),
        impressions,
        int(round(impressions / freq)),
        clicks_all,
        link,
        purchases,
        value,
        a.end >= END,
    )


def ad_rows() -> list[AdRow]:
    """One row per Meta ad set per day and per TikTok ad per day."""
    rng = rng_for("ads")
    rows: list[AdRow] = []
    sets = ad_sets()
    pairs: dict[str, list[AdSet]] = {}
    for a in sets:
        if a.pair:
            pairs.setdefault(a.pair, []).append(a)
            continue
        for ad in a.ads or (None,):
            for k, day in enumerate(_days(a)):
                spend = a.budget * float(rng.uniform(0.93, 1.02))
                cpm = a.cpm * _season(day) * float(rng.lognormal(0.0, 0.08))
                imps = int(round(spend / cpm * 1000))
                ctr = a.ctr * float(rng.lognormal(0.0, 0.1))
                rows.append(_row(rng, a, ad, day, k, spend, imps, ctr))
    for group in pairs.values():
        first, second = group
        for k, day in enumerate(_days(first)):
            spend = (first.budget + second.budget) * float(rng.uniform(0.95, 1.0))
            cpm = first.cpm * _season(day) * float(rng.lognormal(0.0, 0.06))
            total = int(round(spend / cpm * 1000))
            n_first = int(rng.binomial(total, 0.5))
            day_effect = float(rng.lognormal(0.0, 0.05))  # both arms see the same day
            for a, n in ((first, n_first), (second, total - n_first)):
                rows.append(_row(rng, a, None, day, k, spend * n / total, n, a.ctr * day_effect))
    rows.sort(key=lambda r: (r.platform, r.day, r.campaign, r.ad_set, r.ad or ""))
    return rows


# ---------------------------------------------------------------------------------------------
# GA4 pages


@dataclass
class PageRow:
    path: str
    views: int
    users: int
    avg_engagement_s: float
    events: int
    key_events: int
    revenue: float


def ga4_pages(rows: list[AdRow]) -> list[PageRow]:
    """Pages and screens of the brand's site over the whole period (views landing from ads included)."""
    rng = rng_for("ga4")

    def clicks(prefix: str) -> int:
        return sum(r.link_clicks for r in rows if r.campaign.replace(" ", "").lower().find(prefix) >= 0)

    purchases = sum(r.purchases or 0 for r in rows)
    revenue = sum(r.value or 0.0 for r in rows)
    n_days = (END - START).days + 1
    pages = [
        ("/", 260 * n_days),
        ("/menu/", 120 * n_days),
        ("/order/", 75 * n_days),
        ("/lokasi/", 48 * n_days),
        ("/promo/harbolnas-1212/", int(clicks("12.12") * 0.82)),
        ("/promo/1111/", int(clicks("11.11") * 0.8)),
        ("/promo/ramadan/", int(clicks("ramadan") * 0.84)),
        ("/hampers-lebaran/", int(clicks("lebaran") * 0.86)),
        ("/promo/merdeka/", int(clicks("merdeka") * 0.8)),
        ("/order/checkout/", int(purchases * 1.9)),
        ("/membership/", 22 * n_days),
        ("/app/", 19 * n_days),
        ("/lokasi/jakarta-kemang/", 14 * n_days),
        ("/lokasi/bandung-dago/", 9 * n_days),
        ("/lokasi/surabaya-tunjungan/", 8 * n_days),
        ("/lokasi/medan-kesawan/", 6 * n_days),
        ("/karir/", 11 * n_days),
        ("/karir/barista/", 7 * n_days),
        ("/tentang-kami/", 6 * n_days),
        ("/blog/", 5 * n_days),
        ("/blog/cara-seduh-kopi-tubruk/", 4 * n_days),
        ("/blog/kopi-gayo-vs-toraja/", 3 * n_days),
        ("/faq/", 3 * n_days),
        ("/kontak/", 2 * n_days),
        ("/order/terima-kasih/", int(purchases * 1.6)),
    ]
    out = []
    for path, base in pages:
        views = int(round(base * float(rng.lognormal(0.0, 0.08))))
        users = max(1, int(round(views / float(rng.uniform(1.25, 2.1)))))
        avg = float(rng.uniform(18.0, 95.0))
        if path.startswith("/blog/"):
            avg *= 2.2
        events = int(round(views * float(rng.uniform(2.4, 4.2))))
        key = int(round(purchases * 1.6)) if path == "/order/terima-kasih/" else 0
        rev = float(round(revenue * 1.6)) if path == "/order/terima-kasih/" else 0.0
        out.append(PageRow(path, views, users, avg, events, key, rev))
    out.sort(key=lambda p: (-p.views, p.path))
    return out


# ---------------------------------------------------------------------------------------------
# audiences (snapshots as the platforms show them; percentages sum to 100)

META_CITIES = {
    "instagram": (
        ("Jakarta, Indonesia", 24.6),
        ("Surabaya, Indonesia", 9.4),
        ("Bandung, Indonesia", 8.2),
        ("Medan, Indonesia", 6.1),
        ("Bekasi, Indonesia", 4.4),
        ("Tangerang, Indonesia", 3.9),
        ("Depok, Indonesia", 3.1),
        ("Semarang, Indonesia", 2.3),
        ("Yogyakarta, Indonesia", 2.1),
        ("Makassar, Indonesia", 1.5),
    ),
    "facebook": (
        ("Jakarta, Indonesia", 19.8),
        ("Medan, Indonesia", 9.7),
        ("Surabaya, Indonesia", 9.1),
        ("Bandung, Indonesia", 7.4),
        ("Bekasi, Indonesia", 4.8),
        ("Tangerang, Indonesia", 4.1),
        ("Palembang, Indonesia", 2.6),
        ("Semarang, Indonesia", 2.5),
        ("Makassar, Indonesia", 2.2),
        ("Depok, Indonesia", 2.0),
    ),
}
META_AGE_GENDER = {
    "instagram": (
        ("13-17", 1.2, 1.9),
        ("18-24", 10.4, 15.8),
        ("25-34", 16.9, 23.7),
        ("35-44", 8.1, 10.9),
        ("45-54", 2.9, 4.6),
        ("55-64", 1.2, 1.8),
        ("65+", 0.2, 0.4),
    ),
    "facebook": (
        ("18-24", 6.2, 7.9),
        ("25-34", 15.8, 17.4),
        ("35-44", 14.1, 15.3),
        ("45-54", 7.6, 8.4),
        ("55-64", 2.9, 3.1),
        ("65+", 0.6, 0.7),
    ),
}
META_COUNTRIES = {
    "instagram": (
        ("Indonesia", 91.4),
        ("Malaysia", 2.1),
        ("Singapore", 1.3),
        ("Australia", 0.8),
        ("Netherlands", 0.6),
        ("Japan", 0.5),
        ("United States", 0.5),
        ("Saudi Arabia", 0.4),
        ("South Korea", 0.3),
        ("Taiwan", 0.3),
    ),
    "facebook": (
        ("Indonesia", 93.8),
        ("Malaysia", 1.9),
        ("Saudi Arabia", 0.9),
        ("Singapore", 0.7),
        ("Taiwan", 0.5),
        ("Hong Kong", 0.4),
        ("Japan", 0.3),
        ("Australia", 0.3),
        ("United States", 0.2),
        ("Netherlands", 0.2),
    ),
}
# TikTok follower snapshots at the end of each Studio export (shares 0–1, an "Others" row).
TIKTOK_GENDER = {
    "2025-10-31": (("Female", "0.6"), ("Male", "0.39"), ("Other", "0.01")),
    "2026-10-31": (("Female", "0.62"), ("Male", "0.37"), ("Other", "0.01")),
}
TIKTOK_TERRITORIES = {
    "2025-10-31": (
        ("ID", "0.921"),
        ("MY", "0.027"),
        ("SG", "0.011"),
        ("PH", "0.006"),
        ("TL", "0.004"),
        ("AU", "0.003"),
        ("JP", "0.002"),
        ("Others", "0.026"),
    ),
    "2026-10-31": (
        ("ID", "0.936"),
        ("MY", "0.022"),
        ("SG", "0.009"),
        ("PH", "0.005"),
        ("TL", "0.004"),
        ("AU", "0.002"),
        ("SA", "0.002"),
        ("Others", "0.02"),
    ),
}
# LinkedIn followers by segment (shares of the page's followers; written as counts).
LINKEDIN_DEMOGRAPHICS = {
    "Location": (
        ("Greater Jakarta", 0.46),
        ("Surabaya", 0.11),
        ("Bandung", 0.09),
        ("Medan", 0.06),
        ("Yogyakarta", 0.04),
        ("Semarang", 0.03),
        ("Denpasar", 0.03),
        ("Makassar", 0.02),
        ("Singapore", 0.02),
        ("Kuala Lumpur", 0.01),
    ),
    "Job function": (
        ("Operations", 0.17),
        ("Sales", 0.14),
        ("Marketing", 0.13),
        ("Business Development", 0.11),
        ("Entrepreneurship", 0.09),
        ("Human Resources", 0.06),
        ("Media and Communication", 0.06),
        ("Finance", 0.05),
        ("Arts and Design", 0.04),
        ("Engineering", 0.03),
    ),
    "Seniority": (
        ("Entry", 0.38),
        ("Senior", 0.24),
        ("Manager", 0.13),
        ("Training", 0.09),
        ("Owner", 0.06),
        ("Director", 0.04),
        ("Unpaid", 0.03),
        ("VP", 0.01),
        ("CXO", 0.01),
        ("Partner", 0.01),
    ),
    "Industry": (
        ("Food and Beverage Services", 0.22),
        ("Retail", 0.11),
        ("Hospitality", 0.09),
        ("Restaurants", 0.08),
        ("Marketing Services", 0.06),
        ("Food and Beverage Manufacturing", 0.05),
        ("IT Services and IT Consulting", 0.05),
        ("Financial Services", 0.04),
        ("Higher Education", 0.04),
        ("Advertising Services", 0.03),
    ),
    "Company size": (
        ("1-10", 0.12),
        ("11-50", 0.17),
        ("51-200", 0.19),
        ("201-500", 0.14),
        ("501-1000", 0.1),
        ("1001-5000", 0.13),
        ("5001-10,000", 0.05),
        ("10,001+", 0.1),
    ),
}
