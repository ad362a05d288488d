"""Nhiệm vụ: the plans' tasks with status, evidence and red alerts (seed 003, IV.2), red alerts first;
what the province has to act on ("cần xử lý"); and, by role, the forms to report progress with evidence
and to review it (pages/_task_forms.py). Queries: task_board, action_off_track, action_not_reported,
value_approvals; rules in kpi/workflow."""

import polars as pl
import streamlit as st

from kpi import config, scope
from kpi.i18n import fmt_date, fmt_period
from kpi.periods import parse_period
from kpi.tasks import PLAN_START, deadlines
from kpi.workflow import alerts
from pages import _reviews as reviews
from pages import _task_forms as forms
from pages._auth import account
from pages._data import q
from pages._display import downloads, label, lang, num, table, tr
from pages._filters import page_choice, to_address
from pages._scope_notice import write_scope_notice

f = st.session_state["filters"]
L = lang()
who = account()
today = config.today()
st.title(tr("tasks.title"))
forms.show_flash()
write_scope_notice(who.actor, "report_tasks", "review")  # the forms below write only within their scope
reviews.value_words(who.actor)  # the reviewers' words to an editor, first (pages/_reviews.py)
st.caption(tr("tasks.as_of", day=fmt_date(today)))
source = pl.when(pl.col("is_demo")).then(pl.lit(tr("tasks.demo"))).when(~pl.col("is_demo")).then(pl.lit(tr("tasks.reported")))
board = q("task_board", province=f.province, commune=None, agency=None, status=None, as_of=today, plan_start=PLAN_START)

reviews.task_words(who.actor)  # a returned task report's reason above everything, not in a table's 12th column

# --- cần xử lý: what the province has to act on -------------------------------------------------
st.subheader(tr("tasks.todo", province=f.province_name))
if f.period:
    st.caption(tr("tasks.todo_caption", period=fmt_period(f.period)))
    actions = alerts.action_list(
        board, q("action_off_track", province=f.province, period=f.period),
        q("action_not_reported", province=f.province, quarter_end=parse_period(f.period).end),
        q("value_approvals", province=f.province), L,
    )
    counts = alerts.counts(actions)
    for row in (alerts.KINDS[:4], alerts.KINDS[4:]):
        for col, kind in zip(st.columns(4), row, strict=False):
            col.metric(tr(f"action_kind.{kind}"), num(counts[kind], 0), border=True)
    with st.expander(tr("tasks.todo", province=f.province_name) + f" ({num(actions.height, 0)})"):
        kinds = {k: tr(f"action_kind.{k}") for k in alerts.KINDS}
        table(actions.select(
            pl.col("action").replace_strict(kinds, return_dtype=pl.String).alias(tr("tasks.todo_kind")),
            pl.col("commune_name").alias(tr("col.commune_name")), pl.col("subject").alias(tr("tasks.subject")),
            pl.col("detail").alias(tr("tasks.detail")),
            source.alias(tr("tasks.source")),
        ), key="todo", column_config={tr("tasks.subject"): st.column_config.TextColumn(width=320),
                                      tr("tasks.detail"): st.column_config.TextColumn(width=260)})
        downloads(actions, f"can-xu-ly-{f.province}-{f.period}", tr("tasks.todo", province=f.province_name),
                  f.describe("province", "period"),
                  ["queries/task_board.sql", "queries/action_off_track.sql", "queries/action_not_reported.sql",
                   "queries/value_approvals.sql"])

# --- the tasks, red alerts first -----------------------------------------------------------------
every = board.filter(pl.col("commune_code").is_in(list(f.communes))) if f.communes else board
if not every.height:
    st.info(tr("tasks.none"))
    st.stop()
