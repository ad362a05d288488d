"""`python -m kpi bench`: how long the build, the scoring and each page's queries take.

Speed is measured here, never by a timed test. Prints a table: step, runs, median and max in
milliseconds, and the rows each step returns.
"""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from kpi import config, scoring
from kpi.build import DemoSettings, build
from kpi.db import build_info, connect, run
from kpi.demo import SEED_COMMUNES
from kpi.periods import parse_period
from kpi.scoring import tables
from kpi.tasks import PLAN_START


@dataclass
class Timing:
    step: str
    runs: int
    median_ms: float
    max_ms: float
    rows: int | str


def measure(step: str, fn: Callable[[], object], repeat: int) -> Timing:
    times, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
        rows = getattr(result, "height", rows) if not isinstance(result, tuple) else result[1].height
    return Timing(step, repeat, statistics.median(times), max(times), rows)


def bench_db(scope: str, db: Path | None, rebuild: bool) -> tuple[Path, Timing | None]:
    path = db or config.DATA_DIR / f"bench-{scope}.duckdb"
    if path.exists() and not rebuild:
        with connect(path) as con:
            if build_info(con).get("demo_scope") == scope:
                return path, None
    started = time.perf_counter()
    src = build(path, demo=DemoSettings(scope))
    elapsed = (time.perf_counter() - started) * 1000
    with connect(path) as con:
        rows = con.execute("SELECT count(*) FROM observation").fetchall()[0][0]
    detail = ", ".join(f"{k} {v:.1f}" for k, v in src.timings.items() if k.endswith("_s"))
    print(f"build ({scope}): {elapsed / 1000:.1f} s [{detail}]")
    return path, Timing(f"build ({scope}, observations)", 1, elapsed, elapsed, rows)


def page_queries(con: duckdb.DuckDBPyConnection) -> dict[str, Callable[[], object]]:
    """The queries the pages run, with the parameters a first visit uses."""
    info = build_info(con)
    as_of = parse_period(info["as_of_period"])
    province = con.execute("SELECT province_code FROM commune WHERE commune_code = $c", {"c": SEED_COMMUNES[1]}).fetchall()[0][0]
    indicator = con.execute(
        "SELECT indicator_code FROM indicator_score GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
    ).fetchall()[0][0]
    return {
        "overview (status by group)": lambda: run(con, "overview_status", province=province, period=None, group=None),
        "ranking (province)": lambda: run(con, "ranking", period=None, province=province),
        "ranking (national)": lambda: run(con, "ranking", period=None, province=None),
        "heatmap (scores, province)": lambda: run(con, "scores", period=None, province=province, commune=None, group=None),
        "trajectory (5 communes)": lambda: run(con, "trajectory", communes=list(SEED_COMMUNES), indicator=indicator),
        "commune profile": lambda: run(con, "commune_profile", commune=SEED_COMMUNES[1], period=None),
        "tasks (province)": lambda: run(
            con, "task_board", province=None, commune=None, agency=None, status=None, as_of=as_of.end, plan_start=PLAN_START
        ),
    }


def run_bench(scope: str, db: Path | None = None, repeat: int = 20, rebuild: bool = False) -> list[Timing]:
    path, build_timing = bench_db(scope, db, rebuild)
    timings = [build_timing] if build_timing else []
    with connect(path) as con:
        as_of = parse_period(build_info(con)["as_of_period"])
        timings.append(measure("scoring: all indicator scores + index + ranks", lambda: tables.compute(con, as_of)[:2], repeat))
        indicator_scores = tables.compute(con, as_of)[0]
        groups, communes = run(con, "scoring_groups"), run(con, "scoring_communes")
        timings.append(measure(
            "scoring: index + ranks from indicator scores",
            lambda: scoring.composite_index(indicator_scores, groups, communes), repeat,
        ))
        for step, fn in page_queries(con).items():
            timings.append(measure(f"query: {step}", fn, repeat))
    return timings


# What the bench report's rows carry to pass the checks at entry (kpi.entry.checks): a reason on every row (its values
# are spread over the bounds, far from the demo histories), and an evidence file on the rows of a commune whose plan
# requires one for a met value (passed to the import as BENCH_EVIDENCE).
BENCH_REASON = "số liệu tổng hợp để đo tốc độ nhập"
BENCH_EVIDENCE = {"bench-minh-chung.pdf": b"%PDF-1.4\n% bench evidence\n"}


def write_million_row_report(path: Path, db: Path, rows: int, today: date) -> Path:
    """A valid report of `rows` rows: every commune x indicator x ended month since 2025-01, in that
    order, cut at rows (4 million distinct keys at national scale), each with its reason (and its evidence file where
    the plan requires one: import it with evidence=BENCH_EVIDENCE)."""
    from kpi.entry.checks import EVIDENCE_REQUIRED

    with connect(db) as con:
        communes = run(con, "units", province=None).select("commune_code")
        indicators = run(con, "indicators", group=None).select("indicator_code", "lower_bound", "upper_bound")
    months = [f"{y}-{m:02d}" for y in range(2025, today.year + 1) for m in range(1, 13)]
    periods = pl.DataFrame({"period": [m for m in months if parse_period(m).end < today]})
    frame = communes.join(indicators, how="cross").join(periods, how="cross").head(rows)
    if frame.height < rows:
        raise ValueError(f"only {frame.height} distinct (commune, indicator, period) keys exist; asked for {rows}")
    share = (pl.int_range(0, frame.height) * 37 % 101) / 100  # spread deterministically within the bounds
    frame = frame.with_columns(
        value=(pl.col("lower_bound") + share * (pl.col("upper_bound") - pl.col("lower_bound"))).round(2)
    ).select("commune_code", "indicator_code", "period", "value")
    frame = frame.with_columns(
        evidence=pl.when(pl.col("commune_code").is_in(list(EVIDENCE_REQUIRED))).then(pl.lit(next(iter(BENCH_EVIDENCE)))),
        note=pl.lit(BENCH_REASON))
    frame.write_csv(path)
    return path


