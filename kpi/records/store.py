"""The store of record's connections and statements, on one of two engines chosen by one setting:

* SQLite (the embedded default): `data/kpi.records.sqlite3` beside `data/kpi.duckdb` through Python's sqlite3,
  in WAL mode. Readers never wait; a writer takes the write lock at BEGIN IMMEDIATE for one short transaction.
* PostgreSQL, where the dashboard spans machines: `KPI_RECORDS_URL=postgresql://…` (psycopg 3). Every database
  of the process then shares that one store.

Either way the store is created with its schema on first use (queries/records/schema.sql, or
queries/records/postgresql/schema.sql), with no setup step. Statements are named files under queries/records/,
one each, with named parameters (:name), run unchanged by both engines; a file of the same name under
queries/records/postgresql/ overrides one for PostgreSQL where the engines truly differ. Callers get a
connection with the same `execute`/`executemany` on both engines and use `transaction`, `execute`, `run`."""

from __future__ import annotations

import atexit
import functools
import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import closing, contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

from kpi import config
from kpi.i18n import msg, reader, t

RECORDS_DIR = config.QUERIES_DIR / "records"
BUSY_MS = 30_000  # a writer queues this long behind another writer's transaction; readers never wait
URL_SETTING = "KPI_RECORDS_URL"
POSTGRESQL = "postgresql"
SQLITE = "sqlite"

# PostgreSQL advisory lock keys (per database). Every write transaction takes WRITE_KEY for its own duration
# (see `transaction`); SCHEMA_KEY serialises the first-use CREATE TABLE IF NOT EXISTS of concurrent processes.
WRITE_KEY = 0x4B5049_01  # "KPI" 1
SCHEMA_KEY = 0x4B5049_02


class StoreError(Exception):
    """PostgreSQL refused or failed a statement (its transaction rolled back); sqlite3 raises sqlite3.Error."""


class Unavailable(StoreError):
    """The PostgreSQL server did not answer (down, restarting, unreachable, the connection lost): the write in
    flight rolled back with its transaction."""

    def __str__(self) -> str:
        why = f" ({self.args[0]})" if self.args and self.args[0] else ""
        return t("store.unavailable", reader(), why=why)


class Busy(StoreError):
    """A write waited past its wait for another write's transaction (PostgreSQL's lock_timeout)."""


ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, StoreError)  # what a caller catches from the store on either engine


def busy(exc: BaseException) -> bool:
    """The store of record's write lock was still held (SQLITE_BUSY, SQLITE_LOCKED; PostgreSQL's lock_timeout),
    not another failure."""
    if isinstance(exc, Busy):
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    return "locked" in str(exc) if code is None else (code & 0xFF) in (5, 6)


def url() -> str | None:
    """The PostgreSQL store of record (KPI_RECORDS_URL), or None for the embedded SQLite one beside each database."""
    value = os.environ.get(URL_SETTING, "").strip()
    if not value:
        return None
    if not value.startswith(("postgresql://", "postgres://")):
        raise StoreError(msg("store.url", setting=URL_SETTING, got=value.split(":", 1)[0]))
    return value


def engine() -> str:
    return POSTGRESQL if url() else SQLITE


_PARAM = re.compile(r"'(?:[^']|'')*'|--[^\n]*|::|:([A-Za-z_]\w*)|%")


def to_pyformat(text: str) -> str:
    """A statement's named parameters (:name) as psycopg's (%(name)s), once at load time: literal % doubled,
    comments dropped, quoted strings and ::casts left alone."""
    def swap(m: re.Match) -> str:
        token = m.group(0)
        if token.startswith("--"):
            return ""
        if token == "%":
            return "%%"
        return f"%({m.group(1)})s" if m.group(1) else token
    return _PARAM.sub(swap, text)


@functools.cache
def _statement(name: str, on: str) -> str:
    path = RECORDS_DIR / f"{name}.sql"
    if on == POSTGRESQL and (RECORDS_DIR / POSTGRESQL / f"{name}.sql").is_file():
        path = RECORDS_DIR / POSTGRESQL / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no statement named {name!r} (expected {path})")
    text = path.read_text(encoding="utf-8")
    return to_pyformat(text) if on == POSTGRESQL and name != "schema" else text


