"""Tình hình báo cáo (DHIS2's reporting rate), for province reviewers, administrators and leadership (viewers):
per commune and quarter of a province, who reported, how many of the expected values, on time or late (the
deadline of seed 003, IV.2.1: kpi.completeness), and the communes that have not reported the quarter ("chưa
báo cáo quý này"). A reviewer sees their own province; the importers' addresses only within the reader's
scope. Query queries/completeness.sql; logic kpi.completeness; this page only lays them out."""

import polars as pl
import streamlit as st

from kpi import completeness, config
from kpi.i18n import fmt_date, fmt_period
from kpi.periods import quarters
from kpi.tasks import PLAN_START
from pages._auth import account
from pages._data import q
from pages._display import downloads, lang, num, table, tr

L = lang()
f = st.session_state["filters"]
who = account()
st.title(tr("completeness.title"))
st.caption(tr("completeness.caption", rule=tr("completeness.deadline_rule")))
actor = who.actor
if actor is None or not (actor.may("review") or actor.role == "viewer"):  # not listed for them; a stale link
    st.warning(tr("auth.not_configured" if not who.configured else "auth.no_account"), icon=":material/lock:")
    st.stop()
province = actor.province if actor.role == "province_reviewer" else f.province
province_name = dict(q("provinces").select("province_code", "province_name").iter_rows()).get(province, province)
today = config.today()
options = [p.label for p in quarters(completeness.quarter_of(PLAN_START), completeness.quarter_of(today))][::-1]
quarter = st.selectbox(tr("completeness.quarter"), options, format_func=fmt_period, key="completeness_quarter")
judged = completeness.judge(q("completeness", **completeness.params(province, quarter, quarter)), today)
st.subheader(f"{province_name} · {fmt_period(quarter)}")
st.caption(tr("completeness.due", day=fmt_date(completeness.due_date(quarter))))
counts = completeness.summary(judged)
for col, key, value in zip(st.columns(4), ("completeness.reported", "completeness.on_time", "completeness.late",
                                           "completeness.missing"),
                           (f"{num(counts['reported'], 0)} / {num(counts['communes'], 0)}", num(counts["on_time"], 0),
                            num(counts["late"], 0), num(counts["missing"] + counts["not_due"], 0)), strict=True):
    col.metric(tr(key), value, border=True)

waiting = completeness.not_reported(judged, quarter)
st.subheader(tr("completeness.reminders", n=num(waiting.height, 0)))
if not waiting.height:
    st.caption(tr("completeness.reminders_none"))
else:
    table(waiting.select(pl.col("commune_code").alias(tr("col.commune_code")),
                         pl.col("commune_name").alias(tr("col.commune_name")),
                         pl.col("values_expected").alias(tr("col.values_expected"))),
          {tr("col.values_expected"): 0}, key="completeness_reminders")

st.subheader(tr("completeness.by_commune"))
sees_people = actor.may("review")  # the importers' addresses: reviewers of the province, administrators
shown = judged.sort(["timeliness", "commune_name"])
table(shown.select(
    pl.col("commune_name").alias(tr("col.commune_name")),
    pl.col("values_reported").alias(tr("col.values_reported")),
    pl.col("values_expected").alias(tr("col.values_expected")),
    (pl.col("reported_share") * 100).alias(tr("col.reported_share")),
    pl.col("timeliness").replace_strict({k: tr(f"timeliness.{k}") for k in completeness.TIMELINESS},
                                        return_dtype=pl.String).alias(tr("col.timeliness")),
    pl.col("first_reported_at").dt.convert_time_zone("Asia/Ho_Chi_Minh").dt.strftime("%d/%m/%Y %H:%M")
    .alias(tr("col.first_reported_at")),
    *([pl.col("reported_by").alias(tr("col.reported_by"))] if sees_people else []),
), {tr("col.values_reported"): 0, tr("col.values_expected"): 0, tr("col.reported_share"): 0}, key="completeness_table")
export = completeness.exported(shown if sees_people else shown.with_columns(reported_by=pl.lit(None, pl.String)))
downloads(export, f"tinh-hinh-bao-cao-{province}-{quarter}", tr("completeness.title"),
          {tr("filter.province"): province_name, tr("completeness.quarter"): fmt_period(quarter)},
          ["queries/completeness.sql", "kpi/completeness.py (seed 003, IV.2.1)"])
