"""Browser sessions: Playwright driving Debian's chromium, timed in the page."""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
import shutil
import time
from urllib.parse import urlsplit

from kpi.i18n import t
from tools.loadtest.plan import (
    FILTER_CHANGES_PER_PAGE,
    HANG_S,
    HEADING_GRACE_MS,
    IMPORT_TIMEOUT_S,
    LANG,
    NAV,
    PAGES,
    POLL_MS,
    SEEN_WAIT_MS,
    filter_kinds,
    heading_start,
    kept_missing,
)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
IMPORTER = "loadtest@kpi.invalid"  # the account an import through the page signs in as (added and removed by the run)
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


# Logs, with performance.now(): the app root's script state and whether the connection was lost,
# and from the WebSocket the server's messages that a script run started (ForwardMsg field 4,
# new_session) or finished (field 6, script_finished: 0 success, 1 compile error, 2 stopped early
# for a rerun, 3 a fragment's run). React may batch "running" and "notRunning" into one render, so
# a quick rerun need not show in the attribute; the server's messages always show it.
OBSERVER_JS = """
(() => {
  if (window.__lt) return;
  const lt = window.__lt = {log: [], ws: [], drawn: [], lost: 0, connected: false, click: 0, unloading: false, pending: null};
  // when the browser has drawn what a finished run sent: the second animation frame after it (charts included)
  const frame = () => requestAnimationFrame(() => requestAnimationFrame(() => lt.drawn.push(performance.now())));
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      const value = r.target.getAttribute(r.attributeName);
      if (r.attributeName === 'data-test-script-state') { lt.log.push([value, now]); if (value === 'notRunning') frame(); }
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
      if (wire === 0) { const v = varint(); if (field === 6) { lt.ws.push(['finished', v, now]); frame(); } }
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
  // the frame after the page shows the run as finished (the attribute, else the server's message); null: not yet
  const drawn = lt.drawn.find((x) => x >= (settled ?? done)) ?? null;
  const h1 = [...document.querySelectorAll('[data-testid="stMain"] h1')]
    .find((e) => e.getClientRects().length && e.innerText.trim());
  const found = problem();
  if (h1) {
    if (drawn === null && now - done < grace) return false;
    const t = lt.pending === null ? done : now;  // the heading came after the script finished
    lt.pending = null;
    return {t, started, drawn, heading: h1.innerText.trim(), ...found};
  }
  if (lt.pending === null) lt.pending = now;
  if (found.exceptions || found.dialog || now - done > grace) return {t: now, started, heading: null, ...found};
  return false;
}
"""


def is_probe(path: str) -> bool:
    """Whether a request is the frontend looking for the server under a deep link's path (it asks
    /PAGE/_stcore/health and /PAGE/_stcore/host-config before the root's): a 404 there is expected."""
    return re.fullmatch(r"/[^?]+/_stcore/(health|host-config)(\?.*)?", path) is not None



