"""Plotly figures for the pages. Each takes the frame a query returned and the UI language;
names and units come from the frame (i.e. from the catalogue), never from here."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import numpy as np
import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from kpi.i18n import fmt_number, t
from kpi.models import SHORT_NAME
from kpi.scoring import INDEX_DECIMALS, STATUS_COLOURS, STATUS_SYMBOLS, STATUSES, required_path

SEPARATORS = {"vi": ",.", "en": ".,"}  # plotly: decimal then thousands separator
GOOD, BAD = "#2e7d32", "#d62728"


CHAR_PX = 7  # a tick label's width per character at the charts' font size (Streamlit's theme)


def fixed_margins(fig: go.Figure, left: list[str] | None = None, bottom: int = 40, top: int = 40,
                  tilted: list[str] | None = None, upright: list[str] | None = None) -> go.Figure:
    """Margins computed here from the labels' lengths instead of measured by plotly (automargin): plotly
    measures every label and legend and draws the chart again when the room they need changes, as the
    status grid's commune names do on every change of province. Nothing may push the margins afterwards
    (autoexpand off), so a legend goes inside a margin: LEGEND_ABOVE and legend_room.
    `left`: the y axis' tick labels; `tilted`: the x axis' tick labels drawn at 40 degrees, whose height the bottom margin then adds;
    `upright`: the x axis' tick labels drawn at 90 degrees (reading upwards), whose whole length it adds."""
    fig.update_xaxes(automargin=False)
    fig.update_yaxes(automargin=False)
    width = max((len(x) for x in left), default=0) * CHAR_PX + 12 if left is not None else 10
    if tilted:
        bottom += round(max(len(x) for x in tilted) * CHAR_PX * 0.65)  # sin 40°
    if upright:
        bottom += max(len(x) for x in upright) * (CHAR_PX + 1)  # capitals and tone marks: a little wider
    fig.update_layout(margin={"l": width, "r": 10, "t": top, "b": bottom, "autoexpand": False})
    return fig


LEGEND_ENTRY_PX = 112  # a legend entry's text width (the longest status, "○ Không có dữ liệu"); its swatch adds about 40
# The legend above the plot, from its left edge, in rows of entries of one width: plotly wraps them at the
# plot's width, so a phone (390 px) shows two a row over the status bars, one a row over the status grid
# (whose commune names take half the width), a desktop all in one or two rows.
LEGEND_ABOVE = {"orientation": "h", "x": 0, "xanchor": "left", "y": 1, "yanchor": "bottom",
                "entrywidth": LEGEND_ENTRY_PX, "entrywidthmode": "pixels", "traceorder": "normal"}


