"""Many readers, many writers (kpi.records, kpi.store): people's writes are short transactions in the store of
record, from as many processes as write at once, all recorded; one publication folds them into the snapshot
readers hold; readers are never blocked, no write is ever lost.

Writers run as real processes (`python -m kpi …`), as they do beside a running dashboard."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from kpi import config, records, store
from kpi.accounts import Actor
from kpi.db import connect
from kpi.services import values
from kpi.store.lease import holder
from kpi.store.publisher import publish_if_pending
from kpi.store.snapshots import POINTER, snapshot_dir
from tests.pg import both_engines

ENV_TODAY = "2026-11-22"


@pytest.fixture()
def db(db_path: Path, tmp_path: Path, records_engine) -> Path:
    """A private copy of the session database (a plain file: the first write turns it into a link)."""
    path = tmp_path / "kpi.duckdb"
    shutil.copy(db_path, path)
    return path


def cli(*args: str, **kw) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, "KPI_TODAY": ENV_TODAY, **kw.pop("env", {})}
    stage = kw.pop("faults", None)  # killed there (tests.faults)
    runner = ["-m", "tests.faults", stage] if stage else ["-m", "kpi"]
    return subprocess.run([sys.executable, *runner, *args], capture_output=True, text=True, cwd=config.ROOT, env=env,
                          timeout=300, **kw)


def start(*args: str, env: dict | None = None) -> subprocess.Popen:
    import os

    return subprocess.Popen([sys.executable, "-m", "kpi", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=config.ROOT, env={**os.environ, "KPI_TODAY": ENV_TODAY, **(env or {})})


def building(db: Path) -> subprocess.Popen:
    """A build in a process of its own: what `python -m kpi build --db DB` runs (kpi.build.build)."""
    import os

    code = f"from kpi.build import DemoSettings, build; build({str(db)!r}, demo=DemoSettings())"
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=config.ROOT, env={**os.environ, "KPI_TODAY": ENV_TODAY})


def report(path: Path, rows: list[tuple[str, str, str, float]]) -> Path:
    lines = ["commune_code,indicator_code,period,value,note"] + [",".join(map(str, (*r, "số liệu kiểm thử"))) for r in rows]  # a reason each
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def real(path: Path) -> dict[tuple[str, str, str], float]:
    """The imported values on the dashboard, once what is recorded is published."""
    publish_if_pending(path)
    with connect(path) as con:
        rows = con.sql("SELECT commune_code, indicator_code, period, value FROM observation WHERE NOT is_demo").fetchall()
    return {(c, i, p): v for c, i, p, v in rows}


def recorded(path: Path) -> dict[tuple[str, str, str], float]:
    """The imported values the store of record holds now."""
    with records.read_only(path) as rec:
        rows = rec.execute("SELECT commune_code, indicator_code, period, value FROM real_value").fetchall() if rec else []
    return {(c, i, p): v for c, i, p, v in rows}


def test_a_reader_held_open_sees_its_snapshot_while_import_rollback_and_build_succeed(db, tmp_path):
    reader = connect(db)  # e.g. the dashboard's handle, open throughout
    count = "SELECT count(*) FROM observation WHERE NOT is_demo"
    assert reader.execute(count).fetchone() == (0,)

    done = cli("import", str(report(tmp_path / "a.csv", [("11503", "vneid_share", "2026-Q3", 71)])), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "lô 1)" in done.stdout
    assert real(db) == {("11503", "vneid_share", "2026-Q3"): 71.0}
    assert reader.execute(count).fetchone() == (0,)  # the reader's snapshot does not move under it

    undone = cli("rollback", "1", "--db", str(db))
    assert undone.returncode == 0, undone.stderr
    assert real(db) == {}

    again = cli("import", str(tmp_path / "a.csv"), "--db", str(db))
    assert again.returncode == 0, again.stderr
    built = building(db)
    assert built.wait(timeout=300) == 0, built.communicate()
    assert real(db) == {("11503", "vneid_share", "2026-Q3"): 71.0}  # the build folded the store in
    assert reader.execute(count).fetchone() == (0,)
    assert "Traceback" not in done.stderr + undone.stderr + again.stderr
    reader.close()


WRITERS = 6  # processes importing at once (the bench's --writes runs 100)


@both_engines
def test_imports_from_several_processes_at_once_are_all_recorded_and_one_publication_folds_them(db, tmp_path):
    communes = ["11503", "05851", "23548", "25378", "21697", "11503"]
    files = [report(tmp_path / f"r{n}.csv", [(c, "vneid_share", f"2026-Q{1 + n % 3}", 50 + n),
                                              (c, "online_public_service_usage_share", "2025", 30 + n)])
             for n, c in enumerate(communes[:WRITERS])]
    started = [start("import", str(f), "--db", str(db)) for f in files]
    outcomes = [p.communicate(timeout=300) for p in started]
    assert [p.returncode for p in started] == [0] * WRITERS, outcomes
    assert all(out.startswith(("đã nhập 2, cập nhật 0", "đã nhập 1, cập nhật 1", "đã nhập 0, cập nhật 2")) for out, _ in outcomes)
    assert sorted(values.batches(db)["batch_id"]) == list(range(1, WRITERS + 1))
    assert values.batches(db)["pending"].all(), "recorded, not published yet"
    with connect(db) as con:
        assert con.execute("SELECT count(*) FROM observation WHERE NOT is_demo").fetchone() == (0,)

    published = publish_if_pending(db)
    assert published is not None and published.writes == WRITERS and published.communes == len(set(communes))
    assert real(db) == recorded(db) and len(recorded(db)) == 2 * WRITERS - 1  # 11503's 2025 value twice: one kept
    assert not values.batches(db)["pending"].any()


def test_an_import_during_a_build_does_not_wait_and_lands_on_the_dashboard(db, tmp_path):
    with records.connect(db):  # the store exists with its schema before anyone reads its lease
        pass
    build = building(db)
    deadline = time.monotonic() + 120
    while not holder(db).startswith("build") and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert holder(db).startswith("build"), "the build never took the snapshot lease"
    imported = cli("import", str(report(tmp_path / "a.csv", [("11503", "vneid_share", "2026-Q3", 71)])), "--db", str(db))
    assert imported.returncode == 0, imported.stderr
    assert "waiting" not in imported.stderr, "a write waits for no build"
    assert build.wait(timeout=300) == 0, build.communicate()
    assert real(db) == {("11503", "vneid_share", "2026-Q3"): 71.0}  # folded by the build or the next publication


@both_engines
def test_a_writer_that_waits_too_long_for_the_store_says_so_and_writes_nothing(db, tmp_path, records_engine):
    with records.connect(db) as other, records.transaction(other):  # another write holds the store's write lock
        done = cli("import", str(report(tmp_path / "a.csv", [("11503", "vneid_share", "2026-Q3", 71)])), "--db", str(db),
                   "--wait", "1")
    assert done.returncode == 2
    store = "kpi.records.sqlite3" if records_engine == "sqlite" else records.where(db)  # PostgreSQL host:port/database
    assert f"đã chờ 1 giây khóa ghi của {store} mà vẫn bận; không ghi dữ liệu nào" in done.stderr
    assert "Traceback" not in done.stderr
    assert recorded(db) == {} and values.batches(db).height == 0


def test_a_killed_writer_leaves_the_store_as_it_was_and_the_next_write_lands(db, tmp_path):
    first = cli("import", str(report(tmp_path / "a.csv", [("11503", "vneid_share", "2026-Q3", 71)])), "--db", str(db))
    assert first.returncode == 0, first.stderr
    killed = cli("import", str(report(tmp_path / "b.csv", [("05851", "vneid_share", "2026-Q3", 50)])), "--db", str(db),
                 faults="before_commit")
    assert killed.returncode == -9
    assert recorded(db) == {("11503", "vneid_share", "2026-Q3"): 71.0}
    assert values.batches(db)["batch_id"].to_list() == [1]

    again = cli("import", str(tmp_path / "b.csv"), "--db", str(db))
    assert again.returncode == 0, again.stderr
    assert real(db) == {("11503", "vneid_share", "2026-Q3"): 71.0, ("05851", "vneid_share", "2026-Q3"): 50.0}
    assert not list(snapshot_dir(db).glob("*.writing-*"))


def publish_elsewhere(db: Path) -> None:
    """A publication in a process of its own, as beside the server (a process's own closing of a file would
    release the read lock its reader holds on it: POSIX locks are per process)."""
    code = f"from kpi.store.publisher import publish_if_pending; assert publish_if_pending({str(db)!r})"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=config.ROOT, timeout=300)


def test_superseded_snapshots_are_deleted_once_no_one_reads_them(db, tmp_path):
    a = report(tmp_path / "a.csv", [("11503", "vneid_share", "2026-Q3", 71)])
    assert cli("import", str(a), "--db", str(db)).returncode == 0
    publish_elsewhere(db)
    held = db.resolve()
    reader = connect(db)
    assert cli("rollback", "1", "--db", str(db)).returncode == 0
    publish_elsewhere(db)
    assert held.exists(), "a snapshot someone reads is kept"
    reader.close()
    assert cli("import", str(a), "--db", str(db)).returncode == 0
    publish_elsewhere(db)
    assert not held.exists(), "once unused, the next publication deletes it"
    assert sorted(snapshot_dir(db).iterdir()) == sorted([db.resolve(), snapshot_dir(db) / POINTER,  # and its pointer
                                                         Path(f"{db.resolve()}.reference.sqlite3")])  # and its reference


def test_a_failed_write_publishes_nothing(db):
    before = db.resolve() if db.is_symlink() else db
    with pytest.raises(RuntimeError), store.writing(db, "publish") as work, duckdb.connect(str(work)) as con:
        con.execute("DELETE FROM observation")
        raise RuntimeError("disk full, say")
    assert (db.resolve() if db.is_symlink() else db) == before
    with connect(db) as con:
        assert con.execute("SELECT count(*) FROM observation").fetchone()[0] > 0
    assert not list(snapshot_dir(db).glob("*.writing-*"))


def test_writes_in_place_are_refused(db, tmp_path):
    assert cli("import", str(report(tmp_path / "a.csv", [("11503", "vneid_share", "2026-Q3", 71)])), "--db", str(db)).returncode == 0
    assert publish_if_pending(db) is not None
    with pytest.raises(ValueError, match="published snapshot"):
        connect(db, read_only=False)
    with pytest.raises(duckdb.Error):
        connect(db).execute("DELETE FROM observation")  # read-only


def test_readers_are_never_blocked_by_a_writer(db, tmp_path):
    """While a write holds the store's write lock with rows written and not committed, the snapshot and the
    store answer, with what was committed before it. (A publication takes its lease in a write of the store:
    it queues behind that short transaction like any write.)"""
    first = values.import_files(db, Actor.server_admin(), [report(tmp_path / "a.csv", [("11503", "vneid_share", "2026-Q3", 71)])])
    assert first.ok
    with records.connect(db) as writer:
        writer.execute("BEGIN IMMEDIATE")  # the write lock, held
        writer.execute("DELETE FROM real_value")
        writer.execute("UPDATE import_batch SET file_names = 'half-written'")
        with connect(db) as con:  # the dashboard's snapshot
            assert con.execute("SELECT count(*) FROM observation").fetchone()[0] > 0
        assert values.batches(db)["file_names"].to_list() == ["a.csv"]  # the store, read while the write goes on
        assert recorded(db) == {("11503", "vneid_share", "2026-Q3"): 71.0}
        writer.execute("ROLLBACK")
    assert real(db) == {("11503", "vneid_share", "2026-Q3"): 71.0}



def test_a_new_store_appears_whole_or_not_at_all(tmp_path, monkeypatch):
    """A creator stopped half-way through the schema leaves no store file (a reader would find a file without its
    tables: seen when a CI machine killed imports before their first write); the next one creates it whole."""
    from kpi.records import store

    db = tmp_path / "kpi.duckdb"
    real = store.statement

    def half(name):
        if name == "schema":
            return real(name).split(";", 3)[0] + ";\nSELECT broken FROM nowhere;"
        return real(name)

    monkeypatch.setattr(store, "statement", half)
    with pytest.raises(sqlite3.OperationalError), records.connect(db):
        pass
    assert not records.path_for(db).exists() and list(tmp_path.iterdir()) == []
    with records.read_only(db) as con:
        assert con is None  # nothing to read yet, not a file without tables
    monkeypatch.setattr(store, "statement", real)
    with records.connect(db) as con:
        assert con.execute("SELECT count(*) FROM change_log").fetchone() == (0,)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
