"""Accepted candidates into the plan data: what one saved plan (kpi.saved_plans) holds, the plan document,
the accepted targets and tasks, each row validated as the build validates it (kpi.models), and the folder
written. The write itself, all or nothing with its audit row in the store of record, is
kpi.services.plans.save_plan; the next `python -m kpi build` includes the plan. Only rows a person accepted
reach this module, and only an account that may review the commune's province, as the store says at the write.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from kpi import saved_plans
from kpi.accounts.roles import AccessDenied, Actor, outside_scope
from kpi.extract.review import PLAN_COLUMNS, TASK_COLUMNS
from kpi.i18n import Msg, msg
from kpi.models import Target, Task
from kpi.saved_plans import Manifest
from kpi.sources import SourceError, SourceErrors, load_indicators, validate_rows

# pydantic's own messages for what a reviewer can type into the grid, as catalogue messages (the models' own
# rules already are: kpi.models)
BUILT_IN = (
    ("Input should be a valid number", "source.pydantic.number"),
    ("Input should be a valid integer", "source.pydantic.integer"),
    ("Input should be a valid boolean", "source.pydantic.boolean"),
    ("String should match pattern", "source.pydantic.pattern"),
    ("String should have at least 1 character", "source.pydantic.missing"),
    ("Field required", "source.pydantic.missing"),
    ("Input should be", "source.pydantic.choice"),
)


def _worded(error: SourceError) -> SourceError:
    """pydantic's English as a message of the catalogue, worded in the reader's language where it is shown."""
    if not isinstance(error.message, str):
        return error
    key = next((key for en, key in BUILT_IN if error.message.startswith(en)), None)
    return SourceError(error.file, error.row, error.field, msg(key, said=error.message)) if key else error


def _rows(frame: pl.DataFrame, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Cells as the CSV holds them: text, empty for none, true/false, whole numbers without '.0'."""
    def cell(v: object) -> str:
        if v is None:
            return ""
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)
    return [{c: cell(r.get(c)) for c in columns} for r in frame.iter_rows(named=True)]


def _numbers(frame: pl.DataFrame) -> list[int]:
    """The rows' numbers as the reviewer sees them: the review grid's (column `review_row`, 1 for its first
    row) when the frame carries it, else the review workbook's (2 for the first row under the header)."""
    return frame["review_row"].to_list() if "review_row" in frame.columns else list(range(2, frame.height + 2))


TARGET_KEY = ("indicator_code", "year", "recurring", "comparator", "value", "value_max", "unit", "section", "row", "wording_vi")


def may_save(actor: Actor, units: pl.DataFrame, commune: str) -> None:
    """AccessDenied unless the actor (as the store says now) may review this commune's plan: the review right
    (province reviewers, administrators) and the commune within their scope. units: queries/units.sql."""
    actor.require("review")
    units = units.filter(pl.col("commune_code") == commune)
    if not units.height:
        raise AccessDenied(msg("plan_save.no_commune", code=commune))
    if not actor.covers(commune, units["province_code"][0]):
        raise AccessDenied(outside_scope(commune))


def _earlier(data_dir: Path, commune: str) -> tuple[dict[tuple, Manifest], dict[str, Manifest]]:
    """The targets (by TARGET_KEY) and task numbers this commune's earlier saves hold, with the save of each."""
    targets: dict[tuple, Manifest] = {}
    seqs: dict[str, Manifest] = {}
    for folder in saved_plans.folders(data_dir):
        try:
            manifest = saved_plans.read_manifest(folder)
        except ValueError:
            continue  # the build names it
        if manifest.commune_code != commune:
            continue
        if (folder / saved_plans.TARGETS).is_file():
            for row in pl.read_csv(folder / saved_plans.TARGETS, infer_schema_length=0).iter_rows(named=True):
                targets.setdefault(tuple(row.get(c) or "" for c in TARGET_KEY), manifest)
        if (folder / saved_plans.TASKS).is_file():
            for seq in pl.read_csv(folder / saved_plans.TASKS, infer_schema_length=0)["seq"]:
                seqs.setdefault(seq, manifest)
    return targets, seqs


def _saved_before(what: Msg, manifest: Manifest) -> Msg:
    return msg("plan_save.saved_before", what=what, when_vi=manifest.when("vi"), when_en=manifest.when("en"),
               by=manifest.saved_by, save=manifest.save_id)


