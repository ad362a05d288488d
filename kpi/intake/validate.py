"""Validate report rows one at a time and write the valid ones out: memory stays flat whatever the size.

Each row goes through the pydantic model ReportRow with the catalogue and the units as context.
Every problem becomes a RowError (file, row, field, and a message of the catalogue, worded in the reader's
language where it is shown). Checks that
need more than one row (repeated keys, two period forms for one period end) are made afterwards
over the written rows (kpi.intake.checks)."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator, model_validator

from kpi.errors import FieldError
from kpi.i18n import Msg, Num, Problem, msg
from kpi.intake.limits import Limits
from kpi.intake.outcome import RowError
from kpi.intake.read import FieldTooLong, MissingResult, Percent, RowLimit, read
from kpi.periods import parse_period

COLUMNS = ("commune_code", "indicator_code", "period", "value", "evidence", "note")
REQUIRED = COLUMNS[:4]
HEADER_VI = {
    "commune_code": "Mã xã", "indicator_code": "Mã chỉ tiêu", "period": "Kỳ báo cáo",
    "value": "Giá trị", "evidence": "Minh chứng", "note": "Ghi chú",
}
# The pre-filled template's columns for the reader (kpi.entry.template): read past, never imported. A file with
# them is a template: its rows left without a value are indicators the commune does not report this time.
INFO_HEADERS = {
    "commune_name": "Tên xã", "indicator_name": "Tên chỉ tiêu", "unit": "Đơn vị", "last_period": "Kỳ trước",
    "last_value": "Giá trị kỳ trước", "target": "Mục tiêu mốc tới",
}
HEADER_ALIASES = ({name: name for name in (*COLUMNS, *INFO_HEADERS)}
                  | {vi.lower(): name for name, vi in (HEADER_VI | INFO_HEADERS).items()})
# The columns of the file of valid rows handed back to the importer.
VALID_COLUMNS = ("commune_code", "indicator_code", "period", "period_end", "value", "file_index", "source_row",
                 "evidence", "note")


@dataclass
class Checked:
    """What checking the files found: rows read, errors (the first Limits.max_errors_listed), valid rows written."""

    rows: int = 0
    valid: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    limit: int = 1_000
    peak_rss_bytes: int = 0  # of the process that checked the files

    def add(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < self.limit:
            self.errors.append(error)


def map_header(
    header: list[str], file: str, aliases: dict[str, str] = HEADER_ALIASES, required: tuple[str, ...] = REQUIRED,
) -> tuple[dict[int, str], list[RowError]]:
    """Column index to field name, by the template's header (field names or their Vietnamese headers)."""
    errors, mapping = [], {}
    for i, cell in enumerate(header):
        key = unicodedata.normalize("NFC", cell).strip().lower()
        name = aliases.get(key)
        if name is None and len(header) == 1 and any(sep in cell for sep in "|:/"):
            errors.append(RowError(file, 1, "(header)", msg("intake.delimiter", cell=repr(cell))))
        elif name is None:
            errors.append(RowError(file, 1, cell or f"({i + 1})", msg("intake.unexpected_column", cell=repr(cell))))
        elif name in mapping.values():
            errors.append(RowError(file, 1, name, msg("intake.repeated_column")))
        else:
            mapping[i] = name
    for name in required:
        if name not in mapping.values():
            errors.append(RowError(file, 1, name, msg("intake.missing_column")))
    return mapping, errors


# --- numbers ---------------------------------------------------------------------------------

_DECIMAL_COMMA = re.compile(r"^\d+,(?:\d{1,2}|\d{4,})$|^\d{1,3}(?:\.\d{3})+,\d+$|^\d{1,3}(?:\.\d{3}){2,}$|^\d{4,},\d{3}$|^0,\d+$")
_DECIMAL_POINT = re.compile(r"^\d+\.(?:\d{1,2}|\d{4,})$|^\d{1,3}(?:,\d{3})+\.\d+$|^\d{1,3}(?:,\d{3}){2,}$|^\d{4,}\.\d{3}$|^0\.\d+$")
_AMBIGUOUS = re.compile(r"^[1-9]\d{0,2}[.,]\d{3}$")  # 1.234 or 1,234: a thousand or one and a bit
_INTEGER = re.compile(r"^\d+$")


class AmbiguousNumber(Problem):
    pass


def _clean(text: str) -> tuple[str, str]:
    s = text.strip().replace("\u00a0", "").replace(" ", "").removesuffix("%")
    sign = ""
    if s[:1] in "+-":
        sign, s = s[:1], s[1:]
    return sign, s


