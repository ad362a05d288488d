"""Read report files row by row, never the whole file at once.

CSV: UTF-8 (with or without BOM), UTF-16 or Windows-1258, separated by comma, semicolon or tab.
XLSX: the template's sheet "Báo cáo" (or the only sheet with data), streamed by openpyxl, with what
Excel shows kept: a number formatted as a percent is a Percent, a formula is its cached result, and a
formula with no cached result is a MissingResult naming the cell. A workbook that asks to be recalculated
on load (fullCalcOnLoad) has cached results Excel would not show: a formula in it is refused, naming the
file, sheet and cell.
"""

from __future__ import annotations

import codecs
import csv
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path

from kpi.i18n import Num, msg
from kpi.intake.inspect import ImportFileError, judge, recalculated_on_load, sheets
from kpi.intake.limits import Limits

DATA_SHEET = "Báo cáo"
REFERENCE_SHEETS = ("Chỉ tiêu", "Hướng dẫn")  # the template's own code list and rules
CHUNK = 1 << 20

Row = tuple[int, list[object]]  # (row number as the user sees it, cells)


class Percent(float):
    """A number Excel shows as a percent: 0.855 shown as 85.5%."""


@dataclass(frozen=True)
class MissingResult:
    """A formula cell saved without its result (the file was made by software that does not calculate)."""

    cell: str


class RowLimit(Exception):
    """More data rows than Limits.max_rows: raised at the first row over the limit."""

    def __init__(self, row: int) -> None:
        self.row = row


class FieldTooLong(Exception):
    def __init__(self, row: int) -> None:
        self.row = row


def read(path: Path, limits: Limits) -> tuple[list[str], Iterator[Row]]:
    """The header cells and an iterator over (row number, cells) of each data row."""
    kind = judge(path, limits)
    return _xlsx(path, limits) if kind == "xlsx" else _csv(path, limits)


# --- CSV -------------------------------------------------------------------------------------


def _encoding(path: Path) -> str:
    """The file's encoding, decided by reading it through once in chunks."""
    with path.open("rb") as f:
        head = f.read(4)
        if head.startswith(b"\xef\xbb\xbf"):
            return "utf-8-sig"
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "utf-16"
        f.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := f.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError:
            return "cp1258"


def _text_chunks(path: Path, encoding: str) -> Iterator[str]:
    name = path.name
    with path.open("r", encoding=encoding, newline="") as f:
        try:
            while chunk := f.read(CHUNK):
                if "\x00" in chunk:  # UTF-32, or a binary file
                    raise ImportFileError(msg("intake.encoding_unsupported", name=name))
                yield chunk
        except UnicodeDecodeError as exc:
            if encoding == "cp1258":
                raise ImportFileError(msg("intake.undecodable", name=name, reason=exc.reason)) from None
            raise ImportFileError(msg("intake.bad_encoding", name=name, encoding=encoding, reason=exc.reason)) from None


class _Lines:
    """Lines of the decoded text, for csv.reader, without holding the file in memory."""

    def __init__(self, chunks: Iterator[str]) -> None:
        self._chunks = chunks
        self._rest = ""

    def __iter__(self) -> Iterator[str]:
        for chunk in self._chunks:
            lines = (self._rest + chunk).splitlines(keepends=True)
            self._rest = lines.pop() if lines and not lines[-1].endswith(("\n", "\r")) else ""
            yield from lines
        if self._rest:
            yield self._rest


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv(path: Path, limits: Limits) -> tuple[list[str], Iterator[Row]]:
    encoding = _encoding(path)
    lines = iter(_Lines(_text_chunks(path, encoding)))
    first = next(lines, "")
    while first and not first.strip() and (nxt := next(lines, None)) is not None:
        first = nxt  # leading blank lines
    if not first.strip():
        return [], iter(())
    csv.field_size_limit(max(limits.max_field_chars, 1) + 1)
    reader = csv.reader(_chain(first, lines), delimiter=_delimiter(first))
    try:
        header = [unicodedata.normalize("NFC", c) for c in next(reader, [])]
    except csv.Error:
        raise FieldTooLong(1) from None
    if len(header) > limits.max_columns:
        raise ImportFileError(msg("intake.too_many_columns", name=path.name, n=Num(len(header)), limit=Num(limits.max_columns)))

    def rows() -> Iterator[Row]:
        count = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error:
                raise FieldTooLong(reader.line_num) from None
            if not any(c.strip() for c in cells):
                continue
            count += 1
            if count > limits.max_rows:
                raise RowLimit(reader.line_num)
            yield reader.line_num, [unicodedata.normalize("NFC", c) for c in cells]

    return header, rows()


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


