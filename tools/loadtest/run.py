"""One load test run: the shared state, the health checks, the import, and the protocol sessions."""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from kpi import config
from kpi.i18n import t
from tools.loadtest.browser import CHROMIUM, CHROMIUM_ARGS, BrowserSessions
from tools.loadtest.plan import (
    DRAIN_S,
    EXTRA_MAX_S,
    FILTER_CHANGES_PER_PAGE,
    HANG_S,
    HEALTH_EVERY_S,
    HEALTH_SLOW_MS,
    HEALTH_TIMEOUT_S,
    IMPORT_TIMEOUT_S,
    LANG,
    PAGES,
    PUBLISH_POLL_S,
    PUBLISH_TIMEOUT_S,
    SEE_IMPORT_GRACE_S,
    STAGGER_S,
    Options,
    Plan,
    banner_text,
    filter_kinds,
    heading_start,
    kept_missing,
    published_through,
    real_values,
    recorded_through,
)
from tools.loadtest.report import ImportOutcome, Problem, Report
from tools.loadtest.server import _health, tree_cpu_seconds


class Run(BrowserSessions):
    """The shared state of one load test while it runs."""

    def __init__(self, opts: Options, url: str, plan: Plan, report: Report) -> None:
        self.opts, self.url, self.plan, self.report = opts, url, plan, report
        self.start = time.monotonic()
        self.deadline = self.start + opts.seconds
        self.cap = self.deadline + EXTRA_MAX_S
        self.stop = asyncio.Event()
        self.import_pending = opts.import_file is not None
        self.import_done: float | None = None  # monotonic time the import was published (pages show it)
        self.expect: str | None = None
        self.import_ready = asyncio.Event()  # an import through the page has signed in and opened the page
        self.clock_started = asyncio.Event()

    def start_clock(self) -> None:
        """The sessions start now: signing in for an import through the page is setup, not part of the run."""
        self.start = time.monotonic()
        self.deadline = self.start + self.opts.seconds
        self.cap = self.deadline + EXTRA_MAX_S
        self.clock_started.set()

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
                self.report.health_slow += ms > HEALTH_SLOW_MS
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
            _, outcome.real_before = await asyncio.to_thread(real_values, opts.db)
            if opts.import_through == "page":  # signs in first; the upload starts at T (outcome.at_s)
                outcome.exit_code, outcome.output, started = await self._import_through_page(outcome)
                outcome.duration_s = time.monotonic() - started
                await self._after_import(outcome)
                return
            with tempfile.TemporaryDirectory(prefix="kpi-loadtest-imports-") as tmp:
                others = await asyncio.to_thread(self._other_files, Path(tmp))
                await self.until_import_time(outcome)
                done = await asyncio.gather(self._import_process(opts.import_file),
                                            *(self._import_process(f) for f in others))
            (outcome.exit_code, out, outcome.duration_s), outcome.others = done[0], [(c, s) for c, _, s in done[1:]]
            outcome.output = out
            for code, text, _ in done[1:]:
                if code != 0:
                    self.problem("import", None, "import", f"another import: exit {code}: {text.strip()[-200:]}")
            await self._after_import(outcome)
        finally:
            self.import_pending = False

    def _other_files(self, folder: Path) -> list[Path]:
        """--more-imports: one report of 10 values for each of that many communes (the bench's, tools.bench_writes)."""
        if not self.opts.more_imports:
            return []
        from kpi.db import build_info, connect
        from tools.bench_writes import report_files

        with connect(self.opts.db) as con:
            period = build_info(con)["as_of_period"]
        return report_files(self.opts.db, folder, self.opts.more_imports, 10, period)[0]

    async def _import_process(self, file: Path) -> tuple[int | None, str, float]:
        """`python -m kpi import FILE --db DB`: (exit code, None if killed; its output; seconds)."""
        started = time.monotonic()
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "kpi", "--lang", "en", "import", str(file), "--db", str(self.opts.db),
            cwd=config.ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        try:
            out, _ = await asyncio.wait_for(proc.communicate(), IMPORT_TIMEOUT_S)
            code = proc.returncode
        except TimeoutError:
            proc.kill()
            out, _ = await proc.communicate()
            code = None
            self.problem("hang", None, "import", f"{file.name} did not finish in {IMPORT_TIMEOUT_S:.0f} s; killed")
        return code, out.decode("utf-8", "replace"), time.monotonic() - started

    async def until_import_time(self, outcome: ImportOutcome) -> None:
        await self.clock_started.wait()
        await asyncio.sleep(max(0.0, self.start + self.opts.import_at - time.monotonic()))
        outcome.at_s = self.now_s()

    async def _after_import(self, outcome: ImportOutcome) -> None:
        """Once the import has finished: wait for its publication (the import is recorded in the store of
        record; the publisher beside the server folds it into the snapshot the pages read), then what every
        session must now show."""
        if not outcome.ok:
            self.problem("import", None, "import", f"exit {outcome.exit_code}: {outcome.output.strip()[-300:]}")
            return
        recorded = time.monotonic()
        if not await self._published(await asyncio.to_thread(recorded_through, self.opts.db)):
            self.problem("import", None, "publish", f"recorded, but not published within {PUBLISH_TIMEOUT_S:.0f} s "
                                                    "(is the publisher beside the server running?)")
            return
        done = time.monotonic()
        outcome.published_s = done - recorded
        any_demo, outcome.real_after = await asyncio.to_thread(real_values, self.opts.db)
        if not any_demo:
            outcome.note = "the database has no demo values, so no banner counts imported values: visibility not checked"
        else:
            outcome.text = banner_text(outcome.real_after)
            if outcome.real_after == outcome.real_before:
                outcome.note = "the import did not change the count of imported values: visibility cannot be told apart"
        self.expect = outcome.text
        self.import_done = done

    async def _published(self, through: int) -> bool:
        """Wait until the published snapshot holds change `through` (the event), at most PUBLISH_TIMEOUT_S."""
        deadline = time.monotonic() + PUBLISH_TIMEOUT_S
        while await asyncio.to_thread(published_through, self.opts.db) < through:
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(PUBLISH_POLL_S)
        return True

    # -- one protocol session (tools.loadtest.protocol: no browser, the same requests) -------------

    async def protocol_session(self, idx: int, stagger: float) -> None:
        from tools.loadtest.protocol import ProtocolError, ProtocolSession

        await asyncio.sleep(idx * stagger)
        self.report.seen_after.setdefault(idx, None)
        rng = random.Random(self.opts.seed * 1000 + idx)
        client = ProtocolSession(self.url, timeout=HANG_S)
        opened, shown_path, broken = False, "", 0
        current = {"province": "", "group": ""}
        try:
            while self.keep_going(idx) and broken < 3:
                where = ""
                try:
                    if opened:
                        path, key, named = rng.choice([p for p in PAGES if p[0] != shown_path])
                        where = f"{path.split('?')[0]} [sidebar]"
                        started = time.monotonic()
                        run = await client.switch(path.split("?")[0])
                        ok = self._check_run(idx, where, run, key, named)
                        if ok:
                            self.report.page_switches.append((path.split("?")[0], run.ms))
                    else:
                        path, key, named = rng.choice(PAGES)
                        province, _ = rng.choice(self.plan.provinces)
                        base, _, query = path.partition("?")
                        query = f"{query}&province={province}" if query else f"province={province}"
                        where = f"{base}?{query}"
                        current = {"province": province, "group": ""}
                        started = time.monotonic()
                        run = await client.open(base, query)
                        ok = self._check_run(idx, where, run, key, named)
                        if ok:
                            self.report.page_loads.append((base, run.ms))
                    if ok:
                        self._seen_run(idx, run, started)
                    opened, shown_path = ok, path
                    for _ in range(FILTER_CHANGES_PER_PAGE):
                        if not ok or not self.keep_going(idx):
                            break
                        await asyncio.sleep(rng.uniform(0.5 * self.opts.think, 1.5 * self.opts.think))
                        kinds = filter_kinds(shown_path, len(self.plan.provinces) > 1)
                        if not kinds:
                            break
                        kind = rng.choice(kinds)
                        choices = self.plan.groups if kind == "group" else self.plan.provinces
                        code, name = rng.choice([c for c in choices if c[0] != current[kind]])
                        where = f"{shown_path.split('?')[0]} [{kind} -> {code}]"
                        started = time.monotonic()
                        run = await client.choose(t(f"filter.{kind}", LANG), name)
                        ok = self._check_run(idx, where, run, key, named)
                        missing = kept_missing({**current, kind: code}, run.query_string)
                        if ok and missing:  # the choice made, and the earlier ones kept (a province once jumped to 01)
                            self.problem("filter", idx, where, f"the address is {run.query_string!r} after choosing {code}: "
                                                               f"{', '.join(missing)} missing")
                            ok = False
                        if ok:
                            self.report.filter_changes.append((kind, run.ms, shown_path.split('?')[0]))
                            current[kind] = code
                            self._seen_run(idx, run, started)
                    broken = 0
                except TimeoutError:
                    self.problem("hang", idx, where, f"the run did not finish in {HANG_S:.0f} s")
                    ok = False
                except (ProtocolError, OSError, Exception) as exc:  # the connection went away, or the page changed
                    kind = "filter" if isinstance(exc, ProtocolError) else "connection"
                    self.problem(kind, idx, where, f"{type(exc).__name__}: {str(exc)[:200]}")
                    broken += 1
                    ok = False
                if not ok:
                    opened = False
                await asyncio.sleep(rng.uniform(0.5 * self.opts.think, 1.5 * self.opts.think))
        finally:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(client.close(), 5)

    def _check_run(self, idx: int, where: str, run, key: str, named: str | None) -> bool:
        """Count what went wrong in a run read over the protocol; True if the page rendered properly."""
        failed = t("app.failed", LANG)
        if run.exceptions or any(failed in a for a in run.alerts):
            self.problem("exception", idx, where, (run.exceptions or [failed])[0])
            return False
        if not run.finished:
            self.problem("exception", idx, where, f"the run ended with status {run.status}")
            return False
        expected = heading_start(key, named)
        if not any(h.startswith(expected) for h in run.headings):
            self.problem("heading", idx, where, f"headings {run.headings!r}, expected {expected!r}…")
            return False
        return True

    def _seen_run(self, idx: int, run, started: float) -> None:
        """After the import: does this run (begun after it finished) show the new count?"""
        if self.expect is None or self.import_done is None or started < self.import_done:
            return
        if any(self.expect in a.replace("**", "") for a in run.alerts):
            if self.report.seen_after.get(idx) is None:
                self.report.seen_after[idx] = time.monotonic() - self.import_done
        else:
            self.report.stale_runs += 1
            if self.report.seen_after.get(idx) is not None:
                self.problem("stale", idx, "", "the imported count disappeared again after it was shown")


async def _drive(opts: Options, url: str, plan: Plan, report: Report) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browsers = opts.sessions if opts.browsers is None else opts.browsers
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS) if browsers else None
        exclude = {report.server_pid} if report.server_pid else set()
        cpu_before = tree_cpu_seconds(os.getpid(), exclude)
        try:
            run = Run(opts, url, plan, report)
            stagger = STAGGER_S
            importer = asyncio.create_task(run.import_task()) if opts.import_file is not None else None
            if importer is not None and opts.import_through == "page":  # sign in before the clock starts
                ready = asyncio.create_task(run.import_ready.wait())
                await asyncio.wait([importer, ready], timeout=IMPORT_TIMEOUT_S, return_when=asyncio.FIRST_COMPLETED)
                ready.cancel()
            run.start_clock()
            health = asyncio.create_task(run.health_loop())
            sessions = [
                asyncio.create_task(run.session(browser, i + 1, stagger) if i < browsers else run.protocol_session(i + 1, stagger))
                for i in range(opts.sessions)
            ]
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
                if browser is not None:
                    await asyncio.wait_for(browser.close(), 20)
            except TimeoutError:
                report.hangs.append(Problem("hang", None, "browser", "chromium did not close in 20 s"))
