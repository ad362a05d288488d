"""`python -m kpi loadtest`: many browser sessions on the dashboard at once, optionally with an import.

N sessions (Playwright's async API driving Debian's headless chromium: one browser, one context per
session) move between pages and change sidebar filters for S seconds while a task polls the health
endpoint. Optionally `python -m kpi import FILE` runs T seconds into the run; every session must then
show the new count of imported values in the demo banner. Prints page-load and filter-change times
(p50/p95/max, ms), errors, exceptions, hangs and health-check failures; exits 0 only if all is well.

Everything is bounded: each wait gives up after HANG_S (a hang: the session reloads and goes on),
the sessions stop after S seconds (a little later only to see an import that finished late) and the
drain after that is bounded too. Only loopback addresses are accepted: this is a test, not a tool to
load someone else's server.

Timings are taken in the page, with performance.now(): a script observes the server's WebSocket
messages that a script run started and finished, and the app root `[data-testid="stApp"]`, whose
`data-test-script-state` is "initial", "running", "rerunRequested" or "notRunning". A page load runs
from navigation start until the script has finished, the app shows it ("notRunning") and the page
heading (h1) is visible; a filter change from the click on the option until the rerun it triggers
has finished and the app shows it.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kpi import config
from kpi.i18n import fmt_number, t

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]
HANG_S = 30.0  # any single wait longer than this is a hang
HEADING_GRACE_MS = 5_000  # after the script finished, how long the heading may take to show
SEEN_WAIT_MS = 2_000  # after a run finished, how long the page may take to show the imported count
POLL_MS = 100  # how often the page is polled while waiting (finishing times come from the observer log)
HEALTH_EVERY_S = 1.0
HEALTH_TIMEOUT_S = 2.0
SERVER_START_S = 90.0
SERVER_STOP_S = 10.0
IMPORT_TIMEOUT_S = 120.0
SEE_IMPORT_GRACE_S = 30.0  # after an import, sessions that have not seen it yet go on at most this long
EXTRA_MAX_S = 30.0  # ... but never longer than this past the planned end
DRAIN_S = HANG_S + 20.0  # bounded wait for the sessions to finish their last step
FILTER_CHANGES_PER_PAGE = 2
THINK_S = 0.5  # the mean pause between steps (uniform between half and one and a half of it)
SEED_PROVINCES = ("31", "51", "52", "19", "75")
LANG = "vi"

# (path, heading key, the field the heading names): the heading must start with the key's text.
PAGES: tuple[tuple[str, str, str | None], ...] = (
    ("/", "overview.title", "province"),
    ("/xep-hang", "ranking.title", None),
    ("/lo-trinh?indicator=online_dossier_processing_share", "trajectory.title", None),
    ("/ho-so-xa", "profile.title", "commune"),
    ("/nhiem-vu", "tasks.title", None),
)

# Logs, with performance.now(): the app root's script state and whether the connection was lost,
# and from the WebSocket the server's messages that a script run started (ForwardMsg field 4,
# new_session) or finished (field 6, script_finished: 0 success, 1 compile error, 2 stopped early
# for a rerun, 3 a fragment's run). React may batch "running" and "notRunning" into one render, so
# a quick rerun need not show in the attribute; the server's messages always show it.
OBSERVER_JS = """
(() => {
  if (window.__lt) return;
  const lt = window.__lt = {log: [], ws: [], lost: 0, connected: false, click: 0, unloading: false, pending: null};
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      const value = r.target.getAttribute(r.attributeName);
      if (r.attributeName === 'data-test-script-state') lt.log.push([value, now]);
      else if (value === 'CONNECTED') lt.connected = true;
      else if ((lt.connected || r.oldValue === 'CONNECTED') && !lt.unloading) lt.lost += 1;
    }
  }).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                        attributeFilter: ['data-test-script-state', 'data-test-connection-state']});
  document.addEventListener('click', () => { lt.click = performance.now(); }, true);
  window.addEventListener('pagehide', () => { lt.unloading = true; });
  const parse = (buffer, now) => {  // the top-level fields of a ForwardMsg (protobuf)
    const b = new Uint8Array(buffer);
    let i = 0;
    const varint = () => { let r = 0, f = 1, x; do { x = b[i++]; r += (x & 0x7f) * f; f *= 128; } while (x & 0x80 && i < b.length); return r; };
    while (i < b.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag % 8;
      if (wire === 0) { const v = varint(); if (field === 6) lt.ws.push(['finished', v, now]); }
      else if (wire === 2) { const n = varint(); if (field === 4) lt.ws.push(['started', 0, now]); i += n; }
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else return;
    }
  };
  lt.parse = parse;  // for the tests
  const Native = window.WebSocket;
  if (!Native) return;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (e.data instanceof ArrayBuffer) { try { parse(e.data, performance.now()); } catch (err) { /* not ours to break */ } }
      });
    }
  };
})();
"""

# Resolves once a script run that started after the marks (log entries, WebSocket messages) has
# finished and the page shows it (for a page load, marks 0), with what the page then shows. An
# exception is Streamlit's exception box or the app's own message for a page that failed.
FINISHED_JS = """
([logMark, wsMark, grace, failedText]) => {
  const lt = window.__lt;
  if (!lt) return false;
  const problem = () => {
    const exc = [...document.querySelectorAll('[data-testid="stException"]')];
    const failed = [...document.querySelectorAll('[data-testid="stAlert"]')].filter((e) => e.innerText.includes(failedText));
    exc.push(...failed);
    const dialog = [...document.querySelectorAll('[role="dialog"]')].map((d) => d.innerText.trim()).filter(Boolean);
    return {exceptions: exc.length, exception: exc.length ? exc[0].innerText.slice(0, 300) : null,
            dialog: dialog.length ? dialog[0].slice(0, 200) : null, lost: lt.lost, click: lt.click};
  };
  if (lt.lost) return {t: performance.now(), started: null, heading: null, ...problem()};
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') { lt.pending = null; return false; }
  let started = null, finished = null;
  for (let i = wsMark; i < lt.ws.length; i++) {
    const [kind, value, t] = lt.ws[i];
    if (kind === 'started') { if (started === null) started = t; finished = null; }
    else if (value === 0 || value === 1) finished = t;
  }
  let ran = null, settled = null;  // the attribute's view, in case the WebSocket could not be read
  for (let i = logMark; i < lt.log.length; i++) {
    if (lt.log[i][0] !== 'notRunning') { if (ran === null) ran = lt.log[i][1]; }
    else settled = lt.log[i][1];
  }
  if (finished === null && (settled === null || ran === null)) return false;
  if (started === null) started = ran;
  const done = Math.max(finished ?? 0, settled ?? 0);
  const now = performance.now();
  const h1 = [...document.querySelectorAll('[data-testid="stMain"] h1')]
    .find((e) => e.getClientRects().length && e.innerText.trim());
  const found = problem();
  if (h1) {
    const t = lt.pending === null ? done : now;  // the heading came after the script finished
    lt.pending = null;
    return {t, started, heading: h1.innerText.trim(), ...found};
  }
  if (lt.pending === null) lt.pending = now;
  if (found.exceptions || found.dialog || now - done > grace) return {t: now, started, heading: null, ...found};
  return false;
}
"""


# --- pure helpers ------------------------------------------------------------------------------


def check_url(url: str) -> str:
    """The dashboard's base address without a trailing slash; ValueError unless it is http(s) on a
    loopback host (127.0.0.0/8, ::1 or localhost)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"{url}: only http:// or https:// addresses")
    if parts.query or parts.fragment:
        raise ValueError(f"{url}: give the dashboard's base address, without ?query or #fragment")
    host = parts.hostname or ""
    try:
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError as exc:
        raise ValueError(f"{url}: {exc}") from None
    if host.rstrip(".") != "localhost":
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise ValueError(f"{url}: not a loopback address (127.0.0.0/8, ::1, localhost); refusing to load another host")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0..100) with linear interpolation between closest ranks; None if empty."""
    if not values:
        return None
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} outside 0..100")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def banner_text(real: int, lang: str = LANG) -> str:
    """The plain text the demo banner shows for `real` imported values, from the colon after its
    bold lead-in up to the first semicolon, e.g. ': 5 giá trị là số liệu báo cáo đã nhập' (the
    leading ': ' keeps '1 giá trị' from matching '11 giá trị')."""
    template = t("demo.banner_mixed", lang, real="\x00").replace("**", "")
    before, after = template.split("\x00", 1)
    lead = before[before.rfind(":"):] if ":" in before else ""
    return lead + fmt_number(real, lang, 0) + after.split(";", 1)[0]


def is_probe(path: str) -> bool:
    """Whether a request is the frontend looking for the server under a deep link's path (it asks
    /PAGE/_stcore/health and /PAGE/_stcore/host-config before the root's): a 404 there is expected."""
    return re.fullmatch(r"/[^?]+/_stcore/(health|host-config)(\?.*)?", path) is not None


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def _stats(values: list[float]) -> str:
    return f"p50 {_ms(percentile(values, 50))}, p95 {_ms(percentile(values, 95))}, max {_ms(max(values) if values else None)}"


