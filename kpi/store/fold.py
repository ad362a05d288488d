"""The store of record folded into a snapshot: the people's tables of a DuckDB file replaced by the store's
rows (queries/fold_records.sql), and the scores of the communes whose values or approvals changed
recomputed by the scoring's own method.

Used by the build (every record, then every score) and by the publisher (the records, then only the
touched communes' indicator scores; the index, ranks and province averages of every commune, since they
are national)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable

import duckdb
import polars as pl

from kpi import records, scoring
from kpi.db import build_info, insert_frame, query_text, run_here
from kpi.periods import Period, quarters
from kpi.scoring.tables import BASES

TABLES = ("app_user", "user_commune", "audit_log", "import_batch", "real_value", "observation_history",
          "evidence_file", "task_report", "task_report_evidence", "value_approval")


def load_records(duck: duckdb.DuckDBPyConnection, rec: sqlite3.Connection | None) -> dict[str, int]:
    """Replace the snapshot's people's tables with the store's (inside the caller's transaction). Returns the
    rows read per table and how many records the snapshot could not place (record_unmatched)."""
    counts: dict[str, int] = {}
    for table in TABLES:
        frame = records.run(rec, f"all_{table}") if rec is not None else pl.DataFrame()
        if not frame.width:  # no store yet: the same columns, no rows
            frame = _empty(duck, table)
        duck.register(f"rec_{table}", frame)
        counts[table] = frame.height
    try:
        duck.execute(query_text("fold_records"))
    finally:
        for table in TABLES:
            duck.unregister(f"rec_{table}")
    [(unmatched,)] = duck.execute("SELECT count(*) FROM record_unmatched").fetchall()
    counts["unmatched"] = unmatched
    counts.update(_load_published(duck, rec))
    return counts


PUBLISHED = ("published_snapshot", "published_value", "published_unit")  # kpi.services.published


def _load_published(duck: duckdb.DuckDBPyConnection, rec: sqlite3.Connection | None) -> dict[str, int]:
    """The store's published values (Bộ chỉ số 766 snapshots) replace the snapshot's (queries/fold_published.sql)."""
    counts = {}
    empty = None
    if rec is None:  # no store yet: its tables, empty
        empty = rec = sqlite3.connect(":memory:")
        rec.executescript(records.statement("schema"))
    for table in PUBLISHED:
        frame = records.run(rec, f"all_{table}")
        duck.register(f"rec_{table}", frame)
        counts[table] = frame.height
    if empty is not None:
        empty.close()
    try:
        duck.execute(query_text("fold_published"))
    finally:
        for table in PUBLISHED:
            duck.unregister(f"rec_{table}")
    return counts


_EXTRA = {"real_value": "observation", "task_report": "task_report"}


def _empty(duck: duckdb.DuckDBPyConnection, table: str) -> pl.DataFrame:
    """The store's table with no rows, its columns as the statements read them (a snapshot's schema)."""
    columns = [c for (c,) in duck.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position",
        {"t": _EXTRA.get(table, table)}).fetchall()]
    if table == "task_report":
        columns.append("task_seq")
    return pl.DataFrame(schema=dict.fromkeys(columns, pl.String))


def touched_everywhere(rec: sqlite3.Connection | None) -> set[str]:
    """Every commune with a record that bears on scores (a build rescored them all anyway)."""
    if rec is None:
        return set()
    return set(records.run(rec, "communes_with_values")["commune_code"].to_list())


def rescore(duck: duckdb.DuckDBPyConnection, communes: Iterable[str]) -> dict[str, float]:
    """Recompute indicator_score for these communes in every quarter the period picker offers, on both bases,
    then commune_index and commune_group_score for every commune from the stored indicator scores (ranks and
    province averages span the nation). Inside the caller's transaction."""
    timings: dict[str, float] = {}
    touched = sorted(set(communes))
    info = build_info(duck)
    periods = quarters(info["first_period"], info["as_of_period"])
    indicators = run_here(duck, "scoring_indicators")
    groups = run_here(duck, "scoring_groups")
    all_communes = run_here(duck, "scoring_communes")
    started = time.perf_counter()
    has_approved = bool(run_here(duck, "approved_quarters")["quarters"][0])
    [(had_approved,)] = duck.execute("SELECT count(*) > 0 FROM indicator_score WHERE basis = 'approved'").fetchall()
    for basis in BASES:
        approved = basis == "approved"
        # the approved basis scores every commune once a quarter anywhere is approved, and none before (as
        # tables.store): when that turns, every commune's approved scores change, not only the touched ones'
        redo = all_communes["commune_code"].to_list() if approved and has_approved != had_approved else touched
        for period in periods:
            if redo:
                _rescore_communes(duck, period, basis, redo, indicators, has_approved or not approved)
            _reindex(duck, period, basis, groups, all_communes)
    timings["rescore_s"] = time.perf_counter() - started
    return timings


def _rescore_communes(duck: duckdb.DuckDBPyConnection, period: Period, basis: str, touched: list[str],
                      indicators: pl.DataFrame, any_values: bool) -> None:
    duck.execute("DELETE FROM indicator_score WHERE basis = $basis AND as_of_period = $period "
                 "AND commune_code IN (SELECT unnest($communes))",
                 {"basis": basis, "period": period.label, "communes": touched})
    if not any_values:  # the approved basis with no approved quarter anywhere stores nothing (tables.store)
        return
    observations = run_here(duck, "scoring_observations_of", as_of=period.end, approved_only=basis == "approved",
                            communes=touched)
    targets = run_here(duck, "scoring_targets_of", communes=touched)
    scores = scoring.score_indicators(observations, targets, indicators, period.end)
    frame = scores.drop("as_of").with_columns(as_of_period=pl.lit(period.label), basis=pl.lit(basis))
    insert_frame(duck, "indicator_score", frame)


def _reindex(duck: duckdb.DuckDBPyConnection, period: Period, basis: str, groups: pl.DataFrame,
             communes: pl.DataFrame) -> None:
    scores = run_here(duck, "scoring_stored", basis=basis, period=period.label)
    which = {"basis": basis, "period": period.label}
    duck.execute("DELETE FROM commune_index WHERE basis = $basis AND as_of_period = $period", which)
    duck.execute("DELETE FROM commune_group_score WHERE basis = $basis AND as_of_period = $period", which)
    if not scores.height:
        return
    index = scoring.composite_index(scores, groups, communes)
    by_group = scoring.group_scores(scores, groups, index)
    for table, frame in (("commune_index", index), ("commune_group_score", by_group)):
        insert_frame(duck, table, frame.with_columns(as_of_period=pl.lit(period.label), basis=pl.lit(basis)))
