"""The dashboard signed in through a real OpenID Connect provider, for the browser tests: a private copy of
the test database with the given accounts, `oidc-provider-mock` on the loopback (tools.loadtest.idp), the
dashboard configured for it under [auth] exactly as a province would configure its own provider, and
Debian's chromium going through the provider's sign-in form and back."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kpi.accounts import Actor
from kpi.services.accounts import add_user
from kpi.store import publisher
from tests.app_runs import RUN_TIMEOUT, finished, loaded
from tests.conftest import TEST_DAY
from tools.loadtest import idp
from tools.loadtest.server import _start_server, _stop_server, _wait_healthy


@contextmanager
def serve(db_path: Path, tmp: Path, accounts: dict[str, dict], artifacts: Path,
          env: dict[str, str] | None = None) -> Iterator[tuple[str, str, Path]]:
    """(dashboard address, provider address, database): the server's log in artifacts/server.log; env is
    set for the server process (it inherits os.environ) while it runs, over the tests' day (TEST_DAY). The
    provider vouches for the accounts' addresses as verified; any other address signs in unverified."""
    db = tmp / "kpi.duckdb"
    shutil.copy(db_path, db)
    for email, scope in accounts.items():
        add_user(db, Actor.server_admin(), email, **scope)
    publisher.publish_if_pending(db)  # the accounts in the snapshot the server starts on
    artifacts.mkdir(parents=True, exist_ok=True)
    with pytest.MonkeyPatch.context() as mp, idp.provider() as issuer:
        for key, value in {**TEST_DAY, **(env or {})}.items():
            mp.setenv(key, value)
        for email in accounts:
            idp.vouch(issuer, email)
        secrets = idp.write_secrets(tmp / "secrets.toml", issuer)
        proc, url, log = _start_server(db, artifacts / "server.log", secrets)
        try:
            if not _wait_healthy(url, proc, 60):
                pytest.fail(f"the dashboard did not start: {(artifacts / 'server.log').read_text(errors='replace')[-2000:]}")
            yield url, issuer, db
        finally:
            _stop_server(proc)
            log.close()


def sign_in(context, url: str, issuer: str, email: str, province: str):
    """A page of this browser context signed in as email through the provider's own sign-in form."""
    page = context.new_page()
    page.goto(f"{url}/?province={province}")
    loaded(page)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{issuer}/**", timeout=RUN_TIMEOUT)  # the identity provider's page, not ours
    page.locator("input[name=sub]").fill(email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{url}/**", timeout=RUN_TIMEOUT)
    page.get_by_text(f"Đã đăng nhập: {email}").wait_for(timeout=RUN_TIMEOUT)
    finished(page)  # the signed-in run over: what the test does next acts on this run's page
    return page
