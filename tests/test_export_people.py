"""Exports people open in Excel set to Vietnamese: the workbook read back with openpyxl, both CSV forms read
back with their own separators and decimal marks, and LibreOffice (Debian's, headless, Vietnamese locale)
importing the csv-vn file the way Excel would."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from kpi import charts, export
from kpi.db import run
from kpi.export import Meta
from kpi.export.people import column as column_of
from kpi.export.people import for_people, registry
from kpi.scorecard import model
from kpi.sources import load_groups
from kpi.workflow import alerts

META = Meta("Xếp hạng chỉ số", [("Tỉnh, thành phố", "Thành phố Hải Phòng"), ("Kỳ đánh giá", "2026-Q3")], "abc123", True,
            ["queries/ranking.sql"])


def scores(con) -> pl.DataFrame:
    return run(con, "scores", period="2026-Q3", province="31", commune=None, group=None)


def page_frames(con) -> dict[str, pl.DataFrame]:
    """The frames the pages export, beside the CLI's datasets."""
    card = model.load(con, "11503")
    frames = {
        "ranking_by_index": run(con, "ranking_by_index", province="31", period="2026-Q3", previous="2026-Q2"),
        "ranking_by_indicator": run(con, "ranking_by_indicator", province="31", indicator="vneid_share", period="2026-Q3",
                                    previous="2026-Q2"),
        "heatmap": charts.complete_grid(run(con, "heatmap", province="31", period="2026-Q3", group=None)),
        "overview_status": run(con, "overview_status", province="31", period="2026-Q3", group=None),
        "trajectory": run(con, "trajectory", communes=["11503"], indicator="vneid_share"),
        "tasks": card.tasks,
        "profile": card.indicators.drop("trend", "trend_periods"),
        "plan_targets": run(con, "plan_targets", flag="conflict"),
        "indicators": run(con, "indicators", group=None, scope=None),
        "plan_targets_layers": run(con, "plan_targets", flag=None),
        "effective_targets": run(con, "effective_targets", province="31", commune="11560"),
        "milestone_targets": run(con, "milestone_targets", communes=["11560"], indicator="coverage_5g_population_share"),
        "unplaced_targets": run(con, "unplaced_targets"),
        "units": run(con, "units", province="31"),
        "red_alerts": alerts.alerts_per_commune(card.tasks),
        "needs_action": alerts.action_list(card.tasks, run(con, "action_off_track", province="31", period="2026-Q3"),
                                           run(con, "action_not_reported", province="31", quarter_end=date(2026, 9, 30)),
                                           run(con, "value_approvals", province="31"), "vi"),
        "value_approvals": run(con, "value_approvals", province=None),
    }
    return frames | {f"dataset {n}": export.dataset_frame(con, n) for n in export.DATASETS}


def test_every_exported_column_has_a_header_and_a_definition_in_both_languages(con):
    known = registry()
    for name, frame in page_frames(con).items():  # a group's score column: the registry's score_<group> entry
        missing = [c for c in frame.columns if c not in known and column_of(c).group is None]
        assert missing == [], f"{name}: {missing} are not in kpi/export/columns.yaml"
    groups = [column_of(f"score_{g.group}") for g in load_groups()]
    for column in [*known.values(), *groups]:  # the header is the catalogue's col.<name>, the words the pages use; def.<name>
        assert column.header("vi") and column.header("en") and column.definition("vi") and column.definition("en"), column
        assert column.definition("vi") != column.definition("en"), column
    assert [(c.header("vi"), c.header("en")) for c in groups] == [  # the group's (short) name, data/groups.yaml
        ("Điểm Hạ tầng số", "Digital infrastructure score"), ("Điểm Nhân lực số", "Digital skills score"),
        ("Điểm Chính quyền số", "Digital government score"), ("Điểm Kinh tế số", "Digital economy score"),
        ("Điểm Xã hội số", "Digital society score"), ("Điểm KH, CN và ĐMST", "S&T and innovation score")]
    assert column_header("pace_trend") == ("Xu hướng theo tốc độ", "Trend from pace")  # exports said "Tốc độ"
    assert column_header("group") == ("Mã nhóm", "Group code")  # the code, not the group's name


