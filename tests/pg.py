"""A throwaway PostgreSQL server for the tests: Debian's binaries (`make postgresql`), initdb and pg_ctl in a
temporary directory, trust authentication over TCP on 127.0.0.1 and a free port, run by an unprivileged user
(CI runs as root, and PostgreSQL refuses to run as root). Started once per session when a test asks for it,
stopped and removed after.

`records_engine` chooses the store of record for one test: "sqlite" (the default, the file beside the
database) or "postgresql" (a fresh database on that server, named by KPI_RECORDS_URL for the test and the
processes it starts). Run a test on both with `@both_engines`."""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kpi.records.store import POSTGRESQL, SQLITE, URL_SETTING

both_engines = pytest.mark.parametrize("records_engine", [SQLITE, POSTGRESQL], indirect=True)


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    bindir: Path
    home: Path  # the cluster's directory (data/, the log, the socket), owned by `user`
    port: int
    user: str | None  # run as this user (the tests run as root), else as ourselves

    def _as_user(self, *argv: str) -> list[str]:
        return ["runuser", "-u", self.user, "--", *argv] if self.user else list(argv)

    def ctl(self, action: str) -> None:
        """pg_ctl start|stop, waiting until done (stop: fast, the sessions cut as a crash or a restart would)."""
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.home} -c fsync=off -c full_page_writes=off "
                   "-c max_connections=200")
        argv = [str(self.bindir / "pg_ctl"), "-D", str(self.home / "data"), "-l", str(self.home / "server.log"), "-w",
                "-t", "60"]
        argv += ["-o", options, "start"] if action == "start" else ["-m", "fast", "stop"]
        subprocess.run(self._as_user(*argv), check=True, capture_output=True, timeout=90)

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://kpi@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    bindir = _bindir()
    if bindir is None:
        pytest.fail("PostgreSQL's server binaries are missing: `make postgresql` installs Debian's package")
    user = None
    if os.geteuid() == 0:
        user = next(u for u in ("postgres", "nobody") if _has_user(u))
    home = Path(tempfile.mkdtemp(prefix="kpi-pg-"))
    if user:
        entry = pwd.getpwnam(user)
        os.chown(home, entry.pw_uid, entry.pw_gid)
    server = Server(bindir, home, _free_port(), user)
    subprocess.run(server._as_user(str(bindir / "initdb"), "-D", str(home / "data"), "-U", "kpi", "--auth=trust",
                                   "-E", "UTF8", "--locale=C", "--no-sync"), check=True, capture_output=True, timeout=120)
    server.ctl("start")
    try:
        yield server
    finally:
        try:
            server.ctl("stop")
        finally:
            shutil.rmtree(home, ignore_errors=True)


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


_numbers = itertools.count(1)


@pytest.fixture()
def records_engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The store of record of this test: SQLite unless the test is parametrised with "postgresql"."""
    chosen = getattr(request, "param", SQLITE)
    if chosen == POSTGRESQL:
        server = request.getfixturevalue("pg_server")
        monkeypatch.setenv(URL_SETTING, server.create_database(f"kpi_test_{os.getpid()}_{next(_numbers)}"))
    else:
        monkeypatch.delenv(URL_SETTING, raising=False)
    return chosen
