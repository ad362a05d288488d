"""Published snapshots: where they live, which one is current, publishing and cleaning up.

`db` (e.g. data/kpi.duckdb) is a symbolic link to `.kpi.duckdb.snapshots/NNNNNN-STAMP.duckdb`.
A plain file at `db` (a database built before snapshots existed) is read as snapshot 0 and
replaced by a link at the next publish.
"""

from __future__ import annotations

import fcntl
import os
import re
import struct
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

_NAME = re.compile(r"^(\d{6})-\d{8}T\d{12}\.duckdb$")
# Temporary files of writers (ours, and the build's before snapshots existed); a killed writer leaves them.
_TEMPORARY = ("*.writing-*", "*.building-*", "*.link-*")


def snapshot_dir(db: Path) -> Path:
    return db.with_name(f".{db.name}.snapshots")


@dataclass(frozen=True)
class Snapshot:
    path: Path  # the immutable file readers open
    seq: int  # 1, 2, 3 … in publishing order (0: a plain database file)

    @property
    def id(self) -> str:
        return self.path.stem if self.seq else f"0-{self.path.name}"


def _seq(path: Path) -> int:
    match = _NAME.match(path.name)
    return int(match.group(1)) if match else 0


def current(db: Path) -> Snapshot:
    """The published snapshot of db. Raises FileNotFoundError if nothing has been published."""
    path = Path(db).resolve()  # follows the link: each snapshot has a path of its own
    if not path.is_file():
        raise FileNotFoundError(f"no database at {db}: run `python -m kpi build` first")
    return Snapshot(path, _seq(path))


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(db: Path, ready: Path) -> Snapshot:
    """Make the closed, complete DuckDB file `ready` the published snapshot of db, atomically.

    Call it holding the snapshot lease. Readers that resolve db afterwards open the new snapshot;
    those that resolved it before keep reading the old one until they let go."""
    folder = snapshot_dir(db)
    try:
        seq = current(db).seq + 1
    except FileNotFoundError:
        seq = 1
    seq = max([seq, *(_seq(p) + 1 for p in folder.glob("*.duckdb"))])
    final = folder / f"{seq:06d}-{datetime.now(UTC):%Y%m%dT%H%M%S%f}.duckdb"
    _fsync(ready)
    os.replace(ready, final)
    link = db.with_name(f".{db.name}.link-{os.getpid()}")
    link.unlink(missing_ok=True)
    link.symlink_to(final.relative_to(db.parent))
    os.replace(link, db)  # the atomic step: db now names the new snapshot
    _fsync(folder)
    _fsync(db.parent)
    return Snapshot(final.resolve(), seq)


def _in_use(path: Path) -> bool:
    """True if any process holds the file open through DuckDB (which takes a POSIX read lock on it).

    An open-file-description lock conflicts with those locks, even ones this very process holds."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.fcntl(fd, fcntl.F_OFD_SETLK, struct.pack("hhqqi", fcntl.F_WRLCK, 0, 0, 0, 0))
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def cleanup(db: Path) -> list[Path]:
    """Remove what killed writers left and the superseded snapshots no process reads any more.

    Call it holding the snapshot lease (temporary files of a live writer would look like leftovers
    otherwise). Returns the files removed."""
    removed: list[Path] = []
    folder = snapshot_dir(db)
    for pattern in _TEMPORARY:
        for leftover in [*folder.glob(pattern), *db.parent.glob(f".{db.name}{pattern[1:]}")]:
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
    try:
        now = current(db).seq
    except FileNotFoundError:
        return removed
    for old in folder.glob("*.duckdb"):
        if 0 < _seq(old) < now and not _in_use(old):
            old.unlink(missing_ok=True)
            Path(f"{old}.wal").unlink(missing_ok=True)
            Path(f"{old}.reference.json").unlink(missing_ok=True)  # kpi.store.reference
            removed.append(old)
    return removed
