"""The build validates every source row and swaps the database in only when complete."""

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import yaml

from kpi import config
from kpi.build import build
from kpi.sources import SourceErrors
from kpi.store.snapshots import POINTER

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
    # nothing half-written left: the link, the one published snapshot and the store of record (the lease lives there)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".kpi.duckdb.snapshots", "data", "kpi.duckdb", "kpi.records.sqlite3"]
    assert sorted(p for p in (tmp_path / ".kpi.duckdb.snapshots").iterdir() if p.name != POINTER) == [
        db.resolve(), Path(f"{db.resolve()}.reference.sqlite3")]  # and the reference its publisher keeps beside it
    assert json.loads((tmp_path / ".kpi.duckdb.snapshots" / POINTER).read_text())["snapshot"] == db.resolve().name


def test_cli_build_reports_errors_and_exits_1(data_copy, tmp_path):
    db = tmp_path / "kpi.duckdb"
    (data_copy / "plans" / "99999.csv").write_text(PLAN_HEADER + a_target_row("no_such_indicator"), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "kpi", "build", "--db", str(db), "--data", str(data_copy)],
        capture_output=True, text=True, cwd=config.ROOT,
    )
    assert proc.returncode == 1
    assert "99999.csv:2: indicator_code: unknown indicator 'no_such_indicator'" in proc.stderr
    assert "giữ nguyên" in proc.stderr
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


def test_a_milestone_outside_the_one_list_is_refused_by_the_sources_and_the_database(db_path, tmp_path):
    """kpi.config.MILESTONES is the one list: the build loads it into the milestone table, every target row's year
    refers to it (no second copy of the years in queries/schema.sql), a source row naming another is refused
    (test_cross_field_rule_names_its_field) and so is a row written into the database."""
    schema = (config.QUERIES_DIR / "schema.sql").read_text(encoding="utf-8")
    assert "year IN (" not in schema and "2035" not in schema and "2045" not in schema
    copy = tmp_path / "copy.duckdb"
    shutil.copy(db_path, copy)
    con = duckdb.connect(str(copy))
    assert [y for (y,) in con.execute("SELECT year FROM milestone ORDER BY year").fetchall()] == list(config.MILESTONES)
    row = "INSERT INTO plan_target SELECT * REPLACE ({id} AS target_id, {year} AS year) FROM plan_target WHERE year IS NOT NULL LIMIT 1"
    with pytest.raises(duckdb.ConstraintException, match="year: 2031"):
        con.execute(row.format(id=10_000_000, year=2031))
    con.execute(row.format(id=10_000_001, year=config.MILESTONES[-1]))  # the same row in a milestone year goes in
    con.close()


def test_build_records_data_version(con, sources):
    info = dict(con.execute("SELECT key, value FROM build_info").fetchall())
    assert info["data_version"] == sources.data_version
    assert len(info["data_version"]) == 12


# --- a rebuild loses nothing: every record stays in the store; the snapshot places it or lists it -----------

INDICATOR = "online_public_service_usage_share"
RENAMED = "online_public_service_use_share"


def seed_store(db: Path) -> int:
    """Real records in the store of record of db, as people's writes leave them (the statements that move a
    database in, kpi.services.migration, which keep ids): an imported value of Quân Chu, a completed task report
    of its task 1 with its evidence, returned by the reviewer. Returns the report's id."""
    from kpi import records
    from kpi.accounts import Actor, audit
    from kpi.db import connect
    from kpi.records import changes

    with connect(db) as con:
        [(task_id, wording)] = con.sql("SELECT task_id, task FROM task WHERE commune_code = '05851' AND seq = '1'").fetchall()
    at, admin = records.stamp(), Actor.server_admin()
    rows = {
        "import_batch": dict(batch_id=1, file_names="q3.csv", sha256="0" * 64, imported_at=at, rows_read=1, imported=1,
                             updated=0, unchanged=0, rolled_back_at=None, imported_by=admin.email, rolled_back_by=None),
        "real_value": dict(commune_code="05851", indicator_code=INDICATOR, period="2026-Q3", period_end="2026-09-30",
                           value=61.0, source="q3.csv", batch_id=1, source_row=2, evidence=None, note=None),
        "observation_history": dict(batch_id=1, commune_code="05851", indicator_code=INDICATOR, period="2026-Q3",
                                    period_end="2026-09-30", value=61.0, source="q3.csv", previous_batch_id=None,
                                    source_row=2, evidence=None, note=None),
        "evidence_file": dict(sha256="a" * 64, media_type="application/pdf", size_bytes=40, stored_at=at, stored_by=admin.email),
        "task_report": dict(report_id=1, task_id=task_id, commune_code="05851", task_seq="1", task_wording=wording,
                            status="done", percent_complete=100.0, note="xong", reported_at=at, reported_by=admin.email,
                            source="form", source_row=1, review="returned", reviewed_at=at, reviewed_by=admin.email,
                            review_reason="thiếu chữ ký"),
        "task_report_evidence": dict(report_id=1, sha256="a" * 64, file_name="bien-ban.pdf"),
    }
    with records.connect(db) as con, records.transaction(con):
        for table, row in rows.items():
            records.execute(con, f"migrate_{table}", **row)
        changes.record(con, "import", audit.record(con, admin, "import", "imported 1", files="q3.csv", batch=1), ["05851"])
    return 1


