"""Import communes' reports (CSV or XLSX): validate every row, then write all or nothing.

* Reading: CSV in UTF-8 (with or without BOM), UTF-16 or Windows-1258, separated by comma,
  semicolon or tab; XLSX through polars (fastexcel). Headers in English or Vietnamese.
* Validation: each row through the pydantic model ReportRow, with the catalogue and the units as
  context: known commune, known indicator, a valid period not in the future, a number within the
  indicator's bounds, no key repeated within the files. Every problem is reported as
  FILE:ROW: field: message (Vietnamese / English).
* Writing: one transaction upserts the rows as real values (is_demo = false), records the batch
  (file names, sha256, time, row numbers) and what each value replaced, and recomputes the scores.
  A failure anywhere, or a killed process, leaves the database as it was.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import signal
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl
from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator, model_validator

from kpi import config
from kpi.db import build_info, execute, run, run_here
from kpi.models import FieldError
from kpi.periods import Period, parse_period, quarters

COLUMNS = ("commune_code", "indicator_code", "period", "value", "evidence", "note")
REQUIRED = COLUMNS[:4]
HEADER_VI = {
    "commune_code": "Mã xã", "indicator_code": "Mã chỉ tiêu", "period": "Kỳ báo cáo",
    "value": "Giá trị", "evidence": "Minh chứng", "note": "Ghi chú",
}
HEADER_ALIASES = {name: name for name in COLUMNS} | {vi.lower(): name for name, vi in HEADER_VI.items()}


class ImportFileError(Exception):
    """The file cannot be read at all (missing, not a spreadsheet, undecodable): exit code 2."""


@dataclass(frozen=True)
class RowError:
    file: str
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.field}: {self.message}"


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    batch_id: int | None = None
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """DHIS2's import summary."""
        return f"imported {self.imported}, updated {self.updated}, unchanged {self.unchanged}, ignored 0"


# --- reading ---------------------------------------------------------------------------------


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-8-sig" if raw.startswith(b"\xef") else "utf-16"
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as exc:
            raise ImportFileError(f"{name}: tệp {codec} bị lỗi mã hóa / invalid {codec} text ({exc.reason})") from None
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = raw.decode("cp1258")
            except UnicodeDecodeError as exc:
                raise ImportFileError(
                    f"{name}: không đọc được mã hóa ký tự (dùng UTF-8, UTF-16 hoặc Windows-1258) / "
                    f"cannot decode the text: use UTF-8, UTF-16 or Windows-1258 ({exc.reason})"
                ) from None
    if "\x00" in text:  # UTF-32, or a binary file
        raise ImportFileError(
            f"{name}: mã hóa ký tự không hỗ trợ (dùng UTF-8, UTF-16 hoặc Windows-1258) / "
            "unsupported text encoding (NUL characters): use UTF-8, UTF-16 or Windows-1258"
        )
    return unicodedata.normalize("NFC", text)


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header cells and (spreadsheet row number, cells) of each data row."""
    if not path.is_file():
        raise ImportFileError(f"{path.name}: không tìm thấy tệp / file not found")
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        try:
            frame = pl.read_excel(path, infer_schema_length=0, has_header=False, raise_if_empty=False)
        except Exception as exc:  # fastexcel raises its own types for corrupt workbooks
            reason = str(exc).strip().splitlines()[0]
            raise ImportFileError(f"{path.name}: không đọc được tệp Excel / cannot read the workbook ({reason})") from None
        rows = [["" if v is None else str(v) for v in r] for r in frame.iter_rows()]
        if not rows:
            return [], iter(())
        return rows[0], ((n, r) for n, r in enumerate(rows[1:], 2))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"{path.name}: {exc.strerror}") from None
    text = _decode(raw, path.name)
    if not text.strip():
        return [], iter(())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]))
    header = next(reader, [])
    return header, ((reader.line_num, r) for r in reader)


def map_header(header: list[str], file: str) -> tuple[dict[int, str], list[RowError]]:
    errors, mapping = [], {}
    for i, cell in enumerate(header):
        key = unicodedata.normalize("NFC", cell).strip().lower()
        name = HEADER_ALIASES.get(key)
        if name is None and len(header) == 1 and any(sep in cell for sep in "|:/"):
            errors.append(RowError(file, 1, "(header)", "dấu phân cách không hỗ trợ: dùng dấu phẩy, chấm phẩy hoặc tab / "
                                   f"unsupported delimiter in {cell!r}: use comma, semicolon or tab"))
        elif name is None:
            errors.append(RowError(file, 1, cell or f"(cột {i + 1})", f"cột không có trong mẫu / unexpected column {cell!r}"))
        elif name in mapping.values():
            errors.append(RowError(file, 1, name, "cột bị lặp / repeated column"))
        else:
            mapping[i] = name
    for name in REQUIRED:
        if name not in mapping.values():
            errors.append(RowError(file, 1, name, "thiếu cột bắt buộc / missing required column"))
    return mapping, errors


# --- validation ------------------------------------------------------------------------------

_PLAIN = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")  # 85, 85.5, 85,5 (a lone comma is the decimal comma)
_DOT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 1.234,5 (Vietnamese)
_COMMA_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")  # 1,234.5 (English)


def parse_number(text: str) -> float:
    """'85%', '85,5', '85.5', '1.234,5' and '1,234.5' are numbers; anything else is not."""
    s = text.strip().replace("\u00a0", "").replace(" ", "").removesuffix("%")
    if _PLAIN.match(s):
        return float(s.replace(",", "."))
    if _DOT_THOUSANDS.match(s):
        return float(s.replace(".", "").replace(",", "."))
    if _COMMA_THOUSANDS.match(s):
        return float(s.replace(",", ""))
    raise ValueError("không phải là số / not a number")


class ReportRow(BaseModel):
    """One row of a report, checked against the catalogue and units given as validation context."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    commune_code: str
    indicator_code: str
    period: str
    value: float
    evidence: str = ""
    note: str = ""

    @field_validator("commune_code", mode="before")
    @classmethod
    def _commune(cls, v: str, info: ValidationInfo) -> str:
        code = str(v).strip()
        if code.isdigit() and len(code) < 5:
            code = code.zfill(5)  # Excel drops leading zeros: 5851 is 05851
        if code not in info.context["communes"]:
            raise ValueError(f"mã xã không tồn tại / unknown commune code {v!r}")
        return code

    @field_validator("indicator_code", mode="before")
    @classmethod
    def _indicator(cls, v: str, info: ValidationInfo) -> str:
        code = str(v).strip()
        if code not in info.context["indicators"]:
            raise ValueError(f"mã chỉ tiêu không tồn tại / unknown indicator code {v!r}")
        return code

    @field_validator("period", mode="before")
    @classmethod
    def _period(cls, v: str, info: ValidationInfo) -> str:
        period = parse_period(str(v))
        start = period_start(period)
        if start > info.context["today"]:
            raise ValueError(f"kỳ báo cáo ở tương lai / period {period.label} is in the future")
        return period.label

    @field_validator("evidence", "note", mode="before")
    @classmethod
    def _text(cls, v: object) -> str:
        text = str(v).strip()
        if re.match(r"^[=+@]|^-\S", text):
            raise ValueError("ô giống công thức Excel (bắt đầu bằng = + - @) / formula-like text is not accepted")
        return text

    @field_validator("value", mode="before")
    @classmethod
    def _value(cls, v: object) -> float:
        return v if isinstance(v, float | int) else parse_number(str(v))

    @model_validator(mode="after")
    def _bounds(self, info: ValidationInfo) -> ReportRow:
        lower, upper, unit = info.context["indicators"][self.indicator_code]
        if not lower <= self.value <= upper:
            raise FieldError(
                "value",
                f"giá trị {self.value:g} ngoài miền [{lower:g}, {upper:g}] {unit} / value out of bounds [{lower:g}, {upper:g}]",
            )
        return self


