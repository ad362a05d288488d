"""Tổng quan: the province's index, communes by status per group, the index ranking, the heatmap."""

import polars as pl
import streamlit as st

from kpi import charts
from pages._shared import downloads, label, lang, num, q, tr

f = st.session_state["filters"]
st.title(tr("overview.title", province=f.province_name))

ranking = q("ranking", period=f.period, province=f.province) if f.period else pl.DataFrame()
if not ranking.height:
    st.info(tr("overview.no_data"))
    st.stop()

ranked = ranking.filter(pl.col("index").is_not_null())
c1, c2, c3 = st.columns(3)
c1.metric(tr("overview.index"), num(ranked["province_average"][0] if ranked.height else None))
c2.metric(tr("overview.ranked"), num(ranked.height, 0))
c3.metric(tr("overview.communes"), num(ranking.height, 0))

st.subheader(tr("overview.status_by_group"))
status = q("overview_status", province=f.province, period=f.period, group=f.group)
st.plotly_chart(charts.status_by_group(status, lang()), key="status_by_group")
downloads(
    status.with_columns(label("status", "status").alias("status_label")),
    f"tong-quan-tinh-trang-{f.province}-{f.period}", tr("overview.status_by_group"), f.describe(),
)

st.subheader(tr("overview.index_ranking"))
st.plotly_chart(charts.index_ranking(ranking, lang()), key="index_ranking")
downloads(ranking, f"xep-hang-chi-so-{f.province}-{f.period}", tr("overview.index_ranking"), f.describe())

st.subheader(tr("overview.heatmap"))
grid = q("heatmap", province=f.province, period=f.period, group=f.group)
if grid.height:
    st.plotly_chart(charts.heatmap(grid, lang()), key="heatmap")
else:
    st.info(tr("empty.no_rows"))
downloads(grid, f"ban-do-nhiet-{f.province}-{f.period}", tr("overview.heatmap"), f.describe())
