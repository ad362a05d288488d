"""Issue 33 items 4 and 5: the approval screen (Phê duyệt số liệu) with each value beside the previous period,
the next milestone's target and the province's spread, outliers flagged; return with a reason (the store's new
move, on the service and the command line); the reason shown first to the commune's editor where they report
(Nhập báo cáo, Nhiệm vụ), and a returned task report's reason above the form. Unit tests of kpi.value_review
and kpi.approvals; AppTests signed in as each role."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from kpi import approvals, config, records, value_review
from kpi.accounts import AccessDenied, Actor
from kpi.records import store
from kpi.services import accounts, values
from kpi.services import approvals as approval_service
from kpi.services import tasks as task_service
from kpi.store import publisher
from tests.pg import both_engines
from tests.test_import_page import AUTH

EDITOR, REVIEWER, OTHER_REVIEWER, VIEWER = ("editor@tanloi.gov.vn", "reviewer@dongnai.gov.vn", "reviewer@haiphong.gov.vn",
                                            "viewer@dongnai.gov.vn")
EDITOR_ACTOR = Actor(EDITOR, "commune_editor", communes=frozenset({"25378"}))
REVIEWER_ACTOR = Actor(REVIEWER, "province_reviewer", province="75")
REASON = "Tỷ lệ dịch vụ công 3% thấp bất thường: kiểm tra lại số liệu"
# Tân Lợi's Q3 2026: one value far below Đồng Nai's spread (3 against a median near 67), one ordinary
# (with the editor's reason for the first, far from its history, and the evidence file Tân Lợi's plan asks of the
# second, which meets its target: kpi.entry.checks)
Q3 = ("commune_code,indicator_code,period,value,evidence,note\n"
      "25378,online_public_service_usage_share,2026-Q3,3,Báo cáo số 12/BC-UBND,cổng dịch vụ công gián đoạn\n"
      "25378,coverage_5g_population_share,2026-Q3,80,qd-5g.pdf,trạm 5G mới\n")
Q3_EVIDENCE = {"qd-5g.pdf": b"%PDF-1.4\n% 5G\n"}


@pytest.fixture(scope="module")
def review_db(db_path, tmp_path_factory) -> Path:
    """One private copy of the session database for the module (the tests run in order on it): four accounts,
    Tân Lợi's Q3 2026 imported by its editor."""
    tmp = tmp_path_factory.mktemp("approval")
    path = tmp / "kpi.duckdb"
    shutil.copy(db_path, path)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KPI_DB", str(path))
        mp.setenv("KPI_TODAY", "2026-12-01")
        admin = Actor.server_admin()
        accounts.add_user(path, admin, EDITOR, "commune_editor", communes=["25378"])
        accounts.add_user(path, admin, REVIEWER, "province_reviewer", province="75")
        accounts.add_user(path, admin, OTHER_REVIEWER, "province_reviewer", province="31")
        accounts.add_user(path, admin, VIEWER, "viewer")
        report = tmp / "tan-loi-q3.csv"
        report.write_text(Q3, encoding="utf-8")
        assert values.import_files(path, EDITOR_ACTOR, [report], evidence=Q3_EVIDENCE).ok
        publisher.publish_if_pending(path)
        yield path


