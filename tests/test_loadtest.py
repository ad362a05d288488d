"""`python -m kpi loadtest`: its arithmetic and report, its refusal of non-loopback addresses, and one
short run of two browser sessions with an import against a server on a copy of the test database."""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

import pytest

from kpi.cli import main
from kpi.i18n import fmt_number, t
from tests.conftest import TEST_DAY
from tools import loadtest
from tools.loadtest import ImportOutcome, Options, Problem, Report, banner_text, check_url, format_report, percentile


def test_percentile_interpolates_between_closest_ranks():
    values = [40.0, 10.0, 30.0, 20.0]
    assert percentile(values, 0) == 10
    assert percentile(values, 100) == 40
    assert percentile(values, 50) == 25
    assert percentile(values, 95) == pytest.approx(38.5)
    assert percentile([7.0], 95) == 7
    assert percentile([], 50) is None
    with pytest.raises(ValueError):
        percentile(values, 101)


def test_percentile_of_a_hundred_values():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == pytest.approx(50.5)
    assert percentile(values, 95) == pytest.approx(95.05)


@pytest.mark.parametrize(
    "url, base",
    [
        ("http://127.0.0.1:8501", "http://127.0.0.1:8501"),
        ("http://127.0.0.1:8501/", "http://127.0.0.1:8501"),
        ("http://127.1.2.3:80/dash/", "http://127.1.2.3:80/dash"),
        ("http://localhost:8501", "http://localhost:8501"),
        ("https://LOCALHOST", "https://LOCALHOST"),
        ("http://[::1]:8501", "http://[::1]:8501"),
    ],
)
def test_loopback_addresses_are_accepted(url, base):
    assert check_url(url) == base


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1:8501",
        "http://example.com",
        "http://127.0.0.1.example.com",
        "http://127.0.0.1@example.com/",
        "http://[::2]:8501",
        "http://0.0.0.0:8501",
        "http://192.168.1.5",
        "ftp://127.0.0.1",
        "127.0.0.1:8501",
        "http://127.0.0.1:8501/?province=31",
        "http://127.0.0.1:notaport",
    ],
)
def test_other_addresses_are_refused(url):
    with pytest.raises(ValueError):
        check_url(url)


def test_the_command_refuses_a_remote_url_with_exit_2(capsys):
    assert main(["loadtest", "--url", "http://example.com:8501", "--sessions", "1", "--seconds", "1"]) == 2
    assert "not a loopback address" in capsys.readouterr().err


def test_the_command_checks_its_options_before_starting_anything(tmp_path, db_path, capsys):
    missing = tmp_path / "nope.csv"
    cases = [
        ["--sessions", "0"],
        ["--seconds", "0"],
        ["--seconds", "10", "--import-at", "10", str(db_path)],  # T must fall inside the run
        ["--seconds", "10", "--import-at", "soon", str(db_path)],
        ["--seconds", "10", "--import-at", "2", str(missing)],
        ["--seconds", "10", "--more-imports", "3"],  # more imports beside none
    ]
    for extra in cases:
        assert main(["loadtest", "--db", str(db_path), *extra]) == 2, extra
    assert main(["loadtest", "--db", str(tmp_path / "none.duckdb"), "--seconds", "1"]) == 2
    assert "no database" in capsys.readouterr().err


def test_banner_text_is_the_plain_text_of_the_mixed_demo_banner():
    assert banner_text(5) == ": 5 giá trị là số liệu báo cáo đã nhập"
    assert banner_text(12345) == ": 12.345 giá trị là số liệu báo cáo đã nhập"
    assert banner_text(5, "en") == ": 5 values are imported reports"
    rendered = t("demo.banner_mixed", "vi", real=fmt_number(11, "vi", 0)).replace("**", "")
    assert banner_text(11) in rendered
    assert banner_text(1) not in rendered  # '1 giá trị' must not match '11 giá trị'


def test_probe_requests_under_a_deep_link_are_not_http_errors():
    assert loadtest.is_probe("/ho-so-xa/_stcore/health")
    assert loadtest.is_probe("/xep-hang/_stcore/host-config")
    assert not loadtest.is_probe("/_stcore/health")
    assert not loadtest.is_probe("/static/js/index.js")


def _report(**changes) -> Report:
    report = Report(
        sessions=2, seconds=30, url="http://127.0.0.1:8501", elapsed_s=31.2,
        page_loads=[("/", 1000.0), ("/", 3000.0), ("/xep-hang", 2000.0)],
        filter_changes=[("group", 400.0, "/"), ("province", 600.0, "/"), ("province", 800.0, "/xep-hang")],
        health_checks=30, health_max_ms=12.0, seen_after={1: None, 2: None},
    )
    for key, value in changes.items():
        setattr(report, key, value)
    return report


