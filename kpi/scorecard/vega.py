"""The scorecard's charts as Vega-Lite specs: the group scores, drawn by Streamlit on the page
(st.vega_lite_chart; on paper Typst draws the same bars, kpi/scorecard/templates/common.typ), and the
province summary's map, drawn as SVG by vl-convert, server-side and without a browser."""

from __future__ import annotations

import functools
from typing import Any

import polars as pl

from kpi.geo import INDEX_SCALE
from kpi.i18n import t

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
COMMUNE_COLOUR = "#1565c0"
AVERAGE_COLOUR = "#212121"
PAPER_FONT = "Libertinus Serif"  # one of Typst's embedded fonts: the PDF needs no system font

Spec = dict[str, Any]


def _paper(spec: Spec, font: str | None) -> Spec:
    if font:
        spec["config"] = {**spec.get("config", {}), "font": font}
    return spec


def groups_spec(groups: pl.DataFrame, lang: str, *, width: int | str = "container") -> Spec:
    """The commune's group scores (bars, 0-100) with its province's average of each (a black tick).
    groups: queries/scorecard_groups.sql."""
    name = "group_name_en" if lang == "en" else "group_name_vi"
    commune, average = t("scorecard.commune_score", lang), t("scorecard.province_average", lang)
    rows = [
        {"group": r[name], "order": i, "score": r["score"], "average": r["province_average"]}
        for i, r in enumerate(groups.iter_rows(named=True))
    ]
    y = {"field": "group", "type": "nominal", "sort": {"field": "order"}, "title": None,
         "axis": {"labelLimit": 190, "labelFontSize": 11}}
    x = {"type": "quantitative", "scale": {"domain": [0, 100]}, "title": t("scorecard.group_axis", lang)}
    spec: Spec = {
        "$schema": SCHEMA,
        "width": width,
        "height": {"step": 24},
        "data": {"values": rows},
        "layer": [
            {"mark": {"type": "bar", "height": {"band": 0.6}},
             "encoding": {"y": y, "x": {**x, "field": "score"},
                          "color": {"datum": commune, "type": "nominal",
                                    "scale": {"domain": [commune, average], "range": [COMMUNE_COLOUR, AVERAGE_COLOUR]},
                                    "legend": {"orient": "bottom", "title": None}},
                          "tooltip": [{"field": "group", "title": t("col.group_name", lang)},
                                      {"field": "score", "format": ".1f", "title": commune},
                                      {"field": "average", "format": ".1f", "title": average}]}},
            {"mark": {"type": "tick", "thickness": 3, "size": 18},
             "encoding": {"y": y, "x": {**x, "field": "average"}, "color": {"datum": average, "type": "nominal"}}},
            {"mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 10},
             "encoding": {"y": y, "x": {**x, "field": "score"}, "text": {"field": "score", "format": ".1f"}}},
        ],
        "config": {"view": {"stroke": None}, "locale": _locale(lang)},
    }
    return spec


def map_spec(frame: pl.DataFrame, lang: str, *, width: int = 300, height: int = 300, font: str | None = None) -> Spec:
    """The province's communes as points at their positions, coloured by index (grey: no index); no
    base map or boundary is drawn. frame: kpi.geo.map_frame (latitude, longitude, index, commune_name)."""
    rows = frame.select("commune_name", "latitude", "longitude", "index").to_dicts()
    index = t("col.index", lang)
    spec: Spec = {
        "$schema": SCHEMA,
        "width": width,
        "height": height,
        "data": {"values": rows},
        "projection": {"type": "mercator"},
        "layer": [
            {"transform": [{"filter": "datum['index'] == null"}],
             "mark": {"type": "circle", "size": 30, "color": "#9e9e9e", "opacity": 0.8},
             "encoding": {"longitude": {"field": "longitude", "type": "quantitative"},
                          "latitude": {"field": "latitude", "type": "quantitative"}}},
            {"transform": [{"filter": "datum['index'] != null"}],
             "mark": {"type": "circle", "size": 40, "opacity": 0.9, "stroke": "#424242", "strokeWidth": 0.4},
             "encoding": {"longitude": {"field": "longitude", "type": "quantitative"},
                          "latitude": {"field": "latitude", "type": "quantitative"},
                          "color": {"field": "index", "type": "quantitative", "title": index,
                                    "scale": {"scheme": INDEX_SCALE.lower(), "domain": [0, 100]},
                                    "legend": {"orient": "bottom", "gradientLength": 160}},
                          "tooltip": [{"field": "commune_name"}, {"field": "index", "format": ".1f", "title": index}]}},
        ],
        "config": {"view": {"stroke": None}, "locale": _locale(lang)},
    }
    return _paper(spec, font)


def _locale(lang: str) -> dict[str, Any]:
    """Vega's number format locale: Vietnamese uses a decimal comma and a dot between thousands."""
    if lang == "en":
        return {"number": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", ""]}}
    return {"number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]}}


@functools.cache
def _converter() -> Any:
    import vl_convert  # heavy (a JavaScript engine): imported on first use

    return vl_convert


def svg(spec: Spec) -> str:
    """The spec drawn as SVG by vl-convert (no browser; the first call starts its engine, ~1 s)."""
    return _converter().vegalite_to_svg(spec)
