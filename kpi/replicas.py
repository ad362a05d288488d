"""`python -m kpi.replicas`: the dashboard as N replicas behind nginx with sticky sessions.

The server keeps no state but the browser session, so it scales by running copies of itself:
N `python -m kpi serve` processes on 127.0.0.1, all reading the same database file, and nginx in
front hashing each browser's route cookie to one replica (deploy/nginx.conf.template says why).
Each replica's `serve` starts a publisher beside it (kpi.cli.build.publishing); the snapshot lease lets one
publish at a time and makes the others wait, so one is at work per deployment and another takes over if it dies.
nginx runs from a config rendered into a runtime folder (default run/replicas-PORT/) that also
holds its pid, logs and temp paths, so it needs no root and stays clear of a system nginx.
A replica that dies is started again (at most RESTARTS times per RESTART_WINDOW seconds each, every restart
logged); its browsers meanwhile move to the others. nginx dying, or a replica dying too often, stops everything.
Ctrl+C, SIGTERM, SIGHUP or the end of this process stops everything. No Streamlit import here.
For production, deploy/ has the systemd units and the compose file that supervise the same commands.
"""

from __future__ import annotations

import argparse
import atexit
import ctypes
import os
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import tomllib
import urllib.request
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from kpi import config
from kpi.i18n import reader, t

TEMPLATE = config.ROOT / "deploy" / "nginx.conf.template"
RUN_ROOT = config.ROOT / "run"
DEFAULT_UPLOAD_MB = 200  # Streamlit's server.maxUploadSize when nothing sets it
REPLICA_HOST = "127.0.0.1"  # replicas are reached through nginx only
RESTARTS, RESTART_WINDOW = 5, 60.0  # a replica dying more often than this is not restarted: everything stops

# Requests to our own processes never go through a proxy from the environment.
_http = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class ReplicaError(RuntimeError):
    """nginx or a replica could not start, or stopped on its own."""


class Interrupted(Exception):
    """SIGINT, SIGTERM or SIGHUP arrived: stop everything."""


def nginx_binary() -> str:
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin") or "/usr/sbin/nginx"


def free_port(address: str = REPLICA_HOST) -> int:
    with socket.socket() as s:
        s.bind((address, 0))
        return s.getsockname()[1]


def _free_ports(count: int, exclude: int) -> list[int]:
    ports: list[int] = []
    while len(ports) < count:
        if (port := free_port()) != exclude and port not in ports:
            ports.append(port)
    return ports


def max_upload_mb(root: Path = config.ROOT) -> int:
    """Streamlit's upload limit as this checkout sets it (env, then .streamlit/config.toml): nginx
    must accept bodies that large."""
    if value := os.environ.get("STREAMLIT_SERVER_MAX_UPLOAD_SIZE"):
        return int(value)
    path = root / ".streamlit" / "config.toml"
    if path.is_file():
        value = tomllib.loads(path.read_text(encoding="utf-8")).get("server", {}).get("maxUploadSize")
        if value:
            return int(value)
    return DEFAULT_UPLOAD_MB


def worker_connections() -> int:
    """As many connections as the open-file limit allows (a session holds two), capped at 8192."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return 8192 if soft == resource.RLIM_INFINITY else max(256, min(8192, soft - 64))


def _address(replica: int | str) -> str:
    """A replica's port on this machine, or HOST:PORT as given (another machine, a compose service)."""
    return replica if isinstance(replica, str) and ":" in replica else f"{REPLICA_HOST}:{replica}"


def render_config(run_dir: Path, listen: str, replica_ports: Sequence[int | str], *, upload_mb: int | None = None,
                  connections: int | None = None, template: Path = TEMPLATE) -> str:
    """deploy/nginx.conf.template with its {{placeholders}} filled in; an unknown one is an error."""
    values = {
        "run_dir": str(run_dir.resolve()),
        "listen": listen,
        "servers": "\n".join(f"        server {_address(port)};" for port in replica_ports),
        "max_upload_mb": str(upload_mb or max_upload_mb()),
        "worker_connections": str(connections or worker_connections()),
    }

    def fill(match: re.Match[str]) -> str:
        if match.group(1) not in values:
            raise KeyError(f"{template}: unknown placeholder {match.group(0)}")
        return values[match.group(1)]

    return re.sub(r"\{\{(\w+)\}\}", fill, template.read_text(encoding="utf-8"))


