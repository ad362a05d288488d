"""The import service's client side (kpi.services.import_service serves it): where its socket is, one request
and its answer. Light on purpose: `python -m kpi import` through the service loads neither polars nor DuckDB
(a process's start, not its import, was most of what a hundred imports at once cost), only this, the
catalogue and the result's type (kpi.intake.outcome).

A request is one JSON line: {"as": EMAIL or null (the server administrator), "files": [absolute paths],
"dry_run": bool, "evidence": {name: base64}, "wait": seconds or null}. The answer is one JSON line with a
"status": "done" (and "result", kpi.intake.outcome.ImportResult.data), "denied" or "file_error" (and "message", kpi.i18n.Msg.data),
"no_account" (and "email"), "busy" (and "waited", "store"), "store_error" (and "why"), "peer" (the server
serves only its own user)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
import tempfile
from collections.abc import Mapping
from pathlib import Path

from kpi.intake.outcome import ImportResult

ANSWER_MARGIN = 300.0  # seconds a client waits for its answer beyond --wait: the group's checks before its write


SOCKET_PATH_MAX = 90  # bytes: a Unix socket's path holds 107 at most, and the service binds <path>.<pid> first


def socket_path(db: Path) -> Path:
    """The service's socket beside the database: <folder>/.<name>.imports.sock; for a database whose path is too
    long for a socket's, in the temporary folder under a digest of the database's path (client and service
    compute the same)."""
    db = Path(db).absolute()
    beside = db.with_name(f".{db.name}.imports.sock")
    if len(os.fsencode(beside)) <= SOCKET_PATH_MAX:
        return beside
    digest = hashlib.sha256(os.fsencode(db)).hexdigest()[:24]
    return Path(tempfile.gettempdir()) / f"kpi-{digest}.imports.sock"


__all__ = ["ImportResult", "ServiceGone", "request_of", "send", "socket_path"]


class ServiceGone(Exception):
    """The service took the request and stopped before answering (killed, stopped): nothing of the group it was
    in was committed unless it stopped between its commit and the answers."""


def request_of(as_email: str | None, files: list[Path], *, dry_run: bool = False,
               evidence: Mapping[str, bytes] | None = None, wait: float | None = None) -> dict:
    return {"as": as_email, "files": [os.path.abspath(f) for f in files], "dry_run": dry_run,
            "evidence": {name: base64.b64encode(data).decode("ascii") for name, data in (evidence or {}).items()},
            "wait": wait}


def send(db: Path, request: Mapping) -> dict | None:
    """The service's answer to one request; None when no service answers at db (no socket, a socket file left by
    a service that is gone, a service of another user): the caller imports in its own process. Raises
    ServiceGone when the service took the request and stopped before answering."""
    path = socket_path(db)
    try:
        if path.lstat().st_uid != os.getuid():  # a socket another user put there (the temporary folder): not ours
            return None
    except OSError:
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        try:
            sock.connect(str(path))
        except OSError:  # missing, refused (stale), not ours, a path too long for a socket: no service here
            return None
        wait = request.get("wait")
        sock.settimeout(ANSWER_MARGIN + (wait if wait is not None else 30.0))
        try:
            sock.sendall(json.dumps(request).encode("utf-8") + b"\n")
            answer = _line(sock)
        except OSError as exc:
            raise ServiceGone from exc
        if not answer:
            raise ServiceGone
        found = json.loads(answer)
        return None if found.get("status") == "peer" else found
    finally:
        sock.close()


def _line(sock: socket.socket) -> bytes:
    parts = []
    while not (parts and parts[-1].endswith(b"\n")):
        chunk = sock.recv(65536)
        if not chunk:
            return b""  # closed before a whole line: gone
        parts.append(chunk)
    return b"".join(parts)
