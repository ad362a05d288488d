"""An import's short path, which lets a hundred of them arrive at once: the catalogue read once per published
snapshot and kept beside it, small CSV files checked in the process (workbooks and big files in the checker's
child), the store read before the write lock and checked again inside it."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import xlsxwriter

from kpi import config, importer, records
from kpi.accounts import AccessDenied, Actor
from kpi.intake.limits import Limits
from kpi.services import accounts, values
from kpi.store import current
from kpi.store import reference as kept_reference
from kpi.store.publisher import publish_if_pending

TODAY = date(2026, 11, 22)
ADMIN = Actor.server_admin()


@pytest.fixture()
def db(seeds_db: Path, tmp_path: Path) -> Path:
    """A copy of the seeds database, published once: an immutable snapshot in its folder."""
    path = tmp_path / "kpi.duckdb"
    shutil.copy(seeds_db, path)
    assert values.import_files(path, ADMIN, [report(tmp_path / "first.csv", [("25378", "vneid_share", "2026-Q2", 40)])],
                               today=TODAY).ok
    assert publish_if_pending(path) is not None and current(path).seq > 0
    return path


def report(path: Path, rows: list[tuple[str, str, str, float]]) -> Path:
    """A report whose every row gives its reason (a test's value is often far from the smooth demo history)."""
    path.write_text("\n".join(["commune_code,indicator_code,period,value,note",
                               *(",".join(map(str, (*r, "số liệu kiểm thử"))) for r in rows)]) + "\n", encoding="utf-8")
    return path


def stored(db: Path) -> dict[tuple[str, str, str], float]:
    with records.read_only(db) as rec:
        return {(c, i, p): v for c, i, p, v in rec.execute("SELECT commune_code, indicator_code, period, value FROM real_value")}


def kept(path: Path, sql: str) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(path)) as con:
        return con.execute(sql).fetchall()


def test_the_catalogue_is_read_once_per_snapshot_and_goes_with_it(db, tmp_path, monkeypatch):
    snapshot = current(db).path
    path = kept_reference.kept_path(snapshot)
    assert values.import_files(db, ADMIN, [report(tmp_path / "a.csv", [("11503", "vneid_share", "2026-Q3", 71)])], today=TODAY).ok
    units = kept(path, "SELECT commune_code, province_code, commune_name FROM unit ORDER BY seq")
    assert ("vneid_share",) in kept(path, "SELECT indicator_code FROM indicator") and "11503" in {u[0] for u in units}

    def opened(*_args, **_kw):
        raise AssertionError("the snapshot was read again")

    monkeypatch.setattr(kept_reference, "_snapshot_rows", opened)  # the next import, in any process, reads the file
    assert values.import_files(db, ADMIN, [report(tmp_path / "b.csv", [("05851", "vneid_share", "2026-Q3", 64)])], today=TODAY).ok
    monkeypatch.undo()

    path.write_text("{not a database", encoding="utf-8")  # a damaged file is read again from the snapshot, and replaced
    result = values.import_files(db, ADMIN, [report(tmp_path / "c.csv", [("99999", "vneid_share", "2026-Q3", 1)])], today=TODAY)
    assert [(e.row, e.field) for e in result.errors] == [(2, "commune_code")]  # the units still known
    assert kept(path, "SELECT commune_code, province_code, commune_name FROM unit ORDER BY seq") == units

    assert publish_if_pending(db) is not None  # a new snapshot: the old one and what was kept beside it go
    assert current(db).path != snapshot and not snapshot.exists() and not path.exists()


