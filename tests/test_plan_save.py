"""Saving a reviewed plan (kpi.services.plans.save_plan): the role and scope read again at the write from the
store of record, the plan document kept by its sha256 and cited, all or nothing with the audit row in the
store (kill -9 at several points), the build accepts it, and the same candidates saved twice are refused."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from kpi import config, records, saved_plans
from kpi.accounts import AccessDenied, Actor, audit, users
from kpi.build import DemoSettings, build
from kpi.db import connect
from kpi.extract.review import extract
from kpi.services import accounts
from kpi.services.plans import save_plan
from kpi.sources import SourceErrors

TODAY = date(2026, 11, 22)
SEED = config.SEEDS_DIR / "000_ed387def56e3d433.txt"  # Ya Ly's plan, brought in as if for another commune
COMMUNE = "10510"  # a commune of Hải Phòng (31) without a plan in data/plans
NAME = "ke-hoach-chuyen-doi-so-thanh-dong-2025.txt"  # as the commune named it: no seed has this name
REVIEWER = "reviewer@haiphong.gov.vn"


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A small database (the seed communes' demo values) with one account of each kind."""
    path = tmp_path_factory.mktemp("plansave") / "kpi.duckdb"
    build(path, demo=DemoSettings("seeds", 57, TODAY))
    admin = Actor.server_admin()
    accounts.add_user(path, admin, REVIEWER, "province_reviewer", province="31")
    accounts.add_user(path, admin, "reviewer@thainguyen.gov.vn", "province_reviewer", province="19")
    accounts.add_user(path, admin, "editor@thanhdong.gov.vn", "commune_editor", communes=[COMMUNE])
    accounts.add_user(path, admin, "viewer@haiphong.gov.vn", "viewer")
    return path


@pytest.fixture()
def place(base, data_copy, tmp_path) -> tuple[Path, Path]:
    """(database, data folder), both private to the test."""
    db = tmp_path / "kpi.duckdb"
    shutil.copy(base, db)  # the published snapshot, as a plain file (snapshot 0)
    shutil.copy(records.path_for(base), records.path_for(db))  # and its store of record (closed: no WAL beside it)
    return db, data_copy


@pytest.fixture(scope="module")
def accepted() -> tuple[pl.DataFrame, pl.DataFrame]:
    """Every candidate target and every task of the plan, as a reviewer accepts them (the grid's rows)."""
    result = extract(SEED, COMMUNE)
    targets = result.targets.with_row_index("review_row", offset=1).filter(pl.col("status") == "candidate")
    return targets, result.tasks.with_row_index("review_row", offset=1)


def account(db: Path, email: str) -> Actor:
    found = users.actor_of(db, email)
    assert found is not None
    return found


def save(db: Path, data: Path, actor: Actor, accepted, name: str = NAME):
    targets, tasks = accepted
    return save_plan(db, actor, commune=COMMUNE, document=name, content=SEED.read_bytes(), targets=targets, tasks=tasks,
                     data_dir=data)


def plan_audits(db: Path) -> list[tuple]:
    """The plan saves' audit rows in the store of record, oldest first."""
    return audit.log(db).filter(action="plan_extract").sort("audit_id").select("actor", "role", "files", "sha256").rows()


def snapshot_plan_audits(db: Path) -> list[tuple]:
    with connect(db) as con:
        return con.sql("SELECT actor, role, files, sha256 FROM audit_log WHERE action = 'plan_extract' ORDER BY audit_id").fetchall()


def nothing_written(db: Path, data: Path) -> None:
    assert not saved_plans.root(data).exists() or list(saved_plans.root(data).iterdir()) == []
    assert not (data / "plans" / f"{COMMUNE}.csv").exists() and not (data / "tasks" / f"{COMMUNE}.csv").exists()
    assert plan_audits(db) == []


def rebuild(db: Path, data: Path) -> tuple[int, int]:
    """The next writer: a build from `data`; the commune's targets and tasks in the new database."""
    build(db, data, DemoSettings("seeds", 57, TODAY))
    with connect(db) as con:
        return (con.sql(f"SELECT count(*) FROM plan_target WHERE commune_code = '{COMMUNE}'").fetchall()[0][0],
                con.sql(f"SELECT count(*) FROM task WHERE commune_code = '{COMMUNE}'").fetchall()[0][0])


