"""Value approval: approve, lock and unlock a commune's quarter (one short store transaction), and the list
of quarters with their states as the store holds them now (kpi.approvals)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from kpi import approvals, records
from kpi.accounts import Actor, users
from kpi.services.values import reference_units, writing


@dataclass(frozen=True)
class Decision:
    commune: str
    quarter: str
    state: str  # the new state
    recorded_at: str


def decide(db: Path, actor: Actor, commune: str, quarter: str, move: str, *, wait: float | None = None) -> Decision:
    """approve, lock or unlock (ApprovalError, AccessDenied: nothing written)."""
    units = reference_units(db)
    with writing(db, wait) as con:
        state = approvals.decide(con, units, users.current(con, actor), commune, quarter, move)
    return Decision(commune, quarter, state, records.stamp())


def listing(db: Path, province: str | None = None) -> pl.DataFrame:
    """Reported values per commune and quarter with their approval state, for a province or everywhere."""
    units = reference_units(db)
    with records.read_only(db) as rec:
        return approvals.listing(rec, units, province)
