"""Bộ chỉ số 766 (real values published by the national portal) on Xếp hạng, Bản đồ, Tổng quan and Hồ sơ xã: one
call per page. Data: queries/published_index.sql and published_snapshots.sql; logic: kpi.published.view. Every
section is headed "Số liệu công bố: Cổng DVC quốc gia, chụp ngày …" and shows points as points."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from kpi import config
from kpi.i18n import fmt_number
from kpi.published import view
from kpi.scorecard import text
from kpi.scorecard.model import Scorecard
from pages._data import q
from pages._display import decimals_by_row, decimals_of, downloads, lang, num, table, tr
from pages._filters import Filters

SOURCES = ["queries/published_index.sql", "data/published/"]


def _short(name: str) -> str:
    short = name.split(": ", 1)[-1]  # "Bộ chỉ số 766: Số hóa hồ sơ" → "Số hóa hồ sơ"
    return short[:1].upper() + short[1:]


def component_names() -> dict[str, str]:
    names = q("indicators", scope="published", group=None)
    return {c: _short(n) for c, n in names.select("indicator_code", "name_en" if lang() == "en" else "name_vi").iter_rows()}


def values(level: str, province: str | None, key: str, choose: bool = True) -> pl.DataFrame:
    """One snapshot's rows of a level (queries/published_index.sql): the newest by default; with choose, the
    period kind and an earlier snapshot can be picked (widgets keyed by key)."""
    snapshots = q("published_snapshots", province=province).filter(pl.col("level") == level)
    if not snapshots.height:
        return pl.DataFrame()
    kinds = snapshots["period_kind"].unique(maintain_order=True).to_list()
    kind, at = kinds[0], None
    if choose:
        left, right = st.columns(2)
        # labels computed here (a format_func reading the language would run outside the page's run in AppTest)
        kind_names = {k: tr(f"published.kind.{k}", period=p) for k, p in snapshots.select("period_kind", "period").iter_rows()}
        kind = left.radio(tr("published.period_kind"), kinds, horizontal=True, key=f"pub_kind_{key}_{lang()}",
                          format_func=kind_names.get)
        times = snapshots.filter(pl.col("period_kind") == kind)["snapshot_at"].to_list()
        days = {a: view.local_day(a) for a in times}
        days[times[0]] = tr("published.latest", day=days[times[0]])
        at = right.selectbox(tr("published.snapshot"), times, key=f"pub_at_{key}_{kind}_{lang()}", format_func=days.get)
    return q("published_index", level=level, period_kind=kind, at=at, province=province)


def ranked(rank: int, peers: int, tied: int) -> str:
    """A rank among peers as the pages write it: "39/102", or "31/102 (đồng hạng)" when units share it."""
    return f"{rank}/{peers}" + (f" ({tr('published.tied')})" if tied > 1 else "")


def position_help(mine: view.Standing) -> str | None:
    return tr("published.position_help", position=mine.portal_position) if mine.portal_position is not None else None


def heading(frame: pl.DataFrame) -> None:
    st.markdown(f"**{tr('published.label', day=view.snapshot_day(frame))}**")
    before = view.previous_day(frame)
    st.caption(tr("published.points") + " " + (tr("published.change", day=before) if before else tr("published.no_previous")))


def units_table(frame: pl.DataFrame, key: str, highlight: str | None = None) -> None:
    """Every unit of the rows, best total first: rank (with a "đồng hạng" mark where units share it and the portal's
    own position beside it), name, total, change, six components (points)."""
    wide = view.by_unit(frame)
    names = component_names()
    unit = tr("published.col.unit")
    shown = wide.select(
        pl.col("rank").alias(tr("published.col.rank")),
        pl.when(pl.col("tied") > 1).then(pl.format(tr("published.tied_with", n="{}"), "tied")).otherwise(pl.lit(""))
        .alias(tr("published.col.tied")),
        pl.col("portal_position").alias(tr("published.col.portal_position")),
        pl.when(pl.col("unit_code") == (highlight or "")).then(pl.lit("▶ ") + pl.col("unit_name")).otherwise(pl.col("unit_name")).alias(unit),
        pl.col("total").alias(tr("published.col.total")),
        pl.col("change").alias(tr("published.col.change")),
        *(pl.col(c).alias(names[c]) for c in view.COMPONENTS),
    )
    points = decimals_of(view.TOTAL)  # Bộ chỉ số 766's points, the catalogue's precision
    numbers = {tr("published.col.rank"): 0, tr("published.col.portal_position"): 0, tr("published.col.total"): points,
               tr("published.col.change"): points, **{names[c]: decimals_of(c) for c in view.COMPONENTS}}
    table(shown, numbers, key=f"pub_table_{key}")
    st.caption(tr("published.rank_note"))
    downloads(frame, f"bo-chi-so-766-{key}-{frame['snapshot_at'][0][:10]}", tr("published.title"),
              {tr("published.snapshot"): view.snapshot_day(frame)}, SOURCES)


def breakdown_table(frame: pl.DataFrame, unit: str, key: str) -> None:
    rows = view.breakdown(frame, unit, lang())
    names = component_names()  # the total with its maximum (the components' are not in the documents at hand)
    names[view.TOTAL] = tr("published.total_of", maximum=fmt_number(rows.filter(pl.col("indicator_code") == view.TOTAL)["maximum"].max(), lang(), 0))
    shown = rows.select(
        pl.col("indicator_code").replace_strict(names, default=pl.col("name")).alias(tr("published.col.component")),
        pl.col("points").alias(tr("published.col.points")),
        pl.col("peer_average").alias(tr("published.col.average")),
        pl.format("{}/{}", "rank", "peers").add(pl.when(pl.col("tied") > 1).then(pl.lit(f" ({tr('published.tied')})"))
                                                 .otherwise(pl.lit(""))).alias(tr("published.col.rank")),
        pl.col("change").alias(tr("published.col.change")),
    )
    table(shown, dict.fromkeys((tr("published.col.points"), tr("published.col.average"), tr("published.col.change")), decimals_of(view.TOTAL)),
          key=f"pub_breakdown_{key}")


def metric(column, label: str, value: float | None, change: float | None = None) -> None:
    points = decimals_of(view.TOTAL)
    delta = None if change is None else f"{'+' if change > 0 else ''}{fmt_number(change, lang(), points)}"
    column.metric(label, fmt_number(value, lang(), points), delta, border=True, delta_color="normal" if change else "off")


def province_figures(f: Filters, provinces: pl.DataFrame) -> None:
    """The province's total, its rank among the provinces and their average (with the change since the previous
    snapshot)."""
    mine = view.standing(provinces, f.province)
    if mine is None:
        return
    c = st.columns(3)
    metric(c[0], f"{tr('published.province_total')} ({f.province_name})", mine.points, mine.change)
    c[1].metric(tr("published.province_rank", n=mine.peers), ranked(mine.rank, mine.peers, mine.tied), border=True,
                help=position_help(mine))
    metric(c[2], tr("published.national_average"), mine.average)


def ranking_section(f: Filters) -> None:
    """Xếp hạng: the province's communes on the index (where published), then the provinces compared."""
    st.subheader(tr("published.title"))
    provinces = values("province", None, "ranking")
    if not provinces.height:
        st.info(tr("published.none"))
        return
    heading(provinces)
    communes = values("commune", f.province, "ranking_communes", choose=False)
    st.markdown(f"##### {tr('published.communes', province=f.province_name)}")
    if communes.height:
        st.caption(f"{tr('published.label', day=view.snapshot_day(communes))} · {tr('published.kind.' + communes['period_kind'][0], period=communes['period'][0])}"
                   f" · {tr('published.province_average')}: {num(view.standing(communes, communes['commune_code'][0]).average, decimals_of(view.TOTAL))}")
        units_table(communes, f"xa-{f.province}", f.communes[0] if f.communes else None)
    else:
        st.caption(tr("published.no_communes", province=f.province_name))
    st.markdown(f"##### {tr('published.provinces')}")
    province_figures(f, provinces)
    st.plotly_chart(view.provinces_figure(provinces, component_names(), lang(), f.province), key="pub_provinces")
    units_table(provinces, "tinh", f.province)


