"""Bản đồ: every commune as a point (no base map, no boundary, no tile server), coloured by its
composite index (queries/ranking.sql) or its overall status (queries/scores.sql, kpi.geo.overall_status),
at national or province extent; a click opens the commune's profile. Positions: queries/commune_positions.sql (the
build loads and checks them, kpi.geo)."""

import polars as pl
import streamlit as st

from kpi import geo
from kpi.i18n import fmt_number
from pages._data import q
from pages._display import downloads, lang, table, tr
from pages._filters import group_names, indicator_name, milestone_note, page_choice, scores, to_address
from pages._published import map_values, relabel_map


def say(key: str, **fields: object) -> str:
    return tr(f"map.{key}", **fields)


f = st.session_state["filters"]
heading = st.empty()  # the title names the extent chosen below
left, right = st.columns(2)
extents = {v: say(f"extent.{v}") for v in ("national", "province")}
colours = {v: say(f"colour.{v}") for v in ("index", "status")} | {"published": tr("published.map")}
page_choice("scope", list(extents), "national", "map_extent")  # both in the address: a shared link shows this view
page_choice("colour", list(colours), "index", "map_colour")
extent = left.radio(say("extent"), list(extents), format_func=extents.get, horizontal=True, key="map_extent")
colour_by = right.radio(say("colour"), list(colours), format_func=colours.get, horizontal=True, key="map_colour")
to_address("scope", extent if extent != "national" else None)
to_address("colour", colour_by if colour_by != "index" else None)
province = f.province if extent == "province" else None
heading.title(say("title", scope=f.province_name if province else say("national")))
# what the points show: the chosen indicator's attainment and status, else the chosen group's score and status,
# else the composite index and every indicator's status
what = indicator_name(f.indicator) if f.indicator else (group_names()[f.group] if f.group else None)
if what and colour_by != "published":  # the published index is shown as published, whatever is chosen
    st.caption(say("of", what=what))
milestone_note(f)  # statuses and an indicator's attainment against it; the index stays (the note says so)

if f.period is None:
    st.info(say("no_data"))
    st.stop()

placed = q("commune_positions")  # the build loaded and checked them (kpi.geo.Position)
units = q("units", province=province)
published = colour_by == "published"  # Bộ chỉ số 766's stored points: no milestone, indicator or group rescores them
ranking = map_values(province, f.province_name) if published else q("ranking", period=f.period, province=province)
scored = scores(f, province, f.group) if colour_by == "status" or (f.indicator and not published) else None  # against the sidebar's milestone
if f.indicator and not published:
    scored = scored.filter(pl.col("indicator_code") == f.indicator)
    ranking = scored.select("commune_code", pl.col("attainment").alias("index"))
elif f.group and not published:
    ranking = ranking.select("commune_code", pl.col(f"score_{f.group}").alias("index"))
status = geo.overall_status(scored) if colour_by == "status" else None
frame = geo.map_frame(units, ranking, placed, status)
labels = {"status": say("status"), "no_index": say("no_index"),
          "index": tr("published.map") if published else say("attainment") if f.indicator else what or tr("col.index")}
fig = geo.map_figure(frame, lang(), labels, "index" if published else colour_by, province, height=560 if province else 760,
                     highlight=f.communes)
fig = relabel_map(fig) if published else fig
event = st.plotly_chart(fig, on_select="rerun", selection_mode="points", key="map",
                        config={"scrollZoom": True, "displaylogo": False})
st.caption(say("hint"))

code = geo.clicked(list(event.selection.points)) if event else None
if code is not None:
    hit = frame.filter(pl.col("commune_code") == code)
    if hit.height:
        target = hit["province_code"][0]
        st.switch_page("pages/profile.py", query_params=geo.profile_params(
            st.query_params.to_dict(), code, target))

missing = geo.not_placed(units, placed, q("commune_unplaced"))
st.caption(say("placed", placed=fmt_number(units.height - missing.height, lang(), 0), total=fmt_number(units.height, lang(), 0),
               missing=fmt_number(missing.height, lang(), 0)))
if missing.height:
    with st.expander(say("unplaced", n=missing.height)):
        table(missing.rename({"commune_code": say("col.code"), "commune_name": say("col.name"),
                              "province_name": say("col.province"), "reason": say("col.reason")}))
        downloads(missing, "don-vi-chua-co-vi-tri", say("unplaced", n=missing.height),
                  {say("extent"): say("extent.province") if province else say("extent.national")},
                  ["queries/commune_positions.sql", "queries/commune_unplaced.sql", "data/commune_positions.csv",
                   "data/commune_positions_unplaced.csv"])
st.caption(say("source", package=geo.SOURCE_PACKAGE, version=geo.SOURCE_VERSION, url=geo.SOURCE_URL, licence=geo.SOURCE_LICENCE))
