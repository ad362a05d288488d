"""The writer lock: one writer at a time per database, queued, with a timeout and a clear message.

An flock on `.kpi.duckdb.lock` beside the database. The kernel releases it when the holder exits,
however it exits, so a killed writer never leaves the lock taken. The holder writes who it is into
the file, so a writer that has to wait can say what it is waiting for.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path


class WriterBusy(Exception):
    """Another writer held the lock for longer than this writer was willing to wait."""


def lock_path(db: Path) -> Path:
    return db.with_name(f".{db.name}.lock")


def holder(db: Path) -> str:
    """Who holds (or last held) the writer lock, e.g. 'import (pid 4242, since 18:30:02)'."""
    try:
        text = lock_path(db).read_text(encoding="utf-8").strip()
    except OSError:
        return ""
    return text


@contextmanager
def writer_lock(
    db: Path, purpose: str, *, timeout: float, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the exclusive writer lock of db for the block; wait up to timeout seconds for it.

    on_wait is called once, with the holder's description, if the lock is taken when we ask."""
    db.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(db), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        waited = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not waited and on_wait is not None:
                    on_wait(holder(db))
                waited = True
                if time.monotonic() >= deadline:
                    raise WriterBusy(
                        f"chờ quá {timeout:g} giây mà {holder(db) or 'một tiến trình khác'} vẫn đang ghi cơ sở dữ liệu; "
                        f"thử lại sau / waited {timeout:g} s for the writer lock of {db.name}, still held by "
                        f"{holder(db) or 'another process'}; try again later"
                    ) from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{purpose} (pid {os.getpid()}, {datetime.now().astimezone():%Y-%m-%d %H:%M:%S})".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the flock
