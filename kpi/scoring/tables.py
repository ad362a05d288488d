"""Compute the scores from the database and store them (tables indicator_score, commune_index,
commune_group_score), and read the ranking back in the wide shape pages and exports show (ranking)."""

from __future__ import annotations

import time

import duckdb
import polars as pl

from kpi import db, scoring
from kpi.db import build_info, insert_frame
from kpi.db import run_here as run  # inside the caller's transaction
from kpi.periods import Period, quarters

BASES = ("all", "approved")  # every reported value (real over demo), or only values the province approved


Computed = tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, dict[str, float]]


def compute(con: duckdb.DuckDBPyConnection, as_of: Period, basis: str = "all") -> Computed:
    """Indicator scores, the commune index and the communes' group scores (long) as of a period, with how long
    each step took."""
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
    by_group = scoring.group_scores(scores, groups, index)
    timings["index_ms"] = (time.perf_counter() - started) * 1000
    return scores, index, by_group, timings


def store(con: duckdb.DuckDBPyConnection, periods: list[Period], bases: tuple[str, ...] = BASES) -> dict[str, float]:
    """Recompute and replace the stored scores for the given periods and bases (inside the caller's
    transaction). A basis with no value to score (no approved value yet) stores nothing."""
    timings: dict[str, float] = {}
    for basis in bases:
        con.execute("DELETE FROM indicator_score WHERE basis = $basis", {"basis": basis})
        con.execute("DELETE FROM commune_index WHERE basis = $basis", {"basis": basis})
        con.execute("DELETE FROM commune_group_score WHERE basis = $basis", {"basis": basis})
    for basis in bases:
        if basis == "approved" and not run(con, "approved_quarters")["quarters"][0]:
            continue
        for period in periods:
            _store_one(con, period, basis, timings)
    return timings


def _store_one(con: duckdb.DuckDBPyConnection, period: Period, basis: str, timings: dict[str, float]) -> None:
    scores, index, by_group, t = compute(con, period, basis)
    timings.update({f"{basis} {period.label} {k}": v for k, v in t.items()})
    for table, frame in (("indicator_score", scores.drop("as_of")), ("commune_index", index), ("commune_group_score", by_group)):
        frame = frame.with_columns(as_of_period=pl.lit(period.label), basis=pl.lit(basis))
        insert_frame(con, table, frame)


def refresh(con: duckdb.DuckDBPyConnection, bases: tuple[str, ...] = BASES) -> None:
    """After a write (import, rollback, an approval decision): recompute every quarter the period picker
    offers, on the given bases."""
    info = build_info(con)
    store(con, quarters(info["first_period"], info["as_of_period"]), bases)


def ranking(con: duckdb.DuckDBPyConnection, period: str | None, province: str | None, basis: str = "all") -> pl.DataFrame:
    """queries/ranking.sql (the composite index, ranks and averages per commune) with each group's score as a
    column score_<group> after gap_to_province_average, the groups of the snapshot's indicator_group
    (data/groups.yaml) in their order: the wide shape the pages and the ranking export show
    (kpi.scoring.widen_groups over queries/ranking_group_scores.sql)."""
    params = {"period": period, "province": province, "basis": basis}
    frame = db.run(con, "ranking", **params)
    return scoring.widen_groups(frame, db.run(con, "ranking_group_scores", **params), db.run(con, "indicator_groups"),
                                after="gap_to_province_average")
