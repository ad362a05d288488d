"""Task progress, its evidence, and the province's review of a reported completion (seed 003, IV.2).

* report_tasks: task-report files (`python -m kpi tasks-report`), with the evidence they cite;
* report_task: one task from the form on Nhiệm vụ;
* review: accept a reported completion, or return it with a reason.

A report is checked first, outside any transaction: against the published snapshot, read-only (the tasks it
may name, their commune, number and wording), its files and evidence in the checker's child process
(kpi.intake.sandbox). Its evidence content is then stored in the evidence folder under its sha256
(kpi.workflow.evidence: a failed write leaves an uncited file at most, never a citation without its file),
and ONE short store transaction re-reads the account, checks its right and scope again, and writes the
reports (each naming its task by id AND by commune, number and wording, so the publisher places it in later
builds), the evidence records and links, the audit row and the change row. Task reports change no scores:
their change names no commune."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from kpi import config, records
from kpi.accounts import AccessDenied, Actor, audit, outside_scope, users
from kpi.db import connect, run
from kpi.i18n import msg
from kpi.intake.limits import Limits
from kpi.records import changes
from kpi.workflow import evidence as ev
from kpi.workflow import progress
from kpi.workflow.progress import Checked, TaskReportResult
from kpi.workflow.review import ReviewError
from kpi.workflow.template import EVIDENCE_SEP


def _now(db: Path, actor: Actor) -> Actor:
    """The actor as the store of record says now (a read: the write checks again in its transaction)."""
    with records.read_only(db) as con:
        return users.current(con, actor)


def report_tasks(db: Path, actor: Actor, files: list[Path], evidence: Mapping[str, bytes], *, dry_run: bool = False,
                 limits: Limits | None = None) -> TaskReportResult:
    """Check task-report files and, if every row is valid and this is not a dry run, record them.
    evidence: the files given with the report, by name (kpi.workflow.progress.EvidenceFolder reads one only
    when a row cites it). AccessDenied without the right to report tasks: nothing written."""
    actor = _now(db, actor)
    actor.require("report_tasks")
    with connect(db) as snap:
        checked = progress.check_files(snap, files, actor=actor, evidence=evidence, limits=limits)
    checked.result.dry_run = dry_run
    if checked.result.ok and not dry_run:
        _record(db, actor, checked)
    return checked.result


def report_task(db: Path, actor: Actor, *, task_id: int, status: str, percent: float | None, note: str,
                evidence: Mapping[str, bytes] | Sequence[tuple[str, bytes]]) -> TaskReportResult:
    """One task's progress from the form on Nhiệm vụ (row errors as "form", row 1), recorded if valid.
    evidence: the uploaded files (name, content); a name given twice is kept twice ("anh (2).jpg")."""
    actor = _now(db, actor)
    actor.require("report_tasks")
    with connect(db) as snap:
        checked = progress.check_form(snap, actor=actor, task_id=task_id, status=status, percent=percent, note=note,
                                      evidence=evidence)
    if checked.result.ok:
        _record(db, actor, checked)
    return checked.result


def _record(db: Path, actor: Actor, checked: Checked) -> None:
    folder = ev.store_dir(db)
    ev.clean_leftovers(folder)  # killed writers' .incoming- files, an hour old or more
    cited = sorted(checked.cited())
    for name in cited:  # content first: a failed transaction leaves an uncited file, never a dangling citation
        ev.save(folder, *checked.evidence[name])
    result, rows = checked.result, checked.rows
    at = records.stamp(config.now())  # the board reads reports made by config.today()
    with records.connect(db) as con, records.transaction(con):
        actor = users.current(con, actor)
        actor.require("report_tasks")
        for commune, province in checked.communes().items():  # the scope as it is now, at the write
            if not actor.covers(commune, province):
                raise AccessDenied(outside_scope(commune))
        for name in cited:
            item = checked.evidence[name][0]
            records.execute(con, "evidence_file_insert", sha256=item.sha256, media_type=item.media_type,
                            size_bytes=item.size_bytes, at=at, by=actor.email)
        ids = []
        for row in rows.iter_rows(named=True):
            [(report_id,)] = records.execute(
                con, "task_report_insert", task_id=row["task_id"], commune_code=row["commune_code"],
                task_seq=row["task_seq"], task_wording=row["task_wording"], status=row["status"],
                percent_complete=row["percent_complete"], note=row["note"], at=at, by=actor.email,
                source=checked.files[row["file_index"]], source_row=row["source_row"])
            ids.append(report_id)
            for name in (n for n in row["evidence"].split(EVIDENCE_SEP) if n):
                item = checked.evidence[name][0]
                records.execute(con, "task_report_evidence_insert", report=report_id, sha256=item.sha256,
                                file_name=item.name)
        done = int((rows["status"] == "done").sum())
        audit_id = audit.record(con, actor, "task_report", f"{len(ids)} task reports ({done} done, awaiting review)",
                                files=", ".join(checked.files), sha256=checked.sha256)
        changes.record(con, "task_report", audit_id)  # no scores change: no commune
    result.report_ids = sorted(ids)
    result.recorded_at = records.stamp()


@dataclass(frozen=True)
class ReviewResult:
    report_id: int
    review: str  # accepted, returned
    recorded_at: str


def review(db: Path, actor: Actor, report_id: int, *, accept: bool, reason: str = "") -> ReviewResult:
    """Accept a reported completion, or return it with a reason (required). ReviewError when it cannot be
    decided now (no such report, not reported done, a newer report of its task, reviewed already);
    AccessDenied without the review right or outside the reviewer's province."""
    reason = (reason or "").strip()
    with records.read_only(db) as con:
        commune = records.run(con, "task_report_for_review", report=report_id)["commune_code"].to_list() if con else []
    province = _province(db, commune[0]) if commune else None  # the snapshot read before the transaction
    with records.connect(db) as con, records.transaction(con):
        found = records.run(con, "task_report_for_review", report=report_id)
        if not found.height:
            raise ReviewError(msg("task_review.no_report", report=report_id))
        row = found.row(0, named=True)
        actor = users.current(con, actor)
        actor.require("review")
        if not actor.covers(row["commune_code"], province):
            raise AccessDenied(outside_scope(row["commune_code"]))
        if row["status"] != "done":
            raise ReviewError(msg("task_review.not_done", report=report_id))
        if not row["is_latest"]:
            raise ReviewError(msg("task_review.newer", report=report_id))
        if row["review"] != "submitted":
            raise ReviewError(msg("task_review.already", report=report_id))
        if not accept and not reason:
            raise ReviewError(msg("task_review.needs_reason"))
        decision = "accepted" if accept else "returned"
        records.execute(con, "task_report_review", report=report_id, review=decision, at=records.stamp(),
                        by=actor.email, reason=reason or None)
        action = "task_accept" if accept else "task_return"
        audit_id = audit.record(con, actor, action, f"task {row['task_id']} report {report_id}"
                                + (f": {reason}" if reason else ""))
        changes.record(con, action, audit_id)
    return ReviewResult(report_id, decision, records.stamp())