def bench_import(scope: str, db: Path | None, rows: int) -> list[Timing]:
    """Validate (dry run) and import a report of `rows` rows into a scratch copy of the bench database."""
    import shutil
    import tempfile

    from kpi.accounts import Actor
    from kpi.services.values import import_files

    path, _ = bench_db(scope, db, rebuild=False)
    today = config.today()
    timings: list[Timing] = []
    memory: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "import.duckdb"
        shutil.copy(path, scratch)
        report = write_million_row_report(Path(tmp) / "report.csv", scratch, rows, today)
        report_mb = report.stat().st_size / 2**20
        for step, dry_run in ((f"import: validate {rows} rows (dry run)", True), (f"import: validate + write {rows} rows", False)):
            started = time.perf_counter()  # the store of record beside the scratch copy (kpi.services.values)
            result = import_files(scratch, Actor.server_admin(), [report], dry_run=dry_run, today=today,
                                  evidence=BENCH_EVIDENCE)
            elapsed = (time.perf_counter() - started) * 1000
            if not result.ok:
                raise RuntimeError(f"bench report did not validate: {result.errors[:3]}")
            timings.append(Timing(step, 1, elapsed, elapsed, result.imported + result.updated + result.unchanged))
            memory.append(f"{step}: checker peak RSS {result.checker_peak_rss / 2**20:.0f} MB, valid rows held "
                          f"{result.valid_rows_bytes / 2**20:.0f} MB")
    whole = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"report of {rows} rows, {report_mb:.0f} MB CSV")
    print("\n".join(memory))
    print(f"peak RSS of the bench process (database, import and rescoring included): {whole:.0f} MB")
    return timings


def bench_pages(scope: str, db: Path | None, repeat: int) -> list[Timing]:
    """Server time of each page: first render and reruns after a province change (Streamlit's AppTest)."""
    from tools.bench_pages import page_timings  # the one place bench touches Streamlit

    path, _ = bench_db(scope, db, rebuild=False)
    with connect(path) as con:
        provinces = sorted(set(run(con, "ranking", period=None, province=None)["province_code"]))[:5]
    timings = []
    for page, first, reruns in page_timings(path, provinces, repeat):
        timings.append(Timing(f"page: {page} (first render)", len(first), statistics.median(first), max(first), "-"))
        timings.append(Timing(f"page: {page} (rerun after filter change)", len(reruns), statistics.median(reruns), max(reruns), "-"))
    return timings


def bench_reports(scope: str, db: Path | None, repeat: int, province: str = "31") -> list[Timing]:
    """The PDF scorecards: one commune's from the command line (a fresh process: imports and all), the
    same in a running process (the page's Xuất PDF), and every commune of `province` with its summary."""
    import subprocess
    import sys
    import tempfile

    from kpi.scorecard import model, pdf
    from kpi.scorecard.province import WORKERS, write_province

    path, _ = bench_db(scope, db, rebuild=False)
    with connect(path) as con:
        codes = run(con, "units", province=province)["commune_code"].to_list()
        commune = next((c for c in SEED_COMMUNES if c in codes), codes[0])
        timings = [measure(f"report: scorecard + PDF of {commune} (in process)",
                           lambda: pdf.commune_pdf(model.load(con, commune), "vi"), repeat)]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "one.pdf"
        cold = []
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "kpi", "report", "--commune", commune, "-o", str(out), "--db", str(path)],
                           check=True, capture_output=True, cwd=config.ROOT)
            cold.append((time.perf_counter() - started) * 1000)
        timings.append(Timing(f"report: {commune} PDF, `python -m kpi report` (cold)", 3, statistics.median(cold), max(cold), 1))
        started = time.perf_counter()
        written = write_province(path, province, Path(tmp) / province)
        elapsed = (time.perf_counter() - started) * 1000
        timings.append(Timing(f"report: province {province}, {len(written.communes)} PDFs + summary ({WORKERS} workers)", 1,
                              elapsed, elapsed, len(written.communes) + 1))
    return timings


def format_table(timings: list[Timing]) -> str:
    header = f"{'step':<62} {'runs':>5} {'median ms':>10} {'max ms':>10} {'rows':>10}"
    lines = [header, "-" * len(header)]
    for t in timings:
        lines.append(f"{t.step:<62} {t.runs:>5} {t.median_ms:>10.1f} {t.max_ms:>10.1f} {t.rows:>10}")
    return "\n".join(lines)
