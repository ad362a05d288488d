"""Report import: every accepted form reads, every bad file is refused with FILE:ROW: field, all or nothing.
An import is recorded in the store of record at once and reaches the snapshot at the next publication."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter
from polars.testing import assert_frame_equal

from kpi import config, records
from kpi.accounts import Actor
from kpi.build import DemoSettings, build
from kpi.db import connect, run
from kpi.importer import ImportFileError, RollbackError, parse_number
from kpi.scoring import tables
from kpi.services import approvals, values
from kpi.store.publisher import publish_if_pending
from tests.commands import kpi_command

CORPUS = Path(__file__).parent / "corpus" / "imports"
TODAY = date(2026, 11, 22)
ENV = {**os.environ, "KPI_TODAY": TODAY.isoformat()}


@pytest.fixture()
def db(seeds_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "kpi.duckdb"
    shutil.copy(seeds_db, path)
    return path


def cli(*args: str) -> subprocess.CompletedProcess:
    return kpi_command(*args, env={"KPI_TODAY": TODAY.isoformat()})


def contents_hash(db: Path) -> str:
    """A hash of everything an import may touch: the store of record and the published snapshot."""
    digest = hashlib.sha256()
    with records.read_only(db) as rec:
        for table in ("real_value", "import_batch", "observation_history", "value_approval", "audit_log", "change_log"):
            if rec is not None:
                digest.update(repr(sorted(rec.execute(f"SELECT * FROM {table}").fetchall(), key=repr)).encode())
    with connect(db) as con:
        for table in ("observation", "import_batch", "observation_history", "indicator_score", "commune_index",
                      "commune_group_score"):
            for row in con.sql(f"SELECT t::VARCHAR AS r FROM {table} t ORDER BY r").fetchall():
                digest.update(repr(row).encode())
    return digest.hexdigest()


def real_values(db: Path) -> dict[tuple[str, str, str], float]:
    """The imported values on the dashboard, once what is recorded is published."""
    publish_if_pending(db)
    with connect(db) as con:
        rows = con.sql("SELECT commune_code, indicator_code, period, value FROM observation WHERE NOT is_demo").fetchall()
    return {(c, i, p): v for c, i, p, v in rows}


# --- accepted forms ------------------------------------------------------------------------------

GOOD = {
    "good_utf8_bom.csv": {("11503", "vneid_share", "2026-Q3"): 72.5, ("05851", "vneid_share", "2026-Q2"): 60.0},
    "good_utf8_semicolon_vi_header.csv": {("23548", "online_dossier_processing_share", "2026-09"): 55.5},
    "good_utf16_tab.csv": {("25378", "cashless_transactions_share", "2025"): 79.0},
    "good_cp1258.csv": {("21697", "e_health_record_share", "2026-Q1"): 90.0},
}


@pytest.mark.parametrize("name", sorted(GOOD))
def test_accepted_file_forms_import(db, name):
    proc = cli("import", str(CORPUS / name), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    n = len(GOOD[name])
    assert proc.stdout.startswith(f"đã nhập {n}, cập nhật 0, không đổi 0, bỏ qua 0")
    assert real_values(db) == GOOD[name]


def test_xlsx_from_the_template_imports(db, tmp_path):
    path = tmp_path / "bao_cao.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Báo cáo")
    sheet.write_row(0, 0, ["Mã xã", "Mã chỉ tiêu", "Kỳ báo cáo", "Giá trị", "Minh chứng", "Ghi chú"])
    sheet.write_row(1, 0, [5851, "vneid_share", "2026-Q3", 64.25, "Công văn 5/CA", "đợt cấp tập trung"])  # Excel dropped the leading zero
    sheet.write_row(2, 0, ["11503", "cashless_transactions_share", "2026-Q3", "70,5%", "", "ước tính"])
    book.close()
    proc = cli("import", str(path), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert real_values(db) == {
        ("05851", "vneid_share", "2026-Q3"): 64.25,
        ("11503", "cashless_transactions_share", "2026-Q3"): 70.5,
    }
    publish_if_pending(db)
    with connect(db) as con:
        evidence = con.sql("SELECT evidence, note, source, source_row FROM observation WHERE NOT is_demo ORDER BY source_row").fetchall()
    assert evidence == [("Công văn 5/CA", "đợt cấp tập trung", "bao_cao.xlsx", 2), (None, "ước tính", "bao_cao.xlsx", 3)]


def test_templates_match_the_import_columns():
    import polars as pl

    from kpi.importer import COLUMNS

    csv_header = (config.DATA_DIR / "templates" / "report_template.csv").read_bytes()
    assert csv_header.startswith(b"\xef\xbb\xbf")
    assert csv_header.decode("utf-8-sig").strip().split(",") == list(COLUMNS)
    sheet = pl.read_excel(config.DATA_DIR / "templates" / "report_template.xlsx", sheet_name="Báo cáo")
    assert sheet.columns == list(COLUMNS)
    codes = pl.read_excel(config.DATA_DIR / "templates" / "report_template.xlsx", sheet_name="Chỉ tiêu")
    with_catalogue = {i.code for i in __import__("kpi.sources", fromlist=["load_indicators"]).load_indicators() if i.scope == "commune"}
    assert set(codes["indicator_code"]) == with_catalogue


@pytest.mark.parametrize(
    ("text", "value"),
    [("85%", 85.0), ("85,5", 85.5), ("85.5", 85.5), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("1.234.567", 1234567.0), ("-3", -3.0)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["khoảng 80", "=1+1", "", "85 %%", "1,2,3.4.5"])
def test_parse_number_refuses_text(text):
    with pytest.raises(ValueError):
        parse_number(text)


# --- the bad-file corpus -------------------------------------------------------------------------

# file -> (exit code, the start of the first error line)
BAD = {
    "bad_encoding_undecodable.csv": (2, "bad_encoding_undecodable.csv: không đọc được mã hóa"),
    "bad_encoding_utf32.csv": (2, "bad_encoding_utf32.csv: mã hóa ký tự không hỗ trợ"),
    "bad_not_a_workbook.xlsx": (2, "bad_not_a_workbook.xlsx: không đọc được tệp Excel"),
    "bad_delimiter_pipe.csv": (1, "bad_delimiter_pipe.csv:1: (header): dấu phân cách không hỗ trợ"),
    "bad_missing_column.csv": (1, "bad_missing_column.csv:1: value: thiếu cột bắt buộc"),
    "bad_extra_column.csv": (1, "bad_extra_column.csv:1: district: cột không có trong mẫu 'district'"),
    "bad_empty.csv": (1, "bad_empty.csv:1: (file): tệp rỗng"),
    "bad_header_only.csv": (1, "bad_header_only.csv:2: (file): không có dòng dữ liệu"),
    "bad_unknown_commune.csv": (1, "bad_unknown_commune.csv:3: commune_code: mã xã không tồn tại '99999'"),
    "bad_unknown_indicator.csv": (1, "bad_unknown_indicator.csv:2: indicator_code: mã chỉ tiêu không tồn tại"),
    "bad_out_of_bounds.csv": (1, "bad_out_of_bounds.csv:2: value: giá trị 120 ngoài miền [0, 100]"),
    "bad_negative.csv": (1, "bad_negative.csv:2: value: giá trị -5 ngoài miền [0, 100]"),
    "bad_text_value.csv": (1, "bad_text_value.csv:2: value: không phải là số"),
    "bad_future_period.csv": (1, "bad_future_period.csv:2: period: kỳ báo cáo chưa kết thúc: 2027-Q1 kết thúc ngày 31/03/2027"),
    "bad_malformed_period.csv": (1, "bad_malformed_period.csv:2: period: kỳ báo cáo không hợp lệ 'Q3/2026'"),
    "bad_repeated_rows.csv": (1, "bad_repeated_rows.csv:4: period: dòng lặp lại: cùng khóa với bad_repeated_rows.csv:2"),
    "bad_formula.csv": (1, "bad_formula.csv:2: value: không phải là số"),
}


def test_corpus_is_complete():
    assert {p.name for p in CORPUS.iterdir()} == set(BAD) | set(GOOD)


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_is_refused_and_nothing_changes(db, name):
    code, first = BAD[name]
    before = contents_hash(db)
    proc = cli("import", str(CORPUS / name), "--db", str(db))
    assert proc.returncode == code, proc.stderr
    assert proc.stderr.splitlines()[0].startswith(first), proc.stderr
    assert proc.stdout == ""
    assert contents_hash(db) == before


def test_formula_like_text_fields_are_refused(db):
    proc = cli("import", str(CORPUS / "bad_formula.csv"), "--db", str(db), "--dry-run")
    lines = proc.stderr.splitlines()
    assert lines[1].startswith("bad_formula.csv:3: evidence: ô giống công thức")
    assert lines[2].startswith("bad_formula.csv:4: note: ô giống công thức")


def test_one_bad_file_among_good_ones_writes_nothing(db):
    before = contents_hash(db)
    proc = cli("import", str(CORPUS / "good_utf8_bom.csv"), str(CORPUS / "bad_out_of_bounds.csv"), "--db", str(db))
    assert proc.returncode == 1
    assert "nhập thất bại: 1 lỗi trong 3 dòng; không ghi dữ liệu nào" in proc.stderr
    assert contents_hash(db) == before


def test_the_messages_are_in_the_language_of_lang_never_both(db):
    """--lang en: every line in English (the file, row and field named as in Vietnamese); the default: Vietnamese."""
    import re

    files = (str(CORPUS / "bad_out_of_bounds.csv"), str(CORPUS / "bad_unknown_commune.csv"))
    english = cli("import", *files, "--db", str(db), "--lang", "en")
    assert english.returncode == 1
    assert english.stderr.splitlines() == [
        "bad_out_of_bounds.csv:2: value: value 120 out of bounds [0, 100] %",
        "bad_unknown_commune.csv:3: commune_code: unknown commune code '99999'",
        "import failed: 2 error(s) in 3 row(s); nothing was written",
    ]
    vietnamese = cli("--lang", "vi", "import", *files, "--db", str(db))
    assert vietnamese.stderr.splitlines()[0] == "bad_out_of_bounds.csv:2: value: giá trị 120 ngoài miền [0, 100] %"
    assert not re.search(r"\b(?:out of bounds|unknown|failed|nothing)\b", vietnamese.stderr)  # the fields keep their names


def test_repeated_key_across_files_is_an_error(db, tmp_path):
    copy = tmp_path / "again.csv"
    shutil.copy(CORPUS / "good_utf8_bom.csv", copy)
    proc = cli("import", str(CORPUS / "good_utf8_bom.csv"), str(copy), "--db", str(db), "--dry-run")
    assert proc.returncode == 1
    assert "again.csv:2: period: dòng lặp lại: cùng khóa với good_utf8_bom.csv:2" in proc.stderr


def test_usage_errors_exit_2(db, tmp_path):
    assert cli("import", str(tmp_path / "missing.csv"), "--db", str(db)).returncode == 2
    assert cli("import", "--db", str(db)).returncode == 2  # no file
    assert cli("import", str(CORPUS / "good_utf8_bom.csv"), "--db", str(tmp_path / "none.duckdb")).returncode == 2


def test_dry_run_writes_nothing(db):
    before = contents_hash(db)
    proc = cli("import", str(CORPUS / "good_utf8_bom.csv"), "--db", str(db), "--dry-run")
    assert proc.returncode == 0
    assert proc.stdout.startswith("đã nhập 2, cập nhật 0, không đổi 0, bỏ qua 0 (2 dòng đã đọc; chạy thử, không ghi gì)")
    assert contents_hash(db) == before


# --- upsert, provenance, precedence, rollback ---------------------------------------------------


# The reason every test row gives (Ghi chú): the demo histories are smooth, so a test's value is often far from them,
# and a value far from its commune's history or its province's spread is refused without one (kpi.entry.checks).
REASON = "số liệu kiểm thử"


def write_report(path: Path, rows: list[tuple], note: str = REASON) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["commune_code", "indicator_code", "period", "value", "note"])
        w.writerows([(*row, note) for row in rows])
    return path


def test_upsert_summary_provenance_and_rollback(db, tmp_path):
    first = write_report(tmp_path / "q3.csv", [("11503", "vneid_share", "2026-Q3", 71), ("11503", "vneid_share", "2026-Q2", 66)])
    proc = cli("import", str(first), "--db", str(db))
    assert proc.stdout.startswith("đã nhập 2, cập nhật 0, không đổi 0, bỏ qua 0")
    second = write_report(tmp_path / "q3_fixed.csv", [("11503", "vneid_share", "2026-Q3", 73), ("11503", "vneid_share", "2026-Q2", 66)])
    proc = cli("import", str(second), "--db", str(db))
    assert proc.stdout.startswith("đã nhập 0, cập nhật 1, không đổi 1, bỏ qua 0")
    assert real_values(db)[("11503", "vneid_share", "2026-Q3")] == 73

    with connect(db) as con:
        prov = con.sql(
            "SELECT o.source, o.source_row, b.file_names, b.sha256 FROM observation o JOIN import_batch b USING (batch_id) "
            "WHERE NOT o.is_demo AND o.period = '2026-Q3'"
        ).fetchall()
        # Real values win over demo values for the same commune, indicator and period.
        shown = con.sql(
            "SELECT value, is_demo FROM reported WHERE commune_code = '11503' AND indicator_code = 'vneid_share' AND period = '2026-Q3'"
        ).fetchall()
        exported = run(con, "observations", province=None, commune="11503", indicator="vneid_share").filter(
            run(con, "observations", province=None, commune="11503", indicator="vneid_share")["period"] == "2026-Q3"
        )
    assert prov == [("q3_fixed.csv", 2, "q3_fixed.csv", hashlib.sha256(second.read_bytes()).hexdigest())]
    assert shown == [(73.0, False)]
    assert exported.select("value", "is_demo", "source").rows() == [(73.0, False, "q3_fixed.csv")]

    listing = cli("batches", "--db", str(db))
    lines = listing.stdout.splitlines()
    assert lines[0].startswith("batch_id\timported_at\tfiles")
    assert lines[1].split("\t")[0] == "2" and lines[1].split("\t")[2] == "q3_fixed.csv"

    # Batch 1 was partly replaced by batch 2: it cannot be rolled back first.
    refused = cli("rollback", "1", "--db", str(db))
    assert refused.returncode == 1
    assert refused.stderr.strip().endswith("lô 1 đã bị lô 2 ghi đè một phần: hoàn tác các lô đó trước")
    proc = cli("rollback", "2", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert "gỡ 1 giá trị, khôi phục 1 giá trị đã bị thay" in proc.stdout
    assert real_values(db) == {("11503", "vneid_share", "2026-Q3"): 71, ("11503", "vneid_share", "2026-Q2"): 66}
    proc = cli("rollback", "1", "--db", str(db))
    assert proc.returncode == 0
    assert real_values(db) == {}
    again = cli("rollback", "1", "--db", str(db))
    assert again.returncode == 1 and again.stderr.strip() == "lô 1 đã được hoàn tác"
    missing = cli("rollback", "99", "--db", str(db))
    assert missing.returncode == 1 and missing.stderr.strip() == "không có lô nhập 99"
    assert cli("rollback", "99", "--db", str(db), "--lang", "en").stderr.strip() == "no import batch 99"


def test_import_updates_scores(db, tmp_path):
    with connect(db) as con:
        before = con.sql(
            "SELECT latest_value FROM indicator_score WHERE commune_code = '23548' AND indicator_code = 'vneid_share' "
            "AND as_of_period = '2026-Q3'"
        ).fetchall()
    report = write_report(tmp_path / "r.csv", [("23548", "vneid_share", "2026-Q3", 99.5)])
    assert cli("import", str(report), "--db", str(db)).returncode == 0
    publish_if_pending(db)
    with connect(db) as con:
        after = con.sql(
            "SELECT latest_value FROM indicator_score WHERE commune_code = '23548' AND indicator_code = 'vneid_share' "
            "AND as_of_period = '2026-Q3'"
        ).fetchall()
    assert before and before[0][0] != 99.5
    assert after == [(99.5,)]


def test_rebuild_keeps_imported_reports(db, tmp_path):
    report = write_report(tmp_path / "r.csv", [("05851", "st_budget_share", "2026-Q2", 2.5)])
    assert cli("import", str(report), "--db", str(db)).returncode == 0
    build(db, demo=DemoSettings("seeds", 57, TODAY))
    assert real_values(db) == {("05851", "st_budget_share", "2026-Q2"): 2.5}
    again = write_report(tmp_path / "r2.csv", [("05851", "st_budget_share", "2026-Q3", 2.7)])
    proc = cli("import", str(again), "--db", str(db))
    assert proc.returncode == 0 and "lô 2)" in proc.stdout  # batch numbers continue


@pytest.mark.parametrize("stage", ["after_delete", "after_insert", "before_commit"])
def test_killed_import_leaves_database_exactly_as_before(db, tmp_path, stage):
    first = write_report(tmp_path / "a.csv", [("11503", "vneid_share", "2026-Q3", 71)])
    assert cli("import", str(first), "--db", str(db)).returncode == 0
    before = contents_hash(db)
    report = write_report(tmp_path / "b.csv", [("11503", "vneid_share", "2026-Q3", 75), ("23548", "vneid_share", "2026-Q3", 60)])
    proc = subprocess.run(
        [sys.executable, "-m", "tests.faults", stage, "import", str(report), "--db", str(db)],  # killed at STAGE
        capture_output=True, text=True, cwd=config.ROOT, env=ENV,
    )
    assert proc.returncode == -9  # SIGKILL, mid-transaction
    assert contents_hash(db) == before


def test_unreadable_file_raises_import_file_error(db, tmp_path):
    with pytest.raises(ImportFileError):
        values.import_files(db, Actor.server_admin(), [tmp_path / "nope.csv"], dry_run=True, today=TODAY)


def test_a_million_rows_import(db, tmp_path):
    """A file with a million rows validates and imports (timing: `python -m kpi bench --import-rows`)."""
    from tools.bench import BENCH_EVIDENCE, write_million_row_report

    path = write_million_row_report(tmp_path / "million.csv", db, 1_000_000, TODAY)
    result = values.import_files(db, Actor.server_admin(), [path], today=TODAY, evidence=BENCH_EVIDENCE)
    assert result.ok, result.errors[:3]
    assert (result.imported, result.updated, result.unchanged) == (1_000_000, 0, 0)
    with records.read_only(db) as rec:
        assert rec.execute("SELECT count(*) FROM real_value").fetchall() == [(1_000_000,)]
    with pytest.raises(RollbackError, match="không có lô nhập"):
        values.rollback(db, Actor.server_admin(), 42)
    done = values.rollback(db, Actor.server_admin(), result.batch_id)
    assert (done.removed, done.restored) == (1_000_000, 0)


# --- the store of record and the publication ---------------------------------------------------------


def test_an_import_is_in_the_store_at_once_and_on_the_dashboard_after_the_publication(db, tmp_path):
    report = write_report(tmp_path / "r.csv", [("11503", "vneid_share", "2026-Q3", 71), ("23548", "vneid_share", "2026-Q3", 60)])
    result = values.import_files(db, Actor.server_admin(), [report], today=TODAY)
    assert result.ok and result.batch_id == 1 and result.recorded_at
    listed = values.batches(db)
    assert listed.select("batch_id", "imported", "values_live", "pending").rows() == [(1, 2, 2, True)]
    with connect(db) as con:  # the snapshot readers hold: unchanged until the publisher folds the import in
        assert con.sql("SELECT count(*) FROM observation WHERE NOT is_demo").fetchall() == [(0,)]
    with records.read_only(db) as rec:
        assert [c for (c,) in rec.execute("SELECT commune_code FROM change_commune ORDER BY 1")] == ["11503", "23548"]
    published = publish_if_pending(db)
    assert published is not None and published.writes == 1 and published.communes == 2
    assert real_values(db) == {("11503", "vneid_share", "2026-Q3"): 71.0, ("23548", "vneid_share", "2026-Q3"): 60.0}
    assert values.batches(db)["pending"].to_list() == [False]
    assert publish_if_pending(db) is None, "nothing left to publish"


SCORES = {"indicator_score": ["basis", "as_of_period", "commune_code", "indicator_code"],
          "commune_index": ["basis", "as_of_period", "commune_code"],
          "commune_group_score": ["basis", "as_of_period", "commune_code", "group_code"]}


def test_a_publication_holds_the_scores_of_a_full_rescoring(db, tmp_path):
    """The publisher rescores only the communes an import or an approval touched (then the index, ranks and
    averages of all): the same scores as rescoring everything."""
    first = write_report(tmp_path / "a.csv", [("11503", "vneid_share", "2026-Q3", 71), ("11503", "vneid_share", "2026-Q2", 40),
                                              ("23548", "online_public_service_usage_share", "2026-Q3", 12.5)])
    assert values.import_files(db, Actor.server_admin(), [first], today=TODAY).ok
    publish_if_pending(db)
    second = write_report(tmp_path / "b.csv", [("05851", "vneid_share", "2026-Q1", 99), ("11503", "vneid_share", "2026-Q3", 75)])
    assert values.import_files(db, Actor.server_admin(), [second], today=TODAY).ok
    approvals.decide(db, Actor.server_admin(), "23548", "2026-Q3", "approve")
    assert publish_if_pending(db).writes == 2
    rescored = tmp_path / "rescored.duckdb"
    shutil.copy(db.resolve(), rescored)
    with connect(rescored, read_only=False) as con:
        con.execute("BEGIN")
        tables.refresh(con)
        con.execute("COMMIT")
    for table, key in SCORES.items():
        with connect(db) as published, connect(rescored) as full:
            got, want = (pl.from_arrow(c.sql(f"SELECT * FROM {table} ORDER BY ALL").arrow()).sort(key) for c in (published, full))
        assert got.height == want.height > 0
        assert_frame_equal(got, want, check_exact=False, rel_tol=1e-9, abs_tol=1e-9)
    with connect(db) as con:
        assert con.sql("SELECT latest_value FROM indicator_score WHERE basis = 'all' AND as_of_period = '2026-Q3' "
                       "AND commune_code = '11503' AND indicator_code = 'vneid_share'").fetchall() == [(75.0,)]


def test_a_rollback_restores_what_the_batch_replaced_in_the_store_and_on_the_dashboard(db, tmp_path):
    admin = Actor.server_admin()
    first = write_report(tmp_path / "a.csv", [("11503", "vneid_share", "2026-Q3", 71)])
    second = write_report(tmp_path / "b.csv", [("11503", "vneid_share", "2026-Q3", 75), ("05851", "vneid_share", "2026-Q3", 50)])
    assert values.import_files(db, admin, [first], today=TODAY).ok
    assert values.import_files(db, admin, [second], today=TODAY).ok
    assert real_values(db) == {("11503", "vneid_share", "2026-Q3"): 75.0, ("05851", "vneid_share", "2026-Q3"): 50.0}
    done = values.rollback(db, admin, 2)
    assert (done.removed, done.restored, done.communes) == (2, 1, ["05851", "11503"])
    with records.read_only(db) as rec:
        assert rec.execute("SELECT commune_code, value, batch_id FROM real_value").fetchall() == [("11503", 71.0, 1)]
        assert rec.execute("SELECT action FROM change_log ORDER BY change_id").fetchall() == [("import",), ("import",),
                                                                                               ("rollback",)]
    assert values.batches(db).select("batch_id", "values_live", "pending").rows() == [(2, 0, True), (1, 1, False)]
    assert real_values(db) == {("11503", "vneid_share", "2026-Q3"): 71.0}
    with connect(db) as con:
        assert con.sql("SELECT batch_id, rolled_back_by FROM import_batch ORDER BY 1").fetchall() == [(1, None), (2, admin.email)]