def column_header(name: str) -> tuple[str, str]:
    return registry()[name].header("vi"), registry()[name].header("en")


def test_workbook_reads_back_with_headers_legend_frozen_filter_numbers_and_details(con):
    frame = run(con, "ranking", period="2026-Q3", province="31")
    book = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(frame, META, "vi")))
    assert book.sheetnames == ["Dữ liệu", "Chú thích", "Thông tin"]
    data = book["Dữ liệu"]
    headers = [c.value for c in data[1]]
    assert headers[:4] == ["Mã tỉnh", "Tỉnh, thành phố", "Mã xã", "Xã, phường"]
    assert "Chỉ số" in headers and "Hạng trong tỉnh" in headers and "Tỷ lệ thiếu số liệu (%)" in headers
    assert data.freeze_panes == "A2"
    [table] = data.tables.values()
    assert table.autoFilter.ref == f"A1:{data.cell(1, len(headers)).column_letter}{frame.height + 1}"
    index = headers.index("Chỉ số") + 1
    cells = [data.cell(r, index) for r in range(2, frame.height + 2)]
    assert all(c.data_type == "n" for c in cells if c.value is not None)
    expected = frame["index"].round(1).to_list()
    assert [c.value for c in cells] == expected
    assert data.cell(2, index).number_format == "0.0"
    assert data.cell(2, 3).value == frame["commune_code"][0] and data.cell(2, 3).data_type == "s"  # codes stay text
    strings = [c.value for row in data.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(s.startswith("'") for s in strings), "nothing prefixed with an apostrophe"
    legend = [[c.value for c in row] for row in book["Chú thích"].iter_rows()]
    assert legend[0] == ["Cột", "Tên cột (máy)", "Định nghĩa"]
    assert [r[0] for r in legend[1:]] == headers and [r[1] for r in legend[1:]] == frame.columns
    assert all(r[2] for r in legend[1:])
    about = dict(tuple(c.value for c in row) for row in book["Thông tin"].iter_rows())
    assert about["Tiêu đề"] == "Xếp hạng chỉ số"
    assert about["Bộ lọc: Tỉnh, thành phố"] == "Thành phố Hải Phòng" and about["Bộ lọc: Kỳ đánh giá"] == "2026-Q3"
    assert about["Phiên bản dữ liệu"] == "abc123" and "giờ Việt Nam, Asia/Ho_Chi_Minh" in about["Thời điểm xuất"]
    assert "minh họa" in about["Số liệu"] and about["Nguồn"] == "queries/ranking.sql"


def test_workbook_in_english_and_the_unit_in_the_header(con):
    frame = run(con, "trajectory", communes=["11503"], indicator="vneid_share")
    book = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(frame, META, "en", unit="%")))
    assert book.sheetnames == ["Data", "Legend", "About"]
    headers = [c.value for c in book["Data"][1]]
    assert "Value (%)" in headers and "Demo data" in headers


def test_indicator_values_are_rounded_to_their_indicator_precision():
    frame = pl.DataFrame({"decimals": [0, 1, 0], "latest_value": [12.46, 57.047272727272706, 1.0]})  # the catalogue's
    sheet = for_people(frame, "vi")
    assert sheet.frame["Giá trị mới nhất"].to_list() == [12.0, 57.0, 1.0]
    assert sheet.frame["Giá trị mới nhất"].dtype == pl.Float64  # numbers stay numbers


def test_both_csv_forms_read_back_to_the_query_numbers(con):
    frame = scores(con)
    machine = list(csv.DictReader(io.StringIO(export.machine_csv(frame).decode("utf-8-sig"))))
    assert len(machine) == frame.height and list(machine[0]) == frame.columns
    assert [float(r["latest_value"]) if r["latest_value"] else None for r in machine] == frame["latest_value"].to_list()
    assert {r["target_comparator"] for r in machine} <= {"at_least", "more_than", "equal", "at_most", "less_than",
                                                          "range", "strive"}
    text = export.csv_vn(frame, "vi").decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("Mã tỉnh;"), "the header row first: nothing above the table for Excel to read as rows"
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == frame.height
    back = [float(r["Giá trị mới nhất"].replace(",", ".")) if r["Giá trị mới nhất"] else None for r in rows]
    assert back == [None if v is None else round(v, d) for v, d in frame.select("latest_value", "decimals").iter_rows()]
    assert any("," in r["Giá trị mới nhất"] for r in rows), "a decimal comma"
    assert {r["So sánh"] for r in rows} <= {"≥", ">", "bằng", "≤", "<", "trong khoảng", "phấn đấu"}
    assert not any(v.startswith("'") for r in rows for v in r.values() if v), "no cell needs neutralising"


