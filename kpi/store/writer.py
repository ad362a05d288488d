"""Writing a snapshot: take the snapshot lease (kpi.store.lease), work on a new file, publish it. Only the
build and the publisher (kpi.store.publisher) write snapshots; people's writes go to the store of record.

    with store.writing(db, "build", copy=False) as path:   # a fresh file to build into
        write_database(..., path)

    with store.writing(db, "publish") as path:  # a copy of the published snapshot (kpi.store.publisher)
        fold.load_records(duckdb.connect(str(path)), rec)  # an exception: nothing is published
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from kpi.db import execute
from kpi.store import reference
from kpi.store.lease import WriterBusy, lease
from kpi.store.snapshots import cleanup, current, publish, snapshot_dir

DEFAULT_WAIT = float(os.environ.get("KPI_WRITE_WAIT", "300"))  # seconds a writer queues behind another


@contextmanager
def writing(
    db: Path, purpose: str, *, copy: bool = True, timeout: float = DEFAULT_WAIT,
    on_wait: Callable[[str], None] | None = None, touched: set[str] | None = None,
) -> Iterator[Path]:
    """Hold the snapshot lease and yield a new file to write; publish it when the block succeeds.

    copy: start from a copy of the published snapshot (the publisher); otherwise the file does not exist yet
    (build). touched: with copy, a set the block fills with the communes whose values or targets it changed
    (kpi.store.reference patches only theirs into what it keeps beside the new snapshot); None: it may have
    changed anything. The caller closes its connection to the file before the block ends."""
    db = Path(db)
    with lease(db, purpose, timeout=timeout, on_wait=on_wait) as held:
        cleanup(db)
        folder = snapshot_dir(db)
        folder.mkdir(parents=True, exist_ok=True)
        work = folder / f"{purpose.split()[0]}.writing-{os.getpid()}.duckdb"
        previous = current(db).path if copy else None
        try:
            if previous is not None:
                shutil.copyfile(previous, work)
            yield work
            if not held.held():  # it ran out while this writer stalled, and another may be writing now
                raise WriterBusy(f"{purpose}: the snapshot lease ran out before publishing; nothing was published")
            # what imports check against, ready before the first one asks
            reference.keep(publish(db, work).path, previous, touched)  # a build: in full
        finally:
            work.unlink(missing_ok=True)
            Path(f"{work}.wal").unlink(missing_ok=True)
        cleanup(db)


def stamp(con: duckdb.DuckDBPyConnection, purpose: str) -> None:
    """Record in the snapshot what wrote it and when (shown in the sidebar, exported with the data)."""
    execute(con, "snapshot_stamp", published_at=datetime.now(UTC).isoformat(timespec="seconds"), published_by=purpose)
