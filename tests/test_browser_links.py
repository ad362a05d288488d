"""Deep links in a real browser: every page's address opened in a fresh context (a new session) of a freshly started
server opens that page, with no Streamlit "Page not found" dialog (issue 32, item 8: an English dialog on /tong-quan);
an address of a page this person does not have, or of no page, says so in the reader's language."""

from __future__ import annotations

import shutil

import pytest

from kpi.i18n import t
from tests.app_runs import loaded
from tests.test_browser import ARTIFACTS, serving

pytestmark = pytest.mark.browser

PAGES = {  # slug: the sidebar entry that must be the current page ("" : Tổng quan, at the root)
    "xep-hang": "nav.ranking", "tong-quan": "nav.overview", "lo-trinh": "nav.trajectory", "ban-do": "nav.map",
    "ho-so-xa": "nav.profile", "nhiem-vu": "nav.tasks", "phuong-phap": "nav.method", "chat-luong-du-lieu": "nav.quality",
    "don-vi-hanh-chinh": "nav.units", "danh-muc-chi-tieu": "nav.catalogue", "": "nav.overview",
}
GATED = {"nhap-bao-cao": "nav.import", "nhap-so-lieu": "nav.entry", "trich-xuat-ke-hoach": "nav.extract",
         "phe-duyet-so-lieu": "nav.approval", "tinh-hinh-bao-cao": "nav.completeness"}


@pytest.fixture(scope="module")
def fresh_server(seeds_db, tmp_path_factory):
    """A server of its own, started for this module: its first session is the first link opened (Streamlit's
    legacy pages/ mode applied to a process's first script run)."""
    db = tmp_path_factory.mktemp("links") / "kpi.duckdb"
    shutil.copy(seeds_db, db)
    with serving(db) as url:
        yield url


def open_fresh(browser, url: str, locale: str = "vi-VN"):
    """The address in a new context (no session, no cookie), once the app's first complete run is over."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale=locale)
    page = context.new_page()
    page.goto(url)
    loaded(page)  # a run that finished (not one stopped to switch page)
    return context, page


def dialogs(page) -> list[str]:
    return page.locator("[role=dialog]").all_inner_texts()


def test_every_pages_deep_link_opens_that_page_without_a_page_not_found_dialog(fresh_server, browser):
    for slug, title in PAGES.items():
        context, page = open_fresh(browser, f"{fresh_server}/{slug}?province=19")
        current = page.locator("[data-testid=stSidebarNavLink][aria-current=page]")
        assert dialogs(page) == [], (slug, dialogs(page))
        assert current.count() == 1 and current.inner_text().split("\n")[-1] == t(title, "vi"), (slug, current.all_inner_texts())
        path = page.url.split("?")[0].removeprefix(fresh_server)
        assert path == ("/" if slug in ("", "tong-quan") else f"/{slug}"), (slug, page.url)
        assert "province=19" in page.url, page.url  # the address's choices go with it (/tong-quan to the root too)
        assert page.locator("[data-testid='stException']").count() == 0
        if slug == "tong-quan":
            page.screenshot(path=str(ARTIFACTS / "deep-link-tong-quan.png"))
        context.close()


@pytest.mark.parametrize(("locale", "lang"), [("vi-VN", "vi"), ("en-US", "en")])
def test_a_page_this_person_does_not_have_or_no_page_at_all_says_so_in_their_language(fresh_server, browser, locale, lang):
    for slug, title in GATED.items():  # nobody is signed in (sign-in is not configured on this server)
        context, page = open_fresh(browser, f"{fresh_server}/{slug}?lang={lang}", locale)
        assert dialogs(page) == [], (slug, dialogs(page))
        page.get_by_text(t("nav.restricted", lang, page=t(title, lang))).wait_for(timeout=10_000)
        assert page.get_by_role("heading", name=t(title, lang)).count() == 1
        assert page.get_by_role("link", name=t("nav.overview", lang)).count() >= 1
        context.close()
    context, page = open_fresh(browser, f"{fresh_server}/khong-co-trang-nay?lang={lang}", locale)
    assert dialogs(page) == [], dialogs(page)
    page.get_by_text(t("nav.not_found", lang, slug="khong-co-trang-nay")).wait_for(timeout=10_000)
    page.screenshot(path=str(ARTIFACTS / f"deep-link-no-such-page-{lang}.png"))
    with_link = page.locator("[data-testid=stPageLink] a")
    with_link.click()
    page.wait_for_url(lambda url: url.split("?")[0].rstrip("/") == fresh_server, timeout=30_000)
    page.get_by_role("heading", name=t("nav.overview", lang)).first.wait_for(timeout=60_000)
    assert dialogs(page) == []
    context.close()