def test_report_of_a_clean_run():
    report = _report()
    text = format_report(report)
    assert report.ok and report.exit_code == 0
    assert "sessions 2, seconds 30 (ran 31.2 s), page loads 3, page switches 0, filter changes 3" in text
    assert "page load ms: p50 2,000, p95 2,900, max 3,000" in text
    assert "  /: 2 loads, p50 2,000, p95 2,900, max 3,000" in text
    assert "filter change ms: p50 600, p95 780, max 800" in text
    assert "  province: 2 changes, p50 700, p95 790, max 800\n    on /: 1 changes, p50 600, p95 600, max 600\n" in text
    assert "    on /xep-hang: 1 changes, p50 800, p95 800, max 800" in text
    assert "errors 0, exceptions 0, hangs 0, health checks 30 (failures 0, slower than 2 s 0, slowest 12 ms)" in text
    assert text.endswith("result: OK")


def test_a_slow_health_answer_is_counted_not_failed():
    """Only an unanswered check (HEALTH_TIMEOUT_S) fails a run; a slow answer on a busy machine is shown."""
    report = _report(health_slow=1, health_max_ms=6_100.0)
    assert report.exit_code == 0
    assert "health checks 30 (failures 0, slower than 2 s 1, slowest 6,100 ms)" in format_report(report)


def test_report_counts_errors_exceptions_hangs_and_health_failures():
    report = _report(
        errors=[Problem("exception", 1, "/xep-hang", "KeyError: 'x'", 3.0), Problem("connection", 2, "/", "lost", 4.0)],
        hangs=[Problem("hang", 2, "/ho-so-xa", "the page did not finish loading in 30 s", 9.0)],
        health_failures=["5.0 s: TimeoutError: timed out"],
    )
    text = format_report(report)
    assert report.exceptions == 1 and report.exit_code == 1
    assert "errors 2 (connection 1, exception 1), exceptions 1, hangs 1, health checks 30 (failures 1" in text
    assert "session 1 /xep-hang: exception: KeyError: 'x'" in text
    assert "health: 5.0 s: TimeoutError" in text
    assert text.endswith("result: FAILED")
    for bad in ({"hangs": report.hangs}, {"health_failures": ["x"]}, {"page_loads": []}):
        assert _report(**bad).exit_code == 1


def test_report_of_an_import_every_session_saw():
    imported = ImportOutcome(Path("r.csv"), 10.0, 0, 3.21, "imported 5, updated 0, unchanged 0, ignored 0 (5 rows read; batch 1)\n",
                             0, 5, banner_text(5))
    report = _report(imported=imported, seen_after={1: 0.8, 2: 4.12})
    text = format_report(report)
    assert report.exit_code == 0
    assert "import at 10 s: exit 0 in 3.2 s (imported 5, updated 0" in text
    assert "sessions that saw '5 giá trị là số liệu báo cáo đã nhập': 2/2 (max 4.1 s after)" in text
    assert _report(imported=imported, seen_after={1: 0.8, 2: None}).exit_code == 1  # one session never saw it
    failed = ImportOutcome(Path("r.csv"), 10.0, 1, 1.0, "import failed: 1 error(s)\n")
    assert _report(imported=failed).exit_code == 1
    assert "exit 1 in 1.0 s (import failed: 1 error(s))" in format_report(_report(imported=failed))
    killed = ImportOutcome(Path("r.csv"), 10.0, None, 120.0)
    assert "did not finish (killed)" in format_report(_report(imported=killed))


def test_scan_log_keeps_warning_and_error_lines_once():
    log = "  You can now view\nWARNING x\nTraceback (most recent call last):\nWARNING x\nok\nduckdb.IOException: locked\n"
    assert loadtest.scan_log(log) == ["WARNING x", "Traceback (most recent call last):", "duckdb.IOException: locked"]


