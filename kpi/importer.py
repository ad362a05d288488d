"""Import communes' reports (CSV or XLSX): check every row, then write all or nothing.

* Checking (kpi.reports): each file is judged before it is parsed (size, type, a workbook's sheets
  and declared dimensions), then parsed and validated row by row in a child process with a memory
  limit; valid rows are streamed to a temporary file. Checks across rows (repeated keys, two period
  forms for one period end) and against stored values follow. Every problem is reported as
  FILE:ROW: field: message (Vietnamese / English).
* Scope (kpi.accounts): the actor must have the import right, and a row for a commune outside their
  scope is an error of its row ("row 7: commune 23548 is outside your scope"), so nothing is written.
  The role is read again from the database being written, not taken from the page that asked.
* Writing: one transaction upserts the rows as real values (is_demo = false), records the batch
  (file names, sha256, time, row numbers, who) and what each value replaced, writes the audit row and
  recomputes the scores. A failure anywhere, or a killed process, leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import os
import signal
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl

from kpi import config, scores
from kpi.accounts import AccessDenied, Actor, audit, outside_scope, users
from kpi.db import execute, run, run_here, transaction
from kpi.reports import checks
from kpi.reports.inspect import ImportFileError
from kpi.reports.limits import Limits
from kpi.reports.sandbox import check_in_child
from kpi.reports.validate import COLUMNS, HEADER_VI, VALID_COLUMNS, RowError, parse_number
from kpi.workflow import review

__all__ = ["COLUMNS", "HEADER_VI", "ImportFileError", "ImportResult", "RowError", "import_files", "parse_number", "rollback"]


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)  # the first Limits.max_errors_listed
    error_count: int = 0
    rows: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    batch_id: int | None = None
    dry_run: bool = False
    checker_peak_rss: int = 0  # bytes: the child process that parsed and validated the files
    valid_rows_bytes: int = 0  # the valid rows held in this process (a polars frame)

    @property
    def ok(self) -> bool:
        return not self.error_count

    def summary(self) -> str:
        """DHIS2's import summary."""
        return f"imported {self.imported}, updated {self.updated}, unchanged {self.unchanged}, ignored 0"


def validation_context(con: duckdb.DuckDBPyConnection, today: date) -> dict:
    indicators = {
        code: (lower, upper, unit, kind)
        for code, lower, upper, unit, kind in run(con, "indicators", group=None)
        .select("indicator_code", "lower_bound", "upper_bound", "unit", "kind")
        .iter_rows()
    }
    communes = set(run(con, "units", province=None)["commune_code"])
    return {"indicators": indicators, "communes": communes, "today": today}


def out_of_scope(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame, actor: Actor, files: list[str]) -> list[RowError]:
    """A row error for every valid row whose commune the actor may not write (Actor.covers decides, once
    per distinct commune of the file)."""
    if not frame.height:
        return []
    units = run_here(con, "units", province=None).select("commune_code", "province_code")
    present = frame.select("commune_code").unique().join(units, on="commune_code", how="left")
    allowed = [code for code, province in present.iter_rows() if actor.covers(code, province)]
    outside = frame.filter(~pl.col("commune_code").is_in(allowed)).sort("file_index", "source_row")
    return [RowError(files[i], int(row), "commune_code", outside_scope(code))
            for code, i, row in outside.select("commune_code", "file_index", "source_row").iter_rows()]


def check(
    con: duckdb.DuckDBPyConnection, paths: list[Path], today: date, limits: Limits | None = None,
    actor: Actor | None = None,
) -> tuple[ImportResult, pl.DataFrame]:
    """Check the files against the catalogue, the units, the actor's scope and the stored values:
    (result, valid rows)."""
    limits = limits or Limits.from_env()
    files = [p.name for p in paths]
    with tempfile.TemporaryDirectory(prefix="kpi-check-") as tmp:
        out = Path(tmp) / "valid.tsv"
        checked = check_in_child(paths, validation_context(con, today), limits, out)
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
    stored = run_here(con, "import_real_values")
    clashes = checks.against_stored(
        frame, stored.select(*checks.END, pl.col("period").alias("stored_period"), pl.col("old_batch").alias("stored_batch")),
        files,
    )
    scope = out_of_scope(con, frame, actor, files) if actor is not None else []
    locked = review.locked_rows(con, frame, files)
    for error in across + clashes + scope + locked:
        result.error_count += 1
        if len(result.errors) < limits.max_errors_listed:
            result.errors.append(error)
    order = {name: n for n, name in enumerate(files)}
    result.errors.sort(key=lambda e: (order.get(e.file, len(files)), e.row))
    return result, frame


# --- writing ---------------------------------------------------------------------------------


def files_sha256(paths: list[Path]) -> str:
    """One sha256 over the files' bytes in order: what an import or a task report records of its files."""
    digest = hashlib.sha256()
    for p in paths:
        digest.update(p.read_bytes())
    return digest.hexdigest()


def _kill_point(stage: str) -> None:
    """Test hook: KPI_IMPORT_KILL_AT=stage makes the process kill itself there (mid-transaction)."""
    if os.environ.get("KPI_IMPORT_KILL_AT") == stage:
        os.kill(os.getpid(), signal.SIGKILL)


