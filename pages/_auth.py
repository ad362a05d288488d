"""Accounts on the pages: sign-in through OpenID Connect (st.login), the account and its role from the store
of record (kpi.accounts), the person's home units and their scope in words.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import polars as pl
import streamlit as st

from kpi import config
from kpi.accounts import Actor, identity, role_words, users
from pages._data import q
from pages._display import lang, plain, tr


@dataclass(frozen=True)
class Account:
    configured: bool  # [auth] is in the secrets: people can sign in
    email: str | None  # the signed-in address, as the identity provider vouches for it
    actor: Actor | None  # their role and scope; None when nobody is signed in or they have no account
    refused: str | None = None  # why this sign-in reads only (kpi.accounts.identity), in the reader's language
    ended: bool = False  # signed out elsewhere (or the account removed): this sign-in carries nothing

    def may(self, action: str) -> bool:
        return self.actor is not None and self.actor.may(action)


def sign_in_configured() -> bool:
    try:
        configured = "auth" in st.secrets
    except (FileNotFoundError, KeyError):  # no secrets file at all
        configured = False
    if not configured and not _told_operator.is_set():  # the how-to is for whoever runs the server, not for readers
        _told_operator.set()
        logging.getLogger("kpi.pages").warning(
            "sign-in is not configured: everyone reads only and every write is refused. Configure OpenID Connect under "
            "[auth] in .streamlit/secrets.toml (README, 'Accounts and roles'), then give roles with `python -m kpi users add`.")
    return configured


_told_operator = threading.Event()  # the log line above, once per server process


def account() -> Account:
    """Who is using this session. Without [auth] nobody is signed in (reading only); signed in without an
    account in the database, a person reads only; so does a sign-in kpi.accounts.identity refuses (address not
    verified by the provider, a look-alike address, or signed out since: it then counts as not signed in)."""
    configured = sign_in_configured()
    if not configured or not st.user.get("is_logged_in"):
        return Account(configured, None, None)
    from kpi.web import provider_verifies_email

    seen = identity.judge(dict(st.user), config.default_db(), provider_verifies=provider_verifies_email())
    if seen.email is None:
        return Account(configured, None, None)
    if seen.refused == identity.SIGNED_OUT:
        return Account(configured, None, None, seen.why(lang()), ended=True)
    if not seen.accepted:
        return Account(configured, seen.email, None, seen.why(lang()))
    return Account(configured, seen.email, users.actor_of(config.default_db(), seen.email))  # the store: at once


def sign_out(who: Account) -> None:
    """Đăng xuất: first end this sign-in on the server (kpi.accounts.identity.revoke), so a copy of the cookie
    carries nothing, then Streamlit's own sign-out."""
    if who.email is not None and who.refused is None:
        try:
            identity.revoke(config.default_db(), who.email, "sign-out", dict(st.user))
        except Exception:  # the sign-out itself goes on; the operator sees why the record failed
            logging.getLogger("kpi.pages").exception("could not record the sign-out of %s", who.email)
    st.logout()


def account_box(who: Account) -> None:
    """The sidebar's sign-in block: who is signed in, their role and scope, and sign-in or sign-out."""
    L = lang()
    if not who.configured:
        st.caption(tr("auth.not_configured"))
        return
    if who.email is None:
        if who.ended:
            st.warning(plain(who.refused), icon=":material/logout:")
        st.caption(tr("auth.reader"))
        if st.button(tr("auth.sign_in"), icon=":material/login:", key="sign_in"):
            st.login()
        return
    st.text(tr("auth.signed_in", who=who.email))  # plain text: an address is never a link or markdown
    actor = who.actor
    if who.refused is not None:
        st.warning(plain(who.refused), icon=":material/gpp_bad:")
    elif actor is not None:
        role = role_words(actor.role, L)
        st.caption(tr("auth.role", role=role, scope=scope_words(actor)))
    else:
        st.caption(tr("auth.no_account"))
    if st.button(tr("auth.sign_out"), icon=":material/logout:", key="sign_out"):
        sign_out(who)


def home(actor: Actor | None) -> tuple[str | None, tuple[str, ...]]:
    """Where a signed-in person starts: their communes' province and their communes (a commune editor), their
    province (a province reviewer); (None, ()) for everyone else."""
    if actor is None:
        return None, ()
    if actor.role == "province_reviewer":
        return actor.province, ()
    if actor.role == "commune_editor" and actor.communes:
        units = q("units", province=None).filter(pl.col("commune_code").is_in(sorted(actor.communes)))
        return (units["province_code"][0] if units.height else None), tuple(units["commune_code"])
    return None, ()


def scope_words(actor: Actor) -> str:
    """The actor's scope named in words: "Xã Tân Lợi, Đồng Nai", "Đồng Nai", or kpi's own words for the others."""
    if actor.role not in ("commune_editor", "province_reviewer"):
        return actor.scope_words(lang())
    provinces = dict(q("provinces").select("province_code", "province_name").iter_rows())
    if actor.role == "province_reviewer":
        return provinces.get(actor.province or "", actor.province or "")
    units = q("units", province=None).filter(pl.col("commune_code").is_in(sorted(actor.communes)))
    return "; ".join(f"{name}, {provinces.get(p, p)}" for name, p in units.select("commune_name", "province_code").iter_rows()) \
        or actor.scope_words(lang())
