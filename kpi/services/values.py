"""Imported values: import report files (all or nothing) and roll a batch back, each one short transaction in
the store of record. The files are checked first (small CSV files here, workbooks and big files in the
checker's child process) against the published snapshot's catalogue and units (kpi.store.reference, read
once per snapshot); the transaction then re-reads the actor, checks the stored values
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
from kpi.importer import ImportResult
from kpi.reports.limits import Limits
from kpi.store.reference import reference


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
    with records.read_only(db) as rec:
        users.current(rec, actor).require("import")  # refused before the files are even read
    ref = reference(db, today)
    checked, frame = importer.check(paths, ref, limits, actor)
    checked.dry_run = dry_run
    if not checked.ok:
        return checked
    # the store read outside the write lock, so that many imports settle at once; through connect (which creates the
    # store's tables if another process has only just created its file), except for a dry run, which creates nothing
    with (records.read_only if dry_run else records.connect)(db) as rec:
        settled = importer.against_store(rec, ref.units, checked, frame, paths, actor, limits)
    if dry_run or not settled.result.ok:
        return settled.result
    with writing(db, wait) as con:
        if not importer.still_as_of(con, settled, actor):  # a write to one of its communes, or to the account, since
            settled = importer.against_store(con, ref.units, checked, frame, paths, actor, limits)
            if not settled.result.ok:
                return settled.result
        settled.result.batch_id = importer.write(con, settled)
        settled.result.recorded_at = records.stamp()
    return settled.result


def reference_units(db: Path) -> pl.DataFrame:
    """The published snapshot's communes: commune_code, province_code, commune_name (kpi.store.reference)."""
    return reference(db, config.today()).units


@dataclass(frozen=True)
class RollbackResult:
    batch_id: int
    removed: int
    restored: int
    communes: list[str]
    recorded_at: str


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


def batch_communes(db: Path) -> pl.DataFrame:
    """The communes of every import batch (queries/records/batch_communes.sql): batch_id, commune_code."""
    with records.read_only(db) as rec:
        if rec is None:
            return pl.DataFrame(schema={"batch_id": pl.Int64, "commune_code": pl.String})
        return records.run(rec, "batch_communes").cast({"batch_id": pl.Int64, "commune_code": pl.String})
