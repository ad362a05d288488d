"""The pages' data handle: the published snapshot (resolved per session, opened read-only and cached), the
named queries of queries/ cached per snapshot, the scorecard model. Domain logic lives in kpi/ and SQL in queries/.
"""

from __future__ import annotations

import threading

import duckdb
import polars as pl
import streamlit as st

from kpi import config, db, store
from kpi.accounts import Actor
from kpi.i18n import reader, t
from kpi.scorecard import model as scorecard_model
from kpi.scoring import tables


@st.cache_resource(show_spinner=False, max_entries=4)
def database(snapshot: str) -> duckdb.DuckDBPyConnection:
    """One read-only handle per published snapshot; every query takes its own cursor from it."""
    return db.connect(snapshot)


_seen = {"snapshot": ""}  # the newest snapshot this server process has seen


_seen_lock = threading.Lock()


def snapshot() -> str:
    """The published snapshot, resolved afresh: app.py calls it at the start of every rerun.

    When a writer has published a newer one, the first rerun to notice it clears the cached query
    results and lets go of the old handle (queries still running on it finish on their cursor)."""
    path = config.default_db()
    if not path.exists():
        from kpi.build import build

        server = Actor.server_admin()  # no account exists yet: the dashboard's own process builds, and says so
        with st.spinner(t("app.first_build", reader())):  # the language app.py chose for this run
            build(path, if_missing=True, actor=Actor(server.email.replace("cli:", "dashboard:", 1), server.role))
    current = str(store.current(path).path)
    with _seen_lock:
        if current != _seen["snapshot"]:
            if _seen["snapshot"]:
                query.clear()
                _ranking.clear()
                database.clear()
            _seen["snapshot"] = current
    return current


def con() -> duckdb.DuckDBPyConnection:
    try:
        return database(_seen["snapshot"] or snapshot())
    except db.DatabaseMissing:  # superseded and removed meanwhile: the one published now
        return database(snapshot())


@st.cache_data(show_spinner=False, max_entries=64)
def _scorecard(commune: str, period: str, milestone: int | None, basis: str, snapshot: str) -> scorecard_model.Scorecard:
    return scorecard_model.load(database(snapshot), commune, period, milestone, basis)


def scorecard(commune: str, period: str, milestone: int | None) -> scorecard_model.Scorecard:
    """One commune's scorecard (kpi.scorecard.model) on the sidebar's basis, cached per published snapshot."""
    return _scorecard(commune, period, milestone, basis(), _seen["snapshot"] or snapshot())


@st.cache_data(show_spinner=False, max_entries=512)
def query(name: str, snapshot: str, **params: object) -> pl.DataFrame:
    return db.run(database(snapshot), name, **params)


@st.cache_data(show_spinner=False, max_entries=64)
def _ranking(period: str | None, province: str | None, basis: str, snapshot: str) -> pl.DataFrame:
    return tables.ranking(database(snapshot), period, province, basis)


def ranking_table(period: str | None, province: str | None) -> pl.DataFrame:
    """queries/ranking.sql with a column per indicator group's score (kpi.scoring.tables.ranking) on the sidebar's
    basis, cached per published snapshot."""
    try:
        return _ranking(period, province, basis(), _seen["snapshot"] or snapshot())
    except db.DatabaseMissing:  # a writer removed a superseded snapshot between resolving it and opening it
        return _ranking(period, province, basis(), snapshot())


def basis() -> str:
    """The scores' basis the reader chose in the sidebar: "all" reported values, or "approved" ones only."""
    return "approved" if st.session_state.get("basis_approved") else "all"


def q(name: str, **params: object) -> pl.DataFrame:
    """Run queries/NAME.sql against the published snapshot, cached by snapshot and parameters (a query over
    scores gets the sidebar's basis unless the caller names one)."""
    if "basis" not in params and "$basis" in db.query_text(name):
        params["basis"] = basis()
    try:
        return query(name, _seen["snapshot"] or snapshot(), **params)
    except db.DatabaseMissing:  # a writer removed a superseded snapshot between resolving it and opening it
        return query(name, snapshot(), **params)


def info() -> dict[str, str]:
    return dict(q("build_info").iter_rows())
