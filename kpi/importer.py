"""Import communes' reports (CSV or XLSX): check every row, then write all or nothing into the store of record.

* Checking (kpi.intake): each file is judged before it is parsed (size, type, a workbook's sheets
  and declared dimensions), then parsed and validated row by row (small CSV files in this process,
  workbooks and big files in a child process with a memory limit), against the catalogue and the units
  of the published snapshot (kpi.store.reference); valid rows are streamed to a temporary file. Checks across rows (repeated keys, two period forms for one period end)
  follow. Every problem is reported as FILE:ROW: field: message (in the reader's language).
* Scope (kpi.accounts): the actor must have the import right, and a row for a commune outside their
  scope is an error of its row ("row 7: commune 23548 is outside your scope"), so nothing is written.
* Against the store (`against_store`, on one read of the store before the write's transaction, so that many
  imports settle at once): the actor's role and scope as stored, a period form clashing with a stored one, a
  locked quarter; then which rows are new, updated or unchanged. The read remembers each commune's last
  change; inside the transaction (`still_as_of`) the import writes only if the account and every one of its
  communes are as read, and settles again inside the transaction otherwise: two imports never both judge
  the same stored values.
* Writing (`write`, in the caller's store transaction, kpi.services.values; statements only): the rows
  as imported values (real_value), the batch (file names, sha256, time, row numbers, who), what each value replaced
  (observation_history), the quarters submitted again, the audit row and the change row naming the
  communes whose values changed. The scores follow at the next publication (kpi.store.publisher).
"""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from kpi import approvals, records
from kpi.accounts import AccessDenied, Actor, audit, outside_scope, users
from kpi.i18n import msg
from kpi.intake import checks
from kpi.intake.inspect import ImportFileError, small_csv
from kpi.intake.limits import Limits
from kpi.intake.outcome import ImportResult
from kpi.intake.sandbox import check_in_child
from kpi.intake.validate import COLUMNS, HEADER_VI, VALID_COLUMNS, Checked, RowError, check_files, parse_number
from kpi.records import changes

if TYPE_CHECKING:
    import duckdb

__all__ = ["COLUMNS", "HEADER_VI", "ImportFileError", "ImportResult", "Reference", "RollbackError", "RowError",
           "parse_number"]

KEY = ["commune_code", "indicator_code", "period"]


@dataclass(frozen=True)
class Reference:
    """What an import is validated against, read from the published snapshot: the catalogue's indicators, the
    communes, and each commune's province (for scope)."""

    context: dict
    units: pl.DataFrame  # commune_code, province_code, commune_name


def rows_out_of_scope(units: pl.DataFrame, frame: pl.DataFrame, actor: Actor, files: list[str]) -> list[RowError]:
    """A row error for every valid row whose commune the actor may not write (Actor.covers decides, once
    per distinct commune of the file). units: commune_code, province_code."""
    if not frame.height or actor.covers_all:
        return []
    present = frame.select("commune_code").unique().join(units.select("commune_code", "province_code"),
                                                         on="commune_code", how="left")
    allowed = [code for code, province in present.iter_rows() if actor.covers(code, province)]
    outside = frame.filter(~pl.col("commune_code").is_in(allowed)).sort("file_index", "source_row")
    return [RowError(files[i], int(row), "commune_code", outside_scope(code))
            for code, i, row in outside.select("commune_code", "file_index", "source_row").iter_rows()]


def out_of_scope(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame, actor: Actor, files: list[str]) -> list[RowError]:
    """rows_out_of_scope against the units of a DuckDB database (task reports)."""
    from kpi.db import run_here  # DuckDB: not loaded by a value import, which reads the kept reference

    return rows_out_of_scope(run_here(con, "units", province=None), frame, actor, files)


def check_rows(paths: list[Path], context: dict, limits: Limits, out: Path) -> Checked:
    """Every row checked against the catalogue and the units, valid rows written to `out`: here for small CSV
    files (kpi.intake.inspect.small_csv: a clerk's quarterly report, a few milliseconds), in the checker's child
    process, under its memory and time limits, for workbooks and big files."""
    if small_csv(paths, limits):
        return check_files(paths, context, limits, out)
    return check_in_child(paths, context, limits, out)


