"""Shared helpers of the export writers: English month names and date forms (never the locale's),
rounding, and daily noise."""

from __future__ import annotations

import datetime as dt

import numpy as np

from sample_data.world import N_DAYS, START

MONTHS = (
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
)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def mon(d: dt.date) -> str:
    return MONTHS[d.month - 1][:3]


def mdy(d: dt.date) -> str:
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def index(d: dt.date) -> int:
    return (d - START).days


def rnd(x: float, places: int = 6) -> float:
    return float(round(x, places))


def noise(rng: np.random.Generator, sd: float) -> np.ndarray:
    return rng.lognormal(0.0, sd, size=N_DAYS)