def statement(name: str) -> str:
    """The statement queries/records/NAME.sql as the store's engine runs it."""
    return _statement(name, engine())


def sqlite_statement(name: str) -> str:
    """The statement queries/records/NAME.sql as SQLite runs it, whatever the store's engine (reading an SQLite
    store to move it into PostgreSQL: kpi.services.migration.move_store)."""
    return _statement(name, SQLITE)


def path_for(db: Path | str) -> Path:
    """The embedded store of record beside a database: data/kpi.duckdb keeps it in data/kpi.records.sqlite3."""
    db = Path(db)
    return db.with_name(f"{db.stem}.records.sqlite3")


def where(db: Path | str) -> str:
    """The store of record of database db as a person reads it: the SQLite file, or the PostgreSQL server and
    database (never the password)."""
    if (address := url()) is None:
        return str(path_for(db))
    from psycopg.conninfo import conninfo_to_dict

    parts = conninfo_to_dict(address)
    return f"PostgreSQL {parts.get('host', 'localhost')}:{parts.get('port', 5432)}/{parts.get('dbname', '')}"


def stamp(at: datetime | None = None) -> str:
    """A point in time as the store keeps it: ISO 8601 in UTC with its offset."""
    return (at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="microseconds")


# --- PostgreSQL -------------------------------------------------------------------------------------------------


@contextmanager
def _translated() -> Iterator[None]:
    """psycopg's errors as the store's: Unavailable (the server did not answer), Busy (a lock wait ran out),
    StoreError (anything else); the original is chained."""
    import psycopg

    try:
        yield
    except psycopg.errors.LockNotAvailable as exc:
        raise Busy(str(exc).strip()) from exc
    except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
        raise Unavailable(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__) from exc
    except psycopg.Error as exc:
        raise StoreError(str(exc).strip()) from exc


class PgConnection:
    """A psycopg connection in autocommit mode with sqlite3's calls: execute(sql, params) -> cursor,
    executemany(sql, rows). Statements come from `statement` (already in psycopg's parameter style)."""

    engine = POSTGRESQL

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Mapping[str, object] | None = None) -> Any:
        with _translated():
            return self.raw.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Mapping[str, object]]) -> None:
        with _translated(), self.raw.cursor() as cur:
            cur.executemany(sql, list(rows))

    def close(self) -> None:
        self.raw.close()


def _pg_settings(*, read_only: bool, name: str) -> dict[str, object]:
    """How every connection to the store is made: autocommit (transactions are begun explicitly), a 10 s
    connect timeout, named in pg_stat_activity, read-only at the server for the readers' pool."""
    return {"autocommit": True, "connect_timeout": 10, "application_name": name[:63],
            "options": "-c default_transaction_read_only=on" if read_only else ""}


def _pg_open(address: str, *, name: str) -> PgConnection:
    import psycopg

    with _translated():
        return PgConnection(psycopg.connect(address, **_pg_settings(read_only=False, name=name)))


POOL_MAX = 10  # connections a process keeps to the store (a server's sessions write a few milliseconds each)
_pools: dict[tuple[str, bool], Any] = {}
_pools_lock = threading.Lock()


def _pool(address: str, read_only: bool) -> Any:
    """This process's pool of connections to the store (psycopg_pool), for writes or for reads: a connection
    costs a round trip and an authentication, a write a few milliseconds. Checked before each use (a server
    restarted meanwhile gives a new connection), idle ones closed after a minute, all closed at exit."""
    from psycopg_pool import ConnectionPool

    with _pools_lock:
        pool = _pools.get((address, read_only))
        if pool is None:
            pool = ConnectionPool(address, min_size=0, max_size=POOL_MAX, max_idle=60, timeout=10,
                                  check=ConnectionPool.check_connection, name=f"kpi-{'read' if read_only else 'write'}",
                                  kwargs=_pg_settings(read_only=read_only, name="kpi"), open=True)
            if not _pools:
                atexit.register(_close_pools)
            _pools[(address, read_only)] = pool
        return pool


def _close_pools() -> None:
    with _pools_lock:
        for pool in _pools.values():
            with suppress(Exception):
                pool.close(timeout=1)
        _pools.clear()


