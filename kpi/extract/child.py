"""Extraction of an uploaded plan in a child process, with a memory and a time limit (as the report
checker, kpi.intake.sandbox): a hostile .docx or .pdf costs that one extraction, never the dashboard.

The child is `python -m kpi.extract.child`: it reads {"path", "commune", "memory"} as JSON on stdin and
answers with the candidates as JSON on stdout."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

from kpi import config
from kpi.extract.read import ExtractError
from kpi.extract.review import PLAN_COLUMNS, REVIEW_COLUMNS, TASK_COLUMNS, Extraction, as_frame
from kpi.i18n import Msg, msg

MAX_FILE_BYTES = 50 * 2**20  # a plan is a few hundred kilobytes; a scanned one a few megabytes
MEMORY_BYTES = 1 * 2**30
SECONDS = 120


def child_env() -> dict[str, str]:
    """The child's environment: one polars thread. Each thread's allocator reserves address space, which the
    memory limit counts: with a thread per core, a plan of a few kilobytes ran out of its gigabyte on a machine
    of four cores or more (and now and then on two: CI once failed so)."""
    return {**os.environ, "PYTHONPATH": str(config.ROOT), "POLARS_MAX_THREADS": "1"}


def extract_in_child(path: Path, commune: str) -> Extraction:
    """kpi.extract.review.extract in a child process; ExtractError (naming the file) on anything that goes wrong."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ExtractError(msg("extract_error.too_big", name=path.name, mb=MAX_FILE_BYTES // 2**20))
    job = json.dumps({"path": str(path), "commune": commune, "memory": MEMORY_BYTES})
    try:
        done = subprocess.run([sys.executable, "-m", "kpi.extract.child"], input=job, capture_output=True, text=True,
                              timeout=SECONDS, cwd=config.ROOT, env=child_env())
    except subprocess.TimeoutExpired:
        raise ExtractError(msg("extract_error.timeout", name=path.name, seconds=SECONDS)) from None
    try:
        answer = json.loads(done.stdout)
    except json.JSONDecodeError:
        answer = None
    if done.returncode != 0 or not isinstance(answer, dict):
        raise ExtractError(msg("extract_error.memory", name=path.name, mb=MEMORY_BYTES // 2**20, code=done.returncode))
    if "error" in answer:
        raise ExtractError(Msg.of(answer["error"]))
    return Extraction(as_frame(answer["targets"], (*PLAN_COLUMNS, *REVIEW_COLUMNS)),
                      as_frame(answer["tasks"], (*TASK_COLUMNS, *REVIEW_COLUMNS)), answer["seconds"], tuple(Msg.of(n) for n in answer["notes"]),
                      tuple((n, text) for n, text in answer["source"]))


def _child() -> int:
    from kpi.extract.review import extract

    job = json.loads(sys.stdin.read())
    resource.setrlimit(resource.RLIMIT_AS, (job["memory"], job["memory"]))
    try:
        result = extract(Path(job["path"]), job["commune"])
    except ExtractError as exc:
        answer: dict = {"error": exc.args[0].data() if isinstance(exc.args[0], Msg) else str(exc)}
    else:
        answer = {"targets": result.targets.to_dicts(), "tasks": result.tasks.to_dicts(), "seconds": result.seconds,
                  "notes": [n.data() if isinstance(n, Msg) else n for n in result.notes], "source": [list(line) for line in result.source]}
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(_child())
