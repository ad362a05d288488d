"""Plans: a commune's plan brought in from Trích xuất kế hoạch (kpi.extract), saved as a folder of data/
(kpi.saved_plans) all or nothing with its audit row in the store of record."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import polars as pl

from kpi import config, records, saved_plans
from kpi.accounts import Actor, users
from kpi.db import connect, run
from kpi.extract import save
from kpi.records import changes
from kpi.saved_plans import ACTION, Manifest, audit_files
from kpi.store.snapshots import _fsync


@dataclass(frozen=True)
class SavedPlan:
    save_id: str
    folder: Path  # data/saved_plans/<save_id>
    kept: str  # the kept document's name in it
    targets: int
    tasks: int
    recorded_at: str


def save_plan(db: Path, actor: Actor, *, commune: str, document: str, content: bytes, targets: pl.DataFrame,
              tasks: pl.DataFrame, data_dir: Path | None = None) -> SavedPlan:
    """Save the accepted targets and tasks of `commune`, read from the plan `document` (its bytes: `content`),
    as one saved plan, audited in the store of record.

    AccessDenied if the account, as the store says at the write, may not review the commune; SourceErrors
    (nothing written) if any row is invalid or was saved before. The folder is written hidden first (the heavy
    part, outside the transaction); then one store transaction checks the role and the rows again, inserts the
    audit and change rows, renames the folder into place and commits (kpi.saved_plans: killed anywhere, the
    next writer completes or removes what is left). Folders and audit rows a killed save left are settled first."""
    data_dir = data_dir or config.DATA_DIR
    with connect(db) as con:
        units = run(con, "units", province=None).select("commune_code", "province_code")
    with records.read_only(db) as rec:  # refused early, before any file is written; checked again at the write
        save.may_save(users.current(rec, actor), units, commune)  # no store yet: no account but the server's
    plan = save.prepare(actor, commune, document, content, targets, tasks, data_dir)
    where = saved_plans.root(data_dir)
    final = where / plan.manifest.save_id
    work = saved_plans.start(data_dir, plan.manifest.save_id)
    renamed = False
    try:
        plan.write(work.folder)
        with records.connect(db) as rec, records.transaction(rec):
            save.may_save(users.current(rec, actor), units, commune)
            recover(rec, data_dir)  # what killed saves left (never this one: it holds its flock)
            plan.check(data_dir)  # against every save committed before this one
            record(rec, plan.manifest)
            work.folder.rename(final)  # visible, inside the transaction: no other writer sees it before the commit
            renamed = True
            _fsync(where)
            recorded_at = records.stamp()
    except BaseException:  # the transaction rolled back: no audit row, so no folder (a kill -9 lands in kpi.saved_plans)
        shutil.rmtree(final if renamed else work.folder, ignore_errors=True)
        raise
    finally:
        work.release()
    return SavedPlan(plan.manifest.save_id, final, plan.manifest.kept, plan.manifest.targets, plan.manifest.tasks,
                     recorded_at)


# --- a save's audit row in the store: recorded by the save, or by the next writer from plan.json ----------


def audited(con: sqlite3.Connection) -> set[str]:
    """Save ids with an audit row in the store of record (on this connection: a writer's own transaction)."""
    prefix = f"{saved_plans.FOLDER}/"
    return {f.removeprefix(prefix) for (f,) in records.execute(con, "audit_plan_saves", action=ACTION) if f.startswith(prefix)}


def record(con: sqlite3.Connection, manifest: Manifest, *, completed: bool = False) -> int:
    """The audit row (and the change row) of a save in the store, with the time and the account of the save
    (plan.json); its audit id. completed: recorded by a later writer (the save's process ended between its
    rename and its commit)."""
    detail = manifest.audit_detail() + (" (recorded from plan.json by the next writer)" if completed else "")
    [(audit_id,)] = records.execute(
        con, "audit_insert", at=records.stamp(datetime.fromisoformat(manifest.saved_at)), actor=manifest.saved_by,
        role=manifest.role, action=ACTION, detail=detail, files=audit_files(manifest.save_id), sha256=manifest.sha256,
        batch=None)
    changes.record(con, ACTION, audit_id)  # no score changes until a build reads the folder
    return audit_id


def complete(con: sqlite3.Connection, manifests: list[Manifest]) -> list[str]:
    """Record in the store the audit row of every save among `manifests` it has none of (inside the caller's
    store transaction); their save ids."""
    have = audited(con)
    missing = [m for m in manifests if m.save_id not in have]
    for manifest in missing:
        record(con, manifest, completed=True)
    return [m.save_id for m in missing]


def recover(con: sqlite3.Connection, data_dir: Path | None = None) -> tuple[list[str], list[str]]:
    """What killed saves left, settled by the next writer (inside its store transaction): hidden folders no
    process holds are removed, a visible folder without its audit row gets it in the store. Returns (removed,
    completed) save ids."""
    removed = saved_plans.remove_leftovers(data_dir)
    return removed, complete(con, saved_plans.manifests(data_dir))
