"""Identity and evidence in a real browser, signed in through a real OpenID Connect provider (as in
tests/test_accounts_browser.py): evidence leaves the server only through /evidence/<report>/<sha256>, which
checks the session's account and scope at the request (kpi.web); a copied sign-in cookie carries nothing
after Đăng xuất, nor after `users remove`; an unverified or look-alike address reads only.
Screenshots in test-artifacts/identity/."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from urllib.parse import quote

import pytest

from kpi import config
from kpi.accounts import Actor
from kpi.cli import main
from kpi.db import connect
from kpi.services import accounts, tasks
from kpi.store import publisher
from kpi.workflow import evidence
from tests.app_runs import RUN_TIMEOUT, loaded
from tests.oidc_site import serve, sign_in
from tools.loadtest import idp

pytestmark = pytest.mark.browser
ARTIFACTS = config.ROOT / "test-artifacts" / "identity"
EDITOR, COPIER, LEAVER = "editor@vietkhe.gov.vn", "copier@vietkhe.gov.vn", "leaver@vietkhe.gov.vn"
OUTSIDER = "reviewer@dongnai.gov.vn"
ACCOUNTS = {
    EDITOR: dict(role="commune_editor", communes=["11503"]),
    COPIER: dict(role="commune_editor", communes=["11503"]),
    LEAVER: dict(role="commune_editor", communes=["11503"]),
    OUTSIDER: dict(role="province_reviewer", province="75"),
    "kim@vietkhe.gov.vn": dict(role="commune_editor", communes=["11503"]),
}
UNVERIFIED = "unverified@vietkhe.gov.vn"  # an account, but the provider does not say its address is verified
KELVIN = "\u212aim@vietkhe.gov.vn"
NAME = "biên bản nghiệm thu.pdf"
PDF = b"%PDF-1.4\n%evidence of Viet Khe\n"
ENDED = "phiên đăng nhập này đã kết thúc"


@pytest.fixture(scope="module")
def site(db_path, tmp_path_factory):
    """(dashboard, provider, database, evidence address): Việt Khê (11503) has a task reported done with NAME."""
    with serve(db_path, tmp_path_factory.mktemp("identity"), ACCOUNTS, ARTIFACTS) as (url, issuer, db):
        idp.vouch(issuer, KELVIN)  # verified by the provider, but a look-alike of kim@
        with connect(db) as con:
            task = con.execute("SELECT min(task_id) FROM task WHERE commune_code = '11503'").fetchone()[0]
        editor = Actor(EDITOR, "commune_editor", communes=frozenset({"11503"}))
        accounts.add_user(db, Actor.server_admin(), UNVERIFIED, "commune_editor", communes=["11503"])
        done = tasks.report_task(db, editor, task_id=task, status="done", percent=100.0, note="", evidence={NAME: PDF})
        assert done.ok, done.errors
        publisher.publish_if_pending(db)  # on Nhiệm vụ with its evidence link
        sha256 = evidence.check(NAME, PDF).sha256
        yield url, issuer, db, f"/evidence/{done.report_ids[0]}/{sha256}"


@pytest.fixture()
def browse(site, browser):
    """new() -> a fresh browser context; sign_in(email) -> a page of a new context signed in as email."""
    url, issuer, _, _ = site
    contexts = []

    def new(cookies=None):
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN", accept_downloads=True)
        contexts.append(context)
        if cookies:
            context.add_cookies(cookies)
        return context

    def sign_in_as(email: str):
        return sign_in(new(), url, issuer, email, "31")

    yield new, sign_in_as
    for context in contexts:
        context.close()


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def anonymous_get(address: str) -> tuple[int, bytes]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(address, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def evidence_links(page, url: str) -> list[str]:
    """Nhiệm vụ's "Tải minh chứng" for the reported task: the addresses its evidence links point to."""
    page.goto(f"{url}/nhiem-vu?province=31")
    loaded(page)
    page.get_by_text("Tải minh chứng").click()
    link = page.get_by_role("link", name=NAME)
    link.wait_for(timeout=RUN_TIMEOUT)
    return [a.get_attribute("href") for a in page.locator("a[href*='evidence'], a[href*='/media/']").all()]


