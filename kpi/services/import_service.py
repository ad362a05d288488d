"""The import service: a warm process that imports report files for `python -m kpi import` (its client,
kpi.services.import_client), many at once in one store transaction (group commit).

A hundred imports at once from a hundred processes each paid a Python start (polars and the rest) and a cold
first import, and waited for each other's SQLite lock; here one process, its modules loaded and the published
snapshot's reference read once per snapshot, checks every queued request (kpi.services.values.check_files each,
then check_entry against one read of what is known of the whole group's keys, then settle_import on one read of
the store: check_import's steps) and writes all that passed in ONE transaction, each inside its own
savepoint (kpi.records.savepoint: a failing write is undone alone, the others kept), and answers each only after
the commit. The steps are import_files' own: the same checks, the same batch, audit row and change row per import.

The socket is beside the database (import_client.socket_path), mode 0600, and a peer of another user is refused
(SO_PEERCRED): the service imports as its own user does, and as the account the request names (--as). Started by
`python -m kpi serve` beside the publisher, or alone by `python -m kpi import-service`; a client with no service
to answer it imports in its own process. If the service dies mid-group its transaction dies with it (nothing
half-written) and its clients say so."""

from __future__ import annotations

import base64
import json
import os
import queue
import signal
import socket
import struct
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from kpi import config, records
from kpi.accounts import AccessDenied, Actor, users
from kpi.i18n import Msg
from kpi.importer import ImportFileError, ImportResult, Reference
from kpi.intake.limits import Limits
from kpi.records.store import BUSY_MS
from kpi.services import values
from kpi.services.import_client import socket_path
from kpi.store.reference import reference
from kpi.store.snapshots import current

GROUP = 200  # requests at most in one transaction
BACKLOG = 512  # connections the kernel holds before the service accepts them


class AlreadyServed(Exception):
    """Another import service answers on the database's socket already."""


@dataclass(eq=False)
class Request:
    conn: socket.socket
    data: dict
    deadline: float  # when its write stops waiting for the store's lock (its --wait, from its arrival)
    answer: dict | None = None
    prepared: values.Prepared | None = None
    settled: object = None
    result: ImportResult | None = field(default=None, repr=False)


class References:
    """The published snapshot's reference (kpi.store.reference.reference), read once per snapshot and day."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._ref: Reference | None = None

    def get(self, db: Path, today: date) -> Reference:
        path = current(db).path
        stat = path.stat()  # a plain database file rebuilt in place keeps its path: its time tells
        key = (path, stat.st_mtime_ns, stat.st_size, today)
        if key != self._key or self._ref is None:
            self._ref, self._key = reference(db, today), key
        return self._ref


def _message(exc: BaseException) -> object:
    said = exc.args[0] if exc.args else str(exc)
    return said.data() if isinstance(said, Msg) else str(exc)


def _actor(db: Path, as_email: str | None) -> Actor | None:
    """Who writes, by kpi.cli.common.actor's rules: the administrator at the server, or the account --as names."""
    if as_email is None:
        return Actor.server_admin()
    return users.actor_of(db, users.normalise(as_email, "--as"))


def check(db: Path, group: list[Request], refs: References) -> None:
    """The group's checks before the store: each request's files (values.check_files), then the checks at entry
    of all of them against one read of what is known of their keys (kpi.store.reference.known, the cost of an
    import's checks); req.prepared, or its answer."""
    from kpi.store.reference import known

    checked = []
    for req in group:
        files = _guarded(req, lambda req=req: _files(db, req, refs))
        if files is not None and not files.result.ok:
            req.answer = done(files.result)
        elif files is not None:
            checked.append((req, files))
    frames = [files.frame for _, files in checked if files.frame.height]
    if not frames:
        known_rows = None
    else:
        keys = pl.concat([f.select("commune_code", "indicator_code", "period_end") for f in frames]).unique()
        known_rows = known(db, keys, checked[0][1].ref.units)
    for req, files in checked:
        evidence = {name: base64.b64decode(text) for name, text in (req.data.get("evidence") or {}).items()}
        found = _guarded(req, lambda files=files, evidence=evidence: values.check_entry(files, evidence=evidence,
                                                                                     known_rows=known_rows))
        if isinstance(found, ImportResult):
            req.answer = done(found)
        elif found is not None:
            req.prepared = found


