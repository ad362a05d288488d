"""The audit log: every write records who, when, what and from which file, in the store of record
(queries/records/audit_*.sql); every snapshot holds a copy (queries/audit_log.sql reads it there).

Writers call `record` inside their own store transaction (kpi.records.transaction), so a write and its
audit row land together or not at all. Imports and rollbacks also stamp their batch
(import_batch.imported_by / rolled_back_by), which is what a value's history on Hồ sơ xã shows."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import polars as pl

from kpi import records
from kpi.accounts.roles import Actor


def record(
    con: sqlite3.Connection, actor: Actor, action: str, detail: str, *, files: str | None = None,
    sha256: str | None = None, batch: int | None = None,
) -> int:
    """One audit row in the caller's store transaction; returns its id."""
    [(audit_id,)] = records.execute(con, "audit_insert", at=records.stamp(), actor=actor.email, role=actor.role,
                                    action=action, detail=detail, files=files, sha256=sha256, batch=batch)
    return audit_id


def log(db: Path) -> pl.DataFrame:
    """The audit log as the store of record holds it now, newest first."""
    with records.read_only(db) as con:
        return records.run(con, "audit_log")


# What could make one record look like several, or hide part of one: the backslash (so an escape cannot be
# forged either), C0 controls (newline, tab, carriage return ...), DEL and C1 controls (NEL U+0085 ...), the
# line and paragraph separators, and the bidirectional overrides and isolates that reorder what is shown.
_UNSAFE = re.compile(r"[\\\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(value: object) -> str:
    """A field of the audit log as shown: one record stays one line, whatever a reason or a file name holds
    (a newline shows as \\n, a tab as \\t, other controls as \\xHH or \\uHHHH, a backslash doubled)."""
    return _UNSAFE.sub(_escape, "" if value is None else str(value))

