"""TikTok Ads Manager reports (CSV or XLSX).

``Campaign name,Ad Group Name,Date,Ad Name,Cost,CPC (Destination),CPM,Impression,Clicks (Destination),
CTR (Destination),Conversions,CPA,Currency``: one row per ad per day. Reports made at ad-group or
campaign level lack ``Ad Name`` (and ``Ad Group Name``); other reports spell ``Clicks (destination)``
or add ``Cost per 1,000 people reached``, ``Video views at 25%``. The level is the finest name
column present. ``Cost`` → ``spend``, ``Clicks (Destination)`` → ``link_clicks``; the rates (CTR,
CPC, CPM, CPA) stay unmapped: the metrics library computes them from the counts.

Currency comes from the ``Currency`` column, else from a header (``Cost (IDR)``), else from a code
in the file name (``..._IDR_...``); otherwise it is left missing and the table says so (never
assumed). Exports made with an Indonesian locale write ``18.415`` for 18 415 and ``2,14`` for
2.14, often with ``;`` as delimiter: the decimal mark is decided from the numeric columns.

``Date`` is the ad account's reporting day; the file does not say the account's time zone, so
days are read as calendar days in the workspace zone and the table states it. A report without
a ``Date`` column covers the range in its file name, if any; otherwise its rows keep no dates.
"""

from __future__ import annotations

import re

import pandas as pd

from smo_metrics import schema
from smo_metrics.ingest import Context
from smo_metrics.ingest.aliases import SPEND_PREFIXES, breakdown_headers, normalized_set
from smo_metrics.ingest.base import Builder, Table, find_header, head_cells
from smo_metrics.ingest.parse import detect_decimal, filename_date_range
from smo_metrics.ingest.text import RawTable, Sheet, normalize_header

FAMILY = "tiktok_ads"
PLATFORM = "tiktok"

NUMERIC = schema.numeric_columns("ads")
# Unmapped rate columns: their decimals are evidence for the file's number convention.
RATE_PREFIXES = ("cpc", "cpm", "ctr", "cpa", "cost per", "biaya per")

# ISO 4217 codes accepted from a header suffix "(IDR)" or a file-name token.
CURRENCIES = frozenset(
    "USD EUR GBP IDR INR JPY CNY HKD TWD KRW SGD MYR THB PHP VND AUD NZD CAD MXN BRL ARS CLP COP PEN "
    "TRY AED SAR QAR KWD EGP NGN KES ZAR PKR BDT LKR CHF SEK NOK DKK PLN CZK HUF RON ILS RUB UAH".split()
)
_HEADER_CODE = re.compile(r"\(\s*([A-Za-z]{3})\s*\)\s*$")
_TOTAL_ROW = re.compile(r"(?i)totals?(?:\s+of\s+[\d.,]+(?:\s+\w+)*)?\s*:?")

# Meta Ads Manager headers: a file with one of these is Meta's, not TikTok's.
_META_MARKERS = normalized_set("meta_ads", "date_start") | normalized_set("meta_ads", "date_end")


def _signatures() -> list[set[str]]:
    names = normalized_set(FAMILY, "ad_set") | normalized_set(FAMILY, "campaign")
    return [{n, i} for n in names for i in normalized_set(FAMILY, "impressions")]


def _spend_code(header: str) -> tuple[bool, str | None]:
    """Whether ``header`` is the spend column (``Cost``, ``Cost (IDR)``), and its currency code."""
    m = _HEADER_CODE.search(header)
    code = m.group(1).upper() if m and m.group(1).upper() in CURRENCIES else None
    base = normalize_header(header[: m.start()] if code and m else header)
    return base in normalized_set(FAMILY, "spend"), code


def _header_row(sheet: Sheet) -> int | None:
    """The header row: a name column, impressions and cost, and no Meta Ads marker."""
    hi = find_header(sheet, _signatures(), within=5)
    if hi is None:
        return None
    cells = [c for c in head_cells(sheet, hi) if c]
    if set(cells) & _META_MARKERS or any(c.startswith(SPEND_PREFIXES) for c in cells):
        return None
    return hi if any(_spend_code(c)[0] for c in cells) else None


def detect(ctx: Context) -> bool:
    return any(_header_row(s) is not None for s in ctx.sheets)


def read(ctx: Context) -> list[Table]:
    tables = []
    for sheet in ctx.sheets:
        hi = _header_row(sheet)
        if hi is not None:
            tables.append(_read_sheet(ctx, sheet, sheet.table(hi)))
    return tables


