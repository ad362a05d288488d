"""The monitoring workflow of seed 003, section IV.2 (kpi.workflow): task progress with evidence, the
province's review, red alerts by the plan's three rules, the approval and lock of reported values, and all
of it kept across a rebuild. Each rule of IV.2 is a test here; the page and the browser journey are in
test_workflow_page.py and test_workflow_browser.py."""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from kpi import build, config, records
from kpi.accounts import AccessDenied, Actor, audit, users
from kpi.approvals import ApprovalError
from kpi.cli import main
from kpi.db import connect, run
from kpi.i18n import text_of
from kpi.importer import RollbackError
from kpi.services import approvals, tasks, values
from kpi.services.accounts import add_user
from kpi.store import publisher
from kpi.store.publisher import publish_if_pending
from kpi.tasks import PLAN_START, parse_deadline
from kpi.workflow import alerts, evidence, progress
from kpi.workflow.review import ReviewError
from kpi.workflow.template import HEADER_VI
from tests.conftest import TODAY as BUILT
from tests.pg import both_engines

ADMIN = Actor.server_admin()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
TODAY = date(2026, 12, 1)
ACCOUNTS = {
    "editor@quanchu.gov.vn": dict(role="commune_editor", communes=["05851"]),
    "editor@tanloi.gov.vn": dict(role="commune_editor", communes=["25378"]),
    "reviewer@thainguyen.gov.vn": dict(role="province_reviewer", province="19"),
    "reviewer@haiphong.gov.vn": dict(role="province_reviewer", province="31"),
    "viewer@thainguyen.gov.vn": dict(role="viewer"),
}


@pytest.fixture()
def db(db_path, tmp_path, monkeypatch, records_engine) -> Path:
    path = tmp_path / "kpi.duckdb"
    shutil.copy(db_path, path)
    monkeypatch.setenv("KPI_TODAY", "2026-11-22")
    for email, scope in ACCOUNTS.items():
        add_user(path, ADMIN, email, **scope)
    return path


def who(db: Path, email: str) -> Actor:
    return users.actor_of(db, email)


def task(db: Path, commune: str, deadline_text: str | None = None, seq: str | None = None) -> int:
    with connect(db) as con:
        rows = run(con, "tasks", commune=commune)
        ids = run(con, "task_report_context").filter(commune_code=commune)
    if deadline_text is not None:
        rows = rows.filter(deadline_text=deadline_text)
    if seq is not None:
        rows = rows.filter(seq=seq)
    wording = rows["task"][0]
    return int(ids.filter(task=wording)["task_id"][0])


def board(db: Path, task_id: int, as_of: date = TODAY) -> dict:
    """The task as the board shows it once what was recorded is published."""
    publisher.publish_if_pending(db)
    with connect(db) as con:
        rows = run(con, "task_board", province=None, commune=None, agency=None, status=None, as_of=as_of, plan_start=PLAN_START)
    return rows.filter(task_id=task_id).row(0, named=True)


def report(db: Path, email: str, task_id: int, status: str, percent: float | None = None, files: dict | None = None):
    return tasks.report_task(db, who(db, email), task_id=task_id, status=status, percent=percent, note="",
                             evidence=files or {})


def decide_task(db: Path, email: str, report_id: int, accept: bool, reason: str = "") -> None:
    tasks.review(db, who(db, email), report_id, accept=accept, reason=reason)


def recorded_reports(db: Path) -> int:
    """How many task reports the store of record holds (what a write left, published or not)."""
    with records.read_only(db) as con:
        return 0 if con is None else con.execute("SELECT count(*) FROM task_report").fetchone()[0]


# --- evidence files ------------------------------------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return sink.getvalue()


def _xlsx() -> bytes:
    sink = io.BytesIO()
    wb = openpyxl.Workbook()
    wb.active["A1"] = "biên bản"
    wb.save(sink)
    return sink.getvalue()


