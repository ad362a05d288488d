"""A worker of `bench --writes` (tools.bench_writes) that imports through the import service, as `python -m kpi
import` does when one answers: this module loads only what the thin client loads (the command line's parsers and
kpi.services.import_client), not the bench's own modules (polars), so that its start is a client's."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

STARTED = time.time()  # this process's start (as close as Python lets us see it)


def worker(db: str, file: str) -> None:
    """One `python -m kpi import` through the import service: ready once the thin client's modules are imported
    (kpi.cli and kpi.services.import_client, as the command loads them); imports when told to go."""
    import kpi.cli  # noqa: F401 - the command's parsers, as `python -m kpi import` loads them
    from kpi.services import import_client

    ready = time.time()
    print("ready", flush=True)
    sys.stdin.readline()
    go, cpu = time.perf_counter(), time.process_time()
    answer = import_client.send(Path(db), import_client.request_of(None, [Path(file)]))
    ack = time.perf_counter()
    result = answer.get("result") if answer else None
    print(json.dumps({"ok": bool(result) and not result["error_count"], "imported": result["imported"] if result else 0,
                      "ack_ms": (ack - go) * 1000, "cpu_ms": (time.process_time() - cpu) * 1000,
                      "ready_s": ready - STARTED, "wall_s": time.time() - STARTED, "acked_at": time.time(),
                      "loaded": [m for m in ("polars", "duckdb") if m in sys.modules]}), flush=True)


if __name__ == "__main__" and len(sys.argv) == 4 and sys.argv[1] == "worker":
    worker(sys.argv[2], sys.argv[3])
