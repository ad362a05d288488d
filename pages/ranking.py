"""Xếp hạng: communes against the province average, on one indicator or the composite index."""

import polars as pl
import streamlit as st

from kpi import charts
from kpi.i18n import fmt_period
from kpi.scoring import INDEX_DECIMALS, pace_arrow
from pages._data import q
from pages._display import decimals_of, downloads, label, lang, table, tr
from pages._filters import group_names, indicator_name, milestone_note, scores
from pages._navigation import grapher_link
from pages._published import ranking_section

f = st.session_state["filters"]
st.title(tr("ranking.title"))
group = f.group if not f.indicator else None  # a group without an indicator: ranked on the group's score
what = indicator_name(f.indicator) if f.indicator else (group_names()[group] if group else tr("filter.index"))
st.caption(f"{f.province_name} · {tr('ranking.of', what=what)} · {fmt_period(f.period)}")
milestone_note(f)  # by indicator: its statuses against the milestone; the index and ranks stay (the note says so)

if f.period is None:
    st.info(tr("overview.no_data"))
    ranking_section(f)  # the published index exists where the demo values do not
    st.stop()
if f.indicator:
    frame = q("ranking_by_indicator", province=f.province, indicator=f.indicator, period=f.period, previous=f.previous)
    if f.milestone:  # status and pace needed against the sidebar's milestone (none for a commune without a target for it)
        at = scores(f, f.province).filter(pl.col("indicator_code") == f.indicator).select(
            "commune_code", "status", "pace_needed_per_year")
        frame = frame.drop("status", "pace_needed_per_year").join(at, on="commune_code", how="left", maintain_order="left").select(frame.columns)
elif group:
    frame = q("ranking_by_group", province=f.province, group=group, period=f.period, previous=f.previous)
else:
    frame = q("ranking_by_index", province=f.province, period=f.period, previous=f.previous)
if not frame.height:
    st.info(tr("overview.no_data"))
    ranking_section(f)  # the published index exists where the demo values do not
    st.stop()

places = decimals_of(f.indicator) if f.indicator else INDEX_DECIMALS  # an indicator's values, or the 0-100 index
st.plotly_chart(charts.diverging(frame, lang(), what, f.communes, places), key="diverging")

shown = frame.select(
    pl.col("rank_province").alias(tr("col.rank")),
    charts.mark_chosen(pl.col("commune_name"), pl.col("commune_code"), f.communes).alias(tr("col.commune_name")),
    pl.col("value").alias(tr("col.value")),
    pl.col("gap_to_province_average").alias(tr("col.gap_to_province_average")),
    pl.col("change_since_previous").alias(tr("col.change_since_previous")),
    pl.col("rank_change").alias(tr("col.rank_change")),
    *([label("status", "status").alias(tr("col.status")),
       pace_arrow(pl.col("status"), pl.col("pace_per_year"), pl.col("pace_needed_per_year")).alias(tr("col.pace_trend"))]
      if "status" in frame.columns else []),
)
selection = table(
    shown, {**dict.fromkeys((tr("col.value"), tr("col.gap_to_province_average"), tr("col.change_since_previous")), places), tr("col.rank"): 0, tr("col.rank_change"): 0},
    on_select="rerun", selection_mode="single-row", key="ranking_table",
)
rows = selection.selection.rows if selection else []
if rows:
    commune = frame["commune_code"][rows[0]]
    st.switch_page("pages/profile.py", query_params={**st.query_params.to_dict(), "commune": commune})
st.caption(tr("ranking.select_hint"))
names = dict(frame.select("commune_code", "commune_name").iter_rows())
pick, go = st.columns([3, 1], vertical_alignment="bottom")
chosen = pick.selectbox(tr("ranking.open"), list(names), format_func=names.get, key=f"r_open_{f.province}_{lang()}")
if go.button(tr("ranking.open_button"), key="r_open_go"):
    st.switch_page("pages/profile.py", query_params={**st.query_params.to_dict(), "commune": chosen})
source = "ranking_by_indicator" if f.indicator else ("ranking_by_group" if group else "ranking_by_index")
downloads(frame, f"xep-hang-{f.indicator or group or 'chi-so'}-{f.province}-{f.period}", tr("ranking.title"),
          f.describe("province", "indicator", "period", *(("milestone",) if f.indicator and f.milestone else ()),
                     *(("group",) if group else ())),
          [f"queries/{source}.sql"])
grapher_link()  # the same on Bản đồ as a map, a chart and a table
ranking_section(f)  # Bộ chỉ số 766, real published values (pages/_published.py)