class BrowserSessions:
    """The browser side of a load test run (mixed into tools.loadtest.run.Run)."""

    async def _import_through_page(self, outcome) -> tuple[int, str, float]:
        """Sign in through the local provider as IMPORTER and open the import page in a browser of its own;
        at T upload the file, confirm and wait for the page's success message: (0, the message, when the
        upload started) or (1, what the page showed, when)."""
        from playwright.async_api import async_playwright

        opts = self.opts
        started = time.monotonic()
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                page = await browser.new_page(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
                page.set_default_timeout(IMPORT_TIMEOUT_S * 1000)
                await page.goto(f"{self.url}/don-vi-hanh-chinh")
                await page.get_by_role("button", name=t("auth.sign_in", LANG)).click()
                await page.wait_for_url(f"{opts.issuer}/**")
                await page.locator("input[name=sub]").fill(IMPORTER)  # the provider's own sign-in form
                await page.get_by_role("button", name="Authorize").click()
                await page.get_by_text(t("auth.signed_in", LANG, who=IMPORTER)).wait_for()
                await page.goto(f"{self.url}/nhap-bao-cao")
                await page.get_by_role("heading", name=t("import.title", LANG)).wait_for()
                self.import_ready.set()
                await self.until_import_time(outcome)
                started = time.monotonic()
                await page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(opts.import_file))
                await page.get_by_text(t("import.valid", LANG)).wait_for()
                await page.get_by_role("button", name=t("import.confirm", LANG)).click()
                done = page.locator("[data-testid='stAlert']").filter(has_text="Đã nhập lô")
                failed = page.locator("[data-testid='stAlert']").filter(has_text="lỗi")
                await done.or_(failed).first.wait_for()
                if await done.count():
                    return 0, await done.first.inner_text(), started
                return 1, " | ".join(await failed.all_inner_texts())[-500:], started
            except Exception as exc:
                return 1, f"{type(exc).__name__}: {str(exc)[:300]}", started
            finally:
                await browser.close()

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
        opened, shown_path = False, ""  # whether the page shows the app (then switch pages in it), and which
        current = {"province": "", "group": ""}
        broken = 0  # browser failures in a row: after three the session gives up
        try:
            while self.keep_going(idx) and broken < 3:
                try:
                    if page is None:
                        page = await context.new_page()
                        page.on("crash", lambda _p: self.problem("browser", idx, state["where"], "page crashed"))
                    path, key, named = rng.choice(PAGES)
                    if opened:  # a person moves between pages through the sidebar, without reloading
                        others = [p for p in PAGES if p[0] != shown_path]
                        path, key, named = rng.choice(others)
                        target = path.split("?")[0]
                        state["where"] = target
                        ok = await self.switch(page, idx, target, key, named)
                    else:
                        province, _ = rng.choice(self.plan.provinces)
                        target = f"{path}{'&' if '?' in path else '?'}province={province}"
                        state["where"] = target
                        current = {"province": province, "group": ""}
                        ok = await self.load(page, idx, target, key, named)
                    opened, shown_path = ok, path
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
                    opened = False
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
        expected = heading_start(key, named)
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

    async def _act(self, page, idx: int, where: str, action, doing: str, kind: str) -> dict | None:
        """Do `action` (a click that starts a run; it returns the observer's marks from before it) and
        wait for the run it starts to finish: what the page shows then, or None after a problem."""
        try:
            marks = await asyncio.wait_for(action(), HANG_S)
        except Exception as exc:
            if "Timeout" in type(exc).__name__:
                self.problem("hang", idx, where, f"could not {doing} in {HANG_S:.0f} s")
            else:
                self.problem(kind, idx, where, f"{type(exc).__name__}: {str(exc)[:200]}")
            return None
        shown = await self._finished(page, marks)
        if shown is None:
            self.problem("hang", idx, where, f"the run did not finish in {HANG_S:.0f} s ({await self._state(page, marks)})")
        return shown

    async def switch(self, page, idx: int, path: str, key: str, named: str | None) -> bool:
        """Open another page through its sidebar link; timed from the click to the end of the run."""
        started = time.monotonic()
        where = f"{path} [sidebar]"

        async def click() -> list[int]:
            marks = await page.evaluate("() => [window.__lt.log.length, window.__lt.ws.length]")
            await page.locator("[data-testid='stSidebarNav']").get_by_text(t(NAV[path], LANG), exact=True).click()
            return marks

        shown = await self._act(page, idx, where, click, "click the link", "browser")
        if shown is None or not self._check(idx, where, shown, key, named):
            return False
        self.report.page_switches.append((path, float(shown["t"]) - float(shown["click"])))
        await self._seen(page, idx, started)
        return True

    async def change(self, page, idx: int, target: str, key: str, named: str | None, rng: random.Random,
                     current: dict[str, str]) -> bool:
        kinds = filter_kinds(target, len(self.plan.provinces) > 1)
        if not kinds:
            return True
        kind = rng.choice(kinds)
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

        shown = await self._act(page, idx, where, pick, "pick the option", "filter")
        if shown is None or not self._check(idx, where, shown, key, named):
            return False
        end = shown["t"] if shown.get("drawn") is None else max(shown["t"], shown["drawn"])  # until its charts are drawn
        self.report.filter_changes.append((kind, float(end) - float(shown["click"]), target.split("?")[0]))
        current[kind] = code
        try:  # the choice made, and the earlier ones kept (a province once jumped to 01 at another choice)
            await page.wait_for_function(
                "(chosen) => Object.entries(chosen).every(([k, v]) => !v || new URL(location.href).searchParams.get(k) === v)",
                arg=current, polling=POLL_MS, timeout=5_000,
            )
        except Exception:
            missing = kept_missing(current, urlsplit(page.url).query)
            self.problem("filter", idx, where, f"the address is {urlsplit(page.url).query!r} after choosing {code}: "
                                               f"{', '.join(missing)} missing")
            return False
        await self._seen(page, idx, started)
        return True
