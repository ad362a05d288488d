"""Waiting on the dashboard in a browser for events, never for time: the one "the app has finished running"
helper of the browser tests.

Streamlit marks its root element (data-testid=stApp) with the script's state (data-test-script-state:
running, notRunning, ...) and the elements of an earlier run still on the page with data-stale=true, which is
what Streamlit's own end-to-end suite waits on. `finished(page)` waits for a run to be over with nothing
stale left. React may batch "running" and "notRunning" into one render, so a quick rerun need not show in the
attribute; the server's messages always do: `rerun(page)` around an action (a click, a choice) counts the runs
the server says finished (script_finished, read from the WebSocket by the load test's observer, which the
`browser` fixture puts in every context) and waits for one more, so a check after the action cannot pass on
the page of the run before it. A run stopped early by st.rerun() does not count: its rerun does."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tools.loadtest.browser import OBSERVER_JS

FINISHED_JS = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector("[data-stale='true']"); }"""

# the runs the server has said finished (0: completed, 1: a compile error) since the page was loaded
RUNS_JS = """() => {
    if (!window.__lt) throw new Error('no run observer on this page: make its context with the browser fixture');
    return window.__lt.ws.filter(([kind, value]) => kind === 'finished' && value <= 1).length; }"""

# a run finished after `n`, and the page is quiet
AFTER_JS = """(n) => (""" + RUNS_JS + """)() > n && (""" + FINISHED_JS + """)()"""

RUN_TIMEOUT = 60_000  # ms: the suite's one budget for a run of the app to be over, on a loaded machine too


class Watched:
    """A Playwright browser whose every new context (and page) carries the run observer (an init script) and
    waits for an element at most the suite's one budget (RUN_TIMEOUT)."""

    def __init__(self, browser) -> None:
        self._browser = browser

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.add_init_script(OBSERVER_JS)
        context.set_default_timeout(RUN_TIMEOUT)  # a click's or a fill's wait for its element: the same one budget
        return context

    def new_page(self, **options):
        return self.new_context(**options).new_page()

    def __getattr__(self, name: str):
        return getattr(self._browser, name)


def finished(page, timeout: float = RUN_TIMEOUT) -> None:
    """Wait until the app's script run is over and no element of an earlier run is left on the page."""
    page.wait_for_function(FINISHED_JS, timeout=timeout)


def loaded(page, timeout: float = RUN_TIMEOUT) -> None:
    """Wait until the first complete run since the page was (re)loaded is over and nothing is stale: a run
    stopped early (to switch page, or by st.rerun()) does not count, its rerun does."""
    page.wait_for_function(AFTER_JS, arg=0, timeout=timeout)


@contextmanager
def rerun(page, timeout: float = RUN_TIMEOUT) -> Iterator[None]:
    """`with rerun(page): <action>`: wait until the run the action started is over (and nothing stale is left)."""
    finished(page, timeout)
    before = page.evaluate(RUNS_JS)
    yield
    page.wait_for_function(AFTER_JS, arg=before, timeout=timeout)
