"""Published values: load the national portal's Bộ chỉ số 766 snapshots (kpi.published) into the store of record,
all or nothing, in one short transaction: the administrator's, or a province reviewer's for their province and
its communes; audited, with a change row so the next publication folds them into the snapshot.

A snapshot is one list of a file (a workbook's sheet) at one time: its period (the year or month to that day) and
level (provinces, communes). The same rows loaded again, from the same file or the same rows as JSON, change
nothing; a newer snapshot of the same period is the latest, the older ones stay in the history."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import polars as pl

from kpi import records
from kpi.accounts import Actor, audit, users
from kpi.db import connect, run
from kpi.i18n import msg, reader, t
from kpi.published import DOCUMENT, FIELDS, PUBLISHER, PublishedError, Units, match_rows, read_file, snapshot_time
from kpi.published.read import period_of
from kpi.records import changes

ACTION = "published_load"


@dataclass
class LoadResult:
    loaded: list[str] = field(default_factory=list)  # "file: sheet (period, level): N units" newly stored
    unchanged: list[str] = field(default_factory=list)  # the same snapshot was already stored
    skipped: list[str] = field(default_factory=list)  # sheets that are not lists of units (departments, series)
    values: int = 0  # values written
    units: int = 0  # rows matched (units) in the new snapshots
    by_code: int = 0  # of them, matched by the portal's code seen in an earlier snapshot
    seconds: float = 0.0
    recorded_at: str | None = None

    def summary(self) -> str:
        if not self.loaded:
            return t("published_load.unchanged", reader(), n=len(self.unchanged))
        return t("published_load.loaded", reader(), lists=len(self.loaded), units=self.units, values=self.values,
                 by_code=self.by_code, unchanged=len(self.unchanged))


def units_of(db: Path) -> Units:
    """The official units as the published snapshot has them."""
    with connect(db) as con:
        provinces = run(con, "provinces").select("province_code", pl.col("province_name").alias("name"))
        communes = run(con, "units", province=None).select("commune_code", "province_code",
                                                           pl.col("commune_name").alias("name"), "unit_type")
    return Units(provinces, communes)


def load(db: Path, actor: Actor, paths: list[Path], *, at: datetime | None = None, units: Units | None = None,
         wait: float | None = None, for_publisher: bool = True) -> LoadResult:
    """Read, check and match every file, then store every new snapshot in one transaction. Raises PublishedError
    (every error, naming file, sheet, row and field) or AccessDenied; then nothing is written. `units`: the
    official units to match against (default: the published snapshot's; the build passes its sources').
    for_publisher: note a change row for the publisher (the build, which folds the store itself right after
    loading data/published/, passes False: its snapshot then holds no change that a store copied without it lacks)."""
    started = time.perf_counter()
    result = LoadResult()
    sheets, errors, digests = [], [], {}
    for path in paths:
        try:
            when = snapshot_time(path, at)
            read, skipped, errs = read_file(path)
        except PublishedError as exc:
            errors += exc.errors
            continue
        errors += errs
        result.skipped += [f"{path.name}: {s}" for s in skipped]
        digests[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
        sheets += [(s, when) for s in read]
    units = units or units_of(db)
    with records.connect(db) as con, records.transaction(con, wait):
        actor = users.current(con, actor)
        actor.require("published")
        known = dict(records.execute(con, "published_units", publisher=PUBLISHER))
        matched, errs = match_rows([s for s, _ in sheets], units, known)
        errors += errs
        for m in matched:
            if not actor.covers(m.unit_code, m.province_code):
                errors.append(msg("published_error.at", name=m.sheet.file, sheet=m.sheet.name, n=m.row_no,
                                  said=msg("published_error.outside", name=m.row.TEN, email=actor.email)))
        if errors:
            raise PublishedError(errors)
        _store(con, actor, sheets, matched, digests, result, for_publisher)
    result.seconds = time.perf_counter() - started
    return result


def _store(con, actor: Actor, sheets, matched, digests: dict[str, str], result: LoadResult, for_publisher: bool) -> None:
    now = records.stamp()
    new = []
    for sheet, when in sheets:
        key = dict(publisher=PUBLISHER, snapshot_at=records.stamp(when), period_kind=sheet.period_kind,
                   period=period_of(sheet.period_kind, when), level=sheet.level)
        label = f"{sheet.file}: {sheet.name} ({key['period']}, {sheet.level}, {when.isoformat(timespec='minutes')})"
        stored = records.execute(con, "published_snapshot_of", **key)
        if stored and stored[0][1] == sheet.digest():
            result.unchanged.append(label)
            continue
        if stored:
            raise PublishedError([msg("published_error.other_snapshot", name=sheet.file, sheet=sheet.name,
                                      at=key["snapshot_at"], stored=stored[0][2])])
        new.append((sheet, key, label))
    if not new:
        return
    files = sorted({s.file for s, _, _ in new})
    detail = "; ".join(f"{label}: {len(s.rows)} units" for s, _, label in new)
    audit_id = audit.record(con, actor, ACTION, f"{PUBLISHER}, {DOCUMENT}: {detail}", files=", ".join(files),
                            sha256=", ".join(digests[f] for f in files))
    for sheet, key, label in new:
        [(snapshot_id,)] = records.execute(
            con, "published_snapshot_insert", **key, document=DOCUMENT, source_file=sheet.file, sheet=sheet.name,
            sha256=digests[sheet.file], content=sheet.digest(), rows=len(sheet.rows), loaded_at=now,
            loaded_by=actor.email, audit_id=audit_id)
        for m in (m for m in matched if m.sheet is sheet):
            for portal_field, indicator in FIELDS.items():
                records.execute(con, "published_value_insert", snapshot_id=snapshot_id, unit_code=m.unit_code,
                                indicator_code=indicator, value=getattr(m.row, portal_field), portal_code=m.row.MA_COQUAN,
                                source_row=m.row_no, portal_rank=m.row.ROW_STT)
                result.values += 1
            records.execute(con, "published_unit_upsert", publisher=PUBLISHER, portal_code=m.row.MA_COQUAN,
                            unit_code=m.unit_code, portal_id=m.row.ID, portal_name=m.row.TEN, matched_by=m.by,
                            first_seen_at=key["snapshot_at"])
            result.units += 1
            result.by_code += m.by == "code"
        result.loaded.append(label)
    if for_publisher:
        changes.record(con, ACTION, audit_id)
    result.recorded_at = records.stamp()


def shipped(data_dir: Path) -> list[Path]:
    """The snapshots shipped in data/published/ (the build loads those the store does not hold)."""
    folder = data_dir / "published"
    return sorted(p for p in folder.glob("*") if p.suffix.lower() in (".xlsx", ".json")) if folder.is_dir() else []
