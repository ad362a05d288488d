"""What an import is checked against, kept beside each published snapshot in a small SQLite file
(`NNNNNN-STAMP.duckdb.reference.sqlite3`, queries/reference/schema.sql): the catalogue's indicators and bounds,
the communes and their provinces, and for the checks at entry (kpi.entry.checks) every commune's reported values
per indicator and the effective targets of the communes whose plan makes evidence mandatory.

Why a file of its own: opening the national DuckDB snapshot costs an import 15-20 ms of CPU before any query, and
its checks' read 40 ms more, while a hundred imports at once on two cores wait for each other's CPU. SQLite opens
in a fraction of a millisecond and finds a key's values by its primary key.

A snapshot never changes, so neither does what is kept beside it. Its writer keeps it under the snapshot lease
(`keep`, kpi.store.writer): a build in full (a few seconds on the national snapshot), a publication by patching
the communes it rescored into a copy of the previous snapshot's file (milliseconds). Failing that (a snapshot
brought by `kpi sync`, a damaged file) the first import writes it, one process at a time, the others waiting for
it. A folder where it cannot be written is not an error: the import reads the snapshot instead, as it does for a
plain database file (snapshot 0, rebuilt in place: nothing is kept beside it). The file goes when its snapshot
goes (kpi.store.snapshots.cleanup).
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import polars as pl

from kpi import config
from kpi.entry import checks
from kpi.entry.checks import EVIDENCE_REQUIRED
from kpi.importer import Reference
from kpi.store.snapshots import Snapshot, current

SUFFIX = ".reference.sqlite3"
LOCK = ".lock"  # beside the kept file while an import writes it
UNIT_COLUMNS = ("commune_code", "province_code", "commune_name")


def kept_path(snapshot: Path) -> Path:
    return Path(f"{snapshot}{SUFFIX}")


@functools.cache
def _sql(name: str) -> str:
    """queries/reference/NAME.sql (not through kpi.db, which would load DuckDB into every import)."""
    return (config.QUERIES_DIR / "reference" / f"{name}.sql").read_text(encoding="utf-8")


# --- from the snapshot (DuckDB: loaded by the processes that write the kept file, not by every import) ----------


def _snapshot_rows(snapshot: Path, communes: list[str] | None, *, catalogue: bool) -> dict[str, list[dict]]:
    """The kept file's rows, read from the snapshot: every commune's (communes None) or those of `communes` (none
    for an empty list: no query, where `reported` would be read for nothing); catalogue: the indicators and units."""
    from kpi.db import connect, rows

    evidence = sorted(EVIDENCE_REQUIRED if communes is None else set(EVIDENCE_REQUIRED) & set(communes))
    with connect(snapshot) as con:
        found = {"history": rows(con, "reference_history", communes=communes),
                 "next_target": rows(con, "reference_targets", communes=evidence)} if communes != [] else {}
        if catalogue:
            found["indicator"] = rows(con, "indicators", group=None)
            found["unit"] = rows(con, "units", province=None)
    return found


# --- writing the kept file ------------------------------------------------------------------------------------


def _write(dest: Path, fill: Callable[[sqlite3.Connection], None], base: Path | None = None) -> None:
    """Write dest atomically: a temporary file (a copy of base, if given) filled, then renamed into place."""
    fd, tmp = tempfile.mkstemp(prefix=f"{dest.name}.writing-", dir=dest.parent)  # a leftover goes as others do
    os.close(fd)
    try:
        os.chmod(tmp, 0o644)  # readable by whoever reads the snapshot beside it
        if base is not None:
            shutil.copyfile(base, tmp)
        con = sqlite3.connect(tmp)
        try:
            con.execute("PRAGMA journal_mode = OFF")  # the file is renamed into place only once complete
            fill(con)
            con.commit()
        finally:
            con.close()
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _insert(con: sqlite3.Connection, found: dict[str, list[dict]]) -> None:
    for table, items in found.items():
        con.executemany(_sql(f"{table}_insert"), items)


def _write_full(snapshot: Path) -> None:
    found = _snapshot_rows(snapshot, None, catalogue=True)

    def fill(con: sqlite3.Connection) -> None:
        con.executescript(_sql("schema"))
        _insert(con, found)

    _write(kept_path(snapshot), fill)


def _write_patched(snapshot: Path, base: Path, communes: list[str]) -> None:
    found = _snapshot_rows(snapshot, communes, catalogue=False)

    def fill(con: sqlite3.Connection) -> None:
        for table in ("history", "next_target"):
            con.execute(_sql(f"{table}_delete"), {"communes": json.dumps(communes)})
        _insert(con, found)

    _write(kept_path(snapshot), fill, base=base)


def keep(snapshot: Path, previous: Path | None = None, communes: Iterable[str] | None = None) -> None:
    """Write the kept file of a snapshot just published, by its writer under the snapshot lease (no cleanup
    removes the snapshot meanwhile): previous, the snapshot it replaced, and communes, the only ones whose values
    or targets differ from it (a publication's rescored communes; an empty set for a compaction): their rows are
    patched into a copy of previous's file. Without them (a build), or if that file cannot be read, in full.
    Best effort: an import writes it if this could not."""
    import duckdb

    with contextlib.suppress(OSError, sqlite3.Error, duckdb.Error):
        base = kept_path(previous) if previous is not None else None
        if communes is not None and base is not None and _readable(base):
            try:
                _write_patched(snapshot, base, sorted(communes))
                return
            except sqlite3.Error:
                pass
        _write_full(snapshot)


@contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    """One process at a time writes a snapshot's kept file; the others wait for it and then read it."""
    with open(f"{path}{LOCK}", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


# --- reading it -------------------------------------------------------------------------------------------------


def _open(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?immutable=1", uri=True)  # never changes once in place: no locking


def _readable(path: Path) -> bool:
    if not path.is_file():
        return False
    try:
        with contextlib.closing(_open(path)) as con:
            con.execute(_sql("indicators")).fetchone()
        return True
    except sqlite3.Error:
        return False


def _ready(snapshot: Snapshot) -> Path | None:
    """The snapshot's kept file, written now if it is missing or damaged; None: read the snapshot instead (a
    plain database file, a folder that cannot be written)."""
    if snapshot.seq == 0:
        return None
    path = kept_path(snapshot.path)
    if _readable(path):
        return path
    import duckdb

    try:
        with _exclusive(path):
            if not _readable(path):
                _write_full(snapshot.path)
        return path
    except (OSError, sqlite3.Error, duckdb.Error):
        return None


def _frame(cur: sqlite3.Cursor, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(cur.fetchall(), schema=schema, orient="row")


def reference(db: Path, today: date) -> Reference:
    """The published snapshot's catalogue and units, as kpi.importer.check wants them."""
    snapshot = current(db)
    path = _ready(snapshot)
    schema = dict.fromkeys(UNIT_COLUMNS, pl.String)
    if path is None:
        found = _snapshot_rows(snapshot.path, [], catalogue=True)
        indicators = [(r["indicator_code"], r["lower_bound"], r["upper_bound"], r["unit"], r["kind"]) for r in found["indicator"]]
        units = pl.DataFrame({c: [u[c] for u in found["unit"]] for c in UNIT_COLUMNS}, schema=schema)
    else:
        with contextlib.closing(_open(path)) as con:
            indicators = con.execute(_sql("indicators")).fetchall()
            units = _frame(con.execute(_sql("units")), schema)
    context = {"indicators": {code: (lower, upper, unit, kind) for code, lower, upper, unit, kind, *_ in indicators},
               "communes": set(units["commune_code"]), "today": today}
    return Reference(context, units)


def known(db: Path, keys: pl.DataFrame, units: pl.DataFrame) -> pl.DataFrame:
    """What every key of an import (commune_code, indicator_code, period_end) is checked against
    (kpi.entry.checks.known's columns), from the snapshot's kept file; units: commune_code, province_code."""
    keys = keys.join(units.select("commune_code", "province_code"), on="commune_code", how="left")
    snapshot = current(db)
    path = _ready(snapshot)
    if path is None:
        return _known_from_snapshot(snapshot.path, keys, units)
    with contextlib.closing(_open(path)) as con:
        def read(name: str, pairs: list) -> pl.DataFrame:
            return _frame(con.execute(_sql(name), {"pairs": json.dumps(pairs)}), checks.HISTORY)

        own = read("history_of", keys.select("indicator_code", "commune_code").unique().rows())
        evidence = sorted(set(EVIDENCE_REQUIRED) & set(keys["commune_code"]))
        targets = _frame(con.execute(_sql("next_targets_of"), {"communes": json.dumps(evidence)}), checks.TARGETS)
        directions = {r[0]: r[5] for r in con.execute(_sql("indicators"))}
        return checks.known(keys, own, lambda pairs: read("history_of_provinces", pairs), targets, directions)


def _known_from_snapshot(snapshot: Path, keys: pl.DataFrame, units: pl.DataFrame) -> pl.DataFrame:
    """known() from the snapshot itself: the values of every commune of the keys' provinces, read at once."""
    provinces = set(keys["province_code"].drop_nulls())
    communes = units.filter(pl.col("province_code").is_in(provinces))["commune_code"].to_list()
    found = _snapshot_rows(snapshot, communes, catalogue=True)
    directions = {r["indicator_code"]: r["direction"] for r in found["indicator"]}
    history = pl.DataFrame(found["history"], schema=checks.HISTORY)
    targets = pl.DataFrame(found["next_target"], schema=checks.TARGETS)

    def spread(pairs: list) -> pl.DataFrame:
        return history.join(pl.DataFrame(pairs, schema=["indicator_code", "province_code"], orient="row"),
                            on=["indicator_code", "province_code"])

    return checks.known(keys, history, spread, targets, directions)