agencies = sorted(set(every["lead_agency"]))
statuses = ["done_verified", "done_awaiting_review", "done_awaiting_evidence", "in_progress", "not_started"]
c1, c2, c3 = st.columns(3)
agency_labels = {"": tr("tasks.all"), **{a: a for a in agencies}}
status_labels = {"": tr("tasks.all"), **{s: tr(f"task.{s}") for s in statuses}}
# the three filters in the address (?agency=, ?task_status=, ?alerts=1): a shared link shows the same tasks
page_choice("agency", list(agency_labels), "", f"t_agency_{L}")
page_choice("task_status", list(status_labels), "", f"t_status_{L}")
page_choice("alerts", ["", "1"], "", "t_alerts", widget_value=lambda v: v == "1")
agency = c1.selectbox(tr("tasks.agency"), list(agency_labels), format_func=agency_labels.get, key=f"t_agency_{L}")
status = c2.selectbox(tr("tasks.status"), list(status_labels), format_func=status_labels.get, key=f"t_status_{L}")
only_alerts = c3.toggle(tr("tasks.red_alerts"), key="t_alerts")
for name, value in (("agency", agency), ("task_status", status), ("alerts", "1" if only_alerts else "")):
    to_address(name, value or None)
shown = every
if agency:
    shown = shown.filter(pl.col("lead_agency") == agency)
if status:
    shown = shown.filter(pl.col("status") == status)
if only_alerts:
    shown = shown.filter(pl.col("red_alert"))

shown = scope.without_people(who.actor, shown)  # who reported and reviewed, the notes and reasons: the scope's only
m1, m2, m3 = st.columns(3)
m1.metric(tr("tasks.total"), num(shown.height, 0))
m2.metric(tr("tasks.done"), num(int((shown["status"] == "done_verified").sum()), 0))  # only accepted completions count
m3.metric(tr("tasks.red_alerts"), num(int(shown["red_alert"].sum()), 0))
if not shown.height:
    st.info(tr("tasks.none"))
else:
    table(
        shown.select(  # what needs attention first: the alert, why, the status; then the task itself
            pl.col("red_alert").alias(tr("col.red_alert")),  # a ticked box: sorts, and needs no emoji font
            alerts.reasons(L).alias(tr("tasks.reasons")),
            label("status", "task").alias(tr("tasks.status")),
            pl.col("percent_complete").alias(tr("col.percent_complete")),
            pl.col("commune_name").alias(tr("col.commune_name")), pl.col("seq").alias(tr("col.seq")), pl.col("task").alias(tr("col.task")),
            pl.col("lead_agency").alias(tr("tasks.agency")),
            pl.when(pl.col("deadline_implied")).then(pl.lit(tr("tasks.implied"))).otherwise(deadlines(shown["deadline_text"], L))
            .alias(tr("col.deadline_text")),
            pl.col("deadline_date").alias(tr("col.deadline_date")),
            pl.col("evidence").alias(tr("col.evidence")),
            pl.col("review_reason").fill_null("").alias(tr("tasks.reviewed")),
            source.alias(tr("tasks.source")),
        ),
        {tr("col.percent_complete"): 0}, dates=(tr("col.deadline_date"),), key="tasks_table",
        column_config={tr("col.red_alert"): st.column_config.CheckboxColumn(tr("col.red_alert"), width=95),
                       tr("tasks.reasons"): st.column_config.TextColumn(width=170),
                       tr("tasks.status"): st.column_config.TextColumn(width=170),
                       tr("col.task"): st.column_config.TextColumn(width=320)},
    )
downloads(shown, f"nhiem-vu-{f.province}", tr("tasks.title"), {
    **f.describe("province", "communes"), tr("tasks.agency"): agency or tr("tasks.all"),
    tr("tasks.status"): status_labels[status], tr("tasks.red_alerts"): tr("export.yes") if only_alerts else tr("tasks.all"),
}, ["queries/task_board.sql", "data/tasks/"])

# --- by role: evidence, reporting, review --------------------------------------------------------
actor = who.actor
forms.evidence_downloads(every, actor)
if actor is not None and actor.may("report_tasks"):
    forms.report_form(every, actor)
if actor is not None and actor.may("review"):
    forms.review_form(every, actor)