def _check(data_dir: Path, commune: str, target_rows: list[dict[str, str]], target_numbers: list[int],
           task_rows: list[dict[str, str]], task_numbers: list[int]) -> None:
    """SourceErrors (naming the review sheet, its row and the field) for every row the build would refuse,
    every target outside the catalogue, every task number already used and every row saved before."""
    _, errors = validate_rows(Target, ((n, {**r, "level": "commune"}) for n, r in zip(target_numbers, target_rows, strict=True)), "targets")
    _, task_errors = validate_rows(Task, zip(task_numbers, task_rows, strict=True), "tasks")
    errors += task_errors
    catalogue = {i.code for i in load_indicators()}
    errors += [SourceError("targets", n, "indicator_code",
                           msg("plan_save.not_in_catalogue", code=repr(row["indicator_code"])))
               for n, row in zip(target_numbers, target_rows, strict=True)
               if row["indicator_code"] and row["indicator_code"] not in catalogue]
    saved_targets, saved_seqs = _earlier(data_dir, commune)
    for n, row in zip(target_numbers, target_rows, strict=True):
        earlier = saved_targets.get(tuple(row[c] for c in TARGET_KEY))
        if earlier is not None:
            errors.append(SourceError("targets", n, "(row)", _saved_before(msg("plan_save.this_target"), earlier)))
    tasks_path = data_dir / "tasks" / f"{commune}.csv"
    curated = set(pl.read_csv(tasks_path, infer_schema_length=0)["seq"]) if tasks_path.is_file() else set()
    seen: set[str] = set()
    for n, row in zip(task_numbers, task_rows, strict=True):
        if row["seq"] in saved_seqs:
            errors.append(SourceError("tasks", n, "seq", _saved_before(msg("plan_save.task", seq=row["seq"]), saved_seqs[row["seq"]])))
        elif row["seq"] in curated or row["seq"] in seen:
            errors.append(SourceError("tasks", n, "seq", msg("plan_save.seq_used", seq=row["seq"])))
        seen.add(row["seq"])
    if errors:
        raise SourceErrors(sorted((_worded(e) for e in errors), key=lambda e: (e.file != "targets", e.row)))


@dataclass(frozen=True)
class Plan:
    """A save ready to be written: its manifest and its rows, each checked."""
    manifest: Manifest
    content: bytes
    target_rows: list[dict[str, str]]
    target_numbers: list[int]
    task_rows: list[dict[str, str]]
    task_numbers: list[int]

    def check(self, data_dir: Path) -> None:
        """SourceErrors for every invalid row or row saved before (run again inside the write's transaction,
        where no other save can land meanwhile)."""
        _check(data_dir, self.manifest.commune_code, self.target_rows, self.target_numbers, self.task_rows,
               self.task_numbers)

    def write(self, folder: Path) -> None:
        """The folder's files, each fsynced: the kept document, targets.csv, tasks.csv, plan.json."""
        (folder / self.manifest.kept).write_bytes(self.content)
        pl.DataFrame(self.target_rows, schema=dict.fromkeys(PLAN_COLUMNS, pl.String)).write_csv(folder / saved_plans.TARGETS)
        pl.DataFrame(self.task_rows, schema=dict.fromkeys(TASK_COLUMNS, pl.String)).write_csv(folder / saved_plans.TASKS)
        saved_plans.write_manifest(folder, self.manifest)
        for path in (*folder.iterdir(), folder):
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def prepare(actor: Actor, commune: str, document: str, content: bytes, targets: pl.DataFrame, tasks: pl.DataFrame,
            data_dir: Path) -> Plan:
    """The save of the accepted targets and tasks of `commune`, read from the plan `document` (its bytes:
    `content`), checked: SourceErrors (nothing written) if any row is invalid or was saved before, naming the
    review sheet ("targets", "tasks"), its row (the grid's `review_row`) and the field."""
    saved_at = datetime.now(UTC)
    sha256 = hashlib.sha256(content).hexdigest()
    kept = f"{sha256[:16]}{Path(document).suffix.lower()}"
    stamp = f"trích xuất tự động, {actor.email} chấp nhận ngày {saved_at:%d/%m/%Y} / extracted, accepted by {actor.email}"
    target_rows = _rows(targets.with_columns(pl.lit(commune).alias("commune_code"), pl.lit(stamp).alias("note"),
                                             pl.lit(kept).alias("seed_file")), PLAN_COLUMNS)
    task_rows = _rows(tasks.with_columns(pl.lit(commune).alias("commune_code"), pl.lit(kept).alias("seed_file")), TASK_COLUMNS)
    manifest = Manifest(save_id=f"{saved_at:%Y%m%dT%H%M%S%f}-{commune}", commune_code=commune, document=Path(document).name,
                        sha256=sha256, kept=kept, saved_at=saved_at.isoformat(), saved_by=actor.email, role=actor.role,
                        targets=len(target_rows), tasks=len(task_rows))
    plan = Plan(manifest, content, target_rows, _numbers(targets), task_rows, _numbers(tasks))
    plan.check(data_dir)
    return plan
