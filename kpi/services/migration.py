"""Moving in: the people's data of a database made before the store of record (accounts and scopes, the audit
log, import batches with their values and what they replaced, evidence records, task reports with their
evidence, approvals) copied into an empty store once, ids kept, and checked row for row before the commit."""

from __future__ import annotations

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
        source = {t: run(duck, f"migrate_{t}") for t in TABLES}
        version = build_info(duck).get("data_version", "?")
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
