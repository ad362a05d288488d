"""Phương pháp: the scoring method and the data sources in plain language, and the sources register: every document
the layers above the communes are read from, with how much of it was at hand (queries/source_documents.sql)."""

import polars as pl
import streamlit as st

from kpi.methodology import method
from pages._data import q
from pages._display import downloads, lang, table, tr

st.title(tr("method.title"))
st.markdown(method(lang()))

st.subheader(tr("sources.title"))
st.caption(tr("sources.caption"))
documents = q("source_documents")
en = lang() == "en"
table(documents.select(
    pl.col("number").alias(tr("sources.number")),
    pl.col("title_vi").alias(tr("sources.title_vi")),
    pl.col("issuer").alias(tr("sources.issuer")),
    pl.col("issued").alias(tr("sources.issued")),
    pl.col("layer").replace_strict({k: tr(f"layer.{k}") for k in ("national", "province")}).alias(tr("sources.layer")),
    pl.col("province_name").fill_null("").alias(tr("col.province_name")),
    pl.col("completeness").replace_strict({k: tr(f"completeness.{k}") for k in ("whole", "excerpt", "press_report", "not_found")})
    .alias(tr("sources.completeness")),
    pl.col("extent_en" if en else "extent_vi").alias(tr("sources.extent")),
    pl.col("where_read").alias(tr("sources.where_read")),
    pl.col("file").alias(tr("sources.file")),
))
downloads(documents, "van-ban-nguon", tr("sources.title"), {}, ["queries/source_documents.sql", "data/documents.csv"])
