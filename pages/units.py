"""Administrative units: the 34 provinces and their communes and wards."""

import polars as pl
import streamlit as st

from kpi.i18n import fmt_number
from pages._data import q
from pages._display import downloads, lang, tr
from pages._display import table as show_table

st.title(tr("units.title"))
st.caption(tr("units.caption"))

provinces = q("provinces")
cols = st.columns(5)
for col, (key, value) in zip(
    cols,
    [
        ("units.provinces", provinces.height),
        ("units.units", provinces["units"].sum()),
        ("units.communes", provinces["communes"].sum()),
        ("units.wards", provinces["wards"].sum()),
        ("units.special_zones", provinces["special_zones"].sum()),
    ],
    strict=True,
):
    col.metric(tr(key), fmt_number(value, lang(), 0))

table = provinces.select(
    pl.col("province_code").alias(tr("col.province_code")),
    pl.col("province_name").alias(tr("col.province_name")),
    pl.col("units").alias(tr("col.units")),
    pl.col("communes").alias(tr("units.communes")),
    pl.col("wards").alias(tr("units.wards")),
    pl.col("special_zones").alias(tr("units.special_zones")),
)
show_table(table, dict.fromkeys((tr("col.units"), tr("units.communes"), tr("units.wards"), tr("units.special_zones")), 0))
downloads(provinces, "tinh-thanh-pho", tr("units.title"), {}, ["queries/provinces.sql", "vietnam-provinces (official codes after the 2025 reorganisation)"])

f = st.session_state["filters"]
province, names = f.province, {f.province: f.province_name}
units = q("units", province=province)
st.subheader(tr("units.in_province", name=names[province]))
shown = units.select(
    pl.col("commune_code").alias(tr("col.commune_code")),
    pl.col("commune_name").alias(tr("col.commune_name")),
    pl.col("unit_type").alias(tr("col.unit_type")),
)
st.dataframe(shown, hide_index=True, width="stretch")
downloads(
    units, f"don-vi-hanh-chinh-{province}", tr("units.in_province", name=names[province]), {tr("units.province"): names[province]},
    ["queries/units.sql", "vietnam-provinces (official codes after the 2025 reorganisation)"],
)