def test_evidence_goes_to_an_editor_of_the_commune_only_with_a_safe_name(site, browse):
    url, _, _, address = site
    new, sign_in_as = browse
    page = sign_in_as(EDITOR)
    assert evidence_links(page, url) == [address], "evidence is linked to the checked route, never to /media/"
    shot(page, "editor-evidence-link")
    got = page.context.request.get(f"{url}{address}")
    assert got.status == 200 and got.body() == PDF
    assert got.headers["content-disposition"] == (
        f"attachment; filename=\"bi_n b_n nghi_m thu.pdf\"; filename*=UTF-8''{quote(NAME, safe='')}")
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["content-type"] == "application/octet-stream"

    status, body = anonymous_get(f"{url}{address}")  # never signed in
    assert status == 401 and PDF not in body and "đăng nhập" in body.decode()
    assert new().request.get(f"{url}{address}").status == 401
    other = sign_in_as(OUTSIDER)  # signed in, but Việt Khê is outside their province
    refused = other.context.request.get(f"{url}{address}")
    assert refused.status == 403 and refused.body() != PDF and "ngoài phạm vi" in refused.text()
    assert page.context.request.get(f"{url}{address[:-1]}0").status == 404
    assert page.context.request.get(f"{url}/evidence/999999/{address.rsplit('/', 1)[1]}").status == 404


def test_a_copied_cookie_carries_nothing_after_sign_out(site, browse):
    url, issuer, _, address = site
    new, sign_in_as = browse
    page = sign_in_as(COPIER)
    copied = page.context.cookies()
    assert page.context.request.get(f"{url}{address}").status == 200  # before: the cookie works
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(f"{issuer}/**", timeout=RUN_TIMEOUT)
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{url}/**", timeout=RUN_TIMEOUT)
    page.get_by_role("button", name="Đăng nhập").wait_for(timeout=RUN_TIMEOUT)

    thief = new(copied)
    got = thief.request.get(f"{url}{address}")
    assert got.status == 403 and got.body() != PDF and ENDED in got.text()
    stolen = thief.new_page()
    stolen.goto(f"{url}/nhiem-vu?province=31")
    loaded(stolen)
    stolen.get_by_text(re.compile(ENDED, re.IGNORECASE)).wait_for(timeout=RUN_TIMEOUT)
    stolen.get_by_role("heading", name="Nhiệm vụ và cảnh báo đỏ").wait_for(timeout=RUN_TIMEOUT)
    assert stolen.get_by_text("Đã đăng nhập").count() == 0
    assert stolen.get_by_role("heading", name="Báo cáo tiến độ nhiệm vụ").count() == 0, "nothing to write with"
    shot(stolen, "copied-cookie-after-sign-out")


def test_a_removed_accounts_cookie_can_neither_write_nor_download(site, browse):
    url, _, db, address = site
    new, sign_in_as = browse
    page = sign_in_as(LEAVER)
    copied = page.context.cookies()
    page.goto(f"{url}/nhiem-vu?province=31")
    loaded(page)
    page.get_by_role("heading", name="Báo cáo tiến độ nhiệm vụ").wait_for(timeout=RUN_TIMEOUT)  # may write, before
    assert main(["users", "remove", LEAVER, "--db", str(db)]) == 0
    for context in (page.context, new(copied)):
        assert context.request.get(f"{url}{address}").status == 403
        again = context.new_page()
        again.goto(f"{url}/nhiem-vu?province=31")
        loaded(again)
        again.get_by_text(re.compile(ENDED, re.IGNORECASE)).wait_for(timeout=RUN_TIMEOUT)
        again.get_by_role("heading", name="Nhiệm vụ và cảnh báo đỏ").wait_for(timeout=RUN_TIMEOUT)
        assert again.get_by_role("heading", name="Báo cáo tiến độ nhiệm vụ").count() == 0
    shot(again, "removed-account-cookie")


@pytest.mark.parametrize(("email", "told"), [(KELVIN, "ký tự Unicode không chuẩn"),
                                             (UNVERIFIED, "chưa xác minh địa chỉ thư điện tử")])
def test_an_unverified_or_look_alike_address_reads_only(site, browse, email, told):
    url, _, _, address = site
    _, sign_in_as = browse
    page = sign_in_as(email)
    page.get_by_text(told).wait_for(timeout=RUN_TIMEOUT)
    assert page.get_by_text("Vai trò:").count() == 0
    assert page.context.request.get(f"{url}{address}").status == 403
    page.goto(f"{url}/nhiem-vu?province=31")
    loaded(page)
    page.get_by_role("heading", name="Nhiệm vụ và cảnh báo đỏ").wait_for(timeout=RUN_TIMEOUT)
    assert page.get_by_role("heading", name="Báo cáo tiến độ nhiệm vụ").count() == 0
    assert page.get_by_text("Tải minh chứng").count() == 0
    shot(page, f"reads-only-{'kelvin' if email == KELVIN else 'unverified'}")
