"""The publisher: what people recorded in the store of record, folded into the snapshot the pages read.

Writes here go straight into the store with its own statements (the services are tested in their own files):
the publisher must fold any of them, rescore only the communes they touched with the same result as a full
rescoring, keep the file compact, and never publish half a snapshot, whenever it is killed."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from kpi import config, records
from kpi.accounts import Actor, audit
from kpi.db import build_info, connect
from kpi.records import changes
from kpi.scoring import tables
from kpi.store import WriterBusy, lease, publisher
from tests.pg import both_engines

TODAY = date(2026, 11, 22)
INDICATOR = "online_public_service_usage_share"


@pytest.fixture()
def db(seeds_db: Path, tmp_path: Path, records_engine) -> Path:
    path = tmp_path / "kpi.duckdb"
    shutil.copy(seeds_db.resolve(), path)
    return path


def record_values(db: Path, values: list[tuple[str, str, float]], period: str = "2026-Q3", end: str = "2026-09-30") -> int:
    """One write as an import makes it: a batch, its values, the audit row and the change, in one transaction."""
    with records.connect(db) as con, records.transaction(con):
        audit_id = audit.record(con, Actor.server_admin(), "import", f"{len(values)} value(s)")
        [(batch,)] = records.execute(con, "import_batch_insert", files="t.csv", sha256="x", imported_at=records.stamp(),
                                     rows_read=len(values), imported=len(values), updated=0, unchanged=0, by="test")
        records.executemany(con, "import_value_upsert", [
            {"commune_code": commune, "indicator_code": indicator, "period": period, "period_end": end, "value": value,
             "source": "t.csv", "batch": batch, "source_row": 2, "evidence": None, "note": None}
            for commune, indicator, value in values])
        changes.record(con, "import", audit_id, [c for c, _, _ in values])
    return batch


def snapshot_rows(db: Path, sql: str) -> pl.DataFrame:
    with connect(db) as con:
        return con.sql(sql).pl()


@both_engines
def test_a_publication_folds_the_writes_and_rescores_as_a_full_rescoring_would(db):
    record_values(db, [("25378", INDICATOR, 99.0), ("11503", INDICATOR, 12.5)])
    record_values(db, [("25378", "cashless_transactions_share", 64.0)])
    done = publisher.publish_if_pending(db)
    assert done is not None and (done.writes, done.communes) == (2, 2)
    real = snapshot_rows(db, "SELECT commune_code, indicator_code, value FROM observation WHERE NOT is_demo ORDER BY ALL")
    assert real.rows() == [("11503", INDICATOR, 12.5), ("25378", "cashless_transactions_share", 64.0), ("25378", INDICATOR, 99.0)]
    with connect(db) as con:
        assert build_info(con)["published_through"] == "2"
        published = {t: con.sql(f"SELECT * FROM {t} ORDER BY ALL").pl() for t in ("indicator_score", "commune_index", "commune_group_score")}
    full = db.with_name("full.duckdb")
    shutil.copy(db.resolve(), full)
    with duckdb.connect(str(full)) as con:
        tables.refresh(con)
        for table, frame in published.items():
            assert_frame_equal(frame, con.sql(f"SELECT * FROM {table} ORDER BY ALL").pl(),
                               check_exact=False, rel_tol=1e-9)
    assert published["indicator_score"].filter(
        (pl.col("commune_code") == "25378") & (pl.col("indicator_code") == INDICATOR) & (pl.col("as_of_period") == "2026-Q3")
        & (pl.col("basis") == "all"))["latest_value"].to_list() == [99.0]


def test_nothing_recorded_nothing_published(db):
    before = db.resolve()
    assert publisher.publish_if_pending(db) is None
    assert db.resolve() == before


@both_engines
def test_the_pages_count_what_is_recorded_and_not_yet_published(db):
    record_values(db, [("25378", INDICATOR, 50.0)])
    record_values(db, [("11503", INDICATOR, 51.0)])
    waiting = publisher.pending(db)
    assert (waiting.writes, waiting.communes) == (2, frozenset({"25378", "11503"}))
    assert changes.waiting(db, publisher.published_through(db)) == 2  # the sidebar's count
    publisher.publish_if_pending(db)
    assert publisher.pending(db).writes == 0
    assert changes.waiting(db, publisher.published_through(db)) == 0


def test_many_publications_keep_the_file_near_its_fresh_build(db):
    with connect(db) as con:
        fresh = int(build_info(con)["fresh_size_bytes"])
    for n in range(30):
        record_values(db, [("25378", INDICATOR, 40.0 + n), ("05851", INDICATOR, 30.0 + n)])
        publisher.publish_if_pending(db)
    assert db.resolve().stat().st_size <= 1.1 * fresh
    assert snapshot_rows(db, f"SELECT value FROM observation WHERE NOT is_demo AND commune_code = '25378' AND indicator_code = '{INDICATOR}'")["value"].to_list() == [69.0]


@both_engines
def test_one_publisher_at_a_time_and_a_dead_one_does_not_hold_the_lease(db):
    with lease.lease(db, "publish", timeout=1) as held:
        assert held.held()
        with pytest.raises(WriterBusy):
            publisher.publish(db, timeout=0.5)
    victim = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from kpi.store import lease\n"
        "with lease.lease(Path(sys.argv[1]), 'publish', timeout=5):\n    print('held', flush=True); time.sleep(600)"), str(db)],
        cwd=config.ROOT, stdout=subprocess.PIPE, text=True)
    assert victim.stdout.readline().strip() == "held"
    assert "publish" in lease.holder(db)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    with lease.lease(db, "publish", timeout=5) as held:  # not the lease's 30 s: its holder is gone from this machine
        assert held.held()


PUBLISH = "import sys; from pathlib import Path; from kpi.store import publisher; publisher.publish_if_pending(Path(sys.argv[1]))"


def test_a_publisher_killed_anywhere_publishes_all_or_nothing(db):
    """20 publishers killed at random moments: readers always find a whole snapshot (the old or the new one), the
    store keeps every record, and the next publication folds them all."""
    rng = random.Random(29)
    expected = {}
    for run in range(20):
        value = 10.0 + run
        record_values(db, [("25378", INDICATOR, value), (rng.choice(["11503", "05851", "23548"]), INDICATOR, value)])
        expected["25378"] = value
        proc = subprocess.Popen([sys.executable, "-c", PUBLISH, str(db)], cwd=config.ROOT, env={**os.environ})
        try:
            proc.wait(timeout=rng.uniform(0.2, 3.0))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        with connect(db) as con:  # whatever is published opens, and says which changes it holds
            through = int(build_info(con)["published_through"])
            held = con.sql("SELECT value FROM observation WHERE NOT is_demo AND commune_code = '25378' "
                           f"AND indicator_code = '{INDICATOR}'").fetchall()
        assert through <= run + 1
        assert held == ([] if through == 0 else [(10.0 + through - 1,)])  # the snapshot holds exactly its changes
    done = publisher.publish_if_pending(db)
    assert done is None or done.through == 20
    with connect(db) as con:
        assert build_info(con)["published_through"] == "20"
    assert snapshot_rows(db, f"SELECT value FROM observation WHERE NOT is_demo AND commune_code = '25378' AND indicator_code = '{INDICATOR}'")["value"].to_list() == [expected["25378"]]


IMPORT = ("import sys; from pathlib import Path; from kpi.accounts import Actor; from kpi.services import values; "
          "print('started', flush=True); "
          "values.import_files(Path(sys.argv[1]), Actor.server_admin(), [Path(sys.argv[2])])")


def test_writers_killed_anywhere_leave_whole_writes_only(db, tmp_path):
    """20 imports killed at random moments (while checking, in the transaction, after it): every batch the store
    holds is whole (its values, its audit row and its change), and a publication shows exactly those."""
    rng = random.Random(57)
    communes = ["25378", "11503", "05851", "23548", "21697"]
    for run in range(20):
        report = tmp_path / f"r{run}.csv"
        report.write_text("commune_code,indicator_code,period,value,note\n"  # each value far from its history: a reason
                          + "".join(f"{c},{INDICATOR},2026-Q3,{run + 1},số liệu kiểm thử\n" for c in communes), encoding="utf-8")
        proc = subprocess.Popen([sys.executable, "-c", IMPORT, str(db), str(report)], cwd=config.ROOT, stdout=subprocess.PIPE,
                                text=True, env={**os.environ, "KPI_TODAY": TODAY.isoformat()})
        assert proc.stdout.readline().strip() == "started"  # its modules loaded: the kill lands in the import itself
        try:
            proc.wait(timeout=rng.uniform(0, 0.4) if run else 60)  # the first one whole: the store exists after it
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
    with records.read_only(db) as con:
        batches = con.execute("SELECT batch_id, imported + updated FROM import_batch ORDER BY batch_id").fetchall()
        audited = {b for (b,) in con.execute("SELECT batch_id FROM audit_log WHERE action = 'import'").fetchall()}
        changed = con.execute("SELECT count(*) FROM change_log WHERE action = 'import'").fetchone()[0]
        latest = con.execute("SELECT max(batch_id) FROM real_value").fetchone()[0]
        live = con.execute("SELECT count(*), count(DISTINCT batch_id) FROM real_value").fetchone()
    assert batches, "at least one import finished in 20 tries"
    assert all(written == len(communes) for _, written in batches), "a batch is whole: all five values"
    assert audited == {b for b, _ in batches} and changed == len(batches), "every batch audited and noted, no other"
    assert live == (len(communes), 1) and latest == batches[-1][0], "the last whole batch holds every value"
    publisher.publish_if_pending(db)
    shown = snapshot_rows(db, f"SELECT commune_code, batch_id FROM observation WHERE NOT is_demo AND indicator_code = '{INDICATOR}'")
    assert sorted(shown.rows()) == sorted((c, latest) for c in communes)


def test_the_watcher_publishes_first_and_compacts_after(db):
    """A publication without compacting brings the writes to the pages; the compaction after it publishes the same
    content in a file near its fresh size."""
    with connect(db) as con:
        fresh = int(build_info(con)["fresh_size_bytes"])
    grown = None
    for n in range(10):
        record_values(db, [("25378", INDICATOR, 40.0 + n), ("05851", INDICATOR, 30.0 + n)])
        assert publisher.publish_if_pending(db, compact=False).compacted is False
        grown = db.resolve().stat().st_size
        if grown > publisher.COMPACT_AT * fresh:
            break
    assert grown > publisher.COMPACT_AT * fresh, "publications without compaction grow the file"
    before = snapshot_rows(db, "SELECT * FROM observation WHERE NOT is_demo ORDER BY ALL")
    assert publisher.compact(db)
    assert db.resolve().stat().st_size <= publisher.COMPACT_AT * fresh * 1.05
    assert snapshot_rows(db, "SELECT * FROM observation WHERE NOT is_demo ORDER BY ALL").equals(before)
    assert not publisher.compact(db), "nothing to compact once compact"
