"""The approval of reported values per commune and quarter (DHIS2's data approval), in the store of record.

An import makes a commune's quarter "submitted"; a reviewer approves it, then locks it, or returns it with a
reason ("returned": the commune corrects and imports again, which makes it submitted again). An import or a
rollback touching a locked quarter is refused (an error of each row it would write) until a reviewer unlocks
it, which makes it approved again. A new import into an approved quarter makes it submitted again: an approval
covers the values it saw. Every decision leaves the reviewer's word (value_review: the move, the state, the
reason), which the editor reads first where they report (reviews).

Every decision needs the "review" right and the commune in the reviewer's scope, is checked against the store
inside the write's transaction (kpi.services.approvals.decide) and audited there. The "approved" basis of the
scores follows at the next publication (kpi.store.publisher rescores the commune)."""

from __future__ import annotations

import sqlite3

import polars as pl

from kpi import records
from kpi.accounts import AccessDenied, Actor, audit, outside_scope
from kpi.i18n import msg
from kpi.intake.validate import RowError
from kpi.records import changes

MOVES = {"approve": ("submitted", "approved"), "return": ("submitted", "returned"), "lock": ("approved", "locked"),
         "unlock": ("locked", "approved")}
STATES = ("submitted", "returned", "approved", "locked")  # in words: the catalogue's approval.<state>
MAX_REASON = 500


class ApprovalError(ValueError):
    """A decision that cannot be made now (its message a catalogue key and arguments, kpi.i18n.Msg)."""


def quarter_of(period_end: pl.Expr) -> pl.Expr:
    """"2026-Q3" of a date."""
    return period_end.dt.year().cast(pl.String) + "-Q" + period_end.dt.quarter().cast(pl.String)