@contextmanager
def _pg_pooled(address: str, *, read_only: bool = False) -> Iterator[PgConnection]:
    """A connection from the pool, given back idle: a read transaction (begin_read) ends here, a write's
    transaction has ended in `transaction`; a broken connection is discarded by the pool."""
    from psycopg import pq

    pool = _pool(address, read_only)
    with _translated():
        raw = pool.getconn()
    try:
        yield PgConnection(raw)
    finally:
        if raw.pgconn.transaction_status in (pq.TransactionStatus.INTRANS, pq.TransactionStatus.INERROR):
            with suppress(Exception):
                raw.rollback()
        pool.putconn(raw)


def session(name: str) -> PgConnection:
    """A PostgreSQL connection of its own, named `name` in pg_stat_activity (the publisher's lease holds its
    advisory lock on one for as long as it publishes)."""
    address = url()
    if address is None:
        raise StoreError("no PostgreSQL store of record (KPI_RECORDS_URL)")
    return _pg_open(address, name=name)


def _pg_schema(con: PgConnection) -> None:
    """Create the schema unless it exists; concurrent first users queue on SCHEMA_KEY (CREATE TABLE IF NOT
    EXISTS is not safe against itself in PostgreSQL), never behind the writes."""
    if _pg_exists(con) and _pg_current(con):
        return
    con.execute("BEGIN")
    try:
        con.execute("SELECT pg_advisory_xact_lock(%(key)s)", {"key": SCHEMA_KEY})
        existed = _pg_exists(con)
        con.execute(statement("schema"))  # every statement idempotent: an older store gets the newer tables
        if existed:
            con.execute(statement("upgrade_value_approval"))
    except BaseException:
        con.raw.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _pg_exists(con: PgConnection) -> bool:
    [(found,)] = con.execute("SELECT to_regclass('change_log') IS NOT NULL").fetchall()
    return bool(found)


def _pg_current(con: PgConnection) -> bool:
    """Whether an existing store has the newest tables (value_review: a reviewer may return values)."""
    [(found,)] = con.execute("SELECT to_regclass('value_review') IS NOT NULL").fetchall()
    return bool(found)


def _sqlite_upgrade(con: sqlite3.Connection) -> None:
    """A store made before a reviewer could return values gets value_approval's new state check, rows kept."""
    found = con.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'value_approval'").fetchone()
    if found and "'returned'" not in found[0]:
        con.executescript(statement("upgrade_value_approval"))


# --- both engines -----------------------------------------------------------------------------------------------

Connection = sqlite3.Connection | PgConnection


def _open(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, timeout=BUSY_MS / 1000, isolation_level=None)  # transactions are ours
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")
    return con


_created: set[Path | str] = set()


