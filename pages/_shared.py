"""Streamlit glue shared by every page: the database handle, cached queries, language, exports.

Domain logic lives in kpi/ and SQL in queries/; this module only adapts them to Streamlit.
"""

from __future__ import annotations

import functools
import logging
import re
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import duckdb
import polars as pl
import streamlit as st

from kpi import config, db, export, labels, records, store
from kpi.accounts import AccessDenied, Actor, identity, role_words, users
from kpi.approvals import ApprovalError
from kpi.demo import SEED_COMMUNES
from kpi.i18n import DEFAULT_LANG, LANGS, UNITS_EN, fmt_number, fmt_period, local_time, separators, t
from kpi.importer import RollbackError
from kpi.records import changes
from kpi.scorecard import model as scorecard_model
from kpi.store import publisher
from kpi.workflow.review import ReviewError


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
        with st.spinner("Đang dựng cơ sở dữ liệu lần đầu… / Building the database for the first time…"):
            build(path, if_missing=True, actor=Actor(server.email.replace("cli:", "dashboard:", 1), server.role))
    current = str(store.current(path).path)
    with _seen_lock:
        if current != _seen["snapshot"]:
            if _seen["snapshot"]:
                query.clear()
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


class NothingWritten(Exception):
    """Raised inside record()'s action with a result that has row errors: nothing is written, and
    record() returns that result for the page to show."""


T = TypeVar("T")
REFUSALS = (AccessDenied, RollbackError, ReviewError, ApprovalError)  # the writers' refusals: each message is for the user


def record(action: Callable[[], T]) -> T | None:
    """Run one write from a page: a kpi.services function, one short transaction in the store of record
    (its role and scope checked there, at the write). A refusal (no right, out of scope, a move not allowed
    now) or a store busy for too long is said in the user's language and returns None; NothingWritten
    returns the result it carries (row errors: nothing was written)."""
    try:
        return action()
    except NothingWritten as stop:
        return stop.args[0]
    except REFUSALS as exc:
        st.error(tr("import.refused", reason=plain(str(exc))))
    except records.Unavailable:  # PostgreSQL down or unreachable: the write rolled back
        logging.getLogger("kpi.pages").warning("a write from a page found the store of record down", exc_info=True)
        st.error(tr("records.unavailable"))
    except (store.WriterBusy, sqlite3.OperationalError, records.Busy):  # the store's write lock held past its wait
        logging.getLogger("kpi.pages").warning("a write from a page found the store busy", exc_info=True)
        st.error(tr("import.busy"))
    return None


def acknowledge(recorded_at: str | None) -> None:
    """Tell the person their write is recorded, when, and that the dashboard shows it after the next
    publication (kpi.store.publisher, every few seconds beside the server)."""
    st.success(tr("write.recorded", when=local_time(recorded_at), seconds=fmt_number(publisher.INTERVAL * 2, lang(), 0)),
               icon=":material/task_alt:")


def pending_writes() -> int:
    """How many recorded writes the snapshot this rerun reads does not hold yet."""
    through = int(info().get("published_through", "0"))
    try:
        return changes.waiting(config.default_db(), through)
    except records.ERRORS:  # the store unreadable for a moment: say nothing rather than fail the page
        return 0


@st.cache_data(show_spinner=False, max_entries=512)
def query(name: str, snapshot: str, **params: object) -> pl.DataFrame:
    return db.run(database(snapshot), name, **params)


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


def lang() -> str:
    value = st.query_params.get("lang", DEFAULT_LANG)
    return value if value in LANGS else DEFAULT_LANG


def tr(key: str, **fields: object) -> str:
    return t(key, lang(), **fields)


def info() -> dict[str, str]:
    return dict(q("build_info").iter_rows())


