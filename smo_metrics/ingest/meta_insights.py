"""Meta Business Suite Insights exports (UTF-16LE with BOM, a ``sep=,`` line).

Per-metric files (``Reach.csv``, ``Views.csv``, ``Follows.csv``, ``Interactions.csv``,
``Link clicks.csv``, ``Visits.csv``): ``sep=,`` / a title line naming the metric
(``"Reach"``, ``"Instagram follows"``) / ``"Date","Primary"`` / one row per day →
``account_daily`` with the titled metric in its canonical column. A title that starts with
Instagram or Facebook says the platform; otherwise the platform is ``meta``.

``Audience.csv``: sections ``Top cities``, ``Age & gender``, ``Top countries``; cities and
countries laid out horizontally (names row, values row); values are percentages with or
without ``%`` → ``audience`` rows with ``unit = share`` (0-1 fractions).
"""

from __future__ import annotations

import pandas as pd

from smo_metrics.ingest import Context
from smo_metrics.ingest.base import Builder, Table, find_header, table_from_frame
from smo_metrics.ingest.parse import detect_decimal, parse_numbers
from smo_metrics.ingest.text import Row, normalize_header

# Title of a per-metric file (lower case, platform word removed) → canonical column.
METRIC_TITLES: dict[str, str] = {
    "reach": "reach",
    "jangkauan": "reach",
    "views": "views",
    "tayangan": "views",
    "impressions": "impressions",
    "follows": "followers_gained",
    "followers": "followers_gained",
    "new follows": "followers_gained",
    "mengikuti": "followers_gained",
    "unfollows": "followers_lost",
    "interactions": "engagements",
    "content interactions": "engagements",
    "interaksi": "engagements",
    "link clicks": "link_clicks",
    "klik tautan": "link_clicks",
    "visits": "profile_visits",
    "profile visits": "profile_visits",
    "page visits": "profile_visits",
    "kunjungan": "profile_visits",
    "kunjungan profil": "profile_visits",
}

SECTIONS: dict[str, str] = {
    "top cities": "city",
    "kota teratas": "city",
    "top countries": "country",
    "negara teratas": "country",
    "age & gender": "age_gender",
    "age and gender": "age_gender",
    "usia & jenis kelamin": "age_gender",
    "usia dan jenis kelamin": "age_gender",
}
GENDERS = {
    "men": "male",
    "women": "female",
    "laki-laki": "male",
    "perempuan": "female",
    "pria": "male",
    "wanita": "female",
    "male": "male",
    "female": "female",
}


def _is_audience(ctx: Context) -> bool:
    for row in ctx.sheet.head(6):
        cells = [c for c in row.cells if str(c).strip()]
        if len(cells) == 1 and normalize_header(cells[0]) in SECTIONS:
            return True
    return False


def detect(ctx: Context) -> bool:
    if ctx.workbook:
        return False
    if _is_audience(ctx):
        return True
    return find_header(ctx.sheet, [{"date", "primary"}, {"tanggal", "utama"}], within=4) is not None


def read(ctx: Context) -> list[Table]:
    if _is_audience(ctx):
        return [_read_audience(ctx)]
    return [_read_metric(ctx)]


def _platform_and_metric(title: str) -> tuple[str, str]:
    t = normalize_header(title)
    platform = "meta"
    for p in ("instagram", "facebook"):
        if t.startswith(p + " "):
            platform, t = p, t[len(p) + 1 :]
    return platform, t


def _read_metric(ctx: Context) -> Table:
    sheet = ctx.sheet
    hi = find_header(sheet, [{"date", "primary"}, {"tanggal", "utama"}], within=4)
    assert hi is not None
    title = " ".join(str(c) for c in sheet.head(hi)[hi - 1].cells if str(c).strip()) if hi > 0 else ""
    platform, metric_title = _platform_and_metric(title) if title else ("meta", "")
    canonical = METRIC_TITLES.get(metric_title)
    raw = sheet.table(hi)
    b = Builder(raw)
    header = raw.header
    date_h = next((h for h in header if normalize_header(h) in ("date", "tanggal")), header[0])
    primary_h = next((h for h in header if normalize_header(h) in ("primary", "utama")), header[1])
    b.decimal, note = detect_decimal([raw.series(primary_h)], sheet_delim(ctx))
    warnings = [note] if note else []
    d = b.dates(date_h)
    b.set("date", d.values.dt.normalize())
    b.require("date", "no date")
    if canonical is not None:
        b.number(canonical, primary_h)
    else:
        label = title.strip() or "value"
        nums = parse_numbers(raw.series(primary_h), b.decimal)
        b.set(label, nums.values)
        b.used.add(primary_h)
        b._bad(nums.bad, primary_h, "is not a number")
        warnings.append(f"The metric '{label}' is not one the data model names; it is kept under that name.")
    warnings.append("Meta Insights files do not name the account; set it when importing.")
    if platform == "meta":
        warnings.append("The file does not say whether it is Instagram or Facebook; it is stored as 'meta'.")
    table = b.finish("account_daily", platform, None, ctx.name, "meta_insights", warnings)
    if canonical is None:
        table.unmapped_columns = [title.strip() or "value", *table.unmapped_columns]
    return table


