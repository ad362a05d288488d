"""Signing in through a real OpenID Connect provider, in a real browser: `oidc-provider-mock` (PyPI) runs
on the loopback, the dashboard is configured for it under [auth] exactly as a province would configure
its own provider, and Debian's chromium goes through the provider's sign-in page and back.

Journeys: a commune editor imports for their commune and is refused another's; a province reviewer rolls
back a batch of their province; a viewer sees no write page; sign-out. Screenshots in test-artifacts/accounts/."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from kpi import config, records
from kpi.accounts import audit
from kpi.cli import main
from kpi.store.publisher import publish_if_pending
from tests.app_runs import RUN_TIMEOUT, finished, loaded, rerun
from tests.oidc_site import serve, sign_in

pytestmark = pytest.mark.browser
ARTIFACTS = config.ROOT / "test-artifacts" / "accounts"
CORPUS = Path(__file__).parent / "corpus"
IMPORT_TITLE = "Nhập số liệu báo cáo của xã"
ACCOUNTS = {
    "editor@vietkhe.gov.vn": dict(role="commune_editor", communes=["11503"]),
    "reviewer@haiphong.gov.vn": dict(role="province_reviewer", province="31"),
    "viewer@haiphong.gov.vn": dict(role="viewer"),
    "admin@haiphong.gov.vn": dict(role="admin"),
}


@pytest.fixture(scope="module")
def site(db_path, tmp_path_factory):
    """(dashboard address, provider address, database): a private database with the accounts above."""
    with serve(db_path, tmp_path_factory.mktemp("accounts"), ACCOUNTS, ARTIFACTS) as running:
        yield running


@pytest.fixture()
def signed_in(site, browser):
    """sign_in(email) -> a page signed in through the provider's own sign-in form."""
    url, issuer, _ = site
    contexts = []

    def sign_in_as(email: str):
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN")
        contexts.append(context)
        return sign_in(context, url, issuer, email, "31")

    yield sign_in_as
    for context in contexts:
        context.close()


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def open_import(page, url: str) -> None:
    with rerun(page):
        page.get_by_role("link", name="Nhập báo cáo").click()
    page.get_by_role("heading", name=IMPORT_TITLE).wait_for(timeout=RUN_TIMEOUT)


def upload(page, *paths: Path) -> None:
    """Upload the files and wait for the run that checks them to be over."""
    with rerun(page):
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files([str(p) for p in paths])


def test_a_commune_editor_imports_their_commune_and_is_refused_another(site, signed_in, tmp_path):
    url, _, db = site
    page = signed_in("editor@vietkhe.gov.vn")
    page.get_by_text("Vai trò: Cán bộ nhập liệu xã · Phạm vi: Xã Việt Khê, Thành phố Hải Phòng").wait_for(timeout=RUN_TIMEOUT)
    open_import(page, url)
    upload(page, CORPUS / "imports" / "good_utf8_bom.csv")  # a row for 11503 and one for Quân Chu (05851)
    page.get_by_text("1 lỗi").first.wait_for(timeout=60_000)
    page.get_by_text("xã 05851 nằm ngoài phạm vi của bạn").wait_for(state="attached", timeout=RUN_TIMEOUT)  # a grid cell
    assert page.get_by_role("button", name="Xác nhận ghi vào cơ sở dữ liệu").count() == 0
    shot(page, "editor-refused-another-commune")

    own = tmp_path / "viet-khe-q3.csv"
    own.write_text("commune_code,indicator_code,period,value,note\n11503,vneid_share,2026-Q3,74,số liệu kiểm thử\n", encoding="utf-8")
    with rerun(page):
        page.locator("[data-testid='stFileChipDeleteBtn']").first.click()  # take the refused file away
    page.locator("[data-testid='stFileChipName']").filter(has_text="good_utf8_bom.csv").wait_for(state="detached", timeout=RUN_TIMEOUT)
    upload(page, own)
    page.get_by_text("Tất cả các dòng hợp lệ.").wait_for(timeout=60_000)
    with rerun(page):
        page.get_by_role("button", name="Xác nhận ghi vào cơ sở dữ liệu").click()
    page.get_by_text("Đã nhập lô").wait_for(timeout=60_000)
    shot(page, "editor-imported")
    log = audit.log(db).filter(action="import")  # in the store of record, at once
    assert log.select("actor", "action", "files").rows() == [("editor@vietkhe.gov.vn", "import", "viet-khe-q3.csv")]


