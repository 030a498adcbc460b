"""Command line: ``python -m smo_metrics COMMAND``.

- ``inspect [--json] FILE...``: what each export holds (exit 1 when a file cannot be read).
- ``summary [--json] [--tz ZONE] [--from DATE] [--to DATE] (FILE... | --db URL)``: headline numbers.
- ``abtest [--json] --a S/T --b S/T [--alpha A] [--alternative ...] [--expected-split P]``.
- ``samplesize [--json] --baseline RATE --mde ABS_DIFF [--alpha A] [--power P]``.
- ``primetime [--json] [--tz ZONE] [--metric NAME] (FILE... | --db URL)``: the 7x24 grid.
- ``import``, ``imports``, ``delete-import``, ``backup``, ``restore``: the workspace store
  (:mod:`smo_metrics.store.cli`).

``summary`` and ``primetime`` read the given files, or with ``--db URL`` the workspace's
stored data (then ``--tz`` defaults to the workspace's time zone).

The JSON shapes are stable (other tools read them): see ``README.md``. A bad argument or an
unreadable file gives a one-line message on stderr and exit status 1 (2 for usage errors),
never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import Any

from smo_metrics.errors import DataError, UsageError
from smo_metrics.ingest import DEFAULT_TZ, read_file
from smo_metrics.inspect import inspect_file
from smo_metrics.store import cli as store_cli


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m smo_metrics", description="Social media export tools.")
    sub = p.add_subparsers(dest="command", required=True)
    ins = sub.add_parser("inspect", help="say what each export file holds")
    ins.add_argument("--json", action="store_true", help="print one JSON list, an object per file")
    ins.add_argument("--tz", default=DEFAULT_TZ, help="time zone for timestamps without one (IANA name)")
    ins.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    ins.add_argument("files", nargs="+", metavar="FILE")

    summ = sub.add_parser("summary", help="headline numbers per platform, ads per currency, best slots")
    summ.add_argument("--json", action="store_true")
    summ.add_argument("--tz", default=None, help=f"workspace time zone (default: the workspace's, else {DEFAULT_TZ})")
    summ.add_argument("--db", default=None, metavar="URL", help="read the workspace's stored data instead of files")
    summ.add_argument("--from", dest="start", type=dt.date.fromisoformat, default=None, metavar="DATE")
    summ.add_argument("--to", dest="end", type=dt.date.fromisoformat, default=None, metavar="DATE")
    summ.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    summ.add_argument("files", nargs="*", metavar="FILE")

    ab = sub.add_parser("abtest", help="compare two rates (successes/trials)")
    ab.add_argument("--json", action="store_true")
    ab.add_argument("--a", required=True, type=_arm, metavar="SUCCESSES/TRIALS")
    ab.add_argument("--b", required=True, type=_arm, metavar="SUCCESSES/TRIALS")
    ab.add_argument("--alpha", type=float, default=0.05)
    ab.add_argument("--alternative", choices=("two-sided", "larger", "smaller"), default="two-sided")
    ab.add_argument("--expected-split", type=float, default=0.5, help="planned share of trials for A")

    ss = sub.add_parser("samplesize", help="trials needed per arm to detect a difference")
    ss.add_argument("--json", action="store_true")
    ss.add_argument("--baseline", required=True, type=float, help="current rate, e.g. 0.10")
    ss.add_argument("--mde", required=True, type=float, help="absolute difference to detect, e.g. 0.02")
    ss.add_argument("--alpha", type=float, default=0.05)
    ss.add_argument("--power", type=float, default=0.8)

    pt = sub.add_parser("primetime", help="weekday x hour grid of post results")
    pt.add_argument("--json", action="store_true")
    pt.add_argument("--tz", default=None, help=f"workspace time zone (default: the workspace's, else {DEFAULT_TZ})")
    pt.add_argument("--db", default=None, metavar="URL", help="read the workspace's stored data instead of files")
    pt.add_argument("--metric", default="engagement_rate_by_reach")
    pt.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    pt.add_argument("files", nargs="*", metavar="FILE")
    store_cli.add_parsers(sub)
    return p


def _arm(text: str) -> tuple[int, int]:
    try:
        s, t = text.split("/")
        return int(s), int(t)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected SUCCESSES/TRIALS such as 120/4000, got {text!r}") from None


def _source(args: argparse.Namespace) -> dict[str, Any]:
    """The canonical tables of ``args.files`` or of the workspace ``args.db``; settles ``args.tz``."""
    if args.db is not None and args.files:
        raise UsageError("give export files or --db URL, not both")
    if args.db is not None:
        tables, tz = store_cli.tables_and_tz_from_db(args.db)
        args.tz = args.tz or tz
        return tables
    if not args.files:
        raise UsageError("give the export files to read, or --db URL for a workspace")
    args.tz = args.tz or DEFAULT_TZ
    return _tables(args.files, args.tz, args.today)


def _tables(files: Sequence[str], tz: str, today: dt.date | None) -> dict[str, Any]:
    from smo_metrics.tables import gather

    results = []
    for f in files:
        try:
            results.append(read_file(f, tz=tz, today=today))
        except DataError as exc:
            raise SystemExit(f"error: {exc}") from None
    return gather(results)


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.2f}%"


def _num(v: float | None) -> str:
    return "—" if v is None else f"{v:,.0f}"


def _summary_text(s: dict[str, Any]) -> str:
    lines = [f"Period {s['period']['from']} … {s['period']['to']} ({s['tz']})", ""]
    head = f"{'platform':<17}{'posts':>7}{'reach':>13}{'impressions':>13}{'engagements':>13}{'ER reach':>10}{'ER impr.':>10}{'followers':>12}{'growth':>11}"
    lines.append(head)
    for r in [*s["platforms"], s["all"]]:
        lines.append(
            f"{r['platform']:<17}{r['posts']:>7}{_num(r['reach']):>13}{_num(r['impressions']):>13}"
            f"{_num(r['engagements']):>13}{_pct(r['engagement_rate_by_reach']):>10}"
            f"{_pct(r['engagement_rate_by_impressions']):>10}{_num(r['followers_end']):>12}"
            f"{_pct(r['follower_growth_rate']):>11}"
        )
    if s["ads"]:
        lines += ["", f"{'ads':<10}{'currency':<9}{'spend':>16}{'CTR':>8}{'CPC':>12}{'CPM':>12}{'ROAS':>8}{'ROI':>9}"]
        for a in s["ads"]:
            roas = "—" if a["roas"] is None else f"{a['roas']:.2f}"
            lines.append(
                f"{a['platform']:<10}{a['currency']:<9}{_num(a['spend']):>16}{_pct(a['ctr']):>8}"
                f"{_num(a['cpc']):>12}{_num(a['cpm']):>12}{roas:>8}{_pct(a['roi']):>9}"
            )
    if s["prime_time"]:
        lines += ["", "Best slots:"] + [f"  {r['rank']}. {r['evidence']}" for r in s["prime_time"]]
    return "\n".join(lines)


def _jsonable(v: Any) -> Any:
    import math

    import pandas as pd

    if v is None:
        return None
    if isinstance(v, (pd.Timestamp, dt.date)):
        return v.isoformat()
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return v


def _run(args: argparse.Namespace) -> int:
    if args.command == "summary":
        from smo_metrics.summary import summarize

        tables = _source(args)
        s = summarize(tables, args.start, args.end, args.tz)
        print(json.dumps(s, ensure_ascii=False, indent=2, default=_jsonable) if args.json else _summary_text(s))
        return 0
    if args.command == "abtest":
        from smo_metrics.abtest import ProportionArm, compare_proportions

        r = compare_proportions(
            ProportionArm(args.a[0], args.a[1]),
            ProportionArm(args.b[0], args.b[1]),
            alpha=args.alpha,
            alternative=args.alternative,
            expected_split=args.expected_split,
        )
        fields = (
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
        )
        out = {f: _jsonable(getattr(r, f)) for f in fields}
        if args.json:
            print(json.dumps(out, ensure_ascii=False, indent=2))
        else:
            for f in fields[:-1]:
                print(f"{f:<18}{out[f]}")
            print(f"\n{r.verdict}")
        return 0
    if args.command == "samplesize":
        from smo_metrics.abtest import sample_size_per_arm

        n = sample_size_per_arm(args.baseline, args.mde, alpha=args.alpha, power=args.power)
        print(json.dumps({"n_per_arm": n}) if args.json else f"n_per_arm {n}")
        return 0
    if args.command == "primetime":
        from smo_metrics import timing

        posts = _source(args)["posts"]
        grid = timing.prime_time_grid(posts, tz=args.tz, metric=args.metric)
        cells = [{k: _jsonable(v) for k, v in r.items()} for r in grid.to_dict("records")]
        if args.json:
            print(json.dumps(cells, ensure_ascii=False, indent=1))
        else:
            best = timing.best_slots(grid, n=3)
            print(
                f"{grid.attrs.get('posts_without_hour', 0)} posts have no posting hour (their export gives dates only)."
            )
            for slot in best.to_dict("records"):
                print(f"{slot['rank']}. {slot['evidence']}")
        return 0
    return 2


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
    if args.command in store_cli.COMMANDS:
        return store_cli.run(args)
    if args.command != "inspect":
        try:
            return _run(args)
        except (UsageError, DataError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
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