def check(paths: list[Path], ref: Reference, limits: Limits, actor: Actor) -> tuple[ImportResult, pl.DataFrame]:
    """Check the files against the catalogue, the units and the actor's scope, and across their rows:
    (result, the rows still valid). Runs before the write's transaction: the heavy part."""
    files = [p.name for p in paths]
    with tempfile.TemporaryDirectory(prefix="kpi-check-") as tmp:
        out = Path(tmp) / "valid.tsv"
        checked = check_rows(paths, ref.context, limits, out)
        frame = pl.read_csv(
            out, separator="\t", has_header=False, new_columns=list(VALID_COLUMNS), quote_char='"',
            schema_overrides={"commune_code": pl.String, "indicator_code": pl.String, "period": pl.String,
                              "period_end": pl.Date, "value": pl.Float64, "file_index": pl.Int32, "source_row": pl.Int64,
                              "evidence": pl.String, "note": pl.String},
        ) if checked.valid else pl.DataFrame(schema={c: pl.String for c in VALID_COLUMNS})
    result = ImportResult(errors=list(checked.errors), error_count=checked.error_count, rows=checked.rows,
                          checker_peak_rss=checked.peak_rss_bytes, valid_rows_bytes=int(frame.estimated_size()))
    if not checked.valid:
        return result, frame
    across, frame = checks.across_rows(frame, files)
    result.add(across + rows_out_of_scope(ref.units, frame, actor, files), limits, files)
    return result, frame


def _stored(con: sqlite3.Connection | None, communes: list[str]) -> pl.DataFrame:
    """The imported values the store holds for these communes."""
    schema = {"commune_code": pl.String, "indicator_code": pl.String, "period": pl.String, "period_end": pl.Date,
              "old_value": pl.Float64, "old_batch": pl.Int64}
    frames = [records.run(con, "import_stored_values", commune=c) for c in communes] if con is not None else []
    frames = [f.with_columns(pl.col("period_end").str.to_date()).cast({"old_value": pl.Float64, "old_batch": pl.Int64})
              for f in frames if f.height]
    return pl.concat(frames) if frames else pl.DataFrame(schema=schema)


def settle(con: sqlite3.Connection | None, result: ImportResult, frame: pl.DataFrame, files: list[str],
           limits: Limits) -> pl.DataFrame:
    """The checks against the store (a period form clashing with a stored value, a locked quarter), then the
    counts of new, updated and unchanged rows on `result`. Returns the rows to write (new and changed, with
    old_value and old_batch: null for a new one). A dry run reads the store as it is; a write calls this
    inside its transaction."""
    stored = _stored(con, sorted(set(frame["commune_code"].to_list())) if frame.height else [])
    clashes = checks.against_stored(
        frame, stored.select(*checks.END, pl.col("period").alias("stored_period"), pl.col("old_batch").alias("stored_batch")),
        files,
    )
    result.add(clashes + approvals.locked_rows(con, frame, files), limits, files)
    if not result.ok:
        return frame.clear()
    incoming = frame.select(
        "commune_code", "indicator_code", "period", "period_end", "value",
        pl.col("file_index").replace_strict(dict(enumerate(files)), return_dtype=pl.String).alias("source"),
        pl.col("source_row").cast(pl.Int64),
        pl.col("evidence").fill_null("").replace("", None), pl.col("note").fill_null("").replace("", None),
    )
    joined = incoming.join(stored.drop("period_end"), on=KEY, how="left")
    new = joined.filter(pl.col("old_value").is_null())
    changed = joined.filter(pl.col("old_value").is_not_null() & (pl.col("old_value") != pl.col("value")))
    result.imported, result.updated = new.height, changed.height
    result.unchanged = joined.height - new.height - changed.height
    return pl.concat([new, changed])