def period_start(period: Period) -> date:
    if period.kind == "year":
        return date(period.year, 1, 1)
    if period.kind == "quarter":
        return date(period.year, period.end.month - 2, 1)
    return date(period.year, period.end.month, 1)


def _row_errors(exc: ValidationError, file: str, row: int) -> list[RowError]:
    out = []
    for err in exc.errors():
        name = ".".join(str(p) for p in err["loc"])
        cause = (err.get("ctx") or {}).get("error")
        if isinstance(cause, FieldError):
            name = cause.field
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "missing":
            message = "thiếu giá trị / missing value"
        out.append(RowError(file, row, name or "(row)", message))
    return out


@dataclass
class ValidRow:
    file: str
    row: int
    data: ReportRow


def validate_files(paths: list[Path], context: dict) -> tuple[list[ValidRow], list[RowError], int]:
    """Validate every row of every file. Raises ImportFileError for a file that cannot be read."""
    valid: list[ValidRow] = []
    errors: list[RowError] = []
    seen: dict[tuple[str, str, str], tuple[str, int]] = {}
    total = 0
    for path in paths:
        file = path.name
        header, rows = read_rows(path)
        if not header:
            errors.append(RowError(file, 1, "(file)", "tệp rỗng / empty file"))
            continue
        mapping, header_errors = map_header(header, file)
        if header_errors:
            errors.extend(header_errors)
            continue
        count = 0
        for row_no, cells in rows:
            if not any(c.strip() for c in cells):
                continue  # blank lines are not rows
            count += 1
            if len(cells) > len(header):
                errors.append(RowError(file, row_no, "(row)", "nhiều ô hơn tiêu đề / more cells than header columns"))
                continue
            raw = {name: cells[i].strip() for i, name in mapping.items() if i < len(cells) and cells[i].strip() != ""}
            try:
                data = ReportRow.model_validate(raw, context=context)
            except ValidationError as exc:
                errors.extend(_row_errors(exc, file, row_no))
                continue
            key = (data.commune_code, data.indicator_code, data.period)
            if key in seen:
                first_file, first_row = seen[key]
                errors.append(RowError(file, row_no, "period", f"dòng lặp lại / repeated row: same key as {first_file}:{first_row}"))
                continue
            seen[key] = (file, row_no)
            valid.append(ValidRow(file, row_no, data))
        if count == 0:
            errors.append(RowError(file, 2, "(file)", "không có dòng dữ liệu / header only, no data rows"))
        total += count
    return valid, errors, total


