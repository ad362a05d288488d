"""A local OpenID Connect provider for the tests and the load test: `oidc-provider-mock` (PyPI) on
127.0.0.1 in a thread, and the [auth] secrets that point the dashboard at it.

The provider accepts any client id and secret; its sign-in form asks for a subject only and vouches for
it as the e-mail address, without saying it is verified (no `email_verified`): the dashboard accepts such a
sign-in for reading only (kpi.accounts.identity). `vouch` registers an address as verified first, as a
province's provider does for its staff. A province's real provider (Keycloak, Azure AD, Google…) is configured the same
way, under [auth] in .streamlit/secrets.toml (README)."""

from __future__ import annotations

import json
import secrets
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CLIENT_ID = "kpi-dashboard"


@contextmanager
def provider() -> Iterator[str]:
    """Serve the mock provider on a free loopback port while the block runs; yields its base address."""
    import oidc_provider_mock
    import werkzeug.serving

    server = werkzeug.serving.make_server("127.0.0.1", 0, oidc_provider_mock.app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True,
                              name="oidc-provider-mock")
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()


def vouch(issuer: str, email: str, **claims: object) -> None:
    """Have the provider issue EMAIL's tokens with `email_verified: true` (and any other claims given)."""
    body = json.dumps({"email": email, "email_verified": True, **claims}).encode("utf-8")
    request = urllib.request.Request(f"{issuer}/users/{urllib.parse.quote(email, safe='')}", data=body, method="PUT",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=10):
        pass


def write_secrets(path: Path, issuer: str) -> Path:
    """A secrets file with [auth] for this provider; fresh random secrets, never kept in the repository.
    Streamlit fills {port} in with the port the dashboard listens on."""
    path.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        f'client_id = "{CLIENT_ID}"\n'
        f'client_secret = "{secrets.token_urlsafe(16)}"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    return path


@contextmanager
def account(db: Path, email: str, role: str = "admin") -> Iterator[str]:
    """An account that exists while the block runs (added and removed through kpi.services.accounts, both
    audited in the store of record)."""
    from kpi.accounts import Actor
    from kpi.services import accounts

    admin = Actor.server_admin()
    accounts.add_user(db, admin, email, role)
    try:
        yield email
    finally:
        accounts.remove_user(db, admin, email)