def test_the_publisher_keeps_the_reference_of_the_snapshot_it_publishes(db, tmp_path, monkeypatch):
    """Imports after a publication find the reference ready: none of them reads the snapshot (100 at once after a
    new snapshot each built it: 95 ms of CPU instead of 28)."""
    assert values.import_files(db, ADMIN, [report(tmp_path / "a.csv", [("11503", "vneid_share", "2026-Q3", 71)])], today=TODAY).ok
    assert publish_if_pending(db) is not None
    path = kept_reference.kept_path(current(db).path)
    assert ("11503",) in kept(path, "SELECT commune_code FROM unit")

    def opened(*_args, **_kw):
        raise AssertionError("an import read the snapshot")

    monkeypatch.setattr(kept_reference, "_snapshot_rows", opened)
    assert values.import_files(db, ADMIN, [report(tmp_path / "b.csv", [("05851", "vneid_share", "2026-Q3", 64)])], today=TODAY).ok


def test_a_publication_patches_the_values_of_its_communes_into_what_it_keeps(db, tmp_path, monkeypatch):
    """The values the checks at entry read are those of the snapshot beside them: a publication patches the communes
    it rescored into a copy of the previous file (an import's value there at once), and the result is the file a
    build of that snapshot writes in full; a compaction (the same content) keeps it as it was."""
    before = kept(kept_reference.kept_path(current(db).path), "SELECT * FROM history WHERE commune_code = '11503'")
    assert values.import_files(db, ADMIN, [report(tmp_path / "a.csv", [("11503", "vneid_share", "2026-Q3", 71.3),
                                                                       ("25378", "vneid_share", "2026-Q3", 55)])],
                               today=TODAY).ok
    write_full = kept_reference._write_full

    def in_full(_snapshot):
        raise AssertionError("the publication wrote the file in full")

    monkeypatch.setattr(kept_reference, "_write_full", in_full)
    assert publish_if_pending(db).communes == 2
    monkeypatch.undo()
    path = kept_reference.kept_path(current(db).path)
    after = kept(path, "SELECT * FROM history WHERE commune_code = '11503'")
    (vneid,) = [history for indicator, _, _, history in after if indicator == "vneid_share"]
    assert vneid.endswith("2026-09-30=71.299999999999997") and after != before  # every digit of the stored double
    again = tmp_path / "again" / "copy.duckdb"  # the same snapshot, its file written in full
    again.parent.mkdir()
    shutil.copyfile(current(db).path, again)
    write_full(again)
    for table in ("indicator", "unit", "history", "next_target"):
        assert sorted(kept(path, f"SELECT * FROM {table}")) == sorted(kept(kept_reference.kept_path(again),
                                                                           f"SELECT * FROM {table}")), table


