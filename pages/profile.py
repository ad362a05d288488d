"""Hồ sơ xã: one commune's scorecard (value, effective target and its citation, status, gap to the
province average) and its plan's tasks with red alerts."""

import polars as pl
import streamlit as st

from kpi.build import PLAN_START
from kpi.periods import parse_period
from pages._shared import commune_names, downloads, from_address, label, lang, num, q, table, tr

f = st.session_state["filters"]
names = commune_names(f.province)
codes = list(names)
wanted = from_address("commune", codes)
default = wanted or (f.communes[0] if f.communes else codes[0])
commune = st.selectbox(tr("profile.pick"), codes, index=codes.index(default), format_func=names.get, key=f"p_commune_{f.province}_{lang()}")
st.query_params["commune"] = commune
st.title(tr("profile.title", commune=names[commune]))

if f.period is None:
    st.info(tr("overview.no_data"))
    st.stop()
card = q("commune_profile", commune=commune, period=f.period)
if f.group:
    card = card.filter(pl.col("group_code") == f.group)
if not card.height:
    st.info(tr("profile.no_scores"))
else:
    if (card["source_level"] != "commune").all():
        st.info(tr("profile.inherited"))
    en = lang() == "en"
    st.subheader(tr("profile.scorecard"))
    shown = card.select(
        pl.col("group_name_en" if en else "group_name_vi").alias(tr("col.group")),
        pl.col("indicator_name_en" if en else "indicator_name_vi").alias(tr("col.name")),
        pl.col("unit").alias(tr("col.unit")),
        pl.col("latest_value").alias(tr("col.latest")),
        pl.when(pl.col("is_demo")).then(pl.lit(tr("source.demo"))).otherwise(pl.lit(tr("source.report"))).alias(tr("col.value_source")),
        label("target_comparator", "comparator").alias(tr("col.comparator")),
        pl.col("target_value").alias(tr("col.target")),
        pl.col("next_milestone_year").alias(tr("col.milestone")),
        label("status", "status").alias(tr("col.status")),
        pl.col("attainment").alias(tr("col.attainment")),
        pl.col("gap_to_province_average").alias(tr("col.gap")),
        label("source_level", "level").alias(tr("col.target_source")),
        pl.col("citation").alias(tr("col.citation")),
    )
    table(shown, {tr("col.latest"): 1, tr("col.target"): 1, tr("col.attainment"): 1, tr("col.gap"): 1})
    downloads(card, f"ho-so-xa-{commune}-{f.period}", tr("profile.title", commune=names[commune]), f.describe())

st.subheader(tr("profile.tasks"))
as_of = parse_period(f.period).end
tasks = q("task_board", province=None, commune=commune, agency=None, status=None, as_of=as_of, plan_start=PLAN_START)
if not tasks.height:
    st.info(tr("profile.no_tasks"))
else:
    st.metric(tr("tasks.red_alerts"), num(int(tasks["red_alert"].sum()), 0))
    table(
        tasks.select(
            pl.col("seq").alias(tr("col.seq")), pl.col("task").alias(tr("col.task")), pl.col("lead_agency").alias(tr("tasks.agency")),
            pl.col("deadline_text").alias(tr("col.deadline")),
            label("status", "task").alias(tr("tasks.status")),
            pl.col("percent_complete").alias(tr("col.percent")),
            pl.when(pl.col("red_alert")).then(pl.lit("🔴")).otherwise(pl.lit("")).alias(tr("col.red_alert")),
        ),
        {tr("col.percent"): 0},
    )
    downloads(tasks, f"nhiem-vu-{commune}", tr("profile.tasks"), f.describe())
