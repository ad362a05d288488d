"""The report template pre-filled for one commune and period: its indicators (the form's order), their names and
units in Vietnamese, the last value and the next milestone's target, and empty Giá trị, Minh chứng and Ghi chú
columns. The import reads it as it is (kpi.intake.validate: the reader's columns are read past, a row left
without a value is not reported). As CSV for Excel set to Vietnamese (UTF-8 with a BOM, ";", decimal comma,
formula-safe text: kpi.export's conventions, without the details lines an import could not read) or XLSX
(the sheet "Báo cáo" the import reads, codes and periods as text)."""

from __future__ import annotations

import csv
import io

import duckdb
import polars as pl

from kpi.entry import form
from kpi.export.delimited import neutralise
from kpi.i18n import fmt_number
from kpi.intake.read import DATA_SHEET
from kpi.intake.validate import HEADER_VI, INFO_HEADERS

COLUMNS = ("commune_code", "commune_name", "indicator_code", "indicator_name", "unit", "period", "last_period",
           "last_value", "target", "value", "evidence", "note")
HEADERS = [(HEADER_VI | INFO_HEADERS)[c] for c in COLUMNS]
COMPARATOR_WORDS = {">=": "≥", ">": ">", "=": "=", "<=": "≤", "<": "<", "strive": "phấn đấu"}


def frame(con: duckdb.DuckDBPyConnection, commune: str, period: str) -> pl.DataFrame:
    """The template's rows, COLUMNS, numbers as numbers (value, evidence and note empty)."""
    rows = form.rows(con, commune, period)
    target = [
        None if value is None else
        f"{fmt_number(value, 'vi', 2)}–{fmt_number(top, 'vi', 2)} ({year})" if comparator == "range" else
        f"{COMPARATOR_WORDS.get(comparator, comparator)} {fmt_number(value, 'vi', 2)} ({year})"
        for comparator, value, top, year in rows.select("target_comparator", "target_value", "target_value_max",
                                                          "target_year").iter_rows()
    ]
    return rows.select(
        pl.lit(commune).alias("commune_code"), "commune_name", "indicator_code",
        pl.col("name_vi").alias("indicator_name"), "unit", pl.lit(period).alias("period"), "last_period", "last_value",
        pl.Series("target", target, dtype=pl.String), pl.lit(None, pl.Float64).alias("value"),
        pl.lit(None, pl.String).alias("evidence"), pl.lit(None, pl.String).alias("note"),
    )


def _vn_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return neutralise(value)


def csv_bytes(rows: pl.DataFrame) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows.select(COLUMNS).iter_rows():
        writer.writerow([_vn_cell(v) for v in row])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def xlsx_bytes(rows: pl.DataFrame) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False})
    sheet = book.add_worksheet(DATA_SHEET)
    head = book.add_format({"bold": True, "bg_color": "#E8EEF7", "text_wrap": True})
    entry = book.add_format({"bg_color": "#FFF8DC", "border": 1})
    sheet.write_row(0, 0, HEADERS, head)
    for r, row in enumerate(rows.select(COLUMNS).iter_rows(), start=1):
        for c, value in enumerate(row):
            fmt = entry if COLUMNS[c] in ("value", "evidence", "note") else None
            if value is None:
                sheet.write_blank(r, c, None, fmt)
            elif isinstance(value, float):
                sheet.write_number(r, c, value, fmt)
            else:
                sheet.write_string(r, c, str(value), fmt)
    widths = {"indicator_name": 60, "indicator_code": 30, "target": 18, "evidence": 24, "note": 30}
    for c, name in enumerate(COLUMNS):
        sheet.set_column(c, c, widths.get(name, 12))
    sheet.freeze_panes(1, 0)
    book.close()
    return out.getvalue()


def encode(rows: pl.DataFrame, name: str) -> bytes:
    """The template as the file name's extension says: .xlsx, else CSV for Excel in Vietnamese."""
    return xlsx_bytes(rows) if name.lower().endswith(".xlsx") else csv_bytes(rows)


def file_name(commune: str, period: str, ext: str = "csv") -> str:
    return f"bao-cao-{commune}-{period}.{ext}"
