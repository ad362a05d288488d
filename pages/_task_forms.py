"""The writing parts of Nhiệm vụ: download evidence, report a task's progress, review a completion.

Evidence is linked to the server's evidence route (kpi.web), which checks the account and its scope at the
request; never through st.download_button, whose /media/ address answers anyone who has it.

Shown by role (kpi.accounts); every check is kpi's (kpi.workflow.progress, kpi.workflow.review), made
again at the write on the database being written. These functions only lay the forms out and say what
happened, in the user's language, never with a traceback."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import streamlit as st

from kpi import config, tasks
from kpi.accounts import Actor
from kpi.i18n import VIETNAM
from kpi.web import evidence_url
from kpi.workflow import evidence, progress, review
from kpi.workflow.template import STATUS_WORDS
from pages._shared import NothingWritten, con, lang, plain, q, tr, write

EVIDENCE_TYPES = sorted(evidence.EXTENSIONS)


def store() -> Path:
    return evidence.store_dir(config.default_db())


def template(communes: list[str]) -> bytes:
    """The progress template of these communes' tasks (kpi.workflow.progress.template), on the published snapshot."""
    cursor = con().cursor()
    try:
        return progress.template(cursor, communes)
    finally:
        cursor.close()


def flash(message: str) -> None:
    """Say what was written after the rerun that shows it (the page above was drawn before the write)."""
    st.session_state["task_flash"] = message
    st.rerun()


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
    """One link per evidence file of a report, to the evidence route (checked there at the request)."""
    for name, sha256 in q("task_evidence", report=report).select("file_name", "sha256").iter_rows():
        st.link_button(plain(name), evidence_url(report, sha256), icon=":material/download:")


def report_form(board: pl.DataFrame, actor: Actor) -> None:
    """A commune editor reports one task: status, percent, note, evidence files."""
    mine = in_scope(board, actor)
    st.subheader(tr("tasks.report"))
    st.caption(tr("tasks.report_caption"))
    if not mine.height:
        st.info(tr("tasks.none"))
        return
    communes = sorted(set(mine["commune_code"]))
    st.download_button(tr("tasks.template"), lambda: template(communes), "mau-bao-cao-tien-do.csv", "text/csv",
                       help=tr("tasks.template_help"), on_click="ignore", icon=":material/download:", key="task_template")
    words = _task_words(board, mine)
    i = 0 if lang() == "vi" else 1
    # a written report empties the form (new widget keys), so a second click cannot write it twice
    gen = st.session_state.get("report_form_gen", 0)
    k = f"_{gen}" if gen else ""
    with st.form(f"task_report{k}", clear_on_submit=False):
        task = st.selectbox(tr("tasks.pick"), list(words), format_func=words.get, key=f"report_task{k}")
        status = st.radio(tr("tasks.new_status"), list(STATUS_WORDS), format_func=lambda s: STATUS_WORDS[s][i],
                          horizontal=True, key=f"report_status{k}")
        percent = st.number_input(tr("tasks.percent"), min_value=0.0, max_value=100.0, value=None, step=5.0,
                                  key=f"report_percent{k}")
        note = st.text_area(tr("tasks.note"), key=f"report_note{k}", max_chars=2000)
        files = st.file_uploader(tr("tasks.evidence_files"), type=EVIDENCE_TYPES, accept_multiple_files=True,
                                 key=f"report_evidence{k}", max_upload_size=evidence.MAX_BYTES // (1024 * 1024))
        go = st.form_submit_button(tr("tasks.submit"), type="primary")
    if not go:
        return
    given = [(f.name, f.getvalue()) for f in files or []]  # two photos both named anh.jpg: both kept (progress.report_form)

    def action(rw):
        done = progress.report_form(rw, actor=actor, task_id=int(task), status=status, percent=percent, note=note,
                                    evidence=given, store=store())
        if not done.ok:
            raise NothingWritten(done)
        return done

    result = write("task report", action)
    if result is None:
        return
    if not result.ok:
        st.error(tr("tasks.row_errors"))
        fields = {"task_id": tr("tasks.pick"), "status": tr("tasks.new_status"), "percent_complete": tr("tasks.percent"),
                  "note": tr("tasks.note"), "evidence": tr("tasks.evidence_files"), "commune_code": tr("col.commune_name")}
        for error in result.errors:
            st.text(f"{fields.get(error.field, error.field)}: {error.message}")  # plain text: never markdown
        return
    st.session_state["report_form_gen"] = gen + 1
    flash(tr("tasks.sent", seq=tasks.numbers(board)[task], report=result.report_ids[0]))


def review_form(board: pl.DataFrame, actor: Actor) -> None:
    """A province reviewer accepts or returns each reported completion, with a reason to return it."""
    st.subheader(tr("tasks.review"))
    waiting = in_scope(board, actor).filter(pl.col("status") == "done_awaiting_review")
    if not waiting.height:
        st.caption(tr("tasks.review_none"))
        return
    words = {rid: f"#{rid} · {w}" for rid, w in zip(waiting["report_id"], _task_words(board, waiting).values(), strict=True)}
    report = st.selectbox(tr("tasks.review_pick"), list(words), format_func=words.get, key="review_report")
    row = waiting.filter(pl.col("report_id") == report).row(0, named=True)
    when = row["reported_at"].astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M")
    st.text(" · ".join(x for x in (row["reported_by"], when, row["note"]) if x))  # plain text: never markdown
    evidence_links(int(report))
    reason = st.text_input(tr("tasks.reason"), key=f"review_reason_{report}", max_chars=500)
    left, right = st.columns(2)
    accept = left.button(tr("tasks.accept"), type="primary", key="review_accept", icon=":material/check:")
    send_back = right.button(tr("tasks.return"), key="review_return", icon=":material/undo:")
    if not (accept or send_back):
        return
    if write(f"review {report}", lambda rw: review.review_task(rw, int(report), actor=actor, accept=accept, reason=reason)
             or True):
        flash(tr("tasks.accepted" if accept else "tasks.returned", report=report))
