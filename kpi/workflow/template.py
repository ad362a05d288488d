"""A task-progress report, row by row: the template's columns and the pydantic model of one row.

The same model checks a row of an imported file (CSV or XLSX, read by kpi.intake.read in the checker's
child process, kpi.intake.sandbox) and the form on Nhiệm vụ (one row, in the page's process). Every
problem is a RowError naming the file, the row and the field, in Vietnamese and English.

Seed 003, IV.2.2: a task reported done must carry an evidence file; so "done" without evidence is an
error of its row, and "done" means 100%.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator, model_validator

from kpi.errors import FieldError
from kpi.i18n import LANGS, t
from kpi.intake.inspect import en, vi
from kpi.intake.limits import Limits
from kpi.intake.read import FieldTooLong, MissingResult, Percent, RowLimit, read
from kpi.intake.validate import Checked, RowError, map_header, parse_number, plain_text, row_errors

COLUMNS = ("commune_code", "task_id", "seq", "task", "status", "percent_complete", "note", "evidence")
REQUIRED = ("commune_code", "task_id", "status")
IDENTITY = {"commune_code", "task_id", "seq", "task"}  # what the template fills in: the rest is the report
HEADER_VI = {
    "commune_code": "Mã xã", "task_id": "Mã nhiệm vụ", "seq": "STT", "task": "Nhiệm vụ", "status": "Tình trạng",
    "percent_complete": "Tiến độ (%)", "note": "Ghi chú", "evidence": "Minh chứng",
}
ALIASES = {name: name for name in COLUMNS} | {v.lower(): k for k, v in HEADER_VI.items()}
STATUSES = ("not_started", "in_progress", "done")
# A file may say a status by its code or by its words in either language (the catalogue's task.<status>).
_STATUS_ALIASES = {w.lower(): code for code in STATUSES for w in (code, *(t(f"task.{code}", lang) for lang in LANGS))}
# The valid rows handed back by the checker (tab-separated): evidence names joined by EVIDENCE_SEP.
VALID_COLUMNS = ("task_id", "commune_code", "status", "percent_complete", "note", "evidence", "file_index", "source_row")
EVIDENCE_SEP = ";"


def wording_key(text: str) -> str:
    """A task's wording compared the way a person would: NFC, case and spacing ignored."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().casefold()