def sheet_delim(ctx: Context) -> str:
    return str(getattr(ctx.sheet, "delimiter", ","))


def _read_audience(ctx: Context) -> Table:
    rows = ctx.sheet.head(100_000)
    records: list[dict[str, object]] = []
    rejected: list[tuple[int, str, str]] = []
    i = 0
    section: str | None = None
    percent_sign = False
    while i < len(rows):
        row = rows[i]
        cells = [str(c) for c in row.cells]
        nonblank = [c for c in cells if c.strip()]
        key = normalize_header(nonblank[0]) if len(nonblank) == 1 else ""
        if key in SECTIONS:
            section = SECTIONS[key]
            i += 1
            continue
        if section is None:
            rejected.append(
                (row.line, "a row outside any section (Top cities / Age & gender / Top countries)", "|".join(cells))
            )
            i += 1
            continue
        if section in ("city", "country"):
            names = cells
            if i + 1 >= len(rows):
                rejected.append((row.line, f"the {section} names have no values row under them", "|".join(cells)))
                i += 1
                continue
            vals_row = rows[i + 1]
            vals = [str(c) for c in vals_row.cells]
            for j, name in enumerate(names):
                if not name.strip():
                    continue
                v = vals[j] if j < len(vals) else ""
                num = _share(v)
                percent_sign |= "%" in v
                if num is None:
                    rejected.append((vals_row.line, f"{section} '{name}': '{v}' is not a percentage", f"{name}|{v}"))
                    continue
                records.append({"dimension": section, "segment": name.strip(), "gender": pd.NA, "value": num})
            i += 2
            continue
        # age & gender: a header row ("", "Men", "Women") then one row per age band.
        gender_cols = [GENDERS.get(normalize_header(c), normalize_header(c)) for c in cells[1:]]
        i += 1
        while i < len(rows):
            r = rows[i]
            rc = [str(c) for c in r.cells]
            nb = [c for c in rc if c.strip()]
            if len(nb) == 1 and normalize_header(nb[0]) in SECTIONS:
                break
            band = rc[0].strip()
            for j, g in enumerate(gender_cols):
                v = rc[j + 1] if j + 1 < len(rc) else ""
                num = _share(v)
                percent_sign |= "%" in v
                if num is None:
                    rejected.append((r.line, f"age {band}, {g}: '{v}' is not a percentage", "|".join(rc)))
                    continue
                records.append({"dimension": "age_gender", "segment": band, "gender": g, "value": num})
            i += 1
        section = None
    frame = pd.DataFrame(records, columns=["dimension", "segment", "gender", "value"])
    frame["value"] = frame["value"].astype("Float64")
    frame["unit"] = "share"
    frame["population"] = "audience"
    frame["as_of"] = pd.NaT
    warnings = [
        "Percentages were converted to shares (5.1 → 0.051).",
        "The Audience file does not say as of which date, nor which account or platform; set them when importing.",
    ]
    return table_from_frame("audience", "meta", None, frame, rejected, ctx.name, "meta_audience", warnings)


def _share(text: str) -> float | None:
    """A percentage cell (``5.1`` or ``5.1%``) as a 0-1 share; None when not a number."""
    t = text.strip()
    if not t:
        return None
    nums = parse_numbers(pd.Series([t], dtype=object), "," if ("," in t and "." not in t) else ".")
    v = nums.values.iloc[0]
    if pd.isna(v) or bool(nums.bad.iloc[0]):
        return None
    return float(v) / 100.0


_ = Row
