"""Deadlines as the plans write them, parsed."""

from datetime import date

import polars as pl
import pytest

from kpi.tasks import deadline_words, deadlines, parse_deadline


@pytest.mark.parametrize(
    ("text", "kind", "due", "recurring"),
    [
        ("Năm 2025", "year_end", date(2025, 12, 31), False),
        ("2026", "year_end", date(2026, 12, 31), False),
        ("2025 - 2026", "year_end", date(2026, 12, 31), False),
        ("Tháng 01/2026", "date", date(2026, 1, 31), False),
        ("Tháng 6 năm 2026", "date", date(2026, 6, 30), False),
        ("Quý I/2026", "date", date(2026, 3, 31), False),
        ("Quý IV năm 2025", "date", date(2025, 12, 31), False),
        ("30/6/2026", "date", date(2026, 6, 30), False),
        ("Thường xuyên", "recurring", None, True),
        ("Hằng năm", "recurring", None, True),
        ("Hàng năm", "recurring", None, True),
        ("Năm 2025 và những năm tiếp theo", "recurring", date(2025, 12, 31), True),
        ("Nhiệm vụ thường xuyên", "recurring", None, True),
        ("Tháng 11 của năm trước", "recurring", None, True),
        ("Tháng 07/2025", "date", date(2025, 7, 31), False),
        ("Hoàn thành kết nối tháng 9/2026", "date", date(2026, 9, 30), False),
        ("Sau khi thành phố ban hành bộ quy tắc", "conditional", None, False),
        ("Theo tiến độ của UBND thành phố", "conditional", None, False),
        ("", "none", None, False),
    ],
)
def test_deadline_forms(text, kind, due, recurring):
    d = parse_deadline(text)
    assert (d.kind, d.due, d.recurring) == (kind, due, recurring)
    assert d.text == text


def test_every_deadline_in_the_plans_parses(sources):
    """Each deadline written in a task appendix is understood (a date, a year end or recurring)."""
    texts = {t.deadline_text for t in sources.tasks if t.deadline_text}
    assert texts, "the task appendices have deadlines"
    unparsed = sorted(x for x in texts if parse_deadline(x).kind == "none")
    assert unparsed == []


# Tasks per plan, counted in the appendices (Ân Hảo's plan has no task appendix).
TASKS_PER_PLAN = {"23548": 32, "11503": 43, "05851": 48, "25378": 20}


def test_task_counts_per_plan(sources):
    counts: dict[str, int] = {}
    for task in sources.tasks:
        counts[task.commune_code] = counts.get(task.commune_code, 0) + 1
    assert {c: counts.get(c) for c in TASKS_PER_PLAN} == TASKS_PER_PLAN
    assert "21697" not in counts


def test_tasks_as_written(sources):
    by_key = {(t.commune_code, t.seq, t.section[:3]): t for t in sources.tasks}
    quan_chu_22 = next(t for t in sources.tasks if t.commune_code == "05851" and t.seq == "22")
    assert quan_chu_22.deadline_text == "2025 - 2026"
    assert quan_chu_22.lead_agency == "UBND xã" and quan_chu_22.deliverable == "Hoàn thành kết nối"
    assert parse_deadline(quan_chu_22.deadline_text).due == date(2026, 12, 31)
    tan_loi = [t for t in sources.tasks if t.commune_code == "25378"]
    assert all(t.deadline_text == "" and t.partners == "" for t in tan_loi)  # a one-year plan: no deadline column
    assert by_key[("25378", "VI.3", "VI.")].task == "Xây dựng Đề án Chuyển đổi số trên địa bàn xã giai đoạn 2026-2030"


def test_export_tasks(db_path, tmp_path):
    import csv
    import io
    import subprocess
    import sys

    from kpi import config

    out = tmp_path / "tasks.csv"
    proc = subprocess.run(
        [sys.executable, "-m", "kpi", "export", "tasks", "--db", str(db_path), "-o", str(out)],
        capture_output=True, text=True, cwd=config.ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    for column in ("commune_code", "section", "task", "lead_agency", "partners", "deliverable", "deadline_text",
                   "deadline_date", "recurring"):
        assert column in rows[0]
    by_deadline = {r["deadline_text"]: r for r in rows if r["commune_code"] == "05851"}
    assert by_deadline["Tháng 8/2025"]["deadline_date"] == "2025-08-31"
    assert by_deadline["Thường xuyên"]["recurring"] == "true" and by_deadline["Thường xuyên"]["deadline_date"] == ""


def test_viet_khe_tasks_have_no_deliverable_column_and_keep_conditional_deadlines(sources):
    viet_khe = [t for t in sources.tasks if t.commune_code == "11503"]
    assert all(t.deliverable == "" for t in viet_khe)  # Phụ lục III has no deliverable column
    by_seq = {t.seq: t for t in viet_khe}
    assert by_seq["III.5"].deadline_text == "Hoàn thành kết nối tháng 9/2026"
    assert parse_deadline(by_seq["III.5"].deadline_text).due == date(2026, 9, 30)
    assert parse_deadline(by_seq["I.7"].deadline_text).kind == "conditional"
    assert by_seq["III.1"].lead_agency == "Phòng Kinh tế"
    assert "ít nhất 3% tổng chi ngân sách xã hằng năm" in by_seq["III.1"].task
    ya_ly = {t.seq: t for t in sources.tasks if t.commune_code == "23548"}
    assert ya_ly["17"].partners == "Công an xã; các cơ quan, đơn vị"
    assert ya_ly["16"].deadline_text == "2025 - 2026"
    assert ya_ly["26"].deliverable == ""  # the cell is empty in the plan


@pytest.mark.parametrize(("text", "english"), [
    ("Tháng 7/2025", "Jul 2025"), ("Tháng 01/2026", "Jan 2026"), ("Năm 2025", "2025"), ("2025 - 2026", "2025–2026"),
    ("Quý I/2026", "Q1/2026"), ("Thường xuyên", "Ongoing"), ("Nhiệm vụ thường xuyên", "Ongoing"), ("Hằng năm", "Yearly"),
    ("Hàng năm", "Yearly"), ("Năm 2025 và những năm tiếp theo", "2025, then yearly"),
    ("Tháng 11 của năm trước", "Nov of the year before"), ("30/6/2026", "30/6/2026"),
    ("Sau khi thành phố ban hành kế hoạch", "Sau khi thành phố ban hành kế hoạch"),  # the plan's own condition
    ("", ""),
])
def test_deadlines_in_english_and_as_written_in_vietnamese(text, english):
    assert deadline_words(text, "en") == english
    assert deadline_words(text, "vi") == text


def test_deadlines_of_a_frame_map_its_texts():
    frame = pl.DataFrame({"deadline_text": ["Tháng 7/2025", "Thường xuyên", "Tháng 7/2025"]})
    assert frame.select(deadlines(frame["deadline_text"], "en"))["deadline_text"].to_list() == ["Jul 2025", "Ongoing", "Jul 2025"]
    assert frame.select(deadlines(frame["deadline_text"], "vi"))["deadline_text"].to_list() == frame["deadline_text"].to_list()