def page(path: str, email: str | None, lang: str = "vi") -> AppTest:
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": email is not None, **({"email": email, "email_verified": True} if email else {})}
    at.query_params["province"] = "75"
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def frame(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


# --- kpi logic -------------------------------------------------------------------------------------------------


def test_the_screen_puts_each_value_beside_previous_target_and_spread_and_flags_outliers():
    values_ = pl.DataFrame({"indicator_code": ["a", "b", "a"], "period": ["2026-Q3", "2026-Q3", "2026-Q2"],
                            "period_end": ["2026-09-30", "2026-09-30", "2026-06-30"], "value": [3.0, 70.0, 60.0],
                            "evidence": [None, "x", None], "note": [None, None, None]})
    context = pl.DataFrame({"indicator_code": ["a", "b"], "indicator_name_vi": ["A", "B"], "lower_bound": [0.0, 0.0],
                            "upper_bound": [100.0, 100.0], "sort_order": [1, 0], "previous_period": ["2026-Q2", "2026-Q2"],
                            "previous_value": [60.0, 65.0], "target_value": [80.0, 90.0], "province_communes": [10, 10],
                            "province_q1": [55.0, 55.0], "province_median": [65.0, 65.0], "province_q3": [75.0, 75.0]})
    shown = value_review.screen(values_, context, "2026-Q3", "en")
    assert shown["indicator_code"].to_list() == ["b", "a"], "the quarter's values only, in the catalogue's order"
    a = shown.filter(indicator_code="a").row(0, named=True)
    assert (a["value"], a["previous_value"], a["change"], a["province_median"], a["target_value"]) == (3.0, 60.0, -57.0, 65.0, 80.0)
    assert a["outlier"] and "far from the province's spread" in a["flags"] and "large change" in a["flags"]
    b = shown.filter(indicator_code="b").row(0, named=True)
    assert not b["outlier"] and b["flags"] == ""
    few = value_review.screen(values_, context.with_columns(province_communes=pl.lit(3)), "2026-Q3", "en")
    assert "province" not in few.filter(indicator_code="a")["flags"][0], "fewer than 4 communes: no spread to judge by"


def test_a_store_made_before_returns_is_upgraded_with_its_rows(tmp_path):
    old = tmp_path / "kpi.records.sqlite3"
    schema = records.statement("schema").replace("'submitted', 'returned', 'approved', 'locked'",
                                                 "'submitted', 'approved', 'locked'")
    import sqlite3

    with sqlite3.connect(old) as con:
        con.executescript(schema)
        con.execute("DROP TABLE value_review")
        con.execute("INSERT INTO value_approval VALUES ('25378', '2026-Q2', 'locked', '2026-07-01T00:00:00+00:00', 'a@b.vn')")
    with records.connect(tmp_path / "kpi.duckdb") as con:
        con.execute("INSERT INTO value_approval VALUES ('25378', '2026-Q3', 'returned', '2026-10-01T00:00:00+00:00', 'a@b.vn')")
        assert con.execute("SELECT quarter, state FROM value_approval ORDER BY quarter").fetchall() == [
            ("2026-Q2", "locked"), ("2026-Q3", "returned")]
        assert con.execute("SELECT count(*) FROM value_review").fetchone() == (0,)


# --- the pages -------------------------------------------------------------------------------------------------


def test_a_reviewer_sees_the_values_in_view_and_returns_them_with_a_reason(review_db):
    at = page("pages/approval.py", REVIEWER)
    assert at.selectbox(key="approval_pick").options == ["Xã Tân Lợi · Q3/2026"]
    assert "Số liệu của kỳ: Xã Tân Lợi, Q3/2026 · Đã nộp, chờ duyệt" in [h.value for h in at.subheader]
    shown = frame(at, "Tỉnh: trung vị")
    assert len(shown) == 2
    online = shown[shown["Giá trị"] == 3.0].iloc[0]
    assert online["Bất thường"] and "xa phân bố của tỉnh" in online["Vì sao"]
    assert online["Kỳ"] == "2026-Q2" and online["Kỳ trước"] > 3 and online["Tỉnh: số xã"] >= 4
    assert online["Tỉnh: Q1"] <= online["Tỉnh: trung vị"] <= online["Tỉnh: Q3"]
    assert online["Mục tiêu mốc kế tiếp"] == "≥ 80 (2026)" and online["Minh chứng (ghi trong tệp)"] == "Báo cáo số 12/BC-UBND"
    assert not shown[shown["Giá trị"] == 80.0].iloc[0]["Bất thường"]
    assert any("1 giá trị bất thường" in w.value for w in at.warning)
    at.button(key="approval_return").click().run()
    assert any("phải nêu lý do" in e.value for e in at.error), "a return needs a reason"
    at.text_input(key="approval_reason_25378|2026-Q3_0").set_value(REASON)
    at.button(key="approval_return").click().run()
    assert not at.exception, at.exception
    assert any("Bị trả lại, chờ xã sửa" in s.value for s in at.success), [e.value for e in at.error]
    assert "Số liệu của kỳ: Xã Tân Lợi, Q3/2026 · Bị trả lại, chờ xã sửa" in [h.value for h in at.subheader]
    assert list(at.dataframe[0].value["Trạng thái"]) == ["Bị trả lại, chờ xã sửa"]
    assert at.text_input(key="approval_reason_25378|2026-Q3_1").value == "", "the reason cleared: it cannot go twice"
    history = frame(at, "Quyết định")
    assert history[["Quyết định", "Lý do", "Người thẩm định"]].values.tolist() == [["Trả lại", REASON, REVIEWER]]

    editor = page("pages/import_reports.py", EDITOR)  # where they report: the reason first
    first = editor.error[0].value  # the first alert of the page, above the upload
    assert "Số liệu kỳ Q3/2026 của Xã Tân Lợi bị trả lại" in first and "Tỷ lệ dịch vụ công 3%" in first, first
    tasks = page("pages/tasks.py", EDITOR)
    assert any("bị trả lại" in e.value and "Tỷ lệ dịch vụ công 3%" in e.value for e in tasks.error)
    other = page("pages/approval.py", OTHER_REVIEWER)
    assert any("Chưa có số liệu báo cáo nào trong phạm vi của bạn" in c.value for c in other.caption)


def test_a_return_needs_a_reason_and_a_new_import_resubmits(review_db, tmp_path):
    """After the page's return (the test above): the words stay, a new import answers the return."""
    with pytest.raises(approvals.ApprovalError, match="phải nêu lý do"):
        approval_service.decide(review_db, REVIEWER_ACTOR, "25378", "2026-Q3", "return", reason="   ")
    with pytest.raises(AccessDenied):
        approval_service.decide(review_db, Actor(OTHER_REVIEWER, "province_reviewer", province="31"), "25378", "2026-Q3",
                                "return", reason=REASON)
    with pytest.raises(approvals.ApprovalError, match="Bị trả lại"):
        approval_service.decide(review_db, REVIEWER_ACTOR, "25378", "2026-Q3", "approve")
    said = approval_service.reviews(review_db, EDITOR_ACTOR)
    assert said.select("commune_name", "quarter", "move", "reason", "reviewed_by", "state_now").rows() == [
        ("Xã Tân Lợi", "2026-Q3", "return", REASON, REVIEWER, "returned")]
    assert not approval_service.reviews(review_db, Actor("x@y.vn", "commune_editor", communes=frozenset({"11503"}))).height
    with records.read_only(review_db) as con:
        assert REASON in con.execute("SELECT detail FROM audit_log WHERE action = 'return'").fetchone()[0]
    again = tmp_path / "again.csv"
    again.write_text("commune_code,indicator_code,period,value,note\n25378,online_public_service_usage_share,2026-Q3,63,đã sửa\n")
    assert values.import_files(review_db, EDITOR_ACTOR, [again]).ok
    assert approval_service.reviews(review_db, EDITOR_ACTOR)["state_now"].to_list() == ["submitted"], "answered: resubmitted"
    assert approval_service.decide(review_db, REVIEWER_ACTOR, "25378", "2026-Q3", "approve").state == "approved"


def test_the_command_line_returns_with_a_reason(review_db, tmp_path):
    q2 = tmp_path / "q2.csv"
    q2.write_text("commune_code,indicator_code,period,value,note\n25378,online_public_service_usage_share,2026-Q2,61,đã sửa\n")
    assert values.import_files(review_db, EDITOR_ACTOR, [q2]).ok
    run = [sys.executable, "-m", "kpi", "approval", "return", "25378", "2026-Q2", "--db", str(review_db)]
    refused = subprocess.run(run, capture_output=True, text=True, cwd=config.ROOT)
    assert refused.returncode == 1 and "phải nêu lý do" in refused.stderr
    done = subprocess.run([*run, "--reason", REASON], capture_output=True, text=True, cwd=config.ROOT)
    assert done.returncode == 0 and done.stdout.strip() == "25378 2026-Q2: Bị trả lại, chờ xã sửa", done.stderr


def test_a_returned_task_report_s_reason_shows_above_the_form(review_db):
    from tests.test_workflow_page import PDF, task_row

    task = task_row(review_db)
    done = task_service.report_task(review_db, EDITOR_ACTOR, task_id=task["task_id"], status="done", percent=100.0, note="",
                                    evidence=[("bien-ban.pdf", PDF)])
    assert done.ok
    task_service.review(review_db, REVIEWER_ACTOR, done.report_ids[0], accept=False,
                        reason="Biên bản chưa có chữ ký")
    publisher.publish_if_pending(review_db)
    at = page("pages/tasks.py", EDITOR)
    said = [e.value.replace("\\", "") for e in at.error]  # shown as typed: markdown escaped
    assert any("Báo cáo nhiệm vụ Xã Tân Lợi – I.1 bị trả lại" in s and "Biên bản chưa có chữ ký" in s for s in said), said
    reviewer = page("pages/tasks.py", REVIEWER)
    assert not any("Báo cáo nhiệm vụ" in e.value for e in reviewer.error), "the editor's words, not the reviewer's"


@pytest.mark.parametrize("email", [VIEWER, EDITOR, None])
def test_only_reviewers_get_the_approval_screen(review_db, email):
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": email is not None, **({"email": email, "email_verified": True} if email else {})}
    at.run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # not in their navigation
        at.switch_page("pages/approval.py")


@both_engines
def test_a_return_and_its_words_on_both_store_engines(db_path, tmp_path, monkeypatch, records_engine):
    """The same service calls on SQLite and PostgreSQL: a return with its reason, the reviewer's word read back in
    the editor's scope, a PostgreSQL store made before returns upgraded on first use."""
    path = tmp_path / "kpi.duckdb"
    shutil.copy(db_path, path)
    monkeypatch.setenv("KPI_TODAY", "2026-12-01")
    accounts.add_user(path, Actor.server_admin(), EDITOR, "commune_editor", communes=["25378"])
    accounts.add_user(path, Actor.server_admin(), REVIEWER, "province_reviewer", province="75")
    if records_engine == "postgresql":  # as a store made before this change: no value_review, the old state check
        with records.connect(path) as con:
            con.execute("DROP TABLE value_review")
            con.execute("ALTER TABLE value_approval DROP CONSTRAINT value_approval_state_check")
            con.execute("ALTER TABLE value_approval ADD CONSTRAINT value_approval_state_check "
                        "CHECK (state IN ('submitted', 'approved', 'locked'))")
        store._created.clear()  # a new process: the schema is checked again on first use
    report = tmp_path / "q3.csv"
    report.write_text(Q3, encoding="utf-8")
    assert values.import_files(path, EDITOR_ACTOR, [report], evidence=Q3_EVIDENCE).ok
    assert approval_service.decide(path, REVIEWER_ACTOR, "25378", "2026-Q3", "return", reason=REASON).state == "returned"
    assert approval_service.reviews(path, EDITOR_ACTOR).select("move", "reason", "state_now").rows() == [
        ("return", REASON, "returned")]
    assert approval_service.listing(path, "75").filter(quarter="2026-Q3")["state"].to_list() == ["returned"]


def test_each_value_s_evidence_is_its_batch_s_or_a_later_live_one():
    view = pl.DataFrame({"indicator_code": ["a", "b", "c"], "period": ["2026-Q1"] * 3, "batch_id": [5, 5, 5]})
    files = pl.DataFrame({"batch_id": [4, 5, 7, 8], "indicator_code": ["a", "a", "a", "b"], "period": ["2026-Q1"] * 4,
                          "file_name": ["old.pdf", "qd.pdf", "again.pdf", "undone.pdf"], "sha256": ["0", "1", "2", "3"],
                          "rolled_back_at": [None, None, None, "2026-04-01T00:00:00+00:00"]})
    got = value_review.evidence_files(view, files)
    assert got.select("indicator_code", "batch_id", "file_name").rows() == [("a", 7, "again.pdf"), ("a", 5, "qd.pdf")], \
        "an earlier batch's file is not this value's; a rolled-back batch's is no one's; the newest first"


def test_a_value_with_evidence_links_its_file_one_without_does_not(review_db, tmp_path):
    from tests.test_workflow_page import PDF

    q1 = tmp_path / "q1.csv"
    q1.write_text("commune_code,indicator_code,period,value,evidence,note\n"
                  "25378,online_public_service_usage_share,2026-Q1,62,Quyết định 12.pdf,\n"
                  "25378,coverage_5g_population_share,2026-Q1,58,,trạm 5G mới\n", encoding="utf-8")
    done = values.import_files(review_db, EDITOR_ACTOR, [q1], evidence={"Quyết định 12.pdf": PDF})
    assert done.ok, done.errors
    [sha256] = values.value_evidence(review_db, "25378", "2026-Q1")["sha256"]
    url = f"/evidence/value/{done.batch_id}/{sha256}"
    at = page("pages/approval.py", REVIEWER)
    at.selectbox(key="approval_pick").set_value("25378|2026-Q1").run()
    assert not at.exception, at.exception
    shown = frame(at, "Tệp minh chứng")
    link = dict(zip(shown["Giá trị"], shown["Tệp minh chứng"], strict=True))
    assert link[62.0] == f"{url}#Quyết định 12.pdf", link  # the cell reads the file's name, and opens the route
    assert pd.isna(link[58.0]), "no evidence, no link"
    buttons = [(b.proto.label.replace("\\", ""), b.proto.url) for b in at.get("link_button")  # shown as typed
               if b.proto.url.startswith("/evidence/value/")]  # (the tasks' evidence beside them: other tests')
    assert buttons == [("Tỷ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp: Quyết định 12.pdf", url)], buttons
