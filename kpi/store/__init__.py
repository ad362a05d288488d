"""The database as published snapshots: many readers, one writer at a time, nothing half-written.

DuckDB lets one process open a file read-write or many open it read-only, never both. So nobody
ever writes the file readers have open:

* `data/kpi.duckdb` is a symbolic link to the published snapshot, an immutable DuckDB file in
  `data/.kpi.duckdb.snapshots/` named by a sequence number (`000042-20261123T183000123456.duckdb`).
* A writer (build, import, rollback, the import page) takes the exclusive writer lock, works on a
  new file (a copy of the published snapshot, or a fresh build), and publishes it by swapping the
  link atomically. A killed writer leaves only a temporary file, which the next writer removes.
* Readers resolve the link when a request starts and open that snapshot read-only. Every snapshot
  has its own path, so DuckDB never hands back a cached handle on a replaced file. Superseded
  snapshots are deleted by the next writer once no process holds them open.
"""

from kpi.store.lock import WriterBusy, holder, writer_lock
from kpi.store.snapshots import Snapshot, cleanup, current, publish
from kpi.store.writer import DEFAULT_WAIT, edit, stamp, writing

__all__ = [
    "DEFAULT_WAIT", "Snapshot", "WriterBusy", "cleanup", "current", "edit", "holder", "publish", "stamp", "writer_lock",
    "writing",
]
