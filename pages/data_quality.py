"""Chất lượng dữ liệu: the plans' restated, conflicting, recurring and interpreted targets, every row
with its citation (queries/plan_targets.sql over the rows of data/plans/*.csv)."""

import polars as pl
import streamlit as st

from kpi.i18n import fmt_number
from pages._shared import downloads, label, lang, q, table, tr

FLAGS = ("conflict", "restated", "recurring", "interpreted")

st.title(tr("quality.title"))
st.caption(tr("quality.caption"))

counts = {flag: q("plan_targets", flag=flag).height for flag in FLAGS}
for col, flag in zip(st.columns(len(FLAGS)), FLAGS, strict=True):
    col.metric(tr(f"flag.{flag}"), fmt_number(counts[flag], lang(), 0))

labels = {flag: tr(f"flag.{flag}") for flag in FLAGS}
flag = st.segmented_control(tr("quality.kind"), FLAGS, default="conflict", format_func=labels.get, key=f"q_flag_{lang()}") or "conflict"
rows = q("plan_targets", flag=flag)
names = dict(q("indicators", group=None).select("indicator_code", "name_en" if lang() == "en" else "name_vi").iter_rows())
rows_shown = rows.select(
    pl.col("commune_name").fill_null("–").alias(tr("col.commune_name")),
    pl.col("indicator_code").replace_strict(names, default=pl.col("indicator_code")).alias(tr("col.name")),
    pl.col("year").cast(pl.String).fill_null(tr("flag.recurring")).alias(tr("col.milestone")),
    label("comparator", "comparator").alias(tr("col.comparator")),
    pl.col("value").alias(tr("col.target")),
    pl.col("value_max").alias(tr("col.target_max")),
    pl.col("unit").alias(tr("col.unit")),
    pl.col("is_effective").alias(tr("col.effective")),
    label("flag", "flag").alias(tr("col.flag")),
    pl.col("citation").alias(tr("col.citation")),
    pl.col("also_cited").alias(tr("col.also_cited")),
)
if rows_shown.height:
    table(rows_shown, {tr("col.target"): 1, tr("col.target_max"): 1})
else:
    st.info(tr("empty.no_rows"))
downloads(rows, f"chat-luong-du-lieu-{flag}", tr("quality.title"), {tr("quality.kind"): labels[flag]},
          ["queries/plan_targets.sql", "data/plans/"])
