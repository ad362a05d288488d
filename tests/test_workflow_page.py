"""Nhiệm vụ and the approval form under AppTest, signed in as each role: a commune editor reports a task
with evidence (refused without it), a province reviewer returns and accepts it and the red alert follows,
the "cần xử lý" list counts it, a reviewer approves and locks a quarter, and leadership switches to
approved values only. The same journey in a real browser is in test_workflow_browser.py."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kpi import config, records
from kpi.accounts import Actor
from kpi.db import connect, run
from kpi.services import accounts, values
from kpi.store import publisher
from kpi.tasks import PLAN_START
from tests.test_import_page import AUTH

PDF = b"%PDF-1.4\n%evidence\n"


@pytest.fixture()
def wf_db(db_path, tmp_path, monkeypatch) -> Path:
    path = tmp_path / "kpi.duckdb"
    shutil.copy(db_path, path)
    monkeypatch.setenv("KPI_DB", str(path))
    monkeypatch.setenv("KPI_TODAY", "2026-12-01")
    admin = Actor.server_admin()
    accounts.add_user(path, admin, "editor@tanloi.gov.vn", "commune_editor", communes=["25378"])
    accounts.add_user(path, admin, "reviewer@dongnai.gov.vn", "province_reviewer", province="75")
    accounts.add_user(path, admin, "reviewer@haiphong.gov.vn", "province_reviewer", province="31")
    accounts.add_user(path, admin, "viewer@dongnai.gov.vn", "viewer")
    publisher.publish_if_pending(path)  # the accounts as the pages read them
    return path


def tasks_page(email: str | None, lang: str = "vi") -> AppTest:
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": email is not None, **({"email": email, "email_verified": True} if email else {})}
    at.query_params["province"] = "75"
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/tasks.py").run()
    assert not at.exception, at.exception
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def task_row(db: Path, task_id: int | None = None, *, publish: bool = True) -> dict:
    """A Tân Lợi task as Nhiệm vụ shows it today, once what was recorded is published (publish=False: as the
    snapshot shows it now): this one, or the first (I.1: the plan numbers each section from 1)."""
    if publish:
        publisher.publish_if_pending(db)
    with connect(db) as con:
        rows = run(con, "task_board", province="75", commune=None, agency=None, status=None, as_of=date(2026, 12, 1),
                   plan_start=PLAN_START)
    return rows.filter(task_id=task_id).row(0, named=True) if task_id else rows.filter(seq="I.1").row(0, named=True)


def report(at: AppTest, task_id: int, status: str, files: list[tuple[str, bytes, str]] | None = None,
           percent: float | None = None) -> AppTest:
    at.selectbox(key="report_task").set_value(task_id)
    at.radio(key="report_status").set_value(status)
    if percent is not None:
        at.number_input(key="report_percent").set_value(percent)
    if files:
        at.file_uploader(key="report_evidence").set_value(files)
    next(b for b in at.button if b.label == "Gửi báo cáo").click()
    at.run()
    assert not at.exception, at.exception
    return at


def review(at: AppTest, report_id: int, accept: bool, reason: str = "") -> AppTest:
    at.selectbox(key="review_report").set_value(report_id).run()
    at.text_input(key=f"review_reason_{report_id}").set_value(reason)
    at.button(key="review_accept" if accept else "review_return").click()
    at.run()
    assert not at.exception, at.exception
    return at


def test_only_editors_see_the_report_form_and_only_reviewers_the_review(wf_db):
    editor, reviewer, viewer, nobody = (tasks_page(e) for e in (
        "editor@tanloi.gov.vn", "reviewer@dongnai.gov.vn", "viewer@dongnai.gov.vn", None))
    heads = {name: [s.value for s in at.subheader] for name, at in
             (("editor", editor), ("reviewer", reviewer), ("viewer", viewer), ("nobody", nobody))}
    assert "Báo cáo tiến độ nhiệm vụ" in heads["editor"] and "Thẩm định minh chứng" not in heads["editor"]
    assert "Thẩm định minh chứng" in heads["reviewer"] and "Báo cáo tiến độ nhiệm vụ" not in heads["reviewer"]
    assert heads["viewer"] == heads["nobody"] == ["Cần xử lý: Đồng Nai"], "no form for readers"
    for at in (viewer, nobody):
        assert not any(b.label == "Gửi báo cáo" for b in at.button)
    options = editor.selectbox(key="report_task").options
    assert len(options) == 20 and all(o.startswith("Xã Tân Lợi – ") for o in options), "only the editor's commune"


def test_an_editor_reports_done_with_evidence_and_a_reviewer_returns_then_accepts(wf_db):
    task = task_row(wf_db)
    assert task["is_demo"] and task["deadline_implied"]
    at = tasks_page("editor@tanloi.gov.vn")
    report(at, task["task_id"], "done")  # no evidence
    assert "báo cáo hoàn thành phải kèm tệp minh chứng" in " ".join(t.value for t in at.text)
    assert any("chưa ghi gì" in e.value for e in at.error)
    assert task_row(wf_db, task["task_id"])["is_demo"], "nothing was written"
    # the uploader takes only evidence types; a program renamed .pdf gets past it, not past the content check
    report(at, task["task_id"], "done", [("bien-ban.pdf", b"MZ\x90\x00", "application/pdf")])
    assert "nội dung không phải là tệp PDF" in " ".join(t.value for t in at.text)
    report(at, task["task_id"], "done", [("bien-ban.pdf", PDF, "application/pdf")])
    assert any("Đã ghi báo cáo nhiệm vụ I.1 " in s.value for s in at.success), [e.value for e in at.error]
    assert any("Đã ghi nhận lúc" in s.value for s in at.success), "acknowledged as recorded"
    reviewer = tasks_page("reviewer@dongnai.gov.vn")  # waiting for review as soon as it is recorded, unpublished
    [waiting] = reviewer.selectbox(key="review_report").options
    assert waiting.startswith("#") and "Xã Tân Lợi – I.1." in waiting
    row = task_row(wf_db, task["task_id"])
    assert (row["status"], row["evidence"], row["red_alert"]) == ("done_awaiting_review", "bien-ban.pdf", False)
    assert waiting.startswith(f"#{row['report_id']} · ")
    at.run()
    assert metric(at, "Chờ thẩm định minh chứng") == "1"

    at = tasks_page("reviewer@dongnai.gov.vn")
    returned_before = int(metric(at, "Minh chứng bị trả lại"))
    review(at, row["report_id"], accept=False)  # a return needs a reason
    assert any("trả lại phải nêu lý do" in e.value for e in at.error)
    review(at, row["report_id"], accept=False, reason="Biên bản chưa có chữ ký")
    assert any("Đã trả lại báo cáo số" in s.value for s in at.success)
    assert any("Đã ghi nhận lúc" in s.value for s in at.success)
    assert any("Không có báo cáo hoàn thành nào chờ thẩm định" in c.value for c in at.caption), "reviewed: gone at once"
    row = task_row(wf_db, task["task_id"])
    assert (row["status"], row["red_alert"], row["alert_returned"]) == ("done_awaiting_evidence", True, True)
    at.run()
    assert int(metric(at, "Minh chứng bị trả lại")) == returned_before + 1
    assert metric(at, "Chờ thẩm định minh chứng") == "0"

    at = tasks_page("editor@tanloi.gov.vn")
    report(at, row["task_id"], "done", [("bien-ban-da-ky.pdf", PDF + b"signed", "application/pdf")])
    row = task_row(wf_db, task["task_id"])
    assert (row["status"], row["red_alert"]) == ("done_awaiting_review", False)
    at = tasks_page("reviewer@dongnai.gov.vn")
    review(at, row["report_id"], accept=True)
    assert any("Đã chấp nhận báo cáo số" in s.value for s in at.success)
    row = task_row(wf_db, task["task_id"])
    assert (row["status"], row["red_alert"], row["reviewed_by"]) == ("done_verified", False, "reviewer@dongnai.gov.vn")
    at.run()
    assert int(metric(at, "Minh chứng bị trả lại")) == returned_before


def test_a_report_is_recorded_at_once_pending_on_the_page_and_on_the_board_once_published(wf_db):
    task = task_row(wf_db)
    at = tasks_page("editor@tanloi.gov.vn")
    assert not any(d for d in at.dataframe if "Lúc báo cáo" in d.value.columns), "nothing pending yet"
    report(at, task["task_id"], "in_progress", percent=40.0)
    assert any("Đã ghi nhận lúc" in s.value for s in at.success), [e.value for e in at.error]
    with records.read_only(wf_db) as con:  # in the store of record at once
        assert con.execute("SELECT task_id, commune_code, task_seq, task_wording, status, percent_complete, reported_by "
                           "FROM task_report").fetchall() == [
            (task["task_id"], "25378", "I.1", task["task"], "in_progress", 40.0, "editor@tanloi.gov.vn")]
    pending = next(d.value for d in at.dataframe if "Lúc báo cáo" in d.value.columns)
    assert pending["Nhiệm vụ"].tolist()[0].startswith("Xã Tân Lợi – I.1.")
    assert (pending["Tiến độ (%)"].tolist(), pending["Nguồn tình trạng"].tolist()) == ([40.0], ["chờ cập nhật"])
    unpublished = task_row(wf_db, task["task_id"], publish=False)
    assert unpublished["is_demo"], "the snapshot holds no report until the next publication"
    assert publisher.publish_if_pending(wf_db) is not None
    at.run()
    assert not any(d for d in at.dataframe if "Lúc báo cáo" in d.value.columns), "published: no longer pending"
    row = task_row(wf_db, task["task_id"], publish=False)
    assert (row["is_demo"], row["status"], row["percent_complete"], row["reported_by"]) == (
        False, "in_progress", 40.0, "editor@tanloi.gov.vn")


def test_the_tasks_page_lists_red_alerts_first_with_their_reasons_and_demo_labels(wf_db, no_callbacks):
    at = tasks_page(None)
    table = next(d.value for d in at.dataframe if "Cơ quan chủ trì" in d.value.columns)
    alerts = list(table["Cảnh báo đỏ"])
    assert alerts == sorted(alerts, reverse=True) and True in alerts and False in alerts
    assert all(reason for reason, flag in zip(table["Lý do cảnh báo"], alerts, strict=True) if flag)
    assert set(table["Nguồn tình trạng"]) == {"Minh họa"}
    assert set(table["Thời hạn"]) == {"(ngầm định: cuối năm kế hoạch)"}, "Tân Lợi's tasks: the plan's year end"
    assert "Tình trạng đến ngày 01/12/2026" in " ".join(c.value for c in at.caption)
    assert no_callbacks == []


def test_the_tasks_page_in_english(wf_db):
    at = tasks_page("editor@tanloi.gov.vn", lang="en")
    labels = [m.label for m in at.metric]
    assert "Evidence returned" in labels and "Indicator off track" in labels
    assert "Report task progress" in [s.value for s in at.subheader]
    assert at.radio(key="report_status").options == ["Not started", "In progress", "Done"]


def test_a_reviewer_approves_and_locks_a_quarter_and_leadership_sees_approved_values_only(wf_db, tmp_path):
    path = tmp_path / "q3.csv"
    path.write_text("commune_code,indicator_code,period,value,note\n25378,online_public_service_usage_share,2026-Q3,77,cổng mới\n")
    assert values.import_files(wf_db, Actor.server_admin(), [path]).ok
    publisher.publish_if_pending(wf_db)
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email_verified": True, "email": "reviewer@dongnai.gov.vn"}
    at.query_params["province"] = "75"
    at.run()
    at.switch_page("pages/approval.py").run()
    assert at.title[0].value == "Phê duyệt số liệu"
    assert at.selectbox(key="approval_pick").options == ["Xã Tân Lợi · Q3/2026"]
    next(b for b in at.button if b.label == "Khóa").click()
    at.run()
    assert any("đang ở trạng thái “Đã nộp, chờ duyệt”" in e.value for e in at.error), "lock needs approval first"
    next(b for b in at.button if b.label == "Phê duyệt").click()
    at.run()
    assert any("Đã phê duyệt" in s.value for s in at.success), [e.value for e in at.error]
    assert publisher.publish_if_pending(wf_db) is not None, "the approval is recorded, for the next publication"

    at.query_params["indicator"] = "online_public_service_usage_share"
    at.switch_page("pages/ranking.py").run()
    assert not at.exception
    every = at.dataframe[0].value
    assert every["Giá trị"].notna().sum() > 1, "all reported values: demo ones too"
    at.sidebar.toggle(key="basis_approved").set_value(True).run()
    assert at.query_params["basis"] in (["approved"], "approved")
    assert any("chỉ số liệu đã được tỉnh phê duyệt" in i.value for i in at.info)
    approved = at.dataframe[0].value
    # the only approved value, Tân Lợi's, the chosen commune (Xếp hạng marks it ★)
    assert approved.loc[approved["Giá trị"].notna(), "Xã, phường"].tolist() == ["★ Xã Tân Lợi"]
    assert approved.loc[approved["Xã, phường"] == "★ Xã Tân Lợi", "Giá trị"].tolist() == [77.0]

    other = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    other.secrets["auth"] = AUTH
    other.user = {"is_logged_in": True, "email_verified": True, "email": "reviewer@haiphong.gov.vn"}
    other.run()
    other.switch_page("pages/approval.py").run()
    assert any("Chưa có số liệu báo cáo nào trong phạm vi của bạn" in c.value for c in other.caption)
