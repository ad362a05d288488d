"""`sync`: this host gets the snapshots another host publishes (kpi.store.sync)."""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from kpi.cli.common import add_db
from kpi.i18n import reader, t


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sync", help="get the snapshot another host publishes (a folder or an http(s) URL) and publish it here")
    p.add_argument("--from", dest="source", required=True, metavar="DIR|URL",
                   help="the publishing host's data/ or data/.kpi.duckdb.snapshots/ folder (a mounted share), or that "
                        "folder's URL on a static web server")
    add_db(p)
    p.add_argument("--watch", action="store_true", help="keep syncing whenever the source publishes (until stopped)")
    p.add_argument("--interval", type=float, default=None, metavar="S",
                   help="--watch: seconds between looks at the source (default: $KPI_SYNC_INTERVAL or 5)")


def synced(done) -> str:
    p = done.pointer
    what = f"{p.snapshot} (published through change {p.published_through}, {p.published_at}, sha256 {p.sha256[:12]}…)"
    if not done.fetched:
        return t("cli.up_to_date", reader(), what=what)
    return t("cli.synced", reader(), what=what, mb=f"{p.size / 1e6:.1f}", seconds=f"{done.seconds:.1f}", name=done.path.name)


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
    print(f"syncing {args.db} from {args.source} every {interval:g} s; Ctrl+C or SIGTERM stops", flush=True)
    sync.watch(args.db, args.source, interval, stop, lambda done: print(synced(done), flush=True), failed)
    print(t("cli.stopped", reader()), flush=True)
    return 0


COMMANDS = {"sync": cmd_sync}
