"""Lộ trình: reported values, required path, milestone targets, projection and province average."""

import polars as pl
import streamlit as st

from kpi import charts
from pages._shared import commune_names, downloads, indicator_name, label, lang, q, table, tr

f = st.session_state["filters"]
st.title(tr("trajectory.title"))
if not f.indicator:
    st.info(tr("trajectory.pick_indicator"))
    st.stop()
if not f.communes:
    st.info(tr("trajectory.pick_communes"))
    st.stop()

name = indicator_name(f.indicator)
unit = q("indicators", group=None).filter(pl.col("indicator_code") == f.indicator)["unit"][0]
st.caption(f"{name} ({unit}) · {f.province_name}")
communes = list(f.communes)
reported = q("trajectory", communes=communes, indicator=f.indicator)
scores = q("scores", period=f.period, province=f.province, commune=None, group=None).filter(
    pl.col("commune_code").is_in(communes) & (pl.col("indicator_code") == f.indicator)
)
targets = q("milestone_targets", communes=communes, indicator=f.indicator)
if not reported.height:
    st.info(tr("empty.no_rows"))
else:
    st.plotly_chart(charts.trajectory(reported, scores, targets, lang(), unit, f.year), key="trajectory")
downloads(reported, f"lo-trinh-{f.indicator}-{f.province}", f"{tr('trajectory.title')}: {name}", f.describe())
if targets.height:
    st.subheader(tr("trajectory.milestones"))
    st.caption(tr("trajectory.horizon", year=f.year))
    names = commune_names(f.province)
    table(
        targets.select(
            pl.col("commune_code").replace_strict(names, default=pl.col("commune_code")).alias(tr("col.commune_name")),
            pl.col("year").alias(tr("col.milestone")),
            pl.col("comparator").alias(tr("col.comparator")),
            pl.col("value").alias(tr("col.target")),
            pl.col("value_max").alias(tr("col.target_max")),
            label("source_level", "level").alias(tr("col.target_source")),
            pl.col("citation").alias(tr("col.citation")),
        ),
        {tr("col.target"): 1, tr("col.target_max"): 1},
    )