def _die_with_parent() -> Callable[[], None] | None:
    """A preexec_fn asking Linux to SIGTERM the child when this process dies, even by SIGKILL, so
    no orphaned replica keeps a port. (Linux ties it to the thread that started the child.)"""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def arm() -> None:
        prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the parent died before the line above
            os._exit(1)

    return arm


def _tail(path: Path, chars: int = 2000) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[-chars:]
    except OSError:
        return ""


@dataclass
class Replicas:
    """The running set: nginx's address, the replicas' ports and every child process."""

    url: str
    run_dir: Path
    replica_ports: list[int]
    processes: list[tuple[str, subprocess.Popen[bytes], Path]] = field(default_factory=list)
    _logs: list[IO[bytes]] = field(default_factory=list, repr=False)
    _commands: dict[str, tuple[list[str], dict[str, str]]] = field(default_factory=dict, repr=False)
    _restarts: dict[str, deque[float]] = field(default_factory=dict, repr=False)
    _failed: str | None = None  # why supervision gave up
    _supervisor: threading.Thread | None = field(default=None, repr=False)
    _stopping: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def replica_urls(self) -> list[str]:
        return [f"http://{REPLICA_HOST}:{port}" for port in self.replica_ports]

    def spawn(self, name: str, cmd: Sequence[str], log: Path, env: dict[str, str]) -> None:
        handle = log.open("ab")  # a file, not a pipe: a full pipe would block the child
        self._logs.append(handle)
        proc = subprocess.Popen(
            list(cmd), cwd=config.ROOT, env=env, stdin=subprocess.DEVNULL, stdout=handle, stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl+C reaches this process only; it stops the children in order
            preexec_fn=_die_with_parent(),
        )
        self._commands[name] = (list(cmd), env)
        self.processes = [entry for entry in self.processes if entry[0] != name] + [(name, proc, log)]

    def check(self) -> None:
        """Raise ReplicaError if supervision gave up, or (before it starts) if any child has exited."""
        if self._failed:
            raise ReplicaError(self._failed)
        if self._supervisor is not None:
            return
        for name, proc, log in self.processes:
            if proc.poll() is not None:
                raise ReplicaError(f"{name} exited with code {proc.returncode}; the end of {log}:\n{_tail(log)}")

    def supervise(self, interval: float = 0.5) -> None:
        """From now on, start again a replica that dies (a thread of this process; stop() ends it).

        Its children die with the thread that started them (PR_SET_PDEATHSIG), so it lives until stop()."""
        self._supervisor = threading.Thread(target=self._watch, args=(interval,), name="replica supervisor", daemon=True)
        self._supervisor.start()

    def _watch(self, interval: float) -> None:
        while not self._stopping.wait(interval) and not self._failed:
            for name, proc, log in list(self.processes):
                if proc.poll() is None or self._stopping.is_set():
                    continue
                died = f"{name} exited with code {proc.returncode}"
                recent = self._restarts.setdefault(name, deque())
                now = time.monotonic()
                while recent and now - recent[0] > RESTART_WINDOW:
                    recent.popleft()
                if name == "nginx" or len(recent) >= RESTARTS:
                    why = "nginx is not restarted" if name == "nginx" else f"{RESTARTS} restarts in {RESTART_WINDOW:g} s"
                    self._failed = f"{died} ({why}); the end of {log}:\n{_tail(log)}"
                    print(f"{died}: giving up ({why}), stopping everything", file=sys.stderr, flush=True)
                    return
                recent.append(now)
                print(f"{died}: restarting it ({len(recent)} of at most {RESTARTS} in {RESTART_WINDOW:g} s); "
                      f"log {log}", file=sys.stderr, flush=True)
                cmd, env = self._commands[name]
                self.spawn(name, cmd, log, env)

    def wait_healthy(self, url: str, deadline: float) -> None:
        """Poll URL (a /_stcore/health) until it answers 200, a child dies or the deadline passes."""
        while True:
            self.check()
            try:
                with _http.open(url, timeout=2) as resp:
                    if resp.status == 200:
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise ReplicaError(f"{url} did not answer in time; logs are in {self.run_dir}")
            time.sleep(0.3)

    def stop(self, timeout: float = 10) -> None:
        """nginx first (no new request reaches a stopping replica), then the replicas; SIGTERM,
        then SIGKILL after TIMEOUT seconds. Safe to call twice."""
        self._stopping.set()
        if self._supervisor is not None and self._supervisor is not threading.current_thread():
            self._supervisor.join()
        nginx = [p for name, p, _ in self.processes if name == "nginx"]
        replicas = [p for name, p, _ in self.processes if name != "nginx"]
        for group in (nginx, replicas):
            for proc in group:
                if proc.poll() is None:
                    proc.terminate()
            deadline = time.monotonic() + timeout
            for proc in group:
                try:
                    proc.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=5)
        self.processes.clear()
        for handle in self._logs:
            handle.close()
        self._logs.clear()
        atexit.unregister(self.stop)

    def __enter__(self) -> Replicas:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _check_port_free(address: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as nginx does: TIME_WAIT is no obstacle
        try:
            s.bind((address, port))
        except OSError as exc:
            raise ReplicaError(f"cannot listen on {address}:{port}: {exc.strerror}") from None


def start(db: Path, replicas: int = 2, port: int = 8080, *, address: str = "127.0.0.1", run_dir: Path | None = None,
          replica_ports: Sequence[int] | None = None, timeout: float = 60, nginx: str | None = None) -> Replicas:
    """Start REPLICAS dashboard processes on DB and nginx on ADDRESS:PORT in front of them; return
    once every replica and nginx answer /_stcore/health. On any failure nothing is left running."""
    if replicas < 1:
        raise ValueError("at least one replica")
    nginx = nginx or nginx_binary()
    if not Path(nginx).exists():
        raise ReplicaError(f"nginx not found at {nginx}: install it (Debian: apt-get install nginx)")
    db = Path(os.path.abspath(db))  # not resolve(): a published database is a link the replicas follow per request
    run_dir = (run_dir or RUN_ROOT / f"replicas-{port}").resolve()
    (run_dir / "temp").mkdir(parents=True, exist_ok=True)
    ports = list(replica_ports) if replica_ports else _free_ports(replicas, exclude=port)
    if len(set(ports)) != replicas or port in ports:
        raise ReplicaError(f"need {replicas} distinct replica ports other than {port}, have {ports}")
    _check_port_free(address, port)

    if not db.exists():  # build once here: N replicas would each build it
        print(f"{db} is missing: building it first", flush=True)
        if subprocess.run([sys.executable, "-m", "kpi", "build", "--db", str(db), "--if-missing"], cwd=config.ROOT).returncode:
            raise ReplicaError(f"could not build {db}")

    conf = run_dir / "nginx.conf"
    write_nginx_config(conf, address, port, ports)
    nginx_cmd = [nginx, "-p", f"{run_dir}/", "-c", str(conf), "-e", str(run_dir / "error.log")]
    checked = subprocess.run([*nginx_cmd, "-t", "-q"], capture_output=True, text=True, timeout=30)
    if checked.returncode:
        raise ReplicaError(f"nginx rejects {conf}:\n{checked.stderr}{_tail(run_dir / 'error.log')}")

    host = REPLICA_HOST if address in ("0.0.0.0", "::", "") else address
    cluster = Replicas(f"http://{host}:{port}" if ":" not in host else f"http://[{host}]:{port}", run_dir, ports)
    atexit.register(cluster.stop)
    env = dict(os.environ)
    # One cookie secret for all: a session's XSRF token stays valid if it fails over to another replica.
    env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
    env.setdefault("STREAMLIT_SERVER_FILE_WATCHER_TYPE", "none")  # served code does not change under a replica
    env.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
    try:
        deadline = time.monotonic() + timeout
        for i, replica_port in enumerate(ports, 1):
            cmd = [sys.executable, "-m", "kpi", "serve", "--db", str(db), "--port", str(replica_port),
                   "--address", REPLICA_HOST]
            cluster.spawn(f"replica {i} (port {replica_port})", cmd, run_dir / f"replica-{i}.log", env)
        for url in cluster.replica_urls:
            cluster.wait_healthy(f"{url}/_stcore/health", deadline)
        cluster.spawn("nginx", nginx_cmd, run_dir / "nginx.out", env)
        cluster.wait_healthy(f"{cluster.url}/_stcore/health", deadline)
        cluster.supervise()
    except BaseException:
        cluster.stop()
        raise
    return cluster


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m kpi.replicas",
        description="Run N dashboard replicas behind nginx with sticky sessions (Ctrl+C stops everything).",
    )
    parser.add_argument("--replicas", type=int, default=2, help="number of dashboard processes (default: 2)")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port (default: 8080)")
    parser.add_argument("--address", default="127.0.0.1", help="nginx's address (default: 127.0.0.1)")
    parser.add_argument("--db", type=Path, default=config.default_db(),
                        help="the database every replica reads (default: data/kpi.duckdb, or $KPI_DB)")
    parser.add_argument("--replica-base-port", type=int, default=None, metavar="PORT",
                        help="replicas listen on PORT, PORT+1, ... (default: free ports)")
    parser.add_argument("--run-dir", type=Path, default=None,
                        help="runtime folder for nginx.conf, pid, logs and temp files (default: run/replicas-PORT)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for everything to be healthy")
    parser.add_argument("--nginx-config", type=Path, default=None, metavar="FILE",
                        help="only write nginx's configuration for --upstream replicas to FILE (its folder is nginx's "
                             "runtime folder) and exit: for nginx run by systemd or compose (deploy/)")
    parser.add_argument("--upstream", action="append", default=[], metavar="HOST:PORT",
                        help="with --nginx-config: a replica (repeat for each; a name resolving to several addresses "
                             "counts as one replica per address)")
    return parser