def test_heatmap_export_keeps_every_cell_no_target_apart_from_no_data(con):
    grid = run(con, "heatmap", province="31", period="2026-Q3", group=None)
    full = charts.complete_grid(grid)
    assert full.height == grid["commune_code"].n_unique() * grid["indicator_code"].n_unique()
    assert full.height > grid.height, "some communes have no target for some indicators"
    assert full.filter(pl.col("status") == "no_target")["latest_value"].null_count() == full.filter(
        pl.col("status") == "no_target").height
    words = set(for_people(full, "vi").frame["Tình trạng"])
    assert "Không có mục tiêu" in words
    assert full.join(grid, on=["commune_code", "indicator_code"], how="anti")["status"].unique().to_list() == ["no_target"]


def test_libreoffice_in_vietnamese_reads_csv_vn_numbers_as_numbers(con, tmp_path):
    """Debian's LibreOffice, headless, importing with the Vietnamese locale (1066) and ';' as Excel set to
    Vietnamese does: the values arrive as numbers equal to the query's, dates as dates."""
    assert shutil.which("soffice"), "LibreOffice not found: run `make test`, which installs Debian's libreoffice-calc"
    frame = scores(con).head(300)
    source = tmp_path / "scores.csv"
    source.write_bytes(export.csv_vn(frame, "vi"))
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--infilter=CSV:59,34,76,1,,1066,false,true", "--convert-to", "xlsx", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    sheet = openpyxl.load_workbook(tmp_path / "scores.xlsx").worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    start = 0  # Excel's first row is the header: no line of details above the table
    headers = rows[start]
    assert headers[0] == "Mã tỉnh", headers
    latest, when = headers.index("Giá trị mới nhất"), headers.index("Ngày của giá trị mới nhất")
    body = rows[start + 1:]
    assert len(body) == frame.height
    values = [r[latest] for r in body]
    assert all(isinstance(v, (int, float)) for v in values if v is not None)
    assert values == [None if v is None else pytest.approx(v) for v in frame["latest_value"].round(1).to_list()]
    assert all(hasattr(r[when], "year") for r in body if r[when] is not None), "dates as dates"


