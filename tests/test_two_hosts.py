"""The dashboard on two machines: two data folders that share nothing but the PostgreSQL store of record. Both
write (the service a page calls on one, the command line on the other), one publisher folds every write, and
the second host gets the snapshot by `kpi sync`: every write is on both."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kpi import config
from kpi.accounts import Actor
from kpi.db import connect
from kpi.records.store import POSTGRESQL
from kpi.services import values
from kpi.store import current, publisher
from kpi.store.snapshots import file_sha256
from kpi.store.sync import sync

TODAY = "2026-11-22"


def host(seeds_db: Path, folder: Path) -> Path:
    folder.mkdir()
    db = folder / "kpi.duckdb"
    shutil.copy(seeds_db.resolve(), db)
    return db


def report(path: Path, commune: str, value: float) -> Path:
    path.write_text(f"commune_code,indicator_code,period,value,note\n{commune},vneid_share,2026-Q3,{value},số liệu kiểm thử\n",
                    encoding="utf-8")
    return path


def shown(db: Path) -> dict[str, float]:
    with connect(db) as con:
        return dict(con.execute("SELECT commune_code, value FROM observation WHERE NOT is_demo AND indicator_code = "
                                "'vneid_share' AND period = '2026-Q3'").fetchall())


@pytest.mark.parametrize("records_engine", [POSTGRESQL], indirect=True)
def test_two_hosts_write_into_one_store_and_every_write_is_on_both_after_sync(records_engine, seeds_db, tmp_path, monkeypatch):
    monkeypatch.setenv("KPI_TODAY", TODAY)
    a, b = host(seeds_db, tmp_path / "host-a"), host(seeds_db, tmp_path / "host-b")
    assert values.import_files(a, Actor.server_admin(), [report(tmp_path / "a.csv", "11503", 61)]).ok  # a page on host A
    on_b = subprocess.run([sys.executable, "-m", "kpi", "import", str(report(tmp_path / "b.csv", "25378", 62)), "--db", str(b)],
                          capture_output=True, text=True, cwd=config.ROOT, env={**os.environ, "PYTHONPATH": str(config.ROOT)})
    assert on_b.returncode == 0, on_b.stderr  # the command line on host B, into the same store

    done = publisher.publish_if_pending(a)  # the one publisher, on host A: both writes in one publication
    assert done is not None and done.writes == 2
    assert shown(a) == {"11503": 61.0, "25378": 62.0}
    assert shown(b) == {}, "host B has not synced yet"

    synced = sync(b, str(a.parent))  # host B: the pointer, the file, checked, published locally
    assert synced is not None
    assert file_sha256(current(b).path) == file_sha256(current(a).path)
    assert shown(b) == {"11503": 61.0, "25378": 62.0}
    assert publisher.published_through(b) == publisher.published_through(a)
    assert publisher.publish_if_pending(b) is None, "nothing is pending for host B either: the store is one"
