"""The dashboard's pages: key (URL path), script, icon and title in each language."""

from __future__ import annotations

from typing import Final

# (key, script, Material icon): the order of the navigation.
PAGES: Final = (
    ("data", "pages/data.py", ":material/upload_file:"),
    ("overview", "pages/overview.py", ":material/dashboard:"),
    ("calendar", "pages/calendar.py", ":material/calendar_month:"),
    ("audience", "pages/audience.py", ":material/groups:"),
    ("prime_time", "pages/prime_time.py", ":material/schedule:"),
    ("content", "pages/content.py", ":material/photo_library:"),
    ("campaigns", "pages/campaigns.py", ":material/campaign:"),
    ("ab_tests", "pages/ab_tests.py", ":material/science:"),
    ("settings", "pages/settings.py", ":material/settings:"),
)

TITLES: Final[dict[str, dict[str, str]]] = {
    "data": {"en": "Data", "id": "Data"},
    "overview": {"en": "Overview", "id": "Ringkasan"},
    "calendar": {"en": "Calendar", "id": "Kalender"},
    "audience": {"en": "Audience", "id": "Audiens"},
    "prime_time": {"en": "Prime time", "id": "Waktu terbaik"},
    "content": {"en": "Content", "id": "Konten"},
    "campaigns": {"en": "Campaigns", "id": "Kampanye"},
    "ab_tests": {"en": "A/B tests", "id": "Uji A/B"},
    "settings": {"en": "Settings", "id": "Pengaturan"},
}


def page_title(key: str, lang: str) -> str:
    """The page's title in ``lang`` (the navigation label and the page's heading)."""
    return TITLES[key][lang]