def convention(text: str) -> str | None:
    """'comma' or 'point' if the text settles which mark is the decimal one, else None."""
    _, s = _clean(text)
    if _DECIMAL_COMMA.match(s):
        return "comma"
    if _DECIMAL_POINT.match(s):
        return "point"
    return None


def parse_number(text: str, decimal: str | None = None) -> float:
    """A number written the Vietnamese way (1.234,5), the English way (1,234.5) or plainly (85, 85%).

    '1.234' and '1,234' are a thousand and some in one convention and one and a bit in the other: they
    are read by `decimal` ('comma' or 'point': the file's own convention), or refused when it is None."""
    sign, s = _clean(text)
    if _INTEGER.match(s):
        return float(sign + s)
    if _AMBIGUOUS.match(s):
        if decimal is None:
            raise AmbiguousNumber("intake.ambiguous_number", text=repr(text.strip()), whole=s.replace(".", "").replace(",", ""),
                                  comma=s.replace(".", ","), point=s.replace(",", "."))
        return float(sign + (s.replace(".", "").replace(",", ".") if decimal == "comma" else s.replace(",", "")))
    kind = convention(s)
    if kind == "comma":
        return float(sign + s.replace(".", "").replace(",", "."))
    if kind == "point":
        return float(sign + s.replace(",", ""))
    raise Problem("intake.not_a_number")


# --- one row ---------------------------------------------------------------------------------


def plain_text(v: object) -> str:
    """A text cell, stripped; text a spreadsheet would run as a formula (= + - @) is refused."""
    text = str(v).strip()
    if re.match(r"^[=+@]|^-\S", text):
        raise Problem("intake.formula_like")
    return text


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
            raise Problem("intake.unknown_commune", code=repr(v))
        return code

    @field_validator("indicator_code", mode="before")
    @classmethod
    def _indicator(cls, v: str, info: ValidationInfo) -> str:
        code = str(v).strip()
        if code not in info.context["indicators"]:
            raise Problem("intake.unknown_indicator", code=repr(v))
        return code

    @field_validator("period", mode="before")
    @classmethod
    def _period(cls, v: object, info: ValidationInfo) -> str:
        if isinstance(v, date | datetime):
            raise Problem("intake.date_cell", day=f"{v:%d/%m/%Y}", iso=f"{v:%Y-%m-%d}")
        period = parse_period(str(v))
        if period.end >= info.context["today"]:
            raise Problem("intake.period_not_ended", period=period.label, end=f"{period.end:%d/%m/%Y}")
        return period.label

    @field_validator("evidence", "note", mode="before")
    @classmethod
    def _text(cls, v: object) -> str:
        return plain_text(v)

    @field_validator("value", mode="before")
    @classmethod
    def _value(cls, v: object, info: ValidationInfo) -> float:
        if isinstance(v, bool):
            raise Problem("intake.not_a_number")
        return v if isinstance(v, float | int) else parse_number(str(v), info.context.get("decimal"))

    @model_validator(mode="after")
    def _bounds(self, info: ValidationInfo) -> ReportRow:
        lower, upper, unit, _ = info.context["indicators"][self.indicator_code]
        if not lower <= self.value <= upper:
            raise FieldError("value", msg("intake.out_of_bounds", value=f"{self.value:g}", lower=f"{lower:g}", upper=f"{upper:g}",
                                          unit=unit))
        return self


def row_errors(exc: ValidationError, file: str, row: int) -> list[RowError]:
    """A model's validation errors as RowErrors naming the field (a FieldError's own field, if it names one)."""
    out = []
    for err in exc.errors():
        name = ".".join(str(p) for p in err["loc"] if not isinstance(p, int))
        cause = (err.get("ctx") or {}).get("error")
        if isinstance(cause, FieldError):
            name = cause.field
        message: Msg | str = err["msg"].removeprefix("Value error, ")
        if isinstance(cause, ValueError) and cause.args and isinstance(cause.args[0], Msg):
            message = cause.args[0]
        if err["type"] == "missing":
            message = msg("intake.missing_value")
        out.append(RowError(file, row, name or "(row)", message))
    return out


def _as_text(cell: object) -> object:
    """A cell as the model reads it: numbers written as codes lose a spreadsheet's '.0'."""
    if isinstance(cell, float) and not isinstance(cell, Percent) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, int):
        return str(cell)
    return cell.strip() if isinstance(cell, str) else cell


