"""`python -m kpi bench --writes`: writes at the scale of the nation (issue 29's targets), measured.

On a national database (3,321 communes): N processes each import one file of 10 values at once (each process
imports its modules first, says it is ready, then all start together: the acknowledgement is timed from
there, the process's own wall time from its start), first through the import service (started as `serve` starts
it; the processes are its thin client), then each in its own process; then the publication that brings them to the pages;
one publication after one import; the writes a page makes (approve, lock, review, a task report); and the
snapshot's size after many writes against its fresh build. Prints every figure; asserts nothing (speed is
measured here, never in a timed test).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import polars as pl

from kpi import config
from kpi.entry.checks import EVIDENCE_REQUIRED
from tools.bench import BENCH_REASON
from tools.loadtest.report import percentile

STARTED = time.time()  # this process's start (as close as Python lets us see it)


def report_files(db: Path, folder: Path, count: int, per_file: int, period: str,
                 shift: int = 0) -> tuple[list[Path], list[tuple[str, str]]]:
    """count report files of per_file values each, one commune per file (spread over the provinces), and the
    (commune, indicator) pairs they hold; shift: other values for the same pairs."""
    from kpi.db import connect, run

    with connect(db) as con:
        units = run(con, "units", province=None).sort("province_code", "commune_code")
        catalogue = run(con, "indicators", group=None)
        indicators = catalogue.filter(catalogue["unit"] == "%").head(per_file)["indicator_code"].to_list()
    spread = units.with_columns(n=pl.col("commune_code").cum_count().over("province_code")).sort("n", "province_code")
    spread = spread.filter(~pl.col("commune_code").is_in(list(EVIDENCE_REQUIRED)))  # its met values need files: not a bench's
    chosen = spread["commune_code"].head(count).to_list()  # the first commune of every province, then the second …
    files, pairs = [], []
    for n, commune in enumerate(chosen):
        path = folder / f"xa-{commune}-{shift}.csv"
        lines = ["commune_code,indicator_code,period,value,note"]
        for k, indicator in enumerate(indicators):
            lines.append(f"{commune},{indicator},{period},{20 + (n * 7 + k * 3 + shift) % 70},{BENCH_REASON}")
            pairs.append((commune, indicator))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(path)
    return files, pairs


def worker(db: str, file: str) -> None:
    """One importing process: ready once its modules are imported; imports when told to go."""
    from kpi import records
    from kpi.accounts import Actor
    from kpi.services import values

    if records.url() is not None:  # the PostgreSQL driver is a module to import too, not the import's work
        import psycopg  # noqa: F401
        import psycopg_pool  # noqa: F401
    # and the module an import loads when it first checks its rows at entry (kpi.services.values.entry_checks loads
    # the template's rules lazily, so that other commands do without them): the process's start, not its work
    import kpi.workflow.template  # noqa: F401
    ready = time.time()
    print("ready", flush=True)
    sys.stdin.readline()
    go, cpu = time.perf_counter(), time.process_time()
    result = values.import_files(Path(db), Actor.server_admin(), [Path(file)])
    ack = time.perf_counter()
    print(json.dumps({"ok": result.ok, "imported": result.imported, "ack_ms": (ack - go) * 1000,
                      "cpu_ms": (time.process_time() - cpu) * 1000,
                      "ready_s": ready - STARTED, "wall_s": time.time() - STARTED, "acked_at": time.time()}), flush=True)


@contextmanager
def import_service(db: Path) -> Iterator[None]:
    """The import service as `python -m kpi serve` starts it (kpi.cli.build.importing), once it listens."""
    proc = subprocess.Popen([sys.executable, "-m", "kpi", "import-service", "--db", str(db)], cwd=config.ROOT,
                            stdout=subprocess.PIPE, text=True)
    try:
        if not proc.stdout.readline():
            raise RuntimeError("the import service did not start")
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def concurrent_imports(db: Path, files: list[Path], module: str = "tools.bench_writes") -> list[dict]:
    """The workers of `module` (this one's import in process, or tools.bench_client's thin client), started
    together, told to go together once every one is ready."""
    env = {**os.environ, "PYTHONPATH": str(config.ROOT)}
    procs = [subprocess.Popen([sys.executable, "-m", module, "worker", str(db), str(f)], cwd=config.ROOT,
                              env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for f in files]
    for p in procs:
        if p.stdout.readline().strip() != "ready":
            raise RuntimeError("a worker did not start")
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    answers = []
    for p in procs:
        line = p.stdout.readline()
        p.wait()
        answers.append(json.loads(line) if line.strip() else {"ok": False, "exit": p.returncode})
    return answers


def run(db: Path, processes: int = 100, per_file: int = 10, writes: int = 500) -> None:
    from kpi import records
    from kpi.accounts import Actor
    from kpi.build import DemoSettings, load_sources, write_database
    from kpi.db import build_info, connect
    from kpi.services import values
    from kpi.store import publisher

    admin = Actor.server_admin()
    with connect(db) as con:
        info = build_info(con)
    period = info["as_of_period"]
    print(f"database: {db} ({info.get('demo_scope')}), {db.resolve().stat().st_size / 1e6:.0f} MB, as of {period}; "
          f"store of record {records.where(db)}")
    publisher.publish_if_pending(db)  # start from a snapshot that holds everything recorded so far

    with tempfile.TemporaryDirectory(prefix="kpi-bench-writes-") as tmp:
        through, _ = report_files(db, Path(tmp), processes, per_file, period, shift=35)
        with import_service(db):
            started = time.time()
            answers = concurrent_imports(db, through, "tools.bench_client")
        print("through the import service (" + said(processes, per_file, answers, started, "the client's CPU time")
              + "; modules the clients "
              f"loaded: {sorted({m for a in answers for m in a.get('loaded', [])}) or 'neither polars nor duckdb'})")
        publisher.publish_if_pending(db)

        files, pairs = report_files(db, Path(tmp), processes, per_file, period)
        started = time.time()
        answers = concurrent_imports(db, files)
        ok = [a for a in answers if a.get("ok")]
        last_ack = max((a["acked_at"] for a in ok), default=time.time())
        print("each in its own process (" + said(processes, per_file, answers, started) + ")")
        done = publisher.publish_if_pending(db, compact=False)  # as the watcher beside the server publishes
        visible = time.time() - last_ack
        with connect(db) as con:
            shown = con.execute(
                "SELECT count(*) FROM observation WHERE NOT is_demo AND period = $p AND (commune_code, indicator_code) "
                "IN (SELECT unnest($c), unnest($i))", {"p": period, "c": [c for c, _ in pairs], "i": [i for _, i in pairs]},
            ).fetchall()[0][0]
        print(f"publication after {processes} imports: {done.seconds:.1f} s ({done.writes} writes, {done.communes} "
              f"communes rescored); every value visible {visible:.1f} s after the last acknowledgement: {shown} of "
              f"{len(pairs)} values shown")
        started = time.perf_counter()
        compacted = publisher.compact(db)
        print(f"then the watcher's compaction (a publication of its own, when nothing is pending): "
              f"{'%.1f s' % (time.perf_counter() - started) if compacted else 'not needed'}")

        one = Path(tmp) / "one.csv"
        commune, indicator = pairs[0]
        one.write_text(f"commune_code,indicator_code,period,value,note\n{commune},{indicator},{period},97,{BENCH_REASON}\n",
                       encoding="utf-8")
        started = time.perf_counter()
        values.import_files(db, admin, [one])
        ack = time.perf_counter() - started
        done = publisher.publish_if_pending(db, compact=False)
        print(f"one import: acknowledged in {ack * 1000:.0f} ms, published in {done.seconds:.1f} s")
        publisher.compact(db)

        commune, indicator = pairs[per_file]  # the second file's commune: its quarter submitted afresh, then decided
        again = Path(tmp) / "again.csv"
        again.write_text(f"commune_code,indicator_code,period,value,note\n{commune},{indicator},{period},"
                         f"{time.time() % 50 + 1:.1f},{BENCH_REASON}\n",
                         encoding="utf-8")
        resubmitted = values.import_files(db, admin, [again])
        if not resubmitted.ok:
            print("the import before the page's writes failed: " + "; ".join(map(str, resubmitted.errors)))
        page_writes(db, commune, period)

        for n in range(writes):
            path = Path(tmp) / f"w{n}.csv"
            commune, indicator = pairs[(n * 13) % len(pairs)]
            path.write_text(f"commune_code,indicator_code,period,value,note\n{commune},{indicator},{period},{10 + n % 80},"
                            f"{BENCH_REASON}\n",
                            encoding="utf-8")
            values.import_files(db, admin, [path])
            if n % 25 == 24:
                publisher.publish_if_pending(db, compact=False)
                publisher.compact(db)
        publisher.publish_if_pending(db, compact=False)
        publisher.compact(db)
        size = db.resolve().stat().st_size
        fresh = Path(tmp) / "fresh.duckdb"  # the same data built afresh: data/, the demo values and the same store
        src = load_sources()
        write_database(src, fresh, DemoSettings(info["demo_scope"], int(info["demo_seed"]), _as_of_day(info)), records_of=db)
        print(f"after {writes} more writes (published every 25): snapshot {size / 1e6:.0f} MB, {size / fresh.stat().st_size:.2f} x "
              f"a fresh build of the same data ({fresh.stat().st_size / 1e6:.0f} MB)")


def said(processes: int, per_file: int, answers: list[dict], started: float,
         cpu: str = "CPU time of the process's import") -> str:
    ok = [a for a in answers if a.get("ok")]
    if not ok:
        return f"{processes} imports of {per_file} values at once: none recorded"
    acks, walls, cpus = [a["ack_ms"] for a in ok], [a["wall_s"] for a in ok], [a["cpu_ms"] for a in ok]
    last_ack = max(a["acked_at"] for a in ok)
    return (f"{processes} imports of {per_file} values at once: {len(ok)} recorded, {processes - len(ok)} failed; "
            f"acknowledged after the start p50 {statistics.median(acks):.0f} / p95 {percentile(acks, 95):.0f} / "
            f"max {max(acks):.0f} ms ({cpu} p50 {statistics.median(cpus):.0f} ms, "
            f"{sum(cpus) / 1000:.1f} s in all); process wall time p50 {statistics.median(walls):.1f} / max "
            f"{max(walls):.1f} s; all within {last_ack - started:.1f} s")


def _as_of_day(info: dict[str, str]) -> date:
    """A day in the quarter after the snapshot's as-of quarter: a build on it scores the same quarters."""
    year, quarter = info["as_of_period"].split("-Q")
    month = int(quarter) * 3 + 1
    return date(int(year) + (month > 12), (month - 1) % 12 + 1, 15)


