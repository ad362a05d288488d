"""Tổng quan: who leads, who lags, are we on track. The province's headline figures with their change
since the previous quarter and the same in one sentence (queries/overview_headline.sql), the top and
bottom five communes (queries/ranking_by_index.sql), red alerts of the plans' tasks per commune
(queries/task_board.sql), every commune's index on one axis, communes by status per group, and the
status grid (queries/heatmap.sql). The communes chosen in the sidebar are marked everywhere: a star
before their names in the tables and on the grid's rows, a named diamond on the index strip."""

from dataclasses import replace

import polars as pl
import streamlit as st

from kpi import charts, config
from kpi.headline import SHARES, Headline, at_milestone, grid_rows, group_statuses, headline, signed, trend
from kpi.scoring import STATUS_SYMBOLS
from kpi.tasks import PLAN_START
from kpi.workflow import alerts
from pages._data import q, ranking_table
from pages._display import downloads, indicator_decimals, label, lang, num, table, tr
from pages._filters import group_names, milestone_note, page_choice, scores, to_address
from pages._published import overview_section

f = st.session_state["filters"]
st.title(tr("overview.title", province=f.province_name))
group_name = group_names().get(f.group) if f.group else None  # a group chosen: its score, pairs and communes throughout
if group_name:
    st.caption(tr("overview.of_group", group=group_name))
milestone_note(f)

ranking = ranking_table(f.period, f.province) if f.period else pl.DataFrame()
if not ranking.height:
    st.info(tr("overview.no_data"))
    overview_section(f)  # the published index exists where the demo values do not
    st.stop()

head = headline(q("overview_headline", province=f.province, period=f.period, previous=f.previous, group=f.group), f.period)
scored = scores(f, f.province, f.group) if f.milestone else None  # against the sidebar's milestone when one is chosen
if head is not None and f.milestone:  # the shares and communes off track against it; index and rank stay
    earlier = scores(replace(f, period=f.previous), f.province, f.group) if f.previous and head.before else None
    head = Headline(at_milestone(head.now, scored), at_milestone(head.before, earlier) if earlier is not None else None)
if head is not None:
    now = head.now

    def delta(value: float | None, decimals: int = 1) -> str | None:
        return None if value is None else signed(value, lang(), decimals)

    # two rows, so that every label fits a desktop's main column (about 980 px) and a phone's: the
    # province's figures, then the shares of the commune × indicator pairs by status
    c = st.columns(3)
    c[0].metric(tr("overview.group_index", group=group_name) if group_name else tr("overview.index"), num(now.index),
                delta(head.change("index")), border=True)
    rank_change = head.change("rank")
    c[1].metric(tr("overview.rank"), f"{now.rank or '–'}/{now.ranked or '–'}",
                None if rank_change is None else signed(-rank_change, lang(), 0), border=True)
    off = head.change("communes_off_track")
    c[2].metric(tr("overview.off_track_communes"), f"{now.communes_off_track}/{now.communes}",
                None if off is None else signed(off, lang(), 0), delta_color="inverse", border=True)
    for col, status in zip(st.columns(4), SHARES, strict=True):  # what is decidable now first; met (mostly 2030) last
        symbol = STATUS_SYMBOLS.get(status, STATUS_SYMBOLS["on_track"])
        col.metric(f"{symbol} {tr(f'status.{status}')} (%)", num(now.shares[status]),
                   delta(head.change("shares", status)),
                   delta_color="inverse" if status in ("at_risk", "off_track") else "normal", border=True)
    st.markdown(head.sentence(f.province_name, lang()))

by = {"query": "ranking_by_group", "group": f.group} if f.group else {"query": "ranking_by_index"}  # a group: ranked on its score
ranked = q(by.pop("query"), province=f.province, period=f.period, previous=f.previous, **by).filter(pl.col("value").is_not_null())
shown = ranked.select(
    pl.col("rank_province").alias(tr("col.rank")),
    charts.mark_chosen(pl.col("commune_name"), pl.col("commune_code"), f.communes).alias(tr("col.commune_name")),
    pl.col("value").alias(group_name or tr("col.index")),
    trend(pl.col("change_since_previous")).alias(tr("overview.trend")),
    pl.col("change_since_previous").alias(tr("col.change_since_previous")),
)
numbers = {tr("col.rank"): 0, group_name or tr("col.index"): 1, tr("col.change_since_previous"): 1}
top, bottom = st.columns(2)
with top:
    st.subheader(tr("overview.top"))
    table(shown.head(5), numbers)
with bottom:
    st.subheader(tr("overview.bottom"))
    table(shown.tail(5), numbers)

# red alerts of the plans' tasks per commune (seed 003, IV.2.3; rules in queries/task_board.sql)
board = q("task_board", province=f.province, commune=None, agency=None, status=None, as_of=config.today(), plan_start=PLAN_START)
st.subheader(tr("overview.red_alerts"))
if not board.height:
    st.caption(tr("overview.red_alerts_none"))
