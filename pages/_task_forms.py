"""The writing parts of Nhiệm vụ: download evidence, report a task's progress, review a completion.

Evidence is linked to the server's evidence route (kpi.web), which checks the account and its scope at the
request; never through st.download_button, whose /media/ address answers anyone who has it.

Shown by role (kpi.accounts); every write is a kpi.services.tasks function (checked against the published
snapshot, recorded in the store of record, the account's right and scope checked again at the write). What
is recorded and not yet published shows at once from the store: the person's own reports as pending, and the
completions waiting for review. These functions only lay the forms out and say what happened, in the user's
language, never with a traceback."""

from __future__ import annotations

import polars as pl
import streamlit as st

from kpi import config, tasks
from kpi.accounts import Actor
from kpi.i18n import local_time, text_of
from kpi.services import tasks as service
from kpi.web import evidence_url
from kpi.workflow import evidence, progress
from kpi.workflow.template import STATUSES
from pages._data import con, q
from pages._display import lang, plain, table, tr, upload
from pages._writes import NothingWritten, acknowledge, record

EVIDENCE_TYPES = sorted(evidence.EXTENSIONS)


def template(communes: list[str]) -> bytes:
    """The progress template of these communes' tasks (kpi.workflow.progress.template), on the published snapshot."""
    cursor = con().cursor()
    try:
        return progress.template(cursor, communes)
    finally:
        cursor.close()


def flash(message: str, recorded_at: str | None) -> None:
    """Say what was recorded, and when, after the rerun that shows it (the page above was drawn before the write)."""
    st.session_state["task_flash"] = (message, recorded_at)
    st.rerun()


def show_flash() -> None:
    """What the last write of this session recorded (flash), once."""
    if flashed := st.session_state.pop("task_flash", None):
        message, recorded_at = flashed
        st.success(message)
        acknowledge(recorded_at)


def in_scope(board: pl.DataFrame, actor: Actor) -> pl.DataFrame:
    allowed = [c for c, p in board.select("commune_code", "province_code").unique().iter_rows() if actor.covers(c, p)]
    return board.filter(pl.col("commune_code").is_in(allowed))


def _task_words(board: pl.DataFrame, some: pl.DataFrame | None = None) -> dict[int, str]:
    """The tasks (some of the board's, or all) as the pickers show them: "Xã Tân Lợi – I.1. Mua sắm thiết bị
    (máy tính, …", numbered among all the board's tasks."""
    number = tasks.numbers(board)
    return {tid: f"{name} – {number[tid]}. {tasks.shorten(task)}" for tid, name, task in
            (board if some is None else some).select("task_id", "commune_name", "task").iter_rows()}


def evidence_downloads(board: pl.DataFrame, actor: Actor | None) -> None:
    """Evidence of reported tasks, for those whose scope covers the commune (never rendered: a download)."""
    if actor is None:
        return
    reported = in_scope(board, actor).filter(pl.col("report_id").is_not_null() & (pl.col("evidence_files") > 0))
    if not reported.height:
        return
    with st.expander(tr("tasks.download"), icon=":material/attach_file:"):
        words = _task_words(board, reported)
        reports = dict(zip(reported["task_id"], reported["report_id"], strict=True))
        task = st.selectbox(tr("tasks.download_pick"), list(words), format_func=words.get, key="evidence_task")
        evidence_links(int(reports[task]))


def evidence_links(report: int) -> None:
    """One link per evidence file of a report (as recorded: published or not), to the evidence route
    (checked there at the request)."""
    files = service.evidence_of(config.default_db(), report)
    for name, sha256 in (files.select("file_name", "sha256").iter_rows() if files.height else ()):
        st.link_button(plain(name), evidence_url(report, sha256), icon=":material/download:")


