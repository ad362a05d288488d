"""Moving in (`python -m kpi records migrate`): the people's data of a database made by the code before the store
of record (main at 2563a1e, run from a `git archive` of that commit in a child process: scripts/
main_people_fixture.py writes every kind of record through that code's own writers) copied into an empty store
once, every row compared; refused a second time; a rebuild then holds the same records."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kpi import config, records
from kpi.accounts import Actor
from kpi.cli import main
from kpi.db import connect
from kpi.services import migration
from tests.pg import both_engines

BEFORE_THE_STORE = "2563a1e"  # main before issue 29: people's data lived in the DuckDB snapshot
COUNTS = {"app_user": 2, "user_commune": 1, "audit_log": 16, "import_batch": 3, "real_value": 2, "observation_history": 1,
          "evidence_file": 2, "task_report": 3, "task_report_evidence": 2, "value_approval": 3}


@pytest.fixture(scope="module")
def made_by_main(tmp_path_factory) -> Path:
    """A database built and written by main's code of BEFORE_THE_STORE (as a plain file)."""
    where = tmp_path_factory.mktemp("main")
    code = where / "code"
    code.mkdir()
    archive = subprocess.run(["git", "-C", str(config.ROOT), "archive", BEFORE_THE_STORE], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(code)], input=archive.stdout, check=True)
    env = {**os.environ, "PYTHONPATH": str(code), "KPI_TODAY": "2026-11-22"}
    env.pop("KPI_DB", None)
    made = subprocess.run([sys.executable, str(config.ROOT / "scripts" / "main_people_fixture.py"), str(where / "out")],
                          cwd=code, env=env, capture_output=True, text=True, timeout=600)
    assert made.returncode == 0, made.stderr[-3000:]
    db = where / "kpi.duckdb"
    shutil.copy(where / "out" / "kpi.duckdb", db)  # the published snapshot it links to, as a plain file
    return db


@pytest.fixture()
def old_db(made_by_main, tmp_path, monkeypatch, records_engine) -> Path:
    monkeypatch.setenv("KPI_TODAY", "2026-11-22")
    db = tmp_path / "kpi.duckdb"
    shutil.copy(made_by_main, db)
    return db


def store_rows(db: Path, table: str) -> list[dict]:
    with records.read_only(db) as con:
        return records.run(con, f"all_{table}").to_dicts() if con is not None else []


@both_engines
def test_a_database_made_before_the_store_moves_in_once_row_for_row(old_db, capsys):
    with connect(old_db) as con:
        audit_before = con.sql("SELECT * FROM audit_log ORDER BY audit_id").pl().rows()  # times through arrow
        reports_before = con.sql("SELECT r.report_id, r.task_id, t.seq, r.task_wording, r.status, r.review, r.review_reason, "
                                 "r.reviewed_at FROM task_report r JOIN task t USING (task_id) ORDER BY report_id").pl().rows()
        values_before = con.sql("SELECT commune_code, indicator_code, period, value, batch_id, evidence, note FROM observation "
                                "WHERE NOT is_demo ORDER BY ALL").fetchall()
    assert main(["records", "migrate", "--db", str(old_db)]) == 0
    out = capsys.readouterr().out
    assert "đối chiếu từng dòng" in out and "16 audit_log" in out and "3 task_report" in out
    for table, n in COUNTS.items():
        assert len(store_rows(old_db, table)) == n + (table == "audit_log"), table  # and the migration's own audit row
    audit = sorted(store_rows(old_db, "audit_log"), key=lambda r: r["audit_id"])
    assert [(r["audit_id"], datetime.fromisoformat(r["written_at"]), r["actor"], r["role"], r["action"], r["detail"],
             r["files"], r["sha256"], r["batch_id"]) for r in audit[:-1]] == [
        (a, w.astimezone(UTC), *rest) for a, w, *rest in audit_before]
    assert audit[-1]["action"] == "migrate" and audit[-1]["audit_id"] == len(audit_before) + 1  # ids go on after the moved
    reports = sorted(store_rows(old_db, "task_report"), key=lambda r: r["report_id"])
    assert [(r["report_id"], r["task_id"], r["task_seq"], r["task_wording"], r["status"], r["review"], r["review_reason"],
             datetime.fromisoformat(r["reviewed_at"]) if r["reviewed_at"] else None) for r in reports] == [
        (*rest, at.astimezone(UTC) if at else None) for *rest, at in reports_before]
    assert "thiếu ảnh\nchụp" in [r["review_reason"] for r in reports]

    assert main(["records", "migrate", "--db", str(old_db)]) == 1  # once: the store holds records now
    assert "đã có dữ liệu" in (err := capsys.readouterr().err) and "không chuyển lần nữa" in err
    assert len(store_rows(old_db, "audit_log")) == COUNTS["audit_log"] + 1

    # the next build of the same sources and demo holds every record the old database held
    assert main(["build", "--db", str(old_db), "--demo-scope", "seeds", "--lang", "en"]) == 0
    assert "store of record: 2 account(s), 3 import batch(es), 2 imported value(s), 3 task report(s)" in capsys.readouterr().out
    with connect(old_db) as con:
        assert con.sql("SELECT commune_code, indicator_code, period, value, batch_id, evidence, note FROM observation "
                       "WHERE NOT is_demo ORDER BY ALL").fetchall() == values_before
        assert con.sql("SELECT report_id, task_id, review FROM task_report ORDER BY report_id").fetchall() == [
            (r[0], r[1], r[5]) for r in reports_before]
        assert con.sql("SELECT count(*) FROM record_unmatched").fetchall() == [(0,)]
        assert con.sql("SELECT count(*) FROM audit_log WHERE audit_id <= 16").fetchall() == [(16,)]