# --- XLSX ------------------------------------------------------------------------------------


def _xlsx(path: Path, limits: Limits) -> tuple[list[str], Iterator[Row]]:
    import openpyxl

    name = path.name
    declared = sheets(path, limits)
    try:
        values = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except MemoryError:
        raise  # the checker's memory limit: the sandbox says so
    except Exception as exc:  # openpyxl raises many types for corrupt workbooks
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ImportFileError(msg("intake.unreadable_workbook", name=name, reason=reason)) from None
    with_data = [s.name for s in declared if s.name not in REFERENCE_SHEETS and _has_data(values[s.name], limits)]
    if DATA_SHEET in values.sheetnames:
        chosen = DATA_SHEET
    elif len(with_data) == 1:
        chosen = with_data[0]
    elif not with_data:
        return [], iter(())
    else:
        raise ImportFileError(msg("intake.several_sheets", name=name, sheets=", ".join(with_data), sheet=DATA_SHEET))
    others = [s for s in with_data if s != chosen]
    if others:
        raise ImportFileError(msg("intake.outside_sheet", name=name, sheet=chosen, sheets=", ".join(others)))
    cells = zip(_cells(values[chosen], limits), _cells(formulas[chosen], limits), strict=False)
    stale = (name, chosen) if recalculated_on_load(path) else None
    header: list[str] = []
    for n, (shown, written) in enumerate(cells, 1):
        row = _row(shown, written, stale)
        if any(_filled(c) for c in row):
            header = ["" if c is None else str(c) for c in row]
            start = n
            break
    else:
        return [], iter(())

    def rows() -> Iterator[Row]:
        count = 0
        for n, (shown, written) in enumerate(cells, start + 1):
            row = _row(shown, written, stale)
            if not any(_filled(c) for c in row):
                continue
            count += 1
            if count > limits.max_rows:
                raise RowLimit(n)
            for cell in row:
                if isinstance(cell, str) and len(cell) > limits.max_field_chars:
                    raise FieldTooLong(n)
            yield n, row

    return header, rows()


def _cells(sheet, limits: Limits) -> Iterator[tuple]:
    return sheet.iter_rows(max_col=limits.max_columns)


def _has_data(sheet, limits: Limits) -> bool:
    return any(_filled(c.value) for row in _cells(sheet, limits) for c in row)


def _filled(value: object) -> bool:
    return isinstance(value, MissingResult) or (value is not None and not (isinstance(value, str) and not value.strip()))


def _row(shown: tuple, written: tuple, stale: tuple[str, str] | None = None) -> list[object]:
    """The cells Excel shows; stale (file, sheet): the workbook asks for a recalculation on load, so a
    formula's stored result is refused."""
    out: list[object] = []
    for value_cell, formula_cell in zip_longest(shown, written):
        value = getattr(value_cell, "value", None)
        formula = getattr(formula_cell, "data_type", None) == "f"
        if value is None and formula:
            out.append(MissingResult(formula_cell.coordinate))
        elif formula and stale:
            (file, sheet), cell = stale, formula_cell.coordinate
            raise ImportFileError(msg("intake.recalculated", file=file, sheet=sheet, cell=cell, value=value))
        elif isinstance(value, int | float) and not isinstance(value, bool) and "%" in (value_cell.number_format or ""):
            out.append(Percent(value))
        elif isinstance(value, str):
            out.append(unicodedata.normalize("NFC", value))
        else:
            out.append(value)
    while out and not _filled(out[-1]) and not isinstance(out[-1], MissingResult):
        out.pop()  # max_col pads every row to the limit
    return out
