"""The entry form (kpi.entry, pages/entry.py) and the pre-filled report template (`python -m kpi report-template`):
the checks at entry, a commune editor's journey under AppTest (lands on their commune, a bad value's message in
Vietnamese, a draft, a submission recorded and pending approval), and the template generated, filled and
imported as it is, in CSV and XLSX."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from kpi import config, records
from kpi.accounts import Actor
from kpi.cli import main as kpi_main
from kpi.entry import checks
from kpi.entry.checks import Line, check, far, meets
from kpi.services import accounts, values
from kpi.store import publisher
from tests.test_import_page import signed_in

SHARE = Line("coverage_5g_population_share", "Tỷ lệ phủ sóng 5G", "%", 0, 100, "higher", "percent", ">=", 60.0,
             history=(70.0, 72.0, 74.0, 76.0), province=(40.0, 45.0, 50.0, 55.0, 60.0, 52.0))


def test_bounds_jump_and_evidence_rules():
    [out] = check(SHARE, 140, commune="11503")
    assert out.kind == "bounds" and "ngoài miền [0, 100]" in str(out.message)
    assert check(SHARE, 77, commune="11503") == []  # near its history, meets its target, no evidence rule there
    [jump] = check(SHARE, 10, commune="11503")
    assert jump.kind == "jump" and jump.field == "note" and "khác xa các kỳ trước" in str(jump.message)
    assert check(SHARE, 10, commune="11503", reason="trạm BTS hỏng") == []
    lone = Line("x", "x", "%", 0, 100, history=(), province=(40.0, 41.0, 42.0, 43.0, 44.0))
    assert str(check(lone, 95, commune="11503")[0].message).startswith("giá trị 95 khác xa các xã trong tỉnh")
    assert far((5.0, 5.0, 5.0), 5.0, 3) is None and far((5.0, 5.0), 50.0, 3) is None  # too few to judge
    [ev] = check(SHARE, 77, commune="25378")  # Tân Lợi's plan, IV.2.2: a met KPI needs its evidence
    assert ev.kind == "evidence" and "phải kèm tệp minh chứng" in str(ev.message)
    assert check(SHARE, 77, commune="25378", evidence=True) == []
    assert check(SHARE, 50, commune="25378", reason="x") == [] or not meets(SHARE, 50)
    assert meets(Line("y", "y", "%", 0, 100, "lower", "percent", "<=", 5.0), 4) and not meets(SHARE, 59.9)


@pytest.fixture()
def entry_db(db_path, tmp_path, monkeypatch) -> Path:
    path = tmp_path / "kpi.duckdb"
    shutil.copy(db_path, path)
    monkeypatch.setenv("KPI_DB", str(path))
    monkeypatch.setenv("KPI_TODAY", "2026-12-01")
    accounts.add_user(path, Actor.server_admin(), "editor@tanloi.gov.vn", "commune_editor", communes=["25378"])
    publisher.publish_if_pending(path)
    return path


def test_a_commune_editor_lands_enters_saves_and_submits(entry_db):
    at = signed_in("editor@tanloi.gov.vn", timeout=120)
    assert any("Xã Tân Lợi, Đồng Nai" in c.value for c in at.sidebar.caption)  # their scope, in words
    assert at.query_params["province"] == "75" and at.query_params["communes"] == "25378"  # they land at home
    at.switch_page("pages/entry.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="entry_commune_25378").value == "25378"
    key = "entry_25378_2026-Q3"
    at.number_input(key=f"{key}_value_fixed_broadband_1gbps_share").set_value(140).run()
    assert any("giá trị 140 ngoài miền" in e.value for e in at.error), [e.value for e in at.error]  # said in Vietnamese as they type
    at.number_input(key=f"{key}_value_fixed_broadband_1gbps_share").set_value(50).run()
    at.text_input(key=f"{key}_note_fixed_broadband_1gbps_share").set_value("cáp quang bị đứt quý 3").run()
    next(b for b in at.button if b.label == "Lưu nháp").click().run()
    assert any("Đã lưu nháp 1 giá trị" in s.value for s in at.success)
    draft = values.draft_of(entry_db, Actor("editor@tanloi.gov.vn", "commune_editor"), "25378", "2026-Q3")
    assert draft.row(0, named=True)["value"] == 50.0
    next(b for b in at.button if b.label == "Gửi báo cáo").click().run()
    assert not at.exception, at.exception
    assert any("Đã ghi 1 giá trị" in s.value and "chờ tỉnh phê duyệt" in s.value for s in at.success), [e.value for e in at.error]
    with records.read_only(entry_db) as con:
        stored = records.run(con, "import_stored_values", commune="25378")
        approval = records.run(con, "value_approval_of", commune="25378", quarter="2026-Q3")
    assert stored.filter(indicator_code="fixed_broadband_1gbps_share", period="2026-Q3")["old_value"][0] == 50.0
    assert approval["state"][0] == "submitted"  # pending the province's approval
    assert values.draft_of(entry_db, Actor("editor@tanloi.gov.vn", "commune_editor"), "25378", "2026-Q3").height == 0
    next(b for b in at.button if b.label == "Gửi báo cáo").click().run()  # again: the form was emptied, nothing goes twice
    assert any("Chưa nhập giá trị nào" in i.value for i in at.info), [i.value for i in at.info]
    assert values.batches(entry_db)["batch_id"].to_list() == [1]


@pytest.mark.parametrize("ext", ["csv", "xlsx"])
def test_report_template_round_trip(entry_db, tmp_path, capsys, ext):
    out = tmp_path / f"bao-cao.{ext}"
    assert kpi_main(["report-template", "--commune", "25378", "--period", "2026-Q3", "-o", str(out)]) == 0
    if ext == "csv":
        text = out.read_bytes().decode("utf-8-sig")
        head, first = text.splitlines()[:2]
        assert head.startswith("Mã xã;Tên xã;Mã chỉ tiêu;Tên chỉ tiêu;Đơn vị") and "Xã Tân Lợi" in first
        assert ";78,8;" in first or "," in first.split(";")[7]  # last value with a decimal comma
        lines = text.splitlines()
        cells = lines[2].split(";")
        cells[9], cells[11] = "55,5", "đã kiểm tra"
        out.write_bytes(("\ufeff" + "\r\n".join([lines[0], ";".join(cells)]) + "\r\n").encode())
        code = cells[2]
    else:
        book = openpyxl.load_workbook(out)
        sheet = book["Báo cáo"]
        assert [c.value for c in sheet[1]][:4] == ["Mã xã", "Tên xã", "Mã chỉ tiêu", "Tên chỉ tiêu"]
        sheet.cell(3, 10).value, sheet.cell(3, 12).value = 55.5, "đã kiểm tra"
        code = sheet.cell(3, 3).value
        book.save(out)
    assert kpi_main(["import", str(out), "--as", "editor@tanloi.gov.vn"]) == 0, capsys.readouterr().err
    with records.read_only(entry_db) as con:
        stored = records.run(con, "import_stored_values", commune="25378")
    assert stored.filter(indicator_code=code, period="2026-Q3")["old_value"][0] == 55.5
    assert stored.filter(period="2026-Q3").height == 1  # the rows left blank were not reported


def test_a_met_value_needs_its_evidence_in_the_import_too(entry_db, tmp_path):
    editor = Actor("editor@tanloi.gov.vn", "commune_editor", communes=frozenset({"25378"}))
    why = "trạm 5G mới"  # the reason a jump from the demo history asks for: the evidence rule is what is tested here
    met = [values.Entry("coverage_5g_population_share", 80.0, why, evidence=("qd.pdf",))]
    refused = values.submit_entry(entry_db, editor, "25378", "2026-Q3", [values.Entry("coverage_5g_population_share", 80.0, why)])
    assert not refused.ok and [e.field for e in refused.errors] == ["evidence"], refused.errors
    assert "phải kèm tệp minh chứng" in str(refused.errors[0].message)
    done = values.submit_entry(entry_db, editor, "25378", "2026-Q3", met, {"qd.pdf": b"%PDF-1.4\n%x\n"})
    assert done.ok, done.errors
    cited = values.value_evidence(entry_db, "25378", "2026-Q3")
    assert cited["file_name"].to_list() == ["qd.pdf"] and cited["batch_id"][0] == done.batch_id


def test_a_jump_needs_its_reason_when_submitted(entry_db):
    editor = Actor("editor@tanloi.gov.vn", "commune_editor", communes=frozenset({"25378"}))
    jump = values.Entry("fixed_broadband_1gbps_share", 20.0)  # last 81 (2026-Q2)
    refused = values.submit_entry(entry_db, editor, "25378", "2026-Q3", [jump])
    assert not refused.ok and refused.errors[0].field == "note" and "khác xa các kỳ trước" in str(refused.errors[0].message)
    done = values.submit_entry(entry_db, editor, "25378", "2026-Q3", [values.Entry(jump.indicator_code, 20.0, "cáp đứt")])
    assert done.ok, done.errors


@pytest.mark.parametrize("read", ["kept", "snapshot"])
@pytest.mark.parametrize(("commune", "period"), [("25378", "2026-Q3"), ("25378", "2025-Q1"), ("11503", "2025-Q2")])
def test_an_import_judges_every_row_as_the_form_judges_one_value(entry_db, tmp_path, commune, period, read):
    """The import's rules over all its rows at once (checks.known over the values kept beside the snapshot, or read
    from a plain database file; checks.check_frame) find exactly what the form's check finds for each value, over
    the commune's own history (2026-Q3) and, with fewer than 3 earlier values, its province's spread (2025-Q1,
    2025-Q2), with and without a target needing evidence (Tân Lợi)."""
    import polars as pl

    from kpi.db import connect
    from kpi.entry import form
    from kpi.periods import parse_period
    from kpi.store import reference
    from kpi.store.snapshots import current

    with connect(entry_db) as con:
        lines = form.lines(con, commune, period)
        rows = [{"commune_code": commune, "indicator_code": code, "period_end": parse_period(period).end, "value": v,
                 "note": "", "has_evidence": False}
                for code, line in lines.items() for v in {line.lower_bound + (line.upper_bound - line.lower_bound) * k / 40
                                                          for k in range(41)} | set(line.history[-1:])]
    db = entry_db
    if read == "snapshot":  # a plain database file (snapshot 0): nothing is kept beside it
        db = tmp_path / "plain.duckdb"
        shutil.copyfile(entry_db.resolve(), db)
    else:
        assert current(db).seq > 0
    frame = pl.DataFrame(rows)
    keys = frame.select("commune_code", "indicator_code", "period_end").unique()
    found = checks.check_frame(frame, reference.known(db, keys, reference.reference(db, config.today()).units))
    assert reference.kept_path(current(db).path).is_file() == (read == "kept")
    by_import = {(r["indicator_code"], r["value"], f.kind, f.message) for r in found.iter_rows(named=True)
                 for f in checks.frame_findings(r)}
    by_form = {(r["indicator_code"], r["value"], f.kind, f.message) for r in rows
               for f in check(lines[r["indicator_code"]], r["value"], commune=commune)}
    assert by_import == by_form
    kinds = {kind for _, _, kind, _ in by_form}
    assert "jump" in kinds and ("evidence" in kinds) == (commune == "25378")  # the test can fail both ways


def test_a_file_import_is_held_to_the_jump_and_evidence_rules(entry_db, tmp_path, capsys):
    """A file needs what the form needs: a reason (Ghi chú) for a value far from the commune's history, and for a value
    meeting its target where the plan requires evidence (Tân Lợi, IV.2.2) the evidence file itself, given with the
    import (--evidence) and named in Minh chứng; a document cited in words is not a file. Refused naming file, row
    and field; nothing written."""
    import csv

    def report(name: str, rows: list[tuple]) -> Path:
        path = tmp_path / name
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([("commune_code", "indicator_code", "period", "value", "evidence", "note"), *rows])
        return path

    met = ("25378", "coverage_5g_population_share", "2026-Q3", "80")  # its 2026 target: >= 60
    jump = ("25378", "fixed_broadband_1gbps_share", "2026-Q3", "20")  # far below its history
    bare = report("bao-cao.csv", [(*met, "QĐ 12/QĐ-UBND", "trạm 5G mới"), (*jump, "", "")])
    assert kpi_main(["import", str(bare), "--as", "editor@tanloi.gov.vn"]) == 1
    err = capsys.readouterr().err
    assert "bao-cao.csv:2: evidence: giá trị 80 đạt chỉ tiêu 60: phải kèm tệp minh chứng" in err
    assert "bao-cao.csv:2: evidence: không có tệp minh chứng QĐ 12/QĐ-UBND kèm theo báo cáo" in err
    assert "bao-cao.csv:3: note: giá trị 20 khác xa các kỳ trước của xã" in err
    assert values.batches(entry_db).height == 0
    proof = tmp_path / "qd-12.pdf"
    proof.write_bytes(b"%PDF-1.4\n%qd\n")
    full = report("bao-cao-du.csv", [(*met, "qd-12.pdf", "trạm 5G mới"), (*jump, "", "cáp quang đứt, đang sửa")])
    assert kpi_main(["import", str(full), "--evidence", str(proof), "--as", "editor@tanloi.gov.vn"]) == 0, capsys.readouterr().err
    cited = values.value_evidence(entry_db, "25378", "2026-Q3")
    assert cited.select("indicator_code", "file_name").rows() == [("coverage_5g_population_share", "qd-12.pdf")]
