"""Judge a report file before parsing it: size, type, and for a workbook its parts, sheets and the
dimensions each sheet declares. Nothing here reads more than a few kilobytes of any part."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from kpi.i18n import Msg, Num, msg
from kpi.intake.limits import Limits

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # the old binary .xls
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


class ImportFileError(Exception):
    """The file cannot be taken at all (missing, too large, not a report file): exit code 2."""


@dataclass(frozen=True)
class Sheet:
    name: str
    part: str  # e.g. xl/worksheets/sheet1.xml
    rows: int | None  # declared by <dimension>; None when the sheet does not declare it
    columns: int | None


def mb(n: int) -> Msg:
    """A size in megabytes, written the reader's way."""
    return msg("intake.mb", n=Num(round(n / 2**20)))


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def judge(path: Path, limits: Limits) -> str:
    """'csv' or 'xlsx', or ImportFileError naming the file and what is wrong with it."""
    name = path.name
    if not path.is_file():
        raise ImportFileError(msg("intake.not_found", name=name))
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise ImportFileError(msg("intake.too_big", name=name, size=mb(size), limit=mb(limits.max_file_bytes)))
    with path.open("rb") as f:
        head = f.read(8)
    suffix = path.suffix.lower()
    if head.startswith(_OLE) or suffix == ".xls":
        raise ImportFileError(msg("intake.old_xls", name=name))
    if suffix in (".xlsx", ".xlsm") or head.startswith(_ZIP):
        if not head.startswith(_ZIP):
            raise ImportFileError(msg("intake.not_xlsx", name=name))
        sheets(path, limits)  # raises for a workbook over the limits
        return "xlsx"
    return "csv"


def small_csv(paths: list[Path], limits: Limits) -> bool:
    """Whether these files are plain text (no workbook, by name or by their first bytes) and add up to no more than
    limits.in_process_bytes: the streaming CSV reader holds about one row at a time, so such files are checked in
    the process that received them; workbooks and anything bigger are checked in the child (kpi.intake.sandbox)."""
    total = 0
    for path in paths:
        if not path.is_file() or path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
            return False
        total += path.stat().st_size
        with path.open("rb") as f:
            head = f.read(8)
        if head.startswith((_ZIP, _OLE)) or total > limits.in_process_bytes:
            return False
    return True


def sheets(path: Path, limits: Limits) -> list[Sheet]:
    """The workbook's sheets with their declared dimensions, after checking the limits."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as book:
            parts = book.infolist()
            unzipped = sum(p.file_size for p in parts)
            if unzipped > limits.max_unzipped_bytes or len(parts) > 10_000:
                raise ImportFileError(msg("intake.unzips_to", name=name, size=mb(unzipped), parts=Num(len(parts)),
                                          limit=mb(limits.max_unzipped_bytes)))
            listed = _listed_sheets(book)
            if len(listed) > limits.max_sheets:
                raise ImportFileError(msg("intake.too_many_sheets", name=name, n=len(listed), limit=limits.max_sheets))
            found = [_declared(book, sheet_name, part) for sheet_name, part in listed]
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, EOFError) as exc:
        raise ImportFileError(msg("intake.unreadable_workbook", name=name, reason=exc)) from None
    for sheet in found:
        too_many_rows = sheet.rows is not None and sheet.rows > limits.max_rows + 1
        too_many_columns = sheet.columns is not None and sheet.columns > limits.max_columns
        if too_many_rows or too_many_columns:
            cols, rows, max_rows = sheet.columns or 0, sheet.rows or 0, limits.max_rows + 1
            raise ImportFileError(msg("intake.used_range", name=name, sheet=sheet.name, cols=Num(cols), rows=Num(rows),
                                      max_cols=Num(limits.max_columns), max_rows=Num(max_rows)))
    return found


def recalculated_on_load(path: Path) -> bool:
    """Whether the workbook asks to be recalculated when opened (<calcPr fullCalcOnLoad="1"/>): then the
    results it stores for its formulas need not be what Excel shows (xlsxwriter stores 0 for each)."""
    try:
        with zipfile.ZipFile(path) as book:
            workbook = ElementTree.fromstring(_small(book, "xl/workbook.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, EOFError) as exc:
        raise ImportFileError(msg("intake.unreadable_workbook", name=path.name, reason=exc)) from None
    return any(e.tag.rsplit("}", 1)[-1] == "calcPr" and e.get("fullCalcOnLoad", "").lower() in ("1", "true")
               for e in workbook)


def _listed_sheets(book: zipfile.ZipFile) -> list[tuple[str, str]]:
    workbook = ElementTree.fromstring(_small(book, "xl/workbook.xml"))
    rels = ElementTree.fromstring(_small(book, "xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("rel:Relationship", _NS)}
    out = []
    for sheet in workbook.findall("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        out.append((sheet.get("name", "?"), part))
    return out


def _small(book: zipfile.ZipFile, part: str, limit: int = 4 * 2**20) -> bytes:
    with book.open(part) as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise ImportFileError(f"{part} is over {mb(limit)}")
    return data


def _declared(book: zipfile.ZipFile, name: str, part: str) -> Sheet:
    with book.open(part) as f:
        head = f.read(16_384)  # <dimension> comes first, right after <sheetPr>
    match = _DIMENSION.search(head)
    if not match:
        return Sheet(name, part, None, None)
    first_col, first_row, last_col, last_row = match.groups()
    last_col, last_row = (last_col or first_col), (last_row or first_row)
    return Sheet(name, part, int(last_row), column_number(last_col.decode()))
