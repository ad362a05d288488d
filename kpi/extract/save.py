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


def _write(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    old = pl.read_csv(path, infer_schema_length=0) if path.is_file() else pl.DataFrame(schema=dict.fromkeys(columns, pl.String))
    new = pl.DataFrame(rows, schema=dict.fromkeys(columns, pl.String))
    both = pl.concat([old.select(columns), new])
    tmp = path.with_name(f".{path.name}.tmp")
    both.write_csv(tmp)
    tmp.replace(path)


def _numbers(frame: pl.DataFrame) -> list[int]:
    """The rows' numbers as the reviewer sees them: the review grid's (column `review_row`, 1 for its first
    row) when the frame carries it, else the review workbook's (2 for the first row under the header)."""
    return frame["review_row"].to_list() if "review_row" in frame.columns else list(range(2, frame.height + 2))


def save_accepted(targets: pl.DataFrame, tasks: pl.DataFrame, commune: str, accepted_by: str,
                  data_dir: Path | None = None) -> tuple[int, int]:
    """Append the accepted targets and tasks of `commune`; SourceErrors (nothing written) if any row is
    invalid, naming the review sheet ("targets", "tasks"), its row and the field. Returns how many of each
    were added. Both files are validated before either is replaced."""
    data_dir = data_dir or config.DATA_DIR
    stamp = f"trích xuất tự động, {accepted_by} chấp nhận ngày {date.today():%d/%m/%Y} / extracted, accepted by {accepted_by}"
    target_rows = _rows(targets.with_columns(pl.lit(commune).alias("commune_code"), pl.lit(stamp).alias("note")), PLAN_COLUMNS)
    task_rows = _rows(tasks.with_columns(pl.lit(commune).alias("commune_code")), TASK_COLUMNS)
    target_numbers, task_numbers = _numbers(targets), _numbers(tasks)
    _, errors = validate_rows(Target, ((n, {**r, "level": "commune"}) for n, r in zip(target_numbers, target_rows, strict=True)), "targets")
    _, task_errors = validate_rows(Task, zip(task_numbers, task_rows, strict=True), "tasks")
    errors += task_errors
    catalogue = {i.code for i in load_indicators()}
    errors += [SourceError("targets", n, "indicator_code",
                           f"{row['indicator_code']!r} không có trong danh mục chỉ tiêu (chọn một chỉ tiêu có sẵn hoặc bổ sung "
                           f"vào data/indicators.yaml trước) / not in the indicator catalogue")
               for n, row in zip(target_numbers, target_rows, strict=True)
               if row["indicator_code"] and row["indicator_code"] not in catalogue]
    tasks_path = data_dir / "tasks" / f"{commune}.csv"
    taken = set(pl.read_csv(tasks_path, infer_schema_length=0)["seq"]) if tasks_path.is_file() else set()
    seen: set[str] = set()
    for n, row in zip(task_numbers, task_rows, strict=True):
        if row["seq"] in taken or row["seq"] in seen:
            errors.append(SourceError("tasks", n, "seq", f"số thứ tự {row['seq']} đã có trong kế hoạch của xã / task number already used"))
        seen.add(row["seq"])
    if errors:
        raise SourceErrors(sorted((_both_languages(e) for e in errors), key=lambda e: (e.file != "targets", e.row)))
    if target_rows:
        _write(data_dir / "plans" / f"{commune}.csv", PLAN_COLUMNS, target_rows)
    if task_rows:
        _write(tasks_path, TASK_COLUMNS, task_rows)
    return len(target_rows), len(task_rows)