def legend_room(entries: int, per_row: int) -> int:
    """The top margin that holds a legend of `entries` at `per_row` a row (a phone's) above the plot."""
    return -(-entries // per_row) * 20 + 8


def _layout(fig: go.Figure, lang: str, height: int = 420, legend: dict | None = None, **kw: object) -> go.Figure:
    fig.update_layout(
        separators=SEPARATORS.get(lang, ",."),
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend=legend or {"orientation": "h", "y": -0.15},
        **kw,
    )
    return fig


CHOSEN = "★"  # marks the communes chosen in the sidebar: in tables before the name, on the status grid's rows


def mark_chosen(name: pl.Expr, code: pl.Expr, chosen: tuple[str, ...]) -> pl.Expr:
    """A commune's name with a star before it when it is among the chosen communes ("★ Xã Việt Khê")."""
    return pl.when(code.is_in(list(chosen))).then(pl.lit(f"{CHOSEN} ") + name).otherwise(name)


BAR_ROW_PX = 62  # a group's row in the status bars: its name above, its bar below


def status_by_group(frame: pl.DataFrame, lang: str) -> go.Figure:
    """Stacked bars: per group, how many communes are met / on track / at risk / off track / no data.
    Each group's name is written above its bar, so the bars keep the chart's whole width on a phone."""
    name_col = "group_name_en" if lang == "en" else "group_name_vi"
    groups = frame.select(name_col).unique(maintain_order=True)[name_col].to_list()
    fig = go.Figure()
    for status in STATUSES:
        part = frame.filter(pl.col("status") == status)
        counts = dict(zip(part[name_col], part["communes"], strict=True))
        fig.add_bar(
            y=groups, x=[counts.get(g, 0) for g in groups], name=status_name(status, lang), orientation="h",
            marker_color=STATUS_COLOURS[status], width=0.45,
        )
    for group in groups:
        fig.add_annotation(text=group, x=0, xref="paper", xanchor="left", y=group, yanchor="bottom",
                           yshift=BAR_ROW_PX * 0.45 / 2, showarrow=False, font={"size": 13})
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed", showticklabels=False)
    most = frame.group_by(name_col).agg(pl.col("communes").sum())["communes"].max() if frame.height else 0
    if (most or 0) <= 10:  # counts of communes: whole ticks (plotly's own put 0,2 0,4 … under one commune)
        fig.update_xaxes(dtick=1, tickformat=",d")
    top = legend_room(len(STATUSES), per_row=2)
    _layout(fig, lang, height=top + 40 + BAR_ROW_PX * max(len(groups), 1), legend=LEGEND_ABOVE)
    return fixed_margins(fig, top=top, bottom=30)


def status_name(status: str, lang: str) -> str:
    """A status as legends and labels show it: its symbol, then its name ("↗ Đúng lộ trình")."""
    return f"{STATUS_SYMBOLS[status]} {t(f'status.{status}', lang)}"


# Heights (y, on the strip's axis from -1.4 to 1.6, 70 px a unit; the dots lie within ±0.5) of the rows
# of the chosen communes' labels (about 20 px high): three above the dots and two below, so that five
# communes of about one index, all named, do not cover one another even on a phone.
STRIP_LABEL_LEVELS = (0.85, 1.15, 1.45, -0.85, -1.15)
STRIP_PLOT_PX = 310  # the strip's plot width on a phone (390 px): the narrowest the labels must fit


def label_levels(names: list[str], values: list[float], ys: list[float], plot_px: int = STRIP_PLOT_PX) -> list[int]:
    """Each label's row (an index of STRIP_LABEL_LEVELS): from left to right, the row nearest its dot
    (at height `ys`) where it does not overlap a label already placed at a phone's width (wider screens
    leave more room); a label in the left half extends rightwards from its dot, one in the right half
    leftwards. With more labels than room, the row holding the fewest."""
    placed: list[list[tuple[float, float]]] = [[] for _ in STRIP_LABEL_LEVELS]
    rows = [0] * len(names)
    for k in sorted(range(len(names)), key=lambda k: values[k]):
        x, width = values[k] / 100 * plot_px, len(names[k]) * CHAR_PX + 12
        span = (x, x + width) if values[k] < 50 else (x - width, x)
        nearest = sorted(range(len(placed)), key=lambda r: abs(STRIP_LABEL_LEVELS[r] - ys[k]))
        free = [r for r in nearest if all(span[1] < a or b < span[0] for a, b in placed[r])]
        rows[k] = free[0] if free else min(nearest, key=lambda r: len(placed[r]))
        placed[rows[k]].append(span)
    return rows


def index_strip(frame: pl.DataFrame, lang: str, highlight: tuple[str, ...] = (), label: str | None = None) -> go.Figure:
    """Every commune's composite index as a dot on one axis (readable from 10 to 500 communes), the
    province average as a line, and the communes chosen in the sidebar marked and named: each name on a
    white label with a short line to its dot, in rows (label_levels) and inside the chart. `label`: what the
    `index` column holds when it is not the composite index (a group's score)."""
    label = label or t("col.index", lang)
    ranked = frame.filter(pl.col("index").is_not_null()).sort("index", descending=True)
    n = ranked.height
    jitter = [((k * 37) % 13 - 6) / 12 for k in range(n)]  # deterministic, so a rerun does not move the dots
    hover = [
        f"<b>{name}</b><br>{label}: {fmt_number(v, lang)}<br>{t('col.rank', lang)}: {r}/{n}"
        for name, v, r in zip(ranked["commune_name"], ranked["index"], ranked["rank_province"], strict=True)
    ]
    fig = go.Figure(go.Scatter(
        x=ranked["index"].to_list(), y=jitter, mode="markers", marker={"size": 9, "color": "#4a78b5", "opacity": 0.7},
        hovertext=hover, hoverinfo="text", customdata=ranked["commune_code"].to_list(), name=label,
    ))
    chosen = [k for k, code in enumerate(ranked["commune_code"]) if code in highlight]
    if chosen:
        fig.add_scatter(
            x=[ranked["index"][k] for k in chosen], y=[jitter[k] for k in chosen], mode="markers",
            marker={"size": 15, "color": "#d62728", "line": {"width": 2, "color": "#000"}, "symbol": "diamond"},
            hovertext=[hover[k] for k in chosen], hoverinfo="text", name=t("filter.communes", lang),
        )
        names = [ranked["commune_name"][k] for k in chosen]
        values = [ranked["index"][k] for k in chosen]
        rows = label_levels(names, values, [jitter[k] for k in chosen])
        # the farthest rows first: a nearer label, drawn later, covers the line of a farther one
        for i in sorted(range(len(chosen)), key=lambda i: -abs(STRIP_LABEL_LEVELS[rows[i]])):
            left = values[i] < 50  # a label in the left half reads rightwards from its dot, and the other way round
            fig.add_annotation(
                x=values[i], y=jitter[chosen[i]], text=names[i], showarrow=True, arrowhead=0, arrowwidth=1,
                arrowcolor="#d62728", ax=0, ayref="y", ay=STRIP_LABEL_LEVELS[rows[i]], xanchor="left" if left else "right",
                bgcolor="#ffffff", bordercolor="#d62728", borderwidth=1, borderpad=2, font={"size": 12, "color": "#111"},
            )
    if n:
        avg = ranked["province_average"][0]
        # the average's name above the plot (in the top margin), clear of the chosen communes' labels
        fig.add_vline(x=avg, line_dash="dash", line_color="#444", annotation_yanchor="bottom",
                      annotation_text=f"{t('overview.province_average', lang)}: {fmt_number(avg, lang)}")
    fig.update_yaxes(visible=False, range=[-1.4, 1.6])
    fig.update_xaxes(title=label, range=[0, 100])
    fig.update_layout(showlegend=False)
    return fixed_margins(_layout(fig, lang, height=300), top=40, bottom=50)


def diverging(frame: pl.DataFrame, lang: str, value_label: str, highlight: tuple[str, ...] = (), decimals: int = INDEX_DECIMALS) -> go.Figure:
    """Diverging horizontal bars: each commune's difference from the province average; the communes chosen in the
    sidebar starred before their names and outlined in black. `decimals`: the values' (an indicator's, or the index's)."""
    data = frame.filter(pl.col("gap_to_province_average").is_not_null()).sort("gap_to_province_average")
    gaps = data["gap_to_province_average"].to_list()
    chosen = [code in highlight for code in data["commune_code"]]
    fig = go.Figure(
        go.Bar(
            y=data.select(mark_chosen(pl.col("commune_name"), pl.col("commune_code"), highlight).alias("name"))["name"].to_list(),
            x=gaps, orientation="h",
            marker_color=[GOOD if g >= 0 else BAD for g in gaps],
            marker_line={"color": ["#000" if c else "rgba(0,0,0,0)" for c in chosen], "width": [2.5 if c else 0 for c in chosen]},
            text=[fmt_number(g, lang, decimals) for g in gaps], textposition="outside",
            hovertext=[f"{value_label}: {fmt_number(v, lang, decimals)}" for v in data["value"]],
        )
    )
    fig.add_vline(x=0, line_color="#444")
    fig.update_xaxes(title=t("ranking.diff", lang))
    return _layout(fig, lang, height=max(300, 22 * data.height + 80))


NO_TARGET = "no_target"  # a commune × indicator pair without any target: not scored, unlike "no data"
NO_TARGET_COLOUR = "#eceff1"  # pale blue-grey: apart from the white gaps between cells and from no data's grey


def short(name: str, width: int = 22) -> str:
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"


def complete_grid(frame: pl.DataFrame) -> pl.DataFrame:
    """The heatmap's every cell: each commune by each indicator of the frame, in the frame's order, a
    pair without a score (no target for the commune) as status "no_target" (queries/heatmap.sql rows)."""
    communes = frame.select("province_code", "commune_code", "commune_name", "rank_province").unique(
        "commune_code", maintain_order=True).with_row_index("_c")
    indicators = frame.select("indicator_code", "indicator_name_vi", "indicator_name_en", "group_code").unique(
        "indicator_code", maintain_order=True).with_row_index("_i")
    scored = frame.select("commune_code", "indicator_code", "status", "latest_value", "target_value", "attainment")
    return (
        communes.join(indicators, how="cross")
        .join(scored, on=["commune_code", "indicator_code"], how="left")
        .with_columns(pl.col("status").fill_null(NO_TARGET))
        .sort("_c", "_i")
        .select(frame.columns)
    )


GRID_ROWS = 40  # communes per view of the status grid: a screen's height, and quick to draw in a browser


def grid_bands(frame: pl.DataFrame, size: int = GRID_ROWS) -> list[tuple[int, int]]:
    """The grid's views: (first, last) positions, 1-based, of `size` communes each in the frame's order
    (best ranked first). A province of 168 communes has 1–40, 41–80, 81–120, 121–160, 161–168."""
    n = frame["commune_code"].n_unique() if frame.height else 0
    return [(start + 1, min(start + size, n)) for start in range(0, n, size)]


def grid_band(frame: pl.DataFrame, band: tuple[int, int]) -> pl.DataFrame:
    """The grid's every cell (complete_grid) for the communes at positions band[0]..band[1] (1-based, the
    frame's order): every view has the same columns, those of the whole province."""
    codes = frame["commune_code"].unique(maintain_order=True).slice(band[0] - 1, band[1] - band[0] + 1)
    return complete_grid(frame).filter(pl.col("commune_code").is_in(codes.implode()))


LIST_FROM = 10  # a view of at most this many communes puts the indicators in rows: their names read across
WRAP_CHARS = 30  # an indicator's name on its row, wrapped at about this many characters a line (a phone's half)


def wrap(name: str, width: int = WRAP_CHARS, lines: int = 3) -> str:
    """A name in lines of at most `width` characters broken at spaces (plotly's <br>), the last line cut with …"""
    import textwrap

    parts = textwrap.wrap(name, width) or [name]
    if len(parts) > lines:
        parts = [*parts[: lines - 1], short(" ".join(parts[lines - 1:]), width)]
    return "<br>".join(parts)


def grid_by_indicator(frame: pl.DataFrame) -> bool:
    """Whether the status grid puts indicators in rows (few communes: one chosen, a small province's view, a
    phone) rather than in columns, where 48 tilted names overlap above a narrow grid."""
    return frame["commune_code"].n_unique() <= LIST_FROM if frame.height else False


def heatmap(frame: pl.DataFrame, lang: str, highlight: tuple[str, ...] = (), by_indicator: bool | None = None,
            short_names: dict[str, str] | None = None, decimals: Mapping[str, int] | None = None) -> go.Figure:
    """Status grid: communes (rows, best ranked first) by indicators (columns, short names; the full
    name on hover), a symbol in every cell, "no target" apart from "no data", and a legend. The
    communes chosen in the sidebar (`highlight`) have their row's name in bold with a star.

    The grid is drawn from whole arrays: cells by position, the hover from the row's commune and the
    column's indicator (%{y}, %{x}) plus one short line per cell, so a province of 130 communes by 60
    indicators sends the browser a fraction of what one hover text per cell would.

    `by_indicator` (default: grid_by_indicator): the indicators in rows, their full names wrapped and level, the
    communes in columns; the hover the same. `short_names`: the column labels by indicator code (the catalogue's
    short_vi / short_en, queries/indicators.sql), else the full names cut to 22 characters; the hover always
    names the indicator in full. `decimals`: each indicator's (the catalogue's), the hover's value and target."""
    if by_indicator is None:
        by_indicator = grid_by_indicator(frame)
    name_col = "indicator_name_en" if lang == "en" else "indicator_name_vi"
    grid = complete_grid(frame)
    communes = frame.select("commune_code", "commune_name").unique("commune_code", maintain_order=True)
    indicators = frame.select("indicator_code", name_col).unique("indicator_code", maintain_order=True)
    shape = (communes.height, indicators.height)
    kinds = [*STATUSES, NO_TARGET]
    colours = {**STATUS_COLOURS, NO_TARGET: NO_TARGET_COLOUR}
    code_of = {s: n for n, s in enumerate(kinds)}
    no_target = t("status.no_target", lang)
    named = {s: status_name(s, lang) for s in STATUSES}
    statuses = grid["status"].to_list()
    places = [(decimals or {}).get(code, 1) for code in grid["indicator_code"].to_list()]
    shown = [
        no_target if s == NO_TARGET else f"{named[s]}: {fmt_number(v, lang, d)} / {fmt_number(target, lang, d)}"
        for s, v, target, d in zip(statuses, grid["latest_value"].to_list(), grid["target_value"].to_list(), places, strict=True)
    ]
    n = len(kinds)
    scale = []
    for k, kind in enumerate(kinds):
        scale += [[k / n, colours[kind]], [(k + 1) / n, colours[kind]]]
    names = indicators[name_col].to_list()  # unique (the catalogue's names), so each is one column
    z = np.array([code_of[s] for s in statuses]).reshape(shape)
    symbols = np.array([STATUS_SYMBOLS.get(s, "·") for s in statuses], dtype=object).reshape(shape)
    cells = np.array(shown, dtype=object).reshape(shape)
    rows = communes["commune_name"].to_list()
    labels = [f"<b>{CHOSEN} {name}</b>" if code in highlight else name
              for code, name in zip(communes["commune_code"], rows, strict=True)]
    if by_indicator:  # indicators in rows (y), communes in columns (x)
        x, y, z, symbols, cells = rows, names, z.T, symbols.T, cells.T
        hover = "<b>%{x}</b><br>%{y}<br>%{customdata}<extra></extra>"
    else:
        x, y, hover = names, rows, "<b>%{y}</b><br>%{x}<br>%{customdata}<extra></extra>"
    fig = go.Figure(
        go.Heatmap(
            z=z, x=x, y=y, text=symbols, texttemplate="%{text}", customdata=cells, hovertemplate=hover, colorscale=scale,
            zmin=-0.5, zmax=n - 0.5, showscale=False, xgap=1, ygap=1,
        )
    )
    for kind in kinds:  # the legend: one entry per status, with its colour and symbol
        fig.add_scatter(x=[None], y=[None], mode="markers", name=no_target if kind == NO_TARGET else status_name(kind, lang),
                        marker={"size": 12, "symbol": "square", "color": colours[kind], "line": {"width": 1, "color": "#999"}})
    top = legend_room(len(kinds), per_row=1)
    if by_indicator:
        wrapped = [wrap(v) for v in names]
        fig.update_yaxes(autorange="reversed", tickvals=names, ticktext=wrapped)
        tilted = len(rows) > 3
        fig.update_xaxes(tickangle=-40 if tilted else 0, tickvals=rows, ticktext=labels)
        lines = sum(w.count("<br>") + 1 for w in wrapped)
        _layout(fig, lang, height=max(320, 16 * lines + 10 * len(names) + 120 + top), legend=LEGEND_ABOVE)
        widest = [line for w in wrapped for line in w.split("<br>")]
        return fixed_margins(fig, left=widest, tilted=rows if tilted else None, top=top, bottom=10 if tilted else 40)
    fig.update_yaxes(autorange="reversed", tickvals=rows, ticktext=labels)
    shorts = short_names or {}
    ticks = [shorts.get(code) or short(v) for code, v in zip(indicators["indicator_code"], names, strict=True)]
    # upright: a column is about 13 px wide at 1440 px with 60 indicators, so tilted labels ran into each other
    fig.update_xaxes(tickangle=-90, tickvals=names, ticktext=ticks)
    _layout(fig, lang, height=max(320, 18 * communes.height + 30 + SHORT_NAME * (CHAR_PX + 1) + top), legend=LEGEND_ABOVE)
    # a bold label is about a tenth wider: its star and space, and a character in ten more
    widths = [f"{CHOSEN} {name}{' ' * (len(name) // 10 + 1)}" if label != name else name for name, label in zip(rows, labels, strict=True)]
    return fixed_margins(fig, left=widths, upright=ticks, top=top, bottom=10)


PANELS_FROM = 4  # from this many communes on, one panel each (small multiples) instead of one crowded chart
PANEL_COLUMNS = 3


def trajectory(
    reported: pl.DataFrame, scores: pl.DataFrame, targets: pl.DataFrame, lang: str, unit: str, until_year: int,
    decimals: int = 1,
) -> go.Figure:
    """Reported values, required path, milestone targets, projection and the province average: up to
    three communes in one chart (one colour each), more as small multiples with shared axes; the hover's values
    with the indicator's `decimals`."""
    names = dict(reported.select("commune_code", "commune_name").unique().iter_rows())
    communes = sorted(names)
    panels = len(communes) >= PANELS_FROM
    if panels:
        rows = -(-len(communes) // PANEL_COLUMNS)
        fig = make_subplots(rows=rows, cols=PANEL_COLUMNS, shared_xaxes=True, shared_yaxes=True,
                            subplot_titles=[names[c] for c in communes], vertical_spacing=0.12 / max(rows, 1) + 0.04)
    else:
        fig = go.Figure()
    palette = ["#1f77b4", "#d62728", "#2ca02c"]
    avg = reported.select("period_end", "province_average").unique().sort("period_end")
    for n, commune in enumerate(communes):
        where = {"row": n // PANEL_COLUMNS + 1, "col": n % PANEL_COLUMNS + 1} if panels else {}
        colour = palette[0] if panels else palette[n % len(palette)]
        # in small multiples the panel names the commune; the legend names the kinds of line once
        label = (lambda key, commune=commune: t(key, lang, commune="").lstrip(": ")) if panels else (
            lambda key, commune=commune: t(key, lang, commune=names[commune]))
        legend = not panels or n == 0
        _commune_lines(fig, commune, reported, scores, targets, until_year, colour, label, legend, where)
        if avg.height and (panels or n == 0):
            fig.add_scatter(x=avg["period_end"].to_list(), y=avg["province_average"].to_list(), mode="lines",
                            line={"color": "#888", "width": 2}, name=t("trajectory.province_average", lang),
                            showlegend=n == 0, legendgroup="average", **where)
    fig.update_yaxes(title=unit if not panels else None)
    first = reported["period_end"].min() if reported.height else date(2025, 3, 31)
    last = max(reported["period_end"].max() if reported.height else first, date(until_year, 12, 31))
    # the axis covers the first report, the latest report and the milestone; markers are never cut
    low, high = first - timedelta(days=60), last + timedelta(days=150)
    ticks = quarter_ticks(low, high)
    fig.update_xaxes(range=[low, high], tickvals=ticks, ticktext=[quarter_of(d) for d in ticks], hoverformat="Q%q/%Y")
    if panels:  # plotly leaves matched y axes empty (-1..4) once the matched x axes are given a range
        fig.update_yaxes(range=padded([v for trace in fig.data for v in (trace.y or ()) if v is not None]))
        fig.update_xaxes(showticklabels=True)  # every panel its dates, not only the bottom row's
    fig.update_traces(hovertemplate=f"%{{fullData.name}}<br>%{{x}}: %{{y:,.{decimals}f}} {unit}<extra></extra>")
    height = 520 if not panels else 260 * (-(-len(communes) // PANEL_COLUMNS)) + 120
    return _layout(fig, lang, height=height)


def quarter_of(day: date) -> str:
    """The quarter a day falls in as the pages write it: 2026-09-30 -> 'Q3/2026'."""
    return f"Q{(day.month - 1) // 3 + 1}/{day.year}"


def quarter_ticks(low: date, high: date, most: int = 12) -> list[date]:
    """Tick positions for a time axis of quarterly values: the quarters' last days (where the values are
    plotted, so a Q3 value stands under 'Q3/…', not just before a 'Q4' tick at 1 October as plotly's own
    quarter ticks put it), every quarter, every second, or each year's Q4 (31 December, where the milestones
    are) so that at most about `most` are labelled."""
    ends = [d for y in range(low.year, high.year + 1) for d in (date(y, 3, 31), date(y, 6, 30), date(y, 9, 30), date(y, 12, 31))
            if low <= d <= high]
    if len(ends) <= most:
        return ends
    if len(ends) <= 2 * most:
        return [d for d in ends if d.month in (6, 12)]
    return [d for d in ends if d.month == 12]


def padded(values: list[float], share: float = 0.08) -> list[float] | None:
    """An axis range over `values` with `share` of their spread added at each end (1 when they are all
    equal), so markers at the extremes are drawn whole; None (autorange) without values."""
    if not values:
        return None
    low, high = min(values), max(values)
    pad = (high - low) * share or 1.0
    return [low - pad, high + pad]


def _commune_lines(fig, commune, reported, scores, targets, until_year, colour, label, legend, where) -> None:
    mine = reported.filter(pl.col("commune_code") == commune)
    fig.add_scatter(x=mine["period_end"].to_list(), y=mine["value"].to_list(), mode="lines+markers", line_color=colour,
                    name=label("trajectory.reported"), showlegend=legend, legendgroup="reported", **where)
    marks = targets.filter((pl.col("commune_code") == commune) & (pl.col("year") <= until_year))
    if marks.height:
        fig.add_scatter(
            x=[date(y, 12, 31) for y in marks["year"]], y=marks["value"].to_list(), mode="markers", marker_symbol="star",
            marker_size=13, marker_color=colour, name=label("trajectory.targets"), showlegend=legend,
            legendgroup="targets", **where,
        )
    score = scores.filter(pl.col("commune_code") == commune)
    if score.height and score["baseline"][0] is not None:
        s = score.row(0, named=True)
        lower = s["target_comparator"] in ("<=", "<") or (s["target_comparator"] not in (">=", ">") and s.get("direction") == "lower")
        latest = (s["latest_date"], s["latest_value"]) if s["latest_value"] is not None else None
        path = required_path((s["baseline_date"], s["baseline"]),
                             [(date(y, 12, 31), v) for y, v in zip(marks["year"], marks["value"], strict=True)], latest, lower)
        path_x, path_y = [d for d, _ in path], [v for _, v in path]
        fig.add_scatter(x=path_x, y=path_y, mode="lines", line={"color": colour, "dash": "dash"},
                        name=label("trajectory.path"), showlegend=legend, legendgroup="path", **where)
        if s["projected_value"] is not None:
            fig.add_scatter(
                x=[s["latest_date"], date(s["next_milestone_year"], 12, 31)], y=[s["latest_value"], s["projected_value"]],
                mode="lines", line={"color": colour, "dash": "dot"}, name=label("trajectory.projection"), showlegend=legend,
                legendgroup="projection", **where,
            )