def test_a_saved_plan_keeps_its_document_and_the_build_includes_it_cited_to_it(place, accepted):
    db, data = place
    saved = save(db, data, account(db, REVIEWER), accepted)
    sha256 = hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert saved.kept == f"{sha256[:16]}.txt" and (saved.folder / saved.kept).read_bytes() == SEED.read_bytes()
    assert saved.folder == data / "saved_plans" / saved.save_id
    assert (saved.targets, saved.tasks) == (accepted[0].height, accepted[1].height) and saved.targets >= 14
    manifest = saved_plans.read_manifest(saved.folder)
    assert (manifest.document, manifest.sha256, manifest.saved_by, manifest.role) == (NAME, sha256, REVIEWER, "province_reviewer")
    assert plan_audits(db) == [(REVIEWER, "province_reviewer", f"saved_plans/{saved.save_id}", sha256)]

    assert rebuild(db, data) == (saved.targets, saved.tasks)  # no "no plan named …": the build accepts it
    with connect(db) as con:
        cited = con.sql(f"SELECT DISTINCT seed_file, data_file FROM plan_target WHERE commune_code = '{COMMUNE}'").fetchall()
        sections = con.sql(f"SELECT count(*) FROM plan_target WHERE commune_code = '{COMMUNE}' AND section <> ''").fetchall()
        tasks = con.sql(f"SELECT DISTINCT seed_file FROM task WHERE commune_code = '{COMMUNE}'").fetchall()
    assert cited == [(saved.kept, f"{data}/saved_plans/{saved.save_id}/targets.csv")]
    assert sections == [(saved.targets,)] and tasks == [(saved.kept,)]
    assert plan_audits(db) == [(REVIEWER, "province_reviewer", f"saved_plans/{saved.save_id}", sha256)]  # kept, once


def test_a_kept_document_that_changed_stops_the_build(place, accepted):
    db, data = place
    saved = save(db, data, account(db, REVIEWER), accepted)
    (saved.folder / saved.kept).write_text("một kế hoạch khác", encoding="utf-8")
    with pytest.raises(SourceErrors, match="sha256"):
        rebuild(db, data)


def test_an_account_removed_between_the_click_and_the_write_saves_nothing(place, accepted):
    db, data = place
    page_actor = account(db, REVIEWER)  # what the page knew when it was drawn
    accounts.remove_user(db, Actor.server_admin(), REVIEWER)
    with pytest.raises(AccessDenied, match=f"{REVIEWER} \\(Người xem\\)"):
        save(db, data, page_actor, accepted)
    nothing_written(db, data)


@pytest.mark.parametrize(("email", "why"), [
    ("viewer@haiphong.gov.vn", "không được thẩm định"),
    ("editor@thanhdong.gov.vn", "không được thẩm định"),  # a commune editor of this very commune: no review right
    ("reviewer@thainguyen.gov.vn", f"xã {COMMUNE} nằm ngoài phạm vi của bạn$"),
])
def test_an_account_without_the_review_right_for_the_commune_saves_nothing(place, accepted, email, why):
    db, data = place
    with pytest.raises(AccessDenied, match=why):
        save(db, data, account(db, email), accepted)
    nothing_written(db, data)


def test_the_same_candidates_saved_twice_are_refused_naming_when_and_by_whom(place, accepted):
    db, data = place
    first = save(db, data, account(db, REVIEWER), accepted)
    with pytest.raises(SourceErrors) as caught:
        save(db, data, account(db, REVIEWER), accepted, name="ke-hoach-ban-sao.txt")
    errors = caught.value.errors
    assert len(errors) == first.targets + first.tasks  # every row, each by its sheet and grid row
    assert {e.file for e in errors} == {"targets", "tasks"}
    when = saved_plans.read_manifest(first.folder).when("vi")
    assert all(f"đã được lưu lúc {when} (giờ Việt Nam) bởi {REVIEWER} (lần lưu {first.save_id})" in e.text("vi")
               and f"was already saved on {saved_plans.read_manifest(first.folder).when('en')} (Vietnam time)" in e.text("en")
               for e in errors), errors[0].text("vi")
    assert saved_plans.folders(data) == [first.folder] and len(plan_audits(db)) == 1
    # a target not saved before still goes in: refused are the rows saved before, not the document
    targets, tasks = accepted
    edited = targets.head(1).with_columns(pl.lit(1234.0).alias("value"), pl.lit(2030).alias("year"), pl.lit(False).alias("recurring"))
    second = save(db, data, account(db, REVIEWER), (edited, tasks.head(0)))
    assert second.targets == 1 and len(plan_audits(db)) == 2


