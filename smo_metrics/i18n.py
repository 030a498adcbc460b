"""Words and number formats in the workspace language: English (``en``) or Bahasa Indonesia (``id``).

The dashboard, the Excel report and the CLI format numbers with these functions so they agree:

- ``number(1234567.5, "id", 1)`` → ``1.234.567,5``; in English ``1,234,567.5``.
- ``percent(0.125, "id")`` → ``12,5%``; ``percent(0.125, "en")`` → ``12.5%``.
- ``money(1234567, "IDR", "id")`` → ``Rp 1.234.567``; ``money(12.5, "USD", "en")`` → ``US$ 12.50``.
  Rupiah are shown without decimals (no coin below Rp 1 circulates); other currencies with two.
- ``date(dt.date(2026, 3, 1), "id")`` → ``1 Mar 2026``; ``month_name(3, "id")`` → ``Maret``.

Missing values (``None``, ``NaN``, ``pd.NA``) format as ``—`` everywhere: a missing number is never
shown as 0. :func:`label` gives the shared words (metrics, platforms, kinds, weekdays); each page
keeps its own sentences next to its code.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Final, Literal

from smo_metrics.errors import UsageError

Language = Literal["en", "id"]
LANGUAGES: Final[dict[str, str]] = {"en": "English", "id": "Bahasa Indonesia"}
MISSING: Final = "—"

# Currency symbols shown before the amount; others are shown as their ISO code.
_SYMBOLS: Final[dict[str, str]] = {"IDR": "Rp", "USD": "US$", "EUR": "€", "SGD": "S$", "MYR": "RM", "GBP": "£"}
_NO_DECIMALS: Final = frozenset({"IDR", "JPY", "KRW", "VND"})

_MONTHS: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "id": (
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
    ),
}
_MONTHS_SHORT: Final[dict[str, tuple[str, ...]]] = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
}
_WEEKDAYS: Final[dict[str, tuple[str, ...]]] = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
}
_WEEKDAYS_SHORT: Final[dict[str, tuple[str, ...]]] = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "id": ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"),
}

# Shared words. Keys are the library's own names (metric columns, platforms, kinds).
LABELS: Final[dict[str, dict[str, str]]] = {
    # platforms
    "instagram": {"en": "Instagram", "id": "Instagram"},
    "facebook": {"en": "Facebook", "id": "Facebook"},
    "meta": {"en": "Meta", "id": "Meta"},
    "tiktok": {"en": "TikTok", "id": "TikTok"},
    "x": {"en": "X", "id": "X"},
    "linkedin": {"en": "LinkedIn", "id": "LinkedIn"},
    "youtube": {"en": "YouTube", "id": "YouTube"},
    "google_analytics": {"en": "Google Analytics", "id": "Google Analytics"},
    "all": {"en": "All platforms", "id": "Semua platform"},
    # metrics
    "posts": {"en": "Posts", "id": "Postingan"},
    "reach": {"en": "Reach", "id": "Jangkauan"},
    "reach_sum_daily": {"en": "Reach (sum of daily)", "id": "Jangkauan (jumlah harian)"},
    "impressions": {"en": "Impressions", "id": "Tayangan"},
    "views": {"en": "Views", "id": "Penayangan"},
    "likes": {"en": "Likes", "id": "Suka"},
    "comments": {"en": "Comments", "id": "Komentar"},
    "shares": {"en": "Shares", "id": "Dibagikan"},
    "saves": {"en": "Saves", "id": "Disimpan"},
    "clicks": {"en": "Clicks", "id": "Klik"},
    "link_clicks": {"en": "Link clicks", "id": "Klik tautan"},
    "engagements": {"en": "Engagements", "id": "Interaksi"},
    "engagement_rate": {"en": "Engagement rate", "id": "Tingkat interaksi"},
    "engagement_rate_by_reach": {"en": "Engagement rate (by reach)", "id": "Tingkat interaksi (per jangkauan)"},
    "engagement_rate_by_impressions": {
        "en": "Engagement rate (by impressions)",
        "id": "Tingkat interaksi (per tayangan)",
    },
    "engagement_rate_by_followers": {
        "en": "Engagement rate (by followers)",
        "id": "Tingkat interaksi (per pengikut)",
    },
    "followers": {"en": "Followers", "id": "Pengikut"},
    "followers_gained": {"en": "Followers gained", "id": "Pengikut baru"},
    "followers_lost": {"en": "Followers lost", "id": "Pengikut hilang"},
    "followers_net": {"en": "Net follower change", "id": "Perubahan bersih pengikut"},
    "follower_growth": {"en": "Follower growth", "id": "Pertumbuhan pengikut"},
    "spend": {"en": "Ad spend", "id": "Biaya iklan"},
    "results": {"en": "Results", "id": "Hasil"},
    "conversions": {"en": "Conversions", "id": "Konversi"},
    "conversion_value": {"en": "Conversion value", "id": "Nilai konversi"},
    "ctr": {"en": "CTR", "id": "CTR"},
    "cpc": {"en": "CPC", "id": "CPC"},
    "cpm": {"en": "CPM", "id": "CPM"},
    "cpa": {"en": "CPA", "id": "CPA"},
    "roas": {"en": "ROAS", "id": "ROAS"},
    "roi": {"en": "ROI", "id": "ROI"},
    "profile_visits": {"en": "Profile visits", "id": "Kunjungan profil"},
    "watch_time_hours": {"en": "Watch time (hours)", "id": "Waktu tonton (jam)"},
    # words
    "platform": {"en": "Platform", "id": "Platform"},
    "account": {"en": "Account", "id": "Akun"},
    "date": {"en": "Date", "id": "Tanggal"},
    "week": {"en": "Week", "id": "Minggu"},
    "month": {"en": "Month", "id": "Bulan"},
    "hour": {"en": "Hour", "id": "Jam"},
    "weekday": {"en": "Weekday", "id": "Hari"},
    "post_type": {"en": "Post type", "id": "Jenis postingan"},
    "caption": {"en": "Caption", "id": "Keterangan"},
    "campaign": {"en": "Campaign", "id": "Kampanye"},
    "target": {"en": "Target", "id": "Target"},
    "previous": {"en": "Previous period", "id": "Periode sebelumnya"},
    "year_ago": {"en": "Same period last year", "id": "Periode sama tahun lalu"},
    "no_data": {"en": "No data", "id": "Tidak ada data"},
}


def check_language(language: str) -> Language:
    """``language`` when it is ``en`` or ``id``; else a :class:`UsageError`."""
    if language not in LANGUAGES:
        raise UsageError(f"unknown language {language!r}; expected one of {', '.join(LANGUAGES)}")
    return language  # type: ignore[return-value]


def label(key: str, language: str = "en") -> str:
    """The shared word for ``key`` (a metric, platform or common word); the key itself when unknown."""
    lang = check_language(language)
    found = LABELS.get(key)
    return found[lang] if found else key


def is_missing(value: Any) -> bool:
    """True for None, NaN, pd.NA and NaT."""
    if value is None:
        return True
    try:
        return bool(value != value) or str(value) in ("<NA>", "NaT")
    except (TypeError, ValueError):
        return str(value) in ("<NA>", "NaT")


def number(value: Any, language: str = "en", decimals: int = 0) -> str:
    """``value`` with thousands separators and ``decimals`` places (rounded half away from zero).

    English: ``1,234,567.8``; Indonesian: ``1.234.567,8``. Missing → ``—``.
    """
    lang = check_language(language)
    if is_missing(value):
        return MISSING
    x = float(value)
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    text = f"{_round_half_away(x, decimals):,.{decimals}f}"
    if lang == "id":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text.replace("-", "−") if text.startswith("-") else text


def _round_half_away(x: float, decimals: int) -> float:
    # Python's format rounds half to even on the binary value; money and counts read better
    # rounded half away from zero (2.5 → 3), as Excel does.
    from decimal import ROUND_HALF_UP, Decimal

    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(x)).quantize(quantum, rounding=ROUND_HALF_UP))


def percent(value: Any, language: str = "en", decimals: int = 1) -> str:
    """A fraction as a percentage: ``0.125`` → ``12.5%`` (``12,5%`` in Indonesian). Missing → ``—``."""
    if is_missing(value):
        return MISSING
    return number(float(value) * 100, language, decimals) + "%"


def signed_percent(value: Any, language: str = "en", decimals: int = 1) -> str:
    """A change as a signed percentage: ``+12.5%``, ``−3.0%``. Missing → ``—``."""
    if is_missing(value):
        return MISSING
    text = percent(value, language, decimals)
    return text if text.startswith("−") or float(value) == 0 else "+" + text


def money(value: Any, currency: str, language: str = "en", decimals: int | None = None) -> str:
    """An amount with its currency: ``Rp 1.234.567`` (Indonesian), ``Rp 1,234,567`` (English).

    Rupiah (and other currencies without minor units in practice) get no decimals unless asked.
    Missing → ``—``.
    """
    if is_missing(value):
        return MISSING
    code = str(currency).upper()
    places = decimals if decimals is not None else (0 if code in _NO_DECIMALS else 2)
    body = number(abs(float(value)), language, places)
    sign = "−" if float(value) < 0 and body.strip("0,.") else ""
    return f"{sign}{_SYMBOLS.get(code, code)} {body}"


def month_name(month: int, language: str = "en", short: bool = False) -> str:
    """The name of month 1–12."""
    lang = check_language(language)
    return (_MONTHS_SHORT if short else _MONTHS)[lang][month - 1]


def weekday_name(weekday: int, language: str = "en", short: bool = False) -> str:
    """The name of weekday 0–6 (Monday = 0, as in :mod:`datetime`)."""
    lang = check_language(language)
    return (_WEEKDAYS_SHORT if short else _WEEKDAYS)[lang][weekday]


def date(value: Any, language: str = "en", with_weekday: bool = False) -> str:
    """A day as ``1 Mar 2026`` (``Sun 1 Mar 2026`` with the weekday). Missing → ``—``."""
    if is_missing(value):
        return MISSING
    day = value.date() if isinstance(value, dt.datetime) else value
    if hasattr(day, "to_pydatetime"):
        day = day.to_pydatetime().date()
    text = f"{day.day} {month_name(day.month, language, short=True)} {day.year}"
    return f"{weekday_name(day.weekday(), language, short=True)} {text}" if with_weekday else text


def date_range(start: dt.date, end: dt.date, language: str = "en") -> str:
    """``1 – 31 Mar 2026``, ``1 Mar – 30 Apr 2026`` or ``1 Dec 2025 – 31 Jan 2026``."""
    if start == end:
        return date(start, language)
    if start.year == end.year and start.month == end.month:
        return f"{start.day} – {date(end, language)}"
    if start.year == end.year:
        return f"{start.day} {month_name(start.month, language, short=True)} – {date(end, language)}"
    return f"{date(start, language)} – {date(end, language)}"
