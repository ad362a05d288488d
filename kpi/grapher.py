"""One indicator as Our World in Data's grapher shows it (issue 32, item 10): the same rows (one indicator, or the
chosen group's score, or the composite index; one period; one milestone; one extent) as a map, a chart and a table,
one click apart on Bản đồ, and the map or the chart as an image (PNG, SVG) carrying its title and its source line.

The images are Vega-Lite specs drawn by vl-convert on the server (no browser, as the province summary's map,
kpi/scorecard/vega.py); the chart on the page is the same spec, so what is downloaded is what was seen.
"""

from __future__ import annotations

from typing import Any, Literal

import polars as pl

from kpi import labels
from kpi.geo import INDEX_SCALE, NO_INDEX_COLOUR
from kpi.scorecard.vega import SCHEMA, _converter, _locale
from kpi.scoring import STATUS_COLOURS, combined_statuses

Spec = dict[str, Any]
View = Literal["map", "chart", "table"]
VIEWS: tuple[View, ...] = ("map", "chart", "table")
CHOSEN_COLOUR = "#c62828"  # the sidebar's communes (or province), as the map's ringed diamonds mark them
OTHER_COLOUR = "#5c6bc0"
WIDTH = 720  # px of an image's plot; PNGs are drawn at twice that
FONT = "DejaVu Sans"  # every text in one face that has Vietnamese letters (Debian's fonts-dejavu-core, in the image)


def rows(frame: pl.DataFrame, value: str, demo: bool) -> pl.DataFrame:
    """The table (and the download) of a map frame (kpi.geo.map_frame): its `index` column named for what it holds
    (`index`, `attainment`, `score_<group>`, `points`), positions last; `is_demo` says whose values these are."""
    status = ["status"] if "status" in frame.columns else []
    return frame.rename({"index": value} if value != "index" else {}).select(
        "province_code", "province_name", "commune_code", "commune_name", value, *status, "latitude", "longitude",
        pl.lit(demo).alias("is_demo"),
    )


def bars(frame: pl.DataFrame, province: str | None, chosen: tuple[str, ...], chosen_province: str | None) -> pl.DataFrame:
    """What the chart draws (name, value, chosen, and status when the map is coloured by it): a province's communes
    with a value, best first; the whole country as each province's average over its communes with a value (the
    chosen province marked), its status its communes' overall statuses combined by majority (kpi.scoring)."""
    valued = frame.filter(pl.col("index").is_not_null())
    status = ["status"] if "status" in frame.columns else []
    if province is not None:
        out = valued.select(pl.col("commune_name").alias("name"), pl.col("index").alias("value"),
                            pl.col("commune_code").is_in(list(chosen)).alias("chosen"), *status)
    else:
        out = valued.group_by("province_code", "province_name").agg(pl.col("index").mean().alias("value")).select(
            "province_code", pl.col("province_name").alias("name"), "value",
            (pl.col("province_code") == (chosen_province or "")).alias("chosen"))
        if status:
            out = out.join(combined_statuses(frame, ["province_code"]), on="province_code", how="left")
        out = out.drop("province_code")
    return out.sort(["value", "name"], descending=[True, False])


def _framed(view: Spec, title: str, subtitle: str, source: str, lang: str) -> Spec:
    """A view with its title and subtitle above and its source line below (a composition's bottom title)."""
    return {
        "$schema": SCHEMA,
        "vconcat": [{**view, "title": {"text": title, "subtitle": subtitle, "anchor": "start", "fontSize": 15,
                                       "subtitleFontSize": 12, "subtitleColor": "#424242"}}],
        "title": {"text": source, "orient": "bottom", "anchor": "start", "fontSize": 10, "fontWeight": "normal",
                  "color": "#616161", "offset": 12},
        "background": "white",
        "padding": 12,
        "config": {"view": {"stroke": None}, "locale": _locale(lang), "font": FONT},
    }


