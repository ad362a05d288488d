"""Many readers, one writer at a time (kpi.store): readers are never blocked, no write is ever lost.

Writers run as real processes (`python -m kpi …`), as they do beside a running dashboard."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from kpi import config, store
from kpi.db import connect
from kpi.store.snapshots import snapshot_dir

ENV_TODAY = "2026-11-22"


@pytest.fixture()
def db(db_path: Path, tmp_path: Path) -> Path:
    """A private copy of the session database (a plain file: the first write turns it into a link)."""
    path = tmp_path / "kpi.duckdb"
    shutil.copy(db_path, path)
    return path


def cli(*args: str, **kw) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, "KPI_TODAY": ENV_TODAY, **kw.pop("env", {})}
    return subprocess.run([sys.executable, "-m", "kpi", *args], capture_output=True, text=True, cwd=config.ROOT, env=env,
                          timeout=300, **kw)


def start(*args: str, env: dict | None = None) -> subprocess.Popen:
    import os

    return subprocess.Popen([sys.executable, "-m", "kpi", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=config.ROOT, env={**os.environ, "KPI_TODAY": ENV_TODAY, **(env or {})})


def report(path: Path, rows: list[tuple[str, str, str, float]]) -> Path:
    lines = ["commune_code,indicator_code,period,value"] + [",".join(map(str, r)) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def real(path: Path) -> dict[tuple[str, str, str], float]:
    with connect(path) as con:
        rows = con.sql("SELECT commune_code, indicator_code, period, value FROM observation WHERE NOT is_demo").fetchall()
    return {(c, i, p): v for c, i, p, v in rows}


def batches(path: Path) -> list[int]:
    with connect(path) as con:
        return [b for (b,) in con.sql("SELECT batch_id FROM import_batch ORDER BY batch_id").fetchall()]


def test_a_reader_held_open_sees_its_snapshot_while_import_rollback_and_build_succeed(db, tmp_path):
    reader = connect(db)  # e.g. the dashboard's handle, open throughout
    count = "SELECT count(*) FROM observation WHERE NOT is_demo"
    assert reader.execute(count).fetchone() == (0,)

    done = cli("import", str(report(tmp_path / "a.csv", [("11503", "vneid_share", "2026-Q3", 71)])), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "batch 1" in done.stdout
    assert real(db) == {("11503", "vneid_share", "2026-Q3"): 71.0}
    assert reader.execute(count).fetchone() == (0,)  # the reader's snapshot does not move under it

    undone = cli("rollback", "1", "--db", str(db))
    assert undone.returncode == 0, undone.stderr
    assert real(db) == {}

    again = cli("import", str(tmp_path / "a.csv"), "--db", str(db))
    assert again.returncode == 0, again.stderr
    built = cli("build", "--db", str(db))
    assert built.returncode == 0, built.stderr
    assert real(db) == {("11503", "vneid_share", "2026-Q3"): 71.0}  # the build carried the import over
    assert reader.execute(count).fetchone() == (0,)
    assert "Traceback" not in done.stderr + undone.stderr + again.stderr + built.stderr
    reader.close()


def test_two_imports_at_the_same_time_both_land(db, tmp_path):
    a = report(tmp_path / "a.csv", [("11503", "vneid_share", "2026-Q3", 71), ("05851", "vneid_share", "2026-Q3", 40)])
    b = report(tmp_path / "b.csv", [("23548", "vneid_share", "2026-Q3", 66), ("11503", "vneid_share", "2026-Q2", 64)])
    first, second = start("import", str(a), "--db", str(db)), start("import", str(b), "--db", str(db))
    outcomes = [p.communicate(timeout=300) for p in (first, second)]
    assert (first.returncode, second.returncode) == (0, 0), outcomes
    assert real(db) == {
        ("11503", "vneid_share", "2026-Q3"): 71.0, ("05851", "vneid_share", "2026-Q3"): 40.0,
        ("23548", "vneid_share", "2026-Q3"): 66.0, ("11503", "vneid_share", "2026-Q2"): 64.0,
    }
    assert batches(db) == [1, 2]
    assert sorted(out for out, _ in outcomes)[0].startswith("imported 2, updated 0")


def test_an_import_during_a_build_waits_for_it_and_lands_in_the_new_build(db, tmp_path):
    build = start("build", "--db", str(db))
    deadline = time.monotonic() + 60
    while not store.holder(db).startswith("build") and time.monotonic() < deadline:
        time.sleep(0.02)
    assert store.holder(db).startswith("build"), "the build never took the writer lock"
    imported = cli("import", str(report(tmp_path / "a.csv", [("11503", "vneid_share", "2026-Q3", 71)])), "--db", str(db))
    assert build.wait(timeout=300) == 0, build.communicate()
    assert imported.returncode == 0, imported.stderr
    assert "waiting for another writer to finish: build" in imported.stderr
    assert real(db) == {("11503", "vneid_share", "2026-Q3"): 71.0}
    with connect(db) as con:
        info = dict(con.sql("SELECT key, value FROM build_info").fetchall())
    assert info["published_by"] == "import"


def test_a_writer_that_waits_too_long_says_so_and_writes_nothing(db, tmp_path):
    before = real(db)
    with store.writer_lock(db, "build", timeout=5):
        done = cli("import", str(report(tmp_path / "a.csv", [("11503", "vneid_share", "2026-Q3", 71)])), "--db", str(db),
                   "--wait", "1")
    assert done.returncode == 2
    assert "waited 1 s for the writer lock of kpi.duckdb, still held by build (pid" in done.stderr
    assert "Traceback" not in done.stderr
    assert real(db) == before


def test_a_killed_writer_leaves_the_published_database_and_its_temp_file_is_removed_by_the_next(db, tmp_path):
    first = cli("import", str(report(tmp_path / "a.csv", [("11503", "vneid_share", "2026-Q3", 71)])), "--db", str(db))
    assert first.returncode == 0, first.stderr
    published = db.resolve()
    killed = cli("import", str(report(tmp_path / "b.csv", [("05851", "vneid_share", "2026-Q3", 50)])), "--db", str(db),
                 env={"KPI_IMPORT_KILL_AT": "before_commit"})
    assert killed.returncode == -9
    leftovers = list(snapshot_dir(db).glob("*.writing-*"))
    assert leftovers, "the killed import left its work file behind"
    assert db.resolve() == published and real(db) == {("11503", "vneid_share", "2026-Q3"): 71.0}

    again = cli("import", str(tmp_path / "b.csv"), "--db", str(db))
    assert again.returncode == 0, again.stderr
    assert not any(p.exists() for p in leftovers)
    assert not list(snapshot_dir(db).glob("*.writing-*"))
    assert real(db) == {("11503", "vneid_share", "2026-Q3"): 71.0, ("05851", "vneid_share", "2026-Q3"): 50.0}


def test_superseded_snapshots_are_deleted_once_no_one_reads_them(db, tmp_path):
    a = report(tmp_path / "a.csv", [("11503", "vneid_share", "2026-Q3", 71)])
    assert cli("import", str(a), "--db", str(db)).returncode == 0
    held = db.resolve()
    reader = connect(db)
    assert cli("rollback", "1", "--db", str(db)).returncode == 0
    assert held.exists(), "a snapshot someone reads is kept"
    reader.close()
    assert cli("import", str(a), "--db", str(db)).returncode == 0
    assert not held.exists(), "once unused, the next writer deletes it"
    assert sorted(snapshot_dir(db).iterdir()) == [db.resolve()]


def test_a_failed_write_publishes_nothing(db):
    before = db.resolve() if db.is_symlink() else db
    with pytest.raises(RuntimeError), store.edit(db, "import") as con:
        con.execute("DELETE FROM observation")
        raise RuntimeError("disk full, say")
    assert (db.resolve() if db.is_symlink() else db) == before
    with connect(db) as con:
        assert con.execute("SELECT count(*) FROM observation").fetchone()[0] > 0
    assert not list(snapshot_dir(db).glob("*.writing-*"))


def test_writes_in_place_are_refused(db, tmp_path):
    assert cli("import", str(report(tmp_path / "a.csv", [("11503", "vneid_share", "2026-Q3", 71)])), "--db", str(db)).returncode == 0
    with pytest.raises(ValueError, match="published snapshot"):
        connect(db, read_only=False)
    with pytest.raises(duckdb.Error):
        connect(db).execute("DELETE FROM observation")  # read-only


def test_readers_are_never_blocked_by_a_writer(db, tmp_path):
    """While an import holds the writer lock and writes, readers keep answering."""
    answered: list[float] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            started = time.perf_counter()
            with connect(db) as con:
                con.sql("SELECT count(*) FROM observation").fetchall()
            answered.append(time.perf_counter() - started)

    thread = threading.Thread(target=read)
    thread.start()
    try:
        with store.edit(db, "import") as con:
            time.sleep(1.0)  # a slow writer
            con.execute("DELETE FROM observation WHERE NOT is_demo")
    finally:
        stop.set()
        thread.join(timeout=30)
    assert len(answered) > 5 and max(answered) < 1.0
