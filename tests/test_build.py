"""The build validates every source row and swaps the database in only when complete."""

import csv
import hashlib
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest
import yaml

from kpi import config
from kpi.build import build
from kpi.sources import SourceErrors

PLAN_HEADER = "commune_code,indicator_code,year,recurring,comparator,value,value_max,unit,interpreted,seed_file,section,row,wording_vi,note\n"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def a_target_row(indicator: str, value: str = "70", commune: str = "23548", year: str = "2030") -> str:
    return f"{commune},{indicator},{year},false,>=,{value},,%,false,000_ed387def56e3d433.txt,I.3,1,Thử nghiệm,\n"


def first_percent_indicator(data_dir: Path) -> str:
    entries = yaml.safe_load((data_dir / "indicators.yaml").read_text(encoding="utf-8"))
    return next(e["code"] for e in entries if e["kind"] == "percent")


def test_invalid_catalogue_entry_names_file_entry_and_field(data_copy):
    entries = yaml.safe_load((data_copy / "indicators.yaml").read_text(encoding="utf-8"))
    entries[2]["direction"] = "sideways"
    (data_copy / "indicators.yaml").write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    with pytest.raises(SourceErrors) as exc:
        build(data_copy.parent / "x.duckdb", data_copy)
    [err] = exc.value.errors
    assert err.file.endswith("indicators.yaml")
    assert err.row == f"entry 3 ({entries[2]['code']})"
    assert err.field == "direction"
    assert "higher" in err.message


def test_invalid_target_row_names_file_row_and_field(data_copy):
    code = first_percent_indicator(data_copy)
    bad = data_copy / "plans" / "99999.csv"
    bad.write_text(PLAN_HEADER + a_target_row(code) + a_target_row(code, value="bảy mươi", year="2035"), encoding="utf-8")
    with pytest.raises(SourceErrors) as exc:
        build(data_copy.parent / "x.duckdb", data_copy)
    [err] = exc.value.errors
    assert (Path(err.file).name, err.row, err.field) == ("99999.csv", 3, "value")
    assert str(err).endswith("99999.csv:3: value: Input should be a valid number, unable to parse string as a number")


def test_unknown_references_are_named(data_copy):
    code = first_percent_indicator(data_copy)
    bad = data_copy / "plans" / "99999.csv"
    bad.write_text(PLAN_HEADER + a_target_row("no_such_indicator") + a_target_row(code, commune="99999"), encoding="utf-8")
    with pytest.raises(SourceErrors) as exc:
        build(data_copy.parent / "x.duckdb", data_copy)
    found = {(e.row, e.field) for e in exc.value.errors}
    assert found == {(2, "indicator_code"), (3, "commune_code")}


def test_cross_field_rule_names_its_field(data_copy):
    code = first_percent_indicator(data_copy)
    bad = data_copy / "plans" / "99999.csv"
    bad.write_text(PLAN_HEADER + a_target_row(code, year="2031"), encoding="utf-8")
    with pytest.raises(SourceErrors) as exc:
        build(data_copy.parent / "x.duckdb", data_copy)
    [err] = exc.value.errors
    assert (err.row, err.field) == (2, "year")


def test_failed_build_leaves_previous_database_untouched(data_copy, tmp_path):
    db = tmp_path / "kpi.duckdb"
    build(db, data_copy)
    before = sha(db)
    (data_copy / "plans" / "99999.csv").write_text(PLAN_HEADER + a_target_row("no_such_indicator"), encoding="utf-8")
    with pytest.raises(SourceErrors):
        build(db, data_copy)
    assert sha(db) == before
    # nothing half-written left: the link, the writer lock and the one published snapshot
    assert sorted(p.name for p in tmp_path.iterdir()) == [".kpi.duckdb.lock", ".kpi.duckdb.snapshots", "data", "kpi.duckdb"]
    assert [p for p in (tmp_path / ".kpi.duckdb.snapshots").iterdir()] == [db.resolve()]