def report_form(board: pl.DataFrame, actor: Actor) -> None:
    """A commune editor reports one task: status, percent, note, evidence files."""
    mine = in_scope(board, actor)
    st.subheader(tr("tasks.report"))
    st.caption(tr("tasks.report_caption"))
    pending_reports(board, actor)
    if not mine.height:
        st.info(tr("tasks.none"))
        return
    communes = sorted(set(mine["commune_code"]))
    st.download_button(tr("tasks.template"), lambda: template(communes), "mau-bao-cao-tien-do.csv", "text/csv",
                       help=tr("tasks.template_help"), on_click="ignore", icon=":material/download:", key="task_template")
    words = _task_words(board, mine)
    # a written report empties the form (new widget keys), so a second click cannot write it twice
    gen = st.session_state.get("report_form_gen", 0)
    k = f"_{gen}" if gen else ""
    with st.form(f"task_report{k}", clear_on_submit=False):
        task = st.selectbox(tr("tasks.pick"), list(words), format_func=words.get, key=f"report_task{k}")
        status = st.radio(tr("tasks.new_status"), list(STATUSES), format_func=lambda s: tr(f"task.{s}"),
                          horizontal=True, key=f"report_status{k}")
        percent = st.number_input(tr("tasks.percent"), min_value=0.0, max_value=100.0, value=None, step=5.0,
                                  key=f"report_percent{k}")
        note = st.text_area(tr("tasks.note"), key=f"report_note{k}", max_chars=2000)
        files = upload(tr("tasks.evidence_files"), types=EVIDENCE_TYPES, multiple=True, key=f"report_evidence{k}",
                       max_mb=evidence.MAX_BYTES // 2**20)
        go = st.form_submit_button(tr("tasks.submit"), type="primary")
    if not go:
        return
    given = [(f.name, f.getvalue()) for f in files or []]  # two photos both named anh.jpg: both kept (progress.report_form)

    def action():
        done = service.report_task(config.default_db(), actor, task_id=int(task), status=status, percent=percent,
                                   note=note, evidence=given)
        if not done.ok:
            raise NothingWritten(done)
        return done

    result = record(action)
    if result is None:
        return
    if not result.ok:
        st.error(tr("tasks.row_errors"))
        fields = {"task_id": tr("tasks.pick"), "status": tr("tasks.new_status"), "percent_complete": tr("tasks.percent"),
                  "note": tr("tasks.note"), "evidence": tr("tasks.evidence_files"), "commune_code": tr("col.commune_name")}
        for error in result.errors:
            st.text(f"{fields.get(error.field, error.field)}: {text_of(error.message, lang())}")  # plain text: never markdown
        return
    st.session_state["report_form_gen"] = gen + 1
    flash(tr("tasks.sent", seq=tasks.numbers(board)[task], report=result.report_ids[0]), result.recorded_at)


def _on_board(board: pl.DataFrame, reports: pl.DataFrame) -> pl.DataFrame:
    """Recorded reports (task_id, commune_code, task_wording …) with the board's task they report on, as
    `board_task`: the task of the same commune and wording, else the same id (a report recorded against an
    earlier snapshot); reports whose task the board does not have are left out."""
    tasks_here = board.select("commune_code", pl.col("task").alias("task_wording"), pl.col("task_id").alias("by_wording"))
    ids = board.select("commune_code", "task_id", pl.col("task_id").alias("by_id"))
    return (reports.join(tasks_here, on=["commune_code", "task_wording"], how="left")
            .join(ids, on=["commune_code", "task_id"], how="left")
            .with_columns(board_task=pl.coalesce("by_wording", "by_id"))
            .filter(pl.col("board_task").is_not_null()).drop("by_wording", "by_id"))


def pending_reports(board: pl.DataFrame, actor: Actor) -> None:
    """The person's own task reports recorded after the snapshot's last one, marked pending ("chờ cập nhật"):
    the board shows them after the next publication."""
    after = int(q("task_report_published")["last_report"][0])
    mine = service.pending_reports(config.default_db(), actor.email, after)
    if not mine.height:
        return
    mine = _on_board(board, mine)
    if not mine.height:
        return
    words = _task_words(board, board.filter(pl.col("task_id").is_in(mine["board_task"].to_list())))
    st.caption(tr("tasks.pending"))
    table(mine.select(
        pl.col("report_id").alias("#"),
        pl.col("board_task").replace_strict(words, return_dtype=pl.String).alias(tr("col.task")),
        pl.col("status").replace_strict({s: tr(f"task.{s}") for s in STATUSES}, return_dtype=pl.String)
        .alias(tr("tasks.status")),
        pl.col("percent_complete").alias(tr("col.percent_complete")),
        pl.Series(tr("tasks.reported_at"), [local_time(at) for at in mine["reported_at"]], pl.String),
        pl.lit(tr("tasks.pending_mark")).alias(tr("tasks.source")),
    ), {tr("col.percent_complete"): 0}, key="tasks_pending")


def review_form(board: pl.DataFrame, actor: Actor) -> None:
    """A province reviewer accepts or returns each reported completion, with a reason to return it. The
    completions waiting come from the store of record: one is there as soon as it is recorded, and gone as
    soon as it is reviewed, before the next publication."""
    st.subheader(tr("tasks.review"))
    recorded = service.awaiting_review(config.default_db())
    waiting = _on_board(in_scope(board, actor), recorded) if recorded.height else recorded
    if not waiting.height:
        st.caption(tr("tasks.review_none"))
        return
    task_words = _task_words(board)
    words = {rid: f"#{rid} · {task_words[tid]}" for rid, tid in waiting.select("report_id", "board_task").iter_rows()}
    report = st.selectbox(tr("tasks.review_pick"), list(words), format_func=words.get, key="review_report")
    row = waiting.filter(pl.col("report_id") == report).row(0, named=True)
    st.text(" · ".join(x for x in (row["reported_by"], local_time(row["reported_at"]), row["note"]) if x))  # never markdown
    evidence_links(int(report))
    reason = st.text_input(tr("tasks.reason"), key=f"review_reason_{report}", max_chars=500)
    left, right = st.columns(2)
    accept = left.button(tr("tasks.accept"), type="primary", key="review_accept", icon=":material/check:")
    send_back = right.button(tr("tasks.return"), key="review_return", icon=":material/undo:")
    if not (accept or send_back):
        return
    done = record(lambda: service.review(config.default_db(), actor, int(report), accept=accept, reason=reason))
    if done is not None:
        flash(tr("tasks.accepted" if accept else "tasks.returned", report=report), done.recorded_at)
