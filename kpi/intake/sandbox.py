"""Check report files in a child process with a memory and a time limit.

A reader that crashes or runs out of memory on a hostile file costs that one check, never the
dashboard server or the CLI that asked: the parent gets a message naming the file and the limit.

The child is `python -m kpi.intake.sandbox`: it reads its job as JSON on stdin, limits its own
address space, checks the files (kpi.intake.validate) and answers with JSON on stdout.
"""

from __future__ import annotations

import dataclasses
import json
import os
import resource
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from kpi import config
from kpi.i18n import Msg, msg
from kpi.intake.inspect import ImportFileError, mb
from kpi.intake.limits import Limits
from kpi.intake.validate import Checked, RowError
from kpi.workflow.evidence import Evidence


def out_of_memory_message(names: str, limits: Limits, code: int | None = None) -> Msg:
    said = msg("intake.out_of_memory", names=names, mb=mb(limits.parser_memory_bytes))
    return said if code is None else msg("intake.stopped_with", said=said, code=code)


def check_in_child(paths: list[Path], context: dict, limits: Limits, out: Path, kind: str = "values") -> Checked:
    """kpi.intake.validate.check_files (kind "values": value reports) or kpi.workflow.template.check_files
    (kind "tasks": task-progress reports), run in a child process under limits.parser_memory_bytes."""
    if kind == "tasks":
        sent = {"tasks": {str(k): list(v) for k, v in context["tasks"].items()}, "evidence": sorted(context["evidence"])}
    else:
        sent = {"communes": sorted(context["communes"]), "indicators": context["indicators"],
                "today": context["today"].isoformat()}
    job = {"kind": kind, "paths": [str(p) for p in paths], "out": str(out), "limits": dataclasses.asdict(limits),
           "context": sent}
    answer = _run(job, ", ".join(p.name for p in paths), limits, "intake.advice_split")
    if "file_error" in answer:
        raise ImportFileError(Msg.of(answer["file_error"]))
    checked = Checked(rows=answer["rows"], valid=answer["valid"], error_count=answer["error_count"],
                      limit=limits.max_errors_listed, peak_rss_bytes=answer["peak_rss_bytes"])
    checked.errors = [RowError.of(e) for e in answer["errors"]]
    return checked


def check_evidence(files: Mapping[str, bytes], limits: Limits) -> tuple[dict[str, Evidence], dict[str, Msg | str], int]:
    """kpi.workflow.evidence.check of each file: (accepted by name, refusal messages by name, the child's peak
    resident memory in bytes, 0 without a child). Zip containers (DOCX, XLSX, PPTX, ODT, ODS) in the checker's
    child; the others here, where their check reads a signature and searches the bytes (a task report with a PDF
    is then acknowledged without a Python start)."""
    from kpi.workflow import evidence

    accepted, refused, zips = {}, {}, {}
    for name, content in files.items():
        if evidence.opens_zip(name):
            zips[name] = content
            continue
        try:
            accepted[name] = evidence.check(name, content)
        except evidence.EvidenceError as exc:
            refused[name] = _said(exc)
    good, bad, peak = _check_evidence_in_child(zips, limits)
    return {**accepted, **good}, {**refused, **bad}, peak


def _check_evidence_in_child(files: Mapping[str, bytes], limits: Limits) -> tuple[dict[str, Evidence], dict[str, Msg | str], int]:
    """kpi.workflow.evidence.check of each file, run in a child process under limits.parser_memory_bytes
    (the files are handed over in a private temporary folder): (accepted by name, refusal messages by
    name, the child's peak resident memory in bytes). The server never opens a zip part itself."""
    if not files:
        return {}, {}, 0
    with tempfile.TemporaryDirectory(prefix="kpi-evidence-") as tmp:
        sent = []
        for n, (name, content) in enumerate(files.items()):
            path = Path(tmp) / str(n)
            path.write_bytes(content)
            sent.append((name, str(path)))
        job = {"kind": "evidence", "files": sent, "limits": dataclasses.asdict(limits)}
        answer = _run(job, ", ".join(files), limits, "intake.advice_fewer")
    good = {name: Evidence(**verdict) for name, verdict in answer["accepted"].items()}
    return good, {name: Msg.of(said) for name, said in answer["refused"].items()}, answer["peak_rss_bytes"]


