"""The approval of reported values (DHIS2's data approval), and ReviewError, the refusal of a review.

Tasks (seed 003, IV.2.2): a reported completion waits for a province reviewer, who accepts it (the task is
done and counts) or returns it with a reason (the task shows "Chờ hoàn thiện", does not count, and raises a
red alert until the commune reports it again and the new report is accepted): kpi.services.tasks.review.

Values, per commune and quarter: an import makes them "submitted"; a reviewer approves them, then locks
them. An import or a rollback touching a locked quarter is refused (an error of each row it would
write) until a reviewer unlocks it, which makes it approved again. A new import into an approved quarter
makes it submitted again: an approval covers the values it saw.

Every decision needs the "review" right and the commune in the reviewer's scope, is checked against the
database being written, and is audited in the same transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import polars as pl

from kpi import scores
from kpi.accounts import AccessDenied, Actor, audit, outside_scope, users
from kpi.db import execute, run_here, transaction
from kpi.reports.validate import RowError

MOVES = {"approve": ("submitted", "approved"), "lock": ("approved", "locked"), "unlock": ("locked", "approved")}
STATE_WORDS = {"submitted": ("Đã nộp, chờ duyệt", "Submitted"), "approved": ("Đã phê duyệt", "Approved"),
               "locked": ("Đã khóa", "Locked")}


class ReviewError(ValueError):
    """A decision that cannot be made now (the message is bilingual, vi / en)."""


def _reviewer(con: duckdb.DuckDBPyConnection, actor: Actor, commune: str, province: str) -> Actor:
    actor = users.current(con, actor)
    actor.require("review")
    if not actor.covers(commune, province):
        raise AccessDenied(outside_scope(commune))
    return actor


def decide(con: duckdb.DuckDBPyConnection, commune: str, quarter: str, move: str, *, actor: Actor) -> str:
    """approve, lock or unlock a commune's values for a quarter ("2026-Q3"); returns the new state."""
    if move not in MOVES:
        raise ReviewError(f"không rõ thao tác {move!r} / unknown action {move!r} (approve, lock, unlock)")
    found = run_here(con, "value_approval_state", commune=commune, quarter=quarter)
    if not found.height:
        raise ReviewError(f"mã xã không tồn tại / unknown commune code {commune!r}")
    state, province, has_reports = found.row(0)
    actor = _reviewer(con, actor, commune, province)
    if not has_reports:
        raise ReviewError(f"xã {commune} chưa báo cáo số liệu kỳ {quarter} / commune {commune} reported no values for {quarter}")
    before, after = MOVES[move]
    state = state or "submitted"
    if state != before:
        vi, en = STATE_WORDS[state]
        raise ReviewError(f"số liệu kỳ {quarter} của xã {commune} đang ở trạng thái “{vi}” / the values of {commune} for "
                          f"{quarter} are {en.lower()}: cannot {move}")
    with transaction(con):
        execute(con, "value_approval_set", commune=commune, quarter=quarter, state=after, at=datetime.now(UTC), by=actor.email)
        audit.record(con, actor, move, f"commune {commune} {quarter}: {state} -> {after}")
        scores.refresh(con, ("approved",))  # the approved-only view changes with every decision
    return after


def quarter_of(period_end: pl.Expr) -> pl.Expr:
    return period_end.dt.year().cast(pl.String) + "-Q" + period_end.dt.quarter().cast(pl.String)


def locked_rows(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame, files: list[str]) -> list[RowError]:
    """An error for every row of an import that would write into a locked quarter."""
    locked = run_here(con, "value_locked")
    if not locked.height or not frame.height:
        return []
    hit = frame.with_columns(quarter=quarter_of(pl.col("period_end"))).join(locked, on=["commune_code", "quarter"])
    return [RowError(files[i], int(r), "period", f"số liệu kỳ {q} của xã {c} đã khóa: đề nghị tỉnh mở khóa / the values of "
                                                 f"commune {c} for {q} are locked: ask the province to unlock them")
            for c, q, i, r in hit.sort("file_index", "source_row").select("commune_code", "quarter", "file_index",
                                                                          "source_row").iter_rows()]


def mark_submitted(con: duckdb.DuckDBPyConnection, written: pl.DataFrame, actor: Actor) -> None:
    """Inside a writer's transaction: the quarters of the values written (commune_code, period_end) are
    submitted again."""
    if not written.height:
        return
    con.register("written", written.select("commune_code", "period_end"))
    execute(con, "value_approval_submit", at=datetime.now(UTC), by=actor.email)
    con.unregister("written")
