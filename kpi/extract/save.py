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
from kpi.models import Target, Task
from kpi.saved_plans import Manifest
from kpi.sources import SourceError, SourceErrors, load_indicators, validate_rows

# pydantic's own messages for what a reviewer can type into the grid, in Vietnamese first (the models' own
# rules already are: kpi.models)
BUILT_IN = (
    ("Input should be a valid number", "không phải là số"),
    ("Input should be a valid integer", "không phải là số nguyên"),
    ("Input should be a valid boolean", "phải là có hoặc không"),
    ("String should match pattern", "không đúng dạng (mã chỉ tiêu: chữ thường, số, dấu _)"),
    ("String should have at least 1 character", "thiếu giá trị"),
    ("Field required", "thiếu giá trị"),
    ("Input should be", "không phải là một giá trị cho phép"),
)


def _both_languages(error: SourceError) -> SourceError:
    if " / " in error.message:
        return error
    vi = next((vi for en, vi in BUILT_IN if error.message.startswith(en)), None)
    return SourceError(error.file, error.row, error.field, f"{vi} / {error.message}") if vi else error


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
        raise AccessDenied(f"không có xã mã {commune} / no commune with code {commune}")
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


def _saved_before(what_vi: str, what_en: str, manifest: Manifest) -> str:
    return (f"{what_vi} đã được lưu lúc {manifest.when('vi')} (giờ Việt Nam) bởi {manifest.saved_by} (lần lưu "
            f"{manifest.save_id}) / {what_en} was already saved on {manifest.when('en')} (Vietnam time) by "
            f"{manifest.saved_by} (save {manifest.save_id})")


def _check(data_dir: Path, commune: str, target_rows: list[dict[str, str]], target_numbers: list[int],
           task_rows: list[dict[str, str]], task_numbers: list[int]) -> None:
    """SourceErrors (naming the review sheet, its row and the field) for every row the build would refuse,
    every target outside the catalogue, every task number already used and every row saved before."""
    _, errors = validate_rows(Target, ((n, {**r, "level": "commune"}) for n, r in zip(target_numbers, target_rows, strict=True)), "targets")
    _, task_errors = validate_rows(Task, zip(task_numbers, task_rows, strict=True), "tasks")
    errors += task_errors
    catalogue = {i.code for i in load_indicators()}
    errors += [SourceError("targets", n, "indicator_code",
                           f"{row['indicator_code']!r} không có trong danh mục chỉ tiêu (chọn một chỉ tiêu có sẵn hoặc bổ sung "
                           f"vào data/indicators.yaml trước) / not in the indicator catalogue")
               for n, row in zip(target_numbers, target_rows, strict=True)
               if row["indicator_code"] and row["indicator_code"] not in catalogue]
    saved_targets, saved_seqs = _earlier(data_dir, commune)
    for n, row in zip(target_numbers, target_rows, strict=True):
        earlier = saved_targets.get(tuple(row[c] for c in TARGET_KEY))
        if earlier is not None:
            errors.append(SourceError("targets", n, "(row)", _saved_before("chỉ tiêu này", "this target", earlier)))
    tasks_path = data_dir / "tasks" / f"{commune}.csv"
    curated = set(pl.read_csv(tasks_path, infer_schema_length=0)["seq"]) if tasks_path.is_file() else set()
    seen: set[str] = set()
    for n, row in zip(task_numbers, task_rows, strict=True):
        if row["seq"] in saved_seqs:
            errors.append(SourceError("tasks", n, "seq", _saved_before(f"nhiệm vụ số {row['seq']}", f"task {row['seq']}",
                                                                      saved_seqs[row["seq"]])))
        elif row["seq"] in curated or row["seq"] in seen:
            errors.append(SourceError("tasks", n, "seq", f"số thứ tự {row['seq']} đã có trong kế hoạch của xã / task number already used"))
        seen.add(row["seq"])
    if errors:
        raise SourceErrors(sorted((_both_languages(e) for e in errors), key=lambda e: (e.file != "targets", e.row)))


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
