"""The workspace's own records: settings, content-calendar plans, targets and A/B tests.

They live in the same database as the imports, and every change is one transaction that bumps
the store's version like an import does. Listings come back as DataFrames with fixed columns
and dtypes (text ``string``, ids ``Int64``, timestamps UTC, calendar dates naive midnight like
the canonical tables); single records as dicts.

Values the pages offer as choices (platform, status, period…) are checked here and a wrong one
raises :class:`~smo_metrics.errors.UsageError`; an id that does not exist (another session may
have deleted it) raises :class:`~smo_metrics.errors.DataError`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import operator
import re
import zoneinfo
from collections.abc import Mapping, Sequence
from typing import Any, Final

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from smo_metrics.errors import DataError, UsageError
from smo_metrics.schema import PLATFORMS
from smo_metrics.store import db

DEFAULT_SETTINGS: Final[dict[str, Any]] = {
    "tz": "Asia/Jakarta",
    "currency": "IDR",
    "language": "en",
    "brand_name": "",
    "er_definition": "reach",
    "sample_workspace": "",  # "" never loaded, "loaded", "removed" (then first start does not load it again)
}
LANGUAGES: Final = ("en", "id")
ER_DEFINITIONS: Final = ("reach", "impressions", "followers")  # smo_metrics.engagement.RateBasis
SAMPLE_STATES: Final = ("", "loaded", "removed")
PLAN_STATUSES: Final = ("planned", "published", "cancelled")
PLAN_FIELDS: Final = (
    "planned_at",
    "platform",
    "account",
    "post_type",
    "caption",
    "hashtags",
    "status",
    "campaign",
    "published_post_id",
    "notes",
    "origin",
)
TARGET_FIELDS: Final = ("metric", "platform", "period", "period_start", "value", "kind", "origin")

# Column dtypes of the listings (and of the backup's CSV files).
_SQL_DTYPES: Final = (
    (db.UTCDateTime, "datetime64[ns, UTC]"),
    (sa.Integer, "Int64"),
    (sa.Float, "Float64"),
    (sa.Date, "datetime64[ns]"),
    (sa.String, "string[pyarrow]"),
)


def column_dtype(column: sa.Column[Any]) -> str:
    """The pandas dtype a listing uses for a SQL column."""
    for sql_type, dtype in _SQL_DTYPES:
        if isinstance(column.type, sql_type):
            return dtype
    raise UsageError(f"no dtype for column {column.name} of type {column.type}")


def table_frame(conn: sa.Connection, table: sa.Table, order: Sequence[sa.ColumnElement[Any]] = ()) -> pd.DataFrame:
    """Every row of ``table`` as a typed DataFrame (one ``SELECT``)."""
    rows = conn.execute(sa.select(table).order_by(*(order or table.primary_key.columns))).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=[c.name for c in table.columns], dtype=object)
    return frame.astype({c.name: column_dtype(c) for c in table.columns})


def frame_records(frame: pd.DataFrame, table: sa.Table) -> list[dict[str, Any]]:
    """Rows of a typed frame (as :func:`table_frame` gives) as values to insert into ``table``."""
    out: dict[str, list[Any]] = {}
    for c in table.columns:
        if c.name not in frame.columns:
            raise DataError(f"the {table.name} data has no column {c.name!r}.")
        s = frame[c.name]
        dtype = column_dtype(c)
        if dtype == "datetime64[ns, UTC]":
            values = [None if pd.isna(v) else v.to_pydatetime() for v in s]
        elif dtype == "datetime64[ns]":
            values = [None if pd.isna(v) else v.date() for v in s]
        elif dtype == "Int64":
            values = [None if pd.isna(v) else int(v) for v in s]
        elif dtype == "Float64":
            values = [None if pd.isna(v) else float(v) for v in s]
        else:
            values = [None if pd.isna(v) else str(v) for v in s]
        out[c.name] = values
    return [dict(zip(out, vals, strict=True)) for vals in zip(*out.values(), strict=True)]


def record_id(value: Any) -> int:
    """An id as a Python int (numpy integers from a DataFrame included)."""
    if isinstance(value, bool):
        raise UsageError(f"an id is a whole number, not {value!r}")
    try:
        return operator.index(value)
    except TypeError:
        raise UsageError(f"an id is a whole number, not {value!r}") from None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _text(value: Any, name: str, limit: int = 10_000) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if not isinstance(value, str):
        raise UsageError(f"{name} must be text, not {value!r}")
    value = value.strip()
    if len(value) > limit:
        raise UsageError(f"{name} is longer than {limit} characters")
    return value or None


def _choice(value: Any, name: str, choices: Sequence[str]) -> str:
    if value not in choices:
        raise UsageError(f"unknown {name} {value!r}; expected one of {', '.join(choices)}")
    return str(value)


def _timestamp(value: Any, tz: str, name: str) -> dt.datetime:
    """An aware UTC datetime; a naive value is wall-clock time in ``tz``."""
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise UsageError(f"{name} must be a date and time, not {value!r}") from None
    if pd.isna(stamp):
        raise UsageError(f"{name} must be a date and time, not {value!r}")
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize(tz, ambiguous=False, nonexistent="shift_forward")
    return stamp.tz_convert("UTC").to_pydatetime()


def _hashtags(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        words = value.replace(",", " ").split()
    elif isinstance(value, Sequence):
        words = [str(w).strip() for w in value]
    else:
        raise UsageError(f"hashtags must be text or a list of tags, not {value!r}")
    tags = ["#" + w.lstrip("#") for w in words if w.strip("#")]
    return " ".join(dict.fromkeys(tags)) or None


def _definition(value: Any) -> str:
    if not isinstance(value, Mapping):
        raise UsageError(f"an A/B test definition must be a dict, not {type(value).__name__}")
    arms = value.get("arms")
    if arms is not None:
        if not isinstance(arms, Sequence) or isinstance(arms, str) or len(arms) < 2:
            raise UsageError("'arms' must be a list of at least two arms")
        for arm in arms:
            if not isinstance(arm, Mapping) or not str(arm.get("label") or "").strip():
                raise UsageError(f"every arm needs a 'label', got {arm!r}")
    try:
        return json.dumps(dict(value), ensure_ascii=False, allow_nan=False, sort_keys=True)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"an A/B test definition must be plain JSON data ({exc})") from None


class RecordsMixin:
    """Settings, plans, targets and A/B tests of :class:`~smo_metrics.store.Store`."""

    engine: Engine

    # -- settings ----------------------------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        """Every workspace setting: the stored value, else the default (:data:`DEFAULT_SETTINGS`)."""
        with self.engine.connect() as conn:
            stored = {r.key: json.loads(r.value) for r in conn.execute(sa.select(db.settings))}
        return {**DEFAULT_SETTINGS, **{k: v for k, v in stored.items() if k in DEFAULT_SETTINGS}}

    def setting(self, key: str) -> Any:
        """One setting (its default when never set)."""
        if key not in DEFAULT_SETTINGS:
            raise UsageError(f"unknown setting {key!r}; expected one of {', '.join(DEFAULT_SETTINGS)}")
        with self.engine.connect() as conn:
            value = conn.execute(sa.select(db.settings.c.value).where(db.settings.c.key == key)).scalar_one_or_none()
        return DEFAULT_SETTINGS[key] if value is None else json.loads(value)

    def set_settings(self, **values: Any) -> None:
        """Change settings, e.g. ``set_settings(tz="Asia/Makassar", brand_name="Kopi Nusantara")``.

        Checked: ``tz`` an IANA zone, ``currency`` a three-letter code, ``language`` en|id,
        ``brand_name`` text, ``er_definition`` reach|impressions|followers.
        """
        clean = {k: _check_setting(k, v) for k, v in values.items()}
        if not clean:
            return
        with db.write_transaction(self.engine) as conn:
            keys = list(clean)
            conn.execute(sa.delete(db.settings).where(db.settings.c.key.in_(keys)))
            conn.execute(
                sa.insert(db.settings),
                [{"key": k, "value": json.dumps(v, ensure_ascii=False)} for k, v in clean.items()],
            )

    # -- plans -------------------------------------------------------------------------------
    def add_plan(
        self,
        planned_at: Any,
        platform: str,
        *,
        account: str | None = None,
        post_type: str | None = None,
        caption: str | None = None,
        hashtags: str | Sequence[str] | None = None,
        status: str = "planned",
        campaign: str | None = None,
        published_post_id: str | None = None,
        notes: str | None = None,
        origin: str | None = None,
        tz: str | None = None,
    ) -> int:
        """Add a content-calendar entry and return its id.

        ``planned_at`` without a zone is wall-clock time in ``tz`` (default: the workspace zone).
        """
        values = self._plan_values(
            {
                "planned_at": planned_at,
                "platform": platform,
                "account": account,
                "post_type": post_type,
                "caption": caption,
                "hashtags": hashtags,
                "status": status,
                "campaign": campaign,
                "published_post_id": published_post_id,
                "notes": notes,
                "origin": origin,
            },
            tz,
        )
        now = _now()
        with db.write_transaction(self.engine) as conn:
            new = conn.execute(
                sa.insert(db.plans).values(**values, created_at=now, updated_at=now).returning(db.plans.c.id)
            )
            return int(new.scalar_one())

    def update_plan(self, plan_id: int, tz: str | None = None, **changes: Any) -> None:
        """Change fields of a plan (any of :data:`PLAN_FIELDS`)."""
        unknown = set(changes) - set(PLAN_FIELDS)
        if unknown:
            raise UsageError(f"unknown plan field(s) {', '.join(sorted(unknown))}; expected {', '.join(PLAN_FIELDS)}")
        values = self._plan_values(changes, tz)
        self._update(db.plans, plan_id, "plan", values)

    def delete_plan(self, plan_id: int) -> None:
        self._delete(db.plans, plan_id, "plan")

    def plans(self, start: Any = None, end: Any = None) -> pd.DataFrame:
        """Plans ordered by ``planned_at`` (optionally those with start <= planned_at < end, UTC)."""
        with self.engine.connect() as conn:
            frame = table_frame(conn, db.plans, (db.plans.c.planned_at, db.plans.c.id))
        if start is not None:
            frame = frame[frame["planned_at"] >= _timestamp(start, self.setting("tz"), "start")]
        if end is not None:
            frame = frame[frame["planned_at"] < _timestamp(end, self.setting("tz"), "end")]
        return frame.reset_index(drop=True)

    def plan(self, plan_id: int) -> dict[str, Any]:
        return self._get(db.plans, plan_id, "plan")

    def _plan_values(self, given: Mapping[str, Any], tz: str | None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in given.items():
            if key == "planned_at":
                out[key] = _timestamp(value, tz or self.setting("tz"), "planned_at")
            elif key == "platform":
                out[key] = _choice(value, "platform", PLATFORMS)
            elif key == "status":
                out[key] = _choice(value, "status", PLAN_STATUSES)
            elif key == "hashtags":
                out[key] = _hashtags(value)
            else:
                out[key] = _text(value, key)
        return out

    # -- targets -----------------------------------------------------------------------------
    def add_target(
        self,
        metric: str,
        period: str,
        period_start: Any,
        value: float,
        platform: str = "all",
        kind: str | None = None,
        origin: str | None = None,
    ) -> int:
        """Add a target (checked by :class:`smo_metrics.targets.Target`) and return its id."""
        values = _target_values(
            {
                "metric": metric,
                "period": period,
                "period_start": period_start,
                "value": value,
                "platform": platform,
                "kind": kind,
                "origin": origin,
            }
        )
        now = _now()
        with db.write_transaction(self.engine) as conn:
            new = conn.execute(
                sa.insert(db.targets).values(**values, created_at=now, updated_at=now).returning(db.targets.c.id)
            )
            return int(new.scalar_one())

    def update_target(self, target_id: int, **changes: Any) -> None:
        """Change fields of a target (any of :data:`TARGET_FIELDS`); the result is checked again."""
        unknown = set(changes) - set(TARGET_FIELDS)
        if unknown:
            raise UsageError(f"unknown target field(s) {', '.join(sorted(unknown))}")
        current = self.target(target_id)
        merged = {k: current[k] for k in TARGET_FIELDS} | changes
        if "kind" not in changes and "metric" in changes:
            merged["kind"] = None  # let the new metric decide its kind
        self._update(db.targets, target_id, "target", _target_values(merged))

    def delete_target(self, target_id: int) -> None:
        self._delete(db.targets, target_id, "target")

    def targets(self) -> pd.DataFrame:
        """Targets ordered by period start, metric and id."""
        t = db.targets
        with self.engine.connect() as conn:
            return table_frame(conn, t, (t.c.period_start, t.c.metric, t.c.id))

    def target(self, target_id: int) -> dict[str, Any]:
        return self._get(db.targets, target_id, "target")

    # -- A/B tests ---------------------------------------------------------------------------
    def add_ab_test(self, name: str, metric: str, definition: Mapping[str, Any]) -> int:
        """Save an A/B test: ``definition`` is plain JSON data, e.g.
        ``{"arms": [{"label": "A", "count": 120, "nobs": 4000}, {"label": "B", "post_id": "178…"}]}``.
        """
        values = _ab_values({"name": name, "metric": metric, "definition": definition})
        now = _now()
        with db.write_transaction(self.engine) as conn:
            new = conn.execute(
                sa.insert(db.ab_tests).values(**values, created_at=now, updated_at=now).returning(db.ab_tests.c.id)
            )
            return int(new.scalar_one())

    def update_ab_test(self, test_id: int, **changes: Any) -> None:
        """Change ``name``, ``metric`` or ``definition`` of a saved test."""
        unknown = set(changes) - {"name", "metric", "definition"}
        if unknown:
            raise UsageError(f"unknown A/B test field(s) {', '.join(sorted(unknown))}")
        self._update(db.ab_tests, test_id, "A/B test", _ab_values(changes))

    def delete_ab_test(self, test_id: int) -> None:
        self._delete(db.ab_tests, test_id, "A/B test")

    def ab_tests(self) -> pd.DataFrame:
        """Saved tests, oldest first; ``definition`` holds the dict."""
        with self.engine.connect() as conn:
            frame = table_frame(conn, db.ab_tests)
        frame["definition"] = pd.Series([json.loads(d) for d in frame["definition"]], index=frame.index, dtype=object)
        return frame

    def ab_test(self, test_id: int) -> dict[str, Any]:
        out = self._get(db.ab_tests, test_id, "A/B test")
        out["definition"] = json.loads(out["definition"])
        return out

    # -- column mappings ---------------------------------------------------------------------
    def save_mapping(
        self,
        name: str,
        kind: str,
        platform: str,
        columns: Mapping[str, str],
        *,
        header_row: int = 0,
        date_format: str | None = None,
        decimal: str | None = None,
    ) -> int:
        """Save a column mapping for files nobody recognised (see :func:`smo_metrics.ingest.read_mapped`).

        ``columns`` maps canonical columns of ``kind`` to headers of the file. A mapping with the
        same name is replaced. Returns its id.
        """
        from smo_metrics import schema

        label = _text(name, "mapping name", 200)
        if not label:
            raise UsageError("a mapping needs a name")
        kind = _choice(kind, "kind", schema.KINDS)
        platform = _choice(platform, "platform", PLATFORMS)
        spec = schema.columns(kind)
        unknown = [c for c in columns if c not in spec]
        if unknown:
            raise UsageError(f"not columns of {kind}: {', '.join(unknown)}")
        if not columns or not all(isinstance(h, str) and h for h in columns.values()):
            raise UsageError("a mapping needs at least one column, each pointing at a header of the file")
        definition = json.dumps(
            {"columns": dict(columns), "header_row": int(header_row), "date_format": date_format, "decimal": decimal},
            ensure_ascii=False,
        )
        now = _now()
        with db.write_transaction(self.engine) as conn:
            conn.execute(sa.delete(db.mappings).where(db.mappings.c.name == label))
            new = conn.execute(
                sa.insert(db.mappings)
                .values(name=label, kind=kind, platform=platform, definition=definition, created_at=now, updated_at=now)
                .returning(db.mappings.c.id)
            )
            return int(new.scalar_one())

    def mappings(self) -> pd.DataFrame:
        """Saved column mappings (``id, name, kind, platform, definition`` as a dict), by name."""
        with self.engine.connect() as conn:
            frame = table_frame(conn, db.mappings, (db.mappings.c.name,))
        frame["definition"] = pd.Series([json.loads(d) for d in frame["definition"]], index=frame.index, dtype=object)
        return frame

    def matching_mappings(self, headers: Sequence[str]) -> pd.DataFrame:
        """The saved mappings whose every mapped header is among ``headers`` (best match first:
        the one that maps the most columns)."""
        have = {str(h) for h in headers}
        frame = self.mappings()
        fits = [set(d["columns"].values()) <= have for d in frame["definition"]]
        found = frame[pd.Series(fits, index=frame.index, dtype=bool)] if len(frame) else frame
        size = pd.Series([len(d["columns"]) for d in found["definition"]], index=found.index, dtype="int64")
        return found.loc[size.sort_values(ascending=False, kind="stable").index].reset_index(drop=True)

    def delete_mapping(self, mapping_id: int) -> None:
        self._delete(db.mappings, mapping_id, "column mapping")

    # -- shared ------------------------------------------------------------------------------
    def _get(self, table: sa.Table, row_id: int, what: str) -> dict[str, Any]:
        row_id = record_id(row_id)
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(table).where(table.c.id == row_id)).first()
        if row is None:
            raise DataError(f"there is no {what} #{row_id}.")
        return dict(row._mapping)

    def _update(self, table: sa.Table, row_id: int, what: str, values: Mapping[str, Any]) -> None:
        row_id = record_id(row_id)
        if not values:
            return
        with db.write_transaction(self.engine) as conn:
            done = conn.execute(sa.update(table).where(table.c.id == row_id).values(**values, updated_at=_now()))
            if done.rowcount != 1:
                raise DataError(f"there is no {what} #{row_id}.")

    def _delete(self, table: sa.Table, row_id: int, what: str) -> None:
        row_id = record_id(row_id)
        with db.write_transaction(self.engine) as conn:
            if conn.execute(sa.delete(table).where(table.c.id == row_id)).rowcount != 1:
                raise DataError(f"there is no {what} #{row_id}.")


def _check_setting(key: str, value: Any) -> Any:
    if key not in DEFAULT_SETTINGS:
        raise UsageError(f"unknown setting {key!r}; expected one of {', '.join(DEFAULT_SETTINGS)}")
    if not isinstance(value, str):
        raise UsageError(f"setting {key} must be text, not {value!r}")
    value = value.strip()
    if key == "tz":
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise UsageError(f"unknown time zone {value!r}; expected an IANA name such as Asia/Jakarta") from None
    elif key == "currency":
        value = value.upper()
        if not re.fullmatch(r"[A-Z]{3}", value):
            raise UsageError(f"a currency is a three-letter code such as IDR or USD, not {value!r}")
    elif key == "language":
        _choice(value, "language", LANGUAGES)
    elif key == "er_definition":
        _choice(value, "engagement-rate definition", ER_DEFINITIONS)
    elif key == "sample_workspace":
        _choice(value, "sample workspace state", SAMPLE_STATES)
    elif key == "brand_name" and len(value) > 200:
        raise UsageError("the brand name is longer than 200 characters")
    return value


def _target_values(given: Mapping[str, Any]) -> dict[str, Any]:
    from smo_metrics.targets import Target

    target = Target(
        metric=_text(given["metric"], "metric") or "",
        period=given["period"],
        period_start=given["period_start"],
        value=given["value"],
        platform=given["platform"],
        kind=given["kind"],
    )
    return {
        "metric": target.metric,
        "platform": target.platform,
        "period": target.period,
        "period_start": target.period_start,
        "value": target.value,
        "kind": target.kind,
        "origin": _text(given.get("origin"), "origin", 200),
    }


def _ab_values(given: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in given.items():
        if key == "definition":
            out[key] = _definition(value)
        else:
            text = _text(value, key, 500)
            if not text:
                raise UsageError(f"an A/B test needs a {key}")
            out[key] = text
    return out
