"""The canonical data model: platform names, table kinds and their columns.

Every reader in :mod:`smo_metrics.ingest` produces tables of one of these kinds. Columns are
snake_case. Counts and amounts are nullable floats (pandas ``Float64``): a missing value is
``<NA>``, never 0. Text is pandas ``string``. ``published_at`` is a UTC timestamp; calendar
``date`` columns are naive midnight timestamps holding the date as the platform states it.

Columns an export carries that the model does not name are kept in the table after the
canonical columns, under their original header, and listed as *unmapped*. See
``docs/DATA_MODEL.md`` for the meaning of each column.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
import pandas as pd
import pyarrow as pa

from smo_metrics.errors import UsageError

PLATFORMS: Final = (
    "instagram",
    "facebook",
    "meta",  # a Meta Business Suite file that does not say which of Instagram/Facebook
    "tiktok",
    "x",
    "linkedin",
    "youtube",
    "google_analytics",
)
ADS_PLATFORMS: Final = ("meta", "tiktok")

# Column types: "str" text, "float" nullable number, "utc" UTC timestamp, "date" calendar
# date (naive midnight), "int" nullable integer, "bool" nullable boolean.
ColumnTypes = dict[str, str]

POST_METRICS: Final = (
    "impressions",
    "reach",
    "views",
    "likes",
    "comments",
    "shares",
    "saves",
    "clicks",
    "link_clicks",
    "profile_visits",
    "follows",
    "watch_time_hours",
    "platform_engagements",
)

_POSTS: ColumnTypes = {
    "platform": "str",
    "account": "str",
    "post_id": "str",
    "published_at": "utc",
    "published_date": "date",
    "time_known": "bool",
    "post_type": "str",
    "caption": "str",
    "permalink": "str",
    "duration_s": "float",
    **{m: "float" for m in POST_METRICS},
}

_POST_DAILY: ColumnTypes = {
    "platform": "str",
    "account": "str",
    "post_id": "str",
    "date": "date",
    **{m: "float" for m in POST_METRICS},
}

ACCOUNT_DAILY_METRICS: Final = (
    "followers",
    "followers_gained",
    "followers_lost",
    "followers_net",
    "impressions",
    "reach",
    "views",
    "profile_visits",
    "engagements",
    "likes",
    "comments",
    "shares",
    "saves",
    "clicks",
    "link_clicks",
    "posts_published",
    "viewers",
    "new_viewers",
    "returning_viewers",
    "watch_time_hours",
)

_ACCOUNT_DAILY: ColumnTypes = {
    "platform": "str",
    "account": "str",
    "date": "date",
    **{m: "float" for m in ACCOUNT_DAILY_METRICS},
}

AUDIENCE_DIMENSIONS: Final = (
    "age_gender",
    "age",
    "gender",
    "city",
    "country",
    "territory",
    "language",
    "job_function",
    "seniority",
    "industry",
    "company_size",
)

_AUDIENCE: ColumnTypes = {
    "platform": "str",
    "account": "str",
    "as_of": "date",
    "population": "str",  # followers | visitors | audience (whom the breakdown describes)
    "dimension": "str",
    "segment": "str",
    "gender": "str",
    "value": "float",
    "unit": "str",  # share (0-1 fraction) | count
}

_FOLLOWER_ACTIVITY: ColumnTypes = {
    "platform": "str",
    "account": "str",
    "date": "date",
    "hour": "int",
    "active_followers": "float",
}

_ADS: ColumnTypes = {
    "platform": "str",
    "account": "str",
    "level": "str",  # campaign | ad_set | ad
    "campaign": "str",
    "ad_set": "str",
    "ad": "str",
    "date_start": "date",
    "date_end": "date",
    "currency": "str",
    "spend": "float",
    "impressions": "float",
    "reach": "float",
    "clicks": "float",
    "link_clicks": "float",
    "results": "float",
    "result_type": "str",
    "conversions": "float",
    "conversion_value": "float",
    "video_views": "float",
    "engagements": "float",
    "age": "str",
    "gender": "str",
    "breakdown": "str",  # other breakdown values, "Audience segments=prospecting; Placement=feed"
}

_WEB: ColumnTypes = {
    "platform": "str",
    "account": "str",
    "dimension_name": "str",
    "dimension_value": "str",
    "date_start": "date",
    "date_end": "date",
    "views": "float",
    "active_users": "float",
    "engagement_time_s": "float",
    "event_count": "float",
    "key_events": "float",
    "revenue": "float",
}

TABLES: Final[dict[str, ColumnTypes]] = {
    "posts": _POSTS,
    "post_daily": _POST_DAILY,
    "account_daily": _ACCOUNT_DAILY,
    "audience": _AUDIENCE,
    "follower_activity": _FOLLOWER_ACTIVITY,
    "ads": _ADS,
    "web": _WEB,
}
KINDS: Final = tuple(TABLES)

# The natural key of each kind: two rows with the same key describe the same thing
# (the store uses it to let the newest export win).
NATURAL_KEYS: Final[dict[str, tuple[str, ...]]] = {
    "posts": ("platform", "account", "post_id"),
    "post_daily": ("platform", "account", "post_id", "date"),
    "account_daily": ("platform", "account", "date"),
    "audience": ("platform", "account", "as_of", "population", "dimension", "segment", "gender"),
    "follower_activity": ("platform", "account", "date", "hour"),
    "ads": (
        "platform",
        "account",
        "level",
        "campaign",
        "ad_set",
        "ad",
        "date_start",
        "date_end",
        "currency",
        "age",
        "gender",
        "breakdown",
    ),
    "web": ("platform", "account", "dimension_name", "dimension_value", "date_start", "date_end"),
}

# Which column dates a table (for date_min / date_max).
DATE_COLUMN: Final[dict[str, str]] = {
    "posts": "published_date",
    "post_daily": "date",
    "account_daily": "date",
    "audience": "as_of",
    "follower_activity": "date",
    "ads": "date_start",
    "web": "date_start",
}
DATE_END_COLUMN: Final[dict[str, str]] = {"ads": "date_end", "web": "date_end"}

_DTYPES: Final[dict[str, str]] = {
    "str": "string[pyarrow]",
    "float": "Float64",
    "int": "Int64",
    "bool": "boolean",
    "date": "datetime64[ns]",
    "utc": "datetime64[ns, UTC]",
}


def columns(kind: str) -> ColumnTypes:
    """Return the canonical columns of ``kind`` and their types (a copy)."""
    try:
        return dict(TABLES[kind])
    except KeyError:
        raise UsageError(f"unknown table kind {kind!r}; expected one of {', '.join(KINDS)}") from None


def numeric_columns(kind: str) -> tuple[str, ...]:
    """The canonical number columns of ``kind`` (counts, amounts), in model order."""
    return tuple(c for c, t in columns(kind).items() if t == "float")


def dtype_of(type_name: str) -> str:
    """The pandas dtype used for a canonical column type name."""
    return _DTYPES[type_name]


def empty_frame(kind: str) -> pd.DataFrame:
    """An empty frame with exactly the canonical columns of ``kind``."""
    return pd.DataFrame({c: pd.Series(dtype=dtype_of(t)) for c, t in columns(kind).items()})


def conform(kind: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Give ``frame`` every canonical column of ``kind`` with the canonical dtype.

    Canonical columns come first in model order; any other (unmapped) columns follow in
    their original order. Missing canonical columns are added as all-missing.
    """
    spec = columns(kind)
    n = len(frame)
    out: dict[str, pd.Series] = {}
    for col, typ in spec.items():
        dt: Any = dtype_of(typ)
        if col in frame.columns:
            s = frame[col]
            if str(s.dtype) != dt:
                s = s.astype(dt)
            out[col] = s.reset_index(drop=True)
        else:
            out[col] = missing_column(typ, n)
    for col in frame.columns:
        if col not in spec:
            out[col] = frame[col].reset_index(drop=True)
    return pd.DataFrame(out)


def missing_column(type_name: str, n: int) -> pd.Series:
    """An all-missing column of ``n`` rows of the canonical type (built without a Python list)."""
    if type_name == "float":
        return pd.Series(pd.arrays.FloatingArray(np.zeros(n), np.ones(n, dtype=bool)))
    if type_name == "int":
        return pd.Series(pd.arrays.IntegerArray(np.zeros(n, dtype="int64"), np.ones(n, dtype=bool)))
    if type_name == "bool":
        return pd.Series(pd.arrays.BooleanArray(np.zeros(n, dtype=bool), np.ones(n, dtype=bool)))
    if type_name in ("date", "utc"):
        naive = pd.Series(np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]"))
        return naive.dt.tz_localize("UTC") if type_name == "utc" else naive
    return pd.Series(pd.array(pa.nulls(n, pa.string()), dtype=dtype_of(type_name)))


def unmapped_columns(kind: str, frame: pd.DataFrame) -> list[str]:
    """Columns of ``frame`` that are not part of the canonical model for ``kind``."""
    spec = columns(kind)
    return [c for c in frame.columns if c not in spec]
