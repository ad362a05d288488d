"""Build the DuckDB database from data/, atomically.

All sources are read and validated before any file is touched. The database is written to a
temporary file beside the target and swapped in with os.replace, so a failed build leaves the
previous database exactly as it was.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl

from kpi import config, geo, records, saved_plans, sources, store
from kpi.accounts import Actor
from kpi.accounts import audit as audits
from kpi.db import build_info, connect, insert_frame, query_text, schema_sha256
from kpi.demo import DemoIndicator, generate_observations, generate_task_statuses, scope_communes
from kpi.models import Commune, GroupWeight, Indicator, Province, SourceDocument, Task, UnplacedTarget
from kpi.periods import Period, last_closed_quarter, quarters
from kpi.published import PublishedError, Units
from kpi.records import changes
from kpi.scoring import tables
from kpi.services import plans, published
from kpi.sources import SourceError, SourceErrors
from kpi.store import fold
from kpi.targets import (
    ClassifiedTarget,
    EffectiveTarget,
    citation,
    classify,
    effective_targets,
    mark_undercuts,
    plan_names,
    resolve_scopes,
)
from kpi.tasks import PLAN_START, parse_deadline

DEFAULT_SEED = 57
FIRST_DEMO_QUARTER = "2025-Q1"


today = config.today


@dataclass
class Sources:
    provinces: list[Province]
    communes: list[Commune]
    groups: list[GroupWeight]
    indicators: list[Indicator]
    targets: list[ClassifiedTarget]
    effective: list[EffectiveTarget]
    tasks: list[Task]
    data_version: str
    timings: dict[str, float] = field(default_factory=dict)
    unplaced: list[UnplacedTarget] = field(default_factory=list)
    folded: dict[str, int] | None = None  # what the store of record held, per table (kpi.store.fold)
    saved_plans: list[saved_plans.Manifest] = field(default_factory=list)  # data/saved_plans: their records
    documents: list[SourceDocument] = field(default_factory=list)  # data/documents.csv: the sources register
    positions: list[geo.Position] = field(default_factory=list)  # data/commune_positions.csv: a point per commune
    unplaced_units: list[geo.UnplacedUnit] = field(default_factory=list)  # ... and the units without one, with why


def data_version(data_dir: Path) -> str:
    """A short hash of every source file, so an export can say which data it came from."""
    import vietnam_provinces

    digest = hashlib.sha256(f"vietnam-provinces {vietnam_provinces.__data_version__}".encode())
    for path in sorted(data_dir.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(data_dir).parts)  # a writer's work in progress
        if path.is_file() and path.suffix in (".csv", ".yaml", ".yml") and not hidden:
            digest.update(path.relative_to(data_dir).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def load_sources(data_dir: Path | None = None) -> Sources:
    data_dir = data_dir or config.DATA_DIR
    provinces, communes = sources.load_units()
    groups = sources.load_groups(data_dir / "groups.yaml")
    indicators = sources.load_indicators(data_dir / "indicators.yaml", [g.group for g in groups])
    known = sources.known_refs(indicators, provinces, communes)
    saved = sources.load_saved_plans(data_dir)
    raw_targets = sources.load_targets(known, data_dir)
    tasks = sources.load_tasks(known, data_dir)
    directions = {i.code: i.direction for i in indicators}
    scoped = resolve_scopes(raw_targets, {i.code: i.scope for i in indicators})
    classified = mark_undercuts(classify(scoped, directions, plan_names(communes)), communes, directions)
    effective = effective_targets(classified, communes)
    official = {c.commune_code: c.province_code for c in communes}  # a position names an official commune of its province
    positions = geo.load_positions(data_dir / geo.POSITIONS_FILE, official)  # each inside Vietnam's box (geo.Position)
    unplaced_units = geo.load_unplaced(data_dir / geo.UNPLACED_FILE, official, {p.commune_code for p in positions})
    return Sources(provinces, communes, groups, indicators, classified, effective, tasks, data_version(data_dir),
                   unplaced=sources.load_unplaced(known, data_dir), saved_plans=saved,
                   documents=sources.load_documents(data_dir), positions=positions, unplaced_units=unplaced_units)


def _frames(src: Sources) -> dict[str, pl.DataFrame]:
    plan_of = plan_names(src.communes)  # citations name a commune's plan, not its seed file
    group_order = {g.group: n for n, g in enumerate(src.groups)}
    indicators = pl.DataFrame(
        [
            {
                "indicator_code": i.code,
                "name_vi": i.name_vi,
                "name_en": i.name_en,
                "unit": i.unit,
                "unit_en": i.unit_en,
                "group_code": i.group,
                "direction": i.direction,
                "kind": i.kind,
                "decimals": i.decimals,
                "lower_bound": i.lower_bound,
                "upper_bound": i.upper_bound,
                "definition_vi": i.definition_vi,
                "definition_en": i.definition_en,
                "r71_ref": i.r71_ref,
                "scope": i.scope,
                "sort_order": n,
                "portal_field": i.portal_field,
                "maximum": i.maximum,
                "citation": i.citation,
                "short_vi": i.short_vi,
                "short_en": i.short_en,
            }
            for n, i in enumerate(sorted(src.indicators, key=lambda i: group_order[i.group]))
        ],
        schema_overrides={"maximum": pl.Float64},
    )
    targets = pl.DataFrame(
        [
            {
                "target_id": c.target_id,
                "level": c.target.level,
                "province_code": c.target.province_code,
                "commune_code": c.target.commune_code,
                "indicator_code": c.target.indicator_code,
                "year": c.target.year,
                "recurring": c.target.recurring,
                "comparator": c.target.comparator,
                "value": c.target.value,
                "value_max": c.target.value_max,
                "unit": c.target.unit,
                "interpreted": c.target.interpreted,
                "seed_file": c.target.seed_file,
                "document": c.target.document or c.target.seed_file,
                "url": c.target.url,
                "section": c.target.section,
                "row_ref": c.target.row,
                "wording_vi": c.target.wording_vi,
                "note": c.target.note,
                "doc_file": c.target.doc_file,
                "doc_line": c.target.doc_line,
                "data_file": c.target.data_file,
                "data_row": c.target.data_row,
                "flag": c.flag,
                "is_effective": c.is_effective,
                "citation": citation(c.target, plan_of),
                "also_cited": " | ".join(c.also_cited),
                "undercuts": c.undercuts,
            }
            for c in src.targets
        ],
        schema_overrides={"province_code": pl.String, "commune_code": pl.String, "year": pl.Int32, "value_max": pl.Float64,
                          "doc_line": pl.Int32},
    )
    tasks = []
    for n, t in enumerate(src.tasks, 1):
        deadline = parse_deadline(t.deadline_text, t.page_hint)
        tasks.append(
            {
                "task_id": n,
                "commune_code": t.commune_code,
                "seq": t.seq,
                "section": t.section,
                "task": t.task,
                "lead_agency": t.lead_agency,
                "partners": t.partners,
                "deliverable": t.deliverable,
                "deadline_text": t.deadline_text,
                "deadline_date": deadline.due,
                "deadline_kind": deadline.kind,
                "recurring": deadline.recurring,
                "schedule_start": deadline.schedule_start,
                "seed_file": t.seed_file,
                "page_hint": t.page_hint,
                "data_file": t.data_file,
                "data_row": t.data_row,
            }
        )
    return {
        "province": pl.DataFrame([p.model_dump() for p in src.provinces]),
        "commune": pl.DataFrame([c.model_dump() for c in src.communes]).select(
            "commune_code", "province_code", "name", "unit_type"
        ),
        "indicator_group": pl.DataFrame(
            [
                {"group_code": g.group, "name_vi": g.name_vi, "name_en": g.name_en, "weight": g.weight, "sort_order": n}
                for n, g in enumerate(src.groups)
            ]
        ),
        "indicator": indicators,
        "commune_position": pl.DataFrame(
            [{"commune_code": p.commune_code, "latitude": p.latitude, "longitude": p.longitude, "matched_by": p.matched_by,
              "source": p.source} for p in src.positions],
            schema={"commune_code": pl.String, "latitude": pl.Float64, "longitude": pl.Float64, "matched_by": pl.String,
                    "source": pl.String}),
        "commune_unplaced": pl.DataFrame([{"commune_code": u.commune_code, "reason": u.reason} for u in src.unplaced_units],
                                         schema={"commune_code": pl.String, "reason": pl.String}),
        "milestone": pl.DataFrame({"year": list(config.MILESTONES)}, schema={"year": pl.Int32}),
        "plan_target": targets,
        "effective_target": pl.DataFrame(
            [e.__dict__ for e in src.effective],
            schema={
                "province_code": pl.String,
                "commune_code": pl.String,
                "indicator_code": pl.String,
                "year": pl.Int32,
                "recurring": pl.Boolean,
                "target_id": pl.Int64,
                "source_level": pl.String,
            },
        ),
        "task": pl.DataFrame(tasks, schema_overrides={"deadline_date": pl.Date, "schedule_start": pl.Date}),
        "unplaced_target": pl.DataFrame(
            [u.model_dump() for u in src.unplaced],
            schema={"commune_code": pl.String, "candidate_indicator": pl.String, "comparator": pl.String, "value": pl.Float64,
                    "unit": pl.String, "seed_file": pl.String, "section": pl.String, "row": pl.String, "seed_line": pl.Int64,
                    "wording_vi": pl.String, "reason_vi": pl.String, "reason_en": pl.String, "data_file": pl.String, "data_row": pl.Int64,
                    "province_code": pl.String, "doc_file": pl.String, "doc_line": pl.Int64},
        ).rename({"row": "row_ref"}),
        "source_document": pl.DataFrame(
            [d.model_dump() for d in src.documents],
            schema={name: pl.Int64 if name == "data_row" else pl.String for name in SourceDocument.model_fields},
        ),
    }


@dataclass(frozen=True)
class DemoSettings:
    scope: str = "provinces"
    seed: int = DEFAULT_SEED
    today: date | None = None  # None: the machine's date (or $KPI_TODAY)

    @property
    def as_of(self) -> Period:
        return last_closed_quarter(self.today or today())


def outdated(db: Path) -> DemoSettings | None:
    """The demo settings to rebuild the snapshot at db with, when an older version of this code built it (its
    tables are not the ones queries/schema.sql makes now: the pages' queries would fail on it); None when it
    is current. People's data are in the store of record: a rebuild folds them all again."""
    with connect(db) as con:
        info = build_info(con)
    if info.get("schema_sha256") == schema_sha256():
        return None
    return DemoSettings(info.get("demo_scope", "provinces"), int(info.get("demo_seed", DEFAULT_SEED)))


def _demo(con: duckdb.DuckDBPyConnection, src: Sources, demo: DemoSettings) -> dict[str, pl.DataFrame]:
    communes = scope_communes(pl.DataFrame([c.model_dump() for c in src.communes]), demo.scope)
    # a commune reports only what a commune can measure: never a national-only indicator (a share of GDP, a ranking)
    indicators = [DemoIndicator(i.code, i.kind, i.direction, i.lower_bound, i.upper_bound) for i in src.indicators
                  if i.scope == "commune"]
    targets = con.sql(
        "SELECT e.commune_code, e.indicator_code, e.year, t.value, t.value_max "
        "FROM effective_target e JOIN plan_target t USING (target_id)"
    ).pl()
    periods = quarters(FIRST_DEMO_QUARTER, demo.as_of.label)
    observations = generate_observations(communes, indicators, targets, periods, demo.seed)
    tasks = con.sql("SELECT task_id, deadline_date, recurring FROM task ORDER BY task_id").pl()
    statuses = generate_task_statuses(tasks, demo.as_of.end, PLAN_START, demo.seed)
    return {"observation": observations, "task_status": statuses}


def write_database(src: Sources, path: Path, demo: DemoSettings, records_of: Path | None = None) -> dict[str, float]:
    """Create a fresh database file at path (which must not exist) and load every table: the sources, the
    demo values and the store of record of database `records_of` (kpi.store.fold: people's records that the
    sources cannot place are kept in the store and listed in record_unmatched, never dropped), then score
    every quarter. src.folded says what the store held."""
    timings: dict[str, float] = {}
    con = duckdb.connect(str(path))
    try:
        started = time.perf_counter()
        con.execute(query_text("schema"))
        for table, frame in _frames(src).items():
            insert_frame(con, table, frame)
        timings["load_sources_s"] = time.perf_counter() - started
        started = time.perf_counter()
        frames = _demo(con, src, demo)
        timings["generate_demo_s"] = time.perf_counter() - started
        started = time.perf_counter()
        for table, frame in frames.items():
            insert_frame(con, table, frame)
        timings["load_demo_s"] = time.perf_counter() - started
        started = time.perf_counter()
        with records.read_only(records_of) if records_of is not None else nullcontext(None) as rec:
            if rec is not None:
                records.begin_read(rec)  # one read transaction: the records and the last change, consistent
            src.folded = fold.load_records(con, rec)
            through = changes.pending(rec, 0).through
        timings["load_records_s"] = time.perf_counter() - started
        started = time.perf_counter()
        tables.store(con, quarters(FIRST_DEMO_QUARTER, demo.as_of.label))  # every quarter: each can be chosen
        timings["scores_s"] = time.perf_counter() - started
        info = {
            "data_version": src.data_version,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "demo_scope": demo.scope,
            "demo_seed": str(demo.seed),
            "as_of_period": demo.as_of.label,
            "first_period": FIRST_DEMO_QUARTER,
            "published_through": str(through),
            "schema_sha256": schema_sha256(),
        }
        con.executemany("INSERT INTO build_info VALUES (?, ?)", list(info.items()))
        store.stamp(con, "build")
        con.execute("CHECKPOINT")
        # what the publisher compacts against: a snapshot grown past 1.05 x this is written out afresh
        con.execute("INSERT INTO build_info VALUES ('fresh_size_bytes', $size)", {"size": str(path.stat().st_size)})
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return timings


def build(
    db: Path | None = None, data_dir: Path | None = None, demo: DemoSettings | None = None, *,
    if_missing: bool = False, timeout: float | None = None, on_wait: Callable[[str], None] | None = None,
    actor: Actor | None = None,
) -> Sources | None:
    """Validate data/ and build a new snapshot of the database at db, published only when complete.

    The build holds the snapshot lease while it writes (kpi.store.lease); people's writes go on meanwhile
    into the store of record, and those the build did not see are folded in by the next publication.
    if_missing: do nothing (return None) if a database is already published, also when another process
    published it meanwhile. The build is audited in the store (actor: who built it, by default the
    administrator at the server), once it is published."""
    db = Path(db or config.default_db())
    started = time.perf_counter()
    src = load_sources(data_dir)  # raises SourceErrors before anything is written
    src.timings["validate_s"] = time.perf_counter() - started
    wait = store.DEFAULT_WAIT if timeout is None else timeout
    demo = demo or DemoSettings()
    try:
        with store.writing(db, "build", copy=False, timeout=wait, on_wait=on_wait) as work:
            try:
                store.current(db)
                if if_missing:
                    raise _AlreadyBuilt  # leaves the writer block without publishing anything
            except FileNotFoundError:
                pass
            saved_plans.remove_leftovers(data_dir)  # what saves killed before their rename left
            with records.connect(db) as rec, records.transaction(rec):  # folded below: never a plan without its audit
                src.timings["completed_plan_audits"] = len(plans.complete(rec, src.saved_plans))
            src.timings.update(_load_published(db, data_dir or config.DATA_DIR, src, actor))
            src.timings.update(write_database(src, work, demo, records_of=db))
    except _AlreadyBuilt:
        return None
    folded = src.folded or {}
    detail = (f"data version {src.data_version}, demo scope {demo.scope} (seed {demo.seed}, as of {demo.as_of.label}); "
              f"{folded.get('real_value', 0)} imported value(s), {folded.get('task_report', 0)} task report(s) from the "
              f"store of record, {folded.get('unmatched', 0)} to map again (cần đối chiếu)")
    with records.connect(db) as rec, records.transaction(rec):
        audits.record(rec, actor or Actor.server_admin(), "build", detail)
    src.timings["build_s"] = time.perf_counter() - started
    return src


class _AlreadyBuilt(Exception):
    pass


def _load_published(db: Path, data_dir: Path, src: Sources, actor: Actor | None) -> dict[str, float]:
    """data/published/'s snapshots (Bộ chỉ số 766) into the store of record, those it does not hold yet (a
    snapshot already there changes nothing), so the embedded default shows them without a manual step; folded
    below with every record. A shipped file that does not load is a source error: nothing is published."""
    files = published.shipped(data_dir)
    if not files:
        return {}
    units = Units(pl.DataFrame([p.model_dump() for p in src.provinces]), pl.DataFrame([c.model_dump() for c in src.communes]))
    try:
        result = published.load(db, actor or Actor.server_admin(), files, units=units, for_publisher=False)
    except PublishedError as exc:
        raise SourceErrors([SourceError(f"data/published/{str(e).split(':')[0]}", 0, "(published)", e) for e in exc.errors]) from None
    return {"published_values_loaded": result.values, "published_load_s": result.seconds}
