"""A commune's entry form for one period, read from the published snapshot (queries/entry_form.sql,
queries/entry_history.sql): each indicator a Line that kpi.entry.checks judges as the person types."""

from __future__ import annotations

import duckdb
import polars as pl

from kpi.db import run
from kpi.entry.checks import Line
from kpi.periods import parse_period


def rows(con: duckdb.DuckDBPyConnection, commune: str, period: str) -> pl.DataFrame:
    """The form's rows (queries/entry_form.sql): the commune's own plan's indicators first, then the inherited
    ones with a target, then the rest; each with its bounds, next milestone target and last value."""
    p = parse_period(period)
    return run(con, "entry_form", commune=commune, period_end=p.end, year=p.year)


def lines(con: duckdb.DuckDBPyConnection, commune: str, period: str, form: pl.DataFrame | None = None) -> dict[str, Line]:
    """Each indicator of the form as a Line (its history and its province's spread included), by code."""
    form = rows(con, commune, period) if form is None else form
    known = run(con, "entry_history", commune=commune, period_end=parse_period(period).end)
    values: dict[tuple[str, str], list[float]] = {}
    for kind, code, value in known.iter_rows():
        values.setdefault((kind, code), []).append(value)
    return {
        r["indicator_code"]: Line(
            r["indicator_code"], r["name_vi"], r["unit"], r["lower_bound"], r["upper_bound"], r["direction"], r["kind"],
            r["target_comparator"], r["target_value"], r["target_value_max"],
            tuple(values.get(("commune", r["indicator_code"]), ())), tuple(values.get(("province", r["indicator_code"]), ())))
        for r in form.iter_rows(named=True)
    }