@dataclass(frozen=True)
class Problem:
    kind: str  # exception, connection, dialog, heading, http, filter, stale, browser, hang, server, import
    session: int | None  # None: not a session's (the server, the import, the health check)
    where: str
    detail: str = ""
    at_s: float = 0.0  # seconds into the run

    def line(self) -> str:
        who = f"session {self.session}" if self.session is not None else "run"
        detail = " ".join(self.detail.split())[:400]
        return f"{self.at_s:6.1f} s {who} {self.where}: {self.kind}{': ' + detail if detail else ''}"


@dataclass
class ImportOutcome:
    file: Path
    at_s: float  # seconds into the run it started
    exit_code: int | None = None  # None: it did not finish in time (killed)
    duration_s: float = 0.0
    output: str = ""
    real_before: int | None = None
    real_after: int | None = None
    text: str | None = None  # what each session must see afterwards; None: not checkable
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.exit_code == 0


@dataclass
class Report:
    sessions: int
    seconds: float
    url: str = ""
    elapsed_s: float = 0.0
    page_loads: list[tuple[str, float]] = field(default_factory=list)  # (page, ms)
    script_starts: list[float] = field(default_factory=list)  # ms from navigation start to the script's start
    filter_changes: list[tuple[str, float]] = field(default_factory=list)  # (filter, ms)
    errors: list[Problem] = field(default_factory=list)
    hangs: list[Problem] = field(default_factory=list)
    health_checks: int = 0
    health_failures: list[str] = field(default_factory=list)
    health_max_ms: float = 0.0
    imported: ImportOutcome | None = None
    seen_after: dict[int, float | None] = field(default_factory=dict)  # session -> s after the import
    stale_runs: int = 0  # runs started after the import that still showed the old count
    media_404: int = 0  # download-button files already replaced by a rerun when the frontend checked them
    server_log: Path | None = None
    server_log_lines: list[str] = field(default_factory=list)
    server_cpu_s: float | None = None  # CPU seconds the server we started used
    browser_cpu_s: float | None = None  # CPU seconds the browser (and Playwright's driver) used
    server_pid: int | None = None
    load_before: float | None = None  # the machine's 1-minute load average before and after the run
    load_after: float | None = None

    @property
    def exceptions(self) -> int:
        return sum(p.kind == "exception" for p in self.errors)

    @property
    def sessions_seen(self) -> int:
        return sum(v is not None for v in self.seen_after.values())

    @property
    def ok(self) -> bool:
        if self.errors or self.hangs or self.health_failures or not self.page_loads:
            return False
        if self.imported is not None:
            return self.imported.ok and self.imported.text is not None and self.sessions_seen == self.sessions
        return True

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1


