"""Task progress reported by communes: a template file (`python -m kpi tasks-report FILE`) or the form on
Nhiệm vụ, checked row by row against the published snapshot; kpi.services.tasks records it with its
evidence in one store transaction.

Checks, each an error of its row (FILE:ROW: field: message): the row itself (kpi.workflow.template:
task, status, percent, evidence named), the actor's scope (a task of a commune they may not write),
a task reported twice in one report, and every evidence file (kpi.workflow.evidence: type by content,
size). Nothing is written unless every row is valid.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from kpi.accounts import Actor
from kpi.db import run_here
from kpi.i18n import msg
from kpi.importer import files_sha256, out_of_scope
from kpi.intake.inspect import ImportFileError
from kpi.intake.limits import Limits
from kpi.intake.sandbox import check_evidence, check_in_child
from kpi.intake.validate import RowError
from kpi.workflow import evidence as ev
from kpi.workflow.template import EVIDENCE_SEP, VALID_COLUMNS, template_csv, validate, wording_key

FORM = "form"  # the source of a report made on the page


@dataclass
class TaskReportResult:
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    rows: int = 0
    report_ids: list[int] = field(default_factory=list)
    dry_run: bool = False
    recorded_at: str | None = None  # when the store of record took it (kpi.records.stamp); None: nothing written

    @property
    def ok(self) -> bool:
        return not self.error_count

    def add(self, error: RowError, limit: int) -> None:
        self.error_count += 1
        if len(self.errors) < limit:
            self.errors.append(error)


_SCHEMA = {"task_id": pl.Int64, "commune_code": pl.String, "status": pl.String, "percent_complete": pl.Float64,
           "note": pl.String, "evidence": pl.String, "file_index": pl.Int32, "source_row": pl.Int64}


def context(con: duckdb.DuckDBPyConnection, evidence_names: set[str]) -> dict:
    tasks = run_here(con, "task_report_context")
    return {"tasks": {tid: (commune, wording_key(text)) for tid, commune, _, _, text in tasks.iter_rows()},
            "evidence": evidence_names}


class EvidenceFolder(Mapping[str, bytes]):
    """The files of a folder by name, read when asked for: a report file's evidence beside it (CLI).
    Reading one (kpi.workflow.evidence.read_file) refuses a symbolic link, and a file over the size limit
    from its size, unread: EvidenceError naming it."""

    def __init__(self, folder: Path, exclude: set[str]) -> None:
        self._paths = {p.name: p for p in sorted(Path(folder).iterdir())
                       if (p.is_symlink() or p.is_file()) and p.name not in exclude}

    def __getitem__(self, name: str) -> bytes:
        return ev.read_file(self._paths[name])

    def __contains__(self, name: object) -> bool:  # Mapping's would read the file
        return name in self._paths

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


def template(con: duckdb.DuckDBPyConnection, communes: list[str]) -> bytes:
    """The progress template (CSV, UTF-8 with BOM, Vietnamese headers) for these communes' tasks."""
    tasks = run_here(con, "task_report_context").filter(pl.col("commune_code").is_in(communes))
    return template_csv(tasks.select("commune_code", "task_id", "seq", "task").iter_rows())


def _check_evidence(files: Mapping[str, bytes], names: list[str],
                    limits: Limits) -> tuple[dict[str, tuple[ev.Evidence, bytes]], dict[str, str]]:
    """Each named file read (bounded: EvidenceFolder) and checked in the checker's child process, never
    in this one (a zip part that inflates to gigabytes costs that check only)."""
    contents, bad = {}, {}
    for name in names:
        try:
            content = files[name]
            ev.require_size(name, len(content))  # refused here: not worth a copy to the child
        except ev.EvidenceError as exc:
            bad[name] = str(exc)
            continue
        contents[name] = content
    try:
        checked, refused, _ = check_evidence(contents, limits)
    except ImportFileError as exc:  # the checker's time or memory limit, or its own failure
        checked, refused = {}, dict.fromkeys(contents, exc.args[0] if exc.args else str(exc))
    return {name: (item, contents[name]) for name, item in checked.items()}, bad | refused


def _across(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame, files: list[str], actor: Actor,
            bad_evidence: dict[str, str]) -> list[RowError]:
    """Errors only the whole report shows: scope, a task reported twice, an evidence file refused."""
    errors = out_of_scope(con, frame, actor, files)
    ordered = frame.sort("file_index", "source_row")
    repeated = ordered.filter(pl.col("task_id").is_duplicated() & ~pl.col("task_id").is_first_distinct())
    errors += [RowError(files[i], int(r), "task_id", msg("task_report.twice", task=t))
               for t, i, r in repeated.select("task_id", "file_index", "source_row").iter_rows()]
    if bad_evidence:
        cited = ordered.select("file_index", "source_row", pl.col("evidence").str.split(EVIDENCE_SEP)).explode("evidence")
        for i, r, name in cited.filter(pl.col("evidence").is_in(list(bad_evidence))).iter_rows():
            errors.append(RowError(files[i], int(r), "evidence", bad_evidence[name]))
    return errors


def _cited(frame: pl.DataFrame) -> set[str]:
    return {n for names in frame["evidence"] for n in names.split(EVIDENCE_SEP) if n}


