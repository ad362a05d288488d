"""No traceback ever reaches a user: malformed addresses, a full disk, oversized exports, our own bugs."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kpi import config, export, records
from kpi.accounts import Actor
from kpi.db import connect, run
from kpi.services import published
from kpi.store import publisher


@pytest.fixture()
def db(db_path: Path, tmp_path: Path) -> Path:
    path = tmp_path / "kpi.duckdb"
    shutil.copy(db_path, path)
    return path


@pytest.mark.parametrize(
    ("param", "value"),
    [("province", "²"), ("province", "9" * 5000), ("province", "zz"), ("group", "<script>x</script>"),
     ("period", "2026-Q9"), ("indicator", "no_such_indicator"), ("communes", "99999,11503")],
)
def test_a_malformed_address_falls_back_to_the_default_with_a_notice(app_db, con, param, value):
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    at.query_params["province"] = "31"
    at.query_params[param] = value
    at.run()
    assert not at.exception, at.exception
    notices = [w.value for w in at.sidebar.warning]
    assert any(f"“{param}”" in n for n in notices), notices
    if param == "province":  # the default: the first province with data
        with_data = sorted(set(run(con, "ranking", period=None, province=None)["province_code"]))
        assert at.sidebar.selectbox(key="f_province_vi").value == with_data[0]
    at.switch_page("pages/ranking.py").run()  # the address now holds the default: no notice again
    assert not at.exception, at.exception
    assert not at.sidebar.warning
    assert at.title[0].value == "Xếp hạng so với bình quân tỉnh"


def test_the_shipped_configuration_hides_error_details_and_the_deploy_button():
    import tomllib

    from kpi.serve import SHIPPED

    shipped = tomllib.loads((config.ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert shipped["client"] == {"showErrorDetails": "none", "toolbarMode": "minimal"}
    assert shipped["runner"] == {"magicEnabled": False}  # nothing is shown but through st.* calls
    flags = {f"{section}.{key}": value for section in ("client", "runner") for key, value in shipped[section].items()}
    assert flags == SHIPPED  # the server started by kpi.serve (st.App's configuration) says the same


def _small_files(limit: int):
    def apply() -> None:  # a disk that fills up after `limit` bytes of any one file
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def _everything(db: Path) -> tuple:
    """What the dashboard shows once published, and what the store of record holds."""
    publisher.publish_if_pending(db)  # a half-recorded import would show here
    with connect(db) as con:
        shown = con.sql("SELECT count(*), round(sum(value), 3) FROM observation").fetchall()
    with records.read_only(db) as rec:
        assert rec.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        held = [rec.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("real_value", "import_batch", "audit_log", "change_log", "change_commune")]
    return shown, held


# An import writes the store of record (one short transaction: a few pages of its write-ahead log, more than
# 32 KB); a build writes a new snapshot (tens of MB). Each meets a disk that fills up during its write.
FILLS_AFTER = {"import": 32 * 2**10, "build": 4 * 2**20}
SAYS = {"import": ("nothing was written", "store of record error: ", ("disk I/O error", "disk is full")),
        "build": ("nothing was published", "", ("File too large",))}


@pytest.mark.parametrize("command", ["import", "build"])
def test_a_full_disk_during_a_write_is_a_message_and_nothing_changes(db, tmp_path, command):
    report = tmp_path / "a.csv"
    report.write_text("commune_code,indicator_code,period,value,note\n11503,vneid_share,2026-Q3,71,số liệu kiểm thử\n", encoding="utf-8")
    with records.connect(db):  # the store exists with its schema: what fills the disk is the write itself
        pass
    # and holds the shipped published snapshots (data/published/), which a build otherwise loads first, a write of
    # its own, audited and whole, before it builds the snapshot the full disk stops
    published.load(db, Actor.server_admin(), published.shipped(config.DATA_DIR), for_publisher=False)
    before = _everything(db)
    args = ["import", str(report)] if command == "import" else ["build"]
    proc = subprocess.run(
        [sys.executable, "-m", "kpi", *args, "--db", str(db), "--lang", "en"], capture_output=True, text=True, cwd=config.ROOT,
        env={**os.environ, "KPI_TODAY": "2026-11-22"}, preexec_fn=_small_files(FILLS_AFTER[command]), timeout=300,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    nothing, where, why = SAYS[command]
    assert nothing in proc.stderr and any(f"{where}{w}" in proc.stderr for w in why), proc.stderr
    assert _everything(db) == before


def test_an_export_too_large_for_excel_points_to_csv(db_path, tmp_path, monkeypatch, capsys):
    from kpi.cli import main

    monkeypatch.setattr(export, "EXCEL_ROWS", 100)
    assert main(["export", "units", "--db", str(db_path), "--format", "xlsx", "-o", str(tmp_path / "u.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "không vừa một trang Excel" in err and "hãy xuất CSV (--format csv-vn hoặc csv)" in err
    assert not (tmp_path / "u.xlsx").exists()
    assert main(["export", "units", "--db", str(db_path), "--format", "csv", "-o", str(tmp_path / "u.csv")]) == 0


def test_an_unexpected_error_is_a_message_with_a_log_file(db_path, monkeypatch, capsys):
    from kpi import cli

    def broken(args):
        raise ZeroDivisionError("a bug of ours")

    monkeypatch.setitem(cli.COMMANDS, "batches", broken)
    assert cli.main(["batches", "--db", str(db_path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "internal error, details in" in err and "Traceback" not in err
    log = Path(err.split("details in ")[-1].split(";")[0])
    assert "ZeroDivisionError: a bug of ours" in log.read_text(encoding="utf-8")
