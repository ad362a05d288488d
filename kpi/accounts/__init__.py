"""Accounts and roles: who may write what, for which units, and the audit of every write.

* roles: the four roles, their actions and scopes (Actor); pure logic.
* users: accounts in the database, managed by `python -m kpi users`; the actor for an address.
* audit: the log of every write and a value's history.

Sign-in itself is OpenID Connect through Streamlit (st.login, configured under [auth] in
.streamlit/secrets.toml); pages/_auth.account() turns the signed-in address into an Actor. The
checks live here and in the writers (kpi.importer), never only in which pages are shown."""

from kpi.accounts.roles import ACTIONS, ROLES, AccessDenied, Actor, outside_scope, role_words

__all__ = ["ACTIONS", "ROLES", "AccessDenied", "Actor", "UserError", "outside_scope", "role_words"]


def __getattr__(name: str) -> object:
    """UserError from kpi.accounts.users when asked for: the package itself loads roles only (its parsers' ROLES
    and the Actor of `python -m kpi import`, which through the import service loads neither polars nor DuckDB)."""
    if name == "UserError":
        from kpi.accounts.users import UserError

        return UserError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
