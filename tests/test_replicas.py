"""Two dashboard replicas behind nginx (kpi/replicas.py): sticky sessions over plain HTTP and in a
real browser (its websocket goes through the proxy), and an import reaching both replicas.

Needs Debian's nginx (/usr/sbin/nginx) and chromium; screenshots land in test-artifacts/.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kpi import config
from kpi.i18n import fmt_number
from kpi.replicas import ReplicaError, Replicas, free_port, nginx_binary, start
from tests.app_runs import RUN_TIMEOUT, loaded
from tests.conftest import TEST_DAY
from tests.test_browser import shot

pytestmark = pytest.mark.browser

_http = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1 only, never a proxy
OVERVIEW = "Tổng quan"


@pytest.fixture(scope="module")
def cluster(db_path: Path, tmp_path_factory: pytest.TempPathFactory):
    """Two replicas and nginx on a copy of the session database (the import test writes to it)."""
    if not Path(nginx_binary()).exists():
        pytest.fail(f"nginx not found at {nginx_binary()}: install Debian's nginx (apt-get install nginx)")
    folder = tmp_path_factory.mktemp("replicas")
    db = folder / "kpi.duckdb"
    shutil.copyfile(db_path, db)  # follows the published link: a plain file, read as snapshot 0
    try:
        with pytest.MonkeyPatch.context() as mp:  # the replicas run as of the tests' day (they inherit os.environ)
            mp.setenv("KPI_TODAY", TEST_DAY["KPI_TODAY"])
            running = start(db, replicas=2, port=free_port(), run_dir=folder / "run", timeout=45)
    except ReplicaError as exc:
        pytest.fail(f"replicas did not start: {exc}")
    yield running, db
    running.stop()


def get(url: str, route: str | None = None) -> tuple[str, str | None]:
    """GET url (with a route cookie if given): the replica that answered and the route cookie set, if any."""
    request = urllib.request.Request(url, headers={"Cookie": f"kpi_route={route}"} if route else {})
    try:
        resp = _http.open(request, timeout=5)
    except urllib.error.HTTPError as err:  # a 404 still says which replica answered
        resp = err
    with resp:
        cookies = resp.headers.get_all("Set-Cookie") or []
        routes = [m.group(1) for c in cookies if (m := re.match(r"kpi_route=([^;]+)", c))]
        return resp.headers["X-KPI-Upstream"], (routes[0] if routes else None)


@pytest.fixture(scope="module")
def routes(cluster: tuple[Replicas, Path]) -> dict[str, str]:
    """A route cookie value for each replica: {replica address: route}."""
    running, _ = cluster
    found: dict[str, str] = {}
    for _ in range(40):
        upstream, route = get(f"{running.url}/_stcore/health")
        assert route, "a browser without a route cookie must be given one"
        found.setdefault(upstream, route)
        if len(found) == 2:
            return found
    pytest.fail(f"40 new browsers all went to {found}")


def test_new_browsers_spread_and_each_one_sticks(cluster, routes):
    running, _ = cluster
    replicas = {f"127.0.0.1:{port}" for port in running.replica_ports}
    assert set(routes) == replicas
    first = [get(f"{running.url}/_stcore/health") for _ in range(20)]
    assert {upstream for upstream, _ in first} == replicas, "20 requests without a cookie all went to one replica"
    assert len({route for _, route in first}) == 20, "every new browser gets a route of its own"
    paths = ("/", "/_stcore/health", "/_stcore/host-config", "/media/missing.png", "/_stcore/upload_file/x/y")
    for upstream, route in routes.items():
        answers = [get(f"{running.url}{paths[i % len(paths)]}", route) for i in range(20)]
        assert {a for a, _ in answers} == {upstream}, f"route {route} left its replica: {answers}"
        assert all(new is None for _, new in answers), "the route cookie is set only when the browser has none"


@pytest.fixture(scope="module")
def pinned(cluster, routes, browser):
    """One browser context per replica, pinned to it by its route cookie: [(replica address, context)]."""
    running, _ = cluster
    contexts = []
    for upstream, route in sorted(routes.items()):
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
        context.add_cookies([{"name": "kpi_route", "value": route, "url": running.url}])
        contexts.append((upstream, context))
    yield contexts
    for _, context in contexts:
        context.close()


class Tab:
    """A page and the replicas that answered its HTTP requests (nginx's X-KPI-Upstream)."""

    def __init__(self, context, url: str) -> None:
        self.page = context.new_page()
        self.upstreams: set[str | None] = set()
        self.page.on("response", lambda r: self.upstreams.add(r.headers.get("x-kpi-upstream")) if r.url.startswith(url) else None)

    def rendered(self) -> None:
        """Wait for the page's first complete run (only over a working websocket), then read the overview: its
        heading and a chart. (A chart waited for 20 s timed out at load 100 with both replicas rendering.)"""
        loaded(self.page)
        self.page.get_by_role("heading", name=OVERVIEW).first.wait_for(timeout=RUN_TIMEOUT)
        self.page.locator("[data-testid='stPlotlyChart']").first.wait_for(timeout=RUN_TIMEOUT)
        assert self.page.locator("[data-testid='stException']").count() == 0
        assert self.page.get_by_text("Page not found").count() == 0


def open_overviews(pinned, url: str) -> list[tuple[str, Tab]]:
    tabs = [(upstream, Tab(context, url)) for upstream, context in pinned]
    for _, tab in tabs:  # both load at once: one replica each
        tab.page.goto(f"{url}/", wait_until="commit", timeout=RUN_TIMEOUT)
    for _, tab in tabs:
        tab.rendered()
    return tabs


def stream_log(running: Replicas, route: str, timeout: float = 10) -> list[str]:
    """nginx's access-log lines for the websocket of ROUTE (written when the socket closes)."""
    deadline = time.monotonic() + timeout
    while True:
        lines = [line for line in (running.run_dir / "access.log").read_text().splitlines()
                 if "/_stcore/stream" in line and f"route={route} " in line]
        if lines or time.monotonic() > deadline:
            return lines
        time.sleep(0.3)


def test_two_browsers_on_two_replicas(cluster, routes, pinned):
    running, _ = cluster
    tabs = open_overviews(pinned, running.url)
    for i, (upstream, tab) in enumerate(tabs, 1):
        assert tab.upstreams == {upstream}, f"a pinned page was answered by {tab.upstreams}, not only {upstream}"
        shot(tab.page, f"replicas-{i}-overview")
        tab.page.close()  # closes its websocket, so nginx logs it
    for upstream, route in routes.items():
        lines = stream_log(running, route)
        assert lines, f"no websocket of route {route} went through nginx"
        assert all('" 101 ' in line and f"upstream={upstream} " in line for line in lines), lines


def real_values(db: Path) -> int:
    from kpi.db import connect

    with connect(db) as con:
        return con.execute("SELECT count(*) FROM observation WHERE NOT is_demo").fetchone()[0]


def published(db: Path, timeout: float = 90.0) -> None:
    """Wait until the snapshot holds everything recorded so far: an import is recorded in the store of record,
    and one of the replicas' publishers (each `serve` starts one; the lease makes them take turns) folds it in."""
    from kpi.store import publisher

    through = publisher.pending(db).through
    deadline = time.monotonic() + timeout
    while publisher.published_through(db) < through:
        assert time.monotonic() < deadline, f"change {through} recorded, not published within {timeout:.0f} s"
        time.sleep(0.25)


def test_an_import_reaches_both_replicas_at_their_next_rerun(cluster, pinned, tmp_path):
    running, db = cluster
    before = real_values(db)
    tabs = open_overviews(pinned, running.url)  # both replicas serve sessions on the old snapshot
    report = tmp_path / "report.csv"
    report.write_text("commune_code,indicator_code,period,value,note\n11503,online_dossier_processing_share,2025-Q4,88,số liệu kiểm thử\n",
                      encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kpi", "import", str(report), "--db", str(db)], cwd=config.ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"import exited {done.returncode} while replicas read {db}:\n{done.stdout}{done.stderr}"
    published(db)  # by the replicas' own publishers
    n = real_values(db)
    assert n == before + 1
    banner = f"{fmt_number(n, 'vi', 0)} giá trị là số liệu báo cáo đã nhập"
    for i, (upstream, tab) in enumerate(tabs, 1):
        tab.page.reload(wait_until="commit", timeout=RUN_TIMEOUT)  # a rerun
        tab.rendered()
        tab.page.get_by_text(banner).first.wait_for(timeout=RUN_TIMEOUT)
        assert tab.upstreams == {upstream}
        shot(tab.page, f"replicas-{i}-after-import")
        tab.page.close()


def test_the_evidence_route_passes_through_nginx(cluster):
    """/evidence/<report>/<sha256> reaches a replica's own route (kpi.web), which answers a browser that never
    signed in with a plain 401: not nginx's 404, nor the dashboard's page."""
    running, _ = cluster
    try:
        _http.open(f"{running.url}/evidence/1/{'0' * 64}", timeout=30)
        pytest.fail("an evidence address answered without a sign-in")
    except urllib.error.HTTPError as exc:
        assert exc.code == 401 and exc.headers["X-KPI-Upstream"]
        assert exc.read().decode().startswith("cần đăng nhập để tải minh chứng")


def test_a_killed_replica_is_restarted_while_the_other_serves_and_nothing_is_lost(cluster, routes, pinned, tmp_path):
    """kill -9 one replica with sessions on both: its browsers' requests move to the other replica, the other's
    sessions go on, an import recorded meanwhile is published, and the supervisor starts the replica again, which
    gets its browsers back and serves the new snapshot."""
    running, db = cluster
    before = real_values(db)
    tabs = open_overviews(pinned, running.url)
    (victim_upstream, victim_tab), (other_upstream, other_tab) = tabs
    port = int(victim_upstream.rsplit(":", 1)[1])
    [victim] = [proc for name, proc, _ in running.processes if f"(port {port})" in name]
    victim.kill()  # SIGKILL: no clean shutdown
    victim.wait()
    answered, _ = get(f"{running.url}/_stcore/health", routes[victim_upstream])  # before its restart can listen
    assert answered.split(", ")[-1] == other_upstream, f"the victim's route was answered by {answered}"
    report = tmp_path / "report.csv"
    report.write_text("commune_code,indicator_code,period,value,note\n11503,cashless_transactions_share,2025-Q4,47,số liệu kiểm thử\n",
                      encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kpi", "import", str(report), "--db", str(db)], cwd=config.ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    published(db)  # by the surviving replica's publisher
    banner = f"{fmt_number(before + 1, 'vi', 0)} giá trị là số liệu báo cáo đã nhập"

    def shows_the_import(tab: Tab, upstream: str, name: str) -> None:
        tab.upstreams.clear()
        tab.page.reload(wait_until="commit", timeout=RUN_TIMEOUT)
        tab.rendered()
        tab.page.get_by_text(banner).first.wait_for(timeout=RUN_TIMEOUT)
        assert tab.upstreams == {upstream}, tab.upstreams
        shot(tab.page, name)

    shows_the_import(other_tab, other_upstream, "replicas-other-meanwhile")
    running.wait_healthy(f"http://{victim_upstream}/_stcore/health", time.monotonic() + 60)  # the supervisor's restart
    [restarted] = [proc for name, proc, _ in running.processes if f"(port {port})" in name]
    assert restarted.pid != victim.pid and restarted.poll() is None
    running.check()  # supervision has not given up
    deadline = time.monotonic() + 30  # nginx tries a failed server again after its fail_timeout (10 s)
    while get(f"{running.url}/_stcore/health", routes[victim_upstream])[0] != victim_upstream:
        assert time.monotonic() < deadline, "the victim's route did not return to its restarted replica"
        time.sleep(0.3)
    shows_the_import(victim_tab, victim_upstream, "replicas-victim-restarted")
    for _, tab in tabs:
        tab.page.close()
