"""Accounts in the database (app_user, user_commune): add, remove, list, and the actor for an address.

`python -m kpi users add|list|remove` is the administrator's tool; every change is audited."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import duckdb
import polars as pl

from kpi.accounts import audit
from kpi.accounts.roles import ROLES, Actor
from kpi.db import execute, run, run_here, transaction

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


class UserError(ValueError):
    """An account that cannot be added as asked (bilingual message naming the field)."""


def normalise(email: str, field: str = "EMAIL") -> str:
    """The address as accounts are compared (kpi.accounts.identity.canonical: NFKC and case folding; an
    address that NFKC changes is refused with LookAlike)."""
    from kpi.accounts.identity import canonical

    return canonical(email, field)


def _check(con: duckdb.DuckDBPyConnection, email: str, role: str, province: str | None,
           communes: list[str]) -> tuple[str | None, list[str]]:
    if not _EMAIL.fullmatch(email):
        raise UserError(f"EMAIL: {email!r} không phải địa chỉ thư điện tử / is not an e-mail address")
    if role not in ROLES:
        raise UserError(f"--role: {role!r} không hợp lệ / is not one of {', '.join(ROLES)}")
    units = run_here(con, "units", province=None)
    where = dict(zip(units["commune_code"], units["province_code"], strict=True))
    provinces = set(units["province_code"])
    unknown = [c for c in communes if c not in where]
    if unknown:
        raise UserError(f"--commune: không có xã mã {', '.join(unknown)} / no commune with code {', '.join(unknown)}")
    if province is not None and province not in provinces:
        raise UserError(f"--province: không có tỉnh mã {province} / no province with code {province}")
    if role == "commune_editor":
        if not communes:
            raise UserError("--commune: cán bộ nhập liệu xã cần ít nhất một xã / a commune editor needs at least one commune")
        outside = [c for c in communes if province is not None and where[c] != province]
        if outside:
            raise UserError(f"--commune: {', '.join(outside)} không thuộc tỉnh {province} / not in province {province}")
        return None, sorted(set(communes))
    if communes:
        raise UserError(f"--commune: chỉ dành cho commune_editor / only for a commune_editor (not {role})")
    if role == "province_reviewer":
        if province is None:
            raise UserError("--province: cán bộ thẩm định tỉnh cần một tỉnh / a province reviewer needs a province")
        return province, []
    if province is not None:
        raise UserError(f"--province: chỉ dành cho province_reviewer hoặc commune_editor / not for {role}")
    return None, []


def add(con: duckdb.DuckDBPyConnection, by: Actor, email: str, role: str, province: str | None = None,
        communes: list[str] | None = None) -> bool:
    """Add an account, or replace the role and scope of an existing one; True if it existed. Audited.
    Run it on a writer's connection (kpi.store.edit): one transaction."""
    by.require("users")
    email = normalise(email)
    province, communes = _check(con, email, role, province, list(communes or []))
    with transaction(con):
        execute(con, "user_communes_delete", email=email)
        existed = bool(execute(con, "user_delete", email=email))
        execute(con, "user_insert", email=email, role=role, province=province, at=datetime.now(UTC), by=by.email)
        for commune in communes:
            execute(con, "user_commune_insert", email=email, commune=commune)
        scope = province or ",".join(communes) or "-"
        audit.record(con, by, "user_add", f"{email} {role} {scope}{' (replaced)' if existed else ''}")
    return existed


def remove(con: duckdb.DuckDBPyConnection, by: Actor, email: str) -> bool:
    """Remove an account; False if there was none. Audited."""
    by.require("users")
    email = normalise(email)
    with transaction(con):
        execute(con, "user_communes_delete", email=email)
        existed = bool(execute(con, "user_delete", email=email))
        if existed:
            audit.record(con, by, "user_remove", email)
    return existed


def listing(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return run(con, "users", email=None)


def actor(con: duckdb.DuckDBPyConnection, email: str, *, here: bool = False) -> Actor | None:
    """The account of an address as an Actor, or None if it has none. here: read on this very
    connection (a writer checking inside its own transaction)."""
    return from_rows((run_here if here else run)(con, "users", email=normalise(email)))


def from_rows(rows: pl.DataFrame) -> Actor | None:
    """The Actor of queries/users.sql's answer for one address (None: no account)."""
    if not rows.height:
        return None
    row = rows.row(0, named=True)
    communes = frozenset(c for c in row["communes"].split(",") if c)
    return Actor(row["email"], row["role"], row["province_code"], communes)


def current(con: duckdb.DuckDBPyConnection, who: Actor) -> Actor:
    """The actor as the database being written says now: a signed-in person's role is read again at the
    write (removed or changed since the page was drawn: the new role applies). The server's command line
    is the administrator and has no account."""
    if who.at_server:
        return who
    found = actor(con, who.email, here=True)
    return found if found is not None else Actor(who.email, "viewer")
