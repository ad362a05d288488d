"""The publisher: folds what people recorded since the last snapshot into a new one (group commit).

Many writes, one publication: every change in the store of record after the snapshot's `published_through`
is folded at once: the people's tables replaced, the touched communes rescored, the index, ranks and
province averages recomputed, and the result published by the link swap readers already follow. One
publisher at a time (the snapshot lease, kpi.store.lease); `python -m kpi publish [--watch]`, and beside
`python -m kpi serve`. A file grown past COMPACT_AT times its fresh build is written out afresh."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from kpi import records
from kpi.db import build_info, transaction
from kpi.records import changes
from kpi.store import fold
from kpi.store.lease import WriterBusy
from kpi.store.snapshots import current
from kpi.store.writer import stamp, writing

INTERVAL = float(os.environ.get("KPI_PUBLISH_INTERVAL", "5"))  # seconds between looks for new writes (--watch)
COMPACT_AT = 1.05  # a snapshot larger than this many times its fresh build is compacted when published


@dataclass(frozen=True)
class Publication:
    through: int  # the last change it holds
    writes: int  # how many changes it folded
    communes: int  # how many communes it rescored
    seconds: float
    size_bytes: int
    compacted: bool


def published_through(db: Path) -> int:
    """The last change of the store of record the published snapshot holds (0: none)."""
    from kpi.db import connect

    with connect(db) as con:
        return int(build_info(con).get("published_through", "0"))


def pending(db: Path) -> changes.Pending:
    """What is recorded and not yet published."""
    return changes.pending_for(db, published_through(db))


def publish(db: Path, *, timeout: float = 60.0, on_wait: Callable[[str], None] | None = None,
            compact: bool = True) -> Publication | None:
    """Fold every change recorded after the published snapshot into a new snapshot; None if there was none.
    compact: write the new snapshot out afresh first if it has grown past COMPACT_AT (the watcher passes False
    and compacts after publishing, as a publication of its own: the writes reach the pages sooner)."""
    db = Path(db)
    started = time.perf_counter()
    touched: set[str] = set()  # the communes rescored: theirs are the values an import's checks read anew
    with writing(db, "publish", copy=True, timeout=timeout, on_wait=on_wait, touched=touched) as work:
        through = int(_info(work).get("published_through", "0"))
        with records.read_only(db) as rec:
            if rec is not None:
                records.begin_read(rec)  # one read transaction: the changes and the rows they wrote, consistent
            todo = changes.pending(rec, through)
            if not todo.writes:
                raise _Nothing
            con = duckdb.connect(str(work))
            try:
                with transaction(con):
                    fold.load_records(con, rec)
                    fold.rescore(con, todo.communes)
                    touched.update(todo.communes)
                    _set_info(con, published_through=str(todo.through))
                    stamp(con, "publish")
                con.execute("CHECKPOINT")
            finally:
                con.close()
        compacted = compact_if_grown(work) if compact else False
    return Publication(todo.through, todo.writes, len(todo.communes), time.perf_counter() - started,
                       current(db).path.stat().st_size, compacted)


class _Nothing(Exception):
    pass


def publish_if_pending(db: Path, **kw: object) -> Publication | None:
    try:
        return publish(db, **kw)
    except _Nothing:
        return None


def compact(db: Path, *, timeout: float = 60.0) -> bool:
    """Publish the snapshot written out afresh if it has grown past COMPACT_AT times its fresh build (the same
    content, a compact file: readers move to it at their next rerun). Returns whether it did."""
    snapshot = current(db).path
    fresh = int(_info(snapshot).get("fresh_size_bytes", "0"))
    if not fresh or snapshot.stat().st_size <= COMPACT_AT * fresh:
        return False
    try:
        with writing(db, "publish", copy=True, timeout=timeout, touched=set()) as work:  # the same content
            if not compact_if_grown(work):
                raise _Nothing
    except _Nothing:
        return False
    return True


def watch(db: Path, interval: float = INTERVAL, stop: Callable[[], bool] = lambda: False,
          on_publication: Callable[[Publication], None] | None = None) -> None:
    """Publish whenever something is pending, looking every `interval` seconds, until stop() says so; a
    snapshot grown past COMPACT_AT is compacted after its publication, when nothing is pending."""
    while not stop():
        try:
            done = publish_if_pending(db, compact=False)
            if done is None:
                compact(db)
        except FileNotFoundError:  # no snapshot yet: the first build publishes
            done = None
        except WriterBusy:  # another publisher or a build holds the lease: look again later
            done = None
        if done is not None and on_publication is not None:
            on_publication(done)
        if done is None:
            time.sleep(interval)


def _info(path: Path) -> dict[str, str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return build_info(con)
    finally:
        con.close()


def _set_info(con: duckdb.DuckDBPyConnection, **values: str) -> None:
    for key, value in values.items():
        con.execute("INSERT OR REPLACE INTO build_info VALUES ($key, $value)", {"key": key, "value": value})


def compact_if_grown(work: Path) -> bool:
    """Write the work file out afresh (DuckDB's COPY FROM DATABASE) when it has grown past COMPACT_AT times
    the size of its fresh build (build_info `fresh_size_bytes`). Returns whether it did."""
    fresh = int(_info(work).get("fresh_size_bytes", "0"))
    if not fresh or work.stat().st_size <= COMPACT_AT * fresh:
        return False
    compact = work.with_name(f"{work.stem}.compact.duckdb")
    compact.unlink(missing_ok=True)
    con = duckdb.connect()
    try:
        con.execute("ATTACH $old AS old (READ_ONLY)", {"old": str(work)})
        con.execute("ATTACH $new AS new", {"new": str(compact)})
        con.execute("COPY FROM DATABASE old TO new")
        con.execute("DETACH new")
        con.execute("DETACH old")
    finally:
        con.close()
    con = duckdb.connect(str(compact))
    try:  # the compacted file is the new measure of "fresh": growth is counted from here
        _set_info(con, fresh_size_bytes=str(compact.stat().st_size))
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(compact, work)
    return True
