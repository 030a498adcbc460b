"""What a file holds, as plain data: the shape behind ``python -m smo_metrics inspect``.

The Data page shows the same dictionaries, so the CLI and the dashboard agree.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from typing import Any

from smo_metrics.errors import DataError
from smo_metrics.ingest import DEFAULT_TZ, FileResult, Table, read_file


def describe_table(table: Table) -> dict[str, Any]:
    """One table as the JSON object documented for ``inspect --json``."""
    lo, hi = table.date_range()
    totals = {k: (v if math.isfinite(v) else None) for k, v in table.totals().items()}
    return {
        "kind": table.kind,
        "platform": table.platform,
        "account": table.account,
        "source": table.source,
        "rows": table.rows,
        "rejected_rows": len(table.rejected),
        "date_min": lo.isoformat() if lo else None,
        "date_max": hi.isoformat() if hi else None,
        "columns": [str(c) for c in table.data.columns],
        "unmapped_columns": list(table.unmapped_columns),
        "totals": totals,
        "warnings": list(table.warnings),
    }


def describe_result(result: FileResult) -> dict[str, Any]:
    """A successfully read file as the ``inspect --json`` object."""
    tables = [describe_table(t) for t in result.tables]
    for w in result.warnings:
        if tables:
            tables[0]["warnings"].append(w)
    return {"file": result.file, "ok": True, "error": None, "tables": tables}


def inspect_file(
    source: str | os.PathLike[str] | bytes,
    name: str | None = None,
    *,
    tz: str = DEFAULT_TZ,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Read a file and describe it; a file we cannot read gives ``ok: False`` and the error."""
    label = name or (os.fspath(source) if not isinstance(source, (bytes, bytearray)) else "upload")
    try:
        described = describe_result(read_file(source, name, tz=tz, today=today))
        described["file"] = label
        return described
    except DataError as exc:
        return {"file": label, "ok": False, "error": str(exc), "tables": []}
