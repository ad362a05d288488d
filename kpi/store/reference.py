"""What an import is checked against (the catalogue's indicators and bounds, the communes and their provinces),
read once per published snapshot and kept beside it.

A snapshot never changes, so neither does what it says about the catalogue: its publisher keeps it (`keep`,
kpi.store.writer); failing that the first import after a publication reads it from DuckDB (about 60 ms on the national snapshot: opening the file, two queries) and
writes `NNNNNN-STAMP.duckdb.reference.json` beside it (atomically: a temporary file renamed); every later
import, in any process, reads that file (about 3 ms). The file goes when its snapshot goes
(kpi.store.snapshots.cleanup). A file that cannot be read or written is not an error: the import reads the
snapshot instead.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from datetime import date
from pathlib import Path

import polars as pl

from kpi.importer import Reference
from kpi.store.snapshots import current

SUFFIX = ".reference.json"
UNIT_COLUMNS = ("commune_code", "province_code", "commune_name")


def _read_snapshot(snapshot: Path) -> dict:
    from kpi.db import connect, rows  # DuckDB: loaded by the import that builds the kept file, not by the others

    with connect(snapshot) as con:
        indicators = {r["indicator_code"]: [r["lower_bound"], r["upper_bound"], r["unit"], r["kind"]]
                      for r in rows(con, "indicators", group=None)}
        units = rows(con, "units", province=None)
    return {"indicators": indicators, "units": {c: [u[c] for u in units] for c in UNIT_COLUMNS}}


def _write(path: Path, content: dict) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f"{path.name}.writing-", dir=path.parent)  # a leftover is cleaned up as others are
    try:
        os.fchmod(fd, 0o644)  # readable by whoever reads the snapshot beside it
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(content, f, ensure_ascii=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _content(snapshot: Path, immutable: bool) -> dict:
    if not immutable:  # a plain database file (snapshot 0) may be rebuilt in place: nothing kept beside it
        return _read_snapshot(snapshot)
    kept = Path(f"{snapshot}{SUFFIX}")
    try:
        return json.loads(kept.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    content = _read_snapshot(snapshot)
    with contextlib.suppress(OSError):  # a read-only folder: the next import reads the snapshot again
        _write(kept, content)
    return content


def keep(snapshot: Path) -> None:
    """Write the kept reference of a snapshot just published, by its publisher under the snapshot lease (so no
    cleanup removes the snapshot meanwhile): the imports after a publication read the file at once instead of
    each building it (100 at once after a new snapshot: 95 ms of CPU each instead of 28). Best effort: an
    import builds it if this could not."""
    import duckdb

    with contextlib.suppress(OSError, duckdb.Error):
        _content(snapshot, immutable=True)


def reference(db: Path, today: date) -> Reference:
    """The published snapshot's catalogue and units, as kpi.importer.check wants them."""
    snapshot = current(db)
    content = _content(snapshot.path, immutable=snapshot.seq > 0)
    units = pl.DataFrame({c: content["units"][c] for c in UNIT_COLUMNS}, schema=dict.fromkeys(UNIT_COLUMNS, pl.String))
    context = {"indicators": {code: tuple(v) for code, v in content["indicators"].items()},
               "communes": set(content["units"]["commune_code"]), "today": today}
    return Reference(context, units)
