"""The workspace store: imports in, canonical tables out.

Every import is one row of ``imports`` (file name, SHA-256 of the bytes, when, by whom, what
was found) and one row of ``import_tables`` per table the file held, with the table and its
rejected rows as Parquet blobs. Nothing is merged on the way in: :meth:`Store.load` reads every
blob in one ``SELECT``, concatenates each kind in import order and lets
:func:`smo_metrics.tables.newest_wins` resolve overlaps, the same rule as reading the files
side by side. So the newest import wins, the older values stay stored, and deleting an import
removes exactly its rows and brings back whatever it had overridden.

Each write is one transaction that also bumps ``meta.version``; :meth:`Store.version` reads that
number, and :meth:`Store.load` keeps the last frames it built until it changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal, NamedTuple

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from smo_metrics import schema
from smo_metrics.errors import DataError, UsageError
from smo_metrics.ingest import FileResult, Limits, Table, read_file
from smo_metrics.store import db, frames
from smo_metrics.store.records import RecordsMixin, record_id

Status = Literal["imported", "duplicate", "failed"]
IMPORT_COLUMNS: Final = (
    "id",
    "file_name",
    "imported_at",
    "imported_by",
    "status",
    "tables",
    "rows",
    "rejected_rows",
    "platforms",
    "kinds",
    "accounts",
    "date_min",
    "date_max",
    "size_bytes",
    "content_hash",
    "origin",
)


class TableCount(NamedTuple):
    """One table an import brought: ``(kind, platform, account, rows)``."""

    kind: str
    platform: str
    account: str | None
    rows: int


@dataclass(frozen=True)
class ImportResult:
    """What happened to one file.

    ``status`` is ``imported`` (``import_id`` is the new import), ``duplicate`` (the same bytes
    were imported before: ``import_id`` names that import, and nothing changed) or ``failed``
    (``error`` says why; nothing was written).
    """

    file_name: str
    status: Status
    import_id: int | None = None
    tables: tuple[TableCount, ...] = ()
    error: str | None = None
    message: str = ""
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape of ``python -m smo_metrics import --json`` (one file)."""
        return {
            "file": self.file_name,
            "import_id": self.import_id,
            "status": self.status,
            "tables": [t._asdict() for t in self.tables],
            "error": self.error,
        }


def content_hash(data: bytes) -> str:
    """SHA-256 of the file's bytes, hex: the identity of an import."""
    return hashlib.sha256(data).hexdigest()


def _insert_table(conn: sa.Connection, row: dict[str, Any]) -> None:
    """Insert one ``import_tables`` row (a module function so tests can fail it on purpose)."""
    conn.execute(sa.insert(db.import_tables), row)


