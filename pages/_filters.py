"""The sidebar's filters, with their state in the URL (st.query_params): the filters each page shows
(PAGE_FILTERS), the person's own units as defaults, and the scores the chosen filters select.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl
import streamlit as st

from kpi.demo import SEED_COMMUNES
from kpi.i18n import fmt_period
from kpi.scorecard import model as scorecard_model
from pages._auth import Account, home
from pages._data import q
from pages._display import lang, plain, tr


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
    """Provinces whose communes have values (reported, demo or published): queries/provinces_with_data.sql."""
    return q("provinces_with_data")["province_code"].to_list()


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


def sidebar_filters(page: str | None = "", who: Account | None = None) -> Filters:
    """Render the shared filters this page uses (PAGE_FILTERS; None: a page that uses none, such as a stand-in for
    a page this person does not have) in the sidebar and mirror them all into the URL. A signed-in person's
    province and communes are the defaults (home): they land on their own units, on every page and form."""
    shown = set() if page is None else set(PAGE_FILTERS.get(page, FILTERS))
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
