"""Backup: the whole workspace as a zip of CSV files, and restore from it.

Layout of the zip::

    manifest.json                      format, the imports with their tables, and for every CSV
                                       its path, row count and column dtypes
    imports/<id>/<kind>-<seq>.csv      the canonical table an import brought (unmapped columns too)
    imports/<id>/<kind>-<seq>.rejected.csv   the rows it could not use
    settings.csv, plans.csv, targets.csv, ab_tests.csv

The CSV conventions (quoting, missing versus empty text, formula-looking text) are those of
:mod:`smo_metrics.store.frames`; the manifest's dtypes let restore rebuild every column exactly,
so :meth:`Store.load` gives equal frames before the backup and after the restore. Restore keeps
the import ids (so the newest-wins order) and runs as one transaction: a damaged backup leaves
the store as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import sqlalchemy as sa

from smo_metrics.errors import DataError
from smo_metrics.store import db, frames
from smo_metrics.store.records import frame_records, table_frame

if TYPE_CHECKING:
    from smo_metrics.store.workspace import Store

FORMAT: Final = "smo-dashboard-workspace"
FORMAT_VERSION: Final = 1
RECORD_TABLES: Final = (db.settings, db.plans, db.targets, db.ab_tests, db.mappings)


def write_backup(store: Store, path: Path) -> dict[str, Any]:
    """Write ``store`` to the zip ``path`` (replaced atomically) and return the manifest."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".backup-", suffix=".zip", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            manifest = _write_members(store, zf)
            zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return manifest


def _write_members(store: Store, zf: zipfile.ZipFile) -> dict[str, Any]:
    t = db.import_tables
    with db.read_snapshot(store.engine) as conn:
        version = db.read_version(conn)
        imports = []
        for r in conn.execute(sa.select(db.imports).order_by(db.imports.c.id)).all():
            imports.append(
                {
                    "id": r.id,
                    "file_name": r.file_name,
                    "content_hash": r.content_hash,
                    "imported_at": r.imported_at.isoformat(),
                    "imported_by": r.imported_by,
                    "status": r.status,
                    "size_bytes": r.size_bytes,
                    "summary": json.loads(r.summary),
                    "tables": [],
                }
            )
        by_id = {i["id"]: i for i in imports}
        # One table at a time: a large workspace never sits in memory as CSV all at once.
        for r in conn.execute(sa.select(t).order_by(t.c.import_id, t.c.seq)):
            stem = f"imports/{r.import_id}/{r.kind}-{r.seq}"
            by_id[r.import_id]["tables"].append(
                {
                    "seq": r.seq,
                    "kind": r.kind,
                    "platform": r.platform,
                    "account": r.account,
                    "rows": r.rows,
                    "rejected_rows": r.rejected_rows,
                    "data": _write_csv(zf, f"{stem}.csv", frames.from_parquet(r.data)),
                    "rejected": _write_csv(zf, f"{stem}.rejected.csv", frames.from_parquet(r.rejected)),
                }
            )
        records = {table.name: _write_csv(zf, f"{table.name}.csv", table_frame(conn, table)) for table in RECORD_TABLES}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "store_version": version,
        "imports": imports,
        "records": records,
    }


def _write_csv(zf: zipfile.ZipFile, name: str, frame: Any) -> dict[str, Any]:
    data, columns = frames.frame_to_csv(frame)
    zf.writestr(name, data)
    return {"path": name, "rows": len(frame), "columns": columns}


