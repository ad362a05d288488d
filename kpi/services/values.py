"""Imported values: import report files (all or nothing) and roll a batch back, each one short transaction in
the store of record. The files are checked first, in the checker's child process, against the published
snapshot's catalogue and units (read-only); the transaction then re-reads the actor, checks the stored values
and locked quarters, writes, audits and records the change. The publisher rescores the communes touched."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from kpi import config, importer, records
from kpi.accounts import Actor, users
from kpi.db import connect, run
from kpi.importer import ImportResult
from kpi.reports.limits import Limits


@contextmanager
def writing(db: Path, wait: float | None = None) -> Iterator[records.Connection]:
    """One store transaction, queued behind another writer's for up to `wait` seconds (default: the store's
    busy timeout); past it sqlite3.OperationalError ("database is locked") or records.Busy, nothing written."""
    with records.connect(db) as con, records.transaction(con, wait):
        yield con


def import_files(db: Path, actor: Actor, paths: list[Path], *, dry_run: bool = False, today: date | None = None,
                 limits: Limits | None = None, wait: float | None = None) -> ImportResult:
    """Check the files and, if every row is valid and this is not a dry run, record them in one transaction.
    Raises AccessDenied if the actor's role cannot import, ImportFileError for a file that cannot be read;
    rows outside their scope, clashing with stored values or in a locked quarter are errors of their row."""
    today = today or config.today()
    limits = limits or Limits.from_env()
    files = [p.name for p in paths]
    with records.read_only(db) as rec:
        users.current(rec, actor).require("import")  # refused before the files are even read
    with connect(db) as con:
        ref = importer.reference(con, today)
    result, frame = importer.check(paths, ref, limits, actor)
    result.dry_run = dry_run
    if not result.ok:
        return result
    if dry_run:
        with records.read_only(db) as rec:
            importer.settle(rec, result, frame, files, limits)
        return result
    with writing(db, wait) as con:
        actor = users.current(con, actor)
        actor.require("import")  # the role and scope as they are now, at the write
        result.add(importer.rows_out_of_scope(ref.units, frame, actor, files), limits, files)
        writes = importer.settle(con, result, frame, files, limits) if result.ok else frame.clear()
        if result.ok:
            result.batch_id = importer.write(con, actor, paths, result, writes)
            result.recorded_at = records.stamp()
    return result


@dataclass(frozen=True)
class RollbackResult:
    batch_id: int
    removed: int
    restored: int
    communes: list[str]
    recorded_at: str


def reference_units(db: Path) -> pl.DataFrame:
    with connect(db) as con:
        return run(con, "units", province=None).select("commune_code", "province_code", "commune_name")


def rollback(db: Path, actor: Actor, batch: int, *, wait: float | None = None) -> RollbackResult:
    """Remove one batch's values and restore what they replaced (RollbackError, AccessDenied: nothing written)."""
    units = reference_units(db)
    with writing(db, wait) as con:
        removed, restored, communes = importer.rollback(con, units, batch, users.current(con, actor))
    return RollbackResult(batch, removed, restored, communes, records.stamp())


def batches(db: Path) -> pl.DataFrame:
    """Import batches as the store holds them now, newest first (queries/records/import_batches.sql), with
    `pending`: the published snapshot does not hold the batch's import or rollback yet."""
    from kpi.store.publisher import published_through

    with records.read_only(db) as rec:
        frame = records.run(rec, "import_batches", through=published_through(db))
    if not frame.height:
        return pl.DataFrame(schema={"batch_id": pl.Int64, "imported_at": pl.Datetime("us", "UTC"), "file_names": pl.String,
                                    "sha256": pl.String, "rows_read": pl.Int64, "imported": pl.Int64, "updated": pl.Int64,
                                    "unchanged": pl.Int64, "values_live": pl.Int64,
                                    "rolled_back_at": pl.Datetime("us", "UTC"), "imported_by": pl.String,
                                    "rolled_back_by": pl.String, "pending": pl.Boolean})
    return frame.with_columns(pl.col("imported_at", "rolled_back_at").cast(pl.String).str.to_datetime(time_zone="UTC"),
                              pl.col("pending").cast(pl.Boolean))
