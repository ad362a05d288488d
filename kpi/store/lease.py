"""One snapshot writer at a time (the publisher, a build), coordinated through the store of record itself,
not an flock, so that the rule holds wherever the store is shared:

* SQLite: a lease row (`publisher_lease`) taken and renewed in write transactions. The holder renews it every
  few seconds while it works; a holder that dies stops renewing and its lease runs out after TTL seconds (on
  the same machine, a waiter sees at once that its process is gone).
* PostgreSQL (KPI_RECORDS_URL): a session advisory lock (pg_try_advisory_lock) on a connection of its own,
  held while the writer works. It needs no renewing and no TTL: the server lets go of it the moment that
  connection closes, whether the holder is done, killed, or on a machine that dropped off the network.

A holder checks it still holds the lease right before it publishes (on PostgreSQL: its session is alive and
still holds the lock, so a server restarted meanwhile publishes nothing)."""

from __future__ import annotations

import os
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path

from kpi import records


class WriterBusy(Exception):
    """Another snapshot writer held the lease for longer than this one was willing to wait."""


TTL = float(os.environ.get("KPI_LEASE_TTL", "30"))
NAME = "snapshot"
ADVISORY_KEY = 0x4B504910  # PostgreSQL's advisory lock key of the snapshot lease (per database)


def _me(purpose: str) -> str:
    """This holder, told apart from any other (two leases asked for in one process are two holders)."""
    return (f"{purpose} (pid {os.getpid()} on {socket.gethostname()}, since {datetime.now():%H:%M:%S}, "
            f"#{secrets.token_hex(4)})")


def _gone(holder: str) -> bool:
    """Whether the holder is a process of this machine that no longer exists."""
    try:
        pid = int(holder.split("(pid ", 1)[1].split(" ", 1)[0])
        host = holder.split(" on ", 1)[1].split(",", 1)[0]
    except (IndexError, ValueError):
        return False
    if host != socket.gethostname():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def holder(db: Path) -> str:
    """Who holds the lease now ("" if nobody)."""
    if records.url() is not None:
        with closing(records.session("kpi lease")) as con:
            row = records.one(con, "lease_holder", key=ADVISORY_KEY)
        return row[0] if row else ""
    with records.read_only(db) as con:
        if con is None:
            return ""
        row = records.one(con, "lease_get", lease=NAME)
    return row[0] if row and row[1] > time.time() else ""


class Lease:
    def __init__(self, db: Path, me: str) -> None:
        self.db, self.me = db, me
        self._stop = threading.Event()
        self._lost = threading.Event()
        self._thread = threading.Thread(target=self._renew, name="lease", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _try(self) -> str | None:
        """Take the lease if free, expired or left by a dead process; None if taken, else the other holder."""
        with records.connect(self.db) as con, records.transaction(con):
            row = records.one(con, "lease_get", lease=NAME)
            if row is not None and row[0] != self.me and row[1] > time.time() and not _gone(row[0]):
                return row[0]
            records.execute(con, "lease_put", lease=NAME, holder=self.me, expires_at=time.time() + TTL)
        return None

    def _renew(self) -> None:
        while not self._stop.wait(TTL / 4):
            try:
                with records.connect(self.db) as con, records.transaction(con):
                    renewed = records.execute(con, "lease_renew", lease=NAME, holder=self.me, expires_at=time.time() + TTL)
                if not renewed:
                    self._lost.set()
                    return
            except Exception:  # a busy store: try again at the next beat; the lease lasts TTL
                continue

    def held(self) -> bool:
        """Still ours: renewed on time and not taken over."""
        if self._lost.is_set():
            return False
        with records.read_only(self.db) as con:
            row = records.one(con, "lease_get", lease=NAME) if con else None
        return bool(row) and row[0] == self.me and row[1] > time.time()

    def release(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        with records.connect(self.db) as con, records.transaction(con):
            records.execute(con, "lease_release", lease=NAME, holder=self.me)


class AdvisoryLease:
    """The lease on PostgreSQL: a session advisory lock held by a connection of this holder's own, named after
    it (application_name) so that a waiter can say who holds it."""

    def __init__(self, me: str) -> None:
        self.me = me
        self._con: records.Connection | None = None

    def _try(self) -> str | None:
        if self._con is None:
            self._con = records.session(self.me)
        [(taken,)] = records.execute(self._con, "lease_try", key=ADVISORY_KEY)
        if taken:
            return None
        row = records.one(self._con, "lease_holder", key=ADVISORY_KEY)
        return row[0] if row else "another publisher (gone meanwhile)"

    def held(self) -> bool:
        """Still ours: the session is alive and holds the lock (a restarted server dropped both)."""
        try:
            row = records.one(self._con, "lease_holder", key=ADVISORY_KEY) if self._con else None
        except records.ERRORS:
            return False
        return bool(row) and bool(row[1])

    def start(self) -> None:  # nothing to renew: the lock lasts as long as the session
        pass

    def release(self) -> None:
        if self._con is None:
            return
        try:
            records.execute(self._con, "lease_unlock", key=ADVISORY_KEY)
        except records.ERRORS:  # the session is gone already, and the lock with it
            pass
        finally:
            self._con.close()
            self._con = None

    def __del__(self) -> None:
        if self._con is not None:
            self._con.close()


@contextmanager
def lease(db: Path, purpose: str, *, timeout: float, on_wait: Callable[[str], None] | None = None) -> Iterator[Lease]:
    """Hold the snapshot lease of db for the block, waiting up to timeout seconds (WriterBusy after that)."""
    held: Lease | AdvisoryLease = AdvisoryLease(_me(purpose)) if records.url() is not None else Lease(Path(db), _me(purpose))
    deadline = time.monotonic() + timeout
    told = False
    try:
        while (other := held._try()) is not None:
            if not told and on_wait is not None:
                on_wait(other)
                told = True
            if time.monotonic() >= deadline:
                raise WriterBusy(other)
            time.sleep(0.2)
    except BaseException:
        if isinstance(held, AdvisoryLease):
            held.release()  # its session: closed, not left to the garbage collector
        raise
    held.start()
    try:
        yield held
    finally:
        held.release()