def test_cli_build_reports_errors_and_exits_1(data_copy, tmp_path):
    db = tmp_path / "kpi.duckdb"
    (data_copy / "plans" / "99999.csv").write_text(PLAN_HEADER + a_target_row("no_such_indicator"), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "kpi", "build", "--db", str(db), "--data", str(data_copy)],
        capture_output=True, text=True, cwd=config.ROOT,
    )
    assert proc.returncode == 1
    assert "99999.csv:2: indicator_code: unknown indicator 'no_such_indicator'" in proc.stderr
    assert "left unchanged" in proc.stderr
    assert not db.exists()


def test_schema_enforces_keys_and_checks(db_path, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copy(db_path, copy)
    con = duckdb.connect(str(copy))
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO province VALUES ('51', 'Trùng mã', 'tỉnh')")
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO commune VALUES ('99999', '99', 'Xã Không Có', 'xã')")  # unknown province
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO commune VALUES ('99998', '51', 'Xã Lạ', 'thôn')")  # not a unit type
    con.close()


def test_build_records_data_version(con, sources):
    info = dict(con.execute("SELECT key, value FROM build_info").fetchall())
    assert info["data_version"] == sources.data_version
    assert len(info["data_version"]) == 12


# --- a rebuild loses nothing: refused, naming what it would drop, or carried over and said ------------

INDICATOR = "online_public_service_usage_share"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture()
def real_db(db_path, tmp_path, data_copy) -> Path:
    """A published database (built from data_copy) with real records: an imported value of Quân Chu and a
    completed task report of its task 1 with its evidence, returned by the reviewer."""
    from kpi import store
    from kpi.accounts import Actor
    from kpi.build import DemoSettings
    from kpi.importer import import_files
    from kpi.workflow import evidence, progress, review
    from tests.conftest import TODAY

    db = tmp_path / "kpi.duckdb"
    build(db, data_copy, DemoSettings("seeds", 57, TODAY))
    admin = Actor.server_admin()
    values = tmp_path / "q3.csv"
    values.write_text(f"commune_code,indicator_code,period,value\n05851,{INDICATOR},2026-Q3,61\n", encoding="utf-8")
    with store.edit(db, "import") as con:
        assert import_files(con, [values], actor=admin).ok
        task_id = con.sql("SELECT task_id FROM task WHERE commune_code = '05851' AND seq = '1'").fetchall()[0][0]
        [rid] = progress.report_form(con, actor=admin, task_id=task_id, status="done", percent=None, note="xong",
                                     evidence={"bien-ban.pdf": PDF}, store=evidence.store_dir(db)).report_ids
        review.review_task(con, rid, actor=admin, accept=False, reason="thiếu chữ ký")
    return db


def rebuild(db: Path, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kpi", "build", "--db", str(db), "--data", str(data_dir), "--demo-scope",
                           "seeds"], capture_output=True, text=True, cwd=config.ROOT, env={**os.environ, "KPI_TODAY": "2026-11-22"})


def edit_csv(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows, fields = list(reader), reader.fieldnames
    rows = [r for r in (change(dict(r)) for r in rows) if r is not None]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields)
        writer.writeheader()
        writer.writerows(rows)


def published(db: Path) -> tuple[Path, str]:
    return db.resolve(), sha(db)


def task_one(con) -> tuple:
    return con.sql("SELECT r.report_id, t.seq, t.task, r.task_wording, r.review, r.review_reason, e.file_name "
                   "FROM task_report r JOIN task t USING (task_id) JOIN task_report_evidence e USING (report_id)").fetchall()