def downloads(frame: pl.DataFrame, stem: str, title: str, filters: dict[str, str], sources: list[str],
              unit: str | None = None) -> None:
    """Excel (the main download), CSV for Excel in Vietnamese and CSV for machines, of exactly the rows
    the table or chart shows (kpi.export). `filters`: only those that shaped these rows, page filters
    included; `sources`: the queries (queries/NAME.sql) and data behind them.

    The workbook is built when clicked (Streamlit's deferred download: it takes far longer than the rest
    of a rerun). A click that races a rerun fails visibly under the button and works when clicked again;
    the CSVs are built with the page and never race."""
    demo = bool(frame["is_demo"].any()) if "is_demo" in frame.columns and frame.height else (
        is_demo() if {"latest_value", "value", "status"} & set(frame.columns) else None)
    meta = export.Meta(title, list(filters.items()), info().get("data_version", "?"), demo, sources)
    L = lang()
    first, second, third = st.columns(3)
    if export.fits_excel(frame):
        first.download_button(
            tr("export.xlsx"), functools.partial(export.xlsx_bytes, frame, meta, L, unit), f"{stem}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"xlsx-{stem}",
            help=tr("export.xlsx_help"), type="primary", icon=":material/table_view:", on_click="ignore",
        )
    else:
        first.caption(tr("export.too_large"))
    second.download_button(tr("export.csv_vn"), export.csv_vn(frame, meta, L, unit), f"{stem}.csv", "text/csv",
                           key=f"csv-vn-{stem}", help=tr("export.csv_vn_help"), on_click="ignore")
    third.download_button(tr("export.csv_machine"), export.machine_csv(frame), f"{stem}-data.csv", "text/csv",
                          key=f"csv-{stem}", help=tr("export.csv_machine_help"), on_click="ignore")


# --- accounts: sign-in through OpenID Connect (st.login), roles from the database (kpi.accounts) ---


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


# --- filters: the sidebar, with its state in the URL (st.query_params) --------------------------


@dataclass(frozen=True)
class Filters:
    province: str
    province_name: str
    communes: tuple[str, ...]
    group: str | None
    indicator: str | None  # None: the composite index
    period: str | None  # None: no scored period at all (empty database)
    previous: str | None
    basis: str = "all"  # "approved": leadership's view of the values the province approved only
    milestone: int | None = None  # the target milestone statuses are scored against; None: each indicator's next one

    def describe(self, *keys: str) -> dict[str, str]:
        """The named filters (province, communes, group, indicator, period) in words, for an export's
        details: a page names only those that shaped the rows it exports."""
        names = commune_names(self.province)
        words = {
            "province": (tr("filter.province"), self.province_name),
            "communes": (tr("filter.communes"), ", ".join(names.get(c, c) for c in self.communes) or tr("filter.all_communes")),
            "group": (tr("filter.group"), group_names().get(self.group or "", tr("filter.all_groups"))),
            "indicator": (tr("filter.indicator"), indicator_name(self.indicator) if self.indicator else tr("filter.index")),
            "period": (tr("filter.period"), fmt_period(self.period)),
            "basis": (tr("filter.basis"), tr(f"filter.basis_{self.basis}")),
            "milestone": (tr("scorecard.milestone"), str(self.milestone) if self.milestone else tr("scorecard.next_milestone")),
        }
        return dict(words[k] for k in (*keys, "basis") if k != "basis" or "period" in keys)  # scores: say which values


def _param(name: str) -> str | None:
    value = st.query_params.get(name)
    return value if value else None