def format_report(r: Report) -> str:
    loads = [ms for _, ms in r.page_loads]
    changes = [ms for _, ms in r.filter_changes]
    lines = [
        f"loadtest {r.url}: sessions {r.sessions}, seconds {r.seconds:g} (ran {r.elapsed_s:.1f} s), "
        f"page loads {len(loads)}, filter changes {len(changes)}",
        f"page load ms: {_stats(loads)}",
    ]
    for page in sorted({p for p, _ in r.page_loads}):
        these = [ms for p, ms in r.page_loads if p == page]
        lines.append(f"  {page}: {len(these)} loads, {_stats(these)}")
    if r.script_starts:
        lines.append(f"  of which until the script started: {_stats(r.script_starts)}")
    lines.append(f"filter change ms: {_stats(changes)}")
    for kind in sorted({k for k, _ in r.filter_changes}):
        these = [ms for k, ms in r.filter_changes if k == kind]
        lines.append(f"  {kind}: {len(these)} changes, {_stats(these)}")
    kinds = {}
    for p in r.errors:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    by_kind = f" ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})" if kinds else ""
    lines.append(
        f"errors {len(r.errors)}{by_kind}, exceptions {r.exceptions}, hangs {len(r.hangs)}, "
        f"health checks {r.health_checks} (failures {len(r.health_failures)}, slowest {r.health_max_ms:,.0f} ms)"
    )
    imp = r.imported
    if imp is not None:
        status = "did not finish (killed)" if imp.exit_code is None else f"exit {imp.exit_code}"
        last = next((line for line in reversed(imp.output.strip().splitlines()) if line.strip()), "")
        lines.append(f"import at {imp.at_s:.0f} s: {status} in {imp.duration_s:.1f} s ({last.strip()[:200] or 'no output'})")
        if imp.ok and imp.text is not None:
            seen = [v for v in r.seen_after.values() if v is not None]
            latest = f" (max {max(seen):.1f} s after)" if seen else ""
            lines.append(
                f"  real values {imp.real_before} -> {imp.real_after}; sessions that saw '{imp.text.lstrip(': ')}': "
                f"{r.sessions_seen}/{r.sessions}{latest}; stale runs after the import {r.stale_runs}"
            )
        elif imp.note:
            lines.append(f"  {imp.note}")
    shown = sorted(r.errors + r.hangs, key=lambda p: p.at_s)[:12]
    if shown:
        lines.append("first problems:")
        lines += [f"  {p.line()}" for p in shown]
    lines += [f"  health: {f}" for f in r.health_failures[:5]]
    if r.media_404:
        lines.append(f"not counted as errors: {r.media_404} download-button file check(s) answered 404 after a rerun replaced the file")
    if r.load_before is not None and r.load_after is not None:
        lines.append(f"machine load average {r.load_before:.1f} -> {r.load_after:.1f} on {os.cpu_count()} CPU(s)"
                     " (the browsers run on the same machine as the server)")
    if r.elapsed_s:
        used = [(who, cpu) for who, cpu in (("server", r.server_cpu_s), ("browsers", r.browser_cpu_s)) if cpu is not None]
        if used:
            lines.append("CPU over the run's " + f"{r.elapsed_s:.1f} s: " + ", ".join(
                f"{who} {cpu:.1f} s ({cpu / r.elapsed_s:.2f} cores)" for who, cpu in used))
    if r.server_log is not None:
        lines.append(f"server log {r.server_log}: {len(r.server_log_lines)} warning/error line(s)")
        lines += [f"  {line[:240]}" for line in r.server_log_lines[:15]]
    lines.append("result: OK" if r.ok else "result: FAILED")
    return "\n".join(lines)