def overview_section(f: Filters) -> None:
    """Tổng quan: the province's total, rank and the provinces' average, its communes' average where published,
    and its component breakdown."""
    provinces = q("published_index", level="province", period_kind="year", at=None, province=None)  # the newest year
    if not provinces.height:
        return
    st.subheader(tr("published.title"))
    heading(provinces)
    province_figures(f, provinces)
    communes = values("commune", f.province, "overview_communes", choose=False)
    if communes.height:
        best = view.by_unit(communes)
        c = st.columns(3)
        metric(c[0], tr("published.province_average"), float(best["total"].mean()))  # type: ignore[arg-type]
        points = decimals_of(view.TOTAL)
        c[1].metric(f"{tr('col.rank')} 1", best["unit_name"][0], fmt_number(best["total"][0], lang(), points), delta_color="off", border=True)
        c[2].metric(f"{tr('col.rank')} {best['rank'][-1]}", best["unit_name"][-1], fmt_number(best["total"][-1], lang(), points),
                    delta_color="off", border=True)
    st.markdown(f"##### {tr('published.components')}")
    breakdown_table(provinces, f.province, "overview")


def map_values(province: str | None, province_name: str) -> pl.DataFrame:
    """Bản đồ coloured by the published total: commune_code, index (the total in points), for geo.map_frame."""
    communes = values("commune", province, "map", choose=False)
    if not communes.height:
        st.caption(tr("published.no_communes", province=province_name))
        return pl.DataFrame(schema={"commune_code": pl.String, "index": pl.Float64})
    st.markdown(f"**{tr('published.label', day=view.snapshot_day(communes))}**")
    st.caption(tr("published.map_note"))
    return view.by_unit(communes).select(pl.col("unit_code").alias("commune_code"), pl.col("total").alias("index"))


