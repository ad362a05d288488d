"""Bản đồ: every commune as a point (no base map, no boundary, no tile server), coloured by its
composite index (queries/ranking.sql) or its overall status (queries/scores.sql, kpi.geo.overall_status),
at national or province extent; a click opens the commune's profile. Positions: queries/commune_positions.sql (the
build loads and checks them, kpi.geo).

As OWID's grapher (kpi.grapher): the same indicator, period, milestone and extent as a map, a chart or a table
(`?view=`), one click apart; the map or the chart as an image (PNG, SVG) with its source line; the rows as data."""

import functools

import polars as pl
import streamlit as st

from kpi import geo, grapher
from kpi.i18n import fmt_number, fmt_period
from kpi.labels import words
from pages._data import info, q, ranking_table
from pages._display import downloads, is_demo, lang, table, tr
from pages._filters import group_names, indicator_name, milestone_note, page_choice, scores, to_address
from pages._published import map_values, relabel_map


def say(key: str, **fields: object) -> str:
    return tr(f"map.{key}", **fields)


f = st.session_state["filters"]
heading = st.empty()  # the title names the extent chosen below
views = {v: say(f"view.{v}") for v in grapher.VIEWS}
page_choice("view", list(views), "map", "map_view")
st.session_state.setdefault("map_view", "map")
view = st.segmented_control(say("view"), list(views), format_func=views.get, key="map_view", required=True)
to_address("view", view if view != "map" else None)
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
ranking = map_values(province, f.province_name) if published else ranking_table(f.period, province)
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
value = "points" if published else "attainment" if f.indicator else f"score_{f.group}" if f.group else "index"
title = labels["index"] if published else f"{what}: {say('attainment')}" if f.indicator else what or tr("filter.index")
scope = f.province_name if province else say("national")
against = colour_by == "status" or (f.indicator and not published)  # what the milestone changes here
subtitle = " · ".join([scope, *(() if published else (fmt_period(f.period),)),
                       *((str(f.milestone) if f.milestone else tr("scorecard.next_milestone"),) if against else ())])
values = tr("published.map") if published else tr("demo.export" if is_demo() else "real.export")
source = say("source_line", version=info().get("data_version", "?"), values=values, positions=geo.SOURCE)
stem = f"ban-do-{f.indicator or value}-{province or 'ca-nuoc'}-{f.period}"
image = None
if view == "map":
    fig = geo.map_figure(frame, lang(), labels, "index" if published else colour_by, province, height=560 if province else 760,
                         highlight=f.communes)
    fig = relabel_map(fig) if published else fig
    event = st.plotly_chart(fig, on_select="rerun", selection_mode="points", key="map",
                            config={"scrollZoom": True, "displaylogo": False,  # images: the PNG/SVG below, with
                                    "modeBarButtonsToRemove": ["toImage"]})  # their source line
    st.caption(say("hint"))
    code = geo.clicked(list(event.selection.points)) if event else None
    if code is not None:
        hit = frame.filter(pl.col("commune_code") == code)
        if hit.height:
            target = hit["province_code"][0]
            st.switch_page("pages/profile.py", query_params=geo.profile_params(
                st.query_params.to_dict(), code, target))
    image = grapher.map_spec(frame, labels["index"], lang(), colour_by="index" if published else colour_by,
                             chosen=f.communes, title=title, subtitle=subtitle, source=source,
                             height=560 if province else 900)
elif view == "chart":
    bars = grapher.bars(frame, province, f.communes, f.province)
    who = {"chosen_word": say("chosen_communes") if province else say("chosen_province"),
           "others_word": say("other_communes") if province else say("other_provinces")}
    image = grapher.chart_spec(bars, labels["index"], lang(), title=title, subtitle=subtitle, source=source, **who)
    st.markdown(f"**{title}**")
    st.caption(subtitle)
    st.vega_lite_chart(grapher.chart_view(bars, labels["index"], lang(), width="container", **who), width="stretch",
                       key="map_chart")
    st.caption(source + (f" {say('chart_national')}" if not province else ""))
exported = grapher.rows(frame, value, demo=not published and is_demo())
if view == "table":
    decimals = 2 if published else 1
    shown = exported.select("province_name", "commune_name", value, *(
        [pl.col("status").replace_strict(words("status", lang()), default=pl.col("status")).alias(say("status"))]
        if "status" in exported.columns else []))
    shown = shown.filter(pl.col(value).is_not_null()).sort(value, descending=True, nulls_last=True)
    table(shown.rename({"province_name": say("col.province"), "commune_name": say("col.name"), value: labels["index"]}),
          {labels["index"]: decimals})
if image is not None:  # drawn on click (vl-convert, about a second), as the workbook is built
    one, two, _ = st.columns(3)
    one.download_button(say("png"), functools.partial(grapher.png, image), f"{stem}.png", "image/png", key="map-png",
                        help=say("image_help"), icon=":material/image:", on_click="ignore")
    two.download_button(say("svg"), functools.partial(grapher.svg, image), f"{stem}.svg", "image/svg+xml", key="map-svg",
                        help=say("image_help"), icon=":material/image:", on_click="ignore")
keys = (("province",) if province else ()) + (() if published else ("period",)) + (
    ("indicator",) if f.indicator else ("group",) if f.group else ()) + (("milestone",) if against and not published else ())
downloads(exported, stem, say("title", scope=scope), {say("extent"): extents[extent], say("colour"): colours[colour_by],
                                                      **f.describe(*keys)},
          ["queries/ranking.sql", *(["queries/scores.sql"] if scored is not None else []), "queries/commune_positions.sql",
           "data/commune_positions.csv"])

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
