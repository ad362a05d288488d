"""Records mapped again: what the store of record holds and the snapshot's sources can no longer place
(record_unmatched, listed on Chất lượng dữ liệu as "cần đối chiếu") pointed at what the catalogue and the
plans now say. A task report to a task of its commune's plan by number; a batch's values of an indicator
renamed in the catalogue to its new code. Audited, with a change row: the next publication places them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kpi import records
from kpi.accounts import Actor, audit, users
from kpi.db import connect, run
from kpi.i18n import msg
from kpi.records import changes


class RemapError(ValueError):
    """A record that cannot be mapped as asked (its message a catalogue key and arguments, naming it); nothing written."""


@dataclass(frozen=True)
class Remapped:
    records: int  # how many rows now point at the new task or indicator
    detail: str  # what was mapped, as the audit says it
    recorded_at: str


def remap_report(db: Path, by: Actor, report: int, seq: str) -> Remapped:
    """Point task report `report` at the task numbered `seq` in its commune's plan as the published snapshot
    has it (the report keeps its status, evidence and review)."""
    with records.read_only(db) as rec:
        found = records.run(rec, "task_report_one", report=report)
    if not found.height:
        raise RemapError(msg("remap.no_report", report=report))
    commune = found["commune_code"][0]
    with connect(db) as con:
        task = run(con, "task_of", commune=commune, seq=seq)
    if task.height != 1:
        raise RemapError(msg("remap.task", commune=commune, seq=seq, n=task.height))
    task_id, wording = int(task["task_id"][0]), task["task"][0]
    detail = f"task report {report}: xã {commune}, «{found['task_wording'][0]}» -> nhiệm vụ {seq} «{wording}»"
    with records.connect(db) as con, records.transaction(con):
        users.current(con, by).require("remap")
        records.execute(con, "remap_task_report", report=report, task_id=task_id, seq=seq, wording=wording)
        changes.record(con, "remap", audit.record(con, by, "remap", detail), [commune])
    return Remapped(1, detail, records.stamp())


def remap_values(db: Path, by: Actor, batch: int, old: str, new: str) -> Remapped:
    """Give batch `batch`'s values of indicator `old` (gone from the catalogue) the code `new` (in it), with
    what the batch replaced; refused if a commune already has a value of `new` for the same period."""
    with connect(db) as con:
        known = set(run(con, "indicators", scope=None, group=None)["indicator_code"])
    if new not in known:
        raise RemapError(msg("remap.unknown_indicator", code=repr(new)))
    with records.connect(db) as con, records.transaction(con):
        users.current(con, by).require("remap")
        values = records.run(con, "batch_values_of", batch=batch, indicator=old)
        if not values.height:
            raise RemapError(msg("remap.no_values", batch=batch, code=old))
        taken = [f"{c} {p}" for c, p in values.rows() if records.execute(con, "real_value_taken", commune=c, indicator=new, period=p)]
        if taken:
            raise RemapError(msg("remap.taken", code=new, where=", ".join(taken)))
        records.execute(con, "remap_real_value", batch=batch, old=old, new=new)
        records.execute(con, "remap_observation_history", batch=batch, old=old, new=new)
        detail = f"batch {batch}: {values.height} value(s) of {old} -> {new}"
        changes.record(con, "remap", audit.record(con, by, "remap", detail, batch=batch), set(values["commune_code"]))
    return Remapped(values.height, detail, records.stamp())
