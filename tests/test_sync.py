"""Snapshots that travel (kpi/store/sync.py, `python -m kpi sync`): two "hosts" as two data folders sharing no lock.
Host A publishes (its pointer LATEST.json written last); host B gets the snapshot from A's folder or over http, checks
it and publishes it by its own link swap; a corrupt or cut-short download is refused and B keeps what it had."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kpi import config
from kpi.cli import main
from kpi.db import build_info, connect
from kpi.store import current, publisher
from kpi.store.reference import kept_path
from kpi.store.snapshots import POINTER, file_sha256, snapshot_dir
from tests.test_publisher import INDICATOR, record_values


@pytest.fixture()
def host_a(seeds_db: Path, tmp_path: Path) -> Path:
    """Host A's data folder, with one publication of the publisher (and so its pointer)."""
    db = tmp_path / "a" / "kpi.duckdb"
    db.parent.mkdir()
    shutil.copy(seeds_db.resolve(), db)
    publish_on(db, 11.0)
    return db


def publish_on(db: Path, value: float) -> None:
    record_values(db, [("25378", INDICATOR, value)])
    assert publisher.publish_if_pending(db) is not None


def pointer(db: Path) -> dict:
    return json.loads((snapshot_dir(db) / POINTER).read_text(encoding="utf-8"))


def same_snapshot(a: Path, b: Path) -> None:
    """B's data/kpi.duckdb is A's published snapshot: the same bytes, the same published_through."""
    assert file_sha256(current(b).path) == file_sha256(current(a).path) == pointer(a)["sha256"]
    assert publisher.published_through(b) == publisher.published_through(a) == pointer(a)["published_through"] > 0
    with connect(b) as con:
        assert con.execute("SELECT value FROM observation WHERE NOT is_demo").fetchall() == [(pointer_value(a),)]
        assert build_info(con)["published_at"] == pointer(a)["published_at"]


def pointer_value(db: Path) -> float:
    with connect(db) as con:
        return con.execute("SELECT value FROM observation WHERE NOT is_demo").fetchone()[0]


@pytest.fixture()
def served(host_a: Path):
    """A's data folder on a static web server (Python's http.server) on 127.0.0.1: its URL."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(host_a.parent))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_the_publisher_writes_its_pointer_last_naming_the_published_snapshot(host_a):
    named = pointer(host_a)
    published = current(host_a).path
    assert named["snapshot"] == published.name and named["size"] == published.stat().st_size
    assert named["sha256"] == file_sha256(published)
    assert not list(snapshot_dir(host_a).glob(f"{POINTER}.*")), "the pointer's temporary file is renamed, not left"


def test_a_second_host_gets_the_snapshot_from_a_folder_and_over_http(host_a, served, tmp_path, capsys):
    for b, source in ((tmp_path / "b" / "kpi.duckdb", str(host_a.parent)),  # a mounted share: A's data/
                      (tmp_path / "c" / "kpi.duckdb", f"{served}/.kpi.duckdb.snapshots/")):  # A's folder over http
        assert main(["sync", "--from", source, "--db", str(b)]) == 0
        assert "đã đồng bộ" in capsys.readouterr().out
        assert b.is_symlink()
        same_snapshot(host_a, b)
        assert pointer(b)["sha256"] == pointer(host_a)["sha256"]  # B could serve C in turn
        assert kept_path(current(b).path).is_file()  # what B's imports check against, written by the sync
        before = current(b).path
        assert main(["sync", "--from", source, "--db", str(b)]) == 0  # idempotent: nothing downloaded again
        assert "đã có bản mới nhất" in capsys.readouterr().out
        assert current(b).path == before and len(list(snapshot_dir(b).glob("*.duckdb"))) == 1
    assert main(["sync", "--from", served, "--db", str(tmp_path / "c" / "kpi.duckdb")]) == 0  # the data/ folder's URL


def test_a_corrupt_or_cut_short_download_is_refused_and_the_host_keeps_its_snapshot(host_a, tmp_path, capsys):
    b = tmp_path / "b" / "kpi.duckdb"
    assert main(["sync", "--from", str(host_a.parent), "--db", str(b)]) == 0
    kept = current(b).path
    publish_on(host_a, 22.0)
    for damage, words in (("flip", "sai sha256"), ("truncate", "không đủ")):
        mirror = tmp_path / f"mirror-{damage}"  # A's folder as a broken share or server hands it over
        mirror.mkdir()
        shutil.copy(snapshot_dir(host_a) / POINTER, mirror / POINTER)
        data = bytearray(current(host_a).path.read_bytes())
        if damage == "flip":
            data[len(data) // 2] ^= 0xFF
        else:
            del data[len(data) // 3:]
        (mirror / pointer(host_a)["snapshot"]).write_bytes(data)
        assert main(["sync", "--from", str(mirror), "--db", str(b)]) == 2
        err = capsys.readouterr().err
        assert words in err and "không phát hành gì" in err and "nothing published" not in err and "Traceback" not in err
        assert current(b).path == kept and pointer_value(b) == 11.0
        assert [p.name for p in snapshot_dir(b).iterdir() if "writing" in p.name] == [], "the download is removed"
    assert main(["sync", "--from", str(tmp_path / "nowhere"), "--db", str(b), "--lang", "en"]) == 2
    assert "not found: nothing published there" in capsys.readouterr().err
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / POINTER).write_text('{"snapshot": "../../etc/passwd", "sha256": "0", "size": 1}')
    assert main(["sync", "--from", str(tmp_path / "bad"), "--db", str(b)]) == 2
    assert "không hợp lệ" in capsys.readouterr().err
    assert current(b).path == kept


def test_watch_picks_up_the_next_publication_and_stops_on_sigterm(host_a, tmp_path):
    b = tmp_path / "b" / "kpi.duckdb"
    log = tmp_path / "sync.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "kpi", "sync", "--from", str(host_a.parent), "--db", str(b),
                                 "--watch", "--interval", "0.2"], cwd=config.ROOT, stdout=out, stderr=subprocess.STDOUT)
    try:
        for value in (None, 33.0):  # the snapshot A has, then the next one A publishes
            if value is not None:
                publish_on(host_a, value)
            wanted = pointer(host_a)["sha256"]
            deadline = time.monotonic() + 30
            while not (b.exists() and (snapshot_dir(b) / POINTER).exists() and pointer(b)["sha256"] == wanted):
                assert proc.poll() is None, log.read_text()
                assert time.monotonic() < deadline, f"B did not sync {wanted} in 30 s:\n{log.read_text()}"
                time.sleep(0.1)
            same_snapshot(host_a, b)
        assert pointer_value(b) == 33.0
        assert len(list(snapshot_dir(b).glob("*.duckdb"))) == 1, "the superseded snapshot nobody reads is removed"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
        text = log.read_text()
        assert text.count("đã đồng bộ") == 2 and "đã dừng" in text and "Traceback" not in text
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
