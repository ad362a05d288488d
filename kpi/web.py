"""The dashboard's web server: Streamlit's own (st.App, a Starlette ASGI app) with one route of ours,
`/evidence/<report_id>/<sha256>`, the only way an evidence file leaves the server.

Streamlit's st.download_button puts a file in its media store at /media/<id>.bin, which answers anyone
who has the address, signed in or not, for as long as the session lives. Evidence is therefore served
here, checked at the request: the session cookie decoded and verified exactly as Streamlit does for
st.user (signed `_streamlit_user`, its chunks, the origin it was issued for), the same identity rule as the
pages (kpi.accounts.identity: verified, normalised, not signed out), the account and its scope read from
the store of record now, and the report's commune (the store's: a report is downloadable as soon as it is
recorded) within that scope (Actor.covers: the rule of Nhiệm vụ's downloads). Then the file, as an attachment under its base name only. Anything else is a short
plain 401, 403 or 404, never a traceback.

kpi/serve.py runs app.py through `app()`. The only module of kpi/ that knows Streamlit's server."""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from kpi import config, db, records
from kpi.accounts import users
from kpi.accounts.identity import judge
from kpi.i18n import DEFAULT_LANG, LANGS, Msg, msg
from kpi.workflow import evidence

ROUTE = "/evidence/{report:int}/{sha256}"
VALUE_ROUTE = "/evidence/value/{report:int}/{sha256}"  # an imported value's evidence: report = its import batch
_SHA256 = re.compile(r"[0-9a-f]{64}")
log = logging.getLogger("kpi.web")


def evidence_url(report_id: int, sha256: str, *, value: bool = False) -> str:
    """The address the pages link an evidence file to (relative to the server's root): a task report's, or with
    value=True an imported value's (report_id: its import batch)."""
    return f"/evidence/{'value/' if value else ''}{int(report_id)}/{sha256}"


def provider_verifies_email() -> bool:
    """The operator's word that the identity provider issues only verified addresses: `provider_verifies_email
    = true` under [kpi] in .streamlit/secrets.toml (README "Accounts and roles"). Off unless said."""
    import streamlit as st

    try:
        section = st.secrets.get("kpi") or {}
        return section.get("provider_verifies_email") is True
    except Exception:  # no secrets file, or an unreadable one: says nothing
        return False


def session_claims(cookies: dict[str, str]) -> dict[str, object] | None:
    """The signed-in user's claims from the request's cookies, decoded and verified as Streamlit's websocket
    does for st.user (starlette_websocket: signed value, chunks, origin of the configured redirect_uri);
    None without a valid cookie."""
    from streamlit.auth_util import get_cookie_with_chunks, get_origin_from_redirect_uri
    from streamlit.web.server.server_util import get_cookie_secret
    from streamlit.web.server.starlette.starlette_app_utils import decode_signed_value
    from streamlit.web.server.starlette.starlette_server_config import USER_COOKIE_NAME

    secret = get_cookie_secret()

    def single(name: str) -> bytes | None:
        raw = cookies.get(name)
        return None if raw is None else decode_signed_value(secret, name, raw.encode("latin-1"))

    try:
        decoded = get_cookie_with_chunks(single, USER_COOKIE_NAME)
        payload = json.loads(decoded) if decoded else None
    except (ValueError, UnicodeError):
        return None
    if not isinstance(payload, dict) or not payload.get("is_logged_in"):
        return None
    origin = get_origin_from_redirect_uri()
    if origin is None or payload.get("origin") != origin:
        return None
    return payload


def safe_name(name: str) -> str:
    """A reported file name as a download's name: its base name only (no folder, either separator), without
    control or format characters; "minh-chung" if nothing is left."""
    base = PureWindowsPath(PurePosixPath(str(name)).name).name
    kept = "".join(c for c in base if unicodedata.category(c)[0] not in ("C", "Z") or c == " ").strip(" .")
    return kept or "minh-chung"


def content_disposition(name: str) -> str:
    """attachment with an ASCII fallback name and the RFC 5987 UTF-8 one (filename*)."""
    safe = safe_name(name)
    fallback = "".join(c if c.isascii() and c not in '"\\;' else "_" for c in safe)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(safe, safe='')}"


def _lang(request: Request) -> str:
    """The reader's language: ?lang= as on the pages, else the browser's first choice (Accept-Language), else vi."""
    asked = request.query_params.get("lang") or request.headers.get("accept-language", "")[:2].lower()
    return asked if asked in LANGS else DEFAULT_LANG


def _plain(request: Request, status: int, said: Msg) -> Response:
    return PlainTextResponse(said.text(_lang(request)) + "\n", status_code=status,
                             headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"})


def evidence_download(request: Request) -> Response:
    """GET /evidence/<report_id>/<sha256>: the file to a signed-in account whose scope covers the report's commune."""
    try:
        return _evidence(request)
    except Exception:  # logged for us; the person gets a plain sentence
        log.exception("evidence download failed: %s", request.url.path)
        return _plain(request, 500, msg("download.failed"))


def _evidence(request: Request) -> Response:
    report, sha256 = request.path_params["report"], request.path_params["sha256"]
    claims = session_claims(dict(request.cookies))
    if claims is None:
        return _plain(request, 401, msg("download.sign_in"))
    path = config.default_db()
    who = judge(claims, path, provider_verifies=provider_verifies_email())
    if not who.accepted:
        return _plain(request, 403, who.refused or msg("download.sign_in"))
    if not _SHA256.fullmatch(sha256):
        return _plain(request, 404, msg("download.none"))
    actor = users.actor_of(path, who.email)  # the store of record: a role changed or removed applies at once
    statement = "value_evidence_download" if request.url.path.startswith("/evidence/value/") else "evidence_download"
    with records.read_only(path) as rec:
        found = records.run(rec, statement, report=report, sha256=sha256)
    if actor is None:
        return _plain(request, 403, msg("download.no_right"))
    if not found.height:
        return _plain(request, 404, msg("download.none"))
    row = found.row(0, named=True)
    if not actor.covers(row["commune_code"], _province(path, row["commune_code"])):
        return _plain(request, 403, msg("access.outside_scope", code=row["commune_code"]))
    file = evidence.path_of(evidence.store_dir(path), sha256)
    if not Path(file).is_file():
        return _plain(request, 404, msg("download.missing"))
    return FileResponse(file, media_type="application/octet-stream", headers={
        "Content-Disposition": content_disposition(row["file_name"]), "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store"})


def _province(path: Path, commune: str) -> str | None:
    """The commune's province in the published snapshot (a province reviewer's scope)."""
    con = db.connect(path)
    try:
        found = db.run(con, "commune_province", commune=commune)["province_code"]
    finally:
        con.close()
    return found[0] if found.len() else None


def routes() -> list[Route]:
    return [Route(ROUTE, evidence_download, methods=["GET"]), Route(VALUE_ROUTE, evidence_download, methods=["GET"])]


def app(script: Path = config.ROOT / "app.py"):
    """The dashboard as an ASGI app: app.py under Streamlit, with the evidence route."""
    import streamlit as st

    return st.App(script, routes=routes())
