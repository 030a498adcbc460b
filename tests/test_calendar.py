"""Calendar facts: Indonesian holidays (from the holidays package), shopping days and seasons.

Dates are checked against literal dates verified by hand (Independence Day is 17 August by law;
Idul Fitri 1446 H was 31 March 2025 and 1445 H 10 April 2024, per the government's SKB) and
against the holidays package itself for dates only it defines (Idul Fitri 2026).
"""

from __future__ import annotations

import datetime as dt

import holidays
import pandas as pd
import pytest

from smo_metrics.calendar import (
    EVENT_COLUMNS,
    calendar_events,
    indonesian_holidays,
    shopping_days,
)
from smo_metrics.errors import UsageError


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def rows_of(frame: pd.DataFrame, event: str) -> pd.DataFrame:
    return frame.loc[frame["event"] == event]


# --- holidays ---------------------------------------------------------------------------------


def test_independence_day_every_year():
    frame = indonesian_holidays(range(2020, 2031))
    independence = rows_of(frame, "independence_day")
    assert independence["date"].tolist() == [day(f"{y}-08-17") for y in range(2020, 2031)]
    assert (independence["kind"] == "public_holiday").all()
    assert (independence["name"] == "Independence Day").all()


def test_idul_fitri_dates_literal_and_from_the_package():
    frame = indonesian_holidays([2024, 2025, 2026])
    fitri = rows_of(frame, "eid_al_fitr")["date"].tolist()
    package_2026 = holidays.country_holidays("ID", years=2026, language="en_US").get_named(
        "Eid al-Fitr", lookup="exact"
    )
    assert fitri == [day("2024-04-10"), day("2025-03-31"), pd.Timestamp(package_2026[0])]


def test_bahasa_indonesia_names_and_language_independent_event_ids():
    en = indonesian_holidays(2026, language="en")
    id_ = indonesian_holidays(2026, language="id")
    assert en["event"].tolist() == id_["event"].tolist() and en["date"].tolist() == id_["date"].tolist()
    aug17 = id_.loc[id_["date"] == day("2026-08-17"), "name"].tolist()
    assert aug17 == ["Hari Kemerdekaan Republik Indonesia"]
    assert rows_of(id_, "eid_al_fitr")["name"].tolist() == ["Hari Raya Idul Fitri"]


def test_joint_holidays_are_their_own_kind():
    frame = indonesian_holidays(2026, language="id")
    leave = frame.loc[frame["date"] == day("2026-03-20")]
    assert leave["kind"].tolist() == ["joint_holiday"]
    assert leave["name"].tolist() == ["Cuti Bersama Hari Raya Idul Fitri"]


def test_estimated_dates_are_flagged_and_names_cleaned():
    frame = indonesian_holidays([2025, 2030])
    fitri = rows_of(frame, "eid_al_fitr")
    assert fitri["estimated"].tolist() == [False, True]  # 2030 is beyond the package's tables
    assert (fitri["name"] == "Eid al-Fitr").all()  # no "(estimated)" suffix in the name
    assert not frame["name"].str.contains("estimated|perkiraan").any()


def test_holiday_frame_shape():
    frame = indonesian_holidays(2026)
    assert tuple(frame.columns) == EVENT_COLUMNS
    assert frame["date"].is_monotonic_increasing
    assert (frame["start"] == frame["date"]).all() and (frame["end"] == frame["date"]).all()
    assert indonesian_holidays([]).empty


# --- shopping days and seasons ---------------------------------------------------------------


def test_twin_dates_twelve_a_year_with_harbolnas():
    frame = shopping_days([2025, 2026])
    twins = frame.loc[(frame["kind"] == "shopping_day") & (frame["date"].dt.month == frame["date"].dt.day)]
    assert twins.groupby(twins["date"].dt.year).size().tolist() == [12, 12]
    harbolnas = rows_of(frame, "harbolnas")
    assert harbolnas["date"].tolist() == [day("2025-12-12"), day("2026-12-12")]
    assert (harbolnas["name"] == "Harbolnas 12.12").all()
    assert rows_of(frame, "singles_day")["date"].tolist() == [day("2025-11-11"), day("2026-11-11")]


def test_ramadan_is_the_thirty_days_before_idul_fitri():
    frame = shopping_days(2026, language="id")
    fitri = holidays.country_holidays("ID", years=2026, language="en_US").get_named("Eid al-Fitr", lookup="exact")[0]
    ramadan = rows_of(frame, "ramadan")
    # Idul Fitri 21 March 2026 → Ramadan 19 February … 20 March (30 days)
    assert len(ramadan) == 30
    assert ramadan["date"].min() == pd.Timestamp(fitri - dt.timedelta(days=30)) == day("2026-02-19")
    assert ramadan["date"].max() == day("2026-03-20")
    assert ramadan["estimated"].all() and (ramadan["kind"] == "season").all()
    assert (ramadan["start"] == day("2026-02-19")).all() and (ramadan["end"] == day("2026-03-20")).all()
    lebaran = rows_of(frame, "lebaran")
    assert lebaran["date"].tolist() == [day("2026-03-21"), day("2026-03-22")]
    assert lebaran["name"].unique().tolist() == ["Lebaran (Idul Fitri)"]


def test_year_end_season_reaches_into_january():
    season = rows_of(shopping_days(2026), "year_end_sale")
    assert len(season) == 32  # 1–31 December + 1 January
    assert season["date"].min() == day("2026-12-01") and season["date"].max() == day("2027-01-01")


def test_two_idul_fitri_in_one_year():
    # The Islamic year is ~11 days shorter: in 2033 Idul Fitri falls in January and December.
    lebaran = rows_of(shopping_days(2033), "lebaran")
    assert lebaran.drop_duplicates("start")["start"].dt.month.tolist() == [1, 12]


# --- calendar_events -------------------------------------------------------------------------


def test_calendar_events_merges_and_cuts_to_the_range():
    events = calendar_events("2026-03-15", "2026-03-25", language="id")
    assert events["date"].between(day("2026-03-15"), day("2026-03-25")).all()
    assert events["date"].is_monotonic_increasing
    assert {"public_holiday", "joint_holiday", "season"} <= set(events["kind"])
    ramadan = rows_of(events, "ramadan")
    assert len(ramadan) == 6  # 15 … 20 March, one row per day
    assert (ramadan["start"] == day("2026-02-19")).all()  # the whole season's start, for a band
    on_21 = events.loc[events["date"] == day("2026-03-21"), ["kind", "event"]].values.tolist()
    assert on_21 == [["public_holiday", "eid_al_fitr"], ["season", "lebaran"]]


def test_calendar_events_sees_seasons_anchored_in_another_year():
    new_year = calendar_events("2027-01-01", "2027-01-01")
    assert set(new_year["event"]) == {"new_years_day", "twin_date", "year_end_sale"}
    # Idul Fitri 3 January 2033 (package estimate): its Ramadan starts in December 2032
    assert "ramadan" in set(calendar_events("2032-12-10", "2032-12-10")["event"])


def test_calendar_bad_calls():
    with pytest.raises(UsageError):
        calendar_events("2026-03-25", "2026-03-15")
    with pytest.raises(UsageError):
        indonesian_holidays(2026, language="fr")  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        shopping_days("2026")  # type: ignore[arg-type]