@pytest.fixture()
def real_db(tmp_path, data_copy) -> Path:
    """A published database (built from data_copy) whose store of record holds real records (seed_store),
    published."""
    from kpi.build import DemoSettings
    from kpi.store.publisher import publish_if_pending
    from tests.conftest import TODAY

    db = tmp_path / "kpi.duckdb"
    build(db, data_copy, DemoSettings("seeds", 57, TODAY))
    seed_store(db)
    assert publish_if_pending(db) is not None
    return db


def kpi_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kpi", *args], capture_output=True, text=True, cwd=config.ROOT,
                          env={**os.environ, "KPI_TODAY": "2026-11-22"})


def rebuild(db: Path, data_dir: Path) -> subprocess.CompletedProcess:
    return kpi_cli("build", "--db", str(db), "--data", str(data_dir), "--demo-scope", "seeds")


def edit_csv(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows, fields = list(reader), reader.fieldnames
    rows = [r for r in (change(dict(r)) for r in rows) if r is not None]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields)
        writer.writeheader()
        writer.writerows(rows)


def rename_indicator(data_dir: Path, old: str, new: str) -> None:
    """The catalogue renames an indicator's code, and every source row that names it follows."""
    entries = yaml.safe_load((data_dir / "indicators.yaml").read_text(encoding="utf-8"))
    (data_dir / "indicators.yaml").write_text(yaml.safe_dump(
        [e | {"code": new} if e["code"] == old else e for e in entries], allow_unicode=True, sort_keys=False), encoding="utf-8")
    for path in [*data_dir.glob("*.csv"), *data_dir.glob("plans/*.csv")]:
        if "indicator_code" in path.read_text(encoding="utf-8").splitlines()[0]:
            edit_csv(path, lambda r: r | {"indicator_code": new} if r["indicator_code"] == old else r)


def task_one(con) -> list[tuple]:
    return con.sql("SELECT r.report_id, t.seq, t.task, r.task_wording, r.review, r.review_reason, e.file_name "
                   "FROM task_report r JOIN task t USING (task_id) JOIN task_report_evidence e USING (report_id)").fetchall()


def in_store(db: Path) -> tuple[list, list]:
    """The store's real values and task reports (what a rebuild must never lose)."""
    from kpi import records

    with records.read_only(db) as con:
        return (records.run(con, "all_real_value").select("commune_code", "indicator_code", "period", "value").rows(),
                records.run(con, "all_task_report").select("report_id", "status", "review").rows())


def test_a_corrected_task_wording_keeps_its_report_by_number(real_db, data_copy):
    from kpi.db import connect

    with connect(real_db) as con:
        [(rid, _, old, *_)] = task_one(con)
    edit_csv(data_copy / "tasks" / "05851.csv", lambda r: r | {"task": r["task"] + " (đã sửa)"} if r["seq"] == "1" else r)
    proc = rebuild(real_db, data_copy)
    assert proc.returncode == 0, proc.stderr
    assert "1 giá trị đã nhập, 1 báo cáo nhiệm vụ" in proc.stdout and "cần đối chiếu" not in proc.stdout
    with connect(real_db) as con:
        assert task_one(con) == [(rid, "1", f"{old} (đã sửa)", f"{old} (đã sửa)", "returned", "thiếu chữ ký", "bien-ban.pdf")]
        assert con.sql("SELECT count(*) FROM record_unmatched").fetchall() == [(0,)]