def scan_log(text: str, limit: int = 40) -> list[str]:
    """The log's warning, error and traceback lines, each once, in order."""
    out: list[str] = []
    for line in text.splitlines():
        if re.search(r"Traceback|Error|Exception|WARNING|CRITICAL|Timeout", line) and line.strip() not in out:
            out.append(line.strip())
            if len(out) >= limit:
                break
    return out


# --- the database: what to ask for and what to expect ----------------------------------------


@dataclass(frozen=True)
class Plan:
    provinces: tuple[tuple[str, str], ...]  # (code, name) of provinces with scored communes
    groups: tuple[tuple[str, str], ...]  # (code, Vietnamese name)


def read_plan(db: Path) -> Plan:
    from kpi.db import connect, run

    with connect(db) as con:
        names = dict(run(con, "provinces").select("province_code", "province_name").iter_rows())
        ranked = run(con, "ranking", period=None, province=None)
        with_data = sorted(set(ranked["province_code"])) if ranked.height else []
        groups = tuple((g, v) for g, v, _ in run(con, "indicator_groups").iter_rows())
    codes = with_data or [c for c in SEED_PROVINCES if c in names] or sorted(names)
    return Plan(tuple((c, names[c]) for c in codes if c in names), groups)


def real_values(db: Path) -> tuple[bool, int]:
    """(whether the dashboard shows a demo banner at all, how many imported values it counts), read
    from a fresh read-only handle: an import publishes a new file."""
    from kpi.db import connect, run

    with connect(db) as con:
        share = run(con, "demo_share")
    return bool(share["any_demo"][0]), int(share["real_values"][0])


