"""What the sessions do, and with what patience: the pages, the filters, the time limits, the options."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from kpi.i18n import fmt_number, t

HANG_S = 30.0  # any single wait longer than this is a hang
HEADING_GRACE_MS = 5_000  # after the script finished, how long the heading may take to show
SEEN_WAIT_MS = 2_000  # after a run finished, how long the page may take to show the imported count
POLL_MS = 100  # how often the page is polled while waiting (finishing times come from the observer log)
HEALTH_EVERY_S = 1.0
HEALTH_TIMEOUT_S = 10.0  # a health check unanswered this long is a failure: the server is not serving
HEALTH_SLOW_MS = 2_000.0  # answered, but slowly: counted and shown, not a failure (a busy 2-core machine)
SERVER_START_S = 90.0
SERVER_STOP_S = 10.0
IMPORT_TIMEOUT_S = 120.0
PUBLISH_TIMEOUT_S = 90.0  # after an import, how long the publisher beside the server may take to publish it
PUBLISH_POLL_S = 0.25  # how often the published snapshot is looked at meanwhile
SEE_IMPORT_GRACE_S = 30.0  # after an import, sessions that have not seen it yet go on at most this long
EXTRA_MAX_S = 30.0  # ... but never longer than this past the planned end
DRAIN_S = HANG_S + 20.0  # bounded wait for the sessions to finish their last step
FILTER_CHANGES_PER_PAGE = 2
STAGGER_S = 0.5  # sessions join half a second apart, as people opening a shared link in a meeting
THINK_S = 0.5  # the mean pause between steps (uniform between half and one and a half of it)
SEED_PROVINCES = ("31", "51", "52", "19", "75")
LANG = "vi"

# (path, heading key, the field the heading names): the heading must start with the key's text.
PAGES: tuple[tuple[str, str, str | None], ...] = (
    ("/", "overview.title", "province"),
    ("/xep-hang", "ranking.title", None),
    ("/lo-trinh?indicator=online_dossier_processing_share", "trajectory.title", None),
    ("/ban-do", "map.title", "scope"),
    ("/ho-so-xa", "profile.title", "commune"),
    ("/nhiem-vu", "tasks.title", None),
)
# The sidebar link of each page (the page's title in the navigation), for switching pages in the app
# as a person does, without reloading the frontend.
NAV = {"/": "nav.overview", "/xep-hang": "nav.ranking", "/lo-trinh": "nav.trajectory", "/ban-do": "nav.map",
       "/ho-so-xa": "nav.profile",
       "/nhiem-vu": "nav.tasks"}
# The sidebar filters a session changes on each page: those the page shows (pages._filters.PAGE_FILTERS;
# Nhiệm vụ has no indicator group). tests/test_loadtest.py holds the two together.
FILTER_KINDS = {"/nhiem-vu": ("province",)}


def filter_kinds(path: str, several_provinces: bool) -> tuple[str, ...]:
    """The filters (group, province) a session may change on the page at PATH."""
    kinds = FILTER_KINDS.get(path.split("?")[0], ("group", "province"))
    return kinds if several_provinces else tuple(k for k in kinds if k != "province")


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


def kept_missing(chosen: dict[str, str], query: str) -> list[str]:
    """The filters chosen so far ({"province": "31", "group": ""}: empty ones not chosen) that the address
    (a query string) does not hold, as "name=value"."""
    held = query.lstrip("?").split("&")
    return [f"{k}={v}" for k, v in chosen.items() if v and f"{k}={v}" not in held]


def heading_start(key: str, named: str | None) -> str:
    """The start of a page's heading: the key's text without the name it names ("Tổng quan: ")."""
    return t(key, LANG, **({named: ""} if named else {})).strip()


def banner_text(real: int, lang: str = LANG) -> str:
    """The plain text the demo banner shows for `real` imported values, from the colon after its
    bold lead-in up to the first semicolon, e.g. ': 5 giá trị là số liệu báo cáo đã nhập' (the
    leading ': ' keeps '1 giá trị' from matching '11 giá trị')."""
    template = t("demo.banner_mixed", lang, real="\x00").replace("**", "")
    before, after = template.split("\x00", 1)
    lead = before[before.rfind(":"):] if ":" in before else ""
    return lead + fmt_number(real, lang, 0) + after.split(";", 1)[0]




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


def recorded_through(db: Path) -> int:
    """The last change recorded in the store of record beside `db` (0: none): what a publication must hold."""
    from kpi.store import publisher

    return publisher.pending(db).through


def published_through(db: Path) -> int:
    """The last change of the store of record the published snapshot holds (0: none)."""
    from kpi.store import publisher

    return publisher.published_through(db)


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
    browsers: int | None = None  # how many of the sessions drive Chromium (None: all); the rest speak the protocol
    import_through: str = "cli"  # "cli": python -m kpi import; "page": the import page in a browser, signed in
    issuer: str | None = None  # the local OpenID Connect provider of the server we start (for an import through the page)
    more_imports: int = 0  # other `python -m kpi import` processes started with the import (10 values, a commune each)
