"""Trích xuất kế hoạch in a real browser: a province reviewer signed in through a real OpenID Connect
provider uploads a commune's plan (named as the commune named it, with links in its text), sees the candidates
and a candidate's source lines with its numbers highlighted and its links as plain text, marks them accepted
and saves; the rows are a saved plan with the document. Screenshots in test-artifacts/extract/."""

from __future__ import annotations

import re
import shutil

import polars as pl
import pytest

from kpi import config, saved_plans
from tests.app_runs import RUN_TIMEOUT, finished, rerun
from tests.oidc_site import serve, sign_in
from tests.test_plan_review_page import LINKS, plan_with_links
from tests.test_plan_review_page import NAME as PLAN_NAME
from tests.test_workflow_browser import choose, selectbox
from tests.test_workflow_browser import shot as workflow_shot

pytestmark = pytest.mark.browser
ARTIFACTS = config.ROOT / "test-artifacts" / "extract"
REVIEWER = "reviewer@haiphong.gov.vn"
SEED = config.SEEDS_DIR / "000_ed387def56e3d433.txt"  # Ya Ly's plan, brought in as if for a commune without one
COMMUNE, NAME = "10510", "Phường Thành Đông (10510)"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    workflow_shot(page, f"../extract/{name}")


def test_a_reviewer_brings_a_plan_in(db_path, tmp_path, browser):
    data = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, data, ignore=shutil.ignore_patterns("*.duckdb*", ".*"))
    env = {"KPI_DATA": str(data), "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}
    accounts = {REVIEWER: dict(role="province_reviewer", province="31")}
    (tmp_path / "site").mkdir()
    with serve(db_path, tmp_path / "site", accounts, ARTIFACTS, env) as (url, issuer, _db):
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN")
        try:
            page = sign_in(context, url, issuer, REVIEWER, "31")
            page.locator("[data-testid='stSidebarNav']").get_by_role("link", name="Trích xuất kế hoạch", exact=True).click()
            page.get_by_role("heading", name="Trích xuất chỉ tiêu và nhiệm vụ từ kế hoạch của xã").wait_for(timeout=RUN_TIMEOUT)
            choose(page, selectbox(page, "Xã, phường của kế hoạch"), COMMUNE, NAME)
            plan = tmp_path / PLAN_NAME
            plan.write_bytes(plan_with_links())
            page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(plan))
            page.get_by_text("Chỉ tiêu tìm được", exact=True).wait_for(timeout=60_000)
            finished(page)
            highlighted = page.locator("[data-testid='stHtml'] strong[style*='background']")
            highlighted.first.wait_for(timeout=RUN_TIMEOUT)  # the source lines' numbers are highlighted
            source = page.locator("[data-testid='stHtml']", has_text="evil.example")
            source.wait_for(timeout=RUN_TIMEOUT)
            assert LINKS.split(" và ")[0] in source.inner_text()  # the plan's text as written
            assert source.locator("a").count() == 0, source.inner_html()  # no link: a URL, a markdown link, HTML
            shot(page, "candidates")
            with rerun(page):  # the run that marks them, over (its count says so)
                page.get_by_text("Đánh dấu chấp nhận mọi chỉ tiêu tìm được và mọi nhiệm vụ").click()
            page.get_by_text(re.compile(r"Đã chọn chấp nhận: [1-9]\d* chỉ tiêu")).wait_for(timeout=60_000)
            with rerun(page):
                page.get_by_role("button", name="Lưu các dòng đã chấp nhận").click()
            page.get_by_text("Đã lưu", exact=False).wait_for(timeout=60_000)
            shot(page, "saved")
        except Exception:
            for open_page in context.pages:
                shot(open_page, "failed")
            raise
        finally:
            context.close()
    [folder] = saved_plans.folders(data)
    manifest = saved_plans.read_manifest(folder)
    assert manifest.document == PLAN_NAME and (folder / manifest.kept).read_bytes() == plan_with_links()
    saved = pl.read_csv(folder / "targets.csv", infer_schema_length=0)
    assert saved.height >= 14 and saved["seed_file"].unique().to_list() == [manifest.kept]
    assert pl.read_csv(folder / "tasks.csv", infer_schema_length=0).height >= 30