def test_cli_offers_the_three_forms(db_path, tmp_path):
    import sys

    from kpi import config

    for fmt, name in (("xlsx", "u.xlsx"), ("csv-vn", "u-vn.csv"), ("csv", "u.csv")):
        out = tmp_path / name
        done = subprocess.run([sys.executable, "-m", "kpi", "export", "ranking", "--format", fmt, "-o", str(out),
                               "--db", str(db_path)], capture_output=True, text=True, cwd=config.ROOT, timeout=300)
        assert done.returncode == 0, done.stderr
    vn = (tmp_path / "u-vn.csv").read_bytes()
    assert vn.startswith(b"\xef\xbb\xbfM\xc3\xa3 t\xe1\xbb\x89nh;") and b";" in vn.splitlines()[-1]  # "Mã tỉnh;": the header first
    details = dict(csv.reader(io.StringIO((tmp_path / "u-vn-thong-tin.csv").read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert details["Tiêu đề"] == "ranking" and details["Nguồn"] == "queries/ranking.sql; data/"  # beside it, its details
    assert Path(tmp_path / "u.csv").read_bytes().decode("utf-8-sig").startswith("province_code,commune_code,commune_name,as_of_period")


# --- times: Excel has no time zones -----------------------------------------------------------------


@pytest.fixture()
def real_rows_db(db_path, tmp_path, monkeypatch) -> Path:
    """A copy of the session database with real rows: an imported value and a task report of Tân Lợi."""
    from kpi.accounts import Actor
    from kpi.db import connect
    from kpi.services import accounts, tasks, values
    from kpi.store import publisher

    path = tmp_path / "kpi.duckdb"
    shutil.copy(db_path, path)
    monkeypatch.setenv("KPI_DB", str(path))
    monkeypatch.setenv("KPI_TODAY", "2026-12-01")
    admin = Actor.server_admin()
    report = tmp_path / "q3.csv"
    report.write_text("commune_code,indicator_code,period,value\n25378,online_public_service_usage_share,2026-Q3,61\n",
                      encoding="utf-8")
    accounts.add_user(path, admin, "admin@dongnai.gov.vn", "admin")
    assert values.import_files(path, admin, [report]).ok
    with connect(path) as con:
        task_id = con.sql("SELECT min(task_id) FROM task WHERE commune_code = '25378'").fetchall()[0][0]
    assert tasks.report_task(path, admin, task_id=task_id, status="in_progress", percent=40, note="", evidence={}).ok
    publisher.publish_if_pending(path)
    return path


@pytest.fixture()
def page_downloads(monkeypatch) -> dict[str, object]:
    """What each download button of a page would send, by file name (the workbook: a callable, run on click)."""
    from streamlit.elements.widgets.button import ButtonMixin

    seen: dict[str, object] = {}
    real = ButtonMixin.download_button

    def spy(self, label, data, file_name=None, *args, **kw):
        seen[file_name] = data
        return real(self, label, data, file_name, *args, **kw)

    monkeypatch.setattr(ButtonMixin, "download_button", spy)
    return seen


def vietnam_wall_clock(db: Path, sql: str) -> datetime:
    from kpi.db import connect
    from kpi.i18n import VIETNAM

    with connect(db) as con:
        moment = con.sql(sql).pl().item()  # polars: DuckDB's Python values of TIMESTAMPTZ need pytz
    return moment.astimezone(VIETNAM).replace(tzinfo=None, microsecond=0)


def workbook_column(data: bytes, header: str) -> list[object]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    return [row[rows[0].index(header)] for row in rows[1:]]


def test_excel_downloads_of_pages_with_real_rows_carry_vietnam_time(real_rows_db, page_downloads):
    from streamlit.testing.v1 import AppTest

    from kpi import config
    from tests.test_import_page import AUTH

    reported = vietnam_wall_clock(real_rows_db, "SELECT max(reported_at) FROM task_report")
    imported = vietnam_wall_clock(real_rows_db, "SELECT max(imported_at) FROM import_batch")
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email_verified": True, "email": "admin@dongnai.gov.vn"}
    at.query_params["province"] = "75"
    at.query_params["commune"] = "25378"
    at.run()
    for page in ("pages/tasks.py", "pages/import_reports.py", "pages/profile.py"):
        at.switch_page(page).run()
        assert not at.exception, at.exception
    at.selectbox(key="history_25378").set_value("online_public_service_usage_share").run()
    assert not at.exception, at.exception

    header = "{} (giờ Việt Nam)"
    for name, column, expected in (
        ("nhiem-vu-75", header.format("Thời điểm báo cáo"), reported),
        ("lo-nhap", header.format("Thời điểm nhập"), imported),
        ("lich-su-25378-online_public_service_usage_share", header.format("Thời điểm nhập"), imported),
    ):
        workbook = page_downloads[f"{name}.xlsx"]()  # what the click on Tải Excel sends
        cells = [c.replace(microsecond=0) for c in workbook_column(workbook, column) if c is not None]
        assert expected in cells, (name, cells[:3])
        people_csv = page_downloads[f"{name}.csv"].decode("utf-8-sig")
        assert f"{expected:%d/%m/%Y %H:%M}" in people_csv and column in people_csv
        machine = page_downloads[f"{name}-data.csv"].decode("utf-8-sig")
        assert f"{expected:%Y-%m-%dT%H:%M:%S}+07:00" in machine, name


def test_a_time_in_any_zone_is_written_as_vietnam_time_in_every_form():
    moment = datetime(2026, 11, 22, 20, 5, tzinfo=UTC)  # 03:05 the next day in Vietnam
    frame = pl.DataFrame({"batch_id": [1, 2], "imported_at": [moment, None]}).with_columns(
        pl.col("imported_at").dt.convert_time_zone("Europe/Paris"))
    assert workbook_column(export.xlsx_bytes(frame, META), "Thời điểm nhập (giờ Việt Nam)") == [datetime(2026, 11, 23, 3, 5), None]
    assert workbook_column(export.xlsx_bytes(frame, META, "en"), "Imported at (Vietnam time)")[0] == datetime(2026, 11, 23, 3, 5)
    assert export.csv_vn(frame).decode("utf-8-sig").splitlines()[-2:] == ["1;23/11/2026 03:05", "2;"]
    assert export.machine_csv(frame).decode("utf-8-sig").splitlines() == [
        "batch_id,imported_at", "1,2026-11-23T03:05:00+07:00", "2,"]


def test_periods_read_as_on_screen_in_peoples_forms_and_as_codes_for_machines(con):
    """Issue 32, item 9: a quarter is 'Q3/2026' in the workbook and the CSV for Excel, as the pages write it
    (kpi.i18n.fmt_period); the machine CSV keeps the code '2026-Q3'."""
    from kpi.i18n import fmt_period

    frame = scores(con).head(5)
    assert set(frame["as_of_period"]) == {"2026-Q3"}
    rows = list(csv.DictReader(io.StringIO(export.csv_vn(frame, "vi").decode("utf-8-sig")), delimiter=";"))
    assert {r["Kỳ đánh giá"] for r in rows} == {fmt_period("2026-Q3")} == {"Q3/2026"}
    book = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(frame, META, "en")))
    header = [c.value for c in book.worksheets[0][1]]
    assert {r[header.index("Scored as of")] for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)} == {"Q3/2026"}
    machine = list(csv.DictReader(io.StringIO(export.machine_csv(frame).decode("utf-8-sig"))))
    assert {r["as_of_period"] for r in machine} == {"2026-Q3"}
    months = for_people(pl.DataFrame({"period": ["2026-Q4", "2025-10", "2025", None]}), "vi").frame["Kỳ"].to_list()
    assert months == ["Q4/2026", "2025-10", "2025", None]  # months and years stay as written