def page_writes(db: Path, commune: str, period: str) -> None:
    """What a page's write costs the person: the service call a click makes (approve, lock and unlock a quarter;
    a task's progress with its evidence; the province's review of it), acknowledged when it returns."""
    from kpi.accounts import Actor
    from kpi.db import connect
    from kpi.services import approvals, tasks

    admin = Actor.server_admin()
    timings: dict[str, list[float]] = {}

    def timed(step: str, call):
        started = time.perf_counter()
        result = call()
        timings.setdefault(step, []).append((time.perf_counter() - started) * 1000)
        return result

    timed("approve", lambda: approvals.decide(db, admin, commune, period, "approve"))  # submitted by the import before
    for _ in range(5):
        for move in ("lock", "unlock"):
            timed(move, lambda move=move: approvals.decide(db, admin, commune, period, move))
    with connect(db) as con:
        task_ids = [t for (t,) in con.execute("SELECT task_id FROM task ORDER BY task_id LIMIT 5").fetchall()]
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    for task_id in task_ids:
        done = timed("task report", lambda task_id=task_id: tasks.report_task(
            db, admin, task_id=task_id, status="done", percent=100, note="bench", evidence={"bien-ban.pdf": pdf}))
        if done.ok and done.report_ids:
            timed("review", lambda done=done: tasks.review(db, admin, done.report_ids[0], accept=True, reason=""))
    print("a page's write, acknowledged (median / max ms): " + ", ".join(
        f"{step} {statistics.median(t):.0f} / {max(t):.0f}" for step, t in timings.items()))


if __name__ == "__main__" and len(sys.argv) == 4 and sys.argv[1] == "worker":
    worker(sys.argv[2], sys.argv[3])