class TaskReportRow(BaseModel):
    """One reported task. Context: tasks {task_id: (commune_code, wording_key)}, evidence (the names of
    the evidence files given with the report)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    commune_code: str
    task_id: int
    seq: str = ""
    task: str = ""
    status: str
    percent_complete: float | None = None
    note: str = ""
    evidence: tuple[str, ...] = ()

    @field_validator("commune_code", mode="before")
    @classmethod
    def _commune(cls, v: object) -> str:
        code = str(v).strip()
        return code.zfill(5) if code.isdigit() and len(code) < 5 else code  # Excel drops leading zeros

    @field_validator("task_id", mode="before")
    @classmethod
    def _task(cls, v: object, info: ValidationInfo) -> int:
        text = str(v).strip()
        if not text.isdigit() or int(text) not in info.context["tasks"]:
            raise ValueError(f"mã nhiệm vụ không tồn tại / unknown task id {v!r}: tải mẫu mới / download a new template")
        return int(text)

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, v: object) -> str:
        code = _STATUS_ALIASES.get(str(v).strip().lower())
        if code is None:
            words = {lang: ", ".join(t(f"task.{code}", lang) for code in STATUSES) for lang in LANGS}
            raise ValueError(f"tình trạng không hợp lệ {v!r} (dùng: {words['vi']}) / unknown status {v!r} "
                             f"(use: {words['en']})")
        return code

    @field_validator("percent_complete", mode="before")
    @classmethod
    def _percent(cls, v: object) -> float | None:
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        if isinstance(v, Percent):
            return round(float(v) * 100, 9)
        if isinstance(v, bool):
            raise ValueError("không phải là số / not a number")
        number = float(v) if isinstance(v, int | float) else parse_number(str(v), "comma")
        if not 0 <= number <= 100:
            raise ValueError(f"tiến độ {number:g} ngoài miền [0, 100] / progress out of bounds [0, 100]")
        return number

    @field_validator("seq", "task", "note", mode="before")
    @classmethod
    def _text(cls, v: object) -> str:
        return plain_text(v)

    @field_validator("evidence", mode="before")
    @classmethod
    def _evidence(cls, v: object, info: ValidationInfo) -> tuple[str, ...]:
        names = tuple(n.strip() for n in (v if isinstance(v, list | tuple) else str(v).split(EVIDENCE_SEP)) if n.strip())
        given = info.context["evidence"]
        missing = [n for n in names if n not in given]
        if missing:
            raise ValueError(f"không có tệp minh chứng {', '.join(missing)} kèm theo báo cáo / evidence file(s) "
                             f"{', '.join(missing)} not given with the report")
        return names

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> TaskReportRow:
        commune, wording = info.context["tasks"][self.task_id]
        if self.commune_code != commune:
            raise FieldError("commune_code", f"nhiệm vụ {self.task_id} thuộc xã {commune}, không phải {self.commune_code} / "
                                             f"task {self.task_id} belongs to commune {commune}, not {self.commune_code}")
        if self.task and wording_key(self.task) != wording:
            raise FieldError("task", f"nội dung không khớp nhiệm vụ {self.task_id}: tải mẫu mới / the wording does not match "
                                     f"task {self.task_id}: download a new template")
        if self.status == "done":
            if not self.evidence:
                raise FieldError("evidence", "báo cáo hoàn thành phải kèm tệp minh chứng / a task reported done needs an "
                                             "evidence file")
            if self.percent_complete not in (None, 100):
                raise FieldError("percent_complete", "hoàn thành là 100% / done means 100%")
        elif self.status == "not_started" and self.percent_complete not in (None, 0):
            raise FieldError("percent_complete", "chưa bắt đầu là 0% / not started means 0%")
        elif self.status == "in_progress" and self.percent_complete is None:
            raise FieldError("percent_complete", "thiếu tiến độ (%) / missing progress (%)")
        elif self.status == "in_progress" and self.percent_complete == 100:
            raise FieldError("percent_complete", "100% là hoàn thành: chọn “Hoàn thành” và kèm minh chứng / 100% is done: "
                                                 "report it as done, with evidence")
        return self

    @property
    def percent(self) -> float:
        return {"done": 100.0, "not_started": 0.0}.get(self.status, self.percent_complete or 0.0)


def template_csv(tasks: Iterable[tuple[str, int, str, str]]) -> bytes:
    """The template: one row per (commune_code, task_id, seq, task), the rest to fill in (UTF-8 with BOM,
    ";" like Excel set to Vietnamese, the Vietnamese headers)."""
    sink = io.StringIO()
    writer = csv.writer(sink, delimiter=";", lineterminator="\r\n")
    writer.writerow([HEADER_VI[c] for c in COLUMNS])
    for commune, task_id, seq, task in tasks:
        writer.writerow([commune, task_id, seq, task, "", "", "", ""])
    return ("\ufeff" + sink.getvalue()).encode("utf-8")


def validate(raw: dict, context: dict, file: str, row: int) -> tuple[TaskReportRow | None, list[RowError]]:
    """One row (field name to cell) as a TaskReportRow, or its errors."""
    too_long = [n for n, c in raw.items() if isinstance(c, str) and len(c) > context.get("max_field_chars", 10_000)]
    if too_long:
        return None, [RowError(file, row, too_long[0], f"ô dài quá {vi(context['max_field_chars'])} ký tự / a cell is longer "
                                                       f"than {en(context['max_field_chars'])} characters")]
    try:
        return TaskReportRow.model_validate(raw, context=context), []
    except ValidationError as exc:
        return None, row_errors(exc, file, row)


def _cell(cell: object) -> object:
    if isinstance(cell, float) and not isinstance(cell, Percent) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, int) and not isinstance(cell, bool):
        return str(cell)
    return cell.strip() if isinstance(cell, str) else cell


def _rows(path: Path, limits: Limits, checked: Checked) -> Iterable[tuple[int, dict]]:
    file = path.name
    try:
        header, rows = read(path, limits)
        if not header:
            checked.add(RowError(file, 1, "(file)", "tệp rỗng / empty file"))
            return
        mapping, header_errors = map_header(header, file, ALIASES, REQUIRED)
        for err in header_errors:
            checked.add(err)
        if header_errors:
            return
        count = filled = 0
        for row_no, cells in rows:
            count += 1
            checked.rows += 1
            raw, missing = {}, []
            for i, name in mapping.items():
                cell = cells[i] if i < len(cells) else None
                if isinstance(cell, MissingResult):
                    missing.append(RowError(file, row_no, name, f"ô {cell.cell} là công thức chưa có kết quả tính / cell "
                                                                f"{cell.cell} is a formula saved without its result"))
                elif cell is not None and not (isinstance(cell, str) and not cell.strip()):
                    raw[name] = _cell(cell)
            for err in missing:
                checked.add(err)
            if not missing and set(raw) - IDENTITY:
                filled += 1
                yield row_no, raw  # a template row left blank is a task not reported this time
        if count == 0 or filled == 0:
            checked.add(RowError(file, 2, "(file)", "không có nhiệm vụ nào được báo cáo (cột Tình trạng trống) / no task is "
                                                    "reported (the status column is empty)"))
    except RowLimit as exc:
        checked.add(RowError(file, exc.row, "(file)", f"quá {vi(limits.max_rows)} dòng dữ liệu / more than "
                                                      f"{en(limits.max_rows)} data rows"))
    except FieldTooLong as exc:
        checked.add(RowError(file, exc.row, "(row)", f"ô dài quá {vi(limits.max_field_chars)} ký tự / a cell is longer "
                                                     f"than {en(limits.max_field_chars)} characters"))


def check_files(paths: list[Path], context: dict, limits: Limits, out: Path) -> Checked:
    """Validate every row of every task-report file, writing valid rows to `out` (tab-separated,
    VALID_COLUMNS). Runs in the checker's child process (kpi.intake.sandbox, kind "tasks")."""
    checked = Checked(limit=limits.max_errors_listed)
    context = {**context, "max_field_chars": limits.max_field_chars}
    with out.open("w", encoding="utf-8", newline="") as sink:
        writer = csv.writer(sink, delimiter="\t", lineterminator="\n")
        for index, path in enumerate(paths):
            for row_no, raw in _rows(path, limits, checked):
                data, errors = validate(raw, context, path.name, row_no)
                for err in errors:
                    checked.add(err)
                if data is not None:
                    checked.valid += 1
                    writer.writerow((data.task_id, data.commune_code, data.status, repr(data.percent), data.note,
                                     EVIDENCE_SEP.join(data.evidence), index, row_no))
    return checked
