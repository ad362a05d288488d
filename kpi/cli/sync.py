"""`sync`: this host gets the snapshots another host publishes (kpi.store.sync)."""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from kpi.cli.common import add_db, announce, tr


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sync", help=tr("cli.help.sync"))
    p.add_argument("--from", dest="source", required=True, metavar="DIR|URL", help=tr("cli.help.sync.source"))
    add_db(p)
    p.add_argument("--watch", action="store_true", help=tr("cli.help.sync.watch"))
    p.add_argument("--interval", type=float, default=None, metavar="S", help=tr("cli.help.sync.interval"))


def synced(done) -> str:
    p = done.pointer
    what = tr("cli.snapshot", snapshot=p.snapshot, through=p.published_through, at=p.published_at, sha256=p.sha256[:12])
    if not done.fetched:
        return tr("cli.up_to_date", what=what)
    return tr("cli.synced", what=what, mb=f"{p.size / 1e6:.1f}", seconds=f"{done.seconds:.1f}", name=done.path.name)


def failed(exc: Exception) -> None:
    print(exc, file=sys.stderr, flush=True)


def cmd_sync(args: argparse.Namespace) -> int:
    from kpi.store import sync

    if not args.watch:
        try:
            print(synced(sync.sync(args.db, args.source)))
        except sync.SyncError as exc:
            failed(exc)
            return 2
        return 0
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    interval = sync.INTERVAL if args.interval is None else args.interval
    announce("cli.syncing", db=args.db, source=args.source, interval=f"{interval:g}")
    sync.watch(args.db, args.source, interval, stop, lambda done: print(synced(done), flush=True), failed)
    announce("cli.stopped")
    return 0


COMMANDS = {"sync": cmd_sync}