def _file_currency(name: str) -> str | None:
    """A currency code standing alone in the file name (``ads_IDR_2025.csv``)."""
    found = {t for t in re.split(r"[^A-Za-z]+", name.rsplit("/", 1)[-1]) if t in CURRENCIES}
    return found.pop() if len(found) == 1 else None


def _read_sheet(ctx: Context, sheet: Sheet, raw: RawTable) -> Table:
    b = Builder(raw)
    mapping = b.map_aliases(FAMILY)
    header_codes = set()
    for h in raw.header:
        is_spend, code = _spend_code(h)
        if is_spend and "spend" not in mapping:
            mapping["spend"] = h
        if code and (is_spend or normalize_header(h).startswith(RATE_PREFIXES)):
            header_codes.add(code)
    numeric = [c for c in NUMERIC if c in mapping]
    rates = [h for h in raw.header if h not in mapping.values() and normalize_header(h).startswith(RATE_PREFIXES)]
    samples = [raw.series(mapping[c]) for c in numeric] + [raw.series(h) for h in rates]
    b.decimal, note = detect_decimal(samples, str(getattr(sheet, "delimiter", ",")))
    warnings = [note] if note else []
    for c in numeric:
        b.number(c)
    b.breakdown(breakdown_headers(raw.header))
    for c in ("campaign", "ad_set", "ad", "age", "gender", "currency"):
        b.text(c)
    level = "ad" if "ad" in mapping else "ad_set" if "ad_set" in mapping else "campaign"
    label = level.replace("_", " ")
    b.set("level", level)
    b.reject(_total_rows(b), f"a total row, not one {label}")
    b.require(level, f"no {label} name")
    _dates(ctx, b, mapping, warnings)
    _currency(ctx, b, header_codes, warnings)
    tz = ctx.tz
    warnings.append(f"Days are the ad account's reporting days; its time zone is not in the file, read as {tz}.")
    warnings.append("The file does not name the ad account; give it when importing.")
    table = b.finish("ads", PLATFORM, None, ctx.name, "tiktok_ads", warnings, assumed_tz=tz)
    missing = int(table.data["currency"].isna().sum())
    if missing and "currency" in mapping:
        rows = "1 row has" if missing == 1 else f"{missing} rows have"
        table.warnings.append(f"{rows} no currency; their amounts cannot be compared or converted.")
    return table


def _total_rows(b: Builder) -> pd.Series:
    """Rows whose only name is ``Total`` / ``Total of 3 campaigns`` (a sum of the other rows)."""
    names = [b.out[c] for c in ("campaign", "ad_set", "ad") if c in b.out]
    if not names:
        return pd.Series(False, index=range(b.n))
    if b.n == 0:
        return pd.Series(False, index=range(0))
    frame = pd.concat(names, axis=1)
    only_one = frame.notna().sum(axis=1) == 1
    first = frame.bfill(axis=1).iloc[:, 0].astype("string[pyarrow]")
    return (only_one & first.str.fullmatch(_TOTAL_ROW).fillna(False)).astype(bool)


def _dates(ctx: Context, b: Builder, mapping: dict[str, str], warnings: list[str]) -> None:
    """date_start = date_end = the row's day; without a Date column, the file name's range."""
    if "date" in mapping:
        d = b.dates(mapping["date"])
        day = d.values.dt.normalize()
        b.reject(day.isna() & ~d.bad, "no date")
        b.set("date_start", day)
        b.set("date_end", day)
        return
    rng = filename_date_range(ctx.name)
    if rng:
        b.set("date_start", pd.Series(pd.Timestamp(rng[0]), index=range(b.n)))
        b.set("date_end", pd.Series(pd.Timestamp(rng[1]), index=range(b.n)))
        warnings.append(f"The file has no Date column; rows cover the file name's range {rng[0]} to {rng[1]}.")
    else:
        warnings.append("The file has no Date column and its name gives no date range; rows have no dates.")


def _currency(ctx: Context, b: Builder, header_codes: set[str], warnings: list[str]) -> None:
    """Currency from the Currency column, else a header suffix, else the file name; never assumed."""
    fallback = header_codes.pop() if len(header_codes) == 1 else _file_currency(ctx.name)
    column = b.out.get("currency")
    if column is not None:
        column = column.str.upper()
        if fallback is not None:
            column = column.fillna(fallback)
        b.set("currency", column)
    elif fallback is not None:
        b.set("currency", fallback)
        warnings.append(f"The currency ({fallback}) was taken from the column names or the file name.")
    else:
        warnings.append(
            "The file does not say which currency its amounts are in; currency is left empty "
            "(export with the Currency column, or give it when importing)."
        )
