"""What a load test found: the problems, the import's outcome, the timings, and their printed report."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from tools.loadtest.plan import HEALTH_SLOW_MS


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0..100) with linear interpolation between closest ranks; None if empty."""
    if not values:
        return None
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} outside 0..100")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def _stats(values: list[float]) -> str:
    return f"p50 {_ms(percentile(values, 50))}, p95 {_ms(percentile(values, 95))}, max {_ms(max(values) if values else None)}"


@dataclass(frozen=True)
class Problem:
    kind: str  # exception, connection, dialog, heading, http, filter, stale, browser, hang, server, import
    session: int | None  # None: not a session's (the server, the import, the health check)
    where: str
    detail: str = ""
    at_s: float = 0.0  # seconds into the run

    def line(self) -> str:
        who = f"session {self.session}" if self.session is not None else "run"
        detail = " ".join(self.detail.split())[:400]
        return f"{self.at_s:6.1f} s {who} {self.where}: {self.kind}{': ' + detail if detail else ''}"


@dataclass
class ImportOutcome:
    file: Path
    at_s: float  # seconds into the run it started
    exit_code: int | None = None  # None: it did not finish in time (killed)
    duration_s: float = 0.0
    output: str = ""
    real_before: int | None = None
    real_after: int | None = None
    text: str | None = None  # what each session must see afterwards; None: not checkable
    note: str = ""
    published_s: float | None = None  # from the import's end to the publication that holds it
    others: list[tuple[int | None, float]] = field(default_factory=list)  # --more-imports: (exit code, seconds) each

    @property
    def ok(self) -> bool:
        return self.exit_code == 0


@dataclass
class Report:
    sessions: int
    seconds: float
    url: str = ""
    elapsed_s: float = 0.0
    page_loads: list[tuple[str, float]] = field(default_factory=list)  # (page, ms): opening the address
    page_switches: list[tuple[str, float]] = field(default_factory=list)  # (page, ms): a click in the sidebar
    script_starts: list[float] = field(default_factory=list)  # ms from navigation start to the script's start
    filter_changes: list[tuple[str, float, str]] = field(default_factory=list)  # (filter, ms, page)
    errors: list[Problem] = field(default_factory=list)
    hangs: list[Problem] = field(default_factory=list)
    health_checks: int = 0
    health_failures: list[str] = field(default_factory=list)
    health_max_ms: float = 0.0
    health_slow: int = 0  # answered after HEALTH_SLOW_MS
    imported: ImportOutcome | None = None
    seen_after: dict[int, float | None] = field(default_factory=dict)  # session -> s after the import was published
    stale_runs: int = 0  # runs started after the import was published that still showed the old count
    media_404: int = 0  # download-button files already replaced by a rerun when the frontend checked them
    server_log: Path | None = None
    server_log_lines: list[str] = field(default_factory=list)
    server_cpu_s: float | None = None  # CPU seconds the server we started used
    browser_cpu_s: float | None = None  # CPU seconds the browser (and Playwright's driver) used
    server_pid: int | None = None
    load_before: float | None = None  # the machine's 1-minute load average before and after the run
    load_after: float | None = None

    @property
    def exceptions(self) -> int:
        return sum(p.kind == "exception" for p in self.errors)

    @property
    def sessions_seen(self) -> int:
        return sum(v is not None for v in self.seen_after.values())

    @property
    def ok(self) -> bool:
        if self.errors or self.hangs or self.health_failures or not self.page_loads:
            return False
        if self.imported is not None:
            return self.imported.ok and self.imported.text is not None and self.sessions_seen == self.sessions
        return True

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1


