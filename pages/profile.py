"""Hồ sơ xã: one commune's scorecard. Its standing (index, ranks, gap to the province average, change
since the previous quarter), group scores against the province average, the strongest and weakest
indicators, every indicator with its trend and target, and its plan's tasks, red alerts first; the
same as an A4 PDF (kpi.scorecard). Data: kpi.scorecard.model.load (queries scorecard_*.sql,
commune_profile.sql, task_board.sql)."""

import logging

import polars as pl
import streamlit as st

from kpi import config, scope
from kpi.export import people
from kpi.i18n import VIETNAM, fmt_date
from kpi.scorecard import pdf, text, vega
from kpi.scorecard.model import ScorecardError
from kpi.scorecard.province import commune_file
from kpi.tasks import PLAN_START, deadlines
from kpi.workflow import alerts
from pages._auth import account
from pages._data import q, scorecard
from pages._display import decimals_of, downloads, label, lang, number, plain, styled, table, tr
from pages._filters import commune_names, from_address, to_address
from pages._published import profile_section

f = st.session_state["filters"]
names = commune_names(f.province)
codes = list(names)
wanted = from_address("commune", codes)
default = wanted or (f.communes[0] if f.communes else codes[0])
pick, export = st.columns([4, 1], vertical_alignment="bottom")
commune = pick.selectbox(tr("profile.pick"), codes, index=codes.index(default), format_func=names.get,
                         key=f"p_commune_{f.province}_{lang()}")
to_address("commune", commune)
milestone = f.milestone  # the sidebar's Mốc mục tiêu (?year=), shared with every page
st.title(tr("profile.title", commune=names[commune]))

if f.period is None:
    st.info(tr("overview.no_data"))
    st.stop()
try:
    card = scorecard(commune, f.period, milestone)
except ScorecardError as exc:
    st.info(plain(str(exc)))
    st.stop()
L = lang()
ROW_PX = 35  # Streamlit's default dataframe row height
st.caption(tr("scorecard.subtitle", province=card.province_name, code=card.commune_code))


def pdf_bytes() -> bytes:
    try:
        return pdf.commune_pdf(card, L)
    except Exception:  # built after the click, outside the page's run: logged for us, the file is then missing
        logging.getLogger("kpi.pages").exception("PDF of %s %s failed", card.commune_code, card.period)
        raise


export.download_button(
    tr("scorecard.pdf"), pdf_bytes, commune_file(commune, card.period, milestone), "application/pdf",
    help=tr("scorecard.pdf_help"), icon=":material/picture_as_pdf:", key=f"pdf-{commune}", on_click="ignore",
)

if card.now is None or not card.indicators.height:
    st.info(tr("profile.no_scores"))
