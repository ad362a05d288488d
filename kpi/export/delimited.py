"""CSV in two forms. For machines: "," and ".", column names and codes as stored (comparators as ASCII
words, times ISO 8601 in Vietnam time with their offset). For Excel set to Vietnamese: ";" between fields, a
decimal comma, no thousands separator, dates as dd/mm/yyyy and times as dd/mm/yyyy hh:mm in Vietnam time,
headers and codes in the reader's language, the header row first (Excel reads the file as one table; the export's
details are in the workbook's Thông tin sheet, and beside a CSV the command line writes: details_bytes).
Both UTF-8 with a BOM (so Excel reads the diacritics), and formula-safe: a text cell that Excel would read
as a formula (=, +, -, @ first) is prefixed with an apostrophe; comparators are words, never "="."""

from __future__ import annotations

import csv
import io
import re

import polars as pl

from kpi.export.meta import Meta
from kpi.export.people import Sheet

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_STARTS = "|".join(re.escape(c) for c in FORMULA_START)


def neutralise(value: object) -> object:
    """Make a text cell that Excel would read as a formula into plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralised(frame: pl.DataFrame) -> pl.DataFrame:
    """neutralise() on every text column, as polars expressions (no Python callbacks in polars)."""
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(f"^(?:{_STARTS})")).then(pl.lit("'") + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c in frame.columns if frame[c].dtype == pl.String
    )


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return neutralise(value)


def _machine_cells(frame: pl.DataFrame) -> pl.DataFrame | None:
    """The frame as the machine CSV writes it, as polars expressions: text neutralised, "" as empty,
    whole floats without ".0". None for a frame polars would write differently from _cell (other types,
    or one column, where an empty row must read as "")."""
    if frame.width < 2:
        return None
    cells = []
    for name, dtype in frame.schema.items():
        c = pl.col(name)
        if dtype == pl.String:
            cells.append(pl.when(c == "").then(None).when(c.str.contains(f"^(?:{_STARTS})")).then(pl.lit("'") + c)
                         .otherwise(c).alias(name))
        elif dtype.is_float():
            cells.append(pl.when(c.is_finite() & (c == c.round(0))).then(c.cast(pl.Int64).cast(pl.String))
                         .otherwise(c.cast(pl.String)).alias(name))
        elif dtype.is_integer() or dtype in (pl.Boolean, pl.Date, pl.Null):
            cells.append(c)
        else:
            return None
    return frame.select(cells)


def csv_bytes(frame: pl.DataFrame, preamble: list[str] | None = None) -> bytes:
    """The machine form (",", "."): UTF-8 with a BOM; text that looks like a formula is neutralised.
    preamble lines, if any, are written first as '# ' comment rows. Written by polars (it is on the page
    path for every table); frames of other types row by row, to the same bytes."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in preamble or []:
        writer.writerow([f"# {line}"])
    writer.writerow(frame.columns)
    cells = _machine_cells(frame)
    if cells is not None:
        buffer.write(cells.write_csv(include_header=False, line_terminator="\r\n", quote_style="necessary"))
    else:
        for row in frame.iter_rows():
            writer.writerow([_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def csv_vn_bytes(sheet: Sheet) -> bytes:
    """The form for Excel set to Vietnamese: the header row, then the rows; nothing above the table, which Excel
    would show as data rows (the details go in the workbook, or in a side file: details_bytes)."""
    frame = neutralised(sheet.frame)  # numbers already rounded by for_people (57.047272 is 57.0)
    body = frame.write_csv(separator=";", decimal_comma=True, date_format="%d/%m/%Y", datetime_format="%d/%m/%Y %H:%M",
                           line_terminator="\r\n",
                           quote_style="necessary", float_precision=None)
    return ("\ufeff" + body).encode("utf-8")


def details_bytes(meta: Meta, lang: str) -> bytes:
    """The export's details (the workbook's Thông tin sheet) as a CSV of its own for Excel in Vietnamese: one
    "label;value" row each, written beside a csv-vn export."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for label, value in meta.rows(lang):
        writer.writerow([neutralise(label), neutralise(value)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