CHILD = """
import sys
from pathlib import Path
if len(sys.argv) > 7:
    from tests.faults import arm
    arm(sys.argv[7])  # killed there
import polars as pl
from kpi.accounts import users
from kpi.extract.review import extract
from kpi.services.plans import save_plan
db, data, seed, commune, email, name = sys.argv[1:7]
result = extract(Path(seed), commune)
targets = result.targets.with_row_index("review_row", offset=1).filter(pl.col("status") == "candidate")
save_plan(Path(db), users.actor_of(Path(db), email), commune=commune, document=name, content=Path(seed).read_bytes(),
          targets=targets, tasks=result.tasks.with_row_index("review_row", offset=1), data_dir=Path(data))
"""


@pytest.mark.parametrize(("stage", "kept"), [
    ("document_written", False), ("before_rename", False), ("after_rename", True), (None, True)])
def test_a_save_killed_at_any_point_leaves_all_or_nothing(place, stage, kept):
    """kill -9 of the saving process; then the next writer (a build): the targets, the tasks, the kept document
    and the audit row are all there, or none of them is."""
    db, data = place
    env = {**os.environ, "KPI_TODAY": TODAY.isoformat()}
    done = subprocess.run([sys.executable, "-c", CHILD, str(db), str(data), str(SEED), COMMUNE, REVIEWER, NAME, *([stage] if stage else [])],
                          capture_output=True, text=True, cwd=config.ROOT, env=env, timeout=300)
    assert done.returncode == (-9 if stage else 0), done.stderr
    if stage in ("document_written", "before_rename"):
        assert [p.name[:9] for p in saved_plans.root(data).iterdir()] == [".writing-"]  # hidden from the build
    targets, tasks = rebuild(db, data)
    folders = saved_plans.folders(data)
    audits = plan_audits(db)
    assert list(saved_plans.root(data).glob(".*")) == []  # the next writer removed what the killed one left
    if not kept:
        assert (targets, tasks, folders, audits, snapshot_plan_audits(db)) == (0, 0, [], [], [])
        return
    [folder] = folders
    sha256 = hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert (folder / f"{sha256[:16]}.txt").read_bytes() == SEED.read_bytes()
    assert targets == pl.read_csv(folder / "targets.csv").height >= 14 and tasks == pl.read_csv(folder / "tasks.csv").height >= 30
    assert audits == [(REVIEWER, "province_reviewer", f"saved_plans/{folder.name}", sha256)]
    assert snapshot_plan_audits(db) == audits  # the build folded the completed audit row with the plan's targets


def test_a_save_killed_after_its_rename_is_audited_by_the_next_save(place, accepted):
    """The next writer may be another save: it records the audit row the killed one did not publish."""
    db, data = place
    env = {**os.environ, "KPI_TODAY": TODAY.isoformat()}
    done = subprocess.run([sys.executable, "-c", CHILD, str(db), str(data), str(SEED), COMMUNE, REVIEWER, NAME, "after_rename"],
                          capture_output=True, text=True, cwd=config.ROOT, env=env, timeout=300)
    assert done.returncode == -9 and plan_audits(db) == []
    [killed] = saved_plans.folders(data)
    targets, tasks = accepted
    other = targets.head(1).with_columns(pl.lit(4321.0).alias("value"), pl.lit(2030).alias("year"), pl.lit(False).alias("recurring"))
    later = save(db, data, account(db, REVIEWER), (other, tasks.head(0)))
    assert [f for _, _, f, _ in plan_audits(db)] == [f"saved_plans/{killed.name}", f"saved_plans/{later.save_id}"]