else:
    for column, figure in zip(st.columns(4), text.figures(card, L), strict=False):
        column.metric(
            figure.label, figure.value, figure.delta or None, border=True,
            delta_color=figure.colour,  # the Figure's rule, not the sign of its words
            delta_arrow={"up": "up", "down": "down"}.get(figure.arrow or "", "off"),
        )
    chart, best = st.columns([3, 2])
    chart.subheader(tr("scorecard.groups"))
    chart.vega_lite_chart(spec=vega.groups_spec(card.groups, L), width="stretch", key="groups")
    for which in ("strongest", "weakest"):
        best.subheader(tr(f"scorecard.{which}"))
        best.markdown("\n".join(f"- {plain(line)}" for line in text.highlights(card, which, L)))

    every = card.indicators.filter(pl.col("group_code") == f.group) if f.group else card.indicators
    rows = every.filter(pl.col("indicator_code").is_in(card.targeted()["indicator_code"].implode()))
    if (note := text.plan_note(card, L)) is not None:
        st.info(note)
    st.subheader(tr("scorecard.indicators"))
    st.caption(tr("scorecard.milestone_note"))
    if (line := text.untargeted_line(card, L)) is not None:  # once, not a "no target" row per indicator
        st.caption(plain(line))
    en = L == "en"
    c = {k: tr(k) for k in ("col.status", "col.name", "col.latest_value", "col.source", "scorecard.trend", "col.pace_arrow", "col.target_value",
                            "col.pace_needed_per_year", "col.source_level", "col.citation")}
    milestone_year = milestone
    shown = rows.select(
        label("status", "status").alias(c["col.status"]),
        pl.Series(c["col.name"], [text.indicator_name(r, L) for r in rows.iter_rows(named=True)], pl.String),  # unit said once
        pl.col("latest_value").alias(c["col.latest_value"]),
        pl.when(pl.col("is_demo")).then(pl.lit(tr("source.demo"))).otherwise(pl.lit(tr("source.report"))).alias(c["col.source"]),
        pl.col("trend").alias(c["scorecard.trend"]),
        pl.col("pace_trend").alias(c["col.pace_arrow"]),
        pl.Series(c["col.target_value"], [text.target_label(r, milestone_year, L) for r in rows.iter_rows(named=True)], pl.String),
        pl.col("milestone_pace_needed").alias(c["col.pace_needed_per_year"]),
        pl.Series(c["col.source_level"], [text.level_short(v, L) for v in rows["milestone_level"]], pl.String),
        pl.col("milestone_citation").alias(c["col.citation"]),
    )
    # Pixel widths that fit the content area at 1440 px with the sidebar open: nothing scrolls sideways.
    st.dataframe(
        styled(shown, dict.fromkeys((c["col.latest_value"], c["col.pace_needed_per_year"]), rows["decimals"])), hide_index=True, width="stretch", key="indicators", height=ROW_PX * (shown.height + 1) + 3,  # every row, no inner scroll
        column_config={
            c["col.status"]: st.column_config.TextColumn(width=120),
            c["col.name"]: st.column_config.TextColumn(width=200),
            c["col.latest_value"]: number(c["col.latest_value"], width=75),
            c["col.source"]: st.column_config.TextColumn(width=80),
            c["scorecard.trend"]: st.column_config.LineChartColumn(c["scorecard.trend"], width=80),
            c["col.pace_arrow"]: st.column_config.TextColumn(width=55, help=tr("col.pace_arrow_help")),
            c["col.target_value"]: st.column_config.TextColumn(width=100),
            c["col.pace_needed_per_year"]: number(c["col.pace_needed_per_year"], width=80),
            c["col.source_level"]: st.column_config.TextColumn(width=85, help=tr("profile.inherited_help")),
            c["col.citation"]: st.column_config.TextColumn(width=100),
        },
    )
    commune_filter = {tr("profile.pick"): names[commune], **f.describe("period"), tr("scorecard.milestone"): text.milestone_label(card, L)}
    downloads(every.drop("trend", "trend_periods"), f"ho-so-xa-{commune}-{f.period}", tr("profile.title", commune=names[commune]),
              {**commune_filter, **(f.describe("group") if f.group else {})},
              ["queries/commune_profile.sql", "queries/scorecard_milestone_targets.sql", "data/plans/", "data/province_targets.csv",
               "data/national_targets.csv"])


    with st.expander(tr("profile.history"), icon=":material/history:"):  # DHIS2's audit of a value, within scope (kpi.scope)
        if not scope.sees_history(account().actor, commune, f.province):
            st.caption(tr("scope.history_hidden"))
        else:
            picked = st.selectbox(
                tr("profile.history_pick"), rows["indicator_code"].to_list(), key=f"history_{commune}",
                format_func=dict(zip(rows["indicator_code"], rows["indicator_name_en" if en else "indicator_name_vi"], strict=True)).get,
            )
            history = q("value_history", commune=commune, indicator=picked) if picked else None
            if history is None or not history.height:
                st.caption(tr("profile.history_none"))
            else:
                shown_history = history.with_columns(pl.col("imported_at").dt.convert_time_zone(VIETNAM.key))
                headers = {name: people.column(name).header(L) for name in shown_history.columns}
                table(shown_history.rename(headers), numbers=dict.fromkeys((headers["value"], headers["replaced_value"]), decimals_of(picked)),
                      key=f"history_table_{commune}")
                downloads(history, f"lich-su-{commune}-{picked}", tr("profile.history"),
                          {tr("profile.pick"): names[commune], tr("profile.history_pick"): picked},
                          ["queries/value_history.sql"])

profile_section(f, commune, card, int(milestone) if milestone else None)  # Bộ chỉ số 766, real published values (pages/_published.py)
st.subheader(tr("scorecard.tasks"))
# the tasks as they stand today (the PDF scorecard shows them as of its quarter's end), red alerts first
tasks = q("task_board", province=None, commune=commune, agency=None, status=None, as_of=config.today(), plan_start=PLAN_START)
if not tasks.height:
    st.info(tr("profile.no_tasks"))
else:
    st.caption(tr("tasks.as_of", day=fmt_date(config.today())))
    st.metric(tr("tasks.red_alerts"), int(tasks["red_alert"].sum()))
    # one column says whether and why a task has a red alert (text, so it needs no colour or emoji font); it
    # fits 1440 px with the sidebar open. Which statuses are demo: the caption above, and is_demo in the export.
    st.dataframe(
        tasks.select(
            alerts.reasons(lang()).alias(tr("col.red_alert")),
            pl.col("seq").alias(tr("col.seq")), pl.col("task").alias(tr("col.task")), pl.col("lead_agency").alias(tr("tasks.agency")),
            pl.when(pl.col("deadline_implied")).then(pl.lit(tr("tasks.implied"))).otherwise(deadlines(tasks["deadline_text"], L))
            .alias(tr("col.deadline_text")),
            pl.col("deadline_date").alias(tr("col.deadline_date")),
            label("status", "task").alias(tr("tasks.status")),
            pl.col("percent_complete").alias(tr("col.percent_complete")),
        ),
        hide_index=True, width="stretch", key="tasks",
        column_config={tr("col.red_alert"): st.column_config.TextColumn(width=150), tr("col.seq"): st.column_config.TextColumn(width=45),
                       tr("col.task"): st.column_config.TextColumn(width=250), tr("tasks.agency"): st.column_config.TextColumn(width=120),
                       tr("col.deadline_date"): st.column_config.DateColumn(format="DD/MM/YYYY", width=90),
                       tr("col.deadline_text"): st.column_config.TextColumn(width=100), tr("tasks.status"): st.column_config.TextColumn(width=130),
                       tr("col.percent_complete"): number(tr("col.percent_complete"), 0, width=70)},
    )
    downloads(tasks, f"nhiem-vu-{commune}", tr("profile.tasks"), {tr("profile.pick"): names[commune]},
              ["queries/task_board.sql", "data/tasks/"])
