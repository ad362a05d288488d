"""Compute the scores from the database and store them (tables indicator_score, commune_index)."""

from __future__ import annotations

import time

import duckdb
import polars as pl

from kpi import scoring
from kpi.db import build_info, insert_frame
from kpi.db import run_here as run  # inside the caller's transaction
from kpi.periods import Period, quarters

BASES = ("all", "approved")  # every reported value (real over demo), or only values the province approved


def compute(con: duckdb.DuckDBPyConnection, as_of: Period, basis: str = "all") -> tuple[pl.DataFrame, pl.DataFrame, dict[str, float]]:
    """Indicator scores and the commune index as of a period, with how long each step took."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    observations = run(con, "scoring_observations", as_of=as_of.end, approved_only=basis == "approved")
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


def store(con: duckdb.DuckDBPyConnection, periods: list[Period], bases: tuple[str, ...] = BASES) -> dict[str, float]:
    """Recompute and replace the stored scores for the given periods and bases (inside the caller's
    transaction). A basis with no value to score (no approved value yet) stores nothing."""
    timings: dict[str, float] = {}
    for basis in bases:
        con.execute("DELETE FROM indicator_score WHERE basis = $basis", {"basis": basis})
        con.execute("DELETE FROM commune_index WHERE basis = $basis", {"basis": basis})
    for basis in bases:
        if basis == "approved" and not run(con, "approved_quarters")["quarters"][0]:
            continue
        for period in periods:
            _store_one(con, period, basis, timings)
    return timings


def _store_one(con: duckdb.DuckDBPyConnection, period: Period, basis: str, timings: dict[str, float]) -> None:
    scores, index, t = compute(con, period, basis)
    timings.update({f"{basis} {period.label} {k}": v for k, v in t.items()})
    for table, frame in (("indicator_score", scores.drop("as_of")), ("commune_index", index)):
        frame = frame.with_columns(as_of_period=pl.lit(period.label), basis=pl.lit(basis))
        insert_frame(con, table, frame)


def refresh(con: duckdb.DuckDBPyConnection, bases: tuple[str, ...] = BASES) -> None:
    """After a write (import, rollback, an approval decision): recompute every quarter the period picker
    offers, on the given bases."""
    info = build_info(con)
    store(con, quarters(info["first_period"], info["as_of_period"]), bases)
