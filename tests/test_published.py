"""Published values (issue 31): the national portal's Bộ chỉ số 766 snapshots loaded as a source of their own
(kpi.services.published), matched to the official units, folded into the snapshot, all or nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import fastexcel
import pytest

from kpi import config, records
from kpi.accounts import Actor
from kpi.cli import main
from kpi.db import connect
from kpi.published import FIELDS, PublishedError
from kpi.services import accounts, published
from kpi.store import publisher

SHIPPED = sorted((config.DATA_DIR / "published").glob("*.xlsx"))
LISTS = ("Điểm năm", "Điểm tháng", "Xã Phường")
ADMIN = Actor.server_admin()


def rows_of(path: Path) -> dict[str, list[dict]]:
    """The workbook's lists as the portal's rows, read independently of kpi.published."""
    reader = fastexcel.read_excel(str(path))
    return {s: reader.load_sheet_by_name(s, dtypes="string").to_polars().to_dicts() for s in LISTS}


@pytest.fixture()
def db(seeds_db: Path, tmp_path: Path) -> Path:
    """The seeds snapshot with an empty store of record beside it (nothing published loaded yet there)."""
    path = tmp_path / "kpi.duckdb"
    shutil.copy(seeds_db.resolve(), path)
    return path


def stored(db: Path) -> dict[str, int]:
    with records.connect(db) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("published_snapshot", "published_value", "published_unit", "audit_log", "change_log")}


def test_the_build_holds_every_shipped_value_matched(seeds_db: Path):
    """The embedded default (any build) holds the shipped snapshots: 34 provinces and An Giang's 102 communes
    matched in each, every stored value the workbook's."""
    assert len(SHIPPED) == 3
    with connect(seeds_db) as con:
        units = con.sql("SELECT s.level, count(DISTINCT v.unit_code), count(DISTINCT v.province_code) FROM published_value v "
                        "JOIN published_snapshot s USING (snapshot_id) WHERE s.is_latest GROUP BY ALL ORDER BY 1").fetchall()
        assert units == [("commune", 102, 1), ("province", 34, 34)]
        assert con.sql("SELECT DISTINCT province_code FROM published_value WHERE commune_code IS NOT NULL").fetchall() == [("91",)]
        stored_values = {(f, sheet, code, ind): value for f, sheet, code, ind, value in con.sql(
            "SELECT s.source_file, s.sheet, v.portal_code, v.indicator_code, v.value FROM published_value v "
            "JOIN published_snapshot s USING (snapshot_id)").fetchall()}
    expected = {(path.name, sheet, row["MA_COQUAN"], indicator): float(row[field])
                for path in SHIPPED for sheet, rows in rows_of(path).items() for row in rows
                for field, indicator in FIELDS.items()}
    assert len(expected) == 3 * (34 + 34 + 102) * 7 == 3570
    assert stored_values == expected


def test_load_twice_changes_nothing_and_newer_replaces_older(db: Path):
    old, new = SHIPPED[0], SHIPPED[2]
    first = published.load(db, ADMIN, [old])
    assert (len(first.loaded), first.units, first.values) == (3, 170, 1190)
    before = stored(db)
    again = published.load(db, ADMIN, [old])
    assert again.loaded == [] and len(again.unchanged) == 3 and "không có gì thay đổi" in again.summary()
    assert stored(db) == before  # not even an audit row
    newer = published.load(db, ADMIN, [new])
    assert newer.by_code == 170  # the portal's codes kept from the first snapshot match the next one
    publisher.publish(db)
    with connect(db) as con:
        latest = con.sql("SELECT source_file, count(*) FROM published_snapshot WHERE is_latest GROUP BY ALL").fetchall()
        [(history,)] = con.sql("SELECT count(*) FROM published_snapshot").fetchall()
        hanoi = dict(con.sql("SELECT s.source_file, v.value FROM published_value v JOIN published_snapshot s USING (snapshot_id) "
                             "WHERE v.unit_code = '01' AND v.indicator_code = 'dvc766_total' AND s.period_kind = 'year'").fetchall())
    assert latest == [(new.name, 3)] and history == 6
    want = {p.name: float(next(r for r in rows_of(p)["Điểm năm"] if r["MA_COQUAN"] == "H26")["TONG_SCORE"]) for p in (old, new)}
    assert hanoi == want


def test_json_of_the_same_rows_loads_the_same(db: Path, tmp_path: Path):
    source = SHIPPED[2]
    as_json = tmp_path / source.with_suffix(".json").name
    as_json.write_text(json.dumps(rows_of(source), ensure_ascii=False), encoding="utf-8")
    from_json = published.load(db, ADMIN, [as_json])
    assert (from_json.units, from_json.values) == (170, 1190)
    assert published.load(db, ADMIN, [source]).loaded == []  # the workbook holds the same snapshot


def test_unknown_unit_and_out_of_range_write_nothing(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    lists = rows_of(SHIPPED[2])
    lists["Xã Phường"][4]["TEN"] = "UBND xã Không Có - tỉnh An Giang"
    lists["Điểm năm"][2]["CKMB"] = "130"
    bad = tmp_path / "dvc766-2025-10-20T0900.json"
    bad.write_text(json.dumps(lists, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(PublishedError) as caught:
        published.load(db, ADMIN, [bad])
    errors = [str(e) for e in caught.value.errors]
    assert any(e.startswith(f"{bad.name}: Xã Phường: dòng 5: TEN:") and "Không Có" in e for e in errors), errors
    assert any(e.startswith(f"{bad.name}: Điểm năm: dòng 3: CKMB:") for e in errors), errors
    english = [e.text("en") for e in caught.value.errors]
    assert any(e.startswith(f"{bad.name}: Xã Phường: row 5: TEN:") for e in english), english
    assert stored(db)["published_snapshot"] == 0 and stored(db)["audit_log"] == 0
    assert main(["published", "load", str(bad), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "Xã Phường: dòng 5: TEN" in err and "không ghi dữ liệu nào" in err
    assert stored(db)["published_value"] == 0


def test_a_province_reviewer_loads_their_province_only(db: Path, tmp_path: Path):
    accounts.add_user(db, ADMIN, "ag@example.vn", "province_reviewer", province="91")
    reviewer = Actor("ag@example.vn", "province_reviewer", province="91")
    with pytest.raises(PublishedError) as caught:  # the 34 provinces' lists are not An Giang's alone
        published.load(db, reviewer, [SHIPPED[2]])
    assert any("Điểm năm: dòng 2: TEN" in str(e) and "ngoài phạm vi" in str(e) for e in caught.value.errors)
    own = tmp_path / "dvc766-2025-10-15T0847.json"
    own.write_text(json.dumps({"Xã Phường": rows_of(SHIPPED[2])["Xã Phường"]}, ensure_ascii=False), encoding="utf-8")
    assert published.load(db, reviewer, [own]).units == 102
