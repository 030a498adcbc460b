"""Typing text cells: numbers in either decimal convention, dates in every form seen, year-less dates.

All functions work on whole columns (pandas string methods, ``to_datetime`` with explicit
formats); none loops over rows in Python. Each returns the typed column *and* a mask of cells
that held something but could not be read, so the caller can reject those rows with a reason.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

MISSING_MARKERS = frozenset({"", "-", "--", "—", "n/a", "na", "undefined", "nan", "null", "none", "#n/a"})

_CURRENCY = r"(?i:rp\.?|idr|usd|us\$|eur|inr|\$|€|£|¥|₹)"
_EN_GROUPED = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_ID_GROUPED = re.compile(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?")


TEXT: Final = "string[pyarrow]"


def _is_text(values: pd.Series) -> bool:
    return isinstance(values.dtype, pd.StringDtype)


def _as_text(values: pd.Series) -> pd.Series:
    """Cells as stripped Arrow-backed text (``<NA>`` for None)."""
    if _is_text(values) and values.dtype == TEXT:
        return values.str.strip()
    if values.dtype == object:
        values = values.map(lambda v: v if v is None or isinstance(v, str) else str(v))
    return values.astype(TEXT).str.strip()


def missing_mask(values: pd.Series) -> pd.Series:
    """True where a cell is empty or holds a missing-value marker (``-``, ``N/A``, ...)."""
    t = _as_text(values)
    return (t.isna() | t.str.lower().isin(MISSING_MARKERS)).fillna(True).astype(bool)


@dataclass
class Numbers:
    values: pd.Series  # Float64
    bad: pd.Series  # bool: held something that is not a number
    percent: pd.Series  # bool: was written with a % sign


def detect_decimal(
    samples: Sequence[pd.Series], delimiter: str = ",", prefer: str | None = None
) -> tuple[str, str | None]:
    """Decide whether a file writes ``1.234,5`` (comma decimal, id-ID) or ``1,234.5``.

    Returns the decimal mark and, when the choice rested on weak evidence, a sentence for
    the user. Evidence: a comma followed by other than exactly three digits (``2,14``), or
    several dots (``1.234.567``), or ``.ddd,d`` means comma decimal; the mirror cases mean dot.
    Values like ``18.415`` say nothing on their own: then ``prefer`` (a reader's knowledge,
    e.g. Indonesian headers) or a ``;`` delimiter decides.
    """
    comma = dot = 0
    for s in samples:
        t = _as_text(s).dropna()
        t = t[t.str.contains(r"\d", regex=True)].head(2000)
        if t.empty:
            continue
        t = t.str.replace("[\\s\u00a0%]", "", regex=True).str.replace(_CURRENCY, "", regex=True)
        comma += int(t.str.fullmatch(r"-?\d+,(?:\d{1,2}|\d{4,})").sum())
        comma += int(t.str.fullmatch(r"-?\d{1,3}(?:\.\d{3}){2,}").sum())
        comma += int(t.str.fullmatch(r"-?\d{1,3}(?:\.\d{3})+,\d+").sum())
        dot += int(t.str.fullmatch(r"-?\d+\.(?:\d{1,2}|\d{4,})").sum())
        dot += int(t.str.fullmatch(r"-?\d{1,3}(?:,\d{3}){2,}").sum())
        dot += int(t.str.fullmatch(r"-?\d{1,3}(?:,\d{3})+\.\d+").sum())
    if comma > dot:
        return ",", None
    if dot > comma:
        return ".", None
    if prefer in (",", "."):
        return prefer, None
    if delimiter == ";":
        return (
            ",",
            "Numbers were read in the Indonesian/European convention (1.234,5) because the file uses ';' as delimiter.",
        )
    return ".", None


def parse_numbers(values: pd.Series, decimal: str = ".") -> Numbers:
    """Read a column of numbers written as text (or already typed, from a spreadsheet).

    Notes
    -----
    Accepts thousands separators of the chosen convention, a leading currency word or sign
    (``Rp``, ``$``, ``IDR``), a trailing ``%`` (the number is kept as written: ``4.5%`` → 4.5),
    accounting negatives ``(12)``, and the missing markers in :data:`MISSING_MARKERS`
    (→ ``<NA>``, never 0). Plain numbers take a vectorised Arrow cast; only the remaining
    cells go through the cleaning rules.
    """
    values = values.reset_index(drop=True)
    n = len(values)
    if values.dtype != object and not _is_text(values) and pd.api.types.is_numeric_dtype(values):
        false = pd.Series(np.zeros(n, dtype=bool))
        return Numbers(values.astype("Float64"), false, false.copy())
    out = np.full(n, np.nan)
    bad = np.zeros(n, dtype=bool)
    percent = np.zeros(n, dtype=bool)
    if values.dtype == object:
        is_typed = values.map(
            lambda v: isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)
        ).to_numpy(dtype=bool)
        if is_typed.any():
            out[is_typed] = pd.to_numeric(values[is_typed], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        text_idx = ~is_typed
    else:
        text_idx = np.ones(n, dtype=bool)
    t = _as_text(values.where(text_idx) if values.dtype == object else values)
    missing = (t.isna() | t.str.lower().isin(MISSING_MARKERS)).to_numpy(dtype=bool, na_value=True) & text_idx
    # ASCII digits only: Arrow's cast does not read other scripts' digits ("١٢", "１２").
    plain_re = r"-?[0-9]+(?:\.[0-9]+)?" if decimal == "." else r"-?[0-9]+(?:,[0-9]+)?"
    plain = t.str.fullmatch(plain_re).to_numpy(dtype=bool, na_value=False) & text_idx & ~missing
    if plain.any():
        pt = t[plain]
        if decimal == ",":
            pt = pt.str.replace(",", ".", regex=False)
        out[plain] = pc.cast(pa.chunked_array(pt.array._pa_array), pa.float64()).to_numpy()
    rest = text_idx & ~missing & ~plain
    if rest.any():
        vals, rbad, rpct = _parse_messy(t[rest], decimal)
        out[rest] = vals
        bad[rest] = rbad
        percent[rest] = rpct
    inf = np.isinf(out)
    bad |= inf
    res = pd.Series(pd.arrays.FloatingArray(np.where(inf, 0.0, out), np.isnan(out) | inf))
    return Numbers(res, pd.Series(bad), pd.Series(percent))


# Native digits of scripts whose UIs export numbers with them, and the Arabic decimal and
# thousands marks.
_NATIVE_DIGITS = {
    **{0x0660 + i: ord("0") + i for i in range(10)},  # Arabic-Indic
    **{0x06F0 + i: ord("0") + i for i in range(10)},  # Extended Arabic-Indic (Persian, Urdu)
    **{0x0966 + i: ord("0") + i for i in range(10)},  # Devanagari
    **{0x09E6 + i: ord("0") + i for i in range(10)},  # Bengali
    **{0x0E50 + i: ord("0") + i for i in range(10)},  # Thai
    0x066B: ord("."),  # Arabic decimal separator
    0x066C: ord(","),  # Arabic thousands separator
}


def _parse_messy(t: pd.Series, decimal: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Numbers with signs, separators, currency or % (the cells the fast path left)."""
    t = t.str.normalize("NFKC")  # full-width "１２" and styled "𝟭𝟮" digits become "12"
    t = t.str.translate(_NATIVE_DIGITS)  # Arabic-Indic "١٢", Devanagari, Thai... become "12"
    percent = t.str.endswith("%").to_numpy(dtype=bool, na_value=False)
    t = t.str.replace("[\\s\u00a0%]", "", regex=True).str.replace(rf"^(-?){_CURRENCY}", r"\1", regex=True)
    t = t.str.replace(r"^\((.*)\)$", r"-\1", regex=True)  # accounting negatives (123)
    if decimal == ",":
        grouped = t.str.contains(".", regex=False).to_numpy(dtype=bool, na_value=False)
        ok_group = t.str.fullmatch(_ID_GROUPED).to_numpy(dtype=bool, na_value=False)
        t = t.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        grouped = t.str.contains(",", regex=False).to_numpy(dtype=bool, na_value=False)
        ok_group = t.str.fullmatch(_EN_GROUPED).to_numpy(dtype=bool, na_value=False)
        t = t.str.replace(",", "", regex=False)
    num = np.array(pd.to_numeric(t.astype(object), errors="coerce").to_numpy(dtype=float, na_value=np.nan))
    num[grouped & ~ok_group] = np.nan
    return num, np.isnan(num), percent


