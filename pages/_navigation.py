"""The app's pages and what a deep link to a page this person does not have opens.

Streamlit answers an address that names no registered page with its own English dialog ("Page not found … Running
the app's main page."), sent by st.navigation when it resolves the page asked for. Three kinds of address did so:
`/tong-quan`, Tổng quan's own slug (the default page is registered at the root, so Streamlit never matches its
url_path); a writing or reviewing page for someone who may not use it (`/nhap-bao-cao` before signing in); and a
slug that is no page at all. Each is now a hidden page of its own: the first goes on to Tổng quan at the root with the
address's choices, the other two say in the reader's language why there is nothing to show (a link back included).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import streamlit as st

from kpi.accounts import role_words
from pages._auth import Account
from pages._display import lang, tr

HOME_SLUG = "tong-quan"  # Tổng quan's url_path: served at the root as the default page; `/tong-quan` goes there


@dataclass(frozen=True)
class Gated:
    """A page for those who may use it (kpi checks the right again at every write)."""

    script: str
    title: str  # catalogue key
    icon: str
    slug: str
    may: Callable[[Account], bool]


def asked_slug(url: str | None, base_path: str = "") -> str:
    """The page an address asks for: its path after the server's base path ("" for the root), as Streamlit
    matches it against the pages' url_path. st.context.url, read before st.navigation, is the browser's address
    without its query."""
    if not url:
        return ""
    path = unquote(urlsplit(url).path).strip("/")
    base = base_path.strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base):].strip("/")
    return path


def address_params() -> list[tuple[str, str]]:
    """Every choice in the address, repeated keys included, to carry across a switch of page."""
    return [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]


def home_alias() -> st.Page:
    """`/tong-quan`: a hidden page app.py sends on to the default page at the root before anything is drawn."""
    return st.Page(lambda: None, title=tr("nav.overview"), url_path=HOME_SLUG, visibility="hidden")


def stand_in(gated: Gated, who: Account, home: st.Page) -> st.Page:
    """A writing or reviewing page for someone who may not use it: its address opens a page that says why."""
    name = tr(gated.title)

    def why() -> None:
        st.title(name)
        if not who.configured:
            reason = tr("auth.not_configured")
        elif who.email is None:
            reason = tr("auth.reader")
        elif who.actor is None:
            reason = tr("auth.no_account")
        else:
            reason = tr("nav.role_lacks", role=role_words(who.actor.role, lang()))
        st.info(f"{tr('nav.restricted', page=name)} {reason}", icon=":material/lock:")
        st.page_link(home, label=tr("nav.overview"), icon=":material/dashboard:")

    return st.Page(why, title=name, icon=gated.icon, url_path=gated.slug, visibility="hidden")


def not_found(slug: str, home: st.Page) -> st.Page | None:
    """A slug that is no page: a hidden page at that address says so and links to Tổng quan (None for an address
    Streamlit could not register as a page, a nested path)."""
    if not slug or "/" in slug:
        return None

    def missing() -> None:
        st.title(tr("nav.not_found_title"))
        st.info(tr("nav.not_found", slug=slug), icon=":material/search_off:")
        st.page_link(home, label=tr("nav.overview"), icon=":material/dashboard:")

    return st.Page(missing, title=tr("nav.not_found_title"), icon=":material/search_off:", url_path=slug,
                   visibility="hidden")


def grapher_link(indicator: str | None = None) -> None:
    """A link to Bản đồ's grapher (kpi.grapher) of the sidebar's indicator (or `indicator`, the one a page shows),
    period and milestone in the chosen province: Lộ trình's chart and Xếp hạng's table one click from the map, chart
    and table of the same."""
    params = [(k, v) for k, v in address_params() if k not in ("view", "scope") and not (indicator and k == "indicator")]
    params += [("scope", "province"), *((("indicator", indicator),) if indicator else ())]
    st.page_link("pages/map.py", label=tr("map.grapher_link"), icon=":material/location_on:", query_params=params)