def files_sha256(paths: list[Path]) -> str:
    """One sha256 over the files' bytes in order: what an import or a task report records of its files."""
    digest = hashlib.sha256()
    for p in paths:
        digest.update(p.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Settled:
    """An import checked against the store as one read of it saw it (against_store): the result, what to write,
    and what the read was as of: the actor as the store said, each commune's last change."""

    result: ImportResult
    actor: Actor
    as_of: dict[str, int]
    files: str
    sha256: str
    replaced: list[dict]  # the stored values the changed rows replace (KEY)
    values: list[dict]  # the rows to write, as import_value_upsert takes them (without the batch)
    quarters: list[tuple[str, str]]  # (commune, quarter) submitted again
    communes: list[str]  # whose values change: the publisher rescores them


def as_of(con: sqlite3.Connection | None, communes: list[str]) -> dict[str, int]:
    """Each commune's last change in the store (0: none yet)."""
    if con is None:
        return dict.fromkeys(communes, 0)
    return {c: records.execute(con, "change_last_for_commune", commune=c)[0][0] for c in communes}


def against_store(con: sqlite3.Connection | None, units: pl.DataFrame, checked: ImportResult, frame: pl.DataFrame,
                  paths: list[Path], who: Actor, limits: Limits) -> Settled:
    """The checks against the store (the actor's role and scope as stored, clashing period forms, locked
    quarters) and what to write, on one read of the store: `checked` (check's result) is left as it is."""
    result = replace(checked, errors=list(checked.errors))
    files = [p.name for p in paths]
    communes = sorted(set(frame["commune_code"].to_list()))
    seen = as_of(con, communes)  # first: a write after this read is a later change of one of these communes
    actor = users.current(con, who)
    actor.require("import")
    result.add(rows_out_of_scope(units, frame, actor, files), limits, files)
    writes = settle(con, result, frame, files, limits) if result.ok else None
    if writes is None or not result.ok:
        return Settled(result, actor, seen, ", ".join(files), "", [], [], [], [])
    replaced = writes.filter(pl.col("old_value").is_not_null()).select(*KEY)
    values = writes.drop("old_value", "old_batch").with_columns(pl.col("period_end").cast(pl.String))
    return Settled(result, actor, seen, ", ".join(files), files_sha256(paths), replaced.to_dicts(), values.to_dicts(),
                   approvals.quarters_of(writes), sorted(set(writes["commune_code"].to_list())))


def still_as_of(con: sqlite3.Connection, settled: Settled, who: Actor) -> bool:
    """Inside the write's transaction: nothing the settled import depends on changed since its read (the
    account, and every one of its communes' values, approvals and locks: each of those writes a change row
    naming the commune)."""
    return users.current(con, who) == settled.actor and as_of(con, list(settled.as_of)) == settled.as_of


def write(con: sqlite3.Connection, settled: Settled) -> int:
    """Write a settled import inside the caller's store transaction (still_as_of first): the batch, what the
    changed rows replace, the rows, their quarters submitted again, the audit row and the change row with the
    communes whose values changed. Statements only: everything was worked out before. Returns the batch id."""
    result, actor = settled.result, settled.actor
    [(batch,)] = records.execute(
        con, "import_batch_insert", files=settled.files, sha256=settled.sha256, imported_at=records.stamp(),
        rows_read=result.rows, imported=result.imported, updated=result.updated, unchanged=result.unchanged,
        by=actor.email)
    con.executemany(records.statement("import_save_replaced"), [{**key, "batch": batch} for key in settled.replaced])
    con.executemany(records.statement("import_value_upsert"), [{**row, "batch": batch} for row in settled.values])
    approvals.submit(con, settled.quarters, actor)
    audit_id = audit.record(con, actor, "import", result.summary(), files=settled.files, sha256=settled.sha256,
                            batch=batch)
    changes.record(con, "import", audit_id, settled.communes)
    return batch


class RollbackError(Exception):
    pass


def check_rollback(con: sqlite3.Connection, units: pl.DataFrame, batch: int, actor: Actor) -> tuple[int, int, pl.DataFrame]:
    """Whether this actor (as the store says now) may roll this batch back now: (values to remove, values to
    restore, the values it touched: commune_code, period_end), else RollbackError or AccessDenied. The actor
    needs the rollback right and every commune the batch touched in scope; no quarter it touched locked."""
    actor.require("rollback")
    found = records.execute(con, "rollback_batch", batch=batch)
    if not found:
        raise RollbackError(msg("rollback.no_batch", batch=batch))
    [(rolled_back, removed, restored)] = found
    if rolled_back:
        raise RollbackError(msg("rollback.already", batch=batch))
    replaced_by = [b for (b,) in records.execute(con, "batch_replaced_by", batch=batch)]
    if replaced_by:
        later = ", ".join(map(str, replaced_by))
        raise RollbackError(msg("rollback.replaced", batch=batch, later=later))
    touched = records.run(con, "batch_touched", batch=batch)
    if not touched.height:
        touched = pl.DataFrame(schema={"commune_code": pl.String, "period_end": pl.String})
    where = dict(units.select("commune_code", "province_code").iter_rows())
    outside = [c for c in sorted(set(touched["commune_code"])) if not actor.covers(c, where.get(c))]
    if outside:
        raise AccessDenied(msg("rollback.outside_scope", batch=batch, codes=", ".join(outside)))
    locked = approvals.locked_quarters(con, touched)
    if locked:
        raise RollbackError(msg("rollback.locked", batch=batch, quarters=", ".join(locked)))
    return removed, restored, touched


def rollback(con: sqlite3.Connection, units: pl.DataFrame, batch: int, actor: Actor) -> tuple[int, int, list[str]]:
    """Remove one batch's values and restore what they replaced, inside the caller's store transaction
    (check_rollback first): the batch marked rolled back, its quarters submitted again (approved ones need
    approving again), audited, a change row with its communes. Returns (values removed, values restored,
    the communes touched)."""
    removed, restored, touched = check_rollback(con, units, batch, actor)
    records.execute(con, "rollback_delete", batch=batch)
    records.execute(con, "rollback_restore", batch=batch)
    records.execute(con, "rollback_mark", batch=batch, at=records.stamp(), by=actor.email)
    approvals.mark_submitted(con, touched, actor)
    communes = sorted(set(touched["commune_code"]))
    changes.record(con, "rollback", audit.record(con, actor, "rollback", f"removed {removed}, restored {restored}",
                                                 batch=batch), communes)
    return removed, restored, communes
