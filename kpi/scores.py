"""Compute the scores from the database and store them (tables indicator_score, commune_index)."""

from __future__ import annotations

import time

import duckdb
import polars as pl

from kpi import scoring
from kpi.db import run_here as run  # inside the caller's transaction
from kpi.periods import Period


def compute(con: duckdb.DuckDBPyConnection, as_of: Period) -> tuple[pl.DataFrame, pl.DataFrame, dict[str, float]]:
    """Indicator scores and the commune index as of a period, with how long each step took."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    observations = run(con, "scoring_observations", as_of=as_of.end)
    targets = run(con, "scoring_targets")
    indicators = run(con, "scoring_indicators")
    groups = run(con, "scoring_groups")
    communes = run(con, "scoring_communes")
    timings["read_ms"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    scores = scoring.score_indicators(observations, targets, indicators, as_of.end)
    timings["score_ms"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    index = scoring.composite_index(scores, groups, communes)
    timings["index_ms"] = (time.perf_counter() - started) * 1000
    return scores, index, timings


def store(con: duckdb.DuckDBPyConnection, periods: list[Period]) -> dict[str, float]:
    """Recompute and replace the stored scores for the given periods (inside the caller's transaction)."""
    timings: dict[str, float] = {}
    con.execute("DELETE FROM indicator_score")
    con.execute("DELETE FROM commune_index")
    for period in periods:
        scores, index, t = compute(con, period)
        timings.update({f"{period.label} {k}": v for k, v in t.items()})
        for table, frame in (("indicator_score", scores.drop("as_of")), ("commune_index", index)):
            frame = frame.with_columns(as_of_period=pl.lit(period.label))
            con.register("frame", frame)
            columns = ", ".join(f'"{c}"' for c in frame.columns)
            con.execute(f'INSERT INTO {table} ({columns}) SELECT {columns} FROM frame')  # table names are ours
            con.unregister("frame")
    return timings
