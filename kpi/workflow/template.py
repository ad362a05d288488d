"""A task-progress report, row by row: the template's columns and the pydantic model of one row.

The same model checks a row of an imported file (CSV or XLSX, read by kpi.intake.read in the checker's
child process, kpi.intake.sandbox) and the form on Nhiệm vụ (one row, in the page's process). Every
problem is a RowError naming the file, the row and the field, with a message of the catalogue (kpi.i18n).

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
from kpi.i18n import LANGS, Num, Problem, msg, t
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
            raise Problem("task_report.unknown_task", value=repr(v))
        return int(text)

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, v: object) -> str:
        code = _STATUS_ALIASES.get(str(v).strip().lower())
        if code is None:
            raise Problem("task_report.unknown_status", value=repr(v), **{code: msg(f"task.{code}") for code in STATUSES})
        return code

    @field_validator("percent_complete", mode="before")
    @classmethod
    def _percent(cls, v: object) -> float | None:
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        if isinstance(v, Percent):
            return round(float(v) * 100, 9)
        if isinstance(v, bool):
            raise Problem("intake.not_a_number")
        number = float(v) if isinstance(v, int | float) else parse_number(str(v), "comma")
        if not 0 <= number <= 100:
            raise Problem("task_report.progress_bounds", value=f"{number:g}")
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
            raise Problem("task_report.evidence_not_given", names=", ".join(missing))
        return names

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> TaskReportRow:
        commune, wording = info.context["tasks"][self.task_id]
        if self.commune_code != commune:
            raise FieldError("commune_code", msg("task_report.other_commune", task=self.task_id, commune=commune,
                                                 given=self.commune_code))
        if self.task and wording_key(self.task) != wording:
            raise FieldError("task", msg("task_report.wording", task=self.task_id))
        if self.status == "done":
            if not self.evidence:
                raise FieldError("evidence", msg("task_report.done_needs_evidence"))
            if self.percent_complete not in (None, 100):
                raise FieldError("percent_complete", msg("task_report.done_is_100"))
        elif self.status == "not_started" and self.percent_complete not in (None, 0):
            raise FieldError("percent_complete", msg("task_report.not_started_is_0"))
        elif self.status == "in_progress" and self.percent_complete is None:
            raise FieldError("percent_complete", msg("task_report.missing_progress"))
        elif self.status == "in_progress" and self.percent_complete == 100:
            raise FieldError("percent_complete", msg("task_report.hundred_is_done", done=msg("task.done")))
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
        return None, [RowError(file, row, too_long[0], msg("intake.too_long", n=Num(context["max_field_chars"])))]
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
            checked.add(RowError(file, 1, "(file)", msg("intake.empty_file")))
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
                    missing.append(RowError(file, row_no, name, msg("task_report.missing_result", cell=cell.cell)))
                elif cell is not None and not (isinstance(cell, str) and not cell.strip()):
                    raw[name] = _cell(cell)
            for err in missing:
                checked.add(err)
            if not missing and set(raw) - IDENTITY:
                filled += 1
                yield row_no, raw  # a template row left blank is a task not reported this time
        if count == 0 or filled == 0:
            checked.add(RowError(file, 2, "(file)", msg("task_report.nothing_reported")))
    except RowLimit as exc:
        checked.add(RowError(file, exc.row, "(file)", msg("task_report.too_many_rows", n=Num(limits.max_rows))))
    except FieldTooLong as exc:
        checked.add(RowError(file, exc.row, "(row)", msg("intake.too_long", n=Num(limits.max_field_chars))))


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