def test_a_corrected_task_wording_carries_its_report_over_by_number_and_says_so(real_db, data_copy):
    from kpi.db import connect

    with connect(real_db) as con:
        [(rid, _, old, *_)] = task_one(con)
    edit_csv(data_copy / "tasks" / "05851.csv", lambda r: r | {"task": r["task"] + " (đã sửa)"} if r["seq"] == "1" else r)
    proc = rebuild(real_db, data_copy)
    assert proc.returncode == 0, proc.stderr
    assert f"1 task report(s) moved to their task's corrected wording: report {rid} of Xã Quân Chu (05851) task 1: " \
           f"«{old}» -> «{old} (đã sửa)»" in proc.stdout
    with connect(real_db) as con:
        assert task_one(con) == [(rid, "1", f"{old} (đã sửa)", f"{old} (đã sửa)", "returned", "thiếu chữ ký", "bien-ban.pdf")]
        [(actor, detail)] = con.sql("SELECT actor, detail FROM audit_log WHERE action = 'build' ORDER BY audit_id DESC LIMIT 1").fetchall()
    assert actor.startswith("cli:") and f"report {rid} of Xã Quân Chu (05851) task 1: «{old}» -> «{old} (đã sửa)»" in detail


def test_a_report_whose_task_is_gone_refuses_the_build_naming_it(real_db, data_copy):
    from kpi.build import DemoSettings
    from kpi.carry_over import WouldDrop
    from kpi.db import connect

    with connect(real_db) as con:
        [(rid, _, old, *_)] = task_one(con)
    before = published(real_db)
    # the wording corrected and the tasks renumbered: task 1's number now belongs to another task of the plan
    edit_csv(data_copy / "tasks" / "05851.csv", lambda r: None if r["seq"] == "1" else r)
    proc = rebuild(real_db, data_copy)
    assert proc.returncode == 1
    assert "build bị từ chối" in proc.stderr and "build refused: the new sources would drop 1 stored record(s)" in proc.stderr
    assert f"báo cáo nhiệm vụ / task report {rid}: Xã Quân Chu (05851), nhiệm vụ / task 1 «{old}», báo cáo bởi / " \
           f"reported by cli:" in proc.stderr
    assert "(giờ Việt Nam / Vietnam time) (form)" in proc.stderr
    assert published(real_db) == before, "the published database is untouched"
    with pytest.raises(WouldDrop) as exc:
        build(real_db, data_copy, DemoSettings("seeds", 57, date(2026, 11, 22)))
    assert len(exc.value.lines) == 1 and published(real_db) == before
    assert [p for p in (real_db.parent / ".kpi.duckdb.snapshots").iterdir()] == [real_db.resolve()]


def test_an_indicator_removed_with_imported_values_refuses_the_build_naming_them(real_db, data_copy):
    before = published(real_db)
    entries = yaml.safe_load((data_copy / "indicators.yaml").read_text(encoding="utf-8"))
    (data_copy / "indicators.yaml").write_text(
        yaml.safe_dump([e for e in entries if e["code"] != INDICATOR], allow_unicode=True, sort_keys=False), encoding="utf-8")
    for path in [*data_copy.glob("*.csv"), *data_copy.glob("plans/*.csv")]:
        if "indicator_code" in path.read_text(encoding="utf-8").splitlines()[0]:
            edit_csv(path, lambda r: None if r["indicator_code"] == INDICATOR else r)
    proc = rebuild(real_db, data_copy)
    assert proc.returncode == 1, proc.stdout
    assert "would drop 1 stored record(s)" in proc.stderr
    assert f"giá trị nhập / imported value: Xã Quân Chu (05851), chỉ tiêu, kỳ / indicator, period {INDICATOR}, 2026-Q3, " \
           f"lô / batch 1 (q3.csv), cli:" in proc.stderr
    assert published(real_db) == before


def test_every_build_is_audited_in_the_database_it_writes(real_db, data_copy):
    from kpi.db import connect

    assert rebuild(real_db, data_copy).returncode == 0
    with connect(real_db) as con:
        info = dict(con.execute("SELECT key, value FROM build_info").fetchall())
        rows = con.sql("SELECT actor, role, detail FROM audit_log WHERE action = 'build' ORDER BY audit_id").fetchall()
    assert len(rows) == 2, "the first build and this one"
    actor, role, detail = rows[-1]
    assert actor.startswith("cli:") and "@" in actor and role == "admin"
    assert detail.startswith(f"data version {info['data_version']}, demo scope seeds (seed 57, as of 2026-Q3); carried over "
                             "1 imported values, 1 task reports, 1 approvals, 0 accounts")
    assert rows[0][2].endswith("no previous database")