# Date formats tried in order; ties go to the earlier one (so MM/DD, Meta's order, wins
# over DD/MM when every value fits both).
DATE_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y",
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%b %d, %Y",
    "%B %d, %Y",
    "%a, %b %d, %Y",
    "%A, %B %d, %Y",
    "%d %b %Y",
    "%d %B %Y",
    "%d-%m-%Y",
    "%d/%m/%Y",
    "%d/%m/%Y %H:%M",
    "%d.%m.%Y",
    "%d.%m.%Y %H:%M",
    "%Y%m%d",
)
# Formats carrying an explicit UTC offset.
DATE_FORMATS_TZ: tuple[str, ...] = ("%Y-%m-%d %H:%M %z", "%Y-%m-%d %H:%M:%S %z", "%Y-%m-%dT%H:%M:%S%z")


@dataclass
class Dates:
    values: pd.Series  # datetime64[ns] naive (local wall time, or UTC when utc is True)
    bad: pd.Series  # bool
    utc: bool = False  # True when the values came with an offset and were converted to UTC
    has_time: bool = True  # False when every value was a bare date
    formats: list[str] = field(default_factory=list)


_NS_MIN_S = int(pd.Timestamp.min.value // 10**9) + 1
_NS_MAX_S = int(pd.Timestamp.max.value // 10**9) - 1


def _strptime(t: pd.Series, fmt: str) -> pd.Series:
    """Parse text with one format: Arrow's fast ``strptime``, checked where it can be lenient.

    Arrow's parser accepts an impossible day and rolls it over (``31-02-2025`` becomes
    3 March). A rolled-over date always lands on day 1-3 of the next month, so values that
    parse to day 1-3 are parsed again by pandas, which is strict and gives NaT for them.
    """
    if "%z" in fmt or t.dtype != TEXT or "%y" in fmt:
        return pd.to_datetime(t, format=fmt, errors="coerce")
    arr = pa.chunked_array(t.array._pa_array)
    try:
        parsed = pc.strptime(arr, format=fmt, unit="s", error_is_null=True)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pd.to_datetime(t, format=fmt, errors="coerce")
    # Dates outside pandas' nanosecond range (before 1677, after 2262) are not dates we can hold.
    secs = parsed.cast(pa.int64())
    in_range = pc.and_(pc.greater_equal(secs, _NS_MIN_S), pc.less_equal(secs, _NS_MAX_S))
    parsed = pc.if_else(in_range, parsed, pa.scalar(None, parsed.type))
    values = parsed.cast(pa.timestamp("ns")).to_numpy().astype("datetime64[ns]")  # a writable copy
    if "%d" in fmt:
        early = pc.fill_null(pc.less_equal(pc.day(parsed), 3), False).to_numpy()
        if early.any():
            strict = pd.to_datetime(t[early], format=fmt, errors="coerce")
            values[early] = strict.to_numpy(dtype="datetime64[ns]")
    return pd.Series(values, index=t.index)


def _typed_datetimes(values: pd.Series) -> pd.Series:
    is_dt = values.map(lambda v: isinstance(v, (dt.datetime, dt.date, pd.Timestamp)))
    return pd.to_datetime(values.where(is_dt), errors="coerce")


def parse_dates(values: pd.Series, formats: Sequence[str] = DATE_FORMATS) -> Dates:
    """Read a column of dates or date-times using explicit formats, whole column at once.

    The format that reads the most cells is applied first; cells it cannot read are tried
    with the next best, so a column mixing two forms is still read. Cells that no format
    reads are marked ``bad``. Typed spreadsheet dates pass through unchanged. Offsets
    (``+0000``) are honoured: such values are converted to UTC and ``utc`` is True.
    """
    values = values.reset_index(drop=True)
    if values.dtype == object:
        typed = _typed_datetimes(values)
        t = _as_text(values.where(typed.isna()))
    else:
        typed = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
        t = _as_text(values)
    missing = (t.isna() | t.str.lower().isin(MISSING_MARKERS)).fillna(True).astype(bool)
    t = t.where(~missing)
    if (t.str.contains("  ", regex=False) | t.str.contains("\t", regex=False)).any():
        t = t.str.replace(r"\s+", " ", regex=True)
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    result = result.where(typed.isna(), typed.astype("datetime64[ns]"))
    todo = (~missing) & result.isna()
    used: list[str] = []
    utc = False
    has_time = bool(typed.notna().any() and (typed.dropna().dt.normalize() != typed.dropna()).any())
    if todo.any():
        sample = t[todo].drop_duplicates().head(500)
        scores = []
        for i, fmt in enumerate(formats):
            n = int(pd.to_datetime(sample, format=fmt, errors="coerce").notna().sum())
            if n:
                scores.append((-n, i, fmt, False))
        for i, fmt in enumerate(DATE_FORMATS_TZ):
            n = int(pd.to_datetime(sample, format=fmt, errors="coerce", utc=True).notna().sum())
            if n:
                scores.append((-n, i, fmt, True))
        scores.sort()
        for _, _, fmt, aware in scores:
            if not todo.any():
                break
            if aware:
                parsed = pd.to_datetime(t[todo], format=fmt, errors="coerce", utc=True).dt.tz_localize(None)
                if parsed.notna().any():
                    utc = True
            else:
                parsed = _strptime(t[todo], fmt)
            if parsed.notna().any():
                used.append(fmt)
                result.loc[parsed.index] = result.loc[parsed.index].fillna(parsed.astype("datetime64[ns]"))
                if any(x in fmt for x in ("%H", "%I")):
                    has_time = True
                todo = (~missing) & result.isna()
    bad = ((~missing) & result.isna()).astype(bool)
    if utc and len(used) > 1:
        # Mixed offset and naive forms in one column cannot be placed on one clock.
        pass
    return Dates(result, bad, utc, has_time, used)


# Month names in the UI languages seen (TikTok Studio localises its year-less dates).
MONTHS: dict[str, int] = {}
_MONTH_NAMES = {
    1: "january jan januari enero ene janeiro janvier janv januar gennaio gen ocak",
    2: "february feb februari febrero fevereiro fev février févr fevr februar febbraio",
    3: "march mar maret marzo março marco mars märz marz",
    4: "april apr abril avril aprile avr",
    5: "may mei mayo maio mai maggio mag",
    6: "june jun juni junio junho juin giugno giu",
    7: "july jul juli julio julho juillet juil luglio lug",
    8: "august aug agustus agu ago agosto août aout",
    9: "september sep sept septiembre setiembre setembro set septembre settembre",
    10: "october oct oktober okt octubre outubro out octobre ottobre ott",
    11: "november nov nopember noviembre novembro novembre",
    12: "december dec desember des diciembre dic dezembro dez décembre dezember dicembre",
}
for _m, _names in _MONTH_NAMES.items():
    for _n in _names.split():
        MONTHS[_n] = _m
        MONTHS[unicodedata.normalize("NFKD", _n).encode("ascii", "ignore").decode()] = _m

_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_DAY_OF_YEAR = np.cumsum((0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30))  # start of each month, common year

_YEARLESS = re.compile(
    r"^\s*(?:(?P<d1>\d{1,2})\.?\s*(?:de\s+)?(?P<m1>[^\W\d_]+)\.?|(?P<m2>[^\W\d_]+)\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?"
    r"|(?P<m3>\d{1,2})月(?P<d3>\d{1,2})日)\s*$"
)


def parse_month_day(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Read year-less dates (``February 28``, ``8 de marzo``, ``1 de maio``, ``2月28日``).

    Returns (month, day, bad) as nullable integer columns and a bool mask.
    """
    t = _as_text(values)
    missing = (t.isna() | t.str.lower().isin(MISSING_MARKERS)).fillna(True).astype(bool)
    parts = t.str.lower().str.extract(_YEARLESS)
    word = parts["m1"].fillna(parts["m2"])
    by_name = pd.to_numeric(word.astype(object).map(MONTHS), errors="coerce").astype("Float64")
    by_number = pd.to_numeric(parts["m3"], errors="coerce").astype("Float64")
    month = by_name.where(by_name.notna(), by_number)
    day = pd.to_numeric(parts["d1"].fillna(parts["d2"]).fillna(parts["d3"]), errors="coerce").astype("Float64")
    # The longest each month can be (29 for February: the year decides later).
    longest = month.astype(object).map(dict(enumerate(_MONTH_DAYS, start=1)))
    ok = (
        month.between(1, 12).fillna(False)
        & day.between(1, 31).fillna(False)
        & (day <= pd.to_numeric(longest, errors="coerce")).fillna(False)
    )
    bad = (~missing & ~ok).astype(bool)
    return month.where(ok).astype("Int64"), day.where(ok).astype("Int64"), bad


def looks_yearless(values: pd.Series) -> bool:
    """True when the cells are year-less dates: more of them read as month-and-day than as
    full dates, and at least half do (so one mistyped day in a short file does not hide the
    rest)."""
    t = _as_text(values).dropna().head(200)
    t = t[~t.str.lower().isin(MISSING_MARKERS)]
    if t.empty or t.str.contains(r"\d{4}", regex=True).any():
        return False
    _, _, bad = parse_month_day(t)
    readable = int((~bad).sum())
    full = int(parse_dates(t).values.notna().sum())
    return readable > full and readable * 2 >= len(t)


def _valid(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> pd.Series:
    frame = pd.DataFrame({"year": year, "month": month, "day": day})
    return pd.to_datetime(frame, errors="coerce")


def assign_years_sequence(
    month: pd.Series,
    day: pd.Series,
    latest_on_or_before: dt.date,
    end_year: int | None = None,
    anchor: str | None = None,
) -> tuple[pd.Series, str]:
    """Give years to a chronological run of year-less dates (ascending or descending).

    The run's direction is the one that makes it shortest (a daily export steps one day at a
    time; read the wrong way, each step would be almost a year). A year boundary is where the
    month-day goes backwards in an ascending run (forwards in a descending one). The latest
    date gets ``end_year`` when given, else the latest year that puts it on or before
    ``latest_on_or_before`` (today, or the end of the range in the file name; ``anchor`` says
    which, for the returned sentence).

    Returns the dates (NaT where month/day is missing, or 29 February of a common year) and
    a sentence saying which years were assumed.
    """
    m = month.to_numpy(dtype="float64", na_value=np.nan)
    d = day.to_numpy(dtype="float64", na_value=np.nan)
    ok = ~(np.isnan(m) | np.isnan(d))
    if not ok.any():
        return pd.Series(pd.NaT, index=month.index, dtype="datetime64[ns]"), ""
    mi, di = m[ok].astype(int), d[ok].astype(int)
    doy = _DAY_OF_YEAR[mi - 1] + di  # day of a common year (Feb 29 shares Mar 1's number)
    steps = np.diff(doy)
    forward_span = int(np.mod(steps, 365).sum())
    backward_span = int(np.mod(-steps, 365).sum())
    descending = backward_span < forward_span
    wraps = (steps > 0) if descending else (steps < 0)
    offset = np.concatenate([[0], np.cumsum(wraps)])
    if descending:
        offset = -offset
    latest_pos = 0 if descending else len(mi) - 1
    lm, ld = int(mi[latest_pos]), int(di[latest_pos])
    if end_year is None:
        end_year = latest_on_or_before.year
        if (lm, ld) > (latest_on_or_before.month, latest_on_or_before.day):
            end_year -= 1
        how = anchor or f"the run ending no later than today ({latest_on_or_before.isoformat()})"
    else:
        how = anchor or "the date range in the file name"
    years = np.full(len(m), np.nan)
    years[ok] = end_year - (offset[latest_pos] - offset)
    out = _valid(np.where(ok, years, 2000), np.where(ok, m, 1), np.where(ok, d, 1)).where(ok)
    first, last = out.min(), out.max()
    note = (
        f"Dates in this file have no year; read as {first:%Y-%m-%d} to {last:%Y-%m-%d} (years taken from {how})."
        if pd.notna(first)
        else ""
    )
    return out.astype("datetime64[ns]"), note


def assign_years_before(month: pd.Series, day: pd.Series, anchor: dt.date) -> pd.Series:
    """Year-less dates that cannot be later than ``anchor`` (e.g. post times before the export date)."""
    m = month.to_numpy(dtype="float64", na_value=np.nan)
    d = day.to_numpy(dtype="float64", na_value=np.nan)
    ok = ~(np.isnan(m) | np.isnan(d))
    later = (m * 32 + d) > (anchor.month * 32 + anchor.day)
    years = np.where(later, anchor.year - 1, anchor.year)
    # 29 February exists only in leap years: take the latest leap year not after the candidate.
    feb29 = (m == 2) & (d == 29)
    if feb29.any():
        for _ in range(3):
            common = feb29 & ~((years % 4 == 0) & ((years % 100 != 0) | (years % 400 == 0)))
            years = np.where(common, years - 1, years)
    out = _valid(np.where(ok, years, 2000), np.where(ok, m, 1), np.where(ok, d, 1)).where(ok)
    return out.astype("datetime64[ns]")


_MON = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"


def filename_date_range(name: str) -> tuple[dt.date, dt.date] | None:
    """The reporting range a platform wrote into an export's file name, if any.

    Seen: ``May-25-2026_Jun-21-2026_<id>.csv`` (Meta), ``user-2026-05-25-to-2026-08-22.csv``
    (X), ``tweet_activity_metrics_<user>_20210101_20210201_en.csv`` (legacy X),
    ``...-Campaigns-Mar-11-2026-Apr-9-2026.csv`` and ``...-1-Jan-2026-5-Jan-2026.csv`` (Meta Ads).
    """
    # A member of a zip is named "export.zip/Table data.csv": its own name first, then the zip's.
    for part in reversed(name.split("/")):
        found = _range_in(part)
        if found is not None:
            return found
    return None


def _range_in(base: str) -> tuple[dt.date, dt.date] | None:
    pats = [
        (rf"(?i)({_MON})[a-z]*-(\d{{1,2}})-(\d{{4}})[_-]+({_MON})[a-z]*-(\d{{1,2}})-(\d{{4}})", "mdy"),
        (rf"(?i)(\d{{1,2}})-({_MON})[a-z]*-(\d{{4}})[_-]+(\d{{1,2}})-({_MON})[a-z]*-(\d{{4}})", "dmy"),
        (r"(\d{4})-(\d{2})-(\d{2})[_-]+(?:to[_-]+)?(\d{4})-(\d{2})-(\d{2})", "iso"),
        (r"(?<!\d)(\d{4})(\d{2})(\d{2})[_-](\d{4})(\d{2})(\d{2})(?!\d)", "iso"),
    ]
    for pat, kind in pats:
        m = re.search(pat, base)
        if not m:
            continue
        g = m.groups()
        try:
            if kind == "mdy":
                a = dt.date(int(g[2]), MONTHS[g[0].lower()], int(g[1]))
                b = dt.date(int(g[5]), MONTHS[g[3].lower()], int(g[4]))
            elif kind == "dmy":
                a = dt.date(int(g[2]), MONTHS[g[1].lower()], int(g[0]))
                b = dt.date(int(g[5]), MONTHS[g[4].lower()], int(g[3]))
            else:
                a = dt.date(int(g[0]), int(g[1]), int(g[2]))
                b = dt.date(int(g[3]), int(g[4]), int(g[5]))
        except (ValueError, KeyError):
            continue
        if a <= b:
            return a, b
    return None