def test_a_renamed_indicator_and_a_removed_task_lose_nothing_and_map_again(real_db, data_copy, monkeypatch):
    """The catalogue renames an indicator with an imported value and the plan drops the task of a report (its
    number now another task's): the rebuild succeeds, the store keeps both records, the snapshot lists them as
    "cần đối chiếu" (the command line and Chất lượng dữ liệu); remapped and published, both are placed."""
    from kpi.accounts import audit
    from kpi.db import connect

    stored = in_store(real_db)
    rename_indicator(data_copy, INDICATOR, RENAMED)
    edit_csv(data_copy / "tasks" / "05851.csv", lambda r: None if r["seq"] == "1" else r)
    proc = rebuild(real_db, data_copy)
    assert proc.returncode == 0, proc.stderr
    assert "1 giá trị đã nhập, 1 báo cáo nhiệm vụ" in proc.stdout and "2 bản ghi cần đối chiếu" in proc.stdout
    assert in_store(real_db) == stored, "the store keeps every record"
    with connect(real_db) as con:
        unmatched = con.sql("SELECT kind, record_id, commune_code FROM record_unmatched ORDER BY kind").fetchall()
        assert con.sql("SELECT count(*) FROM observation WHERE NOT is_demo").fetchall() == [(0,)]
        assert con.sql("SELECT count(*) FROM task_report").fetchall() == [(0,)]
    assert unmatched == [("task_report", "1", "05851"), ("value", f"1/05851/{INDICATOR}/2026-Q3", "05851")]
    listed = kpi_cli("records", "unmatched", "--db", str(real_db))
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 3
    assert "\tkhông còn chỉ tiêu này trong danh mục\n" in listed.stdout  # why, in --lang's words only
    in_english = kpi_cli("records", "unmatched", "--lang", "en", "--db", str(real_db))
    assert "\tthe commune's plan no longer has this task\n" in in_english.stdout and "không còn" not in in_english.stdout

    monkeypatch.setenv("KPI_DB", str(real_db))  # Chất lượng dữ liệu lists both, kind, record and why
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page("pages/data_quality.py").run()
    assert not at.exception, at.exception
    assert any(h.value.startswith("Cần đối chiếu") for h in at.subheader)
    shown = next(d.value for d in at.dataframe if "Loại bản ghi" in d.value.columns)
    assert sorted(shown["Loại bản ghi"]) == ["Báo cáo nhiệm vụ", "Số liệu nhập"]
    assert "không còn nhiệm vụ này trong kế hoạch của xã" in " ".join(shown["Lý do"])

    assert kpi_cli("records", "remap", "--batch", "1", "--indicator", INDICATOR, "NO_SUCH", "--db", str(real_db)).returncode == 1
    done = kpi_cli("records", "remap", "--batch", "1", "--indicator", INDICATOR, RENAMED, "--db", str(real_db))
    assert done.returncode == 0, done.stderr
    done = kpi_cli("records", "remap", "--report", "1", "--task", "2", "--db", str(real_db))
    assert done.returncode == 0, done.stderr
    assert "task report 1: xã 05851" in done.stdout
    published = kpi_cli("publish", "--db", str(real_db))
    assert published.returncode == 0 and "2 thay đổi, tính lại điểm 1 xã" in published.stdout, published.stdout
    with connect(real_db) as con:
        assert con.sql("SELECT count(*) FROM record_unmatched").fetchall() == [(0,)]
        assert con.sql("SELECT commune_code, indicator_code, period, value FROM observation WHERE NOT is_demo").fetchall() == [
            ("05851", RENAMED, "2026-Q3", 61.0)]
        assert [(r[0], r[1], r[4], r[5], r[6]) for r in task_one(con)] == [(1, "2", "returned", "thiếu chữ ký", "bien-ban.pdf")]
        assert con.sql(f"SELECT count(*) FROM indicator_score WHERE commune_code = '05851' AND indicator_code = '{RENAMED}' "
                       "AND as_of_period = '2026-Q3' AND latest_value = 61").fetchall()[0][0] >= 1  # scored again
    assert [a for a in audit.log(real_db)["action"].head(2)] == ["remap", "remap"]


