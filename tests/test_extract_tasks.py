"""kpi.extract.tasks: the task appendix of the real plans against data/tasks, and synthetic appendices."""

from __future__ import annotations

import csv

import pytest

from kpi import config
from kpi.extract.evaluate import task_pairs
from kpi.extract.read import Line, read_lines
from kpi.extract.tasks import find_tasks

TASKS_DIR = config.DATA_DIR / "tasks"
PLANS_WITH_APPENDIX = ("23548", "11503", "05851", "25378")
THRESHOLD = 0.95  # recall and precision; the measure is kpi.extract.evaluate's


def _lines(text: str) -> list[Line]:
    numbered = [Line(n, t.strip()) for n, t in enumerate(text.strip("\n").splitlines(), start=1)]
    return [line for line in numbered if line.text]


def _curated(commune: str) -> list[dict[str, str]]:
    with (TASKS_DIR / f"{commune}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("commune", PLANS_WITH_APPENDIX)
def test_real_plan_recall_and_precision(commune: str) -> None:
    curated = _curated(commune)
    seed = config.SEEDS_DIR / curated[0]["seed_file"]
    candidates = find_tasks(read_lines(seed))
    matched = [(i, j) for j, i in task_pairs([t["task"] for t in curated], [c.task for c in candidates])]
    recall, precision = len(matched) / len(curated), len(matched) / max(1, len(candidates))
    assert recall >= THRESHOLD, f"{commune}: recall {recall:.2f}"
    assert precision >= THRESHOLD, f"{commune}: precision {precision:.2f}"
    lead = sum(" ".join(candidates[i].lead_agency.split()) == " ".join(curated[j]["lead_agency"].split()) for i, j in matched)
    assert lead >= 0.9 * len(matched)
    for c in candidates:
        assert 0.0 <= c.confidence <= 1.0 and c.reasons
        assert c.first_line <= c.last_line


def test_plan_without_task_appendix_gives_nothing() -> None:
    seed = config.SEEDS_DIR / "004_a4ca80eb90bd8f5e.txt"
    assert find_tasks(read_lines(seed)) == []


def test_no_appendix() -> None:
    text = """
KẾ HOẠCH
Thực hiện Nghị quyết số 57-NQ/TW
II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Nâng cao nhận thức về chuyển đổi số
Triển khai các nhiệm vụ, giải pháp theo chức năng, nhiệm vụ được giao.
2. Phát triển hạ tầng số
UBND xã chủ trì, phối hợp với Phòng Văn hóa - Xã hội thực hiện thường xuyên.
"""
    assert find_tasks(_lines(text)) == []
    assert find_tasks([]) == []


def test_tab_separated_appendix() -> None:
    text = (
        "PHỤ LỤC I: DANH MỤC CÁC NHIỆM VỤ TRIỂN KHAI\n"
        "STT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tSản phẩm\tThời gian hoàn thành\n"
        "I.\tHoàn thiện thể chế\t\t\t\t\n"
        "1\tBan hành quy chế vận hành hệ thống thông tin\tVăn phòng HĐND và UBND\tCác phòng chuyên\tQuy chế\tQuý III/2025\n"
        "\tcủa xã và các thôn\t\tmôn\t\t\n"
        "2\tRà soát danh mục cơ sở dữ liệu dùng chung\tPhòng Kinh tế\tCông an xã\tDanh mục\tNăm 2025\n"
        "STT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tSản phẩm\tThời gian hoàn thành\n"
        "II\tPhát triển hạ tầng số\t\t\t\t\n"
        "3\tLắp đặt điểm truy cập wifi miễn phí tại nhà văn hóa\tUBND xã\tCác doanh nghiệp viễn thông\tĐiểm wifi\t2025-2030\n"
    )
    tasks = find_tasks(_lines(text))
    assert [t.seq for t in tasks] == ["1", "2", "3"]
    first = tasks[0]
    assert first.task == "Ban hành quy chế vận hành hệ thống thông tin của xã và các thôn"
    assert (first.lead_agency, first.partners, first.deliverable, first.deadline_text) == (
        "Văn phòng HĐND và UBND",
        "Các phòng chuyên môn",
        "Quy chế",
        "Quý III/2025",
    )
    assert first.section == "I. Hoàn thiện thể chế" and tasks[2].section == "II Phát triển hạ tầng số"
    assert (first.first_line, first.last_line) == (4, 5)
    assert tasks[2].deadline_text == "2025-2030"
    assert "deadline recognised" in first.reasons and first.confidence >= 0.8


def test_flattened_appendix() -> None:
    """Cells on lines of their own, wrapped; cells run together; the header repeated after a page number;
    numbering restarting in each section."""
    text = """
PHỤ LỤC
DANH MỤC NHIỆM VỤ TRIỂN KHAI
TT Tên nhiệm vụ
Cơ quan chủ trì
thực hiện
Cơ quan phối hợp Kết quả
Thời gian
hoàn thành
I.
NÂNG CAO NHẬN THỨC VỀ CHUYỂN ĐỔI SỐ
1
Tổ chức tuyên truyền, phổ biến Nghị quyết 57-NQ/TW
trên hệ thống loa truyền thanh của xã
Phòng Văn hóa -
Xã hội
Các cơ quan, đơn vị Kế hoạch
Thường
xuyên
2
Bồi dưỡng kỹ năng số cho cán bộ, công chức xã
Văn phòng
HĐND&UBND
Trung tâm phục vụ
HCC
Báo cáo kết quả
Tháng
12/2025
II
PHÁT TRIỂN HẠ TẦNG SỐ
1
Mở rộng vùng phủ sóng di động tại các thôn vùng sâu Phòng Kinh tế Các doanh nghiệp viễn thông
Trạm phát sóng
2025 -
2026
2
Số hóa hồ sơ, tài liệu lưu trữ của các cơ quan, đơn vị trên địa bàn
Công an xã Các cơ quan, đơn vị
Năm 2026
7
TT Tên nhiệm vụ
Cơ quan chủ trì
thực hiện
Cơ quan phối hợp Kết quả
Thời gian
hoàn thành
3
Cập nhật dữ liệu dân cư phục vụ Đề án 06
Công an xã
Các thôn
Dữ liệu được làm sạch
Quý IV/2025
"""
    tasks = find_tasks(_lines(text))
    assert [t.seq for t in tasks] == ["I.1", "I.2", "II.1", "II.2", "II.3"]
    by_seq = {t.seq: t for t in tasks}
    one = by_seq["I.1"]
    assert one.task == "Tổ chức tuyên truyền, phổ biến Nghị quyết 57-NQ/TW trên hệ thống loa truyền thanh của xã"
    assert (one.lead_agency, one.partners, one.deliverable, one.deadline_text) == (
        "Phòng Văn hóa - Xã hội",
        "Các cơ quan, đơn vị",
        "Kế hoạch",
        "Thường xuyên",
    )
    assert one.section == "I. NÂNG CAO NHẬN THỨC VỀ CHUYỂN ĐỔI SỐ"
    two = by_seq["I.2"]
    assert (two.lead_agency, two.partners, two.deadline_text) == ("Văn phòng HĐND&UBND", "Trung tâm phục vụ HCC", "Tháng 12/2025")
    run_together = by_seq["II.1"]
    assert run_together.task == "Mở rộng vùng phủ sóng di động tại các thôn vùng sâu"
    assert (run_together.lead_agency, run_together.partners, run_together.deadline_text) == (
        "Phòng Kinh tế",
        "Các doanh nghiệp viễn thông",
        "2025 - 2026",
    )
    assert by_seq["II.2"].deadline_text == "Năm 2026" and "7" not in by_seq["II.2"].deliverable  # a page number
    assert by_seq["II.3"].task == "Cập nhật dữ liệu dân cư phục vụ Đề án 06"
    assert by_seq["II.3"].deadline_text == "Quý IV/2025"
    assert all("row number found" in t.reasons for t in tasks)
