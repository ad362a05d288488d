"""Entry point: `python -m kpi serve` runs it under Streamlit. Declares navigation, language, the demo notice and the
shared sidebar filters; each page under pages/ renders one view."""

import logging

import streamlit as st

from kpi.i18n import LANGS, LANGUAGE_NAMES, fmt_period, local_time, t, use
from pages._auth import account, account_box
from pages._data import info, snapshot
from pages._display import demo_banner, lang
from pages._filters import sidebar_filters
from pages._navigation import HOME_SLUG, Gated, address_params, asked_slug, home_alias, not_found, stand_in
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
# Tổng quan is the root (an empty url_path, allowed for the default page only, reserves no slug), so that its own
# slug `/tong-quan` can be a hidden page sending the address on to the root
home = st.Page("pages/overview.py", title=t("nav.overview", L), icon=":material/dashboard:", url_path="", default=True)
dashboard = t("nav.section.dashboard", L)
pages = {
    dashboard: [
        home,
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
GATED = (  # writing and reviewing pages, for those who may (kpi checks the right again at every write)
    Gated("pages/import_reports.py", "nav.import", ":material/upload_file:", "nhap-bao-cao",
          lambda w: w.may("import") or w.may("rollback")),
    Gated("pages/plan_review.py", "nav.extract", ":material/document_scanner:", "trich-xuat-ke-hoach",  # province reviewers
          lambda w: w.may("review")),
    Gated("pages/approval.py", "nav.approval", ":material/fact_check:", "phe-duyet-so-lieu",  # DHIS2's data approval
          lambda w: w.may("review")),
    Gated("pages/completeness.py", "nav.completeness", ":material/checklist:", "tinh-hinh-bao-cao",  # and leadership
          lambda w: w.may("review") or (w.actor is not None and w.actor.role == "viewer")),
    Gated("pages/entry.py", "nav.entry", ":material/edit_note:", "nhap-so-lieu", lambda w: w.may("import")),
)
hidden = [home_alias()]  # addresses that are no page of this person's: each says so rather than Streamlit's dialog
for g in GATED:
    if not g.may(who):
        hidden.append(stand_in(g, who, home))
    elif g.slug == "nhap-so-lieu":  # a commune editor's own page: the entry form comes first after Tổng quan
        pages[dashboard].insert(1, st.Page(g.script, title=t(g.title, L), icon=g.icon, url_path=g.slug))
    else:
        pages[dashboard].append(st.Page(g.script, title=t(g.title, L), icon=g.icon, url_path=g.slug))
asked = asked_slug(st.context.url, st.get_option("server.baseUrlPath"))
known = {p.url_path for section in pages.values() for p in section} | {p.url_path for p in hidden} | {""}
if asked not in known and (missing := not_found(asked, home)) is not None:
    hidden.append(missing)
pages[dashboard].extend(hidden)  # hidden pages: never in the sidebar's menu
# URL slugs differ from the file names on purpose: Streamlit treats a folder named pages/ as a v1 multipage
# app until st.navigation has run once in the process (kpi.serve switches that off before the first session).
page = st.navigation(pages)
if page.url_path == HOME_SLUG:  # `/tong-quan`: Tổng quan lives at the root; the address's choices go with it
    st.switch_page(home, query_params=address_params())
st.session_state["filters"] = sidebar_filters(None if any(page is h for h in hidden) else page.url_path, who)  # the filters this page uses, from the person's home

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
