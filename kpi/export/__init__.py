"""Exports: named datasets and page tables written as XLSX, CSV for Excel in Vietnamese, or CSV for machines.

Each dataset is one query and a fixed list of output columns; the CLI and the pages both use these, so a
file exported from the dashboard has the same columns as one from the command line.

    people.py     headers, codes and numbers as people read them (the column registry, columns.yaml)
    workbook.py   the XLSX: the table, Chú thích (machine names, definitions), Thông tin (meta.py)
    delimited.py  the two CSV forms, formula-safe, and a csv-vn export's side file of details
    meta.py       title, filters applied, data version, export time (Vietnam), demo flag, sources
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from kpi.db import run
from kpi.export.delimited import FORMULA_START, csv_bytes, csv_vn_bytes, details_bytes, neutralise
from kpi.export.meta import Meta
from kpi.export.people import GROUP_SCORES, OTHER_DECIMALS, for_machines, for_people
from kpi.export.workbook import workbook_bytes
from kpi.i18n import Num, msg
from kpi.scoring import GROUP_SCORE

__all__ = ["DATASETS", "FORMATS", "FORMULA_START", "GROUP_SCORES", "OTHER_DECIMALS", "Meta", "TooLargeForExcel", "csv_bytes", "csv_vn",
           "dataset_frame", "decimals", "details_bytes", "details_path", "encode", "fits_excel", "machine_csv", "neutralise",
           "write", "xlsx_bytes"]


@dataclass(frozen=True)
class Dataset:
    query: str
    columns: tuple[str, ...]
    params: Callable[[], dict[str, object]] = dict
    derive: Callable[[pl.DataFrame], pl.DataFrame] | None = None  # kpi logic on the query's rows, before the columns
    read: Callable[..., pl.DataFrame] | None = None  # reads the rows instead of running the query alone (its source)


def _ranking(con: duckdb.DuckDBPyConnection, **params: object) -> pl.DataFrame:
    from kpi.scoring import tables

    return tables.ranking(con, **params)  # type: ignore[arg-type]


def _completeness_params() -> dict[str, object]:
    from kpi import completeness, config

    return completeness.params(None, completeness.first_quarter(), completeness.quarter_of(config.today()))


def _completeness(frame: pl.DataFrame) -> pl.DataFrame:
    from kpi import completeness, config

    return completeness.exported(completeness.judge(frame, config.today()))


DATASETS: dict[str, Dataset] = {
    "units": Dataset(
        "units",
        ("province_code", "province_name", "commune_code", "commune_name", "unit_type"),
        lambda: {"province": None},
    ),
    "indicators": Dataset(
        "indicators",
        ("indicator_code", "name_vi", "name_en", "unit", "group", "direction", "kind", "lower_bound", "upper_bound", "scope",
         "unit_en", "decimals"),
        lambda: {"group": None, "scope": None},
    ),
    "targets": Dataset(
        "effective_targets",
        (
            "province_code", "commune_code", "commune_name", "indicator_code", "indicator_name_vi", "year", "recurring",
            "comparator", "value", "value_max", "unit", "source_level", "citation", "flag", "document", "url",
        ),
        lambda: {"province": None, "commune": None},
    ),
    "plan_targets": Dataset(
        "plan_targets",
        (
            "province_code", "commune_code", "commune_name", "indicator_code", "indicator_name_vi", "year", "recurring",
            "comparator", "value", "value_max", "unit", "source_level", "citation", "seed_file", "section", "row_ref",
            "wording_vi", "flag", "is_effective", "also_cited", "document", "url", "undercuts",
        ),
        lambda: {"flag": None},
    ),
    "conflicts": Dataset(
        "plan_targets",
        (
            "province_code", "commune_code", "commune_name", "indicator_code", "indicator_name_vi", "year", "comparator",
            "value", "value_max", "unit", "citation", "flag", "is_effective", "also_cited", "document", "url",
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
            # GROUP_SCORES: a column per group of data/groups.yaml, in its order (kpi.scoring.widen_groups)
            "rank_national", "province_average", "gap_to_province_average", GROUP_SCORES, "is_demo",
        ),
        lambda: {"period": None, "province": None},
        read=_ranking,
    ),
    "published": Dataset(
        "published_values",
        (
            "province_code", "commune_code", "unit_name", "portal_code", "indicator_code", "indicator_name_vi", "unit",
            "period_kind", "period", "snapshot_at", "points", "is_latest", "publisher", "document", "source_file",
            "rank", "peers", "tied", "portal_position",
        ),
        lambda: {"latest": False},
    ),
    "tasks": Dataset(
        "tasks",
        (
            "commune_code", "commune_name", "seq", "section", "task", "lead_agency", "partners", "deliverable",
            "deadline_text", "deadline_date", "recurring",
        ),
        lambda: {"commune": None},
    ),
    # per commune and quarter since the plans began: who reported, how much, on time or late (kpi.completeness)
    "completeness": Dataset(
        "completeness",
        ("province_code", "province_name", "commune_code", "commune_name", "quarter", "due_date", "values_expected",
         "values_reported", "reported_share", "timeliness", "reported_by", "first_reported_at", "last_reported_at"),
        _completeness_params, _completeness,
    ),
}


def decimals(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """The catalogue's precision of each indicator (data/indicators.yaml `decimals`), for the people's forms."""
    return dict(run(con, "indicators", group=None, scope=None).select("indicator_code", "decimals").iter_rows())


def dataset_frame(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pl.DataFrame:
    ds = DATASETS[name]
    given = {**ds.params(), **params}
    frame = ds.read(con, **given) if ds.read else run(con, ds.query, **given)
    frame = ds.derive(frame) if ds.derive else frame
    groups = [c for c in frame.columns if c.startswith(GROUP_SCORE.format(""))]
    return frame.select(c for col in ds.columns for c in (groups if col == GROUP_SCORES else [col]))


EXCEL_ROWS = 1_048_576  # rows in one sheet, header included
FORMATS = ("xlsx", "csv", "csv-vn")


class TooLargeForExcel(ValueError):
    """More rows than one Excel sheet holds."""


def fits_excel(frame: pl.DataFrame) -> bool:
    return frame.height + 1 <= EXCEL_ROWS


Decimals = Mapping[str, int] | None  # the catalogue's precision per indicator code (decimals(con)); None: the rows' own


def xlsx_bytes(frame: pl.DataFrame, meta: Meta, lang: str = "vi", unit: str | None = None, places: Decimals = None) -> bytes:
    """The workbook people download (kpi.export.workbook); raises TooLargeForExcel past one sheet."""
    if not fits_excel(frame):
        rows, most = frame.height, EXCEL_ROWS - 1
        raise TooLargeForExcel(msg("cli.too_large_for_excel", rows=Num(rows), most=Num(most)))
    return workbook_bytes(for_people(frame, lang, unit, places), meta)


def csv_vn(frame: pl.DataFrame, lang: str = "vi", unit: str | None = None, places: Decimals = None) -> bytes:
    """CSV for Excel set to Vietnamese (";", decimal comma), headers and codes in `lang`: the table alone (its
    details are in the workbook, or beside it: details_bytes)."""
    return csv_vn_bytes(for_people(frame, lang, unit, places))


def machine_csv(frame: pl.DataFrame) -> bytes:
    """CSV for machines (",", "."), machine column names and codes."""
    return csv_bytes(for_machines(frame))


def encode(frame: pl.DataFrame, fmt: str, meta: Meta, lang: str = "vi", unit: str | None = None, places: Decimals = None) -> bytes:
    if fmt == "xlsx":
        return xlsx_bytes(frame, meta, lang, unit, places)
    if fmt == "csv-vn":
        return csv_vn(frame, lang, unit, places)
    if fmt == "csv":
        return machine_csv(frame)
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def details_path(path: Path) -> Path:
    """Where the command line writes a csv-vn export's details: beside it, `<name>-thong-tin.csv`."""
    return path.with_name(f"{path.stem}-thong-tin.csv")


def _replace(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def write(frame: pl.DataFrame, path: Path, fmt: str, meta: Meta, lang: str = "vi", places: Decimals = None) -> None:
    """The export at `path`; a csv-vn export's details (title, filters, data version, time, demo, sources) in a
    side file (details_path), since a CSV holds one table and Excel would read lines above it as rows."""
    _replace(path, encode(frame, fmt, meta, lang, places=places))
    if fmt == "csv-vn":
        _replace(details_path(path), details_bytes(meta, lang))