def _files(db: Path, req: Request, refs: References) -> values.FilesChecked | None:
    actor = _actor(db, req.data.get("as"))
    if actor is None:
        req.answer = {"status": "no_account", "email": req.data.get("as")}
        return None
    today = config.today()
    return values.check_files(db, actor, [Path(f) for f in req.data["files"]], dry_run=bool(req.data.get("dry_run")),
                              today=today, limits=Limits.from_env(), ref=refs.get(db, today))


def _guarded(req: Request, step: Callable[[], object]) -> Any:
    """A step of one request's checks; its refusal or failure is its answer (None returned), never the service's end."""
    from kpi.accounts.identity import LookAlike

    try:
        return step()
    except (AccessDenied, LookAlike) as exc:
        req.answer = {"status": "denied", "message": _message(exc)}
    except ImportFileError as exc:
        req.answer = {"status": "file_error", "message": _message(exc)}
    except Exception as exc:
        traceback.print_exc(file=sys.stderr)
        req.answer = {"status": "store_error", "why": f"{type(exc).__name__}: {exc}"}
    return None


def done(result: ImportResult) -> dict:
    return {"status": "done", "result": result.data()}


def run_group(db: Path, group: list[Request], refs: References) -> None:
    """Check every request of the group, settle those that passed on one read of the store, then write all that
    may be written in one transaction (each in its own savepoint); every request gets its answer (req.answer),
    the written ones only once the transaction has committed."""
    check(db, group, refs)
    waiting = [r for r in group if r.prepared is not None]
    if not waiting:
        return
    try:
        with records.connect(db) as con:
            writes = []
            for req in waiting:
                try:
                    req.settled = values.settle_import(con, req.prepared)
                except AccessDenied as exc:  # the account's role or scope as stored now
                    req.answer = {"status": "denied", "message": _message(exc)}
                    continue
                result = req.settled.result
                if req.prepared.checked.dry_run or not result.ok:
                    req.answer = done(result)
                else:
                    writes.append(req)
            while writes:
                writes = _write(con, writes)
    except Exception as exc:  # the store failed the whole group: each told, nothing written
        traceback.print_exc(file=sys.stderr)
        for req in waiting:
            if req.answer is None:
                req.answer = _store_failed(db, exc)


def _write(con: records.Connection, writes: list[Request]) -> list[Request]:
    """One transaction for these writes; returns those to try again (the lock was busy, their wait not over)."""
    wait = max(0.0, min(r.deadline for r in writes) - time.monotonic())
    written: list[tuple[Request, ImportResult]] = []
    failed: list[tuple[Request, dict]] = []
    try:
        with records.transaction(con, wait):
            for req in writes:
                try:
                    with records.savepoint(con):
                        written.append((req, values.write_import(con, req.prepared, req.settled)))
                except AccessDenied as exc:
                    failed.append((req, {"status": "denied", "message": _message(exc)}))
                except Exception as exc:  # this write undone alone (its savepoint), the others go on
                    if isinstance(exc, records.ERRORS) and records.busy(exc):
                        raise
                    traceback.print_exc(file=sys.stderr)
                    failed.append((req, {"status": "store_error", "why": str(exc)}))
    except records.ERRORS as exc:
        if not records.busy(exc):
            raise
        now = time.monotonic()
        for req in writes:
            if req.deadline <= now + 0.001:
                req.answer = _store_failed(req.prepared.db, exc, waited=req.data.get("wait"))
        return [r for r in writes if r.answer is None]
    for req, result in written:  # committed
        req.answer = done(result)
    for req, answer in failed:
        req.answer = answer
    return []


