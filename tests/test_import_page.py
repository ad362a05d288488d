"""The import page under AppTest: dry-run preview with every error, read-only without the editor
password, and a real write only after the right password is given."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kpi import config
from kpi.db import connect

CORPUS = Path(__file__).parent / "corpus" / "imports"


@pytest.fixture()
def import_db(db_path, tmp_path, monkeypatch) -> Path:
    """A private copy of the session database: this page writes."""
    path = tmp_path / "kpi.duckdb"
    shutil.copy(db_path, path)
    monkeypatch.setenv("KPI_DB", str(path))
    monkeypatch.setenv("KPI_TODAY", "2026-11-22")
    return path


def open_import(password: str | None = None) -> AppTest:
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    if password:
        at.secrets["editor_password"] = password
    at.run()
    at.switch_page("pages/import_reports.py").run()
    assert not at.exception, at.exception
    return at


def upload(at: AppTest, *names: str) -> AppTest:
    files = [(n, (CORPUS / n).read_bytes(), "text/csv") for n in names]
    at.file_uploader(key="import_files").set_value(files).run()
    assert not at.exception, at.exception
    return at


def real_values(db: Path) -> list[tuple]:
    with connect(db) as con:
        return con.sql(
            "SELECT commune_code, indicator_code, period, value, source FROM observation WHERE NOT is_demo ORDER BY ALL"
        ).fetchall()


def test_without_password_the_page_checks_but_cannot_write(import_db):
    at = open_import()
    assert any("Chế độ chỉ xem" in w.value for w in at.warning)
    upload(at, "good_utf8_bom.csv")
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Số dòng"], metrics["Mới"], metrics["Cập nhật"]) == ("2", "2", "0")
    assert any("Tất cả các dòng hợp lệ" in s.value for s in at.success)
    assert not at.text_input, "no password field, so no way to write"
    assert real_values(import_db) == []


def test_errors_are_listed_file_row_field(import_db):
    at = upload(open_import("s3cret"), "bad_repeated_rows.csv", "bad_future_period.csv")
    assert any("2 lỗi" in e.value for e in at.error)
    table = at.dataframe[0].value
    assert table.to_dict("records") == [
        {"Tệp": "bad_repeated_rows.csv", "Dòng": 4, "Trường": "period",
         "Lỗi": "dòng lặp lại / repeated row: same key as bad_repeated_rows.csv:2"},
        {"Tệp": "bad_future_period.csv", "Dòng": 2, "Trường": "period",
         "Lỗi": "kỳ báo cáo chưa kết thúc / period 2027-Q1 has not ended yet (it ends 31/03/2027)"},
    ]
    assert not at.text_input, "a file set with errors cannot be confirmed"


def shown(markdown: str) -> str:
    """What a markdown element displays for text escaped with pages._shared.plain."""
    return re.sub(r"\\(.)", r"\1", markdown)


def test_unreadable_file_is_named(import_db):
    at = upload(open_import("s3cret"), "bad_encoding_utf32.csv")
    assert any(shown(e.value).startswith("bad_encoding_utf32.csv: mã hóa ký tự không hỗ trợ") for e in at.error)
    assert any(e.value.startswith("bad\\_encoding\\_utf32\\.csv") for e in at.error)  # escaped: never markdown


def test_wrong_passwords_are_slowed_down_then_locked_out(import_db, monkeypatch):
    from kpi import ratelimit

    now = [1000.0]
    monkeypatch.setattr(ratelimit, "EDITOR_SECRET", ratelimit.Attempts(clock=lambda: now[0]))
    monkeypatch.setattr("pages.import_reports.EDITOR_SECRET", ratelimit.EDITOR_SECRET, raising=False)
    at = upload(open_import("s3cret"), "good_utf8_bom.csv")

    def attempt(password: str) -> str:
        at.text_input[0].input(password)
        at.button[-1].click().run()
        assert not at.exception, at.exception
        return " ".join(e.value for e in at.error) + " ".join(s.value for s in at.success)

    for _ in range(3):  # three free mistakes
        assert "Sai mật khẩu" in attempt("wrong")
    assert "hãy chờ 1 giây" in attempt("s3cret")  # then a delay, even for the right password
    failures = 3
    while failures < 10:
        now[0] += 2.0 ** (failures - 3)  # wait out each doubling delay
        assert "Sai mật khẩu" in attempt("wrong")
        failures += 1
    now[0] += 600
    assert "tạm khóa 300 giây" in attempt("s3cret")  # ten wrong: locked out for 15 minutes
    assert real_values(import_db) == []
    now[0] += 300
    assert "Đã nhập lô 1" in attempt("s3cret")


def test_write_needs_the_right_password(import_db):
    at = upload(open_import("s3cret"), "good_utf8_bom.csv")
    at.text_input[0].input("wrong")
    at.button[-1].click().run()
    assert any("Sai mật khẩu" in e.value for e in at.error)
    assert real_values(import_db) == []

    at.text_input[0].input("s3cret")
    at.button[-1].click().run()
    assert not at.exception, at.exception
    assert any("Đã nhập lô 1: imported 2, updated 0, unchanged 0, ignored 0" in s.value for s in at.success)
    assert real_values(import_db) == [
        ("05851", "vneid_share", "2026-Q2", 60.0, "good_utf8_bom.csv"),
        ("11503", "vneid_share", "2026-Q3", 72.5, "good_utf8_bom.csv"),
    ]
    batches = at.dataframe[-1].value
    assert list(batches["file_names"]) == ["good_utf8_bom.csv"]


def test_pages_show_which_values_are_reports(import_db):
    from kpi import store
    from kpi.importer import import_files

    with store.edit(import_db, "import") as con:
        result = import_files(con, [CORPUS / "good_utf8_bom.csv"])
    assert result.ok
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    at.query_params["province"] = "31"
    at.query_params["commune"] = "11503"
    at.run()
    at.switch_page("pages/profile.py").run()
    assert not at.exception, at.exception
    assert any("xen lẫn số liệu báo cáo" in w.value and "2 giá trị" in w.value for w in at.warning)
    card = at.dataframe[0].value
    vneid = card[card["Chỉ tiêu"] == "Tỷ lệ người dân có tài khoản định danh điện tử (VNeID) (%)"]  # the name carries its unit
    assert vneid["Nguồn số liệu"].tolist() == ["Báo cáo"]
    assert vneid["Giá trị mới nhất"].tolist() == [72.5]
    assert set(card["Nguồn số liệu"]) == {"Báo cáo", "Minh họa"}


def test_the_file_check_runs_once_per_upload_not_on_every_click(import_db, monkeypatch):
    import kpi.importer

    calls = []
    real = kpi.importer.check_in_child
    monkeypatch.setattr(kpi.importer, "check_in_child", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    at = upload(open_import("s3cret"), "good_utf8_bom.csv")
    at.text_input[0].input("wrong")
    at.button[-1].click().run()
    at.run()
    assert len(calls) == 1  # three reruns, one check
    at.text_input[0].input("s3cret")
    at.button[-1].click().run()
    assert any("Đã nhập lô 1" in s.value for s in at.success)
    assert len(calls) == 2  # the write checks again, under the writer lock, against the snapshot it writes