class Store(RecordsMixin):
    """One workspace: imports, plans, targets, A/B tests and settings.

    Open it with :func:`smo_metrics.store.open_store`. Safe to share between threads (one per
    browser session): the engine pools connections, and the load cache is locked.
    """

    def __init__(self, engine: Engine, url: str):
        self.engine = engine
        self.url = url
        self._lock = threading.Lock()
        self._cache: tuple[int, dict[str, pd.DataFrame]] | None = None

    def __repr__(self) -> str:
        return f"Store({db.safe_url(self.url)!r})"

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return str(self.engine.dialect.name)

    def close(self) -> None:
        """Close the pooled connections (the store can be used again; it reconnects)."""
        self.engine.dispose()

    # -- change marker and loading ---------------------------------------------------------
    def version(self) -> int:
        """The last-change marker: a number that grows with every committed write (one ``SELECT``)."""
        with self.engine.connect() as conn:
            return db.read_version(conn)

    def load(self, use_cache: bool = True) -> dict[str, pd.DataFrame]:
        """Every canonical table of the workspace, overlaps resolved (every kind present).

        Equal to :func:`smo_metrics.tables.gather` of the imported files in import order. The
        frames are kept until :meth:`version` changes; each call returns shallow copies
        (copy-on-write: changing one never changes the cache).
        """
        with self._lock:
            with db.read_snapshot(self.engine) as conn:
                version = db.read_version(conn)
                if not (use_cache and self._cache is not None and self._cache[0] == version):
                    query = sa.select(db.import_tables.c.import_id, db.import_tables.c.kind, db.import_tables.c.data)
                    rows = conn.execute(query.order_by(db.import_tables.c.import_id, db.import_tables.c.seq))
                    self._cache = (version, _combine((r.kind, r.data) for r in rows))
            return {k: v.copy(deep=False) for k, v in self._cache[1].items()}

    # -- importing -------------------------------------------------------------------------
    def import_file(
        self,
        source: str | os.PathLike[str] | bytes,
        name: str | None = None,
        by: str | None = None,
        tz: str | None = None,
        today: dt.date | None = None,
        origin: str | None = None,
    ) -> ImportResult:
        """Read one export and store it as one import (one transaction).

        Parameters
        ----------
        source
            A path, or the file's bytes (an upload; give ``name`` then).
        name
            The file name as the user sees it (default: the path's base name).
        by
            Who imports, when known (a login, an e-mail address).
        tz
            Zone for timestamps without one (default: the workspace setting ``tz``).
        today
            The date year-less exports are anchored to (default: today).
        origin
            Where the file came from when it is not the user's own (``"sample"``); see
            :meth:`delete_origin`.

        Returns
        -------
        ImportResult
            ``duplicate`` when the same bytes are already stored (read from the hash before the
            file is parsed); ``failed`` with the reader's message when the file cannot be read.
        """
        if isinstance(source, (bytes, bytearray)):
            data, name = bytes(source), name or "upload"
        else:
            path = Path(source)
            name = name or path.name
            try:
                if path.stat().st_size > Limits().max_file_bytes:
                    read_file(path, name)  # refuses it before reading: the reader's "too big" message
                data = path.read_bytes()
            except OSError as exc:
                return _failed(name, DataError(f"the file cannot be opened ({exc.strerror}).", name))
            except DataError as exc:
                return _failed(name, exc)
        digest = content_hash(data)
        earlier = self._import_row(digest)
        if earlier is not None:
            return _duplicate(name, earlier)
        try:
            result = read_file(data, name, tz=tz or self.setting("tz"), today=today)
        except DataError as exc:
            return _failed(name, exc)
        return self.import_result(result, digest, name, by, size_bytes=len(data), origin=origin)

    def import_result(
        self,
        result: FileResult,
        content_hash: str,
        name: str | None = None,
        by: str | None = None,
        size_bytes: int | None = None,
        origin: str | None = None,
    ) -> ImportResult:
        """Store a file already read with :func:`smo_metrics.ingest.read_file` (read once, preview, import).

        ``content_hash`` is :func:`content_hash` of the file's bytes.
        """
        name = name or result.file
        if not isinstance(content_hash, str) or len(content_hash) != 64:
            raise UsageError("content_hash must be the SHA-256 hex digest of the file's bytes")
        # Encode outside the transaction: the write lock is held only for the inserts.
        blobs = [(t, frames.to_parquet(t.data), frames.to_parquet(t.rejected)) for t in result.tables]
        summary = _summary(result)
        now = dt.datetime.now(dt.UTC)
        try:
            with db.write_transaction(self.engine) as conn:
                earlier = _find_import(conn, content_hash)
                if earlier is not None:
                    raise _Duplicate(earlier)
                new_id = conn.execute(
                    sa.insert(db.imports)
                    .values(
                        file_name=name,
                        content_hash=content_hash,
                        imported_at=now,
                        imported_by=by,
                        status="imported",
                        size_bytes=size_bytes,
                        summary=json.dumps(summary, ensure_ascii=False),
                        origin=origin,
                    )
                    .returning(db.imports.c.id)
                ).scalar_one()
                for seq, (t, data, rejected) in enumerate(blobs):
                    _insert_table(
                        conn,
                        {
                            "import_id": new_id,
                            "seq": seq,
                            "kind": t.kind,
                            "platform": t.platform,
                            "account": t.account,
                            "rows": len(t.data),
                            "rejected_rows": len(t.rejected),
                            "data": data,
                            "rejected": rejected,
                        },
                    )
        except _Duplicate as dup:
            return _duplicate(name, dup.row)
        except sa.exc.IntegrityError:  # the same bytes committed by another writer meanwhile
            row = self._import_row(content_hash)
            if row is None:
                raise
            return _duplicate(name, row)
        counts = tuple(TableCount(t.kind, t.platform, t.account, len(t.data)) for t in result.tables)
        what = ", ".join(f"{c.rows} {c.kind} rows ({c.platform})" for c in counts) or "no tables"
        return ImportResult(
            name,
            "imported",
            int(new_id),
            counts,
            message=f"{name}: imported as #{new_id}: {what}.",
            warnings=tuple(result.warnings),
        )

    def delete_import(self, import_id: int) -> None:
        """Remove an import and exactly the rows it brought (older values come back)."""
        import_id = record_id(import_id)
        with db.write_transaction(self.engine) as conn:
            found = conn.execute(sa.select(db.imports.c.id).where(db.imports.c.id == import_id)).first()
            if found is None:
                raise DataError(f"there is no import #{import_id} (see the list of imports).")
            conn.execute(sa.delete(db.import_tables).where(db.import_tables.c.import_id == import_id))
            conn.execute(sa.delete(db.imports).where(db.imports.c.id == import_id))

    def delete_origin(self, origin: str) -> dict[str, int]:
        """Remove every import, plan and target whose ``origin`` is ``origin`` (one transaction).

        Used to remove the sample workspace in one click without touching the user's own data.
        Returns how many imports, plans and targets were removed.
        """
        if not isinstance(origin, str) or not origin:
            raise UsageError("give the origin to remove, e.g. 'sample'")
        with db.write_transaction(self.engine) as conn:
            ids = [r.id for r in conn.execute(sa.select(db.imports.c.id).where(db.imports.c.origin == origin))]
            if ids:
                conn.execute(sa.delete(db.import_tables).where(db.import_tables.c.import_id.in_(ids)))
                conn.execute(sa.delete(db.imports).where(db.imports.c.id.in_(ids)))
            plans = conn.execute(sa.delete(db.plans).where(db.plans.c.origin == origin)).rowcount
            targets = conn.execute(sa.delete(db.targets).where(db.targets.c.origin == origin)).rowcount
        return {"imports": len(ids), "plans": int(plans or 0), "targets": int(targets or 0)}

    def imports(self) -> pd.DataFrame:
        """One row per import, oldest first (columns: :data:`IMPORT_COLUMNS`)."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(db.imports).order_by(db.imports.c.id)).all()
        records = []
        for r in rows:  # one per import, not per data row
            tables = json.loads(r.summary).get("tables", [])
            mins = [t["date_min"] for t in tables if t.get("date_min")]
            maxs = [t["date_max"] for t in tables if t.get("date_max")]
            records.append(
                {
                    "id": r.id,
                    "file_name": r.file_name,
                    "imported_at": r.imported_at,
                    "imported_by": r.imported_by,
                    "status": r.status,
                    "tables": len(tables),
                    "rows": sum(t["rows"] for t in tables),
                    "rejected_rows": sum(t["rejected_rows"] for t in tables),
                    "platforms": ", ".join(dict.fromkeys(t["platform"] for t in tables)),
                    "kinds": ", ".join(dict.fromkeys(t["kind"] for t in tables)),
                    "accounts": ", ".join(dict.fromkeys(t["account"] for t in tables if t["account"])),
                    "date_min": min(mins) if mins else None,
                    "date_max": max(maxs) if maxs else None,
                    "size_bytes": r.size_bytes,
                    "content_hash": r.content_hash,
                    "origin": r.origin,
                }
            )
        out = pd.DataFrame(records, columns=list(IMPORT_COLUMNS))
        return out.astype(
            {
                "id": "Int64",
                "file_name": "string[pyarrow]",
                "imported_at": "datetime64[ns, UTC]",
                "imported_by": "string[pyarrow]",
                "status": "string[pyarrow]",
                "tables": "Int64",
                "rows": "Int64",
                "rejected_rows": "Int64",
                "platforms": "string[pyarrow]",
                "kinds": "string[pyarrow]",
                "accounts": "string[pyarrow]",
                "date_min": "datetime64[ns]",
                "date_max": "datetime64[ns]",
                "size_bytes": "Int64",
                "content_hash": "string[pyarrow]",
                "origin": "string[pyarrow]",
            }
        )

    def import_info(self, import_id: int) -> dict[str, Any]:
        """One import's record: the ``imports`` columns and its ``summary`` (tables, warnings)."""
        import_id = record_id(import_id)
        with self.engine.connect() as conn:
            r = conn.execute(sa.select(db.imports).where(db.imports.c.id == import_id)).first()
        if r is None:
            raise DataError(f"there is no import #{import_id} (see the list of imports).")
        info = dict(r._mapping)
        info["summary"] = json.loads(info["summary"])
        return info

    def rejected(self, import_id: int) -> pd.DataFrame:
        """The rows an import could not use: ``seq, kind, platform, account, line, reason, values``."""
        import_id = record_id(import_id)
        t = db.import_tables
        with self.engine.connect() as conn:
            if conn.execute(sa.select(db.imports.c.id).where(db.imports.c.id == import_id)).first() is None:
                raise DataError(f"there is no import #{import_id} (see the list of imports).")
            rows = conn.execute(
                sa.select(t.c.seq, t.c.kind, t.c.platform, t.c.account, t.c.rejected)
                .where(t.c.import_id == import_id)
                .order_by(t.c.seq)
            ).all()
        parts = [
            frames.from_parquet(r.rejected).assign(seq=r.seq, kind=r.kind, platform=r.platform, account=r.account)
            for r in rows
        ]
        head = ["seq", "kind", "platform", "account"]
        if not parts:
            return pd.DataFrame({c: pd.Series(dtype="string[pyarrow]") for c in [*head, "line", "reason", "values"]})
        out = pd.concat(parts, ignore_index=True)
        out = out[head + [c for c in out.columns if c not in head]]
        return out.astype(
            {"seq": "Int64", "kind": "string[pyarrow]", "platform": "string[pyarrow]", "account": "string[pyarrow]"}
        )

    def is_empty(self) -> bool:
        """True when the workspace holds no import, plan, target, A/B test or setting."""
        with self.engine.connect() as conn:
            return not any(
                conn.execute(sa.select(sa.literal(1)).select_from(t).limit(1)).first()
                for t in (db.imports, db.plans, db.targets, db.ab_tests, db.settings)
            )

    # -- backup ------------------------------------------------------------------------------
    def backup(self, path: str | os.PathLike[str]) -> dict[str, Any]:
        """Write the whole workspace to a zip of CSV files (see :mod:`smo_metrics.store.backup`)."""
        from smo_metrics.store.backup import write_backup

        return write_backup(self, Path(path))

    def restore(self, path: str | os.PathLike[str], replace: bool = False) -> dict[str, Any]:
        """Load a backup zip into this store, which must be empty unless ``replace`` is true."""
        from smo_metrics.store.backup import restore_backup

        return restore_backup(self, Path(path), replace=replace)

    # -- helpers ---------------------------------------------------------------------------
    def _import_row(self, digest: str) -> Any:
        with self.engine.connect() as conn:
            return _find_import(conn, digest)