def _create(path: Path) -> None:
    """A new SQLite store appears whole: made with its schema under a name of its own, then linked into place (a
    creator killed half-way leaves no file without its tables for a reader to trip on; two creators at once: the
    first link wins, the other's file is dropped)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = path.with_name(f".{path.name}.creating-{os.getpid()}-{threading.get_ident()}")
    try:
        with closing(_open(fresh)) as con:
            con.executescript(statement("schema"))
        with suppress(FileExistsError):
            os.link(fresh, path)
    finally:
        for leftover in (fresh, fresh.with_name(fresh.name + "-wal"), fresh.with_name(fresh.name + "-shm")):
            leftover.unlink(missing_ok=True)


@contextmanager
def connect(db: Path | str) -> Iterator[Any]:
    """A connection to the store of record of database DB (created with its schema if missing), in
    autocommit mode: write inside `transaction(con)`."""
    if (address := url()) is not None:
        with _pg_pooled(address) as pg:
            if address not in _created:
                _pg_schema(pg)
                _created.add(address)
            yield pg
        return
    path = path_for(db)
    if not path.exists():
        _create(path)
    with closing(_open(path)) as con:
        if path not in _created:
            con.executescript(statement("schema"))
            _sqlite_upgrade(con)
            _created.add(path)
        yield con


@contextmanager
def read_only(db: Path | str) -> Iterator[Any | None]:
    """A read-only connection, or None when the store has not been created yet (a reader creates nothing)."""
    if (address := url()) is not None:
        with _pg_pooled(address, read_only=True) as pg:
            if address not in _created and not _pg_exists(pg):
                yield None
                return
            yield pg
        return
    path = path_for(db)
    if not path.is_file():
        yield None
        return
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_MS / 1000)) as con:
        yield con


def begin_read(con: Any) -> None:
    """Start one read transaction on a read-only connection: every query after it reads the same moment (the
    changes and the rows they wrote, consistent). Ends when the connection closes."""
    con.execute("BEGIN ISOLATION LEVEL REPEATABLE READ" if isinstance(con, PgConnection) else "BEGIN")


@contextmanager
def transaction(con: Any, wait: float | None = None) -> Iterator[Any]:
    """One write, all or nothing: ROLLBACK on any exception, and a killed process leaves nothing of it.

    SQLite: BEGIN IMMEDIATE takes the write lock, queued up to `wait` seconds (default BUSY_MS) behind another
    writer (past it sqlite3.OperationalError "database is locked").

    PostgreSQL: BEGIN, then a transaction-level advisory lock (pg_advisory_xact_lock) that every write takes,
    queued up to `wait` seconds (lock_timeout; past it Busy). The writes keep SQLite's semantics exactly: one
    writer at a time, so the checks a write makes inside its transaction (an import settling against the values
    stored now, a locked quarter, an approval's current state, the actor's role now) hold until it commits.
    SERIALIZABLE would allow more concurrency but would fail writes with serialisation errors that each service
    would then have to re-run from its checks; the writes are a few milliseconds each, so one queue costs
    little and needs no retry. The lock ends with the transaction, also when its process dies."""
    if isinstance(con, PgConnection):
        con.execute("BEGIN")
        try:
            con.execute(f"SET LOCAL lock_timeout = {max(1, int((BUSY_MS / 1000 if wait is None else wait) * 1000))}")
            con.execute("SELECT pg_advisory_xact_lock(%(key)s)", {"key": WRITE_KEY})
            yield con
        except BaseException:
            with suppress(Exception):  # a connection already lost rolled back with it; its error is the one to tell
                con.raw.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
        return
    if wait is not None:
        con.execute(f"PRAGMA busy_timeout = {max(0, int(wait * 1000))}")
    con.execute("BEGIN IMMEDIATE")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


@contextmanager
def savepoint(con: Any) -> Iterator[Any]:
    """Inside a transaction: one part of it, undone alone on any exception (ROLLBACK TO SAVEPOINT, then the
    exception raised on), the transaction going on; kept at its end otherwise. SQLite and PostgreSQL alike:
    the import service writes many imports in one transaction, each inside its own."""
    con.execute(statement("savepoint_begin"))
    try:
        yield con
    except BaseException:
        con.execute(statement("savepoint_undo"))
        con.execute(statement("savepoint_end"))
        raise
    con.execute(statement("savepoint_end"))


def execute(con: Any, name: str, **params: object) -> list[tuple]:
    """Run the statement queries/records/NAME.sql and return the rows it yields (… RETURNING)."""
    cur = con.execute(statement(name), params)
    return cur.fetchall() if cur.description else []


def executemany(con: Any, name: str, rows: Iterable[Mapping[str, object]]) -> None:
    """Run the statement queries/records/NAME.sql once per row of parameters."""
    con.executemany(statement(name), rows)


def one(con: Any, name: str, **params: object) -> tuple | None:
    """The first row the statement queries/records/NAME.sql yields, or None."""
    rows = execute(con, name, **params)
    return rows[0] if rows else None


def run(con: Any | None, name: str, **params: object) -> pl.DataFrame:
    """Run the query queries/records/NAME.sql as a polars frame (empty, with no columns, without a store)."""
    if con is None:
        return pl.DataFrame()
    cur = con.execute(statement(name), params)
    columns = [d[0] for d in cur.description]
    return pl.DataFrame(cur.fetchall(), schema=columns, orient="row", infer_schema_length=None)


def revoke(db: Path | str, email: str, revoked_at: float, reason: str) -> None:
    with connect(db) as con, transaction(con):
        execute(con, "revocation_insert", email=email, revoked_at=revoked_at, reason=reason)


def revoked_at(db: Path | str, email: str) -> float | None:
    """The latest revocation of a canonical address (seconds since 1970, UTC), None if none or no store yet."""
    with read_only(db) as con:
        if con is None:
            return None
        row = one(con, "revocation_latest", email=email)
    return row[0] if row else None
