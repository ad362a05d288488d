"""Measuring the dashboard: bench (build, scoring, queries, pages, reports, imports) and loadtest (sessions at once)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kpi.cli.common import add_db


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bench", help="time the build, the scoring and the pages' queries")
    p.add_argument("--scope", choices=("seeds", "provinces", "national"), default="provinces")
    p.add_argument("--db", type=Path, default=None, help="database to use (default: data/bench-SCOPE.duckdb)")
    p.add_argument("--repeat", type=int, default=20, help="runs per query (default: 20)")
    p.add_argument("--rebuild", action="store_true", help="rebuild even if a database of that scope exists")
    p.add_argument("--pages", action="store_true", help="also time each page's render and rerun after a filter change")
    p.add_argument("--reports", action="store_true",
                   help="also time the PDF scorecards: one commune (in process and from the command line) and all of Hải Phòng (31)")
    p.add_argument("--extract", action="store_true",
                   help="also extract the five seed plans and measure recall and precision against data/plans and data/tasks")
    p.add_argument("--import-rows", type=int, default=0, metavar="N",
                   help="also time validating and importing a generated report of N rows (e.g. 1000000)")
    p.add_argument("--writes", action="store_true",
                   help="writes at scale instead (tools.bench_writes): --processes imports of 10 values at once, the publication "
                        "after them, one import, a page's writes, the snapshot's size after --more-writes writes")
    p.add_argument("--processes", type=int, default=100, metavar="N", help="with --writes: importing processes at once (default 100)")
    p.add_argument("--more-writes", type=int, default=500, metavar="N", help="with --writes: writes before the size check (default 500)")
    p.add_argument("--records-url", default=None, metavar="URL",
                   help="with --writes: the store of record, postgresql://… (default: KPI_RECORDS_URL if set, else SQLite "
                        "beside the database); the import processes inherit it")

    p = sub.add_parser("loadtest", help="many browser sessions on the dashboard at once (loopback only), optionally with an import")
    p.add_argument("--url", default=None,
                   help="the running dashboard, e.g. http://127.0.0.1:8501 (loopback only; default: start one on a free port)")
    p.add_argument("--sessions", type=int, default=5, metavar="N", help="concurrent browser sessions (default: 5)")
    p.add_argument("--seconds", type=float, default=60, metavar="S", help="how long the sessions run (default: 60)")
    p.add_argument("--import-at", nargs=2, default=None, metavar=("T", "FILE"),
                   help="run `python -m kpi import FILE --db DB` T seconds into the run; every session must then see it")
    p.add_argument("--browsers", type=int, default=None, metavar="K",
                   help="how many of the sessions drive Debian's chromium (default: all); the others speak Streamlit's "
                        "websocket protocol, the same requests without drawing (many sessions on few cores)")
    p.add_argument("--more-imports", type=int, default=0, metavar="N",
                   help="with --import-at: N more `python -m kpi import` processes started with it (10 values each, a "
                        "commune each), as a quarter's end brings them; their outcome is reported")
    p.add_argument("--import-through", choices=("cli", "page"), default="cli",
                   help="how --import-at imports: `python -m kpi import` (default), or the import page in a browser")
    p.add_argument("--think", type=float, default=0.5, metavar="S",
                   help="mean pause of a session between steps, in seconds (default: 0.5, a stress test; 5 is a person reading)")
    add_db(p)


def cmd_bench(args: argparse.Namespace) -> int:
    from tools.bench import bench_db, bench_import, bench_pages, bench_reports, format_table, run_bench

    if args.writes:
        from tools import bench_writes

        if args.records_url:
            os.environ["KPI_RECORDS_URL"] = args.records_url  # this process, its publications and every import process
        db, _ = bench_db(args.scope, args.db, args.rebuild)
        bench_writes.run(db, processes=args.processes, writes=args.more_writes)
        return 0
    timings = run_bench(args.scope, args.db, args.repeat, args.rebuild)
    if args.pages:
        timings += bench_pages(args.scope, args.db, args.repeat)
    if args.reports:
        timings += bench_reports(args.scope, args.db, min(args.repeat, 10))
    if args.import_rows:
        timings += bench_import(args.scope, args.db, args.import_rows)
    print(format_table(timings))
    if args.extract:
        from kpi.extract.evaluate import evaluate_all, format_results

        print()
        print(format_results(evaluate_all()))
    return 0


def cmd_loadtest(args: argparse.Namespace) -> int:
    from tools.loadtest import Options, run_loadtest

    at = file = None
    if args.import_at:
        try:
            at = float(args.import_at[0])
        except ValueError:
            print(f"loadtest: --import-at T FILE: {args.import_at[0]!r} is not a number of seconds", file=sys.stderr)
            return 2
        file = Path(args.import_at[1])
    opts = Options(args.url, args.sessions, args.seconds, args.db, at, file, think=args.think, browsers=args.browsers,
                   import_through=args.import_through, more_imports=args.more_imports)
    return run_loadtest(opts)[0]


COMMANDS = {"bench": cmd_bench, "loadtest": cmd_loadtest}
