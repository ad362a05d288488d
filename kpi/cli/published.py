"""Published values: `published load FILE...` stores the national portal's Bộ chỉ số 766 snapshots (workbooks as
the portal's rows were saved, or the same rows as JSON) in the store of record, all or nothing
(kpi.services.published); on the dashboard after the next publication. `export published` lists them."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from kpi.cli.common import add_as, add_db, tell, tr, writer


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("published", help=tr("cli.help.published"))
    verbs = p.add_subparsers(dest="verb", required=True)
    load = verbs.add_parser("load", help=tr("cli.help.published.load"))
    load.add_argument("files", nargs="+", type=Path, metavar="FILE")
    load.add_argument("--at", type=datetime.fromisoformat, default=None, metavar="TIME",
                      help=tr("cli.help.published.at"))
    add_db(load, records=True)
    add_as(load)


def cmd_published(args: argparse.Namespace) -> int:
    from kpi.accounts import AccessDenied
    from kpi.published import PublishedError
    from kpi.services import published

    who = writer(args)
    if who is None:
        return 2
    unreadable = [f for f in args.files if not f.is_file()]
    if unreadable:
        for f in unreadable:
            tell("cli.no_file", file=f)
        return 2
    try:
        result = published.load(args.db, who, args.files, at=args.at, wait=args.wait)
    except PublishedError as exc:
        for err in exc.errors:
            print(err, file=sys.stderr)
        tell("cli.load_failed", n=len(exc.errors))
        return 1
    except AccessDenied as exc:
        tell("cli.nothing_written", why=exc)
        return 1
    for line in result.loaded:
        print(f"  + {line}")
    for line in result.unchanged:
        print(f"  = {line} ({tr('cli.already_loaded')})")
    if result.skipped:
        print(f"  {tr('cli.not_read', names=', '.join(result.skipped))}")
    print(f"{result.summary()} ({result.seconds:.2f} s)")
    return 0


COMMANDS = {"published": cmd_published}