def write_nginx_config(path: Path, address: str, port: int, upstreams: Sequence[int | str]) -> None:
    run_dir = path.parent.resolve()
    (run_dir / "temp").mkdir(parents=True, exist_ok=True)
    listen = f"[{address}]:{port}" if ":" in address else f"{address}:{port}"
    path.write_text(render_config(run_dir, listen, upstreams), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.nginx_config is not None:
        if not args.upstream:
            print(t("cli.nginx_needs_upstream", reader()), file=sys.stderr)
            return 2
        write_nginx_config(args.nginx_config, args.address, args.port, args.upstream)
        print(f"wrote {args.nginx_config} ({len(args.upstream)} upstream(s), listening on {args.address}:{args.port})")
        return 0

    def interrupted(signum: int, _frame: object) -> None:
        raise Interrupted(signal.Signals(signum).name)

    stop_signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    for sig in stop_signals:
        signal.signal(sig, interrupted)
    ports = range(args.replica_base_port, args.replica_base_port + args.replicas) if args.replica_base_port else None
    cluster: Replicas | None = None
    code = 0
    try:
        cluster = start(args.db, args.replicas, args.port, address=args.address, run_dir=args.run_dir,
                        replica_ports=ports, timeout=args.timeout)
        print(
            f"dashboard: {cluster.url}  ({args.replicas} replicas on ports {', '.join(map(str, cluster.replica_ports))}, "
            f"database {args.db}; config and logs in {cluster.run_dir})\nCtrl+C stops everything.",
            flush=True,
        )
        while True:
            cluster.check()
            time.sleep(1)
    except Interrupted as why:
        print(f"{why}: stopping", file=sys.stderr, flush=True)
    except ReplicaError as exc:
        print(exc, file=sys.stderr)
        code = 1
    finally:
        for sig in stop_signals:
            signal.signal(sig, signal.SIG_IGN)  # a second Ctrl+C must not cut the clean stop short
        if cluster is not None:
            cluster.stop()
    return code


if __name__ == "__main__":
    sys.exit(main())
