"""What a rebuild keeps from the database it replaces: imported values, task reports with their evidence and
review, approvals, accounts and the audit log (queries/carry_over_*.sql). Nothing is dropped silently.

Records whose commune, indicator or task the new sources no longer have would be left behind; until those
are kept in a store of their own, the build is refused with every such record named (WouldDrop), and the
published database stays as it was. A report whose task's wording was corrected is carried over to the
corrected task when its number (seq) finds it safely (carry_over_workflow.sql), and said (CarriedOver.moved).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from kpi.db import query_text, run_here
from kpi.i18n import VIETNAM

# table groups of the previous database, each copied by its own query (older databases lack later groups)
GROUPS = {
    "accounts": {"app_user", "user_commune", "audit_log"},
    "workflow": {"task_report", "task_report_evidence", "evidence_file", "value_approval", "task"},
    "imports": {"import_batch", "observation", "observation_history"},
}


@dataclass
class CarriedOver:
    values: int = 0
    reports: int = 0
    approvals: int = 0
    accounts: int = 0
    audit_rows: int = 0
    moved: list[str] = field(default_factory=list)  # reports carried to their task's corrected wording

    def summary(self) -> str:
        """For the build's output and its audit row."""
        text = (f"carried over {self.values} imported values, {self.reports} task reports, {self.approvals} approvals, "
                f"{self.accounts} accounts, {self.audit_rows} audit rows")
        if self.moved:
            text += f"; {len(self.moved)} task report(s) moved to their task's corrected wording: " + "; ".join(self.moved)
        return text


class WouldDrop(Exception):
    """The new sources would leave stored records behind: the build is refused (the message names each, vi / en)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join([self.heading(), *(f"  {line}" for line in lines), self.advice()]))

    def heading(self) -> str:
        n = len(self.lines)
        return (f"build bị từ chối: dữ liệu nguồn mới sẽ làm mất {n} bản ghi đã lưu; cơ sở dữ liệu giữ nguyên / "
                f"build refused: the new sources would drop {n} stored record(s); the database is left unchanged")

    @staticmethod
    def advice() -> str:
        return ("Giữ lại trong data/ xã, chỉ tiêu hoặc nhiệm vụ (cùng số thứ tự) mà các bản ghi trên dùng, rồi dựng lại / "
                "keep the commune, indicator or task (with its number) these records use in data/, then build again")


def _when(at: datetime | None) -> str:
    return "" if at is None else f"{at.astimezone(VIETNAM):%d/%m/%Y %H:%M} (giờ Việt Nam / Vietnam time)"


def _commune(row: dict) -> str:
    return f"{row['commune_name']} ({row['commune_code']})" if row["commune_name"] else f"{row['commune_code']}"


def describe(row: dict) -> str:
    """One record left behind, for people: which one, of which commune, by whom and when."""
    by = f", {row['by_whom']}" if row["by_whom"] else ""
    if row["kind"] == "report":
        return (f"báo cáo nhiệm vụ / task report {row['ref']}: {_commune(row)}, nhiệm vụ / task {row['item']}, "
                f"báo cáo bởi / reported by {row['by_whom']} {_when(row['at'])} ({row['source']})")
    if row["kind"] == "value":
        return (f"giá trị nhập / imported value: {_commune(row)}, chỉ tiêu, kỳ / indicator, period {row['item']}, "
                f"lô / batch {row['ref']} ({row['source']}){by} {_when(row['at'])}")
    if row["kind"] == "approval":
        return f"phê duyệt số liệu / value approval: {_commune(row)}, {row['item']}{by} {_when(row['at'])}"
    where = f", xã / commune {row['commune_code']}" if row["commune_code"] else ""
    return f"tài khoản / account: {row['item']}{where}"


def _left(con: duckdb.DuckDBPyConnection, query: str) -> list[str]:
    return [describe(row) for row in run_here(con, query).iter_rows(named=True)]


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return con.execute(sql).fetchall()[0][0]  # our own fixed statements


def _restart(con: duckdb.DuckDBPyConnection, sequence: str, table: str, column: str) -> None:
    """Let a sequence go on after the largest id carried over (names are ours, never user input)."""
    last = _count(con, f"SELECT coalesce(max({column}), 0) FROM {table}")
    con.execute(f"DROP SEQUENCE {sequence}")
    con.execute(f"CREATE SEQUENCE {sequence} START {int(last) + 1}")  # an integer we computed


def _moved(con: duckdb.DuckDBPyConnection) -> list[str]:
    frame: pl.DataFrame = run_here(con, "carry_over_moved")
    return [f"report {r['report_id']} of {r['commune_name']} ({r['commune_code']}) task {r['seq']}: "
            f"«{r['old_wording']}» -> «{r['new_wording']}» (reported by {r['reported_by']} {_when(r['reported_at'])})"
            for r in frame.iter_rows(named=True)]


def carry_over(con: duckdb.DuckDBPyConnection, previous: Path) -> CarriedOver:
    """Copy what the database being replaced holds that no source file does into the fresh build on con.
    Raises WouldDrop, naming every record, if any would be left behind."""
    con.execute("ATTACH $path AS previous (READ_ONLY)", {"path": str(previous)})
    try:
        tables = {t for (t,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'previous'").fetchall()}
        kept, left = CarriedOver(), []
        if GROUPS["accounts"] <= tables:  # accounts and their audit (kpi.accounts)
            con.execute(query_text("carry_over_accounts"))
            _restart(con, "audit_id", "audit_log", "audit_id")
            left += _left(con, "carry_over_accounts_left")
            kept.accounts = _count(con, "SELECT count(*) FROM app_user")
            kept.audit_rows = _count(con, "SELECT count(*) FROM audit_log")
        if GROUPS["workflow"] <= tables:  # kpi.workflow
            con.execute(query_text("carry_over_workflow"))
            _restart(con, "task_report_id", "previous.task_report", "report_id")
            left += _left(con, "carry_over_workflow_left")
            kept.reports = _count(con, "SELECT count(*) FROM task_report")
            kept.approvals = _count(con, "SELECT count(*) FROM value_approval")
            kept.moved = _moved(con)
        if GROUPS["imports"] <= tables:
            con.execute(query_text("carry_over_imports"))
            _restart(con, "import_batch_id", "import_batch", "batch_id")
            left += _left(con, "carry_over_imports_left")
            kept.values = _count(con, "SELECT count(*) FROM observation WHERE NOT is_demo")
        if left:
            raise WouldDrop(left)
        return kept
    finally:
        con.execute("DETACH previous")
