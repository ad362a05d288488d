"""Saved plans: what a reviewer accepted on Trích xuất kế hoạch, one folder per save.

    data/saved_plans/<save_id>/          save_id: the save's UTC time and the commune, e.g. 20261207T101530123456-10510
        <sha256[:16]>.<ext>              the plan document as uploaded, named by its sha256 (as the seeds are)
        targets.csv                      data/plans' columns; seed_file names the kept document
        tasks.csv                        data/tasks' columns; seed_file names the kept document
        plan.json                        the save: commune, document name, full sha256, when, by whom, counts

The build reads every folder as it reads data/plans and data/tasks (kpi.sources), and checks the kept
document against its sha256.

All or nothing with the audit row (the audit log is in the database, the folder in data/):
1. under the writer lock, the folder is written whole as `.writing-<save_id>` (invisible to the build) and the
   audit row is inserted in the writer's copy of the database;
2. one rename makes the folder visible: the commit point;
3. the writer's copy, with the audit row, is published.
A process killed before 2 leaves a hidden folder and no audit row: the next writer removes the folder. Killed
between 2 and 3, the folder is visible without its audit row: the next writer (a save or a build) records the
audit row from plan.json, with the time and the account of the save. The build does so in the snapshot it
publishes, so no database holds a saved plan's targets without the audit row of their save.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from kpi import config
from kpi.db import execute, run_here

FOLDER = "saved_plans"
MANIFEST = "plan.json"
TARGETS, TASKS = "targets.csv", "tasks.csv"
TEMPORARY = ".writing-"
ACTION = "plan_extract"  # the audit log's action for a saved plan (queries/schema.sql)


@dataclass(frozen=True)
class Manifest:
    save_id: str
    commune_code: str
    document: str  # the uploaded file's name, as the reviewer's computer called it
    sha256: str
    kept: str  # the kept document's name in the folder: <sha256[:16]>.<ext>
    saved_at: str  # ISO 8601, UTC
    saved_by: str
    role: str
    targets: int
    tasks: int

    def when(self, lang: str = "vi") -> str:
        """The time of the save in Vietnam time: 07/12/2026 17:15 (vi) or 2026-12-07 17:15 (en)."""
        from kpi.i18n import VIETNAM

        at = datetime.fromisoformat(self.saved_at).astimezone(VIETNAM)
        return f"{at:%d/%m/%Y %H:%M}" if lang == "vi" else f"{at:%Y-%m-%d %H:%M}"

    def audit_detail(self) -> str:
        return f"{self.save_id}: {self.commune_code}: {self.targets} targets, {self.tasks} tasks accepted from {self.document}"


def root(data_dir: Path | None = None) -> Path:
    return (data_dir or config.DATA_DIR) / FOLDER


def folders(data_dir: Path | None = None) -> list[Path]:
    """The visible saved plans, oldest first (a save's id begins with its time)."""
    where = root(data_dir)
    return sorted(p for p in where.iterdir() if p.is_dir() and not p.name.startswith(".")) if where.is_dir() else []


def documents(folder: Path) -> set[str]:
    """The kept document's name (what the folder's rows may cite as seed_file)."""
    return {p.name for p in folder.iterdir() if p.is_file() and p.name not in (MANIFEST, TARGETS, TASKS)}


def read_manifest(folder: Path) -> Manifest:
    """plan.json of a saved folder; ValueError naming what is wrong."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return Manifest(**data)
    except (OSError, ValueError, TypeError) as exc:
        raise ValueError(f"{MANIFEST} thiếu hoặc hỏng / missing or unreadable ({exc.__class__.__name__})") from None


def write_manifest(folder: Path, manifest: Manifest) -> None:
    (folder / MANIFEST).write_text(json.dumps(asdict(manifest), ensure_ascii=False, indent=1), encoding="utf-8")


def audit_files(save_id: str) -> str:
    """The audit row's `files` for a save: the folder it wrote (relative to data/)."""
    return f"{FOLDER}/{save_id}"


def audited(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Save ids with an audit row in this database (on this very connection: a writer's own transaction)."""
    prefix = f"{FOLDER}/"
    return {f.removeprefix(prefix) for f in run_here(con, "audit_plan_saves", action=ACTION)["files"] if f.startswith(prefix)}


def record(con: duckdb.DuckDBPyConnection, manifest: Manifest, *, completed: bool = False) -> None:
    """The audit row of a save, with the time and the account of the save (plan.json). completed: recorded by a
    later writer (the save's process ended after the rename, before publishing its database)."""
    detail = manifest.audit_detail() + (" (recorded from plan.json by the next writer)" if completed else "")
    execute(con, "audit_insert", at=datetime.fromisoformat(manifest.saved_at), actor=manifest.saved_by,
            role=manifest.role, action=ACTION, detail=detail, files=audit_files(manifest.save_id), sha256=manifest.sha256,
            batch=None)


def remove_leftovers(data_dir: Path | None = None) -> list[str]:
    """Remove the hidden folders of saves killed before their rename (call it holding the writer lock)."""
    where = root(data_dir)
    removed = []
    for leftover in where.glob(f"{TEMPORARY}*") if where.is_dir() else []:
        shutil.rmtree(leftover, ignore_errors=True)
        removed.append(leftover.name.removeprefix(TEMPORARY))
    return removed


def complete(con: duckdb.DuckDBPyConnection, manifests: list[Manifest]) -> list[str]:
    """Record the audit row of every save among `manifests` this database has none of; their save ids."""
    have = audited(con)
    missing = [m for m in manifests if m.save_id not in have]
    for manifest in missing:
        record(con, manifest, completed=True)
    return [m.save_id for m in missing]


def recover(con: duckdb.DuckDBPyConnection, data_dir: Path | None = None) -> tuple[list[str], list[str]]:
    """What killed saves left, settled by the next writer (call it holding the writer lock, on the writer's
    connection): hidden folders are removed, a visible folder without its audit row gets it. Returns (removed,
    completed) save ids."""
    removed = remove_leftovers(data_dir)
    manifests = []
    for folder in folders(data_dir):
        try:
            manifests.append(read_manifest(folder))
        except ValueError:
            continue  # the build names it (kpi.sources); nothing to record
    return removed, complete(con, manifests)
