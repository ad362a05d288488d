"""Published snapshots: where they live, which one is current, publishing and cleaning up.

`db` (e.g. data/kpi.duckdb) is a symbolic link to `.kpi.duckdb.snapshots/NNNNNN-STAMP.duckdb`.
A plain file at `db` (a database built before snapshots existed) is read as snapshot 0 and
replaced by a link at the next publish.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import struct
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

_NAME = re.compile(r"^(\d{6})-\d{8}T\d{12}\.duckdb$")
# Temporary files of writers (ours, and the build's before snapshots existed); a killed writer leaves them.
_TEMPORARY = ("*.writing-*", "*.building-*", "*.link-*")
POINTER = "LATEST.json"  # in the snapshot folder: which snapshot is published, for hosts that sync it (kpi.store.sync)


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


def publish(db: Path, ready: Path, *, sha256: str | None = None) -> Snapshot:
    """Make the closed, complete DuckDB file `ready` the published snapshot of db, atomically, then write the
    pointer naming it (LATEST.json, last: a host that syncs never sees a pointer to a file not yet there).

    Call it holding the snapshot lease. Readers that resolve db afterwards open the new snapshot;
    those that resolved it before keep reading the old one until they let go. sha256: the file's, if known."""
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
    write_pointer(folder, Pointer.of(final, sha256))
    return Snapshot(final.resolve(), seq)


@dataclass(frozen=True)
class Pointer:
    """What LATEST.json says: the published snapshot's file name, its sha256 and size, and what it holds."""

    snapshot: str
    sha256: str
    size: int
    published_through: int
    published_at: str

    @classmethod
    def of(cls, path: Path, sha256: str | None = None) -> Pointer:
        import duckdb

        from kpi.db import build_info

        con = duckdb.connect(str(path), read_only=True)
        try:
            info = build_info(con)
        finally:
            con.close()
        return cls(path.name, sha256 or file_sha256(path), path.stat().st_size, int(info.get("published_through", "0")),
                   info.get("published_at") or info.get("built_at", ""))

    @classmethod
    def parse(cls, text: str) -> Pointer:
        """Raises ValueError saying what is wrong."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        pointer = cls(str(data["snapshot"]), str(data["sha256"]).lower(), int(data["size"]),
                      int(data["published_through"]), str(data["published_at"]))
        if not _NAME.match(pointer.snapshot):  # a bare file name of ours: never a path elsewhere
            raise ValueError(f"snapshot {pointer.snapshot!r} is not a snapshot file name")
        if not re.fullmatch(r"[0-9a-f]{64}", pointer.sha256):
            raise ValueError(f"sha256 {pointer.sha256!r} is not 64 hex digits")
        return pointer


def file_sha256(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def write_pointer(folder: Path, pointer: Pointer) -> None:
    """Replace folder/LATEST.json atomically (a temporary file renamed over it)."""
    temporary = folder / f"{POINTER}.writing-{os.getpid()}"
    temporary.write_text(json.dumps(asdict(pointer), indent=1) + "\n", encoding="utf-8")
    _fsync(temporary)
    os.replace(temporary, folder / POINTER)
    _fsync(folder)


def read_pointer(db: Path) -> Pointer | None:
    """This host's pointer, if it names the snapshot db links to now (else None: unknown)."""
    try:
        pointer = Pointer.parse((snapshot_dir(db) / POINTER).read_text(encoding="utf-8"))
        return pointer if current(db).path.name == pointer.snapshot else None
    except (OSError, ValueError, KeyError):
        return None


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
            for kept in (f"{old}.reference.sqlite3", f"{old}.reference.sqlite3.lock"):  # kpi.store.reference
                Path(kept).unlink(missing_ok=True)
            removed.append(old)
    return removed