def from_address(name: str, options: list[str]) -> str | None:
    """The address's value for a filter if it is one of the options; otherwise None, with a notice
    (an unknown or malformed value falls back to the default, it never fails the page)."""
    value = _param(name)
    if value is None or value in options:
        return value
    if value == st.session_state.get(f"_address_{name}"):
        return None  # written by this session for an earlier choice (another province): stale, not wrong
    st.sidebar.warning(tr("filter.invalid", name=name, value=plain(value[:40])), icon=":material/link_off:")
    return None


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: str) -> str:
    """User-supplied text (file names, notes, evidence) for a markdown element: shown as typed, never
    as a link, an image, emphasis or HTML."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def group_names() -> dict[str, str]:
    en = lang() == "en"
    return {g: (e if en else v) for g, v, e in q("indicator_groups").iter_rows()}


def indicator_name(code: str) -> str:
    row = q("indicators", group=None).filter(pl.col("indicator_code") == code)
    if not row.height:
        return code
    return row["name_en" if lang() == "en" else "name_vi"][0]


def commune_names(province: str) -> dict[str, str]:
    return dict(q("units", province=province).select("commune_code", "commune_name").iter_rows())


def provinces_with_data() -> list[str]:
    reporting = q("ranking", period=None, province=None)
    return sorted(set(reporting["province_code"])) if reporting.height else []


def _default_province(provinces: list[str]) -> str:
    with_data = provinces_with_data()
    return with_data[0] if with_data else provinces[0]


def to_address(name: str, value: str | None) -> None:
    """Mirror a page's own choice into the address, remembering it was this session's (see from_address)."""
    st.session_state[f"_address_{name}"] = value
    if value:
        if st.query_params.get(name) != value:
            st.query_params[name] = value
    elif name in st.query_params:
        del st.query_params[name]


def page_choice(name: str, options: list[str], default: str, key: str,
                widget_value: Callable[[str], object] | None = None) -> None:
    """A page's own view setting (the map's extent, a task filter, the grid's band) kept in the address as `name`:
    call before drawing the widget with `key`, and `to_address(name, value)` after. The address's value wins when
    a link was opened (it differs from what this session last wrote there); an unknown value is said (from_address)
    and the default taken; otherwise the person's own choice stays. `widget_value`: the widget's value for an
    address value (a toggle's True for "1")."""
    convert = widget_value or (lambda v: v)
    value = _param(name)
    if value is not None and value != st.session_state.get(f"_address_{name}"):
        if value in options:
            st.session_state[key] = convert(value)
            st.session_state[f"_address_{name}"] = value
            return
        from_address(name, options)
    if key not in st.session_state or st.session_state[key] not in [convert(o) for o in options]:
        st.session_state[key] = convert(default)


def _select(name: str, label: str, options: list[str], default: str, key: str, **kw: object) -> str:
    """A sidebar selectbox whose value lives in session state, set before the widget is drawn: the
    address's value when it differs from the one this session last wrote there (a link was opened, or a
    page switched with new parameters, as the map's click does); else the person's own choice; else the
    default. A choice just made in the widget is kept (the address still holds the old value then)."""
    value = _param(name)
    if value is not None and value != st.session_state.get(f"_address_{name}") and value in options:
        st.session_state[key] = value
    elif st.session_state.get(key) not in options:
        st.session_state[key] = default
    # index=None: when the browser sends no value it knows for the widget (seen at the first choice on a page
    # just after other sessions: it sent the first option, province 01), this function's next run falls back
    # to the address or the default instead of taking the list's first option
    return st.sidebar.selectbox(label, options, key=key, index=None, **kw)


# The sidebar's filters each page uses (by url_path; app.py's navigation): a filter that would do nothing on a page
# is not shown there, and its value stays in the address for the next page.
FILTERS = ("province", "communes", "group", "indicator", "period", "year", "basis")
PAGE_FILTERS = {
    "ho-so-xa": ("province", "communes", "group", "period", "year", "basis"),
    "phuong-phap": (), "chat-luong-du-lieu": (), "don-vi-hanh-chinh": ("province",), "danh-muc-chi-tieu": ("group",),
    "nhap-bao-cao": (), "trich-xuat-ke-hoach": ("province",), "nhiem-vu": ("province", "communes", "period", "basis"),
}


def _kept(name: str, options: list[str], default: str, key: str) -> str:
    """A filter this page does not show: the address's value (or this session's last choice, or the default)."""
    value = _param(name)
    if value is not None and value in options:
        return value
    kept = st.session_state.get(key)
    return kept if kept in options else default


MILESTONE_ALIASES = ("milestone",)  # Hồ sơ xã's own choice before the sidebar had one: its links still open


def sidebar_filters(page: str = "", who: Account | None = None) -> Filters:
    """Render the shared filters this page uses (PAGE_FILTERS) in the sidebar and mirror them all into the URL. A
    signed-in person's province and communes are the defaults (home): they land on their own units, on every page
    and form."""
    shown = set(PAGE_FILTERS.get(page, FILTERS))
    own_province, own_communes = home(who.actor if who is not None else None)
    provinces = dict(q("provinces").select("province_code", "province_name").iter_rows())
    codes = list(provinces)
    sb = st.sidebar
    if shown:
        sb.header(tr("filter.title"))

    def select(name: str, label: str, options: list[str], default: str, key: str, **kw: object) -> str:
        return _select(name, label, options, default, key, **kw) if name in shown else _kept(name, options, default, key)

    with_data = set(provinces_with_data())
    wanted = from_address("province", codes)
    province = select(
        "province", tr("filter.province"), codes, wanted or own_province or _default_province(codes), f"f_province_{lang()}",
        format_func=lambda code: provinces[code] if code in with_data else tr("filter.no_data_mark", name=provinces[code]),
    )
    names = commune_names(province)
    plan_communes = [c for c in SEED_COMMUNES if c in names]
    ranked = q("ranking", period=None, province=province)
    default_communes = [c for c in own_communes if c in names] or plan_communes or ranked["commune_code"].head(3).to_list()
    asked = [c for c in (_param("communes") or "").split(",") if c]
    wanted_communes = [c for c in asked if c in names]
    if len(wanted_communes) < len(asked):
        from_address("communes", [])  # the notice, unless the address holds this session's own earlier choice
    key = f"f_communes_{province}_{lang()}"
    if "communes" in shown:
        communes = sb.multiselect(
            tr("filter.communes"), list(names), default=wanted_communes or default_communes,
            format_func=names.get, key=key, placeholder=tr("filter.choose"),
        )
    else:
        communes = wanted_communes if "communes" in st.query_params else [c for c in st.session_state.get(key, default_communes) if c in names]

    groups = {"": tr("filter.all_groups"), **group_names()}
    group_options = list(groups)
    wanted = from_address("group", group_options) or ""
    group = select("group", tr("filter.group"), group_options, wanted, f"f_group_{lang()}", format_func=groups.get)
    catalogue = q("indicators", group=group or None)
    name_col = "name_en" if lang() == "en" else "name_vi"
    indicator_names = {"": tr("filter.index"), **dict(catalogue.select("indicator_code", name_col).iter_rows())}
    indicator_options = list(indicator_names)
    wanted = from_address("indicator", indicator_options) or ""
    indicator = select("indicator", tr("filter.indicator"), indicator_options, wanted, f"f_indicator_{group}_{lang()}",
                       format_func=indicator_names.get)

    periods = q("periods")["as_of_period"].to_list()
    wanted = from_address("period", periods)
    period = select("period", tr("filter.period"), periods, wanted or periods[0], f"f_period_{lang()}",
                    format_func=fmt_period) if periods else None
    previous = periods[periods.index(period) + 1] if period and periods.index(period) + 1 < len(periods) else None

    years = ["", *(str(y) for y in scorecard_model.MILESTONES)]
    for alias in MILESTONE_ALIASES:  # an older link's milestone becomes the sidebar's
        if alias in st.query_params:
            if "year" not in st.query_params:
                st.query_params["year"] = st.query_params[alias]
            del st.query_params[alias]
    wanted = from_address("year", years) or ""  # an unknown year is said, never silently dropped
    year_names = {y: y or tr("scorecard.next_milestone") for y in years}
    milestone = select("year", tr("scorecard.milestone"), years, wanted, f"f_year_{lang()}",
                       format_func=year_names.get, help=tr("filter.milestone_help"))

    if "basis_approved" not in st.session_state:
        st.session_state["basis_approved"] = _param("basis") == "approved"
    if "basis" in shown:
        approved = sb.toggle(tr("filter.approved_only"), key="basis_approved", help=tr("filter.approved_only_help"))
    else:
        approved = bool(st.session_state["basis_approved"])

    state = {"province": province, "communes": ",".join(communes), "group": group, "indicator": indicator,
             "period": period or "", "year": milestone, "basis": "approved" if approved else ""}
    for key, value in state.items():
        to_address(key, value or None)
    return Filters(province, provinces[province], tuple(communes), group or None, indicator or None, period, previous,
                   "approved" if approved else "all", int(milestone) if milestone else None)


def scores(f: Filters, province: str | None, group: str | None = None) -> pl.DataFrame:
    """queries/scores.sql's rows of `province` (or every province) for the sidebar's period, scored against the
    sidebar's milestone (kpi.scorecard.model.at_milestone; each indicator's next one when none is chosen)."""
    stored = q("scores", period=f.period, province=province, commune=None, group=group)
    if f.milestone is None or f.period is None:
        return stored
    from kpi.periods import parse_period

    return scorecard_model.at_milestone(stored, q("milestone_province_targets", province=province), q("scoring_indicators"),
                                        parse_period(f.period).end, f.milestone)


def milestone_note(f: Filters) -> None:
    """Under a page scored against a chosen milestone: what it changes and what it does not."""
    if f.milestone:
        st.caption(tr("filter.milestone_note", year=f.milestone))


def demo_banner() -> None:
    if basis() == "approved":  # scores from approved values only; task statuses and histories may still be demo
        st.info(tr("demo.approved_only", quarters=fmt_number(int(q("approved_quarters")["quarters"][0]), lang(), 0)),
                icon=":material/verified:")
    share = q("demo_share")
    if not share["any_demo"][0]:
        return
    real = int(share["real_values"][0])
    published = " " + tr("demo.banner_published") if q("published_snapshots", province=None).height else ""  # Bộ chỉ số 766
    if real:
        st.warning(tr("demo.banner_mixed", real=fmt_number(real, lang(), 0)) + published, icon="⚠️")
    else:
        st.warning(tr("demo.banner") + published, icon="⚠️")


def is_demo() -> bool:
    return bool(q("demo_share")["any_demo"][0])


def status_label(status: str | None) -> str:
    return tr(f"status.{status}") if status else "–"


def num(value: float | None, decimals: int = 1) -> str:
    return fmt_number(value, lang(), decimals)


# Display: frames keep numbers as numbers and codes as codes; labels are mapped by polars' own
# expressions and numbers formatted by Streamlit's column configuration. Python functions inside
# polars (map_elements and the like) are never used on the page path: polars runs them on its
# thread pool, which deadlocked the server under concurrent sessions.
def label(column: str, prefix: str) -> pl.Expr:
    """The column's codes (status, task status, target level, flag, comparator) as words in the user's
    language (kpi.labels); a status with its symbol first, so colour is never the only signal."""
    return pl.col(column).replace_strict(labels.words(prefix, lang()), default=pl.lit("–"), return_dtype=pl.String)


def number(title: str, decimals: int = 1, help: str | None = None, width: int | str | None = None) -> st.column_config.NumberColumn:
    """A numeric column: no format of Streamlit's here (its "localized" follows the browser's locale, "76.2" beside
    "66,2" in Vietnamese with an en-US browser); the cells' text comes from `styled`, in the chosen language."""
    return st.column_config.NumberColumn(title, help=help, width=width)


def styled(frame: pl.DataFrame, numbers: dict[str, int]) -> object:
    """The frame for st.dataframe with its `numbers` columns (column: decimals) written in the chosen language
    (kpi.i18n.separators, Babel's: 1.924,5 in Vietnamese, 1,924.5 in English, whatever the browser's locale). A
    pandas Styler gives each cell its text while the cell keeps its number, so the column still sorts by value."""
    decimal, thousands = separators(lang())
    frame = frame.to_pandas()
    style = frame.style
    for name, decimals in numbers.items():
        if name in frame.columns:
            style = style.format(precision=decimals, decimal=decimal, thousands=thousands, subset=[name], na_rep="")
    return style


def target_columns(names: dict[str, str]) -> list[pl.Expr]:
    """A target row's indicator (by its name), milestone, comparator, value and unit, as the pages show them
    (the rows of queries/plan_targets.sql)."""
    return [
        pl.col("indicator_code").replace_strict(names, default=pl.col("indicator_code")).alias(tr("col.name")),
        pl.col("year").cast(pl.String).fill_null(tr("flag.recurring")).alias(tr("col.milestone")),
        label("comparator", "comparator").alias(tr("col.comparator")),
        pl.col("value").alias(tr("col.target")),
        pl.col("value_max").alias(tr("col.target_max")),
        pl.col("unit").replace(UNITS_EN if lang() == "en" else {}).alias(tr("col.unit")),
    ]


def table(frame: pl.DataFrame, numbers: dict[str, int] | None = None, dates: tuple[str, ...] = (), **kw: object) -> object:
    """st.dataframe with the named columns formatted as numbers (column: decimals) and dates (dd/mm/yyyy);
    each sorts by value. A number column with no value at all (e.g. no target has an upper end) is left
    out rather than shown full of empty cells."""
    empty = [name for name in (numbers or {}) if name in frame.columns and frame[name].null_count() == frame.height]
    frame = frame.drop(empty) if frame.height else frame
    config = {name: number(name, decimals) for name, decimals in (numbers or {}).items() if name not in empty}
    # rounded to what is shown, and a zero without its sign: a change of -0.03 reads 0,0, not -0,0
    rounded = {name: pl.col(name).round(numbers[name]) for name in config if name in frame.columns and frame.schema[name].is_float()}
    frame = frame.with_columns(pl.when(value == 0).then(0.0).otherwise(value).alias(name) for name, value in rounded.items())
    config |= {name: st.column_config.DateColumn(name, format="DD/MM/YYYY") for name in dates}
    config |= kw.pop("column_config", None) or {}
    return st.dataframe(styled(frame, {name: numbers[name] for name in config if name in (numbers or {})}), hide_index=True,
                        width="stretch", column_config=config, **kw)
