"""Saved plans: what a reviewer accepted on Trích xuất kế hoạch, one folder per save.

    data/saved_plans/<save_id>/          save_id: the save's UTC time and the commune, e.g. 20261207T101530123456-10510
        <sha256[:16]>.<ext>              the plan document as uploaded, named by its sha256 (as the seeds are)
        targets.csv                      data/plans' columns; seed_file names the kept document
        tasks.csv                        data/tasks' columns; seed_file names the kept document
        plan.json                        the save: commune, document name, full sha256, when, by whom, counts

The build reads every folder as it reads data/plans and data/tasks (kpi.sources), and checks the kept
document against its sha256.

All or nothing with the audit row (the audit log is in the store of record, the folder in data/), by
kpi.services.plans.save_plan:
1. the folder is written whole as `.writing-<save_id>` (invisible to the build), its writer holding an flock on
   it while it lives;
2. in ONE store transaction (BEGIN IMMEDIATE: one save at a time): the role and scope are read again, the rows
   checked again against the saves before, the audit row and the change row inserted, then the folder renamed
   into place (the parent directory fsynced), then COMMIT.
A process killed before the rename leaves a hidden folder and no audit row (its transaction rolled back): the
next writer removes the folder (once no process holds its flock). Killed between the rename and the COMMIT, the
folder is visible without its audit row: the next writer (a save, or a build before it folds the store) records
the audit row in the store from plan.json, with the time and the account of the save. A save's folder is never
visible to another writer before its transaction ends (the rename happens inside it), so no audit row is
recorded twice.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from kpi import config
from kpi.i18n import Problem

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
        raise Problem("saved_plan.manifest", name=MANIFEST, why=exc.__class__.__name__) from None


def write_manifest(folder: Path, manifest: Manifest) -> None:
    (folder / MANIFEST).write_text(json.dumps(asdict(manifest), ensure_ascii=False, indent=1), encoding="utf-8")


def audit_files(save_id: str) -> str:
    """The audit row's `files` for a save: the folder it wrote (relative to data/)."""
    return f"{FOLDER}/{save_id}"


@dataclass
class Working:
    """A save's hidden folder, locked (flock) by the process writing it until `release`."""
    folder: Path
    fd: int

    def release(self) -> None:
        os.close(self.fd)


def start(data_dir: Path | None, save_id: str) -> Working:
    """Create a save's hidden folder and lock it: remove_leftovers leaves it alone while this process lives."""
    folder = root(data_dir) / f"{TEMPORARY}{save_id}"
    folder.mkdir(parents=True)
    fd = os.open(folder, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return Working(folder, fd)


def remove_leftovers(data_dir: Path | None = None) -> list[str]:
    """Remove the hidden folders of saves killed before their rename: those no living process holds (flock)."""
    where = root(data_dir)
    removed = []
    for leftover in where.glob(f"{TEMPORARY}*") if where.is_dir() else []:
        try:
            fd = os.open(leftover, os.O_RDONLY)
        except FileNotFoundError:  # renamed or removed meanwhile
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # a save is writing it now
            continue
        finally:
            os.close(fd)
        shutil.rmtree(leftover, ignore_errors=True)
        removed.append(leftover.name.removeprefix(TEMPORARY))
    return removed


def manifests(data_dir: Path | None = None) -> list[Manifest]:
    """plan.json of every visible saved plan (an unreadable one is left to the build, which names it)."""
    found = []
    for folder in folders(data_dir):
        try:
            found.append(read_manifest(folder))
        except ValueError:
            continue  # the build names it (kpi.sources); nothing to record
    return found
