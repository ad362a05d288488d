"""Value approval: approve, return, lock and unlock a commune's quarter (one short store transaction), and the list
of quarters with their states as the store holds them now (kpi.approvals)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from kpi import approvals, records
from kpi.accounts import AccessDenied, Actor, outside_scope, users
from kpi.i18n import msg
from kpi.services.values import reference_units, writing


@dataclass(frozen=True)
class Decision:
    commune: str
    quarter: str
    state: str  # the new state
    recorded_at: str


def decide(db: Path, actor: Actor, commune: str, quarter: str, move: str, *, reason: str = "",
           wait: float | None = None) -> Decision:
    """approve, return (with a reason), lock or unlock (ApprovalError, AccessDenied: nothing written)."""
    units = reference_units(db)
    with writing(db, wait) as con:
        state = approvals.decide(con, units, users.current(con, actor), commune, quarter, move, reason)
    return Decision(commune, quarter, state, records.stamp())


def listing(db: Path, province: str | None = None) -> pl.DataFrame:
    """Reported values per commune and quarter with their approval state, for a province or everywhere."""
    units = reference_units(db)
    with records.read_only(db) as rec:
        return approvals.listing(rec, units, province)


def reviews(db: Path, actor: Actor) -> pl.DataFrame:
    """Every reviewer's word on the quarters of the communes this actor covers, newest first (kpi.approvals.reviews)."""
    units = reference_units(db)
    with records.read_only(db) as rec:
        return approvals.reviews(rec, units, actor)


def quarter_values(db: Path, actor: Actor, commune: str) -> pl.DataFrame:
    """A commune's imported values as the store holds them now, for a reviewer whose scope covers it
    (AccessDenied otherwise: nothing read)."""
    units = reference_units(db)
    province = units.filter(pl.col("commune_code") == commune)["province_code"]
    if not province.len():
        raise approvals.ApprovalError(msg("intake.unknown_commune", code=repr(commune)))
    actor.require("review")
    if not actor.covers(commune, province[0]):
        raise AccessDenied(outside_scope(commune))
    with records.read_only(db) as rec:
        return records.run(rec, "quarter_values", commune=commune) if rec is not None else pl.DataFrame()
