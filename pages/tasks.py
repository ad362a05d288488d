"""Nhiệm vụ: the plans' tasks with lead agency, deadline, status, evidence and red alerts."""

import polars as pl
import streamlit as st

from kpi.periods import parse_period
from kpi.tasks import PLAN_START
from pages._shared import downloads, label, lang, num, q, table, tr

f = st.session_state["filters"]
st.title(tr("tasks.title"))
as_of = parse_period(f.period).end if f.period else PLAN_START
every = q("task_board", province=f.province, commune=None, agency=None, status=None, as_of=as_of, plan_start=PLAN_START)
if f.communes:
    every = every.filter(pl.col("commune_code").is_in(list(f.communes)))
if not every.height:
    st.info(tr("tasks.none"))
    st.stop()

agencies = sorted(set(every["lead_agency"]))
statuses = ["done_verified", "done_awaiting_evidence", "in_progress", "not_started"]
c1, c2, c3 = st.columns(3)
agency_labels = {"": tr("tasks.all"), **{a: a for a in agencies}}
status_labels = {"": tr("tasks.all"), **{s: tr(f"task.{s}") for s in statuses}}
agency = c1.selectbox(tr("tasks.agency"), list(agency_labels), format_func=agency_labels.get, key=f"t_agency_{lang()}")
status = c2.selectbox(tr("tasks.status"), list(status_labels), format_func=status_labels.get, key=f"t_status_{lang()}")
only_alerts = c3.toggle(tr("tasks.red_alerts"), key="t_alerts")
shown = every
if agency:
    shown = shown.filter(pl.col("lead_agency") == agency)
if status:
    shown = shown.filter(pl.col("status") == status)
if only_alerts:
    shown = shown.filter(pl.col("red_alert"))

m1, m2, m3 = st.columns(3)
m1.metric(tr("tasks.total"), num(shown.height, 0))
m2.metric(tr("tasks.done"), num(int(shown["status"].is_in(statuses[:2]).sum()), 0))
m3.metric(tr("tasks.red_alerts"), num(int(shown["red_alert"].sum()), 0))
if not shown.height:
    st.info(tr("tasks.none"))
else:
    table(
        shown.select(
            pl.col("commune_name").alias(tr("col.commune_name")), pl.col("seq").alias(tr("col.seq")), pl.col("task").alias(tr("col.task")),
            pl.col("lead_agency").alias(tr("tasks.agency")), pl.col("deadline_text").alias(tr("col.deadline")),
            pl.col("deadline_date").alias(tr("col.due_date")),
            label("status", "task").alias(tr("tasks.status")),
            pl.col("percent_complete").alias(tr("col.percent")), pl.col("evidence").alias(tr("col.evidence")),
            pl.when(pl.col("red_alert")).then(pl.lit("🔴")).otherwise(pl.lit("")).alias(tr("col.red_alert")),
        ),
        {tr("col.percent"): 0}, dates=(tr("col.due_date"),),
    )
downloads(shown, f"nhiem-vu-{f.province}", tr("tasks.title"), {
    **f.describe("province", "communes", "period"), tr("tasks.agency"): agency or tr("tasks.all"),
    tr("tasks.status"): status_labels[status], tr("tasks.red_alerts"): tr("export.yes") if only_alerts else tr("tasks.all"),
}, ["queries/task_board.sql", "data/tasks/"])
