"""The database as published snapshots: many readers, one snapshot writer at a time, nothing half-written.

DuckDB lets one process open a file read-write or many open it read-only, never both. So nobody
ever writes the file readers have open:

* `data/kpi.duckdb` is a symbolic link to the published snapshot, an immutable DuckDB file in
  `data/.kpi.duckdb.snapshots/` named by a sequence number (`000042-20261123T183000123456.duckdb`).
* People's writes never touch a snapshot: they go to the store of record (kpi.records). A snapshot
  writer, the build or the publisher (kpi.store.publisher), takes the snapshot lease (kpi.store.lease,
  held in the store of record), works on a new file (a copy of the published snapshot, or a fresh
  build), and publishes it by swapping the link atomically. A killed writer leaves only a temporary
  file, which the next one removes.
* Readers resolve the link when a request starts and open that snapshot read-only. Every snapshot
  has its own path, so DuckDB never hands back a cached handle on a replaced file. Superseded
  snapshots are deleted by the next writer once no process holds them open.
* After each link swap the writer replaces `LATEST.json` beside the snapshots (name, sha256, size,
  published_through, published_at): another host gets the snapshot through it (`python -m kpi sync`,
  kpi.store.sync) and publishes it locally by the same link swap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kpi.store.lease import WriterBusy, holder
    from kpi.store.snapshots import Snapshot, cleanup, current, publish
    from kpi.store.writer import DEFAULT_WAIT, stamp, writing

__all__ = ["DEFAULT_WAIT", "Snapshot", "WriterBusy", "cleanup", "current", "holder", "publish", "stamp", "writing"]

# Each name from its module on first use (PEP 562): an import reads the kept reference (kpi.store.reference) and
# the published snapshot's name (kpi.store.snapshots) without loading DuckDB and the snapshot writer.
_FROM = {"WriterBusy": "lease", "holder": "lease", "Snapshot": "snapshots", "cleanup": "snapshots",
         "current": "snapshots", "publish": "snapshots", "DEFAULT_WAIT": "writer", "stamp": "writer", "writing": "writer"}


def __getattr__(name: str) -> Any:
    if name not in _FROM:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_FROM[name]}"), name)
    globals()[name] = value
    return value
