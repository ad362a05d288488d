"""Imported values: import report files (all or nothing) and roll a batch back, each one short transaction in
the store of record. The files are checked first (small CSV files here, workbooks and big files in the
checker's child process) against the published snapshot's catalogue and units (kpi.store.reference, read
once per snapshot); the transaction then re-reads the actor, checks the stored values
and locked quarters, writes, audits and records the change. The publisher rescores the communes touched."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from kpi import config, importer, records
from kpi.accounts import AccessDenied, Actor, audit, outside_scope, users
from kpi.i18n import msg
from kpi.importer import ImportResult, Reference, RowError
from kpi.intake.limits import Limits
from kpi.intake.sandbox import check_evidence
from kpi.store.reference import reference
from kpi.workflow import evidence as ev


@contextmanager
def writing(db: Path, wait: float | None = None) -> Iterator[records.Connection]:
    """One store transaction, queued behind another writer's for up to `wait` seconds (default: the store's
    busy timeout); past it sqlite3.OperationalError ("database is locked") or records.Busy, nothing written."""
    with records.connect(db) as con, records.transaction(con, wait):
        yield con


def entry_checks(db: Path, frame: pl.DataFrame, files: list[str], evidence: Mapping[str, bytes],
                 limits: Limits, units: pl.DataFrame,
                 known_rows: pl.DataFrame | None = None) -> tuple[list[RowError], list[dict]]:
    """The checks at entry (kpi.entry.checks) on every valid row of an import, a file's as the form's: a value far
    from the commune's history or its province's spread needs a reason (the row's Ghi chú), a value meeting its
    target where the plan requires evidence needs an evidence file (named in the row's Minh chứng column, given
    with the import and accepted as task evidence is: elsewhere that column may cite a document in words). What
    the rows are checked against is read once for the whole import, from the file kept beside the snapshot
    (kpi.store.reference.known; units: the snapshot's communes and their provinces). Returns the row errors and the evidence links to write (commune_code,
    indicator_code, period, sha256, file_name, with the Evidence and its content under "item")."""
    if not frame.height:
        return [], []
    from kpi.entry.checks import check_frame, frame_findings
    from kpi.store.reference import known
    from kpi.workflow.template import EVIDENCE_SEP

    accepted, refused, _ = check_evidence(dict(evidence), limits) if evidence else ({}, {}, None)
    errors: list[RowError] = []
    links: list[dict] = []
    named: dict[tuple[int, int], list[str]] = {}  # (file, row) -> the names in its Minh chứng column: few rows
    for row in frame.filter(pl.col("evidence").fill_null("") != "").iter_rows(named=True):
        file, line = files[row["file_index"]], int(row["source_row"])
        names = named[(row["file_index"], line)] = [n.strip() for n in row["evidence"].split(EVIDENCE_SEP) if n.strip()]
        errors += [RowError(file, line, "evidence", refused[n]) for n in names if n in refused]
        links += [{"commune_code": row["commune_code"], "indicator_code": row["indicator_code"], "period": row["period"],
                   "sha256": accepted[n].sha256, "file_name": accepted[n].name, "item": (accepted[n], evidence[n])}
                  for n in names if n in accepted]
    proven = {(link["commune_code"], link["indicator_code"], link["period"]) for link in links}
    frame = frame.with_columns(has_evidence=pl.struct("commune_code", "indicator_code", "period").is_in(
        [{"commune_code": c, "indicator_code": i, "period": p} for c, i, p in proven]) if proven else pl.lit(False))
    if known_rows is None:  # the import service reads it once for a group of imports (a superset of these keys)
        known_rows = known(db, frame.select("commune_code", "indicator_code", "period_end"), units)
    found = check_frame(frame, known_rows)
    for row in found.iter_rows(named=True):
        file, line = files[row["file_index"]], int(row["source_row"])
        errors += [RowError(file, line, f.field, f.message) for f in frame_findings(row)]
        if row["unproven"] and (missing := [n for n in named.get((row["file_index"], line), []) if n not in evidence]):
            errors.append(RowError(file, line, "evidence", msg("entry.check.evidence_missing", names=", ".join(missing))))
    return errors, links


def import_files(db: Path, actor: Actor, paths: list[Path], *, dry_run: bool = False, today: date | None = None,
                 limits: Limits | None = None, wait: float | None = None, evidence: Mapping[str, bytes] | None = None,
                 draft: tuple[str, str] | None = None) -> ImportResult:
    """Check the files and, if every row is valid and this is not a dry run, record them in one transaction.
    Raises AccessDenied if the actor's role cannot import, ImportFileError for a file that cannot be read;
    rows outside their scope, clashing with stored values or in a locked quarter, far from what is known
    without a reason, or met without the evidence the plan requires are errors of their row.
    evidence: the files given with the import, by name (a row names its own in the evidence column, ";"
    between names); draft: (commune, period) of the actor's draft the import submits, removed in its write.
    The import service (kpi.services.import_service) runs the same steps, many imports in one transaction."""
    prepared = check_import(db, actor, paths, dry_run=dry_run, today=today, limits=limits, evidence=evidence, draft=draft)
    if isinstance(prepared, ImportResult):
        return prepared
    # the store read outside the write lock, so that many imports settle at once; through connect (which creates the
    # store's tables if another process has only just created its file), except for a dry run, which creates nothing.
    # The write's transaction then runs on the same connection: its statements are prepared already (still_as_of
    # repeats the read's), one connection opened and closed, not two
    with (records.read_only if dry_run else records.connect)(db) as con:
        settled = settle_import(con, prepared)
        if dry_run or not settled.result.ok:
            return settled.result
        with records.transaction(con, wait):
            return write_import(con, prepared, settled)


@dataclass(frozen=True)
class Prepared:
    """An import whose files passed every check before the store (check_import): what its write needs."""

    db: Path
    actor: Actor
    paths: list[Path]
    checked: ImportResult
    frame: pl.DataFrame
    links: list[dict]
    units: pl.DataFrame
    limits: Limits
    draft: tuple[str, str] | None


def check_import(db: Path, actor: Actor, paths: list[Path], *, dry_run: bool = False, today: date | None = None,
                 limits: Limits | None = None, evidence: Mapping[str, bytes] | None = None,
                 draft: tuple[str, str] | None = None, ref: Reference | None = None) -> Prepared | ImportResult:
    """Everything an import checks before the store: the actor's right to import, the files against the published
    snapshot's catalogue and units (ref: kpi.store.reference.reference, read here when not given) and the checks
    at entry. The refused result, or what the write needs (AccessDenied, ImportFileError as import_files)."""
    return check_entry(check_files(db, actor, paths, dry_run=dry_run, today=today, limits=limits, ref=ref),
                       evidence=evidence, draft=draft)


@dataclass(frozen=True)
class FilesChecked:
    """An import's files checked (check_files): the result so far and the valid rows, before the checks at entry."""

    db: Path
    actor: Actor
    paths: list[Path]
    result: ImportResult
    frame: pl.DataFrame
    ref: Reference
    limits: Limits


def check_files(db: Path, actor: Actor, paths: list[Path], *, dry_run: bool = False, today: date | None = None,
                limits: Limits | None = None, ref: Reference | None = None) -> FilesChecked:
    """check_import's first part: the actor's right to import, then the files (kpi.importer.check)."""
    today = today or config.today()
    limits = limits or Limits.from_env()
    with records.read_only(db) as rec:
        users.current(rec, actor).require("import")  # refused before the files are even read
    ref = ref or reference(db, today)
    checked, frame = importer.check(paths, ref, limits, actor)
    checked.dry_run = dry_run
    return FilesChecked(db, actor, paths, checked, frame, ref, limits)


def check_entry(files: FilesChecked, *, evidence: Mapping[str, bytes] | None = None,
                draft: tuple[str, str] | None = None, known_rows: pl.DataFrame | None = None) -> Prepared | ImportResult:
    """check_import's second part: the checks at entry on files whose rows passed (entry_checks; known_rows: what
    kpi.store.reference.known gives for at least these rows' keys, read here when not given)."""
    checked, names = files.result, [p.name for p in files.paths]
    if not checked.ok:
        return checked
    found, links = entry_checks(files.db, files.frame, names, evidence or {}, files.limits, files.ref.units, known_rows)
    checked.add(found, files.limits, names)
    if not checked.ok:
        return checked
    return Prepared(files.db, files.actor, files.paths, checked, files.frame, links, files.ref.units, files.limits, draft)


def settle_import(con: records.Connection | None, prepared: Prepared) -> importer.Settled:
    """The checks against the store on one read of it (outside the write lock), and the evidence files' content
    saved when the import may be written (a failed transaction leaves an uncited file, never a dangling citation)."""
    p = prepared
    settled = importer.against_store(con, p.units, p.checked, p.frame, p.paths, p.actor, p.limits)
    if settled.result.ok and not p.checked.dry_run:
        folder = ev.store_dir(p.db)
        for link in p.links:
            ev.save(folder, *link["item"])
    return settled


def write_import(con: records.Connection, prepared: Prepared, settled: importer.Settled) -> ImportResult:
    """Inside the caller's store transaction: the settled import written (settled again first if the account or
    one of its communes changed since its read), its evidence cited, the submitted draft removed."""
    p = prepared
    if not importer.still_as_of(con, settled, p.actor):  # a write to one of its communes, or to the account, since
        settled = importer.against_store(con, p.units, p.checked, p.frame, p.paths, p.actor, p.limits)
        if not settled.result.ok:
            return settled.result
    settled.result.batch_id = importer.write(con, settled)
    _cite(con, settled.result.batch_id, p.links, settled.actor)
    if p.draft is not None:
        records.execute(con, "value_draft_delete", email=settled.actor.email, commune=p.draft[0], period=p.draft[1])
    settled.result.recorded_at = records.stamp()
    return settled.result


def _cite(con: records.Connection, batch: int, links: list[dict], actor: Actor) -> None:
    """Inside the import's transaction: the evidence files its values cite (their content saved before)."""
    at = records.stamp()
    for link in links:
        item = link["item"][0]
        records.execute(con, "evidence_file_insert", sha256=item.sha256, media_type=item.media_type,
                        size_bytes=item.size_bytes, at=at, by=actor.email)
        records.execute(con, "value_evidence_insert", batch=batch, **{k: v for k, v in link.items() if k != "item"})


def reference_units(db: Path) -> pl.DataFrame:
    """The published snapshot's communes: commune_code, province_code, commune_name (kpi.store.reference)."""
    return reference(db, config.today()).units


@dataclass(frozen=True)
class RollbackResult:
    batch_id: int
    removed: int
    restored: int
    communes: list[str]
    recorded_at: str


def rollback(db: Path, actor: Actor, batch: int, *, wait: float | None = None) -> RollbackResult:
    """Remove one batch's values and restore what they replaced (RollbackError, AccessDenied: nothing written)."""
    units = reference_units(db)
    with writing(db, wait) as con:
        removed, restored, communes = importer.rollback(con, units, batch, users.current(con, actor))
    return RollbackResult(batch, removed, restored, communes, records.stamp())


def batches(db: Path) -> pl.DataFrame:
    """Import batches as the store holds them now, newest first (queries/records/import_batches.sql), with
    `pending`: the published snapshot does not hold the batch's import or rollback yet."""
    from kpi.store.publisher import published_through

    with records.read_only(db) as rec:
        frame = records.run(rec, "import_batches", through=published_through(db))
    if not frame.height:
        return pl.DataFrame(schema={"batch_id": pl.Int64, "imported_at": pl.Datetime("us", "UTC"), "file_names": pl.String,
                                    "sha256": pl.String, "rows_read": pl.Int64, "imported": pl.Int64, "updated": pl.Int64,
                                    "unchanged": pl.Int64, "values_live": pl.Int64,
                                    "rolled_back_at": pl.Datetime("us", "UTC"), "imported_by": pl.String,
                                    "rolled_back_by": pl.String, "pending": pl.Boolean})
    return frame.with_columns(pl.col("imported_at", "rolled_back_at").cast(pl.String).str.to_datetime(time_zone="UTC"),
                              pl.col("pending").cast(pl.Boolean))


def batch_communes(db: Path) -> pl.DataFrame:
    """The communes of every import batch (queries/records/batch_communes.sql): batch_id, commune_code."""
    with records.read_only(db) as rec:
        if rec is None:
            return pl.DataFrame(schema={"batch_id": pl.Int64, "commune_code": pl.String})
        return records.run(rec, "batch_communes").cast({"batch_id": pl.Int64, "commune_code": pl.String})


# --- the entry form (kpi.entry): a person's draft, and its submission through import_files ---------------


@dataclass(frozen=True)
class Entry:
    """One value entered on the form: the indicator, the value, the note (the reason for a jump), and the
    names of the evidence files that come with it."""

    indicator_code: str
    value: float
    note: str = ""
    evidence: tuple[str, ...] = ()


def _in_scope(db: Path, con: records.Connection, actor: Actor, commune: str) -> Actor:
    """The actor as the store says now, with the import right and the commune in scope (AccessDenied)."""
    actor = users.current(con, actor)
    actor.require("import")
    units = reference_units(db).filter(pl.col("commune_code") == commune)
    if not actor.covers(commune, units["province_code"][0] if units.height else None):
        raise AccessDenied(outside_scope(commune))
    return actor


@dataclass(frozen=True)
class DraftResult:
    saved: int
    recorded_at: str


def save_draft(db: Path, actor: Actor, commune: str, period: str, entries: Sequence[Entry]) -> DraftResult:
    """Save the person's draft of a commune's values for a period (theirs alone, replacing their earlier draft),
    in one store transaction, audited. A draft changes nothing on the dashboard: no change row."""
    with writing(db) as con:
        actor = _in_scope(db, con, actor, commune)
        records.execute(con, "value_draft_delete", email=actor.email, commune=commune, period=period)
        at = records.stamp()
        for e in entries:
            records.execute(con, "value_draft_insert", email=actor.email, commune=commune, period=period,
                            indicator=e.indicator_code, value=e.value, note=e.note, at=at)
        audit.record(con, actor, "value_draft", f"draft of {commune} {period}: {len(entries)} value(s)")
    return DraftResult(len(entries), at)


def draft_of(db: Path, actor: Actor, commune: str, period: str) -> pl.DataFrame:
    """The person's own draft (indicator_code, value, note, saved_at); empty when there is none."""
    with records.read_only(db) as con:
        return records.run(con, "value_draft_of", email=actor.email, commune=commune, period=period)


def submit_entry(db: Path, actor: Actor, commune: str, period: str, entries: Sequence[Entry],
                 evidence: Mapping[str, bytes] | None = None, *, dry_run: bool = False) -> ImportResult:
    """Submit the form: its values written as a report file (the import's own columns) and imported by
    import_files, with the same checks and the same one write (all or nothing, audited, the quarter submitted
    for approval); the person's draft goes in that write. Row errors name the form's file and row."""
    from kpi.intake.validate import COLUMNS
    from kpi.workflow.template import EVIDENCE_SEP

    with tempfile.TemporaryDirectory(prefix="kpi-entry-") as tmp:
        path = Path(tmp) / f"nhap-tren-form-{commune}-{period}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            import csv

            writer = csv.writer(f)
            writer.writerow(COLUMNS)
            for e in entries:
                writer.writerow([commune, e.indicator_code, period, repr(float(e.value)), EVIDENCE_SEP.join(e.evidence),
                                 e.note.replace("\n", " ")])
        return import_files(db, actor, [path], dry_run=dry_run, evidence=evidence, draft=(commune, period))


def value_evidence(db: Path, commune: str, period: str) -> pl.DataFrame:
    """The evidence files of a commune's values for a period, as recorded (queries/records/value_evidence_of.sql)."""
    with records.read_only(db) as con:
        return records.run(con, "value_evidence_of", commune=commune, period=period)
