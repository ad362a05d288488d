"""The store of record's file and statements: SQLite through Python's sqlite3, in WAL mode.

`data/kpi.records.sqlite3` beside `data/kpi.duckdb`, created with its schema (queries/records/schema.sql) on
first use, no setup step. Readers never wait (WAL); a writer takes the write lock at BEGIN IMMEDIATE and
holds it for one short transaction. Statements are named files under queries/records/, one each, with
named parameters (:name)."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from kpi import config

RECORDS_DIR = config.QUERIES_DIR / "records"
BUSY_MS = 30_000  # a writer queues this long behind another writer's transaction; readers never wait


@functools.cache
def statement(name: str) -> str:
    path = RECORDS_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no statement named {name!r} (expected {path})")
    return path.read_text(encoding="utf-8")


def path_for(db: Path | str) -> Path:
    """The store of record beside a database: data/kpi.duckdb keeps it in data/kpi.records.sqlite3."""
    db = Path(db)
    return db.with_name(f"{db.stem}.records.sqlite3")


def stamp(at: datetime | None = None) -> str:
    """A point in time as the store keeps it: ISO 8601 in UTC with its offset."""
    return (at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="microseconds")


def _open(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, timeout=BUSY_MS / 1000, isolation_level=None)  # transactions are ours
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")
    return con


_created: set[Path] = set()


@contextmanager
def connect(db: Path | str) -> Iterator[sqlite3.Connection]:
    """A connection to the store of record of database DB (created with its schema if missing), in
    autocommit mode: write inside `transaction(con)`."""
    path = path_for(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(_open(path)) as con:
        if path not in _created:
            con.executescript(statement("schema"))
            _created.add(path)
        yield con


@contextmanager
def read_only(db: Path | str) -> Iterator[sqlite3.Connection | None]:
    """A read-only connection, or None when the store has not been created yet (a reader creates nothing)."""
    path = path_for(db)
    if not path.is_file():
        yield None
        return
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_MS / 1000)) as con:
        yield con


@contextmanager
def transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write: BEGIN IMMEDIATE (the write lock, queued up to BUSY_MS behind another writer) … COMMIT;
    ROLLBACK on any exception. A killed process leaves nothing of it (SQLite's journal)."""
    con.execute("BEGIN IMMEDIATE")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def execute(con: sqlite3.Connection, name: str, **params: object) -> list[tuple]:
    """Run the statement queries/records/NAME.sql and return the rows it yields (… RETURNING)."""
    return con.execute(statement(name), params).fetchall()


def run(con: sqlite3.Connection | None, name: str, **params: object) -> pl.DataFrame:
    """Run the query queries/records/NAME.sql as a polars frame (empty, with no columns, without a store)."""
    if con is None:
        return pl.DataFrame()
    cur = con.execute(statement(name), params)
    columns = [d[0] for d in cur.description]
    return pl.DataFrame(cur.fetchall(), schema=columns, orient="row", infer_schema_length=None)


def revoke(db: Path | str, email: str, revoked_at: float, reason: str) -> None:
    with connect(db) as con, transaction(con):
        con.execute(statement("revocation_insert"), {"email": email, "revoked_at": revoked_at, "reason": reason})


def revoked_at(db: Path | str, email: str) -> float | None:
    """The latest revocation of a canonical address (seconds since 1970, UTC), None if none or no store yet."""
    with read_only(db) as con:
        if con is None:
            return None
        row = con.execute(statement("revocation_latest"), {"email": email}).fetchone()
    return row[0] if row else None