def validation_context(con: duckdb.DuckDBPyConnection, today: date) -> dict:
    indicators = {
        code: (lower, upper, unit)
        for code, lower, upper, unit in run(con, "indicators", group=None)
        .select("indicator_code", "lower_bound", "upper_bound", "unit")
        .iter_rows()
    }
    communes = set(run(con, "units", province=None)["commune_code"])
    return {"indicators": indicators, "communes": communes, "today": today}


# --- writing ---------------------------------------------------------------------------------


def _sha256(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for p in paths:
        digest.update(p.read_bytes())
    return digest.hexdigest()


def _kill_point(stage: str) -> None:
    """Test hook: KPI_IMPORT_KILL_AT=stage makes the process kill itself there (mid-transaction)."""
    if os.environ.get("KPI_IMPORT_KILL_AT") == stage:
        os.kill(os.getpid(), signal.SIGKILL)


def import_files(
    con: duckdb.DuckDBPyConnection, paths: list[Path], *, dry_run: bool = False, today: date | None = None
) -> ImportResult:
    """Validate the files and, if every row is valid and this is not a dry run, write them in one transaction."""
    today = today or config.today()
    valid, errors, total = validate_files(paths, validation_context(con, today))
    result = ImportResult(errors=errors, rows=total, dry_run=dry_run)
    if errors:
        return result
    incoming = pl.DataFrame(
        {
            "commune_code": [v.data.commune_code for v in valid],
            "indicator_code": [v.data.indicator_code for v in valid],
            "period": [v.data.period for v in valid],
            "period_end": [parse_period(v.data.period).end for v in valid],
            "value": [v.data.value for v in valid],
            "source": [v.file for v in valid],
            "source_row": [v.row for v in valid],
            "evidence": [v.data.evidence or None for v in valid],
            "note": [v.data.note or None for v in valid],
        },
        schema_overrides={"period_end": pl.Date},
    )
    existing = run_here(con, "import_real_values")
    joined = incoming.join(existing, on=["commune_code", "indicator_code", "period"], how="left")
    new = joined.filter(pl.col("old_value").is_null())
    changed = joined.filter(pl.col("old_value").is_not_null() & (pl.col("old_value") != pl.col("value")))
    same = joined.height - new.height - changed.height
    result.imported, result.updated, result.unchanged = new.height, changed.height, same
    if dry_run:
        return result

    writes = pl.concat([new, changed]).drop("old_value", "old_batch")
    con.execute("BEGIN TRANSACTION")
    try:
        [(batch_id,)] = execute(
            con, "import_new_batch", files=", ".join(p.name for p in paths), sha256=_sha256(paths),
            imported_at=datetime.now(UTC), rows_read=total, imported=result.imported, updated=result.updated,
            unchanged=result.unchanged,
        )
        con.register("replaced", changed)
        execute(con, "import_save_replaced", batch=batch_id)
        execute(con, "import_delete_replaced")
        con.unregister("replaced")
        _kill_point("after_delete")
        con.register("writes", writes)
        execute(con, "import_insert_values", batch=batch_id)
        con.unregister("writes")
        _kill_point("after_insert")
        refresh_scores(con)
        _kill_point("before_commit")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    result.batch_id = batch_id
    return result


def refresh_scores(con: duckdb.DuckDBPyConnection) -> None:
    from kpi import scores

    info = build_info(con)
    periods = quarters(info["first_period"], info["as_of_period"])[-2:]
    scores.store(con, periods)


class RollbackError(Exception):
    pass


def rollback(con: duckdb.DuckDBPyConnection, batch_id: int) -> tuple[int, int]:
    """Remove one batch's values and restore what they replaced. Returns (values removed, values restored)."""
    found = execute(con, "rollback_batch", batch=batch_id)
    if not found:
        raise RollbackError(f"không có lô nhập {batch_id} / no import batch {batch_id}")
    [(rolled_back, removed, restored, replaced_by)] = found
    if rolled_back:
        raise RollbackError(f"lô {batch_id} đã được hoàn tác / batch {batch_id} was already rolled back")
    if replaced_by:
        raise RollbackError(
            f"lô {batch_id} đã bị lô {replaced_by} ghi đè một phần: hoàn tác các lô đó trước / "
            f"batch {batch_id} was partly replaced by batch(es) {replaced_by}: roll those back first"
        )
    con.execute("BEGIN TRANSACTION")
    try:
        execute(con, "rollback_delete", batch=batch_id)
        execute(con, "rollback_restore", batch=batch_id)
        execute(con, "rollback_mark", batch=batch_id, at=datetime.now(UTC))
        refresh_scores(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return removed, restored
