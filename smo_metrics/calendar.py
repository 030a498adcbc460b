"""Calendar facts as data: Indonesian holidays, shopping days and seasons.

Every function returns one row per day per event with the same columns
(:data:`EVENT_COLUMNS`): ``date`` (naive midnight, like the canonical tables), ``name`` (in the
chosen language), ``kind``, ``event`` (a language-independent id, e.g. ``eid_al_fitr`` or
``ramadan``), ``start`` and ``end`` of the whole event (equal to ``date`` for one-day events:
a page draws a season as one band with ``drop_duplicates(["event", "start"])``), and
``estimated`` (the date is a computed estimate, not an announced one).

Kinds: ``public_holiday`` (libur nasional), ``joint_holiday`` (cuti bersama, the government's
collective leave days), ``observance`` (when the holidays package has that category for
Indonesia; version 0.109 has none), ``shopping_day`` and ``season``.

Holidays come from the ``holidays`` package (country ``ID``). Its Islamic, Chinese and Buddhist
dates beyond the years it has tables for are estimates, flagged by the package; the
announced dates (SKB 3 Menteri) can differ by a day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Final, Literal, cast

import holidays
import pandas as pd

from smo_metrics.errors import UsageError

Language = Literal["en", "id"]
LANGUAGES: Final[dict[str, str]] = {"en": "en_US", "id": "id"}  # ours → the package's code
EVENT_COLUMNS: Final = ("date", "name", "kind", "event", "start", "end", "estimated")
KIND_ORDER: Final = ("public_holiday", "joint_holiday", "observance", "shopping_day", "season")
# The package's categories and the kind each becomes (only those the package supports are read).
CATEGORY_KINDS: Final[dict[str, str]] = {
    "public": "public_holiday",
    "government": "joint_holiday",
    "optional": "observance",
}
RAMADAN_DAYS: Final = 30  # Ramadan is 29 or 30 days; the start depends on the sighting (rukyat)
YEAR_END_SEASON: Final = ((12, 1), (1, 1))  # 1 December to 1 January of the next year

_NAMES: Final[dict[str, dict[str, str]]] = {
    "twin_date": {"en": "Twin date {m}.{m}", "id": "Tanggal kembar {m}.{m}"},
    "singles_day": {"en": "11.11 sale (Singles' Day)", "id": "Promo 11.11 (Hari Jomblo)"},
    "harbolnas": {"en": "Harbolnas 12.12", "id": "Harbolnas 12.12"},
    "ramadan": {"en": "Ramadan", "id": "Ramadan"},
    "lebaran": {"en": "Lebaran (Eid al-Fitr)", "id": "Lebaran (Idul Fitri)"},
    "year_end_sale": {"en": "Christmas & New Year sale season", "id": "Musim belanja Natal & Tahun Baru (Nataru)"},
}


def _language(language: str) -> Language:
    if language not in LANGUAGES:
        raise UsageError(f"unknown language {language!r}; expected one of {', '.join(LANGUAGES)}")
    return cast(Language, language)


def _years(years: int | Iterable[int]) -> tuple[int, ...]:
    values = (years,) if isinstance(years, int) else tuple(years)
    if not all(isinstance(y, int) and not isinstance(y, bool) and 1 <= y <= 9998 for y in values):
        raise UsageError(f"years must be whole years, not {years!r}")
    return tuple(sorted(set(values)))


def indonesian_holidays(years: int | Iterable[int], language: Language = "en") -> pd.DataFrame:
    """Indonesian public holidays and collective-leave days (cuti bersama) of ``years``.

    Parameters
    ----------
    years
        A year or several.
    language
        ``"en"`` (the package's ``en_US`` names) or ``"id"`` (Bahasa Indonesia, the package's
        own names: "Hari Raya Idul Fitri", "Cuti Bersama …").

    Returns
    -------
    pandas.DataFrame
        :data:`EVENT_COLUMNS`, sorted by date, kind, name; two holidays on one day are two rows.

    Notes
    -----
    Kinds: the package's ``public`` category → ``public_holiday``, ``government`` →
    ``joint_holiday``, ``optional`` (if a later version adds it) → ``observance``. The package's
    "(estimated)"/"(perkiraan)" suffix is removed from ``name`` and becomes ``estimated``.
    ``event`` is the English name in snake case (``eid_al_fitr``, ``independence_day``).
    """
    frame = _holidays_frame(_years(years), _language(language))
    return _finish(frame.copy())


@lru_cache(maxsize=64)
def _holidays_frame(years: tuple[int, ...], language: str) -> pd.DataFrame:
    rows: list[dict[str, object]] = []
    supported = holidays.country_holidays("ID").supported_categories
    for category, kind in CATEGORY_KINDS.items():
        if category not in supported or not years:
            continue
        english = holidays.country_holidays("ID", years=years, language="en_US", categories=category)
        local = holidays.country_holidays("ID", years=years, language=LANGUAGES[language], categories=category)
        en_est, local_est = _estimated_pattern(english), _estimated_pattern(local)
        for day in sorted(english):
            for name_en, name in zip(english.get_list(day), local.get_list(day), strict=True):
                base_en, estimated = _strip(name_en, en_est)
                base, _ = _strip(name, local_est)
                stamp = pd.Timestamp(day)
                rows.append(
                    {
                        "date": stamp,
                        "name": base,
                        "kind": kind,
                        "event": _slug(base_en),
                        "start": stamp,
                        "end": stamp,
                        "estimated": estimated,
                    }
                )
    return pd.DataFrame(rows, columns=list(EVENT_COLUMNS))


def _estimated_pattern(calendar: holidays.HolidayBase) -> list[tuple[re.Pattern[str], str]]:
    """Regexes for the package's estimated labels in the calendar's language, with the replacement."""
    observed = calendar.tr(calendar.observed_label) if hasattr(calendar, "observed_label") else "%s"
    patterns = []
    for label, keep in (
        (getattr(calendar, "observed_estimated_label", None), observed),
        (getattr(calendar, "estimated_label", None), "%s"),
    ):
        if label:
            text = calendar.tr(label)
            regex = re.compile("^" + re.escape(text).replace("%s", "(.+)") + "$")
            patterns.append((regex, keep))
    return patterns


def _strip(name: str, patterns: list[tuple[re.Pattern[str], str]]) -> tuple[str, bool]:
    for regex, keep in patterns:
        found = regex.match(name)
        if found:
            return keep.replace("%s", found.group(1)), True
    return name, False


def _slug(name: str) -> str:
    """``"New Year's Day"`` → ``"new_years_day"``."""
    return re.sub(r"[^a-z0-9]+", "_", re.sub(r"['’]", "", name.lower())).strip("_")


def shopping_days(years: int | Iterable[int], language: Language = "en") -> pd.DataFrame:
    """Indonesian shopping days and seasons of ``years``, one row per day per event.

    Returns
    -------
    pandas.DataFrame
        :data:`EVENT_COLUMNS`, sorted by date, kind, name. Events, with their ``event`` id:
        twin dates 1.1 … 12.12 (``twin_date``, 12 a year; 11.11 and 12.12 are their own events
        ``singles_day`` and ``harbolnas``), ``ramadan`` and ``lebaran`` (seasons), and
        ``year_end_sale`` (season). A season belongs to the year of its anchor day (Idul Fitri;
        1 December), so its first or last days may fall in the year before or after.

    Notes
    -----
    Harbolnas (Hari Belanja Online Nasional) is 12 December since 2012; 11.11 is the Singles'
    Day sale (often also called Harbolnas). Lebaran = the package's two Idul Fitri public
    holidays; Ramadan = the 30 days before Idul Fitri day 1 (an approximation: Ramadan has 29
    or 30 days and its start depends on the moon sighting), always ``estimated``. The
    Christmas & New Year season runs 1 December – 1 January (a convention, not an official
    date). Payday sales are left out: paydays differ by employer (25th, month end, the 1st).
    """
    lang = _language(language)
    rows: list[dict[str, object]] = []
    for year in _years(years):
        for month in range(1, 13):
            event = {11: "singles_day", 12: "harbolnas"}.get(month, "twin_date")
            rows.append(_row(dt.date(year, month, month), _NAMES[event][lang].format(m=month), "shopping_day", event))
        rows.extend(_season(dt.date(year, 12, 1), dt.date(year + 1, 1, 1), "year_end_sale", lang, False))
        fitri = _holidays_frame((year, year + 1), "en")  # the second day can fall on 1 January
        fitri = fitri.loc[fitri["kind"].eq("public_holiday")]
        day_one = fitri.loc[fitri["event"].eq("eid_al_fitr") & (fitri["date"].dt.year == year)]
        for first, estimated in zip(day_one["date"], day_one["estimated"], strict=True):
            first_day = first.date()
            rows.extend(
                _season(
                    first_day - dt.timedelta(days=RAMADAN_DAYS), first_day - dt.timedelta(days=1), "ramadan", lang, True
                )
            )
            after = fitri["date"].gt(first) & fitri["date"].le(first + pd.Timedelta(days=3))
            second = fitri.loc[fitri["event"].eq("eid_al_fitr_second_day") & after]
            last_day = second["date"].min().date() if len(second) else first_day
            rows.extend(_season(first_day, last_day, "lebaran", lang, bool(estimated)))
    return _finish(pd.DataFrame(rows, columns=list(EVENT_COLUMNS)))


def _row(
    day: dt.date,
    name: str,
    kind: str,
    event: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
    estimated: bool = False,
) -> dict[str, object]:
    return {
        "date": pd.Timestamp(day),
        "name": name,
        "kind": kind,
        "event": event,
        "start": pd.Timestamp(start or day),
        "end": pd.Timestamp(end or day),
        "estimated": estimated,
    }


def _season(start: dt.date, end: dt.date, event: str, language: str, estimated: bool) -> list[dict[str, object]]:
    days = (end - start).days + 1
    name = _NAMES[event][language]
    return [_row(start + dt.timedelta(days=i), name, "season", event, start, end, estimated) for i in range(days)]


def calendar_events(
    start: dt.date | str | pd.Timestamp, end: dt.date | str | pd.Timestamp, language: Language = "en"
) -> pd.DataFrame:
    """Holidays, collective leave, shopping days and seasons between ``start`` and ``end``.

    Parameters
    ----------
    start, end
        First and last day (inclusive).
    language
        ``"en"`` or ``"id"``, for ``name``.

    Returns
    -------
    pandas.DataFrame
        :data:`EVENT_COLUMNS`, one row per day per event, only days in [start, end], sorted by
        date, kind (public holiday, joint holiday, observance, shopping day, season), name.
        Seasons are expanded to one row per day; ``start``/``end`` keep the whole season's
        bounds even when it is cut by the range, so a band can be drawn from them.
    """
    first, last = _day(start, "start"), _day(end, "end")
    if last < first:
        raise UsageError(f"end {last.date()} is before start {first.date()}")
    lang = _language(language)
    years = range(first.year, last.year + 1)
    # Seasons anchored in the next year (Ramadan) or the previous one (year-end) can reach in.
    shopping = shopping_days(range(first.year - 1, last.year + 2), lang)
    both = pd.concat([indonesian_holidays(years, lang), shopping], ignore_index=True)
    return _finish(both.loc[both["date"].between(first, last)])


def _day(value: dt.date | str | pd.Timestamp, name: str) -> pd.Timestamp:
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise UsageError(f"{name} must be a date, not {value!r}") from None
    if pd.isna(stamp):
        raise UsageError(f"{name} must be a date, not {value!r}")
    return stamp.tz_localize(None).normalize() if stamp.tzinfo else stamp.normalize()


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    """Canonical dtypes, sorted by date, kind order, name; a fresh index."""
    out = frame.assign(_k=frame["kind"].map({k: i for i, k in enumerate(KIND_ORDER)}))
    out = out.sort_values(["date", "_k", "name"], kind="stable")
    types: dict[str, Any] = {"date": "datetime64[ns]", "start": "datetime64[ns]", "end": "datetime64[ns]"}
    types["estimated"] = "boolean"
    result = pd.DataFrame({c: out[c].astype(types.get(c, "string[pyarrow]")) for c in EVENT_COLUMNS})
    return result.reset_index(drop=True)