def _raw(cells: list[object], mapping: dict[int, str], context: dict, file: str, row: int) -> tuple[dict, list[RowError]]:
    """The row's fields, with what a workbook cell means made explicit (percent cells, missing results)."""
    raw, errors = {}, []
    for i, name in mapping.items():
        if i >= len(cells) or cells[i] is None or (isinstance(cells[i], str) and not cells[i].strip()):
            continue
        cell = cells[i]
        if isinstance(cell, MissingResult):
            errors.append(RowError(file, row, name, msg("intake.missing_result", cell=cell.cell)))
            continue
        raw[name] = cell if name == "value" and isinstance(cell, float | int) else _as_text(cell)
    value = raw.get("value")
    if isinstance(value, Percent):
        kind = context["indicators"].get(str(raw.get("indicator_code", "")).strip(), (0, 0, "", ""))[3]
        if kind == "percent":
            raw["value"] = round(float(value) * 100, 9)  # 0.855 shown as 85,5% is 85.5
        else:
            errors.append(RowError(file, row, "value", msg("intake.percent_cell")))
    return raw, errors


def check_files(paths: list[Path], context: dict, limits: Limits, out: Path) -> Checked:
    """Validate every row of every file, writing valid rows to `out` (tab-separated, VALID_COLUMNS).

    Raises ImportFileError for a file that cannot be taken at all."""
    checked = Checked(limit=limits.max_errors_listed)
    context = {**context, "max_field_chars": limits.max_field_chars}
    with out.open("w", encoding="utf-8", newline="") as sink:
        writer = csv.writer(sink, delimiter="\t", lineterminator="\n")
        for index, path in enumerate(paths):
            _check_file(path, index, context, limits, checked, writer)
    return checked


def _check_file(path: Path, index: int, context: dict, limits: Limits, checked: Checked, writer) -> None:
    file = path.name
    try:
        header, rows = read(path, limits)
    except FieldTooLong as exc:
        checked.add(RowError(file, exc.row, "(row)", _too_long(limits)))
        return
    if not header:
        checked.add(RowError(file, 1, "(file)", msg("intake.empty_file")))
        return
    mapping, header_errors = map_header(header, file)
    if header_errors:
        for err in header_errors:
            checked.add(err)
        return
    template = any(name in INFO_HEADERS for name in mapping.values())
    mapping = {i: name for i, name in mapping.items() if name in COLUMNS}
    blank = next((i for i, name in mapping.items() if name == "value"), None)
    decimal: set[str] = set()
    deferred: list[tuple[int, dict]] = []  # rows with a number only the file's convention can settle
    count = 0
    try:
        for row_no, cells in rows:
            if template and (blank >= len(cells) or cells[blank] is None or not str(cells[blank]).strip()):
                continue  # an indicator of the template left without a value: not reported this time
            count += 1
            if len(cells) > len(header) and any(c not in (None, "") for c in cells[len(header):]):
                checked.add(RowError(file, row_no, "(row)", msg("intake.more_cells")))
                continue
            raw, errors = _raw(cells, mapping, context, file, row_no)
            if errors:
                for err in errors:
                    checked.add(err)
                continue
            if isinstance(raw.get("value"), str):
                if kind := convention(raw["value"]):
                    decimal.add(kind)
                elif _AMBIGUOUS.match(_clean(raw["value"])[1]):
                    deferred.append((row_no, raw))
                    continue
            _validate(raw, context, file, index, row_no, checked, writer)
    except RowLimit as exc:
        checked.rows += count
        checked.add(RowError(file, exc.row, "(file)", msg("intake.too_many_rows", n=Num(limits.max_rows))))
        return
    except FieldTooLong as exc:
        checked.add(RowError(file, exc.row, "(row)", msg("intake.too_long_stopped", n=Num(limits.max_field_chars))))
        return
    settled = next(iter(decimal)) if len(decimal) == 1 else None
    for row_no, raw in deferred:
        _validate(raw, {**context, "decimal": settled}, file, index, row_no, checked, writer)
    if count == 0:
        checked.add(RowError(file, 2, "(file)", msg("intake.header_only")))
    checked.rows += count


def _too_long(limits: Limits) -> Msg:
    return msg("intake.too_long", n=Num(limits.max_field_chars))


def _validate(raw: dict, context: dict, file: str, index: int, row: int, checked: Checked, writer) -> None:
    for name, cell in raw.items():
        if isinstance(cell, str) and len(cell) > context["max_field_chars"]:
            checked.add(RowError(file, row, name, _too_long(Limits(max_field_chars=context["max_field_chars"]))))
            return
    try:
        data = ReportRow.model_validate(raw, context=context)
    except ValidationError as exc:
        for err in row_errors(exc, file, row):
            checked.add(err)
        return
    checked.valid += 1
    writer.writerow((data.commune_code, data.indicator_code, data.period, parse_period(data.period).end.isoformat(),
                     repr(data.value), index, row, data.evidence, data.note))
