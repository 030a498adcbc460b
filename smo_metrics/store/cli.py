"""The store's commands for ``python -m smo_metrics`` (wired in by :mod:`smo_metrics.cli`).

- ``import [--json] [--db URL] [--by NAME] [--tz ZONE] FILE...``: per file ``import_id``, ``status``
  (``imported`` | ``duplicate`` | ``failed``), ``tables`` with rows, ``error``. Exit 1 when a file failed.
- ``imports [--json] [--db URL]``: every import, oldest first.
- ``delete-import [--json] [--db URL] ID``: remove an import and exactly what it brought.
- ``backup [--json] [--db URL] --out FILE.zip``: the whole workspace as a zip of CSV files.
- ``restore [--json] [--db URL] [--replace] FILE.zip``: into an empty workspace (or replace it).

Without ``--db`` the store is ``$SMO_DB_URL``, else the SQLite file in the user's data folder.
Errors print one line on stderr and exit 1, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from typing import Any, Final

import pandas as pd

from smo_metrics.errors import DataError, UsageError
from smo_metrics.store import Store, open_store

COMMANDS: Final = ("import", "imports", "delete-import", "backup", "restore")


def add_parsers(sub: Any) -> None:
    """Add the store's sub-commands to the ``add_subparsers()`` object of the main parser."""
    imp = sub.add_parser("import", help="import export files into the workspace")
    _common(imp)
    imp.add_argument("--by", default=None, help="who imports (default: the login name)")
    imp.add_argument("--tz", default=None, help="zone for timestamps without one (default: the workspace's)")
    imp.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    imp.add_argument("files", nargs="+", metavar="FILE")

    _common(sub.add_parser("imports", help="list the workspace's imports"))

    dele = sub.add_parser("delete-import", help="delete an import and exactly the rows it brought")
    _common(dele)
    dele.add_argument("import_id", type=int, metavar="ID")

    bak = sub.add_parser("backup", help="write the whole workspace to a zip of CSV files")
    _common(bak)
    bak.add_argument("--out", required=True, metavar="FILE.zip")

    res = sub.add_parser("restore", help="restore a workspace backup (into an empty workspace)")
    _common(res)
    res.add_argument("--replace", action="store_true", help="replace everything the workspace holds")
    res.add_argument("backup_file", metavar="FILE.zip")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--db", default=None, metavar="URL", help="database URL (default: $SMO_DB_URL or the local file)")


def run(args: argparse.Namespace) -> int:
    """Run one of :data:`COMMANDS`; returns the exit status."""
    try:
        store = open_store(args.db)
        try:
            return _COMMANDS[args.command](store, args)
        finally:
            store.close()
    except (DataError, UsageError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # the backup cannot be written, the file cannot be read
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1


def tables_and_tz_from_db(url: str | None) -> tuple[dict[str, pd.DataFrame], str]:
    """The canonical tables of the workspace at ``url`` and its time zone (``summary --db`` and friends)."""
    store = open_store(url)
    try:
        return store.load(), str(store.setting("tz"))
    finally:
        store.close()


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=_jsonable)
    sys.stdout.write("\n")


def _jsonable(v: Any) -> Any:
    if isinstance(v, (pd.Timestamp, dt.date)):
        return v.isoformat()
    if v is pd.NA or v is pd.NaT:
        return None
    if hasattr(v, "item"):
        return v.item()
    raise TypeError(f"not JSON serialisable: {v!r}")


def _login() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return None


def _import(store: Store, args: argparse.Namespace) -> int:
    by = args.by or _login()
    results = [store.import_file(f, by=by, tz=args.tz, today=args.today) for f in args.files]
    if args.json:
        _print_json([r.to_dict() for r in results])
    else:
        marks = {"imported": "✓", "duplicate": "=", "failed": "✗"}
        for r in results:
            print(f"{marks[r.status]} {r.message}")
    return 1 if any(r.status == "failed" for r in results) else 0


def _imports(store: Store, args: argparse.Namespace) -> int:
    frame = store.imports()
    if args.json:
        out = []
        for rec in frame.to_dict("records"):
            info = store.import_info(int(rec["id"]))
            tables = [
                {k: t[k] for k in ("kind", "platform", "account", "rows", "rejected_rows", "date_min", "date_max")}
                for t in info["summary"]["tables"]
            ]
            out.append(
                {
                    "id": int(rec["id"]),
                    "file_name": rec["file_name"],
                    "imported_at": info["imported_at"].isoformat(),
                    "imported_by": info["imported_by"],
                    "status": rec["status"],
                    "rows": int(rec["rows"]),
                    "rejected_rows": int(rec["rejected_rows"]),
                    "tables": tables,
                    "content_hash": rec["content_hash"],
                }
            )
        _print_json(out)
        return 0
    if frame.empty:
        print("No imports yet.")
        return 0
    for rec in frame.to_dict("records"):
        span = f"{rec['date_min']:%Y-%m-%d} … {rec['date_max']:%Y-%m-%d}" if pd.notna(rec["date_min"]) else "no dates"
        who = f" by {rec['imported_by']}" if pd.notna(rec["imported_by"]) else ""
        print(
            f"#{rec['id']:<5} {rec['imported_at']:%Y-%m-%d %H:%M} UTC{who}  {rec['file_name']}\n"
            f"       {rec['kinds']} ({rec['platforms']}) {rec['rows']} rows, {rec['rejected_rows']} rejected, {span}"
        )
    return 0


def _delete(store: Store, args: argparse.Namespace) -> int:
    info = store.import_info(args.import_id)
    store.delete_import(args.import_id)
    if args.json:
        _print_json({"deleted": args.import_id, "file_name": info["file_name"]})
    else:
        print(f"Deleted import #{args.import_id} ({info['file_name']}).")
    return 0


def _backup(store: Store, args: argparse.Namespace) -> int:
    manifest = store.backup(args.out)
    counts = {
        "file": args.out,
        "imports": len(manifest["imports"]),
        "tables": sum(len(i["tables"]) for i in manifest["imports"]),
        "rows": sum(t["rows"] for i in manifest["imports"] for t in i["tables"]),
    }
    if args.json:
        _print_json(counts)
    else:
        print(f"Wrote {args.out}: {counts['imports']} imports, {counts['tables']} tables, {counts['rows']} rows.")
    return 0


def _restore(store: Store, args: argparse.Namespace) -> int:
    counts = store.restore(args.backup_file, replace=args.replace)
    if args.json:
        _print_json({"file": args.backup_file, **counts})
    else:
        print(
            f"Restored {args.backup_file}: {counts['imports']} imports ({counts['rows']} rows), "
            f"{counts['plans']} plans, {counts['targets']} targets, {counts['ab_tests']} A/B tests, "
            f"{counts['mappings']} column mappings."
        )
    return 0


_COMMANDS: Final = {
    "import": _import,
    "imports": _imports,
    "delete-import": _delete,
    "backup": _backup,
    "restore": _restore,
}
