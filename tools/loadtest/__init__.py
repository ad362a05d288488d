"""`python -m kpi loadtest`: many sessions on the dashboard at once, optionally with an import.

N sessions move between pages (through the sidebar, as a person does) and change sidebar filters for
S seconds while a task polls the health endpoint; optionally an import (`python -m kpi import FILE`,
or the import page in a browser, signed in through a local OpenID Connect provider as an
administrator account the run adds and removes) runs T seconds in; once the publisher beside the server
(`serve` starts it) has folded it into the snapshot, every session must show the new count of imported
values in the demo banner. Prints page-load, page-switch and filter-change times
(p50/p95/max, ms), errors, exceptions, hangs and health-check failures; exits 0 only if all is well.

A session either drives Debian's chromium (browser.py: timed in the page, from the click to the end
of the rerun the app shows) or speaks Streamlit's websocket protocol (protocol.py: the same requests
and the same server work, nothing drawn), so that many sessions fit on few cores. Everything is
bounded: each wait gives up after HANG_S (a hang), the sessions stop after S seconds and the drain
is bounded too. Only loopback addresses are accepted.

    plan.py      what the sessions do and the time limits; the options
    run.py       one run: shared state, health checks, the import, protocol sessions
    browser.py   browser sessions (Playwright + chromium) and the import through the page
    protocol.py  the websocket protocol client
    server.py    the dashboard under test: start, health, stop, CPU time
    idp.py       a local OpenID Connect provider (oidc-provider-mock) for signing in
    report.py    what was found, and the printed report
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import tempfile
from pathlib import Path

from tools.loadtest import idp
from tools.loadtest.browser import CHROMIUM, CHROMIUM_ARGS, FINISHED_JS, IMPORTER, OBSERVER_JS, is_probe
from tools.loadtest.plan import SERVER_START_S, SERVER_STOP_S, Options, Plan, banner_text, check_url, read_plan
from tools.loadtest.report import ImportOutcome, Problem, Report, format_report, percentile, scan_log
from tools.loadtest.run import _drive
from tools.loadtest.server import _loadavg, _start_server, _stop_server, _wait_healthy, cpu_seconds

__all__ = [
    "CHROMIUM", "CHROMIUM_ARGS", "FINISHED_JS", "OBSERVER_JS", "ImportOutcome", "Options", "Plan", "Problem", "Report",
    "banner_text", "check_url", "format_report", "is_probe", "percentile", "run_loadtest", "scan_log", "validate",
]


def validate(opts: Options) -> str | None:
    """Why these options cannot run (a usage error), or None."""
    if opts.url is not None:
        try:
            check_url(opts.url)
        except ValueError as exc:
            return str(exc)
    if not 1 <= opts.sessions <= 200:
        return "--sessions must be between 1 and 200"
    if not 0 < opts.seconds <= 3600:
        return "--seconds must be more than 0 and at most 3600"
    if not 0 <= opts.think <= 600:
        return "--think must be between 0 and 600 seconds"
    if opts.import_through not in ("cli", "page"):
        return "--import-through must be cli or page"
    if opts.import_through == "page" and opts.url is not None:
        return "--import-through page needs the server this command starts (it configures sign-in): drop --url"
    if opts.more_imports and (opts.import_file is None or opts.import_through != "cli"):
        return "--more-imports needs --import-at T FILE through the command line"
    if not 0 <= opts.more_imports <= 500:
        return "--more-imports must be between 0 and 500"
    if opts.browsers is not None and not 0 <= opts.browsers <= opts.sessions:
        return "--browsers must be between 0 and --sessions"
    if opts.import_file is not None:
        if opts.import_at is None or not 0 <= opts.import_at < opts.seconds:
            return "--import-at T must be at least 0 and less than --seconds"
        if not opts.import_file.is_file():
            return f"{opts.import_file}: no such file"
    if not opts.db.exists():
        return f"no database at {opts.db}: run `python -m kpi build` first"
    if not Path(CHROMIUM).exists():
        return f"chromium not found at {CHROMIUM}: install Debian's chromium (apt-get install chromium)"
    return None


def run_loadtest(opts: Options, out=None) -> tuple[int, Report]:
    """Run the load test and print its report; (exit code, report). Exit 2 for a usage error."""
    out = out or sys.stdout
    problem = validate(opts)
    if problem:
        print(f"loadtest: {problem}", file=sys.stderr)
        return 2, Report(opts.sessions, opts.seconds)
    report = Report(opts.sessions, opts.seconds)
    opts.db = opts.db.absolute()  # the server and the import run in the repository: not resolved, a symlink may be the point
    if opts.import_file is not None:
        opts.import_file = opts.import_file.absolute()
    plan = read_plan(opts.db)
    with contextlib.ExitStack() as stack:
        if not _run(opts, plan, report, out, stack):
            return 1, report
    print(format_report(report), file=out, flush=True)
    return report.exit_code, report


def _run(opts: Options, plan: Plan, report: Report, out, stack: contextlib.ExitStack) -> bool:
    """Start what is needed (the dashboard, a provider and an account to sign in with) and drive the
    sessions; False if the dashboard never answered. Everything started is stopped by the stack."""
    proc = log = cpu_before = None
    if opts.url is None:
        report.server_log = Path(tempfile.mkdtemp(prefix="kpi-loadtest-")) / "server.log"
        secrets = None
        if opts.import_through == "page":  # sign-in through a local provider, as the account the run adds
            opts.issuer = stack.enter_context(idp.provider())
            secrets = idp.write_secrets(report.server_log.with_name("secrets.toml"), opts.issuer)
            stack.enter_context(idp.account(opts.db, IMPORTER))
            idp.vouch(opts.issuer, IMPORTER)
        proc, url, log = _start_server(opts.db, report.server_log, secrets)
        report.server_pid = proc.pid
        print(f"starting the dashboard on {url} (log: {report.server_log})", file=out, flush=True)
    else:
        url = check_url(opts.url)
    report.url = url
    try:
        if not _wait_healthy(url, proc, SERVER_START_S if proc is not None else 10.0):
            print(f"loadtest: the dashboard at {url} did not answer {url}/_stcore/health", file=sys.stderr)
            if report.server_log is not None:
                print(report.server_log.read_text(errors="replace")[-2000:], file=sys.stderr)
            return False
        cpu_before = cpu_seconds(proc.pid) if proc is not None else None
        report.load_before = _loadavg()
        print(f"{opts.sessions} session(s) for {opts.seconds:g} s on {len(plan.provinces)} province(s)…", file=out, flush=True)
        asyncio.run(_drive(opts, url, plan, report))
        report.load_after = _loadavg()
    finally:
        if proc is not None:
            cpu_after = cpu_seconds(proc.pid)
            if cpu_before is not None and cpu_after is not None:
                report.server_cpu_s = cpu_after - cpu_before
            if not _stop_server(proc):
                report.hangs.append(Problem("hang", None, "server", f"did not stop within {SERVER_STOP_S:.0f} s; killed"))
            log.close()
            report.server_log_lines = scan_log(report.server_log.read_text(errors="replace"))
    return True