def format_report(r: Report) -> str:
    loads = [ms for _, ms in r.page_loads]
    changes = [ms for _, ms, _ in r.filter_changes]
    lines = [
        f"loadtest {r.url}: sessions {r.sessions}, seconds {r.seconds:g} (ran {r.elapsed_s:.1f} s), "
        f"page loads {len(loads)}, page switches {len(r.page_switches)}, filter changes {len(changes)}",
        f"page load ms: {_stats(loads)}",
    ]
    for page in sorted({p for p, _ in r.page_loads}):
        these = [ms for p, ms in r.page_loads if p == page]
        lines.append(f"  {page}: {len(these)} loads, {_stats(these)}")
    if r.script_starts:
        lines.append(f"  of which until the script started: {_stats(r.script_starts)}")
    switches = [ms for _, ms in r.page_switches]
    lines.append(f"page switch ms (sidebar link, no reload): {_stats(switches)}")
    for page in sorted({p for p, _ in r.page_switches}):
        these = [ms for p, ms in r.page_switches if p == page]
        lines.append(f"  {page}: {len(these)} switches, {_stats(these)}")
    lines.append(f"filter change ms: {_stats(changes)}")
    for kind in sorted({k for k, _, _ in r.filter_changes}):
        these = [ms for k, ms, _ in r.filter_changes if k == kind]
        lines.append(f"  {kind}: {len(these)} changes, {_stats(these)}")
        for page in sorted({p for k, _, p in r.filter_changes if k == kind}):
            on_page = [ms for k, ms, p in r.filter_changes if k == kind and p == page]
            lines.append(f"    on {page}: {len(on_page)} changes, {_stats(on_page)}")
    kinds = {}
    for p in r.errors:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    by_kind = f" ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})" if kinds else ""
    lines.append(
        f"errors {len(r.errors)}{by_kind}, exceptions {r.exceptions}, hangs {len(r.hangs)}, "
        f"health checks {r.health_checks} (failures {len(r.health_failures)}, slower than {HEALTH_SLOW_MS / 1000:.0f} s {r.health_slow}, "
        f"slowest {r.health_max_ms:,.0f} ms)"
    )
    imp = r.imported
    if imp is not None:
        status = "did not finish (killed)" if imp.exit_code is None else f"exit {imp.exit_code}"
        last = next((line for line in reversed(imp.output.strip().splitlines()) if line.strip()), "")
        lines.append(f"import at {imp.at_s:.0f} s: {status} in {imp.duration_s:.1f} s ({last.strip()[:200] or 'no output'})")
        if imp.others:
            took = [s for _, s in imp.others]
            failed = sum(code != 0 for code, _ in imp.others)
            lines.append(f"  with {len(imp.others)} more import processes started at once: {len(imp.others) - failed} recorded, "
                         f"{failed} failed; each process's wall time p50 {percentile(took, 50):.1f} / p95 "
                         f"{percentile(took, 95):.1f} / max {max(took):.1f} s")
        if imp.published_s is not None:
            lines.append(f"  published {imp.published_s:.1f} s after it was recorded (by the publisher beside the server)")
        if imp.ok and imp.text is not None:
            seen = [v for v in r.seen_after.values() if v is not None]
            latest = f" (max {max(seen):.1f} s after)" if seen else ""
            lines.append(
                f"  real values {imp.real_before} -> {imp.real_after}; sessions that saw '{imp.text.lstrip(': ')}': "
                f"{r.sessions_seen}/{r.sessions}{latest}; stale runs after its publication {r.stale_runs}"
            )
        elif imp.note:
            lines.append(f"  {imp.note}")
    shown = sorted(r.errors + r.hangs, key=lambda p: p.at_s)[:12]
    if shown:
        lines.append("first problems:")
        lines += [f"  {p.line()}" for p in shown]
    lines += [f"  health: {f}" for f in r.health_failures[:5]]
    if r.media_404:
        lines.append(f"not counted as errors: {r.media_404} download-button file check(s) answered 404 after a rerun replaced the file")
    if r.load_before is not None and r.load_after is not None:
        lines.append(f"machine load average {r.load_before:.1f} -> {r.load_after:.1f} on {os.cpu_count()} CPU(s)"
                     " (the browsers run on the same machine as the server)")
    if r.elapsed_s:
        used = [(who, cpu) for who, cpu in (("server", r.server_cpu_s), ("browsers", r.browser_cpu_s)) if cpu is not None]
        if used:
            lines.append("CPU over the run's " + f"{r.elapsed_s:.1f} s: " + ", ".join(
                f"{who} {cpu:.1f} s ({cpu / r.elapsed_s:.2f} cores)" for who, cpu in used))
    if r.server_log is not None:
        lines.append(f"server log {r.server_log}: {len(r.server_log_lines)} warning/error line(s)")
        lines += [f"  {line[:240]}" for line in r.server_log_lines[:15]]
    lines.append("result: OK" if r.ok else "result: FAILED")
    return "\n".join(lines)


def scan_log(text: str, limit: int = 40) -> list[str]:
    """The log's warning, error and traceback lines, each once, in order."""
    out: list[str] = []
    for line in text.splitlines():
        if re.search(r"Traceback|Error|Exception|WARNING|CRITICAL|Timeout", line) and line.strip() not in out:
            out.append(line.strip())
            if len(out) >= limit:
                break
    return out