def test_a_row_that_does_not_read_back_the_same_moves_nothing(old_db, monkeypatch, capsys):
    real = migration._to_store

    def lossy(column, value):  # an audit detail cut short on its way in
        value = real(column, value)
        return value[:3] if column == "detail" and isinstance(value, str) else value

    monkeypatch.setattr(migration, "_to_store", lossy)
    assert main(["records", "migrate", "--db", str(old_db)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("records migrate: audit_log: ") and "16 dòng trong cơ sở dữ liệu, 16 trong kho; khác từ dòng (1, " in err
    assert all(store_rows(old_db, table) == [] for table in COUNTS)


# --- a store-era SQLite store of record moved into PostgreSQL (KPI_RECORDS_URL set): every table --------------------


@pytest.fixture()
def sqlite_store_db(seeds_db, tmp_path, monkeypatch) -> Path:
    """A seeds database whose SQLite store holds a record in every table: accounts, a revocation, an import with a
    value's evidence, a draft, a task report with its evidence, a return (value_review), published values, changes."""
    from kpi.services import accounts, approvals, published, tasks, values
    from kpi.store import publisher

    monkeypatch.setenv("KPI_TODAY", "2026-12-01")
    monkeypatch.delenv(records.URL_SETTING, raising=False)
    db = tmp_path / "kpi.duckdb"
    shutil.copy(seeds_db.resolve(), db)
    admin = Actor.server_admin()
    accounts.add_user(db, admin, "editor@tanloi.gov.vn", "commune_editor", communes=["25378"])
    accounts.add_user(db, admin, "reviewer@dongnai.gov.vn", "province_reviewer", province="75")
    records.revoke(db, "old@tanloi.gov.vn", 1_780_000_000.5, "sign-out")
    editor = Actor("editor@tanloi.gov.vn", "commune_editor", communes=frozenset({"25378"}))
    met = values.Entry("coverage_5g_population_share", 80.0, "trạm 5G mới", evidence=("qd.pdf",))
    assert values.submit_entry(db, editor, "25378", "2026-Q3", [met], {"qd.pdf": b"%PDF-1.4\n%qd\n"}).ok
    corrected = values.Entry(met.indicator_code, 82.0, met.note, met.evidence)  # what it replaces: observation_history
    assert values.submit_entry(db, editor, "25378", "2026-Q3", [corrected], {"qd.pdf": b"%PDF-1.4\n%qd\n"}).ok
    values.save_draft(db, editor, "25378", "2026-Q2", [values.Entry("vneid_share", 61.5, "nháp")])
    approvals.decide(db, Actor("reviewer@dongnai.gov.vn", "province_reviewer", province="75"), "25378", "2026-Q3",
                     "return", reason="thiếu\nchữ ký")
    from kpi.db import connect as snapshot

    with snapshot(db) as con:
        [(task_id,)] = con.sql("SELECT min(task_id) FROM task WHERE commune_code = '25378'").fetchall()
    assert tasks.report_task(db, editor, task_id=task_id, status="done", percent=100, note="xong",
                             evidence={"bien-ban.pdf": b"%PDF-1.4\n%bb\n"}).ok
    published.load(db, admin, sorted((config.DATA_DIR / "published").glob("*.xlsx"))[:1])
    publisher.publish_if_pending(db)
    return db


def sqlite_rows(db: Path) -> dict[str, list[tuple]]:
    import sqlite3

    with sqlite3.connect(records.path_for(db)) as con:
        return {t: sorted(con.execute(records.sqlite_statement(f"all_{t}")).fetchall(), key=repr) for t in migration.STORE_TABLES}


@pytest.mark.parametrize("records_engine", ["postgresql"], indirect=True)
def test_a_sqlite_store_moves_into_postgresql_every_table_row_for_row(sqlite_store_db, pg_server, records_engine, capsys):
    db = sqlite_store_db
    before = sqlite_rows(db)
    assert all(before[t] for t in migration.STORE_TABLES), [t for t in migration.STORE_TABLES if not before[t]]
    assert main(["records", "migrate", "--db", str(db)]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "đã chuyển vào PostgreSQL" in out and "đối chiếu từng dòng" in out and "1 value_review" in out
    with records.read_only(db) as pg:
        moved = {t: sorted(records.run(pg, f"all_{t}").rows(), key=repr) for t in migration.STORE_TABLES}
    for table in migration.STORE_TABLES:
        if table in ("audit_log", "change_log", "change_commune"):  # and the move's own audit and change rows
            assert set(before[table]) <= set(moved[table]) and len(moved[table]) == len(before[table]) + 1, table
        else:
            assert moved[table] == before[table], table
    assert sqlite_rows(db) == before, "the SQLite store is left as it was"
    assert main(["records", "migrate", "--db", str(db)]) == 1  # once: the target holds records now
    assert "đã có dữ liệu" in (err := capsys.readouterr().err) and "không chuyển lần nữa" in err
    # the store works on: a write after the move takes the next ids, and a publication folds from PostgreSQL
    from kpi.services import approvals
    from kpi.store import publisher

    reviewer = Actor("reviewer@dongnai.gov.vn", "province_reviewer", province="75")
    with pytest.raises(Exception, match="Bị trả lại"):
        approvals.decide(db, reviewer, "25378", "2026-Q3", "approve")  # still returned: the state moved with it
    assert approvals.reviews(db, Actor("editor@tanloi.gov.vn", "commune_editor", communes=frozenset({"25378"})))[
        "reason"].to_list() == ["thiếu chữ ký"]
    assert publisher.publish_if_pending(db) is not None
    with connect(db) as con:
        assert con.sql("SELECT value FROM observation WHERE NOT is_demo AND commune_code = '25378'").fetchall() == [(82.0,)]


@pytest.mark.parametrize("records_engine", ["postgresql"], indirect=True)
def test_a_store_era_database_is_not_moved_as_a_database(sqlite_store_db, pg_server, records_engine, capsys):
    """Without its SQLite store, a database built from one cannot stand in for it: refused, naming what would be left."""
    db = sqlite_store_db
    records.path_for(db).rename(db.with_name("elsewhere.sqlite3"))
    assert main(["records", "migrate", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "được dựng từ kho lưu trữ" in err and "value_review, value_evidence, value_draft" in err
    with records.read_only(db) as pg:
        assert pg is None or records.run(pg, "all_audit_log").height == 0
