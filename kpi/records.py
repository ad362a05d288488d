"""The store of record: a small SQLite file beside the database (data/kpi.records.sqlite3 for data/kpi.duckdb)
for what people do that is not a snapshot of the sources. Today: sign-in revocations (kpi.accounts.identity).

Opened with Python's sqlite3 in WAL mode, so a reader never waits for a writer; created with its schema
(queries/records/schema.sql) on the first write, no setup step. A reader of a store not created yet reads
nothing and creates nothing. Statements are named files under queries/records/, one statement each.
No Streamlit here."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from kpi import config

RECORDS_DIR = config.QUERIES_DIR / "records"
BUSY_MS = 5000  # a writer waits this long for another writer; readers never wait in WAL mode


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


@contextmanager
def connect(db: Path | str) -> Iterator[sqlite3.Connection]:
    """The store of record of database DB, created with its schema if missing; one transaction, committed
    when the block ends (rolled back on an exception)."""
    path = path_for(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path, timeout=BUSY_MS / 1000)) as con:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        con.executescript(statement("schema"))
        with con:
            yield con


def revoke(db: Path | str, email: str, revoked_at: float, reason: str) -> None:
    with connect(db) as con:
        con.execute(statement("revocation_insert"), {"email": email, "revoked_at": revoked_at, "reason": reason})


def revoked_at(db: Path | str, email: str) -> float | None:
    """The latest revocation of a canonical address (seconds since 1970, UTC), None if none or no store yet."""
    path = path_for(db)
    if not path.is_file():
        return None
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_MS / 1000)) as con:
        row = con.execute(statement("revocation_latest"), {"email": email}).fetchone()
    return row[0] if row else None