class _Duplicate(Exception):
    def __init__(self, row: sa.Row[Any]):
        self.row = row


def _find_import(conn: sa.Connection, digest: str) -> Any:
    """The ``imports`` row (id, file_name, imported_at, summary) holding ``digest``, or None."""
    i = db.imports
    query = sa.select(i.c.id, i.c.file_name, i.c.imported_at, i.c.summary).where(i.c.content_hash == digest)
    return conn.execute(query).first()


def _failed(name: str, exc: DataError) -> ImportResult:
    return ImportResult(name, "failed", error=str(exc), message=str(exc))


def _duplicate(name: str, row: sa.Row[Any]) -> ImportResult:
    tables = tuple(
        TableCount(t["kind"], t["platform"], t["account"], t["rows"]) for t in json.loads(row.summary)["tables"]
    )
    when = row.imported_at.strftime("%Y-%m-%d %H:%M UTC")
    return ImportResult(
        name,
        "duplicate",
        int(row.id),
        tables,
        message=f"{name}: already imported as #{row.id} ({row.file_name}, {when}); nothing changed.",
    )


def _summary(result: FileResult) -> dict[str, Any]:
    return {"tables": [_table_summary(seq, t) for seq, t in enumerate(result.tables)], "warnings": result.warnings}


def _table_summary(seq: int, t: Table) -> dict[str, Any]:
    lo, hi = t.date_range()
    return {
        "seq": seq,
        "kind": t.kind,
        "platform": t.platform,
        "account": t.account,
        "rows": len(t.data),
        "rejected_rows": len(t.rejected),
        "date_min": lo.isoformat() if lo else None,
        "date_max": hi.isoformat() if hi else None,
        "warnings": list(t.warnings),
        "unmapped_columns": list(t.unmapped_columns),
        "source": t.source,
        "reader": t.reader,
        "assumed_tz": t.assumed_tz,
    }


def _combine(blobs: Iterable[tuple[str, bytes]]) -> dict[str, pd.DataFrame]:
    """Canonical frames from ``(kind, parquet)`` in import order (then table order within one).

    The same steps as :func:`smo_metrics.tables.gather`: every stored table is its own source,
    so two members of one zip that share a natural key merge as they do when read side by side.
    """
    from smo_metrics.tables import newest_wins

    parts: dict[str, list[pd.DataFrame]] = {k: [] for k in schema.KINDS}
    for order, (kind, blob) in enumerate(blobs):
        if kind not in parts:
            raise DataError(f"the store holds a table of unknown kind {kind!r}; is this dashboard too old?")
        parts[kind].append(frames.from_parquet(blob).assign(_order=order))
    out: dict[str, pd.DataFrame] = {}
    for kind, found in parts.items():
        if not found:
            out[kind] = schema.empty_frame(kind)
            continue
        frame = pd.concat(found, ignore_index=True) if len(found) > 1 else found[0]
        if len(found) > 1:
            frame = newest_wins(frame, kind)
        out[kind] = schema.conform(kind, frame.drop(columns="_order"))
    return out