@pytest.mark.parametrize(("name", "content"), [
    ("bien-ban.pdf", PDF), ("anh-chup.PNG", PNG), ("anh.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 16),
    ("bang.xlsx", _xlsx()), ("van-ban.docx", _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"})),
    ("van-ban.odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})),
    ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64),
])
def test_evidence_takes_pdf_images_and_office_documents(name, content):
    item = evidence.check(name, content)
    assert item.size_bytes == len(content) and len(item.sha256) == 64 and item.media_type == evidence.EXTENSIONS[
        name.rsplit(".", 1)[1].lower()]


@pytest.mark.parametrize(("name", "content", "why"), [
    ("setup.exe", b"MZ\x90\x00", "loại tệp không được nhận"),
    ("run.sh", b"#!/bin/sh\nrm -rf /\n", "loại tệp không được nhận"),
    ("trang.html", b"<html><script>alert(1)</script>", "loại tệp không được nhận"),
    ("anh.svg", b"<svg onload=alert(1)>", "loại tệp không được nhận"),
    ("gia.pdf", b"<html><script>alert(1)</script>", "nội dung không phải là tệp PDF"),  # HTML named .pdf
    ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 64, "nội dung không phải là tệp PDF"),
    ("macro.docx", _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>", "word/vbaProject.bin": b"x"}),
     "tệp có macro"),
    ("macro.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "_VBA_PROJECT".encode("utf-16-le"), "tệp có macro"),
    ("rong.pdf", b"", "tệp rỗng"),
])
def test_evidence_refuses_executables_markup_macros_and_lies(name, content, why):
    with pytest.raises(evidence.EvidenceError) as refused:
        evidence.check(name, content)
    assert str(refused.value).startswith(f"{name}: ") and why in str(refused.value)


def test_evidence_has_a_size_limit(monkeypatch):
    monkeypatch.setattr(evidence, "MAX_BYTES", 1000)
    with pytest.raises(evidence.EvidenceError, match="lớn hơn"):
        evidence.check("to.pdf", PDF + b"\x00" * 1000)


def test_evidence_is_stored_once_under_its_sha256(tmp_path):
    item = evidence.check("a.pdf", PDF)
    first = evidence.save(tmp_path, item, PDF)
    again = evidence.save(tmp_path, evidence.check("b.pdf", PDF), PDF)  # same content, another name
    assert first == again == tmp_path / item.sha256[:2] / item.sha256
    assert evidence.read(tmp_path, item.sha256) == PDF
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [item.sha256]
    with pytest.raises(ValueError):
        evidence.path_of(tmp_path, "../../etc/passwd")


# --- IV.2.2: reporting done needs evidence; the province reviews it -------------------------------


def test_a_task_cannot_be_reported_done_without_evidence(db):
    tid = task(db, "05851", seq="1")
    done = report(db, "editor@quanchu.gov.vn", tid, "done")
    assert not done.ok and [(e.file, e.row, e.field) for e in done.errors] == [("form", 1, "evidence")]
    assert "phải kèm tệp minh chứng" in str(done.errors[0].message)
    assert recorded_reports(db) == 0
    assert board(db, tid)["is_demo"], "nothing was written: the task still shows its demo status"


def test_a_reported_completion_waits_for_review_and_does_not_count_yet(db):
    tid = task(db, "05851", seq="1")
    done = report(db, "editor@quanchu.gov.vn", tid, "done", files={"bien-ban.pdf": PDF})
    assert done.ok, done.errors
    row = board(db, tid)
    assert (row["status"], row["percent_complete"], row["evidence"], row["is_demo"]) == (
        "done_awaiting_review", 100.0, "bien-ban.pdf", False)
    assert not row["red_alert"], "the commune did its part: awaiting the province is not an alert"
    stored = evidence.path_of(evidence.store_dir(db), evidence.check("x.pdf", PDF).sha256)
    assert stored.read_bytes() == PDF


def test_returned_evidence_is_cho_hoan_thien_not_done_and_a_red_alert_until_accepted(db):
    tid = task(db, "23548", deadline_text="Tháng 01/2029")  # far from due: only the review can raise the alert
    first = report(db, "editor@quanchu.gov.vn", tid, "done", files={"x.pdf": PDF})
    assert not first.ok and first.errors[0].field == "commune_code", "Ya Ly's task is outside Quân Chu's editor's scope"
    tid = task(db, "05851", deadline_text="Tháng 01/2029")
    [rid] = report(db, "editor@quanchu.gov.vn", tid, "done", files={"x.pdf": PDF}).report_ids
    with pytest.raises(ReviewError, match="phải nêu lý do"):
        decide_task(db, "reviewer@thainguyen.gov.vn", rid, accept=False, reason="  ")
    decide_task(db, "reviewer@thainguyen.gov.vn", rid, accept=False, reason="Biên bản chưa có chữ ký")
    row = board(db, tid)
    assert (row["status"], row["alert_returned"], row["red_alert"], row["review_reason"]) == (
        "done_awaiting_evidence", True, True, "Biên bản chưa có chữ ký")
    with pytest.raises(ReviewError, match="đã được thẩm định"):
        decide_task(db, "reviewer@thainguyen.gov.vn", rid, accept=True)

    [again] = report(db, "editor@quanchu.gov.vn", tid, "done", files={"x-da-ky.pdf": PDF + b"signed"}).report_ids
    assert (board(db, tid)["status"], board(db, tid)["red_alert"]) == ("done_awaiting_review", False)
    with pytest.raises(ReviewError, match="báo cáo mới hơn"):
        decide_task(db, "reviewer@thainguyen.gov.vn", rid, accept=True)  # the old report is not the task's status
    decide_task(db, "reviewer@thainguyen.gov.vn", again, accept=True)
    row = board(db, tid)
    assert (row["status"], row["red_alert"], row["reviewed_by"]) == ("done_verified", False, "reviewer@thainguyen.gov.vn")
    with connect(db) as con:
        assert con.sql("SELECT actor, action FROM audit_log WHERE action LIKE 'task%' ORDER BY audit_id").fetchall() == [
            ("editor@quanchu.gov.vn", "task_report"), ("reviewer@thainguyen.gov.vn", "task_return"),
            ("editor@quanchu.gov.vn", "task_report"), ("reviewer@thainguyen.gov.vn", "task_accept")]


@pytest.mark.parametrize(("email", "allowed"), [
    ("reviewer@thainguyen.gov.vn", True), ("reviewer@haiphong.gov.vn", False), ("editor@quanchu.gov.vn", False),
    ("viewer@thainguyen.gov.vn", False),
])
def test_only_a_reviewer_of_the_province_reviews(db, email, allowed):
    tid = task(db, "05851", seq="1")
    [rid] = report(db, "editor@quanchu.gov.vn", tid, "done", files={"x.pdf": PDF}).report_ids
    if allowed:
        decide_task(db, email, rid, accept=True)
        assert board(db, tid)["status"] == "done_verified"
    else:
        with pytest.raises(AccessDenied):
            decide_task(db, email, rid, accept=True)
        assert board(db, tid)["status"] == "done_awaiting_review"


@pytest.mark.parametrize(("email", "error"), [
    ("viewer@thainguyen.gov.vn", AccessDenied), ("reviewer@thainguyen.gov.vn", AccessDenied),
])
def test_only_editors_and_admins_report_tasks(db, email, error):
    with pytest.raises(error):
        report(db, email, task(db, "05851", seq="1"), "in_progress", 20)


# --- IV.2.3: the three red-alert rules -----------------------------------------------------------


def test_rule_overdue_a_task_past_its_deadline_and_not_done(db):
    tid = task(db, "05851", seq="1")  # "Tháng 7/2025": due 31/07/2025
    report(db, "editor@quanchu.gov.vn", tid, "in_progress", 90)
    row = board(db, tid)
    assert (row["deadline_date"], row["alert_overdue"], row["alert_behind"], row["red_alert"]) == (date(2025, 7, 31), True, False, True)
    [rid] = report(db, "editor@quanchu.gov.vn", tid, "done", files={"x.pdf": PDF}).report_ids
    assert not board(db, tid)["alert_overdue"], "reported done before the review: the commune's part is done"
    decide_task(db, "reviewer@thainguyen.gov.vn", rid, accept=False, reason="ảnh mờ")
    row = board(db, tid)
    assert (row["alert_overdue"], row["alert_returned"]) == (True, True), "returned: not done, so overdue again"


def test_rule_behind_progress_below_half_of_the_elapsed_schedule(db):
    tid = task(db, "05851", deadline_text="Tháng 01/2029")  # due 31/01/2029; the schedule runs from PLAN_START
    due = parse_deadline("Tháng 01/2029").due
    halfway = PLAN_START + timedelta(days=(due - PLAN_START).days // 2)  # half the schedule gone: 50% of it is 25
    report(db, "editor@quanchu.gov.vn", tid, "in_progress", 24)
    row = board(db, tid, halfway)
    assert row["elapsed_share"] == pytest.approx(0.5, abs=0.001)
    assert (row["alert_behind"], row["alert_overdue"], row["red_alert"]) == (True, False, True)
    report(db, "editor@quanchu.gov.vn", tid, "in_progress", 26)
    assert not board(db, tid, halfway)["red_alert"]


def test_a_one_year_plan_s_tasks_without_deadline_are_due_at_its_year_end_implied(db):
    tid = task(db, "25378", seq="I.1")  # Tân Lợi: "Phụ lục (Nhiệm vụ chuyển đổi số năm 2026)", no deadline column
    report(db, "editor@tanloi.gov.vn", tid, "in_progress", 95)
    row = board(db, tid)
    assert (row["deadline_date"], row["deadline_implied"], row["deadline_text"]) == (date(2026, 12, 31), True, "")
    assert not row["red_alert"]
    assert board(db, tid, date(2027, 1, 1))["alert_overdue"]
    # its schedule is the plan's year, not PLAN_START's eighteen months: half of it is gone on 2 July 2026
    assert board(db, tid, date(2026, 7, 2))["elapsed_share"] == pytest.approx(0.5, abs=0.005)
    assert parse_deadline("", "Phụ lục (Nhiệm vụ chuyển đổi số năm 2026)").kind == "implied"
    assert parse_deadline("", "Phụ lục III").kind == "none", "no year in the heading: no implied deadline"
    assert parse_deadline("Quý II/2026", "Phụ lục năm 2026").kind == "date", "a stated deadline wins"


def test_demo_statuses_remain_labelled_for_tasks_nobody_reported(db):
    with connect(db) as con:
        rows = run(con, "task_board", province=None, commune=None, agency=None, status=None, as_of=TODAY, plan_start=PLAN_START)
    assert rows.height == 143 and rows["is_demo"].all() and rows["status"].null_count() == 0
    assert rows["red_alert"][0] and not rows.filter(~rows["red_alert"])["red_alert"].any()  # red alerts first


# --- the template, imported like values -------------------------------------------------------------


def template_rows(db: Path, commune: str) -> list[list[str]]:
    import csv

    with connect(db) as con:
        data = progress.template(con, [commune]).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(data), delimiter=";"))


def test_the_template_reports_tasks_with_every_problem_named_by_file_row_and_field(db, tmp_path):
    rows = template_rows(db, "05851")
    assert rows[0] == [HEADER_VI[c] for c in ("commune_code", "task_id", "seq", "task", "status", "percent_complete", "note",
                                              "evidence")]
    assert len(rows) == 1 + 48
    rows[1][4:8] = ["Hoàn thành", "", "Đã ký", "bien-ban.pdf"]
    rows[2][4:6] = ["Đang thực hiện", "40,5"]
    rows[3][4] = "Hoàn thành"  # no evidence
    rows[4][4:6] = ["xong rồi", "10"]
    rows[5][4:6] = ["Đang thực hiện", "140"]
    rows[6][3], rows[6][4], rows[6][5] = "một nhiệm vụ khác", "Đang thực hiện", "10"
    rows[7][4:8] = ["Hoàn thành", "", "", "virus.exe.pdf"]
    rows[8][4:8] = ["Hoàn thành", "", "", "khong-co.pdf"]
    rows.append(list(rows[2]))  # the same task twice
    path = tmp_path / "tien-do.csv"
    path.write_text("\n".join(";".join(f'"{c}"' for c in r) for r in rows), encoding="utf-8")
    (tmp_path / "bien-ban.pdf").write_bytes(PDF)
    (tmp_path / "virus.exe.pdf").write_bytes(b"MZ\x90\x00")
    given = progress.EvidenceFolder(tmp_path, exclude={path.name})
    result = tasks.report_tasks(db, who(db, "editor@quanchu.gov.vn"), [path], given)
    assert [(e.row, e.field) for e in result.errors] == [
        (4, "evidence"), (5, "status"), (6, "percent_complete"), (7, "task"), (8, "evidence"), (9, "evidence"),
        (50, "task_id")]
    assert all(e.file == "tien-do.csv" for e in result.errors)
    assert "nội dung không phải là tệp PDF" in str(result.errors[4].message) and "khong-co.pdf" in str(result.errors[5].message)
    assert recorded_reports(db) == 0, "all or nothing"

    good = [rows[0], rows[1], rows[2], *[r for r in rows[9:49]]]  # blank template rows are tasks not reported
    path.write_text("\n".join(";".join(f'"{c}"' for c in r) for r in good), encoding="utf-8")
    result = tasks.report_tasks(db, who(db, "editor@quanchu.gov.vn"), [path], given)
    assert result.ok and len(result.report_ids) == 2
    assert board(db, int(rows[2][1]))["percent_complete"] == 40.5


def test_an_xlsx_template_and_scope_by_row(db, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    ws.append(["Mã xã", "Mã nhiệm vụ", "Tình trạng", "Tiến độ (%)"])
    quan_chu, tan_loi = task(db, "05851", seq="2"), task(db, "25378", seq="I.2")
    ws.append([5851, quan_chu, "Đang thực hiện", 0.3])  # Excel dropped the zero; a percent cell
    ws["D2"].number_format = "0%"
    ws.append(["25378", tan_loi, "in_progress", 30])
    path = tmp_path / "tien-do.xlsx"
    wb.save(path)
    result = tasks.report_tasks(db, who(db, "editor@quanchu.gov.vn"), [path], {})
    assert [(e.row, e.field) for e in result.errors] == [(3, "commune_code")]
    assert "nằm ngoài phạm vi của bạn" in str(result.errors[0].message)
    result = tasks.report_tasks(db, ADMIN, [path], {})
    assert result.ok and board(db, quan_chu)["percent_complete"] == 30.0


def test_a_task_report_workbook_asking_for_a_recalculation_on_load_refuses_its_formulas(db, tmp_path, capsys):
    """xlsxwriter stores 0 as the result of =20+20 and asks Excel to recalculate on load (fullCalcOnLoad):
    the stored 0 is not what Excel shows (40), so the formula is refused, naming file, sheet and cell."""
    import xlsxwriter

    path = tmp_path / "tien-do.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Báo cáo")
    sheet.write_row(0, 0, ["Mã xã", "Mã nhiệm vụ", "Tình trạng", "Tiến độ (%)"])
    sheet.write_row(1, 0, ["05851", task(db, "05851", seq="2"), "Đang thực hiện"])
    sheet.write_formula(1, 3, "=20+20")
    book.close()
    assert main(["tasks-report", str(path), "--db", str(db), "--as", "editor@quanchu.gov.vn"]) == 2
    assert capsys.readouterr().err.startswith("tien-do.xlsx: sheet “Báo cáo”, ô D2: công thức trong tệp yêu cầu tính lại "
                                              "khi mở (fullCalcOnLoad), kết quả lưu trong tệp (0)")
    assert recorded_reports(db) == 0


@both_engines
def test_cli_tasks_template_report_review_and_approval(db, tmp_path, capsys):
    out = tmp_path / "mau.csv"
    assert main(["tasks-template", "--commune", "05851", "-o", str(out), "--db", str(db)]) == 0
    rows = [line.split(";") for line in out.read_text(encoding="utf-8-sig").splitlines()]
    rows[1][4], rows[1][7] = "Hoàn thành", "bien-ban.pdf"
    out.write_text("\n".join(";".join(r) for r in rows[:2]), encoding="utf-8")
    (tmp_path / "bien-ban.pdf").write_bytes(PDF)
    assert main(["tasks-report", str(out), "--db", str(db), "--as", "viewer@thainguyen.gov.vn"]) == 1
    assert main(["tasks-report", str(out), "--db", str(db), "--as", "nobody@example.vn"]) == 2
    assert main(["tasks-report", str(out), "--db", str(db), "--as", "editor@quanchu.gov.vn", "--dry-run"]) == 0
    assert main(["tasks-report", str(out), "--db", str(db), "--as", "editor@quanchu.gov.vn"]) == 0
    assert "1 báo cáo nhiệm vụ hợp lệ (báo cáo 1)" in capsys.readouterr().out
    assert main(["review", "1", "--return", "thiếu chữ ký", "--db", str(db), "--as", "reviewer@haiphong.gov.vn"]) == 1
    assert main(["review", "1", "--return", "thiếu chữ ký", "--db", str(db), "--as", "reviewer@thainguyen.gov.vn"]) == 0
    assert main(["review", "1", "--db", str(db)]) == 1  # already reviewed
    assert "đã được thẩm định" in capsys.readouterr().err


def test_a_reason_or_a_file_name_cannot_forge_a_line_of_the_audit(db, tmp_path, capsys):
    forged = "\n2026-11-22 10:00:00+0000\treviewer@thainguyen.gov.vn\tprovince_reviewer\tapprove\tcommune 05851 2026-Q3"
    tid = task(db, "05851", seq="1")
    [rid] = report(db, "editor@quanchu.gov.vn", tid, "done", files={"x.pdf": PDF}).report_ids
    assert main(["review", str(rid), "--return", f"mờ{forged}\u2028\x85\\n", "--db", str(db),
                 "--as", "reviewer@thainguyen.gov.vn"]) == 0
    named = value_file(tmp_path, 61, name=f"q3{forged}.csv".replace("/", "-"))
    assert main(["import", str(named), "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["audit", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    with records.read_only(db) as rec:  # the audit is the store of record's
        written = rec.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert len(lines) == 1 + written, "one record, one line"
    assert all(len(line.split("\t")) == 9 for line in lines), "a tab in a field cannot make a column"
    imported, returned = (line.split("\t") for line in lines[1:3])
    assert imported[4] == "import" and imported[6] == "q3\\n2026-11-22 10:00:00+0000\\treviewer@thainguyen.gov.vn" \
        "\\tprovince_reviewer\\tapprove\\tcommune 05851 2026-Q3.csv"
    assert returned[4] == "task_return" and returned[5].endswith(
        ": mờ\\n2026-11-22 10:00:00+0000\\treviewer@thainguyen.gov.vn\\tprovince_reviewer\\tapprove\\tcommune 05851 "
        "2026-Q3\\u2028\\x85\\\\n")
    assert main(["batches", "--db", str(db)]) == 0
    batches = capsys.readouterr().out.splitlines()
    assert len(batches) == 2 and len(batches[1].split("\t")) == 12, "one batch, one line, whatever its file's name"


def test_a_rebuild_keeps_every_task_report_a_corrected_wording_followed_a_removed_task_listed(db, data_copy):
    """The catalogue of tasks is corrected in data/ and rebuilt: a report of a task whose wording changed is
    still found (same commune and number), with its review and evidence; one whose task was removed is kept
    in the store and listed in the snapshot's record_unmatched (cần đối chiếu), never dropped."""
    import polars as pl

    corrected, removed = task(db, "05851", seq="1"), task(db, "05851", seq="2")
    [kept] = report(db, "editor@quanchu.gov.vn", corrected, "done", files={"bien-ban.pdf": PDF}).report_ids
    decide_task(db, "reviewer@thainguyen.gov.vn", kept, accept=False, reason="thiếu chữ ký")
    [orphan] = report(db, "editor@quanchu.gov.vn", removed, "in_progress", 30).report_ids
    plan = data_copy / "tasks" / "05851.csv"
    rows = pl.read_csv(plan, infer_schema_length=0)
    old = rows.filter(seq="1")["task"][0]
    rows = rows.filter(pl.col("seq") != "2").with_columns(
        task=pl.when(pl.col("seq") == "1").then(pl.lit(old + " (đã sửa câu chữ)")).otherwise("task"))
    rows.write_csv(plan)

    build.build(db, data_dir=data_copy, demo=build.DemoSettings("provinces", 57, BUILT), timeout=60)
    with connect(db) as con:
        moved = run(con, "tasks", commune="05851").filter(seq="1")["task"][0]
        unmatched = con.sql("SELECT kind, record_id, commune_code, why FROM record_unmatched").fetchall()
        placed = con.sql("SELECT report_id, task_wording FROM task_report ORDER BY report_id").fetchall()
    assert moved == old + " (đã sửa câu chữ)"
    assert placed == [(kept, moved)], "found again by commune and number, under the corrected wording"
    [(kind, record_id, commune, why)] = unmatched
    assert (kind, record_id, commune) == ("task_report", str(orphan), "05851") and why == "task_gone"
    now = board(db, task(db, "05851", seq="1"))
    assert (now["report_id"], now["status"], now["review_reason"], now["evidence"]) == (
        kept, "done_awaiting_evidence", "thiếu chữ ký", "bien-ban.pdf")
    assert recorded_reports(db) == 2, "the store keeps both"


# --- values: submitted, approved, locked ---------------------------------------------------------------


def value_file(tmp_path: Path, value: float, name: str = "q3.csv") -> Path:
    path = tmp_path / name
    path.write_text("commune_code,indicator_code,period,value,note\n"  # its reason: far from the demo history
                    f"05851,online_public_service_usage_share,2026-Q3,{value},cổng mới\n", encoding="utf-8")
    return path


def state(db: Path, commune: str = "05851", quarter: str = "2026-Q3") -> str | None:
    """The quarter's approval state as recorded (the store of record)."""
    with records.read_only(db) as rec:
        found = records.one(rec, "value_approval_of", commune=commune, quarter=quarter)
    return found[0] if found else None


def decide(db: Path, email: str, move: str, commune: str = "05851", quarter: str = "2026-Q3") -> str:
    return approvals.decide(db, who(db, email), commune, quarter, move).state


def import_values(db: Path, actor: Actor, path: Path) -> values.ImportResult:
    return values.import_files(db, actor, [path])


def test_values_are_submitted_approved_locked_and_a_locked_quarter_refuses_imports(db, tmp_path):
    with pytest.raises(ApprovalError, match="chưa báo cáo số liệu"):
        decide(db, "reviewer@thainguyen.gov.vn", "approve")
    batch = import_values(db, who(db, "editor@quanchu.gov.vn"), value_file(tmp_path, 61)).batch_id
    assert state(db) == "submitted"
    with pytest.raises(ApprovalError, match="đang ở trạng thái") as caught:
        decide(db, "reviewer@thainguyen.gov.vn", "lock")
    assert text_of(caught.value, "en").endswith(": cannot lock")
    with pytest.raises(AccessDenied):
        decide(db, "reviewer@haiphong.gov.vn", "approve")
    with pytest.raises(AccessDenied):
        decide(db, "editor@quanchu.gov.vn", "approve")
    assert decide(db, "reviewer@thainguyen.gov.vn", "approve") == "approved"
    # a new value in an approved quarter: submitted again
    batch = import_values(db, who(db, "editor@quanchu.gov.vn"), value_file(tmp_path, 62)).batch_id
    assert state(db) == "submitted"
    decide(db, "reviewer@thainguyen.gov.vn", "approve")
    assert decide(db, "reviewer@thainguyen.gov.vn", "lock") == "locked"

    refused = import_values(db, who(db, "editor@quanchu.gov.vn"), value_file(tmp_path, 63))
    assert [(e.file, e.row, e.field) for e in refused.errors] == [("q3.csv", 2, "period")]
    assert "đã khóa" in str(refused.errors[0].message) and refused.batch_id is None
    publish_if_pending(db)  # still locked once published: the refusal reads the store, not the snapshot
    refused = values.import_files(db, who(db, "editor@quanchu.gov.vn"), [value_file(tmp_path, 63)], dry_run=True)
    assert "đã khóa" in str(refused.errors[0].message)
    with pytest.raises(RollbackError, match="kỳ đã khóa"):
        values.rollback(db, ADMIN, batch)
    assert decide(db, "reviewer@thainguyen.gov.vn", "unlock") == "approved"
    assert import_values(db, who(db, "editor@quanchu.gov.vn"), value_file(tmp_path, 63)).ok
    log = audit.log(db)
    assert log.filter(log["action"].is_in(["approve", "lock", "unlock"])).sort("audit_id")["action"].to_list() == [
        "approve", "approve", "lock", "unlock"]
    with records.read_only(db) as rec:  # each decision names its commune for the publisher's rescoring
        assert rec.execute("SELECT c.action, k.commune_code FROM change_log c JOIN change_commune k USING (change_id) "
                           "WHERE c.action IN ('approve', 'lock', 'unlock')").fetchall() == [
            ("approve", "05851"), ("approve", "05851"), ("lock", "05851"), ("unlock", "05851")]


def test_leadership_can_see_approved_values_only(db, tmp_path):
    with connect(db) as con:
        assert run(con, "ranking", period="2026-Q3", province="19", basis="approved").height == 0, "nothing approved yet"
    import_values(db, ADMIN, value_file(tmp_path, 61))
    decide(db, "reviewer@thainguyen.gov.vn", "approve")
    publish_if_pending(db)
    with connect(db) as con:
        approved = run(con, "scores", period="2026-Q3", province="19", commune=None, group=None, basis="approved").filter(
            indicator_code="online_public_service_usage_share")
        everything = run(con, "scores", period="2026-Q3", province="19", commune=None, group=None).filter(
            indicator_code="online_public_service_usage_share")
    quan_chu = approved.filter(commune_code="05851").row(0, named=True)
    assert quan_chu["latest_value"] == 61.0
    others = approved.filter(approved["commune_code"] != "05851")
    assert others.height and others["latest_value"].null_count() == others.height, "no other commune has an approved value"
    assert everything["latest_value"].null_count() == 0, "the default basis still reads every reported value"


def test_the_workflow_survives_a_rebuild(db, tmp_path):
    tid = task(db, "05851", seq="1")
    [rid] = report(db, "editor@quanchu.gov.vn", tid, "done", files={"x.pdf": PDF}).report_ids
    decide_task(db, "reviewer@thainguyen.gov.vn", rid, accept=False, reason="mờ")
    import_values(db, ADMIN, value_file(tmp_path, 61))
    decide(db, "reviewer@thainguyen.gov.vn", "approve")
    before = board(db, tid)
    build.build(db, demo=build.DemoSettings("provinces", 57, BUILT), timeout=60)
    after = board(db, tid)
    assert {k: after[k] for k in ("status", "evidence", "review_reason", "reported_by", "red_alert")} == {
        k: before[k] for k in ("status", "evidence", "review_reason", "reported_by", "red_alert")}
    assert state(db) == "approved"
    assert evidence.store_dir(db).is_dir() and any(evidence.store_dir(db).rglob("*"))
    [again] = report(db, "editor@quanchu.gov.vn", tid, "done", files={"y.pdf": PDF + b"2"}).report_ids
    assert again > rid, "report ids go on after the carried-over ones"


def test_the_needs_action_list_of_a_province(db, tmp_path):
    tid = task(db, "05851", deadline_text="Tháng 01/2029")
    [rid] = report(db, "editor@quanchu.gov.vn", tid, "done", files={"x.pdf": PDF}).report_ids
    other = task(db, "05851", seq="1")
    report(db, "editor@quanchu.gov.vn", other, "done", files={"x.pdf": PDF})
    decide_task(db, "reviewer@thainguyen.gov.vn", rid, accept=False, reason="thiếu chữ ký")
    import_values(db, ADMIN, value_file(tmp_path, 61))
    publish_if_pending(db)
    with connect(db) as con:
        tasks = run(con, "task_board", province="19", commune=None, agency=None, status=None, as_of=TODAY, plan_start=PLAN_START)
        actions = alerts.action_list(
            tasks, run(con, "action_off_track", province="19", period="2026-Q3"),
            run(con, "action_not_reported", province="19", quarter_end=date(2026, 9, 30)),
            run(con, "value_approvals", province="19"), "vi")
        communes = run(con, "units", province="19").height
    counts = alerts.counts(actions)
    real = actions.filter(is_demo=False)
    assert real.filter(action="alert_returned").height == 1 and real.filter(action="awaiting_review").height == 1
    assert counts["alert_returned"] == int(tasks["alert_returned"].sum()), "demo statuses count too, labelled as demo"
    assert counts["not_reported"] == communes - 1, "Quân Chu reported 2026-Q3; demo values are not reports"
    assert counts["values_submitted"] == 1
    assert counts["alert_overdue"] == int(tasks["alert_overdue"].sum()) > 0
    assert actions.row(0, named=True)["action"] == "alert_overdue"
    details = actions.filter(action="off_track")["detail"]  # "47,4 / ≥ 95 (2030)": the reader's numbers and symbols
    assert details.len() == counts["off_track"] > 0
    assert not details.str.contains(">=", literal=True).any() and not details.str.contains(r"\d\.\d").any()
    assert details.str.contains(r"^[–\d,]+ / (≥|>|=|≤|<|phấn đấu|trong khoảng) ").all()
    returned = actions.filter(action="alert_returned", is_demo=False).row(0, named=True)
    assert (returned["commune_code"], returned["detail"], returned["is_demo"]) == ("05851", "thiếu chữ ký", False)


def test_a_report_is_stamped_on_the_day_the_board_reads(monkeypatch):
    """With $KPI_TODAY a task report is dated that day (at the current time), so the board as of that day shows
    it; without it, the machine's clock. (The board reads reports made by its as-of day: a report stamped by the
    machine's clock after $KPI_TODAY was invisible, and these tests failed once the real date passed theirs.)"""
    monkeypatch.setenv("KPI_TODAY", "2026-11-22")
    stamped = config.now()
    assert stamped.date() == date(2026, 11, 22) and stamped.tzinfo is not None
    monkeypatch.delenv("KPI_TODAY")
    assert abs(config.now() - datetime.now(UTC)) < timedelta(seconds=5)
