"""Moving in: the people's data of a database made before the store of record (accounts and scopes, the audit
log, import batches with their values and what they replaced, evidence records, task reports with their
evidence, approvals) copied into an empty store once, ids kept, and checked row for row before the commit
(`migrate`); and a store of record moved into another, SQLite's beside the database into PostgreSQL, every table
(`move_store`)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from kpi import records
from kpi.accounts import Actor, audit
from kpi.db import build_info, connect, run
from kpi.i18n import msg
from kpi.records import changes

# In the order the store's references need (a batch before its values, a report before its evidence).
TABLES = ("app_user", "user_commune", "audit_log", "import_batch", "real_value", "observation_history",
          "evidence_file", "task_report", "task_report_evidence", "value_approval")
TIMES = {"added_at", "written_at", "imported_at", "rolled_back_at", "stored_at", "reported_at", "reviewed_at", "changed_at"}
DATES = {"period_end"}
# What only a store of record holds, never a database: a store-era database moved as one would leave these behind.
LEFT_IN_THE_STORE = ("value_review", "value_evidence", "value_draft", "published_snapshot", "published_value",
                     "published_unit", "revocation", "change_log")


class MigrationError(RuntimeError):
    """The store already holds records, or what it would hold differs from the database (nothing written)."""


@dataclass(frozen=True)
class Migrated:
    counts: dict[str, int]  # rows moved per table, each compared with the database's
    recorded_at: str


def _to_store(column: str, value: object) -> object:
    if value is None:
        return None
    if column in TIMES:
        return records.stamp(value)  # an aware datetime (TIMESTAMPTZ) as the store keeps it
    if column in DATES:
        return value.isoformat()
    return value


def _from_store(column: str, value: object) -> object:
    if value is None:
        return None
    if column in TIMES:
        return datetime.fromisoformat(value)
    if column in DATES:
        return date.fromisoformat(value)
    return value


def _canonical(rows: list[tuple]) -> list[tuple]:
    """Rows compared whatever the time zone a time was read in (an instant is an instant), in one order."""
    return sorted((tuple(v.astimezone(UTC) if isinstance(v, datetime) else v for v in row) for row in rows), key=repr)


def _held(con: records.Connection) -> dict[str, int]:
    return {t: n for t in TABLES if (n := con.execute(f"SELECT count(*) FROM {t}").fetchone()[0])}  # our own names


def migrate(db: Path, by: Actor) -> Migrated:
    """Copy database db's people's tables into its empty store of record (kpi.records.where(db)), compare
    every row read back with the database's (counts, then every column of every row), audit the move and note
    it for the publisher; MigrationError (nothing written) if the store holds records or a row differs."""
    with connect(db) as duck:
        info = build_info(duck)
        if "published_through" in info:  # built from a store of record: the records are the store's, not the database's
            raise MigrationError(msg("migrate.built_from_store", db=Path(db).name, through=info["published_through"],
                                     store=records.path_for(db).name, setting=records.URL_SETTING,
                                     left=", ".join(LEFT_IN_THE_STORE)))
        source = {t: run(duck, f"migrate_{t}") for t in TABLES}
        version = info.get("data_version", "?")
    with records.connect(db) as con, records.transaction(con):
        held = _held(con)
        if held:
            raise MigrationError(msg("migrate.held", store=records.where(db), held=", ".join(f"{t}: {n}" for t, n in held.items())))
        for table, frame in source.items():
            con.executemany(records.statement(f"migrate_{table}"),
                            [{c: _to_store(c, v) for c, v in row.items()} for row in frame.iter_rows(named=True)])
        records.execute(con, "migrate_sequences")  # the next ids follow the moved ones (PostgreSQL)
        for table, frame in source.items():
            back = records.run(con, f"all_{table}")
            moved = [tuple(_from_store(c, v) for c, v in zip(frame.columns, row, strict=True))
                     for row in (back.select(frame.columns).rows() if back.height else [])]
            want, got = _canonical(frame.rows()), _canonical(moved)
            if got != want:
                first = next((w for w, g in zip(want, got, strict=False) if w != g), None)
                raise MigrationError(msg("migrate.differ", table=table, rows=frame.height, moved=len(moved), first=repr(first)))
        counts = {t: f.height for t, f in source.items()}
        communes = set(source["real_value"]["commune_code"]) | set(source["value_approval"]["commune_code"])
        detail = f"moved from {Path(db).name} (data version {version}): " + ", ".join(f"{n} {t}" for t, n in counts.items())
        changes.record(con, "migrate", audit.record(con, by, "migrate", detail), communes)
    return Migrated(counts, records.stamp())


# --- a store of record moved into another: the embedded SQLite store beside a database into PostgreSQL ----------

# Every table of the store of record, in the order its references need (a batch before its values and evidence, a
# report before its evidence, a change before its communes). The lease is no record: PostgreSQL's publisher holds an
# advisory lock instead. A table of the source outside these (a store newer than this code) refuses the move.
STORE_TABLES = ("app_user", "user_commune", "revocation", "audit_log", "import_batch", "real_value", "observation_history",
                "evidence_file", "task_report", "task_report_evidence", "value_approval", "value_review", "change_log",
                "change_commune", "published_snapshot", "published_value", "published_unit", "value_draft", "value_evidence")
NOT_RECORDS = ("publisher_lease",)


def _source_rows(source: sqlite3.Connection, table: str) -> list[dict]:
    cur = source.execute(records.sqlite_statement(f"all_{table}"))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _canonical_rows(rows: list[dict], columns: list[str]) -> list[tuple]:
    return sorted((tuple(row[c] for c in columns) for row in rows), key=repr)


def move_store(db: Path, by: Actor) -> Migrated:
    """Move the SQLite store of record beside database db (kpi.records.path_for) into the PostgreSQL store that
    KPI_RECORDS_URL names: every table of STORE_TABLES, row for row with its ids, in one transaction that reads every
    table back and compares it with the source before committing, audited and noted for the publisher.
    MigrationError, nothing written, if the target holds records, the source has a table this code does not
    know, or a table reads back differently. The SQLite file is left as it was."""
    path = records.path_for(db)
    if records.url() is None or not path.is_file():
        raise MigrationError(msg("migrate.no_sqlite_store", path=str(path), setting=records.URL_SETTING))
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as source:
        source.execute("BEGIN")  # one moment of the source, whatever writes to it meanwhile
        tables = {name for (name,) in source.execute(records.sqlite_statement("store_tables")).fetchall()}
        unknown = sorted(tables - set(STORE_TABLES) - set(NOT_RECORDS))
        if unknown:
            raise MigrationError(msg("migrate.unknown_tables", path=str(path), tables=", ".join(unknown)))
        rows = {t: _source_rows(source, t) if t in tables else [] for t in STORE_TABLES}
    with records.connect(db) as con, records.transaction(con):
        [counted] = records.execute(con, "store_held")
        held = {t: n for t, n in zip(STORE_TABLES, counted, strict=True) if n}
        if held:
            raise MigrationError(msg("migrate.held", store=records.where(db), held=", ".join(f"{t}: {n}" for t, n in held.items())))
        for table in STORE_TABLES:
            records.executemany(con, f"migrate_{table}", rows[table])
        records.execute(con, "migrate_sequences")
        for table in STORE_TABLES:
            back = records.run(con, f"all_{table}")
            columns = back.columns or (list(rows[table][0]) if rows[table] else [])
            moved = back.to_dicts() if back.height else []
            if _canonical_rows(moved, columns) != _canonical_rows(rows[table], columns):
                raise MigrationError(msg("migrate.store_differs", table=table, rows=len(rows[table]), moved=len(moved)))
        counts = {t: len(r) for t, r in rows.items()}
        communes = {r["commune_code"] for r in rows["real_value"]} | {r["commune_code"] for r in rows["value_approval"]}
        detail = f"moved from {path.name}: " + ", ".join(f"{n} {t}" for t, n in counts.items())
        changes.record(con, "migrate", audit.record(con, by, "migrate", detail), communes)
    return Migrated(counts, records.stamp())
