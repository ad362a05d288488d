"""Chất lượng dữ liệu: the plans' restated, conflicting, recurring and interpreted targets, and those below
the province's or national target (undercut), every row with its citation (queries/plan_targets.sql over
the rows of data/plans/*.csv, data/province_targets.csv and data/national_targets.csv); and the people's
records the catalogue, the units or the plans no longer place (record_unmatched: "cần đối chiếu"), kept in
the store of record until `python -m kpi records remap` maps them again."""

import polars as pl
import streamlit as st

from kpi.i18n import fmt_number
from pages._data import q
from pages._display import decimals_by_row, downloads, label, lang, table, target_columns, tr, unit_words

FLAGS = ("conflict", "restated", "recurring", "interpreted", "undercut")

st.title(tr("quality.title"))
st.caption(tr("quality.caption"))

counts = {flag: q("plan_targets", flag=flag).height for flag in FLAGS}
for col, flag in zip(st.columns(len(FLAGS)), FLAGS, strict=True):
    col.metric(tr(f"flag.{flag}"), fmt_number(counts[flag], lang(), 0))

labels = {flag: tr(f"flag.{flag}") for flag in FLAGS}
flag = st.segmented_control(tr("quality.kind"), FLAGS, default="conflict", format_func=labels.get, key=f"q_flag_{lang()}") or "conflict"
rows = q("plan_targets", flag=flag)
names = dict(q("indicators", group=None, scope=None).select("indicator_code", "name_en" if lang() == "en" else "name_vi").iter_rows())
rows_shown = rows.select(
    label("source_level", "level").alias(tr("col.source_level")),
    pl.col("commune_name").fill_null("–").alias(tr("col.commune_name")),
    *target_columns(names),
    pl.col("undercuts").alias(tr("col.undercuts")),
    pl.col("is_effective").alias(tr("col.is_effective")),
    label("flag", "flag").alias(tr("col.flag")),
    pl.col("citation").alias(tr("col.citation")),
    pl.col("also_cited").alias(tr("col.also_cited")),
    pl.col("url").alias(tr("col.url")),
)
if rows_shown.height:
    blank = [name for name in (tr("col.undercuts"), tr("col.url")) if rows_shown[name].str.len_chars().max() == 0]
    table(rows_shown.drop(blank), dict.fromkeys((tr("col.target_value"), tr("col.target_value_max")), decimals_by_row(rows["indicator_code"])),
          column_config={name: st.column_config.LinkColumn(name) for name in [tr("col.url")] if name not in blank})
else:
    st.info(tr("empty.no_rows"))
downloads(rows, f"chat-luong-du-lieu-{flag}", tr("quality.title"), {tr("quality.kind"): labels[flag]},
          ["queries/plan_targets.sql", "data/plans/", "data/province_targets.csv", "data/national_targets.csv"])

st.subheader(tr("quality.unmatched"))
st.caption(tr("quality.unmatched_caption"))
unmatched = q("record_unmatched")
if unmatched.height:
    table(unmatched.select(
        label("kind", "record").alias(tr("col.record_kind")),
        pl.col("record_id").alias(tr("col.record_id")),
        pl.col("what").alias(tr("col.record")),
        label("why", "unmatched").alias(tr("col.reason")),
    ))
    downloads(unmatched, "can-doi-chieu", tr("quality.unmatched"), {}, ["queries/record_unmatched.sql"])
else:
    st.success(tr("quality.unmatched_none"), icon=":material/check_circle:")

st.subheader(tr("quality.unplaced"))
st.caption(tr("quality.unplaced_caption") + " " + tr("quality.unplaced_national"))
unplaced = q("unplaced_targets")
table(
    unplaced.select(
        pl.col("commune_name").fill_null(tr("quality.national")).alias(tr("col.commune_name")),
        pl.col("candidate_indicator").str.split("; ")
        .list.eval(pl.element().replace_strict(names, default=pl.element())).list.join("; ").alias(tr("col.candidate_indicator")),
        label("comparator", "comparator").alias(tr("col.target_comparator")),
        pl.col("value").alias(tr("col.target_value")),
        unit_words("unit").alias(tr("col.unit")),
        pl.concat_str(pl.when(pl.col("seed_file") != "").then("seed_file").otherwise("doc_file"), pl.lit(", "), pl.col("section"),
                      pl.lit(" "), pl.col("row_ref"), pl.lit(f" ({tr('quality.line')} "),
                      pl.coalesce("seed_line", "doc_line").cast(pl.String), pl.lit("): “"), pl.col("wording_vi"), pl.lit("”")).alias(tr("col.citation")),
        pl.col("reason_en" if lang() == "en" else "reason_vi").alias(tr("col.reason")),
    ),
    {tr("col.target_value"): decimals_by_row(unplaced["candidate_indicator"].str.split("; ").list.first())},  # its (first) candidate's
)
downloads(unplaced, "chua-dua-vao-chi-tieu", tr("quality.unplaced"), {}, ["queries/unplaced_targets.sql", "data/unplaced_targets.csv"])