def _finish(con: duckdb.DuckDBPyConnection, result: TaskReportResult, frame: pl.DataFrame, files: list[str],
            actor: Actor, evidence_files: Mapping[str, bytes], limits: Limits) -> dict[str, tuple[ev.Evidence, bytes]]:
    good, bad = _check_evidence(evidence_files, sorted(n for n in _cited(frame) if n in evidence_files), limits)
    for error in _across(con, frame, files, actor, bad):
        result.add(error, limits.max_errors_listed)
    order = {name: n for n, name in enumerate(files)}
    result.errors.sort(key=lambda e: (order.get(e.file, len(files)), e.row))
    return good


@dataclass
class Checked:
    """A report checked against the published snapshot, ready for kpi.services.tasks to record: its result
    (row errors), its rows (one per task: task_id, commune_code, task_seq, task_wording, status,
    percent_complete, note, evidence, file_index, source_row), the evidence it cites that passed (by name),
    the file names and one sha256 of the report."""

    result: TaskReportResult
    rows: pl.DataFrame
    evidence: dict[str, tuple[ev.Evidence, bytes]]
    files: list[str]
    sha256: str

    def cited(self) -> set[str]:
        return _cited(self.rows)

    def communes(self) -> dict[str, str]:
        """The communes the report writes to, with their provinces (the write checks the scope again)."""
        return dict(self.rows.select("commune_code", "province_code").unique().iter_rows())


def _named(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame) -> pl.DataFrame:
    """The rows with their task's number, wording and province as the snapshot names them: a report keeps
    them, so later builds find its task again (kpi.store.fold) even when ids move."""
    tasks = run_here(con, "task_report_context").select("task_id", "province_code", pl.col("seq").alias("task_seq"),
                                                       pl.col("task").alias("task_wording"))
    return frame.join(tasks, on="task_id", how="left").sort("file_index", "source_row")


def check_files(
    con: duckdb.DuckDBPyConnection, paths: list[Path], *, actor: Actor, evidence: Mapping[str, bytes],
    limits: Limits | None = None,
) -> Checked:
    """Check task-report files (CSV/XLSX, the template's columns) on the published snapshot CON, in the
    checker's child process (kpi.intake.sandbox), with the evidence files they cite. evidence: the files
    given with the report, by name (read only when a row cites them: see EvidenceFolder); actor: as the store
    of record says now, with the right to report tasks."""
    limits = limits or Limits.from_env()
    files = [p.name for p in paths]
    with tempfile.TemporaryDirectory(prefix="kpi-tasks-") as tmp:
        out = Path(tmp) / "valid.tsv"
        checked = check_in_child(paths, context(con, set(evidence)), limits, out, kind="tasks")
        frame = pl.read_csv(out, separator="\t", has_header=False, new_columns=list(VALID_COLUMNS), quote_char='"',
                            schema_overrides=_SCHEMA) if checked.valid else pl.DataFrame(schema=_SCHEMA)
    result = TaskReportResult(errors=list(checked.errors), error_count=checked.error_count, rows=checked.rows)
    frame = frame.fill_null("")
    good = _finish(con, result, frame, files, actor, evidence, limits)
    return Checked(result, _named(con, frame), good, files, files_sha256(paths))


def check_form(
    con: duckdb.DuckDBPyConnection, *, actor: Actor, task_id: int, status: str, percent: float | None, note: str,
    evidence: Mapping[str, bytes] | Sequence[tuple[str, bytes]], limits: Limits | None = None,
) -> Checked:
    """One task's progress from the form on Nhiệm vụ: the same checks as a file's row ("form", row 1).
    evidence: the uploaded files (name, content), every one kept under its base name, a name given twice
    made distinct ("anh.jpg", "anh (2).jpg"): kpi.workflow.evidence.named."""
    evidence = ev.named(evidence.items() if isinstance(evidence, Mapping) else evidence)
    limits = limits or Limits.from_env()
    ctx = context(con, set(evidence)) | {"max_field_chars": limits.max_field_chars}
    commune = ctx["tasks"].get(task_id, ("", ""))[0]
    raw = {"commune_code": commune, "task_id": task_id, "status": status, "note": note or "", "evidence": list(evidence)}
    if percent is not None:
        raw["percent_complete"] = percent
    data, errors = validate(raw, ctx, FORM, 1)
    result = TaskReportResult(rows=1)
    for error in errors:
        result.add(error, limits.max_errors_listed)
    if data is None:
        return Checked(result, _named(con, pl.DataFrame(schema=_SCHEMA)), {}, [FORM], "")
    frame = pl.DataFrame([{
        "task_id": data.task_id, "commune_code": data.commune_code, "status": data.status, "percent_complete": data.percent,
        "note": data.note, "evidence": EVIDENCE_SEP.join(data.evidence), "file_index": 0, "source_row": 1,
    }], schema=_SCHEMA)
    good = _finish(con, result, frame, [FORM], actor, evidence, limits)
    digest = hashlib.sha256(b"".join(content for _, content in good.values())).hexdigest()
    return Checked(result, _named(con, frame), good, [FORM], digest)
