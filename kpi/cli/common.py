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
    parser.add_argument("--db", type=Path, default=config.default_db(), help=tr("cli.help.db"))
    if writes or records:
        parser.add_argument("--wait", type=float, default=None, metavar="SECONDS",
                            help=tr("cli.help.wait_records") if records else tr("cli.help.wait_snapshot"))


def add_as(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="as_email", metavar="EMAIL", default=None, help=tr("cli.help.as"))


class NothingToWrite(Exception):
    """Leaves a writer block without publishing (the files had errors)."""


def tr(key: str, **args: object) -> str:
    """The catalogue's words for `key` in the language of --lang (the help texts are built in it too)."""
    return t(key, reader(), **args)


def tell(key: str, **args: object) -> None:
    """A message of the catalogue on standard error, in the language of --lang."""
    print(tr(key, **args), file=sys.stderr)


def announce(key: str, **args: object) -> None:
    """A message of the catalogue on standard output (what a command did), in the language of --lang."""
    print(tr(key, **args), flush=True)


def write_out(output: Path | None, data: bytes, done: str) -> None:
    """A template to its file (then `done` said), or as text to standard output."""
    if output:
        output.write_bytes(data)
        print(done)
    else:
        sys.stdout.write(data.decode("utf-8-sig"))


def waiting(who: str) -> None:
    tell("cli.waiting", who=who or "?")


def busy(exc: Exception) -> bool:
    """The store of record's write lock was still held, not another failure (kpi.records.busy)."""
    from kpi import records

    return records.busy(exc)


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
    tell("cli.no_database", path=path)
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


def writer(args: argparse.Namespace):
    """Who writes to the database --db names (actor); None after saying why not, the database missing or the
    account unknown (the caller exits 2)."""
    if not args.db.exists():
        missing(args.db)
        return None
    return actor(args)