# --- the run -----------------------------------------------------------------------------------


@dataclass
class Options:
    url: str | None
    sessions: int
    seconds: float
    db: Path
    import_at: float | None = None
    import_file: Path | None = None
    seed: int = 57
    think: float = THINK_S  # mean seconds a session pauses between steps (a person reading the page)


def _health(url: str, timeout: float) -> float:
    """Milliseconds one GET of /_stcore/health took; raises on failure. Never through a proxy."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    started = time.perf_counter()
    with opener.open(f"{url}/_stcore/health", timeout=timeout) as resp:
        body = resp.read(100)
        if resp.status != 200:
            raise OSError(f"HTTP {resp.status}: {body[:60]!r}")
    return (time.perf_counter() - started) * 1000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Run:
    """The shared state of one load test while it runs."""

    def __init__(self, opts: Options, url: str, plan: Plan, report: Report) -> None:
        self.opts, self.url, self.plan, self.report = opts, url, plan, report
        self.start = time.monotonic()
        self.deadline = self.start + opts.seconds
        self.cap = self.deadline + EXTRA_MAX_S
        self.stop = asyncio.Event()
        self.import_pending = opts.import_file is not None
        self.import_done: float | None = None  # monotonic time the import finished successfully
        self.expect: str | None = None

    def now_s(self) -> float:
        return time.monotonic() - self.start

    def problem(self, kind: str, session: int | None, where: str, detail: str = "") -> None:
        item = Problem(kind, session, where, detail, round(self.now_s(), 1))
        (self.report.hangs if kind == "hang" else self.report.errors).append(item)

    def keep_going(self, session: int) -> bool:
        now = time.monotonic()
        if now < self.deadline:
            return True
        if now >= self.cap:
            return False
        if self.import_pending:
            return True
        return (self.import_done is not None and self.expect is not None
                and self.report.seen_after.get(session) is None and now < self.import_done + SEE_IMPORT_GRACE_S)

    # -- health ---------------------------------------------------------------------------------

    async def health_loop(self) -> None:
        while not self.stop.is_set():
            self.report.health_checks += 1
            try:
                ms = await asyncio.wait_for(asyncio.to_thread(_health, self.url, HEALTH_TIMEOUT_S), HEALTH_TIMEOUT_S + 1)
                self.report.health_max_ms = max(self.report.health_max_ms, ms)
            except (OSError, TimeoutError, urllib.error.URLError) as exc:
                self.report.health_failures.append(f"{self.now_s():.1f} s: {type(exc).__name__}: {exc}"[:200])
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.stop.wait(), HEALTH_EVERY_S)

    # -- the import -----------------------------------------------------------------------------

    async def import_task(self) -> None:
        opts = self.opts
        assert opts.import_file is not None and opts.import_at is not None
        outcome = ImportOutcome(opts.import_file, opts.import_at)
        self.report.imported = outcome
        try:
            any_demo, outcome.real_before = await asyncio.to_thread(real_values, opts.db)
            await asyncio.sleep(max(0.0, self.start + opts.import_at - time.monotonic()))
            outcome.at_s = self.now_s()
            started = time.monotonic()
            proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "kpi", "import", str(opts.import_file), "--db", str(opts.db),
                cwd=config.ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            )
            try:
                out, _ = await asyncio.wait_for(proc.communicate(), IMPORT_TIMEOUT_S)
                outcome.exit_code = proc.returncode
            except TimeoutError:
                proc.kill()
                out, _ = await proc.communicate()
                self.problem("hang", None, "import", f"did not finish in {IMPORT_TIMEOUT_S:.0f} s; killed")
            outcome.duration_s = time.monotonic() - started
            outcome.output = out.decode("utf-8", "replace")
            if not outcome.ok:
                self.problem("import", None, "import", f"exit {outcome.exit_code}: {outcome.output.strip()[-300:]}")
                return
            done = time.monotonic()
            any_demo, outcome.real_after = await asyncio.to_thread(real_values, opts.db)
            if not any_demo:
                outcome.note = "the database has no demo values, so no banner counts imported values: visibility not checked"
            else:
                outcome.text = banner_text(outcome.real_after)
                if outcome.real_after == outcome.real_before:
                    outcome.note = "the import did not change the count of imported values: visibility cannot be told apart"
            self.expect = outcome.text
            self.import_done = done
        finally:
            self.import_pending = False

    # -- one browser session --------------------------------------------------------------------

    async def session(self, browser, idx: int, stagger: float) -> None:
        await asyncio.sleep(idx * stagger)
        self.report.seen_after.setdefault(idx, None)
        rng = random.Random(self.opts.seed * 1000 + idx)
        context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
        context.set_default_timeout(HANG_S * 1000)
        context.set_default_navigation_timeout(HANG_S * 1000)
        await context.add_init_script(OBSERVER_JS)
        state = {"where": ""}

        def on_response(resp) -> None:
            path = resp.url[len(self.url):]
            if resp.status < 400 or not resp.url.startswith(self.url) or is_probe(path):
                return
            if resp.status == 404 and path.startswith("/media/"):
                # the frontend checks a download button's file when it renders it; a rerun that has
                # replaced the file meanwhile answers 404. Nobody sees that; it is counted apart.
                self.report.media_404 += 1
                return
            self.problem("http", idx, state["where"], f"HTTP {resp.status} {path[:120]}")

        context.on("response", on_response)
        page = None
        broken = 0  # browser failures in a row: after three the session gives up
        try:
            while self.keep_going(idx) and broken < 3:
                try:
                    if page is None:
                        page = await context.new_page()
                        page.on("crash", lambda _p: self.problem("browser", idx, state["where"], "page crashed"))
                    path, key, named = rng.choice(PAGES)
                    province, _ = rng.choice(self.plan.provinces)
                    target = f"{path}{'&' if '?' in path else '?'}province={province}"
                    state["where"] = target
                    current = {"province": province, "group": ""}
                    ok = await self.load(page, idx, target, key, named)
                    for _ in range(FILTER_CHANGES_PER_PAGE):
                        if not ok or not self.keep_going(idx):
                            break
                        await asyncio.sleep(rng.uniform(0.5 * self.opts.think, 1.5 * self.opts.think))
                        ok = await self.change(page, idx, target, key, named, rng, current)
                    broken = 0
                except Exception as exc:  # the page or the browser went away
                    self.problem("browser", idx, state["where"], f"{type(exc).__name__}: {exc}")
                    broken += 1
                    ok = False
                if not ok:  # a hang or a broken page: start afresh with a new page
                    if page is not None:
                        with contextlib.suppress(Exception):
                            await asyncio.wait_for(page.close(), 5)
                    page = None
                await asyncio.sleep(rng.uniform(0.5 * self.opts.think, 1.5 * self.opts.think))
        finally:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(context.close(), 10)

    async def _finished(self, page, marks: list[int]) -> dict | None:
        """What the page shows once its run has finished; None after HANG_S (a hang)."""
        try:
            handle = await page.wait_for_function(
                FINISHED_JS, arg=[*marks, HEADING_GRACE_MS, t("app.failed", LANG)], polling=POLL_MS, timeout=HANG_S * 1000
            )
            return await handle.json_value()
        except Exception as exc:
            if "Timeout" in type(exc).__name__ or "Timeout" in str(exc)[:80]:
                return None
            raise

    async def _state(self, page, marks: list[int]) -> str:
        """What a hung page shows, for the report: its script state, the states since `mark`, its address."""
        try:
            return await asyncio.wait_for(page.evaluate(
                """([logMark, wsMark]) => {
                  const app = document.querySelector('[data-testid="stApp"]');
                  const lt = window.__lt || {log: [], ws: [], lost: 0, click: 0};
                  const log = lt.log.slice(logMark).map(([s, t]) => `${s}@${Math.round(t)}`).join(' ');
                  const ws = lt.ws.slice(wsMark).map(([k, v, t]) => `${k}${k === 'finished' ? v : ''}@${Math.round(t)}`).join(' ');
                  return `state ${app ? app.getAttribute('data-test-script-state') : 'no app'}, ` +
                         `connection ${app ? app.getAttribute('data-test-connection-state') : '?'}, ` +
                         `states: ${log || 'no change'}, server: ${ws || 'nothing'}, click@${Math.round(lt.click)}, ` +
                         `now@${Math.round(performance.now())}, ${location.pathname}${location.search}`;
                }""", marks), 5)
        except Exception as exc:
            return f"state unknown: {type(exc).__name__}"

    def _check(self, idx: int, where: str, shown: dict, key: str, named: str | None) -> bool:
        """Count what went wrong in a finished run; True if the page rendered properly."""
        good = True
        if shown.get("lost"):
            self.problem("connection", idx, where, "connection to the server lost")
            good = False
        if shown.get("exceptions"):
            self.problem("exception", idx, where, shown.get("exception") or "")
            good = False
        if shown.get("dialog"):
            self.problem("dialog", idx, where, shown["dialog"])
            good = False
        heading = shown.get("heading")
        expected = t(key, LANG, **({named: ""} if named else {})).strip()
        if good and not heading:
            self.problem("heading", idx, where, "the page heading never appeared")
            good = False
        elif heading and not heading.startswith(expected):
            self.problem("heading", idx, where, f"heading {heading!r}, expected {expected!r}…")
            good = False
        return good

    async def _seen(self, page, idx: int, started: float) -> None:
        """After the import: does this run (begun after it finished) show the new count?"""
        if self.expect is None or self.import_done is None or started < self.import_done:
            return
        try:  # the server's "finished" can come a moment before the page shows the run: allow a little
            await page.wait_for_function(
                "(t) => (document.querySelector('[data-testid=\"stMain\"]')?.innerText || '').includes(t)",
                arg=self.expect, polling=100, timeout=SEEN_WAIT_MS,
            )
            text = True
        except Exception as exc:
            if "Timeout" not in type(exc).__name__:
                raise
            text = False
        if text:
            if self.report.seen_after.get(idx) is None:
                self.report.seen_after[idx] = time.monotonic() - self.import_done
        else:
            self.report.stale_runs += 1
            if self.report.seen_after.get(idx) is not None:
                self.problem("stale", idx, page.url[len(self.url):], "the imported count disappeared again after it was shown")

    async def load(self, page, idx: int, target: str, key: str, named: str | None) -> bool:
        started = time.monotonic()
        try:
            resp = await page.goto(self.url + target, wait_until="commit")
        except Exception as exc:
            if "Timeout" in type(exc).__name__:
                self.problem("hang", idx, target, f"navigation did not start in {HANG_S:.0f} s")
            else:
                self.problem("http", idx, target, f"{type(exc).__name__}: {str(exc)[:200]}")
            return False
        if resp is not None and resp.status >= 400:
            return False  # counted by the response handler
        shown = await self._finished(page, [0, 0])
        if shown is None:
            self.problem("hang", idx, target, f"the page did not finish loading in {HANG_S:.0f} s ({await self._state(page, [0, 0])})")
            return False
        good = self._check(idx, target, shown, key, named)
        if good:
            self.report.page_loads.append((target.split("?")[0], float(shown["t"])))
            if shown.get("started") is not None:
                self.report.script_starts.append(float(shown["started"]))
            await self._seen(page, idx, started)
        return good

    async def change(self, page, idx: int, target: str, key: str, named: str | None, rng: random.Random,
                     current: dict[str, str]) -> bool:
        kind = rng.choice(("group", "province")) if len(self.plan.provinces) > 1 else "group"
        choices = self.plan.groups if kind == "group" else self.plan.provinces
        code, name = rng.choice([c for c in choices if c[0] != current[kind]])
        label = t(f"filter.{kind}", LANG)
        where = f"{target} [{kind} -> {code}]"
        started = time.monotonic()

        async def pick() -> list[int]:
            marks = await page.evaluate("() => [window.__lt.log.length, window.__lt.ws.length]")
            await page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text=label).first.click()
            await page.keyboard.type(name)  # long lists are virtualised: filter to the option first
            await page.get_by_role("option", name=name, exact=True).click()
            return marks

        try:
            marks = await asyncio.wait_for(pick(), HANG_S)
        except Exception as exc:
            if "Timeout" in type(exc).__name__:
                self.problem("hang", idx, where, f"could not pick the option in {HANG_S:.0f} s")
            else:
                self.problem("filter", idx, where, f"{type(exc).__name__}: {str(exc)[:200]}")
            return False
        shown = await self._finished(page, marks)
        if shown is None:
            self.problem("hang", idx, where, f"the rerun did not finish in {HANG_S:.0f} s ({await self._state(page, marks)})")
            return False
        good = self._check(idx, where, shown, key, named)
        if not good:
            return False
        self.report.filter_changes.append((kind, float(shown["t"]) - float(shown["click"])))
        current[kind] = code
        try:
            await page.wait_for_function(
                "([k, v]) => new URL(location.href).searchParams.get(k) === v", arg=[kind, code], polling=POLL_MS, timeout=5_000
            )
        except Exception:
            got = parse_qs(urlsplit(page.url).query).get(kind, ["(none)"])[0]
            self.problem("filter", idx, where, f"the address shows {kind}={got} after choosing {code}")
            return False
        await self._seen(page, idx, started)
        return True


async def _drive(opts: Options, url: str, plan: Plan, report: Report) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        exclude = {report.server_pid} if report.server_pid else set()
        cpu_before = tree_cpu_seconds(os.getpid(), exclude)
        try:
            run = _Run(opts, url, plan, report)
            stagger = min(0.5, 5.0 / opts.sessions)
            health = asyncio.create_task(run.health_loop())
            importer = asyncio.create_task(run.import_task()) if opts.import_file is not None else None
            sessions = [asyncio.create_task(run.session(browser, i + 1, stagger)) for i in range(opts.sessions)]
            budget = run.cap - time.monotonic() + DRAIN_S
            _, pending = await asyncio.wait(sessions, timeout=budget)
            for task in pending:
                run.problem("hang", None, "drain", "a session did not stop in time; cancelled")
                task.cancel()
            if importer is not None:
                try:
                    await asyncio.wait_for(importer, max(1.0, run.cap + DRAIN_S + IMPORT_TIMEOUT_S - time.monotonic()))
                except TimeoutError:
                    run.problem("hang", None, "import", "the import task did not finish; cancelled")
            run.stop.set()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(health, HEALTH_TIMEOUT_S + 3)
            if pending:
                await asyncio.wait(pending, timeout=10)
            report.elapsed_s = run.now_s()
            cpu_after = tree_cpu_seconds(os.getpid(), exclude)
            if cpu_before is not None and cpu_after is not None:
                report.browser_cpu_s = cpu_after - cpu_before
        finally:
            try:
                await asyncio.wait_for(browser.close(), 20)
            except TimeoutError:
                report.hangs.append(Problem("hang", None, "browser", "chromium did not close in 20 s"))


def _start_server(db: Path, log_path: Path) -> tuple[subprocess.Popen, str, object]:
    port = free_port()
    log = log_path.open("w")  # a file, not a pipe: a full pipe would block the server
    env = {**os.environ, "KPI_DB": str(db), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kpi", "serve", "--db", str(db), "--port", str(port), "--address", "127.0.0.1"],
        cwd=config.ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
    )
    return proc, f"http://127.0.0.1:{port}", log


def _wait_healthy(url: str, proc: subprocess.Popen | None, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        try:
            _health(url, HEALTH_TIMEOUT_S)
            return True
        except (OSError, urllib.error.URLError):
            time.sleep(0.5)
    return False


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time of a process (Linux /proc); None where that cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _loadavg() -> float | None:
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def tree_cpu_seconds(root: int, exclude: set[int]) -> float | None:
    """CPU seconds of root's descendants (not root itself, nor the processes in exclude and their
    descendants), counting the children they have already reaped; None where /proc cannot be read."""
    try:
        parents: dict[int, int] = {}
        times: dict[int, float] = {}
        tick = os.sysconf("SC_CLK_TCK")
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
            times[int(entry.name)] = sum(int(f) for f in fields[11:15]) / tick
    except (OSError, ValueError, IndexError):
        return None
    total, todo = 0.0, [pid for pid, parent in parents.items() if parent == root and pid not in exclude]
    while todo:
        pid = todo.pop()
        total += times.get(pid, 0.0)
        todo += [child for child, parent in parents.items() if parent == pid and child not in exclude]
    return total


def _stop_server(proc: subprocess.Popen) -> bool:
    """Terminate the server; False if it had to be killed."""
    proc.terminate()
    try:
        proc.wait(timeout=SERVER_STOP_S)
        return True
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
        return False


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
    proc = log = cpu_before = None
    if opts.url is None:
        report.server_log = Path(tempfile.mkdtemp(prefix="kpi-loadtest-")) / "server.log"
        proc, url, log = _start_server(opts.db, report.server_log)
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
            return 1, report
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
    print(format_report(report), file=out, flush=True)
    return report.exit_code, report