def _province(db: Path, commune: str) -> str | None:
    """The commune's province in the published snapshot (None: a commune it no longer has)."""
    with connect(db) as snap:
        found = run(snap, "commune_province", commune=commune)["province_code"]
    return found[0] if found.len() else None


# --- what a person sees of recorded task reports before the next publication (reads of the store) ---------


def _recorded(db: Path, name: str, **params: object) -> pl.DataFrame:
    with records.read_only(db) as con:
        return records.run(con, name, **params)


def pending_reports(db: Path, email: str, after: int) -> pl.DataFrame:
    """A person's task reports recorded after report `after` (the last one the published snapshot holds:
    queries/task_report_published.sql): report_id, task_id, commune_code, task_seq, task_wording, status,
    percent_complete, note, reported_at. Empty (maybe without columns) when there are none."""
    return _recorded(db, "task_reports_pending", email=email, after=after)


def awaiting_review(db: Path) -> pl.DataFrame:
    """Reported completions waiting for a review, as recorded now (published or not): report_id, task_id,
    commune_code, task_seq, task_wording, reported_at, reported_by, note."""
    return _recorded(db, "task_reports_awaiting_review")


def evidence_of(db: Path, report_id: int) -> pl.DataFrame:
    """The evidence files of a report as recorded (file_name, sha256, media_type, size_bytes)."""
    return _recorded(db, "task_evidence", report=report_id)
