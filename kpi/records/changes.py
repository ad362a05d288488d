"""What each write changed, for the publisher: one change row per write (in the write's own transaction)
with the communes whose values or approvals it touched, so the next publication rescores only those.

The snapshot remembers the last change it holds (build_info `published_through`); the changes after it are
what the pages call "recorded, not yet on the dashboard"."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kpi.records.store import execute, read_only, stamp


def record(con: sqlite3.Connection, action: str, audit_id: int | None, communes: Iterable[str] = ()) -> int:
    """Note a write inside its transaction; returns its change id."""
    [(change_id,)] = execute(con, "change_insert", recorded_at=stamp(), action=action, audit_id=audit_id)
    for commune in sorted(set(communes)):
        execute(con, "change_commune_insert", change=change_id, commune=commune)
    return change_id


@dataclass(frozen=True)
class Pending:
    through: int  # the last change recorded
    writes: int  # changes after the snapshot's
    communes: frozenset[str]  # communes those changes touched
    first_recorded_at: str | None  # the oldest of them (ISO 8601, UTC)


def pending(con: sqlite3.Connection | None, published_through: int) -> Pending:
    """The changes recorded after `published_through`."""
    if con is None:
        return Pending(published_through, 0, frozenset(), None)
    [(last, writes, first)] = execute(con, "change_pending", through=published_through)
    communes = frozenset(c for (c,) in execute(con, "change_pending_communes", through=published_through))
    return Pending(last or published_through, writes, communes, first)


def pending_for(db: Path | str, published_through: int) -> Pending:
    with read_only(db) as con:
        return pending(con, published_through)


def waiting(db: Path | str, published_through: int) -> int:
    """How many writes are recorded after `published_through`: what a page's sidebar says at every rerun (one
    count, without the communes the publisher needs)."""
    with read_only(db) as con:
        if con is None:
            return 0
        [(_, writes, _)] = execute(con, "change_pending", through=published_through)
    return writes
