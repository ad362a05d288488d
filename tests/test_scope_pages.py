"""Issue 33 items 6 and 7: reporting completeness and timeliness (Tình hình báo cáo, kpi.completeness, `python -m
kpi export completeness`), and scope everywhere: every page that lists people's records, opened as each role
(viewer, commune_editor, province_reviewer, admin), shows that role's rows only: import batches (with the
importer's e-mail), the approval screen's quarters, the completeness page's province and addresses, evidence
downloads and a value's import history.

One database for the module: Đồng Nai's Tân Lợi reports 2026-Q3 on time (15/10), Phường Bình Phước late (20/11),
Hải Phòng's Việt Khê reports too; Tân Lợi and Việt Khê each send a task report with evidence."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from kpi import completeness, config, records, scope
from kpi.accounts import Actor
from kpi.i18n import t
from kpi.services import accounts, values
from kpi.services import tasks as task_service
from kpi.store import publisher
from tests.test_import_page import AUTH
from tests.test_workflow_page import PDF

ROLES = {  # role -> the account opened as that role
    "viewer": "viewer@dongnai.gov.vn",
    "commune_editor": "editor@tanloi.gov.vn",
    "province_reviewer": "reviewer@dongnai.gov.vn",
    "admin": "admin@kpi.gov.vn",
}
OTHER_EDITOR = "editor@vietkhe.gov.vn"  # Việt Khê, Hải Phòng (31)
IMPORTS = (  # (account, file, the batch's imported_at in the store: fixed by the test)
    (ROLES["commune_editor"], "25378,online_public_service_usage_share,2026-Q3,70", "2026-10-15T03:00:00+00:00"),
    (ROLES["admin"], "25195,online_public_service_usage_share,2026-Q3,66", "2026-11-20T03:00:00+00:00"),
    (OTHER_EDITOR, "11503,online_public_service_usage_share,2026-Q3,71", "2026-10-10T03:00:00+00:00"),
)


@pytest.fixture(scope="module")
def scope_db(db_path, tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("scope")
    path = tmp / "kpi.duckdb"
    shutil.copy(db_path, path)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KPI_DB", str(path))
        mp.setenv("KPI_TODAY", "2026-12-01")
        admin = Actor.server_admin()
        accounts.add_user(path, admin, ROLES["viewer"], "viewer")
        accounts.add_user(path, admin, ROLES["commune_editor"], "commune_editor", communes=["25378"])
        accounts.add_user(path, admin, ROLES["province_reviewer"], "province_reviewer", province="75")
        accounts.add_user(path, admin, ROLES["admin"], "admin")
        accounts.add_user(path, admin, OTHER_EDITOR, "commune_editor", communes=["11503"])
        for n, (email, row, at) in enumerate(IMPORTS, 1):
            report = tmp / f"report-{n}.csv"
            report.write_text(f"commune_code,indicator_code,period,value,note\n{row},số liệu kiểm thử\n", encoding="utf-8")
            who = Actor(email, "admin") if email == ROLES["admin"] else Actor(
                email, "commune_editor", communes=frozenset({row[:5]}))
            assert values.import_files(path, who, [report]).ok
            with records.connect(path) as con:  # when it arrived, fixed by the test (not the machine's clock)
                con.execute("UPDATE import_batch SET imported_at = :at WHERE batch_id = :n", {"at": at, "n": n})
        for email, commune in ((ROLES["commune_editor"], "25378"), (OTHER_EDITOR, "11503")):
            publisher.publish_if_pending(path)
            task = _first_task(path, commune)
            done = task_service.report_task(path, Actor(email, "commune_editor", communes=frozenset({commune})),
                                            task_id=task, status="done", percent=100.0, note="",
                                            evidence=[(f"bien-ban-{commune}.pdf", PDF)])
            assert done.ok
        publisher.publish_if_pending(path)
        yield path


def _first_task(db: Path, commune: str) -> int:
    from kpi.db import connect, run
    from kpi.tasks import PLAN_START

    with connect(db) as con:
        board = run(con, "task_board", province=None, commune=commune, agency=None, status=None, as_of=date(2026, 12, 1),
                    plan_start=PLAN_START)
    return int(board["task_id"][0])


def app(email: str | None, province: str = "75") -> AppTest:
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": email is not None, **({"email": email, "email_verified": True} if email else {})}
    at.query_params["province"] = province
    at.run()
    return at


def open_page(at: AppTest, path: str) -> AppTest | None:
    """The page as this account opens it from its navigation; None when it is not in their navigation."""
    try:
        at.switch_page(path)
    except ValueError:
        return None
    at.run()
    assert not at.exception, at.exception
    return at


def table_with(at: AppTest, column: str):
    return next((d.value for d in at.dataframe if column in d.value.columns), None)


# --- kpi.completeness ------------------------------------------------------------------------------------------


def test_the_deadline_is_the_last_day_of_the_month_after_the_quarter():
    assert completeness.due_date("2026-Q3") == date(2026, 10, 31)
    assert completeness.due_date("2026-Q4") == date(2027, 1, 31)
    assert completeness.due_date("2026-Q1") == date(2026, 4, 30)
    assert "IV.2.1" in t("completeness.deadline_rule", "vi") and "IV.2.1" in t("completeness.deadline_rule", "en")


def test_timeliness_on_time_late_missing_not_due_in_vietnam_time():
    utc = "UTC"
    frame = pl.DataFrame({
        "quarter": ["2026-Q3", "2026-Q3", "2026-Q3", "2026-Q4"],
        "values_expected": [10, 10, 10, 0], "values_reported": [10, 4, 0, 0],
        # 31/10 18:00 UTC is 01/11 01:00 in Vietnam: late
        "first_reported_at": [datetime(2026, 10, 31, 16, 0), datetime(2026, 10, 31, 18, 0), None, None],
    }).with_columns(pl.col("first_reported_at").dt.replace_time_zone(utc))
    judged = completeness.judge(frame, date(2026, 12, 1))
    assert judged["timeliness"].to_list() == ["on_time", "late", "missing", "not_due"]
    assert judged["reported_share"].to_list() == [1.0, 0.4, 0.0, None]
    assert completeness.summary(judged) == {"communes": 4, "reported": 2, "on_time": 1, "late": 1, "missing": 1, "not_due": 1}


def test_the_province_list_names_who_reported_on_time_late_and_who_has_not(scope_db):
    at = open_page(app(ROLES["province_reviewer"]), "pages/completeness.py")
    assert at.selectbox(key="completeness_quarter").value == "2026-Q4", "this quarter first"
    at.selectbox(key="completeness_quarter").set_value("2026-Q3").run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Xã đã báo cáo"].startswith("2 / ") and (metrics["Đúng hạn"], metrics["Trễ hạn"]) == ("1", "1")
    communes = int(metrics["Xã đã báo cáo"].split(" / ")[1])
    assert metrics["Chưa báo cáo"] == str(communes - 2)
    assert f"Chưa báo cáo quý này ({communes - 2} xã)" in [s.value for s in at.subheader]
    waiting = table_with(at, "Số chỉ tiêu phải báo cáo")
    assert "Xã Tân Lợi" not in set(waiting["Xã, phường"]) and len(waiting) == communes - 2
    every = table_with(at, "Đúng hạn / trễ hạn")
    rows = {r["Xã, phường"]: r for r in every.to_dict("records")}
    assert (rows["Xã Tân Lợi"]["Đúng hạn / trễ hạn"], rows["Xã Tân Lợi"]["Người báo cáo"],
            rows["Xã Tân Lợi"]["Báo cáo đầu tiên lúc"]) == ("Đúng hạn", ROLES["commune_editor"], "15/10/2026 10:00")
    assert rows["Phường Bình Phước"]["Đúng hạn / trễ hạn"] == "Trễ hạn"
    assert "Xã Việt Khê" not in rows, "the reviewer's province only"
    assert any("Hạn nộp: 31/10/2026" in c.value for c in at.caption)


def test_export_completeness_from_the_command_line(scope_db, tmp_path):
    out = tmp_path / "completeness.csv"
    done = subprocess.run([sys.executable, "-m", "kpi", "export", "completeness", "-o", str(out), "--db", str(scope_db)],
                          capture_output=True, text=True, cwd=config.ROOT, env={**os.environ, "KPI_TODAY": "2026-12-01"})
    assert done.returncode == 0, done.stderr
    frame = pl.read_csv(out, infer_schema_length=0)
    assert frame.columns == list(completeness.COLUMNS)
    q3 = frame.filter(pl.col("quarter") == "2026-Q3")
    assert dict(q3.filter(pl.col("commune_code").is_in(["25378", "25195", "11503"])).select("commune_code", "timeliness")
                .iter_rows()) == {"25378": "on_time", "25195": "late", "11503": "on_time"}
    assert set(frame["quarter"]) == {"2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"}
    assert q3.height == frame.filter(pl.col("quarter") == "2026-Q4").height > 3000, "every commune, every quarter"


# --- scope: every page, each role ------------------------------------------------------------------------------

SEES_BATCHES = {"viewer": None, "commune_editor": [ROLES["commune_editor"]],
                "province_reviewer": [ROLES["admin"], ROLES["commune_editor"]],
                "admin": [OTHER_EDITOR, ROLES["admin"], ROLES["commune_editor"]]}
SEES_QUARTERS = {"viewer": None, "commune_editor": None, "province_reviewer": {"Xã Tân Lợi", "Phường Bình Phước"},
                 "admin": {"Xã Tân Lợi", "Phường Bình Phước", "Xã Việt Khê"}}


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_lists_only_what_the_role_may_see(scope_db, role, no_callbacks):
    email = ROLES[role]
    at = app(email)

    imports = open_page(at, "pages/import_reports.py")  # batches, with the importer's e-mail
    if SEES_BATCHES[role] is None:
        assert imports is None, "no import page for a viewer"
    else:
        batches = table_with(imports, "Người nhập")
        assert notices(imports) == [], "their own province: nothing only read"
        assert list(batches["Người nhập"]) == SEES_BATCHES[role]
        assert not any(d for d in imports.dataframe if OTHER_EDITOR in d.value.to_string()) or role == "admin"

    approval = open_page(app(email), "pages/approval.py")  # the quarters to approve
    if SEES_QUARTERS[role] is None:
        assert approval is None
    else:
        assert set(approval.dataframe[0].value["Xã, phường"]) == SEES_QUARTERS[role]
        assert notices(approval) == []

    rate = open_page(app(email), "pages/completeness.py")  # reporting: reviewers and leadership
    if role == "commune_editor":
        assert rate is None
    else:
        every = table_with(rate, "Đúng hạn / trễ hạn")
        assert "Xã Tân Lợi" in set(every["Xã, phường"]) and "Xã Việt Khê" not in set(every["Xã, phường"])
        assert ("Người báo cáo" in every.columns) == (role != "viewer"), "addresses only to those who review"

    tasks = open_page(app(email), "pages/tasks.py")  # evidence downloads: the scope's reports only
    picker = [s for s in tasks.selectbox if s.key == "evidence_task"]
    assert notices(tasks) == []
    if role in ("viewer",):
        assert not picker
    else:
        assert picker and all(o.startswith("Xã Tân Lợi – ") for o in picker[0].options), picker[0].options

    for commune, province, shown in (("25378", "75", role != "viewer"), ("11503", "31", role == "admin")):
        profile = app(email, province)
        profile.query_params["commune"] = commune
        profile.run()
        profile = open_page(profile, "pages/profile.py")  # a value's import history: who, when, which file
        assert (f"history_{commune}" in [s.key for s in profile.selectbox]) == shown, (role, commune)
    assert no_callbacks == [], "no Python callbacks inside polars on these pages"


def test_the_task_board_export_keeps_people_and_words_to_the_reader_s_scope():
    board = pl.DataFrame({"commune_code": ["25378", "11503"], "province_code": ["75", "31"],
                          "status": ["done_awaiting_evidence", "done_awaiting_review"],
                          "reported_by": ["a@tanloi.vn", "b@vietkhe.vn"], "reviewed_by": ["r@dongnai.vn", None],
                          "note": ["ghi chú", "ghi chú khác"], "review_reason": ["thiếu chữ ký", None]})
    editor = Actor("a@tanloi.vn", "commune_editor", communes=frozenset({"25378"}))
    kept = scope.without_people(editor, board)
    assert kept["reported_by"].to_list() == ["a@tanloi.vn", None] and kept["note"].to_list() == ["ghi chú", None]
    assert kept["status"].to_list() == board["status"].to_list(), "the statuses stay public"
    assert scope.without_people(None, board)["reported_by"].to_list() == [None, None]
    assert scope.without_people(Actor("r@dongnai.vn", "province_reviewer", province="75"), board)[
        "review_reason"].to_list() == ["thiếu chữ ký", None]
    assert scope.without_people(Actor("x@kpi.vn", "admin"), board).equals(board)


# --- outside the write scope: the notice first ---------------------------------------------------------------

OUTSIDE = "ngoài phạm vi ghi của bạn"
WRITE_PAGES = {"viewer": (), "commune_editor": ("pages/entry.py", "pages/import_reports.py", "pages/tasks.py"),
               "province_reviewer": ("pages/import_reports.py", "pages/tasks.py", "pages/approval.py",
                                     "pages/plan_review.py"),
               "admin": ("pages/import_reports.py", "pages/tasks.py", "pages/approval.py")}
SCOPE_WORDS = {"commune_editor": "Xã Tân Lợi, Đồng Nai", "province_reviewer": "Đồng Nai"}


def notices(at: AppTest) -> list[str]:
    return [i.value for i in at.info if OUTSIDE in i.value]


def test_the_write_scope_is_what_a_person_may_write_of_what_they_see():
    units = pl.DataFrame({"commune_code": ["25378", "25195"], "province_code": ["75", "75"]})
    editor = Actor("a@tanloi.vn", "commune_editor", communes=frozenset({"25378"}))
    assert scope.outside_write(editor, ("import",), ("25378",), units) is None
    assert scope.outside_write(editor, ("import",), ("25378", "25195"), units) == ("25195",)
    assert scope.outside_write(editor, ("import",), (), units) is None, "their commune is in the province shown"
    elsewhere = Actor("b@vietkhe.vn", "commune_editor", communes=frozenset({"11503"}))
    assert scope.outside_write(elsewhere, ("import",), (), units) == (), "the whole province is outside"
    assert scope.outside_write(elsewhere, ("review",), (), units) is None, "no write here: nothing to say"
    assert scope.outside_write(Actor("r@dongnai.vn", "province_reviewer", province="75"), ("review",), ("25195",), units) is None
    assert scope.outside_write(Actor("x@kpi.vn", "admin"), ("review",), ("25195",), units) is None


@pytest.mark.parametrize("role", list(ROLES))
def test_a_page_outside_the_write_scope_says_so_first(scope_db, role):
    """Hải Phòng in the sidebar: each page with a form the role may use there names what is only read, and the
    person's own scope in words; in their own scope (test_every_page_lists_only_what_the_role_may_see) nothing."""
    at = app(ROLES[role], "31")
    for path in WRITE_PAGES[role]:
        said = notices(open_page(at, path))
        if role == "admin":
            assert said == [], (path, said)
            continue
        assert said == [f"Bạn chỉ xem: Xã Việt Khê, Thành phố Hải Phòng {OUTSIDE} ({SCOPE_WORDS[role]})."], (path, said)
        assert at.info[0].value == said[0], "first among the page's notices"
    if role == "viewer":
        assert notices(open_page(at, "pages/tasks.py")) == [], "a reader writes nothing: nothing to say"
    if role == "commune_editor":  # a commune of their own province that is not theirs
        at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
        at.secrets["auth"] = AUTH
        at.user = {"is_logged_in": True, "email": ROLES[role], "email_verified": True}
        at.query_params.update(province="75", communes="25195")
        at.run()
        assert notices(open_page(at, "pages/entry.py")) == [
            f"Bạn chỉ xem: Phường Bình Phước, Đồng Nai {OUTSIDE} (Xã Tân Lợi, Đồng Nai)."]