@pytest.mark.browser
def test_two_sessions_with_an_import_in_a_real_browser(db_path, tmp_path, monkeypatch):
    """Bounded: about 15 s of sessions, plus the server's start and the drain (the server and the imports run as
    of the tests' day)."""
    monkeypatch.setenv("KPI_TODAY", TEST_DAY["KPI_TODAY"])
    if not Path(loadtest.CHROMIUM).exists():
        pytest.fail(f"Debian chromium not found at {loadtest.CHROMIUM}: run `make test`, which installs it")
    db = tmp_path / "kpi.duckdb"
    shutil.copy(db_path, db)  # the import writes
    report_csv = tmp_path / "report.csv"
    report_csv.write_text(
        "commune_code,indicator_code,period,value,note\n11503,online_dossier_processing_share,2025-Q4,88,số liệu kiểm thử\n", encoding="utf-8"
    )
    out = io.StringIO()
    code, report = loadtest.run_loadtest(Options(None, 2, 15, db, 3, report_csv, more_imports=3), out)
    text = out.getvalue()
    assert report.page_loads and report.filter_changes, text
    assert not report.errors and not report.hangs and not report.health_failures, text
    assert report.imported is not None and report.imported.exit_code == 0, text
    assert [code for code, _ in report.imported.others] == [0, 0, 0], text  # three more communes' 10 values each
    assert "with 3 more import processes started at once: 3 recorded, 0 failed" in text
    assert report.imported.real_after == report.imported.real_before + 1 + 30, text
    assert report.sessions_seen == 2, text
    assert code == 0 and text.rstrip().endswith("result: OK"), text


@pytest.mark.browser
def test_the_page_scripts_on_a_synthetic_page():
    """The observer and the 'finished' check on a page that only looks like Streamlit's: a run seen
    only in the attribute, a heading, and the two kinds of exception (box, the app's own message)."""
    from playwright.sync_api import sync_playwright

    if not Path(loadtest.CHROMIUM).exists():
        pytest.fail(f"Debian chromium not found at {loadtest.CHROMIUM}: run `make test`, which installs it")
    failed = t("app.failed", "vi")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=loadtest.CHROMIUM, headless=True, args=loadtest.CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.add_init_script(loadtest.OBSERVER_JS)
            page.goto("about:blank")
            page.set_content(
                '<div data-testid="stApp" data-test-script-state="initial" data-test-connection-state="CONNECTED">'
                '<div data-testid="stMain"><div id="body"></div></div></div>'
            )
            page.evaluate(loadtest.OBSERVER_JS)  # set_content replaced the document the init script saw
            finished = f"({loadtest.FINISHED_JS})([0, 0, 300, {failed!r}])"
            assert page.evaluate(finished) is False  # not run yet

            def run(body: str) -> dict:
                page.evaluate(
                    """async (body) => {
                      const app = document.querySelector('[data-testid="stApp"]');
                      app.setAttribute('data-test-script-state', 'running');
                      await new Promise((r) => setTimeout(r, 20));
                      document.getElementById('body').innerHTML = body;
                      app.setAttribute('data-test-script-state', 'notRunning');
                      await new Promise((r) => setTimeout(r, 20));
                    }""",
                    body,
                )
                page.wait_for_function(finished, timeout=5_000)
                return page.evaluate(finished)

            shown = run("<h1>Xếp hạng so với bình quân tỉnh</h1>")
            assert shown["heading"] == "Xếp hạng so với bình quân tỉnh" and shown["exceptions"] == 0
            assert shown["started"] is not None and shown["t"] > shown["started"]
            assert shown["drawn"] is not None and shown["drawn"] >= shown["t"]  # the frame drawn after the run
            shown = run('<div data-testid="stException">KeyError: x</div>')
            assert shown["exceptions"] == 1 and shown["exception"] == "KeyError: x" and shown["heading"] is None
            shown = run(f'<h1>Tổng quan: Hà Nội</h1><div data-testid="stAlert">{failed}</div>')
            assert shown["exceptions"] == 1 and shown["heading"] == "Tổng quan: Hà Nội"
            page.evaluate("document.querySelector('[data-testid=stApp]').setAttribute('data-test-connection-state', 'PINGING_SERVER')")
            assert page.evaluate(finished)["lost"] == 1

            # the server's messages, as Streamlit's own protobuf classes write them
            from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

            started = ForwardMsg()
            started.metadata.delta_path.extend([0, 1])
            started.new_session.page_script_hash = "abc123"
            delta = ForwardMsg()
            delta.delta.new_element.markdown.body = "x" * 300  # a long length-delimited field to skip
            done = ForwardMsg()
            done.metadata.delta_path.append(0)
            done.script_finished = ForwardMsg.FINISHED_SUCCESSFULLY
            early = ForwardMsg(script_finished=ForwardMsg.FINISHED_EARLY_FOR_RERUN)
            messages = [list(m.SerializeToString()) for m in (started, delta, early, done)]
            seen = page.evaluate(
                "(ms) => { window.__lt.ws = []; ms.forEach((m, i) => window.__lt.parse(new Uint8Array(m).buffer, i)); "
                "return window.__lt.ws; }",
                messages,
            )
            assert seen == [["started", 0, 0], ["finished", 2, 2], ["finished", 0, 3]]
        finally:
            browser.close()


