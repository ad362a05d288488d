"""A plan's candidates as a review file: the targets in data/plans' columns and the tasks in data/tasks'
columns, each with a status, a confidence, its reasons and the line it was read from. Targets are flagged
restated, conflict, recurring and interpreted as data/plans is (kpi.targets.classify).

Statuses: `candidate` (a catalogue indicator and a year: ready for a person to accept, edit or reject),
`proposed_indicator` (the wording fits no catalogue indicator: a proposed new one, never dropped),
`no_year` (the plan gives no year: data/unplaced_targets.csv keeps such numbers, never an assumed year)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from pydantic import ValidationError

from kpi.extract.match import Matcher
from kpi.extract.read import ExtractError, read_lines
from kpi.extract.targets import TargetCandidate, TargetFinder
from kpi.extract.tasks import find_tasks
from kpi.i18n import Msg, msg
from kpi.models import Target
from kpi.sources import load_indicators
from kpi.targets import classify

PLAN_COLUMNS = ("commune_code", "indicator_code", "year", "recurring", "comparator", "value", "value_max", "unit", "interpreted",
                "seed_file", "section", "row", "wording_vi", "note")
TASK_COLUMNS = ("commune_code", "seq", "section", "task", "lead_agency", "partners", "deliverable", "deadline_text", "seed_file",
                "page_hint")
REVIEW_COLUMNS = ("status", "flag", "confidence", "reasons", "line")
PLAN_WORDS = ("kế hoạch", "nghị quyết", "chương trình", "chuyển đổi số")


DTYPES = {"year": pl.Int64, "value": pl.Float64, "value_max": pl.Float64, "confidence": pl.Float64, "line": pl.Int64,
          "recurring": pl.Boolean, "interpreted": pl.Boolean}  # every other column is text


def as_frame(rows: list[dict], columns: tuple[str, ...]) -> pl.DataFrame:
    """Candidate rows (dicts) as a frame of exactly `columns`, typed (DTYPES), also when there are none."""
    schema = {c: DTYPES.get(c, pl.String) for c in columns}
    return pl.DataFrame(rows, schema=schema) if rows else pl.DataFrame(schema=schema)


@dataclass(frozen=True)
class Extraction:
    targets: pl.DataFrame  # PLAN_COLUMNS + REVIEW_COLUMNS
    tasks: pl.DataFrame  # TASK_COLUMNS + REVIEW_COLUMNS
    seconds: float
    notes: tuple[Msg | str, ...]  # what a reviewer should know first ("no quantitative target found", …)
    source: tuple[tuple[int, str], ...] = ()  # the plan's lines as read (number, text): the reviewer's view of each candidate


def _status(c: TargetCandidate) -> str:
    if c.indicator_code is None:
        return "proposed_indicator"
    if c.year is None and not c.recurring:
        return "no_year"
    return "candidate"


def _flags(candidates: list[TargetCandidate], commune: str, plan: str) -> list[str]:
    """restated / conflict / recurring / interpreted, as the build flags data/plans (kpi.targets.classify)."""
    directions = {i.code: i.direction for i in load_indicators()}
    flags = [""] * len(candidates)
    models, where = [], []
    for k, c in enumerate(candidates):
        if _status(c) != "candidate":
            continue
        try:
            models.append(Target(level="commune", commune_code=commune, indicator_code=c.indicator_code, year=c.year,
                                 recurring=c.recurring, comparator=c.comparator, value=c.value, value_max=c.value_max,
                                 unit=c.unit, interpreted=c.interpreted, seed_file=plan, section=c.section or "-",
                                 row=c.row, wording_vi=c.wording_vi))
            where.append(k)
        except ValidationError:
            flags[k] = "invalid"
    for k, classified in zip(where, classify(models, directions), strict=True):
        flags[k] = classified.flag
    return flags


def extract(path: Path, commune: str, matcher: Matcher | None = None) -> Extraction:
    """Read the plan at `path` for commune `commune` and return its candidates; ExtractError if the file
    cannot be read or is not a plan."""
    started = time.perf_counter()
    path = Path(path)
    lines = read_lines(path)
    matcher = matcher or Matcher()
    targets = TargetFinder(matcher).find(lines)
    tasks = find_tasks(lines)
    text = " ".join(line.text for line in lines[:80]).lower()
    if not targets and not tasks and not any(word in text for word in PLAN_WORDS):
        raise ExtractError(msg("extract_error.not_a_plan", name=path.name))
    notes = []
    if not targets:
        notes.append(msg("extract_note.no_target"))
    if not tasks:
        notes.append(msg("extract_note.no_task"))
    flags = _flags(targets, commune, path.name)
    target_rows = [
        {"commune_code": commune, "indicator_code": c.indicator_code or "", "year": c.year, "recurring": c.recurring,
         "comparator": c.comparator, "value": c.value, "value_max": c.value_max, "unit": c.unit, "interpreted": c.interpreted,
         "seed_file": path.name, "section": c.section, "row": c.row, "wording_vi": c.wording_vi, "note": "",
         "status": _status(c), "flag": flag, "confidence": c.confidence, "reasons": "; ".join(c.reasons), "line": c.first_line}
        for c, flag in zip(targets, flags, strict=True)
    ]
    task_rows = [
        {"commune_code": commune, "seq": t.seq, "section": t.section, "task": t.task, "lead_agency": t.lead_agency,
         "partners": t.partners, "deliverable": t.deliverable, "deadline_text": t.deadline_text, "seed_file": path.name,
         "page_hint": "", "status": "candidate", "flag": "", "confidence": t.confidence, "reasons": "; ".join(t.reasons),
         "line": t.first_line}
        for t in tasks
    ]
    return Extraction(as_frame(target_rows, (*PLAN_COLUMNS, *REVIEW_COLUMNS)), as_frame(task_rows, (*TASK_COLUMNS, *REVIEW_COLUMNS)),
                      time.perf_counter() - started, tuple(notes), tuple((line.number, line.text) for line in lines))


def write_review(extraction: Extraction, path: Path) -> None:
    """The review workbook: sheet "targets" (data/plans' columns + review columns) and sheet "tasks"."""
    import xlsxwriter

    tmp = path.with_name(f".{path.name}.tmp")
    with xlsxwriter.Workbook(str(tmp)) as book:
        extraction.targets.write_excel(book, worksheet="targets", autofit=True)
        extraction.tasks.write_excel(book, worksheet="tasks", autofit=True)
    tmp.replace(path)

