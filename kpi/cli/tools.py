"""Measuring the dashboard: bench (build, scoring, queries, pages, reports, imports) and loadtest (sessions at once)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from kpi.cli.common import add_db, tell, tr


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bench", help=tr("cli.help.bench"))
    p.add_argument("--scope", choices=("seeds", "provinces", "national"), default="provinces")
    p.add_argument("--db", type=Path, default=None, help=tr("cli.help.bench.db"))
    p.add_argument("--repeat", type=int, default=20, help=tr("cli.help.bench.repeat"))
    p.add_argument("--rebuild", action="store_true", help=tr("cli.help.bench.rebuild"))
    p.add_argument("--pages", action="store_true", help=tr("cli.help.bench.pages"))
    p.add_argument("--reports", action="store_true",
                   help=tr("cli.help.bench.reports"))
    p.add_argument("--extract", action="store_true",
                   help=tr("cli.help.bench.extract"))
    p.add_argument("--import-rows", type=int, default=0, metavar="N",
                   help=tr("cli.help.bench.import_rows"))
    p.add_argument("--writes", action="store_true",
                   help=tr("cli.help.bench.writes"))
    p.add_argument("--processes", type=int, default=100, metavar="N", help=tr("cli.help.bench.processes"))
    p.add_argument("--more-writes", type=int, default=500, metavar="N", help=tr("cli.help.bench.more_writes"))
    p.add_argument("--records-url", default=None, metavar="URL",
                   help=tr("cli.help.bench.records_url"))

    p = sub.add_parser("loadtest", help=tr("cli.help.loadtest"))
    p.add_argument("--url", default=None,
                   help=tr("cli.help.loadtest.url"))
    p.add_argument("--sessions", type=int, default=5, metavar="N", help=tr("cli.help.loadtest.sessions"))
    p.add_argument("--seconds", type=float, default=60, metavar="S", help=tr("cli.help.loadtest.seconds"))
    p.add_argument("--import-at", nargs=2, default=None, metavar=("T", "FILE"),
                   help=tr("cli.help.loadtest.import_at"))
    p.add_argument("--browsers", type=int, default=None, metavar="K",
                   help=tr("cli.help.loadtest.browsers"))
    p.add_argument("--more-imports", type=int, default=0, metavar="N",
                   help=tr("cli.help.loadtest.more_imports"))
    p.add_argument("--import-through", choices=("cli", "page"), default="cli",
                   help=tr("cli.help.loadtest.import_through"))
    p.add_argument("--think", type=float, default=0.5, metavar="S",
                   help=tr("cli.help.loadtest.think"))
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
            tell("cli.not_seconds", given=repr(args.import_at[0]))
            return 2
        file = Path(args.import_at[1])
    opts = Options(args.url, args.sessions, args.seconds, args.db, at, file, think=args.think, browsers=args.browsers,
                   import_through=args.import_through, more_imports=args.more_imports)
    return run_loadtest(opts)[0]


COMMANDS = {"bench": cmd_bench, "loadtest": cmd_loadtest}
