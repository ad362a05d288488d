"""The audit log: every write records who, when, what and from which file (queries/audit_*.sql).

Writers call `record` inside their own transaction, so a write and its audit row land together or
not at all. Imports and rollbacks also stamp their batch (import_batch.imported_by / rolled_back_by),
which is what a value's history on Hồ sơ xã shows (queries/value_history.sql)."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import polars as pl

from kpi.accounts.roles import Actor
from kpi.db import execute, run


def record(
    con: duckdb.DuckDBPyConnection, actor: Actor, action: str, detail: str, *, files: str | None = None,
    sha256: str | None = None, batch: int | None = None,
) -> None:
    execute(con, "audit_insert", at=datetime.now(UTC), actor=actor.email, role=actor.role, action=action,
            detail=detail, files=files, sha256=sha256, batch=batch)


def log(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return run(con, "audit_log")

