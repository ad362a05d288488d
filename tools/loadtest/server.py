"""The dashboard under test and the machine it runs on: start, health, stop, CPU time."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from kpi import config
from tools.loadtest.plan import HEALTH_TIMEOUT_S, SERVER_STOP_S


def _health(url: str, timeout: float) -> float:
    """Milliseconds one GET of /_stcore/health took; raises on failure. Never through a proxy."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    started = time.perf_counter()
    with opener.open(f"{url}/_stcore/health", timeout=timeout) as resp:
        body = resp.read(100)
        if resp.status != 200:
            raise OSError(f"HTTP {resp.status}: {body[:60]!r}")
    return (time.perf_counter() - started) * 1000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(db: Path, log_path: Path, secrets: Path | None = None,
                  env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str, object]:
    """`python -m kpi serve` on a free port of 127.0.0.1 (os.environ, then env, for its environment)."""
    port = free_port()
    log = log_path.open("w")  # a file, not a pipe: a full pipe would block the server
    env = {**os.environ, **(env or {}), "KPI_DB": str(db), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kpi", "serve", "--db", str(db), "--port", str(port), "--address", "127.0.0.1",
         *(["--secrets", str(secrets)] if secrets else [])],
        cwd=config.ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
    )
    return proc, f"http://127.0.0.1:{port}", log


def _wait_healthy(url: str, proc: subprocess.Popen | None, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        try:
            _health(url, HEALTH_TIMEOUT_S)
            return True
        except (OSError, urllib.error.URLError):
            time.sleep(0.5)
    return False


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time of a process (Linux /proc); None where that cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _loadavg() -> float | None:
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def tree_cpu_seconds(root: int, exclude: set[int]) -> float | None:
    """CPU seconds of root's descendants (not root itself, nor the processes in exclude and their
    descendants), counting the children they have already reaped; None where /proc cannot be read."""
    try:
        parents: dict[int, int] = {}
        times: dict[int, float] = {}
        tick = os.sysconf("SC_CLK_TCK")
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
            times[int(entry.name)] = sum(int(f) for f in fields[11:15]) / tick
    except (OSError, ValueError, IndexError):
        return None
    total, todo = 0.0, [pid for pid, parent in parents.items() if parent == root and pid not in exclude]
    while todo:
        pid = todo.pop()
        total += times.get(pid, 0.0)
        todo += [child for child, parent in parents.items() if parent == pid and child not in exclude]
    return total


def _stop_server(proc: subprocess.Popen) -> bool:
    """Terminate the server; False if it had to be killed."""
    proc.terminate()
    try:
        proc.wait(timeout=SERVER_STOP_S)
        return True
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
        return False
