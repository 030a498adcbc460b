"""Command line: ``python -m smo_metrics inspect [--json] FILE...``.

The output shape is stable (other tools read it): see ``README.md``. Exit status 0 when
every file was read, 1 otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import Any

from smo_metrics.ingest import DEFAULT_TZ
from smo_metrics.inspect import inspect_file


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m smo_metrics", description="Social media export tools.")
    sub = p.add_subparsers(dest="command", required=True)
    ins = sub.add_parser("inspect", help="say what each export file holds")
    ins.add_argument("--json", action="store_true", help="print one JSON list, an object per file")
    ins.add_argument("--tz", default=DEFAULT_TZ, help="time zone for timestamps without one (IANA name)")
    ins.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    ins.add_argument("files", nargs="+", metavar="FILE")
    return p


def _table_text(results: list[dict[str, Any]]) -> str:
    lines = []
    for r in results:
        if not r["ok"]:
            lines.append(f"✗ {r['file']}\n    {r['error']}")
            continue
        lines.append(f"✓ {r['file']}")
        for t in r["tables"]:
            span = f"{t['date_min']} … {t['date_max']}" if t["date_min"] else "no dates"
            acct = t["account"] or "account unknown"
            lines.append(
                f"    {t['platform']:<16} {t['kind']:<17} {acct:<24} {t['rows']:>8} rows"
                f"  {t['rejected_rows']:>5} rejected  {span}"
            )
            if t["unmapped_columns"]:
                lines.append(
                    f"        unmapped: {', '.join(t['unmapped_columns'][:12])}"
                    + (" …" if len(t["unmapped_columns"]) > 12 else "")
                )
            for w in t["warnings"]:
                lines.append(f"        ! {w}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "inspect":
        results = [inspect_file(f, tz=args.tz, today=args.today) for f in args.files]
        if args.json:
            json.dump(results, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            print(_table_text(results))
        return 0 if all(r["ok"] for r in results) else 1
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
