"""Meta Ads Manager exports (CSV or XLSX; any level, breakdowns, any currency, any UI language).

``"Reporting starts","Reporting ends","Campaign name"|"Ad set name"|"Ad name",...,Results,
"Result indicator","Amount spent (EUR)",Impressions,Reach,...``. The level is the most
specific name column present (ad > ad set > campaign). The currency lives in the spend
column's name (``Amount spent (IDR)``) or in a ``Currency`` column; a file that states
neither gets ``currency`` missing and a warning, never a guess. Indonesian UI exports
(``Nama kampanye``, ``Jumlah yang dibelanjakan (IDR)``) usually write numbers as id-ID
(``18.415`` = 18415, ``2,14`` = 2.14); the decimal mark is decided from the values, with the
header language as the tie-breaker. Rates and cost-per columns stay unmapped: the metrics
library recomputes them from the counts.
"""

from __future__ import annotations

import re

import pandas as pd

from smo_metrics import schema
from smo_metrics.ingest import Context
from smo_metrics.ingest.aliases import SPEND_PREFIXES, breakdown_headers, normalized_set, prefers_comma_decimal
from smo_metrics.ingest.base import Builder, Table
from smo_metrics.ingest.parse import detect_decimal, filename_date_range
from smo_metrics.ingest.text import Sheet, normalize_header

FAMILY = "meta_ads"
_NUMERIC = tuple(c for c in schema.numeric_columns("ads") if c != "spend")  # spend: see _spend_header


def _spend_header(cells: list[str]) -> str | None:
    for c in cells:
        n = normalize_header(c)
        if any(n.startswith(p) for p in SPEND_PREFIXES):
            return c
    return None


def _find(sheet: Sheet) -> int | None:
    """Header row: a name column plus either an ``Amount spent (XXX)`` column or dates and impressions."""
    names = normalized_set(FAMILY, "campaign") | normalized_set(FAMILY, "ad_set") | normalized_set(FAMILY, "ad")
    dates = normalized_set(FAMILY, "date_start") | normalized_set(FAMILY, "day")
    for i, row in enumerate(sheet.head(6)):
        cells = [str(c) for c in row.cells if c is not None]
        norm = {normalize_header(c) for c in cells}
        if not norm & names:
            continue
        if _spend_header(cells) is not None or (norm & dates and norm & normalized_set(FAMILY, "impressions")):
            return i
    return None


def detect(ctx: Context) -> bool:
    return any(_find(s) is not None for s in ctx.sheets)


def read(ctx: Context) -> list[Table]:
    out = []
    for sheet in ctx.sheets:
        hi = _find(sheet)
        if hi is not None:
            out.append(_read_sheet(ctx, sheet, hi))
    return out


def account_from_name(name: str) -> str | None:
    """The ad account name Meta puts before ``-Campaigns-``, ``-Ad-sets-`` or ``-Ads-``."""
    base = name.rsplit("/", 1)[-1]
    m = re.match(r"(.+?)-(?:Campaigns|Ad-sets|Ad-Sets|Ads|Kampanye|Set-iklan|Iklan)-", base)
    return m.group(1).strip("-_ ") if m else None


def _read_sheet(ctx: Context, sheet: Sheet, hi: int) -> Table:
    raw = sheet.table(hi)
    b = Builder(raw)
    mapping = b.map_aliases(FAMILY)
    spend_h = _spend_header(raw.header)
    indonesian = prefers_comma_decimal(raw.header)
    numeric = [c for c in _NUMERIC if c in mapping]
    samples = [raw.series(mapping[c]) for c in numeric] + ([raw.series(spend_h)] if spend_h else [])
    b.decimal, note = detect_decimal(samples, getattr(sheet, "delimiter", ","), prefer="," if indonesian else None)
    warnings = [note] if note else []
    if indonesian and b.decimal == ",":
        warnings.append("Indonesian headers: numbers read as id-ID (1.234,5 = 1234.5).")
    for c in ("campaign", "ad_set", "ad"):
        b.text(c)
    level = "ad" if "ad" in mapping else "ad_set" if "ad_set" in mapping else "campaign"
    b.set("level", level)
    # Dates: a per-day breakdown (Day) wins over the reporting range.
    if "day" in mapping:
        d = b.dates(mapping["day"])
        b.set("date_start", d.values.dt.normalize())
        b.set("date_end", d.values.dt.normalize())
        for c in ("date_start", "date_end"):
            if c in mapping:
                b.used.add(mapping[c])
    elif "date_start" in mapping:
        ds = b.dates(mapping["date_start"])
        b.set("date_start", ds.values.dt.normalize())
        if "date_end" in mapping:
            de = b.dates(mapping["date_end"])
            b.set("date_end", de.values.dt.normalize())
        else:
            b.set("date_end", ds.values.dt.normalize())
    else:
        rng = filename_date_range(ctx.name)
        if rng:
            b.set("date_start", pd.Series(pd.Timestamp(rng[0]), index=range(raw.n)))
            b.set("date_end", pd.Series(pd.Timestamp(rng[1]), index=range(raw.n)))
            warnings.append(f"The file has no date columns; the range in its name ({rng[0]} to {rng[1]}) was used.")
        else:
            warnings.append("The file has no date columns and its name gives no range: dates are missing.")
    # Currency.
    currency = None
    if spend_h is not None:
        b.number("spend", spend_h)
        m = re.search(r"\(([A-Za-z]{3})\)\s*$", spend_h.strip())
        currency = m.group(1).upper() if m else None
    if "currency" in mapping:
        cur = b.text("currency")
        assert cur is not None
        if currency is not None:
            b.set("currency", cur.fillna(currency).str.upper())
        else:
            b.set("currency", cur.str.upper())
    elif currency is not None:
        b.set("currency", currency)
    else:
        warnings.append("Neither the spend column nor a Currency column names the currency; it is left missing.")
    for c in numeric:
        b.number(c)
    b.text("result_type")
    b.breakdown(breakdown_headers(raw.header))
    b.text("age")
    b.text("gender")
    # A row with no name at any level is Meta's account total, not an entity.
    name_cols = [c for c in ("campaign", "ad_set", "ad") if c in b.out]
    if name_cols:
        no_name = pd.concat([b.out[c].isna() for c in name_cols], axis=1).all(axis=1)
        b.reject(no_name, "summary row: a total without a campaign/ad set/ad name, not an entity")
    account = account_from_name(ctx.name)
    if account is None:
        warnings.append("The file name does not give the ad account; set it when importing.")
    return b.finish("ads", "meta", account, sheet.name, "meta_ads", warnings)
