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
import fcntl
import functools
import os
import random
import re
import sqlite3
import struct
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import closing, contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

from kpi import config

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
        return (f"kho dữ liệu không trả lời{why}; không ghi dữ liệu nào, hãy thử lại / the store of record did not "
                f"answer{why}; nothing was written, try again")


class Busy(StoreError):
    """A write waited past its wait for another write's transaction (PostgreSQL's lock_timeout)."""


ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, StoreError)  # what a caller catches from the store on either engine


def url() -> str | None:
    """The PostgreSQL store of record (KPI_RECORDS_URL), or None for the embedded SQLite one beside each database."""
    value = os.environ.get(URL_SETTING, "").strip()
    if not value:
        return None
    if not value.startswith(("postgresql://", "postgres://")):
        raise StoreError(f"{URL_SETTING} phải bắt đầu bằng postgresql:// / {URL_SETTING} must start with postgresql:// "
                         f"(got {value.split(':', 1)[0]}:…)")
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


def _pg_open(address: str, *, read_only: bool = False, name: str = "kpi") -> PgConnection:
    import psycopg

    options = "-c default_transaction_read_only=on" if read_only else ""
    with _translated():
        return PgConnection(psycopg.connect(address, autocommit=True, connect_timeout=10, application_name=name[:63],
                                            options=options))


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
            options = "-c default_transaction_read_only=on" if read_only else ""
            pool = ConnectionPool(address, min_size=0, max_size=POOL_MAX, max_idle=60, timeout=10,
                                  check=ConnectionPool.check_connection, name=f"kpi-{'read' if read_only else 'write'}",
                                  kwargs={"autocommit": True, "connect_timeout": 10, "application_name": "kpi",
                                          "options": options}, open=True)
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
    writer (past it sqlite3.OperationalError "database is locked"): in line with the other writes (_Line), then
    tried every few milliseconds (_begin_immediate).

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
    wait = BUSY_MS / 1000 if wait is None else max(0.0, wait)
    deadline = time.monotonic() + wait
    line = _Line.join(con)
    try:
        if line is not None:
            line.wait_turn(deadline)
        _begin_immediate(con, max(0.0, deadline - time.monotonic()), wait)
        done = False
        try:
            yield con
            done = True
        finally:
            con.execute("COMMIT" if done else "ROLLBACK")  # on any exception, the one that is raised
    finally:
        if line is not None:
            line.leave()


RETRY_FIRST, RETRY_MOST = 0.001, 0.005  # seconds between two tries for the write lock: doubling, with jitter
LINE_NEXT, LINE_BEHIND = 0.001, 0.020  # seconds between two looks of the next in line, of those behind it
_LINE_COUNTER, _LINE_BASE = 0, 4096  # byte offsets in the line's file: the ticket counter, then one byte a ticket
_FLOCK = "hhqqi4x"  # struct flock on Linux: l_type, l_whence, l_start, l_len, l_pid


class _Line:
    """The writers waiting for the store's write lock, in the order they came, so that the one whose turn it is
    takes it at once and the others sleep (Linux: open file description locks on `<store>-writers` beside the
    store; a lock ends when its writer's transaction ends or its process dies, so a killed writer holds nobody).
    Each writer takes a ticket N and holds byte N until its transaction ends; the writer after it looks every
    millisecond whether byte N is free, the ones further behind every 20 ms. Only an order of waiting: SQLite's
    own lock still decides who writes (the publisher and the lease take it without a ticket)."""

    def __init__(self, fd: int, ticket: int) -> None:
        self.fd, self.ticket = fd, ticket

    @classmethod
    def join(cls, con: sqlite3.Connection) -> _Line | None:
        """A ticket in the line of this connection's store, or None where there is no line (a platform without
        open file description locks, a store in memory, a read-only folder): then SQLite's lock alone."""
        if not hasattr(fcntl, "F_OFD_SETLKW"):
            return None
        file = con.execute("PRAGMA database_list").fetchone()[2]
        if not file:
            return None
        try:
            fd = os.open(f"{file}-writers", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError:
            return None
        try:
            cls._lock(fd, fcntl.F_WRLCK, _LINE_COUNTER, 8, wait=True)  # a moment: read and write the counter
            raw = os.pread(fd, 8, _LINE_COUNTER)
            ticket = int.from_bytes(raw, "little") if len(raw) == 8 else 0
            os.pwrite(fd, (ticket + 1).to_bytes(8, "little"), _LINE_COUNTER)
            cls._lock(fd, fcntl.F_WRLCK, _LINE_BASE + ticket, 1)  # ours until our transaction ends
            cls._lock(fd, fcntl.F_UNLCK, _LINE_COUNTER, 8)
        except OSError:
            os.close(fd)
            return None
        return cls(fd, ticket)

    @staticmethod
    def _lock(fd: int, kind: int, start: int, length: int, *, wait: bool = False) -> None:
        fcntl.fcntl(fd, fcntl.F_OFD_SETLKW if wait else fcntl.F_OFD_SETLK, struct.pack(_FLOCK, kind, 0, start, length, 0))

    def _held(self, ticket: int) -> bool:
        if ticket < 0:
            return False
        found = fcntl.fcntl(self.fd, fcntl.F_OFD_GETLK, struct.pack(_FLOCK, fcntl.F_WRLCK, 0, _LINE_BASE + ticket, 1, 0))
        return struct.unpack(_FLOCK, found)[0] != fcntl.F_UNLCK

    def wait_turn(self, deadline: float) -> None:
        """Until the writer before us has ended its transaction (or the deadline: then SQLite's lock decides)."""
        while self._held(self.ticket - 1) and time.monotonic() < deadline:
            time.sleep((LINE_BEHIND if self._held(self.ticket - 2) else LINE_NEXT) * random.uniform(0.5, 1.5))

    def leave(self) -> None:
        os.close(self.fd)  # ends our byte's lock: the writer after us goes


def _begin_immediate(con: sqlite3.Connection, wait: float, busy_timeout: float) -> None:
    """BEGIN IMMEDIATE, tried again every 1-5 ms (each pause jittered by ±50 %) for up to `wait` seconds, not by
    SQLite's busy handler, which sleeps 25, 50 then 100 ms between tries once a writer has waited a quarter of a
    second: with a hundred imports at once the lock stood free while its waiters slept. Past the wait:
    sqlite3.OperationalError "database is locked", as before; the connection's busy timeout is `busy_timeout`
    seconds afterwards (the write's --wait, as before)."""
    deadline = time.monotonic() + wait
    pause = RETRY_FIRST
    con.execute("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                con.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                left = deadline - time.monotonic()
                if (exc.sqlite_errorcode & 0xFF) != sqlite3.SQLITE_BUSY or left <= 0:
                    raise
            time.sleep(min(left, pause * random.uniform(0.5, 1.5)))
            pause = min(pause * 2, RETRY_MOST)
    finally:
        con.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")


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
