"""The database handle and named queries.

Every query is a file queries/NAME.sql with DuckDB named parameters ($province, $indicator ...).
Callers say run(con, "NAME", province="51") and get a polars DataFrame back.

One parameter has a default: $basis, the scores' basis (schema.sql: "all" reported values, or only
"approved" ones), is "all" unless the caller names it; the pages name it from the sidebar's switch.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from kpi import config


class DatabaseMissing(FileNotFoundError):
    pass


@functools.cache
def query_text(name: str) -> str:
    path = config.QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query named {name!r} (expected {path})")
    return path.read_text(encoding="utf-8")


def connect(db: Path | str | None = None, *, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """Open a database read-only: the published snapshot db names (see kpi.store), by its own path.

    read_only=False is for files a writer owns (kpi.store.writing); a published snapshot is never
    opened for writing."""
    path = Path(db or config.default_db())
    if not read_only:
        if path.is_symlink():
            raise ValueError(f"{path} is a published snapshot: snapshots are written by the build and the publisher (kpi.store.writing), never in place")
        return duckdb.connect(str(path))
    for _ in range(3):
        snapshot = path.resolve()  # the snapshot's own path: DuckDB never reuses a handle on a replaced file
        if not snapshot.is_file():
            raise DatabaseMissing(f"no database at {path}: run `python -m kpi build` first")
        try:
            return duckdb.connect(str(snapshot), read_only=True)
        except duckdb.IOException:
            if snapshot.exists():
                raise
            # superseded and removed between resolving and opening: resolve again
    raise DatabaseMissing(f"the database at {path} kept changing while being opened; try again")


def run(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pl.DataFrame:
    """Run queries/NAME.sql with named parameters on a fresh cursor (safe across threads)."""
    cur = con.cursor()
    try:
        return run_here(cur, name, **params)
    finally:
        cur.close()


DEFAULTS = {"basis": "all", "scope": "commune"}


def _used(sql: str, params: dict[str, object]) -> dict[str, object]:
    """The parameters the query uses, with DEFAULTS for those it uses and the caller left out."""
    given = DEFAULTS | params
    return {k: v for k, v in given.items() if f"${k}" in sql}


def run_here(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pl.DataFrame:
    """Run queries/NAME.sql on this very connection: it sees the connection's open transaction
    (a cursor would not), so writers use it to read what they have just written."""
    sql = query_text(name)
    used = _used(sql, params)
    return con.sql(sql, params=used or None).pl()


def execute(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> list[tuple]:
    """Run a statement queries/NAME.sql on this connection (inside its open transaction, if any)
    and return the rows it yields (e.g. INSERT … RETURNING)."""
    sql = query_text(name)
    used = _used(sql, params)
    return con.execute(sql, used or None).fetchall()


def rows(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> list[dict[str, object]]:
    """queries/NAME.sql's rows as dicts by column name: for the few callers that want plain Python values and
    not a frame (no pyarrow on the way: an import process's reference read, kpi.store.reference)."""
    cur = con.cursor()
    try:
        sql = query_text(name)
        cur.execute(sql, _used(sql, params) or None)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    finally:
        cur.close()


def insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    """Insert a polars frame's rows into a table by its column names (table and columns are ours, never a
    user's: the build's tables, the scores)."""
    if frame.height == 0:
        return
    con.register("frame", frame)
    columns = ", ".join(f'"{c}"' for c in frame.columns)
    # no unregister in a `finally`: after a failed write (a full disk) DuckDB refuses every call, and that refusal
    # would hide the error that says what happened
    con.execute(f'INSERT INTO "{table}" ({columns}) SELECT {columns} FROM frame')
    con.unregister("frame")


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN … COMMIT on this connection; ROLLBACK on any exception (a killed process leaves nothing either)."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def schema_sha256() -> str:
    """The fingerprint of the snapshot's tables as this code makes them (queries/schema.sql): a snapshot built
    with another is rebuilt before the pages read it (kpi.build.outdated)."""
    return hashlib.sha256((config.QUERIES_DIR / "schema.sql").read_bytes()).hexdigest()


def build_info(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(run(con, "build_info").iter_rows())
