"""The province's review of task reports (seed 003, IV.2.2). (The approval of reported values is kpi.approvals.)

Tasks: a reported completion waits for a province reviewer, who accepts it (the task is done and
counts) or returns it with a reason (the task shows "Chờ hoàn thiện", does not count, and raises a red
alert until the commune reports it again and the new report is accepted).

Every decision needs the "review" right and the commune in the reviewer's scope, is checked against the
database being written, and is audited in the same transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb

from kpi.accounts import AccessDenied, Actor, audit, outside_scope, users
from kpi.db import execute, run_here, transaction


class ReviewError(ValueError):
    """A decision that cannot be made now (the message is bilingual, vi / en)."""


def _reviewer(con: duckdb.DuckDBPyConnection, actor: Actor, commune: str, province: str) -> Actor:
    actor = users.current(con, actor)
    actor.require("review")
    if not actor.covers(commune, province):
        raise AccessDenied(outside_scope(commune))
    return actor


def review_task(con: duckdb.DuckDBPyConnection, report_id: int, *, actor: Actor, accept: bool, reason: str = "") -> None:
    """Accept a reported completion, or return it with a reason (required)."""
    found = run_here(con, "task_report_for_review", report=report_id)
    if not found.height:
        raise ReviewError(f"không có báo cáo nhiệm vụ {report_id} / no task report {report_id}")
    row = found.row(0, named=True)
    actor = _reviewer(con, actor, row["commune_code"], row["province_code"])
    if row["status"] != "done":
        raise ReviewError(f"báo cáo {report_id} không báo hoàn thành: không cần thẩm định / report {report_id} does not "
                          "report the task done: there is nothing to review")
    if not row["is_latest"]:
        raise ReviewError(f"nhiệm vụ đã có báo cáo mới hơn báo cáo {report_id} / the task has a newer report than {report_id}")
    if row["review"] != "submitted":
        raise ReviewError(f"báo cáo {report_id} đã được thẩm định / report {report_id} was already reviewed")
    reason = (reason or "").strip()
    if not accept and not reason:
        raise ReviewError("trả lại phải nêu lý do / a returned report needs a reason")
    with transaction(con):
        execute(con, "task_report_review", report=report_id, review="accepted" if accept else "returned",
                at=datetime.now(UTC), by=actor.email, reason=reason or None)
        audit.record(con, actor, "task_accept" if accept else "task_return",
                     f"task {row['task_id']} report {report_id}" + (f": {reason}" if reason else ""))
