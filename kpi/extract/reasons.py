"""The reasons a candidate gives for its confidence, in the reader's language. kpi.extract writes them in
English, joined by "; " (the review workbook's `reasons` column and the tests read them so); the review
page shows them in Vietnamese through this table. A phrase not in the table is shown as written."""

from __future__ import annotations

import re

# (English phrase as kpi.extract.targets and kpi.extract.tasks write it, Vietnamese); {…} are the phrase's values
PHRASES: tuple[tuple[str, str], ...] = (
    ("wording matches {code} ({score})", "nguyên văn khớp chỉ tiêu {code} ({score})"),
    ("no catalogue indicator fits (closest {code} {score}): proposed new",
     "không chỉ tiêu nào của danh mục khớp (gần nhất {code} {score}): đề xuất chỉ tiêu mới"),
    ("close to {code} ({score}): check the indicator", "gần với {code} ({score}): kiểm tra lại chỉ tiêu"),
    ("at least", "có từ “tối thiểu, ít nhất, từ, trở lên”: ≥"),
    ("more than", "có từ “trên, hơn, vượt”: >"),
    ("at most", "có từ “tối đa, không quá”: ≤"),
    ("less than", "có từ “dưới, thấp hơn”: <"),
    ("'phấn đấu' without a bound", "“phấn đấu” không kèm cận"),
    ("a plain value", "giá trị đơn (=)"),
    ("a range", "một khoảng giá trị"),
    ("year in the statement", "năm nêu trong câu"),
    ("year from the heading above", "năm lấy từ đề mục phía trên"),
    ("no year", "không có năm"),
    ("every year ('hằng năm')", "hằng năm"),
    ("milestone table, column Năm {year}", "bảng mốc, cột Năm {year}"),
    ("'{words}' read as ≥ 100% of the estimate", "“{words}” được hiểu là ≥ 100% dự toán"),
    ("'{words}' read as {value}", "“{words}” được hiểu là {value}"),
    ("interpreted: check the value", "giá trị do diễn giải: kiểm tra lại"),
    ("row number found", "có số thứ tự dòng"),
    ("tab-separated cells", "các ô tách bằng tab"),
    ("lead agency recognised", "nhận ra cơ quan chủ trì"),
    ("no lead agency found", "không thấy cơ quan chủ trì"),
    ("table has no deadline column", "bảng không có cột thời hạn"),
    ("deadline recognised", "nhận ra thời hạn"),
    ("no deadline recognised", "không nhận ra thời hạn"),
    ("task text resumed after other cells", "nội dung nhiệm vụ nối tiếp sau các ô khác"),
    ("very short task text", "nội dung nhiệm vụ rất ngắn"),
)


def _pattern(english: str) -> re.Pattern[str]:
    parts = re.split(r"(\{\w+\})", english)
    return re.compile("".join(f"(?P<{p[1:-1]}>.+?)" if p.startswith("{") else re.escape(p) for p in parts) + "$")


_TABLE = tuple((_pattern(en), vi) for en, vi in PHRASES)


def phrase(reason: str, lang: str) -> str | None:
    """One reason in `lang` ("vi" or "en"); None when the table does not know it."""
    if lang != "vi":
        return reason
    for pattern, vi in _TABLE:
        found = pattern.match(reason)
        if found:
            return vi.format(**found.groupdict())
    return None


def in_language(reasons: str, lang: str) -> str:
    """A candidate's reasons ("a; b; c") in `lang`; a phrase the table does not know is kept as written."""
    return "; ".join(phrase(r, lang) or r for r in reasons.split("; ")) if reasons else reasons
