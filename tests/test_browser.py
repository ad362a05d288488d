"""The dashboard in a real browser: Playwright driving Debian's headless chromium.

Screenshots land in test-artifacts/ so a person can look at what the test saw.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kpi import config

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = config.ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(db_path: Path):
    port = free_port()
    env = {**os.environ, "KPI_DB": str(db_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kpi", "serve", "--db", str(db_path), "--port", str(port), "--address", "127.0.0.1"],
        cwd=config.ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail(f"streamlit did not start: {proc.stdout.read().decode(errors='replace')[-2000:]}")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian chromium not found at {CHROMIUM}: run `make test`, which installs it")
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN", accept_downloads=True)
    pg = context.new_page()
    yield pg
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_units_page_in_browser(server, page):
    page.goto(f"{server}/don-vi-hanh-chinh")
    page.get_by_text("Đơn vị hành chính sau sắp xếp 2025").wait_for(timeout=30_000)
    page.get_by_text("3.321").first.wait_for(timeout=10_000)
    page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=20_000)
    assert page.get_by_text("Page not found").count() == 0
    shot(page, "units")
    assert page.get_by_text("Xã, phường, đặc khu").count() >= 1


def test_catalogue_page_in_browser(server, page):
    page.goto(f"{server}/danh-muc-chi-tieu")
    page.get_by_role("heading", name="Danh mục chỉ tiêu").wait_for(timeout=30_000)
    page.get_by_text("Số chỉ tiêu").wait_for(timeout=10_000)
    shot(page, "catalogue")


def test_language_switch_in_browser(server, page):
    page.goto(f"{server}/don-vi-hanh-chinh?lang=en")
    page.get_by_text("Administrative units after the 2025 reorganisation").wait_for(timeout=30_000)
    shot(page, "units-en")