else:
    per_commune = alerts.alerts_per_commune(board)
    table(per_commune.select(
        charts.mark_chosen(pl.col("commune_name"), pl.col("commune_code"), f.communes).alias(tr("col.commune_name")),
        pl.col("red_alerts").alias(tr("tasks.red_alerts")),
        *(pl.col(rule).alias(tr(f"action_kind.{rule}")) for rule in alerts.RULES), pl.col("tasks").alias(tr("tasks.total")),
        pl.col("tasks_reported").alias(tr("tasks.reported_count")),
    ), {tr("tasks.red_alerts"): 0, tr("tasks.total"): 0, tr("tasks.reported_count"): 0, **{tr(f"action_kind.{r}"): 0 for r in alerts.RULES}}, key="red_alerts")
    downloads(per_commune, f"canh-bao-do-{f.province}", tr("overview.red_alerts"), f.describe("province"),
              ["queries/task_board.sql", "kpi/workflow/alerts.py"])

st.subheader(tr("overview.index_strip"))
strip = ranking if not f.group else ranked.select(  # a group's score on the same axis
    "commune_code", "commune_name", "rank_province", "province_average", pl.col("value").alias("index"))
st.plotly_chart(charts.index_strip(strip, lang(), f.communes, group_name), key="index_strip")
downloads(ranking, f"xep-hang-chi-so-{f.province}-{f.period}", tr("overview.index_ranking"), f.describe("province", "period"),
          ["queries/ranking.sql"])

scored_by = ("province", "period", "group", *(("milestone",) if f.milestone else ()))  # what shaped the statuses
st.subheader(tr("overview.status_by_group"))
status = (group_statuses(scored, q("indicator_groups")) if f.milestone
          else q("overview_status", province=f.province, period=f.period, group=f.group))
st.plotly_chart(charts.status_by_group(status, lang()), key="status_by_group")
downloads(
    status.with_columns(label("status", "status").alias("status_label")),
    f"tong-quan-tinh-trang-{f.province}-{f.period}", tr("overview.status_by_group"), f.describe(*scored_by),
    ["queries/overview_status.sql"],
)

st.subheader(tr("overview.heatmap"))
grid = grid_rows(scored, ranking) if f.milestone else q("heatmap", province=f.province, period=f.period, group=f.group)
if grid.height:
    # indicators in rows (their names across, wrapped: a phone, a few communes; views of LIST_FROM communes) or in
    # columns (views of GRID_ROWS communes); in the address as ?grid=
    layouts = {"indicators": tr("overview.grid_by_indicator"), "communes": tr("overview.grid_by_commune")}
    default = "indicators" if charts.grid_by_indicator(grid) else "communes"
    page_choice("grid", list(layouts), default, f"grid_layout_{default}")
    layout = st.segmented_control(tr("overview.grid_layout"), list(layouts), format_func=layouts.get, key=f"grid_layout_{default}") or default
    to_address("grid", layout if layout != default else None)
    bands = charts.grid_bands(grid, charts.LIST_FROM if layout == "indicators" else charts.GRID_ROWS)
    band = 0
    if len(bands) > 1:  # a large province in views of communes by rank: one screen, drawn quickly
        # a view holding a chosen commune is starred, and the first such is shown first
        order = grid["commune_code"].unique(maintain_order=True).to_list()
        starred = [bool(set(order[first - 1:last]) & set(f.communes)) for first, last in bands]
        names = [tr("overview.heatmap_band", first=first, last=last) + (f" {charts.CHOSEN}" if star else "")
                 for (first, last), star in zip(bands, starred, strict=True)]
        # the view in the address (?band=1, the first row's rank onwards): a shared link opens on it
        key = f"heatmap_band_{f.province}_{layout}_{lang()}"
        page_choice("band", [str(k) for k in range(len(bands))], str(starred.index(True) if any(starred) else 0), key, int)
        band = st.selectbox(tr("overview.heatmap_rows"), range(len(bands)), format_func=names.__getitem__, key=key)
    to_address("band", str(band) if len(bands) > 1 else None)
    view = charts.grid_band(grid, bands[band])
    shorts = dict(q("indicators", group=None).select("indicator_code", f"short_{lang()}").iter_rows())  # column labels
    st.plotly_chart(charts.heatmap(view, lang(), f.communes, by_indicator=layout == "indicators", short_names=shorts,
                                   decimals=indicator_decimals()),
                    key="heatmap")
else:
    st.info(tr("empty.no_rows"))
# every cell the grid shows, "no target" (white) apart from "no data" (grey)
downloads(charts.complete_grid(grid) if grid.height else grid, f"ban-do-nhiet-{f.province}-{f.period}", tr("overview.heatmap"),
          f.describe(*scored_by), ["queries/scores.sql", "queries/milestone_province_targets.sql"] if f.milestone else ["queries/heatmap.sql"])
overview_section(f)  # Bộ chỉ số 766, real published values (pages/_published.py)
