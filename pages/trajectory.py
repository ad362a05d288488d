"""Lộ trình: reported values, required path, milestone targets, projection and province average."""

import polars as pl
import streamlit as st

from kpi import charts
from kpi.scorecard.text import carries_unit
from pages._data import q
from pages._display import decimals_of, downloads, label, lang, table, tr
from pages._filters import commune_names, indicator_name, milestone_note, scores
from pages._navigation import grapher_link

f = st.session_state["filters"]
st.title(tr("trajectory.title"))
if not f.communes:
    st.info(tr("trajectory.pick_communes"))
    st.stop()

communes = list(f.communes)
scored = scores(f, f.province, f.group).filter(pl.col("commune_code").is_in(communes))  # against the sidebar's milestone
milestone_note(f)
indicator = f.indicator
if indicator is None:  # open on the first indicator (catalogue order) with data and a target for these communes
    with_data = scored.filter(pl.col("latest_value").is_not_null())["indicator_code"].unique().to_list()
    catalogue = q("indicators", group=f.group)["indicator_code"].to_list()
    indicator = next((code for code in catalogue if code in with_data), None)
    if indicator is None:
        st.info(tr("trajectory.pick_indicator"))
        st.stop()
    st.caption(tr("trajectory.default_indicator"))

name = indicator_name(indicator)
catalogued = q("indicators", group=None).filter(pl.col("indicator_code") == indicator)
unit = catalogued["unit"][0]
unit_shown = catalogued["unit_en" if lang() == "en" else "unit"][0]  # the chart's and the heading's; exports keep the catalogue's unit
shown_unit = "" if carries_unit(name, unit_shown) else f" ({unit_shown})"  # the unit said once, as Hồ sơ xã says it
st.subheader(f"{name}{shown_unit} · {f.province_name}")
reported = q("trajectory", communes=communes, indicator=indicator)
# the direction tells the chart's required path which way "never back below what has been reached" points
scores = scored.filter(pl.col("indicator_code") == indicator).with_columns(direction=pl.lit(catalogued["direction"][0]))
horizon = int(scores["next_milestone_year"].max() or f.milestone or 2030)  # 2030 too when no chosen commune has a milestone ahead
targets = q("milestone_targets", communes=communes, indicator=indicator)
if not reported.height:
    st.info(tr("empty.no_rows"))
else:
    st.plotly_chart(charts.trajectory(reported, scores, targets, lang(), unit_shown, horizon, decimals_of(indicator)), key="trajectory")
downloads(reported, f"lo-trinh-{indicator}-{f.province}", f"{tr('trajectory.title')}: {name}",
          {**f.describe("province", "communes"), tr("filter.indicator"): name}, ["queries/trajectory.sql"], unit=unit)
grapher_link(indicator)  # this indicator on Bản đồ as a map, a chart and a table
if targets.height:
    st.subheader(tr("trajectory.milestones"))
    names = commune_names(f.province)
    # the next milestone each chosen commune really has (none named for a commune without a target)
    nexts = scores.filter(pl.col("next_milestone_year").is_not_null()).select("commune_code", "next_milestone_year").unique()
    if f.milestone and nexts.height:
        st.caption(tr("trajectory.chosen_horizon", year=f.milestone))
    elif nexts["next_milestone_year"].n_unique() == 1:
        st.caption(tr("trajectory.horizon", year=nexts["next_milestone_year"][0]))
    elif nexts.height:
        each = ", ".join(f"{names.get(c, c)}: {y}" for c, y in nexts.sort("commune_code").iter_rows())
        st.caption(tr("trajectory.horizons", each=each, year=horizon))
    table(
        targets.select(
            pl.col("commune_code").replace_strict(names, default=pl.col("commune_code")).alias(tr("col.commune_name")),
            pl.col("year").alias(tr("col.year")),
            label("comparator", "comparator").alias(tr("col.target_comparator")),
            pl.col("value").alias(tr("col.target_value")),
            pl.col("value_max").alias(tr("col.target_value_max")),
            label("source_level", "level").alias(tr("col.source_level")),
            pl.col("citation").alias(tr("col.citation")),
            pl.col("url").alias(tr("col.url")),
        ),
        dict.fromkeys((tr("col.target_value"), tr("col.target_value_max")), decimals_of(indicator)),
        column_config={tr("col.url"): st.column_config.LinkColumn(tr("col.url"))},
    )
    downloads(
        targets, f"moc-muc-tieu-{indicator}-{f.province}", f"{tr('trajectory.milestones')}: {name}",
        {**f.describe("province", "communes"), tr("filter.indicator"): name}, ["queries/milestone_targets.sql", "data/plans/", "data/province_targets.csv", "data/national_targets.csv"],
        unit=unit,
    )
