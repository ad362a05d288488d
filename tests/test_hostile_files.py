"""Odd and hostile report files (tests/corpus/hostile/, made by scripts/make_hostile_corpus.py):
nothing crashes, nothing is imported wrong, every refusal names the file, row and field, and the
database is unchanged by a refused file."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kpi import config
from kpi.db import connect
from kpi.store.publisher import publish_if_pending

CORPUS = Path(__file__).parent / "corpus" / "hostile"
MARKDOWN_NAME = "markdown_**name**_[link](http___x)_![img](x).csv"

# file -> (exit code, the start of the first line on stderr)
REFUSED = {
    "sparse_dimension.xlsx": (2, "sparse_dimension.xlsx: sheet “Báo cáo” khai báo vùng dữ liệu 16.384 cột × 1.048.576 dòng, "
                                 "vượt giới hạn 20 cột × 3.500.001 dòng"),
    "percent_for_a_count.xlsx": (1, "percent_for_a_count.xlsx:2: value: ô định dạng phần trăm nhưng chỉ tiêu không tính bằng %"),
    "formula_without_result.xlsx": (1, "formula_without_result.xlsx:2: value: ô D2 là công thức chưa có kết quả tính"),
    "formula_recalculated_on_load.xlsx": (2, "formula_recalculated_on_load.xlsx: sheet “Báo cáo”, ô D2: công thức trong tệp "
                                             "yêu cầu tính lại khi mở (fullCalcOnLoad), kết quả lưu trong tệp (0)"),
    "two_sheets.xlsx": (2, "two_sheets.xlsx: có dữ liệu ngoài sheet “Báo cáo” (sheet Quý 2)"),
    "old_binary.xls": (2, "old_binary.xls: định dạng .xls cũ không được hỗ trợ"),
    "month_and_quarter.csv": (1, "month_and_quarter.csv:3: period: kỳ 2026-09 và kỳ 2026-Q3 (month_and_quarter.csv:2) cùng kết "
                                 "thúc ngày 30/09/2026"),
    "quarter_not_ended.csv": (1, "quarter_not_ended.csv:2: period: kỳ báo cáo chưa kết thúc: 2026-Q4 kết thúc ngày 31/12/2026"),
    "ambiguous_thousands.csv": (1, "ambiguous_thousands.csv:2: value: số '1.234' không rõ nghĩa (một nghìn hay một phẩy): "
                                   "viết 1234 hoặc 1,234"),
    "long_field.csv": (1, "long_field.csv:2: (row): ô dài quá 2.000 ký tự"),
    "too_many_columns.csv": (2, "too_many_columns.csv: tệp có 34 cột, vượt giới hạn 20"),
    MARKDOWN_NAME: (1, f"{MARKDOWN_NAME}:2: period: kỳ báo cáo chưa kết thúc"),
}
IMPORTED = {
    "percent.xlsx": {("11503", "vneid_share", "2026-Q3"): 85.5},
    "formula_with_result.xlsx": {("11503", "vneid_share", "2026-Q3"): 64.5},
    "decimal_point_settled_by_the_file.csv": {
        ("11503", "average_income_per_capita", "2026-Q3"): 1.234, ("11503", "vneid_share", "2026-Q3"): 85.5,
    },
}
# Limits lowered through the environment, each with the file that crosses it.
LIMITS = {
    "max_file_bytes": ({"KPI_IMPORT_MAX_FILE_BYTES": "100000"}, "long_field.csv", 2,
                       "long_field.csv: tệp 0 MB vượt giới hạn 0 MB: chia thành nhiều tệp"),
    "max_rows": ({"KPI_IMPORT_MAX_ROWS": "1"}, "decimal_point_settled_by_the_file.csv", 1,
                 "decimal_point_settled_by_the_file.csv:3: (file): quá 1 dòng dữ liệu"),
    "max_unzipped_bytes": ({"KPI_IMPORT_MAX_UNZIPPED_BYTES": str(32 * 2**20)}, "zip_bomb.xlsx", 2,
                           "zip_bomb.xlsx: tệp Excel giải nén ra 64 MB, vượt giới hạn 32 MB"),
    "max_sheets": ({"KPI_IMPORT_MAX_SHEETS": "1"}, "two_sheets.xlsx", 2, "two_sheets.xlsx: tệp có 2 sheet, vượt giới hạn 1"),
}


@pytest.fixture()
def db(db_path: Path, tmp_path: Path) -> Path:
    path = tmp_path / "kpi.duckdb"
    shutil.copy(db_path, path)
    return path


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kpi", *args], capture_output=True, text=True, cwd=config.ROOT, timeout=300,
        env={**os.environ, "KPI_TODAY": "2026-11-22", **(env or {})},
    )


def contents(db: Path) -> str:
    publish_if_pending(db)  # what an import recorded reaches the snapshot at the next publication
    with connect(db) as con:
        rows = con.sql("SELECT * FROM observation WHERE NOT is_demo ORDER BY ALL").fetchall()
        batches = con.sql("SELECT count(*) FROM import_batch").fetchall()
    return hashlib.sha256(repr((rows, batches)).encode()).hexdigest()


def real_values(db: Path) -> dict:
    publish_if_pending(db)  # what an import recorded reaches the snapshot at the next publication
    with connect(db) as con:
        rows = con.sql("SELECT commune_code, indicator_code, period, value FROM observation WHERE NOT is_demo").fetchall()
    return {(c, i, p): v for c, i, p, v in rows}


def test_the_corpus_is_complete():
    assert {p.name for p in CORPUS.iterdir()} == set(REFUSED) | set(IMPORTED) | {"zip_bomb.xlsx"}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_refused_file_names_file_row_and_field_and_changes_nothing(db, name):
    code, first = REFUSED[name]
    before = contents(db)
    proc = cli("import", str(CORPUS / name), "--db", str(db))
    assert proc.returncode == code, proc.stderr
    assert proc.stderr.splitlines()[0].startswith(first), proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert contents(db) == before


@pytest.mark.parametrize("name", sorted(IMPORTED))
def test_what_excel_shows_is_what_is_imported(db, name):
    proc = cli("import", str(CORPUS / name), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert real_values(db) == pytest.approx(IMPORTED[name])


@pytest.mark.parametrize("limit", sorted(LIMITS))
def test_every_limit_refuses_with_its_number(db, limit):
    env, name, code, first = LIMITS[limit]
    before = contents(db)
    proc = cli("import", str(CORPUS / name), "--db", str(db), env=env)
    assert proc.returncode == code, proc.stderr
    assert proc.stderr.splitlines()[0].startswith(first), proc.stderr
    assert "Traceback" not in proc.stderr
    assert contents(db) == before


def test_a_month_against_a_stored_quarter_with_the_same_end_is_refused(db, tmp_path):
    quarter = tmp_path / "q.csv"
    quarter.write_text("commune_code,indicator_code,period,value,note\n11503,vneid_share,2026-Q3,70,số liệu kiểm thử\n", encoding="utf-8")
    month = tmp_path / "m.csv"
    month.write_text("commune_code,indicator_code,period,value,note\n11503,vneid_share,2026-09,71,số liệu kiểm thử\n", encoding="utf-8")
    assert cli("import", str(quarter), "--db", str(db)).returncode == 0
    proc = cli("import", str(month), "--db", str(db))
    assert proc.returncode == 1
    assert proc.stderr.startswith("m.csv:2: period: đã có giá trị kỳ 2026-Q3 (lô 1) cùng kết thúc ngày 30/09/2026")
    assert real_values(db) == {("11503", "vneid_share", "2026-Q3"): 70.0}


def test_a_real_month_hides_the_demo_quarter_ending_the_same_day(db, tmp_path):
    """One value per commune, indicator and period end in what scoring reads (the `reported` view)."""
    month = tmp_path / "m.csv"
    month.write_text("commune_code,indicator_code,period,value,note\n11503,vneid_share,2026-09,71,số liệu kiểm thử\n", encoding="utf-8")
    assert cli("import", str(month), "--db", str(db)).returncode == 0
    publish_if_pending(db)
    with connect(db) as con:
        rows = con.sql("SELECT period, value, is_demo FROM reported WHERE commune_code = '11503' "
                       "AND indicator_code = 'vneid_share' AND period_end = DATE '2026-09-30'").fetchall()
    assert rows == [("2026-09", 71.0, False)]


def test_a_workbook_too_big_for_the_checkers_memory_costs_that_check_only(db, tmp_path):
    """A 5 MB workbook whose string table unpacks to 4 million strings: the checker (limited here to
    300 MB) runs out of memory; the import is refused with the limit named and nothing changes."""
    import zipfile

    bomb = tmp_path / "strings.xlsx"
    strings = "".join(f"<si><t>{n}</t></si>" for n in range(4_000_000))
    table = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             f'count="4000000" uniqueCount="4000000">{strings}</sst>')
    with zipfile.ZipFile(CORPUS / "percent.xlsx") as good, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for item in good.infolist():
            if item.filename != "xl/sharedStrings.xml":
                out.writestr(item, good.read(item.filename))
        out.writestr("xl/sharedStrings.xml", table)
    before = contents(db)
    proc = cli("import", str(bomb), "--db", str(db), env={"KPI_IMPORT_PARSER_MEMORY_BYTES": str(300 * 2**20)})
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("strings.xlsx: không đọc được tệp trong giới hạn 300 MB bộ nhớ"), proc.stderr
    assert "Traceback" not in proc.stderr
    assert contents(db) == before
