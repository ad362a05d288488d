"""Snapshots that travel: a host that does not publish gets each snapshot the publisher's host publishes.

The publisher's host writes, after each link swap, a pointer beside its snapshots (LATEST.json: the file's
name, sha256, size, published_through, published_at; kpi.store.snapshots). Another host reads that pointer
from a folder (a mounted share) or over http(s) (the same folder served by any static web server), and if it
names a snapshot this host does not have: downloads the file beside its own snapshots, checks size and sha256,
and publishes it with the same link swap and cleanup as the publisher. A download that is cut short or does
not match is removed and nothing is published. Syncs on one host take turns (an flock in its snapshot
folder); the two hosts share no lock. `python -m kpi sync --from DIR|URL [--watch]`.
"""

from __future__ import annotations

import fcntl
import hashlib
import http.client
import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kpi.i18n import Msg, Num, msg
from kpi.store import reference
from kpi.store.snapshots import POINTER, Pointer, cleanup, current, publish, read_pointer, snapshot_dir

INTERVAL = float(os.environ.get("KPI_SYNC_INTERVAL", "5"))  # seconds between looks at the pointer (--watch)
CHUNK = 1 << 20
TIMEOUT = 30.0  # seconds a network read may stall


class SyncError(Exception):
    """Nothing was published; the message says why, in Vietnamese then English."""


@dataclass(frozen=True)
class Synced:
    pointer: Pointer  # what the source publishes
    fetched: bool  # False: this host had it already
    seconds: float
    path: Path  # this host's published snapshot


def _is_url(source: str) -> bool:
    return urllib.parse.urlsplit(source).scheme in ("http", "https")


def _folders(source: str) -> list[str]:
    """Where LATEST.json may be: the folder (or URL) as given, then its .kpi.duckdb.snapshots/ (a data/ folder)."""
    inner = snapshot_dir(Path("kpi.duckdb")).name
    if _is_url(source):
        base = source.rstrip("/") + "/"
        return [base, f"{base}{inner}/"]
    return [source, str(Path(source) / inner)]


@contextmanager
def _open(folder: str, name: str) -> Iterator[BinaryIO]:
    where = urllib.parse.urljoin(folder, name) if _is_url(folder) else str(Path(folder) / name)
    try:
        stream = urllib.request.urlopen(where, timeout=TIMEOUT) if _is_url(folder) else open(where, "rb")  # noqa: SIM115
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            raise SyncError(_missing(where, name)) from None
        raise SyncError(msg("sync.http", where=where, code=exc.code, reason=exc.reason)) from None
    except FileNotFoundError:
        raise SyncError(_missing(where, name)) from None
    except (urllib.error.URLError, OSError) as exc:
        raise SyncError(_unreadable(where, exc)) from None
    with stream:
        yield stream


def _read(stream: BinaryIO, where: str) -> bytes:
    try:
        return stream.read(CHUNK)
    except (OSError, http.client.HTTPException) as exc:  # a connection cut short (IncompleteRead), a share gone
        raise SyncError(_unreadable(where, exc)) from None


def _unreadable(where: str, exc: Exception) -> Msg:
    reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or repr(exc)
    return msg("sync.unreadable", where=where, reason=str(reason))


def _missing(where: str, name: str) -> Msg:
    return msg("sync.nothing_published" if name == POINTER else "sync.superseded", where=where)


def read_source(source: str) -> tuple[str, Pointer]:
    """The folder (or URL) holding the source's pointer, and the pointer."""
    outer, inner = _folders(source)
    try:
        return outer, _pointer_at(outer)
    except SyncError as exc:
        try:
            return inner, _pointer_at(inner)
        except SyncError:
            raise exc from None  # what is wrong with the folder as given


def _pointer_at(folder: str) -> Pointer:
    with _open(folder, POINTER) as f:
        text = _read(f, POINTER).decode("utf-8", errors="replace")
    try:
        return Pointer.parse(text)
    except (ValueError, KeyError, TypeError) as exc:
        raise SyncError(msg("sync.bad_pointer", pointer=POINTER, folder=folder, why=str(exc))) from None


@contextmanager
def _turn(db: Path) -> Iterator[None]:
    """One sync at a time on this host (a live one's download would look like a killed writer's leftover)."""
    folder = snapshot_dir(db)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".sync.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def sync(db: Path, source: str, *, stop: Callable[[], bool] = lambda: False) -> Synced:
    """Publish on db the snapshot the source publishes, unless db has it already. Raises SyncError."""
    db = Path(os.path.abspath(db))
    started = time.perf_counter()
    folder, pointer = read_source(source)
    with _turn(db):
        mine = read_pointer(db)
        if mine is not None and mine.sha256 == pointer.sha256:
            return Synced(pointer, False, time.perf_counter() - started, current(db).path)
        cleanup(db)  # what a killed sync left
        work = snapshot_dir(db) / f"sync.writing-{os.getpid()}.duckdb"
        try:
            _download(folder, pointer, work, db, stop)
            published = publish(db, work, sha256=pointer.sha256)
        finally:
            work.unlink(missing_ok=True)
        seconds = time.perf_counter() - started  # the pages read the new snapshot from here on
        cleanup(db)
        reference.keep(published.path)  # what this host's imports check against, written here rather than by the first
    return Synced(pointer, True, seconds, published.path)


def _download(folder: str, pointer: Pointer, work: Path, db: Path, stop: Callable[[], bool]) -> None:
    digest = hashlib.sha256()
    got = 0
    with _open(folder, pointer.snapshot) as source, open(work, "wb") as out:
        while chunk := _read(source, pointer.snapshot):
            if stop():
                raise SyncError(msg("sync.stopped"))
            digest.update(chunk)
            out.write(chunk)
            got += len(chunk)
    keeps = _keeps(db)
    if got != pointer.size:
        raise SyncError(msg("sync.incomplete", snapshot=pointer.snapshot, got=Num(got), size=Num(pointer.size), keeps=keeps))
    if digest.hexdigest() != pointer.sha256:
        raise SyncError(msg("sync.sha256", snapshot=pointer.snapshot, expected=pointer.sha256, got=digest.hexdigest(),
                            keeps=keeps))


def _keeps(db: Path) -> Msg:
    try:
        return msg("sync.keeps", db=str(db), name=current(db).path.name)
    except FileNotFoundError:
        return msg("sync.no_snapshot", db=str(db))


def watch(db: Path, source: str, interval: float, stop: threading.Event,
          on_sync: Callable[[Synced], None], on_error: Callable[[SyncError], None]) -> None:
    """Sync, then look again every `interval` seconds until stop is set (a download under way is abandoned)."""
    while not stop.is_set():
        try:
            done = sync(db, source, stop=stop.is_set)
            if done.fetched:
                on_sync(done)
        except SyncError as exc:
            if not stop.is_set():
                on_error(exc)
        stop.wait(interval)