def _store_failed(db: Path, exc: Exception, waited: float | None = None) -> dict:
    if records.busy(exc):
        store = records.path_for(db).name if records.url() is None else records.where(db)
        return {"status": "busy", "waited": f"{waited if waited is not None else BUSY_MS / 1000:g}", "store": store}
    return {"status": "store_error", "why": str(exc)}


def _answer(req: Request) -> None:
    try:
        req.conn.sendall(json.dumps(req.answer or {"status": "store_error", "why": "?"}).encode("utf-8") + b"\n")
    except OSError:
        pass  # the client is gone: what it asked is done (or not) all the same
    finally:
        req.conn.close()


def _peer_uid(conn: socket.socket) -> int:
    _pid, uid, _gid = struct.unpack("3i", conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i")))
    return uid


def _receive(conn: socket.socket, arrived: float, into: queue.Queue) -> None:
    """Read one request line from a client (its own thread: a slow client holds up no other) and queue it."""
    try:
        if _peer_uid(conn) != os.getuid():
            conn.sendall(b'{"status": "peer"}\n')
            conn.close()
            return
        conn.settimeout(60)
        parts = []
        while not (parts and parts[-1].endswith(b"\n")):
            chunk = conn.recv(1 << 20)
            if not chunk:
                conn.close()
                return
            parts.append(chunk)
        data = json.loads(b"".join(parts))
        conn.settimeout(None)
    except (OSError, ValueError):
        conn.close()
        return
    wait = data.get("wait")
    into.put(Request(conn, data, arrived + (BUSY_MS / 1000 if wait is None else float(wait))))


def _drain(db: Path, into: queue.Queue) -> None:
    """The one worker: every queued request (up to GROUP) as one group, then the next."""
    refs = References()
    while True:
        first = into.get()
        if first is None:
            return
        group = [first]
        ending = False
        while len(group) < GROUP:
            try:
                more = into.get_nowait()
            except queue.Empty:
                break
            if more is None:
                ending = True
                break
            group.append(more)
        try:
            run_group(db, group, refs)
        finally:
            for req in group:
                _answer(req)
        if ending:
            return


def listen(db: Path) -> socket.socket:
    """The service's listening socket at socket_path(db), mode 0600; a socket file left by a service that is gone
    is replaced. Raises AlreadyServed if another service answers there."""
    path = socket_path(db)
    if path.exists():
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            probe.connect(str(path))
        except OSError:
            path.unlink(missing_ok=True)  # stale
        else:
            raise AlreadyServed(str(path))
        finally:
            probe.close()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    fresh = path.with_name(f"{path.name}.{os.getpid()}")  # listening before its name appears: never refused there
    old = os.umask(0o177)  # created 0600: no moment when another user could connect
    try:
        server.bind(str(fresh))
    finally:
        os.umask(old)
    os.chmod(fresh, 0o600)
    server.listen(BACKLOG)
    os.rename(fresh, path)
    return server


def serve(db: Path, on_ready: Callable[[Path], None] | None = None) -> None:
    """Serve imports for db until SIGTERM or SIGINT: the requests queued by then are answered, the socket removed."""
    db = Path(db).absolute()
    server = listen(db)
    path = socket_path(db)
    inode = path.stat().st_ino
    into: queue.Queue = queue.Queue()
    stop = threading.Event()
    worker = threading.Thread(target=_drain, args=(db, into), name="imports", daemon=True)
    worker.start()

    def ending(signum: int, frame: object) -> None:
        stop.set()
        server.close()  # accept() below fails at once

    previous = {s: signal.signal(s, ending) for s in (signal.SIGTERM, signal.SIGINT)}
    if on_ready is not None:
        on_ready(path)
    try:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                if stop.is_set():
                    break
                raise
            threading.Thread(target=_receive, args=(conn, time.monotonic(), into), daemon=True).start()
    finally:
        server.close()
        into.put(None)
        worker.join()
        for s, handler in previous.items():
            signal.signal(s, handler)
        try:
            if path.stat().st_ino == inode:  # ours still (another service may have replaced a file it found stale)
                path.unlink()
        except FileNotFoundError:
            pass
