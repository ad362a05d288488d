"""What the command groups share: the --db, --wait and --as options, opening the database, who writes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kpi import config
from kpi.i18n import reader, t


def add_db(parser: argparse.ArgumentParser, *, writes: bool = False, records: bool = False) -> None:
    """--db, and for a writer --wait: how long to queue behind another writer of the snapshot (build), or with
    records=True behind another write of the store of record (its write lock: one short transaction each)."""
    parser.add_argument(
        "--db", type=Path, default=config.default_db(), help="database file (default: data/kpi.duckdb, or $KPI_DB)"
    )
    if writes or records:
        parser.add_argument(
            "--wait", type=float, default=None, metavar="SECONDS",
            help="how long to wait for the write lock of the store of record before giving up (default: 30)" if records
            else "how long to queue behind another writer (build, import, rollback) before giving up (default: 300)",
        )


def add_as(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="as_email", metavar="EMAIL", default=None,
                        help="write as this account, with its role and scope (default: the administrator)")


class NothingToWrite(Exception):
    """Leaves a writer block without publishing (the files had errors)."""


def tell(key: str, **args: object) -> None:
    """A message of the catalogue on standard error, in the language of --lang."""
    print(t(key, reader(), **args), file=sys.stderr)


def waiting(who: str) -> None:
    tell("cli.waiting", who=who or "?")


def busy(exc: Exception) -> bool:
    """The store of record's write lock was still held (SQLITE_BUSY, SQLITE_LOCKED; PostgreSQL's lock_timeout),
    not another failure."""
    from kpi import records

    if isinstance(exc, records.Busy):
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    return "locked" in str(exc) if code is None else (code & 0xFF) in (5, 6)


def store_busy(args: argparse.Namespace) -> int:
    """A write that waited past --wait for the store of record's write lock: nothing was written (exit 2)."""
    from kpi import records
    from kpi.records.store import BUSY_MS

    given = getattr(args, "wait", None)
    waited = f"{given:g}" if given is not None else f"{BUSY_MS / 1000:g}"
    store = records.path_for(args.db).name if records.url() is None else records.where(args.db)
    tell("cli.store_busy", waited=waited, store=store)
    return 2


def missing(path: Path) -> int:
    print(f"no database at {path}: run `python -m kpi build` first", file=sys.stderr)
    return 2


def open_db(path: Path):
    """The published database, read-only, or None after saying why not (the caller exits 2)."""
    from kpi import db

    if not path.exists():
        missing(path)
        return None
    return db.connect(path)


def wait(args: argparse.Namespace) -> float:
    from kpi.store import DEFAULT_WAIT

    return DEFAULT_WAIT if args.wait is None else args.wait


def actor(args: argparse.Namespace):
    """Who writes: the account --as names, or the administrator at the server; None after saying why not."""
    from kpi.accounts import Actor, users

    if args.as_email is None:
        return Actor.server_admin()
    email = users.normalise(args.as_email, "--as")  # a look-alike address: refused in main() with exit 1
    found = users.actor_of(args.db, email)  # the store of record: an account added a moment ago counts
    if found is None:
        tell("cli.no_account", email=f"--as {args.as_email}")
    return found
