"""The indicator catalogue, by group (names, units and definitions all come from data/), and the targets of
the layers above the communes, each with its document (queries/catalogue.sql, queries/plan_targets.sql)."""

import polars as pl
import streamlit as st

from kpi.i18n import fmt_number
from pages._data import q
from pages._display import decimals_by_row, downloads, label, lang, table, target_columns, tr

st.title(tr("catalogue.title"))
st.caption(tr("catalogue.caption"))

en = lang() == "en"
catalogue = q("indicators", group=None, scope=None)
groups = catalogue.select("group", "group_name_vi", "group_name_en").unique(maintain_order=True)
group_names = {g: (n_en if en else n_vi) for g, n_vi, n_en in groups.iter_rows()}
group = st.session_state["filters"].group or ""
shown = catalogue if not group else catalogue.filter(pl.col("group") == group)
st.metric(tr("catalogue.count"), fmt_number(shown.height, lang(), 0))
rows_shown = shown.select(
    pl.col("indicator_code").alias(tr("col.indicator_code")),
    pl.col("name_en" if en else "name_vi").alias(tr("col.name")),
    pl.col("unit_en" if en else "unit").alias(tr("col.unit")),
    pl.col("group_name_en" if en else "group_name_vi").alias(tr("col.group_name")),
    pl.col("direction")
    .replace_strict({"higher": tr("direction.higher"), "lower": tr("direction.lower")})
    .alias(tr("col.direction")),
    pl.col("kind").replace_strict({k: tr(f"kind.{k}") for k in ("percent", "count", "money", "boolean", "points")}).alias(tr("col.kind")),
    pl.col("lower_bound").alias(tr("col.lower_bound")),
    pl.col("upper_bound").alias(tr("col.upper_bound")),
    pl.col("definition_en" if en else "definition_vi").alias(tr("col.definition")),
    pl.col("scope").replace_strict({k: tr(f"scope.{k}") for k in ("commune", "national", "province", "published")}).alias(tr("col.scope")),
    pl.col("r71_ref").alias(tr("col.r71_ref")),
)
if rows_shown.height:
    places = decimals_by_row(shown["indicator_code"])  # each indicator's own precision
    table(rows_shown, {tr("col.lower_bound"): places, tr("col.upper_bound"): places})
else:
    st.info(tr("empty.no_rows"))
downloads(
    shown, "danh-muc-chi-tieu", tr("catalogue.title"), {tr("catalogue.group"): group_names.get(group, tr("catalogue.all_groups"))},
    ["queries/indicators.sql", "data/indicators.yaml", "data/groups.yaml"],
)

st.subheader(tr("catalogue.layers"))
st.caption(tr("catalogue.layers_caption"))
names = dict(catalogue.select("indicator_code", "name_en" if en else "name_vi").iter_rows())
layers = q("plan_targets", flag=None).filter(pl.col("source_level") != "commune")
if group:
    layers = layers.filter(pl.col("indicator_code").is_in(shown["indicator_code"].implode()))
table(
    layers.select(
        label("source_level", "level").alias(tr("col.source_level")),
        *target_columns(names),
        label("flag", "flag").alias(tr("col.flag")),
        pl.col("citation").alias(tr("col.citation")),
        pl.when(pl.col("doc_file") != "").then(pl.format("{}, {} {}", "doc_file", pl.lit(tr("quality.line")), "doc_line"))
        .alias(tr("col.read_at")),
        pl.col("note").alias(tr("col.layer_note")),
        pl.col("also_cited").alias(tr("col.also_cited")),
        pl.col("url").alias(tr("col.url")),
    ),
    dict.fromkeys((tr("col.target_value"), tr("col.target_value_max")), decimals_by_row(layers["indicator_code"])),
    column_config={tr("col.url"): st.column_config.LinkColumn(tr("col.url"))},
)
downloads(layers, "chi-tieu-cap-tren", tr("catalogue.layers"), {}, ["queries/plan_targets.sql", "data/national_targets.csv",
          "data/province_targets.csv"])
