"""Accounts in the store of record (app_user, user_commune): add, remove, list, and the actor for an address.

`python -m kpi users add|list|remove` is the administrator's tool (kpi.services.accounts); every change is
audited. The units an account may cover are checked against the published snapshot's."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import polars as pl

from kpi import records
from kpi.accounts import audit
from kpi.accounts.roles import ROLES, Actor
from kpi.i18n import msg
from kpi.records import changes

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


class UserError(ValueError):
    """An account that cannot be added as asked (its message a catalogue key and arguments, naming the field)."""


def normalise(email: str, field: str = "EMAIL") -> str:
    """The address as accounts are compared (kpi.accounts.identity.canonical: NFKC and case folding; an
    address that NFKC changes is refused with LookAlike)."""
    from kpi.accounts.identity import canonical

    return canonical(email, field)


def _check(units: pl.DataFrame, email: str, role: str, province: str | None,
           communes: list[str]) -> tuple[str | None, list[str]]:
    """units: commune_code, province_code of every unit (queries/units.sql on the published snapshot)."""
    if not _EMAIL.fullmatch(email):
        raise UserError(msg("users.not_email", email=repr(email)))
    if role not in ROLES:
        raise UserError(msg("users.bad_role", role=repr(role), roles=", ".join(ROLES)))
    where = dict(zip(units["commune_code"], units["province_code"], strict=True))
    provinces = set(units["province_code"])
    unknown = [c for c in communes if c not in where]
    if unknown:
        raise UserError(msg("users.no_commune", codes=", ".join(unknown)))
    if province is not None and province not in provinces:
        raise UserError(msg("users.no_province", code=province))
    if role == "commune_editor":
        if not communes:
            raise UserError(msg("users.editor_needs_commune"))
        outside = [c for c in communes if province is not None and where[c] != province]
        if outside:
            raise UserError(msg("users.not_in_province", codes=", ".join(outside), province=province))
        return None, sorted(set(communes))
    if communes:
        raise UserError(msg("users.commune_only_editor", role=role))
    if role == "province_reviewer":
        if province is None:
            raise UserError(msg("users.reviewer_needs_province"))
        return province, []
    if province is not None:
        raise UserError(msg("users.province_not_for", role=role))
    return None, []


def add(con: sqlite3.Connection, units: pl.DataFrame, by: Actor, email: str, role: str, province: str | None = None,
        communes: list[str] | None = None) -> bool:
    """Add an account, or replace the role and scope of an existing one; True if it existed. Audited. Inside
    the caller's store transaction (kpi.services.accounts.add_user), `by` as the store says now."""
    by.require("users")
    email = normalise(email)
    province, communes = _check(units, email, role, province, list(communes or []))
    records.execute(con, "user_communes_delete", email=email)
    existed = bool(records.execute(con, "user_delete", email=email))
    records.execute(con, "user_insert", email=email, role=role, province=province, at=records.stamp(), by=by.email)
    for commune in communes:
        records.execute(con, "user_commune_insert", email=email, commune=commune)
    scope = province or ",".join(communes) or "-"
    changes.record(con, "user_add", audit.record(con, by, "user_add", f"{email} {role} {scope}{' (replaced)' if existed else ''}"))
    return existed


def remove(con: sqlite3.Connection, by: Actor, email: str) -> bool:
    """Remove an account; False if there was none. Audited, inside the caller's store transaction."""
    by.require("users")
    email = normalise(email)
    records.execute(con, "user_communes_delete", email=email)
    existed = bool(records.execute(con, "user_delete", email=email))
    if existed:
        changes.record(con, "user_remove", audit.record(con, by, "user_remove", email))
    return existed


def listing(db: Path) -> pl.DataFrame:
    """Every account: email, role, province_code, communes (comma-separated), added_at, added_by."""
    with records.read_only(db) as con:
        return _accounts(records.run(con, "users", email=None))


def _accounts(rows: pl.DataFrame) -> pl.DataFrame:
    """queries/records/users.sql's rows (one per account and commune) as one row per account."""
    columns = ["email", "role", "province_code", "communes", "added_at", "added_by"]
    if not rows.height:
        return pl.DataFrame(schema=dict.fromkeys(columns, pl.String))
    return (rows.group_by("email", "role", "province_code", "added_at", "added_by", maintain_order=True)
            .agg(pl.col("commune_code").drop_nulls().sort().str.join(","))
            .rename({"commune_code": "communes"}).select(columns))


def actor(con: sqlite3.Connection | None, email: str) -> Actor | None:
    """The account of an address as an Actor (from the store of record), or None if it has none."""
    return from_rows(_accounts(records.run(con, "users", email=normalise(email))))


def actor_of(db: Path, email: str) -> Actor | None:
    """actor() on a read of the store of record of database db: what a page or the evidence route asks at
    every request (a role changed or removed applies at once)."""
    with records.read_only(db) as con:
        return actor(con, email)


def from_rows(rows: pl.DataFrame) -> Actor | None:
    """The Actor of one account's row (None: no account)."""
    if not rows.height:
        return None
    row = rows.row(0, named=True)
    communes = frozenset(c for c in (row["communes"] or "").split(",") if c)
    return Actor(row["email"], row["role"], row["province_code"], communes)


def current(con: sqlite3.Connection, who: Actor) -> Actor:
    """The actor as the store says now, inside a write's transaction: a signed-in person's role is read
    again at the write (removed or changed since the page was drawn: the new role applies). The server's
    command line is the administrator and has no account."""
    if who.at_server:
        return who
    found = actor(con, who.email)
    return found if found is not None else Actor(who.email, "viewer")