def test_every_build_is_audited_in_the_store(real_db, data_copy):
    from kpi.accounts import audit
    from kpi.db import build_info, connect

    assert rebuild(real_db, data_copy).returncode == 0
    with connect(real_db) as con:
        info = build_info(con)
    builds = audit.log(real_db).filter(action="build")
    assert builds.height == 2, "the first build and this one"
    actor, role, detail = builds.select("actor", "role", "detail").row(0)
    assert actor.startswith("cli:") and "@" in actor and role == "admin"
    assert detail == (f"data version {info['data_version']}, demo scope seeds (seed 57, as of 2026-Q3); 1 imported value(s), "
                      "1 task report(s) from the store of record, 0 to map again (cần đối chiếu)")


def test_publish_watch_publishes_what_is_recorded_and_serve_starts_it(real_db):
    """`publish --watch` folds a write recorded after it started and says what it folded; `serve` starts it as a
    child that ends with the server."""
    from kpi.accounts import Actor
    from kpi.cli.build import publishing
    from kpi.db import connect
    from kpi.services import accounts

    watcher = subprocess.Popen([sys.executable, "-m", "kpi", "publish", "--watch", "--interval", "0.2", "--db", str(real_db)],
                               stdout=subprocess.PIPE, text=True, cwd=config.ROOT)
    try:
        assert watcher.stdout.readline().startswith(f"công bố {real_db} mỗi khi có ghi nhận mới")
        accounts.add_user(real_db, Actor.server_admin(), "later@example.vn", "viewer")
        line = watcher.stdout.readline()  # blocks until the publication is printed
        assert line.startswith("đã công bố đến thay đổi 2: 1 thay đổi, tính lại điểm 0 xã, ") and " MB" in line, line
    finally:
        watcher.terminate()
        watcher.wait(timeout=30)
    with connect(real_db) as con:
        assert con.sql("SELECT email FROM app_user").fetchall() == [("later@example.vn",)]

    with publishing(real_db) as child:
        assert child.args[1:] == ["-m", "kpi", "--lang", "vi", "publish", "--watch", "--db", str(real_db)] and child.poll() is None
    assert child.poll() is not None, "the publisher ends with the server"


def test_a_snapshot_built_by_an_older_version_is_rebuilt_before_serving_and_loses_nothing(seeds_db, tmp_path, monkeypatch,
                                                                                             capsys):
    """After an upgrade whose tables differ (queries/schema.sql), `serve` rebuilds the snapshot with its own demo
    scope and seed, folding the store of record, instead of pages failing on a column they do not find (seen on a
    national snapshot built before the short names: "Table i does not have a column named short_vi")."""
    from kpi import build as build_module
    from kpi.accounts import Actor
    from kpi.cli.build import ensure_current
    from kpi.db import build_info, connect
    from kpi.services import values
    from tests.conftest import TODAY

    db = tmp_path / "kpi.duckdb"
    shutil.copy(seeds_db, db)
    report = tmp_path / "r.csv"
    report.write_text("commune_code,indicator_code,period,value\n25378,vneid_share,2026-Q3,64\n", encoding="utf-8")
    assert values.import_files(db, Actor.server_admin(), [report], today=TODAY).ok
    monkeypatch.setenv("KPI_TODAY", TODAY.isoformat())
    assert ensure_current(db) == 0 and "dựng lại" not in capsys.readouterr().out  # current: nothing done

    monkeypatch.setattr(build_module, "schema_sha256", lambda: "the-next-version")  # the code's tables changed
    assert ensure_current(db) == 0
    assert "dựng bởi phiên bản cũ của bảng điều khiển" in capsys.readouterr().out
    with connect(db) as con:
        info = build_info(con)
        kept = con.execute("SELECT value FROM observation WHERE NOT is_demo AND commune_code = '25378' "
                           "AND indicator_code = 'vneid_share' AND period = '2026-Q3'").fetchall()
    assert info["schema_sha256"] == "the-next-version" and (info["demo_scope"], info["demo_seed"]) == ("seeds", "57")
    assert kept == [(64.0,)]  # the store's value folded into the new snapshot
    again = db.resolve()
    assert ensure_current(db) == 0 and db.resolve() == again  # and only once
