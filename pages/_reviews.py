"""The reviewers' words to a commune editor, first, where they report (Nhập báo cáo, Nhiệm vụ): every quarter of
their communes' values returned and not yet imported again, with its reason, and every task report returned,
with its reason; then every word so far. Read from the store of record (values: as recorded) and the board
(tasks). Reasons are the reviewers' text: shown as typed, never as markdown."""

from __future__ import annotations

import polars as pl
import streamlit as st

from kpi import approvals, config
from kpi.accounts import Actor
from kpi.i18n import fmt_period, local_time
from kpi.services import approvals as approval_service
from kpi.tasks import PLAN_START, numbers
from pages._data import q
from pages._display import plain, table, tr


def value_words(actor: Actor | None) -> None:
    """The returns of the editor's communes' quarters still waiting for a new import, then every word."""
    if actor is None or actor.role != "commune_editor":
        return
    said = approval_service.reviews(config.default_db(), actor)
    if not said.height:
        return
    waiting = said.filter((pl.col("move") == "return") & (pl.col("state_now") == "returned")).unique(
        ["commune_code", "quarter"], keep="first", maintain_order=True)
    for row in waiting.iter_rows(named=True):
        st.error(plain(tr("reviews.returned", quarter=fmt_period(row["quarter"]), commune=row["commune_name"],
                          when=local_time(row["reviewed_at"]), by=row["reviewed_by"], reason=row["reason"])),
                 icon=":material/undo:")
    if waiting.height:
        st.caption(tr("reviews.answer"))
    with st.expander(f"{tr('reviews.title')} ({said.height})", icon=":material/rate_review:", expanded=not waiting.height):
        table(said.select(
            pl.Series(tr("col.reviewed_at"), [local_time(at) for at in said["reviewed_at"]], pl.String),
            pl.col("commune_name").alias(tr("col.commune_name")),
            pl.col("quarter").replace({q: fmt_period(q) for q in said["quarter"].unique()}).alias(tr("filter.period")),
            pl.col("move").replace_strict({m: tr(f"move.{m}") for m in approvals.MOVES}, return_dtype=pl.String)
            .alias(tr("col.move")),
            pl.col("reason").alias(tr("col.reason")),
            pl.col("reviewed_by").alias(tr("col.reviewed_by")),
        ), key="reviewer_words")


def task_words(actor: Actor | None) -> None:
    """The editor's task reports returned by the review (Chờ hoàn thiện), each with its reason, first, whatever
    province the sidebar shows."""
    if actor is None or actor.role != "commune_editor":
        return
    for commune in sorted(actor.communes):
        board = q("task_board", province=None, commune=commune, agency=None, status=None, as_of=config.today(),
                  plan_start=PLAN_START)
        returned = board.filter((pl.col("status") == "done_awaiting_evidence") & pl.col("report_id").is_not_null())
        number = numbers(board) if returned.height else {}
        for row in returned.iter_rows(named=True):
            st.error(plain(tr("reviews.task_returned", task=f"{row['commune_name']} – {number[row['task_id']]}",
                              when=local_time(at.isoformat() if (at := row["reviewed_at"]) else None),
                              by=row["reviewed_by"] or "", reason=row["review_reason"] or "")), icon=":material/undo:")