def _run(job: dict, names: str, limits: Limits, advice: str) -> dict:
    """The child's answer to a job, or ImportFileError naming the files (time or memory limit, or our own
    failure, whose details go to a log for whoever runs the server)."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "kpi.intake.sandbox"], input=json.dumps(job), capture_output=True, text=True,
            timeout=limits.parser_seconds, cwd=config.ROOT, env={**os.environ, "PYTHONPATH": str(config.ROOT)},
        )
    except subprocess.TimeoutExpired:
        raise ImportFileError(msg("intake.timeout", names=names, seconds=limits.parser_seconds, advice=msg(advice))) from None
    try:
        answer = json.loads(done.stdout)
    except json.JSONDecodeError:
        answer = None
    out_of_memory = done.returncode < 0 or "MemoryError" in done.stderr or "Cannot allocate memory" in done.stderr
    if (done.returncode != 0 or not isinstance(answer, dict)) and not out_of_memory:
        # our own failure, not the file's: say so, and keep the details for whoever runs the server
        fd, log = tempfile.mkstemp(prefix="kpi-check-", suffix=".log")
        os.write(fd, done.stderr.encode())
        os.close(fd)
        raise ImportFileError(msg("intake.checker_failed", names=names, log=log))
    if done.returncode != 0 or not isinstance(answer, dict):
        raise ImportFileError(out_of_memory_message(names, limits, done.returncode))
    return answer


def _said(exc: Exception) -> Msg | str:
    """An exception's message: a catalogue message, worded where it is shown, or text."""
    return exc.args[0] if exc.args and isinstance(exc.args[0], Msg) else str(exc)


def _data(exc: Exception) -> list | str:
    """An exception's message as JSON carries it: a catalogue message stays one, to be worded by the parent."""
    said = exc.args[0] if exc.args else str(exc)
    return said.data() if isinstance(said, Msg) else str(exc)


def _status(field: str) -> int:
    """A field of /proc/self/status in bytes (VmHWM: peak resident memory since the process started,
    which getrusage would not give: it counts the parent's memory at fork too; VmSize: address space)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) * 1024
    return 0


def _evidence_child(job: dict, limits: Limits) -> dict:
    from kpi.workflow import evidence

    resource.setrlimit(resource.RLIMIT_AS, (limits.parser_memory_bytes, limits.parser_memory_bytes))
    accepted, refused = {}, {}
    for name, path in job["files"]:
        try:
            accepted[name] = dataclasses.asdict(evidence.check(name, Path(path).read_bytes()))
        except evidence.EvidenceError as exc:
            refused[name] = _data(exc)
        except MemoryError:
            refused[name] = out_of_memory_message(evidence.safe_name(name), limits).data()
    return {"accepted": accepted, "refused": refused, "peak_rss_bytes": _status("VmHWM")}


def _child() -> int:
    job = json.loads(sys.stdin.read())
    limits = Limits(**job["limits"])
    if job.get("kind") == "evidence":
        sys.stdout.write(json.dumps(_evidence_child(job, limits)))
        return 0

    import openpyxl  # noqa: F401 - loaded before the limit: the limit is for parsing, not for starting

    from kpi.intake import validate
    from kpi.workflow import template

    sent = job["context"]
    if job.get("kind") == "tasks":
        check_files = template.check_files
        context = {"tasks": {int(k): tuple(v) for k, v in sent["tasks"].items()}, "evidence": set(sent["evidence"])}
    else:
        check_files = validate.check_files
        context = {
            "communes": set(sent["communes"]),
            "indicators": {k: tuple(v) for k, v in sent["indicators"].items()},
            "today": date.fromisoformat(sent["today"]),
        }
    names = ", ".join(Path(p).name for p in job["paths"])
    out_of_memory = {"file_error": out_of_memory_message(names, limits).data()}
    resource.setrlimit(resource.RLIMIT_AS, (limits.parser_memory_bytes, limits.parser_memory_bytes))
    try:
        checked = check_files([Path(p) for p in job["paths"]], context, limits, Path(job["out"]))
    except ImportFileError as exc:
        answer: dict = {"file_error": _data(exc)}
    except MemoryError:
        answer = out_of_memory
    except Exception:
        # Running out of address space can surface as other errors (a failed lazy import, ENOMEM):
        # near the limit, say it was the memory; otherwise it is our bug, for the parent to report.
        if _status("VmSize") < 0.8 * limits.parser_memory_bytes:
            raise
        answer = out_of_memory
    else:
        answer = {"rows": checked.rows, "valid": checked.valid, "error_count": checked.error_count,
                  "errors": [e.data() for e in checked.errors], "peak_rss_bytes": _status("VmHWM")}
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(_child())