def import_files(
    con: duckdb.DuckDBPyConnection, paths: list[Path], *, actor: Actor, dry_run: bool = False,
    today: date | None = None, limits: Limits | None = None,
) -> ImportResult:
    """Check the files and, if every row is valid and this is not a dry run, write them in one transaction.

    actor: who imports (Actor.server_admin() for the server's command line); raises AccessDenied if their
    role cannot import. Rows outside their scope are errors."""
    today = today or config.today()
    actor = users.current(con, actor)
    actor.require("import")
    result, valid = check(con, paths, today, limits, actor)
    result.dry_run = dry_run
    if not result.ok:
        return result
    files = [p.name for p in paths]
    incoming = valid.select(
        "commune_code", "indicator_code", "period", "period_end", "value",
        pl.col("file_index").replace_strict(dict(enumerate(files)), return_dtype=pl.String).alias("source"),
        pl.col("source_row").cast(pl.Int32),
        pl.col("evidence").fill_null("").replace("", None), pl.col("note").fill_null("").replace("", None),
    )
    existing = run_here(con, "import_real_values").drop("period_end")
    joined = incoming.join(existing, on=["commune_code", "indicator_code", "period"], how="left")
    new = joined.filter(pl.col("old_value").is_null())
    changed = joined.filter(pl.col("old_value").is_not_null() & (pl.col("old_value") != pl.col("value")))
    same = joined.height - new.height - changed.height
    result.imported, result.updated, result.unchanged = new.height, changed.height, same
    if dry_run:
        return result

    writes = pl.concat([new, changed]).drop("old_value", "old_batch")
    with transaction(con):
        [(batch_id,)] = execute(
            con, "import_new_batch", files=", ".join(p.name for p in paths), sha256=files_sha256(paths),
            imported_at=datetime.now(UTC), rows_read=result.rows, imported=result.imported, updated=result.updated,
            unchanged=result.unchanged, by=actor.email,
        )
        con.register("replaced", changed)
        execute(con, "import_save_replaced", batch=batch_id)
        execute(con, "import_delete_replaced")
        con.unregister("replaced")
        _kill_point("after_delete")
        con.register("writes", writes)
        execute(con, "import_insert_values", batch=batch_id)
        con.unregister("writes")
        review.mark_submitted(con, writes, actor)
        _kill_point("after_insert")
        audit.record(con, actor, "import", result.summary(), files=", ".join(files), sha256=files_sha256(paths), batch=batch_id)
        scores.refresh(con)
        _kill_point("before_commit")
    result.batch_id = batch_id
    return result


class RollbackError(Exception):
    pass


def check_rollback(con: duckdb.DuckDBPyConnection, batch_id: int, actor: Actor) -> tuple[Actor, int, int]:
    """Whether this actor may roll this batch back now: (the actor as the database says, values to remove,
    values to restore), else RollbackError or AccessDenied. The actor needs the rollback right and every
    commune the batch touched in scope."""
    actor = users.current(con, actor)
    actor.require("rollback")
    found = execute(con, "rollback_batch", batch=batch_id)
    if not found:
        raise RollbackError(f"không có lô nhập {batch_id} / no import batch {batch_id}")
    [(rolled_back, removed, restored, replaced_by)] = found
    if rolled_back:
        raise RollbackError(f"lô {batch_id} đã được hoàn tác / batch {batch_id} was already rolled back")
    if replaced_by:
        later = ", ".join(map(str, replaced_by))
        raise RollbackError(
            f"lô {batch_id} đã bị lô {later} ghi đè một phần: hoàn tác các lô đó trước / "
            f"batch {batch_id} was partly replaced by batch(es) {later}: roll those back first"
        )
    outside = [c for c, p in execute(con, "batch_units", batch=batch_id) if not actor.covers(c, p)]
    if outside:
        raise AccessDenied(f"lô {batch_id} có số liệu của xã ngoài phạm vi của bạn: {', '.join(outside)} / "
                           f"batch {batch_id} has values of communes outside your scope: {', '.join(outside)}")
    locked = [f"{c} {q}" for c, q in execute(con, "batch_locked", batch=batch_id)]
    if locked:
        raise RollbackError(f"lô {batch_id} có số liệu của kỳ đã khóa ({', '.join(locked)}): đề nghị mở khóa trước / batch "
                            f"{batch_id} has values of locked quarters ({', '.join(locked)}): unlock them first")
    return actor, removed, restored


def rollback(con: duckdb.DuckDBPyConnection, batch_id: int, *, actor: Actor) -> tuple[int, int]:
    """Remove one batch's values and restore what they replaced (check_rollback first). Returns (values
    removed, values restored)."""
    actor, removed, restored = check_rollback(con, batch_id, actor)
    with transaction(con):
        execute(con, "rollback_delete", batch=batch_id)
        touched = run_here(con, "batch_touched", batch=batch_id)
        execute(con, "rollback_restore", batch=batch_id)
        execute(con, "rollback_mark", batch=batch_id, at=datetime.now(UTC), by=actor.email)
        review.mark_submitted(con, touched, actor)  # the quarters' values changed: approved ones need approving again
        audit.record(con, actor, "rollback", f"removed {removed}, restored {restored}", batch=batch_id)
        scores.refresh(con)
    return removed, restored