def test_values_are_rounded_to_their_indicators_precision_by_code_or_kind(con):
    """Issue 32, item 9: a points indicator keeps 2 decimals, a share 1, a count none, whether the table has a
    `kind` column or only the indicator's code (the catalogue's precision, given as the pages and `export` give it)."""
    frame = pl.DataFrame({"indicator_code": ["dvc766_total", "vneid_share", "community_digital_teams_per_village", "x"],
                          "latest_value": [87.456, 76.24, 12.4, 3.14159]})
    places = export.decimals(con)
    rows = list(csv.DictReader(io.StringIO(export.csv_vn(frame, "vi", places=places).decode("utf-8-sig")), delimiter=";"))
    assert [r["Giá trị mới nhất"] for r in rows] == ["87,46", "76,2", "12,0", "3,1"]  # an unknown code: one decimal
    book = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(frame.with_columns(kind=pl.Series(
        ["points", "percent", "count", "money"])), META, places=places)))
    assert [r[1] for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)] == [87.46, 76.2, 12, 3.1]


def test_an_indicators_direction_and_kind_are_words_for_people_and_codes_for_machines(con):
    """Issue 32, item 8: no 'percent' or 'higher' in the workbook or the CSV for Excel."""
    frame = export.dataset_frame(con, "indicators")
    rows = list(csv.DictReader(io.StringIO(export.csv_vn(frame, "vi").decode("utf-8-sig")), delimiter=";"))
    assert {r["Chiều tốt"] for r in rows} == {"Càng cao càng tốt", "Càng thấp càng tốt"}
    assert {r["Loại giá trị"] for r in rows} >= {"Tỷ lệ %", "Số lượng"} and "percent" not in {r["Loại giá trị"] for r in rows}
    english = export.csv_vn(frame, "en").decode("utf-8-sig")
    assert "Higher is better" in english and ";higher;" not in english and ";percent;" not in english
    machine = list(csv.DictReader(io.StringIO(export.machine_csv(frame).decode("utf-8-sig"))))
    assert {r["direction"] for r in machine} == {"higher", "lower"}