def test_a_province_reviewer_rolls_back_a_batch_of_their_province(site, signed_in, tmp_path):
    url, _, db = site
    gia_lai, hai_phong = tmp_path / "gia-lai.csv", tmp_path / "hai-phong.csv"
    gia_lai.write_text("commune_code,indicator_code,period,value,note\n21697,vneid_share,2026-Q3,61,số liệu kiểm thử\n", encoding="utf-8")
    hai_phong.write_text("commune_code,indicator_code,period,value,note\n10510,vneid_share,2026-Q3,66,số liệu kiểm thử\n", encoding="utf-8")
    for path in (gia_lai, hai_phong):  # two batches by the administrator; Hải Phòng's is the newest
        assert main(["import", str(path), "--db", str(db)]) == 0
    publish_if_pending(db)  # the page lists the batches the snapshot holds
    page = signed_in("reviewer@haiphong.gov.vn")
    page.get_by_text("Vai trò: Cán bộ thẩm định tỉnh · Phạm vi: Thành phố Hải Phòng").wait_for(timeout=RUN_TIMEOUT)
    open_import(page, url)
    assert page.locator("[data-testid='stFileUploaderDropzoneInput']").count() == 0, "a reviewer imports nothing"
    page.get_by_role("heading", name="Hoàn tác một lô").wait_for(timeout=RUN_TIMEOUT)
    shot(page, "reviewer-import-page")
    with rerun(page):
        page.get_by_role("button", name="Hoàn tác lô này").click()  # the newest live batch: Hải Phòng's
    page.get_by_text("Đã hoàn tác lô").wait_for(timeout=60_000)
    finished(page)  # the batches offered are this run's
    # Gia Lai's batch is outside the province: not even listed to this reviewer (issue 33's scope: its files and its
    # importer are another province's); the service refuses its rollback anyway (tests/test_import_page.py)
    page.locator("[data-testid='stSelectbox']").filter(has_text="Lô nhập").click()  # the batches offered for undoing
    offered = page.get_by_role("option").all_inner_texts()
    assert offered and not any("gia-lai" in o for o in offered), offered
    shot(page, "reviewer-sees-only-their-province")
    with records.read_only(db) as con:
        batches = records.run(con, "all_import_batch").filter(pl.col("rolled_back_at").is_not_null())
    assert batches.select("file_names", "rolled_back_by").rows() == [("hai-phong.csv", "reviewer@haiphong.gov.vn")]


