"""Exports: the columns the CLI promises, UTF-8 with BOM for Excel, formulas neutralised."""

import csv
import io
import subprocess
from collections import Counter

import openpyxl
import polars as pl
import pytest

from kpi.export import Meta, csv_bytes, csv_vn, neutralise, xlsx_bytes
from tests.commands import kpi_command


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return kpi_command(*args)


def read_csv_file(path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM so Excel reads Vietnamese"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_export_units_csv(db_path, tmp_path):
    out = tmp_path / "units.csv"
    proc = run_cli("export", "units", "--db", str(db_path), "--format", "csv", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    rows = read_csv_file(out)
    assert list(rows[0]) == ["province_code", "province_name", "commune_code", "commune_name", "unit_type"]
    assert len(rows) == 3321
    viet_khe = next(r for r in rows if r["commune_code"] == "11503")
    assert viet_khe == {
        "province_code": "31",
        "province_name": "Thành phố Hải Phòng",
        "commune_code": "11503",
        "commune_name": "Xã Việt Khê",
        "unit_type": "xã",
    }
    assert next(r for r in rows if r["commune_code"] == "05851")["commune_name"] == "Xã Quân Chu"  # leading zero kept


def test_export_indicators_csv_matches_catalogue(db_path, tmp_path, sources):
    out = tmp_path / "indicators.csv"
    proc = run_cli("export", "indicators", "--db", str(db_path), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    rows = read_csv_file(out)
    assert list(rows[0]) == [
        "indicator_code", "name_vi", "name_en", "unit", "group", "direction", "kind", "lower_bound", "upper_bound", "scope",
        "unit_en", "decimals",
    ]
    assert {r["indicator_code"] for r in rows} == {i.code for i in sources.indicators}
    by_code = {i.code: i for i in sources.indicators}
    for row in rows:
        ind = by_code[row["indicator_code"]]
        assert (row["name_vi"], row["group"], row["direction"]) == (ind.name_vi, ind.group, ind.direction)
        assert float(row["upper_bound"]) == ind.upper_bound
        assert (row["unit_en"], int(row["decimals"])) == (ind.unit_en, ind.decimals)


def test_export_xlsx_reads_back(db_path, tmp_path):
    out = tmp_path / "units.xlsx"
    assert run_cli("export", "units", "--db", str(db_path), "--format", "xlsx", "-o", str(out)).returncode == 0
    frame = pl.read_excel(out, sheet_name="Dữ liệu", schema_overrides={"Mã xã": pl.String, "Mã tỉnh": pl.String})
    assert frame.height == 3321
    assert "Xã Ân Hảo" in frame["Xã, phường"].to_list()
    assert "05851" in frame["Mã xã"].to_list()  # leading zeros kept: codes are text


def test_export_without_database_is_a_usage_error(tmp_path):
    proc = run_cli("export", "units", "--db", str(tmp_path / "none.duckdb"), "-o", str(tmp_path / "x.csv"))
    assert proc.returncode == 2
    assert "python -m kpi build" in proc.stderr


@pytest.mark.parametrize("text", ["=HYPERLINK(\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd"])
def test_formula_like_text_is_neutralised_in_csv_and_plain_text_in_xlsx(text):
    assert neutralise(text) == "'" + text
    frame = pl.DataFrame({"note": [text], "value": [-5.0]})
    [header, row] = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"))))
    assert header == ["note", "value"]
    assert row == ["'" + text, "-5"]  # numbers keep their sign
    meta = Meta("t", [], "v", None, [])
    *_, last = csv.reader(io.StringIO(csv_vn(frame).decode("utf-8-sig")), delimiter=";")
    assert last == ["'" + text, "-5,0"]
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(frame, meta)))
    cell = book.worksheets[0]["A2"]
    assert cell.value == text and cell.data_type == "s"  # text as text: never run, never prefixed


def test_preamble_lines_come_first():
    body = csv_bytes(pl.DataFrame({"a": [1]}), ["Dữ liệu minh họa", "Tỉnh, thành phố: Gia Lai"]).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(body))) == [["# Dữ liệu minh họa"], ["# Tỉnh, thành phố: Gia Lai"], ["a"], ["1"]]