def restore_backup(store: Store, path: Path, replace: bool = False) -> dict[str, Any]:
    """Load the backup zip ``path`` into ``store`` in one transaction.

    The store must be empty unless ``replace`` is true (then everything in it is replaced).
    Returns counts: ``imports``, ``tables``, ``rows`` and one per record table.
    """
    if not replace and not store.is_empty():
        raise DataError(
            "the workspace is not empty: restore only into an empty workspace, or replace its contents "
            "(--replace on the command line)."
        )
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise DataError(f"{path.name}: the file does not exist.") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise DataError(f"{path.name}: not a workspace backup (not a readable zip: {exc}).") from None
    with zf:
        manifest = _manifest(zf, path.name)
        import_rows, table_rows = _decode_imports(zf, manifest, path.name)
        record_rows = {
            table.name: frame_records(_read_csv(zf, manifest["records"].get(table.name), path.name), table)
            for table in RECORD_TABLES
        }
    with db.write_transaction(store.engine) as conn:
        if replace:
            for table in (db.import_tables, db.imports, *RECORD_TABLES):
                conn.execute(sa.delete(table))
        elif any(conn.execute(sa.select(sa.literal(1)).select_from(t).limit(1)).first() for t in RECORD_TABLES):
            raise DataError("the workspace is not empty (changed while the backup was read): nothing restored.")
        elif conn.execute(sa.select(sa.literal(1)).select_from(db.imports).limit(1)).first():
            raise DataError("the workspace is not empty (changed while the backup was read): nothing restored.")
        if import_rows:
            conn.execute(sa.insert(db.imports), import_rows)
        for row in table_rows:  # one statement per table: blobs can be large
            conn.execute(sa.insert(db.import_tables), row)
        for table in RECORD_TABLES:
            if record_rows[table.name]:
                conn.execute(sa.insert(table), record_rows[table.name])
        db.reset_id_sequences(conn)
    return {
        "imports": len(import_rows),
        "tables": len(table_rows),
        "rows": sum(int(r["rows"]) for r in table_rows),
        **{name: len(rows) for name, rows in record_rows.items()},
    }


def _manifest(zf: zipfile.ZipFile, name: str) -> dict[str, Any]:
    try:
        manifest = json.loads(zf.read("manifest.json"))
    except KeyError:
        raise DataError(f"{name}: not a workspace backup (no manifest.json inside).") from None
    except (ValueError, zipfile.BadZipFile) as exc:
        raise DataError(f"{name}: the manifest cannot be read ({exc}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise DataError(f"{name}: not a workspace backup (manifest format is not {FORMAT!r}).")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise DataError(
            f"{name}: backup format version {manifest.get('format_version')!r}; this dashboard reads "
            f"version {FORMAT_VERSION}."
        )
    return manifest


def _read_csv(zf: zipfile.ZipFile, entry: dict[str, Any] | None, name: str) -> Any:
    if not entry:
        raise DataError(f"{name}: the manifest does not list every part of the workspace.")
    where = f"{name}: {entry['path']}"
    try:
        data = zf.read(entry["path"])
    except KeyError:
        raise DataError(f"{where} is missing from the backup.") from None
    except (zipfile.BadZipFile, OSError, ValueError) as exc:  # CRC errors, truncated members
        raise DataError(f"{where} cannot be read ({exc}).") from None
    frame = frames.frame_from_csv(data, entry["columns"], where)
    if len(frame) != entry["rows"]:
        raise DataError(f"{where} holds {len(frame)} rows; the manifest says {entry['rows']}.")
    return frame


def _decode_imports(
    zf: zipfile.ZipFile, manifest: dict[str, Any], name: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    import_rows: list[dict[str, Any]] = []
    table_rows: list[dict[str, Any]] = []
    try:
        for imp in manifest["imports"]:
            import_rows.append(
                {
                    "id": int(imp["id"]),
                    "file_name": imp["file_name"],
                    "content_hash": imp["content_hash"],
                    "imported_at": dt.datetime.fromisoformat(imp["imported_at"]),
                    "imported_by": imp["imported_by"],
                    "status": imp["status"],
                    "size_bytes": imp["size_bytes"],
                    "summary": json.dumps(imp["summary"], ensure_ascii=False),
                }
            )
            for t in imp["tables"]:
                data = _read_csv(zf, t["data"], name)
                rejected = _read_csv(zf, t["rejected"], name)
                table_rows.append(
                    {
                        "import_id": int(imp["id"]),
                        "seq": int(t["seq"]),
                        "kind": t["kind"],
                        "platform": t["platform"],
                        "account": t["account"],
                        "rows": len(data),
                        "rejected_rows": len(rejected),
                        "data": frames.to_parquet(data),
                        "rejected": frames.to_parquet(rejected),
                    }
                )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"{name}: the manifest is incomplete or damaged ({exc!r}).") from None
    ids = [r["id"] for r in import_rows]
    hashes = [r["content_hash"] for r in import_rows]
    if len(set(ids)) != len(ids) or len(set(hashes)) != len(hashes):
        raise DataError(f"{name}: the manifest lists an import twice.")
    return import_rows, table_rows
