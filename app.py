"""Entry point: `streamlit run app.py`. Declares navigation, language, the demo notice and the
shared sidebar filters; each page under pages/ renders one view."""

import logging

import streamlit as st

from kpi.i18n import LANGS, LANGUAGE_NAMES, fmt_period, local_time, t, use
from pages._auth import account, account_box
from pages._data import info, snapshot
from pages._display import demo_banner, lang
from pages._filters import sidebar_filters
from pages._writes import pending_writes

st.set_page_config(page_title=t("app.page_title"), page_icon="📊", layout="wide")

L = lang()
use(L)  # messages made far from the page (errors of a check or a write) are worded in the chosen language
snapshot()  # the published database, afresh on every rerun (built on the first run if missing)
who = account()  # signed in through OpenID Connect (st.login), with a role from the database

with st.sidebar:
    chosen = st.radio(
        t("app.language"), LANGS, index=LANGS.index(L), format_func=LANGUAGE_NAMES.get,
        horizontal=True, key="lang_choice",
    )
    if chosen != L:
        st.query_params["lang"] = chosen
        st.rerun()
    account_box(who)  # who is signed in, their role and scope; sign in or out
pages = {
    t("nav.section.dashboard", L): [
        st.Page("pages/overview.py", title=t("nav.overview", L), icon=":material/dashboard:", url_path="tong-quan", default=True),
        st.Page("pages/ranking.py", title=t("nav.ranking", L), icon=":material/leaderboard:", url_path="xep-hang"),
        st.Page("pages/trajectory.py", title=t("nav.trajectory", L), icon=":material/timeline:", url_path="lo-trinh"),
        st.Page("pages/map.py", title=t("nav.map", L), icon=":material/location_on:", url_path="ban-do"),
        st.Page("pages/profile.py", title=t("nav.profile", L), icon=":material/badge:", url_path="ho-so-xa"),
        st.Page("pages/tasks.py", title=t("nav.tasks", L), icon=":material/task_alt:", url_path="nhiem-vu"),
    ],
    t("nav.section.reference", L): [
        st.Page("pages/method.py", title=t("nav.method", L), icon=":material/menu_book:", url_path="phuong-phap"),
        st.Page("pages/data_quality.py", title=t("nav.quality", L), icon=":material/rule:", url_path="chat-luong-du-lieu"),
        st.Page("pages/units.py", title=t("nav.units", L), icon=":material/map:", url_path="don-vi-hanh-chinh"),
        st.Page("pages/catalogue.py", title=t("nav.catalogue", L), icon=":material/list:", url_path="danh-muc-chi-tieu"),
    ],
}
if who.may("import") or who.may("rollback"):  # writing pages only for those who may write (kpi checks again at the write)
    pages[t("nav.section.dashboard", L)].append(
        st.Page("pages/import_reports.py", title=t("nav.import", L), icon=":material/upload_file:", url_path="nhap-bao-cao"))
if who.may("import"):  # a commune editor's own page: the entry form comes first after Tổng quan
    pages[t("nav.section.dashboard", L)].insert(1, st.Page("pages/entry.py", title=t("nav.entry", L), icon=":material/edit_note:", url_path="nhap-so-lieu"))
if who.may("review"):  # province reviewers and administrators bring communes' plans in (kpi checks again at the write)
    pages[t("nav.section.dashboard", L)].append(
        st.Page("pages/plan_review.py", title=t("nav.extract", L), icon=":material/document_scanner:", url_path="trich-xuat-ke-hoach"))
if who.may("review"):  # the approval screen (DHIS2's data approval; kpi checks again at the write)
    pages[t("nav.section.dashboard", L)].append(
        st.Page("pages/approval.py", title=t("nav.approval", L), icon=":material/fact_check:", url_path="phe-duyet-so-lieu"))
if who.may("review") or (who.actor is not None and who.actor.role == "viewer"):  # reviewers and leadership
    pages[t("nav.section.dashboard", L)].append(
        st.Page("pages/completeness.py", title=t("nav.completeness", L), icon=":material/checklist:", url_path="tinh-hinh-bao-cao"))
# URL slugs differ from the file names on purpose: Streamlit treats a folder named pages/ as a
# v1 multipage app until st.navigation has run once, and a deep link to a slug that names no file
# falls back to this script, which then routes it properly.
page = st.navigation(pages)
st.session_state["filters"] = sidebar_filters(page.url_path, who)  # the filters this page uses, from the person's home

with st.sidebar:
    meta = info()
    st.caption(
        f"{t('app.data_version', L)}: `{meta.get('data_version', '?')}` · {t('filter.period', L)}: {fmt_period(meta.get('as_of_period'))}"
        f" · {t('app.published', L, when=local_time(meta.get('published_at')), by=t('app.published_by.' + meta.get('published_by', 'build').split()[0], L))}"
        + (f" · {t('app.pending', L, n=waiting)}" if (waiting := pending_writes()) else "")
    )

demo_banner()
try:
    page.run()
except Exception:  # a page's failure is logged for us and told to the user in plain words
    logging.getLogger("kpi.pages").exception("page %s failed (query: %s)", page.title, dict(st.query_params))
    st.error(t("app.failed", L), icon=":material/error:")
