"""Published values as the pages show them (pages/_published.py lays them out): the rows of
queries/published_index.sql (one snapshot of a level and period kind, every unit and indicator with its rank, its
peers' average and the change since the previous snapshot of the same period) turned into a table per unit, one
unit's standing and component breakdown, the provinces compared, and a commune plan's targets beside the published
component they relate to. Points stay points: nothing here divides by a maximum or calls a value a percentage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import plotly.graph_objects as go
import polars as pl

from kpi.i18n import t

TOTAL = "dvc766_total"
COMPONENTS = ("dvc766_transparency", "dvc766_timeliness", "dvc766_online_services", "dvc766_online_payment",
              "dvc766_satisfaction", "dvc766_digitisation")
# A commune plan's indicators (data/indicators.yaml) and the published component that measures the same ground.
RELATED = {
    "online_public_service_usage_share": "dvc766_online_services",
    "full_online_public_services_share": "dvc766_online_services",
    "online_dossier_processing_share": "dvc766_online_services",
    "online_payment_public_services_share": "dvc766_online_payment",
    "digitised_dossiers_share": "dvc766_digitisation",
}
COLOURS = ("#4c78a8", "#f58518", "#54a24b", "#b279a2", "#e45756", "#72b7b2")


def unit_key(frame: pl.DataFrame) -> pl.Expr:
    """A row's unit: the commune's code, or the province's for a province's own value."""
    return pl.coalesce("commune_code", "province_code") if "commune_code" in frame.columns else pl.col("province_code")


def local_day(at: str) -> str:
    """A snapshot time of the queries (Vietnam time, 'YYYY-MM-DD HH:MM') as people read it: dd/mm/yyyy hh:mm."""
    return datetime.strptime(at, "%Y-%m-%d %H:%M").strftime("%d/%m/%Y %H:%M")


def snapshot_day(frame: pl.DataFrame) -> str:
    """The rows' snapshot time in Vietnam, dd/mm/yyyy hh:mm ('' when there are no rows)."""
    return local_day(frame["snapshot_at"][0]) if frame.height else ""


def previous_day(frame: pl.DataFrame) -> str | None:
    """The previous snapshot's time of the same period, or None when the rows' snapshot is its period's first."""
    at = frame["previous_at"][0] if frame.height else None
    return local_day(at) if at else None


def by_unit(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per unit, best total first: unit_code, unit_name, province_code, rank (equal totals, equal rank),
    tied (how many units share it), portal_position (the portal's own row number, kept beside the rank), total,
    change (of the total since the previous snapshot), then one column per component (its code), in points."""
    keyed = frame.with_columns(unit_key(frame).alias("unit_code"))
    total = keyed.filter(pl.col("indicator_code") == TOTAL).select(
        "unit_code", "unit_name", "province_code", "rank", "tied", "portal_position", pl.col("points").alias("total"),
        "change")
    parts = keyed.filter(pl.col("indicator_code").is_in(COMPONENTS)).pivot(
        on="indicator_code", index="unit_code", values="points")
    missing = [c for c in COMPONENTS if c not in parts.columns]
    parts = parts.with_columns(pl.lit(None, pl.Float64).alias(c) for c in missing).select("unit_code", *COMPONENTS)
    return total.join(parts, on="unit_code", how="left").sort(["rank", "portal_position", "unit_name"], nulls_last=True)


@dataclass(frozen=True)
class Standing:
    """A unit's total on the index: its rank among its peers (tied: how many share it, itself included), their
    average, the change since the previous snapshot of the same period (None when there is none) and the portal's
    own row number for the unit (None where the rows do not give it)."""

    points: float
    rank: int
    peers: int
    average: float
    change: float | None
    tied: int = 1
    portal_position: int | None = None


def standing(frame: pl.DataFrame, unit: str) -> Standing | None:
    row = frame.filter((unit_key(frame) == unit) & (pl.col("indicator_code") == TOTAL))
    if not row.height:
        return None
    r = row.row(0, named=True)
    return Standing(r["points"], r["rank"], r["peers"], r["peer_average"], r["change"], r["tied"], r["portal_position"])


def breakdown(frame: pl.DataFrame, unit: str, lang: str) -> pl.DataFrame:
    """A unit's six components and total in points: indicator_code, name, points, maximum (where the decision's
    text at hand gives it), rank, peers, tied, peer_average, change."""
    return (
        frame.filter(unit_key(frame) == unit)
        .sort("sort_order")
        .select("indicator_code", pl.col("indicator_name_en" if lang == "en" else "indicator_name_vi").alias("name"),
                "points", "maximum", "rank", "peers", "tied", "peer_average", "change")
    )


def related_targets(targets: pl.DataFrame, year: int) -> pl.DataFrame:
    """A commune's effective targets (queries/effective_targets.sql) of the indicators with a related published
    component, one per indicator: its first milestone from year on, else its last (a recurring one when it has
    no year)."""
    rows = targets.filter(pl.col("indicator_code").is_in(list(RELATED)))
    ahead = rows.filter(pl.col("year") >= year).sort("year").group_by("indicator_code", maintain_order=True).first()
    rest = rows.join(ahead, on="indicator_code", how="anti").sort("year", nulls_last=False)
    return pl.concat([ahead, rest.group_by("indicator_code", maintain_order=True).last()], how="diagonal_relaxed")


def beside_plan(plan: pl.DataFrame, frame: pl.DataFrame, commune: str) -> pl.DataFrame:
    """The commune plan's indicators that have a related published component (RELATED), each with that
    component's points for the commune: plan's rows (indicator_code ...) plus component_code, component_points,
    component_average (the province's communes), component_rank, component_peers."""
    related = pl.DataFrame({"indicator_code": list(RELATED), "component_code": list(RELATED.values())})
    component = frame.filter(unit_key(frame) == commune).select(
        pl.col("indicator_code").alias("component_code"), pl.col("points").alias("component_points"),
        pl.col("peer_average").alias("component_average"), pl.col("rank").alias("component_rank"),
        pl.col("peers").alias("component_peers"))
    return plan.join(related, on="indicator_code", how="inner").join(component, on="component_code", how="inner")


def provinces_figure(frame: pl.DataFrame, names: dict[str, str], lang: str, highlight: str | None = None) -> go.Figure:
    """The provinces compared: one horizontal bar per province, its six components stacked in points (their sum
    the total), best total on top; the chosen province's name in bold with a marker. names: component code to
    its name in the page's language."""
    table = by_unit(frame).sort("total", descending=False)
    labels = [f"<b>▶ {n}</b>" if code == highlight else n
              for code, n in zip(table["unit_code"], table["unit_name"], strict=True)]
    fig = go.Figure()
    for code, colour in zip(COMPONENTS, COLOURS, strict=True):
        fig.add_trace(go.Bar(y=labels, x=table[code].to_list(), orientation="h", name=names.get(code, code),
                             marker_color=colour, hovertemplate="%{y}: %{x:.2f}<extra>" + names.get(code, code) + "</extra>"))
    fig.update_layout(
        barmode="stack", height=22 * table.height + 120, margin={"l": 10, "r": 10, "t": 10, "b": 10},
        separators=",." if lang == "vi" else ".,", legend={"orientation": "h", "y": -0.06 if table.height > 20 else -0.2},
        xaxis={"title": None, "range": [0, 100], "ticksuffix": " " + t("published.points_short", lang)},
        yaxis={"title": None, "automargin": True},
    )
    return fig
