"""The build validates every source row and swaps the database in only when complete."""

import hashlib
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
