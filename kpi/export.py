"""Exports: named datasets written as CSV (UTF-8 with BOM, for Excel) or XLSX.

Each dataset is one query and a fixed list of output columns; the CLI and the pages both use
these, so a file exported from the dashboard has the same columns as one from the command line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from kpi.db import run
from kpi.i18n import fmt_number

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Dataset:
    query: str
    columns: tuple[str, ...]
    params: Callable[[], dict[str, object]] = dict


DATASETS: dict[str, Dataset] = {
    "units": Dataset(
        "units",
        ("province_code", "province_name", "commune_code", "commune_name", "unit_type"),
        lambda: {"province": None},
    ),
    "indicators": Dataset(
        "indicators",
        ("indicator_code", "name_vi", "name_en", "unit", "group", "direction", "kind", "lower_bound", "upper_bound"),
        lambda: {"group": None},
    ),
    "targets": Dataset(
        "effective_targets",
        (
            "province_code", "commune_code", "commune_name", "indicator_code", "indicator_name_vi", "year", "recurring",
            "comparator", "value", "value_max", "unit", "source_level", "citation", "flag",
        ),
        lambda: {"province": None, "commune": None},
    ),
    "plan_targets": Dataset(
        "plan_targets",
        (
            "province_code", "commune_code", "commune_name", "indicator_code", "indicator_name_vi", "year", "recurring",
            "comparator", "value", "value_max", "unit", "source_level", "citation", "seed_file", "section", "row_ref",
            "wording_vi", "flag", "is_effective", "also_cited",
        ),
        lambda: {"flag": None},
    ),
    "conflicts": Dataset(
        "plan_targets",
        (
            "province_code", "commune_code", "commune_name", "indicator_code", "indicator_name_vi", "year", "comparator",
            "value", "value_max", "unit", "citation", "flag", "is_effective", "also_cited",
        ),
        lambda: {"flag": "conflict"},
    ),
    "observations": Dataset(
        "observations",
        ("province_code", "commune_code", "indicator_code", "period", "value", "is_demo", "source"),
        lambda: {"province": None, "commune": None, "indicator": None},
    ),
    "scores": Dataset(
        "scores",
        (
            "province_code", "commune_code", "indicator_code", "as_of_period", "latest_value", "next_milestone_year",
            "target_value", "required_path_value", "attainment", "status", "projected_value", "pace_needed_per_year",
            "pace_per_year", "is_demo",
        ),
        lambda: {"period": None, "province": None, "commune": None, "group": None},
    ),
    "ranking": Dataset(
        "ranking",
        (
            "province_code", "commune_code", "commune_name", "as_of_period", "index", "missing_share", "rank_province",
            "rank_national", "province_average", "gap_to_province_average", "score_digital_infrastructure",
            "score_digital_skills", "score_digital_government", "score_digital_economy", "score_digital_society",
            "score_science_innovation", "is_demo",
        ),
        lambda: {"period": None, "province": None},
    ),
    "tasks": Dataset(
        "tasks",
        (
            "commune_code", "commune_name", "seq", "section", "task", "lead_agency", "partners", "deliverable",
            "deadline_text", "deadline_date", "recurring",
        ),
        lambda: {"commune": None},
    ),
}


def dataset_frame(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pl.DataFrame:
    ds = DATASETS[name]
    frame = run(con, ds.query, **{**ds.params(), **params})
    return frame.select(ds.columns)


def neutralise(value: object) -> object:
    """Make a text cell that Excel would read as a formula into plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return neutralise(value)


def csv_bytes(frame: pl.DataFrame, preamble: list[str] | None = None) -> bytes:
    """CSV as Excel wants it: UTF-8 with a BOM; text that looks like a formula is neutralised.

    preamble lines (filters, data version, demo notice) are written first as '# ' comment rows.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in preamble or []:
        writer.writerow([f"# {line}"])
    writer.writerow(frame.columns)
    for row in frame.iter_rows():
        writer.writerow([_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


EXCEL_ROWS = 1_048_576  # rows in one sheet, header included


class TooLargeForExcel(ValueError):
    """More rows than one Excel sheet holds."""


def fits_excel(frame: pl.DataFrame, preamble: list[str] | None = None) -> bool:
    return frame.height + 1 + len(preamble or []) <= EXCEL_ROWS


def xlsx_bytes(frame: pl.DataFrame, preamble: list[str] | None = None, sheet: str = "data") -> bytes:
    if not fits_excel(frame, preamble):
        rows, most = frame.height, EXCEL_ROWS - 1 - len(preamble or [])
        raise TooLargeForExcel(
            f"{fmt_number(rows, 'vi', 0)} dòng không vừa một trang Excel (tối đa {fmt_number(most, 'vi', 0)}): hãy xuất CSV "
            f"(--format csv) / {fmt_number(rows, 'en', 0)} rows do not fit an Excel sheet (at most {fmt_number(most, 'en', 0)}): "
            "export CSV instead (--format csv)"
        )
    buffer = io.BytesIO()
    starts = "|".join(re.escape(c) for c in FORMULA_START)
    safe = frame.with_columns(  # neutralise(), as polars expressions: no Python callbacks in polars
        pl.when(pl.col(c).str.contains(f"^(?:{starts})")).then(pl.lit("'") + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c in frame.columns if frame[c].dtype == pl.String
    )
    position = (len(preamble), 0) if preamble else "A1"
    import xlsxwriter

    with xlsxwriter.Workbook(buffer) as workbook:
        if preamble:
            worksheet = workbook.add_worksheet(sheet)
            for n, line in enumerate(preamble):
                worksheet.write_string(n, 0, line)
        safe.write_excel(workbook, worksheet=sheet, position=position, autofit=True, table_style=None)
    return buffer.getvalue()


def write(frame: pl.DataFrame, path: Path, fmt: str, preamble: list[str] | None = None) -> None:
    data = csv_bytes(frame, preamble) if fmt == "csv" else xlsx_bytes(frame, preamble)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