def chart_view(drawn: pl.DataFrame, value_title: str, lang: str, *, chosen_word: str, others_word: str,
               width: int | str = WIDTH) -> Spec:
    """Horizontal bars of `bars(...)`, 0-100, best first, each with its value: coloured by status when `drawn` has
    one (the chosen ones outlined in black), else the chosen ones in red. The page draws it across its column
    (width "container"), the image at WIDTH inside its title and source line."""
    by_status = "status" in drawn.columns
    words = labels.words("status", lang)
    data = drawn.with_columns(pl.when(pl.col("chosen")).then(pl.lit(chosen_word)).otherwise(pl.lit(others_word))
                              .alias("who"))
    if by_status:
        domain = [s for s in STATUS_COLOURS if s in set(drawn["status"])]
        data = data.with_columns(pl.col("status").replace_strict(words, default=pl.col("status")))
        colour = {"field": "status", "type": "nominal", "title": None,
                  "scale": {"domain": [words.get(s, s) for s in domain], "range": [STATUS_COLOURS[s] for s in domain]},
                  "legend": {"orient": "bottom", "columns": 1, "symbolStrokeWidth": 0}}
    else:
        colour = {"field": "who", "type": "nominal", "title": None,
                  "scale": {"domain": [chosen_word, others_word], "range": [CHOSEN_COLOUR, OTHER_COLOUR]},
                  "legend": {"orient": "bottom", "columns": 1}}  # one entry a line: a phone fits it
    y = {"field": "name", "type": "nominal", "sort": None, "title": None,
         "axis": {"labelLimit": 160, "labelFontSize": 11, "labelOverlap": False}}
    x = {"field": "value", "type": "quantitative", "scale": {"domain": [0, 100]}, "title": value_title}
    return {
        "width": width,
        "height": {"step": 22},  # a line of DejaVu Sans at 11 px: every province's name shown
        "data": {"values": data.to_dicts()},
        "layer": [
            {"mark": {"type": "bar", "height": {"band": 0.75}, "stroke": "#000000"},
             "encoding": {"y": y, "x": x, "color": colour,
                          "strokeWidth": {"condition": {"test": "datum['chosen']", "value": 2 if by_status else 0},
                                          "value": 0},
                          "tooltip": [{"field": "name", "title": " "}, {"field": "value", "format": ".1f", "title": value_title},
                                      *([{"field": "status", "title": " "}] if by_status else [])]}},
            {"mark": {"type": "text", "align": "left", "dx": 3, "fontSize": 10},
             "encoding": {"y": y, "x": x, "text": {"field": "value", "format": ".1f"}}},
        ],
        "config": {"view": {"stroke": None}, "locale": _locale(lang), "font": FONT},
    }


def chart_spec(drawn: pl.DataFrame, value_title: str, lang: str, *, title: str, subtitle: str, source: str,
               chosen_word: str, others_word: str) -> Spec:
    """The chart as an image: chart_view at WIDTH with its title, subtitle and source line."""
    view = chart_view(drawn, value_title, lang, chosen_word=chosen_word, others_word=others_word)
    view.pop("config")
    return _framed(view, title, subtitle, source, lang)


def map_spec(frame: pl.DataFrame, value_title: str, lang: str, *, colour_by: str, chosen: tuple[str, ...], title: str,
             subtitle: str, source: str, height: int) -> Spec:
    """The communes as points at their positions (no base map, no boundary), coloured by value (0-100) or by overall
    status, grey without one; the chosen communes as ringed diamonds with their names."""
    by_status = colour_by == "status" and "status" in frame.columns
    fields = ["commune_name", "latitude", "longitude", "index", *(["status"] if by_status else [])]
    data = frame.select(*fields, pl.col("commune_code").is_in(list(chosen)).alias("chosen"))
    if by_status:
        words = labels.words("status", lang)
        data = data.with_columns(pl.col("status").replace_strict(words, default=pl.col("status")).alias("status"))
        domain = [s for s in STATUS_COLOURS if s in set(frame["status"])]
        colour = {"field": "status", "type": "nominal", "title": None,
                  "scale": {"domain": [words.get(s, s) for s in domain], "range": [STATUS_COLOURS[s] for s in domain]},
                  "legend": {"orient": "bottom", "title": None}}
        coloured = "datum['status'] != null"
    else:
        colour = {"field": "index", "type": "quantitative", "title": value_title,
                  "scale": {"scheme": INDEX_SCALE.lower(), "domain": [0, 100]},
                  "legend": {"orient": "bottom", "gradientLength": 220}}
        coloured = "datum['index'] != null"
    where = {"longitude": {"field": "longitude", "type": "quantitative"},
             "latitude": {"field": "latitude", "type": "quantitative"}}
    view = {
        "width": WIDTH,
        "height": height,
        "data": {"values": data.to_dicts()},
        "projection": {"type": "mercator"},
        "layer": [
            {"transform": [{"filter": f"!({coloured})"}],
             "mark": {"type": "circle", "size": 14, "color": NO_INDEX_COLOUR, "opacity": 0.6}, "encoding": where},
            {"transform": [{"filter": coloured}],
             "mark": {"type": "circle", "size": 22, "opacity": 0.9, "stroke": "#424242", "strokeWidth": 0.3},
             "encoding": {**where, "color": colour}},
            {"transform": [{"filter": "datum['chosen']"}],
             "mark": {"type": "point", "shape": "diamond", "size": 160, "filled": False, "stroke": "#000000",
                      "strokeWidth": 2}, "encoding": where},
            {"transform": [{"filter": "datum['chosen']"}],
             "mark": {"type": "text", "align": "left", "dx": 9, "fontSize": 11, "fontWeight": "bold"},
             "encoding": {**where, "text": {"field": "commune_name"}}},
        ],
    }
    return _framed(view, title, subtitle, source, lang)


def png(spec: Spec) -> bytes:
    """The spec drawn as PNG, at twice its size (sharp on a slide)."""
    return _converter().vegalite_to_png(spec, scale=2)


def svg(spec: Spec) -> bytes:
    return _converter().vegalite_to_svg(spec).encode("utf-8")
