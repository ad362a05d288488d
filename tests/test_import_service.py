"""The import service (kpi.services.import_service) and its thin client (`python -m kpi import`,
kpi.services.import_client): many clients at once are each recorded as an import in process records it; a bad
file or a commune outside the actor's scope is refused alone; the client loads neither polars nor DuckDB; with no
service (or a socket file a dead one left) the command imports in its own process with the same words; a service
killed while its clients wait leaves them a clear message and the store whole, and a new one serves again."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kpi import config, records
from kpi.accounts import Actor
from kpi.entry.checks import EVIDENCE_REQUIRED
from kpi.services import accounts, values
from kpi.services.import_client import socket_path
from kpi.store.reference import reference
from tests.conftest import TODAY
from tests.pg import POSTGRESQL, SQLITE

ADMIN = Actor.server_admin()
REASON = "số liệu kiểm thử"
# what a client blocked on its answer waits in (the kernel's name for the wait, /proc/PID/wchan: its socket has a
# timeout, so Python polls it; the command polls nothing else)
READING = ("poll_schedule_timeout", "unix_stream_read_generic", "unix_stream_data_wait")


@pytest.fixture()
def db(seeds_db: Path, tmp_path: Path, records_engine: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KPI_TODAY", TODAY.isoformat())  # the service and the clients inherit it
    path = tmp_path / "a" / "kpi.duckdb"
    path.parent.mkdir()
    shutil.copy(seeds_db.resolve(), path)
    return path


def start(db: Path) -> subprocess.Popen:
    """`python -m kpi import-service` on db, returned once it says it listens."""
    proc = subprocess.Popen([sys.executable, "-m", "kpi", "--lang", "en", "import-service", "--db", str(db)],
                            cwd=config.ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert "listening at" in line, proc.stderr.read()
    return proc


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
    proc.communicate(timeout=60)


@pytest.fixture()
def service(db: Path) -> Iterator[subprocess.Popen]:
    proc = start(db)
    yield proc
    stop(proc)


def client(db: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kpi", "--lang", "en", "import", "--db", str(db), *map(str, args)],
                            cwd=config.ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(proc: subprocess.Popen) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=300)
    return proc.returncode, out, err


def communes(db: Path, n: int) -> list[str]:
    codes = reference(db, TODAY).units.sort("commune_code")["commune_code"].to_list()
    return [c for c in codes if c not in EVIDENCE_REQUIRED][:n]


def report(path: Path, rows: list[tuple[str, str, str, object]]) -> Path:
    path.write_text("\n".join(["commune_code,indicator_code,period,value,note",
                               *(",".join(map(str, (*r, REASON))) for r in rows)]) + "\n", encoding="utf-8")
    return path


def stored(db: Path) -> dict:
    """What the store holds, without its ids and times: values, batches (files and counts), audit of imports."""
    with records.read_only(db) as rec:
        if rec is None:
            return {"values": [], "batches": [], "audit": 0}
        return {
            "values": sorted(rec.execute("SELECT commune_code, indicator_code, period, value FROM real_value").fetchall()),
            "batches": sorted(rec.execute("SELECT file_names, rows_read, imported, updated, unchanged FROM import_batch")
                              .fetchall()),
            "audit": rec.execute("SELECT count(*) FROM audit_log WHERE action = 'import'").fetchone()[0],
        }


def whole(db: Path) -> None:
    """Every batch the store holds is whole: as many values as it imported or updated, one audit row each."""
    with records.read_only(db) as rec:
        if rec is None:
            return
        for batch, written, held in rec.execute(
                "SELECT b.batch_id, b.imported + b.updated, (SELECT count(*) FROM real_value v WHERE v.batch_id = b.batch_id) "
                "FROM import_batch b").fetchall():
            assert written == held, batch
        batches = rec.execute("SELECT count(*) FROM import_batch").fetchone()[0]
        assert rec.execute("SELECT count(*) FROM audit_log WHERE action = 'import'").fetchone()[0] == batches


def blocked_reading(procs: list[subprocess.Popen]) -> None:
    """Wait until every client has sent its request and waits for the answer (the kernel says so)."""
    deadline = time.monotonic() + 120
    left = list(procs)
    while left:
        assert time.monotonic() < deadline, "clients never reached their answer's wait"
        ended = [p for p in left if p.poll() is not None]
        assert not ended, [p.communicate() for p in ended]  # ended before the service could answer
        left = [p for p in left if not Path(f"/proc/{p.pid}/wchan").read_text().strip().startswith(READING)]
        time.sleep(0.01)  # polling the event, not timing it


@pytest.mark.parametrize("records_engine", [SQLITE, POSTGRESQL], indirect=True)
def test_twenty_clients_at_once_are_each_recorded_as_an_import_in_process_records_it(db, service, tmp_path, seeds_db,
                                                                                       monkeypatch, request):
    codes = communes(db, 20)
    files = [report(tmp_path / f"xa-{c}.csv", [(c, "vneid_share", "2026-Q3", 40 + n),
                                                (c, "coverage_5g_population_share", "2026-Q3", 60)])
             for n, c in enumerate(codes)]
    service.send_signal(signal.SIGSTOP)  # the twenty queue at once: one group
    procs = [client(db, f) for f in files]
    blocked_reading(procs)
    service.send_signal(signal.SIGCONT)
    done = [finished(p) for p in procs]
    assert [rc for rc, _, _ in done] == [0] * 20, [err for _, _, err in done]
    assert all(out.startswith("imported 2, updated 0, unchanged 0") for _, out, _ in done)
    batches = {out.split("batch ")[1].split(")")[0] for _, out, _ in done}
    assert len(batches) == 20
    here = tmp_path / "b" / "kpi.duckdb"  # the same imports, in process, one after the other, on a store of their own
    here.parent.mkdir()
    shutil.copy(seeds_db.resolve(), here)
    if records.url() is not None:
        address = records.url()
        monkeypatch.setenv(records.URL_SETTING, request.getfixturevalue("pg_server").create_database(
            f"kpi_test_{os.getpid()}_here"))
    for f in files:
        assert values.import_files(here, ADMIN, [f], today=TODAY).ok
    there = stored(here)
    if records.url() is not None:
        monkeypatch.setenv(records.URL_SETTING, address)
    assert stored(db) == there and stored(db)["audit"] == 20
    whole(db)


def test_a_bad_file_and_a_commune_outside_scope_are_refused_alone_in_their_group(db, service, tmp_path):
    a, b, c, outside = communes(db, 4)
    accounts.add_user(db, ADMIN, "xa@example.vn", "commune_editor", communes=[a, b])
    good = [report(tmp_path / "good-a.csv", [(a, "vneid_share", "2026-Q3", 41)]),
            report(tmp_path / "good-b.csv", [(b, "vneid_share", "2026-Q3", 42)])]
    bad = report(tmp_path / "bad.csv", [(a, "vneid_share", "2026-Q3", "abc")])
    scope = report(tmp_path / "scope.csv", [(outside, "vneid_share", "2026-Q3", 43)])
    admin_file = report(tmp_path / "admin.csv", [(c, "vneid_share", "2026-Q3", 44)])
    far = tmp_path / "far.csv"  # values far from two seed communes' history, without a reason: refused at entry
    far.write_text("commune_code,indicator_code,period,value,note\n"
                   "11503,vneid_share,2026-Q3,0.5,\n25378,coverage_5g_population_share,2026-Q3,0.5,\n", encoding="utf-8")
    expected = [e.text("en") for e in values.import_files(db, ADMIN, [far], dry_run=True, today=TODAY).errors]
    assert len(expected) == 2  # in process
    service.send_signal(signal.SIGSTOP)
    procs = [client(db, good[0], "--as", "xa@example.vn"), client(db, bad, "--as", "xa@example.vn"),
             client(db, scope, "--as", "xa@example.vn"), client(db, good[1], "--as", "xa@example.vn"),
             client(db, admin_file), client(db, far)]
    blocked_reading(procs)
    service.send_signal(signal.SIGCONT)
    (rc_a, _, _), (rc_bad, _, err_bad), (rc_scope, _, err_scope), (rc_b, _, _), (rc_admin, _, _), (rc_far, _, err_far) = \
        map(finished, procs)
    assert (rc_a, rc_bad, rc_scope, rc_b, rc_admin, rc_far) == (0, 1, 1, 0, 0, 1)
    assert "bad.csv:2: value: not a number" in err_bad and "nothing was written" in err_bad
    assert f"scope.csv:2: commune_code: commune {outside}" in err_scope and "outside your scope" in err_scope
    assert err_far.splitlines()[:len(expected)] == expected  # the group's checks at entry, as an import's own
    assert {k[0]: v for *k, v in stored(db)["values"]} == {a: 41, b: 42, c: 44}
    whole(db)


def test_the_client_loads_neither_polars_nor_duckdb(db, service, tmp_path):
    f = report(tmp_path / "a.csv", [(communes(db, 1)[0], "vneid_share", "2026-Q3", 45)])
    code = ("import sys; from kpi.cli import main; "
            f"rc = main(['--lang', 'en', 'import', '--db', {str(db)!r}, {str(f)!r}]); "
            "print(rc, [m for m in ('polars', 'duckdb', 'pydantic') if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], cwd=config.ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.splitlines() == ["imported 1, updated 0, unchanged 0, ignored 0 (1 rows read; batch 1)", "0 []"], \
        done.stderr
    assert stored(db)["audit"] == 1


def test_without_a_service_or_with_a_stale_socket_the_command_imports_in_process_with_the_same_words(db, tmp_path):
    code = communes(db, 1)[0]
    good = report(tmp_path / "good.csv", [(code, "vneid_share", "2026-Q3", 46)])
    bad = report(tmp_path / "bad.csv", [(code, "vneid_share", "2026-Q3", "abc"), (code, "nope", "2026-Q3", 1)])
    copies = {}
    for name in ("service", "none", "stale"):
        copies[name] = tmp_path / name / "kpi.duckdb"
        copies[name].parent.mkdir()
        shutil.copy(db.resolve(), copies[name])
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)  # a socket file nobody listens on any more
    stale.bind(str(socket_path(copies["stale"])))
    stale.close()
    proc = start(copies["service"])
    try:
        said = {name: [finished(client(path, f)) for f in (good, bad, tmp_path / "missing.csv")]
                for name, path in copies.items()}
    finally:
        stop(proc)
    assert said["service"] == said["none"] == said["stale"]
    assert [rc for rc, _, _ in said["service"]] == [0, 1, 2]
    assert "missing.csv" in said["service"][2][2]
    assert stored(copies["service"]) == stored(copies["none"]) == stored(copies["stale"])


def test_a_service_killed_while_clients_wait_leaves_them_a_message_and_the_store_whole(db, tmp_path):
    codes = communes(db, 6)
    files = [report(tmp_path / f"xa-{c}.csv", [(c, "vneid_share", "2026-Q3", 47)]) for c in codes]
    assert finished(client(db, files[0]))[0] == 0  # in process: a store with a batch already
    proc = start(db)
    proc.send_signal(signal.SIGSTOP)  # the service has the requests (its socket's queue) and never answers
    procs = [client(db, f) for f in files[1:5]]
    blocked_reading(procs)
    proc.kill()
    proc.communicate(timeout=60)
    for f, (rc, out, err) in zip(files[1:5], map(finished, procs), strict=True):
        assert (rc, out) == (2, ""), err
        assert f"could not record {f.name}: the import service stopped before answering" in err
    whole(db)
    assert [k[0] for k in stored(db)["values"]] == [codes[0]]
    assert socket_path(db).exists()  # left behind by the killed service: a client then imports in process
    rc, out, err = finished(client(db, files[1]))
    assert rc == 0 and "batch 2" in out, err
    again = start(db)  # a new service replaces the stale socket
    try:
        rc, out, err = finished(client(db, files[5]))
        assert rc == 0 and "batch 3" in out, err
    finally:
        stop(again)
    assert not socket_path(db).exists()
    whole(db)
    assert [k[0] for k in stored(db)["values"]] == sorted([codes[0], codes[1], codes[5]])


def test_a_savepoint_undoes_its_part_alone(db):
    with records.connect(db) as con, records.transaction(con):
        records.execute(con, "revocation_insert", email="a@example.vn", revoked_at=1.0, reason="kept")
        with pytest.raises(sqlite3.IntegrityError), records.savepoint(con):
            records.execute(con, "revocation_insert", email="b@example.vn", revoked_at=2.0, reason="undone")
            raise sqlite3.IntegrityError("the part fails")
        with records.savepoint(con):
            records.execute(con, "revocation_insert", email="c@example.vn", revoked_at=3.0, reason="kept too")
    assert records.revoked_at(db, "a@example.vn") == 1.0 and records.revoked_at(db, "c@example.vn") == 3.0
    assert records.revoked_at(db, "b@example.vn") is None


def test_serve_starts_the_service_as_a_child_that_ends_with_it(db, tmp_path):
    from kpi.cli.build import importing

    f = report(tmp_path / "a.csv", [(communes(db, 1)[0], "vneid_share", "2026-Q3", 48)])
    with importing(db) as child:
        assert child.args[1:] == ["-m", "kpi", "--lang", "vi", "import-service", "--db", str(db)]
        deadline = time.monotonic() + 120
        while not socket_path(db).exists():  # waiting for it to listen
            assert child.poll() is None and time.monotonic() < deadline
            time.sleep(0.01)
        code = ("import sys; from pathlib import Path; from kpi.services import import_client as c; "
                f"a = c.send(Path({str(db)!r}), c.request_of(None, [Path({str(f)!r})])); print(a['result']['batch_id'])")
        done = subprocess.run([sys.executable, "-c", code], cwd=config.ROOT, capture_output=True, text=True, timeout=120)
        assert done.stdout.strip() == "1", done.stderr  # the service's answer: None (no service) would fail here
    assert child.poll() is not None and not socket_path(db).exists()


def test_wait_is_how_long_the_write_waits_for_the_lock_as_in_process(db, service, tmp_path):
    f = report(tmp_path / "a.csv", [(communes(db, 1)[0], "vneid_share", "2026-Q3", 49)])
    alone = tmp_path / "alone" / "kpi.duckdb"  # no service beside it: the import in process
    alone.parent.mkdir()
    shutil.copy(db.resolve(), alone)
    said = []
    for path in (db, alone):
        with records.connect(path) as con, records.transaction(con):  # another write holds the store's lock
            said.append(finished(client(path, f, "--wait", "0.2")))
    assert said[0] == said[1] and said[0][0] == 2, said
    assert "waited 0.2 s for the write lock of kpi.records.sqlite3" in said[0][2]
    assert stored(db)["audit"] == 0
    rc, out, err = finished(client(db, f))  # the lock free again: written
    assert rc == 0 and "batch 1" in out, err


def test_a_database_deep_in_folders_has_its_service_at_a_short_socket_path(db, tmp_path):
    """A Unix socket's path holds 107 bytes: beside a database deep in folders the service could not listen (CI's
    temporary folders are that deep). Its socket is then in the temporary folder under a digest of the database's
    path, the same for the service and its clients; one database, one socket."""
    deep = tmp_path.joinpath(*["a-folder-of-the-province"] * 4) / "kpi.duckdb"
    deep.parent.mkdir(parents=True)
    shutil.copy(db.resolve(), deep)
    path = socket_path(deep)
    assert len(os.fsencode(path)) <= 90 and path != socket_path(db.resolve()) and path == socket_path(deep)
    code = communes(db, 1)[0]
    proc = start(deep)
    try:
        assert path.exists()
        f = report(tmp_path / "xa.csv", [(code, "vneid_share", "2026-Q3", 48)])
        run = ("import sys; from kpi.cli import main; "
               f"rc = main(['--lang', 'en', 'import', '--db', {str(deep)!r}, {str(f)!r}]); print(rc, 'polars' in sys.modules)")
        done = subprocess.run([sys.executable, "-c", run], cwd=config.ROOT, capture_output=True, text=True, timeout=120)
    finally:
        stop(proc)
    assert done.stdout.splitlines()[-1] == "0 False", done.stderr  # recorded, through the service (no polars here)
    assert [k[0] for k in stored(deep)["values"]] == [code] and not path.exists()