@pytest.mark.browser  # the import goes through the page in chromium
def test_protocol_sessions_with_an_import_through_the_page(db_path, tmp_path, monkeypatch):
    """Sessions that speak Streamlit's websocket protocol (no browser) and an import through the
    import page (one browser, signed in through the local OpenID Connect provider the command starts, as an
    account it adds for the run and removes after); the server runs as of the tests' day."""
    monkeypatch.setenv("KPI_TODAY", TEST_DAY["KPI_TODAY"])
    db = tmp_path / "kpi.duckdb"
    shutil.copy(db_path, db)
    report_csv = tmp_path / "report.csv"
    report_csv.write_text("commune_code,indicator_code,period,value,note\n11503,vneid_share,2026-Q2,77,số liệu kiểm thử\n", encoding="utf-8")
    out = io.StringIO()
    code, report = loadtest.run_loadtest(
        Options(None, 3, 12, db, 2, report_csv, think=0.3, browsers=0, import_through="page"), out)
    text = out.getvalue()
    assert report.page_loads and report.page_switches and report.filter_changes, text
    assert not report.errors and not report.hangs, text
    assert report.imported is not None and report.imported.exit_code == 0, text
    assert report.imported.output.startswith("Đã nhập lô 1: 1 giá trị mới"), text
    assert report.sessions_seen == 3, text
    assert code == 0, text
    from kpi import records

    # who imported: the run's account, which is gone again; both changes audited, in the store of record (the
    # account's removal after the run is recorded there, for a publication after the server stopped)
    with records.read_only(db) as con:
        assert con.execute("SELECT imported_by FROM import_batch").fetchall() == [("loadtest@kpi.invalid",)]
        assert con.execute("SELECT count(*) FROM app_user").fetchall() == [(0,)]
        assert con.execute("SELECT action FROM audit_log WHERE action <> 'build' ORDER BY audit_id").fetchall() == [
            ("user_add",), ("import",), ("user_remove",)]  # after the build's own row


def test_the_protocol_client_asks_for_what_a_browser_asks_for(db_path):
    """Open a page, pick a sidebar option, switch page: the server answers as it does a browser."""
    import asyncio

    from tools.loadtest.protocol import ProtocolError, ProtocolSession

    proc, url, log = loadtest._start_server(db_path, Path(tempfile.mkdtemp()) / "server.log", env=TEST_DAY)
    try:
        assert loadtest._wait_healthy(url, proc, 60)

        async def journey():
            client = ProtocolSession(url)
            try:
                opened = await client.open("/xep-hang", "province=31")
                assert opened.finished and "Xếp hạng so với bình quân tỉnh" in opened.headings
                assert "province=31" in client.query_string.split("&")
                assert "Xã hội số" in opened.selectboxes["Nhóm chỉ tiêu"][1]
                chosen = await client.choose("Nhóm chỉ tiêu", "Xã hội số")
                assert chosen.finished and "group=digital_society" in chosen.query_string.split("&")
                moved = await client.switch("/ho-so-xa")
                assert moved.finished and any(h.startswith("Hồ sơ xã: ") for h in moved.headings)
                assert "group=digital_society" in moved.query_string.split("&")  # the filters travel along
                with pytest.raises(ProtocolError):
                    await client.choose("Nhóm chỉ tiêu", "no such group")
            finally:
                await client.close()

        asyncio.run(journey())
    finally:
        loadtest._stop_server(proc)
        log.close()


def test_a_filter_change_must_keep_the_earlier_choices_in_the_address():
    """A group chosen after a province: the address must hold both (the province once jumped to 01)."""
    from tools.loadtest.plan import kept_missing

    assert kept_missing({"province": "31", "group": "digital_society"}, "province=31&communes=11503&group=digital_society") == []
    assert kept_missing({"province": "31", "group": "digital_society"}, "?province=01&group=digital_society") == ["province=31"]
    assert kept_missing({"province": "31", "group": ""}, "province=31") == []
    assert kept_missing({"province": "3", "group": ""}, "province=31") == ["province=3"]


def test_sessions_change_only_the_filters_each_page_shows():
    """A session picks a sidebar filter the page shows: Nhiệm vụ has no indicator group (a CI run failed choosing one)."""
    from pages._filters import FILTERS, PAGE_FILTERS
    from tools.loadtest.plan import PAGES, filter_kinds

    for path, _key, _named in PAGES:
        shown = PAGE_FILTERS.get(path.split("?")[0].strip("/"), FILTERS) if path != "/" else FILTERS
        kinds = filter_kinds(path, several_provinces=True)
        assert kinds and set(kinds) <= set(shown), (path, kinds, shown)
    assert filter_kinds("/nhiem-vu", several_provinces=True) == ("province",)
    assert filter_kinds("/nhiem-vu", several_provinces=False) == ()