def test_a_viewer_sees_no_write_page_and_signs_out(site, signed_in):
    url, _, _ = site
    page = signed_in("viewer@haiphong.gov.vn")
    page.get_by_text("Vai trò: Người xem · Phạm vi: chỉ xem").wait_for(timeout=RUN_TIMEOUT)
    nav = page.locator("[data-testid='stSidebarNav']")
    nav.get_by_role("link", name="Xếp hạng").wait_for(timeout=RUN_TIMEOUT)
    assert nav.get_by_role("link", name="Nhập báo cáo").count() == 0
    page.goto(f"{url}/nhap-bao-cao")  # a deep link to the write page does not open it
    loaded(page)
    page.get_by_text("Đã đăng nhập: viewer@haiphong.gov.vn").wait_for(timeout=RUN_TIMEOUT)
    assert page.get_by_role("heading", name=IMPORT_TITLE).count() == 0
    assert page.locator("[data-testid='stFileUploaderDropzoneInput']").count() == 0
    # the address says why, in the reader's words (not Streamlit's English "Page not found" dialog over the overview)
    page.get_by_text("Trang “Nhập báo cáo” chỉ dành cho người được giao quyền dùng trang này. "
                     "Vai trò của bạn (Người xem) không dùng trang này.").wait_for(timeout=RUN_TIMEOUT)
    finished(page)
    assert page.locator("[role=dialog]").count() == 0
    shot(page, "viewer")
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(f"{site[1]}/**", timeout=RUN_TIMEOUT)  # the provider ends its session too (RP-initiated logout)
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{url}/**", timeout=RUN_TIMEOUT)
    page.get_by_role("button", name="Đăng nhập").wait_for(timeout=RUN_TIMEOUT)
    assert page.get_by_text("Đã đăng nhập").count() == 0


def test_import_page_lists_every_error_of_an_upload(site, signed_in):
    page = signed_in("admin@haiphong.gov.vn")
    open_import(page, site[0])
    # Streamlit's own words on the uploader ("Upload", "300MB per file • CSV, XLSX") are English whatever the
    # language: the page shows the catalogue's instead (issue 32, item 8), and no other text is left visible there
    zone = page.get_by_test_id("stFileUploaderDropzone").first
    words = """z => [z.querySelector("[data-testid='stFileUploaderDropzoneInstructions']"), z.querySelector("button")]
                    .map(e => getComputedStyle(e, "::after").content)"""
    # the style comes in its own element just before the uploader's: once the run is over the browser may still be
    # drawing it (CI saw 'none' once), so wait for that event, bounded by the suite's one budget
    page.wait_for_function(f"z => ({words})(z).every(c => c !== 'none')", arg=zone.element_handle(), timeout=RUN_TIMEOUT)
    assert zone.evaluate(words) == ['"Tối đa 300 MB mỗi tệp · CSV, XLSX"', '"Chọn tệp"']
    assert zone.evaluate("""z => [...z.querySelectorAll("*")].filter(e => !e.childElementCount && e.textContent.trim()
                                 && !e.closest("[data-testid='stIconMaterial']") && parseFloat(getComputedStyle(e).fontSize) > 0)
                                 .map(e => e.textContent)""") == []
    corpus = CORPUS / "imports"
    upload(page, corpus / "bad_repeated_rows.csv", corpus / "bad_future_period.csv")
    page.get_by_text("2 lỗi").wait_for(timeout=RUN_TIMEOUT)
    shot(page, "import-errors")


def test_a_hostile_workbook_costs_one_upload_never_the_server(site, signed_in, browser):
    """The sparse workbook (A1 and XFD1048576) once killed the server for every user."""
    server = site[0]
    hostile = CORPUS / "hostile"
    page = signed_in("admin@haiphong.gov.vn")
    open_import(page, server)
    upload(page, hostile / "sparse_dimension.xlsx")
    page.get_by_text("16.384 cột × 1.048.576 dòng").wait_for(timeout=60_000)
    shot(page, "import-sparse-workbook")

    other = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN").new_page()
    other.goto(f"{server}/xep-hang?province=31")
    loaded(other)
    other.get_by_role("heading", name="Xếp hạng so với bình quân tỉnh").wait_for(timeout=RUN_TIMEOUT)
    assert other.locator("[data-testid='stException']").count() == 0
    other.context.close()


def test_a_file_name_is_shown_as_typed_never_as_markdown(site, signed_in, tmp_path):
    name = "**đậm**_[link](http___x)_![img](x).xlsx"
    named = tmp_path / name
    shutil.copy(CORPUS / "hostile" / "old_binary.xls", named)  # refused, naming the file
    page = signed_in("admin@haiphong.gov.vn")
    open_import(page, site[0])
    upload(page, named)
    alert = page.locator("[data-testid='stAlert']").filter(has_text="định dạng .xls cũ")
    alert.wait_for(timeout=60_000)
    assert alert.inner_text().startswith(f"{name}: định dạng .xls cũ không được hỗ trợ")
    assert alert.locator("a, img, strong, em").count() == 0
    shot(page, "import-markdown-name")