def test_an_import_reads_what_is_kept_and_never_loads_duckdb(db, tmp_path):
    """Opening the DuckDB snapshot costs an import 15-20 ms of CPU (and loading the module half a second of its
    start): once the publisher has kept the reference, an import process, its checks at entry included, reads
    only the SQLite file kept beside the snapshot."""
    a = report(tmp_path / "a.csv", [("11503", "vneid_share", "2026-Q3", 71), ("25378", "coverage_5g_population_share",
                                                                               "2026-Q3", 1)])
    code = ("import sys; from datetime import date; from pathlib import Path; from kpi.accounts import Actor; "
            "from kpi.services import values; "
            f"r = values.import_files(Path({str(db)!r}), Actor.server_admin(), [Path({str(a)!r})], today=date(2026, 11, 22)); "
            "print(r.ok, r.imported, 'duckdb' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=config.ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["True", "2", "False"], done.stderr


def test_small_csv_files_are_checked_here_and_workbooks_and_big_files_in_the_child(db, tmp_path, monkeypatch):
    children = []
    child = importer.check_in_child
    monkeypatch.setattr(importer, "check_in_child", lambda *a, **kw: children.append(a[0]) or child(*a, **kw))
    small = report(tmp_path / "small.csv", [("11503", "vneid_share", "2026-Q3", 71)])
    assert values.import_files(db, ADMIN, [small], today=TODAY).ok
    assert children == []

    book = tmp_path / "book.xlsx"
    with xlsxwriter.Workbook(str(book)) as workbook:
        sheet = workbook.add_worksheet()
        sheet.write_row(0, 0, ["commune_code", "indicator_code", "period", "value", "note"])
        sheet.write_row(1, 0, ["05851", "vneid_share", "2026-Q3", 64, "số liệu kiểm thử"])
    renamed = tmp_path / "book.csv"  # a workbook by its bytes, whatever its name says
    shutil.copy(book, renamed)
    assert values.import_files(db, ADMIN, [book], today=TODAY).ok
    with pytest.raises(importer.ImportFileError, match=r"book\.csv"):  # judged by the child, as before: not a CSV
        values.import_files(db, ADMIN, [renamed], today=TODAY)
    big = report(tmp_path / "big.csv", [("25378", "vneid_share", "2026-Q3", 70)])  # under its target: no evidence asked
    assert values.import_files(db, ADMIN, [big], today=TODAY, limits=Limits(in_process_bytes=big.stat().st_size - 1)).ok
    assert [[p.name for p in paths] for paths in children] == [["book.xlsx"], ["book.csv"], ["big.csv"]]
    assert stored(db)[("25378", "vneid_share", "2026-Q3")] == 70


def write_before_the_transaction(monkeypatch, write) -> None:
    """The next import's store transaction starts only after `write` has committed: a write that lands between
    the import's read of the store and its transaction (as another process's may, at any moment)."""
    real = records.transaction

    def after_another(con, wait=None):
        monkeypatch.setattr(records, "transaction", real)
        write()
        return real(con, wait)

    monkeypatch.setattr(records, "transaction", after_another)


def test_a_write_to_the_same_commune_after_the_read_is_seen_inside_the_transaction(db, tmp_path, monkeypatch):
    quarter = report(tmp_path / "quarter.csv", [("11503", "vneid_share", "2026-Q3", 70)])
    month = report(tmp_path / "month.csv", [("11503", "vneid_share", "2026-09", 71)])  # the same period end
    write_before_the_transaction(monkeypatch, lambda: values.import_files(db, ADMIN, [quarter], today=TODAY))
    result = values.import_files(db, ADMIN, [month], today=TODAY)
    assert not result.ok and result.batch_id is None
    assert [(e.file, e.row, e.field) for e in result.errors] == [("month.csv", 2, "period")]
    assert stored(db)[("11503", "vneid_share", "2026-Q3")] == 70 and ("11503", "vneid_share", "2026-09") not in stored(db)

    again = report(tmp_path / "again.csv", [("11503", "vneid_share", "2026-Q3", 72)])
    other = report(tmp_path / "other.csv", [("11503", "vneid_share", "2026-Q3", 73)])
    write_before_the_transaction(monkeypatch, lambda: values.import_files(db, ADMIN, [other], today=TODAY))
    result = values.import_files(db, ADMIN, [again], today=TODAY)  # read: 70 -> 72; at the write: 73 -> 72
    assert result.ok and (result.imported, result.updated) == (0, 1)
    with records.read_only(db) as rec:
        replaced = rec.execute("SELECT value FROM observation_history WHERE batch_id = ?", (result.batch_id,)).fetchall()
    assert replaced == [(73.0,)], "what the import replaced is what the store held at its write"


def test_an_account_removed_after_the_read_is_refused_at_the_write(db, tmp_path, monkeypatch):
    accounts.add_user(db, ADMIN, "editor@tanloi.gov.vn", "commune_editor", communes=["25378"])
    editor = Actor("editor@tanloi.gov.vn", "commune_editor", communes=frozenset({"25378"}))
    write_before_the_transaction(monkeypatch, lambda: accounts.remove_user(db, ADMIN, "editor@tanloi.gov.vn"))
    with pytest.raises(AccessDenied):
        values.import_files(db, editor, [report(tmp_path / "r.csv", [("25378", "vneid_share", "2026-Q3", 55)])], today=TODAY)
    assert ("25378", "vneid_share", "2026-Q3") not in stored(db)