def _with_quarter(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with the quarter of its period_end (a date, or an ISO date as the store keeps it)."""
    day = pl.col("period_end")
    return frame.with_columns(quarter=quarter_of(day if frame.schema["period_end"] == pl.Date else day.cast(pl.String).str.to_date()))


def locked_rows(con: sqlite3.Connection | None, frame: pl.DataFrame, files: list[str]) -> list[RowError]:
    """An error for every row of an import (commune_code, period_end, file_index, source_row) that would write
    into a quarter the store holds locked."""
    locked = records.run(con, "value_locked")
    if not locked.height or not frame.height:
        return []
    hit = _with_quarter(frame).join(locked, on=["commune_code", "quarter"])
    return [RowError(files[i], int(r), "period", msg("approval_error.locked", quarter=q, commune=c))
            for c, q, i, r in hit.sort("file_index", "source_row").select("commune_code", "quarter", "file_index",
                                                                          "source_row").iter_rows()]


def locked_quarters(con: sqlite3.Connection, touched: pl.DataFrame) -> list[str]:
    """"COMMUNE QUARTER" of every locked quarter among these values (commune_code, period_end)."""
    locked = records.run(con, "value_locked")
    if not locked.height or not touched.height:
        return []
    hit = _with_quarter(touched).join(locked, on=["commune_code", "quarter"]).select("commune_code", "quarter").unique()
    return [f"{c} {q}" for c, q in hit.sort("commune_code", "quarter").iter_rows()]


def quarters_of(written: pl.DataFrame) -> list[tuple[str, str]]:
    """(commune, quarter) of these values (commune_code, period_end), each once, in order."""
    if not written.height:
        return []
    quarters = _with_quarter(written.select("commune_code", "period_end")).select("commune_code", "quarter").unique()
    return list(quarters.sort("commune_code", "quarter").iter_rows())


def submit(con: sqlite3.Connection, quarters: list[tuple[str, str]], actor: Actor) -> None:
    """Inside a write's transaction: these (commune, quarter) are submitted again. (Locked quarters never get
    here: the import and the rollback refuse them.)"""
    at = records.stamp()
    con.executemany(records.statement("value_approval_set"),
                    [{"commune": c, "quarter": q, "state": "submitted", "at": at, "by": actor.email} for c, q in quarters])


def mark_submitted(con: sqlite3.Connection, written: pl.DataFrame, actor: Actor) -> None:
    """submit() the quarters of the values written (commune_code, period_end)."""
    submit(con, quarters_of(written), actor)


def decide(con: sqlite3.Connection, units: pl.DataFrame, actor: Actor, commune: str, quarter: str, move: str,
           reason: str = "") -> str:
    """approve, return, lock or unlock a commune's values for a quarter ("2026-Q3") inside the caller's store
    transaction, `actor` as the store says now; audited, with a change row naming the commune and the
    reviewer's word (a return needs a reason). Returns the new state. units: commune_code, province_code of
    the published snapshot."""
    if move not in MOVES:
        raise ApprovalError(msg("approval_error.unknown_move", move=repr(move), moves=", ".join(MOVES)))
    reason = " ".join((reason or "").split())
    if move == "return" and not reason:
        raise ApprovalError(msg("approval_error.needs_reason"))
    if len(reason) > MAX_REASON:
        raise ApprovalError(msg("approval_error.reason_too_long", n=MAX_REASON))
    province = units.filter(pl.col("commune_code") == commune)["province_code"]
    if not province.len():
        raise ApprovalError(msg("intake.unknown_commune", code=repr(commune)))
    actor.require("review")
    if not actor.covers(commune, province[0]):
        raise AccessDenied(outside_scope(commune))
    reported = _with_quarter(records.run(con, "value_period_ends", commune=commune))
    if not reported.height or quarter not in reported["quarter"].to_list():
        raise ApprovalError(msg("approval_error.not_reported", commune=commune, quarter=quarter))
    found = records.execute(con, "value_approval_of", commune=commune, quarter=quarter)
    state = found[0][0] if found else "submitted"
    before, after = MOVES[move]
    if state != before:
        raise ApprovalError(msg("approval_error.state", quarter=quarter, commune=commune, state=msg(f"approval.{state}"),
                                move=move))
    at = records.stamp()
    records.execute(con, "value_approval_set", commune=commune, quarter=quarter, state=after, at=at, by=actor.email)
    records.execute(con, "value_review_insert", commune=commune, quarter=quarter, move=move, state=after, reason=reason,
                    at=at, by=actor.email)
    detail = f"commune {commune} {quarter}: {state} -> {after}" + (f" ({reason})" if reason else "")
    changes.record(con, move, audit.record(con, actor, move, detail), [commune])
    return after


def reviews(con: sqlite3.Connection | None, units: pl.DataFrame, actor: Actor) -> pl.DataFrame:
    """Every reviewer's word on the quarters of the communes this actor covers, newest first: review_id,
    commune_code, commune_name, quarter, move, state, reason, reviewed_at, reviewed_by, state_now (the
    quarter's state now: a return is answered once the commune imports again)."""
    columns = {"review_id": pl.Int64, "commune_code": pl.String, "commune_name": pl.String, "quarter": pl.String,
               "move": pl.String, "state": pl.String, "reason": pl.String, "reviewed_at": pl.String,
               "reviewed_by": pl.String, "state_now": pl.String}
    found = records.run(con, "value_reviews") if con is not None else pl.DataFrame()
    if not found.height:
        return pl.DataFrame(schema=columns)
    placed = units.select("commune_code", "province_code", "commune_name")
    allowed = [c for c, p in placed.select("commune_code", "province_code").iter_rows() if actor.covers(c, p)]
    return (found.join(placed, on="commune_code").filter(pl.col("commune_code").is_in(allowed))
            .sort("review_id", descending=True).select(list(columns)).cast(columns))


def listing(con: sqlite3.Connection | None, units: pl.DataFrame, province: str | None = None) -> pl.DataFrame:
    """Reported values per commune and quarter with their approval state as the store holds them now, for a
    province or everywhere (None), newest quarter first: province_code, commune_code, commune_name, quarter,
    values_reported, state, changed_at, changed_by. units: commune_code, province_code, commune_name."""
    columns = {"province_code": pl.String, "commune_code": pl.String, "commune_name": pl.String, "quarter": pl.String,
               "values_reported": pl.Int64, "state": pl.String, "changed_at": pl.Datetime("us", "UTC"),
               "changed_by": pl.String}
    reported = records.run(con, "value_period_ends", commune=None)
    if not reported.height:
        return pl.DataFrame(schema=columns)
    per_quarter = (_with_quarter(reported).group_by("commune_code", "quarter")
                   .agg(pl.col("values_reported").sum().cast(pl.Int64)))
    states = records.run(con, "value_approvals")
    if not states.height:
        states = pl.DataFrame(schema={c: pl.String for c in ("commune_code", "quarter", "state", "changed_at", "changed_by")})
    states = states.with_columns(pl.col("changed_at").str.to_datetime(time_zone="UTC"))
    placed = units.select("commune_code", "province_code", "commune_name")
    if province is not None:
        placed = placed.filter(pl.col("province_code") == province)
    return (per_quarter.join(placed, on="commune_code").join(states, on=["commune_code", "quarter"], how="left")
            .with_columns(pl.col("state").fill_null("submitted"))
            .sort(["quarter", "commune_code"], descending=[True, False]).select(list(columns)).cast(columns))
