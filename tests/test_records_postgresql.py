"""PostgreSQL as the store of record (KPI_RECORDS_URL): what only a server can do to a write. The server stopped
while a write is in flight and while writes arrive: each fails with a clear message, none is half-done, and
writing resumes once it is back; the publisher's lease (an advisory lock of its session) ends with the server.

The tests that run on both engines are marked @both_engines where they live (test_store, test_publisher,
test_accounts, test_workflow, test_import, test_records_migrate)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from kpi import approvals, config, records
from kpi.accounts import Actor
from kpi.records import changes
from kpi.services import values
from kpi.store import lease, publisher
from tests.pg import POSTGRESQL

on_postgresql = pytest.mark.parametrize("records_engine", [POSTGRESQL], indirect=True)
TODAY = date(2026, 11, 22)


@pytest.fixture()
def db(seeds_db: Path, tmp_path: Path, records_engine: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KPI_TODAY", TODAY.isoformat())
    path = tmp_path / "kpi.duckdb"
    shutil.copy(seeds_db.resolve(), path)
    return path


def report(path: Path, commune: str, value: float) -> Path:
    path.write_text(f"commune_code,indicator_code,period,value,note\n{commune},vneid_share,2026-Q3,{value},số liệu kiểm thử\n",
                    encoding="utf-8")
    return path


def recorded(db: Path) -> dict[str, float]:
    with records.read_only(db) as rec:
        return dict(rec.execute("SELECT commune_code, value FROM real_value").fetchall())


@on_postgresql
def test_the_server_stopped_during_writes_fails_them_cleanly_and_writing_resumes(db, tmp_path, pg_server, monkeypatch):
    admin = Actor.server_admin()
    assert values.import_files(db, admin, [report(tmp_path / "a.csv", "11503", 71)]).batch_id == 1

    # the server stops in the middle of a write: its values are written, its audit and change rows not yet
    marked = approvals.submit

    def stop_the_server(*args, **kw):
        marked(*args, **kw)
        pg_server.ctl("stop")

    monkeypatch.setattr(approvals, "submit", stop_the_server)
    second = report(tmp_path / "b.csv", "05851", 50)
    try:
        with pytest.raises(records.Unavailable, match="kho dữ liệu không trả lời"):
            values.import_files(db, admin, [second])
        monkeypatch.setattr(approvals, "submit", marked)

        # while it is down a write from the command line says so, and nothing else
        down = subprocess.run([sys.executable, "-m", "kpi", "import", str(second), "--db", str(db)], capture_output=True,
                              text=True, cwd=config.ROOT, env={**os.environ}, timeout=120)
        assert down.returncode == 2
        assert "kho dữ liệu không trả lời" in down.stderr and "the store of record did not answer" not in down.stderr
        assert "không ghi dữ liệu nào" in down.stderr and "Traceback" not in down.stderr
    finally:
        pg_server.ctl("start")

    assert recorded(db) == {"11503": 71.0}  # none of the interrupted write: no value, batch, audit or change
    assert values.batches(db)["batch_id"].to_list() == [1]
    assert changes.waiting(db, 0) == 1
    with records.read_only(db) as rec:
        assert rec.execute("SELECT count(*) FROM audit_log").fetchall() == [(1,)]

    again = values.import_files(db, admin, [second])  # resumes: the same write, whole
    assert again.ok and again.imported == 1
    assert recorded(db) == {"11503": 71.0, "05851": 50.0}
    assert publisher.publish_if_pending(db).writes == 2


@on_postgresql
def test_the_publisher_lease_is_a_session_lock_that_ends_with_the_server(db, pg_server):
    with lease.lease(db, "publish", timeout=1) as held:
        assert held.held() and lease.holder(db).startswith("publish (pid ")
        with pytest.raises(lease.WriterBusy):  # a second publisher finds it taken, whoever asks
            publisher.publish(db, timeout=0.3)
        pg_server.ctl("stop")
        pg_server.ctl("start")
        assert not held.held()  # so the writer that held it publishes nothing (kpi.store.writer)
        with lease.lease(db, "publish", timeout=1) as other:  # and the next one takes it at once
            assert other.held()
