"""``python -m smo_metrics inspect``: the stable JSON contract and exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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


def test_abtest_and_samplesize_json(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["abtest", "--json", "--a", "200/1000", "--b", "250/1000"]) == 0
    out = json.loads(capsys.readouterr().out)
    # Pooled z by hand: p = 450/2000 = 0.225; se = sqrt(0.225*0.775*(2/1000)) = 0.018674;
    # z = 0.05/0.018674 = 2.6775; two-sided p = 0.00742.
    assert out["p_value"] == pytest.approx(0.00742, abs=5e-5)
    assert (out["test"], out["significant"]) == ("z", True)
    assert set(out) == {
        "rate_a",
        "rate_b",
        "lift_abs",
        "lift_rel",
        "ci_low",
        "ci_high",
        "p_value",
        "test",
        "significant",
        "chance_b_beats_a",
        "srm_p_value",
        "verdict",
    }
    assert main(["samplesize", "--json", "--baseline", "0.10", "--mde", "0.02"]) == 0
    assert json.loads(capsys.readouterr().out) == {"n_per_arm": 3835}


def test_bad_arguments_give_a_message_not_a_traceback(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["abtest", "--a", "5/3", "--b", "1/2"]) == 1
    assert "count <= nobs" in capsys.readouterr().err


def test_primetime_json_has_168_cells(capsys) -> None:  # type: ignore[no-untyped-def]
    f = real("instagram/May-25-2026_Jun-21-2026_1493633672508178.csv")
    assert main(["primetime", "--json", "--today", "2026-11-22", str(f)]) == 0
    cells = json.loads(capsys.readouterr().out)
    assert len(cells) == 168 and sum(c["posts"] for c in cells) == 20  # 21 posts, one without reach
    assert set(cells[0]) >= {"weekday", "hour", "posts", "mean", "ci_low", "ci_high", "shrunk", "untested"}


def test_summary_json_runs_as_a_process() -> None:
    f = real("tiktok/FollowerHistory.csv")
    proc = subprocess.run(
        [sys.executable, "-m", "smo_metrics", "summary", "--json", "--today", "2026-11-22", str(f)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["all"]["followers_end"] == 5013
