"""Shared fixtures: one real database built from data/ per test session."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from kpi import config
from kpi.build import DemoSettings, Sources, build
from tests.pg import pg_server, records_engine  # noqa: F401 - fixtures: the PostgreSQL store of record

# Tests build as of a fixed day, so "the last closed quarter" (2026-Q3) does not move under them.
TODAY = date(2026, 11, 22)
# The servers the tests start run as of that day too (kpi.config.today reads $KPI_TODAY), never the machine's clock.
TEST_DAY = {"KPI_TODAY": TODAY.isoformat()}


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Sources]:
    path = tmp_path_factory.mktemp("db") / "kpi.duckdb"
    src = build(path, demo=DemoSettings("provinces", 57, TODAY))
    return path, src


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small database (demo values for the five seed communes only): tests that write copy it first."""
    path = tmp_path_factory.mktemp("seeds") / "kpi.duckdb"
    build(path, demo=DemoSettings("seeds", 57, TODAY))
    return path


@pytest.fixture(scope="session")
def db_path(built: tuple[Path, Sources]) -> Path:
    return built[0]


@pytest.fixture(scope="session")
def sources(built: tuple[Path, Sources]) -> Sources:
    return built[1]


@pytest.fixture()
def con(db_path: Path):
    from kpi.db import connect

    connection = connect(db_path)
    yield connection
    connection.close()


@pytest.fixture()
def app_db(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the Streamlit app at the session database."""
    monkeypatch.setenv("KPI_DB", str(db_path))
    return db_path


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (without any database) for tests that break a source file."""
    target = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, target, ignore=shutil.ignore_patterns("*.duckdb*", ".*"))
    return target


@pytest.fixture(scope="module")
def browser():
    """Debian's headless chromium, driven by Playwright (never a downloaded browser); every context it opens
    watches the app's runs (tests/app_runs.py)."""
    from playwright.sync_api import sync_playwright

    from tests.app_runs import Watched
    from tools.loadtest.browser import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian chromium not found at {CHROMIUM}: run `make test`, which installs it")
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield Watched(instance)
        instance.close()


# polars entry points that run a Python function: never on the page path (they deadlocked the server)
CALLBACKS = ("map_elements", "map_batches", "map_rows", "map_groups", "apply", "rolling_map")


@pytest.fixture()
def no_callbacks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every polars entry point that runs a Python function fail loudly (and remember the call)."""
    calls: list[str] = []

    def refuse(name: str):
        def refused(*args, **kwargs):
            calls.append(name)
            raise AssertionError(f"Python callback in polars on the page path: {name}")
        return refused

    import polars as pl
    from polars.dataframe.group_by import GroupBy

    for owner in (pl.Expr, pl.Series, pl.DataFrame, pl.LazyFrame, GroupBy):
        for name in CALLBACKS:
            if hasattr(owner, name):
                monkeypatch.setattr(owner, name, refuse(f"{owner.__name__}.{name}"))
    return calls


@pytest.hookimpl(tryfirst=True)  # before -m deselects anything: an unmarked test is caught whatever is asked
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test that drives chromium through the `browser` fixture is marked `browser`, so that `-m browser`
    runs all of them and `-m "not browser"` none (the tests that launch it otherwise are marked by hand)."""
    unmarked = [item.nodeid for item in items
                if "browser" in getattr(item, "fixturenames", ()) and item.get_closest_marker("browser") is None]
    if unmarked:
        raise pytest.UsageError(f"tests using chromium without the browser mark: {', '.join(unmarked)}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """A browser test that fails leaves every page it still has open as it was, with the app's run state in the
    name: test-artifacts/failed/<test>-<n>-<state>.png (what the test saw, to find the cause)."""
    outcome = yield
    report = outcome.get_result()
    watched = getattr(item, "funcargs", {}).get("browser")
    if not (report.failed and report.when == "call" and watched is not None and hasattr(watched, "contexts")):
        return
    folder = config.ROOT / "test-artifacts" / "failed"
    folder.mkdir(parents=True, exist_ok=True)
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in item.name)[:120]
    pages = [page for context in watched.contexts for page in context.pages]
    for n, page in enumerate(pages):
        try:
            state = page.evaluate("() => { const a = document.querySelector('[data-testid=stApp]');"
                                  " return a ? a.getAttribute('data-test-script-state') : 'no-app'; }")
            page.screenshot(path=str(folder / f"{name}-{n}-{state}.png"), full_page=True, timeout=10_000)
        except Exception as exc:  # a page gone with the failure: say so, keep the others
            (folder / f"{name}-{n}.txt").write_text(f"{page.url}: {exc}")


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
    # Tests never touch the working database data/kpi.duckdb: anything that falls back to the
    # default database gets a throwaway one.
    import tempfile

    os.environ["KPI_DB"] = str(Path(tempfile.mkdtemp(prefix="kpi-test-")) / "kpi.duckdb")
    os.environ.pop("KPI_RECORDS_URL", None)  # nor the working store of record: SQLite unless a test chooses (tests/pg.py)


@pytest.fixture(autouse=True)
def _messages_in_vietnamese():
    """Every test starts with messages worded in Vietnamese (kpi.i18n's default), whatever an English page run in
    this thread before it chose (app.py sets the language of each run it makes)."""
    from kpi import i18n

    i18n.use(i18n.DEFAULT_LANG)
    yield
    i18n.use(i18n.DEFAULT_LANG)
