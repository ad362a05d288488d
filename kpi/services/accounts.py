"""Accounts: add, change, remove; and signing out (a revocation the cookie cannot outlive)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from kpi import records
from kpi.accounts import Actor, users
from kpi.db import connect, run


@dataclass(frozen=True)
class AccountResult:
    email: str
    existed: bool  # add: replaced an account's role and scope; remove: there was one to remove
    recorded_at: str


def _units(db: Path) -> pl.DataFrame:
    with connect(db) as con:
        return run(con, "units", province=None).select("commune_code", "province_code")


def add_user(db: Path, by: Actor, email: str, role: str, province: str | None = None,
             communes: list[str] | None = None) -> AccountResult:
    """Add an account or change its role and scope (UserError, AccessDenied: nothing written)."""
    units = _units(db)
    with records.connect(db) as con, records.transaction(con):
        existed = users.add(con, units, users.current(con, by), email, role, province, communes)
    return AccountResult(users.normalise(email), existed, records.stamp())


def remove_user(db: Path, by: Actor, email: str) -> AccountResult:
    """Remove an account and end its sign-ins (a revocation in the same transaction: a cookie of the removed
    account carries nothing, even if the address is given an account again)."""
    with records.connect(db) as con, records.transaction(con):
        existed = users.remove(con, users.current(con, by), email)
        if existed:
            records.execute(con, "revocation_insert", email=users.normalise(email), revoked_at=time.time(),
                            reason="users remove")
    return AccountResult(users.normalise(email), existed, records.stamp())
