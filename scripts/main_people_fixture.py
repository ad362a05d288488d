"""Make tests/corpus/main_people.duckdb: a database built and written by the code of main before the store of
record (commit 2563a1e), for `python -m kpi records migrate`'s test. Run from a checkout of THAT code, e.g.

    tmp=$(mktemp -d) && git archive 2563a1e | tar -x -C "$tmp" && (cd "$tmp" && KPI_TODAY=2026-11-22 \
        /path/to/.venv/bin/python /path/to/scripts/main_people_fixture.py "$tmp/out") && \
        cp -L "$tmp/out/kpi.duckdb" tests/corpus/main_people.duckdb

It builds the seed communes' database and writes people's data of every kind through that code's own
writers: accounts (one removed), two imports (one replacing the other's value, so history) and a rollback,
task reports (one with evidence, accepted; one returned), approvals (approved, locked), the audit of each."""

import sys
from pathlib import Path

from kpi import store
from kpi.accounts import Actor, users
from kpi.build import DemoSettings, build
from kpi.db import connect, run
from kpi.importer import import_files, rollback
from kpi.workflow import evidence, progress, review

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
db = out / "kpi.duckdb"
build(db, demo=DemoSettings("seeds", 57))
admin = Actor.server_admin()
with store.edit(db, "users add") as con:
    users.add(con, admin, "editor@vietkhe.gov.vn", "commune_editor", communes=["11503"])
    users.add(con, admin, "reviewer@haiphong.gov.vn", "province_reviewer", province="31")
    users.add(con, admin, "gone@haiphong.gov.vn", "viewer")
with store.edit(db, "users remove") as con:
    users.remove(con, admin, "gone@haiphong.gov.vn")


def actor(email: str) -> Actor:
    with connect(db) as con:
        return users.actor(con, email)


def csv(name: str, body: str) -> Path:
    path = out / name
    path.write_text("commune_code,indicator_code,period,value,evidence,note\n" + body, encoding="utf-8")
    return path


with store.edit(db, "import") as con:
    assert import_files(con, [csv("q3.csv", "11503,vneid_share,2026-Q3,72.5,biên bản 12,đầu kỳ\n"
                                            "11503,online_public_service_usage_share,2026-Q2,81,,\n")],
                        actor=actor("editor@vietkhe.gov.vn")).ok
with store.edit(db, "import") as con:
    assert import_files(con, [csv("q3-fixed.csv", "11503,vneid_share,2026-Q3,74,biên bản 13,sửa\n")],
                        actor=actor("editor@vietkhe.gov.vn")).ok
with store.edit(db, "import") as con:
    assert import_files(con, [csv("other.csv", "10510,vneid_share,2026-Q3,66,,\n")], actor=admin).ok
with store.edit(db, "rollback") as con:
    rollback(con, 3, actor=actor("reviewer@haiphong.gov.vn"))

with connect(db) as con:
    tasks = run(con, "task_report_context").filter(commune_code="11503")["task_id"].to_list()
pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
with store.edit(db, "task report") as con:
    done = progress.report_form(con, actor=actor("editor@vietkhe.gov.vn"), task_id=tasks[0], status="done", percent=100,
                                note="xong", evidence={"bien-ban.pdf": pdf}, store=evidence.store_dir(db))
    assert done.ok, done.errors
with store.edit(db, "task report") as con:
    assert progress.report_form(con, actor=actor("editor@vietkhe.gov.vn"), task_id=tasks[1], status="in_progress",
                                percent=40, note="đang làm", evidence={}, store=evidence.store_dir(db)).ok
with store.edit(db, "task report") as con:
    assert progress.report_form(con, actor=actor("editor@vietkhe.gov.vn"), task_id=tasks[2], status="done", percent=100,
                                note="", evidence={"anh.pdf": pdf + b" "}, store=evidence.store_dir(db)).ok
with connect(db) as con:
    reports = con.sql("SELECT report_id FROM task_report WHERE review = 'submitted' ORDER BY report_id").fetchall()
with store.edit(db, "review") as con:
    review.review_task(con, reports[0][0], actor=actor("reviewer@haiphong.gov.vn"), accept=True)
with store.edit(db, "review") as con:
    review.review_task(con, reports[1][0], actor=actor("reviewer@haiphong.gov.vn"), accept=False, reason="thiếu ảnh\nchụp")
with store.edit(db, "approve") as con:
    review.decide(con, "11503", "2026-Q2", "approve", actor=actor("reviewer@haiphong.gov.vn"))
with store.edit(db, "lock") as con:
    review.decide(con, "11503", "2026-Q2", "lock", actor=actor("reviewer@haiphong.gov.vn"))
with connect(db) as con:
    for table in ("app_user", "user_commune", "audit_log", "import_batch", "observation_history", "evidence_file",
                  "task_report", "task_report_evidence", "value_approval"):
        print(table, con.sql(f"SELECT count(*) FROM {table}").fetchall()[0][0])
    print("real values", con.sql("SELECT count(*) FROM observation WHERE NOT is_demo").fetchall()[0][0])