def test_machine_csv_written_by_polars_reads_as_the_row_by_row_form():
    """csv_bytes writes a frame of text, numbers, booleans and dates with polars (the page path); the bytes
    are those of the row-by-row form: empty text and null alike empty, whole floats without ".0",
    formulas neutralised, quotes and line breaks quoted."""
    from datetime import date

    from kpi.export.delimited import _cell

    frame = pl.DataFrame({
        "text": ["a,b", "", None, '=1+1', 'say "hi"', "line\nbreak", "-3", "Tỉnh"],
        "value": [80.0, 57.047272, None, -5.0, 0.1, 1e15, 2.5, -0.0],
        "count": [1, None, 3, 4, 5, 6, 7, 8],
        "flag": [True, False, None, True, False, True, False, True],
        "day": [date(2025, 3, 31), None, date(2026, 12, 31), date(2025, 1, 1), None, None, None, date(2045, 12, 31)],
    })
    expected = io.StringIO(newline="")
    writer = csv.writer(expected, lineterminator="\r\n")
    writer.writerow(frame.columns)
    for row in frame.iter_rows():
        writer.writerow([_cell(v) for v in row])
    assert csv_bytes(frame) == ("\ufeff" + expected.getvalue()).encode("utf-8")
    [_, first, second, *_] = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"))))
    assert first == ["a,b", "80", "1", "true", "2025-03-31"]
    assert second == ["", "57.047272", "", "false", ""]


# The columns each issue promises for `python -m kpi export DATASET` (a public interface).
PROMISED = {
    "targets": ["province_code", "commune_code", "commune_name", "indicator_code", "indicator_name_vi", "year", "comparator",
                "value", "value_max", "unit", "source_level", "citation"],
    "plan_targets": ["province_code", "commune_code", "commune_name", "indicator_code", "indicator_name_vi", "year",
                     "comparator", "value", "value_max", "unit", "source_level", "citation", "seed_file", "wording_vi", "flag"],
    "conflicts": ["commune_code", "indicator_code", "year", "value", "citation", "is_effective"],
    "tasks": ["commune_code", "section", "task", "lead_agency", "partners", "deliverable", "deadline_text", "deadline_date",
              "recurring"],
    "observations": ["province_code", "commune_code", "indicator_code", "period", "value", "is_demo", "source"],
    "scores": ["province_code", "commune_code", "indicator_code", "as_of_period", "latest_value", "next_milestone_year",
               "target_value", "required_path_value", "attainment", "status", "projected_value", "pace_needed_per_year"],
    "ranking": ["province_code", "commune_code", "commune_name", "index", "missing_share", "rank_province", "rank_national",
                "province_average", "gap_to_province_average", "score_digital_infrastructure", "score_digital_skills",
                "score_digital_government", "score_digital_economy", "score_digital_society", "score_science_innovation"],
}


@pytest.mark.parametrize("dataset", sorted(PROMISED))
def test_cli_export_columns_and_rows(db_path, tmp_path, dataset):
    from kpi.db import connect
    from kpi.export import dataset_frame

    out = tmp_path / f"{dataset}.csv"
    proc = run_cli("export", dataset, "--db", str(db_path), "--format", "csv", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    rows = read_csv_file(out)
    assert rows, f"{dataset} export is empty"
    missing = [c for c in PROMISED[dataset] if c not in rows[0]]
    assert missing == []
    with connect(db_path) as con:
        assert len(rows) == dataset_frame(con, dataset).height
    if dataset in ("targets", "plan_targets", "conflicts"):
        # every target names its document: a commune's plan by name (not its seed file), or a published document with
        # its address
        for r in rows:
            assert r["citation"].startswith("Kế hoạch của xã ") or (r["citation"].startswith(r["document"])
                                                                   and r["url"].startswith("http")), r
    if dataset in ("targets", "plan_targets"):
        assert {r["source_level"] for r in rows} == {"commune", "province", "national"}
    if dataset == "conflicts":
        # Việt Khê's two pairs, and the national layer's three (57-NQ/TW's "trên" against 71/NQ-CP's "≥", named by document)
        assert Counter(r["commune_code"] for r in rows) == {"11503": 4, "": 6}
    if dataset == "scores":
        assert {r["status"] for r in rows} <= {"met", "on_track", "at_risk", "off_track", "no_data"}
    if dataset == "ranking":
        # no index when more than 20% of a commune's indicators have no data (the SDG Index rule)
        assert all((r["index"] == "") == (float(r["missing_share"]) > 0.2) for r in rows)
