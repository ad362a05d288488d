"""Accepted candidates into the plan data: appended to data/plans/COMMUNE.csv and data/tasks/COMMUNE.csv,
each row validated as the build validates it (kpi.models), the files replaced whole (never half-written).
The next `python -m kpi build` includes them. Only rows a person accepted reach this module."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from kpi import config
from kpi.extract.review import PLAN_COLUMNS, TASK_COLUMNS
from kpi.models import Target, Task
from kpi.sources import SourceError, SourceErrors, validate_rows


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


def _write(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    old = pl.read_csv(path, infer_schema_length=0) if path.is_file() else pl.DataFrame(schema=dict.fromkeys(columns, pl.String))
    new = pl.DataFrame(rows, schema=dict.fromkeys(columns, pl.String))
    both = pl.concat([old.select(columns), new])
    tmp = path.with_name(f".{path.name}.tmp")
    both.write_csv(tmp)
    tmp.replace(path)


def save_accepted(targets: pl.DataFrame, tasks: pl.DataFrame, commune: str, accepted_by: str,
                  data_dir: Path | None = None) -> tuple[int, int]:
    """Append the accepted targets and tasks of `commune`; SourceErrors (nothing written) if any row is
    invalid, naming the review sheet, its row and the field. Returns how many of each were added."""
    data_dir = data_dir or config.DATA_DIR
    stamp = f"trích xuất tự động, {accepted_by} chấp nhận ngày {date.today():%d/%m/%Y} / extracted, accepted by {accepted_by}"
    target_rows = _rows(targets.with_columns(pl.lit(commune).alias("commune_code"), pl.lit(stamp).alias("note")), PLAN_COLUMNS)
    task_rows = _rows(tasks.with_columns(pl.lit(commune).alias("commune_code")), TASK_COLUMNS)
    _, errors = validate_rows(Target, ((n, {**r, "level": "commune"}) for n, r in enumerate(target_rows, start=2)), "targets")
    _, task_errors = validate_rows(Task, enumerate(task_rows, start=2), "tasks")
    errors += task_errors
    tasks_path = data_dir / "tasks" / f"{commune}.csv"
    taken = set(pl.read_csv(tasks_path, infer_schema_length=0)["seq"]) if tasks_path.is_file() else set()
    seen: set[str] = set()
    for n, row in enumerate(task_rows, start=2):
        if row["seq"] in taken or row["seq"] in seen:
            errors.append(SourceError("tasks", n, "seq", f"số thứ tự {row['seq']} đã có trong kế hoạch của xã / task number already used"))
        seen.add(row["seq"])
    if errors:
        raise SourceErrors(errors)
    if target_rows:
        _write(data_dir / "plans" / f"{commune}.csv", PLAN_COLUMNS, target_rows)
    if task_rows:
        _write(tasks_path, TASK_COLUMNS, task_rows)
    return len(target_rows), len(task_rows)