def plan_targets(commune: str, card: Scorecard, milestone: int | None) -> pl.DataFrame:
    """The commune's effective targets related to a published component (kpi.published.view.RELATED), at the
    chosen milestone or the next: indicator_code, name, target (in words, with its unit, year and level), and the
    commune's latest value and whether it is demo where the scorecard has one."""
    L = lang()
    targets = view.related_targets(q("effective_targets", province=None, commune=commune), milestone or config.today().year)
    names = dict(q("indicators", group=None).select("indicator_code", "name_en" if L == "en" else "name_vi").iter_rows())
    rows = list(targets.iter_rows(named=True))
    words = [f"{text.target_text(r['comparator'], r['value'], r['value_max'], L, decimals_of(r['indicator_code']))} {r['unit']} ({r['year'] or tr('flag.recurring')}, "
             f"{text.level_short(r['source_level'], L)})" for r in rows]
    values = card.indicators.select("indicator_code", "latest_value", "is_demo") if card.indicators.height else pl.DataFrame(
        schema={"indicator_code": pl.String, "latest_value": pl.Float64, "is_demo": pl.Boolean})
    return targets.select("indicator_code").with_columns(
        pl.col("indicator_code").replace_strict(names, default=pl.col("indicator_code")).alias("name"),
        pl.Series("target", words, pl.String)).join(values, on="indicator_code", how="left")


def relabel_map(fig: go.Figure) -> go.Figure:
    """The map's colour bar and hover name say points of the published index, not the demo index."""
    return fig.update_traces(selector=lambda t: t.marker.colorbar.title.text is not None, name=tr("published.map"),
                             marker_colorbar_title_text=f"{tr('published.map')} ({tr('published.col.points').lower()})")


def profile_section(f: Filters, commune: str, card: Scorecard, milestone: int | None) -> None:
    """Hồ sơ xã: the commune's total, its rank in the province and the province's average, the components, and
    the plan's related targets (the scorecard's, at its milestone) beside the published component."""
    plan = plan_targets(commune, card, milestone)
    communes = values("commune", f.province, f"profile_{commune}", choose=False)
    mine = view.standing(communes, commune) if communes.height else None
    if mine is None:
        return
    st.subheader(tr("published.title"))
    heading(communes)
    c = st.columns(3)
    metric(c[0], tr("published.commune_total"), mine.points, mine.change)
    c[1].metric(tr("published.commune_rank", n=mine.peers), ranked(mine.rank, mine.peers, mine.tied), border=True,
                help=position_help(mine))
    metric(c[2], tr("published.province_average"), mine.average)
    st.markdown(f"##### {tr('published.components')}")
    breakdown_table(communes, commune, f"profile_{commune}")
    beside = view.beside_plan(plan, communes, commune)
    if beside.height:
        st.markdown(f"##### {tr('published.beside')}")
        st.caption(tr("published.beside_note"))
        names = component_names()
        table(beside.select(
            pl.col("name").alias(tr("published.col.plan_indicator")),
            pl.col("target").alias(tr("published.col.plan_target")),
            *([pl.col("latest_value").alias(tr("published.col.plan_value")),  # the commune's value, demo or reported, said
               pl.when(pl.col("is_demo")).then(pl.lit(tr("source.demo"))).otherwise(pl.lit(tr("source.report"))).alias(tr("col.source"))]
              if beside["latest_value"].is_not_null().any() else []),
            pl.col("component_code").replace_strict(names, default=pl.col("component_code")).alias(tr("published.col.component")),
            pl.col("component_points").alias(tr("published.col.component_points")),
            pl.col("component_average").alias(tr("published.col.component_average")),
        ), {tr("published.col.plan_value"): decimals_by_row(beside["indicator_code"]),
            **dict.fromkeys((tr("published.col.component_points"), tr("published.col.component_average")), decimals_by_row(beside["component_code"]))},
            key=f"pub_beside_{commune}")
