"""``python -m smo_metrics inspect``: the stable JSON contract and exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from smo_metrics.cli import main
from tests.ingest._real import real

ROOT = Path(__file__).resolve().parents[1]


def test_inspect_json_contract(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    good = real("x/maurojpelle-2026-05-25-to-2026-08-22.csv")
    bad = tmp_path / "notes.csv"
    bad.write_text("a,b\n1,2\n")
    code = main(["inspect", "--json", "--today", "2026-11-22", str(good), str(bad)])
    out = json.loads(capsys.readouterr().out)
    assert code == 1  # one file could not be read
    assert [r["file"] for r in out] == [str(good), str(bad)]
    ok, err = out
    assert ok["ok"] is True and ok["error"] is None
    (t,) = ok["tables"]
    assert set(t) >= {
        "kind",
        "platform",
        "account",
        "rows",
        "rejected_rows",
        "date_min",
        "date_max",
        "columns",
        "unmapped_columns",
        "totals",
        "warnings",
    }
    assert (t["kind"], t["platform"], t["rows"], t["rejected_rows"]) == ("posts", "x", 377, 0)
    assert (t["date_min"], t["date_max"]) == ("2026-05-26", "2026-08-22")
    assert t["totals"]["impressions"] == 16105
    assert err["ok"] is False and "a, b" in err["error"] and err["tables"] == []


def test_inspect_text_and_exit_zero_as_a_process() -> None:
    f = real("instagram/May-25-2026_Jun-21-2026_1493633672508178.csv")
    proc = subprocess.run(
        [sys.executable, "-m", "smo_metrics", "inspect", str(f)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert "instagram" in proc.stdout and "21 rows" in proc.stdout
    assert "Traceback" not in proc.stderr
